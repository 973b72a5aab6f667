//! Our side: the same case on `arm64_cpu::Cpu` at EL0, with guest RAM holding the
//! code region and the scratch block at the oracle's addresses.

use crate::layout::{fill_scratch, CODE_BASE, CODE_SIZE, SCRATCH, SCRATCH_SIZE, TEST_PC};
use crate::state::{ArchState, Case, End, FaultDetail, FaultKind, Outcome};
use arm64_cpu::{Cpu, CpuConfig, Exception, Exit, GuestRam, Region};
use std::sync::Arc;

/// SCTLR_EL1 bits Linux sets for EL0 that matter here: SA0 (SP alignment check at
/// EL0, bit 4), DZE (DC ZVA at EL0, 14), UCT (CTR_EL0 at EL0, 15), nTWI/nTWE
/// (16, 18), UCI (cache maintenance at EL0, 26). M stays 0: our CPU runs MMU off.
const SCTLR_EL0_BITS: u64 = 1 << 4 | 1 << 14 | 1 << 15 | 1 << 16 | 1 << 18 | 1 << 26;

/// The CPU configuration compared against `qemu-aarch64 -cpu max`: every SVE
/// length enabled, and the ID register fields that gate instructions set as QEMU's
/// `max` CPU has them, so both sides agree on what is UNDEFINED. ISAR0 is the value
/// QEMU's user mode reports (AES=2, SHA1, SHA2=2, CRC32, Atomic=2, RDM, SHA3, SM3,
/// SM4, DP, FHM, TS=2, RNDR); ISAR1 likewise (DPB=2, JSCVT, FCMA, LRCPC=2, FRINTTS,
/// SB, I8MM, which the AdvSIMD group implements) but without the fields of features
/// the CPU does not implement: pointer authentication (APA, API, GPA, GPI), BF16 and
/// DGH (see
/// [`crate::deviations`] for the words QEMU executes there); MMFR1 adds LO (LOR,
/// which QEMU's `max` implements though user mode hides the field) to PAN. Memory
/// is Normal, as for a Linux process, not the Device memory of MMU-off EL0.
pub fn difftest_config() -> CpuConfig {
    let d = CpuConfig::default();
    CpuConfig {
        sve_vqs: 0xFFFF,
        isar0: 0x1021_1111_1021_2120,
        isar1: 0x0010_0011_0021_1012,
        mmfr1: d.mmfr1 | 1 << 16,
        // Linux user mode gives Normal memory: unaligned ordinary accesses succeed.
        mmu_off_device: false,
        ..d
    }
}

/// Our CPU with the two RAM regions.
pub struct Ours {
    cpu: Cpu,
    // The RAM buffers the regions point into; they must outlive `cpu`.
    code: Box<[u8]>,
    scratch: Box<[u8]>,
    initial: Box<[u8]>,
    vl: usize,
    prologue: Vec<u32>,
    epilogue: Vec<u32>,
}

// SAFETY: the raw pointers in the GuestRam point into `code`/`scratch`, owned here
// and moved along with the struct (boxed slices do not move their heap data).
unsafe impl Send for Ours {}

fn put_words(buf: &mut [u8], off: usize, words: &[u32]) {
    for (i, w) in words.iter().enumerate() {
        let o = off + 4 * i;
        if o + 4 <= buf.len() {
            buf[o..o + 4].copy_from_slice(&w.to_le_bytes());
        }
    }
}

impl Ours {
    /// A CPU at vector length `vl` bytes, with every length enabled (as `-cpu max`)
    /// and ZCR_EL1.LEN selecting `vl`. `prologue`/`epilogue` are the oracle's, placed
    /// at the same addresses so PC-relative loads see the same bytes.
    pub fn new(vl: usize, prologue: &[u32], epilogue: &[u32]) -> Ours {
        let mut code = vec![0u8; CODE_SIZE as usize].into_boxed_slice();
        let mut scratch = vec![0u8; SCRATCH_SIZE as usize].into_boxed_slice();
        let ram = GuestRam::new(vec![
            Region {
                gpa: CODE_BASE,
                size: CODE_SIZE,
                host: code.as_mut_ptr(),
                readonly: false,
            },
            Region {
                gpa: SCRATCH,
                size: SCRATCH_SIZE,
                host: scratch.as_mut_ptr(),
                readonly: false,
            },
        ])
        .expect("two disjoint regions");
        let cfg = difftest_config();
        let cpu = Cpu::new(cfg, Arc::new(ram));
        Ours {
            cpu,
            code,
            scratch,
            initial: vec![0u8; SCRATCH_SIZE as usize].into_boxed_slice(),
            vl,
            prologue: prologue.to_vec(),
            epilogue: epilogue.to_vec(),
        }
    }

    /// Vector length in bytes.
    pub fn vl(&self) -> usize {
        self.vl
    }

    /// Executions per decode-table line since creation.
    pub fn coverage(&self) -> &[u64] {
        &self.cpu.coverage
    }

    /// Does our CPU take UNDEF on `word` at EL0 (whatever the operands)?
    pub fn undefined(&mut self, word: u32) -> bool {
        let t = (TEST_PC - CODE_BASE) as usize;
        put_words(&mut self.code, t, &[word]);
        let c = &mut self.cpu;
        c.s.pstate.el = 0;
        c.s.pstate.sp = 0;
        c.sys.cpacr_el1 = 3 << 20 | 3 << 16;
        c.sys.zcr_el1 = (self.vl / 16 - 1) as u64;
        c.sys.sctlr_el1 |= SCTLR_EL0_BITS;
        c.sys.vbar_el1 = 0xdead_0000;
        c.sysreg_changed();
        c.s.pc = TEST_PC;
        let taken = c.exceptions_taken;
        let r = c.step();
        r.is_ok() && c.exceptions_taken != taken && (c.sys.esr_el1 >> 26) & 0x3F == 0
    }

    /// Runs one case.
    pub fn run(&mut self, case: &Case) -> Outcome {
        let words = case.words();
        self.code.fill(0);
        put_words(&mut self.code, 0, &self.prologue);
        let t = (TEST_PC - CODE_BASE) as usize;
        put_words(&mut self.code, t, &words);
        put_words(&mut self.code, t + 4 * words.len(), &self.epilogue);
        fill_scratch(case.seed, &mut self.initial);
        self.scratch.copy_from_slice(&self.initial);

        let c = &mut self.cpu;
        c.reset();
        let vl = self.vl;
        c.sys.cpacr_el1 = 3 << 20 | 3 << 16;
        c.sys.zcr_el1 = (vl / 16 - 1) as u64;
        c.sys.sctlr_el1 |= SCTLR_EL0_BITS;
        // Linux runs EL0 with TCR_EL1.TBI0 = 1: the top byte of an address is ignored
        // (AddrTop consults TBI even with stage 1 translation off).
        c.sys.tcr_el1 = 1 << 37;
        // Exceptions go to an address outside RAM; the harness stops at the first.
        c.sys.vbar_el1 = 0xdead_0000;
        c.sysreg_changed();
        let s = &mut c.s;
        s.pstate.el = 0;
        s.pstate.sp = 0;
        s.pstate.daif = 0;
        s.pstate.nzcv = case.init.nzcv as u32 & 0xF000_0000;
        s.x = case.init.x;
        s.sp_el0 = case.init.sp;
        s.fpcr = case.init.fpcr as u32;
        s.fpsr = case.init.fpsr as u32;
        for n in 0..32 {
            s.z[n].0 = [0; 256];
            s.z[n].0[..vl].copy_from_slice(case.init.zreg(n));
        }
        for n in 0..16 {
            s.p[n] = [0; 32];
            s.p[n][..vl / 8].copy_from_slice(case.init.preg(n));
        }
        s.ffr = [0; 32];
        s.ffr[..vl / 8].copy_from_slice(&case.init.ffr);
        s.pc = TEST_PC;

        let end_pc = TEST_PC + 4 * words.len() as u64;
        // Only forward branches: every instruction runs at most once.
        let budget = words.len() + 8;
        let mut end = End::Runaway;
        for _ in 0..budget {
            let pc = c.s.pc;
            if pc == end_pc {
                end = End::Done;
                break;
            }
            if !(TEST_PC..end_pc).contains(&pc) {
                // A branch out of the sequence: the generator never makes one.
                break;
            }
            let taken = c.exceptions_taken;
            match c.step() {
                Ok(()) => {
                    if c.exceptions_taken != taken {
                        let e = last_exception(c);
                        // Report the state at the fault as Linux's signal frame does.
                        c.s.pc = pc;
                        c.s.pstate.el = 0;
                        end = End::Fault {
                            kind: exception_kind(&e),
                            pc,
                            detail: FaultDetail::Exception(e),
                        };
                        break;
                    }
                }
                Err(Exit::Mmio(req)) => {
                    end = End::Fault {
                        kind: FaultKind::Unmapped,
                        pc,
                        detail: FaultDetail::OutsideRam {
                            pa: req.pa,
                            write: req.write,
                        },
                    };
                    break;
                }
                Err(Exit::Unimplemented { pc, word }) => {
                    end = End::Unimplemented { pc, word };
                    break;
                }
                Err(Exit::Unsupported { pc, what, .. }) => {
                    end = End::Unsupported { pc, what };
                    break;
                }
                Err(_) => {
                    end = End::Unsupported {
                        pc,
                        what: "unexpected exit (HVC/SMC/WFI)",
                    };
                    break;
                }
            }
        }
        let s = &c.s;
        let mut st = ArchState::zeroed(vl);
        st.x = s.x;
        st.sp = s.sp_el0;
        st.nzcv = s.pstate.nzcv as u64;
        st.fpcr = s.fpcr as u64;
        st.fpsr = s.fpsr as u64;
        for n in 0..32 {
            st.z[n * vl..(n + 1) * vl].copy_from_slice(&s.z[n].0[..vl]);
        }
        for n in 0..16 {
            st.p[n * vl / 8..(n + 1) * vl / 8].copy_from_slice(&s.p[n][..vl / 8]);
        }
        st.ffr.copy_from_slice(&s.ffr[..vl / 8]);
        let mut mem = Vec::new();
        for (i, (a, b)) in self
            .scratch
            .chunks_exact(8)
            .zip(self.initial.chunks_exact(8))
            .enumerate()
        {
            if a != b {
                let mut w = [0u8; 8];
                w.copy_from_slice(a);
                mem.push(((i * 8) as u32, u64::from_le_bytes(w)));
            }
        }
        Outcome {
            end,
            state: st,
            mem,
        }
    }
}

/// Recovers the exception just taken from ESR_EL1/FAR_EL1.
fn last_exception(c: &Cpu) -> Exception {
    let esr = c.sys.esr_el1;
    let ec = (esr >> 26) & 0x3F;
    let iss = esr & 0x1FF_FFFF;
    match ec {
        0x00 => Exception::Undefined,
        0x07 => Exception::FpAccess,
        0x19 => Exception::SveAccess,
        0x15 => Exception::Svc(iss as u16),
        0x3C => Exception::Brk(iss as u16),
        0x0E => Exception::IllegalState,
        0x22 => Exception::PcAlignment,
        0x26 => Exception::SpAlignment,
        0x20 | 0x21 => Exception::InstrAbort {
            va: c.sys.far_el1,
            fsc: (iss & 0x3F) as u32,
        },
        0x24 | 0x25 => Exception::DataAbort {
            va: c.sys.far_el1,
            fsc: (iss & 0x3F) as u32,
            wnr: iss & (1 << 6) != 0,
        },
        _ => Exception::SysRegTrap(iss as u32),
    }
}

/// The Linux signal class an EL0 exception becomes.
pub fn exception_kind(e: &Exception) -> FaultKind {
    match e {
        Exception::Undefined => FaultKind::Undefined,
        Exception::PcAlignment | Exception::SpAlignment => FaultKind::Alignment,
        Exception::DataAbort { fsc: 0x21, .. } => FaultKind::Alignment,
        Exception::DataAbort { .. } | Exception::InstrAbort { .. } => FaultKind::Unmapped,
        Exception::Brk(_) => FaultKind::Breakpoint,
        // An EL0 MRS/MSR trap is SIGILL on Linux (unless emulated, as for ID registers).
        Exception::SysRegTrap(_) => FaultKind::Undefined,
        _ => FaultKind::Other,
    }
}
