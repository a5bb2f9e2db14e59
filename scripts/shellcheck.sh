#!/bin/bash
# Run shellcheck on every shell script of the project, one result per file.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
need shellcheck
cd "$TOP" || exit 1
pass=0 fail=0
while IFS= read -r f; do
	if out=$(shellcheck -x "$f" 2>&1); then
		pass=$((pass + 1))
	else
		echo "not ok - shellcheck $f"
		echo "$out"
		fail=$((fail + 1))
	fi
done < <(git ls-files -co --exclude-standard | while IFS= read -r f; do
	case $f in
	wip/*) ;; # not part of the pipeline (see wip/README.md)
	*.sh | .ci/run | scripts/qemu-tcg/* | scripts/qemu-init) echo "$f" ;;
	esac
done)
echo "shellcheck: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
