# shellcheck shell=bash
# Helpers for the script tests: a private cache that borrows the real base
# repository, and assertions on a command's exit code and output.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

REAL_CACHE=$KMEMCG_CACHE
# shellcheck disable=SC2034 # used by the tests that source this
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

# scratch_series PATCH: a scratch project whose series is that one fixture
# patch; the scratch is removed when the test exits.
scratch_series() {
	scratch_project
	trap cleanup_scratch EXIT
	cp "$FIX/$1" "$SCRATCH/proj/patches/"
	echo "$1" >"$SCRATCH/proj/patches/series"
}

cleanup_scratch() {
	[ -n "${SCRATCH:-}" ] || return 0
	local w
	for w in tree am series series-am normalize bisect; do
		[ -d "$SCRATCH/cache/$w" ] && git -C "$REAL_CACHE/base" worktree remove -f "$SCRATCH/cache/$w" 2>/dev/null
	done
	git -C "$REAL_CACHE/base" worktree prune 2>/dev/null
	rm -rf "$SCRATCH"
}

# expect ok|fail NAME PATTERN... -- COMMAND...: COMMAND must succeed (ok)
# or fail (fail), and its output must match every extended PATTERN.
expect() {
	local want=$1 name=$2 pats=() out rc p ok=1
	shift 2
	while [ "$1" != -- ]; do pats+=("$1"); shift; done
	shift
	out=$("$@" 2>&1)
	rc=$?
	if [ "$want" = ok ] && [ "$rc" != 0 ]; then
		ok=0
		echo "    expected success, got exit $rc"
	elif [ "$want" = fail ] && [ "$rc" = 0 ]; then
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
		tail -n 25 <<<"$out" | while IFS= read -r l; do echo "    | $l"; done
	fi
	[ "$ok" = 1 ]
}

expect_ok() { expect ok "$@"; }
expect_fail() { expect fail "$@"; }
