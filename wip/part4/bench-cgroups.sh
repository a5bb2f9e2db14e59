#!/bin/bash
# Bytes of slab per memory cgroup, base vs patched, on the 2-node x86_64 VM
# (scripts/vm.sh, TOPO=2node, QEMU TCG): boot the two kernels in turn,
# PAIRS times each (base, patched, base, patched, ...), create NR cgroups
# in each boot (bench-cgroups-guest.sh) and print the median growth of
# Slab: and SUnreclaim: per cgroup, and of the slab pages of each cache.
# TCG slows the guest down, it does not change the bytes allocated.
#
# usage: bench-cgroups.sh BASE_BZIMAGE PATCHED_BZIMAGE [OUTDIR]
# env:   PAIRS (default 3), NR (default 1000), TOPO (default 2node)
# Standalone: not wired into the Makefile. Does not take the build lock
# (it builds nothing); run it when no kernel build shares the cores if
# you also want the creation times.
set -euo pipefail
main=/work/main
here=$(cd "$(dirname "$0")" && pwd)
base=$1 patched=$2
out=${3:-$here/logs/bench-$(date +%Y%m%d-%H%M%S)}
pairs=${PAIRS:-3} nr=${NR:-1000}
export TOPO=${TOPO:-2node}
mkdir -p "$out"

for i in $(seq 1 "$pairs"); do
	for k in base patched; do
		img=$base
		[ $k = patched ] && img=$patched
		log=$out/$k-$i.log
		VM_TIMEOUT=${VM_TIMEOUT:-900} VM_APPEND="kunit.autorun=0" \
			"$main/scripts/vm.sh" "$img" "$log" \
			"bash $here/bench-cgroups-guest.sh $nr" >/dev/null 2>&1 ||
			echo "bench-cgroups: $k boot $i failed (see $log)" >&2
		grep -q '^bench-cgroups: done' "$log" ||
			echo "bench-cgroups: $k boot $i did not finish (see $log)" >&2
		grep -q 'Initmem setup node 1\|NODE_DATA(1)' "$log" ||
			echo "bench-cgroups: $k boot $i has no node 1 (see $log)" >&2
	done
done

"$here/bench-cgroups-report.sh" "$out" | tee "$out/summary.txt"
