//! System registers: storage, encodings, reset values and the ID registers.
//!
//! Encodings are packed as `op0<<14 | op1<<11 | CRn<<7 | CRm<<3 | op2`, the same
//! 16 bits KVM puts in the low half of a system-register ONE_REG id, so the layer
//! above maps ids to registers without a table of its own.
//!
//! [`SYSREGS`] lists every register this CPU implements with its access rules; MRS
//! and MSR go through it, and so does the register interface of the layer above
//! ([`Cpu::sysreg_get`], [`Cpu::sysreg_set`]).

use crate::cpu::Cpu;

/// Packs a system register encoding.
pub const fn enc(op0: u32, op1: u32, crn: u32, crm: u32, op2: u32) -> u16 {
    (op0 << 14 | op1 << 11 | crn << 7 | crm << 3 | op2) as u16
}

/// Storage for the EL1/EL0 system registers that hold state.
#[derive(Clone, Debug, Default)]
pub struct SysRegs {
    pub sctlr_el1: u64,
    pub actlr_el1: u64,
    pub cpacr_el1: u64,
    pub zcr_el1: u64,
    pub ttbr0_el1: u64,
    pub ttbr1_el1: u64,
    pub tcr_el1: u64,
    pub esr_el1: u64,
    pub afsr0_el1: u64,
    pub afsr1_el1: u64,
    pub far_el1: u64,
    pub par_el1: u64,
    pub mair_el1: u64,
    pub amair_el1: u64,
    pub vbar_el1: u64,
    pub contextidr_el1: u64,
    pub tpidr_el1: u64,
    pub tpidr_el0: u64,
    pub tpidrro_el0: u64,
    pub elr_el1: u64,
    pub spsr_el1: u64,
    /// AArch32 banked SPSRs (abt, und, irq, fiq): storage only, for the KVM core block.
    pub spsr_aa32: [u64; 4],
    pub cntkctl_el1: u64,
    pub csselr_el1: u64,
    pub mdscr_el1: u64,
    pub mdccint_el1: u64,
    pub oslsr_el1: u64,
    pub dbgbvr: [u64; 16],
    pub dbgbcr: [u64; 16],
    pub dbgwvr: [u64; 16],
    pub dbgwcr: [u64; 16],
    pub cntv_ctl_el0: u64,
    pub cntv_cval_el0: u64,
    pub cntp_ctl_el0: u64,
    pub cntp_cval_el0: u64,
    /// Virtual counter offset: CNTVCT_EL0 = physical count - cntvoff.
    pub cntvoff: u64,
    pub disr_el1: u64,
}

/// What kind of register a [`SysRegDesc`] is (drives the rules of the layer above).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Ordinary read/write state.
    Normal,
    /// Identification register (read-only to the guest; its value describes the CPU).
    Id,
    /// Read-only and not an ID register (e.g. counters, CTR_EL0).
    ReadOnly,
    /// Write-only (e.g. OSLAR_EL1).
    WriteOnly,
}

/// One implemented system register.
#[derive(Clone, Copy)]
pub struct SysRegDesc {
    /// Architectural name.
    pub name: &'static str,
    /// Packed encoding ([`enc`]).
    pub enc: u16,
    /// Kind.
    pub kind: Kind,
    /// Accessible from EL0 (otherwise MRS/MSR at EL0 is UNDEFINED).
    pub el0: bool,
    /// Reader.
    pub get: fn(&Cpu) -> u64,
    /// Writer (None: read-only).
    pub set: Option<fn(&mut Cpu, u64)>,
}

impl std::fmt::Debug for SysRegDesc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}({:#06x})", self.name, self.enc)
    }
}

macro_rules! rw {
    ($name:literal, $op0:literal, $op1:literal, $crn:literal, $crm:literal, $op2:literal, $($f:tt)+) => {
        SysRegDesc {
            name: $name,
            enc: enc($op0, $op1, $crn, $crm, $op2),
            kind: Kind::Normal,
            el0: false,
            get: |c| c.sys.$($f)+,
            set: Some(|c, v| c.sys.$($f)+ = v),
        }
    };
}

macro_rules! id {
    ($name:literal, $op0:literal, $op1:literal, $crn:literal, $crm:literal, $op2:literal, $get:expr) => {
        SysRegDesc {
            name: $name,
            enc: enc($op0, $op1, $crn, $crm, $op2),
            kind: Kind::Id,
            el0: false,
            get: $get,
            set: None,
        }
    };
}

/// Every implemented system register, in ascending encoding order.
pub static SYSREGS: &[SysRegDesc] = &[
    id!("MIDR_EL1", 3, 0, 0, 0, 0, |c| c.cfg.midr),
    id!("MPIDR_EL1", 3, 0, 0, 0, 5, |c| c.cfg.mpidr),
    id!("REVIDR_EL1", 3, 0, 0, 0, 6, |_| 0),
    id!("ID_AA64PFR0_EL1", 3, 0, 0, 4, 0, |c| c.id_aa64pfr0()),
    id!("ID_AA64PFR1_EL1", 3, 0, 0, 4, 1, |_| 0),
    id!("ID_AA64ZFR0_EL1", 3, 0, 0, 4, 4, |c| c.id_aa64zfr0()),
    id!("ID_AA64DFR0_EL1", 3, 0, 0, 5, 0, |_| 0x0000_0000_0000_0006),
    id!("ID_AA64DFR1_EL1", 3, 0, 0, 5, 1, |_| 0),
    id!("ID_AA64AFR0_EL1", 3, 0, 0, 5, 4, |_| 0),
    id!("ID_AA64AFR1_EL1", 3, 0, 0, 5, 5, |_| 0),
    id!("ID_AA64ISAR0_EL1", 3, 0, 0, 6, 0, |c| c.id_aa64isar0()),
    id!("ID_AA64ISAR1_EL1", 3, 0, 0, 6, 1, |c| c.id_aa64isar1()),
    id!("ID_AA64ISAR2_EL1", 3, 0, 0, 6, 2, |_| 0),
    id!("ID_AA64MMFR0_EL1", 3, 0, 0, 7, 0, |c| c.id_aa64mmfr0()),
    id!("ID_AA64MMFR1_EL1", 3, 0, 0, 7, 1, |c| c.id_aa64mmfr1()),
    id!("ID_AA64MMFR2_EL1", 3, 0, 0, 7, 2, |_| 0),
    rw!("SCTLR_EL1", 3, 0, 1, 0, 0, sctlr_el1),
    rw!("ACTLR_EL1", 3, 0, 1, 0, 1, actlr_el1),
    rw!("CPACR_EL1", 3, 0, 1, 0, 2, cpacr_el1),
    rw!("ZCR_EL1", 3, 0, 1, 2, 0, zcr_el1),
    rw!("TTBR0_EL1", 3, 0, 2, 0, 0, ttbr0_el1),
    rw!("TTBR1_EL1", 3, 0, 2, 0, 1, ttbr1_el1),
    rw!("TCR_EL1", 3, 0, 2, 0, 2, tcr_el1),
    rw!("SPSR_EL1", 3, 0, 4, 0, 0, spsr_el1),
    rw!("ELR_EL1", 3, 0, 4, 0, 1, elr_el1),
    rw!("AFSR0_EL1", 3, 0, 5, 1, 0, afsr0_el1),
    rw!("AFSR1_EL1", 3, 0, 5, 1, 1, afsr1_el1),
    rw!("ESR_EL1", 3, 0, 5, 2, 0, esr_el1),
    rw!("FAR_EL1", 3, 0, 6, 0, 0, far_el1),
    rw!("PAR_EL1", 3, 0, 7, 4, 0, par_el1),
    rw!("MAIR_EL1", 3, 0, 10, 2, 0, mair_el1),
    rw!("AMAIR_EL1", 3, 0, 10, 3, 0, amair_el1),
    rw!("VBAR_EL1", 3, 0, 12, 0, 0, vbar_el1),
    rw!("CONTEXTIDR_EL1", 3, 0, 13, 0, 1, contextidr_el1),
    rw!("TPIDR_EL1", 3, 0, 13, 0, 4, tpidr_el1),
    rw!("CNTKCTL_EL1", 3, 0, 14, 1, 0, cntkctl_el1),
    rw!("CSSELR_EL1", 3, 2, 0, 0, 0, csselr_el1),
    SysRegDesc {
        name: "TPIDR_EL0",
        el0: true,
        ..rw!("TPIDR_EL0", 3, 3, 13, 0, 2, tpidr_el0)
    },
    SysRegDesc {
        name: "TPIDRRO_EL0",
        ..rw!("TPIDRRO_EL0", 3, 3, 13, 0, 3, tpidrro_el0)
    },
];

/// Finds a register by packed encoding.
pub fn find(enc: u16) -> Option<&'static SysRegDesc> {
    // Small table, looked up on MRS/MSR only: linear is fine; a test keeps it sorted
    // so a binary search is a drop-in if it grows.
    SYSREGS.iter().find(|d| d.enc == enc)
}

impl Cpu {
    /// ID_AA64PFR0_EL1: EL0/EL1 AArch64 only, FP and AdvSIMD with half precision,
    /// SVE (bits 35:32) = 1 only if this vCPU has SVE, CSV2/CSV3 reported.
    pub fn id_aa64pfr0(&self) -> u64 {
        let sve = if self.cfg.sve_vqs != 0 { 1u64 } else { 0 };
        0x1 | 0x1 << 4 // EL0, EL1: AArch64 only
            | 0x1 << 16 // FP with FP16
            | 0x1 << 20 // AdvSIMD with FP16
            | sve << 32
    }
    /// ID_AA64ZFR0_EL1: FEAT_SVE only (no SVE2): all fields zero; 0 without SVE.
    pub fn id_aa64zfr0(&self) -> u64 {
        0
    }
    /// ID_AA64ISAR0_EL1: the base-ISA extensions this CPU implements.
    pub fn id_aa64isar0(&self) -> u64 {
        self.cfg.isar0
    }
    /// ID_AA64ISAR1_EL1.
    pub fn id_aa64isar1(&self) -> u64 {
        self.cfg.isar1
    }
    /// ID_AA64MMFR0_EL1: 48-bit PA, 4K and 64K granules (what a stage 1 MMU will
    /// offer), 16-bit ASIDs, mixed-endian not supported.
    pub fn id_aa64mmfr0(&self) -> u64 {
        0x5 | 0x2 << 4 | 0xF << 28
    }
    /// ID_AA64MMFR1_EL1: PAN (Armv8.1).
    pub fn id_aa64mmfr1(&self) -> u64 {
        self.cfg.mmfr1
    }

    /// Reads a system register by packed encoding, bypassing guest access rules
    /// (for the layer above). `None`: not implemented.
    pub fn sysreg_get(&self, enc: u16) -> Option<u64> {
        find(enc).map(|d| (d.get)(self))
    }

    /// Writes a system register by packed encoding, bypassing guest access rules.
    /// `false`: not implemented or read-only.
    pub fn sysreg_set(&mut self, enc: u16, v: u64) -> bool {
        match find(enc).and_then(|d| d.set) {
            Some(set) => {
                set(self, v);
                self.sysreg_changed();
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_sorted_and_unique() {
        for w in SYSREGS.windows(2) {
            assert!(w[0].enc < w[1].enc, "{:?} before {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn encodings_match_kvm_ids() {
        // The low 16 bits of KVM's ONE_REG ids (kernel documentation, api.rst).
        assert_eq!(enc(3, 0, 1, 2, 0), 0xC090); // ZCR_EL1
        assert_eq!(enc(3, 0, 0, 4, 4), 0xC024); // ID_AA64ZFR0_EL1
        assert_eq!(enc(3, 0, 1, 0, 2), 0xC082); // CPACR_EL1
    }
}
