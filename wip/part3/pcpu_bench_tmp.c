// SPDX-License-Identifier: GPL-2.0-only
/* Local, not for the series: ns per __alloc_percpu_gfp()/free_percpu() pair */
#include <kunit/test.h>
#include <linux/ktime.h>
#include <linux/memcontrol.h>
#include <linux/percpu.h>
#include <linux/sched/mm.h>
#include <linux/sort.h>

#define BENCH_N		20000
#define BENCH_REPS	7

static struct mem_cgroup *bench_memcg;

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static u64 bench_one(size_t size, gfp_t gfp, struct mem_cgroup *memcg)
{
	struct mem_cgroup *old = set_active_memcg(memcg);
	u64 t0 = ktime_get_ns();
	int i;

	for (i = 0; i < BENCH_N; i++) {
		void __percpu *p = __alloc_percpu_gfp(size, 8, gfp);

		free_percpu(p);
	}
	t0 = ktime_get_ns() - t0;
	set_active_memcg(old);
	return t0 * 100 / BENCH_N;
}

static void pcpu_bench_pairs(struct kunit *test)
{
	static const size_t sizes[] = { 64, 256, 1024, 4096 };
	u64 acc[BENCH_REPS], unacc[BENCH_REPS];
	int s, r;

	if (!bench_memcg || mem_cgroup_is_root(bench_memcg))
		kunit_skip(test, "needs a non-root memcg");
	for (s = 0; s < ARRAY_SIZE(sizes); s++) {
		for (r = 0; r < BENCH_REPS; r++) {
			acc[r] = bench_one(sizes[s], GFP_KERNEL_ACCOUNT, bench_memcg);
			unacc[r] = bench_one(sizes[s], GFP_KERNEL, NULL);
		}
		sort(acc, BENCH_REPS, sizeof(u64), cmp_u64, NULL);
		sort(unacc, BENCH_REPS, sizeof(u64), cmp_u64, NULL);
		kunit_info(test, "PCPUBENCH size=%zu acc_med=%llu acc_min=%llu acc_max=%llu unacc_med=%llu (ns/100 per pair)\n",
			   sizes[s], acc[BENCH_REPS / 2], acc[0], acc[BENCH_REPS - 1],
			   unacc[BENCH_REPS / 2]);
	}
}

static int pcpu_bench_init(struct kunit_suite *suite)
{
	bench_memcg = get_mem_cgroup_from_current();
	return 0;
}

static void pcpu_bench_exit(struct kunit_suite *suite)
{
	mem_cgroup_put(bench_memcg);
}

static struct kunit_case pcpu_bench_cases[] = {
	KUNIT_CASE(pcpu_bench_pairs),
	{}
};

static struct kunit_suite pcpu_bench_suite = {
	.name = "pcpu_bench",
	.suite_init = pcpu_bench_init,
	.suite_exit = pcpu_bench_exit,
	.test_cases = pcpu_bench_cases,
};
kunit_test_suite(pcpu_bench_suite);
MODULE_LICENSE("GPL");
