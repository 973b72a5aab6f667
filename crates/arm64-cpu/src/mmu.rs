//! Stage 1 address translation of the EL1&0 regime (the Arm ARM's
//! AArch64.FirstStageTranslate and the VMSAv8-64 translation table walk), the TLB
//! that caches it, AT and TLBI. There is no stage 2: the hypervisor's stage 2 is
//! the identity, so the output address of stage 1 is the physical address.
//!
//! What is implemented (and advertised by ID_AA64MMFR0/1/2_EL1):
//! - 4K, 16K and 64K granules for TTBR0_EL1 (TG0) and TTBR1_EL1 (TG1); the reserved
//!   TGx encodings act as 4K, as QEMU 7.2 does.
//! - TxSZ from 16 to 39 (48-bit VAs, no FEAT_LVA, no FEAT_TTST). A TxSZ outside that
//!   range is IMPLEMENTATION DEFINED to either clamp or fault; like QEMU 7.2 this PE
//!   takes a Translation fault at level 0.
//! - 48-bit physical addresses (PARange = 0b0101); IPS limits the output size further,
//!   and output or table addresses beyond it take an Address size fault at the level of
//!   the descriptor that held them (level 0 for TTBRn_EL1).
//! - TBI0/TBI1 for data and instruction addresses (no FEAT_PAuth, so no TBID), EPD0/1,
//!   A1, AS (8- or 16-bit ASIDs), nG, APTable/UXNTable/PXNTable, AP[2:1], UXN/PXN
//!   (and the implicit PXN of EL0-writable memory), SCTLR_EL1.WXN, PAN with LDTR/STTR
//!   and PSTATE.UAO, MAIR_EL1 (Device or Normal: only the type matters to this CPU).
//! - No FEAT_HAFDBS: TCR_EL1.HA/HD are RES0, so AF = 0 takes an Access flag fault.
//!   No FEAT_HPDS, FEAT_LPA, FEAT_LPA2, FEAT_TTCNP. The contiguous bit is a hint and
//!   is ignored.
//!
//! The TLB is per vCPU, direct-mapped on 4 KiB VA pages and holds only final
//! translations (every leaf is "last level", so VALE1 and VAE1 act alike). Entries
//! are tagged with the ASID unless global (nG = 0). A block or a 16K/64K page fills
//! one entry per 4 KiB piece that is used; each entry remembers the size of the
//! mapping it came from, so a TLBI by VA removes every piece of it. TLBI of the Inner
//! Shareable forms also bumps a process-wide generation that every vCPU checks before
//! it uses its TLB: the other vCPUs then drop their whole TLB (invalidating more than
//! asked is always allowed). Writes to SCTLR_EL1, TCR_EL1 and MAIR_EL1 flush the TLB
//! (the architecture would require a TLBI; flushing more is allowed); writes to
//! TTBRn_EL1 do not, since entries are tagged with the ASID as on hardware (software
//! that reuses an ASID for new tables must TLBI, as the architecture requires).

use crate::cpu::{Cpu, Stop};
use crate::exception::Exception;
use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};

/// Entries in the per-vCPU TLB (a power of two).
pub const TLB_ENTRIES: usize = 256;
/// Physical address size of this PE (ID_AA64MMFR0_EL1.PARange = 0b0101).
pub const PA_BITS: u32 = 48;

/// Bumped by every broadcast (Inner Shareable) TLBI in this process.
static TLBI_IS_GEN: AtomicU64 = AtomicU64::new(0);

/// A stage 1 fault, with the level of the lookup that found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Address size fault (output or table address beyond the PA size).
    AddressSize(u8),
    /// Translation fault (invalid descriptor, VA outside the ranges, EPDn, TxSZ).
    Translation(u8),
    /// Access flag fault (AF = 0).
    AccessFlag(u8),
    /// Permission fault.
    Permission(u8),
    /// Synchronous External abort on a translation table walk (the table
    /// descriptor's address is not RAM).
    WalkExternal(u8),
}

impl Fault {
    /// The fault status code (ESR_ELx.ISS.{I,D}FSC and PAR_EL1.FST).
    pub fn fsc(self) -> u32 {
        match self {
            Fault::AddressSize(l) => l as u32,
            Fault::Translation(l) => 0x04 | l as u32,
            Fault::AccessFlag(l) => 0x08 | l as u32,
            Fault::Permission(l) => 0x0C | l as u32,
            Fault::WalkExternal(l) => 0x14 | l as u32,
        }
    }
}

/// How an access is checked against the stage 1 permissions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Req {
    /// Needs write permission.
    pub write: bool,
    /// Instruction fetch (needs execute permission).
    pub fetch: bool,
    /// Checked with EL0's permissions (EL0, LDTR/STTR at EL1 without UAO, AT S1E0*).
    pub user: bool,
    /// PSTATE.PAN applies (privileged data accesses only).
    pub pan: bool,
    /// Permissions are checked at all (cache maintenance by VA at EL1 is not).
    pub check: bool,
}

/// Permission bits of a TLB entry, after APTable, XNTable and WXN.
const PR: u8 = 1;
const PW: u8 = 2;
const UR: u8 = 4;
const UW: u8 = 8;
const PX: u8 = 16;
const UX: u8 = 32;

/// One cached final translation of a 4 KiB VA page.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TlbEntry {
    /// VA >> 12 (with the tag byte replaced by bit 55's copies when TBI applies);
    /// `u64::MAX` when invalid.
    tag: u64,
    /// Physical address of the 4 KiB page.
    pa: u64,
    /// Host address of the page if all of it is RAM, else 0.
    host: usize,
    /// That RAM is writable (not a read-only slot).
    hostw: bool,
    asid: u16,
    global: bool,
    perms: u8,
    /// The MAIR_EL1 attribute byte.
    attr: u8,
    /// Level of the descriptor (for Permission faults).
    level: u8,
    /// log2 of the size of the block or page the entry came from.
    shift: u8,
}

const INVALID: TlbEntry = TlbEntry {
    tag: u64::MAX,
    pa: 0,
    host: 0,
    hostw: false,
    asid: 0,
    global: false,
    perms: 0,
    attr: 0,
    level: 0,
    shift: 12,
};

/// The translation state of one vCPU.
pub(crate) struct Mmu {
    tlb: Box<[Cell<TlbEntry>]>,
    /// The last [`TLBI_IS_GEN`] this vCPU has acted on.
    gen: Cell<u64>,
    /// The fetch page cache: `VA page | EL` of the code page, or `u64::MAX`.
    pub(crate) fetch_tag: u64,
    /// Host address of that page.
    pub(crate) fetch_host: usize,
    /// Set by LDTR/STTR around their access: checked as EL0 unless PSTATE.UAO.
    pub(crate) unpriv: bool,
}

impl Default for Mmu {
    fn default() -> Self {
        Mmu {
            tlb: (0..TLB_ENTRIES).map(|_| Cell::new(INVALID)).collect(),
            gen: Cell::new(TLBI_IS_GEN.load(Ordering::Acquire)),
            fetch_tag: u64::MAX,
            fetch_host: 0,
            unpriv: false,
        }
    }
}

impl Mmu {
    fn flush(&self) {
        for e in self.tlb.iter() {
            e.set(INVALID);
        }
    }
}

/// The result of a successful data or instruction translation.
#[derive(Clone, Copy, Debug)]
pub struct Tr {
    /// Physical address.
    pub pa: u64,
    /// Host address of `pa` when its whole 4 KiB page is RAM, else 0.
    pub host: usize,
    /// That RAM is writable.
    pub hostw: bool,
    /// Device memory (MAIR attribute 0b0000dd00).
    pub device: bool,
}

/// A walk's result.
#[derive(Clone, Copy, Debug)]
struct Walked {
    pa: u64,
    attr: u8,
    sh: u8,
    perms: u8,
    level: u8,
    shift: u8,
    global: bool,
}

#[inline]
fn mask(bits: u32) -> u64 {
    if bits >= 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    }
}

/// Sign-extends from bit 55 (the tag byte replaced by copies of bit 55).
#[inline]
fn sext55(va: u64) -> u64 {
    (((va << 8) as i64) >> 8) as u64
}

/// Does TBI apply to `va` (TCR_EL1.TBI1 for the upper range, TBI0 for the lower)?
#[inline]
fn tbi(tcr: u64, va: u64) -> bool {
    let bit = if (va >> 55) & 1 != 0 { 38 } else { 37 };
    (tcr >> bit) & 1 != 0
}

/// Output address size for TCR_EL1.IPS, capped at PARange (values above it, and the
/// reserved ones, act as PARange).
fn ips_bits(tcr: u64) -> u32 {
    let b = match (tcr >> 32) & 7 {
        0 => 32,
        1 => 36,
        2 => 40,
        3 => 42,
        4 => 44,
        _ => 48,
    };
    b.min(PA_BITS)
}

/// Permission check for an access (AArch64.S1CheckPermissions for the EL1&0 regime).
#[inline]
fn permitted(perms: u8, req: Req) -> bool {
    if !req.check {
        return true;
    }
    if req.fetch {
        return perms & if req.user { UX } else { PX } != 0;
    }
    // PAN: a privileged data access to memory EL0 can read faults.
    if !req.user && req.pan && perms & UR != 0 {
        return false;
    }
    let bit = match (req.user, req.write) {
        (false, false) => PR,
        (false, true) => PW,
        (true, false) => UR,
        (true, true) => UW,
    };
    perms & bit != 0
}

impl Cpu {
    /// Is the stage 1 MMU on (SCTLR_EL1.M)?
    #[inline]
    pub fn mmu_on(&self) -> bool {
        self.sys.sctlr_el1 & 1 != 0
    }

    /// The current ASID: from TTBR1_EL1 if TCR_EL1.A1 else TTBR0_EL1, 8 bits wide
    /// unless TCR_EL1.AS.
    #[inline]
    fn cur_asid(&self) -> u16 {
        let tcr = self.sys.tcr_el1;
        let ttbr = if tcr & (1 << 22) != 0 {
            self.sys.ttbr1_el1
        } else {
            self.sys.ttbr0_el1
        };
        (ttbr >> 48) as u16 & self.asid_mask()
    }

    #[inline]
    fn asid_mask(&self) -> u16 {
        if self.sys.tcr_el1 & (1 << 36) != 0 {
            0xFFFF
        } else {
            0xFF
        }
    }

    /// Drops every TLB entry and the fetch page cache.
    pub fn tlb_flush(&mut self) {
        self.mmu.flush();
        self.mmu.fetch_tag = u64::MAX;
    }

    /// Drops the fetch page cache (its hits skip the ASID check, so an ASID change
    /// must drop it).
    pub(crate) fn fetch_cache_drop(&mut self) {
        self.mmu.fetch_tag = u64::MAX;
    }

    /// Acts on broadcast TLB invalidations by other vCPUs since the last look.
    #[inline]
    fn sync_broadcast(&self) -> bool {
        let g = TLBI_IS_GEN.load(Ordering::Acquire);
        if g != self.mmu.gen.get() {
            self.mmu.gen.set(g);
            self.mmu.flush();
            return true;
        }
        false
    }

    /// The permission request of a data access at the current EL.
    #[inline]
    pub(crate) fn data_req(&self, write: bool) -> Req {
        let p = &self.s.pstate;
        let user = p.el == 0 || (self.mmu.unpriv && !p.uao);
        Req {
            write,
            fetch: false,
            user,
            pan: !user && p.pan,
            check: true,
        }
    }

    /// Translates `va` with the MMU on, through the TLB.
    #[inline]
    pub fn translate_s1(&self, va: u64, req: Req) -> Result<Tr, Fault> {
        self.sync_broadcast();
        let tcr = self.sys.tcr_el1;
        let cva = if tbi(tcr, va) { sext55(va) } else { va };
        let tag = cva >> 12;
        let slot = &self.mmu.tlb[tag as usize & (TLB_ENTRIES - 1)];
        let mut e = slot.get();
        if e.tag != tag || !(e.global || e.asid == self.cur_asid()) {
            let w = self.walk(va)?;
            let pa = w.pa & !0xFFF;
            e = TlbEntry {
                tag,
                pa,
                host: self.ram.host_ptr(pa, 4096, false).map_or(0, |p| p as usize),
                hostw: self.ram.host_ptr(pa, 4096, true).is_some(),
                asid: self.cur_asid(),
                global: w.global,
                perms: w.perms,
                attr: w.attr,
                level: w.level,
                shift: w.shift,
            };
            slot.set(e);
        }
        if !permitted(e.perms, req) {
            return Err(Fault::Permission(e.level));
        }
        let off = va & 0xFFF;
        Ok(Tr {
            pa: e.pa | off,
            host: if e.host != 0 {
                e.host.wrapping_add(off as usize)
            } else {
                0
            },
            hostw: e.hostw,
            device: e.attr & 0xF0 == 0,
        })
    }

    /// Translates a data access at `va` (MMU on), as a guest Data Abort on a fault.
    #[inline]
    pub(crate) fn translate_data(&self, va: u64, write: bool) -> Result<Tr, Stop> {
        self.translate_s1(va, self.data_req(write))
            .map_err(|f| data_abort(va, f, write, false))
    }

    /// The translation table walk (AArch64.S1Walk with the EL1&0 parameters).
    fn walk(&self, va: u64) -> Result<Walked, Fault> {
        let tcr = self.sys.tcr_el1;
        let upper = (va >> 55) & 1 != 0;
        let (tsz, epd, tg, ttbr) = if upper {
            let g = match (tcr >> 30) & 3 {
                0b01 => 14,
                0b11 => 16,
                _ => 12,
            };
            ((tcr >> 16) & 0x3F, (tcr >> 23) & 1, g, self.sys.ttbr1_el1)
        } else {
            let g = match (tcr >> 14) & 3 {
                0b01 => 16,
                0b10 => 14,
                _ => 12,
            };
            (tcr & 0x3F, (tcr >> 7) & 1, g, self.sys.ttbr0_el1)
        };
        let tsz = tsz as u32;
        if !(16..=39).contains(&tsz) {
            return Err(Fault::Translation(0));
        }
        let inputsize = 64 - tsz;
        // VA[top:inputsize] must be all 0 (TTBR0) or all 1 (TTBR1).
        let top = if tbi(tcr, va) { 55 } else { 63 };
        let width = top + 1 - inputsize;
        let hi = (va >> inputsize) & mask(width);
        if hi != if upper { mask(width) } else { 0 } {
            return Err(Fault::Translation(0));
        }
        if epd != 0 {
            return Err(Fault::Translation(0));
        }
        let grain: u32 = tg;
        let stride = grain - 3;
        let start = 4 - (inputsize - 4) / stride;
        let ps = ips_bits(tcr);
        let base = ttbr & mask(48) & !1;
        if base >> ps != 0 {
            return Err(Fault::AddressSize(0));
        }
        // The start level resolves the VA bits above those of the later levels.
        let first_lsb = grain + (3 - start) * stride;
        let first_bits = inputsize - first_lsb;
        let mut table = base & !mask(first_bits + 3);
        let mut level = start;
        let (mut ap_table, mut uxn_table, mut pxn_table) = (0u64, 0u64, 0u64);
        let oa_mask = mask(48) & !mask(grain);
        loop {
            let lsb = grain + (3 - level) * stride;
            let bits = if level == start { first_bits } else { stride };
            let index = (va >> lsb) & mask(bits);
            let daddr = table | index << 3;
            let l8 = level as u8;
            let desc = match self.ram.host_ptr(daddr, 8, false) {
                // SAFETY: 8 bytes inside a live RAM mapping (GuestRam's contract);
                // descriptor reads are single-copy atomic when the host is aligned.
                Some(p) => unsafe { crate::mem::load(p, 8) },
                None => return Err(Fault::WalkExternal(l8)),
            };
            if desc & 1 == 0 {
                return Err(Fault::Translation(l8));
            }
            let table_or_page = desc & 2 != 0;
            if !table_or_page {
                // Blocks: levels 1 and 2 with 4K, level 2 with 16K and 64K (the
                // others need FEAT_LPA/FEAT_LPA2).
                let ok = match grain {
                    12 => level == 1 || level == 2,
                    _ => level == 2,
                };
                if !ok {
                    return Err(Fault::Translation(l8));
                }
            }
            let oa = desc & oa_mask;
            if oa >> ps != 0 {
                return Err(Fault::AddressSize(l8));
            }
            if table_or_page && level < 3 {
                pxn_table |= (desc >> 59) & 1;
                uxn_table |= (desc >> 60) & 1;
                ap_table |= (desc >> 61) & 3;
                table = oa;
                level += 1;
                continue;
            }
            if desc & (1 << 10) == 0 {
                return Err(Fault::AccessFlag(l8));
            }
            let pa = (oa & !mask(lsb)) | (va & mask(lsb));
            // AP[2:1], then APTable: APTable[0] takes EL0 access away, APTable[1]
            // makes the memory read-only.
            let mut ap = (desc >> 6) & 3;
            if ap_table & 1 != 0 {
                ap &= !1;
            }
            if ap_table & 2 != 0 {
                ap |= 2;
            }
            let user_r = ap & 1 != 0;
            let user_w = ap == 0b01;
            let priv_w = ap & 2 == 0;
            let wxn = (self.sys.sctlr_el1 >> 19) & 1 != 0;
            let uxn = (desc >> 54) & 1 != 0 || uxn_table != 0;
            let pxn = (desc >> 53) & 1 != 0 || pxn_table != 0;
            let user_x = !(uxn || (user_w && wxn));
            // Memory writable at EL0 is never executable at EL1.
            let priv_x = !(pxn || user_w || (priv_w && wxn));
            let mut perms = PR;
            for (on, bit) in [
                (priv_w, PW),
                (user_r, UR),
                (user_w, UW),
                (priv_x, PX),
                (user_x, UX),
            ] {
                if on {
                    perms |= bit;
                }
            }
            let idx = (desc >> 2) & 7;
            let attr = (self.sys.mair_el1 >> (8 * idx)) as u8;
            return Ok(Walked {
                pa,
                attr,
                sh: ((desc >> 8) & 3) as u8,
                perms,
                level: l8,
                shift: lsb as u8,
                global: (desc >> 11) & 1 == 0,
            });
        }
    }

    /// PAR_EL1 for AT S1E1R (`op2` 0), S1E1W (1), S1E0R (2), S1E0W (3) with the MMU
    /// on: a fresh walk (AT may or may not use the TLB; this one does not fill it),
    /// then the permission check of that access without PAN (PAN applies only to
    /// the FEAT_PAN2 forms, not implemented).
    ///
    /// On success: PA[47:12], ATTR (the MAIR_EL1 byte), SH (reported as 0b10, Outer
    /// Shareable, for Device and for Normal Inner and Outer Non-cacheable memory, as
    /// the Arm ARM's PAREncodeShareability says), bit 11 RES1; NS (bit 9) is UNKNOWN
    /// for a Non-secure regime and reads 0 here. On a fault: F = 1, FST, bit 11, with
    /// PTW = S = 0 (stage 1).
    pub fn at_s1e(&self, va: u64, op2: u32) -> u64 {
        let user = op2 >= 2;
        let req = Req {
            write: op2 & 1 != 0,
            fetch: false,
            user,
            pan: false,
            check: true,
        };
        let r = self.walk(va).and_then(|w| {
            if permitted(w.perms, req) {
                Ok(w)
            } else {
                Err(Fault::Permission(w.level))
            }
        });
        match r {
            Ok(w) => {
                let sh = if w.attr & 0xF0 == 0 || w.attr == 0x44 {
                    0b10
                } else {
                    w.sh as u64
                };
                (w.pa & mask(48) & !0xFFF) | (w.attr as u64) << 56 | sh << 7 | 1 << 11
            }
            Err(f) => 1 | (f.fsc() as u64) << 1 | 1 << 11,
        }
    }

    /// TLBI by `op2` (0 VMALLE1, 1 VAE1, 2 ASIDE1, 3 VAAE1, 5 VALE1, 7 VAALE1) with
    /// the operand `arg` (ASID in bits 63:48, VA[55:12] in bits 43:0); `is`: the
    /// Inner Shareable form, which also reaches every other vCPU.
    pub fn tlbi(&mut self, op2: u32, is: bool, arg: u64) {
        if is {
            let prev = TLBI_IS_GEN.fetch_add(1, Ordering::AcqRel);
            // Someone else's broadcast we had not seen yet: act on it too.
            if prev != self.mmu.gen.get() {
                self.mmu.flush();
            }
            self.mmu.gen.set(prev.wrapping_add(1));
        }
        self.mmu.fetch_tag = u64::MAX;
        let amask = self.asid_mask();
        let asid = (arg >> 48) as u16 & amask;
        let va = sext55((arg & mask(44)) << 12);
        for slot in self.mmu.tlb.iter() {
            let e = slot.get();
            if e.tag == u64::MAX {
                continue;
            }
            let va_hit = || {
                let sh = (e.shift as u32).min(63);
                (e.tag << 12) >> sh == va >> sh
            };
            let hit = match op2 {
                0 => true,
                1 | 5 => (e.global || e.asid == asid) && va_hit(),
                2 => !e.global && e.asid == asid,
                _ => va_hit(),
            };
            if hit {
                slot.set(INVALID);
            }
        }
    }

    /// Translation for cache maintenance by VA (DC CVAC/CVAU/CIVAC/CVAP/CVADP/IVAC,
    /// IC IVAU) with the MMU on. They take Translation, Address size and Access flag
    /// faults; Permission faults only for DC IVAC without write permission, and at
    /// EL0 without read permission. Faults are Data Aborts with CM = 1 and WnR = 1.
    pub(crate) fn translate_cm(&self, va: u64, ivac: bool) -> Result<(), Stop> {
        let user = self.s.pstate.el == 0;
        let req = Req {
            write: ivac,
            fetch: false,
            user,
            pan: false,
            check: user || ivac,
        };
        self.translate_s1(va, req)
            .map(|_| ())
            .map_err(|f| data_abort(va, f, true, true))
    }

    /// Fetches the instruction word at the (4-aligned) PC through the fetch page
    /// cache, or walks. With TBI applying to instruction addresses, the PC is first
    /// made canonical as AArch64.BranchAddr would have when it was written.
    #[inline]
    pub(crate) fn fetch_word(&mut self, pc: u64) -> Result<u32, Exception> {
        let tag = (pc & !0xFFF) | self.s.pstate.el as u64;
        if tag == self.mmu.fetch_tag && !self.sync_broadcast() {
            let p = self.mmu.fetch_host.wrapping_add((pc & 0xFFF) as usize) as *mut u8;
            // SAFETY: the cached page lies entirely inside a live RAM mapping (checked
            // when cached; dropped on every set_ram and TLB change); 4-aligned.
            return Ok(unsafe { crate::mem::load(p, 4) } as u32);
        }
        self.fetch_walk(pc)
    }

    fn fetch_walk(&mut self, mut pc: u64) -> Result<u32, Exception> {
        self.mmu.fetch_tag = u64::MAX;
        let el = self.s.pstate.el;
        let (pa, page_host) = if !self.mmu_on() {
            // MMU off: fetches are to PA = VA, from RAM only (KVM injects an abort for
            // a fetch outside any memory slot).
            let host = self.ram.host_ptr(pc & !0xFFF, 4096, false);
            (pc, host.map_or(0, |p| p as usize))
        } else {
            if tbi(self.sys.tcr_el1, pc) {
                pc = sext55(pc);
                self.s.pc = pc;
            }
            let req = Req {
                write: false,
                fetch: true,
                user: el == 0,
                pan: false,
                check: true,
            };
            match self.translate_s1(pc, req) {
                Ok(t) if t.host != 0 => (t.pa, t.host.wrapping_sub((pc & 0xFFF) as usize)),
                Ok(t) => (t.pa, 0),
                Err(f) => {
                    return Err(Exception::InstrAbort {
                        va: pc,
                        fsc: f.fsc(),
                    })
                }
            }
        };
        if page_host != 0 {
            self.mmu.fetch_tag = (pc & !0xFFF) | el as u64;
            self.mmu.fetch_host = page_host;
        }
        match self.ram.host_ptr(pa, 4, false) {
            // SAFETY: inside a live RAM mapping; aligned.
            Some(p) => Ok(unsafe { crate::mem::load(p, 4) } as u32),
            None => Err(Exception::InstrAbort { va: pc, fsc: 0x10 }),
        }
    }
}

/// A Data Abort for a stage 1 fault on an access at `va`; `cm` marks cache
/// maintenance (ISS.CM, carried in bit 8 of the fault code).
pub(crate) fn data_abort(va: u64, f: Fault, write: bool, cm: bool) -> Stop {
    Stop::Exception(Exception::DataAbort {
        va,
        fsc: f.fsc() | (cm as u32) << 8,
        wnr: write,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_codes() {
        // ESR_ELx.ISS.DFSC encodings (Arm ARM D17, "ISS encoding for an exception
        // from a Data Abort").
        assert_eq!(Fault::AddressSize(0).fsc(), 0b000000);
        assert_eq!(Fault::Translation(3).fsc(), 0b000111);
        assert_eq!(Fault::AccessFlag(1).fsc(), 0b001001);
        assert_eq!(Fault::Permission(2).fsc(), 0b001110);
        assert_eq!(Fault::WalkExternal(0).fsc(), 0b010100);
    }

    #[test]
    fn permissions_by_ap() {
        let user_rw = Req {
            write: true,
            fetch: false,
            user: true,
            pan: false,
            check: true,
        };
        assert!(permitted(PR | UR | UW, user_rw));
        assert!(!permitted(PR | PW | UR, user_rw));
        let priv_pan = Req {
            user: false,
            pan: true,
            write: false,
            ..user_rw
        };
        assert!(!permitted(PR | UR, priv_pan));
        assert!(permitted(PR, priv_pan));
    }

    #[test]
    fn tag_canonical() {
        assert_eq!(sext55(0xAB80_0000_0000_1000), 0xFF80_0000_0000_1000);
        assert_eq!(sext55(0xAB00_0000_0000_1000), 0x0000_0000_0000_1000);
    }
}
