//! The machine: QEMU `virt`'s memory map for bare-metal guests, the PL011
//! UART and the MMIO bus.

pub mod bus;
pub mod pl011;

/// Start of RAM on QEMU's virt board.
pub const RAM_BASE: u64 = 0x4000_0000;
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

/// Where a guest without a vector table lands: VBAR_EL1 resets to 0 and
/// QEMU's virt has (empty) flash there. svevm maps one read-only page at 0
/// whose 16 vector entries each store to `VECTOR_TRAP_BASE + 8 x entry`,
/// so the VMM sees the exception while ESR_EL1/ELR_EL1/FAR_EL1 still
/// describe it (instead of a loop of instruction aborts).
pub const VECTOR_PAGE_BASE: u64 = 0;
pub const VECTOR_PAGE_SIZE: u64 = 0x1000;
pub const VECTOR_TRAP_BASE: u64 = 0x0900_f000;

/// The vector page: per entry `ldr x16, #16; str x16, [x16, #8*entry]; b .;
/// nop; .quad VECTOR_TRAP_BASE` (encodings from llvm-mc). The literal is
/// 8-byte aligned: with the MMU off data accesses are Device memory.
pub fn vector_page() -> Vec<u8> {
    let mut page = vec![0u8; VECTOR_PAGE_SIZE as usize];
    for entry in 0..16u32 {
        let str_x16 = 0xf900_0210 | (entry << 10);
        let words = [
            0x5800_0090,
            str_x16,
            0x1400_0000,
            0xd503_201f,
            VECTOR_TRAP_BASE as u32,
            (VECTOR_TRAP_BASE >> 32) as u32,
        ];
        let off = entry as usize * 0x80;
        for (i, w) in words.iter().enumerate() {
            page[off + 4 * i..off + 4 * i + 4].copy_from_slice(&w.to_le_bytes());
        }
    }
    page
}
