#!/bin/bash
# make recheck: re-parse and re-judge a saved run without booting. Every
# console log in RUN/logs/ that has a record in RUN/results/ is turned into
# a record again by today's scripts/record.sh and judged by today's
# scripts/judge.sh and tests/expectations (plus RESULTS/ID.expectations,
# lines the run added for one boot); both are compared with what the run
# stored. Exit 1 when a record or a verdict changed.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() {
	cat <<EOT
usage: $0 [-q] [-e EXPECTATIONS] [RUN]   (RUN: a run directory, default out/latest)
  -q   print only the summary and what changed
  -e   judge against EXPECTATIONS instead of tests/expectations
Results go to RUN/recheck/ (ID.json, ID.verdict).
EOT
}
quiet='' exp=$TOP/tests/expectations
opt() { case $1 in q) quiet=1 ;; e) exp=$OPTARG ;; esac; }
args qe: 0 1 "$@"
set -- "${ARGS[@]}"
run=${1:-$OUT/latest}
[ -d "$run/results" ] || die "$run is not a run directory (no results/)"
[ -d "$run/logs" ] || die "$run is not a run directory (no results/ and logs/)"
run=$(cd "$run" && pwd -P)
out=$run/recheck
rm -rf "$out"; mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
n=0 same=0 changed=0
shopt -s nullglob
for rec in "$run"/results/*.json; do
	id=$(basename "$rec" .json)
	log=$run/logs/$id.log
	if [ ! -f "$log" ] && [ -f "$log.gz" ]; then gunzip -c "$log.gz" > "$tmp/$id.log"; log=$tmp/$id.log; fi
	[ -f "$log" ] || { echo "$id: no console log, left out"; continue; }
	n=$((n + 1))
	# The boot's facts as stored; everything parsed from the log anew.
	read -r env xen base tree config preempt boot_s wall stop < <(jq -r \
		'[.env, .xen // "4.17", .base // "6.12", .tree, .config, .preempt, .boot_s, .wall_s, .stop // ""] | map(tostring) | join(" ")' "$rec")
	"$TOP/scripts/record.sh" "$log" "$env" "$xen" "$base" "$tree" "$config" "$preempt" "$boot_s" "$wall" ${stop:+"$stop"} > "$out/$id.json"
	# Lines the run added for this boot alone (make matrix's oops boots).
	e=$exp
	if [ -f "$run/results/$id.expectations" ]; then
		e=$tmp/$id.expectations
		cat "$exp" "$run/results/$id.expectations" > "$e"
	fi
	"$TOP/scripts/judge.sh" "$out/$id.json" "$e" > "$out/$id.verdict" 2>&1 || true
	was=$(sed -n 's/^verdict: //p' "$run/results/$id.verdict" 2>/dev/null || true)
	now=$(sed -n 's/^verdict: //p' "$out/$id.verdict")
	what=
	diff -q <(jq -S 'del(.log)' "$rec") <(jq -S 'del(.log)' "$out/$id.json") > /dev/null || what="record changed"
	[ "$was" = "$now" ] || what="${what:+$what, }verdict ${was:-none} -> $now"
	if [ -n "$what" ]; then
		changed=$((changed + 1))
		echo "CHANGED $id: $what"
		diff <(jq -S 'del(.log)' "$rec") <(jq -S 'del(.log)' "$out/$id.json") | sed -n 's/^[<>]/      &/p' | head -n 20 || true
		[ "$was" = "$now" ] || { grep -v -e '^expected: ' -e '^verdict: ' "$out/$id.verdict" || true; } | sed 's/^/      /'
	else
		same=$((same + 1))
		[ -n "$quiet" ] || echo "same    $id: $now"
	fi
done
[ $n -gt 0 ] || die "no boot with a console log in $run"
echo "recheck of ${run#"$TOP"/}: $n boots re-judged, $same as stored, $changed changed (${out#"$TOP"/})"
[ $changed = 0 ]
