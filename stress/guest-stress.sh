#!/bin/bash
# Runs inside the debug-kernel VM as root, chrooted into the load's disk
# (stress/guest-run.sh): kernel-memory
# load in 16 cgroups (half of them small enough to reclaim and OOM), cgroup
# churn two levels deep, CPU hotplug and fault injection (failslab and
# fail_page_alloc on the stressing tasks), all at once for DURATION
# seconds; then stop, remove every cgroup, drop caches, scan for leaks and
# check that the charges came back.  Every check prints one line
# 'ok - ...' or 'not ok - ...'; figures are printed as 'stress: KEY VALUE'.
#
# usage: guest-stress.sh DURATION OUTDIR
set -u
dur=$1 out=$2
cg=/sys/fs/cgroup
top=$cg/kmemcg-stress
dbg=/sys/kernel/debug
ncg=16
stressors=(fork dentry io-uring sock vm malloc pipe inotify mmap epoll msg memfd)
# A fault-injection budget large enough never to run out in a run; what
# is left at the end tells how many faults were injected.
budget=10000000

mkdir -p "$out"
echo -1000 >/proc/self/oom_score_adj	# the OOM killer must spare the driver
echo 0 >/proc/self/make-it-fail		# and fault injection too
fig() { echo "stress: $*"; }
check() {	# check DESCRIPTION COMMAND...: one ok/not ok line
	local what=$1
	shift
	if "$@"; then echo "ok - $what"; else echo "not ok - $what"; fi
}
mark() { echo "kmemcg-stress: $*" >/dev/kmsg; echo "# $*"; }

grep -q " $dbg debugfs" /proc/mounts || mount -t debugfs debugfs "$dbg"
echo "+memory" >"$cg/cgroup.subtree_control"
mkdir "$top"
echo "+memory" >"$top/cgroup.subtree_control"
ncpu=$(nproc)
fig "kernel $(uname -r), $ncpu CPUs, nodes $(cat /sys/devices/system/node/online), duration ${dur}s"

# memory.stat of the surviving parent before any load: the baseline.
stat_of() { awk -v k="$2" '$1 == k { print $2 }' "$1/memory.stat"; }
declare -A base
for k in kernel slab percpu sock; do base[$k]=$(stat_of "$top" "$k"); done

# --- fault injection: only tasks with make-it-fail set, sleeping
# allocations included, one in a hundred, no stack dump per fault.
for f in failslab fail_page_alloc; do
	d=$dbg/$f
	[ -d "$d" ] || { echo "not ok - fault injection: no $d"; continue; }
	echo Y >"$d/task-filter"
	echo 1 >"$d/probability"
	echo 1 >"$d/interval"
	echo "$budget" >"$d/times"
	echo 0 >"$d/space"
	echo 0 >"$d/verbose"
	[ -e "$d/ignore-gfp-wait" ] && echo N >"$d/ignore-gfp-wait"
done

# --- the load: one stress-ng per cgroup, two stressors each.  Cgroups
# 0-7 get memory.max 48M (reclaim and OOM), the others 160M, so that the
# load cannot exhaust the 2 GiB guest; even-numbered ones run with fault
# injection.  make-it-fail is inherited across fork.
mark "load begins"
for i in $(seq 0 $((ncg - 1))); do
	c=$top/s$i
	mkdir "$c"
	if [ "$i" -lt 8 ]; then echo 48M >"$c/memory.max"; else echo 160M >"$c/memory.max"; fi
	a=${stressors[$((i % ${#stressors[@]}))]}
	b=${stressors[$(((i + 5) % ${#stressors[@]}))]}
	fail=$(( i % 2 == 0 ? 1 : 0 ))
	(
		echo "$BASHPID" >"$c/cgroup.procs"
		echo "$fail" >/proc/self/make-it-fail
		echo 0 >/proc/self/oom_score_adj
		cd /tmp || exit 1
		exec stress-ng --"$a" 1 --"$b" 1 --timeout "${dur}s" --temp-path /tmp \
			--quiet --oom-avoid-bytes 0 >"$out/stress-ng-s$i.log" 2>&1
	) &
	echo "s$i: $a $b max=$(cat "$c/memory.max") make-it-fail=$fail" >>"$out/cgroups.txt"
done
fig "stressors ${stressors[*]} in $ncg cgroups (8 with memory.max 48M, 8 with 160M, 8 with fault injection)"

# --- cgroup churn, two levels deep.
churn() {
	local n=0 c
	while [ ! -e "$out/stop" ]; do
		c=$top/churn$n
		if ! { mkdir "$c" && echo "+memory" >"$c/cgroup.subtree_control" &&
			mkdir "$c/leaf"; }; then
			echo "churn: cannot create $c/leaf"
			break
		fi
		sh -c "echo \$\$ >$c/leaf/cgroup.procs; exec cat /proc/self/status /proc/meminfo >/dev/null; exec sleep 30" &
		sh -c "echo \$\$ >$c/leaf/cgroup.procs; ls -R /usr/lib >/dev/null 2>&1; exec sleep 30" &
		sleep 0.5
		echo 1 >"$c/cgroup.kill"
		wait
		rmdir "$c/leaf" "$c" || { echo "churn: cannot remove $c"; break; }
		n=$((n + 1))
	done
	echo "$n" >"$out/churn.count"
}
churn &

# --- CPU hotplug: offline and online one CPU every few seconds.
hotplug() {
	local n=0 cpu
	while [ ! -e "$out/stop" ]; do
		for cpu in /sys/devices/system/cpu/cpu[1-9]*; do
			[ -e "$cpu/online" ] || continue
			echo 0 >"$cpu/online" || echo "hotplug: offlining ${cpu##*/} failed"
			sleep 2
			echo 1 >"$cpu/online" || echo "hotplug: onlining ${cpu##*/} failed"
			sleep 2
			n=$((n + 1))
			[ -e "$out/stop" ] && break
		done
	done
	echo "$n" >"$out/hotplug.count"
}
hotplug &

sleep "$dur"
touch "$out/stop"
mark "load ends"

# --- stop: what is left of the load, counted first.
oom=0 stressing=0
for i in $(seq 0 $((ncg - 1))); do
	c=$top/s$i
	o=$(awk '$1 == "oom_kill" { print $2 }' "$c/memory.events")
	oom=$((oom + ${o:-0}))
	stressing=$((stressing + $(wc -l <"$c/cgroup.procs")))
	echo 1 >"$c/cgroup.kill"
done
wait
for f in failslab fail_page_alloc; do
	left=$(cat "$dbg/$f/times" 2>/dev/null || echo "$budget")
	fig "faults injected by $f: $((budget - left))"
	echo 0 >"$dbg/$f/probability" 2>/dev/null
done
fig "tasks still stressing at the end: $stressing"
fig "OOM kills in the stressed cgroups: $oom"
fig "cgroup churn: $(cat "$out/churn.count" 2>/dev/null || echo 0) parent/child pairs created, populated, killed and removed"
fig "CPU hotplug: $(cat "$out/hotplug.count" 2>/dev/null || echo 0) offline/online cycles"
for i in $(seq 0 $((ncg - 1))); do
	rc=$(grep -c . "$out/stress-ng-s$i.log" 2>/dev/null || echo 0)
	[ "$rc" = 0 ] || fig "s$i stress-ng printed $rc line(s), see stress-ng-s$i.log"
done

# --- remove every cgroup, drop caches, wait for the dying ones.
for i in $(seq 0 $((ncg - 1))); do
	c=$top/s$i
	for t in $(seq 50); do
		grep -q 'populated 0' "$c/cgroup.events" && break
		sleep 0.2
	done
	rmdir "$c" || echo "stress: cannot remove $c"
done
removed=$ncg
fig "cgroups removed: $removed stressed + the churn pairs"
sync
echo 3 >/proc/sys/vm/drop_caches
dying=-1
for t in $(seq 120); do
	dying=$(awk '$1 == "nr_dying_descendants" { print $2 }' "$cg/cgroup.stat")
	[ "$dying" = 0 ] && break
	[ $((t % 10)) = 0 ] && echo 3 >/proc/sys/vm/drop_caches
	sleep 1
done
fig "dying descendants of the root after ${t}s: $dying"
check "every removed cgroup is gone (root cgroup.stat nr_dying_descendants 0)" [ "$dying" = 0 ]

# --- the surviving parent's kernel memory is back at its baseline, within
# one charge batch (MEMCG_CHARGE_BATCH, 64 pages) per CPU.
slack=$((64 * 4096 * ncpu))
for k in kernel slab percpu sock; do
	now=$(stat_of "$top" "$k")
	fig "parent $k: baseline ${base[$k]} now $now (allowed +- $slack)"
	d=$((now - base[$k]))
	check "parent memory.stat $k back at its baseline" [ "${d#-}" -le "$slack" ]
done
# A stat that went negative prints as a huge unsigned number.
neg=$(awk '$2 > 4611686018427387904 { print FILENAME ": " $0 }' \
	"$top/memory.stat" "$cg/memory.stat" 2>/dev/null)
[ -n "$neg" ] && echo "$neg"
check "no memory.stat value is negative" [ -z "$neg" ]

# --- kmemleak: two scans (an object must survive one to be reported).
if [ -e "$dbg/kmemleak" ]; then
	echo scan >"$dbg/kmemleak"
	sleep 5
	echo scan >"$dbg/kmemleak"
	leaks=$(grep -c '^unreferenced object' "$dbg/kmemleak")
	cat "$dbg/kmemleak" >"$out/kmemleak.txt"
	fig "kmemleak: $leaks unreferenced objects"
	check "kmemleak reports no leak" [ "$leaks" = 0 ]
else
	echo "not ok - kmemleak: no $dbg/kmemleak"
fi
rmdir "$top"
