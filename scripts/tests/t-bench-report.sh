#!/bin/bash
# The benchmark table: a boot counts with the best of its rounds (the
# lowest time, the highest rate), the table takes the median over boots,
# and a metric named like a field of the boot (percpu's pair=) does not
# mix up the boots.
. "$(dirname "$0")/lib.sh"
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
# line KERNEL PAIR ROUND BULK_NS PERCPU_NS URING_RATE
line() {
	local pre="boot=kmem kernel=$1 pair=$2 cg=child round=$3"
	echo "$pre case=bulk n=1 objs=1024 reps=3 af=$4"
	echo "$pre case=percpu n=64 objs=1024 reps=3 pair=$5"
	echo "$pre case=uring reqs=4096 ns=100.00 rate=$6"
}
{
	# each boot has one slow round
	line base 1 1 20.00 200.00 1000
	line base 1 2 10.00 100.00 2000
	line patched 1 1 9.00 180.00 4000
	line patched 1 2 18.00 90.00 3000
	line base 2 1 12.00 120.00 2200
	line base 2 2 24.00 240.00 1100
	line patched 2 1 18.00 180.00 2100
	line patched 2 2 9.00 90.00 4000
} >"$raw"
expect_ok "bench-report: a boot counts with its best round, the table with the median boot" \
	'^kmem +child +bulk n=1 +alloc\+free +ns/obj +11\.00 +9\.00 +0\.818 +-18\.2% +18\.2% +2/2 +-10\.0%$' \
	'^kmem +child +percpu 64B +alloc\+free +ns/pair +110\.00 +90\.00 +0\.818 +-18\.2% +18\.2% +2/2 +-10\.0%$' \
	'^kmem +child +io_uring poll +submissions +req/s +2100 +4000 +1\.905 +\+90\.5% +9\.5% +2/2 +\+81\.8%$' \
	-- "$TOP/scripts/bench-report.sh" "$raw"
