#!/bin/bash
# Local bench for patch 2: ns per accounted percpu alloc/free pair in a child
# memcg (UML, SMP 2 CPUs, the kunit.sh uml config), before (p3~2: 15 + patch 1)
# and after (p3~1: + patch 2). Kernels built once, boots alternated.
set -u
MB=/root/dev/p3/mainb
R=/root/dev/p3/results/bench
B=/root/dev/p3/bsrc
mkdir -p $R
cd $MB
for rev in p3~2 p3~1; do
	git -C $B checkout -q --detach $rev
	cp /root/dev/p3/bench/pcpu_bench_tmp.c $B/mm/tests/
	echo 'obj-$(CONFIG_KUNIT) += tests/pcpu_bench_tmp.o' >> $B/mm/Makefile
	ALLOW_ABSENT=1 KUNIT_TAG=bench KUNIT_SRC=$B KUNIT_BUILD=/root/dev/p3/build/kunit-uml RESULTS=$R ./scripts/kunit.sh uml > $R/build-$rev.log 2>&1; echo "build $rev rc=$?"
	git -C $B checkout -q -- mm/Makefile; rm -f $B/mm/tests/pcpu_bench_tmp.c
	d=/root/dev/p3/build/bench-$rev; mkdir -p $d
	cp /root/dev/p3/build/kunit-uml/linux /root/dev/p3/build/kunit-uml/.config $d/
done
git -C $B checkout -q --detach p3
# The boots hold the build lock: no kernel build shares the cores with them.
flock ~/.cache/kmemcg/.build.lock bash -c '
for i in 1 2 3; do
	for rev in p3~2 p3~1; do
		RESULTS='$R' KUNIT_CGROUP_OUT='$R'/$rev-$i ./scripts/kunit-cgroup.sh /root/dev/p3/build/bench-$rev > '$R'/boot-$rev-$i.log 2>&1
		grep PCPUBENCH '$R'/$rev-$i/pcpu_bench.ktap | sed "s/^/$rev run$i /"
	done
done'
