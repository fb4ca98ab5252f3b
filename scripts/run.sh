#!/bin/bash
# make run: for the mainline series (7.3) and the LTS series (6.12), build
# the patched PREEMPT_DYNAMIC kernel, boot it under Xen as PV dom0 running
# the tests, then as dom0 again running them in a PV domU; summarise both
# in one report (out/report.md, out/results.json).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() {
	cat <<EOT
usage: $0
env: RUN_BASES ("7.3 6.12"; any of: $BASES), XEN (4.17; any of: $XENS),
     RUN_TESTS (guest_type:x86:hcall:privcmd; 6.1 leaves x86 out: the fix alone
     does not stop the x86 selftests' oopses there), FORCE=1 re-applies the series
EOT
}
args "" 0 0 "$@"
t0=$(date +%s)
begin_run run
"$TOP/scripts/toolstack.sh"
ids=()
for rb in ${RUN_BASES:-7.3 6.12}; do
	export BASE=$rb
	# shellcheck source=scripts/lib.sh
	. "$TOP/scripts/lib.sh"
	def=guest_type:x86:hcall:privcmd; [ "$rb" != 6.1 ] || def=guest_type:hcall:privcmd
	log "$rb: $(basename "$PATCHES"), dom0 and domU on Xen $XEN, preempt=$MODEL"
	if [ -n "${FORCE:-}" ] || [ ! -d "$TREE/.git" ] || [ "$(git -C "$TREE" rev-list --count base..HEAD)" = 0 ]; then
		"$TOP/scripts/tree.sh"
	fi
	"$TOP/scripts/build.sh" patched dynamic
	"$TOP/scripts/initramfs.sh" patched
	for env in dom0 domU; do
		"$TOP/scripts/boot.sh" "$env" patched dynamic "$MODEL" "${RUN_TESTS:-$def}" || true
		ids+=("$env-xen$XEN-$rb-patched-dynamic-$MODEL")
	done
done
rc=0
for id in "${ids[@]}"; do
	if ! judge_boot "$id" | sed "s/^/$id: /"; then
		rc=1
	fi
done
"$TOP/scripts/report.sh" > /dev/null
sed -n '3,/^$/p' "$OUT/report.md"
echo "make run took $(( $(date +%s) - t0 )) s; ${#ids[@]} boots in ${RUN#"$TOP"/}; verdict against tests/expectations: $([ $rc = 0 ] && echo PASS || echo FAIL); report: out/report.md"
exit $rc
