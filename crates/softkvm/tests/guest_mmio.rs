//! Guest programs with MMIO: exits with the exact address, size and data; the next
//! run() completes the instruction; RAM accesses go to the VMM's memory.
//!
//! `probe_program_*` replays realkvm check 9 (the same 17 instruction words as
//! realkvm_probe.c, llvm-mc-encoded there) and expects what the real 6.12 kernel
//! answered (tests/data/realkvm-6.12.txt, tags 9, 9.vqmin, 9.vqmax). The other
//! words come from llvm-mc (LLVM 14), assembly in the comments.

mod common;
use common::*;
use softkvm::bindings::*;
use softkvm::{Host, VcpuExit, VcpuFd};

const RAM: u64 = 0x4000_0000;
const UART: u64 = 0x0900_0000;

const PROBE_PROGRAM: [u32; 17] = [
    0xd2a00062, // mov  x2, #0x30000          CPACR_EL1.ZEN=3
    0xb26c0442, // orr  x2, x2, #0x300000     CPACR_EL1.FPEN=3
    0xd5181042, // msr  cpacr_el1, x2
    0xd5033fdf, // isb
    0xd28001e2, // mov  x2, #15
    0xd5181202, // msr  zcr_el1, x2           ask for the largest VL
    0xd5033fdf, // isb
    0x04bf5020, // rdvl x0, #1
    0xd2a12001, // mov  x1, #0x09000000
    0x39000020, // strb w0, [x1]              MMIO write exit
    0xb9401823, // ldr  w3, [x1, #24]         MMIO read exit (answered 0x90)
    0x91000464, // add  x4, x3, #1
    0x04a24065, // index z5.s, #3, #2
    0x2598e061, // ptrue p1.s, vl3
    0xd2800100, // mov  x0, #8
    0xf2b08000, // movk x0, #0x8400, lsl #16  PSCI SYSTEM_OFF
    0xd4000002, // hvc  #0
];

/// Runs the probe's program on an SVE vCPU with VLS word 0 `w0` (None: the host
/// set); returns the vCPU for inspection and the VL byte the guest wrote.
fn probe_program(host: Host, w0: Option<u64>) -> (VcpuFd, u8, GuestMem, softkvm::VmFd) {
    let k = kvm(host);
    let mem = GuestMem::new(0x10000);
    mem.write_words(0, &PROBE_PROGRAM);
    let vm = k.create_vm().unwrap();
    mem.map(&vm, 0, RAM);
    let mut v = vm.create_vcpu(0).unwrap();
    v.vcpu_init(&init_sve()).unwrap();
    assert_eq!(get_u64(&v, PSTATE), 0x3c5);
    if let Some(w0) = w0 {
        v.set_one_reg(KVM_REG_ARM64_SVE_VLS, &vls(w0)).unwrap();
    }
    v.vcpu_finalize(&4).unwrap();
    set_u64(&v, PC, RAM);
    let mut vl_byte = None;
    let mut reads = 0;
    let mut internal = false;
    loop {
        match v.run().unwrap() {
            VcpuExit::MmioWrite(addr, data) => {
                assert_eq!((addr, data.len()), (UART, 1));
                vl_byte = Some(data[0]);
            }
            VcpuExit::MmioRead(addr, data) => {
                assert_eq!((addr, data.len()), (UART + 0x18, 4));
                data.copy_from_slice(&0x90u32.to_le_bytes());
                reads += 1;
            }
            VcpuExit::SystemEvent(ty, data) => {
                assert_eq!(ty, KVM_SYSTEM_EVENT_SHUTDOWN);
                assert_eq!(data, &[0]);
                break;
            }
            VcpuExit::InternalError => {
                internal = true;
                break;
            }
            e => panic!("unexpected exit {e:?}"),
        }
    }
    assert!(!internal, "internal error: {:?}", v.internal_error());
    assert_eq!(reads, 1);
    (v, vl_byte.expect("no MMIO write"), mem, vm)
}

fn check_probe_program(v: &VcpuFd, vl: u8, want_vl: u8) {
    assert_eq!(vl, want_vl, "RDVL after ZCR_EL1.LEN=15 = max VL");
    assert_eq!(get_u64(v, xreg(4)), 0x91);
    assert_eq!(get_u64(v, xreg(0)), (-6i64) as u64);
    for n in 1..4 {
        assert_eq!(get_u64(v, xreg(n)), 0);
    }
    assert_eq!(get_u64(v, PC), RAM + 0x44);
    assert_eq!(get_u64(v, PSTATE), 0x3c5);
    assert_eq!(get_u64(v, 0x603000000013C090), 0xf);
    assert_eq!(v.get_mp_state().unwrap().mp_state, KVM_MP_STATE_STOPPED);
    let mut z = [0u8; 256];
    v.get_one_reg(KVM_REG_ARM64_SVE_ZREG(5, 0), &mut z).unwrap();
    let lanes = want_vl as usize / 4;
    for i in 0..64 {
        let l = u32::from_le_bytes(z[4 * i..4 * i + 4].try_into().unwrap());
        let want = if i < lanes { 3 + 2 * i as u32 } else { 0 };
        assert_eq!(l, want, "Z5.s[{i}]");
    }
    let mut p = [0u8; 32];
    v.get_one_reg(KVM_REG_ARM64_SVE_PREG(1, 0), &mut p).unwrap();
    let mut want = [0u8; 32];
    want[0] = 0x11;
    want[1] = 0x01;
    assert_eq!(p, want, "P1 = ptrue .s, vl3");
}

#[test]
fn probe_program_vls_0x3() {
    let (v, vl, _m, _vm) = probe_program(probe_host(), Some(0x3));
    check_probe_program(&v, vl, 32);
    // 9x: re-INIT after the run zeroes Z5, keeps VLS, stays finalized, ZCR_EL1 = 0.
    v.vcpu_init(&init_sve()).unwrap();
    let mut z = [1u8; 256];
    v.get_one_reg(KVM_REG_ARM64_SVE_ZREG(5, 0), &mut z).unwrap();
    assert_eq!(z, [0; 256]);
    assert_eq!(get_vls(&v), vls(0x3));
    assert_eq!(en(v.vcpu_finalize(&4)), libc::EPERM);
    assert_eq!(get_u64(&v, 0x603000000013C090), 0);
    assert_eq!(get_u64(&v, PSTATE), 0x3c5);
}

#[test]
fn probe_program_vqmin_and_vqmax() {
    let (v, vl, _m, _vm) = probe_program(probe_host(), Some(0x1));
    check_probe_program(&v, vl, 16);
    let (v, vl, _m, _vm) = probe_program(probe_host(), None);
    check_probe_program(&v, vl, 64);
}

#[test]
fn probe_program_at_every_max_vq() {
    // The same program on host `max` with VLS {1..m}: RDVL = 16·m (spec §7.3).
    for m in 1..=16u32 {
        let (v, vl, _m, _vm) = probe_program(Host::preset("max").unwrap(), Some((1 << m) - 1));
        assert_eq!(vl as u32, (16 * m) & 0xff, "max VQ {m}");
        if m < 16 {
            check_probe_program(&v, vl, vl);
        }
    }
}

const HVC0: u32 = 0xd400_0002; // hvc #0
const LDR_X1_X0: u32 = 0xf940_0001; // ldr x1, [x0]
const STR_X1_X2: u32 = 0xf900_0041; // str x1, [x2]
const LDR_X5_X0: u32 = 0xf940_0005; // ldr x5, [x0]
const STR_X5_X2: u32 = 0xf900_0045; // str x5, [x2]
const LDP_X6_X7_X0: u32 = 0xa940_1c06; // ldp x6, x7, [x0]
const ADD_X0_X11: u32 = 0x9100_0160; // add x0, x11, #0
const ADD_X5_X0: u32 = 0x9100_0005; // add x5, x0, #0
const SMC0: u32 = 0xd400_0003; // smc #0
const SMC1: u32 = 0xd400_0023; // smc #0x1
const WFI: u32 = 0xd503_207f; // wfi

fn plain_vcpu(mem: &GuestMem) -> (softkvm::VmFd, VcpuFd) {
    let k = kvm(probe_host());
    let vm = k.create_vm().unwrap();
    mem.map(&vm, 0, RAM);
    let v = vm.create_vcpu(0).unwrap();
    v.vcpu_init(&init_plain()).unwrap();
    set_u64(&v, PC, RAM);
    set_u64(&v, xreg(11), PSCI_0_2_FN_SYSTEM_OFF as u64);
    (vm, v)
}

fn expect_off(v: &mut VcpuFd) {
    match v.run().unwrap() {
        VcpuExit::SystemEvent(KVM_SYSTEM_EVENT_SHUTDOWN, _) => {}
        e => panic!("unexpected exit {e:?}"),
    }
}

#[test]
fn mmio_read_completes_and_ram_writes_reach_the_vmm() {
    // ldr x5, [x0] from MMIO; str x5, [x2] to RAM; SYSTEM_OFF (which zeroes x1..x3,
    // the SMCCC result registers, so results live in x5 and up).
    let mem = GuestMem::new(0x10000);
    mem.write_words(0, &[LDR_X5_X0, STR_X5_X2, ADD_X0_X11, HVC0]);
    let (_vm, mut v) = plain_vcpu(&mem);
    set_u64(&v, xreg(0), 0x1000_0008);
    set_u64(&v, xreg(2), RAM + 0x800);
    match v.run().unwrap() {
        VcpuExit::MmioRead(addr, data) => {
            assert_eq!(addr, 0x1000_0008);
            assert_eq!(data.len(), 8);
            data.copy_from_slice(&0x1122_3344_5566_7788u64.to_le_bytes());
        }
        e => panic!("unexpected exit {e:?}"),
    }
    // The instruction has not completed yet: PC still at the load.
    assert_eq!(get_u64(&v, PC), RAM);
    expect_off(&mut v);
    assert_eq!(get_u64(&v, xreg(5)), 0x1122_3344_5566_7788);
    let mut b = [0u8; 8];
    mem.read(0x800, &mut b);
    assert_eq!(u64::from_le_bytes(b), 0x1122_3344_5566_7788);
}

#[test]
fn mmio_write_and_readonly_slot() {
    // str x1, [x2] to a read-only slot exits as an MMIO write with the data.
    let mem = GuestMem::new(0x10000);
    let rom = GuestMem::new(0x1000);
    mem.write_words(0, &[STR_X1_X2, ADD_X0_X11, HVC0]);
    let (vm, mut v) = plain_vcpu(&mem);
    let r = kvm_userspace_memory_region {
        slot: 1,
        flags: KVM_MEM_READONLY,
        guest_phys_addr: 0x2000_0000,
        memory_size: 0x1000,
        userspace_addr: rom.addr(),
    };
    // SAFETY: `rom` outlives the VM.
    unsafe { vm.set_user_memory_region(r).unwrap() };
    set_u64(&v, xreg(1), 0xfeed_f00d_dead_beef);
    set_u64(&v, xreg(2), 0x2000_0010);
    match v.run().unwrap() {
        VcpuExit::MmioWrite(addr, data) => {
            assert_eq!(addr, 0x2000_0010);
            assert_eq!(data, &0xfeed_f00d_dead_beefu64.to_le_bytes());
        }
        e => panic!("unexpected exit {e:?}"),
    }
    expect_off(&mut v);
    let mut b = [0u8; 8];
    rom.read(0x10, &mut b);
    assert_eq!(b, [0; 8]);
}

#[test]
fn ldp_from_mmio_exits_once_per_access() {
    let mem = GuestMem::new(0x10000);
    mem.write_words(0, &[LDP_X6_X7_X0, ADD_X0_X11, HVC0]);
    let (_vm, mut v) = plain_vcpu(&mem);
    set_u64(&v, xreg(0), 0x1000_0000);
    let mut addrs = vec![];
    loop {
        match v.run().unwrap() {
            VcpuExit::MmioRead(addr, data) => {
                assert_eq!(data.len(), 8);
                data.copy_from_slice(&(addr ^ 0xabcd).to_le_bytes());
                addrs.push(addr);
            }
            VcpuExit::SystemEvent(..) => break,
            e => panic!("unexpected exit {e:?}"),
        }
    }
    assert_eq!(addrs, vec![0x1000_0000, 0x1000_0008]);
    assert_eq!(get_u64(&v, xreg(6)), 0x1000_0000 ^ 0xabcd);
    assert_eq!(get_u64(&v, xreg(7)), 0x1000_0008 ^ 0xabcd);
}

#[test]
fn immediate_exit_still_completes_the_mmio_instruction() {
    let mem = GuestMem::new(0x10000);
    mem.write_words(0, &[LDR_X1_X0, ADD_X0_X11, HVC0]);
    let (_vm, mut v) = plain_vcpu(&mem);
    set_u64(&v, xreg(0), 0x1000_0000);
    match v.run().unwrap() {
        VcpuExit::MmioRead(_, data) => data.copy_from_slice(&7u64.to_le_bytes()),
        e => panic!("unexpected exit {e:?}"),
    }
    v.set_kvm_immediate_exit(1);
    assert_eq!(en(v.run()), libc::EINTR);
    assert_eq!(get_u64(&v, xreg(1)), 7);
    assert_eq!(get_u64(&v, PC), RAM + 4);
}

#[test]
fn smc_conduit_and_reserved_immediates() {
    // smc #1 → x0 = -1 (reserved immediate), then smc #0 SYSTEM_OFF.
    let mem = GuestMem::new(0x10000);
    mem.write_words(0, &[SMC1, ADD_X5_X0, ADD_X0_X11, SMC0]);
    let (_vm, mut v) = plain_vcpu(&mem);
    set_u64(&v, xreg(0), PSCI_0_2_FN_SYSTEM_OFF as u64);
    expect_off(&mut v);
    assert_eq!(get_u64(&v, xreg(5)), u64::MAX);
    assert_eq!(get_u64(&v, PC), RAM + 16);
}

#[test]
fn wfi_returns_to_the_guest() {
    let mem = GuestMem::new(0x10000);
    mem.write_words(0, &[WFI, WFI, ADD_X0_X11, HVC0]);
    let (_vm, mut v) = plain_vcpu(&mem);
    expect_off(&mut v);
}

#[test]
fn instruction_limit_is_an_internal_error_with_details() {
    // softkvm's instruction limit stops the guest with an InternalError whose details
    // say why and where: here after two of the three instructions.
    let mem = GuestMem::new(0x10000);
    mem.write_words(0, &[ADD_X0_X11, ADD_X0_X11, HVC0]);
    let (_vm, mut v) = plain_vcpu(&mem);
    v.set_instruction_limit(Some(2));
    match v.run().unwrap() {
        VcpuExit::InternalError => {}
        e => panic!("unexpected exit {e:?}"),
    }
    let ie = v.internal_error().unwrap().clone();
    assert_eq!(
        ie.kind,
        softkvm::InternalErrorKind::InstructionLimit,
        "{ie}"
    );
    assert_eq!(ie.pc, RAM + 8);
    assert_eq!(v.instructions_retired(), 2);
}
