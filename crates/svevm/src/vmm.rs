//! The VMM proper: VM, vCPUs, vector lengths, finalize, run loop.
//!
//! Everything here goes through the kvm-ioctls API, answered by softkvm or by
//! the real KVM (see [`crate::backend`]), in the order a VMM on KVM/arm64
//! follows (Documentation/virt/kvm/api.rst, "KVM_ARM_VCPU_INIT" and
//! "KVM_ARM_VCPU_FINALIZE"):
//!
//! 1. `Kvm::new` (softkvm: `Kvm::with_host`), `create_vm`;
//! 2. allocate guest RAM in the VMM and register it with
//!    `set_user_memory_region`;
//! 3. per vCPU: `create_vcpu`, `get_preferred_target`, `vcpu_init` with
//!    PSCI_0_2, SVE (when the resolved set is not empty) and POWER_OFF for
//!    secondaries;
//! 4. write the resolved set to `KVM_REG_ARM64_SVE_VLS`, then
//!    `vcpu_finalize(KVM_ARM_VCPU_SVE)`: the set is frozen from then on;
//! 5. set the boot vCPU's PC to the ELF entry (X0 stays 0: QEMU passes no
//!    device tree to an ELF);
//! 6. one thread per vCPU calling `run()`, handling MMIO exits on the bus and
//!    system events (PSCI SYSTEM_OFF / SYSTEM_RESET) in the main thread.

use std::alloc::{alloc_zeroed, dealloc, Layout};
use std::io::{Read, Write};
use std::os::raw::c_int;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::backend::bindings::{
    kvm_userspace_memory_region, kvm_vcpu_init, KVM_ARM_VCPU_POWER_OFF, KVM_ARM_VCPU_PSCI_0_2,
    KVM_ARM_VCPU_SVE, KVM_MEM_READONLY, KVM_REG_ARM64, KVM_REG_ARM64_SYSREG, KVM_REG_ARM_CORE,
    KVM_REG_SIZE_U64, KVM_SYSTEM_EVENT_RESET, KVM_SYSTEM_EVENT_SHUTDOWN,
};
use crate::backend::{self, Cap, InternalError, VcpuExit, VcpuFd, VmFd, REG_SVE_VLS};

use crate::cli::{parse_mem_size, RunArgs};
use crate::hosts;
use crate::loader::{self, Image};
use crate::machine::bus::{Bus, Target};
use crate::machine::{self, MAX_CPUS, MAX_RAM_SIZE, RAM_BASE, VECTOR_PAGE_BASE, VECTOR_PAGE_SIZE};
use crate::{EXIT_BAD_INPUT, EXIT_GUEST_FAILURE, EXIT_RUNAWAY};

/// A run that did not end with the guest powering off.
#[derive(Debug)]
pub struct RunError {
    pub status: u8,
    pub message: String,
}

fn bad_input(message: String) -> RunError {
    RunError {
        status: EXIT_BAD_INPUT,
        message,
    }
}

fn guest_failure(message: String) -> RunError {
    RunError {
        status: EXIT_GUEST_FAILURE,
        message,
    }
}

/// KVM core register ids: offsets in 32-bit words into `struct kvm_regs`
/// (`user_pt_regs` first: x0..x30, sp, pc, pstate; then sp_el1, elr_el1).
const fn core_reg(word_offset: u64) -> u64 {
    KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE as u64 | word_offset
}
const REG_PC: u64 = core_reg(64);
const REG_ELR_EL1: u64 = core_reg(70);

const fn sys_reg(op0: u64, op1: u64, crn: u64, crm: u64, op2: u64) -> u64 {
    KVM_REG_ARM64
        | KVM_REG_SIZE_U64
        | KVM_REG_ARM64_SYSREG as u64
        | (op0 << 14)
        | (op1 << 11)
        | (crn << 7)
        | (crm << 3)
        | op2
}
const REG_ESR_EL1: u64 = sys_reg(3, 0, 5, 2, 0);
const REG_FAR_EL1: u64 = sys_reg(3, 0, 6, 0, 0);
const REG_VBAR_EL1: u64 = sys_reg(3, 0, 12, 0, 0);

/// Guest RAM, owned by the VMM as with KVM (an anonymous mapping there).
struct GuestMem {
    ptr: *mut u8,
    layout: Layout,
}

// The memory is shared with softkvm's vCPUs, which access it through the
// address registered with set_user_memory_region, exactly as KVM does.
unsafe impl Send for GuestMem {}
unsafe impl Sync for GuestMem {}

impl GuestMem {
    fn new(size: u64) -> Result<GuestMem, String> {
        let layout = usize::try_from(size)
            .ok()
            .and_then(|s| Layout::from_size_align(s, 1 << 16).ok())
            .ok_or_else(|| format!("cannot allocate {size} bytes of guest RAM"))?;
        // SAFETY: the layout has a non-zero size (checked by the caller).
        let ptr = unsafe { alloc_zeroed(layout) };
        if ptr.is_null() {
            return Err(format!("cannot allocate {} MiB of guest RAM", size >> 20));
        }
        Ok(GuestMem { ptr, layout })
    }

    fn size(&self) -> u64 {
        self.layout.size() as u64
    }

    /// Copies the image's segments in (file bytes, then zeros to memsz).
    fn load(&self, image: &Image) {
        for s in &image.segments {
            // The loader checked that every segment lies inside RAM.
            let off = (s.paddr - RAM_BASE) as usize;
            let len = s.memsz as usize;
            debug_assert!(off + len <= self.layout.size());
            // SAFETY: off..off+len is inside the allocation (checked by the
            // loader against the same RAM size); vCPUs are not running.
            unsafe {
                let dst = self.ptr.add(off);
                std::ptr::write_bytes(dst, 0, len);
                std::ptr::copy_nonoverlapping(s.data.as_ptr(), dst, s.data.len().min(len));
            }
        }
    }
}

impl Drop for GuestMem {
    fn drop(&mut self) {
        // SAFETY: allocated in new() with this layout.
        unsafe { dealloc(self.ptr, self.layout) }
    }
}

/// How often the main thread looks at the vCPUs while waiting.
const WATCHDOG: Duration = Duration::from_millis(200);

/// How the run ended, as a vCPU thread reports it.
enum Event {
    Shutdown,
    Reset,
    Failure(String),
    /// The guest ran into --max-insns.
    Runaway(String),
}

#[derive(Default)]
struct Stats {
    mmio_reads: AtomicU64,
    mmio_writes: AtomicU64,
    system_events: AtomicU64,
    kicks: AtomicU64,
    /// Where each vCPU was when the run was stopped from outside.
    last_pc: [AtomicU64; MAX_CPUS as usize],
}

/// `svevm run`: boots the ELF file args.guest, UART to stdout, stdin to the UART.
pub fn run(args: &RunArgs) -> Result<(), RunError> {
    let p = prepare(args)?;
    let image = loader::load_file(&args.guest, RAM_BASE, p.mem).map_err(|e| bad_input(e.0))?;
    boot(args, p, &image, std::io::stdout(), true)
}

/// Boots an ELF image given as bytes (args.guest only names it in messages),
/// the UART's output going to `out` and nothing to its input: the same path
/// as [`run`] otherwise.
pub fn run_elf<W: Write + Send + 'static>(
    args: &RunArgs,
    elf: &[u8],
    out: W,
) -> Result<(), RunError> {
    let p = prepare(args)?;
    let image = loader::parse(elf, RAM_BASE, p.mem)
        .map_err(|e| bad_input(format!("guest {}: {e}", args.guest.display())))?;
    boot(args, p, &image, out, false)
}

/// What the options resolve to before the guest is loaded.
struct Prepared {
    mem: u64,
    trace: Option<backend::TraceOut>,
    host_choice: Option<backend::HostChoice>,
    resolved: sve_vls::Resolved,
}

fn prepare(args: &RunArgs) -> Result<Prepared, RunError> {
    let mem = parse_mem_size(&args.mem).map_err(bad_input)?;
    if !((1 << 20)..=MAX_RAM_SIZE).contains(&mem) || mem % 4096 != 0 {
        return Err(bad_input(format!(
            "--mem {}: RAM must be a multiple of 4 KiB between 1M and {}G",
            args.mem,
            MAX_RAM_SIZE >> 30
        )));
    }
    if args.smp == 0 || args.smp > MAX_CPUS {
        return Err(bad_input(format!(
            "--smp {}: the virt machine takes 1 to {} vCPUs",
            args.smp, MAX_CPUS
        )));
    }
    if let Some(t) = args.timeout {
        if !(t > 0.0 && t.is_finite()) {
            return Err(bad_input(format!(
                "--timeout {t}: give a positive number of seconds"
            )));
        }
    }
    backend::check_run_options(args).map_err(bad_input)?;
    let trace = match &args.trace {
        Some(path) => Some(Arc::new(Mutex::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| bad_input(format!("--trace {}: {e}", path.display())))?,
        )))),
        None => None,
    };
    let host_choice = backend::host_choice(&args.cpu).map_err(bad_input)?;
    let resolved = hosts::resolve(&args.cpu, host_choice.as_ref()).map_err(bad_input)?;
    Ok(Prepared {
        mem,
        trace,
        host_choice,
        resolved,
    })
}

fn boot<W: Write + Send + 'static>(
    args: &RunArgs,
    p: Prepared,
    image: &Image,
    out: W,
    stdin: bool,
) -> Result<(), RunError> {
    let Prepared {
        mem,
        trace,
        host_choice,
        resolved,
    } = p;
    let kvm = backend::open_kvm(host_choice.as_ref(), resolved.set).map_err(bad_input)?;
    let vm = kvm
        .create_vm()
        .map_err(|e| guest_failure(format!("KVM_CREATE_VM failed: {e}")))?;
    if !resolved.set.is_empty() && !kvm.check_extension(Cap::ArmSve) {
        return Err(bad_input(format!(
            "--cpu {}: the host's KVM has no SVE (KVM_CAP_ARM_SVE is 0)",
            args.cpu.cpu
        )));
    }
    let ram = GuestMem::new(mem).map_err(bad_input)?;
    let region = kvm_userspace_memory_region {
        slot: 0,
        flags: 0,
        guest_phys_addr: RAM_BASE,
        memory_size: ram.size(),
        userspace_addr: ram.ptr as u64,
    };
    // SAFETY: the region is ours, lives until the VM is dropped (vm is
    // declared after ram, so it is dropped first) and is not aliased by
    // other Rust references while vCPUs run.
    unsafe { vm.set_user_memory_region(region) }
        .map_err(|e| guest_failure(format!("KVM_SET_USER_MEMORY_REGION failed: {e}")))?;

    // svevm's vector page at 0 (see machine::vector_page); never written.
    let vpage = GuestMem::new(VECTOR_PAGE_SIZE).map_err(bad_input)?;
    let vcode = machine::vector_page();
    // SAFETY: vpage is VECTOR_PAGE_SIZE bytes and vcode has that length.
    unsafe { std::ptr::copy_nonoverlapping(vcode.as_ptr(), vpage.ptr, vcode.len()) };
    let vregion = kvm_userspace_memory_region {
        slot: 1,
        flags: KVM_MEM_READONLY,
        guest_phys_addr: VECTOR_PAGE_BASE,
        memory_size: VECTOR_PAGE_SIZE,
        userspace_addr: vpage.ptr as u64,
    };
    // SAFETY: vpage outlives the VM (dropped after it at the end of run) and
    // the slot is read-only, so nothing writes through the pointer.
    unsafe { vm.set_user_memory_region(vregion) }
        .map_err(|e| guest_failure(format!("KVM_SET_USER_MEMORY_REGION (vectors) failed: {e}")))?;

    let mut vcpus = Vec::new();
    for id in 0..args.smp {
        let mut vcpu = vm
            .create_vcpu(u64::from(id))
            .map_err(|e| guest_failure(format!("KVM_CREATE_VCPU {id} failed: {e}")))?;
        backend::setup_vcpu(&mut vcpu, id, args, trace.as_ref());
        vcpus.push(vcpu);
    }
    let bus = Arc::new(Bus::new(out, RAM_BASE, mem));
    if stdin {
        spawn_stdin_reader(bus.clone());
    }
    let stats = Arc::new(Stats::default());
    let started = Instant::now();
    let deadline = args.timeout.map(|t| started + Duration::from_secs_f64(t));

    let result = loop {
        ram.load(image);
        if let Err(e) = reset_vcpus(&vm, &mut vcpus, resolved.set, image.entry) {
            break Err(e);
        }
        match run_vcpus(&mut vcpus, &bus, &stats, deadline, &ram) {
            Ok(Event::Reset) if !args.no_reboot => continue,
            Ok(Event::Reset) | Ok(Event::Shutdown) => break Ok(()),
            Ok(Event::Failure(m)) => break Err(guest_failure(m)),
            Ok(Event::Runaway(m)) => {
                break Err(RunError {
                    status: EXIT_RUNAWAY,
                    message: m,
                })
            }
            Err(e) => break Err(e),
        }
    };
    if args.stats {
        print_stats(&stats, &bus, started.elapsed(), &vcpus);
    }
    if let Some(out) = &trace {
        let _ = out.lock().unwrap_or_else(|e| e.into_inner()).flush();
    }
    drop(vcpus);
    drop(vm);
    drop(ram);
    drop(vpage);
    result
}

/// (Re)initialises every vCPU: INIT with the VM's features, SVE lengths,
/// finalize (only once: a finalized vCPU keeps its set across INIT), PC.
fn reset_vcpus(
    vm: &VmFd,
    vcpus: &mut [VcpuFd],
    set: sve_vls::VqSet,
    entry: u64,
) -> Result<(), RunError> {
    let mut kvi = kvm_vcpu_init::default();
    vm.get_preferred_target(&mut kvi)
        .map_err(|e| guest_failure(format!("KVM_ARM_PREFERRED_TARGET failed: {e}")))?;
    kvi.features[0] |= 1 << KVM_ARM_VCPU_PSCI_0_2;
    if !set.is_empty() {
        kvi.features[0] |= 1 << KVM_ARM_VCPU_SVE;
    }
    for (i, vcpu) in vcpus.iter_mut().enumerate() {
        let mut k = kvi;
        if i > 0 {
            // Secondaries wait for PSCI CPU_ON, as on QEMU's virt board.
            k.features[0] |= 1 << KVM_ARM_VCPU_POWER_OFF;
        }
        vcpu.vcpu_init(&k)
            .map_err(|e| guest_failure(format!("KVM_ARM_VCPU_INIT of vCPU {i} failed: {e}")))?;
        if !set.is_empty() {
            let mut cur = [0u8; 64];
            let finalized = vcpu.get_one_reg(REG_SVE_VLS, &mut cur).is_ok()
                && vcpu.set_one_reg(REG_SVE_VLS, &cur).is_err();
            if !finalized {
                vcpu.set_one_reg(REG_SVE_VLS, &set.to_kvm_vls())
                    .map_err(|e| {
                        guest_failure(format!(
                            "vCPU {i}: writing KVM_REG_ARM64_SVE_VLS = {{{set}}} failed: {e}"
                        ))
                    })?;
                let what: c_int = KVM_ARM_VCPU_SVE as c_int;
                vcpu.vcpu_finalize(&what).map_err(|e| {
                    guest_failure(format!("vCPU {i}: KVM_ARM_VCPU_FINALIZE(SVE) failed: {e}"))
                })?;
            }
        }
        if i == 0 {
            vcpu.set_one_reg(REG_PC, &entry.to_le_bytes())
                .map_err(|e| guest_failure(format!("setting the boot vCPU's PC failed: {e}")))?;
        }
    }
    Ok(())
}

/// Runs all vCPUs on their own threads until one reports an event (or the
/// deadline passes); then stops the others and returns the first event.
fn run_vcpus<W: Write + Send>(
    vcpus: &mut [VcpuFd],
    bus: &Arc<Bus<W>>,
    stats: &Arc<Stats>,
    deadline: Option<Instant>,
    ram: &GuestMem,
) -> Result<Event, RunError> {
    let stop = Arc::new(AtomicBool::new(false));
    let kickers: Vec<_> = vcpus.iter().map(backend::kicker).collect();
    let (tx, rx) = mpsc::channel::<Event>();
    let ram_range = (RAM_BASE, RAM_BASE + ram.size());
    let first = Mutex::new(None);
    std::thread::scope(|s| {
        for (i, vcpu) in vcpus.iter_mut().enumerate() {
            let tx = tx.clone();
            let stop = stop.clone();
            let bus = bus.clone();
            let stats = stats.clone();
            let kicker = kickers[i].clone();
            std::thread::Builder::new()
                .name(format!("vcpu{i}"))
                .spawn_scoped(s, move || {
                    let _thread = backend::enter_vcpu_thread(vcpu, &kicker);
                    let ev = vcpu_loop(i, vcpu, &bus, &stats, &stop, ram_range);
                    if let Some(ev) = ev {
                        let _ = tx.send(ev);
                    }
                })
                .expect("spawn vCPU thread");
        }
        drop(tx);
        // Wait for an event, the deadline, or a watchdog tick: each tick kicks
        // the vCPUs so that their threads can see a guest stuck outside RAM
        // (an exception with no vector table loops on the vector address).
        let ev = loop {
            let now = Instant::now();
            let wait = match deadline {
                Some(d) if d <= now => break None,
                Some(d) => WATCHDOG.min(d - now),
                None => WATCHDOG,
            };
            match rx.recv_timeout(wait) {
                Ok(ev) => break Some(ev),
                Err(mpsc::RecvTimeoutError::Disconnected) => break None,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    for k in &kickers {
                        k.kick();
                    }
                }
            }
        };
        stop.store(true, Ordering::SeqCst);
        for k in &kickers {
            k.kick();
        }
        *first.lock().unwrap_or_else(|e| e.into_inner()) = Some(ev);
    });
    let ev = first
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .flatten();
    match ev {
        Some(ev) => Ok(ev),
        None => match deadline {
            Some(_) => {
                let pcs: Vec<String> = (0..vcpus.len())
                    .map(|i| format!("{:#x}", stats.last_pc[i].load(Ordering::Relaxed)))
                    .collect();
                Err(RunError {
                    status: EXIT_RUNAWAY,
                    message: format!(
                        "guest still running at the --timeout deadline: stopped (pc {})",
                        pcs.join(", ")
                    ),
                })
            }
            None => Err(guest_failure(
                "every vCPU stopped without a PSCI SYSTEM_OFF".into(),
            )),
        },
    }
}

/// One vCPU's thread: run, handle exits, report what ends the run.
fn vcpu_loop<W: Write + Send>(
    i: usize,
    vcpu: &mut VcpuFd,
    bus: &Bus<W>,
    stats: &Stats,
    stop: &AtomicBool,
    ram: (u64, u64),
) -> Option<Event> {
    loop {
        if stop.load(Ordering::SeqCst) {
            stats.last_pc[i].store(read_reg(vcpu, REG_PC), Ordering::Relaxed);
            return None;
        }
        let unmapped = match vcpu.run() {
            Ok(VcpuExit::MmioRead(addr, data)) => {
                stats.mmio_reads.fetch_add(1, Ordering::Relaxed);
                match bus.read(addr, data) {
                    Target::Unmapped => Some((addr, "read")),
                    _ => None,
                }
            }
            Ok(VcpuExit::MmioWrite(addr, data)) => {
                stats.mmio_writes.fetch_add(1, Ordering::Relaxed);
                match bus.write(addr, data) {
                    Target::Unmapped => Some((addr, "write")),
                    Target::VectorTrap(entry) => {
                        return Some(Event::Failure(unhandled_exception(i, vcpu, entry)))
                    }
                    _ => None,
                }
            }
            Ok(VcpuExit::SystemEvent(ty, _flags)) => {
                stats.system_events.fetch_add(1, Ordering::Relaxed);
                return Some(match ty {
                    KVM_SYSTEM_EVENT_SHUTDOWN => Event::Shutdown,
                    KVM_SYSTEM_EVENT_RESET => Event::Reset,
                    t => Event::Failure(format!("vCPU {i}: unexpected system event {t}")),
                });
            }
            Ok(VcpuExit::InternalError) => {
                return Some(match backend::internal_error(vcpu) {
                    InternalError::InstructionLimit(m) => Event::Runaway(format!("vCPU {i}: {m}")),
                    InternalError::Other(detail) => {
                        Event::Failure(describe_failure(i, vcpu, &detail, ram))
                    }
                });
            }
            Ok(other) => {
                return Some(Event::Failure(format!(
                    "vCPU {i}: unexpected exit {other:?}"
                )))
            }
            Err(e) if e.errno() == EINTR => {
                backend::after_eintr(vcpu);
                stats.kicks.fetch_add(1, Ordering::Relaxed);
                let pc = read_reg(vcpu, REG_PC);
                let vbar = read_reg(vcpu, REG_VBAR_EL1);
                if !(ram.0..ram.1).contains(&pc) && pc.wrapping_sub(vbar) < 0x800 {
                    return Some(Event::Failure(describe_failure(i, vcpu, "stuck", ram)));
                }
                continue;
            }
            Err(e) if e.errno() == ENOSYS => {
                // KVM's answer to a guest access outside memory that it cannot
                // turn into an MMIO exit (no instruction syndrome, e.g. a load
                // pair or a vector store to a device address).
                let pc = read_reg(vcpu, REG_PC);
                return Some(Event::Failure(format!(
                    "vCPU {i}: KVM_RUN failed: {e}: a device access {} cannot decode, at pc {pc:#x}",
                    backend::NAME
                )));
            }
            Err(e) => return Some(Event::Failure(format!("vCPU {i}: KVM_RUN failed: {e}"))),
        };
        if let Some((addr, what)) = unmapped {
            let pc = read_reg(vcpu, REG_PC);
            return Some(Event::Failure(format!(
                "vCPU {i}: guest {what} of unmapped physical address {addr:#x} at pc {pc:#x}"
            )));
        }
    }
}

/// Linux's EINTR, which KVM_RUN returns when a vCPU is kicked (softkvm too,
/// errno for errno).
const EINTR: i32 = 4;
/// Linux's ENOSYS.
const ENOSYS: i32 = 38;

fn read_reg(vcpu: &VcpuFd, id: u64) -> u64 {
    let mut b = [0u8; 8];
    match vcpu.get_one_reg(id, &mut b) {
        Ok(_) => u64::from_le_bytes(b),
        Err(_) => 0,
    }
}

/// A guest that takes an exception with no handler (VBAR_EL1 outside RAM)
/// ends up fetching instructions outside RAM: report the exception that got
/// it there, from ESR_EL1/ELR_EL1/FAR_EL1, rather than the fetch.
fn describe_failure(i: usize, vcpu: &VcpuFd, detail: &str, ram: (u64, u64)) -> String {
    let pc = read_reg(vcpu, REG_PC);
    let vbar = read_reg(vcpu, REG_VBAR_EL1);
    let in_ram = |a: u64| a >= ram.0 && a < ram.1;
    if !in_ram(pc) && pc.wrapping_sub(vbar) < 0x800 {
        let esr = read_reg(vcpu, REG_ESR_EL1);
        let elr = read_reg(vcpu, REG_ELR_EL1);
        let far = read_reg(vcpu, REG_FAR_EL1);
        return format!(
            "vCPU {i}: unhandled exception (no vector table): ESR_EL1={esr:#x} ({}), ELR_EL1={elr:#x}, FAR_EL1={far:#x}",
            decode_esr(esr)
        );
    }
    format!("vCPU {i}: {detail}")
}

fn unhandled_exception(i: usize, vcpu: &VcpuFd, entry: u8) -> String {
    const KIND: [&str; 4] = ["synchronous", "IRQ", "FIQ", "SError"];
    const FROM: [&str; 4] = ["EL1 with SP_EL0", "EL1", "EL0 (AArch64)", "EL0 (AArch32)"];
    let esr = read_reg(vcpu, REG_ESR_EL1);
    let elr = read_reg(vcpu, REG_ELR_EL1);
    let far = read_reg(vcpu, REG_FAR_EL1);
    format!(
        "vCPU {i}: unhandled {} exception from {} (no vector table): ESR_EL1={esr:#x} ({}), ELR_EL1={elr:#x}, FAR_EL1={far:#x}",
        KIND[usize::from(entry & 3)],
        FROM[usize::from((entry >> 2) & 3)],
        decode_esr(esr)
    )
}

/// ESR_ELx.EC, named as in the Arm ARM (D17.2.37).
pub fn decode_esr(esr: u64) -> String {
    let ec = (esr >> 26) & 0x3f;
    let iss = esr & 0x1ff_ffff;
    let name = match ec {
        0x00 => "unknown reason (undefined instruction)",
        0x01 => "trapped WFI/WFE",
        0x07 => "SVE/SIMD/FP access trap",
        0x0e => "illegal execution state",
        0x15 => "SVC in AArch64",
        0x16 => "HVC in AArch64",
        0x17 => "SMC in AArch64",
        0x18 => "trapped MSR/MRS/system instruction",
        0x19 => "SVE access trap",
        0x20 => "instruction abort from a lower EL",
        0x21 => "instruction abort at the same EL",
        0x22 => "PC alignment fault",
        0x24 => "data abort from a lower EL",
        0x25 => "data abort at the same EL",
        0x26 => "SP alignment fault",
        0x2c => "trapped floating-point exception",
        0x2f => "SError",
        0x3c => "BRK instruction",
        _ => "other",
    };
    let mut s = format!("EC={ec:#04x} {name}");
    if ec == 0x24 || ec == 0x25 || ec == 0x20 || ec == 0x21 {
        let fsc = iss & 0x3f;
        let f = match fsc {
            0x21 => "alignment fault",
            0x10 => "synchronous external abort",
            0x04..=0x07 => "translation fault",
            0x08..=0x0b => "access flag fault",
            0x0c..=0x0f => "permission fault",
            _ => "fault",
        };
        s.push_str(&format!(", {f} (FSC={fsc:#04x})"));
        if ec == 0x24 || ec == 0x25 {
            s.push_str(if iss & (1 << 6) != 0 {
                ", write"
            } else {
                ", read"
            });
        }
    }
    s
}

/// Feeds stdin to the UART's receive side.
fn spawn_stdin_reader<W: Write + Send + 'static>(bus: Arc<Bus<W>>) {
    let _ = std::thread::Builder::new()
        .name("stdin".into())
        .spawn(move || {
            let mut stdin = std::io::stdin();
            let mut b = [0u8; 1];
            loop {
                match stdin.read(&mut b) {
                    Ok(1) => bus.queue_rx(b[0]),
                    _ => return,
                }
            }
        });
}

fn print_stats<W: Write + Send>(stats: &Stats, bus: &Bus<W>, wall: Duration, vcpus: &[VcpuFd]) {
    let tx = bus.uart.lock().map(|u| u.tx_count).unwrap_or(0);
    let secs = wall.as_secs_f64();
    eprintln!("svevm stats:");
    eprintln!("  wall time        {secs:.3} s");
    eprintln!("  vCPUs            {}", vcpus.len());
    let mut total = Some(0u64);
    for (i, v) in vcpus.iter().enumerate() {
        match backend::instructions_retired(v) {
            Some(n) => {
                total = total.map(|t| t + n);
                eprintln!("  vCPU {i} retired   {n} instructions");
            }
            None => total = None,
        }
    }
    match total {
        Some(t) if secs > 0.0 => {
            eprintln!("  speed            {:.1} MIPS", t as f64 / secs / 1e6)
        }
        Some(_) => {}
        None => eprintln!("  instructions     not counted on {}", backend::NAME),
    }
    eprintln!(
        "  exits            mmio-read {} mmio-write {} system-event {} kicked {}",
        stats.mmio_reads.load(Ordering::Relaxed),
        stats.mmio_writes.load(Ordering::Relaxed),
        stats.system_events.load(Ordering::Relaxed),
        stats.kicks.load(Ordering::Relaxed)
    );
    eprintln!("  UART bytes out   {tx}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_ids() {
        // KVM's documented ids: PC is 0x6030 0000 0010 0040, ESR_EL1 is
        // 0x6030 0000 0013 c290 (op0=3 op1=0 CRn=5 CRm=2 op2=0).
        assert_eq!(REG_PC, 0x6030_0000_0010_0040);
        assert_eq!(REG_ESR_EL1, 0x6030_0000_0013_c290);
        assert_eq!(REG_VBAR_EL1, 0x6030_0000_0013_c600);
    }

    #[test]
    fn esr_decoding() {
        assert!(decode_esr(0x9600_0021).contains("data abort at the same EL"));
        assert!(decode_esr(0x9600_0021).contains("alignment fault"));
        assert!(decode_esr(0x0200_0000).contains("unknown reason"));
    }
}
