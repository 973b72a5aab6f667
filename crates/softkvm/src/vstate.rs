//! The vCPU state machine: INIT → (VLS) → FINALIZE → run, and the resets.
//!
//! This is the kernel side of `KVM_ARM_VCPU_INIT` and `KVM_ARM_VCPU_FINALIZE`
//! (6.12 rules, spec §3.2 [later] and §3.4), plus `kvm_reset_vcpu`.

use crate::bindings::*;
use crate::vm::{lock, Power, PsciReset, VcpuShared, VmShared};
use arm64_cpu::{Cpu, CpuConfig};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};

/// Feature bits a 6.12 kernel recognises (bits 0..7; bit 8, `HAS_EL2_E2H0`, came
/// later): any other bit is `ENOENT`.
pub(crate) const KNOWN_FEATURES: u32 = 0xff;

/// An errno value.
pub(crate) type Errno = i32;

/// The part of a vCPU that its own thread owns.
pub(crate) struct VcpuInner {
    pub cpu: Cpu,
    pub vm: Arc<VmShared>,
    pub shared: Arc<VcpuShared>,
    pub initialized: bool,
    /// `features[0]` of the successful INIT, without POWER_OFF (one-shot, 6.7+).
    pub features: u32,
    pub sve: bool,
    pub finalized: bool,
    /// The vCPU's maximum VQ (from VLS; the host maximum after INIT).
    pub max_vq: u32,
    /// Values of system registers KVM exposes but the CPU does not implement.
    pub shadow: BTreeMap<u16, u64>,
    /// CCSIDR values userspace set through DEMUX (None: KVM's fabricated values).
    pub ccsidr: Option<[u32; 14]>,
    /// The RAM generation the CPU's map was built from.
    pub ram_gen: u64,
}

/// KVM's default MPIDR_EL1 for vCPU `id` (reset_mpidr): Aff0 = id[3:0],
/// Aff1 = id[11:4], Aff2 = id[19:12], bit 31 RES1.
pub(crate) fn default_mpidr(id: u64) -> u64 {
    (1 << 31) | (id & 0xf) | ((id >> 4) & 0xff) << 8 | ((id >> 12) & 0xff) << 16
}

impl VcpuInner {
    /// A new, uninitialised vCPU `id` of `vm`, with the state other threads share.
    pub fn new(vm: Arc<VmShared>, id: u64) -> VcpuInner {
        let mpidr = default_mpidr(id);
        let cfg = CpuConfig {
            sve_vqs: 0,
            mpidr,
            ..CpuConfig::default()
        };
        let ram_gen = vm.ram_gen.load(Ordering::SeqCst);
        let cpu = Cpu::new(cfg, vm.ram());
        let shared = Arc::new(VcpuShared {
            id,
            mpidr: AtomicU64::new(mpidr),
            power: Mutex::new(Power {
                mp_state: KVM_MP_STATE_RUNNABLE,
                reset: None,
            }),
            cv: Condvar::new(),
            kick_pending: AtomicBool::new(false),
            // Kickers set the CPU's own stop flag, so `Cpu::run` returns soon.
            cpu_kick: cpu.kicker(),
        });
        VcpuInner {
            cpu,
            vm,
            shared,
            initialized: false,
            features: 0,
            sve: false,
            finalized: false,
            max_vq: 0,
            shadow: BTreeMap::new(),
            ccsidr: None,
            ram_gen,
        }
    }

    /// "Finalized" for gating: no feature needing finalization is pending.
    pub fn is_finalized(&self) -> bool {
        !self.sve || self.finalized
    }

    pub fn has_psci_0_2(&self) -> bool {
        self.features & (1 << KVM_ARM_VCPU_PSCI_0_2) != 0
    }

    /// The vCPU's vector-length set: host VQs up to `max_vq` (0 without SVE).
    pub fn vls_map(&self) -> u16 {
        if !self.sve || self.max_vq == 0 {
            return 0;
        }
        let below = if self.max_vq >= 16 {
            0xffff
        } else {
            (1u16 << self.max_vq) - 1
        };
        self.vm.host.vq_map() & below
    }

    /// Gives the CPU the vector lengths the vCPU's configuration allows.
    pub fn sync_sve_cfg(&mut self) {
        self.cpu.cfg.sve_vqs = self.vls_map();
        // On an SVE host a vCPU without SVE still has the hardware's CPACR_EL1 traps
        // in front of KVM's (see CpuConfig::sve_hidden).
        self.cpu.cfg.sve_hidden = self.vm.host.has_sve();
        self.cpu.sysreg_changed();
    }

    /// Picks up a changed memory map.
    pub fn refresh_ram(&mut self) {
        let g = self.vm.ram_gen.load(Ordering::SeqCst);
        if g != self.ram_gen {
            self.ram_gen = g;
            self.cpu.set_ram(self.vm.ram());
        }
    }

    /// `KVM_ARM_VCPU_INIT` (6.12).
    pub fn vcpu_init(&mut self, kvi: &kvm_vcpu_init) -> Result<(), Errno> {
        if kvi.target != KVM_ARM_TARGET_GENERIC_V8 {
            return Err(libc::EINVAL);
        }
        // POWER_OFF is one-shot: stripped before the feature set is compared/recorded.
        let power_off = kvi.features[0] & (1 << KVM_ARM_VCPU_POWER_OFF) != 0;
        let f = kvi.features[0] & !(1 << KVM_ARM_VCPU_POWER_OFF);
        // Validation before anything is recorded (no 5.2 "OR-in" quirk).
        if f & !KNOWN_FEATURES != 0 || kvi.features[1..].iter().any(|&w| w != 0) {
            return Err(libc::ENOENT);
        }
        let mut supported = 1 << KVM_ARM_VCPU_PSCI_0_2;
        if self.vm.host.has_sve() {
            supported |= 1 << KVM_ARM_VCPU_SVE;
        }
        // EL1_32BIT, PMU_V3, PTRAUTH_*, HAS_EL2: the emulated CPU implements none.
        if f & !supported != 0 {
            return Err(libc::EINVAL);
        }
        if !self.initialized {
            // The feature set is per VM: the first INIT of any vCPU records it.
            let mut vmf = lock(&self.vm.features);
            if let Some(prev) = *vmf {
                if prev != f {
                    return Err(libc::EINVAL);
                }
            }
            *vmf = Some(f);
            drop(vmf);
            self.features = f;
            self.sve = f & (1 << KVM_ARM_VCPU_SVE) != 0;
            self.reset();
            self.initialized = true;
        } else {
            if f != self.features {
                return Err(libc::EINVAL);
            }
            self.reset();
        }
        let mut p = lock(&self.shared.power);
        p.mp_state = if power_off {
            KVM_MP_STATE_STOPPED
        } else {
            KVM_MP_STATE_RUNNABLE
        };
        p.reset = None;
        Ok(())
    }

    /// `KVM_ARM_VCPU_FINALIZE` after the ENOEXEC check.
    pub fn finalize(&mut self, what: i32) -> Result<(), Errno> {
        if what != KVM_ARM_VCPU_SVE as i32 || !self.sve {
            return Err(libc::EINVAL);
        }
        if self.finalized {
            return Err(libc::EPERM);
        }
        self.finalized = true;
        self.zero_sve();
        self.sync_sve_cfg();
        Ok(())
    }

    fn zero_sve(&mut self) {
        let s = &mut self.cpu.s;
        for z in s.z.iter_mut() {
            z.0.fill(0);
        }
        for p in s.p.iter_mut() {
            p.fill(0);
        }
        s.ffr.fill(0);
    }

    /// `kvm_reset_vcpu`: core and system registers to their reset values; before
    /// finalize the SVE maximum goes back to the host's (a VLS write is lost), after
    /// finalize Z/P/FFR are zeroed and the VL configuration is kept.
    pub fn reset(&mut self) {
        if !self.finalized && self.sve {
            self.max_vq = self.vm.host.max_vq();
        }
        // The virtual counter offset is VM timekeeping, not reset state.
        let cntvoff = self.cpu.sys.cntvoff;
        self.cpu.reset();
        self.cpu.sys.cntvoff = cntvoff;
        // MPIDR_EL1 is not an ID register: its reset value comes from the vCPU id.
        let mpidr = default_mpidr(self.shared.id);
        self.cpu.cfg.mpidr = mpidr;
        self.shared.mpidr.store(mpidr, Ordering::SeqCst);
        self.shadow.clear();
        self.sync_sve_cfg();
    }

    /// Applies a reset that PSCI CPU_ON requested (before running or a ONE_REG
    /// access, as KVM handles KVM_REQ_VCPU_RESET).
    pub fn apply_pending_reset(&mut self) {
        let r = lock(&self.shared.power).reset.take();
        if let Some(PsciReset { pc, r0 }) = r {
            self.reset();
            self.cpu.s.pc = pc;
            self.cpu.s.x[0] = r0;
        }
    }
}
