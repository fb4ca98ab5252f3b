#!/bin/bash
# make resched-forms: the two forms of proposal B in the 6.12 series, side
# by side in one run. "after": the series as of rig commit FORMS_OLD_REV
# (default 3423586), which rescheduled after irqentry_exit() with events
# enabled by hand around __cond_resched(); "before": the series now, which
# calls raw_irqentry_exit_cond_resched() before irqentry_exit(). Both
# dynamic, as dom0 with preempt=voluntary, FORMS_RUNS boots each (default
# 3), alternating, running the preemptible-hypercall test.
# Output: out/resched-forms.md (per boot and the medians).
set -euo pipefail
export BASE=6.12
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() { echo "usage: $0   (BASE is 6.12; env FORMS_RUNS=3, FORMS_OLD_REV=3423586, XEN)"; }
args "" 0 0 "$@"
runs=${FORMS_RUNS:-3} rev=${FORMS_OLD_REV:-3423586}
case $runs in ''|*[!0-9]*|0) die "FORMS_RUNS is a whole number, at least 1" ;; esac
wt=$BUILD/$BASE/experiment/linux
[ -d "$TREE/.git" ] || die "no tree: run 'BASE=6.12 make tree'"
begin_run resched-forms
"$TOP/scripts/toolstack.sh" > /dev/null
[ -f "$OUT/initramfs/$BASE-patched.cpio.gz" ] || "$TOP/scripts/initramfs.sh" patched > /dev/null
mkdir -p "$RUN/kernels"

# The old series from the rig's history, then the series now.
experiment_tree "$rev"
for f in after before; do
	[ $f = after ] || git -C "$wt" checkout -q --force --detach "$(git -C "$TREE" rev-parse HEAD)"
	log "$f: building $(git -C "$wt" log -1 --format='%h %s')"
	"$TOP/scripts/build.sh" experiment dynamic | tail -n 1
	cp "$OUT/kernels/$BASE-experiment-dynamic/bzImage" "$RUN/kernels/$f.bzImage"
	git -C "$wt" rev-parse HEAD > "$RUN/kernels/$f.commit"
done

md=$OUT/resched-forms.md
{
	echo "# make resched-forms ($(date -u '+%Y-%m-%d %H:%M UTC'), $BASE, Xen $XEN, dom0, dynamic, preempt=voluntary, $runs boots each)"
	echo
	echo "| boot | form | hcall L ms | waiter p99 ms | waiter max ms | samples | splats |"
	echo "|---|---|---|---|---|---|---|"
} > "$md"
for i in $(seq "$runs"); do
	for f in after before; do
		id=dom0-xen$XEN-$BASE-patched-dynamic-voluntary-forms-$f-$i
		log "boot $i of $runs, $f"
		KERNEL=$RUN/kernels/$f.bzImage INITRD=$OUT/initramfs/$BASE-patched.cpio.gz \
			"$TOP/scripts/boot.sh" -t 600 -s "forms-$f-$i" dom0 patched dynamic voluntary guest_type:hcall |
			tail -n 1 || true
		rec=$RESULTS/$id.json
		[ -f "$rec" ] || die "no record $rec"
		jq -r --arg i "$i" --arg f "$f" '"| \($i) | \($f) | \(.hcall.hcall_ms // "-") | \(.hcall.late_p99_ms // "-") | \(.hcall.late_max_ms // "-") | \(.hcall.samples // "-") | \(.splats) |"' "$rec" >> "$md"
	done
done
# Medians per form (of the per-boot figures).
{
	echo
	echo "| form | boots | median L ms | median p99 ms | median max ms | splats |"
	echo "|---|---|---|---|---|---|"
	for f in after before; do
		jq -rs --arg f "$f" 'def med: sort | if length == 0 then "-" else .[(length - 1) / 2 | floor] end;
			[.[] | .hcall] as $h | "| \($f) | \(length) | \([$h[].hcall_ms // empty] | med) | \([$h[].late_p99_ms // empty] | med) | \([$h[].late_max_ms // empty] | med) | \([.[].splats | tonumber] | add) |"' \
			"$RESULTS"/dom0-xen"$XEN"-"$BASE"-patched-dynamic-voluntary-forms-"$f"-*.json
	done
} >> "$md"
cp "$md" "$RUN/"
cat "$md"
