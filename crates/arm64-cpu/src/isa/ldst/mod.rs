//! A64 loads and stores (Arm ARM C4.1, "Loads and Stores"), except SVE.
//!
//! - [`single`]: one general or SIMD&FP register: unsigned offset, unscaled (LDUR),
//!   pre/post-index, unprivileged (LDTR), register offset, literal, and PRFM.
//! - [`pair`]: LDP/STP/LDPSW/LDNP/STNP, general and SIMD&FP.
//! - [`simd`]: Advanced SIMD structures LD1..LD4/ST1..ST4 (multiple, single lane,
//!   replicate).
//! - [`atomic`]: exclusives, load-acquire/store-release (incl. LDAPR, LDAPUR/STLUR,
//!   LDLAR/STLLR), LSE atomics, CAS and CASP.
//!
//! Every handler performs all of its memory accesses before it writes any register,
//! because an MMIO access abandons the instruction and replays it (see [`crate::mem`]).
//!
//! Optional features are gated on the ID register values in [`crate::CpuConfig`], so
//! what executes is exactly what is advertised: LSE (ID_AA64ISAR0_EL1.Atomic >= 2),
//! LRCPC (ID_AA64ISAR1_EL1.LRCPC >= 1 for LDAPR, >= 2 for LDAPUR/STLUR) and LOR
//! (ID_AA64MMFR1_EL1.LO >= 1 for LDLAR/STLLR). Unadvertised, they UNDEF.
//!
//! Data is little-endian: SCTLR_EL1.EE/E0E (big-endian data) are not modelled.

use crate::cpu::{Cpu, Stop};
use crate::decode::{Enc, Feature};
use crate::exception::Exception;

pub mod atomic;
pub mod dis;
pub mod pair;
pub mod simd;
pub mod single;

#[cfg(test)]
mod tests;

use Feature::{AdvSimd, Fp, Lse, V8x};

/// This group's lines of the decode table.
pub static ENCODINGS: &[Enc] = &[
    // --- Load register (literal): opc:V selects the register and size.
    Enc::new("LDR_lit", "0 x:1 011 0 00 imm19:s19 rt:5", single::ldr_lit).dis(dis::literal),
    Enc::new("LDRSW_lit", "10 011 0 00 imm19:s19 rt:5", single::ldr_lit).dis(dis::literal),
    Enc::new("PRFM_lit", "11 011 0 00 imm19:s19 rt:5", single::prfm_lit).dis(dis::literal),
    Enc::new(
        "LDR_v_lit",
        "opc:2 011 1 00 imm19:s19 rt:5",
        single::ldr_lit,
    )
    .dis(dis::literal)
    .feat(Fp),
    // --- Single register, unsigned scaled 12-bit offset.
    Enc::new(
        "STR_imm",
        "size:2 111 0 01 00 imm12:12 rn:5 rt:5",
        single::ldst_uimm,
    )
    .dis(dis::uimm),
    Enc::new(
        "LDR_imm",
        "size:2 111 0 01 01 imm12:12 rn:5 rt:5",
        single::ldst_uimm,
    )
    .dis(dis::uimm),
    Enc::new(
        "PRFM_imm",
        "11 111 0 01 10 imm12:12 rn:5 rt:5",
        single::ldst_uimm,
    )
    .dis(dis::uimm)
    .overlap("ldrs_imm"),
    Enc::new(
        "LDRS_imm",
        "size:2 111 0 01 1 o:1 imm12:12 rn:5 rt:5",
        single::ldst_uimm,
    )
    .dis(dis::uimm)
    .overlap("ldrs_imm"),
    Enc::new(
        "STR_v_imm",
        "size:2 111 1 01 x:1 0 imm12:12 rn:5 rt:5",
        single::ldst_uimm,
    )
    .dis(dis::uimm)
    .feat(Fp),
    Enc::new(
        "LDR_v_imm",
        "size:2 111 1 01 x:1 1 imm12:12 rn:5 rt:5",
        single::ldst_uimm,
    )
    .dis(dis::uimm)
    .feat(Fp),
    // --- Single register, unscaled signed 9-bit offset (LDUR/STUR/PRFUM).
    Enc::new(
        "STUR",
        "size:2 111 0 00 00 0 imm9:s9 00 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9),
    Enc::new(
        "LDUR",
        "size:2 111 0 00 01 0 imm9:s9 00 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9),
    Enc::new(
        "PRFUM",
        "11 111 0 00 10 0 imm9:s9 00 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9)
    .overlap("ldurs"),
    Enc::new(
        "LDURS",
        "size:2 111 0 00 1 o:1 0 imm9:s9 00 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9)
    .overlap("ldurs"),
    Enc::new(
        "STUR_v",
        "size:2 111 1 00 x:1 0 0 imm9:s9 00 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9)
    .feat(Fp),
    Enc::new(
        "LDUR_v",
        "size:2 111 1 00 x:1 1 0 imm9:s9 00 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9)
    .feat(Fp),
    // --- Single register, post-index (bits 11:10 = 01) and pre-index (11).
    Enc::new(
        "STR_post",
        "size:2 111 0 00 00 0 imm9:s9 01 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9),
    Enc::new(
        "LDR_post",
        "size:2 111 0 00 01 0 imm9:s9 01 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9),
    Enc::new(
        "LDRS_post",
        "size:2 111 0 00 1 o:1 0 imm9:s9 01 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9),
    Enc::new(
        "STR_v_post",
        "size:2 111 1 00 x:1 0 0 imm9:s9 01 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9)
    .feat(Fp),
    Enc::new(
        "LDR_v_post",
        "size:2 111 1 00 x:1 1 0 imm9:s9 01 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9)
    .feat(Fp),
    Enc::new(
        "STR_pre",
        "size:2 111 0 00 00 0 imm9:s9 11 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9),
    Enc::new(
        "LDR_pre",
        "size:2 111 0 00 01 0 imm9:s9 11 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9),
    Enc::new(
        "LDRS_pre",
        "size:2 111 0 00 1 o:1 0 imm9:s9 11 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9),
    Enc::new(
        "STR_v_pre",
        "size:2 111 1 00 x:1 0 0 imm9:s9 11 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9)
    .feat(Fp),
    Enc::new(
        "LDR_v_pre",
        "size:2 111 1 00 x:1 1 0 imm9:s9 11 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9)
    .feat(Fp),
    // --- Unprivileged (LDTR/STTR): general registers only.
    Enc::new(
        "STTR",
        "size:2 111 0 00 00 0 imm9:s9 10 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9),
    Enc::new(
        "LDTR",
        "size:2 111 0 00 01 0 imm9:s9 10 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9),
    Enc::new(
        "LDTRS",
        "size:2 111 0 00 1 o:1 0 imm9:s9 10 rn:5 rt:5",
        single::ldst_imm9,
    )
    .dis(dis::imm9),
    // --- Single register, register offset with extend/shift.
    Enc::new(
        "STR_reg",
        "size:2 111 0 00 00 1 rm:5 option:3 s:1 10 rn:5 rt:5",
        single::ldst_reg,
    )
    .dis(dis::reg),
    Enc::new(
        "LDR_reg",
        "size:2 111 0 00 01 1 rm:5 option:3 s:1 10 rn:5 rt:5",
        single::ldst_reg,
    )
    .dis(dis::reg),
    Enc::new(
        "PRFM_reg",
        "11 111 0 00 10 1 rm:5 option:3 s:1 10 rn:5 rt:5",
        single::ldst_reg,
    )
    .dis(dis::reg)
    .overlap("ldrs_reg"),
    Enc::new(
        "LDRS_reg",
        "size:2 111 0 00 1 o:1 1 rm:5 option:3 s:1 10 rn:5 rt:5",
        single::ldst_reg,
    )
    .dis(dis::reg)
    .overlap("ldrs_reg"),
    Enc::new(
        "STR_v_reg",
        "size:2 111 1 00 x:1 0 1 rm:5 option:3 s:1 10 rn:5 rt:5",
        single::ldst_reg,
    )
    .dis(dis::reg)
    .feat(Fp),
    Enc::new(
        "LDR_v_reg",
        "size:2 111 1 00 x:1 1 1 rm:5 option:3 s:1 10 rn:5 rt:5",
        single::ldst_reg,
    )
    .dis(dis::reg)
    .feat(Fp),
    // --- Pairs. Bits 24:23: 00 no-allocate, 01 post-index, 10 offset, 11 pre-index.
    Enc::new(
        "STNP",
        "x:1 0 101 0 000 0 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair),
    Enc::new(
        "LDNP",
        "x:1 0 101 0 000 1 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair),
    Enc::new(
        "STP_post",
        "x:1 0 101 0 001 0 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair),
    Enc::new(
        "LDP_post",
        "x:1 0 101 0 001 1 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair),
    Enc::new(
        "LDPSW_post",
        "01 101 0 001 1 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair),
    Enc::new(
        "STP",
        "x:1 0 101 0 010 0 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair),
    Enc::new(
        "LDP",
        "x:1 0 101 0 010 1 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair),
    Enc::new(
        "LDPSW",
        "01 101 0 010 1 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair),
    Enc::new(
        "STP_pre",
        "x:1 0 101 0 011 0 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair),
    Enc::new(
        "LDP_pre",
        "x:1 0 101 0 011 1 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair),
    Enc::new(
        "LDPSW_pre",
        "01 101 0 011 1 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair),
    Enc::new(
        "STNP_v",
        "opc:2 101 1 000 0 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair)
    .feat(Fp),
    Enc::new(
        "LDNP_v",
        "opc:2 101 1 000 1 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair)
    .feat(Fp),
    Enc::new(
        "STP_v_post",
        "opc:2 101 1 001 0 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair)
    .feat(Fp),
    Enc::new(
        "LDP_v_post",
        "opc:2 101 1 001 1 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair)
    .feat(Fp),
    Enc::new(
        "STP_v",
        "opc:2 101 1 010 0 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair)
    .feat(Fp),
    Enc::new(
        "LDP_v",
        "opc:2 101 1 010 1 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair)
    .feat(Fp),
    Enc::new(
        "STP_v_pre",
        "opc:2 101 1 011 0 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair)
    .feat(Fp),
    Enc::new(
        "LDP_v_pre",
        "opc:2 101 1 011 1 imm7:s7 rt2:5 rn:5 rt:5",
        pair::ldst_pair,
    )
    .dis(dis::pair)
    .feat(Fp),
    // --- Advanced SIMD load/store multiple structures (post-index: Rm = 31 means
    // the immediate form, advancing by the bytes transferred).
    Enc::new(
        "STn_mult",
        "0 q:1 0011000 0 000000 opcode:4 size:2 rn:5 rt:5",
        simd::ldst_mult,
    )
    .dis(dis::mult)
    .feat(AdvSimd),
    Enc::new(
        "LDn_mult",
        "0 q:1 0011000 1 000000 opcode:4 size:2 rn:5 rt:5",
        simd::ldst_mult,
    )
    .dis(dis::mult)
    .feat(AdvSimd),
    Enc::new(
        "STn_mult_post",
        "0 q:1 0011001 0 0 rm:5 opcode:4 size:2 rn:5 rt:5",
        simd::ldst_mult,
    )
    .dis(dis::mult)
    .feat(AdvSimd),
    Enc::new(
        "LDn_mult_post",
        "0 q:1 0011001 1 0 rm:5 opcode:4 size:2 rn:5 rt:5",
        simd::ldst_mult,
    )
    .dis(dis::mult)
    .feat(AdvSimd),
    // --- Advanced SIMD single structure (one lane) and load-and-replicate.
    Enc::new(
        "STn_single",
        "0 q:1 0011010 0 r:1 00000 opcode:3 s:1 size:2 rn:5 rt:5",
        simd::ldst_single,
    )
    .dis(dis::single_struct)
    .feat(AdvSimd),
    Enc::new(
        "LDnR",
        "0 q:1 0011010 1 r:1 00000 11 o:1 s:1 size:2 rn:5 rt:5",
        simd::ldst_single,
    )
    .dis(dis::single_struct)
    .feat(AdvSimd)
    .overlap("ldn_single"),
    Enc::new(
        "LDn_single",
        "0 q:1 0011010 1 r:1 00000 opcode:3 s:1 size:2 rn:5 rt:5",
        simd::ldst_single,
    )
    .dis(dis::single_struct)
    .feat(AdvSimd)
    .overlap("ldn_single"),
    Enc::new(
        "STn_single_post",
        "0 q:1 0011011 0 r:1 rm:5 opcode:3 s:1 size:2 rn:5 rt:5",
        simd::ldst_single,
    )
    .dis(dis::single_struct)
    .feat(AdvSimd),
    Enc::new(
        "LDnR_post",
        "0 q:1 0011011 1 r:1 rm:5 11 o:1 s:1 size:2 rn:5 rt:5",
        simd::ldst_single,
    )
    .dis(dis::single_struct)
    .feat(AdvSimd)
    .overlap("ldn_single_post"),
    Enc::new(
        "LDn_single_post",
        "0 q:1 0011011 1 r:1 rm:5 opcode:3 s:1 size:2 rn:5 rt:5",
        simd::ldst_single,
    )
    .dis(dis::single_struct)
    .feat(AdvSimd)
    .overlap("ldn_single_post"),
    // --- Exclusives and ordered. Unused Rs/Rt2 fields are ignored, as QEMU does
    // (the Arm ARM makes values other than 0b11111 CONSTRAINED UNPREDICTABLE).
    Enc::new(
        "STXR",
        "size:2 001000 000 rs:5 o0:1 rt2:5 rn:5 rt:5",
        atomic::stxr,
    )
    .dis(dis::excl),
    Enc::new(
        "LDXR",
        "size:2 001000 010 rs:5 o0:1 rt2:5 rn:5 rt:5",
        atomic::ldxr,
    )
    .dis(dis::excl),
    Enc::new(
        "STXP",
        "1 sz:1 001000 001 rs:5 o0:1 rt2:5 rn:5 rt:5",
        atomic::stxp,
    )
    .dis(dis::excl),
    Enc::new(
        "LDXP",
        "1 sz:1 001000 011 rs:5 o0:1 rt2:5 rn:5 rt:5",
        atomic::ldxp,
    )
    .dis(dis::excl),
    Enc::new(
        "STLLR",
        "size:2 001000 100 rs:5 0 rt2:5 rn:5 rt:5",
        atomic::stlr,
    )
    .dis(dis::excl)
    .feat(V8x),
    Enc::new(
        "STLR",
        "size:2 001000 100 rs:5 1 rt2:5 rn:5 rt:5",
        atomic::stlr,
    )
    .dis(dis::excl),
    Enc::new(
        "LDLAR",
        "size:2 001000 110 rs:5 0 rt2:5 rn:5 rt:5",
        atomic::ldar,
    )
    .dis(dis::excl)
    .feat(V8x),
    Enc::new(
        "LDAR",
        "size:2 001000 110 rs:5 1 rt2:5 rn:5 rt:5",
        atomic::ldar,
    )
    .dis(dis::excl),
    Enc::new(
        "CASP",
        "0 sz:1 001000 0 l:1 1 rs:5 o0:1 11111 rn:5 rt:5",
        atomic::casp,
    )
    .dis(dis::cas)
    .feat(Lse),
    Enc::new(
        "CAS",
        "size:2 001000 1 l:1 1 rs:5 o0:1 11111 rn:5 rt:5",
        atomic::cas,
    )
    .dis(dis::cas)
    .feat(Lse),
    // --- FEAT_LRCPC2: LDAPUR*/STLUR* with a signed 9-bit offset.
    Enc::new(
        "STLUR",
        "size:2 011001 00 0 imm9:s9 00 rn:5 rt:5",
        atomic::ldapur_stlur,
    )
    .dis(dis::rcpc_unscaled)
    .feat(V8x),
    Enc::new(
        "LDAPUR",
        "size:2 011001 01 0 imm9:s9 00 rn:5 rt:5",
        atomic::ldapur_stlur,
    )
    .dis(dis::rcpc_unscaled)
    .feat(V8x),
    Enc::new(
        "LDAPURS",
        "size:2 011001 1 o:1 0 imm9:s9 00 rn:5 rt:5",
        atomic::ldapur_stlur,
    )
    .dis(dis::rcpc_unscaled)
    .feat(V8x),
    // --- LSE atomic memory operations (ST<op> are the Rt = 31 aliases), SWP, and
    // FEAT_LRCPC LDAPR.
    Enc::new(
        "LDADD",
        "size:2 111 0 00 a:1 r:1 1 rs:5 0 000 00 rn:5 rt:5",
        atomic::ld_op,
    )
    .dis(dis::atomic)
    .feat(Lse),
    Enc::new(
        "LDCLR",
        "size:2 111 0 00 a:1 r:1 1 rs:5 0 001 00 rn:5 rt:5",
        atomic::ld_op,
    )
    .dis(dis::atomic)
    .feat(Lse),
    Enc::new(
        "LDEOR",
        "size:2 111 0 00 a:1 r:1 1 rs:5 0 010 00 rn:5 rt:5",
        atomic::ld_op,
    )
    .dis(dis::atomic)
    .feat(Lse),
    Enc::new(
        "LDSET",
        "size:2 111 0 00 a:1 r:1 1 rs:5 0 011 00 rn:5 rt:5",
        atomic::ld_op,
    )
    .dis(dis::atomic)
    .feat(Lse),
    Enc::new(
        "LDSMAX",
        "size:2 111 0 00 a:1 r:1 1 rs:5 0 100 00 rn:5 rt:5",
        atomic::ld_op,
    )
    .dis(dis::atomic)
    .feat(Lse),
    Enc::new(
        "LDSMIN",
        "size:2 111 0 00 a:1 r:1 1 rs:5 0 101 00 rn:5 rt:5",
        atomic::ld_op,
    )
    .dis(dis::atomic)
    .feat(Lse),
    Enc::new(
        "LDUMAX",
        "size:2 111 0 00 a:1 r:1 1 rs:5 0 110 00 rn:5 rt:5",
        atomic::ld_op,
    )
    .dis(dis::atomic)
    .feat(Lse),
    Enc::new(
        "LDUMIN",
        "size:2 111 0 00 a:1 r:1 1 rs:5 0 111 00 rn:5 rt:5",
        atomic::ld_op,
    )
    .dis(dis::atomic)
    .feat(Lse),
    Enc::new(
        "SWP",
        "size:2 111 0 00 a:1 r:1 1 rs:5 1 000 00 rn:5 rt:5",
        atomic::ld_op,
    )
    .dis(dis::atomic)
    .feat(Lse),
    Enc::new(
        "LDAPR",
        "size:2 111 0 00 1 0 1 11111 1 100 00 rn:5 rt:5",
        atomic::ldapr,
    )
    .dis(dis::ldapr)
    .feat(V8x),
];

/// UNDEFINED (an unallocated sub-case of a table line).
#[inline]
pub(crate) fn undef() -> Stop {
    Stop::Exception(Exception::Undefined)
}

/// Reads the base register of an address (Rn, 31 = SP). Using SP as the base checks
/// its alignment first (CheckSPAlignment): SCTLR_EL1.SA at EL1, SA0 at EL0.
#[inline]
pub(crate) fn base(c: &Cpu, rn: u32) -> Result<u64, Stop> {
    if rn == 31 {
        let sp = c.s.sp();
        let sa = if c.s.pstate.el == 0 { 1 << 4 } else { 1 << 3 };
        if c.sys.sctlr_el1 & sa != 0 && sp & 0xF != 0 {
            return Err(Stop::Exception(Exception::SpAlignment));
        }
        Ok(sp)
    } else {
        Ok(c.s.x[rn as usize & 31])
    }
}

/// An ordinary load of `size` (1, 2, 4, 8) bytes, zero-extended.
#[inline]
pub(crate) fn ld(c: &mut Cpu, va: u64, size: usize) -> Result<u64, Stop> {
    c.check_alignment(va, size, false)?;
    c.read_mem(va, size)
}

/// An ordinary store of the low `size` bytes of `v`.
#[inline]
pub(crate) fn st(c: &mut Cpu, va: u64, size: usize, v: u64) -> Result<(), Stop> {
    c.check_alignment(va, size, true)?;
    c.write_mem(va, size, v)
}

/// A 128-bit SIMD&FP load: two 64-bit single-copy atomic accesses when 8-byte
/// aligned, as the Arm ARM's Mem[] treats a 128-bit vector access.
#[inline]
pub(crate) fn ld128(c: &mut Cpu, va: u64) -> Result<u128, Stop> {
    c.check_alignment(va, 16, false)?;
    if va & 7 == 0 {
        let lo = c.read_mem(va, 8)?;
        let hi = c.read_mem(va.wrapping_add(8), 8)?;
        Ok(lo as u128 | (hi as u128) << 64)
    } else {
        let mut b = [0u8; 16];
        c.read_bytes(va, &mut b)?;
        Ok(u128::from_le_bytes(b))
    }
}

/// A 128-bit SIMD&FP store (see [`ld128`]).
#[inline]
pub(crate) fn st128(c: &mut Cpu, va: u64, v: u128) -> Result<(), Stop> {
    c.check_alignment(va, 16, true)?;
    if va & 7 == 0 {
        c.write_mem(va, 8, v as u64)?;
        c.write_mem(va.wrapping_add(8), 8, (v >> 64) as u64)
    } else {
        c.write_bytes(va, &v.to_le_bytes())
    }
}

/// Sign-extends the low `bits` bits of `v`.
#[inline]
pub(crate) fn sext(v: u64, bits: u32) -> u64 {
    let sh = 64 - bits;
    (((v << sh) as i64) >> sh) as u64
}

/// Mask of the low `bytes` bytes.
#[inline]
pub(crate) fn bytes_mask(bytes: usize) -> u64 {
    if bytes >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * bytes)) - 1
    }
}
