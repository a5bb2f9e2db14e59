#!/bin/bash
# Build one kernel for 'make bench' (UML) or 'make bench-numa' (x86_64):
# the base, or the base with every patch of patches/series applied with
# git am (as check-am.sh does), each with the same benchmark code from
# bench/ added to mm/.  BENCH_UPTO=PATCH stops the series after PATCH
# (see bench_patches).  Own worktrees in $KMEMCG_CACHE/bench/src-KIND and
# out-of-tree builds in $BUILD_ROOT/uml-bench-KIND or x86_64-bench-KIND,
# so a rerun rebuilds only what changed.
#
# usage: bench-build.sh base|patched [um|x86_64]
#   prints the UML binary or the bzImage on stdout; takes the build lock
#   unless the caller holds it (BENCH_LOCK_HELD=1)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/results.sh
. "$(dirname "$0")/results.sh"

kind=${1:?usage: bench-build.sh base|patched [um|x86_64]}
arch=${2:-um}
case $kind in base | patched) ;; *) die "unknown kernel '$kind' (base or patched)" ;; esac
case $arch in um) prefix=uml ;; x86_64) prefix=x86_64 ;; *) die "unknown arch '$arch' (um or x86_64)" ;; esac
need git make gcc flex bison bc
bench_check_upto

src=$KMEMCG_CACHE/bench/src-$kind
build=$BUILD_ROOT/$prefix-bench-$kind
# bench.sh takes the build lock once for all its builds and boots and says
# so with BENCH_LOCK_HELD=1 (fd 9 is inherited from it).
[ "${BENCH_LOCK_HELD:-}" = 1 ] || build_lock

# What decides the source: the base and, for 'patched', the series.
stamp() {
	if [ "$kind" = patched ] && [ -n "${BENCH_UPTO:-}" ]; then
		{
			code_stamp
			echo "up to $BENCH_UPTO"
		} | sha256sum | cut -d' ' -f1
	elif [ "$kind" = patched ]; then
		code_stamp
	else
		git -C "$BASE_GIT" rev-parse "$BASE_TAG" | sha256sum | cut -d' ' -f1
	fi
}

base_worktree "$src"
want=$(stamp)
mtimes=$src.mtimes
rm -f "$mtimes"
if [ "$(cat "$src.stamp" 2>/dev/null)" != "$want" ]; then
	# What the reset touches keeps its mtime where its content comes back
	# the same (tree.sh does the same), so a changed patch rebuilds what
	# it changes, not every file of the series.
	{
		git -C "$src" diff --name-only "$BASE_TAG"
		git -C "$src" ls-files -o
	} | mtimes_save "$src" "$mtimes"
	say "bench-build: $kind: resetting $src to $BASE_TAG"
	rm -f "$src.stamp"
	git -C "$src" am --abort >/dev/null 2>&1 || true
	git -C "$src" checkout -q -f --detach "$BASE_TAG"
	git -C "$src" clean -q -f -d -x
	if [ "$kind" = patched ]; then
		export GIT_COMMITTER_NAME=kmemcg GIT_COMMITTER_EMAIL=kmemcg@localhost
		n=0
		while read -r p; do
			git -C "$src" am -q "$TOP/patches/$p" ||
				die "git am: patches/$p does not apply on top of the $n patches before it"
			n=$((n + 1))
		done < <(bench_patches)
		say "bench-build: $kind: $n patches applied with git am"
	fi
	echo "$want" >"$src.stamp"
fi

# The benchmark code, the same in both kernels.  Copy only what changed,
# so that make sees unchanged files as unchanged.
install_file() {
	cmp -s "$1" "$2" || cp "$1" "$2"
}
append_once() {
	grep -qxF "$2" "$1" || echo "$2" >>"$1"
}
install_file "$TOP/bench/kmemcg_bench.c" "$src/mm/kmemcg_bench.c"
install_file "$TOP/bench/Kconfig.mm" "$src/mm/Kconfig.kmemcg_bench"
# shellcheck disable=SC2016 # a make variable, not a shell one
append_once "$src/mm/Makefile" 'obj-$(CONFIG_KMEMCG_BENCH) += kmemcg_bench.o'
append_once "$src/mm/Kconfig" 'source "mm/Kconfig.kmemcg_bench"'
if [ -f "$mtimes" ]; then
	kept=$(mtimes_restore "$src" "$mtimes")
	say "bench-build: $kind: $kept of $(wc -l <"$mtimes") files the reset touched are unchanged and keep their mtimes"
	rm -f "$mtimes"
fi

mkdir -p "$build"
if [ "$arch" = x86_64 ]; then
	# The selftest VM's config (virtme-ng boots it), Kconfig.fragment and
	# the bench options, without the debug options that distort timing.
	SRC=$src "$TOP/scripts/kconfig.sh" x86_64 "$build" \
		"$TOP/selftests/vm.config" "$TOP/Kconfig.fragment" \
		"$TOP/bench/Kconfig.bench-x86_64"
	target=bzImage image=$build/arch/x86/boot/bzImage
else
	# Kconfig.fragment without its "# !um" lines and without the options
	# the bench fragment sets (it overrides them, e.g. CONFIG_SMP), plus
	# the bench fragment.
	frag=$build.fragment
	grep -v '# !um' "$TOP/Kconfig.fragment" |
		grep -v -f <(sed -n 's/^\(CONFIG_[A-Za-z0-9_]*\)=.*/^\1=/p' "$TOP/bench/Kconfig.bench") \
			>"$frag"
	SRC=$src "$TOP/scripts/kconfig.sh" um "$build" "$frag" "$TOP/bench/Kconfig.bench"
	target=linux image=$build/linux
fi

say "bench-build: $kind: building $arch kernel in $build"
start=$SECONDS
make -s -C "$src" O="$build" ARCH="$arch" -j"$(nproc)" "$target" >&2 ||
	die "$kind $arch kernel build failed"
say "bench-build: $kind: built in $((SECONDS - start))s"
echo "$image"
