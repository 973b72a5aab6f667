//! The run loop's caches must never run stale code or touch a stale map: the
//! decoded-instruction cache (indexed by PC, tagged by the instruction word) and the
//! per-CPU hint of the RAM region last fetched from / accessed.
//!
//! Instruction words from llvm-mc (LLVM 14, `-triple=aarch64 -show-encoding`):
//!   0x91000400  add x0, x0, #1
//!   0xd1000400  sub x0, x0, #1
//!   0xb9000041  str w1, [x2]
//!   0x17fffffe  b #-8

use arm64_cpu::{Cpu, CpuConfig, GuestRam, Region};
use std::sync::Arc;

const ADD1: u32 = 0x9100_0400;
const SUB1: u32 = 0xd100_0400;
const STR_W1_X2: u32 = 0xb900_0041;
const B_M8: u32 = 0x17ff_fffe;
const RAM_SIZE: usize = 1 << 20;

fn ram_map(base: u64) -> (Arc<GuestRam>, *mut u8) {
    let ram: &'static mut [u8] = Box::leak(vec![0u8; RAM_SIZE].into_boxed_slice());
    let host = ram.as_mut_ptr();
    let region = Region {
        gpa: base,
        size: RAM_SIZE as u64,
        host,
        readonly: false,
    };
    (Arc::new(GuestRam::new(vec![region]).unwrap()), host)
}

/// Writes `w` at guest physical `pa` of a map based at 0, as the VMM would.
fn poke(host: *mut u8, pa: u64, w: u32) {
    assert!(pa as usize + 4 <= RAM_SIZE);
    // SAFETY: inside the leaked RAM buffer.
    unsafe { std::ptr::copy_nonoverlapping(w.to_le_bytes().as_ptr(), host.add(pa as usize), 4) };
}

fn step_ok(c: &mut Cpu) {
    assert_eq!(c.step(), Ok(()));
    assert_eq!(
        c.exceptions_taken, 0,
        "unexpected exception at {:#x}",
        c.s.pc
    );
}

#[test]
fn guest_rewrites_an_instruction_it_already_executed() {
    let (ram, host) = ram_map(0);
    let mut c = Cpu::new(CpuConfig::default(), ram);
    // 0x1000: add x0, x0, #1 ; str w1, [x2] ; b 0x1000, with w1 = `sub x0, x0, #1`
    // and x2 = 0x1000: the first pass adds, the store turns the first instruction
    // into a subtraction, and every later pass subtracts.
    poke(host, 0x1000, ADD1);
    poke(host, 0x1004, STR_W1_X2);
    poke(host, 0x1008, B_M8);
    c.s.pc = 0x1000;
    c.s.x[1] = u64::from(SUB1);
    c.s.x[2] = 0x1000;
    for _ in 0..3 {
        step_ok(&mut c);
    }
    assert_eq!((c.s.x[0], c.s.pc), (1, 0x1000));
    step_ok(&mut c);
    assert_eq!((c.s.x[0], c.s.pc), (0, 0x1004));
    for _ in 0..3 {
        step_ok(&mut c);
    }
    assert_eq!((c.s.x[0], c.s.pc), (u64::MAX, 0x1004));
}

#[test]
fn vmm_writes_a_different_word_at_a_pc_already_run() {
    let (ram, host) = ram_map(0);
    let mut c = Cpu::new(CpuConfig::default(), ram);
    for round in 0..3u64 {
        poke(host, 0x2000, ADD1);
        c.s.pc = 0x2000;
        step_ok(&mut c);
        assert_eq!(c.s.x[0], 1, "round {round}");
        poke(host, 0x2000, SUB1);
        c.s.pc = 0x2000;
        step_ok(&mut c);
        assert_eq!(c.s.x[0], 0, "round {round}");
    }
    assert_eq!(c.retired, 6);
}

#[test]
fn pcs_that_share_a_cache_slot_keep_their_own_words() {
    let (ram, host) = ram_map(0);
    let mut c = Cpu::new(CpuConfig::default(), ram);
    // Whatever the cache's size, one of these distances (in words) makes the two
    // PCs share an entry of a PC-indexed cache.
    for dist in [1u64 << 10, 1 << 12, 1 << 14, 1 << 16] {
        let (a, b) = (0x1000, 0x1000 + 4 * dist);
        poke(host, a, ADD1);
        poke(host, b, SUB1);
        c.s.x[0] = 10;
        for (pc, want) in [(a, 11), (b, 10), (a, 11), (a, 12), (b, 11), (b, 10)] {
            c.s.pc = pc;
            step_ok(&mut c);
            assert_eq!(c.s.x[0], want, "pc {pc:#x}, distance {dist}");
        }
    }
}

#[test]
fn replacing_the_map_is_seen_by_fetches_and_data_accesses() {
    // Two maps of the same guest addresses over different host memory: after the
    // CPU's map is replaced (by set_ram or by assigning the public field), both
    // fetches and loads must come from the new one.
    let (ram1, host1) = ram_map(0);
    let (ram2, host2) = ram_map(0);
    poke(host1, 0x1000, ADD1);
    poke(host2, 0x1000, SUB1);
    poke(host1, 0x3000, 0x1111_1111);
    poke(host2, 0x3000, 0x2222_2222);
    let mut c = Cpu::new(CpuConfig::default(), ram1.clone());
    c.s.pc = 0x1000;
    step_ok(&mut c);
    assert_eq!(c.s.x[0], 1);
    assert_eq!(c.read_mem(0x3000, 4), Ok(0x1111_1111));
    c.set_ram(ram2.clone());
    c.s.pc = 0x1000;
    step_ok(&mut c);
    assert_eq!(c.s.x[0], 0);
    assert_eq!(c.read_mem(0x3000, 4), Ok(0x2222_2222));
    c.ram = ram1;
    c.s.pc = 0x1000;
    step_ok(&mut c);
    assert_eq!(c.s.x[0], 1);
    assert_eq!(c.read_mem(0x3000, 4), Ok(0x1111_1111));
    c.ram = ram2;
    c.s.pc = 0x1000;
    step_ok(&mut c);
    assert_eq!(c.s.x[0], 0);
    assert_eq!(c.read_mem(0x3000, 4), Ok(0x2222_2222));
}
