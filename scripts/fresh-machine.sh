#!/bin/bash
# Run a make target on a fresh Debian 12: debootstrap (minbase) a chroot,
# clone this repository into it, install only make and git, then let the
# rig install the rest itself. Proves set-up and gives the cold-start time
# (empty ccache, nothing unpacked). Needs root and Debian's archive.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() { echo "usage: $0 [-k] DIR TARGET   (e.g. $0 /var/tmp/fresh check; -k keeps DIR)"; }
keep=''
opt() { keep=1; }
args k 2 2 "$@"
set -- "${ARGS[@]}"
dir=$(realpath -m "$1") target=$2
[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot, mount)"
command -v debootstrap > /dev/null || die "needs debootstrap (apt-get install debootstrap)"
[ ! -e "$dir" ] || die "$dir exists: give a new directory"

mounts="proc sys dev dev/pts dev/shm"
# Called by the EXIT trap.
# shellcheck disable=SC2317
umount_all() {
	local m
	for m in $(echo "$mounts" | tr ' ' '\n' | tac); do
		mountpoint -q "$dir/$m" && umount "$dir/$m"
	done
	! grep -q " $dir/" /proc/mounts || { echo "error: mounts left under $dir, not removing it" >&2; return 1; }
	[ -n "$keep" ] || rm -rf "$dir"
}
trap umount_all EXIT

t0=$(date +%s)
mkdir -p "$OUT/logs"
log "debootstrap bookworm into $dir"
debootstrap --variant=minbase bookworm "$dir" http://deb.debian.org/debian > "$OUT/logs/fresh-debootstrap.log" 2>&1 ||
	{ tail -5 "$OUT/logs/fresh-debootstrap.log"; die "debootstrap failed"; }
# The archive and resolver of this machine; security updates carry linux-source-6.12.
: > "$dir/etc/apt/sources.list"
cp /etc/apt/sources.list.d/*.sources "$dir/etc/apt/sources.list.d/" 2>/dev/null || true
[ ! -f /etc/apt/sources.list ] || cp /etc/apt/sources.list "$dir/etc/apt/sources.list"
cp /etc/resolv.conf "$dir/etc/resolv.conf"
for m in $mounts; do mount --bind "/$m" "$dir/$m"; done
git clone -q "$TOP" "$dir/root/rig"
# A developer's machine has a git identity: the mail step sends the series
# as its owner (who certifies the DCO) and refuses without one. Take the
# caller's, if there is one.
name=$(git config --global user.name || true) email=$(git config --global user.email || true)
if [ -n "$name" ] && [ -n "$email" ]; then
	printf '[user]\n\tname = %s\n\temail = %s\n' "$name" "$email" > "$dir/root/.gitconfig"
	log "git identity for the mail step: $name <$email>"
else
	log "no git identity here: make check's mail step will refuse to mail the series"
fi
log "fresh machine ready in $(( $(date +%s) - t0 )) s; make $target"

rc=0
# shellcheck disable=SC2016 # the script's expansions happen in the chroot
chroot "$dir" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
	PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/bash -c '
	t0=$(date +%s)
	apt-get update -qq && apt-get install -y -qq --no-install-recommends make git > /root/apt.log 2>&1 ||
		{ tail -5 /root/apt.log; exit 1; }
	cd /root/rig && make "$1"; rc=$?
	echo "fresh Debian 12 to the end of make $1: $(( ($(date +%s) - t0) / 60 )) min $(( ($(date +%s) - t0) % 60 )) s"
	exit $rc' fresh "$target" || rc=$?
# Keep what the run wrote (not the initramfs images or the Xen binary).
rm -rf "$OUT/fresh-$target"; mkdir -p "$OUT/fresh-$target"
rsync -a --exclude initramfs --exclude xen "$dir/root/rig/out/" "$OUT/fresh-$target/" 2>/dev/null || true
echo "its out/ is in ${OUT#"$TOP"/}/fresh-$target/"
exit $rc
