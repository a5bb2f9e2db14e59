#!/bin/bash
# The log checks: a kernel report fails a run and is printed with its
# stack; a failing selftest shows its TAP line and the kernel log of its run.
. "$(dirname "$0")/lib.sh"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
printf '%s\n' '[    1.000000] Out of memory: Killed process 42 (test_memcontrol)' >"$log"
if "$TOP/scripts/check-splats.sh" "$log" >/dev/null 2>&1; then
	echo "ok - splats: an OOM report is not a splat"
else
	echo "not ok - splats: an OOM report is not a splat"
	exit 1
fi
printf '%s\n' '[    2.000000] ------------[ cut here ]------------' \
	'[    2.000001] WARNING: CPU: 1 PID: 7 at mm/memcontrol.c:123 refill_stock+0x1/0x2' \
	'[    2.000002] Call Trace:' '[    2.000003]  <TASK>' '[    2.000004]  refill_stock+0x1/0x2' >>"$log"
expect_fail "splats: a WARNING fails the run and is printed with its stack" \
	'WARNING: CPU: 1 PID: 7 at mm/memcontrol\.c:123' ' refill_stock\+0x1/0x2' \
	-- "$TOP/scripts/check-splats.sh" "$log" || exit 1
printf '%s\n' '[    3.000000] BUG: KASAN: slab-use-after-free in obj_cgroup_put' >"$log"
expect_fail "splats: a KASAN report fails the run" 'BUG: KASAN: slab-use-after-free' \
	-- "$TOP/scripts/check-splats.sh" "$log" || exit 1
printf '%s\n' '[    4.000000] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:' >"$log"
expect_fail "splats: an RCU stall fails the run" 'rcu_preempt detected stalls' \
	-- "$TOP/scripts/check-splats.sh" "$log" || exit 1

expect_fail "selftests: a failure shows its TAP line and the kernel log of its run" \
	'^not ok 2 test_percpu_basic +<- test_kmem' \
	'fixture: a kernel line logged while test_kmem ran' \
	'fixture: [0-9]+ passed, [1-9][0-9]* failed' \
	-- env TOPO=2node TESTS_LIST="$FIX/selftest-out/tests.list" \
	"$TOP/scripts/selftest-report.sh" "$FIX/selftest-out" fixture || exit 1
expect_fail "selftests: a test the series fixed fails a run of the series" \
	'^not ok 3 test_kmem_memcg_deletion +<- test_kmem$' \
	-- env TOPO=2node TESTS_LIST="$FIX/selftest-out/tests.list" \
	"$TOP/scripts/selftest-report.sh" "$FIX/selftest-out" fixture || exit 1
expect_fail "selftests: a test the series fixed is a known base failure in a run of the base" \
	'^not ok 3 test_kmem_memcg_deletion +<- test_kmem: known flaky on the base' \
	-- env TOPO=2node KERNEL=base TESTS_LIST="$FIX/selftest-out/tests.list" \
	"$TOP/scripts/selftest-report.sh" "$FIX/selftest-out" fixture
