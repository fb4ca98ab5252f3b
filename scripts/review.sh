#!/bin/bash
# Review the series as a maintainer would receive it:
#   checkpatch   scripts/checkpatch.pl --strict on every patch
#   mail         the postings of patches-BASE/postings, each with git
#                format-patch --cover-letter --base, every patch To/Cc its
#                own get_maintainer.pl, git send-email into an mbox per
#                posting, then git am and b4 am of the mboxes in order on
#                the base: both trees must equal make tree's.
#                Author and Signed-off-by are the sender's git identity
#                (the sender certifies the DCO); no identity, no mail.
#   sparse       make C=2 on the C files the series touches, base and
#                patched (dynamic config): no new warning
#   objtool      the debug build's objtool warnings: none new against the base
#   configs      the series in configurations the rig does not boot: static
#                full preemption with privcmd as a module (x86), and
#                drivers/xen/ and arch/arm64/xen/ for arm64 (cross gcc):
#                they build, with no warning in a file the series touches
#   bisect       every prefix of the series builds in every rig config
#                (incrementally, in build/bisect/) and its dynamic kernel
#                boots as Xen PV dom0 with preemptible hypercalls working;
#                a patch to selftests or documentation only changes no
#                kernel and is marked "same"
# BASE (configs/bases, default 7.3) chooses the series. Output under
# out/review-BASE/; a verdict per step on the terminal.
# make check runs checkpatch and mail; make review all of them.
set -uo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
all="checkpatch mail sparse objtool configs bisect"
usage() {
	echo "usage: [BASE=${BASES// /|}] $0 [${all// /|}]...   (default: all)"
	echo "env: BISECT_CONFIGS (the base's configs: dynamic debug native, and voluntary where it exists), XEN (4.17) for the prefix boots"
}
args "" 0 5 "$@"
steps=${*:-$all}
R=$OUT/review-$BASE
mkdir -p "$R"
for s in $steps; do
	case " $all " in *" $s "*) ;; *) die "unknown step $s (one of: $all)" ;; esac
	rm -rf "${R:?}/$s" "$R/$s.txt"
done
fail=0
verdict() { printf '%-12s %s\n' "$1" "$2"; [ "${2%% *}" = ok ] || fail=1; }
[ -d "$TREE/.git" ] || die "no tree: run 'make tree'"

checkpatch() {
	local p out bad=0 n=0
	: > "$R/checkpatch.txt"
	while read -r p; do
		case $p in ''|\#*) continue ;; esac
		n=$((n + 1))
		out=$(cd "$TREE" || exit; PATH=/usr/bin:$PATH ./scripts/checkpatch.pl --strict --no-tree -q \
			--ignore UNKNOWN_COMMIT_ID "$PATCHES/$p" 2>&1 | grep -v '^$') || true
		sum=$(cd "$TREE" || exit; PATH=/usr/bin:$PATH ./scripts/checkpatch.pl --strict --ignore UNKNOWN_COMMIT_ID \
			"$PATCHES/$p" 2>/dev/null | grep '^total:') || true
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
	verdict checkpatch "$([ $bad = 0 ] && echo ok || echo FAILED) ($n patches, $bad with findings; ${R#"$TOP"/}/checkpatch.txt)"
}

# The postings: patches-BASE/postings splits the series the way it is
# sent, "NAME FIRST-LAST [EXTRA-CC, ...]" per line, each a thread of its
# own with cover-NAME.txt (subject, blank line, how it relates to the
# others) above the common cover-letter.txt text. Without that file the
# series is one posting.
postings() {
	local n
	if [ -f "$PATCHES/postings" ]; then
		grep -v '^#' "$PATCHES/postings" | grep .
	else
		n=$(git -C "$TREE" rev-list --count base..HEAD)
		echo "series 1-$n"
	fi
}

mail() {
	local m=$R/mail mbox wt=$R/am name email ident own
	mkdir -p "$m"
	[ -f "$PATCHES/cover-letter.txt" ] || { verdict mail "FAILED (no ${PATCHES#"$TOP"/}/cover-letter.txt)"; return; }
	# The mail carries the sender's identity as author and Signed-off-by:
	# whoever sends it certifies the DCO with it. The rig's repository
	# (with the global config), not the kernel tree's local stand-in.
	name=$(git -C "$TOP" config user.name || true) email=$(git -C "$TOP" config user.email || true)
	if [ -z "$name" ] || [ -z "$email" ]; then
		verdict mail "FAILED (no git identity: the sender certifies the DCO with it; git config --global user.name/user.email)"
		return
	fi
	ident="$name <$email>"
	local commits total covered=0 post range extra first last cover f subj to cc all sent=0 want=0 own1
	mapfile -t commits < <(git -C "$TREE" rev-list --reverse base..HEAD)
	total=${#commits[@]}
	# The series' own author (patches-BASE/) becomes the sender, in From:
	# and in Signed-off-by:; other people's tags stay as they are.
	own=$(git -C "$TREE" log -1 --format='%an <%ae>' "${commits[0]}")
	: > "$R/recipients.txt"
	while read -r post range extra; do
		first=${range%-*} last=${range#*-}
		if [ "$first" != "$((covered + 1))" ] || [ "$last" -lt "$first" ] || [ "$last" -gt "$total" ]; then
			verdict mail "FAILED (postings: $post $range does not follow patch $covered of $total)"; return
		fi
		covered=$last
		cover=$PATCHES/cover-$post.txt
		[ "$post" = series ] && cover=''
		[ -z "$cover" ] || [ -f "$cover" ] || { verdict mail "FAILED (no ${cover#"$TOP"/})"; return; }
		mkdir -p "$m/$post"
		git -C "$TREE" format-patch -q --cover-letter --base=base --thread=shallow --zero-commit \
			-o "$m/$post" "${commits[$((first - 1))]}~1..${commits[$((last - 1))]}"
		for f in "$m/$post"/0*-*.patch; do
			# The cover letter is the sender's whoever committed the tree.
			own1=$own; [ "${f##*/}" != 0000-cover-letter.patch ] || own1=''
			OWN=$own1 IDENT=$ident perl -0pi -e '
				my ($o, $i) = ($ENV{OWN}, $ENV{IDENT});
				s/^From: (.*(?:\n[ \t]+.*)*)$/my $v = $1; (my $u = $v) =~ s{\n[ \t]+}{ }g; ($o eq "" || $u eq $o) ? "From: $i" : "From: $v"/me;
				s/^Signed-off-by: \Q$o\E$/Signed-off-by: $i/mg;' "$f"
			grep -q "^Signed-off-by: $ident\$" "$f" || [ "${f##*/}" = 0000-cover-letter.patch ] ||
				{ verdict mail "FAILED ($post/${f##*/} has no Signed-off-by: $ident)"; return; }
		done
		# The cover letter: this posting's subject and place, then the series' text.
		subj=$(head -n 1 "${cover:-$PATCHES/cover-letter.txt}")
		awk -v subj="$subj" -v own="$cover" -v body="$PATCHES/cover-letter.txt" '
			/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, subj) }
			/\*\*\* BLURB HERE \*\*\*/ {
				if (own != "") { while ((getline l < own) > 0) if (o++ >= 2) print l; print "" }
				while ((getline l < body) > 0) if (n++ >= 2) print l
				next }
			{ print }' "$m/$post/0000-cover-letter.patch" > "$m/$post/cover.new" &&
			mv "$m/$post/cover.new" "$m/$post/0000-cover-letter.patch"
		# Each patch to its own maintainers (To) and lists and reviewers (Cc),
		# plus the posting's extra Cc; the cover letter to all of them.
		all=$(cd "$TREE" && ./scripts/get_maintainer.pl --no-rolestats --no-git --no-git-fallback \
			"$m/$post"/0*-*.patch 2>/dev/null | grep -v '^$') || true
		mbox=$R/$post.mbox
		: > "$mbox"
		for f in "$m/$post"/0*-*.patch; do
			if [ "${f##*/}" = 0000-cover-letter.patch ]; then
				to=$(echo "$all" | grep -v '@vger\|@lists\|^[^<]*$' | paste -sd, -)
				cc=$(echo "$all" | grep '@vger\|@lists' | paste -sd, -)
			else
				to=$( (cd "$TREE" && ./scripts/get_maintainer.pl --no-rolestats --no-git --no-git-fallback \
					--no-r --no-l "$f" 2>/dev/null) | grep . | paste -sd, -)
				cc=$( (cd "$TREE" && ./scripts/get_maintainer.pl --no-rolestats --no-git --no-git-fallback \
					--no-m "$f" 2>/dev/null) | grep . | paste -sd, -)
			fi
			[ -z "$extra" ] || cc=${cc:+$cc, }$extra
			echo "$post/${f##*/}: To: ${to:-x86@kernel.org}; Cc: $cc" >> "$R/recipients.txt"
			if ! git -C "$TREE" send-email --quiet --confirm=never --no-validate --suppress-cc=all \
				--from="$ident" --to="${to:-x86@kernel.org}" ${cc:+--cc="$cc"} \
				--sendmail-cmd="$TOP/scripts/mbox-sink.sh $mbox" "$f" < /dev/null >> "$R/send-email.log" 2>&1; then
				verdict mail "FAILED (git send-email of $post/${f##*/}: ${R#"$TOP"/}/send-email.log)"; return
			fi
			want=$((want + 1))
		done
		sent=$((sent + $(grep -c '^From mbox-sink' "$mbox")))
		echo "$post" >> "$R/postings.txt"
	done < <(postings)
	[ "$covered" = "$total" ] || { verdict mail "FAILED (postings cover $covered of $total patches)"; return; }
	[ "$sent" = "$want" ] || { verdict mail "FAILED ($sent of $want mails sent)"; return; }
	# Apply what was mailed, posting after posting, with git am and with b4.
	local expect gam b4t nposts
	expect=$(git -C "$TREE" rev-parse 'HEAD^{tree}')
	git -C "$TREE" worktree remove --force "$wt" 2>/dev/null; rm -rf "$wt"
	git -C "$TREE" worktree add -q --detach "$wt" base
	: > "$R/git-am.log"; : > "$R/b4.log"
	while read -r post _; do
		git -C "$wt" -c core.hooksPath=/dev/null am -q --empty=drop "$R/$post.mbox" < /dev/null >> "$R/git-am.log" 2>&1 ||
			git -C "$wt" am --abort > /dev/null 2>&1 || true
	done < <(postings)
	gam=$(git -C "$wt" rev-parse 'HEAD^{tree}')
	git -C "$wt" checkout -q --detach base
	# From the tree: b4 needs a git identity, and tree.sh gives it one.
	mkdir -p "$R/b4"
	while read -r post _; do
		(cd "$TREE" && b4 -q --offline-mode am -m "$R/$post.mbox" -o "$R/b4" -n "$post" < /dev/null >> "$R/b4.log" 2>&1) || true
		git -C "$wt" -c core.hooksPath=/dev/null am -q "$R/b4/$post.mbx" < /dev/null >> "$R/b4.log" 2>&1 ||
			git -C "$wt" am --abort > /dev/null 2>&1 || true
	done < <(postings)
	b4t=$(git -C "$wt" rev-parse 'HEAD^{tree}')
	git -C "$TREE" worktree remove --force "$wt"
	nposts=$(postings | wc -l)
	{ echo "From: $ident"; echo "postings: $(postings | awk '{ printf "%s%s (%s)", s, $1, $2; s = ", " }')"
	  echo "tree of make tree: $expect"
	  echo "tree after git am of the mboxes: $gam"; echo "tree after b4 am of the mboxes: $b4t"
	  echo "recipients: recipients.txt"; } > "$R/mail.txt"
	if [ "$gam" = "$expect" ] && [ "$b4t" = "$expect" ]; then
		verdict mail "ok ($nposts postings, $sent mails from $ident; git am and b4 am give tree ${expect:0:12})"
	else
		verdict mail "FAILED (tree hashes differ: ${R#"$TOP"/}/mail.txt)"
	fi
}

# kernel TREE CONFIG: bring its build up to date with the tree (incremental).
kernel() {
	"$TOP/scripts/build.sh" "$1" "$2" > /dev/null
}

sparse() {
	local files t src obj f check
	check=$(type -P sparse || echo /usr/bin/sparse)
	files=$(git -C "$TREE" diff --name-only base..HEAD -- '*.c' | grep -v '^tools/')
	mkdir -p "$R/sparse"
	# A tree whose Makefile refuses the host's sparse (7.3 wants
	# __typeof_unqual__, which Debian 12's 0.6.4 lacks) gets sid's, unpacked
	# with its libraries into build/sparse/ (never installed) and run
	# through their own loader: sid's glibc is newer than the host's.
	if [ -x "$TREE/scripts/checker-valid.sh" ] &&
		[ "$(sh "$TREE/scripts/checker-valid.sh" sparse --arch=x86 -mlittle-endian -m64)" != 1 ]; then
		check=$BUILD/sparse/sparse
		if [ ! -x "$check" ]; then
			"$TOP/scripts/debian.sh" -d -x sid "$BUILD/sparse" sparse > /dev/null ||
				{ verdict sparse "FAILED (downloading sid's sparse)"; return; }
			local lib=$BUILD/sparse/root/usr/lib/x86_64-linux-gnu
			printf '#!/bin/sh\nexec %s --library-path %s %s "$@"\n' "$lib/ld-linux-x86-64.so.2" "$lib" \
				"$BUILD/sparse/root/usr/bin/sparse" > "$check"
			chmod +x "$check"
		fi
		"$check" --version > /dev/null 2>&1 || { verdict sparse "FAILED (sid's sparse does not run: $check)"; return; }
	fi
	for t in base patched; do
		kernel "$t" dynamic || { verdict sparse "FAILED (building $t dynamic)"; return; }
		src=$BASE_TREE; [ $t = base ] || src=$TREE
		obj=$(dirname "$src")/obj-dynamic
		: > "$R/sparse/$t.log"
		for f in $files; do
			# Only what the config builds, and what exists in this tree.
			[ -f "$src/$f" ] || continue
			[ -f "$obj/${f%.c}.o" ] || continue
			make -C "$src" O="$obj" CC="ccache gcc" C=2 CHECK="$check" "${f%.c}.o" >> "$R/sparse/$t.log" 2>&1
		done
		# Warnings without line numbers, so moved code is not "new".
		grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error):' "$R/sparse/$t.log" |
			sed -E "s|^$src/||; s/:[0-9]+:[0-9]+:/:/" | sort -u > "$R/sparse/$t.txt"
	done
	local checked new
	checked=$(grep '^  CHECK ' "$R/sparse/patched.log" | grep -v scripts/mod/ | sort -u | wc -l)
	comm -13 "$R/sparse/base.txt" "$R/sparse/patched.txt" > "$R/sparse/new.txt"
	new=$(wc -l < "$R/sparse/new.txt")
	if grep -q 'sparse is not available or not up to date' "$R/sparse/patched.log"; then
		verdict sparse "FAILED (this tree's Makefile refuses sparse $(sparse --version 2>/dev/null): not run)"; return
	fi
	[ "$checked" -gt 0 ] || { verdict sparse "FAILED (sparse checked no file: ${R#"$TOP"/}/sparse/)"; return; }
	verdict sparse "$([ "$new" = 0 ] && echo ok || echo FAILED) ($checked files with $("$check" --version 2>/dev/null || echo sparse), $(wc -l < "$R/sparse/base.txt") warnings on base, $new new; ${R#"$TOP"/}/sparse/)"
}

objtool() {
	local t new
	for t in base patched; do
		kernel "$t" debug || { verdict objtool "FAILED (building $t debug)"; return; }
	done
	mkdir -p "$R/objtool"
	for t in base patched; do
		sed 's/+0x[0-9a-f]*//g' "$OUT/kernels/$BASE-$t-debug/objtool.txt" | sort -u > "$R/objtool/$t.txt"
	done
	comm -13 "$R/objtool/base.txt" "$R/objtool/patched.txt" > "$R/objtool/new.txt"
	new=$(wc -l < "$R/objtool/new.txt")
	verdict objtool "$([ "$new" = 0 ] && echo ok || echo FAILED) ($(wc -l < "$R/objtool/base.txt") warnings on base, $new new; debug config)"
}

configs() {
	local log touched w a64 obj
	mkdir -p "$R/configs"
	touched=$(git -C "$TREE" diff --name-only base..HEAD -- '*.c' '*.h' | grep -v '^tools/' | paste -sd'|' -)
	# The touched files' objects go first: an up-to-date build compiles
	# nothing and would show no warning. ccache gives its warnings back.
	# forget OBJDIR: remove the objects of the touched C files under OBJDIR
	forget() { local f; for f in ${touched//|/ }; do case $f in *.c) rm -f "$1/${f%.c}.o" ;; esac; done; }
	# x86: static PREEMPT=y (no PREEMPT_DYNAMIC), CONFIG_XEN_PRIVCMD=m.
	log=$OUT/logs/build-$BASE-patched-static-full-modules.log
	forget "$(dirname "$TREE")/obj-static-full-modules"
	if ! kernel patched static-full-modules; then
		verdict configs "FAILED (x86 static-full-modules: ${log#"$TOP"/})"; return
	fi
	w=$(grep -E ': (warning|error):' "$log" | grep -cE "^($touched)|/($touched):" || true)
	cp "$log" "$R/configs/x86-static-full-modules.log"
	# arm64: drivers/xen/ is shared; build it and arch/arm64/xen/. Debian's
	# cross gcc conflicts with gcc-multilib (the x86 selftests' -m32), so
	# it is unpacked into build/cross/, never installed.
	local cross=$BUILD/cross/root/usr/bin
	if [ ! -x "$cross/aarch64-linux-gnu-gcc" ]; then
		"$TOP/scripts/debian.sh" -x bookworm "$BUILD/cross" gcc-aarch64-linux-gnu gcc-12-aarch64-linux-gnu \
			cpp-12-aarch64-linux-gnu binutils-aarch64-linux-gnu libgcc-12-dev-arm64-cross \
			libc6-dev-arm64-cross libc6-arm64-cross linux-libc-dev-arm64-cross > /dev/null ||
			{ verdict configs "FAILED (downloading the arm64 cross compiler)"; return; }
	fi
	obj=$(dirname "$TREE")/obj-arm64 a64=$R/configs/arm64.log
	local PATH=$cross:$PATH
	mkdir -p "$obj"
	forget "$obj"
	if ! { make -C "$TREE" O="$obj" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- CC="ccache aarch64-linux-gnu-gcc" -s tinyconfig &&
		"$TREE/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "$TOP/configs/arm64-xen.config" &&
		make -C "$TREE" O="$obj" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- CC="ccache aarch64-linux-gnu-gcc" -s olddefconfig &&
		grep -q '^CONFIG_XEN_PRIVCMD_EVENTFD=y' "$obj/.config" &&
		make -C "$TREE" O="$obj" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- CC="ccache aarch64-linux-gnu-gcc" \
			-j"$(nproc)" drivers/xen/ arch/arm64/xen/; } > "$a64" 2>&1; then
		verdict configs "FAILED (arm64 drivers/xen/: ${a64#"$TOP"/})"; return
	fi
	w=$((w + $(grep -E ': (warning|error):' "$a64" | grep -cE "^($touched)|/($touched):" || true)))
	# Each build must have compiled touched files, or it checked nothing.
	local nx n64
	nx=$(grep -E '^  CC( \[M\])? ' "$log" | grep -cE " ($touched|${touched//.c/.o})" || true)
	n64=$(grep -E '^  CC ' "$a64" | grep -cE " ($touched|${touched//.c/.o})" || true)
	if [ "$nx" = 0 ] || [ "$n64" = 0 ]; then
		verdict configs "FAILED (no touched file compiled: x86 $nx, arm64 $n64; ${R#"$TOP"/}/configs/)"; return
	fi
	verdict configs "$([ "$w" = 0 ] && echo ok || echo FAILED) (x86 static PREEMPT=y with privcmd.ko: $nx touched objects, arm64 drivers/xen/: $n64: $w warnings in touched files; ${R#"$TOP"/}/configs/)"
}

# Each prefix of the series is checked out in build/BASE/bisect/linux and built
# there incrementally; the dynamic kernel boots as dom0 in the base's default model
# with the patched tree's initramfs and must pass the preemptible-hypercall
# test, judged against tests/expectations like the patched kernel.
bisect() {
	local wt=$BUILD/$BASE/bisect/linux B=$R/bisect i c cfg row bad=0 rec commits
	begin_run review-bisect
	mapfile -t commits < <(git -C "$TREE" rev-list --reverse base..HEAD)
	mkdir -p "$B"
	worktree "$wt"
	[ -f "$OUT/initramfs/$BASE-patched.cpio.gz" ] || "$TOP/scripts/initramfs.sh" patched > /dev/null
	"$TOP/scripts/toolstack.sh" > /dev/null
	{ printf '%-3s %-12s' '#' commit; for cfg in $BISECT_CONFIGS; do printf ' %-9s' "$cfg"; done
	  printf ' %-22s %s\n' 'dom0 boot, hcall p99' subject; } > "$B/table.txt"
	for i in "${!commits[@]}"; do
		c=${commits[$i]}
		git -C "$wt" checkout -q --detach "$c"
		row=$(printf '%-3s %-12s' $((i + 1)) "${c:0:12}")
		# A patch that changes nothing the kernel build reads (selftests,
		# documentation, MAINTAINERS) leaves the previous prefix's kernels:
		# not built or booted again.
		if [ "$i" -gt 0 ] && ! git -C "$TREE" diff --name-only "$c~1" "$c" |
			grep -qvE '^(tools/testing/|Documentation/|MAINTAINERS$)'; then
			for cfg in $BISECT_CONFIGS; do row+=$(printf ' %-9s' same); done
			row+=$(printf ' %-22s' "same as $i")
			echo "$row $(git -C "$wt" log -1 --format=%s "$c")" >> "$B/table.txt"
			continue
		fi
		rm -f "$OUT/kernels/$BASE-bisect-"*/bzImage
		for cfg in $BISECT_CONFIGS; do
			if "$TOP/scripts/build.sh" bisect "$cfg" > "$B/build-$((i + 1))-$cfg.log" 2>&1; then
				row+=$(printf ' %-9s' ok)
			else
				row+=$(printf ' %-9s' FAILED); bad=1
			fi
		done
		rec=$RESULTS/dom0-xen$XEN-$BASE-patched-dynamic-$MODEL-prefix-$((i + 1)).json
		rm -f "$rec"
		if [ -f "$OUT/kernels/$BASE-bisect-dynamic/bzImage" ] &&
			KERNEL=$OUT/kernels/$BASE-bisect-dynamic/bzImage "$TOP/scripts/boot.sh" -t 600 \
				-s "prefix-$((i + 1))" dom0 patched dynamic "$MODEL" guest_type:hcall \
				> "$B/boot-$((i + 1)).log" 2>&1; [ -f "$rec" ] &&
			"$TOP/scripts/judge.sh" "$rec" >> "$B/boot-$((i + 1)).log" 2>&1; then
			row+=$(printf ' %-22s' "ok $(jq -r '.hcall.late_p99_ms // "-"' "$rec") ms")
		else
			row+=$(printf ' %-22s' FAILED); bad=1
		fi
		[ -f "$rec" ] && mv "$rec" "$B/"
		row+=" $(git -C "$wt" log -1 --format=%s "$c")"
		echo "$row" >> "$B/table.txt"
	done
	rm -f "$OUT/kernels/$BASE-bisect-"*/bzImage
	verdict bisect "$([ $bad = 0 ] && echo ok || echo FAILED) (${#commits[@]} prefixes x {$BISECT_CONFIGS} built, dom0 boots; ${R#"$TOP"/}/bisect/table.txt)"
}
# 7.3 has no static voluntary model (configs/7.3/ has no voluntary.config).
def_configs="dynamic voluntary debug native"; [ "$BASE" != 7.3 ] || def_configs="dynamic debug native"
BISECT_CONFIGS=${BISECT_CONFIGS:-$def_configs}

for s in $steps; do
	case $s in
	checkpatch) checkpatch ;; mail) mail ;; sparse) sparse ;; objtool) objtool ;; configs) configs ;; bisect) bisect ;;
	esac
done
exit $fail
