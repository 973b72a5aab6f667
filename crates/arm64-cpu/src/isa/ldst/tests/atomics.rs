//! Exclusives, ordered accesses, LSE atomics, CAS/CASP.

use super::*;

fn setup() -> T {
    let mut cfg = CpuConfig::default();
    // FEAT_LRCPC2 (ID_AA64ISAR1_EL1.LRCPC = 2) for LDAPR/LDAPUR/STLUR.
    cfg.isar1 |= 2 << 20;
    let mut t = T::with_cfg(cfg);
    t.w64(D, 0x1122_3344_5566_7788);
    t.w64(D + 8, 0x99AA_BBCC_DDEE_FF00);
    t.c.s.x[1] = D;
    t
}

#[test]
fn exclusive_success_and_failure() {
    let mut t = setup();
    t.run(ins(0xc85f7c20, "ldxr x0, [x1]"));
    assert_eq!(t.c.s.x[0], 0x1122_3344_5566_7788);
    t.c.s.x[2] = 0xABCD;
    t.c.s.x[3] = 0x77;
    t.run(ins(0xc8037c22, "stxr w3, x2, [x1]"));
    assert_eq!((t.c.s.x[3], t.r64(D)), (0, 0xABCD));
    // The monitor is now clear: a second STXR fails and stores nothing.
    t.c.s.x[2] = 0xEEEE;
    t.run(ins(0xc8037c22, "stxr w3, x2, [x1]"));
    assert_eq!((t.c.s.x[3], t.r64(D)), (1, 0xABCD));
    // Another observer changes the location between LDXR and STXR: failure.
    t.run(ins(0x885ffc20, "ldaxr w0, [x1]"));
    assert_eq!(t.c.s.x[0], 0xABCD);
    t.w64(D, 0x5555);
    t.run(ins(0x8803fc22, "stlxr w3, w2, [x1]"));
    assert_eq!((t.c.s.x[3], t.r64(D)), (1, 0x5555));
    // Byte/halfword forms; the size must match the LDXR's.
    t.run(ins(0x085f7c20, "ldxrb w0, [x1]"));
    assert_eq!(t.c.s.x[0], 0x55);
    t.run(ins(0x48037c22, "stxrh w3, w2, [x1]"));
    assert_eq!((t.c.s.x[3], t.r64(D)), (1, 0x5555));
    t.run(ins(0x485f7c20, "ldxrh w0, [x1]"));
    t.c.s.x[2] = 0x1_2345;
    t.run(ins(0x48037c22, "stxrh w3, w2, [x1]"));
    assert_eq!((t.c.s.x[3], t.r64(D)), (0, 0x2345));
    // A different address fails.
    t.run(ins(0xc85f7c20, "ldxr x0, [x1]"));
    t.c.s.x[4] = D + 8;
    t.run(ins(0xc8037c82, "stxr w3, x2, [x4]"));
    assert_eq!((t.c.s.x[3], t.r64(D + 8)), (1, 0x99AA_BBCC_DDEE_FF00));
    // Taking an exception clears the monitor.
    t.run(ins(0xc85f7c20, "ldxr x0, [x1]"));
    t.exc(ins(0xf8401020, "ldur x0, [x1, #1]"));
    t.run(ins(0xc8037c22, "stxr w3, x2, [x1]"));
    assert_eq!(t.c.s.x[3], 1);
}

#[test]
fn exclusive_pairs() {
    let mut t = setup();
    t.run(ins(0xc87f0820, "ldxp x0, x2, [x1]"));
    assert_eq!(
        (t.c.s.x[0], t.c.s.x[2]),
        (0x1122_3344_5566_7788, 0x99AA_BBCC_DDEE_FF00)
    );
    t.c.s.x[4] = 0x4444;
    t.c.s.x[5] = 0x5555;
    t.run(ins(0xc8231424, "stxp w3, x4, x5, [x1]"));
    assert_eq!((t.c.s.x[3], t.r64(D), t.r64(D + 8)), (0, 0x4444, 0x5555));
    t.run(ins(0x887f8820, "ldaxp w0, w2, [x1]"));
    assert_eq!((t.c.s.x[0], t.c.s.x[2]), (0x4444, 0));
    t.run(ins(0x88239424, "stlxp w3, w4, w5, [x1]"));
    assert_eq!((t.c.s.x[3], t.r64(D)), (0, 0x5555_0000_4444));
    // LDXP X needs 16-byte alignment (a 128-bit single-copy atomic access).
    t.c.s.x[1] = D + 8;
    assert_eq!(
        t.exc(ins(0xc87f0820, "ldxp x0, x2, [x1]")),
        esr_dabt(0x21, false)
    );
    // Rt == Rt2: the second value, as QEMU 7.2.
    t.c.s.x[1] = D;
    t.run(ins(0xc87f0822, "ldxp x2, x2, [x1]"));
    assert_eq!(t.c.s.x[2], 0x5555);
}

#[test]
fn exclusive_faults() {
    let mut t = setup();
    t.c.s.x[1] = D + 4;
    assert_eq!(
        t.exc(ins(0xc85f7c20, "ldxr x0, [x1]")),
        esr_dabt(0x21, false)
    );
    // STXR with the monitor not armed fails without checking alignment (QEMU's
    // IMPLEMENTATION DEFINED choice: monitor check first).
    t.c.s.x[3] = 9;
    t.run(ins(0xc8037c22, "stxr w3, x2, [x1]"));
    assert_eq!(t.c.s.x[3], 1);
    // Armed for this address by a W exclusive, then a misaligned X store-exclusive.
    t.run(ins(0x885f7c20, "ldxr w0, [x1]"));
    assert_eq!(
        t.exc(ins(0xc8037c22, "stxr w3, x2, [x1]")),
        esr_dabt(0x21, true)
    );
    // Exclusives to MMIO cannot be performed: synchronous External abort.
    t.c.s.x[1] = IO;
    assert_eq!(
        t.exc(ins(0xc85f7c20, "ldxr x0, [x1]")),
        esr_dabt(0x10, false)
    );
    assert_eq!(t.c.sys.far_el1, IO);
}

#[test]
fn load_acquire_store_release() {
    let mut t = setup();
    t.run(ins(0xc8dffc20, "ldar x0, [x1]"));
    assert_eq!(t.c.s.x[0], 0x1122_3344_5566_7788);
    t.run(ins(0x08dffc20, "ldarb w0, [x1]"));
    assert_eq!(t.c.s.x[0], 0x88);
    t.c.s.x[2] = 0xFFFF_FFFF_0000_1234;
    t.run(ins(0x489ffc22, "stlrh w2, [x1]"));
    assert_eq!(t.r64(D), 0x1122_3344_5566_1234);
    t.run(ins(0xb8bfc020, "ldapr w0, [x1]"));
    assert_eq!(t.c.s.x[0], 0x5566_1234);
    t.run(ins(0x9980c020, "ldapursw x0, [x1, #12]"));
    assert_eq!(t.c.s.x[0], 0xFFFF_FFFF_99AA_BBCC);
    t.run(ins(0x19c03020, "ldapursb w0, [x1, #3]"));
    assert_eq!(t.c.s.x[0], 0x55);
    t.c.s.x[4] = D + 1;
    t.run(ins(0x59c0d080, "ldapursh w0, [x4, #13]"));
    assert_eq!(t.c.s.x[0], 0xFFFF_99AA);
    t.run(ins(0xd9008022, "stlur x2, [x1, #8]"));
    assert_eq!(t.r64(D + 8), 0xFFFF_FFFF_0000_1234);
    // Ordered accesses are always alignment checked.
    assert_eq!(
        t.exc(ins(0x88dffc80, "ldar w0, [x4]")),
        esr_dabt(0x21, false)
    );
    assert_eq!(
        t.exc(ins(0xb8bfc080, "ldapr w0, [x4]")),
        esr_dabt(0x21, false)
    );
    assert_eq!(
        t.exc(ins(0x889ffc82, "stlr w2, [x4]")),
        esr_dabt(0x21, true)
    );
    // Ordered accesses to MMIO are ordinary MMIO accesses.
    t.c.s.x[4] = IO;
    t.load(ins(0xc8dffc80, "ldar x0, [x4]"));
    assert_eq!(t.mmio(), req(IO, 8, false, 0));
    t.c.complete_mmio_read(0x77);
    assert_eq!(t.c.step(), Ok(()));
    assert_eq!(t.c.s.x[0], 0x77);
}

#[test]
fn feature_gating() {
    // Without LRCPC (and, by default, without LOR) advertised, those UNDEF.
    let mut cfg = CpuConfig::default();
    cfg.isar1 &= !(0xF << 20);
    let mut t = T::with_cfg(cfg);
    t.c.s.x[1] = D;
    assert_eq!(t.exc(ins(0xb8bfc020, "ldapr w0, [x1]")), ESR_UNDEF);
    assert_eq!(t.exc(ins(0x9980c020, "ldapursw x0, [x1, #12]")), ESR_UNDEF);
    assert_eq!(t.exc(ins(0xc8df7c20, "ldlar x0, [x1]")), ESR_UNDEF);
    assert_eq!(t.exc(ins(0xc89f7c20, "stllr x0, [x1]")), ESR_UNDEF);
    // With ID_AA64MMFR1_EL1.LO = 1 they behave as LDAR/STLR.
    let mut cfg = CpuConfig::default();
    cfg.mmfr1 |= 1 << 16;
    let mut t = T::with_cfg(cfg);
    t.c.s.x[1] = D;
    t.c.s.x[0] = 0xC0FFEE;
    t.run(ins(0xc89f7c20, "stllr x0, [x1]"));
    t.run(ins(0x88df7c22, "ldlar w2, [x1]"));
    assert_eq!(t.c.s.x[2], 0xC0FFEE);
    // Without LSE advertised, atomics UNDEF.
    let mut cfg = CpuConfig::default();
    cfg.isar0 &= !(0xF << 20);
    let mut t = T::with_cfg(cfg);
    t.c.s.x[1] = D;
    assert_eq!(t.exc(ins(0xf8220020, "ldadd x2, x0, [x1]")), ESR_UNDEF);
}

#[test]
fn lse_arithmetic() {
    let mut t = setup();
    t.w64(D, 5);
    t.c.s.x[2] = 3;
    t.run(ins(0xf8220020, "ldadd x2, x0, [x1]"));
    assert_eq!((t.c.s.x[0], t.r64(D)), (5, 8));
    // Byte add wraps within the byte; the neighbours are untouched.
    t.w64(D, 0x1234_56FF);
    t.c.s.x[2] = 0x102;
    t.run(ins(0x38e20020, "ldaddalb w2, w0, [x1]"));
    assert_eq!((t.c.s.x[0], t.r64(D)), (0xFF, 0x1234_5601));
    t.w64(D, 0xF0F0);
    t.c.s.x[2] = 0x3030;
    t.run(ins(0x78621020, "ldclrlh w2, w0, [x1]"));
    assert_eq!((t.c.s.x[0], t.r64(D)), (0xF0F0, 0xC0C0));
    t.c.s.x[2] = 0xFFFF;
    t.run(ins(0xb8a22020, "ldeora w2, w0, [x1]"));
    assert_eq!((t.c.s.x[0], t.r64(D)), (0xC0C0, 0x3F3F));
    t.c.s.x[2] = 0x1_0000_0000;
    t.run(ins(0xf8223020, "ldset x2, x0, [x1]"));
    assert_eq!((t.c.s.x[0], t.r64(D)), (0x3F3F, 0x1_0000_3F3F));
    // Signed vs unsigned max/min on a word holding -1.
    t.w64(D, 0xFFFF_FFFF);
    t.c.s.x[2] = 5;
    t.run(ins(0xb8224020, "ldsmax w2, w0, [x1]"));
    assert_eq!((t.c.s.x[0], t.r64(D)), (0xFFFF_FFFF, 5));
    t.w64(D, 0xFFFF_FFFF);
    t.run(ins(0xb8226020, "ldumax w2, w0, [x1]"));
    assert_eq!((t.c.s.x[0], t.r64(D)), (0xFFFF_FFFF, 0xFFFF_FFFF));
    t.run(ins(0xb8227020, "ldumin w2, w0, [x1]"));
    assert_eq!((t.c.s.x[0], t.r64(D)), (0xFFFF_FFFF, 5));
    // Halfword 0x8000 is -32768: signed min keeps it.
    t.w64(D, 0x8000);
    t.c.s.x[2] = 1;
    t.run(ins(0x78e25020, "ldsminalh w2, w0, [x1]"));
    assert_eq!((t.c.s.x[0], t.r64(D)), (0x8000, 0x8000));
    t.run(ins(0x78225020, "ldsminh w2, w0, [x1]"));
    t.run(ins(0x78224020, "ldsmaxh w2, w0, [x1]"));
    assert_eq!(t.r64(D), 1);
    // SWP and the ST<op> alias (Rt = XZR).
    t.c.s.x[2] = 0xDEAD;
    t.run(ins(0xf8a28020, "swpa x2, x0, [x1]"));
    assert_eq!((t.c.s.x[0], t.r64(D)), (1, 0xDEAD));
    t.c.s.x[2] = 2;
    t.run(ins(0xf822003f, "stadd x2, [x1]"));
    assert_eq!(t.r64(D), 0xDEAF);
}

#[test]
fn lse_faults() {
    let mut t = setup();
    // Misaligned: Alignment fault reported as a read (WnR = 0), as the Arm ARM's
    // atomic translation and QEMU 7.2 do.
    t.c.s.x[1] = D + 4;
    assert_eq!(
        t.exc(ins(0xf8220020, "ldadd x2, x0, [x1]")),
        esr_dabt(0x21, false)
    );
    assert_eq!(
        t.exc(ins(0xc8a27c20, "cas x2, x0, [x1]")),
        esr_dabt(0x21, false)
    );
    t.c.s.x[1] = D + 8;
    assert_eq!(
        t.exc(ins(0x48207c24, "casp x0, x1, x4, x5, [x1]")),
        esr_dabt(0x21, false)
    );
    // MMIO: External abort.
    t.c.s.x[1] = IO;
    assert_eq!(
        t.exc(ins(0xf8220020, "ldadd x2, x0, [x1]")),
        esr_dabt(0x10, true)
    );
    // CASP with odd registers: UNDEFINED (QEMU's choice of the CONSTRAINED
    // UNPREDICTABLE options).
    assert_eq!(
        t.exc(ins(0x48217c24, "hand: casp x1, x2, x4, x5, [x1]")),
        ESR_UNDEF
    );
    assert_eq!(
        t.exc(ins(0x48207c23, "hand: casp x0, x1, x3, x4, [x1]")),
        ESR_UNDEF
    );
}

#[test]
fn compare_and_swap() {
    let mut t = setup();
    t.c.s.x[0] = 0x1122_3344_5566_7788;
    t.c.s.x[2] = 0xAAAA;
    t.run(ins(0xc8a07c22, "cas x0, x2, [x1]"));
    assert_eq!((t.c.s.x[0], t.r64(D)), (0x1122_3344_5566_7788, 0xAAAA));
    // Failure: Rs gets the memory value, memory unchanged.
    t.c.s.x[0] = 1;
    t.run(ins(0xc8e0fc22, "casal x0, x2, [x1]"));
    assert_eq!((t.c.s.x[0], t.r64(D)), (0xAAAA, 0xAAAA));
    // CASB compares the low byte of Ws only and zero-extends the old value.
    t.c.s.x[0] = 0x1234_56AA;
    t.c.s.x[2] = 0x77;
    t.run(ins(0x08e07c22, "casab w0, w2, [x1]"));
    assert_eq!((t.c.s.x[0], t.r64(D)), (0xAA, 0xAA77));
    t.c.s.x[0] = 0xAA77;
    t.c.s.x[2] = 0xFFFF_FFFF_0000_0001;
    t.run(ins(0x48a0fc22, "caslh w0, w2, [x1]"));
    assert_eq!((t.c.s.x[0], t.r64(D)), (0xAA77, 1));
    t.c.s.x[0] = 1;
    t.c.s.x[2] = 0xFFFF_FFFF_FFFF_FFFF;
    t.run(ins(0x88a07c22, "cas w0, w2, [x1]"));
    assert_eq!((t.c.s.x[0], t.r64(D)), (1, 0xFFFF_FFFF));
}

#[test]
fn compare_and_swap_pair() {
    let mut t = setup();
    t.w64(D, 0x10);
    t.w64(D + 8, 0x20);
    t.c.s.x[4] = 0x10;
    t.c.s.x[5] = 0x20;
    t.c.s.x[6] = 0x60;
    t.c.s.x[7] = 0x70;
    t.run(ins(0x48247c26, "casp x4, x5, x6, x7, [x1]"));
    assert_eq!(
        (t.c.s.x[4], t.c.s.x[5], t.r64(D), t.r64(D + 8)),
        (0x10, 0x20, 0x60, 0x70)
    );
    // Fails on the high half alone.
    t.c.s.x[4] = 0x60;
    t.c.s.x[5] = 0x71;
    t.run(ins(0x4864fc26, "caspal x4, x5, x6, x7, [x1]"));
    assert_eq!(
        (t.c.s.x[4], t.c.s.x[5], t.r64(D), t.r64(D + 8)),
        (0x60, 0x70, 0x60, 0x70)
    );
    // W pair: Ws at the lower address; Rs = 30 pairs with XZR (compares 0).
    t.w64(D, 0x0000_0000_0000_0060);
    t.c.s.x[30] = 0xFFFF_FFFF_0000_0060;
    t.c.s.x[6] = 0x1_2222_2222;
    t.c.s.x[7] = 0x3333_3333;
    t.run(ins(0x083e7c26, "casp w30, wzr, w6, w7, [x1]"));
    assert_eq!((t.c.s.x[30], t.r64(D)), (0x60, 0x3333_3333_2222_2222));
}

#[test]
fn portable_atomic_u128_is_lock_free_here() {
    // The 128-bit exclusives and CASP rely on a host 16-byte CAS; on this host it
    // must be a real one (CMPXCHG16B), not the lock-striped fallback.
    assert!(portable_atomic::AtomicU128::is_lock_free());
}

#[test]
fn two_threads_ldadd_is_atomic() {
    // Two PEs on one RAM each run ITER x `ldadd x2, x0, [x1]` (x2 = 1) on the same
    // counter: it must end at exactly 2 * ITER.
    const ITER: u64 = 200_000;
    let mut mem = vec![0u128; 0x10000 / 16];
    let ram = Arc::new(
        GuestRam::new(vec![Region {
            gpa: RAM,
            size: 0x10000,
            host: mem.as_mut_ptr() as *mut u8,
            readonly: false,
        }])
        .unwrap(),
    );
    let word: u32 = ins(0xf8220020, "ldadd x2, x0, [x1]");
    // SAFETY: inside `mem`.
    unsafe {
        std::ptr::copy_nonoverlapping(word.to_le_bytes().as_ptr(), mem.as_mut_ptr() as *mut u8, 4)
    };
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let ram = ram.clone();
            std::thread::spawn(move || {
                let mut c = Cpu::new(CpuConfig::default(), ram);
                c.s.x[1] = D;
                c.s.x[2] = 1;
                for _ in 0..ITER {
                    c.s.pc = RAM;
                    c.step().unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let counter = u64::from_le_bytes(word_at(&mem, (D - RAM) as usize));
    assert_eq!(counter, 2 * ITER);
}

fn word_at(mem: &[u128], off: usize) -> [u8; 8] {
    let v = mem[off / 16].to_le_bytes();
    let k = off % 16;
    v[k..k + 8].try_into().unwrap()
}

#[test]
fn two_threads_ldxr_stxr_counter() {
    // The same with an LL/SC loop driven from the host: each PE retries until its
    // STXR succeeds. Lost updates would show as a short count.
    const ITER: u64 = 100_000;
    let mut mem = vec![0u128; 0x10000 / 16];
    let ram = Arc::new(
        GuestRam::new(vec![Region {
            gpa: RAM,
            size: 0x10000,
            host: mem.as_mut_ptr() as *mut u8,
            readonly: false,
        }])
        .unwrap(),
    );
    let ldxr: u32 = ins(0xc85f7c20, "ldxr x0, [x1]");
    let stxr: u32 = ins(0xc8037c22, "stxr w3, x2, [x1]");
    let code: Vec<u8> = ldxr
        .to_le_bytes()
        .into_iter()
        .chain(stxr.to_le_bytes())
        .collect();
    // SAFETY: inside `mem`.
    unsafe { std::ptr::copy_nonoverlapping(code.as_ptr(), mem.as_mut_ptr() as *mut u8, 8) };
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let ram = ram.clone();
            std::thread::spawn(move || {
                let mut c = Cpu::new(CpuConfig::default(), ram);
                c.s.x[1] = D;
                for _ in 0..ITER {
                    loop {
                        c.s.pc = RAM;
                        c.step().unwrap();
                        c.s.x[2] = c.s.x[0].wrapping_add(1);
                        c.step().unwrap();
                        if c.s.x[3] == 0 {
                            break;
                        }
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(
        u64::from_le_bytes(word_at(&mem, (D - RAM) as usize)),
        2 * ITER
    );
}
