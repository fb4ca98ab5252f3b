# Shared settings for the rig's scripts. Sourced, not run.
# shellcheck shell=bash
# The variables set here are used by the scripts that source this file.
# shellcheck disable=SC2034
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$TOP/build
OUT=$TOP/out

# shellcheck source=scripts/args.sh
. "$TOP/scripts/args.sh"
die() { echo "error: $*" >&2; exit 1; }
log() { echo "== $*"; }

# The base kernel (configs/bases): BASE=7.3 (mainline, the default), 6.12, 6.1.
BASE=${BASE:-7.3}
BASES=$(awk '!/^#/ && NF { print $1 }' "$TOP/configs/bases" | xargs)
read -r _ SRC_PKG SRC_SUITES series MODELS < <(awk -v b="$BASE" '$1 == b' "$TOP/configs/bases") ||
	die "BASE=$BASE: unknown base (one of: $BASES; configs/bases)"
# The preempt= models of its dynamic kernel; the first is the distributions' default.
MODELS=${MODELS//,/ } MODEL=${MODELS%% *}
PATCHES=$TOP/$series
TREE=$BUILD/$BASE/patched/linux
BASE_TREE=$BUILD/$BASE/base/linux
# The Debian package's source tarball, downloaded by scripts/debian.sh.
SRC_DIR=$BUILD/debs/$SRC_PKG
# The series' own tests (tools/testing/selftests/xen) judge base and
# patched kernels alike: from this base's patched tree when its series has
# them, else from the 6.12 series (the 6.1 backport carries the fix alone).
if grep -q '^tools/testing/selftests/xen/' <(cat "$PATCHES"/*.patch 2>/dev/null | sed -n 's|^+++ b/||p'); then
	XEN_TEST_BASE=$BASE
else
	XEN_TEST_BASE=6.12
fi
XEN_TEST_TREE=$BUILD/$XEN_TEST_BASE/patched/linux

# The Xen version (configs/xen-versions): XEN=4.17 (Debian 12's, the default) or 4.20.
XEN=${XEN:-4.17}
XENS=$(awk '!/^#/ && NF { print $1 }' "$TOP/configs/xen-versions" | xargs)
read -r _ XEN_SUITES < <(awk -v x="$XEN" '$1 == x' "$TOP/configs/xen-versions") ||
	die "XEN=$XEN: unknown Xen version (one of: $XENS; configs/xen-versions)"
XEN_DIR=$OUT/xen/$XEN

export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
# Hits across clones in other folders and between base and patched: ccache
# makes paths relative, and every tree sits at <dir>/linux beside <dir>/obj-*.
export CCACHE_BASEDIR=$TOP CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=time_macros,include_file_mtime,include_file_ctime

# Every run keeps its own directory, out/runs/<UTC time>-<target>/: the
# console logs and QEMU command lines (logs/), the records and the judge's
# verdicts (results/), and testid.txt (what produced them). out/latest
# points at the newest. A script called by another joins its run (RIG_RUN;
# set it by hand to gather boots by hand into one run).
begin_run() {	# begin_run TARGET: sets RUN, LOGS, RESULTS
	if [ -z "${RIG_RUN:-}" ]; then
		RIG_RUN=$OUT/runs/$(date -u +%Y%m%d-%H%M%S)-$1
		while [ -e "$RIG_RUN" ]; do RIG_RUN=$RIG_RUN+; done
		mkdir -p "$RIG_RUN/logs" "$RIG_RUN/results"
		ln -sfn "runs/${RIG_RUN##*/}" "$OUT/latest"
		export RIG_RUN
		testid "$1" > "$RIG_RUN/testid.txt"
	fi
	# RIG_RUN=DIR by hand gathers boots into one run.
	mkdir -p "$RIG_RUN/logs" "$RIG_RUN/results"
	[ -f "$RIG_RUN/testid.txt" ] || testid "$1" > "$RIG_RUN/testid.txt"
	RUN=$RIG_RUN LOGS=$RIG_RUN/logs RESULTS=$RIG_RUN/results
}
testid() {	# what produced a run: the rig, the kernel trees, Xen, QEMU, the host
	local b t
	echo "target: ${1:-}"
	echo "started: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
	echo "rig: $(git -C "$TOP" rev-parse HEAD 2>/dev/null || echo none)$([ -z "$(git -C "$TOP" status --porcelain 2>/dev/null | head -n 1)" ] || echo ' (with uncommitted changes)')"
	for b in $BASES; do
		for t in base patched; do
			[ -d "$BUILD/$b/$t/linux" ] || continue
			echo "kernel $b $t: $(git -C "$BUILD/$b/$t/linux" rev-parse HEAD) ($(git -C "$BUILD/$b/$t/linux" log -1 --format=%s))"
		done
	done
	for b in "$OUT"/xen/*/packages; do [ ! -f "$b" ] || sed 's/^/xen: /' "$b"; done
	echo "qemu: $(qemu-system-x86_64 --version 2>/dev/null | head -n 1)"
	echo "host: $(uname -srm), $(nproc) cores, $(awk '/MemTotal/ { printf "%d GB", $2 / 1048576 }' /proc/meminfo)"
	echo "(the Xen version each boot ran is in its record, read from the console)"
}
# judge_boot ID: judge RESULTS/ID.json against tests/expectations; the
# findings go to RESULTS/ID.verdict and to stdout; the status is the verdict's.
judge_boot() {
	local rc=0
	"$TOP/scripts/judge.sh" "$RESULTS/$1.json" > "$RESULTS/$1.verdict" 2>&1 || rc=1
	grep -v '^expected: ' "$RESULTS/$1.verdict"
	return $rc
}

# worktree DIR: make DIR (build/BASE/<name>/linux) a worktree of the
# patched tree, at the base, unless it is one already.
worktree() {
	[ -e "$1/.git" ] && return
	git -C "$TREE" worktree prune
	git -C "$TREE" worktree add -q --detach "$1" base
}

# experiment_tree REV [N]: the worktree build/BASE/experiment/linux (make
# lockdep-window, make resched-forms) at the base with the first N patches
# (default all) of patches-BASE/ as the rig's commit REV had them.
experiment_tree() {
	local rev=$1 n=${2:-} wt=$BUILD/$BASE/experiment/linux p
	git -C "$TOP" cat-file -e "$rev:${PATCHES#"$TOP"/}/series" 2> /dev/null ||
		die "no ${PATCHES#"$TOP"/}/series in rig commit $rev"
	worktree "$wt"
	git -C "$wt" checkout -q --force --detach base
	while read -r p; do
		git -C "$TOP" show "$rev:${PATCHES#"$TOP"/}/$p" |
			git -C "$wt" -c user.name=rig -c user.email=rig@invalid am -q ||
			{ git -C "$wt" am --abort || true; die "$rev:${PATCHES#"$TOP"/}/$p does not apply to the base"; }
	done < <(git -C "$TOP" show "$rev:${PATCHES#"$TOP"/}/series" | grep -v '^#' | grep . | head -n "${n:-100000}")
}
