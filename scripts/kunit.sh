#!/bin/bash
# Run the KUnit suites with tools/testing/kunit/kunit.py in the quilt tree.
#
# usage: kunit.sh uml     UML, native speed, 2 CPUs (seccomp mode)
#        kunit.sh numa    x86_64 under QEMU/TCG, 2 nodes x 2 CPUs
#
# Extra kunit.py arguments may follow (e.g. a filter glob).  The build
# folder persists in the cache, so a rerun rebuilds only what changed.
# KTAP, kunit.py's summary and the raw kernel log go to $RESULTS.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mode=${1:?usage: kunit.sh uml|numa [kunit.py args]}
shift
need python3 make gcc flex bison bc

# The tree must exist; 'make kunit' runs 'make tree' first.
[ -f "$TREE/.pc/.kmemcg-stamp" ] || die "no quilt tree at $TREE: run 'make tree' first"

build=$BUILD_ROOT/kunit-$mode
mkdir -p "$build" "$RESULTS"

# kunit.py accepts several --kunitconfig files and merges them; UML takes
# the fragment without its "# !um" lines.
cfg=$build.kunitconfig
{
	if [ "$mode" = uml ]; then
		grep -v '# !um' "$TOP/Kconfig.fragment"
	else
		sed 's/[[:space:]]*# !um$//' "$TOP/Kconfig.fragment"
	fi
	cat "$TOP"/kunit/*.kunitconfig
} >"$cfg"

args=(run --build_dir="$build" --kunitconfig="$cfg" --jobs="$(nproc)")
case $mode in
uml)
	# UML SMP needs the seccomp mode; ptrace mode refuses ncpus > 1.
	args+=(--kernel_args seccomp=on --kernel_args ncpus=2 --timeout 600)
	;;
numa)
	need qemu-system-x86_64:qemu-system-x86
	export PATH=$TOP/scripts/qemu-tcg:$PATH
	args+=(--arch=x86_64 --qemu_config="$TOP/kunit/qemu_x86_64_numa.py"
		--timeout 900)
	;;
*) die "unknown mode '$mode' (uml or numa)" ;;
esac

log=$RESULTS/kunit-$mode.log
say "kunit ($mode): building in $build and running (log: $log)"
cd "$TREE"
build_lock
set +e
python3 tools/testing/kunit/kunit.py "${args[@]}" "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
cp -f "$build/test.log" "$RESULTS/kunit-$mode.ktap" 2>/dev/null || true

# kunit.py only parses KTAP; the kernel log around it must be clean too.
if [ -f "$RESULTS/kunit-$mode.ktap" ]; then
	"$TOP/scripts/check-splats.sh" "$RESULTS/kunit-$mode.ktap" || rc=1
fi
# The point of this run is a 2-node guest: prove the guest saw it.
if [ "$mode" = numa ] && ! grep -q 'Initmem setup node 1' "$RESULTS/kunit-$mode.ktap" 2>/dev/null; then
	echo "kunit.sh: the guest did not bring up NUMA node 1 (see $RESULTS/kunit-$mode.ktap)" >&2
	rc=1
fi
exit "$rc"
