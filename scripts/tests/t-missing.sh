#!/bin/bash
# A package version that the archive does not serve, and a missing tool,
# each stop with a message that names them.
. "$(dirname "$0")/lib.sh"
scratch_project
trap cleanup_scratch EXIT
rm "$SCRATCH/cache/base"
sed 's/^BASE_VERSION=.*/BASE_VERSION=0.0.1-kmemcg-missing/' \
	"$TOP/scripts/base.conf" >"$SCRATCH/base.conf"
expect_fail "base: a missing package version is named" \
	'could not download package linux-source-7\.3 version 0\.0\.1-kmemcg-missing' \
	-- env BASE_CONF="$SCRATCH/base.conf" "$SCRATCH/proj/scripts/get-base.sh" || exit 1

# A PATH with the basics but no quilt.
bin=$SCRATCH/bin
mkdir -p "$bin"
for t in bash env cat sed grep awk git dirname mktemp sha256sum cut date rm; do
	ln -s "$(command -v "$t")" "$bin/$t"
done
ln -s "$REAL_CACHE/base" "$SCRATCH/cache/base"
expect_fail "tree: a missing tool names its package" \
	"missing tool 'quilt' \(install the Debian package 'quilt'" \
	-- env PATH="$bin" "$SCRATCH/proj/scripts/tree.sh"
