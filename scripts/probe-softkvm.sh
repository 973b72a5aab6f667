#!/usr/bin/env bash
# The realkvm probe against softkvm: builds the preload shim (crates/softkvm-preload)
# and the real-kernel probe (../shared/realkvm/realkvm_probe.c, built for this host
# with the cross toolchain's arm64 UAPI headers), runs the probe with /dev/kvm served
# by softkvm, and compares its PASS/FAIL/INFO/REGS lines with what a real 6.12 kernel
# printed (../shared/realkvm/results-6.12.107+deb13-arm64.txt).
#
#   scripts/probe-softkvm.sh
#
# Exit status: 0 if softkvm printed no FAIL and every 6.12 PASS line is identical or
# listed in crates/softkvm-preload/probe/differences.txt (with its reason); 1 if
# not; 77 if the probe cannot be built here (no gcc or no arm64 UAPI headers: apt-get
# install gcc gcc-aarch64-linux-gnu).
#
# Environment (optional):
#   SVEVM_SHARED          the shared/ folder (default: ../shared beside the repository)
#   SOFTKVM_PRELOAD_LIB   an already built libsoftkvm_preload.so (skips cargo build)
#   PROBE_OUT             where the probe binary and its output go
#                         (default: target/probe-softkvm)
#   PROBE_RESULTS         the kernel results file to compare with
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${SVEVM_SHARED:-$root/../shared}
src=$shared/realkvm/realkvm_probe.c
results=${PROBE_RESULTS:-$shared/realkvm/results-6.12.107+deb13-arm64.txt}
crate=$root/crates/softkvm-preload
target=${CARGO_TARGET_DIR:-$root/target}
out=${PROBE_OUT:-$target/probe-softkvm}
uapi=${AARCH64_UAPI:-/usr/aarch64-linux-gnu/include}

skip() { echo "probe-softkvm: SKIP: $*" >&2; exit 77; }
[[ -r $src ]] || skip "no probe source at $src (set SVEVM_SHARED)"
[[ -r $results ]] || skip "no kernel results at $results"
command -v gcc >/dev/null || skip "no gcc (apt-get install gcc)"
[[ -r $uapi/linux/kvm.h && -r $uapi/asm/kvm.h && -d $uapi/asm-generic ]] ||
	skip "no arm64 UAPI headers in $uapi (apt-get install gcc-aarch64-linux-gnu)"

mkdir -p "$out/include"
# The arm64 UAPI: only linux/, asm/ and asm-generic/ come from the cross toolchain;
# everything else (libc) is the host's.
for d in linux asm asm-generic; do ln -sfn "$uapi/$d" "$out/include/$d"; done
gcc -O2 -std=gnu11 -Wall -Werror -isystem "$out/include" -o "$out/realkvm_probe" "$src"

lib=${SOFTKVM_PRELOAD_LIB:-}
if [[ -z $lib ]]; then
	(cd "$root" && cargo build -q -p softkvm-preload)
	lib=$target/debug/libsoftkvm_preload.so
fi
[[ -r $lib ]] || { echo "probe-softkvm: no shim at $lib" >&2; exit 1; }

# The host the real-kernel runs used: SVE {128,256,512} (QEMU sve128/256/512=on).
set +e
env -u REALKVM_DEV -u SOFTKVM_DEV -u SOFTKVM_HOST \
	LD_PRELOAD="$lib" SOFTKVM_HOST_VQS=1,2,4 SOFTKVM_PRELOAD_VERBOSE=1 \
	REALKVM_RULES=later REALKVM_EXPECT_VLS0=0xb \
	timeout 300 "$out/realkvm_probe" >"$out/output.txt" 2>"$out/stderr.txt"
rc=$?
set -e
echo "probe-softkvm: probe exit status $rc; output in $out/output.txt"
if ! grep -q '^softkvm-preload: serving /dev/kvm from softkvm' "$out/stderr.txt"; then
	echo "probe-softkvm: the shim did not serve /dev/kvm (LD_PRELOAD not effective?)" >&2
	cat "$out/stderr.txt" >&2
	exit 1
fi
grep -E '^(PASS|FAIL|INFO|SUMMARY)' "$out/output.txt" | grep -c '^FAIL' >/dev/null &&
	echo "probe-softkvm: the probe printed FAIL lines" || true

awk -f "$crate/probe/compare.awk" "$crate/probe/differences.txt" "$results" "$out/output.txt"
