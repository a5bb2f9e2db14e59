#!/bin/bash
# Materialise the quilt working tree: the base with every patch in
# patches/series applied by quilt.  A no-op when the tree already carries
# exactly the current stack, so build folders stay warm.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/results.sh
. "$(dirname "$0")/results.sh"

need quilt git

"$TOP/scripts/get-base.sh"

# A patch file that patches/series does not list is a patch forgotten or
# left over (git format-patch output, say): it would never be applied, but
# it would be read as part of the series.
unlisted=$(comm -23 <(find "$TOP/patches" -maxdepth 1 -name "*.patch" -printf "%f\n" | sort) \
	<(list_entries "$TOP/patches/series" | sort))
[ -z "$unlisted" ] ||
	die "patches/series does not list: $(echo "$unlisted" | tr '\n' ' ')(add each to the series or remove it)"

export QUILT_PATCHES=$TOP/patches
export QUILT_PC=.pc
quilt() { command quilt --quiltrc="$TOP/scripts/quiltrc" "$@"; }

stamp() {
	# Everything that decides the tree's contents: base and stack, and
	# where the stack is (the tree's patches link points there).
	{
		echo "$QUILT_PATCHES"
		series_stamp
	} | sha256sum | cut -d' ' -f1
}

[ -d "$TREE" ] || say "tree: new git worktree of the base at $TREE"
base_worktree "$TREE"
cd "$TREE"

want=$(stamp)
if [ -f .pc/.kmemcg-stamp ] && [ "$(cat .pc/.kmemcg-stamp)" = "$want" ]; then
	say "tree: $TREE already carries the current stack ($(quilt applied 2>/dev/null | wc -l) patches)"
	exit 0
fi

# What the tree holds beyond the base: tracked changes and new files.
content() {
	{
		git diff HEAD
		git ls-files -o --exclude-standard -z | xargs -0 -r sha256sum
	} | sha256sum | cut -d' ' -f1
}

# Never throw away work: edits made in the tree since it was last synced
# and not refreshed into the top patch.  (A patch file changed outside the
# tree, with the tree untouched, is safe to reapply.)
if [ -d .pc ] && [ -f .pc/.kmemcg-content ] &&
	[ "$(cat .pc/.kmemcg-content)" != "$(content)" ] &&
	top=$(quilt top 2>/dev/null) && [ -n "$(quilt diff -z 2>/dev/null)" ]; then
	die "tree $TREE has changes not refreshed into $top: run 'quilt refresh' (or 'quilt pop -f' to drop them)"
fi

# The files the old stack touched, so that those it leaves as they were
# keep their mtimes (and the build folders their objects).
mtimes=$(mktemp)
trap 'rm -f "$mtimes"' EXIT
{
	git diff --name-only HEAD
	git ls-files -o -- . ':!.pc' ':!patches'
} | mtimes_save "$TREE" "$mtimes"

say "tree: resetting $TREE to $BASE_TAG"
if [ -d .pc ]; then
	quilt pop -a -f -q >/dev/null 2>&1 || true
fi
rm -rf .pc
git checkout -q -f --detach "$BASE_TAG"
git clean -q -f -d -x -e patches
ln -sfn "$QUILT_PATCHES" patches

n=$(list_entries "$QUILT_PATCHES/series" | wc -l)
if [ "$n" -gt 0 ]; then
	say "tree: applying $n patches with quilt"
	if ! out=$(quilt push -a 2>&1); then
		"$TOP/scripts/explain-reject.sh" "$out"
		die "the series does not apply with quilt (tree left with the patches before it applied)"
	fi
fi
kept=$(mtimes_restore "$TREE" "$mtimes")
say "tree: $kept of $(wc -l <"$mtimes") files the stack touched are unchanged and keep their mtimes"
mkdir -p .pc
content >.pc/.kmemcg-content
echo "$want" >.pc/.kmemcg-stamp
say "tree: $TREE ready, $n patches applied"
