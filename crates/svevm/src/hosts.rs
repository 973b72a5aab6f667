//! The host: the `-cpu` resolution against it (TCG rules without a host, KVM
//! rules with one), the presets of `svevm hosts` and what `svevm hosts
//! --probe` found. Which host there is comes from the backend: softkvm
//! emulates the one chosen with --host/--host-vqs; real KVM has the machine.

use softkvm::Host;
use sve_vls::{Accel, Resolved};

use crate::backend::{self, HostChoice, Probe};
use crate::cli::CpuArgs;

/// Resolves --cpu against the host: the enabled set, or a one-line error.
pub fn resolve(args: &CpuArgs, host: Option<&HostChoice>) -> Result<Resolved, String> {
    let accel = match host {
        Some(h) => Accel::Kvm(h.set),
        None => Accel::Tcg,
    };
    sve_vls::resolve_str(&args.cpu, &accel).map_err(|e| format!("--cpu {}: {}", args.cpu, e))
}

const HEADER_LENGTHS: &str = "VECTOR LENGTHS (bits)";

fn lengths(vqs: impl Iterator<Item = u32>) -> String {
    let lens: Vec<String> = vqs.map(|q| (q * 128).to_string()).collect();
    if lens.is_empty() {
        "none (no SVE)".to_string()
    } else {
        lens.join(" ")
    }
}

/// `svevm hosts`: the presets and their lengths.
pub fn print_presets() {
    println!("{:<12} {:<42} PART", "PRESET", HEADER_LENGTHS);
    for p in Host::presets() {
        println!(
            "{:<12} {:<42} {}",
            p.name,
            lengths(p.vqs.iter().copied()),
            p.part
        );
    }
    if backend::IS_REAL_KVM {
        println!("(presets are hosts softkvm emulates; this svevm runs on the machine's KVM: svevm hosts --probe)");
    }
}

/// One line in the presets' format for a probed host.
pub fn probe_line(p: &Probe) -> String {
    let part = match p.midr {
        Some(m) => format!("this machine, as KVM offers it (MIDR_EL1 {m:#010x})"),
        None => "this machine, as KVM offers it".to_string(),
    };
    format!(
        "{:<12} {:<42} {}",
        "host",
        lengths(p.set.iter().map(u32::from)),
        part
    )
}

/// `svevm hosts --probe`.
pub fn print_probe(p: &Probe) {
    println!("{:<12} {:<42} PART", "HOST", HEADER_LENGTHS);
    println!("{}", probe_line(p));
}

#[cfg(test)]
mod tests {
    use super::*;
    use sve_vls::VqSet;

    #[test]
    fn probe_line_format() {
        let p = Probe {
            set: VqSet(0xb),
            midr: Some(0x000f_0510),
            sve: true,
        };
        let l = probe_line(&p);
        assert!(l.starts_with("host         128 256 512 "), "{l}");
        assert!(l.ends_with("(MIDR_EL1 0x000f0510)"), "{l}");
        let none = Probe {
            set: VqSet(0),
            midr: None,
            sve: false,
        };
        assert!(probe_line(&none).contains("none (no SVE)"));
    }
}
