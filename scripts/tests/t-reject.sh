#!/bin/bash
# A patch that does not apply: quilt (make tree) and git am (make normalize)
# name it and show its hunk.
. "$(dirname "$0")/lib.sh"
scratch_series 0001-fixture-does-not-apply.patch
expect_fail "tree: a patch that does not apply is named with its hunk" \
	'patch that does not apply: .*0001-fixture-does-not-apply\.patch' \
	'failing hunk #1 of mm/memcontrol\.c' \
	'this context line is not in mm/memcontrol\.c' \
	'series does not apply with quilt' \
	-- "$SCRATCH/proj/scripts/tree.sh"
# The scripts that apply the series with git am (am-check, normalize,
# bisect, series) share one helper: the same report from it.
expect_fail "git am: a patch that does not apply is named with its hunk" \
	'patch that does not apply: .*0001-fixture-does-not-apply\.patch' \
	'failing hunk #1 of mm/memcontrol\.c' \
	'git am: patches/0001-fixture-does-not-apply\.patch does not apply' \
	-- "$SCRATCH/proj/scripts/normalize.sh" --check
