#!/bin/bash
# 'make check': every test of the project, in pipeline order.  Each step's
# output goes to $RESULTS/check/STEP.log and is echoed; the step's own
# 'N passed, N failed[, N skipped]' line is added up.  Ends with one line
# 'check: N passed, N failed, N skipped' and exits non-zero on any failure.
#
# CHECK_STEPS overrides the list of steps (e.g. CHECK_STEPS="tree kunit").
set -uo pipefail
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/results.sh
. "$(dirname "$0")/results.sh"

steps=${CHECK_STEPS:-"shellcheck tree am-check checkpatch bisect kunit kunit-cgroup kunit-numa selftests-2node selftests-4node stress-short series script-tests"}
logs=$RESULTS/check
mkdir -p "$logs"

run_step() {
	case $1 in
	shellcheck) "$TOP/scripts/shellcheck.sh" ;;
	script-tests) "$TOP/scripts/tests/run.sh" ;;
	# The checks of 'make series' on the current stack; results not yet
	# measured in this run are stated as such in the draft cover letter.
	series) "$TOP/scripts/series.sh" --draft ;;
	tree) "$TOP/scripts/tree.sh" && echo "tree: 1 passed, 0 failed" ;;
	am-check) "$TOP/scripts/check-am.sh" && echo "am-check: 1 passed, 0 failed" ;;
	checkpatch) "$TOP/scripts/checkpatch.sh" ;;
	# KUnit on UML of the whole series as git am applies it, built where
	# the bisect step built its prefixes (scripts/kunit-am.sh)
	kunit) "$TOP/scripts/kunit-am.sh" ;;
	kunit-cgroup) "$TOP/scripts/kunit-cgroup.sh" "$BUILD_ROOT/kunit-uml-bisect" ;;
	kunit-numa) "$TOP/scripts/kunit.sh" numa ;;
	bisect) "$TOP/scripts/bisect.sh" ;;
	selftests-2node) TOPO=2node "$TOP/scripts/selftests.sh" ;;
	selftests-4node) TOPO=4node "$TOP/scripts/selftests.sh" ;;
	# Two minutes of 'make stress' on the debug kernel, so that every
	# change meets KASAN, lockdep and fault injection (README, Reliability).
	stress-short) TOPO=2node DURATION=${STRESS_SHORT:-120} "$TOP/scripts/stress.sh" ;;
	*) echo "check: unknown step '$1'"; return 2 ;;
	esac
}

# Counts from a step's log: its 'N passed, N failed' line, or kunit.py's
# 'Ran N tests: passed: P, skipped: S, failed: F'.
counts() {
	local log=$1 line
	line=$(grep -E '(^|: )[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	if [ -n "$line" ]; then
		sed -E 's/.*(^|: )([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?.*/\2 \3 \5/' <<<"$line"
		return
	fi
	line=$(grep -E 'Testing complete\. Ran [0-9]+ tests' "$log" | tail -n 1)
	if [ -n "$line" ]; then
		awk '{
			p = f = s = 0
			for (i = 1; i <= NF; i++) {
				v = $(i + 1); sub(/,/, "", v)
				if ($i == "passed:") p = v
				if ($i == "failed:") f = v
				if ($i == "skipped:") s = v
				if ($i == "crashed:") f += v
			}
			print p, f, s
		}' <<<"$line"
		return
	fi
	echo "0 0 0"
}

tp=0 tf=0 ts=0 failed_steps=()
summary=()
for step in $steps; do
	say "check: $step"
	start=$SECONDS
	run_step "$step" 2>&1 | tee "$logs/$step.log"
	rc=${PIPESTATUS[0]}
	secs=$((SECONDS - start))
	read -r p f s < <(counts "$logs/$step.log")
	s=${s:-0}
	# A step that failed without a failing test still counts as a failure.
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
	if [ "$rc" = 0 ] && [ "$p" = 0 ] && [ "$f" = 0 ] && [ "$s" = 0 ]; then
		echo "check: step $step ran no test" >&2
		f=1
	fi
	[ "$rc" != 0 ] && failed_steps+=("$step")
	tp=$((tp + p)) tf=$((tf + f)) ts=$((ts + s))
	summary+=("$(printf '%-16s %6ss  %4d passed %4d failed %4d skipped  %s' \
		"$step" "$secs" "$p" "$f" "$s" "$([ "$rc" = 0 ] && echo ok || echo FAILED)")")
done

# Also kept as a result file: 'make series' puts it in the cover letter.
{
	echo "make check on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs:"
	echo "step               time    results"
	printf '%s\n' "${summary[@]}"
	[ ${#failed_steps[@]} -gt 0 ] && echo "failed steps: ${failed_steps[*]} (logs in $logs)"
	echo "check: $tp passed, $tf failed, $ts skipped"
} >"$logs/summary.new"
echo
cat "$logs/summary.new"
# Only a full run (every step) stands for the stack in a posting, and
# only for the series it ran on (series.stamp).
if [ -z "${CHECK_STEPS:-}" ]; then
	mv "$logs/summary.new" "$logs/summary.txt"
	series_stamp >"$logs/series.stamp" 2>/dev/null || rm -f "$logs/series.stamp"
else
	rm -f "$logs/summary.new"
fi
[ "$tf" -eq 0 ] && [ ${#failed_steps[@]} -eq 0 ]
