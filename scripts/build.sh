#!/bin/bash
# Build one kernel of BASE: base or patched tree, one rig config.
# Result: out/kernels/<base>-<tree>-<config>/{bzImage,config}, build log in out/logs/.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() { echo "usage: [BASE=${BASES// /|}] $0 base|patched|bisect|experiment CONFIG   (CONFIG: configs/*.config)"; }
args "" 2 2 "$@"
tree=$1 config=$2
# bisect: the worktree where make review checks out each prefix of the series;
# experiment: the one where make lockdep-window and make resched-forms build
# their experiment kernels.
case $tree in base) src=$BASE_TREE ;; patched) src=$TREE ;; bisect|experiment) src=$BUILD/$BASE/$tree/linux ;; *) usage >&2; exit 2 ;; esac
[ -f "$src/Makefile" ] || die "no tree at $src: run 'make tree'"

# Fragments: xen-pv.config, then the config's own "#include" chain, then
# itself; configs/BASE/NAME.config, where it exists, goes on top of
# configs/NAME.config for that base (what the base's Kconfig differs in).
frag() { echo "$TOP/configs/$1.config"; [ ! -f "$TOP/configs/$BASE/$1.config" ] || echo "$TOP/configs/$BASE/$1.config"; }
frags() {
	local inc
	while read -r inc; do frags "$inc"; done < <(sed -n 's/^#include \(.*\)\.config$/\1/p' "$TOP/configs/$1.config")
	frag "$1"
}
[ -f "$TOP/configs/$config.config" ] || die "no configs/$config.config"
mapfile -t list < <(frag xen-pv; frags "$config")

name=$BASE-$tree-$config
obj=$(dirname "$src")/obj-$config
dest=$OUT/kernels/$name
blog=$OUT/logs/build-$name.log
mkdir -p "$obj" "$dest" "$OUT/logs"
make_k() { make -C "$src" O="$obj" CC="ccache gcc" HOSTCC="ccache gcc" "$@"; }

{
	make_k -s tinyconfig
	"$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "${list[@]}"
	make_k -s olddefconfig
} > "$blog" 2>&1 || { tail -20 "$blog"; die "configuring $name failed (log: ${blog#"$TOP"/})"; }

# Every option the fragments ask for (the last one to name it wins) must
# survive olddefconfig.
bad=0
while read -r opt want; do
	got=$(grep -E "^($opt=|# $opt is not set)" "$obj/.config" || echo "# $opt is not set")
	[ "$got" = "$want" ] || { echo "config $name: wanted '$want', got '$got'" >&2; bad=1; }
done < <(cat "${list[@]}" | sed -nE 's/^(CONFIG_[A-Z0-9_]+)=.*/\1 &/p; s/^# (CONFIG_[A-Z0-9_]+) is not set$/\1 &/p' |
	awk '{ opt = $1; $1 = ""; want[opt] = substr($0, 2); if (!(opt in seen)) { seen[opt] = 1; order[n++] = opt } }
	END { for (i = 0; i < n; i++) print order[i], want[order[i]] }')
[ $bad = 0 ] || die "config $name does not match configs/ (see above)"

start=$(date +%s)
# Alive: objects compiled so far (of as many as the last build of this
# config), every 2 s on a terminal, every 30 s in a log.
total=$(cat "$OUT"/kernels/*-"$config"/objects 2>/dev/null | sort -n | tail -n 1 || true)
# Objects compiled so far (grep -c fails on none).
compiled() { grep -c '^  CC ' "$blog" || true; }
pre=$(compiled)
make_k -j"$(nproc)" bzImage >> "$blog" 2>&1 &
pid=$!
every=30; [ ! -t 1 ] || every=2
while kill -0 $pid 2> /dev/null; do
	for _ in $(seq $((every * 2))); do kill -0 $pid 2> /dev/null && sleep 0.5; done
	kill -0 $pid 2> /dev/null || break
	msg="building $name: $(( $(compiled) - pre ))${total:+ of ~$total} objects, $(( $(date +%s) - start )) s (log: ${blog#"$TOP"/})"
	if [ -t 1 ]; then printf '\r%s ' "$msg"; else echo "$msg"; fi
done
[ ! -t 1 ] || printf '\r\033[K'
if ! wait $pid; then
	grep -E 'error|Error' "$blog" | head -20 >&2
	die "building $name failed (log: ${blog#"$TOP"/})"
fi
n=$(( $(compiled) - pre ))
# A cold build's count is what later progress lines compare with.
[ "$n" -lt "${total:-0}" ] || echo "$n" > "$dest/objects"
# A config with modules builds them too (make review's configs step).
if grep -q '^CONFIG_MODULES=y' "$obj/.config"; then
	make_k -j"$(nproc)" modules >> "$blog" 2>&1 || { grep -E 'error|Error' "$blog" | head -20 >&2; die "building $name's modules failed (log: ${blog#"$TOP"/})"; }
fi
cp "$obj/arch/x86/boot/bzImage" "$dest/bzImage"
cp "$obj/.config" "$dest/config"
# Symbol addresses (make faultinject's stack-trace filter).
cp "$obj/System.map" "$dest/System.map"
grep -c 'objtool: ' "$blog" > "$dest/objtool-warnings" || true
grep 'objtool: ' "$blog" | sed "s|$TOP/||g" | sort -u > "$dest/objtool.txt" || true
echo "built $name in $(( $(date +%s) - start )) s: ${dest#"$TOP"/}/bzImage ($(cat "$dest/objtool-warnings") objtool warnings)"
