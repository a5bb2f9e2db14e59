#!/bin/bash
# Bad settings of the VM runs stop with a message that names them, before
# anything is built or booted.
. "$(dirname "$0")/lib.sh"
scratch_project
trap cleanup_scratch EXIT
expect_fail "stress: a DURATION that is not a number is named" \
	"DURATION must be a number of seconds, not 'ten'" \
	-- env DURATION=ten "$SCRATCH/proj/scripts/stress.sh"
expect_fail "build-vm: an unknown KERNEL is named" \
	"unknown KERNEL 'next' \(series or base\)" \
	-- env KERNEL=next "$SCRATCH/proj/scripts/build-vm.sh"
expect_fail "vm: an unknown TOPO is named" \
	"unknown TOPO '3node' \(1node, 2node or 4node\)" \
	-- env TOPO=3node "$SCRATCH/proj/scripts/vm.sh" "$SCRATCH/proj/Kconfig.fragment" "$SCRATCH/log" true
expect_fail "bench-numa: a BENCH_UPTO that is not in the series is named" \
	"BENCH_UPTO: 'no-such.patch' is not a patch of patches/series" \
	-- env BENCH_UPTO=no-such.patch "$SCRATCH/proj/scripts/bench-numa.sh"
expect_fail "bench: a BENCH_UPTO that is not in the series is named" \
	"BENCH_UPTO: 'no-such.patch' is not a patch of patches/series" \
	-- env BENCH_UPTO=no-such.patch "$SCRATCH/proj/scripts/bench.sh"
expect_fail "bench-numa: no topology and no cgroups is refused" \
	"BENCH_TOPOS=none and BENCH_CGROUPS=0: nothing to measure" \
	-- env BENCH_TOPOS=none BENCH_CGROUPS=0 "$SCRATCH/proj/scripts/bench-numa.sh"
