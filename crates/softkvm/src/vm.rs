//! The VM: memory slots, the vCPU registry and VM-wide state (`VmFd`).

use crate::bindings::*;
use crate::cap::Cap;
use crate::host::Host;
use crate::vcpu::VcpuFd;
use crate::{errno, Result};
use arm64_cpu::{GuestRam, Region};
use std::collections::BTreeMap;
use std::os::raw::c_ulong;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, RwLock};

/// The page size of the emulated host (Debian's arm64 kernels use 4 KiB pages);
/// memory slots must be aligned to it.
pub const PAGE_SIZE: u64 = 4096;
/// `KVM_CAP_NR_MEMSLOTS` on arm64 (no internal slots: `SHRT_MAX`).
pub const NR_MEMSLOTS: usize = 32767;
/// `KVM_CAP_MAX_VCPUS` / `KVM_CAP_MAX_VCPU_ID` on arm64 with a GICv3 (`KVM_MAX_VCPUS`).
pub const MAX_VCPUS: usize = 512;
/// The default IPA size of a VM created with type 0 (KVM's `KVM_PHYS_SHIFT`).
pub const DEFAULT_IPA_BITS: u32 = 40;
/// `KVM_ARM_PSCI_0_1` / `_0_2` / `_1_0` / `_1_1` as the firmware register encodes them.
pub const PSCI_0_1: u32 = 1;
pub const PSCI_0_2: u32 = 2;
pub const PSCI_1_0: u32 = 1 << 16;
pub const PSCI_1_1: u32 = (1 << 16) | 1;

/// Locks a mutex, ignoring poisoning (a panicking VMM thread must not wedge the VM;
/// every critical section here leaves the data consistent).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A reset requested by PSCI CPU_ON, applied by the target vCPU's own thread.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PsciReset {
    pub pc: u64,
    pub r0: u64,
}

/// Power state of a vCPU as PSCI and `KVM_{GET,SET}_MP_STATE` see it.
#[derive(Debug)]
pub(crate) struct Power {
    pub mp_state: u32,
    pub reset: Option<PsciReset>,
}

/// What other threads may touch of a vCPU.
#[derive(Debug)]
pub(crate) struct VcpuShared {
    pub id: u64,
    /// MPIDR_EL1 affinity, for PSCI's MPIDR-based targeting.
    pub mpidr: AtomicU64,
    pub power: Mutex<Power>,
    pub cv: Condvar,
    /// A kick that `run()` has not reported yet (makes it return EINTR).
    pub kick_pending: AtomicBool,
    /// The CPU's own stop flag: makes `Cpu::run` return soon.
    pub cpu_kick: Arc<AtomicBool>,
}

impl VcpuShared {
    /// Interrupts `run()`: the vCPU leaves its CPU loop or its wait, and `run()`
    /// returns EINTR.
    pub fn kick(&self) {
        self.kick_pending.store(true, Ordering::SeqCst);
        self.poke();
    }

    /// Makes the vCPU thread re-examine its state (without an EINTR).
    pub fn poke(&self) {
        self.cpu_kick.store(true, Ordering::SeqCst);
        let _g = lock(&self.power);
        self.cv.notify_all();
    }
}

#[derive(Debug, Default)]
struct MemState {
    slots: BTreeMap<u16, kvm_userspace_memory_region>,
}

/// State shared by the VM fd and all its vCPUs.
#[derive(Debug)]
pub(crate) struct VmShared {
    pub host: Host,
    pub ipa_bits: u32,
    mem: Mutex<MemState>,
    ram: RwLock<Arc<GuestRam>>,
    pub ram_gen: AtomicU64,
    pub vcpus: Mutex<Vec<Arc<VcpuShared>>>,
    /// The per-VM feature set recorded by the first successful INIT (6.7+ rule).
    pub features: Mutex<Option<u32>>,
    /// PSCI version for vCPUs with PSCI 0.2+ (firmware register, VM-wide).
    pub psci_version: AtomicU32,
    /// Firmware feature bitmaps: standard, standard hypervisor, vendor hypervisor.
    pub fw_bmaps: Mutex<[u64; 3]>,
    /// Has any vCPU of the VM run?
    pub has_run: AtomicBool,
}

impl VmShared {
    /// The current guest RAM map.
    pub fn ram(&self) -> Arc<GuestRam> {
        self.ram.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// All vCPUs (snapshot).
    pub fn vcpus(&self) -> Vec<Arc<VcpuShared>> {
        lock(&self.vcpus).clone()
    }
}

/// A VM, as kvm-ioctls' `VmFd` (aarch64 calls).
///
/// `VmFd` is `Send + Sync`: vCPUs may be created from any thread, and the memory map
/// may change while vCPUs run (they pick up the new map at their next instruction
/// budget, as KVM vCPUs pick up a new memslot generation).
#[derive(Debug)]
pub struct VmFd {
    pub(crate) shared: Arc<VmShared>,
    run_size: usize,
}

/// Bits of `KVM_SET_USER_MEMORY_REGION`'s flags that arm64 accepts.
const VALID_MEM_FLAGS: u32 = KVM_MEM_LOG_DIRTY_PAGES | KVM_MEM_READONLY;

impl VmFd {
    pub(crate) fn new(host: Host, ipa_bits: u32, run_size: usize) -> VmFd {
        VmFd {
            shared: Arc::new(VmShared {
                host,
                ipa_bits,
                mem: Mutex::new(MemState::default()),
                ram: RwLock::new(Arc::new(GuestRam::default())),
                ram_gen: AtomicU64::new(0),
                vcpus: Mutex::new(Vec::new()),
                features: Mutex::new(None),
                psci_version: AtomicU32::new(PSCI_1_1),
                fw_bmaps: Mutex::new(crate::regs::fw::DEFAULT_BMAPS),
                has_run: AtomicBool::new(false),
            }),
            run_size,
        }
    }

    /// `KVM_SET_USER_MEMORY_REGION`: creates, moves, changes the flags of, or (with
    /// `memory_size == 0`) deletes a memory slot.
    ///
    /// Errors, checked in the kernel's order: unknown flags, a size or guest address
    /// not page aligned, a host address not page aligned, an address-space id other
    /// than 0 or a slot id ≥ [`NR_MEMSLOTS`], a wrapping range → `EINVAL`; deleting a
    /// slot that does not exist → `EINVAL`; changing the host address, size or
    /// READONLY flag of an existing slot → `EINVAL`; overlap with another slot →
    /// `EEXIST`; a range beyond the VM's IPA size → `EFAULT`.
    ///
    /// # Safety
    ///
    /// As with KVM, `userspace_addr..userspace_addr+memory_size` must be memory of
    /// this process that stays mapped (readable and writable) for as long as the slot
    /// exists. Guest code and the VMM may access it concurrently; vCPUs read and write
    /// it with byte copies and host atomic instructions.
    pub unsafe fn set_user_memory_region(
        &self,
        user_memory_region: kvm_userspace_memory_region,
    ) -> Result<()> {
        let m = user_memory_region;
        if m.flags & !VALID_MEM_FLAGS != 0 {
            return Err(errno(libc::EINVAL));
        }
        let as_id = m.slot >> 16;
        let id = (m.slot & 0xffff) as u16;
        if m.memory_size & (PAGE_SIZE - 1) != 0
            || m.guest_phys_addr & (PAGE_SIZE - 1) != 0
            || m.userspace_addr & (PAGE_SIZE - 1) != 0
        {
            return Err(errno(libc::EINVAL));
        }
        if as_id != 0 || id as usize >= NR_MEMSLOTS {
            return Err(errno(libc::EINVAL));
        }
        if m.guest_phys_addr.checked_add(m.memory_size).is_none()
            || m.userspace_addr.checked_add(m.memory_size).is_none()
        {
            return Err(errno(libc::EINVAL));
        }
        let mut mem = lock(&self.shared.mem);
        let old = mem.slots.get(&id).copied();
        if m.memory_size == 0 {
            if old.is_none() {
                return Err(errno(libc::EINVAL));
            }
            mem.slots.remove(&id);
            self.publish(&mem);
            return Ok(());
        }
        let mut check_overlap = true;
        if let Some(o) = old {
            if m.userspace_addr != o.userspace_addr
                || m.memory_size != o.memory_size
                || (m.flags ^ o.flags) & KVM_MEM_READONLY != 0
            {
                return Err(errno(libc::EINVAL));
            }
            if m.guest_phys_addr == o.guest_phys_addr {
                if m.flags == o.flags {
                    return Ok(());
                }
                check_overlap = false;
            }
        }
        if check_overlap {
            let (b, e) = (m.guest_phys_addr, m.guest_phys_addr + m.memory_size);
            let clash = mem.slots.iter().any(|(&sid, s)| {
                sid != id && b < s.guest_phys_addr + s.memory_size && s.guest_phys_addr < e
            });
            if clash {
                return Err(errno(libc::EEXIST));
            }
        }
        // The arm64 prepare step: the slot must fit in the VM's IPA space.
        if self.shared.ipa_bits < 64
            && m.guest_phys_addr + m.memory_size > 1u64 << self.shared.ipa_bits
        {
            return Err(errno(libc::EFAULT));
        }
        mem.slots.insert(
            id,
            kvm_userspace_memory_region {
                slot: id as u32,
                ..m
            },
        );
        self.publish(&mem);
        Ok(())
    }

    /// Rebuilds the CPU-side RAM map and bumps the generation every vCPU checks.
    fn publish(&self, mem: &MemState) {
        let regions: Vec<Region> = mem
            .slots
            .values()
            .map(|s| Region {
                gpa: s.guest_phys_addr,
                size: s.memory_size,
                host: s.userspace_addr as usize as *mut u8,
                readonly: s.flags & KVM_MEM_READONLY != 0,
            })
            .collect();
        // Slots never overlap (checked above), so building the map cannot fail.
        let ram = GuestRam::new(regions).unwrap_or_default();
        *self.shared.ram.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(ram);
        self.shared.ram_gen.fetch_add(1, Ordering::SeqCst);
    }

    /// `KVM_CREATE_VCPU`. Errors: `id` ≥ [`MAX_VCPUS`] or the VM already has
    /// [`MAX_VCPUS`] vCPUs → `EINVAL`; a vCPU with this id exists → `EEXIST`.
    pub fn create_vcpu(&self, id: u64) -> Result<VcpuFd> {
        if id >= MAX_VCPUS as u64 {
            return Err(errno(libc::EINVAL));
        }
        let mut vcpus = lock(&self.shared.vcpus);
        if vcpus.len() >= MAX_VCPUS {
            return Err(errno(libc::EINVAL));
        }
        if vcpus.iter().any(|v| v.id == id) {
            return Err(errno(libc::EEXIST));
        }
        let fd = VcpuFd::new(self.shared.clone(), id);
        vcpus.push(fd.shared.clone());
        Ok(fd)
    }

    /// `KVM_ARM_PREFERRED_TARGET`: `GENERIC_V8` and no features (6.x behaviour; the
    /// emulated MIDR has implementer 0, for which 5.2 also answered `GENERIC_V8`).
    pub fn get_preferred_target(&self, kvi: &mut kvm_vcpu_init) -> Result<()> {
        *kvi = kvm_vcpu_init {
            target: KVM_ARM_TARGET_GENERIC_V8,
            features: [0; 7],
        };
        Ok(())
    }

    /// `KVM_CHECK_EXTENSION` on the VM fd (same answers as on the system fd).
    pub fn check_extension_raw(&self, c: c_ulong) -> i32 {
        crate::system::extension(&self.shared.host, self.shared.ipa_bits, c)
    }

    /// `check_extension_raw` of a [`Cap`].
    pub fn check_extension_int(&self, c: Cap) -> i32 {
        self.check_extension_raw(c as c_ulong)
    }

    /// Is the capability present (> 0)?
    pub fn check_extension(&self, c: Cap) -> bool {
        self.check_extension_int(c) > 0
    }

    /// The size of the `kvm_run` area a vCPU fd would map (`KVM_GET_VCPU_MMAP_SIZE`).
    pub fn run_size(&self) -> usize {
        self.run_size
    }

    /// The emulated host.
    pub fn host(&self) -> &Host {
        &self.shared.host
    }

    /// The VM's IPA size in bits (softkvm-specific).
    pub fn ipa_bits(&self) -> u32 {
        self.shared.ipa_bits
    }

    /// Number of memory slots in use (softkvm-specific).
    pub fn nr_slots(&self) -> usize {
        lock(&self.shared.mem).slots.len()
    }
}

// kvm-ioctls' VmFd is Send + Sync; so is softkvm's.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<VmFd>();
};
