//! LLVM-syntax disassembly of the load/store group (what `llvm-objdump -d` of LLVM 14
//! prints, aliases included: `stadd`, `mov`-free forms, prefetch operation names).
//!
//! Formatters read the word's bits directly (the fields each table line extracts are
//! at the architectural positions), so one formatter serves every line of a form.

use crate::decode::Insn;
use crate::isa::dis_util::{arr, base, bits, fpr, gpr, inst, mnemonic, vlist};

/// `PRFM` operation: PLD/PLI/PST, L1..L3, KEEP/STRM; other values print as `#n`.
fn prfop(rt: u32) -> String {
    let (ty, target, strm) = (rt >> 3, (rt >> 1) & 3, rt & 1);
    if ty < 3 && target < 3 {
        format!(
            "{}l{}{}",
            ["pld", "pli", "pst"][ty as usize],
            target + 1,
            if strm == 1 { "strm" } else { "keep" }
        )
    } else {
        format!("#{rt}")
    }
}

/// The transfer register and mnemonic of a single-register load/store from
/// size (31:30), V (26) and opc (23:22), with the mnemonic stems for the
/// ordinary (`ldr`), unscaled (`ldur`) and unprivileged (`ldtr`) forms.
/// Returns (mnemonic, register, log2 of the access size), or None if unallocated.
fn single(w: u32, stem_ld: &str, stem_st: &str) -> Option<(String, String, u32)> {
    let size = bits(w, 30, 2);
    let v = bits(w, 26, 1);
    let opc = bits(w, 22, 2);
    let rt = bits(w, 0, 5);
    if v == 1 {
        let scale = if opc & 2 != 0 {
            if size != 0 {
                return None;
            }
            4
        } else {
            size
        };
        let m = if opc & 1 == 1 { stem_ld } else { stem_st };
        return Some((m.to_string(), fpr(rt, scale), scale));
    }
    let sfx = ["b", "h", "", ""][size as usize];
    match opc {
        0 => Some((format!("{stem_st}{sfx}"), gpr(rt, size == 3), size)),
        1 => Some((format!("{stem_ld}{sfx}"), gpr(rt, size == 3), size)),
        _ => {
            // Sign-extending loads: opc<0> = 1 for a W destination.
            if size == 3 || (size == 2 && opc == 3) {
                return None;
            }
            let sfx = ["b", "h", "w", ""][size as usize];
            Some((format!("{stem_ld}s{sfx}"), gpr(rt, opc == 2), size))
        }
    }
}

/// LDR (literal), LDRSW (literal), PRFM (literal), LDR (literal, SIMD&FP): the
/// target address is printed absolute.
pub fn literal(i: &Insn, pc: u64) -> String {
    let w = i.word;
    let imm19 = ((w as i32) << 8 >> 13) as i64;
    let t = pc.wrapping_add((imm19 << 2) as u64);
    let (opc, v, rt) = (bits(w, 30, 2), bits(w, 26, 1), bits(w, 0, 5));
    match (v, opc) {
        (0, 0) => format!("ldr\t{}, {t:#x}", gpr(rt, false)),
        (0, 1) => format!("ldr\t{}, {t:#x}", gpr(rt, true)),
        (0, 2) => format!("ldrsw\t{}, {t:#x}", gpr(rt, true)),
        (0, _) => format!("prfm\t{}, {t:#x}", prfop(rt)),
        (_, 3) => inst(i),
        (_, o) => format!("ldr\t{}, {t:#x}", fpr(rt, o + 2)),
    }
}

/// Unsigned scaled 12-bit offset: `[Xn|SP{, #pimm}]`.
pub fn uimm(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let imm12 = bits(w, 10, 12);
    let rn = bits(w, 5, 5);
    if bits(w, 30, 2) == 3 && bits(w, 26, 1) == 0 && bits(w, 22, 2) == 2 {
        let off = imm12 << 3;
        return format!(
            "prfm\t{}, {}",
            prfop(bits(w, 0, 5)),
            addr_off(rn, off as i64)
        );
    }
    match single(w, "ldr", "str") {
        Some((m, rt, scale)) => {
            let off = (imm12 as i64) << scale;
            format!("{m}\t{rt}, {}", addr_off(rn, off))
        }
        None => inst(i),
    }
}

fn addr_off(rn: u32, off: i64) -> String {
    if off == 0 {
        format!("[{}]", base(rn))
    } else {
        format!("[{}, #{off}]", base(rn))
    }
}

/// The 9-bit signed offset forms: unscaled (LDUR, PRFUM), post-index, unprivileged
/// (LDTR) and pre-index, told apart by bits 11:10.
pub fn imm9(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let imm9 = ((w as i32) << 11 >> 23) as i64;
    let rn = bits(w, 5, 5);
    let mode = bits(w, 10, 2);
    if mode == 0 && bits(w, 30, 2) == 3 && bits(w, 26, 1) == 0 && bits(w, 22, 2) == 2 {
        return format!("prfum\t{}, {}", prfop(bits(w, 0, 5)), addr_off(rn, imm9));
    }
    let (ld, st) = match mode {
        0 => ("ldur", "stur"),
        2 => ("ldtr", "sttr"),
        _ => ("ldr", "str"),
    };
    let Some((m, rt, _)) = single(w, ld, st) else {
        return inst(i);
    };
    let b = base(rn);
    match mode {
        1 => format!("{m}\t{rt}, [{b}], #{imm9}"),
        3 => format!("{m}\t{rt}, [{b}, #{imm9}]!"),
        _ => format!("{m}\t{rt}, {}", addr_off(rn, imm9)),
    }
}

/// Register offset: `[Xn|SP, (W|X)m{, extend {#amount}}]`.
pub fn reg(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (rm, option, s, rn) = (
        bits(w, 16, 5),
        bits(w, 13, 3),
        bits(w, 12, 1),
        bits(w, 5, 5),
    );
    let prfm = bits(w, 30, 2) == 3 && bits(w, 26, 1) == 0 && bits(w, 22, 2) == 2;
    let (m, rt, scale) = if prfm {
        ("prfm".to_string(), prfop(bits(w, 0, 5)), 3)
    } else {
        match single(w, "ldr", "str") {
            Some(x) => x,
            None => return inst(i),
        }
    };
    if option & 2 == 0 {
        return inst(i);
    }
    let idx = gpr(rm, option & 1 == 1);
    let ext = match (option, s) {
        (3, 0) => String::new(),
        (3, _) => format!(", lsl #{scale}"),
        (_, s) => {
            let e = ["", "", "uxtw", "", "", "", "sxtw", "sxtx"][option as usize];
            if s == 1 {
                format!(", {e} #{scale}")
            } else {
                format!(", {e}")
            }
        }
    };
    format!("{m}\t{rt}, [{}, {idx}{ext}]", base(rn))
}

/// LDP/STP/LDNP/STNP/LDPSW, general and SIMD&FP.
pub fn pair(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (opc, v, mode, l) = (
        bits(w, 30, 2),
        bits(w, 26, 1),
        bits(w, 23, 2),
        bits(w, 22, 1),
    );
    let imm7 = ((w as i32) << 10 >> 25) as i64;
    let (rt2, rn, rt) = (bits(w, 10, 5), bits(w, 5, 5), bits(w, 0, 5));
    let (reg, scale): (&dyn Fn(u32) -> String, u32) = match (v, opc) {
        (0, 0) => (&|r| gpr(r, false), 2),
        (0, 1) if l == 1 && mode != 0 => (&|r| gpr(r, true), 2),
        (0, 2) => (&|r| gpr(r, true), 3),
        (1, 0) => (&|r| fpr(r, 2), 2),
        (1, 1) => (&|r| fpr(r, 3), 3),
        (1, 2) => (&|r| fpr(r, 4), 4),
        _ => return inst(i),
    };
    let m = match (mode, l, v, opc) {
        (0, 0, ..) => "stnp",
        (0, ..) => "ldnp",
        (_, 1, 0, 1) => "ldpsw",
        (_, 0, ..) => "stp",
        _ => "ldp",
    };
    let off = imm7 << scale;
    let b = base(rn);
    let regs = format!("{}, {}", reg(rt), reg(rt2));
    match mode {
        1 => format!("{m}\t{regs}, [{b}], #{off}"),
        3 => format!("{m}\t{regs}, [{b}, #{off}]!"),
        _ => format!("{m}\t{regs}, {}", addr_off(rn, off)),
    }
}

/// LD1..LD4/ST1..ST4 (multiple structures), with or without post-index.
pub fn mult(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (q, l, post, rm, opcode, size, rn, rt) = (
        bits(w, 30, 1),
        bits(w, 22, 1),
        bits(w, 23, 1),
        bits(w, 16, 5),
        bits(w, 12, 4),
        bits(w, 10, 2),
        bits(w, 5, 5),
        bits(w, 0, 5),
    );
    let (n, regs) = match opcode {
        0 => (4, 4),
        2 => (1, 4),
        4 => (3, 3),
        6 => (1, 3),
        7 => (1, 1),
        8 => (2, 2),
        10 => (1, 2),
        _ => return inst(i),
    };
    if n > 1 && size == 3 && q == 0 {
        return inst(i);
    }
    let t = arr(size, q);
    let m = format!("{}{n}", if l == 1 { "ld" } else { "st" });
    let list = vlist(rt, regs, t);
    if post == 0 {
        return format!("{m}\t{list}, [{}]", base(rn));
    }
    let inc = if rm == 31 {
        format!("#{}", regs * if q == 1 { 16 } else { 8 })
    } else {
        gpr(rm, true)
    };
    format!("{m}\t{list}, [{}], {inc}", base(rn))
}

/// LD1..LD4/ST1..ST4 (single structure) and LD1R..LD4R.
pub fn single_struct(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (q, l, r, post, rm, opcode, s, size, rn, rt) = (
        bits(w, 30, 1),
        bits(w, 22, 1),
        bits(w, 21, 1),
        bits(w, 23, 1),
        bits(w, 16, 5),
        bits(w, 13, 3),
        bits(w, 12, 1),
        bits(w, 10, 2),
        bits(w, 5, 5),
        bits(w, 0, 5),
    );
    let selem = (((opcode & 1) << 1) | r) + 1;
    let b = base(rn);
    let post_inc = |bytes: u32| {
        if rm == 31 {
            format!("#{bytes}")
        } else {
            gpr(rm, true)
        }
    };
    if opcode >> 1 == 3 {
        // Load and replicate.
        if l == 0 || s == 1 {
            return inst(i);
        }
        let list = vlist(rt, selem, arr(size, q));
        let m = format!("ld{selem}r");
        return if post == 1 {
            format!("{m}\t{list}, [{b}], {}", post_inc(selem << size))
        } else {
            format!("{m}\t{list}, [{b}]")
        };
    }
    let (e, index, bytes) = match opcode >> 1 {
        0 => ('b', (q << 3) | (s << 2) | size, 1),
        1 if size & 1 == 0 => ('h', (q << 2) | (s << 1) | (size >> 1), 2),
        2 if size == 0 => ('s', (q << 1) | s, 4),
        2 if size == 1 && s == 0 => ('d', q, 8),
        _ => return inst(i),
    };
    let list = vlist(rt, selem, &e.to_string());
    let m = format!("{}{selem}", if l == 1 { "ld" } else { "st" });
    if post == 1 {
        format!("{m}\t{list}[{index}], [{b}], {}", post_inc(selem * bytes))
    } else {
        format!("{m}\t{list}[{index}], [{b}]")
    }
}

fn bh(size: u32) -> &'static str {
    ["b", "h", "", ""][(size & 3) as usize]
}

/// STXR/STLXR, LDXR/LDAXR, STXP/STLXP, LDXP/LDAXP, STLR/STLLR, LDAR/LDLAR.
pub fn excl(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (size, l, o2, o1, rs, o0, rt2, rn, rt) = (
        bits(w, 30, 2),
        bits(w, 22, 1),
        bits(w, 23, 1),
        bits(w, 21, 1),
        bits(w, 16, 5),
        bits(w, 15, 1),
        bits(w, 10, 5),
        bits(w, 5, 5),
        bits(w, 0, 5),
    );
    let x = size == 3;
    let b = base(rn);
    match (o2, l, o1) {
        (0, 0, 0) => {
            let m = if o0 == 1 { "stlxr" } else { "stxr" };
            format!("{m}{}\t{}, {}, [{b}]", bh(size), gpr(rs, false), gpr(rt, x))
        }
        (0, 1, 0) => {
            let m = if o0 == 1 { "ldaxr" } else { "ldxr" };
            format!("{m}{}\t{}, [{b}]", bh(size), gpr(rt, x))
        }
        (0, 0, 1) => {
            let m = if o0 == 1 { "stlxp" } else { "stxp" };
            let x = size & 1 == 1;
            format!(
                "{m}\t{}, {}, {}, [{b}]",
                gpr(rs, false),
                gpr(rt, x),
                gpr(rt2, x)
            )
        }
        (0, 1, 1) => {
            let m = if o0 == 1 { "ldaxp" } else { "ldxp" };
            let x = size & 1 == 1;
            format!("{m}\t{}, {}, [{b}]", gpr(rt, x), gpr(rt2, x))
        }
        (1, 0, 0) => {
            let m = if o0 == 1 { "stlr" } else { "stllr" };
            format!("{m}{}\t{}, [{b}]", bh(size), gpr(rt, x))
        }
        (1, 1, 0) => {
            let m = if o0 == 1 { "ldar" } else { "ldlar" };
            format!("{m}{}\t{}, [{b}]", bh(size), gpr(rt, x))
        }
        _ => inst(i),
    }
}

fn acq_rel(a: u32, r: u32) -> &'static str {
    ["", "l", "a", "al"][((a << 1) | r) as usize & 3]
}

/// CAS and CASP.
pub fn cas(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (size, a, rs, r, rn, rt) = (
        bits(w, 30, 2),
        bits(w, 22, 1),
        bits(w, 16, 5),
        bits(w, 15, 1),
        bits(w, 5, 5),
        bits(w, 0, 5),
    );
    let b = base(rn);
    if bits(w, 23, 1) == 0 {
        // CASP: even-numbered register pairs.
        if rs & 1 == 1 || rt & 1 == 1 {
            return inst(i);
        }
        let x = size & 1 == 1;
        return format!(
            "casp{}\t{}, {}, {}, {}, [{b}]",
            acq_rel(a, r),
            gpr(rs, x),
            gpr(rs + 1, x),
            gpr(rt, x),
            gpr(rt + 1, x)
        );
    }
    format!(
        "cas{}{}\t{}, {}, [{b}]",
        acq_rel(a, r),
        bh(size),
        gpr(rs, size == 3),
        gpr(rt, size == 3)
    )
}

/// LDAPUR*/STLUR* (FEAT_LRCPC2).
pub fn rcpc_unscaled(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (size, opc, rn, rt) = (bits(w, 30, 2), bits(w, 22, 2), bits(w, 5, 5), bits(w, 0, 5));
    let imm9 = ((w as i32) << 11 >> 23) as i64;
    let (m, r) = match opc {
        0 => (format!("stlur{}", bh(size)), gpr(rt, size == 3)),
        1 => (format!("ldapur{}", bh(size)), gpr(rt, size == 3)),
        _ => {
            if size == 3 || (size == 2 && opc == 3) {
                return inst(i);
            }
            (
                format!("ldapurs{}", ["b", "h", "w", ""][size as usize]),
                gpr(rt, opc == 2),
            )
        }
    };
    format!("{m}\t{r}, {}", addr_off(rn, imm9))
}

/// LSE atomic memory operations, with the `ST<op>` aliases (Rt = ZR, no acquire).
pub fn atomic(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (size, a, r, rs, rn, rt) = (
        bits(w, 30, 2),
        bits(w, 23, 1),
        bits(w, 22, 1),
        bits(w, 16, 5),
        bits(w, 5, 5),
        bits(w, 0, 5),
    );
    let op = mnemonic(i);
    let x = size == 3;
    let b = base(rn);
    if op != "swp" && a == 0 && rt == 31 {
        let m = format!("st{}{}{}", &op[2..], acq_rel(0, r), bh(size));
        return format!("{m}\t{}, [{b}]", gpr(rs, x));
    }
    format!(
        "{op}{}{}\t{}, {}, [{b}]",
        acq_rel(a, r),
        bh(size),
        gpr(rs, x),
        gpr(rt, x)
    )
}

/// LDAPR (FEAT_LRCPC).
pub fn ldapr(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let size = bits(w, 30, 2);
    format!(
        "ldapr{}\t{}, [{}]",
        bh(size),
        gpr(bits(w, 0, 5), size == 3),
        base(bits(w, 5, 5))
    )
}
