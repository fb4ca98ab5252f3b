#!/bin/bash
# make check: the rig's own tests on fixtures, the series applies, every
# config builds for base and patched, and the boots below are judged
# against tests/expectations. Ends with "N passed, N failed".
set -uo pipefail
. "$(dirname "$0")/lib.sh"
[ "${1:-}" = -h ] && { echo "usage: $0   (CHECK_BOOTS=quick for the short list)"; exit 0; }
clog=$OUT/check
rm -rf "$clog" "$OUT/results"; mkdir -p "$clog" "$OUT/results"
passed=0 failed=0 t0=$(date +%s)

step() {	# step NAME CMD...: run CMD, log to out/check/NAME.log
	local name=$1 s=$(date +%s); shift
	if "$@" > "$clog/$name.log" 2>&1; then
		passed=$((passed + 1)); printf 'PASS  %-44s %4ss\n' "$name" $(( $(date +%s) - s ))
	else
		failed=$((failed + 1)); printf 'FAIL  %-44s %4ss  (out/check/%s.log)\n' "$name" $(( $(date +%s) - s )) "$name"
		tail -n 8 "$clog/$name.log" | sed 's/^/      /'
	fi
}

# The rig's own parts, on real console logs kept as fixtures.
step rig-fixtures "$TOP/tests/rig-fixtures.sh"

step tree "$TOP/scripts/tree.sh"
# The series as mail: checkpatch, send-email into an mbox, git am and b4 am.
step review "$TOP/scripts/review.sh" checkpatch mail
# The native config (no Xen) is left to make review, which builds it at
# every patch of the series: a cold build of it would cost 5 of the 60 min.
for k in base-dynamic base-voluntary base-debug patched-dynamic patched-voluntary patched-debug; do
	step "build-$k" "$TOP/scripts/build.sh" "${k%%-*}" "${k#*-}"
done
step initramfs-base "$TOP/scripts/initramfs.sh" base
step initramfs-patched "$TOP/scripts/initramfs.sh" patched
# The fix-first patch backported to Debian 12's 6.1 (patches-6.1/).
step tree-6.1 env BASE=6.1 "$TOP/scripts/tree.sh"
step review-6.1 env BASE=6.1 "$TOP/scripts/review.sh" checkpatch
for t in base patched; do
	step "build-6.1-$t-dynamic" env BASE=6.1 "$TOP/scripts/build.sh" $t dynamic
	step "initramfs-6.1-$t" env BASE=6.1 "$TOP/scripts/initramfs.sh" $t
done
step toolstack "$TOP/scripts/toolstack.sh"

# objtool's noinstr validation (debug config): nothing new against the base.
objtool_new() {
	comm -13 <(sed 's/+0x[0-9a-f]*//g' "$OUT/kernels/base-debug/objtool.txt" | sort -u) \
		<(sed 's/+0x[0-9a-f]*//g' "$OUT/kernels/patched-debug/objtool.txt" | sort -u) | tee /dev/stderr | wc -l | grep -qx 0
}
step objtool-no-new-warnings objtool_new

boot() {	# boot ENV TREE CONFIG PREEMPT TESTS: boot, then judge the record
	local id=$1-$2-$3-$4 base=6.12 tree=$2
	# TREE 6.1-base or 6.1-patched: a kernel of the 6.1 backport.
	case $tree in 6.1-*) base=6.1 tree=${tree#6.1-} ;; esac
	BASE=$base "$TOP/scripts/boot.sh" -t "${BOOT_TIMEOUT:-900}" "$1" "$tree" "$3" "$4" "$5" || true
	"$TOP/scripts/judge.sh" "$OUT/results/$id.json"
}
while read -r env tree config preempt tests; do
	case $env in ''|\#*) continue ;; esac
	step "boot-$env-$tree-$config-$preempt" boot "$env" "$tree" "$config" "$preempt" "$tests"
done < "$TOP/tests/boots"

step base-vs-patched "$TOP/scripts/compare.sh"
# A short make stress: the patched debug dom0 under load, trinity, domUs.
step stress-patched env STRESS_SECONDS="${CHECK_STRESS_SECONDS:-60}" STRESS_TREES=patched \
	"$TOP/scripts/stress.sh"
"$TOP/scripts/report.sh" > /dev/null 2>&1 && cat "$OUT/report.md" | sed -n '3,/^$/p' | head -40

echo "check took $(( ($(date +%s) - t0) / 60 )) min; logs in out/check/, report out/report.md"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
