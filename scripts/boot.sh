#!/bin/bash
# Boot one kernel under QEMU (TCG), as a Xen PV dom0 or natively, run the
# named guest tests and record the result.
#   RUN/logs/<id>.log       the whole console (Xen's and the kernel's)
#   RUN/logs/<id>.qemu      the QEMU command line
#   RUN/results/<id>.json   {env, xen, base, tree, config, preempt, boot_s, stop, splats, tests}
# RUN is the run directory of the calling target (out/runs/...-check/), or
# a new out/runs/<time>-boot/ for a boot by hand; out/latest points at it.
# <id> is ENV-[xenXEN-]BASE-TREE-CONFIG-PREEMPT[-SUFFIX].
# A guest that does not finish within TIMEOUT seconds is killed.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() {
	cat <<EOT
usage: $0 [-t TIMEOUT] [-a KERNEL_ARGS] [-s SUFFIX] dom0|domU|native TREE CONFIG PREEMPT TESTS
  domU: dom0 starts Xen's toolstack and runs TESTS in a PV domU of the
  same kernel (dom0's console carries the domU's, as "domU| ...")
  TREE base|patched, CONFIG dynamic|voluntary|debug|native,
  PREEMPT none|voluntary|full|lazy|default, TESTS colon-separated (guest_type:x86:hcall)
  SUFFIX is added to the log's and record's name (repeated runs)
  env: BASE (${BASES// /, }; default 7.3) and XEN (${XENS// /, }; default 4.17)
  choose the kernel and the hypervisor; KERNEL, INITRD replace the rig's
  images; QEMU replaces the QEMU binary (qemu-system-x86_64), QEMU_ARGS
  adds QEMU options, QEMU_CPU, QEMU_ACCEL replace
  -cpu max,-smap and -accel tcg; XEN_ARGS adds to Xen's command line;
  OOPS_QUIET (60): seconds of silence after an oops before the guest is stopped;
  TEST_TIMEOUT (300): seconds the guest gives each test program; a domU
  is given up on 120 s before TIMEOUT (-t, default 600)
EOT
}
timeout=600 extra='' suffix=''
OOPS_QUIET=${OOPS_QUIET:-60}
opt() { case $1 in t) timeout=$OPTARG ;; a) extra=$OPTARG ;; s) suffix=-$OPTARG ;; esac; }
args t:a:s: 5 5 "$@"
set -- "${ARGS[@]}"
case $timeout in ''|*[!0-9]*) echo "boot.sh: -t takes seconds" >&2; usage >&2; exit 2 ;; esac
env=$1 tree=$2 config=$3 preempt=$4 tests=$5
name=$BASE-$tree-$config
# KERNEL and INITRD override the rig's images (make review's prefixes).
kernel=${KERNEL:-$OUT/kernels/$name/bzImage}
initrd=${INITRD:-$OUT/initramfs/$BASE-$tree.cpio.gz}
xen=$XEN_DIR/xen.elf
[ -f "$kernel" ] || die "no kernel $kernel: run BASE=$BASE scripts/build.sh $tree $config"
[ -f "$initrd" ] || die "no initramfs $initrd: run BASE=$BASE scripts/initramfs.sh $tree"
case $env in dom0|domU) id=$env-xen$XEN-$name-$preempt$suffix ;; *) id=$env-$name-$preempt$suffix ;; esac
begin_run boot
log=$LOGS/$id.log

# The guest's own per-test timeout comes from here too (TEST_TIMEOUT).
args="rig.env=$env rig.tests=$tests rig.timeout=${TEST_TIMEOUT:-300} $extra"
# A domU, make stress, make faultinject and make bench's domU ping-pong need
# dom0 to have the toolstack and the kernel and initramfs for the domU; make
# stress and trinity the load generators.
ts=$XEN_DIR/toolstack.cpio.gz load=$OUT/initramfs/load.cpio.gz
parts=("$initrd")
case $env:$tests in domU:*|dom0:*stress*|dom0:*faultinject*|dom0:*bench_domu*)
	[ -f "$ts" ] || die "no $ts: run XEN=$XEN scripts/toolstack.sh"
	d=$BUILD/domu/$id; rm -rf "$d"; mkdir -p "$d/root/domu"
	cp "$kernel" "$d/root/domu/bzImage"; cp "$initrd" "$d/root/domu/initrd.cpio.gz"
	(cd "$d/root" && find . | cpio -o -H newc -R 0:0 --quiet) | gzip -1 > "$d/domu.cpio.gz"
	parts+=("$ts" "$d/domu.cpio.gz") ;;
esac
case $tests in *stress*|*trinity*)
	[ -f "$load" ] || die "no $load: run scripts/toolstack.sh"
	parts+=("$load") ;;
esac
if [ ${#parts[@]} -gt 1 ]; then
	mkdir -p "$BUILD/domu/$id"
	cat "${parts[@]}" > "$BUILD/domu/$id/initrd.cpio.gz"
	initrd=$BUILD/domu/$id/initrd.cpio.gz
fi
# The domU must be given up on (and destroyed) before the host gives up on dom0.
[ "$env" != domU ] || args="rig.env=dom0 rig.tests=domU rig.domu=$tests rig.timeout=${TEST_TIMEOUT:-300} rig.domu_timeout=$((timeout > 240 ? timeout - 120 : timeout / 2)) $extra"
[ "$preempt" = default ] || args+=" preempt=$preempt"
# QEMU_ARGS: more QEMU options, e.g. "-d int -D out/logs/int.log";
# QEMU_CPU and QEMU_ACCEL replace the CPU model and accelerator.
# shellcheck disable=SC2206
qemu=(${QEMU:-qemu-system-x86_64} -accel "${QEMU_ACCEL:-tcg}" -cpu "${QEMU_CPU:-max,-smap}" -m 5120 -smp 2 -no-reboot
	-display none -monitor none -serial "file:$log" ${QEMU_ARGS:-})
case $env in
dom0|domU)
	# bootscrub=off: QEMU's RAM is zero already, and Xen's background scrub
	# (seconds under TCG) makes the first hypercalls that allocate memory
	# several times slower than later ones.
	# spec-ctrl=eager-fpu: QEMU TCG runs XSAVE/XRSTOR without raising #NM
	# when CR0.TS is set, and Xen switches FPU state lazily on a non-Intel
	# CPU (QEMU's "max" says AMD): the guests' vector registers then get
	# another context's contents, and glibc's memcpy writes garbage.
	# Without it, stressed guests see segfaults in __ctype_init and malloc.
	# max:3584M: the hypercall test's calls are bounded by dom0's headroom
	# (3 GB here, room for the ~500 ms calls guest/init asks for). With
	# 1 GB (~180 ms calls, L/10 = 18 ms) one wake-up 27 ms late failed a
	# patched kernel in CI; a 1 ms sleep loop on this host, no guest
	# running, wakes up to 40 ms late now and then.
	[ -f "$xen" ] || die "no $xen: run XEN=$XEN scripts/toolstack.sh"
	qemu+=(-kernel "$xen"
		-append "console=com1 com1=115200,8n1 dom0_mem=512M,max:3584M loglvl=all guest_loglvl=all noreboot bootscrub=off spec-ctrl=eager-fpu${XEN_ARGS:+ $XEN_ARGS}"
		-initrd "$kernel console=hvc0 earlyprintk=xen $args,$initrd") ;;
native)
	qemu+=(-kernel "$kernel" -append "console=ttyS0 $args" -initrd "$initrd") ;;
*) usage >&2; exit 2 ;;
esac

: > "$log"
{ printf '%q ' "${qemu[@]}"; echo; } > "$LOGS/$id.qemu"
start=$(date +%s.%N)
"${qemu[@]}" 2> "$LOGS/$id.qemu.err" &
pid=$!
boot_s=null verdict=timeout size=0 quiet_since=$start tick=0
while kill -0 $pid 2>/dev/null; do
	now=$(date +%s.%N)
	s=$(stat -c %s "$log")
	[ "$s" = "$size" ] || { size=$s; quiet_since=$now; }
	if [ "$boot_s" = null ] && grep -aq '^RIG-INIT' "$log"; then
		boot_s=$(echo "$now - $start" | bc | xargs printf '%.1f')
	fi
	if grep -aq '^RIG-DONE' "$log"; then verdict="done"; sleep 2; break; fi
	# A lost guest: panic, RCU stall or hung Xen. Oopses that only kill a task go on.
	if grep -aqE 'Kernel panic - not syncing|detected stalls on CPUs|\(XEN\) (Hardware Dom0 (crashed|shutdown)|Panic on CPU)' "$log"; then
		verdict=crashed; sleep 2; break
	fi
	# An oops that left the guest silent: it will not finish either.
	if [ "$(echo "$now - $quiet_since > $OOPS_QUIET" | bc)" = 1 ] &&
		grep -aqE '(Oops|BUG):' "$log"; then
		verdict="silent ${OOPS_QUIET}s after an oops"; break
	fi
	if [ "$(echo "$now - $start > $timeout" | bc)" = 1 ]; then break; fi
	# Alive: the test the guest is in, every 2 s on a terminal, 60 s otherwise.
	tick=$((tick + 1))
	if { [ -t 1 ] && [ $((tick % 4)) = 0 ]; } || [ $((tick % 120)) = 0 ]; then
		cur=$(tr -d '\r' < "$log" | sed -n 's/^\(domU| \)\{0,1\}# RUN //p; s/^# \(stress: t=.*\|faultinject: domU .*\)/\1/p' | tail -n 1)
		msg="$id: $(printf '%.0f' "$(echo "$now - $start" | bc)") s, ${cur:-booting} (log: ${log#"$TOP"/})"
		if [ -t 1 ]; then printf '\r%s\033[K' "$msg"; else echo "$msg"; fi
	fi
	sleep 0.5
done
[ ! -t 1 ] || printf '\r\033[K'
if kill "$pid" 2> /dev/null; then wait "$pid" 2> /dev/null || true; fi
wall=$(echo "$(date +%s.%N) - $start" | bc | xargs printf '%.0f')
grep -aq '^RIG-DONE' "$log" && verdict="done"

xenv=$XEN; [ "$env" != native ] || xenv=-
rec=$("$TOP/scripts/record.sh" "$log" "$env" "$xenv" "$BASE" "$tree" "$config" "$preempt" "$boot_s" "$wall" "$verdict")
echo "$rec" > "$RESULTS/$id.json"
count() { jq "[.tests[] | select(. == \"$1\")] | length" <<< "$rec"; }
pass=$(count pass) fail=$(count fail) skip=$(count skip)
splats=$(jq .splats <<< "$rec")
if [ "$verdict" != "done" ]; then
	echo "--- $id: $verdict after ${wall}s; last lines of ${log#"$TOP"/}:"
	tail -n 25 "$log" | tr -d '\r'
	[ -s "$log" ] || sed 's/^/qemu: /' "$LOGS/$id.qemu.err"
fi
if [ "$splats" -gt 0 ]; then
	echo "--- $id: $splats splat lines:"; "$TOP/scripts/splats.sh" "$log" | head -n 10
fi
# Whether the results are as expected is scripts/judge.sh's call; this
# only says whether the guest finished without a splat.
ok=$([ "$verdict" = "done" ] && [ "$splats" = 0 ] && echo clean || echo "NOT CLEAN ($verdict)")
echo "$id: $ok  boot ${boot_s}s, $pass passed, $fail failed, $skip skipped, $splats splats (${wall}s)"
[ "$ok" = clean ]
