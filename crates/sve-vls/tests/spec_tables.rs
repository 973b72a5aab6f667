//! The tables of shared/spec/sve-vector-length-selection.md, row by row.
//! Expected values are the spec's (checked there against QEMU 7.2 for TCG),
//! not output of this crate.

use sve_vls::{resolve_str, Accel, ErrorKind, VqSet};

fn s(v: &[u8]) -> VqSet {
    VqSet::from_vqs(v)
}

#[track_caller]
fn ok(accel: Accel, cpu: &str, want: &[u8]) {
    match resolve_str(cpu, &accel) {
        Ok(r) => assert_eq!(r.set, s(want), "{cpu} under {accel:?}"),
        Err(e) => panic!("{cpu} under {accel:?}: unexpected error {e}"),
    }
}

#[track_caller]
fn err(accel: Accel, cpu: &str, kind: ErrorKind) {
    match resolve_str(cpu, &accel) {
        Ok(r) => panic!("{cpu} under {accel:?}: expected {kind:?}, got {:?}", r.set),
        Err(e) => {
            assert_eq!(e.kind, kind, "{cpu} under {accel:?}: {e}");
            assert!(!e.message.contains('\n'), "one line: {}", e.message);
            if let ErrorKind::CannotEnable { vq } | ErrorKind::CannotDisable { vq } = kind {
                let name = format!("sve{}", u32::from(vq) * 128);
                assert!(
                    e.message.contains(&name),
                    "message names {name}: {}",
                    e.message
                );
            }
        }
    }
}

fn all() -> Vec<u8> {
    (1..=16).collect()
}

const TCG: Accel = Accel::Tcg;
fn kvm(v: &[u8]) -> Accel {
    Accel::Kvm(s(v))
}
fn kvm_old(v: &[u8]) -> Accel {
    Accel::KvmPre70(s(v))
}
use ErrorKind::{CannotDisable as Dis, CannotEnable as En};

/// Section 10, worked examples 1-35.
#[test]
fn worked_examples() {
    ok(TCG, "max", &all()); // 1
    ok(TCG, "max,sve=off", &[]); // 2
    ok(TCG, "max,sve128=on", &[1]); // 3
    ok(TCG, "max,sve384=on", &[1, 2, 3]); // 4
    ok(TCG, "max,sve512=on", &[1, 2, 4]); // 5
    ok(TCG, "max,sve1024=on,sve384=on", &[1, 2, 3, 4, 8]); // 6
    err(TCG, "max,sve1024=on,sve256=off", Dis { vq: 2 }); // 7
    ok(TCG, "max,sve1536=on", &[1, 2, 4, 8, 12]); // 8
    ok(TCG, "max,sve512=off", &[1, 2, 3]); // 9
    let mut v = all();
    v.retain(|&q| q != 3);
    ok(TCG, "max,sve384=off", &v); // 10
    ok(TCG, "max,sve640=off,sve1024=off", &[1, 2, 3, 4, 6, 7]); // 11
    err(TCG, "max,sve384=on,sve512=off,sve640=on", Dis { vq: 4 }); // 12
    ok(TCG, "max,sve=off,sve512=on,sve=on", &[1, 2, 4]); // 13
    err(TCG, "max,sve=off,sve128=off,sve=on", Dis { vq: 1 }); // 14
    err(TCG, "max,sve=off,sve128=on", En { vq: 1 }); // 15
    ok(TCG, "max,sve-max-vq=3", &[1, 2, 3]); // 16
    ok(TCG, "max,sve-max-vq=8,sve384=off", &[1, 2, 4, 5, 6, 7, 8]); // 17
    err(TCG, "max,sve-max-vq=8,sve256=off", Dis { vq: 2 }); // 18
    err(TCG, "max,sve-max-vq=8,sve1024=off", Dis { vq: 8 }); // 19
    err(TCG, "max,sve-max-vq=8,sve1152=on", En { vq: 9 }); // 20
    ok(TCG, "max,sve-max-vq=2,sve128=on", &[1, 2]); // 21
    err(TCG, "max,sve-max-vq=4,sve=off", En { vq: 4 }); // 22
    err(TCG, "a64fx,sve384=on", En { vq: 3 }); // 23
    ok(TCG, "a64fx,sve512=off", &[1, 2]); // 24
    ok(kvm(&[1, 2, 3, 4]), "host,sve512=on", &[1, 2, 3, 4]); // 25
    err(
        kvm(&[1, 2, 3, 4]),
        "host,sve512=on,sve384=off",
        Dis { vq: 3 },
    ); // 26
    ok(kvm(&[1, 2, 3, 4]), "host,sve384=off", &[1, 2]); // 27
    ok(kvm(&[1, 2, 4]), "host,sve384=off", &[1, 2, 4]); // 28
    err(kvm(&[1, 2, 4]), "host,sve384=on", En { vq: 3 }); // 29
    err(kvm(&[1, 2, 4]), "host,sve512=on,sve256=off", Dis { vq: 2 }); // 30
    err(kvm(&[1, 2, 4]), "host,sve128=off", Dis { vq: 1 }); // 31
    ok(kvm(&[]), "host", &[]); // 32
    ok(kvm(&[]), "host,sve128=off", &[]); // 32
    err(kvm(&[]), "host,sve=on", ErrorKind::SveUnsupportedByHost); // 33
    err(kvm(&[]), "host,sve128=on", En { vq: 1 }); // 33
    err(
        kvm_old(&[1, 2, 4]),
        "max,sve-max-vq=4",
        ErrorKind::CannotSetSveMaxVq {
            max_vq: 4,
            missing_vq: 3,
        },
    ); // 34
    ok(
        kvm_old(&[1, 2, 4]),
        "max,sve-max-vq=4,sve384=off",
        &[1, 2, 4],
    ); // 35
}

/// Section 6.1: what a setting does, starting from defaults.
#[test]
fn table_6_1() {
    let host = [1, 2, 3, 4, 6, 8];
    // nothing
    ok(TCG, "max", &all());
    ok(kvm(&host), "host", &host);
    ok(kvm(&host), "max", &host);
    // sve=off, plus any sve<N>=off
    ok(TCG, "max,sve=off,sve512=off,sve128=off", &[]);
    ok(kvm(&host), "host,sve=off,sve384=off", &[]);
    // only enables (maybe some offs)
    ok(TCG, "max,sve768=on,sve384=off", &[1, 2, 4, 6]);
    err(TCG, "max,sve768=on,sve512=off", Dis { vq: 4 });
    ok(kvm(&host), "host,sve768=on", &[1, 2, 3, 4, 6]);
    err(kvm(&host), "host,sve768=on,sve384=off", Dis { vq: 3 });
    err(kvm(&host), "host,sve640=on", En { vq: 5 });
    // only disables
    ok(
        TCG,
        "max,sve1024=off,sve384=off,sve1536=off",
        &[1, 2, 4, 5, 6, 7],
    );
    ok(kvm(&host), "host,sve768=off", &[1, 2, 3, 4]);
    ok(kvm(&host), "host,sve640=off", &host); // 640 not a host length
    ok(kvm(&host), "host,sve1024=off,sve384=off", &[1, 2]); // smallest host disable: 384
                                                            // sve128=off alone
    err(TCG, "max,sve128=off", Dis { vq: 1 });
    err(kvm(&host), "host,sve128=off", Dis { vq: 1 });
    // sve-max-vq
    ok(TCG, "max,sve-max-vq=7,sve640=off", &[1, 2, 3, 4, 6, 7]);
    err(TCG, "max,sve-max-vq=7,sve896=off", Dis { vq: 7 });
    err(TCG, "max,sve-max-vq=7,sve512=off", Dis { vq: 4 });
    ok(kvm_old(&[1, 2, 3, 4]), "max,sve-max-vq=4", &[1, 2, 3, 4]);
    err(
        kvm_old(&host),
        "max,sve-max-vq=8",
        ErrorKind::CannotSetSveMaxVq {
            max_vq: 8,
            missing_vq: 7,
        },
    );
}

/// Section 6.2: one more setting for length v once a maximum m is in force.
#[test]
fn table_6_2() {
    // m = 8 fixed by sve1024=on (enables only) or by sve-max-vq=8.
    // v < m, not a power of two.
    ok(TCG, "max,sve1024=on,sve384=on", &[1, 2, 3, 4, 8]);
    ok(TCG, "max,sve1024=on,sve384=off", &[1, 2, 4, 8]);
    ok(TCG, "max,sve-max-vq=8,sve384=off", &[1, 2, 4, 5, 6, 7, 8]);
    let host = [1, 2, 3, 4, 8];
    ok(kvm(&host), "host,sve1024=on,sve384=on", &host);
    err(kvm(&host), "host,sve1024=on,sve768=on", En { vq: 6 });
    err(kvm(&host), "host,sve1024=on,sve384=off", Dis { vq: 3 });
    ok(kvm(&host), "host,sve1024=on,sve768=off", &host);
    // v < m, power of two.
    ok(TCG, "max,sve1024=on,sve256=on", &[1, 2, 4, 8]);
    err(TCG, "max,sve1024=on,sve256=off", Dis { vq: 2 });
    err(TCG, "max,sve-max-vq=8,sve512=off", Dis { vq: 4 });
    ok(kvm(&host), "host,sve1024=on,sve512=on", &host);
    err(kvm(&host), "host,sve1024=on,sve512=off", Dis { vq: 4 });
    // v = m.
    ok(TCG, "max,sve1024=on,sve1024=on", &[1, 2, 4, 8]);
    err(TCG, "max,sve-max-vq=8,sve1024=off", Dis { vq: 8 });
    // enables only: disabling the maximum recomputes from the other enables.
    ok(TCG, "max,sve1024=on,sve384=on,sve1024=off", &[1, 2, 3]);
    ok(
        kvm(&host),
        "host,sve1024=on,sve384=on,sve1024=off",
        &[1, 2, 3],
    );
    // v > m, nothing it depends on switched off.
    ok(TCG, "max,sve1024=on,sve1536=on", &[1, 2, 4, 8, 12]);
    ok(TCG, "max,sve1024=on,sve1536=off", &[1, 2, 4, 8]);
    ok(
        TCG,
        "max,sve-max-vq=8,sve1536=off",
        &[1, 2, 3, 4, 5, 6, 7, 8],
    );
    let host2 = [1, 2, 3, 4, 8, 16];
    ok(kvm(&host2), "host,sve1024=on,sve2048=on", &host2);
    ok(kvm(&host2), "host,sve1024=on,sve2048=off", &host);
    // v > m, something it depends on switched off.
    err(TCG, "max,sve512=on,sve1024=off,sve1536=on", Dis { vq: 8 });
    ok(TCG, "max,sve512=on,sve1024=off,sve1536=off", &[1, 2, 4]);
    err(
        kvm(&host2),
        "host,sve512=on,sve1024=off,sve2048=on",
        Dis { vq: 8 },
    );
    ok(
        kvm(&host2),
        "host,sve512=on,sve1024=off,sve2048=off",
        &[1, 2, 3, 4],
    );
    // v > sve-max-vq.
    err(TCG, "max,sve-max-vq=8,sve2048=on", En { vq: 16 });
    ok(TCG, "max,sve-max-vq=4,sve2048=off", &[1, 2, 3, 4]);
    err(
        kvm_old(&host2),
        "max,sve-max-vq=4,sve2048=on",
        En { vq: 16 },
    );
    ok(
        kvm_old(&host2),
        "max,sve-max-vq=4,sve2048=off",
        &[1, 2, 3, 4],
    );
}

/// Section 6.3: defaults.
#[test]
fn table_6_3() {
    let r = resolve_str("max", &TCG).unwrap();
    assert_eq!((r.set, r.max_vq()), (VqSet::ALL, 16));
    let r = resolve_str("a64fx", &TCG).unwrap();
    assert_eq!((r.set, r.max_vq()), (s(&[1, 2, 4]), 4));
    for m in ["host", "max"] {
        let r = resolve_str(m, &kvm(&[1, 2, 4, 8])).unwrap();
        assert_eq!((r.set, r.max_vq(), r.sve), (s(&[1, 2, 4, 8]), 8, true));
        let r = resolve_str(m, &kvm(&[])).unwrap();
        assert_eq!((r.set, r.max_vq(), r.sve), (VqSet::EMPTY, 0, false));
    }
}

/// Section 7: the error catalogue, one trigger per kind.
#[test]
fn catalogue() {
    err(TCG, "max,sve-max-vq=0", ErrorKind::InvalidSveMaxVq);
    err(TCG, "max,sve-max-vq=17", ErrorKind::InvalidSveMaxVq);
    err(kvm(&[]), "max,sve=on", ErrorKind::SveUnsupportedByHost);
    err(
        kvm_old(&[]),
        "max,sve-max-vq=2",
        ErrorKind::SveUnsupportedByHost,
    );
    err(TCG, "a64fx,sve-max-vq=2", ErrorKind::NoSuchProperty);
    err(kvm(&[1, 2]), "host,sve-max-vq=2", ErrorKind::NoSuchProperty);
    err(kvm(&[1, 2]), "max,sve-max-vq=2", ErrorKind::NoSuchProperty);
    err(
        kvm_old(&[1, 2]),
        "host,sve-max-vq=2",
        ErrorKind::NoSuchProperty,
    );
    err(TCG, "max,sve-max-vq=4,sve1024=on", En { vq: 8 });
    err(TCG, "max,sve128=off,sve256=off", Dis { vq: 1 });
    err(TCG, "max,sve-max-vq=5,sve640=off", Dis { vq: 5 });
    err(
        kvm_old(&[1, 2, 4]),
        "max,sve-max-vq=3",
        ErrorKind::CannotSetSveMaxVq {
            max_vq: 3,
            missing_vq: 3,
        },
    );
    err(TCG, "a64fx,sve1024=on", En { vq: 8 });
    err(kvm(&[]), "host,sve256=on", En { vq: 2 });
    err(kvm(&[1, 2, 3]), "host,sve384=on,sve256=off", Dis { vq: 2 });
    err(TCG, "max,sve2048=on,sve1024=off", Dis { vq: 8 });
    err(TCG, "max,sve=off,sve2048=on", En { vq: 16 });
    // The first problem in finalize order wins.
    err(TCG, "max,sve=off,sve512=on,sve256=off", Dis { vq: 2 });
    // Parse-level errors.
    err(TCG, "MAX", ErrorKind::UnknownModel);
    err(TCG, "max,sve", ErrorKind::ExpectedKeyValue);
    err(TCG, "max,sve=On", ErrorKind::InvalidValue);
    err(TCG, "max,sve2176=on", ErrorKind::NoSuchProperty);
    err(TCG, "host", ErrorKind::ModelNeedsKvm);
    err(kvm(&[1]), "a64fx", ErrorKind::ModelNeedsTcg);
}

/// QEMU's boolean and integer spellings (checked against qemu-aarch64 7.2).
#[test]
fn spellings() {
    for on in ["on", "yes", "true", "y"] {
        ok(TCG, &format!("max,sve=off,sve={on}"), &all());
    }
    for off in ["off", "no", "false", "n"] {
        ok(TCG, &format!("max,sve={off}"), &[]);
    }
    err(TCG, "max,sve=", ErrorKind::InvalidValue);
    err(TCG, "max,sve=1", ErrorKind::InvalidValue);
    ok(TCG, "max,sve-max-vq=0x3", &[1, 2, 3]);
    ok(TCG, "max,sve-max-vq=010", &[1, 2, 3, 4, 5, 6, 7, 8]);
    ok(TCG, "max,sve-max-vq=+3", &[1, 2, 3]);
    err(TCG, "max,sve-max-vq=08", ErrorKind::InvalidValue);
    err(TCG, "max,sve-max-vq=-1", ErrorKind::InvalidValue);
    err(TCG, "max,sve-max-vq=-0", ErrorKind::InvalidSveMaxVq);
    ok(TCG, "max,,sve384=on,,", &[1, 2, 3]);
    ok(TCG, "max,", &all());
}
