//! A64 system instructions and exception generation: hints, barriers, PSTATE
//! access (MSR immediate), MRS/MSR, SYS (DC/IC/AT/TLBI), SVC/HVC/SMC/BRK/HLT/UDF
//! and ERET (Arm ARM C4.1, "Branches, Exception Generating and System instructions").

use crate::cpu::{Cpu, Stop};
use crate::decode::{Enc, Feature, Insn};
use crate::exception::Exception;
use crate::sysreg;
use std::sync::atomic::{fence, Ordering};

/// This group's lines of the decode table.
pub static ENCODINGS: &[Enc] = &[
    // ---- Exception generation ----
    Enc::new("SVC", "11010100 000 imm16:16 000 01", svc).dis(dis::exc),
    // HVC #imm16: a call to the hypervisor; the layer above handles it (PSCI).
    Enc::new("HVC", "11010100 000 imm16:16 000 10", hvc).dis(dis::exc),
    Enc::new("SMC", "11010100 000 imm16:16 000 11", smc).dis(dis::exc),
    Enc::new("BRK", "11010100 001 imm16:16 000 00", brk).dis(dis::exc),
    // HLT is UNDEFINED while halting debug is not enabled (EDSCR.HDE = 0), and this
    // PE has no external debugger.
    Enc::new("HLT", "11010100 010 imm16:16 000 00", undefined).dis(dis::exc),
    // UDF #imm16: permanently undefined.
    Enc::new("UDF", "0000000000000000 imm16:16", undefined).dis(dis::udf),
    // ERET (the PAuth ERETAA/ERETAB forms are unallocated here).
    Enc::new("ERET", "1101011 0100 11111 000000 11111 00000", eret).dis(dis::eret),
    // ---- System ----
    // Hints: CRm:op2 selects; everything this PE does not implement is a NOP.
    Enc::new("HINT", "1101010100 0 00 011 0010 crm:4 op2:3 11111", hint).dis(dis::hint),
    // Barriers and CLREX (op2 selects; DSB nXS and TME encodings stay unallocated).
    Enc::new("CLREX", "1101010100 0 00 011 0011 crm:4 010 11111", clrex).dis(dis::barrier),
    Enc::new("DSB", "1101010100 0 00 011 0011 crm:4 100 11111", dsb).dis(dis::barrier),
    Enc::new("DMB", "1101010100 0 00 011 0011 crm:4 101 11111", dmb).dis(dis::barrier),
    Enc::new("ISB", "1101010100 0 00 011 0011 crm:4 110 11111", isb).dis(dis::barrier),
    Enc::new("SB", "1101010100 0 00 011 0011 crm:4 111 11111", sb)
        .feat(Feature::V8x)
        .dis(dis::barrier),
    // PSTATE field access (MSR immediate) and the FlagM instructions that share it.
    Enc::new(
        "MSR_i",
        "1101010100 0 00 op1:3 0100 crm:4 op2:3 11111",
        msr_imm,
    )
    .dis(dis::msr_imm),
    // SYS/SYSL (op0 = 01): cache, address translation and TLB maintenance.
    Enc::new("SYS", "1101010100 l:1 01 op1:3 crn:4 crm:4 op2:3 rt:5", sys).dis(dis::sys),
    // MRS/MSR (register), op0 = 1x.
    Enc::new(
        "MRS",
        "1101010100 l:1 1 o0:1 op1:3 crn:4 crm:4 op2:3 rt:5",
        mrs_msr,
    )
    .dis(dis::mrs_msr),
];

#[inline]
fn undef() -> Stop {
    Stop::Exception(Exception::Undefined)
}

fn undefined(_: &mut Cpu, _: &Insn) -> Result<(), Stop> {
    Err(undef())
}

fn svc(_: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    Err(Stop::Exception(Exception::Svc(i.f[0] as u16)))
}

fn hvc(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    // HVC is UNDEFINED at EL0.
    if c.s.pstate.el == 0 {
        return Err(undef());
    }
    Err(Stop::Hvc(i.f[0] as u16))
}

fn smc(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    // SMC is UNDEFINED at EL0. At EL1 with no EL3 it would be UNDEFINED too, but a
    // KVM vCPU has EL2 trapping it (HCR_EL2.TSC), so the hypervisor sees it.
    if c.s.pstate.el == 0 {
        return Err(undef());
    }
    Err(Stop::Smc(i.f[0] as u16))
}

fn brk(_: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    Err(Stop::Exception(Exception::Brk(i.f[0] as u16)))
}

/// ERET: PSTATE from SPSR_EL1, PC from ELR_EL1 (AArch64.ExceptionReturn). A return
/// to a mode this PE cannot enter is an illegal exception return: PSTATE.IL is set,
/// EL and SP stay as they are, and the next instruction takes an Illegal Execution
/// state exception.
fn eret(c: &mut Cpu, _: &Insn) -> Result<(), Stop> {
    if c.s.pstate.el == 0 {
        return Err(undef());
    }
    let spsr = c.sys.spsr_el1;
    let target = c.sys.elr_el1;
    c.exception_return(spsr);
    c.next_pc = target;
    Ok(())
}

fn wfx_trapped(c: &Cpu, sctlr_bit: u32) -> bool {
    c.s.pstate.el == 0 && c.sys.sctlr_el1 & (1 << sctlr_bit) == 0
}

fn hint(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [crm, op2, ..] = i.f;
    match (crm, op2) {
        // WFE: at EL0 trapped unless SCTLR_EL1.nTWE; otherwise it may complete at
        // once (an event is always permitted to be pending).
        (0, 2) => {
            if wfx_trapped(c, 18) {
                return Err(Stop::Exception(Exception::Wfx { wfe: true }));
            }
            Ok(())
        }
        // WFI: at EL0 trapped unless SCTLR_EL1.nTWI.
        (0, 3) => {
            if wfx_trapped(c, 16) {
                return Err(Stop::Exception(Exception::Wfx { wfe: false }));
            }
            Err(Stop::Wfi)
        }
        // NOP, YIELD, SEV, SEVL, and the hints of features this PE does not
        // implement (PAuth's PACIASP/AUTIASP/XPACLRI..., BTI, ESB, PSB, TSB, CSDB,
        // DGH, CLRBHB...): the architecture makes unimplemented hints NOPs.
        _ => Ok(()),
    }
}

fn clrex(c: &mut Cpu, _: &Insn) -> Result<(), Stop> {
    c.excl = None;
    Ok(())
}

fn dsb(_: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    // CRm = 0000 is SSBB and 0100 is PSSBB: speculation barriers, nothing to do for
    // an interpreter. Every other CRm is a DSB (reserved options act as SY).
    if i.f[0] & 0xB != 0 {
        fence(Ordering::SeqCst);
    }
    Ok(())
}

fn dmb(_: &mut Cpu, _: &Insn) -> Result<(), Stop> {
    fence(Ordering::SeqCst);
    Ok(())
}

fn isb(_: &mut Cpu, _: &Insn) -> Result<(), Stop> {
    // Context synchronisation: instruction fetch always reads memory (the decode
    // cache is keyed by the instruction word), so nothing is stale.
    Ok(())
}

fn sb(c: &mut Cpu, _: &Insn) -> Result<(), Stop> {
    // FEAT_SB, advertised by ID_AA64ISAR1_EL1.SB.
    if (c.cfg.isar1 >> 36) & 0xF == 0 {
        return Err(undef());
    }
    Ok(())
}

/// The ISS of an EC 0x18 trap for this MSR/MRS/SYS word (ESR_ELx.ISS encoding for
/// trapped system instructions).
fn sys_iss(word: u32) -> u32 {
    let op0 = (word >> 19) & 3;
    let op1 = (word >> 16) & 7;
    let crn = (word >> 12) & 0xF;
    let crm = (word >> 8) & 0xF;
    let op2 = (word >> 5) & 7;
    let rt = word & 0x1F;
    let read = (word >> 21) & 1;
    op0 << 20 | op2 << 17 | op1 << 14 | crn << 10 | rt << 5 | crm << 1 | read
}

fn trap(i: &Insn) -> Stop {
    Stop::Exception(Exception::SysRegTrap(sys_iss(i.word)))
}

fn msr_imm(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [op1, crm, op2, ..] = i.f;
    let el0 = c.s.pstate.el == 0;
    match (op1, op2) {
        // CFINV (FEAT_FlagM).
        (0, 0) if crm == 0 => {
            if super::base::flagm_level(c) < 1 {
                return Err(undef());
            }
            c.s.pstate.nzcv ^= 1 << 29;
        }
        // XAFLAG and AXFLAG (FEAT_FlagM2): convert between the Arm and an external
        // floating-point comparison flag format.
        (0, 1) | (0, 2) if crm == 0 => {
            if super::base::flagm_level(c) < 2 {
                return Err(undef());
            }
            let p = &mut c.s.pstate;
            let (z, cf, v) = (p.z(), p.c(), p.v());
            if op2 == 1 {
                p.set_nzcv(!cf && !z, z && cf, cf || z, !cf && z);
            } else {
                p.set_nzcv(false, z || v, cf && !v, false);
            }
        }
        // UAO (FEAT_UAO): EL1 only.
        (0, 3) => {
            if el0 || !c.has_uao() {
                return Err(undef());
            }
            c.s.pstate.uao = crm & 1 != 0;
        }
        // PAN (FEAT_PAN): EL1 only.
        (0, 4) => {
            if el0 || !c.has_pan() {
                return Err(undef());
            }
            c.s.pstate.pan = crm & 1 != 0;
        }
        // SPSel: EL1 only.
        (0, 5) => {
            if el0 {
                return Err(undef());
            }
            c.s.pstate.sp = (crm & 1) as u8;
        }
        // SSBS (FEAT_SSBS): allowed at EL0.
        (3, 1) => {
            if !c.has_ssbs() {
                return Err(undef());
            }
            c.s.pstate.ssbs = crm & 1 != 0;
        }
        // DAIFSet / DAIFClr: at EL0 trapped to EL1 unless SCTLR_EL1.UMA.
        (3, 6) | (3, 7) => {
            if el0 && c.sys.sctlr_el1 & (1 << 9) == 0 {
                return Err(trap(i));
            }
            let bits = crm << 6;
            if op2 == 6 {
                c.s.pstate.daif |= bits;
            } else {
                c.s.pstate.daif &= !bits;
            }
        }
        // DIT, TCO, ALLINT, SVCR...: features this PE does not implement.
        _ => return Err(undef()),
    }
    Ok(())
}

/// MRS/MSR (register) through [`sysreg::SYSREGS`] with the architecture's access
/// rules.
fn mrs_msr(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [l, o0, op1, crn, crm, op2, rt, ..] = i.f;
    let write = l == 0;
    let d = sysreg::find(sysreg::enc(2 + o0, op1, crn, crm, op2)).ok_or_else(undef)?;
    match d.guest_access(c, write) {
        Ok(()) => {}
        Err(Exception::SysRegTrap(_)) => return Err(trap(i)),
        Err(e) => return Err(Stop::Exception(e)),
    }
    if write {
        let v = c.s.xr(rt);
        if let Some(set) = d.set {
            set(c, (v & d.wmask) | d.res1);
            c.sysreg_changed();
        }
    } else {
        let v = (d.get)(c);
        c.s.set_xr(rt, v);
    }
    Ok(())
}

/// DCZID_EL0.BS: log2 of the DC ZVA block size in words (4: 64 bytes).
pub const DCZID_BS: u32 = 4;

fn sys(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [l, op1, crn, crm, op2, rt, ..] = i.f;
    // No SYSL operation is allocated in this PE.
    if l == 1 {
        return Err(undef());
    }
    let el0 = c.s.pstate.el == 0;
    let sctlr = c.sys.sctlr_el1;
    // EL0 cache maintenance by VA to PoU/PoC: trapped unless SCTLR_EL1.UCI.
    let uci_gate = |c: &Cpu| -> Result<(), Stop> {
        if c.s.pstate.el == 0 && sctlr & (1 << 26) == 0 {
            Err(trap(i))
        } else {
            Ok(())
        }
    };
    match (op1, crn, crm, op2) {
        // IC IALLUIS, IC IALLU: EL1 only; instruction fetch is always coherent.
        (0, 7, 1, 0) | (0, 7, 5, 0) => {
            if el0 {
                return Err(undef());
            }
        }
        // IC IVAU. By VA, so translated (and able to fault) with the MMU on.
        (3, 7, 5, 1) => {
            uci_gate(c)?;
            cm_by_va(c, rt, false)?;
        }
        // DC ISW, CSW, CISW: EL1 only. There are no caches to maintain.
        (0, 7, 6, 2) | (0, 7, 10, 2) | (0, 7, 14, 2) => {
            if el0 {
                return Err(undef());
            }
        }
        // DC IVAC: EL1 only; needs write permission.
        (0, 7, 6, 1) => {
            if el0 {
                return Err(undef());
            }
            cm_by_va(c, rt, true)?;
        }
        // DC CVAC, CVAU, CIVAC.
        (3, 7, 10, 1) | (3, 7, 11, 1) | (3, 7, 14, 1) => {
            uci_gate(c)?;
            cm_by_va(c, rt, false)?;
        }
        // DC CVAP (FEAT_DPB) and DC CVADP (FEAT_DPB2), per ID_AA64ISAR1_EL1.DPB.
        (3, 7, 12, 1) | (3, 7, 13, 1) => {
            let dpb = c.cfg.isar1 & 0xF;
            if dpb == 0 || (crm == 13 && dpb < 2) {
                return Err(undef());
            }
            uci_gate(c)?;
            cm_by_va(c, rt, false)?;
        }
        // DC ZVA.
        (3, 7, 4, 1) => {
            if el0 && sctlr & (1 << 14) == 0 {
                return Err(trap(i));
            }
            let va = c.s.xr(rt);
            dc_zva(c, va)?;
        }
        // AT S1E1R, S1E1W, S1E0R, S1E0W: EL1 only.
        (0, 7, 8, 0..=3) => {
            if el0 {
                return Err(undef());
            }
            let va = c.s.xr(rt);
            c.sys.par_el1 = if c.mmu_on() {
                c.at_s1e(va, op2)
            } else {
                at_mmu_off(va)
            };
        }
        // TLBI VMALLE1IS, VAE1IS, ASIDE1IS, VAAE1IS, VALE1IS, VAALE1IS and the
        // non-shareable forms: EL1 only.
        (0, 8, 3 | 7, 0 | 1 | 2 | 3 | 5 | 7) => {
            if el0 {
                return Err(undef());
            }
            let arg = c.s.xr(rt);
            c.tlbi(op2, crm == 3, arg);
        }
        _ => return Err(undef()),
    }
    Ok(())
}

/// DC ZVA of the block containing `va`. With the stage 1 MMU off every data access
/// is to Device-nGnRnE memory, and DC ZVA to any Device memory takes an Alignment
/// fault (as on hardware: a guest must turn its MMU on before using DC ZVA). With
/// the MMU on, that fault comes after the translation's own faults.
fn dc_zva(c: &mut Cpu, va: u64) -> Result<(), Stop> {
    let device = !c.mmu_on() || c.translate_data(va, true)?.device;
    if device {
        return Err(Stop::Exception(Exception::DataAbort {
            va,
            fsc: 0x21,
            wnr: true,
        }));
    }
    dc_zva_block(c, va)
}

/// Data and instruction cache maintenance by VA: nothing to maintain, but with the
/// MMU on the VA is translated and may fault (a Data Abort with CM = 1).
fn cm_by_va(c: &Cpu, rt: u32, ivac: bool) -> Result<(), Stop> {
    if !c.mmu_on() {
        return Ok(());
    }
    c.translate_cm(c.s.xr(rt), ivac)
}

/// Zeroes the naturally aligned DCZID_EL0-sized block containing `va`.
pub(crate) fn dc_zva_block(c: &mut Cpu, va: u64) -> Result<(), Stop> {
    const BYTES: usize = 4 << DCZID_BS;
    let base = va & !(BYTES as u64 - 1);
    c.write_bytes(base, &[0u8; BYTES])
}

/// PAR_EL1 after an AT S1E* with the stage 1 MMU off: the flat mapping, Device-nGnRnE
/// (ATTR 0x00), reported Outer Shareable (SH = 0b10), bit 11 RES1; or an Address
/// size fault at level 0 (FST 0b000000) for a VA beyond the 48-bit PA range.
pub fn at_mmu_off(va: u64) -> u64 {
    if va >> 48 != 0 {
        1 << 11 | 1
    } else {
        (va & 0x0000_FFFF_FFFF_F000) | 1 << 11 | 0b10 << 7
    }
}

/// Disassembly in LLVM syntax.
mod dis {
    use crate::decode::Insn;

    pub fn exc(i: &Insn, _pc: u64) -> String {
        let name = match (i.word >> 21) & 7 {
            0 => match i.word & 3 {
                1 => "svc",
                2 => "hvc",
                _ => "smc",
            },
            1 => "brk",
            _ => "hlt",
        };
        match i.f[0] {
            0 => format!("{name}\t#0"),
            imm => format!("{name}\t#{imm:#x}"),
        }
    }

    pub fn udf(i: &Insn, _pc: u64) -> String {
        format!("udf\t#{}", i.f[0])
    }

    pub fn eret(_: &Insn, _pc: u64) -> String {
        "eret".into()
    }

    pub fn hint(i: &Insn, _pc: u64) -> String {
        let imm = i.f[0] << 3 | i.f[1];
        let s = match imm {
            0 => "nop",
            1 => "yield",
            2 => "wfe",
            3 => "wfi",
            4 => "sev",
            5 => "sevl",
            6 => "dgh",
            7 => "xpaclri",
            8 => "pacia1716",
            10 => "pacib1716",
            12 => "autia1716",
            14 => "autib1716",
            16 => "esb",
            17 => "psb\tcsync",
            18 => "tsb\tcsync",
            20 => "csdb",
            24 => "paciaz",
            25 => "paciasp",
            26 => "pacibz",
            27 => "pacibsp",
            28 => "autiaz",
            29 => "autiasp",
            30 => "autibz",
            31 => "autibsp",
            32 => "bti",
            34 => "bti\tc",
            36 => "bti\tj",
            38 => "bti\tjc",
            _ => return format!("hint\t#{imm}"),
        };
        s.into()
    }

    pub fn barrier(i: &Insn, _pc: u64) -> String {
        let crm = i.f[0];
        let op2 = (i.word >> 5) & 7;
        let opt = |crm: u32| -> String {
            match crm {
                1 => "oshld".into(),
                2 => "oshst".into(),
                3 => "osh".into(),
                5 => "nshld".into(),
                6 => "nshst".into(),
                7 => "nsh".into(),
                9 => "ishld".into(),
                10 => "ishst".into(),
                11 => "ish".into(),
                13 => "ld".into(),
                14 => "st".into(),
                15 => "sy".into(),
                _ => format!("#{crm:#x}"),
            }
        };
        match op2 {
            2 if crm == 15 => "clrex".into(),
            2 => format!("clrex\t#{crm}"),
            4 if crm == 0 => "ssbb".into(),
            4 if crm == 4 => "pssbb".into(),
            4 => format!("dsb\t{}", opt(crm)),
            5 => format!("dmb\t{}", opt(crm)),
            6 if crm == 15 => "isb".into(),
            6 => format!("isb\t#{crm:#x}"),
            _ => "sb".into(),
        }
    }

    pub fn msr_imm(i: &Insn, _pc: u64) -> String {
        let [op1, crm, op2, ..] = i.f;
        let f = match (op1, op2) {
            (0, 0) if crm == 0 => return "cfinv".into(),
            (0, 1) if crm == 0 => return "xaflag".into(),
            (0, 2) if crm == 0 => return "axflag".into(),
            (0, 3) => "UAO",
            (0, 4) => "PAN",
            (0, 5) => "SPSel",
            (3, 1) => "SSBS",
            (3, 6) => "DAIFSet",
            (3, 7) => "DAIFClr",
            _ => return format!("msr\tS0_{op1}_C4_C{crm}_{op2}, xzr"),
        };
        format!("msr\t{f}, #{crm}")
    }

    fn reg_name(op0: u32, op1: u32, crn: u32, crm: u32, op2: u32) -> String {
        match crate::sysreg::find(crate::sysreg::enc(op0, op1, crn, crm, op2)) {
            Some(d) => d.name.to_string(),
            None => format!("S{op0}_{op1}_C{crn}_C{crm}_{op2}"),
        }
    }

    fn xreg(n: u32) -> String {
        if n == 31 {
            "xzr".into()
        } else {
            format!("x{n}")
        }
    }

    pub fn mrs_msr(i: &Insn, _pc: u64) -> String {
        let [l, o0, op1, crn, crm, op2, rt, ..] = i.f;
        let name = reg_name(2 + o0, op1, crn, crm, op2);
        if l == 1 {
            format!("mrs\t{}, {name}", xreg(rt))
        } else {
            format!("msr\t{name}, {}", xreg(rt))
        }
    }

    pub fn sys(i: &Insn, _pc: u64) -> String {
        let [l, op1, crn, crm, op2, rt, ..] = i.f;
        let named = match (op1, crn, crm, op2) {
            (0, 7, 1, 0) => Some(("ic", "ialluis", false)),
            (0, 7, 5, 0) => Some(("ic", "iallu", false)),
            (3, 7, 5, 1) => Some(("ic", "ivau", true)),
            (0, 7, 6, 1) => Some(("dc", "ivac", true)),
            (0, 7, 6, 2) => Some(("dc", "isw", true)),
            (0, 7, 10, 2) => Some(("dc", "csw", true)),
            (0, 7, 14, 2) => Some(("dc", "cisw", true)),
            (3, 7, 4, 1) => Some(("dc", "zva", true)),
            (3, 7, 10, 1) => Some(("dc", "cvac", true)),
            (3, 7, 11, 1) => Some(("dc", "cvau", true)),
            (3, 7, 12, 1) => Some(("dc", "cvap", true)),
            (3, 7, 13, 1) => Some(("dc", "cvadp", true)),
            (3, 7, 14, 1) => Some(("dc", "civac", true)),
            (0, 7, 8, 0) => Some(("at", "s1e1r", true)),
            (0, 7, 8, 1) => Some(("at", "s1e1w", true)),
            (0, 7, 8, 2) => Some(("at", "s1e0r", true)),
            (0, 7, 8, 3) => Some(("at", "s1e0w", true)),
            (0, 8, 3, 0) => Some(("tlbi", "vmalle1is", false)),
            (0, 8, 3, 1) => Some(("tlbi", "vae1is", true)),
            (0, 8, 3, 2) => Some(("tlbi", "aside1is", true)),
            (0, 8, 3, 3) => Some(("tlbi", "vaae1is", true)),
            (0, 8, 3, 5) => Some(("tlbi", "vale1is", true)),
            (0, 8, 3, 7) => Some(("tlbi", "vaale1is", true)),
            (0, 8, 7, 0) => Some(("tlbi", "vmalle1", false)),
            (0, 8, 7, 1) => Some(("tlbi", "vae1", true)),
            (0, 8, 7, 2) => Some(("tlbi", "aside1", true)),
            (0, 8, 7, 3) => Some(("tlbi", "vaae1", true)),
            (0, 8, 7, 5) => Some(("tlbi", "vale1", true)),
            (0, 8, 7, 7) => Some(("tlbi", "vaale1", true)),
            _ => None,
        };
        match named {
            Some((m, op, true)) if l == 0 => format!("{m}\t{op}, {}", xreg(rt)),
            Some((m, op, false)) if l == 0 && rt == 31 => format!("{m}\t{op}"),
            _ if l == 1 => format!("sysl\t{}, #{op1}, c{crn}, c{crm}, #{op2}", xreg(rt)),
            _ if rt == 31 => format!("sys\t#{op1}, c{crn}, c{crm}, #{op2}"),
            _ => format!("sys\t#{op1}, c{crn}, c{crm}, #{op2}, {}", xreg(rt)),
        }
    }
}

#[cfg(test)]
mod tests {
    //! Instruction words from llvm-mc (LLVM 14; the read-only/write-only register
    //! forms LLVM refuses to assemble are hand-encoded and checked with
    //! `llvm-mc --disassemble`); expected values from the Arm ARM.
    use crate::cpu::{CpuConfig, Exit};
    use crate::isa::base::testutil::*;
    use crate::sysreg::enc;

    const VEC_EL0: u64 = 0x400;
    const VEC_EL1H: u64 = 0x200;

    fn el0(c: &mut crate::Cpu) {
        c.s.pstate.el = 0;
        c.s.pstate.sp = 0;
    }

    /// Steps one instruction at EL0 with `x1`; returns the CPU.
    fn at_el0(word: u32, x1: u64, setup: impl FnOnce(&mut crate::Cpu)) -> crate::Cpu {
        let mut c = cpu(&[word]);
        c.s.x[1] = x1;
        setup(&mut c);
        el0(&mut c);
        steps(&mut c, 1);
        c
    }

    fn undefined_from_el0(c: &crate::Cpu) -> bool {
        c.s.pc == VEC_EL0 && c.sys.esr_el1 == 0x0200_0000
    }

    #[test]
    fn mrs_basic_and_unknown() {
        let c = run1(0xd5384240, &[]); // mrs x0, CurrentEL
        assert_eq!(c.s.x[0], 4);
        let c = run1(0xd538f000, &[]); // mrs x0, s3_0_c15_c0_0: not implemented
        assert_eq!((c.s.pc, c.sys.esr_el1), (VEC_EL1H, 0x0200_0000));
        // ID_AA64PFR0_EL1 (no SVE): EL0/EL1 AArch64, FP and AdvSIMD with FP16, CSV2/3.
        let c = run1(0xd5380400, &[]);
        assert_eq!(c.s.x[0], 0x1100_0000_0011_0011);
        let c = run1(0xd5380360, &[(0, 7)]); // reserved ID space reads 0
        assert_eq!((c.s.x[0], c.s.pc), (0, CODE + 4));
        let c = at_el0(0xd5380000, 0, |_| {}); // MIDR_EL1 at EL0
        assert!(undefined_from_el0(&c));
        let c = run1(0xd5180001, &[]); // msr midr_el1, x1: read-only
        assert_eq!(c.s.pc, VEC_EL1H);
        let c = run1(0xd5301080, &[]); // mrs x0, oslar_el1: write-only
        assert_eq!(c.s.pc, VEC_EL1H);
    }

    #[test]
    fn el0_traps_to_el1_with_iss() {
        // CTR_EL0 at EL0 with SCTLR_EL1.UCT = 0: EC 0x18, ISS Op0=3 Op2=1 Op1=3
        // CRn=0 Rt=0 CRm=0 read.
        let c = at_el0(0xd53b0020, 0, |_| {});
        assert_eq!((c.s.pc, c.sys.esr_el1), (VEC_EL0, 0x6232_C001));
        let c = at_el0(0xd53b0020, 0, |c| c.sys.sctlr_el1 |= 1 << 15);
        assert_eq!(c.s.x[0], 0xB444_C004);
        // DCZID_EL0: DZP reads 1 at EL0 while DZE = 0; 0 at EL1.
        let c = at_el0(0xd53b00e0, 0, |_| {});
        assert_eq!(c.s.x[0], 0x14);
        let c = run1(0xd53b00e0, &[]);
        assert_eq!(c.s.x[0], 0x4);
        // MSR DAIFSet at EL0 with UMA = 0: ISS Op0=0 Op2=6 Op1=3 CRn=4 Rt=31 CRm=15 W.
        let c = at_el0(0xd5034fdf, 0, |_| {});
        assert_eq!(c.sys.esr_el1, 0x6200_0000 | 0xC_D3FE);
        let c = at_el0(0xd5034fdf, 0, |c| c.sys.sctlr_el1 |= 1 << 9);
        assert_eq!((c.s.pc, c.s.pstate.daif), (CODE + 4, 0x3C0));
        // MRS DAIF at EL0 with UMA = 0 traps too.
        let c = at_el0(0xd53b4220, 0, |_| {});
        assert_eq!(c.sys.esr_el1 >> 26, 0x18);
        // CNTVCT_EL0 at EL0: trapped unless CNTKCTL_EL1.EL0VCTEN.
        let c = at_el0(0xd53be040, 0, |_| {});
        assert_eq!(c.sys.esr_el1 >> 26, 0x18);
        let c = at_el0(0xd53be040, 0, |c| c.sys.cntkctl_el1 = 2);
        assert_eq!(c.s.pc, CODE + 4);
        // CNTFRQ_EL0 at EL0 needs EL0PCTEN or EL0VCTEN.
        let c = at_el0(0xd53be000, 0, |c| c.sys.cntkctl_el1 = 1);
        assert_eq!(c.s.x[0], 62_500_000);
        // CNTV_CTL_EL0 at EL0 needs EL0VTEN (bit 8).
        let c = at_el0(0xd53be320, 0, |c| c.sys.cntkctl_el1 = 3);
        assert_eq!(c.sys.esr_el1 >> 26, 0x18);
        // TPIDRRO_EL0: readable, not writable at EL0.
        let c = at_el0(0xd53bd060, 0, |c| c.sys.tpidrro_el0 = 99);
        assert_eq!(c.s.x[0], 99);
        let c = at_el0(0xd51bd061, 5, |_| {});
        assert!(undefined_from_el0(&c));
        // NZCV is EL0-accessible.
        let c = at_el0(0xd51b4201, 0xF000_0001, |_| {});
        assert_eq!(c.s.pstate.nzcv, 0xF000_0000);
    }

    #[test]
    fn sctlr_res0_res1() {
        let c = run1(0xd5181001, &[(1, u64::MAX)]); // msr sctlr_el1, x1
        assert_eq!(c.sys.sctlr_el1, 0x1000_34DD_DBBF);
        let c = run1(0xd5181001, &[(1, 0)]);
        assert_eq!(c.sys.sctlr_el1, 0x3050_0800);
    }

    #[test]
    fn zcr_el1() {
        // Without SVE, ZCR_EL1 does not exist.
        let c = run1(0xd5181201, &[(1, 1)]);
        assert_eq!(c.s.pc, VEC_EL1H);
        // VQ 1, 2 and 4 implemented.
        let cfg = CpuConfig {
            sve_vqs: 0b1011,
            ..CpuConfig::default()
        };
        // At EL1, CPACR_EL1.ZEN = 0b00 traps ZCR_EL1 accesses with EC 0x19.
        let mut c = cpu_cfg(cfg.clone(), &[0xd5181201]);
        steps(&mut c, 1);
        assert_eq!((c.s.pc, c.sys.esr_el1 >> 26), (VEC_EL1H, 0x19));
        let mut c = cpu_cfg(cfg, &[0xd5181201, 0xd5381200, 0xd5181201]);
        c.sys.cpacr_el1 = 3 << 16;
        c.s.x[1] = u64::MAX;
        steps(&mut c, 2);
        assert_eq!(c.s.x[0], 0xF); // only LEN is kept
        assert_eq!(c.vl(), 64);
        c.s.x[1] = 2; // LEN = 2: VQ 3 is not implemented, VQ 2 is used
        steps(&mut c, 1);
        assert_eq!(c.vl(), 32);
    }

    #[test]
    fn fpcr_fpsr() {
        // CPACR_EL1.FPEN = 0: EC 0x07.
        let c = run1(0xd53b4400, &[]);
        assert_eq!(c.sys.esr_el1 >> 26, 0x07);
        let mut c = cpu(&[0xd51b4421, 0xd53b4420, 0xd51b4401]);
        c.sys.cpacr_el1 = 3 << 20;
        c.s.x[1] = u64::MAX;
        steps(&mut c, 3); // msr fpsr, x1; mrs x0, fpsr; msr fpcr, x1
        assert_eq!(c.s.x[0], 0x0800_009F);
        // AHP, DN, FZ, RMode and (FP16 implemented) FZ16 are writable.
        assert_eq!(c.s.fpcr, 0x07C8_0000);
    }

    #[test]
    fn sp_el0_and_pstate_fields() {
        let mut c = cpu(&[0xd5184101, 0xd50040bf, 0xd5384100]);
        c.s.x[1] = 0x1234;
        steps(&mut c, 2); // msr sp_el0, x1; msr spsel, #0
        assert_eq!((c.s.sp_el0, c.s.pstate.sp), (0x1234, 0));
        steps(&mut c, 1); // mrs x0, sp_el0 with SP_EL0 selected: UNDEFINED
        assert_eq!(c.s.pc, 0); // current EL with SP_EL0 vector
                               // msr daifset, #0xf; msr daifclr, #2; msr pan, #1; mrs x0, pan; msr uao, #1
        let mut c = cpu(&[0xd5034fdf, 0xd50342ff, 0xd500419f, 0xd5384260, 0xd500417f]);
        c.s.pstate.daif = 0;
        steps(&mut c, 5);
        assert_eq!(c.s.pstate.daif, 0x340);
        assert_eq!(c.s.x[0], 1 << 22);
        assert!(c.s.pstate.uao);
        // SSBS is writable at EL0; DIT is not implemented.
        let c = at_el0(0xd503413f, 0, |_| {});
        assert!(c.s.pstate.ssbs);
        let c = run1(0xd503415f, &[]);
        assert_eq!(c.s.pc, VEC_EL1H);
        // SPSel from EL0 is UNDEFINED.
        let c = at_el0(0xd50040bf, 0, |_| {});
        assert!(undefined_from_el0(&c));
    }

    #[test]
    fn debug_registers() {
        // OSLAR_EL1 = 1 locks: OSLSR_EL1 = OSLM 0b10 (bit 3) | OSLK (bit 1).
        let mut c = cpu(&[0xd5101081, 0xd5301180]);
        c.s.x[1] = 1;
        steps(&mut c, 2);
        assert_eq!(c.s.x[0], 0xA);
        // Breakpoint 5 exists (6 advertised), 6 does not; the layer above sees all 16.
        let c = run1(0xd5300580, &[]);
        assert_eq!(c.s.pc, CODE + 4);
        let mut c = run1(0xd5300680, &[]);
        assert_eq!(c.s.pc, VEC_EL1H);
        assert!(c.sysreg_set(enc(2, 0, 0, 15, 4), 0x40));
        assert_eq!(c.sysreg_get(enc(2, 0, 0, 15, 4)), Some(0x40));
        // ID_AA64DFR0_EL1.BRPs = 5, WRPs = 3.
        let d = c.sysreg_get(enc(3, 0, 0, 5, 0)).unwrap();
        assert_eq!(((d >> 12) & 0xF, (d >> 20) & 0xF), (5, 3));
    }

    #[test]
    fn cache_id_registers() {
        // msr csselr_el1, x1 (L1 data); mrs x0, ccsidr_el1: 128 sets, 4 ways, 64 B.
        let mut c = cpu(&[0xd51a0001, 0xd5390000]);
        steps(&mut c, 2);
        assert_eq!(c.s.x[0], 127 << 13 | 3 << 3 | 2);
    }

    #[test]
    fn generic_timer() {
        let mut c = cpu(&[0xd53be040]);
        steps(&mut c, 1);
        let t0 = c.s.x[0];
        std::thread::sleep(std::time::Duration::from_millis(20));
        c.s.pc = CODE;
        steps(&mut c, 1);
        let dt = c.s.x[0].wrapping_sub(t0);
        // 20 ms at 62.5 MHz = 1_250_000 ticks (allow a slow host).
        assert!((1_250_000..1_250_000 * 50).contains(&dt), "{dt}");
        // The layer above sets the virtual count; it keeps counting from there.
        assert!(c.sysreg_set(enc(3, 3, 14, 0, 2), 1000));
        let v = c.sysreg_get(enc(3, 3, 14, 0, 2)).unwrap();
        assert!((1000..1000 + 62_500_000).contains(&v), "{v}");
        // msr cntv_tval_el0, x1 (far future); msr cntv_ctl_el0, x1 (enable);
        // mrs x0, cntv_ctl_el0: ISTATUS clear.
        let mut c = cpu(&[0xd51be301, 0xd51be321, 0xd53be320, 0xd51be301, 0xd53be320]);
        c.s.x[1] = 0x7FFF_FFFF;
        steps(&mut c, 1);
        c.s.x[1] = 1;
        steps(&mut c, 2);
        assert_eq!(c.s.x[0], 1);
        // TVAL = -1: the compare value is in the past, ISTATUS set.
        c.s.x[1] = 0xFFFF_FFFF;
        steps(&mut c, 2);
        assert_eq!(c.s.x[0], 0b101);
    }

    #[test]
    fn hints() {
        // nop, yield, wfe, sev, sevl, hint #0x7f, then wfi.
        let words = [
            0xd503201f, 0xd503203f, 0xd503205f, 0xd503209f, 0xd50320bf, 0xd5032fff, 0xd503207f,
        ];
        let mut c = cpu(&words);
        steps(&mut c, 6);
        assert_eq!(c.s.pc, CODE + 24);
        assert_eq!(c.step(), Err(Exit::Wfi));
        assert_eq!(c.s.pc, CODE + 28);
        // WFI/WFE at EL0 with nTWI/nTWE = 0: EC 0x01, CV = 1, COND = 0b1110, TI.
        let c = at_el0(0xd503207f, 0, |_| {});
        assert_eq!(c.sys.esr_el1, 0x07E0_0000);
        let c = at_el0(0xd503205f, 0, |_| {});
        assert_eq!(c.sys.esr_el1, 0x07E0_0001);
        let mut c = cpu(&[0xd503207f]);
        el0(&mut c);
        c.sys.sctlr_el1 |= 1 << 16;
        assert_eq!(c.step(), Err(Exit::Wfi));
    }

    #[test]
    fn barriers() {
        // clrex, dmb ish, dsb sy, isb, ssbb, pssbb, dsb nsh, sb
        let words = [
            0xd5033f5f, 0xd5033bbf, 0xd5033f9f, 0xd5033fdf, 0xd503309f, 0xd503349f, 0xd503379f,
            0xd50330ff,
        ];
        let mut c = cpu(&words);
        c.excl = Some((RAM, 8, 0));
        steps(&mut c, 8);
        assert_eq!((c.s.pc, c.excl), (CODE + 32, None));
        // SB without ID_AA64ISAR1_EL1.SB: UNDEFINED.
        let cfg = CpuConfig {
            isar1: 0,
            ..CpuConfig::default()
        };
        let mut c = cpu_cfg(cfg, &[0xd50330ff]);
        steps(&mut c, 1);
        assert_eq!(c.s.pc, VEC_EL1H);
    }

    #[test]
    fn cache_maintenance_and_dc_zva() {
        // DC ZVA with the MMU off: Device memory, Alignment fault (EC 0x25, DFSC
        // 0x21, WnR), FAR = the address given.
        let c = run1(0xd50b7421, &[(1, RAM + 0x2047)]);
        assert_eq!(c.sys.esr_el1, 0x9600_0061);
        assert_eq!(c.sys.far_el1, RAM + 0x2047);
        // DC ZVA at EL0 without SCTLR_EL1.DZE traps (EC 0x18).
        let c = at_el0(0xd50b7421, RAM, |_| {});
        assert_eq!(c.sys.esr_el1 >> 26, 0x18);
        // The zeroing itself: the naturally aligned 64-byte block.
        let mut c = cpu(&[]);
        c.write_bytes(RAM + 0x2000, &[0xAA; 0x100]).unwrap();
        super::dc_zva_block(&mut c, RAM + 0x2047).unwrap();
        let mut buf = [0u8; 0x100];
        c.read_bytes(RAM + 0x2000, &mut buf).unwrap();
        assert!(buf[..0x40].iter().all(|&b| b == 0xAA));
        assert!(buf[0x40..0x80].iter().all(|&b| b == 0));
        assert!(buf[0x80..].iter().all(|&b| b == 0xAA));
        // DC CIVAC at EL0: trapped unless UCI, then a no-op.
        let c = at_el0(0xd50b7e21, RAM, |_| {});
        assert_eq!(c.sys.esr_el1 >> 26, 0x18);
        let c = at_el0(0xd50b7e21, RAM, |c| c.sys.sctlr_el1 |= 1 << 26);
        assert_eq!(c.s.pc, CODE + 4);
        // DC ISW and IC IALLU are EL1 only.
        assert!(undefined_from_el0(&at_el0(0xd5087641, 0, |_| {})));
        let c = run1(0xd508751f, &[]);
        assert_eq!(c.s.pc, CODE + 4);
        // DC CVAP (DPB advertised): allowed at EL1.
        let c = run1(0xd50b7c21, &[(1, RAM)]);
        assert_eq!(c.s.pc, CODE + 4);
    }

    #[test]
    fn at_and_tlbi() {
        // AT S1E1R with the MMU off: PA = VA, SH = 0b10, ATTR = 0 (Device-nGnRnE).
        let c = run1(0xd5087801, &[(1, 0x4000_1234)]);
        assert_eq!(c.sys.par_el1, 0x4000_1000 | 1 << 11 | 0b10 << 7);
        // A VA beyond the 48-bit PA range: Address size fault, level 0.
        let c = run1(0xd5087801, &[(1, 1 << 50)]);
        assert_eq!(c.sys.par_el1, 1 << 11 | 1);
        assert!(undefined_from_el0(&at_el0(0xd5087801, 0, |_| {})));
        let c = run1(0xd508831f, &[]); // tlbi vmalle1is
        assert_eq!(c.s.pc, CODE + 4);
        let c = run1(0xd5088721, &[]); // tlbi vae1, x1
        assert_eq!(c.s.pc, CODE + 4);
        assert!(undefined_from_el0(&at_el0(0xd508831f, 0, |_| {})));
        // TLBI VMALLE1OS needs FEAT_TLBIOS, not implemented.
        let c = run1(0xd508811f, &[]);
        assert_eq!(c.s.pc, VEC_EL1H);
    }

    #[test]
    fn exception_generating() {
        let c = run1(0xd4000841, &[]); // svc #0x42
        assert_eq!((c.sys.esr_el1, c.sys.elr_el1), (0x5600_0042, CODE + 4));
        let mut c = cpu(&[0xd4000022]); // hvc #1
        assert_eq!(c.step(), Err(Exit::Hvc(1)));
        assert_eq!(c.s.pc, CODE + 4);
        assert!(undefined_from_el0(&at_el0(0xd4000022, 0, |_| {})));
        let mut c = cpu(&[0xd4000043]); // smc #2
        assert_eq!(c.step(), Err(Exit::Smc(2)));
        assert!(undefined_from_el0(&at_el0(0xd4000043, 0, |_| {})));
        let c = run1(0xd4207d00, &[]); // brk #0x3e8: EC 0x3C, ELR = the BRK
        assert_eq!((c.sys.esr_el1, c.sys.elr_el1), (0xF200_03E8, CODE));
        let c = run1(0xd4400000, &[]); // hlt #0
        assert_eq!((c.s.pc, c.sys.esr_el1), (VEC_EL1H, 0x0200_0000));
        let c = run1(0x00000007, &[]); // udf #7
        assert_eq!((c.s.pc, c.sys.esr_el1), (VEC_EL1H, 0x0200_0000));
    }

    #[test]
    fn eret_legal_and_illegal() {
        // To EL0t with NZCV = 0b1010, D/A/I/F = 0.
        let mut c = cpu(&[0xd69f03e0]);
        c.sys.spsr_el1 = 0xA000_0000;
        c.sys.elr_el1 = RAM + 0x100;
        c.excl = Some((RAM, 8, 0));
        steps(&mut c, 1);
        assert_eq!((c.s.pc, c.s.pstate.el, c.s.pstate.sp), (RAM + 0x100, 0, 0));
        assert_eq!((c.s.pstate.nzcv, c.s.pstate.daif), (0xA000_0000, 0));
        assert_eq!(c.excl, None);
        // ERET at EL0 is UNDEFINED.
        assert!(undefined_from_el0(&at_el0(0xd69f03e0, 0, |_| {})));
        // Illegal returns: EL2t, AArch32 user, EL0 with SP_ELx, reserved M[1].
        for m in [0b01000u64, 0b10000, 0b00001, 0b00110] {
            let mut c = cpu(&[0xd69f03e0]);
            c.sys.spsr_el1 = 0x6000_0000 | m;
            c.sys.elr_el1 = RAM + 0x100;
            steps(&mut c, 1);
            let p = c.s.pstate;
            assert_eq!(
                (c.s.pc, p.el, p.sp, p.il),
                (RAM + 0x100, 1, 1, true),
                "{m:#b}"
            );
            assert_eq!(p.nzcv, 0x6000_0000); // the other fields still come from SPSR
                                             // The next instruction takes an Illegal Execution state exception, with
                                             // IL saved in SPSR_EL1 and cleared in PSTATE.
            steps(&mut c, 1);
            assert_eq!(c.sys.esr_el1, 0x0E << 26 | 1 << 25);
            assert_eq!(c.sys.elr_el1, RAM + 0x100);
            assert_ne!(c.sys.spsr_el1 & 1 << 20, 0);
            assert!(!c.s.pstate.il);
            assert_eq!(c.s.pc, VEC_EL1H);
        }
        // A legal return with SPSR.IL set also makes the next instruction illegal.
        let mut c = cpu(&[0xd69f03e0]);
        c.sys.spsr_el1 = 1 << 20 | 0b00101;
        c.sys.elr_el1 = RAM + 0x100;
        steps(&mut c, 2);
        assert_eq!(c.sys.esr_el1 >> 26, 0x0E);
    }
}
