#!/bin/bash
# The rig's own parts on real console logs kept as fixtures: for each
# tests/fixtures/NAME.log.gz, scripts/record.sh must give NAME.json (TAP
# parsing, splat detection, hypercall figures), and scripts/judge.sh must
# reach the verdict written in NAME.verdict against tests/expectations.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
n=0 bad=0
for f in "$top"/tests/fixtures/*.log.gz; do
	name=$(basename "$f" .log.gz)
	# NAME: ENV-xenXEN-BASE-TREE-CONFIG-PREEMPT, or native-BASE-TREE-CONFIG-PREEMPT.
	case $name in
	native-*) xen=- ; read -r env base tree config preempt < <(echo "$name" | tr '-' ' ') ;;
	*) read -r env xen base tree config preempt < <(echo "$name" | tr '-' ' '); xen=${xen#xen} ;;
	esac
	gunzip -c "$f" > "$tmp/$name.log"
	"$top/scripts/record.sh" "$tmp/$name.log" "$env" "$xen" "$base" "$tree" "$config" "$preempt" null 0 |
		jq -S 'del(.log)' > "$tmp/$name.json"
	if ! diff -u <(jq -S . "${f%.log.gz}.json") "$tmp/$name.json"; then
		echo "FAIL $name: record differs from fixture"; bad=1
	fi
	want=$(cat "${f%.log.gz}.verdict")
	got=$("$top/scripts/judge.sh" "$tmp/$name.json" > "$tmp/judge" 2>&1 && echo pass || echo fail)
	[ "$got" = "$want" ] || { echo "FAIL $name: judged $got, expected $want"; cat "$tmp/judge"; bad=1; }
	n=$((n + 1))
done
[ $n -gt 0 ] || { echo "no fixtures"; exit 1; }
# The splat detector must see a splat in every kind the rig promises to catch.
for s in 'WARNING: CPU: 0 PID: 1 at kernel/x.c:1 f+0x1/0x2' 'BUG: kernel NULL pointer dereference' \
	'watchdog: BUG: soft lockup - CPU#0 stuck for 3s! [a:1]' 'rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:' \
	'WARNING: possible circular locking dependency detected' 'Kernel panic - not syncing: x'; do
	printf '[    1.000000] %s\n' "$s" > "$tmp/one.log"
	[ "$("$top/scripts/splats.sh" "$tmp/one.log" | wc -l)" = 1 ] || { echo "FAIL splats.sh missed: $s"; bad=1; }
done
# A domU's console inside dom0's counts too.
printf 'domU| [    1.000000] BUG: kernel NULL pointer dereference\n' > "$tmp/one.log"
[ "$("$top/scripts/splats.sh" "$tmp/one.log" | wc -l)" = 1 ] || { echo "FAIL splats.sh missed a domU splat"; bad=1; }
printf '[   23.289298] WARNING: The mand mount option has been deprecated and\n' > "$tmp/one.log"
[ -z "$("$top/scripts/splats.sh" "$tmp/one.log")" ] || { echo "FAIL splats.sh: a deprecation notice taken for a splat"; bad=1; }
printf '[   51.530297] traps: init[232] general protection fault ip:460e5c sp:7ffc29009ec0 error:0 in busybox[60e5c,401000+184000]\n' > "$tmp/one.log"
[ -z "$("$top/scripts/splats.sh" "$tmp/one.log")" ] || { echo "FAIL splats.sh: a user process's fault taken for a splat"; bad=1; }
printf '[    9.000000] Oops: general protection fault, probably for non-canonical address 0xdead: 0000 [#1] SMP\n' > "$tmp/one.log"
[ "$("$top/scripts/splats.sh" "$tmp/one.log" | wc -l)" = 1 ] || { echo "FAIL splats.sh missed a kernel general protection fault"; bad=1; }
printf '# BUG: a test printing this is no splat\nok 1 x # SKIP no WARNING: here\n' > "$tmp/one.log"
[ -z "$("$top/scripts/splats.sh" "$tmp/one.log")" ] || { echo "FAIL splats.sh: user output taken for a splat"; bad=1; }
echo "$n fixtures checked"
exit $bad
