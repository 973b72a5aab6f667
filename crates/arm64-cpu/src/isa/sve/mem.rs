//! SVE loads and stores: contiguous (LD1*/ST1*, non-temporal, first-fault, non-fault),
//! structures (LD2-LD4/ST2-ST4), broadcasts (LD1R*, LD1RQ*), gathers and scatters,
//! LDR/STR of Z and P, and the prefetches (no-ops).
//!
//! Every access goes through the CPU's memory accessors, so an access outside RAM is
//! an MMIO exit and the instruction replays afterwards: all loads complete into local
//! buffers before any register is written.
//!
//! First-fault and non-fault loads treat an element that is not RAM as faulting (they
//! never perform MMIO speculatively). The destination elements from the faulting one
//! on are UNKNOWN in the architecture; this CPU writes zero there.

use super::core::*;
use crate::cpu::{Cpu, Stop};
use crate::decode::Insn;
use crate::mem::Acc;
use crate::state::ZREG_BYTES;

/// Largest memory image of one instruction: LD4 of 2048-bit vectors.
const MAX_BYTES: usize = 4 * ZREG_BYTES;

/// How faults are handled.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Normal,
    FirstFault,
    NonFault,
}

/// Reads `len` bytes at `va` (RAM or MMIO).
fn read_elem(c: &mut Cpu, va: u64, len: usize) -> Result<u64, Stop> {
    c.read_mem(va, len)
}

/// Would an access of `len` bytes at `va` fault for a first-fault/non-fault load?
fn would_fault(c: &Cpu, va: u64, len: usize) -> bool {
    match c.translate(va, Acc::Read) {
        Ok(pa) => !c.is_ram(pa, len),
        Err(_) => true,
    }
}

/// Extends the `mbytes`-byte value `v` (sign-extending when `signed`).
#[inline(always)]
fn extend(v: u64, mbytes: usize, signed: bool) -> u64 {
    if signed && mbytes < 8 {
        let sh = 64 - 8 * mbytes as u32;
        (((v << sh) as i64) >> sh) as u64
    } else {
        v
    }
}

/// Writes element `e` (of `ebytes`) of `z` with the low bytes of `v`.
#[inline(always)]
fn put(z: &mut Zb, ebytes: usize, e: usize, v: u64) {
    let o = e * ebytes;
    if o + ebytes <= ZREG_BYTES {
        z[o..o + ebytes].copy_from_slice(&v.to_le_bytes()[..ebytes]);
    }
}

/// Reads element `e` (of `ebytes`) of `z`.
#[inline(always)]
fn take(z: &Zb, ebytes: usize, e: usize) -> u64 {
    let o = e * ebytes;
    let mut b = [0u8; 8];
    if o + ebytes <= ZREG_BYTES {
        b[..ebytes].copy_from_slice(&z[o..o + ebytes]);
    }
    u64::from_le_bytes(b)
}

/// The LD1 `dtype` table: (msz, esz, signed).
fn dtype(d: u32) -> (u32, u32, bool) {
    let hi = d >> 2;
    let lo = d & 3;
    if hi <= lo {
        (hi, lo, false)
    } else {
        (3 - hi, 3 - lo, true)
    }
}

/// A contiguous (multi-)register load: `nreg` registers from `zt`, element e of
/// register r at `addr + (e * nreg + r) * mbytes`.
#[allow(clippy::too_many_arguments)]
fn load_contig(
    c: &mut Cpu,
    zt: u32,
    pg: u32,
    addr: u64,
    msz: u32,
    esz: u32,
    signed: bool,
    nreg: usize,
    mode: Mode,
) -> R {
    let vl = c.vl();
    let ebytes = 1usize << esz;
    let mbytes = 1usize << msz;
    let elements = vl / ebytes;
    let g = pr(c, pg);
    let total = elements * nreg * mbytes;
    if nreg == 1 && !would_fault(c, addr, total.max(1)) {
        // The common case, one register and all of it RAM: no element can fault (so
        // first-fault and non-fault loads load everything too), and reading the
        // inactive elements' bytes has no effect, so the span is read at once.
        let mut raw = [0u8; ZREG_BYTES];
        c.read_bytes(addr, &mut raw[..total.min(ZREG_BYTES)])?;
        let mut z = [0u8; ZREG_BYTES];
        unpack(&raw, &mut z, &g, elements, mbytes, ebytes, signed);
        wz(c, zt, &z);
        return Ok(());
    }
    let mut raw = [0u8; MAX_BYTES];
    // Index of the first element that faulted (FF/NF), per element number.
    let mut fault_at = elements;
    // Fast path: the whole span is RAM, so reading it all has no side effect.
    let span_ram = !would_fault(c, addr, total.max(1));
    if span_ram && mode == Mode::Normal {
        c.read_bytes(addr, &mut raw[..total])?;
    } else {
        let mut first = true;
        'outer: for e in 0..elements {
            if !act_e(&g, esz, e) {
                continue;
            }
            for r in 0..nreg {
                let k = e * nreg + r;
                let va = addr.wrapping_add((k * mbytes) as u64);
                let check = match mode {
                    Mode::Normal => false,
                    Mode::FirstFault => !first,
                    Mode::NonFault => true,
                };
                if check && would_fault(c, va, mbytes) {
                    fault_at = e;
                    break 'outer;
                }
                let v = read_elem(c, va, mbytes)?;
                raw[k * mbytes..k * mbytes + mbytes].copy_from_slice(&v.to_le_bytes()[..mbytes]);
            }
            first = false;
        }
    }
    for r in 0..nreg {
        let mut z = [0u8; ZREG_BYTES];
        for e in 0..elements.min(fault_at) {
            if act_e(&g, esz, e) {
                let k = e * nreg + r;
                let v = take_raw(&raw, k * mbytes, mbytes);
                put(&mut z, ebytes, e, extend(v, mbytes, signed));
            }
        }
        wz(c, (zt + r as u32) % 32, &z);
    }
    if fault_at < elements {
        clear_ffr_from(c, fault_at << esz);
    }
    Ok(())
}

/// The `N` bytes at `off` of `b`, little-endian (0 past the end).
#[inline(always)]
fn get_n<const N: usize>(b: &[u8], off: usize) -> u64 {
    let mut x = [0u8; 8];
    if let Some(s) = b.get(off..off + N) {
        x[..N].copy_from_slice(s);
    }
    u64::from_le_bytes(x)
}

/// Writes the low `N` bytes of `v` at `off` of `b` (nothing past the end).
#[inline(always)]
fn set_n<const N: usize>(b: &mut [u8], off: usize, v: u64) {
    if let Some(s) = b.get_mut(off..off + N) {
        s.copy_from_slice(&v.to_le_bytes()[..N]);
    }
}

/// Is every element below `elements` (of `ebytes`) active in `g`?
#[inline]
fn all_active(g: &Pb, ebytes: usize, elements: usize) -> bool {
    let lim = vl_words(elements * ebytes);
    let eb = elem_bits(ebytes.trailing_zeros());
    let w = pw(g);
    (0..4).all(|k| w[k] & eb & lim[k] == eb & lim[k])
}

/// Zeroes the bytes of the inactive elements of `z` below `len`.
#[inline]
fn zero_inactive(z: &mut Zb, g: &Pb, ebytes: usize, len: usize) {
    let emask = !(ebytes - 1);
    for (i, b) in z.iter_mut().enumerate().take(len) {
        if !pbit(g, i & emask) {
            *b = 0;
        }
    }
}

/// `elements` memory elements of `M` bytes, packed in `raw`, into register elements
/// of `E` bytes (extended), the inactive ones zero.
#[inline(always)]
fn unpack_n<const M: usize, const E: usize>(
    raw: &Zb,
    z: &mut Zb,
    g: &Pb,
    elements: usize,
    signed: bool,
) {
    for e in 0..elements {
        if pbit(g, e * E) {
            set_n::<E>(z, e * E, extend(get_n::<M>(raw, e * M), M, signed));
        }
    }
}

/// The register image of a one-register contiguous load from the bytes read.
fn unpack(
    raw: &Zb,
    z: &mut Zb,
    g: &Pb,
    elements: usize,
    mbytes: usize,
    ebytes: usize,
    signed: bool,
) {
    match (mbytes, ebytes) {
        (1, 2) => unpack_n::<1, 2>(raw, z, g, elements, signed),
        (1, 4) => unpack_n::<1, 4>(raw, z, g, elements, signed),
        (1, 8) => unpack_n::<1, 8>(raw, z, g, elements, signed),
        (2, 4) => unpack_n::<2, 4>(raw, z, g, elements, signed),
        (2, 8) => unpack_n::<2, 8>(raw, z, g, elements, signed),
        (4, 8) => unpack_n::<4, 8>(raw, z, g, elements, signed),
        _ => {
            // Same sizes: a copy, then the inactive elements are zeroed.
            let len = (elements * ebytes).min(ZREG_BYTES);
            z[..len].copy_from_slice(&raw[..len]);
            if !all_active(g, ebytes, elements) {
                zero_inactive(z, g, ebytes, len);
            }
        }
    }
}

/// The memory image of a one-register contiguous store (register elements of `E`
/// bytes truncated to `M`), all elements.
#[inline(always)]
fn pack_n<const M: usize, const E: usize>(z: &Zb, raw: &mut Zb, elements: usize) {
    for e in 0..elements {
        set_n::<M>(raw, e * M, get_n::<E>(z, e * E));
    }
}

fn pack(z: &Zb, raw: &mut Zb, elements: usize, mbytes: usize, ebytes: usize) {
    match (mbytes, ebytes) {
        (1, 2) => pack_n::<1, 2>(z, raw, elements),
        (1, 4) => pack_n::<1, 4>(z, raw, elements),
        (1, 8) => pack_n::<1, 8>(z, raw, elements),
        (2, 4) => pack_n::<2, 4>(z, raw, elements),
        (2, 8) => pack_n::<2, 8>(z, raw, elements),
        (4, 8) => pack_n::<4, 8>(z, raw, elements),
        _ => {
            let len = (elements * ebytes).min(ZREG_BYTES);
            raw[..len].copy_from_slice(&z[..len]);
        }
    }
}

fn take_raw(raw: &[u8; MAX_BYTES], off: usize, n: usize) -> u64 {
    let mut b = [0u8; 8];
    if off + n <= MAX_BYTES {
        b[..n].copy_from_slice(&raw[off..off + n]);
    }
    u64::from_le_bytes(b)
}

/// Clears FFR bits from predicate bit `bit` upwards.
fn clear_ffr_from(c: &mut Cpu, bit: usize) {
    let mut f = c.s.ffr;
    for b in bit..8 * f.len() {
        pset(&mut f, b, false);
    }
    c.s.ffr = f;
}

/// A contiguous (multi-)register store, the layout of [`load_contig`].
#[allow(clippy::too_many_arguments)]
fn store_contig(c: &mut Cpu, zt: u32, pg: u32, addr: u64, msz: u32, esz: u32, nreg: usize) -> R {
    let vl = c.vl();
    let ebytes = 1usize << esz;
    let mbytes = 1usize << msz;
    let elements = vl / ebytes;
    let g = pr(c, pg);
    let total = elements * nreg * mbytes;
    if nreg == 1 && msz <= esz && !would_fault(c, addr, total.max(1)) {
        // One register, all of it RAM: the active elements are written in runs of
        // consecutive ones (the whole vector when every element is active), each
        // run as one copy, as the all-active case always was.
        let mut raw = [0u8; ZREG_BYTES];
        pack(
            &c.s.z[zt as usize & 31].0,
            &mut raw,
            elements,
            mbytes,
            ebytes,
        );
        if all_active(&g, ebytes, elements) {
            return c.write_bytes(addr, &raw[..total.min(ZREG_BYTES)]);
        }
        let mut e = 0;
        while e < elements {
            if !act_e(&g, esz, e) {
                e += 1;
                continue;
            }
            let start = e;
            while e < elements && act_e(&g, esz, e) {
                e += 1;
            }
            let (lo, hi) = (
                (start * mbytes).min(ZREG_BYTES),
                (e * mbytes).min(ZREG_BYTES),
            );
            c.write_bytes(addr.wrapping_add(lo as u64), &raw[lo..hi])?;
        }
        return Ok(());
    }
    let regs: [Zb; 4] = [
        zr(c, zt),
        zr(c, (zt + 1) % 32),
        zr(c, (zt + 2) % 32),
        zr(c, (zt + 3) % 32),
    ];
    let all = (0..elements).all(|e| act_e(&g, esz, e));
    if all && !would_fault(c, addr, total.max(1)) {
        let mut raw = [0u8; MAX_BYTES];
        for e in 0..elements {
            for (r, z) in regs.iter().enumerate().take(nreg) {
                let k = e * nreg + r;
                let v = take(z, ebytes, e);
                raw[k * mbytes..k * mbytes + mbytes].copy_from_slice(&v.to_le_bytes()[..mbytes]);
            }
        }
        return c.write_bytes(addr, &raw[..total]);
    }
    for e in 0..elements {
        if !act_e(&g, esz, e) {
            continue;
        }
        for (r, z) in regs.iter().enumerate().take(nreg) {
            let k = e * nreg + r;
            let va = addr.wrapping_add((k * mbytes) as u64);
            c.write_mem(va, mbytes, take(z, ebytes, e))?;
        }
    }
    Ok(())
}

/// The "MUL VL" offset of a scalar-plus-immediate form: imm × the bytes one
/// instruction transfers per register... times `nreg`.
fn mul_vl(c: &Cpu, imm: i64, esz: u32, msz: u32, nreg: usize) -> u64 {
    let elements = (c.vl() >> esz) as i64;
    (imm * elements * (1i64 << msz) * nreg as i64) as u64
}

// ---------------------------------------------------------------- contiguous loads

/// LD1{B,H,W,D,SB,SH,SW} { Zt.T }, Pg/Z, [Xn|SP, Xm, LSL #msz].
pub(crate) fn ld1_rr(c: &mut Cpu, i: &Insn) -> R {
    let [dt, rm, pg, rn, zt, ..] = i.f;
    c.check_sve()?;
    // Xm = 31 is reserved for these forms (only LDFF1 takes XZR).
    if rm == 31 {
        return Err(undef());
    }
    let (msz, esz, s) = dtype(dt);
    let addr = c.s.xsp(rn).wrapping_add(c.s.xr(rm) << msz);
    load_contig(c, zt, pg, addr, msz, esz, s, 1, Mode::Normal)
}

/// LDFF1* { Zt.T }, Pg/Z, [Xn|SP{, Xm, LSL #msz}].
pub(crate) fn ldff1_rr(c: &mut Cpu, i: &Insn) -> R {
    let [dt, rm, pg, rn, zt, ..] = i.f;
    c.check_sve()?;
    let (msz, esz, s) = dtype(dt);
    let addr = c.s.xsp(rn).wrapping_add(c.s.xr(rm) << msz);
    load_contig(c, zt, pg, addr, msz, esz, s, 1, Mode::FirstFault)
}

/// LD1* { Zt.T }, Pg/Z, [Xn|SP{, #imm, MUL VL}].
pub(crate) fn ld1_ri(c: &mut Cpu, i: &Insn) -> R {
    let [dt, _imm, pg, rn, zt, ..] = i.f;
    c.check_sve()?;
    let (msz, esz, s) = dtype(dt);
    let addr = c.s.xsp(rn).wrapping_add(mul_vl(c, i.s(1), esz, msz, 1));
    load_contig(c, zt, pg, addr, msz, esz, s, 1, Mode::Normal)
}

/// LDNF1* { Zt.T }, Pg/Z, [Xn|SP{, #imm, MUL VL}].
pub(crate) fn ldnf1_ri(c: &mut Cpu, i: &Insn) -> R {
    let [dt, _imm, pg, rn, zt, ..] = i.f;
    c.check_sve()?;
    let (msz, esz, s) = dtype(dt);
    let addr = c.s.xsp(rn).wrapping_add(mul_vl(c, i.s(1), esz, msz, 1));
    load_contig(c, zt, pg, addr, msz, esz, s, 1, Mode::NonFault)
}

/// LDNT1* / LD2*-LD4* { Zt.T, ... }, Pg/Z, [Xn|SP, Xm, LSL #msz] (nreg 0 = LDNT1).
pub(crate) fn ldn_rr(c: &mut Cpu, i: &Insn) -> R {
    let [msz, nreg, rm, pg, rn, zt, ..] = i.f;
    c.check_sve()?;
    // Xm = 31 is reserved for these forms (only LDFF1 takes XZR).
    if rm == 31 {
        return Err(undef());
    }
    let addr = c.s.xsp(rn).wrapping_add(c.s.xr(rm) << msz);
    load_contig(
        c,
        zt,
        pg,
        addr,
        msz,
        msz,
        false,
        nreg as usize + 1,
        Mode::Normal,
    )
}

/// LDNT1* / LD2*-LD4* { Zt.T, ... }, Pg/Z, [Xn|SP{, #imm, MUL VL}].
pub(crate) fn ldn_ri(c: &mut Cpu, i: &Insn) -> R {
    let [msz, nreg, _imm, pg, rn, zt, ..] = i.f;
    c.check_sve()?;
    let n = nreg as usize + 1;
    let addr = c.s.xsp(rn).wrapping_add(mul_vl(c, i.s(2), msz, msz, n));
    load_contig(c, zt, pg, addr, msz, msz, false, n, Mode::Normal)
}

/// LD1R{B,H,W,D,SB,SH,SW} { Zt.T }, Pg/Z, [Xn|SP{, #imm}].
pub(crate) fn ld1r(c: &mut Cpu, i: &Insn) -> R {
    let [dth, imm, dtl, pg, rn, zt, ..] = i.f;
    c.check_sve()?;
    let (msz, esz, s) = dtype(dth << 2 | dtl);
    let ebytes = 1usize << esz;
    let mbytes = 1usize << msz;
    let vl = c.vl();
    let g = pr(c, pg);
    let any = (0..vl / ebytes).any(|e| act_e(&g, esz, e));
    // No element active: no access at all.
    let v = if any {
        let addr = c.s.xsp(rn).wrapping_add((imm as u64) << msz);
        extend(read_elem(c, addr, mbytes)?, mbytes, s)
    } else {
        0
    };
    let mut z = [0u8; ZREG_BYTES];
    for e in 0..vl / ebytes {
        if act_e(&g, esz, e) {
            put(&mut z, ebytes, e, v);
        }
    }
    wz(c, zt, &z);
    Ok(())
}

/// LD1RQ* with the quadword at `addr`: the first 128 bits, predicated by Pg's first
/// segment, replicated over the vector.
fn ld1rq(c: &mut Cpu, zt: u32, pg: u32, addr: u64, msz: u32) -> R {
    let ebytes = 1usize << msz;
    let g = pr(c, pg);
    let mut q = [0u8; 16];
    let all = (0..16 / ebytes).all(|e| act_e(&g, msz, e));
    if all {
        c.read_bytes(addr, &mut q)?;
    } else {
        for e in 0..16 / ebytes {
            if act_e(&g, msz, e) {
                let v = read_elem(c, addr.wrapping_add((e * ebytes) as u64), ebytes)?;
                q[e * ebytes..e * ebytes + ebytes].copy_from_slice(&v.to_le_bytes()[..ebytes]);
            }
        }
    }
    let vl = c.vl();
    let mut z = [0u8; ZREG_BYTES];
    for seg in z[..vl].chunks_exact_mut(16) {
        seg.copy_from_slice(&q);
    }
    wz(c, zt, &z);
    Ok(())
}

/// LD1RQ{B,H,W,D} { Zt.T }, Pg/Z, [Xn|SP, Xm, LSL #msz].
pub(crate) fn ld1rq_rr(c: &mut Cpu, i: &Insn) -> R {
    let [msz, rm, pg, rn, zt, ..] = i.f;
    c.check_sve()?;
    // Xm = 31 is reserved for these forms (only LDFF1 takes XZR).
    if rm == 31 {
        return Err(undef());
    }
    let addr = c.s.xsp(rn).wrapping_add(c.s.xr(rm) << msz);
    ld1rq(c, zt, pg, addr, msz)
}

/// LD1RQ{B,H,W,D} { Zt.T }, Pg/Z, [Xn|SP{, #imm}] (imm a multiple of 16).
pub(crate) fn ld1rq_ri(c: &mut Cpu, i: &Insn) -> R {
    let [msz, _imm, pg, rn, zt, ..] = i.f;
    c.check_sve()?;
    let addr = c.s.xsp(rn).wrapping_add((i.s(1) * 16) as u64);
    ld1rq(c, zt, pg, addr, msz)
}

// ---------------------------------------------------------------- LDR/STR

/// LDR Zt, [Xn|SP{, #imm, MUL VL}].
pub(crate) fn ldr_z(c: &mut Cpu, i: &Insn) -> R {
    let [hi, lo, rn, zt, ..] = i.f;
    c.check_sve()?;
    let vl = c.vl();
    let imm = ((hi << 3 | lo) as i32) << 23 >> 23;
    let addr = c.s.xsp(rn).wrapping_add((imm as i64 * vl as i64) as u64);
    let mut z = [0u8; ZREG_BYTES];
    c.read_bytes(addr, &mut z[..vl])?;
    wz(c, zt, &z);
    Ok(())
}

/// LDR Pt, [Xn|SP{, #imm, MUL VL}].
pub(crate) fn ldr_p(c: &mut Cpu, i: &Insn) -> R {
    let [hi, lo, rn, pt, ..] = i.f;
    c.check_sve()?;
    let pl = c.vl() / 8;
    let imm = ((hi << 3 | lo) as i32) << 23 >> 23;
    let addr = c.s.xsp(rn).wrapping_add((imm as i64 * pl as i64) as u64);
    let mut p = [0u8; 32];
    c.read_bytes(addr, &mut p[..pl])?;
    wpr(c, pt, &p);
    Ok(())
}

/// STR Zt, [Xn|SP{, #imm, MUL VL}].
pub(crate) fn str_z(c: &mut Cpu, i: &Insn) -> R {
    let [hi, lo, rn, zt, ..] = i.f;
    c.check_sve()?;
    let vl = c.vl();
    let imm = ((hi << 3 | lo) as i32) << 23 >> 23;
    let addr = c.s.xsp(rn).wrapping_add((imm as i64 * vl as i64) as u64);
    let z = zr(c, zt);
    c.write_bytes(addr, &z[..vl])
}

/// STR Pt, [Xn|SP{, #imm, MUL VL}].
pub(crate) fn str_p(c: &mut Cpu, i: &Insn) -> R {
    let [hi, lo, rn, pt, ..] = i.f;
    c.check_sve()?;
    let pl = c.vl() / 8;
    let imm = ((hi << 3 | lo) as i32) << 23 >> 23;
    let addr = c.s.xsp(rn).wrapping_add((imm as i64 * pl as i64) as u64);
    let p = pr(c, pt);
    c.write_bytes(addr, &p[..pl])
}

// ---------------------------------------------------------------- contiguous stores

/// ST1{B,H,W,D} { Zt.T }, Pg, [Xn|SP, Xm, LSL #msz].
pub(crate) fn st1_rr(c: &mut Cpu, i: &Insn) -> R {
    let [msz, esz, rm, pg, rn, zt, ..] = i.f;
    c.check_sve()?;
    // Xm = 31 is reserved for these forms (only LDFF1 takes XZR).
    if rm == 31 {
        return Err(undef());
    }
    if esz < msz {
        return Err(undef());
    }
    let addr = c.s.xsp(rn).wrapping_add(c.s.xr(rm) << msz);
    store_contig(c, zt, pg, addr, msz, esz, 1)
}

/// ST1{B,H,W,D} { Zt.T }, Pg, [Xn|SP{, #imm, MUL VL}].
pub(crate) fn st1_ri(c: &mut Cpu, i: &Insn) -> R {
    let [msz, esz, _imm, pg, rn, zt, ..] = i.f;
    c.check_sve()?;
    if esz < msz {
        return Err(undef());
    }
    let addr = c.s.xsp(rn).wrapping_add(mul_vl(c, i.s(2), esz, msz, 1));
    store_contig(c, zt, pg, addr, msz, esz, 1)
}

/// STNT1* / ST2*-ST4* { Zt.T, ... }, Pg, [Xn|SP, Xm, LSL #msz].
pub(crate) fn stn_rr(c: &mut Cpu, i: &Insn) -> R {
    let [msz, nreg, rm, pg, rn, zt, ..] = i.f;
    c.check_sve()?;
    // Xm = 31 is reserved for these forms (only LDFF1 takes XZR).
    if rm == 31 {
        return Err(undef());
    }
    let addr = c.s.xsp(rn).wrapping_add(c.s.xr(rm) << msz);
    store_contig(c, zt, pg, addr, msz, msz, nreg as usize + 1)
}

/// STNT1* / ST2*-ST4* { Zt.T, ... }, Pg, [Xn|SP{, #imm, MUL VL}].
pub(crate) fn stn_ri(c: &mut Cpu, i: &Insn) -> R {
    let [msz, nreg, _imm, pg, rn, zt, ..] = i.f;
    c.check_sve()?;
    let n = nreg as usize + 1;
    let addr = c.s.xsp(rn).wrapping_add(mul_vl(c, i.s(2), msz, msz, n));
    store_contig(c, zt, pg, addr, msz, msz, n)
}

// ---------------------------------------------------------------- gathers, scatters

/// How a gather/scatter forms element addresses.
#[derive(Clone, Copy)]
enum Addr {
    /// Xn + extend(Zm element) << shift: `ext` 0 = UXTW, 1 = SXTW, 2 = 64-bit.
    ScalarVec {
        base: u64,
        zm: u32,
        ext: u32,
        shift: u32,
    },
    /// Zn element + imm.
    VecImm { zn: u32, imm: u64 },
}

fn gaddr(c: &Cpu, a: Addr, esz: u32, e: usize) -> u64 {
    let eb = 1usize << esz;
    match a {
        Addr::ScalarVec {
            base,
            zm,
            ext,
            shift,
        } => {
            let m = take(&c.s.z[zm as usize & 31].0, eb, e);
            let off = match ext {
                0 => m & 0xFFFF_FFFF,
                1 => m as u32 as i32 as i64 as u64,
                _ => m,
            };
            base.wrapping_add(off << shift)
        }
        Addr::VecImm { zn, imm } => take(&c.s.z[zn as usize & 31].0, eb, e).wrapping_add(imm),
    }
}

#[allow(clippy::too_many_arguments)]
fn gather(c: &mut Cpu, zt: u32, pg: u32, a: Addr, msz: u32, esz: u32, signed: bool, ff: bool) -> R {
    let vl = c.vl();
    let ebytes = 1usize << esz;
    let mbytes = 1usize << msz;
    let elements = vl / ebytes;
    let g = pr(c, pg);
    let mut z = [0u8; ZREG_BYTES];
    let mut first = true;
    let mut fault_at = elements;
    for e in 0..elements {
        if !act_e(&g, esz, e) {
            continue;
        }
        let va = gaddr(c, a, esz, e);
        if ff && !first && would_fault(c, va, mbytes) {
            fault_at = e;
            break;
        }
        first = false;
        let v = read_elem(c, va, mbytes)?;
        put(&mut z, ebytes, e, extend(v, mbytes, signed));
    }
    wz(c, zt, &z);
    if fault_at < elements {
        clear_ffr_from(c, fault_at << esz);
    }
    Ok(())
}

fn scatter(c: &mut Cpu, zt: u32, pg: u32, a: Addr, msz: u32, esz: u32) -> R {
    let vl = c.vl();
    let ebytes = 1usize << esz;
    let mbytes = 1usize << msz;
    let g = pr(c, pg);
    let src = zr(c, zt);
    for e in 0..vl / ebytes {
        if act_e(&g, esz, e) {
            let va = gaddr(c, a, esz, e);
            c.write_mem(va, mbytes, take(&src, ebytes, e))?;
        }
    }
    Ok(())
}

/// Checks msz/U for a gather of `esz` elements: returns signedness.
fn gather_kind(msz: u32, u: u32, esz: u32) -> Result<bool, Stop> {
    let signed = u == 0;
    // Signed loads need a memory size below the element size.
    if msz > esz || (signed && msz == esz) {
        return Err(undef());
    }
    Ok(signed)
}

/// LD1/LDFF1 { Zt.S }, Pg/Z, [Xn|SP, Zm.S, <UXTW|SXTW> {#msz}] (32-bit elements).
pub(crate) fn ld1_g32<const SC: u32>(c: &mut Cpu, i: &Insn) -> R {
    let [msz, xs, zm, u, ff, pg, rn, zt] = i.f;
    let sc = SC;
    c.check_sve()?;
    let signed = gather_kind(msz, u, 2)?;
    if sc == 1 && msz == 0 {
        return Err(undef());
    }
    let a = Addr::ScalarVec {
        base: c.s.xsp(rn),
        zm,
        ext: xs,
        shift: if sc == 1 { msz } else { 0 },
    };
    gather(c, zt, pg, a, msz, 2, signed, ff == 1)
}

/// LD1/LDFF1 { Zt.D }, Pg/Z, [Xn|SP, Zm.D, <UXTW|SXTW> {#msz}] (unpacked 32-bit
/// offsets).
pub(crate) fn ld1_g64_32<const SC: u32>(c: &mut Cpu, i: &Insn) -> R {
    let [msz, xs, zm, u, ff, pg, rn, zt] = i.f;
    let sc = SC;
    c.check_sve()?;
    let signed = gather_kind(msz, u, 3)?;
    if sc == 1 && msz == 0 {
        return Err(undef());
    }
    let a = Addr::ScalarVec {
        base: c.s.xsp(rn),
        zm,
        ext: xs,
        shift: if sc == 1 { msz } else { 0 },
    };
    gather(c, zt, pg, a, msz, 3, signed, ff == 1)
}

/// LD1/LDFF1 { Zt.D }, Pg/Z, [Xn|SP, Zm.D{, LSL #msz}] (64-bit offsets).
pub(crate) fn ld1_g64(c: &mut Cpu, i: &Insn) -> R {
    let [msz, sc, zm, u, ff, pg, rn, zt] = i.f;
    c.check_sve()?;
    let signed = gather_kind(msz, u, 3)?;
    if sc == 1 && msz == 0 {
        return Err(undef());
    }
    let a = Addr::ScalarVec {
        base: c.s.xsp(rn),
        zm,
        ext: 2,
        shift: if sc == 1 { msz } else { 0 },
    };
    gather(c, zt, pg, a, msz, 3, signed, ff == 1)
}

/// LD1/LDFF1 { Zt.S }, Pg/Z, [Zn.S{, #imm}].
pub(crate) fn ld1_g32_vi(c: &mut Cpu, i: &Insn) -> R {
    let [msz, imm, u, ff, pg, zn, zt, ..] = i.f;
    c.check_sve()?;
    let signed = gather_kind(msz, u, 2)?;
    let a = Addr::VecImm {
        zn,
        imm: (imm as u64) << msz,
    };
    gather(c, zt, pg, a, msz, 2, signed, ff == 1)
}

/// LD1/LDFF1 { Zt.D }, Pg/Z, [Zn.D{, #imm}].
pub(crate) fn ld1_g64_vi(c: &mut Cpu, i: &Insn) -> R {
    let [msz, imm, u, ff, pg, zn, zt, ..] = i.f;
    c.check_sve()?;
    let signed = gather_kind(msz, u, 3)?;
    let a = Addr::VecImm {
        zn,
        imm: (imm as u64) << msz,
    };
    gather(c, zt, pg, a, msz, 3, signed, ff == 1)
}

/// ST1 { Zt.D }, Pg, [Xn|SP, Zm.D{, LSL #msz}] (64-bit offsets).
pub(crate) fn st1_s64(c: &mut Cpu, i: &Insn) -> R {
    let [msz, sc, zm, pg, rn, zt, ..] = i.f;
    c.check_sve()?;
    if sc == 1 && msz == 0 {
        return Err(undef());
    }
    let a = Addr::ScalarVec {
        base: c.s.xsp(rn),
        zm,
        ext: 2,
        shift: if sc == 1 { msz } else { 0 },
    };
    scatter(c, zt, pg, a, msz, 3)
}

/// ST1 { Zt.D }, Pg, [Xn|SP, Zm.D, <UXTW|SXTW> {#msz}] (unpacked 32-bit offsets).
pub(crate) fn st1_s64_32(c: &mut Cpu, i: &Insn) -> R {
    let [msz, sc, zm, xs, pg, rn, zt, ..] = i.f;
    c.check_sve()?;
    if sc == 1 && msz == 0 {
        return Err(undef());
    }
    let a = Addr::ScalarVec {
        base: c.s.xsp(rn),
        zm,
        ext: xs,
        shift: if sc == 1 { msz } else { 0 },
    };
    scatter(c, zt, pg, a, msz, 3)
}

/// ST1 { Zt.S }, Pg, [Xn|SP, Zm.S, <UXTW|SXTW> {#msz}].
pub(crate) fn st1_s32(c: &mut Cpu, i: &Insn) -> R {
    let [msz, sc, zm, xs, pg, rn, zt, ..] = i.f;
    c.check_sve()?;
    if (sc == 1 && msz == 0) || msz == 3 {
        return Err(undef());
    }
    let a = Addr::ScalarVec {
        base: c.s.xsp(rn),
        zm,
        ext: xs,
        shift: if sc == 1 { msz } else { 0 },
    };
    scatter(c, zt, pg, a, msz, 2)
}

/// ST1 { Zt.D }, Pg, [Zn.D{, #imm}].
pub(crate) fn st1_s64_vi(c: &mut Cpu, i: &Insn) -> R {
    let [msz, imm, pg, zn, zt, ..] = i.f;
    c.check_sve()?;
    let a = Addr::VecImm {
        zn,
        imm: (imm as u64) << msz,
    };
    scatter(c, zt, pg, a, msz, 3)
}

/// ST1 { Zt.S }, Pg, [Zn.S{, #imm}].
pub(crate) fn st1_s32_vi(c: &mut Cpu, i: &Insn) -> R {
    let [msz, imm, pg, zn, zt, ..] = i.f;
    c.check_sve()?;
    if msz == 3 {
        return Err(undef());
    }
    let a = Addr::VecImm {
        zn,
        imm: (imm as u64) << msz,
    };
    scatter(c, zt, pg, a, msz, 2)
}

/// PRFB/PRFH/PRFW/PRFD [Xn|SP, Xm, LSL #msz]: a hint; Xm = 31 is reserved.
pub(crate) fn prf_rr(c: &mut Cpu, i: &Insn) -> R {
    c.check_sve()?;
    if i.f[1] == 31 {
        return Err(undef());
    }
    Ok(())
}

/// PRFB/PRFH/PRFW/PRFD (the other forms): prefetch hints, no architectural effect.
pub(crate) fn prf(c: &mut Cpu, _i: &Insn) -> R {
    c.check_sve()?;
    Ok(())
}
