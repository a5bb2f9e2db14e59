# SPDX-License-Identifier: GPL-2.0
# Sourced from mm/Kconfig of the bench kernels only (scripts/bench-build.sh).
config KMEMCG_BENCH
	bool "kmemcg micro-benchmarks in debugfs"
	depends on MEMCG && DEBUG_FS
	help
	  Benchmarks of memcg-accounted slab allocation and of memcg's page
	  charge stock (kernel pages, socket charges) for 'make bench':
	  write a case to /sys/kernel/debug/kmemcg_bench/run and read the
	  result back. The allocations run in the context of the writing
	  task and are charged to its memory cgroup. Not for production.
