#!/bin/bash
# Gather out/results/*.json into out/results.json and out/report.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ "${1:-}" = -h ] && { echo "usage: $0"; exit 0; }
shopt -s nullglob
files=("$OUT"/results/*.json)
[ ${#files[@]} -gt 0 ] || die "no results in out/results/: boot something first"
jq -s 'sort_by(.base, .env, .config, .preempt, .tree)' "${files[@]}" > "$OUT/results.json"
{
	echo "# Rig report ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, QEMU TCG, Xen $(dpkg-query -W -f '${Version}' xen-hypervisor-4.17-amd64))"
	echo
	echo "| base | env | config | preempt | tree | boot s | pass | fail | skip | splats | hcall ms | waiter late p99 / max ms |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
	jq -r '.[] | [.base, .env, .config, .preempt, .tree, (.boot_s // "-"),
		([.tests[] | select(. == "pass")] | length),
		([.tests[] | select(. == "fail")] | length),
		([.tests[] | select(. == "skip")] | length),
		(if .finished then .splats else "\(.splats) (unfinished)" end),
		(.hcall.hcall_ms // "-"),
		(if .hcall then "\(.hcall.late_p99_ms) / \(.hcall.late_max_ms)" else "-" end)]
		| "| " + (map(tostring) | join(" | ")) + " |"' "$OUT/results.json"
	echo
	echo "Failed tests:"
	jq -r '.[] | . as $r | .tests | to_entries[] | select(.value == "fail")
		| "- \($r.env) \($r.tree)-\($r.config) \($r.preempt): \(.key)"' "$OUT/results.json"
	echo
	echo "Console logs: out/logs/; records: out/results.json"
} > "$OUT/report.md"
echo "report: ${OUT#$TOP/}/report.md, $(jq length "$OUT/results.json") boots"
