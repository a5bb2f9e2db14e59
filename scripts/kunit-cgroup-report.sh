#!/bin/bash
# Summarise the KUnit results that kunit/cgroup-run.sh left in OUTDIR: one
# OUTDIR/<suite>.ktap (or .absent) per suite of kunit/cgroup-suites.  A
# failing case is printed with its KTAP lines and the kernel log written
# while its suite ran (CONSOLE, between the guest's kmsg markers).
#
# usage: kunit-cgroup-report.sh OUTDIR CONSOLE LABEL
# ALLOW_ABSENT=1 accepts a suite that is not in the kernel (an earlier
# prefix of the series); otherwise an absent suite is a failure.
# Ends with 'LABEL: N passed, N failed, N skipped'; exits 1 on a failure.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

out=$1 console=$2 label=$3
tp=0 tf=0 ts=0

kernel_log_of() {
	awk -v s="$1" '
		index($0, "kunit-cgroup: begin " s) { on = 1; next }
		index($0, "kunit-cgroup: end " s) { on = 0 }
		on { print }
	' "$console" 2>/dev/null | grep -v '^ *\(not \)\{0,1\}ok \|^ *#' | tail -n 40
}

# The KTAP lines of a case: its own diagnostics come before its result line.
case_lines() {
	awk -v n="$2" '
		/^    (not )?ok [0-9]+ / { if ($0 ~ "^    not ok " n " ") { print buf $0; exit } buf = ""; next }
		{ buf = buf $0 "\n" }
	' "$1"
}

while read -r suite; do
	ktap=$out/$suite.ktap
	if [ -f "$out/$suite.absent" ]; then
		if [ "${ALLOW_ABSENT:-0}" = 1 ]; then
			echo "# $suite: not in this kernel"
			continue
		fi
		echo "not ok - $suite: listed in kunit/cgroup-suites but not in the kernel"
		tf=$((tf + 1))
		continue
	fi
	if [ ! -s "$ktap" ]; then
		echo "not ok - $suite: no results (did the guest crash? see $console)"
		tail -n 40 "$console" 2>/dev/null | sed 's/^/    /'
		tf=$((tf + 1))
		continue
	fi
	# Case lines are indented once (four spaces) below the suite.
	p=$(grep -cE '^    ok [0-9]+ ' "$ktap" | tr -d ' ')
	s=$(grep -cE '^    ok [0-9]+ .*# SKIP' "$ktap" | tr -d ' ')
	f=$(grep -cE '^    not ok [0-9]+ ' "$ktap" | tr -d ' ')
	p=$((p - s))
	if [ $((p + f + s)) = 0 ]; then
		echo "not ok - $suite: no case results in $ktap"
		f=1
	fi
	grep -E '^    ok [0-9]+ .*# SKIP' "$ktap" | sed "s/^    /# $suite: /"
	while read -r line; do
		n=$(awk '{ print $3 }' <<<"$line")
		echo "$line   <- $suite"
		case_lines "$ktap" "$n" | sed 's/^/    /'
		echo "    ---- kernel log while $suite ran:"
		kernel_log_of "$suite" | sed 's/^/    /'
	done < <(grep -E '^    not ok [0-9]+ ' "$ktap" | sed 's/^    //')
	printf '%-22s %5d %5d %5d\n' "$suite" "$p" "$f" "$s"
	tp=$((tp + p)) tf=$((tf + f)) ts=$((ts + s))
done < <(list_entries "$TOP/kunit/cgroup-suites")

echo "$label: $tp passed, $tf failed, $ts skipped"
[ "$tf" = 0 ]
