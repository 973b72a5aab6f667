//! The KVM backend seam: which crate answers the KVM API calls.
//!
//! softkvm mirrors rust-vmm's kvm-ioctls 0.25 / kvm-bindings 0.14, so the VMM
//! (vmm.rs, hosts.rs) is written once against `backend::{Kvm, VmFd, VcpuFd,
//! VcpuExit, Cap, bindings}` and this module only chooses where they come from:
//!
//! * by default, softkvm (`soft.rs`): any host, the CPU in software;
//! * with the `realkvm` feature on aarch64, kvm-ioctls/kvm-bindings on the
//!   machine's `/dev/kvm` (`real.rs`). On other architectures the feature is
//!   accepted and ignored (cargo unifies features across a workspace build,
//!   and kvm-ioctls has no arm64 API there), so the build stays on softkvm.
//!
//! What is not part of the kvm-ioctls API is here too, once per backend, with
//! the same signatures: the host the VM runs on (softkvm emulates the one asked
//! for; on real KVM it is the machine), kicking a vCPU out of `run()` (a
//! softkvm handle; a signal with `immediate_exit` on real KVM), the details of
//! an internal error, and softkvm's debugging extras (instruction counter,
//! limit and trace), which real KVM refuses with one line.

#[cfg(not(all(feature = "realkvm", target_arch = "aarch64")))]
mod soft;
#[cfg(not(all(feature = "realkvm", target_arch = "aarch64")))]
pub use soft::*;

#[cfg(all(feature = "realkvm", target_arch = "aarch64"))]
mod real;
#[cfg(all(feature = "realkvm", target_arch = "aarch64"))]
pub use real::*;

use sve_vls::VqSet;

/// The id of `KVM_REG_ARM64_SVE_VLS`, composed as the UAPI macro does
/// (kvm-bindings has no constant for it: it is a C function-like macro).
pub const REG_SVE_VLS: u64 = bindings::KVM_REG_ARM64
    | bindings::KVM_REG_SIZE_U512
    | bindings::KVM_REG_ARM64_SVE as u64
    | 0xffff;

/// MIDR_EL1 (op0=3 op1=0 CRn=0 CRm=0 op2=0), as KVM exposes it to the VMM.
pub const REG_MIDR_EL1: u64 = bindings::KVM_REG_ARM64
    | bindings::KVM_REG_SIZE_U64
    | bindings::KVM_REG_ARM64_SYSREG as u64
    | (3 << 14);

/// What `svevm hosts --probe` found: the host's SVE lengths as KVM offers them
/// to a vCPU (KVM_REG_ARM64_SVE_VLS right after KVM_ARM_VCPU_INIT) and the
/// MIDR_EL1 a vCPU sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    pub set: VqSet,
    /// None when KVM does not let the VMM read it.
    pub midr: Option<u64>,
    /// KVM_CAP_ARM_SVE.
    pub sve: bool,
}

/// How a `KVM_EXIT_INTERNAL_ERROR` is to be reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InternalError {
    /// softkvm's `--max-insns` limit was reached: a runaway guest.
    InstructionLimit(String),
    /// Anything else, described in one line.
    Other(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_ids() {
        // The kernel's documented ids (Documentation/virt/kvm/api.rst).
        assert_eq!(REG_SVE_VLS, 0x6060_0000_0015_ffff);
        assert_eq!(REG_MIDR_EL1, 0x6030_0000_0013_c000);
    }
}
