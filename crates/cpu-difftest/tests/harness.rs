//! Checks of the harness itself. Expected values are worked out by hand from the
//! Arm ARM (instruction words from llvm-mc, pasted with their assembly).

use cpu_difftest::campaign::Pair;
use cpu_difftest::compare::compare;
use cpu_difftest::gen::{Gen, Group};
use cpu_difftest::layout::{SCRATCH, SCRATCH_SIZE, TEST_PC, XBASE, XZERO};
use cpu_difftest::oracle::Oracle;
use cpu_difftest::state::{Case, End, FaultKind, Item};

fn case(vl: usize, words: &[u32]) -> Case {
    let mut g = Gen::new(7);
    let init = g.state(vl);
    Case {
        init,
        seed: 42,
        groups: vec![words.iter().map(|&w| Item { word: w, enc: None }).collect()],
    }
}

const ADD_X0_X1_4: u32 = 0x9100_1020; // add x0, x1, #4
const STR_X1_X27_8: u32 = 0xF900_0761; // str x1, [x27, #8]
const ADD_X3_X27_16_LSL12: u32 = 0x9140_4363; // add x3, x27, #16, lsl #12
const LDR_X2_X3: u32 = 0xF940_0062; // ldr x2, [x3]
const RDVL_X0_1: u32 = 0x04BF_5020; // rdvl x0, #1
const PTRUE_P1_S: u32 = 0x2598_E3E1; // ptrue p1.s
const UDF_0: u32 = 0x0000_0000; // udf #0

#[test]
fn add_imm_on_both_sides() {
    let mut p = Pair::new(32).unwrap();
    let mut c = case(32, &[ADD_X0_X1_4]);
    c.init.x[1] = 5;
    c.init.x[0] = 0xdead;
    let r = p.run(std::slice::from_ref(&c)).unwrap();
    let (o, q) = &r[0];
    assert_eq!(q.end, End::Done);
    assert_eq!(o.end, End::Done);
    // ADD (immediate): X0 = X1 + 4; nothing else changes.
    assert_eq!(q.state.x[0], 9);
    assert_eq!(o.state.x[0], 9);
    let mut want = c.init.clone();
    want.x[0] = 9;
    assert_eq!(q.state, want);
    assert!(q.mem.is_empty());
    assert!(compare(o, q).is_empty());
}

#[test]
fn undefined_faults_on_both_sides() {
    let mut p = Pair::new(16).unwrap();
    let c = case(16, &[ADD_X0_X1_4, UDF_0]);
    let r = p.run(std::slice::from_ref(&c)).unwrap();
    let (o, q) = &r[0];
    for e in [&o.end, &q.end] {
        match e {
            End::Fault { kind, pc, .. } => {
                assert_eq!(*kind, FaultKind::Undefined);
                assert_eq!(*pc, TEST_PC + 4);
            }
            e => panic!("expected a fault, got {e:?}"),
        }
    }
    // The state at the fault includes the ADD before it.
    assert_eq!(q.state.x[0], c.init.x[1].wrapping_add(4));
    assert!(compare(o, q).is_empty(), "{:?}", compare(o, q));
}

#[test]
fn oracle_memory_and_unmapped_page() {
    let mut o = Oracle::start(32).unwrap();
    let mut c = case(32, &[STR_X1_X27_8]);
    c.init.x[1] = 0x1122_3344_5566_7788;
    assert_eq!(c.init.x[XBASE as usize], SCRATCH);
    let mut c2 = case(32, &[ADD_X3_X27_16_LSL12, LDR_X2_X3]);
    c2.init.x[XZERO as usize] = 0;
    let (r, ()) = o.run_batch(&[c, c2], || ()).unwrap();
    // STR writes the 8 bytes at scratch+8 and nothing else.
    assert_eq!(r[0].end, End::Done);
    assert_eq!(r[0].mem, vec![(8, 0x1122_3344_5566_7788)]);
    // X3 = scratch + 0x10000 is the first byte after the block: unmapped.
    match r[1].end {
        End::Fault { kind, pc, .. } => {
            assert_eq!(kind, FaultKind::Unmapped);
            assert_eq!(pc, TEST_PC + 4);
        }
        e => panic!("expected SIGSEGV, got {e:?}"),
    }
    assert_eq!(r[1].state.x[3], SCRATCH + SCRATCH_SIZE);
}

#[test]
fn oracle_vector_lengths() {
    for vl in [16usize, 48, 80, 256] {
        let mut o = Oracle::start(vl).unwrap();
        assert_eq!(o.vl, vl);
        let c = case(vl, &[RDVL_X0_1, PTRUE_P1_S]);
        let c2 = case(vl, &[PTRUE_P1_S, UDF_0]);
        let (r, ()) = o.run_batch(&[c, c2], || ()).unwrap();
        // RDVL Xd, #1 = VL in bytes.
        assert_eq!(r[0].state.x[0], vl as u64);
        // PTRUE .S: predicate bit 0 of every 4-byte element: 0b0001_0001 per byte.
        assert!(r[0].state.preg(1).iter().all(|&b| b == 0x11));
        assert_eq!(r[0].state.preg(1).len(), vl / 8);
        // The signal frame carries the SVE registers: P1 as PTRUE left it.
        assert!(matches!(r[1].end, End::Fault { .. }));
        assert!(r[1].state.preg(1).iter().all(|&b| b == 0x11), "{vl}");
    }
}

#[test]
fn comparison_names_every_difference() {
    let mut p = Pair::new(32).unwrap();
    let c = case(32, &[ADD_X0_X1_4]);
    let r = p.run(&[c]).unwrap();
    let (o, q) = &r[0];
    let mut o = o.clone();
    o.state.x[3] ^= 1;
    o.state.z[5 * 32 + 17] ^= 0x80;
    o.state.p[2 * 4] ^= 1;
    o.state.ffr[0] ^= 1;
    o.state.nzcv ^= 1 << 30;
    o.state.fpsr ^= 1;
    o.mem.push((0x40, 7));
    let what: Vec<String> = compare(&o, q).into_iter().map(|d| d.what).collect();
    assert_eq!(
        what,
        ["X3", "NZCV", "FPSR", "Z5", "P2", "FFR", "mem+0x40"].map(String::from)
    );
}

#[test]
fn generator_respects_its_constraints() {
    let mut g = Gen::new(3);
    let d = arm64_cpu::decode::Decoder::global();
    for grp in [Group::Int, Group::Fp, Group::Simd, Group::Sve] {
        let pool = g.pool(grp).to_vec();
        for &idx in &pool {
            for _ in 0..20 {
                let Some(items) = g.group_for(idx, 64) else {
                    continue;
                };
                let last = items.last().unwrap();
                assert_eq!(last.enc, Some(idx as u16));
                let i = d.decode(last.word).expect("decodes");
                assert_eq!(i.idx as usize, idx);
                let c = &d.encs[idx];
                for (n, f) in c.fields.iter().enumerate() {
                    if f.len == 5 && f.name.starts_with('r') && f.name.len() <= 3 {
                        assert!(!(25..=27).contains(&i.f[n]), "{} {}", c.enc.name, f.name);
                    }
                }
            }
        }
    }
}

#[test]
fn oracle_round_trips_the_whole_state() {
    // No instructions: QEMU's final state must be the initial one, register for
    // register, at every vector length (catches layout overlaps at large VLs).
    for vl in [16usize, 48, 128, 256] {
        let mut o = Oracle::start(vl).unwrap();
        let c = case(vl, &[]);
        let (r, ()) = o.run_batch(std::slice::from_ref(&c), || ()).unwrap();
        assert_eq!(r[0].end, End::Done);
        assert_eq!(r[0].state, c.init, "VL {vl}");
        assert!(r[0].mem.is_empty());
    }
}
