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
# Packaged stress-ng 0.15.06 stressors that allocate kernel memory.  Not
# io-uring: its worker aborts after five IORING_OP_STATX completions
# with ENOENT (on the host too), so it would add no load; io_uring's
# bulk request allocation is exercised by the series' selftest instead.
stressors=(fork dentry resources sock vm malloc pipe inotify mmap epoll msg memfd sockpair dir)
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
# TCP and UDP sockets allocated (/proc/net/sockstat), before any load.
inet_sockets() {
	awk '$1 == "TCP:" { t = $9 } $1 == "UDP:" { u = $3 } END { print t + u }' /proc/net/sockstat
}
socks0=$(inet_sockets)
# A TCP socket of the load can outlive its task as an orphan, with its FIN
# or data unsent to a peer that was killed, and it holds its memcg until
# its retries run out: with the defaults, 8 orphan retries or 15
# retransmissions backed off to 120 s, up to about 15 minutes.  The checks
# are about memcg charges, not TCP timers: a few retries.  (An orphan left
# by an injected fault has no timer at all: the choice of cgroups for
# fault injection below keeps that case away.)
echo 2 >/proc/sys/net/ipv4/tcp_orphan_retries
echo 5 >/proc/sys/net/ipv4/tcp_retries2

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
	# fail_page_alloc skips order-0 and highmem requests by default,
	# which are most kernel-memory page charges.
	[ -e "$d/min-order" ] && echo 0 >"$d/min-order"
	[ -e "$d/ignore-gfp-highmem" ] && echo N >"$d/ignore-gfp-highmem"
done

# --- the load: one stress-ng per cgroup, two stressors each, in an IPC
# namespace and a temporary folder of its own, so that nothing it makes
# (SysV message queues, tmpfs files) outlives it when it is killed and
# stays charged to the parent, and with TCP ports of its own (two sock
# stressors on stress-ng's default port: one fails to bind, measured).
# Cgroups 0-7 get memory.max 48M (reclaim and OOM), the others 160M, so
# that the load cannot exhaust the 2 GiB guest; the even-numbered ones
# get fault injection (inject() below), except one that runs the TCP
# stressor: when tcp_send_fin() cannot allocate its skb (an injected
# failslab fault), it returns with the socket in LAST_ACK or FIN_WAIT1 and
# no timer armed, and the orphan, with its memcg, is never freed (seen on
# the base and the series: "0100007F:C69E 0100007F:1400 09 ... 00:00000000").
mark "load begins"
inject_cgroups=()
for i in $(seq 0 $((ncg - 1))); do
	c=$top/s$i
	mkdir "$c"
	if [ "$i" -lt 8 ]; then echo 48M >"$c/memory.max"; else echo 160M >"$c/memory.max"; fi
	a=${stressors[$((i % ${#stressors[@]}))]}
	b=${stressors[$(((i + 5) % ${#stressors[@]}))]}
	(
		echo "$BASHPID" >"$c/cgroup.procs"
		echo 0 >/proc/self/oom_score_adj
		mkdir -p "/tmp/s$i" && cd "/tmp/s$i" || exit 1
		exec unshare -i stress-ng --"$a" 1 --"$b" 1 --timeout "${dur}s" \
			--temp-path "/tmp/s$i" --sock-port $((5000 + 10 * i)) \
			--quiet >"$out/stress-ng-s$i.log" 2>&1
	) &
	faults=$((1 - i % 2))
	[ "$a" = sock ] || [ "$b" = sock ] && faults=0
	[ "$faults" = 1 ] && inject_cgroups+=("$i")
	echo "s$i: $a $b max=$(cat "$c/memory.max") faults=$faults" >>"$out/cgroups.txt"
done
fig "stressors ${stressors[*]} in $ncg cgroups (8 with memory.max 48M, 8 with 160M, ${#inject_cgroups[@]} with fault injection)"

# --- fault injection: make-it-fail on every task of the inject_cgroups
# cgroups, once their stress-ng runs (a task that execs under failslab
# fails before stress-ng starts: measured) and again every few seconds
# for the tasks forked since (a child inherits the flag anyway).
inject() {
	local i p
	sleep 20
	while [ ! -e "$out/stop" ]; do
		for i in "${inject_cgroups[@]}"; do
			while read -r p; do
				echo 1 >"/proc/$p/make-it-fail" 2>/dev/null
			done <"$top/s$i/cgroup.procs"
		done
		sleep 5
	done
}
inject &

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

# --- stop: stress-ng ends by itself at its timeout; what is still there a
# minute later is counted and killed.
stressing() {
	local i n=0
	for i in $(seq 0 $((ncg - 1))); do
		n=$((n + $(wc -l <"$top/s$i/cgroup.procs")))
	done
	echo "$n"
}
for t in $(seq 60); do
	[ "$(stressing)" = 0 ] && break
	sleep 1
done
stuck=$(stressing)
oom=0
for i in $(seq 0 $((ncg - 1))); do
	c=$top/s$i
	o=$(awk '$1 == "oom_kill" { print $2 }' "$c/memory.events")
	oom=$((oom + ${o:-0}))
	echo 1 >"$c/cgroup.kill"
done
wait
rm -rf /tmp/s*
for f in failslab fail_page_alloc; do
	left=$(cat "$dbg/$f/times" 2>/dev/null || echo "$budget")
	fig "faults injected by $f: $((budget - left))"
	echo 0 >"$dbg/$f/probability" 2>/dev/null
done
fig "tasks still stressing 60s after the load ended (killed): $stuck"
fig "OOM kills in the stressed cgroups: $oom"
fig "cgroup churn: $(cat "$out/churn.count" 2>/dev/null || echo 0) parent/child pairs created, populated, killed and removed"
fig "CPU hotplug: $(cat "$out/hotplug.count" 2>/dev/null || echo 0) offline/online cycles"
for i in $(seq 0 $((ncg - 1))); do
	rc=$(grep -c . "$out/stress-ng-s$i.log" 2>/dev/null)
	rc=${rc:-0}
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
# A socket holds its memcg (sk_memcg) and the memory charged to it until
# the kernel frees it.  A TCP socket its task closed with data still
# queued lives on as an orphan until its peer answers or its retries run
# out, with the retransmit and window-probe timers backed off up to
# TCP_RTO_MAX (120 s).  So the wait goes past 120 s only while the load's
# sockets are still open, and what is left then is saved for the log.
dying=-1
for t in $(seq 480); do
	dying=$(awk '$1 == "nr_dying_descendants" { print $2 }' "$cg/cgroup.stat")
	[ "$dying" = 0 ] && break
	if [ "$t" = 120 ]; then
		cat /proc/net/sockstat /proc/net/tcp /proc/net/tcp6 /proc/net/udp \
			/proc/net/udp6 >"$out/sockets-at-120s.txt" 2>/dev/null
		fig "TCP/UDP sockets after 120s: $(inet_sockets) (before the load: $socks0), see sockets-at-120s.txt"
		# On the console too, in case the VM does not get to copy $out
		grep -hv '^ *sl' /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6 \
			2>/dev/null | head -20 | sed 's/^ */stress: socket /'
	fi
	[ "$t" -ge 120 ] && [ "$(inet_sockets)" -le "$socks0" ] && break
	[ $((t % 10)) = 0 ] && echo 3 >/proc/sys/vm/drop_caches
	sleep 1
done
fig "dying descendants of the root after ${t}s: $dying"
fig "TCP/UDP sockets then: $(inet_sockets) (before the load: $socks0)"
check "every removed cgroup is gone (root cgroup.stat nr_dying_descendants 0)" [ "$dying" = 0 ]

# --- the surviving parent's kernel memory is back at its baseline, within
# one charge batch (MEMCG_CHARGE_BATCH, 64 pages) per CPU.  Freed objects
# still charged wait in KASAN's quarantine and behind RCU: shrinking every
# slab cache empties the quarantine, and the check is retried for a while.
slack=$((64 * 4096 * ncpu))
settle() {
	local f
	sync
	echo 3 >/proc/sys/vm/drop_caches
	for f in /sys/kernel/slab/*/shrink; do echo 1 >"$f" 2>/dev/null; done
}
near_baseline() {	# near_baseline VALUE STAT: VALUE within slack of STAT's baseline
	local d=$(($1 - base[$2]))
	[ "${d#-}" -le "$slack" ]
}
off_baseline() {	# prints the stats not yet back at their baseline
	local k
	for k in kernel slab percpu sock; do
		near_baseline "$(stat_of "$top" "$k")" "$k" || printf '%s ' "$k"
	done
}
for t in $(seq 30); do
	settle
	sleep 1
	[ -z "$(off_baseline)" ] && break
done
fig "parent memory.stat settled after ${t} rounds of drop_caches and slab shrink"
for k in kernel slab percpu sock; do
	now=$(stat_of "$top" "$k")
	fig "parent $k: baseline ${base[$k]} now $now (allowed +- $slack)"
	check "parent memory.stat $k back at its baseline" near_baseline "$now" "$k"
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
