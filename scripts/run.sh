#!/bin/bash
# 'make run', the main job: get the base, apply the series, build the VM
# kernel, boot it on the default 2-node VM and show what the series is
# about (scripts/guest-demo.sh), then shut down.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$TOP/scripts/get-base.sh"
"$TOP/scripts/tree.sh"
say "run: building the VM kernel (a few minutes cold, seconds warm)"
build=$("$TOP/scripts/build-vm.sh" vm)
log=$RESULTS/run-${TOPO:-2node}.log
say "run: booting on ${TOPO:-2node} and running the demo workload"
rc=0
VM_TIMEOUT=${VM_TIMEOUT:-900} "$TOP/scripts/vm.sh" "$build/arch/x86/boot/bzImage" "$log" \
	"bash $TOP/scripts/guest-demo.sh" || rc=$?
# The demo's own output, without the kernel's console lines.
grep -vE '^\[ *[0-9]+\.[0-9]+\]' "$log" | sed -n '/^nodes:/,/^demo: done/p'
"$TOP/scripts/check-splats.sh" "$log" || rc=1
grep -q '^demo: done' "$log" || { echo "run: the demo did not finish (log: $log)" >&2; rc=1; }
say "run: finished (full console: $log)"
exit "$rc"
