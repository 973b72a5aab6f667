//! The emulated host: --host PRESET or --host-vqs LIST (softkvm::Host), and
//! the `-cpu` resolution against it (TCG rules without a host, KVM rules with
//! one).

use softkvm::Host;
use sve_vls::{Accel, Resolved, VqSet};

use crate::cli::CpuArgs;

/// A host chosen on the command line.
#[derive(Debug, Clone)]
pub struct HostChoice {
    pub host: Host,
    pub set: VqSet,
}

/// The host named by --host / --host-vqs, if any.
pub fn host_choice(args: &CpuArgs) -> Result<Option<HostChoice>, String> {
    let host = if let Some(name) = &args.host {
        Host::preset(name).map_err(|e| {
            let names: Vec<&str> = Host::presets().iter().map(|p| p.name).collect();
            format!("--host {name}: {e} (known: {})", names.join(", "))
        })?
    } else if let Some(list) = &args.host_vqs {
        let set = VqSet::parse_list(list).map_err(|e| format!("--host-vqs {list}: {e}"))?;
        let vqs: Vec<u32> = set.iter().map(u32::from).collect();
        Host::from_vqs(&vqs).map_err(|e| format!("--host-vqs {list}: {e}"))?
    } else {
        return Ok(None);
    };
    // KVM caps the host's set at VQ 16, as QEMU's probe does.
    let set = VqSet(host.vq_map());
    Ok(Some(HostChoice { host, set }))
}

/// Resolves --cpu against the host: the enabled set, or a one-line error.
pub fn resolve(args: &CpuArgs, host: Option<&HostChoice>) -> Result<Resolved, String> {
    let accel = match host {
        Some(h) => Accel::Kvm(h.set),
        None => Accel::Tcg,
    };
    sve_vls::resolve_str(&args.cpu, &accel).map_err(|e| format!("--cpu {}: {}", args.cpu, e))
}

/// `svevm hosts`: the presets and their lengths.
pub fn print_presets() {
    println!("{:<12} {:<42} PART", "PRESET", "VECTOR LENGTHS (bits)");
    for p in Host::presets() {
        let lens: Vec<String> = p.vqs.iter().map(|q| (q * 128).to_string()).collect();
        let lens = if lens.is_empty() {
            "none (no SVE)".to_string()
        } else {
            lens.join(" ")
        };
        println!("{:<12} {:<42} {}", p.name, lens, p.part);
    }
}
