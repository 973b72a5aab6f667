//! Differential testing of `arm64-cpu` against QEMU's TCG.
//!
//! - [`oracle`]: a static aarch64 Linux program (oracle/) under `qemu-aarch64 -cpu
//!   max,sve-default-vector-length=VL` that loads a test case's state, runs its
//!   code and reports the final state (or the fault).
//! - [`ours`]: the same case on [`arm64_cpu::Cpu`] at EL0.
//! - [`gen`]: random sequences built from the CPU's own decode table.
//! - [`compare`], [`deviations`]: the comparison, mismatch reports and the list of
//!   known, reasoned differences.
//! - [`campaign`]: a whole run with statistics; shrinking to one instruction.

pub mod campaign;
pub mod compare;
pub mod deviations;
pub mod gen;
pub mod layout;
pub mod oracle;
pub mod ours;
pub mod state;
