//! A64 base data processing and branches (Arm ARM C4.1: "Data Processing --
//! Immediate", "Data Processing -- Register", "Branches, Exception Generating and
//! System instructions" minus the system part, which is in [`super::system`]).

use crate::cpu::{Cpu, Stop};
use crate::decode::{Enc, Insn};

/// This group's lines of the decode table.
pub static ENCODINGS: &[Enc] = &[
    // Add/subtract (immediate). sh=1 shifts imm12 left by 12.
    Enc::new(
        "ADD_imm",
        "sf:1 op:1 s:1 100010 sh:1 imm12:12 rn:5 rd:5",
        add_sub_imm,
    ),
];

/// AddWithCarry from the Arm ARM: the sum and the NZCV flags it produces.
#[inline]
pub fn add_with_carry(x: u64, y: u64, carry: bool, sf: bool) -> (u64, u32) {
    if sf {
        let (r1, c1) = x.overflowing_add(y);
        let (r, c2) = r1.overflowing_add(carry as u64);
        let v = ((x ^ r) & (y ^ r)) >> 63 != 0;
        let n = r >> 63 != 0;
        (r, flags(n, r == 0, c1 || c2, v))
    } else {
        let (x, y) = (x as u32, y as u32);
        let (r1, c1) = x.overflowing_add(y);
        let (r, c2) = r1.overflowing_add(carry as u32);
        let v = ((x ^ r) & (y ^ r)) >> 31 != 0;
        let n = r >> 31 != 0;
        (r as u64, flags(n, r == 0, c1 || c2, v))
    }
}

#[inline]
fn flags(n: bool, z: bool, c: bool, v: bool) -> u32 {
    (n as u32) << 31 | (z as u32) << 30 | (c as u32) << 29 | (v as u32) << 28
}

/// ADD/ADDS/SUB/SUBS (immediate); also MOV to/from SP and CMP/CMN aliases.
fn add_sub_imm(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [sf, op, s, sh, imm12, rn, rd, ..] = i.f;
    let imm = (imm12 as u64) << (12 * sh);
    let x = c.s.xsp(rn);
    let (y, carry) = if op == 1 { (!imm, true) } else { (imm, false) };
    let (r, nzcv) = add_with_carry(x, y, carry, sf == 1);
    if s == 1 {
        c.s.pstate.nzcv = nzcv;
        c.s.set_xr(rd, r);
    } else {
        c.s.set_xsp(rd, r);
    }
    Ok(())
}
