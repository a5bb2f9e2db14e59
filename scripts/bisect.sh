#!/bin/bash
# Every prefix of the series builds and passes KUnit (git bisect safety):
# the series is applied with git am onto the base, one commit per patch,
# and each prefix is checked out in a worktree and UML build folder of its
# own, built, and run with kunit.py (UML) and the cgroup KUnit suites that
# exist at that point.  The full series is what the kunit step tests, so
# the last prefix is left to it.
#
# Moving from one prefix to the next with git checkout rewrites only the
# files that differ, so each build is incremental.  A prefix whose kernel
# sources passed before with the same test scripts and configs is not run
# again (its line says so and where the earlier log is); BISECT_FRESH=1
# runs every prefix.  The kernel sources are the tree without
# tools/testing/selftests/ and Documentation/ (but Documentation/Kconfig),
# which no kernel build reads: a patch that changes only those has the
# kernel of the prefix before it, and a reworded selftest or document
# leaves every prefix's result standing.
#
# usage: bisect.sh
# Ends with 'bisect: N passed, N failed' (one result per prefix).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

need git
"$TOP/scripts/get-base.sh" 2>/dev/null
export GIT_COMMITTER_NAME=kmemcg GIT_COMMITTER_EMAIL=kmemcg@localhost

mapfile -t series < <(list_entries "$TOP/patches/series")
total=${#series[@]}
out=$RESULTS/bisect
passed=$KMEMCG_CACHE/bisect-passed
rm -rf "$out"
mkdir -p "$out" "$passed"

# The commits, made where git am touches no build (lib.sh's AM_WT).
am=$AM_WT
base_worktree_clean "$am"
commits=()
for p in "${series[@]}"; do
	am_patch "$am" "$p"
	commits+=("$(git -C "$am" rev-parse HEAD)")
done

# What else decides a prefix's result: the scripts a prefix's run goes
# through and its configs (not every script: a change to the stress or
# series scripts must not void the cached passes).
tests=$(cd "$TOP/scripts" && cat bisect.sh lib.sh base.conf kunit.sh kunit-cgroup.sh \
	kunit-cgroup-report.sh check-splats.sh "$TOP"/kunit/* "$TOP"/Kconfig.fragment |
	sha256sum | cut -c1-16)

wt=$KMEMCG_CACHE/bisect
base_worktree "$wt"
git -C "$wt" am --abort >/dev/null 2>&1 || true

# An id of commit $1's kernel sources: its tree without the folders above.
kernel_sources() {
	{
		git -C "$am" ls-tree "$1" | awk -F '\t' '$2 != "tools" && $2 != "Documentation"'
		git -C "$am" ls-tree "$1" tools/ | awk -F '\t' '$2 != "tools/testing"'
		git -C "$am" ls-tree "$1" tools/testing/ | awk -F '\t' '$2 != "tools/testing/selftests"'
		git -C "$am" ls-tree "$1" Documentation/Kconfig
	} | sha256sum | cut -c1-40
}

pass=0 fail=0 cached=0
for ((k = 1; k < total; k++)); do
	p=${series[k - 1]}
	record=$passed/$(kernel_sources "${commits[k - 1]}")-$tests
	if [ "${BISECT_FRESH:-0}" != 1 ] && [ -f "$record" ]; then
		pass=$((pass + 1)) cached=$((cached + 1))
		echo "ok $k - prefix ending with $p: the same kernel sources passed on $(sed -n 1p "$record") with the same tests; log: $record"
		continue
	fi
	say "bisect: prefix $k/$total ends with $p"
	git -C "$wt" checkout -q -f --detach "${commits[k - 1]}"
	git -C "$wt" clean -q -f -d -x
	log=$out/prefix-$k.log
	if KUNIT_SRC=$wt KUNIT_BUILD=$BUILD_ROOT/kunit-uml-bisect KUNIT_TAG=bisect \
		ALLOW_ABSENT=1 "$TOP/scripts/kunit.sh" uml >"$log" 2>&1 &&
		ALLOW_ABSENT=1 KUNIT_CGROUP_OUT=$out/prefix-$k-cgroup \
			"$TOP/scripts/kunit-cgroup.sh" "$BUILD_ROOT/kunit-uml-bisect" >>"$log" 2>&1; then
		pass=$((pass + 1))
		echo "ok $k - prefix ending with $p: $(grep -h 'Testing complete' "$log" | sed 's/^\[[0-9:]*\] //'); $(tail -n 1 "$log")"
		{ date -u '+%Y-%m-%d %H:%M UTC'; cat "$log"; } >"$record"
	else
		fail=$((fail + 1))
		echo "not ok $k - prefix ending with $p (log: $log)"
		grep -E 'error|Error|FAILED|not ok|did not' "$log" | tail -n 30 | sed 's/^/    /'
	fi
done
[ "$total" -gt 1 ] || echo "# bisect: a series of $total patch(es) has no proper prefix"
echo "bisect: $pass passed, $fail failed, 0 skipped ($cached of the passes: the same kernel sources passed before)"
[ "$fail" = 0 ]
