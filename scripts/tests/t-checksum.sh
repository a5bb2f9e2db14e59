#!/bin/bash
# A download that does not match the pinned sha256 is refused, and no base
# repository appears.
. "$(dirname "$0")/lib.sh"
scratch_project
trap cleanup_scratch EXIT
rm "$SCRATCH/cache/base"
mkdir -p "$SCRATCH/cache/dl"
ln "$REAL_CACHE/dl/${BASE_PACKAGE}_${BASE_VERSION}_all.deb" "$SCRATCH/cache/dl/" 2>/dev/null ||
	cp "$REAL_CACHE/dl/${BASE_PACKAGE}_${BASE_VERSION}_all.deb" "$SCRATCH/cache/dl/"
sed 's/^BASE_SHA256=.*/BASE_SHA256=0000000000000000000000000000000000000000000000000000000000000000/' \
	"$TOP/scripts/base.conf" >"$SCRATCH/base.conf"
expect_fail "base: a wrong checksum is refused" \
	'checksum mismatch for linux-source-7\.3_' 'expected sha256 0{64}' \
	-- env BASE_CONF="$SCRATCH/base.conf" "$SCRATCH/proj/scripts/get-base.sh" || exit 1
[ ! -e "$SCRATCH/cache/base" ] || { echo "not ok - base: a repository was left behind"; exit 1; }
