#!/bin/bash
# Boot a kernel with virtme-ng on an emulated NUMA topology under TCG, run
# one command as root, and save the whole console (kernel log included).
#
# usage: vm.sh BZIMAGE LOG COMMAND
# env:   TOPO        2node (default): 2 nodes x 2 CPUs, 1 GiB each
#                    4node: 3 nodes with one CPU each plus a memory-only node
#        VM_TIMEOUT  seconds before the VM is stopped (default 1800)
#        VM_DISKS    raw images to attach as virtio disks /dev/vda, vdb, ...
#        VM_RWDIR    a host folder the guest may write (same path inside)
#        VM_APPEND   extra kernel command line
#        VM_QEMU_OPTS extra QEMU options (e.g. -icount for the benchmarks)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 3 ] || die "usage: vm.sh BZIMAGE LOG COMMAND"
kernel=$1 log=$2 cmd=$3
need vng:virtme-ng qemu-system-x86_64:qemu-system-x86 udevadm:udev
[ -f "$kernel" ] || die "no kernel at $kernel"

topo=${TOPO:-2node}
# shellcheck disable=SC2054 # the commas are vng's syntax
case $topo in
1node)
	# No --numa: one node with every CPU (make bench-numa's one-node
	# figures; not a selftest topology)
	opts=(--cpus 2 -m 2G)
	qemu="-smp 2,sockets=1,cores=2,threads=1"
	;;
2node)
	# One socket per node, or the guest warns about a broken topology.
	opts=(--cpus 4 -m 2G --numa 1G,cpus=0-1 --numa 1G,cpus=2-3)
	qemu="-smp 4,sockets=2,cores=2,threads=1"
	;;
4node)
	opts=(--cpus 3 -m 2G --numa 512M,cpus=0 --numa 512M,cpus=1
		--numa 512M,cpus=2 --numa 512M)
	qemu="-smp 3,sockets=3,cores=1,threads=1"
	;;
*) die "unknown TOPO '$topo' (1node, 2node or 4node)" ;;
esac

[ -n "${VM_QEMU_OPTS:-}" ] && qemu+=" $VM_QEMU_OPTS"
for d in ${VM_DISKS:-}; do
	qemu+=" -drive file=$d,if=virtio,format=raw,cache=unsafe"
done
# GUEST=HOST form: vng 1.35 checks a bare path relative to the cwd.
[ -n "${VM_RWDIR:-}" ] && opts+=(--rwdir="$VM_RWDIR=$VM_RWDIR")

mkdir -p "$(dirname "$log")"
timeout=${VM_TIMEOUT:-1800}
say "vm: booting $(basename "$kernel") on $topo under TCG (limit ${timeout}s, console: $log)"
cd "$TOP"
# --verbose puts the kernel's console in the output, so a hang or a panic
# still leaves its log behind.  Job control puts vng in a process group
# of its own, so the time limit stops it and QEMU together.
set -m
vng --run "$kernel" \
	--disable-kvm --force-9p --user root --verbose "${opts[@]}" \
	--qemu-opts="$qemu" --append "panic=-1 ${VM_APPEND:-}" \
	--exec "$cmd" </dev/null >"$log" 2>&1 &
vm=$!
expired=$(mktemp)
(
	sleep "$timeout"
	echo yes >"$expired"
	kill -TERM -- "-$vm" 2>/dev/null
	sleep 10
	kill -KILL -- "-$vm" 2>/dev/null
) &
watchdog=$!
set +m
rc=0
wait "$vm" || rc=$?
kill -- "-$watchdog" 2>/dev/null || true
wait "$watchdog" 2>/dev/null || true
if [ -s "$expired" ]; then
	rc=124
	echo "vm.sh: error: the VM ($topo, '$cmd') did not finish within ${timeout}s: stopped (time limit)." >&2
	echo "vm.sh: the guest hung or ran too long; last lines of $log:" >&2
	tail -n 30 "$log" >&2
fi
rm -f "$expired"
exit "$rc"
