# The rig: build Linux 6.12 with patches/ and judge it as a Xen PV guest.
# See README.md. Everything it makes goes to build/ and out/.
SHELL := /bin/bash
.PHONY: help setup tree export run check review clean

help:
	@echo "make run      set up, build the patched kernel, boot it as Xen PV dom0, report"
	@echo "make check    the test suite (.ci/run calls it); ends with 'N passed, N failed'"
	@echo "make tree     unpack the base into build/linux and apply patches/"
	@echo "make export   write build/patched/linux's commits back to patches/"
	@echo "make review   checkpatch, mail round trip (send-email, git am, b4 am)"
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

clean:
	rm -rf build out
