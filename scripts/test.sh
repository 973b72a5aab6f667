#!/usr/bin/env bash
# The project's test command (README.md "Test"): installs what the tests need on a
# fresh Debian machine, then runs formatting and lint checks, every crate's tests
# (including the differential tests against QEMU) and the guest rebuild check.
#
#   scripts/test.sh            # everything (the default suite, about 10-20 minutes on 2 cores)
#   SVEVM_SKIP_INSTALL=1 ...   # do not try apt-get
#   SVEVM_SKIP_REALKVM=1 ...   # leave out the real-KVM runs (they need root)
#
# Long soaks are separate: see README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use: QEMU (oracle), cross compilers for guests and
# oracle programs, LLVM for assembling test vectors.
need_pkgs=()
command -v qemu-system-aarch64 >/dev/null || need_pkgs+=(qemu-system-arm)
command -v qemu-aarch64 >/dev/null || need_pkgs+=(qemu-user)
command -v clang-14 >/dev/null || need_pkgs+=(clang-14)
command -v ld.lld-14 >/dev/null || need_pkgs+=(lld-14)
command -v aarch64-linux-gnu-gcc >/dev/null || need_pkgs+=(gcc-aarch64-linux-gnu)
command -v llvm-mc >/dev/null || command -v llvm-mc-14 >/dev/null || need_pkgs+=(llvm-14)
if [ ${#need_pkgs[@]} -gt 0 ] && [ -z "${SVEVM_SKIP_INSTALL:-}" ]; then
  echo "== installing ${need_pkgs[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

echo "== rustfmt"
cargo fmt --all -- --check
echo "== clippy"
cargo clippy --workspace --all-targets -q -- -D warnings
echo "== tests"
# The oracle tests (QEMU, LLVM, the real-kernel probe) must not skip here: the packages
# above are installed. The probe is built from ../shared/realkvm beside the repository.
export FP_ORACLE_REQUIRED=1
export DIS_ORACLE_REQUIRED=1
export PROBE_REQUIRED=1
export ORACLE_REQUIRED=1
cargo test --workspace
if [ -x guests/build.sh ]; then
  echo "== guests: rebuild and compare with the committed ELFs"
  guests/build.sh --check
fi
# The real kernel as the judge (docs/realkvm.md): the KVM contract suite through
# kvm-ioctls, and svevm's guest suite on real KVM, both inside a Debian arm64 kernel
# booted under QEMU with EL2 and SVE. Needs root (a Debian chroot for the aarch64
# cross build) and the shared/ folder beside the repository; a minute or two from
# cold caches, seconds when cached. SVEVM_SKIP_REALKVM=1 leaves them out.
if [ -z "${SVEVM_SKIP_REALKVM:-}" ]; then
  echo "== real KVM: the contract suite"
  scripts/realkvm.sh
  echo "== real KVM: svevm's guests (host with every SVE length, 2 vCPUs)"
  REALKVM_CPU=max,pauth-impdef=on scripts/realkvm-svevm.sh
fi
echo "== all checks passed"
