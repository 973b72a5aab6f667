//! Shared machinery of the SVE group: typed element views of Z registers, predicate
//! bits, the SVE condition flags (PredTest) and register write-back that keeps the
//! bytes above the vector length zero.
//!
//! Elements are accessed through [`Elem`], implemented for `u8`/`u16`/`u32`/`u64`;
//! signed operations use the sign-extended view [`Elem::s`]. Every kernel is a loop
//! over lanes of one concrete element type (monomorphised per size), so the size
//! dispatch happens once per instruction, never per lane.

use crate::cpu::{Cpu, Stop};
use crate::exception::Exception;
use crate::state::{PREG_BYTES, ZREG_BYTES};

/// Handler result.
pub(crate) type R = Result<(), Stop>;
/// Raw Z register bytes.
pub(crate) type Zb = [u8; ZREG_BYTES];
/// Raw predicate bytes.
pub(crate) type Pb = [u8; PREG_BYTES];

/// UNDEFINED (reserved sub-encodings).
#[inline]
pub(crate) fn undef() -> Stop {
    Stop::Exception(Exception::Undefined)
}

/// A vector element type.
pub(crate) trait Elem:
    Copy + Default + PartialEq + Eq + Ord + Send + Sync + 'static
{
    /// Size in bytes.
    const B: usize;
    /// Size in bits.
    const BITS: u32;
    /// log2 of the size in bytes (the `size`/`esz` field value).
    const ESZ: u32;
    /// Lane `i` of `z` (the index is reduced modulo the lanes of a 2048-bit vector so a
    /// guest-derived index can never panic; callers pass in-range indices).
    fn get(z: &Zb, i: usize) -> Self;
    /// Writes lane `i` of `z`.
    fn set(z: &mut Zb, i: usize, v: Self);
    /// Truncating conversion.
    fn fu(v: u64) -> Self;
    /// Zero-extended value.
    fn u(self) -> u64;
    /// Sign-extended value.
    fn s(self) -> i64;
    /// Largest signed value, as i64.
    #[inline(always)]
    fn smax_v() -> i64 {
        (u64::MAX >> (65 - Self::BITS)) as i64
    }
    /// Smallest signed value, as i64.
    #[inline(always)]
    fn smin_v() -> i64 {
        !Self::smax_v()
    }
    /// Largest unsigned value.
    #[inline(always)]
    fn umax_v() -> u64 {
        u64::MAX >> (64 - Self::BITS)
    }
}

macro_rules! elem {
    ($t:ty, $st:ty, $b:expr, $esz:expr) => {
        impl Elem for $t {
            const B: usize = $b;
            const BITS: u32 = 8 * $b;
            const ESZ: u32 = $esz;
            #[inline(always)]
            fn get(z: &Zb, i: usize) -> Self {
                let o = (i % (ZREG_BYTES / $b)) * $b;
                let mut a = [0u8; $b];
                a.copy_from_slice(&z[o..o + $b]);
                <$t>::from_le_bytes(a)
            }
            #[inline(always)]
            fn set(z: &mut Zb, i: usize, v: Self) {
                let o = (i % (ZREG_BYTES / $b)) * $b;
                z[o..o + $b].copy_from_slice(&v.to_le_bytes());
            }
            #[inline(always)]
            fn fu(v: u64) -> Self {
                v as $t
            }
            #[inline(always)]
            fn u(self) -> u64 {
                self as u64
            }
            #[inline(always)]
            fn s(self) -> i64 {
                self as $st as i64
            }
        }
    };
}
elem!(u8, i8, 1, 0);
elem!(u16, i16, 2, 1);
elem!(u32, i32, 4, 2);
elem!(u64, i64, 8, 3);

/// Calls `$f::<T>($args)` with T the element type of size field `$size` (0..3).
macro_rules! by_size {
    ($size:expr, $f:ident ( $($a:expr),* )) => {
        match $size & 3 {
            0 => $f::<u8>($($a),*),
            1 => $f::<u16>($($a),*),
            2 => $f::<u32>($($a),*),
            _ => $f::<u64>($($a),*),
        }
    };
    ($size:expr, $f:ident :: < _ , $($g:ty),* > ( $($a:expr),* )) => {
        match $size & 3 {
            0 => $f::<u8, $($g),*>($($a),*),
            1 => $f::<u16, $($g),*>($($a),*),
            2 => $f::<u32, $($g),*>($($a),*),
            _ => $f::<u64, $($g),*>($($a),*),
        }
    };
}
pub(crate) use by_size;

/// Predicate bit `bit` (bit k governs Z byte k).
#[inline(always)]
pub(crate) fn pbit(p: &Pb, bit: usize) -> bool {
    (p[(bit >> 3) % PREG_BYTES] >> (bit & 7)) & 1 != 0
}

/// Sets or clears predicate bit `bit`.
#[inline(always)]
pub(crate) fn pset(p: &mut Pb, bit: usize, v: bool) {
    let b = &mut p[(bit >> 3) % PREG_BYTES];
    let m = 1u8 << (bit & 7);
    if v {
        *b |= m
    } else {
        *b &= !m
    }
}

/// Is element `i` of size `T` active in `p`? (ElemP: the lowest bit of the element's
/// predicate bits; the other bits of the element are ignored.)
#[inline(always)]
pub(crate) fn act<T: Elem>(p: &Pb, i: usize) -> bool {
    pbit(p, i * T::B)
}

/// Is element `i` of `esz` (log2 bytes) active?
#[inline(always)]
pub(crate) fn act_e(p: &Pb, esz: u32, i: usize) -> bool {
    pbit(p, i << (esz & 3))
}

/// Per-byte mask of the bits that are element positions for `esz`.
#[inline]
pub(crate) fn elem_bits(esz: u32) -> u64 {
    [
        u64::MAX,
        0x5555_5555_5555_5555,
        0x1111_1111_1111_1111,
        0x0101_0101_0101_0101,
    ][esz as usize & 3]
}

/// A predicate as four little-endian u64 words.
#[inline]
pub(crate) fn pw(p: &Pb) -> [u64; 4] {
    let mut w = [0u64; 4];
    for (k, x) in w.iter_mut().enumerate() {
        let mut b = [0u8; 8];
        b.copy_from_slice(&p[8 * k..8 * k + 8]);
        *x = u64::from_le_bytes(b);
    }
    w
}

/// Back from words.
#[inline]
pub(crate) fn wp(w: &[u64; 4]) -> Pb {
    let mut p = [0u8; PREG_BYTES];
    for (k, x) in w.iter().enumerate() {
        p[8 * k..8 * k + 8].copy_from_slice(&x.to_le_bytes());
    }
    p
}

/// Mask of the predicate bits below the vector length (`vl` bytes), as words.
#[inline]
pub(crate) fn vl_words(vl: usize) -> [u64; 4] {
    let mut w = [0u64; 4];
    for (k, x) in w.iter_mut().enumerate() {
        let lo = 64 * k;
        *x = if vl >= lo + 64 {
            u64::MAX
        } else if vl > lo {
            (1u64 << (vl - lo)) - 1
        } else {
            0
        };
    }
    w
}

/// PredTest: NZCV from governing predicate `g` and result `r` at element size `esz`.
/// N = first active element of `r` true, Z = no active element true, C = last active
/// element NOT true, V = 0. Only element positions below VL count.
pub(crate) fn pred_test(vl: usize, g: &Pb, r: &Pb, esz: u32) -> u32 {
    let lim = vl_words(vl);
    let eb = elem_bits(esz);
    let g = pw(g);
    let r = pw(r);
    let mut first: Option<bool> = None;
    let mut last = false;
    let mut any = false;
    for k in 0..4 {
        let gk = g[k] & eb & lim[k];
        if gk == 0 {
            continue;
        }
        let rk = r[k] & gk;
        if first.is_none() {
            first = Some(rk & (gk & gk.wrapping_neg()) != 0);
        }
        last = rk >> (63 - gk.leading_zeros()) & 1 != 0;
        any |= rk != 0;
    }
    let n = first.unwrap_or(false);
    (n as u32) << 31 | (!any as u32) << 30 | (!last as u32) << 29
}

/// Sets PSTATE.NZCV from PredTest.
#[inline]
pub(crate) fn set_flags_pt(c: &mut Cpu, g: &Pb, r: &Pb, esz: u32) {
    c.s.pstate.nzcv = pred_test(c.vl(), g, r, esz);
}

/// An all-true governing predicate (every bit below VL set).
#[inline]
pub(crate) fn ptrue_all(vl: usize) -> Pb {
    wp(&vl_words(vl))
}

/// Copies `z` into Zd with the bytes at and above VL zeroed.
#[inline]
pub(crate) fn wz(c: &mut Cpu, zd: u32, z: &Zb) {
    let vl = c.vl().min(ZREG_BYTES);
    let d = &mut c.s.z[zd as usize & 31].0;
    d[..vl].copy_from_slice(&z[..vl]);
    d[vl..].fill(0);
}

/// Zeroes the bytes of Zd at and above VL (after an in-place update).
#[inline]
pub(crate) fn zfix(c: &mut Cpu, zd: u32) {
    let vl = c.vl().min(ZREG_BYTES);
    c.s.z[zd as usize & 31].0[vl..].fill(0);
}

/// Writes Pd, keeping only bits below VL.
#[inline]
pub(crate) fn wpr(c: &mut Cpu, pd: u32, p: &Pb) {
    let lim = vl_words(c.vl());
    let w = pw(p);
    let m = [w[0] & lim[0], w[1] & lim[1], w[2] & lim[2], w[3] & lim[3]];
    c.s.p[pd as usize & 15] = wp(&m);
}

/// Writes FFR, keeping only bits below VL.
#[inline]
pub(crate) fn wffr(c: &mut Cpu, p: &Pb) {
    let lim = vl_words(c.vl());
    let w = pw(p);
    let m = [w[0] & lim[0], w[1] & lim[1], w[2] & lim[2], w[3] & lim[3]];
    c.s.ffr = wp(&m);
}

/// Zn as raw bytes (a copy: sources may alias the destination).
#[inline(always)]
pub(crate) fn zr(c: &Cpu, n: u32) -> Zb {
    c.s.z[n as usize & 31].0
}

/// Pn as raw bytes.
#[inline(always)]
pub(crate) fn pr(c: &Cpu, n: u32) -> Pb {
    c.s.p[n as usize & 15]
}

/// Number of `T` lanes in the current vector length.
#[inline(always)]
pub(crate) fn lanes<T: Elem>(c: &Cpu) -> usize {
    c.vl() / T::B
}

/// DecodePredCount: the element count a PTRUE/CNT pattern selects.
pub(crate) fn pred_count(pattern: u32, elements: usize) -> usize {
    let e = elements;
    match pattern {
        0b00000 => {
            if e == 0 {
                0
            } else {
                1usize << (usize::BITS - 1 - e.leading_zeros())
            }
        }
        1..=8 => {
            let n = pattern as usize;
            if e >= n {
                n
            } else {
                0
            }
        }
        9..=13 => {
            let n = 16usize << (pattern - 9);
            if e >= n {
                n
            } else {
                0
            }
        }
        0b11101 => e - e % 4,
        0b11110 => e - e % 3,
        0b11111 => e,
        _ => 0,
    }
}

/// A predicate with the first `n` elements of size `esz` true.
pub(crate) fn pred_first_n(n: usize, esz: u32) -> Pb {
    let mut w = [0u64; 4];
    let bits = (n << (esz & 3)).min(8 * PREG_BYTES);
    for (k, x) in w.iter_mut().enumerate() {
        let lo = 64 * k;
        *x = if bits >= lo + 64 {
            u64::MAX
        } else if bits > lo {
            (1u64 << (bits - lo)) - 1
        } else {
            0
        };
    }
    let eb = elem_bits(esz);
    wp(&[w[0] & eb, w[1] & eb, w[2] & eb, w[3] & eb])
}

/// Number of active elements of size `esz` in `p` below VL.
pub(crate) fn count_active(vl: usize, g: &Pb, p: &Pb, esz: u32) -> u64 {
    let lim = vl_words(vl);
    let eb = elem_bits(esz);
    let g = pw(g);
    let p = pw(p);
    (0..4)
        .map(|k| (g[k] & p[k] & eb & lim[k]).count_ones() as u64)
        .sum()
}

/// Signed saturation of `v` to `bits` bits.
#[inline(always)]
pub(crate) fn ssat(v: i128, bits: u32) -> i64 {
    let max = (1i128 << (bits - 1)) - 1;
    let min = -(1i128 << (bits - 1));
    v.clamp(min, max) as i64
}

/// Unsigned saturation of `v` to `bits` bits.
#[inline(always)]
pub(crate) fn usat(v: i128, bits: u32) -> u64 {
    let max = if bits >= 64 {
        u64::MAX as i128
    } else {
        (1i128 << bits) - 1
    };
    v.clamp(0, max) as u64
}

/// The A64 bitmask immediate (DecodeBitMasks, `immediate` = true) for N:immr:imms,
/// replicated to 64 bits; `None` for reserved encodings.
pub(crate) fn decode_bit_masks(n: u32, immr: u32, imms: u32) -> Option<u64> {
    let combined = (n << 6) | (!imms & 0x3F);
    if combined == 0 {
        return None;
    }
    let len = 31 - combined.leading_zeros();
    let esize = 1u32 << len;
    let levels = esize - 1;
    let s = imms & levels;
    let r = immr & levels;
    if s == levels {
        return None;
    }
    let welem: u64 = if s + 1 >= 64 {
        u64::MAX
    } else {
        (1u64 << (s + 1)) - 1
    };
    let emask = if esize >= 64 {
        u64::MAX
    } else {
        (1u64 << esize) - 1
    };
    let rot = if r == 0 {
        welem
    } else {
        ((welem >> r) | (welem << (esize - r))) & emask
    };
    let mut v = rot;
    let mut sz = esize;
    while sz < 64 {
        v |= v << sz;
        sz *= 2;
    }
    Some(v)
}

/// VFPExpandImm for an 8-bit FP immediate at element size `esz` (1 = half,
/// 2 = single, 3 = double): the bit pattern FDUP/FCPY write.
pub(crate) fn vfp_expand_imm(imm8: u32, esz: u32) -> u64 {
    let (e, f) = match esz {
        1 => (5u32, 10u32),
        2 => (8, 23),
        _ => (11, 52),
    };
    let sign = ((imm8 >> 7) & 1) as u64;
    let b6 = (imm8 >> 6) & 1;
    // exp = NOT(b6) : Replicate(b6, E-3) : imm8<5:4>
    let mut exp: u64 = ((b6 ^ 1) as u64) << (e - 1);
    if b6 == 1 {
        exp |= ((1u64 << (e - 3)) - 1) << 2;
    }
    exp |= ((imm8 >> 4) & 3) as u64;
    let frac = ((imm8 & 0xF) as u64) << (f - 4);
    sign << (e + f) | exp << f | frac
}
