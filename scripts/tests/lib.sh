# shellcheck shell=bash
# Helpers for the script tests: a private cache that borrows the real base
# repository, and assertions on a command's exit code and output.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

REAL_CACHE=$KMEMCG_CACHE
FIX=$TOP/scripts/tests/fixtures

# A scratch copy of the project (scripts and config, an empty series) and
# a scratch cache, so a test can break things without touching either.
scratch_project() {
	SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/kmemcg-test.XXXXXX")
	mkdir -p "$SCRATCH/proj/patches" "$SCRATCH/cache"
	cp -a "$TOP/scripts" "$TOP/Kconfig.fragment" "$SCRATCH/proj/"
	: >"$SCRATCH/proj/patches/series"
	ln -s "$REAL_CACHE/base" "$SCRATCH/cache/base"
	export KMEMCG_CACHE=$SCRATCH/cache
}

cleanup_scratch() {
	[ -n "${SCRATCH:-}" ] || return 0
	[ -d "$SCRATCH/cache/tree" ] && git -C "$REAL_CACHE/base" worktree remove -f "$SCRATCH/cache/tree" 2>/dev/null
	git -C "$REAL_CACHE/base" worktree prune 2>/dev/null
	rm -rf "$SCRATCH"
}

# expect_fail NAME PATTERN... -- COMMAND...: COMMAND must fail and its
# output must match every (extended) PATTERN.
expect_fail() {
	local name=$1 pats=() out rc p ok=1
	shift
	while [ "$1" != -- ]; do pats+=("$1"); shift; done
	shift
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" = 0 ]; then
		ok=0
		echo "    expected a failure, got exit 0"
	fi
	for p in "${pats[@]}"; do
		grep -qE -- "$p" <<<"$out" || { ok=0; echo "    output lacks /$p/"; }
	done
	if [ "$ok" = 1 ]; then
		echo "ok - $name"
	else
		echo "not ok - $name"
		sed 's/^/    | /' <<<"$out" | tail -n 25
	fi
	[ "$ok" = 1 ]
}
