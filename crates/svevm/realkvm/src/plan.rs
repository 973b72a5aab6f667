//! Which guest cases a real host can run, and with which `--cpu`.
//!
//! The expected outputs were captured with QEMU TCG (`-cpu` from the
//! MANIFEST), whose rules give a set S of vector lengths. On KVM the set is
//! not free: a vCPU gets the host's lengths up to a chosen maximum (KVM
//! refuses any other KVM_REG_ARM64_SVE_VLS value), which is also all QEMU's KVM
//! rules let `-cpu` choose. So a case runs on host H exactly when
//! S = { h in H : h <= max S } (or S is empty: SVE off), and then with a `--cpu`
//! that svevm's own KVM-rule resolution turns into S.

use sve_vls::{Accel, VqSet};

/// How to run a case on this host, or why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Run with this `--cpu` (resolves to the TCG set under KVM rules).
    Run(String),
    Skip(String),
}

/// A set in bits, with runs of every length from 128 shortened.
fn show(s: VqSet) -> String {
    let m = s.max();
    if m >= 3 && s == VqSet::up_to(m) {
        format!("{{every length 128..{}}}", u32::from(m) * 128)
    } else {
        format!("{{{s}}}")
    }
}

/// `tcg_cpu` is the MANIFEST's QEMU `-cpu`; `host` the probed host set.
pub fn plan(tcg_cpu: &str, host: VqSet) -> Plan {
    let want = match sve_vls::resolve_str(tcg_cpu, &Accel::Tcg) {
        Ok(r) => r.set,
        Err(e) => {
            return Plan::Skip(format!(
                "-cpu {tcg_cpu} does not resolve under TCG rules: {e}"
            ))
        }
    };
    let mut candidates = vec![tcg_cpu.to_string()];
    if want.is_empty() {
        candidates.push("max,sve=off".into());
    } else {
        candidates.push(format!("max,sve{}=on", u32::from(want.max()) * 128));
    }
    for c in &candidates {
        if let Ok(r) = sve_vls::resolve_str(c, &Accel::Kvm(host)) {
            if r.set == want {
                return Plan::Run(c.clone());
            }
        }
    }
    if host.is_empty() {
        return Plan::Skip(format!(
            "needs SVE lengths {{{want}}}; this host has no SVE"
        ));
    }
    let m = want.max();
    if !host.contains(m) {
        return Plan::Skip(format!(
            "needs {} bits; {} bits is not a length of this host {}",
            show(want),
            u32::from(m) * 128,
            show(host)
        ));
    }
    let got = host.intersection(VqSet::up_to(m));
    Plan::Skip(format!(
        "needs {} bits; with a {} bits maximum KVM gives this host's lengths up to it, {}",
        show(want),
        u32::from(m) * 128,
        show(got)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(vqs: &[u8]) -> VqSet {
        VqSet::from_vqs(vqs)
    }

    // Worked out by hand from QEMU's rules (shared/spec/sve-vector-length-selection.md):
    // TCG `max` is every VQ 1..16, `sve-max-vq=n` is every VQ 1..n, `a64fx` is
    // {1,2,4}, `sveN=on` adds N and the powers of two below it, `max,sve512=off`
    // lowers the maximum to 3 ({1,2,3}).
    #[test]
    fn default_emulated_host_128_256_512() {
        let h = set(&[1, 2, 4]);
        assert!(matches!(plan("max,sve-max-vq=1", h), Plan::Run(_)));
        assert!(matches!(plan("max,sve-max-vq=2", h), Plan::Run(_)));
        assert!(matches!(plan("a64fx", h), Plan::Run(_)));
        assert!(matches!(plan("max,sve=off", h), Plan::Run(_)));
        // 384 bits is not a length of this host.
        assert!(matches!(plan("max,sve-max-vq=3", h), Plan::Skip(_)));
        // {1,2,3,4} needs 384 too.
        match plan("max,sve-max-vq=4", h) {
            Plan::Skip(why) => assert!(why.contains("up to it, {128 256 512}"), "{why}"),
            p => panic!("{p:?}"),
        }
        assert!(matches!(plan("max,sve512=off", h), Plan::Skip(_)));
        // `max` under TCG is all 16 lengths.
        assert!(matches!(plan("max", h), Plan::Skip(_)));
        assert!(matches!(plan("max,sve-max-vq=8", h), Plan::Skip(_)));
    }

    #[test]
    fn every_length_host() {
        let h = VqSet::up_to(16);
        for c in [
            "max",
            "max,sve-max-vq=3",
            "max,sve-max-vq=16",
            "max,sve=off",
            "max,sve512=off",
        ] {
            assert!(matches!(plan(c, h), Plan::Run(_)), "{c}");
        }
        // {1,2,4} is not "all of 1..16 up to 4".
        match plan("a64fx", h) {
            Plan::Skip(why) => assert!(why.contains("{every length 128..512}"), "{why}"),
            p => panic!("{p:?}"),
        }
        // sve1536=on: {1,2,4,8,12}.
        assert!(matches!(plan("max,sve1536=on", h), Plan::Skip(_)));
    }

    #[test]
    fn sparse_host() {
        let h = set(&[1, 2, 4, 8, 12]);
        assert!(matches!(plan("max,sve1536=on", h), Plan::Run(_)));
        assert!(matches!(plan("max,sve-max-vq=2", h), Plan::Run(_)));
        // {1..8} needs 384, 640, 768, 896.
        assert!(matches!(plan("max,sve-max-vq=8", h), Plan::Skip(_)));
        assert!(matches!(plan("max", VqSet::EMPTY), Plan::Skip(_)));
        assert!(matches!(plan("max,sve=off", VqSet::EMPTY), Plan::Run(_)));
    }
}
