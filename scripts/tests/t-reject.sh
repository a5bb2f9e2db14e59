#!/bin/bash
# A patch that does not apply: 'make tree' names it and shows its hunk.
. "$(dirname "$0")/lib.sh"
scratch_series 0001-fixture-does-not-apply.patch
expect_fail "tree: a patch that does not apply is named with its hunk" \
	'patch that does not apply: .*0001-fixture-does-not-apply\.patch' \
	'failing hunk #1 of mm/memcontrol\.c' \
	'this context line is not in mm/memcontrol\.c' \
	'series does not apply with quilt' \
	-- "$SCRATCH/proj/scripts/tree.sh"
