#!/bin/bash
# make matrix: every base kernel (configs/bases) x Xen version
# (configs/xen-versions) x role (dom0, domU), base beside patched, in the
# base's default preemption model, with the series' tests and the x86
# selftests. An unfixed kernel runs the two x86 selftests that oops it
# (iopl_32, test_syscall_vdso_32) in a boot of their own; on 6.1, whose
# series is the hypercall fix alone, they are left out. One table:
# out/matrix.md, out/matrix.json.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() {
	echo "usage: $0   (env: MATRIX_BASES='$BASES', MATRIX_XENS='$XENS', BOOT_TIMEOUT=900)"
}
args "" 0 0 "$@"
t0=$(date +%s)
oopsers=iopl_32+test_syscall_vdso_32
begin_run matrix
work=$RUN/matrix
mkdir -p "$work"
for x in ${MATRIX_XENS:-$XENS}; do XEN=$x "$TOP/scripts/toolstack.sh"; done
for b in ${MATRIX_BASES:-$BASES}; do
	BASE=$b "$TOP/scripts/tree.sh"
	for t in base patched; do
		BASE=$b "$TOP/scripts/build.sh" $t dynamic | tail -n 1
		BASE=$b "$TOP/scripts/initramfs.sh" $t
	done
done

n=0
for b in ${MATRIX_BASES:-$BASES}; do
	model=$(BASE=$b bash -c '. "$1/scripts/lib.sh"; echo "$MODEL"' _ "$TOP")
	for x in ${MATRIX_XENS:-$XENS}; do
		for role in dom0 domU; do
			for t in base patched; do
				# A fixed kernel runs everything in one boot; an unfixed one
				# runs the two oopsers on their own (not 6.1: its series is
				# the hypercall fix alone, and 6.12's base shows the oopses).
				parts="main oops"
				[ $t = base ] || [ "$b" = 6.1 ] || parts=all
				[ "$b" != 6.1 ] || parts=main
				for part in $parts; do
					case $part in
					all) tests=guest_type:hcall:privcmd:x86 ;;
					main) tests=guest_type:hcall:privcmd:x86-$oopsers ;;
					oops) tests=guest_type:x86=$oopsers ;;
					esac
					id=$role-xen$x-$b-$t-dynamic-$model-$part
					XEN=$x BASE=$b "$TOP/scripts/boot.sh" -t "${BOOT_TIMEOUT:-900}" -s "$part" \
						"$role" $t dynamic "$model" "$tests" | tail -n 1 || true
					# The two oopsers take an unfixed kernel down (the base; 6.1's
					# series is the hypercall fix alone): there a crash is expected.
					# Lines for this boot alone go to RESULTS/ID.expectations, which
					# make recheck adds to tests/expectations too.
					exp=$work/expectations
					cp "$TOP/tests/expectations" "$exp"
					if [ "$part" = oops ] && { [ $t = base ] || [ "$b" = 6.1 ]; }; then
						{ printf '*\t*\t*\t*\t*\t*\t<boot>\tcrash\t# iopl_32, test_syscall_vdso_32 on a kernel without the fixes\n'
						  printf '*\t*\t*\t*\t*\t*\tx86/*\tfail?\t# same\n'; } > "$RESULTS/$id.expectations"
						cat "$RESULTS/$id.expectations" >> "$exp"
					fi
					"$TOP/scripts/judge.sh" "$RESULTS/$id.json" "$exp" > "$RESULTS/$id.verdict" 2>&1 &&
						v=expected || v=unexpected
					jq --arg part "$part" --arg v "$v" --rawfile j "$RESULTS/$id.verdict" \
						'. + {part: $part, verdict: $v, judge: $j}' "$RESULTS/$id.json" > "$work/$id.json"
					n=$((n + 1))
				done
			done
		done
	done
done

jq -s 'sort_by(.base, .xen, .env, .tree, .part)' "$work"/*.json > "$OUT/matrix.json"
{
	echo "# make matrix ($(date -u '+%Y-%m-%d %H:%M UTC'), QEMU $(qemu-system-x86_64 --version | awk 'NR == 1 { print $4 }') TCG, $(nproc) vCPUs, dynamic config)"
	echo
	echo "Each row: one base kernel, one Xen, one role, one tree. x86: pass/fail/skip of the x86 selftests; on an unfixed"
	echo "kernel iopl_32 and test_syscall_vdso_32 run in a boot of their own (\"oopsers\"; 6.1 leaves them out). hcall: L / waiter p99 / max, ms."
	echo "Verdict: whether every result is what tests/expectations says (with its reason)."
	echo
	echo "| base | Xen as booted | role | preempt | tree | x86 pass/fail/skip | oopsers | hcall | privcmd | splats | verdict |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|"
	jq -r 'group_by([.base, .xen, .env, .tree]) | .[] |
		(map(select(.part != "oops")) | .[0]) as $m | (map(select(.part == "oops")) | .[0] // $m) as $o |
		def cnt(r; s): [r.tests | to_entries[] | select((.key | startswith("x86/")) and .value == s)] | length;
		def tst(r; k): r.tests[k] // "-";
		[$m.base, $m.xen_version, $m.env, $m.preempt, $m.tree,
		 "\(cnt($m; "pass"))/\(cnt($m; "fail"))/\(cnt($m; "skip"))",
		 "iopl_32 \(tst($o; "x86/iopl_32")), vdso_32 \(tst($o; "x86/test_syscall_vdso_32"))\(if $o.part == "oops" and $o.splats > 0 then ", \($o.splats) splat lines" else "" end)",
		 (if $m.hcall then "\($m.hcall.hcall_ms) / \($m.hcall.late_p99_ms) / \($m.hcall.late_max_ms)" else tst($m; "xen/preemptible_hcall") end),
		 tst($m; "xen/privcmd_bad_hcall"), (if $o.part == "oops" then $m.splats + $o.splats else $m.splats end),
		 (if $m.verdict == "expected" and $o.verdict == "expected" then "as expected" else "UNEXPECTED" end)]
		| "| " + (map(tostring) | join(" | ")) + " |"' "$OUT/matrix.json"
	echo
	echo "Run ${RUN#"$TOP"/}: console logs in logs/ (*-main.log, *-oops.log), verdicts in results/; out/matrix.json."
} > "$OUT/matrix.md"
sed -n '3,$p' "$OUT/matrix.md"
bad=$(jq '[.[] | select(.verdict != "expected")] | length' "$OUT/matrix.json")
echo "make matrix took $(( ($(date +%s) - t0) / 60 )) min; $n boots, $bad not as expected"
[ "$bad" = 0 ]
