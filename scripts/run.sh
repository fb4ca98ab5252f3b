#!/bin/bash
# make run: build the patched PREEMPT_DYNAMIC kernel, boot it as a Xen PV
# dom0 and run the tests, then boot it as dom0 again to run them in a PV
# domU, and summarise (out/report.md, out/results.json).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ "${1:-}" = -h ] && { echo "usage: [BASE=6.1] $0   (RUN_TESTS=guest_type:x86:hcall:privcmd)"; exit 0; }
# On 6.1 (the fix-first backport alone) the x86 selftests still oops dom0.
def=guest_type:x86:hcall:privcmd; [ "$BASE" = 6.12 ] || def=guest_type:hcall:privcmd
tests=${RUN_TESTS:-$def}
name=patched-dynamic-default; [ "$BASE" = 6.12 ] || name=$BASE-$name
t0=$(date +%s)
[ -d "$TREE/.git" ] && [ -z "${FORCE:-}" ] && [ "$(git -C "$TREE" rev-list --count base..HEAD)" -gt 0 ] ||
	"$TOP/scripts/tree.sh"
"$TOP/scripts/build.sh" patched dynamic
"$TOP/scripts/initramfs.sh" patched
"$TOP/scripts/toolstack.sh"
rm -f "$OUT"/results/*.json
"$TOP/scripts/boot.sh" dom0 patched dynamic default "$tests" || true
"$TOP/scripts/boot.sh" domU patched dynamic default "$tests" || true
"$TOP/scripts/report.sh" > /dev/null
sed -n '3,/^$/p' "$OUT/report.md"
rc=0
for env in dom0 domU; do
	if ! "$TOP/scripts/judge.sh" "$OUT/results/$env-$name.json" | sed "s/^/$env: /"; then
		rc=1
	fi
done
echo "make run took $(( $(date +%s) - t0 )) s; verdict against tests/expectations: $([ $rc = 0 ] && echo PASS || echo FAIL); report: out/report.md"
exit $rc
