#!/bin/bash
# A series that applies: quilt and git am give the same tree, a second
# 'make tree' is a no-op, and unrefreshed edits in the tree are protected.
. "$(dirname "$0")/lib.sh"
p=0001-fixture-applies.patch
scratch_series "$p"
s=$SCRATCH/proj/scripts
expect_ok "tree: quilt applies the series" '1 patches applied' -- "$s/tree.sh" || exit 1
expect_ok "am-check: git am gives the same tree as quilt" \
	'git am applies 1 patches; same tree as quilt' -- "$s/check-am.sh" || exit 1
expect_ok "tree: a second run is a no-op" 'already carries the current stack' -- "$s/tree.sh" || exit 1
# Only the message of the patch changed: the tree is made again, and the
# file it touches keeps its mtime, so no build recompiles it.
f=$SCRATCH/cache/tree/mm/page_counter.c
before=$(stat -c %.9Y "$f")
sed -i 's|^Subject: \[PATCH\] fixture: a patch that applies$|&, reworded|' "$SCRATCH/proj/patches/$p"
expect_ok "tree: a reworded patch is reapplied, its file keeps its mtime" '1 patches applied' \
	'1 of 1 files the stack touched are unchanged' -- "$s/tree.sh" || exit 1
[ "$(stat -c %.9Y "$f")" = "$before" ] ||
	{ echo "not ok - tree: mm/page_counter.c got a new mtime ($before, now $(stat -c %.9Y "$f"))"; exit 1; }
# One line of the patch changed outside the tree: the tree follows it.
sed -i 's|a one-line change that applies|one line of it changed|' "$SCRATCH/proj/patches/$p"
expect_ok "tree: a patch changed in patches/ is reapplied" '1 patches applied' \
	'0 of 1 files the stack touched are unchanged' -- "$s/tree.sh" || exit 1
[ "$(stat -c %.9Y "$f")" != "$before" ] ||
	{ echo "not ok - tree: the changed mm/page_counter.c kept its old mtime"; exit 1; }
grep -q 'one line of it changed' "$SCRATCH/cache/tree/mm/page_counter.c" ||
	{ echo "not ok - tree: the changed patch is not in the tree"; exit 1; }
echo "/* an edit not refreshed */" >>"$SCRATCH/cache/tree/mm/page_counter.c"
echo "/* fixture v2 */" >>"$SCRATCH/proj/patches/$p"
expect_fail "tree: unrefreshed edits are not thrown away" "changes not refreshed into .*$p" \
	-- "$s/tree.sh" || exit 1
# A patch file left in patches/ that the series does not list (git
# format-patch output, say) is named, and the tree is not touched.
cp "$SCRATCH/proj/patches/$p" "$SCRATCH/proj/patches/0001-left-over.patch"
expect_fail "tree: a patch file the series does not list is named" \
	'patches/series does not list: 0001-left-over\.patch' -- "$s/tree.sh" || exit 1
grep -q 'an edit not refreshed' "$SCRATCH/cache/tree/mm/page_counter.c" ||
	{ echo "not ok - tree: the tree changed although the series was refused"; exit 1; }
