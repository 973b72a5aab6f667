//! The suite: [`contract_suite!`] and the helpers its expansion uses.
//!
//! The case bodies are written once, literally against the kvm-ioctls API
//! (`backend::Kvm`, `backend::VcpuExit::MmioWrite`, `bindings::kvm_vcpu_init`, ...),
//! and the macro binds `backend`/`bindings` to the paths it is given. That is the
//! promise under test: the same VMM code compiles against either crate.

/// Fails the enclosing case with a formatted message unless `cond` holds.
#[macro_export]
macro_rules! check {
    ($cond:expr, $($fmt:tt)+) => {
        if !$cond {
            return Err(format!($($fmt)+));
        }
    };
}

/// Emits one `pub fn name() -> Outcome` per case (with the given attributes, e.g.
/// `#[test]`) and `CASES`, the list of all of them in order.
#[doc(hidden)]
#[macro_export]
macro_rules! __contract_cases {
    ($attrs:tt $( $(#[doc = $doc:literal])* fn $name:ident() $body:block )*) => {
        $(
            $crate::__contract_case! { $attrs $(#[doc = $doc])* fn $name() $body }
        )*

        /// Every case of the suite, in order.
        #[allow(dead_code)]
        pub const CASES: &[$crate::Case] = &[$($crate::Case { name: stringify!($name), run: $name }),*];
    };
}

/// One case function: `[attributes] docs fn name() body`.
#[doc(hidden)]
#[macro_export]
macro_rules! __contract_case {
    ([$($attr:tt)*] $(#[doc = $doc:literal])* fn $name:ident() $body:block) => {
        $(#[doc = $doc])*
        $($attr)*
        pub fn $name() -> $crate::Outcome {
            fn case() -> $crate::Outcome $body
            $crate::known_deviation(stringify!($name), KNOWN_DEVIATIONS, case())
        }
    };
}

/// Instantiates the KVM contract suite for one backend.
///
/// ```text
/// mod real { kvm_contract::contract_suite!(backend = kvm_ioctls, bindings = kvm_bindings, rules = ...); }
/// mod soft { kvm_contract::contract_suite!(backend = softkvm, bindings = softkvm::bindings,
///                                          rules = kvm_contract::Rules::Later, #[test]); }
/// ```
///
/// `backend` must offer kvm-ioctls 0.25's `Kvm`, `VmFd`, `VcpuFd`, `VcpuExit`, `Cap`
/// and `Error`; `bindings` kvm-bindings 0.14's arm64 structs and constants and the
/// `RegList` FAM wrapper. `rules` picks 5.2 or `[later]` behaviour where the kernel
/// changed it. `known_deviations = [("case", "why"), ...]` (optional) lists cases the
/// backend is known to fail (see [`known_deviation`](crate::known_deviation)).
/// Optional trailing attributes are put on every case function.
/// The expansion defines one function per case and `CASES`; put it in its own module.
#[macro_export]
macro_rules! contract_suite {
    (
        backend = $($kvm:ident)::+,
        bindings = $($bind:ident)::+,
        rules = $rules:expr
        $(, known_deviations = [$(($kname:literal, $kwhy:literal)),* $(,)?])?
        $(, #[$attr:meta])* $(,)?
    ) => {
        #[allow(unused_imports)]
        use $($kvm)::+ as backend;
        #[allow(unused_imports)]
        use $($bind)::+ as bindings;
        #[allow(unused_imports)]
        use $crate::errno::{E2BIG, EEXIST, EINVAL, ENOENT, ENOEXEC, EPERM};
        #[allow(unused_imports)]
        use $crate::{check, guest, ids, GuestMem, Rules, Vls};

        type R<T> = ::std::result::Result<T, backend::Error>;

        fn rules() -> Rules {
            $rules
        }

        /// Cases this backend is known to fail, with the reason (see
        /// `known_deviation`).
        const KNOWN_DEVIATIONS: &[(&str, &str)] = &[$($(($kname, $kwhy)),*)?];

        /// `KVM_ARM_VCPU_*` feature bits (bit numbers from spec section 2).
        const POWER_OFF: u32 = 1 << 0;
        const PSCI: u32 = 1 << 2;
        const SVE: u32 = 1 << 4;
        const PSTATE_EL1H_DAIF: u64 = 0x3c5;

        fn ok<T>(r: R<T>, what: &str) -> ::std::result::Result<T, String> {
            r.map_err(|e| format!("{what}: failed with {} ({e})", $crate::errno::name(e.errno())))
        }

        fn err<T: ::std::fmt::Debug>(r: R<T>, want: i32, what: &str) -> $crate::Outcome {
            match r {
                Err(e) if e.errno() == want => Ok(()),
                Err(e) => Err(format!(
                    "{what}: got {}, expected {}",
                    $crate::errno::name(e.errno()),
                    $crate::errno::name(want)
                )),
                Ok(v) => Err(format!("{what}: succeeded ({v:?}), expected {}", $crate::errno::name(want))),
            }
        }

        fn new_vm() -> ::std::result::Result<(backend::Kvm, backend::VmFd), String> {
            let kvm = ok(backend::Kvm::new(), "Kvm::new")?;
            let vm = ok(kvm.create_vm(), "create_vm")?;
            Ok((kvm, vm))
        }

        /// KVM_ARM_VCPU_INIT with the preferred target and `features` in features[0].
        fn init(vm: &backend::VmFd, vcpu: &backend::VcpuFd, features: u32) -> R<()> {
            let mut kvi = bindings::kvm_vcpu_init::default();
            vm.get_preferred_target(&mut kvi)?;
            kvi.features[0] |= features;
            vcpu.vcpu_init(&kvi)
        }

        fn vcpu_with(vm: &backend::VmFd, id: u64, features: u32) -> ::std::result::Result<backend::VcpuFd, String> {
            let vcpu = ok(vm.create_vcpu(id), "create_vcpu")?;
            ok(init(vm, &vcpu, features), &format!("INIT features[0]={features:#x}"))?;
            Ok(vcpu)
        }

        fn sve_vcpu(vm: &backend::VmFd) -> ::std::result::Result<backend::VcpuFd, String> {
            vcpu_with(vm, 0, SVE | PSCI)
        }

        fn finalize(vcpu: &backend::VcpuFd) -> R<()> {
            vcpu.vcpu_finalize(&4)
        }

        fn get_vls(vcpu: &backend::VcpuFd) -> R<Vls> {
            let mut b = [0u8; 64];
            vcpu.get_one_reg(ids::SVE_VLS, &mut b)?;
            Ok(Vls::from_bytes(&b))
        }

        fn set_vls(vcpu: &backend::VcpuFd, v: Vls) -> R<usize> {
            vcpu.set_one_reg(ids::SVE_VLS, &v.to_bytes())
        }

        /// The host's vector lengths as a VMM learns them: VLS right after INIT.
        fn host_vls(vcpu: &backend::VcpuFd) -> ::std::result::Result<Vls, String> {
            let h = ok(get_vls(vcpu), "GET VLS after INIT")?;
            let m = h.max();
            check!(h.has(1) && (1..=16).contains(&m), "host VLS {h}: VQ 1 missing or max VQ {m} outside 1..16");
            let mut p = 1;
            while p <= m {
                check!(h.has(p), "host VLS {h}: power of two VQ {p} below the max missing");
                p *= 2;
            }
            Ok(h)
        }

        fn get_u64(vcpu: &backend::VcpuFd, id: u64) -> R<u64> {
            let mut b = [0u8; 8];
            vcpu.get_one_reg(id, &mut b)?;
            Ok(u64::from_le_bytes(b))
        }

        fn set_u64(vcpu: &backend::VcpuFd, id: u64, v: u64) -> R<usize> {
            vcpu.set_one_reg(id, &v.to_le_bytes())
        }

        fn get_u32(vcpu: &backend::VcpuFd, id: u64) -> R<u32> {
            let mut b = [0u8; 4];
            vcpu.get_one_reg(id, &mut b)?;
            Ok(u32::from_le_bytes(b))
        }

        fn get_buf(vcpu: &backend::VcpuFd, id: u64) -> R<Vec<u8>> {
            let mut b = vec![0u8; ids::size(id)];
            vcpu.get_one_reg(id, &mut b)?;
            Ok(b)
        }

        /// KVM_GET_REG_LIST as a VMM does it: n = 0 gives E2BIG and the count, then
        /// a list of exactly that size.
        fn reg_list(vcpu: &backend::VcpuFd) -> ::std::result::Result<Vec<u64>, String> {
            let mut probe = bindings::RegList::new(0).map_err(|e| format!("RegList::new(0): {e:?}"))?;
            err(vcpu.get_reg_list(&mut probe), E2BIG, "GET_REG_LIST n=0")?;
            let n = probe.as_fam_struct_ref().n as usize;
            check!(n > 0, "GET_REG_LIST n=0: n written back = 0");
            let mut list = bindings::RegList::new(n).map_err(|e| format!("RegList::new({n}): {e:?}"))?;
            ok(vcpu.get_reg_list(&mut list), &format!("GET_REG_LIST n={n}"))?;
            check!(list.as_fam_struct_ref().n as usize == n, "GET_REG_LIST: n changed between calls");
            Ok(list.as_slice().to_vec())
        }

        /// A memory slot (kvm-ioctls' unsafe set_user_memory_region).
        fn set_slot(vm: &backend::VmFd, slot: u32, flags: u32, gpa: u64, size: u64, host: u64) -> R<()> {
            let region = bindings::kvm_userspace_memory_region {
                slot,
                flags,
                guest_phys_addr: gpa,
                memory_size: size,
                userspace_addr: host,
            };
            // SAFETY: `host` is either inside a live GuestMem that outlives the VM
            // (the cases keep it alive until the VM is dropped) or the call is
            // expected to fail; a deleted slot (size 0) maps nothing.
            unsafe { vm.set_user_memory_region(region) }
        }

        /// What a vCPU reported from one run() call.
        #[derive(Debug, PartialEq)]
        enum Ev {
            MmioWrite(u64, Vec<u8>),
            MmioRead(u64, usize),
            SystemEvent(u32, Vec<u64>),
            Other(String),
        }

        /// Runs until a system event or an unexpected exit (at most 64 exits);
        /// MMIO reads are answered with the leading bytes of `answer`.
        fn run_events(vcpu: &mut backend::VcpuFd, answer: &[u8]) -> ::std::result::Result<Vec<Ev>, String> {
            let mut evs = Vec::new();
            for _ in 0..64 {
                let ev = match ok(vcpu.run(), "KVM_RUN")? {
                    backend::VcpuExit::MmioWrite(addr, data) => Ev::MmioWrite(addr, data.to_vec()),
                    backend::VcpuExit::MmioRead(addr, data) => {
                        for (i, b) in data.iter_mut().enumerate() {
                            *b = answer.get(i).copied().unwrap_or(0);
                        }
                        Ev::MmioRead(addr, data.len())
                    }
                    backend::VcpuExit::SystemEvent(kind, data) => Ev::SystemEvent(kind, data.to_vec()),
                    other => Ev::Other(format!("{other:?}")),
                };
                let last = matches!(ev, Ev::SystemEvent(..) | Ev::Other(_));
                evs.push(ev);
                if last {
                    break;
                }
            }
            Ok(evs)
        }

        /// A 256-byte (or `n`-byte) pattern with no zero byte.
        fn pattern(n: usize, salt: u8) -> Vec<u8> {
            (0..n).map(|i| (i as u8).wrapping_mul(7).wrapping_add(salt) | 0x80).collect()
        }

        /// SETs `id` (slice 0 of Z/P/FFR) with a full-size non-zero pattern and GETs it
        /// back through a larger buffer: the first `keep` bytes come back, the rest of
        /// the register's size reads as zero, and nothing past it is written.
        fn roundtrip_truncated(vcpu: &backend::VcpuFd, id: u64, keep: usize, name: &str) -> $crate::Outcome {
            let size = ids::size(id);
            let pat = pattern(size, id as u8);
            ok(vcpu.set_one_reg(id, &pat), &format!("SET {name}"))?;
            let mut back = vec![0xeeu8; size + 16];
            let n = ok(vcpu.get_one_reg(id, &mut back), &format!("GET {name}"))?;
            check!(n == size, "GET {name} returned size {n}, expected {size}");
            check!(back[..keep] == pat[..keep], "GET {name}: the first {keep} bytes differ from what was SET");
            check!(
                back[keep..size].iter().all(|&b| b == 0),
                "GET {name}: bytes {keep}..{size} beyond the vCPU's max VL are not zero: {:02x?}",
                &back[keep..size]
            );
            check!(back[size..].iter().all(|&b| b == 0xee), "GET {name} wrote past its {size}-byte register");
            Ok(())
        }

        $crate::__contract_cases! { [$(#[$attr])*]

        /// The bindings' ABI constants are the kernel's (spec sections 1, 2, 4).
        fn bindings_constants() {
            check!(bindings::KVM_ARM_VCPU_POWER_OFF as u64 == 0, "KVM_ARM_VCPU_POWER_OFF");
            check!(bindings::KVM_ARM_VCPU_PSCI_0_2 as u64 == 2, "KVM_ARM_VCPU_PSCI_0_2");
            check!(bindings::KVM_ARM_VCPU_SVE as u64 == 4, "KVM_ARM_VCPU_SVE");
            check!(bindings::KVM_ARM_TARGET_GENERIC_V8 as u64 == 5, "KVM_ARM_TARGET_GENERIC_V8");
            check!(bindings::KVM_SYSTEM_EVENT_SHUTDOWN as u64 == 1, "KVM_SYSTEM_EVENT_SHUTDOWN");
            check!(bindings::KVM_MP_STATE_RUNNABLE as u64 == 0, "KVM_MP_STATE_RUNNABLE");
            check!(bindings::KVM_MP_STATE_STOPPED as u64 == 5, "KVM_MP_STATE_STOPPED");
            check!(bindings::KVM_REG_ARM64 as u64 == ids::ARM64, "KVM_REG_ARM64");
            check!(bindings::KVM_REG_ARM64_SVE as u64 == ids::COPROC_SVE, "KVM_REG_ARM64_SVE");
            check!(bindings::KVM_REG_SIZE_U2048 as u64 == ids::SIZE_U2048, "KVM_REG_SIZE_U2048");
            check!(bindings::KVM_REG_SIZE_U512 as u64 == ids::SIZE_U512, "KVM_REG_SIZE_U512");
            check!(backend::Cap::ArmSve as u64 == 170, "Cap::ArmSve = {}", backend::Cap::ArmSve as u64);
            check!(backend::Cap::OneReg as u64 == 70, "Cap::OneReg");
            check!(backend::Cap::ArmPsci02 as u64 == 102, "Cap::ArmPsci02");
            check!(::std::mem::size_of::<bindings::kvm_vcpu_init>() == 32, "sizeof(kvm_vcpu_init)");
            Ok(())
        }

        /// KVM_CAP_ARM_SVE on /dev/kvm and the VM fd; PREFERRED_TARGET = GENERIC_V8
        /// with no feature bits (spec 1.1, 2).
        fn caps_and_preferred_target() {
            let (kvm, vm) = new_vm()?;
            check!(kvm.check_extension(backend::Cap::ArmSve), "check_extension(ArmSve) is false");
            check!(kvm.check_extension_int(backend::Cap::ArmSve) == 1, "Kvm: KVM_CAP_ARM_SVE != 1");
            check!(kvm.check_extension_raw(170) == 1, "Kvm: check_extension_raw(170) != 1");
            check!(vm.check_extension_int(backend::Cap::ArmSve) == 1, "VmFd: KVM_CAP_ARM_SVE != 1");
            check!(kvm.check_extension_int(backend::Cap::OneReg) == 1, "KVM_CAP_ONE_REG != 1");
            check!(kvm.check_extension_int(backend::Cap::ArmPsci02) == 1, "KVM_CAP_ARM_PSCI_0_2 != 1");
            let unknown = kvm.check_extension_raw(0x7fff);
            check!(unknown == 0, "unknown capability 0x7fff -> {unknown}, expected 0");
            let mut kvi = bindings::kvm_vcpu_init::default();
            kvi.target = 0xffff_ffff;
            kvi.features = [0xffff_ffff; 7];
            ok(vm.get_preferred_target(&mut kvi), "KVM_ARM_PREFERRED_TARGET")?;
            check!(kvi.target == 5, "preferred target {} (expected 5 = GENERIC_V8)", kvi.target);
            check!(kvi.features == [0; 7], "preferred features {:x?} (expected all zero)", kvi.features);
            Ok(())
        }

        /// Every vCPU call before KVM_ARM_VCPU_INIT gives ENOEXEC (spec 3.9 column 1).
        fn before_init_enoexec() {
            let (_kvm, vm) = new_vm()?;
            let mut vcpu = ok(vm.create_vcpu(0), "create_vcpu")?;
            err(get_u64(&vcpu, ids::PC), ENOEXEC, "GET PC")?;
            err(set_u64(&vcpu, ids::PC, 0x1000), ENOEXEC, "SET PC")?;
            err(get_vls(&vcpu), ENOEXEC, "GET VLS")?;
            err(set_vls(&vcpu, Vls::from_vqs(&[1])), ENOEXEC, "SET VLS")?;
            err(get_buf(&vcpu, ids::zreg(0, 0)), ENOEXEC, "GET Z0")?;
            err(get_buf(&vcpu, ids::zreg(0, 1)), ENOEXEC, "GET Z0 slice 1")?;
            err(get_buf(&vcpu, ids::preg(0, 0)), ENOEXEC, "GET P0")?;
            err(get_buf(&vcpu, ids::v(0)), ENOEXEC, "GET V0")?;
            err(get_u64(&vcpu, ids::ZCR_EL1), ENOEXEC, "GET ZCR_EL1")?;
            err(finalize(&vcpu), ENOEXEC, "FINALIZE(4)")?;
            err(vcpu.vcpu_finalize(&3), ENOEXEC, "FINALIZE(3)")?;
            let mut list = bindings::RegList::new(0).map_err(|e| format!("{e:?}"))?;
            err(vcpu.get_reg_list(&mut list), ENOEXEC, "GET_REG_LIST")?;
            err(vcpu.run(), ENOEXEC, "KVM_RUN")?;
            Ok(())
        }

        /// INIT resets PSTATE to EL1h with DAIF masked and offers the host's VL set.
        fn init_reset_state_and_default_vls() {
            let (_kvm, vm) = new_vm()?;
            let vcpu = sve_vcpu(&vm)?;
            let ps = ok(get_u64(&vcpu, ids::PSTATE), "GET PSTATE")?;
            check!(ps == PSTATE_EL1H_DAIF, "PSTATE after INIT {ps:#x}, expected 0x3c5");
            check!(ok(get_u64(&vcpu, ids::PC), "GET PC")? == 0, "PC after INIT not 0");
            check!(ok(get_u64(&vcpu, ids::x(0)), "GET X0")? == 0, "X0 after INIT not 0");
            check!(ok(get_u64(&vcpu, ids::ZCR_EL1), "GET ZCR_EL1")? == 0, "ZCR_EL1 after INIT not 0");
            let h = host_vls(&vcpu)?;
            println!("INFO host VLS {h} (max VQ {})", h.max());
            let mp = ok(vcpu.get_mp_state(), "GET_MP_STATE")?;
            check!(mp.mp_state == 0, "mp_state after INIT {} (expected RUNNABLE 0)", mp.mp_state);
            Ok(())
        }

        /// After INIT, before FINALIZE: the EPERM gates and the ids that work
        /// (spec 3.9 column 2).
        fn before_finalize_gates() {
            let (_kvm, vm) = new_vm()?;
            let mut vcpu = sve_vcpu(&vm)?;
            for (id, name) in [(ids::zreg(0, 0), "Z0"), (ids::zreg(31, 0), "Z31"), (ids::preg(0, 0), "P0"),
                               (ids::preg(15, 0), "P15"), (ids::ffr(0), "FFR")] {
                err(get_buf(&vcpu, id), EPERM, &format!("GET {name} before FINALIZE"))?;
                err(vcpu.set_one_reg(id, &vec![0u8; ids::size(id)]), EPERM, &format!("SET {name} before FINALIZE"))?;
            }
            let mut list = bindings::RegList::new(500).map_err(|e| format!("{e:?}"))?;
            err(vcpu.get_reg_list(&mut list), EPERM, "GET_REG_LIST before FINALIZE")?;
            err(vcpu.run(), EPERM, "KVM_RUN before FINALIZE")?;
            ok(get_vls(&vcpu), "GET VLS before FINALIZE")?;
            ok(set_u64(&vcpu, ids::ZCR_EL1, 1), "SET ZCR_EL1 before FINALIZE")?;
            check!(ok(get_u64(&vcpu, ids::ZCR_EL1), "GET ZCR_EL1")? == 1, "ZCR_EL1 did not keep 1");
            ok(get_u32(&vcpu, ids::FPSR), "GET FPSR before FINALIZE")?;
            ok(get_u64(&vcpu, ids::PC), "GET PC before FINALIZE")?;
            err(get_buf(&vcpu, ids::v(0)), EINVAL, "GET V0 before FINALIZE")?;
            // RUN is refused before the "has run" mark: it works once finalized.
            ok(finalize(&vcpu), "FINALIZE(4)")?;
            reg_list(&vcpu)?;
            Ok(())
        }

        /// SET VLS rejects every set that is not "host VQs up to a host VQ" (spec 3.3).
        fn vls_invalid_writes() {
            let (_kvm, vm) = new_vm()?;
            let vcpu = sve_vcpu(&vm)?;
            let h = host_vls(&vcpu)?;
            let m = h.max();
            let hv = h.vqs();
            let mut bad: Vec<(Vls, String)> = Vec::new();
            if hv.len() >= 2 {
                bad.push((h.without(hv[0]), "hole: host VQ 1 missing below the max".into()));
                bad.push((Vls::from_vqs(&[m]), "hole: only the max VQ".into()));
            }
            if let Some(v) = (1..m).find(|&v| !h.has(v)) {
                bad.push((h.with(v), format!("host set plus non-host VQ {v}")));
                bad.push((h.upto(v).with(v), format!("non-host VQ {v} as the max")));
            }
            bad.push((h.with(m + 1), format!("host set plus VQ {} above the host max", m + 1)));
            bad.push((h.with(512), "host set plus VQ 512".into()));
            let all16 = Vls::from_vqs(&(1..=16).collect::<Vec<_>>());
            if all16 != h {
                bad.push((all16, "every VQ 1..16".into()));
            }
            bad.push((Vls::default(), "empty set".into()));
            for (v, what) in &bad {
                err(set_vls(&vcpu, *v), EINVAL, &format!("SET VLS {v} ({what})"))?;
            }
            let now = ok(get_vls(&vcpu), "GET VLS after the rejected writes")?;
            check!(now == h, "VLS after rejected writes {now}, expected the host set {h}");
            Ok(())
        }

        /// Every "host VQs up to v" is accepted and read back; the max can be raised
        /// again before FINALIZE (spec 3.3).
        fn vls_valid_writes() {
            let (_kvm, vm) = new_vm()?;
            let vcpu = sve_vcpu(&vm)?;
            let h = host_vls(&vcpu)?;
            for v in h.vqs() {
                let want = h.upto(v);
                ok(set_vls(&vcpu, want), &format!("SET VLS {want}"))?;
                let back = ok(get_vls(&vcpu), "GET VLS")?;
                check!(back == want, "VLS read back {back}, expected {want}");
            }
            let low = h.upto(1);
            ok(set_vls(&vcpu, low), "SET VLS {128}")?;
            ok(set_vls(&vcpu, h), "SET VLS back to the host set")?;
            ok(finalize(&vcpu), "FINALIZE(4)")?;
            let back = ok(get_vls(&vcpu), "GET VLS after FINALIZE")?;
            check!(back == h, "VLS after FINALIZE {back}, expected {h}");
            Ok(())
        }

        /// KVM_ARM_VCPU_FINALIZE: only feature 4, only once; VLS frozen after it
        /// (spec 3.4, 3.9).
        fn finalize_rules() {
            let (_kvm, vm) = new_vm()?;
            let vcpu = sve_vcpu(&vm)?;
            let h = host_vls(&vcpu)?;
            for f in [0, 1, 3, 5, -1, 0x10] {
                err(vcpu.vcpu_finalize(&f), EINVAL, &format!("FINALIZE({f}) before FINALIZE(4)"))?;
            }
            ok(finalize(&vcpu), "FINALIZE(4)")?;
            err(finalize(&vcpu), EPERM, "FINALIZE(4) again")?;
            err(vcpu.vcpu_finalize(&3), EINVAL, "FINALIZE(3) after FINALIZE(4)")?;
            err(set_vls(&vcpu, h), EPERM, "SET VLS (valid, same) after FINALIZE")?;
            err(set_vls(&vcpu, h.upto(1)), EPERM, "SET VLS (valid, lower) after FINALIZE")?;
            err(set_vls(&vcpu, Vls::default()), EPERM, "SET VLS (empty) after FINALIZE")?;
            err(set_vls(&vcpu, h.with(h.max() + 1)), EPERM, "SET VLS (above max) after FINALIZE")?;
            let back = ok(get_vls(&vcpu), "GET VLS after FINALIZE")?;
            check!(back == h, "VLS after FINALIZE {back}, expected {h}");
            Ok(())
        }

        /// Slices >= 1 never exist (ENOENT); malformed SVE-block ids are EINVAL;
        /// both before and after FINALIZE (spec 3.5.2).
        fn sve_slices_and_bad_ids() {
            let (_kvm, vm) = new_vm()?;
            let vcpu = sve_vcpu(&vm)?;
            let bad = [
                (ids::ARM64 | ids::SIZE_U256 | ids::COPROC_SVE, "Z0 offset with U256 size"),
                (ids::ARM64 | ids::SIZE_U2048 | ids::COPROC_SVE | 0x400, "P0 offset with U2048 size"),
                (ids::ARM64 | ids::SIZE_U256 | ids::COPROC_SVE | 0x800, "offset 0x800 (no such block)"),
                (ids::ARM64 | ids::SIZE_U2048 | ids::COPROC_SVE | 0x800, "offset 0x800, U2048"),
                (ids::ARM64 | ids::SIZE_U256 | ids::COPROC_SVE | 0xffff, "VLS offset with U256 size"),
                (ids::ffr(0) + 0x20, "FFR base + 0x20 (\"P17\")"),
            ];
            for stage in ["before FINALIZE", "after FINALIZE"] {
                for (id, name) in [(ids::zreg(0, 1), "Z0 slice 1"), (ids::zreg(31, 31), "Z31 slice 31"),
                                   (ids::preg(15, 1), "P15 slice 1"), (ids::ffr(1), "FFR slice 1")] {
                    err(get_buf(&vcpu, id), ENOENT, &format!("GET {name} {stage}"))?;
                    err(vcpu.set_one_reg(id, &vec![0u8; ids::size(id)]), ENOENT, &format!("SET {name} {stage}"))?;
                }
                for (id, name) in bad {
                    let mut b = [0u8; 256];
                    err(vcpu.get_one_reg(id, &mut b), EINVAL, &format!("GET {name} ({id:#x}) {stage}"))?;
                    err(vcpu.set_one_reg(id, &b), EINVAL, &format!("SET {name} ({id:#x}) {stage}"))?;
                }
                if stage == "before FINALIZE" {
                    ok(finalize(&vcpu), "FINALIZE(4)")?;
                }
            }
            Ok(())
        }

        /// Z/P/FFR byte layout at every host max VQ: GET zero-pads beyond the vCPU's
        /// max VL, SET keeps only that many bytes (spec 5.3).
        fn zpf_layout_and_padding() {
            let h = {
                let (_kvm, vm) = new_vm()?;
                host_vls(&sve_vcpu(&vm)?)?
            };
            for v in h.vqs() {
                let (_kvm, vm) = new_vm()?;
                let vcpu = sve_vcpu(&vm)?;
                if v != h.max() {
                    ok(set_vls(&vcpu, h.upto(v)), "SET VLS")?;
                }
                ok(finalize(&vcpu), "FINALIZE(4)")?;
                let z = get_buf(&vcpu, ids::zreg(7, 0));
                check!(ok(z, "GET Z7")?.iter().all(|&b| b == 0), "Z7 not zero after FINALIZE");
                let vl = 16 * v as usize;
                let pl = 2 * v as usize;
                roundtrip_truncated(&vcpu, ids::zreg(0, 0), vl, &format!("Z0 at VQ {v}"))?;
                roundtrip_truncated(&vcpu, ids::zreg(31, 0), vl, &format!("Z31 at VQ {v}"))?;
                roundtrip_truncated(&vcpu, ids::preg(0, 0), pl, &format!("P0 at VQ {v}"))?;
                roundtrip_truncated(&vcpu, ids::preg(15, 0), pl, &format!("P15 at VQ {v}"))?;
                roundtrip_truncated(&vcpu, ids::ffr(0), pl, &format!("FFR at VQ {v}"))?;
                // Registers are independent: Z7 was not touched by the writes above.
                check!(ok(get_buf(&vcpu, ids::zreg(7, 0)), "GET Z7")?.iter().all(|&b| b == 0), "Z7 changed");
            }
            Ok(())
        }

        /// V registers are refused on SVE vCPUs; FPSR/FPCR stay on their core ids
        /// (spec 3.5.1, 5.2).
        fn vregs_refused_fpsr_fpcr_ok() {
            let (_kvm, vm) = new_vm()?;
            let vcpu = sve_vcpu(&vm)?;
            ok(finalize(&vcpu), "FINALIZE(4)")?;
            for n in [0, 1, 31] {
                err(get_buf(&vcpu, ids::v(n)), EINVAL, &format!("GET V{n} on an SVE vCPU"))?;
                err(vcpu.set_one_reg(ids::v(n), &[0u8; 16]), EINVAL, &format!("SET V{n} on an SVE vCPU"))?;
            }
            check!(ok(get_u32(&vcpu, ids::FPSR), "GET FPSR")? == 0, "FPSR after INIT not 0");
            check!(ok(get_u32(&vcpu, ids::FPCR), "GET FPCR")? == 0, "FPCR after INIT not 0");
            ok(vcpu.set_one_reg(ids::FPCR, &0x0300_0000u32.to_le_bytes()), "SET FPCR")?;
            check!(ok(get_u32(&vcpu, ids::FPCR), "GET FPCR")? == 0x0300_0000, "FPCR did not keep 0x03000000");
            ok(vcpu.set_one_reg(ids::FPSR, &0x0800_0000u32.to_le_bytes()), "SET FPSR")?;
            check!(ok(get_u32(&vcpu, ids::FPSR), "GET FPSR")? == 0x0800_0000, "FPSR did not keep 0x08000000");
            Ok(())
        }

        /// ZCR_EL1 is plain 64-bit storage through ONE_REG, not validated, before and
        /// after FINALIZE (real 6.1/6.12 kernels).
        fn zcr_el1_unvalidated() {
            let (_kvm, vm) = new_vm()?;
            let vcpu = sve_vcpu(&vm)?;
            for stage in ["before FINALIZE", "after FINALIZE"] {
                for val in [1u64, 0xf, 0x1ff, u64::MAX, 0] {
                    ok(set_u64(&vcpu, ids::ZCR_EL1, val), &format!("SET ZCR_EL1={val:#x} {stage}"))?;
                    let back = ok(get_u64(&vcpu, ids::ZCR_EL1), "GET ZCR_EL1")?;
                    check!(back == val, "ZCR_EL1 {stage}: wrote {val:#x}, read {back:#x}");
                }
                if stage == "before FINALIZE" {
                    ok(finalize(&vcpu), "FINALIZE(4)")?;
                }
            }
            Ok(())
        }

        /// KVM_GET_REG_LIST: E2BIG with n written back, then success; core registers
        /// first (no V), then VLS, Z0..31, P0..15, FFR; every id readable with a
        /// buffer of its encoded size and writable with its own value except VLS
        /// (spec 3.6, 6.1, 6.2).
        fn reg_list_sve_vcpu() {
            let (_kvm, vm) = new_vm()?;
            let vcpu = sve_vcpu(&vm)?;
            ok(finalize(&vcpu), "FINALIZE(4)")?;
            let mut small = bindings::RegList::new(1).map_err(|e| format!("{e:?}"))?;
            err(vcpu.get_reg_list(&mut small), E2BIG, "GET_REG_LIST n=1")?;
            let n = small.as_fam_struct_ref().n as usize;
            let list = reg_list(&vcpu)?;
            check!(list.len() == n, "n written back for n=1 ({n}) differs from n=0's ({})", list.len());
            let mut big = bindings::RegList::new(n + 5).map_err(|e| format!("{e:?}"))?;
            ok(vcpu.get_reg_list(&mut big), "GET_REG_LIST n=count+5")?;
            let big_n = big.as_fam_struct_ref().n as usize;
            check!(big_n == n, "n written back for a large list: {big_n}, expected {n}");
            check!(big.as_slice() == &list[..], "the lists of two calls differ");
            println!("INFO SVE vCPU: {n} registers");

            let mut core: Vec<u64> = (0..31).map(ids::x).collect();
            core.extend([ids::core(ids::SIZE_U64, 0x3e), ids::PC, ids::PSTATE]);
            core.extend((0x44..=0x50).step_by(2).map(|w| ids::core(ids::SIZE_U64, w)));
            core.extend([ids::FPSR, ids::FPCR]);
            check!(core.len() == 43, "internal: 43 core ids");
            check!(list.len() > 43 + 50, "list too short ({})", list.len());
            check!(
                list[..43] == core[..],
                "the first 43 ids are not the SVE vCPU's core registers in offset order: {:#x?}",
                &list[..43]
            );
            let mut sve = vec![ids::SVE_VLS];
            sve.extend((0..32).map(|n| ids::zreg(n, 0)));
            sve.extend((0..16).map(|n| ids::preg(n, 0)));
            sve.push(ids::ffr(0));
            check!(list[43..93] == sve[..], "ids 43..93 are not VLS, Z0..31, P0..15, FFR: {:#x?}", &list[43..93]);
            let in_sve_group = list.iter().filter(|&&id| ids::coproc(id) == ids::COPROC_SVE).count();
            check!(in_sve_group == 50, "{in_sve_group} ids in the SVE group, expected 50");
            check!(!list.iter().any(|&id| ids::is_vreg(id)), "V registers listed for an SVE vCPU");
            let zcr = list.iter().filter(|&&id| id == ids::ZCR_EL1).count();
            check!(zcr == 1, "ZCR_EL1 listed {zcr} times");
            let mut sorted = list.clone();
            sorted.sort_unstable();
            sorted.dedup();
            check!(sorted.len() == list.len(), "duplicate ids in the list");

            for &id in &list {
                let b = ok(get_buf(&vcpu, id), &format!("GET listed id {id:#x}"))?;
                let r = vcpu.set_one_reg(id, &b);
                if id == ids::SVE_VLS {
                    err(r, EPERM, "SET VLS with its own value after FINALIZE")?;
                } else {
                    ok(r, &format!("SET listed id {id:#x} with its own value"))?;
                }
            }
            Ok(())
        }

        /// A vCPU without SVE: its list has the 32 V registers and no SVE group, and
        /// |SVE list| = |non-SVE list| - 32 + 50 + 1 (spec 6.1).
        fn reg_list_non_sve_relation() {
            let (_kvm, vm) = new_vm()?;
            let sve = sve_vcpu(&vm)?;
            ok(finalize(&sve), "FINALIZE(4)")?;
            let sve_list = reg_list(&sve)?;
            let (_kvm2, vm2) = new_vm()?;
            let plain = vcpu_with(&vm2, 0, PSCI)?;
            let list = reg_list(&plain)?;
            println!("INFO non-SVE vCPU: {} registers, SVE vCPU: {}", list.len(), sve_list.len());
            let v: Vec<u64> = list.iter().copied().filter(|&id| ids::is_vreg(id)).collect();
            check!(v == (0..32).map(ids::v).collect::<Vec<_>>(), "V registers in the non-SVE list: {v:#x?}");
            let core = list.iter().filter(|&&id| ids::coproc(id) == ids::COPROC_CORE).count();
            check!(core == 75, "{core} core ids for a non-SVE vCPU, expected 75");
            check!(!list.iter().any(|&id| ids::coproc(id) == ids::COPROC_SVE), "SVE-group ids for a non-SVE vCPU");
            check!(!list.contains(&ids::ZCR_EL1), "ZCR_EL1 listed for a non-SVE vCPU");
            let zfr = list.iter().filter(|&&id| id == ids::ID_AA64ZFR0_EL1).count();
            check!(zfr == 1, "ID_AA64ZFR0_EL1 listed {zfr} times for a non-SVE vCPU (5.10+: 1)");
            let (ns, np) = (sve_list.len(), list.len());
            check!(ns + 32 == np + 50 + 1, "|SVE list| {ns} != |non-SVE list| {np} - 32 + 50 + 1");
            Ok(())
        }

        /// A vCPU initialised without SVE: no VLS/Z/P/FFR/ZCR_EL1, V registers work,
        /// FINALIZE(4) is EINVAL, the ID registers say no SVE (spec 3.9, 7.1).
        fn non_sve_vcpu() {
            let (_kvm, vm) = new_vm()?;
            let vcpu = vcpu_with(&vm, 0, PSCI)?;
            err(finalize(&vcpu), EINVAL, "FINALIZE(4) on a non-SVE vCPU")?;
            err(vcpu.vcpu_finalize(&3), EINVAL, "FINALIZE(3) on a non-SVE vCPU")?;
            err(get_vls(&vcpu), ENOENT, "GET VLS")?;
            err(set_vls(&vcpu, Vls::from_vqs(&[1])), ENOENT, "SET VLS")?;
            let sve_ids = [(ids::zreg(0, 0), "Z0"), (ids::zreg(0, 1), "Z0 slice 1"), (ids::preg(0, 0), "P0"), (ids::ffr(0), "FFR")];
            for (id, name) in sve_ids {
                err(get_buf(&vcpu, id), ENOENT, &format!("GET {name}"))?;
                err(vcpu.set_one_reg(id, &vec![0u8; ids::size(id)]), ENOENT, &format!("SET {name}"))?;
            }
            let mut b = [0u8; 256];
            let block_800 = ids::ARM64 | ids::SIZE_U256 | ids::COPROC_SVE | 0x800;
            err(vcpu.get_one_reg(block_800, &mut b), EINVAL, "GET SVE-block id 0x800")?;
            err(get_u64(&vcpu, ids::ZCR_EL1), ENOENT, "GET ZCR_EL1")?;
            err(set_u64(&vcpu, ids::ZCR_EL1, 0), ENOENT, "SET ZCR_EL1")?;
            let pat = pattern(16, 3);
            ok(vcpu.set_one_reg(ids::v(0), &pat), "SET V0")?;
            check!(ok(get_buf(&vcpu, ids::v(0)), "GET V0")? == pat, "V0 did not keep its value");
            ok(vcpu.set_one_reg(ids::v(31), &pat), "SET V31")?;
            let pfr0 = ok(get_u64(&vcpu, ids::ID_AA64PFR0_EL1), "GET ID_AA64PFR0_EL1")?;
            check!((pfr0 >> 32) & 0xf == 0, "non-SVE vCPU: ID_AA64PFR0_EL1.SVE = {}", (pfr0 >> 32) & 0xf);
            let zfr0 = ok(get_u64(&vcpu, ids::ID_AA64ZFR0_EL1), "GET ID_AA64ZFR0_EL1")?;
            check!(zfr0 == 0, "non-SVE vCPU: ID_AA64ZFR0_EL1 = {zfr0:#x}, expected 0");
            reg_list(&vcpu)?;

            let (_kvm2, vm2) = new_vm()?;
            let sve = sve_vcpu(&vm2)?;
            let pfr0 = ok(get_u64(&sve, ids::ID_AA64PFR0_EL1), "GET ID_AA64PFR0_EL1 (SVE vCPU)")?;
            check!((pfr0 >> 32) & 0xf == 1, "SVE vCPU: ID_AA64PFR0_EL1.SVE = {}", (pfr0 >> 32) & 0xf);
            Ok(())
        }

        /// [later] The feature set is per VM: another vCPU of the VM must use the same
        /// set (POWER_OFF aside); 5.2-6.6 kernels accept any set per vCPU (spec 3.2).
        fn per_vm_feature_rule() {
            let later = rules() == Rules::Later;
            let (_kvm, vm) = new_vm()?;
            let _v0 = vcpu_with(&vm, 0, SVE | PSCI)?;
            let v1 = ok(vm.create_vcpu(1), "create_vcpu(1)")?;
            let r = init(&vm, &v1, PSCI);
            if later {
                err(r, EINVAL, "INIT 2nd vCPU of an SVE VM without SVE")?;
            } else {
                ok(r, "INIT 2nd vCPU of an SVE VM without SVE (5.2 rules)")?;
            }
            let v2 = ok(vm.create_vcpu(2), "create_vcpu(2)")?;
            ok(init(&vm, &v2, SVE | PSCI | POWER_OFF), "INIT 3rd vCPU with SVE|PSCI|POWER_OFF")?;
            let mp = ok(v2.get_mp_state(), "GET_MP_STATE")?;
            check!(mp.mp_state == 5, "vCPU with POWER_OFF: mp_state {} (expected STOPPED 5)", mp.mp_state);

            let (_kvm2, vm2) = new_vm()?;
            let _w0 = vcpu_with(&vm2, 0, PSCI)?;
            let w1 = ok(vm2.create_vcpu(1), "create_vcpu(1)")?;
            let r = init(&vm2, &w1, SVE | PSCI);
            if later {
                err(r, EINVAL, "INIT 2nd vCPU of a non-SVE VM with SVE")?;
            } else {
                ok(r, "INIT 2nd vCPU of a non-SVE VM with SVE (5.2 rules)")?;
            }
            Ok(())
        }

        /// Re-INIT: before FINALIZE it resets VLS to the host set; after FINALIZE it
        /// zeroes the registers and keeps VLS and the finalized state; a different
        /// feature set is EINVAL (spec 3.2, 3.8).
        fn reinit_rules() {
            let later = rules() == Rules::Later;
            let (_kvm, vm) = new_vm()?;
            let vcpu = sve_vcpu(&vm)?;
            let h = host_vls(&vcpu)?;
            let low = h.upto(1);
            ok(set_vls(&vcpu, low), "SET VLS {128}")?;
            ok(init(&vm, &vcpu, SVE | PSCI), "re-INIT before FINALIZE")?;
            let back = ok(get_vls(&vcpu), "GET VLS after re-INIT")?;
            check!(back == h, "VLS after re-INIT before FINALIZE {back}, expected the host set {h}");
            err(init(&vm, &vcpu, PSCI), EINVAL, "re-INIT without SVE before FINALIZE")?;
            ok(get_vls(&vcpu), "GET VLS after the refused re-INIT (still SVE)")?;
            let r = init(&vm, &vcpu, SVE | PSCI | POWER_OFF);
            if later {
                ok(r, "re-INIT adding POWER_OFF (one-shot, not compared)")?;
            } else {
                err(r, EINVAL, "re-INIT adding POWER_OFF (5.2: compared)")?;
            }

            ok(init(&vm, &vcpu, SVE | PSCI), "re-INIT")?;
            ok(set_vls(&vcpu, low), "SET VLS {128}")?;
            ok(finalize(&vcpu), "FINALIZE(4)")?;
            ok(vcpu.set_one_reg(ids::zreg(5, 0), &pattern(256, 1)), "SET Z5")?;
            ok(vcpu.set_one_reg(ids::preg(2, 0), &pattern(32, 2)), "SET P2")?;
            ok(set_u64(&vcpu, ids::ZCR_EL1, 3), "SET ZCR_EL1")?;
            ok(set_u64(&vcpu, ids::x(0), 0x1234), "SET X0")?;
            ok(set_u64(&vcpu, ids::PC, 0x4000_0000), "SET PC")?;
            ok(init(&vm, &vcpu, SVE | PSCI), "re-INIT after FINALIZE")?;
            check!(ok(get_buf(&vcpu, ids::zreg(5, 0)), "GET Z5")?.iter().all(|&b| b == 0), "Z5 not zeroed by re-INIT");
            check!(ok(get_buf(&vcpu, ids::preg(2, 0)), "GET P2")?.iter().all(|&b| b == 0), "P2 not zeroed by re-INIT");
            check!(ok(get_u64(&vcpu, ids::ZCR_EL1), "GET ZCR_EL1")? == 0, "ZCR_EL1 not reset by re-INIT");
            check!(ok(get_u64(&vcpu, ids::x(0)), "GET X0")? == 0, "X0 not reset by re-INIT");
            check!(ok(get_u64(&vcpu, ids::PC), "GET PC")? == 0, "PC not reset by re-INIT");
            let ps = ok(get_u64(&vcpu, ids::PSTATE), "GET PSTATE")?;
            check!(ps == PSTATE_EL1H_DAIF, "PSTATE after re-INIT {ps:#x}");
            let back = ok(get_vls(&vcpu), "GET VLS after re-INIT")?;
            check!(back == low, "VLS after re-INIT after FINALIZE {back}, expected it kept ({low})");
            err(finalize(&vcpu), EPERM, "FINALIZE(4) after re-INIT (still finalized)")?;
            err(set_vls(&vcpu, h), EPERM, "SET VLS after re-INIT (still finalized)")?;
            reg_list(&vcpu)?;
            err(init(&vm, &vcpu, PSCI), EINVAL, "re-INIT without SVE after FINALIZE")?;

            let (_kvm2, vm2) = new_vm()?;
            let plain = vcpu_with(&vm2, 0, PSCI)?;
            ok(plain.set_one_reg(ids::v(0), &pattern(16, 9)), "SET V0")?;
            err(init(&vm2, &plain, SVE | PSCI), EINVAL, "re-INIT a non-SVE vCPU with SVE")?;
            err(get_vls(&plain), ENOENT, "GET VLS after the refused re-INIT")?;
            check!(ok(get_buf(&plain, ids::v(0)), "GET V0")? == pattern(16, 9), "V0 changed by a refused re-INIT");
            ok(init(&vm2, &plain, PSCI), "re-INIT with the same features")?;
            check!(ok(get_buf(&plain, ids::v(0)), "GET V0")?.iter().all(|&b| b == 0), "V0 not zeroed by re-INIT");
            Ok(())
        }

        /// INIT validation: unknown feature bits ENOENT, a wrong target or half of
        /// the pointer-authentication pair EINVAL; [later] a failed INIT records
        /// nothing (spec 3.2, 11).
        fn init_feature_validation() {
            let later = rules() == Rules::Later;
            let cases: [(u32, [u32; 7], i32, &str); 4] = [
                (5, [1 << 31, 0, 0, 0, 0, 0, 0], ENOENT, "features[0] bit 31"),
                (5, [PSCI, 1, 0, 0, 0, 0, 0], ENOENT, "features[1] bit 0"),
                (99, [PSCI, 0, 0, 0, 0, 0, 0], EINVAL, "target 99"),
                (5, [PSCI | 1 << 5, 0, 0, 0, 0, 0, 0], EINVAL, "PTRAUTH_ADDRESS without PTRAUTH_GENERIC"),
            ];
            for (target, features, want, what) in cases {
                let (_kvm, vm) = new_vm()?;
                let vcpu = ok(vm.create_vcpu(0), "create_vcpu")?;
                let mut kvi = bindings::kvm_vcpu_init::default();
                kvi.target = target;
                kvi.features = features;
                err(vcpu.vcpu_init(&kvi), want, &format!("INIT with {what}"))?;
                err(get_u64(&vcpu, ids::PC), ENOEXEC, &format!("GET PC after the refused INIT ({what})"))?;
            }
            let (_kvm, vm) = new_vm()?;
            let vcpu = ok(vm.create_vcpu(0), "create_vcpu")?;
            err(init(&vm, &vcpu, SVE | PSCI | 1 << 9), ENOENT, "INIT with SVE|PSCI|bit 9")?;
            ok(init(&vm, &vcpu, PSCI), "INIT with PSCI only after the refused INIT")?;
            let r = get_vls(&vcpu);
            if later {
                err(r, ENOENT, "GET VLS: the refused INIT must not have recorded SVE")?;
            } else {
                ok(r, "GET VLS (5.2 quirk: the refused INIT recorded SVE)")?;
            }
            Ok(())
        }

        /// KVM_GET_MP_STATE follows POWER_OFF at INIT; vCPU ids are unique and
        /// bounded.
        fn vcpu_ids_and_mp_state() {
            let (kvm, vm) = new_vm()?;
            let v0 = vcpu_with(&vm, 0, SVE | PSCI)?;
            err(vm.create_vcpu(0), EEXIST, "create_vcpu(0) twice")?;
            let max_id = kvm.get_max_vcpu_id() as u64;
            err(vm.create_vcpu(max_id), EINVAL, &format!("create_vcpu({max_id} = max vCPU id)"))?;
            check!(ok(v0.get_mp_state(), "GET_MP_STATE")?.mp_state == 0, "vCPU 0 not RUNNABLE");
            let v1 = vcpu_with(&vm, 1, SVE | PSCI | POWER_OFF)?;
            check!(ok(v1.get_mp_state(), "GET_MP_STATE")?.mp_state == 5, "vCPU 1 (POWER_OFF) not STOPPED");
            Ok(())
        }

        /// Memory slots: page alignment (EINVAL), overlap (EEXIST), slot bounds,
        /// unknown flags, deletion by size 0 (Documentation/virt/kvm/api.rst 4.35).
        fn memslot_rules() {
            let (kvm, vm) = new_vm()?;
            let mem = GuestMem::new(0x4_0000)?;
            let host = mem.host_addr();
            let base = guest::RAM_BASE;
            ok(set_slot(&vm, 0, 0, base, 0x1_0000, host), "slot 0: 64 KiB at 0x40000000")?;
            err(set_slot(&vm, 1, 0, base + 0x2_0800, 0x1_0000, host + 0x1_0000), EINVAL, "unaligned guest address")?;
            err(set_slot(&vm, 1, 0, base + 0x2_0000, 0x800, host + 0x1_0000), EINVAL, "unaligned size")?;
            err(set_slot(&vm, 1, 0, base + 0x2_0000, 0x1_0000, host + 0x1_0800), EINVAL, "unaligned host address")?;
            err(set_slot(&vm, 1, 1 << 7, base + 0x2_0000, 0x1_0000, host + 0x1_0000), EINVAL, "unknown flag bit 7")?;
            let nr = kvm.get_nr_memslots() as u32;
            let r = set_slot(&vm, nr, 0, base + 0x2_0000, 0x1_0000, host + 0x1_0000);
            err(r, EINVAL, &format!("slot {nr} = get_nr_memslots()"))?;
            err(set_slot(&vm, 1, 0, base, 0x1_0000, host + 0x1_0000), EEXIST, "slot 1 on the same range as slot 0")?;
            let r = set_slot(&vm, 1, 0, base - 0x1_0000, 0x2_0000, host + 0x1_0000);
            err(r, EEXIST, "slot 1 overlapping slot 0's start")?;
            err(set_slot(&vm, 1, 0, base - 0x1_0000, 0x3_0000, host + 0x1_0000), EEXIST, "slot 1 containing slot 0")?;
            ok(set_slot(&vm, 1, 0, base + 0x1_0000, 0x1_0000, host + 0x1_0000), "slot 1 adjacent to slot 0")?;
            ok(set_slot(&vm, 0, 0, base, 0, 0), "delete slot 0 (size 0)")?;
            ok(set_slot(&vm, 2, 0, base, 0x1_0000, host + 0x2_0000), "slot 2 where slot 0 was")?;
            err(set_slot(&vm, 3, 0, base, 0x1_0000, host + 0x3_0000), EEXIST, "slot 3 on slot 2's range")?;
            Ok(())
        }

        /// A guest run at every host max VQ: MMIO write and read exits with exact
        /// address, size and data; RAM shared with the VMM; RDVL = the vCPU's max
        /// VL; Z5/P1 in the ONE_REG layout; PSCI SYSTEM_OFF over HVC -> SystemEvent,
        /// x0 = -6, x1..x3 = 0, STOPPED; then re-INIT zeroes Z and keeps VLS
        /// (spec 3.8, 5.1, 7.3, section 13).
        fn guest_run_sve() {
            let h = {
                let (_kvm, vm) = new_vm()?;
                host_vls(&sve_vcpu(&vm)?)?
            };
            for v in h.vqs() {
                let (_kvm, vm) = new_vm()?;
                let mem = GuestMem::new(guest::RAM_SIZE)?;
                mem.write_words(0, &guest::words(guest::SVE_PROGRAM));
                mem.write_u64(guest::DATA_OFF + 8, 0x1122_3344_5566_7788);
                ok(set_slot(&vm, 0, 0, guest::RAM_BASE, guest::RAM_SIZE as u64, mem.host_addr()), "memory slot")?;
                let mut vcpu = sve_vcpu(&vm)?;
                if v != h.max() {
                    ok(set_vls(&vcpu, h.upto(v)), "SET VLS")?;
                }
                ok(finalize(&vcpu), "FINALIZE(4)")?;
                ok(set_u64(&vcpu, ids::PC, guest::RAM_BASE), "SET PC")?;
                let vl = 16 * v as usize;
                let evs = run_events(&mut vcpu, &[0x78, 0x56, 0x34, 0x12, 0xff, 0xff, 0xff, 0xff])?;
                let want = vec![
                    Ev::MmioWrite(guest::MMIO_BASE, (vl as u16).to_le_bytes().to_vec()),
                    Ev::MmioRead(guest::MMIO_BASE + 0x18, 4),
                    Ev::SystemEvent(bindings::KVM_SYSTEM_EVENT_SHUTDOWN as u32, vec![0]),
                ];
                check!(evs == want, "VQ {v}: exits {evs:?}, expected {want:?}");
                let x: Vec<u64> = ok((0..7).map(|n| get_u64(&vcpu, ids::x(n))).collect::<R<_>>(), "GET X0..X6")?;
                check!(x[0] == guest::PSCI_RET_INTERNAL_FAILURE && x[1] == 0 && x[2] == 0 && x[3] == 0,
                       "VQ {v}: x0..x3 after SYSTEM_OFF {:#x?} (expected -6, 0, 0, 0)", &x[..4]);
                check!(x[4] == 0x1234_5679, "VQ {v}: x4 = {:#x} (MMIO read 0x12345678 + 1)", x[4]);
                check!(x[6] == 0x1122_3344_5566_7788, "VQ {v}: x6 = {:#x}, the value the VMM put in RAM", x[6]);
                let seen = mem.read_u64(guest::DATA_OFF);
                check!(seen == 0x1234_5679, "VQ {v}: the VMM sees {seen:#x} where the guest stored 0x12345679");
                let pc = ok(get_u64(&vcpu, ids::PC), "GET PC")?;
                let pc_want = guest::RAM_BASE + 4 * (guest::SVE_PROGRAM_HVC as u64 + 1);
                check!(pc == pc_want, "VQ {v}: PC after SYSTEM_OFF {pc:#x}, expected {pc_want:#x} (after the HVC)");
                let zcr = ok(get_u64(&vcpu, ids::ZCR_EL1), "GET ZCR_EL1")?;
                check!(zcr == 15, "VQ {v}: ZCR_EL1 = {zcr:#x}, the guest wrote 15");
                let mp = ok(vcpu.get_mp_state(), "GET_MP_STATE")?;
                check!(mp.mp_state == 5, "VQ {v}: mp_state after SYSTEM_OFF {} (expected STOPPED 5)", mp.mp_state);
                let z5 = ok(get_buf(&vcpu, ids::zreg(5, 0)), "GET Z5")?;
                for i in 0..64 {
                    let lane = u32::from_le_bytes([z5[4 * i], z5[4 * i + 1], z5[4 * i + 2], z5[4 * i + 3]]);
                    let want = if i < vl / 4 { 3 + 2 * i as u32 } else { 0 };
                    check!(lane == want, "VQ {v}: Z5.s[{i}] = {lane}, expected {want} (index z5.s, #3, #2)");
                }
                let p1 = ok(get_buf(&vcpu, ids::preg(1, 0)), "GET P1")?;
                let mut p_want = vec![0u8; 32];
                p_want[0] = 0x11;
                p_want[1] = 0x01;
                check!(p1 == p_want, "VQ {v}: P1 = {p1:02x?}, expected 11 01 0.. (ptrue p1.s, vl3)");

                if v == h.max() {
                    ok(init(&vm, &vcpu, SVE | PSCI), "re-INIT after the run")?;
                    check!(ok(get_buf(&vcpu, ids::zreg(5, 0)), "GET Z5")?.iter().all(|&b| b == 0), "Z5 not zeroed by re-INIT");
                    check!(ok(get_u64(&vcpu, ids::ZCR_EL1), "GET ZCR_EL1")? == 0, "ZCR_EL1 not reset by re-INIT");
                    let back = ok(get_vls(&vcpu), "GET VLS")?;
                    check!(back == h, "VLS after re-INIT {back}, expected {h}");
                    err(finalize(&vcpu), EPERM, "FINALIZE(4) after re-INIT")?;
                    let mp = ok(vcpu.get_mp_state(), "GET_MP_STATE")?;
                    check!(mp.mp_state == 0, "mp_state after re-INIT {} (expected RUNNABLE 0)", mp.mp_state);
                }
            }
            Ok(())
        }

        /// A vCPU without SVE runs without FINALIZE; PSCI SYSTEM_OFF over SMC is a
        /// SystemEvent too ([later]; 6.1 does not route guest SMCs to PSCI).
        fn guest_run_non_sve() {
            let (_kvm, vm) = new_vm()?;
            let mem = GuestMem::new(guest::RAM_SIZE)?;
            mem.write_words(0, &guest::words(guest::PLAIN_PROGRAM));
            ok(set_slot(&vm, 0, 0, guest::RAM_BASE, guest::RAM_SIZE as u64, mem.host_addr()), "memory slot")?;
            let mut vcpu = vcpu_with(&vm, 0, PSCI)?;
            ok(set_u64(&vcpu, ids::PC, guest::RAM_BASE), "SET PC")?;
            let evs = run_events(&mut vcpu, &[])?;
            let mut want = vec![Ev::MmioWrite(guest::MMIO_BASE + 4, vec![0x5a])];
            if rules() == Rules::V5_2 {
                // 6.1 answers a guest SMC with x0 = -1 (SMCCC NOT_SUPPORTED) and
                // skips it; SMCs reach KVM's SMCCC/PSCI handler since 6.4.
                want.push(Ev::MmioWrite(guest::MMIO_BASE + 8, u64::MAX.to_le_bytes().to_vec()));
            }
            want.push(Ev::SystemEvent(bindings::KVM_SYSTEM_EVENT_SHUTDOWN as u32, vec![0]));
            check!(evs == want, "exits {evs:?}, expected {want:?}");
            let x0 = ok(get_u64(&vcpu, ids::x(0)), "GET X0")?;
            check!(x0 == guest::PSCI_RET_INTERNAL_FAILURE, "x0 after SYSTEM_OFF {x0:#x}, expected -6");
            Ok(())
        }

        /// The guest's effective VL is the largest length in the vCPU's set that is
        /// at most ZCR_EL1.LEN + 1 quadwords, capped at the vCPU's max (spec 7.3,
        /// the Arm ARM's rule for unimplemented lengths), for every LEN and every
        /// host VQ as the vCPU's max.
        fn guest_zcr_len_selects_vl() {
            let h = {
                let (_kvm, vm) = new_vm()?;
                host_vls(&sve_vcpu(&vm)?)?
            };
            for v in h.vqs() {
                let set = h.upto(v);
                let (_kvm, vm) = new_vm()?;
                let mem = GuestMem::new(guest::RAM_SIZE)?;
                mem.write_words(0, &guest::words(guest::ZCR_LEN_PROGRAM));
                ok(set_slot(&vm, 0, 0, guest::RAM_BASE, guest::RAM_SIZE as u64, mem.host_addr()), "memory slot")?;
                let mut vcpu = sve_vcpu(&vm)?;
                ok(set_vls(&vcpu, set), "SET VLS")?;
                ok(finalize(&vcpu), "FINALIZE(4)")?;
                ok(set_u64(&vcpu, ids::PC, guest::RAM_BASE), "SET PC")?;
                let evs = run_events(&mut vcpu, &[])?;
                let mut want: Vec<Ev> = (0..16u32)
                    .map(|len| {
                        let vq = set.vqs().into_iter().filter(|&q| q <= len + 1).max().unwrap_or(0);
                        Ev::MmioWrite(guest::MMIO_BASE, ((16 * vq) as u16).to_le_bytes().to_vec())
                    })
                    .collect();
                want.push(Ev::SystemEvent(bindings::KVM_SYSTEM_EVENT_SHUTDOWN as u32, vec![0]));
                check!(evs == want, "vCPU VLS {set}: RDVL for LEN 0..15 gave {evs:?}, expected {want:?}");
            }
            Ok(())
        }

        /// How SVE instructions trap, as the real 6.12 kernel on SVE hardware shows:
        /// with CPACR_EL1.ZEN = 0 the guest's own EL1 takes an SVE access trap
        /// (ESR_EL1.EC 0x19) whether or not the vCPU has SVE (the hardware's EL1
        /// trap comes before KVM's EL2 one); with ZEN = 0b11 a vCPU without SVE gets
        /// UNDEFINED (EC 0x00) injected by KVM (an SVE vCPU with ZEN = 0b11 runs
        /// RDVL: guest_run_sve).
        fn guest_sve_traps() {
            let cases = [
                (PSCI, false, 0x6600_0000u64, "non-SVE vCPU, ZEN=0"),
                (PSCI, true, 0x0200_0000, "non-SVE vCPU, ZEN=3"),
                (SVE | PSCI, false, 0x6600_0000, "SVE vCPU, ZEN=0"),
            ];
            for (features, zen, esr, what) in cases {
                let (_kvm, vm) = new_vm()?;
                let mem = GuestMem::new(guest::RAM_SIZE)?;
                mem.write_words(0, &guest::words(guest::UNDEF_MAIN));
                if zen {
                    mem.write_words(4 * guest::UNDEF_MAIN_CPACR, &guest::words(guest::CPACR_FPEN_ZEN));
                }
                mem.write_words(guest::SYNC_HANDLER_OFF, &guest::words(guest::UNDEF_HANDLER));
                ok(set_slot(&vm, 0, 0, guest::RAM_BASE, guest::RAM_SIZE as u64, mem.host_addr()), "memory slot")?;
                let mut vcpu = vcpu_with(&vm, 0, features)?;
                if features & SVE != 0 {
                    ok(finalize(&vcpu), "FINALIZE(4)")?;
                }
                ok(set_u64(&vcpu, ids::PC, guest::RAM_BASE), "SET PC")?;
                let rdvl = guest::RAM_BASE + 4 * guest::UNDEF_MAIN_RDVL as u64;
                let evs = run_events(&mut vcpu, &[])?;
                let want = vec![
                    Ev::MmioWrite(guest::MMIO_BASE, esr.to_le_bytes().to_vec()),
                    Ev::MmioWrite(guest::MMIO_BASE + 8, rdvl.to_le_bytes().to_vec()),
                    Ev::SystemEvent(bindings::KVM_SYSTEM_EVENT_SHUTDOWN as u32, vec![0]),
                ];
                check!(evs == want, "{what}: RDVL -> {evs:?}, expected ESR {esr:#x} and ELR {rdvl:#x}: {want:?}");
            }
            Ok(())
        }

        }
    };
}
