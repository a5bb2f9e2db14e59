#!/bin/bash
# Boot a kernel on an emulated NUMA topology under TCG, run one command as
# root, and save the whole console (kernel log included), with virtme-ng
# or with plain QEMU and scripts/qemu-init.
#
# usage: vm.sh BZIMAGE LOG COMMAND
# env:   TOPO        2node (default): 2 nodes x 2 CPUs, 1 GiB each
#                    4node: 3 nodes with one CPU each plus a memory-only node
#        VM_RUNNER   vng (default) or qemu: the same machine, the host's /
#                    as read-only root over 9p; qemu skips virtme-init (udev
#                    coldplug, tmpfiles, overlays: writable are /tmp, /run
#                    and VM_RWDIR), minutes on a debug kernel under TCG
#        VM_TIMEOUT  seconds before the VM is stopped (default 1800)
#        VM_DISKS    raw images to attach as virtio disks /dev/vda, vdb, ...
#        VM_RWDIR    a host folder the guest may write (same path inside)
#        VM_APPEND   extra kernel command line
#        VM_QEMU_OPTS extra QEMU options (e.g. -icount for the benchmarks)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 3 ] || die "usage: vm.sh BZIMAGE LOG COMMAND"
kernel=$1 log=$2 cmd=$3
runner=${VM_RUNNER:-vng}
case $runner in
vng) need vng:virtme-ng qemu-system-x86_64:qemu-system-x86 udevadm:udev ;;
qemu) need qemu-system-x86_64:qemu-system-x86 base64:coreutils ;;
*) die "unknown VM_RUNNER '$runner' (vng or qemu)" ;;
esac
[ -f "$kernel" ] || die "no kernel at $kernel"

# Each topology: its nodes as SIZE:CPUS (no CPUS: a memory-only node) and
# its -smp line, one socket per node, or the guest warns about a broken
# topology.
topo=${TOPO:-2node}
case $topo in
1node)
	# No NUMA: one node with every CPU (make bench-numa's one-node
	# figures; not a selftest topology)
	nodes=() cpus=2
	qemu="-smp 2,sockets=1,cores=2,threads=1"
	;;
2node)
	nodes=(1G:0-1 1G:2-3) cpus=4
	qemu="-smp 4,sockets=2,cores=2,threads=1"
	;;
4node)
	nodes=(512M:0 512M:1 512M:2 512M:) cpus=3
	qemu="-smp 3,sockets=3,cores=1,threads=1"
	;;
*) die "unknown TOPO '$topo' (1node, 2node or 4node)" ;;
esac

[ -n "${VM_QEMU_OPTS:-}" ] && qemu+=" $VM_QEMU_OPTS"
for d in ${VM_DISKS:-}; do
	qemu+=" -drive file=$d,if=virtio,format=raw,cache=unsafe"
done

mkdir -p "$(dirname "$log")"
timeout=${VM_TIMEOUT:-1800}
say "vm: booting $(basename "$kernel") on $topo under TCG (limit ${timeout}s, console: $log)"
cd "$TOP"
if [ "$runner" = vng ]; then
	opts=(--cpus "$cpus" -m 2G)
	for n in "${nodes[@]}"; do
		c=${n#*:}
		opts+=(--numa "${n%%:*}${c:+,cpus=$c}")
	done
	# GUEST=HOST form: vng 1.35 checks a bare path relative to the cwd.
	[ -n "${VM_RWDIR:-}" ] && opts+=(--rwdir="$VM_RWDIR=$VM_RWDIR")
	# --verbose puts the kernel's console in the output, so a hang or a
	# panic still leaves its log behind.  Job control puts vng in a
	# process group of its own, so the time limit stops it and QEMU
	# together.
	set -m
	vng --run "$kernel" \
		--disable-kvm --force-9p --user root --verbose "${opts[@]}" \
		--qemu-opts="$qemu" --append "panic=-1 ${VM_APPEND:-}" \
		--exec "$cmd" </dev/null >"$log" 2>&1 &
else
	# The command's output comes out of the second serial port, apart
	# from the kernel's messages, and is appended to the log at the end.
	out=$log.out
	# shellcheck disable=SC2054 # the commas are QEMU's syntax
	args=(-name kmemcg -machine q35 -accel tcg -m 2G -nodefaults -no-user-config
		-display none -no-reboot -serial "file:$log" -serial "file:$out"
		-fsdev local,id=root,path=/,security_model=none,readonly=on,multidevs=remap
		-device virtio-9p-pci,fsdev=root,mount_tag=/dev/root)
	i=0
	for n in "${nodes[@]}"; do
		c=${n#*:}
		args+=(-object "memory-backend-ram,id=mem$i,size=${n%%:*}"
			-numa "node,nodeid=$i,memdev=mem$i${c:+,cpus=$c}")
		i=$((i + 1))
	done
	append="console=ttyS0 root=/dev/root rootfstype=9p"
	append+=" rootflags=version=9p2000.L,trans=virtio,access=any ro"
	append+=" init=$TOP/scripts/qemu-init panic=-1 kmemcg.cwd=$TOP"
	append+=" kmemcg.cmd=$(printf '%s' "$cmd" | base64 -w0)"
	if [ -n "${VM_RWDIR:-}" ]; then
		# shellcheck disable=SC2054 # the commas are QEMU's syntax
		args+=(-fsdev "local,id=rw,path=$VM_RWDIR,security_model=none,multidevs=remap"
			-device virtio-9p-pci,fsdev=rw,mount_tag=kmemcg.rw)
		append+=" kmemcg.rw=$VM_RWDIR"
	fi
	: >"$out"
	set -m
	# shellcheck disable=SC2086 # $qemu is a list of options
	qemu-system-x86_64 "${args[@]}" $qemu -kernel "$kernel" \
		-append "$append ${VM_APPEND:-}" </dev/null >>"$log" 2>&1 &
fi
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
if [ "$runner" = qemu ]; then
	cat "$out" >>"$log"
	rm -f "$out"
	if [ "$rc" = 0 ]; then
		# QEMU exits 0 when the guest powers off; the command's status
		# is the guest's last word.
		st=$(sed -n 's/^kmemcg-vm: exit status \([0-9]*\).*/\1/p' "$log" | tail -n 1)
		if [ -z "$st" ]; then
			echo "vm.sh: error: the guest stopped before its command finished (see $log)" >&2
			rc=1
		else
			rc=$st
		fi
	fi
fi
exit "$rc"
