//! Broadcast TLB maintenance: a TLBI of an Inner Shareable form on one vCPU
//! invalidates the other vCPUs' TLBs too; the non-shareable form does not.
//!
//! Alone in its test binary: broadcasts reach every vCPU of the process, and the
//! other MMU tests rely on their TLB entries staying.

mod mmu_common;
use arm64_cpu::Cpu;
use mmu_common::*;

#[test]
fn tlbi_is_reaches_other_vcpus() {
    let mut a = Vm::new(12, 25);
    a.map(0x10_0000_5000, 0x4020_0000, 3, RW_EL1);
    a.w64(0x4020_0000, 1);
    a.w64(0x4020_1000, 2);
    a.c.s.x[5] = 0x10_0000_5000 >> 12;
    a.enable(tcr0(12, 25), &[TLBI_VAE1, DSB_ISH, TLBI_VAE1IS, DSB_ISH]);

    // vCPU B over the same RAM and tables, running [ldr x1, [x2]] x3 from the
    // second code page with the MMU already on.
    let mut b = Cpu::new(a.c.cfg.clone(), a.c.ram.clone());
    b.sys = a.c.sys.clone();
    b.s.x[2] = 0x10_0000_5000;
    a.code_at(CODE + 0x1000, &[LDR_X1_X2, LDR_X1_X2, LDR_X1_X2]);
    b.s.pc = CODE + 0x1000;
    b.step().unwrap();
    assert_eq!(b.s.x[1], 1);

    let d = a.desc_addr(a.root, 0x10_0000_5000, 3);
    a.w64(d, 0x4020_1000 | RW_EL1 | 3);
    // A's local TLBI VAE1 leaves B's entry.
    a.steps(2);
    b.step().unwrap();
    assert_eq!(b.s.x[1], 1);
    // TLBI VAE1IS + DSB ISH on A: B walks again.
    a.steps(2);
    b.step().unwrap();
    assert_eq!(b.s.x[1], 2);
}
