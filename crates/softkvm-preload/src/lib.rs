//! softkvm-preload: an `LD_PRELOAD` library that serves `/dev/kvm` from softkvm.
//!
//! A program written in C against the kernel's KVM/arm64 API (`open("/dev/kvm")`,
//! `ioctl`, `mmap` of a vCPU fd's `struct kvm_run`) runs unchanged on any host: the
//! shim interposes the libc entry points, and for the file descriptors it hands out it
//! answers every call from a [`softkvm`] object instead of a kernel.
//!
//! ```text
//! LD_PRELOAD=target/debug/libsoftkvm_preload.so SOFTKVM_HOST_VQS=1,2,4 ./vmm
//! ```
//!
//! * **Device path**: `/dev/kvm`, or the path in `REALKVM_DEV` (the realkvm probe's
//!   variable) or `SOFTKVM_DEV`. Matched as an exact string by `open`, `open64`,
//!   `openat`, `openat64` and the fortified `__open_2` family; the path need not exist.
//! * **Host**: `SOFTKVM_HOST=<preset>` (softkvm's [`softkvm::Host::preset`] names) or
//!   `SOFTKVM_HOST_VQS=1,2,4` (vector lengths in 128-bit quadwords; empty: no SVE).
//!   Default {1,2,4} = {128,256,512} bits, the set the real-kernel runs used.
//! * **File descriptors** are real: `memfd_create` files, so their numbers never clash
//!   with the process's own and `poll`/`fstat`/`close`/`dup` behave. A global table maps
//!   each number to its softkvm object; every lookup checks the memfd's inode, so a
//!   number reused behind the shim's back (`close_range`, `dup2` onto it) is not
//!   mistaken for the old object.
//! * **`kvm_run`**: each vCPU's memfd is `KVM_GET_VCPU_MMAP_SIZE` bytes and holds a
//!   kernel-layout `struct kvm_run`; `mmap` of the vCPU fd is a real shared mapping of
//!   it (so `munmap` needs no interposition), and the shim keeps its own mapping at a
//!   stable address for the vCPU's lifetime.
//! * **MMIO reads**: KVM takes the VMM's answer from `kvm_run.mmio.data` at the next
//!   `KVM_RUN`; softkvm's Rust API takes it only through the `&mut [u8]` of the
//!   `VcpuExit::MmioRead` it returned (it has no `kvm_run` of its own). The shim keeps
//!   a raw pointer to that buffer (inside the boxed `VcpuFd`, so it does not move) and
//!   copies the answer there just before the next `run()`.
//! * **Errors**: -1 and `errno`, as the kernel's. Pointers passed to `ioctl` are read
//!   and written with `process_vm_readv`/`process_vm_writev` on the process itself, so
//!   a bad pointer gives `EFAULT` instead of a crash.
//! * `SOFTKVM_PRELOAD_VERBOSE=1` prints a banner on each device open and the details
//!   of internal-error exits to stderr; `=2` also traces every served `ioctl`.
//!
//! The interposed functions take their variadic argument (`open`'s mode, `ioctl`'s
//! argument) as a fixed third parameter. That is correct for the Linux calling
//! conventions of x86-64 and AArch64, where a variadic argument travels in the same
//! register as a named one; on other targets this crate builds empty.

#[cfg(all(
    target_os = "linux",
    target_env = "gnu",
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
mod imp {
    pub mod dispatch;
    pub mod interpose;
    pub mod real;
    pub mod run;
    pub mod table;
    #[cfg(test)]
    pub mod uapi_check;
    pub mod user;
}
