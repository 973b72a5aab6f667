//! No caller input panics: random sequences of API calls with random register ids,
//! buffer sizes, feature words and memory-slot arguments. Every call must return
//! Ok or one of the errnos the API documents. (A few seconds in the default suite;
//! `PROPTEST_CASES=5000 cargo test -p softkvm --test no_panic` soaks longer.)

mod common;
use common::*;
use proptest::prelude::*;
use softkvm::bindings::*;
use softkvm::Host;

#[derive(Debug, Clone)]
enum Op {
    Init(u32, [u32; 7]),
    Finalize(i32),
    Get(u64, usize),
    Set(u64, Vec<u8>),
    List(usize),
    MpState(u32),
    Run,
    Slot(u32, u32, u64, u64),
}

fn interesting_id() -> impl Strategy<Value = u64> {
    let base = prop_oneof![
        Just(KVM_REG_ARM64_SVE_VLS),
        (0u32..32, 0u32..32).prop_map(|(n, i)| KVM_REG_ARM64_SVE_ZREG(n, i)),
        (0u32..16, 0u32..32).prop_map(|(n, i)| KVM_REG_ARM64_SVE_PREG(n, i)),
        (0u32..32).prop_map(KVM_REG_ARM64_SVE_FFR),
        (0u64..0x100, 0u64..9).prop_map(|(o, s)| KVM_REG_ARM64
            | KVM_REG_ARM_CORE as u64
            | (s << KVM_REG_SIZE_SHIFT)
            | o),
        any::<u16>().prop_map(|e| KVM_REG_ARM64
            | KVM_REG_SIZE_U64
            | KVM_REG_ARM64_SYSREG as u64
            | e as u64),
        (0u64..0x20).prop_map(|n| KVM_REG_ARM_PSCI_VERSION | n),
        (0u64..0x20).prop_map(|n| KVM_REG_ARM_STD_BMAP | n),
        (0u32..0x20).prop_map(KVM_REG_ARM_DEMUX_CCSIDR),
        any::<u64>(),
    ];
    // Sometimes flip a random bit (size, group, stray bits).
    (base, prop::option::of(0u32..64)).prop_map(|(id, flip)| match flip {
        Some(b) => id ^ (1u64 << b),
        None => id,
    })
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (
            prop_oneof![Just(5u32), any::<u32>()],
            prop_oneof![
                Just([0x14u32, 0, 0, 0, 0, 0, 0]),
                Just([0x4, 0, 0, 0, 0, 0, 0]),
                Just([0x15, 0, 0, 0, 0, 0, 0]),
                (any::<u32>(), 0u32..2).prop_map(|(a, b)| [a & 0x1ff, b, 0, 0, 0, 0, 0]),
                any::<[u32; 7]>(),
            ]
        )
            .prop_map(|(t, f)| Op::Init(t, f)),
        prop_oneof![Just(4i32), any::<i32>()].prop_map(Op::Finalize),
        (interesting_id(), 0usize..300).prop_map(|(id, n)| Op::Get(id, n)),
        (interesting_id(), prop::collection::vec(any::<u8>(), 0..300))
            .prop_map(|(id, b)| Op::Set(id, b)),
        prop_oneof![0usize..4, 250usize..320, Just(500usize)].prop_map(Op::List),
        (0u32..12).prop_map(Op::MpState),
        Just(Op::Run),
        (any::<u32>(), 0u32..8, any::<u64>(), 0u64..0x6000).prop_map(|(s, f, g, z)| Op::Slot(
            s % 40000,
            f,
            g,
            z
        )),
    ]
}

const KNOWN: [i32; 10] = [
    0,
    libc::EINVAL,
    libc::ENOENT,
    libc::ENOEXEC,
    libc::EPERM,
    libc::E2BIG,
    libc::EINTR,
    libc::EEXIST,
    libc::EFAULT,
    libc::EBUSY,
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]
    #[test]
    fn random_call_sequences_never_panic(
        vqs in prop_oneof![Just(vec![]), Just(vec![1u32]), Just(vec![1, 2, 4]), Just((1..=16).collect::<Vec<u32>>())],
        ops in prop::collection::vec(op(), 1..40),
    ) {
        let k = kvm(Host::from_vqs(&vqs).unwrap());
        let mem = GuestMem::new(0x4000);
        let vm = k.create_vm().unwrap();
        let mut v = vm.create_vcpu(0).unwrap();
        let kick = v.kick_handle();
        for op in ops {
            let r = match op {
                Op::Init(target, features) => en(v.vcpu_init(&kvm_vcpu_init { target, features })),
                Op::Finalize(f) => en(v.vcpu_finalize(&f)),
                Op::Get(id, n) => {
                    let mut b = vec![0u8; n];
                    let r = v.get_one_reg(id, &mut b);
                    if let Ok(sz) = r {
                        prop_assert_eq!(sz, reg_size(id));
                    }
                    en(r)
                }
                Op::Set(id, b) => en(v.set_one_reg(id, &b)),
                Op::List(n) => {
                    let mut l = RegList::new(n).unwrap();
                    let r = en(v.get_reg_list(&mut l));
                    // The list is always readable afterwards (no header beyond the buffer).
                    let _ = l.as_slice().len();
                    r
                }
                Op::MpState(s) => en(v.set_mp_state(kvm_mp_state { mp_state: s })),
                Op::Run => {
                    // Kicked first: returns promptly whatever the guest state.
                    kick.kick();
                    let r = v.run().map(|_| ());
                    en(r)
                }
                Op::Slot(slot, flags, gpa, size) => {
                    // Host memory always valid: at most the buffer's size.
                    let r = kvm_userspace_memory_region {
                        slot,
                        flags,
                        guest_phys_addr: gpa & !0xfff,
                        memory_size: size.min(mem.len() as u64),
                        userspace_addr: mem.addr(),
                    };
                    // SAFETY: `mem` outlives `vm`; sizes never exceed it.
                    en(unsafe { vm.set_user_memory_region(r) })
                }
            };
            prop_assert!(KNOWN.contains(&r), "unexpected errno {}", r);
        }
        drop(v);
        drop(vm);
    }
}
