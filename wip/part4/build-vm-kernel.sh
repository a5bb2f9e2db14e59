#!/bin/bash
# usage: part4-build-vm.sh SRC BUILD [extra fragment...]
set -e
src=$1 b=$2; shift 2
cd /work/main
SRC=$src scripts/kconfig.sh x86_64 $b selftests/vm.config Kconfig.fragment "$@"
start=$SECONDS
make -s -C $src O=$b ARCH=x86_64 -j2 bzImage
make -s -C $src O=$b ARCH=x86_64 headers_install
echo "built in $((SECONDS-start))s"
