//! The system: what `/dev/kvm` answers (`Kvm`).

use crate::bindings::*;
use crate::cap::Cap;
use crate::host::Host;
use crate::vm::{VmFd, DEFAULT_IPA_BITS, MAX_VCPUS, NR_MEMSLOTS};
use crate::{errno, Result};
use std::os::raw::c_ulong;

/// The IPA size limit of the emulated host: the CPU's ID_AA64MMFR0_EL1.PARange
/// (48 bits), which KVM reports as `KVM_CAP_ARM_VM_IPA_SIZE`.
pub const HOST_IPA_LIMIT: u32 = 48;

/// Size of the vCPU mapping (`KVM_GET_VCPU_MMAP_SIZE`) on a 4K-page arm64 host: the
/// `kvm_run` page plus the coalesced-MMIO ring page that follows it, because arm64
/// KVM selects KVM_MMIO (so KVM_COALESCED_MMIO_PAGE_OFFSET = 1).
pub const VCPU_MMAP_SIZE: usize = 2 * 4096;

/// `KVM_CAP_VCPU_ATTRIBUTES` (not in kvm-ioctls' `Cap`).
const KVM_CAP_VCPU_ATTRIBUTES: u32 = 127;

/// The KVM system handle, as kvm-ioctls' `Kvm` (aarch64 calls).
#[derive(Debug, Clone)]
pub struct Kvm {
    host: Host,
}

/// `KVM_CHECK_EXTENSION`: what softkvm answers for capability `c` on a host `host`.
///
/// The values follow arm64 KVM (6.12) for the emulated CPU: features the CPU does
/// not implement (AArch32 EL1, PMUv3, pointer authentication, nested virtualisation,
/// MTE) are reported absent; unknown capabilities are 0.
pub(crate) fn extension(host: &Host, _ipa_bits: u32, c: c_ulong) -> i32 {
    let Ok(c) = u32::try_from(c) else { return 0 };
    let nr_vcpus = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(MAX_VCPUS) as i32;
    match c {
        x if x == Cap::UserMemory as u32 => 1,
        x if x == Cap::DestroyMemoryRegionWorks as u32 => 1,
        x if x == Cap::JoinMemoryRegionsWorks as u32 => 1,
        x if x == Cap::OneReg as u32 => 1,
        x if x == Cap::ArmPsci as u32 => 1,
        x if x == Cap::ArmPsci02 as u32 => 1,
        x if x == Cap::ReadonlyMem as u32 => 1,
        x if x == Cap::MpState as u32 => 1,
        x if x == Cap::ImmediateExit as u32 => 1,
        KVM_CAP_VCPU_ATTRIBUTES => 1,
        x if x == Cap::CheckExtensionVm as u32 => 1,
        x if x == Cap::SyncMmu as u32 => 1,
        x if x == Cap::NrVcpus as u32 => nr_vcpus,
        x if x == Cap::MaxVcpus as u32 => MAX_VCPUS as i32,
        x if x == Cap::MaxVcpuId as u32 => MAX_VCPUS as i32,
        x if x == Cap::NrMemslots as u32 => NR_MEMSLOTS as i32,
        x if x == Cap::ArmVmIPASize as u32 => HOST_IPA_LIMIT as i32,
        x if x == Cap::ArmSve as u32 => host.has_sve() as i32,
        // AArch32 EL1, PMUv3, ptrauth: the emulated CPU has none of them.
        x if x == Cap::ArmEl132bit as u32 => 0,
        x if x == Cap::ArmPmuV3 as u32 => 0,
        x if x == Cap::ArmPtrAuthAddress as u32 => 0,
        x if x == Cap::ArmPtrAuthGeneric as u32 => 0,
        _ => 0,
    }
}

impl Kvm {
    /// A KVM on the emulated host `max` (every SVE length, 128..2048 bits). Never
    /// fails; the `Result` is kvm-ioctls' signature.
    pub fn new() -> Result<Kvm> {
        Ok(Kvm { host: Host::max() })
    }

    /// A KVM on the given emulated host.
    pub fn with_host(host: Host) -> Result<Kvm> {
        Ok(Kvm { host })
    }

    /// The emulated host.
    pub fn host(&self) -> &Host {
        &self.host
    }

    /// `KVM_GET_API_VERSION`: 12.
    pub fn get_api_version(&self) -> i32 {
        KVM_API_VERSION as i32
    }

    /// `KVM_CHECK_EXTENSION` with a raw capability number.
    pub fn check_extension_raw(&self, c: c_ulong) -> i32 {
        extension(&self.host, HOST_IPA_LIMIT, c)
    }

    /// `KVM_CHECK_EXTENSION` with a [`Cap`], returning the raw answer.
    pub fn check_extension_int(&self, c: Cap) -> i32 {
        self.check_extension_raw(c as c_ulong)
    }

    /// Is the capability present (answer > 0)?
    pub fn check_extension(&self, c: Cap) -> bool {
        self.check_extension_int(c) > 0
    }

    /// `KVM_CAP_ARM_VM_IPA_SIZE`.
    pub fn get_host_ipa_limit(&self) -> i32 {
        self.check_extension_int(Cap::ArmVmIPASize)
    }

    /// `KVM_GET_VCPU_MMAP_SIZE`.
    pub fn get_vcpu_mmap_size(&self) -> Result<usize> {
        Ok(VCPU_MMAP_SIZE)
    }

    /// Recommended number of vCPUs (`KVM_CAP_NR_VCPUS`: the host's CPU count).
    pub fn get_nr_vcpus(&self) -> usize {
        let x = self.check_extension_int(Cap::NrVcpus);
        if x > 0 {
            x as usize
        } else {
            4
        }
    }

    /// `KVM_CAP_NR_MEMSLOTS`.
    pub fn get_nr_memslots(&self) -> usize {
        let x = self.check_extension_int(Cap::NrMemslots);
        if x > 0 {
            x as usize
        } else {
            32
        }
    }

    /// `KVM_CAP_MAX_VCPUS`.
    pub fn get_max_vcpus(&self) -> usize {
        match self.check_extension_int(Cap::MaxVcpus) {
            0 => self.get_nr_vcpus(),
            x => x as usize,
        }
    }

    /// `KVM_CAP_MAX_VCPU_ID`.
    pub fn get_max_vcpu_id(&self) -> usize {
        match self.check_extension_int(Cap::MaxVcpuId) {
            0 => self.get_max_vcpus(),
            x => x as usize,
        }
    }

    /// `KVM_CREATE_VM` with the host's IPA limit, as kvm-ioctls does on aarch64.
    pub fn create_vm(&self) -> Result<VmFd> {
        self.create_vm_with_type(self.get_host_ipa_limit() as u64)
    }

    /// `KVM_CREATE_VM` with an IPA size (32..=the host limit).
    pub fn create_vm_with_ipa_size(&self, ipa_size: u32) -> Result<VmFd> {
        self.create_vm_with_type(ipa_size as u64 & KVM_VM_TYPE_ARM_IPA_SIZE_MASK)
    }

    /// `KVM_CREATE_VM`: bits 7..0 of `vm_type` are the IPA size (0: 40 bits); any
    /// other bit, or a size outside 32..=[`HOST_IPA_LIMIT`], is `EINVAL`.
    pub fn create_vm_with_type(&self, vm_type: u64) -> Result<VmFd> {
        if vm_type & !KVM_VM_TYPE_ARM_IPA_SIZE_MASK != 0 {
            return Err(errno(libc::EINVAL));
        }
        let ipa = (vm_type & KVM_VM_TYPE_ARM_IPA_SIZE_MASK) as u32;
        let ipa = if ipa == 0 { DEFAULT_IPA_BITS } else { ipa };
        if !(32..=HOST_IPA_LIMIT).contains(&ipa) {
            return Err(errno(libc::EINVAL));
        }
        Ok(VmFd::new(self.host.clone(), ipa, VCPU_MMAP_SIZE))
    }
}
