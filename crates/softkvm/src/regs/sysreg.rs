//! System registers through ONE_REG: which exist (KVM's table), their values (the
//! CPU's), and KVM's rules for writing them.
//!
//! Which registers a vCPU has is KVM's decision, not the CPU's: [`KVM_SYSREGS`] is
//! the set a 6.12 kernel exposes to userspace (the realkvm REGS lines), each with
//! KVM's visibility rule. Values come from the CPU's own table
//! ([`arm64_cpu::sysreg::SYSREGS`], through `Cpu::sysreg_get/set`) when the CPU
//! implements the register; registers KVM exposes that the CPU does not (yet)
//! implement are kept by softkvm (ID registers read as zero, the "RAZ" rule KVM
//! applies to the whole ID space; others are plain storage with KVM's reset value).
//! CPU registers KVM does not expose are not listed.

use super::{demux, put, take};
use crate::bindings::*;
use crate::vstate::{Errno, VcpuInner};
use arm64_cpu::sysreg::enc;
use std::sync::atomic::Ordering;

/// How KVM treats a register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An invariant register (6.12: MIDR, REVIDR, AIDR): listed right after the
    /// timer; SET must write the current value.
    Invariant,
    /// An ID register: SET must write the current value (softkvm applies the 5.2
    /// rule; 6.7+ lets some fields be lowered before the first run).
    Id,
    /// State: GET/SET.
    Normal,
}

/// When a register is visible (listed and accessible).
#[derive(Clone, Copy)]
pub(crate) enum Vis {
    Always,
    /// Only on an SVE vCPU (ZCR_EL1).
    Sve,
    /// Only if the emulated CPU has the feature (KVM's `*_visibility` helpers).
    Feature(fn(&VcpuInner) -> bool),
}

#[derive(Clone, Copy)]
pub(crate) struct KvmSysreg {
    pub enc: u16,
    pub name: &'static str,
    pub kind: Kind,
    pub vis: Vis,
    /// KVM's reset value when the CPU does not implement the register.
    pub reset: fn(&VcpuInner) -> u64,
    /// Extra SET check when the CPU does not implement the register.
    pub check: Option<fn(u64) -> bool>,
}

const fn r(name: &'static str, enc: u16, kind: Kind) -> KvmSysreg {
    KvmSysreg {
        enc,
        name,
        kind,
        vis: Vis::Always,
        reset: |_| 0,
        check: None,
    }
}

pub(crate) const MIDR_EL1: u16 = enc(3, 0, 0, 0, 0);
pub(crate) const MPIDR_EL1: u16 = enc(3, 0, 0, 0, 5);
pub(crate) const ZCR_EL1: u16 = enc(3, 0, 1, 2, 0);
pub(crate) const CLIDR_EL1: u16 = enc(3, 1, 0, 0, 1);
pub(crate) const CTR_EL0: u16 = enc(3, 3, 0, 0, 1);
const ID_AA64MMFR3_EL1: u16 = enc(3, 0, 0, 7, 3);

/// CTR_EL0 when the CPU does not provide one: an interpreter's caches are coherent,
/// so IDC = DIC = 1 (no cache maintenance needed for coherence); 64-byte lines;
/// PIPT instruction cache; CWG/ERG 64 bytes.
pub(crate) const CTR_EL0_DEFAULT: u64 =
    1 << 31 | 1 << 29 | 1 << 28 | 4 << 24 | 4 << 20 | 4 << 16 | 3 << 14 | 4;

/// KVM's CLIDR_EL1 reset value (reset_clidr) for a CTR_EL0: with IDC, a unified
/// cache at the level of coherence (1 with DIC, else 2); without, a level 1 data
/// cache with LoUU = LoUIS = 1; an instruction cache at level 1 unless DIC.
fn reset_clidr(v: &VcpuInner) -> u64 {
    let ctr = read(v, CTR_EL0);
    let idc = ctr & (1 << 28) != 0;
    let dic = ctr & (1 << 29) != 0;
    let (loc, mut clidr) = if idc {
        let loc: u64 = if dic { 1 } else { 2 };
        (loc, 4u64 << (3 * (loc - 1)))
    } else {
        (1, 1 << 27 | 1 << 21 | 2)
    };
    if !dic {
        clidr |= 1;
    }
    clidr | loc << 24
}

fn has_tcr2(v: &VcpuInner) -> bool {
    read(v, ID_AA64MMFR3_EL1) & 0xf != 0
}

fn has_s1pie(v: &VcpuInner) -> bool {
    (read(v, ID_AA64MMFR3_EL1) >> 8) & 0xf != 0
}

macro_rules! dbg4 {
    ($n:literal) => {
        [
            r(
                concat!("DBGBVR", $n, "_EL1"),
                enc(2, 0, 0, $n, 4),
                Kind::Normal,
            ),
            r(
                concat!("DBGBCR", $n, "_EL1"),
                enc(2, 0, 0, $n, 5),
                Kind::Normal,
            ),
            r(
                concat!("DBGWVR", $n, "_EL1"),
                enc(2, 0, 0, $n, 6),
                Kind::Normal,
            ),
            r(
                concat!("DBGWCR", $n, "_EL1"),
                enc(2, 0, 0, $n, 7),
                Kind::Normal,
            ),
        ]
    };
}

const fn id_space() -> [KvmSysreg; 56] {
    let mut a = [r("ID register", 0, Kind::Id); 56];
    let mut i = 0;
    while i < 56 {
        a[i].enc = enc(3, 0, 0, (i / 8 + 1) as u32, (i % 8) as u32);
        i += 1;
    }
    a
}

const ID_SPACE: [KvmSysreg; 56] = id_space();

const DEBUG: [[KvmSysreg; 4]; 16] = [
    dbg4!(0),
    dbg4!(1),
    dbg4!(2),
    dbg4!(3),
    dbg4!(4),
    dbg4!(5),
    dbg4!(6),
    dbg4!(7),
    dbg4!(8),
    dbg4!(9),
    dbg4!(10),
    dbg4!(11),
    dbg4!(12),
    dbg4!(13),
    dbg4!(14),
    dbg4!(15),
];

/// The registers of KVM 6.12's table that are not in the debug block or the ID
/// space, in encoding order.
const OTHERS: &[KvmSysreg] = &[
    r("MDCCINT_EL1", enc(2, 0, 0, 2, 0), Kind::Normal),
    r("MDSCR_EL1", enc(2, 0, 0, 2, 2), Kind::Normal),
    KvmSysreg {
        // KVM: reset OSLM = 0b10 ("OS lock implemented"); only OSLK is writable.
        reset: |_| 0x8,
        check: Some(|v| (v ^ 0x8) & !0x2 == 0),
        ..r("OSLSR_EL1", enc(2, 0, 1, 1, 4), Kind::Normal)
    },
    r("DBGVCR32_EL2", enc(2, 4, 0, 7, 0), Kind::Normal),
    r("MIDR_EL1", MIDR_EL1, Kind::Invariant),
    r("MPIDR_EL1", MPIDR_EL1, Kind::Normal),
    r("REVIDR_EL1", enc(3, 0, 0, 0, 6), Kind::Invariant),
    r("SCTLR_EL1", enc(3, 0, 1, 0, 0), Kind::Normal),
    r("ACTLR_EL1", enc(3, 0, 1, 0, 1), Kind::Normal),
    r("CPACR_EL1", enc(3, 0, 1, 0, 2), Kind::Normal),
    KvmSysreg {
        vis: Vis::Sve,
        ..r("ZCR_EL1", ZCR_EL1, Kind::Normal)
    },
    r("TTBR0_EL1", enc(3, 0, 2, 0, 0), Kind::Normal),
    r("TTBR1_EL1", enc(3, 0, 2, 0, 1), Kind::Normal),
    r("TCR_EL1", enc(3, 0, 2, 0, 2), Kind::Normal),
    KvmSysreg {
        vis: Vis::Feature(has_tcr2),
        ..r("TCR2_EL1", enc(3, 0, 2, 0, 3), Kind::Normal)
    },
    r("AFSR0_EL1", enc(3, 0, 5, 1, 0), Kind::Normal),
    r("AFSR1_EL1", enc(3, 0, 5, 1, 1), Kind::Normal),
    r("ESR_EL1", enc(3, 0, 5, 2, 0), Kind::Normal),
    r("FAR_EL1", enc(3, 0, 6, 0, 0), Kind::Normal),
    r("PAR_EL1", enc(3, 0, 7, 4, 0), Kind::Normal),
    r("MAIR_EL1", enc(3, 0, 10, 2, 0), Kind::Normal),
    KvmSysreg {
        vis: Vis::Feature(has_s1pie),
        ..r("PIRE0_EL1", enc(3, 0, 10, 2, 2), Kind::Normal)
    },
    KvmSysreg {
        vis: Vis::Feature(has_s1pie),
        ..r("PIR_EL1", enc(3, 0, 10, 2, 3), Kind::Normal)
    },
    r("AMAIR_EL1", enc(3, 0, 10, 3, 0), Kind::Normal),
    r("VBAR_EL1", enc(3, 0, 12, 0, 0), Kind::Normal),
    r("DISR_EL1", enc(3, 0, 12, 1, 1), Kind::Normal),
    r("CONTEXTIDR_EL1", enc(3, 0, 13, 0, 1), Kind::Normal),
    r("TPIDR_EL1", enc(3, 0, 13, 0, 4), Kind::Normal),
    r("CNTKCTL_EL1", enc(3, 0, 14, 1, 0), Kind::Normal),
    KvmSysreg {
        reset: reset_clidr,
        ..r("CLIDR_EL1", CLIDR_EL1, Kind::Normal)
    },
    r("AIDR_EL1", enc(3, 1, 0, 0, 7), Kind::Invariant),
    r("CSSELR_EL1", enc(3, 2, 0, 0, 0), Kind::Normal),
    KvmSysreg {
        reset: |_| CTR_EL0_DEFAULT,
        ..r("CTR_EL0", CTR_EL0, Kind::Id)
    },
    r("TPIDR_EL0", enc(3, 3, 13, 0, 2), Kind::Normal),
    r("TPIDRRO_EL0", enc(3, 3, 13, 0, 3), Kind::Normal),
    r("DACR32_EL2", enc(3, 4, 3, 0, 0), Kind::Normal),
    r("IFSR32_EL2", enc(3, 4, 5, 0, 1), Kind::Normal),
    r("FPEXC32_EL2", enc(3, 4, 5, 3, 0), Kind::Normal),
];

/// Finds KVM's entry for an encoding.
pub(crate) fn find(e: u16) -> Option<&'static KvmSysreg> {
    DEBUG
        .iter()
        .flatten()
        .chain(ID_SPACE.iter())
        .chain(OTHERS.iter())
        .find(|r| r.enc == e)
}

/// Every entry, unsorted.
pub(crate) fn all() -> impl Iterator<Item = &'static KvmSysreg> {
    DEBUG
        .iter()
        .flatten()
        .chain(ID_SPACE.iter())
        .chain(OTHERS.iter())
}

fn visible(v: &VcpuInner, r: &KvmSysreg) -> bool {
    match r.vis {
        Vis::Always => true,
        Vis::Sve => v.sve,
        Vis::Feature(f) => f(v),
    }
}

/// The value of a register by encoding: the CPU's, else softkvm's storage, else
/// KVM's reset value (0 for the unallocated ID space).
pub(crate) fn read(v: &VcpuInner, e: u16) -> u64 {
    if let Some(x) = v.cpu.sysreg_get(e) {
        return x;
    }
    if let Some(&x) = v.shadow.get(&e) {
        return x;
    }
    match find(e) {
        Some(r) => (r.reset)(v),
        None => 0,
    }
}

/// The kernel's `index_to_params` plus the table lookup: size must be U64 and no
/// bits may be set outside arch/size/group/op fields (else `ENOENT`); the register
/// must be in KVM's table and visible for this vCPU (else `ENOENT`).
fn lookup(v: &VcpuInner, id: u64) -> Result<&'static KvmSysreg, Errno> {
    if id & KVM_REG_SIZE_MASK != KVM_REG_SIZE_U64 {
        return Err(libc::ENOENT);
    }
    let known = KVM_REG_ARCH_MASK | KVM_REG_SIZE_MASK | KVM_REG_ARM_COPROC_MASK as u64 | 0xffff;
    if id & !known != 0 {
        return Err(libc::ENOENT);
    }
    let r = find(id as u16).ok_or(libc::ENOENT)?;
    if !visible(v, r) {
        return Err(libc::ENOENT);
    }
    Ok(r)
}

pub(super) fn get(v: &mut VcpuInner, id: u64, out: &mut [u8]) -> Result<(), Errno> {
    if id as u32 & KVM_REG_ARM_COPROC_MASK == KVM_REG_ARM_DEMUX {
        return demux::get(v, id, out);
    }
    let r = lookup(v, id)?;
    put(out, read(v, r.enc));
    Ok(())
}

pub(super) fn set(v: &mut VcpuInner, id: u64, data: &[u8]) -> Result<(), Errno> {
    if id as u32 & KVM_REG_ARM_COPROC_MASK == KVM_REG_ARM_DEMUX {
        return demux::set(v, id, take(data) as u32);
    }
    let r = lookup(v, id)?;
    let val = take(data);
    match r.kind {
        Kind::Invariant | Kind::Id => {
            if val != read(v, r.enc) {
                return Err(libc::EINVAL);
            }
        }
        Kind::Normal if r.enc == MPIDR_EL1 => {
            v.cpu.cfg.mpidr = val;
            v.shared.mpidr.store(val, Ordering::SeqCst);
        }
        Kind::Normal => match arm64_cpu::sysreg::find(r.enc) {
            Some(d) if d.set.is_some() => {
                v.cpu.sysreg_set(r.enc, val);
            }
            // Implemented read-only by the CPU: only its current value.
            Some(_) => {
                if val != read(v, r.enc) {
                    return Err(libc::EINVAL);
                }
            }
            None => {
                if let Some(check) = r.check {
                    if !check(val) {
                        return Err(libc::EINVAL);
                    }
                }
                v.shadow.insert(r.enc, val);
            }
        },
    }
    Ok(())
}

/// Appends the invariant registers, then every other visible register in encoding
/// order.
pub(super) fn list(v: &VcpuInner, l: &mut Vec<u64>) {
    let mut regs: Vec<&KvmSysreg> = all().filter(|r| visible(v, r)).collect();
    regs.sort_by_key(|r| (r.kind != Kind::Invariant, r.enc));
    l.extend(
        regs.iter()
            .map(|r| KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM64_SYSREG as u64 | r.enc as u64),
    );
}

/// CPU system registers that KVM's table does not expose (softkvm-specific, for
/// reports): (name, encoding).
pub fn cpu_only() -> Vec<(&'static str, u16)> {
    arm64_cpu::sysreg::SYSREGS
        .iter()
        .filter(|d| find(d.enc).is_none())
        .map(|d| (d.name, d.enc))
        .collect()
}
