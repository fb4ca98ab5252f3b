#!/bin/bash
# make bench: base against patched, side by side, in one run.
#  1. Preemptible-hypercall latency as dom0 in every preemption model: the
#     series' selftest with -v (every hypercall length, every lateness of
#     a 1 ms sleeper on the same vCPU).
#  2. Entry-path cost: syscall loop, page-fault loop, and a pipe ping-pong
#     between two vCPUs (event-channel IPIs in dom0), in dom0 and natively,
#     BENCH_RUNS boots per tree, base and patched alternating.
# Writes out/bench.json (every sample), out/bench.md, out/bench-latency.png.
set -euo pipefail
# The models below are 6.12's (none, voluntary, full, static voluntary).
export BASE=${BASE:-6.12}
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() { echo "usage: $0   (env: BENCH_RUNS=5, BENCH_SECONDS=3, XEN=4.17; BASE=6.12 only)"; }
args "" 0 0 "$@"
[ "$BASE" = 6.12 ] || die "make bench measures 6.12's preemption models; BASE=$BASE is not supported yet"
runs=${BENCH_RUNS:-5} secs=${BENCH_SECONDS:-3}
case $runs$secs in *[!0-9]*) die "BENCH_RUNS and BENCH_SECONDS are whole numbers" ;; esac
if [ "$runs" -lt 1 ] || [ "$secs" -lt 1 ]; then die "BENCH_RUNS and BENCH_SECONDS must be at least 1"; fi
t0=$(date +%s)
begin_run bench
work=$RUN/bench
mkdir -p "$work"

[ -d "$TREE/.git" ] || "$TOP/scripts/tree.sh"
"$TOP/scripts/toolstack.sh" > /dev/null
for t in base patched; do
	for c in dynamic voluntary; do "$TOP/scripts/build.sh" $t $c | tail -n 1; done
	"$TOP/scripts/initramfs.sh" $t
done

hargs="rig.hcall_args=-v+-t+$secs rig.bench_s=$secs"
# boot RUN ENV TREE CONFIG PREEMPT TESTS: one boot, its log kept as out/bench/
boot() {
	local run=$1 id; shift
	id=$1-xen$XEN-$BASE-$2-$3-$4-bench$run; [ "$1" != native ] || id=$1-$BASE-$2-$3-$4-bench$run
	# A boot that is not clean is reported here and kept out of the figures.
	if ! "$TOP/scripts/boot.sh" -t 600 -s "bench$run" -a "$hargs" "$@" > "$work/$id.boot" 2>&1; then
		cat "$work/$id.boot"
		echo "$id" >> "$work/failed"; return
	fi
	tail -n 1 "$work/$id.boot"
	cp "$LOGS/$id.log" "$work/$id.log"
}
for r in $(seq "$runs"); do
	# Alternate which tree goes first, so drift hits both alike.
	trees="base patched"; [ $((r % 2)) = 1 ] || trees="patched base"
	for t in $trees; do
		boot "$r" dom0 "$t" dynamic voluntary hcall:bench
		boot "$r" native "$t" dynamic voluntary bench
	done
done
for m in "dynamic none" "dynamic full" "voluntary default"; do
	for t in base patched; do
		# shellcheck disable=SC2086
		boot 1 dom0 $t $m hcall
	done
done

# One record per boot: its entry figures and its samples.
for log in "$work"/*.log; do
	id=$(basename "$log" .log)
	env=${id%%-*} rest=${id#*-}
	[ "$env" = native ] || rest=${rest#xen*-}
	IFS=- read -r tree config preempt run <<< "${rest#"$BASE"-}"
	tr -d '\r' < "$log" | awk -v env="$env" -v tree="$tree" -v config="$config" \
		-v preempt="$preempt" -v run="${run#bench}" '
	/^# bench: / { split($3, kv, "="); if (kv[2] ~ /^[0-9.]+$/) e[kv[1]] = kv[2] }
	/^# # sample (late|hcall)_ms:/ { k = $4; sub(/:$/, "", k)
		for (i = 5; i <= NF; i++) s[k] = s[k] (s[k] == "" ? "" : ",") $i }
	/^ok [0-9]+ xen\/preemptible_hcall/ { h = "pass" } /^not ok [0-9]+ xen\/preemptible_hcall/ { h = "fail" }
	END {
		printf "{\"env\":\"%s\",\"tree\":\"%s\",\"config\":\"%s\",\"preempt\":\"%s\",\"run\":%d,\"entry\":{",
			env, tree, config, preempt, run
		n = 0; for (k in e) printf "%s\"%s\":%s", (n++ ? "," : ""), k, e[k]
		printf "},\"hcall_test\":\"%s\",\"hcall_ms\":[%s],\"late_ms\":[%s]}\n", h, s["hcall_ms"], s["late_ms"]
	}'
done | jq -s 'sort_by(.env, .config, .preempt, .tree, .run)' > "$OUT/bench.json"

[ "$(jq '[.[] | select((.late_ms | length) > 0 or (.entry | length) > 0)] | length' "$OUT/bench.json")" -gt 0 ] ||
	die "no boot gave any figure (logs: ${work#"$TOP"/}/)"

# The tables, from the samples.
jq -r --argjson runs "$runs" --argjson secs "$secs" '
def q(p): sort as $s | ($s | length) as $n | if $n == 0 then null
	else $s[([(($n * p) | ceil) - 1, 0] | max)] end;
def med: sort as $s | ($s | length) as $n | if $n == 0 then null
	elif $n % 2 == 1 then $s[($n - 1) / 2] else ($s[$n / 2 - 1] + $s[$n / 2]) / 2 end;
def r(d): if . == null then "-" else (. * pow(10; d) | round) / pow(10; d) | tostring end;
def model: if .config == "voluntary" then "static voluntary" else "dynamic, preempt=\(.preempt)" end;
[.[] | select(.env == "dom0" and (.late_ms | length) > 0)] as $h |
([$h[] | select(.tree == "patched" and .config == "dynamic" and .preempt == "full") | .late_ms[]] | q(0.99)) as $full99 |
"## Preemptible-hypercall latency (dom0, hypercall and 1 ms sleeper on one vCPU)",
"",
"Goal: patched p99 lateness at most L/20 and max at most L/10 (L = median hypercall length).",
"",
"| model | tree | boots | L ms | late median ms | p99 ms | max ms | p99/L | max/L | p99 vs patched full | goal |",
"|---|---|---|---|---|---|---|---|---|---|---|",
($h | group_by([.config, .preempt, .tree]) | sort_by(.[0] | [(.config == "voluntary"), .preempt, .tree]) | .[] |
	([.[].hcall_ms[]] | med) as $L | [.[].late_ms[]] as $l |
	($l | q(0.99)) as $p99 | ($l | max) as $mx |
	"| \(.[0] | model) | \(.[0].tree) | \(length) | \($L | r(1)) | \($l | med | r(2)) | \($p99 | r(2)) | \($mx | r(2)) | \($p99 / $L | r(3)) | \($mx / $L | r(3)) | \(if $full99 then ($p99 / $full99 | r(1)) + "x" else "-" end) | \(if $p99 <= $L / 20 and $mx <= $L / 10 then "met" else "missed" end) |"),
"",
"## Entry-path cost (\($runs) boots per tree, alternating; \($secs) s per benchmark)",
"",
"Speed ratio: patched/base of the medians, higher is better (for ns figures base/patched). Goal: at least 0.98.",
"",
"| env | benchmark | base min / median / max | patched min / median / max | speed ratio |",
"|---|---|---|---|---|",
([.[] | select(.config == "dynamic" and .preempt == "voluntary" and (.entry | length) > 0)] |
	group_by(.env) | .[] | . as $g | ["syscall_ns", "fault_ns", "pingpong_rtps"][] as $k |
	([$g[] | select(.tree == "base") | .entry[$k] // empty]) as $b |
	([$g[] | select(.tree == "patched") | .entry[$k] // empty]) as $p |
	select(($b | length) > 0 and ($p | length) > 0) |
	(if ($k | endswith("_ns")) then ($b | med) / ($p | med) else ($p | med) / ($b | med) end) as $ratio |
	"| \($g[0].env) | \($k) | \($b | min | r(1)) / \($b | med | r(1)) / \($b | max | r(1)) | \($p | min | r(1)) / \($p | med | r(1)) / \($p | max | r(1)) | \($ratio | r(3)) |")
' "$OUT/bench.json" > "$work/tables.md"

# The picture: lateness distributions (CDF), base beside patched, per model.
models=("dynamic voluntary" "dynamic none" "dynamic full" "voluntary default")
for m in "${models[@]}"; do
	read -r c p <<< "$m"
	for t in base patched; do
		jq -r --arg c "$c" --arg p "$p" --arg t "$t" \
			'[.[] | select(.env == "dom0" and .config == $c and .preempt == $p and .tree == $t) | .late_ms[]] | sort |
			length as $n | to_entries[] | "\(.value) \((.key + 1) / $n)"' \
			"$OUT/bench.json" > "$work/cdf-$c-$p-$t.dat"
	done
done
{
	echo "set terminal pngcairo size 1200,800 font ',10'"
	echo "set output '$OUT/bench-latency.png'"
	echo "set multiplot layout 2,2 title 'Lateness of a 1 ms sleeper during long privcmd hypercalls, Xen PV dom0 (QEMU TCG, $(date -u +%F))'"
	echo "set termoption noenhanced"
	echo "set logscale x; set xrange [0.01:1000]; set yrange [0:1.02]; set key bottom right"
	echo "set xlabel 'lateness, ms (log)'; set ylabel 'fraction of wake-ups'; set grid"
	for m in "${models[@]}"; do
		read -r c p <<< "$m"
		title=$([ "$c" = voluntary ] && echo "static PREEMPT_VOLUNTARY" || echo "PREEMPT_DYNAMIC, preempt=$p")
		echo "set title '$title'"
		echo "plot '$work/cdf-$c-$p-base.dat' using 1:2 with steps lw 2 title 'base', '$work/cdf-$c-$p-patched.dat' using 1:2 with steps lw 2 title 'patched'"
	done
	echo "unset multiplot"
} > "$work/latency.gp"
gnuplot "$work/latency.gp" || die "gnuplot failed (script: ${work#"$TOP"/}/latency.gp)"

{
	echo "# make bench ($(date -u '+%Y-%m-%d %H:%M UTC'), $BASE, $(nproc) cores, QEMU TCG, Xen $(awk 'NR == 1 { print $2 }' "$XEN_DIR/packages"))"
	echo
	cat "$work/tables.md"
	echo
	[ ! -f "$work/failed" ] || echo "Left out, not clean: $(tr '\n' ' ' < "$work/failed")"
	echo "Samples: out/bench.json; picture: out/bench-latency.png; console logs: out/bench/."
} > "$OUT/bench.md"
sed -n '3,$p' "$OUT/bench.md"
echo "make bench took $(( ($(date +%s) - t0) / 60 )) min"
[ ! -f "$work/failed" ]
