#!/bin/bash
# Runs in the VM as root (scripts/vm.sh): create NR memory cgroups (default
# 1000) and print the growth of Slab: and SUnreclaim: of /proc/meminfo per
# cgroup, and the bytes of slab pages of the caches that hold memcg's
# structures, then remove the cgroups. Every line it prints for the host
# starts with "bench-cgroups:".
set -u
nr=${1:-1000}
cg=/sys/fs/cgroup
p=$cg/bench-cgroups

say() { echo "bench-cgroups: $*"; }

mountpoint -q $cg || mount -t cgroup2 none $cg
echo +memory >$cg/cgroup.subtree_control

# Flush the per-cpu slabs and sheaves of every cache and wait for freed
# objects, so that Slab: counts the slabs that hold live objects.
settle() {
	local c
	sync
	echo 3 >/proc/sys/vm/drop_caches
	sleep 2
	for c in /sys/kernel/slab/*/shrink; do echo 1 >"$c" 2>/dev/null; done
}
meminfo() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
# Bytes of slab pages of cache $1 (SLUB sysfs, CONFIG_SLUB_DEBUG)
# (shell builtins only: thousands of processes are slow under TCG)
cache_bytes() {
	local d=/sys/kernel/slab/$1 slabs order rest
	[ -e "$d/slabs" ] || { echo -; return; }
	read -r slabs rest <"$d/slabs"
	read -r order <"$d/order"
	echo $((slabs * (4096 << order)))
}
caches="mem_cgroup mem_cgroup_per_node memcg_vmstats lruvec_stats shrinker_info_unit kmalloc-64 kmalloc-1k kmalloc-2k kmalloc-cg-64 kmalloc-cg-1k kmalloc-cg-2k"

say "kernel $(uname -r) $(uname -v)"
say "nodes $(ls -d /sys/devices/system/node/node* | wc -l) cpus $(nproc)"
for c in $caches; do
	[ -e /sys/kernel/slab/$c ] &&
		say "cache $c -> $(basename "$(readlink -f /sys/kernel/slab/$c)") object_size $(cat /sys/kernel/slab/$c/object_size) slab_size $(cat /sys/kernel/slab/$c/slab_size) objs_per_slab $(cat /sys/kernel/slab/$c/objs_per_slab) order $(cat /sys/kernel/slab/$c/order)"
done

mkdir $p
echo +memory >$p/cgroup.subtree_control
settle
slab0=$(meminfo Slab) unrecl0=$(meminfo SUnreclaim) pcpu0=$(meminfo Percpu)
declare -A b0 all0
for c in $caches; do b0[$c]=$(cache_bytes $c); done
# Every cache, merged ones once (the folders that are not symlinks)
for d in /sys/kernel/slab/*; do
	[ -L "$d" ] || all0[${d##*/}]=$(cache_bytes "${d##*/}")
done

start=$(date +%s.%N)
mkdir $(seq -f "$p/c%g" 1 "$nr")
end=$(date +%s.%N)

settle
slab1=$(meminfo Slab) unrecl1=$(meminfo SUnreclaim) pcpu1=$(meminfo Percpu)
say "created $nr cgroups in $(echo "$end - $start" | bc) s (TCG)"
say "result nr=$nr slab_per_cgroup=$(( (slab1 - slab0) * 1024 / nr )) sunreclaim_per_cgroup=$(( (unrecl1 - unrecl0) * 1024 / nr )) percpu_per_cgroup=$(( (pcpu1 - pcpu0) * 1024 / nr ))"
say "meminfo kB before: Slab $slab0 SUnreclaim $unrecl0 Percpu $pcpu0; after: Slab $slab1 SUnreclaim $unrecl1 Percpu $pcpu1"
for c in $caches; do
	b1=$(cache_bytes $c)
	[ "$b1" = - ] && continue
	say "cache_per_cgroup $c $(( (b1 - ${b0[$c]}) / nr ))"
done

# The caches that grew the most, with the names merged into each
for c in "${!all0[@]}"; do
	b1=$(cache_bytes "$c")
	echo "$(( (b1 - ${all0[$c]}) / nr )) $c"
done | sort -rn | head -12 | while read -r d c; do
	names=$(find /sys/kernel/slab -maxdepth 1 -type l \( -lname "$c" -o -lname "*/$c" \) -printf '%f,')
	say "top $d $c ${names%,}"
done

rmdir $(seq -f "$p/c%g" 1 "$nr")
rmdir $p
say "done"
