//! Backend A: the KVM contract suite against the real `/dev/kvm` through rust-vmm's
//! kvm-ioctls, on an arm64 kernel.
//!
//! `scripts/realkvm.sh` cross-builds this for aarch64 and boots it as `/init` of a
//! Debian arm64 kernel under QEMU with EL2 and SVE. As PID 1 it mounts devtmpfs and
//! proc first and powers off at the end; as an ordinary process (on an arm64 host
//! with KVM) it does neither. It prints `PASS <case>` or `FAIL <case>: <why>` per
//! case, an `ERR` line if any case failed, and `RUSTKVM DONE ok|failed`, the lines
//! `shared/rustkvm/run.sh` looks for. An optional first argument runs only the
//! cases whose name contains it.

#[cfg(target_arch = "aarch64")]
mod real {
    kvm_contract::contract_suite!(
        backend = kvm_ioctls,
        bindings = kvm_bindings,
        rules = crate::kernel_rules(),
    );
}

/// The running kernel's rule set (`uname -r`); REALKVM_RULES=5.2|later overrides.
#[cfg(target_arch = "aarch64")]
fn kernel_rules() -> kvm_contract::Rules {
    match std::env::var("REALKVM_RULES").as_deref() {
        Ok("5.2") => return kvm_contract::Rules::V5_2,
        Ok("later") => return kvm_contract::Rules::Later,
        _ => {}
    }
    let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    kvm_contract::Rules::for_release(release.trim())
}

#[cfg(target_arch = "aarch64")]
fn main() {
    use std::io::Write;
    // SAFETY: getpid has no preconditions.
    let as_init = unsafe { libc::getpid() } == 1;
    if as_init {
        // SAFETY: static NUL-terminated strings; a failure only leaves the mount missing.
        unsafe {
            libc::mount(
                c"devtmpfs".as_ptr(),
                c"/dev".as_ptr(),
                c"devtmpfs".as_ptr(),
                0,
                std::ptr::null(),
            );
            libc::mount(
                c"proc".as_ptr(),
                c"/proc".as_ptr(),
                c"proc".as_ptr(),
                0,
                std::ptr::null(),
            );
        }
    }
    println!("=== rustkvm probe begin ===");
    let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    println!("INFO kernel {} rules {:?}", release.trim(), kernel_rules());
    let filter = std::env::args().nth(1);
    let t0 = std::time::Instant::now();
    let watchdog: Option<(std::time::Duration, fn() -> !)> =
        Some((std::time::Duration::from_secs(60), power_off));
    let failed = kvm_contract::run_cases(real::CASES, filter.as_deref(), watchdog);
    println!(
        "INFO {} cases, {} failed, {:.1} s",
        real::CASES.len(),
        failed,
        t0.elapsed().as_secs_f64()
    );
    if failed > 0 {
        println!("ERR  {failed} contract case(s) failed on real KVM");
    }
    println!("RUSTKVM DONE {}", if failed == 0 { "ok" } else { "failed" });
    let _ = std::io::stdout().flush();
    if as_init {
        power_off();
    }
    std::process::exit(if failed == 0 { 0 } else { 1 });
}

/// Ends the run: powers the machine off when PID 1 (init must not exit), else exits 1.
#[cfg(target_arch = "aarch64")]
fn power_off() -> ! {
    // SAFETY: getpid, sync and reboot take no pointers.
    unsafe {
        if libc::getpid() == 1 {
            libc::sync();
            libc::reboot(libc::RB_POWER_OFF);
        }
    }
    std::process::exit(1)
}

#[cfg(not(target_arch = "aarch64"))]
fn main() {
    eprintln!(
        "kvm-contract: backend A (real /dev/kvm through kvm-ioctls) runs on aarch64 only; \
         use scripts/realkvm.sh, or `cargo test -p kvm-contract` for softkvm"
    );
    std::process::exit(2);
}
