#!/bin/bash
# Run the KUnit suites with tools/testing/kunit/kunit.py in the quilt tree.
#
# usage: kunit.sh uml     UML, native speed, 2 CPUs (seccomp mode)
#        kunit.sh numa    x86_64 under QEMU/TCG, 2 nodes x 2 CPUs
#
# Extra kunit.py arguments may follow (e.g. a filter glob).  The build
# folder persists in the cache, so a rerun rebuilds only what changed.
# The numa mode runs the selftest VM kernel (scripts/build-vm.sh), which
# carries every option of the kunitconfig, with 'kunit.py exec': one
# x86_64 build serves both, and a cold 'make check' builds one less.
# KTAP, kunit.py's summary and the raw kernel log go to $RESULTS.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mode=${1:?usage: kunit.sh uml|numa [kunit.py args]}
shift
need python3 make gcc flex bison bc

# KUNIT_SRC/KUNIT_BUILD point at another tree and build folder (the
# bisect step builds each prefix of the series there).
src=${KUNIT_SRC:-$TREE}
build=${KUNIT_BUILD:-$BUILD_ROOT/kunit-$mode}
# The tree must exist; 'make kunit' runs 'make tree' first.
[ -f "$src/Makefile" ] || die "no tree at $src: run 'make tree' first"
mkdir -p "$build" "$RESULTS"

# One kunitconfig from Kconfig.fragment and kunit/*.kunitconfig: a line
# marked '# !um' is for QEMU only, one marked '# um' for UML only.  Every
# option must exist in the tree; ALLOW_ABSENT=1 leaves out the test options
# a later patch adds (for an earlier prefix of the series).
for_mode() {
	if [ "$mode" = uml ]; then
		cat "$@" | grep -v '# !um$' | sed 's/[[:space:]]*# um$//'
	else
		cat "$@" | grep -v '# um$' | sed 's/[[:space:]]*# !um$//'
	fi
}
cfg=$build.kunitconfig
: >"$cfg"
for_mode "$TOP/Kconfig.fragment" >>"$cfg"
while IFS= read -r line; do
	opt=${line%%=*}
	if [ -z "$line" ] || [ "${line#\#}" != "$line" ] || kconfig_defined "$src" "${opt#CONFIG_}"; then
		echo "$line" >>"$cfg"
	elif [ "${ALLOW_ABSENT:-0}" = 1 ]; then
		say "kunit: $opt is not in this tree: left out"
	else
		die "$opt (kunit/*.kunitconfig) is not defined by any Kconfig in $src"
	fi
done < <(for_mode "$TOP"/kunit/*.kunitconfig)

# kunit.py config, then make here, then kunit.py exec: 'kunit.py run'
# also makes compile_commands.json and scripts_gdb, a second pass over the
# tree (8 s) for every prefix the bisect step builds.  Run in $src.
# shellcheck disable=SC2317 # called as $prepare
uml_build() {
	python3 tools/testing/kunit/kunit.py config --build_dir="$build" --kunitconfig="$cfg" ||
		{ echo "kunit.sh: kunit.py could not make the UML config in $build"; return 1; }
	echo "\$ make ARCH=um O=$build -j$(nproc)"
	make -s ARCH=um O="$build" -j"$(nproc)" ||
		{ echo "kunit.sh: the UML kernel in $build did not build"; return 1; }
}

case $mode in
uml)
	build_lock
	prepare=uml_build
	args=(exec --build_dir="$build" --kunitconfig="$cfg")
	# UML SMP needs the seccomp mode; ptrace mode refuses ncpus > 1.
	args+=(--kernel_args seccomp=on --kernel_args ncpus=2 --timeout 600)
	;;
numa)
	need qemu-system-x86_64:qemu-system-x86
	export PATH=$TOP/scripts/qemu-tcg:$PATH
	[ -z "${KUNIT_SRC:-}" ] || die "KUNIT_SRC is for the uml mode"
	# build-vm.sh builds, and takes the build lock itself.
	build=$("$TOP/scripts/build-vm.sh")
	prepare=:
	# What kunit.py run would have checked: the kernel has the config.
	while IFS= read -r line; do
		case $line in CONFIG_*=y) ;; *) continue ;; esac
		grep -qxF "$line" "$build/.config" ||
			die "the VM kernel in $build lacks $line of the kunitconfig"
	done <"$cfg"
	args=(exec --build_dir="$build" --kunitconfig="$cfg" --arch=x86_64
		--qemu_config="$TOP/kunit/qemu_x86_64_numa.py" --timeout 900)
	;;
*) die "unknown mode '$mode' (uml or numa)" ;;
esac

name=kunit-$mode${KUNIT_TAG:+-$KUNIT_TAG}
log=$RESULTS/$name.log
say "kunit ($mode): build folder $build (log: $log)"
cd "$src"
set +e
{
	$prepare && python3 tools/testing/kunit/kunit.py "${args[@]}" "$@"
} 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
cp -f "$build/test.log" "$RESULTS/$name.ktap" 2>/dev/null || true

# kunit.py only parses KTAP; the kernel log around it must be clean too.
if [ -f "$RESULTS/$name.ktap" ]; then
	"$TOP/scripts/check-splats.sh" "$RESULTS/$name.ktap" || rc=1
fi
# The point of this run is a 2-node guest: prove the guest saw it.
if [ "$mode" = numa ] && ! grep -q 'Initmem setup node 1' "$RESULTS/$name.ktap" 2>/dev/null; then
	echo "kunit.sh: the guest did not bring up NUMA node 1 (see $RESULTS/$name.ktap)" >&2
	rc=1
fi
exit "$rc"
