#!/bin/bash
# The DEBUG_LOCKDEP experiment on the 6.12 series' flag path (make
# lockdep-window). An upcall that reschedules a task in a preemptible
# hypercall and returns without irqentry_exit() leaves lockdep believing
# interrupts are off after IRET turned them on, until something resyncs
# it. Nothing privcmd runs there takes a lock, so a lock is put there: a
# might_fault() after the hypercall in privcmd_ioctl_hypercall(), which
# takes mmap_lock for lockdep as any copy_to_user() would (experiment
# only, never in the series). Four kernels, each booted as dom0 with
# preempt=voluntary (the base: static voluntary) running the
# preemptible-hypercall test:
#   base        the base, static PREEMPT_VOLUNTARY + checkers: its own flag path
#   old-fix     patch 1 as first written (returns without irqentry_exit())
#   fix         patch 1 as it is now (always irqentry_exit())
#   series      the whole series
# Expected: a check_flags() splat ("unannotated irqs-on") in base and
# old-fix, none in fix and series. Output: out/lockdep-window.md.
# The old patch 1 comes from the rig's own history (OLD_FIX_REV, a commit
# of this repository whose patches-6.12/ has it).
set -euo pipefail
export BASE=6.12
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() { echo "usage: $0   (BASE is 6.12; env OLD_FIX_REV=RIG_COMMIT (3423586), XEN)"; }
args "" 0 0 "$@"
wt=$BUILD/$BASE/experiment/linux
[ -d "$TREE/.git" ] || die "no tree: run 'BASE=6.12 make tree'"
rev=${OLD_FIX_REV:-3423586}
fix=$(git -C "$TREE" rev-list --reverse base..HEAD | sed -n 1p)
series=$(git -C "$TREE" rev-parse HEAD)
# The old patch 1, from the rig's history, applied to the base.
experiment_tree "$rev" 1
old=$(git -C "$wt" rev-parse HEAD)
begin_run lockdep-window
"$TOP/scripts/toolstack.sh" > /dev/null
[ -f "$OUT/initramfs/$BASE-patched.cpio.gz" ] || "$TOP/scripts/initramfs.sh" patched > /dev/null

# The lock in the window: might_fault() right before privcmd_ioctl_hypercall()
# returns the hypercall's result.
add_lock() {
	local f=$wt/drivers/xen/privcmd.c
	awk '/^static long privcmd_ioctl_hypercall\(/ { in_fn = 1 }
		in_fn && /^\treturn ret;$/ { print "\tmight_fault();\t/* rig experiment: a lock after the hypercall */"; in_fn = 0 }
		{ print }' "$f" > "$f.new" && mv "$f.new" "$f"
	grep -q 'rig experiment' "$f" || die "could not add might_fault() to privcmd_ioctl_hypercall()"
}

md=$OUT/lockdep-window.md
{
	echo "# make lockdep-window ($(date -u '+%Y-%m-%d %H:%M UTC'), $BASE, Xen $XEN, dom0, preempt=voluntary, might_fault() after the hypercall)"
	echo
	echo "| kernel | commit | config | preempt | check_flags() splats | splats | hcall L / p99 / max ms | expected | verdict |"
	echo "|---|---|---|---|---|---|---|---|---|"
} > "$md"
bad=0
for k in base old-fix fix series; do
	case $k in
	base) c=base cfg=voluntary-debug p=default want=splat ;;
	old-fix) c=$old cfg=debug p=voluntary want=splat ;;
	fix) c=$fix cfg=debug p=voluntary want=none ;;
	series) c=$series cfg=debug p=voluntary want=none ;;
	esac
	git -C "$wt" checkout -q --force --detach "$c"
	add_lock
	log "$k: building $(git -C "$wt" log -1 --format='%h %s' HEAD) ($cfg)"
	BASE=$BASE "$TOP/scripts/build.sh" experiment "$cfg" | tail -n 1
	git -C "$wt" checkout -q --force --detach "$c"
	id=dom0-xen$XEN-$BASE-patched-$cfg-$p-lockdep-$k
	log "$k: booting"
	KERNEL=$OUT/kernels/$BASE-experiment-$cfg/bzImage INITRD=$OUT/initramfs/$BASE-patched.cpio.gz \
		"$TOP/scripts/boot.sh" -t 900 -s "lockdep-$k" dom0 patched "$cfg" "$p" guest_type:hcall | tail -n 2 || true
	rec=$RESULTS/$id.json log=$LOGS/$id.log
	[ -f "$rec" ] || die "$k: no record $rec (log: $log)"
	cf=$(zcat -f "$log" | grep -c 'unannotated irqs-on' || true)
	n=$(jq -r '.splats' "$rec")
	got=none; [ "$cf" = 0 ] || got=splat
	v=ok; [ "$got" = "$want" ] || { v=UNEXPECTED; bad=1; }
	# Apart from the check_flags() splat no boot may have any.
	[ "$got" = splat ] || [ "$n" = 0 ] || { v="UNEXPECTED ($n splats)"; bad=1; }
	printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$k" "$(git -C "$wt" rev-parse --short=12 "$c")" "$cfg" \
		"$p" "$cf" "$n" "$(jq -r '.hcall | "\(.hcall_ms // "-") / \(.late_p99_ms // "-") / \(.late_max_ms // "-")"' "$rec")" \
		"$want" "$v" >> "$md"
	zcat -f "$log" | grep -m1 -B2 -A12 'unannotated irqs-on' > "$RUN/lockdep-$k.txt" || true
done
echo >> "$md"
echo "Splat excerpts: ${RUN#"$TOP"/}/lockdep-*.txt" >> "$md"
cp "$md" "$RUN/"
cat "$md"
[ $bad = 0 ] || die "lockdep-window: a kernel did not behave as expected ($md)"
echo "lockdep-window: as expected, 4 kernels (${md#"$TOP"/})"
