#!/bin/bash
# The cgroups case of 'make bench-numa' (scripts/bench-numa.sh), in the VM
# as root: create NR memory cgroups (default 1000) and print the growth of
# Slab:, SUnreclaim: and Percpu: of /proc/meminfo per cgroup, and of the
# slab pages of the caches that hold memcg's structures, then remove the
# cgroups.  Every line it prints for the host starts with "bench-cgroups:".
#
# usage: guest-cgroups.sh [NR]
set -u
nr=${1:-1000}
cg=/sys/fs/cgroup
p=$cg/bench-cgroups
slab=/sys/kernel/slab
caches=(mem_cgroup mem_cgroup_per_node memcg_vmstats lruvec_stats shrinker_info_unit
	kmalloc-64 kmalloc-1k kmalloc-2k kmalloc-cg-64 kmalloc-cg-1k kmalloc-cg-2k)

say() { echo "bench-cgroups: $*"; }

mountpoint -q "$cg" || mount -t cgroup2 none "$cg"
echo +memory >"$cg/cgroup.subtree_control"

# Flush the per-cpu slabs and sheaves of every cache and wait for freed
# objects, so that Slab: counts the slabs that hold live objects.
settle() {
	local c
	sync
	echo 3 >/proc/sys/vm/drop_caches
	sleep 2
	for c in "$slab"/*/shrink; do echo 1 >"$c" 2>/dev/null; done
}
meminfo() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
# Bytes of slab pages of cache $1 (SLUB sysfs, CONFIG_SLUB_DEBUG), or "-".
# Shell builtins only: thousands of processes are slow under TCG.
cache_bytes() {
	local d=$slab/$1 slabs order rest
	[ -e "$d/slabs" ] || { echo -; return; }
	read -r slabs rest <"$d/slabs"
	read -r order <"$d/order"
	echo $((slabs * (4096 << order)))
}
attr() { cat "$slab/$1/$2"; }

nodes=(/sys/devices/system/node/node[0-9]*)
say "kernel $(uname -r) $(uname -v)"
say "nodes ${#nodes[@]} cpus $(nproc)"
for c in "${caches[@]}"; do
	[ -e "$slab/$c" ] || continue
	say "cache $c -> $(basename "$(readlink -f "$slab/$c")") object_size $(attr "$c" object_size)" \
		"slab_size $(attr "$c" slab_size) objs_per_slab $(attr "$c" objs_per_slab) order $(attr "$c" order)"
done

mkdir "$p"
echo +memory >"$p/cgroup.subtree_control"
settle
slab0=$(meminfo Slab) unrecl0=$(meminfo SUnreclaim) pcpu0=$(meminfo Percpu)
declare -A b0 all0
for c in "${caches[@]}"; do b0[$c]=$(cache_bytes "$c"); done
# Every cache, merged ones once (the folders that are not symlinks)
for d in "$slab"/*; do
	[ -L "$d" ] || all0[${d##*/}]=$(cache_bytes "${d##*/}")
done

mapfile -t children < <(seq -f "$p/c%g" 1 "$nr")
start=$(date +%s.%N)
mkdir "${children[@]}"
end=$(date +%s.%N)

settle
slab1=$(meminfo Slab) unrecl1=$(meminfo SUnreclaim) pcpu1=$(meminfo Percpu)
say "created $nr cgroups in $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s (TCG)"
say "result nr=$nr slab_per_cgroup=$(((slab1 - slab0) * 1024 / nr))" \
	"sunreclaim_per_cgroup=$(((unrecl1 - unrecl0) * 1024 / nr))" \
	"percpu_per_cgroup=$(((pcpu1 - pcpu0) * 1024 / nr))"
say "meminfo kB before: Slab $slab0 SUnreclaim $unrecl0 Percpu $pcpu0;" \
	"after: Slab $slab1 SUnreclaim $unrecl1 Percpu $pcpu1"
for c in "${caches[@]}"; do
	b1=$(cache_bytes "$c")
	[ "$b1" = - ] && continue
	say "cache_per_cgroup $c $(((b1 - b0[$c]) / nr))"
done

# The caches that grew the most, with the names merged into each
for c in "${!all0[@]}"; do
	b1=$(cache_bytes "$c")
	echo "$(((b1 - all0[$c]) / nr)) $c"
done | sort -rn | head -12 | while read -r d c; do
	names=$(find "$slab" -maxdepth 1 -type l \( -lname "$c" -o -lname "*/$c" \) -printf '%f,')
	say "top $d $c ${names%,}"
done

rmdir "${children[@]}"
rmdir "$p"
say "done"
