//! SVE predicate instructions (PTRUE, WHILE, predicate logic, breaks, FFR, PTEST,
//! PFIRST/PNEXT, CNTP, INCP and friends) and the element-count group (CNT, INC/DEC,
//! saturating INC/DEC, ADDVL/ADDPL/RDVL).

use super::core::*;
use crate::cpu::Cpu;
use crate::decode::Insn;

// ---------------------------------------------------------------- predicate init

/// PTRUE/PTRUES Pd.T{, pattern}.
pub(crate) fn ptrue(c: &mut Cpu, i: &Insn) -> R {
    let [size, s, pattern, pd, ..] = i.f;
    c.check_sve()?;
    let elements = c.vl() >> size;
    let n = pred_count(pattern, elements);
    let r = pred_first_n(n, size);
    wpr(c, pd, &r);
    if s == 1 {
        // PTRUES tests the result against itself (`PredTest(result, result, esize)`),
        // not against an all-true predicate: C is !Last(result) over the result's own
        // active elements, so it is clear whenever any element is true.
        set_flags_pt(c, &r, &r, size);
    }
    Ok(())
}

/// PFALSE Pd.B.
pub(crate) fn pfalse(c: &mut Cpu, i: &Insn) -> R {
    let [pd, ..] = i.f;
    c.check_sve()?;
    c.s.p[pd as usize & 15] = [0; 32];
    Ok(())
}

/// PTEST Pg, Pn.B.
pub(crate) fn ptest(c: &mut Cpu, i: &Insn) -> R {
    let [pg, pn, ..] = i.f;
    c.check_sve()?;
    let (g, n) = (pr(c, pg), pr(c, pn));
    set_flags_pt(c, &g, &n, 0);
    Ok(())
}

/// First active element index of `g` (element size `esz`), if any, below VL.
fn first_active(vl: usize, g: &Pb, esz: u32) -> Option<usize> {
    (0..vl >> esz).find(|&e| act_e(g, esz, e))
}

/// PFIRST Pdn.B, Pg, Pdn.B.
pub(crate) fn pfirst(c: &mut Cpu, i: &Insn) -> R {
    let [pg, pdn, ..] = i.f;
    c.check_sve()?;
    let g = pr(c, pg);
    let mut r = pr(c, pdn);
    if let Some(e) = first_active(c.vl(), &g, 0) {
        pset(&mut r, e, true);
    }
    wpr(c, pdn, &r);
    let r = pr(c, pdn);
    set_flags_pt(c, &g, &r, 0);
    Ok(())
}

/// PNEXT Pdn.T, Pv, Pdn.T.
pub(crate) fn pnext(c: &mut Cpu, i: &Insn) -> R {
    let [size, pv, pdn, ..] = i.f;
    c.check_sve()?;
    let vl = c.vl();
    let elements = vl >> size;
    let mask = pr(c, pv);
    let op = pr(c, pdn);
    // LastActiveElement(operand, esize) + 1: the last TRUE element of Pdn itself,
    // whatever Pv says there; then the next element active in Pv.
    let mut next = 0usize;
    for e in (0..elements).rev() {
        if act_e(&op, size, e) {
            next = e + 1;
            break;
        }
    }
    while next < elements && !act_e(&mask, size, next) {
        next += 1;
    }
    let mut r = [0u8; 32];
    if next < elements {
        pset(&mut r, next << size, true);
    }
    wpr(c, pdn, &r);
    set_flags_pt(c, &mask, &r, size);
    Ok(())
}

// ---------------------------------------------------------------- predicate logic

/// AND/BIC/EOR/SEL/ORR/ORN/NOR/NAND (+S) Pd.B, Pg/Z, Pn.B, Pm.B.
pub(crate) fn plogic(c: &mut Cpu, i: &Insn) -> R {
    let [op, s, pm, pg, o2, pn, o3, pd] = i.f;
    c.check_sve()?;
    let opc = op << 2 | o2 << 1 | o3;
    // SELS does not exist.
    if s == 1 && opc == 0b011 {
        return Err(undef());
    }
    let g = pw(&pr(c, pg));
    let n = pw(&pr(c, pn));
    let m = pw(&pr(c, pm));
    let mut r = [0u64; 4];
    for k in 0..4 {
        let (g, n, m) = (g[k], n[k], m[k]);
        r[k] = match opc {
            0b000 => n & m & g,
            0b001 => n & !m & g,
            0b010 => (n ^ m) & g,
            0b011 => (n & g) | (m & !g),
            0b100 => (n | m) & g,
            0b101 => (n | !m) & g,
            0b110 => !(n | m) & g,
            _ => !(n & m) & g,
        };
    }
    let r = wp(&r);
    wpr(c, pd, &r);
    if s == 1 {
        let r = pr(c, pd);
        set_flags_pt(c, &wp(&g), &r, 0);
    }
    Ok(())
}

// ---------------------------------------------------------------- FFR

/// RDFFR Pd.B (unpredicated).
pub(crate) fn rdffr(c: &mut Cpu, i: &Insn) -> R {
    let [pd, ..] = i.f;
    c.check_sve()?;
    let f = c.s.ffr;
    wpr(c, pd, &f);
    Ok(())
}

/// RDFFR/RDFFRS Pd.B, Pg/Z.
pub(crate) fn rdffr_p(c: &mut Cpu, i: &Insn) -> R {
    let [s, pg, pd, ..] = i.f;
    c.check_sve()?;
    let g = pr(c, pg);
    let f = pw(&c.s.ffr);
    let gw = pw(&g);
    let r = wp(&[f[0] & gw[0], f[1] & gw[1], f[2] & gw[2], f[3] & gw[3]]);
    wpr(c, pd, &r);
    if s == 1 {
        let r = pr(c, pd);
        set_flags_pt(c, &g, &r, 0);
    }
    Ok(())
}

/// SETFFR.
pub(crate) fn setffr(c: &mut Cpu, _i: &Insn) -> R {
    c.check_sve()?;
    let all = ptrue_all(c.vl());
    wffr(c, &all);
    Ok(())
}

/// WRFFR Pn.B.
pub(crate) fn wrffr(c: &mut Cpu, i: &Insn) -> R {
    let [pn, ..] = i.f;
    c.check_sve()?;
    let p = pr(c, pn);
    wffr(c, &p);
    Ok(())
}

// ---------------------------------------------------------------- breaks

/// BRKA/BRKB (+S, zeroing or merging) Pd.B, Pg/<Z|M>, Pn.B.
pub(crate) fn brk(c: &mut Cpu, i: &Insn) -> R {
    let [b, s, pg, pn, m, pd, ..] = i.f;
    c.check_sve()?;
    // The merging forms have no flag-setting variant.
    if m == 1 && s == 1 {
        return Err(undef());
    }
    let vl = c.vl();
    let g = pr(c, pg);
    let n = pr(c, pn);
    let d = pr(c, pd);
    let mut r = [0u8; 32];
    let mut brk = false;
    for e in 0..vl {
        if pbit(&g, e) {
            let el = pbit(&n, e);
            if b == 0 {
                // BRKA: true up to and including the first true element.
                pset(&mut r, e, !brk);
                brk |= el;
            } else {
                // BRKB: true up to but not including it.
                brk |= el;
                pset(&mut r, e, !brk);
            }
        } else if m == 1 {
            pset(&mut r, e, pbit(&d, e));
        }
    }
    wpr(c, pd, &r);
    if s == 1 {
        set_flags_pt(c, &g, &r, 0);
    }
    Ok(())
}

/// Is the last active element of `n` (governed by `g`, bytes) true?
fn last_active_true(vl: usize, g: &Pb, n: &Pb) -> bool {
    for e in (0..vl).rev() {
        if pbit(g, e) {
            return pbit(n, e);
        }
    }
    false
}

/// BRKN/BRKNS Pdm.B, Pg/Z, Pn.B, Pdm.B.
pub(crate) fn brkn(c: &mut Cpu, i: &Insn) -> R {
    let [s, pg, pn, pdm, ..] = i.f;
    c.check_sve()?;
    let vl = c.vl();
    let g = pr(c, pg);
    let n = pr(c, pn);
    let r = if last_active_true(vl, &g, &n) {
        pr(c, pdm)
    } else {
        [0u8; 32]
    };
    wpr(c, pdm, &r);
    if s == 1 {
        let r = pr(c, pdm);
        let all = ptrue_all(vl);
        set_flags_pt(c, &all, &r, 0);
    }
    Ok(())
}

/// BRKPA/BRKPB (+S) Pd.B, Pg/Z, Pn.B, Pm.B.
pub(crate) fn brkp(c: &mut Cpu, i: &Insn) -> R {
    let [s, pm, pg, pn, b, pd, ..] = i.f;
    c.check_sve()?;
    let vl = c.vl();
    let g = pr(c, pg);
    let n = pr(c, pn);
    let m = pr(c, pm);
    let mut last = last_active_true(vl, &g, &n);
    let mut r = [0u8; 32];
    for e in 0..vl {
        if pbit(&g, e) {
            let el = pbit(&m, e);
            if b == 0 {
                pset(&mut r, e, last);
                last = last && !el;
            } else {
                last = last && !el;
                pset(&mut r, e, last);
            }
        }
    }
    wpr(c, pd, &r);
    if s == 1 {
        set_flags_pt(c, &g, &r, 0);
    }
    Ok(())
}

// ---------------------------------------------------------------- WHILE, CTERM

/// WHILELT/WHILELE/WHILELO/WHILELS Pd.T, <R>n, <R>m.
pub(crate) fn whilec(c: &mut Cpu, i: &Insn) -> R {
    let [size, rm, sf, u, rn, eq, pd, ..] = i.f;
    c.check_sve()?;
    let elements = c.vl() >> size;
    let (a, b) = (c.s.xr(rn), c.s.xr(rm));
    // Work in i128 on the operands extended per their signedness and width; the
    // iteration increments the first operand in its own width, so a <=/<= limit at
    // the maximum value never turns false (the counter wraps and stays <= max).
    let (a, b, max): (i128, i128, i128) = match (sf, u) {
        (0, 0) => (a as i32 as i128, b as i32 as i128, i32::MAX as i128),
        (0, _) => (a as u32 as i128, b as u32 as i128, u32::MAX as i128),
        (_, 0) => (a as i64 as i128, b as i64 as i128, i64::MAX as i128),
        _ => (a as i128, b as i128, u64::MAX as i128),
    };
    let n = if eq == 1 {
        if a > b {
            0
        } else if b == max {
            elements
        } else {
            ((b - a + 1) as u128).min(elements as u128) as usize
        }
    } else if a >= b {
        0
    } else {
        ((b - a) as u128).min(elements as u128) as usize
    };
    let r = pred_first_n(n, size);
    wpr(c, pd, &r);
    let all = ptrue_all(c.vl());
    set_flags_pt(c, &all, &r, size);
    Ok(())
}

/// CTERMEQ/CTERMNE <R>n, <R>m.
pub(crate) fn cterm(c: &mut Cpu, i: &Insn) -> R {
    let [sf, rm, rn, ne, ..] = i.f;
    c.check_sve()?;
    let (mut a, mut b) = (c.s.xr(rn), c.s.xr(rm));
    if sf == 0 {
        a &= 0xFFFF_FFFF;
        b &= 0xFFFF_FFFF;
    }
    let term = (a == b) != (ne == 1);
    let f = &mut c.s.pstate.nzcv;
    let cflag = (*f >> 29) & 1;
    // N and V change; Z and C are kept.
    *f &= !(1 << 31 | 1 << 28);
    if term {
        *f |= 1 << 31;
    } else {
        *f |= (cflag ^ 1) << 28;
    }
    Ok(())
}

// ---------------------------------------------------------------- predicate counts

/// CNTP Xd, Pg, Pn.T.
pub(crate) fn cntp(c: &mut Cpu, i: &Insn) -> R {
    let [size, pg, pn, rd, ..] = i.f;
    c.check_sve()?;
    let n = count_active(c.vl(), &pr(c, pg), &pr(c, pn), size);
    c.s.set_xr(rd, n);
    Ok(())
}

/// INCP/DECP Xdn, Pm.T.
pub(crate) fn incdecp_r(c: &mut Cpu, i: &Insn) -> R {
    let [size, d, pm, rdn, ..] = i.f;
    c.check_sve()?;
    // Every element counts: the governing predicate is all true.
    let p = &c.s.p[pm as usize & 15];
    let n = count_active(c.vl(), p, p, size);
    let x = c.s.xr(rdn);
    let r = if d == 1 {
        x.wrapping_sub(n)
    } else {
        x.wrapping_add(n)
    };
    c.s.set_xr(rdn, r);
    Ok(())
}

/// Adds `delta` (wrapping) to every element of Zdn.
fn add_all<T: Elem>(c: &mut Cpu, zdn: u32, delta: u64) {
    let n = lanes::<T>(c);
    let z = &mut c.s.z[zdn as usize & 31].0;
    for e in 0..n {
        let v = T::get(z, e);
        T::set(z, e, T::fu(v.u().wrapping_add(delta)));
    }
}

/// Saturating add of signed `delta` to every element (signed or unsigned saturation).
fn sat_all<T: Elem>(c: &mut Cpu, zdn: u32, delta: i128, unsigned: bool) {
    let n = lanes::<T>(c);
    let z = &mut c.s.z[zdn as usize & 31].0;
    for e in 0..n {
        let v = T::get(z, e);
        let r = if unsigned {
            usat(v.u() as i128 + delta, T::BITS)
        } else {
            ssat(v.s() as i128 + delta, T::BITS) as u64
        };
        T::set(z, e, T::fu(r));
    }
}

/// INCP/DECP Zdn.T, Pm.T.
pub(crate) fn incdecp_z(c: &mut Cpu, i: &Insn) -> R {
    let [size, d, pm, zdn, ..] = i.f;
    c.check_sve()?;
    if size == 0 {
        return Err(undef());
    }
    let all = ptrue_all(c.vl());
    let n = count_active(c.vl(), &all, &pr(c, pm), size);
    let delta = if d == 1 { n.wrapping_neg() } else { n };
    by_size!(size, add_all(c, zdn, delta));
    Ok(())
}

/// The scalar saturating step of SQINC*/UQINC*/SQDEC*/UQDEC* (and the P forms):
/// `sf` = 0 saturates to 32 bits (the signed forms sign-extend into Xd, the unsigned
/// ones zero-extend), `sf` = 1 to 64 bits.
fn sat_scalar(x: u64, delta: i128, sf: u32, unsigned: bool) -> u64 {
    match (sf, unsigned) {
        (0, false) => ssat(x as i32 as i128 + delta, 32) as u64,
        (0, true) => usat(x as u32 as i128 + delta, 32),
        (_, false) => ssat(x as i64 as i128 + delta, 64) as u64,
        (_, true) => usat(x as i128 + delta, 64),
    }
}

/// SQINCP/UQINCP/SQDECP/UQDECP Xdn{, Wdn}, Pm.T.
pub(crate) fn sincdecp_r(c: &mut Cpu, i: &Insn, sf: u32) -> R {
    let [size, d, u, pm, rdn, ..] = i.f;
    c.check_sve()?;
    let all = ptrue_all(c.vl());
    let n = count_active(c.vl(), &all, &pr(c, pm), size) as i128;
    let delta = if d == 1 { -n } else { n };
    let r = sat_scalar(c.s.xr(rdn), delta, sf, u == 1);
    c.s.set_xr(rdn, r);
    Ok(())
}

pub(crate) fn sincdecp_r32(c: &mut Cpu, i: &Insn) -> R {
    sincdecp_r(c, i, 0)
}

pub(crate) fn sincdecp_r64(c: &mut Cpu, i: &Insn) -> R {
    sincdecp_r(c, i, 1)
}

/// SQINCP/UQINCP/SQDECP/UQDECP Zdn.T, Pm.T.
pub(crate) fn sincdecp_z(c: &mut Cpu, i: &Insn) -> R {
    let [size, d, u, pm, zdn, ..] = i.f;
    c.check_sve()?;
    if size == 0 {
        return Err(undef());
    }
    let all = ptrue_all(c.vl());
    let n = count_active(c.vl(), &all, &pr(c, pm), size) as i128;
    let delta = if d == 1 { -n } else { n };
    by_size!(size, sat_all(c, zdn, delta, u == 1));
    Ok(())
}

// ---------------------------------------------------------------- element counts

/// The element count CNT*/INC*/DEC* add: pattern count times (imm4 + 1).
fn elem_count(c: &Cpu, size: u32, pattern: u32, imm4: u32) -> u64 {
    pred_count(pattern, c.vl() >> size) as u64 * (imm4 as u64 + 1)
}

/// CNTB/CNTH/CNTW/CNTD Xd{, pattern{, MUL #imm}}.
pub(crate) fn cnt_r(c: &mut Cpu, i: &Insn) -> R {
    let [size, imm4, pattern, rd, ..] = i.f;
    c.check_sve()?;
    let n = elem_count(c, size, pattern, imm4);
    c.s.set_xr(rd, n);
    Ok(())
}

/// INC*/DEC* Xdn{, pattern{, MUL #imm}}.
pub(crate) fn incdec_r(c: &mut Cpu, i: &Insn) -> R {
    let [size, imm4, d, pattern, rdn, ..] = i.f;
    c.check_sve()?;
    let n = elem_count(c, size, pattern, imm4);
    let x = c.s.xr(rdn);
    let r = if d == 1 {
        x.wrapping_sub(n)
    } else {
        x.wrapping_add(n)
    };
    c.s.set_xr(rdn, r);
    Ok(())
}

/// INCH/INCW/INCD/DECH/DECW/DECD Zdn.T{, pattern{, MUL #imm}}.
pub(crate) fn incdec_v(c: &mut Cpu, i: &Insn) -> R {
    let [size, imm4, d, pattern, zdn, ..] = i.f;
    c.check_sve()?;
    if size == 0 {
        return Err(undef());
    }
    let n = elem_count(c, size, pattern, imm4);
    let delta = if d == 1 { n.wrapping_neg() } else { n };
    by_size!(size, add_all(c, zdn, delta));
    Ok(())
}

/// SQINC*/UQINC*/SQDEC*/UQDEC* with 32-bit (`sf` = 0) or 64-bit saturation.
fn sincdec_r(c: &mut Cpu, i: &Insn, sf: u32) -> R {
    let [size, imm4, d, u, pattern, rdn, ..] = i.f;
    c.check_sve()?;
    let n = elem_count(c, size, pattern, imm4) as i128;
    let delta = if d == 1 { -n } else { n };
    let r = sat_scalar(c.s.xr(rdn), delta, sf, u == 1);
    c.s.set_xr(rdn, r);
    Ok(())
}

pub(crate) fn sincdec_r32(c: &mut Cpu, i: &Insn) -> R {
    sincdec_r(c, i, 0)
}

pub(crate) fn sincdec_r64(c: &mut Cpu, i: &Insn) -> R {
    sincdec_r(c, i, 1)
}

/// SQINC*/UQINC*/SQDEC*/UQDEC* Zdn.T{, pattern{, MUL #imm}}.
pub(crate) fn sincdec_v(c: &mut Cpu, i: &Insn) -> R {
    let [size, imm4, d, u, pattern, zdn, ..] = i.f;
    c.check_sve()?;
    if size == 0 {
        return Err(undef());
    }
    let n = elem_count(c, size, pattern, imm4) as i128;
    let delta = if d == 1 { -n } else { n };
    by_size!(size, sat_all(c, zdn, delta, u == 1));
    Ok(())
}

/// ADDVL Xd|SP, Xn|SP, #imm.
pub(crate) fn addvl(c: &mut Cpu, i: &Insn) -> R {
    let [rn, _imm, rd, ..] = i.f;
    c.check_sve()?;
    let imm = i.s(1);
    let r =
        c.s.xsp(rn)
            .wrapping_add((imm as u64).wrapping_mul(c.vl() as u64));
    c.s.set_xsp(rd, r);
    Ok(())
}

/// ADDPL Xd|SP, Xn|SP, #imm.
pub(crate) fn addpl(c: &mut Cpu, i: &Insn) -> R {
    let [rn, _imm, rd, ..] = i.f;
    c.check_sve()?;
    let imm = i.s(1);
    let pl = (c.vl() / 8) as u64;
    let r = c.s.xsp(rn).wrapping_add((imm as u64).wrapping_mul(pl));
    c.s.set_xsp(rd, r);
    Ok(())
}

/// RDVL Xd, #imm.
pub(crate) fn rdvl(c: &mut Cpu, i: &Insn) -> R {
    let [imm, rd, ..] = i.f;
    c.check_sve()?;
    let r = (imm as i32 as i64 as u64).wrapping_mul(c.vl() as u64);
    c.s.set_xr(rd, r);
    Ok(())
}
