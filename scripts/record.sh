#!/bin/bash
# Turn one console log into a result record (JSON on stdout):
# TAP lines printed by guest/init give the tests, scripts/splats.sh the
# splat count, the preemptible-hypercall test's "# result:" line its
# figures, Xen's banner the hypervisor version as booted.
# STOP is why the boot ended (boot.sh: done, timeout, crashed, silent ...).
set -euo pipefail
# shellcheck source=scripts/args.sh
. "$(dirname "$0")/args.sh"
usage() { echo "usage: $0 LOG ENV XEN|- BASE TREE CONFIG PREEMPT BOOT_S WALL_S [STOP]"; }
args "" 9 10 "$@"
log=$1 env=$2 xen=$3 base=$4 tree=$5 config=$6 preempt=$7 boot_s=$8 wall=$9 stop=${10:-}
[ -f "$log" ] || { echo "$0: no log $log" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
# A domU's console comes inside dom0's, each line marked "domU| ".
clean=$(tr -d '\r\0' < "$log" | sed 's/^domU| //')
# dom0's own RIG-DONE (a domU's is marked "domU| ").
finished=$([ "$(tr -d '\r\0' < "$log" | grep -c '^RIG-DONE')" -gt 0 ] && echo true || echo false)
[ -n "$stop" ] || stop=$([ "$finished" = true ] && echo "done" || echo unfinished)
splats=$("$top/scripts/splats.sh" "$log" | wc -l)
# "(XEN) Xen version 4.20.4+63-g7abfd2bce2-0+deb13u1 (...": as booted.
xenver=$({ grep -aom1 '(XEN) Xen version [^ ]*' <<< "$clean" || true; } | awk '{ print $4 }')
tests=$({ grep -E '^(not )?ok [0-9]+ [^ ]' <<< "$clean" || true; } | awk '{
	st = ($1 == "not") ? "fail" : ($0 ~ /# SKIP/) ? "skip" : "pass"
	nm = ($1 == "not") ? $4 : $3
	printf "%s\"%s\": \"%s\"", (n++ ? ", " : ""), nm, st }')
hcall=$(sed -n 's/^# *# result: //p' <<< "$clean" | tail -n 1 | tr ' ' '\n' |
	awk -F= 'NF == 2 && $2 ~ /^[0-9.]+$/ { printf "%s\"%s\": %s", (n++ ? ", " : ""), $1, $2 }')
printf '{"env": "%s", "xen": "%s", "xen_version": "%s", "base": "%s", "tree": "%s", "config": "%s", "preempt": "%s", ' \
	"$env" "$xen" "${xenver:--}" "$base" "$tree" "$config" "$preempt"
printf '"boot_s": %s, "wall_s": %s, "stop": "%s", "finished": %s, "splats": %s, "log": "%s", "tests": {%s}' \
	"$boot_s" "$wall" "$stop" "$finished" "$splats" "${log#"$top"/}" "$tests"
[ -z "$hcall" ] || printf ', "hcall": {%s}' "$hcall"
echo '}'
