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
        // IC IVAU.
        (3, 7, 5, 1) => uci_gate(c)?,
        // DC IVAC, ISW, CSW, CISW: EL1 only. There are no caches to maintain.
        (0, 7, 6, 1) | (0, 7, 6, 2) | (0, 7, 10, 2) | (0, 7, 14, 2) => {
            if el0 {
                return Err(undef());
            }
        }
        // DC CVAC, CVAU, CIVAC.
        (3, 7, 10, 1) | (3, 7, 11, 1) | (3, 7, 14, 1) => uci_gate(c)?,
        // DC CVAP (FEAT_DPB) and DC CVADP (FEAT_DPB2), per ID_AA64ISAR1_EL1.DPB.
        (3, 7, 12, 1) | (3, 7, 13, 1) => {
            let dpb = c.cfg.isar1 & 0xF;
            if dpb == 0 || (crm == 13 && dpb < 2) {
                return Err(undef());
            }
            uci_gate(c)?;
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
            c.sys.par_el1 = at_mmu_off(va);
        }
        // TLBI VMALLE1IS, VAE1IS, ASIDE1IS, VAAE1IS, VALE1IS, VAALE1IS and the
        // non-shareable forms: EL1 only. No TLB is modelled (the MMU is off).
        (0, 8, 3 | 7, 0 | 1 | 2 | 3 | 5 | 7) => {
            if el0 {
                return Err(undef());
            }
        }
        _ => return Err(undef()),
    }
    Ok(())
}

/// DC ZVA of the block containing `va`. With the stage 1 MMU off every data access
/// is to Device-nGnRnE memory, and DC ZVA to any Device memory takes an Alignment
/// fault (as on hardware: a guest must turn its MMU on before using DC ZVA).
fn dc_zva(c: &mut Cpu, va: u64) -> Result<(), Stop> {
    if c.sys.sctlr_el1 & 1 == 0 {
        return Err(Stop::Exception(Exception::DataAbort {
            va,
            fsc: 0x21,
            wnr: true,
        }));
    }
    dc_zva_block(c, va)
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
        format!("{name}\t#{:#x}", i.f[0])
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
            _ => return format!("hint\t#{imm:#x}"),
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
