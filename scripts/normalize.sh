#!/bin/bash
# Keep every patch of patches/series in 'git format-patch' form.  'quilt
# refresh' writes a plain diff under the patch's header (no 'diff --git'
# or index lines, its own diffstat); this applies the series with git am
# onto the base and writes each commit back with git format-patch, so the
# stack stays what a reviewer's 'git am' and b4 expect.
#
# usage: normalize.sh           rewrite the patches that are not in that form
#        normalize.sh --check   only say which are not; exit 1 if any
# Deterministic: zero commit id in the From line, no numbering, no
# signature, 'base-commit:' on the first patch.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mode=${1:-write}
need git
"$TOP/scripts/get-base.sh" 2>/dev/null
wt=$AM_WT
base_worktree_clean "$wt"
cd "$wt"

export GIT_COMMITTER_NAME=kmemcg GIT_COMMITTER_EMAIL=kmemcg@localhost
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
n=0 stale=0
while read -r p; do
	am_patch "$wt" "$p" --committer-date-is-author-date
	base=()
	[ "$n" = 0 ] && base=(--base="$BASE_TAG")
	git format-patch -1 --stdout -N --no-signature --zero-commit "${base[@]}" HEAD >"$tmp"
	n=$((n + 1))
	cmp -s "$tmp" "$TOP/patches/$p" && continue
	stale=$((stale + 1))
	if [ "$mode" = --check ]; then
		echo "not ok - patches/$p is not in git format-patch form (run 'make normalize')"
	else
		cp "$tmp" "$TOP/patches/$p"
		echo "normalize: rewrote patches/$p"
	fi
done < <(list_entries "$TOP/patches/series")
[ "$mode" = --check ] && [ "$stale" != 0 ] && exit 1
echo "normalize: $n patches, $stale $([ "$mode" = --check ] && echo "not normalized" || echo rewritten)"
