#!/bin/sh
# Boot a UML kernel built by kunit.py with a hostfs root made of
# busybox-static, run one KUnit suite from a child memory cgroup through
# /sys/kernel/debug/kunit/<suite>/run and print its results.
#
# usage: run-uml-kunit.sh BUILD_DIR [SUITE] [ROOTDIR]
#   BUILD_DIR  kunit.py --build_dir (holds the "linux" binary); the kernel
#              needs CONFIG_HOSTFS, CONFIG_DEVTMPFS(_MOUNT), CONFIG_DEBUG_FS,
#              CONFIG_KUNIT_DEBUGFS, CONFIG_MEMCG (see kunitconfig here)
#   SUITE      KUnit suite name (default memcg_slab)
#   ROOTDIR    directory to use as root (default: a fresh mktemp -d)
# kunit.autorun=0: the suites are registered in debugfs but not run at
# boot. A case that skipped in a boot-time run (e.g. because init runs in
# the root memcg) keeps its "skipped" status and is not run again when the
# suite is re-run through debugfs.
# Exit status: 0 if the results contain "ok" lines and no "not ok" line.
set -eu
build=$1
suite=${2:-memcg_slab}
root=${3:-$(mktemp -d /tmp/uml-root.XXXXXX)}
here=$(cd "$(dirname "$0")" && pwd)

mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev" "$root/tmp"
root=$(cd "$root" && pwd)	# hostfs needs an absolute path
cp /bin/busybox "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do
	[ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
cp "$here/init" "$root/init"
chmod +x "$root/init"
rm -f "$root/kunit-results.txt"

"$build/linux" mem=1G seccomp=on ncpus=2 root=/dev/root rootfstype=hostfs \
	rootflags="$root" rw init=/init kunit.enable=1 kunit.autorun=0 console=tty \
	kunit_suite="$suite" </dev/null || true

echo "=== $root/kunit-results.txt ==="
cat "$root/kunit-results.txt"
! grep -q "not ok" "$root/kunit-results.txt" &&
	grep -q "^ *ok" "$root/kunit-results.txt"
