#!/bin/bash
# git send-email's --sendmail-cmd: append the message on stdin to MBOX
# (mboxrd), instead of handing it to a mail server.
set -euo pipefail
mbox=$1
{
	echo "From mbox-sink $(LC_ALL=C date -u '+%a %b %e %T %Y')"
	sed -E 's/^(>*From )/>\1/'
	echo
} >> "$mbox"
