//! KVM_SET_USER_MEMORY_REGION rules (the kernel's __kvm_set_memory_region and the
//! arm64 prepare step): alignment and id checks → EINVAL, overlap → EEXIST, size 0
//! deletes (a missing slot → EINVAL), a slot's size/host address/READONLY flag
//! cannot change, moving is allowed, a slot beyond the IPA size → EFAULT. Guest
//! instruction fetches go to the VMM's memory and follow the map as it changes.

mod common;
use common::*;
use softkvm::bindings::*;
use softkvm::VcpuExit;

fn region(slot: u32, gpa: u64, size: u64, uaddr: u64) -> kvm_userspace_memory_region {
    kvm_userspace_memory_region {
        slot,
        flags: 0,
        guest_phys_addr: gpa,
        memory_size: size,
        userspace_addr: uaddr,
    }
}

#[test]
fn slot_rules() {
    let k = kvm(probe_host());
    assert_eq!(k.get_nr_memslots(), 32767);
    let vm = k.create_vm().unwrap();
    let mem = GuestMem::new(0x4000);
    let ua = mem.addr();
    // SAFETY (all calls): `mem` outlives `vm`'s use of it in this test.
    let set = |r| en(unsafe { vm.set_user_memory_region(r) });
    assert_eq!(set(region(0, 0x1000, 0x1001, ua)), libc::EINVAL); // size
    assert_eq!(set(region(0, 0x1800, 0x1000, ua)), libc::EINVAL); // gpa
    assert_eq!(set(region(0, 0x1000, 0x1000, ua + 8)), libc::EINVAL); // host address
    assert_eq!(set(region(1 << 16, 0x1000, 0x1000, ua)), libc::EINVAL); // address space 1
    assert_eq!(set(region(32767, 0x1000, 0x1000, ua)), libc::EINVAL); // slot id
    let mut r = region(0, 0x1000, 0x1000, ua);
    r.flags = 4; // KVM_MEM_GUEST_MEMFD: not for a plain slot here
    assert_eq!(set(r), libc::EINVAL);
    assert_eq!(set(region(0, !0xfff, 0x2000, ua)), libc::EINVAL); // wraps
    assert_eq!(set(region(5, 0, 0, ua)), libc::EINVAL); // delete a missing slot
    assert_eq!(set(region(0, 0x10000, 0x2000, ua)), 0);
    assert_eq!(set(region(32766, 0x20000, 0x1000, ua)), 0); // highest slot id
                                                            // Overlap with another slot, at either end or inside.
    assert_eq!(set(region(1, 0x11000, 0x2000, ua)), libc::EEXIST);
    assert_eq!(set(region(1, 0xf000, 0x2000, ua)), libc::EEXIST);
    assert_eq!(set(region(1, 0x10000, 0x1000, ua)), libc::EEXIST);
    assert_eq!(set(region(1, 0x12000, 0x1000, ua)), 0); // adjacent is fine
                                                        // Existing slot: size, host address or READONLY cannot change.
    assert_eq!(set(region(0, 0x10000, 0x1000, ua)), libc::EINVAL);
    assert_eq!(set(region(0, 0x10000, 0x2000, ua + 0x1000)), libc::EINVAL);
    let mut ro = region(0, 0x10000, 0x2000, ua);
    ro.flags = KVM_MEM_READONLY;
    assert_eq!(set(ro), libc::EINVAL);
    let mut log = region(0, 0x10000, 0x2000, ua);
    log.flags = KVM_MEM_LOG_DIRTY_PAGES;
    assert_eq!(set(log), 0); // flags-only change
    assert_eq!(set(region(0, 0x10000, 0x2000, ua)), 0); // identical: no-op
    assert_eq!(set(region(0, 0x12000, 0x2000, ua)), libc::EEXIST); // move onto slot 1
    assert_eq!(set(region(0, 0x30000, 0x2000, ua)), 0); // move
    assert_eq!(vm.nr_slots(), 3);
    assert_eq!(set(region(0, 0, 0, ua)), 0); // delete
    assert_eq!(vm.nr_slots(), 2);
    assert_eq!(set(region(0, 0, 0, ua)), libc::EINVAL);
    // Beyond the VM's IPA size (48 bits by default with create_vm).
    assert_eq!(set(region(2, 1 << 48, 0x1000, ua)), libc::EFAULT);
    assert_eq!(set(region(2, (1 << 48) - 0x1000, 0x1000, ua)), 0);
    let small = k.create_vm_with_ipa_size(32).unwrap();
    let r = region(0, 1 << 32, 0x1000, ua);
    assert_eq!(en(unsafe { small.set_user_memory_region(r) }), libc::EFAULT);
    assert_eq!(en(k.create_vm_with_ipa_size(31)), libc::EINVAL);
    assert_eq!(en(k.create_vm_with_ipa_size(49)), libc::EINVAL);
    assert_eq!(en(k.create_vm_with_type(1 << 8)), libc::EINVAL);
}

#[test]
fn vcpu_ids() {
    let k = kvm(probe_host());
    let vm = k.create_vm().unwrap();
    vm.create_vcpu(0).unwrap();
    assert_eq!(en(vm.create_vcpu(0)), libc::EEXIST);
    assert_eq!(en(vm.create_vcpu(k.get_max_vcpu_id() as u64)), libc::EINVAL);
    vm.create_vcpu(k.get_max_vcpu_id() as u64 - 1).unwrap();
}

#[test]
fn guest_fetches_follow_the_map() {
    const HVC0: u32 = 0xd400_0002; // hvc #0
    let k = kvm(probe_host());
    let mem = GuestMem::new(0x1000);
    let vm = k.create_vm().unwrap();
    mem.map(&vm, 0, 0x8000_0000);
    let mut v = vm.create_vcpu(0).unwrap();
    v.vcpu_init(&init_plain()).unwrap();
    // Written by the VMM after the slot was installed: the guest sees it.
    mem.write_words(0x10, &[HVC0]);
    set_u64(&v, PC, 0x8000_0010);
    set_u64(&v, xreg(0), PSCI_0_2_FN_SYSTEM_OFF as u64);
    assert!(matches!(v.run().unwrap(), VcpuExit::SystemEvent(1, _)));
    // Move the slot while the vCPU exists; the vCPU uses the new map.
    let r = kvm_userspace_memory_region {
        slot: 0,
        flags: 0,
        guest_phys_addr: 0x9000_0000,
        memory_size: 0x1000,
        userspace_addr: mem.addr(),
    };
    // SAFETY: `mem` outlives the VM.
    unsafe { vm.set_user_memory_region(r).unwrap() };
    v.vcpu_init(&init_plain()).unwrap();
    set_u64(&v, PC, 0x9000_0010);
    set_u64(&v, xreg(0), PSCI_0_2_FN_SYSTEM_RESET as u64);
    assert!(matches!(v.run().unwrap(), VcpuExit::SystemEvent(2, _)));
    assert_eq!(get_u64(&v, PC), 0x9000_0014);
}
