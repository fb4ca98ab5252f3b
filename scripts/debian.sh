#!/bin/bash
# Download packages from any suite of Debian's archive (the mirror this
# machine's apt uses) without touching its apt sources or installing
# anything: a private apt state in build/apt/<suites>/.
#   -d   the packages and everything they depend on (for a sysroot)
#   -x   unpack every downloaded package into DEST/root
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
usage() {
	echo "usage: $0 [-d] [-x] SUITE[,SUITE...] DEST PACKAGE...   (e.g. trixie build/xen-4.20 xen-utils-4.20)"
}
deps='' unpack=''
opt() { case $1 in d) deps=1 ;; x) unpack=1 ;; esac; }
args dx 3 - "$@"
set -- "${ARGS[@]}"
suites=$1 dest=$2; shift 2
mkdir -p "$dest"; dest=$(cd "$dest" && pwd)

# The host's Debian mirror, from its own apt sources.
mirror=$(grep -rhoE 'https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null |
	head -n 1 | tr -d ' ') || true
mirror=${mirror:-http://deb.debian.org/debian}; mirror=${mirror%/}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || die "no $keyring (package debian-archive-keyring)"

state=$BUILD/apt/${suites//,/+}
mkdir -p "$state/lists/partial" "$state/archives/partial"
: > "$state/status"
for s in ${suites//,/ }; do
	case $s in *-security) echo "deb [signed-by=$keyring] $mirror-security $s main" ;;
	*) echo "deb [signed-by=$keyring] $mirror $s main" ;; esac
done > "$state/sources.list"
apt=(-q -o Dir::Etc::SourceList="$state/sources.list" -o Dir::Etc::SourceParts=/dev/null
	-o Dir::State="$state" -o Dir::State::status="$state/status" -o Dir::Cache="$state"
	-o Dir::Cache::archives="$state/archives" -o APT::Sandbox::User=root -o Debug::NoLocking=1)
# The lists are fetched once a day at most.
if [ -z "$(find "$state/lists" -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -n 1)" ]; then
	apt-get "${apt[@]}" update > "$state/update.log" 2>&1 ||
		{ tail -n 5 "$state/update.log" >&2; die "apt-get update of $suites failed"; }
fi
# newest PACKAGE: the most recent download of PACKAGE in the cache.
newest() { find "$state/archives" -maxdepth 1 -name "$1_*.deb" -printf '%T@ %p\n' | sort -n | tail -n 1 | cut -d' ' -f2-; }
if [ -n "$deps" ]; then
	apt-get "${apt[@]}" install -y --download-only --no-install-recommends "$@" > "$state/get.log" 2>&1 ||
		{ tail -n 5 "$state/get.log" >&2; die "downloading $* and what it needs from $suites failed"; }
	# The closure: every package apt resolved, from the download cache.
	files=$(apt-get "${apt[@]}" install -s --no-install-recommends "$@" 2>/dev/null |
		awk '$1 == "Inst" { print $2 }' | while read -r p; do newest "${p%%:*}"; done)
else
	files=
	for p in "$@"; do
		(cd "$state/archives" && apt-get "${apt[@]}" download "$p" > "$state/get.log" 2>&1) ||
			{ tail -n 5 "$state/get.log" >&2; die "downloading $p from $suites failed"; }
		files+=" $(newest "$p")"
	done
fi
rm -f "$dest"/*.deb
for f in $files; do cp "$f" "$dest/"; done
if [ -n "$unpack" ]; then
	rm -rf "$dest/root"; mkdir -p "$dest/root"
	for f in "$dest"/*.deb; do dpkg-deb -x "$f" "$dest/root"; done
fi
got=("$dest"/*.deb)
echo "${#got[@]} packages from $suites in ${dest#"$TOP"/}"
