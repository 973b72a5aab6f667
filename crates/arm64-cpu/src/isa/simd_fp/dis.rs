//! LLVM-syntax disassembly of the Advanced SIMD floating-point group (what
//! `llvm-objdump -d` of LLVM 14 prints), vector and scalar forms.
//!
//! The mnemonic comes from the architectural opcode bits rather than the table line,
//! since one line covers a whole opcode column (FP3_v is every "three same" FP op).

use crate::decode::Insn;
use crate::isa::dis_util::{bits, fpr, inst, two, velem, vr};

fn is_scalar(w: u32) -> bool {
    bits(w, 28, 1) == 1
}

/// Element size (1 H, 2 S, 3 D) of the forms where bit 22 is sz, or H for the
/// FP16 encodings.
fn fsize(half: bool, sz: u32) -> u32 {
    if half {
        1
    } else {
        2 + sz
    }
}

/// A vector operand `vN.T` for element size `es` (1..3); None for the reserved 1D.
fn fvec(n: u32, es: u32, q: u32) -> Option<String> {
    if es == 3 && q == 0 {
        None
    } else {
        Some(vr(n, es, q))
    }
}

/// Operands of a same-size FP op: scalar registers or vectors.
fn operands(w: u32, es: u32, regs: &[u32]) -> Option<Vec<String>> {
    let q = bits(w, 30, 1);
    regs.iter()
        .map(|&r| {
            if is_scalar(w) {
                Some(fpr(r, es))
            } else {
                fvec(r, es, q)
            }
        })
        .collect()
}

fn fmt(i: &Insn, m: &str, ops: Option<Vec<String>>, tail: &str) -> String {
    match ops {
        Some(o) => format!("{m}\t{}{tail}", o.join(", ")),
        None => inst(i),
    }
}

/// Three same (FP and FP16), vector and scalar, including FMLAL/FMLSL (FEAT_FHM).
pub fn three_same(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let half = bits(w, 21, 1) == 0;
    let (q, u, a, sz, op) = (
        bits(w, 30, 1),
        bits(w, 29, 1),
        bits(w, 23, 1),
        bits(w, 22, 1),
        bits(w, 11, 3),
    );
    const M: [[&str; 8]; 4] = [
        [
            "fmaxnm", "fmla", "fadd", "fmulx", "fcmeq", "fmlal", "fmax", "frecps",
        ],
        ["fminnm", "fmls", "fsub", "", "", "fmlsl", "fmin", "frsqrts"],
        [
            "fmaxnmp", "fmlal2", "faddp", "fmul", "fcmge", "facge", "fmaxp", "fdiv",
        ],
        [
            "fminnmp", "fmlsl2", "fabd", "", "fcmgt", "facgt", "fminp", "",
        ],
    ];
    let m = M[((u << 1) | a) as usize][op as usize];
    let (rd, rn, rm) = (bits(w, 0, 5), bits(w, 5, 5), bits(w, 16, 5));
    let fhm = matches!((u, op), (0, 5) | (1, 1));
    if m.is_empty() || (half && fhm) {
        return inst(i);
    }
    if fhm {
        if sz == 1 || is_scalar(w) {
            return inst(i);
        }
        let h = if q == 1 { "4h" } else { "2h" };
        return format!("{m}\t{}, v{rn}.{h}, v{rm}.{h}", vr(rd, 2, q),);
    }
    fmt(i, m, operands(w, fsize(half, sz), &[rd, rn, rm]), "")
}

/// Two-register miscellaneous (FP and FP16), vector and scalar.
pub fn misc(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let half = bits(w, 19, 1) == 1;
    let (u, a, sz, opcode) = (
        bits(w, 29, 1),
        bits(w, 23, 1),
        bits(w, 22, 1),
        bits(w, 12, 5),
    );
    let su = if u == 1 { "u" } else { "s" };
    // FABS/FNEG have no Advanced SIMD scalar form (LLVM: invalid).
    if is_scalar(w) && opcode == 0b01111 {
        return inst(i);
    }
    let (m, zero): (String, bool) = match (opcode, a, u) {
        (0b01100, 1, 0) => ("fcmgt".into(), true),
        (0b01100, 1, 1) => ("fcmge".into(), true),
        (0b01101, 1, 0) => ("fcmeq".into(), true),
        (0b01101, 1, 1) => ("fcmle".into(), true),
        (0b01110, 1, 0) => ("fcmlt".into(), true),
        (0b01111, 1, 0) => ("fabs".into(), false),
        (0b01111, 1, 1) => ("fneg".into(), false),
        (0b11000, 0, 0) => ("frintn".into(), false),
        (0b11000, 0, 1) => ("frinta".into(), false),
        (0b11000, 1, 0) => ("frintp".into(), false),
        (0b11001, 0, 0) => ("frintm".into(), false),
        (0b11001, 0, 1) => ("frintx".into(), false),
        (0b11001, 1, 0) => ("frintz".into(), false),
        (0b11001, 1, 1) => ("frinti".into(), false),
        (0b11010, 0, _) => (format!("fcvtn{su}"), false),
        (0b11010, 1, _) => (format!("fcvtp{su}"), false),
        (0b11011, 0, _) => (format!("fcvtm{su}"), false),
        (0b11011, 1, _) => (format!("fcvtz{su}"), false),
        (0b11100, 0, _) => (format!("fcvta{su}"), false),
        (0b11101, 0, _) => (format!("{su}cvtf"), false),
        (0b11101, 1, 0) => ("frecpe".into(), false),
        (0b11101, 1, 1) => ("frsqrte".into(), false),
        (0b11110, 0, 0) => ("frint32z".into(), false),
        (0b11110, 0, 1) => ("frint32x".into(), false),
        (0b11111, 0, 0) => ("frint64z".into(), false),
        (0b11111, 0, 1) => ("frint64x".into(), false),
        (0b11111, 1, 0) => ("frecpx".into(), false),
        (0b11111, 1, 1) => ("fsqrt".into(), false),
        _ => return inst(i),
    };
    let ops = operands(w, fsize(half, sz), &[bits(w, 0, 5), bits(w, 5, 5)]);
    fmt(i, &m, ops, if zero { ", #0.0" } else { "" })
}

/// FCVTN/FCVTN2, FCVTL/FCVTL2, FCVTXN/FCVTXN2 and scalar FCVTXN.
pub fn fcvtn(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (q, u, sz, o) = (
        bits(w, 30, 1),
        bits(w, 29, 1),
        bits(w, 22, 1),
        bits(w, 12, 1),
    );
    let (rd, rn) = (bits(w, 0, 5), bits(w, 5, 5));
    if is_scalar(w) {
        return if sz == 1 {
            format!("fcvtxn\t{}, {}", fpr(rd, 2), fpr(rn, 3))
        } else {
            inst(i)
        };
    }
    // Narrow element size 1 (H) or 2 (S); the wide one is one more.
    let narrow = 1 + sz;
    let (nv, wv) = (vr(0, narrow, q), vr(0, narrow + 1, 1));
    let (nt, wt) = (&nv[3..], &wv[3..]);
    match (u, o) {
        (0, 0) => format!("fcvtn{}\tv{rd}.{nt}, v{rn}.{wt}", two(q)),
        (1, 0) if sz == 1 => format!("fcvtxn{}\tv{rd}.{nt}, v{rn}.{wt}", two(q)),
        (0, 1) => format!("fcvtl{}\tv{rd}.{wt}, v{rn}.{nt}", two(q)),
        _ => inst(i),
    }
}

/// Scalar pairwise FMAXNMP/FADDP/FMAXP/FMINNMP/FMINP: U = 0 is the FP16 form.
pub fn pairwise_scalar(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (u, a, sz, op) = (
        bits(w, 29, 1),
        bits(w, 23, 1),
        bits(w, 22, 1),
        bits(w, 12, 2),
    );
    let m = match (op, a) {
        (0, 0) => "fmaxnmp",
        (0, 1) => "fminnmp",
        (1, 0) => "faddp",
        (3, 0) => "fmaxp",
        (3, 1) => "fminp",
        _ => return inst(i),
    };
    let es = if u == 0 {
        if sz == 1 {
            return inst(i);
        }
        1
    } else {
        2 + sz
    };
    let t = ["", "2h", "2s", "2d"][es as usize];
    format!("{m}\t{}, v{}.{t}", fpr(bits(w, 0, 5), es), bits(w, 5, 5))
}

/// Across lanes FMAXNMV/FMINNMV/FMAXV/FMINV: U = 0 is the FP16 form.
pub fn across(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (q, u, a, sz, op) = (
        bits(w, 30, 1),
        bits(w, 29, 1),
        bits(w, 23, 1),
        bits(w, 22, 1),
        bits(w, 12, 2),
    );
    let m = match (op, a) {
        (0, 0) => "fmaxnmv",
        (0, 1) => "fminnmv",
        (3, 0) => "fmaxv",
        (3, 1) => "fminv",
        _ => return inst(i),
    };
    let es = match (u, sz, q) {
        (0, 0, _) => 1,
        (1, 0, 1) => 2,
        _ => return inst(i),
    };
    format!(
        "{m}\t{}, {}",
        fpr(bits(w, 0, 5), es),
        vr(bits(w, 5, 5), es, q)
    )
}

/// By element: FMLA, FMLS, FMUL, FMULX, vector and scalar.
pub fn by_element(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (u, size, l, m, rm4, opc, h) = (
        bits(w, 29, 1),
        bits(w, 22, 2),
        bits(w, 21, 1),
        bits(w, 20, 1),
        bits(w, 16, 4),
        bits(w, 12, 4),
        bits(w, 11, 1),
    );
    let mn = match (opc, u) {
        (1, 0) => "fmla",
        (5, 0) => "fmls",
        (9, 0) => "fmul",
        (9, 1) => "fmulx",
        _ => return inst(i),
    };
    let (es, index, rm) = match size {
        0 => (1, (h << 2) | (l << 1) | m, rm4),
        2 => (2, (h << 1) | l, (m << 4) | rm4),
        3 if l == 0 => (3, h, (m << 4) | rm4),
        _ => return inst(i),
    };
    let ops = operands(w, es, &[bits(w, 0, 5), bits(w, 5, 5)]);
    match ops {
        Some(o) => format!("{mn}\t{}, {}", o.join(", "), velem(rm, es, index)),
        None => inst(i),
    }
}

/// SCVTF/UCVTF/FCVTZS/FCVTZU (vector and scalar, fixed-point): `#fbits` =
/// 2 * esize - immh:immb.
pub fn fixed(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (u, immhb, opcode) = (bits(w, 29, 1), bits(w, 16, 7), bits(w, 11, 5));
    let es = match immhb >> 3 {
        8..=15 => 3,
        4..=7 => 2,
        2 | 3 => 1,
        _ => return inst(i),
    };
    let fbits = (16u32 << es) - immhb;
    let m = match (opcode, u) {
        (0b11100, 0) => "scvtf",
        (0b11100, _) => "ucvtf",
        (0b11111, 0) => "fcvtzs",
        _ => "fcvtzu",
    };
    let ops = operands(w, es, &[bits(w, 0, 5), bits(w, 5, 5)]);
    fmt(i, m, ops, &format!(", #{fbits}"))
}

/// FMLAL/FMLSL/FMLAL2/FMLSL2 (by element, FEAT_FHM): `fmlal v0.2s, v1.2h, v2.h[3]`.
pub fn fmlal_elem(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (q, u, s) = (bits(w, 30, 1), bits(w, 29, 1), bits(w, 14, 1));
    let index = (bits(w, 11, 1) << 2) | (bits(w, 21, 1) << 1) | bits(w, 20, 1);
    let m = ["fmlal", "fmlsl", "fmlal2", "fmlsl2"][((u << 1) | s) as usize];
    let h = if q == 1 { "4h" } else { "2h" };
    format!(
        "{m}\t{}, v{}.{h}, {}",
        vr(bits(w, 0, 5), 2, q),
        bits(w, 5, 5),
        velem(bits(w, 16, 4), 1, index)
    )
}
