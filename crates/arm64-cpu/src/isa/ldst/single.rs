//! Loads and stores of one general or SIMD&FP register, and PRFM.
//!
//! The table lines of one addressing form share a handler, which reads the class
//! (size, V, opc) from the word: every line of a form has those bits in the same place.

use super::{base, bytes_mask, ld, ld128, sext, st, st128, undef};
use crate::cpu::{Cpu, Stop};
use crate::decode::Insn;

/// What a (size, V, opc) combination does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// STR of a general register, `bytes` wide.
    Store(usize),
    /// LDR, zero-extending.
    Load(usize),
    /// LDRS to X (sign-extend to 64 bits).
    LoadS64(usize),
    /// LDRS to W (sign-extend to 32 bits, zero the top half).
    LoadS32(usize),
    /// PRFM: a hint, performs no access.
    Prfm,
    /// STR of a SIMD&FP register, `bytes` wide (1..16).
    StoreV(usize),
    /// LDR of a SIMD&FP register.
    LoadV(usize),
}

/// Decodes bits 31:30 (size), 26 (V) and 23:22 (opc) of the single-register classes;
/// `None` is unallocated.
fn class(w: u32) -> Option<Class> {
    let size = (w >> 30) as usize;
    let opc = (w >> 22) & 3;
    let bytes = 1usize << size;
    if (w >> 26) & 1 == 1 {
        // opc<1> selects the 128-bit Q form, only with size = 00.
        if opc & 2 != 0 {
            if size != 0 {
                return None;
            }
            return Some(if opc & 1 == 0 {
                Class::StoreV(16)
            } else {
                Class::LoadV(16)
            });
        }
        return Some(if opc == 0 {
            Class::StoreV(bytes)
        } else {
            Class::LoadV(bytes)
        });
    }
    Some(match (opc, size) {
        (0, _) => Class::Store(bytes),
        (1, _) => Class::Load(bytes),
        (2, 3) => Class::Prfm,
        (2, _) => Class::LoadS64(bytes),
        (3, 0 | 1) => Class::LoadS32(bytes),
        _ => return None,
    })
}

/// log2 of the access size, the scale of an unsigned immediate or register offset.
fn scale(cl: Class) -> u32 {
    match cl {
        Class::Store(b)
        | Class::Load(b)
        | Class::LoadS64(b)
        | Class::LoadS32(b)
        | Class::StoreV(b)
        | Class::LoadV(b) => b.trailing_zeros(),
        Class::Prfm => 3,
    }
}

/// Performs the access and writes Rt; all memory accesses happen before the write.
#[inline]
fn access(c: &mut Cpu, cl: Class, va: u64, rt: u32) -> Result<(), Stop> {
    match cl {
        Class::Store(b) => {
            let v = c.s.xr(rt);
            st(c, va, b, v)
        }
        Class::Load(b) => {
            let v = ld(c, va, b)?;
            c.s.set_xr(rt, v);
            Ok(())
        }
        Class::LoadS64(b) => {
            let v = ld(c, va, b)?;
            c.s.set_xr(rt, sext(v, 8 * b as u32));
            Ok(())
        }
        Class::LoadS32(b) => {
            let v = ld(c, va, b)?;
            c.s.set_xr(rt, sext(v, 8 * b as u32) & 0xFFFF_FFFF);
            Ok(())
        }
        Class::Prfm => Ok(()),
        Class::StoreV(16) => {
            let v = c.s.v(rt);
            st128(c, va, v)
        }
        Class::StoreV(b) => {
            let v = c.s.v(rt) as u64 & bytes_mask(b);
            st(c, va, b, v)
        }
        Class::LoadV(16) => {
            let v = ld128(c, va)?;
            c.s.set_v(rt, v);
            Ok(())
        }
        Class::LoadV(b) => {
            let v = ld(c, va, b)?;
            c.s.set_v(rt, v as u128);
            Ok(())
        }
    }
}

#[inline]
fn is_fp(cl: Class) -> bool {
    matches!(cl, Class::StoreV(_) | Class::LoadV(_))
}

/// LDR/STR/LDRS*/PRFM (immediate, unsigned offset): `imm12` scaled by the size.
pub(crate) fn ldst_uimm(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let w = i.word;
    let cl = class(w).ok_or_else(undef)?;
    // PRFM performs no access, and its base is not checked (no CheckSPAlignment
    // for MemOp_PREFETCH).
    if cl == Class::Prfm {
        return Ok(());
    }
    if is_fp(cl) {
        c.check_fp()?;
    }
    let (rn, rt) = ((w >> 5) & 31, w & 31);
    let imm12 = ((w >> 10) & 0xFFF) as u64;
    let b = base(c, rn)?;
    let va = b.wrapping_add(imm12 << scale(cl));
    access(c, cl, va, rt)
}

/// The signed 9-bit immediate forms, told apart by bits 11:10: 00 unscaled
/// (LDUR/STUR/PRFUM), 01 post-index, 10 unprivileged (LDTR/STTR), 11 pre-index.
///
/// Writeback with Rt == Rn (n != 31) is CONSTRAINED UNPREDICTABLE. As QEMU 7.2 does,
/// a load writes Rt and then the written-back address to Rn (so Rn ends up holding the
/// address), and a store stores the register's value from before the writeback.
///
/// LDTR/STTR: at EL1 they are checked as EL0 accesses (unless PSTATE.UAO), which only
/// matters for stage 1 permissions: the access runs with the MMU's unprivileged flag.
pub(crate) fn ldst_imm9(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let w = i.word;
    let cl = class(w).ok_or_else(undef)?;
    let form = (w >> 10) & 3;
    // PRFM exists only in the unscaled (PRFUM) form here.
    if cl == Class::Prfm {
        return if form == 0 { Ok(()) } else { Err(undef()) };
    }
    if is_fp(cl) {
        c.check_fp()?;
    }
    let (rn, rt) = ((w >> 5) & 31, w & 31);
    let imm9 = sext(((w >> 12) & 0x1FF) as u64, 9);
    let b = base(c, rn)?;
    let (va, wb) = match form {
        1 => (b, Some(b.wrapping_add(imm9))),
        3 => {
            let a = b.wrapping_add(imm9);
            (a, Some(a))
        }
        _ => (b.wrapping_add(imm9), None),
    };
    c.mmu.unpriv = form == 2;
    let r = access(c, cl, va, rt);
    c.mmu.unpriv = false;
    r?;
    if let Some(a) = wb {
        c.s.set_xsp(rn, a);
    }
    Ok(())
}

/// ExtendReg for the register-offset forms: option 010 UXTW, 011 LSL (UXTX),
/// 110 SXTW, 111 SXTX; the rest (option<1> = 0) are UNDEFINED.
#[inline]
pub(crate) fn extend_reg(v: u64, option: u32, shift: u32) -> u64 {
    let x = match option {
        0b010 => v & 0xFFFF_FFFF,
        0b110 => sext(v, 32),
        _ => v,
    };
    x << shift
}

/// LDR/STR/LDRS*/PRFM (register): base + ExtendReg(Rm, option, S ? scale : 0).
pub(crate) fn ldst_reg(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let w = i.word;
    let cl = class(w).ok_or_else(undef)?;
    let option = (w >> 13) & 7;
    if option & 2 == 0 {
        return Err(undef());
    }
    if cl == Class::Prfm {
        return Ok(());
    }
    if is_fp(cl) {
        c.check_fp()?;
    }
    let (rm, rn, rt) = ((w >> 16) & 31, (w >> 5) & 31, w & 31);
    let shift = if (w >> 12) & 1 == 1 { scale(cl) } else { 0 };
    let b = base(c, rn)?;
    let off = extend_reg(c.s.xr(rm), option, shift);
    access(c, cl, b.wrapping_add(off), rt)
}

/// LDR (literal) to W/X/S/D/Q and LDRSW (literal): PC + imm19 * 4.
pub(crate) fn ldr_lit(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let w = i.word;
    let opc = w >> 30;
    let cl = if (w >> 26) & 1 == 1 {
        match opc {
            0 => Class::LoadV(4),
            1 => Class::LoadV(8),
            2 => Class::LoadV(16),
            _ => return Err(undef()),
        }
    } else {
        match opc {
            0 => Class::Load(4),
            1 => Class::Load(8),
            _ => Class::LoadS64(4),
        }
    };
    if is_fp(cl) {
        c.check_fp()?;
    }
    let imm19 = sext(((w >> 5) & 0x7FFFF) as u64, 19);
    let va = c.s.pc.wrapping_add(imm19 << 2);
    access(c, cl, va, w & 31)
}

/// PRFM (literal): a hint; no access, no fault.
pub(crate) fn prfm_lit(_c: &mut Cpu, _i: &Insn) -> Result<(), Stop> {
    Ok(())
}
