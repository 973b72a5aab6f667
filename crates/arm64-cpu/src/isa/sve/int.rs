//! SVE integer arithmetic: predicated and unpredicated binary operations, immediate
//! forms, shifts, multiply-add, unary operations, dot products, compares (setting a
//! predicate and the flags), reductions, INDEX and ADR.

use super::core::*;
use crate::cpu::Cpu;
use crate::decode::Insn;

/// A binary element operation, generic over the element type.
pub(crate) trait Bin {
    fn f<T: Elem>(a: T, b: T) -> T;
}

#[inline(always)]
fn sdiv<T: Elem>(a: T, b: T) -> T {
    // Division by zero gives zero; MIN / -1 wraps to MIN (the truncated result).
    if b.u() == 0 {
        T::fu(0)
    } else {
        T::fu(a.s().wrapping_div(b.s()) as u64)
    }
}

#[inline(always)]
fn udiv<T: Elem>(a: T, b: T) -> T {
    if b.u() == 0 {
        T::fu(0)
    } else {
        T::fu(a.u() / b.u())
    }
}

#[inline(always)]
fn asr<T: Elem>(a: T, sh: u64) -> T {
    T::fu((a.s() >> sh.min(63)) as u64)
}

#[inline(always)]
fn lsr<T: Elem>(a: T, sh: u64) -> T {
    if sh >= T::BITS as u64 {
        T::fu(0)
    } else {
        T::fu(a.u() >> sh)
    }
}

#[inline(always)]
fn lsl<T: Elem>(a: T, sh: u64) -> T {
    if sh >= T::BITS as u64 {
        T::fu(0)
    } else {
        T::fu(a.u() << sh)
    }
}

macro_rules! bin {
    ($($name:ident |$a:ident, $b:ident| $e:expr;)*) => {
        $(
            pub(crate) struct $name;
            impl Bin for $name {
                #[inline(always)]
                fn f<T: Elem>($a: T, $b: T) -> T {
                    $e
                }
            }
        )*
    };
}

bin! {
    Add |a, b| T::fu(a.u().wrapping_add(b.u()));
    Sub |a, b| T::fu(a.u().wrapping_sub(b.u()));
    Subr |a, b| T::fu(b.u().wrapping_sub(a.u()));
    Mul |a, b| T::fu(a.u().wrapping_mul(b.u()));
    Smulh |a, b| T::fu(((a.s() as i128 * b.s() as i128) >> T::BITS) as u64);
    Umulh |a, b| T::fu(((a.u() as u128 * b.u() as u128) >> T::BITS) as u64);
    Sdiv |a, b| sdiv(a, b);
    Udiv |a, b| udiv(a, b);
    Sdivr |a, b| sdiv(b, a);
    Udivr |a, b| udiv(b, a);
    Smax |a, b| if a.s() >= b.s() { a } else { b };
    Smin |a, b| if a.s() <= b.s() { a } else { b };
    Umax |a, b| if a >= b { a } else { b };
    Umin |a, b| if a <= b { a } else { b };
    Sabd |a, b| T::fu((a.s() as i128 - b.s() as i128).unsigned_abs() as u64);
    Uabd |a, b| T::fu(a.u().abs_diff(b.u()));
    And |a, b| T::fu(a.u() & b.u());
    Orr |a, b| T::fu(a.u() | b.u());
    Eor |a, b| T::fu(a.u() ^ b.u());
    Bic |a, b| T::fu(a.u() & !b.u());
    Asr |a, b| asr(a, b.u());
    Lsr |a, b| lsr(a, b.u());
    Lsl |a, b| lsl(a, b.u());
    Asrr |a, b| asr(b, a.u());
    Lsrr |a, b| lsr(b, a.u());
    Lslr |a, b| lsl(b, a.u());
    Sqadd |a, b| T::fu(ssat(a.s() as i128 + b.s() as i128, T::BITS) as u64);
    Uqadd |a, b| T::fu(usat(a.u() as i128 + b.u() as i128, T::BITS));
    Sqsub |a, b| T::fu(ssat(a.s() as i128 - b.s() as i128, T::BITS) as u64);
    Uqsub |a, b| T::fu(usat(a.u() as i128 - b.u() as i128, T::BITS));
    // SQADD/SQSUB (immediate): the immediate is UInt(imm8{, LSL #8}), not a signed
    // element, so #0xF5 on .B adds 245 and saturates (Arm ARM SQADD (immediate):
    // `element2 = UInt(imm)`, `SignedSat(element1 + element2, esize)`).
    SqaddImm |a, b| T::fu(ssat(a.s() as i128 + b.u() as i128, T::BITS) as u64);
    SqsubImm |a, b| T::fu(ssat(a.s() as i128 - b.u() as i128, T::BITS) as u64);
}

// ---------------------------------------------------------------- predicated binary

fn zpzz_t<T: Elem, O: Bin>(c: &mut Cpu, pg: u32, zm: u32, zdn: u32) {
    let n = lanes::<T>(c);
    let p = pr(c, pg);
    let m = zr(c, zm);
    let d = &mut c.s.z[zdn as usize & 31].0;
    for e in 0..n {
        let a = T::get(d, e);
        let r = O::f(a, T::get(&m, e));
        T::set(d, e, if act::<T>(&p, e) { r } else { a });
    }
}

/// <op> Zdn.T, Pg/M, Zdn.T, Zm.T (every element size).
pub(crate) fn zpzz<O: Bin>(c: &mut Cpu, i: &Insn) -> R {
    let [size, pg, zm, zdn, ..] = i.f;
    c.check_sve()?;
    by_size!(size, zpzz_t::<_, O>(c, pg, zm, zdn));
    zfix(c, zdn);
    Ok(())
}

/// As [`zpzz`] for the divides, which exist for .S and .D only.
pub(crate) fn zpzz_sd<O: Bin>(c: &mut Cpu, i: &Insn) -> R {
    if i.f[0] < 2 {
        c.check_sve()?;
        return Err(undef());
    }
    zpzz::<O>(c, i)
}

fn zpzw_t<T: Elem, O: Bin>(c: &mut Cpu, pg: u32, zm: u32, zdn: u32) {
    let n = lanes::<T>(c);
    let p = pr(c, pg);
    let m = zr(c, zm);
    let d = &mut c.s.z[zdn as usize & 31].0;
    for e in 0..n {
        let a = T::get(d, e);
        let sh = u64::get(&m, e * T::B / 8);
        // The 64-bit shift amount saturates: larger shifts than the element clear it
        // (or fill it with the sign); pass a clamped amount of the element's type.
        let r = O::f(a, T::fu(sh.min(T::BITS as u64)));
        T::set(d, e, if act::<T>(&p, e) { r } else { a });
    }
}

/// ASR/LSR/LSL Zdn.T, Pg/M, Zdn.T, Zm.D (wide elements; not .D).
pub(crate) fn zpzw<O: Bin>(c: &mut Cpu, i: &Insn) -> R {
    let [size, pg, zm, zdn, ..] = i.f;
    c.check_sve()?;
    if size == 3 {
        return Err(undef());
    }
    by_size!(size, zpzw_t::<_, O>(c, pg, zm, zdn));
    zfix(c, zdn);
    Ok(())
}

// ---------------------------------------------------------------- unpredicated

fn zzz_t<T: Elem, O: Bin>(c: &mut Cpu, zm: u32, zn: u32, zd: u32) {
    let n = lanes::<T>(c);
    let a = &c.s.z[zn as usize & 31].0;
    let b = &c.s.z[zm as usize & 31].0;
    let mut d = [0u8; 256];
    for e in 0..n {
        T::set(&mut d, e, O::f(T::get(a, e), T::get(b, e)));
    }
    wz(c, zd, &d);
}

/// <op> Zd.T, Zn.T, Zm.T.
pub(crate) fn zzz<O: Bin>(c: &mut Cpu, i: &Insn) -> R {
    let [size, zm, zn, zd, ..] = i.f;
    c.check_sve()?;
    by_size!(size, zzz_t::<_, O>(c, zm, zn, zd));
    Ok(())
}

/// AND/ORR/EOR/BIC Zd.D, Zn.D, Zm.D (bitwise, no element size).
pub(crate) fn zzz_logic<O: Bin>(c: &mut Cpu, i: &Insn) -> R {
    let [zm, zn, zd, ..] = i.f;
    c.check_sve()?;
    zzz_t::<u64, O>(c, zm, zn, zd);
    Ok(())
}

fn zzw_t<T: Elem, O: Bin>(c: &mut Cpu, zm: u32, zn: u32, zd: u32) {
    let n = lanes::<T>(c);
    let a = zr(c, zn);
    let m = zr(c, zm);
    let mut d = [0u8; 256];
    for e in 0..n {
        let sh = u64::get(&m, e * T::B / 8);
        T::set(
            &mut d,
            e,
            O::f(T::get(&a, e), T::fu(sh.min(T::BITS as u64))),
        );
    }
    wz(c, zd, &d);
}

/// ASR/LSR/LSL Zd.T, Zn.T, Zm.D (unpredicated wide; not .D).
pub(crate) fn zzw<O: Bin>(c: &mut Cpu, i: &Insn) -> R {
    let [size, zm, zn, zd, ..] = i.f;
    c.check_sve()?;
    if size == 3 {
        return Err(undef());
    }
    by_size!(size, zzw_t::<_, O>(c, zm, zn, zd));
    Ok(())
}

// ---------------------------------------------------------------- immediates

fn zzi_t<T: Elem, O: Bin>(c: &mut Cpu, zdn: u32, imm: u64) {
    let n = lanes::<T>(c);
    let b = T::fu(imm);
    let d = &mut c.s.z[zdn as usize & 31].0;
    for e in 0..n {
        T::set(d, e, O::f(T::get(d, e), b));
    }
}

/// ADD/SUB/SUBR/SQADD/UQADD/SQSUB/UQSUB Zdn.T, Zdn.T, #imm{, LSL #8}.
pub(crate) fn zzi_sh<O: Bin>(c: &mut Cpu, i: &Insn) -> R {
    let [size, sh, imm8, zdn, ..] = i.f;
    c.check_sve()?;
    // A shifted immediate does not exist for bytes.
    if size == 0 && sh == 1 {
        return Err(undef());
    }
    let imm = (imm8 as u64) << (8 * sh);
    by_size!(size, zzi_t::<_, O>(c, zdn, imm));
    zfix(c, zdn);
    Ok(())
}

/// SMAX/SMIN/MUL Zdn.T, Zdn.T, #simm8.
pub(crate) fn zzi_s8<O: Bin>(c: &mut Cpu, i: &Insn) -> R {
    let [size, imm8, zdn, ..] = i.f;
    c.check_sve()?;
    let imm = imm8 as u8 as i8 as i64 as u64;
    by_size!(size, zzi_t::<_, O>(c, zdn, imm));
    zfix(c, zdn);
    Ok(())
}

/// UMAX/UMIN Zdn.T, Zdn.T, #uimm8.
pub(crate) fn zzi_u8<O: Bin>(c: &mut Cpu, i: &Insn) -> R {
    let [size, imm8, zdn, ..] = i.f;
    c.check_sve()?;
    by_size!(size, zzi_t::<_, O>(c, zdn, imm8 as u64 & 0xFF));
    zfix(c, zdn);
    Ok(())
}

/// AND/ORR/EOR Zdn.T, Zdn.T, #bitmask.
pub(crate) fn zzi_logic<O: Bin>(c: &mut Cpu, i: &Insn) -> R {
    let [imm13, zdn, ..] = i.f;
    c.check_sve()?;
    let imm = decode_bit_masks(imm13 >> 12, (imm13 >> 6) & 63, imm13 & 63).ok_or_else(undef)?;
    zzi_t::<u64, O>(c, zdn, imm);
    zfix(c, zdn);
    Ok(())
}

/// DUPM Zd.T, #bitmask.
pub(crate) fn dupm(c: &mut Cpu, i: &Insn) -> R {
    let [imm13, zd, ..] = i.f;
    c.check_sve()?;
    let imm = decode_bit_masks(imm13 >> 12, (imm13 >> 6) & 63, imm13 & 63).ok_or_else(undef)?;
    let mut d = [0u8; 256];
    for e in 0..lanes::<u64>(c) {
        u64::set(&mut d, e, imm);
    }
    wz(c, zd, &d);
    Ok(())
}

// ---------------------------------------------------------------- shifts by immediate

/// Element size and shift amount from tsz:imm3: (esz, right shift, left shift).
fn tsz_shift(tsz: u32, imm3: u32) -> Option<(u32, u64, u64)> {
    if tsz == 0 {
        return None;
    }
    let esz = 31 - tsz.leading_zeros();
    let esize = 8u64 << esz;
    let v = ((tsz as u64) << 3) | imm3 as u64;
    Some((esz, 2 * esize - v, v - esize))
}

/// Which immediate shift.
#[derive(Clone, Copy)]
enum ShK {
    Asr,
    Lsr,
    Lsl,
    Asrd,
}

#[inline(always)]
fn shift_imm<T: Elem>(k: ShK, a: T, sh: u64) -> T {
    match k {
        ShK::Asr => asr(a, sh),
        ShK::Lsr => lsr(a, sh),
        ShK::Lsl => lsl(a, sh),
        ShK::Asrd => {
            // Arithmetic shift right rounding towards zero (signed divide by 2^sh).
            // sh can be 64 for .D: work in i128.
            let v = a.s() as i128;
            let bias = if v < 0 { (1i128 << sh) - 1 } else { 0 };
            T::fu(((v + bias) >> sh) as u64)
        }
    }
}

fn zpzi_t<T: Elem, const K: u8>(c: &mut Cpu, pg: u32, zdn: u32, sh: u64) {
    let k = [ShK::Asr, ShK::Lsr, ShK::Lsl, ShK::Asrd][K as usize & 3];
    let n = lanes::<T>(c);
    let p = pr(c, pg);
    let d = &mut c.s.z[zdn as usize & 31].0;
    for e in 0..n {
        let a = T::get(d, e);
        let r = shift_imm(k, a, sh);
        T::set(d, e, if act::<T>(&p, e) { r } else { a });
    }
}

/// ASR/LSR/LSL/ASRD Zdn.T, Pg/M, Zdn.T, #imm (K = 0/1/2/3).
pub(crate) fn zpzi<const K: u8>(c: &mut Cpu, i: &Insn) -> R {
    let [tszh, pg, tszl, imm3, zdn, ..] = i.f;
    c.check_sve()?;
    let (esz, r, l) = tsz_shift(tszh << 2 | tszl, imm3).ok_or_else(undef)?;
    let sh = if K == 2 { l } else { r };
    match esz {
        0 => zpzi_t::<u8, K>(c, pg, zdn, sh),
        1 => zpzi_t::<u16, K>(c, pg, zdn, sh),
        2 => zpzi_t::<u32, K>(c, pg, zdn, sh),
        _ => zpzi_t::<u64, K>(c, pg, zdn, sh),
    }
    zfix(c, zdn);
    Ok(())
}

fn zzi_shift_t<T: Elem, const K: u8>(c: &mut Cpu, zn: u32, zd: u32, sh: u64) {
    let k = [ShK::Asr, ShK::Lsr, ShK::Lsl, ShK::Asrd][K as usize & 3];
    let n = lanes::<T>(c);
    let a = zr(c, zn);
    let mut d = [0u8; 256];
    for e in 0..n {
        T::set(&mut d, e, shift_imm(k, T::get(&a, e), sh));
    }
    wz(c, zd, &d);
}

/// ASR/LSR/LSL Zd.T, Zn.T, #imm (unpredicated; K = 0/1/2).
pub(crate) fn zzi_shift<const K: u8>(c: &mut Cpu, i: &Insn) -> R {
    let [tszh, tszl, imm3, zn, zd, ..] = i.f;
    c.check_sve()?;
    let (esz, r, l) = tsz_shift(tszh << 2 | tszl, imm3).ok_or_else(undef)?;
    let sh = if K == 2 { l } else { r };
    match esz {
        0 => zzi_shift_t::<u8, K>(c, zn, zd, sh),
        1 => zzi_shift_t::<u16, K>(c, zn, zd, sh),
        2 => zzi_shift_t::<u32, K>(c, zn, zd, sh),
        _ => zzi_shift_t::<u64, K>(c, zn, zd, sh),
    }
    Ok(())
}

// ---------------------------------------------------------------- multiply-add

fn mla_t<T: Elem, const SUB: bool, const MAD: bool>(
    c: &mut Cpu,
    zm: u32,
    pg: u32,
    zn: u32,
    zd: u32,
) {
    let n = lanes::<T>(c);
    let p = pr(c, pg);
    let m = zr(c, zm);
    let a = zr(c, zn);
    let d = &mut c.s.z[zd as usize & 31].0;
    for e in 0..n {
        let old = T::get(d, e);
        // MLA/MLS: Zda += / -= Zn * Zm. MAD/MSB: Zdn = Za +/- Zdn * Zm.
        let (acc, x) = if MAD {
            (T::get(&a, e), old)
        } else {
            (old, T::get(&a, e))
        };
        let prod = x.u().wrapping_mul(T::get(&m, e).u());
        let r = if SUB {
            acc.u().wrapping_sub(prod)
        } else {
            acc.u().wrapping_add(prod)
        };
        T::set(d, e, if act::<T>(&p, e) { T::fu(r) } else { old });
    }
}

/// MLA/MLS (`MAD` = false: Zda, Pg/M, Zn, Zm) and MAD/MSB (`MAD` = true: Zdn, Pg/M,
/// Zm, Za).
pub(crate) fn mla<const SUB: bool, const MAD: bool>(c: &mut Cpu, i: &Insn) -> R {
    let [size, zm, pg, zn, zd, ..] = i.f;
    c.check_sve()?;
    match size {
        0 => mla_t::<u8, SUB, MAD>(c, zm, pg, zn, zd),
        1 => mla_t::<u16, SUB, MAD>(c, zm, pg, zn, zd),
        2 => mla_t::<u32, SUB, MAD>(c, zm, pg, zn, zd),
        _ => mla_t::<u64, SUB, MAD>(c, zm, pg, zn, zd),
    }
    zfix(c, zd);
    Ok(())
}

// ---------------------------------------------------------------- unary

/// A unary element operation; `MIN_ESZ`/`MAX_ESZ` bound the allowed element sizes.
pub(crate) trait Un {
    const MIN_ESZ: u32 = 0;
    const MAX_ESZ: u32 = 3;
    fn f<T: Elem>(a: T) -> T;
}

macro_rules! un {
    ($($name:ident [$lo:expr, $hi:expr] |$a:ident| $e:expr;)*) => {
        $(
            pub(crate) struct $name;
            impl Un for $name {
                const MIN_ESZ: u32 = $lo;
                const MAX_ESZ: u32 = $hi;
                #[inline(always)]
                fn f<T: Elem>($a: T) -> T {
                    $e
                }
            }
        )*
    };
}

#[inline(always)]
fn clz<T: Elem>(a: T) -> u64 {
    (a.u().leading_zeros() - (64 - T::BITS)) as u64
}

#[inline(always)]
fn cls<T: Elem>(a: T) -> u64 {
    // CountLeadingSignBits(x) = CountLeadingZeroBits(x<N-1:1> EOR x<N-2:0>).
    let v = a.u();
    let y = ((v >> 1) ^ v) & (T::umax_v() >> 1);
    (y.leading_zeros() - (64 - (T::BITS - 1))) as u64
}

#[inline(always)]
fn rev_units<T: Elem>(a: T, unit_bits: u32) -> T {
    let v = a.u();
    let n = T::BITS / unit_bits;
    let m = u64::MAX >> (64 - unit_bits);
    let mut r = 0u64;
    for k in 0..n {
        r |= ((v >> (unit_bits * k)) & m) << (unit_bits * (n - 1 - k));
    }
    T::fu(r)
}

un! {
    Abs [0, 3] |a| T::fu(a.s().wrapping_abs() as u64);
    Neg [0, 3] |a| T::fu(a.u().wrapping_neg());
    Cls [0, 3] |a| T::fu(cls(a));
    Clz [0, 3] |a| T::fu(clz(a));
    Cnt [0, 3] |a| T::fu(a.u().count_ones() as u64);
    Cnot [0, 3] |a| T::fu((a.u() == 0) as u64);
    Not [0, 3] |a| T::fu(!a.u());
    Sxtb [1, 3] |a| T::fu(a.u() as i8 as i64 as u64);
    Uxtb [1, 3] |a| T::fu(a.u() & 0xFF);
    Sxth [2, 3] |a| T::fu(a.u() as i16 as i64 as u64);
    Uxth [2, 3] |a| T::fu(a.u() & 0xFFFF);
    Sxtw [3, 3] |a| T::fu(a.u() as i32 as i64 as u64);
    Uxtw [3, 3] |a| T::fu(a.u() & 0xFFFF_FFFF);
    Rbit [0, 3] |a| T::fu(a.u().reverse_bits() >> (64 - T::BITS));
    Revb [1, 3] |a| rev_units(a, 8);
    Revh [2, 3] |a| rev_units(a, 16);
    Revw [3, 3] |a| rev_units(a, 32);
}

fn zpz_t<T: Elem, O: Un>(c: &mut Cpu, pg: u32, zn: u32, zd: u32) {
    let n = lanes::<T>(c);
    let p = pr(c, pg);
    let a = zr(c, zn);
    let d = &mut c.s.z[zd as usize & 31].0;
    for e in 0..n {
        let r = O::f(T::get(&a, e));
        let old = T::get(d, e);
        T::set(d, e, if act::<T>(&p, e) { r } else { old });
    }
}

/// <op> Zd.T, Pg/M, Zn.T.
pub(crate) fn zpz<O: Un>(c: &mut Cpu, i: &Insn) -> R {
    let [size, pg, zn, zd, ..] = i.f;
    c.check_sve()?;
    if size < O::MIN_ESZ || size > O::MAX_ESZ {
        return Err(undef());
    }
    by_size!(size, zpz_t::<_, O>(c, pg, zn, zd));
    zfix(c, zd);
    Ok(())
}

// ---------------------------------------------------------------- reductions

/// Which reduction.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Red {
    Orv,
    Eorv,
    Andv,
    Saddv,
    Uaddv,
    Smaxv,
    Umaxv,
    Sminv,
    Uminv,
}

fn red_t<T: Elem>(c: &Cpu, k: Red, pg: u32, zn: u32) -> u64 {
    let n = lanes::<T>(c);
    let p = pr(c, pg);
    let a = zr(c, zn);
    match k {
        Red::Saddv | Red::Uaddv => {
            let mut s = 0u64;
            for e in 0..n {
                let v = T::get(&a, e);
                let x = if k == Red::Saddv { v.s() as u64 } else { v.u() };
                s = s.wrapping_add(if act::<T>(&p, e) { x } else { 0 });
            }
            s
        }
        _ => {
            let init: u64 = match k {
                Red::Andv | Red::Uminv => T::umax_v(),
                Red::Smaxv => T::smin_v() as u64 & T::umax_v(),
                Red::Sminv => T::smax_v() as u64,
                _ => 0,
            };
            let mut r = T::fu(init);
            for e in 0..n {
                let v = T::get(&a, e);
                let x = match k {
                    Red::Orv => Orr::f(r, v),
                    Red::Eorv => Eor::f(r, v),
                    Red::Andv => And::f(r, v),
                    Red::Smaxv => Smax::f(r, v),
                    Red::Umaxv => Umax::f(r, v),
                    Red::Sminv => Smin::f(r, v),
                    _ => Umin::f(r, v),
                };
                if act::<T>(&p, e) {
                    r = x;
                }
            }
            r.u()
        }
    }
}

/// ORV/EORV/ANDV/SADDV/UADDV/SMAXV/UMAXV/SMINV/UMINV Vd, Pg, Zn.T.
pub(crate) fn reduce<const K: u8>(c: &mut Cpu, i: &Insn) -> R {
    let [size, pg, zn, vd, ..] = i.f;
    c.check_sve()?;
    let k = [
        Red::Orv,
        Red::Eorv,
        Red::Andv,
        Red::Saddv,
        Red::Uaddv,
        Red::Smaxv,
        Red::Umaxv,
        Red::Sminv,
        Red::Uminv,
    ][K as usize % 9];
    // SADDV has no .D form.
    if k == Red::Saddv && size == 3 {
        return Err(undef());
    }
    let r = by_size!(size, red_t(c, k, pg, zn));
    c.s.set_v(vd, r as u128);
    Ok(())
}

// ---------------------------------------------------------------- compares

/// Condition of a compare (const parameter of the handlers).
pub(crate) const EQ: u8 = 0;
pub(crate) const NE: u8 = 1;
pub(crate) const GE: u8 = 2;
pub(crate) const GT: u8 = 3;
pub(crate) const LT: u8 = 4;
pub(crate) const LE: u8 = 5;
pub(crate) const HS: u8 = 6;
pub(crate) const HI: u8 = 7;
pub(crate) const LO: u8 = 8;
pub(crate) const LS: u8 = 9;

#[inline(always)]
fn cmp<const CC: u8>(as_: i64, au: u64, bs: i64, bu: u64) -> bool {
    match CC {
        EQ => au == bu,
        NE => au != bu,
        GE => as_ >= bs,
        GT => as_ > bs,
        LT => as_ < bs,
        LE => as_ <= bs,
        HS => au >= bu,
        HI => au > bu,
        LO => au < bu,
        _ => au <= bu,
    }
}

/// Second operand of a compare: same-size vector, wide (64-bit) vector, immediate.
const SRC_VEC: u8 = 0;
const SRC_WIDE: u8 = 1;
const SRC_IMM: u8 = 2;

fn cmp_t<T: Elem, const CC: u8, const SRC: u8>(
    c: &mut Cpu,
    pd: u32,
    pg: u32,
    zn: u32,
    m: u32,
    imm: i64,
) {
    let n = lanes::<T>(c);
    let g = pr(c, pg);
    // Borrowed, not copied: a copy of two whole Z registers would cost more than
    // the compare itself at short vector lengths.
    let a = &c.s.z[zn as usize & 31].0;
    let b = &c.s.z[m as usize & 31].0;
    let mut r = [0u8; 32];
    for e in 0..n {
        let x = T::get(a, e);
        // Wide compares extend the element per the comparison's signedness (EQ/NE
        // are signed there) and compare it with the whole 64-bit element of Zm.
        let (bs, bu, as_, au) = match SRC {
            SRC_VEC => {
                let y = T::get(b, e);
                (y.s(), y.u(), x.s(), x.u())
            }
            SRC_WIDE => {
                let y = u64::get(b, e * T::B / 8);
                let signed = matches!(CC, EQ | NE | GE | GT | LT | LE);
                let xa = if signed { x.s() as u64 } else { x.u() };
                (y as i64, y, x.s(), xa)
            }
            _ => (imm, imm as u64 & T::umax_v(), x.s(), x.u()),
        };
        let t = act::<T>(&g, e) && cmp::<CC>(as_, au, bs, bu);
        pset(&mut r, e * T::B, t);
    }
    wpr(c, pd, &r);
    set_flags_pt(c, &g, &r, T::ESZ);
}

fn cmp_dispatch<const CC: u8, const SRC: u8>(
    c: &mut Cpu,
    size: u32,
    pd: u32,
    pg: u32,
    zn: u32,
    m: u32,
    imm: i64,
) {
    match size & 3 {
        0 => cmp_t::<u8, CC, SRC>(c, pd, pg, zn, m, imm),
        1 => cmp_t::<u16, CC, SRC>(c, pd, pg, zn, m, imm),
        2 => cmp_t::<u32, CC, SRC>(c, pd, pg, zn, m, imm),
        _ => cmp_t::<u64, CC, SRC>(c, pd, pg, zn, m, imm),
    }
}

/// CMP<cc> Pd.T, Pg/Z, Zn.T, Zm.T.
pub(crate) fn cmp_zz<const CC: u8>(c: &mut Cpu, i: &Insn) -> R {
    let [size, zm, pg, zn, pd, ..] = i.f;
    c.check_sve()?;
    cmp_dispatch::<CC, SRC_VEC>(c, size, pd, pg, zn, zm, 0);
    Ok(())
}

/// CMP<cc> Pd.T, Pg/Z, Zn.T, Zm.D (not .D).
pub(crate) fn cmp_zw<const CC: u8>(c: &mut Cpu, i: &Insn) -> R {
    let [size, zm, pg, zn, pd, ..] = i.f;
    c.check_sve()?;
    if size == 3 {
        return Err(undef());
    }
    cmp_dispatch::<CC, SRC_WIDE>(c, size, pd, pg, zn, zm, 0);
    Ok(())
}

/// CMP<cc> Pd.T, Pg/Z, Zn.T, #imm (imm5 signed or imm7 unsigned, per the pattern).
pub(crate) fn cmp_zi<const CC: u8>(c: &mut Cpu, i: &Insn) -> R {
    let [size, _imm, pg, zn, pd, ..] = i.f;
    c.check_sve()?;
    cmp_dispatch::<CC, SRC_IMM>(c, size, pd, pg, zn, 0, i.s(1));
    Ok(())
}

// ---------------------------------------------------------------- dot products

fn dot_t<T: Elem, const SIGNED: bool>(c: &mut Cpu, zda: u32, zn: u32, zm: u32, idx: Option<usize>) {
    let n = lanes::<T>(c);
    let a = zr(c, zn);
    let b = zr(c, zm);
    let d = &mut c.s.z[zda as usize & 31].0;
    // Per element: four products of quarter-width elements. Indexed forms take the
    // four-element group `idx` of each 128-bit segment of Zm.
    let per_seg = 16 / T::B;
    for e in 0..n {
        let me = match idx {
            Some(k) => e - e % per_seg + k,
            None => e,
        };
        let mut s = T::get(d, e).u();
        for k in 0..4 {
            let (x, y) = if T::B == 4 {
                let x = u8::get(&a, 4 * e + k);
                let y = u8::get(&b, 4 * me + k);
                if SIGNED {
                    (x.s() as u64, y.s() as u64)
                } else {
                    (x.u(), y.u())
                }
            } else {
                let x = u16::get(&a, 4 * e + k);
                let y = u16::get(&b, 4 * me + k);
                if SIGNED {
                    (x.s() as u64, y.s() as u64)
                } else {
                    (x.u(), y.u())
                }
            };
            s = s.wrapping_add(x.wrapping_mul(y));
        }
        T::set(d, e, T::fu(s));
    }
}

/// SDOT/UDOT Zda.T, Zn.Tb, Zm.Tb.
pub(crate) fn dot(c: &mut Cpu, i: &Insn) -> R {
    let [sz, zm, u, zn, zda, ..] = i.f;
    c.check_sve()?;
    match (sz, u) {
        (0, 0) => dot_t::<u32, true>(c, zda, zn, zm, None),
        (0, _) => dot_t::<u32, false>(c, zda, zn, zm, None),
        (_, 0) => dot_t::<u64, true>(c, zda, zn, zm, None),
        _ => dot_t::<u64, false>(c, zda, zn, zm, None),
    }
    zfix(c, zda);
    Ok(())
}

/// SDOT/UDOT Zda.S, Zn.B, Zm.B[imm] (Zm in z0..z7).
pub(crate) fn dot_idx_s(c: &mut Cpu, i: &Insn) -> R {
    let [idx, zm, u, zn, zda, ..] = i.f;
    c.check_sve()?;
    if u == 0 {
        dot_t::<u32, true>(c, zda, zn, zm, Some(idx as usize & 3));
    } else {
        dot_t::<u32, false>(c, zda, zn, zm, Some(idx as usize & 3));
    }
    zfix(c, zda);
    Ok(())
}

/// SDOT/UDOT Zda.D, Zn.H, Zm.H[imm] (Zm in z0..z15).
pub(crate) fn dot_idx_d(c: &mut Cpu, i: &Insn) -> R {
    let [idx, zm, u, zn, zda, ..] = i.f;
    c.check_sve()?;
    if u == 0 {
        dot_t::<u64, true>(c, zda, zn, zm, Some(idx as usize & 1));
    } else {
        dot_t::<u64, false>(c, zda, zn, zm, Some(idx as usize & 1));
    }
    zfix(c, zda);
    Ok(())
}

// ---------------------------------------------------------------- INDEX, ADR

fn index_t<T: Elem>(c: &mut Cpu, zd: u32, start: u64, step: u64) {
    let n = lanes::<T>(c);
    let mut d = [0u8; 256];
    for e in 0..n {
        T::set(
            &mut d,
            e,
            T::fu(start.wrapping_add(step.wrapping_mul(e as u64))),
        );
    }
    wz(c, zd, &d);
}

/// INDEX Zd.T, #imm, #imm.
pub(crate) fn index_ii(c: &mut Cpu, i: &Insn) -> R {
    let [size, _step, _start, zd, ..] = i.f;
    c.check_sve()?;
    let (start, step) = (i.s(2) as u64, i.s(1) as u64);
    by_size!(size, index_t(c, zd, start, step));
    Ok(())
}

/// INDEX Zd.T, #imm, <R>m.
pub(crate) fn index_ir(c: &mut Cpu, i: &Insn) -> R {
    let [size, rm, _start, zd, ..] = i.f;
    c.check_sve()?;
    let (start, step) = (i.s(2) as u64, c.s.xr(rm));
    by_size!(size, index_t(c, zd, start, step));
    Ok(())
}

/// INDEX Zd.T, <R>n, #imm.
pub(crate) fn index_ri(c: &mut Cpu, i: &Insn) -> R {
    let [size, _step, rn, zd, ..] = i.f;
    c.check_sve()?;
    let (start, step) = (c.s.xr(rn), i.s(1) as u64);
    by_size!(size, index_t(c, zd, start, step));
    Ok(())
}

/// INDEX Zd.T, <R>n, <R>m.
pub(crate) fn index_rr(c: &mut Cpu, i: &Insn) -> R {
    let [size, rm, rn, zd, ..] = i.f;
    c.check_sve()?;
    let (start, step) = (c.s.xr(rn), c.s.xr(rm));
    by_size!(size, index_t(c, zd, start, step));
    Ok(())
}

/// ADR Zd.T, [Zn.T, Zm.T{, <mod> #msz}] (opc: 0 = .D SXTW, 1 = .D UXTW, 2 = .S,
/// 3 = .D).
pub(crate) fn adr(c: &mut Cpu, i: &Insn) -> R {
    let [opc, zm, msz, zn, zd, ..] = i.f;
    c.check_sve()?;
    let a = zr(c, zn);
    let b = zr(c, zm);
    let mut d = [0u8; 256];
    if opc == 2 {
        for e in 0..lanes::<u32>(c) {
            let off = u32::get(&b, e) << msz;
            u32::set(&mut d, e, u32::get(&a, e).wrapping_add(off));
        }
    } else {
        for e in 0..lanes::<u64>(c) {
            let m = u64::get(&b, e);
            let off = match opc {
                0 => m as i32 as i64 as u64,
                1 => m & 0xFFFF_FFFF,
                _ => m,
            };
            u64::set(&mut d, e, u64::get(&a, e).wrapping_add(off << msz));
        }
    }
    wz(c, zd, &d);
    Ok(())
}

/// MOVPRFX Zd, Zn (unpredicated). Executed as a plain copy: this CPU does not check
/// the pairing with the next instruction (an illegal pairing is CONSTRAINED
/// UNPREDICTABLE; the chosen behaviour is that MOVPRFX acts as a move and the next
/// instruction executes as it would on its own).
pub(crate) fn movprfx(c: &mut Cpu, i: &Insn) -> R {
    let [zn, zd, ..] = i.f;
    c.check_sve()?;
    let a = zr(c, zn);
    wz(c, zd, &a);
    Ok(())
}

fn movprfx_p_t<T: Elem>(c: &mut Cpu, pg: u32, zn: u32, zd: u32, merge: bool) {
    let n = lanes::<T>(c);
    let p = pr(c, pg);
    let a = zr(c, zn);
    let d = &mut c.s.z[zd as usize & 31].0;
    for e in 0..n {
        let old = if merge { T::get(d, e) } else { T::fu(0) };
        T::set(d, e, if act::<T>(&p, e) { T::get(&a, e) } else { old });
    }
}

/// MOVPRFX Zd.T, Pg/<Z|M>, Zn.T: a predicated copy (see [`movprfx`] for pairing).
pub(crate) fn movprfx_p(c: &mut Cpu, i: &Insn) -> R {
    let [size, m, pg, zn, zd, ..] = i.f;
    c.check_sve()?;
    by_size!(size, movprfx_p_t(c, pg, zn, zd, m == 1));
    zfix(c, zd);
    Ok(())
}
