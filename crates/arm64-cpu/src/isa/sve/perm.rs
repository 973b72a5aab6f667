//! SVE moves and permutes: DUP/CPY/FDUP/FCPY, SEL, INSR, LASTA/LASTB/CLASTA/CLASTB,
//! SPLICE, COMPACT, EXT, TBL, REV, ZIP/UZP/TRN (vectors and predicates), the unpacks.

use super::core::*;
use crate::cpu::Cpu;
use crate::decode::Insn;

fn splat_t<T: Elem>(c: &mut Cpu, zd: u32, v: u64) {
    let n = lanes::<T>(c);
    let mut d = [0u8; 256];
    let x = T::fu(v);
    for e in 0..n {
        T::set(&mut d, e, x);
    }
    wz(c, zd, &d);
}

/// DUP Zd.T, <R>n|SP.
pub(crate) fn dup_s(c: &mut Cpu, i: &Insn) -> R {
    let [size, rn, zd, ..] = i.f;
    c.check_sve()?;
    let v = c.s.xsp(rn);
    by_size!(size, splat_t(c, zd, v));
    Ok(())
}

/// DUP Zd.T, #imm{, LSL #8}.
pub(crate) fn dup_i(c: &mut Cpu, i: &Insn) -> R {
    let [size, sh, imm8, zd, ..] = i.f;
    c.check_sve()?;
    if size == 0 && sh == 1 {
        return Err(undef());
    }
    let v = ((imm8 as u8 as i8 as i64) << (8 * sh)) as u64;
    by_size!(size, splat_t(c, zd, v));
    Ok(())
}

/// FDUP Zd.T, #fpimm.
pub(crate) fn fdup(c: &mut Cpu, i: &Insn) -> R {
    let [size, imm8, zd, ..] = i.f;
    c.check_sve()?;
    if size == 0 {
        return Err(undef());
    }
    let v = vfp_expand_imm(imm8, size);
    by_size!(size, splat_t(c, zd, v));
    Ok(())
}

/// DUP Zd.T, Zn.T[imm] (T up to Q).
pub(crate) fn dup_x(c: &mut Cpu, i: &Insn) -> R {
    let [imm2, tsz, zn, zd, ..] = i.f;
    c.check_sve()?;
    if tsz == 0 {
        return Err(undef());
    }
    let esz = tsz.trailing_zeros();
    let imm = imm2 << 5 | tsz;
    let idx = (imm >> (esz + 1)) as usize;
    let eb = 1usize << esz;
    let vl = c.vl();
    let a = zr(c, zn);
    let mut d = [0u8; 256];
    // An index beyond the vector length gives zero.
    if idx * eb < vl {
        let src = &a[idx * eb..idx * eb + eb];
        for chunk in d[..vl].chunks_exact_mut(eb) {
            chunk.copy_from_slice(src);
        }
    }
    wz(c, zd, &d);
    Ok(())
}

fn cpy_t<T: Elem>(c: &mut Cpu, pg: u32, zd: u32, v: u64, merge: bool) {
    let n = lanes::<T>(c);
    let p = pr(c, pg);
    let x = T::fu(v);
    let d = &mut c.s.z[zd as usize & 31].0;
    for e in 0..n {
        let old = if merge { T::get(d, e) } else { T::fu(0) };
        T::set(d, e, if act::<T>(&p, e) { x } else { old });
    }
}

/// CPY Zd.T, Pg/<Z|M>, #imm{, LSL #8}.
pub(crate) fn cpy_i(c: &mut Cpu, i: &Insn) -> R {
    let [size, pg, m, sh, imm8, zd, ..] = i.f;
    c.check_sve()?;
    if size == 0 && sh == 1 {
        return Err(undef());
    }
    let v = ((imm8 as u8 as i8 as i64) << (8 * sh)) as u64;
    by_size!(size, cpy_t(c, pg, zd, v, m == 1));
    zfix(c, zd);
    Ok(())
}

/// FCPY Zd.T, Pg/M, #fpimm.
pub(crate) fn fcpy(c: &mut Cpu, i: &Insn) -> R {
    let [size, pg, imm8, zd, ..] = i.f;
    c.check_sve()?;
    if size == 0 {
        return Err(undef());
    }
    let v = vfp_expand_imm(imm8, size);
    by_size!(size, cpy_t(c, pg, zd, v, true));
    zfix(c, zd);
    Ok(())
}

/// CPY Zd.T, Pg/M, <R>n|SP.
pub(crate) fn cpy_r(c: &mut Cpu, i: &Insn) -> R {
    let [size, pg, rn, zd, ..] = i.f;
    c.check_sve()?;
    let v = c.s.xsp(rn);
    by_size!(size, cpy_t(c, pg, zd, v, true));
    zfix(c, zd);
    Ok(())
}

/// CPY Zd.T, Pg/M, <V>n.
pub(crate) fn cpy_v(c: &mut Cpu, i: &Insn) -> R {
    let [size, pg, vn, zd, ..] = i.f;
    c.check_sve()?;
    let v = c.s.z[vn as usize & 31].d(0);
    by_size!(size, cpy_t(c, pg, zd, v, true));
    zfix(c, zd);
    Ok(())
}

fn sel_t<T: Elem>(c: &mut Cpu, zm: u32, pg: u32, zn: u32, zd: u32) {
    let n = lanes::<T>(c);
    let p = pr(c, pg);
    let a = zr(c, zn);
    let b = zr(c, zm);
    let mut d = [0u8; 256];
    for e in 0..n {
        let x = if act::<T>(&p, e) {
            T::get(&a, e)
        } else {
            T::get(&b, e)
        };
        T::set(&mut d, e, x);
    }
    wz(c, zd, &d);
}

/// SEL Zd.T, Pg, Zn.T, Zm.T.
pub(crate) fn sel_z(c: &mut Cpu, i: &Insn) -> R {
    let [size, zm, pg, zn, zd, ..] = i.f;
    c.check_sve()?;
    by_size!(size, sel_t(c, zm, pg, zn, zd));
    Ok(())
}

fn insr_t<T: Elem>(c: &mut Cpu, zdn: u32, v: u64) {
    let n = lanes::<T>(c);
    let a = zr(c, zdn);
    let mut d = [0u8; 256];
    T::set(&mut d, 0, T::fu(v));
    for e in 1..n {
        T::set(&mut d, e, T::get(&a, e - 1));
    }
    wz(c, zdn, &d);
}

/// INSR Zdn.T, <R>m.
pub(crate) fn insr_r(c: &mut Cpu, i: &Insn) -> R {
    let [size, rm, zdn, ..] = i.f;
    c.check_sve()?;
    let v = c.s.xr(rm);
    by_size!(size, insr_t(c, zdn, v));
    Ok(())
}

/// INSR Zdn.T, <V>m.
pub(crate) fn insr_v(c: &mut Cpu, i: &Insn) -> R {
    let [size, vm, zdn, ..] = i.f;
    c.check_sve()?;
    let v = c.s.z[vm as usize & 31].d(0);
    by_size!(size, insr_t(c, zdn, v));
    Ok(())
}

/// Index of the last active element of `g` at `esz`, if any.
fn last_active(vl: usize, g: &Pb, esz: u32) -> Option<usize> {
    (0..vl >> esz).rev().find(|&e| act_e(g, esz, e))
}

/// The element LASTA/LASTB/CLASTA/CLASTB select: `None` when no element is active
/// (for CLAST*; LAST* then use element 0 or the last element).
fn last_index(vl: usize, g: &Pb, esz: u32, b: bool) -> (Option<usize>, usize) {
    let elements = vl >> esz;
    match last_active(vl, g, esz) {
        Some(l) => {
            let idx = if b {
                l
            } else if l + 1 >= elements {
                0
            } else {
                l + 1
            };
            (Some(l), idx)
        }
        None => (None, if b { elements - 1 } else { 0 }),
    }
}

fn elem_u64(z: &Zb, esz: u32, idx: usize) -> u64 {
    by_size!(esz, get_u(z, idx))
}

fn get_u<T: Elem>(z: &Zb, idx: usize) -> u64 {
    T::get(z, idx).u()
}

/// LASTA/LASTB <R>d, Pg, Zn.T.
pub(crate) fn last_r(c: &mut Cpu, i: &Insn) -> R {
    let [size, b, pg, zn, rd, ..] = i.f;
    c.check_sve()?;
    let (_, idx) = last_index(c.vl(), &pr(c, pg), size, b == 1);
    let v = elem_u64(&zr(c, zn), size, idx);
    c.s.set_xr(rd, v);
    Ok(())
}

/// LASTA/LASTB <V>d, Pg, Zn.T.
pub(crate) fn last_v(c: &mut Cpu, i: &Insn) -> R {
    let [size, b, pg, zn, vd, ..] = i.f;
    c.check_sve()?;
    let (_, idx) = last_index(c.vl(), &pr(c, pg), size, b == 1);
    let v = elem_u64(&zr(c, zn), size, idx);
    c.s.set_v(vd, v as u128);
    Ok(())
}

/// Mask of the low bits of an element of `esz`.
fn emask(esz: u32) -> u64 {
    u64::MAX >> (64 - (8u32 << (esz & 3)))
}

/// CLASTA/CLASTB <R>dn, Pg, <R>dn, Zm.T.
pub(crate) fn clast_r(c: &mut Cpu, i: &Insn) -> R {
    let [size, b, pg, zm, rdn, ..] = i.f;
    c.check_sve()?;
    let (l, idx) = last_index(c.vl(), &pr(c, pg), size, b == 1);
    let v = match l {
        Some(_) => elem_u64(&zr(c, zm), size, idx),
        // No active element: the low element-size bits of Rdn, zero-extended.
        None => c.s.xr(rdn) & emask(size),
    };
    c.s.set_xr(rdn, v);
    Ok(())
}

/// CLASTA/CLASTB <V>dn, Pg, <V>dn, Zm.T.
pub(crate) fn clast_v(c: &mut Cpu, i: &Insn) -> R {
    let [size, b, pg, zm, vdn, ..] = i.f;
    c.check_sve()?;
    let (l, idx) = last_index(c.vl(), &pr(c, pg), size, b == 1);
    let v = match l {
        Some(_) => elem_u64(&zr(c, zm), size, idx),
        None => c.s.z[vdn as usize & 31].d(0) & emask(size),
    };
    c.s.set_v(vdn, v as u128);
    Ok(())
}

/// CLASTA/CLASTB Zdn.T, Pg, Zdn.T, Zm.T.
pub(crate) fn clast_z(c: &mut Cpu, i: &Insn) -> R {
    let [size, b, pg, zm, zdn, ..] = i.f;
    c.check_sve()?;
    let (l, idx) = last_index(c.vl(), &pr(c, pg), size, b == 1);
    if l.is_some() {
        let v = elem_u64(&zr(c, zm), size, idx);
        by_size!(size, splat_t(c, zdn, v));
    } else {
        zfix(c, zdn);
    }
    Ok(())
}

/// SPLICE Zdn.T, Pg, Zdn.T, Zm.T (bytewise: element size only sets the boundaries).
pub(crate) fn splice(c: &mut Cpu, i: &Insn) -> R {
    let [size, pg, zm, zdn, ..] = i.f;
    c.check_sve()?;
    let vl = c.vl();
    let g = pr(c, pg);
    let a = zr(c, zdn);
    let b = zr(c, zm);
    let eb = 1usize << size;
    let mut d = [0u8; 256];
    let mut x = 0usize;
    if let (Some(f), Some(l)) = (first_active(vl, &g, size), last_active(vl, &g, size)) {
        let (s, e) = (f * eb, (l + 1) * eb);
        d[..e - s].copy_from_slice(&a[s..e]);
        x = e - s;
    }
    d[x..vl].copy_from_slice(&b[..vl - x]);
    wz(c, zdn, &d);
    Ok(())
}

fn first_active(vl: usize, g: &Pb, esz: u32) -> Option<usize> {
    (0..vl >> esz).find(|&e| act_e(g, esz, e))
}

fn compact_t<T: Elem>(c: &mut Cpu, pg: u32, zn: u32, zd: u32) {
    let n = lanes::<T>(c);
    let g = pr(c, pg);
    let a = zr(c, zn);
    let mut d = [0u8; 256];
    let mut x = 0;
    for e in 0..n {
        if act::<T>(&g, e) {
            T::set(&mut d, x, T::get(&a, e));
            x += 1;
        }
    }
    wz(c, zd, &d);
}

/// COMPACT Zd.T, Pg, Zn.T (.S and .D).
pub(crate) fn compact(c: &mut Cpu, i: &Insn) -> R {
    let [size, pg, zn, zd, ..] = i.f;
    c.check_sve()?;
    match size {
        2 => compact_t::<u32>(c, pg, zn, zd),
        3 => compact_t::<u64>(c, pg, zn, zd),
        _ => return Err(undef()),
    }
    Ok(())
}

/// EXT Zdn.B, Zdn.B, Zm.B, #imm.
pub(crate) fn ext(c: &mut Cpu, i: &Insn) -> R {
    let [hi, lo, zm, zdn, ..] = i.f;
    c.check_sve()?;
    let vl = c.vl();
    let mut pos = (hi << 3 | lo) as usize;
    // An offset at or beyond the vector length is treated as zero.
    if pos >= vl {
        pos = 0;
    }
    let a = zr(c, zdn);
    let b = zr(c, zm);
    let mut d = [0u8; 256];
    d[..vl - pos].copy_from_slice(&a[pos..vl]);
    d[vl - pos..vl].copy_from_slice(&b[..pos]);
    wz(c, zdn, &d);
    Ok(())
}

fn tbl_t<T: Elem>(c: &mut Cpu, zm: u32, zn: u32, zd: u32) {
    let n = lanes::<T>(c);
    let a = zr(c, zn);
    let b = zr(c, zm);
    let mut d = [0u8; 256];
    for e in 0..n {
        let idx = T::get(&b, e).u();
        let v = if idx < n as u64 {
            T::get(&a, idx as usize)
        } else {
            T::fu(0)
        };
        T::set(&mut d, e, v);
    }
    wz(c, zd, &d);
}

/// TBL Zd.T, { Zn.T }, Zm.T.
pub(crate) fn tbl(c: &mut Cpu, i: &Insn) -> R {
    let [size, zm, zn, zd, ..] = i.f;
    c.check_sve()?;
    by_size!(size, tbl_t(c, zm, zn, zd));
    Ok(())
}

fn rev_t<T: Elem>(c: &mut Cpu, zn: u32, zd: u32) {
    let n = lanes::<T>(c);
    let a = zr(c, zn);
    let mut d = [0u8; 256];
    for e in 0..n {
        T::set(&mut d, e, T::get(&a, n - 1 - e));
    }
    wz(c, zd, &d);
}

/// REV Zd.T, Zn.T.
pub(crate) fn rev_z(c: &mut Cpu, i: &Insn) -> R {
    let [size, zn, zd, ..] = i.f;
    c.check_sve()?;
    by_size!(size, rev_t(c, zn, zd));
    Ok(())
}

fn unpk_t<T: Elem, H: Elem>(c: &mut Cpu, zn: u32, zd: u32, signed: bool, hi: bool) {
    let n = lanes::<T>(c);
    let a = zr(c, zn);
    let base = if hi { n } else { 0 };
    let mut d = [0u8; 256];
    for e in 0..n {
        let h = H::get(&a, base + e);
        let v = if signed { h.s() as u64 } else { h.u() };
        T::set(&mut d, e, T::fu(v));
    }
    wz(c, zd, &d);
}

/// SUNPKLO/SUNPKHI/UUNPKLO/UUNPKHI Zd.T, Zn.Tb.
pub(crate) fn unpk(c: &mut Cpu, i: &Insn) -> R {
    let [size, u, h, zn, zd, ..] = i.f;
    c.check_sve()?;
    let (s, h) = (u == 0, h == 1);
    match size {
        1 => unpk_t::<u16, u8>(c, zn, zd, s, h),
        2 => unpk_t::<u32, u16>(c, zn, zd, s, h),
        3 => unpk_t::<u64, u32>(c, zn, zd, s, h),
        _ => return Err(undef()),
    }
    Ok(())
}

/// ZIP1/ZIP2/UZP1/UZP2/TRN1/TRN2 (vectors) as a const parameter.
pub(crate) const ZIP1: u8 = 0;
pub(crate) const ZIP2: u8 = 1;
pub(crate) const UZP1: u8 = 2;
pub(crate) const UZP2: u8 = 3;
pub(crate) const TRN1: u8 = 4;
pub(crate) const TRN2: u8 = 5;

/// Source of result element `e` for a permute: (from second operand, index).
#[inline(always)]
fn perm_src<const OP: u8>(e: usize, n: usize) -> (bool, usize) {
    match OP {
        ZIP1 | ZIP2 => {
            let base = if OP == ZIP2 { n / 2 } else { 0 };
            (e & 1 == 1, base + e / 2)
        }
        UZP1 | UZP2 => {
            let k = 2 * e + (OP == UZP2) as usize;
            (k >= n, k % n)
        }
        _ => {
            let part = (OP == TRN2) as usize;
            (e & 1 == 1, (e & !1) + part)
        }
    }
}

fn perm_t<T: Elem, const OP: u8>(c: &mut Cpu, zm: u32, zn: u32, zd: u32) {
    let n = lanes::<T>(c);
    let a = zr(c, zn);
    let b = zr(c, zm);
    let mut d = [0u8; 256];
    for e in 0..n {
        let (second, k) = perm_src::<OP>(e, n);
        let v = if second { T::get(&b, k) } else { T::get(&a, k) };
        T::set(&mut d, e, v);
    }
    wz(c, zd, &d);
}

/// ZIP1/ZIP2/UZP1/UZP2/TRN1/TRN2 Zd.T, Zn.T, Zm.T.
pub(crate) fn perm_z<const OP: u8>(c: &mut Cpu, i: &Insn) -> R {
    let [size, zm, zn, zd, ..] = i.f;
    c.check_sve()?;
    match size {
        0 => perm_t::<u8, OP>(c, zm, zn, zd),
        1 => perm_t::<u16, OP>(c, zm, zn, zd),
        2 => perm_t::<u32, OP>(c, zm, zn, zd),
        _ => perm_t::<u64, OP>(c, zm, zn, zd),
    }
    Ok(())
}

/// Predicate element `e` of `esz` (its 2^esz bits).
fn pget(p: &Pb, esz: u32, e: usize) -> u8 {
    let w = 1usize << esz;
    let mut v = 0u8;
    for k in 0..w {
        v |= (pbit(p, e * w + k) as u8) << k;
    }
    v
}

fn pput(p: &mut Pb, esz: u32, e: usize, v: u8) {
    let w = 1usize << esz;
    for k in 0..w {
        pset(p, e * w + k, (v >> k) & 1 != 0);
    }
}

/// ZIP1/ZIP2/UZP1/UZP2/TRN1/TRN2 Pd.T, Pn.T, Pm.T.
pub(crate) fn perm_p<const OP: u8>(c: &mut Cpu, i: &Insn) -> R {
    let [size, pm, pn, pd, ..] = i.f;
    c.check_sve()?;
    let n = c.vl() >> size;
    let a = pr(c, pn);
    let b = pr(c, pm);
    let mut r = [0u8; 32];
    for e in 0..n {
        let (second, k) = perm_src::<OP>(e, n);
        let v = pget(if second { &b } else { &a }, size, k);
        pput(&mut r, size, e, v);
    }
    wpr(c, pd, &r);
    Ok(())
}

/// REV Pd.T, Pn.T.
pub(crate) fn rev_p(c: &mut Cpu, i: &Insn) -> R {
    let [size, pn, pd, ..] = i.f;
    c.check_sve()?;
    let n = c.vl() >> size;
    let a = pr(c, pn);
    let mut r = [0u8; 32];
    for e in 0..n {
        pput(&mut r, size, e, pget(&a, size, n - 1 - e));
    }
    wpr(c, pd, &r);
    Ok(())
}

/// PUNPKLO/PUNPKHI Pd.H, Pn.B.
pub(crate) fn punpk(c: &mut Cpu, i: &Insn) -> R {
    let [h, pn, pd, ..] = i.f;
    c.check_sve()?;
    let n = c.vl() / 2;
    let a = pr(c, pn);
    let base = if h == 1 { n } else { 0 };
    let mut r = [0u8; 32];
    for e in 0..n {
        pset(&mut r, 2 * e, pbit(&a, base + e));
    }
    wpr(c, pd, &r);
    Ok(())
}
