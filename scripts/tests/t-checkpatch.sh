#!/bin/bash
# checkpatch: a finding fails the step and is printed with the patch name;
# an exception listed with its reason in patches/checkpatch-exceptions is
# accepted.
. "$(dirname "$0")/lib.sh"
p=0001-fixture-applies.patch
scratch_series "$p"
expect_fail "checkpatch: a finding fails and names the patch" \
	"not ok - checkpatch $p" 'WARNING:COMMIT_MESSAGE' 'checkpatch: 0 passed, 1 failed' \
	-- "$SCRATCH/proj/scripts/checkpatch.sh" || exit 1
echo "$p COMMIT_MESSAGE the fixture has no body on purpose" >"$SCRATCH/proj/patches/checkpatch-exceptions"
expect_ok "checkpatch: a listed exception is accepted" 'checkpatch: 1 passed, 0 failed' \
	-- "$SCRATCH/proj/scripts/checkpatch.sh"
