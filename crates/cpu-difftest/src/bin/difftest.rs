//! `cargo run -p cpu-difftest --bin difftest -- [int|fp|simd|sve|all] [insns per VL]
//! [seed] [VL bytes,...]`: a differential run with a printed summary and reports.

use cpu_difftest::campaign::{run, Config};
use cpu_difftest::gen::Group;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = args.get(1).map(|s| s.as_str()).unwrap_or("all");
    let groups = match which {
        "int" => vec![Group::Int],
        "fp" => vec![Group::Fp],
        "simd" => vec![Group::Simd],
        "sve" => vec![Group::Sve],
        _ => vec![Group::Int, Group::Fp, Group::Simd, Group::Sve],
    };
    let n: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
    let vls: Vec<usize> = args
        .get(4)
        .map(|s| s.split(',').filter_map(|v| v.parse().ok()).collect())
        .unwrap_or_else(|| vec![16, 32, 48, 64, 128, 256]);
    let cfg = Config {
        groups,
        vls,
        insns_per_vl: n,
        seed,
        ..Config::default()
    };
    match run(&cfg) {
        Ok(st) => {
            for r in &st.reports {
                println!("{r}");
            }
            print!("{}", st.summary());
            if st.mismatches > 0 {
                std::process::exit(1);
            }
        }
        Err(e) => {
            eprintln!("difftest: {e}");
            std::process::exit(2);
        }
    }
}
