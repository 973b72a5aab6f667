//! The declarative decoder.
//!
//! Every A64 encoding the CPU knows is one [`Enc`] line in one of the group tables
//! under [`crate::isa`]: a name (Arm mnemonic plus a form suffix, as QEMU's decodetree
//! names them: `ADD_imm`, `LDR_reg`, `ADD_zpzz`), a 32-bit pattern written most
//! significant bit first, and the handler that executes it. The pattern language:
//!
//! - `0` / `1`: fixed bits;
//! - `.`: a bit that is ignored (part of no field);
//! - `name:N`: an unsigned field of N bits; `name:sN`: a signed (sign-extended) field.
//!
//! Tokens are separated by spaces; the widths must add up to 32. Fields reach the
//! handler in pattern order in [`Insn::f`], so a handler reads
//! `let [sf, sh, imm12, rn, rd, ..] = i.f;` with the same names as its pattern.
//!
//! Overlaps are declared: two patterns may both match a word only if both carry the
//! same [`Enc::overlap`] group name, and then the one listed first wins (so put the
//! more specific one first). `tests::no_undeclared_overlaps` enforces this.
//!
//! The same table feeds execution ([`crate::cpu`]), disassembly ([`disassemble`]),
//! coverage (per-encoding counters in the CPU) and random-test generation
//! ([`Decoder::random_word`]).

use crate::cpu::{Cpu, Stop};
use std::sync::OnceLock;

/// Executes one decoded instruction.
pub type ExecFn = fn(&mut Cpu, &Insn) -> Result<(), Stop>;
/// Disassembles one decoded instruction at `pc` (LLVM-style syntax where written).
pub type DisFn = fn(&Insn, u64) -> String;

/// The architectural feature an encoding belongs to (what the ID registers advertise).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Feature {
    /// A64 base instruction set (Armv8.0), including system instructions.
    Base,
    /// Scalar floating point (FP).
    Fp,
    /// Advanced SIMD.
    AdvSimd,
    /// Large System Extensions: LSE atomics (Armv8.1).
    Lse,
    /// CRC32 instructions.
    Crc32,
    /// Other post-8.0 A64 extensions that are always on in this CPU.
    V8x,
    /// The Scalable Vector Extension (FEAT_SVE); UNDEF on a vCPU without SVE.
    Sve,
}

/// One line of the decode table.
#[derive(Clone, Copy)]
pub struct Enc {
    /// Arm mnemonic plus form suffix, unique within the table.
    pub name: &'static str,
    /// The bit pattern, most significant bit first (see the module docs).
    pub pattern: &'static str,
    /// Semantics.
    pub exec: ExecFn,
    /// Disassembly; `None` uses [`dis_generic`].
    pub dis: Option<DisFn>,
    /// The feature that gates this encoding.
    pub feat: Feature,
    /// Declared overlap group: encodings in the same group may match the same word,
    /// and the first listed wins.
    pub overlap: Option<&'static str>,
}

impl Enc {
    /// A base-ISA encoding with the generic disassembler and no overlap group.
    pub const fn new(name: &'static str, pattern: &'static str, exec: ExecFn) -> Enc {
        Enc {
            name,
            pattern,
            exec,
            dis: None,
            feat: Feature::Base,
            overlap: None,
        }
    }
    /// Sets the gating feature.
    pub const fn feat(mut self, feat: Feature) -> Enc {
        self.feat = feat;
        self
    }
    /// Sets the disassembler.
    pub const fn dis(mut self, dis: DisFn) -> Enc {
        self.dis = Some(dis);
        self
    }
    /// Declares the overlap group.
    pub const fn overlap(mut self, group: &'static str) -> Enc {
        self.overlap = Some(group);
        self
    }
}

/// Maximum number of named fields in one pattern.
pub const MAX_FIELDS: usize = 8;

/// A decoded instruction: the word, the index of its table line and its fields.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Insn {
    /// The instruction word.
    pub word: u32,
    /// Index into [`Decoder::encs`].
    pub idx: u16,
    /// Field values in pattern order; signed fields are sign-extended to 32 bits.
    pub f: [u32; MAX_FIELDS],
}

impl Insn {
    /// Signed view of field `n`.
    #[inline]
    pub fn s(&self, n: usize) -> i64 {
        self.f[n] as i32 as i64
    }
}

/// A field of a compiled pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// Name as written in the pattern.
    pub name: &'static str,
    /// Least significant bit position.
    pub lsb: u8,
    /// Width in bits.
    pub len: u8,
    /// Sign-extend when extracting.
    pub signed: bool,
}

/// A pattern compiled to mask/value form plus field positions.
#[derive(Clone, Debug)]
pub struct Compiled {
    /// The table line.
    pub enc: Enc,
    /// Bits that are fixed.
    pub mask: u32,
    /// Their required values.
    pub value: u32,
    /// Named fields in pattern order.
    pub fields: Vec<Field>,
}

impl std::fmt::Debug for Enc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Enc({} \"{}\")", self.name, self.pattern)
    }
}

/// Parses a pattern; `Err` names the problem.
pub fn compile(enc: &Enc) -> Result<Compiled, String> {
    let mut pos: i32 = 32;
    let (mut mask, mut value) = (0u32, 0u32);
    let mut fields = Vec::new();
    for tok in enc.pattern.split_whitespace() {
        if let Some((name, width)) = tok.split_once(':') {
            let (signed, digits) = match width.strip_prefix('s') {
                Some(d) => (true, d),
                None => (false, width),
            };
            let len: i32 = digits
                .parse()
                .map_err(|_| format!("{}: bad field width in {tok}", enc.name))?;
            if name.is_empty() || !(1..=32).contains(&len) {
                return Err(format!("{}: bad field {tok}", enc.name));
            }
            pos -= len;
            if pos < 0 {
                return Err(format!("{}: pattern longer than 32 bits", enc.name));
            }
            fields.push(Field {
                name,
                lsb: pos as u8,
                len: len as u8,
                signed,
            });
        } else {
            for c in tok.chars() {
                pos -= 1;
                if pos < 0 {
                    return Err(format!("{}: pattern longer than 32 bits", enc.name));
                }
                match c {
                    '0' => mask |= 1 << pos,
                    '1' => {
                        mask |= 1 << pos;
                        value |= 1 << pos;
                    }
                    '.' => {}
                    _ => return Err(format!("{}: bad character {c:?}", enc.name)),
                }
            }
        }
    }
    if pos != 0 {
        return Err(format!(
            "{}: pattern is {} bits, not 32",
            enc.name,
            32 - pos
        ));
    }
    if fields.len() > MAX_FIELDS {
        return Err(format!("{}: more than {MAX_FIELDS} fields", enc.name));
    }
    Ok(Compiled {
        enc: *enc,
        mask,
        value,
        fields,
    })
}

impl Compiled {
    /// Does `word` match the fixed bits?
    #[inline]
    pub fn matches(&self, word: u32) -> bool {
        word & self.mask == self.value
    }

    /// Extracts the fields of `word` (which must match).
    #[inline]
    pub fn extract(&self, word: u32, idx: u16) -> Insn {
        let mut f = [0u32; MAX_FIELDS];
        for (slot, fd) in f.iter_mut().zip(&self.fields) {
            let raw = (word >> fd.lsb) & (u32::MAX >> (32 - fd.len as u32));
            *slot = if fd.signed {
                let sh = 32 - fd.len as u32;
                (((raw << sh) as i32) >> sh) as u32
            } else {
                raw
            };
        }
        Insn { word, idx, f }
    }

    /// Do two patterns match a common word?
    pub fn overlaps(&self, other: &Compiled) -> bool {
        (self.value ^ other.value) & self.mask & other.mask == 0
    }
}

/// Bits of the word used to pick a bucket of candidate encodings.
const BUCKET_SHIFT: u32 = 21;

/// The whole table, compiled, with a bucketed lookup.
pub struct Decoder {
    /// Every encoding in table order.
    pub encs: Vec<Compiled>,
    buckets: Vec<Vec<u16>>,
}

impl Decoder {
    /// Compiles a list of tables (in priority order).
    pub fn new(tables: &[&[Enc]]) -> Result<Decoder, String> {
        let mut encs = Vec::new();
        for t in tables {
            for e in t.iter() {
                encs.push(compile(e)?);
            }
        }
        if encs.len() >= u16::MAX as usize {
            return Err("decode table too large".into());
        }
        let nb = 1usize << (32 - BUCKET_SHIFT);
        let mut buckets = vec![Vec::new(); nb];
        for (i, c) in encs.iter().enumerate() {
            let m = c.mask >> BUCKET_SHIFT;
            let v = c.value >> BUCKET_SHIFT;
            for (key, b) in buckets.iter_mut().enumerate() {
                if (key as u32) & m == v {
                    b.push(i as u16);
                }
            }
        }
        Ok(Decoder { encs, buckets })
    }

    /// The decoder for the full table of [`crate::isa`], built once.
    pub fn global() -> &'static Decoder {
        static D: OnceLock<Decoder> = OnceLock::new();
        D.get_or_init(|| match Decoder::new(crate::isa::TABLES) {
            Ok(d) => d,
            // The table is a compile-time constant checked by the unit tests.
            Err(e) => panic!("invalid decode table: {e}"),
        })
    }

    /// Decodes `word`: the first matching line, or `None` (unallocated: UNDEF).
    #[inline]
    pub fn decode(&self, word: u32) -> Option<Insn> {
        for &i in &self.buckets[(word >> BUCKET_SHIFT) as usize] {
            let c = &self.encs[i as usize];
            if c.matches(word) {
                return Some(c.extract(word, i));
            }
        }
        None
    }

    /// Index of the encoding called `name`.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.encs.iter().position(|c| c.enc.name == name)
    }

    /// A random word for encoding `idx`: fixed bits as the pattern says, every other
    /// bit from `rand`. Callers may then constrain named fields through
    /// [`Compiled::fields`] (for example aim a base register at a scratch buffer).
    /// Returns `None` if the word decodes to an earlier line of an overlap group instead.
    pub fn random_word(&self, idx: usize, rand: u32) -> Option<u32> {
        let c = &self.encs[idx];
        let w = (rand & !c.mask) | c.value;
        match self.decode(w) {
            Some(i) if i.idx as usize == idx => Some(w),
            _ => None,
        }
    }
}

/// Generic disassembly: the table name and its fields.
pub fn dis_generic(c: &Compiled, i: &Insn) -> String {
    let mut s = c.enc.name.to_string();
    for (n, fd) in c.fields.iter().enumerate() {
        if fd.signed {
            s += &format!(" {}={}", fd.name, i.f[n] as i32);
        } else {
            s += &format!(" {}={:#x}", fd.name, i.f[n]);
        }
    }
    s
}

/// Disassembles one word at `pc` (`.inst 0x…` when unallocated).
pub fn disassemble(word: u32, pc: u64) -> String {
    let d = Decoder::global();
    match d.decode(word) {
        Some(i) => {
            let c = &d.encs[i.idx as usize];
            match c.enc.dis {
                Some(f) => f(&i, pc),
                None => dis_generic(c, &i),
            }
        }
        None => format!(".inst {word:#010x} (unallocated)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles_and_names_are_unique() {
        let mut names = std::collections::HashSet::new();
        for t in crate::isa::TABLES {
            for e in t.iter() {
                compile(e).unwrap_or_else(|err| panic!("{err}"));
                assert!(names.insert(e.name), "duplicate encoding name {}", e.name);
            }
        }
    }

    #[test]
    fn no_undeclared_overlaps() {
        let d = Decoder::global();
        let mut bad = Vec::new();
        for (i, a) in d.encs.iter().enumerate() {
            for b in &d.encs[i + 1..] {
                if a.overlaps(b) {
                    let ok = a.enc.overlap.is_some() && a.enc.overlap == b.enc.overlap;
                    if !ok {
                        bad.push(format!("{} / {}", a.enc.name, b.enc.name));
                    }
                }
            }
        }
        assert!(bad.is_empty(), "undeclared overlaps:\n{}", bad.join("\n"));
    }

    #[test]
    fn declared_groups_really_overlap() {
        // A group whose members overlap nothing else in the group is a stale declaration.
        let d = Decoder::global();
        for (i, a) in d.encs.iter().enumerate() {
            if let Some(g) = a.enc.overlap {
                let partner = d
                    .encs
                    .iter()
                    .enumerate()
                    .any(|(j, b)| j != i && b.enc.overlap == Some(g) && a.overlaps(b));
                assert!(
                    partner,
                    "{} declares group {g} but overlaps nothing in it",
                    a.enc.name
                );
            }
        }
    }

    #[test]
    fn pattern_language() {
        fn nop(_: &mut Cpu, _: &Insn) -> Result<(), Stop> {
            Ok(())
        }
        let c = compile(&Enc::new(
            "T",
            "1 sf:1 0. imm:s4 .... rd:5 0000000000 11 10 1",
            nop,
        ))
        .unwrap();
        assert_eq!(c.mask, 0xA000_7FFF);
        assert_eq!(c.value, 0x8000_001D);
        let w = 0x8802_801D;
        assert!(c.matches(w));
        assert!(!c.matches(w ^ (1 << 29)));
        assert!(c.matches(w ^ (1 << 28)));
        let i = c.extract(w, 0);
        assert_eq!(i.f[0], 0);
        assert_eq!(i.f[1] as i32, -8);
        assert_eq!(i.s(1), -8);
        assert_eq!(i.f[2], 5);
        assert!(compile(&Enc::new("T", "1 0", nop)).is_err());
        assert!(compile(&Enc::new("T", "x:33", nop)).is_err());
    }
}
