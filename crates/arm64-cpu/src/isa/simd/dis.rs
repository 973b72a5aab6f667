//! LLVM-syntax disassembly of the integer Advanced SIMD group (what `llvm-objdump -d`
//! of LLVM 14 prints, with its aliases: `mov` for ORR/INS/UMOV/DUP (scalar), `mvn`
//! for NOT).
//!
//! The table has one line per mnemonic, so the mnemonic is the line's name
//! ([`mnemonic`]); these functions format the operands of each form.

use crate::decode::Insn;
use crate::isa::dis_util::{
    arr, bits, fp_imm8, fpr, gpr, imm64_c_alt, inst, line_name, mnemonic, two, velem, vlist, vr,
};

struct F {
    q: u32,
    size: u32,
    rd: u32,
    rn: u32,
    rm: u32,
}

fn f(w: u32) -> F {
    F {
        q: bits(w, 30, 1),
        size: bits(w, 22, 2),
        rd: bits(w, 0, 5),
        rn: bits(w, 5, 5),
        rm: bits(w, 16, 5),
    }
}

/// Three same, vector: `vd.T, vn.T, vm.T`.
pub fn same_v(i: &Insn, _pc: u64) -> String {
    let x = f(i.word);
    let t = |r| vr(r, x.size, x.q);
    format!("{}\t{}, {}, {}", mnemonic(i), t(x.rd), t(x.rn), t(x.rm))
}

/// Three same, scalar.
pub fn same_s(i: &Insn, _pc: u64) -> String {
    let x = f(i.word);
    let s = |r| fpr(r, x.size);
    format!("{}\t{}, {}, {}", mnemonic(i), s(x.rd), s(x.rn), s(x.rm))
}

/// The bitwise three-same ops (byte arrangements); ORR of one register is `mov`.
pub fn logic(i: &Insn, _pc: u64) -> String {
    let x = f(i.word);
    let t = |r| vr(r, 0, x.q);
    let m = mnemonic(i);
    if m == "orr" && x.rn == x.rm {
        return format!("mov\t{}, {}", t(x.rd), t(x.rn));
    }
    format!("{m}\t{}, {}, {}", t(x.rd), t(x.rn), t(x.rm))
}

/// SDOT/UDOT/USDOT (vector): `vd.2s|4s, vn.8b|16b, vm.8b|16b`.
pub fn dot(i: &Insn, _pc: u64) -> String {
    let x = f(i.word);
    format!(
        "{}\t{}, {}, {}",
        mnemonic(i),
        vr(x.rd, 2, x.q),
        vr(x.rn, 0, x.q),
        vr(x.rm, 0, x.q)
    )
}

/// Three different: long (`...L`), wide (`...W`) and narrowing high half (`...HN`).
pub fn diff(i: &Insn, _pc: u64) -> String {
    let x = f(i.word);
    let m = mnemonic(i);
    let (wide, narrow) = (vr(0, x.size + 1, 1), vr(0, x.size, x.q));
    let (wt, nt) = (&wide[3..], &narrow[3..]);
    let (d, n, r) = (x.rd, x.rn, x.rm);
    let two = two(x.q);
    if m.ends_with("hn") {
        format!("{m}{two}\tv{d}.{nt}, v{n}.{wt}, v{r}.{wt}")
    } else if m.ends_with('w') {
        format!("{m}{two}\tv{d}.{wt}, v{n}.{wt}, v{r}.{nt}")
    } else {
        format!("{m}{two}\tv{d}.{wt}, v{n}.{nt}, v{r}.{nt}")
    }
}

/// Three different, scalar (SQDMLAL, SQDMLSL, SQDMULL).
pub fn diff_s(i: &Insn, _pc: u64) -> String {
    let x = f(i.word);
    format!(
        "{}\t{}, {}, {}",
        mnemonic(i),
        fpr(x.rd, x.size + 1),
        fpr(x.rn, x.size),
        fpr(x.rm, x.size)
    )
}

/// Two-register miscellaneous, vector.
pub fn misc_v(i: &Insn, _pc: u64) -> String {
    let x = f(i.word);
    let name = line_name(i);
    let m = mnemonic(i);
    let (q, size, d, n) = (x.q, x.size, x.rd, x.rn);
    match m.as_str() {
        "saddlp" | "uaddlp" | "sadalp" | "uadalp" => {
            format!("{m}\t{}, {}", vr(d, size + 1, q), vr(n, size, q))
        }
        "xtn" | "sqxtn" | "sqxtun" | "uqxtn" => {
            format!("{m}{}\t{}, {}", two(q), vr(d, size, q), vr(n, size + 1, 1))
        }
        "shll" => format!(
            "shll{}\t{}, {}, #{}",
            two(q),
            vr(d, size + 1, 1),
            vr(n, size, q),
            8u32 << size
        ),
        "not" => format!("mvn\t{}, {}", vr(d, 0, q), vr(n, 0, q)),
        "rbit" => format!("rbit\t{}, {}", vr(d, 0, q), vr(n, 0, q)),
        _ if name.contains("_z_") => {
            format!("{m}\t{}, {}, #0", vr(d, size, q), vr(n, size, q))
        }
        _ => format!("{m}\t{}, {}", vr(d, size, q), vr(n, size, q)),
    }
}

/// Two-register miscellaneous, scalar.
pub fn misc_s(i: &Insn, _pc: u64) -> String {
    let x = f(i.word);
    let m = mnemonic(i);
    let (size, d, n) = (x.size, x.rd, x.rn);
    if m.ends_with("xtn") || m.ends_with("xtun") {
        return format!("{m}\t{}, {}", fpr(d, size), fpr(n, size + 1));
    }
    if line_name(i).contains("_z_") {
        return format!("{m}\t{}, {}, #0", fpr(d, size), fpr(n, size));
    }
    format!("{m}\t{}, {}", fpr(d, size), fpr(n, size))
}

/// Across lanes: the long sums write a wider scalar.
pub fn across(i: &Insn, _pc: u64) -> String {
    let x = f(i.word);
    let m = mnemonic(i);
    let ds = if m.ends_with("lv") {
        x.size + 1
    } else {
        x.size
    };
    format!("{m}\t{}, {}", fpr(x.rd, ds), vr(x.rn, x.size, x.q))
}

/// ADDP (scalar): `dN, vM.2d`.
pub fn addp_s(i: &Insn, _pc: u64) -> String {
    let x = f(i.word);
    format!("addp\t{}, {}", fpr(x.rd, x.size), vr(x.rn, x.size, 1))
}

/// The element size and index an imm5 selects (lowest set bit gives the size).
fn imm5_elem(imm5: u32) -> Option<(u32, u32)> {
    let size = (imm5 & 15).trailing_zeros();
    if size > 3 {
        None
    } else {
        Some((size, imm5 >> (size + 1)))
    }
}

/// The copy group: DUP (element, general, scalar), INS (general, element), SMOV, UMOV.
pub fn copy(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let x = f(w);
    let imm5 = bits(w, 16, 5);
    let Some((size, idx)) = imm5_elem(imm5) else {
        return inst(i);
    };
    let (q, d, n) = (x.q, x.rd, x.rn);
    match line_name(i) {
        "DUP_elt_v" => format!("dup\t{}, {}", vr(d, size, q), velem(n, size, idx)),
        "DUP_gen" => format!("dup\t{}, {}", vr(d, size, q), gpr(n, size == 3)),
        "INS_gen" => format!("mov\t{}, {}", velem(d, size, idx), gpr(n, size == 3)),
        "SMOV" => format!("smov\t{}, {}", gpr(d, q == 1), velem(n, size, idx)),
        "UMOV" => {
            let m = if (size == 2 && q == 0) || (size == 3 && q == 1) {
                "mov"
            } else {
                "umov"
            };
            format!("{m}\t{}, {}", gpr(d, q == 1), velem(n, size, idx))
        }
        "INS_elt" => {
            let idx2 = bits(w, 11, 4) >> size;
            format!("mov\t{}, {}", velem(d, size, idx), velem(n, size, idx2))
        }
        _ => format!("mov\t{}, {}", fpr(d, size), velem(n, size, idx)),
    }
}

/// Modified immediate: MOVI, MVNI, ORR, BIC (vector, immediate), FMOV (vector).
pub fn modimm(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let (q, rd) = (bits(w, 30, 1), bits(w, 0, 5));
    let imm8 = (bits(w, 16, 3) << 5) | bits(w, 5, 5);
    let name = line_name(i);
    let m = mnemonic(i);
    let (form, t) = match name.rsplit('_').next().unwrap_or("") {
        "32" => ("lsl", arr(2, q)),
        "16" => ("lsl", arr(1, q)),
        "msl" => ("msl", arr(2, q)),
        "8" => ("", arr(0, q)),
        "64" => ("64", ""),
        "vs" => ("fp", arr(2, q)),
        "vh" => ("fp", arr(1, q)),
        _ => ("fp", "2d"),
    };
    match form {
        "lsl" => {
            let sh = if t.ends_with('s') {
                bits(w, 13, 2)
            } else {
                bits(w, 13, 1)
            } * 8;
            if sh == 0 {
                format!("{m}\tv{rd}.{t}, #{imm8}")
            } else {
                format!("{m}\tv{rd}.{t}, #{imm8}, lsl #{sh}")
            }
        }
        "msl" => format!("{m}\tv{rd}.{t}, #{imm8}, msl #{}", 8 << bits(w, 12, 1)),
        "64" => {
            let v = (0..8).fold(0u64, |a, k| {
                if imm8 >> k & 1 == 1 {
                    a | 0xFF << (8 * k)
                } else {
                    a
                }
            });
            if q == 1 {
                format!("movi\tv{rd}.2d, {}", imm64_c_alt(v))
            } else {
                format!("movi\td{rd}, {}", imm64_c_alt(v))
            }
        }
        "fp" => format!("fmov\tv{rd}.{t}, {}", fp_imm8(imm8)),
        _ => format!("{m}\tv{rd}.{t}, #{imm8}"),
    }
}

/// Element size (0..3) from immh (bits 22:19) and the raw immh:immb.
fn immh(w: u32) -> Option<(u32, u32)> {
    let h = bits(w, 19, 4);
    if h == 0 {
        None
    } else {
        Some((31 - h.leading_zeros(), bits(w, 16, 7)))
    }
}

enum Shape {
    Right,
    Left,
    Narrow,
    Long,
}

fn shape(m: &str) -> Shape {
    match m {
        "sshll" | "ushll" => Shape::Long,
        "shl" | "sqshl" | "sqshlu" | "uqshl" | "sli" => Shape::Left,
        _ if m.ends_with('n') => Shape::Narrow,
        _ => Shape::Right,
    }
}

/// Shift by immediate, vector.
pub fn shift_v(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let x = f(w);
    let Some((es, hb)) = immh(w) else {
        return inst(i);
    };
    let esize = 8u32 << es;
    let m = mnemonic(i);
    let (q, d, n) = (x.q, x.rd, x.rn);
    match shape(&m) {
        Shape::Right => format!(
            "{m}\t{}, {}, #{}",
            vr(d, es, q),
            vr(n, es, q),
            2 * esize - hb
        ),
        Shape::Left => format!("{m}\t{}, {}, #{}", vr(d, es, q), vr(n, es, q), hb - esize),
        Shape::Narrow => format!(
            "{m}{}\t{}, {}, #{}",
            two(q),
            vr(d, es, q),
            vr(n, es + 1, 1),
            2 * esize - hb
        ),
        Shape::Long => format!(
            "{m}{}\t{}, {}, #{}",
            two(q),
            vr(d, es + 1, 1),
            vr(n, es, q),
            hb - esize
        ),
    }
}

/// Shift by immediate, scalar.
pub fn shift_s(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let x = f(w);
    let Some((es, hb)) = immh(w) else {
        return inst(i);
    };
    let esize = 8u32 << es;
    let m = mnemonic(i);
    let (d, n) = (x.rd, x.rn);
    match shape(&m) {
        Shape::Right => format!("{m}\t{}, {}, #{}", fpr(d, es), fpr(n, es), 2 * esize - hb),
        Shape::Left => format!("{m}\t{}, {}, #{}", fpr(d, es), fpr(n, es), hb - esize),
        Shape::Narrow => format!(
            "{m}\t{}, {}, #{}",
            fpr(d, es),
            fpr(n, es + 1),
            2 * esize - hb
        ),
        Shape::Long => inst(i),
    }
}

/// The element register and index of an integer by-element operation.
fn elem(w: u32, size: u32) -> (u32, u32) {
    let (h, l, m, rm4) = (
        bits(w, 11, 1),
        bits(w, 21, 1),
        bits(w, 20, 1),
        bits(w, 16, 4),
    );
    if size == 1 {
        (rm4, (h << 2) | (l << 1) | m)
    } else {
        ((m << 4) | rm4, (h << 1) | l)
    }
}

/// SMLAL, SQDMLAL, SMLSL, SQDMLSL, SMULL, SQDMULL, UMLAL, UMLSL, UMULL.
fn long_elem(m: &str) -> bool {
    m.ends_with("al") || m.ends_with("sl") || m.ends_with("ll")
}

/// Vector x indexed element (integer), vector.
pub fn idx_v(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let x = f(w);
    let m = mnemonic(i);
    let (rm, index) = elem(w, x.size);
    let e = velem(rm, x.size, index);
    if long_elem(&m) {
        format!(
            "{m}{}\t{}, {}, {e}",
            two(x.q),
            vr(x.rd, x.size + 1, 1),
            vr(x.rn, x.size, x.q)
        )
    } else {
        format!(
            "{m}\t{}, {}, {e}",
            vr(x.rd, x.size, x.q),
            vr(x.rn, x.size, x.q)
        )
    }
}

/// Vector x indexed element (integer), scalar.
pub fn idx_s(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let x = f(w);
    let m = mnemonic(i);
    let (rm, index) = elem(w, x.size);
    let e = velem(rm, x.size, index);
    let ds = if long_elem(&m) { x.size + 1 } else { x.size };
    format!("{m}\t{}, {}, {e}", fpr(x.rd, ds), fpr(x.rn, x.size))
}

/// SDOT/UDOT/SUDOT/USDOT (by element): `vm.4b[index]`.
pub fn dot_idx(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let x = f(w);
    let (rm, index) = elem(w, 2);
    format!(
        "{}\t{}, {}, v{rm}.4b[{index}]",
        mnemonic(i),
        vr(x.rd, 2, x.q),
        vr(x.rn, 0, x.q)
    )
}

/// TBL, TBX.
pub fn tbl(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let x = f(w);
    let len = bits(w, 13, 2) + 1;
    format!(
        "{}\t{}, {}, {}",
        mnemonic(i),
        vr(x.rd, 0, x.q),
        vlist(x.rn, len, "16b"),
        vr(x.rm, 0, x.q)
    )
}

/// EXT.
pub fn ext(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let x = f(w);
    format!(
        "ext\t{}, {}, {}, #{}",
        vr(x.rd, 0, x.q),
        vr(x.rn, 0, x.q),
        vr(x.rm, 0, x.q),
        bits(w, 11, 4)
    )
}

/// The cryptographic instructions and the I8MM matrix multiplies.
pub fn crypto(i: &Insn, _pc: u64) -> String {
    let w = i.word;
    let x = f(w);
    let m = mnemonic(i);
    let (d, n, r) = (x.rd, x.rn, x.rm);
    let v = |reg: u32, t: &str| format!("v{reg}.{t}");
    match m.as_str() {
        "aese" | "aesd" | "aesmc" | "aesimc" => {
            format!("{m}\t{}, {}", v(d, "16b"), v(n, "16b"))
        }
        "sha1c" | "sha1p" | "sha1m" => format!("{m}\tq{d}, s{n}, {}", v(r, "4s")),
        "sha256h" | "sha256h2" => format!("{m}\tq{d}, q{n}, {}", v(r, "4s")),
        "sha1su0" | "sha256su1" => {
            format!("{m}\t{}, {}, {}", v(d, "4s"), v(n, "4s"), v(r, "4s"))
        }
        "sha1h" => format!("sha1h\ts{d}, s{n}"),
        "sha1su1" | "sha256su0" => format!("{m}\t{}, {}", v(d, "4s"), v(n, "4s")),
        "sha512h" | "sha512h2" => format!("{m}\tq{d}, q{n}, {}", v(r, "2d")),
        "sha512su1" | "rax1" => {
            format!("{m}\t{}, {}, {}", v(d, "2d"), v(n, "2d"), v(r, "2d"))
        }
        "sha512su0" => format!("{m}\t{}, {}", v(d, "2d"), v(n, "2d")),
        "eor3" | "bcax" => format!(
            "{m}\t{}, {}, {}, {}",
            v(d, "16b"),
            v(n, "16b"),
            v(r, "16b"),
            v(bits(w, 10, 5), "16b")
        ),
        "xar" => format!(
            "xar\t{}, {}, {}, #{}",
            v(d, "2d"),
            v(n, "2d"),
            v(r, "2d"),
            bits(w, 10, 6)
        ),
        _ => format!("{m}\t{}, {}, {}", v(d, "4s"), v(n, "16b"), v(r, "16b")),
    }
}
