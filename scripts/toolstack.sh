#!/bin/bash
# Make the dom0 toolstack overlay: Debian's Xen 4.17 tools (xl, xenstored,
# xenconsoled, xen-init-dom0) and the shared libraries they load, taken
# from this machine's xen-utils-4.17. guest/init starts them when a test
# needs a domU. Linux unpacks concatenated cpio archives, so boot.sh puts
# this after the test initramfs.
# Result: out/initramfs/toolstack.cpio.gz
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ "${1:-}" = -h ] && { echo "usage: $0"; exit 0; }
bin=/usr/lib/xen-4.17/bin
progs=(xl xenstored xenconsoled xen-init-dom0)
work=$BUILD/toolstack
dest=$OUT/initramfs/toolstack.cpio.gz
for p in "${progs[@]}"; do
	[ -x "$bin/$p" ] || die "no $bin/$p: run scripts/setup.sh (xen-utils-4.17)"
done
rm -rf "$work"; mkdir -p "$work/usr/lib/xen/bin" "$OUT/initramfs"
for p in "${progs[@]}"; do cp "$bin/$p" "$work/usr/lib/xen/bin/"; done
# Every library the programs load, at its own path, and the loader; glibc
# dlopen()s libgcc_s for pthread_cancel(), which xl uses.
{ for p in "${progs[@]}"; do ldd "$bin/$p"; done
  ldconfig -p | awk '$1 == "libgcc_s.so.1" && /x86-64/ { print "x => " $NF }'; } |
	awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u |
	while read -r lib; do
		mkdir -p "$work$(dirname "$lib")"
		cp -L "$lib" "$work$lib"
	done
mkdir -p "$work/etc/xen" "$work/var/lib/xen" "$work/var/lib/xenstored" \
	"$work/var/log/xen/console" "$work/var/run/xen" "$work/var/run/xenstored"
# dom0 keeps its memory; a domU is made from what Xen has free.
echo 'autoballoon="off"' > "$work/etc/xen/xl.conf"
(cd "$work" && find . -print0 | sort -z | cpio --null -o -H newc -R 0:0 --quiet) | gzip -1 > "$dest"
echo "toolstack: ${progs[*]}, $(find "$work" -name '*.so*' | wc -l) libraries, $(du -h "$dest" | cut -f1)"
