//! Pieces shared by the LLVM-syntax disassemblers of the load/store, FP and Advanced
//! SIMD groups: register names, arrangement specifiers, immediates in the forms
//! LLVM 14's AArch64 instruction printer uses.

use crate::decode::{Decoder, Insn};

/// The table line's name (`"SQSHL_imm_v_b"`), looked up through the global decoder,
/// which is the one [`crate::decode::disassemble`] decodes with.
pub fn line_name(i: &Insn) -> &'static str {
    Decoder::global()
        .encs
        .get(i.idx as usize)
        .map(|c| c.enc.name)
        .unwrap_or("?")
}

/// The mnemonic a line stands for: its name up to the first `_`, in lower case
/// (`"SQSHL_imm_v_b"` gives `"sqshl"`).
pub fn mnemonic(i: &Insn) -> String {
    let n = line_name(i);
    n.split('_').next().unwrap_or(n).to_ascii_lowercase()
}

/// Bits `lsb..lsb+len` of the word.
#[inline]
pub fn bits(w: u32, lsb: u32, len: u32) -> u32 {
    (w >> lsb) & (u32::MAX >> (32 - len))
}

/// General register `n` of width 64 (`x`) or 32: 31 is the zero register.
pub fn gpr(n: u32, x: bool) -> String {
    match (n & 31, x) {
        (31, true) => "xzr".into(),
        (31, false) => "wzr".into(),
        (n, true) => format!("x{n}"),
        (n, false) => format!("w{n}"),
    }
}

/// General register `n` where 31 is the stack pointer.
pub fn gpr_sp(n: u32, x: bool) -> String {
    match (n & 31, x) {
        (31, true) => "sp".into(),
        (31, false) => "wsp".into(),
        _ => gpr(n, x),
    }
}

/// A base address register: `Xn|SP`.
pub fn base(n: u32) -> String {
    gpr_sp(n, true)
}

/// Scalar SIMD&FP register of element size `1 << size` bytes (size 4 is Q).
pub fn fpr(n: u32, size: u32) -> String {
    let c = ['b', 'h', 's', 'd', 'q'][(size as usize).min(4)];
    format!("{c}{}", n & 31)
}

/// Arrangement specifier for element size `1 << size` bytes in a 64-bit (q = 0) or
/// 128-bit vector; size 4 (the 128-bit PMULL result) is `1q`.
pub fn arr(size: u32, q: u32) -> &'static str {
    const A: [&str; 10] = ["8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d", "1q", "1q"];
    A[((size.min(4) << 1) | (q & 1)) as usize]
}

/// `vN.T`.
pub fn vreg(n: u32, t: &str) -> String {
    format!("v{}.{t}", n & 31)
}

/// Vector register `n` with the arrangement of (size, q).
pub fn vr(n: u32, size: u32, q: u32) -> String {
    vreg(n, arr(size, q))
}

/// Element size letter.
pub fn esz(size: u32) -> char {
    ['b', 'h', 's', 'd', 'q'][(size as usize).min(4)]
}

/// `vN.<e>[index]`.
pub fn velem(n: u32, size: u32, index: u32) -> String {
    format!("v{}.{}[{index}]", n & 31, esz(size))
}

/// `{ vA.T, vB.T, ... }`: `count` consecutive registers, numbers wrapping at 32.
pub fn vlist(first: u32, count: u32, t: &str) -> String {
    let regs: Vec<String> = (0..count)
        .map(|k| vreg(first.wrapping_add(k) & 31, t))
        .collect();
    format!("{{ {} }}", regs.join(", "))
}

/// The "2" suffix of the upper-half (Q = 1) forms of widening and narrowing
/// instructions.
pub fn two(q: u32) -> &'static str {
    if q & 1 == 1 {
        "2"
    } else {
        ""
    }
}

/// Condition code names.
pub fn cond(c: u32) -> &'static str {
    [
        "eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al",
        "nv",
    ][(c & 15) as usize]
}

/// VFPExpandImm of an 8-bit FP immediate, printed as LLVM does (`#%.8f`). Every value
/// is k/128 * 2^e with few significant bits, so eight decimals are exact.
pub fn fp_imm8(imm8: u32) -> String {
    let sign = if imm8 & 0x80 != 0 { -1.0 } else { 1.0 };
    // exp = NOT(b):bb:cd in the Arm ARM; for the value: 2^(e) with e in -3..=4.
    let b6 = (imm8 >> 6) & 1;
    let e3 = ((imm8 >> 4) & 3) as i32;
    let e = if b6 == 1 { e3 - 3 } else { e3 + 1 };
    let frac = 1.0 + (imm8 & 15) as f64 / 16.0;
    format!("#{:.8}", sign * frac * 2f64.powi(e))
}

/// A 64-bit immediate in LLVM's `#%#016llx` form (C's `#` flag: no `0x` for zero,
/// and the `0x` counts towards the width).
pub fn imm64_c_alt(v: u64) -> String {
    if v == 0 {
        "#0000000000000000".into()
    } else {
        format!("#0x{v:014x}")
    }
}

/// `.inst` for words the formatter has no syntax for (LLVM calls them invalid).
pub fn inst(i: &Insn) -> String {
    format!(".inst\t{:#010x}", i.word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fp_imm8_values() {
        // Values from the Arm ARM's table of FMOV immediates.
        assert_eq!(fp_imm8(0x70), "#1.00000000");
        assert_eq!(fp_imm8(0x00), "#2.00000000");
        assert_eq!(fp_imm8(0xf0), "#-1.00000000");
        assert_eq!(fp_imm8(0x40), "#0.12500000");
        assert_eq!(fp_imm8(0x3f), "#31.00000000");
        assert_eq!(fp_imm8(0x7f), "#1.93750000");
    }

    #[test]
    fn imm64_like_c() {
        // llvm-mc 14: movi v0.2d, #0 / movi d0, #0xff.
        assert_eq!(imm64_c_alt(0), "#0000000000000000");
        assert_eq!(imm64_c_alt(0xff), "#0x000000000000ff");
        assert_eq!(imm64_c_alt(0xff00_0000_0000_0000), "#0xff00000000000000");
    }
}
