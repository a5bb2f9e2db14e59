#!/bin/sh
# Boot a UML kernel built by kunit.py (kunitconfig here) with a hostfs root
# of busybox-static and ./init: memcg_cache from /a and from /a/b.
# usage: run-uml-kunit.sh BUILD_DIR ROOTDIR
# Exit status 0 if the results have "ok" lines and no "not ok" line.
set -eu
build=$1
root=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev"
root=$(cd "$root" && pwd)
cp /bin/busybox "$root/bin/busybox"
for a in $("$root/bin/busybox" --list); do
	[ -e "$root/bin/$a" ] || ln -s busybox "$root/bin/$a"
done
cp "$here/init" "$root/init"
chmod +x "$root/init"
rm -f "$root/kunit-results.txt"
timeout -k 10 300 "$build/linux" mem=1G seccomp=on ncpus=2 root=/dev/root \
	rootfstype=hostfs rootflags="$root" rw init=/init kunit.enable=1 \
	kunit.autorun=0 console=tty </dev/null >"$root/console.log" 2>&1 || true
cat "$root/kunit-results.txt"
! grep -q "not ok" "$root/kunit-results.txt" &&
	grep -q "^ *ok" "$root/kunit-results.txt"
