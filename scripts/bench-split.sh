#!/bin/bash
# make bench-split: which patch of BASE's series a difference in make
# bench comes from. Builds the dynamic kernel at each prefix of the
# series named in SPLIT (patch numbers, e.g. SPLIT="1 20"), in the worktree
# make review bisects in, and boots base, those prefixes and the whole
# series as dom0, BENCH_RUNS rounds, the kernels' order rotating each round.
# Each boot runs the entry benchmarks named in BENCH_SPLIT_TESTS under the
# instruction clock (QEMU -icount shift=0, as make bench). Reports, per
# benchmark, every step (a prefix against the one before it, the first
# against base) with its ratio and 95% bootstrap interval
# (scripts/ratio-ci.awk): the steps' ratios multiply to patched/base.
# Writes out/bench-split-BASE-xenX.md and .json.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() { echo "usage: SPLIT=\"N ...\" $0   (env: BASE=${BASES// /|} (7.3), XEN=4.17, BENCH_RUNS=10, BENCH_REPS=3, BENCH_SECONDS=0.5, BENCH_SPLIT_TESTS=\"syscall pingpong evtchn\")"; }
args "" 0 0 "$@"
runs=${BENCH_RUNS:-10} reps=${BENCH_REPS:-3} secs=${BENCH_SECONDS:-0.5}
tests=${BENCH_SPLIT_TESTS:-syscall pingpong evtchn}
case $runs$reps in *[!0-9]*) die "BENCH_RUNS and BENCH_REPS are whole numbers" ;; esac
if [ "$runs" -lt 2 ] || [ "$reps" -lt 1 ]; then
	die "BENCH_RUNS must be at least 2, BENCH_REPS at least 1"
fi
if ! [[ $secs =~ ^[0-9]+(\.[0-9]+)?$ ]] || ! awk -v s="$secs" 'BEGIN { exit !(s >= 0.1) }'; then
	die "BENCH_SECONDS is a number of seconds, at least 0.1"
fi
for t in $tests; do
	case $t in syscall|fault|pingpong|evtchn) ;; *) die "BENCH_SPLIT_TESTS: '$t' is not one of syscall fault pingpong evtchn" ;; esac
done
[ -n "${SPLIT:-}" ] || { usage >&2; die "SPLIT names the prefixes to bench, e.g. SPLIT=\"1 20\""; }
[ -d "$TREE/.git" ] || "$TOP/scripts/tree.sh"
mapfile -t commits < <(git -C "$TREE" rev-list --reverse base..HEAD)
last=0
for n in $SPLIT; do
	if ! [[ $n =~ ^[1-9][0-9]*$ ]] || [ "$n" -le "$last" ] || [ "$n" -ge ${#commits[@]} ]; then
		die "SPLIT: '$n': give increasing patch numbers below ${#commits[@]}, the series' length (the whole series is benched anyway)"
	fi
	last=$n
done
export QEMU_ARGS="${QEMU_ARGS:+$QEMU_ARGS }-icount shift=0,sleep=off"
t0=$(date +%s)
name=bench-split-$BASE-xen$XEN
begin_run "$name"
work=$RUN/split
mkdir -p "$work"

"$TOP/scripts/toolstack.sh" > /dev/null
for t in base patched; do
	"$TOP/scripts/build.sh" $t dynamic | tail -n 1
	"$TOP/scripts/initramfs.sh" $t
done
# The prefixes, built where make review bisects; each kernel is kept as
# out/kernels/BASE-prefixN-dynamic/bzImage for the boots.
wt=$BUILD/$BASE/bisect/linux
worktree "$wt"
# label KERNEL: the patches it has, as the report names them
label() { case $1 in base) echo base ;; 1) echo 1 ;; patched) echo "1-${#commits[@]}" ;; *) echo "1-$1" ;; esac; }
kernels="base"
: > "$work/prefixes.txt"
for n in $SPLIT; do
	git -C "$wt" checkout -q --detach "${commits[$((n - 1))]}"
	echo "- $(label "$n"): up to $(git -C "$wt" log -1 --format='%h ("%s")')" >> "$work/prefixes.txt"
	log "prefix $n: $(git -C "$wt" log -1 --format=%s)"
	"$TOP/scripts/build.sh" bisect dynamic > "$work/build-$n.log" 2>&1 ||
		{ tail -n 20 "$work/build-$n.log"; die "prefix $n does not build (log: ${work#"$TOP"/}/build-$n.log)"; }
	mkdir -p "$OUT/kernels/$BASE-prefix$n-dynamic"
	cp "$OUT/kernels/$BASE-bisect-dynamic/bzImage" "$OUT/kernels/$BASE-prefix$n-dynamic/"
	rm -f "$OUT/kernels/$BASE-bisect-dynamic/bzImage"
	kernels+=" $n"
done
kernels+=" patched"

args="rig.bench_args=-t+$secs+-r+$reps+${tests// /+}"
# boot ROUND KERNEL: one dom0 boot; its "# bench:" figures go to WORK/KERNEL.txt
boot() {
	local id tree=patched kernel=$OUT/kernels/$BASE-patched-dynamic/bzImage
	case $2 in base) tree=base kernel=$OUT/kernels/$BASE-base-dynamic/bzImage ;;
	patched) ;; *) kernel=$OUT/kernels/$BASE-prefix$2-dynamic/bzImage ;; esac
	id=dom0-xen$XEN-$BASE-$tree-dynamic-$MODEL-split$2-$1
	if ! KERNEL=$kernel "$TOP/scripts/boot.sh" -t 600 -s "split$2-$1" -a "$args" dom0 $tree dynamic "$MODEL" bench \
		> "$work/$id.boot" 2>&1; then
		tail -n 5 "$work/$id.boot"; echo "$id" >> "$work/failed"; return
	fi
	printf '%s  (%d min so far)\n' "$(tail -n 1 "$work/$id.boot")" $(( ($(date +%s) - t0) / 60 ))
	cp "$LOGS/$id.log" "$work/$id.log"
	# One line per benchmark: its median over the boot's intervals.
	tr -d '\r' < "$LOGS/$id.log" | awk -v k="$2" -v r="$1" '
	/^# bench: [a-z0-9_]+=[0-9.]+$/ { split($3, kv, "="); v[kv[1], ++n[kv[1]]] = kv[2] }
	END { for (x in n) { m = n[x]; delete s
		for (i = 1; i <= m; i++) s[i] = v[x, i]
		for (i = 2; i <= m; i++) for (j = i; j > 1 && s[j - 1] > s[j]; j--) { t = s[j]; s[j] = s[j - 1]; s[j - 1] = t }
		printf "%s %s %s %.10g\n", x, k, r, (m % 2 ? s[(m + 1) / 2] : (s[m / 2] + s[m / 2 + 1]) / 2) } }' >> "$work/per-boot.txt"
}
nk=$(wc -w <<< "$kernels")
log "$runs rounds of $nk kernels (base, prefixes $SPLIT, patched), preempt=$MODEL: $tests; clock: instructions"
read -ra order <<< "$kernels"
for r in $(seq "$runs"); do
	# Rotate the order, so drift within a round hits every kernel alike.
	for i in $(seq 0 $((nk - 1))); do boot "$r" "${order[$(( (i + r - 1) % nk ))]}"; done
done
[ -s "$work/per-boot.txt" ] || die "no boot gave any figure (logs: ${work#"$TOP"/}/)"

# Each step: this kernel against the one before it, as base against patched.
prev=base
: > "$work/steps.txt"
for k in ${kernels#base }; do
	awk -v a="$prev" -v b="$k" '$2 == a { print $1, "base", $4 } $2 == b { print $1, "patched", $4 }' "$work/per-boot.txt" |
		sort -s -k1,1 | awk -f "$TOP/scripts/ratio-ci.awk" | sed "s/^/$(label "$prev") $(label "$k") /" >> "$work/steps.txt"
	prev=$k
done
# And the whole: base against the series, as make bench reports it.
awk '$2 == "base" { print $1, "base", $4 } $2 == "patched" { print $1, "patched", $4 }' "$work/per-boot.txt" |
	sort -s -k1,1 | awk -f "$TOP/scripts/ratio-ci.awk" | sed "s/^/base all-$(label patched) /" >> "$work/steps.txt"
{
	echo "# make bench-split, $BASE ($(date -u '+%Y-%m-%d %H:%M UTC'), Xen $(awk 'NR == 1 { print $2 }' "$XEN_DIR/packages"), $(( ($(date +%s) - t0) / 60 )) min)"
	echo
	echo "dom0, preempt=$MODEL; $runs rounds of base, series prefixes $SPLIT and the whole series; $reps x $secs s per benchmark."
	echo "Clock: guest time under QEMU -icount shift=0, 1 ns per instruction executed. Each step is a"
	echo "kernel against the one before it: ratio of the medians of per-boot medians, above 1 is the"
	echo "later kernel faster; 95% interval: bootstrap over boots. The steps of a benchmark multiply"
	echo "to the last row's, base against the whole series. Instructions: what the step adds per"
	echo "round trip or per call, from the medians. Boots: clean boots behind each side."
	echo
	echo "Prefixes of the series:"
	cat "$work/prefixes.txt"
	echo
	echo "| benchmark | kernels: patches applied | from | to | instructions | ratio | 95% interval | boots | finding |"
	echo "|---|---|---|---|---|---|---|---|---|"
	while read -r from to k nb np mb mp ratio lo hi _; do
		finding=$(awk -v l="$lo" -v h="$hi" 'BEGIN { print (l > 1 ? "faster" : h < 1 ? "slower" : "no difference shown") }')
		awk -v k="$k" -v f="$from" -v t="$to" -v mb="$mb" -v mp="$mp" -v r="$ratio" -v lo="$lo" -v hi="$hi" -v x="$finding" -v n="$nb / $np" \
			'BEGIN { d = k ~ /_rtps$/ ? 1e9 / mp - 1e9 / mb : mp - mb; sub(/^all-/, "", t)
			printf "| %s | %s to %s | %.1f | %.1f | %+.1f | %s | %s - %s | %s | %s |\n", k, f, t, mb, mp, d, r, lo, hi, n, x }'
	done < <(awk '$3 ~ /_(rtps|ns)$/' "$work/steps.txt" | sort -s -k3,3)
	echo
	[ ! -f "$work/failed" ] || echo "Left out, not clean: $(tr '\n' ' ' < "$work/failed")"
	# ratio-ci.awk leaves out a benchmark a kernel has no boot of.
	[ "$(awk '$3 ~ /_(rtps|ns)$/' "$work/steps.txt" | wc -l)" = "$(( $(wc -w <<< "$tests") * nk ))" ] ||
		echo "Missing steps: some kernel has no clean boot with a figure; see the boots column."
	echo "Per-boot medians of every figure (latency percentiles too): out/$name.json; console logs: ${work#"$TOP"/}/."
} > "$OUT/$name.md"
jq -R -s --arg base "$BASE" --arg xen "$XEN" --arg split "$SPLIT" '
	[split("\n")[] | select(length > 0) | split(" ") |
	 {base: $base, xen: $xen, benchmark: .[0], kernel: .[1], round: (.[2] | tonumber), median: (.[3] | tonumber)}] |
	{split: ($split | split(" ")), boots: .}' "$work/per-boot.txt" > "$OUT/$name.json"
cp "$OUT/$name.md" "$OUT/$name.json" "$RUN/"
sed -n '3,$p' "$OUT/$name.md"
echo "make bench-split ($BASE, Xen $XEN, prefixes $SPLIT) took $(( ($(date +%s) - t0) / 60 )) min"
[ ! -f "$work/failed" ]
