#!/bin/bash
# Install what the pipeline needs from Debian's packages, skipping what is
# already there.  virtme-ng comes from trixie (pinned low, see apt-suite.sh).
# python3-ply and python3-git: checkpatch runs spdxcheck.py on new files.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

pkgs=(build-essential flex bison bc libelf-dev libssl-dev cpio xz-utils git
	python3 quilt qemu-system-x86 ipxe-qemu udev e2fsprogs util-linux
	busybox-static stress-ng kmod rsync shellcheck python3-ply python3-git b4)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
dpkg-query -W -f='${Status}' virtme-ng 2>/dev/null | grep -q 'ok installed' || missing+=(virtme-ng/trixie)
[ ${#missing[@]} -eq 0 ] && { say "deps: everything is installed"; exit 0; }

[ "$(id -u)" = 0 ] || die "need root to install: ${missing[*]}"
"$TOP/scripts/apt-suite.sh" trixie "$BASE_SUITE"
say "deps: installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 ||
	die "apt-get could not install: ${missing[*]}"
