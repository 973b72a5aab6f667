//! Advanced SIMD, integer part (Arm ARM C4.1, "Data Processing -- Scalar
//! Floating-Point and Advanced SIMD": the AdvSIMD vector and scalar subgroups whose
//! operations are integer or bitwise). Floating-point arithmetic in the same groups,
//! and the fixed-point conversions of the shift-by-immediate group, belong to
//! [`super::simd_fp`]; SIMD loads and stores to [`super::ldst`].
//!
//! Vectors are handled as `u128` values (the V register, lane 0 in the low bits).
//! Every operation is a loop over lanes of a width fixed at compile time (`const E:
//! u32` generics, picked once per instruction by [`by_size!`]), so nothing is
//! dispatched per lane.
//!
//! Decode-time UNDEFINED cases (reserved sizes and the like) are checked before the
//! FP/AdvSIMD enable trap, as in the Arm ARM where they belong to the decode part of
//! the pseudocode and `CheckFPAdvSIMDEnabled64()` to the execute part.

use crate::cpu::{Cpu, Stop};
use crate::decode::{Enc, Feature};
use crate::exception::Exception;

mod crypto;
mod dis;
mod misc;
mod perm;
mod same;
mod shift;
#[cfg(test)]
mod tests;

/// The UNDEFINED exception, for reserved sub-cases of a pattern.
pub(crate) const UNDEF: Stop = Stop::Exception(Exception::Undefined);

/// All-ones in the low `E` bits.
#[inline(always)]
pub(crate) const fn ones(e: u32) -> u64 {
    if e >= 64 {
        u64::MAX
    } else {
        (1u64 << e) - 1
    }
}

/// Lane `i` of width `w` bits (zero-extended). Callers keep `i * w < 128`.
#[inline(always)]
pub(crate) fn get(v: u128, i: usize, w: u32) -> u64 {
    (v >> (i as u32 * w)) as u64 & ones(w)
}

/// `v` with lane `i` of width `w` ORed in (the lane must be zero in `v`).
#[inline(always)]
pub(crate) fn put(v: u128, i: usize, w: u32, x: u64) -> u128 {
    v | ((x & ones(w)) as u128) << (i as u32 * w)
}

/// Sign-extends the low `w` bits of `x`.
#[inline(always)]
pub(crate) fn sx(x: u64, w: u32) -> i64 {
    let s = 64 - w;
    ((x << s) as i64) >> s
}

/// SignedSatQ: `v` saturated to a signed `E`-bit integer (returned as its bit
/// pattern); sets `sat` if it did not fit.
#[inline(always)]
pub(crate) fn sat_s(v: i128, e: u32, sat: &mut bool) -> u64 {
    let max = (1i128 << (e - 1)) - 1;
    let min = -(1i128 << (e - 1));
    let r = if v > max {
        *sat = true;
        max
    } else if v < min {
        *sat = true;
        min
    } else {
        v
    };
    r as u64 & ones(e)
}

/// UnsignedSatQ: `v` saturated to an unsigned `E`-bit integer; sets `sat` if it
/// did not fit.
#[inline(always)]
pub(crate) fn sat_u(v: i128, e: u32, sat: &mut bool) -> u64 {
    let max = ones(e) as i128;
    if v > max {
        *sat = true;
        max as u64
    } else if v < 0 {
        *sat = true;
        0
    } else {
        v as u64
    }
}

/// SatQ with the signedness chosen by `unsigned`.
#[inline(always)]
pub(crate) fn sat(v: i128, e: u32, unsigned: bool, s: &mut bool) -> u64 {
    if unsigned {
        sat_u(v, e, s)
    } else {
        sat_s(v, e, s)
    }
}

/// The integer value of lane bits `x` of width `w`: Int(x, unsigned).
#[inline(always)]
pub(crate) fn int(x: u64, w: u32, unsigned: bool) -> i128 {
    if unsigned {
        x as i128
    } else {
        sx(x, w) as i128
    }
}

/// Vpart(n, part) for a 64-bit part: the low or high half of a V register.
#[inline(always)]
pub(crate) fn half(v: u128, part: u32) -> u128 {
    (v >> (64 * (part & 1))) as u64 as u128
}

/// Writes an AdvSIMD result: `q` = 0 keeps only the low 64 bits (the rest of the
/// register, SVE bits included, is zeroed by `set_v`).
#[inline(always)]
pub(crate) fn write_v(c: &mut Cpu, rd: u32, q: u32, v: u128) {
    let v = if q & 1 == 1 { v } else { v as u64 as u128 };
    c.s.set_v(rd & 31, v);
}

/// Reads Vn (low 128 bits).
#[inline(always)]
pub(crate) fn rv(c: &Cpu, n: u32) -> u128 {
    c.s.v(n & 31)
}

/// Sets FPSR.QC (cumulative saturation) when `sat`.
#[inline(always)]
pub(crate) fn set_qc(c: &mut Cpu, sat: bool) {
    if sat {
        c.s.fpsr |= 1 << 27;
    }
}

/// Is FEAT_RDM (SQRDMLAH/SQRDMLSH) advertised in ID_AA64ISAR0_EL1.RDM?
#[inline(always)]
pub(crate) fn has_rdm(c: &Cpu) -> bool {
    (c.cfg.isar0 >> 28) & 0xF != 0
}

/// Is FEAT_PMULL (64-bit PMULL) advertised: ID_AA64ISAR0_EL1.AES >= 2?
#[inline(always)]
pub(crate) fn has_pmull(c: &Cpu) -> bool {
    (c.cfg.isar0 >> 4) & 0xF >= 2
}

/// Is FEAT_DotProd (SDOT/UDOT) advertised in ID_AA64ISAR0_EL1.DP?
#[inline(always)]
pub(crate) fn has_dp(c: &Cpu) -> bool {
    (c.cfg.isar0 >> 44) & 0xF != 0
}

/// Runs `$body` with the const `$e` bound to the element width of `size`
/// (8 << size). The body is instantiated once per width.
macro_rules! by_size {
    ($size:expr, $e:ident => $body:expr) => {
        match $size & 3 {
            0 => {
                const $e: u32 = 8;
                $body
            }
            1 => {
                const $e: u32 = 16;
                $body
            }
            2 => {
                const $e: u32 = 32;
                $body
            }
            _ => {
                const $e: u32 = 64;
                $body
            }
        }
    };
}
/// As [`by_size!`] for operations with a double-width side (long, wide, narrow),
/// which have no 64-bit element form: size 3 is UNDEFINED.
macro_rules! by_size_narrow {
    ($size:expr, $e:ident => $body:expr) => {
        match $size & 3 {
            0 => {
                const $e: u32 = 8;
                $body
            }
            1 => {
                const $e: u32 = 16;
                $body
            }
            2 => {
                const $e: u32 = 32;
                $body
            }
            _ => return Err($crate::isa::simd::UNDEF),
        }
    };
}
pub(crate) use by_size;
pub(crate) use by_size_narrow;

use crypto::*;
use misc::*;
use perm::*;
use same::*;
use shift::*;

const A: Feature = Feature::AdvSimd;
const X: Feature = Feature::V8x;

/// This group's lines of the decode table.
pub static ENCODINGS: &[Enc] = &[
    // Three same (vector and scalar).
    Enc::new(
        "SHADD_v",
        "0 q:1 0 01110 size:2 1 rm:5 00000 1 rn:5 rd:5",
        ts_v::<SHADD>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "SQADD_v",
        "0 q:1 0 01110 size:2 1 rm:5 00001 1 rn:5 rd:5",
        ts_v::<SQADD>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "SRHADD_v",
        "0 q:1 0 01110 size:2 1 rm:5 00010 1 rn:5 rd:5",
        ts_v::<SRHADD>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "SHSUB_v",
        "0 q:1 0 01110 size:2 1 rm:5 00100 1 rn:5 rd:5",
        ts_v::<SHSUB>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "SQSUB_v",
        "0 q:1 0 01110 size:2 1 rm:5 00101 1 rn:5 rd:5",
        ts_v::<SQSUB>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "CMGT_v",
        "0 q:1 0 01110 size:2 1 rm:5 00110 1 rn:5 rd:5",
        ts_v::<CMGT>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "CMGE_v",
        "0 q:1 0 01110 size:2 1 rm:5 00111 1 rn:5 rd:5",
        ts_v::<CMGE>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "SSHL_v",
        "0 q:1 0 01110 size:2 1 rm:5 01000 1 rn:5 rd:5",
        ts_v::<SSHL>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "SQSHL_v",
        "0 q:1 0 01110 size:2 1 rm:5 01001 1 rn:5 rd:5",
        ts_v::<SQSHL>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "SRSHL_v",
        "0 q:1 0 01110 size:2 1 rm:5 01010 1 rn:5 rd:5",
        ts_v::<SRSHL>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "SQRSHL_v",
        "0 q:1 0 01110 size:2 1 rm:5 01011 1 rn:5 rd:5",
        ts_v::<SQRSHL>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "SMAX_v",
        "0 q:1 0 01110 size:2 1 rm:5 01100 1 rn:5 rd:5",
        ts_v::<SMAX>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "SMIN_v",
        "0 q:1 0 01110 size:2 1 rm:5 01101 1 rn:5 rd:5",
        ts_v::<SMIN>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "SABD_v",
        "0 q:1 0 01110 size:2 1 rm:5 01110 1 rn:5 rd:5",
        ts_v::<SABD>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "SABA_v",
        "0 q:1 0 01110 size:2 1 rm:5 01111 1 rn:5 rd:5",
        ts_v::<SABA>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "ADD_v",
        "0 q:1 0 01110 size:2 1 rm:5 10000 1 rn:5 rd:5",
        ts_v::<ADD>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "CMTST_v",
        "0 q:1 0 01110 size:2 1 rm:5 10001 1 rn:5 rd:5",
        ts_v::<CMTST>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "MLA_v",
        "0 q:1 0 01110 size:2 1 rm:5 10010 1 rn:5 rd:5",
        ts_v::<MLA>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "MUL_v",
        "0 q:1 0 01110 size:2 1 rm:5 10011 1 rn:5 rd:5",
        ts_v::<MUL>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "SMAXP_v",
        "0 q:1 0 01110 size:2 1 rm:5 10100 1 rn:5 rd:5",
        ts_v::<SMAXP>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "SMINP_v",
        "0 q:1 0 01110 size:2 1 rm:5 10101 1 rn:5 rd:5",
        ts_v::<SMINP>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "SQDMULH_v",
        "0 q:1 0 01110 size:2 1 rm:5 10110 1 rn:5 rd:5",
        ts_v::<SQDMULH>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "ADDP_v",
        "0 q:1 0 01110 size:2 1 rm:5 10111 1 rn:5 rd:5",
        ts_v::<ADDP>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "UHADD_v",
        "0 q:1 1 01110 size:2 1 rm:5 00000 1 rn:5 rd:5",
        ts_v::<UHADD>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "UQADD_v",
        "0 q:1 1 01110 size:2 1 rm:5 00001 1 rn:5 rd:5",
        ts_v::<UQADD>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "URHADD_v",
        "0 q:1 1 01110 size:2 1 rm:5 00010 1 rn:5 rd:5",
        ts_v::<URHADD>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "UHSUB_v",
        "0 q:1 1 01110 size:2 1 rm:5 00100 1 rn:5 rd:5",
        ts_v::<UHSUB>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "UQSUB_v",
        "0 q:1 1 01110 size:2 1 rm:5 00101 1 rn:5 rd:5",
        ts_v::<UQSUB>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "CMHI_v",
        "0 q:1 1 01110 size:2 1 rm:5 00110 1 rn:5 rd:5",
        ts_v::<CMHI>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "CMHS_v",
        "0 q:1 1 01110 size:2 1 rm:5 00111 1 rn:5 rd:5",
        ts_v::<CMHS>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "USHL_v",
        "0 q:1 1 01110 size:2 1 rm:5 01000 1 rn:5 rd:5",
        ts_v::<USHL>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "UQSHL_v",
        "0 q:1 1 01110 size:2 1 rm:5 01001 1 rn:5 rd:5",
        ts_v::<UQSHL>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "URSHL_v",
        "0 q:1 1 01110 size:2 1 rm:5 01010 1 rn:5 rd:5",
        ts_v::<URSHL>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "UQRSHL_v",
        "0 q:1 1 01110 size:2 1 rm:5 01011 1 rn:5 rd:5",
        ts_v::<UQRSHL>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "UMAX_v",
        "0 q:1 1 01110 size:2 1 rm:5 01100 1 rn:5 rd:5",
        ts_v::<UMAX>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "UMIN_v",
        "0 q:1 1 01110 size:2 1 rm:5 01101 1 rn:5 rd:5",
        ts_v::<UMIN>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "UABD_v",
        "0 q:1 1 01110 size:2 1 rm:5 01110 1 rn:5 rd:5",
        ts_v::<UABD>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "UABA_v",
        "0 q:1 1 01110 size:2 1 rm:5 01111 1 rn:5 rd:5",
        ts_v::<UABA>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "SUB_v",
        "0 q:1 1 01110 size:2 1 rm:5 10000 1 rn:5 rd:5",
        ts_v::<SUB>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "CMEQ_v",
        "0 q:1 1 01110 size:2 1 rm:5 10001 1 rn:5 rd:5",
        ts_v::<CMEQ>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "MLS_v",
        "0 q:1 1 01110 size:2 1 rm:5 10010 1 rn:5 rd:5",
        ts_v::<MLS>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "PMUL_v",
        "0 q:1 1 01110 size:2 1 rm:5 10011 1 rn:5 rd:5",
        ts_v::<PMUL>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "UMAXP_v",
        "0 q:1 1 01110 size:2 1 rm:5 10100 1 rn:5 rd:5",
        ts_v::<UMAXP>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "UMINP_v",
        "0 q:1 1 01110 size:2 1 rm:5 10101 1 rn:5 rd:5",
        ts_v::<UMINP>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "SQRDMULH_v",
        "0 q:1 1 01110 size:2 1 rm:5 10110 1 rn:5 rd:5",
        ts_v::<SQRDMULH>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "SQADD_s",
        "01 0 11110 size:2 1 rm:5 00001 1 rn:5 rd:5",
        ts_s::<SQADD>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "SQSUB_s",
        "01 0 11110 size:2 1 rm:5 00101 1 rn:5 rd:5",
        ts_s::<SQSUB>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "CMGT_s",
        "01 0 11110 size:2 1 rm:5 00110 1 rn:5 rd:5",
        ts_s::<CMGT>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "CMGE_s",
        "01 0 11110 size:2 1 rm:5 00111 1 rn:5 rd:5",
        ts_s::<CMGE>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "SSHL_s",
        "01 0 11110 size:2 1 rm:5 01000 1 rn:5 rd:5",
        ts_s::<SSHL>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "SQSHL_s",
        "01 0 11110 size:2 1 rm:5 01001 1 rn:5 rd:5",
        ts_s::<SQSHL>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "SRSHL_s",
        "01 0 11110 size:2 1 rm:5 01010 1 rn:5 rd:5",
        ts_s::<SRSHL>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "SQRSHL_s",
        "01 0 11110 size:2 1 rm:5 01011 1 rn:5 rd:5",
        ts_s::<SQRSHL>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "ADD_s",
        "01 0 11110 size:2 1 rm:5 10000 1 rn:5 rd:5",
        ts_s::<ADD>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "CMTST_s",
        "01 0 11110 size:2 1 rm:5 10001 1 rn:5 rd:5",
        ts_s::<CMTST>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "SQDMULH_s",
        "01 0 11110 size:2 1 rm:5 10110 1 rn:5 rd:5",
        ts_s::<SQDMULH>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "UQADD_s",
        "01 1 11110 size:2 1 rm:5 00001 1 rn:5 rd:5",
        ts_s::<UQADD>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "UQSUB_s",
        "01 1 11110 size:2 1 rm:5 00101 1 rn:5 rd:5",
        ts_s::<UQSUB>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "CMHI_s",
        "01 1 11110 size:2 1 rm:5 00110 1 rn:5 rd:5",
        ts_s::<CMHI>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "CMHS_s",
        "01 1 11110 size:2 1 rm:5 00111 1 rn:5 rd:5",
        ts_s::<CMHS>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "USHL_s",
        "01 1 11110 size:2 1 rm:5 01000 1 rn:5 rd:5",
        ts_s::<USHL>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "UQSHL_s",
        "01 1 11110 size:2 1 rm:5 01001 1 rn:5 rd:5",
        ts_s::<UQSHL>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "URSHL_s",
        "01 1 11110 size:2 1 rm:5 01010 1 rn:5 rd:5",
        ts_s::<URSHL>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "UQRSHL_s",
        "01 1 11110 size:2 1 rm:5 01011 1 rn:5 rd:5",
        ts_s::<UQRSHL>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "SUB_s",
        "01 1 11110 size:2 1 rm:5 10000 1 rn:5 rd:5",
        ts_s::<SUB>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "CMEQ_s",
        "01 1 11110 size:2 1 rm:5 10001 1 rn:5 rd:5",
        ts_s::<CMEQ>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "SQRDMULH_s",
        "01 1 11110 size:2 1 rm:5 10110 1 rn:5 rd:5",
        ts_s::<SQRDMULH>,
    )
    .dis(dis::same_s)
    .feat(A),
    Enc::new(
        "AND_v",
        "0 q:1 0 01110 00 1 rm:5 00011 1 rn:5 rd:5",
        logic::<AND>,
    )
    .dis(dis::logic)
    .feat(A),
    Enc::new(
        "BIC_v",
        "0 q:1 0 01110 01 1 rm:5 00011 1 rn:5 rd:5",
        logic::<BIC>,
    )
    .dis(dis::logic)
    .feat(A),
    Enc::new(
        "ORR_v",
        "0 q:1 0 01110 10 1 rm:5 00011 1 rn:5 rd:5",
        logic::<ORR>,
    )
    .dis(dis::logic)
    .feat(A),
    Enc::new(
        "ORN_v",
        "0 q:1 0 01110 11 1 rm:5 00011 1 rn:5 rd:5",
        logic::<ORN>,
    )
    .dis(dis::logic)
    .feat(A),
    Enc::new(
        "EOR_v",
        "0 q:1 1 01110 00 1 rm:5 00011 1 rn:5 rd:5",
        logic::<EOR>,
    )
    .dis(dis::logic)
    .feat(A),
    Enc::new(
        "BSL_v",
        "0 q:1 1 01110 01 1 rm:5 00011 1 rn:5 rd:5",
        logic::<BSL>,
    )
    .dis(dis::logic)
    .feat(A),
    Enc::new(
        "BIT_v",
        "0 q:1 1 01110 10 1 rm:5 00011 1 rn:5 rd:5",
        logic::<BIT>,
    )
    .dis(dis::logic)
    .feat(A),
    Enc::new(
        "BIF_v",
        "0 q:1 1 01110 11 1 rm:5 00011 1 rn:5 rd:5",
        logic::<BIF>,
    )
    .dis(dis::logic)
    .feat(A),
    // Three same extra: FEAT_RDM and FEAT_DotProd (ID_AA64ISAR0_EL1.RDM/DP gate them).
    Enc::new(
        "SQRDMLAH_v",
        "0 q:1 1 01110 size:2 0 rm:5 1 0000 1 rn:5 rd:5",
        rdm::<false, false>,
    )
    .dis(dis::same_v)
    .feat(X),
    Enc::new(
        "SQRDMLSH_v",
        "0 q:1 1 01110 size:2 0 rm:5 1 0001 1 rn:5 rd:5",
        rdm::<true, false>,
    )
    .dis(dis::same_v)
    .feat(X),
    Enc::new(
        "SQRDMLAH_s",
        "01 1 11110 size:2 0 rm:5 1 0000 1 rn:5 rd:5",
        rdm::<false, true>,
    )
    .dis(dis::same_s)
    .feat(X),
    Enc::new(
        "SQRDMLSH_s",
        "01 1 11110 size:2 0 rm:5 1 0001 1 rn:5 rd:5",
        rdm::<true, true>,
    )
    .dis(dis::same_s)
    .feat(X),
    Enc::new(
        "SDOT_v",
        "0 q:1 0 01110 size:2 0 rm:5 1 0010 1 rn:5 rd:5",
        dot::<false>,
    )
    .dis(dis::dot)
    .feat(X),
    Enc::new(
        "UDOT_v",
        "0 q:1 1 01110 size:2 0 rm:5 1 0010 1 rn:5 rd:5",
        dot::<true>,
    )
    .dis(dis::dot)
    .feat(X),
    // Three different (vector); the "2" forms are Q = 1.
    Enc::new(
        "SADDL_v",
        "0 q:1 0 01110 size:2 1 rm:5 0000 00 rn:5 rd:5",
        td::<SADDL>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "SADDW_v",
        "0 q:1 0 01110 size:2 1 rm:5 0001 00 rn:5 rd:5",
        td::<SADDW>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "SSUBL_v",
        "0 q:1 0 01110 size:2 1 rm:5 0010 00 rn:5 rd:5",
        td::<SSUBL>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "SSUBW_v",
        "0 q:1 0 01110 size:2 1 rm:5 0011 00 rn:5 rd:5",
        td::<SSUBW>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "ADDHN_v",
        "0 q:1 0 01110 size:2 1 rm:5 0100 00 rn:5 rd:5",
        td::<ADDHN>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "SABAL_v",
        "0 q:1 0 01110 size:2 1 rm:5 0101 00 rn:5 rd:5",
        td::<SABAL>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "SUBHN_v",
        "0 q:1 0 01110 size:2 1 rm:5 0110 00 rn:5 rd:5",
        td::<SUBHN>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "SABDL_v",
        "0 q:1 0 01110 size:2 1 rm:5 0111 00 rn:5 rd:5",
        td::<SABDL>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "SMLAL_v",
        "0 q:1 0 01110 size:2 1 rm:5 1000 00 rn:5 rd:5",
        td::<SMLAL>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "SQDMLAL_v",
        "0 q:1 0 01110 size:2 1 rm:5 1001 00 rn:5 rd:5",
        td::<SQDMLAL>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "SMLSL_v",
        "0 q:1 0 01110 size:2 1 rm:5 1010 00 rn:5 rd:5",
        td::<SMLSL>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "SQDMLSL_v",
        "0 q:1 0 01110 size:2 1 rm:5 1011 00 rn:5 rd:5",
        td::<SQDMLSL>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "SMULL_v",
        "0 q:1 0 01110 size:2 1 rm:5 1100 00 rn:5 rd:5",
        td::<SMULL>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "SQDMULL_v",
        "0 q:1 0 01110 size:2 1 rm:5 1101 00 rn:5 rd:5",
        td::<SQDMULL>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "PMULL_v",
        "0 q:1 0 01110 size:2 1 rm:5 1110 00 rn:5 rd:5",
        td::<PMULL>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "UADDL_v",
        "0 q:1 1 01110 size:2 1 rm:5 0000 00 rn:5 rd:5",
        td::<UADDL>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "UADDW_v",
        "0 q:1 1 01110 size:2 1 rm:5 0001 00 rn:5 rd:5",
        td::<UADDW>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "USUBL_v",
        "0 q:1 1 01110 size:2 1 rm:5 0010 00 rn:5 rd:5",
        td::<USUBL>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "USUBW_v",
        "0 q:1 1 01110 size:2 1 rm:5 0011 00 rn:5 rd:5",
        td::<USUBW>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "RADDHN_v",
        "0 q:1 1 01110 size:2 1 rm:5 0100 00 rn:5 rd:5",
        td::<RADDHN>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "UABAL_v",
        "0 q:1 1 01110 size:2 1 rm:5 0101 00 rn:5 rd:5",
        td::<UABAL>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "RSUBHN_v",
        "0 q:1 1 01110 size:2 1 rm:5 0110 00 rn:5 rd:5",
        td::<RSUBHN>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "UABDL_v",
        "0 q:1 1 01110 size:2 1 rm:5 0111 00 rn:5 rd:5",
        td::<UABDL>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "UMLAL_v",
        "0 q:1 1 01110 size:2 1 rm:5 1000 00 rn:5 rd:5",
        td::<UMLAL>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "UMLSL_v",
        "0 q:1 1 01110 size:2 1 rm:5 1010 00 rn:5 rd:5",
        td::<UMLSL>,
    )
    .dis(dis::diff)
    .feat(A),
    Enc::new(
        "UMULL_v",
        "0 q:1 1 01110 size:2 1 rm:5 1100 00 rn:5 rd:5",
        td::<UMULL>,
    )
    .dis(dis::diff)
    .feat(A),
    // Three different (scalar).
    Enc::new(
        "SQDMLAL_s",
        "01 0 11110 size:2 1 rm:5 1001 00 rn:5 rd:5",
        td_s::<SQDMLAL>,
    )
    .dis(dis::diff_s)
    .feat(A),
    Enc::new(
        "SQDMLSL_s",
        "01 0 11110 size:2 1 rm:5 1011 00 rn:5 rd:5",
        td_s::<SQDMLSL>,
    )
    .dis(dis::diff_s)
    .feat(A),
    Enc::new(
        "SQDMULL_s",
        "01 0 11110 size:2 1 rm:5 1101 00 rn:5 rd:5",
        td_s::<SQDMULL>,
    )
    .dis(dis::diff_s)
    .feat(A),
    // Two-register miscellaneous (vector and scalar).
    Enc::new(
        "REV64_v",
        "0 q:1 0 01110 size:2 10000 00000 10 rn:5 rd:5",
        m2::<REV64, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "REV16_v",
        "0 q:1 0 01110 size:2 10000 00001 10 rn:5 rd:5",
        m2::<REV16, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "SADDLP_v",
        "0 q:1 0 01110 size:2 10000 00010 10 rn:5 rd:5",
        m2::<SADDLP, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "SUQADD_v",
        "0 q:1 0 01110 size:2 10000 00011 10 rn:5 rd:5",
        m2::<SUQADD, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "CLS_v",
        "0 q:1 0 01110 size:2 10000 00100 10 rn:5 rd:5",
        m2::<CLS, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "CNT_v",
        "0 q:1 0 01110 size:2 10000 00101 10 rn:5 rd:5",
        m2::<CNT, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "SADALP_v",
        "0 q:1 0 01110 size:2 10000 00110 10 rn:5 rd:5",
        m2::<SADALP, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "SQABS_v",
        "0 q:1 0 01110 size:2 10000 00111 10 rn:5 rd:5",
        m2::<SQABS, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "CMGT_z_v",
        "0 q:1 0 01110 size:2 10000 01000 10 rn:5 rd:5",
        m2::<CMGT0, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "CMEQ_z_v",
        "0 q:1 0 01110 size:2 10000 01001 10 rn:5 rd:5",
        m2::<CMEQ0, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "CMLT_z_v",
        "0 q:1 0 01110 size:2 10000 01010 10 rn:5 rd:5",
        m2::<CMLT0, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "ABS_v",
        "0 q:1 0 01110 size:2 10000 01011 10 rn:5 rd:5",
        m2::<ABS, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "XTN_v",
        "0 q:1 0 01110 size:2 10000 10010 10 rn:5 rd:5",
        m2::<XTN, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "SQXTN_v",
        "0 q:1 0 01110 size:2 10000 10100 10 rn:5 rd:5",
        m2::<SQXTN, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "REV32_v",
        "0 q:1 1 01110 size:2 10000 00000 10 rn:5 rd:5",
        m2::<REV32, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "UADDLP_v",
        "0 q:1 1 01110 size:2 10000 00010 10 rn:5 rd:5",
        m2::<UADDLP, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "USQADD_v",
        "0 q:1 1 01110 size:2 10000 00011 10 rn:5 rd:5",
        m2::<USQADD, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "CLZ_v",
        "0 q:1 1 01110 size:2 10000 00100 10 rn:5 rd:5",
        m2::<CLZ, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "UADALP_v",
        "0 q:1 1 01110 size:2 10000 00110 10 rn:5 rd:5",
        m2::<UADALP, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "SQNEG_v",
        "0 q:1 1 01110 size:2 10000 00111 10 rn:5 rd:5",
        m2::<SQNEG, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "CMGE_z_v",
        "0 q:1 1 01110 size:2 10000 01000 10 rn:5 rd:5",
        m2::<CMGE0, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "CMLE_z_v",
        "0 q:1 1 01110 size:2 10000 01001 10 rn:5 rd:5",
        m2::<CMLE0, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "NEG_v",
        "0 q:1 1 01110 size:2 10000 01011 10 rn:5 rd:5",
        m2::<NEG, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "SQXTUN_v",
        "0 q:1 1 01110 size:2 10000 10010 10 rn:5 rd:5",
        m2::<SQXTUN, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "SHLL_v",
        "0 q:1 1 01110 size:2 10000 10011 10 rn:5 rd:5",
        m2::<SHLL, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "UQXTN_v",
        "0 q:1 1 01110 size:2 10000 10100 10 rn:5 rd:5",
        m2::<UQXTN, false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "NOT_v",
        "0 q:1 1 01110 00 10000 00101 10 rn:5 rd:5",
        not_rbit::<false>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "RBIT_v",
        "0 q:1 1 01110 01 10000 00101 10 rn:5 rd:5",
        not_rbit::<true>,
    )
    .dis(dis::misc_v)
    .feat(A),
    Enc::new(
        "SUQADD_s",
        "01 0 11110 size:2 10000 00011 10 rn:5 rd:5",
        m2::<SUQADD, true>,
    )
    .dis(dis::misc_s)
    .feat(A),
    Enc::new(
        "SQABS_s",
        "01 0 11110 size:2 10000 00111 10 rn:5 rd:5",
        m2::<SQABS, true>,
    )
    .dis(dis::misc_s)
    .feat(A),
    Enc::new(
        "CMGT_z_s",
        "01 0 11110 size:2 10000 01000 10 rn:5 rd:5",
        m2::<CMGT0, true>,
    )
    .dis(dis::misc_s)
    .feat(A),
    Enc::new(
        "CMEQ_z_s",
        "01 0 11110 size:2 10000 01001 10 rn:5 rd:5",
        m2::<CMEQ0, true>,
    )
    .dis(dis::misc_s)
    .feat(A),
    Enc::new(
        "CMLT_z_s",
        "01 0 11110 size:2 10000 01010 10 rn:5 rd:5",
        m2::<CMLT0, true>,
    )
    .dis(dis::misc_s)
    .feat(A),
    Enc::new(
        "ABS_s",
        "01 0 11110 size:2 10000 01011 10 rn:5 rd:5",
        m2::<ABS, true>,
    )
    .dis(dis::misc_s)
    .feat(A),
    Enc::new(
        "SQXTN_s",
        "01 0 11110 size:2 10000 10100 10 rn:5 rd:5",
        m2::<SQXTN, true>,
    )
    .dis(dis::misc_s)
    .feat(A),
    Enc::new(
        "USQADD_s",
        "01 1 11110 size:2 10000 00011 10 rn:5 rd:5",
        m2::<USQADD, true>,
    )
    .dis(dis::misc_s)
    .feat(A),
    Enc::new(
        "SQNEG_s",
        "01 1 11110 size:2 10000 00111 10 rn:5 rd:5",
        m2::<SQNEG, true>,
    )
    .dis(dis::misc_s)
    .feat(A),
    Enc::new(
        "CMGE_z_s",
        "01 1 11110 size:2 10000 01000 10 rn:5 rd:5",
        m2::<CMGE0, true>,
    )
    .dis(dis::misc_s)
    .feat(A),
    Enc::new(
        "CMLE_z_s",
        "01 1 11110 size:2 10000 01001 10 rn:5 rd:5",
        m2::<CMLE0, true>,
    )
    .dis(dis::misc_s)
    .feat(A),
    Enc::new(
        "NEG_s",
        "01 1 11110 size:2 10000 01011 10 rn:5 rd:5",
        m2::<NEG, true>,
    )
    .dis(dis::misc_s)
    .feat(A),
    Enc::new(
        "SQXTUN_s",
        "01 1 11110 size:2 10000 10010 10 rn:5 rd:5",
        m2::<SQXTUN, true>,
    )
    .dis(dis::misc_s)
    .feat(A),
    Enc::new(
        "UQXTN_s",
        "01 1 11110 size:2 10000 10100 10 rn:5 rd:5",
        m2::<UQXTN, true>,
    )
    .dis(dis::misc_s)
    .feat(A),
    // Across lanes; scalar pairwise ADDP.
    Enc::new(
        "SADDLV",
        "0 q:1 0 01110 size:2 11000 00011 10 rn:5 rd:5",
        av::<SADDLV>,
    )
    .dis(dis::across)
    .feat(A),
    Enc::new(
        "SMAXV",
        "0 q:1 0 01110 size:2 11000 01010 10 rn:5 rd:5",
        av::<SMAXV>,
    )
    .dis(dis::across)
    .feat(A),
    Enc::new(
        "SMINV",
        "0 q:1 0 01110 size:2 11000 11010 10 rn:5 rd:5",
        av::<SMINV>,
    )
    .dis(dis::across)
    .feat(A),
    Enc::new(
        "ADDV",
        "0 q:1 0 01110 size:2 11000 11011 10 rn:5 rd:5",
        av::<ADDV>,
    )
    .dis(dis::across)
    .feat(A),
    Enc::new(
        "UADDLV",
        "0 q:1 1 01110 size:2 11000 00011 10 rn:5 rd:5",
        av::<UADDLV>,
    )
    .dis(dis::across)
    .feat(A),
    Enc::new(
        "UMAXV",
        "0 q:1 1 01110 size:2 11000 01010 10 rn:5 rd:5",
        av::<UMAXV>,
    )
    .dis(dis::across)
    .feat(A),
    Enc::new(
        "UMINV",
        "0 q:1 1 01110 size:2 11000 11010 10 rn:5 rd:5",
        av::<UMINV>,
    )
    .dis(dis::across)
    .feat(A),
    Enc::new(
        "ADDP_s",
        "01 0 11110 size:2 11000 11011 10 rn:5 rd:5",
        addp_s,
    )
    .dis(dis::addp_s)
    .feat(A),
    // Copy.
    Enc::new(
        "DUP_elt_v",
        "0 q:1 0 01110000 imm5:5 0 0000 1 rn:5 rd:5",
        dup_elt,
    )
    .dis(dis::copy)
    .feat(A),
    Enc::new(
        "DUP_gen",
        "0 q:1 0 01110000 imm5:5 0 0001 1 rn:5 rd:5",
        dup_gen,
    )
    .dis(dis::copy)
    .feat(A),
    Enc::new(
        "INS_gen",
        "0 1 0 01110000 imm5:5 0 0011 1 rn:5 rd:5",
        ins_gen,
    )
    .dis(dis::copy)
    .feat(A),
    Enc::new(
        "SMOV",
        "0 q:1 0 01110000 imm5:5 0 0101 1 rn:5 rd:5",
        mov_to_gen::<true>,
    )
    .dis(dis::copy)
    .feat(A),
    Enc::new(
        "UMOV",
        "0 q:1 0 01110000 imm5:5 0 0111 1 rn:5 rd:5",
        mov_to_gen::<false>,
    )
    .dis(dis::copy)
    .feat(A),
    Enc::new(
        "INS_elt",
        "0 1 1 01110000 imm5:5 0 imm4:4 1 rn:5 rd:5",
        ins_elt,
    )
    .dis(dis::copy)
    .feat(A),
    Enc::new(
        "DUP_elt_s",
        "01 0 11110000 imm5:5 0 0000 1 rn:5 rd:5",
        dup_elt_s,
    )
    .dis(dis::copy)
    .feat(A),
    // Modified immediate: one line per op/cmode class (immh = 0000 of shift by immediate).
    Enc::new(
        "MOVI_32",
        "0 q:1 0 0111100000 abc:3 0 sh:2 0 0 1 defgh:5 rd:5",
        modimm,
    )
    .dis(dis::modimm)
    .feat(A),
    Enc::new(
        "MVNI_32",
        "0 q:1 1 0111100000 abc:3 0 sh:2 0 0 1 defgh:5 rd:5",
        modimm,
    )
    .dis(dis::modimm)
    .feat(A),
    Enc::new(
        "ORR_32",
        "0 q:1 0 0111100000 abc:3 0 sh:2 1 0 1 defgh:5 rd:5",
        modimm,
    )
    .dis(dis::modimm)
    .feat(A),
    Enc::new(
        "BIC_32",
        "0 q:1 1 0111100000 abc:3 0 sh:2 1 0 1 defgh:5 rd:5",
        modimm,
    )
    .dis(dis::modimm)
    .feat(A),
    Enc::new(
        "MOVI_16",
        "0 q:1 0 0111100000 abc:3 10 sh:1 0 0 1 defgh:5 rd:5",
        modimm,
    )
    .dis(dis::modimm)
    .feat(A),
    Enc::new(
        "MVNI_16",
        "0 q:1 1 0111100000 abc:3 10 sh:1 0 0 1 defgh:5 rd:5",
        modimm,
    )
    .dis(dis::modimm)
    .feat(A),
    Enc::new(
        "ORR_16",
        "0 q:1 0 0111100000 abc:3 10 sh:1 1 0 1 defgh:5 rd:5",
        modimm,
    )
    .dis(dis::modimm)
    .feat(A),
    Enc::new(
        "BIC_16",
        "0 q:1 1 0111100000 abc:3 10 sh:1 1 0 1 defgh:5 rd:5",
        modimm,
    )
    .dis(dis::modimm)
    .feat(A),
    Enc::new(
        "MOVI_msl",
        "0 q:1 0 0111100000 abc:3 110 sh:1 0 1 defgh:5 rd:5",
        modimm,
    )
    .dis(dis::modimm)
    .feat(A),
    Enc::new(
        "MVNI_msl",
        "0 q:1 1 0111100000 abc:3 110 sh:1 0 1 defgh:5 rd:5",
        modimm,
    )
    .dis(dis::modimm)
    .feat(A),
    Enc::new(
        "MOVI_8",
        "0 q:1 0 0111100000 abc:3 1110 0 1 defgh:5 rd:5",
        modimm,
    )
    .dis(dis::modimm)
    .feat(A),
    Enc::new(
        "MOVI_64",
        "0 q:1 1 0111100000 abc:3 1110 0 1 defgh:5 rd:5",
        modimm,
    )
    .dis(dis::modimm)
    .feat(A),
    Enc::new(
        "FMOV_vs",
        "0 q:1 0 0111100000 abc:3 1111 0 1 defgh:5 rd:5",
        modimm,
    )
    .dis(dis::modimm)
    .feat(A),
    Enc::new(
        "FMOV_vh",
        "0 q:1 0 0111100000 abc:3 1111 1 1 defgh:5 rd:5",
        modimm,
    )
    .dis(dis::modimm)
    .feat(A),
    Enc::new(
        "FMOV_vd",
        "0 1 1 0111100000 abc:3 1111 0 1 defgh:5 rd:5",
        modimm,
    )
    .dis(dis::modimm)
    .feat(A),
    // Shift by immediate: one line per element size (see the shift module).
    Enc::new(
        "SSHR_v_b",
        "0 q:1 0 011110 0001 b:3 00000 1 rn:5 rd:5",
        sh_v::<SSHR, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SSHR_v_h",
        "0 q:1 0 011110 001 b:4 00000 1 rn:5 rd:5",
        sh_v::<SSHR, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SSHR_v_s",
        "0 q:1 0 011110 01 b:5 00000 1 rn:5 rd:5",
        sh_v::<SSHR, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SSHR_v_d",
        "0 q:1 0 011110 1 b:6 00000 1 rn:5 rd:5",
        sh_v::<SSHR, 64>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SSRA_v_b",
        "0 q:1 0 011110 0001 b:3 00010 1 rn:5 rd:5",
        sh_v::<SSRA, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SSRA_v_h",
        "0 q:1 0 011110 001 b:4 00010 1 rn:5 rd:5",
        sh_v::<SSRA, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SSRA_v_s",
        "0 q:1 0 011110 01 b:5 00010 1 rn:5 rd:5",
        sh_v::<SSRA, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SSRA_v_d",
        "0 q:1 0 011110 1 b:6 00010 1 rn:5 rd:5",
        sh_v::<SSRA, 64>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SRSHR_v_b",
        "0 q:1 0 011110 0001 b:3 00100 1 rn:5 rd:5",
        sh_v::<SRSHR, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SRSHR_v_h",
        "0 q:1 0 011110 001 b:4 00100 1 rn:5 rd:5",
        sh_v::<SRSHR, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SRSHR_v_s",
        "0 q:1 0 011110 01 b:5 00100 1 rn:5 rd:5",
        sh_v::<SRSHR, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SRSHR_v_d",
        "0 q:1 0 011110 1 b:6 00100 1 rn:5 rd:5",
        sh_v::<SRSHR, 64>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SRSRA_v_b",
        "0 q:1 0 011110 0001 b:3 00110 1 rn:5 rd:5",
        sh_v::<SRSRA, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SRSRA_v_h",
        "0 q:1 0 011110 001 b:4 00110 1 rn:5 rd:5",
        sh_v::<SRSRA, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SRSRA_v_s",
        "0 q:1 0 011110 01 b:5 00110 1 rn:5 rd:5",
        sh_v::<SRSRA, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SRSRA_v_d",
        "0 q:1 0 011110 1 b:6 00110 1 rn:5 rd:5",
        sh_v::<SRSRA, 64>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SHL_v_b",
        "0 q:1 0 011110 0001 b:3 01010 1 rn:5 rd:5",
        sh_v::<SHL, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SHL_v_h",
        "0 q:1 0 011110 001 b:4 01010 1 rn:5 rd:5",
        sh_v::<SHL, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SHL_v_s",
        "0 q:1 0 011110 01 b:5 01010 1 rn:5 rd:5",
        sh_v::<SHL, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SHL_v_d",
        "0 q:1 0 011110 1 b:6 01010 1 rn:5 rd:5",
        sh_v::<SHL, 64>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQSHL_imm_v_b",
        "0 q:1 0 011110 0001 b:3 01110 1 rn:5 rd:5",
        sh_v::<SQSHL_I, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQSHL_imm_v_h",
        "0 q:1 0 011110 001 b:4 01110 1 rn:5 rd:5",
        sh_v::<SQSHL_I, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQSHL_imm_v_s",
        "0 q:1 0 011110 01 b:5 01110 1 rn:5 rd:5",
        sh_v::<SQSHL_I, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQSHL_imm_v_d",
        "0 q:1 0 011110 1 b:6 01110 1 rn:5 rd:5",
        sh_v::<SQSHL_I, 64>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SHRN_v_b",
        "0 q:1 0 011110 0001 b:3 10000 1 rn:5 rd:5",
        sh_v::<SHRN, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SHRN_v_h",
        "0 q:1 0 011110 001 b:4 10000 1 rn:5 rd:5",
        sh_v::<SHRN, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SHRN_v_s",
        "0 q:1 0 011110 01 b:5 10000 1 rn:5 rd:5",
        sh_v::<SHRN, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "RSHRN_v_b",
        "0 q:1 0 011110 0001 b:3 10001 1 rn:5 rd:5",
        sh_v::<RSHRN, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "RSHRN_v_h",
        "0 q:1 0 011110 001 b:4 10001 1 rn:5 rd:5",
        sh_v::<RSHRN, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "RSHRN_v_s",
        "0 q:1 0 011110 01 b:5 10001 1 rn:5 rd:5",
        sh_v::<RSHRN, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQSHRN_v_b",
        "0 q:1 0 011110 0001 b:3 10010 1 rn:5 rd:5",
        sh_v::<SQSHRN, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQSHRN_v_h",
        "0 q:1 0 011110 001 b:4 10010 1 rn:5 rd:5",
        sh_v::<SQSHRN, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQSHRN_v_s",
        "0 q:1 0 011110 01 b:5 10010 1 rn:5 rd:5",
        sh_v::<SQSHRN, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQRSHRN_v_b",
        "0 q:1 0 011110 0001 b:3 10011 1 rn:5 rd:5",
        sh_v::<SQRSHRN, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQRSHRN_v_h",
        "0 q:1 0 011110 001 b:4 10011 1 rn:5 rd:5",
        sh_v::<SQRSHRN, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQRSHRN_v_s",
        "0 q:1 0 011110 01 b:5 10011 1 rn:5 rd:5",
        sh_v::<SQRSHRN, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SSHLL_v_b",
        "0 q:1 0 011110 0001 b:3 10100 1 rn:5 rd:5",
        sh_v::<SSHLL, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SSHLL_v_h",
        "0 q:1 0 011110 001 b:4 10100 1 rn:5 rd:5",
        sh_v::<SSHLL, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SSHLL_v_s",
        "0 q:1 0 011110 01 b:5 10100 1 rn:5 rd:5",
        sh_v::<SSHLL, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "USHR_v_b",
        "0 q:1 1 011110 0001 b:3 00000 1 rn:5 rd:5",
        sh_v::<USHR, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "USHR_v_h",
        "0 q:1 1 011110 001 b:4 00000 1 rn:5 rd:5",
        sh_v::<USHR, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "USHR_v_s",
        "0 q:1 1 011110 01 b:5 00000 1 rn:5 rd:5",
        sh_v::<USHR, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "USHR_v_d",
        "0 q:1 1 011110 1 b:6 00000 1 rn:5 rd:5",
        sh_v::<USHR, 64>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "USRA_v_b",
        "0 q:1 1 011110 0001 b:3 00010 1 rn:5 rd:5",
        sh_v::<USRA, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "USRA_v_h",
        "0 q:1 1 011110 001 b:4 00010 1 rn:5 rd:5",
        sh_v::<USRA, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "USRA_v_s",
        "0 q:1 1 011110 01 b:5 00010 1 rn:5 rd:5",
        sh_v::<USRA, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "USRA_v_d",
        "0 q:1 1 011110 1 b:6 00010 1 rn:5 rd:5",
        sh_v::<USRA, 64>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "URSHR_v_b",
        "0 q:1 1 011110 0001 b:3 00100 1 rn:5 rd:5",
        sh_v::<URSHR, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "URSHR_v_h",
        "0 q:1 1 011110 001 b:4 00100 1 rn:5 rd:5",
        sh_v::<URSHR, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "URSHR_v_s",
        "0 q:1 1 011110 01 b:5 00100 1 rn:5 rd:5",
        sh_v::<URSHR, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "URSHR_v_d",
        "0 q:1 1 011110 1 b:6 00100 1 rn:5 rd:5",
        sh_v::<URSHR, 64>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "URSRA_v_b",
        "0 q:1 1 011110 0001 b:3 00110 1 rn:5 rd:5",
        sh_v::<URSRA, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "URSRA_v_h",
        "0 q:1 1 011110 001 b:4 00110 1 rn:5 rd:5",
        sh_v::<URSRA, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "URSRA_v_s",
        "0 q:1 1 011110 01 b:5 00110 1 rn:5 rd:5",
        sh_v::<URSRA, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "URSRA_v_d",
        "0 q:1 1 011110 1 b:6 00110 1 rn:5 rd:5",
        sh_v::<URSRA, 64>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SRI_v_b",
        "0 q:1 1 011110 0001 b:3 01000 1 rn:5 rd:5",
        sh_v::<SRI, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SRI_v_h",
        "0 q:1 1 011110 001 b:4 01000 1 rn:5 rd:5",
        sh_v::<SRI, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SRI_v_s",
        "0 q:1 1 011110 01 b:5 01000 1 rn:5 rd:5",
        sh_v::<SRI, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SRI_v_d",
        "0 q:1 1 011110 1 b:6 01000 1 rn:5 rd:5",
        sh_v::<SRI, 64>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SLI_v_b",
        "0 q:1 1 011110 0001 b:3 01010 1 rn:5 rd:5",
        sh_v::<SLI, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SLI_v_h",
        "0 q:1 1 011110 001 b:4 01010 1 rn:5 rd:5",
        sh_v::<SLI, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SLI_v_s",
        "0 q:1 1 011110 01 b:5 01010 1 rn:5 rd:5",
        sh_v::<SLI, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SLI_v_d",
        "0 q:1 1 011110 1 b:6 01010 1 rn:5 rd:5",
        sh_v::<SLI, 64>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQSHLU_v_b",
        "0 q:1 1 011110 0001 b:3 01100 1 rn:5 rd:5",
        sh_v::<SQSHLU, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQSHLU_v_h",
        "0 q:1 1 011110 001 b:4 01100 1 rn:5 rd:5",
        sh_v::<SQSHLU, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQSHLU_v_s",
        "0 q:1 1 011110 01 b:5 01100 1 rn:5 rd:5",
        sh_v::<SQSHLU, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQSHLU_v_d",
        "0 q:1 1 011110 1 b:6 01100 1 rn:5 rd:5",
        sh_v::<SQSHLU, 64>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "UQSHL_imm_v_b",
        "0 q:1 1 011110 0001 b:3 01110 1 rn:5 rd:5",
        sh_v::<UQSHL_I, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "UQSHL_imm_v_h",
        "0 q:1 1 011110 001 b:4 01110 1 rn:5 rd:5",
        sh_v::<UQSHL_I, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "UQSHL_imm_v_s",
        "0 q:1 1 011110 01 b:5 01110 1 rn:5 rd:5",
        sh_v::<UQSHL_I, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "UQSHL_imm_v_d",
        "0 q:1 1 011110 1 b:6 01110 1 rn:5 rd:5",
        sh_v::<UQSHL_I, 64>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQSHRUN_v_b",
        "0 q:1 1 011110 0001 b:3 10000 1 rn:5 rd:5",
        sh_v::<SQSHRUN, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQSHRUN_v_h",
        "0 q:1 1 011110 001 b:4 10000 1 rn:5 rd:5",
        sh_v::<SQSHRUN, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQSHRUN_v_s",
        "0 q:1 1 011110 01 b:5 10000 1 rn:5 rd:5",
        sh_v::<SQSHRUN, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQRSHRUN_v_b",
        "0 q:1 1 011110 0001 b:3 10001 1 rn:5 rd:5",
        sh_v::<SQRSHRUN, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQRSHRUN_v_h",
        "0 q:1 1 011110 001 b:4 10001 1 rn:5 rd:5",
        sh_v::<SQRSHRUN, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SQRSHRUN_v_s",
        "0 q:1 1 011110 01 b:5 10001 1 rn:5 rd:5",
        sh_v::<SQRSHRUN, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "UQSHRN_v_b",
        "0 q:1 1 011110 0001 b:3 10010 1 rn:5 rd:5",
        sh_v::<UQSHRN, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "UQSHRN_v_h",
        "0 q:1 1 011110 001 b:4 10010 1 rn:5 rd:5",
        sh_v::<UQSHRN, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "UQSHRN_v_s",
        "0 q:1 1 011110 01 b:5 10010 1 rn:5 rd:5",
        sh_v::<UQSHRN, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "UQRSHRN_v_b",
        "0 q:1 1 011110 0001 b:3 10011 1 rn:5 rd:5",
        sh_v::<UQRSHRN, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "UQRSHRN_v_h",
        "0 q:1 1 011110 001 b:4 10011 1 rn:5 rd:5",
        sh_v::<UQRSHRN, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "UQRSHRN_v_s",
        "0 q:1 1 011110 01 b:5 10011 1 rn:5 rd:5",
        sh_v::<UQRSHRN, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "USHLL_v_b",
        "0 q:1 1 011110 0001 b:3 10100 1 rn:5 rd:5",
        sh_v::<USHLL, 8>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "USHLL_v_h",
        "0 q:1 1 011110 001 b:4 10100 1 rn:5 rd:5",
        sh_v::<USHLL, 16>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "USHLL_v_s",
        "0 q:1 1 011110 01 b:5 10100 1 rn:5 rd:5",
        sh_v::<USHLL, 32>,
    )
    .dis(dis::shift_v)
    .feat(A),
    Enc::new(
        "SSHR_s_d",
        "01 0 111110 1 b:6 00000 1 rn:5 rd:5",
        sh_s::<SSHR, 64>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SSRA_s_d",
        "01 0 111110 1 b:6 00010 1 rn:5 rd:5",
        sh_s::<SSRA, 64>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SRSHR_s_d",
        "01 0 111110 1 b:6 00100 1 rn:5 rd:5",
        sh_s::<SRSHR, 64>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SRSRA_s_d",
        "01 0 111110 1 b:6 00110 1 rn:5 rd:5",
        sh_s::<SRSRA, 64>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SHL_s_d",
        "01 0 111110 1 b:6 01010 1 rn:5 rd:5",
        sh_s::<SHL, 64>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQSHL_imm_s_b",
        "01 0 111110 0001 b:3 01110 1 rn:5 rd:5",
        sh_s::<SQSHL_I, 8>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQSHL_imm_s_h",
        "01 0 111110 001 b:4 01110 1 rn:5 rd:5",
        sh_s::<SQSHL_I, 16>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQSHL_imm_s_s",
        "01 0 111110 01 b:5 01110 1 rn:5 rd:5",
        sh_s::<SQSHL_I, 32>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQSHL_imm_s_d",
        "01 0 111110 1 b:6 01110 1 rn:5 rd:5",
        sh_s::<SQSHL_I, 64>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQSHRN_s_b",
        "01 0 111110 0001 b:3 10010 1 rn:5 rd:5",
        sh_s::<SQSHRN, 8>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQSHRN_s_h",
        "01 0 111110 001 b:4 10010 1 rn:5 rd:5",
        sh_s::<SQSHRN, 16>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQSHRN_s_s",
        "01 0 111110 01 b:5 10010 1 rn:5 rd:5",
        sh_s::<SQSHRN, 32>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQRSHRN_s_b",
        "01 0 111110 0001 b:3 10011 1 rn:5 rd:5",
        sh_s::<SQRSHRN, 8>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQRSHRN_s_h",
        "01 0 111110 001 b:4 10011 1 rn:5 rd:5",
        sh_s::<SQRSHRN, 16>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQRSHRN_s_s",
        "01 0 111110 01 b:5 10011 1 rn:5 rd:5",
        sh_s::<SQRSHRN, 32>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "USHR_s_d",
        "01 1 111110 1 b:6 00000 1 rn:5 rd:5",
        sh_s::<USHR, 64>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "USRA_s_d",
        "01 1 111110 1 b:6 00010 1 rn:5 rd:5",
        sh_s::<USRA, 64>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "URSHR_s_d",
        "01 1 111110 1 b:6 00100 1 rn:5 rd:5",
        sh_s::<URSHR, 64>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "URSRA_s_d",
        "01 1 111110 1 b:6 00110 1 rn:5 rd:5",
        sh_s::<URSRA, 64>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SRI_s_d",
        "01 1 111110 1 b:6 01000 1 rn:5 rd:5",
        sh_s::<SRI, 64>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SLI_s_d",
        "01 1 111110 1 b:6 01010 1 rn:5 rd:5",
        sh_s::<SLI, 64>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQSHLU_s_b",
        "01 1 111110 0001 b:3 01100 1 rn:5 rd:5",
        sh_s::<SQSHLU, 8>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQSHLU_s_h",
        "01 1 111110 001 b:4 01100 1 rn:5 rd:5",
        sh_s::<SQSHLU, 16>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQSHLU_s_s",
        "01 1 111110 01 b:5 01100 1 rn:5 rd:5",
        sh_s::<SQSHLU, 32>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQSHLU_s_d",
        "01 1 111110 1 b:6 01100 1 rn:5 rd:5",
        sh_s::<SQSHLU, 64>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "UQSHL_imm_s_b",
        "01 1 111110 0001 b:3 01110 1 rn:5 rd:5",
        sh_s::<UQSHL_I, 8>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "UQSHL_imm_s_h",
        "01 1 111110 001 b:4 01110 1 rn:5 rd:5",
        sh_s::<UQSHL_I, 16>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "UQSHL_imm_s_s",
        "01 1 111110 01 b:5 01110 1 rn:5 rd:5",
        sh_s::<UQSHL_I, 32>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "UQSHL_imm_s_d",
        "01 1 111110 1 b:6 01110 1 rn:5 rd:5",
        sh_s::<UQSHL_I, 64>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQSHRUN_s_b",
        "01 1 111110 0001 b:3 10000 1 rn:5 rd:5",
        sh_s::<SQSHRUN, 8>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQSHRUN_s_h",
        "01 1 111110 001 b:4 10000 1 rn:5 rd:5",
        sh_s::<SQSHRUN, 16>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQSHRUN_s_s",
        "01 1 111110 01 b:5 10000 1 rn:5 rd:5",
        sh_s::<SQSHRUN, 32>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQRSHRUN_s_b",
        "01 1 111110 0001 b:3 10001 1 rn:5 rd:5",
        sh_s::<SQRSHRUN, 8>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQRSHRUN_s_h",
        "01 1 111110 001 b:4 10001 1 rn:5 rd:5",
        sh_s::<SQRSHRUN, 16>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "SQRSHRUN_s_s",
        "01 1 111110 01 b:5 10001 1 rn:5 rd:5",
        sh_s::<SQRSHRUN, 32>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "UQSHRN_s_b",
        "01 1 111110 0001 b:3 10010 1 rn:5 rd:5",
        sh_s::<UQSHRN, 8>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "UQSHRN_s_h",
        "01 1 111110 001 b:4 10010 1 rn:5 rd:5",
        sh_s::<UQSHRN, 16>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "UQSHRN_s_s",
        "01 1 111110 01 b:5 10010 1 rn:5 rd:5",
        sh_s::<UQSHRN, 32>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "UQRSHRN_s_b",
        "01 1 111110 0001 b:3 10011 1 rn:5 rd:5",
        sh_s::<UQRSHRN, 8>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "UQRSHRN_s_h",
        "01 1 111110 001 b:4 10011 1 rn:5 rd:5",
        sh_s::<UQRSHRN, 16>,
    )
    .dis(dis::shift_s)
    .feat(A),
    Enc::new(
        "UQRSHRN_s_s",
        "01 1 111110 01 b:5 10011 1 rn:5 rd:5",
        sh_s::<UQRSHRN, 32>,
    )
    .dis(dis::shift_s)
    .feat(A),
    // Vector x indexed element, integer operations (vector and scalar).
    Enc::new(
        "MLA_x",
        "0 q:1 1 01111 size:2 l:1 m:1 rm:4 0000 h:1 0 rn:5 rd:5",
        ix::<X_MLA>,
    )
    .dis(dis::idx_v)
    .feat(A),
    Enc::new(
        "MLS_x",
        "0 q:1 1 01111 size:2 l:1 m:1 rm:4 0100 h:1 0 rn:5 rd:5",
        ix::<X_MLS>,
    )
    .dis(dis::idx_v)
    .feat(A),
    Enc::new(
        "MUL_x",
        "0 q:1 0 01111 size:2 l:1 m:1 rm:4 1000 h:1 0 rn:5 rd:5",
        ix::<X_MUL>,
    )
    .dis(dis::idx_v)
    .feat(A),
    Enc::new(
        "SQDMULH_x",
        "0 q:1 0 01111 size:2 l:1 m:1 rm:4 1100 h:1 0 rn:5 rd:5",
        ix::<X_SQDMULH>,
    )
    .dis(dis::idx_v)
    .feat(A),
    Enc::new(
        "SQRDMULH_x",
        "0 q:1 0 01111 size:2 l:1 m:1 rm:4 1101 h:1 0 rn:5 rd:5",
        ix::<X_SQRDMULH>,
    )
    .dis(dis::idx_v)
    .feat(A),
    Enc::new(
        "SQRDMLAH_x",
        "0 q:1 1 01111 size:2 l:1 m:1 rm:4 1101 h:1 0 rn:5 rd:5",
        ix::<X_SQRDMLAH>,
    )
    .dis(dis::idx_v)
    .feat(X),
    Enc::new(
        "SQRDMLSH_x",
        "0 q:1 1 01111 size:2 l:1 m:1 rm:4 1111 h:1 0 rn:5 rd:5",
        ix::<X_SQRDMLSH>,
    )
    .dis(dis::idx_v)
    .feat(X),
    Enc::new(
        "SMLAL_x",
        "0 q:1 0 01111 size:2 l:1 m:1 rm:4 0010 h:1 0 rn:5 rd:5",
        ix::<X_SMLAL>,
    )
    .dis(dis::idx_v)
    .feat(A),
    Enc::new(
        "SQDMLAL_x",
        "0 q:1 0 01111 size:2 l:1 m:1 rm:4 0011 h:1 0 rn:5 rd:5",
        ix::<X_SQDMLAL>,
    )
    .dis(dis::idx_v)
    .feat(A),
    Enc::new(
        "SMLSL_x",
        "0 q:1 0 01111 size:2 l:1 m:1 rm:4 0110 h:1 0 rn:5 rd:5",
        ix::<X_SMLSL>,
    )
    .dis(dis::idx_v)
    .feat(A),
    Enc::new(
        "SQDMLSL_x",
        "0 q:1 0 01111 size:2 l:1 m:1 rm:4 0111 h:1 0 rn:5 rd:5",
        ix::<X_SQDMLSL>,
    )
    .dis(dis::idx_v)
    .feat(A),
    Enc::new(
        "SMULL_x",
        "0 q:1 0 01111 size:2 l:1 m:1 rm:4 1010 h:1 0 rn:5 rd:5",
        ix::<X_SMULL>,
    )
    .dis(dis::idx_v)
    .feat(A),
    Enc::new(
        "SQDMULL_x",
        "0 q:1 0 01111 size:2 l:1 m:1 rm:4 1011 h:1 0 rn:5 rd:5",
        ix::<X_SQDMULL>,
    )
    .dis(dis::idx_v)
    .feat(A),
    Enc::new(
        "UMLAL_x",
        "0 q:1 1 01111 size:2 l:1 m:1 rm:4 0010 h:1 0 rn:5 rd:5",
        ix::<X_UMLAL>,
    )
    .dis(dis::idx_v)
    .feat(A),
    Enc::new(
        "UMLSL_x",
        "0 q:1 1 01111 size:2 l:1 m:1 rm:4 0110 h:1 0 rn:5 rd:5",
        ix::<X_UMLSL>,
    )
    .dis(dis::idx_v)
    .feat(A),
    Enc::new(
        "UMULL_x",
        "0 q:1 1 01111 size:2 l:1 m:1 rm:4 1010 h:1 0 rn:5 rd:5",
        ix::<X_UMULL>,
    )
    .dis(dis::idx_v)
    .feat(A),
    Enc::new(
        "SDOT_x",
        "0 q:1 0 01111 size:2 l:1 m:1 rm:4 1110 h:1 0 rn:5 rd:5",
        dot_x::<false>,
    )
    .dis(dis::dot_idx)
    .feat(X),
    Enc::new(
        "UDOT_x",
        "0 q:1 1 01111 size:2 l:1 m:1 rm:4 1110 h:1 0 rn:5 rd:5",
        dot_x::<true>,
    )
    .dis(dis::dot_idx)
    .feat(X),
    Enc::new(
        "SQDMULH_xs",
        "01 0 11111 size:2 l:1 m:1 rm:4 1100 h:1 0 rn:5 rd:5",
        ix_s::<X_SQDMULH>,
    )
    .dis(dis::idx_s)
    .feat(A),
    Enc::new(
        "SQRDMULH_xs",
        "01 0 11111 size:2 l:1 m:1 rm:4 1101 h:1 0 rn:5 rd:5",
        ix_s::<X_SQRDMULH>,
    )
    .dis(dis::idx_s)
    .feat(A),
    Enc::new(
        "SQRDMLAH_xs",
        "01 1 11111 size:2 l:1 m:1 rm:4 1101 h:1 0 rn:5 rd:5",
        ix_s::<X_SQRDMLAH>,
    )
    .dis(dis::idx_s)
    .feat(X),
    Enc::new(
        "SQRDMLSH_xs",
        "01 1 11111 size:2 l:1 m:1 rm:4 1111 h:1 0 rn:5 rd:5",
        ix_s::<X_SQRDMLSH>,
    )
    .dis(dis::idx_s)
    .feat(X),
    Enc::new(
        "SQDMLAL_xs",
        "01 0 11111 size:2 l:1 m:1 rm:4 0011 h:1 0 rn:5 rd:5",
        ix_s::<X_SQDMLAL>,
    )
    .dis(dis::idx_s)
    .feat(A),
    Enc::new(
        "SQDMLSL_xs",
        "01 0 11111 size:2 l:1 m:1 rm:4 0111 h:1 0 rn:5 rd:5",
        ix_s::<X_SQDMLSL>,
    )
    .dis(dis::idx_s)
    .feat(A),
    Enc::new(
        "SQDMULL_xs",
        "01 0 11111 size:2 l:1 m:1 rm:4 1011 h:1 0 rn:5 rd:5",
        ix_s::<X_SQDMULL>,
    )
    .dis(dis::idx_s)
    .feat(A),
    // Table lookup, permute, extract.
    Enc::new(
        "TBL",
        "0 q:1 001110 000 rm:5 0 len:2 0 00 rn:5 rd:5",
        tbl::<false>,
    )
    .dis(dis::tbl)
    .feat(A),
    Enc::new(
        "TBX",
        "0 q:1 001110 000 rm:5 0 len:2 1 00 rn:5 rd:5",
        tbl::<true>,
    )
    .dis(dis::tbl)
    .feat(A),
    Enc::new(
        "UZP1",
        "0 q:1 001110 size:2 0 rm:5 0 001 10 rn:5 rd:5",
        perm::<UZP1>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "TRN1",
        "0 q:1 001110 size:2 0 rm:5 0 010 10 rn:5 rd:5",
        perm::<TRN1>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "ZIP1",
        "0 q:1 001110 size:2 0 rm:5 0 011 10 rn:5 rd:5",
        perm::<ZIP1>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "UZP2",
        "0 q:1 001110 size:2 0 rm:5 0 101 10 rn:5 rd:5",
        perm::<UZP2>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "TRN2",
        "0 q:1 001110 size:2 0 rm:5 0 110 10 rn:5 rd:5",
        perm::<TRN2>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new(
        "ZIP2",
        "0 q:1 001110 size:2 0 rm:5 0 111 10 rn:5 rd:5",
        perm::<ZIP2>,
    )
    .dis(dis::same_v)
    .feat(A),
    Enc::new("EXT", "0 q:1 101110 000 rm:5 0 imm4:4 0 rn:5 rd:5", ext)
        .dis(dis::ext)
        .feat(A),
    // Cryptographic extensions and FEAT_I8MM, each gated by its ID register field.
    Enc::new(
        "AESE",
        "01001110 00 10100 00100 10 rn:5 rd:5",
        aes_round::<false>,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new(
        "AESD",
        "01001110 00 10100 00101 10 rn:5 rd:5",
        aes_round::<true>,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new(
        "AESMC",
        "01001110 00 10100 00110 10 rn:5 rd:5",
        aes_mix::<false>,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new(
        "AESIMC",
        "01001110 00 10100 00111 10 rn:5 rd:5",
        aes_mix::<true>,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new(
        "SHA1C",
        "01011110 00 0 rm:5 0 000 00 rn:5 rd:5",
        sha1_hash::<0>,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new(
        "SHA1P",
        "01011110 00 0 rm:5 0 001 00 rn:5 rd:5",
        sha1_hash::<1>,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new(
        "SHA1M",
        "01011110 00 0 rm:5 0 010 00 rn:5 rd:5",
        sha1_hash::<2>,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new("SHA1SU0", "01011110 00 0 rm:5 0 011 00 rn:5 rd:5", sha1su0)
        .dis(dis::crypto)
        .feat(X),
    Enc::new(
        "SHA256H",
        "01011110 00 0 rm:5 0 100 00 rn:5 rd:5",
        sha256h::<false>,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new(
        "SHA256H2",
        "01011110 00 0 rm:5 0 101 00 rn:5 rd:5",
        sha256h::<true>,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new(
        "SHA256SU1",
        "01011110 00 0 rm:5 0 110 00 rn:5 rd:5",
        sha256su1,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new("SHA1H", "01011110 00 10100 00000 10 rn:5 rd:5", sha1h)
        .dis(dis::crypto)
        .feat(X),
    Enc::new("SHA1SU1", "01011110 00 10100 00001 10 rn:5 rd:5", sha1su1)
        .dis(dis::crypto)
        .feat(X),
    Enc::new(
        "SHA256SU0",
        "01011110 00 10100 00010 10 rn:5 rd:5",
        sha256su0,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new(
        "SHA512H",
        "11001110011 rm:5 1 0 00 00 rn:5 rd:5",
        sha512_3::<0>,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new(
        "SHA512H2",
        "11001110011 rm:5 1 0 00 01 rn:5 rd:5",
        sha512_3::<1>,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new(
        "SHA512SU1",
        "11001110011 rm:5 1 0 00 10 rn:5 rd:5",
        sha512_3::<2>,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new(
        "RAX1",
        "11001110011 rm:5 1 0 00 11 rn:5 rd:5",
        sha512_3::<3>,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new("SHA512SU0", "11001110110000001000 00 rn:5 rd:5", sha512su0)
        .dis(dis::crypto)
        .feat(X),
    Enc::new(
        "EOR3",
        "110011100 00 rm:5 0 ra:5 rn:5 rd:5",
        sha3_4::<false>,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new("BCAX", "110011100 01 rm:5 0 ra:5 rn:5 rd:5", sha3_4::<true>)
        .dis(dis::crypto)
        .feat(X),
    Enc::new("XAR", "11001110100 rm:5 imm6:6 rn:5 rd:5", xar)
        .dis(dis::crypto)
        .feat(X),
    Enc::new(
        "SMMLA",
        "0 1 0 01110 10 0 rm:5 1 0100 1 rn:5 rd:5",
        mmla::<false, false>,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new(
        "UMMLA",
        "0 1 1 01110 10 0 rm:5 1 0100 1 rn:5 rd:5",
        mmla::<true, true>,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new(
        "USMMLA",
        "0 1 0 01110 10 0 rm:5 1 0101 1 rn:5 rd:5",
        mmla::<true, false>,
    )
    .dis(dis::crypto)
    .feat(X),
    Enc::new(
        "USDOT_v",
        "0 q:1 0 01110 10 0 rm:5 1 0011 1 rn:5 rd:5",
        usdot,
    )
    .dis(dis::dot)
    .feat(X),
    Enc::new(
        "SUDOT_x",
        "0 q:1 0 01111 00 l:1 m:1 rm:4 1111 h:1 0 rn:5 rd:5",
        usdot_x::<false>,
    )
    .dis(dis::dot_idx)
    .feat(X),
    Enc::new(
        "USDOT_x",
        "0 q:1 0 01111 10 l:1 m:1 rm:4 1111 h:1 0 rn:5 rd:5",
        usdot_x::<true>,
    )
    .dis(dis::dot_idx)
    .feat(X),
];
