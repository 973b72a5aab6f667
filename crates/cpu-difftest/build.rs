//! Builds the oracle: a static aarch64 Linux program (oracle/*.c, *.S) that runs
//! test cases under qemu-aarch64. Missing Debian tools are installed by
//! tools/difftest-deps.sh (apt-get).

use std::path::PathBuf;
use std::process::Command;

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    for f in [
        "oracle/oracle.c",
        "oracle/entry.S",
        "oracle/layout.h",
        "build.rs",
    ] {
        println!("cargo:rerun-if-changed={}", dir.join(f).display());
    }
    let cc = "aarch64-linux-gnu-gcc";
    if !have(cc) || !have("qemu-aarch64") {
        let script = dir.join("../../tools/difftest-deps.sh");
        let ok = Command::new("sh")
            .arg(&script)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !ok || !have(cc) {
            panic!(
                "cpu-difftest needs {cc} and qemu-aarch64; {} could not install them",
                script.display()
            );
        }
    }
    let bin = out.join("difftest-oracle");
    let st = Command::new(cc)
        .args(["-static", "-O2", "-Wall", "-Werror", "-o"])
        .arg(&bin)
        .arg(dir.join("oracle/oracle.c"))
        .arg(dir.join("oracle/entry.S"))
        .status()
        .expect("running aarch64-linux-gnu-gcc");
    assert!(st.success(), "building the oracle failed");
    println!("cargo:rustc-env=DIFFTEST_ORACLE={}", bin.display());
}
