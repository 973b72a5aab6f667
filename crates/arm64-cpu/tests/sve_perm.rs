//! SVE permutes, moves and predicate operations at several vector lengths. Words from
//! llvm-mc 14; expected results follow the Arm ARM definitions, written out here
//! per element (ZIP/UZP/TRN, EXT offsets beyond VL, TBL out of range = 0, SPLICE,
//! COMPACT, LASTA wrap, DUP of a quadword beyond VL = 0, BRK*, PNEXT, PredTest).

mod sve_common;
use sve_common::*;

fn el(z: &[u8], s: usize, e: usize) -> u64 {
    let mut b = [0u8; 8];
    b[..s].copy_from_slice(&z[s * e..s * e + s]);
    u64::from_le_bytes(b)
}

#[test]
fn vector_permutes() {
    for vq in [1, 3, 4, 16] {
        let mut c = cpu(vq);
        let vl = vl(&c);
        let b1: Vec<u8> = (0..vl).map(|i| i as u8).collect();
        let b2: Vec<u8> = (0..vl).map(|i| (0x80 + i) as u8).collect();
        let b5: Vec<u8> = (0..vl).map(|i| 0x40 ^ i as u8).collect();
        for (z, b) in [(1, &b1), (2, &b2), (5, &b5)] {
            c.s.z[z].0[..vl].copy_from_slice(b);
        }
        let nd = vl / 8;
        let ns = vl / 4;
        setz_with(&mut c, 7, 8, |e| ((e * 3) % (nd + 2)) as u64);
        setz_with(&mut c, 9, 8, |e| 0x9900 + e as u64);
        setz_with(&mut c, 14, 4, |e| 0xE0 + e as u64);
        setz_with(&mut c, 17, 4, |e| 0x8000_0000 + e as u64);
        c.s.x[15] = 0xFFFF_FFFF_0000_0077;
        c.s.x[21] = 0x1234_5678_9ABC_DEF0;
        setp_with(&mut c, 1, 8, |e| e == 1 || e == 2);
        c.s.p[6] = [0; 32];
        run(
            &mut c,
            &[
                0x05e26020, // zip1 z0.d, z1.d, z2.d
                0x05a26c23, // uzp2 z3.s, z1.s, z2.s
                0x05627024, // trn1 z4.h, z1.h, z2.h
                0x05221045, // ext z5.b, z5.b, z2.b, #20
                0x05e73026, // tbl z6.d, {z1.d}, z7.d
                0x05b83828, // rev z8.s, z1.s
                0x05ec8449, // splice z9.d, p1, z9.d, z2.d
                0x05a1842a, // compact z10.s, p1, z1.s
                0x05e0a42b, // lasta x11, p1, z1.d
                0x05e3842c, // lastb d12, p1, z1.d
                0x05f0202d, // mov z13.q, z1.q[3]
                0x05a439ee, // insr z14.s, w15
                0x05f13a30, // sunpkhi z16.d, z17.s
                0x25f9cc14, // fmov z20.d, #0.5
                0x0530b835, // clasta w21, p6, w21, z1.b
            ],
        );
        let cat: Vec<u8> = b1.iter().chain(b2.iter()).copied().collect();
        for e in 0..nd {
            let i = e / 2;
            let want = if e % 2 == 0 {
                el(&b1, 8, i)
            } else {
                el(&b2, 8, i)
            };
            assert_eq!(ze(&c, 0, 8, e), want, "zip1 vq {vq}");
        }
        for e in 0..ns {
            assert_eq!(ze(&c, 3, 4, e), el(&cat, 4, 2 * e + 1), "uzp2");
        }
        for e in 0..vl / 2 {
            let src = if e % 2 == 0 { &b1 } else { &b2 };
            assert_eq!(ze(&c, 4, 2, e), el(src, 2, e & !1), "trn1");
        }
        for i in 0..vl {
            let want = if 20 >= vl {
                b5[i]
            } else if i + 20 < vl {
                b5[i + 20]
            } else {
                b2[i + 20 - vl]
            };
            assert_eq!(ze(&c, 5, 1, i), want as u64, "ext vq {vq} i {i}");
        }
        for e in 0..nd {
            let idx = (e * 3) % (nd + 2);
            let want = if idx < nd { el(&b1, 8, idx) } else { 0 };
            assert_eq!(ze(&c, 6, 8, e), want, "tbl");
        }
        for e in 0..ns {
            assert_eq!(ze(&c, 8, 4, e), el(&b1, 4, ns - 1 - e), "rev");
        }
        // SPLICE: the active segment (elements 1..=last of {1, 2}) then z2 from 0.
        let last = if nd > 2 { 2 } else { 1 };
        let mut want: Vec<u64> = (1..=last).map(|e| 0x9900 + e as u64).collect();
        let mut k = 0;
        while want.len() < nd {
            want.push(el(&b2, 8, k));
            k += 1;
        }
        assert_eq!(zv(&c, 9, 8), want, "splice vq {vq}");
        // COMPACT .S under p1 (.D elements 1, 2 → .S elements 2, 4).
        let mut want: Vec<u64> = [2usize, 4]
            .iter()
            .filter(|&&e| e < ns)
            .map(|&e| el(&b1, 4, e))
            .collect();
        want.resize(ns, 0);
        assert_eq!(zv(&c, 10, 4), want, "compact");
        let lasta_idx = if last + 1 >= nd { 0 } else { last + 1 };
        assert_eq!(c.s.x[11], el(&b1, 8, lasta_idx), "lasta");
        assert_eq!(c.s.z[12].q(0), el(&b1, 8, last) as u128, "lastb");
        for i in 0..vl {
            let want = if 48 < vl { b1[48 + i % 16] } else { 0 };
            assert_eq!(ze(&c, 13, 1, i), want as u64, "dup q[3]");
        }
        for e in 0..ns {
            let want = if e == 0 { 0x77 } else { 0xE0 + e as u64 - 1 };
            assert_eq!(ze(&c, 14, 4, e), want, "insr");
        }
        for e in 0..nd {
            assert_eq!(
                ze(&c, 16, 8, e),
                0xFFFF_FFFF_8000_0000 + (nd + e) as u64,
                "sunpkhi"
            );
        }
        assert!(zv(&c, 20, 8).iter().all(|&v| v == 0x3FE0_0000_0000_0000));
        assert_eq!(
            c.s.x[21], 0xF0,
            "clasta with no active element keeps the low byte"
        );
        for z in [0, 3, 4, 5, 6, 8, 9, 10, 13, 14, 16, 20] {
            z_upper_zero(&c, z);
        }
    }
}

#[test]
fn predicate_permutes_breaks_and_logic() {
    for vq in [1, 3, 16] {
        let mut c = cpu(vq);
        let vl = vl(&c);
        setp_with(&mut c, 0, 1, |_| true);
        setp_with(&mut c, 2, 1, |i| i % 3 == 0);
        setp_with(&mut c, 5, 1, |i| i % 4 == 0);
        setp_with(&mut c, 10, 4, |e| e == 1);
        let b1: Vec<u8> = (0..vl).map(|i| i as u8).collect();
        let b2: Vec<u8> = (0..vl).map(|i| (0x80 + i) as u8).collect();
        c.s.z[1].0[..vl].copy_from_slice(&b1);
        c.s.z[2].0[..vl].copy_from_slice(&b2);
        run(
            &mut c,
            &[
                0x05314043, // punpkhi p3.h, p2.b
                0x05a54444, // zip2 p4.s, p2.s, p5.s
                0x0522c832, // sel z18.b, p2, z1.b, z2.b
                0x05521fb3, // mov z19.h, p2/z, #-3
                0x25104047, // brka p7.b, p0/z, p2.b
            ],
        );
        let p2 = |i: usize| i % 3 == 0;
        let p5 = |i: usize| i % 4 == 0;
        let want: Vec<bool> = (0..vl / 2).map(|e| p2(vl / 2 + e)).collect();
        assert_eq!(pv(&c, 3, 2), want);
        assert!((0..vl / 2).all(|e| c.s.p[3][2 * e / 8] >> ((2 * e + 1) % 8) & 1 == 0));
        // ZIP2 on .S predicate elements moves all four bits of each element.
        let ns = vl / 4;
        for e in 0..ns {
            let (src, k): (&dyn Fn(usize) -> bool, usize) = if e % 2 == 0 {
                (&p2, ns / 2 + e / 2)
            } else {
                (&p5, ns / 2 + e / 2)
            };
            for j in 0..4 {
                let got = c.s.p[4][(4 * e + j) / 8] >> ((4 * e + j) % 8) & 1 != 0;
                assert_eq!(got, src(4 * k + j), "zip2 p vq {vq} e {e} bit {j}");
            }
        }
        for i in 0..vl {
            assert_eq!(ze(&c, 18, 1, i), if p2(i) { b1[i] } else { b2[i] } as u64);
        }
        for e in 0..vl / 2 {
            assert_eq!(ze(&c, 19, 2, e), if p2(2 * e) { 0xFFFD } else { 0 });
        }
        // BRKA: only element 0 (the first true one, included).
        assert_eq!(pcount(&c, 7), 1);
        assert_eq!(c.s.p[7][0], 1);

        run(&mut c, &[0x25d04048]); // brkbs p8.b, p0/z, p2.b
        assert_eq!(pcount(&c, 8), 0);
        assert_eq!(nzcv(&c), 0b0110);

        run(&mut c, &[0x25c54259]); // nands p9.b, p0/z, p2.b, p5.b
        let want: Vec<bool> = (0..vl).map(|i| !(p2(i) && p5(i))).collect();
        assert_eq!(pv(&c, 9, 1), want);
        assert_eq!(nzcv(&c), if (vl - 1) % 12 == 0 { 0b0010 } else { 0b0000 });

        run(&mut c, &[0x2599c40a]); // pnext p10.s, p0, p10.s
        assert_eq!(pv(&c, 10, 4), (0..ns).map(|e| e == 2).collect::<Vec<_>>());
        assert_eq!(nzcv(&c), 0b0010);
    }
}
