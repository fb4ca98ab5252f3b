#!/bin/bash
# Print the kernel splats in a console log (one line each): warnings, BUGs,
# oopses, lockdep reports, soft/hard lockups, RCU stalls, hung tasks,
# panics, sanitizer reports (KASAN's and KFENCE's start "BUG:", UBSAN's
# "UBSAN:"), the OOM killer's reports. Only kernel lines count (printk
# time stamp, or Xen's "(XEN)"), so a test that prints "BUG" itself is
# not a splat. Exit 0 when clean.
set -euo pipefail
# shellcheck source=scripts/args.sh
. "$(dirname "$0")/args.sh"
usage() { echo "usage: $0 CONSOLE_LOG"; }
args "" 1 1 "$@"
[ -f "$1" ] || { echo "$0: no console log $1" >&2; exit 2; }
pat='WARNING:|BUG:|BUG |Oops|Call Trace:|Kernel panic|kernel BUG|general protection fault'
pat+='|possible recursive locking|possible circular locking|inconsistent lock state'
pat+='|INFO: lockdep|DEBUG_LOCKS_WARN_ON|suspicious RCU usage|lockdep is turned off'
pat+='|soft lockup|hard LOCKUP|rcu: INFO:|detected stalls on CPUs|self-detected stall'
pat+='|blocked for more than|scheduling while atomic|sleeping function called from invalid context'
pat+='|\(XEN\) .*(Panic|FATAL|crashed|Assertion)'
pat+='|UBSAN:'
# The OOM killer's report, so its line leads the Call Trace that follows
# it: a load that runs the guest out of memory fails the run.
pat+='|invoked oom-killer'
# Not kernel splats: a deprecation notice that says "WARNING:", and the
# report of a user process's general protection fault (a kernel one is
# an "Oops: general protection fault").
notsplat='WARNING: The mand mount option has been deprecated|\] traps: .*\[[0-9]+\] general protection fault ip:'
tr -d '\r' < "$1" | sed 's/^domU| //' | grep -aE '^\[ *[0-9]+\.[0-9]+\]|^\(XEN\)|^\(d[0-9]+\)' |
	grep -aE "$pat" | grep -avE "$notsplat" || true
