#!/bin/bash
# make sanitize: BASE's kernel in the sanitize config (configs/sanitize.config:
# the debug checkers plus UBSAN and KFENCE; KASAN cannot boot a PV kernel)
# as Xen PV dom0 and as a PV domU, running the x86 selftests and the
# series' Xen tests (hypercall, privcmd bad input, irqfd, ioeventfd). Judged as make check judges: a
# report from any sanitizer is a splat, every failed test must be explained
# by tests/expectations. The patched tree by default (SANITIZE_TREES).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() {
	cat <<EOT
usage: $0
env: BASE (7.3; any of: $BASES), XEN (4.17; any of: $XENS),
     SANITIZE_TREES ('patched'; 'patched base' adds the unpatched kernel,
     which on 7.3 cannot boot a debug config: see tests/expectations)
EOT
}
args "" 0 0 "$@"
trees=${SANITIZE_TREES:-patched}
t0=$(date +%s)
begin_run "sanitize-$BASE"

[ -d "$TREE/.git" ] || "$TOP/scripts/tree.sh"
"$TOP/scripts/toolstack.sh" > /dev/null
for t in $trees; do
	"$TOP/scripts/build.sh" "$t" sanitize | tail -n 1
	"$TOP/scripts/initramfs.sh" "$t"
done

rc=0 n=0 ok=0
for t in $trees; do
	for role in dom0 domU; do
		tests=guest_type:hcall:privcmd:evtchn:x86
		[ $role = dom0 ] || tests=guest_type:privcmd:x86
		id=$role-xen$XEN-$BASE-$t-sanitize-$MODEL
		log "$id: $tests ($(( ($(date +%s) - t0) / 60 )) min so far)"
		"$TOP/scripts/boot.sh" -t 1800 "$role" "$t" sanitize "$MODEL" "$tests" | tail -n 1 || true
		n=$((n + 1))
		if judge_boot "$id"; then ok=$((ok + 1)); else rc=1; fi
	done
done
echo "make sanitize ($BASE, Xen $XEN) took $(( ($(date +%s) - t0) / 60 )) min; run ${RUN#"$TOP"/}"
echo "$ok of $n boots pass"
exit $rc
