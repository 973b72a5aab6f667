//! Backend: softkvm (the default build).

use std::sync::{Arc, Mutex};

pub use softkvm::{bindings, Cap, Kvm, VcpuExit, VcpuFd, VmFd};
use softkvm::{CpuState, Host, InternalErrorKind, TraceFn};
use sve_vls::VqSet;

use super::{InternalError, Probe};
use crate::cli::{CpuArgs, RunArgs};

/// Names the backend in messages.
pub const NAME: &str = "softkvm";
/// Whether the vCPUs run on the machine's own KVM.
pub const IS_REAL_KVM: bool = false;

/// The host chosen with --host / --host-vqs: softkvm emulates it.
#[derive(Debug, Clone)]
pub struct HostChoice {
    pub host: Host,
    pub set: VqSet,
}

/// The host named by --host / --host-vqs, if any (without one, QEMU's TCG
/// rules apply).
pub fn host_choice(args: &CpuArgs) -> Result<Option<HostChoice>, String> {
    let host = if let Some(name) = &args.host {
        Host::preset(name).map_err(|e| {
            let names: Vec<&str> = Host::presets().iter().map(|p| p.name).collect();
            format!("--host {name}: {e} (known: {})", names.join(", "))
        })?
    } else if let Some(list) = &args.host_vqs {
        let set = VqSet::parse_list(list).map_err(|e| format!("--host-vqs {list}: {e}"))?;
        let vqs: Vec<u32> = set.iter().map(u32::from).collect();
        Host::from_vqs(&vqs).map_err(|e| format!("--host-vqs {list}: {e}"))?
    } else {
        return Ok(None);
    };
    // KVM caps the host's set at VQ 16, as QEMU's probe does.
    let set = VqSet(host.vq_map());
    Ok(Some(HostChoice { host, set }))
}

/// Opens the KVM the VM will run on. With --host/--host-vqs it is the one
/// asked for (KVM rules). Without, QEMU's TCG rules chose the set, and TCG
/// sets may have gaps (`sve512=on` gives 128, 256, 512 but not 384) that KVM
/// refuses on a host implementing the gap: KVM can only lower the maximum.
/// So svevm emulates a host implementing exactly the TCG set, which KVM then
/// accepts as is.
pub fn open_kvm(host: Option<&HostChoice>, set: VqSet) -> Result<Kvm, String> {
    let open = |r: softkvm::Result<Kvm>| r.map_err(|e| format!("cannot open softkvm: {e}"));
    match host {
        Some(h) => open(Kvm::with_host(h.host.clone())),
        None if set.is_empty() => open(Kvm::new()),
        None => {
            let vqs: Vec<u32> = set.iter().map(u32::from).collect();
            // TCG's rules keep every power of two below the maximum, which
            // is all Host::from_vqs asks of a host.
            let host = Host::from_vqs(&vqs)
                .map_err(|e| format!("cannot emulate a host with lengths {{{set}}}: {e}"))?;
            open(Kvm::with_host(host))
        }
    }
}

/// `svevm hosts --probe` asks the machine's KVM, which softkvm is not.
pub fn probe_host() -> Result<Probe, String> {
    Err(
        "hosts --probe needs real KVM: this svevm runs on softkvm, whose hosts are the \
         presets of `svevm hosts` (build with --features realkvm for an arm64 host)"
            .into(),
    )
}

/// The debugging options all work on softkvm.
pub fn check_run_options(_args: &RunArgs) -> Result<(), String> {
    Ok(())
}

/// Where --trace writes.
pub type TraceOut = Arc<Mutex<std::io::BufWriter<std::fs::File>>>;

/// Applies --max-insns and --trace to a new vCPU (softkvm extensions).
pub fn setup_vcpu(vcpu: &mut VcpuFd, id: u32, args: &RunArgs, trace: Option<&TraceOut>) {
    vcpu.set_instruction_limit(args.max_insns);
    if let Some(out) = trace {
        vcpu.set_trace(Some(tracer(id, out.clone(), args.trace_regs)));
    }
}

/// Kicks a vCPU out of `run()` from another thread.
#[derive(Clone)]
pub struct Kicker(softkvm::VcpuKicker);

impl Kicker {
    /// The vCPU's current or next `run()` returns EINTR.
    pub fn kick(&self) {
        self.0.kick();
    }
}

pub fn kicker(vcpu: &VcpuFd) -> Kicker {
    Kicker(vcpu.kick_handle())
}

/// Held by a vCPU's thread while it runs the vCPU (nothing to do on softkvm,
/// whose kick handle reaches the vCPU on any thread).
pub struct VcpuThread;

pub fn enter_vcpu_thread(_vcpu: &mut VcpuFd, _kicker: &Kicker) -> VcpuThread {
    VcpuThread
}

/// After `run()` returned EINTR (softkvm consumes the kick itself).
pub fn after_eintr(_vcpu: &mut VcpuFd) {}

/// Describes the last `VcpuExit::InternalError`.
pub fn internal_error(vcpu: &mut VcpuFd) -> InternalError {
    match vcpu.internal_error() {
        Some(e) if e.kind == InternalErrorKind::InstructionLimit => {
            InternalError::InstructionLimit(format!(
                "{} (--max-insns): stopped at pc {:#x}",
                e.what, e.pc
            ))
        }
        Some(e) => InternalError::Other(e.to_string()),
        None => InternalError::Other("internal error".into()),
    }
}

/// Instructions the vCPU retired (softkvm counts them).
pub fn instructions_retired(vcpu: &VcpuFd) -> Option<u64> {
    Some(vcpu.instructions_retired())
}

/// The --trace hook of vCPU `id`: one line per instruction, `cpuN PC WORD
/// disassembly`, and with --trace-regs the general registers it changed.
fn tracer(id: u32, out: TraceOut, regs: bool) -> TraceFn {
    use std::io::Write;
    let mut prev: Option<Box<CpuState>> = None;
    Box::new(move |pc: u64, word: u32, st: &CpuState| {
        let mut line = format!(
            "cpu{id} {pc:016x} {word:08x} {}",
            softkvm::disassemble(word, pc)
        );
        if regs {
            if let Some(p) = &prev {
                for (n, (a, b)) in p.x.iter().zip(st.x.iter()).enumerate() {
                    if a != b {
                        line += &format!(" x{n}={b:#x}");
                    }
                }
                if p.sp_el1 != st.sp_el1 || p.sp_el0 != st.sp_el0 {
                    line += &format!(" sp={:#x}", st.sp());
                }
                if p.pstate.nzcv != st.pstate.nzcv {
                    line += &format!(" nzcv={:#x}", st.pstate.nzcv >> 28);
                }
            }
            prev = Some(Box::new(st.clone()));
        }
        let mut w = out.lock().unwrap_or_else(|e| e.into_inner());
        let _ = writeln!(w, "{line}");
    })
}
