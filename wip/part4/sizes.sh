#!/bin/bash
# Print the size of memcg's per-cgroup structures for a configured and
# built (or 'make prepare'd) kernel tree: compile mm/memcontrol.c,
# mm/shrinker.c and lib/percpu-refcount.c once more with -g into a temporary
# folder, with the exact command kbuild saved (or would use), and read
# sizeof() from the DWARF with gdb. The build folder is left untouched.
#
# usage: sizes.sh SRC BUILD   (run it under the build lock)
set -euo pipefail
src=$1 build=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$build"
for f in mm/memcontrol mm/shrinker lib/percpu-refcount; do
	cmdf=$(dirname $f)/.$(basename $f).o.cmd
	if [ ! -f "$cmdf" ]; then
		make -s -C "$src" O="$build" ARCH=x86_64 $f.o >&2
	fi
	cmd=$(sed -n 's/^savedcmd_[^ ]* := //p' "$cmdf")
	# Same flags, debug info added, object and dependency file elsewhere
	cmd=$(echo "$cmd" | sed -e "s# -o $f.o # -g -o $tmp/$(basename $f).o #" \
		-e "s# -Wp,-MMD,[^ ]*##" -e "s# -MMD##" -e "s# -MD##" \
		-e "s#; *\./tools/objtool.*##" -e "s#;.*##")
	eval "$cmd"
done
bucket() {	# the kmalloc bucket of $1 bytes on x86_64
	local s=$1 b=8
	if [ "$s" -le 96 ] && [ "$s" -gt 64 ]; then echo 96; return; fi
	if [ "$s" -le 192 ] && [ "$s" -gt 128 ]; then echo 192; return; fi
	while [ "$b" -lt "$s" ]; do b=$((b * 2)); done
	echo "$b"
}
q() {	# object, struct
	gdb -batch -ex "p sizeof(struct $2)" "$tmp/$1.o" 2>/dev/null | sed -n 's/^\$1 = //p'
}
nodes=$(grep -E '^CONFIG_NODES_SHIFT=' .config | cut -d= -f2)
echo "# $build: CONFIG_NR_CPUS=$(grep '^CONFIG_NR_CPUS=' .config | cut -d= -f2) CONFIG_NODES_SHIFT=${nodes:-0} (MAX_NUMNODES $((1 << ${nodes:-0})))"
printf '%-26s %7s %7s %6s %s\n' structure bytes kmalloc waste 'how it is allocated'
row() {	# object struct how
	local s b
	s=$(q "$1" "$2")
	b=$(bucket "$s")
	printf '%-26s %7s %7s %5.1f%% %s\n' "$2" "$s" "$b" \
		"$(echo "scale=3; ($b - $s) * 100 / $b" | bc)" "$3"
}
row memcontrol memcg_vmstats "kzalloc, per memcg"
row memcontrol lruvec_stats "kzalloc_node, per memcg and node"
row shrinker shrinker_info_unit "kzalloc_node, per memcg, node and 64 shrinker IDs"
row memcontrol obj_cgroup "kzalloc, per memcg and node (objcg)"
row percpu-refcount percpu_ref_data "kzalloc_node in percpu_ref_init(), per objcg and per css"
for st in mem_cgroup mem_cgroup_per_node; do
	echo "$st $(q memcontrol $st) (own kmem_cache in the base)"
done
echo "shrinker_info $(q shrinker shrinker_info) + 8 per 64 shrinker IDs (kvzalloc_node, per memcg and node)"
echo "memcg_vmstats_percpu $(q memcontrol memcg_vmstats_percpu) lruvec_stats_percpu $(q memcontrol lruvec_stats_percpu) (percpu, not kmalloc)"
