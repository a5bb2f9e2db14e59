#!/bin/bash
# The table of bench-cgroups.sh from the boot logs in OUTDIR
# (base-N.log, patched-N.log): median over the boots of each kernel.
# usage: bench-cgroups-report.sh OUTDIR
set -euo pipefail
out=$1
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
logs() { grep -l '^bench-cgroups: done' "$out"/$1-*.log; }
val() {	# kernel key: the values of key= in the result lines of every boot
	sed -n "s/.*bench-cgroups: result .*$2=\([-0-9]*\).*/\1/p" $(logs $1)
}
cval() { # kernel cache
	sed -n "s/.*bench-cgroups: cache_per_cgroup $2 \([-0-9]*\).*/\1/p" $(logs $1)
}
nr=$(sed -n 's/.*bench-cgroups: result nr=\([0-9]*\).*/\1/p' $(logs base) | head -1)
echo "bench-cgroups: $nr cgroups per boot, 2-node x86_64 VM (vng, QEMU TCG), boots alternating base/patched;"
echo "  $(logs base | wc -l) base and $(logs patched | wc -l) patched boots finished; median, every boot's value after '|'"
echo "base:    $(sed -n 's/.*bench-cgroups: kernel //p' $(logs base) | head -1)"
echo "patched: $(sed -n 's/.*bench-cgroups: kernel //p' $(logs patched) | head -1)"
printf '%-34s %8s %8s %8s   %s | %s\n' 'bytes per cgroup' base patched change 'base boots' 'patched boots'
for key in slab_per_cgroup sunreclaim_per_cgroup percpu_per_cgroup; do
	b=$(val base $key | median) p=$(val patched $key | median)
	printf '%-34s %8s %8s %8s   %s | %s\n' "$key" "$b" "$p" "$(echo "$p - $b" | bc)" \
		"$(val base $key | tr '\n' ' ')" "$(val patched $key | tr '\n' ' ')"
done
for c in mem_cgroup mem_cgroup_per_node memcg_vmstats lruvec_stats shrinker_info_unit kmalloc-64 kmalloc-1k kmalloc-2k kmalloc-cg-64 kmalloc-cg-1k kmalloc-cg-2k; do
	b=- p=-
	[ -n "$(cval base $c)" ] && b=$(cval base $c | median)
	[ -n "$(cval patched $c)" ] && p=$(cval patched $c | median)
	printf '%-34s %8s %8s\n' "slab pages of $c" "$b" "$p"
done
for k in base patched; do
	f=$(logs $k | head -1)
	echo "$k, $(basename "$f"): the caches that grew most, bytes of slab pages per cgroup (names merged into them):"
	sed -n 's/^.*bench-cgroups: top /  /p' "$f"
	sed -n 's/^.*bench-cgroups: cache /  cache /p' "$f"
done
