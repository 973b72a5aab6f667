//! Advanced SIMD load/store structures: LD1..LD4/ST1..ST4 (multiple structures),
//! single structure to/from one lane, and LD1R..LD4R (load and replicate).
//!
//! Each element is an access of its own size (Mem[address, ebytes] in the Arm ARM),
//! so alignment is per element and MMIO is accessed element by element. When the
//! whole transfer lies in RAM it is done as one copy.

use super::{base, undef};
use crate::cpu::{Cpu, Stop};
use crate::decode::Insn;
use crate::mem::Acc;

/// Reads `buf.len()` bytes of consecutive `ebytes`-sized elements at `va`.
fn read_elems(c: &mut Cpu, va: u64, buf: &mut [u8], ebytes: usize) -> Result<(), Stop> {
    // Elements are contiguous, so they are all aligned if the first one is.
    c.check_alignment(va, ebytes, false)?;
    let pa = c.translate(va, Acc::Read)?;
    if c.is_ram(pa, buf.len()) {
        return c.read_bytes(va, buf);
    }
    for (k, chunk) in buf.chunks_exact_mut(ebytes).enumerate() {
        let a = va.wrapping_add((k * ebytes) as u64);
        let v = c.read_mem(a, ebytes)?;
        chunk.copy_from_slice(&v.to_le_bytes()[..ebytes]);
    }
    Ok(())
}

/// Writes `data` as consecutive `ebytes`-sized elements at `va`.
fn write_elems(c: &mut Cpu, va: u64, data: &[u8], ebytes: usize) -> Result<(), Stop> {
    c.check_alignment(va, ebytes, true)?;
    let pa = c.translate(va, Acc::Write)?;
    if c.ram_ptr(pa, data.len(), true).is_some() {
        return c.write_bytes(va, data);
    }
    for (k, chunk) in data.chunks_exact(ebytes).enumerate() {
        let a = va.wrapping_add((k * ebytes) as u64);
        let mut b = [0u8; 8];
        b[..ebytes].copy_from_slice(chunk);
        c.write_mem(a, ebytes, u64::from_le_bytes(b))?;
    }
    Ok(())
}

/// Base writeback of the post-index forms: Rm = 31 adds the bytes transferred,
/// otherwise X[m].
#[inline]
fn post_index(c: &mut Cpu, w: u32, rn: u32, va: u64, transferred: usize) {
    if (w >> 23) & 1 == 1 {
        let rm = (w >> 16) & 31;
        let off = if rm == 31 {
            transferred as u64
        } else {
            c.s.x[rm as usize]
        };
        c.s.set_xsp(rn, va.wrapping_add(off));
    }
}

/// LD1-LD4/ST1-ST4 (multiple structures), with and without post-index.
pub(crate) fn ldst_mult(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let w = i.word;
    let q = (w >> 30) & 1;
    let load = (w >> 22) & 1 == 1;
    let opcode = (w >> 12) & 0xF;
    let size = (w >> 10) & 3;
    let (rn, rt) = ((w >> 5) & 31, w & 31);
    // (rpt, selem)
    let (rpt, selem) = match opcode {
        0b0000 => (1usize, 4usize),
        0b0010 => (4, 1),
        0b0100 => (1, 3),
        0b0110 => (3, 1),
        0b0111 => (1, 1),
        0b1000 => (1, 2),
        0b1010 => (2, 1),
        _ => return Err(undef()),
    };
    // 64-bit elements in a 64-bit vector: one element, no structure to interleave.
    if size == 3 && q == 0 && selem != 1 {
        return Err(undef());
    }
    c.check_fp()?;
    let ebytes = 1usize << size;
    let regbytes = if q == 1 { 16 } else { 8 };
    let elements = regbytes / ebytes;
    let nregs = rpt * selem;
    let total = nregs * regbytes;
    let va = base(c, rn)?;
    let mut buf = [0u8; 64];
    // Register r of the list is register (t + r) mod 32; element e of structure
    // member s in repetition rep is at offset ((rep * elements + e) * selem + s) * ebytes.
    if load {
        read_elems(c, va, &mut buf[..total], ebytes)?;
        let mut regs = [[0u8; 16]; 4];
        let mut off = 0;
        for rep in 0..rpt {
            for e in 0..elements {
                for reg in regs[rep..rep + selem].iter_mut() {
                    reg[e * ebytes..(e + 1) * ebytes].copy_from_slice(&buf[off..off + ebytes]);
                    off += ebytes;
                }
            }
        }
        for (r, reg) in regs.iter().enumerate().take(nregs) {
            c.s.set_v((rt + r as u32) & 31, u128::from_le_bytes(*reg));
        }
    } else {
        let mut regs = [[0u8; 16]; 4];
        for (r, reg) in regs.iter_mut().enumerate().take(nregs) {
            *reg = c.s.v((rt + r as u32) & 31).to_le_bytes();
        }
        let mut off = 0;
        for rep in 0..rpt {
            for e in 0..elements {
                for reg in &regs[rep..rep + selem] {
                    buf[off..off + ebytes].copy_from_slice(&reg[e * ebytes..(e + 1) * ebytes]);
                    off += ebytes;
                }
            }
        }
        write_elems(c, va, &buf[..total], ebytes)?;
    }
    post_index(c, w, rn, va, total);
    Ok(())
}

/// LD1-LD4/ST1-ST4 (single structure) and LD1R-LD4R, with and without post-index.
pub(crate) fn ldst_single(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let w = i.word;
    let q = ((w >> 30) & 1) as usize;
    let load = (w >> 22) & 1 == 1;
    let r = (w >> 21) & 1;
    let opcode = (w >> 13) & 7;
    let s = ((w >> 12) & 1) as usize;
    let size = ((w >> 10) & 3) as usize;
    let (rn, rt) = ((w >> 5) & 31, w & 31);
    let selem = (((opcode & 1) << 1 | r) + 1) as usize;
    let mut scale = (opcode >> 1) as usize;
    let mut replicate = false;
    let mut index = 0usize;
    match scale {
        3 => {
            if !load || s == 1 {
                return Err(undef());
            }
            scale = size;
            replicate = true;
        }
        0 => index = q << 3 | s << 2 | size,
        1 => {
            if size & 1 == 1 {
                return Err(undef());
            }
            index = q << 2 | s << 1 | size >> 1;
        }
        _ => {
            if size & 2 != 0 {
                return Err(undef());
            }
            if size & 1 == 0 {
                index = q << 1 | s;
            } else {
                if s == 1 {
                    return Err(undef());
                }
                index = q;
                scale = 3;
            }
        }
    }
    c.check_fp()?;
    let ebytes = 1usize << scale;
    let total = selem * ebytes;
    let va = base(c, rn)?;
    let mut buf = [0u8; 32];
    if load {
        read_elems(c, va, &mut buf[..total], ebytes)?;
        for k in 0..selem {
            let t = (rt + k as u32) & 31;
            let elem = &buf[k * ebytes..(k + 1) * ebytes];
            let mut reg = [0u8; 16];
            if replicate {
                // Replicated across the 64- or 128-bit vector; the rest is zero.
                let n = if q == 1 { 16 } else { 8 };
                for chunk in reg[..n].chunks_exact_mut(ebytes) {
                    chunk.copy_from_slice(elem);
                }
            } else {
                // A lane load keeps the other lanes of the 128-bit register.
                reg = c.s.v(t).to_le_bytes();
                reg[index * ebytes..(index + 1) * ebytes].copy_from_slice(elem);
            }
            c.s.set_v(t, u128::from_le_bytes(reg));
        }
    } else {
        for k in 0..selem {
            let reg = c.s.v((rt + k as u32) & 31).to_le_bytes();
            buf[k * ebytes..(k + 1) * ebytes]
                .copy_from_slice(&reg[index * ebytes..(index + 1) * ebytes]);
        }
        write_elems(c, va, &buf[..total], ebytes)?;
    }
    post_index(c, w, rn, va, total);
    Ok(())
}
