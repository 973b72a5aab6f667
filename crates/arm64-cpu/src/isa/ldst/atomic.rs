//! Exclusives, load-acquire/store-release, LSE atomics, CAS and CASP.
//!
//! Several vCPU threads share guest RAM, so these use host atomics on the RAM
//! mapping. The global exclusive monitor is emulated as TCG emulators do: LDXR
//! records (physical address, size, value) in [`Cpu::excl`], and STXR succeeds only if
//! that record matches its address and size and a host compare-and-swap from the
//! recorded value succeeds. A store by another PE that leaves the recorded value
//! behind (ABA) therefore does not make the STXR fail, where the architecture
//! requires the intervening write to clear the monitor: a known deviation shared with
//! QEMU's TCG. The LL/SC sequences software writes (load, compute, store-exclusive of
//! a value derived from the load) are still atomic under it.
//!
//! 128-bit accesses (LDXP/STXP of X registers, CASP of X registers) use
//! `portable_atomic::AtomicU128`: CMPXCHG16B on x86-64 hosts (detected at run time),
//! LDXP/STXP or CASP on AArch64 hosts. Where the host has no 16-byte atomic,
//! portable-atomic falls back to a global array of striped seqlocks keyed by address:
//! 128-bit operations then stay atomic with respect to each other, but not with
//! respect to plain 64-bit accesses of another vCPU to the same 16 bytes.
//!
//! Acquire/release map to host orderings: the RCsc LDAR/STLR and the acquire/release
//! exclusives and atomics use SeqCst (an STLR followed by an LDAR must not be
//! reordered, which Release + Acquire allows on the host); the RCpc LDAPR/LDAPUR use
//! Acquire.
//!
//! Atomics, exclusives and ordered accesses are always alignment checked (there is
//! no FEAT_LSE2); atomics and exclusives outside RAM (MMIO) cannot be performed and
//! take a synchronous External abort. Ordered accesses (LDAR, STLR, ...) to MMIO are
//! ordinary MMIO accesses.

use super::{base, bytes_mask, sext, undef};
use crate::cpu::{Cpu, Stop};
use crate::decode::Insn;
use crate::mem::Acc;
use portable_atomic::AtomicU128;
use std::sync::atomic::Ordering::{self, Acquire, Relaxed, Release, SeqCst};
use std::sync::atomic::{AtomicI16, AtomicI32, AtomicI64, AtomicI8};
use std::sync::atomic::{AtomicU16, AtomicU32, AtomicU64, AtomicU8};

#[inline]
fn has_lse(c: &Cpu) -> bool {
    (c.cfg.isar0 >> 20) & 0xF >= 2
}

/// ID_AA64ISAR1_EL1.LRCPC.
#[inline]
fn lrcpc(c: &Cpu) -> u64 {
    (c.cfg.isar1 >> 20) & 0xF
}

/// ID_AA64MMFR1_EL1.LO (FEAT_LOR).
#[inline]
fn has_lor(c: &Cpu) -> bool {
    (c.cfg.mmfr1 >> 16) & 0xF >= 1
}

/// Host pointer for an atomic or exclusive access of `len` bytes at `va`: the
/// alignment check comes first (an Alignment fault, reported with `wnr_align`),
/// then the access must lie in RAM (else a synchronous External abort). A host
/// mapping that is not itself aligned cannot take host atomics and is treated like
/// memory that does not support atomics.
#[inline]
fn atomic_ptr(
    c: &Cpu,
    va: u64,
    len: usize,
    write: bool,
    wnr_align: bool,
) -> Result<(u64, *mut u8), Stop> {
    if va & (len as u64 - 1) != 0 {
        return Err(c.alignment_fault(va, wnr_align));
    }
    let pa = c.translate(va, if write { Acc::Write } else { Acc::Read })?;
    match c.ram_ptr(pa, len, write) {
        Some(p) if (p as usize) & (len - 1) == 0 => Ok((pa, p)),
        _ => Err(c.external_abort(va, write)),
    }
}

/// Host atomic load of 1, 2, 4 or 8 bytes (`ord` is Relaxed, Acquire or SeqCst).
///
/// # Safety
/// `p` is valid and aligned for `len` bytes.
#[inline]
unsafe fn aload(p: *mut u8, len: usize, ord: Ordering) -> u64 {
    // SAFETY: the caller's promise.
    unsafe {
        match len {
            1 => AtomicU8::from_ptr(p).load(ord) as u64,
            2 => AtomicU16::from_ptr(p as *mut u16).load(ord) as u64,
            4 => AtomicU32::from_ptr(p as *mut u32).load(ord) as u64,
            _ => AtomicU64::from_ptr(p as *mut u64).load(ord),
        }
    }
}

/// Host atomic store (`ord` is Relaxed, Release or SeqCst).
///
/// # Safety
/// As [`aload`].
#[inline]
unsafe fn astore(p: *mut u8, len: usize, v: u64, ord: Ordering) {
    // SAFETY: the caller's promise.
    unsafe {
        match len {
            1 => AtomicU8::from_ptr(p).store(v as u8, ord),
            2 => AtomicU16::from_ptr(p as *mut u16).store(v as u16, ord),
            4 => AtomicU32::from_ptr(p as *mut u32).store(v as u32, ord),
            _ => AtomicU64::from_ptr(p as *mut u64).store(v, ord),
        }
    }
}

/// The failure ordering that goes with a compare-and-swap success ordering.
#[inline]
fn fail_ord(ord: Ordering) -> Ordering {
    match ord {
        SeqCst => SeqCst,
        Acquire => Acquire,
        _ => Relaxed,
    }
}

/// Host compare-and-swap of 1, 2, 4, 8 or 16 bytes; returns the old value.
///
/// # Safety
/// As [`aload`], and writable.
#[inline]
unsafe fn acas(p: *mut u8, len: usize, old: u128, new: u128, ord: Ordering) -> u128 {
    let f = fail_ord(ord);
    // SAFETY: the caller's promise.
    unsafe {
        let r = match len {
            1 => AtomicU8::from_ptr(p)
                .compare_exchange(old as u8, new as u8, ord, f)
                .map_or_else(|v| v as u128, |v| v as u128),
            2 => AtomicU16::from_ptr(p as *mut u16)
                .compare_exchange(old as u16, new as u16, ord, f)
                .map_or_else(|v| v as u128, |v| v as u128),
            4 => AtomicU32::from_ptr(p as *mut u32)
                .compare_exchange(old as u32, new as u32, ord, f)
                .map_or_else(|v| v as u128, |v| v as u128),
            8 => AtomicU64::from_ptr(p as *mut u64)
                .compare_exchange(old as u64, new as u64, ord, f)
                .map_or_else(|v| v as u128, |v| v as u128),
            _ => AtomicU128::from_ptr(p as *mut u128)
                .compare_exchange(old, new, ord, f)
                .unwrap_or_else(|v| v),
        };
        r
    }
}

/// Ordering of an acquire (`a`) and/or release (`r`) access.
#[inline]
fn ordering(a: bool, r: bool) -> Ordering {
    match (a, r) {
        (false, false) => Relaxed,
        (true, false) => Acquire,
        (false, true) => Release,
        (true, true) => SeqCst,
    }
}

/// The acquire/release ordering of exclusives and RCsc ordered accesses.
#[inline]
fn rcsc(ordered: bool) -> Ordering {
    if ordered {
        SeqCst
    } else {
        Relaxed
    }
}

/// LDXR/LDXRB/LDXRH/LDAXR*: arms the monitor with (PA, size, value).
pub(crate) fn ldxr(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let w = i.word;
    let bytes = 1usize << (w >> 30);
    let acq = (w >> 15) & 1 == 1;
    let (rn, rt) = ((w >> 5) & 31, w & 31);
    let va = base(c, rn)?;
    let (pa, p) = atomic_ptr(c, va, bytes, false, false)?;
    // SAFETY: aligned pointer into a live RAM mapping.
    let v = unsafe { aload(p, bytes, rcsc(acq)) };
    c.excl = Some((pa, bytes, v as u128));
    c.s.set_xr(rt, v);
    Ok(())
}

/// LDXP/LDAXP: the pair is one access of twice the register size, aligned to that
/// size and single-copy atomic as a whole (128 bits for X registers).
///
/// Rt == Rt2 is CONSTRAINED UNPREDICTABLE; as in QEMU 7.2 the register ends up with
/// the second (Rt2, higher address) value.
pub(crate) fn ldxp(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let w = i.word;
    let x = (w >> 30) & 1 == 1;
    let acq = (w >> 15) & 1 == 1;
    let (rt2, rn, rt) = ((w >> 10) & 31, (w >> 5) & 31, w & 31);
    let bytes = if x { 16 } else { 8 };
    let va = base(c, rn)?;
    let (pa, p) = atomic_ptr(c, va, bytes, false, false)?;
    let ord = rcsc(acq);
    let v: u128 = if !x {
        // SAFETY: aligned pointer into a live RAM mapping.
        unsafe { aload(p, 8, ord) as u128 }
    } else if c.ram_ptr(pa, 16, true).is_some() {
        // SAFETY: as above; writable (a 16-byte atomic load may be a CAS on the host).
        unsafe { AtomicU128::from_ptr(p as *mut u128).load(ord) }
    } else {
        // Read-only RAM cannot take a host CAS: two 64-bit atomic loads. A
        // successful STXP is impossible there anyway.
        // SAFETY: as above.
        unsafe {
            let lo = aload(p, 8, ord);
            let hi = aload(p.add(8), 8, ord);
            lo as u128 | (hi as u128) << 64
        }
    };
    c.excl = Some((pa, bytes, v));
    let (lo, hi) = if x {
        (v as u64, (v >> 64) as u64)
    } else {
        (v as u64 & 0xFFFF_FFFF, (v >> 32) as u64 & 0xFFFF_FFFF)
    };
    c.s.set_xr(rt, lo);
    c.s.set_xr(rt2, hi);
    Ok(())
}

/// The store-exclusive test and store; returns the status (0 success, 1 failure).
///
/// It is IMPLEMENTATION DEFINED whether memory aborts are detected before or after the
/// local monitor check. Like QEMU 7.2, a monitor that is not armed for this address
/// fails the store without any access or abort; only then come the alignment check
/// (which always applies to exclusives) and the RAM check.
fn store_exclusive(c: &mut Cpu, va: u64, bytes: usize, data: u128, rel: bool) -> Result<u64, Stop> {
    let pa = c.translate(va, Acc::Write)?;
    let mon = c.excl.take();
    let (mpa, mlen, old) = match mon {
        Some(m) if m.0 == pa => m,
        _ => return Ok(1),
    };
    let (_, p) = atomic_ptr(c, va, bytes, true, true)?;
    if mlen != bytes {
        return Ok(1);
    }
    debug_assert_eq!(mpa, pa);
    // SAFETY: aligned, writable pointer into a live RAM mapping.
    let seen = unsafe { acas(p, bytes, old, data, rcsc(rel)) };
    Ok(if seen == old { 0 } else { 1 })
}

/// STXR/STXRB/STXRH/STLXR*. Rs == Rt or Rs == Rn is CONSTRAINED UNPREDICTABLE; as in
/// QEMU 7.2 the address and data are read before the status is written.
pub(crate) fn stxr(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let w = i.word;
    let bytes = 1usize << (w >> 30);
    let rel = (w >> 15) & 1 == 1;
    let (rs, rn, rt) = ((w >> 16) & 31, (w >> 5) & 31, w & 31);
    let va = base(c, rn)?;
    let data = c.s.xr(rt) & bytes_mask(bytes);
    let status = store_exclusive(c, va, bytes, data as u128, rel)?;
    c.s.set_xr(rs, status);
    Ok(())
}

/// STXP/STLXP: Rt at the lower address (little-endian data).
pub(crate) fn stxp(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let w = i.word;
    let x = (w >> 30) & 1 == 1;
    let rel = (w >> 15) & 1 == 1;
    let (rs, rt2, rn, rt) = ((w >> 16) & 31, (w >> 10) & 31, (w >> 5) & 31, w & 31);
    let va = base(c, rn)?;
    let (lo, hi) = (c.s.xr(rt), c.s.xr(rt2));
    let (bytes, data) = if x {
        (16, lo as u128 | (hi as u128) << 64)
    } else {
        (8, (lo & 0xFFFF_FFFF | hi << 32) as u128)
    };
    let status = store_exclusive(c, va, bytes, data, rel)?;
    c.s.set_xr(rs, status);
    Ok(())
}

/// An ordered load (LDAR, LDAPR, LDAPUR): always alignment checked; MMIO allowed.
fn load_ordered(c: &mut Cpu, va: u64, bytes: usize, ord: Ordering) -> Result<u64, Stop> {
    if va & (bytes as u64 - 1) != 0 {
        return Err(c.alignment_fault(va, false));
    }
    let pa = c.translate(va, Acc::Read)?;
    match c.ram_ptr(pa, bytes, false) {
        // SAFETY: aligned pointer into a live RAM mapping.
        Some(p) if (p as usize) & (bytes - 1) == 0 => Ok(unsafe { aload(p, bytes, ord) }),
        _ => {
            std::sync::atomic::fence(SeqCst);
            c.read_mem(va, bytes)
        }
    }
}

/// An ordered store (STLR, STLUR).
fn store_ordered(c: &mut Cpu, va: u64, bytes: usize, v: u64, ord: Ordering) -> Result<(), Stop> {
    if va & (bytes as u64 - 1) != 0 {
        return Err(c.alignment_fault(va, true));
    }
    let pa = c.translate(va, Acc::Write)?;
    match c.ram_ptr(pa, bytes, true) {
        Some(p) if (p as usize) & (bytes - 1) == 0 => {
            // SAFETY: aligned, writable pointer into a live RAM mapping.
            unsafe { astore(p, bytes, v, ord) };
            Ok(())
        }
        _ => {
            std::sync::atomic::fence(SeqCst);
            c.write_mem(va, bytes, v)
        }
    }
}

/// LDAR* (o0 = 1) and, with FEAT_LOR, LDLAR* (o0 = 0), which this PE treats as LDAR
/// (a LORegion-limited acquire is implied by a full one).
pub(crate) fn ldar(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let w = i.word;
    if (w >> 15) & 1 == 0 && !has_lor(c) {
        return Err(undef());
    }
    let bytes = 1usize << (w >> 30);
    let (rn, rt) = ((w >> 5) & 31, w & 31);
    let va = base(c, rn)?;
    let v = load_ordered(c, va, bytes, SeqCst)?;
    c.s.set_xr(rt, v);
    Ok(())
}

/// STLR* (o0 = 1) and, with FEAT_LOR, STLLR* (o0 = 0).
pub(crate) fn stlr(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let w = i.word;
    if (w >> 15) & 1 == 0 && !has_lor(c) {
        return Err(undef());
    }
    let bytes = 1usize << (w >> 30);
    let (rn, rt) = ((w >> 5) & 31, w & 31);
    let va = base(c, rn)?;
    let v = c.s.xr(rt) & bytes_mask(bytes);
    store_ordered(c, va, bytes, v, SeqCst)
}

/// LDAPR* (FEAT_LRCPC): RCpc load-acquire. QEMU 7.2 does not alignment-check it; the
/// Arm ARM does (AccType_ORDERED without FEAT_LSE2), and so does this PE.
pub(crate) fn ldapr(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    if lrcpc(c) < 1 {
        return Err(undef());
    }
    let w = i.word;
    let bytes = 1usize << (w >> 30);
    let (rn, rt) = ((w >> 5) & 31, w & 31);
    let va = base(c, rn)?;
    let v = load_ordered(c, va, bytes, Acquire)?;
    c.s.set_xr(rt, v);
    Ok(())
}

/// STLUR*/LDAPUR*/LDAPURS* (FEAT_LRCPC2): base + signed 9-bit unscaled offset.
pub(crate) fn ldapur_stlur(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let w = i.word;
    let size = w >> 30;
    let opc = (w >> 22) & 3;
    // Sign-extension target: 0 = none, 64 or 32.
    let sx = match (opc, size) {
        (0 | 1, _) => 0,
        (2, 0..=2) => 64,
        (3, 0 | 1) => 32,
        _ => return Err(undef()),
    };
    if lrcpc(c) < 2 {
        return Err(undef());
    }
    let bytes = 1usize << size;
    let (rn, rt) = ((w >> 5) & 31, w & 31);
    let imm9 = sext(((w >> 12) & 0x1FF) as u64, 9);
    let va = base(c, rn)?.wrapping_add(imm9);
    if opc == 0 {
        let v = c.s.xr(rt) & bytes_mask(bytes);
        return store_ordered(c, va, bytes, v, SeqCst);
    }
    let v = load_ordered(c, va, bytes, Acquire)?;
    let v = match sx {
        64 => sext(v, 8 * bytes as u32),
        32 => sext(v, 8 * bytes as u32) & 0xFFFF_FFFF,
        _ => v,
    };
    c.s.set_xr(rt, v);
    Ok(())
}

macro_rules! rmw {
    ($p:expr, $op:expr, $v:expr, $ord:expr, $U:ty, $I:ty, $u:ty, $i:ty) => {{
        let pu = $p as *mut $u;
        // SAFETY: the caller checked alignment and that p is in a live RAM mapping.
        let a = unsafe { <$U>::from_ptr(pu) };
        // SAFETY: as above; same object viewed as signed.
        let s = unsafe { <$I>::from_ptr(pu as *mut $i) };
        let v = $v as $u;
        (match $op {
            0 => a.fetch_add(v, $ord),
            1 => a.fetch_and(!v, $ord),
            2 => a.fetch_xor(v, $ord),
            3 => a.fetch_or(v, $ord),
            4 => s.fetch_max(v as $i, $ord) as $u,
            5 => s.fetch_min(v as $i, $ord) as $u,
            6 => a.fetch_max(v, $ord),
            7 => a.fetch_min(v, $ord),
            _ => a.swap(v, $ord),
        }) as u64
    }};
}

/// LDADD/LDCLR/LDEOR/LDSET/LDSMAX/LDSMIN/LDUMAX/LDUMIN (and the ST<op> aliases,
/// Rt = 31) and SWP, all sizes and orderings: Rt gets the old value, zero-extended.
/// Alignment faults report WnR = 0, as the Arm ARM's atomic translation and QEMU do.
pub(crate) fn ld_op(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    if !has_lse(c) {
        return Err(undef());
    }
    let w = i.word;
    let bytes = 1usize << (w >> 30);
    let (a, r) = ((w >> 23) & 1 == 1, (w >> 22) & 1 == 1);
    // 0..7 the LD<op>s in encoding order, 8 SWP (o3 = 1).
    let op = if (w >> 15) & 1 == 1 { 8 } else { (w >> 12) & 7 };
    let (rs, rn, rt) = ((w >> 16) & 31, (w >> 5) & 31, w & 31);
    let va = base(c, rn)?;
    let (_, p) = atomic_ptr(c, va, bytes, true, false)?;
    let v = c.s.xr(rs);
    let ord = ordering(a, r);
    let old = match bytes {
        1 => rmw!(p, op, v, ord, AtomicU8, AtomicI8, u8, i8),
        2 => rmw!(p, op, v, ord, AtomicU16, AtomicI16, u16, i16),
        4 => rmw!(p, op, v, ord, AtomicU32, AtomicI32, u32, i32),
        _ => rmw!(p, op, v, ord, AtomicU64, AtomicI64, u64, i64),
    };
    c.s.set_xr(rt, old);
    Ok(())
}

/// CAS/CASA/CASL/CASAL (B/H/W/X): compares Rs with memory, stores Rt if equal; Rs
/// gets the old value, zero-extended.
pub(crate) fn cas(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    if !has_lse(c) {
        return Err(undef());
    }
    let w = i.word;
    let bytes = 1usize << (w >> 30);
    let (a, r) = ((w >> 22) & 1 == 1, (w >> 15) & 1 == 1);
    let (rs, rn, rt) = ((w >> 16) & 31, (w >> 5) & 31, w & 31);
    let va = base(c, rn)?;
    let (_, p) = atomic_ptr(c, va, bytes, true, false)?;
    let m = bytes_mask(bytes);
    let (cmp, new) = (c.s.xr(rs) & m, c.s.xr(rt) & m);
    // SAFETY: aligned, writable pointer into a live RAM mapping.
    let old = unsafe { acas(p, bytes, cmp as u128, new as u128, ordering(a, r)) };
    c.s.set_xr(rs, old as u64);
    Ok(())
}

/// CASP/CASPA/CASPL/CASPAL (W or X pairs): one access of twice the register size;
/// <Rs, Rs+1> is compared, <Rt, Rt+1> stored, the first of each pair at the lower
/// address. Odd Rs or Rt is CONSTRAINED UNPREDICTABLE: UNDEFINED here, as in QEMU.
pub(crate) fn casp(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let w = i.word;
    let (rs, rn, rt) = ((w >> 16) & 31, (w >> 5) & 31, w & 31);
    if !has_lse(c) || rs & 1 == 1 || rt & 1 == 1 {
        return Err(undef());
    }
    let x = (w >> 30) & 1 == 1;
    let (a, r) = ((w >> 22) & 1 == 1, (w >> 15) & 1 == 1);
    let va = base(c, rn)?;
    let bytes = if x { 16 } else { 8 };
    let (_, p) = atomic_ptr(c, va, bytes, true, false)?;
    let pack = |lo: u64, hi: u64| -> u128 {
        if x {
            lo as u128 | (hi as u128) << 64
        } else {
            (lo & 0xFFFF_FFFF | hi << 32) as u128
        }
    };
    let cmp = pack(c.s.xr(rs), c.s.xr(rs + 1));
    let new = pack(c.s.xr(rt), c.s.xr(rt + 1));
    // SAFETY: aligned, writable pointer into a live RAM mapping.
    let old = unsafe { acas(p, bytes, cmp, new, ordering(a, r)) };
    let (lo, hi) = if x {
        (old as u64, (old >> 64) as u64)
    } else {
        (old as u64 & 0xFFFF_FFFF, (old >> 32) as u64 & 0xFFFF_FFFF)
    };
    c.s.set_xr(rs, lo);
    c.s.set_xr(rs + 1, hi);
    Ok(())
}
