#!/bin/bash
# 'make check''s KUnit step on UML: the series as git am applies it (the
# commit am-check made and proved to be the quilt tree's tree), built in
# the bisect step's worktree and build folder.  After the bisect step,
# whose last prefix lacks only the final patch, that build has little or
# nothing left to do; 'make kunit' builds the quilt tree in a folder of
# its own, which a cold 'make check' then need not fill.  The same suites
# and kunitconfig as 'make kunit' (scripts/kunit.sh).
#
# usage: kunit-am.sh [kunit.py args]
#   kunit-cgroup.sh "$BUILD_ROOT/kunit-uml-bisect" runs the cgroup suites
#   on the kernel it built.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

need git
am=$AM_WT
wt=$KMEMCG_CACHE/bisect
[ -f "$TREE/.pc/.kmemcg-stamp" ] || die "no quilt tree at $TREE: run 'make tree' first"
[ "$(git -C "$am" rev-parse 'HEAD^{tree}' 2>/dev/null)" = "$(quilt_tree_id)" ] ||
	die "no git am commit of the series as it is in $am: run 'make am-check' first"
base_worktree "$wt"
git -C "$wt" checkout -q -f --detach "$(git -C "$am" rev-parse HEAD)"
git -C "$wt" clean -q -f -d -x
KUNIT_SRC=$wt KUNIT_BUILD=$BUILD_ROOT/kunit-uml-bisect exec "$TOP/scripts/kunit.sh" uml "$@"
