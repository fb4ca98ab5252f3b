#!/bin/bash
# Write the patched tree's commits on top of the base back to BASE's series
# directory (configs/bases; or to DIR) with a series file. Stable output:
# an unchanged tree changes no byte.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() { echo "usage: [BASE=${BASES// /|}] $0 [DIR]"; }
args "" 0 1 "$@"
dir=${1:-$PATCHES}
[ -d "$TREE/.git" ] || die "no tree at $TREE: run 'make tree'"
mkdir -p "$dir"
find "$dir" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' -delete
git -C "$TREE" format-patch -q --no-signature --zero-commit --abbrev=12 --notes \
	-o "$dir" base..HEAD
(cd "$dir" && find . -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' -printf '%f\n' | sort) > "$dir/series"
echo "exported $(wc -l < "$dir/series") patches to ${dir#"$TOP"/}"
