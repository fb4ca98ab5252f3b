#!/bin/bash
# Gather the run's records (out/latest, or RIG_RUN) into results.json and
# report.md, in the run directory and in out/.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
RUN=${RIG_RUN:-$(readlink -f "$OUT/latest" || true)}
[ -d "$RUN/results" ] || die "no run: out/latest is missing (boot something first)"
RESULTS=$RUN/results
usage() { echo "usage: $0   (env: RIG_RUN, the run to report; default out/latest)"; }
args "" 0 0 "$@"
shopt -s nullglob
files=("$RESULTS"/*.json)
[ ${#files[@]} -gt 0 ] || die "no records in ${RESULTS#"$TOP"/}: boot something first"
jq -s 'sort_by(.base, .xen, .env, .config, .preempt, .tree)' "${files[@]}" > "$RUN/results.json"
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
		| "| " + (map(tostring) | join(" | ")) + " |"' "$RUN/results.json"
	echo
	# The judge's verdicts (RESULTS/ID.verdict): what it did not expect, then
	# the failures tests/expectations explains.
	echo "Unexpected (the judge's findings; none means every boot is as expected):"
	for v in "$RESULTS"/*.verdict; do
		[ -f "$v" ] || continue
		grep -qx 'verdict: fail' "$v" || continue
		{ grep -v -e '^expected: ' -e '^verdict: ' "$v" || true; } | sed "s|^|- $(basename "$v" .verdict): |"
	done
	echo
	echo "Expected failures (tests/expectations, with its reason):"
	for v in "$RESULTS"/*.verdict; do
		[ -f "$v" ] || continue
		{ grep -E '^expected: [^ ]+ (fail|did not finish)' "$v" || true; } | cut -c 11- | cut -c 1-200 |
			sed "s|^|- $(basename "$v" .verdict): |"
	done
	echo
	echo "Run ${RUN#"$TOP"/}: console logs and QEMU command lines in logs/, records and verdicts in results/, testid.txt"
} > "$RUN/report.md"
cp "$RUN/report.md" "$RUN/results.json" "$OUT/"
echo "report: ${OUT#"$TOP"/}/report.md, $(jq length "$RUN/results.json") boots of ${RUN#"$TOP"/}"
