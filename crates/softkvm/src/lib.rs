//! softkvm: the Linux KVM/arm64 vCPU API with SVE, in software.
//!
//! softkvm answers the calls a VMM makes on `/dev/kvm`, a VM fd and a vCPU fd on
//! an arm64 host with SVE, errno for errno, following the kernel contract in
//! `kvm-arm64-sve-api.md` and the behaviour of a real 6.12 kernel; the guest runs
//! on the [`arm64_cpu`] interpreter, so it works on any host. The Rust API has the
//! shape of rust-vmm's `kvm-ioctls` 0.25 and `kvm-bindings` 0.14 for aarch64: a VMM
//! switches by changing its imports:
//!
//! ```text
//! use kvm_ioctls::{Kvm, VmFd, VcpuFd, VcpuExit, Cap};   →   use softkvm::{...};
//! use kvm_bindings::*;                                  →   use softkvm::bindings::*;
//! ```
//!
//! The module layout mirrors the kernel's file-descriptor hierarchy: [`system`]
//! ([`Kvm`], `/dev/kvm`), [`vm`] ([`VmFd`]), [`vcpu`] ([`VcpuFd`], [`VcpuExit`]),
//! [`cap`] ([`Cap`]), [`bindings`] (ABI facts) and [`host`] ([`Host`], what the
//! emulated hardware offers). The user guide is [`guide`] (`docs/api.md`).

pub mod bindings;
pub mod cap;
pub mod host;
mod psci;
mod regs;
pub mod system;
pub mod vcpu;
pub mod vm;
mod vstate;

/// Disassembles one A64 instruction word at `pc` (LLVM syntax where implemented).
pub use arm64_cpu::decode::disassemble;
/// The CPU's register state as a trace hook sees it (softkvm-specific).
pub use arm64_cpu::state::State as CpuState;
/// An instruction trace hook: `(pc, word, state after)` (softkvm-specific).
pub use arm64_cpu::TraceFn;
pub use cap::Cap;
pub use host::{Host, HostError, Preset};
pub use system::Kvm;
pub use vcpu::{HypercallExit, InternalError, InternalErrorKind, VcpuExit, VcpuFd, VcpuKicker};
pub use vm::VmFd;

/// The error type of every call: an errno, as kvm-ioctls (vmm-sys-util's).
pub use vmm_sys_util::errno::Error;

/// A result with an errno [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Size in bytes of the register an id names, as kvm-ioctls' `reg_size`.
pub fn reg_size(reg_id: u64) -> usize {
    bindings::reg_size(reg_id)
}

pub(crate) fn errno(e: i32) -> Error {
    Error::new(e)
}

/// System registers the emulated CPU implements but KVM does not expose through
/// ONE_REG (softkvm-specific; for reports): (name, packed encoding).
pub fn cpu_sysregs_not_in_kvm() -> Vec<(&'static str, u16)> {
    regs::sysreg::cpu_only()
}

/// KVM's name for a system-register ONE_REG id softkvm exposes, if any.
pub fn sysreg_name(reg_id: u64) -> Option<&'static str> {
    if reg_id as u32 & bindings::KVM_REG_ARM_COPROC_MASK != bindings::KVM_REG_ARM64_SYSREG {
        return None;
    }
    regs::sysreg::find(reg_id as u16).map(|r| r.name)
}

#[doc = include_str!("../../../docs/api.md")]
pub mod guide {}
