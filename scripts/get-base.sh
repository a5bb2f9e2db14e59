#!/bin/bash
# Obtain the base tree: Debian's linux-source package at the pinned version,
# checked against the pinned sha256, unpacked into the cache and committed
# as a single, reproducible git commit tagged $BASE_TAG.
#
# Idempotent: when the tagged repository exists this takes well under a
# second.  On any error nothing is left in place of the repository.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

if git -C "$BASE_GIT" rev-parse -q --verify "refs/tags/$BASE_TAG" >/dev/null 2>&1; then
	say "base: $BASE_GIT at $BASE_TAG ($(git -C "$BASE_GIT" rev-parse --short "$BASE_TAG")) already there"
	exit 0
fi

need git tar xz:xz-utils dpkg-deb:dpkg sha256sum:coreutils

dl=$KMEMCG_CACHE/dl
deb=$dl/${BASE_PACKAGE}_${BASE_VERSION}_all.deb
mkdir -p "$dl"

verify() {
	local got
	got=$(sha256sum "$1" | cut -d' ' -f1)
	[ "$got" = "$BASE_SHA256" ] && return 0
	echo "${0##*/}: error: checksum mismatch for $(basename "$1"):" >&2
	echo "  expected sha256 $BASE_SHA256 (pinned in scripts/base.conf)" >&2
	echo "  got      sha256 $got" >&2
	return 1
}

if [ ! -f "$deb" ]; then
	need apt-get:apt
	say "download: $BASE_PACKAGE=$BASE_VERSION from $BASE_SUITE"
	"$TOP/scripts/apt-suite.sh" trixie "$BASE_SUITE"
	tmpdl=$(mktemp -d "$dl/.get.XXXXXX")
	trap 'rm -rf "$tmpdl"' EXIT
	if ! (cd "$tmpdl" && apt-get download -q -o APT::Sandbox::User=root \
		"$BASE_PACKAGE=$BASE_VERSION" >&2); then
		die "could not download package $BASE_PACKAGE version $BASE_VERSION (suite $BASE_SUITE): is the suite reachable and the version still served?"
	fi
	got=$(find "$tmpdl" -name '*.deb' | head -n 1)
	[ -n "$got" ] || die "apt-get downloaded no .deb for $BASE_PACKAGE=$BASE_VERSION"
	verify "$got" || die "refusing the downloaded $BASE_PACKAGE $BASE_VERSION"
	mv "$got" "$deb"
else
	verify "$deb" || die "cached $deb does not match the pin; delete it to download again"
fi

say "unpack: $(basename "$deb") into $BASE_GIT"
work=$(mktemp -d "$KMEMCG_CACHE/.base.XXXXXX")
trap 'rm -rf "$work" ${tmpdl:+"$tmpdl"}' EXIT
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" "./$BASE_TARBALL" ||
	die "$deb does not contain $BASE_TARBALL"
mkdir "$work/git"
tar -xJ -C "$work/git" --strip-components=1 -f "$work/$BASE_TARBALL"
rm -f "$work/$BASE_TARBALL"
if [ ! -f "$work/git/Makefile" ] || [ ! -f "$work/git/mm/memcontrol.c" ]; then
	die "$BASE_TARBALL does not look like a kernel tree"
fi

say "commit: base tree as one git commit (fixed identity and date: reproducible id)"
(
	cd "$work/git"
	export GIT_AUTHOR_NAME="Debian $BASE_PACKAGE" GIT_AUTHOR_EMAIL="debian-kernel@lists.debian.org"
	export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
	export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z"
	git init -q -b master
	git config core.autocrlf false
	git config gc.auto 0
	git add -A -f .
	git commit -q --no-verify -m "Linux $BASE_VERSION ($BASE_PACKAGE, Debian $BASE_SUITE)"
	git tag "$BASE_TAG"
)
rm -rf "$BASE_GIT"
mv "$work/git" "$BASE_GIT"
say "base: $BASE_GIT at $BASE_TAG ($(git -C "$BASE_GIT" rev-parse --short "$BASE_TAG"))"
