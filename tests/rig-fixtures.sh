#!/bin/bash
# The rig's own parts on real console logs kept as fixtures: tests/fixtures/
# is a run directory (logs/ID.log.gz, results/ID.json and ID.verdict), and
# scripts/recheck.sh must reach the stored record (TAP parsing, splat
# detection, hypercall figures, Xen version) and verdict from each log.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/args.sh
. "$top/scripts/args.sh"
usage() { echo "usage: $0"; }
args "" 0 0 "$@"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
bad=0
cp -r "$top/tests/fixtures" "$tmp/run"
"$top/scripts/recheck.sh" -q "$tmp/run" || bad=1
n=$(find "$tmp/run/results" -name '*.json' | wc -l)
# An expectation taken away must change the re-judged verdict, without a boot.
grep -v 'x86/mov_ss_trap_64' "$top/tests/expectations" > "$tmp/exp"
if "$top/scripts/recheck.sh" -q -e "$tmp/exp" "$tmp/run" > "$tmp/recheck.out"; then
	echo "FAIL recheck.sh: dropping the mov_ss_trap_64 expectation changed no verdict"; bad=1
elif ! grep -q 'verdict pass -> fail' "$tmp/recheck.out"; then
	cat "$tmp/recheck.out"; echo "FAIL recheck.sh: no verdict went from pass to fail"; bad=1
fi
# The splat detector must see a splat in every kind the rig promises to catch.
for s in 'WARNING: CPU: 0 PID: 1 at kernel/x.c:1 f+0x1/0x2' 'BUG: kernel NULL pointer dereference' \
	'watchdog: BUG: soft lockup - CPU#0 stuck for 3s! [a:1]' 'rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:' \
	'WARNING: possible circular locking dependency detected' 'Kernel panic - not syncing: x' \
	'BUG: KASAN: slab-out-of-bounds in f+0x1/0x2' 'BUG: KFENCE: use-after-free read in f+0x1/0x2' \
	'UBSAN: shift-out-of-bounds in drivers/xen/x.c:1:2'; do
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
