//! Floating point with Arm's semantics (FPCR rounding, FZ, FZ16, DN, AHP; FPSR cumulative
//! flags; NaN propagation and the default NaN), independent of the host's FPU.
//!
//! Everything here is exact integer soft-float written after the Arm ARM pseudocode
//! (FPUnpack, FPProcessNaNs, FPRound, FPMulAdd, FPToFixed, FPRoundInt, FPRecipEstimate,
//! ...). There are no host-float fast paths, so the results and the FPSR flags are the
//! same on every host and in every rounding mode.
//!
//! Values are raw bit patterns carried in a `u64` (binary16 in bits 15:0, binary32 in
//! 31:0, binary64 in 63:0); the format is a type parameter, one of [`H`], [`S`], [`D`]:
//! `fpu::add::<S>(a, b, fpcr, &mut fpsr)`. Every operation takes the FPCR value and
//! ORs the cumulative exception flags it raises into `fpsr` (floating-point exception
//! traps are not implemented: FPCR.{IOE,..,IDE} read as zero, as on most cores).
//! Bits of the input above the format's width are ignored; results have them clear.
//!
//! Tininess: the Arm ARM's FPRound decides underflow on the value *before* rounding
//! (biased exponent 0 before the rounding step), and so does this module; QEMU agrees
//! (FMUL 0x3f7ffffe * 0x00800001 = 0x00800000 with UFC set).

/// FPCR.AHP: alternative half precision (conversions only).
pub const FPCR_AHP: u32 = 1 << 26;
/// FPCR.DN: default NaN.
pub const FPCR_DN: u32 = 1 << 25;
/// FPCR.FZ: flush denormals to zero (single and double precision).
pub const FPCR_FZ: u32 = 1 << 24;
/// FPCR.RMode shift (bits 23:22).
pub const FPCR_RMODE_SHIFT: u32 = 22;
/// FPCR.FZ16: flush denormals to zero (half precision, FEAT_FP16).
pub const FPCR_FZ16: u32 = 1 << 19;
/// FPCR bits that are writable on this CPU (AHP, DN, FZ, RMode, FZ16).
pub const FPCR_MASK: u32 = FPCR_AHP | FPCR_DN | FPCR_FZ | 3 << FPCR_RMODE_SHIFT | FPCR_FZ16;

/// FPSR.IOC: invalid operation.
pub const FPSR_IOC: u32 = 1 << 0;
/// FPSR.DZC: division by zero.
pub const FPSR_DZC: u32 = 1 << 1;
/// FPSR.OFC: overflow.
pub const FPSR_OFC: u32 = 1 << 2;
/// FPSR.UFC: underflow.
pub const FPSR_UFC: u32 = 1 << 3;
/// FPSR.IXC: inexact.
pub const FPSR_IXC: u32 = 1 << 4;
/// FPSR.IDC: input denormal.
pub const FPSR_IDC: u32 = 1 << 7;
/// FPSR.QC: cumulative saturation (integer Advanced SIMD).
pub const FPSR_QC: u32 = 1 << 27;

/// A rounding mode: FPCR.RMode or one an instruction specifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    /// Round to nearest, ties to even (RN).
    TieEven,
    /// Towards plus infinity (RP).
    PosInf,
    /// Towards minus infinity (RM).
    NegInf,
    /// Towards zero (RZ).
    Zero,
    /// Round to nearest, ties away from zero (FCVTA*, FRINTA).
    TieAway,
    /// Round to odd (FCVTXN).
    Odd,
}

impl Rounding {
    /// FPRoundingMode(FPCR).
    #[inline]
    pub fn from_fpcr(fpcr: u32) -> Rounding {
        Rounding::from_rmode(fpcr >> FPCR_RMODE_SHIFT)
    }
    /// The 2-bit RMode encoding (00 RN, 01 RP, 10 RM, 11 RZ), as FPCR and the rmode
    /// fields of FCVT*/FRINT* encode it.
    #[inline]
    pub fn from_rmode(rmode: u32) -> Rounding {
        match rmode & 3 {
            0 => Rounding::TieEven,
            1 => Rounding::PosInf,
            2 => Rounding::NegInf,
            _ => Rounding::Zero,
        }
    }
}

/// An IEEE 754 binary interchange format.
pub trait Fmt: Copy + 'static {
    /// Width in bits.
    const N: u32;
    /// Exponent bits.
    const E: u32;
    /// Fraction bits.
    const F: u32;
    /// Exponent bias.
    const BIAS: i32 = (1 << (Self::E - 1)) - 1;
    /// Mask of the format's bits.
    const MASK: u64 = if Self::N == 64 {
        u64::MAX
    } else {
        (1u64 << Self::N) - 1
    };
    /// Sign bit.
    const SIGN: u64 = 1u64 << (Self::N - 1);
    /// Fraction mask.
    const FRAC: u64 = (1u64 << Self::F) - 1;
    /// All-ones biased exponent.
    const EMAX: u64 = (1u64 << Self::E) - 1;
    /// The quiet bit (top fraction bit).
    const QUIET: u64 = 1u64 << (Self::F - 1);
    /// Is this binary16 (flushed by FPCR.FZ16 rather than FZ, no IDC on input flush)?
    const HALF: bool = Self::N == 16;
}

/// binary16 (half precision).
#[derive(Clone, Copy, Debug)]
pub enum H {}
/// binary32 (single precision).
#[derive(Clone, Copy, Debug)]
pub enum S {}
/// binary64 (double precision).
#[derive(Clone, Copy, Debug)]
pub enum D {}

impl Fmt for H {
    const N: u32 = 16;
    const E: u32 = 5;
    const F: u32 = 10;
}
impl Fmt for S {
    const N: u32 = 32;
    const E: u32 = 8;
    const F: u32 = 23;
}
impl Fmt for D {
    const N: u32 = 64;
    const E: u32 = 11;
    const F: u32 = 52;
}

// ---------------------------------------------------------------------------------
// Constants and bit-level helpers.

/// FPDefaultNaN: positive, quiet, all other fraction bits zero.
#[inline]
pub fn default_nan<T: Fmt>() -> u64 {
    T::EMAX << T::F | T::QUIET
}
/// FPZero(sign).
#[inline]
pub fn zero<T: Fmt>(sign: bool) -> u64 {
    if sign {
        T::SIGN
    } else {
        0
    }
}
/// FPInfinity(sign).
#[inline]
pub fn inf<T: Fmt>(sign: bool) -> u64 {
    zero::<T>(sign) | T::EMAX << T::F
}
/// FPMaxNormal(sign).
#[inline]
pub fn max_normal<T: Fmt>(sign: bool) -> u64 {
    zero::<T>(sign) | (T::EMAX - 1) << T::F | T::FRAC
}
/// A small power-of-two-ish constant: sign, unbiased exponent, fraction bits from the
/// top (used for FPTwo, FPOnePointFive, FPThree).
#[inline]
fn const_val<T: Fmt>(sign: bool, exp: i32, top_frac: u64) -> u64 {
    zero::<T>(sign) | ((exp + T::BIAS) as u64) << T::F | top_frac << (T::F - 1)
}
/// FPNeg: flips the sign bit (NaNs included).
#[inline]
pub fn neg<T: Fmt>(x: u64) -> u64 {
    (x ^ T::SIGN) & T::MASK
}
/// FPAbs: clears the sign bit (NaNs included).
#[inline]
pub fn abs<T: Fmt>(x: u64) -> u64 {
    x & T::MASK & !T::SIGN
}
/// Is `x` a NaN (either kind)?
#[inline]
pub fn is_nan<T: Fmt>(x: u64) -> bool {
    (x >> T::F) & T::EMAX == T::EMAX && x & T::FRAC != 0
}

#[inline]
fn flush_in<T: Fmt>(fpcr: u32) -> bool {
    if T::HALF {
        fpcr & FPCR_FZ16 != 0
    } else {
        fpcr & FPCR_FZ != 0
    }
}

// ---------------------------------------------------------------------------------
// FPUnpack.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ty {
    Zero,
    /// Normal or denormal: a finite non-zero value.
    Num,
    Inf,
    QNaN,
    SNaN,
}

/// An unpacked operand. For `Num`, value = mant * 2^exp with mant normalized so that
/// its most significant bit is bit F (denormals included).
#[derive(Clone, Copy, Debug)]
struct Unp {
    ty: Ty,
    sign: bool,
    exp: i32,
    mant: u64,
}

impl Unp {
    #[inline]
    fn is_nan(&self) -> bool {
        matches!(self.ty, Ty::QNaN | Ty::SNaN)
    }
}

/// FPUnpackBase. `flush`: denormal inputs become zeros (FZ, or FZ16 for half; IDC is
/// raised for single/double only: FZ16 never signals Input Denormal). `ahp`: binary16
/// in the alternative format (exponent 31 is an ordinary exponent).
#[inline]
fn unpack_base<T: Fmt>(x: u64, flush: bool, ahp: bool, fpsr: &mut u32) -> Unp {
    let sign = x & T::SIGN != 0;
    let e = (x >> T::F) & T::EMAX;
    let f = x & T::FRAC;
    if e == 0 {
        if f == 0 || flush {
            if f != 0 && !T::HALF {
                *fpsr |= FPSR_IDC;
            }
            return Unp {
                ty: Ty::Zero,
                sign,
                exp: 0,
                mant: 0,
            };
        }
        let sh = T::F + 1 - (64 - f.leading_zeros());
        return Unp {
            ty: Ty::Num,
            sign,
            exp: 1 - T::BIAS - T::F as i32 - sh as i32,
            mant: f << sh,
        };
    }
    if e == T::EMAX && !(T::HALF && ahp) {
        let ty = if f == 0 {
            Ty::Inf
        } else if f & T::QUIET != 0 {
            Ty::QNaN
        } else {
            Ty::SNaN
        };
        return Unp {
            ty,
            sign,
            exp: 0,
            mant: 0,
        };
    }
    Unp {
        ty: Ty::Num,
        sign,
        exp: e as i32 - T::BIAS - T::F as i32,
        mant: f | 1 << T::F,
    }
}

/// FPUnpack: arithmetic (AHP ignored).
#[inline]
fn unpack<T: Fmt>(x: u64, fpcr: u32, fpsr: &mut u32) -> Unp {
    unpack_base::<T>(x & T::MASK, flush_in::<T>(fpcr), false, fpsr)
}

/// FPUnpackCV: conversions (FZ16 ignored, AHP honoured for half).
#[inline]
fn unpack_cv<T: Fmt>(x: u64, fpcr: u32, fpsr: &mut u32) -> Unp {
    let flush = !T::HALF && fpcr & FPCR_FZ != 0;
    unpack_base::<T>(x & T::MASK, flush, fpcr & FPCR_AHP != 0, fpsr)
}

// ---------------------------------------------------------------------------------
// NaN processing.

/// FPProcessNaN: quiets a signalling NaN (raising IOC); default NaN under FPCR.DN.
#[inline]
fn process_nan<T: Fmt>(ty: Ty, x: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    let mut r = x & T::MASK;
    if ty == Ty::SNaN {
        r |= T::QUIET;
        *fpsr |= FPSR_IOC;
    }
    if fpcr & FPCR_DN != 0 {
        r = default_nan::<T>();
    }
    r
}

/// FPProcessNaNs: signalling NaNs first in operand order, then quiet NaNs.
#[inline]
fn process_nans<T: Fmt>(
    a: &Unp,
    x: u64,
    b: &Unp,
    y: u64,
    fpcr: u32,
    fpsr: &mut u32,
) -> Option<u64> {
    if a.ty == Ty::SNaN {
        Some(process_nan::<T>(a.ty, x, fpcr, fpsr))
    } else if b.ty == Ty::SNaN {
        Some(process_nan::<T>(b.ty, y, fpcr, fpsr))
    } else if a.ty == Ty::QNaN {
        Some(process_nan::<T>(a.ty, x, fpcr, fpsr))
    } else if b.ty == Ty::QNaN {
        Some(process_nan::<T>(b.ty, y, fpcr, fpsr))
    } else {
        None
    }
}

/// FPProcessNaNs3.
#[inline]
fn process_nans3<T: Fmt>(ops: [(&Unp, u64); 3], fpcr: u32, fpsr: &mut u32) -> Option<u64> {
    for want in [Ty::SNaN, Ty::QNaN] {
        for (u, x) in ops {
            if u.ty == want {
                return Some(process_nan::<T>(u.ty, x, fpcr, fpsr));
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------------
// FPRound.

/// FPRoundBase: rounds the value sign * (mant + δ) * 2^exp, where δ is in (0, 1) if
/// `sticky` and 0 otherwise, to format T. `mant` must be non-zero, and when `sticky`
/// is set it must carry at least F+3 significant bits (every caller gives ~60+).
/// `flush`: FZ/FZ16 as applies to this rounding; `ahp`: alternative half precision.
#[allow(clippy::too_many_arguments)]
fn round_base<T: Fmt>(
    sign: bool,
    exp: i32,
    mant: u128,
    sticky: bool,
    rm: Rounding,
    flush: bool,
    ahp: bool,
    fpsr: &mut u32,
) -> u64 {
    debug_assert!(mant != 0);
    let f = T::F as i32;
    let msb = 127 - mant.leading_zeros() as i32;
    let e = exp + msb;
    let emin = 1 - T::BIAS;
    if flush && e < emin {
        // Flush-to-zero of the result: UFC only, never IXC.
        *fpsr |= FPSR_UFC;
        return zero::<T>(sign);
    }
    let mut biased = if e < emin { 0 } else { e - emin + 1 };
    let shift = e.max(emin) - f - exp;
    let (mut m, guard, st) = if shift <= 0 {
        // Exact (no bits drop); a sticky δ is then well below half an ulp.
        (mant << (-shift).min(127), false, sticky)
    } else if shift > 128 {
        (0u128, false, true)
    } else if shift == 128 {
        (0u128, mant >> 127 != 0, mant << 1 != 0 || sticky)
    } else {
        let rem = mant & ((1u128 << shift) - 1);
        let half = 1u128 << (shift - 1);
        (
            mant >> shift,
            rem & half != 0,
            rem & (half - 1) != 0 || sticky,
        )
    };
    let inexact = guard || st;
    if biased == 0 && inexact {
        *fpsr |= FPSR_UFC;
    }
    let (round_up, overflow_to_inf) = match rm {
        Rounding::TieEven => (guard && (st || m & 1 != 0), true),
        Rounding::TieAway => (guard, true),
        Rounding::PosInf => (inexact && !sign, !sign),
        Rounding::NegInf => (inexact && sign, sign),
        Rounding::Zero | Rounding::Odd => (false, false),
    };
    if round_up {
        m += 1;
        if m == 1u128 << f {
            biased = 1;
        }
        if m == 1u128 << (f + 1) {
            biased += 1;
            m >>= 1;
        }
    }
    if inexact && rm == Rounding::Odd {
        m |= 1;
    }
    let s = zero::<T>(sign);
    if !(T::HALF && ahp) {
        if biased >= T::EMAX as i32 {
            *fpsr |= FPSR_OFC | FPSR_IXC;
            return if overflow_to_inf {
                inf::<T>(sign)
            } else {
                max_normal::<T>(sign)
            };
        }
    } else if biased > T::EMAX as i32 {
        // The alternative format has no infinity: overflow is an Invalid Operation.
        *fpsr |= FPSR_IOC;
        return s | (T::MASK >> 1);
    }
    if inexact {
        *fpsr |= FPSR_IXC;
    }
    s | (biased as u64) << T::F | (m as u64 & T::FRAC)
}

/// FPRound (arithmetic: FZ/FZ16 apply, AHP does not).
#[inline]
fn round<T: Fmt>(
    sign: bool,
    exp: i32,
    mant: u128,
    sticky: bool,
    rm: Rounding,
    fpcr: u32,
    fpsr: &mut u32,
) -> u64 {
    round_base::<T>(
        sign,
        exp,
        mant,
        sticky,
        rm,
        flush_in::<T>(fpcr),
        false,
        fpsr,
    )
}

/// FPRoundCV (conversions: FZ16 does not apply, AHP does).
#[inline]
fn round_cv<T: Fmt>(
    sign: bool,
    exp: i32,
    mant: u128,
    rm: Rounding,
    fpcr: u32,
    fpsr: &mut u32,
) -> u64 {
    let flush = !T::HALF && fpcr & FPCR_FZ != 0;
    round_base::<T>(
        sign,
        exp,
        mant,
        false,
        rm,
        flush,
        fpcr & FPCR_AHP != 0,
        fpsr,
    )
}

// ---------------------------------------------------------------------------------
// Exact arithmetic on unpacked values.

/// Normalizes a non-zero mantissa so that its top bit is bit 124.
#[inline]
fn norm124(m: u128, e: i32) -> (u128, i32) {
    let sh = m.leading_zeros() as i32 - 3;
    if sh >= 0 {
        (m << sh, e - sh)
    } else {
        // Callers never pass more than 125 significant bits.
        (m >> -sh, e - sh)
    }
}

/// Exact sum of two non-zero values given normalized at bit 124 (see [`norm124`]):
/// `None` if it is exactly zero, else (sign, exp, mant, sticky) for [`round`].
fn add_norm(
    sa: bool,
    ea: i32,
    ma: u128,
    sb: bool,
    eb: i32,
    mb: u128,
) -> Option<(bool, i32, u128, bool)> {
    let (sa, ea, ma, sb, eb, mb) = if ea >= eb {
        (sa, ea, ma, sb, eb, mb)
    } else {
        (sb, eb, mb, sa, ea, ma)
    };
    let d = (ea - eb) as u32;
    let (small, sticky) = if d >= 128 {
        (0u128, true)
    } else {
        (mb >> d, mb & ((1u128 << d) - 1) != 0)
    };
    if sa == sb {
        return Some((sa, ea, ma + small, sticky));
    }
    if d == 0 {
        // Same exponent, no bits lost: exact difference.
        return match ma.cmp(&mb) {
            std::cmp::Ordering::Equal => None,
            std::cmp::Ordering::Greater => Some((sa, ea, ma - mb, false)),
            std::cmp::Ordering::Less => Some((sb, ea, mb - ma, false)),
        };
    }
    // d >= 1: the larger magnitude is `a` (its top bit is above everything in `small`).
    // With δ lost below `small`: a - (small + δ) = (a - small - 1) + (1 - δ).
    let r = ma - small - sticky as u128;
    Some((sa, ea, r, sticky))
}

// ---------------------------------------------------------------------------------
// Arithmetic.

/// FPAdd / FPSub (`sub` negates the value of the second operand, not its NaN).
fn add_sub<T: Fmt>(x: u64, y: u64, sub: bool, fpcr: u32, fpsr: &mut u32) -> u64 {
    let rm = Rounding::from_fpcr(fpcr);
    let a = unpack::<T>(x, fpcr, fpsr);
    let mut b = unpack::<T>(y, fpcr, fpsr);
    if let Some(r) = process_nans::<T>(&a, x, &b, y, fpcr, fpsr) {
        return r;
    }
    b.sign ^= sub;
    let (inf_a, inf_b) = (a.ty == Ty::Inf, b.ty == Ty::Inf);
    if inf_a && inf_b && a.sign != b.sign {
        *fpsr |= FPSR_IOC;
        return default_nan::<T>();
    }
    if inf_a {
        return inf::<T>(a.sign);
    }
    if inf_b {
        return inf::<T>(b.sign);
    }
    let (za, zb) = (a.ty == Ty::Zero, b.ty == Ty::Zero);
    if za && zb && a.sign == b.sign {
        return zero::<T>(a.sign);
    }
    if za && zb {
        return zero::<T>(rm == Rounding::NegInf);
    }
    if za {
        return round::<T>(b.sign, b.exp, b.mant as u128, false, rm, fpcr, fpsr);
    }
    if zb {
        return round::<T>(a.sign, a.exp, a.mant as u128, false, rm, fpcr, fpsr);
    }
    let (ma, ea) = norm124(a.mant as u128, a.exp);
    let (mb, eb) = norm124(b.mant as u128, b.exp);
    match add_norm(a.sign, ea, ma, b.sign, eb, mb) {
        None => zero::<T>(rm == Rounding::NegInf),
        Some((s, e, m, st)) => round::<T>(s, e, m, st, rm, fpcr, fpsr),
    }
}

/// FPAdd.
pub fn add<T: Fmt>(x: u64, y: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    add_sub::<T>(x, y, false, fpcr, fpsr)
}
/// FPSub.
pub fn sub<T: Fmt>(x: u64, y: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    add_sub::<T>(x, y, true, fpcr, fpsr)
}
/// FABD: FPAbs(FPSub(x, y)) (a NaN result loses its sign too).
pub fn abd<T: Fmt>(x: u64, y: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    abs::<T>(sub::<T>(x, y, fpcr, fpsr))
}

/// FPMul (`mulx`: FPMulX, where infinity × zero is ±2 instead of Invalid).
fn mul_impl<T: Fmt>(x: u64, y: u64, mulx: bool, fpcr: u32, fpsr: &mut u32) -> u64 {
    let a = unpack::<T>(x, fpcr, fpsr);
    let b = unpack::<T>(y, fpcr, fpsr);
    if let Some(r) = process_nans::<T>(&a, x, &b, y, fpcr, fpsr) {
        return r;
    }
    let sign = a.sign ^ b.sign;
    let (inf_a, inf_b) = (a.ty == Ty::Inf, b.ty == Ty::Inf);
    let (za, zb) = (a.ty == Ty::Zero, b.ty == Ty::Zero);
    if (inf_a && zb) || (za && inf_b) {
        if mulx {
            return const_val::<T>(sign, 1, 0);
        }
        *fpsr |= FPSR_IOC;
        return default_nan::<T>();
    }
    if inf_a || inf_b {
        return inf::<T>(sign);
    }
    if za || zb {
        return zero::<T>(sign);
    }
    let m = a.mant as u128 * b.mant as u128;
    round::<T>(
        sign,
        a.exp + b.exp,
        m,
        false,
        Rounding::from_fpcr(fpcr),
        fpcr,
        fpsr,
    )
}

/// FPMul.
pub fn mul<T: Fmt>(x: u64, y: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    mul_impl::<T>(x, y, false, fpcr, fpsr)
}
/// FPMulX (FMULX).
pub fn mulx<T: Fmt>(x: u64, y: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    mul_impl::<T>(x, y, true, fpcr, fpsr)
}

/// FPDiv.
pub fn div<T: Fmt>(x: u64, y: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    let a = unpack::<T>(x, fpcr, fpsr);
    let b = unpack::<T>(y, fpcr, fpsr);
    if let Some(r) = process_nans::<T>(&a, x, &b, y, fpcr, fpsr) {
        return r;
    }
    let sign = a.sign ^ b.sign;
    let (inf_a, inf_b) = (a.ty == Ty::Inf, b.ty == Ty::Inf);
    let (za, zb) = (a.ty == Ty::Zero, b.ty == Ty::Zero);
    if (inf_a && inf_b) || (za && zb) {
        *fpsr |= FPSR_IOC;
        return default_nan::<T>();
    }
    if inf_a || zb {
        if zb && !inf_a {
            *fpsr |= FPSR_DZC;
        }
        return inf::<T>(sign);
    }
    if za || inf_b {
        return zero::<T>(sign);
    }
    // Mantissas are < 2^53: the shifted dividend fits, and the quotient has >= 63 bits.
    let n = (a.mant as u128) << 64;
    let d = b.mant as u128;
    let q = n / d;
    let r = n % d;
    round::<T>(
        sign,
        a.exp - b.exp - 64,
        q,
        r != 0,
        Rounding::from_fpcr(fpcr),
        fpcr,
        fpsr,
    )
}

/// Integer square root of a u128: (floor(sqrt(n)), n is a perfect square).
fn isqrt(n: u128) -> (u128, bool) {
    let mut rem = n;
    let mut root = 0u128;
    let mut bit = 1u128 << 126;
    while bit > n {
        bit >>= 2;
    }
    while bit != 0 {
        if rem >= root + bit {
            rem -= root + bit;
            root = (root >> 1) + bit;
        } else {
            root >>= 1;
        }
        bit >>= 2;
    }
    (root, rem == 0)
}

/// FPSqrt.
pub fn sqrt<T: Fmt>(x: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    let a = unpack::<T>(x, fpcr, fpsr);
    match a.ty {
        Ty::QNaN | Ty::SNaN => return process_nan::<T>(a.ty, x, fpcr, fpsr),
        Ty::Zero => return zero::<T>(a.sign),
        _ if a.sign => {
            *fpsr |= FPSR_IOC;
            return default_nan::<T>();
        }
        Ty::Inf => return inf::<T>(false),
        Ty::Num => {}
    }
    // Scale the mantissa to ~112 bits with an even exponent: the root has ~56 bits.
    let msb = 63 - a.mant.leading_zeros() as i32;
    let mut sh = 112 - msb;
    if (a.exp - sh) & 1 != 0 {
        sh += 1;
    }
    let m = (a.mant as u128) << sh;
    let (root, exact) = isqrt(m);
    round::<T>(
        false,
        (a.exp - sh) / 2,
        root,
        !exact,
        Rounding::from_fpcr(fpcr),
        fpcr,
        fpsr,
    )
}

/// The numeric core of FPMulAdd once NaNs and infinities are settled: addend + p1*p2,
/// rounded, where each operand is zero or a finite number.
fn fma_core<T: Fmt>(c: &Unp, a: &Unp, b: &Unp, rm: Rounding, fpcr: u32, fpsr: &mut u32) -> u64 {
    let sp = a.sign ^ b.sign;
    let zp = a.ty == Ty::Zero || b.ty == Ty::Zero;
    let zc = c.ty == Ty::Zero;
    if zc && zp {
        if c.sign == sp {
            return zero::<T>(sp);
        }
        return zero::<T>(rm == Rounding::NegInf);
    }
    if zp {
        return round::<T>(c.sign, c.exp, c.mant as u128, false, rm, fpcr, fpsr);
    }
    let pm = a.mant as u128 * b.mant as u128;
    let pe = a.exp + b.exp;
    if zc {
        return round::<T>(sp, pe, pm, false, rm, fpcr, fpsr);
    }
    let (pm, pe) = norm124(pm, pe);
    let (cm, ce) = norm124(c.mant as u128, c.exp);
    match add_norm(sp, pe, pm, c.sign, ce, cm) {
        None => zero::<T>(rm == Rounding::NegInf),
        Some((s, e, m, st)) => round::<T>(s, e, m, st, rm, fpcr, fpsr),
    }
}

/// FPMulAdd(addend, op1, op2): addend + op1*op2 with a single rounding. For FMSUB,
/// FNMADD, FNMSUB and FMLS, negate the operands with [`neg`] first, as the Arm ARM
/// does (a negated NaN operand propagates with its sign flipped).
pub fn muladd<T: Fmt>(addend: u64, x: u64, y: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    let c = unpack::<T>(addend, fpcr, fpsr);
    let a = unpack::<T>(x, fpcr, fpsr);
    let b = unpack::<T>(y, fpcr, fpsr);
    let (inf_a, inf_b) = (a.ty == Ty::Inf, b.ty == Ty::Inf);
    let (za, zb) = (a.ty == Ty::Zero, b.ty == Ty::Zero);
    let nan = process_nans3::<T>([(&c, addend), (&a, x), (&b, y)], fpcr, fpsr);
    // A quiet-NaN addend does not hide the invalid infinity × zero product.
    if c.ty == Ty::QNaN && ((inf_a && zb) || (za && inf_b)) {
        *fpsr |= FPSR_IOC;
        return default_nan::<T>();
    }
    if let Some(r) = nan {
        return r;
    }
    let inf_c = c.ty == Ty::Inf;
    let sp = a.sign ^ b.sign;
    let inf_p = inf_a || inf_b;
    if (inf_a && zb) || (za && inf_b) || (inf_c && inf_p && c.sign != sp) {
        *fpsr |= FPSR_IOC;
        return default_nan::<T>();
    }
    if (inf_c && !c.sign) || (inf_p && !sp) {
        return inf::<T>(false);
    }
    if inf_c || inf_p {
        return inf::<T>(true);
    }
    fma_core::<T>(&c, &a, &b, Rounding::from_fpcr(fpcr), fpcr, fpsr)
}

/// FPMulAddH (FMLAL/FMLSL and the "2" forms, FEAT_FHM): a binary32 `addend` plus the
/// product of two binary16 operands `x` and `y`, with a single rounding to binary32.
///
/// Done as FPMulAdd on binary32 with `x` and `y` widened exactly, which gives the
/// same result and flags: the binary16 operands are unpacked as FPUnpack does for
/// N = 16 (FPCR.FZ16 flushes denormals, without IDC; AHP plays no part), every
/// binary16 value is a binary32 normal (so FPCR.FZ never flushes a widened operand),
/// the product of two 11-bit significands is exact in binary32's 24 bits, and a NaN
/// is widened as FPConvertNaN does (payload moved up, a signalling NaN stays
/// signalling), so FPProcessNaNs3H's order (addend, op1, op2), quieting, IOC and
/// FPCR.DN come out as binary32 FPProcessNaNs3's. The addend and the result follow
/// FPCR.FZ as any binary32 operation.
pub fn muladd_h(addend: u64, x: u64, y: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    let (x, y) = (widen_h(x, fpcr), widen_h(y, fpcr));
    muladd::<S>(addend, x, y, fpcr, fpsr)
}

/// The binary32 encoding of the binary16 `x` as FPUnpack (N = 16) reads it.
fn widen_h(x: u64, fpcr: u32) -> u64 {
    let x = x & H::MASK;
    let sign = (x & H::SIGN) << 16;
    let (e, f) = ((x >> H::F) & H::EMAX, x & H::FRAC);
    let shift = S::F - H::F;
    if e == H::EMAX {
        return sign | S::EMAX << S::F | f << shift;
    }
    if e == 0 {
        if f == 0 || fpcr & FPCR_FZ16 != 0 {
            return sign;
        }
        // f * 2^-24 with the leading one at bit p (0..9): 1.frac * 2^(p - 24).
        let p = 63 - f.leading_zeros() as u64;
        let exp = (p + S::BIAS as u64) - 24;
        let frac = (f << (S::F as u64 - p)) & S::FRAC;
        return sign | exp << S::F | frac;
    }
    let exp = e + (S::BIAS - H::BIAS) as u64;
    sign | exp << S::F | f << shift
}

/// FPRecipStepFused (FRECPS): 2 - x*y, fused.
pub fn recip_step<T: Fmt>(x: u64, y: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    step_fused::<T>(x, y, false, fpcr, fpsr)
}
/// FPRSqrtStepFused (FRSQRTS): (3 - x*y) / 2, fused.
pub fn rsqrt_step<T: Fmt>(x: u64, y: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    step_fused::<T>(x, y, true, fpcr, fpsr)
}

fn step_fused<T: Fmt>(x: u64, y: u64, rsqrt: bool, fpcr: u32, fpsr: &mut u32) -> u64 {
    let x = neg::<T>(x);
    let a = unpack::<T>(x, fpcr, fpsr);
    let b = unpack::<T>(y, fpcr, fpsr);
    if let Some(r) = process_nans::<T>(&a, x, &b, y, fpcr, fpsr) {
        return r;
    }
    let (inf_a, inf_b) = (a.ty == Ty::Inf, b.ty == Ty::Inf);
    let (za, zb) = (a.ty == Ty::Zero, b.ty == Ty::Zero);
    if (inf_a && zb) || (za && inf_b) {
        // FPTwo / FPOnePointFive.
        return if rsqrt {
            const_val::<T>(false, 0, 1)
        } else {
            const_val::<T>(false, 1, 0)
        };
    }
    if inf_a || inf_b {
        return inf::<T>(a.sign ^ b.sign);
    }
    let rm = Rounding::from_fpcr(fpcr);
    // The addend: 2.0, or 3.0 with the final halving folded into every exponent.
    let half = rsqrt as i32;
    let c = Unp {
        ty: Ty::Num,
        sign: false,
        exp: if rsqrt { -half } else { 1 },
        mant: if rsqrt { 3 } else { 1 },
    };
    let a = Unp {
        exp: a.exp - half,
        ..a
    };
    fma_core::<T>(&c, &a, &b, rm, fpcr, fpsr)
}

/// FPScale (SVE FSCALE): `x` × 2^`n`, rounded once with FPCR's mode.
pub fn scale<T: Fmt>(x: u64, n: i64, fpcr: u32, fpsr: &mut u32) -> u64 {
    let a = unpack::<T>(x, fpcr, fpsr);
    match a.ty {
        Ty::QNaN | Ty::SNaN => process_nan::<T>(a.ty, x, fpcr, fpsr),
        Ty::Zero => zero::<T>(a.sign),
        Ty::Inf => inf::<T>(a.sign),
        Ty::Num => {
            // Beyond +-4096 every finite value overflows or underflows completely (the
            // double range spans ~2100 binades), so clamping changes nothing but keeps
            // the exponent arithmetic in range for any 64-bit scale.
            let n = n.clamp(-4096, 4096) as i32;
            let rm = Rounding::from_fpcr(fpcr);
            round::<T>(a.sign, a.exp + n, a.mant as u128, false, rm, fpcr, fpsr)
        }
    }
}

// ---------------------------------------------------------------------------------
// Min / max.

fn minmax<T: Fmt>(x: u64, y: u64, max: bool, fpcr: u32, fpsr: &mut u32) -> u64 {
    let a = unpack::<T>(x, fpcr, fpsr);
    let b = unpack::<T>(y, fpcr, fpsr);
    if let Some(r) = process_nans::<T>(&a, x, &b, y, fpcr, fpsr) {
        return r;
    }
    let ord = cmp_values(&a, &b);
    let pick_a = if max {
        ord == std::cmp::Ordering::Greater
    } else {
        ord == std::cmp::Ordering::Less
    };
    let (r, rx) = if pick_a { (a, x) } else { (b, y) };
    match r.ty {
        Ty::Inf => inf::<T>(r.sign),
        // Equal zeros of either sign: max prefers +0, min prefers -0.
        Ty::Zero => zero::<T>(if max {
            a.sign && b.sign
        } else {
            a.sign || b.sign
        }),
        // FPRound of an exact in-range value (a denormal only reaches here without
        // flushing, so it is exact too): the operand itself.
        _ => rx & T::MASK,
    }
}

/// FPMax.
pub fn max<T: Fmt>(x: u64, y: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    minmax::<T>(x, y, true, fpcr, fpsr)
}
/// FPMin.
pub fn min<T: Fmt>(x: u64, y: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    minmax::<T>(x, y, false, fpcr, fpsr)
}

/// FPMaxNum / FPMinNum: a single quiet NaN loses to a number.
fn minmax_num<T: Fmt>(x: u64, y: u64, max: bool, fpcr: u32, fpsr: &mut u32) -> u64 {
    let a = unpack::<T>(x, fpcr, fpsr);
    let b = unpack::<T>(y, fpcr, fpsr);
    // Max replaces the quiet NaN by -infinity, min by +infinity.
    let fill = inf::<T>(max);
    let (x, y) = match (a.ty == Ty::QNaN, b.ty == Ty::QNaN) {
        (true, false) => (fill, y),
        (false, true) => (x, fill),
        _ => (x, y),
    };
    minmax::<T>(x, y, max, fpcr, fpsr)
}

/// FPMaxNum (FMAXNM).
pub fn maxnum<T: Fmt>(x: u64, y: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    minmax_num::<T>(x, y, true, fpcr, fpsr)
}
/// FPMinNum (FMINNM).
pub fn minnum<T: Fmt>(x: u64, y: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    minmax_num::<T>(x, y, false, fpcr, fpsr)
}

// ---------------------------------------------------------------------------------
// Comparisons.

/// Orders two non-NaN unpacked values.
fn cmp_values(a: &Unp, b: &Unp) -> std::cmp::Ordering {
    // Magnitude key: class rank then exponent/mantissa.
    fn mag(u: &Unp) -> (u8, i32, u64) {
        match u.ty {
            Ty::Zero => (0, 0, 0),
            Ty::Num => (
                1,
                u.exp + 64 - u.mant.leading_zeros() as i32,
                u.mant << u.mant.leading_zeros(),
            ),
            _ => (2, 0, 0),
        }
    }
    let (ma, mb) = (mag(a), mag(b));
    let a_neg = a.sign && a.ty != Ty::Zero;
    let b_neg = b.sign && b.ty != Ty::Zero;
    match (a_neg, b_neg) {
        (false, false) => ma.cmp(&mb),
        (true, true) => mb.cmp(&ma),
        (true, false) => std::cmp::Ordering::Less,
        (false, true) => std::cmp::Ordering::Greater,
    }
}

/// FPCompare: the NZCV flags of FCMP (`signal`: FCMPE, any NaN is Invalid), in bits
/// 31..28 as PSTATE.NZCV holds them. Unordered is 0011.
pub fn compare<T: Fmt>(x: u64, y: u64, signal: bool, fpcr: u32, fpsr: &mut u32) -> u32 {
    let a = unpack::<T>(x, fpcr, fpsr);
    let b = unpack::<T>(y, fpcr, fpsr);
    if a.is_nan() || b.is_nan() {
        if signal || a.ty == Ty::SNaN || b.ty == Ty::SNaN {
            *fpsr |= FPSR_IOC;
        }
        return 0b0011 << 28;
    }
    match cmp_values(&a, &b) {
        std::cmp::Ordering::Equal => 0b0110 << 28,
        std::cmp::Ordering::Less => 0b1000 << 28,
        std::cmp::Ordering::Greater => 0b0010 << 28,
    }
}

/// FPCompareEQ (quiet: only signalling NaNs are Invalid).
pub fn cmp_eq<T: Fmt>(x: u64, y: u64, fpcr: u32, fpsr: &mut u32) -> bool {
    let a = unpack::<T>(x, fpcr, fpsr);
    let b = unpack::<T>(y, fpcr, fpsr);
    if a.is_nan() || b.is_nan() {
        if a.ty == Ty::SNaN || b.ty == Ty::SNaN {
            *fpsr |= FPSR_IOC;
        }
        return false;
    }
    cmp_values(&a, &b) == std::cmp::Ordering::Equal
}

/// FPCompareGE (signalling: any NaN is Invalid).
pub fn cmp_ge<T: Fmt>(x: u64, y: u64, fpcr: u32, fpsr: &mut u32) -> bool {
    let a = unpack::<T>(x, fpcr, fpsr);
    let b = unpack::<T>(y, fpcr, fpsr);
    if a.is_nan() || b.is_nan() {
        *fpsr |= FPSR_IOC;
        return false;
    }
    cmp_values(&a, &b) != std::cmp::Ordering::Less
}

/// FPCompareGT (signalling: any NaN is Invalid).
pub fn cmp_gt<T: Fmt>(x: u64, y: u64, fpcr: u32, fpsr: &mut u32) -> bool {
    let a = unpack::<T>(x, fpcr, fpsr);
    let b = unpack::<T>(y, fpcr, fpsr);
    if a.is_nan() || b.is_nan() {
        *fpsr |= FPSR_IOC;
        return false;
    }
    cmp_values(&a, &b) == std::cmp::Ordering::Greater
}

// ---------------------------------------------------------------------------------
// Conversions.

/// FPConvert from format `A` to format `B` (FCVT, FCVTL/FCVTN, FCVTXN with
/// [`Rounding::Odd`]): FZ applies to single/double inputs and outputs, FZ16 never,
/// AHP to half on either side.
pub fn convert<A: Fmt, B: Fmt>(x: u64, rm: Rounding, fpcr: u32, fpsr: &mut u32) -> u64 {
    let a = unpack_cv::<A>(x, fpcr, fpsr);
    let alt_hp = B::HALF && fpcr & FPCR_AHP != 0;
    match a.ty {
        Ty::QNaN | Ty::SNaN => {
            let r = if alt_hp {
                zero::<B>(a.sign)
            } else if fpcr & FPCR_DN != 0 {
                default_nan::<B>()
            } else {
                // FPConvertNaN: sign and the fraction's top bits, quiet bit set.
                let frac = (x & A::FRAC) as u128 | A::QUIET as u128;
                let frac = (frac << 64 >> A::F) << B::F >> 64;
                zero::<B>(a.sign) | B::EMAX << B::F | frac as u64
            };
            if a.ty == Ty::SNaN || alt_hp {
                *fpsr |= FPSR_IOC;
            }
            r
        }
        Ty::Inf => {
            if alt_hp {
                *fpsr |= FPSR_IOC;
                zero::<B>(a.sign) | (B::MASK >> 1)
            } else {
                inf::<B>(a.sign)
            }
        }
        Ty::Zero => zero::<B>(a.sign),
        Ty::Num => round_cv::<B>(a.sign, a.exp, a.mant as u128, rm, fpcr, fpsr),
    }
}

/// Splits |value| * 2^fbits into integer part and rounding info: (int (saturated
/// at 2^66 so range checks still see it as too big), guard, sticky).
fn int_part(u: &Unp, fbits: i32) -> (u128, bool, bool) {
    let sh = u.exp + fbits;
    if sh >= 0 {
        if sh >= 64 {
            return (1u128 << 66, false, false);
        }
        return ((u.mant as u128) << sh, false, false);
    }
    let rs = -sh;
    let m = u.mant as u128;
    if rs > 100 {
        return (0, false, true);
    }
    let rem = m & ((1u128 << rs) - 1);
    let half = 1u128 << (rs - 1);
    (m >> rs, rem & half != 0, rem & (half - 1) != 0)
}

/// Rounds an integer magnitude with its guard/sticky bits in a sign-aware mode.
fn round_mag(q: u128, guard: bool, sticky: bool, sign: bool, rm: Rounding) -> u128 {
    let inexact = guard || sticky;
    let up = match rm {
        Rounding::TieEven => guard && (sticky || q & 1 != 0),
        Rounding::TieAway => guard,
        Rounding::PosInf => inexact && !sign,
        Rounding::NegInf => inexact && sign,
        Rounding::Zero | Rounding::Odd => false,
    };
    q + up as u128
}

/// FPToFixed: `x` × 2^fbits rounded with `rm` to a `bits`-bit (32 or 64) signed or
/// unsigned integer, saturating with IOC (NaN gives 0 with IOC). The result is
/// returned zero-extended from `bits`.
pub fn to_fixed<T: Fmt>(
    x: u64,
    fbits: u32,
    unsigned: bool,
    bits: u32,
    rm: Rounding,
    fpcr: u32,
    fpsr: &mut u32,
) -> u64 {
    let a = unpack::<T>(x, fpcr, fpsr);
    let bits = bits.clamp(8, 64);
    let (q, inexact) = match a.ty {
        Ty::QNaN | Ty::SNaN => {
            *fpsr |= FPSR_IOC;
            return 0;
        }
        Ty::Zero => (0u128, false),
        Ty::Inf => (1u128 << 66, false),
        Ty::Num => {
            let (q, g, s) = int_part(&a, fbits.min(64) as i32);
            (round_mag(q, g, s, a.sign, rm), g || s)
        }
    };
    let mask = u64::MAX >> (64 - bits);
    let (lo, hi): (i128, i128) = if unsigned {
        (0, mask as i128)
    } else {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    };
    let v: i128 = if a.sign { -(q as i128) } else { q as i128 };
    if v < lo || v > hi {
        *fpsr |= FPSR_IOC;
        let sat = if v < lo { lo } else { hi };
        return sat as u64 & mask;
    }
    if inexact {
        *fpsr |= FPSR_IXC;
    }
    v as u64 & mask
}

/// FixedToFP: the `bits`-bit integer `v` (signed or unsigned) divided by 2^fbits,
/// rounded with `rm` (FZ/FZ16 apply to the result).
pub fn from_fixed<T: Fmt>(
    v: u64,
    fbits: u32,
    unsigned: bool,
    bits: u32,
    rm: Rounding,
    fpcr: u32,
    fpsr: &mut u32,
) -> u64 {
    let bits = bits.clamp(8, 64);
    let v = v & (u64::MAX >> (64 - bits));
    let (sign, mag) = if !unsigned && v >> (bits - 1) & 1 != 0 {
        (true, (v | !(u64::MAX >> (64 - bits))).wrapping_neg())
    } else {
        (false, v)
    };
    if mag == 0 {
        return zero::<T>(false);
    }
    round::<T>(sign, -(fbits as i32), mag as u128, false, rm, fpcr, fpsr)
}

/// FPRoundInt: round to an integral value in format T (`exact`: FRINTX, raises IXC).
pub fn round_int<T: Fmt>(x: u64, rm: Rounding, exact: bool, fpcr: u32, fpsr: &mut u32) -> u64 {
    let a = unpack::<T>(x, fpcr, fpsr);
    match a.ty {
        Ty::QNaN | Ty::SNaN => return process_nan::<T>(a.ty, x, fpcr, fpsr),
        Ty::Inf => return inf::<T>(a.sign),
        Ty::Zero => return zero::<T>(a.sign),
        Ty::Num => {}
    }
    if a.exp >= 0 {
        return x & T::MASK;
    }
    let (q, g, s) = int_part(&a, 0);
    let q = round_mag(q, g, s, a.sign, rm);
    if (g || s) && exact {
        *fpsr |= FPSR_IXC;
    }
    if q == 0 {
        return zero::<T>(a.sign);
    }
    round::<T>(a.sign, 0, q, false, Rounding::Zero, fpcr, fpsr)
}

/// FPRoundIntN (FRINT32*/FRINT64*, FEAT_FRINTTS): round to an integral value that fits
/// in an `intsize`-bit signed integer, else Invalid and -2^(intsize-1). Single and
/// double only. Always signals Inexact when the value changed.
pub fn round_int_n<T: Fmt>(x: u64, rm: Rounding, intsize: u32, fpcr: u32, fpsr: &mut u32) -> u64 {
    let a = unpack::<T>(x, fpcr, fpsr);
    let intsize = intsize.clamp(2, 64);
    let invalid = zero::<T>(true) | ((T::BIAS as u64 + intsize as u64 - 1) << T::F);
    match a.ty {
        Ty::QNaN | Ty::SNaN | Ty::Inf => {
            *fpsr |= FPSR_IOC;
            return invalid;
        }
        Ty::Zero => return zero::<T>(a.sign),
        Ty::Num => {}
    }
    let (q, g, s) = int_part(&a, 0);
    let q = round_mag(q, g, s, a.sign, rm);
    let limit = 1u128 << (intsize - 1);
    if (a.sign && q > limit) || (!a.sign && q >= limit) {
        *fpsr |= FPSR_IOC;
        return invalid;
    }
    if g || s {
        *fpsr |= FPSR_IXC;
    }
    if q == 0 {
        return zero::<T>(a.sign);
    }
    round::<T>(a.sign, 0, q, false, Rounding::Zero, fpcr, fpsr)
}

/// FPToFixedJS (FJCVTZS): double to a 32-bit integer modulo 2^32, truncating; returns
/// the result and the Z flag (set when the conversion was exact and in range).
pub fn to_int_js(x: u64, fpcr: u32, fpsr: &mut u32) -> (u32, bool) {
    let a = unpack::<D>(x, fpcr, fpsr);
    match a.ty {
        Ty::QNaN | Ty::SNaN | Ty::Inf => {
            *fpsr |= FPSR_IOC;
            return (0, false);
        }
        // -0, and a +denormal flushed by FZ, are not exactly the integer 0.
        Ty::Zero => return (0, !(a.sign || x & D::FRAC != 0)),
        Ty::Num => {}
    }
    // Truncated magnitude (saturated far above 2^32 for the range check), its low 32
    // bits, and whether a fraction was dropped.
    let (q, low, inexact) = if a.exp >= 0 {
        let q = if a.exp > 40 {
            1u128 << 100
        } else {
            (a.mant as u128) << a.exp
        };
        let low = if a.exp >= 32 {
            0
        } else {
            ((a.mant as u128) << a.exp) as u32
        };
        (q, low, false)
    } else {
        let (q, g, s) = int_part(&a, 0);
        (q, q as u32, g || s)
    };
    let r = if a.sign { low.wrapping_neg() } else { low };
    let out_of_range = if a.sign { q > 1 << 31 } else { q >= 1 << 31 };
    if out_of_range {
        *fpsr |= FPSR_IOC;
        (r, false)
    } else if inexact {
        *fpsr |= FPSR_IXC;
        (r, false)
    } else {
        (r, true)
    }
}

// ---------------------------------------------------------------------------------
// Estimates and FRECPX.

/// RecipEstimate: `a` in 256..512 (units of 1/512), result in 256..512.
fn recip_estimate(a: u32) -> u32 {
    let a = a * 2 + 1;
    let b = (1u32 << 19) / a;
    b.div_ceil(2) // (b+1) DIV 2: round to nearest
}

/// RecipSqrtEstimate: `a` in 128..512 (units of 1/512), result in 256..512.
fn rsqrt_estimate(a: u32) -> u32 {
    let a = if a < 256 {
        // 0.25 .. 0.5, in units of 1/512, rounded to nearest.
        a as u64 * 2 + 1
    } else {
        // 0.5 .. 1.0: drop the bottom bit, units of 1/256 rounded to nearest.
        (((a as u64 >> 1) << 1) + 1) * 2
    };
    // The largest b with a*(b+1)^2 < 2^28, i.e. b < 2^14 / sqrt(a).
    let mut b = 512u64;
    while a * (b + 1) * (b + 1) < 1 << 28 {
        b += 1;
    }
    b.div_ceil(2) as u32 // (b+1) DIV 2
}

/// FPRecipEstimate (FRECPE).
pub fn recip_estimate_fp<T: Fmt>(x: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    let a = unpack::<T>(x, fpcr, fpsr);
    match a.ty {
        Ty::QNaN | Ty::SNaN => return process_nan::<T>(a.ty, x, fpcr, fpsr),
        Ty::Inf => return zero::<T>(a.sign),
        Ty::Zero => {
            *fpsr |= FPSR_DZC;
            return inf::<T>(a.sign);
        }
        Ty::Num => {}
    }
    // Unbiased exponent of the value (value in [2^e, 2^(e+1))).
    let e = a.exp + T::F as i32;
    if e < -(T::BIAS + 1) {
        // |x| < 2^-(bias+1): the reciprocal overflows.
        let to_inf = match Rounding::from_fpcr(fpcr) {
            Rounding::TieEven => true,
            Rounding::PosInf => !a.sign,
            Rounding::NegInf => a.sign,
            _ => false,
        };
        *fpsr |= FPSR_OFC | FPSR_IXC;
        return if to_inf {
            inf::<T>(a.sign)
        } else {
            max_normal::<T>(a.sign)
        };
    }
    if flush_in::<T>(fpcr) && e >= T::BIAS - 1 {
        // The reciprocal would be denormal: flushed, UFC only.
        *fpsr |= FPSR_UFC;
        return zero::<T>(a.sign);
    }
    // The operand's fraction, left-aligned in 52 bits, and its biased exponent.
    let xb = x & T::MASK;
    let mut fraction = (xb & T::FRAC) << (52 - T::F);
    let mut exp = ((xb >> T::F) & T::EMAX) as i32;
    if exp == 0 {
        if fraction >> 51 & 1 == 0 {
            exp = -1;
            fraction = (fraction << 2) & ((1 << 52) - 1);
        } else {
            fraction = (fraction << 1) & ((1 << 52) - 1);
        }
    }
    let scaled = 256 | (fraction >> 44) as u32;
    let mut result_exp = 2 * T::BIAS - 1 - exp;
    let est = recip_estimate(scaled) as u64;
    let mut fraction = (est & 0xFF) << 44;
    if result_exp == 0 {
        fraction = 1 << 51 | fraction >> 1;
    } else if result_exp == -1 {
        fraction = 1 << 50 | fraction >> 2;
        result_exp = 0;
    }
    zero::<T>(a.sign) | (result_exp as u64) << T::F | fraction >> (52 - T::F)
}

/// FPRSqrtEstimate (FRSQRTE).
pub fn rsqrt_estimate_fp<T: Fmt>(x: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    let a = unpack::<T>(x, fpcr, fpsr);
    match a.ty {
        Ty::QNaN | Ty::SNaN => return process_nan::<T>(a.ty, x, fpcr, fpsr),
        Ty::Zero => {
            *fpsr |= FPSR_DZC;
            return inf::<T>(a.sign);
        }
        _ if a.sign => {
            *fpsr |= FPSR_IOC;
            return default_nan::<T>();
        }
        Ty::Inf => return zero::<T>(false),
        Ty::Num => {}
    }
    let xb = x & T::MASK;
    let mut fraction = (xb & T::FRAC) << (52 - T::F);
    let mut exp = ((xb >> T::F) & T::EMAX) as i32;
    if exp == 0 {
        while fraction >> 51 & 1 == 0 {
            fraction <<= 1;
            exp -= 1;
        }
        fraction = (fraction << 1) & ((1 << 52) - 1);
    }
    // An even biased exponent (odd unbiased, the biases being odd) scales to 0.5..1.0,
    // an odd one to 0.25..0.5, so that the result exponent halves exactly.
    let scaled = if exp & 1 == 0 {
        0x100 | (fraction >> 44) as u32
    } else {
        0x80 | (fraction >> 45) as u32
    };
    // (3*bias - 1 - exp) / 2, floor division (the numerator is always positive here).
    let result_exp = (3 * T::BIAS - 1 - exp).div_euclid(2);
    let est = rsqrt_estimate(scaled) as u64;
    (result_exp as u64) << T::F | (est & 0xFF) << (T::F - 8)
}

/// FPRecpX (FRECPX): exponent inverted, fraction cleared.
pub fn recpx<T: Fmt>(x: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    let a = unpack::<T>(x, fpcr, fpsr);
    if a.is_nan() {
        return process_nan::<T>(a.ty, x, fpcr, fpsr);
    }
    let e = (x >> T::F) & T::EMAX;
    let e = if e == 0 { T::EMAX - 1 } else { !e & T::EMAX };
    zero::<T>(a.sign) | e << T::F
}

#[cfg(test)]
mod tests;
