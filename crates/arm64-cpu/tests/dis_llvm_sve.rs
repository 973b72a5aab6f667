//! Disassembly of the SVE group against LLVM 14's `llvm-objdump -d --mattr=+sve`,
//! string for string (whitespace normalised), the same way as tests/dis_llvm.rs does
//! for the other groups.
//!
//! - `recorded_corpus`: words generated from the SVE decode table lines, disassembled
//!   by `llvm-objdump` once when the test was written and stored in
//!   `tests/data/dis_llvm_sve.txt` (`word<TAB>pc<TAB>group<TAB>line<TAB>text`). Runs
//!   without LLVM.
//! - `live_llvm_objdump`: fresh words for every SVE line, assembled with `.inst` by
//!   llvm-mc and disassembled by llvm-objdump at test time. Skipped with a printed
//!   reason when LLVM is missing, unless DIS_ORACLE_REQUIRED=1.
//!
//! SVE aliases hang on equal register fields (`mov` for ORR/SEL/DUP, `not` for EOR of
//! the governing predicate) and on particular immediates (`ptrue` without a pattern,
//! `#0` shifts, index 0 of DUP), so the generator makes named fields all-zeros or
//! all-ones and copies one register field into another of the same width more often
//! than uniform bits would. Words LLVM calls `<unknown>` are left out of the
//! comparison (`llvm_invalid_words_undef` checks the CPU UNDEFs them). DIS_SEED and
//! DIS_N (words per line, default 24) vary the live run; DIS_DUMP=file writes every
//! word of the live run with LLVM's text. The corpus is rewritten with
//! `DIS_CORPUS_WRITE=1 cargo test -p arm64-cpu --test dis_llvm_sve live`.

use arm64_cpu::decode::{disassemble, Decoder};
use arm64_cpu::isa;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

/// `llvm-objdump --mattr`: SVE only (not SVE2, which this CPU does not implement).
const MATTR: &str = "+sve";

/// Table lines whose disassembly is known to differ from LLVM 14, with the reason.
/// A mismatch on any other line fails the test.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[];

/// xorshift64*: a reproducible generator for the word fields.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u32 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 32) as u32
    }
}

/// Is this field a register number (so that copying it into another one of the same
/// width makes sense)?
fn is_reg(name: &str) -> bool {
    matches!(
        name,
        "zd" | "zn"
            | "zm"
            | "zdn"
            | "zda"
            | "za"
            | "zt"
            | "vd"
            | "vn"
            | "vm"
            | "vdn"
            | "pd"
            | "pn"
            | "pm"
            | "pg"
            | "pv"
            | "pdn"
            | "pdm"
            | "pt"
            | "rd"
            | "rn"
            | "rm"
            | "rdn"
    )
}

/// `n` words for table line `idx`.
fn words_for(d: &Decoder, idx: usize, n: usize, rng: &mut Rng) -> Vec<u32> {
    let c = &d.encs[idx];
    let regs: Vec<_> = c.fields.iter().filter(|f| is_reg(f.name)).collect();
    let mut out = Vec::new();
    let mut tries = 0;
    while out.len() < n && tries < 64 * n {
        tries += 1;
        let mut w = rng.next();
        for f in &c.fields {
            let m = (u32::MAX >> (32 - f.len as u32)) << f.lsb;
            match rng.next() % 8 {
                0 => w &= !m,
                1 => w |= m,
                _ => {}
            }
        }
        // Copy one register field into another (low bits, so a 4-bit predicate and a
        // 3-bit governing predicate can be equal too), one time in three.
        if regs.len() >= 2 && rng.next() % 3 == 0 {
            let a = regs[rng.next() as usize % regs.len()];
            let b = regs[rng.next() as usize % regs.len()];
            let len = a.len.min(b.len) as u32;
            let v = (w >> a.lsb) & ((1 << len) - 1);
            let mb = ((1u32 << b.len) - 1) << b.lsb;
            w = (w & !mb) | (v << b.lsb);
        }
        // All register fields equal (to a value every width holds), one time in eight:
        // ORR (predicates) is `mov` only when Pn, Pm and Pg agree.
        if rng.next() % 8 == 0 {
            let v = rng.next() % 8;
            for r in &regs {
                let m = ((1u32 << r.len) - 1) << r.lsb;
                w = (w & !m) | (v << r.lsb);
            }
        }
        if let Some(w) = d.random_word(idx, w) {
            if !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out
}

/// (line name, word) for `n` words per SVE line.
fn generate(n: usize, seed: u64) -> Vec<(&'static str, u32)> {
    let d = Decoder::global();
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut v = Vec::new();
    for e in isa::sve::ENCODINGS {
        let idx = d.find(e.name).expect("line in the global table");
        for w in words_for(d, idx, n, &mut rng) {
            v.push((e.name, w));
        }
    }
    v
}

fn tool(names: &[&str]) -> Option<String> {
    names
        .iter()
        .find(|n| {
            Command::new(n)
                .arg("--version")
                .output()
                .map(|o| o.status.success())
                .unwrap_or(false)
        })
        .map(|s| s.to_string())
}

/// Normalises one disassembly text: objdump's `//` annotations dropped, whitespace
/// runs collapsed to one space.
fn norm(s: &str) -> String {
    let mut t = s.to_string();
    if let Some(p) = t.find("//") {
        t.truncate(p);
    }
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Assembles `src` with llvm-mc (`-mattr=+sve`) and disassembles it with llvm-objdump:
/// (word, text) per instruction in address order, text `None` for `<unknown>`.
fn llvm_run(src: &str) -> Result<Vec<(u32, Option<String>)>, String> {
    let mc = tool(&["llvm-mc", "llvm-mc-14"]).ok_or("llvm-mc not installed")?;
    let od = tool(&["llvm-objdump", "llvm-objdump-14"]).ok_or("llvm-objdump not installed")?;
    // One directory per call: the tests of this file run on parallel threads.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("arm64-cpu-dis-sve-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let (srcf, obj) = (dir.join("w.s"), dir.join("w.o"));
    std::fs::write(&srcf, src).map_err(|e| e.to_string())?;
    let st = Command::new(&mc)
        .args(["-triple=aarch64", "-mattr=+sve", "-filetype=obj", "-o"])
        .arg(&obj)
        .arg(&srcf)
        .status()
        .map_err(|e| e.to_string())?;
    if !st.success() {
        let _ = std::fs::remove_dir_all(&dir);
        return Err("llvm-mc failed".into());
    }
    let out = Command::new(&od)
        .arg("-d")
        .arg(format!("--mattr={MATTR}"))
        .arg(&obj)
        .output()
        .map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&dir);
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let mut res = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        // "      1c: 00 1c 01 05  \tmov\tz0.b, p1/m, b0"
        let Some((addr, rest)) = line.split_once(':') else {
            continue;
        };
        if u64::from_str_radix(addr.trim(), 16).is_err() {
            continue;
        }
        let Some((bytes, text)) = rest.split_once('\t') else {
            continue;
        };
        let b: Vec<u32> = bytes
            .split_whitespace()
            .filter_map(|x| u32::from_str_radix(x, 16).ok())
            .collect();
        if b.len() != 4 {
            return Err(format!("unexpected objdump line {line:?}"));
        }
        let w = b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24;
        let t = norm(text);
        res.push((w, if t == "<unknown>" { None } else { Some(t) }));
    }
    Ok(res)
}

/// LLVM's text for each word (`None` for `<unknown>`).
fn llvm_objdump(words: &[u32]) -> Result<Vec<Option<String>>, String> {
    let mut s = String::from("\t.text\n");
    for w in words {
        s += &format!("\t.inst {w:#010x}\n");
    }
    let r = llvm_run(&s)?;
    if r.len() != words.len() || r.iter().zip(words).any(|(a, w)| a.0 != *w) {
        return Err(format!(
            "objdump printed {} of {} words",
            r.len(),
            words.len()
        ));
    }
    Ok(r.into_iter().map(|(_, t)| t).collect())
}

/// (line name, word, LLVM's text).
type Edge = (&'static str, u32, Option<String>);

/// The hand-picked forms of tests/data/dis_llvm_sve_edges.s, assembled by llvm-mc:
/// (line name, word, LLVM's text).
fn edges() -> Result<Vec<Edge>, String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/dis_llvm_sve_edges.s");
    let src = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let d = Decoder::global();
    Ok(llvm_run(&src)?
        .into_iter()
        .map(|(w, t)| {
            let name = d
                .decode(w)
                .map(|i| d.encs[i.idx as usize].enc.name)
                .unwrap_or("(undecoded)");
            (name, w, t)
        })
        .collect())
}

/// Compares and reports; returns the unexpected mismatches.
fn compare(cases: &[(&str, u32, u64, Option<String>)]) -> Vec<String> {
    let (mut compared, mut matched, mut invalid, mut known) = (0, 0, 0, 0);
    let mut lines: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut bad = Vec::new();
    for (name, w, pc, want) in cases {
        let Some(want) = want else {
            invalid += 1;
            continue;
        };
        compared += 1;
        let l = lines.entry(name).or_default();
        l.0 += 1;
        let got = norm(&disassemble(*w, *pc));
        if &got == want {
            matched += 1;
            l.1 += 1;
        } else if KNOWN_DIFFERENCES.iter().any(|(n, _)| n == name) {
            known += 1;
        } else {
            bad.push(format!("{name} {w:#010x}: got {got:?}, llvm {want:?}"));
        }
    }
    let full = lines.values().filter(|(c, m)| c == m).count();
    println!(
        "sve words: {matched}/{compared} match ({:.1}%), {known} known differences, \
         {invalid} LLVM-invalid words skipped; lines: {full}/{} all words match",
        100.0 * matched as f64 / compared.max(1) as f64,
        lines.len()
    );
    bad
}

fn corpus_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/dis_llvm_sve.txt")
}

/// DIS_ORACLE_REQUIRED=1: a missing LLVM fails the live tests instead of skipping them.
fn oracle_required() -> bool {
    std::env::var("DIS_ORACLE_REQUIRED").is_ok_and(|v| v == "1")
}

fn env_n(default: usize) -> usize {
    std::env::var("DIS_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

#[test]
fn live_llvm_objdump() {
    let required = oracle_required();
    let writing = std::env::var("DIS_CORPUS_WRITE").is_ok_and(|v| v == "1");
    let (n, seed) = if writing {
        (env_n(16), 0x5EED_5E5E)
    } else {
        let seed = std::env::var("DIS_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0x0BAD_CAFE_u64);
        (env_n(24), seed)
    };
    let gen = generate(n, seed);
    let words: Vec<u32> = gen.iter().map(|g| g.1).collect();
    let llvm = match llvm_objdump(&words) {
        Ok(v) => v,
        Err(e) if !required => {
            println!("skipped: {e} (set DIS_ORACLE_REQUIRED=1 to make this a failure)");
            return;
        }
        Err(e) => panic!("LLVM oracle unavailable: {e}"),
    };
    let mut cases: Vec<_> = gen
        .iter()
        .zip(llvm)
        .enumerate()
        .map(|(k, (&(name, w), t))| (name, w, 4 * k as u64, t))
        .collect();
    let edges = match edges() {
        Ok(v) => v,
        Err(e) => panic!("hand-picked forms: {e}"),
    };
    println!("{} hand-picked forms", edges.len());
    // No SVE formatter looks at the PC; the edge words get addresses after the rest.
    let base = 4 * cases.len() as u64;
    for (k, (name, w, t)) in edges.into_iter().enumerate() {
        cases.push((name, w, base + 4 * k as u64, t));
    }
    if let Ok(path) = std::env::var("DIS_DUMP") {
        // Every compared word with LLVM's text, for looking at what a run covered.
        let mut s = String::new();
        for (name, w, _, t) in &cases {
            s += &format!("{w:08x}\t{name}\t{}\n", t.as_deref().unwrap_or("<unknown>"));
        }
        std::fs::write(path, s).expect("write DIS_DUMP");
    }
    if writing {
        // Per line: the first six words LLVM decodes and the first two it rejects;
        // every hand-picked form.
        let mut kept: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        let ngen = gen.len();
        let cases: Vec<_> = cases
            .iter()
            .enumerate()
            .filter(|(k, (name, _, _, t))| {
                if *k >= ngen {
                    return true;
                }
                let k = kept.entry(name).or_default();
                let (slot, max) = if t.is_some() {
                    (&mut k.0, 6)
                } else {
                    (&mut k.1, 2)
                };
                *slot += 1;
                *slot <= max
            })
            .collect();
        let mut s = String::from(
            "# word\tpc\tgroup\tline\tllvm-objdump -d --mattr=+sve (LLVM 14) text, or <unknown>; \
             see tests/dis_llvm_sve.rs\n",
        );
        for (_, (name, w, pc, t)) in cases {
            let t = t.as_deref().unwrap_or("<unknown>");
            s += &format!("{w:08x}\t{pc:x}\tsve\t{name}\t{t}\n");
        }
        std::fs::write(corpus_path(), s).expect("write corpus");
    }
    let bad = compare(&cases);
    assert!(
        bad.is_empty(),
        "{} mismatches against llvm-objdump:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn recorded_corpus() {
    let text = std::fs::read_to_string(corpus_path()).expect("tests/data/dis_llvm_sve.txt");
    let mut cases = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.splitn(5, '\t').collect();
        assert_eq!(f.len(), 5, "bad corpus line {line:?}");
        let w = u32::from_str_radix(f[0], 16).expect("word");
        let pc = u64::from_str_radix(f[1], 16).expect("pc");
        let t = if f[4] == "<unknown>" {
            None
        } else {
            Some(norm(f[4]))
        };
        let name = Decoder::global()
            .decode(w)
            .map(|i| Decoder::global().encs[i.idx as usize].enc.name)
            .unwrap_or("(undecoded)");
        cases.push((name, w, pc, t));
    }
    assert!(cases.len() > 1000, "corpus too small: {}", cases.len());
    let bad = compare(&cases);
    assert!(
        bad.is_empty(),
        "{} mismatches against the recorded llvm-objdump corpus:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

mod sve_common;

/// SVE words LLVM 14 calls invalid must UNDEF (EC 0) on a CPU with SVE: the decode
/// table must not execute an unallocated encoding.
#[test]
fn llvm_invalid_words_undef() {
    let gen = generate(env_n(24), 0x1DEF);
    let words: Vec<u32> = gen.iter().map(|g| g.1).collect();
    let llvm = match llvm_objdump(&words) {
        Ok(v) => v,
        Err(e) if !oracle_required() => {
            println!("skipped: {e}");
            return;
        }
        Err(e) => panic!("LLVM oracle unavailable: {e}"),
    };
    let mut c = sve_common::cpu(2);
    let mut bad: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut checked = 0;
    for ((name, w), t) in gen.iter().zip(&llvm) {
        if t.is_some() {
            continue;
        }
        checked += 1;
        // Every register points at aligned RAM, so a load/store that does not UNDEF
        // completes instead of faulting.
        for r in 0..31 {
            c.s.x[r] = sve_common::DATA;
        }
        c.s.set_xsp(31, sve_common::DATA);
        c.write_bytes(sve_common::CODE, &w.to_le_bytes()).unwrap();
        c.s.pc = sve_common::CODE;
        let before = c.exceptions_taken;
        let undef =
            c.step().is_ok() && c.exceptions_taken == before + 1 && c.sys.esr_el1 >> 26 == 0;
        if !undef {
            bad.entry(name).or_default().push(*w);
        }
    }
    println!("{checked} LLVM-invalid SVE words executed");
    for (name, ws) in &bad {
        let list: Vec<String> = ws.iter().take(4).map(|w| format!("{w:#010x}")).collect();
        println!(
            "  {name}: {} do not UNDEF, e.g. {}",
            ws.len(),
            list.join(" ")
        );
    }
    assert!(
        bad.is_empty(),
        "{} lines execute LLVM-invalid words",
        bad.len()
    );
}

/// Uniformly random words of the SVE encoding space (op0 bits 28:25 = 0010): every
/// one LLVM 14 decodes must decode to an SVE line of the table and print the same.
/// Finds encodings the table is missing, which the line-driven generator cannot.
#[test]
fn random_sve_space_words() {
    let n = env_n(24) * 200;
    let seed = std::env::var("DIS_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5BACE_u64);
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let words: Vec<u32> = (0..n)
        .map(|_| (rng.next() & !(0xF << 25)) | (0b0010 << 25))
        .collect();
    let llvm = match llvm_objdump(&words) {
        Ok(v) => v,
        Err(e) if !oracle_required() => {
            println!("skipped: {e}");
            return;
        }
        Err(e) => panic!("LLVM oracle unavailable: {e}"),
    };
    let d = Decoder::global();
    let mut missing: Vec<String> = Vec::new();
    let mut cases = Vec::new();
    for (k, (w, t)) in words.iter().zip(llvm).enumerate() {
        let Some(t) = t else { continue };
        match d.decode(*w) {
            Some(i)
                if isa::sve::ENCODINGS
                    .iter()
                    .any(|e| e.name == d.encs[i.idx as usize].enc.name) =>
            {
                cases.push((d.encs[i.idx as usize].enc.name, *w, 4 * k as u64, Some(t)));
            }
            other => {
                let name = other
                    .map(|i| d.encs[i.idx as usize].enc.name)
                    .unwrap_or("(none)");
                missing.push(format!("{w:#010x}: llvm {t:?}, table {name}"));
            }
        }
    }
    println!(
        "{} of {n} random SVE-space words are valid for LLVM",
        cases.len() + missing.len()
    );
    let bad = compare(&cases);
    for m in missing.iter().take(40) {
        println!("  not an SVE line: {m}");
    }
    assert!(
        bad.is_empty() && missing.is_empty(),
        "{} mismatches, {} LLVM-valid words not decoded as SVE:\n{}\n{}",
        bad.len(),
        missing.len(),
        bad.join("\n"),
        missing.join("\n")
    );
}
