//! The Scalable Vector Extension (FEAT_SVE, Armv8.2; not SVE2) at every vector length
//! from 128 to 2048 bits in steps of 128 (Arm ARM C4.1.x "SVE encodings").
//!
//! Field names used throughout the table (for the random differential harness):
//! `zd`/`zn`/`zm`/`zdn`/`zda`/`za` are Z registers, `vd`/`vn`/`vm`/`vdn` the V view of a
//! Z register, `pd`/`pn`/`pm`/`pg`/`pv`/`pdn`/`pdm` predicates (`pg` governing; 3 bits
//! where the encoding restricts it to P0-P7), `rd`/`rn`/`rm`/`rdn` general registers
//! (`rn` as a load/store base is Xn|SP), `size` the element size (0 = B .. 3 = D),
//! `imm*` immediates (signed where the pattern says `:sN`), `i1`/`i2`/`i3h`:`i3l` the
//! element index of the indexed FP forms, `i1` alone the one-bit selector of the FP
//! immediate forms, `rot` a complex rotation, `opc`/`opc2`/`u` the sub-opcodes of the
//! FP conversions (see fp.rs for the FP lines).
//!
//! MOVPRFX is executed as a plain (predicated) move and its pairing with the next
//! instruction is not checked: for an illegal pairing, which the architecture makes
//! CONSTRAINED UNPREDICTABLE, this CPU executes both instructions as written.

use crate::decode::{Enc, Feature};

pub(crate) mod core;
pub mod dis;
mod fp;
mod int;
mod mem;
mod perm;
mod pred;

use fp::*;
use int::*;
use mem::*;
use perm::*;
use pred::*;

/// A table line gated by FEAT_SVE, disassembled by [`dis::sve`] (which picks the
/// formatter by line name).
const fn e(name: &'static str, pattern: &'static str, h: crate::decode::ExecFn) -> Enc {
    Enc::new(name, pattern, h).feat(Feature::Sve).dis(dis::sve)
}

/// This group's lines of the decode table.
pub static ENCODINGS: &[Enc] = &[
    // ---------------------------------------------------------------- predicates
    e(
        "PTRUE",
        "00100101 size:2 01100 s:1 111000 pattern:5 0 pd:4",
        ptrue,
    ),
    e("PFALSE", "00100101 00 011000 111001 000000 pd:4", pfalse),
    e("PTEST", "00100101 01 010000 11 pg:4 0 pn:4 0 0000", ptest),
    e("PFIRST", "00100101 01 011000 110000 0 pg:4 0 pdn:4", pfirst),
    e(
        "PNEXT",
        "00100101 size:2 011001 110001 0 pv:4 0 pdn:4",
        pnext,
    ),
    e(
        "AND_pppp",
        "00100101 op:1 s:1 00 pm:4 01 pg:4 o2:1 pn:4 o3:1 pd:4",
        plogic,
    ),
    e("RDFFR", "00100101 00 011001 111100 000000 pd:4", rdffr),
    e(
        "RDFFR_p",
        "00100101 0 s:1 011000 111100 0 pg:4 0 pd:4",
        rdffr_p,
    ),
    e("SETFFR", "00100101 00 101100 100100 0000000000", setffr),
    e("WRFFR", "00100101 00 101000 100100 0 pn:4 00000", wrffr),
    e(
        "BRKA",
        "00100101 b:1 s:1 010000 01 pg:4 0 pn:4 m:1 pd:4",
        brk,
    ),
    e("BRKN", "00100101 0 s:1 011000 01 pg:4 0 pn:4 0 pdm:4", brkn),
    e(
        "BRKPA",
        "00100101 0 s:1 00 pm:4 11 pg:4 0 pn:4 b:1 pd:4",
        brkp,
    ),
    e(
        "WHILE",
        "00100101 size:2 1 rm:5 000 sf:1 u:1 1 rn:5 eq:1 pd:4",
        whilec,
    ),
    e(
        "CTERM",
        "00100101 1 sf:1 1 rm:5 001000 rn:5 ne:1 0000",
        cterm,
    ),
    e("CNTP", "00100101 size:2 100000 10 pg:4 0 pn:4 rd:5", cntp),
    e(
        "INCDECP_r",
        "00100101 size:2 10110 d:1 10001 00 pm:4 rdn:5",
        incdecp_r,
    ),
    e(
        "INCDECP_z",
        "00100101 size:2 10110 d:1 10000 00 pm:4 zdn:5",
        incdecp_z,
    ),
    e(
        "SINCDECP_r32",
        "00100101 size:2 1010 d:1 u:1 10001 00 pm:4 rdn:5",
        sincdecp_r32,
    ),
    e(
        "SINCDECP_r64",
        "00100101 size:2 1010 d:1 u:1 10001 10 pm:4 rdn:5",
        sincdecp_r64,
    ),
    e(
        "SINCDECP_z",
        "00100101 size:2 1010 d:1 u:1 10000 00 pm:4 zdn:5",
        sincdecp_z,
    ),
    // ---------------------------------------------------------------- element counts
    e(
        "CNT_r",
        "00000100 size:2 10 imm4:4 111000 pattern:5 rd:5",
        cnt_r,
    ),
    e(
        "INCDEC_r",
        "00000100 size:2 11 imm4:4 11100 d:1 pattern:5 rdn:5",
        incdec_r,
    ),
    e(
        "INCDEC_v",
        "00000100 size:2 11 imm4:4 11000 d:1 pattern:5 zdn:5",
        incdec_v,
    ),
    e(
        "SINCDEC_r32",
        "00000100 size:2 10 imm4:4 1111 d:1 u:1 pattern:5 rdn:5",
        sincdec_r32,
    ),
    e(
        "SINCDEC_r64",
        "00000100 size:2 11 imm4:4 1111 d:1 u:1 pattern:5 rdn:5",
        sincdec_r64,
    ),
    e(
        "SINCDEC_v",
        "00000100 size:2 10 imm4:4 1100 d:1 u:1 pattern:5 zdn:5",
        sincdec_v,
    ),
    e("ADDVL", "00000100 001 rn:5 01010 imm:s6 rd:5", addvl),
    e("ADDPL", "00000100 011 rn:5 01010 imm:s6 rd:5", addpl),
    e("RDVL", "00000100 101 11111 01010 imm:s6 rd:5", rdvl),
    // ---------------------------------------------------------------- integer binary (predicated)
    e(
        "ADD_zpzz",
        "00000100 size:2 0 00000 000 pg:3 zm:5 zdn:5",
        zpzz::<Add>,
    ),
    e(
        "SUB_zpzz",
        "00000100 size:2 0 00001 000 pg:3 zm:5 zdn:5",
        zpzz::<Sub>,
    ),
    e(
        "SUBR_zpzz",
        "00000100 size:2 0 00011 000 pg:3 zm:5 zdn:5",
        zpzz::<Subr>,
    ),
    e(
        "SMAX_zpzz",
        "00000100 size:2 0 01000 000 pg:3 zm:5 zdn:5",
        zpzz::<Smax>,
    ),
    e(
        "UMAX_zpzz",
        "00000100 size:2 0 01001 000 pg:3 zm:5 zdn:5",
        zpzz::<Umax>,
    ),
    e(
        "SMIN_zpzz",
        "00000100 size:2 0 01010 000 pg:3 zm:5 zdn:5",
        zpzz::<Smin>,
    ),
    e(
        "UMIN_zpzz",
        "00000100 size:2 0 01011 000 pg:3 zm:5 zdn:5",
        zpzz::<Umin>,
    ),
    e(
        "SABD_zpzz",
        "00000100 size:2 0 01100 000 pg:3 zm:5 zdn:5",
        zpzz::<Sabd>,
    ),
    e(
        "UABD_zpzz",
        "00000100 size:2 0 01101 000 pg:3 zm:5 zdn:5",
        zpzz::<Uabd>,
    ),
    e(
        "MUL_zpzz",
        "00000100 size:2 0 10000 000 pg:3 zm:5 zdn:5",
        zpzz::<Mul>,
    ),
    e(
        "SMULH_zpzz",
        "00000100 size:2 0 10010 000 pg:3 zm:5 zdn:5",
        zpzz::<Smulh>,
    ),
    e(
        "UMULH_zpzz",
        "00000100 size:2 0 10011 000 pg:3 zm:5 zdn:5",
        zpzz::<Umulh>,
    ),
    e(
        "SDIV_zpzz",
        "00000100 size:2 0 10100 000 pg:3 zm:5 zdn:5",
        zpzz_sd::<Sdiv>,
    ),
    e(
        "UDIV_zpzz",
        "00000100 size:2 0 10101 000 pg:3 zm:5 zdn:5",
        zpzz_sd::<Udiv>,
    ),
    e(
        "SDIVR_zpzz",
        "00000100 size:2 0 10110 000 pg:3 zm:5 zdn:5",
        zpzz_sd::<Sdivr>,
    ),
    e(
        "UDIVR_zpzz",
        "00000100 size:2 0 10111 000 pg:3 zm:5 zdn:5",
        zpzz_sd::<Udivr>,
    ),
    e(
        "ORR_zpzz",
        "00000100 size:2 0 11000 000 pg:3 zm:5 zdn:5",
        zpzz::<Orr>,
    ),
    e(
        "EOR_zpzz",
        "00000100 size:2 0 11001 000 pg:3 zm:5 zdn:5",
        zpzz::<Eor>,
    ),
    e(
        "AND_zpzz",
        "00000100 size:2 0 11010 000 pg:3 zm:5 zdn:5",
        zpzz::<And>,
    ),
    e(
        "BIC_zpzz",
        "00000100 size:2 0 11011 000 pg:3 zm:5 zdn:5",
        zpzz::<Bic>,
    ),
    // ---------------------------------------------------------------- reductions, MOVPRFX
    e(
        "SADDV",
        "00000100 size:2 0 00000 001 pg:3 zn:5 vd:5",
        reduce::<3>,
    ),
    e(
        "UADDV",
        "00000100 size:2 0 00001 001 pg:3 zn:5 vd:5",
        reduce::<4>,
    ),
    e(
        "SMAXV_r",
        "00000100 size:2 0 01000 001 pg:3 zn:5 vd:5",
        reduce::<5>,
    ),
    e(
        "UMAXV_r",
        "00000100 size:2 0 01001 001 pg:3 zn:5 vd:5",
        reduce::<6>,
    ),
    e(
        "SMINV_r",
        "00000100 size:2 0 01010 001 pg:3 zn:5 vd:5",
        reduce::<7>,
    ),
    e(
        "UMINV_r",
        "00000100 size:2 0 01011 001 pg:3 zn:5 vd:5",
        reduce::<8>,
    ),
    e(
        "MOVPRFX_zpz",
        "00000100 size:2 0 1000 m:1 001 pg:3 zn:5 zd:5",
        movprfx_p,
    ),
    e(
        "ORV",
        "00000100 size:2 0 11000 001 pg:3 zn:5 vd:5",
        reduce::<0>,
    ),
    e(
        "EORV",
        "00000100 size:2 0 11001 001 pg:3 zn:5 vd:5",
        reduce::<1>,
    ),
    e(
        "ANDV",
        "00000100 size:2 0 11010 001 pg:3 zn:5 vd:5",
        reduce::<2>,
    ),
    // ---------------------------------------------------------------- shifts (predicated)
    e(
        "ASR_zpzi",
        "00000100 tszh:2 0 00000 100 pg:3 tszl:2 imm3:3 zdn:5",
        zpzi::<0>,
    ),
    e(
        "LSR_zpzi",
        "00000100 tszh:2 0 00001 100 pg:3 tszl:2 imm3:3 zdn:5",
        zpzi::<1>,
    ),
    e(
        "LSL_zpzi",
        "00000100 tszh:2 0 00011 100 pg:3 tszl:2 imm3:3 zdn:5",
        zpzi::<2>,
    ),
    e(
        "ASRD",
        "00000100 tszh:2 0 00100 100 pg:3 tszl:2 imm3:3 zdn:5",
        zpzi::<3>,
    ),
    e(
        "ASR_zpzz",
        "00000100 size:2 0 10000 100 pg:3 zm:5 zdn:5",
        zpzz::<Asr>,
    ),
    e(
        "LSR_zpzz",
        "00000100 size:2 0 10001 100 pg:3 zm:5 zdn:5",
        zpzz::<Lsr>,
    ),
    e(
        "LSL_zpzz",
        "00000100 size:2 0 10011 100 pg:3 zm:5 zdn:5",
        zpzz::<Lsl>,
    ),
    e(
        "ASRR_zpzz",
        "00000100 size:2 0 10100 100 pg:3 zm:5 zdn:5",
        zpzz::<Asrr>,
    ),
    e(
        "LSRR_zpzz",
        "00000100 size:2 0 10101 100 pg:3 zm:5 zdn:5",
        zpzz::<Lsrr>,
    ),
    e(
        "LSLR_zpzz",
        "00000100 size:2 0 10111 100 pg:3 zm:5 zdn:5",
        zpzz::<Lslr>,
    ),
    e(
        "ASR_zpzw",
        "00000100 size:2 0 11000 100 pg:3 zm:5 zdn:5",
        zpzw::<Asr>,
    ),
    e(
        "LSR_zpzw",
        "00000100 size:2 0 11001 100 pg:3 zm:5 zdn:5",
        zpzw::<Lsr>,
    ),
    e(
        "LSL_zpzw",
        "00000100 size:2 0 11011 100 pg:3 zm:5 zdn:5",
        zpzw::<Lsl>,
    ),
    // ---------------------------------------------------------------- unary (predicated)
    e(
        "SXTB",
        "00000100 size:2 0 10000 101 pg:3 zn:5 zd:5",
        zpz::<Sxtb>,
    ),
    e(
        "UXTB",
        "00000100 size:2 0 10001 101 pg:3 zn:5 zd:5",
        zpz::<Uxtb>,
    ),
    e(
        "SXTH",
        "00000100 size:2 0 10010 101 pg:3 zn:5 zd:5",
        zpz::<Sxth>,
    ),
    e(
        "UXTH",
        "00000100 size:2 0 10011 101 pg:3 zn:5 zd:5",
        zpz::<Uxth>,
    ),
    e(
        "SXTW",
        "00000100 size:2 0 10100 101 pg:3 zn:5 zd:5",
        zpz::<Sxtw>,
    ),
    e(
        "UXTW",
        "00000100 size:2 0 10101 101 pg:3 zn:5 zd:5",
        zpz::<Uxtw>,
    ),
    e(
        "ABS",
        "00000100 size:2 0 10110 101 pg:3 zn:5 zd:5",
        zpz::<Abs>,
    ),
    e(
        "NEG",
        "00000100 size:2 0 10111 101 pg:3 zn:5 zd:5",
        zpz::<Neg>,
    ),
    e(
        "CLS",
        "00000100 size:2 0 11000 101 pg:3 zn:5 zd:5",
        zpz::<Cls>,
    ),
    e(
        "CLZ_zpz",
        "00000100 size:2 0 11001 101 pg:3 zn:5 zd:5",
        zpz::<Clz>,
    ),
    e(
        "CNT_zpz",
        "00000100 size:2 0 11010 101 pg:3 zn:5 zd:5",
        zpz::<Cnt>,
    ),
    e(
        "CNOT",
        "00000100 size:2 0 11011 101 pg:3 zn:5 zd:5",
        zpz::<Cnot>,
    ),
    e(
        "NOT_zpz",
        "00000100 size:2 0 11110 101 pg:3 zn:5 zd:5",
        zpz::<Not>,
    ),
    // ---------------------------------------------------------------- multiply-add
    e(
        "MLA",
        "00000100 size:2 0 zm:5 010 pg:3 zn:5 zda:5",
        mla::<false, false>,
    ),
    e(
        "MLS",
        "00000100 size:2 0 zm:5 011 pg:3 zn:5 zda:5",
        mla::<true, false>,
    ),
    e(
        "MAD",
        "00000100 size:2 0 zm:5 110 pg:3 za:5 zdn:5",
        mla::<false, true>,
    ),
    e(
        "MSB",
        "00000100 size:2 0 zm:5 111 pg:3 za:5 zdn:5",
        mla::<true, true>,
    ),
    // ---------------------------------------------------------------- unpredicated
    e(
        "ADD_zzz",
        "00000100 size:2 1 zm:5 000000 zn:5 zd:5",
        zzz::<Add>,
    ),
    e(
        "SUB_zzz",
        "00000100 size:2 1 zm:5 000001 zn:5 zd:5",
        zzz::<Sub>,
    ),
    e(
        "SQADD_zzz",
        "00000100 size:2 1 zm:5 000100 zn:5 zd:5",
        zzz::<Sqadd>,
    ),
    e(
        "UQADD_zzz",
        "00000100 size:2 1 zm:5 000101 zn:5 zd:5",
        zzz::<Uqadd>,
    ),
    e(
        "SQSUB_zzz",
        "00000100 size:2 1 zm:5 000110 zn:5 zd:5",
        zzz::<Sqsub>,
    ),
    e(
        "UQSUB_zzz",
        "00000100 size:2 1 zm:5 000111 zn:5 zd:5",
        zzz::<Uqsub>,
    ),
    e(
        "AND_zzz",
        "00000100 00 1 zm:5 001100 zn:5 zd:5",
        zzz_logic::<And>,
    ),
    e(
        "ORR_zzz",
        "00000100 01 1 zm:5 001100 zn:5 zd:5",
        zzz_logic::<Orr>,
    ),
    e(
        "EOR_zzz",
        "00000100 10 1 zm:5 001100 zn:5 zd:5",
        zzz_logic::<Eor>,
    ),
    e(
        "BIC_zzz",
        "00000100 11 1 zm:5 001100 zn:5 zd:5",
        zzz_logic::<Bic>,
    ),
    e(
        "INDEX_ii",
        "00000100 size:2 1 imm2:s5 010000 imm1:s5 zd:5",
        index_ii,
    ),
    e(
        "INDEX_ri",
        "00000100 size:2 1 imm:s5 010001 rn:5 zd:5",
        index_ri,
    ),
    e(
        "INDEX_ir",
        "00000100 size:2 1 rm:5 010010 imm:s5 zd:5",
        index_ir,
    ),
    e(
        "INDEX_rr",
        "00000100 size:2 1 rm:5 010011 rn:5 zd:5",
        index_rr,
    ),
    e(
        "ASR_zzw",
        "00000100 size:2 1 zm:5 100000 zn:5 zd:5",
        zzw::<Asr>,
    ),
    e(
        "LSR_zzw",
        "00000100 size:2 1 zm:5 100001 zn:5 zd:5",
        zzw::<Lsr>,
    ),
    e(
        "LSL_zzw",
        "00000100 size:2 1 zm:5 100011 zn:5 zd:5",
        zzw::<Lsl>,
    ),
    e(
        "ASR_zzi",
        "00000100 tszh:2 1 tszl:2 imm3:3 100100 zn:5 zd:5",
        zzi_shift::<0>,
    ),
    e(
        "LSR_zzi",
        "00000100 tszh:2 1 tszl:2 imm3:3 100101 zn:5 zd:5",
        zzi_shift::<1>,
    ),
    e(
        "LSL_zzi",
        "00000100 tszh:2 1 tszl:2 imm3:3 100111 zn:5 zd:5",
        zzi_shift::<2>,
    ),
    e("ADR_zzz", "00000100 opc:2 1 zm:5 1010 msz:2 zn:5 zd:5", adr),
    e("MOVPRFX", "00000100 00 1 00000 101111 zn:5 zd:5", movprfx),
    // ---------------------------------------------------------------- bitwise immediate
    e(
        "ORR_zzi",
        "00000101 00 0000 imm13:13 zdn:5",
        zzi_logic::<Orr>,
    ),
    e(
        "EOR_zzi",
        "00000101 01 0000 imm13:13 zdn:5",
        zzi_logic::<Eor>,
    ),
    e(
        "AND_zzi",
        "00000101 10 0000 imm13:13 zdn:5",
        zzi_logic::<And>,
    ),
    e("DUPM", "00000101 11 0000 imm13:13 zd:5", dupm),
    // ---------------------------------------------------------------- wide immediates
    e("FCPY", "00000101 size:2 01 pg:4 110 imm8:8 zd:5", fcpy),
    e(
        "CPY_zpi",
        "00000101 size:2 01 pg:4 0 m:1 sh:1 imm8:8 zd:5",
        cpy_i,
    ),
    e("FDUP", "00100101 size:2 111 00 1110 imm8:8 zd:5", fdup),
    e(
        "DUP_i",
        "00100101 size:2 111 00 011 sh:1 imm8:8 zd:5",
        dup_i,
    ),
    e(
        "ADD_zzi",
        "00100101 size:2 100 000 11 sh:1 imm8:8 zdn:5",
        zzi_sh::<Add>,
    ),
    e(
        "SUB_zzi",
        "00100101 size:2 100 001 11 sh:1 imm8:8 zdn:5",
        zzi_sh::<Sub>,
    ),
    e(
        "SUBR_zzi",
        "00100101 size:2 100 011 11 sh:1 imm8:8 zdn:5",
        zzi_sh::<Subr>,
    ),
    e(
        "SQADD_zzi",
        "00100101 size:2 100 100 11 sh:1 imm8:8 zdn:5",
        zzi_sh::<SqaddImm>,
    ),
    e(
        "UQADD_zzi",
        "00100101 size:2 100 101 11 sh:1 imm8:8 zdn:5",
        zzi_sh::<Uqadd>,
    ),
    e(
        "SQSUB_zzi",
        "00100101 size:2 100 110 11 sh:1 imm8:8 zdn:5",
        zzi_sh::<SqsubImm>,
    ),
    e(
        "UQSUB_zzi",
        "00100101 size:2 100 111 11 sh:1 imm8:8 zdn:5",
        zzi_sh::<Uqsub>,
    ),
    e(
        "SMAX_zzi",
        "00100101 size:2 101 000 110 imm8:8 zdn:5",
        zzi_s8::<Smax>,
    ),
    e(
        "UMAX_zzi",
        "00100101 size:2 101 001 110 imm8:8 zdn:5",
        zzi_u8::<Umax>,
    ),
    e(
        "SMIN_zzi",
        "00100101 size:2 101 010 110 imm8:8 zdn:5",
        zzi_s8::<Smin>,
    ),
    e(
        "UMIN_zzi",
        "00100101 size:2 101 011 110 imm8:8 zdn:5",
        zzi_u8::<Umin>,
    ),
    e(
        "MUL_zzi",
        "00100101 size:2 110 000 110 imm8:8 zdn:5",
        zzi_s8::<Mul>,
    ),
    // ---------------------------------------------------------------- dot products
    e(
        "DOT_zzzz",
        "01000100 1 sz:1 0 zm:5 00000 u:1 zn:5 zda:5",
        dot,
    ),
    e(
        "DOT_zzxw_s",
        "01000100 101 idx:2 zm:3 00000 u:1 zn:5 zda:5",
        dot_idx_s,
    ),
    e(
        "DOT_zzxw_d",
        "01000100 111 idx:1 zm:4 00000 u:1 zn:5 zda:5",
        dot_idx_d,
    ),
    // ---------------------------------------------------------------- compares
    e(
        "CMPHS_ppzz",
        "00100100 size:2 0 zm:5 000 pg:3 zn:5 0 pd:4",
        cmp_zz::<HS>,
    ),
    e(
        "CMPHI_ppzz",
        "00100100 size:2 0 zm:5 000 pg:3 zn:5 1 pd:4",
        cmp_zz::<HI>,
    ),
    e(
        "CMPEQ_ppzw",
        "00100100 size:2 0 zm:5 001 pg:3 zn:5 0 pd:4",
        cmp_zw::<EQ>,
    ),
    e(
        "CMPNE_ppzw",
        "00100100 size:2 0 zm:5 001 pg:3 zn:5 1 pd:4",
        cmp_zw::<NE>,
    ),
    e(
        "CMPGE_ppzw",
        "00100100 size:2 0 zm:5 010 pg:3 zn:5 0 pd:4",
        cmp_zw::<GE>,
    ),
    e(
        "CMPGT_ppzw",
        "00100100 size:2 0 zm:5 010 pg:3 zn:5 1 pd:4",
        cmp_zw::<GT>,
    ),
    e(
        "CMPLT_ppzw",
        "00100100 size:2 0 zm:5 011 pg:3 zn:5 0 pd:4",
        cmp_zw::<LT>,
    ),
    e(
        "CMPLE_ppzw",
        "00100100 size:2 0 zm:5 011 pg:3 zn:5 1 pd:4",
        cmp_zw::<LE>,
    ),
    e(
        "CMPGE_ppzz",
        "00100100 size:2 0 zm:5 100 pg:3 zn:5 0 pd:4",
        cmp_zz::<GE>,
    ),
    e(
        "CMPGT_ppzz",
        "00100100 size:2 0 zm:5 100 pg:3 zn:5 1 pd:4",
        cmp_zz::<GT>,
    ),
    e(
        "CMPEQ_ppzz",
        "00100100 size:2 0 zm:5 101 pg:3 zn:5 0 pd:4",
        cmp_zz::<EQ>,
    ),
    e(
        "CMPNE_ppzz",
        "00100100 size:2 0 zm:5 101 pg:3 zn:5 1 pd:4",
        cmp_zz::<NE>,
    ),
    e(
        "CMPHS_ppzw",
        "00100100 size:2 0 zm:5 110 pg:3 zn:5 0 pd:4",
        cmp_zw::<HS>,
    ),
    e(
        "CMPHI_ppzw",
        "00100100 size:2 0 zm:5 110 pg:3 zn:5 1 pd:4",
        cmp_zw::<HI>,
    ),
    e(
        "CMPLO_ppzw",
        "00100100 size:2 0 zm:5 111 pg:3 zn:5 0 pd:4",
        cmp_zw::<LO>,
    ),
    e(
        "CMPLS_ppzw",
        "00100100 size:2 0 zm:5 111 pg:3 zn:5 1 pd:4",
        cmp_zw::<LS>,
    ),
    e(
        "CMPHS_ppzi",
        "00100100 size:2 1 imm7:7 0 pg:3 zn:5 0 pd:4",
        cmp_zi::<HS>,
    ),
    e(
        "CMPHI_ppzi",
        "00100100 size:2 1 imm7:7 0 pg:3 zn:5 1 pd:4",
        cmp_zi::<HI>,
    ),
    e(
        "CMPLO_ppzi",
        "00100100 size:2 1 imm7:7 1 pg:3 zn:5 0 pd:4",
        cmp_zi::<LO>,
    ),
    e(
        "CMPLS_ppzi",
        "00100100 size:2 1 imm7:7 1 pg:3 zn:5 1 pd:4",
        cmp_zi::<LS>,
    ),
    e(
        "CMPGE_ppzi",
        "00100101 size:2 0 imm5:s5 000 pg:3 zn:5 0 pd:4",
        cmp_zi::<GE>,
    ),
    e(
        "CMPGT_ppzi",
        "00100101 size:2 0 imm5:s5 000 pg:3 zn:5 1 pd:4",
        cmp_zi::<GT>,
    ),
    e(
        "CMPLT_ppzi",
        "00100101 size:2 0 imm5:s5 001 pg:3 zn:5 0 pd:4",
        cmp_zi::<LT>,
    ),
    e(
        "CMPLE_ppzi",
        "00100101 size:2 0 imm5:s5 001 pg:3 zn:5 1 pd:4",
        cmp_zi::<LE>,
    ),
    e(
        "CMPEQ_ppzi",
        "00100101 size:2 0 imm5:s5 100 pg:3 zn:5 0 pd:4",
        cmp_zi::<EQ>,
    ),
    e(
        "CMPNE_ppzi",
        "00100101 size:2 0 imm5:s5 100 pg:3 zn:5 1 pd:4",
        cmp_zi::<NE>,
    ),
    // ---------------------------------------------------------------- permutes
    e("EXT_zzi", "00000101 001 immh:5 000 imml:3 zm:5 zdn:5", ext),
    e("DUP_s", "00000101 size:2 1 00000 001110 rn:5 zd:5", dup_s),
    e("DUP_x", "00000101 imm2:2 1 tsz:5 001000 zn:5 zd:5", dup_x),
    e(
        "INSR_r",
        "00000101 size:2 1 00100 001110 rm:5 zdn:5",
        insr_r,
    ),
    e(
        "INSR_v",
        "00000101 size:2 1 10100 001110 vm:5 zdn:5",
        insr_v,
    ),
    e("REV_z", "00000101 size:2 1 11000 001110 zn:5 zd:5", rev_z),
    e("TBL_zzz", "00000101 size:2 1 zm:5 001100 zn:5 zd:5", tbl),
    e(
        "UNPK",
        "00000101 size:2 1100 u:1 h:1 001110 zn:5 zd:5",
        unpk,
    ),
    e(
        "ZIP1_p",
        "00000101 size:2 10 pm:4 010000 0 pn:4 0 pd:4",
        perm_p::<ZIP1>,
    ),
    e(
        "ZIP2_p",
        "00000101 size:2 10 pm:4 010001 0 pn:4 0 pd:4",
        perm_p::<ZIP2>,
    ),
    e(
        "UZP1_p",
        "00000101 size:2 10 pm:4 010010 0 pn:4 0 pd:4",
        perm_p::<UZP1>,
    ),
    e(
        "UZP2_p",
        "00000101 size:2 10 pm:4 010011 0 pn:4 0 pd:4",
        perm_p::<UZP2>,
    ),
    e(
        "TRN1_p",
        "00000101 size:2 10 pm:4 010100 0 pn:4 0 pd:4",
        perm_p::<TRN1>,
    ),
    e(
        "TRN2_p",
        "00000101 size:2 10 pm:4 010101 0 pn:4 0 pd:4",
        perm_p::<TRN2>,
    ),
    e(
        "REV_p",
        "00000101 size:2 11 0100 010000 0 pn:4 0 pd:4",
        rev_p,
    ),
    e(
        "PUNPK",
        "00000101 00 11 000 h:1 010000 0 pn:4 0 pd:4",
        punpk,
    ),
    e(
        "ZIP1_z",
        "00000101 size:2 1 zm:5 011000 zn:5 zd:5",
        perm_z::<ZIP1>,
    ),
    e(
        "ZIP2_z",
        "00000101 size:2 1 zm:5 011001 zn:5 zd:5",
        perm_z::<ZIP2>,
    ),
    e(
        "UZP1_z",
        "00000101 size:2 1 zm:5 011010 zn:5 zd:5",
        perm_z::<UZP1>,
    ),
    e(
        "UZP2_z",
        "00000101 size:2 1 zm:5 011011 zn:5 zd:5",
        perm_z::<UZP2>,
    ),
    e(
        "TRN1_z",
        "00000101 size:2 1 zm:5 011100 zn:5 zd:5",
        perm_z::<TRN1>,
    ),
    e(
        "TRN2_z",
        "00000101 size:2 1 zm:5 011101 zn:5 zd:5",
        perm_z::<TRN2>,
    ),
    e(
        "CPY_zpv",
        "00000101 size:2 100000 100 pg:3 vn:5 zd:5",
        cpy_v,
    ),
    e(
        "COMPACT",
        "00000101 size:2 100001 100 pg:3 zn:5 zd:5",
        compact,
    ),
    e(
        "LAST_v",
        "00000101 size:2 10001 b:1 100 pg:3 zn:5 vd:5",
        last_v,
    ),
    e(
        "REVB",
        "00000101 size:2 100100 100 pg:3 zn:5 zd:5",
        zpz::<Revb>,
    ),
    e(
        "REVH",
        "00000101 size:2 100101 100 pg:3 zn:5 zd:5",
        zpz::<Revh>,
    ),
    e(
        "REVW",
        "00000101 size:2 100110 100 pg:3 zn:5 zd:5",
        zpz::<Revw>,
    ),
    e(
        "RBIT_zpz",
        "00000101 size:2 100111 100 pg:3 zn:5 zd:5",
        zpz::<Rbit>,
    ),
    e(
        "CLAST_z",
        "00000101 size:2 10100 b:1 100 pg:3 zm:5 zdn:5",
        clast_z,
    ),
    e(
        "CLAST_v",
        "00000101 size:2 10101 b:1 100 pg:3 zm:5 vdn:5",
        clast_v,
    ),
    e(
        "SPLICE",
        "00000101 size:2 101100 100 pg:3 zm:5 zdn:5",
        splice,
    ),
    e(
        "LAST_r",
        "00000101 size:2 10000 b:1 101 pg:3 zn:5 rd:5",
        last_r,
    ),
    e(
        "CPY_zpr",
        "00000101 size:2 101000 101 pg:3 rn:5 zd:5",
        cpy_r,
    ),
    e(
        "CLAST_r",
        "00000101 size:2 11000 b:1 101 pg:3 zm:5 rdn:5",
        clast_r,
    ),
    e("SEL_z", "00000101 size:2 1 zm:5 11 pg:4 zn:5 zd:5", sel_z),
    // ---------------------------------------------------------------- floating point
    // Size field 0 is unallocated for every FP line (the handlers UNDEF).
    e(
        "FADD_zpzz",
        "01100101 size:2 00 0000 100 pg:3 zm:5 zdn:5",
        fp_zpzz::<FAdd>,
    ),
    e(
        "FSUB_zpzz",
        "01100101 size:2 00 0001 100 pg:3 zm:5 zdn:5",
        fp_zpzz::<FSub>,
    ),
    e(
        "FMUL_zpzz",
        "01100101 size:2 00 0010 100 pg:3 zm:5 zdn:5",
        fp_zpzz::<FMul>,
    ),
    e(
        "FSUBR_zpzz",
        "01100101 size:2 00 0011 100 pg:3 zm:5 zdn:5",
        fp_zpzz::<FSubr>,
    ),
    e(
        "FMAXNM_zpzz",
        "01100101 size:2 00 0100 100 pg:3 zm:5 zdn:5",
        fp_zpzz::<FMaxnm>,
    ),
    e(
        "FMINNM_zpzz",
        "01100101 size:2 00 0101 100 pg:3 zm:5 zdn:5",
        fp_zpzz::<FMinnm>,
    ),
    e(
        "FMAX_zpzz",
        "01100101 size:2 00 0110 100 pg:3 zm:5 zdn:5",
        fp_zpzz::<FMax>,
    ),
    e(
        "FMIN_zpzz",
        "01100101 size:2 00 0111 100 pg:3 zm:5 zdn:5",
        fp_zpzz::<FMin>,
    ),
    e(
        "FABD_zpzz",
        "01100101 size:2 00 1000 100 pg:3 zm:5 zdn:5",
        fp_zpzz::<FAbd>,
    ),
    e(
        "FSCALE_zpzz",
        "01100101 size:2 00 1001 100 pg:3 zm:5 zdn:5",
        fp_zpzz::<FScale>,
    ),
    e(
        "FMULX_zpzz",
        "01100101 size:2 00 1010 100 pg:3 zm:5 zdn:5",
        fp_zpzz::<FMulx>,
    ),
    e(
        "FDIVR_zpzz",
        "01100101 size:2 00 1100 100 pg:3 zm:5 zdn:5",
        fp_zpzz::<FDivr>,
    ),
    e(
        "FDIV_zpzz",
        "01100101 size:2 00 1101 100 pg:3 zm:5 zdn:5",
        fp_zpzz::<FDiv>,
    ),
    e(
        "FADD_zpzi",
        "01100101 size:2 011 000 100 pg:3 0000 i1:1 zdn:5",
        fp_zpzi::<FAdd, IMM_HALF_ONE>,
    ),
    e(
        "FSUB_zpzi",
        "01100101 size:2 011 001 100 pg:3 0000 i1:1 zdn:5",
        fp_zpzi::<FSub, IMM_HALF_ONE>,
    ),
    e(
        "FMUL_zpzi",
        "01100101 size:2 011 010 100 pg:3 0000 i1:1 zdn:5",
        fp_zpzi::<FMul, IMM_HALF_TWO>,
    ),
    e(
        "FSUBR_zpzi",
        "01100101 size:2 011 011 100 pg:3 0000 i1:1 zdn:5",
        fp_zpzi::<FSubr, IMM_HALF_ONE>,
    ),
    e(
        "FMAXNM_zpzi",
        "01100101 size:2 011 100 100 pg:3 0000 i1:1 zdn:5",
        fp_zpzi::<FMaxnm, IMM_ZERO_ONE>,
    ),
    e(
        "FMINNM_zpzi",
        "01100101 size:2 011 101 100 pg:3 0000 i1:1 zdn:5",
        fp_zpzi::<FMinnm, IMM_ZERO_ONE>,
    ),
    e(
        "FMAX_zpzi",
        "01100101 size:2 011 110 100 pg:3 0000 i1:1 zdn:5",
        fp_zpzi::<FMax, IMM_ZERO_ONE>,
    ),
    e(
        "FMIN_zpzi",
        "01100101 size:2 011 111 100 pg:3 0000 i1:1 zdn:5",
        fp_zpzi::<FMin, IMM_ZERO_ONE>,
    ),
    e(
        "FTMAD",
        "01100101 size:2 010 imm3:3 100000 zm:5 zdn:5",
        ftmad,
    ),
    e(
        "FADD_zzz",
        "01100101 size:2 0 zm:5 000 000 zn:5 zd:5",
        fp_zzz::<FAdd>,
    ),
    e(
        "FSUB_zzz",
        "01100101 size:2 0 zm:5 000 001 zn:5 zd:5",
        fp_zzz::<FSub>,
    ),
    e(
        "FMUL_zzz",
        "01100101 size:2 0 zm:5 000 010 zn:5 zd:5",
        fp_zzz::<FMul>,
    ),
    e(
        "FTSMUL",
        "01100101 size:2 0 zm:5 000 011 zn:5 zd:5",
        fp_zzz::<FTsmul>,
    ),
    e(
        "FRECPS",
        "01100101 size:2 0 zm:5 000 110 zn:5 zd:5",
        fp_zzz::<FRecps>,
    ),
    e(
        "FRSQRTS",
        "01100101 size:2 0 zm:5 000 111 zn:5 zd:5",
        fp_zzz::<FRsqrts>,
    ),
    e(
        "FADDV",
        "01100101 size:2 000 000 001 pg:3 zn:5 vd:5",
        fp_reduce::<RED_FADD>,
    ),
    e(
        "FMAXNMV",
        "01100101 size:2 000 100 001 pg:3 zn:5 vd:5",
        fp_reduce::<RED_FMAXNM>,
    ),
    e(
        "FMINNMV",
        "01100101 size:2 000 101 001 pg:3 zn:5 vd:5",
        fp_reduce::<RED_FMINNM>,
    ),
    e(
        "FMAXV",
        "01100101 size:2 000 110 001 pg:3 zn:5 vd:5",
        fp_reduce::<RED_FMAX>,
    ),
    e(
        "FMINV",
        "01100101 size:2 000 111 001 pg:3 zn:5 vd:5",
        fp_reduce::<RED_FMIN>,
    ),
    e(
        "FRECPE",
        "01100101 size:2 001110 001100 zn:5 zd:5",
        fp_zz::<U_FRECPE>,
    ),
    e(
        "FRSQRTE",
        "01100101 size:2 001111 001100 zn:5 zd:5",
        fp_zz::<U_FRSQRTE>,
    ),
    e(
        "FCMGE_ppz0",
        "01100101 size:2 010000 001 pg:3 zn:5 0 pd:4",
        fcm_z0::<FC_GE>,
    ),
    e(
        "FCMGT_ppz0",
        "01100101 size:2 010000 001 pg:3 zn:5 1 pd:4",
        fcm_z0::<FC_GT>,
    ),
    e(
        "FCMLT_ppz0",
        "01100101 size:2 010001 001 pg:3 zn:5 0 pd:4",
        fcm_z0::<FC_LT>,
    ),
    e(
        "FCMLE_ppz0",
        "01100101 size:2 010001 001 pg:3 zn:5 1 pd:4",
        fcm_z0::<FC_LE>,
    ),
    e(
        "FCMEQ_ppz0",
        "01100101 size:2 010010 001 pg:3 zn:5 0 pd:4",
        fcm_z0::<FC_EQ>,
    ),
    e(
        "FCMNE_ppz0",
        "01100101 size:2 010011 001 pg:3 zn:5 0 pd:4",
        fcm_z0::<FC_NE>,
    ),
    e("FADDA", "01100101 size:2 011000 001 pg:3 zm:5 vdn:5", fadda),
    e(
        "FCMGE_ppzz",
        "01100101 size:2 0 zm:5 010 pg:3 zn:5 0 pd:4",
        fcm_zz::<FC_GE>,
    ),
    e(
        "FCMGT_ppzz",
        "01100101 size:2 0 zm:5 010 pg:3 zn:5 1 pd:4",
        fcm_zz::<FC_GT>,
    ),
    e(
        "FCMEQ_ppzz",
        "01100101 size:2 0 zm:5 011 pg:3 zn:5 0 pd:4",
        fcm_zz::<FC_EQ>,
    ),
    e(
        "FCMNE_ppzz",
        "01100101 size:2 0 zm:5 011 pg:3 zn:5 1 pd:4",
        fcm_zz::<FC_NE>,
    ),
    e(
        "FCMUO_ppzz",
        "01100101 size:2 0 zm:5 110 pg:3 zn:5 0 pd:4",
        fcm_zz::<FC_UO>,
    ),
    e(
        "FACGE_ppzz",
        "01100101 size:2 0 zm:5 110 pg:3 zn:5 1 pd:4",
        fcm_zz::<FC_ACGE>,
    ),
    e(
        "FACGT_ppzz",
        "01100101 size:2 0 zm:5 111 pg:3 zn:5 1 pd:4",
        fcm_zz::<FC_ACGT>,
    ),
    e(
        "FMLA_zpzzz",
        "01100101 size:2 1 zm:5 0 00 pg:3 zn:5 zda:5",
        fmla_p::<false, false>,
    ),
    e(
        "FMLS_zpzzz",
        "01100101 size:2 1 zm:5 0 01 pg:3 zn:5 zda:5",
        fmla_p::<true, false>,
    ),
    e(
        "FNMLA_zpzzz",
        "01100101 size:2 1 zm:5 0 10 pg:3 zn:5 zda:5",
        fmla_p::<true, true>,
    ),
    e(
        "FNMLS_zpzzz",
        "01100101 size:2 1 zm:5 0 11 pg:3 zn:5 zda:5",
        fmla_p::<false, true>,
    ),
    e(
        "FMAD_zpzzz",
        "01100101 size:2 1 za:5 1 00 pg:3 zm:5 zdn:5",
        fmad_p::<false, false>,
    ),
    e(
        "FMSB_zpzzz",
        "01100101 size:2 1 za:5 1 01 pg:3 zm:5 zdn:5",
        fmad_p::<true, false>,
    ),
    e(
        "FNMAD_zpzzz",
        "01100101 size:2 1 za:5 1 10 pg:3 zm:5 zdn:5",
        fmad_p::<true, true>,
    ),
    e(
        "FNMSB_zpzzz",
        "01100101 size:2 1 za:5 1 11 pg:3 zm:5 zdn:5",
        fmad_p::<false, true>,
    ),
    e(
        "FMLA_zzxz_h",
        "01100100 0 i3h:1 1 i3l:2 zm:3 00000 op:1 zn:5 zda:5",
        fmla_x_h,
    ),
    e(
        "FMLA_zzxz_s",
        "01100100 101 i2:2 zm:3 00000 op:1 zn:5 zda:5",
        fmla_x_s,
    ),
    e(
        "FMLA_zzxz_d",
        "01100100 111 i1:1 zm:4 00000 op:1 zn:5 zda:5",
        fmla_x_d,
    ),
    e(
        "FMUL_zzx_h",
        "01100100 0 i3h:1 1 i3l:2 zm:3 001000 zn:5 zd:5",
        fmul_x_h,
    ),
    e(
        "FMUL_zzx_s",
        "01100100 101 i2:2 zm:3 001000 zn:5 zd:5",
        fmul_x_s,
    ),
    e(
        "FMUL_zzx_d",
        "01100100 111 i1:1 zm:4 001000 zn:5 zd:5",
        fmul_x_d,
    ),
    e(
        "FCMLA_zpzzz",
        "01100100 size:2 0 zm:5 0 rot:2 pg:3 zn:5 zda:5",
        fcmla_p,
    ),
    e(
        "FCMLA_zzxz_h",
        "01100100 101 i2:2 zm:3 0001 rot:2 zn:5 zda:5",
        fcmla_x_h,
    ),
    e(
        "FCMLA_zzxz_s",
        "01100100 111 i1:1 zm:4 0001 rot:2 zn:5 zda:5",
        fcmla_x_s,
    ),
    e(
        "FCADD",
        "01100100 size:2 00000 rot:1 100 pg:3 zm:5 zdn:5",
        fcadd,
    ),
    e(
        "FRINT",
        "01100101 size:2 000 opc:3 101 pg:3 zn:5 zd:5",
        frint,
    ),
    e(
        "FRECPX",
        "01100101 size:2 001100 101 pg:3 zn:5 zd:5",
        fp_zpz::<U_FRECPX>,
    ),
    e(
        "FSQRT",
        "01100101 size:2 001101 101 pg:3 zn:5 zd:5",
        fp_zpz::<U_FSQRT>,
    ),
    e(
        "FCVT",
        "01100101 opc:2 0010 opc2:2 101 pg:3 zn:5 zd:5",
        fcvt,
    ),
    e(
        "XCVTF",
        "01100101 opc:2 010 opc2:2 u:1 101 pg:3 zn:5 zd:5",
        xcvtf,
    ),
    e(
        "FCVTZ",
        "01100101 opc:2 011 opc2:2 u:1 101 pg:3 zn:5 zd:5",
        fcvtz,
    ),
    e(
        "FABS",
        "00000100 size:2 0 11100 101 pg:3 zn:5 zd:5",
        fp_zpz::<U_FABS>,
    ),
    e(
        "FNEG",
        "00000100 size:2 0 11101 101 pg:3 zn:5 zd:5",
        fp_zpz::<U_FNEG>,
    ),
    e("FTSSEL", "00000100 size:2 1 zm:5 101100 zn:5 zd:5", ftssel),
    e("FEXPA", "00000100 size:2 1 00000 101110 zn:5 zd:5", fexpa),
    // ---------------------------------------------------------------- loads and stores
    // 32-bit gathers, LD1R, LDR, prefetches (PRF* and LDR occupy encodings the gathers
    // leave unallocated: they come first in their overlap group).
    e(
        "PRF_ri",
        "1000010 111 imm6:s6 0 msz:2 pg:3 rn:5 0 prfop:4",
        prf,
    )
    .overlap("sve_mem32"),
    e(
        "PRF_g32",
        "1000010 00 xs:1 1 zm:5 0 msz:2 pg:3 rn:5 0 prfop:4",
        prf,
    )
    .overlap("sve_mem32"),
    e("LDR_p", "10000101 10 immh:6 000 imml:3 rn:5 0 pt:4", ldr_p).overlap("sve_mem32"),
    e("LDR_z", "10000101 10 immh:6 010 imml:3 rn:5 zt:5", ldr_z).overlap("sve_mem32"),
    e(
        "LD1_g32u",
        "1000010 msz:2 xs:1 0 zm:5 0 u:1 ff:1 pg:3 rn:5 zt:5",
        ld1_g32::<0>,
    )
    .overlap("sve_mem32"),
    e(
        "LD1_g32s",
        "1000010 msz:2 xs:1 1 zm:5 0 u:1 ff:1 pg:3 rn:5 zt:5",
        ld1_g32::<1>,
    )
    .overlap("sve_mem32"),
    e(
        "PRF_rr",
        "1000010 msz:2 00 rm:5 110 pg:3 rn:5 0 prfop:4",
        prf_rr,
    ),
    e(
        "PRF_g32_vi",
        "1000010 msz:2 00 imm5:5 111 pg:3 zn:5 0 prfop:4",
        prf,
    ),
    e(
        "LD1_g32_vi",
        "1000010 msz:2 01 imm5:5 1 u:1 ff:1 pg:3 zn:5 zt:5",
        ld1_g32_vi,
    ),
    e(
        "LD1R",
        "1000010 dth:2 1 imm6:6 1 dtl:2 pg:3 rn:5 zt:5",
        ld1r,
    ),
    // 64-bit gathers.
    e(
        "PRF_g64",
        "1100010 00 11 zm:5 1 msz:2 pg:3 rn:5 0 prfop:4",
        prf,
    )
    .overlap("sve_mem64"),
    e(
        "PRF_g64_32",
        "1100010 00 xs:1 1 zm:5 0 msz:2 pg:3 rn:5 0 prfop:4",
        prf,
    )
    .overlap("sve_mem64"),
    e(
        "LD1_g64_32u",
        "1100010 msz:2 xs:1 0 zm:5 0 u:1 ff:1 pg:3 rn:5 zt:5",
        ld1_g64_32::<0>,
    ),
    e(
        "LD1_g64_32s",
        "1100010 msz:2 xs:1 1 zm:5 0 u:1 ff:1 pg:3 rn:5 zt:5",
        ld1_g64_32::<1>,
    )
    .overlap("sve_mem64"),
    e(
        "LD1_g64",
        "1100010 msz:2 1 sc:1 zm:5 1 u:1 ff:1 pg:3 rn:5 zt:5",
        ld1_g64,
    )
    .overlap("sve_mem64"),
    e(
        "PRF_g64_vi",
        "1100010 msz:2 00 imm5:5 111 pg:3 zn:5 0 prfop:4",
        prf,
    ),
    e(
        "LD1_g64_vi",
        "1100010 msz:2 01 imm5:5 1 u:1 ff:1 pg:3 zn:5 zt:5",
        ld1_g64_vi,
    ),
    // Contiguous loads.
    e(
        "LD1RQ_rr",
        "1010010 msz:2 00 rm:5 000 pg:3 rn:5 zt:5",
        ld1rq_rr,
    ),
    e(
        "LD1RQ_ri",
        "1010010 msz:2 00 0 imm4:s4 001 pg:3 rn:5 zt:5",
        ld1rq_ri,
    ),
    e("LD1_rr", "1010010 dtype:4 rm:5 010 pg:3 rn:5 zt:5", ld1_rr),
    e(
        "LDFF1_rr",
        "1010010 dtype:4 rm:5 011 pg:3 rn:5 zt:5",
        ldff1_rr,
    ),
    e(
        "LD1_ri",
        "1010010 dtype:4 0 imm4:s4 101 pg:3 rn:5 zt:5",
        ld1_ri,
    ),
    e(
        "LDNF1_ri",
        "1010010 dtype:4 1 imm4:s4 101 pg:3 rn:5 zt:5",
        ldnf1_ri,
    ),
    // nreg = 0 is LDNT1, 1..3 are LD2..LD4 (nreg + 1 registers).
    e(
        "LDN_rr",
        "1010010 msz:2 nreg:2 rm:5 110 pg:3 rn:5 zt:5",
        ldn_rr,
    ),
    e(
        "LDN_ri",
        "1010010 msz:2 nreg:2 0 imm4:s4 111 pg:3 rn:5 zt:5",
        ldn_ri,
    ),
    // Stores.
    e("STR_p", "1110010 11 0 immh:6 000 imml:3 rn:5 0 pt:4", str_p),
    e("STR_z", "1110010 11 0 immh:6 010 imml:3 rn:5 zt:5", str_z).overlap("sve_st"),
    e(
        "ST1_rr",
        "1110010 msz:2 esz:2 rm:5 010 pg:3 rn:5 zt:5",
        st1_rr,
    )
    .overlap("sve_st"),
    // nreg = 0 is STNT1, 1..3 are ST2..ST4 (nreg + 1 registers).
    e(
        "STN_rr",
        "1110010 msz:2 nreg:2 rm:5 011 pg:3 rn:5 zt:5",
        stn_rr,
    ),
    e(
        "ST1_ri",
        "1110010 msz:2 esz:2 0 imm4:s4 111 pg:3 rn:5 zt:5",
        st1_ri,
    ),
    e(
        "STN_ri",
        "1110010 msz:2 nreg:2 1 imm4:s4 111 pg:3 rn:5 zt:5",
        stn_ri,
    ),
    e(
        "ST1_s64",
        "1110010 msz:2 0 sc:1 zm:5 101 pg:3 rn:5 zt:5",
        st1_s64,
    ),
    e(
        "ST1_s64_32",
        "1110010 msz:2 0 sc:1 zm:5 1 xs:1 0 pg:3 rn:5 zt:5",
        st1_s64_32,
    ),
    e(
        "ST1_s32",
        "1110010 msz:2 1 sc:1 zm:5 1 xs:1 0 pg:3 rn:5 zt:5",
        st1_s32,
    ),
    e(
        "ST1_s64_vi",
        "1110010 msz:2 10 imm5:5 101 pg:3 zn:5 zt:5",
        st1_s64_vi,
    ),
    e(
        "ST1_s32_vi",
        "1110010 msz:2 11 imm5:5 101 pg:3 zn:5 zt:5",
        st1_s32_vi,
    ),
];
