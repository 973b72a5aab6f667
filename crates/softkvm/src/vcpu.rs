//! A vCPU (`VcpuFd`), its exits (`VcpuExit`) and the run loop.

use crate::bindings::*;
use crate::psci;
use crate::regs;
use crate::vm::{lock, VcpuShared, VmShared};
use crate::vstate::VcpuInner;
use crate::{errno, Result};
use arm64_cpu::Exit;
use std::os::raw::c_int;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Instructions per call into the CPU; between calls the loop looks at the memory
/// map and the power state.
const BUDGET: u64 = 1 << 18;
/// How long WFI waits without an interrupt controller (see `docs/api.md`).
const WFI_WAIT: Duration = Duration::from_millis(1);

/// Information about a `KVM_EXIT_HYPERCALL` (kvm-ioctls' shape; softkvm handles
/// every hypercall itself and never produces this exit).
#[derive(Debug)]
pub struct HypercallExit<'a> {
    /// The hypercall number.
    pub nr: u64,
    /// The arguments.
    pub args: [u64; 6],
    /// The return code for the guest.
    pub ret: &'a mut u64,
    /// Long mode (x86 only).
    pub longmode: u32,
}

/// Why `run()` returned, as kvm-ioctls' `VcpuExit` (the variants an arm64 VMM can
/// meet, same names and payloads).
#[derive(Debug)]
pub enum VcpuExit<'a> {
    /// A guest read at this guest physical address missed every memory slot. Fill
    /// the slice (its length is the access size) before the next `run()`, which
    /// completes the instruction.
    MmioRead(u64, &'a mut [u8]),
    /// A guest write at this address missed every memory slot (or hit a read-only
    /// slot); the slice holds the data.
    MmioWrite(u64, &'a [u8]),
    /// `KVM_EXIT_UNKNOWN`.
    Unknown,
    /// `KVM_EXIT_EXCEPTION`.
    Exception,
    /// `KVM_EXIT_HYPERCALL` (never produced by softkvm).
    Hypercall(HypercallExit<'a>),
    /// `KVM_EXIT_DEBUG` (never produced: guest debug is not implemented).
    Debug(kvm_debug_exit_arch),
    /// `KVM_EXIT_HLT`.
    Hlt,
    /// `KVM_EXIT_IRQ_WINDOW_OPEN`.
    IrqWindowOpen,
    /// `KVM_EXIT_SHUTDOWN`.
    Shutdown,
    /// `KVM_EXIT_FAIL_ENTRY` (hardware_entry_failure_reason, cpu).
    FailEntry(u64, u32),
    /// `KVM_EXIT_INTR`.
    Intr,
    /// `KVM_EXIT_INTERNAL_ERROR`: the CPU met an instruction it does not implement;
    /// [`VcpuFd::internal_error`] has the details.
    InternalError,
    /// `KVM_EXIT_SYSTEM_EVENT`: type (`KVM_SYSTEM_EVENT_*`) and data (flags).
    SystemEvent(u32, &'a [u64]),
    /// `KVM_EXIT_MEMORY_FAULT`.
    MemoryFault {
        /// flags
        flags: u64,
        /// gpa
        gpa: u64,
        /// size
        size: u64,
    },
    /// An exit reason kvm-ioctls does not know.
    Unsupported(u32),
}

/// Why the last [`VcpuExit::InternalError`] happened (softkvm-specific).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InternalErrorKind {
    /// An allocated encoding the CPU does not implement yet.
    Unimplemented,
    /// Architecture the CPU does not model yet (`what` names it).
    Unsupported,
    /// The limit set with [`VcpuFd::set_instruction_limit`] was reached.
    InstructionLimit,
}

/// Details of the last [`VcpuExit::InternalError`] (softkvm-specific).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalError {
    /// Why.
    pub kind: InternalErrorKind,
    /// Address of the instruction.
    pub pc: u64,
    /// The instruction word (0 when the failure is not about one instruction).
    pub word: u32,
    /// What the CPU lacks.
    pub what: String,
    /// The instruction disassembled by the CPU's decoder.
    pub disassembly: String,
}

impl std::fmt::Display for InternalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} at pc {:#x}: {:#010x} {}",
            self.what, self.pc, self.word, self.disassembly
        )
    }
}

/// A handle another thread uses to kick a vCPU out of `run()` (softkvm's stand-in
/// for the signal a VMM sends to a vCPU thread). Cheap to clone.
#[derive(Debug, Clone)]
pub struct VcpuKicker {
    shared: Arc<VcpuShared>,
}

impl VcpuKicker {
    /// Makes the vCPU's current `run()` return `Err(EINTR)` soon (within one
    /// block of ~1024 guest instructions, or at once if it is waiting in WFI or
    /// powered off). If the vCPU is not in `run()`, its next `run()` returns EINTR
    /// at once: the kick is not lost.
    pub fn kick(&self) {
        self.shared.kick();
    }

    /// The vCPU's current `KVM_MP_STATE_*` (softkvm-specific: lets another thread
    /// see that a vCPU has powered itself off).
    pub fn mp_state(&self) -> u32 {
        lock(&self.shared.power).mp_state
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct PendingMmio {
    addr: u64,
    len: usize,
    write: bool,
}

enum ExitKind {
    Mmio,
    SystemEvent,
    InternalError,
}

/// A vCPU, as kvm-ioctls' `VcpuFd` (aarch64 calls). `Send + Sync`; run it on one
/// thread at a time (`run` takes `&mut self`).
pub struct VcpuFd {
    pub(crate) shared: Arc<VcpuShared>,
    inner: Mutex<VcpuInner>,
    pending: Option<PendingMmio>,
    mmio_data: [u8; 8],
    sysev: (u32, [u64; 1]),
    immediate_exit: u8,
    internal_error: Option<InternalError>,
    insn_limit: Option<u64>,
}

impl std::fmt::Debug for VcpuFd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VcpuFd")
            .field("id", &self.shared.id)
            .finish_non_exhaustive()
    }
}

impl VcpuFd {
    pub(crate) fn new(vm: Arc<VmShared>, id: u64) -> VcpuFd {
        let inner = VcpuInner::new(vm, id);
        VcpuFd {
            shared: inner.shared.clone(),
            inner: Mutex::new(inner),
            pending: None,
            mmio_data: [0; 8],
            sysev: (0, [0]),
            immediate_exit: 0,
            internal_error: None,
            insn_limit: None,
        }
    }

    fn inner(&self) -> std::sync::MutexGuard<'_, VcpuInner> {
        lock(&self.inner)
    }

    /// The vCPU id given to `create_vcpu`.
    pub fn id(&self) -> u64 {
        self.shared.id
    }

    /// `KVM_ARM_VCPU_INIT`. Errors: target not `GENERIC_V8` → `EINVAL`; a feature
    /// bit KVM does not know (≥ 8, or any bit of `features[1..]`) → `ENOENT`; a
    /// feature this host/CPU lacks (SVE on a host without SVE, AArch32, PMU,
    /// pointer authentication, EL2) → `EINVAL`; a feature set different from the
    /// one this VM's first INIT recorded → `EINVAL`. `POWER_OFF` is one-shot: it
    /// starts the vCPU stopped and is not part of the feature set.
    pub fn vcpu_init(&self, kvi: &kvm_vcpu_init) -> Result<()> {
        let r = self.inner().vcpu_init(kvi);
        r.map_err(errno)
    }

    /// `KVM_ARM_VCPU_FINALIZE`. Errors: not initialised → `ENOEXEC`; feature not
    /// `KVM_ARM_VCPU_SVE` (4), or SVE not enabled at INIT → `EINVAL`; already
    /// finalized → `EPERM`.
    pub fn vcpu_finalize(&self, feature: &c_int) -> Result<()> {
        let mut v = self.inner();
        if !v.initialized {
            return Err(errno(libc::ENOEXEC));
        }
        v.finalize(*feature).map_err(errno)
    }

    /// `KVM_GET_ONE_REG`: reads register `reg_id` into the first
    /// `reg_size(reg_id)` bytes of `data` and returns that size. A slice shorter
    /// than the size is refused with `EINVAL` before anything else (kvm-ioctls does
    /// this check in userspace). The kernel's errors are in `docs/api.md`.
    pub fn get_one_reg(&self, reg_id: u64, data: &mut [u8]) -> Result<usize> {
        let size = reg_size(reg_id);
        if data.len() < size {
            return Err(errno(libc::EINVAL));
        }
        let mut v = self.inner();
        if !v.initialized {
            return Err(errno(libc::ENOEXEC));
        }
        v.apply_pending_reset();
        regs::get(&mut v, reg_id, &mut data[..size]).map_err(errno)?;
        Ok(size)
    }

    /// `KVM_SET_ONE_REG`: writes register `reg_id` from the first
    /// `reg_size(reg_id)` bytes of `data`; returns that size.
    pub fn set_one_reg(&self, reg_id: u64, data: &[u8]) -> Result<usize> {
        let size = reg_size(reg_id);
        if data.len() < size {
            return Err(errno(libc::EINVAL));
        }
        let mut v = self.inner();
        if !v.initialized {
            return Err(errno(libc::ENOEXEC));
        }
        v.apply_pending_reset();
        regs::set(&mut v, reg_id, &data[..size]).map_err(errno)?;
        Ok(size)
    }

    /// `KVM_GET_REG_LIST`. Errors: not initialised → `ENOEXEC`; SVE not finalized →
    /// `EPERM`; the list holds fewer entries than the vCPU has registers → `E2BIG`.
    /// In every case that gets past EPERM, the count is written back to the list's
    /// `n`, as the kernel does. On `E2BIG` softkvm replaces `reg_list` with a
    /// zeroed list of exactly `n` entries (the kernel only writes `n`, leaving a
    /// header larger than its buffer; softkvm keeps the wrapper memory-safe), so
    /// `reg_list.as_fam_struct_ref().n` is the size to allocate.
    pub fn get_reg_list(&self, reg_list: &mut RegList) -> Result<()> {
        let v = self.inner();
        if !v.initialized {
            return Err(errno(libc::ENOEXEC));
        }
        if !v.is_finalized() {
            return Err(errno(libc::EPERM));
        }
        let list = regs::list(&v);
        drop(v);
        // The kernel reads the caller's n as an `unsigned` (32 bits).
        let n = reg_list.as_fam_struct_ref().n as u32 as usize;
        if n < list.len() {
            if let Ok(bigger) = RegList::new(list.len()) {
                *reg_list = bigger;
            }
            return Err(errno(libc::E2BIG));
        }
        // SAFETY: lowering the FAM length to at most its current value keeps the
        // wrapper's length within its allocation.
        unsafe { reg_list.as_mut_fam_struct() }.n = list.len() as u64;
        reg_list.as_mut_slice().copy_from_slice(&list);
        Ok(())
    }

    /// `KVM_GET_MP_STATE`: `KVM_MP_STATE_RUNNABLE` or `KVM_MP_STATE_STOPPED`.
    pub fn get_mp_state(&self) -> Result<kvm_mp_state> {
        Ok(kvm_mp_state {
            mp_state: lock(&self.shared.power).mp_state,
        })
    }

    /// `KVM_SET_MP_STATE`: RUNNABLE or STOPPED; anything else (SUSPENDED needs
    /// `KVM_CAP_ARM_SYSTEM_SUSPEND`, which softkvm lacks) → `EINVAL`.
    pub fn set_mp_state(&self, mp_state: kvm_mp_state) -> Result<()> {
        match mp_state.mp_state {
            KVM_MP_STATE_RUNNABLE | KVM_MP_STATE_STOPPED => {
                lock(&self.shared.power).mp_state = mp_state.mp_state;
                self.shared.poke();
                Ok(())
            }
            _ => Err(errno(libc::EINVAL)),
        }
    }

    /// `KVM_HAS_DEVICE_ATTR` on the vCPU: the timer group's VTIMER/PTIMER exist;
    /// PMU, PV time and anything else → `ENXIO` (the emulated CPU has no PMU and
    /// softkvm no stolen-time service).
    pub fn has_device_attr(&self, device_attr: &kvm_device_attr) -> Result<()> {
        match (device_attr.group, device_attr.attr) {
            (KVM_ARM_VCPU_TIMER_CTRL, a)
                if a == KVM_ARM_VCPU_TIMER_IRQ_VTIMER as u64
                    || a == KVM_ARM_VCPU_TIMER_IRQ_PTIMER as u64 =>
            {
                Ok(())
            }
            _ => Err(errno(libc::ENXIO)),
        }
    }

    /// Sets `kvm_run.immediate_exit`: while non-zero, `run()` returns `EINTR`
    /// without entering the guest (after completing a pending MMIO access).
    pub fn set_kvm_immediate_exit(&mut self, val: u8) {
        self.immediate_exit = val;
    }

    /// A handle for kicking this vCPU out of `run()` from another thread.
    pub fn kick_handle(&self) -> VcpuKicker {
        VcpuKicker {
            shared: self.shared.clone(),
        }
    }

    /// Details of the last [`VcpuExit::InternalError`] (softkvm-specific).
    pub fn internal_error(&self) -> Option<&InternalError> {
        self.internal_error.as_ref()
    }

    /// Instructions this vCPU has retired so far (softkvm-specific; a real KVM
    /// VMM would read the PMU).
    pub fn instructions_retired(&self) -> u64 {
        self.inner().cpu.retired
    }

    /// Stops the guest once it has retired `limit` instructions in all: `run()`
    /// then returns [`VcpuExit::InternalError`] with
    /// [`InternalErrorKind::InstructionLimit`] (softkvm-specific). `None` removes it.
    pub fn set_instruction_limit(&mut self, limit: Option<u64>) {
        self.insn_limit = limit;
    }

    /// Installs an instruction trace hook, called on this vCPU's thread after
    /// every instruction that retires or raises a guest exception, with its address,
    /// its word and the register state after it (softkvm-specific; `None` removes
    /// it). Tracing slows the vCPU down.
    pub fn set_trace(&mut self, trace: Option<crate::TraceFn>) {
        self.inner().cpu.trace = trace;
    }

    /// Runs the vCPU until an exit (`KVM_RUN`). Errors: not initialised →
    /// `ENOEXEC`; SVE not finalized → `EPERM`; immediate_exit set, or kicked →
    /// `EINTR`.
    pub fn run(&mut self) -> Result<VcpuExit<'_>> {
        let kind = self.run_inner()?;
        Ok(match kind {
            ExitKind::Mmio => {
                let p = self.pending.unwrap_or_default();
                let len = p.len.min(8);
                if p.write {
                    VcpuExit::MmioWrite(p.addr, &self.mmio_data[..len])
                } else {
                    VcpuExit::MmioRead(p.addr, &mut self.mmio_data[..len])
                }
            }
            ExitKind::SystemEvent => VcpuExit::SystemEvent(self.sysev.0, &self.sysev.1),
            ExitKind::InternalError => VcpuExit::InternalError,
        })
    }

    fn run_inner(&mut self) -> Result<ExitKind> {
        let v = self.inner.get_mut().unwrap_or_else(|e| e.into_inner());
        if !v.initialized {
            return Err(errno(libc::ENOEXEC));
        }
        if !v.is_finalized() {
            return Err(errno(libc::EPERM));
        }
        v.vm.has_run.store(true, Ordering::SeqCst);
        let shared = v.shared.clone();
        // Complete the MMIO access of the last exit: the instruction finishes now,
        // before anything else, as KVM completes it on entry to KVM_RUN.
        // (A re-INIT since the exit has dropped the CPU's pending access: nothing
        // to complete then.)
        if let Some(p) = self.pending.take() {
            let had = v.cpu.pending_mmio().is_some();
            if !p.write {
                v.cpu.complete_mmio_read(u64::from_le_bytes(self.mmio_data));
            }
            v.refresh_ram();
            if had {
                if let Err(exit) = v.cpu.step() {
                    if let Some(k) = handle_exit(
                        v,
                        exit,
                        &mut self.pending,
                        &mut self.mmio_data,
                        &mut self.sysev,
                        &mut self.internal_error,
                    )? {
                        return Ok(k);
                    }
                }
            }
        }
        if self.immediate_exit != 0 {
            return Err(errno(libc::EINTR));
        }
        loop {
            if shared.kick_pending.swap(false, Ordering::SeqCst) {
                shared.cpu_kick.store(false, Ordering::SeqCst);
                return Err(errno(libc::EINTR));
            }
            v.refresh_ram();
            // A stopped vCPU (POWER_OFF, CPU_OFF, SYSTEM_OFF) sleeps until CPU_ON,
            // SET_MP_STATE(RUNNABLE) or a kick.
            {
                let mut p = lock(&shared.power);
                while p.mp_state == KVM_MP_STATE_STOPPED {
                    if shared.kick_pending.swap(false, Ordering::SeqCst) {
                        shared.cpu_kick.store(false, Ordering::SeqCst);
                        return Err(errno(libc::EINTR));
                    }
                    p = shared.cv.wait(p).unwrap_or_else(|e| e.into_inner());
                }
            }
            v.apply_pending_reset();
            let budget = match self.insn_limit {
                Some(limit) if v.cpu.retired >= limit => {
                    self.internal_error = Some(InternalError {
                        kind: InternalErrorKind::InstructionLimit,
                        pc: v.cpu.s.pc,
                        word: 0,
                        what: format!("instruction limit of {limit} reached"),
                        disassembly: String::new(),
                    });
                    return Ok(ExitKind::InternalError);
                }
                Some(limit) => BUDGET.min(limit - v.cpu.retired),
                None => BUDGET,
            };
            let exit = v.cpu.run(budget);
            if let Some(k) = handle_exit(
                v,
                exit,
                &mut self.pending,
                &mut self.mmio_data,
                &mut self.sysev,
                &mut self.internal_error,
            )? {
                return Ok(k);
            }
        }
    }
}

/// Turns a CPU exit into a vCPU exit, or handles it and returns `None` to go on.
fn handle_exit(
    v: &mut VcpuInner,
    exit: Exit,
    pending: &mut Option<PendingMmio>,
    mmio_data: &mut [u8; 8],
    sysev: &mut (u32, [u64; 1]),
    internal_error: &mut Option<InternalError>,
) -> Result<Option<ExitKind>> {
    match exit {
        Exit::Budget | Exit::Kicked => Ok(None),
        Exit::Mmio(req) => {
            *mmio_data = if req.write {
                req.data.to_le_bytes()
            } else {
                [0; 8]
            };
            *pending = Some(PendingMmio {
                addr: req.pa,
                len: req.len as usize,
                write: req.write,
            });
            Ok(Some(ExitKind::Mmio))
        }
        Exit::Hvc(imm) => Ok(psci::call(v, imm, false).map(|ev| {
            *sysev = (ev.0, [ev.1]);
            ExitKind::SystemEvent
        })),
        Exit::Smc(imm) => Ok(psci::call(v, imm, true).map(|ev| {
            *sysev = (ev.0, [ev.1]);
            ExitKind::SystemEvent
        })),
        Exit::Wfi => {
            // No interrupt controller yet: WFI completes after a short sleep (the
            // architecture allows WFI to complete spuriously), or at once on a kick.
            let shared = v.shared.clone();
            let p = lock(&shared.power);
            if !shared.kick_pending.load(Ordering::SeqCst) {
                let _ = shared.cv.wait_timeout(p, WFI_WAIT);
            }
            Ok(None)
        }
        Exit::Unimplemented { pc, word } => {
            *internal_error = Some(InternalError {
                kind: InternalErrorKind::Unimplemented,
                pc,
                word,
                what: "instruction not implemented by the CPU".to_string(),
                disassembly: arm64_cpu::decode::disassemble(word, pc),
            });
            Ok(Some(ExitKind::InternalError))
        }
        Exit::Unsupported { pc, word, what } => {
            *internal_error = Some(InternalError {
                kind: InternalErrorKind::Unsupported,
                pc,
                word,
                what: what.to_string(),
                disassembly: arm64_cpu::decode::disassemble(word, pc),
            });
            Ok(Some(ExitKind::InternalError))
        }
    }
}

// kvm-ioctls' VcpuFd is Send (and Sync); so is softkvm's.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<VcpuFd>();
};
