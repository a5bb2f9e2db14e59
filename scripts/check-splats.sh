#!/bin/bash
# Fail if a guest kernel log holds a WARNING, BUG, Oops, KASAN, UBSAN,
# lockdep, RCU stall, hung task, soft lockup or kmemleak report; print each
# report with the lines around it (its stack).  OOM reports are expected in
# memcg tests and are not splats.
#
# usage: check-splats.sh LOG...
set -uo pipefail

pattern='(^|[] :])(WARNING:|BUG:|BUG [a-z0-9_-]+ \(|kernel BUG at|Oops|general protection fault|KASAN:|UBSAN:|Kernel panic|possible (circular|recursive) locking|inconsistent lock state|suspicious RCU usage|rcu: INFO:|detected stall|INFO: task .* blocked for more than|soft lockup|hard LOCKUP|unreferenced object 0x|kmemleak: [0-9]+ new suspected)'

rc=0
for log in "$@"; do
	[ -r "$log" ] || { echo "check-splats: cannot read $log" >&2; rc=1; continue; }
	hits=$(grep -nE "$pattern" "$log" | cut -d: -f1)
	[ -z "$hits" ] && continue
	rc=1
	n=$(printf '%s\n' "$hits" | wc -l)
	echo "check-splats: $log: $n line(s) of kernel reports:" >&2
	last=0
	for l in $hits; do
		# One excerpt per report: skip hits inside the previous excerpt.
		[ "$l" -le "$last" ] && continue
		last=$((l + 40))
		echo "---- $log:$l" >&2
		sed -n "$((l > 5 ? l - 5 : 1)),${last}p" "$log" >&2
	done
done
exit "$rc"
