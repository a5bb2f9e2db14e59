#!/bin/bash
# Every prefix of the series builds and passes KUnit (git bisect safety):
# apply the patches one at a time with git am onto the base, in a worktree
# and UML build folder of its own, and after each one run kunit.py (UML)
# and the cgroup KUnit suites that exist at that point.  The full series
# is what the kunit step tests, so the last prefix is left to it.
#
# usage: bisect.sh
# Ends with 'bisect: N passed, N failed' (one result per prefix).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

need git
"$TOP/scripts/get-base.sh" 2>/dev/null
wt=$KMEMCG_CACHE/bisect
base_worktree_clean "$wt"
export GIT_COMMITTER_NAME=kmemcg GIT_COMMITTER_EMAIL=kmemcg@localhost

mapfile -t series < <(list_entries "$TOP/patches/series")
total=${#series[@]}
out=$RESULTS/bisect
rm -rf "$out"
mkdir -p "$out"
pass=0 fail=0 k=0
for p in "${series[@]}"; do
	k=$((k + 1))
	[ "$k" = "$total" ] && break
	git -C "$wt" am -q "$TOP/patches/$p" >/dev/null 2>&1 ||
		die "git am: patches/$p does not apply (run 'make am-check' for the hunk)"
	say "bisect: prefix $k/$total ends with $p"
	log=$out/prefix-$k.log
	if KUNIT_SRC=$wt KUNIT_BUILD=$BUILD_ROOT/kunit-uml-bisect KUNIT_TAG=bisect \
		ALLOW_ABSENT=1 "$TOP/scripts/kunit.sh" uml >"$log" 2>&1 &&
		ALLOW_ABSENT=1 KUNIT_CGROUP_OUT=$out/prefix-$k-cgroup \
			"$TOP/scripts/kunit-cgroup.sh" "$BUILD_ROOT/kunit-uml-bisect" >>"$log" 2>&1; then
		pass=$((pass + 1))
		echo "ok $k - prefix ending with $p: $(grep -h 'Testing complete' "$log" | sed 's/^\[[0-9:]*\] //'); $(tail -n 1 "$log")"
	else
		fail=$((fail + 1))
		echo "not ok $k - prefix ending with $p (log: $log)"
		grep -E 'error|Error|FAILED|not ok|did not' "$log" | tail -n 30 | sed 's/^/    /'
	fi
done
[ "$total" -gt 1 ] || echo "# bisect: a series of $total patch(es) has no proper prefix"
echo "bisect: $pass passed, $fail failed, 0 skipped"
[ "$fail" = 0 ]
