#!/bin/sh
# In a virtme-ng guest of 'make bench-numa': run bench/init with the
# settings file CONF, the guest's own mounts, and no power-off.
#
# usage: guest-bench.sh INIT CONF
init=${1:?usage: guest-bench.sh INIT CONF}
conf=${2:?usage: guest-bench.sh INIT CONF}
grep -q ' /sys/kernel/debug ' /proc/mounts ||
	mount -t debugfs debugfs /sys/kernel/debug
grep -q ' /sys/fs/cgroup cgroup2 ' /proc/mounts ||
	mount -t cgroup2 cgroup2 /sys/fs/cgroup
echo "BENCH-NODES $(cat /sys/devices/system/node/online) cpus=$(nproc)"
BENCH_IN_VM=1 BENCH_CONF=$conf exec sh "$init"
