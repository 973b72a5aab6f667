//! Tests of the soft-float core.
//!
//! Two oracles: (1) for round-to-nearest-even without FZ/DN, results (not flags) must
//! equal the host's IEEE 754 f32/f64 arithmetic (NaN results compared as NaN only, since
//! hosts propagate NaN payloads differently); (2) special values, flags and the Arm
//! NaN/flush/rounding rules, worked out by hand from the Arm ARM pseudocode (FPRound,
//! FPProcessNaNs, FPMulAdd, FPToFixed, FPRoundIntN, FPRecipEstimate, ...).

use super::*;
use proptest::prelude::*;

const RN: u32 = 0;
const RP: u32 = 1 << FPCR_RMODE_SHIFT;
const RM: u32 = 2 << FPCR_RMODE_SHIFT;
const RZ: u32 = 3 << FPCR_RMODE_SHIFT;

fn s(x: f32) -> u64 {
    x.to_bits() as u64
}
fn d(x: f64) -> u64 {
    x.to_bits()
}

/// Runs `f` with `fpcr`, returning (result, fpsr).
fn run<R>(fpcr: u32, f: impl FnOnce(u32, &mut u32) -> R) -> (R, u32) {
    let mut fpsr = 0;
    let r = f(fpcr, &mut fpsr);
    (r, fpsr)
}

fn same_f32(ours: u64, host: f32) -> bool {
    if host.is_nan() {
        is_nan::<S>(ours)
    } else {
        ours == host.to_bits() as u64
    }
}
fn same_f64(ours: u64, host: f64) -> bool {
    if host.is_nan() {
        is_nan::<D>(ours)
    } else {
        ours == host.to_bits()
    }
}

/// Bit patterns biased towards interesting exponents (tiny, huge, near 1).
fn f32_bits() -> impl Strategy<Value = u32> {
    prop_oneof![
        any::<u32>(),
        (any::<u32>(), 0u32..4).prop_map(|(x, e)| (x & 0x807F_FFFF) | e << 23),
        (any::<u32>(), 120u32..135).prop_map(|(x, e)| (x & 0x807F_FFFF) | e << 23),
        (any::<u32>(), 250u32..256).prop_map(|(x, e)| (x & 0x807F_FFFF) | e << 23),
    ]
}
fn f64_bits() -> impl Strategy<Value = u64> {
    prop_oneof![
        any::<u64>(),
        (any::<u64>(), 0u64..4).prop_map(|(x, e)| (x & 0x800F_FFFF_FFFF_FFFF) | e << 52),
        (any::<u64>(), 1010u64..1040).prop_map(|(x, e)| (x & 0x800F_FFFF_FFFF_FFFF) | e << 52),
        (any::<u64>(), 2040u64..2048).prop_map(|(x, e)| (x & 0x800F_FFFF_FFFF_FFFF) | e << 52),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn f32_arith_matches_host(a in f32_bits(), b in f32_bits(), c in f32_bits()) {
        let (x, y, z) = (f32::from_bits(a), f32::from_bits(b), f32::from_bits(c));
        let (a, b, c) = (a as u64, b as u64, c as u64);
        let mut f = 0;
        prop_assert!(same_f32(add::<S>(a, b, RN, &mut f), x + y));
        prop_assert!(same_f32(sub::<S>(a, b, RN, &mut f), x - y));
        prop_assert!(same_f32(mul::<S>(a, b, RN, &mut f), x * y));
        prop_assert!(same_f32(div::<S>(a, b, RN, &mut f), x / y));
        prop_assert!(same_f32(sqrt::<S>(a, RN, &mut f), x.sqrt()));
        prop_assert!(same_f32(muladd::<S>(c, a, b, RN, &mut f), x.mul_add(y, z)));
        prop_assert!(same_f64(convert::<S, D>(a, Rounding::TieEven, RN, &mut f), x as f64));
        prop_assert!(same_f32(round_int::<S>(a, Rounding::TieEven, false, RN, &mut f), x.round_ties_even()));
        prop_assert!(same_f32(round_int::<S>(a, Rounding::TieAway, false, RN, &mut f), x.round()));
        prop_assert!(same_f32(round_int::<S>(a, Rounding::Zero, false, RN, &mut f), x.trunc()));
        prop_assert!(same_f32(round_int::<S>(a, Rounding::NegInf, false, RN, &mut f), x.floor()));
        prop_assert!(same_f32(round_int::<S>(a, Rounding::PosInf, false, RN, &mut f), x.ceil()));
        // Rust's `as` truncates and saturates, NaN to 0: exactly FCVTZS/FCVTZU.
        prop_assert_eq!(to_fixed::<S>(a, 0, false, 32, Rounding::Zero, RN, &mut f), x as i32 as u32 as u64);
        prop_assert_eq!(to_fixed::<S>(a, 0, false, 64, Rounding::Zero, RN, &mut f), x as i64 as u64);
        prop_assert_eq!(to_fixed::<S>(a, 0, true, 32, Rounding::Zero, RN, &mut f), x as u32 as u64);
        prop_assert_eq!(to_fixed::<S>(a, 0, true, 64, Rounding::Zero, RN, &mut f), x as u64);
    }

    #[test]
    fn f64_arith_matches_host(a in f64_bits(), b in f64_bits(), c in f64_bits()) {
        let (x, y, z) = (f64::from_bits(a), f64::from_bits(b), f64::from_bits(c));
        let mut f = 0;
        prop_assert!(same_f64(add::<D>(a, b, RN, &mut f), x + y));
        prop_assert!(same_f64(sub::<D>(a, b, RN, &mut f), x - y));
        prop_assert!(same_f64(mul::<D>(a, b, RN, &mut f), x * y));
        prop_assert!(same_f64(div::<D>(a, b, RN, &mut f), x / y));
        prop_assert!(same_f64(sqrt::<D>(a, RN, &mut f), x.sqrt()));
        prop_assert!(same_f64(muladd::<D>(c, a, b, RN, &mut f), x.mul_add(y, z)));
        prop_assert!(same_f32(convert::<D, S>(a, Rounding::TieEven, RN, &mut f), x as f32));
        prop_assert!(same_f64(round_int::<D>(a, Rounding::TieEven, false, RN, &mut f), x.round_ties_even()));
        prop_assert!(same_f64(round_int::<D>(a, Rounding::TieAway, false, RN, &mut f), x.round()));
        prop_assert_eq!(to_fixed::<D>(a, 0, false, 64, Rounding::Zero, RN, &mut f), x as i64 as u64);
        prop_assert_eq!(to_fixed::<D>(a, 0, true, 32, Rounding::Zero, RN, &mut f), x as u32 as u64);
    }

    #[test]
    fn int_to_float_matches_host(v in any::<u64>()) {
        let mut f = 0;
        let rn = Rounding::TieEven;
        prop_assert_eq!(from_fixed::<D>(v, 0, false, 64, rn, RN, &mut f), d(v as i64 as f64));
        prop_assert_eq!(from_fixed::<D>(v, 0, true, 64, rn, RN, &mut f), d(v as f64));
        prop_assert_eq!(from_fixed::<S>(v, 0, false, 64, rn, RN, &mut f), s(v as i64 as f32));
        prop_assert_eq!(from_fixed::<S>(v, 0, true, 32, rn, RN, &mut f), s(v as u32 as f32));
        prop_assert_eq!(from_fixed::<S>(v, 0, false, 32, rn, RN, &mut f), s(v as u32 as i32 as f32));
    }
}

#[test]
fn tininess_is_detected_before_rounding() {
    // (1 - 2^-23) * 2^-126 * (1 + 2^-23) = 2^-126 * (1 - 2^-46): rounds up to the
    // smallest normal, but is tiny before rounding and inexact: UFC and IXC.
    let (r, f) = run(RN, |c, f| mul::<S>(0x3f7f_fffe, 0x0080_0001, c, f));
    assert_eq!(r, 0x0080_0000);
    assert_eq!(f, FPSR_UFC | FPSR_IXC);
    // Exact denormal results raise nothing.
    let (r, f) = run(RN, |c, f| mul::<S>(s(0.5), 0x0000_0002, c, f));
    assert_eq!((r, f), (1, 0));
}

#[test]
fn flush_to_zero() {
    // FZ: denormal inputs are zeros (IDC), so 1 denormal + 1 denormal = +0.
    let (r, f) = run(FPCR_FZ, |c, f| add::<S>(1, 1, c, f));
    assert_eq!((r, f), (0, FPSR_IDC));
    // A denormal result is flushed: UFC only, no IXC (FPRound flush path).
    let (r, f) = run(FPCR_FZ, |c, f| mul::<S>(s(1e-30), s(-1e-10), c, f));
    assert_eq!((r, f), (0x8000_0000, FPSR_UFC));
    // Without FZ the same product is a denormal with UFC|IXC.
    let (r, f) = run(RN, |c, f| mul::<S>(s(1e-30), s(-1e-10), c, f));
    assert_eq!(r, s(1e-30f32 * -1e-10f32));
    assert_eq!(f, FPSR_UFC | FPSR_IXC);
    // FZ16 flushes half denormals but never signals IDC; FZ does not touch half.
    let (r, f) = run(FPCR_FZ16, |c, f| add::<H>(1, 1, c, f));
    assert_eq!((r, f), (0, 0));
    let (r, f) = run(FPCR_FZ, |c, f| add::<H>(1, 1, c, f));
    assert_eq!((r, f), (2, 0));
    // FZ16 does not flush single precision.
    let (r, f) = run(FPCR_FZ16, |c, f| add::<S>(1, 1, c, f));
    assert_eq!((r, f), (2, 0));
    // IDC also comes with a NaN result: both operands are unpacked first.
    let (r, f) = run(FPCR_FZ, |c, f| add::<S>(1, 0x7f80_0001, c, f));
    assert_eq!((r, f), (0x7fc0_0001, FPSR_IDC | FPSR_IOC));
}

#[test]
fn nan_rules() {
    let qa = 0x7fc0_0aaa; // quiet NaN with a payload
    let sb = 0xff80_0bbb; // negative signalling NaN
                          // FPProcessNaNs: a signalling NaN beats an earlier quiet one, and is quieted.
    let (r, f) = run(RN, |c, f| add::<S>(qa, sb, c, f));
    assert_eq!((r, f), (0xffc0_0bbb, FPSR_IOC));
    // Two quiet NaNs: the first operand's.
    let (r, f) = run(RN, |c, f| mul::<S>(qa, 0x7fc0_0001, c, f));
    assert_eq!((r, f), (qa, 0));
    // DN: the default NaN, flags unchanged.
    let (r, f) = run(FPCR_DN, |c, f| add::<S>(sb, s(1.0), c, f));
    assert_eq!((r, f), (0x7fc0_0000, FPSR_IOC));
    // FPSub does not negate a NaN second operand.
    let (r, _) = run(RN, |c, f| sub::<D>(d(1.0), 0x7ff8_0000_0000_0001, c, f));
    assert_eq!(r, 0x7ff8_0000_0000_0001);
    // FABD clears the sign of a NaN result.
    let (r, _) = run(RN, |c, f| abd::<S>(0xffc0_0001, s(1.0), c, f));
    assert_eq!(r, 0x7fc0_0001);
    // Invalid operations give the default NaN.
    let (r, f) = run(RN, |c, f| {
        sub::<S>(s(f32::INFINITY), s(f32::INFINITY), c, f)
    });
    assert_eq!((r, f), (0x7fc0_0000, FPSR_IOC));
    let (r, f) = run(RN, |c, f| sqrt::<H>(0xbc00, c, f));
    assert_eq!((r, f), (0x7e00, FPSR_IOC));
    // sqrt(-0) = -0, no flags.
    let (r, f) = run(RN, |c, f| sqrt::<D>(1 << 63, c, f));
    assert_eq!((r, f), (1 << 63, 0));
}

#[test]
fn fused_multiply_add_rules() {
    let inf = s(f32::INFINITY);
    // FPMulAdd: a quiet NaN addend with inf*0 is still Invalid: default NaN.
    let (r, f) = run(RN, |c, f| muladd::<S>(0x7fc0_1234, inf, 0, c, f));
    assert_eq!((r, f), (0x7fc0_0000, FPSR_IOC));
    // NaN order: addend first (signalling NaNs before quiet ones).
    let (r, f) = run(RN, |c, f| {
        muladd::<S>(0x7fc0_0001, 0x7f80_0002, s(1.0), c, f)
    });
    assert_eq!((r, f), (0x7fc0_0002, FPSR_IOC));
    let (r, _) = run(RN, |c, f| {
        muladd::<S>(0x7fc0_0001, 0x7fc0_0002, s(1.0), c, f)
    });
    assert_eq!(r, 0x7fc0_0001);
    // +inf + -inf product: Invalid.
    let (r, f) = run(RN, |c, f| muladd::<S>(inf, s(-1.0), inf, c, f));
    assert_eq!((r, f), (0x7fc0_0000, FPSR_IOC));
    // Single rounding: 1 + (1+2^-23)(1-2^-23) = 2 - 2^-46 rounds to 2.0, but the
    // separately rounded product would give 2 - 2^-23 -> exact sum 2 - 2^-23.
    let (r, f) = run(RN, |c, f| {
        muladd::<S>(s(1.0), 0x3f80_0001, 0x3f7f_fffe, c, f)
    });
    assert_eq!(r, s(2.0));
    assert_eq!(f, FPSR_IXC);
    // Exact zero: -0 only when rounding towards minus infinity.
    let (r, _) = run(RN, |c, f| muladd::<S>(s(-1.0), s(1.0), s(1.0), c, f));
    assert_eq!(r, 0);
    let (r, _) = run(RM, |c, f| muladd::<S>(s(-1.0), s(1.0), s(1.0), c, f));
    assert_eq!(r, 0x8000_0000);
    // (-0) + (+0 * -1) = -0 + -0 = -0 (same-signed zeros).
    let (r, _) = run(RN, |c, f| muladd::<S>(0x8000_0000, 0, s(-1.0), c, f));
    assert_eq!(r, 0x8000_0000);
    // FRECPS: 2 - x*y; inf*0 gives exactly 2.0.
    let (r, f) = run(RN, |c, f| recip_step::<S>(inf, 0, c, f));
    assert_eq!((r, f), (s(2.0), 0));
    let (r, _) = run(RN, |c, f| recip_step::<D>(d(3.0), d(0.5), c, f));
    assert_eq!(r, d(0.5));
    // FRSQRTS: (3 - x*y)/2; inf*0 gives 1.5; a NaN in op1 comes out negated.
    let (r, _) = run(RN, |c, f| rsqrt_step::<S>(0, inf, c, f));
    assert_eq!(r, s(1.5));
    let (r, _) = run(RN, |c, f| {
        rsqrt_step::<S>(d(1.0) as u32 as u64 | 0x7fc0_0000, 0, c, f)
    });
    assert_eq!(r, 0xffc0_0000);
    let (r, _) = run(RN, |c, f| rsqrt_step::<H>(0x4000, 0x3c00, c, f));
    assert_eq!(r, 0x3800); // (3 - 2)/2 = 0.5
}

#[test]
fn rounding_modes_and_overflow() {
    let max = 0x7f7f_ffff;
    let (r, f) = run(RN, |c, f| mul::<S>(max, s(2.0), c, f));
    assert_eq!((r, f), (0x7f80_0000, FPSR_OFC | FPSR_IXC));
    let (r, _) = run(RZ, |c, f| mul::<S>(max, s(2.0), c, f));
    assert_eq!(r, max);
    let (r, _) = run(RP, |c, f| mul::<S>(max, s(-2.0), c, f));
    assert_eq!(r, 0xff7f_ffff);
    let (r, _) = run(RM, |c, f| mul::<S>(max, s(-2.0), c, f));
    assert_eq!(r, 0xff80_0000);
    // 1 + 2^-24 is a tie: RN to even (1.0), RP up, RM/RZ down.
    let tiny = s(2f32.powi(-24));
    assert_eq!(run(RN, |c, f| add::<S>(s(1.0), tiny, c, f)).0, s(1.0));
    assert_eq!(run(RP, |c, f| add::<S>(s(1.0), tiny, c, f)).0, 0x3f80_0001);
    assert_eq!(run(RM, |c, f| add::<S>(s(1.0), tiny, c, f)).0, s(1.0));
    assert_eq!(
        run(RZ, |c, f| add::<S>(s(-1.0), s(-2f32.powi(-24)), c, f)).0,
        s(-1.0)
    );
    assert_eq!(
        run(RM, |c, f| add::<S>(s(-1.0), s(-2f32.powi(-24)), c, f)).0,
        0xbf80_0001
    );
    // x - x is +0 except under RM.
    assert_eq!(run(RN, |c, f| sub::<D>(d(5.0), d(5.0), c, f)).0, 0);
    assert_eq!(run(RM, |c, f| sub::<D>(d(5.0), d(5.0), c, f)).0, 1 << 63);
    // Half precision: 65504 + 16 rounds (tie, even) to infinity in RN.
    let (r, f) = run(RN, |c, f| add::<H>(0x7bff, 0x4c00, c, f));
    assert_eq!((r, f), (0x7c00, FPSR_OFC | FPSR_IXC));
    // Division by zero.
    let (r, f) = run(RN, |c, f| div::<H>(0xbc00, 0, c, f));
    assert_eq!((r, f), (0xfc00, FPSR_DZC));
}

#[test]
fn min_max_rules() {
    let (nz, pz) = (0x8000_0000u64, 0u64);
    assert_eq!(run(RN, |c, f| max::<S>(nz, pz, c, f)).0, pz);
    assert_eq!(run(RN, |c, f| max::<S>(pz, nz, c, f)).0, pz);
    assert_eq!(run(RN, |c, f| min::<S>(pz, nz, c, f)).0, nz);
    assert_eq!(run(RN, |c, f| min::<S>(nz, pz, c, f)).0, nz);
    // FMAX propagates NaNs; FMAXNM ignores a single quiet NaN.
    assert_eq!(
        run(RN, |c, f| max::<S>(0x7fc0_0001, s(1.0), c, f)),
        (0x7fc0_0001, 0)
    );
    assert_eq!(
        run(RN, |c, f| maxnum::<S>(0x7fc0_0001, s(1.0), c, f)),
        (s(1.0), 0)
    );
    assert_eq!(
        run(RN, |c, f| minnum::<S>(s(-3.0), 0xffc0_0001, c, f)),
        (s(-3.0), 0)
    );
    // ... but not a signalling one.
    assert_eq!(
        run(RN, |c, f| maxnum::<S>(0x7f80_0001, s(1.0), c, f)),
        (0x7fc0_0001, FPSR_IOC)
    );
    // A flushed denormal is a zero: max(+denormal, -0) under FZ = +0, IDC.
    assert_eq!(run(FPCR_FZ, |c, f| max::<S>(5, nz, c, f)), (0, FPSR_IDC));
}

#[test]
fn compares() {
    let nan = 0x7fc0_0000;
    let snan = 0x7f80_0001;
    assert_eq!(
        run(RN, |c, f| compare::<S>(s(1.0), nan, false, c, f)),
        (0x3 << 28, 0)
    );
    assert_eq!(
        run(RN, |c, f| compare::<S>(s(1.0), nan, true, c, f)),
        (0x3 << 28, FPSR_IOC)
    );
    assert_eq!(
        run(RN, |c, f| compare::<S>(s(1.0), snan, false, c, f)),
        (0x3 << 28, FPSR_IOC)
    );
    assert_eq!(
        run(RN, |c, f| compare::<S>(0x8000_0000, 0, false, c, f)).0,
        0x6 << 28
    );
    assert_eq!(
        run(RN, |c, f| compare::<D>(d(-2.0), d(1.0), false, c, f)).0,
        0x8 << 28
    );
    assert_eq!(
        run(RN, |c, f| compare::<H>(0x3c00, 0xbc00, false, c, f)).0,
        0x2 << 28
    );
    // FCMEQ is quiet, FCMGE/FCMGT signal on any NaN.
    assert_eq!(run(RN, |c, f| cmp_eq::<S>(nan, nan, c, f)), (false, 0));
    assert_eq!(
        run(RN, |c, f| cmp_ge::<S>(nan, s(1.0), c, f)),
        (false, FPSR_IOC)
    );
    assert_eq!(run(RN, |c, f| cmp_gt::<S>(s(2.0), s(1.0), c, f)), (true, 0));
    assert_eq!(run(RN, |c, f| cmp_ge::<S>(0x8000_0000, 0, c, f)), (true, 0));
}

#[test]
fn to_and_from_integers() {
    let rz = Rounding::Zero;
    // Saturation with IOC only (no IXC).
    assert_eq!(
        run(RN, |c, f| to_fixed::<S>(
            s(2147483648.0),
            0,
            false,
            32,
            rz,
            c,
            f
        )),
        (0x7fff_ffff, FPSR_IOC)
    );
    // Unsigned: -0.5 truncates to 0 (Inexact), -1.5 to -1, which saturates (Invalid).
    assert_eq!(
        run(RN, |c, f| to_fixed::<S>(s(-0.5), 0, true, 32, rz, c, f)),
        (0, FPSR_IXC)
    );
    assert_eq!(
        run(RN, |c, f| to_fixed::<S>(s(-1.5), 0, true, 32, rz, c, f)),
        (0, FPSR_IOC)
    );
    assert_eq!(
        run(RN, |c, f| to_fixed::<S>(s(-2.0), 0, true, 64, rz, c, f)),
        (0, FPSR_IOC)
    );
    assert_eq!(
        run(RN, |c, f| to_fixed::<D>(
            0x7ff8_0000_0000_0000,
            0,
            false,
            64,
            rz,
            c,
            f
        )),
        (0, FPSR_IOC)
    );
    // Ties: FCVTAS away from zero, FCVTNS to even.
    assert_eq!(
        run(RN, |c, f| to_fixed::<D>(
            d(-2.5),
            0,
            false,
            64,
            Rounding::TieAway,
            c,
            f
        )),
        ((-3i64) as u64, FPSR_IXC)
    );
    assert_eq!(
        run(RN, |c, f| to_fixed::<D>(
            d(-2.5),
            0,
            false,
            64,
            Rounding::TieEven,
            c,
            f
        )),
        ((-2i64) as u64, FPSR_IXC)
    );
    // FCVTMS/FCVTPS.
    assert_eq!(
        run(RN, |c, f| to_fixed::<S>(
            s(-0.25),
            0,
            false,
            32,
            Rounding::NegInf,
            c,
            f
        ))
        .0,
        0xffff_ffff
    );
    assert_eq!(
        run(RN, |c, f| to_fixed::<S>(
            s(0.25),
            0,
            false,
            32,
            Rounding::PosInf,
            c,
            f
        ))
        .0,
        1
    );
    // Fixed point: 1.75 with 4 fraction bits = 28; half to a 16-bit lane saturates.
    assert_eq!(
        run(RN, |c, f| to_fixed::<S>(s(1.75), 4, false, 32, rz, c, f)),
        (28, 0)
    );
    assert_eq!(
        run(RN, |c, f| to_fixed::<H>(0x7bff, 0, false, 16, rz, c, f)),
        (0x7fff, FPSR_IOC)
    );
    // SCVTF with fbits: -1 / 2^4 = -0.0625.
    assert_eq!(
        run(RN, |c, f| from_fixed::<S>(
            u64::MAX,
            4,
            false,
            64,
            Rounding::TieEven,
            c,
            f
        )),
        (s(-0.0625), 0)
    );
    // UCVTF of a 16-bit lane 0xffff to half: 65535 rounds to 65536 = overflow in RN.
    assert_eq!(
        run(RN, |c, f| from_fixed::<H>(
            0xffff,
            0,
            true,
            16,
            Rounding::TieEven,
            c,
            f
        )),
        (0x7c00, FPSR_OFC | FPSR_IXC)
    );
    // ... but towards zero it truncates to 65504 before the overflow check: IXC only.
    assert_eq!(
        run(RZ, |c, f| from_fixed::<H>(
            0xffff,
            0,
            true,
            16,
            Rounding::Zero,
            c,
            f
        )),
        (0x7bff, FPSR_IXC)
    );
}

#[test]
fn round_to_integral() {
    // FRINTX signals inexact, FRINTI does not.
    assert_eq!(
        run(RN, |c, f| round_int::<S>(
            s(2.5),
            Rounding::TieEven,
            true,
            c,
            f
        )),
        (s(2.0), FPSR_IXC)
    );
    assert_eq!(
        run(RN, |c, f| round_int::<S>(
            s(2.5),
            Rounding::TieEven,
            false,
            c,
            f
        )),
        (s(2.0), 0)
    );
    // Sign of a zero result follows the operand.
    assert_eq!(
        run(RN, |c, f| round_int::<D>(
            d(-0.4),
            Rounding::TieEven,
            false,
            c,
            f
        ))
        .0,
        1 << 63
    );
    // FRINTP of the smallest denormal is 1.0.
    assert_eq!(
        run(RN, |c, f| round_int::<S>(1, Rounding::PosInf, false, c, f)).0,
        s(1.0)
    );
    // FRINT32Z: out of range gives -2^31 and Invalid (no Inexact).
    assert_eq!(
        run(RN, |c, f| round_int_n::<S>(
            s(2147483648.0),
            Rounding::Zero,
            32,
            c,
            f
        )),
        (s(-2147483648.0), FPSR_IOC)
    );
    assert_eq!(
        run(RN, |c, f| round_int_n::<D>(
            d(-2147483648.9),
            Rounding::Zero,
            32,
            c,
            f
        )),
        (d(-2147483648.0), FPSR_IXC)
    );
    assert_eq!(
        run(RN, |c, f| round_int_n::<D>(
            d(f64::NAN),
            Rounding::Zero,
            64,
            c,
            f
        )),
        (d(-9223372036854775808.0), FPSR_IOC)
    );
    assert_eq!(
        run(RN, |c, f| round_int_n::<S>(
            s(-0.5),
            Rounding::TieEven,
            64,
            c,
            f
        )),
        (0x8000_0000, FPSR_IXC)
    );
}

#[test]
fn conversions() {
    let rn = Rounding::TieEven;
    // Half <-> single with AHP: 2^16 exists in the alternative format (exponent 31).
    assert_eq!(
        run(FPCR_AHP, |c, f| convert::<S, H>(s(65536.0), rn, c, f)),
        (0x7c00, 0)
    );
    assert_eq!(
        run(FPCR_AHP, |c, f| convert::<H, S>(0x7c00, rn, c, f)),
        (s(65536.0), 0)
    );
    assert_eq!(
        run(RN, |c, f| convert::<H, S>(0x7c00, rn, c, f)),
        (s(f32::INFINITY), 0)
    );
    // AHP: infinity saturates with Invalid, NaN becomes zero with Invalid.
    assert_eq!(
        run(FPCR_AHP, |c, f| convert::<S, H>(
            s(f32::NEG_INFINITY),
            rn,
            c,
            f
        )),
        (0xffff, FPSR_IOC)
    );
    assert_eq!(
        run(FPCR_AHP, |c, f| convert::<D, H>(
            0xfff8_0000_0000_0000,
            rn,
            c,
            f
        )),
        (0x8000, FPSR_IOC)
    );
    // AHP overflow beyond 131008 is Invalid, not Overflow.
    assert_eq!(
        run(FPCR_AHP, |c, f| convert::<S, H>(s(1e6), rn, c, f)),
        (0x7fff, FPSR_IOC)
    );
    // NaN conversion keeps the top payload bits and quiets.
    // sNaN 0xffa00001 -> quiet fraction 0x600001, shifted up 29 bits.
    assert_eq!(
        run(RN, |c, f| convert::<S, D>(0xffa0_0001, rn, c, f)),
        (0xfffc_0000_2000_0000, FPSR_IOC)
    );
    assert_eq!(
        run(RN, |c, f| convert::<D, H>(0x7ff0_0400_0000_0000, rn, c, f)),
        (0x7e01, FPSR_IOC)
    );
    // FZ16 does not apply to conversions; FZ flushes a single-precision input.
    assert_eq!(
        run(FPCR_FZ16, |c, f| convert::<H, S>(1, rn, c, f)),
        (s(2f32.powi(-24)), 0)
    );
    assert_eq!(
        run(FPCR_FZ, |c, f| convert::<S, D>(1, rn, c, f)),
        (0, FPSR_IDC)
    );
    // Half denormal output is not flushed even with FZ16.
    assert_eq!(
        run(FPCR_FZ16, |c, f| convert::<S, H>(
            s(2f32.powi(-24)),
            rn,
            c,
            f
        )),
        (1, 0)
    );
    // FCVTXN: round to odd. 1 + 2^-30 -> 1 + 2^-23 (odd), inexact.
    assert_eq!(
        run(RN, |c, f| convert::<D, S>(
            d(1.0 + 2f64.powi(-30)),
            Rounding::Odd,
            c,
            f
        )),
        (0x3f80_0001, FPSR_IXC)
    );
    // Round to odd never overflows to infinity.
    assert_eq!(
        run(RN, |c, f| convert::<D, S>(d(1e300), Rounding::Odd, c, f)),
        (0x7f7f_ffff, FPSR_OFC | FPSR_IXC)
    );
}

#[test]
fn estimates() {
    // FRECPE(1.0) = 0.998046875 (estimate 511/512), FRSQRTE(1.0) likewise.
    assert_eq!(
        run(RN, |c, f| recip_estimate_fp::<S>(s(1.0), c, f)),
        (0x3f7f_8000, 0)
    );
    assert_eq!(
        run(RN, |c, f| rsqrt_estimate_fp::<S>(s(1.0), c, f)),
        (0x3f7f_8000, 0)
    );
    // FRSQRTE(4.0) = 0.5 * 511/512 (exponent even: scaled 0.5..1 -> 256, a = 514).
    assert_eq!(
        run(RN, |c, f| rsqrt_estimate_fp::<D>(d(4.0), c, f)).0,
        d(0.5 * 511.0 / 512.0)
    );
    // FRECPE(-2.0) = -0.5 * 511/512; of zero: infinity with DZC.
    assert_eq!(
        run(RN, |c, f| recip_estimate_fp::<D>(d(-2.0), c, f)).0,
        d(-0.5 * 511.0 / 512.0)
    );
    assert_eq!(
        run(RN, |c, f| recip_estimate_fp::<H>(0x8000, c, f)),
        (0xfc00, FPSR_DZC)
    );
    // A tiny input overflows: infinity in RN, max normal in RZ.
    assert_eq!(
        run(RN, |c, f| recip_estimate_fp::<S>(1, c, f)),
        (0x7f80_0000, FPSR_OFC | FPSR_IXC)
    );
    assert_eq!(
        run(RZ, |c, f| recip_estimate_fp::<S>(1, c, f)).0,
        0x7f7f_ffff
    );
    // A huge input with FZ: zero, UFC.
    assert_eq!(
        run(FPCR_FZ, |c, f| recip_estimate_fp::<S>(s(1e38), c, f)),
        (0, FPSR_UFC)
    );
    // FRSQRTE of a negative number: default NaN, IOC; of +inf: +0.
    assert_eq!(
        run(RN, |c, f| rsqrt_estimate_fp::<S>(s(-4.0), c, f)),
        (0x7fc0_0000, FPSR_IOC)
    );
    assert_eq!(
        run(RN, |c, f| rsqrt_estimate_fp::<S>(s(f32::INFINITY), c, f)).0,
        0
    );
    // FRECPX: exponent inverted, fraction cleared; zero/denormal get max_exp.
    assert_eq!(run(RN, |c, f| recpx::<S>(s(1.5), c, f)).0, s(2.0));
    assert_eq!(run(RN, |c, f| recpx::<D>(1, c, f)).0, 0x7fe0_0000_0000_0000);
    assert_eq!(run(RN, |c, f| recpx::<H>(0xfc00, c, f)).0, 0x8000);
}

#[test]
fn javascript_convert() {
    assert_eq!(run(RN, |c, f| to_int_js(d(-0.0), c, f)), ((0, false), 0));
    assert_eq!(run(RN, |c, f| to_int_js(d(0.0), c, f)), ((0, true), 0));
    assert_eq!(
        run(RN, |c, f| to_int_js(d(-7.0), c, f)),
        (((-7i32) as u32, true), 0)
    );
    assert_eq!(
        run(RN, |c, f| to_int_js(d(1.5), c, f)),
        ((1, false), FPSR_IXC)
    );
    // Out of range: modulo 2^32, Invalid.
    assert_eq!(
        run(RN, |c, f| to_int_js(d(4294967301.0), c, f)),
        ((5, false), FPSR_IOC)
    );
    assert_eq!(
        run(RN, |c, f| to_int_js(d(-2147483648.0), c, f)),
        ((0x8000_0000, true), 0)
    );
    assert_eq!(
        run(RN, |c, f| to_int_js(d(f64::INFINITY), c, f)),
        ((0, false), FPSR_IOC)
    );
    // A positive denormal flushed by FZ: value 0 but not exactly zero.
    assert_eq!(
        run(FPCR_FZ, |c, f| to_int_js(1, c, f)),
        ((0, false), FPSR_IDC)
    );
}
