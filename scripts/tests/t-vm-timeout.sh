#!/bin/bash
# A guest that never powers off is stopped at the time limit, with a clear
# message.  Needs the VM kernel, which 'make check' builds before this.
. "$(dirname "$0")/lib.sh"
kernel=$BUILD_ROOT/x86_64-vm/arch/x86/boot/bzImage
if [ ! -f "$kernel" ]; then
	echo "not ok - vm: time limit (no VM kernel at $kernel: run 'make selftests' first)"
	exit 1
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
expect_fail "vm: a guest that never powers off is stopped at the time limit" \
	'did not finish within 30s: stopped \(time limit\)' 'guest hung or ran too long' \
	-- env VM_TIMEOUT=30 "$TOP/scripts/vm.sh" "$kernel" "$log" "sleep 100000" || exit 1
sleep 2
if pgrep -f "qemu-system-x86_64.*$kernel" >/dev/null; then
	echo "not ok - vm: QEMU still running after the time limit"
	exit 1
fi
