#!/bin/bash
# Write BUILD_DIR/.config from config fragments, complete it with
# olddefconfig, and fail loudly when a fragment line did not stick
# (a dependency missing, a typo, an option that does not exist).
#
# usage: [SRC=SOURCE_TREE] kconfig.sh ARCH BUILD_DIR FRAGMENT...
#   SRC defaults to the quilt tree.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

arch=$1 build=$2 src=${SRC:-$TREE}
shift 2
mkdir -p "$build"

merged=$(mktemp)
trap 'rm -f "$merged"' EXIT
# A later fragment overrides an earlier one: each option's last line counts.
cat "$@" | sed -e 's/[[:space:]]*#.*//' -e '/^$/d' |
	tac | awk -F= '!seen[$1]++' | tac >"$merged"

# Unchanged input: keep .config (and its mtime) as it is, unless the
# source gained options (a new patch's Kconfig): olddefconfig gives them
# their defaults, so that the build does not stop to ask.
if [ -f "$build/.config" ] && cmp -s "$merged" "$build/.kmemcg-fragments"; then
	if [ -n "$(make -s -C "$src" O="$build" ARCH="$arch" listnewconfig 2>/dev/null)" ]; then
		make -s -C "$src" O="$build" ARCH="$arch" olddefconfig >/dev/null
	fi
	exit 0
fi

cp "$merged" "$build/.config"
make -s -C "$src" O="$build" ARCH="$arch" olddefconfig >/dev/null

bad=0
while IFS= read -r line; do
	opt=${line%%=*}
	val=${line#*=}
	if [ "$val" = n ]; then
		grep -qx "$opt=[ym]" "$build/.config" || continue
		got=$(grep -x "$opt=.*" "$build/.config")
	else
		grep -qxF "$line" "$build/.config" && continue
		got=$(grep -x "$opt=.*" "$build/.config" || echo "$opt is not set")
	fi
	echo "kconfig: '$line' did not stick (the config has: $got)" >&2
	bad=1
done <"$merged"
if [ "$bad" = 1 ]; then
	rm -f "$build/.kmemcg-fragments"
	die "config fragments ($*) not satisfied in $build/.config"
fi
cp "$merged" "$build/.kmemcg-fragments"
