//! Comparing two outcomes, and the text of a mismatch report.

use crate::layout::TEST_PC;
use crate::state::{Case, End, FaultDetail, Outcome};
use arm64_cpu::decode::Decoder;
use std::collections::BTreeMap;
use std::fmt::Write;

/// One difference between our CPU and QEMU.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diff {
    /// What differs: `X3`, `SP`, `NZCV`, `FPSR`, `Z5`, `P2`, `FFR`, `mem+0x1230`, `end`.
    pub what: String,
    /// Our value.
    pub ours: String,
    /// QEMU's value.
    pub qemu: String,
}

fn hex(b: &[u8]) -> String {
    // Most significant byte first, as a number (Z and P are little-endian).
    let mut s = String::from("0x");
    for x in b.iter().rev() {
        let _ = write!(s, "{x:02x}");
    }
    s
}

fn end_text(e: &End) -> String {
    match e {
        End::Done => "completed".into(),
        End::Fault { kind, pc, detail } => {
            let d = match detail {
                FaultDetail::Signal {
                    signo, code, addr, ..
                } => format!("signal {signo} code {code} addr {addr:#x}"),
                FaultDetail::Exception(e) => format!("{e:?}"),
                FaultDetail::OutsideRam { pa, write } => {
                    format!(
                        "{} outside RAM at {pa:#x}",
                        if *write { "write" } else { "read" }
                    )
                }
            };
            format!("{kind:?} fault at {pc:#x} ({d})")
        }
        End::Unimplemented { pc, word } => format!("unimplemented {word:#010x} at {pc:#x}"),
        End::Unsupported { pc, what } => format!("unsupported at {pc:#x}: {what}"),
        End::Runaway => "ran away (left the sequence)".into(),
    }
}

/// Differences between `ours` and `qemu` (empty: they agree).
pub fn compare(ours: &Outcome, qemu: &Outcome) -> Vec<Diff> {
    let mut d = Vec::new();
    let same_end = match (&ours.end, &qemu.end) {
        (End::Done, End::Done) => true,
        (End::Fault { kind: a, pc: p, .. }, End::Fault { kind: b, pc: q, .. }) => a == b && p == q,
        _ => false,
    };
    if !same_end {
        d.push(Diff {
            what: "end".into(),
            ours: end_text(&ours.end),
            qemu: end_text(&qemu.end),
        });
    }
    // On a fault the signal frame may hold only V0..V31 (not Z, P, FFR) and FPCR.
    let (full, fault) = match qemu.end {
        End::Fault {
            detail: FaultDetail::Signal { sve, .. },
            ..
        } => (sve, true),
        _ => (true, false),
    };
    let (a, b) = (&ours.state, &qemu.state);
    for i in 0..31 {
        if a.x[i] != b.x[i] {
            d.push(Diff {
                what: format!("X{i}"),
                ours: format!("{:#x}", a.x[i]),
                qemu: format!("{:#x}", b.x[i]),
            });
        }
    }
    let mut scalar = |what: &str, x: u64, y: u64| {
        if x != y {
            d.push(Diff {
                what: what.into(),
                ours: format!("{x:#x}"),
                qemu: format!("{y:#x}"),
            });
        }
    };
    scalar("SP", a.sp, b.sp);
    scalar("NZCV", a.nzcv & 0xF000_0000, b.nzcv & 0xF000_0000);
    scalar("FPSR", a.fpsr, b.fpsr);
    if !fault {
        scalar("FPCR", a.fpcr, b.fpcr);
    }
    for n in 0..32 {
        let (x, y) = (a.zreg(n), b.zreg(n));
        let (x, y) = if full { (x, y) } else { (&x[..16], &y[..16]) };
        if x != y {
            d.push(Diff {
                what: if full {
                    format!("Z{n}")
                } else {
                    format!("V{n}")
                },
                ours: hex(x),
                qemu: hex(y),
            });
        }
    }
    if full {
        for n in 0..16 {
            if a.preg(n) != b.preg(n) {
                d.push(Diff {
                    what: format!("P{n}"),
                    ours: hex(a.preg(n)),
                    qemu: hex(b.preg(n)),
                });
            }
        }
        if a.ffr != b.ffr {
            d.push(Diff {
                what: "FFR".into(),
                ours: hex(&a.ffr),
                qemu: hex(&b.ffr),
            });
        }
    }
    let ma: BTreeMap<u32, u64> = ours.mem.iter().copied().collect();
    let mb: BTreeMap<u32, u64> = qemu.mem.iter().copied().collect();
    for k in ma
        .keys()
        .chain(mb.keys())
        .collect::<std::collections::BTreeSet<_>>()
    {
        let (x, y) = (ma.get(k), mb.get(k));
        if x != y {
            let show = |v: Option<&u64>| match v {
                Some(v) => format!("{v:#018x}"),
                None => "unchanged".into(),
            };
            d.push(Diff {
                what: format!("mem+{k:#x}"),
                ours: show(x),
                qemu: show(y),
            });
        }
    }
    d
}

/// LLVM's disassembly of `words` (one line each; empty strings if llvm-mc is missing).
pub fn llvm_disassemble(words: &[u32]) -> Vec<String> {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let mut input = String::new();
    for w in words {
        let b = w.to_le_bytes();
        let _ = writeln!(
            input,
            "{:#04x} {:#04x} {:#04x} {:#04x}",
            b[0], b[1], b[2], b[3]
        );
    }
    let child = Command::new("llvm-mc")
        .args([
            "--disassemble",
            "-triple=aarch64",
            "-mattr=+v8.5a,+sve,+fp16,+rcpc,+dotprod,+fullfp16,+lse,+crc",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        return vec![String::new(); words.len()];
    };
    if let Some(mut i) = child.stdin.take() {
        let _ = i.write_all(input.as_bytes());
    }
    let out = child
        .wait_with_output()
        .map(|o| o.stdout)
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&out);
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !l.starts_with('.'))
        .map(|l| l.replace('\t', " "))
        .collect();
    // Words LLVM rejects produce no line (only a warning on stderr).
    if lines.len() != words.len() {
        lines = words
            .iter()
            .map(|w| llvm_disassemble_one(*w))
            .collect::<Vec<_>>();
    }
    lines
}

fn llvm_disassemble_one(w: u32) -> String {
    use std::process::Command;
    let b = w.to_le_bytes();
    let input = format!("{:#04x} {:#04x} {:#04x} {:#04x}\n", b[0], b[1], b[2], b[3]);
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "printf '{}' | llvm-mc --disassemble -triple=aarch64 -mattr=+v8.5a,+sve,+fullfp16 2>/dev/null",
            input.trim()
        ))
        .output();
    match out {
        Ok(o) => String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(|l| l.trim())
            .find(|l| !l.is_empty() && !l.starts_with('.'))
            .map(|l| l.replace('\t', " "))
            .unwrap_or_else(|| "(llvm: invalid)".into()),
        Err(_) => String::new(),
    }
}

/// Registers an instruction names, by its field names: `Zn`/`Vn` for z*/v* fields
/// and for r* fields of FP/SIMD/SVE encodings, `Pn` for p* fields.
fn named_regs(word: u32) -> (Vec<usize>, Vec<usize>) {
    let d = Decoder::global();
    let (mut z, mut p) = (Vec::new(), Vec::new());
    if let Some(i) = d.decode(word) {
        let c = &d.encs[i.idx as usize];
        let module = crate::gen::module_names_by_index()
            .get(i.idx as usize)
            .copied()
            .unwrap_or("other");
        let fp = crate::gen::Group::of(module, c.enc.feat) != crate::gen::Group::Int
            || c.enc.feat == arm64_cpu::decode::Feature::Fp;
        for (n, f) in c.fields.iter().enumerate() {
            let v = i.f[n] as usize;
            let first = f.name.chars().next().unwrap_or(' ');
            if f.len == 5 && (first == 'z' || first == 'v' || (first == 'r' && fp)) {
                z.push(v & 31);
            } else if first == 'p' && f.len <= 4 {
                p.push(v & 15);
            }
        }
    }
    (z, p)
}

/// The full text of a mismatch report.
pub fn report(
    vl: usize,
    case: &Case,
    culprit: Option<usize>,
    alone: Option<bool>,
    ours: &Outcome,
    qemu: &Outcome,
    diffs: &[Diff],
) -> String {
    let d = Decoder::global();
    let words = case.words();
    let llvm = llvm_disassemble(&words);
    let mut s = String::new();
    let culprit_item = culprit
        .and_then(|k| case.groups.get(k))
        .and_then(|g| g.last());
    let name = culprit_item
        .and_then(|it| it.enc)
        .map(|i| d.encs[i as usize].enc.name)
        .unwrap_or("?");
    let _ = writeln!(
        s,
        "MISMATCH {name} at VL {vl} bytes (VQ {}){}",
        vl / 16,
        match alone {
            Some(true) => ", reproduces as the only instruction",
            Some(false) => ", needs the instructions before it",
            None => "",
        }
    );
    let _ = writeln!(s, "  memory seed {:#x}; code at {TEST_PC:#x}:", case.seed);
    let mut pos = 0usize;
    for (gi, g) in case.groups.iter().enumerate() {
        for it in g {
            let mark = if Some(gi) == culprit && it.enc.is_some() {
                "=>"
            } else {
                "  "
            };
            let ours_dis = arm64_cpu::decode::disassemble(it.word, TEST_PC + 4 * pos as u64);
            let _ = writeln!(
                s,
                "  {mark} {:#x}: {:08x}  {:<40} [{}]{}",
                TEST_PC + 4 * pos as u64,
                it.word,
                llvm.get(pos).map(|x| x.as_str()).unwrap_or(""),
                ours_dis,
                if it.enc.is_none() { " (fixup)" } else { "" }
            );
            pos += 1;
        }
    }
    let _ = writeln!(s, "  differences:");
    for df in diffs {
        let _ = writeln!(s, "    {:<10} ours {}  qemu {}", df.what, df.ours, df.qemu);
    }
    let _ = writeln!(
        s,
        "  ours: {}; qemu: {}",
        end_text(&ours.end),
        end_text(&qemu.end)
    );
    let i = &case.init;
    let _ = write!(s, "  initial:");
    for (n, x) in i.x.iter().enumerate() {
        if n % 4 == 0 {
            let _ = write!(s, "\n   ");
        }
        let _ = write!(s, " X{n:<2}={x:#018x}");
    }
    let _ = writeln!(
        s,
        "\n    SP={:#x} NZCV={:#x} FPCR={:#x} FPSR={:#x} FFR={}",
        i.sp,
        i.nzcv,
        i.fpcr,
        i.fpsr,
        hex(&i.ffr)
    );
    let (mut zs, mut ps) = (Vec::new(), Vec::new());
    for it in case.groups.iter().flatten() {
        let (z, p) = named_regs(it.word);
        zs.extend(z);
        ps.extend(p);
    }
    zs.sort_unstable();
    zs.dedup();
    ps.sort_unstable();
    ps.dedup();
    for n in zs {
        let _ = writeln!(s, "    Z{n:<2}={}", hex(i.zreg(n)));
    }
    for n in ps {
        let _ = writeln!(s, "    P{n:<2}={}", hex(i.preg(n)));
    }
    s
}

/// The code of a case, one instruction a line, with both disassemblies.
pub fn describe_case(case: &Case) -> String {
    let words = case.words();
    let llvm = llvm_disassemble(&words);
    let mut s = String::new();
    for (pos, w) in words.iter().enumerate() {
        let pc = TEST_PC + 4 * pos as u64;
        let _ = writeln!(
            s,
            "  {pc:#x}: {w:08x}  {:<40} [{}]",
            llvm.get(pos).map(|x| x.as_str()).unwrap_or(""),
            arm64_cpu::decode::disassemble(*w, pc)
        );
    }
    s
}
