//! The command line from the outside: bad input gives one line on stderr and
//! a non-zero status (never a panic); `vls` answers as the spec's worked
//! examples say (shared/spec/sve-vector-length-selection.md, section 10).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn svevm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_svevm"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run svevm")
}

fn guests_bin() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../guests/bin")
}

#[track_caller]
fn one_line_error(args: &[&str], status: i32, needle: &str) {
    let o = svevm(args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(status), "{args:?}: stderr {err}");
    assert!(o.stdout.is_empty(), "{args:?}: nothing on stdout");
    assert_eq!(err.lines().count(), 1, "{args:?}: one line, got {err:?}");
    assert!(err.starts_with("svevm: "), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    assert!(
        err.contains(needle),
        "{args:?}: {err:?} should mention {needle:?}"
    );
}

#[test]
fn bad_guests() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("svevm-cli");
    std::fs::create_dir_all(&dir).unwrap();
    let text = dir.join("text");
    std::fs::write(&text, b"not an elf at all").unwrap();
    let empty = dir.join("empty");
    std::fs::write(&empty, b"").unwrap();
    let hello = guests_bin().join("hello-gcc.elf");
    let elf = std::fs::read(&hello).unwrap();
    let trunc = dir.join("truncated");
    std::fs::write(&trunc, &elf[..200]).unwrap();
    let mut x86 = elf.clone();
    x86[18] = 62; // e_machine = EM_X86_64
    let x86p = dir.join("x86");
    std::fs::write(&x86p, &x86).unwrap();
    let mut be = elf.clone();
    be[5] = 2;
    let bep = dir.join("be");
    std::fs::write(&bep, &be).unwrap();
    let s = |p: &Path| p.to_str().unwrap().to_string();

    one_line_error(&["run", "/nonexistent/guest.elf"], 1, "cannot read");
    one_line_error(&["run", &s(&text)], 1, "not an ELF");
    one_line_error(&["run", &s(&empty)], 1, "not an ELF");
    one_line_error(&["run", &s(&trunc)], 1, "guest");
    one_line_error(&["run", &s(&x86p)], 1, "not AArch64");
    one_line_error(&["run", &s(&bep)], 1, "big-endian");
    // The image is linked at 0x4000_0000 and needs ~150 KiB: 1M of RAM holds
    // it, but a RAM that ends before its end does not exist; a segment
    // outside RAM is tested with a RAM too small to hold .bss + stacks.
    one_line_error(&["run", "--mem", "64K", &s(&hello)], 1, "--mem");
    one_line_error(&["run", "--mem", "12X", &s(&hello)], 1, "memory size");
    one_line_error(&["run", "--smp", "0", &s(&hello)], 1, "--smp");
    one_line_error(&["run", "--smp", "9", &s(&hello)], 1, "--smp");
    one_line_error(&["run", "--cpu", "max,sve=maybe", &s(&hello)], 1, "sve");
    one_line_error(&["run", "--cpu", "cortex-a53", &s(&hello)], 1, "cortex-a53");
    one_line_error(
        &["run", "--cpu", "max,sve1024=on,sve256=off", &s(&hello)],
        1,
        "sve256",
    );
    one_line_error(&["run", "--cpu", "host", &s(&hello)], 1, "host");
    one_line_error(&["run", "--host", "pentium", &s(&hello)], 1, "pentium");
    one_line_error(&["run", "--host-vqs", "1,3", &s(&hello)], 1, "256");
    one_line_error(&["run", "--host-vqs", "100", &s(&hello)], 1, "100");
    one_line_error(
        &[
            "run",
            "--host",
            "a64fx",
            "--cpu",
            "max,sve-max-vq=2",
            &s(&hello),
        ],
        1,
        "sve-max-vq",
    );
    one_line_error(
        &["run", "--host", "nosve", "--cpu", "host,sve=on", &s(&hello)],
        1,
        "SVE",
    );
}

#[test]
fn segments_outside_ram() {
    // hello's image ends (with .bss and stacks) above 0x4000_0000 + 64K;
    // with --mem 1M it fits. Make a copy whose segment is moved below RAM.
    let hello = std::fs::read(guests_bin().join("hello-gcc.elf")).unwrap();
    let phoff = u64::from_le_bytes(hello[32..40].try_into().unwrap()) as usize;
    let mut moved = hello.clone();
    // first program header's p_paddr (offset 24 within the header)
    moved[phoff + 24..phoff + 32].copy_from_slice(&0x1000u64.to_le_bytes());
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("svevm-cli");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("low");
    std::fs::write(&p, &moved).unwrap();
    one_line_error(&["run", p.to_str().unwrap()], 1, "outside RAM");
}

#[track_caller]
fn vls(args: &[&str], want: &str) {
    let mut a = vec!["vls"];
    a.extend_from_slice(args);
    let o = svevm(&a);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        format!("{want}\n"),
        "{args:?}"
    );
}

#[test]
fn vls_worked_examples() {
    // Spec section 10, lengths in bits.
    vls(
        &[],
        "128 256 384 512 640 768 896 1024 1152 1280 1408 1536 1664 1792 1920 2048",
    );
    vls(&["--cpu", "max,sve=off"], "");
    vls(&["--cpu", "max,sve384=on"], "128 256 384");
    vls(&["--cpu", "max,sve1536=on"], "128 256 512 1024 1536");
    vls(
        &["--cpu", "max,sve640=off,sve1024=off"],
        "128 256 384 512 768 896",
    );
    vls(
        &["--cpu", "max,sve-max-vq=8,sve384=off"],
        "128 256 512 640 768 896 1024",
    );
    vls(&["--cpu", "a64fx,sve512=off"], "128 256");
    vls(
        &["--host-vqs", "1,2,3,4", "--cpu", "host,sve512=on"],
        "128 256 384 512",
    );
    vls(
        &["--host-vqs", "128,256,384,512", "--cpu", "host,sve384=off"],
        "128 256",
    );
    vls(
        &["--host-vqs", "1,2,4", "--cpu", "host,sve384=off"],
        "128 256 512",
    );
    vls(&["--host-vqs", "none"], "");
    vls(&["--host", "a64fx"], "128 256 512");
    vls(&["--host", "a64fx", "--cpu", "max"], "128 256 512");
    one_line_error(&["vls", "--cpu", "max,sve1024=on,sve256=off"], 1, "sve256");
    one_line_error(
        &["vls", "--cpu", "max,sve-max-vq=8,sve1152=on"],
        1,
        "sve1152",
    );
    one_line_error(&["vls", "--cpu", "a64fx,sve384=on"], 1, "sve384");
    one_line_error(
        &[
            "vls",
            "--host-vqs",
            "1,2,3,4",
            "--cpu",
            "host,sve512=on,sve384=off",
        ],
        1,
        "sve384",
    );
    one_line_error(
        &["vls", "--host-vqs", "1,2,4", "--cpu", "host,sve128=off"],
        1,
        "sve128",
    );
    one_line_error(
        &["vls", "--host-vqs", "none", "--cpu", "host,sve128=on"],
        1,
        "sve128",
    );
}

#[test]
fn hosts_lists_presets() {
    let o = svevm(&["hosts"]);
    assert!(o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    let a64fx = out
        .lines()
        .find(|l| l.starts_with("a64fx"))
        .expect("a64fx preset");
    assert!(a64fx.contains("128 256 512"), "{a64fx}");
    assert!(out.lines().any(|l| l.starts_with("max")));
}

#[test]
fn help_teaches() {
    let o = svevm(&["run", "--help"]);
    let out = String::from_utf8_lossy(&o.stdout);
    for w in [
        "--cpu",
        "--host",
        "--host-vqs",
        "--smp",
        "--mem",
        "--stats",
        "--trace",
        "--max-insns",
        "--timeout",
        "--no-reboot",
        "Exit status",
    ] {
        assert!(out.contains(w), "run --help mentions {w}");
    }
}

/// A minimal ELF64 AArch64 executable at 0x4000_0000 whose code is `words`
/// (built by hand per the ELF specification).
fn tiny_elf(name: &str, words: &[u32]) -> PathBuf {
    let base: u64 = 0x4000_0000;
    let code: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    let mut v = vec![0u8; 64 + 56];
    v[..4].copy_from_slice(b"\x7fELF");
    v[4] = 2;
    v[5] = 1;
    v[6] = 1;
    v[16..18].copy_from_slice(&2u16.to_le_bytes()); // ET_EXEC
    v[18..20].copy_from_slice(&183u16.to_le_bytes()); // EM_AARCH64
    v[20..24].copy_from_slice(&1u32.to_le_bytes());
    v[24..32].copy_from_slice(&base.to_le_bytes());
    v[32..40].copy_from_slice(&64u64.to_le_bytes());
    v[52..54].copy_from_slice(&64u16.to_le_bytes());
    v[54..56].copy_from_slice(&56u16.to_le_bytes());
    v[56..58].copy_from_slice(&1u16.to_le_bytes());
    let p = 64;
    v[p..p + 4].copy_from_slice(&1u32.to_le_bytes());
    v[p + 4..p + 8].copy_from_slice(&5u32.to_le_bytes());
    v[p + 8..p + 16].copy_from_slice(&120u64.to_le_bytes());
    v[p + 16..p + 24].copy_from_slice(&base.to_le_bytes());
    v[p + 24..p + 32].copy_from_slice(&base.to_le_bytes());
    v[p + 32..p + 40].copy_from_slice(&(code.len() as u64).to_le_bytes());
    v[p + 40..p + 48].copy_from_slice(&(code.len() as u64).to_le_bytes());
    v.extend_from_slice(&code);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("svevm-cli");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, v).unwrap();
    path
}

#[test]
fn guest_failures() {
    // `b .` (llvm-mc: 0x14000000) spins: --timeout stops it with status 4.
    let spin = tiny_elf("spin", &[0x1400_0000]);
    one_line_error(
        &["run", "--timeout", "0.5", spin.to_str().unwrap()],
        4,
        "--timeout",
    );
    // `udf #0` (0x00000000) with no vector table: status 3, ESR decoded
    // (EC 0: unknown reason).
    let udf = tiny_elf("udf", &[0x0000_0000]);
    one_line_error(
        &["run", "--timeout", "10", udf.to_str().unwrap()],
        3,
        "EC=0x00",
    );
    // A load from above RAM: `movz x0, #0x5000, lsl #16; ldr x1, [x0]`.
    let wild = tiny_elf("wild", &[0xd2aa_0000, 0xf940_0001, 0x1400_0000]);
    one_line_error(
        &["run", "--timeout", "10", wild.to_str().unwrap()],
        3,
        "0x50000000",
    );
}

#[test]
fn reset_and_no_reboot() {
    let reset = guests_bin().join("reset-gcc.elf");
    let r = reset.to_str().unwrap();
    // With --no-reboot, SYSTEM_RESET ends the run after the first boot (as
    // qemu-system-aarch64 -no-reboot does), with status 0.
    let o = svevm(&["run", "--no-reboot", r]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "first boot: resetting with PSCI SYSTEM_RESET\r\n"
    );
}

#[test]
fn max_insns_stops_a_runaway_guest() {
    // b . (0x14000000): spins forever; the limit ends it with status 4.
    let spin = tiny_elf("spin-limit", &[0x1400_0000]);
    let o = svevm(&["run", "--max-insns", "5000", spin.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(4), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("instruction limit of 5000"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn trace_and_stats() {
    // add x0, x0, #1 (0x91000400) twice, then PSCI SYSTEM_OFF: mov x0, #8
    // (0xd2800100); movk x0, #0x8400, lsl #16 (0xf2b08000); hvc #0 (0xd4000002).
    let prog = tiny_elf(
        "trace",
        &[
            0x9100_0400,
            0x9100_0400,
            0xd280_0100,
            0xf2b0_8000,
            0xd400_0002,
        ],
    );
    let out = std::env::temp_dir().join(format!("svevm-trace-{}.txt", std::process::id()));
    let o = svevm(&[
        "run",
        "--stats",
        "--trace",
        out.to_str().unwrap(),
        "--trace-regs",
        prog.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let trace = std::fs::read_to_string(&out).expect("trace file");
    let _ = std::fs::remove_file(&out);
    let lines: Vec<&str> = trace.lines().collect();
    assert_eq!(lines.len(), 5, "{trace}");
    // LLVM's disassembly of the words, and the register the second add changed.
    assert!(
        lines[0].starts_with("cpu0 0000000040000000 91000400 add\tx0, x0, #1"),
        "{trace}"
    );
    assert!(lines[1].ends_with("x0=0x2"), "{trace}");
    assert!(lines[4].contains("hvc\t#0"), "{trace}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("vCPU 0 retired   5 instructions"), "{err}");
}
