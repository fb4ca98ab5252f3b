#!/bin/bash
# Write the patched tree's commits on top of the base back to BASE's series
# directory (configs/bases; or to DIR) with a series file. Stable output:
# an unchanged tree changes no byte.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
case ${1:-} in -h|--help) echo "usage: [BASE=${BASES// /|}] $0 [DIR]"; exit 0 ;; -*) echo "usage: [BASE=${BASES// /|}] $0 [DIR]" >&2; exit 2 ;; esac
[ $# -le 1 ] || { echo "usage: [BASE=${BASES// /|}] $0 [DIR]" >&2; exit 2; }
dir=${1:-$PATCHES}
[ -d "$TREE/.git" ] || die "no tree at $TREE: run 'make tree'"
mkdir -p "$dir"
find "$dir" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' -delete
git -C "$TREE" format-patch -q --no-signature --zero-commit --abbrev=12 --notes \
	-o "$dir" base..HEAD
(cd "$dir" && find . -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' -printf '%f\n' | sort) > "$dir/series"
echo "exported $(wc -l < "$dir/series") patches to ${dir#$TOP/}"
