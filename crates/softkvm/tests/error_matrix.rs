//! The spec's error matrix (§3.9) and INIT → VLS → FINALIZE ordering (§3.2-3.4),
//! cell by cell. Expected values: the spec's tables and what a real 6.12 kernel
//! answered to the realkvm probe (tests/data/realkvm-6.12.txt, tags in comments),
//! on the same host VL set {128,256,512}.

mod common;
use common::*;
use libc::{E2BIG, EINTR, EINVAL, ENOENT, ENOEXEC, EPERM};
use softkvm::bindings::*;
use softkvm::{Cap, Host, VcpuFd};

const V0: u64 = KVM_REG_ARM_CORE_REG(CORE_V(0), KVM_REG_SIZE_U128);
const V31: u64 = KVM_REG_ARM_CORE_REG(CORE_V(31), KVM_REG_SIZE_U128);
const FPCR: u64 = KVM_REG_ARM_CORE_REG(CORE_FPCR, KVM_REG_SIZE_U32);
const ZCR_EL1: u64 = 0x603000000013C090;
const BAD_SVE_IDS: [u64; 5] = [
    // Z offset with U256 size, P offset with U2048, offset 0x800, VLS offset with
    // U256, FFR base + 0x20 ("P17"): probe 6.7x.
    KVM_REG_ARM64 | KVM_REG_ARM64_SVE as u64 | KVM_REG_SIZE_U256,
    KVM_REG_ARM64 | KVM_REG_ARM64_SVE as u64 | KVM_REG_SIZE_U2048 | 0x400,
    KVM_REG_ARM64 | KVM_REG_ARM64_SVE as u64 | KVM_REG_SIZE_U2048 | 0x800,
    KVM_REG_ARM64 | KVM_REG_ARM64_SVE as u64 | KVM_REG_SIZE_U256 | 0xffff,
    KVM_REG_ARM64 | KVM_REG_ARM64_SVE as u64 | KVM_REG_SIZE_U256 | 0x620,
];

fn get(v: &VcpuFd, id: u64) -> i32 {
    let mut b = vec![0u8; reg_size(id)];
    en(v.get_one_reg(id, &mut b))
}
fn set(v: &VcpuFd, id: u64) -> i32 {
    let b = vec![0x5au8; reg_size(id)];
    en(v.set_one_reg(id, &b))
}
fn set_vls(v: &VcpuFd, w0: u64) -> i32 {
    en(v.set_one_reg(KVM_REG_ARM64_SVE_VLS, &vls(w0)))
}
fn reg_list(v: &VcpuFd) -> i32 {
    let mut l = RegList::new(500).unwrap();
    en(v.get_reg_list(&mut l))
}
fn finalize(v: &VcpuFd, what: i32) -> i32 {
    en(v.vcpu_finalize(&what))
}
fn run_immediate(v: &mut VcpuFd) -> i32 {
    v.set_kvm_immediate_exit(1);
    let r = en(v.run());
    v.set_kvm_immediate_exit(0);
    r
}
fn slices() -> Vec<(u64, u64)> {
    // (slice 0, slice 1) for Z0, Z31, P0, P15, FFR.
    vec![
        (KVM_REG_ARM64_SVE_ZREG(0, 0), KVM_REG_ARM64_SVE_ZREG(0, 1)),
        (
            KVM_REG_ARM64_SVE_ZREG(31, 0),
            KVM_REG_ARM64_SVE_ZREG(31, 31),
        ),
        (KVM_REG_ARM64_SVE_PREG(0, 0), KVM_REG_ARM64_SVE_PREG(0, 1)),
        (
            KVM_REG_ARM64_SVE_PREG(15, 0),
            KVM_REG_ARM64_SVE_PREG(15, 31),
        ),
        (KVM_REG_ARM64_SVE_FFR(0), KVM_REG_ARM64_SVE_FFR(1)),
    ]
}

#[test]
fn capabilities_and_preferred_target() {
    // 1.1, 1.2: KVM_CAP_ARM_SVE = 170 reads 1 on an SVE host, on both fds.
    let k = kvm(probe_host());
    assert!(k.check_extension(Cap::ArmSve));
    assert_eq!(k.check_extension_raw(170), 1);
    let vm = k.create_vm().unwrap();
    assert_eq!(vm.check_extension_raw(170), 1);
    assert_eq!(k.check_extension_raw(70), 1); // ONE_REG
    assert_eq!(k.check_extension_raw(87), 1); // ARM_PSCI
    assert_eq!(k.check_extension_raw(102), 1); // ARM_PSCI_0_2
    assert_eq!(k.check_extension_raw(99_999), 0); // unknown → 0
    let nosve = kvm(Host::from_vqs(&[]).unwrap());
    assert_eq!(nosve.check_extension_raw(170), 0);
    let mut kvi = kvm_vcpu_init {
        target: 0xffff_ffff,
        features: [0xffff_ffff; 7],
    };
    vm.get_preferred_target(&mut kvi).unwrap();
    assert_eq!(kvi.target, KVM_ARM_TARGET_GENERIC_V8);
    assert_eq!(kvi.features, [0; 7]);
}

#[test]
fn before_init_everything_is_enoexec() {
    // Column "before INIT" (probe 2.x).
    let k = kvm(probe_host());
    let vm = k.create_vm().unwrap();
    let mut v = vm.create_vcpu(0).unwrap();
    assert_eq!(get(&v, PC), ENOEXEC);
    assert_eq!(set(&v, PC), ENOEXEC);
    assert_eq!(get(&v, KVM_REG_ARM64_SVE_VLS), ENOEXEC);
    assert_eq!(set_vls(&v, 0xb), ENOEXEC);
    assert_eq!(set_vls(&v, 0x9), ENOEXEC);
    for (s0, s1) in slices() {
        for id in [s0, s1] {
            assert_eq!(get(&v, id), ENOEXEC);
            assert_eq!(set(&v, id), ENOEXEC);
        }
    }
    for id in BAD_SVE_IDS {
        assert_eq!(get(&v, id), ENOEXEC);
    }
    assert_eq!(get(&v, V0), ENOEXEC);
    assert_eq!(get(&v, ZCR_EL1), ENOEXEC);
    assert_eq!(set(&v, ZCR_EL1), ENOEXEC);
    assert_eq!(reg_list(&v), ENOEXEC);
    assert_eq!(en(v.run()), ENOEXEC);
    // ENOEXEC wins over immediate_exit (the first-run check comes first).
    assert_eq!(run_immediate(&mut v), ENOEXEC);
    assert_eq!(finalize(&v, 4), ENOEXEC);
    assert_eq!(finalize(&v, 3), ENOEXEC);
}

#[test]
fn after_init_before_finalize() {
    let k = kvm(probe_host());
    let vm = k.create_vm().unwrap();
    let mut v = vm.create_vcpu(0).unwrap();
    v.vcpu_init(&init_sve()).unwrap(); // 3.1
    assert_eq!(get_u64(&v, PSTATE), 0x3c5); // 3.1x: EL1h, DAIF masked
    assert_eq!(get_vls(&v), vls(0xb)); // 3.2: host set
    for (s0, s1) in slices() {
        assert_eq!(get(&v, s0), EPERM); // 3.3
        assert_eq!(set(&v, s0), EPERM);
        assert_eq!(get(&v, s1), ENOENT);
        assert_eq!(set(&v, s1), ENOENT);
    }
    for id in BAD_SVE_IDS {
        assert_eq!(get(&v, id), EINVAL);
        assert_eq!(set(&v, id), EINVAL);
    }
    assert_eq!(get(&v, V0), EINVAL);
    assert_eq!(set(&v, V31), EINVAL);
    assert_eq!(get_u64(&v, ZCR_EL1), 0);
    assert_eq!(reg_list(&v), EPERM); // 3.4
    assert_eq!(en(v.run()), EPERM); // 3.5
    assert_eq!(run_immediate(&mut v), EPERM);
    // 4.1-4.4: hole, non-host VQ, above host max, VQ 512, everything to 16, empty.
    for w0 in [0x9, 0x7, 0xf, 0x1b, 0xfffb, 0x0] {
        assert_eq!(set_vls(&v, w0), EINVAL, "w0={w0:#x}");
    }
    let mut top = vls(0xb);
    top[63] = 0x80;
    assert_eq!(en(v.set_one_reg(KVM_REG_ARM64_SVE_VLS, &top)), EINVAL);
    assert_eq!(get_vls(&v), vls(0xb)); // 4.4x: unchanged
                                       // 4.5: lower, lower again, raise again before finalize.
    assert_eq!(set_vls(&v, 0x3), 0);
    assert_eq!(get_vls(&v), vls(0x3));
    assert_eq!(set_vls(&v, 0x1), 0);
    assert_eq!(get_vls(&v), vls(0x1));
    assert_eq!(set_vls(&v, 0xb), 0);
    assert_eq!(get_vls(&v), vls(0xb));
    // 4.6x: re-INIT with the same features resets VLS to the host set.
    assert_eq!(set_vls(&v, 0x3), 0);
    v.vcpu_init(&init_sve()).unwrap();
    assert_eq!(get_vls(&v), vls(0xb));
    // re-INIT with different features.
    assert_eq!(en(v.vcpu_init(&init_plain())), EINVAL);
    assert_eq!(set_vls(&v, 0x3), 0);
    // 5.1
    assert_eq!(finalize(&v, 3), EINVAL);
    assert_eq!(finalize(&v, 0), EINVAL);
    assert_eq!(finalize(&v, 4), 0); // 5.2
}

#[test]
fn after_finalize() {
    let k = kvm(probe_host());
    let vm = k.create_vm().unwrap();
    let mut v = vm.create_vcpu(0).unwrap();
    v.vcpu_init(&init_sve()).unwrap();
    assert_eq!(set_vls(&v, 0x3), 0);
    assert_eq!(finalize(&v, 4), 0);
    assert_eq!(finalize(&v, 4), EPERM); // 5.3
    assert_eq!(set_vls(&v, 0x3), EPERM); // 5.4
    assert_eq!(set_vls(&v, 0x9), EPERM); // 5.4x: the finalized check wins
    assert_eq!(set_vls(&v, 0), EPERM);
    assert_eq!(get_vls(&v), vls(0x3));
    assert_eq!(finalize(&v, 3), EINVAL);
    for (s0, s1) in slices() {
        assert_eq!(get(&v, s0), 0);
        assert_eq!(set(&v, s0), 0);
        assert_eq!(get(&v, s1), ENOENT); // 6.2
        assert_eq!(set(&v, s1), ENOENT);
    }
    for id in BAD_SVE_IDS {
        assert_eq!(get(&v, id), EINVAL);
    }
    assert_eq!(get(&v, V0), EINVAL); // 6.5
    assert_eq!(set(&v, V0), EINVAL);
    assert_eq!(get(&v, V31), EINVAL);
    // 6.6: FPSR/FPCR stay on their core ids.
    assert_eq!(get_u64(&v, FPCR) & 0xffff_ffff, 0);
    v.set_one_reg(FPCR, &0x0300_0000u32.to_le_bytes()).unwrap();
    let mut b = [0u8; 4];
    v.get_one_reg(FPCR, &mut b).unwrap();
    assert_eq!(u32::from_le_bytes(b), 0x0300_0000);
    assert_eq!(get(&v, ZCR_EL1), 0);
    assert_eq!(reg_list(&v), 0);
    // RUN passes the gates: immediate_exit answers EINTR, not EPERM.
    assert_eq!(run_immediate(&mut v), EINTR);
    // re-INIT after finalize: allowed, registers zeroed, VLS and finalization kept.
    let z = KVM_REG_ARM64_SVE_ZREG(3, 0);
    v.set_one_reg(z, &[0xa5; 256]).unwrap();
    v.vcpu_init(&init_sve()).unwrap();
    let mut zb = [1u8; 256];
    v.get_one_reg(z, &mut zb).unwrap();
    assert_eq!(zb, [0; 256]);
    assert_eq!(get_vls(&v), vls(0x3));
    assert_eq!(finalize(&v, 4), EPERM);
    assert_eq!(en(v.vcpu_init(&init_plain())), EINVAL);
}

#[test]
fn zcr_el1_is_not_validated() {
    // 6.8x: any 64-bit value reads back unchanged.
    let k = kvm(probe_host());
    let vm = k.create_vm().unwrap();
    let v = vm.create_vcpu(0).unwrap();
    v.vcpu_init(&init_sve()).unwrap();
    for x in [0x1, 0xf, 0x1ff, u64::MAX, 0] {
        set_u64(&v, ZCR_EL1, x);
        assert_eq!(get_u64(&v, ZCR_EL1), x);
    }
}

#[test]
fn non_sve_vcpu() {
    // 7.x: a vCPU without SVE in its own VM.
    let k = kvm(probe_host());
    let vm = k.create_vm().unwrap();
    let mut v = vm.create_vcpu(0).unwrap();
    v.vcpu_init(&init_plain()).unwrap();
    assert_eq!(finalize(&v, 4), EINVAL); // 7.2
    assert_eq!(get(&v, KVM_REG_ARM64_SVE_VLS), ENOENT); // 7.3
    assert_eq!(set_vls(&v, 0xb), ENOENT);
    for (s0, s1) in slices() {
        assert_eq!(get(&v, s0), ENOENT); // 7.4
        assert_eq!(get(&v, s1), ENOENT);
        assert_eq!(set(&v, s0), ENOENT);
    }
    assert_eq!(get(&v, BAD_SVE_IDS[2]), EINVAL);
    assert_eq!(get(&v, ZCR_EL1), ENOENT); // 7.5
    assert_eq!(set(&v, ZCR_EL1), ENOENT);
    let pat: Vec<u8> = (1..=16).collect();
    v.set_one_reg(V0, &pat).unwrap(); // 7.6
    let mut b = [0u8; 16];
    v.get_one_reg(V0, &mut b).unwrap();
    assert_eq!(&b[..], &pat[..]);
    // 7.6x: ID_AA64PFR0_EL1.SVE = 0; ID_AA64ZFR0_EL1 listed and 0.
    assert_eq!((get_u64(&v, 0x603000000013C020) >> 32) & 0xf, 0);
    assert_eq!(get_u64(&v, 0x603000000013C024), 0);
    assert_eq!(reg_list(&v), 0);
    assert_eq!(run_immediate(&mut v), EINTR);
    // 7.8: re-INIT with SVE refused; the vCPU keeps its state; same features reset it.
    assert_eq!(en(v.vcpu_init(&init_sve())), EINVAL);
    v.get_one_reg(V0, &mut b).unwrap();
    assert_eq!(&b[..], &pat[..]);
    assert_eq!(get(&v, KVM_REG_ARM64_SVE_VLS), ENOENT);
    v.vcpu_init(&init_plain()).unwrap();
    v.get_one_reg(V0, &mut b).unwrap();
    assert_eq!(b, [0; 16]);
}

#[test]
fn sve_vcpu_id_registers() {
    // 6.9x: ID_AA64PFR0_EL1.SVE = 1 on an SVE vCPU; writing a different value to an
    // ID register is refused, writing the same value is accepted.
    let k = kvm(probe_host());
    let vm = k.create_vm().unwrap();
    let v = vm.create_vcpu(0).unwrap();
    v.vcpu_init(&init_sve()).unwrap();
    let pfr0 = get_u64(&v, 0x603000000013C020);
    assert_eq!((pfr0 >> 32) & 0xf, 1);
    set_u64(&v, 0x603000000013C020, pfr0);
    assert_eq!(
        en(v.set_one_reg(0x603000000013C020, &(pfr0 ^ (1 << 32)).to_le_bytes())),
        EINVAL
    );
    let midr = get_u64(&v, 0x603000000013C000);
    assert_eq!(
        en(v.set_one_reg(0x603000000013C000, &(midr + 1).to_le_bytes())),
        EINVAL
    );
}

#[test]
fn init_feature_rules() {
    let k = kvm(probe_host());
    // 7.0: per-VM feature set (6.7+): a second vCPU of the SVE VM without SVE.
    let vm = k.create_vm().unwrap();
    let a = vm.create_vcpu(0).unwrap();
    a.vcpu_init(&init_sve()).unwrap();
    let b = vm.create_vcpu(1).unwrap();
    assert_eq!(en(b.vcpu_init(&init_plain())), EINVAL);
    // 7.10: unknown feature bits → ENOENT.
    let mut kvi = init_sve();
    kvi.features[0] = 1 << 31;
    assert_eq!(en(b.vcpu_init(&kvi)), ENOENT);
    let mut kvi = init_sve();
    kvi.features[1] = 1;
    assert_eq!(en(b.vcpu_init(&kvi)), ENOENT);
    let mut kvi = init_sve();
    kvi.features[0] |= 1 << 31;
    assert_eq!(en(b.vcpu_init(&kvi)), ENOENT);
    // Wrong target.
    let mut kvi = init_sve();
    kvi.target = KVM_ARM_TARGET_CORTEX_A57;
    assert_eq!(en(b.vcpu_init(&kvi)), EINVAL);
    // POWER_OFF is one-shot: not part of the per-VM set.
    let mut kvi = init_sve();
    kvi.features[0] |= 1 << KVM_ARM_VCPU_POWER_OFF;
    b.vcpu_init(&kvi).unwrap();
    assert_eq!(b.get_mp_state().unwrap().mp_state, KVM_MP_STATE_STOPPED);

    // 7.9x: in a non-SVE VM, a later SVE vCPU is refused; POWER_OFF secondaries ok.
    let vm2 = k.create_vm().unwrap();
    let b0 = vm2.create_vcpu(0).unwrap();
    b0.vcpu_init(&init_plain()).unwrap();
    let b1 = vm2.create_vcpu(1).unwrap();
    assert_eq!(en(b1.vcpu_init(&init_sve())), EINVAL);
    let mut kvi = init_plain();
    kvi.features[0] |= 1 << KVM_ARM_VCPU_POWER_OFF;
    b1.vcpu_init(&kvi).unwrap();

    // 7.11x: the 5.2 quirk is gone: a failed INIT with SVE|bit9 records nothing.
    let vm3 = k.create_vm().unwrap();
    let c = vm3.create_vcpu(0).unwrap();
    let mut kvi = init_sve();
    kvi.features[0] |= 1 << 9;
    assert_eq!(en(c.vcpu_init(&kvi)), ENOENT);
    c.vcpu_init(&init_plain()).unwrap();
    assert_eq!(get(&c, KVM_REG_ARM64_SVE_VLS), ENOENT);

    // Features the emulated CPU lacks: EL1_32BIT, PMU_V3, ptrauth (pair or not), EL2.
    for bit in [1, 3, 5, 6, 7] {
        let vm = k.create_vm().unwrap();
        let v = vm.create_vcpu(0).unwrap();
        let mut kvi = init_plain();
        kvi.features[0] |= 1 << bit;
        assert_eq!(en(v.vcpu_init(&kvi)), EINVAL, "bit {bit}");
    }
    // Bit 8 (HAS_EL2_E2H0) is unknown to a 6.12 kernel.
    let vm = k.create_vm().unwrap();
    let v = vm.create_vcpu(0).unwrap();
    let mut kvi = init_plain();
    kvi.features[0] |= 1 << 8;
    assert_eq!(en(v.vcpu_init(&kvi)), ENOENT);
}

#[test]
fn sve_on_a_host_without_sve_is_einval() {
    let k = kvm(Host::from_vqs(&[]).unwrap());
    let vm = k.create_vm().unwrap();
    let v = vm.create_vcpu(0).unwrap();
    assert_eq!(en(v.vcpu_init(&init_sve())), EINVAL);
    v.vcpu_init(&init_plain()).unwrap();
}

#[test]
fn reg_list_e2big_and_n() {
    // 8.1: E2BIG with n written back (the full count); n = count + 5 succeeds, writes
    // n = count and leaves the entries past the count untouched.
    let k = kvm(probe_host());
    let vm = k.create_vm().unwrap();
    let v = vm.create_vcpu(0).unwrap();
    v.vcpu_init(&init_sve()).unwrap();
    assert_eq!(finalize(&v, 4), 0);
    let mut full = RegList::new(500).unwrap();
    v.get_reg_list(&mut full).unwrap();
    let count = full.as_fam_struct_ref().n as usize;
    assert!(count > 100);
    for n in [0usize, 1, count - 1] {
        let mut l = RegList::new(n).unwrap();
        assert_eq!(en(v.get_reg_list(&mut l)), E2BIG);
        assert_eq!(l.as_fam_struct_ref().n as usize, count);
    }
    let mut l = RegList::new(count + 5).unwrap();
    for (i, e) in l.as_mut_slice().iter_mut().enumerate() {
        *e = 0xdead_0000 + i as u64;
    }
    v.get_reg_list(&mut l).unwrap();
    assert_eq!(l.as_fam_struct_ref().n as usize, count);
    assert_eq!(l.as_slice(), full.as_slice());
    let raw = l.into_raw();
    // SAFETY: the wrapper allocated 1 + count + 5 u64 words (header + entries).
    let words: &[u64] =
        unsafe { std::slice::from_raw_parts(raw.as_ptr() as *const u64, 1 + count + 5) };
    for i in 0..5 {
        assert_eq!(words[1 + count + i], 0xdead_0000 + (count + i) as u64);
    }
}
