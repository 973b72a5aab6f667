//! Unit tests for the load/store group.
//!
//! Instruction words come from LLVM 14's assembler (`llvm-mc -triple=aarch64
//! -mattr=+v8.4a,+lse,+rcpc -show-encoding`; the text is next to each word) or, for
//! unallocated and CONSTRAINED UNPREDICTABLE encodings LLVM refuses to assemble,
//! are built by hand from the Arm ARM encoding tables and checked to be rejected
//! by `llvm-mc -disassemble`. Expected results are worked out from the Arm ARM;
//! the CONSTRAINED UNPREDICTABLE choices were checked against QEMU 7.2.

mod atomics;
mod pairs;
mod simd;
mod single;

use crate::cpu::{Cpu, CpuConfig, Exit};
use crate::mem::{GuestRam, MmioReq, Region};
use std::sync::Arc;

/// RAM base; code at RAM, data at [`D`].
pub(super) const RAM: u64 = 0x4000_0000;
/// Data area inside RAM.
pub(super) const D: u64 = RAM + 0x1000;
/// An address outside RAM (MMIO).
pub(super) const IO: u64 = 0x0900_0000;
const RAM_SIZE: usize = 0x10000;
/// VBAR_EL1 used by the tests; synchronous exceptions from EL1h land at +0x200.
pub(super) const VBAR: u64 = RAM + 0x8000;

/// Documents an instruction word with its assembly text.
pub(super) const fn ins(word: u32, _asm: &str) -> u32 {
    word
}

pub(super) struct T {
    pub c: Cpu,
    // Keeps the RAM mapping alive (u128 elements: 16-byte aligned host memory).
    _mem: Vec<u128>,
}

impl T {
    pub fn new() -> T {
        T::with_cfg(CpuConfig::default())
    }

    pub fn with_cfg(cfg: CpuConfig) -> T {
        let mut mem = vec![0u128; RAM_SIZE / 16];
        let ram = GuestRam::new(vec![Region {
            gpa: RAM,
            size: RAM_SIZE as u64,
            host: mem.as_mut_ptr() as *mut u8,
            readonly: false,
        }])
        .unwrap();
        let mut c = Cpu::new(cfg, Arc::new(ram));
        c.sys.vbar_el1 = VBAR;
        // FP/AdvSIMD enabled (CPACR_EL1.FPEN = 0b11).
        c.sys.cpacr_el1 = 3 << 20;
        T { c, _mem: mem }
    }

    /// Host view of guest RAM at `pa`.
    fn host(&self, pa: u64, len: usize) -> *mut u8 {
        self.c.ram_ptr(pa, len, true).expect("test address in RAM")
    }

    pub fn write(&mut self, pa: u64, data: &[u8]) {
        let p = self.host(pa, data.len());
        // SAFETY: inside the test's RAM vector.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), p, data.len()) };
    }

    pub fn read(&self, pa: u64, len: usize) -> Vec<u8> {
        let p = self.host(pa, len);
        let mut v = vec![0u8; len];
        // SAFETY: inside the test's RAM vector.
        unsafe { std::ptr::copy_nonoverlapping(p, v.as_mut_ptr(), len) };
        v
    }

    pub fn w64(&mut self, pa: u64, v: u64) {
        self.write(pa, &v.to_le_bytes());
    }

    pub fn r64(&self, pa: u64) -> u64 {
        u64::from_le_bytes(self.read(pa, 8).try_into().unwrap())
    }

    pub fn r32(&self, pa: u64) -> u32 {
        u32::from_le_bytes(self.read(pa, 4).try_into().unwrap())
    }

    /// Places `word` at RAM and points the PC at it.
    pub fn load(&mut self, word: u32) {
        self.write(RAM, &word.to_le_bytes());
        self.c.s.pc = RAM;
    }

    /// Executes `word`, which must retire without exception.
    pub fn run(&mut self, word: u32) {
        self.load(word);
        let taken = self.c.exceptions_taken;
        assert_eq!(self.c.step(), Ok(()), "step of {word:#010x}");
        assert_eq!(
            self.c.exceptions_taken, taken,
            "{word:#010x} raised ESR {:#x} FAR {:#x}",
            self.c.sys.esr_el1, self.c.sys.far_el1
        );
        assert_eq!(self.c.s.pc, RAM + 4);
    }

    /// Executes `word`, which must raise a synchronous exception; returns ESR_EL1.
    pub fn exc(&mut self, word: u32) -> u64 {
        self.load(word);
        let taken = self.c.exceptions_taken;
        assert_eq!(self.c.step(), Ok(()));
        assert_eq!(
            self.c.exceptions_taken,
            taken + 1,
            "{word:#010x} did not fault"
        );
        assert_eq!(self.c.s.pc, VBAR + 0x200);
        assert_eq!(self.c.sys.elr_el1, RAM);
        // Back to EL1h for the next instruction.
        self.c.s.pc = RAM;
        self.c.sys.esr_el1
    }

    /// Steps `word` expecting an MMIO exit; returns the request.
    pub fn mmio(&mut self) -> MmioReq {
        match self.c.step() {
            Err(Exit::Mmio(r)) => {
                assert_eq!(self.c.s.pc, RAM, "PC must stay on the instruction");
                r
            }
            other => panic!("expected an MMIO exit, got {other:?}"),
        }
    }
}

/// ESR of a data abort taken from EL1 (EC 0x25, IL) with DFSC and WnR.
pub(super) fn esr_dabt(fsc: u64, wnr: bool) -> u64 {
    0x25 << 26 | 1 << 25 | (wnr as u64) << 6 | fsc
}

/// ESR of an UNDEFINED instruction.
pub(super) const ESR_UNDEF: u64 = 1 << 25;

/// Reads a MMIO request's fields for an assertion.
pub(super) fn req(pa: u64, len: u8, write: bool, data: u64) -> MmioReq {
    MmioReq {
        pa,
        len,
        write,
        data,
    }
}

/// Random words of every line of this group, with registers aimed at RAM, at MMIO or
/// anywhere, must never panic the host (guest input is untrusted), and MMIO exits
/// must complete.
#[test]
fn random_words_never_panic() {
    use crate::decode::Decoder;
    let d = Decoder::global();
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut cfg = CpuConfig::default();
    cfg.isar1 |= 2 << 20;
    cfg.mmfr1 |= 1 << 16;
    let mut t = T::with_cfg(cfg);
    for e in super::ENCODINGS {
        let idx = d.find(e.name).unwrap();
        let mut executed = 0;
        for _ in 0..300 {
            let Some(w) = d.random_word(idx, rnd() as u32) else {
                continue;
            };
            for r in 0..31 {
                t.c.s.x[r] = match rnd() % 4 {
                    0 => D + (rnd() % 0x800),
                    1 => IO + (rnd() % 0x100),
                    2 => rnd(),
                    _ => (rnd() % 64).wrapping_sub(32),
                };
            }
            t.c.s.sp_el1 = D + (rnd() % 0x800);
            t.c.sys.sctlr_el1 ^= (rnd() & 0b1010) & !1;
            t.c.excl = if rnd() % 2 == 0 {
                Some((t.c.s.x[(rnd() % 31) as usize], 8, 0))
            } else {
                None
            };
            t.load(w);
            let mut done = false;
            for _ in 0..80 {
                match t.c.step() {
                    Ok(()) => {
                        done = true;
                        break;
                    }
                    Err(Exit::Mmio(r)) => {
                        if !r.write {
                            t.c.complete_mmio_read(rnd());
                        }
                    }
                    Err(other) => panic!("{} {w:#010x}: {other:?}", e.name),
                }
            }
            assert!(done, "{} {w:#010x} did not complete", e.name);
            executed += 1;
        }
        assert!(executed > 0, "{}: no random word", e.name);
    }
}
