#!/usr/bin/env bash
# Builds every guest ELF into guests/bin/ with Debian's clang-14/lld-14 and
# gcc-aarch64-linux-gnu (installing them with apt-get when missing).
#
#   guests/build.sh           build into guests/bin/
#   guests/build.sh --check   build into a temporary directory and fail if any
#                             ELF differs from the committed one (CI)
#
# The build is deterministic: relative paths, no debug info, no build id, a
# fixed link order. Output of a given Debian toolchain is byte-identical.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v clang-14 >/dev/null || need+=(clang-14)
command -v ld.lld-14 >/dev/null || need+=(lld-14)
command -v aarch64-linux-gnu-gcc >/dev/null || need+=(gcc-aarch64-linux-gnu)
if [ ${#need[@]} -gt 0 ]; then
	echo "build.sh: installing ${need[*]}" >&2
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

check=0
[ "${1:-}" = "--check" ] && check=1
if [ $check = 1 ]; then
	out=$(mktemp -d)
else
	out=bin
	mkdir -p bin
fi
objdir=$(mktemp -d)
trap 'rm -rf "$objdir"; if [ $check = 1 ]; then rm -rf "$out"; fi' EXIT

# Flags shared by both compilers. -mstrict-align: with the MMU off all data
# accesses are Device memory, where unaligned accesses fault on hardware.
COMMON=(-ffreestanding -fno-pic -fno-stack-protector -fno-asynchronous-unwind-tables
	-fno-unwind-tables -fno-common -mstrict-align -Irt -Wall -Wextra -Werror)
GCC=(aarch64-linux-gnu-gcc -fno-pie -mno-outline-atomics -ffile-prefix-map="$PWD"=.)
CLANG=(clang-14 --target=aarch64-none-elf -ffile-prefix-map="$PWD"=.)
LIBGCC=$(aarch64-linux-gnu-gcc -print-libgcc-file-name)

# build NAME COMPILER OPT MARCH "EXTRA FLAGS" SOURCES...
build() {
	local name=$1 cc=$2 opt=$3 march=$4 extra=$5
	shift 5
	local d="$objdir/$name" objs=() cmd link
	mkdir -p "$d"
	if [ "$cc" = gcc ]; then cmd=("${GCC[@]}"); else cmd=("${CLANG[@]}"); fi
	for src in rt/start.S rt/rt.c; do
		# The runtime never uses SVE: keep it out of reach of the vectoriser.
		"${cmd[@]}" "${COMMON[@]}" -O2 -march="${march%+sve}" -c "$src" -o "$d/$(basename "$src").o"
		objs+=("$d/$(basename "$src").o")
	done
	for src in "$@"; do
		# shellcheck disable=SC2086
		"${cmd[@]}" "${COMMON[@]}" "$opt" -march="$march" $extra -c "$src" -o "$d/$(basename "$src").o"
		objs+=("$d/$(basename "$src").o")
	done
	if [ "$cc" = gcc ]; then
		aarch64-linux-gnu-ld -T rt/link.ld -nostdlib -static --build-id=none \
			-z max-page-size=4096 -z noexecstack --no-warn-rwx-segments -o "$out/$name.elf" "${objs[@]}" "$LIBGCC"
	else
		ld.lld-14 -T rt/link.ld -nostdlib -static --build-id=none \
			-z max-page-size=4096 -o "$out/$name.elf" "${objs[@]}"
	fi
}

V8=armv8-a
V82=armv8.2-a
SVE=armv8.2-a+sve
for cc in gcc clang; do
	build hello-$cc $cc -O2 $V8 "" src/hello.c
done
build reset-gcc gcc -O2 $V8 "" src/reset.c
for cc in gcc clang; do
	build vlprobe-$cc $cc -O2 $SVE "" src/vlprobe.c
done
# gcc's SMP guest uses load/store exclusives, clang's LSE atomics.
build smp-gcc gcc -O2 $V8 "" src/smp.c
build smp-clang clang -O2 $V82 "" src/smp.c
for cc in gcc clang; do
	# LLVM 14 miscompiles scalable-vector loads under -mstrict-align: it
	# splits them as if the vector were 128 bits (the "Invalid size request
	# on a scalable vector" warnings); QEMU shows wrong sums at VL > 128.
	# Element-aligned SVE accesses are fine on Device memory, and these
	# sources make no unaligned scalar accesses, so clang's SVE guests are
	# built without it.
	extra=""
	[ $cc = clang ] && extra="-munaligned-access"
	build sve-auto-$cc $cc -O3 $SVE "-ffast-math $extra" src/sve_auto.c
	build sve-acle-$cc $cc -O2 $SVE "$extra" src/sve_acle.c
done
# Stage 1 MMU: tables for each granule, faults, AT, TLBI.
build mmu-gcc gcc -O2 $V82 "" src/mmu.c
for cc in gcc clang; do
	for o in 0 1 2 3; do
		build ints-$cc-O$o $cc -O$o $V8 "" src/ints.c
		build fp-$cc-O$o $cc -O$o $V8 "" src/fp.c
	done
done

if [ $check = 1 ]; then
	status=0
	for f in "$out"/*.elf; do
		n=$(basename "$f")
		if ! cmp -s "$f" "bin/$n"; then
			echo "build.sh --check: bin/$n differs from a fresh build (rebuild with guests/build.sh and commit)" >&2
			status=1
		fi
	done
	for f in bin/*.elf; do
		[ -e "$out/$(basename "$f")" ] || { echo "build.sh --check: $f is not built by build.sh" >&2; status=1; }
	done
	[ $status = 0 ] && echo "build.sh --check: all $(ls "$out" | wc -l) guest ELFs match the committed ones"
	exit $status
fi
echo "built $(ls bin/*.elf | wc -l) guests into guests/bin/"
