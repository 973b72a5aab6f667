//! The exported libc entry points. Each one passes a call that is not about the shim's
//! device or fds straight to libc's own function.

use super::dispatch;
use super::real;
use super::table::{self, Obj};
use libc::{c_char, c_int, c_uint, c_ulong, c_void, off_t, size_t};
use std::ffi::CStr;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

/// The device path the shim serves: `REALKVM_DEV`, `SOFTKVM_DEV`, or `/dev/kvm`.
pub fn device() -> &'static str {
    static DEV: OnceLock<String> = OnceLock::new();
    DEV.get_or_init(|| {
        std::env::var("REALKVM_DEV")
            .or_else(|_| std::env::var("SOFTKVM_DEV"))
            .unwrap_or_else(|_| "/dev/kvm".to_string())
    })
}

fn is_device(path: *const c_char) -> bool {
    if path.is_null() {
        return false;
    }
    // SAFETY: open's caller passes a NUL-terminated string.
    let p = unsafe { CStr::from_ptr(path) };
    p.to_bytes() == device().as_bytes()
}

/// Runs `f` and turns its result into the C convention (-1 and errno); a panic
/// (which would be a shim bug) becomes EIO instead of unwinding into C.
fn ret(what: &str, fd: c_int, f: impl FnOnce() -> Result<c_int, c_int>) -> c_int {
    let r = catch_unwind(AssertUnwindSafe(f)).unwrap_or(Err(libc::EIO));
    if dispatch::verbose() >= 2 {
        match r {
            Ok(v) => eprintln!("softkvm-preload: {what} fd {fd} -> {v}"),
            Err(e) => eprintln!("softkvm-preload: {what} fd {fd} -> -1 errno {e}"),
        }
    }
    match r {
        Ok(v) => v,
        Err(e) => {
            real::set_errno(e);
            -1
        }
    }
}

fn serve_open(flags: c_int) -> c_int {
    ret("open", -1, || {
        dispatch::open_system(flags & libc::O_CLOEXEC != 0)
    })
}

/// `open(2)`: the device path is served by softkvm.
///
/// # Safety
/// As libc's `open`.
#[no_mangle]
pub unsafe extern "C" fn open(path: *const c_char, flags: c_int, mode: c_uint) -> c_int {
    if is_device(path) {
        return serve_open(flags);
    }
    real::open()(path, flags, mode)
}

/// `open64(2)`.
///
/// # Safety
/// As libc's `open64`.
#[no_mangle]
pub unsafe extern "C" fn open64(path: *const c_char, flags: c_int, mode: c_uint) -> c_int {
    if is_device(path) {
        return serve_open(flags);
    }
    real::open64()(path, flags, mode)
}

/// `openat(2)`: the device path (as an exact string) is served by softkvm.
///
/// # Safety
/// As libc's `openat`.
#[no_mangle]
pub unsafe extern "C" fn openat(
    dirfd: c_int,
    path: *const c_char,
    flags: c_int,
    mode: c_uint,
) -> c_int {
    if is_device(path) {
        return serve_open(flags);
    }
    real::openat()(dirfd, path, flags, mode)
}

/// `openat64(2)`.
///
/// # Safety
/// As libc's `openat64`.
#[no_mangle]
pub unsafe extern "C" fn openat64(
    dirfd: c_int,
    path: *const c_char,
    flags: c_int,
    mode: c_uint,
) -> c_int {
    if is_device(path) {
        return serve_open(flags);
    }
    real::openat64()(dirfd, path, flags, mode)
}

/// `__open_2`: `open` under `_FORTIFY_SOURCE`.
///
/// # Safety
/// As libc's `__open_2`.
#[no_mangle]
pub unsafe extern "C" fn __open_2(path: *const c_char, flags: c_int) -> c_int {
    if is_device(path) {
        return serve_open(flags);
    }
    real::open_2()(path, flags)
}

/// `__open64_2`.
///
/// # Safety
/// As libc's `__open64_2`.
#[no_mangle]
pub unsafe extern "C" fn __open64_2(path: *const c_char, flags: c_int) -> c_int {
    if is_device(path) {
        return serve_open(flags);
    }
    real::open64_2()(path, flags)
}

/// `__openat_2`.
///
/// # Safety
/// As libc's `__openat_2`.
#[no_mangle]
pub unsafe extern "C" fn __openat_2(dirfd: c_int, path: *const c_char, flags: c_int) -> c_int {
    if is_device(path) {
        return serve_open(flags);
    }
    real::openat_2()(dirfd, path, flags)
}

/// `__openat64_2`.
///
/// # Safety
/// As libc's `__openat64_2`.
#[no_mangle]
pub unsafe extern "C" fn __openat64_2(dirfd: c_int, path: *const c_char, flags: c_int) -> c_int {
    if is_device(path) {
        return serve_open(flags);
    }
    real::openat64_2()(dirfd, path, flags)
}

/// `ioctl(2)`: on the shim's fds, the KVM API served by softkvm.
///
/// # Safety
/// As libc's `ioctl`.
#[no_mangle]
pub unsafe extern "C" fn ioctl(fd: c_int, request: c_ulong, arg: c_ulong) -> c_int {
    match table::lookup(fd) {
        Some(obj) if !dispatch::is_vfs_ioctl(request) => {
            let what = format!("ioctl {:#x} arg {:#x} on {}", request, arg, obj.kind());
            ret(&what, fd, || dispatch::ioctl(obj, request, arg))
        }
        _ => real::ioctl()(fd, request, arg),
    }
}

unsafe fn mmap_common(
    real_fn: real::MmapFn,
    addr: *mut c_void,
    len: size_t,
    prot: c_int,
    flags: c_int,
    fd: c_int,
    off: off_t,
) -> *mut c_void {
    if flags & libc::MAP_ANONYMOUS == 0 {
        match table::lookup(fd) {
            // The vCPU fd is a memfd holding kvm_run: a real shared mapping of it is
            // exactly KVM's (every mapping sees the same page; munmap is plain).
            Some(Obj::Vcpu(_)) | None => {}
            // /dev/kvm and VM fds have no mmap: the VFS answers ENODEV.
            Some(_) => {
                real::set_errno(libc::ENODEV);
                return libc::MAP_FAILED;
            }
        }
    }
    real_fn(addr, len, prot, flags, fd, off)
}

/// `mmap(2)`: a vCPU fd maps its `kvm_run`; the system and VM fds refuse (ENODEV).
///
/// # Safety
/// As libc's `mmap`.
#[no_mangle]
pub unsafe extern "C" fn mmap(
    addr: *mut c_void,
    len: size_t,
    prot: c_int,
    flags: c_int,
    fd: c_int,
    off: off_t,
) -> *mut c_void {
    mmap_common(real::mmap(), addr, len, prot, flags, fd, off)
}

/// `mmap64(2)`.
///
/// # Safety
/// As libc's `mmap64`.
#[no_mangle]
pub unsafe extern "C" fn mmap64(
    addr: *mut c_void,
    len: size_t,
    prot: c_int,
    flags: c_int,
    fd: c_int,
    off: off_t,
) -> *mut c_void {
    mmap_common(real::mmap64(), addr, len, prot, flags, fd, off)
}

/// `close(2)`: the shim forgets the fd; the softkvm object goes when its last fd
/// does (a vCPU keeps its VM alive, as in KVM).
///
/// # Safety
/// As libc's `close`.
#[no_mangle]
pub unsafe extern "C" fn close(fd: c_int) -> c_int {
    let obj = table::remove(fd);
    let r = real::close()(fd);
    drop(obj);
    r
}

/// After a successful duplication of `old` into `new`: `new` stands for what `old`
/// stands for (or for nothing, if `old` is not ours).
fn duplicated(old: c_int, new: c_int) {
    let stale = table::remove(new);
    if let Some(obj) = table::lookup(old) {
        let _ = table::insert(new, obj);
    }
    drop(stale);
}

/// `dup(2)`.
///
/// # Safety
/// As libc's `dup`.
#[no_mangle]
pub unsafe extern "C" fn dup(fd: c_int) -> c_int {
    let r = real::dup()(fd);
    if r >= 0 {
        duplicated(fd, r);
    }
    r
}

/// `dup2(2)`.
///
/// # Safety
/// As libc's `dup2`.
#[no_mangle]
pub unsafe extern "C" fn dup2(old: c_int, new: c_int) -> c_int {
    let r = real::dup2()(old, new);
    if r >= 0 && old != new {
        duplicated(old, new);
    }
    r
}

/// `dup3(2)`.
///
/// # Safety
/// As libc's `dup3`.
#[no_mangle]
pub unsafe extern "C" fn dup3(old: c_int, new: c_int, flags: c_int) -> c_int {
    let r = real::dup3()(old, new, flags);
    if r >= 0 {
        duplicated(old, new);
    }
    r
}

unsafe fn fcntl_common(fd: c_int, cmd: c_int, arg: c_ulong) -> c_int {
    let r = real::fcntl()(fd, cmd, arg);
    if r >= 0 && (cmd == libc::F_DUPFD || cmd == libc::F_DUPFD_CLOEXEC) {
        duplicated(fd, r);
    }
    r
}

/// `fcntl(2)`: `F_DUPFD`/`F_DUPFD_CLOEXEC` of a shim fd give another shim fd.
///
/// # Safety
/// As libc's `fcntl`.
#[no_mangle]
pub unsafe extern "C" fn fcntl(fd: c_int, cmd: c_int, arg: c_ulong) -> c_int {
    fcntl_common(fd, cmd, arg)
}

/// `fcntl64` (what `fcntl` is redirected to with `_FILE_OFFSET_BITS=64`).
///
/// # Safety
/// As libc's `fcntl64`.
#[no_mangle]
pub unsafe extern "C" fn fcntl64(fd: c_int, cmd: c_int, arg: c_ulong) -> c_int {
    fcntl_common(fd, cmd, arg)
}
