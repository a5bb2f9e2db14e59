#!/bin/bash
# 'make bench': base vs patched micro-benchmarks of memcg-accounted slab
# allocation, on two UML kernels with the same benchmark code (bench/).
# Boots alternate base, patched, base, patched... BENCH_PAIRS times for
# each boot kind: "kmem" (kernel memory accounting on) and "nokmem"
# (cgroup.memory=nokmem, the floor).  Prints the table; it and the raw
# results and boot logs go to $RESULTS/bench/<time>/ (and .../latest).
# Measures, never judges: exits non-zero only when something broke.
#
#   BENCH_PAIRS (5)  BENCH_TIMEOUT (300 s per boot)
#   BENCH_ROUNDS (4): every case runs once per round, the rounds one
#     after the other, so its measurements are spread over the boot
#   BENCH_REPS (3 per round)  BENCH_OBJS (1048576)  BENCH_KMALLOC_REPS (5)
#   BENCH_URING_ARGS ("4 8 4096 3": rings, batches, SQEs per enter, reps)
#   BENCH_STOCK_SIZES ("1 4 8 32": memcgs charged in turn by the pages and sock cases)
#   BENCH_PERCPU_SIZES ("64 256 1024 4096")  BENCH_PERCPU_OBJS (131072)
#   BENCH_CASES    the /init cases to run (default: all)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/results.sh
. "$(dirname "$0")/results.sh"

pairs=${BENCH_PAIRS:-5}
[[ $pairs =~ ^[1-9][0-9]*$ ]] || die "BENCH_PAIRS must be a positive number, not '$pairs'"
bench_check_upto
t0=$SECONDS

"$TOP/scripts/get-base.sh"
# One hold of the build lock for the builds and the measurements: no other
# kernel build may share the two cores with the boots.
build_lock
export BENCH_LOCK_HELD=1
# The settings of the cases, defaults included, are those bench-root.sh
# writes into /bench.conf; it checks them before anything is built.
root=$KMEMCG_CACHE/bench/root
"$TOP/scripts/bench-root.sh" "$root"
rounds=$(sed -n 's/^ROUNDS=//p' "$root/bench.conf")
declare -A linux
for kernel in base patched; do
	linux[$kernel]=$("$TOP/scripts/bench-build.sh" "$kernel")
done

out=$RESULTS/bench/$(date +%Y%m%d-%H%M%S)
mkdir -p "$out/logs"
result_stamps "$out"
ln -sfn "$(basename "$out")" "$RESULTS/bench/latest"
raw=$out/raw.txt
: >"$raw"

uml_boot() {	# uml_boot BOOT PAIR KERNEL: one UML boot, its results into $raw
	local boot=$1 pair=$2 kernel=$3 args=() st=0
	local log=$out/logs/$boot-$pair-$kernel.log
	[ "$boot" = nokmem ] && args=(cgroup.memory=nokmem)
	say "bench: boot $boot, pair $pair/$pairs, $kernel kernel"
	"$TOP/scripts/bench-boot.sh" "${linux[$kernel]}" "$root" "$log" "${args[@]}" || st=1
	sed -n -e "s/^BENCH cg=/boot=$boot kernel=$kernel pair=$pair cg=/p" \
		-e "s/^BENCH-INFO cg=/boot=$boot kernel=$kernel pair=$pair info cg=/p" \
		"$log" >>"$raw"
	return "$st"
}
rc=0
bench_alternate "$pairs" "kmem nokmem" uml_boot || rc=1

{
	echo "kmemcg bench: base $BASE_TAG vs patched ($(bench_patched_desc))"
	echo "engine: UML (ARCH=um, x86_64 host), native kernel code; uniprocessor kernel (CONFIG_SMP=n:"
	echo "  in SMP UML each irq disable/enable is a host sigprocmask()); atomics have no lock prefix;"
	echo "  mem=1G; $(nproc) host cores; every function 64-byte aligned in both kernels"
	echo "  (CONFIG_DEBUG_FORCE_FUNCTION_ALIGN_64B: without it, code moved by an unrelated change"
	echo "  shifted the same percpu pair by 8%);"
	echo "  the build lock is held, so no kernel build of this project runs alongside (VMs may)"
	echo "boots: $pairs pairs per boot kind, in the order base, patched, base, patched...;"
	echo "  kmem = memcg kernel-memory accounting on; nokmem = cgroup.memory=nokmem (the floor)"
	echo "cgroups: child = a non-root memcg (the main case), root = the root memcg"
	echo "method: in-kernel module (bench/kmemcg_bench.c); in each boot every case runs once per"
	echo "  round, $rounds rounds one after the other, each 1 warm-up and N timed measurements"
	echo "  of 1M objects; per boot the minimum over its rounds; table = median over the boots."
	echo "  Why rounds: this machine's CPUs run the same code up to 2x slower for seconds at a"
	echo "  time (a host-side spin loop shows it too), and the rounds let each boot meet a fast"
	echo "  stretch"
	echo "  bulk n=N   kmem_cache_alloc_bulk(N) + kmem_cache_free_bulk(N) at once, SLAB_ACCOUNT 256-byte cache"
	echo "  split n=N  the same in groups of 256 objects, allocation and free timed apart"
	echo "  kmalloc    1M x kmalloc(64, GFP_KERNEL_ACCOUNT), freed by kfree() or kfree_bulk(128 at a time)"
	echo "  io_uring   IORING_OP_POLL_ADD on a never-readable pipe, 4096 SQEs per io_uring_enter, fresh"
	echo "             rings, so every submission allocates a request (8 per kmem_cache_alloc_bulk);"
	echo "             only io_uring_enter is timed. User-space syscall cost is inflated in UML,"
	echo "             so this ratio is diluted compared with real hardware."
	echo "  pages memcgs=N  N memcgs charged in turn from one CPU (the page charge stock): per memcg visit"
	echo "             8 x alloc_page(GFP_KERNEL_ACCOUNT) under set_active_memcg(), then freed"
	echo "  sock memcgs=N   the same with mem_cgroup_sk_charge() + mem_cgroup_sk_uncharge() of one page,"
	echo "             as socket buffers are charged (the path of the netperf/lmbench regression)"
	echo "  percpu NB  __alloc_percpu_gfp(N, 8, GFP_KERNEL_ACCOUNT) + free_percpu(), 128K pairs per"
	echo "             measurement (one node: UML has no NUMA; see bench-numa for 2 and 4 nodes)"
	echo "  stat       the unit costs: one this_cpu_add(), one memcg-wide stat update (mod_memcg_state)"
	echo "             and one per-node one (mod_memcg_lruvec_state), in the child memcg; UML has no"
	echo "             native per-CPU ops: each this_cpu op saves and restores the irq state by calls"
	echo "spread = (max - min) / median over the boots of a kernel, the larger of the two kernels;"
	echo "  best chg = patched vs base, the best boot of each (lowest time, highest rate)"
	echo "lower is better except req/s; no pass/fail on speed"
	echo
	"$TOP/scripts/bench-report.sh" "$raw"
	echo
	awk '/case=uring/ { for (i = 1; i <= NF; i++) if ($i ~ /^(boot|kernel|cg|alloc_per_req)=/) printf "%s ", $i; print "" }' "$raw" |
		sort | uniq -c | awk '{ $1 = $1 " rounds:"; print "io_uring io_kiocb objects allocated per submission (first ring of a round):", $0 }'
	# kmem boots charge the child, nokmem boots must not
	awk '/ info cg=child/ { for (i = 1; i < NF; i++) if ($i == "slab") {
		split($1, b, "="); v = $(i + 1)
		if (!(b[2] in lo) || v < lo[b[2]]) lo[b[2]] = v
		if (!(b[2] in hi) || v > hi[b[2]]) hi[b[2]] = v } }
		END { for (k in lo) printf "child memcg slab bytes at the end of the %s boots: %d..%d\n", k, lo[k], hi[k] }' "$raw" | sort
} | tee "$out/table.txt"

say "bench: $((SECONDS - t0))s in all; table, raw results and logs in $out"
[ "$rc" = 0 ] || die "some boots failed (see above and $out/logs)"
