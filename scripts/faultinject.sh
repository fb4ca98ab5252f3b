#!/bin/bash
# make faultinject: BASE's kernels in the faultinject config (UBSAN, KFENCE,
# fault injection; no lockdep, so the unpatched 7.3 boots) as Xen PV dom0,
# with slab and page allocations failing at random in the tasks under test
# only, and only under the Xen device drivers' code (privcmd, evtchn,
# gntalloc, gntdev: the stack-trace filter's range, from System.map). Under
# it run the rig's ioctl loop (guest/xen_ioctls.c), the privcmd selftests
# and domU creations with xl (xl, xenstored and xenconsoled marked); see
# faultinject() in guest/init. Then: no splat, no hang, no domain left,
# dom0's pages, Xen's free memory and the event-channel irqs as before.
# The patched kernel is judged; the base is shown beside it.
# Writes out/faultinject-BASE.md and .json.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() {
	cat <<EOT
usage: $0
env: BASE (7.3; any of: $BASES), XEN (4.17; any of: $XENS),
     FAULT_TREES ('patched base'), FAULT_CONFIG (faultinject; sanitize adds
     lockdep, patched only), FAULT_PERCENT (10), FAULT_SECONDS (120) of
     the ioctl loop, FAULT_DOMUS (6) domU creations
EOT
}
args "" 0 0 "$@"
trees=${FAULT_TREES:-patched base} cfg=${FAULT_CONFIG:-faultinject}
pct=${FAULT_PERCENT:-10} secs=${FAULT_SECONDS:-120} ndomus=${FAULT_DOMUS:-6}
for v in "$pct" "$secs" "$ndomus"; do
	case $v in ''|*[!0-9]*) die "FAULT_PERCENT, FAULT_SECONDS and FAULT_DOMUS are whole numbers" ;; esac
done
t0=$(date +%s)
begin_run "faultinject-$BASE"

[ -d "$TREE/.git" ] || "$TOP/scripts/tree.sh"
"$TOP/scripts/toolstack.sh" > /dev/null
for t in $trees; do
	"$TOP/scripts/build.sh" "$t" "$cfg" | tail -n 1
	"$TOP/scripts/initramfs.sh" "$t"
done

# range TREE OBJECT...: START-END (hex) around the text of the objects
# (paths in the build tree, .o left out; those that exist; DIR/ is every
# object in DIR and below), from their
# own symbol tables and the kernel's System.map (names that are unique
# there); END is the address of the symbol after the last one.
range() {	# (weak symbols left out: an arch may override them elsewhere)
	local src=$BASE_TREE map=$OUT/kernels/$BASE-$1-$cfg/System.map
	[ "$1" = base ] || src=$TREE
	local obj o objs=()
	obj=$(dirname "$src")/obj-$cfg
	shift
	for o in "$@"; do
		case $o in
		*/) mapfile -t -O ${#objs[@]} objs < <(find "$obj/$o" -name '*.o') ;;
		*) [ ! -f "$obj/$o.o" ] || objs+=("$obj/$o.o") ;;
		esac
	done
	if [ ${#objs[@]} = 0 ] || [ ! -f "$map" ]; then die "none of $* in $obj, or no $map"; fi
	objdump -t "${objs[@]}" | awk 'NF >= 5 && $2 != "w" && $(NF-3) == "F" && $(NF-2) == ".text" { print $NF }' |
		sort -u | awk -v map="$map" '
		{ want[$1] = 1 }
		END {
			while ((getline l < map) > 0) {
				split(l, f, " "); n++; addr[n] = f[1]
				if (f[3] in want) { seen[f[3]]++; at[f[3]] = n }
			}
			lo = 0; hi = 0
			for (s in seen) if (seen[s] == 1) {
				if (!lo || addr[at[s]] < addr[lo]) lo = at[s]
				if (!hi || addr[at[s]] > addr[hi]) hi = at[s]
			}
			if (!lo) exit 1
			printf "0x%s-0x%s\n", addr[lo], addr[hi + 1]
		}'
}

rc=0
for t in $trees; do
	# The drivers under test; kernel/irq is left out (reject range): its
	# own allocation failures, reached through them, are genirq's bugs
	# (see README) and would stop the run before the drivers' are seen.
	r=$(range "$t" drivers/xen/{privcmd,privcmd-buf,evtchn,gntalloc,gntdev,gntdev-dmabuf}) ||
		die "no range of driver symbols for $BASE $t"
	x=$(range "$t" kernel/irq/) || die "no range of kernel/irq for $BASE $t"
	id=dom0-xen$XEN-$BASE-$t-$cfg-$MODEL
	# The patched kernel also runs the privcmd and evtchn selftests first
	# (evtchn_bind_nomem fails each allocation of a bind in turn); on the
	# base they oops (the bugs the series fixes) before the injection.
	tests=guest_type:faultinject
	[ "$t" = base ] || tests=guest_type:privcmd:faultinject
	log "$id: $pct% of allocations under $r, not under $x, fail ($(( ($(date +%s) - t0) / 60 )) min so far)"
	"$TOP/scripts/boot.sh" -t $((secs + ndomus * 300 + 900)) \
		-a "rig.fi_range=$r rig.fi_reject=$x rig.fi_p=$pct rig.fi_s=$secs rig.fi_domus=$ndomus" \
		dom0 "$t" "$cfg" "$MODEL" "$tests" | tail -n 1 || true
	[ "$t" = patched ] || continue
	judge_boot "$id" || rc=1
done

# The counts, from each console's "# faultinject: ioctls" line; the ioctl
# loop's own table (per call) goes to the report as it printed it.
for t in $trees; do
	id=dom0-xen$XEN-$BASE-$t-$cfg-$MODEL
	tr -d '\r' < "$LOGS/$id.log" | sed -n 's/^# faultinject: ioctls //p' | tail -n 1 |
		tr ' ' '\n' | grep '=' | jq -R 'split("=") | {(.[0]): (.[1] | tonumber? // .)}' | jq -s add |
		jq --slurpfile r "$RESULTS/$id.json" '{tree: $r[0].tree, splats: $r[0].splats,
			finished: $r[0].finished, tests: $r[0].tests, counts: (. // {})}'
done | jq -s --arg cfg "$cfg" --argjson pct "$pct" --argjson secs "$secs" \
	'{config: $cfg, percent: $pct, ioctl_seconds: $secs, boots: .}' > "$OUT/faultinject-$BASE.json"

{
	echo "# make faultinject ($(date -u '+%Y-%m-%d %H:%M UTC'), $BASE, Xen $XEN, $cfg config, $pct% of allocations fail, preempt=$MODEL)"
	echo
	echo "| tree | ioctl rounds / calls | injected | errors returned | absorbed | wrong | recovered | selftest runs / hung | domU creates: created / failed / left by xl / not destroyed | injected (selftests, domUs) | dom0 kB before / after | Xen free MB before / after | evtchn irqs before / after | splats | tests failed |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
	jq -r '.boots[] | .counts as $c | [.tree, "\($c.rounds // "-") / \($c.calls // "-")",
		($c.injected // "-"), ($c.errors // "-"), ($c.absorbed // "-"), ($c.wrong // "-"), ($c.recovered // "-"),
		"\($c.selftest_runs // "-") / \($c.selftest_hung // "-")",
		"\($c.domu_creates // "-"): \($c.domu_created // "-") / \($c.domu_failed // "-") / \($c.domu_left // "-") / \($c.domu_not_destroyed // "-")",
		"\($c.selftest_injected // "-"), \($c.domu_injected // "-")",
		"\($c.dom0_kb_before // "-") / \($c.dom0_kb_after // "-")",
		"\($c.free_mb_before // "-") / \($c.free_mb_after // "-")",
		"\($c.evtchn_irqs_before // "-") / \($c.evtchn_irqs_after // "-")",
		(if .finished then .splats else "\(.splats) (unfinished)" end),
		([.tests | to_entries[] | select(.value != "pass") | .key] | if length == 0 then "none" else join(", ") end)]
		| "| " + (map(tostring) | join(" | ")) + " |"' "$OUT/faultinject-$BASE.json"
	echo
	echo "Errors returned: calls that failed other than as they fail without injection (some fail by design: a dm_op on dom0). Absorbed: failures injected into a call that still returned as without injection. Wrong: a call that succeeded but did not do its job (event lost, granted page read back different). Recovered: a last round without injection returns what the first did. Left by xl: a failed xl create whose own cleanup failed too left its domain (xl's, not the kernel's, error path); not destroyed: such a domain that xl destroy could not remove afterwards, a leak."
	for t in $trees; do
		id=dom0-xen$XEN-$BASE-$t-$cfg-$MODEL
		echo
		echo "$t, per call (guest/xen_ioctls.c):"
		echo
		tr -d '\r' < "$LOGS/$id.log" | sed -n '/^# RUN faultinject\/ioctls/,/^# # result:/p' |
			sed -n 's/^# \(call  *calls\)/    \1/p; s/^# \([a-z_0-9]*  *[0-9]\)/    \1/p'
	done
	echo
	echo "Console logs: ${LOGS#"$TOP"/}/dom0-xen$XEN-$BASE-*-$cfg-$MODEL.log"
} > "$OUT/faultinject-$BASE.md"
sed -n '3,$p' "$OUT/faultinject-$BASE.md"
echo "make faultinject ($BASE) took $(( ($(date +%s) - t0) / 60 )) min; patched: $([ $rc = 0 ] && echo PASS || echo FAIL)"
exit $rc
