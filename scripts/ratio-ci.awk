#!/usr/bin/awk -f
# The patched/base ratio of a benchmark with its 95% confidence interval,
# by a percentile bootstrap over boots: each of B resamples draws, with
# replacement, as many boots of each tree as it had and takes the ratio of
# the two trees' medians; the interval is the 2.5th and 97.5th percentile
# of those ratios. The boot is the unit because boot-to-boot variation
# (placement, TCG translation) dominates the spread within a boot.
# Input: "NAME TREE VALUE" lines, VALUE one boot's figure (the median of
# its intervals), TREE base or patched. A NAME ending in _ns or _us is a
# time (lower is better): its ratio is base/patched, so above 1 is always
# "patched faster". Output, a line per NAME:
#   NAME boots_base boots_patched median_base median_patched ratio lo hi
#     min_base max_base min_patched max_patched
# B (default 10000) and SEED (default 1) make it reproducible.
# med(A, N): the median of A[1..N]; leaves LO and HI set to its minimum and maximum
function med(a, n,    i, j, t, s) {
	for (i = 1; i <= n; i++) s[i] = a[i]
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && s[j - 1] > s[j]; j--) { t = s[j]; s[j] = s[j - 1]; s[j - 1] = t }
	LO = s[1]; HI = s[n]
	return n % 2 ? s[(n + 1) / 2] : (s[n / 2] + s[n / 2 + 1]) / 2
}
function ratio(b, p, k) { return k ~ /_(ns|us)$/ ? b / p : p / b }
function shellsort(a, n,    gap, i, j, t) {
	for (gap = int(n / 2); gap > 0; gap = int(gap / 2))
		for (i = gap + 1; i <= n; i++)
			for (j = i; j > gap && a[j - gap] > a[j]; j -= gap) { t = a[j]; a[j] = a[j - gap]; a[j - gap] = t }
}
BEGIN { if (!B) B = 10000; srand(SEED ? SEED : 1) }
NF == 3 && ($2 == "base" || $2 == "patched") {
	if (!($1 in seen)) { seen[$1] = 1; names[++nn] = $1 }
	v[$1, $2, ++c[$1, $2]] = $3
}
END {
	for (x = 1; x <= nn; x++) {
		k = names[x]; nb = c[k, "base"]; np = c[k, "patched"]
		if (!nb || !np) continue
		for (i = 1; i <= nb; i++) bv[i] = v[k, "base", i]
		for (i = 1; i <= np; i++) pv[i] = v[k, "patched", i]
		mb = med(bv, nb); lb = LO; hb = HI
		mp = med(pv, np); lp = LO; hp = HI
		for (r = 1; r <= B; r++) {
			for (i = 1; i <= nb; i++) rb[i] = bv[int(rand() * nb) + 1]
			for (i = 1; i <= np; i++) rp[i] = pv[int(rand() * np) + 1]
			rr[r] = ratio(med(rb, nb), med(rp, np), k)
		}
		shellsort(rr, B)
		printf "%s %d %d %.6g %.6g %.4f %.4f %.4f %.6g %.6g %.6g %.6g\n", k, nb, np, mb, mp, ratio(mb, mp, k),
			rr[int(B * 0.025) + 1], rr[int(B * 0.975)], lb, hb, lp, hp
	}
}
