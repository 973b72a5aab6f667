//! `copy_from_user` / `copy_to_user` for `ioctl` arguments.
//!
//! The kernel answers a bad pointer with `EFAULT`; a library dereferencing it would
//! crash the VMM instead. `process_vm_readv`/`process_vm_writev` on the calling
//! process itself go through the kernel's own user-copy, so they fail with `EFAULT`
//! exactly where the kernel's ioctl would. Where those calls are not allowed (a
//! seccomp filter), the copy falls back to a plain memory copy.

use libc::{c_int, c_void, iovec};
use std::sync::atomic::{AtomicBool, Ordering};

static NO_VM_RW: AtomicBool = AtomicBool::new(false);

fn fallback(e: c_int) -> bool {
    if e == libc::ENOSYS || e == libc::EPERM {
        NO_VM_RW.store(true, Ordering::Relaxed);
        true
    } else {
        false
    }
}

/// Reads `buf.len()` bytes at user address `addr`.
pub fn read(addr: u64, buf: &mut [u8]) -> Result<(), c_int> {
    if buf.is_empty() {
        return Ok(());
    }
    if addr == 0 || addr.checked_add(buf.len() as u64).is_none() {
        return Err(libc::EFAULT);
    }
    if !NO_VM_RW.load(Ordering::Relaxed) {
        let local = iovec {
            iov_base: buf.as_mut_ptr() as *mut c_void,
            iov_len: buf.len(),
        };
        let remote = iovec {
            iov_base: addr as usize as *mut c_void,
            iov_len: buf.len(),
        };
        // SAFETY: `local` is our own buffer; the kernel validates `remote`.
        let n = unsafe { libc::process_vm_readv(libc::getpid(), &local, 1, &remote, 1, 0) };
        if n == buf.len() as isize {
            return Ok(());
        }
        let e = super::real::errno();
        if n >= 0 || !fallback(e) {
            return Err(libc::EFAULT);
        }
    }
    // SAFETY: fallback only: the caller's pointer is trusted as KVM's caller would be.
    unsafe {
        std::ptr::copy_nonoverlapping(addr as usize as *const u8, buf.as_mut_ptr(), buf.len())
    };
    Ok(())
}

/// Writes `buf` to user address `addr`.
pub fn write(addr: u64, buf: &[u8]) -> Result<(), c_int> {
    if buf.is_empty() {
        return Ok(());
    }
    if addr == 0 || addr.checked_add(buf.len() as u64).is_none() {
        return Err(libc::EFAULT);
    }
    if !NO_VM_RW.load(Ordering::Relaxed) {
        let local = iovec {
            iov_base: buf.as_ptr() as *mut c_void,
            iov_len: buf.len(),
        };
        let remote = iovec {
            iov_base: addr as usize as *mut c_void,
            iov_len: buf.len(),
        };
        // SAFETY: `local` is only read; the kernel validates `remote`.
        let n = unsafe { libc::process_vm_writev(libc::getpid(), &local, 1, &remote, 1, 0) };
        if n == buf.len() as isize {
            return Ok(());
        }
        let e = super::real::errno();
        if n >= 0 || !fallback(e) {
            return Err(libc::EFAULT);
        }
    }
    // SAFETY: fallback only, as in `read`.
    unsafe { std::ptr::copy_nonoverlapping(buf.as_ptr(), addr as usize as *mut u8, buf.len()) };
    Ok(())
}

/// Reads a plain-old-data value (`T` has no invalid bit patterns: the KVM structs).
pub fn read_pod<T: Copy + Default>(addr: u64) -> Result<T, c_int> {
    let mut v = T::default();
    // SAFETY: T is a repr(C) integer-only struct; any bytes are a valid T.
    let b = unsafe {
        std::slice::from_raw_parts_mut(&mut v as *mut T as *mut u8, std::mem::size_of::<T>())
    };
    read(addr, b)?;
    Ok(v)
}

/// Writes a plain-old-data value.
pub fn write_pod<T: Copy>(addr: u64, v: &T) -> Result<(), c_int> {
    // SAFETY: viewing a repr(C) integer-only struct as bytes.
    let b =
        unsafe { std::slice::from_raw_parts(v as *const T as *const u8, std::mem::size_of::<T>()) };
    write(addr, b)
}
