#!/bin/bash
# Runs inside the VM as root: give the cgroup selftests what a real machine
# gives them, then run them and leave one TAP file per binary in OUTDIR.
#
#   /dev/vda  ext4 image made by the host, holding the selftests; it becomes
#             '/' of a chroot, so the tests' working directory is on a disk
#             filesystem (reclaimable page cache) and '/' caches negative
#             dentries (test_kmem_basic grows the dentry cache that way;
#             vng's 9p root does not cache them)
#   /dev/vdb  swap device
#   zswap is enabled on the kernel command line (selftests.sh), so
#   test_zswap runs instead of skipping.
#
# usage: guest-run.sh OUTDIR TEST...
set -u
out=$1
shift
root=/tmp/kmemcg-root

fail() {
	echo "guest-run: error: $*"
	exit 1
}

mkdir -p "$root"
mount -t ext4 /dev/vda "$root" || fail "cannot mount the scratch disk /dev/vda"
mkswap -q /dev/vdb >/dev/null || fail "cannot make swap on /dev/vdb"
swapon /dev/vdb || fail "cannot enable swap on /dev/vdb"

# The image carries bin, lib, lib64, sbin as links into usr (merged /usr).
for d in usr etc; do
	mkdir -p "$root/$d"
	mount --bind "/$d" "$root/$d" || fail "cannot bind /$d"
done
mkdir -p "$root/proc" "$root/sys" "$root/dev" "$root/tmp"
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
mount -t tmpfs tmpfs "$root/tmp"
grep -q "^cgroup2 $root/sys/fs/cgroup " /proc/mounts ||
	mount -t cgroup2 none "$root/sys/fs/cgroup" || fail "cannot mount cgroup2"
# The mount options a systemd machine uses (nsdelegate) and the one
# test_hugetlb_memcg needs; without them those tests skip.
mount -o remount,nsdelegate,memory_hugetlb_accounting "$root/sys/fs/cgroup" ||
	fail "cannot remount cgroup2 with nsdelegate,memory_hugetlb_accounting"

echo "guest-run: kernel $(uname -r), $(nproc) CPUs, nodes: $(cat /sys/devices/system/node/online)"
echo "guest-run: swap: $(awk 'NR > 1 { print $1, $3 " KiB" }' /proc/swaps)"
echo "guest-run: chroot root: $(stat -f -c %T "$root"), test dir $root/selftests"

# The series' KUnit suites that need a non-root memcg, on this topology
# (the kernel runs with kunit.autorun=0; see kunit/cgroup-run.sh).
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck disable=SC2046 # one suite name per word
sh "$here/../kunit/cgroup-run.sh" "$out/kunit" \
	$(sed -e 's/#.*//' "$here/../kunit/cgroup-suites")

run_one() {
	chroot "$root" /bin/sh -c "cd /selftests && exec timeout -k 10 ${TEST_TIMEOUT:-900} ./$1" \
		>"$out/$1.tap" 2>&1
}

for t in "$@"; do
	echo "kmemcg-selftest: begin $t" >/dev/kmsg
	echo "# kmemcg-selftest: begin $t"
	run_one "$t"
	rc=$?
	if [ "$rc" != 0 ]; then
		# Timing-sensitive tests flake under TCG: run a failing binary
		# once more.  The report shows both tries; a test that passes
		# only the second time counts as a skip, never as a pass.
		echo "# kmemcg-selftest: $t failed (rc=$rc): second try"
		cp "$out/$t.tap" "$out/$t.tap.try1"
		run_one "$t"
		rc=$?
	fi
	cat "$out/$t.tap"
	echo "rc=$rc" >"$out/$t.rc"
	echo "# kmemcg-selftest: end $t rc=$rc"
	echo "kmemcg-selftest: end $t rc=$rc" >/dev/kmsg
done
dmesg >"$out/dmesg.txt"
echo "guest-run: done"
