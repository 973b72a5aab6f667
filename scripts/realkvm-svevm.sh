#!/usr/bin/env bash
# svevm on real KVM, end to end: cross-build the workspace for aarch64 with Debian
# trixie's Rust (rustc 1.85) in a cached chroot, with svevm's real-KVM backend
# (kvm-ioctls), boot Debian's arm64 kernel under QEMU with EL2 and SVE, and run
# crates/svevm/realkvm's `svevm-realkvm` as /init: every guest of guests/expected
# that KVM can give the lengths QEMU's TCG gave it on that host, through the same
# VMM code as `svevm run`, compared byte for byte with QEMU's output. Repeated for
# several host vector-length sets, which the outer QEMU's -cpu chooses.
# See docs/realkvm.md ("svevm on real KVM").
#
#   scripts/realkvm-svevm.sh                      # the default host sets (below)
#   REALKVM_CPU=max,sve=on,sve128=on,sve256=on,sve384=on scripts/realkvm-svevm.sh   # one set
#   SVEVM_REALKVM_CPUS='max,sve1536=on;max,sve2048=on' scripts/realkvm-svevm.sh     # a list
#   RUSTKVM_TOOLCHAIN=backports scripts/realkvm-svevm.sh   # trixie-backports' rustc 1.96
#
# Per host set it also checks that `svevm hosts --probe` on the emulated host (KVM's
# KVM_REG_ARM64_SVE_VLS after INIT) reports the set that QEMU's TCG rules give for
# that -cpu, computed by the host-built `svevm vls`.
#
# Needs root (mmdebstrap, chroot, private mounts) and the network on the first run;
# installs what is missing with apt-get. The tooling lives in the shared/ folder
# beside the repository (../shared from the repo root; SVEVM_SHARED overrides).
# Caches: $RUSTKVM_CACHE (default $HOME/.cache/rustkvm-svevm: its own cargo target
# dir, initramfs and logs, so it can run beside scripts/realkvm.sh; the toolchain
# chroot is shared with $HOME/.cache/rustkvm when that one exists) and
# $HOME/.cache/realkvm (kernels). Results: target/realkvm-svevm/.
# Exit status: 0 only if, on every host set, every runnable case passed and the
# probe matched.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${SVEVM_SHARED:-$root/../shared}
runner=$shared/rustkvm/run.sh
[[ -f $runner ]] || { echo "realkvm-svevm.sh: $runner not found (set SVEVM_SHARED to the shared/ folder)" >&2; exit 2; }

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
		echo "realkvm-svevm.sh: missing ${need_pkgs[*]} (SVEVM_SKIP_INSTALL is set)" >&2
		exit 2
	fi
	SUDO=""
	[[ $(id -u) -ne 0 ]] && SUDO=sudo
	echo "realkvm-svevm.sh: installing ${need_pkgs[*]}" >&2
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi
command -v cargo >/dev/null || { echo "realkvm-svevm.sh: cargo is needed to build svevm for this host (the probe check)" >&2; exit 2; }

# --- host sets -------------------------------------------------------------------
# {128,256,512} (run.sh's default): vq1, vq2, a64fx, SVE off.
# every length 128..2048 (QEMU's TCG max): every guest captured with max,
#   sve-max-vq=N or max,sve512=off, and the SMP, integer and FP guests.
# {128,256,512,1024,1536}: the guest captured with max,sve1536=on.
if [[ -n ${REALKVM_CPU:-} ]]; then
	cpus=("$REALKVM_CPU")
elif [[ -n ${SVEVM_REALKVM_CPUS:-} ]]; then
	IFS=';' read -r -a cpus <<<"$SVEVM_REALKVM_CPUS"
else
	cpus=(
		"max,sve=on,sve128=on,sve256=on,sve512=on,pauth-impdef=on"
		"max,pauth-impdef=on"
		"max,sve1536=on,pauth-impdef=on"
	)
fi
# vCPUs are threads of the emulated host: with 2 emulated CPUs (QEMU runs them on
# 2 host threads) the SMP guests' atomics and spinlock really race; with 1 they
# pass too, taking turns at the arm64 kernel's scheduler ticks.
smp=${REALKVM_SMP:-2}

# The lengths QEMU's TCG gives the emulated host for a -cpu: svevm's own
# resolution of its SVE properties (QEMU 7.2's rules, tested against QEMU).
(cd "$root" && cargo build -q -p svevm)
svevm_host=$root/target/debug/svevm
tcg_set() {
	local model=${1%%,*} props="" p
	IFS=',' read -r -a parts <<<"${1#"$model"}"
	for p in "${parts[@]}"; do
		[[ $p == sve* ]] && props+=",$p"
	done
	"$svevm_host" vls --cpu "$model$props"
}

# --- run ---------------------------------------------------------------------------
out=$root/target/realkvm-svevm
mkdir -p "$out"
rm -f "$out"/results-*.txt "$out"/console-hang-*.log
export RUSTKVM_CACHE=${RUSTKVM_CACHE:-$HOME/.cache/rustkvm-svevm}
mkdir -p "$RUSTKVM_CACHE"
# Reuse shared/rustkvm's default toolchain chroot (about 1.6 GB, 30-90 s to build)
# when it exists (SVEVM_REALKVM_OWN_CHROOT=1: build one here); the chroot only
# provides the toolchain, every mount is private to one run.
tsuite=${RUSTKVM_SUITE:-trixie}
cname=chroot-$tsuite
[[ ${RUSTKVM_TOOLCHAIN:-stable} == backports ]] && cname=$cname-backports
if [[ -z ${SVEVM_REALKVM_OWN_CHROOT:-} && ! -e $RUSTKVM_CACHE/$cname &&
	-f $HOME/.cache/rustkvm/$cname/.rustkvm-stamp ]]; then
	ln -s "$HOME/.cache/rustkvm/$cname" "$RUSTKVM_CACHE/$cname"
fi
# run.sh cross-builds $RUSTKVM_CRATE with `cargo build --locked --release`. The whole
# repository cannot be built for aarch64 with +crt-static (softkvm-preload is a
# cdylib), so, as scripts/realkvm.sh does, the build gets a staging copy: the crates,
# the guests the runner embeds, docs/ (softkvm includes docs/api.md as its guide),
# .cargo/config.toml, Cargo.lock, and a root manifest
# whose only member is the runner (its path dependencies come along).
ws=$out/ws
rm -rf "$ws"
mkdir -p "$ws"
cp -a "$root/crates" "$root/guests" "$root/docs" "$root/.cargo" "$root/Cargo.lock" "$ws/"
{
	echo '# Generated by scripts/realkvm-svevm.sh from the repository'"'"'s Cargo.toml.'
	echo '[workspace]'
	echo 'resolver = "2"'
	echo 'members = ["crates/svevm/realkvm"]'
	echo 'default-members = ["crates/svevm/realkvm"]'
	awk '/^\[/ { keep = ($0 == "[workspace.package]" || $0 ~ /^\[profile/) } keep' "$root/Cargo.toml"
} >"$ws/Cargo.toml"
cargo metadata --format-version 1 --offline --manifest-path "$ws/Cargo.toml" >/dev/null 2>&1 ||
	cargo metadata --format-version 1 --manifest-path "$ws/Cargo.toml" >/dev/null
export RUSTKVM_CRATE=$ws RUSTKVM_BIN=svevm-realkvm
export REALKVM_SMP=$smp REALKVM_TIMEOUT=${REALKVM_TIMEOUT:-300}
# A boot that never reaches "RUSTKVM DONE" (the emulated host hung: see
# docs/realkvm.md, "Emulated-host hangs") is booted again, this many times, and
# the summary says so. A boot that finished with failures is never retried.
retries=${SVEVM_REALKVM_RETRIES:-1}
# run.sh builds every checkout in one cached target directory and cargo judges
# freshness by file times: after a build of another checkout, this one's older
# files could look up to date. So when the last build came from elsewhere, mark
# svevm's sources as changed.
stamp=$RUSTKVM_CACHE/svevm-checkout
if [[ $(cat "$stamp" 2>/dev/null) != "$root" ]]; then
	find "$ws/crates/svevm" "$ws/crates/softkvm" "$ws/crates/arm64-cpu" "$ws/crates/sve-vls" \
		-name '*.rs' -exec touch {} +
	echo "$root" >"$stamp"
fi
summary=$out/summary.txt
: >"$summary"
: >"$out/passed.tmp"
rc=0
t_start=$(date +%s.%N)
for i in "${!cpus[@]}"; do
	cpu=${cpus[$i]}
	want=$(tcg_set "$cpu") || { echo "realkvm-svevm.sh: cannot resolve -cpu $cpu" >&2; exit 2; }
	results=$out/results-$((i + 1)).txt
	echo "realkvm-svevm.sh: host set $((i + 1))/${#cpus[@]}: -cpu $cpu -smp $smp -> SVE {${want}}" >&2
	hung=""
	for ((try = 0; try <= retries; try++)); do
		rrc=0
		rm -f "$results"
		RUSTKVM_RESULTS=$results REALKVM_CPU=$cpu "$runner" || rrc=$?
		[[ -f $results ]] && grep -q '^RUSTKVM DONE' "$results" && break
		log=$(ls -t "$RUSTKVM_CACHE"/console-*.log 2>/dev/null | head -1)
		why=$(grep -m1 -E 'LOCKUP|stall|Oops|panic|terminating on signal' "$log" 2>/dev/null | tr -s ' ' | cut -c1-120)
		hung+="; boot $((try + 1)) never finished (${why:-no RUSTKVM DONE})"
		echo "realkvm-svevm.sh: the emulated host did not finish: ${why:-no RUSTKVM DONE}" >&2
		[[ -n $log ]] && cp "$log" "$out/console-hang-$((i + 1))-$((try + 1)).log"
	done
	if [[ ! -f $results ]]; then
		echo "set $((i + 1)) -cpu $cpu: no results (run.sh exit $rrc)" | tee -a "$summary" >&2
		rc=1
		continue
	fi
	# The probe's lengths against QEMU's TCG rules for that -cpu.
	probe=$(sed -n 's/^PROBE host *//p' "$results" | head -1)
	got=$(awk '{s=""; for (i = 1; i <= NF && $i ~ /^[0-9]+$/; i++) s = s (s == "" ? "" : " ") $i; print s}' <<<"$probe")
	[[ $probe == none* ]] && got=""
	if [[ -n $probe && $got == "$want" ]]; then
		probe_ok="probe {$got} = TCG {$want}"
	else
		probe_ok="PROBE MISMATCH: svevm hosts --probe {$got}, QEMU's TCG rules {$want}"
		rrc=1
	fi
	pass=$(grep '^PASS' "$results" | grep -vc '^PASS refuse-' || true)
	refuse=$(grep -c '^PASS refuse-' "$results" || true)
	fail=$(grep -c '^FAIL' "$results" || true)
	skip=$(grep -c '^SKIP' "$results" || true)
	grep '^PASS' "$results" | grep -v '^PASS refuse-' | awk '{print $2}' >>"$out/passed.tmp" || true
	line="set $((i + 1)) -cpu $cpu -smp $smp: guests $pass passed, $fail failed, $skip skipped; $refuse refusal checks passed; $probe_ok; run.sh exit $rrc$hung"
	echo "$line" >>"$summary"
	grep -E '^(FAIL|ERR)' "$results" | sed 's/^/    /' >>"$summary" || true
	[[ $rrc -eq 0 ]] || rc=1
done
total=$(grep -cvE '^(#|[[:space:]]*$)' "$root/guests/expected/MANIFEST" || true)
covered=$(sort -u "$out/passed.tmp" | wc -l)
rm -f "$out/passed.tmp"
echo "coverage: $covered of the $total MANIFEST cases passed on at least one host set" >>"$summary"
t_total=$(awk -v a="$t_start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f", b - a}')
echo "total ${t_total}s; results in $out/results-*.txt" >>"$summary"
cat "$summary" >&2
exit "$rc"
