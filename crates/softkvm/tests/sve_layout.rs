//! Z/P/FFR transfers at every maximum vector length 1..16 VQ (spec §5): GET gives
//! the first 16·max_vq (Z) / 2·max_vq (P, FFR) bytes and zero-fills the rest; SET
//! takes those bytes and ignores the rest; both act on the vCPU's maximum VL whatever
//! ZCR_EL1 selects. Realkvm 6.1/6.3/6.4 checked the same at max VQ 2 (and 9.vqmin/
//! 9.vqmax at 1 and 4).

mod common;
use common::*;
use softkvm::bindings::*;
use softkvm::Host;

const ZCR_EL1: u64 = 0x603000000013C090;

#[test]
fn z_p_ffr_layout_at_every_max_vq() {
    let k = kvm(Host::preset("max").unwrap());
    for m in 1..=16u32 {
        let vm = k.create_vm().unwrap();
        let v = vm.create_vcpu(0).unwrap();
        v.vcpu_init(&init_sve()).unwrap();
        let w0 = (1u64 << m) - 1;
        v.set_one_reg(KVM_REG_ARM64_SVE_VLS, &vls(w0)).unwrap();
        v.vcpu_finalize(&4).unwrap();
        assert_eq!(get_vls(&v), vls(w0));
        // The guest asks for the smallest VL: transfers still use the maximum.
        set_u64(&v, ZCR_EL1, 0);
        let zl = 16 * m as usize;
        let pl = 2 * m as usize;
        let zpat: Vec<u8> = (0..256).map(|i| (i as u8).wrapping_mul(7) | 1).collect();
        let ppat: Vec<u8> = (0..32).map(|i| 0x80 | i as u8).collect();
        for n in [0u32, 3, 31] {
            let id = KVM_REG_ARM64_SVE_ZREG(n, 0);
            v.set_one_reg(id, &zpat).unwrap();
            let mut out = [0xeeu8; 256];
            assert_eq!(v.get_one_reg(id, &mut out), Ok(256));
            assert_eq!(&out[..zl], &zpat[..zl], "Z{n} at max VQ {m}");
            assert!(out[zl..].iter().all(|&b| b == 0), "Z{n} padding at VQ {m}");
        }
        for id in [
            KVM_REG_ARM64_SVE_PREG(0, 0),
            KVM_REG_ARM64_SVE_PREG(15, 0),
            KVM_REG_ARM64_SVE_FFR(0),
        ] {
            v.set_one_reg(id, &ppat).unwrap();
            let mut out = [0xeeu8; 32];
            assert_eq!(v.get_one_reg(id, &mut out), Ok(32));
            assert_eq!(&out[..pl], &ppat[..pl], "{id:#x} at max VQ {m}");
            assert!(out[pl..].iter().all(|&b| b == 0));
        }
        // A later SET with different bytes beyond the VL changes nothing there.
        let id = KVM_REG_ARM64_SVE_ZREG(5, 0);
        let mut a = [0x11u8; 256];
        v.set_one_reg(id, &a).unwrap();
        a[zl..].fill(0x22);
        v.set_one_reg(id, &a).unwrap();
        let mut out = [0u8; 256];
        v.get_one_reg(id, &mut out).unwrap();
        assert!(out[..zl].iter().all(|&b| b == 0x11));
        assert!(out[zl..].iter().all(|&b| b == 0));
        // ID_AA64PFR0_EL1.SVE = 1.
        assert_eq!((get_u64(&v, 0x603000000013C020) >> 32) & 0xf, 1);
    }
}

#[test]
fn vls_on_presets() {
    // The VLS a vCPU starts with is the host's whole set; valid writes are exactly
    // {host VQs <= m} for m in the host set (spec §3.3).
    for (name, w0, ok, bad) in [
        (
            "a64fx",
            0b1011u64,
            vec![0b1u64, 0b11, 0b1011],
            vec![0b111u64, 0b1001, 0b10],
        ),
        (
            "graviton3",
            0b11,
            vec![0b1, 0b11],
            vec![0b10, 0b111, 0b1011],
        ),
        ("grace", 0b1, vec![0b1], vec![0b11, 0]),
    ] {
        let k = kvm(Host::preset(name).unwrap());
        let vm = k.create_vm().unwrap();
        let v = vm.create_vcpu(0).unwrap();
        v.vcpu_init(&init_sve()).unwrap();
        assert_eq!(get_vls(&v), vls(w0), "{name}");
        for x in ok {
            assert_eq!(
                en(v.set_one_reg(KVM_REG_ARM64_SVE_VLS, &vls(x))),
                0,
                "{name} {x:#x}"
            );
            assert_eq!(get_vls(&v), vls(x));
        }
        for x in bad {
            assert_eq!(
                en(v.set_one_reg(KVM_REG_ARM64_SVE_VLS, &vls(x))),
                libc::EINVAL,
                "{name} {x:#x}"
            );
        }
    }
}
