#!/bin/bash
# Which results stand for the series as it is: a benchmark's (code.stamp)
# survive a reworded commit message and not a changed diff; make check's
# (series.stamp) survive neither.
. "$(dirname "$0")/lib.sh"
scratch_series 0001-fixture-applies.patch
p=$SCRATCH/proj/patches/0001-fixture-applies.patch
bench=$KMEMCG_CACHE/results/bench/run
check=$KMEMCG_CACHE/results/check
mkdir -p "$bench" "$check"

# current DIR: result_current of the scratch project on DIR
current() {
	# shellcheck source=scripts/lib.sh
	. "$SCRATCH/proj/scripts/lib.sh"
	# shellcheck source=scripts/results.sh
	. "$SCRATCH/proj/scripts/results.sh"
	result_current "$1" "make x" && echo "current: $1"
}
# shellcheck disable=SC2016 # expanded by the inner bash
bash -c '. "$1/scripts/lib.sh"; . "$1/scripts/results.sh"; result_stamps "$2"; series_stamp >"$3/series.stamp"' \
	_ "$SCRATCH/proj" "$bench" "$check" || { echo "not ok - stamps written"; exit 1; }

sed -i '0,/^$/s//\nA reworded commit message.\n/' "$p"
expect_ok "stamps: a benchmark's results stand after a reworded commit message" \
	"current: $bench" -- current "$bench" || exit 1
expect_fail "stamps: make check's do not" \
	"results/check: not made on the series as it is now: run 'make x' again" \
	-- current "$check" || exit 1

sed -i '0,/^+[^+]/s/^+/+ /' "$p"
expect_fail "stamps: a benchmark's results do not stand after a changed diff" \
	"results/bench/run: not made on the series as it is now: run 'make x' again" \
	-- current "$bench"
