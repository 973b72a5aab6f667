//! SVE integer instructions. Words from llvm-mc 14; expected values worked out by hand
//! from the Arm ARM (element-wise pseudocode: truncating division, division by zero
//! = 0, saturation, shifts beyond the element size, PredTest flags).

mod sve_common;
use sve_common::*;

fn m(v: i64) -> u64 {
    v as u64
}

#[test]
fn binary_unary_dot_reduce_at_vq1() {
    let mut c = cpu(1);
    setp_with(&mut c, 0, 4, |i| i != 2);
    setz(&mut c, 0, 4, &[1, 0xFFFF_FFFF, 5, 7]);
    setz(&mut c, 1, 4, &[0xF0F0, 0xFFF0, 0xF0FF, 0xFFFF]);
    run(&mut c, &[0x04800020]); // add z0.s, p0/m, z0.s, z1.s
    assert_eq!(zv(&c, 0, 4), vec![0xF0F1, 0xFFEF, 5, 0x1_0006]);

    setp_with(&mut c, 0, 1, |_| true);
    setz(&mut c, 2, 4, &[0x8000_0000, 7, m(-7) & 0xFFFF_FFFF, 9]);
    setz(&mut c, 3, 4, &[0xFFFF_FFFF, 0, 2, m(-2) & 0xFFFF_FFFF]);
    setz(&mut c, 4, 8, &[3, 0]);
    setz(&mut c, 5, 8, &[10, 5]);
    setz(&mut c, 6, 1, &[0x80, 100, 0x7F, 0xFF]);
    setz(&mut c, 7, 1, &[0x80, 100, 2, 0xFF]);
    setz(&mut c, 8, 2, &[0x8000, 0x0010, 0xFFF9]);
    setz(
        &mut c,
        9,
        4,
        &[m(-7) & 0xFFFF_FFFF, 7, m(-8) & 0xFFFF_FFFF, 0xFFFF_FFFF],
    );
    setz(&mut c, 11, 8, &[0xFF_0301, 0]);
    setz(&mut c, 13, 4, &[0x8000_0000, 0x8000_0000, 0xFFFF, 0xFFFF]);
    setz(&mut c, 14, 8, &[31, 64]);
    setz(&mut c, 15, 2, &[0x7FFF, 0x8000, 5]);
    setz(&mut c, 16, 2, &[1, 0xFFFF, 3]);
    setz(&mut c, 17, 1, &[250, 199]);
    setz(&mut c, 18, 4, &[1, 2]);
    setz(&mut c, 19, 4, &[3, 0x1_0000]);
    setz(&mut c, 20, 4, &[4, 0x1_0000]);
    setz(&mut c, 22, 2, &[0, 1, 0x8000]);
    setz(&mut c, 24, 1, &[0, 0xFF, 0x01, 0xC0]);
    setz(&mut c, 26, 4, &[0x1122_3344]);
    setz(&mut c, 27, 4, &[10]);
    setz(&mut c, 28, 1, &[1, 0xFE, 3, 0xFC]);
    setz(&mut c, 29, 1, &[5, 6, 0xF9, 8]);
    setz(&mut c, 31, 2, &[1, 2, 3, 4, 5, 6, 7, 8]);
    run(
        &mut c,
        &[
            0x04940062, // sdiv z2.s, p0/m, z2.s, z3.s
            0x04d700a4, // udivr z4.d, p0/m, z4.d, z5.d
            0x041200e6, // smulh z6.b, p0/m, z6.b, z7.b
            0x040083a8, // asr z8.h, p0/m, z8.h, #3
            0x044483c9, // asrd z9.s, p0/m, z9.s, #2
            0x042f9d6a, // lsl z10.b, z11.b, #7
            0x04ae85ac, // lsr z12.s, z13.s, z14.d
            0x047011ef, // sqadd z15.h, z15.h, z16.h
            0x2527d911, // uqsub z17.b, z17.b, #200
            0x04944272, // mla z18.s, p0/m, z19.s, z20.s
            0x0459a2d5, // clz z21.h, p0/m, z22.h
            0x0418a317, // cls z23.b, p0/m, z24.b
            0x05a48359, // revb z25.s, p0/m, z26.s
            0x449d039b, // sdot z27.s, z28.b, z29.b
            0x44f107fe, // udot z30.d, z31.h, z1.h[1]
        ],
    );
    // INT_MIN / -1 wraps; x / 0 = 0; division truncates toward zero.
    assert_eq!(
        zv(&c, 2, 4),
        vec![0x8000_0000, 0, m(-3) & 0xFFFF_FFFF, m(-4) & 0xFFFF_FFFF]
    );
    assert_eq!(zv(&c, 4, 8), vec![3, 0]);
    assert_eq!(&zv(&c, 6, 1)[..4], &[0x40, 0x27, 0, 0]);
    assert_eq!(&zv(&c, 8, 2)[..3], &[0xF000, 0x0002, 0xFFFF]);
    assert_eq!(zv(&c, 9, 4), vec![0xFFFF_FFFF, 1, 0xFFFF_FFFE, 0]);
    assert_eq!(&zv(&c, 10, 1)[..4], &[0x80, 0x80, 0x80, 0]);
    assert_eq!(zv(&c, 12, 4), vec![1, 1, 0, 0]);
    assert_eq!(&zv(&c, 15, 2)[..3], &[0x7FFF, 0x8000, 8]);
    assert_eq!(&zv(&c, 17, 1)[..3], &[50, 0, 0]);
    assert_eq!(&zv(&c, 18, 4)[..2], &[13, 2]);
    assert_eq!(&zv(&c, 21, 2)[..4], &[16, 15, 0, 16]);
    assert_eq!(&zv(&c, 23, 1)[..5], &[7, 7, 6, 1, 7]);
    assert_eq!(ze(&c, 25, 4, 0), 0x4433_2211);
    assert_eq!(ze(&c, 27, 4, 0), m(-50) & 0xFFFF_FFFF);
    assert_eq!(zv(&c, 30, 8), vec![258_300, 767_220]);

    run(
        &mut c,
        &[
            0x259f0031, // cmpgt p1.s, p0/z, z1.s, #-1
            0x240be0e2, // cmplo p2.b, p0/z, z7.b, z11.d
            0x040020e3, // saddv d3, p0, z7.b
            0x04482204, // smaxv h4, p0, z16.h
            0x049a2025, // andv s5, p0, z1.s
        ],
    );
    assert_eq!(pv(&c, 1, 4), vec![true; 4]);
    // CMPLO (wide): bytes 0..7 against 0xFF0301: all lower; bytes 8..15 against 0.
    let want: Vec<bool> = (0..16).map(|i| i < 8).collect();
    assert_eq!(pv(&c, 2, 1), want);
    // Flags of the last compare: first true, last false.
    assert_eq!(nzcv(&c), 0b1010);
    assert_eq!(c.s.z[3].q(0), (-27i64) as u64 as u128);
    assert_eq!(c.s.z[4].q(0), 3);
    assert_eq!(c.s.z[5].q(0), 0xF0F0);
}

#[test]
fn index_logical_immediates_at_every_vl() {
    for vq in VQS {
        let mut c = cpu(vq);
        setz_with(&mut c, 1, 4, |i| 0xF0F0_F0F0 ^ i as u64);
        run(
            &mut c,
            &[
                0x04e343c0, // index z0.d, #-2, #3
                0x058044e1, // and z1.s, z1.s, #0xff00ff00
                0x05c00c22, // dupm z2.h, #0x8001
            ],
        );
        for (i, v) in zv(&c, 0, 8).into_iter().enumerate() {
            assert_eq!(v, m(-2 + 3 * i as i64));
        }
        for (i, v) in zv(&c, 1, 4).into_iter().enumerate() {
            assert_eq!(v, (0xF0F0_F0F0 ^ i as u64) & 0xFF00_FF00);
        }
        assert!(zv(&c, 2, 2).iter().all(|&v| v == 0x8001));
        for z in 0..3 {
            z_upper_zero(&c, z);
        }
    }
}

#[test]
fn compare_flags_at_every_vl() {
    for vq in VQS {
        let mut c = cpu(vq);
        let n = 4 * vq as usize;
        // z1.s = 0, 1, 2, ...; cmpgt #-1 under a predicate with only the last element
        // inactive: every active element true, so N=1, Z=0, C=0.
        setz_with(&mut c, 1, 4, |i| i as u64);
        setp_with(&mut c, 0, 4, |i| i + 1 != n);
        run(&mut c, &[0x259f0031]); // cmpgt p1.s, p0/z, z1.s, #-1
        assert_eq!(nzcv(&c), 0b1000);
        assert_eq!(pv(&c, 1, 4), (0..n).map(|i| i + 1 != n).collect::<Vec<_>>());
        // Now no element greater: Z=1, N=0, C=1.
        setz_with(&mut c, 1, 4, |_| 0x8000_0000);
        run(&mut c, &[0x259f0031]);
        assert_eq!(nzcv(&c), 0b0110);
        assert_eq!(pcount(&c, 1), 0);
    }
}

#[test]
fn asrd_by_the_whole_element() {
    // ASRD #64 on .D: the bias (2^64 - 1) brings every negative value up to zero.
    let mut c = cpu(1);
    setp_with(&mut c, 0, 1, |_| true);
    setz(&mut c, 0, 8, &[m(-1), i64::MIN as u64]);
    run(&mut c, &[0x04848000]); // asrd z0.d, p0/m, z0.d, #64
    assert_eq!(zv(&c, 0, 8), vec![0, 0]);
}

/// SQADD/SQSUB (immediate) take the immediate unsigned (`element2 = UInt(imm)` in
/// the Arm ARM), so on .B `#245` adds 245, not -11, and on .H `#38144` (0x95 LSL 8)
/// subtracts 38144, not -27392; the signed result saturates. Expected values by hand
/// (and the same as QEMU 7.2 gives for the words the differential run found).
#[test]
fn sqadd_sqsub_immediate_is_unsigned() {
    for vq in VQS {
        let mut c = cpu(vq);
        // -128 + 245 = 117; -118 + 245 = 127; everything above saturates to 127.
        setz(&mut c, 1, 1, &[0x80, 0x8A, 0x8B, 0x00, 0x7F, 0xF5]);
        // 0x7fff - 38144 = -5377 = 0xeaff; 22136 - 38144 = -16008 = 0xc178;
        // 5376 - 38144 = -32768 exactly; 5375 - 38144 saturates to -32768.
        setz(&mut c, 21, 2, &[0x7FFF, 0x5678, 0x1500, 0x14FF, 0x8000]);
        // .D: i64::MAX - 1 + 65280 saturates; -65280 + 65280 = 0.
        setz(&mut c, 3, 8, &[0x7FFF_FFFF_FFFF_FFFE, m(-65280)]);
        // .S: -2^31 + 100 - 255 saturates to -2^31; 255 - 255 = 0.
        setz(&mut c, 4, 4, &[0x8000_0064, 0xFF]);
        run(
            &mut c,
            &[
                0x2524dea1, // sqadd z1.b, z1.b, #245
                0x2566f2b5, // sqsub z21.h, z21.h, #38144
                0x25e4ffe3, // sqadd z3.d, z3.d, #65280
                0x25a6dfe4, // sqsub z4.s, z4.s, #255
            ],
        );
        assert_eq!(&zv(&c, 1, 1)[..6], &[0x75, 0x7F, 0x7F, 0x7F, 0x7F, 0x7F]);
        // Elements beyond the ones set are 0: 0 + 245 saturates to 127.
        assert!(zv(&c, 1, 1)[6..].iter().all(|&v| v == 0x7F));
        assert_eq!(
            &zv(&c, 21, 2)[..5],
            &[0xEAFF, 0xC178, 0x8000, 0x8000, 0x8000]
        );
        assert_eq!(zv(&c, 3, 8)[..2], [0x7FFF_FFFF_FFFF_FFFF, 0]);
        assert_eq!(zv(&c, 4, 4)[..2], [0x8000_0000, 0]);
    }
}
