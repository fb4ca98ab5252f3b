#!/bin/bash
# Install the Debian packages the rig needs (only those missing). The
# kernel sources and Xen are not installed: scripts/tree.sh and
# scripts/toolstack.sh download them (configs/bases, configs/xen-versions).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() { echo "usage: $0"; }
args "" 0 0 "$@"
pkgs=(debian-archive-keyring qemu-system-x86 shellcheck
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
mkdir -p "$OUT/logs" "$CCACHE_DIR"
ccache -M 20G > /dev/null
echo "setup: all ${#pkgs[@]} packages present, QEMU $(dpkg-query -W -f '${Version}' qemu-system-x86)"
