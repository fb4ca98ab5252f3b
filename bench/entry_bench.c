// SPDX-License-Identifier: GPL-2.0
/*
 * Entry-path micro-benchmarks for the rig (make bench), run in the guest:
 *
 *   syscall   getppid() in a loop: ns per system call
 *   fault     touch fresh anonymous pages, then unmap: ns per page fault
 *   pingpong  two processes on two CPUs wake each other through pipes:
 *             round trips per second (in a Xen PV guest every wake-up is
 *             an IPI, delivered as an event-channel upcall)
 *
 * Usage: entry_bench [-t SECONDS] [syscall|fault|pingpong ...]
 * Prints one "bench: NAME=VALUE" line per benchmark; exits 1 on error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FAULT_PAGES	4096
#define PAGE		4096

static double seconds = 3;

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

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2) {
		printf("bench: pingpong_rtps=skip (one CPU)\n");
		return;
	}
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
	printf("bench: pingpong_rtps=%.0f\n", n / t);
}

int main(int argc, char **argv)
{
	int opt, i;

	while ((opt = getopt(argc, argv, "t:h")) != -1) {
		switch (opt) {
		case 't':
			seconds = atof(optarg);
			if (seconds <= 0 || seconds > 3600) {
				fprintf(stderr, "entry_bench: bad -t %s\n", optarg);
				return 2;
			}
			break;
		default:
			fprintf(stderr, "usage: %s [-t SECONDS] [syscall|fault|pingpong ...]\n",
				argv[0]);
			return opt == 'h' ? 0 : 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (optind == argc) {
		bench_syscall();
		bench_fault();
		bench_pingpong();
	}
	for (i = optind; i < argc; i++) {
		if (!strcmp(argv[i], "syscall"))
			bench_syscall();
		else if (!strcmp(argv[i], "fault"))
			bench_fault();
		else if (!strcmp(argv[i], "pingpong"))
			bench_pingpong();
		else {
			fprintf(stderr, "entry_bench: unknown benchmark %s\n", argv[i]);
			return 2;
		}
	}
	return 0;
}
