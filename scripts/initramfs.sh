#!/bin/bash
# Make a guest initramfs: busybox-static, guest/init and the test programs
# built from the given tree (x86 entry selftests, 64- and 32-bit, static)
# and the series' Xen selftests.
# Result: out/initramfs/<tree>.cpio.gz
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() { echo "usage: [BASE=${BASES// /|}] $0 base|patched"; }
args "" 1 1 "$@"
case $1 in base|patched) ;; *) usage >&2; exit 2 ;; esac
tree=$1
case $tree in base) src=$BASE_TREE ;; patched) src=$TREE ;; esac
name=$BASE-$tree
work=$(dirname "$src")/initramfs
dest=$OUT/initramfs/$name.cpio.gz
blog=$OUT/logs/selftests-$name.log
rm -rf "$work"; mkdir -p "$work/root" "$OUT/initramfs" "$OUT/logs"
root=$work/root
chmod 0755 "$root"

# UAPI headers of the tree under test.
make -C "$src" O="$work/hdr" -s headers > "$blog" 2>&1 || die "headers of $tree (log: $blog)"
hdr="-I$work/hdr/usr/include"

mkdir -p "$root/selftests/x86" "$root/selftests/xen"
mkdir -p "$work/x86" "$work/xen"
make -C "$src/tools/testing/selftests/x86" OUTPUT="$work/x86" KHDR_INCLUDES="$hdr" \
	CC="gcc -static" -j"$(nproc)" >> "$blog" 2>&1 || die "x86 selftests of $tree (log: ${blog#"$TOP"/})"
find "$work/x86" -maxdepth 1 -type f -executable -exec cp {} "$root/selftests/x86/" \;
# The series' own tests judge the base and the patched kernel alike
# (lib.sh: from this base's patched tree, or 6.12's for the 6.1 backport).
[ -d "$XEN_TEST_TREE/.git" ] || BASE=$XEN_TEST_BASE "$TOP/scripts/tree.sh" >> "$blog" 2>&1 ||
	die "the $XEN_TEST_BASE tree for tools/testing/selftests/xen (log: ${blog#"$TOP"/})"
if [ -d "$XEN_TEST_TREE/tools/testing/selftests/xen" ]; then
	# Against their own tree's UAPI headers, as kselftests are built: the
	# ioctls they use are ABI, and a kernel without one skips its test.
	xhdr=$hdr
	if [ "$XEN_TEST_TREE" != "$src" ]; then
		make -C "$XEN_TEST_TREE" O="$work/xhdr" -s headers >> "$blog" 2>&1 ||
			die "headers of the $XEN_TEST_BASE tree (log: ${blog#"$TOP"/})"
		xhdr="-I$work/xhdr/usr/include"
	fi
	make -C "$XEN_TEST_TREE/tools/testing/selftests/xen" OUTPUT="$work/xen" KHDR_INCLUDES="$xhdr" \
		CC="gcc -static" \
		>> "$blog" 2>&1 || die "xen selftests of $tree (log: ${blog#"$TOP"/})"
	find "$work/xen" -maxdepth 1 -type f -executable -exec cp {} "$root/selftests/xen/" \;
fi

# The rig's loop of privcmd, evtchn and grant ioctls (make faultinject), with
# the selftests' stand-in for the Xen ABI header privcmd.h includes.
mkdir -p "$root/tools"
gcc -static -O2 -Wall "$hdr" -I"$XEN_TEST_TREE/tools/testing/selftests/xen/include" \
	-o "$root/tools/xen_ioctls" "$TOP/guest/xen_ioctls.c" >> "$blog" 2>&1 ||
	die "guest/xen_ioctls.c (log: ${blog#"$TOP"/})"

# The rig's entry-path micro-benchmarks (make bench).
mkdir -p "$root/bench"
gcc -static -O2 -Wall -o "$root/bench/entry_bench" "$TOP/bench/entry_bench.c" >> "$blog" 2>&1 ||
	die "bench/entry_bench.c (log: ${blog#"$TOP"/})"

mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,etc}
cp /bin/busybox "$root/bin/busybox"
install -m 0755 "$TOP/guest/init" "$root/init"
echo 'root:x:0:0:root:/:/bin/sh' > "$root/etc/passwd"
echo 'nobody:x:65534:65534:nobody:/:/bin/false' >> "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"
(cd "$root" && find . -print0 | sort -z | cpio --null -o -H newc -R 0:0 --quiet) | gzip -1 > "$dest"
echo "initramfs $name: $(find "$root/selftests/x86" -type f | wc -l) x86 selftests, $(find "$root/selftests/xen" -type f | wc -l) xen selftests, $(du -h "$dest" | cut -f1)"
