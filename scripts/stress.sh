#!/bin/bash
# make stress: the debug kernel (lockdep, DEBUG_ENTRY, lockup detectors) as
# Xen PV dom0 under load for STRESS_SECONDS: long preemptible hypercalls on
# every vCPU, stress-ng timer/context-switch/TLB-shoot-down storms, trinity
# as nobody, small domUs created and destroyed one after another (see
# stress() in guest/init), after bad input to privcmd (the selftest
# privcmd_bad_hcall). Then: no splat, nothing lost, a final test passes. The patched kernel is judged; the base is shown beside it.
# Writes out/stress.md and out/stress.json.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() {
	cat <<EOT
usage: $0
env: BASE (7.3; any of: $BASES), XEN (4.17; any of: $XENS), STRESS_SECONDS (300),
     STRESS_TREES ('patched base'), STRESS_NG ('stress-ng stressors'),
     STRESS_PARTS ('hcall stressng trinity domu'), TRINITY_EXCLUDE (a+b)
EOT
}
args "" 0 0 "$@"
secs=${STRESS_SECONDS:-300} trees=${STRESS_TREES:-patched base}
case $secs in ''|*[!0-9]*) die "STRESS_SECONDS is a whole number" ;; esac
# Excluded from trinity, and why:
#  - none so far: as nobody, the calls that could take the guest down
#    (reboot, kexec_load, init_module, iopl, ...) fail with EPERM.
trinity_x=${TRINITY_EXCLUDE:-}
t0=$(date +%s)
begin_run stress

[ -d "$TREE/.git" ] || "$TOP/scripts/tree.sh"
for t in $trees; do
	"$TOP/scripts/build.sh" "$t" debug | tail -n 1
	"$TOP/scripts/initramfs.sh" "$t"
done
"$TOP/scripts/toolstack.sh"

rc=0
for t in $trees; do
	id=dom0-xen$XEN-$BASE-$t-debug-$MODEL-stress
	"$TOP/scripts/boot.sh" -t $((secs + 600)) -s stress \
		-a "rig.stress_s=$secs${trinity_x:+ rig.trinity_x=$trinity_x}${STRESS_NG:+ rig.stress_ng=${STRESS_NG// /+}}${STRESS_PARTS:+ rig.stress_parts=${STRESS_PARTS// /+}}" \
		dom0 "$t" debug "$MODEL" guest_type:privcmd:stress || true
	[ "$t" = patched ] || continue
	judge_boot "$id" || rc=1
done

# The counts, from each console's "# stress:" line.
for t in $trees; do
	id=dom0-xen$XEN-$BASE-$t-debug-$MODEL-stress
	tr -d '\r' < "$LOGS/$id.log" | sed -n 's/^# stress: \(hypercalls=.*\)/\1/p' | tail -n 1 |
		tr ' ' '\n' | jq -R 'split("=") | {(.[0]): (.[1] | tonumber? // .)}' | jq -s add |
		jq --slurpfile r "$RESULTS/$id.json" '{tree: $r[0].tree, splats: $r[0].splats,
			finished: $r[0].finished, tests: $r[0].tests, counts: (. // {})}'
done | jq -s --argjson secs "$secs" '{seconds: $secs, boots: .}' > "$OUT/stress.json"

{
	echo "# make stress ($(date -u '+%Y-%m-%d %H:%M UTC'), $BASE, Xen $XEN, ${secs} s, debug config, preempt=$MODEL, dom0 on $(nproc) vCPUs)"
	echo
	echo "| tree | hypercalls | events | domUs created / gone / test ok | user faults dom0 / domUs | trinity syscalls | dom0 pages before / after | Xen free MB before / after | splats | tests failed |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
	jq -r '.boots[] | .counts as $c | [.tree, ($c.hypercalls // "-"), ($c.events // "-"),
		"\($c.domus // "-") / \($c.domus_gone // "-") / \($c.domus_ok // "-")", "\($c.user_faults // "-") / \($c.domu_faults // "-")", ($c.trinity_ops // "-"),
		"\($c.pages_before // "-") / \($c.pages_after // "-")",
		"\($c.free_mb_before // "-") / \($c.free_mb_after // "-")",
		(if .finished then .splats else "\(.splats) (unfinished)" end),
		([.tests | to_entries[] | select(.value != "pass") | .key] | if length == 0 then "none" else join(", ") end)]
		| "| " + (map(tostring) | join(" | ")) + " |"' "$OUT/stress.json"
	echo
	echo "User faults: segfaults and general protection faults of processes other than trinity's, in dom0 and in the domUs."
	echo "trinity exclusions: ${trinity_x:-none}. Console logs: ${LOGS#"$TOP"/}/dom0-xen$XEN-$BASE-*-debug-$MODEL-stress.log"
} > "$OUT/stress.md"
sed -n '3,$p' "$OUT/stress.md"
echo "make stress took $(( ($(date +%s) - t0) / 60 )) min; patched: $([ $rc = 0 ] && echo PASS || echo FAIL)"
exit $rc
