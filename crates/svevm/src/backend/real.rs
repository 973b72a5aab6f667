//! Backend: the machine's own `/dev/kvm` through rust-vmm's kvm-ioctls
//! (feature `realkvm`, aarch64 only).

use std::cell::Cell;
use std::os::raw::{c_int, c_void};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Once};

pub use kvm_bindings as bindings;
pub use kvm_ioctls::{Cap, Kvm, VcpuExit, VcpuFd, VmFd};
use sve_vls::VqSet;

use super::{InternalError, Probe, REG_MIDR_EL1, REG_SVE_VLS};
use crate::cli::{CpuArgs, RunArgs};

/// Names the backend in messages.
pub const NAME: &str = "KVM";
/// Whether the vCPUs run on the machine's own KVM.
pub const IS_REAL_KVM: bool = true;

/// On real KVM the host is the machine: its set is what KVM offers a vCPU.
#[derive(Debug, Clone)]
pub struct HostChoice {
    pub set: VqSet,
}

/// The machine's lengths, probed; --host and --host-vqs describe emulated
/// hosts, which only softkvm has. QEMU's KVM rules always apply here.
pub fn host_choice(args: &CpuArgs) -> Result<Option<HostChoice>, String> {
    if let Some(h) = &args.host {
        return Err(format!(
            "--host {h}: not on real KVM: the host is this machine (its lengths: svevm hosts --probe)"
        ));
    }
    if let Some(h) = &args.host_vqs {
        return Err(format!(
            "--host-vqs {h}: not on real KVM: the host is this machine (its lengths: svevm hosts --probe)"
        ));
    }
    let p = probe_host()?;
    Ok(Some(HostChoice { set: p.set }))
}

pub fn open_kvm(_host: Option<&HostChoice>, _set: VqSet) -> Result<Kvm, String> {
    Kvm::new().map_err(|e| format!("cannot open /dev/kvm: {e}"))
}

/// Asks KVM what a vCPU gets: a scratch VM and vCPU, KVM_ARM_VCPU_INIT with
/// SVE (when KVM_CAP_ARM_SVE says so), then KVM_REG_ARM64_SVE_VLS, which INIT
/// sets to every length the host implements (up to 2048 bits), and MIDR_EL1.
pub fn probe_host() -> Result<Probe, String> {
    use bindings::{kvm_vcpu_init, KVM_ARM_VCPU_SVE};
    let kvm = Kvm::new().map_err(|e| format!("cannot open /dev/kvm: {e}"))?;
    let sve = kvm.check_extension(Cap::ArmSve);
    let vm = kvm
        .create_vm()
        .map_err(|e| format!("probe: KVM_CREATE_VM failed: {e}"))?;
    let vcpu = vm
        .create_vcpu(0)
        .map_err(|e| format!("probe: KVM_CREATE_VCPU failed: {e}"))?;
    let mut kvi = kvm_vcpu_init::default();
    vm.get_preferred_target(&mut kvi)
        .map_err(|e| format!("probe: KVM_ARM_PREFERRED_TARGET failed: {e}"))?;
    if sve {
        kvi.features[0] |= 1 << KVM_ARM_VCPU_SVE;
    }
    vcpu.vcpu_init(&kvi)
        .map_err(|e| format!("probe: KVM_ARM_VCPU_INIT failed: {e}"))?;
    let set = if sve {
        let mut b = [0u8; 64];
        vcpu.get_one_reg(REG_SVE_VLS, &mut b)
            .map_err(|e| format!("probe: reading KVM_REG_ARM64_SVE_VLS failed: {e}"))?;
        VqSet::from_kvm_vls(&b)
    } else {
        VqSet(0)
    };
    let mut m = [0u8; 8];
    let midr = vcpu
        .get_one_reg(REG_MIDR_EL1, &mut m)
        .ok()
        .map(|_| u64::from_le_bytes(m));
    Ok(Probe { set, midr, sve })
}

/// The instruction counter, limit and trace are softkvm's (a real VMM would
/// use the PMU and perf): refuse them in one line.
pub fn check_run_options(args: &RunArgs) -> Result<(), String> {
    if args.trace.is_some() {
        return Err("--trace: not on real KVM (the instruction trace is a softkvm feature)".into());
    }
    if args.max_insns.is_some() {
        return Err(
            "--max-insns: not on real KVM (the instruction counter is a softkvm feature; use --timeout)"
                .into(),
        );
    }
    Ok(())
}

/// Where --trace writes (never on real KVM: refused above).
pub type TraceOut = Arc<Mutex<std::io::BufWriter<std::fs::File>>>;

pub fn setup_vcpu(_vcpu: &mut VcpuFd, _id: u32, _args: &RunArgs, _trace: Option<&TraceOut>) {}

// Kicking a vCPU out of KVM_RUN, as VMMs on KVM do: a real-time signal to the
// vCPU's thread whose handler sets `kvm_run.immediate_exit`. The signal alone
// interrupts a KVM_RUN in progress (-EINTR); the flag covers the window where
// the signal lands just before the thread enters KVM_RUN, which then returns
// -EINTR at once instead of running the guest with the kick lost.

thread_local! {
    /// This thread's vCPU's `kvm_run.immediate_exit`, while it runs one.
    static IMMEDIATE_EXIT: Cell<*mut u8> = const { Cell::new(std::ptr::null_mut()) };
}

/// Set once the handler is installed: without it the signal would kill us.
static HANDLER_READY: AtomicBool = AtomicBool::new(false);
static INSTALL: Once = Once::new();

fn kick_signal() -> c_int {
    vmm_sys_util::signal::SIGRTMIN()
}

extern "C" fn on_kick(_num: c_int, _info: *mut libc::siginfo_t, _ctx: *mut c_void) {
    // Async-signal-safe: one volatile store through a pointer this thread set.
    let _ = IMMEDIATE_EXIT.try_with(|p| {
        let p = p.get();
        if !p.is_null() {
            // SAFETY: p points into this thread's vCPU's kvm_run mapping, which
            // outlives the VcpuThread guard that clears p.
            unsafe { std::ptr::write_volatile(p, 1) }
        }
    });
}

/// Kicks a vCPU out of `run()` from another thread.
#[derive(Clone)]
pub struct Kicker {
    thread: Arc<Mutex<Option<libc::pthread_t>>>,
}

impl Kicker {
    /// The vCPU's current or next `run()` returns EINTR (a kick that arrives
    /// before its thread has started is not kept: the thread looks at the stop
    /// flag before its first `run()`).
    pub fn kick(&self) {
        let t = self.thread.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(t) = *t {
            if HANDLER_READY.load(Ordering::SeqCst) {
                // SAFETY: t is a live thread: VcpuThread clears it (under this
                // lock) before the thread ends.
                unsafe { libc::pthread_kill(t, kick_signal()) };
            }
        }
    }
}

pub fn kicker(_vcpu: &VcpuFd) -> Kicker {
    INSTALL.call_once(|| {
        if vmm_sys_util::signal::register_signal_handler(kick_signal(), on_kick).is_ok() {
            HANDLER_READY.store(true, Ordering::SeqCst);
        }
    });
    Kicker {
        thread: Arc::new(Mutex::new(None)),
    }
}

/// Held by a vCPU's thread while it runs the vCPU: makes the thread the
/// kicker's target.
pub struct VcpuThread {
    thread: Arc<Mutex<Option<libc::pthread_t>>>,
}

pub fn enter_vcpu_thread(vcpu: &mut VcpuFd, kicker: &Kicker) -> VcpuThread {
    let p: *mut u8 = &mut vcpu.get_kvm_run().immediate_exit;
    IMMEDIATE_EXIT.with(|c| c.set(p));
    // SAFETY: pthread_self has no preconditions.
    *kicker.thread.lock().unwrap_or_else(|e| e.into_inner()) =
        Some(unsafe { libc::pthread_self() });
    VcpuThread {
        thread: kicker.thread.clone(),
    }
}

impl Drop for VcpuThread {
    fn drop(&mut self) {
        *self.thread.lock().unwrap_or_else(|e| e.into_inner()) = None;
        IMMEDIATE_EXIT.with(|c| c.set(std::ptr::null_mut()));
    }
}

/// After `run()` returned EINTR: let the next `run()` enter the guest.
pub fn after_eintr(vcpu: &mut VcpuFd) {
    vcpu.set_kvm_immediate_exit(0);
}

/// Describes the last `VcpuExit::InternalError` from `kvm_run.internal`.
pub fn internal_error(vcpu: &mut VcpuFd) -> InternalError {
    // SAFETY: exit_reason was KVM_EXIT_INTERNAL_ERROR, so the kernel filled
    // the `internal` member of the union.
    let i = unsafe { vcpu.get_kvm_run().__bindgen_anon_1.internal };
    let n = (i.ndata as usize).min(i.data.len());
    let data: Vec<String> = i.data[..n].iter().map(|d| format!("{d:#x}")).collect();
    InternalError::Other(format!(
        "KVM_EXIT_INTERNAL_ERROR, suberror {} [{}]",
        i.suberror,
        data.join(" ")
    ))
}

/// KVM counts no instructions for the VMM.
pub fn instructions_retired(_vcpu: &VcpuFd) -> Option<u64> {
    None
}
