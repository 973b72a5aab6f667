//! The `ioctl`s on the shim's fds, answered by softkvm with the kernel's return values
//! and errnos.

// `c_ulong` (ioctl's request and argument) is `u64` on the two targets this module
// builds for; the casts keep the code honest about the C types.
#![allow(clippy::unnecessary_cast)]

use super::real;
use super::table::{self, lock_vcpu, Obj, VcpuState};
use super::user;
use libc::{c_int, c_ulong};
use softkvm::bindings::*;
use softkvm::{Host, Kvm, VmFd};
use std::sync::{Arc, Mutex};

/// `_IOC` as `<asm-generic/ioctl.h>` builds it (the arm64 encoding).
const fn ioc(dir: u64, nr: u64, size: u64) -> u64 {
    (dir << 30) | (size << 16) | (0xAE << 8) | nr
}
const fn io(nr: u64) -> u64 {
    ioc(0, nr, 0)
}
const fn iow(nr: u64, size: usize) -> u64 {
    ioc(1, nr, size as u64)
}
const fn ior(nr: u64, size: usize) -> u64 {
    ioc(2, nr, size as u64)
}
const fn iowr(nr: u64, size: usize) -> u64 {
    ioc(3, nr, size as u64)
}

pub const KVM_GET_API_VERSION: u64 = io(0x00);
pub const KVM_CREATE_VM: u64 = io(0x01);
pub const KVM_CHECK_EXTENSION: u64 = io(0x03);
pub const KVM_GET_VCPU_MMAP_SIZE: u64 = io(0x04);
pub const KVM_CREATE_VCPU: u64 = io(0x41);
pub const KVM_SET_USER_MEMORY_REGION: u64 = iow(0x46, 32);
pub const KVM_RUN: u64 = io(0x80);
pub const KVM_GET_MP_STATE: u64 = ior(0x98, 4);
pub const KVM_SET_MP_STATE: u64 = iow(0x99, 4);
pub const KVM_GET_ONE_REG: u64 = iow(0xab, 16);
pub const KVM_SET_ONE_REG: u64 = iow(0xac, 16);
pub const KVM_ARM_VCPU_INIT: u64 = iow(0xae, 32);
pub const KVM_ARM_PREFERRED_TARGET: u64 = ior(0xaf, 32);
pub const KVM_GET_REG_LIST: u64 = iowr(0xb0, 8);
pub const KVM_ARM_VCPU_FINALIZE: u64 = iow(0xc2, 4);
pub const KVM_SET_DEVICE_ATTR: u64 = iow(0xe1, 24);
pub const KVM_GET_DEVICE_ATTR: u64 = iow(0xe2, 24);
pub const KVM_HAS_DEVICE_ATTR: u64 = iow(0xe3, 24);
pub const KVM_CREATE_DEVICE: u64 = iowr(0xe0, 12);

/// The ioctls the VFS answers for every file before the driver sees them
/// (`do_vfs_ioctl`): forwarded to the memfd, which behaves the same.
const VFS_IOCTLS: [u64; 4] = [
    libc::FIOCLEX as u64,
    libc::FIONCLEX as u64,
    libc::FIONBIO as u64,
    libc::FIOASYNC as u64,
];

pub fn is_vfs_ioctl(req: c_ulong) -> bool {
    VFS_IOCTLS.contains(&(req as u64))
}

/// Verbosity from `SOFTKVM_PRELOAD_VERBOSE`.
pub fn verbose() -> u32 {
    static V: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *V.get_or_init(|| {
        std::env::var("SOFTKVM_PRELOAD_VERBOSE")
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0)
    })
}

/// The emulated host from `SOFTKVM_HOST` / `SOFTKVM_HOST_VQS`; default {1,2,4}.
pub fn host() -> Result<Host, String> {
    if let Ok(name) = std::env::var("SOFTKVM_HOST") {
        return Host::preset(name.trim()).map_err(|e| format!("SOFTKVM_HOST={name}: {e}"));
    }
    if let Ok(list) = std::env::var("SOFTKVM_HOST_VQS") {
        let mut vqs = Vec::new();
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let vq = part
                .parse::<u32>()
                .map_err(|_| format!("SOFTKVM_HOST_VQS={list}: {part:?} is not a number"))?;
            vqs.push(vq);
        }
        return Host::from_vqs(&vqs).map_err(|e| format!("SOFTKVM_HOST_VQS={list}: {e}"));
    }
    Host::from_vqs(&[1, 2, 4]).map_err(|e| e.to_string())
}

/// `open` of the device: a system fd.
pub fn open_system(cloexec: bool) -> Result<c_int, c_int> {
    let h = match host() {
        Ok(h) => h,
        Err(msg) => {
            eprintln!("softkvm-preload: {msg}");
            return Err(libc::ENXIO);
        }
    };
    if verbose() >= 1 {
        eprintln!(
            "softkvm-preload: serving {} from softkvm (host: {})",
            crate::imp::interpose::device(),
            h.name()
        );
    }
    let kvm = Kvm::with_host(h).map_err(|e| e.errno())?;
    let fd = table::new_memfd("kvm", cloexec, 0)?;
    install(fd, Obj::System(Arc::new(kvm)))
}

fn install(fd: c_int, obj: Obj) -> Result<c_int, c_int> {
    if let Err(e) = table::insert(fd, obj) {
        // SAFETY: closing our own fresh fd.
        unsafe { real::close()(fd) };
        return Err(e);
    }
    Ok(fd)
}

type R = Result<c_int, c_int>;

fn errno_of(e: softkvm::Error) -> c_int {
    e.errno()
}

/// Answers `ioctl(fd, req, arg)` on one of the shim's fds.
pub fn ioctl(obj: Obj, req: c_ulong, arg: c_ulong) -> R {
    let req = req as u64;
    let arg = arg as u64;
    match obj {
        Obj::System(kvm) => system_ioctl(&kvm, req, arg),
        Obj::Vm(vm) => vm_ioctl(&vm, req, arg),
        Obj::Vcpu(v) => vcpu_ioctl(&v, req, arg),
    }
}

fn system_ioctl(kvm: &Kvm, req: u64, arg: u64) -> R {
    match req {
        KVM_GET_API_VERSION if arg == 0 => Ok(kvm.get_api_version()),
        KVM_CHECK_EXTENSION => Ok(kvm.check_extension_raw(arg as c_ulong)),
        KVM_GET_VCPU_MMAP_SIZE if arg == 0 => kvm
            .get_vcpu_mmap_size()
            .map(|n| n as c_int)
            .map_err(errno_of),
        KVM_CREATE_VM => {
            let vm = kvm.create_vm_with_type(arg).map_err(errno_of)?;
            let fd = table::new_memfd("vm", true, 0)?;
            install(fd, Obj::Vm(Arc::new(vm)))
        }
        _ => Err(libc::EINVAL),
    }
}

fn vm_ioctl(vm: &VmFd, req: u64, arg: u64) -> R {
    match req {
        KVM_CHECK_EXTENSION => Ok(vm.check_extension_raw(arg as c_ulong)),
        KVM_CREATE_VCPU => {
            let vcpu = vm.create_vcpu(arg).map_err(errno_of)?;
            let len = vm.run_size();
            let fd = table::new_memfd(&format!("vcpu:{arg}"), true, len)?;
            let run = match table::map_run(fd, len) {
                Ok(r) => r,
                Err(e) => {
                    // SAFETY: closing our own fresh fd.
                    unsafe { real::close()(fd) };
                    return Err(e);
                }
            };
            let st = VcpuState {
                vcpu: Box::new(vcpu),
                run,
                run_len: len,
                mmio_read: None,
            };
            install(fd, Obj::Vcpu(Arc::new(Mutex::new(st))))
        }
        KVM_SET_USER_MEMORY_REGION => {
            let m: kvm_userspace_memory_region = user::read_pod(arg)?;
            // SAFETY: as with KVM, the VMM promises that the host range stays mapped
            // while the slot exists; softkvm accesses it directly.
            unsafe { vm.set_user_memory_region(m) }.map_err(errno_of)?;
            Ok(0)
        }
        KVM_ARM_PREFERRED_TARGET => {
            let mut kvi = kvm_vcpu_init::default();
            vm.get_preferred_target(&mut kvi).map_err(errno_of)?;
            user::write_pod(arg, &kvi)?;
            Ok(0)
        }
        // No in-kernel devices (GIC, ...) in softkvm.
        KVM_CREATE_DEVICE => Err(libc::ENODEV),
        _ => Err(libc::EINVAL),
    }
}

fn vcpu_ioctl(v: &Mutex<VcpuState>, req: u64, arg: u64) -> R {
    let mut st = lock_vcpu(v);
    match req {
        KVM_RUN if arg == 0 => run(&mut st),
        KVM_ARM_VCPU_INIT => {
            let kvi: kvm_vcpu_init = user::read_pod(arg)?;
            st.vcpu.vcpu_init(&kvi).map_err(errno_of)?;
            Ok(0)
        }
        KVM_ARM_VCPU_FINALIZE => {
            let what: c_int = user::read_pod(arg)?;
            st.vcpu.vcpu_finalize(&what).map_err(errno_of)?;
            Ok(0)
        }
        KVM_GET_ONE_REG => {
            let r: kvm_one_reg = user::read_pod(arg)?;
            let mut buf = vec![0u8; softkvm::reg_size(r.id)];
            st.vcpu.get_one_reg(r.id, &mut buf).map_err(errno_of)?;
            user::write(r.addr, &buf)?;
            Ok(0)
        }
        KVM_SET_ONE_REG => {
            let r: kvm_one_reg = user::read_pod(arg)?;
            let mut buf = vec![0u8; softkvm::reg_size(r.id)];
            if let Err(e) = user::read(r.addr, &mut buf) {
                // The kernel validates the id before it reads the value: report the
                // id's own error first (as far as a GET can tell it).
                let mut scratch = vec![0u8; buf.len()];
                st.vcpu.get_one_reg(r.id, &mut scratch).map_err(errno_of)?;
                return Err(e);
            }
            st.vcpu.set_one_reg(r.id, &buf).map_err(errno_of)?;
            Ok(0)
        }
        KVM_GET_REG_LIST => get_reg_list(&st, arg),
        KVM_GET_MP_STATE => {
            let s = st.vcpu.get_mp_state().map_err(errno_of)?;
            user::write_pod(arg, &s)?;
            Ok(0)
        }
        KVM_SET_MP_STATE => {
            let s: kvm_mp_state = user::read_pod(arg)?;
            st.vcpu.set_mp_state(s).map_err(errno_of)?;
            Ok(0)
        }
        KVM_HAS_DEVICE_ATTR => {
            let a: kvm_device_attr = user::read_pod(arg)?;
            st.vcpu.has_device_attr(&a).map_err(errno_of)?;
            Ok(0)
        }
        // softkvm has no vCPU device attributes to set or get (it has no GIC for
        // the timer interrupts and no PMU): answer as for an unknown attribute.
        KVM_SET_DEVICE_ATTR | KVM_GET_DEVICE_ATTR => {
            let _: kvm_device_attr = user::read_pod(arg)?;
            Err(libc::ENXIO)
        }
        _ => Err(libc::EINVAL),
    }
}

/// `KVM_GET_REG_LIST`: the kernel reads the caller's `n` (as an `unsigned`), writes
/// the count back in every case that gets past ENOEXEC/EPERM, and then either fails
/// with E2BIG or copies the ids; entries past the count are not touched.
fn get_reg_list(st: &VcpuState, arg: u64) -> R {
    let n_in: u64 = user::read_pod(arg)?;
    let mut probe = RegList::new(0).map_err(|_| libc::ENOMEM)?;
    let count = match st.vcpu.get_reg_list(&mut probe) {
        Ok(()) => 0,
        Err(e) if e.errno() == libc::E2BIG => probe.as_fam_struct_ref().n as usize,
        Err(e) => return Err(e.errno()),
    };
    user::write_pod(arg, &(count as u64))?;
    if (n_in as u32 as usize) < count {
        return Err(libc::E2BIG);
    }
    let mut list = RegList::new(count).map_err(|_| libc::ENOMEM)?;
    st.vcpu.get_reg_list(&mut list).map_err(errno_of)?;
    let ids: Vec<u8> = list
        .as_slice()
        .iter()
        .flat_map(|id| id.to_ne_bytes())
        .collect();
    user::write(arg + 8, &ids)?;
    Ok(0)
}

/// `KVM_RUN`: hand the VMM's answer to the last MMIO read to softkvm, run, and write
/// the exit into `kvm_run`.
fn run(st: &mut VcpuState) -> R {
    let VcpuState {
        vcpu,
        run: page,
        mmio_read,
        ..
    } = st;
    if let Some((p, len)) = mmio_read.take() {
        let data = page.mmio_data();
        // SAFETY: `p` points at softkvm's MMIO data buffer inside the boxed VcpuFd
        // (the `&mut [u8]` of the MmioRead exit), which is where the next `run()`
        // reads the loaded value from. The box has not moved and no `&mut` borrow of
        // the VcpuFd has been created since the exit (only `&self` calls), so the
        // pointer is still the live exit buffer. softkvm has no other way to accept
        // the data after the exit's borrow ends (see the crate docs).
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), p, len.min(8)) };
    }
    let immediate = page.immediate_exit();
    vcpu.set_kvm_immediate_exit(immediate);
    match vcpu.run() {
        Ok(exit) => {
            let internal = matches!(exit, softkvm::VcpuExit::InternalError);
            *mmio_read = page.store(exit, None);
            if internal {
                // The exit borrowed the VcpuFd; the details are read after it.
                if let Some(d) = vcpu.internal_error().cloned() {
                    if verbose() >= 1 {
                        eprintln!("softkvm-preload: KVM_EXIT_INTERNAL_ERROR: {d}");
                    }
                    page.store(softkvm::VcpuExit::InternalError, Some((d.pc, d.word)));
                }
            }
            Ok(0)
        }
        Err(e) => {
            // A kick (the software stand-in for a signal) reports KVM_EXIT_INTR; the
            // immediate_exit refusal leaves kvm_run alone, as arm64 KVM does.
            if e.errno() == libc::EINTR && immediate == 0 {
                page.intr();
            }
            Err(e.errno())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The request numbers equal the arm64 `<linux/kvm.h>` macros.
    #[test]
    fn ioctl_numbers_match_the_arm64_uapi_header() {
        let ours = [
            ("KVM_GET_API_VERSION", KVM_GET_API_VERSION),
            ("KVM_CREATE_VM", KVM_CREATE_VM),
            ("KVM_CHECK_EXTENSION", KVM_CHECK_EXTENSION),
            ("KVM_GET_VCPU_MMAP_SIZE", KVM_GET_VCPU_MMAP_SIZE),
            ("KVM_CREATE_VCPU", KVM_CREATE_VCPU),
            ("KVM_SET_USER_MEMORY_REGION", KVM_SET_USER_MEMORY_REGION),
            ("KVM_RUN", KVM_RUN),
            ("KVM_GET_MP_STATE", KVM_GET_MP_STATE),
            ("KVM_SET_MP_STATE", KVM_SET_MP_STATE),
            ("KVM_GET_ONE_REG", KVM_GET_ONE_REG),
            ("KVM_SET_ONE_REG", KVM_SET_ONE_REG),
            ("KVM_ARM_VCPU_INIT", KVM_ARM_VCPU_INIT),
            ("KVM_ARM_PREFERRED_TARGET", KVM_ARM_PREFERRED_TARGET),
            ("KVM_GET_REG_LIST", KVM_GET_REG_LIST),
            ("KVM_ARM_VCPU_FINALIZE", KVM_ARM_VCPU_FINALIZE),
            ("KVM_SET_DEVICE_ATTR", KVM_SET_DEVICE_ATTR),
            ("KVM_GET_DEVICE_ATTR", KVM_GET_DEVICE_ATTR),
            ("KVM_HAS_DEVICE_ATTR", KVM_HAS_DEVICE_ATTR),
            ("KVM_CREATE_DEVICE", KVM_CREATE_DEVICE),
        ];
        let mut c = String::from("#include <stdio.h>\n#include <linux/kvm.h>\nint main(void) {\n");
        for (name, _) in &ours {
            c += &format!("printf(\"%s %llu\\n\", \"{name}\", (unsigned long long){name});\n");
        }
        c += "return 0; }\n";
        let Some(out) = crate::imp::uapi_check::run_c("ioctl_numbers", &c) else {
            return;
        };
        for (name, v) in ours {
            assert_eq!(Some(v), crate::imp::uapi_check::value(&out, name), "{name}");
        }
    }

    #[test]
    fn host_selection() {
        // Default (the environment of `cargo test` sets neither variable).
        if std::env::var_os("SOFTKVM_HOST").is_none()
            && std::env::var_os("SOFTKVM_HOST_VQS").is_none()
        {
            assert_eq!(host().unwrap().vqs(), vec![1, 2, 4]);
        }
    }
}
