//! Disassembly of the load/store, scalar FP, Advanced SIMD and Advanced SIMD FP groups
//! against LLVM 14's `llvm-objdump`, string for string (whitespace normalised).
//!
//! Two checks:
//! - `recorded_corpus`: words generated from the decode table (random fields, biased
//!   towards 0, all-ones and register 31 so that aliases are reached), disassembled by
//!   `llvm-objdump -d` once when the test was written and stored in
//!   `tests/data/dis_llvm.txt` as `word<TAB>pc<TAB>text`. Runs without LLVM.
//! - `live_llvm_objdump`: fresh words for every table line of those groups, assembled
//!   with `.inst` by llvm-mc and disassembled by llvm-objdump at test time. Skipped
//!   with a printed reason when LLVM is missing, unless DIS_ORACLE_REQUIRED=1.
//!
//! Words LLVM calls `<unknown>` are left out of the comparison (the CPU must UNDEF
//! them; that is the execution tests' business). objdump's `<sym+off>` and `// ...`
//! annotations are dropped. DIS_SEED and DIS_N (words per line, default 8) vary the
//! live run. The corpus is rewritten with
//! `DIS_CORPUS_WRITE=1 cargo test -p arm64-cpu --test dis_llvm live`.

use arm64_cpu::decode::{disassemble, Decoder, Enc};
use arm64_cpu::isa;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

/// `llvm-objdump --mattr`: every extension the CPU implements in these groups.
const MATTR: &str = "+v8.5a,+fp16fml,+fullfp16,+dotprod,+i8mm,+sha3,+aes,+crypto,+rcpc-immo,\
                     +rdm,+lse,+rcpc,+jsconv,+fptoint";

fn groups() -> [(&'static str, &'static [Enc]); 4] {
    [
        ("ldst", isa::ldst::ENCODINGS),
        ("fp", isa::fp::ENCODINGS),
        ("simd", isa::simd::ENCODINGS),
        ("simd_fp", isa::simd_fp::ENCODINGS),
    ]
}

/// Table lines whose disassembly is known to differ from LLVM 14, with the reason.
/// Each entry is a line name; a mismatch on any other line fails the test.
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

/// `n` words for table line `idx`: random bits, then each named field forced to all
/// zeros or all ones one time in eight each, so that alias conditions (register 31,
/// zero shifts and offsets) come up, and Rm made equal to Rn one time in eight.
fn words_for(d: &Decoder, idx: usize, n: usize, rng: &mut Rng) -> Vec<u32> {
    let c = &d.encs[idx];
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
        // Same register in Rn and Rm one time in eight (ORR's `mov` alias and the like).
        let rn = c.fields.iter().find(|f| f.name == "rn" && f.len == 5);
        let rm = c.fields.iter().find(|f| f.name == "rm" && f.len == 5);
        if let (Some(n), Some(m), 0) = (rn, rm, rng.next() % 8) {
            w = (w & !(31 << m.lsb)) | (((w >> n.lsb) & 31) << m.lsb);
        }
        if let Some(w) = d.random_word(idx, w) {
            if !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out
}

/// (group, line name, word) for `n` words per line of every group.
fn generate(n: usize, seed: u64) -> Vec<(&'static str, &'static str, u32)> {
    let d = Decoder::global();
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut v = Vec::new();
    for (g, table) in groups() {
        for e in table {
            let idx = d.find(e.name).expect("line in the global table");
            for w in words_for(d, idx, n, &mut rng) {
                v.push((g, e.name, w));
            }
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

/// Normalises one disassembly text: objdump's `<sym+off>` and `//` annotations
/// dropped, whitespace runs collapsed to one space.
fn norm(s: &str) -> String {
    let mut t = s.to_string();
    if let Some(p) = t.find("//") {
        t.truncate(p);
    }
    while let (Some(a), Some(b)) = (t.find(" <"), t.find('>')) {
        if b < a {
            break;
        }
        t.replace_range(a..=b, "");
    }
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// LLVM's text for each word, the word at address 4 * index; `None` for `<unknown>`.
fn llvm_objdump(words: &[u32]) -> Result<Vec<Option<String>>, String> {
    let mc = tool(&["llvm-mc", "llvm-mc-14"]).ok_or("llvm-mc not installed")?;
    let od = tool(&["llvm-objdump", "llvm-objdump-14"]).ok_or("llvm-objdump not installed")?;
    // One directory per call: the tests of this file run on parallel threads.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("arm64-cpu-dis-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let (src, obj) = (dir.join("w.s"), dir.join("w.o"));
    let mut s = String::from("\t.text\n");
    for w in words {
        s += &format!("\t.inst {w:#010x}\n");
    }
    std::fs::write(&src, s).map_err(|e| e.to_string())?;
    let st = Command::new(&mc)
        .args(["-triple=aarch64", "-filetype=obj", "-o"])
        .arg(&obj)
        .arg(&src)
        .status()
        .map_err(|e| e.to_string())?;
    if !st.success() {
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
    let mut res = vec![None; words.len()];
    let mut seen = 0;
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        // "      1c: 00 1c 01 4e  \tmov\tv0.b[0], w0"
        let Some((addr, rest)) = line.split_once(':') else {
            continue;
        };
        let Ok(addr) = usize::from_str_radix(addr.trim(), 16) else {
            continue;
        };
        let Some((_bytes, text)) = rest.split_once('\t') else {
            continue;
        };
        if let Some(slot) = res.get_mut(addr / 4) {
            seen += 1;
            let t = norm(text);
            if t != "<unknown>" {
                *slot = Some(t);
            }
        }
    }
    if seen != words.len() {
        return Err(format!("objdump printed {seen} of {} words", words.len()));
    }
    Ok(res)
}

#[derive(Default)]
struct Tally {
    compared: usize,
    matched: usize,
    invalid: usize,
    known: usize,
}

/// Compares and reports; returns the unexpected mismatches.
fn compare(cases: &[(&str, &str, u32, u64, Option<String>)]) -> Vec<String> {
    let mut tally: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut bad = Vec::new();
    let mut known_lines: BTreeMap<&str, usize> = BTreeMap::new();
    for (g, name, w, pc, want) in cases {
        let t = tally.entry(g).or_default();
        let Some(want) = want else {
            t.invalid += 1;
            continue;
        };
        t.compared += 1;
        let got = norm(&disassemble(*w, *pc));
        if &got == want {
            t.matched += 1;
        } else if KNOWN_DIFFERENCES.iter().any(|(n, _)| n == name) {
            t.known += 1;
            *known_lines.entry(name).or_default() += 1;
        } else {
            bad.push(format!("{name} {w:#010x}: got {got:?}, llvm {want:?}"));
        }
    }
    for (g, t) in &tally {
        println!(
            "{g:8} {}/{} match ({:.1}%), {} known differences, {} LLVM-invalid words skipped",
            t.matched,
            t.compared,
            100.0 * t.matched as f64 / t.compared.max(1) as f64,
            t.known,
            t.invalid
        );
    }
    for (n, k) in known_lines {
        println!("  known difference {n}: {k} words");
    }
    bad
}

fn corpus_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/dis_llvm.txt")
}

#[test]
fn live_llvm_objdump() {
    let required = std::env::var("DIS_ORACLE_REQUIRED").is_ok_and(|v| v == "1");
    let writing = std::env::var("DIS_CORPUS_WRITE").is_ok_and(|v| v == "1");
    let (n, seed) = if writing {
        (3, 0x5EED_0D15)
    } else {
        let seed = std::env::var("DIS_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0x0BAD_CAFE_u64);
        let n = std::env::var("DIS_N")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(8);
        (n, seed)
    };
    let gen = generate(n, seed);
    let words: Vec<u32> = gen.iter().map(|g| g.2).collect();
    let llvm = match llvm_objdump(&words) {
        Ok(v) => v,
        Err(e) if !required => {
            println!("skipped: {e} (set DIS_ORACLE_REQUIRED=1 to make this a failure)");
            return;
        }
        Err(e) => panic!("LLVM oracle unavailable: {e}"),
    };
    let cases: Vec<_> = gen
        .iter()
        .zip(llvm)
        .enumerate()
        .map(|(k, (&(g, name, w), t))| (g, name, w, 4 * k as u64, t))
        .collect();
    if writing {
        let mut s = String::from(
            "# word\tpc\tllvm-objdump -d (LLVM 14) text, or <unknown>; see tests/dis_llvm.rs\n",
        );
        for (g, name, w, pc, t) in &cases {
            let t = t.as_deref().unwrap_or("<unknown>");
            s += &format!("{w:08x}\t{pc:x}\t{g}\t{name}\t{t}\n");
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
    let text = std::fs::read_to_string(corpus_path()).expect("tests/data/dis_llvm.txt");
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
        // The line name is what the table said when recorded; decode again so that a
        // renamed or reordered table does not silently skip words.
        let name = Decoder::global()
            .decode(w)
            .map(|i| Decoder::global().encs[i.idx as usize].enc.name)
            .unwrap_or("(undecoded)");
        let g: &'static str = match f[2] {
            "ldst" => "ldst",
            "fp" => "fp",
            "simd" => "simd",
            _ => "simd_fp",
        };
        cases.push((g, name, w, pc, t));
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

/// Words of these groups that LLVM 14 calls invalid must UNDEF when executed (EC 0):
/// the decode table must not execute an unallocated encoding.
#[test]
fn llvm_invalid_words_undef() {
    use arm64_cpu::{Cpu, CpuConfig, GuestRam, Region};
    use std::sync::Arc;
    let n = std::env::var("DIS_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    let gen = generate(n, 0x1DEF);
    let words: Vec<u32> = gen.iter().map(|g| g.2).collect();
    let llvm = match llvm_objdump(&words) {
        Ok(v) => v,
        Err(e) => {
            println!("skipped: {e}");
            return;
        }
    };
    const RAM: usize = 1 << 20;
    const CODE: u64 = 0x1000;
    let ram: &'static mut [u8] = Box::leak(vec![0u8; RAM].into_boxed_slice());
    let region = Region {
        gpa: 0,
        size: RAM as u64,
        host: ram.as_mut_ptr(),
        readonly: false,
    };
    let mut c = Cpu::new(
        CpuConfig::default(),
        Arc::new(GuestRam::new(vec![region]).unwrap()),
    );
    c.sys.cpacr_el1 = 3 << 20 | 3 << 16;
    c.sys.vbar_el1 = 0x8000;
    c.sysreg_changed();
    let mut bad: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut checked = 0;
    for ((_, name, w), t) in gen.iter().zip(&llvm) {
        if t.is_some() {
            continue;
        }
        checked += 1;
        // Every register (and SP) points at 16-byte-aligned RAM, so a load/store that
        // does not UNDEF completes instead of faulting.
        for r in 0..31 {
            c.s.x[r] = 0x40000;
        }
        c.s.set_xsp(31, 0x40000);
        c.write_bytes(CODE, &w.to_le_bytes()).unwrap();
        c.s.pc = CODE;
        let before = c.exceptions_taken;
        let undef =
            c.step().is_ok() && c.exceptions_taken == before + 1 && c.sys.esr_el1 >> 26 == 0;
        if !undef {
            bad.entry(name).or_default().push(*w);
        }
    }
    println!("{checked} LLVM-invalid words executed");
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
