//! SMCCC and PSCI calls handled inside softkvm, as KVM handles HVC/SMC from a guest
//! (the kernel's `hypercalls.c` and `psci.c`, 6.12 behaviour).
//!
//! Results follow SMCCC: x0 = status/value, x1..x3 = further results (0 when the call
//! has none). Unknown function ids return `SMCCC_RET_NOT_SUPPORTED` (-1).

use crate::bindings::*;
use crate::vm::{lock, VcpuShared, PSCI_0_1, PSCI_0_2, PSCI_1_0, PSCI_1_1};
use crate::vstate::VcpuInner;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

pub(crate) const SMCCC_VERSION: u32 = 0x8000_0000;
pub(crate) const SMCCC_ARCH_FEATURES: u32 = 0x8000_0001;
pub(crate) const SMCCC_ARCH_WORKAROUND_1: u32 = 0x8000_8000;
pub(crate) const SMCCC_ARCH_WORKAROUND_2: u32 = 0x8000_7fff;
pub(crate) const SMCCC_ARCH_WORKAROUND_3: u32 = 0x8000_3fff;
pub(crate) const VENDOR_HYP_CALL_UID: u32 = 0x8600_ff01;
pub(crate) const VENDOR_HYP_KVM_FEATURES: u32 = 0x8600_0000;
/// SMCCC version 1.1, what KVM reports.
const SMCCC_VERSION_1_1: u64 = 0x1_0001;
const SMCCC_RET_NOT_SUPPORTED: i64 = -1;
const SMCCC_RET_NOT_REQUIRED: i64 = -2;
/// "The workaround is implemented but this PE does not need it" (SMCCC 1.4).
const SMCCC_ARCH_WORKAROUND_RET_UNAFFECTED: i64 = 1;
/// KVM's vendor-hypervisor UID (the four words of `ARM_SMCCC_VENDOR_HYP_UID_KVM`).
const KVM_UID: [u64; 4] = [0xb66f_b428, 0xe911_c52e, 0x564b_caa9, 0x743a_004d];
/// MPIDR_EL1 affinity fields (Aff3 at 39..32, Aff2..Aff0 at 23..0).
pub(crate) const MPIDR_HWID_BITMASK: u64 = 0xff_00ff_ffff;

/// A system event for the VMM: (type, flags).
pub(crate) type SystemEvent = (u32, u64);

fn set_ret(v: &mut VcpuInner, r: [u64; 4]) {
    v.cpu.s.x[..4].copy_from_slice(&r);
}

/// Handles HVC/SMC #`imm` (PC already past the instruction). Returns a system event
/// to report to the VMM, or `None` to go on running the guest.
pub(crate) fn call(v: &mut VcpuInner, imm: u16, smc: bool) -> Option<SystemEvent> {
    // SMC immediates other than 0 are reserved (SMCCC "SMC and HVC immediate").
    if smc && imm != 0 {
        v.cpu.s.x[0] = u64::MAX;
        return None;
    }
    let func = v.cpu.s.x[0] as u32;
    let bmaps = *lock(&v.vm.fw_bmaps);
    let mut val = [SMCCC_RET_NOT_SUPPORTED as u64, 0, 0, 0];
    match func {
        SMCCC_VERSION => val[0] = SMCCC_VERSION_1_1,
        SMCCC_ARCH_FEATURES => {
            // The emulated CPU does not speculate: every Spectre workaround is
            // unnecessary.
            val[0] = match v.cpu.s.x[1] as u32 {
                SMCCC_ARCH_WORKAROUND_1 | SMCCC_ARCH_WORKAROUND_3 => {
                    SMCCC_ARCH_WORKAROUND_RET_UNAFFECTED as u64
                }
                SMCCC_ARCH_WORKAROUND_2 => SMCCC_RET_NOT_REQUIRED as u64,
                _ => SMCCC_RET_NOT_SUPPORTED as u64,
            }
        }
        VENDOR_HYP_CALL_UID => val = KVM_UID,
        VENDOR_HYP_KVM_FEATURES => {
            if bmaps[2] & (1 << KVM_REG_ARM_VENDOR_HYP_BIT_FUNC_FEAT) != 0 {
                val[0] = bmaps[2];
            }
        }
        _ => return psci(v, func),
    }
    set_ret(v, val);
    None
}

fn psci(v: &mut VcpuInner, func: u32) -> Option<SystemEvent> {
    let version = if v.has_psci_0_2() {
        v.vm.psci_version.load(Ordering::SeqCst)
    } else {
        PSCI_0_1
    };
    match version {
        PSCI_0_1 => {
            let val = match func.wrapping_sub(KVM_PSCI_FN_BASE) {
                1 => cpu_off(v),
                2 => cpu_on(v, false),
                _ => SMCCC_RET_NOT_SUPPORTED,
            };
            set_ret(v, [val as u64, 0, 0, 0]);
            None
        }
        PSCI_1_0 | PSCI_1_1 => psci_1_x(v, func, version & 0xffff),
        _ => psci_0_2(v, func),
    }
}

fn psci_1_x(v: &mut VcpuInner, func: u32, minor: u32) -> Option<SystemEvent> {
    let val: i64 = match func {
        PSCI_0_2_FN_PSCI_VERSION => ((1 << PSCI_VERSION_MAJOR_SHIFT) | minor) as i64,
        PSCI_1_0_FN_PSCI_FEATURES => match v.cpu.s.x[1] as u32 {
            PSCI_0_2_FN_PSCI_VERSION
            | PSCI_0_2_FN_CPU_SUSPEND
            | PSCI_0_2_FN64_CPU_SUSPEND
            | PSCI_0_2_FN_CPU_OFF
            | PSCI_0_2_FN_CPU_ON
            | PSCI_0_2_FN64_CPU_ON
            | PSCI_0_2_FN_AFFINITY_INFO
            | PSCI_0_2_FN64_AFFINITY_INFO
            | PSCI_0_2_FN_MIGRATE_INFO_TYPE
            | PSCI_0_2_FN_SYSTEM_OFF
            | PSCI_0_2_FN_SYSTEM_RESET
            | PSCI_1_0_FN_PSCI_FEATURES
            | SMCCC_VERSION => 0,
            PSCI_1_1_FN_SYSTEM_RESET2 | PSCI_1_1_FN64_SYSTEM_RESET2 if minor >= 1 => 0,
            // SYSTEM_SUSPEND needs KVM_CAP_ARM_SYSTEM_SUSPEND, which softkvm lacks.
            _ => SMCCC_RET_NOT_SUPPORTED,
        },
        PSCI_1_0_FN_SYSTEM_SUSPEND | PSCI_1_0_FN64_SYSTEM_SUSPEND => SMCCC_RET_NOT_SUPPORTED,
        PSCI_1_1_FN_SYSTEM_RESET2 | PSCI_1_1_FN64_SYSTEM_RESET2 if minor >= 1 => {
            let reset_type = v.cpu.s.x[1] as u32;
            if reset_type == PSCI_1_1_RESET_TYPE_SYSTEM_WARM_RESET
                || reset_type >= PSCI_1_1_RESET_TYPE_VENDOR_START
            {
                // Only x0 is written here (x1..x3 keep the arguments), as KVM does.
                v.cpu.s.x[0] = PSCI_RET_INTERNAL_FAILURE as i64 as u64;
                return Some(system_event(
                    v,
                    KVM_SYSTEM_EVENT_RESET,
                    KVM_SYSTEM_EVENT_RESET_FLAG_PSCI_RESET2 as u64,
                ));
            }
            PSCI_RET_INVALID_PARAMS as i64
        }
        _ => return psci_0_2(v, func),
    };
    set_ret(v, [val as u64, 0, 0, 0]);
    None
}

/// Zeroes the upper halves of x1..x3 for a 32-bit (SMC32/HVC32) PSCI call.
fn narrow_to_32bit(v: &mut VcpuInner) {
    for r in &mut v.cpu.s.x[1..4] {
        *r &= 0xffff_ffff;
    }
}

fn psci_0_2(v: &mut VcpuInner, func: u32) -> Option<SystemEvent> {
    let mut event = None;
    let val: i64 = match func {
        PSCI_0_2_FN_PSCI_VERSION => PSCI_0_2 as i64,
        PSCI_0_2_FN_CPU_SUSPEND | PSCI_0_2_FN64_CPU_SUSPEND => {
            // A suspend that loses no state is a WFI (KVM: kvm_vcpu_wfi).
            std::thread::sleep(Duration::from_micros(100));
            PSCI_RET_SUCCESS as i64
        }
        PSCI_0_2_FN_CPU_OFF => cpu_off(v),
        PSCI_0_2_FN_CPU_ON => {
            narrow_to_32bit(v);
            cpu_on(v, true)
        }
        PSCI_0_2_FN64_CPU_ON => cpu_on(v, true),
        PSCI_0_2_FN_AFFINITY_INFO => {
            narrow_to_32bit(v);
            affinity_info(v)
        }
        PSCI_0_2_FN64_AFFINITY_INFO => affinity_info(v),
        PSCI_0_2_FN_MIGRATE_INFO_TYPE => PSCI_0_2_TOS_MP as i64,
        PSCI_0_2_FN_MIGRATE_INFO_UP_CPU | PSCI_0_2_FN64_MIGRATE_INFO_UP_CPU => {
            SMCCC_RET_NOT_SUPPORTED
        }
        // A guest resumed after SYSTEM_OFF/RESET sees INTERNAL_FAILURE: the call
        // was not supposed to return.
        PSCI_0_2_FN_SYSTEM_OFF => {
            event = Some(system_event(v, KVM_SYSTEM_EVENT_SHUTDOWN, 0));
            PSCI_RET_INTERNAL_FAILURE as i64
        }
        PSCI_0_2_FN_SYSTEM_RESET => {
            event = Some(system_event(v, KVM_SYSTEM_EVENT_RESET, 0));
            PSCI_RET_INTERNAL_FAILURE as i64
        }
        _ => SMCCC_RET_NOT_SUPPORTED,
    };
    set_ret(v, [val as u64, 0, 0, 0]);
    event
}

fn cpu_off(v: &mut VcpuInner) -> i64 {
    lock(&v.shared.power).mp_state = KVM_MP_STATE_STOPPED;
    PSCI_RET_SUCCESS as i64
}

fn find_by_mpidr(v: &VcpuInner, aff: u64) -> Option<Arc<VcpuShared>> {
    v.vm.vcpus()
        .into_iter()
        .find(|t| t.mpidr.load(Ordering::SeqCst) & MPIDR_HWID_BITMASK == aff)
}

/// CPU_ON(target MPIDR, entry point, context id).
fn cpu_on(v: &mut VcpuInner, psci_0_2_plus: bool) -> i64 {
    let aff = v.cpu.s.x[1] & MPIDR_HWID_BITMASK;
    let (pc, r0) = (v.cpu.s.x[2], v.cpu.s.x[3]);
    let Some(t) = find_by_mpidr(v, aff) else {
        return PSCI_RET_INVALID_PARAMS as i64;
    };
    let mut p = lock(&t.power);
    if p.mp_state != KVM_MP_STATE_STOPPED {
        return if psci_0_2_plus {
            PSCI_RET_ALREADY_ON as i64
        } else {
            PSCI_RET_INVALID_PARAMS as i64
        };
    }
    // The target resets itself on its own thread (KVM_REQ_VCPU_RESET), then starts
    // at `pc` with x0 = context id.
    p.reset = Some(crate::vm::PsciReset { pc, r0 });
    p.mp_state = KVM_MP_STATE_RUNNABLE;
    t.cv.notify_all();
    PSCI_RET_SUCCESS as i64
}

/// AFFINITY_INFO(target affinity, lowest affinity level).
fn affinity_info(v: &mut VcpuInner) -> i64 {
    let level = v.cpu.s.x[2];
    if level > 3 {
        return PSCI_RET_INVALID_PARAMS as i64;
    }
    let mask = MPIDR_HWID_BITMASK & !((1u64 << (level * 8)) - 1);
    let target = v.cpu.s.x[1] & mask;
    let mut matching = 0;
    for t in v.vm.vcpus() {
        if t.mpidr.load(Ordering::SeqCst) & MPIDR_HWID_BITMASK & mask == target {
            matching += 1;
            if lock(&t.power).mp_state != KVM_MP_STATE_STOPPED {
                return PSCI_0_2_AFFINITY_LEVEL_ON as i64;
            }
        }
    }
    if matching == 0 {
        PSCI_RET_INVALID_PARAMS as i64
    } else {
        PSCI_0_2_AFFINITY_LEVEL_OFF as i64
    }
}

/// SYSTEM_OFF/RESET: every vCPU of the VM stops until re-initialised (KVM marks them
/// all STOPPED so none runs on after the request).
fn system_event(v: &mut VcpuInner, ty: u32, flags: u64) -> SystemEvent {
    for t in v.vm.vcpus() {
        lock(&t.power).mp_state = KVM_MP_STATE_STOPPED;
        if !Arc::ptr_eq(&t, &v.shared) {
            t.poke();
        }
    }
    (ty, flags)
}
