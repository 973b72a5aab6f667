#!/bin/sh
# Regenerates the QEMU expectation file for tests/simd_qemu.rs.
#   1. SIMD_WORDS_OUT=/tmp/words.txt cargo test -p arm64-cpu --test simd_qemu -- --ignored gen_words
#   2. tools/simd_oracle/run.sh /tmp/words.txt > tests/data/simd_qemu.txt
set -e
here=$(dirname "$0")
tmp=$(mktemp -d)
python3 "$here/gen.py" "$1" "$tmp"
cp "$here/oracle.c" "$here/state.h" "$tmp/"
aarch64-linux-gnu-gcc -O1 -static -o "$tmp/oracle" "$tmp/oracle.c" "$tmp/cases.S" -I"$tmp"
qemu-aarch64 -cpu max "$tmp/oracle"
rm -rf "$tmp"
