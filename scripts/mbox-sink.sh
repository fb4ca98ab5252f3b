#!/bin/bash
# git send-email's --sendmail-cmd: append the message on stdin to MBOX
# (mboxrd), instead of handing it to a mail server.
set -euo pipefail
# Only -h/--help of its own: git send-email passes sendmail's options after MBOX.
case ${1:-} in
-h|--help) echo "usage: $0 MBOX [SENDMAIL_ARGS...] < MESSAGE"; exit 0 ;;
''|-*) echo "usage: $0 MBOX [SENDMAIL_ARGS...] < MESSAGE" >&2; exit 2 ;;
esac
mbox=$1
{
	echo "From mbox-sink $(LC_ALL=C date -u '+%a %b %e %T %Y')"
	sed -E 's/^(>*From )/>\1/'
	echo
} >> "$mbox"
