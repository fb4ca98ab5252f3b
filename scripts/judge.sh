#!/bin/bash
# Judge one boot's record against tests/expectations.
# A boot passes when it finished, shows no splat, and every test that did
# not pass is explained by an expectation line (a test may always pass
# instead, unless the line ends in "!": such a line must hold exactly, evidence
# like the base kernel's known failure).
# Lines: ENV XEN BASE TREE CONFIG PREEMPT TEST RESULT[!] # why   (glob patterns;
# TEST "<boot>" with RESULT "crash" allows an unfinished, splatting boot,
# "crash!" requires one).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/args.sh
. "$top/scripts/args.sh"
usage() { echo "usage: $0 RECORD.json [EXPECTATIONS]   (default tests/expectations)"; }
args "" 1 2 "$@"
rec=$1 exp=${2:-$top/tests/expectations}
[ -f "$rec" ] || { echo "$0: no record $rec" >&2; exit 2; }
[ -f "$exp" ] || { echo "$0: no expectations $exp" >&2; exit 2; }
read -r env xen base tree config preempt finished splats < <(jq -r \
	'"\(.env) \(.xen // "4.17") \(.base // "6.12") \(.tree) \(.config) \(.preempt) \(.finished) \(.splats)"' "$rec")

# for_boot: print "TEST RESULT # why" of each expectation line matching this boot.
for_boot() {
	local e x b t c p tst res rest
	while read -r e x b t c p tst res rest; do
		case $e in ''|\#*) continue ;; esac
		# shellcheck disable=SC2254
		case $env in $e) ;; *) continue ;; esac
		# shellcheck disable=SC2254
		case $xen in $x) ;; *) continue ;; esac
		# shellcheck disable=SC2254
		case $base in $b) ;; *) continue ;; esac
		# shellcheck disable=SC2254
		case $tree in $t) ;; *) continue ;; esac
		# shellcheck disable=SC2254
		case $config in $c) ;; *) continue ;; esac
		# shellcheck disable=SC2254
		case $preempt in $p) ;; *) continue ;; esac
		echo "$tst $res $rest"
	done < "$exp"
}
lines=$(for_boot)

# expect TEST: print the expected result for TEST in this boot, if any.
expect() {
	local tst res rest
	while read -r tst res rest; do
		# shellcheck disable=SC2254
		case $1 in $tst) echo "$res"; return ;; esac
	done <<< "$lines"
}
# why TEST: the reason tests/expectations gives for TEST in this boot.
why() {
	local tst res rest
	while read -r tst res rest; do
		# shellcheck disable=SC2254
		case $1 in $tst) echo "${rest#\# }"; return ;; esac
	done <<< "$lines"
}

bad=0
if [ "$finished" != true ] || [ "$splats" != 0 ]; then
	case $(expect '<boot>') in
	crash|crash!) echo "expected: <boot> did not finish cleanly ($splats splats): $(why '<boot>')" ;;
	*) echo "boot: finished=$finished, $splats splats"; bad=1 ;;
	esac
elif [ "$(expect '<boot>')" = crash! ]; then
	echo "boot: finished cleanly, but the splat expected as evidence did not show"; bad=1
fi
while read -r name got; do
	want=$(expect "$name")
	w=${want%[?!]}
	if [ "$got" = pass ]; then
		case $want in *!) echo "$name: pass, expected $w"; bad=1 ;; esac
	elif [ -z "$w" ]; then
		echo "$name: $got, not explained in tests/expectations"; bad=1
	elif [ "$w" != "$got" ]; then
		echo "$name: $got, expected $w"; bad=1
	else
		echo "expected: $name $got: $(why "$name")"
	fi
done < <(jq -r '.tests | to_entries[] | "\(.key) \(.value)"' "$rec")
# Evidence that must show: a strict line for a test this boot did not run.
while read -r tst res; do
	case $tst:$res in '<boot>':*|*[!!]) continue ;; esac
	jq -e --arg t "$tst" '.tests | has($t)' "$rec" > /dev/null ||
		{ echo "$tst: did not run, expected ${res%!}"; bad=1; }
done <<< "$lines"
echo "verdict: $([ $bad = 0 ] && echo pass || echo fail)"
exit $bad
