# Shared settings for the rig's scripts. Sourced, not run.
# shellcheck shell=bash
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$TOP/build
OUT=$TOP/out
BASE=${BASE:-6.12}
case $BASE in
6.12) PATCHES=$TOP/patches; TREE=$BUILD/patched/linux; BASE_TREE=$BUILD/base/linux ;;
6.1)  PATCHES=$TOP/patches-6.1; TREE=$BUILD/6.1/patched/linux; BASE_TREE=$BUILD/6.1/base/linux ;;
*) echo "BASE=$BASE: unknown base (6.12 or 6.1)" >&2; exit 2 ;;
esac
SRC_PKG=linux-source-$BASE
# The series' own tests (tools/testing/selftests/xen) judge every kernel.
XEN_TEST_TREE=$BUILD/patched/linux
SRC_TAR=/usr/src/linux-source-$BASE.tar.xz
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
# Hits across clones in other folders and between base and patched: ccache
# makes paths relative, and every tree sits at <dir>/linux beside <dir>/obj-*.
export CCACHE_BASEDIR=$TOP CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=time_macros,include_file_mtime,include_file_ctime

die() { echo "error: $*" >&2; exit 1; }
log() { echo "== $*"; }
