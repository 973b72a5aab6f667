//! The KVM/arm64 SVE vCPU API contract, written once and run against two backends.
//!
//! softkvm promises that a VMM moves between it and real KVM by changing its
//! imports. This crate holds that promise to account: [`contract_suite!`] expands one
//! set of test bodies, written literally against the kvm-ioctls 0.25 / kvm-bindings
//! 0.14 API, for whichever backend's paths it is given:
//!
//! * backend A, real `/dev/kvm` through rust-vmm's `kvm-ioctls` on an arm64 kernel
//!   (the `kvm-contract` binary, cross-built and booted by `scripts/realkvm.sh`);
//! * backend B, `softkvm` (`cargo test -p kvm-contract`, `tests/softkvm.rs`).
//!
//! Every expected value comes from the kernel contract
//! (`shared/spec/kvm-arm64-sve-api.md`) and the real 6.12 kernel, never from
//! softkvm. Where the host's vector lengths matter, a case derives them from the
//! `KVM_REG_ARM64_SVE_VLS` value read after INIT, as a portable VMM must: the real
//! host has what QEMU gave the arm64 machine, softkvm's `Kvm::new()` all 16 lengths.
//!
//! `docs/realkvm.md` explains the design and lists the results.

use std::fmt;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a case returns: `Err` carries the first violated expectation.
pub type Outcome = Result<(), String>;

/// One named case of the suite, as listed by [`contract_suite!`]'s `CASES`.
#[derive(Clone, Copy)]
pub struct Case {
    pub name: &'static str,
    pub run: fn() -> Outcome,
}

/// Which version of the kernel's rules a backend follows where the spec separates
/// Linux 5.2 from `[later]` kernels (per-VM INIT feature set, INIT validation
/// before anything is recorded). Real kernels 6.7 and newer, and softkvm, follow
/// `Later`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rules {
    /// Linux 5.2 .. 6.6 (checked on 6.1).
    V5_2,
    /// Linux 6.7 and newer (checked on 6.12).
    Later,
}

impl Rules {
    /// The rules a kernel release string (`uname -r`, e.g. `6.12.107+deb13-arm64`) follows.
    pub fn for_release(release: &str) -> Rules {
        let mut it = release.split(|c: char| !c.is_ascii_digit());
        let major: u32 = it.next().and_then(|s| s.parse().ok()).unwrap_or(0);
        let minor: u32 = it.next().and_then(|s| s.parse().ok()).unwrap_or(0);
        if major > 6 || (major == 6 && minor >= 7) {
            Rules::Later
        } else {
            Rules::V5_2
        }
    }
}

/// errno values (Linux asm-generic; the same on arm64 and x86-64).
pub mod errno {
    pub use libc::{E2BIG, EEXIST, EFAULT, EINVAL, ENOENT, ENOEXEC, EPERM};

    /// The symbolic name of an errno, for messages.
    pub fn name(e: i32) -> String {
        let s = match e {
            0 => "0",
            libc::EPERM => "EPERM",
            libc::ENOENT => "ENOENT",
            libc::EINTR => "EINTR",
            libc::EIO => "EIO",
            libc::ENXIO => "ENXIO",
            libc::E2BIG => "E2BIG",
            libc::ENOEXEC => "ENOEXEC",
            libc::ENOMEM => "ENOMEM",
            libc::EFAULT => "EFAULT",
            libc::EBUSY => "EBUSY",
            libc::EEXIST => "EEXIST",
            libc::ENODEV => "ENODEV",
            libc::EINVAL => "EINVAL",
            libc::ENOSPC => "ENOSPC",
            libc::ENOSYS => "ENOSYS",
            _ => return format!("errno {e}"),
        };
        s.to_string()
    }
}

/// ONE_REG register ids, composed from the UAPI fields (spec section 4) as every
/// VMM does: kvm-bindings generates the fields but not the C function-like macros.
pub mod ids {
    /// `KVM_REG_ARM64`.
    pub const ARM64: u64 = 0x6000_0000_0000_0000;
    /// `KVM_REG_SIZE_SHIFT`.
    pub const SIZE_SHIFT: u32 = 52;
    pub const SIZE_U32: u64 = 2 << SIZE_SHIFT;
    pub const SIZE_U64: u64 = 3 << SIZE_SHIFT;
    pub const SIZE_U128: u64 = 4 << SIZE_SHIFT;
    pub const SIZE_U256: u64 = 5 << SIZE_SHIFT;
    pub const SIZE_U512: u64 = 6 << SIZE_SHIFT;
    pub const SIZE_U2048: u64 = 8 << SIZE_SHIFT;
    /// Coprocessor groups (bits 27..16).
    pub const COPROC_CORE: u64 = 0x10 << 16;
    pub const COPROC_SYSREG: u64 = 0x13 << 16;
    pub const COPROC_SVE: u64 = 0x15 << 16;
    pub const COPROC_MASK: u64 = 0x0fff_0000;

    /// `KVM_REG_ARM64_SVE_VLS`.
    pub const SVE_VLS: u64 = ARM64 | SIZE_U512 | COPROC_SVE | 0xffff;

    /// `KVM_REG_ARM64_SVE_ZREG(n, slice)`.
    pub const fn zreg(n: u64, slice: u64) -> u64 {
        ARM64 | SIZE_U2048 | COPROC_SVE | (n << 5) | slice
    }
    /// `KVM_REG_ARM64_SVE_PREG(n, slice)`.
    pub const fn preg(n: u64, slice: u64) -> u64 {
        ARM64 | SIZE_U256 | COPROC_SVE | 0x400 | (n << 5) | slice
    }
    /// `KVM_REG_ARM64_SVE_FFR(slice)`.
    pub const fn ffr(slice: u64) -> u64 {
        ARM64 | SIZE_U256 | COPROC_SVE | 0x600 | slice
    }

    /// A core register at a 32-bit word offset into `struct kvm_regs`.
    pub const fn core(size: u64, word: u64) -> u64 {
        ARM64 | size | COPROC_CORE | word
    }
    /// `Xn` (regs.regs[n]).
    pub const fn x(n: u64) -> u64 {
        core(SIZE_U64, 2 * n)
    }
    pub const PC: u64 = core(SIZE_U64, 0x40);
    pub const PSTATE: u64 = core(SIZE_U64, 0x42);
    /// `Vn` (fp_regs.vregs[n], U128): refused on SVE vCPUs.
    pub const fn v(n: u64) -> u64 {
        core(SIZE_U128, 0x54 + 4 * n)
    }
    pub const FPSR: u64 = core(SIZE_U32, 0xd4);
    pub const FPCR: u64 = core(SIZE_U32, 0xd5);

    /// `ARM64_SYS_REG(op0, op1, crn, crm, op2)`.
    pub const fn sysreg(op0: u64, op1: u64, crn: u64, crm: u64, op2: u64) -> u64 {
        ARM64 | SIZE_U64 | COPROC_SYSREG | (op0 << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2
    }
    pub const ZCR_EL1: u64 = sysreg(3, 0, 1, 2, 0);
    pub const ID_AA64PFR0_EL1: u64 = sysreg(3, 0, 0, 4, 0);
    pub const ID_AA64ZFR0_EL1: u64 = sysreg(3, 0, 0, 4, 4);

    /// Byte size of a register, `1 << size field`.
    pub const fn size(id: u64) -> usize {
        1usize << ((id >> SIZE_SHIFT) & 0xf)
    }
    /// The coprocessor group of an id.
    pub const fn coproc(id: u64) -> u64 {
        id & COPROC_MASK
    }
    /// A core-group id of U128 size: an FPSIMD V register.
    pub const fn is_vreg(id: u64) -> bool {
        coproc(id) == COPROC_CORE && id & (0xf << SIZE_SHIFT) == SIZE_U128
    }
}

/// The 512-bit `KVM_REG_ARM64_SVE_VLS` value: VQ `v` (1..512) is bit `(v-1) % 64`
/// of little-endian word `(v-1) / 64`.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct Vls(pub [u64; 8]);

impl Vls {
    pub fn from_bytes(b: &[u8; 64]) -> Vls {
        let mut w = [0u64; 8];
        for (i, word) in w.iter_mut().enumerate() {
            let mut le = [0u8; 8];
            le.copy_from_slice(&b[8 * i..8 * i + 8]);
            *word = u64::from_le_bytes(le);
        }
        Vls(w)
    }
    pub fn to_bytes(self) -> [u8; 64] {
        let mut b = [0u8; 64];
        for (i, word) in self.0.iter().enumerate() {
            b[8 * i..8 * i + 8].copy_from_slice(&word.to_le_bytes());
        }
        b
    }
    pub fn from_vqs(vqs: &[u32]) -> Vls {
        let mut v = Vls::default();
        for &vq in vqs {
            v = v.with(vq);
        }
        v
    }
    pub fn has(self, vq: u32) -> bool {
        (1..=512).contains(&vq) && self.0[(vq as usize - 1) / 64] >> ((vq - 1) % 64) & 1 == 1
    }
    pub fn with(mut self, vq: u32) -> Vls {
        if (1..=512).contains(&vq) {
            self.0[(vq as usize - 1) / 64] |= 1 << ((vq - 1) % 64);
        }
        self
    }
    pub fn without(mut self, vq: u32) -> Vls {
        if (1..=512).contains(&vq) {
            self.0[(vq as usize - 1) / 64] &= !(1 << ((vq - 1) % 64));
        }
        self
    }
    pub fn vqs(self) -> Vec<u32> {
        (1..=512).filter(|&v| self.has(v)).collect()
    }
    /// The largest VQ in the set, 0 if empty.
    pub fn max(self) -> u32 {
        self.vqs().last().copied().unwrap_or(0)
    }
    /// The VQs of this set that are at most `m`.
    pub fn upto(self, m: u32) -> Vls {
        Vls::from_vqs(
            &self
                .vqs()
                .into_iter()
                .filter(|&v| v <= m)
                .collect::<Vec<_>>(),
        )
    }
}

impl fmt::Display for Vls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bits: Vec<String> = self.vqs().iter().map(|v| (v * 128).to_string()).collect();
        write!(f, "w0={:#x} {{{}}} bits", self.0[0], bits.join(","))?;
        if self.0[1..].iter().any(|&w| w != 0) {
            write!(f, " (words 1..7 {:x?})", &self.0[1..])?;
        }
        Ok(())
    }
}

impl fmt::Debug for Vls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Anonymous, page-aligned host memory handed to a VM as a memory slot.
pub struct GuestMem {
    ptr: *mut u8,
    len: usize,
}

impl GuestMem {
    pub fn new(len: usize) -> Result<GuestMem, String> {
        // SAFETY: a fresh private anonymous mapping; no existing memory is touched.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(format!("mmap {len} bytes failed"));
        }
        Ok(GuestMem { ptr: p.cast(), len })
    }
    /// The host address, for `kvm_userspace_memory_region::userspace_addr`.
    pub fn host_addr(&self) -> u64 {
        self.ptr as u64
    }
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    fn check(&self, off: usize, n: usize) {
        assert!(
            off.checked_add(n).is_some_and(|e| e <= self.len),
            "GuestMem access out of range"
        );
    }
    pub fn write_words(&self, off: usize, words: &[u32]) {
        self.check(off, 4 * words.len());
        for (i, w) in words.iter().enumerate() {
            // SAFETY: in range (checked above); the mapping lives as long as self.
            unsafe {
                std::ptr::write_volatile(
                    self.ptr.add(off + 4 * i).cast::<[u8; 4]>(),
                    w.to_le_bytes(),
                )
            };
        }
    }
    pub fn write_u64(&self, off: usize, v: u64) {
        self.check(off, 8);
        // SAFETY: in range; byte-array access has no alignment requirement.
        unsafe { std::ptr::write_volatile(self.ptr.add(off).cast::<[u8; 8]>(), v.to_le_bytes()) };
    }
    /// Reads what the guest wrote (the guest's stores land in this very mapping).
    pub fn read_u64(&self, off: usize) -> u64 {
        self.check(off, 8);
        // SAFETY: in range; volatile because the guest writes behind our back.
        u64::from_le_bytes(unsafe { std::ptr::read_volatile(self.ptr.add(off).cast::<[u8; 8]>()) })
    }
}

impl Drop for GuestMem {
    fn drop(&mut self) {
        // SAFETY: unmaps exactly the mapping created in new().
        unsafe { libc::munmap(self.ptr.cast(), self.len) };
    }
}

/// Guest programs, as instruction words from LLVM's assembler (llvm-mc 14,
/// `-triple=aarch64 -mattr=+sve,+el3 -show-encoding`); the unit test re-assembles them.
pub mod guest {
    /// Guest-physical base of the RAM slot the run cases map, and its size.
    pub const RAM_BASE: u64 = 0x4000_0000;
    pub const RAM_SIZE: usize = 0x1_0000;
    /// The MMIO page the programs access (QEMU virt's PL011, outside any slot).
    pub const MMIO_BASE: u64 = 0x0900_0000;
    /// Offset into RAM of the data the SVE program stores (x4) and loads (into x6).
    pub const DATA_OFF: usize = 0x8000;
    /// PSCI 0.2 SYSTEM_OFF function id (SMC32).
    pub const PSCI_SYSTEM_OFF: u64 = 0x8400_0008;
    /// PSCI_RET_INTERNAL_FAILURE, which KVM leaves in x0 after SYSTEM_OFF.
    pub const PSCI_RET_INTERNAL_FAILURE: u64 = -6i64 as u64;

    /// The SVE program: enable FP/SVE at EL1, ask for the largest VL, report it
    /// through an MMIO halfword store, complete an MMIO word load, store/load RAM,
    /// leave known values in Z5 and P1, then PSCI SYSTEM_OFF over HVC.
    pub const SVE_PROGRAM: &[(u32, &str)] = &[
        (0xd2a00062, "mov x2, #0x30000"),      // CPACR_EL1.ZEN = 0b11
        (0xb26c0442, "orr x2, x2, #0x300000"), // CPACR_EL1.FPEN = 0b11
        (0xd5181042, "msr cpacr_el1, x2"),
        (0xd5033fdf, "isb"),
        (0xd28001e2, "mov x2, #15"),
        (0xd5181202, "msr zcr_el1, x2"), // LEN = 15: the largest VL allowed
        (0xd5033fdf, "isb"),
        (0x04bf5020, "rdvl x0, #1"),
        (0xd2a12001, "mov x1, #0x9000000"),
        (0x79000020, "strh w0, [x1]"), // MmioWrite(0x0900_0000, VL as 2 bytes)
        (0xb9401823, "ldr w3, [x1, #0x18]"), // MmioRead(0x0900_0018, 4 bytes)
        (0x91000464, "add x4, x3, #1"),
        (0xd2900005, "mov x5, #0x8000"),
        (0xf2a80005, "movk x5, #0x4000, lsl #16"), // x5 = RAM_BASE + DATA_OFF
        (0xf90000a4, "str x4, [x5]"),              // seen by the VMM in its mapping
        (0xf94004a6, "ldr x6, [x5, #8]"),          // what the VMM put there
        (0x04a24065, "index z5.s, #3, #2"),
        (0x2598e061, "ptrue p1.s, vl3"),
        (0xd2800100, "mov x0, #8"),
        (0xf2b08000, "movk x0, #0x8400, lsl #16"), // PSCI SYSTEM_OFF
        (0xd4000002, "hvc #0"),
        (0x14000000, "b #0"),
    ];
    /// Index of the HVC in [`SVE_PROGRAM`]: the PC after SYSTEM_OFF points past it.
    pub const SVE_PROGRAM_HVC: usize = 20;

    /// A program for a vCPU without SVE: an MMIO byte store, then PSCI SYSTEM_OFF
    /// over SMC. Should the SMC come back (kernels before 6.4 do not route SMCs
    /// from the guest to PSCI: x0 = -1, PC advanced), x0 is reported through an
    /// MMIO store and SYSTEM_OFF is retried over HVC, so the run always ends.
    pub const PLAIN_PROGRAM: &[(u32, &str)] = &[
        (0xd2a12001, "mov x1, #0x9000000"),
        (0x52800b40, "mov w0, #0x5a"),
        (0x39001020, "strb w0, [x1, #4]"), // MmioWrite(0x0900_0004, [0x5a])
        (0xd2800100, "mov x0, #8"),
        (0xf2b08000, "movk x0, #0x8400, lsl #16"),
        (0xd4000003, "smc #0"),
        (0xf9000420, "str x0, [x1, #8]"), // only if the SMC returned
        (0xd2800100, "mov x0, #8"),
        (0xf2b08000, "movk x0, #0x8400, lsl #16"),
        (0xd4000002, "hvc #0"),
    ];

    /// For every ZCR_EL1.LEN from 0 to 15: set it, RDVL, report the VL through an
    /// MMIO halfword store to MMIO_BASE; then PSCI SYSTEM_OFF over HVC.
    pub const ZCR_LEN_PROGRAM: &[(u32, &str)] = &[
        (0xd2a00062, "mov x2, #0x30000"),
        (0xb26c0442, "orr x2, x2, #0x300000"),
        (0xd5181042, "msr cpacr_el1, x2"),
        (0xd5033fdf, "isb"),
        (0xd2a12001, "mov x1, #0x9000000"),
        (0xd2800003, "mov x3, #0"),
        (0xd5181203, "msr zcr_el1, x3"), // loop:
        (0xd5033fdf, "isb"),
        (0x04bf5020, "rdvl x0, #1"),
        (0x79000020, "strh w0, [x1]"),
        (0x91000463, "add x3, x3, #1"),
        (0xf100407f, "cmp x3, #16"),
        (0x54ffff41, "b.ne #-24"), // to loop
        (0xd2800100, "mov x0, #8"),
        (0xf2b08000, "movk x0, #0x8400, lsl #16"),
        (0xd4000002, "hvc #0"),
    ];

    /// Offset of the exception vectors ([`UNDEF_MAIN`] sets VBAR_EL1 to it) and of
    /// the synchronous current-EL/SPx entry (+0x200) holding [`UNDEF_HANDLER`].
    pub const VBAR_OFF: usize = 0x800;
    pub const SYNC_HANDLER_OFF: usize = VBAR_OFF + 0x200;
    /// Enables FP only (CPACR_EL1.FPEN = 0b11, ZEN = 0) and executes RDVL, which
    /// traps to EL1: UNDEFINED (EC 0x00) without SVE, an SVE access trap (EC 0x19)
    /// with SVE and ZEN = 0.
    pub const UNDEF_MAIN: &[(u32, &str)] = &[
        (0xd2a12001, "mov x1, #0x9000000"),
        (0xd2810002, "mov x2, #0x800"),
        (0xf2a80002, "movk x2, #0x4000, lsl #16"),
        (0xd518c002, "msr vbar_el1, x2"),
        (0xd2a00602, "mov x2, #0x300000"),
        (0xd5181042, "msr cpacr_el1, x2"),
        (0xd5033fdf, "isb"),
        (0x04bf5020, "rdvl x0, #1"),
        (0x14000000, "b #0"),
    ];
    /// Index of the RDVL in [`UNDEF_MAIN`] (the ELR_EL1 the handler reports).
    pub const UNDEF_MAIN_RDVL: usize = 7;
    /// Index in [`UNDEF_MAIN`] of the CPACR_EL1 value, and the word that replaces
    /// it to enable SVE at EL1 as well (FPEN = ZEN = 0b11).
    pub const UNDEF_MAIN_CPACR: usize = 4;
    pub const CPACR_FPEN_ZEN: &[(u32, &str)] = &[(0xd2a00662, "mov x2, #0x330000")];
    /// Reports ESR_EL1 and ELR_EL1 as 8-byte MMIO stores, then SYSTEM_OFF.
    pub const UNDEF_HANDLER: &[(u32, &str)] = &[
        (0xd5385205, "mrs x5, esr_el1"),
        (0xd5384026, "mrs x6, elr_el1"),
        (0xf9000025, "str x5, [x1]"),
        (0xf9000426, "str x6, [x1, #8]"),
        (0xd2800100, "mov x0, #8"),
        (0xf2b08000, "movk x0, #0x8400, lsl #16"),
        (0xd4000002, "hvc #0"),
    ];

    /// The words of a program.
    pub fn words(p: &[(u32, &str)]) -> Vec<u32> {
        p.iter().map(|&(w, _)| w).collect()
    }
}

/// Runs cases and prints `PASS <name>` / `FAIL <name>: <why>` per case (a panic
/// counts as a failure); returns the number of failures. With a watchdog
/// `(limit, on_hang)`, a case still running after `limit` (a guest or KVM_RUN that
/// never returns) is reported as failed, followed by the `ERR` and
/// `RUSTKVM DONE failed` lines, and `on_hang` is called (it must not return).
pub fn run_cases(
    cases: &[Case],
    filter: Option<&str>,
    watchdog: Option<(Duration, fn() -> !)>,
) -> usize {
    let current: Arc<Mutex<Option<(&'static str, Instant)>>> = Arc::new(Mutex::new(None));
    if let Some((limit, on_hang)) = watchdog {
        let current = Arc::clone(&current);
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_millis(500));
            let hung = match *current.lock().unwrap_or_else(|e| e.into_inner()) {
                Some((name, t0)) if t0.elapsed() > limit => Some(name),
                _ => None,
            };
            if let Some(name) = hung {
                println!(
                    "FAIL {name}: still running after {} s (a guest or KVM_RUN that never returns)",
                    limit.as_secs()
                );
                println!("ERR  {name} hung");
                println!("RUSTKVM DONE failed");
                let _ = std::io::stdout().flush();
                on_hang();
            }
        });
    }
    let mut failed = 0;
    for c in cases {
        if filter.is_some_and(|f| !c.name.contains(f)) {
            continue;
        }
        *current.lock().unwrap_or_else(|e| e.into_inner()) = Some((c.name, Instant::now()));
        let r = std::panic::catch_unwind(c.run).unwrap_or_else(|p| {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(format!("panicked: {msg}"))
        });
        *current.lock().unwrap_or_else(|e| e.into_inner()) = None;
        match r {
            Ok(()) => println!("PASS {}", c.name),
            Err(e) => {
                failed += 1;
                println!("FAIL {}: {e}", c.name);
            }
        }
        let _ = std::io::stdout().flush();
    }
    failed
}

/// Applies a backend's list of known deviations to a case's outcome. A listed case
/// that fails passes, after printing why (the deviation stays visible in the test
/// output). A listed case that passes fails, so the entry must be removed once the
/// backend is fixed. Unlisted cases keep their outcome.
pub fn known_deviation(name: &str, known: &[(&str, &str)], outcome: Outcome) -> Outcome {
    let Some((_, why)) = known.iter().find(|(n, _)| *n == name) else {
        return outcome;
    };
    match outcome {
        Err(e) => {
            println!("KNOWN DEVIATION {name}: {why}\n  observed: {e}");
            Ok(())
        }
        Ok(()) => Err(format!(
            "{name} is listed as a known deviation ({why}) but now passes: remove it from the list"
        )),
    }
}

mod suite;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_match_the_spec_table() {
        // Values printed in spec section 4 (recomputed there from the UAPI header).
        assert_eq!(ids::SVE_VLS, 0x6060_0000_0015_ffff);
        assert_eq!(ids::zreg(0, 0), 0x6080_0000_0015_0000);
        assert_eq!(ids::zreg(31, 0), 0x6080_0000_0015_03e0);
        assert_eq!(ids::preg(0, 0), 0x6050_0000_0015_0400);
        assert_eq!(ids::preg(15, 0), 0x6050_0000_0015_05e0);
        assert_eq!(ids::ffr(0), 0x6050_0000_0015_0600);
        assert_eq!(ids::x(30), 0x6030_0000_0010_003c);
        assert_eq!(ids::PC, 0x6030_0000_0010_0040);
        assert_eq!(ids::PSTATE, 0x6030_0000_0010_0042);
        assert_eq!(ids::v(0), 0x6040_0000_0010_0054);
        assert_eq!(ids::v(31), 0x6040_0000_0010_00d0);
        assert_eq!(ids::FPSR, 0x6020_0000_0010_00d4);
        assert_eq!(ids::FPCR, 0x6020_0000_0010_00d5);
        assert_eq!(ids::ZCR_EL1, 0x6030_0000_0013_c090);
        assert_eq!(ids::ID_AA64PFR0_EL1, 0x6030_0000_0013_c020);
        assert_eq!(ids::ID_AA64ZFR0_EL1, 0x6030_0000_0013_c024);
        assert_eq!(ids::size(ids::SVE_VLS), 64);
        assert_eq!(ids::size(ids::zreg(3, 0)), 256);
        assert_eq!(ids::size(ids::ffr(0)), 32);
        assert!(ids::is_vreg(ids::v(7)) && !ids::is_vreg(ids::FPCR));
    }

    #[test]
    fn vls_bitmap_format() {
        // Spec 3.3's example: host VQs {1,2,4} -> word0 = 0xb.
        let v = Vls::from_vqs(&[1, 2, 4]);
        assert_eq!(v.0, [0xb, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(v.max(), 4);
        assert_eq!(v.upto(3).0[0], 0x3);
        assert_eq!(v.with(5).0[0], 0x1b);
        assert_eq!(Vls::from_bytes(&v.with(512).to_bytes()).0[7], 1 << 63);
        assert!(Vls::default().vqs().is_empty());
        assert_eq!(v.to_string(), "w0=0xb {128,256,512} bits");
    }

    #[test]
    fn known_deviations_are_strict() {
        let k = [("a", "why")];
        assert_eq!(known_deviation("b", &k, Err("x".into())), Err("x".into()));
        assert_eq!(known_deviation("b", &k, Ok(())), Ok(()));
        assert_eq!(known_deviation("a", &k, Err("x".into())), Ok(()));
        assert!(known_deviation("a", &k, Ok(())).is_err());
    }

    #[test]
    fn rules_from_release() {
        assert_eq!(Rules::for_release("6.12.107+deb13-arm64"), Rules::Later);
        assert_eq!(Rules::for_release("6.7.0"), Rules::Later);
        assert_eq!(Rules::for_release("6.1.0-56-arm64"), Rules::V5_2);
        assert_eq!(Rules::for_release("5.2.0"), Rules::V5_2);
        assert_eq!(Rules::for_release("7.0"), Rules::Later);
    }

    /// The guest programs' words are what LLVM's assembler makes of their text.
    /// Skipped (with a note) where llvm-mc is not installed.
    #[test]
    fn guest_words_match_llvm_mc() {
        let mc = ["llvm-mc", "llvm-mc-14"].into_iter().find(|m| {
            std::process::Command::new(m)
                .arg("--version")
                .output()
                .is_ok()
        });
        let Some(mc) = mc else {
            eprintln!("llvm-mc not installed: guest words not re-assembled");
            return;
        };
        for prog in [
            guest::SVE_PROGRAM,
            guest::PLAIN_PROGRAM,
            guest::ZCR_LEN_PROGRAM,
            guest::UNDEF_MAIN,
            guest::UNDEF_HANDLER,
            guest::CPACR_FPEN_ZEN,
        ] {
            for &(word, text) in prog {
                let out = std::process::Command::new(mc)
                    .args(["-triple=aarch64", "-mattr=+sve,+el3", "-show-encoding"])
                    .stdin(std::process::Stdio::piped())
                    .stdout(std::process::Stdio::piped())
                    .spawn()
                    .and_then(|mut c| {
                        use std::io::Write;
                        c.stdin
                            .take()
                            .unwrap()
                            .write_all(format!("{text}\n").as_bytes())?;
                        c.wait_with_output()
                    })
                    .expect("run llvm-mc");
                let s = String::from_utf8_lossy(&out.stdout);
                // "encoding: [0x62,0x00,0xa0,0xd2]"
                let enc = s
                    .split("encoding: [")
                    .nth(1)
                    .and_then(|r| r.split(']').next())
                    .unwrap_or("");
                let bytes: Vec<u8> = enc
                    .split(',')
                    .filter_map(|b| u8::from_str_radix(b.trim().trim_start_matches("0x"), 16).ok())
                    .collect();
                assert_eq!(bytes.len(), 4, "llvm-mc output for {text:?}: {s}");
                assert_eq!(
                    word,
                    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]),
                    "{text}"
                );
            }
        }
    }
}
