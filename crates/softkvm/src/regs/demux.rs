//! DEMUX ids: CCSIDR_EL1 for each cache selector (CSSELR_EL1 value 0..13).
//!
//! Since 6.3 KVM lists all 14 selectors and fabricates CCSIDR from CTR_EL0: line
//! size = the smallest D (or I) line CTR_EL0 reports, 1 set, 1 way.

use super::{put, sysreg};
use crate::bindings::*;
use crate::vstate::{Errno, VcpuInner};

const CSSELR_MAX: u32 = 14;
/// CCSIDR_EL1 bits 31..28 are RES0 (without FEAT_CCIDX).
const CCSIDR_RES0: u32 = 0xf000_0000;

/// log2 of the minimum line size in bytes for instruction (`icache`) or data caches:
/// CTR_EL0.IminLine / DminLine are log2(words).
fn min_line_log2(v: &VcpuInner, icache: bool) -> u32 {
    let ctr = sysreg::read(v, sysreg::CTR_EL0);
    let f = if icache { ctr & 0xf } else { (ctr >> 16) & 0xf };
    f as u32 + 2
}

fn fabricated(v: &VcpuInner, csselr: u32) -> u32 {
    min_line_log2(v, csselr & 1 != 0).saturating_sub(4)
}

fn ccsidr(v: &VcpuInner, csselr: u32) -> u32 {
    match &v.ccsidr {
        Some(a) => a[csselr as usize],
        None => fabricated(v, csselr),
    }
}

/// Validates a DEMUX id; returns the cache selector.
fn selector(id: u64) -> Result<u32, Errno> {
    let known = KVM_REG_ARCH_MASK
        | KVM_REG_SIZE_MASK
        | KVM_REG_ARM_COPROC_MASK as u64
        | ((1u64 << KVM_REG_ARM_COPROC_SHIFT) - 1);
    if id & !known != 0 {
        return Err(libc::ENOENT);
    }
    if (id as u32 & KVM_REG_ARM_DEMUX_ID_MASK) >> KVM_REG_ARM_DEMUX_ID_SHIFT
        != KVM_REG_ARM_DEMUX_ID_CCSIDR
    {
        return Err(libc::ENOENT);
    }
    if id & KVM_REG_SIZE_MASK != KVM_REG_SIZE_U32 {
        return Err(libc::ENOENT);
    }
    let sel = id as u32 & KVM_REG_ARM_DEMUX_VAL_MASK;
    if sel >= CSSELR_MAX {
        return Err(libc::ENOENT);
    }
    Ok(sel)
}

pub(super) fn get(v: &VcpuInner, id: u64, out: &mut [u8]) -> Result<(), Errno> {
    let sel = selector(id)?;
    put(out, ccsidr(v, sel) as u64);
    Ok(())
}

pub(super) fn set(v: &mut VcpuInner, id: u64, val: u32) -> Result<(), Errno> {
    let sel = selector(id)?;
    let line = (val & 7) + 4;
    if val & CCSIDR_RES0 != 0 || line < min_line_log2(v, sel & 1 != 0) {
        return Err(libc::EINVAL);
    }
    if v.ccsidr.is_none() {
        if val == fabricated(v, sel) {
            return Ok(());
        }
        let mut a = [0u32; CSSELR_MAX as usize];
        for (i, e) in a.iter_mut().enumerate() {
            *e = fabricated(v, i as u32);
        }
        v.ccsidr = Some(a);
    }
    if let Some(a) = v.ccsidr.as_mut() {
        a[sel as usize] = val;
    }
    Ok(())
}

pub(super) fn list(l: &mut Vec<u64>) {
    l.extend((0..CSSELR_MAX).map(KVM_REG_ARM_DEMUX_CCSIDR));
}
