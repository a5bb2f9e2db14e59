#!/bin/bash
# The table of 'make bench' from its raw results: per case and metric
# the best value of each boot over its rounds (the lowest time, the
# highest rate), the median of those over the boots of each kernel,
# patched/base and the change; and the change between the best boots of
# each kernel.
#
# usage: bench-report.sh RAW
#   RAW has one line per result of a round of a boot:
#   boot=kmem kernel=base pair=1 cg=child round=1 case=bulk n=8 ... af=123.45
set -euo pipefail
. "$(dirname "$0")/lib.sh"

raw=${1:?usage: bench-report.sh RAW}
[ -s "$raw" ] || die "no results in $raw"

# One line per value and boot: BOOT_IDX CG ROW_IDX KERNEL VALUE LABEL,
# rows in the order they first appear, VALUE the best of the boot's
# rounds.  Which metrics are shown, and how:
awk '
function emit(metric, label, unit) {
	if (!(metric in kv))
		return
	row = kv["case"] " " kv["n"] " " metric
	if (!(row in rowidx)) {
		rowidx[row] = ++nrows
		if (kv["case"] == "kmalloc")
			what = "kmalloc 64B"
		else if (kv["case"] == "uring")
			what = "io_uring poll"
		else if (kv["case"] == "pages")
			what = "pages memcgs=" kv["n"]
		else if (kv["case"] == "sock")
			what = "sock memcgs=" kv["n"]
		else if (kv["case"] == "ufault")
			what = "faults memcgs=" kv["n"]
		else if (kv["case"] == "unix" || kv["case"] == "tcp")
			what = kv["case"] " " kv["n"] "B"
		else if (kv["case"] == "percpu")
			what = "percpu " kv["n"] "B"
		else if (kv["case"] == "stat")
			what = "stat update"
		else
			what = kv["case"] " n=" kv["n"]
		rowlabel[row] = what "|" label "|" unit
	}
	if (!(kv["boot"] in bootidx))
		bootidx[kv["boot"]] = ++nboots
	key = bootidx[kv["boot"]] " " kv["cg"] " " rowidx[row] " " kv["kernel"] " " bootpair
	v = kv[metric] + 0
	if (!(key in best) || (unit == "req/s" ? v > best[key] : v < best[key]))
		best[key] = v
	keylabel[key] = kv["boot"] "|" rowlabel[row]
}
{
	# the pair of the boot is the first pair=, before a metric of that name
	bootpair = ""
	for (i = 1; i <= NF && bootpair == ""; i++)
		if ($i ~ /^pair=/)
			bootpair = substr($i, 6)
	delete kv
	for (i = 1; i <= NF; i++) {
		eq = index($i, "=")
		if (eq)
			kv[substr($i, 1, eq - 1)] = substr($i, eq + 1)
	}
	if (kv["case"] == "bulk") {
		emit("af", "alloc+free", "ns/obj")
	} else if (kv["case"] == "split") {
		emit("alloc", "alloc only", "ns/obj")
		emit("free", "free only", "ns/obj")
	} else if (kv["case"] == "kmalloc") {
		emit("alloc", "kmalloc", "ns/obj")
		emit("kfree", "kfree", "ns/obj")
		emit("kfree_bulk", "kfree_bulk", "ns/obj")
	} else if (kv["case"] == "uring") {
		emit("ns", "submit", "ns/req")
		emit("rate", "submissions", "req/s")
	} else if (kv["case"] == "pages") {
		emit("pair", "alloc+free", "ns/page")
	} else if (kv["case"] == "sock") {
		emit("pair", "chg+unchg", "ns/op")
	} else if (kv["case"] == "ufault") {
		emit("fault", "fault+zap", "ns/page")
	} else if (kv["case"] == "unix" || kv["case"] == "tcp") {
		emit("rt", "req/resp", "ns/rt")
	} else if (kv["case"] == "percpu") {
		emit("pair", "alloc+free", "ns/pair")
	} else if (kv["case"] == "stat") {
		emit("add", "this_cpu_add", "ns/op")
		emit("memcg", "memcg-wide", "ns/op")
		emit("lruvec", "per-node", "ns/op")
	}
}
END {
	for (key in best) {
		split(key, k, " ")
		printf "%d %s %d %s %.10g %s\n", k[1], k[2], k[3], k[4], best[key], keylabel[key]
	}
}' "$raw" | sort -k1,1n -k2,2 -k3,3n -k4,4 -k5,5g | awk '
function median(   m) {
	m = int((cnt + 1) / 2)
	return cnt % 2 ? v[m] : (v[cnt / 2] + v[cnt / 2 + 1]) / 2
}
function flush_kernel() {
	if (!cnt)
		return
	med[kernel] = median()
	lo[kernel] = v[1]
	hi[kernel] = v[cnt]
	spread[kernel] = med[kernel] ? (v[cnt] - v[1]) / med[kernel] * 100 : 0
	runs[kernel] = cnt
	cnt = 0
}
function flush_row(   n, b, p, s, fmt) {
	flush_kernel()
	if (row == "")
		return
	split(label, l, "|")
	b = med["base"]; p = med["patched"]
	s = spread["base"] > spread["patched"] ? spread["base"] : spread["patched"]
	fmt = l[4] == "req/s" ? "%12.0f" : "%12.2f"
	printf "%-12s %-6s %-14s %-12s %-7s " fmt " " fmt, l[1], cg, l[2], l[3], l[4], b, p
	if (b > 0 && ("patched" in med))
		printf " %8.3f %+8.1f%%", p / b, (p / b - 1) * 100
	else
		printf " %8s %9s", "-", "-"
	printf " %6.1f%%  %d/%d", s, runs["base"], runs["patched"]
	bb = l[4] == "req/s" ? hi["base"] : lo["base"]
	bp = l[4] == "req/s" ? hi["patched"] : lo["patched"]
	if (bb > 0 && ("patched" in med))
		printf " %+8.1f%%\n", (bp / bb - 1) * 100
	else
		printf " %9s\n", "-"
	delete med; delete spread; delete runs; delete lo; delete hi
}
BEGIN {
	printf "%-12s %-6s %-14s %-12s %-7s %12s %12s %8s %9s %7s  %-5s %9s\n",
		"boot", "cgroup", "case", "metric", "unit", "base", "patched",
		"pat/base", "change", "spread", "boots", "best chg"
}
{
	key = $1 " " $2 " " $3
	if (key != row) {
		flush_row()
		row = key; cg = $2
	} else if ($4 != kernel) {
		flush_kernel()
	}
	kernel = $4
	v[++cnt] = $5
	label = $6
	for (i = 7; i <= NF; i++)
		label = label " " $i
}
END { flush_row() }'
