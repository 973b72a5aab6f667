//! SVE predicate and element-count instructions at several vector lengths.
//! Words from llvm-mc 14 (`-mattr=+sve -show-encoding`); expected values worked out
//! from the Arm ARM pseudocode (DecodePredCount, PredTest, the WHILE/BRK loops).

mod sve_common;
use sve_common::*;

#[test]
fn ptrue_patterns_and_cntp() {
    for vq in VQS {
        let mut c = cpu(vq);
        run(
            &mut c,
            &[
                0x2518e000, // ptrue p0.b, pow2
                0x2598e061, // ptrue p1.s, vl3
                0x25d9e3c2, // ptrues p2.d, mul3
                0x2558e3a3, // ptrue p3.h, mul4
                0x2518e1a4, // ptrue p4.b, vl256
                0x2518e1c5, // ptrue p5.b, #14 (unallocated pattern: none)
                0x2558e166, // ptrue p6.h, vl64
                0x2518e3e7, // ptrue p7.b
                0x25209c00, // cntp x0, p7, p0.b
                0x25a09c21, // cntp x1, p7, p1.s
                0x25e09c42, // cntp x2, p7, p2.d
                0x25609c63, // cntp x3, p7, p3.h
                0x25209c84, // cntp x4, p7, p4.b
                0x25209ca5, // cntp x5, p7, p5.b
                0x25609cc6, // cntp x6, p7, p6.h
            ],
        );
        let b = 16 * vq as u64; // byte elements
        let pow2 = [16u64, 32, 32, 64, 256][VQS.iter().position(|&v| v == vq).unwrap()];
        assert_eq!(c.s.x[0], pow2, "vq {vq}");
        assert_eq!(c.s.x[1], 3);
        let d = b / 8;
        assert_eq!(c.s.x[2], d - d % 3);
        let h = b / 2;
        assert_eq!(c.s.x[3], h - h % 4);
        assert_eq!(c.s.x[4], if b >= 256 { 256 } else { 0 });
        assert_eq!(c.s.x[5], 0);
        assert_eq!(c.s.x[6], if h >= 64 { 64 } else { 0 });
        // PTRUES sets PredTest(result, result, esize): the governing predicate is the
        // result itself, so with any element selected N=1, Z=0 and C=0 (the last
        // *active* element is true) even when MUL3 left the trailing elements false.
        // No element selected (VQ 1: two .D elements, MUL3 gives 0): N=0 Z=1 C=1.
        let expect = if d < 3 { 0b0110 } else { 0b1000 };
        assert_eq!(nzcv(&c), expect, "vq {vq}");
        // P1 .S, VL3: bits 0, 4, 8 only.
        assert_eq!(c.s.p[1][0], 0x11);
        assert_eq!(c.s.p[1][1], 0x01);
        assert_eq!(pcount(&c, 1), 3);
        // P7 all true: exactly VL bits.
        assert_eq!(pcount(&c, 7) as u64, b);
    }
}

#[test]
fn while_forms_and_flags() {
    for vq in VQS {
        let mut c = cpu(vq);
        let s = 4 * vq as i64; // .S elements
                               // whilelt p0.s, x0, x1 with 0 < 2: first two true.
        c.s.x[0] = 0;
        c.s.x[1] = 2;
        run(&mut c, &[0x25a11400]);
        assert_eq!(pv(&c, 0, 4).iter().filter(|&&b| b).count(), 2);
        assert!(pv(&c, 0, 4)[0] && pv(&c, 0, 4)[1]);
        // N=1 first true, Z=0, C=1 because the last element is false.
        assert_eq!(nzcv(&c), 0b1010);
        // Negative start, signed: -3 < 100 → all true; C=0.
        c.s.x[0] = (-3i64) as u64;
        c.s.x[1] = 100;
        run(&mut c, &[0x25a11400]);
        assert_eq!(pv(&c, 0, 4).iter().filter(|&&b| b).count() as i64, s);
        assert_eq!(nzcv(&c), 0b1000);
        // Start >= limit: none, N=0 Z=1 C=1.
        c.s.x[0] = 5;
        c.s.x[1] = 5;
        run(&mut c, &[0x25a11400]);
        assert_eq!(pcount(&c, 0), 0);
        assert_eq!(nzcv(&c), 0b0110);
        // whilele p1.d, x2, x3 with x3 = INT64_MAX: the counter wraps and stays <=.
        c.s.x[2] = (i64::MAX - 1) as u64;
        c.s.x[3] = i64::MAX as u64;
        run(&mut c, &[0x25e31451]);
        assert_eq!(pcount(&c, 1), 2 * vq);
        // whilelo p2.b, w4, w5: 32-bit unsigned; upper halves ignored.
        c.s.x[4] = 0xFFFF_FFFF_0000_0010;
        c.s.x[5] = 0x0000_0001_0000_0013;
        run(&mut c, &[0x25250c82]);
        assert_eq!(pcount(&c, 2), 3);
        // whilels p3.h, x6, x7 with x7 = UINT64_MAX: all true.
        c.s.x[6] = u64::MAX - 1;
        c.s.x[7] = u64::MAX;
        run(&mut c, &[0x25671cd3]);
        assert_eq!(pcount(&c, 3), 8 * vq);
        // whilelt p4.b, w8, w9 is signed 32-bit: 0xFFFFFFFF (-1) < 1 → 2 elements.
        c.s.x[8] = 0xFFFF_FFFF;
        c.s.x[9] = 1;
        run(&mut c, &[0x25290504]);
        assert_eq!(pcount(&c, 4), 2);
        // whilels p5.b, w10, w11: 0xFFFFFFFF <= 0xFFFFFFFF unsigned (UINT32_MAX): all.
        c.s.x[10] = 0xFFFF_FFFF;
        c.s.x[11] = 0xFFFF_FFFF;
        run(&mut c, &[0x252b0d55]);
        assert_eq!(pcount(&c, 5), 16 * vq);
    }
}

#[test]
fn element_counts_and_vl_arithmetic() {
    for vq in VQS {
        let mut c = cpu(vq);
        let b = 16 * vq as u64;
        let (h, w, d) = (b / 2, b / 4, b / 8);
        let vl4 = |n: u64| if n >= 4 { 4 } else { 0 };
        c.s.x[3] = 1000;
        c.s.x[4] = 5;
        c.s.x[5] = 0xDEAD_BEEF_8000_0001; // W5 = INT32_MIN + 1
        c.s.x[6] = i64::MIN as u64 + 3;
        c.s.x[7] = 1;
        c.s.x[8] = 0xFFFF_FFFF_FFFF_FFF0; // W8 = UINT32_MAX - 15
        c.s.x[9] = 0x7FFF_FFF0;
        c.s.x[10] = 0x1000;
        c.s.sp_el1 = 0x2000;
        setz(&mut c, 0, 2, &[0xFFFF, 1]);
        setz_with(&mut c, 1, 8, |i| i as u64 + (i64::MIN as u64));
        setz_with(&mut c, 2, 4, |i| i as u64);
        run(
            &mut c,
            &[
                0x0420e3e0, // cntb x0
                0x04e2e3e1, // cntd x1, all, mul #3
                0x0460e002, // cnth x2, pow2
                0x04b1e083, // incw x3, vl4, mul #2
                0x04f0e7e4, // decd x4
                0x04a0fbe5, // sqdecw x5, w5
                0x04b0fbe6, // sqdecw x6
                0x04f0ffe7, // uqdecd x7
                0x04a0f7e8, // uqincw w8
                0x042ff3e9, // sqincb x9, w9, all, mul #16
                0x0471c3e0, // inch z0.h, all, mul #2
                0x04e0c821, // sqdecd z1.d, vl1
                0x04a0cfe2, // uqdecw z2.s
                0x042a57aa, // addvl x10, x10, #-3
                0x047f50bf, // addpl sp, sp, #5
                0x04bf57cb, // rdvl x11, #-2
            ],
        );
        assert_eq!(c.s.x[0], b);
        assert_eq!(c.s.x[1], 3 * d);
        assert_eq!(
            c.s.x[2],
            h.next_power_of_two() / if h.is_power_of_two() { 1 } else { 2 }
        );
        assert_eq!(c.s.x[3], 1000 + 2 * vl4(w));
        assert_eq!(c.s.x[4], 5u64.wrapping_sub(d));
        // 32-bit signed saturation, sign-extended into X5.
        assert_eq!(c.s.x[5], (i32::MIN as i64) as u64);
        assert_eq!(c.s.x[6], i64::MIN as u64);
        assert_eq!(c.s.x[7], 0);
        // UQINCW Wd: 32-bit unsigned saturation, zero-extended.
        assert_eq!(
            c.s.x[8],
            if w >= 15 {
                0xFFFF_FFFF
            } else {
                0xFFFF_FFF0 + w
            }
        );
        let sum = 0x7FFF_FFF0i64 + 16 * b as i64;
        assert_eq!(c.s.x[9], sum.min(i32::MAX as i64) as u64);
        assert_eq!(ze(&c, 0, 2, 0), (0xFFFF + 2 * h) & 0xFFFF);
        assert_eq!(ze(&c, 0, 2, 1), 1 + 2 * h);
        assert_eq!(ze(&c, 0, 2, 2), 2 * h);
        // SQDECD by 1: element 0 (INT64_MIN) saturates, the others go down by one.
        assert_eq!(ze(&c, 1, 8, 0), i64::MIN as u64);
        for i in 1..d as usize {
            assert_eq!(ze(&c, 1, 8, i), i64::MIN as u64 + i as u64 - 1);
        }
        for i in 0..w as usize {
            assert_eq!(ze(&c, 2, 4, i), (i as u64).saturating_sub(w));
        }
        assert_eq!(c.s.x[10], 0x1000 - 3 * b);
        assert_eq!(c.s.sp_el1, 0x2000 + 5 * b / 8);
        assert_eq!(c.s.x[11], (-2i64 * b as i64) as u64);
        z_upper_zero(&c, 0);
    }
}

/// PTRUES flags against QEMU 7.2's answer and the Arm ARM (`PredTest(result, result,
/// esize)`): `ptrues p2.h, vl5` at VL 128 makes elements 0..4 of 8 true; the last
/// active element of the result (element 4) is true, so C = 0, not the 1 a test
/// against an all-true governing predicate would give.
#[test]
fn ptrues_tests_result_against_itself() {
    for vq in VQS {
        let mut c = cpu(vq);
        run(&mut c, &[0x2559e0a2]); // ptrues p2.h, vl5
        assert_eq!(nzcv(&c), 0b1000, "vq {vq}");
        assert_eq!(
            pv(&c, 2, 2),
            (0..8 * vq as usize).map(|e| e < 5).collect::<Vec<_>>()
        );
        run(&mut c, &[0x2599e3c5]); // ptrues p5.s, mul3
        let s = 4 * vq as usize;
        assert_eq!(pcount(&c, 5) as usize, s - s % 3);
        assert_eq!(nzcv(&c), 0b1000, "vq {vq}");
    }
}

/// PNEXT starts after the last TRUE element of Pdn itself (`LastActiveElement(operand,
/// esize)`), not after the last element true in both Pdn and Pv. Case found by the
/// QEMU differential run: `pnext p13.h, p9, p13.h`, P9 = 0x4401 (.H elements 0, 5, 7),
/// P13 = 0xb3bd (.H elements 0, 1, 2, 4, 6). The last true element of P13 is 6, the
/// next element active in P9 is 7: P13 = 0x4000. Flags PredTest(P9, result): the first
/// active element of P9 (0) is false in the result, N = 0; Z = 0; the last active
/// element of P9 (7) is true, C = 0.
#[test]
fn pnext_after_last_true_of_operand() {
    for vq in VQS {
        let mut c = cpu(vq);
        c.s.p[9] = [0; 32];
        c.s.p[13] = [0; 32];
        c.s.p[9][..2].copy_from_slice(&0x4401u16.to_le_bytes());
        c.s.p[13][..2].copy_from_slice(&0xb3bdu16.to_le_bytes());
        c.s.pstate.nzcv = 0b1111 << 28;
        run(&mut c, &[0x2559c52d]); // pnext p13.h, p9, p13.h
        assert_eq!(&c.s.p[13][..2], &0x4000u16.to_le_bytes(), "vq {vq}");
        assert!(c.s.p[13][2..].iter().all(|&b| b == 0));
        assert_eq!(nzcv(&c), 0b0000);
        // Again: P13's last true element (7) is the last active one of P9, so no
        // next element exists: result empty, N=0 Z=1 C=1.
        run(&mut c, &[0x2559c52d]);
        assert_eq!(pcount(&c, 13), 0);
        assert_eq!(nzcv(&c), 0b0110);
    }
}
