//! Advanced SIMD integer instructions against QEMU 7.2 (`qemu-aarch64 -cpu max`).
//!
//! `data/simd_qemu.txt` holds one case per line: the instruction word, the seed of
//! the input state (every V and X register, built by `make_state` below, which
//! mirrors tools/simd_oracle/state.h; FPSR = 0) and what QEMU 7.2 did: `UNDEF`, or
//! the registers that changed and the final FPSR. The words are random encodings
//! of every line of the simd decode table (`gen_words`); the expectations are
//! QEMU's output, produced by tools/simd_oracle/run.sh, never by this crate.

use arm64_cpu::decode::Decoder;
use arm64_cpu::{Cpu, CpuConfig, GuestRam, Region};
use std::sync::Arc;

fn splitmix(s: &mut u64) -> u64 {
    *s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *s;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn chunk(s: &mut u64) -> u64 {
    const SP8: [u64; 8] = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x81, 0x40];
    const SP16: [u64; 8] = [
        0x0000, 0x0001, 0x7fff, 0x8000, 0xffff, 0x8001, 0x4000, 0x00ff,
    ];
    const SP32: [u64; 8] = [
        0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x80000001, 0x40000000, 0xffff,
    ];
    const SP64: [u64; 8] = [
        0,
        1,
        0x7fff_ffff_ffff_ffff,
        0x8000_0000_0000_0000,
        u64::MAX,
        0x8000_0000_0000_0001,
        0x4000_0000_0000_0000,
        0xffff_ffff,
    ];
    let mode = splitmix(s) % 6;
    let lanes = |s: &mut u64, n: u32, w: u32, sp: &[u64; 8]| {
        let mut r = 0u64;
        for k in 0..n {
            let t = splitmix(s);
            let m = if w == 64 { u64::MAX } else { (1u64 << w) - 1 };
            let v = if t & 8 != 0 {
                (t >> 8) & m
            } else {
                sp[(t & 7) as usize]
            };
            r |= v << (w * k);
        }
        r
    };
    match mode {
        1 => lanes(s, 8, 8, &SP8),
        2 => lanes(s, 4, 16, &SP16),
        3 => lanes(s, 2, 32, &SP32),
        4 => {
            let t = splitmix(s);
            if t & 8 != 0 {
                (t >> 4) & 0xff
            } else {
                SP64[(t & 7) as usize]
            }
        }
        _ => splitmix(s),
    }
}

struct Input {
    x: [u64; 31],
    v: [u128; 32],
}

fn make_state(seed: u64) -> Input {
    let mut s = seed;
    let mut v = [0u128; 32];
    for r in v.iter_mut() {
        let lo = chunk(&mut s);
        let hi = chunk(&mut s);
        *r = (hi as u128) << 64 | lo as u128;
    }
    let mut x = [0u64; 31];
    for r in x.iter_mut() {
        *r = chunk(&mut s);
    }
    Input { x, v }
}

const BASE: u64 = 0x1000;

fn cpu() -> (Cpu, Vec<u8>) {
    let mut mem = vec![0u8; 0x4000];
    let ram = GuestRam::new(vec![Region {
        gpa: 0,
        size: mem.len() as u64,
        host: mem.as_mut_ptr(),
        readonly: false,
    }])
    .unwrap();
    let cfg = CpuConfig {
        // As QEMU's `max`: AES with PMULL (bits 7:4), SHA1 (11:8), SHA256 and
        // SHA512 (15:12), RDM (31:28), SHA3 (35:32), DotProd (47:44); I8MM in
        // ISAR1 (55:52).
        isar0: CpuConfig::default().isar0 | 2 << 4 | 1 << 8 | 2 << 12 | 1 << 28 | 1 << 32 | 1 << 44,
        isar1: 1 << 52,
        ..CpuConfig::default()
    };
    let c = Cpu::new(cfg, Arc::new(ram));
    (c, mem)
}

/// Runs `word` on the state of `seed`; `None` if it took an UNDEFINED exception,
/// else the final state.
fn run(c: &mut Cpu, mem: &mut [u8], word: u32, seed: u64) -> Option<(Input, u32)> {
    let inp = make_state(seed);
    c.reset();
    c.sys.cpacr_el1 = 3 << 20;
    c.sys.vbar_el1 = 0x2000;
    c.s.x = inp.x;
    for (k, v) in inp.v.iter().enumerate() {
        c.s.set_v(k as u32, *v);
    }
    c.s.fpsr = 0;
    mem[BASE as usize..BASE as usize + 4].copy_from_slice(&word.to_le_bytes());
    c.s.pc = BASE;
    c.step().expect("no exit expected");
    if c.s.pc != BASE + 4 {
        assert_eq!(
            c.sys.esr_el1 >> 26,
            0,
            "word {word:08x}: unexpected exception"
        );
        return None;
    }
    let mut out = Input {
        x: c.s.x,
        v: [0; 32],
    };
    for k in 0..32 {
        out.v[k] = c.s.v(k as u32);
    }
    Some((out, c.s.fpsr))
}

#[test]
fn qemu_oracle() {
    let data = include_str!("data/simd_qemu.txt");
    let (mut c, mut mem) = cpu();
    let mut bad = Vec::new();
    let mut n = 0;
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        n += 1;
        let mut it = line.split_whitespace();
        let word = u32::from_str_radix(it.next().unwrap(), 16).unwrap();
        let seed = u64::from_str_radix(it.next().unwrap(), 16).unwrap();
        let rest: Vec<&str> = it.collect();
        let got = run(&mut c, &mut mem, word, seed);
        let dis = arm64_cpu::decode::disassemble(word, 0);
        if rest == ["UNDEF"] {
            if got.is_some() {
                bad.push(format!("{line}\n    ours: executed ({dis})"));
            }
            continue;
        }
        let Some((out, fpsr)) = got else {
            bad.push(format!("{line}\n    ours: UNDEF ({dis})"));
            continue;
        };
        let mut exp = make_state(seed);
        let mut exp_fpsr = 0u32;
        for t in rest {
            let (k, v) = t.split_once('=').unwrap();
            if let Some(r) = k.strip_prefix('v') {
                let (hi, lo) = v.split_once(':').unwrap();
                exp.v[r.parse::<usize>().unwrap()] = u128::from_str_radix(hi, 16).unwrap() << 64
                    | u128::from_str_radix(lo, 16).unwrap();
            } else if let Some(r) = k.strip_prefix('x') {
                exp.x[r.parse::<usize>().unwrap()] = u64::from_str_radix(v, 16).unwrap();
            } else {
                exp_fpsr = u32::from_str_radix(v, 16).unwrap();
            }
        }
        let mut diffs = String::new();
        for k in 0..32 {
            if exp.v[k] != out.v[k] {
                diffs += &format!(" v{k}: ours {:032x}", out.v[k]);
            }
        }
        for k in 0..31 {
            if exp.x[k] != out.x[k] {
                diffs += &format!(" x{k}: ours {:016x}", out.x[k]);
            }
        }
        if exp_fpsr != fpsr {
            diffs += &format!(" fpsr: ours {fpsr:08x}");
        }
        if !diffs.is_empty() {
            bad.push(format!("{line}\n    {dis}:{diffs}"));
        }
    }
    assert!(n > 0);
    assert!(
        bad.is_empty(),
        "{} of {n} cases differ from QEMU:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// Writes random words for every simd table line to $SIMD_WORDS_OUT, as input for
/// tools/simd_oracle/run.sh.
#[test]
#[ignore]
fn gen_words() {
    let path = std::env::var("SIMD_WORDS_OUT").expect("set SIMD_WORDS_OUT");
    let per: usize = std::env::var("SIMD_WORDS_PER")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12);
    let d = Decoder::global();
    let mut s = 0x5EED_u64;
    let mut out = String::new();
    for e in arm64_cpu::isa::simd::ENCODINGS {
        let idx = d.find(e.name).unwrap();
        let mut got = 0;
        let mut tries = 0;
        while got < per && tries < 100 * per {
            tries += 1;
            if let Some(w) = d.random_word(idx, splitmix(&mut s) as u32) {
                out += &format!("{w:08x} {:016x}\n", splitmix(&mut s));
                got += 1;
            }
        }
    }
    std::fs::write(path, out).unwrap();
}
