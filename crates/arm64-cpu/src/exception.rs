//! Synchronous exceptions: syndromes (ESR_EL1) and entry to the EL1 vector table.

use crate::cpu::Cpu;

/// A synchronous exception raised by an instruction, taken to EL1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exception {
    /// Unallocated or UNDEFINED encoding (EC 0x00).
    Undefined,
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
    /// PC alignment fault (EC 0x22).
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
        /// Fault status code (ISS.DFSC): 0x21 alignment, 0x10 external, …
        fsc: u32,
        /// Write, not read.
        wnr: bool,
    },
    /// Trapped MSR/MRS/system instruction (EC 0x18) with its ISS.
    SysRegTrap(u32),
}

impl Exception {
    /// The ESR_ELx value for this exception when taken from `from_el` (IL = 1: all A64
    /// instructions are 32 bits).
    pub fn esr(&self, from_el: u8) -> u64 {
        let lower = from_el == 0;
        let (ec, iss): (u64, u64) = match *self {
            Exception::Undefined => (0x00, 0),
            Exception::FpAccess => (0x07, 0),
            Exception::SveAccess => (0x19, 0),
            Exception::Svc(imm) => (0x15, imm as u64),
            Exception::Brk(imm) => (0x3C, imm as u64),
            Exception::IllegalState => (0x0E, 0),
            Exception::PcAlignment => (0x22, 0),
            Exception::SpAlignment => (0x26, 0),
            Exception::InstrAbort { fsc, .. } => (if lower { 0x20 } else { 0x21 }, fsc as u64),
            Exception::DataAbort { fsc, wnr, .. } => (
                if lower { 0x24 } else { 0x25 },
                fsc as u64 | (wnr as u64) << 6,
            ),
            Exception::SysRegTrap(iss) => (0x18, iss as u64),
        };
        ec << 26 | 1 << 25 | iss
    }

    /// The FAR_EL1 value, for exceptions that set it.
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
    /// becomes EL1h with D, A, I, F masked, and execution continues at the vector.
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
        }
        let off = sync_vector_offset(from_el, st.pstate.sp);
        st.pstate.el = 1;
        st.pstate.sp = 1;
        st.pstate.daif = 0xF << 6;
        st.pstate.il = false;
        st.pstate.ss = false;
        // SCTLR_EL1.SPAN = 0 sets PSTATE.PAN on exception entry to EL1.
        if self.sys.sctlr_el1 & (1 << 23) == 0 {
            st.pstate.pan = true;
        }
        st.pc = (self.sys.vbar_el1 & !0x7FF) + off;
        self.s.pstate.uao = false;
        self.exceptions_taken += 1;
        // A taken exception clears the local exclusive monitor.
        self.excl = None;
    }
}
