#!/bin/bash
# The awk programs in this file are in single quotes on purpose.
# shellcheck disable=SC2016
# make check: the rig's own tests on fixtures, then for every base that
# tests/boots names: its series applies, is clean as mail, and the kernels,
# initramfs and Xen versions the boots need are built; then each boot is
# judged against tests/expectations. Ends with "N passed, N failed".
set -uo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() {
	cat <<EOT
usage: $0 [-n]
  -n     print the steps (builds, boots) without running them
env: BOOTS=REGEX  only the lines of tests/boots that match (e.g. BOOTS='7.3.*lazy'),
                  and only the builds they need; the fixture and review steps always run
     BOOT_TIMEOUT (900) seconds per boot; CHECK_STRESS_SECONDS (60) of make stress,
                  run when the boots include 7.3's patched debug kernel (0: none)
EOT
}
dry=''
opt() { dry=1; }
args n 0 0 "$@"
passed=0 failed=0 t0=$(date +%s)

mapfile -t boots < <(grep -vE '^(#|$)' "$TOP/tests/boots" | grep -E -- "${BOOTS:-.}")
[ ${#boots[@]} -gt 0 ] || die "no line of tests/boots matches BOOTS='${BOOTS:-}'"
# What the boots need, in the order a cold machine builds it best: per
# base, the base tree's kernels first (the patched ones then hit ccache).
need() { printf '%s\n' "${boots[@]}" | awk -F'\t' "$@" | sort -u; }
bases=$(need '{ print $3 }' | sort -t. -k1,1nr -k2,2nr)
xens=$(need '$2 != "-" { print $2 }')

if [ -n "$dry" ]; then
	for b in $bases; do
		echo "tree $b; review $b (checkpatch, mail)"
		need -v b="$b" '$3 == b { print "build " $3 " " $4 " " $5 }' | sort -k3,3 -k2,2
		need -v b="$b" '$3 == b { print "initramfs " $3 " " $4 }'
	done
	for x in $xens; do echo "xen $x (hypervisor, toolstack)"; done
	printf '%s\n' "${boots[@]}" | awk -F'\t' '{ print "boot " $1 " xen " $2 " " $3 " " $4 " " $5 " " $6 ": " $7 }'
	exit 0
fi
begin_run check
clog=$RUN/check; mkdir -p "$clog"
echo "run: ${RUN#"$TOP"/} (out/latest); a log per step in its check/"

step() {	# step NAME CMD...: run CMD, log to out/check/NAME.log
	local name=$1 s; s=$(date +%s); shift
	if "$@" > "$clog/$name.log" 2>&1; then
		passed=$((passed + 1)); printf 'PASS  %-50s %4ss\n' "$name" $(( $(date +%s) - s ))
	else
		failed=$((failed + 1)); printf 'FAIL  %-50s %4ss  (%s)\n' "$name" $(( $(date +%s) - s )) "${clog#"$TOP"/}/$name.log"
		tail -n 8 "$clog/$name.log" | sed 's/^/      /'
	fi
}

# The rig's own parts, on real console logs kept as fixtures.
step rig-fixtures "$TOP/tests/rig-fixtures.sh"
# The rig's shell stays shellcheck-clean (.shellcheckrc; exceptions annotated).
step shellcheck shellcheck "$TOP"/scripts/*.sh "$TOP"/tests/*.sh "$TOP/guest/init"

for b in $bases; do
	step "tree-$b" env BASE="$b" "$TOP/scripts/tree.sh"
	# The series as mail: checkpatch, send-email into an mbox, git am and b4 am
	# (a series of one patch, 6.1's, goes without a cover letter: checkpatch).
	review="checkpatch mail"
	[ -f "$(BASE=$b bash -c '. "$1/scripts/lib.sh"; echo "$PATCHES"' _ "$TOP")/cover-letter.txt" ] || review=checkpatch
	# The mail carries the sender's identity; without one it is refused.
	[ "$review" = checkpatch ] || step "mail-refused-$b" bash -c 'BASE=$1 GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 \
		"$2/scripts/review.sh" mail | grep "FAILED (no git identity"' _ "$b" "$TOP"
	# shellcheck disable=SC2086
	step "review-$b" env BASE="$b" "$TOP/scripts/review.sh" $review
	while read -r _ tree config; do
		step "build-$b-$tree-$config" env BASE="$b" "$TOP/scripts/build.sh" "$tree" "$config"
	done < <(need -v b="$b" '$3 == b { print $3, $4, $5 }' | sort -k2,2 -k3,3)
	for tree in $(need -v b="$b" '$3 == b { print $4 }'); do
		step "initramfs-$b-$tree" env BASE="$b" "$TOP/scripts/initramfs.sh" "$tree"
	done
	# objtool's noinstr validation (debug config): nothing new against the base.
	if [ -f "$OUT/kernels/$b-base-debug/objtool.txt" ] && [ -f "$OUT/kernels/$b-patched-debug/objtool.txt" ]; then
		step "objtool-$b-no-new-warnings" "$TOP/scripts/compare.sh" objtool "$b"
	fi
done
for x in $xens; do
	step "xen-$x" env XEN="$x" "$TOP/scripts/toolstack.sh"
done

boot() {	# boot ENV XEN BASE TREE CONFIG PREEMPT TESTS: boot, then judge the record
	local id=$1-xen$2-$3-$4-$5-$6
	[ "$1" != native ] || id=$1-$3-$4-$5-$6
	XEN=${2/-/4.17} BASE=$3 "$TOP/scripts/boot.sh" -t "${BOOT_TIMEOUT:-900}" "$1" "$4" "$5" "$6" "$7" || true
	judge_boot "$id"
}
for line in "${boots[@]}"; do
	IFS=$'\t' read -r env xen base tree config preempt tests <<< "$line"
	name=boot-$env-$base-$tree-$config-$preempt; [ "$xen" = - ] || name=boot-$env-xen$xen-$base-$tree-$config-$preempt
	step "$name" boot "$env" "$xen" "$base" "$tree" "$config" "$preempt" "$tests"
done

step base-vs-patched "$TOP/scripts/compare.sh" tests
# A short make stress: the patched mainline debug dom0 under load, trinity, domUs.
if [ "${CHECK_STRESS_SECONDS:-60}" != 0 ] && [ -f "$OUT/kernels/7.3-patched-debug/bzImage" ]; then
	step stress-7.3-patched env BASE=7.3 XEN=4.20 STRESS_SECONDS="${CHECK_STRESS_SECONDS:-60}" \
		STRESS_TREES=patched "$TOP/scripts/stress.sh"
fi
"$TOP/scripts/report.sh" > /dev/null 2>&1 && sed -n '3,/^$/p' "$OUT/report.md" | head -60

echo "check took $(( ($(date +%s) - t0) / 60 )) min; run ${RUN#"$TOP"/}, report out/report.md"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
