//! `KVM_GET_REG_LIST` against the list a real 6.12 kernel gave (the realkvm REGS
//! lines in tests/data/realkvm-6.12.txt, host VL set {128,256,512}).
//!
//! The spec (§13) says which parts do not depend on the host CPU's features: core,
//! SVE block, firmware, timer — those must be identical, in order. The DEMUX tail is
//! the 14 CCSIDR ids in both. The system registers in between depend on the CPU's
//! features (QEMU's `max` has FEAT_TCR2 and FEAT_S1PIE, softkvm's CPU does not);
//! the difference is asserted to be exactly the registers of those features.

mod common;
use common::*;
use softkvm::bindings::*;
use softkvm::VcpuFd;

fn kernel_list(which: &str) -> Vec<u64> {
    let text = include_str!("data/realkvm-6.12.txt");
    let tag = format!("REGS  {which}[");
    let mut ids = Vec::new();
    for line in text.lines().filter(|l| l.starts_with(&tag)) {
        let rest = &line[line.find(']').unwrap() + 1..];
        ids.extend(
            rest.split_whitespace()
                .map(|h| u64::from_str_radix(h, 16).unwrap()),
        );
    }
    ids
}

fn our_list(v: &VcpuFd) -> Vec<u64> {
    let mut l = RegList::new(500).unwrap();
    v.get_reg_list(&mut l).unwrap();
    l.as_slice().to_vec()
}

fn is_sysreg(id: u64) -> bool {
    id as u32 & KVM_REG_ARM_COPROC_MASK == KVM_REG_ARM64_SYSREG
}

/// Registers of features QEMU's `max` CPU has and softkvm's CPU does not.
const FEATURE_DEPENDENT: [(u64, &str); 3] = [
    (0x603000000013C103, "TCR2_EL1 (FEAT_TCR2)"),
    (0x603000000013C512, "PIRE0_EL1 (FEAT_S1PIE)"),
    (0x603000000013C513, "PIR_EL1 (FEAT_S1PIE)"),
];

fn compare(kernel: &[u64], ours: &[u64], fixed_prefix: usize) {
    assert_eq!(
        &ours[..fixed_prefix],
        &kernel[..fixed_prefix],
        "core/SVE/firmware/timer block differs"
    );
    assert_eq!(
        &ours[ours.len() - 14..],
        &kernel[kernel.len() - 14..],
        "DEMUX"
    );
    let ks: Vec<u64> = kernel[fixed_prefix..kernel.len() - 14].to_vec();
    let os: Vec<u64> = ours[fixed_prefix..ours.len() - 14].to_vec();
    assert!(ks.iter().chain(&os).all(|&id| is_sysreg(id)));
    // Same order rule: the three invariant registers, then ascending encodings.
    assert_eq!(&os[..3], &ks[..3]);
    assert!(os[3..].windows(2).all(|w| w[0] < w[1]));
    let only_kernel: Vec<u64> = ks.iter().copied().filter(|id| !os.contains(id)).collect();
    let only_ours: Vec<u64> = os.iter().copied().filter(|id| !ks.contains(id)).collect();
    let expected: Vec<u64> = FEATURE_DEPENDENT.iter().map(|f| f.0).collect();
    assert_eq!(
        only_kernel, expected,
        "system registers only the kernel lists (update FEATURE_DEPENDENT and \
         docs/api.md if the CPU gained a feature)"
    );
    assert_eq!(
        only_ours,
        Vec::<u64>::new(),
        "system registers only softkvm lists"
    );
}

#[test]
fn sve_vcpu_list_matches_the_kernel() {
    let k = kvm(probe_host());
    let vm = k.create_vm().unwrap();
    let v = vm.create_vcpu(0).unwrap();
    v.vcpu_init(&init_sve()).unwrap();
    v.vcpu_finalize(&4).unwrap();
    let kernel = kernel_list("sve");
    assert_eq!(kernel.len(), 278);
    let ours = our_list(&v);
    // 43 core + 50 SVE + 4 firmware + 3 bitmaps + 6 timer.
    compare(&kernel, &ours, 106);
    assert_eq!(ours.len(), 278 - FEATURE_DEPENDENT.len());
}

#[test]
fn non_sve_vcpu_list_matches_the_kernel() {
    let k = kvm(probe_host());
    let vm = k.create_vm().unwrap();
    let v = vm.create_vcpu(0).unwrap();
    v.vcpu_init(&init_plain()).unwrap();
    let kernel = kernel_list("nosve");
    assert_eq!(kernel.len(), 259);
    let ours = our_list(&v);
    // 75 core + 4 firmware + 3 bitmaps + 6 timer.
    compare(&kernel, &ours, 88);
}

#[test]
fn every_listed_id_gets_and_sets_back() {
    // 8.5 / 8.6x: every id GETs with a buffer of exactly its size, and SETs back
    // with its own value, except VLS after finalize (EPERM), as the get-reg-list
    // selftest requires.
    for sve in [true, false] {
        let k = kvm(probe_host());
        let vm = k.create_vm().unwrap();
        let v = vm.create_vcpu(0).unwrap();
        if sve {
            v.vcpu_init(&init_sve()).unwrap();
            v.vcpu_finalize(&4).unwrap();
        } else {
            v.vcpu_init(&init_plain()).unwrap();
        }
        for id in our_list(&v) {
            let n = reg_size(id);
            let mut b = vec![0u8; n];
            assert_eq!(v.get_one_reg(id, &mut b), Ok(n), "GET {id:#x}");
            let r = v.set_one_reg(id, &b);
            if id == KVM_REG_ARM64_SVE_VLS {
                assert_eq!(en(r), libc::EPERM);
            } else {
                assert_eq!(
                    r,
                    Ok(n),
                    "SET {id:#x} {}",
                    softkvm::sysreg_name(id).unwrap_or("")
                );
            }
        }
    }
}

#[test]
fn sve_list_is_non_sve_minus_vregs_plus_sve_block_and_zcr() {
    // Spec §6.1: |SVE list| = |non-SVE list| - 32 + 50 + 1.
    let k = kvm(probe_host());
    let vm = k.create_vm().unwrap();
    let a = vm.create_vcpu(0).unwrap();
    a.vcpu_init(&init_sve()).unwrap();
    a.vcpu_finalize(&4).unwrap();
    let vm2 = k.create_vm().unwrap();
    let b = vm2.create_vcpu(0).unwrap();
    b.vcpu_init(&init_plain()).unwrap();
    assert_eq!(our_list(&a).len(), our_list(&b).len() - 32 + 50 + 1);
}
