#!/bin/bash
# A guest that never powers off is stopped at the time limit, with a clear
# message, with either runner of scripts/vm.sh.  Needs the VM kernel,
# which 'make check' builds before this.
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
echo "ok - vm: QEMU is gone after the time limit"

# The same with plain QEMU (VM_RUNNER=qemu, the stress run's), and the
# guest command's exit status is vm.sh's.
expect_fail "vm (qemu): a guest that never powers off is stopped at the time limit" \
	'did not finish within 30s: stopped \(time limit\)' \
	-- env VM_RUNNER=qemu VM_TIMEOUT=30 "$TOP/scripts/vm.sh" "$kernel" "$log" "sleep 100000" || exit 1
sleep 2
if pgrep -f "qemu-system-x86_64.*$kernel" >/dev/null; then
	echo "not ok - vm (qemu): QEMU still running after the time limit"
	exit 1
fi
expect_fail "vm (qemu): the guest command's exit status is vm.sh's" \
	'^kmemcg-vm: exit status 7$' '^vm.sh exited 7$' \
	-- sh -c "VM_RUNNER=qemu VM_TIMEOUT=120 '$TOP/scripts/vm.sh' '$kernel' '$log' 'exit 7'; st=\$?; cat '$log'; echo vm.sh exited \$st; exit \$st" || exit 1
