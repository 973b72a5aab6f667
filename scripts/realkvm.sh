#!/usr/bin/env bash
# Backend A of the KVM contract suite, end to end: cross-build the workspace for
# aarch64 with Debian trixie's Rust (rustc 1.85) in a cached chroot, boot Debian's
# arm64 kernel under QEMU with EL2 and SVE, and run crates/kvm-contract's
# `kvm-contract` binary as /init against the real /dev/kvm (see docs/realkvm.md).
#
#   scripts/realkvm.sh                       # Debian 13 kernel (6.12), SVE {128,256,512}
#   REALKVM_CPU=max,sve=on,sve128=on,sve256=on,sve384=on scripts/realkvm.sh   # another host VL set
#   RUSTKVM_TOOLCHAIN=backports scripts/realkvm.sh   # trixie-backports' rustc 1.96 instead
#
# About a minute from an empty cache (chroot ~35 s, kernel download, cross build),
# seconds once cached. Needs root (mmdebstrap, chroot, private mounts) and installs
# what is missing with apt-get. The tooling lives in the shared/ folder beside the
# repository (../shared from the repo root; SVEVM_SHARED overrides). Caches go to
# $HOME/.cache/{rustkvm,realkvm}; the results file to target/realkvm/.
# Exit status: 0 only if every case passed on the real kernel.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${SVEVM_SHARED:-$root/../shared}
runner=$shared/rustkvm/run.sh
[[ -f $runner ]] || { echo "realkvm.sh: $runner not found (set SVEVM_SHARED to the shared/ folder)" >&2; exit 2; }

# --- what run.sh needs, from Debian --------------------------------------------
need_pkgs=()
command -v mmdebstrap >/dev/null || need_pkgs+=(mmdebstrap)
command -v unshare >/dev/null || need_pkgs+=(util-linux)
command -v qemu-system-aarch64 >/dev/null || need_pkgs+=(qemu-system-arm)
command -v dpkg-deb >/dev/null || need_pkgs+=(dpkg)
command -v python3 >/dev/null || need_pkgs+=(python3)
command -v file >/dev/null || need_pkgs+=(file)
if [[ ${#need_pkgs[@]} -gt 0 ]]; then
	if [[ -n ${SVEVM_SKIP_INSTALL:-} ]]; then
		echo "realkvm.sh: missing ${need_pkgs[*]} (SVEVM_SKIP_INSTALL is set)" >&2
		exit 2
	fi
	SUDO=""
	[[ $(id -u) -ne 0 ]] && SUDO=sudo
	echo "realkvm.sh: installing ${need_pkgs[*]}" >&2
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

# --- run ----------------------------------------------------------------------
# run.sh cross-builds $RUSTKVM_CRATE (the whole workspace, --locked, so Cargo.lock
# must already hold kvm-ioctls & co.) and boots $RUSTKVM_BIN as /init, which runs
# every case (run.sh passes it no arguments).
mkdir -p "$root/target/realkvm"
results=${RUSTKVM_RESULTS:-$root/target/realkvm/results.txt}
export RUSTKVM_CRATE=$root RUSTKVM_BIN=kvm-contract RUSTKVM_RESULTS=$results
export REALKVM_TIMEOUT=${REALKVM_TIMEOUT:-300}
# run.sh builds every checkout in the same cached target directory (mounted as
# /src), and cargo decides freshness by file times: after a build of another
# checkout, this one's older files would look up to date. So when the last
# build came from elsewhere, mark the runner's sources as changed.
stamp=${RUSTKVM_CACHE:-$HOME/.cache/rustkvm}/kvm-contract-checkout
mkdir -p "$(dirname "$stamp")"
if [[ $(cat "$stamp" 2>/dev/null) != "$root" ]]; then
	find "$root/crates/kvm-contract" -name '*.rs' -exec touch {} +
	echo "$root" >"$stamp"
fi
rc=0
"$runner" || rc=$?
if [[ -f $results ]]; then
	grep -E "^(PASS|FAIL|INFO|ERR|RUSTKVM)" "$results" || true
	echo "realkvm.sh: $(grep -c '^PASS' "$results") passed, $(grep -c '^FAIL' "$results") failed; results in $results" >&2
fi
exit "$rc"
