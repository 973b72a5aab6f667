//! `arm64-cpu`: an AArch64 interpreter for EL0/EL1 with FP/AdvSIMD and SVE.
//!
//! The CPU is the bottom layer of svevm. It knows nothing of KVM, errno or memory
//! slots: guest RAM is handed to it as a list of host mappings ([`mem::GuestRam`]),
//! and every physical access outside RAM stops the CPU with an MMIO request
//! ([`Exit::Mmio`]) that the layer above completes before the next [`Cpu::run`].
//!
//! Structure:
//! - [`decode`]: the declarative decoder. Every encoding is one [`decode::Enc`] line
//!   (name, bit pattern with named fields, handler) in the group tables of [`isa`];
//!   the same table drives execution, disassembly, coverage and random-test generation.
//! - [`isa`]: the instruction semantics, one module per Arm encoding group.
//! - [`state`]: architectural state (X, SP, PC, PSTATE, Z/P/FFR, FPCR/FPSR).
//! - [`sysreg`]: system registers, their encodings and reset values.
//! - [`exception`]: exception syndromes and entry to VBAR_EL1.
//! - [`mmu`]: stage 1 translation (EL1&0), the TLB, AT and TLBI.
//! - [`cpu`]: the run loop.

pub mod cpu;
pub mod decode;
pub mod exception;
pub mod fpu;
pub mod isa;
pub mod mem;
pub mod mmu;
pub mod state;
pub mod sysreg;

pub use cpu::{Cpu, CpuConfig, Exit, Stop, TraceFn};
pub use exception::Exception;
pub use mem::{GuestRam, Region};
