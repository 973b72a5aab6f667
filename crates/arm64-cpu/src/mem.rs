//! Guest physical memory as the CPU sees it, and the CPU's memory accessors.
//!
//! RAM is a set of host mappings handed down by the layer above (softkvm builds it
//! from KVM memory slots). Every physical address outside RAM is MMIO: the access
//! stops the CPU with an [`MmioReq`], the instruction is abandoned without changing
//! architectural state, and once the request has been completed the instruction is
//! executed again from the start. On that replay the completed accesses are answered
//! from the log in order (reads return the data supplied, writes are not repeated),
//! so an instruction that touches MMIO more than once (LDP, a vector load) exits once
//! per access, each with the exact address, size and data, as KVM does.

use crate::cpu::{Cpu, Stop};
use crate::exception::Exception;
use std::sync::atomic::{AtomicU16, AtomicU32, AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;

/// One RAM mapping: guest physical `[gpa, gpa+size)` lives at host address `host`.
#[derive(Clone, Copy, Debug)]
pub struct Region {
    /// Guest physical base.
    pub gpa: u64,
    /// Length in bytes.
    pub size: u64,
    /// Host virtual address of the first byte.
    pub host: *mut u8,
    /// Writes exit as MMIO (KVM_MEM_READONLY).
    pub readonly: bool,
}

/// Guest RAM: non-overlapping regions, sorted by `gpa`.
#[derive(Clone, Debug, Default)]
pub struct GuestRam {
    regions: Vec<Region>,
}

// SAFETY: the host mappings are owned by the layer above, which promises (as KVM's
// user memory regions do) that they stay valid while installed. All guest accesses
// through them are either plain byte copies or host atomics, the same sharing model
// as guest RAM under KVM, where several vCPU threads and the VMM touch it at once.
unsafe impl Send for GuestRam {}
// SAFETY: see `Send`; `GuestRam` itself is immutable once built.
unsafe impl Sync for GuestRam {}

impl GuestRam {
    /// Builds the map; overlapping regions are refused.
    pub fn new(mut regions: Vec<Region>) -> Result<GuestRam, String> {
        regions.retain(|r| r.size != 0);
        regions.sort_by_key(|r| r.gpa);
        for w in regions.windows(2) {
            if w[0].gpa.saturating_add(w[0].size) > w[1].gpa {
                return Err(format!("RAM regions overlap at {:#x}", w[1].gpa));
            }
        }
        Ok(GuestRam { regions })
    }

    /// The regions, sorted.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// Host pointer for `[pa, pa+len)` if it lies entirely inside one region
    /// (and that region is writable when `write`).
    #[inline]
    pub fn host_ptr(&self, pa: u64, len: usize, write: bool) -> Option<*mut u8> {
        let r = self.region_of(pa, len)?;
        if write && r.readonly {
            return None;
        }
        // SAFETY: region_of checked that off < size, inside the mapping.
        Some(unsafe { r.host.add(pa.wrapping_sub(r.gpa) as usize) })
    }

    /// The region holding all of `[pa, pa+len)`, if one does.
    #[inline]
    pub fn region_of(&self, pa: u64, len: usize) -> Option<&Region> {
        // Few regions in practice: a linear scan beats a binary search.
        self.regions.iter().find(|r| {
            let off = pa.wrapping_sub(r.gpa);
            off < r.size && (len as u64) <= r.size - off
        })
    }
}

/// A host pointer that may move between threads with the CPU (see `GuestRam`'s
/// `Send`: the mapping it points into is shared the same way).
#[derive(Clone, Copy, Debug)]
struct HostPtr(*mut u8);
// SAFETY: as for GuestRam: the pointer is only dereferenced while the GuestRam it
// came from is installed, under the same sharing rules.
unsafe impl Send for HostPtr {}

/// The RAM region one kind of access (instruction fetch, data) last hit: nearly
/// every access hits the same region as the one before, so the CPU tries it before
/// scanning the map. It holds a reference to the map it came from and is used only
/// while that map is still the CPU's, so replacing `Cpu::ram` (by `set_ram` or by
/// assignment) can never leave it pointing into a mapping that is gone.
#[derive(Clone, Debug)]
pub(crate) struct RegionHint {
    owner: Arc<GuestRam>,
    gpa: u64,
    size: u64,
    host: HostPtr,
    readonly: bool,
}

impl RegionHint {
    /// A hint that never hits.
    pub(crate) fn new(ram: &Arc<GuestRam>) -> RegionHint {
        RegionHint {
            owner: ram.clone(),
            gpa: 0,
            size: 0,
            host: HostPtr(std::ptr::null_mut()),
            readonly: true,
        }
    }

    /// `ram.host_ptr(pa, len, write)`, trying the last region first.
    #[inline(always)]
    pub(crate) fn host_ptr(
        &mut self,
        ram: &Arc<GuestRam>,
        pa: u64,
        len: usize,
        write: bool,
    ) -> Option<*mut u8> {
        let off = pa.wrapping_sub(self.gpa);
        if off < self.size
            && (len as u64) <= self.size - off
            && !(write && self.readonly)
            && Arc::ptr_eq(&self.owner, ram)
        {
            // SAFETY: inside the region (checked above) of the installed map.
            return Some(unsafe { self.host.0.add(off as usize) });
        }
        self.refill(ram, pa, len, write)
    }

    #[cold]
    #[inline(never)]
    fn refill(&mut self, ram: &Arc<GuestRam>, pa: u64, len: usize, write: bool) -> Option<*mut u8> {
        let r = ram.region_of(pa, len)?;
        *self = RegionHint {
            owner: ram.clone(),
            gpa: r.gpa,
            size: r.size,
            host: HostPtr(r.host),
            readonly: r.readonly,
        };
        ram.host_ptr(pa, len, write)
    }
}

/// An MMIO access the CPU needs the layer above to perform.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MmioReq {
    /// Physical address.
    pub pa: u64,
    /// Size in bytes: 1, 2, 4 or 8.
    pub len: u8,
    /// Is it a write?
    pub write: bool,
    /// For a write, the data (little-endian, low `len` bytes).
    pub data: u64,
}

/// Completed MMIO accesses of the instruction being executed, replayed in order.
#[derive(Debug, Default)]
pub(crate) struct MmioLog {
    done: Vec<(MmioReq, u64)>,
    pos: usize,
    pending: Option<MmioReq>,
}

impl MmioLog {
    // clear and rewind run around every instruction: keep them to a few tests.
    #[inline(always)]
    pub(crate) fn clear(&mut self) {
        if !self.done.is_empty() {
            self.done.clear();
        }
        self.pos = 0;
        self.pending = None;
    }
    #[inline(always)]
    pub(crate) fn rewind(&mut self) {
        self.pos = 0;
        if self.pending.is_some() {
            self.rewind_pending();
        }
    }
    #[cold]
    fn rewind_pending(&mut self) {
        // A write needs no completion data: running again means the layer above
        // performed it, so the replay must skip it rather than exit for it again.
        if let Some(req) = self.pending {
            if req.write {
                self.pending = None;
                self.done.push((req, 0));
            }
        }
    }
    pub(crate) fn pending(&self) -> Option<MmioReq> {
        self.pending
    }
    pub(crate) fn complete(&mut self, data: u64) {
        if let Some(req) = self.pending.take() {
            self.done.push((req, data));
        }
    }
    fn access(&mut self, req: MmioReq) -> Result<u64, Stop> {
        if let Some((r, d)) = self.done.get(self.pos) {
            if *r == req {
                self.pos += 1;
                return Ok(*d);
            }
            // The replay diverged (the guest's memory changed under us): start over.
            self.done.clear();
            self.pos = 0;
        }
        self.pending = Some(req);
        Err(Stop::Mmio(req))
    }
}

/// What an access is for (fault reporting).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Acc {
    /// Data read.
    Read,
    /// Data write.
    Write,
}

fn mask(len: usize) -> u64 {
    if len >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * len)) - 1
    }
}

impl Cpu {
    /// Translates a data address for an access of kind `acc` at the current EL (as
    /// EL0 inside LDTR/STTR unless PSTATE.UAO). MMU off: VA = PA. MMU on: stage 1
    /// through the TLB ([`crate::mmu`]); a fault is a guest Data Abort.
    #[inline]
    pub fn translate(&self, va: u64, acc: Acc) -> Result<u64, Stop> {
        if !self.mmu_on() {
            return self.pa_s1off(va, acc == Acc::Write);
        }
        self.translate_data(va, acc == Acc::Write).map(|t| t.pa)
    }

    /// The physical address of a data access with stage 1 off
    /// (AArch64.TranslateAddressS1Off): PA = VA, except that the top byte is ignored
    /// when TCR_EL1.TBI0/TBI1 says so (AddrTop applies whether or not the MMU is on),
    /// and a VA with bits set between AddrTop and the 48-bit PA size takes an Address
    /// size fault at level 0.
    #[inline(always)]
    pub(crate) fn pa_s1off(&self, va: u64, write: bool) -> Result<u64, Stop> {
        if va >> 48 == 0 {
            return Ok(va);
        }
        self.pa_s1off_high(va, write)
    }

    #[cold]
    #[inline(never)]
    fn pa_s1off_high(&self, va: u64, write: bool) -> Result<u64, Stop> {
        let tbi_bit = if (va >> 55) & 1 != 0 { 38 } else { 37 };
        let top_ignored = (self.sys.tcr_el1 >> tbi_bit) & 1 != 0;
        let high = if top_ignored {
            (va >> 48) & 0xFF
        } else {
            va >> 48
        };
        if high != 0 {
            return Err(Stop::Exception(Exception::DataAbort {
                va,
                fsc: 0x00,
                wnr: write,
            }));
        }
        Ok(va & ((1 << 48) - 1))
    }

    /// Host pointer for a data access to RAM at physical `pa` (the RAM fast path).
    #[inline(always)]
    fn data_ptr(&mut self, pa: u64, len: usize, write: bool) -> Option<*mut u8> {
        self.dhint.host_ptr(&self.ram, pa, len, write)
    }

    /// Host pointer for an instruction fetch from RAM at physical `pa`.
    #[inline(always)]
    pub(crate) fn fetch_ptr(&mut self, pa: u64) -> Option<*mut u8> {
        self.ihint.host_ptr(&self.ram, pa, 4, false)
    }

    /// Reads `len` (1, 2, 4 or 8) bytes at virtual address `va`, zero-extended.
    /// Aligned accesses to RAM are single-copy atomic.
    #[inline]
    pub fn read_mem(&mut self, va: u64, len: usize) -> Result<u64, Stop> {
        if self.mmu_on() {
            return self.read_mem_s1(va, len);
        }
        let pa = self.pa_s1off(va, false)?;
        if let Some(p) = self.data_ptr(pa, len, false) {
            // SAFETY: p..p+len is inside a live RAM mapping (GuestRam's contract).
            return Ok(unsafe { load(p, len) });
        }
        self.mmio_read(pa, len)
    }

    /// Writes the low `len` (1, 2, 4 or 8) bytes of `v` at `va`.
    #[inline]
    pub fn write_mem(&mut self, va: u64, len: usize, v: u64) -> Result<(), Stop> {
        if self.mmu_on() {
            return self.write_mem_s1(va, len, v);
        }
        let pa = self.pa_s1off(va, true)?;
        if let Some(p) = self.data_ptr(pa, len, true) {
            // SAFETY: as in read_mem.
            unsafe { store(p, len, v) };
            return Ok(());
        }
        self.mmio_write(pa, len, v)
    }

    /// Reads `buf.len()` bytes at `va` (vector and pair accesses).
    pub fn read_bytes(&mut self, va: u64, buf: &mut [u8]) -> Result<(), Stop> {
        if self.mmu_on() {
            return self.read_bytes_s1(va, buf);
        }
        let pa = self.pa_s1off(va, false)?;
        if let Some(p) = self.data_ptr(pa, buf.len(), false) {
            // SAFETY: inside a live RAM mapping; byte copies (no atomicity promised
            // beyond single bytes for a multi-register access).
            unsafe { std::ptr::copy_nonoverlapping(p, buf.as_mut_ptr(), buf.len()) };
            return Ok(());
        }
        self.read_chunks(va, buf)
    }

    /// Reads `buf` at `va` in naturally aligned chunks of at most 8 bytes (one MMIO
    /// access each; a chunk never crosses a page).
    fn read_chunks(&mut self, va: u64, buf: &mut [u8]) -> Result<(), Stop> {
        let mut off = 0;
        while off < buf.len() {
            let n = chunk(va.wrapping_add(off as u64), buf.len() - off);
            let v = self.read_mem(va.wrapping_add(off as u64), n)?;
            buf[off..off + n].copy_from_slice(&v.to_le_bytes()[..n]);
            off += n;
        }
        Ok(())
    }

    /// Writes `data` at `va`.
    pub fn write_bytes(&mut self, va: u64, data: &[u8]) -> Result<(), Stop> {
        if self.mmu_on() {
            return self.write_bytes_s1(va, data);
        }
        let pa = self.pa_s1off(va, true)?;
        if let Some(p) = self.data_ptr(pa, data.len(), true) {
            // SAFETY: as in read_bytes.
            unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), p, data.len()) };
            return Ok(());
        }
        self.write_chunks(va, data)
    }

    fn write_chunks(&mut self, va: u64, data: &[u8]) -> Result<(), Stop> {
        let mut off = 0;
        while off < data.len() {
            let n = chunk(va.wrapping_add(off as u64), data.len() - off);
            let mut b = [0u8; 8];
            b[..n].copy_from_slice(&data[off..off + n]);
            self.write_mem(va.wrapping_add(off as u64), n, u64::from_le_bytes(b))?;
            off += n;
        }
        Ok(())
    }

    /// [`Cpu::read_mem`] with the MMU on. An access that crosses a 4 KiB page is
    /// translated page by page (it can only be unaligned, so it need not be atomic).
    fn read_mem_s1(&mut self, va: u64, len: usize) -> Result<u64, Stop> {
        if (va & 0xFFF) as usize + len > 0x1000 {
            let mut b = [0u8; 8];
            self.read_bytes_s1(va, &mut b[..len.min(8)])?;
            return Ok(u64::from_le_bytes(b));
        }
        let t = self.translate_data(va, false)?;
        if t.host != 0 {
            // SAFETY: the access lies inside one 4 KiB page that is all RAM.
            return Ok(unsafe { load(t.host as *mut u8, len) });
        }
        if let Some(p) = self.ram.host_ptr(t.pa, len, false) {
            // SAFETY: inside a live RAM mapping.
            return Ok(unsafe { load(p, len) });
        }
        self.mmio_read(t.pa, len)
    }

    fn write_mem_s1(&mut self, va: u64, len: usize, v: u64) -> Result<(), Stop> {
        if (va & 0xFFF) as usize + len > 0x1000 {
            let b = v.to_le_bytes();
            return self.write_bytes_s1(va, &b[..len.min(8)]);
        }
        let t = self.translate_data(va, true)?;
        if t.host != 0 && t.hostw {
            // SAFETY: the access lies inside one 4 KiB page that is all writable RAM.
            unsafe { store(t.host as *mut u8, len, v) };
            return Ok(());
        }
        if let Some(p) = self.ram.host_ptr(t.pa, len, true) {
            // SAFETY: inside a live RAM mapping.
            unsafe { store(p, len, v) };
            return Ok(());
        }
        self.mmio_write(t.pa, len, v)
    }

    /// The page-sized pieces of `[va, va+len)`: (offset, length).
    fn pages(va: u64, len: usize) -> impl Iterator<Item = (usize, usize)> {
        let mut off = 0usize;
        std::iter::from_fn(move || {
            if off >= len {
                return None;
            }
            let a = va.wrapping_add(off as u64);
            let n = (0x1000 - (a & 0xFFF) as usize).min(len - off);
            let piece = (off, n);
            off += n;
            Some(piece)
        })
    }

    fn read_bytes_s1(&mut self, va: u64, buf: &mut [u8]) -> Result<(), Stop> {
        for (off, n) in Self::pages(va, buf.len()) {
            let a = va.wrapping_add(off as u64);
            let t = self.translate_data(a, false)?;
            let dst = &mut buf[off..off + n];
            let src = if t.host != 0 {
                Some(t.host as *mut u8)
            } else {
                self.ram.host_ptr(t.pa, n, false)
            };
            match src {
                // SAFETY: n bytes inside one page of a live RAM mapping.
                Some(p) => unsafe { std::ptr::copy_nonoverlapping(p, dst.as_mut_ptr(), n) },
                None => self.read_chunks(a, dst)?,
            }
        }
        Ok(())
    }

    /// Every page is translated (and may fault) before any byte is written.
    fn write_bytes_s1(&mut self, va: u64, data: &[u8]) -> Result<(), Stop> {
        for (off, _) in Self::pages(va, data.len()) {
            self.translate_data(va.wrapping_add(off as u64), true)?;
        }
        for (off, n) in Self::pages(va, data.len()) {
            let a = va.wrapping_add(off as u64);
            let t = self.translate_data(a, true)?;
            let src = &data[off..off + n];
            let dst = if t.host != 0 && t.hostw {
                Some(t.host as *mut u8)
            } else {
                self.ram.host_ptr(t.pa, n, true)
            };
            match dst {
                // SAFETY: n bytes inside one page of a live, writable RAM mapping.
                Some(p) => unsafe { std::ptr::copy_nonoverlapping(src.as_ptr(), p, n) },
                None => self.write_chunks(a, src)?,
            }
        }
        Ok(())
    }

    /// Host pointer for an access of `len` bytes at physical `pa` in RAM, if any:
    /// for atomics, which must operate on RAM with host atomic instructions.
    #[inline]
    pub fn ram_ptr(&self, pa: u64, len: usize, write: bool) -> Option<*mut u8> {
        self.ram.host_ptr(pa, len, write)
    }

    /// Is `pa..pa+len` RAM? (First-fault and non-fault loads treat anything else as
    /// a fault rather than performing an MMIO access.)
    pub fn is_ram(&self, pa: u64, len: usize) -> bool {
        self.ram.host_ptr(pa, len, false).is_some()
    }

    fn mmio_read(&mut self, pa: u64, len: usize) -> Result<u64, Stop> {
        let d = self.mmio.access(MmioReq {
            pa,
            len: len as u8,
            write: false,
            data: 0,
        })?;
        Ok(d & mask(len))
    }

    fn mmio_write(&mut self, pa: u64, len: usize, v: u64) -> Result<(), Stop> {
        self.mmio
            .access(MmioReq {
                pa,
                len: len as u8,
                write: true,
                data: v & mask(len),
            })
            .map(|_| ())
    }

    /// An Alignment fault (DFSC 0x21) on a data access at `va`.
    pub fn alignment_fault(&self, va: u64, write: bool) -> Stop {
        Stop::Exception(Exception::DataAbort {
            va,
            fsc: 0x21,
            wnr: write,
        })
    }

    /// The alignment rule for ordinary (not atomic, exclusive or ordered) data
    /// accesses of `size` bytes (a power of two) at `va`: faults when SCTLR_EL1.A is
    /// set (before any MMU fault), and also when the memory is Device memory, where
    /// every unaligned access takes an Alignment fault (AArch64.FirstStageTranslate;
    /// this one comes after the MMU faults, so the access is translated first). With
    /// the stage 1 MMU off all data accesses are to Device-nGnRnE memory
    /// (AArch64.TranslateAddressS1Off). QEMU 7.2 honours only SCTLR_EL1.A with the
    /// MMU off; see [`crate::CpuConfig::mmu_off_device`].
    #[inline]
    pub fn check_alignment(&self, va: u64, size: usize, write: bool) -> Result<(), Stop> {
        if va & (size as u64).wrapping_sub(1) == 0 {
            return Ok(());
        }
        let sctlr = self.sys.sctlr_el1;
        if sctlr & 2 != 0 {
            return Err(self.alignment_fault(va, write));
        }
        let device = if sctlr & 1 == 0 {
            self.cfg.mmu_off_device
        } else {
            self.translate_data(va, write)?.device
        };
        if device {
            return Err(self.alignment_fault(va, write));
        }
        Ok(())
    }

    /// A synchronous external abort on a data access at `va` (for accesses the
    /// platform cannot perform, such as an atomic to MMIO).
    pub fn external_abort(&self, va: u64, write: bool) -> Stop {
        Stop::Exception(Exception::DataAbort {
            va,
            fsc: 0x10,
            wnr: write,
        })
    }
}

/// Largest naturally aligned power-of-two chunk (≤ 8) at `va` not exceeding `left`.
fn chunk(va: u64, left: usize) -> usize {
    let mut n = 8;
    while n > 1 && (va % n as u64 != 0 || n > left) {
        n /= 2;
    }
    n
}

/// Loads `len` bytes from host memory, atomically when naturally aligned.
///
/// # Safety
/// `p..p+len` must be valid for reads.
#[inline]
pub unsafe fn load(p: *mut u8, len: usize) -> u64 {
    let aligned = (p as usize) % len == 0;
    // SAFETY: caller guarantees validity; atomics only on aligned pointers.
    unsafe {
        match (len, aligned) {
            (1, _) => (*(p as *const AtomicU8)).load(Ordering::Relaxed) as u64,
            (2, true) => (*(p as *const AtomicU16)).load(Ordering::Relaxed) as u64,
            (4, true) => (*(p as *const AtomicU32)).load(Ordering::Relaxed) as u64,
            (8, true) => (*(p as *const AtomicU64)).load(Ordering::Relaxed),
            _ => {
                let mut b = [0u8; 8];
                std::ptr::copy_nonoverlapping(p, b.as_mut_ptr(), len);
                u64::from_le_bytes(b)
            }
        }
    }
}

/// Stores the low `len` bytes of `v` to host memory, atomically when aligned.
///
/// # Safety
/// `p..p+len` must be valid for writes.
#[inline]
pub unsafe fn store(p: *mut u8, len: usize, v: u64) {
    let aligned = (p as usize) % len == 0;
    // SAFETY: caller guarantees validity; atomics only on aligned pointers.
    unsafe {
        match (len, aligned) {
            (1, _) => (*(p as *const AtomicU8)).store(v as u8, Ordering::Relaxed),
            (2, true) => (*(p as *const AtomicU16)).store(v as u16, Ordering::Relaxed),
            (4, true) => (*(p as *const AtomicU32)).store(v as u32, Ordering::Relaxed),
            (8, true) => (*(p as *const AtomicU64)).store(v, Ordering::Relaxed),
            _ => {
                let b = v.to_le_bytes();
                std::ptr::copy_nonoverlapping(b.as_ptr(), p, len);
            }
        }
    }
}
