#!/bin/bash
# Build the VM kernel and the cgroup selftests, boot the VM on the chosen
# topology (TOPO=2node|4node), run selftests/tests.list in it, report.
# Fails on an unexpected test failure or on any kernel report in the log.
# KERNEL=base runs the same on the unpatched base (scripts/build-vm.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

topo=${TOPO:-2node}
export TOPO=$topo
case $topo in
2node | 4node) ;;
*) die "TOPO '$topo': the selftests run on 2node or 4node" ;;
esac
need mkfs.ext4:e2fsprogs truncate:coreutils
build=$("$TOP/scripts/build-vm.sh" vm)
out=$RESULTS/selftests-$topo${KERNEL:+-$KERNEL}
rm -rf "$out"
mkdir -p "$out"

# The disk images: an ext4 filesystem carrying the tests (the chroot the
# guest runs them in) and a swap device.  Made fresh for every run.
img=$KMEMCG_CACHE/images
mkdir -p "$img"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/selftests"
cp -a "$build/cgroup-selftests/." "$stage/selftests/"
for d in bin lib lib64 sbin; do ln -s "usr/$d" "$stage/$d"; done
rm -f "$img/scratch-$topo.img" "$img/swap-$topo.img"
mkfs.ext4 -q -F -d "$stage" "$img/scratch-$topo.img" 1G
truncate -s 512M "$img/swap-$topo.img"

mapfile -t tests < <(list_entries "$TOP/selftests/tests.list")
set +e
VM_DISKS="$img/scratch-$topo.img $img/swap-$topo.img" VM_RWDIR=$out \
	VM_APPEND="zswap.enabled=1 kunit.autorun=0 ${VM_APPEND:-}" \
	VM_TIMEOUT=${VM_TIMEOUT:-3000} \
	"$TOP/scripts/vm.sh" "$build/arch/x86/boot/bzImage" "$out/console.log" \
	"bash $TOP/selftests/guest-run.sh $out ${tests[*]}"
vm_rc=$?
set -e

rc=0
[ "$vm_rc" = 0 ] || { echo "selftests: the VM exited with $vm_rc" >&2; rc=1; }
grep -q '^guest-run: done' "$out/console.log" ||
	{ echo "selftests: the guest did not finish its run (see $out/console.log)" >&2; rc=1; }
"$TOP/scripts/check-splats.sh" "$out/console.log" || rc=1
"$TOP/scripts/selftest-report.sh" "$out" "selftests ($topo)" | tee "$out/summary.txt"
[ "${PIPESTATUS[0]}" = 0 ] || rc=1
ALLOW_ABSENT=1 "$TOP/scripts/kunit-cgroup-report.sh" "$out/kunit" "$out/console.log" \
	"kunit-cgroup ($topo)" | tee -a "$out/summary.txt"
[ "${PIPESTATUS[0]}" = 0 ] || rc=1

# One total for 'make check': the selftests and the cgroup KUnit suites.
awk '/^(selftests|kunit-cgroup) \(.*\): [0-9]+ passed/ {
	for (i = 1; i <= NF; i++) {
		if ($(i + 1) ~ /^passed/) p += $i
		if ($(i + 1) ~ /^failed/) f += $i
		if ($(i + 1) ~ /^skipped/) s += $i
	}
} END { printf "selftests-%s: %d passed, %d failed, %d skipped\n", topo, p, f, s }' \
	topo="$topo" "$out/summary.txt"
exit "$rc"
