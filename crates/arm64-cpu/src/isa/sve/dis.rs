//! LLVM-syntax disassembly of the SVE group: what `llvm-objdump -d --mattr=+sve` of
//! LLVM 14 prints, preferred aliases included (`mov` for ORR/SEL/DUP/CPY/DUPM, `movs`,
//! `not`/`nots` for EOR with the governing predicate, `ptrue` without `all`, counts
//! without `all, mul #1`, `mul vl` offsets, gather/scatter extends).
//!
//! Many table lines stand for several mnemonics (`AND_pppp` is the whole predicate
//! logical group, `FCVTZ` every FCVTZS/FCVTZU type pair), so the formatters read the
//! word's bits at their architectural positions rather than the line's fields; one
//! entry point, [`sve`], picks the formatter by line name.

use crate::decode::Insn;
use crate::isa::dis_util::{bits, esz, fp_imm8, fpr, gpr, gpr_sp, inst, line_name, mnemonic};

/// `zN.T` for element size `1 << size` bytes (size 4 is Q).
fn z(n: u32, size: u32) -> String {
    format!("z{}.{}", n & 31, esz(size))
}

/// `pN.T`.
fn pt(n: u32, size: u32) -> String {
    format!("p{}.{}", n & 15, esz(size))
}

/// `{ zA.T, ... }`: `count` consecutive Z registers, wrapping at 32.
fn zlist(first: u32, count: u32, size: u32) -> String {
    let regs: Vec<String> = (0..count).map(|k| z(first.wrapping_add(k), size)).collect();
    format!("{{ {} }}", regs.join(", "))
}

/// The predicate-constraint names of PTRUE and the element counts; unnamed values
/// print as an immediate.
fn pattern(p: u32) -> String {
    match p & 31 {
        0 => "pow2".into(),
        n @ 1..=8 => format!("vl{n}"),
        n @ 9..=13 => format!("vl{}", 16u32 << (n - 9)),
        29 => "mul4".into(),
        30 => "mul3".into(),
        31 => "all".into(),
        n => format!("#{n}"),
    }
}

/// `{, pattern{, mul #imm}}` of the element-count instructions: `all` and `mul #1`
/// are left out when they are the defaults.
fn count_suffix(w: u32) -> String {
    let (imm4, p) = (bits(w, 16, 4), bits(w, 5, 5));
    if imm4 != 0 {
        format!(", {}, mul #{}", pattern(p), imm4 + 1)
    } else if p != 31 {
        format!(", {}", pattern(p))
    } else {
        String::new()
    }
}

/// Disassembles any line of the SVE table (no SVE instruction is PC-relative).
pub fn sve(i: &Insn, _pc: u64) -> String {
    let name = line_name(i);
    let s = match name {
        "PTRUE" | "PFALSE" | "PTEST" | "PFIRST" | "PNEXT" | "RDFFR" | "RDFFR_p" | "SETFFR"
        | "WRFFR" | "BRKA" | "BRKN" | "BRKPA" | "WHILE" | "CTERM" | "CNTP" => pred(i, name),
        "AND_pppp" => plogic(i.word),
        "INCDECP_r" | "INCDECP_z" | "SINCDECP_r32" | "SINCDECP_r64" | "SINCDECP_z" | "CNT_r"
        | "INCDEC_r" | "INCDEC_v" | "SINCDEC_r32" | "SINCDEC_r64" | "SINCDEC_v" | "ADDVL"
        | "ADDPL" | "RDVL" => count(i, name),
        _ if name.ends_with("_ppzz")
            || name.ends_with("_ppzw")
            || name.ends_with("_ppzi")
            || name.ends_with("_ppz0") =>
        {
            compare(i, name)
        }
        _ if name.starts_with('F') || name == "XCVTF" => fp(i, name),
        "LDR_p" | "LDR_z" | "STR_p" | "STR_z" => fill(i, name),
        _ if name.starts_with("PRF") => prf(i, name),
        _ if name.starts_with("LD") || name.starts_with("ST") => mem(i, name),
        _ => int(i, name),
    };
    s.unwrap_or_else(|| inst(i))
}

fn pred(i: &Insn, name: &str) -> Option<String> {
    let w = i.word;
    let size = bits(w, 22, 2);
    let s = if bits(w, 22, 1) == 1 { "s" } else { "" };
    let (pd, pn, pg) = (bits(w, 0, 4), bits(w, 5, 4), bits(w, 10, 4));
    Some(match name {
        "PTRUE" => {
            let s = if bits(w, 16, 1) == 1 { "s" } else { "" };
            let p = bits(w, 5, 5);
            if p == 31 {
                format!("ptrue{s}\t{}", pt(pd, size))
            } else {
                format!("ptrue{s}\t{}, {}", pt(pd, size), pattern(p))
            }
        }
        "PFALSE" => format!("pfalse\t{}", pt(pd, 0)),
        "PTEST" => format!("ptest\tp{pg}, {}", pt(pn, 0)),
        "PFIRST" => format!("pfirst\t{}, p{}, {}", pt(pd, 0), pn, pt(pd, 0)),
        "PNEXT" => format!("pnext\t{}, p{}, {}", pt(pd, size), pn, pt(pd, size)),
        "RDFFR" => format!("rdffr\t{}", pt(pd, 0)),
        "RDFFR_p" => format!("rdffr{s}\t{}, p{pn}/z", pt(pd, 0)),
        "SETFFR" => "setffr".into(),
        "WRFFR" => format!("wrffr\t{}", pt(pn, 0)),
        "BRKA" => {
            let ab = if bits(w, 23, 1) == 1 { 'b' } else { 'a' };
            let zm = if bits(w, 4, 1) == 1 { 'm' } else { 'z' };
            format!("brk{ab}{s}\t{}, p{pg}/{zm}, {}", pt(pd, 0), pt(pn, 0))
        }
        "BRKN" => format!(
            "brkn{s}\t{}, p{pg}/z, {}, {}",
            pt(pd, 0),
            pt(pn, 0),
            pt(pd, 0)
        ),
        "BRKPA" => {
            let ab = if bits(w, 4, 1) == 1 { 'b' } else { 'a' };
            format!(
                "brkp{ab}{s}\t{}, p{pg}/z, {}, {}",
                pt(pd, 0),
                pt(pn, 0),
                pt(bits(w, 16, 4), 0)
            )
        }
        "WHILE" => {
            let m = ["whilelt", "whilele", "whilelo", "whilels"]
                [(bits(w, 11, 1) << 1 | bits(w, 4, 1)) as usize];
            let x = bits(w, 12, 1) == 1;
            format!(
                "{m}\t{}, {}, {}",
                pt(pd, size),
                gpr(bits(w, 5, 5), x),
                gpr(bits(w, 16, 5), x)
            )
        }
        "CTERM" => {
            let c = if bits(w, 4, 1) == 1 { "ne" } else { "eq" };
            let x = bits(w, 22, 1) == 1;
            format!(
                "cterm{c}\t{}, {}",
                gpr(bits(w, 5, 5), x),
                gpr(bits(w, 16, 5), x)
            )
        }
        "CNTP" => format!(
            "cntp\t{}, p{pg}, {}",
            gpr(bits(w, 0, 5), true),
            pt(pn, size)
        ),
        _ => return None,
    })
}

/// The predicate logical group (AND, BIC, EOR, SEL, ORR, ORN, NOR, NAND and their
/// flag-setting forms) with LLVM's aliases.
fn plogic(w: u32) -> Option<String> {
    let (op, s, o2, o3) = (bits(w, 23, 1), bits(w, 22, 1), bits(w, 9, 1), bits(w, 4, 1));
    let (pm, pg, pn, pd) = (bits(w, 16, 4), bits(w, 10, 4), bits(w, 5, 4), bits(w, 0, 4));
    let sf = if s == 1 { "s" } else { "" };
    let (d, n, m) = (pt(pd, 0), pt(pn, 0), pt(pm, 0));
    let base = match (op, o2, o3) {
        (0, 0, 0) => "and",
        (0, 0, 1) => "bic",
        (0, 1, 0) => "eor",
        (0, 1, 1) => {
            if s == 1 {
                return None;
            }
            if pd == pm {
                return Some(format!("mov\t{d}, p{pg}/m, {n}"));
            }
            return Some(format!("sel\t{d}, p{pg}, {n}, {m}"));
        }
        (_, 0, 0) => "orr",
        (_, 0, 1) => "orn",
        (_, 1, 0) => "nor",
        _ => "nand",
    };
    match base {
        "and" if pn == pm => Some(format!("mov{sf}\t{d}, p{pg}/z, {n}")),
        "orr" if pn == pm && pn == pg => Some(format!("mov{sf}\t{d}, {n}")),
        "eor" if pm == pg => Some(format!("not{sf}\t{d}, p{pg}/z, {n}")),
        _ => Some(format!("{base}{sf}\t{d}, p{pg}/z, {n}, {m}")),
    }
}

fn count(i: &Insn, name: &str) -> Option<String> {
    let w = i.word;
    let size = bits(w, 22, 2);
    let t = ['b', 'h', 'w', 'd'][size as usize];
    let r = bits(w, 0, 5);
    Some(match name {
        "INCDECP_r" | "INCDECP_z" => {
            let m = if bits(w, 16, 1) == 1 { "decp" } else { "incp" };
            let pm = bits(w, 5, 4);
            if name == "INCDECP_r" {
                format!("{m}\t{}, {}", gpr(r, true), pt(pm, size))
            } else {
                format!("{m}\t{}, {}", z(r, size), pt(pm, size))
            }
        }
        "SINCDECP_r32" | "SINCDECP_r64" | "SINCDECP_z" => {
            let (d, u) = (bits(w, 17, 1), bits(w, 16, 1));
            let m = ["sqincp", "uqincp", "sqdecp", "uqdecp"][(d << 1 | u) as usize];
            let pm = bits(w, 5, 4);
            match name {
                "SINCDECP_z" => format!("{m}\t{}, {}", z(r, size), pt(pm, size)),
                "SINCDECP_r64" => format!("{m}\t{}, {}", gpr(r, true), pt(pm, size)),
                _ if u == 0 => {
                    format!("{m}\t{}, {}, {}", gpr(r, true), pt(pm, size), gpr(r, false))
                }
                _ => format!("{m}\t{}, {}", gpr(r, false), pt(pm, size)),
            }
        }
        "CNT_r" => format!("cnt{t}\t{}{}", gpr(r, true), count_suffix(w)),
        "INCDEC_r" | "INCDEC_v" => {
            let m = if bits(w, 10, 1) == 1 { "dec" } else { "inc" };
            if name == "INCDEC_r" {
                format!("{m}{t}\t{}{}", gpr(r, true), count_suffix(w))
            } else {
                if size == 0 {
                    return None;
                }
                format!("{m}{t}\t{}{}", z(r, size), count_suffix(w))
            }
        }
        "SINCDEC_r32" | "SINCDEC_r64" | "SINCDEC_v" => {
            let (d, u) = (bits(w, 11, 1), bits(w, 10, 1));
            let m = ["sqinc", "uqinc", "sqdec", "uqdec"][(d << 1 | u) as usize];
            let sfx = count_suffix(w);
            match name {
                "SINCDEC_v" => {
                    if size == 0 {
                        return None;
                    }
                    format!("{m}{t}\t{}{sfx}", z(r, size))
                }
                "SINCDEC_r64" => format!("{m}{t}\t{}{sfx}", gpr(r, true)),
                _ if u == 0 => format!("{m}{t}\t{}, {}{sfx}", gpr(r, true), gpr(r, false)),
                _ => format!("{m}{t}\t{}{sfx}", gpr(r, false)),
            }
        }
        "ADDVL" | "ADDPL" => format!(
            "{}\t{}, {}, #{}",
            mnemonic(i),
            gpr_sp(r, true),
            gpr_sp(bits(w, 16, 5), true),
            sext(bits(w, 5, 6), 6)
        ),
        "RDVL" => format!("rdvl\t{}, #{}", gpr(r, true), sext(bits(w, 5, 6), 6)),
        _ => return None,
    })
}

fn sext(v: u32, len: u32) -> i64 {
    ((v << (32 - len)) as i32 >> (32 - len)) as i64
}

/// Integer compares, FP compares: `pd.T, pg/z, zn.T, (zm.T | zm.d | #imm)`.
fn compare(i: &Insn, name: &str) -> Option<String> {
    let w = i.word;
    let size = bits(w, 22, 2);
    let (pd, pg, zn) = (bits(w, 0, 4), bits(w, 10, 3), bits(w, 5, 5));
    let last = if name.ends_with("_ppzw") {
        z(bits(w, 16, 5), 3)
    } else if name.ends_with("_ppz0") {
        "#0.0".into()
    } else if name.ends_with("_ppzi") {
        if w >> 24 == 0x24 {
            format!("#{}", bits(w, 14, 7))
        } else {
            format!("#{}", sext(bits(w, 16, 5), 5))
        }
    } else {
        z(bits(w, 16, 5), size)
    };
    Some(format!(
        "{}\t{}, p{pg}/z, {}, {last}",
        mnemonic(i),
        pt(pd, size),
        z(zn, size)
    ))
}

/// The smallest of 8, 16, 32, 64 bits at which the 64-bit value repeats.
fn repl_size(v: u64) -> u32 {
    for (size, sh) in [(0, 8), (1, 16), (2, 32)] {
        let m = (1u64 << sh) - 1;
        let e = v & m;
        let mut r = e;
        let mut k = sh;
        while k < 64 {
            r |= e << k;
            k += sh;
        }
        if r == v {
            return size;
        }
    }
    3
}

/// An 8-bit immediate with optional `LSL #8`, printed as LLVM's printImm8OptLsl: the
/// shifted value in decimal (signed or unsigned at the element width), except that
/// `#0, lsl #8` stays as written.
fn imm8_lsl(imm8: u32, sh: u32, size: u32, signed: bool) -> String {
    if imm8 == 0 && sh == 1 {
        return "#0, lsl #8".into();
    }
    let v: i64 = if signed {
        (imm8 as u8 as i8 as i64) << (8 * sh)
    } else {
        (imm8 as i64) << (8 * sh)
    };
    let bitsz = 8u32 << size;
    let v = if bitsz >= 64 {
        v
    } else if signed {
        (v << (64 - bitsz)) >> (64 - bitsz)
    } else {
        v & ((1i64 << bitsz) - 1)
    };
    format!("#{v}")
}

/// SVE immediate shifts: the element size is the highest set bit of tsz; right shifts
/// count down from twice the element size, left shifts up from it.
fn shift_imm(tsz: u32, imm3: u32, left: bool) -> Option<(u32, u32)> {
    if tsz == 0 {
        return None;
    }
    let size = 31 - tsz.leading_zeros();
    let imm = (tsz << 3) | imm3;
    let esize = 8u32 << size;
    Some((size, if left { imm - esize } else { 2 * esize - imm }))
}

fn int(i: &Insn, name: &str) -> Option<String> {
    let w = i.word;
    let size = bits(w, 22, 2);
    let m = mnemonic(i);
    let (rd, rn, rm) = (bits(w, 0, 5), bits(w, 5, 5), bits(w, 16, 5));
    let pg = bits(w, 10, 3);
    let zd = z(rd, size);
    // The form suffix (`_zpzz`, `_zzz`, ...) picks the operand layout of the lines
    // that share one.
    let sfx = name.find('_').map(|p| &name[p..]).unwrap_or("");
    Some(match (name, sfx) {
        (_, "_zpzz") => format!("{m}\t{zd}, p{pg}/m, {zd}, {}", z(rn, size)),
        (_, "_zpzw") => format!("{m}\t{zd}, p{pg}/m, {zd}, {}", z(rn, 3)),
        ("SADDV" | "UADDV", _) => format!("{m}\t{}, p{pg}, {}", fpr(rd, 3), z(rn, size)),
        ("SMAXV_r" | "UMAXV_r" | "SMINV_r" | "UMINV_r" | "ORV" | "EORV" | "ANDV", _) => {
            format!("{m}\t{}, p{pg}, {}", fpr(rd, size), z(rn, size))
        }
        ("MOVPRFX_zpz", _) => {
            let zm = if bits(w, 16, 1) == 1 { 'm' } else { 'z' };
            format!("movprfx\t{zd}, p{pg}/{zm}, {}", z(rn, size))
        }
        ("ASR_zpzi" | "LSR_zpzi" | "LSL_zpzi" | "ASRD", _) => {
            let tsz = bits(w, 22, 2) << 2 | bits(w, 8, 2);
            let (size, sh) = shift_imm(tsz, bits(w, 5, 3), name == "LSL_zpzi")?;
            let zd = z(rd, size);
            format!("{m}\t{zd}, p{pg}/m, {zd}, #{sh}")
        }
        ("SXTB" | "UXTB" | "SXTH" | "UXTH" | "SXTW" | "UXTW" | "ABS" | "NEG" | "CLS", _)
        | ("CLZ_zpz" | "CNT_zpz" | "CNOT" | "NOT_zpz" | "REVB" | "REVH" | "REVW", _)
        | ("RBIT_zpz", _) => format!("{m}\t{zd}, p{pg}/m, {}", z(rn, size)),
        ("MLA" | "MLS", _) => format!("{m}\t{zd}, p{pg}/m, {}, {}", z(rn, size), z(rm, size)),
        ("MAD" | "MSB", _) => format!("{m}\t{zd}, p{pg}/m, {}, {}", z(rm, size), z(rn, size)),
        ("AND_zzz" | "ORR_zzz" | "EOR_zzz" | "BIC_zzz", _) => {
            if name == "ORR_zzz" && rn == rm {
                format!("mov\t{}, {}", z(rd, 3), z(rn, 3))
            } else {
                format!("{m}\t{}, {}, {}", z(rd, 3), z(rn, 3), z(rm, 3))
            }
        }
        ("TBL_zzz", _) => format!("tbl\t{zd}, {{ {} }}, {}", z(rn, size), z(rm, size)),
        ("ADR_zzz", _) => {
            let msz = bits(w, 10, 2);
            let (t, ext) = match size {
                0 => (3, "sxtw"),
                1 => (3, "uxtw"),
                2 => (2, "lsl"),
                _ => (3, "lsl"),
            };
            let modif = match (ext, msz) {
                ("lsl", 0) => String::new(),
                (e, 0) => format!(", {e}"),
                (e, a) => format!(", {e} #{a}"),
            };
            format!("adr\t{}, [{}, {}{modif}]", z(rd, t), z(rn, t), z(rm, t))
        }
        (_, "_zzz") | ("TRN1_z" | "TRN2_z" | "ZIP1_z" | "ZIP2_z" | "UZP1_z" | "UZP2_z", _) => {
            format!("{m}\t{zd}, {}, {}", z(rn, size), z(rm, size))
        }
        (_, "_zzw") => format!("{m}\t{zd}, {}, {}", z(rn, size), z(rm, 3)),
        ("INDEX_ii", _) => format!("index\t{zd}, #{}, #{}", sext(rn, 5), sext(rm, 5)),
        ("INDEX_ri", _) => format!("index\t{zd}, {}, #{}", gpr(rn, size == 3), sext(rm, 5)),
        ("INDEX_ir", _) => format!("index\t{zd}, #{}, {}", sext(rn, 5), gpr(rm, size == 3)),
        ("INDEX_rr", _) => format!(
            "index\t{zd}, {}, {}",
            gpr(rn, size == 3),
            gpr(rm, size == 3)
        ),
        ("ASR_zzi" | "LSR_zzi" | "LSL_zzi", _) => {
            let tsz = bits(w, 22, 2) << 2 | bits(w, 19, 2);
            let (size, sh) = shift_imm(tsz, bits(w, 16, 3), name == "LSL_zzi")?;
            format!("{m}\t{}, {}, #{sh}", z(rd, size), z(rn, size))
        }
        ("MOVPRFX", _) => format!("movprfx\tz{rd}, z{rn}"),
        ("ORR_zzi" | "EOR_zzi" | "AND_zzi" | "DUPM", _) => {
            let imm13 = bits(w, 5, 13);
            let v = crate::isa::sve::core::decode_bit_masks(
                imm13 >> 12,
                (imm13 >> 6) & 63,
                imm13 & 63,
            )?;
            let t = repl_size(v);
            let e = if t == 3 {
                v
            } else {
                v & ((1u64 << (8 << t)) - 1)
            };
            if name == "DUPM" {
                if mov_mask_preferred(v) {
                    format!("mov\t{}, {}", z(rd, t), sve_logical_imm(e, t))
                } else {
                    format!("dupm\t{}, #{e:#x}", z(rd, t))
                }
            } else {
                format!("{m}\t{}, {}, #{e:#x}", z(rd, t), z(rd, t))
            }
        }
        ("CPY_zpi", _) => {
            let zm = if bits(w, 14, 1) == 1 { 'm' } else { 'z' };
            let imm = imm8_lsl(bits(w, 5, 8), bits(w, 13, 1), size, true);
            format!("mov\t{zd}, p{}/{zm}, {imm}", bits(w, 16, 4))
        }
        ("DUP_i", _) => format!(
            "mov\t{zd}, {}",
            imm8_lsl(bits(w, 5, 8), bits(w, 13, 1), size, true)
        ),
        ("ADD_zzi" | "SUB_zzi" | "SUBR_zzi" | "SQADD_zzi" | "UQADD_zzi" | "SQSUB_zzi", _)
        | ("UQSUB_zzi", _) => {
            let imm = imm8_lsl(bits(w, 5, 8), bits(w, 13, 1), size, false);
            format!("{m}\t{zd}, {zd}, {imm}")
        }
        ("SMAX_zzi" | "SMIN_zzi" | "MUL_zzi", _) => {
            format!("{m}\t{zd}, {zd}, #{}", sext(bits(w, 5, 8), 8))
        }
        ("UMAX_zzi" | "UMIN_zzi", _) => format!("{m}\t{zd}, {zd}, #{}", bits(w, 5, 8)),
        ("DOT_zzzz" | "DOT_zzxw_s" | "DOT_zzxw_d", _) => {
            let m = if bits(w, 10, 1) == 1 { "udot" } else { "sdot" };
            let (sz, zm, idx) = match name {
                "DOT_zzzz" => (bits(w, 22, 1), z(rm, bits(w, 22, 1)), String::new()),
                "DOT_zzxw_s" => (0, z(bits(w, 16, 3), 0), format!("[{}]", bits(w, 19, 2))),
                _ => (1, z(bits(w, 16, 4), 1), format!("[{}]", bits(w, 20, 1))),
            };
            format!("{m}\t{}, {}, {zm}{idx}", z(rd, sz + 2), z(rn, sz))
        }
        ("EXT_zzi", _) => format!(
            "ext\t{}, {}, {}, #{}",
            z(rd, 0),
            z(rd, 0),
            z(rn, 0),
            bits(w, 16, 5) << 3 | bits(w, 10, 3)
        ),
        ("DUP_s", _) => format!("mov\t{zd}, {}", gpr_sp(rn, size == 3)),
        ("DUP_x", _) => {
            let tsz = bits(w, 16, 5);
            if tsz == 0 {
                return None;
            }
            let sz = tsz.trailing_zeros();
            let idx = (bits(w, 22, 2) << 5 | tsz) >> (sz + 1);
            if idx == 0 {
                format!("mov\t{}, {}", z(rd, sz), fpr(rn, sz))
            } else {
                format!("mov\t{}, {}[{idx}]", z(rd, sz), z(rn, sz))
            }
        }
        ("INSR_r", _) => format!("insr\t{zd}, {}", gpr(rn, size == 3)),
        ("INSR_v", _) => format!("insr\t{zd}, {}", fpr(rn, size)),
        ("REV_z", _) => format!("rev\t{zd}, {}", z(rn, size)),
        ("UNPK", _) => {
            if size == 0 {
                return None;
            }
            let m = ["sunpklo", "sunpkhi", "uunpklo", "uunpkhi"][bits(w, 16, 2) as usize];
            format!("{m}\t{zd}, {}", z(rn, size - 1))
        }
        ("ZIP1_p" | "ZIP2_p" | "UZP1_p" | "UZP2_p" | "TRN1_p" | "TRN2_p", _) => {
            format!("{m}\t{}, {}, {}", pt(rd, size), pt(rn, size), pt(rm, size))
        }
        ("REV_p", _) => format!("rev\t{}, {}", pt(rd, size), pt(rn, size)),
        ("PUNPK", _) => {
            let m = if bits(w, 16, 1) == 1 {
                "punpkhi"
            } else {
                "punpklo"
            };
            format!("{m}\t{}, {}", pt(rd, 1), pt(rn, 0))
        }
        ("CPY_zpv", _) => format!("mov\t{zd}, p{pg}/m, {}", fpr(rn, size)),
        ("COMPACT", _) => format!("compact\t{zd}, p{pg}, {}", z(rn, size)),
        ("LAST_v" | "LAST_r", _) => {
            let m = if bits(w, 16, 1) == 1 {
                "lastb"
            } else {
                "lasta"
            };
            let d = if name == "LAST_v" {
                fpr(rd, size)
            } else {
                gpr(rd, size == 3)
            };
            format!("{m}\t{d}, p{pg}, {}", z(rn, size))
        }
        ("CLAST_z" | "CLAST_v" | "CLAST_r", _) => {
            let m = if bits(w, 16, 1) == 1 {
                "clastb"
            } else {
                "clasta"
            };
            let d = match name {
                "CLAST_z" => z(rd, size),
                "CLAST_v" => fpr(rd, size),
                _ => gpr(rd, size == 3),
            };
            format!("{m}\t{d}, p{pg}, {d}, {}", z(rn, size))
        }
        ("SPLICE", _) => format!("splice\t{zd}, p{pg}, {zd}, {}", z(rn, size)),
        ("CPY_zpr", _) => format!("mov\t{zd}, p{pg}/m, {}", gpr_sp(rn, size == 3)),
        ("SEL_z", _) => {
            let pg = bits(w, 10, 4);
            if rd == rm {
                format!("mov\t{zd}, p{pg}/m, {}", z(rn, size))
            } else {
                format!("sel\t{zd}, p{pg}, {}, {}", z(rn, size), z(rm, size))
            }
        }
        _ => return None,
    })
}

/// The `mov` alias of DUPM prints its element value as LLVM's printSVELogicalImm: in
/// decimal (signed at the element width) when it fits 16 bits either way, else in hex.
fn sve_logical_imm(e: u64, size: u32) -> String {
    let eb = 8u32 << size;
    let signed = if eb == 64 {
        e as i64
    } else {
        ((e << (64 - eb)) as i64) >> (64 - eb)
    };
    if signed as i16 as i64 == signed {
        format!("#{signed}")
    } else if e as u16 as u64 == e {
        format!("#{e}")
    } else {
        format!("#{e:#x}")
    }
}

/// LLVM's isSVECpyImm: can DUP/CPY (a signed byte, optionally shifted left by 8) at an
/// element of `bits` make `imm`?
fn cpy_imm(imm: i64, ebits: u32) -> bool {
    let imm8 = imm as i8 as i64 == imm;
    let imm16 = (imm & !0xff) as i16 as i64 == imm;
    match ebits {
        8 => imm8 || imm as u8 as i64 == imm,
        16 => imm8 || imm16 || (imm & !0xff) as u16 as i64 == imm,
        _ => imm8 || imm16,
    }
}

/// LLVM's isSVEMoveMaskPreferredLogicalImmediate: DUPM prints as `mov` unless DUP could
/// have written the same value.
fn mov_mask_preferred(v: u64) -> bool {
    if cpy_imm(v as i64, 64) {
        return false;
    }
    for eb in [32u32, 16, 8] {
        let e = v & ((1u64 << eb) - 1);
        let mut r = 0u64;
        let mut k = 0;
        while k < 64 {
            r |= e << k;
            k += eb;
        }
        let se = ((e << (64 - eb)) as i64) >> (64 - eb);
        if r == v && cpy_imm(se, eb) {
            return false;
        }
    }
    true
}

fn fp(i: &Insn, name: &str) -> Option<String> {
    let w = i.word;
    let size = bits(w, 22, 2);
    let m = mnemonic(i);
    let (rd, rn, rm) = (bits(w, 0, 5), bits(w, 5, 5), bits(w, 16, 5));
    let pg = bits(w, 10, 3);
    let zd = z(rd, size);
    let sfx = name.find('_').map(|p| &name[p..]).unwrap_or("");
    Some(match (name, sfx) {
        (_, "_zpzz") => format!("{m}\t{zd}, p{pg}/m, {zd}, {}", z(rn, size)),
        (_, "_zpzi") => {
            let i1 = bits(w, 5, 1) as usize;
            let imm = match name {
                "FMUL_zpzi" => ["#0.5", "#2.0"][i1],
                "FADD_zpzi" | "FSUB_zpzi" | "FSUBR_zpzi" => ["#0.5", "#1.0"][i1],
                _ => ["#0.0", "#1.0"][i1],
            };
            format!("{m}\t{zd}, p{pg}/m, {zd}, {imm}")
        }
        ("FTMAD", _) => format!("ftmad\t{zd}, {zd}, {}, #{}", z(rn, size), bits(w, 16, 3)),
        (_, "_zzz") | ("FTSMUL" | "FRECPS" | "FRSQRTS" | "FTSSEL", _) => {
            format!("{m}\t{zd}, {}, {}", z(rn, size), z(rm, size))
        }
        ("FADDV" | "FMAXNMV" | "FMINNMV" | "FMAXV" | "FMINV", _) => {
            format!("{m}\t{}, p{pg}, {}", fpr(rd, size), z(rn, size))
        }
        ("FRECPE" | "FRSQRTE" | "FEXPA", _) => format!("{m}\t{zd}, {}", z(rn, size)),
        ("FADDA", _) => format!(
            "fadda\t{}, p{pg}, {}, {}",
            fpr(rd, size),
            fpr(rd, size),
            z(rn, size)
        ),
        ("FMLA_zpzzz" | "FMLS_zpzzz" | "FNMLA_zpzzz" | "FNMLS_zpzzz", _) => {
            format!("{m}\t{zd}, p{pg}/m, {}, {}", z(rn, size), z(rm, size))
        }
        ("FMAD_zpzzz" | "FMSB_zpzzz" | "FNMAD_zpzzz" | "FNMSB_zpzzz", _) => {
            format!("{m}\t{zd}, p{pg}/m, {}, {}", z(rn, size), z(rm, size))
        }
        ("FMLA_zzxz_h" | "FMLA_zzxz_s" | "FMLA_zzxz_d", _)
        | ("FMUL_zzx_h" | "FMUL_zzx_s" | "FMUL_zzx_d", _) => {
            let m = if name.starts_with("FMUL") {
                "fmul"
            } else if bits(w, 10, 1) == 1 {
                "fmls"
            } else {
                "fmla"
            };
            let (sz, zm, idx) = match name.as_bytes()[name.len() - 1] {
                b'h' => (1, bits(w, 16, 3), bits(w, 22, 1) << 2 | bits(w, 19, 2)),
                b's' => (2, bits(w, 16, 3), bits(w, 19, 2)),
                _ => (3, bits(w, 16, 4), bits(w, 20, 1)),
            };
            format!("{m}\t{}, {}, {}[{idx}]", z(rd, sz), z(rn, sz), z(zm, sz))
        }
        ("FCMLA_zpzzz", _) => format!(
            "fcmla\t{zd}, p{pg}/m, {}, {}, #{}",
            z(rn, size),
            z(rm, size),
            bits(w, 13, 2) * 90
        ),
        ("FCMLA_zzxz_h" | "FCMLA_zzxz_s", _) => {
            let (sz, zm, idx) = if name.ends_with('h') {
                (1, bits(w, 16, 3), bits(w, 19, 2))
            } else {
                (2, bits(w, 16, 4), bits(w, 20, 1))
            };
            format!(
                "fcmla\t{}, {}, {}[{idx}], #{}",
                z(rd, sz),
                z(rn, sz),
                z(zm, sz),
                bits(w, 10, 2) * 90
            )
        }
        ("FCADD", _) => format!(
            "fcadd\t{zd}, p{pg}/m, {zd}, {}, #{}",
            z(rn, size),
            if bits(w, 16, 1) == 1 { 270 } else { 90 }
        ),
        ("FRINT", _) => {
            let m = [
                "frintn", "frintp", "frintm", "frintz", "frinta", "", "frintx", "frinti",
            ][bits(w, 16, 3) as usize];
            if m.is_empty() {
                return None;
            }
            format!("{m}\t{zd}, p{pg}/m, {}", z(rn, size))
        }
        ("FRECPX" | "FSQRT" | "FABS" | "FNEG", _) => format!("{m}\t{zd}, p{pg}/m, {}", z(rn, size)),
        ("FCVT", _) => {
            let (d, n) = match (size, bits(w, 16, 2)) {
                (2, 0) => (1, 2),
                (2, 1) => (2, 1),
                (3, 0) => (1, 3),
                (3, 1) => (3, 1),
                (3, 2) => (2, 3),
                (3, 3) => (3, 2),
                _ => return None,
            };
            format!("fcvt\t{}, p{pg}/m, {}", z(rd, d), z(rn, n))
        }
        ("XCVTF" | "FCVTZ", _) => {
            let u = bits(w, 16, 1) == 1;
            let cvtf = name == "XCVTF";
            // (destination, source) element sizes from opc:opc2.
            let (d, n) = match (size, bits(w, 17, 2), cvtf) {
                (1, 1, _) => (1, 1),
                (1, 2, true) => (1, 2),
                (1, 3, true) => (1, 3),
                (1, 2, false) => (2, 1),
                (1, 3, false) => (3, 1),
                (2, 2, _) => (2, 2),
                (3, 0, true) => (3, 2),
                (3, 0, false) => (2, 3),
                (3, 2, true) => (2, 3),
                (3, 2, false) => (3, 2),
                (3, 3, _) => (3, 3),
                _ => return None,
            };
            let m = match (cvtf, u) {
                (true, false) => "scvtf",
                (true, true) => "ucvtf",
                (false, false) => "fcvtzs",
                (false, true) => "fcvtzu",
            };
            format!("{m}\t{}, p{pg}/m, {}", z(rd, d), z(rn, n))
        }
        ("FCPY", _) => format!(
            "fmov\t{zd}, p{}/m, {}",
            bits(w, 16, 4),
            fp_imm8(bits(w, 5, 8))
        ),
        ("FDUP", _) => format!("fmov\t{zd}, {}", fp_imm8(bits(w, 5, 8))),
        _ => return None,
    })
}

/// PRFB/PRFH/PRFW/PRFD operation names; the unallocated ones print as `#n`.
fn prfop(op: u32) -> String {
    let op = op & 15;
    if op & 7 >= 6 {
        return format!("#{op}");
    }
    let (k, lvl, strm) = (op >> 3, (op >> 1) & 3, op & 1);
    format!(
        "{}l{}{}",
        if k == 1 { "pst" } else { "pld" },
        lvl + 1,
        if strm == 1 { "strm" } else { "keep" }
    )
}

/// `[xn|sp{, #imm, mul vl}]`.
fn mul_vl(rn: u32, imm: i64) -> String {
    if imm == 0 {
        format!("[{}]", gpr_sp(rn, true))
    } else {
        format!("[{}, #{imm}, mul vl]", gpr_sp(rn, true))
    }
}

/// `[zn.T{, #imm}]`.
fn vec_imm(zn: u32, size: u32, imm: u32) -> String {
    if imm == 0 {
        format!("[{}]", z(zn, size))
    } else {
        format!("[{}, #{imm}]", z(zn, size))
    }
}

/// `[xn|sp, xm{, lsl #a}]`.
fn reg_lsl(rn: u32, rm: u32, a: u32) -> String {
    if a == 0 {
        format!("[{}, {}]", gpr_sp(rn, true), gpr(rm, true))
    } else {
        format!("[{}, {}, lsl #{a}]", gpr_sp(rn, true), gpr(rm, true))
    }
}

/// `[xn|sp, zm.T, (uxtw|sxtw|lsl){ #a}]`; lsl without an amount is left out.
fn vec_off(rn: u32, zm: u32, size: u32, ext: &str, a: u32) -> String {
    let m = match (ext, a) {
        ("lsl", 0) => String::new(),
        (e, 0) => format!(", {e}"),
        (e, a) => format!(", {e} #{a}"),
    };
    format!("[{}, {}{m}]", gpr_sp(rn, true), z(zm, size))
}

fn fill(i: &Insn, name: &str) -> Option<String> {
    let w = i.word;
    let imm = sext(bits(w, 16, 6) << 3 | bits(w, 10, 3), 9);
    let rn = bits(w, 5, 5);
    let m = if name.starts_with("LDR") {
        "ldr"
    } else {
        "str"
    };
    let t = if name.ends_with('p') {
        format!("p{}", bits(w, 0, 4))
    } else {
        format!("z{}", bits(w, 0, 5))
    };
    Some(format!("{m}\t{t}, {}", mul_vl(rn, imm)))
}

fn prf(i: &Insn, name: &str) -> Option<String> {
    let w = i.word;
    let (pg, rn, op) = (bits(w, 10, 3), bits(w, 5, 5), prfop(bits(w, 0, 4)));
    let (msz, addr) = match name {
        "PRF_ri" => {
            let msz = bits(w, 13, 2);
            (msz, mul_vl(rn, sext(bits(w, 16, 6), 6)))
        }
        "PRF_g32" | "PRF_g64_32" => {
            let msz = bits(w, 13, 2);
            let ext = if bits(w, 22, 1) == 1 { "sxtw" } else { "uxtw" };
            let t = if name == "PRF_g32" { 2 } else { 3 };
            (msz, vec_off(rn, bits(w, 16, 5), t, ext, msz))
        }
        "PRF_g64" => {
            let msz = bits(w, 13, 2);
            (msz, vec_off(rn, bits(w, 16, 5), 3, "lsl", msz))
        }
        "PRF_rr" => {
            let msz = bits(w, 23, 2);
            (msz, reg_lsl(rn, bits(w, 16, 5), msz))
        }
        _ => {
            let msz = bits(w, 23, 2);
            let t = if name == "PRF_g32_vi" { 2 } else { 3 };
            (msz, vec_imm(rn, t, bits(w, 16, 5) << msz))
        }
    };
    let m = ["prfb", "prfh", "prfw", "prfd"][msz as usize];
    Some(format!("{m}\t{op}, p{pg}, {addr}"))
}

/// (mnemonic stem after `ld1`/`ldff1`/`ldnf1`/`ld1r`, element size, memory size) of a
/// contiguous load's dtype.
fn dtype(d: u32) -> (&'static str, u32, u32) {
    const T: [(&str, u32, u32); 16] = [
        ("b", 0, 0),
        ("b", 1, 0),
        ("b", 2, 0),
        ("b", 3, 0),
        ("sw", 3, 2),
        ("h", 1, 1),
        ("h", 2, 1),
        ("h", 3, 1),
        ("sh", 3, 1),
        ("sh", 2, 1),
        ("w", 2, 2),
        ("w", 3, 2),
        ("sb", 3, 0),
        ("sb", 2, 0),
        ("sb", 1, 0),
        ("d", 3, 3),
    ];
    T[(d & 15) as usize]
}

/// The size letter of a memory access of `1 << msz` bytes.
fn msz_c(msz: u32) -> char {
    ['b', 'h', 'w', 'd'][(msz & 3) as usize]
}

fn mem(i: &Insn, name: &str) -> Option<String> {
    let w = i.word;
    let (pg, rn, zt) = (bits(w, 10, 3), bits(w, 5, 5), bits(w, 0, 5));
    let rm = bits(w, 16, 5);
    let msz = bits(w, 23, 2);
    let load = name.starts_with("LD");
    let gov = if load {
        format!("p{pg}/z")
    } else {
        format!("p{pg}")
    };
    // Gather loads: ld1[s]{b,h,w,d} / ldff1..., from msz, U (14) and ff (13).
    let gather = |esize: u32| -> Option<String> {
        let (u, ff) = (bits(w, 14, 1), bits(w, 13, 1));
        if msz > esize || (u == 0 && msz == esize) {
            return None;
        }
        let ff = if ff == 1 { "ff" } else { "" };
        let s = if u == 0 { "s" } else { "" };
        Some(format!("ld{ff}1{s}{}", msz_c(msz)))
    };
    let (m, list, addr) = match name {
        "LD1_g32u" | "LD1_g32s" | "LD1_g64_32u" | "LD1_g64_32s" => {
            let t = if name.starts_with("LD1_g32") { 2 } else { 3 };
            let ext = if bits(w, 22, 1) == 1 { "sxtw" } else { "uxtw" };
            let a = if name.ends_with('s') { msz } else { 0 };
            if name.ends_with('s') && msz == 0 {
                return None;
            }
            (gather(t)?, zlist(zt, 1, t), vec_off(rn, rm, t, ext, a))
        }
        "LD1_g64" => {
            let a = if bits(w, 21, 1) == 1 {
                if msz == 0 {
                    return None;
                }
                msz
            } else {
                0
            };
            (gather(3)?, zlist(zt, 1, 3), vec_off(rn, rm, 3, "lsl", a))
        }
        "LD1_g32_vi" | "LD1_g64_vi" => {
            let t = if name == "LD1_g32_vi" { 2 } else { 3 };
            (gather(t)?, zlist(zt, 1, t), vec_imm(rn, t, rm << msz))
        }
        "LD1R" => {
            let (stem, es, ms) = dtype(bits(w, 23, 2) << 2 | bits(w, 13, 2));
            let off = bits(w, 16, 6) << ms;
            let addr = if off == 0 {
                format!("[{}]", gpr_sp(rn, true))
            } else {
                format!("[{}, #{off}]", gpr_sp(rn, true))
            };
            (format!("ld1r{stem}"), zlist(zt, 1, es), addr)
        }
        "LD1RQ_rr" | "LD1RQ_ri" => {
            let addr = if name == "LD1RQ_rr" {
                reg_lsl(rn, rm, msz)
            } else {
                let off = sext(bits(w, 16, 4), 4) * 16;
                if off == 0 {
                    format!("[{}]", gpr_sp(rn, true))
                } else {
                    format!("[{}, #{off}]", gpr_sp(rn, true))
                }
            };
            (format!("ld1rq{}", msz_c(msz)), zlist(zt, 1, msz), addr)
        }
        "LD1_rr" | "LDFF1_rr" | "LD1_ri" | "LDNF1_ri" => {
            let (stem, es, ms) = dtype(bits(w, 21, 4));
            let pre = match name {
                "LDFF1_rr" => "ldff1",
                "LDNF1_ri" => "ldnf1",
                _ => "ld1",
            };
            let addr = if name.ends_with("_ri") {
                mul_vl(rn, sext(bits(w, 16, 4), 4))
            } else if name == "LDFF1_rr" && rm == 31 {
                format!("[{}]", gpr_sp(rn, true))
            } else {
                reg_lsl(rn, rm, ms)
            };
            (format!("{pre}{stem}"), zlist(zt, 1, es), addr)
        }
        "LDN_rr" | "LDN_ri" | "STN_rr" | "STN_ri" => {
            let nreg = bits(w, 21, 2);
            let n = if nreg == 0 {
                "nt1".to_string()
            } else {
                (nreg + 1).to_string()
            };
            let count = nreg + 1;
            let addr = if name.ends_with("_ri") {
                mul_vl(rn, sext(bits(w, 16, 4), 4) * count as i64)
            } else {
                reg_lsl(rn, rm, msz)
            };
            let m = if load { "ld" } else { "st" };
            (format!("{m}{n}{}", msz_c(msz)), zlist(zt, count, msz), addr)
        }
        "ST1_rr" | "ST1_ri" => {
            let es = bits(w, 21, 2);
            if es < msz {
                return None;
            }
            let addr = if name == "ST1_ri" {
                mul_vl(rn, sext(bits(w, 16, 4), 4))
            } else {
                reg_lsl(rn, rm, msz)
            };
            (format!("st1{}", msz_c(msz)), zlist(zt, 1, es), addr)
        }
        "ST1_s64" | "ST1_s64_32" | "ST1_s32" => {
            let t = if name == "ST1_s32" { 2 } else { 3 };
            if msz > t {
                return None;
            }
            let sc = bits(w, 21, 1) == 1;
            if sc && msz == 0 {
                return None;
            }
            let a = if sc { msz } else { 0 };
            let addr = if name == "ST1_s64" {
                vec_off(rn, rm, 3, "lsl", a)
            } else {
                let ext = if bits(w, 14, 1) == 1 { "sxtw" } else { "uxtw" };
                vec_off(rn, rm, t, ext, a)
            };
            (format!("st1{}", msz_c(msz)), zlist(zt, 1, t), addr)
        }
        "ST1_s64_vi" | "ST1_s32_vi" => {
            let t = if name == "ST1_s32_vi" { 2 } else { 3 };
            if msz > t {
                return None;
            }
            (
                format!("st1{}", msz_c(msz)),
                zlist(zt, 1, t),
                vec_imm(rn, t, rm << msz),
            )
        }
        _ => return None,
    };
    Some(format!("{m}\t{list}, {gov}, {addr}"))
}

#[cfg(test)]
mod tests {
    use crate::decode::{disassemble, Decoder};

    /// Any word of the SVE encoding space disassembles without panicking (the tests
    /// run with overflow checks), whatever its reserved fields hold.
    #[test]
    fn no_panic_on_any_sve_word() {
        let d = Decoder::global();
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut sve = 0;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let w = ((x >> 16) as u32 & !(0xF << 25)) | (0b0010 << 25);
            if let Some(i) = d.decode(w) {
                if d.encs[i.idx as usize].enc.feat == crate::decode::Feature::Sve {
                    sve += 1;
                }
            }
            let _ = disassemble(w, 0);
        }
        assert!(sve > 50_000, "only {sve} words reached the SVE formatter");
    }

    /// Examples assembled by llvm-mc 14 (`-mattr=+sve`), text as llvm-objdump prints.
    #[test]
    fn examples() {
        for (w, t) in [
            (0x2518e3e0u32, "ptrue\tp0.b"),
            (0x05c00000, "dupm\tz0.s, #0x1"),
            (0x04613020, "mov\tz0.d, z1.d"),
            (0x05702020, "mov\tz0.q, z1.q[1]"),
            (0x04a2a020, "adr\tz0.s, [z1.s, z2.s]"),
        ] {
            assert_eq!(disassemble(w, 0), t, "{w:#010x}");
        }
    }
}
