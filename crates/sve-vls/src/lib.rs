//! QEMU's `-cpu MODEL[,PROP=VALUE...]` language for SVE vector lengths.
//!
//! Parses the models `max`, `host` and `a64fx` with the properties `sve`,
//! `sve-max-vq` and `sve128`..`sve2048`, and resolves them into the set of
//! enabled vector lengths exactly as QEMU 7.2's finalize pass does
//! (`shared/spec/sve-vector-length-selection.md`, section 5): TCG rules when
//! no host is given, KVM rules given a host's supported set.
//!
//! ```
//! use sve_vls::{resolve_str, Accel, VqSet};
//! let r = resolve_str("max,sve384=on", &Accel::Tcg).unwrap();
//! assert_eq!(r.set, VqSet::from_vqs(&[1, 2, 3]));
//! let host = VqSet::from_vqs(&[1, 2, 3, 4]);
//! let e = resolve_str("host,sve512=on,sve384=off", &Accel::Kvm(host)).unwrap_err();
//! assert_eq!(e.kind, sve_vls::ErrorKind::CannotDisable { vq: 3 });
//! ```

use std::fmt;

/// QEMU's ceiling: VQ 16 = 2048 bits.
pub const MAX_VQ: u8 = 16;

/// The power-of-two VQs {1, 2, 4, 8, 16}: an implementation offering some
/// length must offer every power of two below it (Arm ARM, ZCR_ELx.LEN).
pub const POW2: VqSet = VqSet(0b1000_0000_1000_1011);

/// A set of vector lengths in quadwords, VQ 1..16: bit (VQ - 1) set means VQ
/// is in the set. This is word 0 of `KVM_REG_ARM64_SVE_VLS`, cut to 16 bits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct VqSet(pub u16);

impl VqSet {
    pub const EMPTY: VqSet = VqSet(0);
    pub const ALL: VqSet = VqSet(0xffff);

    /// Builds a set from VQs; values outside 1..16 are ignored.
    pub fn from_vqs(vqs: &[u8]) -> VqSet {
        let mut s = VqSet::EMPTY;
        for &vq in vqs {
            s.insert(vq);
        }
        s
    }

    /// VQ 1..=m (empty for m = 0).
    pub fn up_to(m: u8) -> VqSet {
        if m == 0 {
            VqSet::EMPTY
        } else if m >= MAX_VQ {
            VqSet::ALL
        } else {
            VqSet((1u16 << m) - 1)
        }
    }

    pub fn contains(self, vq: u8) -> bool {
        (1..=MAX_VQ).contains(&vq) && self.0 & (1 << (vq - 1)) != 0
    }
    pub fn insert(&mut self, vq: u8) {
        if (1..=MAX_VQ).contains(&vq) {
            self.0 |= 1 << (vq - 1);
        }
    }
    pub fn remove(&mut self, vq: u8) {
        if (1..=MAX_VQ).contains(&vq) {
            self.0 &= !(1 << (vq - 1));
        }
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn len(self) -> u32 {
        self.0.count_ones()
    }
    /// Largest VQ in the set, 0 when empty.
    pub fn max(self) -> u8 {
        (16 - self.0.leading_zeros()) as u8
    }
    /// Smallest VQ in the set, 0 when empty.
    pub fn min(self) -> u8 {
        if self.0 == 0 {
            0
        } else {
            self.0.trailing_zeros() as u8 + 1
        }
    }
    pub fn union(self, o: VqSet) -> VqSet {
        VqSet(self.0 | o.0)
    }
    pub fn intersection(self, o: VqSet) -> VqSet {
        VqSet(self.0 & o.0)
    }
    pub fn difference(self, o: VqSet) -> VqSet {
        VqSet(self.0 & !o.0)
    }
    pub fn symmetric_difference(self, o: VqSet) -> VqSet {
        VqSet(self.0 ^ o.0)
    }
    /// The VQs, ascending.
    pub fn iter(self) -> impl Iterator<Item = u8> {
        (1..=MAX_VQ).filter(move |&vq| self.contains(vq))
    }
    /// The lengths in bits, ascending.
    pub fn bits(self) -> Vec<u32> {
        self.iter().map(|vq| u32::from(vq) * 128).collect()
    }
    /// The value of the `KVM_REG_ARM64_SVE_VLS` pseudo-register: eight
    /// little-endian 64-bit words, bit (VQ - 1) of the bitmap set per length.
    pub fn to_kvm_vls(self) -> [u8; 64] {
        let mut b = [0u8; 64];
        b[..2].copy_from_slice(&self.0.to_le_bytes());
        b
    }
    /// Reads a `KVM_REG_ARM64_SVE_VLS` value; lengths above VQ 16 are dropped
    /// (QEMU warns and drops them too).
    pub fn from_kvm_vls(b: &[u8; 64]) -> VqSet {
        VqSet(u16::from_le_bytes([b[0], b[1]]))
    }
    /// Parses a list of lengths such as `128,256,512` (bits) or `1,2,4` (VQs
    /// when every value is at most 16), or `none`.
    pub fn parse_list(s: &str) -> Result<VqSet, String> {
        let s = s.trim();
        if s == "none" || s.is_empty() {
            return Ok(VqSet::EMPTY);
        }
        let mut vals = Vec::new();
        for part in s.split([',', ' ']).filter(|p| !p.is_empty()) {
            let v: u32 = part
                .parse()
                .map_err(|_| format!("'{part}' is not a vector length"))?;
            vals.push(v);
        }
        let as_vq = vals.iter().all(|&v| (1..=16).contains(&v));
        let mut set = VqSet::EMPTY;
        for v in vals {
            let vq = if as_vq {
                v
            } else if v % 128 == 0 && (128..=2048).contains(&v) {
                v / 128
            } else {
                return Err(format!(
                    "{v} is not a vector length: give bits (128..2048, multiples of 128) or VQs (1..16)"
                ));
            };
            set.insert(vq as u8);
        }
        Ok(set)
    }
}

impl fmt::Debug for VqSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VqSet{:?}", self.iter().collect::<Vec<_>>())
    }
}

/// Lengths in bits, ascending, space-separated (empty for the empty set).
impl fmt::Display for VqSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v: Vec<String> = self.bits().iter().map(|b| b.to_string()).collect();
        f.write_str(&v.join(" "))
    }
}

/// The CPU models of the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    /// TCG: every length 1..16. KVM: the same as `host` (QEMU >= 7.0).
    Max,
    /// KVM only: the host's lengths.
    Host,
    /// TCG only: Fujitsu A64FX, lengths {128, 256, 512}.
    A64fx,
}

impl Model {
    pub fn name(self) -> &'static str {
        match self {
            Model::Max => "max",
            Model::Host => "host",
            Model::A64fx => "a64fx",
        }
    }
}

/// Which of QEMU's rule sets applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accel {
    /// QEMU's TCG: no host, the model's own supported set, powers of two fill.
    Tcg,
    /// QEMU >= 7.0 under KVM with the host's supported set (empty: the host's
    /// KVM has no SVE). `max` is `host`; neither has `sve-max-vq`.
    Kvm(VqSet),
    /// QEMU 4.2 - 6.2 under KVM: as `Kvm`, but `-cpu max` still has
    /// `sve-max-vq` (which fills every length up to it, supported or not).
    KvmPre70(VqSet),
}

/// One `PROP=VALUE` item as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prop {
    pub name: String,
    pub value: String,
}

/// A parsed `-cpu` string: model and properties in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CpuSpec {
    pub model: Model,
    pub props: Vec<Prop>,
}

/// What went wrong, machine-readable. Lengths are VQs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// An item without `=`.
    ExpectedKeyValue,
    /// The model name is not one of `max`, `host`, `a64fx`.
    UnknownModel,
    /// `host` without a host (TCG).
    ModelNeedsKvm,
    /// `a64fx` under KVM: KVM cannot present another CPU type.
    ModelNeedsTcg,
    /// A property the model does not have (including `sve-max-vq` on
    /// `a64fx` and, under KVM since QEMU 7.0, on `host`/`max`).
    NoSuchProperty,
    /// A value that does not parse as the property's type.
    InvalidValue,
    /// `sve-max-vq` outside 1..16.
    InvalidSveMaxVq,
    /// KVM: `sve=on` on a host whose KVM has no SVE.
    SveUnsupportedByHost,
    CannotEnable {
        vq: u8,
    },
    CannotDisable {
        vq: u8,
    },
    /// `sve-max-vq=max_vq` filled in `missing_vq`, which the CPU lacks.
    CannotSetSveMaxVq {
        max_vq: u8,
        missing_vq: u8,
    },
}

impl ErrorKind {
    /// The short name of the spec's error catalogue (section 7), or a
    /// parse-level name.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::ExpectedKeyValue => "expected_key_value",
            ErrorKind::UnknownModel => "unknown_model",
            ErrorKind::ModelNeedsKvm => "model_needs_kvm",
            ErrorKind::ModelNeedsTcg => "model_needs_tcg",
            ErrorKind::NoSuchProperty => "no_such_property",
            ErrorKind::InvalidValue => "invalid_value",
            ErrorKind::InvalidSveMaxVq => "invalid_sve_max_vq",
            ErrorKind::SveUnsupportedByHost => "sve_unsupported_by_host",
            ErrorKind::CannotEnable { .. } => "cannot_enable",
            ErrorKind::CannotDisable { .. } => "cannot_disable",
            ErrorKind::CannotSetSveMaxVq { .. } => "cannot_set_sve_max_vq",
        }
    }
}

/// An error: its kind and a one-line message naming the offending length in
/// bits (where there is one) and the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
}

impl Error {
    fn new(kind: ErrorKind, message: String) -> Error {
        Error { kind, message }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The outcome of a successful resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub model: Model,
    /// The final `sve` flag (false exactly when the set is empty).
    pub sve: bool,
    /// The enabled lengths.
    pub set: VqSet,
}

impl Resolved {
    /// The effective maximum VQ (what QEMU reads back from `sve-max-vq`), 0
    /// without SVE.
    pub fn max_vq(&self) -> u8 {
        self.set.max()
    }
}

/// Parses `MODEL[,PROP=VALUE...]` as QEMU splits it: the model is everything
/// before the first comma; empty items are skipped; an item is split at its
/// first `=`. Property names and values are checked later, in order, by
/// [`resolve`], as QEMU applies them.
pub fn parse(s: &str) -> Result<CpuSpec, Error> {
    let (model_s, rest) = match s.find(',') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let model = match model_s {
        "max" => Model::Max,
        "host" => Model::Host,
        "a64fx" => Model::A64fx,
        _ => {
            return Err(Error::new(
                ErrorKind::UnknownModel,
                format!("unknown CPU model '{model_s}' (models: max, host, a64fx)"),
            ))
        }
    };
    let mut props = Vec::new();
    for item in rest.unwrap_or("").split(',').filter(|i| !i.is_empty()) {
        match item.find('=') {
            Some(i) => props.push(Prop {
                name: item[..i].to_string(),
                value: item[i + 1..].to_string(),
            }),
            None => {
                return Err(Error::new(
                    ErrorKind::ExpectedKeyValue,
                    format!("CPU property '{item}' needs a value: write {item}=on or {item}=off"),
                ))
            }
        }
    }
    Ok(CpuSpec { model, props })
}

/// QEMU's boolean spellings (case-sensitive).
fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "on" | "yes" | "true" | "y" => Some(true),
        "off" | "no" | "false" | "n" => Some(false),
        _ => None,
    }
}

/// An unsigned integer as C's strtoull with base 0 reads it, and as QEMU
/// then checks it: optional leading white space and sign, `0x` hex, leading
/// `0` octal, the whole string consumed, no overflow of 64 bits. A minus
/// sign negates modulo 2^64 (so `-0` is 0 and `-1` is 2^64 - 1).
fn parse_strtoull(v: &str) -> Option<u64> {
    let s = v.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let (neg, s) = if let Some(r) = s.strip_prefix('-') {
        (true, r)
    } else if let Some(r) = s.strip_prefix('+') {
        (false, r)
    } else {
        (false, s)
    };
    let (radix, digits) = if let Some(r) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        (16, r)
    } else if s.len() > 1 && s.starts_with('0') {
        (8, &s[1..])
    } else {
        (10, s)
    };
    if digits.is_empty() {
        return None;
    }
    let mut acc: u64 = 0;
    for c in digits.chars() {
        let d = c.to_digit(radix)?;
        acc = acc
            .checked_mul(u64::from(radix))?
            .checked_add(u64::from(d))?;
    }
    Some(if neg { acc.wrapping_neg() } else { acc })
}

/// `sveN` property name to VQ.
fn sve_len_prop(name: &str) -> Option<u8> {
    let n: u32 = name.strip_prefix("sve")?.parse().ok()?;
    // Reject spellings like "sve0128" or "sve+128" that are not the property's name.
    if format!("sve{n}") != name || n % 128 != 0 || !(128..=2048).contains(&n) {
        return None;
    }
    Some((n / 128) as u8)
}

fn bits(vq: u8) -> u32 {
    u32::from(vq) * 128
}

/// Resolves a `-cpu` string under the given rules.
pub fn resolve_str(s: &str, accel: &Accel) -> Result<Resolved, Error> {
    resolve(&parse(s)?, accel)
}

/// Applies the properties in order (set-time checks), then runs the finalize
/// pass of the spec's section 5.
pub fn resolve(spec: &CpuSpec, accel: &Accel) -> Result<Resolved, Error> {
    let model = spec.model;
    // The supported set S, the fill set F, and whether sve-max-vq exists.
    let (supported, kvm, has_max_vq) = match (accel, model) {
        (Accel::Tcg, Model::Max) => (VqSet::ALL, false, true),
        (Accel::Tcg, Model::A64fx) => (VqSet::from_vqs(&[1, 2, 4]), false, false),
        (Accel::Tcg, Model::Host) => {
            return Err(Error::new(
                ErrorKind::ModelNeedsKvm,
                "CPU model 'host' needs a KVM host (give --host or --host-vqs)".to_string(),
            ))
        }
        (Accel::Kvm(_) | Accel::KvmPre70(_), Model::A64fx) => {
            return Err(Error::new(
                ErrorKind::ModelNeedsTcg,
                "CPU model 'a64fx' cannot be used with KVM (use host or max)".to_string(),
            ))
        }
        (Accel::Kvm(s), _) => (*s, true, false),
        (Accel::KvmPre70(s), m) => (*s, true, m == Model::Max),
    };
    let fill = if kvm { supported } else { POW2 };

    // Set time. Defaults: sve on for TCG models, on under KVM exactly when
    // the host has SVE.
    let mut sve = !supported.is_empty();
    let mut enabled = VqSet::EMPTY; // E
    let mut explicit = VqSet::EMPTY; // X
    let mut max_vq: u8 = 0; // M
    let cpu = model.name();
    for p in &spec.props {
        let bad_bool = || {
            Error::new(
                ErrorKind::InvalidValue,
                format!(
                    "{cpu}: property '{}' takes on/off (or yes/no, true/false, y/n), not '{}'",
                    p.name, p.value
                ),
            )
        };
        if p.name == "sve" {
            let v = parse_bool(&p.value).ok_or_else(bad_bool)?;
            if v && kvm && supported.is_empty() {
                return Err(Error::new(
                    ErrorKind::SveUnsupportedByHost,
                    "cannot turn sve on: the host's KVM has no SVE".to_string(),
                ));
            }
            sve = v;
        } else if p.name == "sve-max-vq" && has_max_vq {
            let v = parse_strtoull(&p.value).ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidValue,
                    format!(
                        "{cpu}: sve-max-vq takes an unsigned integer, not '{}'",
                        p.value
                    ),
                )
            })?;
            let v = u32::try_from(v).map_err(|_| {
                Error::new(
                    ErrorKind::InvalidValue,
                    format!("{cpu}: sve-max-vq={} does not fit in 32 bits", p.value),
                )
            })?;
            if v == 0 || v > u32::from(MAX_VQ) {
                return Err(Error::new(
                    ErrorKind::InvalidSveMaxVq,
                    format!(
                        "bad SVE vector length sve-max-vq={}: it must be 1..16 (quadwords)",
                        p.value
                    ),
                ));
            }
            if kvm && supported.is_empty() {
                return Err(Error::new(
                    ErrorKind::SveUnsupportedByHost,
                    "cannot set sve-max-vq: the host's KVM has no SVE".to_string(),
                ));
            }
            max_vq = v as u8;
        } else if let Some(vq) = sve_len_prop(&p.name) {
            let v = parse_bool(&p.value).ok_or_else(bad_bool)?;
            explicit.insert(vq);
            if v {
                enabled.insert(vq);
            } else {
                enabled.remove(vq);
            }
        } else {
            let hint = if p.name == "sve-max-vq" {
                if kvm {
                    " (under KVM since QEMU 7.0: use sve<N> properties)"
                } else {
                    " (only -cpu max has it)"
                }
            } else {
                ""
            };
            return Err(Error::new(
                ErrorKind::NoSuchProperty,
                format!("CPU model '{cpu}' has no property '{}'{hint}", p.name),
            ));
        }
    }

    finalize(supported, fill, kvm, sve, enabled, explicit, max_vq).map(|set| Resolved {
        model,
        sve: !set.is_empty(),
        set,
    })
}

/// The finalize pass of the spec's section 5: S, F, accelerator kind, `sve`,
/// E, X, M in; the final set out.
fn finalize(
    s: VqSet,
    f: VqSet,
    kvm: bool,
    sve: bool,
    mut e: VqSet,
    x: VqSet,
    big_m: u8,
) -> Result<VqSet, Error> {
    let mut m: u8;
    if !e.is_empty() {
        // Step A.
        m = e.max();
        if big_m != 0 && m > big_m {
            return Err(Error::new(
                ErrorKind::CannotEnable { vq: m },
                format!(
                    "cannot enable sve{}: it is above the maximum set by sve-max-vq={} ({} bits)",
                    bits(m),
                    big_m,
                    bits(big_m)
                ),
            ));
        }
        e = e.union(f.intersection(VqSet::up_to(m)).difference(x));
    } else if big_m == 0 {
        // Step B.
        if !sve {
            return Ok(VqSet::EMPTY);
        }
        let g = x.intersection(if kvm { s } else { POW2 });
        let cap = if g.is_empty() { MAX_VQ } else { g.min() - 1 };
        e = s.intersection(VqSet::up_to(cap)).difference(x);
        if e.is_empty() {
            // With nothing enabled explicitly and S non-empty, X must hold a
            // member of S below everything else, so g is set here. With S
            // empty (KVM without SVE) sve defaults off and cannot be turned
            // on, so this path is unreachable then.
            let gv = if g.is_empty() { x.min() } else { g.min() };
            return Err(Error::new(
                ErrorKind::CannotDisable { vq: gv },
                format!(
                    "cannot disable sve{}: no vector length would be left, and with sve on at least one is needed",
                    bits(gv)
                ),
            ));
        }
        m = e.max();
    } else {
        m = 0;
    }
    if big_m != 0 {
        // Step C.
        m = big_m;
        if x.contains(big_m) && !e.contains(big_m) {
            return Err(Error::new(
                ErrorKind::CannotDisable { vq: big_m },
                format!(
                    "cannot disable sve{}: it is the maximum set by sve-max-vq={} and must stay on",
                    bits(big_m),
                    big_m
                ),
            ));
        }
        e = e.union(VqSet::up_to(big_m).difference(x));
    }
    // Step D.
    e = e.intersection(VqSet::up_to(m));
    // Step E.
    let d = e.symmetric_difference(s.intersection(VqSet::up_to(m)));
    if !d.is_empty() {
        let dv = d.max();
        if e.contains(dv) {
            if big_m != 0 {
                return Err(Error::new(
                    ErrorKind::CannotSetSveMaxVq {
                        max_vq: big_m,
                        missing_vq: dv,
                    },
                    format!(
                        "cannot set sve-max-vq={}: this CPU lacks the {}-bit length it implies; use sve<N> properties instead",
                        big_m,
                        bits(dv)
                    ),
                ));
            }
            let why = if s.is_empty() {
                "the host's KVM has no SVE".to_string()
            } else if kvm {
                format!("the host does not support {} bits", bits(dv))
            } else {
                format!("this CPU does not support {} bits", bits(dv))
            };
            return Err(Error::new(
                ErrorKind::CannotEnable { vq: dv },
                format!("cannot enable sve{}: {why}", bits(dv)),
            ));
        }
        if kvm {
            return Err(Error::new(
                ErrorKind::CannotDisable { vq: dv },
                format!(
                    "cannot disable sve{}: KVM needs every host length below the maximum sve{} enabled",
                    bits(dv),
                    bits(m)
                ),
            ));
        }
        let q = POW2.intersection(VqSet::up_to(m)).difference(e);
        if !q.is_empty() {
            let qv = q.max();
            return Err(Error::new(
                ErrorKind::CannotDisable { vq: qv },
                format!(
                    "cannot disable sve{}: every power-of-two length below the maximum sve{} is required",
                    bits(qv),
                    bits(m)
                ),
            ));
        }
    }
    // Step F.
    if !sve {
        return Err(Error::new(
            ErrorKind::CannotEnable { vq: m },
            format!("cannot enable sve{}: sve is off (add sve=on)", bits(m)),
        ));
    }
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strtoull_like_qemu() {
        assert_eq!(parse_strtoull("0x3"), Some(3));
        assert_eq!(parse_strtoull("010"), Some(8));
        assert_eq!(parse_strtoull("08"), None);
        assert_eq!(parse_strtoull("+3"), Some(3));
        assert_eq!(parse_strtoull(" 3"), Some(3));
        assert_eq!(parse_strtoull("3 "), None);
        assert_eq!(parse_strtoull("-0"), Some(0));
        assert_eq!(parse_strtoull("-1"), Some(u64::MAX));
        assert_eq!(parse_strtoull(""), None);
        assert_eq!(parse_strtoull("0x"), None);
        assert_eq!(parse_strtoull("0"), Some(0));
        assert_eq!(parse_strtoull("18446744073709551616"), None);
    }

    #[test]
    fn vqset_basics() {
        assert_eq!(VqSet::up_to(0), VqSet::EMPTY);
        assert_eq!(VqSet::up_to(16), VqSet::ALL);
        assert_eq!(VqSet::up_to(3), VqSet::from_vqs(&[1, 2, 3]));
        assert_eq!(POW2, VqSet::from_vqs(&[1, 2, 4, 8, 16]));
        assert_eq!(VqSet::from_vqs(&[1, 4]).max(), 4);
        assert_eq!(VqSet::from_vqs(&[2, 4]).min(), 2);
        assert_eq!(VqSet::from_vqs(&[1, 2, 4]).to_string(), "128 256 512");
        assert_eq!(
            VqSet::parse_list("128,256,512"),
            Ok(VqSet::from_vqs(&[1, 2, 4]))
        );
        assert_eq!(VqSet::parse_list("1,2,4"), Ok(VqSet::from_vqs(&[1, 2, 4])));
        assert_eq!(VqSet::parse_list("none"), Ok(VqSet::EMPTY));
        assert!(VqSet::parse_list("100").is_err());
        let v = VqSet::from_vqs(&[1, 2, 16]).to_kvm_vls();
        assert_eq!(&v[..3], &[0x03, 0x80, 0]);
        assert_eq!(VqSet::from_kvm_vls(&v), VqSet::from_vqs(&[1, 2, 16]));
    }

    #[test]
    fn sve_len_names() {
        assert_eq!(sve_len_prop("sve128"), Some(1));
        assert_eq!(sve_len_prop("sve2048"), Some(16));
        assert_eq!(sve_len_prop("sve2176"), None);
        assert_eq!(sve_len_prop("sve100"), None);
        assert_eq!(sve_len_prop("sve0128"), None);
        assert_eq!(sve_len_prop("sve+128"), None);
        assert_eq!(sve_len_prop("sve"), None);
    }
}
