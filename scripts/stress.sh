#!/bin/bash
# make stress: the debug kernel (lockdep, DEBUG_ENTRY, lockup detectors) as
# Xen PV dom0 under load for STRESS_SECONDS: long preemptible hypercalls on
# every vCPU, stress-ng timer/context-switch/TLB-shoot-down storms, trinity
# as nobody, small domUs created and destroyed one after another (see
# stress() in guest/init), after bad input to privcmd (the selftest
# privcmd_bad_hcall). Then: no splat, nothing lost, a final test passes. The patched kernel is judged; the base is shown beside it.
# Writes out/stress.md and out/stress.json, with the hypercall waiter's
# lateness over the run.
# STRESS_KIND=soak (make soak): the same load on the patched sanitize kernel
# (configs/sanitize.config) for SOAK_SECONDS (3600); out/soak-BASE.{md,json}.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() {
	cat <<EOT
usage: $0
env: BASE (7.3; any of: $BASES), XEN (4.17; any of: $XENS), STRESS_SECONDS (300),
     STRESS_KIND (stress; soak: SOAK_SECONDS (3600), sanitize config, patched),
     STRESS_TREES ('patched base'), STRESS_NG ('stress-ng stressors'),
     STRESS_PARTS ('hcall stressng trinity domu'), TRINITY_EXCLUDE (a+b)
EOT
}
args "" 0 0 "$@"
kind=${STRESS_KIND:-stress}
case $kind in
stress) secs=${STRESS_SECONDS:-300} trees=${STRESS_TREES:-patched base} cfg=debug name=stress ;;
soak) secs=${SOAK_SECONDS:-3600} trees=${STRESS_TREES:-patched} cfg=sanitize name=soak-$BASE ;;
*) die "STRESS_KIND is stress or soak" ;;
esac
case $secs in ''|*[!0-9]*) die "STRESS_SECONDS is a whole number" ;; esac
# Excluded from trinity, and why:
#  - none so far: as nobody, the calls that could take the guest down
#    (reboot, kexec_load, init_module, iopl, ...) fail with EPERM.
trinity_x=${TRINITY_EXCLUDE:-}
t0=$(date +%s)
begin_run "$name"

[ -d "$TREE/.git" ] || "$TOP/scripts/tree.sh"
for t in $trees; do
	"$TOP/scripts/build.sh" "$t" "$cfg" | tail -n 1
	"$TOP/scripts/initramfs.sh" "$t"
done
"$TOP/scripts/toolstack.sh"

rc=0
for t in $trees; do
	id=dom0-xen$XEN-$BASE-$t-$cfg-$MODEL-$kind
	"$TOP/scripts/boot.sh" -t $((secs + 900)) -s "$kind" \
		-a "rig.stress_s=$secs${trinity_x:+ rig.trinity_x=$trinity_x}${STRESS_NG:+ rig.stress_ng=${STRESS_NG// /+}}${STRESS_PARTS:+ rig.stress_parts=${STRESS_PARTS// /+}}" \
		dom0 "$t" "$cfg" "$MODEL" guest_type:privcmd:stress || true
	[ "$t" = patched ] || continue
	judge_boot "$id" || rc=1
done

# The counts, from each console's "# stress:" line, and the hypercall
# waiter's lateness over the run, from its "# hc:" lines (one per run of
# the hypercall test on one vCPU).
win=$(( secs >= 3600 ? 600 : (secs >= 600 ? 120 : 60) ))
for t in $trees; do
	id=dom0-xen$XEN-$BASE-$t-$cfg-$MODEL-$kind
	tr -d '\r' < "$LOGS/$id.log" > "$RUN/$id.txt"
	sed -n 's/^# hc: //p' "$RUN/$id.txt" | jq -R 'split(" ") | map(split("=") | {(.[0]): (.[1] | tonumber? // .)}) | add' |
		jq -s . > "$RUN/$id.hc.json"
	sed -n 's/^# stress: \(hypercalls=.*\)/\1/p' "$RUN/$id.txt" | tail -n 1 |
		tr ' ' '\n' | jq -R 'split("=") | {(.[0]): (.[1] | tonumber? // .)}' | jq -s add |
		jq --slurpfile r "$RESULTS/$id.json" --slurpfile hc "$RUN/$id.hc.json" --argjson win "$win" '
			def med: sort | if length == 0 then null else .[length / 2 | floor] end;
			{tree: $r[0].tree, splats: $r[0].splats, finished: $r[0].finished, tests: $r[0].tests,
			counts: (. // {}), hcall_runs: $hc[0],
			windows: (($hc[0][0].t // 0) as $t0 | $hc[0] | group_by((.t - $t0) / $win | floor) | map({
				from_s: ((.[0].t - $t0) / $win | floor * $win), runs: length,
				hcall_ms: (map(.hcall_ms) | med), p99_med: (map(.late_p99_ms) | med),
				p99_max: (map(.late_p99_ms) | max), max_med: (map(.late_max_ms) | med),
				max_max: (map(.late_max_ms) | max)}))}'
	rm -f "$RUN/$id.txt" "$RUN/$id.hc.json"
done | jq -s --argjson secs "$secs" --arg cfg "$cfg" '{seconds: $secs, config: $cfg, boots: .}' > "$OUT/$name.json"

{
	echo "# make $kind ($(date -u '+%Y-%m-%d %H:%M UTC'), $BASE, Xen $XEN, ${secs} s, $cfg config, preempt=$MODEL, dom0 on $(nproc) vCPUs)"
	echo
	echo "| tree | hypercalls | events | domUs created / gone / test ok | user faults dom0 / domUs | trinity syscalls | dom0 pages before / after | Xen free MB before / after | splats | tests failed |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
	jq -r '.boots[] | .counts as $c | [.tree, ($c.hypercalls // "-"), ($c.events // "-"),
		"\($c.domus // "-") / \($c.domus_gone // "-") / \($c.domus_ok // "-")", "\($c.user_faults // "-") / \($c.domu_faults // "-")", ($c.trinity_ops // "-"),
		"\($c.pages_before // "-") / \($c.pages_after // "-")",
		"\($c.free_mb_before // "-") / \($c.free_mb_after // "-")",
		(if .finished then .splats else "\(.splats) (unfinished)" end),
		([.tests | to_entries[] | select(.value != "pass" and .value != "skip") | .key] | if length == 0 then "none" else join(", ") end)]
		| "| " + (map(tostring) | join(" | ")) + " |"' "$OUT/$name.json"
	echo
	echo "User faults: segfaults and general protection faults of processes other than trinity's, in dom0 and in the domUs."
	echo
	echo "The hypercall waiter's lateness under the load, per ${win} s of the run (runs of the hypercall test, ~5 s each on one vCPU; ms):"
	echo
	echo "| tree | from s | runs | hypercall median | waiter p99: median / max | waiter max: median / max |"
	echo "|---|---|---|---|---|---|"
	jq -r '.boots[] | .tree as $t | .windows[] | [$t, .from_s, .runs, .hcall_ms, "\(.p99_med) / \(.p99_max)", "\(.max_med) / \(.max_max)"]
		| "| " + (map(tostring) | join(" | ")) + " |"' "$OUT/$name.json"
	echo
	echo "trinity exclusions: ${trinity_x:-none}. Console logs: ${LOGS#"$TOP"/}/dom0-xen$XEN-$BASE-*-$cfg-$MODEL-$kind.log"
} > "$OUT/$name.md"
sed -n '3,$p' "$OUT/$name.md"
# Last, so that check.sh's tail of this log shows why it failed.
if [ $rc != 0 ]; then
	id=dom0-xen$XEN-$BASE-patched-$cfg-$MODEL-$kind
	grep -v '^expected: ' "$RESULTS/$id.verdict" | head -n 2 || true
	"$TOP/scripts/splats.sh" "$LOGS/$id.log" | head -n 4 || true
fi
echo "make $kind took $(( ($(date +%s) - t0) / 60 )) min; patched: $([ $rc = 0 ] && echo PASS || echo FAIL)"
exit $rc
