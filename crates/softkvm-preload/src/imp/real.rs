//! The functions the shim interposes, as the next object in the lookup order
//! (libc) defines them: `dlsym(RTLD_NEXT, name)`, resolved once.
//!
//! Code in this crate never calls `libc::open`, `libc::ioctl`, `libc::mmap`,
//! `libc::close`, `libc::dup*` or `libc::fcntl` directly: inside a preloaded object
//! those names bind to the shim's own definitions.

use libc::{c_char, c_int, c_ulong, c_void, off_t, size_t};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Looks `name` (NUL-terminated) up in the objects after this one; caches the answer.
fn resolve(cache: &AtomicUsize, name: &[u8]) -> usize {
    let p = cache.load(Ordering::Acquire);
    if p != 0 {
        return p;
    }
    // SAFETY: `name` is a NUL-terminated literal; RTLD_NEXT is valid in a shared object.
    let p = unsafe { libc::dlsym(libc::RTLD_NEXT, name.as_ptr() as *const c_char) } as usize;
    if p == 0 {
        // Without libc's own function the process cannot go on meaningfully.
        let msg = b"softkvm-preload: dlsym(RTLD_NEXT) failed\n";
        // SAFETY: writing a static buffer to stderr.
        unsafe {
            libc::write(2, msg.as_ptr() as *const c_void, msg.len());
            libc::abort();
        }
    }
    cache.store(p, Ordering::Release);
    p
}

macro_rules! real_fn {
    ($(#[$m:meta])* $name:ident, $sym:literal, $ty:ty) => {
        $(#[$m])*
        pub fn $name() -> $ty {
            static CACHE: AtomicUsize = AtomicUsize::new(0);
            let p = resolve(&CACHE, concat!($sym, "\0").as_bytes());
            // SAFETY: libc defines `$sym` with this C signature.
            unsafe { std::mem::transmute::<usize, $ty>(p) }
        }
    };
}

pub type OpenFn = unsafe extern "C" fn(*const c_char, c_int, ...) -> c_int;
pub type OpenatFn = unsafe extern "C" fn(c_int, *const c_char, c_int, ...) -> c_int;
pub type Open2Fn = unsafe extern "C" fn(*const c_char, c_int) -> c_int;
pub type Openat2Fn = unsafe extern "C" fn(c_int, *const c_char, c_int) -> c_int;
pub type IoctlFn = unsafe extern "C" fn(c_int, c_ulong, ...) -> c_int;
pub type MmapFn =
    unsafe extern "C" fn(*mut c_void, size_t, c_int, c_int, c_int, off_t) -> *mut c_void;
pub type CloseFn = unsafe extern "C" fn(c_int) -> c_int;
pub type DupFn = unsafe extern "C" fn(c_int) -> c_int;
pub type Dup2Fn = unsafe extern "C" fn(c_int, c_int) -> c_int;
pub type Dup3Fn = unsafe extern "C" fn(c_int, c_int, c_int) -> c_int;
pub type FcntlFn = unsafe extern "C" fn(c_int, c_int, ...) -> c_int;

real_fn!(open, "open", OpenFn);
real_fn!(open64, "open64", OpenFn);
real_fn!(openat, "openat", OpenatFn);
real_fn!(openat64, "openat64", OpenatFn);
real_fn!(open_2, "__open_2", Open2Fn);
real_fn!(open64_2, "__open64_2", Open2Fn);
real_fn!(openat_2, "__openat_2", Openat2Fn);
real_fn!(openat64_2, "__openat64_2", Openat2Fn);
real_fn!(ioctl, "ioctl", IoctlFn);
real_fn!(mmap, "mmap", MmapFn);
real_fn!(mmap64, "mmap64", MmapFn);
real_fn!(close, "close", CloseFn);
real_fn!(dup, "dup", DupFn);
real_fn!(dup2, "dup2", Dup2Fn);
real_fn!(dup3, "dup3", Dup3Fn);
real_fn!(fcntl, "fcntl", FcntlFn);

/// Sets the calling thread's `errno`.
pub fn set_errno(e: c_int) {
    // SAFETY: __errno_location returns the calling thread's errno slot.
    unsafe { *libc::__errno_location() = e };
}

/// The calling thread's `errno`.
pub fn errno() -> c_int {
    // SAFETY: as above.
    unsafe { *libc::__errno_location() }
}
