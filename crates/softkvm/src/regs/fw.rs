//! Firmware pseudo-registers (group 0x14) and firmware feature bitmaps (0x16).
//!
//! They describe the hypercall services softkvm offers the guest (see `psci.rs`),
//! with the kernel's `hypercalls.c` rules for reading and writing them.

use crate::bindings::*;
use crate::vm::{lock, PSCI_0_1, PSCI_0_2, PSCI_1_0, PSCI_1_1};
use crate::vstate::{Errno, VcpuInner};
use std::sync::atomic::Ordering;

/// Default bitmaps: no TRNG, no PV time, the vendor "KVM features" query only
/// (softkvm implements neither TRNG, stolen time nor PTP).
pub(crate) const DEFAULT_BMAPS: [u64; 3] = [0, 0, 1 << KVM_REG_ARM_VENDOR_HYP_BIT_FUNC_FEAT];
/// The bits of each bitmap softkvm can offer (a SET with others is `EINVAL`).
const BMAP_MASKS: [u64; 3] = DEFAULT_BMAPS;
/// Workaround levels of the emulated CPU: it does not speculate, so each Spectre
/// workaround is "not required".
const WA1_LEVEL: u64 = KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_1_NOT_REQUIRED as u64;
const WA2_LEVEL: u64 = KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2_NOT_REQUIRED as u64;
const WA3_LEVEL: u64 = KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_3_NOT_REQUIRED as u64;
const FEATURE_LEVEL_MASK: u64 = 0xf;

fn bmap_index(id: u64) -> Option<usize> {
    match id {
        KVM_REG_ARM_STD_BMAP => Some(0),
        KVM_REG_ARM_STD_HYP_BMAP => Some(1),
        KVM_REG_ARM_VENDOR_HYP_BMAP => Some(2),
        _ => None,
    }
}

pub(super) fn get(v: &VcpuInner, id: u64) -> Result<u64, Errno> {
    Ok(match id {
        KVM_REG_ARM_PSCI_VERSION => {
            if v.has_psci_0_2() {
                v.vm.psci_version.load(Ordering::SeqCst) as u64
            } else {
                PSCI_0_1 as u64
            }
        }
        KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_1 => WA1_LEVEL,
        KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2 => WA2_LEVEL,
        KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_3 => WA3_LEVEL,
        _ => match bmap_index(id) {
            Some(i) => lock(&v.vm.fw_bmaps)[i],
            None => return Err(libc::ENOENT),
        },
    })
}

pub(super) fn set(v: &mut VcpuInner, id: u64, val: u64) -> Result<(), Errno> {
    match id {
        KVM_REG_ARM_PSCI_VERSION => {
            let wants_0_2 = v.has_psci_0_2();
            let ok = match val {
                x if x == PSCI_0_1 as u64 => !wants_0_2,
                x if x == PSCI_0_2 as u64 || x == PSCI_1_0 as u64 || x == PSCI_1_1 as u64 => {
                    wants_0_2
                }
                _ => false,
            };
            if !ok {
                return Err(libc::EINVAL);
            }
            if wants_0_2 {
                v.vm.psci_version.store(val as u32, Ordering::SeqCst);
            }
            Ok(())
        }
        // A level above what the host provides cannot be restored here.
        KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_1 | KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_3 => {
            let level = if id == KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_1 {
                WA1_LEVEL
            } else {
                WA3_LEVEL
            };
            if val & !FEATURE_LEVEL_MASK != 0 || val > level {
                return Err(libc::EINVAL);
            }
            Ok(())
        }
        KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2 => {
            let enabled = KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2_ENABLED as u64;
            if val & !(FEATURE_LEVEL_MASK | enabled) != 0 {
                return Err(libc::EINVAL);
            }
            let lvl = val & FEATURE_LEVEL_MASK;
            if val & enabled != 0 && lvl != KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2_AVAIL as u64 {
                return Err(libc::EINVAL);
            }
            let wanted = match lvl as u32 {
                KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2_NOT_AVAIL
                | KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2_UNKNOWN => {
                    KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2_NOT_AVAIL
                }
                KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2_AVAIL
                | KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2_NOT_REQUIRED => {
                    KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2_NOT_REQUIRED
                }
                _ => return Err(libc::EINVAL),
            };
            if wanted as u64 > WA2_LEVEL {
                return Err(libc::EINVAL);
            }
            Ok(())
        }
        _ => {
            let Some(i) = bmap_index(id) else {
                return Err(libc::ENOENT);
            };
            if val & !BMAP_MASKS[i] != 0 {
                return Err(libc::EINVAL);
            }
            let mut b = lock(&v.vm.fw_bmaps);
            // The services are fixed once any vCPU of the VM has run.
            if v.vm.has_run.load(Ordering::SeqCst) && val != b[i] {
                return Err(libc::EBUSY);
            }
            b[i] = val;
            Ok(())
        }
    }
}

pub(super) fn list(l: &mut Vec<u64>) {
    l.extend([
        KVM_REG_ARM_PSCI_VERSION,
        KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_1,
        KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2,
        KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_3,
        KVM_REG_ARM_STD_BMAP,
        KVM_REG_ARM_STD_HYP_BMAP,
        KVM_REG_ARM_VENDOR_HYP_BMAP,
    ]);
}
