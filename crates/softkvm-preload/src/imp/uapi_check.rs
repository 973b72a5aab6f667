//! Test support: compiles and runs a small C program against the cross toolchain's
//! arm64 UAPI headers (the oracle for ABI numbers and layouts).

use std::process::Command;

const UAPI: &str = "/usr/aarch64-linux-gnu/include";

/// Builds and runs `src`; returns its stdout. `None` (with a printed reason) when gcc
/// or the headers are missing, unless `PROBE_REQUIRED=1`, which makes that a failure.
pub fn run_c(name: &str, src: &str) -> Option<String> {
    let have = std::path::Path::new(UAPI).join("linux/kvm.h").exists()
        && Command::new("gcc").arg("--version").output().is_ok();
    if !have {
        let why = format!(
            "gcc or the arm64 UAPI headers ({UAPI}, package gcc-aarch64-linux-gnu) are missing"
        );
        assert!(
            std::env::var("PROBE_REQUIRED").as_deref() != Ok("1"),
            "{why}"
        );
        eprintln!("SKIP {name}: {why}");
        return None;
    }
    let dir = std::env::temp_dir().join(format!(
        "softkvm-preload-uapi-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(dir.join("include")).unwrap();
    for d in ["linux", "asm", "asm-generic"] {
        let link = dir.join("include").join(d);
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(format!("{UAPI}/{d}"), &link).unwrap();
    }
    std::fs::write(dir.join("t.c"), src).unwrap();
    let st = Command::new("gcc")
        .arg("-isystem")
        .arg(dir.join("include"))
        .arg("-o")
        .arg(dir.join("t"))
        .arg(dir.join("t.c"))
        .status()
        .unwrap();
    assert!(st.success(), "gcc failed on {}", dir.join("t.c").display());
    let out = Command::new(dir.join("t")).output().unwrap();
    assert!(out.status.success());
    let _ = std::fs::remove_dir_all(&dir);
    Some(String::from_utf8(out.stdout).unwrap())
}

/// The number printed after `name` on a `name value` line.
pub fn value(out: &str, name: &str) -> Option<u64> {
    out.lines().find_map(|l| {
        let (n, v) = l.split_once(' ')?;
        if n == name {
            v.trim().parse().ok()
        } else {
            None
        }
    })
}
