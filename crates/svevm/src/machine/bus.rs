//! Dispatches the vCPUs' MMIO exits to the devices.

use std::collections::VecDeque;
use std::io::Write;
use std::sync::Mutex;

use super::pl011::Pl011;
use super::{DEVICE_WINDOW_END, UART_BASE, UART_SIZE, VECTOR_TRAP_BASE};

/// What an access hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Uart,
    /// The store of svevm's vector page: an exception with no handler
    /// (entry 0..15 of the vector table).
    VectorTrap(u8),
    /// In virt's device window but not modelled: reads as zero, writes ignored.
    Unmodelled,
    /// Nothing there at all (above RAM, or a hole): a guest failure.
    Unmapped,
}

pub struct Bus<W: Write + Send> {
    pub uart: Mutex<Pl011<W>>,
    /// Input waiting for room in the UART's receive FIFO.
    rx_pending: Mutex<VecDeque<u8>>,
    ram_base: u64,
    ram_end: u64,
}

impl<W: Write + Send> Bus<W> {
    pub fn new(out: W, ram_base: u64, ram_size: u64) -> Self {
        Bus {
            uart: Mutex::new(Pl011::new(out)),
            rx_pending: Mutex::new(VecDeque::new()),
            ram_base,
            ram_end: ram_base.saturating_add(ram_size),
        }
    }

    /// Queues a byte for the UART's receive side (from the stdin thread).
    pub fn queue_rx(&self, b: u8) {
        if let Ok(mut q) = self.rx_pending.lock() {
            q.push_back(b);
        }
    }

    fn feed_uart(&self, u: &mut Pl011<W>) {
        if let Ok(mut q) = self.rx_pending.lock() {
            while u.rx_ready() {
                match q.pop_front() {
                    Some(b) => {
                        u.push_rx(b);
                    }
                    None => break,
                }
            }
        }
    }

    pub fn target(&self, addr: u64) -> Target {
        if (UART_BASE..UART_BASE + UART_SIZE).contains(&addr) {
            Target::Uart
        } else if (VECTOR_TRAP_BASE..VECTOR_TRAP_BASE + 16 * 8).contains(&addr) {
            Target::VectorTrap(((addr - VECTOR_TRAP_BASE) / 8) as u8)
        } else if addr < DEVICE_WINDOW_END || (addr >= self.ram_base && addr < self.ram_end) {
            // RAM never reaches the bus; a RAM address here would be a slot bug.
            Target::Unmodelled
        } else {
            Target::Unmapped
        }
    }

    pub fn read(&self, addr: u64, data: &mut [u8]) -> Target {
        let t = self.target(addr);
        match t {
            Target::Uart => {
                if let Ok(mut u) = self.uart.lock() {
                    self.feed_uart(&mut u);
                    u.read(addr - UART_BASE, data);
                }
            }
            _ => data.iter_mut().for_each(|b| *b = 0),
        }
        t
    }

    pub fn write(&self, addr: u64, data: &[u8]) -> Target {
        let t = self.target(addr);
        if t == Target::Uart {
            if let Ok(mut u) = self.uart.lock() {
                u.write(addr - UART_BASE, data);
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routing() {
        let bus = Bus::new(Vec::new(), 0x4000_0000, 128 << 20);
        assert_eq!(bus.write(0x0900_0000, b"A\0\0\0"), Target::Uart);
        assert_eq!(bus.target(0x0800_0000), Target::Unmodelled);
        assert_eq!(bus.target(0x4800_0000), Target::Unmapped);
        let mut d = [0xffu8; 4];
        assert_eq!(bus.read(0x0901_0000, &mut d), Target::Unmodelled);
        assert_eq!(d, [0; 4]);
        assert_eq!(bus.uart.lock().unwrap().tx_count, 1);
        bus.queue_rx(b'x');
        bus.queue_rx(b'y');
        let mut fr = [0u8; 4];
        bus.read(0x0900_0018, &mut fr);
        assert_eq!(fr[0] & 0x10, 0, "RXFE clear once input waits");
        let mut dr = [0u8; 4];
        bus.read(0x0900_0000, &mut dr);
        assert_eq!(dr[0], b'x');
        bus.read(0x0900_0000, &mut dr);
        assert_eq!(dr[0], b'y');
    }
}
