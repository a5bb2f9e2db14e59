#!/bin/bash
# The table of the cgroups case of 'make bench-numa' from its boot logs
# (DIR/cgroups-PAIR-KERNEL.log, bench/guest-cgroups.sh's lines): bytes per
# memory cgroup, the median over the boots of each kernel, and each boot.
#
# usage: bench-cgroups-report.sh DIR
set -euo pipefail
dir=${1:?usage: bench-cgroups-report.sh DIR}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
logs() {	# logs KERNEL: the boots of KERNEL that finished
	local f
	for f in "$dir"/cgroups-*-"$1".log; do
		if grep -q 'bench-cgroups: done' "$f" 2>/dev/null; then echo "$f"; fi
	done
}
lines() {	# lines KERNEL SED-EXPR: what SED-EXPR prints from each finished boot
	local f
	logs "$1" | while read -r f; do sed -n "$2" "$f"; done
}
val() { lines "$1" "s/.*bench-cgroups: result .*$2=\([-0-9]*\).*/\1/p"; }
cval() { lines "$1" "s/.*bench-cgroups: cache_per_cgroup $2 \([-0-9]*\).*/\1/p"; }

nr=$(lines base 's/.*bench-cgroups: result nr=\([0-9]*\).*/\1/p' | sed -n 1p)
[ -n "$nr" ] || { echo "bench-cgroups-report: no finished base boot in $dir" >&2; exit 1; }
echo "cgroups: $nr memory cgroups created per boot; $(logs base | wc -l) base and $(logs patched | wc -l) patched boots finished;"
echo "  bytes per cgroup, median over the boots, then each boot (base | patched)"
printf '%-40s %8s %8s %8s   %s | %s\n' 'bytes per cgroup' base patched change 'base boots' 'patched boots'
for key in sunreclaim_per_cgroup slab_per_cgroup percpu_per_cgroup; do
	vb=$(val base "$key") vp=$(val patched "$key")
	b=$(median <<<"$vb") p=$(median <<<"$vp")
	printf '%-40s %8s %8s %8s   %s | %s\n' "$key" "$b" "$p" "$(awk -v b="$b" -v p="$p" 'BEGIN { print p - b }')" \
		"$(tr '\n' ' ' <<<"$vb")" "$(tr '\n' ' ' <<<"$vp")"
done
# The caches bench/guest-cgroups.sh measured, in the order it printed them
# (the base lacks the caches of part 4)
caches=$(lines patched 's/.*bench-cgroups: cache_per_cgroup \([^ ]*\) .*/\1/p'
	lines base 's/.*bench-cgroups: cache_per_cgroup \([^ ]*\) .*/\1/p')
while read -r c; do
	vb=$(cval base "$c") vp=$(cval patched "$c")
	b=- p=-
	[ -z "$vb" ] || b=$(median <<<"$vb")
	[ -z "$vp" ] || p=$(median <<<"$vp")
	printf '%-40s %8s %8s\n' "slab pages of $c" "$b" "$p"
done < <(awk 'NF && !seen[$0]++' <<<"$caches")
# SLUB merges caches of the same slot size and flags: the slab pages of
# caches merged into one are counted under each of their names.
for k in base patched; do
	lines "$k" 's/.*bench-cgroups: cache \([^ ]*\) -> \([^ ]*\) .*/\2 \1/p' |
		awk -v k="$k" '!seen[$0]++ { m[$1] = m[$1] ? m[$1] " and " $2 : $2; n[$1]++ }
		END { for (a in m) if (n[a] > 1)
			printf "  %s kernel: %s are one merged cache (%s): their rows count the same slab pages\n", k, m[a], a }'
done
for k in base patched; do
	f=$(logs "$k" | sed -n 1p)
	[ -n "$f" ] || continue
	echo "$k, $(basename "$f"): the caches that grew most, bytes of slab pages per cgroup (names merged into them):"
	sed -n 's/^.*bench-cgroups: top /  /p' "$f"
	sed -n 's/^.*bench-cgroups: cache /  cache /p' "$f"
done
