//! Cryptographic extension instructions (AES, SHA1, SHA256, SHA512, SHA3) and the
//! Int8 matrix multiply instructions (FEAT_I8MM). Each is gated by its
//! ID_AA64ISAR0_EL1 / ID_AA64ISAR1_EL1 field: UNDEFINED where not advertised.

use super::*;
use crate::decode::Insn;

fn isar0(c: &Cpu, lsb: u32) -> u64 {
    (c.cfg.isar0 >> lsb) & 0xF
}

/// Multiplication in GF(2^8) modulo the AES polynomial x^8 + x^4 + x^3 + x + 1.
const fn gmul(mut a: u8, mut b: u8) -> u8 {
    let mut r = 0u8;
    while b != 0 {
        if b & 1 != 0 {
            r ^= a;
        }
        let hi = a & 0x80;
        a <<= 1;
        if hi != 0 {
            a ^= 0x1B;
        }
        b >>= 1;
    }
    r
}

/// The AES S-box, derived from its definition (FIPS-197 5.1.1): the
/// multiplicative inverse in GF(2^8) followed by the affine transformation.
const fn make_sbox() -> [u8; 256] {
    let mut s = [0u8; 256];
    let mut x = 0usize;
    while x < 256 {
        // The inverse is x^254 (x^255 = 1 for x != 0; 0 maps to 0).
        let (mut inv, mut base, mut e) = (1u8, x as u8, 254u32);
        while e != 0 {
            if e & 1 != 0 {
                inv = gmul(inv, base);
            }
            base = gmul(base, base);
            e >>= 1;
        }
        if x == 0 {
            inv = 0;
        }
        let b = inv;
        s[x] = b ^ b.rotate_left(1) ^ b.rotate_left(2) ^ b.rotate_left(3) ^ b.rotate_left(4) ^ 0x63;
        x += 1;
    }
    s
}

const fn invert(s: &[u8; 256]) -> [u8; 256] {
    let mut r = [0u8; 256];
    let mut x = 0;
    while x < 256 {
        r[s[x] as usize] = x as u8;
        x += 1;
    }
    r
}

static SBOX: [u8; 256] = make_sbox();
static INV_SBOX: [u8; 256] = invert(&SBOX);

/// The AES state as 16 bytes: byte r + 4c is row r of column c.
fn to_bytes(v: u128) -> [u8; 16] {
    v.to_le_bytes()
}

/// AESE (INV = false) and AESD: AddRoundKey (EOR), then (Inv)ShiftRows and
/// (Inv)SubBytes.
pub(crate) fn aes_round<const INV: bool>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [rn, rd, ..] = i.f;
    if isar0(c, 4) == 0 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let s = to_bytes(rv(c, rd) ^ rv(c, rn));
    let mut o = [0u8; 16];
    for col in 0..4 {
        for row in 0..4 {
            if INV {
                o[row + 4 * ((col + row) % 4)] = INV_SBOX[s[row + 4 * col] as usize];
            } else {
                o[row + 4 * col] = SBOX[s[row + 4 * ((col + row) % 4)] as usize];
            }
        }
    }
    write_v(c, rd, 1, u128::from_le_bytes(o));
    Ok(())
}

/// AESMC (INV = false) and AESIMC: (Inv)MixColumns of Vn.
pub(crate) fn aes_mix<const INV: bool>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [rn, rd, ..] = i.f;
    if isar0(c, 4) == 0 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let s = to_bytes(rv(c, rn));
    let k: [u8; 4] = if INV { [14, 11, 13, 9] } else { [2, 3, 1, 1] };
    let mut o = [0u8; 16];
    for col in 0..4 {
        for row in 0..4 {
            let mut x = 0u8;
            for j in 0..4 {
                x ^= gmul(k[(j + 4 - row) % 4], s[j + 4 * col]);
            }
            o[row + 4 * col] = x;
        }
    }
    write_v(c, rd, 1, u128::from_le_bytes(o));
    Ok(())
}

fn w32(v: u128, e: usize) -> u32 {
    (v >> (32 * e)) as u32
}

fn choose(x: u32, y: u32, z: u32) -> u32 {
    ((y ^ z) & x) ^ z
}
fn parity(x: u32, y: u32, z: u32) -> u32 {
    x ^ y ^ z
}
fn majority(x: u32, y: u32, z: u32) -> u32 {
    (x & y) | ((x | y) & z)
}

/// SHA1C/SHA1P/SHA1M (F = 0, 1, 2): four rounds of SHA-1 on Qd with Sn and Vm.
pub(crate) fn sha1_hash<const F: u32>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [rm, rn, rd, ..] = i.f;
    if isar0(c, 8) == 0 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let mut x = rv(c, rd);
    let mut y = w32(rv(c, rn), 0);
    let w = rv(c, rm);
    for e in 0..4 {
        let (b, cc, d) = (w32(x, 1), w32(x, 2), w32(x, 3));
        let t = match F {
            0 => choose(b, cc, d),
            1 => parity(b, cc, d),
            _ => majority(b, cc, d),
        };
        y = y
            .wrapping_add(w32(x, 0).rotate_left(5))
            .wrapping_add(t)
            .wrapping_add(w32(w, e));
        // X<63:32> = ROL(X<63:32>, 30), then the 160-bit Y:X rotates left by 32.
        let b = b.rotate_left(30) as u128;
        x = (x & !(0xFFFF_FFFFu128 << 32)) | b << 32;
        let top = w32(x, 3);
        x = (x << 32) | y as u128;
        y = top;
    }
    write_v(c, rd, 1, x);
    Ok(())
}

/// SHA1H: Sd = ROL(Sn, 30).
pub(crate) fn sha1h(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [rn, rd, ..] = i.f;
    if isar0(c, 8) == 0 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let r = w32(rv(c, rn), 0).rotate_left(30);
    write_v(c, rd, 0, r as u128);
    Ok(())
}

/// SHA1SU0.
pub(crate) fn sha1su0(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [rm, rn, rd, ..] = i.f;
    if isar0(c, 8) == 0 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (d, n, m) = (rv(c, rd), rv(c, rn), rv(c, rm));
    let r = ((n as u64 as u128) << 64 | d >> 64) ^ d ^ m;
    write_v(c, rd, 1, r);
    Ok(())
}

/// SHA1SU1.
pub(crate) fn sha1su1(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [rn, rd, ..] = i.f;
    if isar0(c, 8) == 0 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let t = rv(c, rd) ^ (rv(c, rn) >> 32);
    let mut r = 0u128;
    for e in 0..4 {
        r |= (w32(t, e).rotate_left(1) as u128) << (32 * e);
    }
    r ^= (w32(t, 0).rotate_left(2) as u128) << 96;
    write_v(c, rd, 1, r);
    Ok(())
}

fn sigma0(x: u32) -> u32 {
    x.rotate_right(2) ^ x.rotate_right(13) ^ x.rotate_right(22)
}
fn sigma1(x: u32) -> u32 {
    x.rotate_right(6) ^ x.rotate_right(11) ^ x.rotate_right(25)
}

/// SHA256hash from the Arm ARM: four rounds; returns X for part 1, Y for part 2.
fn sha256_hash(mut x: u128, mut y: u128, w: u128, part1: bool) -> u128 {
    for e in 0..4 {
        let chs = choose(w32(y, 0), w32(y, 1), w32(y, 2));
        let maj = majority(w32(x, 0), w32(x, 1), w32(x, 2));
        let t = w32(y, 3)
            .wrapping_add(sigma1(w32(y, 0)))
            .wrapping_add(chs)
            .wrapping_add(w32(w, e));
        let x3 = t.wrapping_add(w32(x, 3));
        let y3 = t.wrapping_add(sigma0(w32(x, 0))).wrapping_add(maj);
        // The 256-bit Y:X rotates left by 32 (with the new top words).
        let nx = (x << 32) | y3 as u128;
        let ny = (y << 32) | x3 as u128;
        x = nx;
        y = ny;
    }
    if part1 {
        x
    } else {
        y
    }
}

/// SHA256H (H2 = false) and SHA256H2.
pub(crate) fn sha256h<const H2: bool>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [rm, rn, rd, ..] = i.f;
    if isar0(c, 12) == 0 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (d, n, m) = (rv(c, rd), rv(c, rn), rv(c, rm));
    let r = if H2 {
        sha256_hash(n, d, m, false)
    } else {
        sha256_hash(d, n, m, true)
    };
    write_v(c, rd, 1, r);
    Ok(())
}

/// SHA256SU0.
pub(crate) fn sha256su0(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [rn, rd, ..] = i.f;
    if isar0(c, 12) == 0 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (d, n) = (rv(c, rd), rv(c, rn));
    let t = (w32(n, 0) as u128) << 96 | d >> 32;
    let mut r = 0u128;
    for e in 0..4 {
        let x = w32(t, e);
        let x = x.rotate_right(7) ^ x.rotate_right(18) ^ (x >> 3);
        r |= (x.wrapping_add(w32(d, e)) as u128) << (32 * e);
    }
    write_v(c, rd, 1, r);
    Ok(())
}

/// SHA256SU1.
pub(crate) fn sha256su1(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [rm, rn, rd, ..] = i.f;
    if isar0(c, 12) == 0 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (d, n, m) = (rv(c, rd), rv(c, rn), rv(c, rm));
    let t0 = (w32(m, 0) as u128) << 96 | n >> 32;
    let s = |x: u32| x.rotate_right(17) ^ x.rotate_right(19) ^ (x >> 10);
    let mut r = 0u128;
    let t1 = m >> 64;
    for e in 0..2 {
        let x = s(w32(t1, e))
            .wrapping_add(w32(d, e))
            .wrapping_add(w32(t0, e));
        r |= (x as u128) << (32 * e);
    }
    let t1 = r;
    for e in 2..4 {
        let x = s(w32(t1, e - 2))
            .wrapping_add(w32(d, e))
            .wrapping_add(w32(t0, e));
        r |= (x as u128) << (32 * e);
    }
    write_v(c, rd, 1, r);
    Ok(())
}

fn lo(v: u128) -> u64 {
    v as u64
}
fn hi(v: u128) -> u64 {
    (v >> 64) as u64
}
fn pair(h: u64, l: u64) -> u128 {
    (h as u128) << 64 | l as u128
}

/// SHA512H/SHA512H2/SHA512SU1/RAX1 (OP = opcode 0..3; RAX1 is FEAT_SHA3).
pub(crate) fn sha512_3<const OP: u32>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [rm, rn, rd, ..] = i.f;
    let ok = if OP == 3 {
        isar0(c, 32) != 0
    } else {
        isar0(c, 12) >= 2
    };
    if !ok {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (x, y, w) = (rv(c, rn), rv(c, rm), rv(c, rd));
    let r = match OP {
        0 => {
            let s1 = |v: u64| v.rotate_right(14) ^ v.rotate_right(18) ^ v.rotate_right(41);
            let th = ((hi(y) & lo(x)) ^ (!hi(y) & hi(x)))
                .wrapping_add(s1(hi(y)))
                .wrapping_add(hi(w));
            let tmp = th.wrapping_add(lo(y));
            let tl = ((tmp & hi(y)) ^ (!tmp & lo(x)))
                .wrapping_add(s1(tmp))
                .wrapping_add(lo(w));
            pair(th, tl)
        }
        1 => {
            let s0 = |v: u64| v.rotate_right(28) ^ v.rotate_right(34) ^ v.rotate_right(39);
            let th = ((lo(x) & hi(y)) ^ (lo(x) & lo(y)) ^ (hi(y) & lo(y)))
                .wrapping_add(s0(lo(y)))
                .wrapping_add(hi(w));
            let tl = ((th & lo(y)) ^ (th & hi(y)) ^ (hi(y) & lo(y)))
                .wrapping_add(s0(th))
                .wrapping_add(lo(w));
            pair(th, tl)
        }
        2 => {
            let s1 = |v: u64| v.rotate_right(19) ^ v.rotate_right(61) ^ (v >> 6);
            let th = hi(w).wrapping_add(s1(hi(x))).wrapping_add(hi(y));
            let tl = lo(w).wrapping_add(s1(lo(x))).wrapping_add(lo(y));
            pair(th, tl)
        }
        _ => pair(hi(x) ^ hi(y).rotate_left(1), lo(x) ^ lo(y).rotate_left(1)),
    };
    write_v(c, rd, 1, r);
    Ok(())
}

/// SHA512SU0.
pub(crate) fn sha512su0(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [rn, rd, ..] = i.f;
    if isar0(c, 12) < 2 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (x, w) = (rv(c, rn), rv(c, rd));
    let s0 = |v: u64| v.rotate_right(1) ^ v.rotate_right(8) ^ (v >> 7);
    let r = pair(hi(w).wrapping_add(s0(lo(x))), lo(w).wrapping_add(s0(hi(w))));
    write_v(c, rd, 1, r);
    Ok(())
}

/// EOR3 (BCAX = false) and BCAX (FEAT_SHA3).
pub(crate) fn sha3_4<const BCAX: bool>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [rm, ra, rn, rd, ..] = i.f;
    if isar0(c, 32) == 0 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (n, m, a) = (rv(c, rn), rv(c, rm), rv(c, ra));
    let r = if BCAX { n ^ (m & !a) } else { n ^ m ^ a };
    write_v(c, rd, 1, r);
    Ok(())
}

/// XAR (FEAT_SHA3): each 64-bit lane of Vn EOR Vm rotated right by imm6.
pub(crate) fn xar(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [rm, imm6, rn, rd, ..] = i.f;
    if isar0(c, 32) == 0 {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let t = rv(c, rn) ^ rv(c, rm);
    let r = pair(hi(t).rotate_right(imm6), lo(t).rotate_right(imm6));
    write_v(c, rd, 1, r);
    Ok(())
}

fn has_i8mm(c: &Cpu) -> bool {
    (c.cfg.isar1 >> 52) & 0xF != 0
}

/// SMMLA/UMMLA/USMMLA (FEAT_I8MM): a 2x8 by 8x2 byte matrix product added to
/// the 2x2 word matrix in Vd. N_U/M_U: Vn/Vm bytes unsigned.
pub(crate) fn mmla<const N_U: bool, const M_U: bool>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [rm, rn, rd, ..] = i.f;
    if !has_i8mm(c) {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (n, m, d) = (rv(c, rn), rv(c, rm), rv(c, rd));
    let mut r = 0u128;
    for row in 0..2 {
        for col in 0..2 {
            let mut s = get(d, 2 * row + col, 32) as i64;
            for k in 0..8 {
                let a = int(get(n, 8 * row + k, 8), 8, N_U);
                let b = int(get(m, 8 * col + k, 8), 8, M_U);
                s = s.wrapping_add((a * b) as i64);
            }
            r = put(r, 2 * row + col, 32, s as u64);
        }
    }
    write_v(c, rd, 1, r);
    Ok(())
}

/// Dot product of four bytes, Vn-side and Vm-side signedness chosen separately.
fn dot4_mixed(a: u64, b: u64, n_u: bool, m_u: bool) -> u64 {
    let mut s = 0i64;
    for k in 0..4 {
        s += (int(get(a as u128, k, 8), 8, n_u) * int(get(b as u128, k, 8), 8, m_u)) as i64;
    }
    s as u64
}

/// USDOT (vector, FEAT_I8MM): unsigned Vn bytes times signed Vm bytes.
pub(crate) fn usdot(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [q, rm, rn, rd, ..] = i.f;
    if !has_i8mm(c) {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let (a, b, d) = (rv(c, rn), rv(c, rm), rv(c, rd));
    let mut r = 0u128;
    for k in 0..(2usize << q) {
        let acc = get(d, k, 32).wrapping_add(dot4_mixed(get(a, k, 32), get(b, k, 32), true, false));
        r = put(r, k, 32, acc);
    }
    write_v(c, rd, q, r);
    Ok(())
}

/// USDOT (N_U = true) and SUDOT (by element, FEAT_I8MM).
pub(crate) fn usdot_x<const N_U: bool>(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    let [q, l, m, rm, h, rn, rd, ..] = i.f;
    if !has_i8mm(c) {
        return Err(UNDEF);
    }
    c.check_fp()?;
    let idx = (h << 1 | l) as usize;
    let (a, d) = (rv(c, rn), rv(c, rd));
    let b = get(rv(c, m << 4 | rm), idx, 32);
    let mut r = 0u128;
    for k in 0..(2usize << q) {
        let acc = get(d, k, 32).wrapping_add(dot4_mixed(get(a, k, 32), b, N_U, !N_U));
        r = put(r, k, 32, acc);
    }
    write_v(c, rd, q, r);
    Ok(())
}
