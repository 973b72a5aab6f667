//! SVE floating point (FEAT_SVE, half/single/double): predicated and unpredicated
//! arithmetic, the immediate forms, multiply-add (vector and indexed), complex
//! arithmetic (FCMLA, FCADD), the trigonometric helpers (FTMAD, FTSMUL, FTSSEL) and
//! FEXPA, unary operations, rounding, conversions, compares, reductions and FADDA.
//!
//! Every kernel is a loop over lanes of one format (`H`/`S`/`D` with its element type,
//! see [`Fe`]), chosen once per instruction; the per-lane work is a call into
//! [`crate::fpu`] with FPCR and the cumulative FPSR. Only active elements are computed,
//! so only they can raise FPSR flags.

use super::core::*;
use crate::cpu::Cpu;
use crate::decode::Insn;
use crate::fpu::{self, Fmt, Rounding, D, H, S};

/// An FP format together with the SVE element type that holds it.
pub(crate) trait Fe: Fmt {
    type T: Elem;
}
impl Fe for H {
    type T = u16;
}
impl Fe for S {
    type T = u32;
}
impl Fe for D {
    type T = u64;
}

/// Calls `$f::<F, ..>($args)` with F the format of FP size field `$size` (1 = H, 2 = S,
/// 3 = D); size 0 is unallocated for every FP encoding, and UNDEFs.
macro_rules! by_fsize {
    ($size:expr, $f:ident :: < _ $(, $g:ty)* > ( $($a:expr),* )) => {
        match $size & 3 {
            1 => $f::<H $(, $g)*>($($a),*),
            2 => $f::<S $(, $g)*>($($a),*),
            3 => $f::<D $(, $g)*>($($a),*),
            _ => return Err(undef()),
        }
    };
}

#[inline(always)]
fn fget<F: Fe>(z: &Zb, e: usize) -> u64 {
    F::T::get(z, e).u()
}

#[inline(always)]
fn fset<F: Fe>(z: &mut Zb, e: usize, v: u64) {
    F::T::set(z, e, F::T::fu(v))
}

/// The value 2^k in format F (k small: 0.5, 1.0, 2.0 for the immediates).
#[inline(always)]
fn pow2<F: Fmt>(k: i32) -> u64 {
    ((F::BIAS + k) as u64) << F::F
}

/// An FP binary operation on raw bits: (op1, op2, FPCR, FPSR) -> result.
pub(crate) trait FBin {
    fn f<F: Fmt>(a: u64, b: u64, fpcr: u32, fpsr: &mut u32) -> u64;
}

macro_rules! fbin {
    ($($name:ident |$a:ident, $b:ident, $c:ident, $s:ident| $e:expr;)*) => {
        $(
            pub(crate) struct $name;
            impl FBin for $name {
                #[inline(always)]
                fn f<F: Fmt>($a: u64, $b: u64, $c: u32, $s: &mut u32) -> u64 {
                    $e
                }
            }
        )*
    };
}

/// SInt of an element of format F's width.
#[inline(always)]
fn sint<F: Fmt>(b: u64) -> i64 {
    ((b << (64 - F::N)) as i64) >> (64 - F::N)
}

/// FPTrigSMul: op1² with the sign taken from bit 0 of op2 (unless the product is NaN).
#[inline(always)]
fn trig_smul<F: Fmt>(a: u64, b: u64, fpcr: u32, fpsr: &mut u32) -> u64 {
    let r = fpu::mul::<F>(a, a, fpcr, fpsr);
    if fpu::is_nan::<F>(r) {
        r
    } else {
        (r & !F::SIGN) | (b & 1) << (F::N - 1)
    }
}

fbin! {
    FAdd |a, b, c, s| fpu::add::<F>(a, b, c, s);
    FSub |a, b, c, s| fpu::sub::<F>(a, b, c, s);
    FSubr |a, b, c, s| fpu::sub::<F>(b, a, c, s);
    FMul |a, b, c, s| fpu::mul::<F>(a, b, c, s);
    FMulx |a, b, c, s| fpu::mulx::<F>(a, b, c, s);
    FDiv |a, b, c, s| fpu::div::<F>(a, b, c, s);
    FDivr |a, b, c, s| fpu::div::<F>(b, a, c, s);
    FMax |a, b, c, s| fpu::max::<F>(a, b, c, s);
    FMin |a, b, c, s| fpu::min::<F>(a, b, c, s);
    FMaxnm |a, b, c, s| fpu::maxnum::<F>(a, b, c, s);
    FMinnm |a, b, c, s| fpu::minnum::<F>(a, b, c, s);
    FAbd |a, b, c, s| fpu::abd::<F>(a, b, c, s);
    FScale |a, b, c, s| fpu::scale::<F>(a, sint::<F>(b), c, s);
    FTsmul |a, b, c, s| trig_smul::<F>(a, b, c, s);
    FRecps |a, b, c, s| fpu::recip_step::<F>(a, b, c, s);
    FRsqrts |a, b, c, s| fpu::rsqrt_step::<F>(a, b, c, s);
}

// ---------------------------------------------------------------- binary operations

fn zpzz_t<F: Fe, O: FBin>(c: &mut Cpu, pg: u32, zm: u32, zdn: u32) {
    let n = lanes::<F::T>(c);
    let p = pr(c, pg);
    let m = zr(c, zm);
    let fpcr = c.s.fpcr;
    let mut fpsr = c.s.fpsr;
    let d = &mut c.s.z[zdn as usize & 31].0;
    for e in 0..n {
        if act::<F::T>(&p, e) {
            let r = O::f::<F>(fget::<F>(d, e), fget::<F>(&m, e), fpcr, &mut fpsr);
            fset::<F>(d, e, r);
        }
    }
    c.s.fpsr = fpsr;
}

/// <op> Zdn.T, Pg/M, Zdn.T, Zm.T.
pub(crate) fn fp_zpzz<O: FBin>(c: &mut Cpu, i: &Insn) -> R {
    let [size, pg, zm, zdn, ..] = i.f;
    c.check_sve()?;
    by_fsize!(size, zpzz_t::<_, O>(c, pg, zm, zdn));
    zfix(c, zdn);
    Ok(())
}

fn zpzi_t<F: Fe, O: FBin>(c: &mut Cpu, pg: u32, zdn: u32, imm: [i32; 2], i1: u32) {
    // The two-value immediates: 2^k, or +0.0 for the min/max forms' first value.
    let k = imm[(i1 & 1) as usize];
    let b = if k == i32::MIN { 0 } else { pow2::<F>(k) };
    let n = lanes::<F::T>(c);
    let p = pr(c, pg);
    let fpcr = c.s.fpcr;
    let mut fpsr = c.s.fpsr;
    let d = &mut c.s.z[zdn as usize & 31].0;
    for e in 0..n {
        if act::<F::T>(&p, e) {
            let r = O::f::<F>(fget::<F>(d, e), b, fpcr, &mut fpsr);
            fset::<F>(d, e, r);
        }
    }
    c.s.fpsr = fpsr;
}

/// Immediate pairs (exponents of 2; `i32::MIN` stands for +0.0), indexed by i1.
pub(crate) const IMM_HALF_ONE: u8 = 0;
pub(crate) const IMM_HALF_TWO: u8 = 1;
pub(crate) const IMM_ZERO_ONE: u8 = 2;

/// FADD/FSUB/FSUBR (#0.5 or #1.0), FMUL (#0.5 or #2.0), FMAXNM/FMINNM/FMAX/FMIN (#0.0 or
/// #1.0) Zdn.T, Pg/M, Zdn.T, #imm.
pub(crate) fn fp_zpzi<O: FBin, const K: u8>(c: &mut Cpu, i: &Insn) -> R {
    let [size, pg, i1, zdn, ..] = i.f;
    c.check_sve()?;
    let imm = match K {
        IMM_HALF_ONE => [-1, 0],
        IMM_HALF_TWO => [-1, 1],
        _ => [i32::MIN, 0],
    };
    by_fsize!(size, zpzi_t::<_, O>(c, pg, zdn, imm, i1));
    zfix(c, zdn);
    Ok(())
}

fn zzz_t<F: Fe, O: FBin>(c: &mut Cpu, zm: u32, zn: u32, zd: u32) {
    let n = lanes::<F::T>(c);
    let a = zr(c, zn);
    let b = zr(c, zm);
    let fpcr = c.s.fpcr;
    let mut fpsr = c.s.fpsr;
    let mut d = [0u8; 256];
    for e in 0..n {
        let r = O::f::<F>(fget::<F>(&a, e), fget::<F>(&b, e), fpcr, &mut fpsr);
        fset::<F>(&mut d, e, r);
    }
    c.s.fpsr = fpsr;
    wz(c, zd, &d);
}

/// FADD/FSUB/FMUL/FTSMUL/FRECPS/FRSQRTS Zd.T, Zn.T, Zm.T (unpredicated).
pub(crate) fn fp_zzz<O: FBin>(c: &mut Cpu, i: &Insn) -> R {
    let [size, zm, zn, zd, ..] = i.f;
    c.check_sve()?;
    by_fsize!(size, zzz_t::<_, O>(c, zm, zn, zd));
    Ok(())
}

// ---------------------------------------------------------------- trigonometric helpers

/// FPTrigMAddCoefficient (Arm ARM): sine series in entries 0-7, cosine in 8-15.
const FTMAD_H: [u64; 16] = [
    0x3c00, 0xb155, 0x2030, 0, 0, 0, 0, 0, //
    0x3c00, 0xb800, 0x293a, 0, 0, 0, 0, 0,
];
const FTMAD_S: [u64; 16] = [
    0x3f80_0000,
    0xbe2a_aaab,
    0x3c08_8886,
    0xb950_08b9,
    0x3636_9d6d,
    0,
    0,
    0,
    0x3f80_0000,
    0xbf00_0000,
    0x3d2a_aaa6,
    0xbab6_0705,
    0x37cd_37cc,
    0,
    0,
    0,
];
const FTMAD_D: [u64; 16] = [
    0x3ff0_0000_0000_0000,
    0xbfc5_5555_5555_5543,
    0x3f81_1111_1110_f30c,
    0xbf2a_01a0_19b9_2fc6,
    0x3ec7_1de3_51f3_d22b,
    0xbe5a_e5e2_b60f_7b91,
    0x3de5_d840_8868_552f,
    0,
    0x3ff0_0000_0000_0000,
    0xbfe0_0000_0000_0000,
    0x3fa5_5555_5555_5536,
    0xbf56_c16c_16c1_3a0b,
    0x3efa_01a0_19b1_e8d8,
    0xbe92_7e4f_7282_f468,
    0x3e21_ee96_d264_1b13,
    0xbda8_f763_80fb_b401,
];

fn ftmad_t<F: Fe>(c: &mut Cpu, imm3: u32, zm: u32, zdn: u32) {
    let table: &[u64; 16] = match F::N {
        16 => &FTMAD_H,
        32 => &FTMAD_S,
        _ => &FTMAD_D,
    };
    let n = lanes::<F::T>(c);
    let m = zr(c, zm);
    let fpcr = c.s.fpcr;
    let mut fpsr = c.s.fpsr;
    let d = &mut c.s.z[zdn as usize & 31].0;
    for e in 0..n {
        let op2 = fget::<F>(&m, e);
        // A negative op2 selects the cosine coefficients; its magnitude is the factor.
        let x = (imm3 & 7) as usize + if op2 & F::SIGN != 0 { 8 } else { 0 };
        let r = fpu::muladd::<F>(
            table[x],
            fget::<F>(d, e),
            fpu::abs::<F>(op2),
            fpcr,
            &mut fpsr,
        );
        fset::<F>(d, e, r);
    }
    c.s.fpsr = fpsr;
}

/// FTMAD Zdn.T, Zdn.T, Zm.T, #imm.
pub(crate) fn ftmad(c: &mut Cpu, i: &Insn) -> R {
    let [size, imm3, zm, zdn, ..] = i.f;
    c.check_sve()?;
    by_fsize!(size, ftmad_t::<_>(c, imm3, zm, zdn));
    zfix(c, zdn);
    Ok(())
}

fn ftssel_t<F: Fe>(c: &mut Cpu, zm: u32, zn: u32, zd: u32) {
    let n = lanes::<F::T>(c);
    let a = zr(c, zn);
    let b = zr(c, zm);
    let mut d = [0u8; 256];
    for e in 0..n {
        let op2 = fget::<F>(&b, e);
        let r = if op2 & 1 != 0 {
            pow2::<F>(0)
        } else {
            fget::<F>(&a, e)
        };
        fset::<F>(&mut d, e, r ^ (op2 >> 1 & 1) << (F::N - 1));
    }
    wz(c, zd, &d);
}

/// FTSSEL Zd.T, Zn.T, Zm.T (FPTrigSSel: no FP exceptions).
pub(crate) fn ftssel(c: &mut Cpu, i: &Insn) -> R {
    let [size, zm, zn, zd, ..] = i.f;
    c.check_sve()?;
    by_fsize!(size, ftssel_t::<_>(c, zm, zn, zd));
    Ok(())
}

// FPExpCoefficient: the fraction bits of 2^(i/64) (single, double) and 2^(i/32) (half),
// rounded to nearest. Computed at compile time in 3.124 fixed point: 2^(1/64) by
// bisection (its 64th power against 2), then its powers.

const FX: u32 = 124;
const ONE_FX: u128 = 1 << FX;

/// (a * b) >> 124 for a, b < 2^126 (the 250-bit product formed from 64-bit halves).
const fn mul_fx(a: u128, b: u128) -> u128 {
    let m64 = u64::MAX as u128;
    let (ah, al) = (a >> 64, a & m64);
    let (bh, bl) = (b >> 64, b & m64);
    let ll = al * bl;
    let mid = al * bh + ah * bl;
    let lo = ll.wrapping_add(mid << 64);
    let carry = (lo < ll) as u128;
    let hi = ah * bh + (mid >> 64) + carry;
    (hi << (128 - FX)) | (lo >> FX)
}

/// Is r^64 <= 2 (r in [1, 2))?
const fn pow64_le_2(r: u128) -> bool {
    let mut x = r;
    let mut k = 0;
    while k < 6 {
        if x >= 2 * ONE_FX {
            return false;
        }
        x = mul_fx(x, x);
        k += 1;
    }
    x <= 2 * ONE_FX
}

/// 2^(i/64) for i in 0..64, in 3.124 fixed point.
const fn exp2_64ths() -> [u128; 64] {
    let mut r = ONE_FX;
    let mut bit = FX;
    while bit > 0 {
        bit -= 1;
        let t = r | 1 << bit;
        if pow64_le_2(t) {
            r = t;
        }
    }
    let mut out = [0u128; 64];
    out[0] = ONE_FX;
    let mut i = 1;
    while i < 64 {
        out[i] = mul_fx(out[i - 1], r);
        i += 1;
    }
    out
}

/// The `fbits` fraction bits of each 2^(i*step/64), rounded to nearest.
const fn expa_table<const N: usize>(step: usize, fbits: u32) -> [u64; N] {
    let p = exp2_64ths();
    let sh = FX - fbits;
    let mut out = [0u64; N];
    let mut i = 0;
    while i < N {
        let v = (p[i * step] + (1 << (sh - 1))) >> sh;
        out[i] = (v as u64) & ((1u64 << fbits) - 1);
        i += 1;
    }
    out
}

static EXPA_H: [u64; 32] = expa_table::<32>(2, 10);
static EXPA_S: [u64; 64] = expa_table::<64>(1, 23);
static EXPA_D: [u64; 64] = expa_table::<64>(1, 52);

/// FPExpA: the coefficient for the low index bits, the bits above them as the exponent.
#[inline(always)]
fn fexpa_elem<F: Fmt>(op: u64) -> u64 {
    match F::N {
        16 => (op >> 5 & 0x1F) << 10 | EXPA_H[(op & 31) as usize],
        32 => (op >> 6 & 0xFF) << 23 | EXPA_S[(op & 63) as usize],
        _ => (op >> 6 & 0x7FF) << 52 | EXPA_D[(op & 63) as usize],
    }
}

fn fexpa_t<F: Fe>(c: &mut Cpu, zn: u32, zd: u32) {
    let n = lanes::<F::T>(c);
    let a = zr(c, zn);
    let mut d = [0u8; 256];
    for e in 0..n {
        fset::<F>(&mut d, e, fexpa_elem::<F>(fget::<F>(&a, e)));
    }
    wz(c, zd, &d);
}

/// FEXPA Zd.T, Zn.T (no FP exceptions).
pub(crate) fn fexpa(c: &mut Cpu, i: &Insn) -> R {
    let [size, zn, zd, ..] = i.f;
    c.check_sve()?;
    by_fsize!(size, fexpa_t::<_>(c, zn, zd));
    Ok(())
}

// ---------------------------------------------------------------- multiply-add

/// Operand roles of a predicated multiply-add: result = FPMulAdd(op3, op1, op2), with
/// op1 and/or op3 negated first (FPNeg flips a NaN's sign too), inactive lanes keep Zd.
fn fmla_t<F: Fe, const NEG1: bool, const NEG3: bool>(
    c: &mut Cpu,
    pg: u32,
    op1: u32,
    op2: u32,
    op3: u32,
    zd: u32,
) {
    let n = lanes::<F::T>(c);
    let p = pr(c, pg);
    let (a1, a2, a3) = (zr(c, op1), zr(c, op2), zr(c, op3));
    let fpcr = c.s.fpcr;
    let mut fpsr = c.s.fpsr;
    let d = &mut c.s.z[zd as usize & 31].0;
    for e in 0..n {
        if act::<F::T>(&p, e) {
            let mut x1 = fget::<F>(&a1, e);
            let mut x3 = fget::<F>(&a3, e);
            if NEG1 {
                x1 = fpu::neg::<F>(x1);
            }
            if NEG3 {
                x3 = fpu::neg::<F>(x3);
            }
            let r = fpu::muladd::<F>(x3, x1, fget::<F>(&a2, e), fpcr, &mut fpsr);
            fset::<F>(d, e, r);
        }
    }
    c.s.fpsr = fpsr;
}

/// FMLA/FMLS/FNMLA/FNMLS Zda.T, Pg/M, Zn.T, Zm.T: Zda = ±Zda ± Zn*Zm.
pub(crate) fn fmla_p<const NEG1: bool, const NEG3: bool>(c: &mut Cpu, i: &Insn) -> R {
    let [size, zm, pg, zn, zda, ..] = i.f;
    c.check_sve()?;
    by_fsize!(
        size,
        fmla_dispatch::<_>(c, (NEG1, NEG3), [pg, zn, zm, zda, zda])
    );
    zfix(c, zda);
    Ok(())
}

/// FMAD/FMSB/FNMAD/FNMSB Zdn.T, Pg/M, Zm.T, Za.T: Zdn = ±Za ± Zdn*Zm.
pub(crate) fn fmad_p<const NEG1: bool, const NEG3: bool>(c: &mut Cpu, i: &Insn) -> R {
    let [size, za, pg, zm, zdn, ..] = i.f;
    c.check_sve()?;
    by_fsize!(
        size,
        fmla_dispatch::<_>(c, (NEG1, NEG3), [pg, zdn, zm, za, zdn])
    );
    zfix(c, zdn);
    Ok(())
}

// Const-generic arguments cannot go through by_fsize's type list: spell them out.
macro_rules! fmla_variants {
    ($($name:ident = $n1:expr, $n3:expr;)*) => {
        $(
            fn $name<F: Fe>(c: &mut Cpu, pg: u32, op1: u32, op2: u32, op3: u32, zd: u32) {
                fmla_t::<F, $n1, $n3>(c, pg, op1, op2, op3, zd)
            }
        )*
    };
}
fmla_variants! {
    fmla_pp = false, false;
    fmla_np = true, false;
    fmla_nn = true, true;
    fmla_pn = false, true;
}

fn fmla_dispatch<F: Fe>(c: &mut Cpu, neg: (bool, bool), r: [u32; 5]) {
    let [pg, op1, op2, op3, zd] = r;
    match neg {
        (false, false) => fmla_pp::<F>(c, pg, op1, op2, op3, zd),
        (true, false) => fmla_np::<F>(c, pg, op1, op2, op3, zd),
        (true, true) => fmla_nn::<F>(c, pg, op1, op2, op3, zd),
        (false, true) => fmla_pn::<F>(c, pg, op1, op2, op3, zd),
    }
}

/// FMLA (indexed) kind.
const IDX_FMLA: u8 = 0;
const IDX_FMLS: u8 = 1;
const IDX_FMUL: u8 = 2;

/// FMLA/FMLS/FMUL (indexed): each 128-bit segment uses its own element `idx` of Zm.
fn fmla_idx_t<F: Fe>(c: &mut Cpu, kind: u8, idx: usize, zm: u32, zn: u32, zd: u32) {
    let n = lanes::<F::T>(c);
    let seg = 16 / F::T::B;
    let a = zr(c, zn);
    let m = zr(c, zm);
    let mut d = zr(c, zd);
    let fpcr = c.s.fpcr;
    let mut fpsr = c.s.fpsr;
    for e in 0..n {
        let x1 = fget::<F>(&a, e);
        let x2 = fget::<F>(&m, e - e % seg + idx);
        let r = match kind {
            IDX_FMUL => fpu::mul::<F>(x1, x2, fpcr, &mut fpsr),
            IDX_FMLS => fpu::muladd::<F>(fget::<F>(&d, e), fpu::neg::<F>(x1), x2, fpcr, &mut fpsr),
            _ => fpu::muladd::<F>(fget::<F>(&d, e), x1, x2, fpcr, &mut fpsr),
        };
        fset::<F>(&mut d, e, r);
    }
    c.s.fpsr = fpsr;
    wz(c, zd, &d);
}

/// FMLA/FMLS Zda.H, Zn.H, Zm.H[imm] (Zm in Z0-Z7, index i3h:i3l).
pub(crate) fn fmla_x_h(c: &mut Cpu, i: &Insn) -> R {
    let [i3h, i3l, zm, op, zn, zda, ..] = i.f;
    c.check_sve()?;
    let kind = if op == 1 { IDX_FMLS } else { IDX_FMLA };
    fmla_idx_t::<H>(c, kind, (i3h << 2 | i3l) as usize, zm, zn, zda);
    Ok(())
}

/// FMLA/FMLS Zda.S, Zn.S, Zm.S[imm] (Zm in Z0-Z7).
pub(crate) fn fmla_x_s(c: &mut Cpu, i: &Insn) -> R {
    let [i2, zm, op, zn, zda, ..] = i.f;
    c.check_sve()?;
    let kind = if op == 1 { IDX_FMLS } else { IDX_FMLA };
    fmla_idx_t::<S>(c, kind, i2 as usize, zm, zn, zda);
    Ok(())
}

/// FMLA/FMLS Zda.D, Zn.D, Zm.D[imm] (Zm in Z0-Z15).
pub(crate) fn fmla_x_d(c: &mut Cpu, i: &Insn) -> R {
    let [i1, zm, op, zn, zda, ..] = i.f;
    c.check_sve()?;
    let kind = if op == 1 { IDX_FMLS } else { IDX_FMLA };
    fmla_idx_t::<D>(c, kind, i1 as usize, zm, zn, zda);
    Ok(())
}

/// FMUL Zd.H, Zn.H, Zm.H[imm].
pub(crate) fn fmul_x_h(c: &mut Cpu, i: &Insn) -> R {
    let [i3h, i3l, zm, zn, zd, ..] = i.f;
    c.check_sve()?;
    fmla_idx_t::<H>(c, IDX_FMUL, (i3h << 2 | i3l) as usize, zm, zn, zd);
    Ok(())
}

/// FMUL Zd.S, Zn.S, Zm.S[imm].
pub(crate) fn fmul_x_s(c: &mut Cpu, i: &Insn) -> R {
    let [i2, zm, zn, zd, ..] = i.f;
    c.check_sve()?;
    fmla_idx_t::<S>(c, IDX_FMUL, i2 as usize, zm, zn, zd);
    Ok(())
}

/// FMUL Zd.D, Zn.D, Zm.D[imm].
pub(crate) fn fmul_x_d(c: &mut Cpu, i: &Insn) -> R {
    let [i1, zm, zn, zd, ..] = i.f;
    c.check_sve()?;
    fmla_idx_t::<D>(c, IDX_FMUL, i1 as usize, zm, zn, zd);
    Ok(())
}

// ---------------------------------------------------------------- complex arithmetic

/// FCMLA: for each (real, imaginary) pair e, with sel_a = rot<0>:
///   re += Zn[2e+sel_a] * (±Zm[2s+sel_a]),  im += Zn[2e+sel_a] * (±Zm[2s+1-sel_a])
/// where s is the pair of Zm used (e itself, or the indexed pair of e's segment), the
/// real product negated for rot 90/180 and the imaginary one for rot 180/270.
/// `pg` None: unpredicated (indexed form).
fn fcmla_t<F: Fe>(
    c: &mut Cpu,
    rot: u32,
    pg: Option<u32>,
    idx: Option<usize>,
    zm: u32,
    zn: u32,
    zda: u32,
) {
    let n = lanes::<F::T>(c);
    let p = match pg {
        Some(g) => pr(c, g),
        None => ptrue_all(c.vl()),
    };
    let a = zr(c, zn);
    let m = zr(c, zm);
    let mut d = zr(c, zda);
    let fpcr = c.s.fpcr;
    let mut fpsr = c.s.fpsr;
    let sel_a = (rot & 1) as usize;
    let sel_b = 1 - sel_a;
    let neg_i = rot >> 1 & 1 != 0;
    let neg_r = (rot & 1) ^ (rot >> 1 & 1) != 0;
    let pairs_per_seg = 8 / F::T::B;
    for e in 0..n / 2 {
        let s = match idx {
            Some(k) => e - e % pairs_per_seg + k,
            None => e,
        };
        let x1 = fget::<F>(&a, 2 * e + sel_a);
        if act::<F::T>(&p, 2 * e) {
            let mut x2 = fget::<F>(&m, 2 * s + sel_a);
            if neg_r {
                x2 = fpu::neg::<F>(x2);
            }
            let r = fpu::muladd::<F>(fget::<F>(&d, 2 * e), x1, x2, fpcr, &mut fpsr);
            fset::<F>(&mut d, 2 * e, r);
        }
        if act::<F::T>(&p, 2 * e + 1) {
            let mut x2 = fget::<F>(&m, 2 * s + sel_b);
            if neg_i {
                x2 = fpu::neg::<F>(x2);
            }
            let r = fpu::muladd::<F>(fget::<F>(&d, 2 * e + 1), x1, x2, fpcr, &mut fpsr);
            fset::<F>(&mut d, 2 * e + 1, r);
        }
    }
    c.s.fpsr = fpsr;
    wz(c, zda, &d);
}

/// FCMLA Zda.T, Pg/M, Zn.T, Zm.T, #rot.
pub(crate) fn fcmla_p(c: &mut Cpu, i: &Insn) -> R {
    let [size, zm, rot, pg, zn, zda, ..] = i.f;
    c.check_sve()?;
    by_fsize!(size, fcmla_t::<_>(c, rot, Some(pg), None, zm, zn, zda));
    Ok(())
}

/// FCMLA Zda.H, Zn.H, Zm.H[imm], #rot (Zm in Z0-Z7).
pub(crate) fn fcmla_x_h(c: &mut Cpu, i: &Insn) -> R {
    let [i2, zm, rot, zn, zda, ..] = i.f;
    c.check_sve()?;
    fcmla_t::<H>(c, rot, None, Some(i2 as usize), zm, zn, zda);
    Ok(())
}

/// FCMLA Zda.S, Zn.S, Zm.S[imm], #rot (Zm in Z0-Z15).
pub(crate) fn fcmla_x_s(c: &mut Cpu, i: &Insn) -> R {
    let [i1, zm, rot, zn, zda, ..] = i.f;
    c.check_sve()?;
    fcmla_t::<S>(c, rot, None, Some(i1 as usize), zm, zn, zda);
    Ok(())
}

fn fcadd_t<F: Fe>(c: &mut Cpu, rot: u32, pg: u32, zm: u32, zdn: u32) {
    let n = lanes::<F::T>(c);
    let p = pr(c, pg);
    let m = zr(c, zm);
    let fpcr = c.s.fpcr;
    let mut fpsr = c.s.fpsr;
    let d = &mut c.s.z[zdn as usize & 31].0;
    for e in 0..n / 2 {
        let mut br = fget::<F>(&m, 2 * e);
        let mut bi = fget::<F>(&m, 2 * e + 1);
        // #90 adds i*Zm = (-im, re); #270 adds -i*Zm = (im, -re).
        if rot == 0 {
            bi = fpu::neg::<F>(bi);
        } else {
            br = fpu::neg::<F>(br);
        }
        if act::<F::T>(&p, 2 * e) {
            let r = fpu::add::<F>(fget::<F>(d, 2 * e), bi, fpcr, &mut fpsr);
            fset::<F>(d, 2 * e, r);
        }
        if act::<F::T>(&p, 2 * e + 1) {
            let r = fpu::add::<F>(fget::<F>(d, 2 * e + 1), br, fpcr, &mut fpsr);
            fset::<F>(d, 2 * e + 1, r);
        }
    }
    c.s.fpsr = fpsr;
}

/// FCADD Zdn.T, Pg/M, Zdn.T, Zm.T, #rot (rot 0 = #90, 1 = #270).
pub(crate) fn fcadd(c: &mut Cpu, i: &Insn) -> R {
    let [size, rot, pg, zm, zdn, ..] = i.f;
    c.check_sve()?;
    by_fsize!(size, fcadd_t::<_>(c, rot, pg, zm, zdn));
    zfix(c, zdn);
    Ok(())
}

// ---------------------------------------------------------------- unary operations

/// Predicated unary map over containers of `T`: active lanes become `f(lane)`.
#[inline(always)]
fn zpz_map<T: Elem>(c: &mut Cpu, pg: u32, zn: u32, zd: u32, f: impl Fn(u64, &mut u32) -> u64) {
    let n = lanes::<T>(c);
    let p = pr(c, pg);
    let a = zr(c, zn);
    let mut fpsr = c.s.fpsr;
    let d = &mut c.s.z[zd as usize & 31].0;
    for e in 0..n {
        if act::<T>(&p, e) {
            T::set(d, e, T::fu(f(T::get(&a, e).u(), &mut fpsr)));
        }
    }
    c.s.fpsr = fpsr;
    zfix(c, zd);
}

/// Unpredicated unary map (FRECPE, FRSQRTE).
#[inline(always)]
fn zz_map<T: Elem>(c: &mut Cpu, zn: u32, zd: u32, f: impl Fn(u64, &mut u32) -> u64) {
    let n = lanes::<T>(c);
    let a = zr(c, zn);
    let mut fpsr = c.s.fpsr;
    let mut d = [0u8; 256];
    for e in 0..n {
        T::set(&mut d, e, T::fu(f(T::get(&a, e).u(), &mut fpsr)));
    }
    c.s.fpsr = fpsr;
    wz(c, zd, &d);
}

/// Unary FP operations.
pub(crate) const U_FABS: u8 = 0;
pub(crate) const U_FNEG: u8 = 1;
pub(crate) const U_FSQRT: u8 = 2;
pub(crate) const U_FRECPX: u8 = 3;
pub(crate) const U_FRECPE: u8 = 4;
pub(crate) const U_FRSQRTE: u8 = 5;

fn unary_t<F: Fe, const K: u8>(c: &mut Cpu, pg: Option<u32>, zn: u32, zd: u32) {
    let fpcr = c.s.fpcr;
    let f = move |x: u64, s: &mut u32| match K {
        U_FABS => fpu::abs::<F>(x),
        U_FNEG => fpu::neg::<F>(x),
        U_FSQRT => fpu::sqrt::<F>(x, fpcr, s),
        U_FRECPX => fpu::recpx::<F>(x, fpcr, s),
        U_FRECPE => fpu::recip_estimate_fp::<F>(x, fpcr, s),
        _ => fpu::rsqrt_estimate_fp::<F>(x, fpcr, s),
    };
    match pg {
        Some(g) => zpz_map::<F::T>(c, g, zn, zd, f),
        None => zz_map::<F::T>(c, zn, zd, f),
    }
}

macro_rules! unary_variants {
    ($($name:ident = $k:expr;)*) => {
        $(
            fn $name<F: Fe>(c: &mut Cpu, pg: Option<u32>, zn: u32, zd: u32) {
                unary_t::<F, { $k }>(c, pg, zn, zd)
            }
        )*
    };
}
unary_variants! {
    u_fabs = U_FABS;
    u_fneg = U_FNEG;
    u_fsqrt = U_FSQRT;
    u_frecpx = U_FRECPX;
    u_frecpe = U_FRECPE;
    u_frsqrte = U_FRSQRTE;
}

fn unary_dispatch<F: Fe>(c: &mut Cpu, k: u8, pg: Option<u32>, zn: u32, zd: u32) {
    match k {
        U_FABS => u_fabs::<F>(c, pg, zn, zd),
        U_FNEG => u_fneg::<F>(c, pg, zn, zd),
        U_FSQRT => u_fsqrt::<F>(c, pg, zn, zd),
        U_FRECPX => u_frecpx::<F>(c, pg, zn, zd),
        U_FRECPE => u_frecpe::<F>(c, pg, zn, zd),
        _ => u_frsqrte::<F>(c, pg, zn, zd),
    }
}

/// FABS/FNEG/FSQRT/FRECPX Zd.T, Pg/M, Zn.T.
pub(crate) fn fp_zpz<const K: u8>(c: &mut Cpu, i: &Insn) -> R {
    let [size, pg, zn, zd, ..] = i.f;
    c.check_sve()?;
    by_fsize!(size, unary_dispatch::<_>(c, K, Some(pg), zn, zd));
    Ok(())
}

/// FRECPE/FRSQRTE Zd.T, Zn.T.
pub(crate) fn fp_zz<const K: u8>(c: &mut Cpu, i: &Insn) -> R {
    let [size, zn, zd, ..] = i.f;
    c.check_sve()?;
    by_fsize!(size, unary_dispatch::<_>(c, K, None, zn, zd));
    Ok(())
}

fn frint_t<F: Fe>(c: &mut Cpu, rm: Rounding, exact: bool, pg: u32, zn: u32, zd: u32) {
    let fpcr = c.s.fpcr;
    zpz_map::<F::T>(c, pg, zn, zd, move |x, s| {
        fpu::round_int::<F>(x, rm, exact, fpcr, s)
    });
}

/// FRINTN/P/M/Z/A/X/I Zd.T, Pg/M, Zn.T (opc 101 is unallocated).
pub(crate) fn frint(c: &mut Cpu, i: &Insn) -> R {
    let [size, opc, pg, zn, zd, ..] = i.f;
    c.check_sve()?;
    let cur = Rounding::from_fpcr(c.s.fpcr);
    let (rm, exact) = match opc {
        0 => (Rounding::TieEven, false),
        1 => (Rounding::PosInf, false),
        2 => (Rounding::NegInf, false),
        3 => (Rounding::Zero, false),
        4 => (Rounding::TieAway, false),
        6 => (cur, true),
        7 => (cur, false),
        _ => return Err(undef()),
    };
    by_fsize!(size, frint_t::<_>(c, rm, exact, pg, zn, zd));
    Ok(())
}

// ---------------------------------------------------------------- conversions

/// FCVT between precisions: Zd.<To>, Pg/M, Zn.<From>, in containers of the wider size
/// (the narrower value in the low bits, the rest of the container zero).
fn fcvt_t<A: Fe, B: Fe, T: Elem>(c: &mut Cpu, pg: u32, zn: u32, zd: u32) {
    // FPConvertSVE: SVE half precision is always IEEE binary16 (FPCR.AHP is ignored).
    let fpcr = c.s.fpcr & !fpu::FPCR_AHP;
    let rm = Rounding::from_fpcr(fpcr);
    zpz_map::<T>(c, pg, zn, zd, move |x, s| {
        fpu::convert::<A, B>(x, rm, fpcr, s)
    });
}

/// FCVT Zd.T, Pg/M, Zn.T (opc:opc2 selects the pair; the rest are unallocated here,
/// BFCVT among them).
pub(crate) fn fcvt(c: &mut Cpu, i: &Insn) -> R {
    let [opc, opc2, pg, zn, zd, ..] = i.f;
    c.check_sve()?;
    match (opc, opc2) {
        (2, 0) => fcvt_t::<S, H, u32>(c, pg, zn, zd),
        (2, 1) => fcvt_t::<H, S, u32>(c, pg, zn, zd),
        (3, 0) => fcvt_t::<D, H, u64>(c, pg, zn, zd),
        (3, 1) => fcvt_t::<H, D, u64>(c, pg, zn, zd),
        (3, 2) => fcvt_t::<D, S, u64>(c, pg, zn, zd),
        (3, 3) => fcvt_t::<S, D, u64>(c, pg, zn, zd),
        _ => return Err(undef()),
    }
    Ok(())
}

/// The (integer bits, FP format, container) of an integer conversion's opc:opc2, one of
/// the seven the encoding allocates.
#[derive(Clone, Copy)]
enum IntCv {
    H16,
    H32,
    H64,
    S32,
    S64,
    D32,
    D64,
}

fn int_cv(opc: u32, opc2: u32) -> Option<IntCv> {
    Some(match (opc, opc2) {
        (1, 1) => IntCv::H16,
        (1, 2) => IntCv::H32,
        (1, 3) => IntCv::H64,
        (2, 2) => IntCv::S32,
        (3, 0) => IntCv::D32,
        (3, 2) => IntCv::S64,
        (3, 3) => IntCv::D64,
        _ => return None,
    })
}

fn fcvtz_t<F: Fe, T: Elem>(c: &mut Cpu, bits: u32, uns: bool, pg: u32, zn: u32, zd: u32) {
    let fpcr = c.s.fpcr;
    zpz_map::<T>(c, pg, zn, zd, move |x, s| {
        let r = fpu::to_fixed::<F>(x, 0, uns, bits, Rounding::Zero, fpcr, s);
        // A 32-bit result in a 64-bit container is extended per signedness.
        if !uns && bits < T::BITS {
            ((r << (64 - bits)) as i64 >> (64 - bits)) as u64
        } else {
            r
        }
    });
}

/// FCVTZS/FCVTZU Zd.T, Pg/M, Zn.T (round towards zero, saturating).
pub(crate) fn fcvtz(c: &mut Cpu, i: &Insn) -> R {
    let [opc, opc2, u, pg, zn, zd, ..] = i.f;
    c.check_sve()?;
    let uns = u == 1;
    match int_cv(opc, opc2).ok_or_else(undef)? {
        IntCv::H16 => fcvtz_t::<H, u16>(c, 16, uns, pg, zn, zd),
        IntCv::H32 => fcvtz_t::<H, u32>(c, 32, uns, pg, zn, zd),
        IntCv::H64 => fcvtz_t::<H, u64>(c, 64, uns, pg, zn, zd),
        IntCv::S32 => fcvtz_t::<S, u32>(c, 32, uns, pg, zn, zd),
        IntCv::S64 => fcvtz_t::<S, u64>(c, 64, uns, pg, zn, zd),
        IntCv::D32 => fcvtz_t::<D, u64>(c, 32, uns, pg, zn, zd),
        IntCv::D64 => fcvtz_t::<D, u64>(c, 64, uns, pg, zn, zd),
    }
    Ok(())
}

fn xcvtf_t<F: Fe, T: Elem>(c: &mut Cpu, bits: u32, uns: bool, pg: u32, zn: u32, zd: u32) {
    let fpcr = c.s.fpcr;
    let rm = Rounding::from_fpcr(fpcr);
    zpz_map::<T>(c, pg, zn, zd, move |x, s| {
        fpu::from_fixed::<F>(x, 0, uns, bits, rm, fpcr, s)
    });
}

/// SCVTF/UCVTF Zd.T, Pg/M, Zn.T.
pub(crate) fn xcvtf(c: &mut Cpu, i: &Insn) -> R {
    let [opc, opc2, u, pg, zn, zd, ..] = i.f;
    c.check_sve()?;
    let uns = u == 1;
    match int_cv(opc, opc2).ok_or_else(undef)? {
        IntCv::H16 => xcvtf_t::<H, u16>(c, 16, uns, pg, zn, zd),
        IntCv::H32 => xcvtf_t::<H, u32>(c, 32, uns, pg, zn, zd),
        IntCv::H64 => xcvtf_t::<H, u64>(c, 64, uns, pg, zn, zd),
        IntCv::S32 => xcvtf_t::<S, u32>(c, 32, uns, pg, zn, zd),
        IntCv::S64 => xcvtf_t::<S, u64>(c, 64, uns, pg, zn, zd),
        IntCv::D32 => xcvtf_t::<D, u64>(c, 32, uns, pg, zn, zd),
        IntCv::D64 => xcvtf_t::<D, u64>(c, 64, uns, pg, zn, zd),
    }
    Ok(())
}

// ---------------------------------------------------------------- compares

/// Compare conditions.
pub(crate) const FC_GE: u8 = 0;
pub(crate) const FC_GT: u8 = 1;
pub(crate) const FC_EQ: u8 = 2;
pub(crate) const FC_NE: u8 = 3;
pub(crate) const FC_UO: u8 = 4;
pub(crate) const FC_ACGE: u8 = 5;
pub(crate) const FC_ACGT: u8 = 6;
pub(crate) const FC_LT: u8 = 7;
pub(crate) const FC_LE: u8 = 8;

#[inline(always)]
fn fcmp<F: Fmt, const CC: u8>(a: u64, b: u64, fpcr: u32, fpsr: &mut u32) -> bool {
    match CC {
        FC_GE => fpu::cmp_ge::<F>(a, b, fpcr, fpsr),
        FC_GT => fpu::cmp_gt::<F>(a, b, fpcr, fpsr),
        FC_EQ => fpu::cmp_eq::<F>(a, b, fpcr, fpsr),
        FC_NE => !fpu::cmp_eq::<F>(a, b, fpcr, fpsr),
        FC_UO => {
            // FPCompareUN is quiet (only a signalling NaN is Invalid): the same flags
            // as FPCompareEQ, which the call raises.
            fpu::cmp_eq::<F>(a, b, fpcr, fpsr);
            fpu::is_nan::<F>(a) || fpu::is_nan::<F>(b)
        }
        FC_ACGE => fpu::cmp_ge::<F>(fpu::abs::<F>(a), fpu::abs::<F>(b), fpcr, fpsr),
        FC_ACGT => fpu::cmp_gt::<F>(fpu::abs::<F>(a), fpu::abs::<F>(b), fpcr, fpsr),
        FC_LT => fpu::cmp_gt::<F>(b, a, fpcr, fpsr),
        _ => fpu::cmp_ge::<F>(b, a, fpcr, fpsr),
    }
}

/// Compares active lanes of Zn with Zm (or with +0.0 if `zm` is None) into Pd (zeroing).
fn fcm_t<F: Fe, const CC: u8>(c: &mut Cpu, pg: u32, zn: u32, zm: Option<u32>, pd: u32) {
    let n = lanes::<F::T>(c);
    let p = pr(c, pg);
    let a = zr(c, zn);
    let b = match zm {
        Some(m) => zr(c, m),
        None => [0u8; 256],
    };
    let fpcr = c.s.fpcr;
    let mut fpsr = c.s.fpsr;
    let mut r = [0u8; 32];
    for e in 0..n {
        if act::<F::T>(&p, e) {
            let t = fcmp::<F, CC>(fget::<F>(&a, e), fget::<F>(&b, e), fpcr, &mut fpsr);
            pset(&mut r, e * F::T::B, t);
        }
    }
    c.s.fpsr = fpsr;
    wpr(c, pd, &r);
}

macro_rules! fcm_variants {
    ($($name:ident = $k:expr;)*) => {
        $(
            fn $name<F: Fe>(c: &mut Cpu, pg: u32, zn: u32, zm: Option<u32>, pd: u32) {
                fcm_t::<F, { $k }>(c, pg, zn, zm, pd)
            }
        )*
    };
}
fcm_variants! {
    fcm_ge = FC_GE;
    fcm_gt = FC_GT;
    fcm_eq = FC_EQ;
    fcm_ne = FC_NE;
    fcm_uo = FC_UO;
    fcm_acge = FC_ACGE;
    fcm_acgt = FC_ACGT;
    fcm_lt = FC_LT;
    fcm_le = FC_LE;
}

fn fcm_dispatch<F: Fe>(c: &mut Cpu, cc: u8, pg: u32, zn: u32, zm: Option<u32>, pd: u32) {
    match cc {
        FC_GE => fcm_ge::<F>(c, pg, zn, zm, pd),
        FC_GT => fcm_gt::<F>(c, pg, zn, zm, pd),
        FC_EQ => fcm_eq::<F>(c, pg, zn, zm, pd),
        FC_NE => fcm_ne::<F>(c, pg, zn, zm, pd),
        FC_UO => fcm_uo::<F>(c, pg, zn, zm, pd),
        FC_ACGE => fcm_acge::<F>(c, pg, zn, zm, pd),
        FC_ACGT => fcm_acgt::<F>(c, pg, zn, zm, pd),
        FC_LT => fcm_lt::<F>(c, pg, zn, zm, pd),
        _ => fcm_le::<F>(c, pg, zn, zm, pd),
    }
}

/// FCM<cc>/FAC<cc> Pd.T, Pg/Z, Zn.T, Zm.T.
pub(crate) fn fcm_zz<const CC: u8>(c: &mut Cpu, i: &Insn) -> R {
    let [size, zm, pg, zn, pd, ..] = i.f;
    c.check_sve()?;
    by_fsize!(size, fcm_dispatch::<_>(c, CC, pg, zn, Some(zm), pd));
    Ok(())
}

/// FCM<cc> Pd.T, Pg/Z, Zn.T, #0.0.
pub(crate) fn fcm_z0<const CC: u8>(c: &mut Cpu, i: &Insn) -> R {
    let [size, pg, zn, pd, ..] = i.f;
    c.check_sve()?;
    by_fsize!(size, fcm_dispatch::<_>(c, CC, pg, zn, None, pd));
    Ok(())
}

// ---------------------------------------------------------------- reductions

/// Reduction kinds.
pub(crate) const RED_FADD: u8 = 0;
pub(crate) const RED_FMAXNM: u8 = 1;
pub(crate) const RED_FMINNM: u8 = 2;
pub(crate) const RED_FMAX: u8 = 3;
pub(crate) const RED_FMIN: u8 = 4;

/// ReducePredicated: the elements over VL rounded up to a power of two, inactive and
/// out-of-range ones replaced by the identity, combined as a balanced pairwise tree
/// (each node = op(lower half, upper half)).
fn red_t<F: Fe, O: FBin>(c: &mut Cpu, pg: u32, zn: u32, identity: u64) -> u64 {
    let n = lanes::<F::T>(c);
    let p2 = n.next_power_of_two().min(256);
    let p = pr(c, pg);
    let a = zr(c, zn);
    let fpcr = c.s.fpcr;
    let mut fpsr = c.s.fpsr;
    let mut v = [0u64; 256];
    for (e, x) in v.iter_mut().enumerate().take(p2) {
        *x = if e < n && act::<F::T>(&p, e) {
            fget::<F>(&a, e)
        } else {
            identity
        };
    }
    let mut w = p2;
    while w > 1 {
        for k in 0..w / 2 {
            v[k] = O::f::<F>(v[2 * k], v[2 * k + 1], fpcr, &mut fpsr);
        }
        w /= 2;
    }
    c.s.fpsr = fpsr;
    v[0]
}

fn red_dispatch<F: Fe>(c: &mut Cpu, k: u8, pg: u32, zn: u32) -> u64 {
    match k {
        RED_FADD => red_t::<F, FAdd>(c, pg, zn, 0),
        RED_FMAXNM => red_t::<F, FMaxnm>(c, pg, zn, fpu::default_nan::<F>()),
        RED_FMINNM => red_t::<F, FMinnm>(c, pg, zn, fpu::default_nan::<F>()),
        RED_FMAX => red_t::<F, FMax>(c, pg, zn, fpu::inf::<F>(true)),
        _ => red_t::<F, FMin>(c, pg, zn, fpu::inf::<F>(false)),
    }
}

/// FADDV/FMAXNMV/FMINNMV/FMAXV/FMINV <V>d, Pg, Zn.T.
pub(crate) fn fp_reduce<const K: u8>(c: &mut Cpu, i: &Insn) -> R {
    let [size, pg, zn, vd, ..] = i.f;
    c.check_sve()?;
    let r = by_fsize!(size, red_dispatch::<_>(c, K, pg, zn));
    c.s.set_v(vd, r as u128);
    Ok(())
}

fn fadda_t<F: Fe>(c: &mut Cpu, pg: u32, zm: u32, vdn: u32) -> u64 {
    let n = lanes::<F::T>(c);
    let p = pr(c, pg);
    let m = zr(c, zm);
    let fpcr = c.s.fpcr;
    let mut fpsr = c.s.fpsr;
    let mut acc = fget::<F>(&zr(c, vdn), 0);
    for e in 0..n {
        if act::<F::T>(&p, e) {
            acc = fpu::add::<F>(acc, fget::<F>(&m, e), fpcr, &mut fpsr);
        }
    }
    c.s.fpsr = fpsr;
    acc
}

/// FADDA <V>dn, Pg, <V>dn, Zm.T: strictly ordered, element 0 first.
pub(crate) fn fadda(c: &mut Cpu, i: &Insn) -> R {
    let [size, pg, zm, vdn, ..] = i.f;
    c.check_sve()?;
    let r = by_fsize!(size, fadda_t::<_>(c, pg, zm, vdn));
    c.s.set_v(vdn, r as u128);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fexpa_coefficients_are_exp2_fractions() {
        // Entries checked against the host's exp2 (correctly rounded to well within
        // the tolerances for these few spot values) and the known exact points.
        assert_eq!(EXPA_D[0], 0);
        assert_eq!(EXPA_S[0], 0);
        assert_eq!(EXPA_H[0], 0);
        // 2^(32/64) = sqrt(2) = 1.6a09e667f3bcc908b2fb... (round to nearest at 52 bits).
        assert_eq!(EXPA_D[32], 0x6a09e667f3bcd);
        assert_eq!(EXPA_S[32], 0x3504f3);
        assert_eq!(EXPA_H[16], 0x1a8);
        for (i, &coeff) in EXPA_D.iter().enumerate() {
            let x = f64::exp2(i as f64 / 64.0);
            let host = x.to_bits() & ((1 << 52) - 1);
            assert!(host.abs_diff(coeff) <= 1, "{i}");
        }
    }

    #[test]
    fn ftmad_tables_have_unit_first_terms() {
        assert_eq!(FTMAD_H[0], 0x3c00);
        assert_eq!(FTMAD_S[8], 0x3f80_0000);
        assert_eq!(FTMAD_D[9], 0xbfe0_0000_0000_0000);
    }
}
