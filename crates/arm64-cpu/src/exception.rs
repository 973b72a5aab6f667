//! Synchronous exceptions: syndromes (ESR_EL1), entry to the EL1 vector table, and
//! exception return.

use crate::cpu::Cpu;

/// A synchronous exception raised by an instruction, taken to EL1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exception {
    /// Unallocated or UNDEFINED encoding (EC 0x00).
    Undefined,
    /// WFI or WFE at EL0 trapped by SCTLR_EL1.nTWI/nTWE (EC 0x01).
    Wfx {
        /// WFE (ISS.TI = 0b01), not WFI (0b00).
        wfe: bool,
    },
    /// Access to SIMD/FP trapped by CPACR_EL1.FPEN (EC 0x07).
    FpAccess,
    /// Access to SVE trapped by CPACR_EL1.ZEN (EC 0x19).
    SveAccess,
    /// SVC #imm (EC 0x15); the preferred return address is the next instruction.
    Svc(u16),
    /// BRK #imm (EC 0x3C).
    Brk(u16),
    /// Illegal execution state (EC 0x0E).
    IllegalState,
    /// PC alignment fault (EC 0x22); FAR_EL1 is set to the misaligned PC.
    PcAlignment,
    /// SP alignment fault (EC 0x26).
    SpAlignment,
    /// Instruction abort with fault status code `fsc` (EC 0x20/0x21).
    InstrAbort {
        /// Faulting virtual address.
        va: u64,
        /// Fault status code (ISS.IFSC).
        fsc: u32,
    },
    /// Data abort with fault status code `fsc` (EC 0x24/0x25).
    DataAbort {
        /// Faulting virtual address.
        va: u64,
        /// Fault status code (ISS.DFSC): 0x21 alignment, 0x10 external, …; bit 8
        /// carries ISS.CM (a fault on cache maintenance by VA).
        fsc: u32,
        /// Write, not read.
        wnr: bool,
    },
    /// Trapped MSR/MRS/system instruction (EC 0x18) with its ISS.
    SysRegTrap(u32),
}

/// ESR_ELx.EC values.
pub mod ec {
    pub const UNKNOWN: u64 = 0x00;
    pub const WFX: u64 = 0x01;
    pub const FP_ACCESS: u64 = 0x07;
    pub const ILLEGAL_STATE: u64 = 0x0E;
    pub const SVC64: u64 = 0x15;
    pub const SYS64: u64 = 0x18;
    pub const SVE: u64 = 0x19;
    pub const IABT_LOW: u64 = 0x20;
    pub const IABT_CUR: u64 = 0x21;
    pub const PC_ALIGN: u64 = 0x22;
    pub const DABT_LOW: u64 = 0x24;
    pub const DABT_CUR: u64 = 0x25;
    pub const SP_ALIGN: u64 = 0x26;
    pub const BRK64: u64 = 0x3C;
}

impl Exception {
    /// The ESR_ELx value for this exception when taken from `from_el`. IL = 1: every
    /// A64 instruction is 32 bits, and IL is RES1 for the syndromes without an
    /// instruction (aborts, alignment faults, illegal state, EC 0x00).
    ///
    /// Data aborts report ISV = 0 (no instruction syndrome), EA = 0, S1PTW = 0 (no
    /// stage 2), FnV = 0 (FAR valid), as KVM's injected aborts do; CM comes from
    /// bit 8 of a data abort's `fsc`.
    pub fn esr(&self, from_el: u8) -> u64 {
        let lower = from_el == 0;
        let (ec, iss): (u64, u64) = match *self {
            Exception::Undefined => (ec::UNKNOWN, 0),
            // CV = 1 and COND = 0b1110 for a trap from AArch64; TI = 00 WFI, 01 WFE.
            Exception::Wfx { wfe } => (ec::WFX, 1 << 24 | 0xE << 20 | wfe as u64),
            Exception::FpAccess => (ec::FP_ACCESS, 0),
            Exception::SveAccess => (ec::SVE, 0),
            Exception::Svc(imm) => (ec::SVC64, imm as u64),
            Exception::Brk(imm) => (ec::BRK64, imm as u64),
            Exception::IllegalState => (ec::ILLEGAL_STATE, 0),
            Exception::PcAlignment => (ec::PC_ALIGN, 0),
            Exception::SpAlignment => (ec::SP_ALIGN, 0),
            Exception::InstrAbort { fsc, .. } => (
                if lower { ec::IABT_LOW } else { ec::IABT_CUR },
                (fsc & 0x3F) as u64,
            ),
            Exception::DataAbort { fsc, wnr, .. } => (
                if lower { ec::DABT_LOW } else { ec::DABT_CUR },
                (fsc & 0x13F) as u64 | (wnr as u64) << 6,
            ),
            Exception::SysRegTrap(iss) => (ec::SYS64, (iss & 0x1FF_FFFF) as u64),
        };
        ec << 26 | 1 << 25 | iss
    }

    /// The FAR_EL1 value, for exceptions that set it (PC alignment faults use the
    /// PC, which [`Cpu::take_exception`] supplies).
    pub fn far(&self) -> Option<u64> {
        match *self {
            Exception::InstrAbort { va, .. } | Exception::DataAbort { va, .. } => Some(va),
            _ => None,
        }
    }

    /// Is the preferred return address the next instruction (not this one)?
    pub fn returns_to_next(&self) -> bool {
        matches!(self, Exception::Svc(_))
    }
}

/// Vector offset within VBAR_EL1 for a synchronous exception.
fn sync_vector_offset(from_el: u8, sp: u8) -> u64 {
    match (from_el, sp) {
        (1, 0) => 0x000, // current EL with SP_EL0
        (1, _) => 0x200, // current EL with SP_ELx
        _ => 0x400,      // lower EL, AArch64
    }
}

impl Cpu {
    /// Takes a synchronous exception to EL1 (TakeException in the Arm ARM):
    /// SPSR_EL1 and ELR_EL1 save the old state, ESR/FAR describe the cause, PSTATE
    /// becomes EL1h with D, A, I, F masked, IL and SS clear, PAN set unless
    /// SCTLR_EL1.SPAN, UAO clear, SSBS from SCTLR_EL1.DSSBS; execution continues
    /// at the vector.
    pub fn take_exception(&mut self, e: Exception) {
        let st = &mut self.s;
        let from_el = st.pstate.el;
        let pc = st.pc;
        self.sys.spsr_el1 = st.pstate.to_spsr();
        self.sys.elr_el1 = if e.returns_to_next() {
            pc.wrapping_add(4)
        } else {
            pc
        };
        self.sys.esr_el1 = e.esr(from_el);
        if let Some(far) = e.far() {
            self.sys.far_el1 = far;
        } else if e == Exception::PcAlignment {
            self.sys.far_el1 = pc;
        }
        let off = sync_vector_offset(from_el, st.pstate.sp);
        st.pstate.el = 1;
        st.pstate.sp = 1;
        st.pstate.daif = 0xF << 6;
        st.pstate.il = false;
        st.pstate.ss = false;
        // SCTLR_EL1.SPAN = 0 sets PSTATE.PAN on exception entry to EL1.
        if self.sys.sctlr_el1 & (1 << 23) == 0 && self.has_pan() {
            self.s.pstate.pan = true;
        }
        if self.has_ssbs() {
            self.s.pstate.ssbs = self.sys.sctlr_el1 & (1 << 44) != 0;
        }
        self.s.pstate.uao = false;
        self.s.pc = (self.sys.vbar_el1 & !0x7FF).wrapping_add(off);
        self.exceptions_taken += 1;
        // A taken exception clears the local exclusive monitor.
        self.excl = None;
    }

    /// Restores PSTATE from `spsr` for an exception return from EL1
    /// (AArch64.ExceptionReturn with SetPSTATEFromPSR). The caller branches to ELR.
    ///
    /// The return is illegal (IllegalExceptionReturn) if SPSR.M names AArch32
    /// (M[4] = 1), a higher EL, a reserved mode (M[1] = 1) or EL0 with SP_ELx: then
    /// PSTATE.EL and PSTATE.SP are kept and PSTATE.IL is set, so the next
    /// instruction takes an Illegal Execution state exception; the other fields
    /// still come from SPSR. Software step is not implemented, so PSTATE.SS is 0.
    pub fn exception_return(&mut self, spsr: u64) {
        let m = spsr & 0x1F;
        let target = match m {
            0b00000 => Some((0u8, 0u8)),
            0b00100 => Some((1, 0)),
            0b00101 => Some((1, 1)),
            _ => None,
        };
        let p = &mut self.s.pstate;
        match target {
            Some((el, sp)) => {
                p.el = el;
                p.sp = sp;
                p.il = spsr & (1 << 20) != 0;
            }
            None => p.il = true,
        }
        p.ss = false;
        p.nzcv = (spsr & 0xF000_0000) as u32;
        p.daif = (spsr & 0x3C0) as u32;
        let (pan, uao, ssbs) = (self.has_pan(), self.has_uao(), self.has_ssbs());
        let p = &mut self.s.pstate;
        if pan {
            p.pan = spsr & (1 << 22) != 0;
        }
        if uao {
            p.uao = spsr & (1 << 23) != 0;
        }
        if ssbs {
            p.ssbs = spsr & (1 << 12) != 0;
        }
        // An exception return clears the local exclusive monitor.
        self.excl = None;
    }
}

#[cfg(test)]
mod tests {
    //! Exception entry per the Arm ARM (AArch64.TakeException): vector offsets,
    //! syndromes, FAR, SPSR/ELR and PSTATE on entry.
    use super::*;
    use crate::isa::base::testutil::*;

    const VBAR: u64 = RAM + 0x8000;

    #[test]
    fn vector_offsets_by_source() {
        // brk #0x3e8 (llvm-mc: 0xd4207d00) from EL1t, EL1h and EL0.
        for (el, sp, off) in [(1u8, 0u8, 0x000u64), (1, 1, 0x200), (0, 0, 0x400)] {
            let mut c = cpu(&[0xd4207d00]);
            c.sys.vbar_el1 = VBAR;
            c.s.pstate.el = el;
            c.s.pstate.sp = sp;
            steps(&mut c, 1);
            assert_eq!(c.s.pc, VBAR + off, "EL{el} SP{sp}");
            assert_eq!(c.sys.spsr_el1 & 0x1F, ((el as u64) << 2) | sp as u64);
            assert_eq!((c.s.pstate.el, c.s.pstate.sp), (1, 1));
        }
    }

    #[test]
    fn syndromes() {
        let esr = |e: Exception, el: u8| e.esr(el);
        assert_eq!(esr(Exception::Undefined, 1), 0x0200_0000);
        assert_eq!(esr(Exception::FpAccess, 0), 0x1E00_0000);
        assert_eq!(esr(Exception::SveAccess, 0), 0x6600_0000);
        assert_eq!(esr(Exception::Svc(0x1234), 0), 0x5600_1234);
        assert_eq!(esr(Exception::Brk(1), 1), 0xF200_0001);
        assert_eq!(esr(Exception::IllegalState, 0), 0x3A00_0000);
        assert_eq!(esr(Exception::PcAlignment, 1), 0x8A00_0000);
        assert_eq!(esr(Exception::SpAlignment, 1), 0x9A00_0000);
        let ia = Exception::InstrAbort { va: 0, fsc: 0x10 };
        assert_eq!((esr(ia, 0), esr(ia, 1)), (0x8200_0010, 0x8600_0010));
        let da = Exception::DataAbort {
            va: 0,
            fsc: 0x21,
            wnr: true,
        };
        assert_eq!((esr(da, 0), esr(da, 1)), (0x9200_0061, 0x9600_0061));
        assert_eq!(esr(Exception::SysRegTrap(0x32C001), 0), 0x6232_C001);
        assert_eq!(esr(Exception::Wfx { wfe: true }, 0), 0x07E0_0001);
    }

    #[test]
    fn state_on_entry() {
        let mut c = cpu(&[0xd4207d00]);
        c.sys.vbar_el1 = VBAR;
        c.s.pstate.el = 0;
        c.s.pstate.sp = 0;
        c.s.pstate.daif = 0;
        c.s.pstate.nzcv = 0x9000_0000;
        c.s.pstate.uao = true;
        c.s.pstate.ssbs = true;
        c.excl = Some((RAM, 8, 0));
        // SPAN = 0 sets PAN; DSSBS = 0 clears SSBS.
        c.sys.sctlr_el1 &= !(1 << 23 | 1 << 44);
        steps(&mut c, 1);
        let p = c.s.pstate;
        assert_eq!(c.sys.spsr_el1, 0x9000_0000 | 1 << 23 | 1 << 12);
        assert_eq!(c.sys.elr_el1, CODE);
        assert_eq!(p.daif, 0x3C0);
        assert!(p.pan && !p.uao && !p.ssbs && !p.il);
        assert_eq!(c.excl, None);
        // SPAN = 1 leaves PAN alone; DSSBS = 1 sets SSBS.
        let mut c = cpu(&[0xd4207d00]);
        c.sys.sctlr_el1 |= 1 << 23 | 1 << 44;
        steps(&mut c, 1);
        assert!(!c.s.pstate.pan && c.s.pstate.ssbs);
    }

    #[test]
    fn far_for_aborts_and_pc_alignment() {
        // A misaligned PC: EC 0x22, FAR = ELR = the PC.
        let mut c = cpu(&[]);
        c.s.pc = CODE + 2;
        steps(&mut c, 1);
        assert_eq!(c.sys.esr_el1, 0x8A00_0000);
        assert_eq!((c.sys.far_el1, c.sys.elr_el1), (CODE + 2, CODE + 2));
        // Fetch outside RAM at EL0: EC 0x20 (lower EL), FSC 0x10, FAR = PC.
        let mut c = cpu(&[]);
        c.s.pstate.el = 0;
        c.s.pc = 0x1000;
        steps(&mut c, 1);
        assert_eq!(c.sys.esr_el1, 0x8200_0010);
        assert_eq!(c.sys.far_el1, 0x1000);
        // SVC does not change FAR.
        let mut c = cpu(&[0xd4000841]);
        c.sys.far_el1 = 0x55;
        steps(&mut c, 1);
        assert_eq!(c.sys.far_el1, 0x55);
    }

    #[test]
    fn data_abort_entry() {
        let mut c = cpu(&[]);
        c.s.pc = CODE;
        c.take_exception(Exception::DataAbort {
            va: 0xDEAD_BEEF,
            fsc: 0x10,
            wnr: false,
        });
        assert_eq!(c.sys.esr_el1, 0x9600_0010);
        assert_eq!((c.sys.far_el1, c.sys.elr_el1), (0xDEAD_BEEF, CODE));
    }
}
