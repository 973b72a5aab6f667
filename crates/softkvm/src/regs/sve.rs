//! The SVE register block (spec §3.3, §3.5.2, §5): VLS, Z0..Z31, P0..P15, FFR.

use crate::bindings::*;
use crate::vstate::{Errno, VcpuInner};

/// Which architectural register an SVE-block id names.
enum SveReg {
    Z(usize),
    P(usize),
    Ffr,
}

/// The kernel's `sve_reg_to_region` classification: ids inside the Z range or the
/// P+FFR range (size bits included in the comparison) exist only as slice 0 of an
/// SVE vCPU (`ENOENT` otherwise); any other SVE-block id is `EINVAL`.
fn classify(v: &VcpuInner, id: u64) -> Result<SveReg, Errno> {
    let zmin = KVM_REG_ARM64_SVE_ZREG(0, 0);
    let zmax = KVM_REG_ARM64_SVE_ZREG(31, 31);
    let pmin = KVM_REG_ARM64_SVE_PREG(0, 0);
    let pmax = KVM_REG_ARM64_SVE_FFR(31);
    let slice = id & 0x1f;
    let num = ((id >> 5) & 0x1f) as usize;
    if (zmin..=zmax).contains(&id) {
        if !v.sve || slice != 0 {
            return Err(libc::ENOENT);
        }
        Ok(SveReg::Z(num))
    } else if (pmin..=pmax).contains(&id) {
        if !v.sve || slice != 0 {
            return Err(libc::ENOENT);
        }
        // FFR ids follow P15's ("P16").
        if id >= KVM_REG_ARM64_SVE_FFR(0) {
            Ok(SveReg::Ffr)
        } else {
            Ok(SveReg::P(num & 15))
        }
    } else {
        Err(libc::EINVAL)
    }
}

pub(super) fn get(v: &mut VcpuInner, id: u64, out: &mut [u8]) -> Result<(), Errno> {
    if id == KVM_REG_ARM64_SVE_VLS {
        if !v.sve {
            return Err(libc::ENOENT);
        }
        out.fill(0);
        out[..2].copy_from_slice(&v.vls_map().to_le_bytes());
        return Ok(());
    }
    let r = classify(v, id)?;
    if !v.finalized {
        return Err(libc::EPERM);
    }
    // The first 16·max_vq (Z) or 2·max_vq (P, FFR) bytes come from the vCPU at its
    // maximum VL whatever ZCR_EL1 selects; the rest of the buffer is zero.
    let vq = v.max_vq as usize;
    let s = &v.cpu.s;
    let src: &[u8] = match r {
        SveReg::Z(n) => &s.z[n].0[..16 * vq],
        SveReg::P(n) => &s.p[n][..2 * vq],
        SveReg::Ffr => &s.ffr[..2 * vq],
    };
    out.fill(0);
    out[..src.len()].copy_from_slice(src);
    Ok(())
}

pub(super) fn set(v: &mut VcpuInner, id: u64, data: &[u8]) -> Result<(), Errno> {
    if id == KVM_REG_ARM64_SVE_VLS {
        return set_vls(v, data);
    }
    let r = classify(v, id)?;
    if !v.finalized {
        return Err(libc::EPERM);
    }
    // Only the bytes inside the vCPU's maximum VL are taken; the rest of the
    // buffer is ignored (not checked for zero).
    let vq = v.max_vq as usize;
    let s = &mut v.cpu.s;
    match r {
        SveReg::Z(n) => s.z[n].0[..16 * vq].copy_from_slice(&data[..16 * vq]),
        SveReg::P(n) => s.p[n][..2 * vq].copy_from_slice(&data[..2 * vq]),
        SveReg::Ffr => s.ffr[..2 * vq].copy_from_slice(&data[..2 * vq]),
    }
    Ok(())
}

/// SET of `KVM_REG_ARM64_SVE_VLS` (spec §3.3): userspace may only choose the
/// maximum; the set must be exactly the host's lengths up to it.
fn set_vls(v: &mut VcpuInner, data: &[u8]) -> Result<(), Errno> {
    if !v.sve {
        return Err(libc::ENOENT);
    }
    if v.finalized {
        return Err(libc::EPERM);
    }
    let bit = |vq: u32| {
        let i = (vq - 1) as usize;
        data[i / 8] & (1 << (i % 8)) != 0
    };
    let max = (KVM_ARM64_SVE_VQ_MIN..=KVM_ARM64_SVE_VQ_MAX)
        .rev()
        .find(|&vq| bit(vq))
        .unwrap_or(0);
    let host = &v.vm.host;
    if max > host.max_vq() {
        return Err(libc::EINVAL);
    }
    if (1..=max).any(|vq| bit(vq) != host.has_vq(vq)) {
        return Err(libc::EINVAL);
    }
    if max == 0 {
        return Err(libc::EINVAL);
    }
    v.max_vq = max;
    v.sync_sve_cfg();
    Ok(())
}

pub(super) fn list(v: &VcpuInner, l: &mut Vec<u64>) {
    if !v.sve {
        return;
    }
    l.push(KVM_REG_ARM64_SVE_VLS);
    l.extend((0..32).map(|n| KVM_REG_ARM64_SVE_ZREG(n, 0)));
    l.extend((0..16).map(|n| KVM_REG_ARM64_SVE_PREG(n, 0)));
    l.push(KVM_REG_ARM64_SVE_FFR(0));
}
