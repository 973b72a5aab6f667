//! Stage 1 translation (EL1&0) against the Arm ARM, worked by hand: table walks for
//! each granule, the faults of each kind and level with their ESR_EL1/FAR_EL1,
//! permissions (EL0/EL1, PAN, LDTR/STTR, UAO, UXN/PXN, WXN), TBI, ASIDs and TLBI, AT.
//!
//! Expected physical addresses and syndromes are computed in the comments from the
//! descriptor formats and the ESR_EL1 ISS encoding (EC 0x24/0x25 Data Abort, 0x20/0x21
//! Instruction Abort; DFSC 0b0000LL address size, 0b0001LL translation, 0b0010LL
//! access flag, 0b0011LL permission, 0b0101LL external abort on a walk, 0b100001
//! alignment).

mod mmu_common;
use arm64_cpu::Exit;
use mmu_common::*;

/// 4K granule, T0SZ = 25 (39-bit VAs, walk starts at level 1), every descriptor
/// written by hand.
#[test]
fn walk_4k_by_hand() {
    let mut vm = Vm::new(12, 25);
    assert_eq!(vm.root, 0x4010_0000);
    // VA 0x12_3456_7890: L1 index VA[38:30] = 0x48, L2 index VA[29:21] = 0x1A2,
    // L3 index VA[20:12] = 0x167, offset 0x890.
    vm.w64(0x4010_0000 + 8 * 0x48, 0x4030_0003); // table
    vm.w64(0x4030_0000 + 8 * 0x1A2, 0x4030_1003); // table
                                                  // Page at PA 0x4020_5000: AF (bit 10), SH = 11, AttrIndx 0, AP = 00.
    vm.w64(0x4030_1000 + 8 * 0x167, 0x4020_5703);
    vm.w64(0x4020_5890, 0x1122_3344_5566_7788);
    vm.c.s.x[2] = 0x12_3456_7890;
    vm.enable(tcr0(12, 25), &[LDR_X1_X2, AT_S1E1R, MRS_X4_PAR]);
    vm.steps(3);
    assert_eq!(vm.c.s.x[1], 0x1122_3344_5566_7788);
    // PAR_EL1: ATTR = 0xFF (bits 63:56), PA[47:12], bit 11 RES1, SH = 11 (8:7).
    assert_eq!(vm.c.s.x[4], 0xFF00_0000_4020_5980);
}

/// 16K granule, T0SZ = 25: start level 1 resolves VA[38:36], level 2 VA[35:25],
/// level 3 VA[24:14]. Code runs from a level 2 block (32 MiB).
#[test]
fn walk_16k_by_hand() {
    let mut vm = Vm::new(14, 25);
    assert_eq!(vm.root, 0x4010_0000);
    // Replace the code mapping by a level 2 block: L1[0] -> table, L2[0x20] (VA
    // 0x4000_0000 >> 25) = block at PA 0x4000_0000, AP = 11.
    vm.w64(0x4010_0000, 0x4034_0003);
    vm.w64(0x4034_0000 + 8 * 0x20, 0x4000_07C1);
    // VA 0x10_0800_C123: L1 index 1, L2 index 4, L3 index 3, offset 0x0123.
    vm.w64(0x4010_0008, 0x4030_0003);
    vm.w64(0x4030_0000 + 8 * 4, 0x4030_4003);
    vm.w64(0x4030_4000 + 8 * 3, 0x4020_4703);
    vm.w64(0x4020_4120, 0xAAAA_BBBB_CCCC_DDDD);
    vm.c.s.x[2] = 0x10_0800_C123 - 3;
    vm.enable(tcr0(14, 25), &[LDR_X1_X2, AT_S1E1W, MRS_X4_PAR]);
    vm.steps(3);
    assert_eq!(vm.c.s.x[1], 0xAAAA_BBBB_CCCC_DDDD);
    assert_eq!(vm.c.s.x[4], 0xFF00_0000_4020_4980);
}

/// 64K granule, T0SZ = 16 (48-bit VAs): start level 1 resolves VA[47:42], level 2
/// VA[41:29] (512 MiB blocks), level 3 VA[28:16].
#[test]
fn walk_64k_by_hand() {
    let mut vm = Vm::new(16, 16);
    assert_eq!(vm.root, 0x4010_0000);
    // Code from a 512 MiB block: L1[0] -> table, L2[2] = block at 0x4000_0000.
    vm.w64(0x4010_0000, 0x4034_0003);
    vm.w64(0x4034_0000 + 8 * 2, 0x4000_07C1);
    // VA 0x8400_0123_4567: L1 index 0x21, L2 index 0, L3 index 0x123, offset 0x4567.
    vm.w64(0x4010_0000 + 8 * 0x21, 0x4030_0003);
    vm.w64(0x4030_0000, 0x4031_0003);
    vm.w64(0x4031_0000 + 8 * 0x123, 0x4025_0703);
    vm.w64(0x4025_4567, 0x0102_0304_0506_0708);
    vm.c.s.x[2] = 0x8400_0123_4567;
    vm.enable(tcr0(16, 16), &[LDR_X1_X2, AT_S1E1R, MRS_X4_PAR]);
    vm.steps(3);
    assert_eq!(vm.c.s.x[1], 0x0102_0304_0506_0708);
    assert_eq!(vm.c.s.x[4], 0xFF00_0000_4025_4980);
}

/// 4K granule with T0SZ = 16: the walk starts at level 0 (VA[47:39]); a 1 GiB block
/// at level 1 and a 2 MiB block at level 2.
#[test]
fn walk_4k_level0_and_blocks() {
    let mut vm = Vm::new(12, 16);
    // VA 0x8000_4000_0000 (L0 index 0x100, L1 index 1): 1 GiB block at PA
    // 0x4000_0000.
    vm.map(0x8000_4000_0000, 0x4000_0000, 1, RW_EL1);
    // VA 0x7F_FFE0_0000 (L0 0, L1 0x1FF, L2 0x1FF): 2 MiB block at PA 0x4020_0000;
    // VA 0x7F_FFF1_2340 is 0x11_2340 into it: PA 0x4031_2340.
    vm.map(0x7F_FFE0_0000, 0x4020_0000, 2, RW_EL1);
    vm.w64(0x4031_2340, 77);
    vm.c.s.x[2] = 0x7F_FFF1_2340;
    // Through the 1 GiB block: PA 0x4000_0000, the code page.
    vm.c.s.x[5] = 0x8000_4000_0000;
    // ldr x1, [x2]; ldr x3, [x5] (llvm-mc: 0xf94000a3)
    vm.enable(tcr0(12, 16), &[LDR_X1_X2, 0xf94000a3]);
    vm.steps(2);
    assert_eq!(vm.c.s.x[1], 77);
    // The first word of the code page: msr sctlr_el1, x0 and isb.
    assert_eq!(vm.c.s.x[3], 0xd503_3fdf_d518_1000);
}

/// TTBR1_EL1 (VA[55] = 1): T1SZ = 25, TG1 = 0b10 (4K).
#[test]
fn ttbr1_upper_range() {
    let mut vm = Vm::new(12, 25);
    let root1 = vm.alloc();
    // VA 0xFFFF_FF80_0020_3008: L1 0, L2 1, L3 3.
    vm.map_in(root1, 0xFFFF_FF80_0020_3008, 0x4020_7000, 3, RW_EL1, 0);
    vm.w64(0x4020_7008, 0x5555);
    vm.c.sys.ttbr1_el1 = root1;
    vm.c.s.x[2] = 0xFFFF_FF80_0020_3008;
    let tcr = 25 | 25 << 16 | 0b10 << 30 | 5 << 32;
    vm.enable(tcr, &[LDR_X1_X2, LDR_X1_X2]);
    vm.steps(1);
    assert_eq!(vm.c.s.x[1], 0x5555);
    // Not all ones above bit 39: neither range, a Translation fault at level 0.
    vm.c.s.x[2] = 0xFFFF_FE80_0020_3008;
    vm.steps(1);
    vm.assert_abort(esr_da_cur(0x04, false), 0xFFFF_FE80_0020_3008, false);
}

fn fault_vm() -> Vm {
    let mut vm = Vm::new(12, 25);
    // A mapped page, then holes at each level around it.
    vm.map(0x10_0000_0000, 0x4020_0000, 3, RW_EL1);
    vm
}

#[test]
fn translation_faults_at_each_level() {
    // (VA, DFSC): L1 entry empty (level 1), L2 entry empty (level 2), L3 entry empty
    // (level 3), VA[38] beyond T0SZ = 25's 39 bits (level 0).
    for (va, dfsc) in [
        (0x20_0000_0000u64, 0x05u64),
        (0x10_0020_0000, 0x06),
        (0x10_0000_1000, 0x07),
        (0x80_0000_0000, 0x04),
    ] {
        let mut vm = fault_vm();
        vm.c.s.x[2] = va;
        vm.enable(tcr0(12, 25), &[STR_X3_X2]);
        vm.steps(1);
        vm.assert_abort(esr_da_cur(dfsc, true), va, false);
        assert_eq!(vm.c.sys.elr_el1, CODE + 8);
    }
}

#[test]
fn reserved_descriptors_and_txsz_and_epd() {
    // A block descriptor at level 3 (bits 01) is invalid: level 3 translation fault.
    let mut vm = fault_vm();
    let d = vm.desc_addr(vm.root, 0x10_0000_0000, 3);
    vm.w64(d, 0x4020_0000 | RW_EL1 | 1);
    vm.c.s.x[2] = 0x10_0000_0000;
    vm.enable(tcr0(12, 25), &[LDR_X1_X2]);
    vm.steps(1);
    vm.assert_abort(esr_da_cur(0x07, false), 0x10_0000_0000, false);

    // T0SZ = 40 (beyond the maximum 39 without FEAT_TTST) faults at level 0, as
    // QEMU chooses among the IMPLEMENTATION DEFINED options. Enabled with a
    // good TCR, then the bad one is installed.
    let mut vm = fault_vm();
    vm.c.s.x[2] = 0x10_0000_0000;
    vm.c.s.x[7] = tcr0(12, 40);
    // msr tcr_el1, x7 (0xd5182047)
    vm.enable(tcr0(12, 25), &[0xd5182047, ISB]);
    vm.steps(1);
    // The next fetch faults: Instruction Abort, level 0 translation fault.
    vm.steps(1);
    vm.assert_abort(esr_ia(0x04, false), CODE + 12, false);

    // EPD1 = 1 (with a valid T1SZ = 25): any TTBR1 address takes a level 0
    // translation fault.
    let mut vm = fault_vm();
    vm.c.s.x[2] = 0xFFFF_FFFF_FFFF_F000;
    vm.enable(tcr0(12, 25) | 25 << 16, &[LDR_X1_X2]);
    vm.steps(1);
    vm.assert_abort(esr_da_cur(0x04, false), 0xFFFF_FFFF_FFFF_F000, false);
}

#[test]
fn access_flag_and_address_size_and_walk_abort() {
    // AF = 0 at a level 3 page: Access flag fault, level 3 (0b001011).
    let mut vm = Vm::new(12, 25);
    vm.map(0x10_0000_0000, 0x4020_0000, 3, SH_IS);
    vm.c.s.x[2] = 0x10_0000_0000;
    vm.enable(tcr0(12, 25), &[LDR_X1_X2]);
    vm.steps(1);
    vm.assert_abort(esr_da_cur(0x0B, false), 0x10_0000_0000, false);

    // AF = 0 on a 2 MiB block: level 2 (0b001010).
    let mut vm = Vm::new(12, 25);
    vm.map(0x10_0020_0000, 0x4020_0000, 2, SH_IS);
    vm.c.s.x[2] = 0x10_0020_0010;
    vm.enable(tcr0(12, 25), &[STR_X3_X2]);
    vm.steps(1);
    vm.assert_abort(esr_da_cur(0x0A, true), 0x10_0020_0010, false);

    // IPS = 0b000 (32-bit PA): a page at PA 0x1_0000_0000 is an Address size fault
    // at level 3. (The tables and code live below 4 GiB.)
    let mut vm = Vm::new(12, 25);
    vm.map(0x10_0000_0000, 0x1_0000_0000, 3, RW_EL1);
    vm.c.s.x[2] = 0x10_0000_0000;
    vm.enable(tcr0(12, 25) & !(7 << 32), &[LDR_X1_X2]);
    vm.steps(1);
    vm.assert_abort(esr_da_cur(0x03, false), 0x10_0000_0000, false);

    // IPS = 40 bits, a level 1 table descriptor pointing at PA 0x100_4030_0000
    // (bit 40 set): Address size fault at level 1.
    let mut vm = Vm::new(12, 25);
    vm.w64(vm.root + 8 * 0x40, 0x100_4030_0003);
    vm.c.s.x[2] = 0x10_0000_0000;
    vm.enable((tcr0(12, 25) & !(7 << 32)) | 2 << 32, &[LDR_X1_X2]);
    vm.steps(1);
    vm.assert_abort(esr_da_cur(0x01, false), 0x10_0000_0000, false);

    // TTBR0_EL1 beyond a 40-bit IPS: Address size fault at level 0, here on the
    // first fetch after the MMU is on (the ISB's: instructions after the MSR may
    // already use the new SCTLR_EL1).
    let mut vm = Vm::new(12, 25);
    vm.code_at(CODE, &[MSR_SCTLR_X0, ISB]);
    vm.c.sys.tcr_el1 = (tcr0(12, 25) & !(7 << 32)) | 2 << 32;
    vm.c.sys.ttbr0_el1 = vm.root | 1 << 40;
    vm.c.s.x[0] = vm.c.sys.sctlr_el1 | 1;
    vm.steps(2);
    vm.assert_abort(esr_ia(0x00, false), CODE + 4, false);

    // A table at a PA that is not RAM: the level 2 descriptor read is a
    // synchronous External abort on the walk, level 2 (0b010110).
    let mut vm = Vm::new(12, 25);
    vm.w64(vm.root + 8 * 0x40, 0x1000_0003);
    vm.c.s.x[2] = 0x10_0000_0000;
    vm.enable(tcr0(12, 25), &[LDR_X1_X2]);
    vm.steps(1);
    vm.assert_abort(esr_da_cur(0x16, false), 0x10_0000_0000, false);
}

/// A VM with: VA 0x10_0000_0000 EL1-only RW, 0x10_0000_1000 RW at EL0 and EL1,
/// 0x10_0000_2000 read-only at EL1, 0x10_0000_3000 read-only at EL0 and EL1.
fn perm_vm() -> Vm {
    let mut vm = Vm::new(12, 25);
    vm.map(0x10_0000_0000, 0x4020_0000, 3, RW_EL1);
    vm.map(0x10_0000_1000, 0x4020_1000, 3, RW_EL1 | AP_RW_ALL);
    vm.map(0x10_0000_2000, 0x4020_2000, 3, RW_EL1 | AP_RO_EL1);
    vm.map(0x10_0000_3000, 0x4020_3000, 3, RW_EL1 | AP_RO_ALL);
    vm
}

/// Runs `word` once (after enabling) at EL `el` with X2 = `va`; `Ok` if it
/// completed, else the ESR.
fn try_access(vm: &mut Vm, el: u8, va: u64, word: u32) -> Result<(), u64> {
    vm.c.s.x[2] = va;
    vm.c.s.x[3] = 0xFEED;
    vm.enable(tcr0(12, 25), &[word]);
    if el == 0 {
        vm.c.s.pstate.el = 0;
        vm.c.s.pstate.sp = 0;
    }
    let pc = vm.c.s.pc;
    vm.steps(1);
    if vm.c.s.pc == pc + 4 {
        Ok(())
    } else {
        assert_eq!(vm.c.sys.far_el1, va);
        Err(vm.c.sys.esr_el1)
    }
}

#[test]
fn access_permissions() {
    let perm = |el: u8, write: bool| {
        if el == 0 {
            esr_da_low(0x0F, write)
        } else {
            esr_da_cur(0x0F, write)
        }
    };
    // (VA, EL, instruction, expected) from AP[2:1]: 00 EL1 RW; 01 all RW;
    // 10 EL1 RO; 11 all RO.
    let cases = [
        (0x10_0000_0000u64, 1u8, LDR_X1_X2, Ok(())),
        (0x10_0000_0000, 1, STR_X3_X2, Ok(())),
        (0x10_0000_0000, 0, LDR_X1_X2, Err(perm(0, false))),
        (0x10_0000_0000, 0, STR_X3_X2, Err(perm(0, true))),
        (0x10_0000_1000, 0, LDR_X1_X2, Ok(())),
        (0x10_0000_1000, 0, STR_X3_X2, Ok(())),
        (0x10_0000_2000, 1, LDR_X1_X2, Ok(())),
        (0x10_0000_2000, 1, STR_X3_X2, Err(perm(1, true))),
        (0x10_0000_2000, 0, LDR_X1_X2, Err(perm(0, false))),
        (0x10_0000_3000, 0, LDR_X1_X2, Ok(())),
        (0x10_0000_3000, 0, STR_X3_X2, Err(perm(0, true))),
        (0x10_0000_3000, 1, STR_X3_X2, Err(perm(1, true))),
        // LDTR/STTR at EL1 are checked as EL0.
        (0x10_0000_0000, 1, LDTR_X1_X2, Err(perm(1, false))),
        (0x10_0000_1000, 1, STTR_X3_X2, Ok(())),
        (0x10_0000_3000, 1, STTR_X3_X2, Err(perm(1, true))),
        // An exclusive store to read-only memory: a write permission fault.
        (0x10_0000_2000, 1, STXR_W8_X3_X2, Err(perm(1, true))),
    ];
    for (va, el, word, want) in cases {
        let mut vm = perm_vm();
        if word == STXR_W8_X3_X2 {
            // Arm the monitor with an LDXR of the same address first.
            vm.c.s.x[2] = va;
            vm.enable(tcr0(12, 25), &[LDXR_X1_X2, STXR_W8_X3_X2]);
            vm.steps(1);
            vm.steps(1);
            assert_eq!(Err(vm.c.sys.esr_el1), want);
            continue;
        }
        assert_eq!(
            try_access(&mut vm, el, va, word),
            want,
            "{va:#x} EL{el} {word:#x}"
        );
    }
    // The store landed where the page maps.
    let mut vm = perm_vm();
    try_access(&mut vm, 0, 0x10_0000_1008, STR_X3_X2).unwrap();
    assert_eq!(vm.r64(0x4020_1008), 0xFEED);
}

#[test]
fn pan_and_uao() {
    // PAN = 1: EL1 data accesses to EL0-accessible memory fault (permission, level
    // 3), whatever AP[2] says; EL1-only memory is unaffected; LDTR is checked as EL0
    // and so is allowed; AT S1E1R ignores PAN (only the PAN2 forms apply it).
    let mut vm = perm_vm();
    vm.c.s.x[2] = 0x10_0000_1000;
    vm.enable(tcr0(12, 25), &[MSR_PAN_1, LDR_X1_X2]);
    vm.steps(2);
    vm.assert_abort(esr_da_cur(0x0F, false), 0x10_0000_1000, false);

    for (va, word, ok) in [
        (0x10_0000_3000u64, LDR_X1_X2, false),
        (0x10_0000_0000, LDR_X1_X2, true),
        (0x10_0000_1000, LDTR_X1_X2, true),
        (0x10_0000_1000, AT_S1E1R, true),
    ] {
        let mut vm = perm_vm();
        vm.c.s.x[2] = va;
        vm.enable(tcr0(12, 25), &[MSR_PAN_1, word, MRS_X4_PAR]);
        vm.steps(2);
        assert_eq!(vm.c.s.pc == CODE + 16, ok, "{va:#x} {word:#x}");
        if word == AT_S1E1R {
            vm.steps(1);
            assert_eq!(vm.c.s.x[4], 0xFF00_0000_4020_1980);
        }
    }

    // UAO = 1: LDTR at EL1 is an ordinary privileged access: allowed to EL1-only
    // memory, and PAN applies to it.
    let mut vm = perm_vm();
    vm.c.s.x[2] = 0x10_0000_0000;
    vm.enable(tcr0(12, 25), &[MSR_UAO_1, LDTR_X1_X2]);
    vm.steps(2);
    assert_eq!(vm.c.s.pc, CODE + 16);
    let mut vm = perm_vm();
    vm.c.s.x[2] = 0x10_0000_1000;
    vm.enable(tcr0(12, 25), &[MSR_UAO_1, MSR_PAN_1, LDTR_X1_X2]);
    vm.steps(3);
    vm.assert_abort(esr_da_cur(0x0F, false), 0x10_0000_1000, false);
}

/// Execute permissions: UXN, PXN, implicit PXN of EL0-writable memory, WXN, and
/// the table XN bits.
#[test]
fn execute_permissions() {
    // (leaf attributes, table attributes, SCTLR.WXN, EL, executes?)
    let cases = [
        (RW_EL1 | AP_RO_ALL, 0, false, 1u8, true),
        (RW_EL1 | AP_RO_ALL, 0, false, 0, true),
        (RW_EL1 | AP_RO_ALL | PXN, 0, false, 1, false),
        (RW_EL1 | AP_RO_ALL | PXN, 0, false, 0, true),
        (RW_EL1 | AP_RO_ALL | UXN, 0, false, 0, false),
        (RW_EL1 | AP_RO_ALL | UXN, 0, false, 1, true),
        // AP = 01 (EL0 writable): never executable at EL1.
        (RW_EL1 | AP_RW_ALL, 0, false, 1, false),
        (RW_EL1 | AP_RW_ALL, 0, false, 0, true),
        // WXN: writable means execute-never, at the EL that can write.
        (RW_EL1, 0, true, 1, false),
        (RW_EL1, 0, false, 1, true),
        (RW_EL1 | AP_RW_ALL, 0, true, 0, false),
        (RW_EL1 | AP_RO_ALL, 0, true, 1, true),
        // PXNTable (bit 59) and UXNTable (bit 60) in the table descriptors above.
        (RW_EL1 | AP_RO_ALL, 1 << 59, false, 1, false),
        (RW_EL1 | AP_RO_ALL, 1 << 59, false, 0, true),
        (RW_EL1 | AP_RO_ALL, 1 << 60, false, 0, false),
        // APTable[0] (bit 61): no EL0 access, so AP = 01 is no longer EL0
        // writable and becomes executable at EL1.
        (RW_EL1 | AP_RW_ALL, 1 << 61, false, 1, true),
    ];
    for (k, (attrs, tattrs, wxn, el, exec)) in cases.into_iter().enumerate() {
        let mut vm = Vm::new(12, 25);
        let root = vm.root;
        vm.map_in(root, 0x10_0000_0000, 0x4020_0000, 3, attrs, tattrs);
        vm.code_at(0x4020_0000, &[NOP]);
        vm.c.s.x[6] = 0x10_0000_0000;
        if wxn {
            vm.c.sys.sctlr_el1 |= 1 << 19;
        }
        vm.enable(tcr0(12, 25), &[BR_X6]);
        if el == 0 {
            vm.c.s.pstate.el = 0;
            vm.c.s.pstate.sp = 0;
        }
        vm.steps(2);
        if exec {
            assert_eq!(vm.c.s.pc, 0x10_0000_0004, "case {k}");
        } else {
            vm.assert_abort(esr_ia(0x0F, el == 0), 0x10_0000_0000, el == 0);
            assert_eq!(vm.c.sys.elr_el1, 0x10_0000_0000, "case {k}");
        }
    }
}

#[test]
fn ap_table_read_only() {
    // APTable[1] (bit 62): read-only below, whatever the leaf says.
    let mut vm = Vm::new(12, 25);
    let root = vm.root;
    vm.map_in(root, 0x10_0000_0000, 0x4020_0000, 3, RW_EL1, 1 << 62);
    assert_eq!(
        try_access(&mut vm, 1, 0x10_0000_0000, STR_X3_X2),
        Err(esr_da_cur(0x0F, true))
    );
}

#[test]
fn tbi_top_byte_ignored() {
    // TBI0 = 1: the top byte of data addresses is ignored for translation (FAR keeps
    // it). TBI0 = 0: the same address is outside the TTBR0 range (level 0 fault).
    for tbi in [true, false] {
        let mut vm = Vm::new(12, 25);
        vm.map(0x10_0000_0000, 0x4020_0000, 3, RW_EL1);
        vm.w64(0x4020_0010, 0x77);
        vm.c.s.x[2] = 0x5A00_0010_0000_0010;
        let tcr = tcr0(12, 25) | (tbi as u64) << 37;
        vm.enable(tcr, &[LDR_X1_X2]);
        vm.steps(1);
        if tbi {
            assert_eq!(vm.c.s.x[1], 0x77);
        } else {
            vm.assert_abort(esr_da_cur(0x04, false), 0x5A00_0010_0000_0010, false);
        }
    }
    // Instruction addresses: a branch to a tagged address runs the untagged one,
    // and the PC drops the tag (AArch64.BranchAddr).
    let mut vm = Vm::new(12, 25);
    vm.map(0x10_0000_0000, 0x4020_0000, 3, AF | SH_IS | AP_RO_ALL);
    vm.code_at(0x4020_0000, &[ADD_X9_1]);
    vm.c.s.x[6] = 0x3C00_0010_0000_0000;
    vm.enable(tcr0(12, 25) | 1 << 37, &[BR_X6]);
    vm.steps(2);
    assert_eq!((vm.c.s.x[9], vm.c.s.pc), (1, 0x10_0000_0004));
}

#[test]
fn device_memory_alignment() {
    // Unaligned ordinary access: fine to Normal memory, an Alignment fault (0x21)
    // to Device memory, after the translation succeeded.
    let mut vm = Vm::new(12, 25);
    vm.map(0x10_0000_0000, 0x4020_0000, 3, RW_EL1);
    vm.map(0x10_0000_1000, 0x4020_1000, 3, AF | DEVICE);
    vm.w64(0x4020_0000, 0x8877_6655_4433_2211);
    vm.c.s.x[2] = 0x10_0000_0001;
    vm.enable(tcr0(12, 25), &[LDR_W1_X2]);
    vm.steps(1);
    assert_eq!(vm.c.s.x[1], 0x5544_3322);
    let mut vm = Vm::new(12, 25);
    vm.map(0x10_0000_1000, 0x4020_1000, 3, AF | DEVICE);
    vm.c.s.x[2] = 0x10_0000_1001;
    vm.enable(tcr0(12, 25), &[LDR_W1_X2]);
    vm.steps(1);
    vm.assert_abort(esr_da_cur(0x21, false), 0x10_0000_1001, false);
    // An unaligned access to an unmapped page is a translation fault first.
    let mut vm = Vm::new(12, 25);
    vm.c.s.x[2] = 0x10_0000_1001;
    vm.enable(tcr0(12, 25), &[LDR_W1_X2]);
    vm.steps(1);
    vm.assert_abort(esr_da_cur(0x05, false), 0x10_0000_1001, false);
    // DC ZVA: zeroes 64 bytes of Normal memory; Device memory: Alignment fault.
    let mut vm = Vm::new(12, 25);
    vm.map(0x10_0000_0000, 0x4020_0000, 3, RW_EL1);
    vm.map(0x10_0000_1000, 0x4020_1000, 3, AF | DEVICE);
    for k in 0..16 {
        vm.w64(0x4020_0040 + 8 * k, !0);
    }
    vm.c.s.x[2] = 0x10_0000_0048;
    vm.enable(tcr0(12, 25), &[DC_ZVA]);
    vm.steps(1);
    assert_eq!(vm.r64(0x4020_0040), 0);
    assert_eq!(vm.r64(0x4020_0078), 0);
    assert_eq!(vm.r64(0x4020_0080), !0);
    vm.c.s.x[2] = 0x10_0000_1000;
    vm.code_at(vm.c.s.pc, &[DC_ZVA]);
    vm.steps(1);
    vm.assert_abort(esr_da_cur(0x21, true), 0x10_0000_1000, false);
}

#[test]
fn pages_crossed_and_mmio() {
    // An unaligned 8-byte load across two pages mapped to distant PAs.
    let mut vm = Vm::new(12, 25);
    vm.map(0x10_0000_0000, 0x4020_5000, 3, RW_EL1);
    vm.map(0x10_0000_1000, 0x4020_2000, 3, RW_EL1);
    vm.w64(0x4020_5FF8, 0x4433_2211_0000_0000);
    vm.w64(0x4020_2000, 0x0000_0000_0088_7766);
    vm.c.s.x[2] = 0x10_0000_0FFC;
    vm.enable(tcr0(12, 25), &[LDR_X1_X2, LDP_X1_X3_X2]);
    vm.steps(1);
    assert_eq!(vm.c.s.x[1], 0x0088_7766_4433_2211);
    // A pair across the boundary into an unmapped page faults at the second page,
    // with no register written.
    vm.c.s.x[1] = 0;
    vm.c.s.x[2] = 0x10_0000_0FF8 + 0x1000;
    vm.steps(1);
    vm.assert_abort(esr_da_cur(0x07, false), 0x10_0000_2000, false);
    assert_eq!(vm.c.s.x[1], 0);

    // A page mapped to a PA that is not RAM: an MMIO exit with the physical address.
    let mut vm = Vm::new(12, 25);
    vm.map(0x10_0000_0000, 0x0900_0000, 3, AF | DEVICE);
    vm.c.s.x[2] = 0x10_0000_0018;
    vm.c.s.x[3] = 0x41;
    vm.enable(tcr0(12, 25), &[STR_X3_X2]);
    match vm.step() {
        Err(Exit::Mmio(r)) => {
            assert_eq!((r.pa, r.len, r.write, r.data), (0x0900_0018, 8, true, 0x41))
        }
        other => panic!("{other:?}"),
    }
    // A translation fault never becomes an MMIO exit.
    let mut vm = Vm::new(12, 25);
    vm.map(0x10_0000_0000, 0x0900_0000, 3, SH_IS | DEVICE);
    vm.c.s.x[2] = 0x10_0000_0018;
    vm.enable(tcr0(12, 25), &[STR_X3_X2]);
    assert_eq!(vm.step(), Ok(()));
    vm.assert_abort(esr_da_cur(0x0B, true), 0x10_0000_0018, false);
}

#[test]
fn code_across_pages() {
    // Two consecutive VA pages of code mapped to PAs in reverse order.
    let mut vm = Vm::new(12, 25);
    vm.map(0x10_0000_0000, 0x4020_3000, 3, AF | SH_IS | AP_RO_ALL);
    vm.map(0x10_0000_1000, 0x4020_1000, 3, AF | SH_IS | AP_RO_ALL);
    vm.code_at(0x4020_3FF8, &[ADD_X9_1, ADD_X9_1]);
    vm.code_at(0x4020_1000, &[ADD_X9_1, ADD_X9_1]);
    vm.c.s.x[6] = 0x10_0000_0FF8;
    vm.enable(tcr0(12, 25), &[BR_X6]);
    vm.steps(5);
    assert_eq!((vm.c.s.x[9], vm.c.s.pc), (4, 0x10_0000_1008));
    // The next word is zero (UDF): an Undefined exception, not an abort.
    vm.steps(1);
    assert_eq!(vm.c.sys.esr_el1, 0x0200_0000);
}

#[test]
fn at_results() {
    let mut vm = perm_vm();
    vm.map(0x10_0000_4000, 0x4020_4000, 3, AF | DEVICE | SH_IS);
    vm.map(0x10_0000_5000, 0x4020_5000, 3, AF | NORMAL_NC);
    vm.map(0x10_0000_6000, 0x4020_6000, 3, SH_IS);
    vm.enable(tcr0(12, 25), &[]);
    let at = |vm: &mut Vm, word: u32, va: u64| {
        vm.c.s.x[2] = va;
        let pc = vm.c.s.pc;
        vm.code_at(pc, &[word, MRS_X4_PAR]);
        vm.steps(2);
        vm.c.s.x[4]
    };
    // Success: PA | ATTR << 56 | SH << 7 | bit 11.
    assert_eq!(at(&mut vm, AT_S1E1W, 0x10_0000_0123), 0xFF00_0000_4020_0980);
    assert_eq!(at(&mut vm, AT_S1E0R, 0x10_0000_1FFF), 0xFF00_0000_4020_1980);
    // Device memory and Normal Non-cacheable report SH = 0b10 (PAREncodeShareability).
    assert_eq!(at(&mut vm, AT_S1E1R, 0x10_0000_4000), 0x0000_0000_4020_4900);
    assert_eq!(at(&mut vm, AT_S1E1R, 0x10_0000_5000), 0x4400_0000_4020_5900);
    // Faults: F = 1, FST in bits 6:1, bit 11 RES1.
    let par_fault = |fst: u64| 1 | fst << 1 | 1 << 11;
    assert_eq!(at(&mut vm, AT_S1E0R, 0x10_0000_0000), par_fault(0x0F));
    assert_eq!(at(&mut vm, AT_S1E1W, 0x10_0000_2000), par_fault(0x0F));
    assert_eq!(at(&mut vm, AT_S1E0W, 0x10_0000_3000), par_fault(0x0F));
    assert_eq!(at(&mut vm, AT_S1E0R, 0x10_0000_3000), 0xFF00_0000_4020_3980);
    assert_eq!(at(&mut vm, AT_S1E1R, 0x10_0000_6000), par_fault(0x0B));
    assert_eq!(at(&mut vm, AT_S1E1R, 0x10_0000_7000), par_fault(0x07));
    assert_eq!(at(&mut vm, AT_S1E1R, 0x80_0000_0000), par_fault(0x04));
    // AT itself never traps at EL1.
    assert_eq!(vm.c.sys.esr_el1, 0);
}

#[test]
fn cache_maintenance_faults() {
    // DC CIVAC of an unmapped VA: a Data Abort with CM = 1 (bit 8) and WnR = 1,
    // level 3 translation fault. Mapped: no effect, no fault.
    let mut vm = Vm::new(12, 25);
    vm.map(0x10_0000_0000, 0x4020_0000, 3, RW_EL1);
    vm.c.s.x[2] = 0x10_0000_0040;
    vm.enable(tcr0(12, 25), &[DC_CIVAC, DC_CIVAC]);
    vm.steps(1);
    assert_eq!(vm.c.s.pc, CODE + 12);
    vm.c.s.x[2] = 0x10_0000_1040;
    vm.steps(1);
    vm.assert_abort(0x9600_0147, 0x10_0000_1040, false);
}

/// TLB behaviour: a changed descriptor is not seen until a TLBI (this TLB keeps
/// what it cached, which the architecture permits), then it is; ASIDs keep the
/// entries of different address spaces apart; global entries match every ASID.
///
/// The TLB is direct-mapped on VA[19:12]; the data VAs here avoid the code page's
/// slot (VA 0x4000_0000: slot 0), since a TLB may always evict an entry and these
/// tests need theirs to stay.
#[test]
fn tlb_stale_until_tlbi() {
    for (tlbi, arg) in [
        (TLBI_VAE1, 0x100_0005),
        (TLBI_VALE1, 0x100_0005),
        (TLBI_VAAE1, 0x100_0005),
        (TLBI_VAALE1, 0x100_0005),
        (TLBI_VMALLE1, 0),
        (TLBI_ASIDE1, 0),
    ] {
        let mut vm = Vm::new(12, 25);
        vm.map(0x10_0000_5000, 0x4020_0000, 3, RW_EL1 | NG);
        vm.w64(0x4020_0000, 1);
        vm.w64(0x4020_1000, 2);
        vm.c.s.x[2] = 0x10_0000_5000;
        // X5: VA[55:12] in bits 43:0, ASID 0 in bits 63:48.
        vm.c.s.x[5] = arg;
        vm.enable(
            tcr0(12, 25),
            &[LDR_X1_X2, LDR_X1_X2, DSB_ISH, tlbi, DSB_ISH, LDR_X1_X2],
        );
        vm.steps(1);
        assert_eq!(vm.c.s.x[1], 1);
        let d = vm.desc_addr(vm.root, 0x10_0000_5000, 3);
        vm.w64(d, 0x4020_1000 | RW_EL1 | NG | 3);
        vm.steps(1);
        assert_eq!(vm.c.s.x[1], 1, "stale entry before {tlbi:#x}");
        vm.steps(4);
        assert_eq!(vm.c.s.x[1], 2, "after {tlbi:#x}");
    }
    // A TLBI of another VA or another ASID leaves the entry.
    for (tlbi, arg) in [
        (TLBI_VAE1, 0x100_0006u64),
        (TLBI_ASIDE1, 5 << 48),
        (TLBI_VAE1, 5 << 48 | 0x100_0005),
    ] {
        let mut vm = Vm::new(12, 25);
        vm.map(0x10_0000_5000, 0x4020_0000, 3, RW_EL1 | NG);
        vm.w64(0x4020_0000, 1);
        vm.w64(0x4020_1000, 2);
        vm.c.s.x[2] = 0x10_0000_5000;
        vm.c.s.x[5] = arg;
        vm.enable(tcr0(12, 25), &[LDR_X1_X2, tlbi, LDR_X1_X2]);
        vm.steps(1);
        let d = vm.desc_addr(vm.root, 0x10_0000_5000, 3);
        vm.w64(d, 0x4020_1000 | RW_EL1 | NG | 3);
        vm.steps(2);
        assert_eq!(vm.c.s.x[1], 1, "{tlbi:#x} {arg:#x}");
    }
}

#[test]
fn tlbi_by_va_covers_whole_block() {
    // A 2 MiB block used through two of its 4 KiB pieces (+0x3000, +0x5000); after
    // the descriptor moves the block, both pieces are stale; a TLBI VAE1 naming one
    // piece removes the block's translation for both.
    let mut vm = Vm::new(12, 25);
    vm.map(0x10_0020_0000, 0x4020_0000, 2, RW_EL1);
    vm.w64(0x4020_3000, 1);
    vm.w64(0x4020_5000, 2);
    vm.w64(0x4000_3000, 8);
    vm.w64(0x4000_5000, 9);
    vm.c.s.x[2] = 0x10_0020_3000;
    vm.c.s.x[3] = 0x10_0020_5000;
    vm.c.s.x[5] = 0x10_0020_5000 >> 12;
    let ldr_x4_x3 = 0xf9400064; // ldr x4, [x3]
    vm.enable(
        tcr0(12, 25),
        &[
            LDR_X1_X2, ldr_x4_x3, LDR_X1_X2, ldr_x4_x3, TLBI_VAE1, LDR_X1_X2, ldr_x4_x3,
        ],
    );
    vm.steps(2);
    assert_eq!((vm.c.s.x[1], vm.c.s.x[4]), (1, 2));
    // Move the block from PA 0x4020_0000 to 0x4000_0000.
    let d = vm.desc_addr(vm.root, 0x10_0020_0000, 2);
    vm.w64(d, 0x4000_0000 | RW_EL1 | 1);
    vm.steps(2);
    assert_eq!((vm.c.s.x[1], vm.c.s.x[4]), (1, 2));
    vm.steps(3);
    assert_eq!((vm.c.s.x[1], vm.c.s.x[4]), (8, 9));
}

#[test]
fn asids() {
    // VA X = 0x10_0000_5000 non-global, VA G = 0x10_0000_6000 global, one table
    // set, 16-bit ASIDs (TCR_EL1.AS = 1). ASID 1 caches X -> A and G -> C; both
    // descriptors then change (X -> B, G -> D) without a TLBI. Switching ASIDs by
    // TTBR0_EL1 writes (no TLBI): ASID 2 still hits the global G entry; ASID 1
    // still hits its own X entry; ASID 2 does not match it and walks (B); TLBI
    // ASIDE1 leaves the global entry alone.
    let mut vm = Vm::new(12, 25);
    vm.map(0x10_0000_5000, 0x4020_0000, 3, RW_EL1 | NG);
    vm.map(0x10_0000_6000, 0x4020_2000, 3, RW_EL1);
    vm.w64(0x4020_0000, 0xA);
    vm.w64(0x4020_1000, 0xB);
    vm.w64(0x4020_2000, 0xC);
    vm.w64(0x4020_3000, 0xD);
    let root = vm.root;
    vm.c.s.x[2] = 0x10_0000_5000;
    vm.c.s.x[3] = 0x10_0000_6000;
    vm.c.s.x[5] = 1 << 48;
    vm.c.s.x[10] = 2 << 48 | root;
    vm.c.s.x[11] = 1 << 48 | root;
    let ldr_x4_x3 = 0xf9400064; // ldr x4, [x3]
    let to_asid2 = [0xaa0a03e7, MSR_TTBR0_X7, ISB]; // mov x7, x10; msr ttbr0_el1, x7; isb
    let to_asid1 = [0xaa0b03e7, MSR_TTBR0_X7, ISB]; // mov x7, x11; ...
    let mut prog = vec![MSR_SCTLR_X0, ISB, LDR_X1_X2, ldr_x4_x3];
    prog.extend(to_asid2);
    prog.push(ldr_x4_x3);
    prog.extend(to_asid1);
    prog.push(LDR_X1_X2);
    prog.extend(to_asid2);
    prog.push(LDR_X1_X2);
    prog.extend(to_asid1);
    prog.extend([TLBI_ASIDE1, LDR_X1_X2, ldr_x4_x3]);
    vm.code_at(CODE, &prog);
    vm.c.sys.ttbr0_el1 = 1 << 48 | root;
    vm.c.sys.tcr_el1 = tcr0(12, 25) | 1 << 36;
    vm.c.s.x[0] = vm.c.sys.sctlr_el1 | 1;
    vm.steps(4);
    assert_eq!((vm.c.s.x[1], vm.c.s.x[4]), (0xA, 0xC));
    let d = vm.desc_addr(root, 0x10_0000_5000, 3);
    vm.w64(d, 0x4020_1000 | RW_EL1 | NG | 3);
    let d = vm.desc_addr(root, 0x10_0000_6000, 3);
    vm.w64(d, 0x4020_3000 | RW_EL1 | 3);
    vm.c.s.x[4] = 0;
    vm.steps(4);
    assert_eq!(vm.c.s.x[4], 0xC, "global entry, ASID 2");
    vm.c.s.x[1] = 0;
    vm.steps(4);
    assert_eq!(vm.c.s.x[1], 0xA, "ASID 1's own entry");
    vm.steps(4);
    assert_eq!(vm.c.s.x[1], 0xB, "ASID 2 does not match ASID 1's entry");
    vm.steps(6);
    assert_eq!((vm.c.s.x[1], vm.c.s.x[4]), (0xB, 0xC));
}

#[test]
fn sysreg_writes_flush() {
    // A MAIR_EL1 write flushes: the memory type of a cached page changes at once.
    let mut vm = Vm::new(12, 25);
    vm.map(0x10_0000_0000, 0x4020_0000, 3, RW_EL1);
    vm.c.s.x[2] = 0x10_0000_0001;
    vm.c.s.x[7] = 0; // MAIR: every attribute Device-nGnRnE
                     // msr mair_el1, x7 (llvm-mc: 0xd518a207)
    vm.enable(tcr0(12, 25), &[LDR_W1_X2, 0xd518a207, ISB, LDR_W1_X2]);
    vm.steps(3);
    assert_eq!(vm.c.s.pc, CODE + 20);
    vm.steps(1);
    vm.assert_abort(esr_da_cur(0x21, false), 0x10_0000_0001, false);
}

#[test]
fn id_registers() {
    let vm = Vm::new(12, 25);
    // ID_AA64MMFR0_EL1: PARange 0b0101, ASIDBits 0b0010, TGran16 = 1, TGran64 = 0,
    // TGran4 = 0.
    assert_eq!(vm.c.id_aa64mmfr0(), 0x0010_0025);
    // HAFDBS (3:0) = 0: no hardware Access flag management.
    assert_eq!(vm.c.id_aa64mmfr1() & 0xF, 0);
}
