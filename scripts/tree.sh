#!/bin/bash
# Download and unpack the Debian kernel source of BASE (configs/bases) into
# build/BASE/, commit it as the base, and apply its series (in the order
# of its series file) with git am.
# A base worktree at the base commit sits beside it for base builds.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() { echo "usage: [BASE=${BASES// /|}] $0   (FORCE=1 drops unexported tree commits)"; }
args "" 0 0 "$@"

src_tar=$SRC_DIR/root/usr/src/$SRC_PKG.tar.xz
[ -f "$src_tar" ] || "$TOP/scripts/debian.sh" -x "$SRC_SUITES" "$SRC_DIR" "$SRC_PKG" > /dev/null
[ -f "$src_tar" ] || die "$src_tar missing after downloading $SRC_PKG"
ver=$(dpkg-deb -f "$SRC_DIR"/"$SRC_PKG"_*.deb Version)

# git commit and git am need a committer. A fresh machine has none: give
# this repository one (the user's own, when set, wins everywhere else).
identity() {
	git -C "$TREE" config user.email > /dev/null || git -C "$TREE" config user.email rig@localhost
	git -C "$TREE" config user.name > /dev/null || git -C "$TREE" config user.name "Xen PV rig"
}

if [ ! -d "$TREE/.git" ]; then
	log "unpacking $SRC_PKG $ver"
	rm -rf "$TREE" "$TREE.tmp"; mkdir -p "$TREE.tmp"
	tar -C "$TREE.tmp" -xf "$src_tar"
	mv "$TREE.tmp/$SRC_PKG" "$TREE"; rmdir "$TREE.tmp"
	# Debian's top-level .gitignore ends in "/*": drop that rule so git sees the tree.
	sed -i '/^# Debian packaging/,$d' "$TREE/.gitignore"
	git -C "$TREE" init -q -b main
	identity
	git -C "$TREE" add -A
	git -C "$TREE" -c core.hooksPath=/dev/null commit -q -m "Linux $ver (Debian $SRC_PKG $ver)

Unpacked from /usr/src/$SRC_PKG.tar.xz of Debian's $SRC_PKG
package, version $ver. Debian's rule that makes git ignore every
top-level file is dropped from .gitignore."
	git -C "$TREE" tag base
fi

# Already the base plus its series? Then leave it (and its build times) alone.
# Otherwise refuse to throw away work that only lives in the tree.
ensure_base_tree() {
	if [ ! -e "$BASE_TREE/.git" ]; then
		git -C "$TREE" worktree prune
		mkdir -p "$(dirname "$BASE_TREE")"
		git -C "$TREE" worktree add -q --detach "$BASE_TREE" base
	fi
	git -C "$BASE_TREE" checkout -q --detach base
}
if [ -z "${FORCE:-}" ]; then
	[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] ||
		die "$TREE has uncommitted changes: commit and 'make export', or FORCE=1"
	tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
	"$TOP/scripts/export.sh" "$tmp" > /dev/null
	mkdir -p "$PATCHES"
	if diff -qr -x 'cover-*.txt' -x postings -x README "$tmp" "$PATCHES" > /dev/null 2>&1; then
		ensure_base_tree
		log "tree: ${TREE#"$TOP"/} is base + ${PATCHES#"$TOP"/}/ already ($(git -C "$TREE" rev-parse --short HEAD))"
		exit 0
	fi
	[ "$(git -C "$TREE" rev-parse HEAD)" = "$(git -C "$TREE" rev-parse base)" ] ||
		die "$TREE has commits not in ${PATCHES#"$TOP"/}/: 'make export' first, or FORCE=1"
fi

identity
git -C "$TREE" am --abort >/dev/null 2>&1 || true
git -C "$TREE" reset -q --hard base
# Notes follow their commit through rebase and amend.
git -C "$TREE" config notes.rewriteRef refs/notes/commits
git -C "$TREE" clean -qfdx
n=0
if [ -f "$PATCHES/series" ]; then
	while read -r p; do
		case $p in ''|\#*) continue ;; esac
		[ -f "$PATCHES/$p" ] || die "${PATCHES#"$TOP"/}/series names $p, which does not exist"
		grep -q '^Signed-off-by: ' "$PATCHES/$p" || die "$p has no Signed-off-by"
		if ! out=$(git -C "$TREE" -c core.hooksPath=/dev/null am -q --3way "$PATCHES/$p" 2>&1); then
			echo "$out" | grep -E 'error|patch failed|conflict|does not apply' | head -5 >&2
			git -C "$TREE" am --abort || true
			die "patch $p does not apply (failing hunk above)"
		fi
		# A note after "---" (why a checkpatch finding is kept) survives as a git note.
		note=$(awk '/^---$/ { d = 1; next } d && /^Notes:$/ { n = 1; next }
			n && /^$/ { exit } n { sub(/^    /, ""); print }' "$PATCHES/$p")
		[ -z "$note" ] || git -C "$TREE" notes add -f -m "$note" HEAD
		n=$((n + 1))
	done < "$PATCHES/series"
fi

ensure_base_tree
log "tree: ${TREE#"$TOP"/} = base + $n patches ($(git -C "$TREE" rev-parse --short HEAD))"
