#!/bin/bash
# Runs inside the VM ('make run'): put a kernel-memory-heavy workload in a
# cgroup and show what memcg accounted for it, memcg-wide and per node.
set -u
cg=/sys/fs/cgroup
grep -q "^cgroup2 $cg " /proc/mounts || mount -t cgroup2 none "$cg"
echo +memory >"$cg/cgroup.subtree_control"
demo=$cg/kmemcg-demo
mkdir -p "$demo/work"
echo +memory >"$demo/cgroup.subtree_control"

show() {
	echo "== $1"
	echo "-- memory.current: $(cat "$demo/memory.current") bytes"
	echo "-- memory.stat (kernel memory lines):"
	grep -E '^(kernel|kernel_stack|pagetables|percpu|sock|slab|slab_reclaimable|slab_unreclaimable|vmalloc) ' \
		"$demo/memory.stat" | sed 's/^/   /'
	echo "-- memory.numa_stat (kernel memory lines, per node):"
	grep -E '^(kernel|percpu|slab_reclaimable|slab_unreclaimable|kernel_stack|pagetables) ' \
		"$demo/memory.numa_stat" | sed 's/^/   /'
	grep -qE '^(kernel|percpu) ' "$demo/memory.numa_stat" ||
		echo "   (no per-node kernel or percpu line: this kernel accounts them memcg-wide only)"
}

echo "nodes:"
for n in /sys/devices/system/node/node*; do
	echo "  $(basename "$n"): cpus $(cat "$n/cpulist") $(grep MemTotal "$n/meminfo" | awk '{ print $4, $5 }')"
done
show "before the workload"

# Everything below runs inside the cgroup.
echo $$ >"$demo/work/cgroup.procs"
tmp=$(mktemp -d)
mount -t tmpfs tmpfs "$tmp"
echo "workload: slab (20000 tmpfs files and dentries), percpu (64 child cgroups), io_uring (stress-ng)"
for i in $(seq 20000); do : >"$tmp/f$i"; done
for i in $(seq 64); do mkdir "$demo/c$i"; done
if command -v stress-ng >/dev/null; then
	# Only the request-allocation side matters here.  stress-ng 0.15's
	# io-uring stressor also issues IORING_OP_STATX, which fails with
	# ENOENT in this guest and ends the stressor early: count, do not show.
	sout=$( (cd "$tmp" && stress-ng --temp-path "$tmp" --io-uring 2 --timeout 5s --metrics-brief) 2>&1)
	grep -E 'metrc:.* io-uring ' <<<"$sout" | awk '{ print "   io-uring: " $5 " bogo ops in " $6 " s" }'
	echo "   ($(grep -c 'fail:' <<<"$sout") stress-ng op failures)"
else
	echo "   (stress-ng not installed: io_uring part skipped)"
fi
show "with the workload's memory still held"

echo $$ >"$cg/cgroup.procs"
umount "$tmp"
for i in $(seq 64); do rmdir "$demo/c$i"; done
echo 1 >/proc/sys/vm/drop_caches
show "after freeing it (what stays is cached or not yet uncharged)"
rmdir "$demo/work" "$demo" 2>/dev/null
echo "demo: done"
