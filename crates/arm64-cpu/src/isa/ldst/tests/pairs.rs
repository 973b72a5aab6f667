//! LDP/STP/LDPSW/LDNP/STNP.

use super::*;

fn setup() -> T {
    let mut t = T::new();
    for k in 0..8u64 {
        t.w64(D + 8 * k, 0x1111_1111_1111_1111 * (k + 1));
    }
    t.w64(D - 8, 0x8000_0001_FFFF_FFFE);
    t.c.s.x[1] = D;
    t
}

#[test]
fn gpr_pairs() {
    let mut t = setup();
    t.run(ins(0xa9410820, "ldp x0, x2, [x1, #16]"));
    assert_eq!(
        (t.c.s.x[0], t.c.s.x[2]),
        (0x3333_3333_3333_3333, 0x4444_4444_4444_4444)
    );
    t.run(ins(0x29400820, "ldp w0, w2, [x1]"));
    assert_eq!((t.c.s.x[0], t.c.s.x[2]), (0x1111_1111, 0x1111_1111));
    // LDPSW of 0xFFFFFFFE, 0x80000001.
    t.run(ins(0x697f0820, "ldpsw x0, x2, [x1, #-8]"));
    assert_eq!(
        (t.c.s.x[0], t.c.s.x[2]),
        (0xFFFF_FFFF_FFFF_FFFE, 0xFFFF_FFFF_8000_0001)
    );
    // Post-index and pre-index writeback.
    t.run(ins(0xa8c20820, "ldp x0, x2, [x1], #32"));
    assert_eq!(
        (t.c.s.x[0], t.c.s.x[2], t.c.s.x[1]),
        (0x1111_1111_1111_1111, 0x2222_2222_2222_2222, D + 32)
    );
    t.run(ins(0xa9ff0820, "ldp x0, x2, [x1, #-16]!"));
    assert_eq!(
        (t.c.s.x[0], t.c.s.x[2], t.c.s.x[1]),
        (0x3333_3333_3333_3333, 0x4444_4444_4444_4444, D + 16)
    );
    // Stores.
    t.c.s.x[3] = 0xAAAA_AAAA_BBBB_BBBB;
    t.c.s.x[4] = 0xCCCC_CCCC_DDDD_DDDD;
    t.run(ins(0x29011023, "stp w3, w4, [x1, #8]"));
    assert_eq!(t.r64(D + 24), 0xDDDD_DDDD_BBBB_BBBB);
    t.c.s.x[1] = D;
    t.run(ins(0xa9bf1023, "stp x3, x4, [x1, #-16]!"));
    assert_eq!(
        (t.r64(D - 16), t.r64(D - 8), t.c.s.x[1]),
        (0xAAAA_AAAA_BBBB_BBBB, 0xCCCC_CCCC_DDDD_DDDD, D - 16)
    );
    t.run(ins(0xa8817c3f, "stp xzr, xzr, [x1], #16"));
    assert_eq!((t.r64(D - 16), t.r64(D - 8), t.c.s.x[1]), (0, 0, D));
}

#[test]
fn non_temporal_and_sp() {
    let mut t = setup();
    t.run(ins(0xa8400820, "ldnp x0, x2, [x1]"));
    assert_eq!(
        (t.c.s.x[0], t.c.s.x[2], t.c.s.x[1]),
        (0x1111_1111_1111_1111, 0x2222_2222_2222_2222, D)
    );
    t.c.s.x[3] = 7;
    t.c.s.x[4] = 9;
    t.run(ins(0x28011023, "stnp w3, w4, [x1, #8]"));
    assert_eq!(t.r64(D + 8), 9 << 32 | 7);
    // The usual prologue/epilogue on SP.
    t.c.s.sp_el1 = D + 64;
    t.c.s.x[29] = 0x2929;
    t.c.s.x[30] = 0x3030;
    t.c.sys.sctlr_el1 |= 1 << 3;
    t.run(ins(0xa9bf7bfd, "stp x29, x30, [sp, #-16]!"));
    assert_eq!(
        (t.r64(D + 48), t.r64(D + 56), t.c.s.sp_el1),
        (0x2929, 0x3030, D + 48)
    );
    t.run(ins(0xa8c17be0, "ldp x0, x30, [sp], #16"));
    assert_eq!((t.c.s.x[0], t.c.s.sp_el1), (0x2929, D + 64));
    t.c.s.sp_el1 = D + 8;
    assert_eq!(
        t.exc(ins(0xa9407be0, "ldp x0, x30, [sp]")),
        0x26 << 26 | 1 << 25
    );
}

#[test]
fn constrained_unpredictable_choices() {
    // LDP Rt == Rt2 (general): the first element, as QEMU 7.2 (Rt written last).
    let mut t = setup();
    t.run(ins(0xa9400822, "hand: ldp x2, x2, [x1]"));
    assert_eq!(t.c.s.x[2], 0x1111_1111_1111_1111);
    // SIMD&FP LDP Rt == Rt2: the second element, as QEMU 7.2.
    t.run(ins(0x6d400020, "hand: ldp d0, d0, [x1]"));
    assert_eq!(t.c.s.v(0), 0x2222_2222_2222_2222);
    // Writeback with Rt == Rn: Rn gets the address.
    t.run(ins(0xa8c10821, "hand: ldp x1, x2, [x1], #16"));
    assert_eq!((t.c.s.x[1], t.c.s.x[2]), (D + 16, 0x2222_2222_2222_2222));
    t.c.s.x[1] = D;
    t.run(ins(0xa9810422, "hand: stp x2, x1, [x1, #16]!"));
    assert_eq!((t.r64(D + 24), t.c.s.x[1]), (D, D + 16));
}

#[test]
fn unallocated_pairs() {
    let mut t = setup();
    // LDNP/STNP with opc = 01 (V = 0) and any pair with opc = 11 are unallocated.
    assert_eq!(t.exc(ins(0x68400820, "hand: LDNP opc=01")), ESR_UNDEF);
    assert_eq!(t.exc(ins(0xe9400820, "hand: LDP opc=11")), ESR_UNDEF);
    assert_eq!(t.exc(ins(0xed400820, "hand: LDP_v opc=11")), ESR_UNDEF);
    // STGP (opc = 01, L = 0) needs MTE, not implemented.
    assert_eq!(t.exc(ins(0x69000820, "hand: STGP")), ESR_UNDEF);
}

#[test]
fn fp_pairs() {
    let mut t = setup();
    t.c.s.z[1].0.fill(0xEE);
    t.run(ins(0xad400420, "ldp q0, q1, [x1]"));
    assert_eq!(t.c.s.v(0), 0x2222_2222_2222_2222_1111_1111_1111_1111);
    assert_eq!(t.c.s.v(1), 0x4444_4444_4444_4444_3333_3333_3333_3333);
    assert!(t.c.s.z[1].0[16..].iter().all(|&b| b == 0));
    t.run(ins(0x2d410420, "ldp s0, s1, [x1, #8]"));
    assert_eq!((t.c.s.v(0), t.c.s.v(1)), (0x2222_2222, 0x2222_2222));
    t.run(ins(0x6cc10420, "ldp d0, d1, [x1], #16"));
    assert_eq!(
        (t.c.s.v(0), t.c.s.v(1), t.c.s.x[1]),
        (0x1111_1111_1111_1111, 0x2222_2222_2222_2222, D + 16)
    );
    t.c.s.set_v(2, 0xA);
    t.c.s.set_v(3, 0xB);
    t.run(ins(0x6d3f0c22, "stp d2, d3, [x1, #-16]"));
    assert_eq!((t.r64(D), t.r64(D + 8)), (0xA, 0xB));
    t.run(ins(0xac800c22, "stp q2, q3, [x1], #0"));
    assert_eq!((t.r64(D + 16), t.r64(D + 24), t.r64(D + 32)), (0xA, 0, 0xB));
    t.run(ins(0x2c400c22, "ldnp s2, s3, [x1]"));
    assert_eq!((t.c.s.v(2), t.c.s.v(3)), (0xA, 0));
    // Q pairs need 16-byte alignment with the MMU off.
    t.c.s.x[1] = D + 8;
    assert_eq!(
        t.exc(ins(0xad400420, "ldp q0, q1, [x1]")),
        esr_dabt(0x21, false)
    );
    t.c.sys.cpacr_el1 = 0;
    assert_eq!(
        t.exc(ins(0xad400420, "ldp q0, q1, [x1]")),
        0x07 << 26 | 1 << 25
    );
}

#[test]
fn mmio_pair_exits_per_element() {
    let mut t = setup();
    t.c.s.x[1] = IO;
    t.load(ins(0xa8c10820, "ldp x0, x2, [x1], #16"));
    assert_eq!(t.mmio(), req(IO, 8, false, 0));
    t.c.complete_mmio_read(0xA0);
    assert_eq!(t.mmio(), req(IO + 8, 8, false, 0));
    // Nothing is written before the instruction completes.
    assert_eq!((t.c.s.x[0], t.c.s.x[1]), (0, IO));
    t.c.complete_mmio_read(0xA8);
    assert_eq!(t.c.step(), Ok(()));
    assert_eq!((t.c.s.x[0], t.c.s.x[2], t.c.s.x[1]), (0xA0, 0xA8, IO + 16));
    t.c.s.x[3] = 0x1234_5678_9ABC_DEF0;
    t.c.s.x[4] = 0x0FED_CBA9;
    t.c.s.x[1] = IO;
    t.load(ins(0x29001023, "stp w3, w4, [x1]"));
    assert_eq!(t.mmio(), req(IO, 4, true, 0x9ABC_DEF0));
    assert_eq!(t.mmio(), req(IO + 4, 4, true, 0x0FED_CBA9));
    assert_eq!(t.c.step(), Ok(()));
}
