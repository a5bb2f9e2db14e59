#!/bin/bash
# series: a patch without a Signed-off-by, or a cover letter template with
# a placeholder that nothing fills, fails 'make series' with a message
# that names it; a final posting refuses to quote a make check that failed,
# or one that ran on another version of the series.
. "$(dirname "$0")/lib.sh"
scratch_series 0001-fixture-no-signoff.patch
cp -a "$TOP/series" "$SCRATCH/proj/"
expect_fail "series: a patch without Signed-off-by is named" \
	'not ok - no Signed-off-by in v1-0001-.*\(patches/0001-fixture-no-signoff.patch\)' \
	'series: [0-9]+ passed, [1-9][0-9]* failed' \
	-- "$SCRATCH/proj/scripts/series.sh" --draft || exit 1
fixture 0001-fixture-applies.patch
echo 0001-fixture-applies.patch >"$SCRATCH/proj/patches/series"
echo "@UNFILLED@" >>"$SCRATCH/proj/series/cover-letter.in"
expect_fail "series: a placeholder left in the cover letter is named" \
	'not ok - placeholders left in the cover letter v1-0000-cover-letter.patch' '@UNFILLED@' \
	-- "$SCRATCH/proj/scripts/series.sh" --draft || exit 1
cp "$TOP/series/cover-letter.in" "$SCRATCH/proj/series/"
mkdir -p "$KMEMCG_CACHE/results/check"
printf '%s\n' 'failed steps: selftests-4node (logs in /nowhere)' \
	'check: 432 passed, 1 failed, 59 skipped' >"$KMEMCG_CACHE/results/check/summary.txt"
expect_fail "series: a failed make check is not quoted in a final posting" \
	"series: the last make check failed \(failed steps: selftests-4node\)" \
	-- "$SCRATCH/proj/scripts/series.sh" || exit 1
printf '%s\n' 'check: 432 passed, 0 failed, 59 skipped' >"$KMEMCG_CACHE/results/check/summary.txt"
echo 0000000000000000000000000000000000000000000000000000000000000000 \
	>"$KMEMCG_CACHE/results/check/series.stamp"
expect_fail "series: a make check of another version of the series is not quoted" \
	"results/check: not made on the series as it is now: run 'make check' again" \
	-- "$SCRATCH/proj/scripts/series.sh"
