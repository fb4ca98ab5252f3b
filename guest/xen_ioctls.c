// SPDX-License-Identifier: GPL-2.0
/*
 * xen_ioctls: the privcmd, event-channel, gntalloc and gntdev calls of a
 * toolstack, round after round, with the kernel's fault injection turned
 * on around each call (make faultinject, guest/init's faultinject test).
 *
 * Round 0 runs without injection and records what each call returns on
 * this kernel and Xen (the baseline: some calls fail by design, e.g. a
 * dm_op on dom0). Then, for SECONDS, rounds run with /proc/self/make-it-fail
 * set during each call only; failslab and fail_page_alloc must already be
 * set up to fail tasks marked so (task-filter). A last round runs without
 * injection again and must match the baseline: nothing an injected failure
 * did may outlive it. Calls after a failed one that they depend on are
 * left out of that round.
 *
 * For every call it counts: calls, errors returned other than the
 * baseline's (by errno), failures injected during it (the drop of the
 * "times" counters, which count down), "absorbed" (injected, yet it
 * returned as in the baseline) and "wrong"
 * (it succeeded, but what it did is not what it says: the event did not
 * arrive, the granted page does not read back). It exits 1 when a call
 * was wrong or the last round does not match the baseline.
 *
 * usage: xen_ioctls [-t SECONDS]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

typedef uint32_t grant_ref_t;
#include <xen/privcmd.h>
#include <xen/evtchn.h>
#include <xen/gntalloc.h>
#include <xen/gntdev.h>

#define GNTCOPY_source_gref	(1 << 0)
#define XENMEM_resource_grant_table	1

enum call {
	PRIVCMD_OPEN, HYPERCALL, PRIVCMD_MMAP, MMAPBATCH, MMAP_RESOURCE, DM_OP,
	EVTCHN_OPEN, BIND_UNBOUND, BIND_INTERDOMAIN, NOTIFY, IRQFD,
	GNTALLOC_OPEN, ALLOC_GREF, GNTALLOC_MMAP, GNTDEV_OPEN, MAP_GRANT_REF,
	GNTDEV_MMAP, GRANT_COPY, NCALLS
};

static const char *const names[NCALLS] = {
	"privcmd_open", "hypercall", "privcmd_mmap", "mmapbatch_v2",
	"mmap_resource", "dm_op", "evtchn_open", "bind_unbound_port",
	"bind_interdomain", "notify", "irqfd", "gntalloc_open", "alloc_gref",
	"gntalloc_mmap", "gntdev_open", "map_grant_ref", "gntdev_mmap",
	"grant_copy",
};

#define NERR	134

static struct {
	long calls, errors, injected, absorbed, wrong;
	long frame_nomem;	/* MMAPBATCH: ENOMEM in err[] only */
	long err[NERR];
	int base;		/* round 0: 0 or -errno */
	int base_ran;
	int last;		/* the last round */
	int last_ran;
} st[NCALLS];

static int round_no;		/* 0: baseline; -1: the last round */
static int make_it_fail = -1;
static long page_size;
static const char *const times_path[2] = {
	"/sys/kernel/debug/failslab/times",
	"/sys/kernel/debug/fail_page_alloc/times",
};

/* Failures either capability may still inject (debugfs files do not pread) */
static long times_left(void)
{
	char buf[32];
	long sum = 0;
	int i;

	for (i = 0; i < 2; i++) {
		int fd = open(times_path[i], O_RDONLY | O_CLOEXEC);
		ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

		if (fd >= 0)
			close(fd);
		if (n <= 0) {
			perror(times_path[i]);
			exit(2);
		}
		buf[n] = 0;
		sum += strtol(buf, NULL, 10);
	}
	return sum;
}

static void inject(int on)
{
	if (round_no > 0 && pwrite(make_it_fail, on ? "1" : "0", 1, 0) != 1) {
		perror("make-it-fail");
		exit(2);
	}
}

static long t_before;

static void before(void)
{
	t_before = round_no > 0 ? times_left() : 0;
	inject(1);
}

/* after(): account for call c, which returned ret (-1 and errno on error) */
static int after(enum call c, long ret)
{
	int e = ret < 0 ? errno : 0;
	long inj;

	inject(0);
	inj = round_no > 0 ? t_before - times_left() : 0;
	st[c].calls++;
	st[c].injected += inj;
	if (round_no == 0) {
		st[c].base = -e;
		st[c].base_ran = 1;
	} else if (round_no < 0) {
		st[c].last = -e;
		st[c].last_ran = 1;
	} else if (-e == st[c].base && inj) {
		st[c].absorbed++;
	}
	if (e && round_no && -e != st[c].base) {
		st[c].errors++;
		st[c].err[e < NERR ? e : 0]++;
	}
	errno = e;
	return e ? -1 : 0;
}

/* check(): a call that succeeded did what it says; counted when it did not */
static void check(enum call c, int good)
{
	if (!good) {
		st[c].wrong++;
		fprintf(stderr, "round %d: %s succeeded but was wrong\n", round_no, names[c]);
	}
}

#define CALL(c, expr) ({ long __r; before(); __r = (long)(expr); after(c, __r) ? -1L : __r; })
#define MMAP(c, len, fd, off) ({ void *__p; before(); \
	__p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off); \
	after(c, __p == MAP_FAILED ? -1 : 0) ? MAP_FAILED : __p; })

static void privcmd_round(void)
{
	static long version = -1;
	struct privcmd_hypercall h = { .op = __HYPERVISOR_xen_version };
	xen_pfn_t gfns[4] = { 0, 1, 2, 3 };
	int errs[4];
	static int base_errs[4];
	struct privcmd_mmapbatch_v2 batch = { .num = 4, .dom = 0, .arr = gfns, .err = errs };
	struct privcmd_mmap_resource res = {
		.dom = 0, .type = XENMEM_resource_grant_table, .num = 1,
	};
	char buf[64] = { 0 };
	struct privcmd_dm_op_buf dbuf = { .uptr = buf, .size = sizeof(buf) };
	struct privcmd_dm_op dm = { .dom = 0, .num = 1, .ubufs = &dbuf };
	void *p;
	long r;
	int fd;

	fd = CALL(PRIVCMD_OPEN, open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC));
	if (fd < 0)
		return;
	/* XENVER_version: the same answer every time */
	r = CALL(HYPERCALL, ioctl(fd, IOCTL_PRIVCMD_HYPERCALL, &h));
	if (r >= 0) {
		if (version < 0)
			version = r;
		else
			check(HYPERCALL, r == version);
	}
	/* Frames dom0 does not own: each fails in err[], as in the baseline */
	p = MMAP(PRIVCMD_MMAP, 4 * page_size, fd, 0);
	if (p != MAP_FAILED) {
		batch.addr = (uintptr_t)p;
		memset(errs, 0, sizeof(errs));
		r = CALL(MMAPBATCH, ioctl(fd, IOCTL_PRIVCMD_MMAPBATCH_V2, &batch));
		if (r >= 0) {
			/* Each frame's result as without injection, or -ENOMEM */
			int i, same = 1, nomem = 0;

			if (!round_no)
				memcpy(base_errs, errs, sizeof(errs));
			for (i = 0; i < 4; i++) {
				nomem += errs[i] == -ENOMEM && base_errs[i] != -ENOMEM;
				same &= errs[i] == base_errs[i] || errs[i] == -ENOMEM;
			}
			check(MMAPBATCH, same);
			if (!same)
				fprintf(stderr, "err[] %d %d %d %d, without injection %d %d %d %d\n",
					errs[0], errs[1], errs[2], errs[3], base_errs[0],
					base_errs[1], base_errs[2], base_errs[3]);
			if (nomem && same)
				st[MMAPBATCH].frame_nomem++;
		}
		munmap(p, 4 * page_size);
	}
	p = MMAP(PRIVCMD_MMAP, page_size, fd, 0);
	if (p != MAP_FAILED) {
		res.addr = (uintptr_t)p;
		CALL(MMAP_RESOURCE, ioctl(fd, IOCTL_PRIVCMD_MMAP_RESOURCE, &res));
		munmap(p, page_size);
	}
	CALL(DM_OP, ioctl(fd, IOCTL_PRIVCMD_DM_OP, &dm));
	close(fd);
}

static void evtchn_round(void)
{
	struct ioctl_evtchn_bind_unbound_port unbound = { .remote_domain = 0 };
	struct ioctl_evtchn_bind_interdomain inter = { .remote_domain = 0 };
	struct ioctl_evtchn_notify notify;
	struct pollfd pfd;
	unsigned int got;
	long a, b;
	int e1, e2;

	e1 = CALL(EVTCHN_OPEN, open("/dev/xen/evtchn", O_RDWR | O_CLOEXEC));
	if (e1 < 0)
		return;
	e2 = CALL(EVTCHN_OPEN, open("/dev/xen/evtchn", O_RDWR | O_CLOEXEC | O_NONBLOCK));
	if (e2 < 0)
		goto out1;
	a = CALL(BIND_UNBOUND, ioctl(e1, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &unbound));
	if (a < 0)
		goto out2;
	inter.remote_port = a;
	b = CALL(BIND_INTERDOMAIN, ioctl(e2, IOCTL_EVTCHN_BIND_INTERDOMAIN, &inter));
	if (b < 0)
		goto out2;
	notify.port = a;
	if (CALL(NOTIFY, ioctl(e1, IOCTL_EVTCHN_NOTIFY, &notify)) == 0) {
		/* The event arrives on the other end, as its port */
		pfd = (struct pollfd){ .fd = e2, .events = POLLIN };
		got = ~0U;
		if (poll(&pfd, 1, 5000) == 1 && read(e2, &got, sizeof(got)) == sizeof(got))
			if (write(e2, &got, sizeof(got)) != sizeof(got))	/* unmask */
				got = ~0U;
		check(NOTIFY, got == (unsigned int)b);
	}
#ifdef IOCTL_PRIVCMD_IRQFD
	{
		/* An irqfd on the bound port's domain: assigned, then removed */
		char op[16] = { 0 };
		struct privcmd_irqfd irqfd = {
			.dm_op = (uintptr_t)op, .size = sizeof(op), .dom = 0,
		};
		int pc = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
		int efd = eventfd(0, EFD_CLOEXEC);

		irqfd.fd = efd;
		if (pc >= 0 && efd >= 0 &&
		    CALL(IRQFD, ioctl(pc, IOCTL_PRIVCMD_IRQFD, &irqfd)) == 0) {
			irqfd.flags = PRIVCMD_IRQFD_FLAG_DEASSIGN;
			check(IRQFD, ioctl(pc, IOCTL_PRIVCMD_IRQFD, &irqfd) == 0);
		}
		if (efd >= 0)
			close(efd);
		if (pc >= 0)
			close(pc);
	}
#endif
out2:
	close(e2);
out1:
	close(e1);
}

static void grant_round(void)
{
	struct ioctl_gntalloc_alloc_gref alloc = {
		.domid = 0, .flags = GNTALLOC_FLAG_WRITABLE, .count = 1,
	};
	struct ioctl_gntalloc_dealloc_gref dealloc = { .count = 1 };
	struct ioctl_gntdev_map_grant_ref map = { .count = 1 };
	struct ioctl_gntdev_unmap_grant_ref unmap = { .count = 1 };
	struct gntdev_grant_copy_segment seg = { .len = 64, .flags = GNTCOPY_source_gref };
	struct ioctl_gntdev_grant_copy copy = { .count = 1, .segments = &seg };
	unsigned char local[64];
	unsigned char *src, *dst;
	int ga, gd;

	ga = CALL(GNTALLOC_OPEN, open("/dev/xen/gntalloc", O_RDWR | O_CLOEXEC));
	if (ga < 0)
		return;
	if (CALL(ALLOC_GREF, ioctl(ga, IOCTL_GNTALLOC_ALLOC_GREF, &alloc)))
		goto out_ga;
	dealloc.index = alloc.index;
	src = MMAP(GNTALLOC_MMAP, page_size, ga, alloc.index);
	if (src == MAP_FAILED)
		goto out_gref;
	memset(src, 0x5a ^ (round_no & 0xff), page_size);

	gd = CALL(GNTDEV_OPEN, open("/dev/xen/gntdev", O_RDWR | O_CLOEXEC));
	if (gd < 0)
		goto out_src;
	/* dom0 maps and copies its own grant */
	map.refs[0].domid = 0;
	map.refs[0].ref = alloc.gref_ids[0];
	if (CALL(MAP_GRANT_REF, ioctl(gd, IOCTL_GNTDEV_MAP_GRANT_REF, &map)) == 0) {
		unmap.index = map.index;
		dst = MMAP(GNTDEV_MMAP, page_size, gd, map.index);
		if (dst != MAP_FAILED) {
			check(GNTDEV_MMAP, !memcmp(dst, src, page_size));
			munmap(dst, page_size);
		}
		ioctl(gd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &unmap);
	}
	seg.source.foreign.ref = alloc.gref_ids[0];
	seg.source.foreign.domid = 0;
	seg.dest.virt = local;
	memset(local, 0, sizeof(local));
	if (CALL(GRANT_COPY, ioctl(gd, IOCTL_GNTDEV_GRANT_COPY, &copy)) == 0)
		check(GRANT_COPY, seg.status != 0 || !memcmp(local, src, sizeof(local)));
	close(gd);
out_src:
	munmap(src, page_size);
out_gref:
	ioctl(ga, IOCTL_GNTALLOC_DEALLOC_GREF, &dealloc);
out_ga:
	close(ga);
}

static void one_round(void)
{
	privcmd_round();
	evtchn_round();
	grant_round();
}

static const char *errs(enum call c, char *buf, size_t len)
{
	size_t n = 0;
	int e;

	buf[0] = 0;
	for (e = 0; e < NERR; e++)
		if (st[c].err[e] && n < len)
			n += snprintf(buf + n, len - n, "%s%s:%ld", n ? "," : "",
				      e ? strerrorname_np(e) : "other", st[c].err[e]);
	return n ? buf : "-";
}

int main(int argc, char **argv)
{
	long calls = 0, errors = 0, injected = 0, absorbed = 0, wrong = 0;
	int seconds = 60, rounds = 0, bad = 0, opt, i;
	struct timespec now;
	time_t end;
	char buf[256];

	while ((opt = getopt(argc, argv, "t:")) != -1) {
		if (opt != 't') {
			fprintf(stderr, "usage: %s [-t SECONDS]\n", argv[0]);
			return 2;
		}
		seconds = atoi(optarg);
	}
	page_size = sysconf(_SC_PAGESIZE);
	make_it_fail = open("/proc/self/make-it-fail", O_WRONLY | O_CLOEXEC);
	if (make_it_fail < 0) {
		perror("no fault injection (/proc/self/make-it-fail)");
		return 2;
	}
	times_left();

	one_round();
	clock_gettime(CLOCK_MONOTONIC, &now);
	end = now.tv_sec + seconds;
	do {
		round_no++;
		one_round();
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (now.tv_sec < end);
	rounds = round_no;
	round_no = -1;
	one_round();

	printf("%-18s %7s %7s %8s %8s %5s  %-8s %s\n", "call", "calls", "errors",
	       "injected", "absorbed", "wrong", "baseline", "errors by errno");
	for (i = 0; i < NCALLS; i++) {
		/* The last round must give what round 0 gave */
		int same = st[i].last_ran == st[i].base_ran && st[i].last == st[i].base;

		printf("%-18s %7ld %7ld %8ld %8ld %5ld  %-8s %s%s\n", names[i], st[i].calls,
		       st[i].errors, st[i].injected, st[i].absorbed, st[i].wrong,
		       st[i].base ? strerrorname_np(-st[i].base) : (st[i].base_ran ? "ok" : "-"),
		       errs(i, buf, sizeof(buf)), same ? "" : "  (last round differs)");
		calls += st[i].calls;
		errors += st[i].errors;
		injected += st[i].injected;
		absorbed += st[i].absorbed;
		wrong += st[i].wrong;
		bad |= !same;
	}
	printf("mmapbatch_v2 calls that returned ENOMEM for a frame in err[]: %ld\n",
	       st[MMAPBATCH].frame_nomem);
	printf("# result: rounds=%d calls=%ld injected=%ld errors=%ld absorbed=%ld wrong=%ld recovered=%s\n",
	       rounds, calls, injected, errors, absorbed, wrong, bad ? "no" : "yes");
	return wrong || bad;
}
