//! Robustness: random words of every SVE table line, executed on random register state
//! at several vector lengths, must never panic the host (guest input is untrusted),
//! and must leave Z bytes and P bits above VL zero. FPCR is random too (the FP lines).

mod sve_common;
use arm64_cpu::decode::{Decoder, Feature};
use sve_common::*;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn random_sve_words_never_panic() {
    let d = Decoder::global();
    let per_line: usize = std::env::var("SVE_RANDOM_PER_LINE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for vq in [1, 3, 16] {
        let mut c = cpu(vq);
        let vl = c.vl();
        for (idx, line) in d.encs.iter().enumerate() {
            if line.enc.feat != Feature::Sve {
                continue;
            }
            for _ in 0..per_line {
                let Some(w) = d.random_word(idx, rng.next() as u32) else {
                    continue;
                };
                for x in c.s.x.iter_mut() {
                    // Mostly addresses in RAM, sometimes anything.
                    *x = if rng.next() % 4 == 0 {
                        rng.next()
                    } else {
                        DATA + rng.next() % 0x8000
                    };
                }
                c.s.sp_el1 = DATA + 0x8000;
                // Every FPCR mode the FP lines honour (AHP, DN, FZ, RMode, FZ16).
                c.s.fpcr = rng.next() as u32 & arm64_cpu::fpu::FPCR_MASK;
                for z in 0..32 {
                    for k in 0..vl {
                        c.s.z[z].0[k] = rng.next() as u8;
                    }
                }
                for p in 0..16 {
                    for k in 0..vl / 8 {
                        c.s.p[p][k] = rng.next() as u8;
                    }
                }
                c.write_bytes(CODE, &w.to_le_bytes()).unwrap();
                c.s.pc = CODE;
                let _ = c.step();
                for z in 0..32 {
                    assert!(
                        c.s.z[z].0[vl..].iter().all(|&b| b == 0),
                        "{} {w:#010x}: z{z} above VL",
                        line.enc.name
                    );
                }
                for p in 0..16 {
                    assert!(
                        c.s.p[p][vl / 8..].iter().all(|&b| b == 0),
                        "{} {w:#010x}: p{p} above VL",
                        line.enc.name
                    );
                }
                assert!(c.s.ffr[vl / 8..].iter().all(|&b| b == 0));
            }
        }
    }
}
