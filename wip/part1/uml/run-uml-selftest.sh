#!/bin/sh
# Boot a UML kernel (built by kunit.py with ./kunitconfig, which has
# CONFIG_HOSTFS, CONFIG_IO_URING, CONFIG_MEMCG) with a busybox hostfs root
# and run a statically linked cgroup selftest binary in it.
#
# usage: run-uml-selftest.sh BUILD_DIR SELFTEST_BINARY [ROOTDIR]
# Build the binary statically, e.g. for test_kmem from the kernel tree:
#   cd tools/testing/selftests/cgroup && gcc -static -O2 -Wall -pthread \
#     -isystem <headers_install dir>/include -I../ -Ilib/include \
#     -o test_kmem test_kmem.c lib/cgroup_util.c
# Note: test_kmem_basic fails on a hostfs root (no negative dentries are
# cached there, as on 9p), independent of this series.
set -eu
build=$1
bin=$2
root=${3:-$(mktemp -d /tmp/uml-st-root.XXXXXX)}
mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev" "$root/tmp"
root=$(cd "$root" && pwd)	# hostfs needs an absolute path
cp /bin/busybox "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do
	[ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
cp "$bin" "$root/selftest"
cat > "$root/init" <<'EOI'
#!/bin/sh
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t cgroup2 none /sys/fs/cgroup
cd /tmp
/selftest > /selftest-results.txt 2>&1
cat /selftest-results.txt
sync
poweroff -f
EOI
chmod +x "$root/init"
rm -f "$root/selftest-results.txt"
"$build/linux" mem=1G seccomp=on ncpus=2 root=/dev/root rootfstype=hostfs \
	rootflags="$root" rw init=/init kunit.enable=1 kunit.autorun=0 \
	console=tty </dev/null >/dev/null 2>&1 || true
echo "=== $root/selftest-results.txt ==="
cat "$root/selftest-results.txt"
