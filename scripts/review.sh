#!/bin/bash
# Review the series as a maintainer would receive it:
#   checkpatch   scripts/checkpatch.pl --strict on every patch
#   mail         git format-patch --cover-letter --base, get_maintainer.pl for
#                To/Cc, git send-email into an mbox, then git am and b4 am of
#                that mbox on the base: both trees must equal make tree's.
# Output under out/review/; a verdict per step on the terminal.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
[ "${1:-}" = -h ] && { echo "usage: $0 [checkpatch|mail]...   (default: both)"; exit 0; }
steps=${*:-checkpatch mail}
R=$OUT/review
rm -rf "$R"; mkdir -p "$R"
fail=0
verdict() { printf '%-12s %s\n' "$1" "$2"; [ "${2%% *}" = ok ] || fail=1; }
[ -d "$TREE/.git" ] || die "no tree: run 'make tree'"

checkpatch() {
	local p out bad=0 n=0
	: > "$R/checkpatch.txt"
	while read -r p; do
		case $p in ''|\#*) continue ;; esac
		n=$((n + 1))
		out=$(cd "$TREE" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl --strict --no-tree -q \
			--ignore UNKNOWN_COMMIT_ID "$PATCHES/$p" 2>&1 | grep -v '^$' || true)
		sum=$(cd "$TREE" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl --strict --ignore UNKNOWN_COMMIT_ID \
			"$PATCHES/$p" 2>/dev/null | grep '^total:' || true)
		echo "$p: $sum" >> "$R/checkpatch.txt"
		# A kept warning must be explained after the patch's "---".
		if ! echo "$sum" | grep -q 'total: 0 errors, 0 warnings, 0 checks'; then
			if echo "$sum" | grep -q 'total: 0 errors' &&
				awk '/^---$/ { d = 1 } d && /^Notes:$/ { n = 1 } n && /checkpatch/ { f = 1 } END { exit !f }' "$PATCHES/$p"; then
				echo "  kept, explained after ---" >> "$R/checkpatch.txt"
			else
				echo "$out" >> "$R/checkpatch.txt"; bad=$((bad + 1))
			fi
		fi
	done < "$PATCHES/series"
	verdict checkpatch "$([ $bad = 0 ] && echo ok || echo FAILED) ($n patches, $bad with findings; out/review/checkpatch.txt)"
}

mail() {
	local m=$R/mail mbox=$R/series.mbox wt=$R/am
	mkdir -p "$m"
	[ -f "$PATCHES/cover-letter.txt" ] || { verdict mail "FAILED (no patches/cover-letter.txt)"; return; }
	git -C "$TREE" format-patch -q --cover-letter --base=base --thread=shallow \
		--zero-commit -o "$m" base..HEAD
	# The cover letter's subject and text from patches/cover-letter.txt.
	local cl=$m/0000-cover-letter.patch subj
	subj=$(head -n 1 "$PATCHES/cover-letter.txt")
	awk -v subj="$subj" -v body="$PATCHES/cover-letter.txt" '
		/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, subj) }
		/\*\*\* BLURB HERE \*\*\*/ { while ((getline l < body) > 0) if (n++ >= 2) print l; next }
		{ print }' "$cl" > "$cl.new" && mv "$cl.new" "$cl"
	# Recipients: maintainers and lists of what the series touches.
	(cd "$TREE" && ./scripts/get_maintainer.pl --no-rolestats --no-git --no-git-fallback \
		"$m"/0*-*.patch 2>/dev/null | grep -v '^$') > "$R/recipients.txt" || true
	local to cc
	to=$(grep -v '@vger\|@lists\|@kernel.org$' "$R/recipients.txt" | head -n 4 | paste -sd, -)
	cc=$(grep -vxF -f <(echo "$to" | tr ',' '\n') "$R/recipients.txt" | paste -sd, -)
	: > "$mbox"
	if ! git -C "$TREE" send-email --quiet --confirm=never --no-validate --suppress-cc=all \
		--from="$(git -C "$TREE" config user.name) <$(git -C "$TREE" config user.email)>" \
		--to="${to:-x86@kernel.org}" ${cc:+--cc="$cc"} \
		--sendmail-cmd="$TOP/scripts/mbox-sink.sh $mbox" "$m"/*.patch > "$R/send-email.log" 2>&1; then
		verdict mail "FAILED (git send-email: out/review/send-email.log)"; return
	fi
	local sent want
	sent=$(grep -c '^From mbox-sink' "$mbox") want=$(ls "$m"/*.patch | wc -l)
	[ "$sent" = "$want" ] || { verdict mail "FAILED ($sent of $want mails sent)"; return; }
	# Apply what was mailed, with git am and with b4, onto the base.
	local expect gam b4t
	expect=$(git -C "$TREE" rev-parse 'HEAD^{tree}')
	git -C "$TREE" worktree remove --force "$wt" 2>/dev/null; rm -rf "$wt"
	git -C "$TREE" worktree add -q --detach "$wt" base
	git -C "$wt" -c core.hooksPath=/dev/null am -q --empty=drop "$mbox" > "$R/git-am.log" 2>&1 || true
	gam=$(git -C "$wt" rev-parse 'HEAD^{tree}')
	git -C "$wt" am --abort > /dev/null 2>&1 || true
	git -C "$wt" checkout -q --detach base
	(mkdir -p "$R/b4" && cd "$R" && b4 -q --offline-mode am -m "$mbox" -o "$R/b4" -n series > "$R/b4.log" 2>&1) || true
	git -C "$wt" -c core.hooksPath=/dev/null am -q "$R"/b4/series.mbx >> "$R/b4.log" 2>&1 || true
	b4t=$(git -C "$wt" rev-parse 'HEAD^{tree}')
	git -C "$TREE" worktree remove --force "$wt"
	{ echo "To: $to"; echo "Cc: $cc"; echo "tree of make tree: $expect"
	  echo "tree after git am of the mbox: $gam"; echo "tree after b4 am of the mbox: $b4t"; } > "$R/mail.txt"
	if [ "$gam" = "$expect" ] && [ "$b4t" = "$expect" ]; then
		verdict mail "ok ($sent mails; git am and b4 am give tree ${expect:0:12})"
	else
		verdict mail "FAILED (tree hashes differ: out/review/mail.txt)"
	fi
}

for s in $steps; do
	case $s in checkpatch|mail) $s ;; *) die "unknown step $s" ;; esac
done
exit $fail
