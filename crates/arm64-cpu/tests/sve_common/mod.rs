//! Shared harness of the SVE integration tests: a CPU with every vector length enabled,
//! ZCR_EL1 choosing the one under test, FP and SVE enabled in CPACR_EL1, 1 MiB of RAM at
//! physical 0 (code at 0x1000, data from 0x10000) and MMIO above it.
#![allow(dead_code)]

use arm64_cpu::{Cpu, CpuConfig, GuestRam, Region};
use std::sync::Arc;

pub const RAM_SIZE: usize = 1 << 20;
pub const CODE: u64 = 0x1000;
pub const DATA: u64 = 0x10000;
pub const VBAR: u64 = 0x8000;

/// A CPU running at VL = 128 * vq bits.
pub fn cpu(vq: u32) -> Cpu {
    let ram: &'static mut [u8] = Box::leak(vec![0u8; RAM_SIZE].into_boxed_slice());
    let region = Region {
        gpa: 0,
        size: RAM_SIZE as u64,
        host: ram.as_mut_ptr(),
        readonly: false,
    };
    let ram = GuestRam::new(vec![region]).unwrap();
    let cfg = CpuConfig {
        sve_vqs: 0xFFFF,
        ..CpuConfig::default()
    };
    let mut c = Cpu::new(cfg, Arc::new(ram));
    c.sys.cpacr_el1 = 3 << 20 | 3 << 16;
    c.sys.zcr_el1 = (vq - 1) as u64;
    c.sys.vbar_el1 = VBAR;
    c.sysreg_changed();
    assert_eq!(c.vl(), 16 * vq as usize);
    c
}

/// Runs `words` from CODE; every instruction must retire without an exception.
pub fn run(c: &mut Cpu, words: &[u32]) {
    let mut buf = Vec::new();
    for w in words {
        buf.extend_from_slice(&w.to_le_bytes());
    }
    c.write_bytes(CODE, &buf).unwrap();
    c.s.pc = CODE;
    for (k, w) in words.iter().enumerate() {
        let before = c.exceptions_taken;
        c.step()
            .unwrap_or_else(|e| panic!("word {k} {w:#010x}: exit {e:?}"));
        assert_eq!(
            c.exceptions_taken, before,
            "word {k} {w:#010x} raised ESR {:#x}",
            c.sys.esr_el1
        );
    }
    assert_eq!(c.s.pc, CODE + 4 * words.len() as u64);
}

/// Runs one word and expects it to UNDEF (EC 0).
pub fn undef(c: &mut Cpu, w: u32) {
    c.write_bytes(CODE, &w.to_le_bytes()).unwrap();
    c.s.pc = CODE;
    let before = c.exceptions_taken;
    c.step().unwrap();
    assert_eq!(c.exceptions_taken, before + 1, "{w:#010x} did not trap");
    assert_eq!(
        c.sys.esr_el1 >> 26,
        0,
        "{w:#010x}: ESR {:#x}",
        c.sys.esr_el1
    );
}

pub fn vl(c: &Cpu) -> usize {
    c.vl()
}

/// Sets Zn from elements of `esz` bytes (little-endian), the rest of the vector zero.
pub fn setz(c: &mut Cpu, n: usize, esz: usize, vals: &[u64]) {
    let z = &mut c.s.z[n].0;
    z.fill(0);
    for (i, v) in vals.iter().enumerate() {
        z[i * esz..i * esz + esz].copy_from_slice(&v.to_le_bytes()[..esz]);
    }
}

/// Sets Zn with a function of the element index, over the whole vector length.
pub fn setz_with(c: &mut Cpu, n: usize, esz: usize, f: impl Fn(usize) -> u64) {
    let cnt = c.vl() / esz;
    let vals: Vec<u64> = (0..cnt).map(f).collect();
    setz(c, n, esz, &vals);
}

/// Element `i` of Zn, `esz` bytes.
pub fn ze(c: &Cpu, n: usize, esz: usize, i: usize) -> u64 {
    let mut b = [0u8; 8];
    b[..esz].copy_from_slice(&c.s.z[n].0[i * esz..i * esz + esz]);
    u64::from_le_bytes(b)
}

/// All elements of Zn within VL.
pub fn zv(c: &Cpu, n: usize, esz: usize) -> Vec<u64> {
    (0..c.vl() / esz).map(|i| ze(c, n, esz, i)).collect()
}

/// Checks the bytes of Zn at and above VL are zero.
pub fn z_upper_zero(c: &Cpu, n: usize) {
    assert!(
        c.s.z[n].0[c.vl()..].iter().all(|&b| b == 0),
        "z{n} upper bytes not zero"
    );
}

/// Sets Pn so that element i (of `esz` bytes) is active iff `f(i)`.
pub fn setp_with(c: &mut Cpu, n: usize, esz: usize, f: impl Fn(usize) -> bool) {
    let cnt = c.vl() / esz;
    let p = &mut c.s.p[n];
    p.fill(0);
    for i in 0..cnt {
        if f(i) {
            p[(i * esz) / 8] |= 1 << ((i * esz) % 8);
        }
    }
}

/// Predicate bits of Pn for `esz`-byte elements within VL: element i → bit i*esz.
pub fn pv(c: &Cpu, n: usize, esz: usize) -> Vec<bool> {
    let p = &c.s.p[n];
    (0..c.vl() / esz)
        .map(|i| p[i * esz / 8] >> ((i * esz) % 8) & 1 != 0)
        .collect()
}

/// Number of set bits in Pn over the whole register (also checks above VL).
pub fn pcount(c: &Cpu, n: usize) -> u32 {
    c.s.p[n].iter().map(|b| b.count_ones()).sum()
}

/// NZCV as a 4-bit number (N=8, Z=4, C=2, V=1).
pub fn nzcv(c: &Cpu) -> u32 {
    c.s.pstate.nzcv >> 28
}

/// The vector lengths (in quadwords) every family is tested at.
pub const VQS: [u32; 5] = [1, 2, 3, 4, 16];
