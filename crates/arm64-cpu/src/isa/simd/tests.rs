//! Hand-worked unit tests. Instruction words come from llvm-mc 14 (the assembly is
//! in the comment next to each); the expected values are worked out by hand from
//! the Arm ARM pseudocode, with the arithmetic shown in the comments. The broad
//! random comparison against QEMU is tests/simd_qemu.rs.

use crate::cpu::{Cpu, CpuConfig};
use crate::mem::{GuestRam, Region};
use std::sync::Arc;

struct T {
    c: Cpu,
    mem: Vec<u8>,
}

const BASE: u64 = 0x1000;

fn t() -> T {
    let mut mem = vec![0u8; 0x4000];
    let ram = GuestRam::new(vec![Region {
        gpa: 0,
        size: mem.len() as u64,
        host: mem.as_mut_ptr(),
        readonly: false,
    }])
    .unwrap();
    let cfg = CpuConfig {
        sve_vqs: 0b11,
        isar0: CpuConfig::default().isar0 | 1 << 28 | 1 << 44,
        ..CpuConfig::default()
    };
    let mut c = Cpu::new(cfg, Arc::new(ram));
    c.sys.cpacr_el1 = 3 << 20 | 3 << 16;
    c.sys.zcr_el1 = 1;
    c.sys.vbar_el1 = 0x2000;
    c.sysreg_changed();
    T { c, mem }
}

impl T {
    /// Executes `word`; returns the exception class taken, if any.
    fn run(&mut self, word: u32) -> Option<u64> {
        self.mem[BASE as usize..BASE as usize + 4].copy_from_slice(&word.to_le_bytes());
        self.c.s.pc = BASE;
        self.c.step().unwrap();
        if self.c.s.pc == BASE + 4 {
            None
        } else {
            Some(self.c.sys.esr_el1 >> 26)
        }
    }
    fn v(&self, n: u32) -> u128 {
        self.c.s.v(n)
    }
    fn set(&mut self, n: u32, v: u128) {
        self.c.s.set_v(n, v);
    }
    fn qc(&self) -> bool {
        self.c.s.fpsr & (1 << 27) != 0
    }
}

fn bytes(b: &[u8]) -> u128 {
    let mut r = 0u128;
    for (k, x) in b.iter().enumerate() {
        r |= (*x as u128) << (8 * k);
    }
    r
}

fn lanes32(l: [u32; 4]) -> u128 {
    l.iter()
        .enumerate()
        .fold(0u128, |r, (k, x)| r | (*x as u128) << (32 * k))
}

fn lanes16(l: &[u16]) -> u128 {
    l.iter()
        .enumerate()
        .fold(0u128, |r, (k, x)| r | (*x as u128) << (16 * k))
}

#[test]
fn sqadd_saturates_and_sets_qc() {
    let mut t = t();
    t.set(1, bytes(&[0x7f, 0x80, 0x10, 0xff]));
    t.set(2, bytes(&[0x01, 0xff, 0x20, 0x01]));
    // sqadd v0.16b, v1.16b, v2.16b: 127+1 -> 127 (sat), -128-1 -> -128 (sat),
    // 16+32 = 48, -1+1 = 0.
    assert_eq!(t.run(0x4e220c20), None);
    assert_eq!(t.v(0), bytes(&[0x7f, 0x80, 0x30, 0x00]));
    assert!(t.qc());
}

#[test]
fn uqsub_64bit_form_zeroes_upper_half() {
    let mut t = t();
    t.set(0, u128::MAX);
    t.set(1, bytes(&[5, 200]));
    t.set(2, bytes(&[7, 100]));
    // uqsub v0.8b: 5-7 -> 0 (sat), 200-100 = 100; bits 127:64 zeroed.
    assert_eq!(t.run(0x2e222c20), None);
    assert_eq!(t.v(0), bytes(&[0, 100]));
    assert!(t.qc());
    // The SVE bits above 128 are zeroed too (VL is 256 bits here).
    assert!(t.c.s.z[0].0[16..32].iter().all(|&b| b == 0));
}

#[test]
fn srshl_rounding_and_extreme_shifts() {
    let mut t = t();
    t.set(1, lanes32([7, 0xffff_fff9, 0x8000_0000, 1]));
    // Only the low byte of each Vm lane is the shift: 0xff = -1, 0x80 = -128.
    t.set(2, lanes32([0xff, 0xffff_ffff, 0x1234_5680, 31]));
    // srshl v0.4s: (7+1)>>1 = 4; (-7+1)>>1 = -3; (-2^31 + 2^127)>>128 = 0;
    // 1<<31 = 0x80000000 (no saturation in SRSHL).
    assert_eq!(t.run(0x4ea25420), None);
    assert_eq!(t.v(0), lanes32([4, 0xffff_fffd, 0, 0x8000_0000]));
    assert!(!t.qc());
}

#[test]
fn sqrdmulh_rounds_and_saturates() {
    let mut t = t();
    t.set(1, lanes16(&[0x8000, 0x4000, 0x0001, 0xffff]));
    t.set(2, lanes16(&[0x8000, 0x4000, 0x4000, 0x0001]));
    // sqrdmulh v0.8h: (2ab + 2^15) >> 16: 2^31+2^15 -> 32768 -> sat 0x7fff;
    // 2^29+2^15 -> 0x2000; 2^15+2^15 -> 1; -2+2^15 -> 0.
    assert_eq!(t.run(0x6e62b420), None);
    assert_eq!(t.v(0), lanes16(&[0x7fff, 0x2000, 1, 0]));
    assert!(t.qc());
}

#[test]
fn umull2_uses_upper_halves() {
    let mut t = t();
    t.set(1, lanes32([0, 0, 0xffff_ffff, 2]));
    t.set(2, lanes32([0, 0, 0xffff_ffff, 0x8000_0000]));
    // umull2 v0.2d: (2^32-1)^2 = 0xfffffffe00000001; 2 * 2^31 = 2^32.
    assert_eq!(t.run(0x6ea2c020), None);
    assert_eq!(t.v(0), 0x1_0000_0000u128 << 64 | 0xffff_fffe_0000_0001);
}

#[test]
fn addhn2_keeps_the_low_half() {
    let mut t = t();
    t.set(0, 0xdead_u128 << 64 | 0x1122_3344_5566_7788);
    t.set(1, lanes16(&[0x1234, 0xff00, 0x00ff]));
    t.set(2, lanes16(&[0x0100, 0x0100, 0x0001]));
    // addhn2 v0.16b: high bytes of 0x1334, 0x(1)0000, 0x0100.
    assert_eq!(t.run(0x4e224020), None);
    assert_eq!(t.v(0), 0x01_00_13u128 << 64 | 0x1122_3344_5566_7788);
}

#[test]
fn cls_counts_sign_bits_below_the_top() {
    let mut t = t();
    t.set(1, bytes(&[0x00, 0xff, 0x40, 0x20, 0x80, 0x01, 0xc0, 0xfe]));
    // cls v0.8b, v1.8b
    assert_eq!(t.run(0x0e204820), None);
    assert_eq!(t.v(0), bytes(&[7, 7, 0, 1, 0, 6, 1, 6]));
}

#[test]
fn scalar_sqxtun_zeroes_the_rest() {
    let mut t = t();
    t.set(0, u128::MAX);
    t.set(1, 0xffff_0100);
    // sqxtun b0, h1: 256 -> 255 (sat); only byte 0 survives.
    assert_eq!(t.run(0x7e212820), None);
    assert_eq!(t.v(0), 0xff);
    assert!(t.qc());
}

#[test]
fn uaddlv_widens() {
    let mut t = t();
    t.set(1, u128::MAX);
    // uaddlv h0, v1.16b: 16 * 255 = 4080.
    assert_eq!(t.run(0x6e303820), None);
    assert_eq!(t.v(0), 0x0ff0);
}

#[test]
fn smov_umov() {
    let mut t = t();
    t.set(1, 0x80aa_u128 << 112);
    // smov x0, v1.b[15]: 0x80 sign-extended.
    assert_eq!(t.run(0x4e1f2c20), None);
    assert_eq!(t.c.s.x[0], 0xffff_ffff_ffff_ff80);
    // umov w0, v1.h[7]
    assert_eq!(t.run(0x0e1e3c20), None);
    assert_eq!(t.c.s.x[0], 0x80aa);
}

#[test]
fn modified_immediates() {
    let mut t = t();
    // movi v0.2d, #0xff00ff00ff00ff00 (each imm8 bit selects a byte of ones).
    assert_eq!(t.run(0x6f05e540), None);
    assert_eq!(t.v(0), 0xff00_ff00_ff00_ff00_ff00_ff00_ff00_ff00);
    // mvni v0.4s, #0x12, msl #8: NOT(0x000012ff) per lane.
    assert_eq!(t.run(0x6f00c640), None);
    assert_eq!(t.v(0), lanes32([0xffff_ed00; 4]));
    // fmov v0.4s, #1.5 = 0x3fc00000.
    assert_eq!(t.run(0x4f03f700), None);
    assert_eq!(t.v(0), lanes32([0x3fc0_0000; 4]));
    // fmov v0.2d, #0.125 = 0x3fc0000000000000.
    assert_eq!(t.run(0x6f02f400), None);
    assert_eq!(t.v(0), 0x3fc0_0000_0000_0000_3fc0_0000_0000_0000);
    // fmov v0.8h, #-2.0 = 0xc000.
    assert_eq!(t.run(0x4f04fc00), None);
    assert_eq!(t.v(0), lanes16(&[0xc000; 8]));
}

#[test]
fn shifts_by_the_full_width() {
    let mut t = t();
    t.set(0, 0x5555_u128 << 64 | 0x0123_4567_89ab_cdef);
    t.set(1, u128::MAX);
    // sri v0.8b, v1.8b, #8: nothing inserted; the 64-bit form zeroes 127:64.
    assert_eq!(t.run(0x2f084420), None);
    assert_eq!(t.v(0), 0x0123_4567_89ab_cdef);
    t.set(1, 0x7fff_ffff_ffff_ffff_u128 << 64 | 0x8000_0000_0000_0000);
    // sshr v0.2d, v1.2d, #64: the sign fills each lane.
    assert_eq!(t.run(0x4f400420), None);
    assert_eq!(t.v(0), u64::MAX as u128);
}

#[test]
fn sqrshrn_rounds_into_saturation() {
    let mut t = t();
    t.set(1, 0x7fff_8000);
    // sqrshrn h0, s1, #16: (0x7fff8000 + 0x8000) >> 16 = 0x8000 > 0x7fff -> sat.
    assert_eq!(t.run(0x5f109c20), None);
    assert_eq!(t.v(0), 0x7fff);
    assert!(t.qc());
}

#[test]
fn tbl_wraps_register_numbers() {
    let mut t = t();
    let seq = |base: u8| bytes(&(0..16).map(|i| base + i).collect::<Vec<_>>());
    t.set(30, seq(0x00));
    t.set(31, seq(0x10));
    t.set(0, seq(0x20));
    t.set(2, bytes(&[0, 17, 33, 47, 48, 255, 15, 31]));
    // tbl v0.16b, {v30.16b, v31.16b, v0.16b}, v2.16b: indices >= 48 give 0; the
    // remaining index bytes are 0 and pick table byte 0.
    assert_eq!(t.run(0x4e0243c0), None);
    let mut exp = vec![0x00, 0x11, 0x21, 0x2f, 0, 0, 0x0f, 0x1f];
    exp.resize(16, 0);
    assert_eq!(t.v(0), bytes(&exp));
}

#[test]
fn ext_and_zip2() {
    let mut t = t();
    t.set(1, bytes(&(0..16).map(|i| 0xa0 + i).collect::<Vec<_>>()));
    t.set(2, bytes(&(0..16).map(|i| 0xb0 + i).collect::<Vec<_>>()));
    // ext v0.16b, v1.16b, v2.16b, #15: byte 15 of Vn, then bytes 0..14 of Vm.
    assert_eq!(t.run(0x6e027820), None);
    let mut exp = vec![0xaf];
    exp.extend((0..15).map(|i| 0xb0 + i));
    assert_eq!(t.v(0), bytes(&exp));
    t.set(1, lanes32([0xa0, 0xa1, 0xa2, 0xa3]));
    t.set(2, lanes32([0xb0, 0xb1, 0xb2, 0xb3]));
    // zip2 v0.4s: upper halves interleaved.
    assert_eq!(t.run(0x4e827820), None);
    assert_eq!(t.v(0), lanes32([0xa2, 0xb2, 0xa3, 0xb3]));
}

#[test]
fn dot_and_mla_by_element() {
    let mut t = t();
    // Word 3 of v2: bytes 1, -1, 2, -128.
    t.set(2, lanes32([0, 0, 0, 0x8002_ff01]));
    t.set(
        1,
        lanes32([0x7f7f_7f7f, 0x8080_8080, 0x7f7f_7f7f, 0x7f7f_7f7f]),
    );
    t.set(0, lanes32([0, 1, 2, 3]));
    // sdot v0.4s, v1.16b, v2.4b[3]: 127*(1-1+2-128) = -16002; -128*-126 = 16128.
    assert_eq!(t.run(0x4fa2e820), None);
    assert_eq!(
        t.v(0),
        lanes32([0xffff_c17e, 16129, 0xffff_c180, 0xffff_c181])
    );
    t.set(2, lanes32([0, 0, 0, 3]));
    t.set(1, lanes32([1, 2, 0xffff_ffff, 0x8000_0000]));
    t.set(0, lanes32([10; 4]));
    // mla v0.4s, v1.4s, v2.s[3]: 10 + 3x, modulo 2^32.
    assert_eq!(t.run(0x6fa20820), None);
    assert_eq!(t.v(0), lanes32([13, 16, 7, 0x8000_000a]));
}

#[test]
fn scalar_sqdmlal_saturates_twice() {
    let mut t = t();
    t.set(0, 0xffff_u128 << 64 | 5);
    t.set(1, 0x8000);
    t.set(2, 0x8000);
    // sqdmlal s0, h1, h2: 2 * (-2^15)^2 = 2^31 -> 0x7fffffff (sat), + 5 -> sat.
    assert_eq!(t.run(0x5e629020), None);
    assert_eq!(t.v(0), 0x7fff_ffff);
    assert!(t.qc());
}

#[test]
fn ushl_scalar_negative_and_large_shifts() {
    let mut t = t();
    t.set(1, 0x8000_0000_0000_0001);
    t.set(2, 0xff);
    // ushl d0, d1, d2: shift -1.
    assert_eq!(t.run(0x7ee24420), None);
    assert_eq!(t.v(0), 0x4000_0000_0000_0000);
    t.set(2, 0x40);
    // Shift 64: everything leaves the lane.
    assert_eq!(t.run(0x7ee24420), None);
    assert_eq!(t.v(0), 0);
}

#[test]
fn rev16_swaps_byte_pairs() {
    let mut t = t();
    t.set(1, bytes(&(0..16).collect::<Vec<_>>()));
    // rev16 v0.16b, v1.16b
    assert_eq!(t.run(0x4e201820), None);
    let exp: Vec<u8> = (0..16).map(|i| i ^ 1).collect();
    assert_eq!(t.v(0), bytes(&exp));
}

#[test]
fn fp_trap_and_undef_priority() {
    let mut t = t();
    t.c.sys.cpacr_el1 = 0;
    t.set(0, 0x1234);
    // add v0.8b, v1.8b, v2.8b with CPACR_EL1.FPEN = 0: EC 0x07, V0 unchanged.
    assert_eq!(t.run(0x0e228420), Some(0x07));
    assert_eq!(t.v(0), 0x1234);
    // shadd with size = 11 is reserved: UNDEFINED (EC 0) wins over the trap,
    // the decode-time check coming first in the Arm ARM.
    assert_eq!(t.run(0x0e220420 | 3 << 22), Some(0x00));
    // FPEN = 01 traps EL0 only.
    t.c.sys.cpacr_el1 = 1 << 20;
    assert_eq!(t.run(0x0e228420), None);
}

#[test]
fn rdm_and_dotprod_follow_isar0() {
    let mut t = t();
    t.c.cfg.isar0 = CpuConfig::default().isar0 & !(0xF << 44);
    // sdot v0.4s, v1.16b, v2.4b[3] without ID_AA64ISAR0_EL1.DP: UNDEFINED.
    assert_eq!(t.run(0x4fa2e820), Some(0x00));
}

/// Random words of every simd line on random register contents: nothing panics
/// (guest input must never panic the host; tests run with overflow checks).
#[test]
fn random_words_never_panic() {
    let d = crate::decode::Decoder::global();
    let mut t = t();
    let mut s = 0x1234_5678_9abc_def0_u64;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    for e in super::ENCODINGS {
        let idx = d.find(e.name).unwrap();
        for _ in 0..200 {
            if let Some(w) = d.random_word(idx, next() as u32) {
                for k in 0..32 {
                    t.set(k, (next() as u128) << 64 | next() as u128);
                }
                t.run(w);
            }
        }
    }
}

#[test]
fn aes_sbox_known_values() {
    // FIPS-197 figure 7: S(0x00) = 0x63, S(0x53) = 0xed, S(0xff) = 0x16.
    let mut t = t();
    t.c.cfg.isar0 |= 1 << 4;
    t.set(0, 0);
    t.set(1, 0x53_u128 << 120 | 0xff);
    // aese v0.16b, v1.16b: byte 15 is row 3, column 3; ShiftRows rotates row 3
    // left by three columns ([s30 s31 s32 s33] -> [s33 s30 s31 s32]), so it lands
    // in column 0: byte 3. Byte 0 stays; every other byte is S(0) = 0x63.
    assert_eq!(t.run(0x4e284820), None);
    let mut exp = [0x63u8; 16];
    exp[0] = 0x16;
    exp[3] = 0xed;
    assert_eq!(t.v(0), bytes(&exp));
}
