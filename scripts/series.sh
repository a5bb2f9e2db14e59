#!/bin/bash
# 'make series': turn patches/ and the latest results into the posting a
# maintainer expects, and check it the way they will.
#
#   - git format-patch of the stack on the base: numbered, vN and subject
#     prefix from series/posting.conf, --base, a cover letter made from
#     series/cover-letter.in, series/changelog and result files;
#   - To:/Cc: per patch and for the cover letter from get_maintainer.pl;
#   - checks: checkpatch --strict, a Signed-off-by in every patch, subject
#     prefixes in the style of the files touched, no placeholder left in
#     the cover letter, the mbox read back by git am (and b4 am) onto a
#     fresh base gives the quilt tree, and that tree builds (UML).
#
# usage: series.sh            the posting; every result file must exist
#        series.sh --draft    the same checks, but results not measured
#                             yet are stated as such ('make check' runs this)
# Output: $KMEMCG_CACHE/out/series/vN/ (patches, posting.mbox, routing.txt).
# Ends with 'series: N passed, N failed'; every failure names its file.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/results.sh
. "$(dirname "$0")/results.sh"

mode=${1:-final}
need git perl
conf=$TOP/series/posting.conf
# shellcheck source=series/posting.conf
. "$conf"
"$TOP/scripts/get-base.sh" 2>/dev/null
mapfile -t series < <(list_entries "$TOP/patches/series")
[ ${#series[@]} -gt 0 ] || die "patches/series is empty: nothing to post"

pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
bad() { fail=$((fail + 1)); echo "not ok - $*"; }
indent() { sed 's/^/    /'; }

# --- the commits: the stack applied with git am on a worktree of the base
# (lib.sh's AM_WT).
wt=$AM_WT
base_worktree_clean "$wt"
cd "$wt"
# The sender (FROM) commits, so that the cover letter is from them too.
GIT_COMMITTER_NAME=${FROM% <*}
GIT_COMMITTER_EMAIL=${FROM##*<}
export GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL%>}
for p in "${series[@]}"; do
	am_patch "$wt" "$p"
done

out=$KMEMCG_CACHE/out/series/v$VERSION
rm -rf "$out"
mkdir -p "$out"
git format-patch -q --cover-letter --thread --base="$BASE_TAG" -v"$VERSION" \
	--subject-prefix="$SUBJECT_PREFIX" --from="$FROM" -o "$out" "$BASE_TAG..HEAD"
cover=$out/v$VERSION-0000-cover-letter.patch
[ -f "$cover" ] || die "git format-patch wrote no cover letter in $out"
posted=()
for f in "$out/v$VERSION"-0*.patch; do
	[ "$f" = "$cover" ] || posted+=("$f")
done

# --- the cover letter's generated sections.
# The result file $1 of '$2', or a statement that it was not made.  A
# posting quotes only results made on this series with the default
# settings (result_current); a draft says when they were not.
result_file() {
	if [ ! -s "$1" ]; then
		[ "$mode" = --draft ] || { echo "series: missing $1: run '$2' first" >&2; return 1; }
		echo "(not measured yet: $2)"
	elif [ "$mode" != --draft ]; then
		result_current "$(dirname "$1")" "$2" && cat "$1"
	elif result_current "$(dirname "$1")" "$2" 2>/dev/null; then
		cat "$1"
	else
		echo "(not measured on this version of the series yet: $2)"
	fi
}
parts() {	# the parts, from the '# part N: ...' and '# fix: ...' comments of patches/series
	local n=0 line subjects
	mapfile -t subjects < <(git log --reverse --format=%s "$BASE_TAG..HEAD")
	while IFS= read -r line; do
		case $line in
		"# part "*) printf '\n%s\n' "Part ${line#\# part }" ;;
		"# fix: "*) printf '\n%s\n' "First, a fix: ${line#\# fix: }" ;;
		\#* | "") ;;
		*)
			n=$((n + 1))
			printf '  [%d/%d] %s\n' "$n" "${#series[@]}" "${subjects[$((n - 1))]}"
			;;
		esac
	done <"$TOP/patches/series"
}
tests() {
	local f sum=$RESULTS/check/summary.txt
	# A posting quotes a make check that passed, never the last failure.
	if [ "$mode" != --draft ] && [ -s "$sum" ] &&
		grep -Eq '^check: [0-9]+ passed, [1-9][0-9]* failed' "$sum"; then
		echo "series: the last make check failed ($(sed -n \
			's/^\(failed steps: .*\) (logs.*/\1/p' "$sum")): fix it and run 'make check' again" >&2
		return 1
	fi
	result_file "$sum" "make check" || return 1
	for f in "$RESULTS"/selftests-*/summary.txt "$RESULTS"/stress-*/summary.txt; do
		[ -s "$f" ] || continue
		echo
		echo "${f#"$RESULTS"/}:"
		cat "$f"
	done
}
sections=$(mktemp -d)
trap 'rm -rf "$sections"' EXIT
parts >"$sections/PARTS"
cat "$TOP/series/changelog" >"$sections/CHANGELOG"
base_commit=$(git rev-parse "$BASE_TAG^{commit}")
echo "Linux ${BASE_TAG#base-} from Debian's $BASE_PACKAGE $BASE_VERSION ($BASE_SUITE),
standing in for mm-stable: commit $base_commit (base-commit below)." >"$sections/BASE"
tests >"$sections/TESTS" || die "the cover letter needs test results"
# The newest run of a benchmark that stands for this code with the
# default settings: a run made since with BENCH_ settings (one case, one
# topology) does not displace it.  Else 'latest', which result_file then
# explains.
bench_run() {
	local d
	while IFS= read -r d; do
		result_current "$d" - 2>/dev/null && { echo "$d"; return; }
	done < <(find "$1" -mindepth 1 -maxdepth 1 -type d -name '2*' 2>/dev/null | sort -r)
	echo "$1/latest"
}
result_file "$(bench_run "$RESULTS/bench")/table.txt" "make bench" >"$sections/BENCH" ||
	die "the cover letter needs benchmark results"
result_file "$(bench_run "$RESULTS/bench-numa")/table.txt" "make bench-numa" >"$sections/BENCHNUMA" ||
	die "the cover letter needs the results of make bench-numa"

blurb=$(mktemp -p "$sections")
awk -v dir="$sections" '
	/^@[A-Z]+@$/ {
		f = dir "/" substr($0, 2, length($0) - 2)
		if ((getline line < f) > 0) { print line; while ((getline line < f) > 0) print line }
		else print
		next
	}
	{ print }
' "$TOP/series/cover-letter.in" >"$blurb"
awk -v title="$TITLE" -v blurb="$blurb" '
	/\*\*\* SUBJECT HERE \*\*\*/ { sub(/\*\*\* SUBJECT HERE \*\*\*/, title) }
	/^\*\*\* BLURB HERE \*\*\*$/ { while ((getline line < blurb) > 0) print line; next }
	{ print }
' "$cover" >"$cover.new"
mv "$cover.new" "$cover"

# --- routing: maintainers in To:, reviewers and lists in Cc:.
route() {	# route PATCH: two lines, 'To: ...' and 'Cc: ...'
	(cd "$BASE_GIT" && perl scripts/get_maintainer.pl --no-git --no-git-fallback \
		--no-multiline --separator '|' "$1") | tr '|' '\n' | awk '
		/\(maintainer:/ { sub(/ \(.*/, ""); to = to (to ? ", " : "") $0; next }
		{ sub(/ \(.*/, ""); cc = cc (cc ? ", " : "") $0 }
		END { print "To: " to; print "Cc: " cc }'
}
add_headers() {	# add_headers FILE TO CC: after the Subject: header
	awk -v to="$2" -v cc="$3" '
		!done && /^$/ { print to; print cc; done = 1 }
		{ print }' "$1" >"$1.new" && mv "$1.new" "$1"
}
: >"$out/routing.txt"
all_to=() all_cc=()
for f in "${posted[@]}"; do
	mapfile -t r < <(route "$f")
	add_headers "$f" "${r[0]}" "${r[1]}"
	printf '%s\n  %s\n  %s\n' "$(basename "$f")" "${r[0]}" "${r[1]}" >>"$out/routing.txt"
	IFS=, read -ra t <<<"${r[0]#To: }"
	IFS=, read -ra c <<<"${r[1]#Cc: }"
	all_to+=("${t[@]}") all_cc+=("${c[@]}")
done
uniq_list() { printf '%s\n' "$@" | sed 's/^ *//' | awk 'NF && !seen[$0]++' | paste -sd, | sed 's/,/, /g'; }
cto=$(uniq_list "${all_to[@]}")
ccc=$(printf '%s\n' "${all_cc[@]}" | sed 's/^ *//' | grep -vxF -f <(printf '%s\n' "${all_to[@]}" | sed 's/^ *//') | awk 'NF && !seen[$0]++' | paste -sd, | sed 's/,/, /g')
add_headers "$cover" "To: $cto" "Cc: $ccc"
printf '%s\n  To: %s\n  Cc: %s\n' "$(basename "$cover")" "$cto" "$ccc" >>"$out/routing.txt"
cat "$cover" "${posted[@]}" >"$out/posting.mbox"

# --- checks, all of them, each failure named.
export PATH=/usr/bin:$PATH	# spdxcheck.py: Debian's python3 (see checkpatch.sh)
for f in "${posted[@]}"; do
	name=$(basename "$f")
	orig=${series[$((10#$(sed -E 's/^v[0-9]+-([0-9]+)-.*/\1/' <<<"$name") - 1))]}
	if cp_out=$(checkpatch_patch "$f" "$orig"); then
		ok "checkpatch --strict: $name"
	else
		bad "checkpatch --strict: $name"
		indent <<<"$cp_out"
	fi
	if grep -q '^Signed-off-by: ' "$f"; then
		ok "Signed-off-by: $name"
	else
		bad "no Signed-off-by in $name (patches/$orig)"
	fi
	subj=$(sed -n '/^Subject: /{N;s/\n//;s/^Subject: \[[^]]*\] //;p}' "$f")
	files=$(sed -n 's#^diff --git a/\([^ ]*\) .*#\1#p' "$f")
	if ! grep -qvE '^tools/testing/selftests/' <<<"$files"; then
		re='^selftests: [a-z_/]+: '
	else
		re='^(mm|memcg|slab|percpu|page_counter)(/[a-z_]+)?(: [a-z_]+)?: '
	fi
	if grep -qE "$re" <<<"$subj"; then
		ok "subject prefix: $name"
	else
		bad "subject prefix of $name ('$subj') does not match /$re/"
	fi
done
left=$(grep -nE '\*\*\* [A-Z]+ HERE \*\*\*|@[A-Z]+@' "$cover" || true)
if [ -z "$left" ]; then
	ok "the cover letter has no placeholder left"
else
	bad "placeholders left in the cover letter $(basename "$cover") (series/cover-letter.in):"
	indent <<<"$left"
fi

# Read the mbox back the way a maintainer does, onto a fresh base: in the
# same worktree, reset, so the stack's tree is taken first.
stack_tree=$(git -C "$wt" rev-parse 'HEAD^{tree}')
readback() {	# readback MBOX WHAT: git am it onto the base; same tree?
	base_worktree_clean "$wt"
	# --empty=drop: the cover letter has no diff.
	if ! git -C "$wt" am -q --empty=drop "$1" >/dev/null 2>&1; then
		git -C "$wt" am --abort >/dev/null 2>&1 || true
		bad "$2 does not apply with git am onto $BASE_TAG"
	elif [ "$(git -C "$wt" rev-parse 'HEAD^{tree}')" != "$stack_tree" ]; then
		bad "$2 applied with git am gives another tree than the stack"
	else
		ok "$2 applied with git am onto $BASE_TAG gives the stack's tree"
	fi
}
readback "$out/posting.mbox" "posting.mbox"
if command -v b4 >/dev/null 2>&1; then
	msgid=$(sed -n 's/^Message-ID: <\(.*\)>$/\1/Ip' "$cover" | head -n 1)
	rm -rf "$out/b4"
	mkdir -p "$out/b4"
	# b4 0.12 (Debian bookworm) stops with "Header values may not contain
	# linefeed" on a folded Subject: read from a local mbox; a list
	# archive serves it unfolded, so give b4 that form.
	awk '/^Subject: / { s = $0; while ((getline n) > 0 && n ~ /^ /) s = s n; print s; print n; next }
		{ print }' "$out/posting.mbox" >"$out/b4/posting-unfolded.mbox"
	# Run in the base's repository: only where it finds the base-commit
	# does b4 name it ("Base: not specified" elsewhere), as a reviewer's
	# b4 will.
	if (cd "$BASE_GIT" && b4 am -m "$out/b4/posting-unfolded.mbox" -o "$out/b4" "$msgid") >"$out/b4.log" 2>&1; then
		mbx=$(find "$out/b4" -name '*.mbx' | head -n 1)
		readback "$mbx" "b4 am of posting.mbox"
		if grep -q "Base: using specified base-commit $base_commit" "$out/b4.log"; then
			ok "b4 am finds the base-commit $base_commit"
		else
			bad "b4 am does not find the base-commit $base_commit (see $out/b4.log)"
		fi
	else
		bad "b4 am cannot read posting.mbox back (see $out/b4.log)"
	fi
else
	echo "# b4 is not installed (Debian package b4): b4 am read-back not done"
fi

# The applied tree builds (UML, the KUnit config), in a UML KUnit build
# folder that already holds a build of the same tree, so that nothing is
# built from nothing: make check's (the series as git am applies it, in
# the bisect worktree, scripts/kunit-am.sh), else make kunit's (the quilt
# tree, checked here again to be the posting's tree).
posting_tree=$(git -C "$wt" rev-parse 'HEAD^{tree}')
src=$TREE build=$BUILD_ROOT/kunit-uml
bwt=$KMEMCG_CACHE/bisect
if [ -f "$BUILD_ROOT/kunit-uml-bisect/.config" ] &&
	[ "$(git -C "$bwt" rev-parse 'HEAD^{tree}' 2>/dev/null)" = "$posting_tree" ] &&
	[ -z "$(git -C "$bwt" status --porcelain 2>/dev/null)" ]; then
	src=$bwt build=$BUILD_ROOT/kunit-uml-bisect
fi
if [ "$(quilt_tree_id)" != "$posting_tree" ]; then
	bad "the quilt tree $TREE is not the posting's tree: run 'make tree'"
elif [ -f "$build/.config" ]; then
	build_lock
	say "series: building the posting's tree (UML, the KUnit config) from $src in $build"
	if make -s -C "$src" O="$build" ARCH=um -j"$(nproc)" >"$out/build.log" 2>&1; then
		ok "the applied posting builds (ARCH=um, the KUnit config)"
	else
		bad "the applied posting does not build (see $out/build.log)"
		tail -n 20 "$out/build.log" | sed 's/^/    /'
	fi
else
	bad "no UML KUnit build at $build to build in: run 'make kunit' or 'make check' first"
fi

echo "series: posting in $out ($((${#posted[@]})) patches + cover letter, routing.txt)"
echo "series: $pass passed, $fail failed"
[ "$fail" = 0 ]
