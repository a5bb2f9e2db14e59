#!/bin/bash
# 'make bench-numa': the percpu case of 'make bench' (or others, see
# BENCH_NUMA_CASES) on x86_64 kernels
# under QEMU/TCG, on the selftest VM's topologies: 2node (2 nodes x 2
# CPUs) and 4node (3 nodes with one CPU each plus a memory-only node).
# Every instruction is emulated, and QEMU runs with -icount shift=0: the
# guest's clock advances one nanosecond per instruction executed, so a
# "ns" is an instruction and the figures depend little on the host's load
# or TCG's speed.  They count instructions, not cache misses or stalls:
# the ratios say how the per-node accounting scales with nodes, not what
# it costs on hardware.
# Boots alternate base, patched, base, patched... BENCH_PAIRS times per
# topology and boot kind (kmem, and nokmem: cgroup.memory=nokmem, the
# floor).  Then the cgroups case (part 4) on 2node, without -icount: in
# each of BENCH_PAIRS boots per kernel, bench/guest-cgroups.sh creates
# BENCH_CGROUPS memory cgroups and reports the slab bytes per cgroup
# (bytes do not depend on TCG).  Prints the tables; they and the raw
# results and the logs go to $RESULTS/bench-numa/<time>/ (and
# .../latest).  Measures, never judges.
#
#   BENCH_PAIRS (3)  BENCH_TOPOS ("2node 4node"; "1node" for one node;
#     "none": the cgroups case only)  BENCH_REPS (5)
#   BENCH_PERCPU_SIZES ("64 256 1024 4096")  BENCH_PERCPU_OBJS (16384)
#   BENCH_CGROUPS (1000; 0 leaves the cgroups case out)
#   BENCH_NUMA_CASES ("percpu"): the cases of bench/init to count, any of
#     bulk split kmalloc pages sock percpu: the instruction counts of the
#     other cases tell a path that got longer by 1% apart, which the
#     timings of 'make bench' cannot (they resolve 5 to 10%)
#     and the user-space loops of part 2 (bench/user_bench.c, all on CPU 0):
#     ufault (faults in 1, 4 and 32 memcgs at once), unix and tcp
#     (request/response over an AF_UNIX socketpair and TCP loopback)
#   BENCH_BULK_SIZES ("1 32")  BENCH_OBJS (65536)  BENCH_STOCK_SIZES ("1 32")
#   BENCH_UFAULT_SIZES ("1 4 32")  BENCH_UFAULT_TOTAL (32768 faults)
#   BENCH_SOCK_SIZES ("1 16384" bytes a message)  BENCH_SOCK_RTS (2048)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/results.sh
. "$(dirname "$0")/results.sh"

pairs=${BENCH_PAIRS:-3}
[[ $pairs =~ ^[1-9][0-9]*$ ]] || die "BENCH_PAIRS must be a positive number, not '$pairs'"
bench_check_upto
topos=${BENCH_TOPOS:-2node 4node}
[ "$topos" != none ] || topos=
nr_cgroups=${BENCH_CGROUPS:-1000}
[[ $nr_cgroups =~ ^[0-9]+$ ]] || die "BENCH_CGROUPS must be a number of cgroups, not '$nr_cgroups'"
[ -n "$topos" ] || [ "$nr_cgroups" != 0 ] ||
	die "BENCH_TOPOS=none and BENCH_CGROUPS=0: nothing to measure"
cases=${BENCH_NUMA_CASES:-percpu}
for c in $cases; do
	case $c in
	bulk | split | kmalloc | pages | sock | percpu | ufault | unix | tcp) ;;
	*) die "BENCH_NUMA_CASES: unknown case '$c' (bulk split kmalloc pages sock percpu ufault unix tcp; io_uring runs in make bench only)" ;;
	esac
done
t0=$SECONDS

"$TOP/scripts/get-base.sh"
# Each build takes the build lock; the boots do not hold it: under
# -icount the figures count instructions, which depend little on what
# else runs (within 5.6% with builds alongside, measured), and the
# cgroups case counts bytes.
declare -A image
for kernel in base patched; do
	image[$kernel]=$("$TOP/scripts/bench-build.sh" "$kernel" x86_64)
done

out=$RESULTS/bench-numa/$(date +%Y%m%d-%H%M%S)
mkdir -p "$out/logs"
result_stamps "$out"
ln -sfn "$(basename "$out")" "$RESULTS/bench-numa/latest"
conf=$out/bench.conf
# The user-space program, run by the guest from the host's file system
need gcc
gcc -O2 -Wall -Wextra -static -o "$out/user_bench" "$TOP/bench/user_bench.c" ||
	die "could not build bench/user_bench.c"
objs=${BENCH_OBJS:-65536}
reps=${BENCH_REPS:-5}
# pages each process of the ufault case faults in, then drops, at a time
ufault_pages=64
cat >"$conf" <<CONF
BULK_SIZES="${BENCH_BULK_SIZES:-1 32}"
BULK_REPS=$reps
BULK_OBJS=$objs
KMALLOC_REPS=$reps
KMALLOC_OBJS=$objs
STOCK_MEMCGS=32
STOCK_SIZES="${BENCH_STOCK_SIZES:-1 32}"
STOCK_REPS=$reps
STOCK_OBJS=$objs
PERCPU_SIZES="${BENCH_PERCPU_SIZES:-64 256 1024 4096}"
PERCPU_REPS=$reps
PERCPU_OBJS=${BENCH_PERCPU_OBJS:-16384}
STAT_REPS=$reps
STAT_OBJS=$objs
USER_BENCH=$out/user_bench
UFAULT_SIZES="${BENCH_UFAULT_SIZES:-1 4 32}"
UFAULT_PAGES=$ufault_pages
UFAULT_TOTAL=${BENCH_UFAULT_TOTAL:-32768}
UFAULT_REPS=$reps
SOCK_MSG_SIZES="${BENCH_SOCK_SIZES:-1 16384}"
SOCK_RTS=${BENCH_SOCK_RTS:-2048}
SOCK_REPS=$reps
CASES="$cases"
CONF
raw=$out/raw.txt
: >"$raw"

# boot_case KERNEL LOG DONE GUEST-CMD: one boot of KERNEL's image, on
# $TOPO with $VM_APPEND and $VM_QEMU_OPTS as the caller sets them; fails on
# a kernel report in LOG or when LOG lacks the line DONE
boot_case() {
	local kernel=$1 log=$2 done=$3 cmd=$4 st=0
	VM_TIMEOUT=${BENCH_TIMEOUT:-900} \
		"$TOP/scripts/vm.sh" "${image[$kernel]}" "$log" "$cmd" || st=1
	"$TOP/scripts/check-splats.sh" "$log" || st=1
	grep -q "$done" "$log" ||
		{ echo "bench-numa: the boot did not finish cleanly (log: $log)" >&2; st=1; }
	return "$st"
}

percpu_boot() {	# percpu_boot TOPO KIND PAIR KERNEL: its results into $raw
	local topo=$1 boot=$2 pair=$3 kernel=$4 append="" st=0
	local log=$out/logs/$topo-$boot-$pair-$kernel.log
	[ "$boot" = nokmem ] && append=cgroup.memory=nokmem
	say "bench-numa: $topo, boot $boot, pair $pair/$pairs, $kernel kernel"
	TOPO=$topo VM_APPEND=$append VM_QEMU_OPTS="-icount shift=0,sleep=off" \
		boot_case "$kernel" "$log" '^BENCH-DONE errors=0' \
		"$TOP/scripts/guest-bench.sh $TOP/bench/init $conf" || st=1
	sed -n "s/^BENCH cg=/boot=$topo-$boot kernel=$kernel pair=$pair cg=/p" \
		"$log" >>"$raw"
	return "$st"
}

cgroups_boot() {	# cgroups_boot KIND PAIR KERNEL: the cgroups case, on 2node
	local pair=$2 kernel=$3
	say "bench-numa: cgroups, pair $pair/$pairs, $kernel kernel"
	TOPO=2node VM_APPEND=kunit.autorun=0 VM_QEMU_OPTS="" \
		boot_case "$kernel" "$out/logs/cgroups-$pair-$kernel.log" \
		'bench-cgroups: done' "bash $TOP/bench/guest-cgroups.sh $nr_cgroups"
}

rc=0
for topo in $topos; do
	bench_alternate "$pairs" "kmem nokmem" percpu_boot "$topo" || rc=1
done
if [ "$nr_cgroups" != 0 ]; then
	bench_alternate "$pairs" cgroups cgroups_boot || rc=1
fi

{
	echo "kmemcg bench-numa: base $BASE_TAG vs patched ($(bench_patched_desc))"
	echo "engine: x86_64 under QEMU/TCG with -icount shift=0: 1 ns of guest time = 1 instruction,"
	echo "  so ns/pair below counts instructions (no cache or memory stalls; not hardware time);"
	echo "  the selftest VM's config without debug options; virtme-ng; $(nproc) host cores;"
	echo "  instruction counts depend little on the host's load; builds may have run alongside"
	echo "topologies: 2node = 2 nodes x 2 CPUs, 1 GiB each; 4node = 3 nodes with one CPU each"
	echo "  and 512 MiB, plus a memory-only node of 512 MiB; 1node (BENCH_TOPOS only) = 1 node x 2 CPUs, 2 GiB"
	echo "boots: $pairs pairs per topology and boot kind, in the order base, patched, base, patched...;"
	echo "  kmem = memcg kernel-memory accounting on; nokmem = cgroup.memory=nokmem (the floor)"
	echo "cgroups: child = a non-root memcg (the main case), root = the root memcg"
	echo "method: in-kernel module (bench/kmemcg_bench.c): per boot 1 warm-up and N timed"
	echo "  measurements, minimum per boot; table = median over the boots"
	echo "  cases: $cases (bench/init and the 'make bench' header say what each does)"
	echo "  percpu NB  __alloc_percpu_gfp(N, 8, GFP_KERNEL_ACCOUNT) + free_percpu(), ns per pair"
	echo "  user space (bench/user_bench.c; every process on CPU 0; min of $reps, 1 warm-up):"
	echo "  faults memcgs=N  N processes in N memcgs at once, each faulting $ufault_pages pages and"
	echo "             dropping them with MADV_DONTNEED; ns per page (fault, charge, zap, uncharge)"
	echo "  unix/tcp NB  request/response of N bytes each way between two processes,"
	echo "             AF_UNIX socketpair / TCP over 127.0.0.1 (TCP_NODELAY); ns per round trip"
	echo "spread = (max - min) / median over the boots of a kernel, the larger of the two kernels"
	echo "lower is better; no pass/fail on speed"
	echo
	if [ -n "$topos" ]; then
		"$TOP/scripts/bench-report.sh" "$raw"
	else
		echo "percpu case: not run (BENCH_TOPOS=none)"
	fi
	if [ "$nr_cgroups" != 0 ]; then
		echo
		echo "cgroups case (part 4: memcg's structures in kmem_caches of their own): 2node, no -icount;"
		echo "  growth of /proc/meminfo and of the slab pages of each cache, per cgroup created"
		"$TOP/scripts/bench-cgroups-report.sh" "$out/logs" || true
	fi
} | tee "$out/table.txt"

say "bench-numa: $((SECONDS - t0))s in all; table, raw results and logs in $out"
[ "$rc" = 0 ] || die "some boots failed (see above and $out/logs)"
