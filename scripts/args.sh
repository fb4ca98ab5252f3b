# The command line every script of the rig shares. Sourced, not run.
# shellcheck shell=bash
#
# args SPEC MIN MAX "$@": -h and --help print usage() and exit 0; an option
# not in SPEC (getopts letters, e.g. "t:s:") or fewer than MIN or more than
# MAX arguments (MAX "-" for any) print usage() to stderr and exit 2. Each
# option in SPEC is handed to opt LETTER (defined by the script), with
# OPTARG set. The arguments left are in ARGS. usage() prints the whole
# usage text, environment settings included.
args() {
	local spec=$1 min=$2 max=$3 o
	shift 3
	for o in "$@"; do
		[ "$o" != -- ] || break
		[ "$o" != --help ] || { usage; exit 0; }
		case $o in --*) echo "${0##*/}: unknown option $o" >&2; usage >&2; exit 2 ;; esac
	done
	OPTIND=1
	while getopts ":h$spec" o; do
		case $o in
		h) usage; exit 0 ;;
		\?) echo "${0##*/}: unknown option -$OPTARG" >&2; usage >&2; exit 2 ;;
		:) echo "${0##*/}: -$OPTARG needs a value" >&2; usage >&2; exit 2 ;;
		*) opt "$o" ;;
		esac
	done
	shift $((OPTIND - 1))
	if [ $# -lt "$min" ] || { [ "$max" != - ] && [ $# -gt "$max" ]; }; then
		echo "${0##*/}: wrong number of arguments ($#)" >&2; usage >&2; exit 2
	fi
	# shellcheck disable=SC2034 # read by the calling script
	ARGS=("$@")
}
