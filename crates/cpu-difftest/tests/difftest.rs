//! The differential runs against QEMU. Default: 200,000 random instructions from
//! the integer, FP and Advanced SIMD groups, and 200,000 random SVE instructions
//! spread over VQ 1, 2, 3, 4, 8 and 16. `DIFFTEST_SOAK=N` multiplies both by N;
//! `DIFFTEST_SEED=S` changes the seed.

use cpu_difftest::campaign::{run, Config, Stats};
use cpu_difftest::gen::{classify, Group};

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn check(cfg: &Config, st: &Stats, total_wanted: u64) {
    let d = arm64_cpu::decode::Decoder::global();
    println!("{}", st.summary());
    let mut msg = String::new();
    for r in &st.reports {
        msg += r;
        msg += "\n";
    }
    assert!(
        st.mismatches == 0,
        "{} unexplained mismatches against QEMU:\n{msg}",
        st.mismatches
    );
    // Every encoding the generator may draw was either compared or found
    // unimplemented (and listed in the summary).
    let mut untouched = Vec::new();
    let mut implemented = 0;
    for e in classify() {
        if e.excluded.is_none() && cfg.groups.contains(&e.group) {
            let s = &st.per_enc[e.idx];
            if s.exercised > 0 {
                implemented += 1;
            } else if s.unimplemented == 0 {
                untouched.push(d.encs[e.idx].enc.name);
            }
        }
    }
    assert!(
        untouched.is_empty(),
        "encodings never generated: {untouched:?}"
    );
    if implemented > 0 {
        assert!(
            st.executed >= total_wanted,
            "only {} of {total_wanted} instructions compared",
            st.executed
        );
    } else {
        println!("note: no encoding of {:?} is implemented yet", cfg.groups);
    }
}

#[test]
fn integer_fp_simd_against_qemu() {
    let soak = env_u64("DIFFTEST_SOAK", 1);
    let cfg = Config {
        groups: vec![Group::Int, Group::Fp, Group::Simd],
        vls: vec![32],
        insns_per_vl: 200_000 * soak,
        seed: env_u64("DIFFTEST_SEED", 0x1a64),
        // Longer sequences, fewer cases: the time goes into QEMU's per-case overhead
        // (new code at the same address each case), so this runs 200k instructions in
        // about 30% less wall time, and mixes more instructions per state.
        max_len: 24,
        ..Config::default()
    };
    let st = run(&cfg).unwrap();
    check(&cfg, &st, cfg.insns_per_vl);
}

#[test]
fn sve_against_qemu_at_six_vector_lengths() {
    let soak = env_u64("DIFFTEST_SOAK", 1);
    let vls = vec![16, 32, 48, 64, 128, 256];
    let per = (200_000 * soak).div_ceil(vls.len() as u64);
    let cfg = Config {
        groups: vec![Group::Sve],
        insns_per_vl: per,
        vls,
        seed: env_u64("DIFFTEST_SEED", 0x5e5e),
        ..Config::default()
    };
    let st = run(&cfg).unwrap();
    for (vl, n) in &st.executed_per_vl {
        println!("VL {vl}: {n} SVE instructions compared");
    }
    check(&cfg, &st, 200_000 * soak);
}
