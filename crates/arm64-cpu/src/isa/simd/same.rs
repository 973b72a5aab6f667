//! Three same, three same extra, three different and vector x indexed element:
//! the integer operations on two vector (or scalar) operands.

use super::*;
use crate::decode::Insn;

// Three same operations: U << 5 | opcode (bits 15:11).
pub(crate) const SHADD: u32 = 0b0_00000;
pub(crate) const SQADD: u32 = 0b0_00001;
pub(crate) const SRHADD: u32 = 0b0_00010;
pub(crate) const SHSUB: u32 = 0b0_00100;
pub(crate) const SQSUB: u32 = 0b0_00101;
pub(crate) const CMGT: u32 = 0b0_00110;
pub(crate) const CMGE: u32 = 0b0_00111;
pub(crate) const SSHL: u32 = 0b0_01000;
pub(crate) const SQSHL: u32 = 0b0_01001;
pub(crate) const SRSHL: u32 = 0b0_01010;
pub(crate) const SQRSHL: u32 = 0b0_01011;
pub(crate) const SMAX: u32 = 0b0_01100;
pub(crate) const SMIN: u32 = 0b0_01101;
pub(crate) const SABD: u32 = 0b0_01110;
pub(crate) const SABA: u32 = 0b0_01111;
pub(crate) const ADD: u32 = 0b0_10000;
pub(crate) const CMTST: u32 = 0b0_10001;
pub(crate) const MLA: u32 = 0b0_10010;
pub(crate) const MUL: u32 = 0b0_10011;
pub(crate) const SMAXP: u32 = 0b0_10100;
pub(crate) const SMINP: u32 = 0b0_10101;
pub(crate) const SQDMULH: u32 = 0b0_10110;
pub(crate) const ADDP: u32 = 0b0_10111;
pub(crate) const UHADD: u32 = 0b1_00000;
pub(crate) const UQADD: u32 = 0b1_00001;
pub(crate) const URHADD: u32 = 0b1_00010;
pub(crate) const UHSUB: u32 = 0b1_00100;
pub(crate) const UQSUB: u32 = 0b1_00101;
pub(crate) const CMHI: u32 = 0b1_00110;
pub(crate) const CMHS: u32 = 0b1_00111;
pub(crate) const USHL: u32 = 0b1_01000;
pub(crate) const UQSHL: u32 = 0b1_01001;
pub(crate) const URSHL: u32 = 0b1_01010;
pub(crate) const UQRSHL: u32 = 0b1_01011;
pub(crate) const UMAX: u32 = 0b1_01100;
pub(crate) const UMIN: u32 = 0b1_01101;
pub(crate) const UABD: u32 = 0b1_01110;
pub(crate) const UABA: u32 = 0b1_01111;
pub(crate) const SUB: u32 = 0b1_10000;
pub(crate) const CMEQ: u32 = 0b1_10001;
pub(crate) const MLS: u32 = 0b1_10010;
pub(crate) const PMUL: u32 = 0b1_10011;
pub(crate) const UMAXP: u32 = 0b1_10100;
pub(crate) const UMINP: u32 = 0b1_10101;
pub(crate) const SQRDMULH: u32 = 0b1_10110;

/// Shift by register (SSHL, SRSHL, SQSHL, SQRSHL and the unsigned forms): the shift
/// is the signed low byte of `b`; negative shifts go right (rounded if `round`).
#[inline(always)]
pub(crate) fn shl_reg(
    a: u64,
    b: u64,
    e: u32,
    unsigned: bool,
    round: bool,
    satq: bool,
    qc: &mut bool,
) -> u64 {
    let shift = b as u8 as i8 as i32;
    let x = int(a, e, unsigned);
    let r: i128 = if shift >= 0 {
        let s = shift as u32;
        if s >= e {
            // Every bit of a non-zero value leaves the lane: 0, or saturation.
            if x == 0 || !satq {
                return 0;
            }
            return sat(if x < 0 { i128::MIN } else { i128::MAX }, e, unsigned, qc);
        }
        x << s
    } else {
        // Right shifts by more than the element width all give the same result
        // (0 or -1, or 0 when rounded), so clamp to keep the rounding constant in
        // range of i128.
        let s = ((-shift) as u32).min(100);
        if round {
            (x + (1i128 << (s - 1))) >> s
        } else {
            x >> s
        }
    };
    if satq {
        sat(r, e, unsigned, qc)
    } else {
        r as u64 & ones(e)
    }
}

/// 64 x 64 -> 128-bit carry-less multiply (PMULL/PMULL2 .1Q).
#[inline]
pub(crate) fn clmul64(a: u64, b: u64) -> u128 {
    let mut r = 0u128;
    for k in 0..64 {
        if (b >> k) & 1 != 0 {
            r ^= (a as u128) << k;
        }
    }
    r
}

/// 8-bit polynomial multiply (PMUL): the low 8 bits of the carry-less product.
#[inline(always)]
pub(crate) fn pmul8(a: u64, b: u64) -> u64 {
    let mut r = 0u64;
    for k in 0..8 {
        if (b >> k) & 1 != 0 {
            r ^= a << k;
        }
    }
    r
}

/// One lane of a three-same operation `OP` on `E`-bit lanes; `d` is the old
/// destination lane (accumulating forms).
#[inline(always)]
fn ts_lane<const OP: u32, const E: u32>(a: u64, b: u64, d: u64, sat: &mut bool) -> u64 {
    let m = ones(E);
    let (sa, sb) = (sx(a, E) as i128, sx(b, E) as i128);
    let (ua, ub) = (a as i128, b as i128);
    let t = |c: bool| if c { m } else { 0 };
    let r: i128 = match OP {
        SHADD => (sa + sb) >> 1,
        UHADD => (ua + ub) >> 1,
        SRHADD => (sa + sb + 1) >> 1,
        URHADD => (ua + ub + 1) >> 1,
        SHSUB => (sa - sb) >> 1,
        UHSUB => (ua - ub) >> 1,
        SQADD => return sat_s(sa + sb, E, sat),
        UQADD => return sat_u(ua + ub, E, sat),
        SQSUB => return sat_s(sa - sb, E, sat),
        UQSUB => return sat_u(ua - ub, E, sat),
        CMGT => return t(sa > sb),
        CMGE => return t(sa >= sb),
        CMHI => return t(ua > ub),
        CMHS => return t(ua >= ub),
        CMEQ => return t(a == b),
        CMTST => return t(a & b != 0),
        SSHL => return shl_reg(a, b, E, false, false, false, sat),
        USHL => return shl_reg(a, b, E, true, false, false, sat),
        SRSHL => return shl_reg(a, b, E, false, true, false, sat),
        URSHL => return shl_reg(a, b, E, true, true, false, sat),
        SQSHL => return shl_reg(a, b, E, false, false, true, sat),
        UQSHL => return shl_reg(a, b, E, true, false, true, sat),
        SQRSHL => return shl_reg(a, b, E, false, true, true, sat),
        UQRSHL => return shl_reg(a, b, E, true, true, true, sat),
        SMAX | SMAXP => sa.max(sb),
        SMIN | SMINP => sa.min(sb),
        UMAX | UMAXP => ua.max(ub),
        UMIN | UMINP => ua.min(ub),
        SABD => (sa - sb).abs(),
        UABD => (ua - ub).abs(),
        SABA => return d.wrapping_add((sa - sb).unsigned_abs() as u64) & m,
        UABA => return d.wrapping_add((ua - ub).unsigned_abs() as u64) & m,
        ADD | ADDP => return a.wrapping_add(b) & m,
        SUB => return a.wrapping_sub(b) & m,
        MUL => return a.wrapping_mul(b) & m,
        MLA => return d.wrapping_add(a.wrapping_mul(b)) & m,
        MLS => return d.wrapping_sub(a.wrapping_mul(b)) & m,
        PMUL => return pmul8(a, b) & m,
        // Only 16- and 32-bit lanes reach these, so the doubled product fits.
        SQDMULH => return sat_s((2 * sa.wrapping_mul(sb)) >> E, E, sat),
        SQRDMULH => return sat_s((2 * sa.wrapping_mul(sb) + (1i128 << (E - 1))) >> E, E, sat),
        _ => 0,
    };
    r as u64 & m
}

#[inline(always)]
fn ts_vec<const OP: u32, const E: u32>(n: u32, a: u128, b: u128, d: u128, sat: &mut bool) -> u128 {
    let mut r = 0u128;
    for i in 0..n as usize {
        r = put(
            r,
            i,
            E,
            ts_lane::<OP, E>(get(a, i, E), get(b, i, E), get(d, i, E), sat),
        );
    }
    r
}

#[inline(always)]
fn ts_pair_vec<const OP: u32, const E: u32>(n: u32, a: u128, b: u128, sat: &mut bool) -> u128 {
    // Pairs of adjacent lanes of the concatenation Vm:Vn (Vn first).
    let mut r = 0u128;
    let half = n as usize / 2;
    for i in 0..n as usize {
        let (src, j) = if i < half {
            (a, 2 * i)
        } else {
            (b, 2 * (i - half))
        };
        r = put(
            r,
            i,
            E,
            ts_lane::<OP, E>(get(src, j, E), get(src, j + 1, E), 0, sat),
        );
    }
    r
}

/// Three same (vector), the arithmetic and compare operations.
pub(crate) fn ts_v<const OP: u32>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [q, size, rm, rn, rd, ..] = i.f;
    let ok = match OP {
        MUL | MLA | MLS | SHADD | UHADD | SRHADD | URHADD | SHSUB | UHSUB | SMAX | SMIN | UMAX
        | UMIN | SABD | UABD | SABA | UABA | SMAXP | SMINP | UMAXP | UMINP => size != 3,
        PMUL => size == 0,
        SQDMULH | SQRDMULH => size == 1 || size == 2,
        _ => size != 3 || q == 1,
    };
    if !ok {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (a, b, d) = (rv(c, rn), rv(c, rm), rv(c, rd));
    let mut s = false;
    let pair = matches!(OP, ADDP | SMAXP | SMINP | UMAXP | UMINP);
    let r = by_size!(size, E => {
        let n = (64 << q) / E;
        if pair {
            ts_pair_vec::<OP, E>(n, a, b, &mut s)
        } else {
            ts_vec::<OP, E>(n, a, b, d, &mut s)
        }
    });
    write_v(c, rd, q, r);
    set_qc(c, s);
    Ok(())
}

/// Three same (scalar): one lane, the rest of the register zeroed.
pub(crate) fn ts_s<const OP: u32>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [size, rm, rn, rd, ..] = i.f;
    let ok = match OP {
        SQADD | UQADD | SQSUB | UQSUB | SQSHL | UQSHL | SQRSHL | UQRSHL => true,
        SQDMULH | SQRDMULH => size == 1 || size == 2,
        _ => size == 3,
    };
    if !ok {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (a, b) = (rv(c, rn), rv(c, rm));
    let mut s = false;
    let r = by_size!(size, E => ts_vec::<OP, E>(1, a, b, 0, &mut s));
    write_v(c, rd, 0, r);
    set_qc(c, s);
    Ok(())
}

// Bitwise three same: U << 2 | size.
pub(crate) const AND: u32 = 0b000;
pub(crate) const BIC: u32 = 0b001;
pub(crate) const ORR: u32 = 0b010;
pub(crate) const ORN: u32 = 0b011;
pub(crate) const EOR: u32 = 0b100;
pub(crate) const BSL: u32 = 0b101;
pub(crate) const BIT: u32 = 0b110;
pub(crate) const BIF: u32 = 0b111;

/// AND/BIC/ORR/ORN/EOR/BSL/BIT/BIF (vector).
pub(crate) fn logic<const OP: u32>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [q, rm, rn, rd, ..] = i.f;
    c.check_fp()?;
    let (n, m, d) = (rv(c, rn), rv(c, rm), rv(c, rd));
    let r = match OP {
        AND => n & m,
        BIC => n & !m,
        ORR => n | m,
        ORN => n | !m,
        EOR => n ^ m,
        // Bitwise select: the Arm ARM's operand1 EOR ((operand2 EOR Vn) AND operand3).
        BSL => m ^ ((m ^ n) & d),
        BIT => d ^ ((d ^ n) & m),
        _ => d ^ ((d ^ n) & !m),
    };
    write_v(c, rd, q, r);
    Ok(())
}

/// SQRDMLAH/SQRDMLSH lane: (acc << E) ± 2·a·b, rounded, high half, saturated.
#[inline(always)]
fn rdmlah(d: u64, a: u64, b: u64, e: u32, sub: bool, sat: &mut bool) -> u64 {
    let p = 2 * (sx(a, e) as i128) * (sx(b, e) as i128);
    let p = if sub { -p } else { p };
    let acc = (sx(d, e) as i128) << e;
    sat_s((acc + p + (1i128 << (e - 1))) >> e, e, sat)
}

/// SQRDMLAH/SQRDMLSH (vector and scalar, three same extra). FEAT_RDM.
pub(crate) fn rdm<const SUB: bool, const S: bool>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let (q, size, rm, rn, rd) = if S {
        let [size, rm, rn, rd, ..] = i.f;
        (0, size, rm, rn, rd)
    } else {
        let [q, size, rm, rn, rd, ..] = i.f;
        (q, size, rm, rn, rd)
    };
    if !has_rdm(c) || size == 0 || size == 3 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (a, b, d) = (rv(c, rn), rv(c, rm), rv(c, rd));
    let mut s = false;
    let r = by_size!(size, E => {
        let n = if S { 1 } else { (64 << q) / E } as usize;
        let mut r = 0u128;
        for k in 0..n {
            r = put(r, k, E, rdmlah(get(d, k, E), get(a, k, E), get(b, k, E), E, SUB, &mut s));
        }
        r
    });
    write_v(c, rd, q, r);
    set_qc(c, s);
    Ok(())
}

/// Dot product of the four bytes of `a` and `b` (signed or unsigned), as i64.
#[inline(always)]
fn dot4(a: u64, b: u64, unsigned: bool) -> u64 {
    let mut s = 0i64;
    for k in 0..4 {
        let (x, y) = (get(a as u128, k, 8), get(b as u128, k, 8));
        s += (int(x, 8, unsigned) * int(y, 8, unsigned)) as i64;
    }
    s as u64
}

/// SDOT/UDOT (vector). FEAT_DotProd.
pub(crate) fn dot<const U: bool>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [q, size, rm, rn, rd, ..] = i.f;
    if !has_dp(c) || size != 2 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (a, b, d) = (rv(c, rn), rv(c, rm), rv(c, rd));
    let mut r = 0u128;
    for k in 0..(2usize << q) {
        let acc = get(d, k, 32).wrapping_add(dot4(get(a, k, 32), get(b, k, 32), U));
        r = put(r, k, 32, acc);
    }
    write_v(c, rd, q, r);
    Ok(())
}

/// SDOT/UDOT (by element). FEAT_DotProd.
pub(crate) fn dot_x<const U: bool>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [q, size, l, m, rm, h, rn, rd] = i.f;
    if !has_dp(c) || size != 2 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let idx = (h << 1 | l) as usize;
    let (a, d) = (rv(c, rn), rv(c, rd));
    let b = get(rv(c, m << 4 | rm), idx, 32);
    let mut r = 0u128;
    for k in 0..(2usize << q) {
        let acc = get(d, k, 32).wrapping_add(dot4(get(a, k, 32), b, U));
        r = put(r, k, 32, acc);
    }
    write_v(c, rd, q, r);
    Ok(())
}

// Three different: U << 4 | opcode (bits 15:12).
pub(crate) const SADDL: u32 = 0b0_0000;
pub(crate) const SADDW: u32 = 0b0_0001;
pub(crate) const SSUBL: u32 = 0b0_0010;
pub(crate) const SSUBW: u32 = 0b0_0011;
pub(crate) const ADDHN: u32 = 0b0_0100;
pub(crate) const SABAL: u32 = 0b0_0101;
pub(crate) const SUBHN: u32 = 0b0_0110;
pub(crate) const SABDL: u32 = 0b0_0111;
pub(crate) const SMLAL: u32 = 0b0_1000;
pub(crate) const SQDMLAL: u32 = 0b0_1001;
pub(crate) const SMLSL: u32 = 0b0_1010;
pub(crate) const SQDMLSL: u32 = 0b0_1011;
pub(crate) const SMULL: u32 = 0b0_1100;
pub(crate) const SQDMULL: u32 = 0b0_1101;
pub(crate) const PMULL: u32 = 0b0_1110;
pub(crate) const UADDL: u32 = 0b1_0000;
pub(crate) const UADDW: u32 = 0b1_0001;
pub(crate) const USUBL: u32 = 0b1_0010;
pub(crate) const USUBW: u32 = 0b1_0011;
pub(crate) const RADDHN: u32 = 0b1_0100;
pub(crate) const UABAL: u32 = 0b1_0101;
pub(crate) const RSUBHN: u32 = 0b1_0110;
pub(crate) const UABDL: u32 = 0b1_0111;
pub(crate) const UMLAL: u32 = 0b1_1000;
pub(crate) const UMLSL: u32 = 0b1_1010;
pub(crate) const UMULL: u32 = 0b1_1100;

/// One lane of a long (or accumulating long) operation: `a`, `b` are `E`-bit source
/// lanes, `d` the `2E`-bit destination lane; the result is `2E` bits.
#[inline(always)]
fn long_lane<const OP: u32, const E: u32>(d: u64, a: u64, b: u64, sat: &mut bool) -> u64 {
    let w = 2 * E;
    let m = ones(w);
    let unsigned = OP & 0b1_0000 != 0;
    let (x, y) = (int(a, E, unsigned), int(b, E, unsigned));
    let r: i128 = match OP {
        SADDL | UADDL => x + y,
        SSUBL | USUBL => x - y,
        SABDL | UABDL => (x - y).abs(),
        SABAL | UABAL => d as i128 + (x - y).abs(),
        SMULL | UMULL => x * y,
        SMLAL | UMLAL => d as i128 + x * y,
        SMLSL | UMLSL => d as i128 - x * y,
        PMULL => {
            let mut r = 0u64;
            for k in 0..8 {
                if (b >> k) & 1 != 0 {
                    r ^= a << k;
                }
            }
            r as i128
        }
        SQDMULL => return sat_s(2 * x * y, w, sat),
        SQDMLAL | SQDMLSL => {
            // The doubled product saturates first, then the accumulation.
            let p = sx(sat_s(2 * x * y, w, sat), w) as i128;
            let acc = sx(d, w) as i128;
            let r = if OP == SQDMLAL { acc + p } else { acc - p };
            return sat_s(r, w, sat);
        }
        _ => 0,
    };
    r as u64 & m
}

#[inline(always)]
fn td_vec<const OP: u32, const E: u32>(
    n: u128,
    m: u128,
    d: u128,
    part: u32,
    lanes: usize,
    sat: &mut bool,
) -> u128 {
    let w = 2 * E;
    let mut r = 0u128;
    match OP {
        SADDW | UADDW | SSUBW | USUBW => {
            let unsigned = OP & 0b1_0000 != 0;
            let m = half(m, part);
            for i in 0..lanes {
                let x = get(n, i, w);
                let y = int(get(m, i, E), E, unsigned) as u64;
                let v = if OP == SADDW || OP == UADDW {
                    x.wrapping_add(y)
                } else {
                    x.wrapping_sub(y)
                };
                r = put(r, i, w, v);
            }
        }
        ADDHN | RADDHN | SUBHN | RSUBHN => {
            for i in 0..lanes {
                let (x, y) = (get(n, i, w) as u128, get(m, i, w) as u128);
                let v = if OP == ADDHN || OP == RADDHN {
                    x.wrapping_add(y)
                } else {
                    x.wrapping_sub(y)
                };
                let round = if OP == RADDHN || OP == RSUBHN {
                    1u128 << (E - 1)
                } else {
                    0
                };
                r = put(r, i, E, (v.wrapping_add(round) >> E) as u64);
            }
            // The narrow result goes to the low half (upper zeroed) or, for the "2"
            // form, to the high half with the low half of Vd kept.
            if part == 1 {
                r = (d as u64 as u128) | (r << 64);
            }
        }
        _ => {
            let (n, m) = (half(n, part), half(m, part));
            for i in 0..lanes {
                r = put(
                    r,
                    i,
                    w,
                    long_lane::<OP, E>(get(d, i, w), get(n, i, E), get(m, i, E), sat),
                );
            }
        }
    }
    r
}

/// Three different (vector): long, wide and narrowing forms, "2" = upper half.
pub(crate) fn td<const OP: u32>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [q, size, rm, rn, rd, ..] = i.f;
    let ok = match OP {
        SQDMLAL | SQDMLSL | SQDMULL => size == 1 || size == 2,
        // The 64-bit PMULL (size 3) exists only with FEAT_PMULL
        // (ID_AA64ISAR0_EL1.AES >= 2); otherwise it is UNDEFINED.
        PMULL => size == 0 || (size == 3 && has_pmull(c)),
        _ => size != 3,
    };
    if !ok {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (n, m, d) = (rv(c, rn), rv(c, rm), rv(c, rd));
    if OP == PMULL && size == 3 {
        write_v(c, rd, 1, clmul64(half(n, q) as u64, half(m, q) as u64));
        return Ok(());
    }
    let mut s = false;
    let r = by_size_narrow!(size, E => td_vec::<OP, E>(n, m, d, q, (64 / E) as usize, &mut s));
    let narrow = matches!(OP, ADDHN | RADDHN | SUBHN | RSUBHN);
    write_v(c, rd, if narrow { q } else { 1 }, r);
    set_qc(c, s);
    Ok(())
}

/// SQDMLAL/SQDMLSL/SQDMULL (scalar).
pub(crate) fn td_s<const OP: u32>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [size, rm, rn, rd, ..] = i.f;
    if size != 1 && size != 2 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (n, m, d) = (rv(c, rn), rv(c, rm), rv(c, rd));
    let mut s = false;
    let r = by_size_narrow!(size, E => td_vec::<OP, E>(n, m, d, 0, 1, &mut s));
    write_v(c, rd, 1, r);
    set_qc(c, s);
    Ok(())
}

// Vector x indexed element: U << 4 | opcode (bits 15:12).
pub(crate) const X_MLA: u32 = 0b1_0000;
pub(crate) const X_MLS: u32 = 0b1_0100;
pub(crate) const X_MUL: u32 = 0b0_1000;
pub(crate) const X_SQDMULH: u32 = 0b0_1100;
pub(crate) const X_SQRDMULH: u32 = 0b0_1101;
pub(crate) const X_SQRDMLAH: u32 = 0b1_1101;
pub(crate) const X_SQRDMLSH: u32 = 0b1_1111;
pub(crate) const X_SMLAL: u32 = 0b0_0010;
pub(crate) const X_SQDMLAL: u32 = 0b0_0011;
pub(crate) const X_SMLSL: u32 = 0b0_0110;
pub(crate) const X_SQDMLSL: u32 = 0b0_0111;
pub(crate) const X_SMULL: u32 = 0b0_1010;
pub(crate) const X_SQDMULL: u32 = 0b0_1011;
pub(crate) const X_UMLAL: u32 = 0b1_0010;
pub(crate) const X_UMLSL: u32 = 0b1_0110;
pub(crate) const X_UMULL: u32 = 0b1_1010;

#[inline(always)]
fn ix_vec<const OP: u32, const E: u32>(
    a: u128,
    b: u64,
    d: u128,
    lanes: usize,
    part: u32,
    sat: &mut bool,
) -> u128 {
    let mut r = 0u128;
    match OP {
        X_MLA | X_MLS | X_MUL | X_SQDMULH | X_SQRDMULH | X_SQRDMLAH | X_SQRDMLSH => {
            for k in 0..lanes {
                let (x, acc) = (get(a, k, E), get(d, k, E));
                let v = match OP {
                    X_MLA => ts_lane::<MLA, E>(x, b, acc, sat),
                    X_MLS => ts_lane::<MLS, E>(x, b, acc, sat),
                    X_MUL => ts_lane::<MUL, E>(x, b, acc, sat),
                    X_SQDMULH => ts_lane::<SQDMULH, E>(x, b, acc, sat),
                    X_SQRDMULH => ts_lane::<SQRDMULH, E>(x, b, acc, sat),
                    X_SQRDMLAH => rdmlah(acc, x, b, E, false, sat),
                    _ => rdmlah(acc, x, b, E, true, sat),
                };
                r = put(r, k, E, v);
            }
        }
        _ => {
            let a = half(a, part);
            for k in 0..lanes {
                let (acc, x) = (get(d, k, 2 * E), get(a, k, E));
                // The three-different operation this long by-element one performs.
                let v = match OP {
                    X_SMLAL => long_lane::<SMLAL, E>(acc, x, b, sat),
                    X_SQDMLAL => long_lane::<SQDMLAL, E>(acc, x, b, sat),
                    X_SMLSL => long_lane::<SMLSL, E>(acc, x, b, sat),
                    X_SQDMLSL => long_lane::<SQDMLSL, E>(acc, x, b, sat),
                    X_SMULL => long_lane::<SMULL, E>(acc, x, b, sat),
                    X_SQDMULL => long_lane::<SQDMULL, E>(acc, x, b, sat),
                    X_UMLAL => long_lane::<UMLAL, E>(acc, x, b, sat),
                    X_UMLSL => long_lane::<UMLSL, E>(acc, x, b, sat),
                    _ => long_lane::<UMULL, E>(acc, x, b, sat),
                };
                r = put(r, k, 2 * E, v);
            }
        }
    }
    r
}

/// Is `OP` a by-element operation with a double-width result?
const fn x_is_long(op: u32) -> bool {
    !matches!(
        op,
        X_MLA | X_MLS | X_MUL | X_SQDMULH | X_SQRDMULH | X_SQRDMLAH | X_SQRDMLSH
    )
}

/// The element index and Vm of a by-element instruction: 16-bit elements use
/// H:L:M and V0-V15, 32-bit elements H:L and M:Rm.
#[inline(always)]
fn x_elem(size: u32, l: u32, m: u32, rm: u32, h: u32) -> (usize, u32) {
    if size == 1 {
        ((h << 2 | l << 1 | m) as usize, rm)
    } else {
        ((h << 1 | l) as usize, m << 4 | rm)
    }
}

/// Vector x indexed element, integer operations (vector form).
pub(crate) fn ix<const OP: u32>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [q, size, l, m, rm, h, rn, rd] = i.f;
    if size != 1 && size != 2 {
        return Err(UNDEF);
    }
    if (OP == X_SQRDMLAH || OP == X_SQRDMLSH) && !has_rdm(c) {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (idx, rm) = x_elem(size, l, m, rm, h);
    let (a, d) = (rv(c, rn), rv(c, rd));
    let bm = rv(c, rm);
    let mut s = false;
    let r = by_size_narrow!(size, E => {
        let b = get(bm, idx, E);
        let lanes = if x_is_long(OP) { 64 / E } else { (64 << q) / E } as usize;
        ix_vec::<OP, E>(a, b, d, lanes, q, &mut s)
    });
    write_v(c, rd, if x_is_long(OP) { 1 } else { q }, r);
    set_qc(c, s);
    Ok(())
}

/// Scalar x indexed element: SQDMULH/SQRDMULH/SQRDMLAH/SQRDMLSH/SQDMULL/SQDMLAL/SQDMLSL.
pub(crate) fn ix_s<const OP: u32>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [size, l, m, rm, h, rn, rd, ..] = i.f;
    if size != 1 && size != 2 {
        return Err(UNDEF);
    }
    if (OP == X_SQRDMLAH || OP == X_SQRDMLSH) && !has_rdm(c) {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (idx, rm) = x_elem(size, l, m, rm, h);
    let (a, d) = (rv(c, rn), rv(c, rd));
    let bm = rv(c, rm);
    let mut s = false;
    let r = by_size_narrow!(size, E => {
        let b = get(bm, idx, E);
        // Scalar: one lane; the accumulator is the low lane of Vd only.
        let d = if x_is_long(OP) { get(d, 0, 2 * E) as u128 } else { get(d, 0, E) as u128 };
        ix_vec::<OP, E>(a, b, d, 1, 0, &mut s)
    });
    write_v(c, rd, 0, r);
    set_qc(c, s);
    Ok(())
}
