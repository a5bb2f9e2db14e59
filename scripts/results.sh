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

# The code of the series: the base, the list of patches and the diff of
# each (not its message).  What a benchmark measures depends on nothing
# else, so rewording a commit message leaves its results standing.
code_stamp() {
	{
		git -C "$BASE_GIT" rev-parse "$BASE_TAG"
		list_entries "$TOP/patches/series"
		list_entries "$TOP/patches/series" | while read -r p; do
			sed -n '/^diff --git /,$p' "$TOP/patches/$p"
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

# result_stamps DIR: record in DIR which code a benchmark's results are
# of, and with which settings (see result_current)
result_stamps() {
	code_stamp >"$1/code.stamp"
	bench_settings >"$1/settings"
}

# result_current DIR WHAT: whether the results in DIR were made by WHAT
# (a make target) on the series as it is now, with the default settings;
# if not, says so on stderr.  Benchmark results (code.stamp) stand for
# the code; make check's (series.stamp) for the patches as they are,
# messages included, which its checkpatch step read.
result_current() {
	local dir=$1 what=$2 now stamp=series.stamp
	if [ -f "$dir/code.stamp" ]; then
		stamp=code.stamp now=$(code_stamp)
	else
		now=$(series_stamp)
	fi
	if [ "$(cat "$dir/$stamp" 2>/dev/null)" != "$now" ]; then
		echo "$dir: not made on the series as it is now: run '$what' again" >&2
		return 1
	fi
	if [ -s "$dir/settings" ]; then
		echo "$dir: made with $(paste -sd' ' "$dir/settings"), not the defaults: run '$what' again" >&2
		return 1
	fi
}

