#!/bin/bash
# The reliability run: the debug kernel (selftests/vm.config, Kconfig.fragment
# and Kconfig.debug.fragment: KASAN, lockdep, DEBUG_VM, kmemleak, failslab,
# fail_page_alloc, CPU hotplug) in a VM of the chosen topology, under
# stress/guest-stress.sh for DURATION seconds.  Fails on any kernel report
# in the guest's log, on a failed guest check (dying cgroups, charges not
# back, a negative stat, kmemleak), or when the guest does not finish.
#
# usage: stress.sh          DURATION (seconds, default 600), TOPO (2node|4node),
#                           KERNEL (series, default, or base: scripts/build-vm.sh),
#                           VM_RUNNER (qemu, default, or vng: scripts/vm.sh)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# Plain QEMU by default: virtme-init's udev coldplug and tmpfiles take 3.5
# minutes of this kernel under TCG, and the load runs from its own disk
# image, chrooted, so it needs nothing else of vng's guest setup.
export VM_RUNNER=${VM_RUNNER:-qemu}

dur=${DURATION:-600}
topo=${TOPO:-2node}
export TOPO=$topo
case $topo in
2node | 4node) ;;
*) die "TOPO '$topo': the stress run on 2node or 4node" ;;
esac
case $dur in '' | *[!0-9]*) die "DURATION must be a number of seconds, not '$dur'" ;; esac
build=$("$TOP/scripts/build-vm.sh" debug)
out=$RESULTS/stress-$topo${KERNEL:+-$KERNEL}
rm -rf "$out"
mkdir -p "$out" "$KMEMCG_CACHE/images"
img=$KMEMCG_CACHE/images/stress-$topo.img
"$TOP/scripts/stress-image.sh" "$img"

# KASAN and lockdep under TCG: boot and teardown take minutes, not seconds
# (the base's 10-minute run on 4node needed more than 1500 s beyond the load).
limit=${VM_TIMEOUT:-$((dur + 2400))}
say "stress: ${dur}s of load on the debug kernel, $topo (limit ${limit}s)"
set +e
VM_DISKS=$img VM_RWDIR=$out VM_TIMEOUT=$limit \
	VM_APPEND="slub_debug=FZ kunit.autorun=0 ${VM_APPEND:-}" \
	"$TOP/scripts/vm.sh" "$build/arch/x86/boot/bzImage" "$out/console.log" \
	"bash $TOP/stress/guest-run.sh $dur $out"
vm_rc=$?
set -e

pass=0 fail=0 skip=0
result() {	# result ok|FAIL|SKIP DESCRIPTION
	case $1 in
	ok) pass=$((pass + 1)) && echo "ok - $2" ;;
	SKIP) skip=$((skip + 1)) && echo "ok - $2 # SKIP" ;;
	*) fail=$((fail + 1)) && echo "not ok - $2" ;;
	esac
}
grep -E '^stress: ' "$out/console.log" | sed 's/\r$//' | tee "$out/figures.txt"
result "$([ "$vm_rc" = 0 ] && echo ok || echo FAIL)" "the VM exited cleanly (status $vm_rc)"
result "$(grep -q '^guest-stress: done' "$out/console.log" && echo ok || echo FAIL)" \
	"the guest finished its run"
while IFS= read -r line; do
	case $line in
	"ok - "*) result ok "${line#ok - }" ;;
	"not ok - "*) result FAIL "${line#not ok - }" ;;
	esac
done < <(grep -E '^(not )?ok - ' "$out/console.log" | sed 's/\r$//')
if "$TOP/scripts/check-splats.sh" "$out/console.log"; then
	result ok "no WARNING, BUG, KASAN, lockdep, RCU stall, hung task or kmemleak report"
else
	result FAIL "kernel reports in the guest's log (above)"
fi
# The cgroup KUnit suites ran on the debug kernel too (none of them is in
# the base: then nothing ran, and that is a skip, not a pass).
if report=$(ALLOW_ABSENT=1 "$TOP/scripts/kunit-cgroup-report.sh" "$out/kunit" \
	"$out/console.log" "kunit-cgroup (debug kernel, $topo)"); then
	if grep -q ': 0 passed, 0 failed' <<<"$report"; then
		result SKIP "the cgroup KUnit suites: none is in this kernel"
	else
		result ok "the cgroup KUnit suites pass on the debug kernel"
	fi
else
	result FAIL "the cgroup KUnit suites on the debug kernel (above)"
fi
printf '%s\n' "$report"
cp "$out/figures.txt" "$out/summary.txt"
echo "stress ($topo, ${dur}s, ${KERNEL:-series}): $pass passed, $fail failed, $skip skipped" | tee -a "$out/summary.txt"
[ "$fail" = 0 ]
