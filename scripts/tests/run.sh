#!/bin/bash
# Run every scripts/tests/t-*.sh; each prints TAP-like 'ok'/'not ok' lines.
# Ends with 'script-tests: N passed, N failed'.
set -uo pipefail
cd "$(dirname "$0")" || exit 1
pass=0 fail=0
for t in t-*.sh; do
	out=$(bash "$t" 2>&1)
	echo "$out"
	pass=$((pass + $(grep -c '^ok - ' <<<"$out")))
	fail=$((fail + $(grep -c '^not ok - ' <<<"$out")))
done
echo "script-tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
