//! The random test generator, driven by the CPU's own decode table.
//!
//! An encoding is picked from the group's pool, its free bits are filled at random
//! ([`Decoder::random_word`]) and then fields are constrained by name. The naming
//! convention the generator relies on (the one the Arm ARM and the table use):
//!
//! - a 5-bit field whose name starts with `r` (`rd`, `rn`, `rm`, `rt`, `rt2`, `rs`,
//!   `ra`) names a general-purpose register (or, in FP/SIMD encodings, a V
//!   register; the generator treats both alike);
//! - in a memory encoding (name starting `LD`, `ST`, `PRF`, `CAS`, `SWP`), `rn` is
//!   the base register, `rm` the index register, `zn` a vector of base addresses,
//!   `zm` a vector of offsets, and `imm*` fields are offsets;
//! - branches (`B`, `BL`, `CBZ`, `CBNZ`, `TBZ`, `TBNZ`, `B_cond`, …) carry their
//!   offset in their first signed field.
//!
//! Before a memory instruction the generator inserts fixups (ADD/SUB immediate from
//! X27 = scratch base and X26 = 0, SVE INDEX) that aim its base and index at the
//! scratch block; test instructions never name X25..X27, so those stay intact.

use crate::layout::{SCRATCH, SCRATCH_SIZE, XBASE, XZERO};
use crate::state::{ArchState, Case, Item};
use arm64_cpu::decode::{Compiled, Decoder, Feature, Field};
use arm64_cpu::isa;
use std::collections::HashMap;

/// A small, fast, seedable PRNG (xorshift64*).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// Seeded generator (any seed, zero included).
    pub fn new(seed: u64) -> Rng {
        Rng(crate::layout::mem_word(seed, 0x5eed) | 1)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() >> 32) * n) >> 32
    }
    /// True with probability `num/den`.
    pub fn chance(&mut self, num: u64, den: u64) -> bool {
        self.below(den) < num
    }
    /// A random element.
    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }
}

/// The instruction groups tests are drawn from (by the encoding's [`Feature`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// A64 base, LSE, CRC32 and later base extensions: integer, branches, loads/stores.
    Int,
    /// Scalar floating point.
    Fp,
    /// Advanced SIMD.
    Simd,
    /// SVE.
    Sve,
}

impl Group {
    /// The group of an encoding: by its module, or for a table this harness does
    /// not know, by its feature.
    pub fn of(module: &str, f: Feature) -> Group {
        match (module, f) {
            ("base" | "system" | "ldst", _) => Group::Int,
            ("fp", _) => Group::Fp,
            ("simd" | "simd_fp", _) => Group::Simd,
            ("sve", _) | (_, Feature::Sve) => Group::Sve,
            (_, Feature::Fp) => Group::Fp,
            (_, Feature::AdvSimd) => Group::Simd,
            _ => Group::Int,
        }
    }
}

/// What the generator knows about one table line.
#[derive(Clone, Debug)]
pub struct EncInfo {
    /// Index in the decode table.
    pub idx: usize,
    /// The module (table) it comes from.
    pub module: &'static str,
    /// Its group.
    pub group: Group,
    /// Accesses memory (fixups needed).
    pub mem: bool,
    /// A direct branch (made to jump forward inside the sequence).
    pub branch: bool,
    /// First-fault or non-fault load (aimed partly at the unmapped page).
    pub ff: bool,
    /// Not generated, and why.
    pub excluded: Option<&'static str>,
}

/// The module names of the table in [`isa::TABLES`] order.
pub fn module_names() -> Vec<&'static str> {
    let known: [(&[arm64_cpu::decode::Enc], &str); 7] = [
        (isa::base::ENCODINGS, "base"),
        (isa::system::ENCODINGS, "system"),
        (isa::ldst::ENCODINGS, "ldst"),
        (isa::fp::ENCODINGS, "fp"),
        (isa::simd::ENCODINGS, "simd"),
        (isa::simd_fp::ENCODINGS, "simd_fp"),
        (isa::sve::ENCODINGS, "sve"),
    ];
    isa::TABLES
        .iter()
        .map(|t| {
            known
                .iter()
                // By content: the same static slice need not keep one address
                // across crates, and empty tables are all alike (and own no line).
                .find(|(k, _)| {
                    k.len() == t.len() && k.iter().zip(t.iter()).all(|(a, b)| a.name == b.name)
                })
                .map(|(_, n)| *n)
                .unwrap_or("other")
        })
        .collect()
}

/// The module name of every table line, by index.
pub fn module_names_by_index() -> &'static [&'static str] {
    static M: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        let mut v = Vec::new();
        for (t, m) in isa::TABLES.iter().zip(module_names()) {
            v.extend(std::iter::repeat_n(m, t.len()));
        }
        v
    })
}

/// The mnemonic part of a table name (`LDR_imm` → `LDR`).
pub fn mnemonic(name: &str) -> &str {
    name.split('_').next().unwrap_or(name)
}

/// Never generated, wherever they are: control flow out of the sequence, exception
/// generation, system registers (counters and IDs differ between Linux user mode and
/// our bare EL0), cache/TLB maintenance, waits, and hints that may be PAuth/BTI.
const EXCLUDED_MNEMONICS: &[&str] = &[
    "BR", "BLR", "RET", "ERET", "BRAA", "BRAAZ", "BRAB", "BRABZ", "BLRAA", "BLRAAZ", "BLRAB",
    "BLRABZ", "RETAA", "RETAB", "ERETAA", "ERETAB", "SVC", "HVC", "SMC", "BRK", "HLT", "UDF",
    "DCPS1", "DCPS2", "DCPS3", "DRPS", "MSR", "MRS", "SYS", "SYSL", "DC", "IC", "AT", "TLBI",
    "WFI", "WFE", "WFIT", "WFET", "SEV", "SEVL", "HINT", "YIELD", "BTI",
];

/// From the system table only these are generated.
const SYSTEM_ALLOWED: &[&str] = &[
    "NOP", "DMB", "DSB", "ISB", "CLREX", "SB", "SSBB", "PSSBB", "CFINV", "XAFLAG", "AXFLAG",
];

const BRANCH_MNEMONICS: &[&str] = &["B", "BL", "BC", "CBZ", "CBNZ", "TBZ", "TBNZ"];
const MEM_PREFIXES: &[&str] = &["LD", "ST", "PRF", "CAS", "SWP"];

/// Classifies every table line.
pub fn classify() -> Vec<EncInfo> {
    let d = Decoder::global();
    let modules = module_names();
    let mut out = Vec::with_capacity(d.encs.len());
    let mut idx = 0;
    for (t, m) in isa::TABLES.iter().zip(modules) {
        for _ in t.iter() {
            let c = &d.encs[idx];
            let name = c.enc.name;
            let mn = mnemonic(name);
            let mem = MEM_PREFIXES.iter().any(|p| name.starts_with(p));
            let branch = BRANCH_MNEMONICS.contains(&mn);
            let excluded = if EXCLUDED_MNEMONICS.contains(&mn) {
                Some("system, exception or indirect branch")
            } else if m == "system" && !SYSTEM_ALLOWED.contains(&mn) {
                Some("system instruction")
            } else if branch && !c.fields.iter().any(|f| f.signed) {
                Some("branch without an offset field")
            } else {
                None
            };
            out.push(EncInfo {
                idx,
                module: m,
                group: Group::of(m, c.enc.feat),
                mem,
                branch,
                ff: mem && (name.contains("FF1") || name.contains("NF1")),
                excluded,
            });
            idx += 1;
        }
    }
    out
}

fn field_get(w: u32, f: &Field) -> u32 {
    (w >> f.lsb) & (u32::MAX >> (32 - f.len as u32))
}

fn field_set(w: u32, f: &Field, v: u32) -> u32 {
    let m = (u32::MAX >> (32 - f.len as u32)) << f.lsb;
    (w & !m) | ((v << f.lsb) & m)
}

fn is_reg_field(f: &Field) -> bool {
    f.len == 5 && f.name.starts_with('r') && f.name.len() <= 3
}

fn reserved(r: u32) -> bool {
    (XZERO - 1..=XBASE).contains(&r)
}

/// The bits of an encoding that are neither fixed nor in a field (`.` in the
/// pattern): the Arm ARM's (0)/(1) should-be bits.
pub fn should_be_mask(c: &Compiled) -> u32 {
    let mut m = c.mask;
    for f in &c.fields {
        m |= (u32::MAX >> (32 - f.len as u32)) << f.lsb;
    }
    !m
}

/// ADD (or SUB) Xd|SP, Xn|SP, #imm12 {, LSL #12}.
pub fn add_imm(rd: u32, rn: u32, imm12: u32, lsl12: bool, sub: bool) -> u32 {
    let base = if sub { 0xD100_0000 } else { 0x9100_0000 };
    base | (lsl12 as u32) << 22 | (imm12 & 0xFFF) << 10 | (rn & 31) << 5 | (rd & 31)
}

/// INDEX Zd.<T>, #start, #step (size 2 = .S, 3 = .D).
pub fn index_ii(zd: u32, size: u32, start: i32, step: i32) -> u32 {
    0x0420_4000 | size << 22 | ((step as u32) & 31) << 16 | ((start as u32) & 31) << 5 | zd
}

/// INDEX Zd.<T>, <R>n, #step.
pub fn index_ri(zd: u32, size: u32, rn: u32, step: i32) -> u32 {
    0x0420_4400 | size << 22 | ((step as u32) & 31) << 16 | rn << 5 | zd
}

/// If `word` is a generated branch at position `pos` whose target lies beyond
/// `total` (the end of the code), the same branch aimed at the end.
pub fn retarget_branch(word: u32, pos: i64, total: i64) -> Option<u32> {
    let d = Decoder::global();
    let i = d.decode(word)?;
    let c = &d.encs[i.idx as usize];
    if !BRANCH_MNEMONICS.contains(&mnemonic(c.enc.name)) {
        return None;
    }
    let f = c.fields.iter().find(|f| f.signed)?;
    let raw = field_get(word, f);
    let sh = 32 - f.len as u32;
    let off = (((raw << sh) as i32) >> sh) as i64;
    if pos + off > total {
        Some(field_set(word, f, (total - pos) as u32))
    } else {
        None
    }
}

/// The generator.
pub struct Gen {
    /// Randomness.
    pub rng: Rng,
    /// Every table line.
    pub info: Vec<EncInfo>,
    pools: HashMap<Group, Vec<usize>>,
}

/// Interesting 64-bit patterns: FP64 specials and integer edges.
const F64_SPECIAL: &[u64] = &[
    0x0000_0000_0000_0000, // +0
    0x8000_0000_0000_0000, // -0
    0x7FF0_0000_0000_0000, // +inf
    0xFFF0_0000_0000_0000, // -inf
    0x7FF8_0000_0000_0000, // default qNaN
    0x7FF8_0000_0000_1234, // qNaN with payload
    0xFFF4_0000_0000_0001, // sNaN, negative
    0x7FF0_0000_0000_0001, // smallest sNaN
    0x0000_0000_0000_0001, // smallest denormal
    0x000F_FFFF_FFFF_FFFF, // largest denormal
    0x8008_0000_0000_0000, // negative denormal
    0x0010_0000_0000_0000, // smallest normal
    0x7FEF_FFFF_FFFF_FFFF, // largest finite
    0xFFEF_FFFF_FFFF_FFFE, // near -max
    0x3FF0_0000_0000_0000, // 1.0
    0xBFF0_0000_0000_0000, // -1.0
    0x3FE0_0000_0000_0000, // 0.5
    0x3FF8_0000_0000_0000, // 1.5
    0x4004_0000_0000_0000, // 2.5
    0x43E0_0000_0000_0000, // 2^63
    0xC3E0_0000_0000_0000, // -2^63
    0x41E0_0000_0000_0000, // 2^31
    0x41F0_0000_0000_0000, // 2^32
    0x3CA0_0000_0000_0000, // 2^-53
    0x7FE0_0000_0000_0000, // 2^1023
    0x47EF_FFFF_E000_0000, // FLT_MAX as double
    0x47F0_0000_0000_0000, // just above FLT_MAX
    0x380F_FFFF_F000_0000, // near FLT_MIN as double
];

const F32_SPECIAL: &[u32] = &[
    0x0000_0000,
    0x8000_0000,
    0x7F80_0000,
    0xFF80_0000,
    0x7FC0_0000,
    0x7FC0_1234,
    0xFFA0_0001,
    0x7F80_0001,
    0x0000_0001,
    0x007F_FFFF,
    0x8040_0000,
    0x0080_0000,
    0x7F7F_FFFF,
    0xFF7F_FFFE,
    0x3F80_0000,
    0xBF80_0000,
    0x3F00_0000,
    0x3FC0_0000,
    0x4020_0000,
    0x5F00_0000,
    0xDF00_0000,
    0x4F00_0000,
    0x4F80_0000,
    0x3380_0000,
    0x477F_E000,
    0x477F_F000,
    0x3880_0000,
    0x3300_0000,
];

const F16_SPECIAL: &[u16] = &[
    0x0000, 0x8000, 0x7C00, 0xFC00, 0x7E00, 0x7E12, 0xFD01, 0x7C01, 0x0001, 0x03FF, 0x8200, 0x0400,
    0x7BFF, 0xFBFE, 0x3C00, 0xBC00, 0x3800, 0x3E00, 0x4100, 0x7800, 0x5640, 0x1400,
];

const INT_EDGE: &[u64] = &[
    0,
    1,
    2,
    u64::MAX,
    u64::MAX - 1,
    i64::MAX as u64,
    i64::MIN as u64,
    0x7FFF_FFFF,
    0x8000_0000,
    0xFFFF_FFFF,
    0x1_0000_0000,
    0xFFFF_FFFF_8000_0000,
    0x7F,
    0x80,
    0xFF,
    0x7FFF,
    0x8000,
    0xFFFF,
    63,
    64,
    32,
];

impl Gen {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Gen {
        let info = classify();
        let mut pools: HashMap<Group, Vec<usize>> = HashMap::new();
        for e in &info {
            if e.excluded.is_none() {
                pools.entry(e.group).or_default().push(e.idx);
            }
        }
        Gen {
            rng: Rng::new(seed),
            info,
            pools,
        }
    }

    /// Encodings of `g` the generator draws from.
    pub fn pool(&self, g: Group) -> &[usize] {
        self.pools.get(&g).map(|v| v.as_slice()).unwrap_or(&[])
    }

    /// Stops generating `idx` (our CPU does not implement it).
    pub fn drop_encoding(&mut self, idx: usize) {
        for p in self.pools.values_mut() {
            p.retain(|&i| i != idx);
        }
    }

    fn u64_value(&mut self) -> u64 {
        let r = &mut self.rng;
        match r.below(10) {
            0..=2 => r.next_u64(),
            3 => r.pick(INT_EDGE),
            4 => r.below(33).wrapping_sub(16),
            5 => r.pick(F64_SPECIAL) ^ r.below(2), // with or without the last ulp
            6 => (r.pick(F32_SPECIAL) as u64) << 32 | r.pick(F32_SPECIAL) as u64,
            7 => {
                let mut v = 0;
                for _ in 0..4 {
                    v = v << 16 | r.pick(F16_SPECIAL) as u64;
                }
                v
            }
            8 => {
                // Small FP numbers (exact integers and simple fractions).
                let f = (r.below(64) as f64 - 32.0) / (1 << r.below(4)) as f64;
                if r.chance(1, 2) {
                    f.to_bits()
                } else {
                    ((f as f32).to_bits() as u64) << 32 | (-(f as f32)).to_bits() as u64
                }
            }
            _ => r.pick(INT_EDGE) ^ r.below(4),
        }
    }

    /// A random initial state at vector length `vl` bytes.
    pub fn state(&mut self, vl: usize) -> ArchState {
        let mut s = ArchState::zeroed(vl);
        for i in 0..31 {
            s.x[i] = self.u64_value();
        }
        s.x[XZERO as usize] = 0;
        s.x[XBASE as usize] = SCRATCH;
        s.sp = SCRATCH + 0x8000;
        s.nzcv = self.rng.below(16) << 28;
        s.fpcr = if self.rng.chance(1, 2) {
            0
        } else {
            // AHP, DN, FZ, RMode, FZ16 (trap enables are RAZ/WI on QEMU and here).
            self.rng.next_u64() & (1 << 26 | 1 << 25 | 1 << 24 | 3 << 22 | 1 << 19)
        };
        s.fpsr = if self.rng.chance(1, 2) {
            0
        } else {
            self.rng.next_u64() & (0x9F | 1 << 27)
        };
        let nz = s.z.len() / 8;
        for i in 0..nz {
            let v = self.u64_value();
            s.z[8 * i..8 * i + 8].copy_from_slice(&v.to_le_bytes());
        }
        let pl = vl / 8;
        for n in 0..17 {
            let kind = self.rng.below(8);
            let pat: u8 = self.rng.pick(&[0xFF, 0x55, 0x11, 0x01]);
            let bytes: Vec<u8> = (0..pl)
                .map(|_| match kind {
                    0 | 1 => pat,
                    2 => 0,
                    3 => pat & self.rng.next_u64() as u8,
                    _ => self.rng.next_u64() as u8,
                })
                .collect();
            if n == 16 {
                // FFR: mostly all true, as after SETFFR.
                if self.rng.chance(3, 4) {
                    s.ffr.fill(0xFF);
                } else {
                    s.ffr.copy_from_slice(&bytes);
                }
            } else {
                s.p[n * pl..(n + 1) * pl].copy_from_slice(&bytes);
            }
        }
        s
    }

    /// One test instruction of encoding `idx` with its fixups, or `None` if no
    /// acceptable word was found. `vl` is the vector length in bytes.
    pub fn group_for(&mut self, idx: usize, vl: usize) -> Option<Vec<Item>> {
        let d = Decoder::global();
        let c: &Compiled = &d.encs[idx];
        let info = self.info[idx].clone();
        let sb = should_be_mask(c);
        'retry: for _ in 0..32 {
            let mut w = d.random_word(idx, self.rng.next_u64() as u32)?;
            // `.` bits are the Arm ARM's should-be-zero/one bits: a word with other
            // values there is CONSTRAINED UNPREDICTABLE, so mostly keep them zero.
            if self.rng.chance(7, 8) {
                w &= !sb;
            }
            let mut used: Vec<u32> = Vec::new();
            for f in &c.fields {
                if is_reg_field(f) {
                    let mut r = field_get(w, f);
                    let mut tries = 0;
                    while reserved(r) || (info.mem && used.contains(&r) && r != 31) {
                        r = self.rng.below(32) as u32;
                        tries += 1;
                        if tries > 64 {
                            continue 'retry;
                        }
                    }
                    used.push(r);
                    w = field_set(w, f, r);
                } else if info.mem
                    && (f.name.starts_with("imm") || f.name.starts_with("off"))
                    && f.len >= 9
                {
                    // Mostly multiples of 16: our CPU runs with the MMU off, where an
                    // unaligned access faults (see deviations.rs), so keep most
                    // unscaled offsets aligned to keep sequences going.
                    let mut v = if f.signed {
                        self.rng.below(128) as i64 - 64
                    } else {
                        self.rng.below(128) as i64
                    };
                    if self.rng.chance(4, 5) {
                        v &= !15;
                    }
                    w = field_set(w, f, v as u32);
                }
            }
            match d.decode(w) {
                Some(i) if i.idx as usize == idx => {}
                _ => continue,
            }
            let mut items = Vec::new();
            if info.mem {
                self.mem_fixups(c, &info, w, vl, &mut items);
            }
            items.push(Item {
                word: w,
                enc: Some(idx as u16),
            });
            return Some(items);
        }
        None
    }

    fn mem_fixups(&mut self, c: &Compiled, info: &EncInfo, w: u32, vl: usize, out: &mut Vec<Item>) {
        let get = |n: &str| {
            c.fields
                .iter()
                .find(|f| f.name == n)
                .map(|f| field_get(w, f))
        };
        let fix = |word| Item { word, enc: None };
        let rn = get("rn");
        if let Some(rn) = rn {
            let r = &mut self.rng;
            let size = SCRATCH_SIZE;
            let off = if info.ff && r.chance(2, 5) {
                // Across the end of the block into the unmapped page.
                size - r.below(2 * vl as u64 + 1)
            } else if r.chance(1, 20) {
                size - r.below(65)
            } else {
                let o = 0x4000 + r.below(0x8000);
                let align = if rn == 31 {
                    if r.chance(19, 20) {
                        16
                    } else {
                        1
                    }
                } else {
                    r.pick(&[64, 64, 64, 64, 64, 64, 64, 64, 16, 1])
                };
                o & !(align - 1)
            };
            out.push(fix(add_imm(rn, XBASE, (off >> 12) as u32, true, false)));
            out.push(fix(add_imm(rn, rn, (off & 0xFFF) as u32, false, false)));
        }
        if let Some(rm) = get("rm") {
            if rm != 31 && Some(rm) != rn {
                let k = if self.rng.chance(4, 5) {
                    16 * self.rng.below(5) as u32
                } else {
                    self.rng.below(65) as u32
                };
                let sub = self.rng.chance(1, 4);
                out.push(fix(add_imm(rm, XZERO, k, false, sub)));
            }
        }
        if info.group == Group::Sve {
            if let Some(zm) = get("zm") {
                let size = if self.rng.chance(1, 2) { 2 } else { 3 };
                let start = self.rng.below(8) as i32;
                let step = self.rng.below(16) as i32;
                out.push(fix(index_ii(zm, size, start, step)));
            }
            if rn.is_none() {
                if let Some(zn) = get("zn") {
                    let size = if self.rng.chance(1, 2) { 2 } else { 3 };
                    let step = self.rng.below(16) as i32;
                    out.push(fix(index_ri(zn, size, XBASE, step)));
                }
            }
        }
    }

    /// A random case of `n` test instructions from `group` at vector length `vl`.
    /// `undefined(word)` says whether our CPU takes UNDEF on a word: such a word
    /// (reserved field values are common in random encodings) would end the case
    /// early, so at most one is kept, as the last instruction.
    pub fn case(
        &mut self,
        group: Group,
        vl: usize,
        n: usize,
        undefined: &mut dyn FnMut(u32) -> bool,
    ) -> Option<Case> {
        let pool = self.pool(group).to_vec();
        if pool.is_empty() {
            return None;
        }
        let mut groups = Vec::new();
        let mut branch_targets = Vec::new();
        let mut tail = None;
        let mut attempts = 0;
        while groups.len() + usize::from(tail.is_some()) < n && attempts < 64 * n {
            attempts += 1;
            let idx = self.rng.pick(&pool);
            if let Some(g) = self.group_for(idx, vl) {
                if undefined(g[g.len() - 1].word) {
                    if tail.is_none() {
                        tail = Some(g);
                    }
                    continue;
                }
                if self.info[idx].branch {
                    // Forward, to the start of a later group or the end.
                    let me = groups.len();
                    let t = me + 1 + self.rng.below((n - me) as u64) as usize;
                    branch_targets.push((me, t));
                }
                groups.push(g);
            }
        }
        groups.extend(tail);
        if groups.is_empty() {
            return None;
        }
        let n = groups.len();
        branch_targets
            .iter_mut()
            .for_each(|(_, t): &mut (usize, usize)| *t = (*t).min(n));
        let init = self.state(vl);
        let seed = self.rng.next_u64();
        let mut case = Case { init, seed, groups };
        patch_branches(&mut case, &branch_targets);
        Some(case)
    }
}

/// Points each branch (group index, target group index) at its target.
fn patch_branches(case: &mut Case, targets: &[(usize, usize)]) {
    let d = Decoder::global();
    let mut starts = Vec::new();
    let mut pos = 0usize;
    for g in &case.groups {
        starts.push(pos);
        pos += g.len();
    }
    starts.push(pos);
    for &(gi, ti) in targets {
        let g = &mut case.groups[gi];
        let last = g.len() - 1;
        let at = starts[gi] + last;
        let it = &mut g[last];
        let Some(i) = d.decode(it.word) else { continue };
        let c = &d.encs[i.idx as usize];
        if let Some(f) = c.fields.iter().find(|f| f.signed) {
            let off = starts[ti] as i64 - at as i64;
            it.word = field_set(it.word, f, off as u32);
        }
    }
}
