#!/bin/bash
# Build the x86_64 VM kernel and the cgroup selftests from the quilt tree.
#
# usage: build-vm.sh [debug]
#   prints the build folder on stdout; the kernel is
#   BUILD/arch/x86/boot/bzImage, the selftests BUILD/cgroup-selftests/.
# env:   KERNEL=series (default: the quilt tree) or base (a clean worktree
#        of the base in $KMEMCG_CACHE/base-src, built in BUILD-base), for
#        the base figures the series is compared with.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

flavour=${1:-vm}
need make gcc flex bison bc
case ${KERNEL:-series} in
series)
	src=$TREE suffix=''
	[ -f "$TREE/.pc/.kmemcg-stamp" ] || die "no quilt tree at $TREE: run 'make tree' first"
	;;
base)
	src=$KMEMCG_CACHE/base-src suffix=-base
	base_worktree_clean "$src"
	;;
*) die "unknown KERNEL '$KERNEL' (series or base)" ;;
esac

frags=("$TOP/selftests/vm.config" "$TOP/Kconfig.fragment")
case $flavour in
vm) ;;
debug) frags+=("$TOP/Kconfig.debug.fragment") ;;
*) die "unknown flavour '$flavour' (vm or debug)" ;;
esac
build=$BUILD_ROOT/x86_64-$flavour$suffix

# The KUnit suites of kunit/*.kunitconfig (those for QEMU, not the '# um'
# lines): for kunit/cgroup-run.sh in the guest, and for 'make kunit-numa',
# which runs this kernel with kunit.py.  An option the tree does not
# define (an earlier prefix, the base) is left out; the kunit step fails
# when one is missing from the full series.
kfrag=$(mktemp)
trap 'rm -f "$kfrag"' EXIT
while IFS= read -r line; do
	opt=${line%%=*}
	kconfig_defined "$src" "${opt#CONFIG_}" && echo "$line"
done < <(cat "$TOP"/kunit/*.kunitconfig | grep -v '# um$' |
	sed -e 's/[[:space:]]*#.*//' -e '/^$/d') >"$kfrag"
frags+=("$kfrag")

build_lock
SRC=$src "$TOP/scripts/kconfig.sh" x86_64 "$build" "${frags[@]}"

say "build: x86_64 $flavour kernel (${KERNEL:-series}) in $build"
start=$SECONDS
make -s -C "$src" O="$build" ARCH=x86_64 -j"$(nproc)" bzImage >&2 ||
	die "x86_64 $flavour kernel build failed"
make -s -C "$src" O="$build" ARCH=x86_64 headers_install >&2
say "build: kernel done in $((SECONDS - start))s"

st=$build/cgroup-selftests
mkdir -p "$st"
make -s -C "$src/tools/testing/selftests/cgroup" OUTPUT="$st" \
	KHDR_INCLUDES="-isystem $build/usr/include" >&2 ||
	die "cgroup selftests build failed"
echo "$build"
