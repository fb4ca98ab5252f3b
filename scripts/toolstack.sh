#!/bin/bash
# Make the dom0 overlays, taken from this machine's Debian packages with
# the shared libraries they load. Linux unpacks concatenated cpio
# archives, so boot.sh puts them after the test initramfs.
#   out/initramfs/toolstack.cpio.gz  Xen 4.17's xl, xenstored, xenconsoled,
#                                    xen-init-dom0 (a domU, make stress)
#   out/initramfs/load.cpio.gz       stress-ng and trinity (make stress)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ "${1:-}" = -h ] && { echo "usage: $0"; exit 0; }
xenbin=/usr/lib/xen-4.17/bin

# overlay NAME DEST_DIR PROG...: PROGs into DEST_DIR, their libraries
# and the loader at their own paths, into out/initramfs/NAME.cpio.gz.
overlay() {
	local name=$1 dir=$2 work=$BUILD/overlay-$1 p; shift 2
	for p in "$@"; do [ -x "$p" ] || die "no $p: run scripts/setup.sh"; done
	rm -rf "$work"; mkdir -p "$work$dir" "$OUT/initramfs"
	cp "$@" "$work$dir/"
	# glibc dlopen()s libgcc_s for pthread_cancel(), which xl uses.
	{ for p in "$@"; do ldd "$p"; done
	  ldconfig -p | awk '$1 == "libgcc_s.so.1" && /x86-64/ { print "x => " $NF }'; } |
		awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u |
		while read -r lib; do
			mkdir -p "$work$(dirname "$lib")"
			cp -L "$lib" "$work$lib"
		done
	[ "$name" != toolstack ] || {
		mkdir -p "$work/etc/xen" "$work/var/lib/xen" "$work/var/lib/xenstored" \
			"$work/var/log/xen/console" "$work/var/run/xen" "$work/var/run/xenstored"
		# dom0 keeps its memory; a domU is made from what Xen has free.
		echo 'autoballoon="off"' > "$work/etc/xen/xl.conf"
	}
	(cd "$work" && find . -print0 | sort -z | cpio --null -o -H newc -R 0:0 --quiet) |
		gzip -1 > "$OUT/initramfs/$name.cpio.gz"
	echo "$name: ${*##*/}, $(find "$work" -name '*.so*' | wc -l) libraries, $(du -h "$OUT/initramfs/$name.cpio.gz" | cut -f1)"
}
overlay toolstack /usr/lib/xen/bin "$xenbin/xl" "$xenbin/xenstored" "$xenbin/xenconsoled" "$xenbin/xen-init-dom0"
overlay load /usr/bin "$(command -v stress-ng)" "$(command -v trinity)"
