#!/bin/sh
mountpoint -q /sys/kernel/debug || mount -t debugfs debugfs /sys/kernel/debug
cd /sys/fs/cgroup
echo +memory > cgroup.subtree_control
mkdir p; echo +memory > p/cgroup.subtree_control
snap() { for c in $(ls /sys/kernel/debug/slab); do sed -e 's/ age=.*//' -e "s/^/$c /" /sys/kernel/debug/slab/$c/alloc_traces; done; }
snap > /tmp/before
for i in $(seq 1 200); do mkdir p/c$i; done
snap > /tmp/after
awk 'NR==FNR{k=$1" "$3" "$4; b[k]+=$2; next}{k=$1" "$3" "$4; a[k]+=$2} END{for(k in a) if (a[k]-b[k]>=150) print "GROWTH", a[k]-b[k], k}' /tmp/before /tmp/after | sort -k3
