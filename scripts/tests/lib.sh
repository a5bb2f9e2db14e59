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

# What of the base the scripts read when they apply, check and post the
# fixture patches: the files those touch (mm/), the .gitignore that hides
# quilt's files, checkpatch.pl and get_maintainer.pl with what they read,
# and a file in each folder that checkpatch's top_of_kernel_tree() looks
# for.
MINI_BASE_PATHS=(.gitignore COPYING CREDITS Kbuild MAINTAINERS Makefile README LICENSES
	scripts mm Documentation/dev-tools/checkpatch.rst arch/Kconfig
	drivers/Makefile fs/Makefile include/linux/types.h init/Makefile
	ipc/Makefile kernel/Makefile lib/Makefile)

# mini_base: the scratch cache's base becomes a repository of those files
# at the base commit, tagged $BASE_TAG like the real one. A worktree of the
# real base checks out some 90000 files and takes half a minute; the
# scripts under test do the same on this one in a second.
mini_base() {
	local dst=$SCRATCH/cache/base
	rm -f "$dst"
	git init -q "$dst" || return 1
	git -C "$REAL_CACHE/base" archive "$BASE_TAG" -- "${MINI_BASE_PATHS[@]}" |
		tar -x -C "$dst" || return 1
	git -C "$dst" add -f -A &&
		git -C "$dst" -c user.name=kmemcg-test -c user.email=test@invalid \
			commit -q -m "the base's files the script tests read" &&
		git -C "$dst" tag "$BASE_TAG"
}

# scratch_series PATCH: a scratch project on a small base whose series is
# that one fixture patch; the scratch is removed when the test exits.
scratch_series() {
	scratch_project
	trap cleanup_scratch EXIT
	mini_base || { echo "not ok - a small base for the script tests"; exit 1; }
	fixture "$1"
	echo "$1" >"$SCRATCH/proj/patches/series"
}

# fixture PATCH: copy a fixture patch into the scratch project, its
# base-commit line naming the small base, as 'make normalize' would write
# it there
fixture() {
	sed "s/^base-commit: .*/base-commit: $(git -C "$SCRATCH/cache/base" rev-parse "$BASE_TAG")/" \
		"$FIX/$1" >"$SCRATCH/proj/patches/$1"
}

# Worktrees of a small base go with the scratch. A test on a bare
# scratch_project borrows the real base, and a script under test that got
# further than it should would have registered its worktree there: those
# are removed from the real base's list too.
cleanup_scratch() {
	[ -n "${SCRATCH:-}" ] || return 0
	local w
	for w in tree am bisect; do
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
