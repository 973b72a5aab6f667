//! Scalar floating point (Arm ARM C4.1, "Data Processing -- Scalar Floating-Point and
//! Advanced SIMD", the floating-point subgroups): data processing with 1, 2 and 3
//! sources, compares, conditional compare and select, FMOV in all its scalar forms, and
//! the conversions FP<->integer, FP<->fixed-point and between precisions, for half
//! (ftype 11, FEAT_FP16), single (00) and double (01). ftype 10 is unallocated (except
//! in FMOV Xd <-> Vn.D[1]).
//!
//! The arithmetic is [`crate::fpu`]; every result is written with `set_v`, which zeroes
//! the rest of the vector register as a scalar FP write must.

use crate::cpu::{Cpu, Stop};
use crate::decode::{Enc, Feature, Insn};
use crate::exception::Exception;
use crate::fpu::{self, Fmt, Rounding, D, H, S};

mod dis;

/// This group's lines of the decode table.
pub static ENCODINGS: &[Enc] = &[
    // Data processing, 1 source.
    Enc::new(
        "FMOV_s",
        "00011110 ftype:2 1 000000 10000 rn:5 rd:5",
        fp_1src,
    )
    .dis(dis::one_src)
    .feat(Feature::Fp),
    Enc::new(
        "FABS_s",
        "00011110 ftype:2 1 000001 10000 rn:5 rd:5",
        fp_1src,
    )
    .dis(dis::one_src)
    .feat(Feature::Fp),
    Enc::new(
        "FNEG_s",
        "00011110 ftype:2 1 000010 10000 rn:5 rd:5",
        fp_1src,
    )
    .dis(dis::one_src)
    .feat(Feature::Fp),
    Enc::new(
        "FSQRT_s",
        "00011110 ftype:2 1 000011 10000 rn:5 rd:5",
        fp_1src,
    )
    .dis(dis::one_src)
    .feat(Feature::Fp),
    Enc::new(
        "FCVT_s",
        "00011110 ftype:2 1 0001 opc:2 10000 rn:5 rd:5",
        fcvt_s,
    )
    .dis(dis::fcvt)
    .feat(Feature::Fp),
    // FRINTN/P/M/Z/A/X/I (rm 101 unallocated).
    Enc::new(
        "FRINT_s",
        "00011110 ftype:2 1 001 rm:3 10000 rn:5 rd:5",
        fp_1src,
    )
    .dis(dis::one_src)
    .feat(Feature::Fp),
    // FRINT32Z/32X/64Z/64X (FEAT_FRINTTS), single and double only.
    Enc::new(
        "FRINTTS_s",
        "00011110 ftype:2 1 0100 op:2 10000 rn:5 rd:5",
        fp_1src,
    )
    .dis(dis::one_src)
    .feat(Feature::V8x),
    // Compare (Rm ignored by the #0.0 forms).
    Enc::new(
        "FCMP_s",
        "00011110 ftype:2 1 rm:5 001000 rn:5 e:1 z:1 000",
        fcmp,
    )
    .dis(dis::fcmp)
    .feat(Feature::Fp),
    Enc::new(
        "FMOV_si",
        "00011110 ftype:2 1 imm8:8 100 00000 rd:5",
        fmov_imm,
    )
    .dis(dis::fmov_imm)
    .feat(Feature::Fp),
    Enc::new(
        "FCCMP_s",
        "00011110 ftype:2 1 rm:5 cond:4 01 rn:5 e:1 nzcv:4",
        fccmp,
    )
    .dis(dis::fccmp)
    .feat(Feature::Fp),
    // Data processing, 2 sources: FMUL FDIV FADD FSUB FMAX FMIN FMAXNM FMINNM FNMUL.
    Enc::new(
        "FP2_s",
        "00011110 ftype:2 1 rm:5 opcode:4 10 rn:5 rd:5",
        fp_2src,
    )
    .dis(dis::two_src)
    .feat(Feature::Fp),
    Enc::new(
        "FCSEL_s",
        "00011110 ftype:2 1 rm:5 cond:4 11 rn:5 rd:5",
        fcsel,
    )
    .dis(dis::fcsel)
    .feat(Feature::Fp),
    // FMADD FMSUB FNMADD FNMSUB.
    Enc::new(
        "FMADD_s",
        "00011111 ftype:2 o1:1 rm:5 o0:1 ra:5 rn:5 rd:5",
        fp_3src,
    )
    .dis(dis::three_src)
    .feat(Feature::Fp),
    // FP <-> fixed point: fbits = 64 - scale.
    Enc::new(
        "CVTF_fix",
        "sf:1 0011110 ftype:2 0 00 01 u:1 scale:6 rn:5 rd:5",
        cvtf_fix,
    )
    .dis(dis::fixed)
    .feat(Feature::Fp),
    Enc::new(
        "FCVTZ_fix",
        "sf:1 0011110 ftype:2 0 11 00 u:1 scale:6 rn:5 rd:5",
        fcvtz_fix,
    )
    .dis(dis::fixed)
    .feat(Feature::Fp),
    // FP -> integer: FCVT{N,P,M,Z}{S,U} (rmode) and FCVTA{S,U}.
    Enc::new(
        "FCVT_int",
        "sf:1 0011110 ftype:2 1 rmode:2 00 u:1 000000 rn:5 rd:5",
        fcvt_int,
    )
    .dis(dis::int_conv)
    .feat(Feature::Fp),
    Enc::new(
        "FCVTA_int",
        "sf:1 0011110 ftype:2 1 00 10 u:1 000000 rn:5 rd:5",
        fcvt_int,
    )
    .dis(dis::int_conv)
    .feat(Feature::Fp),
    // Integer -> FP: SCVTF, UCVTF.
    Enc::new(
        "CVTF_int",
        "sf:1 0011110 ftype:2 1 00 01 u:1 000000 rn:5 rd:5",
        cvtf_int,
    )
    .dis(dis::int_conv)
    .feat(Feature::Fp),
    // FJCVTZS Wd, Dn (FEAT_JSCVT); it sits in the FMOV (general) space.
    Enc::new("FJCVTZS", "0 0011110 01 1 11 110 000000 rn:5 rd:5", fjcvtzs)
        .dis(dis::fjcvtzs)
        .feat(Feature::V8x)
        .overlap("fmov_gen"),
    // FMOV between general and FP registers, including Xd <-> Vn.D[1].
    Enc::new(
        "FMOV_gen",
        "sf:1 0011110 ftype:2 1 rmode:2 11 op:1 000000 rn:5 rd:5",
        fmov_gen,
    )
    .dis(dis::fmov_gen)
    .feat(Feature::Fp)
    .overlap("fmov_gen"),
];

#[inline]
pub(crate) fn undef() -> Result<(), Stop> {
    Err(Stop::Exception(Exception::Undefined))
}

/// Calls `$f::<T>($args)` for the format `ftype` selects (00 S, 01 D, 11 H); ftype 10
/// is UNDEFINED.
macro_rules! by_ftype {
    ($ftype:expr, $f:ident ( $($a:expr),* )) => {
        match $ftype {
            0 => $f::<S>($($a),*),
            1 => $f::<D>($($a),*),
            3 => $f::<H>($($a),*),
            _ => undef(),
        }
    };
}

/// The low T bits of Vn.
#[inline]
fn rd_fp<T: Fmt>(c: &Cpu, n: u32) -> u64 {
    c.s.z[n as usize].d(0) & T::MASK
}

/// Writes a scalar FP result (rest of the register zeroed).
#[inline]
fn wr_fp<T: Fmt>(c: &mut Cpu, d: u32, v: u64) {
    c.s.set_v(d, (v & T::MASK) as u128);
}

/// VFPExpandImm: the 8-bit FMOV immediate as a format-T value.
pub fn vfp_expand_imm<T: Fmt>(imm8: u32) -> u64 {
    let imm8 = imm8 as u64 & 0xFF;
    let sign = imm8 >> 7;
    let b6 = (imm8 >> 6) & 1;
    // exp = NOT(b6) : Replicate(b6, E-3) : imm8<5:4>
    let rep = if b6 == 1 { (1u64 << (T::E - 3)) - 1 } else { 0 };
    let exp = ((b6 ^ 1) << (T::E - 1)) | rep << 2 | (imm8 >> 4) & 3;
    let frac = (imm8 & 0xF) << (T::F - 4);
    sign << (T::N - 1) | exp << T::F | frac
}

/// A RMode-style rounding for the FRINT rm field: None for the unallocated 101.
fn frint_rounding(rm: u32, fpcr: u32) -> Option<(Rounding, bool)> {
    Some(match rm {
        0 => (Rounding::TieEven, false),
        1 => (Rounding::PosInf, false),
        2 => (Rounding::NegInf, false),
        3 => (Rounding::Zero, false),
        4 => (Rounding::TieAway, false),
        6 => (Rounding::from_fpcr(fpcr), true),
        7 => (Rounding::from_fpcr(fpcr), false),
        _ => return None,
    })
}

fn fp_1src(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    by_ftype!(i.f[0], fp_1src_t(c, i))
}

fn fp_1src_t<T: Fmt>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let opcode = (i.word >> 15) & 0x3F;
    let (rn, rd) = ((i.word >> 5) & 31, i.word & 31);
    let fpcr = c.s.fpcr;
    // Validate before the FP trap check: unallocated encodings UNDEF first.
    let frint = if opcode & 0x38 == 0x08 {
        match frint_rounding(opcode & 7, fpcr) {
            Some(r) => Some(r),
            None => return undef(),
        }
    } else {
        None
    };
    if opcode & 0x3C == 0x10 && T::HALF {
        return undef();
    }
    c.check_fp()?;
    let x = rd_fp::<T>(c, rn);
    let mut fpsr = c.s.fpsr;
    let r = match opcode {
        0 => x,
        1 => fpu::abs::<T>(x),
        2 => fpu::neg::<T>(x),
        3 => fpu::sqrt::<T>(x, fpcr, &mut fpsr),
        0x10..=0x13 => {
            let intsize = if opcode & 2 == 0 { 32 } else { 64 };
            let rm = if opcode & 1 == 0 {
                Rounding::Zero
            } else {
                Rounding::from_fpcr(fpcr)
            };
            fpu::round_int_n::<T>(x, rm, intsize, fpcr, &mut fpsr)
        }
        _ => match frint {
            Some((rm, exact)) => fpu::round_int::<T>(x, rm, exact, fpcr, &mut fpsr),
            None => return undef(),
        },
    };
    c.s.fpsr = fpsr;
    wr_fp::<T>(c, rd, r);
    Ok(())
}

/// FCVT between precisions: ftype is the source, opc the destination.
fn fcvt_s(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [ftype, opc, rn, rd, ..] = i.f;
    if ftype == opc || ftype == 2 || opc == 2 {
        // opc 10 is BFCVT (FEAT_BF16), not implemented.
        return undef();
    }
    c.check_fp()?;
    let fpcr = c.s.fpcr;
    let rm = Rounding::from_fpcr(fpcr);
    let mut fpsr = c.s.fpsr;
    let x = c.s.z[rn as usize].d(0);
    let r = match (ftype, opc) {
        (0, 1) => fpu::convert::<S, D>(x, rm, fpcr, &mut fpsr),
        (0, 3) => fpu::convert::<S, H>(x, rm, fpcr, &mut fpsr),
        (1, 0) => fpu::convert::<D, S>(x, rm, fpcr, &mut fpsr),
        (1, 3) => fpu::convert::<D, H>(x, rm, fpcr, &mut fpsr),
        (3, 0) => fpu::convert::<H, S>(x, rm, fpcr, &mut fpsr),
        _ => fpu::convert::<H, D>(x, rm, fpcr, &mut fpsr),
    };
    c.s.fpsr = fpsr;
    c.s.set_v(rd, r as u128);
    Ok(())
}

fn fcmp(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    by_ftype!(i.f[0], fcmp_t(c, i))
}

fn fcmp_t<T: Fmt>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [_, rm, rn, e, z, ..] = i.f;
    c.check_fp()?;
    let x = rd_fp::<T>(c, rn);
    let y = if z == 1 { 0 } else { rd_fp::<T>(c, rm) };
    let mut fpsr = c.s.fpsr;
    let nzcv = fpu::compare::<T>(x, y, e == 1, c.s.fpcr, &mut fpsr);
    c.s.fpsr = fpsr;
    c.s.pstate.nzcv = nzcv;
    Ok(())
}

fn fccmp(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    by_ftype!(i.f[0], fccmp_t(c, i))
}

fn fccmp_t<T: Fmt>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [_, rm, cond, rn, e, nzcv, ..] = i.f;
    c.check_fp()?;
    if c.s.pstate.cond(cond) {
        let (x, y) = (rd_fp::<T>(c, rn), rd_fp::<T>(c, rm));
        let mut fpsr = c.s.fpsr;
        c.s.pstate.nzcv = fpu::compare::<T>(x, y, e == 1, c.s.fpcr, &mut fpsr);
        c.s.fpsr = fpsr;
    } else {
        c.s.pstate.nzcv = nzcv << 28;
    }
    Ok(())
}

fn fmov_imm(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    by_ftype!(i.f[0], fmov_imm_t(c, i))
}

fn fmov_imm_t<T: Fmt>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [_, imm8, rd, ..] = i.f;
    c.check_fp()?;
    wr_fp::<T>(c, rd, vfp_expand_imm::<T>(imm8));
    Ok(())
}

fn fp_2src(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    if i.f[2] > 8 {
        return undef();
    }
    by_ftype!(i.f[0], fp_2src_t(c, i))
}

fn fp_2src_t<T: Fmt>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [_, rm, opcode, rn, rd, ..] = i.f;
    c.check_fp()?;
    let (x, y) = (rd_fp::<T>(c, rn), rd_fp::<T>(c, rm));
    let fpcr = c.s.fpcr;
    let mut fpsr = c.s.fpsr;
    let f = &mut fpsr;
    let r = match opcode {
        0 => fpu::mul::<T>(x, y, fpcr, f),
        1 => fpu::div::<T>(x, y, fpcr, f),
        2 => fpu::add::<T>(x, y, fpcr, f),
        3 => fpu::sub::<T>(x, y, fpcr, f),
        4 => fpu::max::<T>(x, y, fpcr, f),
        5 => fpu::min::<T>(x, y, fpcr, f),
        6 => fpu::maxnum::<T>(x, y, fpcr, f),
        7 => fpu::minnum::<T>(x, y, fpcr, f),
        // FNMUL negates the product, a NaN result included.
        _ => fpu::neg::<T>(fpu::mul::<T>(x, y, fpcr, f)),
    };
    c.s.fpsr = fpsr;
    wr_fp::<T>(c, rd, r);
    Ok(())
}

fn fcsel(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    by_ftype!(i.f[0], fcsel_t(c, i))
}

fn fcsel_t<T: Fmt>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [_, rm, cond, rn, rd, ..] = i.f;
    c.check_fp()?;
    let src = if c.s.pstate.cond(cond) { rn } else { rm };
    let v = rd_fp::<T>(c, src);
    wr_fp::<T>(c, rd, v);
    Ok(())
}

fn fp_3src(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    by_ftype!(i.f[0], fp_3src_t(c, i))
}

fn fp_3src_t<T: Fmt>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [_, o1, rm, o0, ra, rn, rd, ..] = i.f;
    c.check_fp()?;
    let (mut a, mut n, m) = (rd_fp::<T>(c, ra), rd_fp::<T>(c, rn), rd_fp::<T>(c, rm));
    // FMSUB negates op1, FNMADD both addend and op1, FNMSUB the addend.
    if o1 == 1 {
        a = fpu::neg::<T>(a);
    }
    if o0 != o1 {
        n = fpu::neg::<T>(n);
    }
    let mut fpsr = c.s.fpsr;
    let r = fpu::muladd::<T>(a, n, m, c.s.fpcr, &mut fpsr);
    c.s.fpsr = fpsr;
    wr_fp::<T>(c, rd, r);
    Ok(())
}

fn cvtf_fix(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [sf, ftype, _, scale, ..] = i.f;
    if sf == 0 && scale < 32 {
        return undef();
    }
    by_ftype!(ftype, cvtf_t(c, i, 64 - scale))
}

fn cvtf_int(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    by_ftype!(i.f[1], cvtf_t(c, i, 0))
}

/// SCVTF/UCVTF from a general register, fixed point with `fbits` fraction bits.
fn cvtf_t<T: Fmt>(c: &mut Cpu, i: &Insn, fbits: u32) -> Result<(), Stop> {
    let sf = i.word >> 31;
    let u = (i.word >> 16) & 1 == 1;
    let (rn, rd) = ((i.word >> 5) & 31, i.word & 31);
    c.check_fp()?;
    let bits = if sf == 1 { 64 } else { 32 };
    let v = c.s.xr(rn);
    let fpcr = c.s.fpcr;
    let mut fpsr = c.s.fpsr;
    let r = fpu::from_fixed::<T>(
        v,
        fbits,
        u,
        bits,
        Rounding::from_fpcr(fpcr),
        fpcr,
        &mut fpsr,
    );
    c.s.fpsr = fpsr;
    wr_fp::<T>(c, rd, r);
    Ok(())
}

fn fcvtz_fix(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [sf, ftype, _, scale, ..] = i.f;
    if sf == 0 && scale < 32 {
        return undef();
    }
    by_ftype!(ftype, fcvt_int_t(c, i, 64 - scale, Rounding::Zero))
}

fn fcvt_int(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let rmode = (i.word >> 19) & 3;
    let opcode = (i.word >> 16) & 7;
    let rm = if opcode & 4 != 0 {
        Rounding::TieAway
    } else {
        Rounding::from_rmode(rmode)
    };
    by_ftype!(i.f[1], fcvt_int_t(c, i, 0, rm))
}

/// FCVT*S/FCVT*U to a general register (fixed point with `fbits`).
fn fcvt_int_t<T: Fmt>(c: &mut Cpu, i: &Insn, fbits: u32, rm: Rounding) -> Result<(), Stop> {
    let sf = i.word >> 31;
    let u = (i.word >> 16) & 1 == 1;
    let (rn, rd) = ((i.word >> 5) & 31, i.word & 31);
    c.check_fp()?;
    let x = rd_fp::<T>(c, rn);
    let bits = if sf == 1 { 64 } else { 32 };
    let mut fpsr = c.s.fpsr;
    let r = fpu::to_fixed::<T>(x, fbits, u, bits, rm, c.s.fpcr, &mut fpsr);
    c.s.fpsr = fpsr;
    c.s.set_xr(rd, r);
    Ok(())
}

fn fjcvtzs(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [rn, rd, ..] = i.f;
    c.check_fp()?;
    let x = c.s.z[rn as usize].d(0);
    let mut fpsr = c.s.fpsr;
    let (r, z) = fpu::to_int_js(x, c.s.fpcr, &mut fpsr);
    c.s.fpsr = fpsr;
    c.s.set_xr(rd, r as u64);
    c.s.pstate.nzcv = (z as u32) << 30;
    Ok(())
}

fn fmov_gen(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [sf, ftype, rmode, op, rn, rd, ..] = i.f;
    // (width of the FP side, part): part 1 is Vn.D[1].
    let (width, part) = match (sf, ftype, rmode) {
        (0, 0, 0) => (32, 0),
        (1, 1, 0) => (64, 0),
        (_, 3, 0) => (16, 0),
        (1, 2, 1) => (64, 1),
        _ => return undef(),
    };
    c.check_fp()?;
    let mask = u64::MAX >> (64 - width);
    if op == 0 {
        // FMOV to general: Wd/Xd = zero-extended element.
        let v = c.s.z[rn as usize].d(part) & mask;
        c.s.set_xr(rd, v);
    } else {
        let x = c.s.xr(rn) & mask;
        if part == 1 {
            // Vd.D[1] = Xn: the low half is kept, bits above 128 are zeroed.
            let lo = c.s.z[rd as usize].d(0);
            c.s.set_v(rd, (x as u128) << 64 | lo as u128);
        } else {
            c.s.set_v(rd, x as u128);
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests;
