//! LDP/STP/LDPSW/LDNP/STNP of general and SIMD&FP registers.

use super::{base, bytes_mask, ld, ld128, sext, st, st128, undef};
use crate::cpu::{Cpu, Stop};
use crate::decode::Insn;

/// All pair forms: bits 31:30 opc, 26 V, 24:23 addressing (00 no-allocate, 01
/// post-index, 10 signed offset, 11 pre-index), 22 L, imm7 scaled by the element size.
///
/// Each element is its own access (Mem[address, dbytes] twice), so alignment is
/// checked per element and an MMIO pair exits once per element.
///
/// CONSTRAINED UNPREDICTABLE cases, resolved as QEMU 7.2 does:
/// - LDP with Rt == Rt2: general registers end up with the first (lower address)
///   element (QEMU writes Rt2 first, then Rt); SIMD&FP registers with the second.
/// - writeback with Rn == Rt or Rn == Rt2 (n != 31): loads write the registers, then
///   the written-back address to Rn; stores store the values from before writeback.
pub(crate) fn ldst_pair(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let w = i.word;
    let opc = w >> 30;
    let vec = (w >> 26) & 1 == 1;
    let mode = (w >> 23) & 3;
    let load = (w >> 22) & 1 == 1;
    let (rt2, rn, rt) = ((w >> 10) & 31, (w >> 5) & 31, w & 31);
    // (element bytes, LDPSW)
    let (bytes, signed) = if vec {
        match opc {
            0 => (4usize, false),
            1 => (8, false),
            2 => (16, false),
            _ => return Err(undef()),
        }
    } else {
        match opc {
            0 => (4, false),
            2 => (8, false),
            // opc = 01 is LDPSW (the table has it only with L = 1, not no-allocate).
            1 => (4, true),
            _ => return Err(undef()),
        }
    };
    if vec {
        c.check_fp()?;
    }
    let imm7 = sext(((w >> 15) & 0x7F) as u64, 7);
    let offset = imm7 << bytes.trailing_zeros();
    let b = base(c, rn)?;
    let (va, wb) = match mode {
        1 => (b, Some(b.wrapping_add(offset))),
        3 => {
            let a = b.wrapping_add(offset);
            (a, Some(a))
        }
        _ => (b.wrapping_add(offset), None),
    };
    let va2 = va.wrapping_add(bytes as u64);
    if vec {
        if load {
            let (d1, d2) = if bytes == 16 {
                (ld128(c, va)?, ld128(c, va2)?)
            } else {
                (ld(c, va, bytes)? as u128, ld(c, va2, bytes)? as u128)
            };
            c.s.set_v(rt, d1);
            c.s.set_v(rt2, d2);
        } else {
            let (d1, d2) = (c.s.v(rt), c.s.v(rt2));
            if bytes == 16 {
                st128(c, va, d1)?;
                st128(c, va2, d2)?;
            } else {
                let m = bytes_mask(bytes);
                st(c, va, bytes, d1 as u64 & m)?;
                st(c, va2, bytes, d2 as u64 & m)?;
            }
        }
    } else if load {
        let mut d1 = ld(c, va, bytes)?;
        let mut d2 = ld(c, va2, bytes)?;
        if signed {
            d1 = sext(d1, 32);
            d2 = sext(d2, 32);
        }
        c.s.set_xr(rt2, d2);
        c.s.set_xr(rt, d1);
    } else {
        let m = bytes_mask(bytes);
        let (d1, d2) = (c.s.xr(rt) & m, c.s.xr(rt2) & m);
        st(c, va, bytes, d1)?;
        st(c, va2, bytes, d2)?;
    }
    if let Some(a) = wb {
        c.s.set_xsp(rn, a);
    }
    Ok(())
}
