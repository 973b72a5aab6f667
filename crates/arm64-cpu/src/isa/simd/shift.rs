//! Shift by immediate (vector and scalar), integer operations.
//!
//! The table has one line per element size: immh's leading one gives the size
//! (0001 bytes, 001x halfwords, 01xx words, 1xxx doublewords), so each line
//! fixes it and the bits below it form the field `b`. With immh:immb = E + b, the
//! right shifts shift by 2E - (E + b) = E - b and the left shifts by b. (immh =
//! 0000 in the vector form is the modified-immediate group.)

use super::*;
use crate::decode::Insn;

// U << 5 | opcode (bits 15:11).
pub(crate) const SSHR: u32 = 0b0_00000;
pub(crate) const SSRA: u32 = 0b0_00010;
pub(crate) const SRSHR: u32 = 0b0_00100;
pub(crate) const SRSRA: u32 = 0b0_00110;
pub(crate) const SHL: u32 = 0b0_01010;
pub(crate) const SQSHL_I: u32 = 0b0_01110;
pub(crate) const SHRN: u32 = 0b0_10000;
pub(crate) const RSHRN: u32 = 0b0_10001;
pub(crate) const SQSHRN: u32 = 0b0_10010;
pub(crate) const SQRSHRN: u32 = 0b0_10011;
pub(crate) const SSHLL: u32 = 0b0_10100;
pub(crate) const USHR: u32 = 0b1_00000;
pub(crate) const USRA: u32 = 0b1_00010;
pub(crate) const URSHR: u32 = 0b1_00100;
pub(crate) const URSRA: u32 = 0b1_00110;
pub(crate) const SRI: u32 = 0b1_01000;
pub(crate) const SLI: u32 = 0b1_01010;
pub(crate) const SQSHLU: u32 = 0b1_01100;
pub(crate) const UQSHL_I: u32 = 0b1_01110;
pub(crate) const SQSHRUN: u32 = 0b1_10000;
pub(crate) const SQRSHRUN: u32 = 0b1_10001;
pub(crate) const UQSHRN: u32 = 0b1_10010;
pub(crate) const UQRSHRN: u32 = 0b1_10011;
pub(crate) const USHLL: u32 = 0b1_10100;

const fn is_narrow(op: u32) -> bool {
    matches!(
        op,
        SHRN | RSHRN | SQSHRN | SQRSHRN | SQSHRUN | SQRSHRUN | UQSHRN | UQRSHRN
    )
}

/// Right shift of `x` by `sh` (1..=64), rounding if asked.
#[inline(always)]
fn shr(x: i128, sh: u32, round: bool) -> i128 {
    if round {
        (x + (1i128 << (sh - 1))) >> sh
    } else {
        x >> sh
    }
}

/// One lane of a same-width shift: `a` source, `d` old destination lane.
#[inline(always)]
fn sh_lane<const OP: u32, const E: u32>(a: u64, d: u64, b: u32, sat: &mut bool) -> u64 {
    let m = ones(E);
    let rs = E - b; // right shift amount, 1..=E
    let (s, u) = (sx(a, E) as i128, a as i128);
    match OP {
        SSHR => shr(s, rs, false) as u64 & m,
        USHR => shr(u, rs, false) as u64 & m,
        SRSHR => shr(s, rs, true) as u64 & m,
        URSHR => shr(u, rs, true) as u64 & m,
        SSRA => d.wrapping_add(shr(s, rs, false) as u64) & m,
        USRA => d.wrapping_add(shr(u, rs, false) as u64) & m,
        SRSRA => d.wrapping_add(shr(s, rs, true) as u64) & m,
        URSRA => d.wrapping_add(shr(u, rs, true) as u64) & m,
        SRI => {
            // Bits shifted in from the top keep Vd's value; a shift by E keeps Vd.
            let keep = !(m >> rs.min(63) >> (rs / 64));
            (d & keep) | (a >> rs.min(63) >> (rs / 64))
        }
        SHL => (a << b) & m,
        SLI => (d & !(m << b) & m) | ((a << b) & m),
        SQSHL_I => sat_s(s << b, E, sat),
        UQSHL_I => sat_u(u << b, E, sat),
        SQSHLU => sat_u(s << b, E, sat),
        _ => 0,
    }
}

/// One lane of a narrowing shift: `a` is a 2E-bit source lane, the result E bits.
#[inline(always)]
fn shn_lane<const OP: u32, const E: u32>(a: u64, b: u32, sat: &mut bool) -> u64 {
    let w = 2 * E;
    let rs = E - b;
    let (s, u) = (sx(a, w) as i128, a as i128);
    match OP {
        SHRN => shr(u, rs, false) as u64 & ones(E),
        RSHRN => shr(u, rs, true) as u64 & ones(E),
        SQSHRN => sat_s(shr(s, rs, false), E, sat),
        SQRSHRN => sat_s(shr(s, rs, true), E, sat),
        SQSHRUN => sat_u(shr(s, rs, false), E, sat),
        SQRSHRUN => sat_u(shr(s, rs, true), E, sat),
        UQSHRN => sat_u(shr(u, rs, false), E, sat),
        _ => sat_u(shr(u, rs, true), E, sat),
    }
}

#[inline(always)]
fn sh_vec<const OP: u32, const E: u32>(
    a: u128,
    d: u128,
    b: u32,
    lanes: usize,
    part: u32,
    sat: &mut bool,
) -> u128 {
    let mut r = 0u128;
    if is_narrow(OP) {
        for i in 0..lanes {
            r = put(r, i, E, shn_lane::<OP, E>(get(a, i, 2 * E), b, sat));
        }
        if part == 1 {
            r = (d as u64 as u128) | (r << 64);
        }
    } else if OP == SSHLL || OP == USHLL {
        let a = half(a, part);
        for i in 0..lanes {
            let x = int(get(a, i, E), E, OP == USHLL) as u64;
            r = put(r, i, 2 * E, x << b);
        }
    } else {
        for i in 0..lanes {
            r = put(
                r,
                i,
                E,
                sh_lane::<OP, E>(get(a, i, E), get(d, i, E), b, sat),
            );
        }
    }
    r
}

/// Shift by immediate (vector), element size `E`.
pub(crate) fn sh_v<const OP: u32, const E: u32>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [q, b, rn, rd, ..] = i.f;
    let long = OP == SSHLL || OP == USHLL;
    if E == 64 && q == 0 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (a, d) = (rv(c, rn), rv(c, rd));
    let mut s = false;
    let lanes = if is_narrow(OP) || long {
        64 / E
    } else {
        (64 << q) / E
    } as usize;
    let r = sh_vec::<OP, E>(a, d, b, lanes, q, &mut s);
    write_v(c, rd, if is_narrow(OP) || long { 1 } else { q }, r);
    set_qc(c, s);
    Ok(())
}

/// Shift by immediate (scalar), element size `E`.
pub(crate) fn sh_s<const OP: u32, const E: u32>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [b, rn, rd, ..] = i.f;
    c.check_fp()?;
    let (a, d) = (rv(c, rn), rv(c, rd));
    let d = get(d, 0, E) as u128;
    let mut s = false;
    let r = sh_vec::<OP, E>(a, d, b, 1, 0, &mut s);
    write_v(c, rd, 0, r);
    set_qc(c, s);
    Ok(())
}
