//! Test cases and their outcomes, as both sides see them.

/// The register state compared (and loaded) by the harness, at one vector length.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchState {
    /// X0..X30.
    pub x: [u64; 31],
    /// SP (SP_EL0).
    pub sp: u64,
    /// NZCV in bits 31..28.
    pub nzcv: u64,
    /// FPCR.
    pub fpcr: u64,
    /// FPSR.
    pub fpsr: u64,
    /// FFR, VL/8 bytes.
    pub ffr: Vec<u8>,
    /// P0..P15, VL/8 bytes each.
    pub p: Vec<u8>,
    /// Z0..Z31, VL bytes each.
    pub z: Vec<u8>,
}

impl ArchState {
    /// All zero at vector length `vl` bytes.
    pub fn zeroed(vl: usize) -> ArchState {
        ArchState {
            x: [0; 31],
            sp: 0,
            nzcv: 0,
            fpcr: 0,
            fpsr: 0,
            ffr: vec![0; vl / 8],
            p: vec![0; 2 * vl],
            z: vec![0; 32 * vl],
        }
    }
    /// Vector length in bytes.
    pub fn vl(&self) -> usize {
        self.z.len() / 32
    }
    /// Zn's bytes.
    pub fn zreg(&self, n: usize) -> &[u8] {
        let vl = self.vl();
        &self.z[n * vl..(n + 1) * vl]
    }
    /// Pn's bytes.
    pub fn preg(&self, n: usize) -> &[u8] {
        let pl = self.vl() / 8;
        &self.p[n * pl..(n + 1) * pl]
    }
}

/// One item of a test sequence: a fixup that sets up an operand, or a test
/// instruction (which is what coverage and the instruction counts count).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    /// The word.
    pub word: u32,
    /// Index into the decode table for a test instruction; `None` for a fixup.
    pub enc: Option<u16>,
}

/// A test case: initial state, scratch memory seed, code.
#[derive(Clone, Debug)]
pub struct Case {
    /// Initial registers.
    pub init: ArchState,
    /// Seed of the scratch block's contents.
    pub seed: u64,
    /// The sequence, grouped: each group is the fixups of one test instruction
    /// followed by it (branches only target group starts).
    pub groups: Vec<Vec<Item>>,
}

impl Case {
    /// The code words in order.
    pub fn words(&self) -> Vec<u32> {
        self.groups.iter().flatten().map(|i| i.word).collect()
    }
    /// Number of test (non-fixup) instructions.
    pub fn test_insns(&self) -> usize {
        self.groups
            .iter()
            .flatten()
            .filter(|i| i.enc.is_some())
            .count()
    }
    /// The first `n` groups only (for shrinking); forward branches past the end
    /// now land on the end, which is still the exit.
    pub fn prefix(&self, n: usize) -> Case {
        let mut c = self.clone();
        c.groups.truncate(n);
        c.clamp_branches();
        c
    }
    /// Just group `k`, from the same initial state.
    pub fn single(&self, k: usize) -> Case {
        let mut c = self.clone();
        c.groups = vec![self.groups[k].clone()];
        c.clamp_branches();
        c
    }
    fn clamp_branches(&mut self) {
        let total = self.words().len() as i64;
        let mut pos = 0i64;
        for g in &mut self.groups {
            for it in g.iter_mut() {
                if it.enc.is_some() {
                    if let Some(w) = crate::gen::retarget_branch(it.word, pos, total) {
                        it.word = w;
                    }
                }
                pos += 1;
            }
        }
    }
}

/// How a case ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// Reached the end of the code.
    Done,
    /// A synchronous fault at `pc`.
    Fault {
        /// The class both sides are compared by.
        kind: FaultKind,
        /// Address of the faulting instruction.
        pc: u64,
        /// Side-specific detail (signal and si_code, or the exception) for reports.
        detail: FaultDetail,
    },
    /// Our CPU: an encoding it has not implemented yet (not a failure).
    Unimplemented {
        /// Address of the instruction.
        pc: u64,
        /// The word.
        word: u32,
    },
    /// Our CPU: architecture it does not model (not a failure, counted).
    Unsupported {
        /// Address.
        pc: u64,
        /// What is missing.
        what: &'static str,
    },
    /// Our CPU ran past its instruction budget (a wild branch): a failure.
    Runaway,
}

/// Fault classes that Linux user mode and our EL0 exceptions map onto each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FaultKind {
    /// SIGILL / UNDEFINED (EC 0x00).
    Undefined,
    /// SIGSEGV / data or instruction abort on unmapped memory (ours: outside RAM).
    Unmapped,
    /// SIGBUS / alignment fault (data alignment, SP alignment, PC alignment).
    Alignment,
    /// SIGTRAP / BRK.
    Breakpoint,
    /// Anything else (signal or exception kept in the detail).
    Other,
}

/// Details of a fault as one side reported it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultDetail {
    /// QEMU: signal, si_code, si_addr; `sve` says whether Z/P/FFR were in the frame.
    Signal {
        /// Signal number.
        signo: u32,
        /// si_code.
        code: u32,
        /// si_addr.
        addr: u64,
        /// The signal frame held the SVE registers (else only V0..V31).
        sve: bool,
    },
    /// Ours: the exception taken.
    Exception(arm64_cpu::Exception),
    /// Ours: an access outside RAM (an MMIO exit): unmapped on Linux.
    OutsideRam {
        /// Physical address.
        pa: u64,
        /// Write?
        write: bool,
    },
}

/// A finished case.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// How it ended.
    pub end: End,
    /// Final (or, on a fault, at-fault) registers.
    pub state: ArchState,
    /// Scratch words that changed: (byte offset, new value).
    pub mem: Vec<(u32, u64)>,
}
