//! The acceptance test: every guest's UART output under `svevm run` equals
//! what QEMU 7.2 printed for the same ELF and settings (guests/expected/,
//! captured by guests/capture-qemu.sh; the command line is in each .cmd).
//!
//! Guests that need what the CPU does not implement yet are listed in
//! KNOWN_FAILING with the reason: they are run and reported, and a known
//! failure does not fail the test (an unexpected pass is reported too, so
//! the list can be trimmed). SVEVM_GUESTS=PATTERN runs only matching names.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// (name prefix, reason).
const KNOWN_FAILING: &[(&str, &str)] = &[];

fn guests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../guests")
}

struct Case {
    name: String,
    elf: String,
    smp: String,
    cpu: String,
}

fn manifest() -> Vec<Case> {
    let text = std::fs::read_to_string(guests_dir().join("expected/MANIFEST")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(f.len(), 4, "MANIFEST line {l:?}");
            Case {
                name: f[0].into(),
                elf: f[1].into(),
                smp: f[2].into(),
                cpu: f[3].into(),
            }
        })
        .collect()
}

fn known(name: &str) -> Option<&'static str> {
    KNOWN_FAILING
        .iter()
        .find(|(p, _)| name.starts_with(p))
        .map(|(_, r)| *r)
}

/// Runs one case; Ok(()) when the output matches.
fn run_case(c: &Case) -> Result<(), String> {
    let g = guests_dir();
    let want =
        std::fs::read(g.join(format!("expected/{}.txt", c.name))).map_err(|e| e.to_string())?;
    let o = Command::new(env!("CARGO_BIN_EXE_svevm"))
        .args(["run", "--timeout", "120", "--smp", &c.smp, "--cpu", &c.cpu])
        .arg(g.join(format!("bin/{}.elf", c.elf)))
        .stdin(Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    if o.stdout == want && o.status.success() {
        return Ok(());
    }
    let got = String::from_utf8_lossy(&o.stdout);
    let want = String::from_utf8_lossy(&want);
    let first_diff = got
        .lines()
        .zip(want.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
    Err(format!(
        "status {:?}; stderr: {}; first difference at line {}: got {:?}, want {:?}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).trim(),
        first_diff + 1,
        got.lines().nth(first_diff).unwrap_or("<end>"),
        want.lines().nth(first_diff).unwrap_or("<end>")
    ))
}

#[test]
fn guests_match_qemu() {
    let filter = std::env::var("SVEVM_GUESTS").ok();
    let cases: Vec<Case> = manifest()
        .into_iter()
        .filter(|c| filter.as_deref().is_none_or(|f| c.name.contains(f)))
        .collect();
    let results = Mutex::new(Vec::new());
    let next = Mutex::new(0usize);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = {
                    let mut n = next.lock().unwrap();
                    let i = *n;
                    *n += 1;
                    i
                };
                let Some(c) = cases.get(i) else { return };
                let r = run_case(c);
                results.lock().unwrap().push((c.name.clone(), r));
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let (mut pass, mut known_fail, mut fail) = (0, 0, Vec::new());
    for (name, r) in &results {
        match (r, known(name)) {
            (Ok(()), None) => pass += 1,
            (Ok(()), Some(_)) => {
                pass += 1;
                println!("UNEXPECTED PASS {name}: remove it from KNOWN_FAILING");
            }
            (Err(e), Some(why)) => {
                known_fail += 1;
                println!("known failing {name} ({why}): {e}");
            }
            (Err(e), None) => fail.push(format!("{name}: {e}")),
        }
    }
    println!(
        "guests: {pass} match QEMU, {known_fail} known failing, {} failing",
        fail.len()
    );
    assert!(
        fail.is_empty(),
        "guests whose output differs from QEMU's:\n{}",
        fail.join("\n")
    );
}
