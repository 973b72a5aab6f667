//! The file descriptors the shim hands out and the softkvm objects behind them.

use super::real;
use super::run::{KvmRun, RunPage};
use libc::c_int;
use softkvm::{Kvm, VcpuFd, VmFd};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// A vCPU: the softkvm object (boxed, so the MMIO buffer address softkvm handed out
/// stays put) and its `kvm_run` page.
pub struct VcpuState {
    pub vcpu: Box<VcpuFd>,
    pub run: RunPage,
    pub run_len: usize,
    /// softkvm's buffer for the last MMIO read's data: the VMM writes its answer into
    /// `kvm_run.mmio.data`, and it is copied here before the next `run()`.
    pub mmio_read: Option<(*mut u8, usize)>,
}

// SAFETY: the raw pointers are the vCPU's own kvm_run mapping and a buffer inside the
// boxed VcpuFd; both live as long as the VcpuState and are only used under its mutex.
unsafe impl Send for VcpuState {}

impl Drop for VcpuState {
    fn drop(&mut self) {
        // SAFETY: the shim's own mapping of the vCPU's memfd, made at KVM_CREATE_VCPU.
        unsafe { libc::munmap(self.run.0 as *mut libc::c_void, self.run_len) };
    }
}

/// What a shim fd stands for.
#[derive(Clone)]
pub enum Obj {
    System(Arc<Kvm>),
    Vm(Arc<VmFd>),
    Vcpu(Arc<Mutex<VcpuState>>),
}

impl Obj {
    pub fn kind(&self) -> &'static str {
        match self {
            Obj::System(_) => "kvm",
            Obj::Vm(_) => "vm",
            Obj::Vcpu(_) => "vcpu",
        }
    }
}

struct Entry {
    ino: u64,
    dev: u64,
    obj: Obj,
}

static TABLE: Mutex<BTreeMap<c_int, Entry>> = Mutex::new(BTreeMap::new());
/// Number of entries: lets the common case (an fd that is not ours) skip the lock.
static COUNT: AtomicUsize = AtomicUsize::new(0);

fn table() -> MutexGuard<'static, BTreeMap<c_int, Entry>> {
    TABLE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Locks a vCPU, ignoring poisoning (a panic is caught at the FFI boundary; the
/// state stays usable).
pub fn lock_vcpu(v: &Mutex<VcpuState>) -> MutexGuard<'_, VcpuState> {
    v.lock().unwrap_or_else(|e| e.into_inner())
}

fn identity(fd: c_int) -> Option<(u64, u64)> {
    // SAFETY: fstat into a zeroed stat buffer.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        if libc::fstat(fd, &mut st) != 0 {
            return None;
        }
        Some((st.st_ino, st.st_dev))
    }
}

/// The object behind `fd`, if `fd` is one of ours and still refers to the same file.
pub fn lookup(fd: c_int) -> Option<Obj> {
    if fd < 0 || COUNT.load(Ordering::Acquire) == 0 {
        return None;
    }
    let (ino, dev) = {
        let t = table();
        let e = t.get(&fd)?;
        (e.ino, e.dev)
    };
    if identity(fd) == Some((ino, dev)) {
        return table().get(&fd).map(|e| e.obj.clone());
    }
    // The number was closed or reused behind our back: forget it.
    let stale = remove_if(fd, ino, dev);
    drop(stale);
    None
}

fn remove_if(fd: c_int, ino: u64, dev: u64) -> Option<Obj> {
    let mut t = table();
    let same = t.get(&fd).map(|e| e.ino == ino && e.dev == dev)?;
    if !same {
        return None;
    }
    COUNT.fetch_sub(1, Ordering::AcqRel);
    t.remove(&fd).map(|e| e.obj)
}

/// Records `fd` (a memfd just created or duplicated) as standing for `obj`.
pub fn insert(fd: c_int, obj: Obj) -> Result<(), c_int> {
    let (ino, dev) = identity(fd).ok_or(libc::EBADF)?;
    let old = {
        let mut t = table();
        let old = t.insert(fd, Entry { ino, dev, obj });
        if old.is_none() {
            COUNT.fetch_add(1, Ordering::AcqRel);
        }
        old
    };
    drop(old);
    Ok(())
}

/// Forgets `fd` (it is being closed or overwritten). The object is returned so the
/// caller drops it outside the table lock.
pub fn remove(fd: c_int) -> Option<Obj> {
    if fd < 0 || COUNT.load(Ordering::Acquire) == 0 {
        return None;
    }
    let mut t = table();
    let e = t.remove(&fd)?;
    COUNT.fetch_sub(1, Ordering::AcqRel);
    Some(e.obj)
}

/// A new memfd for an object: its fd number is the shim's fd.
pub fn new_memfd(name: &str, cloexec: bool, size: usize) -> Result<c_int, c_int> {
    let cname = std::ffi::CString::new(format!("softkvm-{name}")).map_err(|_| libc::EINVAL)?;
    let flags = if cloexec { libc::MFD_CLOEXEC } else { 0 };
    // SAFETY: a NUL-terminated name.
    let fd = unsafe { libc::memfd_create(cname.as_ptr(), flags) };
    if fd < 0 {
        return Err(real::errno());
    }
    if size > 0 {
        // SAFETY: our own fresh memfd.
        if unsafe { libc::ftruncate(fd, size as libc::off_t) } != 0 {
            let e = real::errno();
            // SAFETY: closing our own fd.
            unsafe { real::close()(fd) };
            return Err(e);
        }
    }
    Ok(fd)
}

/// Maps a vCPU memfd for the shim's own use.
pub fn map_run(fd: c_int, len: usize) -> Result<RunPage, c_int> {
    if len < std::mem::size_of::<KvmRun>() {
        return Err(libc::EINVAL);
    }
    // SAFETY: a fresh shared mapping of our own memfd, `len` bytes long.
    let p = unsafe {
        real::mmap()(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_SHARED,
            fd,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        return Err(real::errno());
    }
    Ok(RunPage(p as *mut KvmRun))
}
