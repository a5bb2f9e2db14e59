#!/bin/bash
# scripts/checkpatch.pl --strict on every patch of the series.  A known,
# justified exception is listed in patches/checkpatch-exceptions as
# "PATCH TYPE reason"; nothing else is tolerated, warnings included.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

need perl
# checkpatch runs scripts/spdxcheck.py on new files; it needs Debian's
# python3 with python3-ply and python3-git, not a python3 earlier in PATH.
export PATH=/usr/bin:$PATH
"$TOP/scripts/get-base.sh" 2>/dev/null
pass=0 fail=0
while read -r p _; do
	if out=$(checkpatch_patch "$TOP/patches/$p" "$p"); then
		echo "ok - checkpatch $p"
		pass=$((pass + 1))
	else
		echo "not ok - checkpatch $p"
		printf '%s\n' "$out" | sed 's/^/    /'
		fail=$((fail + 1))
	fi
done < <(list_entries "$TOP/patches/series")
if [ $((pass + fail)) -eq 0 ]; then
	# Nothing to check is not a pass: say so, as a skip.
	echo "checkpatch: no patches in patches/series"
	echo "checkpatch: 0 passed, 0 failed, 1 skipped"
	exit 0
fi
echo "checkpatch: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
