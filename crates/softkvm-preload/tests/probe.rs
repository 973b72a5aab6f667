//! The realkvm probe against softkvm, through the preload shim: runs
//! `scripts/probe-softkvm.sh` (build the probe for this host, run it with
//! `LD_PRELOAD=libsoftkvm_preload.so`, compare with the real 6.12 kernel's results),
//! and checks that the comparison itself catches differences.
//!
//! Skips with a printed reason where gcc or the arm64 UAPI headers are missing
//! (package gcc-aarch64-linux-gnu) or `../shared` is absent; with `PROBE_REQUIRED=1`
//! a skip is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn required() -> bool {
    std::env::var("PROBE_REQUIRED").as_deref() == Ok("1")
}

fn skip(why: &str) {
    assert!(!required(), "PROBE_REQUIRED=1 but: {why}");
    eprintln!("SKIP: {why}");
}

/// Builds the shim (cargo does not rebuild a cdylib for integration tests, which
/// cannot link it) with the test profile, whose dependencies this test run has
/// already built; returns the path cargo reports for it.
fn build_shim() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let out = Command::new(cargo)
        .args(["build", "--profile", "test", "-p", "softkvm-preload"])
        .arg("--message-format=json-render-diagnostics")
        .current_dir(root())
        .output()
        .expect("run cargo build");
    assert!(
        out.status.success(),
        "cargo build -p softkvm-preload failed"
    );
    let json = String::from_utf8_lossy(&out.stdout);
    let end = json
        .find("libsoftkvm_preload.so\"")
        .expect("cargo reported no libsoftkvm_preload.so")
        + "libsoftkvm_preload.so".len();
    let start = json[..end].rfind('"').unwrap() + 1;
    PathBuf::from(&json[start..end])
}

fn shared() -> PathBuf {
    std::env::var_os("SVEVM_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"))
}

fn kernel_results() -> PathBuf {
    shared().join("realkvm/results-6.12.107+deb13-arm64.txt")
}

#[test]
fn realkvm_probe_on_softkvm_matches_linux_6_12() {
    let lib = build_shim();
    let out_dir = std::env::temp_dir().join(format!("probe-softkvm-{}", std::process::id()));
    let out = Command::new(root().join("scripts/probe-softkvm.sh"))
        .env("SOFTKVM_PRELOAD_LIB", &lib)
        .env("PROBE_OUT", &out_dir)
        .output()
        .expect("run scripts/probe-softkvm.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    let _ = std::fs::remove_dir_all(&out_dir);
    if out.status.code() == Some(77) {
        return skip(stderr.trim());
    }
    assert!(
        out.status.success(),
        "probe-softkvm.sh failed: unexplained differences from Linux 6.12 (see above)"
    );
    assert!(stdout.contains("unexplained 0"), "{stdout}");
}

/// Runs compare.awk on (differences, kernel results, "softkvm" output).
fn compare(diffs: &str, kernel: &str, softkvm: &str) -> (bool, String) {
    let dir = std::env::temp_dir().join(format!(
        "probe-compare-{}-{:x}",
        std::process::id(),
        softkvm.len() ^ diffs.len() << 20
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let (d, k, s) = (dir.join("d.txt"), dir.join("k.txt"), dir.join("s.txt"));
    std::fs::write(&d, diffs).unwrap();
    std::fs::write(&k, kernel).unwrap();
    std::fs::write(&s, softkvm).unwrap();
    let out = Command::new("awk")
        .arg("-f")
        .arg(root().join("crates/softkvm-preload/probe/compare.awk"))
        .args([&d, &k, &s])
        .output()
        .expect("awk");
    let _ = std::fs::remove_dir_all(&dir);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// The comparison can fail: each kind of difference is caught unless listed, and a
/// listed entry only excuses exactly the texts it names.
#[test]
fn comparison_catches_every_kind_of_difference() {
    let Ok(kernel) = std::fs::read_to_string(kernel_results()) else {
        return skip("no ../shared/realkvm results (set SVEVM_SHARED)");
    };
    let line = "PASS 8.1x  n=0 -> rc=-1 errno=E2BIG n=278";
    assert!(kernel.contains(line));

    let (ok, out) = compare("", &kernel, &kernel);
    assert!(ok, "{out}");
    assert!(out.contains("identical on softkvm 160"), "{out}");

    // A PASS line with another value.
    let changed = kernel.replace(line, "PASS 8.1x  n=0 -> rc=-1 errno=E2BIG n=277");
    let (ok, out) = compare("", &kernel, &changed);
    assert!(!ok && out.contains("UNEXPLAINED 8.1x#1"), "{out}");

    // ... excused only by an entry with exactly both texts.
    let entry = "== 8.1x#1 feature\nkernel:  n=0 -> rc=-1 errno=E2BIG n=278\nsoftkvm: n=0 -> rc=-1 errno=E2BIG n=277\nwhy: test\n";
    let (ok, out) = compare(entry, &kernel, &changed);
    assert!(ok, "{out}");
    let (ok, out) = compare(&entry.replace("n=277", "n=276"), &kernel, &changed);
    assert!(!ok && out.contains("ENTRY MISMATCH"), "{out}");

    // A FAIL is only excusable as a softkvm bug.
    let failed = kernel.replace(line, "FAIL 8.1x  n=0 -> rc=-1 errno=E2BIG n=277");
    let (ok, _) = compare("", &kernel, &failed);
    assert!(!ok);
    let (ok, _) = compare(entry, &kernel, &failed);
    assert!(!ok);
    let (ok, out) = compare(&entry.replace("feature", "softkvm-bug"), &kernel, &failed);
    assert!(ok && out.contains("KNOWN-BUG"), "{out}");

    // A missing PASS line; a missing ALL DONE.
    let (ok, out) = compare("", &kernel, &kernel.replace(&format!("{line}\n"), ""));
    assert!(!ok && out.contains("missing"), "{out}");
    let (ok, _) = compare("", &kernel, &kernel.replace("ALL DONE", ""));
    assert!(!ok);

    // A FAIL line the kernel never printed.
    let (ok, _) = compare(
        "",
        &kernel,
        &kernel.replace("ALL DONE", "FAIL 99 extra\nALL DONE"),
    );
    assert!(!ok);

    // A register id missing from one list, and a reordered list.
    let id = " 603000000013c103";
    let (ok, out) = compare("", &kernel, &kernel.replacen(id, "", 1));
    assert!(!ok && out.contains("REGS:sve:603000000013c103"), "{out}");
    let swapped = kernel.replacen(
        "603000000013c102 603000000013c103",
        "603000000013c103 603000000013c102",
        1,
    );
    assert_ne!(swapped, kernel);
    let (ok, out) = compare("", &kernel, &swapped);
    assert!(!ok && out.contains("order differs"), "{out}");

    // INFO lines are reported but not judged.
    let info = kernel.replace("target = 5 (GENERIC_V8)", "target = 4 (CORTEX_A53)");
    let (ok, out) = compare("", &kernel, &info);
    assert!(ok && out.contains("INFO-DIFF"), "{out}");
}

/// The shim's own behaviour around softkvm (fds, dup, mmap, EFAULT, immediate_exit),
/// from C: `tests/shim_behaviour.c`, built with the arm64 UAPI headers.
#[test]
fn shim_behaves_as_the_kernel_around_the_fds() {
    let uapi = Path::new("/usr/aarch64-linux-gnu/include");
    if !uapi.join("linux/kvm.h").exists() || Command::new("gcc").arg("--version").output().is_err()
    {
        return skip("gcc or the arm64 UAPI headers (gcc-aarch64-linux-gnu) are missing");
    }
    let lib = build_shim();
    let dir = std::env::temp_dir().join(format!("shim-behaviour-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("include")).unwrap();
    for d in ["linux", "asm", "asm-generic"] {
        std::os::unix::fs::symlink(uapi.join(d), dir.join("include").join(d)).unwrap();
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/shim_behaviour.c");
    let st = Command::new("gcc")
        .args(["-O2", "-Wall", "-Werror", "-isystem"])
        .arg(dir.join("include"))
        .arg("-o")
        .arg(dir.join("t"))
        .arg(&src)
        .status()
        .unwrap();
    assert!(st.success(), "gcc {}", src.display());
    let out = Command::new(dir.join("t"))
        .env("LD_PRELOAD", &lib)
        .env_remove("REALKVM_DEV")
        .env_remove("SOFTKVM_DEV")
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success() && stdout.contains("ALL OK"),
        "{stdout}"
    );
}
