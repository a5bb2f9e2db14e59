# shellcheck shell=bash
# Which series a result was made on: the helpers of the benchmarks, make
# check and make series (sourced after lib.sh; not part of lib.sh, whose
# every change voids the cached bisect passes).

# A hash of the base and of patches/series with every patch it lists:
# which series a kernel was built from or a result was measured on.
series_stamp() {
	{
		git -C "$BASE_GIT" rev-parse "$BASE_TAG"
		cat "$TOP/patches/series"
		list_entries "$TOP/patches/series" | while read -r p; do
			cat "$TOP/patches/$p"
		done
	} | sha256sum | cut -d' ' -f1
}

# The patches the 'patched' kernels of the benchmarks carry: those of
# patches/series, or with BENCH_UPTO=PATCH those up to and including
# PATCH, to measure one part of the series.  Fails if PATCH is not there.
bench_patches() {
	local p
	while read -r p; do
		echo "$p"
		[ "$p" != "${BENCH_UPTO:-}" ] || return 0
	done < <(list_entries "$TOP/patches/series")
	[ -z "${BENCH_UPTO:-}" ]
}

# Dies unless BENCH_UPTO is unset or names a patch of patches/series
bench_check_upto() {
	bench_patches >/dev/null ||
		die "BENCH_UPTO: '$BENCH_UPTO' is not a patch of patches/series"
}

# What the 'patched' kernels of the benchmarks are, for their tables
bench_patched_desc() {
	local n
	n=$(bench_patches | wc -l)
	if [ -n "${BENCH_UPTO:-}" ]; then
		echo "base + the first $n patches of patches/series, up to $BENCH_UPTO, git am"
	else
		echo "base + $n patches of patches/series, git am"
	fi
}

# The BENCH_* settings a benchmark runs with, other than the number of
# pairs and the time limit, one per line: empty for a run with the defaults
bench_settings() {
	env | grep '^BENCH_' | grep -Ev '^BENCH_(PAIRS|TIMEOUT|LOCK_HELD)=' | sort || true
}

# result_stamps DIR: record in DIR which series its results are of, and
# with which settings (see result_current)
result_stamps() {
	series_stamp >"$1/series.stamp"
	bench_settings >"$1/settings"
}

# result_current DIR WHAT: whether the results in DIR were made by WHAT
# (a make target) on the series as it is now, with the default settings;
# if not, says so on stderr
result_current() {
	local dir=$1 what=$2
	if [ "$(cat "$dir/series.stamp" 2>/dev/null)" != "$(series_stamp)" ]; then
		echo "$dir: not made on the series as it is now: run '$what' again" >&2
		return 1
	fi
	if [ -s "$dir/settings" ]; then
		echo "$dir: made with $(paste -sd' ' "$dir/settings"), not the defaults: run '$what' again" >&2
		return 1
	fi
}

