//! Embeds the guest suite: every case of guests/expected/MANIFEST with its ELF
//! (guests/bin/ELF.elf) and QEMU's output (guests/expected/NAME.txt), so the
//! runner is one static binary that can be an initramfs's /init.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let guests = dir.join("../../../guests");
    let guests = guests.canonicalize().unwrap_or(guests);
    let manifest = guests.join("expected/MANIFEST");
    println!("cargo:rerun-if-changed={}", manifest.display());
    let text = std::fs::read_to_string(&manifest)
        .unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
    let mut elfs: Vec<String> = Vec::new();
    let mut cases = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(f.len(), 4, "MANIFEST line {line:?}: NAME ELF SMP CPU");
        let (name, elf, smp, cpu) = (f[0], f[1], f[2], f[3]);
        let smp: u32 = smp.parse().expect("MANIFEST SMP");
        let idx = match elfs.iter().position(|e| e == elf) {
            Some(i) => i,
            None => {
                elfs.push(elf.to_string());
                elfs.len() - 1
            }
        };
        let txt = guests.join(format!("expected/{name}.txt"));
        println!("cargo:rerun-if-changed={}", txt.display());
        writeln!(
            cases,
            "    Case {{ name: {name:?}, elf: {idx}, smp: {smp}, cpu: {cpu:?}, expected: include_bytes!({:?}) }},",
            txt.display().to_string()
        )
        .unwrap();
    }
    let mut out =
        String::from("/// The guest ELFs, by name.\npub static ELFS: &[(&str, &[u8])] = &[\n");
    for e in &elfs {
        let p = guests.join(format!("bin/{e}.elf"));
        println!("cargo:rerun-if-changed={}", p.display());
        writeln!(
            out,
            "    ({e:?}, include_bytes!({:?})),",
            p.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n\n/// The cases of guests/expected/MANIFEST, in its order.\npub static CASES: &[Case] = &[\n");
    out.push_str(&cases);
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("cases.rs");
    std::fs::write(dest, out).unwrap();
}
