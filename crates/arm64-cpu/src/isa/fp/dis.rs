//! LLVM-syntax disassembly of the scalar floating-point group (what `llvm-objdump -d`
//! of LLVM 14 prints).

use crate::decode::Insn;
use crate::isa::dis_util::{bits, cond, fp_imm8, fpr, gpr, inst};

/// The FP register of format `ftype` (00 S, 01 D, 11 H); None for 10.
fn fr(n: u32, ftype: u32) -> Option<String> {
    match ftype & 3 {
        0 => Some(fpr(n, 2)),
        1 => Some(fpr(n, 3)),
        3 => Some(fpr(n, 1)),
        _ => None,
    }
}

fn ftype(w: u32) -> u32 {
    bits(w, 22, 2)
}

/// FMOV, FABS, FNEG, FSQRT, FRINT*, FRINT32/64* (register).
pub fn one_src(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let op = bits(w, 15, 6);
    let m = match op {
        0 => "fmov",
        1 => "fabs",
        2 => "fneg",
        3 => "fsqrt",
        8 => "frintn",
        9 => "frintp",
        10 => "frintm",
        11 => "frintz",
        12 => "frinta",
        14 => "frintx",
        15 => "frinti",
        16 => "frint32z",
        17 => "frint32x",
        18 => "frint64z",
        19 => "frint64x",
        _ => return inst(i),
    };
    let t = ftype(w);
    if op >= 16 && t > 1 {
        return inst(i);
    }
    match (fr(bits(w, 0, 5), t), fr(bits(w, 5, 5), t)) {
        (Some(d), Some(n)) => format!("{m}\t{d}, {n}"),
        _ => inst(i),
    }
}

/// FCVT between precisions: the destination format is opc (bits 16:15).
pub fn fcvt(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (t, opc) = (ftype(w), bits(w, 15, 2));
    if t == opc {
        return inst(i);
    }
    match (fr(bits(w, 0, 5), opc), fr(bits(w, 5, 5), t)) {
        (Some(d), Some(n)) => format!("fcvt\t{d}, {n}"),
        _ => inst(i),
    }
}

/// FCMP, FCMPE, with Rm or #0.0.
pub fn fcmp(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let m = if bits(w, 4, 1) == 1 { "fcmpe" } else { "fcmp" };
    let t = ftype(w);
    let Some(n) = fr(bits(w, 5, 5), t) else {
        return inst(i);
    };
    if bits(w, 3, 1) == 1 {
        return format!("{m}\t{n}, #0.0");
    }
    match fr(bits(w, 16, 5), t) {
        Some(r) => format!("{m}\t{n}, {r}"),
        None => inst(i),
    }
}

/// FMOV (scalar, immediate).
pub fn fmov_imm(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    match fr(bits(w, 0, 5), ftype(w)) {
        Some(d) => format!("fmov\t{d}, {}", fp_imm8(bits(w, 13, 8))),
        None => inst(i),
    }
}

/// FCCMP, FCCMPE.
pub fn fccmp(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let m = if bits(w, 4, 1) == 1 {
        "fccmpe"
    } else {
        "fccmp"
    };
    let t = ftype(w);
    match (fr(bits(w, 5, 5), t), fr(bits(w, 16, 5), t)) {
        (Some(n), Some(r)) => format!(
            "{m}\t{n}, {r}, #{}, {}",
            bits(w, 0, 4),
            cond(bits(w, 12, 4))
        ),
        _ => inst(i),
    }
}

/// Data processing, 2 sources.
pub fn two_src(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let m = match bits(w, 12, 4) {
        0 => "fmul",
        1 => "fdiv",
        2 => "fadd",
        3 => "fsub",
        4 => "fmax",
        5 => "fmin",
        6 => "fmaxnm",
        7 => "fminnm",
        8 => "fnmul",
        _ => return inst(i),
    };
    let t = ftype(w);
    match (
        fr(bits(w, 0, 5), t),
        fr(bits(w, 5, 5), t),
        fr(bits(w, 16, 5), t),
    ) {
        (Some(d), Some(n), Some(r)) => format!("{m}\t{d}, {n}, {r}"),
        _ => inst(i),
    }
}

/// FCSEL.
pub fn fcsel(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let t = ftype(w);
    match (
        fr(bits(w, 0, 5), t),
        fr(bits(w, 5, 5), t),
        fr(bits(w, 16, 5), t),
    ) {
        (Some(d), Some(n), Some(r)) => {
            format!("fcsel\t{d}, {n}, {r}, {}", cond(bits(w, 12, 4)))
        }
        _ => inst(i),
    }
}

/// FMADD, FMSUB, FNMADD, FNMSUB.
pub fn three_src(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let m =
        ["fmadd", "fmsub", "fnmadd", "fnmsub"][((bits(w, 21, 1) << 1) | bits(w, 15, 1)) as usize];
    let t = ftype(w);
    match (
        fr(bits(w, 0, 5), t),
        fr(bits(w, 5, 5), t),
        fr(bits(w, 16, 5), t),
        fr(bits(w, 10, 5), t),
    ) {
        (Some(d), Some(n), Some(r), Some(a)) => format!("{m}\t{d}, {n}, {r}, {a}"),
        _ => inst(i),
    }
}

/// SCVTF/UCVTF and FCVTZS/FCVTZU with a fixed-point scale: `#fbits` = 64 - scale.
pub fn fixed(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (sf, t, rmode, u, scale) = (
        bits(w, 31, 1) == 1,
        ftype(w),
        bits(w, 19, 2),
        bits(w, 16, 1),
        bits(w, 10, 6),
    );
    if !sf && scale < 32 {
        return inst(i);
    }
    let fbits = 64 - scale;
    let Some(f) = fr(bits(w, if rmode == 0 { 0 } else { 5 }, 5), t) else {
        return inst(i);
    };
    if rmode == 0 {
        let m = if u == 1 { "ucvtf" } else { "scvtf" };
        format!("{m}\t{f}, {}, #{fbits}", gpr(bits(w, 5, 5), sf))
    } else {
        let m = if u == 1 { "fcvtzu" } else { "fcvtzs" };
        format!("{m}\t{}, {f}, #{fbits}", gpr(bits(w, 0, 5), sf))
    }
}

/// FP <-> integer conversions: FCVT[NPMZA][SU], [SU]CVTF.
pub fn int_conv(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (sf, t, rmode, opcode) = (
        bits(w, 31, 1) == 1,
        ftype(w),
        bits(w, 19, 2),
        bits(w, 16, 3),
    );
    let u = opcode & 1;
    let m = match (opcode >> 1, rmode) {
        (0, r) => format!("fcvt{}{}", ["n", "p", "m", "z"][r as usize], su(u)),
        (2, 0) => format!("fcvta{}", su(u)),
        (1, 0) => format!("{}cvtf", su(u)),
        _ => return inst(i),
    };
    if opcode >> 1 == 1 {
        match fr(bits(w, 0, 5), t) {
            Some(d) => format!("{m}\t{d}, {}", gpr(bits(w, 5, 5), sf)),
            None => inst(i),
        }
    } else {
        match fr(bits(w, 5, 5), t) {
            Some(n) => format!("{m}\t{}, {n}", gpr(bits(w, 0, 5), sf)),
            None => inst(i),
        }
    }
}

fn su(u: u32) -> &'static str {
    if u == 1 {
        "u"
    } else {
        "s"
    }
}

/// FJCVTZS.
pub fn fjcvtzs(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    format!(
        "fjcvtzs\t{}, {}",
        gpr(bits(w, 0, 5), false),
        fpr(bits(w, 5, 5), 3)
    )
}

/// FMOV (general): W/X <-> H/S/D, and X <-> V.D[1].
pub fn fmov_gen(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (sf, t, rmode, to_fp) = (
        bits(w, 31, 1),
        ftype(w),
        bits(w, 19, 2),
        bits(w, 16, 1) == 1,
    );
    let (d, n) = (bits(w, 0, 5), bits(w, 5, 5));
    let v = match (sf, t, rmode) {
        (1, 2, 1) => {
            return if to_fp {
                format!("fmov\tv{d}.d[1], {}", gpr(n, true))
            } else {
                format!("fmov\t{}, v{n}.d[1]", gpr(d, true))
            };
        }
        (0, 0, 0) => 2,
        (1, 1, 0) => 3,
        (_, 3, 0) => 1,
        _ => return inst(i),
    };
    if to_fp {
        format!("fmov\t{}, {}", fpr(d, v), gpr(n, sf == 1))
    } else {
        format!("fmov\t{}, {}", gpr(d, sf == 1), fpr(n, v))
    }
}
