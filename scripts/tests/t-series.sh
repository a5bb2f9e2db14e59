#!/bin/bash
# series: a patch without a Signed-off-by, or a cover letter template with
# a placeholder that nothing fills, fails 'make series' with a message
# that names it.
. "$(dirname "$0")/lib.sh"
scratch_series 0001-fixture-no-signoff.patch
cp -a "$TOP/series" "$SCRATCH/proj/"
expect_fail "series: a patch without Signed-off-by is named" \
	'not ok - no Signed-off-by in v1-0001-.*\(patches/0001-fixture-no-signoff.patch\)' \
	'series: [0-9]+ passed, [1-9][0-9]* failed' \
	-- "$SCRATCH/proj/scripts/series.sh" --draft || exit 1
cp "$FIX/0001-fixture-applies.patch" "$SCRATCH/proj/patches/"
echo 0001-fixture-applies.patch >"$SCRATCH/proj/patches/series"
echo "@UNFILLED@" >>"$SCRATCH/proj/series/cover-letter.in"
expect_fail "series: a placeholder left in the cover letter is named" \
	'not ok - placeholders left in the cover letter v1-0000-cover-letter.patch' '@UNFILLED@' \
	-- "$SCRATCH/proj/scripts/series.sh" --draft
