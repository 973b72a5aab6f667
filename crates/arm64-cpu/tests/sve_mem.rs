//! SVE loads and stores at several vector lengths. Words from llvm-mc 14; expected
//! values from the Arm ARM's address and element rules, computed here from a simple
//! model of memory (byte at DATA+a = mem_byte(a)).

mod sve_common;
use arm64_cpu::Exit;
use sve_common::*;

const OUT: u64 = 0x40000;

fn mem_byte(a: u64) -> u8 {
    (a.wrapping_mul(7).wrapping_add(3) >> 1) as u8 ^ (a >> 8) as u8
}

/// Little-endian value of `n` bytes of the model at DATA + off.
fn mem_le(off: i64, n: usize) -> u64 {
    (0..n).fold(0u64, |v, k| {
        v | (mem_byte((off + k as i64) as u64) as u64) << (8 * k)
    })
}

fn sext(v: u64, bytes: usize) -> u64 {
    let sh = 64 - 8 * bytes as u32;
    (((v << sh) as i64) >> sh) as u64
}

fn setup(vq: u32) -> arm64_cpu::Cpu {
    let mut c = cpu(vq);
    let img: Vec<u8> = (0..0x20000u64)
        .map(|a| mem_byte(a.wrapping_sub(0x8000)))
        .collect();
    // DATA - 0x8000 .. DATA + 0x18000 follow the model (so negative offsets work too).
    c.write_bytes(DATA - 0x8000, &img).unwrap();
    c.write_bytes(OUT - 0x1000, &[0xEE; 0x4000]).unwrap();
    c.s.x[0] = DATA;
    c.s.x[3] = OUT;
    c
}

fn read(c: &mut arm64_cpu::Cpu, a: u64, n: usize) -> Vec<u8> {
    let mut b = vec![0u8; n];
    c.read_bytes(a, &mut b).unwrap();
    b
}

#[test]
fn contiguous_loads() {
    for vq in VQS {
        let mut c = setup(vq);
        let vl = vl(&c) as i64;
        // p0: .S elements active except element 1; p1: even .D elements.
        setp_with(&mut c, 0, 4, |i| i != 1);
        setp_with(&mut c, 1, 8, |i| i % 2 == 0);
        c.s.x[1] = 5;
        c.s.x[2] = 3;
        setz(&mut c, 0, 1, &[0xAA; 256]); // stale contents must be replaced
        run(
            &mut c,
            &[
                0xa541a000, // ld1w {z0.s}, p0/z, [x0, #1, mul vl]
                0xa5814401, // ld1sb {z1.d}, p1/z, [x0, x1]
                0xa4a24002, // ld1h {z2.h}, p0/z, [x0, x2, lsl #1]
                0x84c3c009, // ld1rh {z9.s}, p0/z, [x0, #6]
                0xa501240a, // ld1rqw {z10.s}, p1/z, [x0, #16]
                0x85804c0b, // ldr z11, [x0, #3, mul vl]
                0x85800402, // ldr p2, [x0, #1, mul vl]
            ],
        );
        for e in 0..(vl / 4) as usize {
            let want = if e != 1 {
                mem_le(vl + 4 * e as i64, 4)
            } else {
                0
            };
            assert_eq!(ze(&c, 0, 4, e), want, "ld1w vq {vq} e {e}");
        }
        z_upper_zero(&c, 0);
        for e in 0..(vl / 8) as usize {
            let want = if e % 2 == 0 {
                sext(mem_le(5 + e as i64, 1), 1)
            } else {
                0
            };
            assert_eq!(ze(&c, 1, 8, e), want, "ld1sb vq {vq} e {e}");
        }
        // .H elements governed by p0's bits: element h active iff bit 2h set, that is
        // iff h is even and h/2 != 1.
        for e in 0..(vl / 2) as usize {
            let act = e % 2 == 0 && e / 2 != 1;
            let want = if act { mem_le(6 + 2 * e as i64, 2) } else { 0 };
            assert_eq!(ze(&c, 2, 2, e), want, "ld1h vq {vq} e {e}");
        }
        for e in 0..(vl / 4) as usize {
            let want = if e != 1 { mem_le(6, 2) } else { 0 };
            assert_eq!(ze(&c, 9, 4, e), want, "ld1rh");
        }
        // LD1RQW: in the first quadword only .S element 0 is active under p1.
        for e in 0..(vl / 4) as usize {
            let want = if e % 4 == 0 { mem_le(16, 4) } else { 0 };
            assert_eq!(ze(&c, 10, 4, e), want, "ld1rqw e {e}");
        }
        for e in 0..vl as usize {
            assert_eq!(ze(&c, 11, 1, e), mem_le(3 * vl + e as i64, 1));
        }
        for k in 0..(vl / 8) as usize {
            assert_eq!(c.s.p[2][k] as u64, mem_le(vl / 8 + k as i64, 1));
        }
        assert!(c.s.p[2][(vl / 8) as usize..].iter().all(|&b| b == 0));
    }
}

#[test]
fn structure_loads_and_stores() {
    for vq in [1, 3, 16] {
        let mut c = setup(vq);
        let vl = vl(&c) as i64;
        setp_with(&mut c, 0, 1, |_| true);
        setz_with(&mut c, 7, 8, |i| 0x1111_0000_0000_0000 + i as u64);
        setz_with(&mut c, 8, 8, |i| 0x2222_0000_0000_0000 + i as u64);
        run(
            &mut c,
            &[
                0xa540e004, // ld3w {z4.s, z5.s, z6.s}, p0/z, [x0]
                0xe5b1e067, // st2d {z7.d, z8.d}, p0, [x3, #2, mul vl]
            ],
        );
        for e in 0..(vl / 4) as usize {
            for r in 0..3 {
                assert_eq!(ze(&c, 4 + r, 4, e), mem_le(4 * (3 * e + r) as i64, 4));
            }
        }
        // ST2D at OUT + 2*VL: pairs interleaved.
        let n = (vl / 8) as usize;
        let got = read(&mut c, OUT + 2 * vl as u64, 16 * n);
        for e in 0..n {
            let a = u64::from_le_bytes(got[16 * e..16 * e + 8].try_into().unwrap());
            let b = u64::from_le_bytes(got[16 * e + 8..16 * e + 16].try_into().unwrap());
            assert_eq!(a, 0x1111_0000_0000_0000 + e as u64);
            assert_eq!(b, 0x2222_0000_0000_0000 + e as u64);
        }
        // Nothing written before it.
        assert_eq!(read(&mut c, OUT + 2 * vl as u64 - 1, 1), vec![0xEE]);
    }
}

#[test]
fn contiguous_stores_and_str_p() {
    for vq in VQS {
        let mut c = setup(vq);
        let vl = vl(&c) as u64;
        setp_with(&mut c, 0, 4, |i| i % 3 != 0);
        setp_with(&mut c, 1, 1, |i| i % 5 == 1);
        setz_with(&mut c, 3, 4, |i| 0xABCD_0100 + i as u64);
        run(
            &mut c,
            &[
                0xe44fe063, // st1b {z3.s}, p0, [x3, #-1, mul vl]
                0xe5801461, // str p1, [x3, #5, mul vl]
            ],
        );
        // ST1B .S, #-1 MUL VL: base OUT - VL/4, one byte per element.
        let n = (vl / 4) as usize;
        let got = read(&mut c, OUT - vl / 4, n + 1);
        for (e, &g) in got.iter().take(n).enumerate() {
            let want = if e % 3 != 0 { e as u8 } else { 0xEE };
            assert_eq!(g, want, "st1b vq {vq} e {e}");
        }
        assert_eq!(got[n], 0xEE);
        let got = read(&mut c, OUT + 5 * vl / 8, (vl / 8) as usize);
        for (k, &b) in got.iter().enumerate() {
            let want = (0..8).fold(0u8, |v, j| v | (((8 * k + j) % 5 == 1) as u8) << j);
            assert_eq!(b, want);
        }
    }
}

#[test]
fn gathers_and_scatters() {
    for vq in VQS {
        let mut c = setup(vq);
        let vl = vl(&c) as i64;
        setp_with(&mut c, 0, 1, |_| true);
        setp_with(&mut c, 1, 8, |i| i % 2 == 0);
        setz_with(&mut c, 13, 4, |i| (-(i as i64)) as u64);
        setz_with(&mut c, 15, 8, |i| DATA + 0x100 * i as u64);
        setz_with(&mut c, 16, 8, |i| 0x7700 + i as u64);
        setz_with(&mut c, 17, 8, |i| 3 * i as u64);
        // UXTW of 0xFFFF_FFF0 | i: the top half is ignored and no sign extension.
        setz_with(&mut c, 21, 8, |i| 0xDEAD_0000_0000_0000 | (i as u64 * 5));
        setz_with(&mut c, 22, 4, |i| 0x5500_0000 + i as u64);
        setz_with(&mut c, 23, 4, |i| OUT + 0x800 + 8 * i as u64);
        run(
            &mut c,
            &[
                0x856d400c, // ld1w {z12.s}, p0/z, [x0, z13.s, sxtw #2]
                0xc5a1c1ee, // ld1d {z14.d}, p0/z, [z15.d, #8]
                0xe4b1a470, // st1h {z16.d}, p1, [x3, z17.d, lsl #1]
                0xc5150014, // ld1sw {z20.d}, p0/z, [x0, z21.d, uxtw]
                0xe561a2f6, // st1w {z22.s}, p0, [z23.s, #4]
                0x85c30000, // prfb pldl1keep, p0, [x0, #3, mul vl]
            ],
        );
        for e in 0..(vl / 4) as usize {
            assert_eq!(
                ze(&c, 12, 4, e),
                mem_le(-4 * e as i64, 4),
                "gather sxtw e {e}"
            );
        }
        for e in 0..(vl / 8) as usize {
            assert_eq!(ze(&c, 14, 8, e), mem_le(0x100 * e as i64 + 8, 8));
            assert_eq!(ze(&c, 20, 8, e), sext(mem_le(5 * e as i64, 4), 4));
        }
        // The scatter of halfwords: active (even) elements at OUT + 6e.
        for e in 0..(vl / 8) as usize {
            let got = read(&mut c, OUT + 6 * e as u64, 2);
            let want = if e % 2 == 0 {
                vec![e as u8, 0x77]
            } else {
                vec![0xEE, 0xEE]
            };
            assert_eq!(got, want, "scatter e {e}");
        }
        for e in 0..(vl / 4) as usize {
            let got = read(&mut c, OUT + 0x800 + 8 * e as u64 + 4, 4);
            assert_eq!(
                u32::from_le_bytes(got.try_into().unwrap()),
                0x5500_0000 + e as u32
            );
        }
    }
}

#[test]
fn first_fault_and_non_fault() {
    for vq in [1, 3, 4] {
        let mut c = setup(vq);
        let vl = vl(&c) as u64;
        let end = RAM_SIZE as u64;
        c.write_bytes(end - 16, &[0x5A; 16]).unwrap();
        setp_with(&mut c, 0, 1, |_| true);
        // LDFF1D from RAM end - 16: elements 0, 1 in RAM, element 2 on is not.
        c.s.x[4] = end - 16;
        c.s.x[5] = 0;
        setz(&mut c, 18, 1, &[0x33; 256]);
        run(
            &mut c,
            &[
                0x252c9000, // setffr
                0xa5e56092, // ldff1d {z18.d}, p0/z, [x4, x5, lsl #3]
                0x2519f003, // rdffr p3.b
            ],
        );
        assert_eq!(ze(&c, 18, 8, 0), 0x5A5A_5A5A_5A5A_5A5A);
        assert_eq!(ze(&c, 18, 8, 1), 0x5A5A_5A5A_5A5A_5A5A);
        let want_ffr = 16.min(vl as usize);
        assert_eq!(
            pcount(&c, 3) as usize,
            want_ffr,
            "FFR keeps the bits below element 2"
        );
        assert!(pv(&c, 3, 1)[..want_ffr].iter().all(|&b| b));
        // LDNF1B from RAM end - 3: three bytes, FFR cleared from byte 3.
        c.s.x[4] = end - 3;
        run(
            &mut c,
            &[
                0x252c9000, // setffr
                0xa410a093, // ldnf1b {z19.b}, p0/z, [x4]
                0x2519f003, // rdffr p3.b
            ],
        );
        assert_eq!(&c.s.z[19].0[..4], &[0x5A, 0x5A, 0x5A, 0]);
        assert_eq!(pcount(&c, 3), 3);
        // LDNF1B entirely outside RAM: no MMIO exit, FFR all clear.
        c.s.x[4] = end + 0x1000;
        run(&mut c, &[0x252c9000, 0xa410a093, 0x2519f003]);
        assert_eq!(pcount(&c, 3), 0);
        assert!(zv(&c, 19, 1).iter().all(|&b| b == 0));
        // LDFF1D whose first active element is MMIO: that access happens (an exit).
        c.s.x[4] = end + 0x1000;
        c.write_bytes(CODE, &0xa5e56092u32.to_le_bytes()).unwrap();
        c.s.pc = CODE;
        match c.step() {
            Err(Exit::Mmio(r)) => {
                assert_eq!((r.pa, r.len, r.write), (end + 0x1000, 8, false));
            }
            other => panic!("expected an MMIO exit, got {other:?}"),
        }
        c.complete_mmio_read(0x1234_5678_9ABC_DEF0);
        c.step().unwrap();
        assert_eq!(ze(&c, 18, 8, 0), 0x1234_5678_9ABC_DEF0);
        assert_eq!(c.s.pc, CODE + 4);
    }
}

#[test]
fn mmio_replay_of_a_vector_load_and_store() {
    let mut c = setup(1);
    let end = RAM_SIZE as u64;
    c.write_bytes(end - 8, &0x1111_2222_3333_4444u64.to_le_bytes())
        .unwrap();
    setp_with(&mut c, 0, 1, |_| true);
    // ld1d {z0.d}, p0/z, [x0]  with x0 = end - 8: element 1 is MMIO.
    let w_ld = 0xa5e0a000u32;
    c.s.x[0] = end - 8;
    c.write_bytes(CODE, &w_ld.to_le_bytes()).unwrap();
    c.s.pc = CODE;
    setz(&mut c, 0, 8, &[7, 7]);
    match c.step() {
        Err(Exit::Mmio(r)) => assert_eq!((r.pa, r.len, r.write), (end, 8, false)),
        other => panic!("{other:?}"),
    }
    // Nothing was written before the MMIO completed.
    assert_eq!(ze(&c, 0, 8, 0), 7);
    c.complete_mmio_read(0xAAAA_BBBB_CCCC_DDDD);
    c.step().unwrap();
    assert_eq!(ze(&c, 0, 8, 0), 0x1111_2222_3333_4444);
    assert_eq!(ze(&c, 0, 8, 1), 0xAAAA_BBBB_CCCC_DDDD);
    // st1d {z0.d}, p0, [x0]: the MMIO element becomes a write exit with its data.
    let w_st = 0xe5e0e000u32;
    c.write_bytes(CODE, &w_st.to_le_bytes()).unwrap();
    c.s.pc = CODE;
    match c.step() {
        Err(Exit::Mmio(r)) => assert_eq!(
            (r.pa, r.len, r.write, r.data),
            (end, 8, true, 0xAAAA_BBBB_CCCC_DDDD)
        ),
        other => panic!("{other:?}"),
    }
    // Completing a write with dummy data is accepted whether or not the log also
    // treats "run again" as completion.
    c.complete_mmio_read(0);
    c.step().unwrap();
    assert_eq!(c.s.pc, CODE + 4);
}
