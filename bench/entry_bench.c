// SPDX-License-Identifier: GPL-2.0
/*
 * Entry-path micro-benchmarks for the rig (make bench), run in the guest:
 *
 *   syscall   getppid() in a loop: ns per system call
 *   fault     touch fresh anonymous pages, then unmap: ns per page fault
 *   pingpong  two processes on two CPUs wake each other through pipes:
 *             round trips per second
 *   evtchn    two processes on two CPUs notify each other through a
 *             loopback event channel of this domain (/dev/xen/evtchn),
 *             each end's event delivered on its reader's CPU: round trips
 *             per second, and each round trip's time; a round trip is two
 *             event-channel upcalls
 *   evtchn_domu  the same between dom0 (CPU 0) and the peer below in a
 *             domU: -d the domU's id, -p the port it printed; a round
 *             trip is an upcall in each domain. Only when named
 *   peer      the domU's end: binds an unbound port for dom0, prints
 *             "peer: port N ready", echoes each event back until none came for
 *             PEER_IDLE seconds (after the first), then prints how many
 *             it echoed. Only when named
 *
 * Each benchmark runs REPS intervals of SECONDS and prints one line per
 * interval, "bench: NAME=VALUE" (evtchn adds evtchn_p50_us, evtchn_p99_us
 * and evtchn_max_us for the interval), so the host can take a median per
 * boot. Exit 0, 1 on error, 4 if a benchmark cannot run here (skip).
 *
 * Usage: entry_bench [-t SECONDS] [-r REPS] [-d DOMID] [-p PORT] [NAME ...]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
/* <xen/evtchn.h> uses Xen's domid_t without defining it. */
typedef uint16_t domid_t;
#include <xen/evtchn.h>

#define FAULT_PAGES	4096
#define PAGE		4096
#define MAX_RT		(1 << 20)
#define PEER_WAIT	240	/* s the peer waits for dom0's first event */
#define PEER_IDLE	5	/* s without an event that end the peer's run */

static double seconds = 1;
static int reps = 5;
static unsigned int domid;	/* dom0: a loopback channel of domain 0 */
static long peer_port = -1;	/* evtchn_domu: the domU peer's port */
static int skipped;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "entry_bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		die("sched_setaffinity");
}

static int two_cpus(const char *name)
{
	if (sysconf(_SC_NPROCESSORS_ONLN) >= 2)
		return 1;
	printf("bench: %s skipped: one CPU\n", name);
	skipped = 1;
	return 0;
}

static void bench_syscall(void)
{
	double start = now(), t;
	unsigned long n = 0;
	int i;

	do {
		for (i = 0; i < 1024; i++)
			syscall(SYS_getppid);
		n += 1024;
		t = now() - start;
	} while (t < seconds);
	printf("bench: syscall_ns=%.1f\n", t * 1e9 / n);
}

static void bench_fault(void)
{
	double start = now(), t;
	unsigned long n = 0;
	char *p;
	int i;

	do {
		p = mmap(NULL, FAULT_PAGES * PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			die("mmap");
		for (i = 0; i < FAULT_PAGES; i++)
			p[i * PAGE] = 1;
		if (munmap(p, FAULT_PAGES * PAGE))
			die("munmap");
		n += FAULT_PAGES;
		t = now() - start;
	} while (t < seconds);
	printf("bench: fault_ns=%.1f\n", t * 1e9 / n);
}

static void bench_pingpong(void)
{
	int ping[2], pong[2], status;
	double start, t;
	unsigned long n = 0;
	char c = 0;
	pid_t pid;

	if (pipe(ping) || pipe(pong))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		close(ping[1]);
		close(pong[0]);
		pin(1);
		while (read(ping[0], &c, 1) == 1)
			if (write(pong[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	pin(0);
	close(ping[0]);
	close(pong[1]);
	start = now();
	do {
		int i;

		for (i = 0; i < 64; i++) {
			if (write(ping[1], &c, 1) != 1 || read(pong[0], &c, 1) != 1)
				die("pingpong");
		}
		n += 64;
		t = now() - start;
	} while (t < seconds);
	close(ping[1]);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
		die("pingpong partner");
	close(pong[0]);
	printf("bench: pingpong_rtps=%.0f\n", n / t);
}

/* Wait for an event on @fd's port @port, then unmask it. */
static int evtchn_wait(int fd, uint32_t port)
{
	uint32_t got;

	if (read(fd, &got, sizeof(got)) != sizeof(got) || got != port)
		return -1;
	return write(fd, &got, sizeof(got)) == sizeof(got) ? 0 : -1;
}

static int evtchn_notify(int fd, uint32_t port)
{
	struct ioctl_evtchn_notify notify = { .port = port };

	return ioctl(fd, IOCTL_EVTCHN_NOTIFY, &notify);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * Deliver each end's event on its reader's CPU: the @n "evtchn:entry_bench"
 * interrupts of this domain, in the order they were bound, on CPUs 0 to
 * @n - 1. Then a round trip's upcalls each wake a task on their own CPU,
 * and no IPI. Returns 0, or -1 if the interrupts cannot be placed.
 */
static int evtchn_place_irqs(int n)
{
	int irq[2], found = 0, i, v;
	char line[512], path[64];
	FILE *f = fopen("/proc/interrupts", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "evtchn:entry_bench") && sscanf(line, " %d:", &v) == 1 && found < 2)
			irq[found++] = v;
	fclose(f);
	if (found != n)
		return -1;
	if (n == 2 && irq[0] > irq[1]) {
		v = irq[0];
		irq[0] = irq[1];
		irq[1] = v;
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/proc/irq/%d/smp_affinity_list", irq[i]);
		f = fopen(path, "w");
		if (!f || fprintf(f, "%d\n", i) < 0 || fclose(f))
			return -1;
	}
	return 0;
}

/*
 * REPS intervals of round trips on @fd's @port, each notifying and waiting
 * for the other end to notify back: NAME_rtps and the round trips' p50,
 * p99 and max per interval.
 */
static void evtchn_rounds(const char *name, int fd, uint32_t port)
{
	double *rt, t0, t1, start;
	unsigned long n;

	rt = malloc(MAX_RT * sizeof(*rt));
	if (!rt)
		die("malloc");
	for (int r = 0; r < reps; r++) {
		n = 0;
		start = now();
		do {
			t0 = now();
			if (evtchn_notify(fd, port) || evtchn_wait(fd, port))
				die("evtchn round trip");
			t1 = now();
			if (n < MAX_RT)
				rt[n] = (t1 - t0) * 1e6;
			n++;
		} while (t1 - start < seconds);
		printf("bench: %s_rtps=%.0f\n", name, n / (t1 - start));
		if (n > MAX_RT)
			n = MAX_RT;
		qsort(rt, n, sizeof(*rt), cmp_double);
		printf("bench: %s_p50_us=%.1f\nbench: %s_p99_us=%.1f\nbench: %s_max_us=%.1f\n",
		       name, rt[n / 2], name, rt[(n * 99 + 99) / 100 - 1], name, rt[n - 1]);
	}
	free(rt);
}

/*
 * Xen marks the binder's end pending when it binds an interdomain channel
 * (a notification sent before the bind may have been lost), and Linux
 * delivers it: take that event, if it comes within 100 ms, so that each
 * round trip waits for its own echo.
 */
static void evtchn_drain(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	uint32_t port;

	while (poll(&pfd, 1, 100) > 0)
		if (read(fd, &port, sizeof(port)) != sizeof(port) ||
		    write(fd, &port, sizeof(port)) != sizeof(port))
			die("evtchn drain");
}

static int evtchn_open(const char *name)
{
	int fd = open("/dev/xen/evtchn", O_RDWR);

	if (fd < 0) {
		printf("bench: %s skipped: /dev/xen/evtchn: %s\n", name, strerror(errno));
		skipped = 1;
	}
	return fd;
}

/*
 * One end binds an unbound port for this domain, the other binds to it as
 * an interdomain channel: a loopback channel. The parent (CPU 0) notifies
 * and waits for the child (CPU 1) to notify back.
 */
static void bench_evtchn(void)
{
	struct ioctl_evtchn_bind_unbound_port unbound = { .remote_domain = domid };
	struct ioctl_evtchn_bind_interdomain inter = { .remote_domain = domid };
	int a, b, status, ret;
	uint32_t pa, pb;
	pid_t pid;

	a = evtchn_open("evtchn");
	if (a < 0)
		return;
	b = evtchn_open("evtchn");
	if (b < 0) {
		close(a);
		return;
	}
	ret = ioctl(a, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &unbound);
	if (ret < 0)
		die("IOCTL_EVTCHN_BIND_UNBOUND_PORT");
	pa = ret;
	inter.remote_port = pa;
	ret = ioctl(b, IOCTL_EVTCHN_BIND_INTERDOMAIN, &inter);
	if (ret < 0)
		die("IOCTL_EVTCHN_BIND_INTERDOMAIN");
	pb = ret;
	evtchn_drain(b);
	if (evtchn_place_irqs(2))
		printf("bench: evtchn interrupts left where the kernel put them\n");

	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		/* Echo until the parent stops us. */
		pin(1);
		close(a);
		while (!evtchn_wait(b, pb) && !evtchn_notify(b, pb))
			;
		_exit(1);
	}
	close(b);
	pin(0);
	evtchn_rounds("evtchn", a, pa);
	/* The child waits for a notification that will not come: stop it. */
	kill(pid, SIGTERM);
	close(a);
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid");
}

/*
 * dom0's end of a channel to the peer in domain -d, port -p: bind to it,
 * take its events on CPU 0, where this process runs. Closing the port at
 * the end leaves the peer's unbound again, and the peer stops when no
 * event has come for PEER_IDLE seconds.
 */
static void bench_evtchn_domu(void)
{
	struct ioctl_evtchn_bind_interdomain inter = {
		.remote_domain = domid, .remote_port = peer_port,
	};
	int fd, ret;

	if (!domid || peer_port < 0) {
		errno = EINVAL;
		die("evtchn_domu needs -d DOMID and -p PORT");
	}
	fd = evtchn_open("evtchn_domu");
	if (fd < 0)
		return;
	ret = ioctl(fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &inter);
	if (ret < 0)
		die("IOCTL_EVTCHN_BIND_INTERDOMAIN");
	if (evtchn_place_irqs(1))
		printf("bench: evtchn_domu interrupt left where the kernel put it\n");
	pin(0);
	evtchn_drain(fd);
	evtchn_rounds("evtchn_domu", fd, ret);
	close(fd);
}

static void bench_peer(void)
{
	struct ioctl_evtchn_bind_unbound_port unbound = { .remote_domain = 0 };
	unsigned long echoed = 0;
	struct pollfd pfd;
	uint32_t port;
	int ret;

	pfd.fd = evtchn_open("peer");
	if (pfd.fd < 0)
		return;
	pfd.events = POLLIN;
	ret = ioctl(pfd.fd, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &unbound);
	if (ret < 0)
		die("IOCTL_EVTCHN_BIND_UNBOUND_PORT");
	port = ret;
	printf("peer: port %u ready\n", port);
	for (;;) {
		ret = poll(&pfd, 1, (echoed ? PEER_IDLE : PEER_WAIT) * 1000);
		if (ret < 0)
			die("poll");
		if (!ret)
			break;
		if (evtchn_wait(pfd.fd, port) || evtchn_notify(pfd.fd, port))
			die("peer echo");
		echoed++;
	}
	printf("peer: echoed %lu events\n", echoed);
	close(pfd.fd);
	if (!echoed) {
		errno = ETIMEDOUT;
		die("peer: no event from dom0");
	}
}

static const struct {
	const char *name;
	void (*run)(void);
	int two_cpus, once;	/* once: does its own REPS intervals */
	int named;		/* only when named */
} benches[] = {
	{ "syscall", bench_syscall, 0, 0, 0 },
	{ "fault", bench_fault, 0, 0, 0 },
	{ "pingpong", bench_pingpong, 1, 0, 0 },
	{ "evtchn", bench_evtchn, 1, 1, 0 },
	{ "evtchn_domu", bench_evtchn_domu, 0, 1, 1 },
	{ "peer", bench_peer, 0, 1, 1 },
};

static int run(const char *name)
{
	for (unsigned int i = 0; i < sizeof(benches) / sizeof(benches[0]); i++) {
		if (name ? strcmp(name, benches[i].name) : benches[i].named)
			continue;
		if (benches[i].two_cpus && !two_cpus(benches[i].name))
			;
		else if (benches[i].once)
			benches[i].run();
		else
			for (int r = 0; r < reps; r++)
				benches[i].run();
		if (name)
			return 0;
	}
	return name ? -1 : 0;
}

int main(int argc, char **argv)
{
	int opt, i;

	while ((opt = getopt(argc, argv, "t:r:d:p:h")) != -1) {
		switch (opt) {
		case 't':
			seconds = atof(optarg);
			if (seconds <= 0 || seconds > 3600)
				goto usage;
			break;
		case 'r':
			reps = atoi(optarg);
			if (reps < 1 || reps > 1000)
				goto usage;
			break;
		case 'd':
			domid = strtoul(optarg, NULL, 0);
			break;
		case 'p':
			peer_port = strtol(optarg, NULL, 0);
			if (peer_port < 1)
				goto usage;
			break;
		default:
			goto usage;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (optind == argc)
		run(NULL);
	for (i = optind; i < argc; i++) {
		if (run(argv[i])) {
			fprintf(stderr, "entry_bench: unknown benchmark %s\n", argv[i]);
			return 2;
		}
	}
	return skipped ? 4 : 0;
usage:
	fprintf(stderr, "usage: %s [-t SECONDS] [-r REPS] [-d DOMID] [-p PORT] [syscall|fault|pingpong|evtchn|evtchn_domu|peer ...]\n",
		argv[0]);
	return opt == 'h' ? 0 : 2;
}
