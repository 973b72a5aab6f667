//! Core registers: ids are word offsets into `struct kvm_regs` (spec §3.5.1).

use super::{put, take};
use crate::bindings::*;
use crate::vstate::{Errno, VcpuInner};

/// The natural size in bytes of the field starting at word `off`, as the kernel's
/// `core_reg_size_from_offset` (which also refuses misaligned offsets and, on an SVE
/// vCPU, the V registers).
fn natural_size(v: &VcpuInner, off: u64) -> Result<usize, Errno> {
    let size = match off {
        // x0..x30, sp, pc, pstate, sp_el1, elr_el1, spsr[0..5]
        0..=0x50 => 8,
        0x54..=0xd0 => 16,
        CORE_FPSR | CORE_FPCR => 4,
        _ => return Err(libc::EINVAL),
    };
    if off % (size as u64 / 4) != 0 {
        return Err(libc::EINVAL);
    }
    // On an SVE vCPU the V registers exist only as the low 128 bits of the Z ids.
    if v.sve && (0x54..=0xd0).contains(&off) {
        return Err(libc::EINVAL);
    }
    Ok(size)
}

/// The checks common to GET and SET; returns the word offset.
fn check(v: &VcpuInner, id: u64, len: usize) -> Result<u64, Errno> {
    let off = id & 0xffff;
    let words = (len / 4) as u64;
    if off >= CORE_NR_WORDS || off + words >= CORE_NR_WORDS {
        return Err(libc::ENOENT);
    }
    if natural_size(v, off)? != len {
        return Err(libc::EINVAL);
    }
    Ok(off)
}

pub(super) fn get(v: &mut VcpuInner, id: u64, out: &mut [u8]) -> Result<(), Errno> {
    let off = check(v, id, out.len())?;
    let s = &v.cpu.s;
    let val = match off {
        0x00..=0x3c => s.x[(off / 2) as usize],
        CORE_SP => s.sp_el0,
        CORE_PC => s.pc,
        CORE_PSTATE => s.pstate.to_spsr(),
        CORE_SP_EL1 => s.sp_el1,
        CORE_ELR_EL1 => v.cpu.sys.elr_el1,
        0x48 => v.cpu.sys.spsr_el1,
        0x4a..=0x50 => v.cpu.sys.spsr_aa32[((off - 0x4a) / 2) as usize],
        0x54..=0xd0 => {
            let n = ((off - 0x54) / 4) as usize;
            out.copy_from_slice(&s.z[n].0[..16]);
            return Ok(());
        }
        CORE_FPSR => s.fpsr as u64,
        CORE_FPCR => s.fpcr as u64,
        _ => return Err(libc::EINVAL),
    };
    put(out, val);
    Ok(())
}

pub(super) fn set(v: &mut VcpuInner, id: u64, data: &[u8]) -> Result<(), Errno> {
    let off = check(v, id, data.len())?;
    let val = take(data);
    let c = &mut v.cpu;
    match off {
        0x00..=0x3c => c.s.x[(off / 2) as usize] = val,
        CORE_SP => c.s.sp_el0 = val,
        CORE_PC => c.s.pc = val,
        CORE_PSTATE => {
            // Only AArch64 EL0t/EL1t/EL1h: the CPU has no AArch32 and no EL2. Any
            // other mode (an AArch32 mode included) is refused as KVM refuses modes
            // the vCPU cannot be in.
            if !c.s.pstate.from_spsr(val) {
                return Err(libc::EINVAL);
            }
        }
        CORE_SP_EL1 => c.s.sp_el1 = val,
        CORE_ELR_EL1 => c.sys.elr_el1 = val,
        0x48 => c.sys.spsr_el1 = val,
        0x4a..=0x50 => c.sys.spsr_aa32[((off - 0x4a) / 2) as usize] = val,
        0x54..=0xd0 => {
            let n = ((off - 0x54) / 4) as usize;
            c.s.z[n].0[..16].copy_from_slice(data);
        }
        CORE_FPSR => c.s.fpsr = val as u32,
        CORE_FPCR => c.s.fpcr = val as u32,
        _ => return Err(libc::EINVAL),
    }
    c.sysreg_changed();
    Ok(())
}

pub(super) fn list(v: &VcpuInner, l: &mut Vec<u64>) {
    for off in (0..=0x50).step_by(2) {
        l.push(KVM_REG_ARM_CORE_REG(off, KVM_REG_SIZE_U64));
    }
    if !v.sve {
        for n in 0..32 {
            l.push(KVM_REG_ARM_CORE_REG(CORE_V(n), KVM_REG_SIZE_U128));
        }
    }
    l.push(KVM_REG_ARM_CORE_REG(CORE_FPSR, KVM_REG_SIZE_U32));
    l.push(KVM_REG_ARM_CORE_REG(CORE_FPCR, KVM_REG_SIZE_U32));
}
