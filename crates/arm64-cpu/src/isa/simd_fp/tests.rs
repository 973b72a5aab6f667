//! Advanced SIMD FP encodings. Words from llvm-mc (`-mattr=+fullfp16,+v8.5a`), quoted
//! with their assembly; expected values worked out from the Arm ARM.

use crate::fpu::{FPSR_DZC, FPSR_IOC, FPSR_IXC};
use crate::isa::fp::tests::{d, s, Rig};

fn s4(a: f32, b: f32, c: f32, e: f32) -> u128 {
    s(a) | s(b) << 32 | s(c) << 64 | s(e) << 96
}
fn d2(a: f64, b: f64) -> u128 {
    d(a) | d(b) << 64
}

#[test]
fn three_same() {
    let mut r = Rig::new();
    r.set_v(0, s4(1.0, 1.0, 1.0, 1.0));
    r.set_v(1, s4(1.0, 2.0, 3.0, 4.0));
    r.set_v(2, s4(2.0, 2.0, 2.0, 2.0));
    r.exec(0x4e22cc20); // fmla v0.4s, v1.4s, v2.4s
    assert_eq!(r.v(0), s4(3.0, 5.0, 7.0, 9.0));
    r.set_v(2, s4(10.0, 20.0, 30.0, 40.0));
    r.exec(0x6e22d420); // faddp v0.4s, v1.4s, v2.4s: Vn pairs, then Vm pairs
    assert_eq!(r.v(0), s4(3.0, 7.0, 30.0, 70.0));
    r.set_v(1, d2(1.0, f64::NAN));
    r.set_v(2, d2(1.0, 0.0));
    r.exec(0x6e62e420); // fcmge v0.2d, v1.2d, v2.2d: NaN is false and Invalid
    assert_eq!(r.v(0), u64::MAX as u128);
    assert_eq!(r.c.s.fpsr, FPSR_IOC);
    // fadd v0.8h, v1.8h, v2.8h: 1.0 + 2.0 = 3.0 in each lane.
    r.set_v(1, 0x3c00_3c00_3c00_3c00_3c00_3c00_3c00_3c00);
    r.set_v(2, 0x4000_4000_4000_4000_4000_4000_4000_4000);
    r.exec(0x4e421420);
    assert_eq!(r.v(0), 0x4200_4200_4200_4200_4200_4200_4200_4200);
    // A 1D arrangement (Q=0, sz=1) is reserved.
    assert_eq!(r.exec(0x0e62d420), Some(0));
    // fabd h0, h1, h2: |1 - 2| = 1
    r.set_v(1, 0x3c00);
    r.set_v(2, 0x4000);
    r.exec(0x7ec21420);
    assert_eq!(r.v(0), 0x3c00);
}

#[test]
fn two_reg_misc() {
    let mut r = Rig::new();
    // fcvtl2 v0.4s, v1.8h: the upper four halves widen.
    r.set_v(1, 0x3c00_4000_c200_7c00_0000_0000_0000_0000);
    r.exec(0x4e217820);
    assert_eq!(r.v(0), s4(f32::INFINITY, -3.0, 2.0, 1.0));
    // fcvtn v0.4h, v1.4s: the upper 64 bits are zeroed.
    r.dirty(0);
    r.set_v(1, s4(1.0, 2.0, -3.0, f32::INFINITY));
    r.exec(0x0e216820);
    assert_eq!(r.v(0), 0x7c00_c200_4000_3c00);
    assert!(r.z_upper_zero(0));
    // fcvtxn2 v0.4s, v1.2d: lower half kept, round to odd.
    r.set_v(0, 0x1111_2222_3333_4444);
    r.set_v(1, d2(1.0 + 2f64.powi(-30), 2.0));
    r.exec(0x6e616820);
    assert_eq!(
        r.v(0),
        (0x4000_0000u128 << 32 | 0x3f80_0001) << 64 | 0x1111_2222_3333_4444
    );
    // frecpe v0.4s, v1.4s
    r.c.s.fpsr = 0;
    r.set_v(1, s4(1.0, 0.0, -2.0, f32::INFINITY));
    r.exec(0x4ea1d820);
    assert_eq!(
        r.v(0),
        0x3f7f_8000 | 0x7f80_0000 << 32 | 0xbeff_8000u128 << 64
    );
    assert_eq!(r.c.s.fpsr, FPSR_DZC);
    // fabs v0.8h, v1.8h: sign cleared, NaNs included.
    r.set_v(1, 0xffff_8000_bc00_0001_fe00_7e00_8001_c000);
    r.exec(0x4ef8f820);
    assert_eq!(r.v(0), 0x7fff_0000_3c00_0001_7e00_7e00_0001_4000);
    // fcvtzu v0.4s, v1.4s
    r.c.s.fpsr = 0;
    r.set_v(1, s4(-1.0, 1.9, 5e9, f32::NAN));
    r.exec(0x6ea1b820);
    assert_eq!(r.v(0), 1u128 << 32 | 0xffff_ffffu128 << 64);
    assert_eq!(r.c.s.fpsr, FPSR_IOC | FPSR_IXC);
    // fcvtns h0, h1: 2.5 -> 2 (ties to even) in a 16-bit result.
    r.set_v(1, 0x4100);
    r.exec(0x5e79a820);
    assert_eq!(r.v(0), 2);
    // frecpx h0, h1: 1.0 -> 2.0
    r.set_v(1, 0x3c00);
    r.exec(0x5ef9f820);
    assert_eq!(r.v(0), 0x4000);
}

#[test]
fn across_lanes_and_pairwise() {
    let mut r = Rig::new();
    // fmaxv s0, v1.4s over [1, qNaN a, 2, sNaN b]: Reduce pairs (e0,e1) and (e2,e3)
    // first, so max(qa, quiet(sb)) = qa (a linear fold would end with sb).
    let (qa, sb) = (0x7fc0_000au128, 0x7f80_000bu128);
    r.set_v(1, s(1.0) | qa << 32 | s(2.0) << 64 | sb << 96);
    r.exec(0x6e30f820);
    assert_eq!(r.v(0), qa);
    assert_eq!(r.c.s.fpsr, FPSR_IOC);
    // fminnmp d0, v1.2d: a quiet NaN loses.
    r.set_v(1, d2(f64::NAN, 3.0));
    r.exec(0x7ef0c820);
    assert_eq!(r.v(0), d(3.0));
    // faddp h0, v1.2h
    r.set_v(1, 0x4000_3c00);
    r.exec(0x5e30d820);
    assert_eq!(r.v(0), 0x4200);
    // fmaxnmv h0, v1.8h
    r.set_v(1, 0x7e00_3c00_4400_c000_0000_7e00_4200_bc00);
    r.exec(0x4e30c820);
    assert_eq!(r.v(0), 0x4400);
}

#[test]
fn by_element() {
    let mut r = Rig::new();
    r.dirty(0);
    r.set_v(1, s4(2.0, 3.0, 99.0, 99.0));
    r.set_v(2, s4(0.0, 10.0, 0.0, 0.0));
    r.exec(0x0fa29020); // fmul v0.2s, v1.2s, v2.s[1]
    assert_eq!(r.v(0), s4(20.0, 30.0, 0.0, 0.0));
    assert!(r.z_upper_zero(0));
    // fmla v0.8h, v1.8h, v2.h[7]
    r.set_v(0, 0x3c00_3c00_3c00_3c00_3c00_3c00_3c00_3c00);
    r.set_v(1, 0x4000_4000_4000_4000_4000_4000_4000_4000);
    r.set_v(2, 0x4200u128 << 112);
    r.exec(0x4f321820);
    assert_eq!(r.v(0), 0x4700_4700_4700_4700_4700_4700_4700_4700); // 1 + 2*3 = 7
                                                                   // fmul v0.2d, v1.2d, v2.d[1]
    r.set_v(1, d2(1.5, -2.0));
    r.set_v(2, d2(0.0, 4.0));
    r.exec(0x4fc29820);
    assert_eq!(r.v(0), d2(6.0, -8.0));
}

#[test]
fn fixed_point() {
    let mut r = Rig::new();
    // ucvtf v0.2d, v1.2d, #1
    r.set_v(1, 3 | (u64::MAX as u128) << 64);
    r.exec(0x6f7fe420);
    assert_eq!(r.v(0), d2(1.5, 2f64.powi(63)));
    // scvtf v0.8h, v1.8h, #3: -8 / 8 = -1.0 in every lane
    r.set_v(1, 0xfff8_fff8_fff8_fff8_fff8_fff8_fff8_fff8);
    r.exec(0x4f1de420);
    assert_eq!(r.v(0), 0xbc00_bc00_bc00_bc00_bc00_bc00_bc00_bc00);
    // fcvtzs h0, h1, #3: -1.0 * 8 = -8 as a 16-bit integer, rest zeroed.
    r.set_v(1, 0xbc00);
    r.exec(0x5f1dfc20);
    assert_eq!(r.v(0), 0xfff8);
    // scvtf s0, s1, #3
    r.set_v(1, 12);
    r.exec(0x5f3de420);
    assert_eq!(r.v(0), s(1.5));
}

/// FMLAL/FMLSL/FMLAL2/FMLSL2 (FEAT_FHM, `-mattr=+fp16fml`): FPMulAddH, half-precision
/// products added to single-precision lanes with one rounding.
#[test]
fn fmlal_fmlsl() {
    use crate::fpu::FPSR_IDC;
    let mut r = Rig::new();
    // fmlal v0.2s, v1.2h, v2.2h: lanes 0..1 of Vn, Vm; the upper 64 bits are zeroed.
    r.set_v(0, 0xdead_beef_dead_beef << 64 | s(10.0) << 32 | s(1.0));
    r.set_v(1, 0x1234_5678_3800_4200); // 3.0, 0.5 (junk above)
    r.set_v(2, 0x1234_5678_c000_4400); // 4.0, -2.0
    r.exec(0x0e22ec20);
    assert_eq!(r.v(0), s(9.0) << 32 | s(13.0)); // 1 + 3*4, 10 + 0.5*-2
    assert_eq!(r.c.s.fpsr, 0);

    // fmlal2 v0.4s, v1.4h, v2.4h: halves 4..7. 2^-24 * 2^-24 = 2^-48 (exact, a
    // binary32 normal); -inf + inf*1 is Invalid (default NaN).
    r.set_v(0, s4(0.5, 0.0, 0.0, f32::NEG_INFINITY));
    r.set_v(1, 0x7c00_0001_4000_3c00u128 << 64 | 0xffff_ffff_ffff_ffff);
    r.set_v(2, 0x3c00_0001_4000_3c00u128 << 64);
    r.exec(0x6e22cc20);
    assert_eq!(
        r.v(0),
        0x7fc0_0000u128 << 96 | 0x2780_0000u128 << 64 | s(4.0) << 32 | s(1.5)
    );
    assert_eq!(r.c.s.fpsr, FPSR_IOC);
    // FPCR.FZ16 flushes the binary16 denormals (no IDC): 0 + 0*0 = +0.
    r.c.s.fpsr = 0;
    r.c.s.fpcr = 1 << 19;
    r.set_v(0, s4(0.5, 0.0, 0.0, 1.0));
    r.exec(0x6e22cc20);
    assert_eq!(r.v(0) >> 64 & 0xffff_ffff, 0);
    assert_eq!(r.v(0) >> 96, s(f32::INFINITY)); // 1 + inf * 1
    assert_eq!(r.c.s.fpsr, 0);
    // FPCR.FZ flushes a binary32 denormal addend (IDC) but not a widened half.
    r.c.s.fpcr = 1 << 24;
    r.set_v(0, s4(0.5, 0.0, 1.0e-45, 1.0));
    r.exec(0x6e22cc20);
    assert_eq!(r.v(0) >> 64 & 0xffff_ffff, 0x2780_0000);
    assert_eq!(r.c.s.fpsr, FPSR_IDC);
    r.c.s.fpcr = 0;

    // fmlsl v0.4s, v1.4h, v2.4h: Vn lanes negated first. Lane 1: a signalling NaN
    // (0x7c01, negated 0xfc01) is quieted and widened with its payload
    // (0xffc0_2000); lane 2: a quiet-NaN addend with inf * 0 is Invalid and the
    // default NaN; lane 3: a quiet NaN in Vm (0x7e05) widens to 0x7fc0_a000.
    r.c.s.fpsr = 0;
    r.set_v(0, s4(1.0, 1.0, 0.0, 2.0));
    r.c.s.z[0].0[8..12].copy_from_slice(&0x7fc1_2345u32.to_le_bytes());
    r.set_v(1, 0x8000_7c00_7c01_3c00);
    r.set_v(2, 0x7e05_0000_3c00_4200);
    r.exec(0x4ea2ec20);
    assert_eq!(
        r.v(0),
        0x7fc0_a000u128 << 96 | 0x7fc0_0000u128 << 64 | 0xffc0_2000u128 << 32 | s(-2.0)
    );
    assert_eq!(r.c.s.fpsr, FPSR_IOC);

    // fmlal v0.2s, v1.2h, v2.h[3]: one indexed half of Vm. -6 + 3*2 is an exact zero:
    // +0 in round-to-nearest, -0 when rounding towards minus infinity.
    r.set_v(0, s(-6.0) << 32 | s(0.25));
    r.set_v(1, 0x4200_3c00);
    r.set_v(2, 0x4000_1111_2222_3333);
    r.exec(0x0fb20020);
    assert_eq!(r.v(0), s(2.25));
    r.c.s.fpcr = 2 << 22;
    r.set_v(0, s(-6.0) << 32 | s(0.25));
    r.exec(0x0fb20020);
    assert_eq!(r.v(0), s(-0.0) << 32 | s(2.25));
    r.c.s.fpcr = 0;

    // fmlsl2 v0.4s, v1.4h, v2.h[7]: halves 4..7 of Vn times -(element 7 of Vm).
    r.set_v(0, 0);
    r.set_v(1, 0x4400_4200_4000_3c00u128 << 64);
    r.set_v(2, 0x3800u128 << 112);
    r.exec(0x6fb2c820);
    assert_eq!(r.v(0), s4(-0.5, -1.0, -1.5, -2.0));
    // fmlal2 v0.4s, v1.4h, v15.h[5]: Vm is a 4-bit field (V15), index H:L:M = 5.
    r.set_v(0, s4(1.0, 1.0, 1.0, 1.0));
    r.set_v(15, 0x4000u128 << 80);
    r.exec(0x6f9f8820);
    assert_eq!(r.v(0), s4(3.0, 5.0, 7.0, 9.0));

    // size<0> = 1 (bit 22) is unallocated for the vector forms.
    assert_eq!(r.exec(0x0e62ec20), Some(0));
    // Without ID_AA64ISAR0_EL1.FHM, all of them UNDEF.
    r.c.cfg.isar0 &= !(0xF << 48);
    assert_eq!(r.exec(0x0e22ec20), Some(0));
    assert_eq!(r.exec(0x0fb20020), Some(0));
}
