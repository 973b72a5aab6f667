//! Top-byte-ignore and the address-size check with stage 1 off
//! (AArch64.TranslateAddressS1Off): AddrTop reads TCR_EL1.TBI0/TBI1 whether or not
//! the MMU is on, so a tagged address reaches memory with its top byte dropped; any
//! other bit set above the 48-bit PA size is an Address size fault at level 0
//! (DFSC 0b000000), reported as a Data Abort from the current EL (EC 0x25).

use arm64_cpu::{Cpu, CpuConfig, GuestRam, Region};
use std::sync::Arc;

const RAM: u64 = 0x4000_0000;
const LDR_X0_X1: u32 = 0xf940_0020; // ldr x0, [x1]

fn cpu(tcr: u64, x1: u64) -> (Cpu, Vec<u8>) {
    let mut mem = vec![0u8; 0x2000];
    mem[..4].copy_from_slice(&LDR_X0_X1.to_le_bytes());
    mem[0x1000..0x1008].copy_from_slice(&0x1122_3344_5566_7788u64.to_le_bytes());
    let ram = GuestRam::new(vec![Region {
        gpa: RAM,
        size: mem.len() as u64,
        host: mem.as_mut_ptr(),
        readonly: false,
    }])
    .unwrap();
    let mut c = Cpu::new(CpuConfig::default(), Arc::new(ram));
    c.s.pc = RAM;
    c.sys.tcr_el1 = tcr;
    c.sys.vbar_el1 = RAM + 0x800;
    c.s.x[1] = x1;
    (c, mem)
}

const TBI0: u64 = 1 << 37;

#[test]
fn tagged_address_with_tbi0_reaches_memory() {
    let (mut c, _mem) = cpu(TBI0, 0x2A00_0000_4000_1000);
    c.step().unwrap();
    assert_eq!(c.s.x[0], 0x1122_3344_5566_7788);
    assert_eq!(c.s.pc, RAM + 4);
}

#[test]
fn tagged_address_without_tbi_is_an_address_size_fault() {
    let (mut c, _mem) = cpu(0, 0x2A00_0000_4000_1000);
    c.step().unwrap();
    // EC 0x25 (Data Abort, same EL), IL, DFSC 0b000000 (address size, level 0), WnR 0.
    assert_eq!(c.sys.esr_el1, 0x25 << 26 | 1 << 25);
    assert_eq!(c.sys.far_el1, 0x2A00_0000_4000_1000);
    assert_eq!(c.s.pc, RAM + 0x800 + 0x200);
}

#[test]
fn bits_between_the_tag_and_the_pa_size_fault_even_with_tbi() {
    let (mut c, _mem) = cpu(TBI0, 0x0001_0000_4000_1000);
    c.step().unwrap();
    assert_eq!(c.sys.esr_el1, 0x25 << 26 | 1 << 25);
    assert_eq!(c.s.pc, RAM + 0x800 + 0x200);
}
