//! Differential test of the SVE floating-point encodings against QEMU 7.2, at VQ 1, 3,
//! 4 and 16.
//!
//! For every FP line of the SVE decode table, random instruction words from the line's
//! own pattern are executed with random register state (FP-interesting values in
//! every lane, small integers in some registers for FSCALE/FTSSEL/SCVTF, random
//! predicates, random FPCR modes) both by this CPU and, under
//! `qemu-aarch64 -cpu max,sve-default-vector-length=BYTES`, by a small aarch64 program
//! (tests/sve_common/fp_oracle: it loads X, Z, P, FFR, NZCV and FPCR, runs the word,
//! saves the state and notes a SIGILL). X, Z and P within VL, FFR, NZCV, FPSR and
//! UNDEF-ness must agree.
//!
//! Needs `qemu-aarch64` and `aarch64-linux-gnu-gcc`; without them the test says so and
//! passes vacuously, unless FP_ORACLE_REQUIRED=1. SVE_FP_N sets the words per encoding
//! and VL (default 40), SVE_FP_ONLY a comma-separated list of line names,
//! SVE_FP_SEED the seed.

mod sve_common;
use arm64_cpu::decode::{Decoder, Feature};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use sve_common::*;

const HDR: usize = 8 + 288;

#[derive(Clone, PartialEq)]
struct St {
    x: [u64; 31],
    nzcv: u64,
    fpcr: u64,
    fpsr: u64,
    undef: u64,
    /// Z0-Z31 (VL bytes each), then P0-P15 and FFR (VL/8 bytes each).
    sve: Vec<u8>,
}

impl St {
    fn encode(&self, insn: u32, out: &mut Vec<u8>) {
        out.extend_from_slice(&insn.to_le_bytes());
        out.extend_from_slice(&0u32.to_le_bytes());
        for x in self.x {
            out.extend_from_slice(&x.to_le_bytes());
        }
        for w in [self.nzcv, self.fpcr, 0, 0, 0] {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(&self.sve);
    }
    fn decode(b: &[u8]) -> St {
        let q = |o: usize| u64::from_le_bytes(b[o..o + 8].try_into().unwrap());
        let mut x = [0u64; 31];
        for (k, x) in x.iter_mut().enumerate() {
            *x = q(8 + 8 * k);
        }
        St {
            x,
            nzcv: q(8 + 248),
            fpcr: q(8 + 256),
            fpsr: q(8 + 264),
            undef: q(8 + 280),
            sve: b[HDR..].to_vec(),
        }
    }
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// An FP-interesting bit pattern of `n` bits (e exponent bits).
fn fp_value(r: &mut Rng, n: u32, e: u32) -> u64 {
    let f = n - 1 - e;
    let emax = (1u64 << e) - 1;
    let bias = emax >> 1;
    let sign = (r.below(2)) << (n - 1);
    let frac = r.next() & ((1u64 << f) - 1);
    let v = match r.below(20) {
        0 => 0,
        1 => emax << f,                                               // inf
        2 => emax << f | 1 << (f - 1) | (frac >> 1),                  // qNaN
        3 => emax << f | (frac >> 1).max(1),                          // sNaN
        4 => frac.max(1),                                             // denormal
        5 => 1 << f | (frac & 3),                                     // near min normal
        6 => (emax - 1) << f | frac,                                  // huge
        7 => bias << f,                                               // 1.0
        8 => (bias + r.below(4)) << f | (frac >> (f - 2)) << (f - 2), // small integer-ish
        9 => (bias + r.below(66).min(emax - bias - 1)) << f | frac,   // integer ranges
        10 => (bias - 1) << f | 1 << (f - 1),                         // 0.75
        11 => (bias - r.below(8)) << f | frac,                        // (0, 1]
        13 => (r.below(4)) << f | frac,                               // tiny
        _ => (r.below(emax + 1)) << f | frac,                         // anything
    };
    sign | v
}

fn fill_z(r: &mut Rng, z: &mut [u8], size_hint: u64) {
    let esz = if (1..=3).contains(&size_hint) && r.below(3) != 0 {
        size_hint
    } else {
        1 + r.below(3)
    };
    let (n, e) = [(16, 5), (32, 8), (64, 11)][(esz - 1) as usize];
    let b = (n / 8) as usize;
    let small_ints = r.below(6) == 0;
    for lane in z.chunks_mut(b) {
        let v = if small_ints {
            (r.below(141) as i64 - 70) as u64
        } else {
            fp_value(r, n, e)
        };
        lane.copy_from_slice(&v.to_le_bytes()[..b]);
    }
}

fn random_state(r: &mut Rng, vl: usize, insn: u32) -> St {
    let mut fpcr = r.below(4) << 22;
    if r.below(4) == 0 {
        fpcr |= 1 << 24; // FZ
    }
    if r.below(4) == 0 {
        fpcr |= 1 << 25; // DN
    }
    if r.below(4) == 0 {
        fpcr |= 1 << 19; // FZ16
    }
    if r.below(6) == 0 {
        fpcr |= 1 << 26; // AHP
    }
    let mut x = [0u64; 31];
    for x in x.iter_mut() {
        *x = r.next();
    }
    let pl = vl / 8;
    let mut sve = vec![0u8; 32 * vl + 17 * pl];
    let hint = (insn >> 22 & 3) as u64;
    for z in sve[..32 * vl].chunks_mut(vl) {
        fill_z(r, z, hint);
    }
    for p in sve[32 * vl..].chunks_mut(pl) {
        match r.below(3) {
            0 => p.fill(0xFF),
            _ => p.iter_mut().for_each(|b| *b = r.next() as u8),
        }
    }
    St {
        x,
        nzcv: r.below(16) << 28,
        fpcr,
        fpsr: 0,
        undef: 0,
        sve,
    }
}

fn run_ours(c: &mut arm64_cpu::Cpu, insn: u32, st: &St) -> St {
    let vl = c.vl();
    let pl = vl / 8;
    c.write_bytes(CODE, &insn.to_le_bytes()).unwrap();
    c.s.pc = CODE;
    c.s.x = st.x;
    c.s.pstate.nzcv = st.nzcv as u32;
    c.s.fpcr = st.fpcr as u32;
    c.s.fpsr = 0;
    for k in 0..32 {
        c.s.z[k].0.fill(0);
        c.s.z[k].0[..vl].copy_from_slice(&st.sve[k * vl..(k + 1) * vl]);
    }
    let pb = &st.sve[32 * vl..];
    for k in 0..16 {
        c.s.p[k].fill(0);
        c.s.p[k][..pl].copy_from_slice(&pb[k * pl..(k + 1) * pl]);
    }
    c.s.ffr.fill(0);
    c.s.ffr[..pl].copy_from_slice(&pb[16 * pl..17 * pl]);
    let before = c.exceptions_taken;
    let step = c.step();
    assert!(step.is_ok(), "step stopped: {step:?} for {insn:#010x}");
    if c.exceptions_taken != before {
        assert_eq!(
            c.sys.esr_el1 >> 26,
            0,
            "non-UNDEF exception for {insn:#010x}"
        );
        return St {
            undef: 1,
            ..st.clone()
        };
    }
    let mut sve = Vec::with_capacity(st.sve.len());
    for k in 0..32 {
        sve.extend_from_slice(&c.s.z[k].0[..vl]);
    }
    for k in 0..16 {
        sve.extend_from_slice(&c.s.p[k][..pl]);
    }
    sve.extend_from_slice(&c.s.ffr[..pl]);
    St {
        x: c.s.x,
        nzcv: c.s.pstate.nzcv as u64,
        fpcr: c.s.fpcr as u64,
        fpsr: c.s.fpsr as u64,
        undef: 0,
        sve,
    }
}

fn tool(name: &str) -> bool {
    Command::new(name)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

fn build_oracle() -> Option<PathBuf> {
    if !tool("qemu-aarch64") || !tool("aarch64-linux-gnu-gcc") {
        if std::env::var("FP_ORACLE_REQUIRED").is_ok_and(|v| v == "1") {
            panic!("qemu-aarch64 / aarch64-linux-gnu-gcc not installed");
        }
        eprintln!("sve_fp_qemu: qemu-aarch64 or aarch64-linux-gnu-gcc missing: SKIPPED");
        return None;
    }
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/sve_common/fp_oracle");
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sve_fp_oracle");
    let ok = Command::new("aarch64-linux-gnu-gcc")
        .args([
            "-O1",
            "-static",
            "-march=armv8.2-a+sve",
            "-fno-stack-protector",
            "-o",
        ])
        .arg(&out)
        .arg(src.join("oracle.c"))
        .arg(src.join("stub.S"))
        .status()
        .expect("run gcc")
        .success();
    assert!(ok, "building the oracle failed");
    Some(out)
}

/// Runs the records under QEMU at `vl` bytes; returns the output records.
fn run_qemu(oracle: &PathBuf, vl: usize, input: Vec<u8>) -> Vec<u8> {
    let mut child = Command::new("qemu-aarch64")
        .arg("-cpu")
        .arg(format!("max,sve-default-vector-length={vl}"))
        .arg(oracle)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn qemu");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        stdin.write_all(&input).unwrap();
    });
    let mut out = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut out).unwrap();
    child.wait().unwrap();
    writer.join().unwrap();
    let got = u64::from_le_bytes(out[..8].try_into().unwrap()) as usize;
    assert_eq!(got, vl, "QEMU runs at a different vector length");
    out.split_off(8)
}

/// Words of the FP lines' patterns that QEMU `-cpu max` executes but FEAT_SVE leaves
/// unallocated (they belong to SVE2 or BF16, which this CPU does not advertise).
fn unadvertised(w: u32) -> bool {
    // FLOGB (SVE2): FCVTZ's space with opc = 00, opc2:U = 11:0 .. size.
    if w & 0xFFF9_E000 == 0x6518_A000 {
        return true;
    }
    // FCVTX (SVE2): FCVT opc:opc2 = 00:10.
    if w & 0xFFFF_E000 == 0x650A_A000 {
        return true;
    }
    // BFCVT (BF16): FCVT opc:opc2 = 10:10.
    if w & 0xFFFF_E000 == 0x658A_A000 {
        return true;
    }
    false
}

fn describe(a: &St, b: &St, vl: usize) -> String {
    let mut s = String::new();
    if a.undef != b.undef {
        return format!(" undef ours={} qemu={}", a.undef, b.undef);
    }
    for k in 0..31 {
        if a.x[k] != b.x[k] {
            s += &format!(" x{k} ours={:#x} qemu={:#x}", a.x[k], b.x[k]);
        }
    }
    let hex = |v: &[u8]| {
        v.iter()
            .rev()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    for k in 0..32 {
        let r = k * vl..(k + 1) * vl;
        if a.sve[r.clone()] != b.sve[r.clone()] {
            s += &format!(
                "\n      z{k} ours={}\n          qemu={}",
                hex(&a.sve[r.clone()]),
                hex(&b.sve[r])
            );
        }
    }
    let pl = vl / 8;
    for k in 0..17 {
        let r = 32 * vl + k * pl..32 * vl + (k + 1) * pl;
        if a.sve[r.clone()] != b.sve[r.clone()] {
            s += &format!(
                "\n      p{k} ours={} qemu={}",
                hex(&a.sve[r.clone()]),
                hex(&b.sve[r])
            );
        }
    }
    if a.nzcv != b.nzcv {
        s += &format!(" nzcv ours={:#x} qemu={:#x}", a.nzcv, b.nzcv);
    }
    if a.fpsr != b.fpsr {
        s += &format!(" fpsr ours={:#x} qemu={:#x}", a.fpsr, b.fpsr);
    }
    s
}

/// The registers an instruction word names (5-bit fields at 0, 5, 10, 16), as input.
fn inputs(insn: u32, st: &St, vl: usize) -> String {
    let hex = |v: &[u8]| {
        v.iter()
            .rev()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let mut s = format!("fpcr={:#x}", st.fpcr);
    for sh in [0, 5, 10, 16] {
        let r = ((insn >> sh) & 31) as usize;
        s += &format!("\n      z{r}={}", hex(&st.sve[r * vl..(r + 1) * vl]));
    }
    let pl = vl / 8;
    let g = ((insn >> 10) & 7) as usize;
    s += &format!(
        "\n      p{g}={}",
        hex(&st.sve[32 * vl + g * pl..32 * vl + (g + 1) * pl])
    );
    s
}

fn is_fp_line(name: &str) -> bool {
    name.starts_with('F') || name == "XCVTF"
}

#[test]
fn sve_fp_encodings_match_qemu() {
    let Some(oracle) = build_oracle() else {
        return;
    };
    let n: usize = std::env::var("SVE_FP_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let seed: u64 = std::env::var("SVE_FP_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5EED_5FE0);
    let only: Option<Vec<String>> = std::env::var("SVE_FP_ONLY")
        .ok()
        .map(|v| v.split(',').map(str::to_string).collect());
    let d = Decoder::global();
    let lines: Vec<usize> = (0..d.encs.len())
        .filter(|&k| d.encs[k].enc.feat == Feature::Sve && is_fp_line(d.encs[k].enc.name))
        .filter(|&k| {
            only.as_ref()
                .is_none_or(|o| o.iter().any(|x| x == d.encs[k].enc.name))
        })
        .collect();
    assert!(
        only.is_some() || lines.len() > 70,
        "FP lines: {}",
        lines.len()
    );
    let mut rng = Rng(seed | 1);
    let mut bad: std::collections::BTreeMap<String, (usize, String)> = Default::default();
    let mut total = 0;
    for vq in [1u32, 3, 4, 16] {
        let vl = 16 * vq as usize;
        let mut cases: Vec<(usize, u32, St)> = Vec::new();
        for &idx in &lines {
            let mut got = 0;
            let mut tries = 0;
            while got < n && tries < n * 20 {
                tries += 1;
                if let Some(w) = d
                    .random_word(idx, rng.next() as u32)
                    .filter(|&w| !unadvertised(w))
                {
                    let st = random_state(&mut rng, vl, w);
                    cases.push((idx, w, st));
                    got += 1;
                }
            }
        }
        let rec = HDR + 32 * vl + 17 * vl / 8;
        let mut input = Vec::with_capacity(cases.len() * rec);
        for (_, w, st) in &cases {
            st.encode(*w, &mut input);
        }
        let out = run_qemu(&oracle, vl, input);
        assert_eq!(out.len(), cases.len() * rec, "qemu oracle output truncated");
        let mut c = cpu(vq);
        for (k, (idx, w, st)) in cases.iter().enumerate() {
            let mut q = St::decode(&out[k * rec..(k + 1) * rec]);
            let o = run_ours(&mut c, *w, st);
            q.fpcr = o.fpcr;
            let same = o.undef == q.undef && (o.undef == 1 || o == q);
            if !same {
                let name = d.encs[*idx].enc.name;
                let ent = bad.entry(name.to_string()).or_insert((0, String::new()));
                ent.0 += 1;
                if ent.0 <= 2 {
                    ent.1 += &format!(
                        "\n  VQ{vq} {w:#010x} {}\n    in: {}\n    diff:{}",
                        arm64_cpu::decode::disassemble(*w, CODE),
                        inputs(*w, st, vl),
                        describe(&o, &q, vl)
                    );
                }
            }
        }
        total += cases.len();
    }
    if !bad.is_empty() {
        let mut msg = String::new();
        for (name, (cnt, ex)) in &bad {
            msg += &format!("\n{name}: {cnt} mismatches{ex}");
        }
        panic!("{} encodings differ from QEMU:{msg}", bad.len());
    }
    eprintln!("sve_fp_qemu: {total} words agree with QEMU");
}
