#!/bin/bash
# Build and run KUnit (UML) for every prefix of the series.
set -u
W=/root/.cache/kmemcg-dev/part1
B=/root/.cache/kmemcg-dev/build-part1
L=/root/.cache/kmemcg-dev/prefix-logs
CFG=/root/.cache/kmemcg-dev/cfg
cd $W
n=0
for c in $(git rev-list --reverse base-7.3.4..part1); do
	n=$((n+1))
	git checkout -q --detach $c
	subj=$(git log -1 --format=%s)
	if [ -e mm/tests/memcg_slab_kunit.c ]; then kc=$CFG/kunitconfig; else kc=$CFG/kunitconfig.base; fi
	echo "[$(date +%T)] prefix $n $c $subj (kunitconfig $(basename $kc))" >> $L/summary.txt
	flock /root/.cache/kmemcg/.build.lock python3 tools/testing/kunit/kunit.py run \
		--build_dir=$B --kunitconfig=$kc --jobs=2 \
		--kernel_args seccomp=on --kernel_args ncpus=2 > $L/p$n-kunit.log 2>&1
	echo "  kunit.py rc=$? : $(grep 'Testing complete' $L/p$n-kunit.log)" >> $L/summary.txt
	if [ -e mm/tests/memcg_slab_kunit.c ]; then
		timeout 600 /root/.cache/kmemcg-dev/part1-out/uml/run-uml-kunit.sh $B memcg_slab \
			/root/.cache/kmemcg-dev/uml-root > $L/p$n-uml-debugfs.log 2>&1
		echo "  uml debugfs run rc=$? : $(grep '^# Totals' /root/.cache/kmemcg-dev/uml-root/kunit-results.txt)" >> $L/summary.txt
	fi
done
git checkout -q part1
echo "[$(date +%T)] done" >> $L/summary.txt
