#!/bin/bash
# Install the Debian packages the rig needs (only those missing) and put
# Xen's multiboot ELF at out/xen/xen.elf.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ "${1:-}" = -h ] && { echo "usage: $0"; exit 0; }
pkgs=(linux-source-6.12 linux-source-6.1 xen-hypervisor-4.17-amd64 xen-utils-4.17 qemu-system-x86
	busybox-static gcc-multilib ccache make gcc flex bison bc libelf-dev libssl-dev
	cpio gzip xz-utils jq git git-email libmailtools-perl perl b4 sparse python3 rsync dwarves gnuplot-nox
	stress-ng trinity)
mkdir -p "$OUT/logs"
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	log "installing ${missing[*]}"
	[ "$(id -u)" = 0 ] || die "need root to install: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" > "$OUT/logs/apt.log" 2>&1 ||
		{ tail -20 "$OUT/logs/apt.log"; die "apt-get install failed"; }
fi
mkdir -p "$OUT/xen" "$OUT/logs" "$CCACHE_DIR"
[ -s "$OUT/xen/xen.elf" ] || zcat /boot/xen-4.17-amd64.gz > "$OUT/xen/xen.elf"
ccache -M 20G > /dev/null
echo "setup: all ${#pkgs[@]} packages present, xen $(dpkg-query -W -f '${Version}' xen-hypervisor-4.17-amd64)"
