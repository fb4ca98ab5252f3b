#!/bin/bash
# Xen of version XEN (configs/xen-versions), from Debian's archive, never
# installed: the hypervisor at out/xen/XEN/xen.elf, and dom0's toolstack
# overlay out/xen/XEN/toolstack.cpio.gz: xl, xenstored, xenconsoled and
# xen-init-dom0 of that version with the C library, loader and every
# library they load, under /opt/xen, run through wrappers in
# /usr/lib/xen/bin, so they work whatever the host's release is.
# Also the load overlay out/initramfs/load.cpio.gz (stress-ng, trinity of
# this machine, for make stress). Linux unpacks concatenated cpio archives:
# boot.sh puts the overlays after the test initramfs.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() { echo "usage: [XEN=${XENS// /|}] $0"; }
args "" 0 0 "$@"
pkgs="xen-hypervisor-$XEN-amd64 xen-utils-$XEN"
debs=$BUILD/xen-$XEN
progs="xl xenstored xenconsoled xen-init-dom0"
mkdir -p "$XEN_DIR" "$OUT/initramfs"

stamp=$XEN_DIR/packages
if [ ! -s "$XEN_DIR/xen.elf" ] || [ ! -s "$XEN_DIR/toolstack.cpio.gz" ] || [ ! -s "$stamp" ]; then
	# shellcheck disable=SC2086
	"$TOP/scripts/debian.sh" -d -x "$XEN_SUITES" "$debs" $pkgs > /dev/null
	root=$debs/root
	zcat "$root/boot/xen-$XEN-amd64.gz" > "$XEN_DIR/xen.elf"
	bin=$root/usr/lib/xen-$XEN/bin
	ld=$(find "$root" -name ld-linux-x86-64.so.2 | head -n 1)
	[ -n "$ld" ] || die "no loader in the packages of Xen $XEN"
	libpath=$(find "$root" -name 'libc.so.6' -printf '%h\n' | head -n 1)
	libpath=$libpath:$(find "$root" -name 'libxenctrl.so.*' -printf '%h\n' | head -n 1)
	work=$BUILD/overlay-toolstack-$XEN
	rm -rf "$work"; mkdir -p "$work/opt/xen/bin" "$work/opt/xen/lib" "$work/usr/lib/xen/bin"
	cp -L "$ld" "$work/opt/xen/lib/"
	for p in $progs; do
		[ -x "$bin/$p" ] || die "no $p in xen-utils-$XEN"
		cp "$bin/$p" "$work/opt/xen/bin/"
		# The libraries, resolved by that release's own loader.
		"$ld" --library-path "$libpath" --list "$bin/$p" |
			awk '$2 == "=>" && $3 ~ /^\// { print $3 }' | xargs -r cp -L -t "$work/opt/xen/lib/"
		printf '#!/bin/sh\nexec /opt/xen/lib/ld-linux-x86-64.so.2 --library-path /opt/xen/lib /opt/xen/bin/%s "$@"\n' \
			"$p" > "$work/usr/lib/xen/bin/$p"
		chmod 0755 "$work/usr/lib/xen/bin/$p"
	done
	# glibc dlopen()s libgcc_s for pthread_cancel(), which xl uses.
	cp -L "$(find "$root" -name libgcc_s.so.1 | head -n 1)" "$work/opt/xen/lib/"
	mkdir -p "$work/etc/xen" "$work/var/lib/xen" "$work/var/lib/xenstored" \
		"$work/var/log/xen/console" "$work/var/run/xen" "$work/var/run/xenstored"
	# dom0 keeps its memory; a domU is made from what Xen has free.
	echo 'autoballoon="off"' > "$work/etc/xen/xl.conf"
	(cd "$work" && find . -print0 | sort -z | cpio --null -o -H newc -R 0:0 --quiet) |
		gzip -1 > "$XEN_DIR/toolstack.cpio.gz"
	for p in $pkgs; do echo "$p $(dpkg-deb -f "$debs/${p}"_*.deb Version)"; done > "$stamp"
	echo "xen $XEN: $(find "$work/opt/xen/lib" -type f | wc -l) libraries in the toolstack overlay"
fi

# The load generators of make stress, from this machine's packages.
work=$BUILD/overlay-load
if [ ! -s "$OUT/initramfs/load.cpio.gz" ]; then
	rm -rf "$work"; mkdir -p "$work/usr/bin"
	for p in stress-ng trinity; do
		p=$(command -v $p) || die "no $p: run scripts/setup.sh"
		cp "$p" "$work/usr/bin/"
		ldd "$p" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
	done | sort -u | while read -r lib; do
		mkdir -p "$work$(dirname "$lib")"; cp -L "$lib" "$work$lib"
	done
	(cd "$work" && find . -print0 | sort -z | cpio --null -o -H newc -R 0:0 --quiet) |
		gzip -1 > "$OUT/initramfs/load.cpio.gz"
fi
echo "toolstack: Xen $XEN ($(awk 'NR == 1 { print $2 }' "$stamp")): ${XEN_DIR#"$TOP"/}/xen.elf, toolstack.cpio.gz $(du -h "$XEN_DIR/toolstack.cpio.gz" | cut -f1)"
