//! svevm-realkvm: svevm's guest suite on the real KVM of an arm64 host.
//!
//! `scripts/realkvm-svevm.sh` cross-builds this for aarch64 and boots it as
//! `/init` of a Debian arm64 kernel under QEMU with EL2 and SVE (through
//! shared/rustkvm/run.sh). It embeds every case of guests/expected/MANIFEST
//! (the ELF and QEMU's output) and runs each through the same VMM code as
//! `svevm run` ([`svevm::vmm::run_elf`]), on svevm's real-KVM backend.
//!
//! It first asks KVM for the host's SVE lengths (`svevm hosts --probe`'s
//! code) and prints them as a `PROBE` line, which the script checks against
//! the outer QEMU's `-cpu`. Then per case: `PASS`, `FAIL <why>`, or `SKIP
//! <why>` when KVM cannot give the vCPU the lengths QEMU's TCG gave the guest
//! on this host (see plan.rs). At the end `ERR` if anything failed and
//! `RUSTKVM DONE ok|failed`, the lines run.sh looks for. As PID 1 it mounts
//! devtmpfs and proc first and powers off at the end. Arguments: substrings;
//! only cases whose name contains one of them run.

#[allow(dead_code)]
mod plan;

#[cfg(target_arch = "aarch64")]
mod runner;

#[cfg(target_arch = "aarch64")]
fn main() {
    runner::main()
}

#[cfg(not(target_arch = "aarch64"))]
fn main() {
    eprintln!(
        "svevm-realkvm: runs on an arm64 host with KVM; cross-build and boot it with \
         scripts/realkvm-svevm.sh"
    );
    std::process::exit(2);
}
