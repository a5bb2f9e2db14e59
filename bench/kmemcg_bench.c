// SPDX-License-Identifier: GPL-2.0
/*
 * Micro-benchmarks of memcg-accounted slab allocation and of the page
 * charge stock, for 'make bench'.
 *
 * Write a case to /sys/kernel/debug/kmemcg_bench/run, then read the
 * result back from the same file. The case runs in the context of the
 * writing task, so its allocations are charged to that task's memcg.
 *
 *   bulk N [REPS [OBJS]]   kmem_cache_alloc_bulk() of N objects of the
 *                          SLAB_ACCOUNT 256-byte cache, freed at once with
 *                          kmem_cache_free_bulk(): ns per object, alloc
 *                          and free together
 *   split N [REPS [OBJS]]  the same, in rounds of 256 objects: all
 *                          allocated in bulks of N (timed), then all
 *                          freed in bulks of N (timed apart)
 *   kmalloc [REPS [OBJS]]  OBJS x kmalloc(64, GFP_KERNEL_ACCOUNT) into an
 *                          array, then freed with kfree() (even reps) or
 *                          kfree_bulk() in runs of 128 (odd reps)
 *   memcg                  register the writing task's memcg (non-root) for
 *                          the two cases below, at most 32
 *   pages N [REPS [OBJS]]  the registered memcgs 0..N-1 in turn, from this
 *                          CPU: 8 x alloc_page(GFP_KERNEL_ACCOUNT) charged to
 *                          one (set_active_memcg()), then freed: ns per page,
 *                          charge and uncharge together (the page charge
 *                          stock with N memcgs on one CPU)
 *   sock N [REPS [OBJS]]   the same with mem_cgroup_sk_charge() and
 *                          mem_cgroup_sk_uncharge() of one page, as socket
 *                          buffers are charged: ns per charge+uncharge
 *   percpu N [REPS [OBJS]] __alloc_percpu_gfp(N, 8, GFP_KERNEL_ACCOUNT)
 *                          then free_percpu() of it: ns per pair, with the
 *                          first chunk (never charged) filled beforehand
 *   stat [REPS [OBJS]]     the unit costs of stat updates, ns per update:
 *                          "add" one this_cpu_add(), "memcg" one
 *                          mod_memcg_state() of MEMCG_SOCK (a memcg-wide
 *                          stat) and "lruvec" one mod_memcg_lruvec_state()
 *                          of NR_SLAB_UNRECLAIMABLE_B (a per-node stat) in
 *                          the writing task's memcg, each +x then -x
 *
 * OBJS (default 1M) objects per measurement; one warm-up measurement, then
 * REPS (default 5) timed ones, of which the minimum is reported, in
 * hundredths of a nanosecond per object: "case=bulk n=8 ... af=123.45".
 */

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/log2.h>
#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <net/sock.h>

#include "percpu-internal.h"

#define BENCH_OBJ_SIZE		256
#define BENCH_KMALLOC_SIZE	64
#define BENCH_MAX_BULK		256
#define BENCH_ROUND		256	/* objects per round of "split" */
#define BENCH_CHUNK		4096	/* objects between cond_resched() */
#define BENCH_FREE_BULK		128	/* kfree_bulk() run of "kmalloc" */
#define BENCH_DEF_OBJS		(1UL << 20)
#define BENCH_MAX_OBJS		(1UL << 24)
#define BENCH_DEF_REPS		5
#define BENCH_MAX_REPS		1000
#define BENCH_MAX_MEMCGS	32
#define BENCH_PAGE_BURST	8	/* pages per memcg visit of "pages" */
#define BENCH_MAX_PERCPU	(64 << 10)	/* largest "percpu" object */

static DEFINE_MUTEX(bench_lock);
static struct kmem_cache *bench_cache;
static void *bench_objs[BENCH_MAX_BULK];
static char bench_result[256];
static struct mem_cgroup *bench_memcgs[BENCH_MAX_MEMCGS];
static unsigned int bench_nr_memcgs;

struct bench_min {
	u64 ns;
};

static void bench_min_add(struct bench_min *m, u64 ns)
{
	if (ns < m->ns)
		m->ns = ns;
}

/* "name=NS.HH" of the minimum time per object, appended to the result */
static int bench_print(char *buf, size_t len, const char *name,
		       const struct bench_min *m, unsigned long objs)
{
	u64 hns = div64_u64(m->ns * 100, objs);

	return scnprintf(buf, len, " %s=%llu.%02llu", name,
			 div_u64(hns, 100), hns % 100);
}

/* One measurement of "bulk": OBJS objects in alloc-then-free bulks of n */
static int bench_bulk_once(unsigned int n, unsigned long objs, u64 *ns)
{
	unsigned long done, i;
	u64 start = ktime_get_ns();

	for (done = 0; done < objs; done += BENCH_CHUNK) {
		for (i = 0; i < BENCH_CHUNK; i += n) {
			if (!kmem_cache_alloc_bulk(bench_cache, GFP_KERNEL, n,
						   bench_objs))
				return -ENOMEM;
			kmem_cache_free_bulk(bench_cache, n, bench_objs);
		}
		cond_resched();
	}
	*ns = ktime_get_ns() - start;
	return 0;
}

/* One measurement of "split": rounds of BENCH_ROUND objects */
static int bench_split_once(unsigned int n, unsigned long objs,
			    u64 *alloc_ns, u64 *free_ns)
{
	unsigned long done, i;
	u64 t0, t1, t2;

	*alloc_ns = 0;
	*free_ns = 0;
	for (done = 0; done < objs; done += BENCH_ROUND) {
		t0 = ktime_get_ns();
		for (i = 0; i < BENCH_ROUND; i += n) {
			if (!kmem_cache_alloc_bulk(bench_cache, GFP_KERNEL, n,
						   &bench_objs[i])) {
				if (i)
					kmem_cache_free_bulk(bench_cache, i,
							     bench_objs);
				return -ENOMEM;
			}
		}
		t1 = ktime_get_ns();
		for (i = 0; i < BENCH_ROUND; i += n)
			kmem_cache_free_bulk(bench_cache, n, &bench_objs[i]);
		t2 = ktime_get_ns();
		*alloc_ns += t1 - t0;
		*free_ns += t2 - t1;
		if (!(done % BENCH_CHUNK))
			cond_resched();
	}
	return 0;
}

static int bench_bulk(bool split, unsigned int n, unsigned int reps,
		      unsigned long objs)
{
	struct bench_min af = { U64_MAX }, al = { U64_MAX }, fr = { U64_MAX };
	unsigned int r;
	u64 a, f;
	int len, ret;

	if (!n || n > BENCH_MAX_BULK || !is_power_of_2(n))
		return -EINVAL;
	objs = round_up(objs, BENCH_CHUNK);

	/* r == 0 is the warm-up */
	for (r = 0; r <= reps; r++) {
		if (split)
			ret = bench_split_once(n, objs, &a, &f);
		else
			ret = bench_bulk_once(n, objs, &a);
		if (ret)
			return ret;
		if (!r)
			continue;
		if (split) {
			bench_min_add(&al, a);
			bench_min_add(&fr, f);
			bench_min_add(&af, a + f);
		} else {
			bench_min_add(&af, a);
		}
	}

	len = scnprintf(bench_result, sizeof(bench_result),
			"case=%s n=%u objs=%lu reps=%u",
			split ? "split" : "bulk", n, objs, reps);
	len += bench_print(bench_result + len, sizeof(bench_result) - len,
			   "af", &af, objs);
	if (split) {
		len += bench_print(bench_result + len,
				   sizeof(bench_result) - len, "alloc", &al,
				   objs);
		len += bench_print(bench_result + len,
				   sizeof(bench_result) - len, "free", &fr,
				   objs);
	}
	return 0;
}

static int bench_kmalloc(unsigned int reps, unsigned long objs)
{
	struct bench_min al = { U64_MAX }, kf = { U64_MAX }, kb = { U64_MAX };
	unsigned long i, j;
	unsigned int r;
	void **p;
	u64 t0, t1, t2;
	int len;

	objs = round_up(objs, BENCH_CHUNK);
	p = kvmalloc_array(objs, sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;

	/* r == 0 is the warm-up; odd reps free with kfree_bulk() */
	for (r = 0; r <= reps; r++) {
		t0 = ktime_get_ns();
		for (i = 0; i < objs; i++) {
			p[i] = kmalloc(BENCH_KMALLOC_SIZE, GFP_KERNEL_ACCOUNT);
			if (unlikely(!p[i])) {
				while (i--)
					kfree(p[i]);
				kvfree(p);
				return -ENOMEM;
			}
			if (!(i % BENCH_CHUNK))
				cond_resched();
		}
		t1 = ktime_get_ns();
		if (r & 1) {
			for (i = 0; i < objs; i += BENCH_FREE_BULK) {
				j = min_t(unsigned long, BENCH_FREE_BULK,
					  objs - i);
				kfree_bulk(j, &p[i]);
				if (!(i % BENCH_CHUNK))
					cond_resched();
			}
		} else {
			for (i = 0; i < objs; i++) {
				kfree(p[i]);
				if (!(i % BENCH_CHUNK))
					cond_resched();
			}
		}
		t2 = ktime_get_ns();
		if (!r)
			continue;
		bench_min_add(&al, t1 - t0);
		bench_min_add(r & 1 ? &kb : &kf, t2 - t1);
	}
	kvfree(p);

	len = scnprintf(bench_result, sizeof(bench_result),
			"case=kmalloc n=%u objs=%lu reps=%u",
			BENCH_KMALLOC_SIZE, objs, reps);
	len += bench_print(bench_result + len, sizeof(bench_result) - len,
			   "alloc", &al, objs);
	if (kf.ns != U64_MAX)
		len += bench_print(bench_result + len,
				   sizeof(bench_result) - len, "kfree", &kf,
				   objs);
	if (kb.ns != U64_MAX)
		len += bench_print(bench_result + len,
				   sizeof(bench_result) - len, "kfree_bulk",
				   &kb, objs);
	return 0;
}

/*
 * The first chunk has no obj_exts: its objects are never charged, and an
 * allocation that fits in it lands there. Fill it up with the smallest
 * objects, unaccounted, so that the measured objects come from chunks
 * that charge them. One more filler, the anchor, then lands in the chunk
 * the measured objects come from, so that freeing one never leaves that
 * chunk empty (which would make every pair pay for the chunk going to the
 * free list and back). Returns the fillers, to be given to
 * bench_percpu_unfill(), or NULL.
 */
static void __percpu **bench_percpu_fill(unsigned int *nr)
{
	unsigned int max = READ_ONCE(pcpu_first_chunk->free_bytes) /
			   PCPU_MIN_ALLOC_SIZE + 2;
	void __percpu **fill;

	fill = kvmalloc_array(max, sizeof(*fill), GFP_KERNEL);
	if (!fill)
		return NULL;

	for (*nr = 0; *nr < max - 1 &&
	     READ_ONCE(pcpu_first_chunk->free_bytes) >= PCPU_MIN_ALLOC_SIZE;
	     (*nr)++) {
		fill[*nr] = __alloc_percpu(PCPU_MIN_ALLOC_SIZE,
					   PCPU_MIN_ALLOC_SIZE);
		if (!fill[*nr])
			break;
	}
	/* The anchor in the next chunk */
	fill[*nr] = __alloc_percpu(PCPU_MIN_ALLOC_SIZE, PCPU_MIN_ALLOC_SIZE);
	if (fill[*nr])
		(*nr)++;

	return fill;
}

static void bench_percpu_unfill(void __percpu **fill, unsigned int nr)
{
	while (nr)
		free_percpu(fill[--nr]);
	kvfree(fill);
}

/*
 * "percpu": accounted percpu allocation and free of @size bytes, in pairs,
 * as a percpu counter of a short-lived object is.
 */
static int bench_percpu(unsigned int size, unsigned int reps,
			unsigned long objs)
{
	struct bench_min pair = { U64_MAX };
	void __percpu **fill;
	unsigned int r, nr_fill;
	unsigned long i;
	int len;
	u64 t0;

	if (!size || size > BENCH_MAX_PERCPU)
		return -EINVAL;

	fill = bench_percpu_fill(&nr_fill);
	if (!fill)
		return -ENOMEM;

	/* r == 0 is the warm-up */
	for (r = 0; r <= reps; r++) {
		t0 = ktime_get_ns();
		for (i = 0; i < objs; i++) {
			void __percpu *p;

			p = __alloc_percpu_gfp(size, 8, GFP_KERNEL_ACCOUNT);
			if (unlikely(!p)) {
				bench_percpu_unfill(fill, nr_fill);
				return -ENOMEM;
			}
			free_percpu(p);
			if (!(i % BENCH_CHUNK))
				cond_resched();
		}
		if (r)
			bench_min_add(&pair, ktime_get_ns() - t0);
	}
	bench_percpu_unfill(fill, nr_fill);

	len = scnprintf(bench_result, sizeof(bench_result),
			"case=percpu n=%u objs=%lu reps=%u fillers=%u", size,
			objs, reps, nr_fill);
	bench_print(bench_result + len, sizeof(bench_result) - len, "pair",
		    &pair, objs);
	return 0;
}

/*
 * The writing task's memcg, referenced, or NULL if it is the root: the
 * cases that need a memcg of their own to charge run in a child.
 */
static struct mem_cgroup *bench_get_child_memcg(void)
{
	struct mem_cgroup *memcg = get_mem_cgroup_from_current();

	if (memcg && mem_cgroup_is_root(memcg)) {
		mem_cgroup_put(memcg);
		memcg = NULL;
	}
	return memcg;
}

static DEFINE_PER_CPU(long, bench_counter);

enum bench_stat_kind { BENCH_STAT_ADD, BENCH_STAT_MEMCG, BENCH_STAT_LRUVEC };

/* One measurement of "stat": OBJS updates of one kind, in +x/-x pairs */
static u64 bench_stat_once(enum bench_stat_kind kind, struct mem_cgroup *memcg,
			   struct lruvec *lruvec, unsigned long objs)
{
	unsigned long done, i;
	u64 start = ktime_get_ns();

	for (done = 0; done < objs; done += BENCH_CHUNK) {
		for (i = 0; i < BENCH_CHUNK; i += 2) {
			switch (kind) {
			case BENCH_STAT_ADD:
				this_cpu_add(bench_counter, 64);
				this_cpu_add(bench_counter, -64);
				break;
			case BENCH_STAT_MEMCG:
				mod_memcg_state(memcg, MEMCG_SOCK, 1);
				mod_memcg_state(memcg, MEMCG_SOCK, -1);
				break;
			case BENCH_STAT_LRUVEC:
				mod_memcg_lruvec_state(lruvec,
						       NR_SLAB_UNRECLAIMABLE_B,
						       64);
				mod_memcg_lruvec_state(lruvec,
						       NR_SLAB_UNRECLAIMABLE_B,
						       -64);
				break;
			}
		}
		cond_resched();
	}
	return ktime_get_ns() - start;
}

/*
 * "stat": what one stat update costs on this engine, the unit in which
 * per-node accounting adds cost. The kinds alternate within each
 * measurement round, so a slow stretch of the boot hits all three.
 */
static int bench_stat(unsigned int reps, unsigned long objs)
{
	static const char * const names[] = { "add", "memcg", "lruvec" };
	struct bench_min m[ARRAY_SIZE(names)];
	struct mem_cgroup *memcg = bench_get_child_memcg();
	struct lruvec *lruvec;
	unsigned int r, k;
	int len;

	if (!memcg)
		return -EINVAL;
	lruvec = mem_cgroup_lruvec(memcg, NODE_DATA(numa_node_id()));
	objs = round_up(objs, BENCH_CHUNK);
	for (k = 0; k < ARRAY_SIZE(m); k++)
		m[k].ns = U64_MAX;

	/* r == 0 is the warm-up */
	for (r = 0; r <= reps; r++) {
		for (k = 0; k < ARRAY_SIZE(m); k++) {
			u64 ns = bench_stat_once(k, memcg, lruvec, objs);

			if (r)
				bench_min_add(&m[k], ns);
		}
	}
	mem_cgroup_put(memcg);

	len = scnprintf(bench_result, sizeof(bench_result),
			"case=stat n=0 objs=%lu reps=%u", objs, reps);
	for (k = 0; k < ARRAY_SIZE(m); k++)
		len += bench_print(bench_result + len,
				   sizeof(bench_result) - len, names[k], &m[k],
				   objs);
	return 0;
}

/* "memcg": the writing task's memcg joins the list of "pages" and "sock" */
static int bench_add_memcg(void)
{
	struct mem_cgroup *memcg;

	if (bench_nr_memcgs == BENCH_MAX_MEMCGS)
		return -EINVAL;
	memcg = bench_get_child_memcg();
	if (!memcg)
		return -EINVAL;
	bench_memcgs[bench_nr_memcgs++] = memcg;
	scnprintf(bench_result, sizeof(bench_result), "memcgs=%u",
		  bench_nr_memcgs);
	return 0;
}

/* One measurement of "pages": OBJS pages in bursts, memcgs in turn */
static int bench_pages_once(unsigned int n, unsigned long objs, u64 *ns)
{
	struct page *pages[BENCH_PAGE_BURST];
	struct mem_cgroup *old;
	unsigned long done;
	unsigned int m = 0, i;
	u64 start = ktime_get_ns();

	for (done = 0; done < objs; done += BENCH_PAGE_BURST) {
		old = set_active_memcg(bench_memcgs[m]);
		for (i = 0; i < BENCH_PAGE_BURST; i++) {
			pages[i] = alloc_page(GFP_KERNEL_ACCOUNT);
			if (unlikely(!pages[i]))
				break;
		}
		set_active_memcg(old);
		if (unlikely(i < BENCH_PAGE_BURST)) {
			while (i--)
				__free_page(pages[i]);
			return -ENOMEM;
		}
		for (i = 0; i < BENCH_PAGE_BURST; i++)
			__free_page(pages[i]);
		if (++m == n)
			m = 0;
		if (!(done % BENCH_CHUNK))
			cond_resched();
	}
	*ns = ktime_get_ns() - start;
	return 0;
}

/* One measurement of "sock": OBJS charge+uncharge pairs, memcgs in turn */
static int bench_sock_once(struct sock *socks, unsigned int n,
			   unsigned long objs, u64 *ns)
{
	unsigned long done;
	unsigned int m = 0;
	u64 start = ktime_get_ns();

	for (done = 0; done < objs; done++) {
		if (unlikely(!mem_cgroup_sk_charge(&socks[m], 1, GFP_KERNEL)))
			return -ENOMEM;
		mem_cgroup_sk_uncharge(&socks[m], 1);
		if (++m == n)
			m = 0;
		if (!(done % BENCH_CHUNK))
			cond_resched();
	}
	*ns = ktime_get_ns() - start;
	return 0;
}

/*
 * "pages N" and "sock N". The sockets of "sock" are zeroed struct socks
 * with nothing but sk_memcg set: all that mem_cgroup_sk_charge() reads.
 */
static int bench_stock(bool sock, unsigned int n, unsigned int reps,
		       unsigned long objs)
{
	struct bench_min m = { U64_MAX };
	struct sock *socks = NULL;
	unsigned int r, i;
	int len, ret = 0;
	u64 ns;

	if (!n || n > bench_nr_memcgs)
		return -EINVAL;
	if (sock) {
		socks = kvcalloc(n, sizeof(*socks), GFP_KERNEL);
		if (!socks)
			return -ENOMEM;
		for (i = 0; i < n; i++)
			socks[i].sk_memcg = bench_memcgs[i];
	}
	for (r = 0; r <= reps && !ret; r++) {
		if (sock)
			ret = bench_sock_once(socks, n, objs, &ns);
		else
			ret = bench_pages_once(n, objs, &ns);
		if (!ret && r)
			bench_min_add(&m, ns);
	}
	kvfree(socks);
	if (ret)
		return ret;

	len = scnprintf(bench_result, sizeof(bench_result),
			"case=%s n=%u objs=%lu reps=%u", sock ? "sock" : "pages",
			n, objs, reps);
	bench_print(bench_result + len, sizeof(bench_result) - len, "pair", &m,
		    objs);
	return 0;
}

static ssize_t bench_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	unsigned long objs = BENCH_DEF_OBJS;
	unsigned int n = 0, reps = BENCH_DEF_REPS;
	char buf[64], name[16];
	int nr, ret;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';

	nr = sscanf(buf, "%15s", name);
	if (nr != 1)
		return -EINVAL;
	if (!strcmp(name, "kmalloc") || !strcmp(name, "stat"))
		sscanf(buf, "%*s %u %lu", &reps, &objs);
	else if (strcmp(name, "memcg"))
		sscanf(buf, "%*s %u %u %lu", &n, &reps, &objs);
	if (!reps || reps > BENCH_MAX_REPS || !objs || objs > BENCH_MAX_OBJS)
		return -EINVAL;

	mutex_lock(&bench_lock);
	bench_result[0] = '\0';
	if (!strcmp(name, "bulk"))
		ret = bench_bulk(false, n, reps, objs);
	else if (!strcmp(name, "split"))
		ret = bench_bulk(true, n, reps, objs);
	else if (!strcmp(name, "kmalloc"))
		ret = bench_kmalloc(reps, objs);
	else if (!strcmp(name, "memcg"))
		ret = bench_add_memcg();
	else if (!strcmp(name, "pages"))
		ret = bench_stock(false, n, reps, objs);
	else if (!strcmp(name, "sock"))
		ret = bench_stock(true, n, reps, objs);
	else if (!strcmp(name, "percpu"))
		ret = bench_percpu(n, reps, objs);
	else if (!strcmp(name, "stat"))
		ret = bench_stat(reps, objs);
	else
		ret = -EINVAL;
	mutex_unlock(&bench_lock);

	return ret ? ret : count;
}

static ssize_t bench_read(struct file *file, char __user *ubuf, size_t count,
			  loff_t *ppos)
{
	char buf[sizeof(bench_result) + 1];
	int len;

	mutex_lock(&bench_lock);
	len = scnprintf(buf, sizeof(buf), "%s\n", bench_result);
	mutex_unlock(&bench_lock);

	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static const struct file_operations bench_fops = {
	.owner = THIS_MODULE,
	.write = bench_write,
	.read = bench_read,
	.llseek = default_llseek,
};

static int __init kmemcg_bench_init(void)
{
	struct dentry *dir;

	bench_cache = kmem_cache_create("kmemcg_bench_256", BENCH_OBJ_SIZE, 0,
					SLAB_ACCOUNT, NULL);
	if (!bench_cache)
		return -ENOMEM;

	dir = debugfs_create_dir("kmemcg_bench", NULL);
	debugfs_create_file("run", 0600, dir, NULL, &bench_fops);
	return 0;
}
late_initcall(kmemcg_bench_init);
