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
