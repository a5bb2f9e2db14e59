#!/bin/bash
# Runs in the VM as root (scripts/vm.sh, boot with kunit.autorun=0): run
# the cgroup selftest binary test_kmem (which has test_kmem_memcg_caches),
# then, if the kernel has it, the KUnit suite memcg_cache from a child of
# the root cgroup (/a) and from a grandchild (/a/b).
# usage: selftest-guest.sh SELFTEST_DIR
set -u
st=$1
cg=/sys/fs/cgroup
mountpoint -q $cg || mount -t cgroup2 none $cg
mountpoint -q /sys/kernel/debug || mount -t debugfs debugfs /sys/kernel/debug
echo "selftest-guest: kernel $(uname -r) $(uname -v), nodes $(ls -d /sys/devices/system/node/node* | wc -l)"
cd /tmp || exit 1
"$st/test_kmem" 2>&1 | sed 's/^/test_kmem: /'
echo "selftest-guest: test_kmem exit ${PIPESTATUS[0]}"

s=memcg_cache
if [ -e /sys/kernel/debug/kunit/$s/run ]; then
	echo +memory >$cg/cgroup.subtree_control
	mkdir -p $cg/a
	for d in a a/b; do
		# /a has no task left when its subtree gets the controller
		if [ $d = a/b ]; then
			echo +memory >$cg/a/cgroup.subtree_control
			mkdir -p $cg/a/b
		fi
		echo "selftest-guest: $s from /$d"
		sh -c "echo \$\$ >$cg/$d/cgroup.procs && echo 1 >/sys/kernel/debug/kunit/$s/run"
		sed 's/^/kunit: /' /sys/kernel/debug/kunit/$s/results
	done
	rmdir $cg/a/b $cg/a
else
	echo "selftest-guest: no KUnit suite $s in this kernel"
fi
echo "selftest-guest: done"
