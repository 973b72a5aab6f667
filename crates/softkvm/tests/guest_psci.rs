//! Guest programs that call PSCI over HVC, run across threads, and are kicked.
//! Instruction words from llvm-mc (LLVM 14), assembly in the comments. Expected
//! results: the PSCI specification (DEN0022) return codes, KVM's documented PSCI
//! behaviour and the realkvm results (9: SYSTEM_OFF leaves x0 = -6, x1..x3 = 0,
//! mp_state STOPPED, KVM_EXIT_SYSTEM_EVENT type 1 with data[0] = 0).

mod common;
use common::*;
use softkvm::bindings::*;
use softkvm::{VcpuExit, VcpuFd};
use std::time::{Duration, Instant};

const HVC0: u32 = 0xd400_0002; // hvc #0
const ADD_X1_1: u32 = 0x9100_0421; // add x1, x1, #1
const ADD_X5_X0: u32 = 0x9100_0005; // add x5, x0, #0
const ADD_X6_X0: u32 = 0x9100_0006; // add x6, x0, #0
const ADD_X8_X0: u32 = 0x9100_0008; // add x8, x0, #0
const ADD_X0_X10: u32 = 0x9100_0140; // add x0, x10, #0
const ADD_X0_X11: u32 = 0x9100_0160; // add x0, x11, #0
const ADD_X1_X12: u32 = 0x9100_0181; // add x1, x12, #0
const ADD_X1_X13: u32 = 0x9100_01a1; // add x1, x13, #0
const ADD_X7_X0_1: u32 = 0x9100_0407; // add x7, x0, #1

const RAM: u64 = 0x4000_0000;

fn sve_vcpu_with_ram(k: &softkvm::Kvm, mem: &GuestMem) -> (softkvm::VmFd, VcpuFd) {
    let vm = k.create_vm().unwrap();
    mem.map(&vm, 0, RAM);
    let v = vm.create_vcpu(0).unwrap();
    v.vcpu_init(&init_sve()).unwrap();
    v.vcpu_finalize(&4).unwrap();
    (vm, v)
}

#[test]
fn system_off_over_hvc() {
    let k = kvm(probe_host());
    let mem = GuestMem::new(0x10000);
    mem.write_words(0, &[HVC0]);
    let (_vm, mut v) = sve_vcpu_with_ram(&k, &mem);
    set_u64(&v, PC, RAM);
    set_u64(&v, xreg(0), PSCI_0_2_FN_SYSTEM_OFF as u64);
    for n in 1..4 {
        set_u64(&v, xreg(n), 0x1111 * n);
    }
    match v.run().unwrap() {
        VcpuExit::SystemEvent(ty, data) => {
            assert_eq!(ty, KVM_SYSTEM_EVENT_SHUTDOWN);
            assert_eq!(data, &[0]);
        }
        e => panic!("unexpected exit {e:?}"),
    }
    assert_eq!(get_u64(&v, xreg(0)), (-6i64) as u64);
    for n in 1..4 {
        assert_eq!(get_u64(&v, xreg(n)), 0);
    }
    assert_eq!(get_u64(&v, PC), RAM + 4);
    assert_eq!(v.get_mp_state().unwrap().mp_state, KVM_MP_STATE_STOPPED);
}

#[test]
fn system_reset_over_hvc() {
    let k = kvm(probe_host());
    let mem = GuestMem::new(0x10000);
    mem.write_words(0, &[HVC0]);
    let (_vm, mut v) = sve_vcpu_with_ram(&k, &mem);
    set_u64(&v, PC, RAM);
    set_u64(&v, xreg(0), PSCI_0_2_FN_SYSTEM_RESET as u64);
    match v.run().unwrap() {
        VcpuExit::SystemEvent(ty, data) => {
            assert_eq!(ty, KVM_SYSTEM_EVENT_RESET);
            assert_eq!(data, &[0]);
        }
        e => panic!("unexpected exit {e:?}"),
    }
    assert_eq!(get_u64(&v, xreg(0)), (-6i64) as u64);
}

/// Runs `call` (x0 = function id, x1.. = arguments) then SYSTEM_OFF; returns
/// x0..x3 of the first call's result.
fn psci_call(v: &mut VcpuFd, mem: &GuestMem, args: [u64; 4]) -> [u64; 4] {
    // hvc #0; add x5, x0, #0; add x0, x11, #0 (x11 = SYSTEM_OFF); hvc #0.
    // PSCI results are in x0 only; SMCCC calls with more results are not tested.
    mem.write_words(0, &[HVC0, ADD_X5_X0, ADD_X0_X11, HVC0]);
    set_u64(v, PC, RAM);
    for (n, a) in args.iter().enumerate() {
        set_u64(v, xreg(n as u64), *a);
    }
    set_u64(v, xreg(11), PSCI_0_2_FN_SYSTEM_OFF as u64);
    match v.run().unwrap() {
        VcpuExit::SystemEvent(KVM_SYSTEM_EVENT_SHUTDOWN, _) => {}
        e => panic!("unexpected exit {e:?}"),
    }
    let r = [get_u64(v, xreg(5)), 0, 0, 0];
    // Re-INIT for the next call (SYSTEM_OFF stopped the vCPU).
    v.vcpu_init(&init_sve()).unwrap();
    r
}

#[test]
fn psci_version_features_and_unknown_calls() {
    let k = kvm(probe_host());
    let mem = GuestMem::new(0x10000);
    let (_vm, mut v) = sve_vcpu_with_ram(&k, &mem);
    // PSCI_VERSION: 1.1, the version KVM_REG_ARM_PSCI_VERSION reports.
    let ver = psci_call(&mut v, &mem, [PSCI_0_2_FN_PSCI_VERSION as u64, 0, 0, 0])[0];
    assert_eq!(ver, 0x1_0001);
    assert_eq!(get_u64(&v, KVM_REG_ARM_PSCI_VERSION), 0x1_0001);
    // PSCI_FEATURES: 0 for implemented functions, NOT_SUPPORTED (-1) otherwise.
    for (f, want) in [
        (PSCI_0_2_FN64_CPU_ON, 0i64),
        (PSCI_0_2_FN_SYSTEM_OFF, 0),
        (PSCI_1_0_FN_PSCI_FEATURES, 0),
        (PSCI_1_1_FN64_SYSTEM_RESET2, 0),
        (PSCI_0_2_FN_MIGRATE, -1),
        (PSCI_1_0_FN_SYSTEM_SUSPEND, -1),
        (0x8200_0000, -1),
    ] {
        let r = psci_call(
            &mut v,
            &mem,
            [PSCI_1_0_FN_PSCI_FEATURES as u64, f as u64, 0, 0],
        );
        assert_eq!(r[0], want as u64, "PSCI_FEATURES({f:#x})");
    }
    // MIGRATE_INFO_TYPE: 2 (no Trusted OS needing migration).
    let r = psci_call(
        &mut v,
        &mem,
        [PSCI_0_2_FN_MIGRATE_INFO_TYPE as u64, 0, 0, 0],
    );
    assert_eq!(r[0], 2);
    // An SMCCC call KVM does not implement: NOT_SUPPORTED (-1).
    let r = psci_call(&mut v, &mem, [0xc200_0001, 0, 0, 0]);
    assert_eq!(r[0], u64::MAX);
    // SMCCC_VERSION: 1.1.
    let r = psci_call(&mut v, &mem, [0x8000_0000, 0, 0, 0]);
    assert_eq!(r[0], 0x1_0001);
    // A guest that lowers PSCI to 0.2 (VMM writes the firmware register).
    set_u64(&v, KVM_REG_ARM_PSCI_VERSION, 2);
    let r = psci_call(&mut v, &mem, [PSCI_0_2_FN_PSCI_VERSION as u64, 0, 0, 0]);
    assert_eq!(r[0], 2);
    assert_eq!(
        en(v.set_one_reg(KVM_REG_ARM_PSCI_VERSION, &1u64.to_le_bytes())),
        libc::EINVAL
    );
}

fn run_until_eintr(mut v: VcpuFd) -> VcpuFd {
    match v.run() {
        Err(e) if e.errno() == libc::EINTR => v,
        Ok(e) => panic!("unexpected exit {e:?}"),
        Err(e) => panic!("run failed: {e}"),
    }
}

fn wait_stopped(k: &softkvm::VcpuKicker) {
    let t = Instant::now();
    while k.mp_state() != KVM_MP_STATE_STOPPED {
        assert!(t.elapsed() < Duration::from_secs(20), "vCPU did not stop");
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn cpu_on_across_threads() {
    let k = kvm(probe_host());
    let mem = GuestMem::new(0x10000);
    // vCPU 0 at RAM: CPU_ON(1, RAM+0x100, ctx = CPU_OFF id) → x5; CPU_ON(itself) →
    // x6; CPU_ON(no such MPIDR) → x8; CPU_OFF.
    mem.write_words(
        0,
        &[
            ADD_X0_X10, HVC0, ADD_X5_X0, // CPU_ON vCPU 1
            ADD_X0_X10, ADD_X1_X12, HVC0, ADD_X6_X0, // CPU_ON vCPU 0
            ADD_X0_X10, ADD_X1_X13, HVC0, ADD_X8_X0, // CPU_ON MPIDR 0xff
            ADD_X0_X11, HVC0, // CPU_OFF
        ],
    );
    // vCPU 1 at RAM+0x100: x7 = context id + 1; hvc with x0 = context id (CPU_OFF).
    mem.write_words(0x100, &[ADD_X7_X0_1, HVC0]);
    let vm = k.create_vm().unwrap();
    mem.map(&vm, 0, RAM);
    let v0 = vm.create_vcpu(0).unwrap();
    let v1 = vm.create_vcpu(1).unwrap();
    v0.vcpu_init(&init_sve()).unwrap();
    let mut off = init_sve();
    off.features[0] |= 1 << KVM_ARM_VCPU_POWER_OFF;
    v1.vcpu_init(&off).unwrap();
    for v in [&v0, &v1] {
        v.vcpu_finalize(&4).unwrap();
    }
    assert_eq!(v1.get_mp_state().unwrap().mp_state, KVM_MP_STATE_STOPPED);
    // KVM's MPIDR for vCPU n: Aff0 = n, bit 31 set.
    assert_eq!(get_u64(&v1, 0x603000000013C005), 0x8000_0001);
    set_u64(&v0, PC, RAM);
    set_u64(&v0, xreg(1), 1);
    set_u64(&v0, xreg(2), RAM + 0x100);
    set_u64(&v0, xreg(3), PSCI_0_2_FN_CPU_OFF as u64);
    set_u64(&v0, xreg(10), PSCI_0_2_FN64_CPU_ON as u64);
    set_u64(&v0, xreg(11), PSCI_0_2_FN_CPU_OFF as u64);
    set_u64(&v0, xreg(12), 0);
    set_u64(&v0, xreg(13), 0xff);
    let (k0, k1) = (v0.kick_handle(), v1.kick_handle());
    let t1 = std::thread::spawn(move || run_until_eintr(v1));
    let t0 = std::thread::spawn(move || run_until_eintr(v0));
    wait_stopped(&k0);
    // vCPU 1 was started by vCPU 0 and has turned itself off again.
    let t = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(2));
        if k1.mp_state() == KVM_MP_STATE_STOPPED && t.elapsed() > Duration::from_millis(20) {
            break;
        }
        assert!(t.elapsed() < Duration::from_secs(20));
    }
    k0.kick();
    k1.kick();
    let v0 = t0.join().unwrap();
    let v1 = t1.join().unwrap();
    assert_eq!(get_u64(&v0, xreg(5)), 0); // SUCCESS
    assert_eq!(get_u64(&v0, xreg(6)), (-4i64) as u64); // ALREADY_ON
    assert_eq!(get_u64(&v0, xreg(8)), (-2i64) as u64); // INVALID_PARAMS
    assert_eq!(get_u64(&v0, xreg(0)), 0); // CPU_OFF's x0 (SUCCESS) as left by KVM
                                          // vCPU 1 started at the entry point with x0 = context id, in EL1h with DAIF
                                          // masked (a reset vCPU).
    assert_eq!(get_u64(&v1, xreg(7)), PSCI_0_2_FN_CPU_OFF as u64 + 1);
    assert_eq!(get_u64(&v1, PC), RAM + 0x108);
    assert_eq!(get_u64(&v1, PSTATE), 0x3c5);
}

#[test]
fn affinity_info() {
    let k = kvm(probe_host());
    let mem = GuestMem::new(0x10000);
    let vm = k.create_vm().unwrap();
    mem.map(&vm, 0, RAM);
    let mut v0 = vm.create_vcpu(0).unwrap();
    let v1 = vm.create_vcpu(1).unwrap();
    v0.vcpu_init(&init_sve()).unwrap();
    let mut off = init_sve();
    off.features[0] |= 1;
    v1.vcpu_init(&off).unwrap();
    v0.vcpu_finalize(&4).unwrap();
    v1.vcpu_finalize(&4).unwrap();
    let f = PSCI_0_2_FN64_AFFINITY_INFO as u64;
    let mut q = |aff: u64, level: u64| {
        mem.write_words(0, &[HVC0, ADD_X5_X0, ADD_X0_X11, HVC0]);
        set_u64(&v0, PC, RAM);
        set_u64(&v0, xreg(0), f);
        set_u64(&v0, xreg(1), aff);
        set_u64(&v0, xreg(2), level);
        set_u64(&v0, xreg(11), PSCI_0_2_FN_SYSTEM_OFF as u64);
        assert!(matches!(v0.run().unwrap(), VcpuExit::SystemEvent(1, _)));
        let r = get_u64(&v0, xreg(5));
        v0.vcpu_init(&init_sve()).unwrap();
        v1.vcpu_init(&off).unwrap();
        r as i64
    };
    assert_eq!(q(0, 0), 0); // vCPU 0 is ON
    assert_eq!(q(1, 0), 1); // vCPU 1 is OFF
    assert_eq!(q(0, 1), 0); // cluster 0 has an ON vCPU
    assert_eq!(q(0x55, 0), -2); // no such vCPU
    assert_eq!(q(0, 4), -2); // bad level
}

#[test]
fn kick_and_immediate_exit() {
    let k = kvm(probe_host());
    // RAM at 0 full of `add x1, x1, #1`; running off its end takes an instruction
    // abort to VBAR_EL1 (0) + 0x200, inside RAM again: a guest that never exits.
    let mem = GuestMem::new(0x10000);
    mem.write_words(0, &vec![ADD_X1_1; 0x4000]);
    let vm = k.create_vm().unwrap();
    mem.map(&vm, 0, 0);
    let mut v = vm.create_vcpu(0).unwrap();
    v.vcpu_init(&init_plain()).unwrap();
    // A kick before run() is not lost: the next run() returns EINTR at once.
    let kick = v.kick_handle();
    kick.kick();
    assert_eq!(en(v.run()), libc::EINTR);
    let t = std::thread::spawn(move || {
        let r = en(v.run());
        (v, r)
    });
    std::thread::sleep(Duration::from_millis(50));
    kick.kick();
    let (mut v, r) = t.join().unwrap();
    assert_eq!(r, libc::EINTR);
    let x1 = get_u64(&v, xreg(1));
    assert!(x1 > 1000, "the guest ran ({x1} adds)");
    // immediate_exit: EINTR without running a single instruction.
    let pc = get_u64(&v, PC);
    v.set_kvm_immediate_exit(1);
    assert_eq!(en(v.run()), libc::EINTR);
    assert_eq!(get_u64(&v, PC), pc);
    assert_eq!(get_u64(&v, xreg(1)), x1);
}

#[test]
fn powered_off_vcpu_waits_until_kicked() {
    let k = kvm(probe_host());
    let vm = k.create_vm().unwrap();
    let mut v = vm.create_vcpu(0).unwrap();
    let mut kvi = init_plain();
    kvi.features[0] |= 1;
    v.vcpu_init(&kvi).unwrap();
    let kick = v.kick_handle();
    let t = std::thread::spawn(move || {
        let start = Instant::now();
        let r = en(v.run());
        (r, start.elapsed())
    });
    std::thread::sleep(Duration::from_millis(50));
    kick.kick();
    let (r, waited) = t.join().unwrap();
    assert_eq!(r, libc::EINTR);
    assert!(waited >= Duration::from_millis(40));
}
