//! SVE floating point, hand-worked cases. Words from llvm-mc 14 (-mattr=+sve); expected
//! values worked out from the Arm ARM pseudocode (ReducePredicated's power-of-two tree,
//! FADDA's element order, FPScale, FCMLA/FCADD rotations, FPExpA, FPToFixed saturation,
//! FPTrigSMul/FPTrigSSel/FPTrigMAdd, compare NaN rules, flags from active lanes only).
//! The QEMU differential test (sve_fp_qemu.rs) covers every line with random state.

mod sve_common;
use sve_common::*;

const ONE_S: u64 = 0x3f80_0000;
const TWO24_S: u64 = 0x4b80_0000; // 2^24
const NEG_TWO24_S: u64 = 0xcb80_0000;
const IOC: u32 = 1;
const OFC: u32 = 4;
const UFC: u32 = 8;
const IXC: u32 = 16;

fn s(v: f32) -> u64 {
    v.to_bits() as u64
}

#[test]
fn faddv_is_a_power_of_two_tree_and_fadda_is_ordered_at_vq3() {
    // VL = 384 bits: 12 single lanes, padded with +0.0 to 16 for the tree.
    let mut c = cpu(3);
    setp_with(&mut c, 0, 4, |_| true);
    let mut v = vec![0u64; 12];
    v[0] = TWO24_S;
    v[7] = ONE_S;
    v[8] = ONE_S;
    v[11] = NEG_TWO24_S;
    setz(&mut c, 2, 4, &v);
    setz(&mut c, 3, 4, &[0]);
    c.s.fpsr = 0;
    run(&mut c, &[0x65802041, 0x65982043]); // faddv s1, p0, z2.s; fadda s3, p0, s3, z2.s
                                            // Tree: ((e0..e3)=2^24 + (e4..e7)=1) = 2^24+1 -> 2^24 (tie to even), and
                                            // ((e8..e11) = 1 - 2^24 exact) + padding = -(2^24-1); their sum is 1.0.
    assert_eq!(ze(&c, 1, 4, 0), ONE_S);
    // In order: 2^24 + 1 -> 2^24, + 1 -> 2^24, - 2^24 = +0.0.
    assert_eq!(ze(&c, 3, 4, 0), 0);
    assert_eq!(c.s.fpsr, IXC);
    // Scalar results zero the rest of the vector.
    assert!(zv(&c, 1, 4)[1..].iter().all(|&x| x == 0));
    z_upper_zero(&c, 1);
}

#[test]
fn reduction_identities_when_nothing_is_active() {
    for vq in [1, 4, 16] {
        let mut c = cpu(vq);
        setp_with(&mut c, 2, 2, |_| false);
        setz_with(&mut c, 7, 2, |_| 0x7c01); // signalling NaNs, all inactive
        c.s.fpsr = 0;
        run(&mut c, &[0x654428e6, 0x654628e8, 0x654728e9, 0x654028ea]);
        assert_eq!(ze(&c, 6, 2, 0), 0x7e00, "FMAXNMV: default NaN");
        assert_eq!(ze(&c, 8, 2, 0), 0xfc00, "FMAXV: -inf");
        assert_eq!(ze(&c, 9, 2, 0), 0x7c00, "FMINV: +inf");
        assert_eq!(ze(&c, 10, 2, 0), 0, "FADDV: +0");
        assert_eq!(c.s.fpsr, 0, "inactive lanes raise nothing");
    }
}

#[test]
fn flags_come_from_active_lanes_only() {
    let mut c = cpu(1);
    setp_with(&mut c, 1, 4, |i| i == 0);
    setz(&mut c, 4, 4, &[ONE_S, ONE_S, 0x7f80_0001, ONE_S]);
    setz(&mut c, 5, 4, &[ONE_S, 0x7f80_0001, ONE_S, ONE_S]);
    c.s.fpsr = 0;
    run(&mut c, &[0x658084a4]); // fadd z4.s, p1/m, z4.s, z5.s
    assert_eq!(zv(&c, 4, 4), vec![0x4000_0000, ONE_S, 0x7f80_0001, ONE_S]);
    assert_eq!(c.s.fpsr, 0);
    setp_with(&mut c, 1, 4, |i| i == 1);
    run(&mut c, &[0x658084a4]);
    // The signalling NaN of Zm is quietened and propagated; Invalid Operation.
    assert_eq!(ze(&c, 4, 4, 1), 0x7fc0_0001);
    assert_eq!(c.s.fpsr, IOC);
}

#[test]
fn fscale_rounds_once() {
    let mut c = cpu(1);
    setp_with(&mut c, 0, 4, |_| true);
    setz(&mut c, 11, 4, &[s(1.5), s(1.5), s(-3.0), 0x7f80_0000]);
    setz(
        &mut c,
        12,
        4,
        &[3, (-150i32) as u32 as u64, 0x7fff_ffff, 0x8000_0000],
    );
    c.s.fpsr = 0;
    run(&mut c, &[0x6589818b]); // fscale z11.s, p0/m, z11.s, z12.s
                                // 1.5*2^-150 = 0.75 * 2^-149: rounds to the smallest denormal (underflow, inexact);
                                // -3 * 2^(2^31-1) overflows to -inf; inf stays inf.
    assert_eq!(zv(&c, 11, 4), vec![s(12.0), 1, 0xff80_0000, 0x7f80_0000]);
    assert_eq!(c.s.fpsr, UFC | IXC | OFC);
}

#[test]
fn complex_rotations() {
    let mut c = cpu(1);
    setp_with(&mut c, 0, 4, |_| true);
    let a = [s(1.0), s(2.0), s(1.0), s(2.0)];
    let b = [s(3.0), s(4.0), s(3.0), s(4.0)];
    setz(&mut c, 14, 4, &a);
    setz(&mut c, 15, 4, &b);
    setz(&mut c, 13, 4, &[0, 0, s(10.0), s(20.0)]);
    setz(&mut c, 16, 4, &a);
    run(
        &mut c,
        &[
            0x648f21cd, // fcmla z13.s, p0/m, z14.s, z15.s, #90
            0x648081f0, // fcadd z16.s, p0/m, z16.s, z15.s, #90
        ],
    );
    // #90: re += a.im * -b.im, im += a.im * b.re.
    assert_eq!(zv(&c, 13, 4), vec![s(-8.0), s(6.0), s(2.0), s(26.0)]);
    // #90: (1+2i) + i(3+4i) = (1-4) + (2+3)i.
    assert_eq!(zv(&c, 16, 4), vec![s(-3.0), s(5.0), s(-3.0), s(5.0)]);
}

#[test]
fn fexpa_and_trig_helpers() {
    for vq in [1, 3] {
        let mut c = cpu(vq);
        // FEXPA: exponent field 127, index 32 -> 2^(32/64) = sqrt(2) = 0x3fb504f3.
        setz_with(&mut c, 18, 4, |i| {
            if i % 2 == 0 {
                127 << 6 | 32
            } else {
                128 << 6
            }
        });
        setz_with(&mut c, 25, 4, |_| s(3.0));
        setz_with(&mut c, 26, 4, |i| i as u64 & 3);
        setz_with(&mut c, 28, 4, |_| s(2.0));
        setz_with(&mut c, 29, 4, |_| s(-3.0));
        c.s.fpsr = 0;
        run(
            &mut c,
            &[
                0x04a0ba51, // fexpa z17.s, z18.s
                0x04bab338, // ftssel z24.s, z25.s, z26.s
                0x659a0f3b, // ftsmul z27.s, z25.s, z26.s
                0x659083bc, // ftmad z28.s, z28.s, z29.s, #0
            ],
        );
        let n = 4 * vq as usize;
        for i in 0..n {
            let fx = if i % 2 == 0 { 0x3fb5_04f3 } else { s(2.0) };
            assert_eq!(ze(&c, 17, 4, i), fx, "fexpa {i}");
            // op2<0> selects 1.0, op2<1> negates.
            let sel = [s(3.0), s(1.0), s(-3.0), s(-1.0)][i & 3];
            assert_eq!(ze(&c, 24, 4, i), sel, "ftssel {i}");
            // 3*3 with the sign from op2<0>.
            let sm = if i & 1 == 1 { s(-9.0) } else { s(9.0) };
            assert_eq!(ze(&c, 27, 4, i), sm, "ftsmul {i}");
            // op2 < 0 selects the cosine coefficient 1.0: 1 + 2*|-3| = 7.
            assert_eq!(ze(&c, 28, 4, i), s(7.0), "ftmad {i}");
        }
        assert_eq!(c.s.fpsr, 0);
    }
}

#[test]
fn integer_conversions_saturate_and_extend() {
    let mut c = cpu(1);
    setp_with(&mut c, 0, 8, |_| true);
    setz(&mut c, 20, 8, &[(-3.7f64).to_bits(), 1e10f64.to_bits()]);
    c.s.fpsr = 0;
    run(&mut c, &[0x65d8a293]); // fcvtzs z19.s, p0/m, z20.d
                                // The 32-bit result is sign-extended into the 64-bit container; 1e10 saturates.
    assert_eq!(zv(&c, 19, 8), vec![0xFFFF_FFFF_FFFF_FFFD, 0x7FFF_FFFF]);
    assert_eq!(c.s.fpsr, IOC | IXC);
    c.s.fpsr = 0;
    run(&mut c, &[0x65d9a295]); // fcvtzu z21.s, p0/m, z20.d
    assert_eq!(zv(&c, 21, 8), vec![0, 0xFFFF_FFFF]);
    assert_eq!(c.s.fpsr, IOC);
    // SCVTF to half from 64-bit integers: 65504 is the largest half; 65520 is the tie
    // between it and 2^16, which rounds to even: overflow to infinity.
    setz(&mut c, 23, 8, &[65504, 65520]);
    c.s.fpsr = 0;
    run(&mut c, &[0x6556a2f6]); // scvtf z22.h, p0/m, z23.d
    assert_eq!(zv(&c, 22, 8), vec![0x7bff, 0x7c00]);
    assert_eq!(c.s.fpsr, OFC | IXC);
}

#[test]
fn rounding_and_compares() {
    let mut c = cpu(1);
    setp_with(&mut c, 0, 4, |_| true);
    setz(&mut c, 2, 4, &[s(2.5), s(-2.5), s(0.5), s(3.0)]);
    c.s.fpcr = 3 << 22; // RZ for FRINTX
    c.s.fpsr = 0;
    run(&mut c, &[0x6584a041, 0x6580a043, 0x6586a044]);
    assert_eq!(zv(&c, 1, 4), vec![s(3.0), s(-3.0), s(1.0), s(3.0)]); // frinta
    assert_eq!(zv(&c, 3, 4), vec![s(2.0), s(-2.0), s(0.0), s(3.0)]); // frintn
    assert_eq!(zv(&c, 4, 4), vec![s(2.0), s(-2.0), s(0.0), s(3.0)]); // frintx, RZ
    assert_eq!(c.s.fpsr, IXC);
    c.s.fpcr = 0;

    setz(&mut c, 5, 4, &[0x7fc0_0000, s(1.0), s(2.0), s(-0.0)]);
    setz(&mut c, 6, 4, &[s(1.0), s(1.0), s(1.0), s(0.0)]);
    c.s.fpsr = 0;
    run(
        &mut c,
        &[0x658640b1, 0x658660a2, 0x6586c0a3, 0x659320a4, 0x659120b5],
    );
    assert_eq!(pv(&c, 1, 4), vec![false, false, true, false]); // fcmgt
    assert_eq!(pv(&c, 2, 4), vec![false, true, false, true]); // fcmeq: -0 == +0
    assert_eq!(pv(&c, 3, 4), vec![true, false, false, false]); // fcmuo
    assert_eq!(pv(&c, 4, 4), vec![true, true, true, false]); // fcmne #0.0
    assert_eq!(pv(&c, 5, 4), vec![false, false, false, true]); // fcmle #0.0
                                                               // FCMGT/FCMLE signal on a quiet NaN; FCMEQ/FCMUO/FCMNE do not.
    assert_eq!(c.s.fpsr, IOC);
}

#[test]
fn indexed_fmla_uses_each_segments_element() {
    let mut c = cpu(3);
    setz_with(&mut c, 8, 4, |_| s(1.0));
    // Element 1 of each 128-bit segment of Z1: 10, 20, 30.
    setz_with(&mut c, 1, 4, |i| {
        s(if i % 4 == 1 {
            10.0 * (1 + i / 4) as f32
        } else {
            0.5
        })
    });
    setz_with(&mut c, 7, 4, |i| s(i as f32));
    run(&mut c, &[0x64a90107]); // fmla z7.s, z8.s, z1.s[1]
    for i in 0..12 {
        let want = i as f32 + 10.0 * (1 + i / 4) as f32;
        assert_eq!(ze(&c, 7, 4, i), s(want), "lane {i}");
    }
    z_upper_zero(&c, 7);
}

#[test]
fn immediate_forms_at_vq16() {
    let mut c = cpu(16);
    setp_with(&mut c, 0, 8, |i| i % 3 != 0);
    setz_with(&mut c, 9, 8, |i| (i as f64).to_bits());
    setz_with(&mut c, 10, 8, |i| (i as f64).to_bits());
    run(&mut c, &[0x65d88009, 0x65da802a]); // fadd #0.5, fmul #2.0
    for i in 0..32 {
        let x = i as f64;
        let (a, m) = if i % 3 != 0 {
            (x + 0.5, 2.0 * x)
        } else {
            (x, x)
        };
        assert_eq!(ze(&c, 9, 8, i), a.to_bits());
        assert_eq!(ze(&c, 10, 8, i), m.to_bits());
    }
}
