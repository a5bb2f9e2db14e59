#!/bin/bash
# Run the suites of kunit/cgroup-suites on the UML kernel that
# 'kunit.sh uml' built, from a task in a child memory cgroup: boot it with
# a hostfs root of busybox-static and kunit/uml-init, kunit.autorun=0.
#
# usage: kunit-cgroup.sh [BUILD_DIR]   (default: the 'make kunit' build)
# KUNIT_CGROUP_OUT overrides the results folder; ALLOW_ABSENT=1 accepts
# suites that are not in the kernel (see kunit-cgroup-report.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

build=${1:-$BUILD_ROOT/kunit-uml}
need busybox:busybox-static timeout:coreutils
[ -x "$build/linux" ] || die "no UML kernel at $build/linux: run 'make kunit' first"
for opt in HOSTFS DEVTMPFS KUNIT_DEBUGFS MEMCG; do
	grep -qx "CONFIG_$opt=y" "$build/.config" ||
		die "$build/.config lacks CONFIG_$opt=y, which this run needs"
done

out=${KUNIT_CGROUP_OUT:-$RESULTS/kunit-cgroup}
root=$KMEMCG_CACHE/kunit-root
rm -rf "$out" "$root/results"
mkdir -p "$out" "$root/bin" "$root/proc" "$root/sys" "$root/dev" "$root/results"
busybox_bin "$root"
cp "$TOP/kunit/uml-init" "$root/init"
cp "$TOP/kunit/cgroup-run.sh" "$root/cgroup-run.sh"
list_entries "$TOP/kunit/cgroup-suites" >"$root/suites"

limit=${KUNIT_CGROUP_TIMEOUT:-300}
say "kunit-cgroup: booting $build/linux (UML, 2 CPUs, limit ${limit}s)"
set +e
timeout -k 10 "$limit" "$build/linux" mem=1G seccomp=on ncpus=2 \
	root=/dev/root rootfstype=hostfs rootflags="$root" rw init=/init \
	kunit.enable=1 kunit.autorun=0 console=tty </dev/null >"$out/console.log" 2>&1
vm_rc=$?
set -e
# UML leaves the terminal in raw mode when it is killed.
[ -t 0 ] && stty sane 2>/dev/null
rc=0
if [ "$vm_rc" = 124 ] || [ "$vm_rc" = 137 ]; then
	echo "kunit-cgroup: the UML guest did not finish within ${limit}s: stopped (time limit)" >&2
	rc=1
fi
cp -a "$root/results/." "$out/"
grep -q '^cgroup-run: done' "$out/console.log" ||
	{ echo "kunit-cgroup: the guest did not finish its run (see $out/console.log)" >&2; rc=1; }
"$TOP/scripts/check-splats.sh" "$out/console.log" || rc=1
"$TOP/scripts/kunit-cgroup-report.sh" "$out" "$out/console.log" "kunit-cgroup (uml)" || rc=1
exit "$rc"
