#!/bin/bash
# Base against patched.
#   tests          every boot pair of the run (out/latest; same env, Xen, base,
#                  config, preempt): a test that passes on the base must
#                  not fail on the patched kernel. Prints each regression.
#   objtool BASE   the debug builds' objtool warnings: none new in patched.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() { echo "usage: $0 tests | objtool BASE"; }
args "" 1 2 "$@"
case $1:$# in tests:1|objtool:2) ;; *) usage >&2; exit 2 ;; esac

if [ "$1" = objtool ]; then
	k=$OUT/kernels/$2
	for t in base patched; do [ -f "$k-$t-debug/objtool.txt" ] || die "no $k-$t-debug: build it first"; done
	new=$(comm -13 <(sed 's/+0x[0-9a-f]*//g' "$k-base-debug/objtool.txt" | sort -u) \
		<(sed 's/+0x[0-9a-f]*//g' "$k-patched-debug/objtool.txt" | sort -u))
	[ -z "$new" ] || echo "$new"
	echo "objtool, $2 debug: $(wc -l < "$k-base-debug/objtool.txt") warnings on base, $(grep -c . <<< "$new") new"
	[ -z "$new" ]
	exit
fi
RUN=${RIG_RUN:-$(readlink -f "$OUT/latest" || true)}
[ -d "$RUN/results" ] || die "no run: out/latest is missing"
bad=0 n=0
shopt -s nullglob
for b in "$RUN"/results/*-base-*.json; do
	p=${b/-base-/-patched-}
	[ -f "$p" ] || continue
	n=$((n + 1))
	while read -r name; do
		echo "REGRESSION $(basename "${p%.json}"): $name passes on base, fails on patched"; bad=1
	done < <(jq -r --slurpfile p "$p" '.tests | to_entries[] | select(.value == "pass")
		| .key as $k | select($p[0].tests[$k] == "fail") | $k' "$b")
done
[ $n -gt 0 ] || die "no base/patched pair of boots in ${RUN#"$TOP"/}/results/"
echo "$n base/patched pairs compared, $([ $bad = 0 ] && echo "no regression" || echo "regressions above")"
exit $bad
