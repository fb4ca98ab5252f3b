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
 *
 * Each benchmark runs REPS intervals of SECONDS and prints one line per
 * interval, "bench: NAME=VALUE" (evtchn adds evtchn_p50_us, evtchn_p99_us
 * and evtchn_max_us for the interval), so the host can take a median per
 * boot. Exit 0, 1 on error, 4 if a benchmark cannot run here (skip).
 *
 * Usage: entry_bench [-t SECONDS] [-r REPS] [-d DOMID] [NAME ...]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
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

static double seconds = 1;
static int reps = 5;
static unsigned int domid;	/* dom0: a loopback channel of domain 0 */
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
 * Deliver each end's event on its reader's CPU: the port bound first (the
 * lower of the two "evtchn:entry_bench" interrupts) on CPU 0, the other on
 * CPU 1. Then a round trip is two upcalls, each waking a task on its own
 * CPU, and no IPI. Returns 0, or -1 if the interrupts cannot be placed.
 */
static int evtchn_place_irqs(void)
{
	int irq[2], n = 0, i, v;
	char line[512], path[64];
	FILE *f = fopen("/proc/interrupts", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "evtchn:entry_bench") && sscanf(line, " %d:", &v) == 1 && n < 2)
			irq[n++] = v;
	fclose(f);
	if (n != 2)
		return -1;
	if (irq[0] > irq[1]) {
		v = irq[0];
		irq[0] = irq[1];
		irq[1] = v;
	}
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "/proc/irq/%d/smp_affinity_list", irq[i]);
		f = fopen(path, "w");
		if (!f || fprintf(f, "%d\n", i) < 0 || fclose(f))
			return -1;
	}
	return 0;
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
	double *rt, t0, t1, start;
	unsigned long n;
	pid_t pid;

	a = open("/dev/xen/evtchn", O_RDWR);
	b = open("/dev/xen/evtchn", O_RDWR);
	if (a < 0 || b < 0) {
		printf("bench: evtchn skipped: /dev/xen/evtchn: %s\n", strerror(errno));
		skipped = 1;
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
	if (evtchn_place_irqs())
		printf("bench: evtchn interrupts left where the kernel put them\n");
	rt = malloc(MAX_RT * sizeof(*rt));
	if (!rt)
		die("malloc");

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
	for (int r = 0; r < reps; r++) {
		n = 0;
		start = now();
		do {
			t0 = now();
			if (evtchn_notify(a, pa) || evtchn_wait(a, pa))
				die("evtchn round trip");
			t1 = now();
			if (n < MAX_RT)
				rt[n] = (t1 - t0) * 1e6;
			n++;
		} while (t1 - start < seconds);
		printf("bench: evtchn_rtps=%.0f\n", n / (t1 - start));
		if (n > MAX_RT)
			n = MAX_RT;
		qsort(rt, n, sizeof(*rt), cmp_double);
		printf("bench: evtchn_p50_us=%.1f\nbench: evtchn_p99_us=%.1f\nbench: evtchn_max_us=%.1f\n",
		       rt[n / 2], rt[(n * 99 + 99) / 100 - 1], rt[n - 1]);
	}
	/* The child waits for a notification that will not come: stop it. */
	kill(pid, SIGTERM);
	close(a);
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid");
	free(rt);
}

static const struct {
	const char *name;
	void (*run)(void);
	int two_cpus, once;	/* once: does its own REPS intervals */
} benches[] = {
	{ "syscall", bench_syscall, 0, 0 },
	{ "fault", bench_fault, 0, 0 },
	{ "pingpong", bench_pingpong, 1, 0 },
	{ "evtchn", bench_evtchn, 1, 1 },
};

static int run(const char *name)
{
	for (unsigned int i = 0; i < sizeof(benches) / sizeof(benches[0]); i++) {
		if (name && strcmp(name, benches[i].name))
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

	while ((opt = getopt(argc, argv, "t:r:d:h")) != -1) {
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
	fprintf(stderr, "usage: %s [-t SECONDS] [-r REPS] [-d DOMID] [syscall|fault|pingpong|evtchn ...]\n",
		argv[0]);
	return opt == 'h' ? 0 : 2;
}
