//! Scalar FP encodings. Words from llvm-mc (`-mattr=+fullfp16,+v8.5a,+jsconv`), quoted
//! with their assembly; expected values worked out from the Arm ARM.

use crate::cpu::{Cpu, CpuConfig};
use crate::fpu::{FPSR_IOC, FPSR_IXC, FPSR_OFC};
use crate::mem::{GuestRam, Region};
use std::sync::Arc;

/// A CPU at EL1 with FP enabled and a page of RAM for one instruction at a time.
pub(crate) struct Rig {
    pub c: Cpu,
    _ram: Vec<u8>,
}

const CODE: u64 = 0x1000;

impl Rig {
    pub fn new() -> Rig {
        let mut ram = vec![0u8; 0x4000];
        let gram = GuestRam::new(vec![Region {
            gpa: 0,
            size: ram.len() as u64,
            host: ram.as_mut_ptr(),
            readonly: false,
        }])
        .unwrap();
        let mut c = Cpu::new(CpuConfig::default(), Arc::new(gram));
        c.sys.cpacr_el1 = 3 << 20;
        c.sys.vbar_el1 = 0x2000;
        Rig { c, _ram: ram }
    }
    /// Executes `word`; returns the EC of the exception it raised, if any.
    pub fn exec(&mut self, word: u32) -> Option<u64> {
        self.c.write_mem(CODE, 4, word as u64).unwrap();
        self.c.s.pc = CODE;
        let before = self.c.exceptions_taken;
        self.c.step().unwrap();
        if self.c.exceptions_taken != before {
            Some(self.c.sys.esr_el1 >> 26)
        } else {
            assert_eq!(self.c.s.pc, CODE + 4);
            None
        }
    }
    pub fn v(&self, n: u32) -> u128 {
        self.c.s.v(n)
    }
    pub fn set_v(&mut self, n: u32, v: u128) {
        self.c.s.set_v(n, v);
    }
    /// Fills Zn (all 256 bytes) with junk, to check that writes zero the upper parts.
    pub fn dirty(&mut self, n: u32) {
        self.c.s.z[n as usize].0.fill(0xA5);
    }
    pub fn z_upper_zero(&self, n: u32) -> bool {
        self.c.s.z[n as usize].0[16..].iter().all(|&b| b == 0)
    }
}

pub(crate) fn s(x: f32) -> u128 {
    x.to_bits() as u128
}
pub(crate) fn d(x: f64) -> u128 {
    x.to_bits() as u128
}

#[test]
fn arithmetic_writes_zero_the_rest() {
    let mut r = Rig::new();
    r.dirty(0);
    r.set_v(1, s(1.5) | 0xdead << 64);
    r.set_v(2, s(2.25));
    assert_eq!(r.exec(0x1e222820), None); // fadd s0, s1, s2
    assert_eq!(r.v(0), s(3.75));
    assert!(r.z_upper_zero(0));
    r.set_v(1, d(2.0));
    r.set_v(2, d(3.0));
    r.set_v(3, d(1.0));
    r.exec(0x1f420c20); // fmadd d0, d1, d2, d3
    assert_eq!(r.v(0), d(7.0));
    r.set_v(1, 0x4000); // 2.0
    r.set_v(2, 0x4200); // 3.0
    r.exec(0x1ee28820); // fnmul h0, h1, h2
    assert_eq!(r.v(0), 0xc600); // -6.0
    assert_eq!(r.c.s.fpsr, 0);
}

#[test]
fn compares_and_selects() {
    let mut r = Rig::new();
    r.set_v(1, 0x7fc0_0000);
    r.exec(0x1e202038); // fcmpe s1, #0.0
    assert_eq!(r.c.s.pstate.nzcv, 0x3 << 28);
    assert_eq!(r.c.s.fpsr, FPSR_IOC);
    // fccmp d1, d2, #5, ne with Z set: condition fails, NZCV = #5.
    r.c.s.pstate.nzcv = 0x4 << 28;
    r.exec(0x1e621425);
    assert_eq!(r.c.s.pstate.nzcv, 0x5 << 28);
    // ... with Z clear: compare 1.0 with 2.0 -> less than, N.
    r.c.s.pstate.nzcv = 0;
    r.set_v(1, d(1.0));
    r.set_v(2, d(2.0));
    r.exec(0x1e621425);
    assert_eq!(r.c.s.pstate.nzcv, 0x8 << 28);
    // fcsel s0, s1, s2, eq
    r.set_v(1, s(1.0));
    r.set_v(2, s(2.0));
    r.c.s.pstate.nzcv = 0;
    r.exec(0x1e220c20);
    assert_eq!(r.v(0), s(2.0));
    r.c.s.pstate.nzcv = 0x4 << 28;
    r.exec(0x1e220c20);
    assert_eq!(r.v(0), s(1.0));
}

#[test]
fn fmov_forms() {
    let mut r = Rig::new();
    r.exec(0x1e7e9000); // fmov d0, #-1.25
    assert_eq!(r.v(0), d(-1.25));
    r.exec(0x1eec1000); // fmov h0, #0.5
    assert_eq!(r.v(0), 0x3800);
    r.dirty(1);
    r.c.s.x[2] = 0x1122_3344_5566_7788;
    r.exec(0x9eaf0041); // fmov v1.d[1], x2
    assert_eq!(r.v(1), 0x1122_3344_5566_7788_a5a5_a5a5_a5a5_a5a5);
    assert!(r.z_upper_zero(1));
    r.exec(0x9eae0023); // fmov x3, v1.d[1]
    assert_eq!(r.c.s.x[3], 0x1122_3344_5566_7788);
}

#[test]
fn conversions() {
    let mut r = Rig::new();
    r.set_v(1, s(-1.75));
    r.exec(0x1e18f020); // fcvtzs w0, s1, #4: -28
    assert_eq!(r.c.s.x[0], 0xffff_ffe4);
    r.c.s.x[1] = 2049;
    r.exec(0x9ee20020); // scvtf h0, x1: 2049 ties to even 2048
    assert_eq!(r.v(0), 0x6800);
    assert_eq!(r.c.s.fpsr, FPSR_IXC);
    r.set_v(1, d(-2.5));
    r.exec(0x9e640020); // fcvtas x0, d1: away from zero
    assert_eq!(r.c.s.x[0], (-3i64) as u64);
    r.c.s.fpsr = 0;
    r.set_v(1, d(65520.0));
    r.exec(0x1e63c020); // fcvt h0, d1: the tie rounds to 65536: overflow
    assert_eq!(r.v(0), 0x7c00);
    assert_eq!(r.c.s.fpsr, FPSR_OFC | FPSR_IXC);
    r.set_v(1, s(2.5));
    r.exec(0x1e264020); // frinta s0, s1
    assert_eq!(r.v(0), s(3.0));
    r.c.s.fpsr = 0;
    r.set_v(1, d(1e10));
    r.exec(0x1e684020); // frint32z d0, d1
    assert_eq!(r.v(0), d(-2147483648.0));
    assert_eq!(r.c.s.fpsr, FPSR_IOC);
    r.set_v(1, d(-1.0));
    r.exec(0x1e7e0020); // fjcvtzs w0, d1
    assert_eq!(r.c.s.x[0], 0xffff_ffff);
    assert_eq!(r.c.s.pstate.nzcv, 0x4 << 28);
}

#[test]
fn unallocated_and_traps() {
    let mut r = Rig::new();
    assert_eq!(r.exec(0x1ea22820), Some(0)); // fadd with ftype 10
    assert_eq!(r.exec(0x1e26c020), Some(0)); // frint with rm 101
    assert_eq!(r.exec(0x1ee3c020), Some(0)); // fcvt h->h (ftype 11, opc 11)
    assert_eq!(r.exec(0x1e180020), Some(0)); // fcvtzs w, s, scale<32
                                             // CPACR_EL1.FPEN = 00: the FP access trap (EC 0x07), but UNDEF still wins.
    r.c.sys.cpacr_el1 = 0;
    assert_eq!(r.exec(0x1e222820), Some(0x07));
    assert_eq!(r.exec(0x1ea22820), Some(0));
}
