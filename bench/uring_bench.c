// SPDX-License-Identifier: GPL-2.0
/*
 * io_uring submissions that allocate requests, per second ('make bench').
 *
 * io_uring refills the request cache of a ring with
 * kmem_cache_alloc_bulk(req_cachep, ..., 8, ...) in __io_alloc_req_refill()
 * only when that cache is empty, and completed requests go back to it. To
 * make every submission allocate, the requests never complete: each is an
 * IORING_OP_POLL_ADD on a pipe that never becomes readable, so they stay in
 * flight until the ring is closed. Each ring takes BATCHES x ENTRIES of
 * them, ENTRIES per io_uring_enter() (UML syscalls are slow, so they are
 * amortised over thousands of SQEs), then is closed; a fresh ring starts
 * with an empty cache again. After a close, the program waits until the
 * io_kiocb slab is back near where it was (the teardown is asynchronous),
 * so that freeing one ring does not run inside the timing of the next.
 *
 * Only the io_uring_enter() calls are timed. One warm-up measurement, then
 * REPS timed ones of RINGS rings each; the minimum is reported:
 *
 *   case=uring reqs=N reps=R ns=NS.HH rate=REQS_PER_S alloc_per_req=A.AA
 *
 * alloc_per_req is the growth of the active io_kiocb objects in
 * /proc/slabinfo per submission, over the first ring: about 1.00 proves
 * that each submission allocated a request.
 *
 * Raw syscalls, no liburing. Built static on the host for the UML root.
 *
 * usage: uring_bench [RINGS [BATCHES [ENTRIES [REPS]]]]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/io_uring.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

struct uring {
	int fd;
	void *sq_ring;
	size_t sq_ring_size;
	struct io_uring_sqe *sqes;
	size_t sqes_size;
	unsigned int *sq_tail;
	unsigned int *sq_mask;
	unsigned int *sq_array;
};

static void die(const char *what)
{
	printf("case=uring error=%s:%s\n", what, strerror(errno));
	exit(1);
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Active objects of the io_kiocb cache, from /proc/slabinfo */
static long kiocb_active(void)
{
	char line[512], name[64];
	long active = -1, n;
	FILE *f = fopen("/proc/slabinfo", "r");

	if (!f)
		die("slabinfo");
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %ld", name, &n) == 2 &&
		    !strcmp(name, "io_kiocb"))
			active = n;
	}
	fclose(f);
	return active;
}

static void uring_setup(struct uring *r, unsigned int entries)
{
	struct io_uring_params p;
	size_t cq_size;

	memset(&p, 0, sizeof(p));
	r->fd = syscall(__NR_io_uring_setup, entries, &p);
	if (r->fd < 0)
		die("io_uring_setup");
	if (!(p.features & IORING_FEAT_SINGLE_MMAP)) {
		errno = ENOTSUP;
		die("single_mmap");
	}
	r->sq_ring_size = p.sq_off.array + p.sq_entries * sizeof(unsigned int);
	cq_size = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	if (cq_size > r->sq_ring_size)
		r->sq_ring_size = cq_size;
	r->sq_ring = mmap(NULL, r->sq_ring_size, PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_SQ_RING);
	if (r->sq_ring == MAP_FAILED)
		die("mmap_sq");
	r->sqes_size = p.sq_entries * sizeof(struct io_uring_sqe);
	r->sqes = mmap(NULL, r->sqes_size, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_SQES);
	if (r->sqes == MAP_FAILED)
		die("mmap_sqes");
	r->sq_tail = r->sq_ring + p.sq_off.tail;
	r->sq_mask = r->sq_ring + p.sq_off.ring_mask;
	r->sq_array = r->sq_ring + p.sq_off.array;
}

static void uring_close(struct uring *r)
{
	munmap(r->sqes, r->sqes_size);
	munmap(r->sq_ring, r->sq_ring_size);
	close(r->fd);
}

/* Submit @nr polls on @fd with one io_uring_enter(); returns its time */
static unsigned long long submit_polls(struct uring *r, int fd,
				       unsigned int nr)
{
	unsigned int tail = *r->sq_tail, mask = *r->sq_mask, i;
	unsigned long long t0;
	int ret;

	for (i = 0; i < nr; i++) {
		unsigned int idx = (tail + i) & mask;
		struct io_uring_sqe *sqe = &r->sqes[idx];

		memset(sqe, 0, sizeof(*sqe));
		sqe->opcode = IORING_OP_POLL_ADD;
		sqe->fd = fd;
		sqe->poll32_events = POLLIN;
		sqe->user_data = i;
		r->sq_array[idx] = idx;
	}
	__atomic_store_n(r->sq_tail, tail + nr, __ATOMIC_RELEASE);

	t0 = now_ns();
	ret = syscall(__NR_io_uring_enter, r->fd, nr, 0, 0, NULL, 0);
	t0 = now_ns() - t0;
	if (ret < 0)
		die("io_uring_enter");
	if ((unsigned int)ret != nr) {
		errno = EIO;
		die("short_submit");
	}
	return t0;
}

/* Wait (up to 10s) for the teardown of the closed rings to free requests */
static void wait_teardown(long baseline, long slack)
{
	int i;

	for (i = 0; i < 1000 && kiocb_active() > baseline + slack; i++)
		usleep(10000);
}

int main(int argc, char **argv)
{
	unsigned int rings = argc > 1 ? atoi(argv[1]) : 4;
	unsigned int batches = argc > 2 ? atoi(argv[2]) : 8;
	unsigned int entries = argc > 3 ? atoi(argv[3]) : 4096;
	unsigned int reps = argc > 4 ? atoi(argv[4]) : 5;
	unsigned long long reqs = (unsigned long long)rings * batches * entries;
	unsigned long long best = ~0ULL, ns;
	unsigned int rep, ring, b;
	long base, slack = entries, grown = 0;
	int pipefd[2];
	struct uring r;

	if (!rings || !batches || !entries || !reps) {
		errno = EINVAL;
		die("usage");
	}
	if (pipe(pipefd))
		die("pipe");

	base = kiocb_active();
	for (rep = 0; rep <= reps; rep++) {
		ns = 0;
		for (ring = 0; ring < rings; ring++) {
			uring_setup(&r, entries);
			for (b = 0; b < batches; b++)
				ns += submit_polls(&r, pipefd[0], entries);
			if (!rep && !ring)
				grown = kiocb_active() - base;
			uring_close(&r);
			wait_teardown(base, slack);
		}
		if (rep && ns < best)
			best = ns;
	}

	printf("case=uring reqs=%llu reps=%u ns=%llu.%02llu rate=%llu alloc_per_req=%.2f\n",
	       reqs, reps, best / reqs, best * 100 / reqs % 100,
	       reqs * 1000000000ULL / best,
	       (double)grown / ((double)batches * entries));
	return 0;
}
