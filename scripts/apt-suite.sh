#!/bin/bash
# Make a Debian suite available to apt, pinned low so that nothing already
# installed is upgraded from it.  The new entry copies URIs and Signed-By from
# the machine's existing Debian entry, so no registry host is named here.
#
# usage: apt-suite.sh SUITE...     (e.g. trixie trixie-backports)
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 SUITE..." >&2; exit 2; }

src=/etc/apt/sources.list.d/debian.sources
name=kmemcg-extra
list=/etc/apt/sources.list.d/$name.sources
pin=/etc/apt/preferences.d/$name

[ -r "$src" ] || { echo "apt-suite: $src not found: cannot copy the Debian entry" >&2; exit 1; }

# First deb822 stanza whose URIs do not point at the security archive.
read -r uris keyring < <(awk '
	BEGIN { RS = ""; FS = "\n" }
	{
		u = ""; k = ""
		for (i = 1; i <= NF; i++) {
			if ($i ~ /^URIs:/) { u = $i; sub(/^URIs:[ \t]*/, "", u) }
			if ($i ~ /^Signed-By:/) { k = $i; sub(/^Signed-By:[ \t]*/, "", k) }
		}
		if (u != "" && u !~ /security/) { print u, k; exit }
	}' "$src")
[ -n "${uris:-}" ] || { echo "apt-suite: no Debian entry with URIs in $src" >&2; exit 1; }

want="$*"
if [ -r "$list" ] && grep -qx "Suites: $want" "$list" && [ -r "$pin" ]; then
	exit 0
fi

tmp=$(mktemp)
{
	echo "Types: deb"
	echo "URIs: $uris"
	echo "Suites: $want"
	echo "Components: main"
	[ -n "$keyring" ] && echo "Signed-By: $keyring"
} >"$tmp"
install -m 644 "$tmp" "$list"

# Priority 50 (< 100): a package is taken from these suites only when asked
# for by name/release or when no other version exists; nothing upgrades.
{
	for s in "$@"; do
		printf 'Package: *\nPin: release n=%s\nPin-Priority: 50\n\n' "$s"
	done
} >"$tmp"
install -m 644 "$tmp" "$pin"
rm -f "$tmp"

echo "apt-suite: added suites: $want (pinned at 50)" >&2
apt-get update -qq
