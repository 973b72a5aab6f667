//! The emulated host: --host PRESET or --host-vqs LIST, and the `-cpu`
//! resolution against it (TCG rules without a host, KVM rules with one).

use sve_vls::{Accel, Resolved, VqSet};

use crate::cli::CpuArgs;

/// A host chosen on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostChoice {
    pub name: String,
    pub set: VqSet,
}

/// Local copy of softkvm's host presets (until softkvm::Host lands).
pub struct Preset {
    pub name: &'static str,
    pub part: &'static str,
    pub vqs: &'static [u32],
}

pub fn presets() -> &'static [Preset] {
    const P: &[Preset] = &[
        Preset {
            name: "max",
            part: "every architectural length, 128..2048 bits",
            vqs: &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
        },
        Preset {
            name: "a64fx",
            part: "Fujitsu A64FX",
            vqs: &[1, 2, 4],
        },
        Preset {
            name: "neoverse-v1",
            part: "Arm Neoverse V1",
            vqs: &[1, 2],
        },
        Preset {
            name: "nosve",
            part: "an arm64 host without SVE",
            vqs: &[],
        },
    ];
    P
}

fn set_of(vqs: &[u32]) -> VqSet {
    let v: Vec<u8> = vqs.iter().map(|&q| q as u8).collect();
    VqSet::from_vqs(&v)
}

/// The host named by --host / --host-vqs, if any.
pub fn host_choice(args: &CpuArgs) -> Result<Option<HostChoice>, String> {
    if let Some(name) = &args.host {
        let lower = name.to_ascii_lowercase();
        let p = presets().iter().find(|p| p.name == lower).ok_or_else(|| {
            let names: Vec<&str> = presets().iter().map(|p| p.name).collect();
            format!(
                "unknown host preset '{name}' (known: {}; see `svevm hosts`)",
                names.join(", ")
            )
        })?;
        return Ok(Some(HostChoice {
            name: p.name.to_string(),
            set: set_of(p.vqs),
        }));
    }
    if let Some(list) = &args.host_vqs {
        let set = VqSet::parse_list(list).map_err(|e| format!("--host-vqs {list}: {e}"))?;
        // What hardware can offer: 128 bits always, and every power of two
        // below the largest length.
        if !set.is_empty() {
            if !set.contains(1) {
                return Err(format!(
                    "--host-vqs {list}: a host with SVE always supports 128 bits"
                ));
            }
            let missing = sve_vls::POW2
                .intersection(VqSet::up_to(set.max()))
                .difference(set);
            if !missing.is_empty() {
                return Err(format!(
                    "--host-vqs {list}: a host supporting {} bits must support {} bits (every power of two below its maximum)",
                    u32::from(set.max()) * 128,
                    u32::from(missing.max()) * 128
                ));
            }
        }
        return Ok(Some(HostChoice {
            name: format!(
                "custom ({})",
                if set.is_empty() {
                    "no SVE".to_string()
                } else {
                    set.to_string()
                }
            ),
            set,
        }));
    }
    Ok(None)
}

/// Resolves --cpu against the host: the enabled set, or a one-line error.
pub fn resolve(args: &CpuArgs, host: Option<&HostChoice>) -> Result<Resolved, String> {
    let accel = match host {
        Some(h) => Accel::Kvm(h.set),
        None => Accel::Tcg,
    };
    sve_vls::resolve_str(&args.cpu, &accel).map_err(|e| format!("--cpu {}: {}", args.cpu, e))
}
