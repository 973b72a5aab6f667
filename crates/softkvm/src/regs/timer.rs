//! The generic-timer ids: virtual timer CTL/CNT/CVAL and, since 6.4, the physical
//! timer's (listed in that order, CTL, CNT, CVAL, after the firmware registers).
//!
//! Storage is the CPU's (`SysRegs::cntv_*`, `cntp_*`, `cntvoff`). The counters are
//! read through the CPU's CNTPCT_EL0/CNTVCT_EL0 when it implements them; until it
//! does, the physical count reads as 0. Writing the virtual count moves the virtual
//! offset, as KVM does; writing the physical count is accepted and ignored (the CPU
//! has no physical offset).

use crate::bindings::*;
use crate::vstate::VcpuInner;
use arm64_cpu::sysreg::enc;

const CNTPCT_EL0: u16 = enc(3, 3, 14, 0, 1);
const CNTVCT_EL0: u16 = enc(3, 3, 14, 0, 2);
/// CNTx_CTL_EL0 bits: ENABLE, IMASK, ISTATUS.
const CTL_ENABLE: u64 = 1;
const CTL_ISTATUS: u64 = 1 << 2;

const IDS: [u64; 6] = [
    KVM_REG_ARM_TIMER_CTL,
    KVM_REG_ARM_TIMER_CNT,
    KVM_REG_ARM_TIMER_CVAL,
    KVM_REG_ARM_PTIMER_CTL,
    KVM_REG_ARM_PTIMER_CNT,
    KVM_REG_ARM_PTIMER_CVAL,
];

pub(super) fn is_timer_reg(id: u64) -> bool {
    IDS.contains(&id)
}

fn phys_count(v: &VcpuInner) -> u64 {
    v.cpu.sysreg_get(CNTPCT_EL0).unwrap_or(0)
}

fn virt_count(v: &VcpuInner) -> u64 {
    v.cpu
        .sysreg_get(CNTVCT_EL0)
        .unwrap_or_else(|| phys_count(v).wrapping_sub(v.cpu.sys.cntvoff))
}

/// CTL as KVM reports it: ISTATUS computed from the counter and CVAL.
fn ctl(raw: u64, count: u64, cval: u64) -> u64 {
    let fired = raw & CTL_ENABLE != 0 && count.wrapping_sub(cval) as i64 >= 0;
    (raw & !CTL_ISTATUS) | if fired { CTL_ISTATUS } else { 0 }
}

pub(super) fn get(v: &VcpuInner, id: u64) -> u64 {
    let s = &v.cpu.sys;
    match id {
        KVM_REG_ARM_TIMER_CTL => ctl(s.cntv_ctl_el0, virt_count(v), s.cntv_cval_el0),
        KVM_REG_ARM_TIMER_CNT => virt_count(v),
        KVM_REG_ARM_TIMER_CVAL => s.cntv_cval_el0,
        KVM_REG_ARM_PTIMER_CTL => ctl(s.cntp_ctl_el0, phys_count(v), s.cntp_cval_el0),
        KVM_REG_ARM_PTIMER_CNT => phys_count(v),
        _ => s.cntp_cval_el0,
    }
}

pub(super) fn set(v: &mut VcpuInner, id: u64, val: u64) {
    match id {
        // ISTATUS is read-only: KVM drops it on write.
        KVM_REG_ARM_TIMER_CTL => v.cpu.sys.cntv_ctl_el0 = val & !CTL_ISTATUS,
        KVM_REG_ARM_TIMER_CNT => {
            let now = virt_count(v);
            let off = v.cpu.sys.cntvoff;
            v.cpu.sys.cntvoff = now.wrapping_add(off).wrapping_sub(val);
        }
        KVM_REG_ARM_TIMER_CVAL => v.cpu.sys.cntv_cval_el0 = val,
        KVM_REG_ARM_PTIMER_CTL => v.cpu.sys.cntp_ctl_el0 = val & !CTL_ISTATUS,
        KVM_REG_ARM_PTIMER_CNT => {}
        _ => v.cpu.sys.cntp_cval_el0 = val,
    }
    v.cpu.sysreg_changed();
}

pub(super) fn list(l: &mut Vec<u64>) {
    l.extend(IDS);
}
