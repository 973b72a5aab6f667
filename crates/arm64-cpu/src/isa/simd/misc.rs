//! Two-register miscellaneous (vector and scalar), across lanes, scalar pairwise.

use super::*;
use crate::decode::Insn;

// Two-register misc: U << 5 | opcode (bits 16:12).
pub(crate) const REV64: u32 = 0b0_00000;
pub(crate) const REV16: u32 = 0b0_00001;
pub(crate) const SADDLP: u32 = 0b0_00010;
pub(crate) const SUQADD: u32 = 0b0_00011;
pub(crate) const CLS: u32 = 0b0_00100;
pub(crate) const CNT: u32 = 0b0_00101;
pub(crate) const SADALP: u32 = 0b0_00110;
pub(crate) const SQABS: u32 = 0b0_00111;
pub(crate) const CMGT0: u32 = 0b0_01000;
pub(crate) const CMEQ0: u32 = 0b0_01001;
pub(crate) const CMLT0: u32 = 0b0_01010;
pub(crate) const ABS: u32 = 0b0_01011;
pub(crate) const XTN: u32 = 0b0_10010;
pub(crate) const SQXTN: u32 = 0b0_10100;
pub(crate) const REV32: u32 = 0b1_00000;
pub(crate) const UADDLP: u32 = 0b1_00010;
pub(crate) const USQADD: u32 = 0b1_00011;
pub(crate) const CLZ: u32 = 0b1_00100;
pub(crate) const UADALP: u32 = 0b1_00110;
pub(crate) const SQNEG: u32 = 0b1_00111;
pub(crate) const CMGE0: u32 = 0b1_01000;
pub(crate) const CMLE0: u32 = 0b1_01001;
pub(crate) const NEG: u32 = 0b1_01011;
pub(crate) const SQXTUN: u32 = 0b1_10010;
pub(crate) const SHLL: u32 = 0b1_10011;
pub(crate) const UQXTN: u32 = 0b1_10100;

/// One lane of an element-wise two-register misc operation (`d`: old Vd lane).
#[inline(always)]
fn m2_lane<const OP: u32, const E: u32>(a: u64, d: u64, sat: &mut bool) -> u64 {
    let m = ones(E);
    let sa = sx(a, E) as i128;
    let t = |c: bool| if c { m } else { 0 };
    match OP {
        // SUQADD: signed accumulator plus unsigned operand; USQADD the reverse.
        SUQADD => sat_s(sx(d, E) as i128 + a as i128, E, sat),
        USQADD => sat_u(d as i128 + sa, E, sat),
        CLS => {
            let y = (a ^ (a >> 1)) & ones(E - 1);
            (y.leading_zeros() - (64 - (E - 1))) as u64
        }
        CLZ => (a.leading_zeros() - (64 - E)) as u64,
        CNT => a.count_ones() as u64,
        SQABS => sat_s(sa.abs(), E, sat),
        SQNEG => sat_s(-sa, E, sat),
        ABS => sa.unsigned_abs() as u64 & m,
        NEG => a.wrapping_neg() & m,
        CMGT0 => t(sa > 0),
        CMGE0 => t(sa >= 0),
        CMEQ0 => t(a == 0),
        CMLE0 => t(sa <= 0),
        CMLT0 => t(sa < 0),
        _ => 0,
    }
}

#[inline(always)]
fn m2_vec<const OP: u32, const E: u32>(
    a: u128,
    d: u128,
    q: u32,
    scalar: bool,
    sat: &mut bool,
) -> u128 {
    let w = 2 * E;
    let mut r = 0u128;
    match OP {
        REV64 | REV32 | REV16 => {
            let container = match OP {
                REV64 => 64,
                REV32 => 32,
                _ => 16,
            };
            // Reversing elements inside a container flips the low bits of the index.
            let flip = (container / E) as usize - 1;
            for i in 0..((64 << q) / E) as usize {
                r = put(r, i, E, get(a, i ^ flip, E));
            }
        }
        SADDLP | UADDLP | SADALP | UADALP => {
            let unsigned = OP & 0b1_00000 != 0;
            let acc = OP == SADALP || OP == UADALP;
            for i in 0..((64 << q) / w) as usize {
                let x = int(get(a, 2 * i, E), E, unsigned) + int(get(a, 2 * i + 1, E), E, unsigned);
                let base = if acc { get(d, i, w) } else { 0 };
                r = put(r, i, w, base.wrapping_add(x as u64));
            }
        }
        XTN | SQXTN | UQXTN | SQXTUN => {
            let lanes = if scalar { 1 } else { (64 / E) as usize };
            for i in 0..lanes {
                let x = get(a, i, w);
                let v = match OP {
                    XTN => x,
                    SQXTN => sat_s(sx(x, w) as i128, E, sat),
                    UQXTN => sat_u(x as i128, E, sat),
                    _ => sat_u(sx(x, w) as i128, E, sat),
                };
                r = put(r, i, E, v);
            }
            if q == 1 {
                r = (d as u64 as u128) | (r << 64);
            }
        }
        SHLL => {
            let a = half(a, q);
            for i in 0..(64 / E) as usize {
                r = put(r, i, w, get(a, i, E) << E);
            }
        }
        _ => {
            let lanes = if scalar { 1 } else { ((64 << q) / E) as usize };
            for i in 0..lanes {
                r = put(r, i, E, m2_lane::<OP, E>(get(a, i, E), get(d, i, E), sat));
            }
        }
    }
    r
}

/// Two-register misc (vector when `S` is false, scalar when true), integer ops.
pub(crate) fn m2<const OP: u32, const S: bool>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let (q, size, rn, rd) = if S {
        let [size, rn, rd, ..] = i.f;
        (0, size, rn, rd)
    } else {
        let [q, size, rn, rd, ..] = i.f;
        (q, size, rn, rd)
    };
    let ok = match OP {
        REV64 => size != 3,
        REV32 => size < 2,
        REV16 | CNT => size == 0,
        SADDLP | UADDLP | SADALP | UADALP | CLS | CLZ | XTN | SQXTN | UQXTN | SQXTUN | SHLL => {
            size != 3
        }
        SUQADD | USQADD | SQABS | SQNEG => S || size != 3 || q == 1,
        // ABS, NEG and the compares against zero.
        _ => {
            if S {
                size == 3
            } else {
                size != 3 || q == 1
            }
        }
    };
    if !ok {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (a, d) = (rv(c, rn), rv(c, rd));
    let mut s = false;
    let r = by_size!(size, E => m2_vec::<OP, E>(a, d, q, S, &mut s));
    let wide_result = matches!(OP, SADDLP | UADDLP | SADALP | UADALP);
    let full = matches!(OP, SHLL) || (!S && matches!(OP, XTN | SQXTN | UQXTN | SQXTUN));
    let q = if full || (wide_result && q == 1) {
        1
    } else if S {
        0
    } else {
        q
    };
    write_v(c, rd, q, r);
    set_qc(c, s);
    Ok(())
}

/// NOT (RBIT = false) and RBIT (vector).
pub(crate) fn not_rbit<const RBIT: bool>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [q, rn, rd, ..] = i.f;
    c.check_fp()?;
    let a = rv(c, rn);
    let r = if RBIT {
        let mut r = 0u128;
        for k in 0..16 {
            r = put(r, k, 8, (get(a, k, 8) as u8).reverse_bits() as u64);
        }
        r
    } else {
        !a
    };
    write_v(c, rd, q, r);
    Ok(())
}

// Across lanes: U << 5 | opcode (bits 16:12).
pub(crate) const SADDLV: u32 = 0b0_00011;
pub(crate) const SMAXV: u32 = 0b0_01010;
pub(crate) const SMINV: u32 = 0b0_11010;
pub(crate) const ADDV: u32 = 0b0_11011;
pub(crate) const UADDLV: u32 = 0b1_00011;
pub(crate) const UMAXV: u32 = 0b1_01010;
pub(crate) const UMINV: u32 = 0b1_11010;

#[inline(always)]
fn across<const OP: u32, const E: u32>(a: u128, lanes: usize) -> u64 {
    let unsigned = OP & 0b1_00000 != 0;
    let mut acc = int(get(a, 0, E), E, unsigned);
    for i in 1..lanes {
        let x = int(get(a, i, E), E, unsigned);
        acc = match OP {
            SMAXV | UMAXV => acc.max(x),
            SMINV | UMINV => acc.min(x),
            _ => acc + x,
        };
    }
    // ADDV keeps E bits, SADDLV/UADDLV 2E bits (the sum always fits).
    let w = if OP == SADDLV || OP == UADDLV {
        2 * E
    } else {
        E
    };
    acc as u64 & ones(w)
}

/// ADDV, SADDLV/UADDLV, SMAXV/UMAXV, SMINV/UMINV.
pub(crate) fn av<const OP: u32>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [q, size, rn, rd, ..] = i.f;
    if size == 3 || (size == 2 && q == 0) {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let a = rv(c, rn);
    let r = by_size_narrow!(size, E => across::<OP, E>(a, ((64 << q) / E) as usize));
    write_v(c, rd, 0, r as u128);
    Ok(())
}

/// ADDP (scalar): the sum of the two 64-bit lanes.
pub(crate) fn addp_s(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [size, rn, rd, ..] = i.f;
    if size != 3 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let a = rv(c, rn);
    let r = (a as u64).wrapping_add((a >> 64) as u64);
    write_v(c, rd, 0, r as u128);
    Ok(())
}
