# shellcheck shell=bash
# Common helpers for the scripts in this folder.  Source it, do not run it.

# Everything big (downloads, the base git tree, the quilt tree, build
# folders) lives in one cache outside the checkout, so a fresh clone on the
# same machine reuses it.  KMEMCG_CACHE overrides the location.
# shellcheck disable=SC2034 # the paths are for the scripts that source this
KMEMCG_CACHE=${KMEMCG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kmemcg}
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BASE_GIT=$KMEMCG_CACHE/base
TREE=$KMEMCG_CACHE/tree
# The one worktree where the series is applied with git am onto the base:
# am-check, normalize, bisect (its commits) and series (the posting, and
# the posting read back) each reset it to the base first.  Its HEAD is the
# whole series after any of them, which the KUnit step of make check
# builds.  One checkout of the tree (1.8 GB, 29 s) instead of five.
AM_WT=$KMEMCG_CACHE/am
BUILD_ROOT=$KMEMCG_CACHE/build
RESULTS=${RESULTS:-$KMEMCG_CACHE/results}
export KMEMCG_CACHE

# BASE_CONF lets the tests point at a deliberately wrong pin.
# shellcheck source=scripts/base.conf
. "${BASE_CONF:-$TOP/scripts/base.conf}"

die() {
	echo "${0##*/}: error: $*" >&2
	exit 1
}

say() {
	echo "==> [$(date +%H:%M:%S)] $*" >&2
}

need() {
	local tool pkg
	for tool in "$@"; do
		pkg=${tool#*:}
		tool=${tool%%:*}
		command -v "$tool" >/dev/null 2>&1 ||
			die "missing tool '$tool' (install the Debian package '$pkg', or run 'make deps')"
	done
}

# The entries of a list file (patches/series, selftests/tests.list): the
# first word of each line, without comments and blank lines.
list_entries() {
	sed -e 's/#.*//' "$1" | awk 'NF { print $1 }'
}

# A git worktree of the base at $1, detached at $BASE_TAG, made if missing.
base_worktree() {
	[ -d "$1" ] && return 0
	git -C "$BASE_GIT" worktree prune
	git -C "$BASE_GIT" worktree add -q --detach "$1" "$BASE_TAG"
}

# The same, reset to a clean checkout of the base (an interrupted git am
# aborted), for a script that applies patches onto it with git am.
base_worktree_clean() {
	base_worktree "$1"
	git -C "$1" am --abort >/dev/null 2>&1 || true
	git -C "$1" checkout -q -f --detach "$BASE_TAG"
	git -C "$1" clean -q -f -d -x
}

# Apply patches/$2 with git am in worktree $1, further arguments passed to
# git am.  A patch that does not apply is named, with its failing hunks,
# and no am is left in progress.
am_patch() {
	local wt=$1 p=$2 out
	shift 2
	if ! out=$(git -C "$wt" am -q "$@" "$TOP/patches/$p" 2>&1); then
		git -C "$wt" am --abort >/dev/null 2>&1 || true
		"$TOP/scripts/explain-reject.sh" "$out" "$TOP/patches/$p"
		die "git am: patches/$p does not apply on top of the patches before it in patches/series"
	fi
}

# bench_alternate PAIRS KINDS CMD [ARGS...]: the boot order of make bench
# and make bench-numa.  For each boot kind of KINDS in turn (make bench's
# "kmem nokmem"), PAIRS pairs of boots of the base then the patched
# kernel, each run as CMD ARGS... KIND PAIR KERNEL.  Fails if any boot
# did, after all of them.
bench_alternate() {
	local pairs=$1 kinds=$2 boot pair kernel rc=0
	shift 2
	for boot in $kinds; do
		for pair in $(seq "$pairs"); do
			for kernel in base patched; do
				"$@" "$boot" "$pair" "$kernel" || rc=1
			done
		done
	done
	return "$rc"
}

# A reset of a source tree followed by reapplying patches gives every file
# the series touches a new mtime, and make would rebuild all that depends
# on them (memcontrol.h: most of mm/).  mtimes_save records, for the files
# of tree $1 named on stdin, their content hash and mtime in file $2;
# mtimes_restore gives back the old mtime to each file whose content is
# still the same.  The build products are then exactly as new as they were
# against the same content, so make decides as if nothing had been reset.
mtimes_save() {
	local f
	(cd "$1" && while IFS= read -r f; do
		[ -f "$f" ] || continue
		printf '%s %s %s\n' "$(sha256sum <"$f" | cut -c1-64)" \
			"$(stat -c %.9Y "$f")" "$f"
	done) >"$2"
}

mtimes_restore() {
	local sum t f n=0
	while read -r sum t f; do
		if [ -f "$1/$f" ] && [ "$(sha256sum <"$1/$f" | cut -c1-64)" = "$sum" ]; then
			touch -m -d "@$t" "$1/$f"
			n=$((n + 1))
		fi
	done <"$2"
	echo "$n"
}

# The quilt tree's contents as a git tree object, without touching its
# index.  Debian's top-level .gitignore ignores everything new ("/*"), so
# new files are added with -f; quilt's own .pc and patches link are not
# part of the tree.  The builds are out of tree, so nothing else is there.
quilt_tree_id() {
	local idx
	idx=$(mktemp)
	(cd "$TREE" && export GIT_INDEX_FILE=$idx &&
		git read-tree "$BASE_TAG" && git add -A -f -- . ':!.pc' ':!patches' &&
		git write-tree)
	rm -f "$idx"
}

# Two cores: one kernel build at a time.  Every build step takes this lock
# (flock on fd 9, released when the script exits), so parallel callers
# queue instead of thrashing.
build_lock() {
	mkdir -p "$KMEMCG_CACHE"
	exec 9>"$KMEMCG_CACHE/.build.lock"
	if ! flock -n 9; then
		say "waiting for another kernel build to finish (lock $KMEMCG_CACHE/.build.lock)"
		flock 9
	fi
}

# checkpatch.pl --strict on patch file $1, stored in the series as $2, with
# the exceptions patches/checkpatch-exceptions lists for $2.  Prints its
# findings; succeeds when there are none.  The caller puts Debian's
# python3 first in PATH (spdxcheck.py needs python3-ply and python3-git).
checkpatch_patch() {
	local exc=$TOP/patches/checkpatch-exceptions ignore='' out
	local args=(--strict --terse --show-types --no-summary)
	[ -f "$exc" ] && ignore=$(awk -v p="$2" '$1 == p { printf "%s,", $2 }' "$exc")
	[ -n "$ignore" ] && args+=(--ignore "${ignore%,}")
	out=$(cd "$BASE_GIT" && perl scripts/checkpatch.pl "${args[@]}" "$1" 2>&1)
	local rc=$?
	[ -n "$out" ] && printf '%s\n' "$out"
	[ "$rc" = 0 ] && [ -z "$out" ]
}

# Static busybox in $1/bin with a link per applet: the userland of the
# UML and VM roots.  The copy is skipped when it is already there.
busybox_bin() {
	local bb a
	bb=$(command -v busybox)
	mkdir -p "$1/bin"
	cmp -s "$bb" "$1/bin/busybox" || cp "$bb" "$1/bin/busybox"
	for a in $("$1/bin/busybox" --list); do
		[ -e "$1/bin/$a" ] || ln -s busybox "$1/bin/$a"
	done
}

# Whether a Kconfig file of the source tree $1 defines symbol $2 (without
# CONFIG_): test options a later patch adds are absent from a prefix.
kconfig_defined() {
	grep -rqsxE --include='Kconfig*' --exclude-dir=.pc "(menu)?config $2" "$1"
}
