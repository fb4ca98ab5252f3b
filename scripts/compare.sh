#!/bin/bash
# Base against patched, same env/config/preempt: a test that passes on the
# base must not fail on the patched kernel. Prints the table of both.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ "${1:-}" = -h ] && { echo "usage: $0"; exit 0; }
bad=0 n=0
for b in "$OUT"/results/*-base-*.json; do
	p=${b/-base-/-patched-}
	[ -f "$p" ] || continue
	n=$((n + 1))
	while read -r name; do
		echo "REGRESSION $(basename "${p%.json}"): $name passes on base, fails on patched"; bad=1
	done < <(jq -r --slurpfile p "$p" '.tests | to_entries[] | select(.value == "pass")
		| .key as $k | select($p[0].tests[$k] == "fail") | $k' "$b")
done
[ $n -gt 0 ] || die "no base/patched pair of boots in out/results/"
echo "$n base/patched pairs compared"
exit $bad
