# The rig: build Linux (mainline 7.3, LTS 6.12 and 6.1) with its series and
# judge it as a Xen PV guest on Xen 4.17 and 4.20. See README.md.
# BASE=7.3|6.12|6.1 and XEN=4.17|4.20 choose (configs/bases, configs/xen-versions).
# Everything it makes goes to build/ and out/.
SHELL := /bin/bash
.PHONY: help setup tree export run check recheck review bench bench-split stress soak sanitize faultinject matrix lockdep-window resched-forms clean

help:
	@echo "make run      set up, build the patched 7.3 and 6.12 kernels, boot them as Xen PV dom0 and domU, report"
	@echo "make check    the test suite (.ci/run calls it); ends with 'N passed, N failed' (BOOTS=regex, -n: scripts/check.sh -n)"
	@echo "make recheck  re-judge a saved run's logs without booting (RUN=out/runs/..., default out/latest)"
	@echo "make tree     unpack BASE (7.3) into build/BASE/ and apply its series (patches-BASE/)"
	@echo "make export   write build/BASE/patched/linux's commits back to patches-BASE/"
	@echo "make review   checkpatch, mail round trip, sparse, objtool, bisection of BASE's series"
	@echo "make matrix   every base x Xen x role, base beside patched: out/matrix.md"
	@echo "make bench    base against patched, 7.3 then 6.12 (BASE=B: one): upcall (in dom0 and with a domU) and entry cost with 95% intervals, hypercall latency; BENCH_CLOCK=icount (instructions) or host"
	@echo "make bench-split  SPLIT=\"1 20\" BASE=6.12: base, those prefixes of the series and all of it, step by step, to find which patch a bench difference comes from"
	@echo "make stress   debug dom0 under load, trinity, domU churn (STRESS_SECONDS=300)"
	@echo "make soak     make stress on the patched sanitize kernels, 7.3 then 6.12 (BASE=B: one; SOAK_SECONDS=3600)"
	@echo "make sanitize UBSAN/KFENCE debug kernels of 7.3 and 6.12 (BASE=B: one) as dom0 and domU, every test"
	@echo "make faultinject  allocations fail in privcmd, evtchn, gntdev ioctls and domU creation, base beside patched, 7.3 then 6.12 (BASE=B: one)"
	@echo "make lockdep-window  6.12: lockdep's view after the upcall's flag path, base, old and new fix, series"
	@echo "make resched-forms   6.12: proposal B rescheduling after irqentry_exit() (old) against before it (now)"
	@echo "make clean    remove build/ and out/ (keeps ccache; KEEP_RUNS=N keeps the last N runs)"

setup:
	@scripts/setup.sh

tree: setup
	@scripts/tree.sh

export:
	@scripts/export.sh

run: setup
	@scripts/run.sh

check: setup
	@scripts/check.sh

recheck:
	@scripts/recheck.sh $(RUN)

review: tree
	@scripts/review.sh

matrix: setup
	@scripts/matrix.sh

# Each base is a part of its own (within 30 min here); BASE=B benches one.
bench: setup
	@for b in $${BASE:-$${BENCH_BASES:-7.3 6.12}}; do BASE=$$b scripts/bench.sh || exit 1; done

# Which patch a make bench difference comes from: SPLIT="N ..." prefixes of BASE's series.
bench-split: setup
	@scripts/bench-split.sh

stress: setup
	@scripts/stress.sh

# Not in CI: an hour per base.
soak: setup
	@rc=0; for b in $${BASE:-7.3 6.12}; do BASE=$$b STRESS_KIND=soak scripts/stress.sh || rc=1; done; exit $$rc

sanitize: setup
	@rc=0; for b in $${BASE:-7.3 6.12}; do BASE=$$b scripts/sanitize.sh || rc=1; done; exit $$rc

faultinject: setup
	@rc=0; for b in $${BASE:-7.3 6.12}; do BASE=$$b scripts/faultinject.sh || rc=1; done; exit $$rc

lockdep-window: setup
	@BASE=6.12 scripts/tree.sh
	@scripts/lockdep-window.sh

resched-forms: setup
	@BASE=6.12 scripts/tree.sh
	@scripts/resched-forms.sh

# Keeps ccache, and the last KEEP_RUNS (default 0) runs.
clean:
	@keep=$${KEEP_RUNS:-0}; if [ "$$keep" -gt 0 ] && [ -d out/runs ]; then \
		mkdir -p .runs-kept && ls -d out/runs/* | tail -n "$$keep" | xargs -r mv -t .runs-kept; fi
	rm -rf build out
	@if [ -d .runs-kept ]; then mkdir -p out/runs && mv .runs-kept/* out/runs/ && rmdir .runs-kept; fi

