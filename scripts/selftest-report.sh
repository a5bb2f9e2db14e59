#!/bin/bash
# Summarise the TAP files a selftest VM run left in OUTDIR, against
# selftests/tests.list and selftests/known-failures.  For each failure,
# print its TAP line and the kernel log written while its binary ran.
#
# usage: selftest-report.sh OUTDIR LABEL    (TESTS_LIST overrides the list,
#        TOPO selects the known-failures lines of a topology)
# Prints per-suite counts and ends with 'LABEL: N passed, N failed, N skipped';
# exits 1 on any failure not listed in selftests/known-failures.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

out=$1 label=$2
known=$TOP/selftests/known-failures
console=$out/console.log
tot_p=0 tot_f=0 tot_s=0

kernel_log_of() {
	# Kernel lines between the guest's begin/end markers for suite $1.
	awk -v s="$1" '
		index($0, "kmemcg-selftest: begin " s) { on = 1; next }
		index($0, "kmemcg-selftest: end " s) { on = 0 }
		on && /^\[ *[0-9]+\.[0-9]+\]/ { print }
	' "$console" 2>/dev/null | tail -n 40
}

printf '%-22s %5s %5s %5s %s\n' suite pass fail skip "(known base failures and skips)"
while read -r suite; do
	tap=$out/$suite.tap
	p=0 f=0 s=0 k=0
	if [ ! -f "$tap" ]; then
		echo "not ok - $suite: did not run (no $tap)"
		f=1
	else
		rc=$(sed -n 's/^rc=//p' "$out/$suite.rc" 2>/dev/null)
		# Tests that failed the first try of a rerun binary.
		first=$(sed -n 's/^not ok [0-9]* \(- \)\{0,1\}//p' "$tap.try1" 2>/dev/null | awk '{ print $1 }')
		results=$(grep -E '^(not )?ok [0-9]+' "$tap")
		if [ -z "$results" ]; then
			if grep -qE '^1\.\.0 # SKIP|^ok [0-9]+ # SKIP' "$tap"; then
				results="ok 1 # SKIP $suite $(sed -n 's/^1\.\.0 # SKIP //p' "$tap")"
			else
				results="not ok 1 $suite (no TAP result lines, exit code ${rc:-?})"
			fi
		fi
		while IFS= read -r line; do
			name=$(sed -E 's/^(not )?ok [0-9]+ (- )?(# SKIP )?//; s/[[:space:]].*//' <<<"$line")
			base=$(awk -v s="$suite" -v t="$name" -v topo="${TOPO:-2node}" \
				'$1 == s && $2 == t && ($4 == "all" || $4 == topo) { print $3 }' "$known")
			# Flaky on the base and fixed by the series: known only
			# in a run of the base kernel (KERNEL=base).
			if [ "$base" = fixed ]; then
				[ "${KERNEL:-}" = base ] && base=flaky || base=
			fi
			case $line in
			"not ok"*)
				if [ "$base" = fail ] || [ "$base" = flaky ]; then
					# Known to fail on the base: no evidence either
					# way, so neither a pass nor a failure.
					k=$((k + 1)) s=$((s + 1))
					echo "$line   <- $suite: known $base on the base (selftests/known-failures)"
				else
					f=$((f + 1))
					echo "$line   <- $suite"
					klog=$(kernel_log_of "$suite")
					echo "---- kernel log while $suite ran:"
					echo "${klog:-(the kernel logged nothing while $suite ran)}"
				fi
				;;
			*"# SKIP"*) s=$((s + 1)); [ -n "$base" ] && k=$((k + 1)) ;;
			*)
				if grep -qxF "$name" <<<"$first"; then
					echo "$line   <- $suite: failed the first try, passed the second: flaky, counted as a skip"
					s=$((s + 1))
					continue
				fi
				p=$((p + 1))
				[ "$base" = fail ] && echo "note: $suite $name passes, but known-failures lists it as failing on the base"
				;;
			esac
		done <<<"$results"
	fi
	printf '%-22s %5d %5d %5d %s\n' "$suite" "$p" "$f" "$s" "$([ "$k" -gt 0 ] && echo "($k known)")"
	tot_p=$((tot_p + p)) tot_f=$((tot_f + f)) tot_s=$((tot_s + s))
done < <(list_entries "${TESTS_LIST:-$TOP/selftests/tests.list}")

echo "$label: $tot_p passed, $tot_f failed, $tot_s skipped"
[ "$tot_f" -eq 0 ]
