//! The runner proper (aarch64 only).

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use svevm::backend;
use svevm::cli::{CpuArgs, RunArgs};
use svevm::hosts;

use crate::plan::{plan, Plan};

pub struct Case {
    pub name: &'static str,
    /// Index into ELFS.
    pub elf: usize,
    pub smp: u32,
    /// QEMU's `-cpu` for the expected output (TCG rules).
    pub cpu: &'static str,
    pub expected: &'static [u8],
}

include!(concat!(env!("OUT_DIR"), "/cases.rs"));

/// svevm's own limit per guest (`--timeout`).
const GUEST_TIMEOUT_S: f64 = 60.0;
/// The runner's watchdog: a case still going after this (the VMM's own
/// timeout failed) ends the whole run, so QEMU's timeout is not used up.
const WATCHDOG: Duration = Duration::from_secs(150);

fn line(s: &str) {
    let mut o = std::io::stdout().lock();
    let _ = writeln!(o, "{s}");
    let _ = o.flush();
}

/// The UART's output, collected.
#[derive(Clone, Default)]
struct Buf(Arc<Mutex<Vec<u8>>>);

impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn run_args(cpu: &str, smp: u32, guest: &str) -> RunArgs {
    RunArgs {
        cpu: CpuArgs {
            cpu: cpu.to_string(),
            host: None,
            host_vqs: None,
        },
        mem: "128M".into(),
        smp,
        stats: false,
        trace: None,
        trace_regs: false,
        max_insns: None,
        timeout: Some(GUEST_TIMEOUT_S),
        no_reboot: false,
        guest: PathBuf::from(guest),
    }
}

/// Runs one case; Ok(seconds) when the output is QEMU's byte for byte.
fn run_case(c: &Case, cpu: &str) -> Result<f64, String> {
    let (elf_name, elf) = ELFS[c.elf];
    let args = run_args(cpu, c.smp, &format!("guests/bin/{elf_name}.elf"));
    let out = Buf::default();
    let t0 = Instant::now();
    let r = svevm::vmm::run_elf(&args, elf, out.clone());
    let secs = t0.elapsed().as_secs_f64();
    let got = out.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
    if let Err(e) = r {
        return Err(format!(
            "svevm status {}: {} (after {} bytes of output)",
            e.status,
            e.message,
            got.len()
        ));
    }
    if got == c.expected {
        return Ok(secs);
    }
    let got = String::from_utf8_lossy(&got);
    let want = String::from_utf8_lossy(c.expected);
    let n = got
        .lines()
        .zip(want.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
    Err(format!(
        "output differs from QEMU's at line {}: got {:?}, want {:?}",
        n + 1,
        got.lines().nth(n).unwrap_or("<end>"),
        want.lines().nth(n).unwrap_or("<end>")
    ))
}

/// The graceful "not on real KVM" paths of the CLI, through the same code.
fn refusals(failed: &mut u32) {
    let mut check = |what: &str, r: Result<(), String>, needle: &str| match r {
        Err(e) if e.contains(needle) && !e.contains('\n') => line(&format!("PASS {what}: {e}")),
        Err(e) => {
            *failed += 1;
            line(&format!("FAIL {what}: message {e:?} lacks {needle:?}"));
        }
        Ok(()) => {
            *failed += 1;
            line(&format!("FAIL {what}: accepted"));
        }
    };
    let mut a = run_args("max", 1, "/nonexistent.elf");
    a.trace = Some(PathBuf::from("/trace.txt"));
    check(
        "refuse-trace",
        svevm::vmm::run(&a).map_err(|e| e.message),
        "not on real KVM",
    );
    let mut a = run_args("max", 1, "/nonexistent.elf");
    a.max_insns = Some(1000);
    check(
        "refuse-max-insns",
        svevm::vmm::run(&a).map_err(|e| e.message),
        "not on real KVM",
    );
    let mut a = run_args("max", 1, "/nonexistent.elf");
    a.cpu.host = Some("a64fx".into());
    check(
        "refuse-host",
        svevm::vmm::run(&a).map_err(|e| e.message),
        "the host is this machine",
    );
    let mut a = run_args("max", 1, "/nonexistent.elf");
    a.cpu.host_vqs = Some("1,2".into());
    check(
        "refuse-host-vqs",
        svevm::vmm::run(&a).map_err(|e| e.message),
        "the host is this machine",
    );
}

fn mount_basics() {
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

/// Ends the run: powers the machine off when PID 1 (init must not exit).
fn finish(ok: bool) -> ! {
    let _ = std::io::stdout().flush();
    // SAFETY: getpid, sync and reboot take no pointers.
    unsafe {
        if libc::getpid() == 1 {
            libc::sync();
            libc::reboot(libc::RB_POWER_OFF);
        }
    }
    std::process::exit(if ok { 0 } else { 1 })
}

pub fn main() {
    // SAFETY: getpid has no preconditions.
    if unsafe { libc::getpid() } == 1 {
        mount_basics();
    }
    let filters: Vec<String> = std::env::args().skip(1).collect();
    line("=== rustkvm probe begin ===");
    let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    line(&format!(
        "INFO svevm on {} (kvm-ioctls), kernel {}, {cpus} CPUs",
        backend::NAME,
        release.trim()
    ));

    // `svevm hosts --probe`, as printed by svevm.
    let probe = match backend::probe_host() {
        Ok(p) => p,
        Err(e) => {
            line(&format!("ERR  svevm hosts --probe: {e}"));
            line("RUSTKVM DONE failed");
            finish(false);
        }
    };
    line(&format!("PROBE {}", hosts::probe_line(&probe)));
    line(&format!(
        "INFO host VLS {{{}}} (KVM_CAP_ARM_SVE {})",
        probe.set, probe.sve as u8
    ));
    let host = probe.set;

    let mut refused_wrongly = 0u32;
    refusals(&mut refused_wrongly);
    let mut failed = 0u32;

    // The watchdog: the case running now and since when.
    let current: Arc<Mutex<Option<(&'static str, Instant)>>> = Arc::new(Mutex::new(None));
    {
        let current = current.clone();
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_secs(1));
            let c = *current.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((name, t0)) = c {
                if t0.elapsed() > WATCHDOG {
                    line(&format!(
                        "FAIL {name}: still running after {} s (watchdog)",
                        WATCHDOG.as_secs()
                    ));
                    line("ERR  a guest hung the runner");
                    line("RUSTKVM DONE failed");
                    finish(false);
                }
            }
        });
    }

    let (mut passed, mut skipped) = (0u32, 0u32);
    let t_all = Instant::now();
    for c in CASES {
        if !filters.is_empty() && !filters.iter().any(|f| c.name.contains(f.as_str())) {
            continue;
        }
        let cpu = match plan(c.cpu, host) {
            Plan::Run(cpu) => cpu,
            Plan::Skip(why) => {
                skipped += 1;
                line(&format!("SKIP {} (-cpu {}): {why}", c.name, c.cpu));
                continue;
            }
        };
        *current.lock().unwrap_or_else(|e| e.into_inner()) = Some((c.name, Instant::now()));
        match run_case(c, &cpu) {
            Ok(secs) => {
                passed += 1;
                line(&format!(
                    "PASS {} (-cpu {} as --cpu {cpu}, smp {}, {secs:.2} s)",
                    c.name, c.cpu, c.smp
                ));
            }
            Err(e) => {
                failed += 1;
                line(&format!(
                    "FAIL {} (-cpu {} as --cpu {cpu}, smp {}): {e}",
                    c.name, c.cpu, c.smp
                ));
            }
        }
        *current.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
    line(&format!(
        "INFO guests: {passed} passed, {failed} failed, {skipped} skipped, {:.1} s",
        t_all.elapsed().as_secs_f64()
    ));
    failed += refused_wrongly;
    if failed > 0 {
        line(&format!("ERR  {failed} check(s) failed on real KVM"));
    }
    line(&format!(
        "RUSTKVM DONE {}",
        if failed == 0 { "ok" } else { "failed" }
    ));
    finish(failed == 0);
}
