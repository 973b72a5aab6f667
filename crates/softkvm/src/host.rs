//! The emulated host: which SVE vector lengths the "hardware" under softkvm offers.
//!
//! On a real arm64 host KVM reads the set of vector lengths every CPU implements
//! (the kernel's `sve_vq_map`) and caps it at 2048 bits. softkvm has no hardware to
//! ask, so the VMM says what host it wants to look like: an explicit set
//! ([`Host::from_vqs`]) or a real part's published set ([`Host::preset`]). The
//! sources for the presets are in `docs/hosts.md`.

use thiserror::Error;

/// Why a set of vector lengths cannot be a host's.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HostError {
    /// VQ 0 or a VQ above 16 (2048 bits, the architectural maximum).
    #[error("VQ {0} is not a vector length: SVE lengths are 1..=16 quadwords (128..2048 bits)")]
    OutOfRange(u32),
    /// The set does not contain VQ 1: every SVE implementation supports 128 bits.
    #[error("VQ 1 (128 bits) is missing: every SVE implementation supports 128-bit vectors")]
    NoVq1,
    /// A power of two below the maximum is missing: the architecture requires every
    /// power-of-two length up to the maximum implemented length.
    #[error(
        "VQ {missing} ({} bits) is missing: an implementation with {max}-quadword vectors \
         must support every power-of-two length below it",
        128 * missing
    )]
    MissingPowerOfTwo {
        /// The absent power of two.
        missing: u32,
        /// The set's maximum VQ.
        max: u32,
    },
    /// [`Host::preset`] with a name that is not a preset.
    #[error("unknown host preset {0:?} (see Host::presets())")]
    UnknownPreset(String),
}

/// What the emulated host offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Host {
    /// Bit `vq-1` set: VQ `vq` is implemented. 0: no SVE.
    vqs: u16,
    name: String,
}

/// A named real part and its SVE lengths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// Name accepted by [`Host::preset`] (lower case).
    pub name: &'static str,
    /// The part, as its vendor names it.
    pub part: &'static str,
    /// Implemented VQs.
    pub vqs: &'static [u32],
}

const PRESETS: &[Preset] = &[
    Preset {
        name: "max",
        part: "every architectural length, 128..2048 bits (like QEMU's -cpu max)",
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
        name: "graviton3",
        part: "AWS Graviton3 (Neoverse V1)",
        vqs: &[1, 2],
    },
    Preset {
        name: "neoverse-v2",
        part: "Arm Neoverse V2",
        vqs: &[1],
    },
    Preset {
        name: "grace",
        part: "NVIDIA Grace (Neoverse V2)",
        vqs: &[1],
    },
    Preset {
        name: "graviton4",
        part: "AWS Graviton4 (Neoverse V2)",
        vqs: &[1],
    },
    Preset {
        name: "neoverse-n2",
        part: "Arm Neoverse N2",
        vqs: &[1],
    },
    Preset {
        name: "nosve",
        part: "an arm64 host without SVE",
        vqs: &[],
    },
];

impl Host {
    /// A host implementing exactly the VQs in `vqs` (128-bit quadwords; duplicates
    /// are ignored). An empty set is a host without SVE.
    pub fn from_vqs(vqs: &[u32]) -> Result<Host, HostError> {
        let mut map = 0u16;
        for &vq in vqs {
            if !(1..=16).contains(&vq) {
                return Err(HostError::OutOfRange(vq));
            }
            map |= 1 << (vq - 1);
        }
        if map != 0 {
            if map & 1 == 0 {
                return Err(HostError::NoVq1);
            }
            let max = 16 - map.leading_zeros();
            let mut p = 2;
            while p < max {
                if map & (1 << (p - 1)) == 0 {
                    return Err(HostError::MissingPowerOfTwo { missing: p, max });
                }
                p *= 2;
            }
        }
        let name = if map == 0 {
            "no SVE".to_string()
        } else {
            let v: Vec<String> = (1..=16u32)
                .filter(|v| map & (1 << (v - 1)) != 0)
                .map(|v| (128 * v).to_string())
                .collect();
            format!("SVE {{{}}} bits", v.join(","))
        };
        Ok(Host { vqs: map, name })
    }

    /// A real part's published vector lengths (names: see [`Host::presets`]).
    pub fn preset(name: &str) -> Result<Host, HostError> {
        let lower = name.to_ascii_lowercase();
        let p = PRESETS
            .iter()
            .find(|p| p.name == lower)
            .ok_or_else(|| HostError::UnknownPreset(name.to_string()))?;
        let mut h = Host::from_vqs(p.vqs)?;
        h.name = p.part.to_string();
        Ok(h)
    }

    /// Every preset.
    pub fn presets() -> &'static [Preset] {
        PRESETS
    }

    /// The host KVM's `Kvm::new()` emulates: every length (`max`).
    pub fn max() -> Host {
        Host::preset("max").unwrap_or(Host {
            vqs: 0xffff,
            name: String::new(),
        })
    }

    /// Does the host have SVE (`KVM_CAP_ARM_SVE`)?
    pub fn has_sve(&self) -> bool {
        self.vqs != 0
    }

    /// The set as a bitmap: bit `vq-1` set means VQ `vq` is implemented.
    pub fn vq_map(&self) -> u16 {
        self.vqs
    }

    /// The largest implemented VQ (0 without SVE): KVM's default `max_vq` for a vCPU.
    pub fn max_vq(&self) -> u32 {
        16 - self.vqs.leading_zeros()
    }

    /// Is VQ `vq` implemented?
    pub fn has_vq(&self, vq: u32) -> bool {
        (1..=16).contains(&vq) && self.vqs & (1 << (vq - 1)) != 0
    }

    /// The implemented VQs in ascending order.
    pub fn vqs(&self) -> Vec<u32> {
        (1..=16).filter(|&v| self.has_vq(v)).collect()
    }

    /// A human-readable description.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Default for Host {
    fn default() -> Self {
        Host::max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn architecture_rules() {
        // Arm ARM: VQ 1 always; every power of two up to the maximum; at most 2048 bits.
        assert_eq!(Host::from_vqs(&[2]), Err(HostError::NoVq1));
        assert_eq!(
            Host::from_vqs(&[1, 4]),
            Err(HostError::MissingPowerOfTwo { missing: 2, max: 4 })
        );
        assert_eq!(
            Host::from_vqs(&[1, 2, 3, 5, 6, 7, 8, 9]),
            Err(HostError::MissingPowerOfTwo { missing: 4, max: 9 })
        );
        assert_eq!(Host::from_vqs(&[1, 17]), Err(HostError::OutOfRange(17)));
        assert_eq!(Host::from_vqs(&[0]), Err(HostError::OutOfRange(0)));
        // Non-power-of-two lengths may be absent (A64FX lacks 384).
        assert_eq!(Host::from_vqs(&[1, 2, 4]).unwrap().vq_map(), 0b1011);
        assert_eq!(Host::from_vqs(&[1, 2, 3]).unwrap().max_vq(), 3);
        let none = Host::from_vqs(&[]).unwrap();
        assert!(!none.has_sve());
        assert_eq!(none.max_vq(), 0);
    }

    #[test]
    fn presets() {
        assert_eq!(Host::preset("A64FX").unwrap().vqs(), vec![1, 2, 4]);
        assert_eq!(Host::preset("graviton3").unwrap().max_vq(), 2);
        assert_eq!(Host::preset("grace").unwrap().vqs(), vec![1]);
        assert_eq!(Host::preset("max").unwrap().vq_map(), 0xffff);
        assert!(matches!(
            Host::preset("pentium"),
            Err(HostError::UnknownPreset(_))
        ));
        for p in Host::presets() {
            Host::preset(p.name).unwrap();
        }
    }
}
