#!/bin/bash
# Fill the hostfs root folder of the 'make bench' UML boots: static
# busybox with its applet links, bench/init as /init, the io_uring program
# bench/uring_bench.c compiled static on the host, and /bench.conf with
# the settings of the cases (read by /init).
#
# usage: bench-root.sh ROOT_DIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"

root=${1:?usage: bench-root.sh ROOT_DIR}
rounds=${BENCH_ROUNDS:-4}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS must be a positive number, not '$rounds'"
need gcc readelf:binutils busybox:busybox-static
bb=$(command -v busybox)
if readelf -l "$bb" | grep -q 'program interpreter'; then
	die "$bb is not static: install the Debian package 'busybox-static'"
fi

mkdir -p "$root"/dev "$root"/proc "$root"/sys "$root"/tmp
busybox_bin "$root"
install -m 755 "$TOP/bench/init" "$root/init"

prog=$root/uring_bench
if [ ! -x "$prog" ] || [ "$TOP/bench/uring_bench.c" -nt "$prog" ]; then
	gcc -O2 -Wall -Wextra -static -o "$prog" "$TOP/bench/uring_bench.c" ||
		die "could not build bench/uring_bench.c"
fi

cat >"$root/bench.conf" <<CONF
BULK_SIZES="${BENCH_BULK_SIZES:-1 8 32 128}"
BULK_REPS=${BENCH_REPS:-3}
BULK_OBJS=${BENCH_OBJS:-1048576}
KMALLOC_REPS=${BENCH_KMALLOC_REPS:-5}
KMALLOC_OBJS=${BENCH_OBJS:-1048576}
URING_ARGS="${BENCH_URING_ARGS:-4 8 4096 3}"
STOCK_MEMCGS=32
STOCK_SIZES="${BENCH_STOCK_SIZES:-1 4 8 32}"
STOCK_REPS=${BENCH_REPS:-3}
STOCK_OBJS=${BENCH_OBJS:-1048576}
PERCPU_SIZES="${BENCH_PERCPU_SIZES:-64 256 1024 4096}"
PERCPU_REPS=${BENCH_REPS:-3}
PERCPU_OBJS=${BENCH_PERCPU_OBJS:-131072}
STAT_REPS=${BENCH_REPS:-3}
STAT_OBJS=${BENCH_OBJS:-1048576}
CASES="${BENCH_CASES:-bulk split kmalloc uring pages sock percpu stat}"
ROUNDS=$rounds
CONF
