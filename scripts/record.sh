#!/bin/bash
# Turn one console log into a result record (JSON on stdout):
# TAP lines printed by guest/init give the tests, scripts/splats.sh the
# splat count, the preemptible-hypercall test's "# result:" line its figures.
set -euo pipefail
[ $# -eq 8 ] || { echo "usage: $0 LOG ENV TREE CONFIG PREEMPT BASE BOOT_S WALL_S" >&2; exit 2; }
log=$1 env=$2 tree=$3 config=$4 preempt=$5 base=$6 boot_s=$7 wall=$8
top=$(cd "$(dirname "$0")/.." && pwd)
# A domU's console comes inside dom0's, each line marked "domU| ".
clean=$(tr -d '\r\0' < "$log" | sed 's/^domU| //')
# dom0's own RIG-DONE (a domU's is marked "domU| ").
finished=$([ "$(tr -d '\r\0' < "$log" | grep -c '^RIG-DONE')" -gt 0 ] && echo true || echo false)
splats=$("$top/scripts/splats.sh" "$log" | wc -l)
tests=$({ grep -E '^(not )?ok [0-9]+ [^ ]' <<< "$clean" || true; } | awk '{
	st = ($1 == "not") ? "fail" : ($0 ~ /# SKIP/) ? "skip" : "pass"
	nm = ($1 == "not") ? $4 : $3
	printf "%s\"%s\": \"%s\"", (n++ ? ", " : ""), nm, st }')
hcall=$(sed -n 's/^# *# result: //p' <<< "$clean" | tail -n 1 | tr ' ' '\n' |
	awk -F= 'NF == 2 && $2 ~ /^[0-9.]+$/ { printf "%s\"%s\": %s", (n++ ? ", " : ""), $1, $2 }')
printf '{"env": "%s", "config": "%s", "preempt": "%s", "tree": "%s", "base": "%s", ' \
	"$env" "$config" "$preempt" "$tree" "$base"
printf '"boot_s": %s, "wall_s": %s, "finished": %s, "splats": %s, "log": "%s", "tests": {%s}' \
	"$boot_s" "$wall" "$finished" "$splats" "${log#$top/}" "$tests"
[ -z "$hcall" ] || printf ', "hcall": {%s}' "$hcall"
echo '}'
