#!/bin/bash
# Make the disk image the stress run's load lives on: bash, busybox-static
# (for every other command), stress-ng, the guest scripts, and the shared
# libraries they load, in an ext4 filesystem.  Under fault injection the
# load must not read its programs over 9p: a 9p request that fails in a
# fault-injected task left the guest's 9p root failing every open with
# EINVAL for all tasks (measured on the first runs of make stress).
#
# usage: stress-image.sh IMAGE
set -euo pipefail
. "$(dirname "$0")/lib.sh"

img=$1
need mkfs.ext4:e2fsprogs busybox:busybox-static stress-ng:stress-ng ldd:libc-bin
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,stress,out,proc,sys,dev,tmp,etc}
cp /bin/bash "$(command -v stress-ng)" "$stage/bin/"
busybox_bin "$stage"
# The libraries, at the paths the dynamic loader looks for them.
for lib in $(ldd /bin/bash "$(command -v stress-ng)" | awk '/=> \// { print $3 } /^\t\// { print $1 }' | sort -u); do
	cp -L --parents "$lib" "$stage/"
done
ln -s bin "$stage/sbin"
mkdir -p "$stage/usr"
ln -s ../bin "$stage/usr/bin"
cp /etc/passwd /etc/group "$stage/etc/"
cp "$TOP/stress/guest-stress.sh" "$stage/stress/"
rm -f "$img"
mkfs.ext4 -q -F -d "$stage" "$img" 1G
