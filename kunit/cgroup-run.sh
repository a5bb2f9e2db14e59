#!/bin/sh
# Runs in a guest (UML or VM) as root: run KUnit suites from a task in a
# child memory cgroup, through /sys/kernel/debug/kunit/<suite>/run, and
# leave OUTDIR/<suite>.ktap (or OUTDIR/<suite>.absent).  The kernel must be
# booted with kunit.autorun=0: a case that skipped in a boot-time run keeps
# its result, and a debugfs run does not run it again.
#
# usage: cgroup-run.sh OUTDIR SUITE...
# POSIX sh: the UML root has only busybox.
set -u
out=$1
shift
cg=/sys/fs/cgroup
dbg=/sys/kernel/debug/kunit

mkdir -p "$out"
[ -d "$dbg" ] || mount -t debugfs debugfs /sys/kernel/debug
grep -qw memory "$cg/cgroup.controllers" || {
	echo "cgroup-run: error: no memory controller in $cg"
	exit 1
}
echo "+memory" >"$cg/cgroup.subtree_control" || exit 1

for s in "$@"; do
	if [ ! -e "$dbg/$s/run" ]; then
		echo "# cgroup-run: suite $s is not in this kernel"
		: >"$out/$s.absent"
		continue
	fi
	# A grandchild of the root: a suite can check what is charged to a
	# parent that is not the root too.
	mkdir -p "$cg/kunit-$s/leaf"
	echo "+memory" >"$cg/kunit-$s/cgroup.subtree_control"
	echo "kunit-cgroup: begin $s" >/dev/kmsg
	# A subshell moves itself into the cgroup; the suite's suite_init
	# captures the memcg of the task that writes 'run'.
	sh -c "echo \$\$ >$cg/kunit-$s/leaf/cgroup.procs && echo 1 >$dbg/$s/run" ||
		echo "# cgroup-run: writing $dbg/$s/run failed"
	cp "$dbg/$s/results" "$out/$s.ktap"
	echo "kunit-cgroup: end $s" >/dev/kmsg
	cat "$out/$s.ktap"
	rmdir "$cg/kunit-$s/leaf" "$cg/kunit-$s" 2>/dev/null
done
echo "cgroup-run: done"
