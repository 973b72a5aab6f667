//! Helpers shared by the integration tests.
#![allow(dead_code)]

use softkvm::bindings::*;
use softkvm::{Host, Kvm, VcpuFd, VmFd};
use std::alloc::{alloc_zeroed, dealloc, Layout};

/// The errno of a result (0 for success).
pub fn en<T>(r: softkvm::Result<T>) -> i32 {
    match r {
        Ok(_) => 0,
        Err(e) => e.errno(),
    }
}

/// The host the realkvm results were taken on: QEMU `-cpu max,sve128,sve256,sve512`.
pub fn probe_host() -> Host {
    Host::from_vqs(&[1, 2, 4]).unwrap()
}

pub fn kvm(host: Host) -> Kvm {
    Kvm::with_host(host).unwrap()
}

/// `features[0]` = SVE | PSCI_0_2, the probe's vCPU A.
pub fn init_sve() -> kvm_vcpu_init {
    kvm_vcpu_init {
        target: KVM_ARM_TARGET_GENERIC_V8,
        features: [
            1 << KVM_ARM_VCPU_SVE | 1 << KVM_ARM_VCPU_PSCI_0_2,
            0,
            0,
            0,
            0,
            0,
            0,
        ],
    }
}

pub fn init_plain() -> kvm_vcpu_init {
    kvm_vcpu_init {
        target: KVM_ARM_TARGET_GENERIC_V8,
        features: [1 << KVM_ARM_VCPU_PSCI_0_2, 0, 0, 0, 0, 0, 0],
    }
}

pub fn get_u64(v: &VcpuFd, id: u64) -> u64 {
    let mut b = [0u8; 8];
    v.get_one_reg(id, &mut b).unwrap();
    u64::from_le_bytes(b)
}

pub fn set_u64(v: &VcpuFd, id: u64, x: u64) {
    v.set_one_reg(id, &x.to_le_bytes()).unwrap();
}

pub fn xreg(n: u64) -> u64 {
    KVM_REG_ARM_CORE_REG(CORE_X(n), KVM_REG_SIZE_U64)
}
pub const PC: u64 = KVM_REG_ARM_CORE_REG(CORE_PC, KVM_REG_SIZE_U64);
pub const PSTATE: u64 = KVM_REG_ARM_CORE_REG(CORE_PSTATE, KVM_REG_SIZE_U64);

/// VLS value with word 0 = `w0`.
pub fn vls(w0: u64) -> [u8; 64] {
    let mut b = [0u8; 64];
    b[..8].copy_from_slice(&w0.to_le_bytes());
    b
}

pub fn get_vls(v: &VcpuFd) -> [u8; 64] {
    let mut b = [0u8; 64];
    v.get_one_reg(KVM_REG_ARM64_SVE_VLS, &mut b).unwrap();
    b
}

/// Page-aligned, zeroed host memory for a memory slot.
pub struct GuestMem {
    ptr: *mut u8,
    layout: Layout,
}

// SAFETY: plain owned memory.
unsafe impl Send for GuestMem {}
unsafe impl Sync for GuestMem {}

impl GuestMem {
    pub fn new(size: usize) -> GuestMem {
        let layout = Layout::from_size_align(size, 4096).unwrap();
        // SAFETY: non-zero size.
        let ptr = unsafe { alloc_zeroed(layout) };
        assert!(!ptr.is_null());
        GuestMem { ptr, layout }
    }
    pub fn addr(&self) -> u64 {
        self.ptr as u64
    }
    pub fn len(&self) -> usize {
        self.layout.size()
    }
    pub fn write_words(&self, off: usize, words: &[u32]) {
        for (i, w) in words.iter().enumerate() {
            self.write(off + 4 * i, &w.to_le_bytes());
        }
    }
    pub fn write(&self, off: usize, b: &[u8]) {
        assert!(off + b.len() <= self.len());
        // SAFETY: in bounds.
        unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), self.ptr.add(off), b.len()) }
    }
    pub fn read(&self, off: usize, b: &mut [u8]) {
        assert!(off + b.len() <= self.len());
        // SAFETY: in bounds; the guest may write concurrently (bytes only).
        unsafe { std::ptr::copy_nonoverlapping(self.ptr.add(off), b.as_mut_ptr(), b.len()) }
    }
    /// Installs this memory as slot `slot` at `gpa`.
    pub fn map(&self, vm: &VmFd, slot: u32, gpa: u64) {
        let r = kvm_userspace_memory_region {
            slot,
            flags: 0,
            guest_phys_addr: gpa,
            memory_size: self.len() as u64,
            userspace_addr: self.addr(),
        };
        // SAFETY: the memory outlives the VM in every test (declared before it or
        // kept alive until the end).
        unsafe { vm.set_user_memory_region(r).unwrap() };
    }
}

impl Drop for GuestMem {
    fn drop(&mut self) {
        // SAFETY: allocated with this layout.
        unsafe { dealloc(self.ptr, self.layout) }
    }
}
