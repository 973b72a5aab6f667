//! svevm: a VMM for bare-metal arm64 SVE guests, on softkvm (the KVM/arm64 API
//! in software) or, built with the `realkvm` feature for aarch64, on the real
//! `/dev/kvm` through rust-vmm's kvm-ioctls. Everything above [`backend`] is the
//! same code on both.
//!
//! The `svevm` binary (src/main.rs) is a thin command line over this library;
//! the real-KVM guest runner (crates/svevm/realkvm) drives the same
//! [`vmm::run_elf`] path with the guests embedded.

pub mod backend;
pub mod cli;
pub mod hosts;
pub mod loader;
pub mod machine;
pub mod vmm;

/// Exit statuses (documented in `svevm run --help`).
pub const EXIT_BAD_INPUT: u8 = 1;
pub const EXIT_GUEST_FAILURE: u8 = 3;
pub const EXIT_RUNAWAY: u8 = 4;
