//! Loads an AArch64 ELF64 executable as QEMU's `-kernel` does for an ELF:
//! every PT_LOAD segment at its physical address (p_paddr), file bytes then
//! zeros up to p_memsz; the entry point is e_entry.

use std::fmt;
use std::path::Path;

use object::elf;
use object::read::elf::{FileHeader, ProgramHeader};
use object::Endianness;

/// One PT_LOAD segment, ready to copy into RAM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub paddr: u64,
    pub data: Vec<u8>,
    pub memsz: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub entry: u64,
    pub segments: Vec<Segment>,
}

/// Why an ELF cannot be loaded; Display is one line naming the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError(pub String);

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LoadError {}

pub fn load_file(path: &Path, ram_base: u64, ram_size: u64) -> Result<Image, LoadError> {
    let data = std::fs::read(path)
        .map_err(|e| LoadError(format!("cannot read guest {}: {}", path.display(), e)))?;
    parse(&data, ram_base, ram_size)
        .map_err(|e| LoadError(format!("guest {}: {}", path.display(), e)))
}

/// Checks and parses an ELF image; errors are phrased without the file name.
pub fn parse(data: &[u8], ram_base: u64, ram_size: u64) -> Result<Image, String> {
    // object reads the ELF headers in place, as references to aligned structs:
    // bytes at an odd address (an `include_bytes!` image, a slice into a
    // larger buffer) would look like a garbled header. Copy those first.
    if data.as_ptr() as usize % 8 != 0 {
        let mut words = vec![0u64; data.len().div_ceil(8)];
        for (w, c) in words.iter_mut().zip(data.chunks(8)) {
            let mut b = [0u8; 8];
            b[..c.len()].copy_from_slice(c);
            *w = u64::from_ne_bytes(b);
        }
        // SAFETY: words owns at least data.len() initialised bytes, 8-aligned,
        // and outlives the borrow (parse_aligned copies what it keeps).
        let aligned =
            unsafe { std::slice::from_raw_parts(words.as_ptr().cast::<u8>(), data.len()) };
        return parse_aligned(aligned, ram_base, ram_size);
    }
    parse_aligned(data, ram_base, ram_size)
}

fn parse_aligned(data: &[u8], ram_base: u64, ram_size: u64) -> Result<Image, String> {
    let ram_end = ram_base.saturating_add(ram_size);
    // Identify before parsing, to say precisely what is wrong.
    if data.len() < 16 || &data[..4] != b"\x7fELF" {
        return Err("not an ELF file".into());
    }
    match data[4] {
        elf::ELFCLASS64 => {}
        elf::ELFCLASS32 => return Err("32-bit ELF: an AArch64 ELF64 image is needed".into()),
        c => return Err(format!("bad ELF class {c}")),
    }
    match data[5] {
        elf::ELFDATA2LSB => {}
        elf::ELFDATA2MSB => {
            return Err("big-endian ELF: only little-endian AArch64 guests are supported".into())
        }
        d => return Err(format!("bad ELF data encoding {d}")),
    }
    let hdr = elf::FileHeader64::<Endianness>::parse(data)
        .map_err(|e| format!("garbled ELF header ({e})"))?;
    let endian = hdr
        .endian()
        .map_err(|e| format!("garbled ELF header ({e})"))?;
    let machine = hdr.e_machine(endian);
    if machine != elf::EM_AARCH64 {
        return Err(format!(
            "ELF machine {} ({}), not AArch64",
            machine,
            machine_name(machine)
        ));
    }
    let ty = hdr.e_type(endian);
    if ty != elf::ET_EXEC {
        return Err(match ty {
            elf::ET_REL => "a relocatable object (.o), not a linked executable".into(),
            elf::ET_DYN => {
                "a position-independent/shared ELF: link the guest at a fixed address in RAM".into()
            }
            elf::ET_CORE => "a core dump, not an executable".into(),
            t => format!("ELF type {t}, not an executable"),
        });
    }
    let phdrs = hdr
        .program_headers(endian, data)
        .map_err(|e| format!("garbled program headers ({e})"))?;
    let mut segments = Vec::new();
    for (i, ph) in phdrs.iter().enumerate() {
        if ph.p_type(endian) != elf::PT_LOAD {
            continue;
        }
        let paddr = ph.p_paddr(endian);
        let filesz = ph.p_filesz(endian);
        let memsz = ph.p_memsz(endian);
        if memsz == 0 {
            continue;
        }
        if filesz > memsz {
            return Err(format!(
                "segment {i}: file size {filesz:#x} exceeds memory size {memsz:#x}"
            ));
        }
        let bytes = ph.data(endian, data).map_err(|_| {
            format!("segment {i}: its file bytes lie outside the file (truncated ELF?)")
        })?;
        let end = paddr.checked_add(memsz);
        match end {
            Some(end) if paddr >= ram_base && end <= ram_end => {}
            _ => {
                return Err(format!(
                    "segment {i} at {:#x}..{:#x} is outside RAM {:#x}..{:#x} (link the guest at {:#x}; or raise --mem)",
                    paddr,
                    paddr.wrapping_add(memsz),
                    ram_base,
                    ram_end,
                    ram_base
                ))
            }
        }
        segments.push(Segment {
            paddr,
            data: bytes.to_vec(),
            memsz,
        });
    }
    if segments.is_empty() {
        return Err("no loadable segment".into());
    }
    let entry = hdr.e_entry(endian);
    if !segments
        .iter()
        .any(|s| entry >= s.paddr && entry - s.paddr < s.memsz)
    {
        return Err(format!(
            "entry point {entry:#x} is not inside a loaded segment"
        ));
    }
    Ok(Image { entry, segments })
}

fn machine_name(m: u16) -> &'static str {
    match m {
        elf::EM_386 => "i386",
        elf::EM_X86_64 => "x86-64",
        elf::EM_ARM => "32-bit Arm",
        elf::EM_RISCV => "RISC-V",
        elf::EM_PPC64 => "PowerPC64",
        elf::EM_S390 => "s390",
        elf::EM_MIPS => "MIPS",
        _ => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: u64 = 0x4000_0000;
    const SIZE: u64 = 128 << 20;

    /// A minimal ELF64 header + one PT_LOAD, built by hand per the ELF spec.
    fn elf(machine: u16, ty: u16, paddr: u64, filesz: u64, memsz: u64, entry: u64) -> Vec<u8> {
        let mut v = vec![0u8; 64 + 56];
        v[..4].copy_from_slice(b"\x7fELF");
        v[4] = 2; // ELFCLASS64
        v[5] = 1; // little-endian
        v[6] = 1; // EV_CURRENT
        v[16..18].copy_from_slice(&ty.to_le_bytes());
        v[18..20].copy_from_slice(&machine.to_le_bytes());
        v[20..24].copy_from_slice(&1u32.to_le_bytes());
        v[24..32].copy_from_slice(&entry.to_le_bytes());
        v[32..40].copy_from_slice(&64u64.to_le_bytes()); // e_phoff
        v[52..54].copy_from_slice(&64u16.to_le_bytes()); // e_ehsize
        v[54..56].copy_from_slice(&56u16.to_le_bytes()); // e_phentsize
        v[56..58].copy_from_slice(&1u16.to_le_bytes()); // e_phnum
        let p = 64;
        v[p..p + 4].copy_from_slice(&1u32.to_le_bytes()); // PT_LOAD
        v[p + 4..p + 8].copy_from_slice(&7u32.to_le_bytes());
        v[p + 8..p + 16].copy_from_slice(&120u64.to_le_bytes()); // p_offset
        v[p + 16..p + 24].copy_from_slice(&paddr.to_le_bytes()); // p_vaddr
        v[p + 24..p + 32].copy_from_slice(&paddr.to_le_bytes()); // p_paddr
        v[p + 32..p + 40].copy_from_slice(&filesz.to_le_bytes());
        v[p + 40..p + 48].copy_from_slice(&memsz.to_le_bytes());
        v.extend(std::iter::repeat_n(0xaau8, filesz as usize));
        v
    }

    #[test]
    fn unaligned_bytes_parse_alike() {
        let e = elf(183, 2, BASE, 8, 16, BASE + 4);
        let mut buf = vec![0u8; e.len() + 8];
        for off in 0..8 {
            buf[off..off + e.len()].copy_from_slice(&e);
            let img = parse(&buf[off..off + e.len()], BASE, SIZE);
            assert_eq!(img, parse(&e, BASE, SIZE), "offset {off}");
            assert!(img.is_ok(), "offset {off}");
        }
    }

    #[test]
    fn good_image() {
        let img = parse(&elf(183, 2, BASE, 8, 16, BASE + 4), BASE, SIZE).unwrap();
        assert_eq!(img.entry, BASE + 4);
        assert_eq!(img.segments.len(), 1);
        assert_eq!(img.segments[0].data, vec![0xaa; 8]);
        assert_eq!(img.segments[0].memsz, 16);
    }

    #[test]
    fn bad_images() {
        let e = |v: &[u8]| parse(v, BASE, SIZE).unwrap_err();
        assert!(e(b"hello").contains("not an ELF"));
        assert!(e(&elf(62, 2, BASE, 8, 8, BASE)).contains("x86-64"));
        assert!(e(&elf(183, 1, BASE, 8, 8, BASE)).contains("relocatable"));
        assert!(e(&elf(183, 3, BASE, 8, 8, BASE)).contains("position-independent"));
        assert!(e(&elf(183, 2, 0x1000, 8, 8, 0x1000)).contains("outside RAM"));
        assert!(e(&elf(183, 2, BASE + SIZE - 4, 8, 8, BASE + SIZE - 4)).contains("outside RAM"));
        assert!(e(&elf(183, 2, u64::MAX - 3, 8, 8, BASE)).contains("outside RAM"));
        assert!(e(&elf(183, 2, BASE, 16, 8, BASE)).contains("exceeds"));
        assert!(e(&elf(183, 2, BASE, 8, 8, BASE + 64)).contains("entry point"));
        let mut v = elf(183, 2, BASE, 8, 8, BASE);
        v[4] = 1;
        assert!(e(&v).contains("32-bit"));
        let mut v = elf(183, 2, BASE, 8, 8, BASE);
        v[5] = 2;
        assert!(e(&v).contains("big-endian"));
        let v = elf(183, 2, BASE, 8, 8, BASE);
        assert!(e(&v[..100]).contains("garbled"));
        let v = elf(183, 2, BASE, 8, 8, BASE);
        assert!(e(&v[..124]).contains("outside the file"));
        // Every truncation of a good image is refused without a panic.
        for n in 0..v.len() {
            let _ = parse(&v[..n], BASE, SIZE);
        }
    }
}
