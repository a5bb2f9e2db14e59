#!/bin/bash
# Apply the series the way a reviewer does, with 'git am' in series order
# onto the base, and prove the result is the same tree as the quilt tree.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

need git
[ -f "$TREE/.pc/.kmemcg-stamp" ] || die "no quilt tree at $TREE: run 'make tree' first"
am=$AM_WT
base_worktree_clean "$am"
cd "$am"

export GIT_COMMITTER_NAME=kmemcg GIT_COMMITTER_EMAIL=kmemcg@localhost
n=0
while read -r p _; do
	am_patch "$am" "$p"
	n=$((n + 1))
done < <(list_entries "$TOP/patches/series")

quilt_tree=$(quilt_tree_id)
am_tree=$(git rev-parse 'HEAD^{tree}')
if [ "$quilt_tree" != "$am_tree" ]; then
	echo "check-am: the quilt tree and the git am tree differ:" >&2
	git diff --stat "$am_tree" "$quilt_tree" >&2
	die "quilt and git am give different trees ($quilt_tree vs $am_tree)"
fi
echo "ok - git am applies $n patches; same tree as quilt ($am_tree)"
# And each patch is stored the way git format-patch writes it.
"$TOP/scripts/normalize.sh" --check
