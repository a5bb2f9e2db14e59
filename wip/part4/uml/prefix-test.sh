#!/bin/bash
# Build and run KUnit on UML for every prefix of part 4 (on top of the
# 6-patch part-1 stack), then run memcg_cache from /a and /a/b through
# debugfs. One build folder, so each prefix rebuilds only what changed.
# Every kunit.py build holds the machine's build lock.
set -u
W=/root/.cache/kmemcg/part4
B=/root/.cache/kmemcg/build/part4-uml
L=/work/main/wip/part4/logs/prefix
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p $L
cd $W
n=0
for c in $(git rev-list --reverse 77c4bcf..part4); do
	n=$((n+1))
	git checkout -q --detach $c
	subj=$(git log -1 --format=%s)
	echo "[$(date +%T)] prefix $n $c $subj" >> $L/summary.txt
	flock /root/.cache/kmemcg/.build.lock python3 tools/testing/kunit/kunit.py run \
		--build_dir=$B --kunitconfig=$here/kunitconfig --jobs=2 \
		--kernel_args seccomp=on --kernel_args ncpus=2 > $L/p$n-kunit.log 2>&1
	echo "  kunit.py rc=$? : $(grep 'Testing complete' $L/p$n-kunit.log)" >> $L/summary.txt
	"$here/run-uml-kunit.sh" $B /root/.cache/kmemcg/part4-uml-root > $L/p$n-uml-cgroup.log 2>&1
	echo "  memcg_cache from /a and /a/b rc=$? : $(grep '^# Totals' $L/p$n-uml-cgroup.log | tr '\n' ' ')" >> $L/summary.txt
done
git checkout -q part4
echo "[$(date +%T)] done" >> $L/summary.txt
