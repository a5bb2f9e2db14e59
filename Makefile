# kmemcg: a Linux patch series for cheaper, more precise memcg kernel-memory
# accounting, and the machinery that proves it.  This Makefile is the one
# entry point; each target calls one script in scripts/.
#
#   make run          the main job: base, series, build, boot, show stats
#   make check        every test; ends with 'N passed, N failed'
#   make bench        base vs patched benchmark tables (UML; BENCH_PAIRS=5)
#   make bench-numa   the percpu case on 2 and 4 nodes, bytes per cgroup (QEMU/TCG; BENCH_PAIRS=3)
#
# The pipeline:
#   deps -> base -> tree -> { am-check, checkpatch, kunit, kunit-numa,
#                             selftests (TOPO=2node|4node) } -> check
#
# Everything large lives in $(KMEMCG_CACHE) (default ~/.cache/kmemcg).

SHELL := /bin/bash
S := scripts

.PHONY: all deps base tree am-check normalize checkpatch shellcheck kunit kunit-numa bisect selftests \
	selftests-all stress series script-tests check run bench bench-numa clean-cache help

all: help

help:
	@sed -n 's/^#   \{0,1\}//p' Makefile | sed -n '1,20p'

deps:
	$(S)/deps.sh

base: deps
	$(S)/get-base.sh

tree: base
	$(S)/tree.sh

am-check: tree
	$(S)/check-am.sh

# rewrite patches/ in git format-patch form after 'quilt refresh'
normalize: base
	$(S)/normalize.sh

checkpatch: base
	$(S)/checkpatch.sh

shellcheck: deps
	$(S)/shellcheck.sh

# UML: every suite at boot, then kunit/cgroup-suites from a child memcg
kunit: tree
	$(S)/kunit.sh uml
	$(S)/kunit-cgroup.sh

kunit-numa: tree
	$(S)/kunit.sh numa

# every prefix of the series builds and passes KUnit (UML)
bisect: base
	$(S)/bisect.sh

# TOPO=2node (default) or TOPO=4node (3 CPU nodes + a memory-only node);
# KERNEL=base runs the same on the unpatched base
selftests: tree
	$(S)/selftests.sh

selftests-all: tree
	TOPO=2node $(S)/selftests.sh
	TOPO=4node $(S)/selftests.sh

# the mailing-list posting in $(KMEMCG_CACHE)/out/series/vN, checked
series: tree
	$(S)/series.sh

# the reliability run on the debug kernel: DURATION=seconds (600), TOPO=2node|4node,
# KERNEL=series|base
stress: tree
	$(S)/stress.sh

script-tests: base
	$(S)/tests/run.sh

check: deps
	$(S)/check.sh

run: deps
	$(S)/run.sh

# base vs patched on UML; measures, never fails on speed (see README.md)
bench: base
	$(S)/bench.sh

# the percpu case on x86_64 under QEMU/TCG, 2 and 4 nodes (emulated)
bench-numa: base
	$(S)/bench-numa.sh

clean-cache:
	@echo "removing $${KMEMCG_CACHE:-$${XDG_CACHE_HOME:-$$HOME/.cache}/kmemcg}"
	rm -rf "$${KMEMCG_CACHE:-$${XDG_CACHE_HOME:-$$HOME/.cache}/kmemcg}"
