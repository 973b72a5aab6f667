//! `struct kvm_run` as `<linux/kvm.h>` lays it out on arm64, and the translation of
//! softkvm's [`VcpuExit`] into it.
//!
//! The page is shared with the VMM's own mapping, which may write it at any time
//! (that is how MMIO read data comes back), so the shim only touches it through
//! raw-pointer volatile accesses, never through a Rust reference.

use softkvm::bindings::*;
use softkvm::VcpuExit;
use std::ptr::{addr_of, addr_of_mut};

/// `run->mmio`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Mmio {
    pub phys_addr: u64,
    pub data: [u8; 8],
    pub len: u32,
    pub is_write: u8,
}

/// `run->system_event`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct SystemEvent {
    pub type_: u32,
    pub ndata: u32,
    pub data: [u64; 16],
}

/// `run->internal`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Internal {
    pub suberror: u32,
    pub ndata: u32,
    pub data: [u64; 16],
}

/// `run->fail_entry`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct FailEntry {
    pub hardware_entry_failure_reason: u64,
    pub cpu: u32,
}

/// `run->debug.arch` (arm64 `struct kvm_debug_exit_arch`).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct DebugArch {
    pub hsr: u32,
    pub hsr_high: u32,
    pub far: u64,
}

/// `run->hypercall`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Hypercall {
    pub nr: u64,
    pub args: [u64; 6],
    pub ret: u64,
    pub flags: u64,
}

/// `run->memory_fault`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct MemoryFault {
    pub flags: u64,
    pub gpa: u64,
    pub size: u64,
}

/// The exit-specific union (256 bytes).
#[repr(C)]
#[derive(Clone, Copy)]
pub union ExitInfo {
    pub hardware_exit_reason: u64,
    pub fail_entry: FailEntry,
    pub debug: DebugArch,
    pub mmio: Mmio,
    pub hypercall: Hypercall,
    pub internal: Internal,
    pub system_event: SystemEvent,
    pub memory_fault: MemoryFault,
    pub padding: [u8; 256],
}

/// `struct kvm_run`.
#[repr(C)]
pub struct KvmRun {
    pub request_interrupt_window: u8,
    /// `immediate_exit` (`immediate_exit__unsafe` in 6.12's header).
    pub immediate_exit: u8,
    pub padding1: [u8; 6],
    pub exit_reason: u32,
    pub ready_for_interrupt_injection: u8,
    pub if_flag: u8,
    pub flags: u16,
    pub cr8: u64,
    pub apic_base: u64,
    pub exit: ExitInfo,
    pub kvm_valid_regs: u64,
    pub kvm_dirty_regs: u64,
    /// `union { struct kvm_sync_regs regs; char padding[2048]; } s`.
    pub s: [u8; 2048],
}

/// Byte offsets of the fields the shim and the probe use, for the layout test (which
/// compares them with `offsetof` from the arm64 UAPI header).
#[cfg(test)]
pub fn layout() -> Vec<(&'static str, usize)> {
    use std::mem::offset_of;
    let u = offset_of!(KvmRun, exit);
    vec![
        ("sizeof", std::mem::size_of::<KvmRun>()),
        ("immediate_exit", offset_of!(KvmRun, immediate_exit)),
        ("exit_reason", offset_of!(KvmRun, exit_reason)),
        ("flags", offset_of!(KvmRun, flags)),
        ("hw.hardware_exit_reason", u),
        ("fail_entry.cpu", u + offset_of!(FailEntry, cpu)),
        ("debug.arch.far", u + offset_of!(DebugArch, far)),
        ("mmio.phys_addr", u + offset_of!(Mmio, phys_addr)),
        ("mmio.data", u + offset_of!(Mmio, data)),
        ("mmio.len", u + offset_of!(Mmio, len)),
        ("mmio.is_write", u + offset_of!(Mmio, is_write)),
        ("hypercall.ret", u + offset_of!(Hypercall, ret)),
        ("hypercall.longmode", u + offset_of!(Hypercall, flags)),
        ("internal.ndata", u + offset_of!(Internal, ndata)),
        ("internal.data", u + offset_of!(Internal, data)),
        ("system_event.type", u + offset_of!(SystemEvent, type_)),
        ("system_event.ndata", u + offset_of!(SystemEvent, ndata)),
        ("system_event.data", u + offset_of!(SystemEvent, data)),
        ("kvm_valid_regs", offset_of!(KvmRun, kvm_valid_regs)),
        ("s", offset_of!(KvmRun, s)),
    ]
}

/// A vCPU's `kvm_run` page, seen through the shim's own mapping.
#[derive(Debug)]
pub struct RunPage(pub *mut KvmRun);

macro_rules! wr {
    ($p:expr, $v:expr) => {
        std::ptr::write_volatile($p, $v)
    };
}

impl RunPage {
    /// `immediate_exit`.
    pub fn immediate_exit(&self) -> u8 {
        // SAFETY: the page stays mapped while the RunPage exists.
        unsafe { std::ptr::read_volatile(addr_of!((*self.0).immediate_exit)) }
    }

    /// `mmio.data`, as the VMM left it.
    pub fn mmio_data(&self) -> [u8; 8] {
        // SAFETY: as above.
        unsafe { std::ptr::read_volatile(addr_of!((*self.0).exit.mmio.data)) }
    }

    /// `exit_reason = KVM_EXIT_INTR` (a kick, as a signal would give).
    pub fn intr(&self) {
        // SAFETY: as above.
        unsafe { wr!(addr_of_mut!((*self.0).exit_reason), KVM_EXIT_INTR) };
    }

    /// Writes an exit. For an MMIO read returns the softkvm-side data buffer the VMM's
    /// answer must be copied into before the next `run()`.
    pub fn store(
        &self,
        exit: VcpuExit<'_>,
        internal: Option<(u64, u32)>,
    ) -> Option<(*mut u8, usize)> {
        let r = self.0;
        let mut read_buf = None;
        // SAFETY: the page stays mapped while the RunPage exists; every field written
        // lies inside `struct kvm_run`, which fits the mapping (checked at creation).
        unsafe {
            let reason = match exit {
                VcpuExit::MmioRead(addr, data) => {
                    let len = data.len().min(8);
                    wr!(addr_of_mut!((*r).exit.mmio.phys_addr), addr);
                    wr!(addr_of_mut!((*r).exit.mmio.len), len as u32);
                    wr!(addr_of_mut!((*r).exit.mmio.is_write), 0);
                    // KVM leaves mmio.data alone on a read exit (the probe's INFO
                    // lines show the previous write's bytes there).
                    read_buf = Some((data.as_mut_ptr(), len));
                    KVM_EXIT_MMIO
                }
                VcpuExit::MmioWrite(addr, data) => {
                    let len = data.len().min(8);
                    wr!(addr_of_mut!((*r).exit.mmio.phys_addr), addr);
                    wr!(addr_of_mut!((*r).exit.mmio.len), len as u32);
                    wr!(addr_of_mut!((*r).exit.mmio.is_write), 1);
                    // Only `len` bytes are copied, as KVM's io_mem_abort does.
                    let d = addr_of_mut!((*r).exit.mmio.data) as *mut u8;
                    for (i, b) in data.iter().take(len).enumerate() {
                        wr!(d.add(i), *b);
                    }
                    KVM_EXIT_MMIO
                }
                VcpuExit::SystemEvent(t, data) => {
                    let n = data.len().min(16);
                    wr!(addr_of_mut!((*r).exit.system_event.type_), t);
                    wr!(addr_of_mut!((*r).exit.system_event.ndata), n as u32);
                    let d = addr_of_mut!((*r).exit.system_event.data) as *mut u64;
                    for (i, w) in data.iter().take(n).enumerate() {
                        wr!(d.add(i), *w);
                    }
                    KVM_EXIT_SYSTEM_EVENT
                }
                VcpuExit::InternalError => {
                    wr!(
                        addr_of_mut!((*r).exit.internal.suberror),
                        KVM_INTERNAL_ERROR_EMULATION
                    );
                    // Shim-specific: data[0] = PC, data[1] = the instruction word.
                    let d = addr_of_mut!((*r).exit.internal.data) as *mut u64;
                    match internal {
                        Some((pc, word)) => {
                            wr!(addr_of_mut!((*r).exit.internal.ndata), 2);
                            wr!(d, pc);
                            wr!(d.add(1), word as u64);
                        }
                        None => wr!(addr_of_mut!((*r).exit.internal.ndata), 0),
                    }
                    KVM_EXIT_INTERNAL_ERROR
                }
                VcpuExit::FailEntry(reason, cpu) => {
                    wr!(
                        addr_of_mut!((*r).exit.fail_entry.hardware_entry_failure_reason),
                        reason
                    );
                    wr!(addr_of_mut!((*r).exit.fail_entry.cpu), cpu);
                    KVM_EXIT_FAIL_ENTRY
                }
                VcpuExit::Debug(a) => {
                    wr!(addr_of_mut!((*r).exit.debug.hsr), a.hsr);
                    wr!(addr_of_mut!((*r).exit.debug.hsr_high), a.hsr_high);
                    wr!(addr_of_mut!((*r).exit.debug.far), a.far);
                    KVM_EXIT_DEBUG
                }
                VcpuExit::Hypercall(h) => {
                    wr!(addr_of_mut!((*r).exit.hypercall.nr), h.nr);
                    wr!(addr_of_mut!((*r).exit.hypercall.args), h.args);
                    wr!(addr_of_mut!((*r).exit.hypercall.ret), *h.ret);
                    wr!(addr_of_mut!((*r).exit.hypercall.flags), h.longmode as u64);
                    KVM_EXIT_HYPERCALL
                }
                VcpuExit::MemoryFault { flags, gpa, size } => {
                    wr!(addr_of_mut!((*r).exit.memory_fault.flags), flags);
                    wr!(addr_of_mut!((*r).exit.memory_fault.gpa), gpa);
                    wr!(addr_of_mut!((*r).exit.memory_fault.size), size);
                    KVM_EXIT_MEMORY_FAULT
                }
                VcpuExit::Unknown => {
                    wr!(addr_of_mut!((*r).exit.hardware_exit_reason), 0);
                    KVM_EXIT_UNKNOWN
                }
                VcpuExit::Exception => KVM_EXIT_EXCEPTION,
                VcpuExit::Hlt => KVM_EXIT_HLT,
                VcpuExit::IrqWindowOpen => KVM_EXIT_IRQ_WINDOW_OPEN,
                VcpuExit::Shutdown => KVM_EXIT_SHUTDOWN,
                VcpuExit::Intr => KVM_EXIT_INTR,
                VcpuExit::Unsupported(n) => n,
            };
            wr!(addr_of_mut!((*r).exit_reason), reason);
        }
        read_buf
    }
}

#[cfg(test)]
mod tests {
    /// Every offset the shim writes equals `offsetof` in the arm64 `<linux/kvm.h>`
    /// (the cross toolchain's UAPI headers are the oracle).
    #[test]
    fn kvm_run_layout_matches_the_arm64_uapi_header() {
        let fields = super::layout();
        let mut c = String::from(
            "#include <stddef.h>\n#include <stdio.h>\n#include <linux/kvm.h>\nint main(void) {\n",
        );
        for (name, _) in &fields {
            let expr = if *name == "sizeof" {
                "sizeof(struct kvm_run)".to_string()
            } else {
                format!("offsetof(struct kvm_run, {name})")
            };
            c += &format!("printf(\"%s %zu\\n\", \"{name}\", (size_t)({expr}));\n");
        }
        c += "return 0; }\n";
        let Some(out) = crate::imp::uapi_check::run_c("kvm_run_layout", &c) else {
            return;
        };
        for (name, ours) in fields {
            let theirs = crate::imp::uapi_check::value(&out, name);
            assert_eq!(Some(ours as u64), theirs, "{name}");
        }
    }
}
