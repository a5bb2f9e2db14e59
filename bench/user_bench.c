// SPDX-License-Identifier: GPL-2.0
/*
 * User-space loops of 'make bench-numa' for the page charge stock (part 2),
 * the ones its postings were judged by: page faults in several memcgs from
 * one CPU, and socket request/response in a memcg.  Every process runs on
 * CPU 0, so the charges and the uncharges meet the same per-cpu stock, as
 * in the LKP report against v4 of the page_counter stock series (socket
 * memory uncharged on the CPU that charges it next).
 *
 * fault CGPREFIX NCG PAGES TOTAL REPS
 *	NCG processes, process i in cgroup CGPREFIX<i> (existing folders),
 *	each faulting in PAGES anonymous pages and dropping them with
 *	MADV_DONTNEED, over and over, until the NCG processes together have
 *	taken TOTAL faults.  They run at the same time on CPU 0, so the
 *	scheduler interleaves memcgs on one CPU (the series' own method).
 *	Timed from the start signal to the last process's done signal.
 *	Prints: case=ufault n=NCG pages=PAGES faults=TOTAL reps=REPS fault=NS
 *	(ns per page: fault, charge, zap, uncharge).
 *
 * unix|tcp SIZE RTS REPS
 *	A client and a server process in the caller's cgroup: an AF_UNIX
 *	stream socketpair or a TCP connection over 127.0.0.1.  The client
 *	sends SIZE bytes, the server reads them and sends SIZE bytes back,
 *	RTS times.  TCP charges socket buffers to the memcg page by page
 *	(mem_cgroup_sk_charge()) and uncharges them as they are read.
 *	Prints: case=unix n=SIZE rts=RTS reps=REPS rt=NS (ns per round trip).
 *
 * One warm-up measurement, then REPS timed ones; the minimum is printed.
 * Under 'make bench-numa' (QEMU -icount shift=0) a ns is one instruction.
 * On an error: case=... error=WHAT:STRERROR, exit status 1.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *name = "user";

static void die(const char *what)
{
	printf("case=%s error=%s:%s\n", name, what, strerror(errno));
	exit(1);
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static long arg(const char *s, long min)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*end || v < min) {
		errno = EINVAL;
		die(s);
	}
	return v;
}

static void pin_cpu0(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		die("sched_setaffinity");
}

static void full_write(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n <= 0)
			die("write");
		buf += n;
		len -= n;
	}
}

static void full_read(int fd, char *buf, size_t len)
{
	while (len) {
		ssize_t n = read(fd, buf, len);

		if (n <= 0)
			die("read");
		buf += n;
		len -= n;
	}
}

/* Reap every child; any child that failed fails the run. */
static void reap(void)
{
	int status;

	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			errno = ECHILD;
			die("child");
		}
}

static void enter_cgroup(const char *prefix, int i)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s%d/cgroup.procs", prefix, i);
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, "0", 1) != 1)
		die(path);
	close(fd);
}

/* One process of the fault case: ITERS rounds over PAGES pages. */
static void fault_child(const char *prefix, int i, long pages, long iters,
			int start, int done)
{
	long page = sysconf(_SC_PAGESIZE), it, p;
	char *buf, c;

	enter_cgroup(prefix, i);
	buf = mmap(NULL, pages * page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (buf == MAP_FAILED)
		die("mmap");
	/* the start signal is the parent closing its end: read() returns 0 */
	if (read(start, &c, 1) != 0)
		die("start");
	for (it = 0; it < iters; it++) {
		for (p = 0; p < pages; p++)
			buf[p * page] = 1;
		if (madvise(buf, pages * page, MADV_DONTNEED))
			die("madvise");
	}
	full_write(done, "d", 1);
	_exit(0);
}

/* ns per fault of one measurement */
static double fault_once(const char *prefix, int ncg, long pages, long total)
{
	long iters = total / ncg / pages;
	int start[2], done[2], i;
	unsigned long long t0, t1;
	char buf[256];

	if (iters < 1) {
		errno = EINVAL;
		die("TOTAL below NCG x PAGES");
	}
	if (pipe(start) || pipe(done))
		die("pipe");
	for (i = 0; i < ncg; i++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (!pid) {
			close(start[1]);
			close(done[0]);
			fault_child(prefix, i, pages, iters, start[0], done[1]);
		}
	}
	close(start[0]);
	close(done[1]);
	t0 = now_ns();
	close(start[1]);
	full_read(done[0], buf, ncg);
	t1 = now_ns();
	close(done[0]);
	reap();
	return (double)(t1 - t0) / ((double)iters * pages * ncg);
}

/* A connected pair of stream sockets of the given family. */
static void sock_pair(int tcp, int fd[2])
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	socklen_t len = sizeof(addr);
	int lfd, one = 1;

	if (!tcp) {
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, fd))
			die("socketpair");
		return;
	}
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) ||
	    listen(lfd, 1) || getsockname(lfd, (struct sockaddr *)&addr, &len))
		die("listen");
	fd[0] = socket(AF_INET, SOCK_STREAM, 0);
	if (fd[0] < 0 || connect(fd[0], (struct sockaddr *)&addr, sizeof(addr)))
		die("connect");
	fd[1] = accept(lfd, NULL, NULL);
	if (fd[1] < 0)
		die("accept");
	close(lfd);
	/* request/response: no Nagle delay on the small messages */
	if (setsockopt(fd[0], IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) ||
	    setsockopt(fd[1], IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)))
		die("TCP_NODELAY");
}

/* ns per round trip of one measurement */
static double sock_once(int tcp, long size, long rts)
{
	char *buf = calloc(1, size);
	unsigned long long t0, t1;
	int fd[2];
	pid_t pid;
	long i;

	if (!buf)
		die("calloc");
	sock_pair(tcp, fd);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		close(fd[0]);
		for (i = 0; i < rts; i++) {
			full_read(fd[1], buf, size);
			full_write(fd[1], buf, size);
		}
		_exit(0);
	}
	close(fd[1]);
	t0 = now_ns();
	for (i = 0; i < rts; i++) {
		full_write(fd[0], buf, size);
		full_read(fd[0], buf, size);
	}
	t1 = now_ns();
	close(fd[0]);
	reap();
	free(buf);
	return (double)(t1 - t0) / rts;
}

static void usage(void)
{
	fprintf(stderr, "usage: user_bench fault CGPREFIX NCG PAGES TOTAL REPS\n"
			"       user_bench unix|tcp SIZE RTS REPS\n");
	exit(2);
}

int main(int argc, char **argv)
{
	double best = 0, v;
	long reps, r;

	if (argc < 2)
		usage();
	setvbuf(stdout, NULL, _IOLBF, 0);
	pin_cpu0();
	if (!strcmp(argv[1], "fault") && argc == 7) {
		int ncg = arg(argv[3], 1);
		long pages = arg(argv[4], 1), total = arg(argv[5], 1);

		name = "ufault";
		reps = arg(argv[6], 1);
		for (r = 0; r <= reps; r++) {
			v = fault_once(argv[2], ncg, pages, total);
			if (r && (r == 1 || v < best))
				best = v;
		}
		printf("case=ufault n=%d pages=%ld faults=%ld reps=%ld fault=%.2f\n",
		       ncg, pages, total / ncg / pages * ncg * pages, reps, best);
	} else if ((!strcmp(argv[1], "unix") || !strcmp(argv[1], "tcp")) && argc == 5) {
		int tcp = !strcmp(argv[1], "tcp");
		long size = arg(argv[2], 1), rts = arg(argv[3], 1);

		name = argv[1];
		reps = arg(argv[4], 1);
		for (r = 0; r <= reps; r++) {
			v = sock_once(tcp, size, rts);
			if (r && (r == 1 || v < best))
				best = v;
		}
		printf("case=%s n=%ld rts=%ld reps=%ld rt=%.2f\n", name, size, rts, reps, best);
	} else {
		usage();
	}
	return 0;
}
