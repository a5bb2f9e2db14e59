#!/bin/bash
# Boot one 'make bench' UML kernel on the hostfs root, with a time limit,
# and check its console log: /init must finish without a failed case,
# and the kernel must not report a WARNING, BUG, KASAN or lockdep splat.
#
# usage: bench-boot.sh LINUX ROOT_DIR LOG [KERNEL_ARG...]
#   BENCH_TIMEOUT (default 300) seconds per boot
set -euo pipefail
. "$(dirname "$0")/lib.sh"

linux=${1:?usage: bench-boot.sh LINUX ROOT_DIR LOG [KERNEL_ARG...]}
root=${2:?no root folder} log=${3:?no log file}
shift 3
tmo=${BENCH_TIMEOUT:-300}
need timeout:coreutils
umls=$KMEMCG_CACHE/bench/uml
mkdir -p "$umls" "$(dirname "$log")"

rc=0
timeout -k 10 "$tmo" "$linux" mem=1G root=/dev/root rootfstype=hostfs \
	rootflags="$root" rw init=/init console=tty uml_dir="$umls" "$@" \
	</dev/null >"$log" 2>&1 || rc=$?
# UML ends its lines with CR LF on the console
sed -i 's/\r$//' "$log"

bad=0
if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
	echo "bench-boot: TIMEOUT: the boot did not finish within ${tmo}s (BENCH_TIMEOUT), killed (log: $log)" >&2
	bad=1
elif [ "$rc" != 0 ]; then
	echo "bench-boot: UML exited with status $rc (log: $log)" >&2
	bad=1
fi
"$TOP/scripts/check-splats.sh" "$log" || bad=1
if grep -q '^BENCH-ERROR' "$log"; then
	grep '^BENCH-ERROR' "$log" >&2
	bad=1
fi
if ! grep -q '^BENCH-DONE errors=0' "$log"; then
	echo "bench-boot: /init did not finish cleanly (log: $log)" >&2
	tail -n 20 "$log" >&2
	bad=1
fi
exit "$bad"
