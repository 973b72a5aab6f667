//! Copy (DUP/INS/UMOV/SMOV), modified immediate (MOVI/MVNI/ORR/BIC/FMOV), table
//! lookup (TBL/TBX), permute (UZP/TRN/ZIP) and extract (EXT).

use super::*;
use crate::decode::Insn;

/// Element size (log2 bytes) and index selected by a copy instruction's imm5:
/// the lowest set bit of imm5<3:0> gives the size; none set is reserved.
#[inline(always)]
fn imm5_elem(imm5: u32) -> Option<(u32, usize)> {
    let low = imm5 & 0xF;
    if low == 0 {
        return None;
    }
    let size = low.trailing_zeros();
    Some((size, (imm5 >> (size + 1)) as usize))
}

/// Replicates the `w`-bit value `x` across 128 bits.
#[inline(always)]
fn replicate(x: u64, w: u32) -> u128 {
    let mut r = 0u128;
    for k in 0..(128 / w) as usize {
        r = put(r, k, w, x);
    }
    r
}

/// DUP (element), vector.
pub(crate) fn dup_elt(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [q, imm5, rn, rd, ..] = i.f;
    let (size, idx) = imm5_elem(imm5).ok_or(UNDEF)?;
    if size == 3 && q == 0 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let w = 8 << size;
    let x = get(rv(c, rn), idx, w);
    write_v(c, rd, q, replicate(x, w));
    Ok(())
}

/// DUP (element), scalar (also MOV scalar): the element, zero-extended.
pub(crate) fn dup_elt_s(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [imm5, rn, rd, ..] = i.f;
    let (size, idx) = imm5_elem(imm5).ok_or(UNDEF)?;
    c.check_fp()?;
    let x = get(rv(c, rn), idx, 8 << size);
    write_v(c, rd, 0, x as u128);
    Ok(())
}

/// DUP (general): Xn's low bits replicated.
pub(crate) fn dup_gen(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [q, imm5, rn, rd, ..] = i.f;
    let (size, _) = imm5_elem(imm5).ok_or(UNDEF)?;
    if size == 3 && q == 0 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let x = c.s.xr(rn);
    write_v(c, rd, q, replicate(x, 8 << size));
    Ok(())
}

/// INS (general): Vd[index] = Xn, other lanes kept.
pub(crate) fn ins_gen(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [imm5, rn, rd, ..] = i.f;
    let (size, idx) = imm5_elem(imm5).ok_or(UNDEF)?;
    c.check_fp()?;
    let w = 8 << size;
    let x = c.s.xr(rn);
    let d = rv(c, rd);
    let lane = (ones(w) as u128) << (idx as u32 * w);
    write_v(c, rd, 1, put(d & !lane, idx, w, x));
    Ok(())
}

/// INS (element): Vd[dst] = Vn[src], other lanes kept.
pub(crate) fn ins_elt(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [imm5, imm4, rn, rd, ..] = i.f;
    let (size, dst) = imm5_elem(imm5).ok_or(UNDEF)?;
    c.check_fp()?;
    let w = 8 << size;
    let src = (imm4 >> size) as usize;
    let x = get(rv(c, rn), src, w);
    let d = rv(c, rd);
    let lane = (ones(w) as u128) << (dst as u32 * w);
    write_v(c, rd, 1, put(d & !lane, dst, w, x));
    Ok(())
}

/// UMOV (SIGNED = false) and SMOV: an element to a general register.
pub(crate) fn mov_to_gen<const SIGNED: bool>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [q, imm5, rn, rd, ..] = i.f;
    let (size, idx) = imm5_elem(imm5).ok_or(UNDEF)?;
    // UMOV: Wd from B/H/S, Xd from D only. SMOV: Wd from B/H, Xd from B/H/S.
    let ok = if SIGNED {
        size < 2 + q
    } else if q == 1 {
        size == 3
    } else {
        size < 3
    };
    if !ok {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let w = 8 << size;
    let x = get(rv(c, rn), idx, w);
    let r = if SIGNED { sx(x, w) as u64 } else { x };
    let r = if q == 1 { r } else { r as u32 as u64 };
    c.s.set_xr(rd, r);
    Ok(())
}

/// AdvSIMDExpandImm: the 64-bit immediate of a modified-immediate instruction.
pub(crate) fn adv_simd_expand_imm(op: u32, cmode: u32, imm8: u32) -> u64 {
    let i = imm8 as u64 & 0xFF;
    let rep32 = |x: u64| x | x << 32;
    let rep16 = |x: u64| x | x << 16 | x << 32 | x << 48;
    match cmode >> 1 {
        0b000 => rep32(i),
        0b001 => rep32(i << 8),
        0b010 => rep32(i << 16),
        0b011 => rep32(i << 24),
        0b100 => rep16(i),
        0b101 => rep16(i << 8),
        // MSL: the bits shifted in are ones.
        0b110 if cmode & 1 == 0 => rep32(i << 8 | 0xFF),
        0b110 => rep32(i << 16 | 0xFFFF),
        _ => match (cmode & 1, op) {
            (0, 0) => i * 0x0101_0101_0101_0101,
            (0, _) => {
                let mut r = 0u64;
                for k in 0..8 {
                    if (i >> k) & 1 != 0 {
                        r |= 0xFF << (8 * k);
                    }
                }
                r
            }
            // Single-precision VFPExpandImm, replicated.
            (_, 0) => {
                let b6 = (i >> 6) & 1;
                let f = (i >> 7) << 31 | (b6 ^ 1) << 30 | (b6 * 0x1F) << 25 | (i & 0x3F) << 19;
                rep32(f)
            }
            // Double-precision VFPExpandImm.
            _ => {
                let b6 = (i >> 6) & 1;
                (i >> 7) << 63 | (b6 ^ 1) << 62 | (b6 * 0xFF) << 54 | (i & 0x3F) << 48
            }
        },
    }
}

/// MOVI/MVNI/ORR/BIC (vector, immediate) and FMOV (vector, immediate). The table
/// lines pick the legal op/cmode/o2 combinations; the operation is read back from
/// the word.
pub(crate) fn modimm(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let w = i.word;
    let (q, op, cmode, o2, rd) = (
        (w >> 30) & 1,
        (w >> 29) & 1,
        (w >> 12) & 0xF,
        (w >> 11) & 1,
        w & 31,
    );
    let imm8 = ((w >> 16) & 7) << 5 | ((w >> 5) & 0x1F);
    c.check_fp()?;
    let imm = if o2 == 1 {
        // FMOV (vector, immediate), half precision: VFPExpandImm for 16 bits.
        let i = imm8 as u64;
        let b6 = (i >> 6) & 1;
        let h = (i >> 7) << 15 | (b6 ^ 1) << 14 | (b6 * 3) << 12 | (i & 0x3F) << 6;
        h * 0x0001_0001_0001_0001
    } else {
        adv_simd_expand_imm(op, cmode, imm8)
    };
    let imm = imm as u128 | (imm as u128) << 64;
    let bitwise = cmode < 0b1100 && cmode & 1 == 1;
    let r = if bitwise {
        let d = rv(c, rd);
        if op == 0 {
            d | imm
        } else {
            d & !imm
        }
    } else if op == 1 && cmode < 0b1110 {
        !imm
    } else {
        imm
    };
    write_v(c, rd, q, r);
    Ok(())
}

/// TBL (TBX = false) and TBX with 1-4 table registers (wrapping past V31).
pub(crate) fn tbl<const TBX: bool>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [q, rm, len, rn, rd, ..] = i.f;
    c.check_fp()?;
    let regs = len as usize + 1;
    let mut table = [0u128; 4];
    for (k, t) in table.iter_mut().enumerate().take(regs) {
        *t = rv(c, rn.wrapping_add(k as u32) & 31);
    }
    let (idx, d) = (rv(c, rm), rv(c, rd));
    let mut r = 0u128;
    for k in 0..(8usize << q) {
        let x = get(idx, k, 8) as usize;
        let v = if x < 16 * regs {
            get(table[(x >> 4) & 3], x & 15, 8)
        } else if TBX {
            get(d, k, 8)
        } else {
            0
        };
        r = put(r, k, 8, v);
    }
    write_v(c, rd, q, r);
    Ok(())
}

// Permute opcodes (bits 14:12).
pub(crate) const UZP1: u32 = 0b001;
pub(crate) const TRN1: u32 = 0b010;
pub(crate) const ZIP1: u32 = 0b011;
pub(crate) const UZP2: u32 = 0b101;
pub(crate) const TRN2: u32 = 0b110;
pub(crate) const ZIP2: u32 = 0b111;

#[inline(always)]
fn permute<const OP: u32, const E: u32>(n: u128, m: u128, lanes: usize) -> u128 {
    let part = (OP >> 2) as usize;
    let pairs = lanes / 2;
    let mut r = 0u128;
    for p in 0..pairs {
        let (x, y) = match OP & 3 {
            // UZP: even (odd) lanes of the concatenation Vm:Vn.
            1 => {
                let cat = |j: usize| {
                    if j < lanes {
                        get(n, j, E)
                    } else {
                        get(m, j - lanes, E)
                    }
                };
                (cat(4 * p + part), cat(4 * p + 2 + part))
            }
            2 => (get(n, 2 * p + part, E), get(m, 2 * p + part, E)),
            _ => (get(n, part * pairs + p, E), get(m, part * pairs + p, E)),
        };
        r = put(r, 2 * p, E, x);
        r = put(r, 2 * p + 1, E, y);
    }
    r
}

/// UZP1/UZP2/TRN1/TRN2/ZIP1/ZIP2.
pub(crate) fn perm<const OP: u32>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [q, size, rm, rn, rd, ..] = i.f;
    if size == 3 && q == 0 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (n, m) = (rv(c, rn), rv(c, rm));
    let r = by_size!(size, E => permute::<OP, E>(n, m, ((64 << q) / E) as usize));
    write_v(c, rd, q, r);
    Ok(())
}

/// EXT: bytes imm4.. of the concatenation Vm:Vn.
pub(crate) fn ext(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [q, rm, imm4, rn, rd, ..] = i.f;
    if q == 0 && imm4 >= 8 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (n, m) = (rv(c, rn), rv(c, rm));
    let bytes = 8usize << q;
    let mut r = 0u128;
    for k in 0..bytes {
        let j = k + imm4 as usize;
        let v = if j < bytes {
            get(n, j, 8)
        } else {
            get(m, j - bytes, 8)
        };
        r = put(r, k, 8, v);
    }
    write_v(c, rd, q, r);
    Ok(())
}
