#!/bin/bash
# Local (p3) counterpart of kunit-cgroup.sh for the x86_64 kernel that
# 'kunit.sh numa' built: boot its bzImage under QEMU/TCG on the 2-node
# topology of kunit/qemu_x86_64_numa.py with an initramfs of
# busybox-static, kunit/uml-init and kunit/cgroup-run.sh, kunit.autorun=0,
# and run the suites of kunit/cgroup-suites from a child memory cgroup.
#
# usage: kunit-cgroup-numa.sh BUILD_DIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"

build=${1:?usage: kunit-cgroup-numa.sh BUILD_DIR}
need busybox:busybox-static cpio timeout:coreutils
[ -f "$build/arch/x86/boot/bzImage" ] || die "no bzImage in $build"
for opt in BLK_DEV_INITRD DEVTMPFS KUNIT_DEBUGFS MEMCG NUMA; do
	grep -qx "CONFIG_$opt=y" "$build/.config" ||
		die "$build/.config lacks CONFIG_$opt=y, which this run needs"
done

out=${KUNIT_CGROUP_OUT:-$RESULTS/kunit-cgroup-numa}
root=$(mktemp -d /root/dev/p3/initramfs.XXXXXX)
rm -rf "$out"
mkdir -p "$out" "$root/proc" "$root/sys" "$root/dev" "$root/results"
busybox_bin "$root"
cp "$TOP/kunit/uml-init" "$root/init"
chmod +x "$root/init"
cp "$TOP/kunit/cgroup-run.sh" "$root/cgroup-run.sh"
list_entries "$TOP/kunit/cgroup-suites" >"$root/suites"
(cd "$root" && find . | cpio -o -H newc --quiet) >"$out/initramfs.cpio"

limit=${KUNIT_CGROUP_TIMEOUT:-600}
say "kunit-cgroup-numa: booting $build/arch/x86/boot/bzImage (QEMU/TCG, 2 nodes, limit ${limit}s)"
set +e
timeout -k 10 "$limit" "$TOP/scripts/qemu-tcg/qemu-system-x86_64" \
	-nodefaults -nographic -no-reboot -m 1024 \
	-bios qboot.rom \
	-smp 4,sockets=2,cores=2,threads=1 \
	-object memory-backend-ram,id=m0,size=512M \
	-object memory-backend-ram,id=m1,size=512M \
	-numa node,nodeid=0,cpus=0-1,memdev=m0 \
	-numa node,nodeid=1,cpus=2-3,memdev=m1 \
	-serial stdio \
	-kernel "$build/arch/x86/boot/bzImage" -initrd "$out/initramfs.cpio" \
	-append "console=ttyS0 rdinit=/init panic=-1 kunit.enable=1 kunit.autorun=0" \
	</dev/null >"$out/console.log" 2>&1
vm_rc=$?
set -e
rm -rf "$root"
rc=0
if [ "$vm_rc" = 124 ] || [ "$vm_rc" = 137 ]; then
	echo "kunit-cgroup-numa: the guest did not finish within ${limit}s" >&2
	rc=1
fi
# The guest's results are in its console: cgroup-run.sh cats each .ktap.
grep -q '^cgroup-run: done' "$out/console.log" ||
	{ echo "kunit-cgroup-numa: the guest did not finish its run (see $out/console.log)" >&2; rc=1; }
grep -q 'Initmem setup node 1' "$out/console.log" ||
	{ echo "kunit-cgroup-numa: the guest did not bring up node 1" >&2; rc=1; }
"$TOP/scripts/check-splats.sh" "$out/console.log" || rc=1
exit "$rc"
