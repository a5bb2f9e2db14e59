#!/bin/bash
# Runs inside the debug-kernel VM as root (scripts/stress.sh): mount the
# load's disk (/dev/vda, made by scripts/stress-image.sh) and run
# guest-stress.sh chrooted into it, so that nothing the load runs is read
# over 9p; then copy its results out.
#
# usage: guest-run.sh DURATION OUTDIR
set -u
dur=$1 out=$2
root=/tmp/kmemcg-stress-root
fail() {
	echo "not ok - stress guest setup: $*"
	echo "guest-stress: done"
	exit 1
}
mkdir -p "$root"
mount -t ext4 /dev/vda "$root" || fail "cannot mount /dev/vda"
mount -t proc proc "$root/proc" || fail "cannot mount proc"
mount --rbind /sys "$root/sys" || fail "cannot bind /sys"
mount --rbind /dev "$root/dev" || fail "cannot bind /dev"
mount -t tmpfs tmpfs "$root/tmp" || fail "cannot mount tmpfs"
grep -q " $root/sys/fs/cgroup cgroup2" /proc/mounts ||
	mount -t cgroup2 none "$root/sys/fs/cgroup" || fail "cannot mount cgroup2"
grep -q " $root/sys/kernel/debug debugfs" /proc/mounts ||
	mount -t debugfs debugfs "$root/sys/kernel/debug" || fail "cannot mount debugfs"
# The series' cgroup KUnit suites, on the debug kernel, before the load.
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck disable=SC2046 # one suite name per word
sh "$here/../kunit/cgroup-run.sh" "$out/kunit" $(sed -e 's/#.*//' "$here/../kunit/cgroup-suites")
chroot "$root" /bin/bash /stress/guest-stress.sh "$dur" /out
cp -a "$root/out/." "$out/"
dmesg >"$out/dmesg.txt"
echo "guest-stress: done"
