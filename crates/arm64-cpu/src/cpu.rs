//! The processing element and its run loop.

use crate::decode::{Decoder, ExecFn, Insn};
use crate::exception::Exception;
use crate::mem::{GuestRam, MmioLog, MmioReq, RegionHint};
use crate::mmu::Mmu;
use crate::state::State;
use crate::sysreg::SysRegs;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// What this PE implements: fixed when it is created (the layer above derives it
/// from the VMM's configuration, as a hypervisor derives a vCPU from the host).
#[derive(Clone, Debug)]
pub struct CpuConfig {
    /// Enabled SVE vector lengths: bit `vq-1` set means VQ `vq` (128·vq bits) is
    /// implemented. 0 means no SVE: SVE instructions UNDEF and ID_AA64PFR0_EL1.SVE = 0.
    pub sve_vqs: u16,
    /// MIDR_EL1.
    pub midr: u64,
    /// MPIDR_EL1.
    pub mpidr: u64,
    /// ID_AA64ISAR0_EL1 (which base-ISA extensions are advertised).
    pub isar0: u64,
    /// ID_AA64ISAR1_EL1.
    pub isar1: u64,
    /// ID_AA64MMFR1_EL1.
    pub mmfr1: u64,
    /// Whether memory with the stage 1 MMU off is Device memory for data accesses, as
    /// the Arm ARM says (AArch64.TranslateAddressS1Off): unaligned ordinary accesses
    /// then take an Alignment fault whatever SCTLR_EL1.A says. Real hardware, and so a
    /// KVM guest, behaves that way; `true` is the default. QEMU 7.2's TCG checks
    /// alignment with the MMU off only when SCTLR_EL1.A = 1. `false` models Normal
    /// memory, which is what a Linux user-mode process sees (the QEMU differential
    /// tests run there).
    pub mmu_off_device: bool,
    /// The physical PE implements SVE but this vCPU does not see it (KVM on an SVE
    /// host, a vCPU initialised without KVM_ARM_VCPU_SVE; meaningful only when
    /// `sve_vqs` is 0). The hypervisor hides SVE with its EL2 trap, but the guest's own
    /// CPACR_EL1 traps are checked first, so while CPACR_EL1.ZEN (or FPEN) traps, SVE
    /// instructions take the EL1 access trap (EC 0x19, or 0x07), and only otherwise
    /// UNDEF. A real 6.12 kernel answers exactly so (kvm-contract's SVE trap case).
    pub sve_hidden: bool,
}

impl Default for CpuConfig {
    fn default() -> Self {
        CpuConfig {
            sve_vqs: 0,
            // Implementer 0 (as QEMU's `max`), architecture 0xF (ID registers).
            midr: 0x000F_0510,
            mpidr: 1 << 31,
            // AES (7:4 = 2, with 64-bit PMULL), SHA1 (11:8 = 1), SHA2 (15:12 = 2: SHA256
            // and SHA512), CRC32 (19:16 = 1), Atomic/LSE (23:20 = 2), RDM (31:28 = 1),
            // SHA3 (35:32 = 1), DP (47:44 = 1), FHM (51:48 = 1), TS (55:52 = 2: FlagM and
            // FlagM2).
            isar0: 0x2 << 4
                | 0x1 << 8
                | 0x2 << 12
                | 0x1 << 16
                | 0x2 << 20
                | 0x1 << 28
                | 0x1 << 32
                | 0x1 << 44
                | 0x1 << 48
                | 0x2 << 52,
            // DPB (3:0 = 2: DC CVAP and DC CVADP), JSCVT (15:12 = 1), LRCPC (23:20 = 2:
            // LDAPR and LDAPUR/STLUR), FRINTTS (35:32 = 1), SB (39:36 = 1), I8MM (55:52 = 1).
            isar1: 0x2 | 0x1 << 12 | 0x2 << 20 | 0x1 << 32 | 0x1 << 36 | 0x1 << 52,
            // PAN (23:20 = 1).
            mmfr1: 0x1 << 20,
            mmu_off_device: true,
            sve_hidden: false,
        }
    }
}

impl CpuConfig {
    /// Largest enabled VQ (0 without SVE).
    pub fn max_vq(&self) -> u32 {
        16 - self.sve_vqs.leading_zeros()
    }
}

/// Why an instruction did not complete normally. Handlers return it; the run loop
/// takes guest exceptions itself and turns the rest into an [`Exit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// A guest exception: taken to EL1, execution goes on.
    Exception(Exception),
    /// An MMIO access: the instruction is abandoned and replayed after completion.
    Mmio(MmioReq),
    /// HVC #imm, after the PC has moved past it (the hypervisor's call).
    Hvc(u16),
    /// SMC #imm at EL1 with no EL3: trapped to the hypervisor, PC moved past it.
    Smc(u16),
    /// WFI: nothing to do until an interrupt (PC moved past it).
    Wfi,
    /// An allocated encoding whose semantics are not written yet.
    Unimplemented,
    /// Architecture this CPU does not model yet (the reason names it).
    Unsupported(&'static str),
}

/// Why [`Cpu::run`] returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Perform this access; for a read call [`Cpu::complete_mmio_read`], then run again.
    Mmio(MmioReq),
    /// HVC #imm; X0.. hold the call, PC is past the HVC.
    Hvc(u16),
    /// SMC #imm; as for HVC.
    Smc(u16),
    /// WFI executed.
    Wfi,
    /// Instruction budget used up.
    Budget,
    /// Another thread asked this PE to stop ([`Cpu::kicker`]).
    Kicked,
    /// An allocated but unimplemented encoding at `pc`.
    Unimplemented {
        /// Address of the instruction.
        pc: u64,
        /// The instruction word.
        word: u32,
    },
    /// The guest used architecture this CPU does not model yet.
    Unsupported {
        /// Address of the instruction.
        pc: u64,
        /// The instruction word.
        word: u32,
        /// What is missing.
        what: &'static str,
    },
}

/// Entries of the decoded-instruction cache (a power of two).
const CACHE_SIZE: usize = 1 << 12;

/// A decoded instruction and its handler. The cache is indexed by the PC, so the
/// entries of a loop sit side by side, but it is tagged by the instruction word:
/// decoding depends on nothing but the word, so an entry whose word equals the word
/// just fetched is right whatever address it was filled from. Code that is rewritten
/// (by the guest or the VMM) is therefore never run stale, with no invalidation.
#[derive(Clone, Copy)]
struct CacheEntry {
    /// `word | VALID`, or 0 for an empty entry.
    tag: u64,
    exec: ExecFn,
    insn: Insn,
}

const VALID: u64 = 1 << 32;

fn never_run(_: &mut Cpu, _: &Insn) -> Result<(), Stop> {
    // Empty entries never match a tag, so this is never called.
    Err(Stop::Unimplemented)
}

impl Default for CacheEntry {
    fn default() -> Self {
        CacheEntry {
            tag: 0,
            exec: never_run,
            insn: Insn::default(),
        }
    }
}

/// One AArch64 processing element.
pub struct Cpu {
    /// General, vector and FP registers, PC and PSTATE.
    pub s: State,
    /// System registers.
    pub sys: SysRegs,
    /// What this PE implements.
    pub cfg: CpuConfig,
    /// Guest RAM.
    pub ram: Arc<GuestRam>,
    /// Address of the next instruction; handlers of branches write it.
    pub next_pc: u64,
    /// The local exclusive monitor: (physical address, size, value loaded).
    pub excl: Option<(u64, usize, u128)>,
    /// Effective SVE vector length in bytes (0 without SVE), from ZCR_EL1 and `cfg`.
    vl: usize,
    pub(crate) mmio: MmioLog,
    /// Stage 1 translation state: TLB, fetch page cache.
    pub(crate) mmu: Mmu,
    /// The RAM regions the last instruction fetch and data access hit.
    pub(crate) ihint: RegionHint,
    pub(crate) dhint: RegionHint,
    decoder: &'static Decoder,
    cache: Box<[CacheEntry]>,
    kick: Arc<AtomicBool>,
    /// Instructions retired since creation.
    pub retired: u64,
    /// Exceptions taken since creation.
    pub exceptions_taken: u64,
    /// Executions per decode-table line (coverage).
    pub coverage: Vec<u64>,
    /// Instruction trace hook, if any: called after every instruction that retired
    /// or raised a guest exception, with its address, its word and the state after it.
    pub trace: Option<TraceFn>,
}

/// An instruction trace hook: `(pc, word, state after the instruction)`.
pub type TraceFn = Box<dyn FnMut(u64, u32, &State) + Send>;

impl Cpu {
    /// A PE in its reset state: EL1h, D/A/I/F masked, everything else zero.
    pub fn new(cfg: CpuConfig, ram: Arc<GuestRam>) -> Cpu {
        let decoder = Decoder::global();
        let mut c = Cpu {
            s: State::default(),
            sys: SysRegs::default(),
            cfg,
            ihint: RegionHint::new(&ram),
            dhint: RegionHint::new(&ram),
            ram,
            next_pc: 0,
            excl: None,
            vl: 0,
            mmio: MmioLog::default(),
            mmu: Mmu::default(),
            decoder,
            cache: vec![CacheEntry::default(); CACHE_SIZE].into_boxed_slice(),
            kick: Arc::new(AtomicBool::new(false)),
            retired: 0,
            exceptions_taken: 0,
            coverage: vec![0; decoder.encs.len()],
            trace: None,
        };
        c.reset();
        c
    }

    /// Architectural reset (warm reset into EL1h with the MMU off). Vector lengths
    /// are configuration and survive; register contents do not.
    pub fn reset(&mut self) {
        self.s = State::default();
        self.s.pstate.el = 1;
        self.s.pstate.sp = 1;
        self.s.pstate.daif = 0xF << 6;
        self.sys = SysRegs {
            // RES1 bits of SCTLR_EL1 (bits 29,28,23,22,20,11) as on reset, MMU off.
            sctlr_el1: 0x30D0_0800,
            ..SysRegs::default()
        };
        self.excl = None;
        self.mmio.clear();
        self.tlb_flush();
        self.sysreg_changed();
    }

    /// Replaces guest RAM (the memory map changed).
    pub fn set_ram(&mut self, ram: Arc<GuestRam>) {
        // The hints would never hit the new map anyway; let the old one go.
        self.ihint = RegionHint::new(&ram);
        self.dhint = RegionHint::new(&ram);
        self.ram = ram;
        // TLB entries and the fetch page cache hold host addresses of RAM.
        self.tlb_flush();
    }

    /// A flag another thread sets to make [`Cpu::run`] return [`Exit::Kicked`] soon.
    pub fn kicker(&self) -> Arc<AtomicBool> {
        self.kick.clone()
    }

    /// Recomputes state derived from system registers (call after writing them).
    pub fn sysreg_changed(&mut self) {
        self.vl = self.effective_vl();
    }

    /// The effective SVE vector length in bytes: the largest enabled length not above
    /// ZCR_EL1.LEN+1 quadwords (the configured maximum caps it as ZCR_EL2 would).
    fn effective_vl(&self) -> usize {
        if self.cfg.sve_vqs == 0 {
            return 0;
        }
        let req = (self.sys.zcr_el1 & 0xF) as u32 + 1;
        let allowed = self.cfg.sve_vqs as u32 & ((1u32 << req) - 1);
        // VQ 1 is always implemented, so `allowed` is never empty.
        let vq = 32 - allowed.leading_zeros();
        16 * vq.max(1) as usize
    }

    /// Effective SVE vector length in bytes (0 without SVE).
    #[inline]
    pub fn vl(&self) -> usize {
        self.vl
    }

    /// Supplies the data of the MMIO read the last [`Exit::Mmio`] asked for.
    /// (For a write, just run again.)
    pub fn complete_mmio_read(&mut self, data: u64) {
        self.mmio.complete(data);
    }

    /// The MMIO request still waiting for completion, if any.
    pub fn pending_mmio(&self) -> Option<MmioReq> {
        self.mmio.pending()
    }

    /// Fetches the instruction word at the PC (translated with execute permission
    /// when the stage 1 MMU is on; see [`crate::mmu`]).
    #[inline]
    fn fetch(&mut self) -> Result<u32, Exception> {
        let pc = self.s.pc;
        if pc & 3 != 0 {
            return Err(Exception::PcAlignment);
        }
        self.fetch_word(pc)
    }

    /// Executes one instruction. `Ok` means it retired or raised a guest exception
    /// that has been taken; `Err` is an exit for the layer above.
    #[inline]
    pub fn step(&mut self) -> Result<(), Exit> {
        let word = match self.fetch_fast() {
            Some(w) => w,
            None => match self.fetch_slow() {
                Ok(w) => w,
                Err(done) => return done,
            },
        };
        self.execute(word)
    }

    /// The common case of fetching, all in one test: the MMU is off (VA = PA),
    /// PSTATE.IL is clear, the PC is aligned and in the RAM region of the last fetch
    /// (or another RAM region). Anything else goes the architectural way, through
    /// [`Cpu::fetch_slow`].
    #[inline(always)]
    fn fetch_fast(&mut self) -> Option<u32> {
        let pc = self.s.pc;
        if (self.sys.sctlr_el1 & 1 != 0) | self.s.pstate.il | (pc & 3 != 0) {
            return None;
        }
        let p = self.fetch_ptr(pc)?;
        // SAFETY: inside a live RAM mapping; aligned.
        Some(unsafe { crate::mem::load(p, 4) } as u32)
    }

    /// Fetching in full, in the Arm ARM's order: PC alignment, then fetch aborts,
    /// then PSTATE.IL. `Err` is what `step` returns (the exception has been taken).
    #[cold]
    #[inline(never)]
    fn fetch_slow(&mut self) -> Result<u32, Result<(), Exit>> {
        let word = match self.fetch() {
            Ok(w) => w,
            Err(e) => {
                self.take_exception(e);
                return Err(Ok(()));
            }
        };
        // PSTATE.IL (set by an illegal exception return): the next instruction takes
        // an Illegal Execution state exception, after PC alignment and fetch aborts.
        if self.s.pstate.il {
            self.take_exception(Exception::IllegalState);
            return Err(Ok(()));
        }
        Ok(word)
    }

    /// Decodes `word` into the cache entry for the current PC.
    #[cold]
    #[inline(never)]
    fn decode_miss(&mut self, word: u32) -> Option<(ExecFn, Insn)> {
        let insn = self.decoder.decode(word)?;
        let exec = self.decoder.encs[insn.idx as usize].enc.exec;
        let h = (self.s.pc >> 2) as usize & (CACHE_SIZE - 1);
        if let Some(e) = self.cache.get_mut(h) {
            *e = CacheEntry {
                tag: u64::from(word) | VALID,
                exec,
                insn,
            };
        }
        Some((exec, insn))
    }

    /// Executes `word`, fetched from the PC.
    #[inline(always)]
    fn execute(&mut self, word: u32) -> Result<(), Exit> {
        let pc = self.s.pc;
        let h = (pc >> 2) as usize & (CACHE_SIZE - 1);
        let hit = match self.cache.get(h) {
            Some(e) if e.tag == u64::from(word) | VALID => Some((e.exec, e.insn)),
            _ => None,
        };
        let (exec, insn) = match hit {
            Some(x) => x,
            None => match self.decode_miss(word) {
                Some(x) => x,
                None => {
                    self.take_exception(Exception::Undefined);
                    self.traced(pc, word);
                    return Ok(());
                }
            },
        };
        self.next_pc = pc.wrapping_add(4);
        self.mmio.rewind();
        match exec(self, &insn) {
            Ok(()) => {
                self.s.pc = self.next_pc;
                self.retire(insn.idx);
                self.traced(pc, word);
                Ok(())
            }
            Err(stop) => self.stopped(stop, pc, word, insn.idx),
        }
    }

    /// The rest of `execute` when the handler did not simply retire.
    #[cold]
    #[inline(never)]
    fn stopped(&mut self, stop: Stop, pc: u64, word: u32, idx: u16) -> Result<(), Exit> {
        match stop {
            Stop::Exception(e) => {
                self.mmio.clear();
                self.take_exception(e);
                self.traced(pc, word);
                Ok(())
            }
            Stop::Mmio(req) => Err(Exit::Mmio(req)),
            Stop::Hvc(_) | Stop::Smc(_) | Stop::Wfi => {
                self.s.pc = self.next_pc;
                self.retire(idx);
                self.traced(pc, word);
                Err(match stop {
                    Stop::Hvc(i) => Exit::Hvc(i),
                    Stop::Smc(i) => Exit::Smc(i),
                    _ => Exit::Wfi,
                })
            }
            Stop::Unimplemented => Err(Exit::Unimplemented { pc, word }),
            Stop::Unsupported(what) => Err(Exit::Unsupported { pc, word, what }),
        }
    }

    #[inline]
    fn traced(&mut self, pc: u64, word: u32) {
        if let Some(t) = self.trace.as_mut() {
            t(pc, word, &self.s);
        }
    }

    #[inline(always)]
    fn retire(&mut self, idx: u16) {
        self.mmio.clear();
        self.retired += 1;
        if let Some(n) = self.coverage.get_mut(idx as usize) {
            *n += 1;
        }
    }

    /// Runs until an exit or until `budget` instructions have retired.
    pub fn run(&mut self, budget: u64) -> Exit {
        let mut n = 0u64;
        loop {
            if n & 0x3FF == 0 && self.kick.swap(false, Ordering::AcqRel) {
                return Exit::Kicked;
            }
            if n >= budget {
                return Exit::Budget;
            }
            if let Err(exit) = self.step() {
                return exit;
            }
            n += 1;
        }
    }
}

// The layer above runs each PE on its own thread.
const _: () = {
    const fn assert_send<T: Send>() {}
    assert_send::<Cpu>();
};

impl Cpu {
    /// Checks that SIMD/FP instructions may execute (CPACR_EL1.FPEN): 0b01 traps EL0
    /// only, 0b00/0b10 trap EL0 and EL1, 0b11 traps nothing.
    #[inline]
    pub fn check_fp(&self) -> Result<(), Stop> {
        let fpen = (self.sys.cpacr_el1 >> 20) & 3;
        let trapped = match fpen {
            0b11 => false,
            0b01 => self.s.pstate.el == 0,
            _ => true,
        };
        if trapped {
            Err(Stop::Exception(Exception::FpAccess))
        } else {
            Ok(())
        }
    }

    /// Checks that SVE instructions may execute: UNDEF without SVE; CPACR_EL1.ZEN
    /// traps as FPEN does (EC 0x19), and then FPEN applies too (EC 0x07), in that
    /// order of priority, as the Arm ARM's CheckSVEEnabled. With SVE hidden by a
    /// hypervisor ([`CpuConfig::sve_hidden`]) those EL1 traps still come first and the
    /// hypervisor's UNDEF last.
    #[inline]
    pub fn check_sve(&self) -> Result<(), Stop> {
        let present = self.cfg.sve_vqs != 0;
        if !present && !self.cfg.sve_hidden {
            return Err(Stop::Exception(Exception::Undefined));
        }
        if self.zen_traps() {
            return Err(Stop::Exception(Exception::SveAccess));
        }
        self.check_fp()?;
        if !present {
            return Err(Stop::Exception(Exception::Undefined));
        }
        Ok(())
    }

    /// Does CPACR_EL1.ZEN trap SVE at the current EL? (0b01 traps EL0 only.)
    #[inline]
    pub fn zen_traps(&self) -> bool {
        match (self.sys.cpacr_el1 >> 16) & 3 {
            0b11 => false,
            0b01 => self.s.pstate.el == 0,
            _ => true,
        }
    }
}
