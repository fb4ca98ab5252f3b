#!/bin/bash
# make bench: one base's kernel, base against patched, in one run.
#  1. Entry-path cost, as dom0 in the base's default preemption model:
#     getppid() loop, page-fault loop, pipe ping-pong and event-channel
#     ping-pong between two vCPUs (bench/entry_bench.c), and an event-
#     channel ping-pong between dom0 and a PV domU of the same tree (an
#     upcall in each domain per round trip), BENCH_RUNS boots
#     per tree, base and patched alternating, each benchmark BENCH_REPS
#     intervals of BENCH_SECONDS. A boot's figure is the median of its
#     intervals; the patched/base ratio of the trees' medians comes with a
#     95% bootstrap interval over boots (scripts/ratio-ci.awk).
#     BENCH_CLOCK=icount (the default) runs QEMU with -icount shift=0:
#     the guest's clock counts the instructions both vCPUs execute (1 ns
#     each) and idle time is skipped, so a figure is the instruction cost
#     of the path, free of the host's load. BENCH_CLOCK=host is QEMU's
#     usual TCG: host time, several percent of noise between boots.
#  2. Preemptible-hypercall latency in every model of the base
#     (configs/bases): the series' selftest with -v in every bench boot,
#     and one boot per tree in each other model.
# Writes out/bench-BASE-xenX.json (every sample), out/bench-BASE-xenX.md
# and out/bench-BASE-xenX-latency.png; out/bench.md and out/bench.json
# gather every base and Xen version benched so far.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() { echo "usage: $0   (env: BASE=${BASES// /|} (7.3), BENCH_CLOCK=icount|host, BENCH_RUNS=10, BENCH_REPS=3 (host: 5), BENCH_SECONDS=0.5 (host: 1), XEN=4.17)"; }
args "" 0 0 "$@"
clock=${BENCH_CLOCK:-icount}
case $clock in
icount)	export QEMU_ARGS="${QEMU_ARGS:+$QEMU_ARGS }-icount shift=0,sleep=off"
	clockis="guest time under QEMU -icount shift=0: 1 ns per instruction executed, idle skipped"
	reps=${BENCH_REPS:-3} secs=${BENCH_SECONDS:-0.5} ;;
host)	clockis="host time (QEMU TCG)"
	reps=${BENCH_REPS:-5} secs=${BENCH_SECONDS:-1} ;;
*)	die "BENCH_CLOCK is icount or host, not '$clock'" ;;
esac
runs=${BENCH_RUNS:-10}
case $runs$reps in *[!0-9]*) die "BENCH_RUNS and BENCH_REPS are whole numbers" ;; esac
if ! [[ $secs =~ ^[0-9]+(\.[0-9]+)?$ ]] || ! awk -v s="$secs" 'BEGIN { exit !(s >= 0.1) }'; then
	die "BENCH_SECONDS is a number of seconds, at least 0.1"
fi
if [ "$runs" -lt 2 ] || [ "$reps" -lt 1 ]; then
	die "BENCH_RUNS must be at least 2, BENCH_REPS at least 1"
fi
t0=$(date +%s)
begin_run "bench-$BASE-xen$XEN"
name=bench-$BASE-xen$XEN
work=$RUN/bench
mkdir -p "$work"

[ -d "$TREE/.git" ] || "$TOP/scripts/tree.sh"
"$TOP/scripts/toolstack.sh" > /dev/null
for t in base patched; do
	"$TOP/scripts/build.sh" $t dynamic | tail -n 1
	"$TOP/scripts/initramfs.sh" $t
done

args="rig.hcall_args=-v+-t+3 rig.bench_args=-t+$secs+-r+$reps"
# boot RUN TREE PREEMPT TESTS: one dom0 boot, its log kept in RUN/bench/
boot() {
	local run=$1 id=dom0-xen$XEN-$BASE-$2-dynamic-$3-bench$1
	# A boot that is not clean is reported here and kept out of the figures.
	if ! "$TOP/scripts/boot.sh" -t 900 -s "bench$run" -a "$args" dom0 "$2" dynamic "$3" "$4" > "$work/$id.boot" 2>&1; then
		tail -n 5 "$work/$id.boot"
		echo "$id" >> "$work/failed"; return
	fi
	printf '%s  (%d min so far)\n' "$(tail -n 1 "$work/$id.boot")" $(( ($(date +%s) - t0) / 60 ))
	cp "$LOGS/$id.log" "$work/$id.log"
}
log "$runs boots per tree, alternating, preempt=$MODEL: hypercall test, entry benchmarks, ping-pong with a domU; clock: $clockis"
for r in $(seq "$runs"); do
	# Alternate which tree goes first, so drift hits both alike.
	trees="base patched"; [ $((r % 2)) = 1 ] || trees="patched base"
	for t in $trees; do boot "$r" "$t" "$MODEL" hcall:bench:bench_domu; done
done
for m in $MODELS; do
	[ "$m" != "$MODEL" ] || continue
	log "preempt=$m: hypercall test"
	for t in base patched; do boot 1 $t "$m" hcall; done
done

# One record per boot: every interval of every benchmark, every sample.
json=$OUT/$name.json
for log in "$work"/*.log; do
	id=$(basename "$log" .log)
	rest=${id#dom0-xen"$XEN"-"$BASE"-}
	IFS=- read -r tree _ preempt run <<< "$rest"
	tr -d '\r' < "$log" | awk -v base="$BASE" -v xen="$XEN" -v tree="$tree" -v preempt="$preempt" -v clock="$clock" -v run="${run#bench}" '
	/^# bench: [a-z0-9_]+=[0-9.]+$/ { split($3, kv, "="); e[kv[1]] = e[kv[1]] (e[kv[1]] == "" ? "" : ",") kv[2] }
	/^# # sample (late|hcall)_ms:/ { k = $4; sub(/:$/, "", k)
		for (i = 5; i <= NF; i++) s[k] = s[k] (s[k] == "" ? "" : ",") $i }
	/^ok [0-9]+ xen\/preemptible_hcall/ { h = "pass" } /^not ok [0-9]+ xen\/preemptible_hcall/ { h = "fail" }
	END {
		printf "{\"base\":\"%s\",\"xen\":\"%s\",\"tree\":\"%s\",\"preempt\":\"%s\",\"clock\":\"%s\",\"run\":%d,\"entry\":{",
			base, xen, tree, preempt, clock, run
		n = 0; for (k in e) printf "%s\"%s\":[%s]", (n++ ? "," : ""), k, e[k]
		printf "},\"hcall_test\":\"%s\",\"hcall_ms\":[%s],\"late_ms\":[%s]}\n", h, s["hcall_ms"], s["late_ms"]
	}'
done | jq -s 'sort_by(.preempt, .tree, .run)' > "$json"
[ "$(jq '[.[] | select((.late_ms | length) > 0 or (.entry | length) > 0)] | length' "$json")" -gt 0 ] ||
	die "no boot gave any figure (logs: ${work#"$TOP"/}/)"

# Entry-path cost: each boot's median per benchmark, then the ratios.
jq -r 'def med: sort as $s | ($s | length) as $n |
	if $n % 2 == 1 then $s[($n - 1) / 2] else ($s[$n / 2 - 1] + $s[$n / 2]) / 2 end;
	.[] | .tree as $t | .entry | to_entries[] | "\(.key) \($t) \(.value | med)"' "$json" |
	sort -s -k1,1 > "$work/per-boot.txt"
awk -f "$TOP/scripts/ratio-ci.awk" "$work/per-boot.txt" > "$work/ratios.txt"
[ -s "$work/ratios.txt" ] || die "no entry benchmark in both trees (logs: ${work#"$TOP"/}/)"

{
	echo "## Entry-path cost ($BASE, dom0, preempt=$MODEL; $runs boots per tree, alternating; $reps x $secs s per benchmark)"
	echo
	echo "Clock: $clockis."
	echo "Ratio: patched/base of the trees' medians of per-boot medians, above 1 is patched faster"
	echo "(for times base/patched); 95% interval: bootstrap over boots. Goal for evtchn_rtps,"
	echo "evtchn_domu_rtps (dom0 to a domU) and syscall_ns: ratio at least 0.99 with the"
	echo "interval's lower bound at least 0.98."
	echo
	echo "| benchmark | base boots: min / median / max | patched boots: min / median / max | ratio | 95% interval | finding | goal |"
	echo "|---|---|---|---|---|---|---|"
	# f N: a figure as the tables print it
	f() { awk -v x="$1" 'BEGIN { printf(x >= 100 ? "%.0f" : "%.1f", x) }'; }
	while read -r k nb np mb mp ratio lo hi lb hb lp hp; do
		finding=$(awk -v l="$lo" -v h="$hi" 'BEGIN { print (l > 1 ? "patched faster" : h < 1 ? "patched slower" : "no difference shown") }')
		goal=-
		case $k in evtchn_rtps|evtchn_domu_rtps|syscall_ns)
			goal=$(awk -v r="$ratio" -v l="$lo" 'BEGIN { print (r >= 0.99 && l >= 0.98 ? "met" : "missed") }') ;;
		esac
		echo "| $k | $(f "$lb") / $(f "$mb") / $(f "$hb") ($nb) | $(f "$lp") / $(f "$mp") / $(f "$hp") ($np) | $ratio | $lo - $hi | $finding | $goal |"
	done < "$work/ratios.txt"
	echo
} > "$work/entry.md"

# Hypercall latency per model, every sample of every boot of a tree.
jq -r --arg default "$MODEL" --arg clockis "$clockis" '
def q(p): sort as $s | ($s | length) as $n | if $n == 0 then null
	else $s[([(($n * p) | ceil) - 1, 0] | max)] end;
def med: sort as $s | ($s | length) as $n | if $n == 0 then null
	elif $n % 2 == 1 then $s[($n - 1) / 2] else ($s[$n / 2 - 1] + $s[$n / 2]) / 2 end;
def r(d): if . == null then "-" else (. * pow(10; d) | round) / pow(10; d) | tostring end;
"## Preemptible-hypercall latency (\(.[0].base), dom0, hypercall and 1 ms sleeper on one vCPU; clock: \($clockis))",
"",
"Goal: patched p99 lateness at most L/20 and max at most L/10 (L = median hypercall length).",
"",
"| preempt= | tree | boots | hypercalls | L ms | late median ms | p99 ms | max ms | p99/L | max/L | goal |",
"|---|---|---|---|---|---|---|---|---|---|---|",
([.[] | select((.late_ms | length) > 0)] | group_by([.preempt, .tree]) |
	sort_by(.[0] | [(.preempt != $default), .preempt, .tree]) | .[] |
	([.[].hcall_ms[]] | med) as $L | [.[].late_ms[]] as $l |
	($l | q(0.99)) as $p99 | ($l | max) as $mx |
	"| \(.[0].preempt) | \(.[0].tree) | \(length) | \([.[].hcall_ms[]] | length) | \($L | r(1)) | \($l | med | r(2)) | \($p99 | r(2)) | \($mx | r(2)) | \($p99 / $L | r(3)) | \($mx / $L | r(3)) | \(if $p99 <= $L / 20 and $mx <= $L / 10 then "met" else "missed" end) |")
' "$json" > "$work/latency.md"

# The picture: lateness distributions (CDF), base beside patched, per model.
n=$(wc -w <<< "$MODELS")
{
	echo "set terminal pngcairo size $((500 * n)),450 font ',10'"
	echo "set output '$OUT/$name-latency.png'"
	echo "set multiplot layout 1,$n title 'Lateness of a 1 ms sleeper during long privcmd hypercalls, $BASE as Xen $XEN PV dom0 (QEMU TCG, $(date -u +%F))'"
	echo "set termoption noenhanced"
	echo "set logscale x; set xrange [0.01:1000]; set yrange [0:1.02]; set key bottom right"
	echo "set xlabel 'lateness, ms (log)'; set ylabel 'fraction of wake-ups'; set grid"
	for m in $MODELS; do
		for t in base patched; do
			jq -r --arg p "$m" --arg t "$t" '[.[] | select(.preempt == $p and .tree == $t) | .late_ms[]] | sort |
				length as $n | to_entries[] | "\(.value) \((.key + 1) / $n)"' "$json" > "$work/cdf-$m-$t.dat"
		done
		echo "set title 'preempt=$m'"
		echo "plot '$work/cdf-$m-base.dat' using 1:2 with steps lw 2 title 'base', '$work/cdf-$m-patched.dat' using 1:2 with steps lw 2 title 'patched'"
	done
	echo "unset multiplot"
} > "$work/latency.gp"
gnuplot "$work/latency.gp" || die "gnuplot failed (script: ${work#"$TOP"/}/latency.gp)"

{
	echo "# make bench, $BASE ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, QEMU TCG, Xen $(awk 'NR == 1 { print $2 }' "$XEN_DIR/packages"), $(( ($(date +%s) - t0) / 60 )) min)"
	echo
	cat "$work/entry.md" "$work/latency.md"
	echo
	[ ! -f "$work/failed" ] || echo "Left out, not clean: $(tr '\n' ' ' < "$work/failed")"
	echo "Samples: out/$name.json; picture: out/$name-latency.png; console logs: ${work#"$TOP"/}/."
} > "$OUT/$name.md"
cp "$OUT/$name.md" "$json" "$OUT/$name-latency.png" "$RUN/"
# Every base and Xen version benched so far, in one place.
for b in $BASES; do for x in $XENS; do
	f=$OUT/bench-$b-xen$x; [ ! -f "$f.md" ] || { cat "$f.md"; echo; } >&3; [ ! -f "$f.json" ] || cat "$f.json"
done; done 3> "$OUT/bench.md" | jq -s 'add // []' > "$OUT/bench.json"
sed -n '3,$p' "$OUT/$name.md"
echo "make bench ($BASE, Xen $XEN) took $(( ($(date +%s) - t0) / 60 )) min"
[ ! -f "$work/failed" ]
