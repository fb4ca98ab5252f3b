#!/bin/bash
# Gather out/results/*.json into out/results.json and out/report.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
case ${1:-} in -h|--help) echo "usage: $0"; exit 0 ;; '') ;; *) echo "usage: $0" >&2; exit 2 ;; esac
shopt -s nullglob
files=("$OUT"/results/*.json)
[ ${#files[@]} -gt 0 ] || die "no results in out/results/: boot something first"
jq -s 'sort_by(.base, .xen, .env, .config, .preempt, .tree)' "${files[@]}" > "$OUT/results.json"
{
	echo "# Rig report ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, QEMU $(qemu-system-x86_64 --version | awk 'NR == 1 { print $4 }') TCG)"
	echo
	echo "| base | Xen (as booted) | env | config | preempt | tree | boot s | pass | fail | skip | splats | hcall ms | waiter late p99 / max ms |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
	jq -r '.[] | [.base, (if .env == "native" then "-" else (.xen_version // .xen) end), .env, .config, .preempt, .tree, (.boot_s // "-"),
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
		| "- \($r.env) \(if $r.env == "native" then "" else "xen \($r.xen) " end)\($r.base)-\($r.tree)-\($r.config) \($r.preempt): \(.key)"' "$OUT/results.json"
	echo
	echo "Console logs: out/logs/; records: out/results.json"
} > "$OUT/report.md"
echo "report: ${OUT#$TOP/}/report.md, $(jq length "$OUT/results.json") boots"
