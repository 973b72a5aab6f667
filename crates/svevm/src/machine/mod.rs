//! The machine: QEMU `virt`'s memory map for bare-metal guests, the PL011
//! UART and the MMIO bus.

pub mod bus;
pub mod pl011;

/// Start of RAM on QEMU's virt board.
pub const RAM_BASE: u64 = 0x4000_0000;
/// Default RAM size (QEMU's default for virt: 128 MiB).
pub const DEFAULT_RAM_SIZE: u64 = 128 << 20;
/// Largest RAM we accept: QEMU's virt has 255 GiB of low RAM space; we stop
/// at what a software VMM can sensibly reserve.
pub const MAX_RAM_SIZE: u64 = 16 << 30;
/// The PL011 UART (virt's UART0).
pub const UART_BASE: u64 = 0x0900_0000;
pub const UART_SIZE: u64 = 0x1000;
/// Devices of QEMU's virt board live below RAM (GIC, UART, RTC, fw_cfg,
/// virtio-mmio, PCIe windows): accesses there to devices we do not model
/// read as zero and ignore writes.
pub const DEVICE_WINDOW_END: u64 = RAM_BASE;
/// Most vCPUs: QEMU's virt with its default GICv2 allows 8.
pub const MAX_CPUS: u32 = 8;
