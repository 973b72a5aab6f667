//! The KVM/arm64 userspace ABI: structures, constants and register-id helpers.
//!
//! Names, types and values are those of `<linux/kvm.h>` / `<asm/kvm.h>` for arm64 as
//! rust-vmm's `kvm-bindings` 0.14 spells them (so `use softkvm::bindings::*` replaces
//! `use kvm_bindings::*`). Only the arm64 subset a VMM uses is defined, written out by
//! hand from the UAPI headers' values; it does not depend on the host architecture.
//!
//! Beyond `kvm-bindings`, this module also has what every VMM re-derives by hand
//! from the C function-like macros: [`KVM_REG_ARM64_SVE_VLS`],
//! [`KVM_REG_ARM64_SVE_ZREG`], [`KVM_REG_ARM64_SVE_PREG`], [`KVM_REG_ARM64_SVE_FFR`],
//! [`ARM64_SYS_REG`], [`KVM_REG_ARM_CORE_REG`] and [`reg_size`].
//!
//! This module depends on nothing else in the crate.

#![allow(non_camel_case_types, non_upper_case_globals, non_snake_case)]

use vmm_sys_util::fam::{FamStruct, FamStructWrapper};
use vmm_sys_util::generate_fam_struct_impl;

pub type __u8 = u8;
pub type __u16 = u16;
pub type __u32 = u32;
pub type __u64 = u64;
pub type __s32 = i32;
pub type __uint128_t = u128;

// ---------------------------------------------------------------------------
// Structures
// ---------------------------------------------------------------------------

/// `struct kvm_vcpu_init`: argument of `KVM_ARM_VCPU_INIT` / `KVM_ARM_PREFERRED_TARGET`.
#[repr(C)]
#[derive(Debug, Default, Copy, Clone, PartialEq, Eq)]
pub struct kvm_vcpu_init {
    pub target: __u32,
    /// Feature bit N is bit `N % 32` of `features[N / 32]`.
    pub features: [__u32; 7],
}

/// `struct kvm_one_reg`: argument of `KVM_GET_ONE_REG` / `KVM_SET_ONE_REG`.
#[repr(C)]
#[derive(Debug, Default, Copy, Clone, PartialEq, Eq)]
pub struct kvm_one_reg {
    pub id: __u64,
    pub addr: __u64,
}

/// `struct kvm_userspace_memory_region`: argument of `KVM_SET_USER_MEMORY_REGION`.
#[repr(C)]
#[derive(Debug, Default, Copy, Clone, PartialEq, Eq)]
pub struct kvm_userspace_memory_region {
    /// Bits 15..0: slot id; bits 31..16: address space id (0 on arm64).
    pub slot: __u32,
    pub flags: __u32,
    pub guest_phys_addr: __u64,
    pub memory_size: __u64,
    pub userspace_addr: __u64,
}

/// `struct kvm_mp_state`.
#[repr(C)]
#[derive(Debug, Default, Copy, Clone, PartialEq, Eq)]
pub struct kvm_mp_state {
    pub mp_state: __u32,
}

/// `struct kvm_device_attr`.
#[repr(C)]
#[derive(Debug, Default, Copy, Clone, PartialEq, Eq)]
pub struct kvm_device_attr {
    pub flags: __u32,
    pub group: __u32,
    pub attr: __u64,
    pub addr: __u64,
}

/// `struct kvm_debug_exit_arch` (arm64).
#[repr(C)]
#[derive(Debug, Default, Copy, Clone, PartialEq, Eq)]
pub struct kvm_debug_exit_arch {
    pub hsr: __u32,
    pub hsr_high: __u32,
    pub far: __u64,
}

/// `struct user_pt_regs`.
#[repr(C)]
#[derive(Debug, Default, Copy, Clone, PartialEq, Eq)]
pub struct user_pt_regs {
    pub regs: [__u64; 31],
    pub sp: __u64,
    pub pc: __u64,
    pub pstate: __u64,
}

/// `struct user_fpsimd_state`.
#[repr(C, align(16))]
#[derive(Debug, Default, Copy, Clone, PartialEq, Eq)]
pub struct user_fpsimd_state {
    pub vregs: [__uint128_t; 32],
    pub fpsr: __u32,
    pub fpcr: __u32,
    pub __reserved: [__u32; 2],
}

/// `struct kvm_regs` (arm64). Core register ids are offsets into it in 32-bit words.
#[repr(C, align(16))]
#[derive(Debug, Default, Copy, Clone, PartialEq, Eq)]
pub struct kvm_regs {
    pub regs: user_pt_regs,
    pub sp_el1: __u64,
    pub elr_el1: __u64,
    pub spsr: [__u64; 5],
    pub __bindgen_padding_0: u64,
    pub fp_regs: user_fpsimd_state,
}

/// A C flexible array member (what bindgen generates for `T x[]`).
#[repr(C)]
#[derive(Default)]
pub struct __IncompleteArrayField<T>(::std::marker::PhantomData<T>, [T; 0]);

impl<T> __IncompleteArrayField<T> {
    #[inline]
    pub const fn new() -> Self {
        __IncompleteArrayField(::std::marker::PhantomData, [])
    }
    #[inline]
    pub fn as_ptr(&self) -> *const T {
        self as *const _ as *const T
    }
    #[inline]
    pub fn as_mut_ptr(&mut self) -> *mut T {
        self as *mut _ as *mut T
    }
    /// # Safety
    /// `len` elements must be allocated behind the field.
    #[inline]
    pub unsafe fn as_slice(&self, len: usize) -> &[T] {
        // SAFETY: the caller guarantees the allocation.
        unsafe { ::std::slice::from_raw_parts(self.as_ptr(), len) }
    }
    /// # Safety
    /// `len` elements must be allocated behind the field.
    #[inline]
    pub unsafe fn as_mut_slice(&mut self, len: usize) -> &mut [T] {
        // SAFETY: the caller guarantees the allocation.
        unsafe { ::std::slice::from_raw_parts_mut(self.as_mut_ptr(), len) }
    }
}

impl<T> ::std::fmt::Debug for __IncompleteArrayField<T> {
    fn fmt(&self, fmt: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        fmt.write_str("__IncompleteArrayField")
    }
}

/// `struct kvm_reg_list`: argument of `KVM_GET_REG_LIST`.
#[repr(C)]
#[derive(Debug, Default)]
pub struct kvm_reg_list {
    pub n: __u64,
    pub reg: __IncompleteArrayField<__u64>,
}

/// Maximum number of entries of a [`RegList`] (as in kvm-bindings).
pub const ARM64_REGS_MAX: usize = 500;

// SAFETY (inside the macro): `reg` is the flexible array member counted by `n`.
generate_fam_struct_impl!(kvm_reg_list, u64, reg, u64, n, ARM64_REGS_MAX);

impl PartialEq for kvm_reg_list {
    fn eq(&self, other: &kvm_reg_list) -> bool {
        self.n == other.n
    }
}

/// `kvm_reg_list` with its array, as kvm-bindings' `RegList`.
pub type RegList = FamStructWrapper<kvm_reg_list>;

// ---------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------

pub const KVM_API_VERSION: u32 = 12;

// Targets (KVM_ARM_PREFERRED_TARGET / KVM_ARM_VCPU_INIT).
pub const KVM_ARM_TARGET_AEM_V8: u32 = 0;
pub const KVM_ARM_TARGET_FOUNDATION_V8: u32 = 1;
pub const KVM_ARM_TARGET_CORTEX_A57: u32 = 2;
pub const KVM_ARM_TARGET_XGENE_POTENZA: u32 = 3;
pub const KVM_ARM_TARGET_CORTEX_A53: u32 = 4;
pub const KVM_ARM_TARGET_GENERIC_V8: u32 = 5;
pub const KVM_ARM_NUM_TARGETS: u32 = 6;

// vCPU feature bits (bit numbers in kvm_vcpu_init.features).
pub const KVM_ARM_VCPU_POWER_OFF: u32 = 0;
pub const KVM_ARM_VCPU_EL1_32BIT: u32 = 1;
pub const KVM_ARM_VCPU_PSCI_0_2: u32 = 2;
pub const KVM_ARM_VCPU_PMU_V3: u32 = 3;
pub const KVM_ARM_VCPU_SVE: u32 = 4;
pub const KVM_ARM_VCPU_PTRAUTH_ADDRESS: u32 = 5;
pub const KVM_ARM_VCPU_PTRAUTH_GENERIC: u32 = 6;
pub const KVM_ARM_VCPU_HAS_EL2: u32 = 7;
pub const KVM_ARM_VCPU_HAS_EL2_E2H0: u32 = 8;

// vCPU device-attribute groups.
pub const KVM_ARM_VCPU_PMU_V3_CTRL: u32 = 0;
pub const KVM_ARM_VCPU_PMU_V3_IRQ: u32 = 0;
pub const KVM_ARM_VCPU_PMU_V3_INIT: u32 = 1;
pub const KVM_ARM_VCPU_PMU_V3_FILTER: u32 = 2;
pub const KVM_ARM_VCPU_PMU_V3_SET_PMU: u32 = 3;
pub const KVM_ARM_VCPU_TIMER_CTRL: u32 = 1;
pub const KVM_ARM_VCPU_TIMER_IRQ_VTIMER: u32 = 0;
pub const KVM_ARM_VCPU_TIMER_IRQ_PTIMER: u32 = 1;
pub const KVM_ARM_VCPU_TIMER_IRQ_HVTIMER: u32 = 2;
pub const KVM_ARM_VCPU_TIMER_IRQ_HPTIMER: u32 = 3;
pub const KVM_ARM_VCPU_PVTIME_CTRL: u32 = 2;
pub const KVM_ARM_VCPU_PVTIME_IPA: u32 = 0;

// Register id fields.
pub const KVM_REG_ARCH_MASK: u64 = 0xff00_0000_0000_0000;
pub const KVM_REG_GENERIC: u32 = 0;
pub const KVM_REG_ARM64: u64 = 0x6000_0000_0000_0000;
pub const KVM_REG_SIZE_SHIFT: u32 = 52;
pub const KVM_REG_SIZE_MASK: u64 = 0x00f0_0000_0000_0000;
pub const KVM_REG_SIZE_U8: u32 = 0;
pub const KVM_REG_SIZE_U16: u64 = 0x0010_0000_0000_0000;
pub const KVM_REG_SIZE_U32: u64 = 0x0020_0000_0000_0000;
pub const KVM_REG_SIZE_U64: u64 = 0x0030_0000_0000_0000;
pub const KVM_REG_SIZE_U128: u64 = 0x0040_0000_0000_0000;
pub const KVM_REG_SIZE_U256: u64 = 0x0050_0000_0000_0000;
pub const KVM_REG_SIZE_U512: u64 = 0x0060_0000_0000_0000;
pub const KVM_REG_SIZE_U1024: u64 = 0x0070_0000_0000_0000;
pub const KVM_REG_SIZE_U2048: u64 = 0x0080_0000_0000_0000;

pub const KVM_REG_ARM_COPROC_MASK: u32 = 0x0fff_0000;
pub const KVM_REG_ARM_COPROC_SHIFT: u32 = 16;
pub const KVM_REG_ARM_CORE: u32 = 0x0010 << KVM_REG_ARM_COPROC_SHIFT;
pub const KVM_REG_ARM_DEMUX: u32 = 0x0011 << KVM_REG_ARM_COPROC_SHIFT;
pub const KVM_REG_ARM_DEMUX_ID_MASK: u32 = 0x0000_ff00;
pub const KVM_REG_ARM_DEMUX_ID_SHIFT: u32 = 8;
pub const KVM_REG_ARM_DEMUX_ID_CCSIDR: u32 = 0;
pub const KVM_REG_ARM_DEMUX_VAL_MASK: u32 = 0x0000_00ff;
pub const KVM_REG_ARM_DEMUX_VAL_SHIFT: u32 = 0;
pub const KVM_REG_ARM64_SYSREG: u32 = 0x0013 << KVM_REG_ARM_COPROC_SHIFT;
pub const KVM_REG_ARM64_SYSREG_OP0_MASK: u32 = 0xc000;
pub const KVM_REG_ARM64_SYSREG_OP0_SHIFT: u32 = 14;
pub const KVM_REG_ARM64_SYSREG_OP1_MASK: u32 = 0x3800;
pub const KVM_REG_ARM64_SYSREG_OP1_SHIFT: u32 = 11;
pub const KVM_REG_ARM64_SYSREG_CRN_MASK: u32 = 0x0780;
pub const KVM_REG_ARM64_SYSREG_CRN_SHIFT: u32 = 7;
pub const KVM_REG_ARM64_SYSREG_CRM_MASK: u32 = 0x0078;
pub const KVM_REG_ARM64_SYSREG_CRM_SHIFT: u32 = 3;
pub const KVM_REG_ARM64_SYSREG_OP2_MASK: u32 = 0x0007;
pub const KVM_REG_ARM64_SYSREG_OP2_SHIFT: u32 = 0;
pub const KVM_REG_ARM_FW: u32 = 0x0014 << KVM_REG_ARM_COPROC_SHIFT;
pub const KVM_REG_ARM64_SVE: u32 = 0x0015 << KVM_REG_ARM_COPROC_SHIFT;
pub const KVM_REG_ARM_FW_FEAT_BMAP: u32 = 0x0016 << KVM_REG_ARM_COPROC_SHIFT;

// Firmware pseudo-registers.
pub const KVM_REG_ARM_PSCI_VERSION: u64 = KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_FW as u64;
pub const KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_1: u64 = KVM_REG_ARM_PSCI_VERSION | 1;
pub const KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2: u64 = KVM_REG_ARM_PSCI_VERSION | 2;
pub const KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_3: u64 = KVM_REG_ARM_PSCI_VERSION | 3;
pub const KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_1_NOT_AVAIL: u32 = 0;
pub const KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_1_AVAIL: u32 = 1;
pub const KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_1_NOT_REQUIRED: u32 = 2;
pub const KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2_NOT_AVAIL: u32 = 0;
pub const KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2_UNKNOWN: u32 = 1;
pub const KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2_AVAIL: u32 = 2;
pub const KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2_NOT_REQUIRED: u32 = 3;
pub const KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2_ENABLED: u32 = 16;
pub const KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_3_NOT_AVAIL: u32 = 0;
pub const KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_3_AVAIL: u32 = 1;
pub const KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_3_NOT_REQUIRED: u32 = 2;
pub const KVM_REG_ARM_STD_BMAP: u64 =
    KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_FW_FEAT_BMAP as u64;
pub const KVM_REG_ARM_STD_HYP_BMAP: u64 = KVM_REG_ARM_STD_BMAP | 1;
pub const KVM_REG_ARM_VENDOR_HYP_BMAP: u64 = KVM_REG_ARM_STD_BMAP | 2;
pub const KVM_REG_ARM_STD_BIT_TRNG_V1_0: u32 = 0;
pub const KVM_REG_ARM_STD_HYP_BIT_PV_TIME: u32 = 0;
pub const KVM_REG_ARM_VENDOR_HYP_BIT_FUNC_FEAT: u32 = 0;
pub const KVM_REG_ARM_VENDOR_HYP_BIT_PTP: u32 = 1;

// SVE registers.
pub const KVM_REG_ARM64_SVE_ZREG_BASE: u32 = 0;
pub const KVM_REG_ARM64_SVE_PREG_BASE: u32 = 0x400;
pub const KVM_REG_ARM64_SVE_FFR_BASE: u32 = 0x600;
pub const KVM_ARM64_SVE_NUM_ZREGS: u32 = 32;
pub const KVM_ARM64_SVE_NUM_PREGS: u32 = 16;
pub const KVM_ARM64_SVE_MAX_SLICES: u32 = 32;
pub const KVM_ARM64_SVE_VQ_MIN: u32 = 1;
pub const KVM_ARM64_SVE_VQ_MAX: u32 = 512;
pub const KVM_ARM64_SVE_VLS_WORDS: u32 = 8;
/// The vector-length set pseudo-register (U512, 8 little-endian u64 words; VQ `v` is
/// bit `(v-1) % 64` of word `(v-1) / 64`). Not in kvm-bindings.
pub const KVM_REG_ARM64_SVE_VLS: u64 =
    KVM_REG_ARM64 | KVM_REG_ARM64_SVE as u64 | KVM_REG_SIZE_U512 | 0xffff;

// Timer registers (sysreg encodings; CNT and CVAL carry each other's encodings,
// a frozen ABI accident).
pub const KVM_REG_ARM_TIMER_CTL: u64 = ARM64_SYS_REG(3, 3, 14, 3, 1);
pub const KVM_REG_ARM_TIMER_CNT: u64 = ARM64_SYS_REG(3, 3, 14, 3, 2);
pub const KVM_REG_ARM_TIMER_CVAL: u64 = ARM64_SYS_REG(3, 3, 14, 0, 2);
pub const KVM_REG_ARM_PTIMER_CTL: u64 = ARM64_SYS_REG(3, 3, 14, 2, 1);
pub const KVM_REG_ARM_PTIMER_CVAL: u64 = ARM64_SYS_REG(3, 3, 14, 2, 2);
pub const KVM_REG_ARM_PTIMER_CNT: u64 = ARM64_SYS_REG(3, 3, 14, 0, 1);

// Exit reasons.
pub const KVM_EXIT_UNKNOWN: u32 = 0;
pub const KVM_EXIT_EXCEPTION: u32 = 1;
pub const KVM_EXIT_IO: u32 = 2;
pub const KVM_EXIT_HYPERCALL: u32 = 3;
pub const KVM_EXIT_DEBUG: u32 = 4;
pub const KVM_EXIT_HLT: u32 = 5;
pub const KVM_EXIT_MMIO: u32 = 6;
pub const KVM_EXIT_IRQ_WINDOW_OPEN: u32 = 7;
pub const KVM_EXIT_SHUTDOWN: u32 = 8;
pub const KVM_EXIT_FAIL_ENTRY: u32 = 9;
pub const KVM_EXIT_INTR: u32 = 10;
pub const KVM_EXIT_INTERNAL_ERROR: u32 = 17;
pub const KVM_EXIT_SYSTEM_EVENT: u32 = 24;
pub const KVM_EXIT_ARM_NISV: u32 = 28;
pub const KVM_EXIT_MEMORY_FAULT: u32 = 39;
pub const KVM_INTERNAL_ERROR_EMULATION: u32 = 1;

// System events.
pub const KVM_SYSTEM_EVENT_SHUTDOWN: u32 = 1;
pub const KVM_SYSTEM_EVENT_RESET: u32 = 2;
pub const KVM_SYSTEM_EVENT_CRASH: u32 = 3;
pub const KVM_SYSTEM_EVENT_WAKEUP: u32 = 4;
pub const KVM_SYSTEM_EVENT_SUSPEND: u32 = 5;
pub const KVM_SYSTEM_EVENT_RESET_FLAG_PSCI_RESET2: u32 = 1;
pub const KVM_SYSTEM_EVENT_SHUTDOWN_FLAG_PSCI_OFF2: u32 = 1;

// Multiprocessing states.
pub const KVM_MP_STATE_RUNNABLE: u32 = 0;
pub const KVM_MP_STATE_UNINITIALIZED: u32 = 1;
pub const KVM_MP_STATE_INIT_RECEIVED: u32 = 2;
pub const KVM_MP_STATE_HALTED: u32 = 3;
pub const KVM_MP_STATE_SIPI_RECEIVED: u32 = 4;
pub const KVM_MP_STATE_STOPPED: u32 = 5;
pub const KVM_MP_STATE_CHECK_STOP: u32 = 6;
pub const KVM_MP_STATE_OPERATING: u32 = 7;
pub const KVM_MP_STATE_LOAD: u32 = 8;
pub const KVM_MP_STATE_AP_RESET_HOLD: u32 = 9;
pub const KVM_MP_STATE_SUSPENDED: u32 = 10;

// Memory slots.
pub const KVM_MEM_LOG_DIRTY_PAGES: u32 = 1;
pub const KVM_MEM_READONLY: u32 = 2;
pub const KVM_MEM_GUEST_MEMFD: u32 = 4;

// VM types (KVM_CREATE_VM argument on arm64).
pub const KVM_VM_TYPE_ARM_IPA_SIZE_MASK: u64 = 0xff;

// PSCI (function ids and return values, from <uapi/linux/psci.h>).
pub const PSCI_0_2_FN_BASE: u32 = 0x8400_0000;
pub const PSCI_0_2_64BIT: u32 = 0x4000_0000;
pub const PSCI_0_2_FN64_BASE: u32 = PSCI_0_2_FN_BASE + PSCI_0_2_64BIT;
pub const PSCI_0_2_FN_PSCI_VERSION: u32 = PSCI_0_2_FN_BASE;
pub const PSCI_0_2_FN_CPU_SUSPEND: u32 = PSCI_0_2_FN_BASE + 1;
pub const PSCI_0_2_FN_CPU_OFF: u32 = PSCI_0_2_FN_BASE + 2;
pub const PSCI_0_2_FN_CPU_ON: u32 = PSCI_0_2_FN_BASE + 3;
pub const PSCI_0_2_FN_AFFINITY_INFO: u32 = PSCI_0_2_FN_BASE + 4;
pub const PSCI_0_2_FN_MIGRATE: u32 = PSCI_0_2_FN_BASE + 5;
pub const PSCI_0_2_FN_MIGRATE_INFO_TYPE: u32 = PSCI_0_2_FN_BASE + 6;
pub const PSCI_0_2_FN_MIGRATE_INFO_UP_CPU: u32 = PSCI_0_2_FN_BASE + 7;
pub const PSCI_0_2_FN_SYSTEM_OFF: u32 = PSCI_0_2_FN_BASE + 8;
pub const PSCI_0_2_FN_SYSTEM_RESET: u32 = PSCI_0_2_FN_BASE + 9;
pub const PSCI_0_2_FN64_CPU_SUSPEND: u32 = PSCI_0_2_FN64_BASE + 1;
pub const PSCI_0_2_FN64_CPU_ON: u32 = PSCI_0_2_FN64_BASE + 3;
pub const PSCI_0_2_FN64_AFFINITY_INFO: u32 = PSCI_0_2_FN64_BASE + 4;
pub const PSCI_0_2_FN64_MIGRATE: u32 = PSCI_0_2_FN64_BASE + 5;
pub const PSCI_0_2_FN64_MIGRATE_INFO_UP_CPU: u32 = PSCI_0_2_FN64_BASE + 7;
pub const PSCI_1_0_FN_PSCI_FEATURES: u32 = PSCI_0_2_FN_BASE + 10;
pub const PSCI_1_0_FN_SYSTEM_SUSPEND: u32 = PSCI_0_2_FN_BASE + 14;
pub const PSCI_1_0_FN64_SYSTEM_SUSPEND: u32 = PSCI_0_2_FN64_BASE + 14;
pub const PSCI_1_1_FN_SYSTEM_RESET2: u32 = PSCI_0_2_FN_BASE + 18;
pub const PSCI_1_1_FN64_SYSTEM_RESET2: u32 = PSCI_0_2_FN64_BASE + 18;
pub const PSCI_1_1_RESET_TYPE_SYSTEM_WARM_RESET: u32 = 0;
pub const PSCI_1_1_RESET_TYPE_VENDOR_START: u32 = 0x8000_0000;
pub const PSCI_0_2_AFFINITY_LEVEL_ON: u32 = 0;
pub const PSCI_0_2_AFFINITY_LEVEL_OFF: u32 = 1;
pub const PSCI_0_2_AFFINITY_LEVEL_ON_PENDING: u32 = 2;
pub const PSCI_0_2_TOS_UP_MIGRATE: u32 = 0;
pub const PSCI_0_2_TOS_UP_NO_MIGRATE: u32 = 1;
pub const PSCI_0_2_TOS_MP: u32 = 2;
pub const PSCI_VERSION_MAJOR_SHIFT: u32 = 16;
pub const PSCI_RET_SUCCESS: u32 = 0;
pub const PSCI_RET_NOT_SUPPORTED: i32 = -1;
pub const PSCI_RET_INVALID_PARAMS: i32 = -2;
pub const PSCI_RET_DENIED: i32 = -3;
pub const PSCI_RET_ALREADY_ON: i32 = -4;
pub const PSCI_RET_ON_PENDING: i32 = -5;
pub const PSCI_RET_INTERNAL_FAILURE: i32 = -6;
pub const PSCI_RET_NOT_PRESENT: i32 = -7;
pub const PSCI_RET_DISABLED: i32 = -8;
pub const PSCI_RET_INVALID_ADDRESS: i32 = -9;
/// PSCI 0.1 function ids as KVM numbers them (base `KVM_PSCI_FN_BASE`).
pub const KVM_PSCI_FN_BASE: u32 = 0x95c1_ba5e;
pub const KVM_PSCI_RET_SUCCESS: u32 = 0;
pub const KVM_PSCI_RET_NI: i32 = -1;
pub const KVM_PSCI_RET_INVAL: i32 = -2;
pub const KVM_PSCI_RET_DENIED: i32 = -3;

// ---------------------------------------------------------------------------
// Register-id helpers (the UAPI's function-like macros)
// ---------------------------------------------------------------------------

/// Size in bytes of the register an id names (`1 << size field`).
pub const fn reg_size(reg_id: u64) -> usize {
    1usize << ((reg_id & KVM_REG_SIZE_MASK) >> KVM_REG_SIZE_SHIFT)
}

/// `ARM64_SYS_REG(op0, op1, CRn, CRm, op2)`: a U64 system-register id.
pub const fn ARM64_SYS_REG(op0: u32, op1: u32, crn: u32, crm: u32, op2: u32) -> u64 {
    KVM_REG_ARM64
        | KVM_REG_SIZE_U64
        | KVM_REG_ARM64_SYSREG as u64
        | ((op0 << KVM_REG_ARM64_SYSREG_OP0_SHIFT) & KVM_REG_ARM64_SYSREG_OP0_MASK) as u64
        | ((op1 << KVM_REG_ARM64_SYSREG_OP1_SHIFT) & KVM_REG_ARM64_SYSREG_OP1_MASK) as u64
        | ((crn << KVM_REG_ARM64_SYSREG_CRN_SHIFT) & KVM_REG_ARM64_SYSREG_CRN_MASK) as u64
        | ((crm << KVM_REG_ARM64_SYSREG_CRM_SHIFT) & KVM_REG_ARM64_SYSREG_CRM_MASK) as u64
        | ((op2 << KVM_REG_ARM64_SYSREG_OP2_SHIFT) & KVM_REG_ARM64_SYSREG_OP2_MASK) as u64
}

/// A core-register id: `size` is one of the `KVM_REG_SIZE_*` values and `offset` the
/// field's offset into [`kvm_regs`] in 32-bit words (see the `CORE_*` constants).
pub const fn KVM_REG_ARM_CORE_REG(offset: u64, size: u64) -> u64 {
    KVM_REG_ARM64 | size | KVM_REG_ARM_CORE as u64 | offset
}

/// Word offset of `regs.regs[n]` in [`kvm_regs`].
pub const fn CORE_X(n: u64) -> u64 {
    2 * n
}
pub const CORE_SP: u64 = 0x3e;
pub const CORE_PC: u64 = 0x40;
pub const CORE_PSTATE: u64 = 0x42;
pub const CORE_SP_EL1: u64 = 0x44;
pub const CORE_ELR_EL1: u64 = 0x46;
/// Word offset of `spsr[i]` (0 = EL1, 1 abt, 2 und, 3 irq, 4 fiq).
pub const fn CORE_SPSR(i: u64) -> u64 {
    0x48 + 2 * i
}
/// Word offset of `fp_regs.vregs[n]`.
pub const fn CORE_V(n: u64) -> u64 {
    0x54 + 4 * n
}
pub const CORE_FPSR: u64 = 0xd4;
pub const CORE_FPCR: u64 = 0xd5;
/// `sizeof(struct kvm_regs) / sizeof(u32)`.
pub const CORE_NR_WORDS: u64 = 216;

/// `KVM_REG_ARM64_SVE_ZREG(n, i)`: slice `i` of Zn (U2048).
pub const fn KVM_REG_ARM64_SVE_ZREG(n: u32, i: u32) -> u64 {
    KVM_REG_ARM64
        | KVM_REG_ARM64_SVE as u64
        | KVM_REG_SIZE_U2048
        | (KVM_REG_ARM64_SVE_ZREG_BASE as u64)
        | (((n & 31) as u64) << 5)
        | (i & 31) as u64
}

/// `KVM_REG_ARM64_SVE_PREG(n, i)`: slice `i` of Pn (U256).
pub const fn KVM_REG_ARM64_SVE_PREG(n: u32, i: u32) -> u64 {
    KVM_REG_ARM64
        | KVM_REG_ARM64_SVE as u64
        | KVM_REG_SIZE_U256
        | (KVM_REG_ARM64_SVE_PREG_BASE as u64)
        | (((n & 15) as u64) << 5)
        | (i & 31) as u64
}

/// `KVM_REG_ARM64_SVE_FFR(i)`: slice `i` of FFR (U256).
pub const fn KVM_REG_ARM64_SVE_FFR(i: u32) -> u64 {
    KVM_REG_ARM64
        | KVM_REG_ARM64_SVE as u64
        | KVM_REG_SIZE_U256
        | (KVM_REG_ARM64_SVE_FFR_BASE as u64)
        | (i & 31) as u64
}

/// A DEMUX CCSIDR id for cache selector `csselr` (U32).
pub const fn KVM_REG_ARM_DEMUX_CCSIDR(csselr: u32) -> u64 {
    KVM_REG_ARM64
        | KVM_REG_SIZE_U32
        | KVM_REG_ARM_DEMUX as u64
        | ((KVM_REG_ARM_DEMUX_ID_CCSIDR << KVM_REG_ARM_DEMUX_ID_SHIFT) as u64)
        | (csselr & KVM_REG_ARM_DEMUX_VAL_MASK) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values: the spec's section 4 tables (recomputed from the UAPI header
    // formulas) and the register ids a real 6.12 kernel listed (realkvm REGS lines).
    #[test]
    fn ids_match_the_uapi() {
        assert_eq!(KVM_REG_ARM64_SVE_VLS, 0x606000000015FFFF);
        assert_eq!(KVM_REG_ARM64_SVE_ZREG(0, 0), 0x6080000000150000);
        assert_eq!(KVM_REG_ARM64_SVE_ZREG(31, 0), 0x60800000001503E0);
        assert_eq!(KVM_REG_ARM64_SVE_PREG(15, 0), 0x60500000001505E0);
        assert_eq!(KVM_REG_ARM64_SVE_FFR(0), 0x6050000000150600);
        assert_eq!(ARM64_SYS_REG(3, 0, 1, 2, 0), 0x603000000013C090);
        assert_eq!(KVM_REG_ARM_TIMER_CTL, 0x603000000013DF19);
        assert_eq!(KVM_REG_ARM_TIMER_CNT, 0x603000000013DF1A);
        assert_eq!(KVM_REG_ARM_TIMER_CVAL, 0x603000000013DF02);
        assert_eq!(KVM_REG_ARM_PTIMER_CTL, 0x603000000013DF11);
        assert_eq!(KVM_REG_ARM_PTIMER_CNT, 0x603000000013DF01);
        assert_eq!(KVM_REG_ARM_PTIMER_CVAL, 0x603000000013DF12);
        assert_eq!(
            KVM_REG_ARM_CORE_REG(CORE_X(30), KVM_REG_SIZE_U64),
            0x603000000010003C
        );
        assert_eq!(
            KVM_REG_ARM_CORE_REG(CORE_V(31), KVM_REG_SIZE_U128),
            0x60400000001000D0
        );
        assert_eq!(
            KVM_REG_ARM_CORE_REG(CORE_FPCR, KVM_REG_SIZE_U32),
            0x60200000001000D5
        );
        assert_eq!(KVM_REG_ARM_PSCI_VERSION, 0x6030000000140000);
        assert_eq!(KVM_REG_ARM_VENDOR_HYP_BMAP, 0x6030000000160002);
        assert_eq!(KVM_REG_ARM_DEMUX_CCSIDR(13), 0x602000000011000D);
        assert_eq!(reg_size(KVM_REG_ARM64_SVE_VLS), 64);
        assert_eq!(reg_size(KVM_REG_ARM64_SVE_ZREG(0, 0)), 256);
    }

    #[test]
    fn struct_layouts_match_the_uapi() {
        assert_eq!(std::mem::size_of::<kvm_regs>(), 4 * CORE_NR_WORDS as usize);
        assert_eq!(std::mem::size_of::<kvm_vcpu_init>(), 32);
        assert_eq!(std::mem::size_of::<kvm_one_reg>(), 16);
        assert_eq!(std::mem::size_of::<kvm_userspace_memory_region>(), 32);
        assert_eq!(std::mem::size_of::<kvm_device_attr>(), 24);
        assert_eq!(std::mem::size_of::<kvm_reg_list>(), 8);
        let r = kvm_regs::default();
        let base = &r as *const _ as usize;
        let word = |p: usize| ((p - base) / 4) as u64;
        assert_eq!(word(&r.regs.pc as *const _ as usize), CORE_PC);
        assert_eq!(word(&r.spsr[4] as *const _ as usize), CORE_SPSR(4));
        assert_eq!(word(&r.fp_regs.vregs[0] as *const _ as usize), CORE_V(0));
        assert_eq!(word(&r.fp_regs.fpcr as *const _ as usize), CORE_FPCR);
    }
}
