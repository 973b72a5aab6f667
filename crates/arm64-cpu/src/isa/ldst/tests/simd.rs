//! Advanced SIMD structure loads and stores.

use super::*;

/// Byte k of the data area holds k.
fn setup() -> T {
    let mut t = T::new();
    let bytes: Vec<u8> = (0..128u8).collect();
    t.write(D, &bytes);
    t.c.s.x[1] = D;
    t
}

/// A vector from its bytes, lowest first.
fn vb(b: &[u8]) -> u128 {
    let mut a = [0u8; 16];
    a[..b.len()].copy_from_slice(b);
    u128::from_le_bytes(a)
}

/// Bytes `start..start+n` of the pattern.
fn seq(start: u8, n: u8) -> Vec<u8> {
    (start..start + n).collect()
}

#[test]
fn ld1_st1_multiple() {
    let mut t = setup();
    t.c.s.z[0].0.fill(0xEE);
    t.run(ins(0x4c407020, "ld1 { v0.16b }, [x1]"));
    assert_eq!(t.c.s.v(0), vb(&seq(0, 16)));
    assert!(t.c.s.z[0].0[16..].iter().all(|&b| b == 0));
    t.run(ins(0x4cdfa820, "ld1 { v0.4s, v1.4s }, [x1], #32"));
    assert_eq!(
        (t.c.s.v(0), t.c.s.v(1), t.c.s.x[1]),
        (vb(&seq(0, 16)), vb(&seq(16, 16)), D + 32)
    );
    // Three 64-bit registers: the top halves are zeroed.
    t.c.s.x[1] = D;
    t.run(ins(0x0c406c3e, "ld1 { v30.1d, v31.1d, v0.1d }, [x1]"));
    assert_eq!(
        (t.c.s.v(30), t.c.s.v(31), t.c.s.v(0)),
        (vb(&seq(0, 8)), vb(&seq(8, 8)), vb(&seq(16, 8)))
    );
    // Four registers, and ST1 writes them back in the same order.
    t.run(ins(0x4c402c24, "ld1 { v4.2d, v5.2d, v6.2d, v7.2d }, [x1]"));
    assert_eq!(t.c.s.v(7), vb(&seq(48, 16)));
    t.c.s.x[1] = D + 0x100;
    t.c.s.x[2] = 0x48;
    t.run(ins(
        0x4c822c24,
        "st1 { v4.2d, v5.2d, v6.2d, v7.2d }, [x1], x2",
    ));
    assert_eq!(t.read(D + 0x100, 64), seq(0, 64));
    assert_eq!(t.c.s.x[1], D + 0x148);
}

#[test]
fn interleaving_ld2_ld3_ld4() {
    let mut t = setup();
    t.run(ins(0x4c408820, "ld2 { v0.4s, v1.4s }, [x1]"));
    let v0: Vec<u8> = [0u8, 8, 16, 24].iter().flat_map(|&k| k..k + 4).collect();
    let v1: Vec<u8> = [4u8, 12, 20, 28].iter().flat_map(|&k| k..k + 4).collect();
    assert_eq!((t.c.s.v(0), t.c.s.v(1)), (vb(&v0), vb(&v1)));
    t.run(ins(0x0c404020, "ld3 { v0.8b, v1.8b, v2.8b }, [x1]"));
    for r in 0..3u8 {
        let want: Vec<u8> = (0..8u8).map(|e| 3 * e + r).collect();
        assert_eq!(t.c.s.v(r as u32), vb(&want), "v{r}");
    }
    // The register list wraps from V31 to V0.
    t.run(ins(
        0x0c40083e,
        "ld4 { v30.2s, v31.2s, v0.2s, v1.2s }, [x1]",
    ));
    let regs = [30u32, 31, 0, 1];
    for (s, &r) in regs.iter().enumerate() {
        let k = 4 * s as u8;
        let want: Vec<u8> = (k..k + 4).chain(k + 16..k + 20).collect();
        assert_eq!(t.c.s.v(r), vb(&want), "v{r}");
    }
    // ST2 of halfwords interleaves: a0 b0 a1 b1 ...
    t.c.s.set_v(2, 0x0007_0006_0005_0004_0003_0002_0001_0000);
    t.c.s.set_v(3, 0x0107_0106_0105_0104_0103_0102_0101_0100);
    t.c.s.x[1] = D + 0x200;
    t.run(ins(0x4c9f8422, "st2 { v2.8h, v3.8h }, [x1], #32"));
    let got = t.read(D + 0x200, 32);
    let want: Vec<u8> = (0..8u8).flat_map(|e| [e, 0, e, 1]).collect();
    assert_eq!(got, want);
    assert_eq!(t.c.s.x[1], D + 0x220);
    // ST4 undoes LD4.
    t.c.s.x[1] = D;
    t.run(ins(
        0x0c40083e,
        "ld4 { v30.2s, v31.2s, v0.2s, v1.2s }, [x1]",
    ));
    t.c.s.x[1] = D + 0x300;
    t.run(ins(
        0x0c00083e,
        "st4 { v30.2s, v31.2s, v0.2s, v1.2s }, [x1]",
    ));
    assert_eq!(t.read(D + 0x300, 32), seq(0, 32));
}

#[test]
fn single_lane_and_replicate() {
    let mut t = setup();
    t.c.s.set_v(0, u128::MAX);
    t.c.s.z[0].0[16..].fill(0xEE);
    t.run(ins(0x4d409020, "ld1 { v0.s }[3], [x1]"));
    assert_eq!(t.c.s.v(0), 0x0302_0100 << 96 | (u128::MAX >> 32));
    assert!(t.c.s.z[0].0[16..].iter().all(|&b| b == 0));
    t.c.s.x[2] = 5;
    t.run(ins(0x4dc28420, "ld1 { v0.d }[1], [x1], x2"));
    assert_eq!((t.c.s.v(0) >> 64) as u64, 0x0706_0504_0302_0100);
    assert_eq!(t.c.s.x[1], D + 5);
    t.c.s.x[1] = D;
    t.c.s.set_v(1, 0);
    t.c.s.set_v(2, 0);
    t.c.s.set_v(3, 0);
    t.run(ins(0x4ddf3c21, "ld3 { v1.b, v2.b, v3.b }[15], [x1], #3"));
    assert_eq!(
        (t.c.s.v(1), t.c.s.v(2), t.c.s.v(3)),
        (0, 1 << 120, 2 << 120)
    );
    assert_eq!(t.c.s.x[1], D + 3);
    // Replicate.
    t.c.s.x[1] = D;
    t.run(ins(0x4d40c420, "ld1r { v0.8h }, [x1]"));
    assert_eq!(t.c.s.v(0), 0x0100_0100_0100_0100_0100_0100_0100_0100);
    t.run(ins(0x0d40c420, "ld1r { v0.4h }, [x1]"));
    assert_eq!(t.c.s.v(0), 0x0100_0100_0100_0100);
    t.run(ins(0x4d60ec24, "ld4r { v4.2d, v5.2d, v6.2d, v7.2d }, [x1]"));
    for k in 0..4u8 {
        let d = vb(&seq(8 * k, 8));
        assert_eq!(t.c.s.v(4 + k as u32), d | d << 64, "v{}", 4 + k);
    }
    // Single-lane store: v2.h[5], v3.h[5].
    t.c.s.set_v(2, 0xAAAA << 80);
    t.c.s.set_v(3, 0xBBBB << 80);
    t.c.s.x[1] = D + 0x200;
    t.run(ins(0x4d204822, "st2 { v2.h, v3.h }[5], [x1]"));
    assert_eq!(t.r32(D + 0x200), 0xBBBB_AAAA);
}

#[test]
fn simd_structures_reserved() {
    let mut t = setup();
    // LD2 with .1d (size = 11, Q = 0).
    assert_eq!(
        t.exc(ins(0x0c408c20, "hand: ld2 {v0.1d, v1.1d}")),
        ESR_UNDEF
    );
    // Replicate opcode with L = 0.
    assert_eq!(
        t.exc(ins(0x0d00c020, "hand: STn_single opcode=110")),
        ESR_UNDEF
    );
    // Halfword lane with size<0> = 1.
    assert_eq!(
        t.exc(ins(0x0d404420, "hand: LD1 single H size=01")),
        ESR_UNDEF
    );
    // Multiple-structure opcode 0001 is unallocated.
    assert_eq!(
        t.exc(ins(0x0c401020, "hand: LDn_mult opcode=0001")),
        ESR_UNDEF
    );
}

#[test]
fn simd_alignment_and_mmio() {
    let mut t = setup();
    // Per-element alignment with the MMU off: bytes never fault, words at +2 do.
    t.c.s.x[1] = D + 1;
    t.run(ins(0x4c407020, "ld1 { v0.16b }, [x1]"));
    assert_eq!(t.c.s.v(0), vb(&seq(1, 16)));
    t.c.s.x[1] = D + 2;
    assert_eq!(
        t.exc(ins(0x4c407820, "ld1 { v0.4s }, [x1]")),
        esr_dabt(0x21, false)
    );
    assert_eq!(t.c.sys.far_el1, D + 2);
    // MMIO: one exit per element, each of the element size.
    t.c.s.x[1] = IO;
    t.load(ins(0x4cdf7820, "ld1 { v0.4s }, [x1], #16"));
    for k in 0..4u64 {
        assert_eq!(t.mmio(), req(IO + 4 * k, 4, false, 0));
        t.c.complete_mmio_read(0x1000 + k);
    }
    assert_eq!(t.c.step(), Ok(()));
    assert_eq!(
        t.c.s.v(0),
        0x1003 << 96 | 0x1002 << 64 | 0x1001 << 32 | 0x1000
    );
    assert_eq!(t.c.s.x[1], IO + 16);
    t.c.s.x[1] = IO;
    t.c.s.set_v(0, 0x0807_0605_0403_0201);
    t.load(ins(0x0c007020, "st1 { v0.8b }, [x1]"));
    for k in 0..8u64 {
        assert_eq!(t.mmio(), req(IO + k, 1, true, k + 1));
    }
    assert_eq!(t.c.step(), Ok(()));
    assert_eq!(t.c.s.pc, RAM + 4);
}
