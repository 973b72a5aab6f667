//! `KVM_{GET,SET}_ONE_REG` and `KVM_GET_REG_LIST`: id dispatch and the list.
//!
//! Dispatch follows the kernel's `kvm_arm_{get,set}_reg` (spec §3.5): the arch
//! check, then the coprocessor group: core, firmware (and firmware feature bitmaps),
//! SVE; then the timer ids; everything else is the system-register path (which also
//! takes DEMUX). The callers have already checked initialisation (`ENOEXEC`) and
//! applied a pending PSCI reset; buffers are exactly `reg_size(id)` bytes.

pub(crate) mod core;
pub(crate) mod demux;
pub(crate) mod fw;
pub(crate) mod sve;
pub(crate) mod sysreg;
pub(crate) mod timer;

use crate::bindings::*;
use crate::vstate::{Errno, VcpuInner};

/// Bits 63..56 must be `KVM_REG_ARM64` and bits 51..32 zero.
fn arch_ok(id: u64) -> bool {
    (id & !KVM_REG_SIZE_MASK) >> 32 == KVM_REG_ARM64 >> 32
}

fn coproc(id: u64) -> u32 {
    id as u32 & KVM_REG_ARM_COPROC_MASK
}

pub(crate) fn get(v: &mut VcpuInner, id: u64, out: &mut [u8]) -> Result<(), Errno> {
    if !arch_ok(id) {
        return Err(libc::EINVAL);
    }
    match coproc(id) {
        KVM_REG_ARM_CORE => core::get(v, id, out),
        KVM_REG_ARM_FW | KVM_REG_ARM_FW_FEAT_BMAP => {
            let val = fw::get(v, id)?;
            put(out, val);
            Ok(())
        }
        KVM_REG_ARM64_SVE => sve::get(v, id, out),
        _ if timer::is_timer_reg(id) => {
            put(out, timer::get(v, id));
            Ok(())
        }
        _ => sysreg::get(v, id, out),
    }
}

pub(crate) fn set(v: &mut VcpuInner, id: u64, data: &[u8]) -> Result<(), Errno> {
    if !arch_ok(id) {
        return Err(libc::EINVAL);
    }
    match coproc(id) {
        KVM_REG_ARM_CORE => core::set(v, id, data),
        KVM_REG_ARM_FW | KVM_REG_ARM_FW_FEAT_BMAP => fw::set(v, id, take(data)),
        KVM_REG_ARM64_SVE => sve::set(v, id, data),
        _ if timer::is_timer_reg(id) => {
            timer::set(v, id, take(data));
            Ok(())
        }
        _ => sysreg::set(v, id, data),
    }
}

/// Every register id of the vCPU, in the kernel's order (6.12): core, SVE block,
/// firmware, firmware bitmaps, timer, invariant sysregs, other sysregs in encoding
/// order, DEMUX.
pub(crate) fn list(v: &VcpuInner) -> Vec<u64> {
    let mut l = Vec::with_capacity(300);
    core::list(v, &mut l);
    sve::list(v, &mut l);
    fw::list(&mut l);
    timer::list(&mut l);
    sysreg::list(v, &mut l);
    demux::list(&mut l);
    l
}

/// Writes `val` little-endian into `out` (8 bytes for a U64 id; fewer if the id is
/// smaller, as `copy_to_user(.., KVM_REG_SIZE)` of a u64 on a little-endian host).
pub(crate) fn put(out: &mut [u8], val: u64) {
    let b = val.to_le_bytes();
    let n = out.len().min(8);
    out[..n].copy_from_slice(&b[..n]);
    out[n..].fill(0);
}

/// Reads up to 8 bytes little-endian.
pub(crate) fn take(data: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    let n = data.len().min(8);
    b[..n].copy_from_slice(&data[..n]);
    u64::from_le_bytes(b)
}
