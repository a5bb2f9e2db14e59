#!/bin/bash
# Given the output of 'quilt push' or 'git am' that failed, name the patch
# that did not apply and print each failing hunk from that patch file.
#
# usage: explain-reject.sh "OUTPUT"
set -uo pipefail
. "$(dirname "$0")/lib.sh"

out=$1
patch=$(printf '%s\n' "$out" | sed -n 's/^Applying patch \(.*\)$/\1/p' | tail -n 1)
if [ -z "$patch" ]; then
	# git am: "Patch failed at 0002 subject", the file is passed in $2.
	patch=${2:-}
fi
echo "---- the patch that does not apply: ${patch:-unknown}" >&2
printf '%s\n' "$out" | grep -E 'FAILED|failed|error:|does not (exist|apply)|can.t find file|Reversed' >&2

[ -n "$patch" ] || exit 0
case $patch in /*) ;; *) [ -f "$TOP/patches/${patch#patches/}" ] && patch=$TOP/patches/${patch#patches/} ;; esac
[ -f "$patch" ] || exit 0

# quilt/patch: "patching file F" followed by "Hunk #N FAILED at L."
# git apply: "error: patch failed: F:L"
printf '%s\n' "$out" | awk '
	/^patching file / { f = $3 }
	/^Hunk #[0-9]+ FAILED/ { n = $2; sub(/#/, "", n); print f, n }
	/^error: patch failed: / { split($4, a, ":"); print a[1], "L" a[2] }
' | while read -r file hunk; do
	awk -v file="$file" -v want="$hunk" '
		/^diff --git / { in_file = ($3 == "a/" file || $4 == "b/" file); n = 0; show = 0; next }
		/^--- / || /^\+\+\+ / { if (in_file) next }
		/^@@ / {
			show = 0
			if (!in_file) next
			n++
			split($2, r, ","); start = substr(r[1], 2)
			if (want == n || want == "L" start) show = 1
			if (show) printf "---- failing hunk #%d of %s:\n", n, file
		}
		/^(diff|--) / && !/^diff --git/ { show = 0 }
		show { print }
	' "$patch" >&2
done
exit 0
