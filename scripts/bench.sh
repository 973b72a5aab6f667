#!/usr/bin/env bash
# svevm against QEMU, in the same run: builds svevm in release mode and the
# benchmark guests under bench/guests/ into target/bench/, runs each guest under
#
#   svevm run --stats --cpu CPU ELF
#   qemu-system-aarch64 -M virt -m 128M -cpu CPU -nographic -kernel ELF
#
# (the same CPU string, so the same vector length) several times each, checks that
# both printed the same checksum line, and prints one table row per workload and
# vector length: median wall times, QEMU/svevm (> 1 means svevm is faster), the
# same with the empty guest's median subtracted from both, and svevm's MIPS.
#
#   scripts/bench.sh                 # everything (about 10-20 minutes on 2 idle cores)
#   BENCH_RUNS=5 scripts/bench.sh    # runs per emulator and row (default 3)
#   BENCH_SCALE=2 scripts/bench.sh   # make every workload twice as long (default 1)
#   BENCH_ONLY=sve_dot scripts/bench.sh   # only workloads matching this grep pattern
#   BENCH_VLS="128 2048" scripts/bench.sh # vector lengths for the SVE workloads
#   BENCH_SVEVM=path scripts/bench.sh     # time this svevm binary instead of building one
#   SVEVM_SKIP_INSTALL=1 ...         # do not try apt-get
#
# What is measured: wall time of the whole process, so both emulators' start-up
# is included (the "empty" row measures it: process start, 128 MiB of RAM, ELF
# load, power-off). QEMU translates each guest block once, so its times include
# the JIT's warm-up; these guests spend well over 99% of their instructions in a
# few small loops, so translation is a small part of QEMU's time. Each guest
# prints a checksum of its results, which must be identical under both emulators
# (a mismatch fails the benchmark). The machine may be shared: run it on an idle
# machine and read the spread between runs (the min..max columns) before
# trusting a ratio.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${BENCH_RUNS:-3}
SCALE=${BENCH_SCALE:-1}
ONLY=${BENCH_ONLY:-.}
VLS=${BENCH_VLS:-128 512 2048}

need=()
command -v qemu-system-aarch64 >/dev/null || need+=(qemu-system-arm)
command -v aarch64-linux-gnu-gcc >/dev/null || need+=(gcc-aarch64-linux-gnu)
if [ ${#need[@]} -gt 0 ] && [ -z "${SVEVM_SKIP_INSTALL:-}" ]; then
	echo "bench.sh: installing ${need[*]}" >&2
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

target=$(cargo metadata --format-version 1 --no-deps |
	sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
if [ -n "${BENCH_SVEVM:-}" ]; then
	SVEVM=$BENCH_SVEVM
else
	echo "== building svevm (release)" >&2
	cargo build --release -q -p svevm
	SVEVM="$target/release/svevm"
fi
OUT="$target/bench"
mkdir -p "$OUT"

echo "== building the guests into $OUT" >&2
# The same toolchain and flags as guests/build.sh (gcc side), plus -DSCALE.
COMMON=(-ffreestanding -fno-pic -fno-stack-protector -fno-asynchronous-unwind-tables
	-fno-unwind-tables -fno-common -mstrict-align -Iguests/rt -Ibench/guests -Wall -Wextra -Werror)
GCC=(aarch64-linux-gnu-gcc -fno-pie -mno-outline-atomics)
LIBGCC=$(aarch64-linux-gnu-gcc -print-libgcc-file-name)
objdir=$(mktemp -d)
trap 'rm -rf "$objdir"' EXIT
for src in guests/rt/start.S guests/rt/rt.c; do
	# The runtime never uses SVE (as in guests/build.sh).
	"${GCC[@]}" "${COMMON[@]}" -O2 -march=armv8-a -c "$src" -o "$objdir/$(basename "$src").o"
done
# build NAME OPT MARCH "EXTRA FLAGS"
build() {
	local name=$1 opt=$2 march=$3 extra=$4
	# shellcheck disable=SC2086
	"${GCC[@]}" "${COMMON[@]}" "$opt" -march="$march" -DSCALE="$SCALE" $extra \
		-c "bench/guests/$name.c" -o "$objdir/$name.o"
	aarch64-linux-gnu-ld -T guests/rt/link.ld -nostdlib -static --build-id=none \
		-z max-page-size=4096 -z noexecstack --no-warn-rwx-segments -o "$OUT/$name.elf" \
		"$objdir/start.S.o" "$objdir/rt.c.o" "$objdir/$name.o" "$LIBGCC"
}
SVE_WORKLOADS=(sve_add sve_dot sve_saxpy sve_reduce sve_gather sve_strlen)
build empty -O2 armv8-a ""
for w in "${SVE_WORKLOADS[@]}"; do
	build "$w" -O3 armv8.2-a+sve "-ffast-math"
done
# Scalar: no vectoriser at all. AdvSIMD: Armv8.0, so NEON is the only vector ISA.
build scalar_int -O2 armv8-a "-fno-tree-vectorize"
build advsimd -O3 armv8-a "-ffast-math"

# Rows: workload and vector length in bits ("-" for workloads that use no SVE;
# they run with plain `-cpu max`).
rows=("empty -")
for w in "${SVE_WORKLOADS[@]}"; do
	for vl in $VLS; do rows+=("$w $vl"); done
done
rows+=("scalar_int -" "advsimd -")

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minmax() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f..%.2f", lo, hi }'; }
now() { echo "${EPOCHREALTIME/,/.}"; }

# time_runs LABEL OUTFILE CMD...: runs CMD $RUNS times, stdout to OUTFILE (the last
# run's), stderr to OUTFILE.err; prints one wall time per line.
time_runs() {
	local out=$1
	shift
	local i t0 t1
	for ((i = 0; i < RUNS; i++)); do
		t0=$(now)
		if ! "$@" </dev/null >"$out" 2>"$out.err"; then
			echo "bench.sh: failed: $*" >&2
			cat "$out.err" >&2
			exit 1
		fi
		t1=$(now)
		awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }'
	done
}

echo "== $RUNS runs each, scale $SCALE; $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "== $("$SVEVM" --version), $(qemu-system-aarch64 --version | head -1)" >&2
printf '%-11s %5s %9s %9s %7s %9s %9s %7s %7s %-11s %-11s\n' \
	workload VL "svevm s" "QEMU s" ratio "svevm-0" "QEMU-0" "ratio-0" MIPS "svevm range" "QEMU range"
base_s=0
base_q=0
status=0
for row in "${rows[@]}"; do
	read -r w vl <<<"$row"
	if [ "$w" != empty ] && ! echo "$w" | grep -q -- "$ONLY"; then
		continue
	fi
	if [ "$vl" = - ]; then
		cpu=max
	else
		cpu="max,sve-max-vq=$((vl / 128))"
	fi
	elf="$OUT/$w.elf"
	ts=$(time_runs "$OUT/$w-$vl.svevm" "$SVEVM" run --stats --cpu "$cpu" "$elf")
	tq=$(time_runs "$OUT/$w-$vl.qemu" qemu-system-aarch64 -M virt -m 128M -cpu "$cpu" \
		-nographic -kernel "$elf")
	if ! cmp -s "$OUT/$w-$vl.svevm" "$OUT/$w-$vl.qemu"; then
		echo "bench.sh: $w at VL $vl: svevm and QEMU printed different output:" >&2
		diff "$OUT/$w-$vl.svevm" "$OUT/$w-$vl.qemu" >&2 || true
		status=1
	fi
	ms=$(median <<<"$ts")
	mq=$(median <<<"$tq")
	mips=$(sed -n 's/ *speed *\([0-9.]*\) MIPS/\1/p' "$OUT/$w-$vl.svevm.err")
	if [ "$w" = empty ]; then
		base_s=$ms
		base_q=$mq
	fi
	awk -v w="$w" -v vl="$vl" -v s="$ms" -v q="$mq" -v bs="$base_s" -v bq="$base_q" \
		-v mips="${mips:-?}" -v rs="$(minmax <<<"$ts")" -v rq="$(minmax <<<"$tq")" 'BEGIN {
		ns = s - bs; nq = q - bq
		r0 = (w == "empty" || ns <= 0) ? "-" : sprintf("%.2f", nq / ns)
		printf "%-11s %5s %9.3f %9.3f %7.2f %9.3f %9.3f %7s %7s %-11s %-11s\n",
			w, vl, s, q, q / s, ns, nq, r0, mips, rs, rq
	}'
done
if [ $status != 0 ]; then
	echo "bench.sh: FAILED: outputs differ" >&2
fi
exit $status
