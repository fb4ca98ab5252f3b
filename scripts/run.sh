#!/bin/bash
# make run: build the patched PREEMPT_DYNAMIC kernel, boot it as a Xen PV
# dom0, run the tests, and summarise (out/report.md, out/results.json).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ "${1:-}" = -h ] && { echo "usage: $0   (RUN_TESTS=guest_type:x86:hcall)"; exit 0; }
tests=${RUN_TESTS:-guest_type:x86:hcall}
t0=$(date +%s)
[ -d "$TREE/.git" ] && [ -z "${FORCE:-}" ] && [ "$(git -C "$TREE" rev-list --count base..HEAD)" -gt 0 ] ||
	"$TOP/scripts/tree.sh"
"$TOP/scripts/build.sh" patched dynamic
"$TOP/scripts/initramfs.sh" patched
rm -f "$OUT"/results/*.json
"$TOP/scripts/boot.sh" dom0 patched dynamic default "$tests" || true
"$TOP/scripts/report.sh" > /dev/null
sed -n '3,/^$/p' "$OUT/report.md"
rc=0
"$TOP/scripts/judge.sh" "$OUT/results/dom0-patched-dynamic-default.json" || rc=$?
echo "make run took $(( $(date +%s) - t0 )) s; verdict against tests/expectations: $([ $rc = 0 ] && echo PASS || echo FAIL); report: out/report.md"
exit $rc
