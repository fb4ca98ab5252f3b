# The rig: build Linux 6.12 with patches/ and judge it as a Xen PV guest.
# See README.md. Everything it makes goes to build/ and out/.
SHELL := /bin/bash
.PHONY: help setup tree export run check review bench stress clean

help:
	@echo "make run      set up, build the patched kernel, boot it as Xen PV dom0, report"
	@echo "make check    the test suite (.ci/run calls it); ends with 'N passed, N failed'"
	@echo "make tree     unpack the base into build/linux and apply patches/"
	@echo "make export   write build/patched/linux's commits back to patches/"
	@echo "make review   checkpatch, mail round trip (send-email, git am, b4 am)"
	@echo "make bench    base against patched: hypercall latency, entry-path cost"
	@echo "make stress   debug dom0 under load, trinity, domU churn (STRESS_SECONDS=300)"
	@echo "make clean    remove build/ and out/ (keeps ccache)"

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

review: tree
	@scripts/review.sh

bench: setup
	@scripts/bench.sh

stress: setup
	@scripts/stress.sh

clean:
	rm -rf build out
