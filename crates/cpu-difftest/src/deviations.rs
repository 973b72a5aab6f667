//! Known, reasoned differences between QEMU (Linux user mode) and our CPU that are
//! not bugs of ours: QEMU deviations from the Arm ARM, and differences of execution
//! environment (Linux EL0 with the MMU on versus our bare EL0 with the MMU off).
//! A mismatch is filtered only if an entry's condition holds for the instruction
//! the mismatch was shrunk to.

use crate::compare::Diff;
use crate::state::{Case, End, FaultDetail, FaultKind, Outcome};
use arm64_cpu::Exception;

/// What a deviation's condition sees.
pub struct Ctx<'a> {
    /// Table name of the responsible instruction.
    pub name: &'a str,
    /// Its word.
    pub word: u32,
    /// The (shrunk) case.
    pub case: &'a Case,
    /// Our outcome.
    pub ours: &'a Outcome,
    /// QEMU's outcome.
    pub qemu: &'a Outcome,
    /// The differences.
    pub diffs: &'a [Diff],
}

/// One known deviation.
pub struct Deviation {
    /// Short identifier (counted in the summary).
    pub id: &'static str,
    /// The encodings it concerns (table names or mnemonic prefixes; empty: any).
    pub encodings: &'static [&'static str],
    /// The rule, with the Arm ARM reasoning.
    pub rule: &'static str,
    /// Does it explain this mismatch?
    pub applies: fn(&Ctx) -> bool,
}

fn ours_alignment_fault_only(c: &Ctx) -> bool {
    if !crate::ours::difftest_config().mmu_off_device {
        return false;
    }
    let ours_align = matches!(
        c.ours.end,
        End::Fault {
            kind: FaultKind::Alignment,
            detail: FaultDetail::Exception(Exception::DataAbort { fsc: 0x21, .. }),
            ..
        }
    );
    let qemu_align = matches!(
        c.qemu.end,
        End::Fault {
            kind: FaultKind::Alignment,
            ..
        }
    );
    ours_align && !qemu_align
}

fn ours_sp_alignment_fault_only(c: &Ctx) -> bool {
    let ours_sp = matches!(
        c.ours.end,
        End::Fault {
            detail: FaultDetail::Exception(Exception::SpAlignment),
            ..
        }
    );
    let qemu_align = matches!(
        c.qemu.end,
        End::Fault {
            kind: FaultKind::Alignment,
            ..
        }
    );
    ours_sp && !qemu_align
}

/// Words of features QEMU's `max` implements beyond this CPU's scope (Armv8.0 to
/// Armv8.5 plus SVE): (mask, value, instruction, feature).
pub const OUT_OF_SCOPE: &[(u32, u32, &str, &str)] = &[
    (
        0xFFFF_FC00,
        0x1E63_4000,
        "BFCVT (scalar)",
        "FEAT_BF16 (Armv8.6)",
    ),
    (
        0xBFFF_FC00,
        0x0EA1_6800,
        "BFCVTN/BFCVTN2",
        "FEAT_BF16 (Armv8.6)",
    ),
];

fn out_of_scope(c: &Ctx) -> bool {
    let ours_undef = matches!(
        c.ours.end,
        End::Fault {
            kind: FaultKind::Undefined,
            ..
        }
    );
    ours_undef && OUT_OF_SCOPE.iter().any(|&(m, v, _, _)| c.word & m == v)
}

/// Both sides took the same fault at the responsible instruction (so the state
/// before it matched: the shrinker found the first mismatching prefix), and the
/// only differences are in registers that instruction loads or memory it stores.
fn same_fault_partial_effects(c: &Ctx) -> bool {
    let (End::Fault { kind: a, pc: p, .. }, End::Fault { kind: b, pc: q, .. }) =
        (&c.ours.end, &c.qemu.end)
    else {
        return false;
    };
    let at = crate::layout::TEST_PC + 4 * (c.case.words().len() as u64 - 1);
    if a != b || p != q || *p != at {
        return false;
    }
    let d = arm64_cpu::decode::Decoder::global();
    let Some(i) = d.decode(c.word) else {
        return false;
    };
    let enc = &d.encs[i.idx as usize];
    let mut dest = Vec::new();
    for (n, f) in enc.fields.iter().enumerate() {
        if matches!(f.name, "rt" | "rt2" | "zt" | "rs" | "rd" | "zd" | "vt") {
            for k in 0..4 {
                dest.push((i.f[n] + k) % 32);
            }
        }
    }
    c.diffs.iter().all(|df| {
        let w = df.what.as_str();
        if w.starts_with("mem+") {
            return true;
        }
        let num = |p: &str| w.strip_prefix(p).and_then(|n| n.parse::<u32>().ok());
        match num("X").or_else(|| num("Z")).or_else(|| num("V")) {
            Some(r) => dest.contains(&r),
            None => false,
        }
    })
}

/// Every difference is a Z register whose low 128 bits agree, whose upper bits our
/// side zeroed, and whose upper bits QEMU left as they were before the case.
fn advsimd_upper_z_kept(c: &Ctx) -> bool {
    let vl = c.case.init.vl();
    !c.diffs.is_empty()
        && vl > 16
        && c.diffs.iter().all(|df| {
            let Some(n) = df
                .what
                .strip_prefix('Z')
                .and_then(|n| n.parse::<usize>().ok())
            else {
                return false;
            };
            let (o, q, i) = (
                c.ours.state.zreg(n),
                c.qemu.state.zreg(n),
                c.case.init.zreg(n),
            );
            o[..16] == q[..16] && o[16..].iter().all(|&b| b == 0) && q[16..] == i[16..]
        })
}

/// (pair, bytes) of an exclusive access word, from its table line.
fn excl_access(word: u32) -> Option<(bool, u32)> {
    let d = arm64_cpu::decode::Decoder::global();
    let i = d.decode(word)?;
    let c = &d.encs[i.idx as usize];
    let m = crate::gen::mnemonic(c.enc.name);
    let pair = m.ends_with("XP");
    if !(m.ends_with("XR") || pair) || m.starts_with("LDAR") || m.starts_with("STLR") {
        return None;
    }
    let f = c
        .fields
        .iter()
        .position(|f| f.name == "size" || f.name == "sz")?;
    let v = i.f[f];
    Some((pair, if pair { 8 << v } else { 1 << v }))
}

/// A store-exclusive whose size differs from that of the load-exclusive before it,
/// differing only in its status register and the memory it stores.
fn excl_size_mismatch(c: &Ctx) -> bool {
    let Some(st) = excl_access(c.word) else {
        return false;
    };
    let words = c.case.words();
    let ld = words[..words.len().saturating_sub(1)]
        .iter()
        .rev()
        .filter(|&&w| {
            let d = arm64_cpu::decode::Decoder::global();
            d.decode(w)
                .map(|i| d.encs[i.idx as usize].enc.name.starts_with("LD"))
                .unwrap_or(false)
        })
        .find_map(|&w| excl_access(w));
    let Some(ld) = ld else {
        return false;
    };
    ld != st
        && c.diffs
            .iter()
            .all(|d| d.what.starts_with("mem+") || d.what.starts_with('X'))
}

/// Ours took an alignment data abort; QEMU completed the instruction.
fn ours_alignment_qemu_completed(c: &Ctx) -> bool {
    matches!(
        c.ours.end,
        End::Fault {
            detail: FaultDetail::Exception(Exception::DataAbort { fsc: 0x21, .. }),
            ..
        }
    ) && !matches!(
        c.qemu.end,
        End::Fault {
            kind: FaultKind::Alignment,
            ..
        }
    )
}

/// The word has non-zero should-be bits and exactly one side took UNDEF.
fn should_be_bits(c: &Ctx) -> bool {
    let d = arm64_cpu::decode::Decoder::global();
    let Some(i) = d.decode(c.word) else {
        return false;
    };
    let enc = &d.encs[i.idx as usize];
    let mut sb = crate::gen::should_be_mask(enc);
    // SB's CRm is (0000) in the Arm ARM, but the table names it as a field.
    if enc.enc.name == "SB" {
        sb |= 0xF << 8;
    }
    let undef = |o: &Outcome| {
        matches!(
            o.end,
            End::Fault {
                kind: FaultKind::Undefined,
                ..
            }
        )
    };
    c.word & sb != 0 && undef(c.ours) != undef(c.qemu)
}

// ============================================================================ SVE
// SVE deviations (maintained with crates/arm64-cpu/src/isa/sve; keep SVE entries in
// this block and in the SVE part of DEVIATIONS).

/// Field `name` of the decoded `word` (signed fields sign-extended), if it has one.
fn sve_field(word: u32, name: &str) -> Option<i64> {
    let d = arm64_cpu::decode::Decoder::global();
    let i = d.decode(word)?;
    let enc = &d.encs[i.idx as usize];
    let n = enc.fields.iter().position(|f| f.name == name)?;
    let f = &enc.fields[n];
    let v = i.f[n];
    Some(if f.signed { v as i32 as i64 } else { v as i64 })
}

/// A first-fault or non-fault SVE load, as the deviations below need it.
struct SveNfLoad {
    /// Destination Z register.
    zt: usize,
    /// Governing predicate.
    pg: usize,
    /// log2 of the destination element size in bytes.
    esz: u32,
    /// First-fault (the first active element is a normal access) or non-fault.
    first_fault: bool,
    /// Contiguous forms: (address of element 0, log2 memory size, signed).
    contig: Option<(u64, u32, bool)>,
}

/// LDNF1 (scalar plus immediate), LDFF1 (scalar plus scalar) and the LDFF1 gathers.
fn sve_nf_load(c: &Ctx) -> Option<SveNfLoad> {
    let f = |n: &str| sve_field(c.word, n);
    let st = &c.ours.state;
    let xsp = |r: i64| if r == 31 { st.sp } else { st.x[r as usize] };
    let xzr = |r: i64| if r == 31 { 0 } else { st.x[r as usize] };
    let vl = c.case.init.vl() as u64;
    // LD1 dtype: (msize, esize, signed) as log2 byte sizes.
    let dtype = |d: i64| {
        let (hi, lo) = ((d >> 2) as u32, (d & 3) as u32);
        if hi <= lo {
            (hi, lo, false)
        } else {
            (3 - hi, 3 - lo, true)
        }
    };
    let zt = f("zt")? as usize;
    let pg = f("pg")? as usize;
    match c.name {
        "LDNF1_ri" | "LDFF1_rr" => {
            let (msz, esz, signed) = dtype(f("dtype")?);
            let base = xsp(f("rn")?);
            let addr = if c.name == "LDNF1_ri" {
                // imm4 counts whole vectors of memory elements.
                let elements = vl >> esz;
                base.wrapping_add((f("imm4")? as u64).wrapping_mul(elements << msz))
            } else {
                base.wrapping_add(xzr(f("rm")?) << msz)
            };
            Some(SveNfLoad {
                zt,
                pg,
                esz,
                first_fault: c.name == "LDFF1_rr",
                contig: Some((addr, msz, signed)),
            })
        }
        _ if c.name.starts_with("LD1_g") && f("ff")? == 1 => Some(SveNfLoad {
            zt,
            pg,
            esz: if c.name.starts_with("LD1_g64") { 3 } else { 2 },
            first_fault: true,
            contig: None,
        }),
        _ => None,
    }
}

/// The scratch byte at `a` when the case's last instruction ran (no test instruction
/// after it; stores before it are in the final memory diff).
fn sve_scratch_byte(c: &Ctx, a: u64) -> Option<u8> {
    use crate::layout::{mem_word, SCRATCH, SCRATCH_SIZE};
    let off = a.checked_sub(SCRATCH).filter(|&o| o < SCRATCH_SIZE)?;
    let word_off = off & !7;
    let w = c
        .ours
        .mem
        .iter()
        .find(|&&(o, _)| o as u64 == word_off)
        .map(|&(_, v)| v)
        .unwrap_or_else(|| mem_word(c.case.seed, off / 8));
    Some((w >> (8 * (off & 7))) as u8)
}

/// Element `e` of `ebytes` bytes of `z`, zero-extended.
fn sve_elem(z: &[u8], ebytes: usize, e: usize) -> u64 {
    let mut b = [0u8; 8];
    b[..ebytes].copy_from_slice(&z[e * ebytes..(e + 1) * ebytes]);
    u64::from_le_bytes(b)
}

fn sve_pbit(p: &[u8], b: usize) -> bool {
    b < 8 * p.len() && (p[b / 8] >> (b % 8)) & 1 != 0
}

/// Is QEMU's result of a first-fault/non-fault load one the architecture permits,
/// given ours (which loads every element it can)? With `misread`, also accept QEMU
/// 7.2's predicate misread in its contiguous LDNF1/LDFF1 helper (see the entry).
fn sve_nf_check(c: &Ctx, misread: bool) -> bool {
    let Some(l) = sve_nf_load(c) else {
        return false;
    };
    if c.ours.end != End::Done || c.qemu.end != End::Done {
        return false;
    }
    let zname = format!("Z{}", l.zt);
    if c.diffs.is_empty() || !c.diffs.iter().all(|d| d.what == zname || d.what == "FFR") {
        return false;
    }
    let vl = c.case.init.vl();
    let eb = 1usize << l.esz;
    let elements = vl / eb;
    let g = c.ours.state.preg(l.pg);
    let (fo, fq) = (&c.ours.state.ffr, &c.qemu.state.ffr);
    // QEMU's FFR must be ours with every bit from some element k up cleared
    // (suppressing an access clears FFR from that element on).
    let k = (0..elements)
        .find(|&e| sve_pbit(fo, e * eb) != sve_pbit(fq, e * eb))
        .unwrap_or(elements);
    if k < elements && !sve_pbit(fo, k * eb) {
        return false;
    }
    let cut = if k < elements { k * eb } else { 8 * fq.len() };
    if (0..8 * fq.len()).any(|b| sve_pbit(fq, b) != (b < cut && sve_pbit(fo, b))) {
        return false;
    }
    let first = (0..elements).find(|&e| sve_pbit(g, e * eb));
    // A first-fault load may not suppress its first active element: that one faults.
    if l.first_fault && first.is_some_and(|f| k <= f) {
        return false;
    }
    // From the first element whose FFR bit is false after the load (QEMU's run), the
    // destination is CONSTRAINED UNPREDICTABLE: the data, zero, or the old value.
    let unknown_from = (0..elements)
        .find(|&e| !sve_pbit(fq, e * eb))
        .unwrap_or(elements);
    let (zo, zq) = (c.ours.state.zreg(l.zt), c.qemu.state.zreg(l.zt));
    let mem_data = |e: usize| -> Option<u64> {
        let (addr, msz, signed) = l.contig?;
        let mb = 1usize << msz;
        let mut v = 0u64;
        for k in 0..mb {
            let a = addr.wrapping_add((e * mb + k) as u64);
            v |= (sve_scratch_byte(c, a)? as u64) << (8 * k);
        }
        if signed && mb < 8 {
            let sh = 64 - 8 * mb as u32;
            v = (((v << sh) as i64) >> sh) as u64;
        }
        Some(if eb < 8 {
            v & ((1u64 << (8 * eb)) - 1)
        } else {
            v
        })
    };
    for e in 0..elements {
        let (vo, vq) = (sve_elem(zo, eb, e), sve_elem(zq, eb, e));
        if vo == vq {
            continue;
        }
        if e >= unknown_from {
            if vq == 0 || mem_data(e) == Some(vq) {
                continue;
            }
            return false;
        }
        // A known element that differs: only the misread explains it.
        let (Some(f), true, Some(_)) = (first.map(|f| f * eb), misread, l.contig) else {
            return false;
        };
        let r = e * eb;
        let shift = 8 * ((f & 63) >> 3);
        if shift == 0 || r < f || r >> 6 != f >> 6 {
            return false;
        }
        let eff = r + shift;
        let active = sve_pbit(g, r);
        let ok = if eff < 8 * g.len() {
            match (sve_pbit(g, eff), active) {
                (false, _) => vq == 0,
                (true, true) => false,
                (true, false) => vq == 0 || mem_data(e) == Some(vq),
            }
        } else {
            // QEMU read past this predicate register (into the next one).
            vq == 0 || mem_data(e) == Some(vq)
        };
        if !ok {
            return false;
        }
    }
    true
}

fn sve_nf_suppressed(c: &Ctx) -> bool {
    sve_nf_check(c, false)
}

fn sve_nf_qemu_pred_misread(c: &Ctx) -> bool {
    sve_nf_check(c, true)
}

/// Words of SVE features QEMU's `max` implements beyond this CPU's scope
/// (FEAT_SVE2, FEAT_BF16 for SVE): (mask, value, instruction, feature).
pub const SVE_OUT_OF_SCOPE: &[(u32, u32, &str, &str)] = &[
    // 01100101 00 001010 101 Pg Zn Zd: FCVTX Zd.S, Pg/M, Zn.D (SVE2).
    (0xFFFF_E000, 0x650A_A000, "FCVTX (SVE2)", "FEAT_SVE2"),
    // 01100101 10 001010 101 Pg Zn Zd: BFCVT Zd.H, Pg/M, Zn.S (SVE BF16).
    (
        0xFFFF_E000,
        0x658A_A000,
        "BFCVT (SVE)",
        "FEAT_BF16 (Armv8.6)",
    ),
    // 01100101 00 011 size:2 0 101 Pg Zn Zd: FLOGB Zd.T, Pg/M, Zn.T (SVE2; size 00
    // is reserved there too).
    (0xFFF9_E000, 0x6518_A000, "FLOGB (SVE2)", "FEAT_SVE2"),
];

fn sve_out_of_scope(c: &Ctx) -> bool {
    let ours_undef = matches!(
        c.ours.end,
        End::Fault {
            kind: FaultKind::Undefined,
            ..
        }
    );
    ours_undef && SVE_OUT_OF_SCOPE.iter().any(|&(m, v, _, _)| c.word & m == v)
}
// ======================================================================== end SVE

// ---------------------------------------------------------------------------------
// AdvSIMD/FP block (scalar FP and Advanced SIMD floating point): conditions.

fn is_undef(o: &Outcome) -> bool {
    matches!(
        o.end,
        End::Fault {
            kind: FaultKind::Undefined,
            ..
        }
    )
}

/// FJCVTZS whose only difference is Z: ours clear, QEMU set, under FPCR.FZ = 1, with
/// a zero result and N, C, V clear on both sides (what a flushed input gives). When
/// the case is the instruction alone, its input must be a positive denormal.
fn qemu_fjcvtzs_fz_denormal(c: &Ctx) -> bool {
    if c.word & 0xFFFF_FC00 != 0x1E7E_0000 || c.case.init.fpcr & (1 << 24) == 0 {
        return false;
    }
    let rd = (c.word & 31) as usize;
    let zero_result = rd == 31 || (c.ours.state.x[rd] == 0 && c.qemu.state.x[rd] == 0);
    let flags =
        c.ours.state.nzcv & 0xF000_0000 == 0 && c.qemu.state.nzcv & 0xF000_0000 == 0x4000_0000;
    let only_z = c.diffs.len() == 1 && c.diffs[0].what == "NZCV";
    let input_ok = if c.case.words().len() == 1 {
        let z = c.case.init.zreg(((c.word >> 5) & 31) as usize);
        let mut b = [0u8; 8];
        b.copy_from_slice(&z[..8]);
        let x = u64::from_le_bytes(b);
        x >> 52 == 0 && x & ((1 << 52) - 1) != 0
    } else {
        true
    };
    !is_undef(c.ours) && zero_result && flags && only_z && input_ok
}

/// FCVTZS/FCVTZU (scalar, fixed-point) to an H register: the only difference is that
/// register, whose low 16 bits agree; ours is zero above them; QEMU's bits [31:16]
/// are any value and bits [127:32] zero (above 128: zero or kept, see
/// qemu-advsimd-upper-z-kept).
fn qemu_fcvtz_fix_h_32bit(c: &Ctx) -> bool {
    if c.word & 0xDFF0_FC00 != 0x5F10_FC00 {
        return false;
    }
    let rd = (c.word & 31) as usize;
    let (o, q, i) = (
        c.ours.state.zreg(rd),
        c.qemu.state.zreg(rd),
        c.case.init.zreg(rd),
    );
    let what = format!("Z{rd}");
    c.diffs.len() == 1
        && c.diffs[0].what == what
        && o[..2] == q[..2]
        && o[2..].iter().all(|&b| b == 0)
        && q[4..16].iter().all(|&b| b == 0)
        && (q[16..].iter().all(|&b| b == 0) || q[16..] == i[16..])
}

/// Half-precision scalar pairwise or across-lanes word with U = 0 and bit 22 set:
/// ours UNDEF, QEMU executed it.
fn qemu_fp16_bit22_ignored(c: &Ctx) -> bool {
    let w = c.word;
    let word_ok = w & 0xFF7F_CC00 == 0x5E70_C800 || w & 0xBF7F_CC00 == 0x0E70_C800;
    word_ok && is_undef(c.ours) && !is_undef(c.qemu)
}

/// The list.
pub static DEVIATIONS: &[Deviation] = &[
    Deviation {
        id: "constrained-unpredictable-should-be-bits",
        encodings: &[],
        rule: "CONSTRAINED UNPREDICTABLE: an encoding whose (0)/(1) should-be bits (the \
               `.` bits of the table's pattern) do not have their stated values may be \
               UNDEFINED or behave as if they had (Arm ARM K1, 'Architectural constraints \
               on UNPREDICTABLE behaviors', SBZ/SBO fields). Seen: SB with CRm != 0 is UNDEF \
               on QEMU and executes here. Explained only when the word has non-zero `.` \
               bits and exactly one side took UNDEF.",
        applies: should_be_bits,
    },
    Deviation {
        id: "qemu-ldapr-unaligned",
        encodings: &["LDAPR"],
        rule: "QEMU deviation: LDAPR (FEAT_LRCPC) is a load-acquire, and without FEAT_LSE2 \
               (not in this CPU's Armv8.5 scope) every load-acquire/store-release to an \
               address not aligned to its size takes an Alignment fault whatever \
               SCTLR_EL1.A says (Arm ARM B2.5.2, alignment of load-acquire/store-release \
               accesses). QEMU 7.2 performs an unaligned LDAPR. Explained only when ours \
               took the alignment fault and QEMU did not fault on alignment.",
        applies: ours_alignment_qemu_completed,
    },
    Deviation {
        id: "excl-size-mismatch",
        encodings: &["ST"],
        rule: "CONSTRAINED UNPREDICTABLE: a Store-Exclusive to the marked address with a \
               transaction size different from the Load-Exclusive that marked it may \
               either succeed or fail (Arm ARM B2.9, 'Load-Exclusive and Store-Exclusive \
               instruction usage restrictions'). QEMU compares only the address and the \
               loaded value; our CPU also requires the size to match. Explained only when \
               the last load-exclusive of the case had another size (single versus pair, \
               or element size) and the differences are in X registers (the status) and \
               memory.",
        applies: excl_size_mismatch,
    },
    Deviation {
        id: "qemu-advsimd-upper-z-kept",
        encodings: &[],
        rule: "QEMU deviation: with SVE implemented, every AdvSIMD or FP instruction that \
               writes a SIMD&FP register zeroes bits [VL-1:128] of the Z register (the V[] \
               setter in the Arm ARM pseudocode writes ZeroExtend(value, MAX_VL); Arm ARM \
               'SIMD and floating-point registers' with SVE). QEMU 7.2 zeroes only bits \
               [127:64] in several older AdvSIMD paths (REV16/REV32/REV64, the widening \
               long forms SSHLL/USHLL/SMULL/UMULL/SADDL/SABDL/..., the pairwise-long \
               forms, LD1..LD4 single structure, ...), keeping the old bits above 128. \
               Checked by hand: REV32 V7.4H leaves Z7[255:128] unchanged under QEMU while \
               ADD V8.4H zeroes them. Explained only when the low 128 bits agree, ours \
               are zero above, and QEMU's are the initial value.",
        applies: advsimd_upper_z_kept,
    },
    Deviation {
        id: "fault-destination-unknown",
        encodings: &[],
        rule: "Architecture leaves it open: when a load or store takes a synchronous Data \
               Abort part way (a multi-register or multi-element access crossing into the \
               unmapped page), the destination registers of the load are UNKNOWN and the \
               parts of a store that did not fault may or may not have been written (Arm \
               ARM, synchronous Data Abort: 'the values left in the destination registers \
               are UNKNOWN'; a multi-access store is not single-copy atomic). QEMU writes \
               the registers and memory of the elements before the faulting one; our CPU \
               performs every access before writing any state. Explained only when both \
               sides fault identically at the responsible instruction and the differences \
               are limited to its destination registers and memory.",
        applies: same_fault_partial_effects,
    },
    Deviation {
        id: "qemu-max-beyond-scope",
        encodings: &[],
        rule: "Scope, not a bug: QEMU's `max` CPU implements features after Armv8.5 (FEAT_BF16 \
               and others), so words that are unallocated (UNDEFINED) in the architecture \
               this CPU implements execute there. Explained only when our side takes UNDEF \
               on a word of OUT_OF_SCOPE; the ID registers of the difftest configuration \
               do not advertise those features.",
        applies: out_of_scope,
    },
    Deviation {
        id: "qemu-no-sp-alignment-check",
        encodings: &[],
        rule: "QEMU deviation: a load or store at EL0 whose base register is SP must take an \
               SP alignment fault (EC 0x26) when SP is not 16-byte aligned and \
               SCTLR_EL1.SA0 = 1, which Linux sets (Arm ARM D1.8.2, 'Stack pointer alignment \
               checking', CheckSPAlignment in the load/store pseudocode). QEMU's TCG does not \
               implement SP alignment checking at all, so it completes the access (or \
               faults on the address). Explained only when our side took the SP alignment \
               fault and QEMU did not fault on alignment.",
        applies: ours_sp_alignment_fault_only,
    },
    Deviation {
        id: "env-mmu-off-device-alignment",
        encodings: &[],
        rule: "Environment, not QEMU: our CPU runs the case at EL0 with SCTLR_EL1.M = 0, so every \
           data access is to Device-nGnRnE memory, and an unaligned access to Device memory \
           takes an Alignment fault whatever SCTLR_EL1.A says (Arm ARM B2.5.2, 'Alignment of \
           data accesses'). Linux user mode runs with the MMU on and Normal memory, where \
           SCTLR_EL1.A = 0 permits the same access. Explained only when our side took a data \
           abort with DFSC 0b100001 (alignment) and QEMU did not fault on alignment.",
        applies: ours_alignment_fault_only,
    },
    // ------------------------------------------------------------------------ SVE
    Deviation {
        id: "sve-nf-access-suppressed",
        encodings: &["LDNF1_ri", "LDFF1_rr", "LD1_g"],
        rule: "Architecture leaves it open: a non-fault access (every element of LDNF1, \
               every element after the first active one of LDFF1) may be suppressed for \
               any reason (Arm ARM, LDNF1*/LDFF1* pseudocode: 'MemNF[] will return \
               fault=TRUE if access is not performed for any reason'); FFR is then \
               cleared from that element on and every destination element from the \
               first false FFR element on is CONSTRAINED UNPREDICTABLE (the data, zero, \
               or the old value: Unpredictable_SVELDNFDATA/SVELDNFZERO). QEMU 7.2 \
               declines elements on a second 4 KiB page and elements crossing a page \
               (contiguous and gathers) and writes zero there; our CPU loads every \
               element that is in RAM. Explained only when both sides completed, the \
               differences are Zt and FFR, QEMU's FFR is ours with all bits from some \
               element k on cleared (k after the first active element for LDFF1), and \
               every differing element is at or after QEMU's first false FFR element \
               and is zero (or the memory data) there.",
        applies: sve_nf_suppressed,
    },
    Deviation {
        id: "qemu-sve-ldnfff1-predicate-misread",
        encodings: &["LDNF1_ri", "LDFF1_rr"],
        rule: "QEMU deviation: in its contiguous first-fault/non-fault helper \
               (sve_ldnfff1_r) QEMU 7.2 reads the governing predicate as the 64-bit \
               word at byte offset reg_off/8 and then tests bit reg_off%64 of it, so for \
               the elements from the first active one (byte offset f in the vector) to \
               the next 64-byte boundary it tests predicate bit r + 8*((f%64)/8) \
               instead of bit r: an active element is left zero and an inactive one may \
               be loaded (seen: ldnf1b z12.s at VL 48 with only element 3 active loads \
               nothing; with elements 3, 4, 5 active loads element 3 only). The Arm ARM \
               loads exactly the active elements (ActivePredicateElement). Explained \
               only when every difference that the access-suppression latitude does not \
               cover is an element in that range whose QEMU value is what the shifted \
               predicate bit gives: zero when the shifted bit is false, the memory data \
               or zero when it is true for an inactive element.",
        applies: sve_nf_qemu_pred_misread,
    },
    Deviation {
        id: "qemu-max-beyond-scope-sve",
        encodings: &["FCVT"],
        rule: "Scope, not a bug: QEMU's `max` CPU implements SVE2 and FEAT_BF16, so SVE \
               words that are unallocated (UNDEFINED) in the architecture this CPU \
               implements (Armv8.5 + SVE) execute there: FCVTX and FLOGB (SVE2) and \
               BFCVT (SVE) sit in holes of the FCVT/FCVTZ groups. Explained only when our side \
               takes UNDEF on a word of SVE_OUT_OF_SCOPE; ID_AA64ZFR0_EL1 of the difftest \
               configuration advertises neither feature.",
        applies: sve_out_of_scope,
    },
    // -------------------------------------------------------------------- end SVE
    // ---- AdvSIMD/FP block (scalar FP and Advanced SIMD floating point) ----
    Deviation {
        id: "qemu-fjcvtzs-fz-denormal-z",
        encodings: &["FJCVTZS"],
        rule: "QEMU deviation (QEMU issue 2375, fixed in QEMU 9.1): FJCVTZS of a positive \
               denormal with FPCR.FZ = 1. FPUnpack flushes the input to +0.0 (IDC set), the \
               integer result is 0, and the Arm ARM's FPToFixedJS then clears Z because \
               `sign == '0' && value == 0.0 && !IsZero(op<51:0>)`: the input was not \
               exactly zero. QEMU 7.2 sets Z. Ours follows the Arm ARM (so does \
               arm64-cpu's tests/fp_qemu.rs). Explained only with FPCR.FZ = 1, a zero \
               result on both sides, N, C, V clear, ours Z = 0 and QEMU's Z = 1 as the only \
               difference, and (for a case of that instruction alone) a positive \
               denormal input.",
        applies: qemu_fjcvtzs_fz_denormal,
    },
    Deviation {
        id: "qemu-fcvtz-fixed-h-writes-32-bits",
        encodings: &["FCVTZ_fix_sch"],
        rule: "QEMU deviation: FCVTZS/FCVTZU (scalar, fixed-point) with a half-precision \
               register (immh = 001x) has esize = datasize = 16 in the Arm ARM, so V[d] is \
               written with the 16-bit integer and everything above it is zeroed. QEMU 7.2 \
               writes the 32-bit (sign-extended) integer, e.g. FCVTZS H22, H28, #10 of \
               -1.0 gives 0xfffffc00 instead of 0xfc00. Explained only when that register \
               is the only difference, the low 16 bits agree, ours is zero above them and \
               QEMU's bits [127:32] are zero.",
        applies: qemu_fcvtz_fix_h_32bit,
    },
    Deviation {
        id: "qemu-fp16-pairwise-bit22-ignored",
        encodings: &["FADDP_sc", "FMAXV_v"],
        rule: "QEMU deviation: the half-precision Advanced SIMD scalar pairwise (FADDP, \
               FMAXP, FMINP, FMAXNMP, FMINNMP) and across-lanes (FMAXV, FMINV, FMAXNMV, \
               FMINNMV) encodings (U = 0) have bit 22 fixed at 0 in the Arm ARM; with bit \
               22 = 1 the word matches no encoding and is UNDEFINED (LLVM 14 also calls \
               it invalid). QEMU 7.2 ignores the bit and executes the half-precision \
               operation (0x5ef0cbb4 runs as FMINNMP H20, V29.2H). Explained only for \
               those words (U = 0, bit 22 = 1) when ours took UNDEF and QEMU did not.",
        applies: qemu_fp16_bit22_ignored,
    },
    // ---- end of the AdvSIMD/FP block ----
];

/// The first deviation that explains the mismatch.
pub fn explain(c: &Ctx) -> Option<&'static Deviation> {
    DEVIATIONS.iter().find(|d| {
        (d.encodings.is_empty() || d.encodings.iter().any(|e| c.name.starts_with(e)))
            && (d.applies)(c)
    })
}

#[cfg(test)]
mod sve_tests {
    //! The SVE entries against hand-built outcomes (values worked out by hand from
    //! the scratch contents, not taken from either side).
    use super::*;
    use crate::compare::compare;
    use crate::layout::{mem_word, SCRATCH};
    use crate::state::{ArchState, Case, Item};

    const SEED: u64 = 0x0dec_0e86_70a4_49d9;
    // ldnf1b { z12.s }, p0/z, [x13, #-2, mul vl] (llvm-mc 14)
    const LDNF1B: u32 = 0xa45e_a1ac;
    // ldff1b { z12.s }, p0/z, [x13, x26] (llvm-mc 14)
    const LDFF1B: u32 = 0xa45a_61ac;

    fn byte(a: u64) -> u64 {
        let off = a - SCRATCH;
        (mem_word(SEED, off / 8) >> (8 * (off % 8))) & 0xFF
    }

    /// A VL 48 case with P0 = `active` .S lanes; returns (case, ours) where ours
    /// loaded every active lane from `base`.
    fn setup(word: u32, base: u64, active: &[usize]) -> (Case, Outcome) {
        let vl = 48;
        let mut init = ArchState::zeroed(vl);
        init.x[13] = 0x2000_6840;
        init.x[27] = SCRATCH;
        init.ffr = vec![0xFF; vl / 8];
        for &e in active {
            init.p[(4 * e) / 8] |= 1 << ((4 * e) % 8);
        }
        let d = arm64_cpu::decode::Decoder::global();
        let case = Case {
            init: init.clone(),
            seed: SEED,
            groups: vec![vec![Item {
                word,
                enc: d.decode(word).map(|i| i.idx),
            }]],
        };
        let mut st = init;
        for &e in active {
            st.z[12 * vl + 4 * e] = byte(base + e as u64) as u8;
        }
        (
            case,
            Outcome {
                end: End::Done,
                state: st,
                mem: vec![],
            },
        )
    }

    fn explain_id(case: &Case, word: u32, ours: &Outcome, qemu: &Outcome) -> Option<&'static str> {
        let d = arm64_cpu::decode::Decoder::global();
        let name = d.encs[d.decode(word).unwrap().idx as usize].enc.name;
        let diffs = compare(ours, qemu);
        assert!(!diffs.is_empty());
        explain(&Ctx {
            name,
            word,
            case,
            ours,
            qemu,
            diffs: &diffs,
        })
        .map(|d| d.id)
    }

    #[test]
    fn predicate_misread_needs_the_shifted_bit() {
        // Element 0 at 0x20006840 - 2 * 12 = 0x20006828.
        let base = 0x2000_6828;
        // Only lane 3 (byte offset 12, shift 8): QEMU tests bit 20 (false): zero.
        let (case, ours) = setup(LDNF1B, base, &[3]);
        let mut qemu = ours.clone();
        qemu.state.z[12 * 48..13 * 48].fill(0);
        assert_eq!(
            explain_id(&case, LDNF1B, &ours, &qemu),
            Some("qemu-sve-ldnfff1-predicate-misread")
        );
        // Lanes 3, 4, 5: bit 20 (lane 5) is true, so QEMU loads lane 3 only.
        let (case, ours) = setup(LDNF1B, base, &[3, 4, 5]);
        let mut q = ours.clone();
        q.state.z[12 * 48 + 16] = 0;
        q.state.z[12 * 48 + 20] = 0;
        assert_eq!(
            explain_id(&case, LDNF1B, &ours, &q),
            Some("qemu-sve-ldnfff1-predicate-misread")
        );
        // Lane 3 dropped instead: its shifted bit is true, so not the misread.
        let mut q = ours.clone();
        q.state.z[12 * 48 + 12] = 0;
        assert_eq!(explain_id(&case, LDNF1B, &ours, &q), None);
        // First active lane 1 (byte offset 4 < 8): QEMU reads the predicate right, so
        // a missing lane is a real difference.
        let (case, ours) = setup(LDNF1B, base, &[1]);
        let mut q = ours.clone();
        q.state.z[12 * 48 + 4] = 0;
        assert_eq!(explain_id(&case, LDNF1B, &ours, &q), None);
    }

    #[test]
    fn suppression_clears_ffr_from_an_element_on() {
        let base = 0x2000_6828;
        let all: Vec<usize> = (0..12).collect();
        let (case, ours) = setup(LDNF1B, base, &all);
        // FFR cleared from lane 6 on (predicate bit 24 up), lanes 6.. zero.
        let mut q = ours.clone();
        q.state.ffr = vec![0xFF, 0xFF, 0xFF, 0, 0, 0];
        q.state.z[12 * 48 + 24..13 * 48].fill(0);
        assert_eq!(
            explain_id(&case, LDNF1B, &ours, &q),
            Some("sve-nf-access-suppressed")
        );
        // The same FFR but lane 5 (before the cut) lost too: not permitted.
        let mut bad = q.clone();
        bad.state.z[12 * 48 + 20] ^= 0x5A;
        assert_eq!(explain_id(&case, LDNF1B, &ours, &bad), None);
        // FFR not a prefix cut (lane 8 set again): not permitted.
        let mut bad = q.clone();
        bad.state.ffr[4] = 1;
        assert_eq!(explain_id(&case, LDNF1B, &ours, &bad), None);
        // LDFF1 may not suppress its first active element.
        let (case, ours) = setup(LDFF1B, 0x2000_6840, &all);
        let mut q = ours.clone();
        q.state.ffr = vec![0; 6];
        q.state.z[12 * 48..13 * 48].fill(0);
        assert_eq!(explain_id(&case, LDFF1B, &ours, &q), None);
        // ... but may suppress the second one.
        let mut q = ours.clone();
        q.state.ffr = vec![0x0F, 0, 0, 0, 0, 0];
        q.state.z[12 * 48 + 4..13 * 48].fill(0);
        assert_eq!(
            explain_id(&case, LDFF1B, &ours, &q),
            Some("sve-nf-access-suppressed")
        );
    }
}
