//! PL011 UART (Arm PrimeCell UART, DDI 0183): transmit to a byte sink, receive
//! from a queue fed by the VMM. No interrupts are wired (the machine has no
//! interrupt controller yet); the interrupt registers hold their values.

use std::collections::VecDeque;
use std::io::Write;

const UARTDR: u64 = 0x000;
const UARTRSR: u64 = 0x004;
const UARTFR: u64 = 0x018;
const UARTILPR: u64 = 0x020;
const UARTIBRD: u64 = 0x024;
const UARTFBRD: u64 = 0x028;
const UARTLCR_H: u64 = 0x02c;
const UARTCR: u64 = 0x030;
const UARTIFLS: u64 = 0x034;
const UARTIMSC: u64 = 0x038;
const UARTRIS: u64 = 0x03c;
const UARTMIS: u64 = 0x040;
const UARTICR: u64 = 0x044;
const UARTDMACR: u64 = 0x048;

const FR_RXFE: u32 = 1 << 4;
const FR_TXFF: u32 = 1 << 5;
const FR_RXFF: u32 = 1 << 6;
const FR_TXFE: u32 = 1 << 7;

/// Receive interrupt status bits (RXRIS, RTRIS), set while data waits.
const INT_RX: u32 = (1 << 4) | (1 << 6);
/// Transmit interrupt status (TXRIS): the transmitter is always ready.
const INT_TX: u32 = 1 << 5;

/// Primecell peripheral and cell identification registers at 0xfe0..0xffc
/// (PL011 r1p5: part 0x011, designer 0x41 'A').
const ID: [u8; 8] = [0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1];

/// Receive FIFO depth when the FIFOs are enabled (LCR_H.FEN), 1 otherwise.
const FIFO_DEPTH: usize = 16;

pub struct Pl011<W: Write> {
    out: W,
    rx: VecDeque<u8>,
    ilpr: u32,
    ibrd: u32,
    fbrd: u32,
    lcr_h: u32,
    cr: u32,
    ifls: u32,
    imsc: u32,
    dmacr: u32,
    ris_tx: bool,
    /// Bytes written to UARTDR.
    pub tx_count: u64,
}

impl<W: Write> Pl011<W> {
    pub fn new(out: W) -> Self {
        Pl011 {
            out,
            rx: VecDeque::new(),
            ilpr: 0,
            ibrd: 0,
            fbrd: 0,
            lcr_h: 0,
            // Reset value: TXE and RXE set, UARTEN clear.
            cr: 0x300,
            ifls: 0x12,
            imsc: 0,
            dmacr: 0,
            ris_tx: true,
            tx_count: 0,
        }
    }

    fn rx_capacity(&self) -> usize {
        if self.lcr_h & (1 << 4) != 0 {
            FIFO_DEPTH
        } else {
            1
        }
    }

    /// Whether the receive side can take another byte now.
    pub fn rx_ready(&self) -> bool {
        self.rx.len() < self.rx_capacity()
    }

    /// Offers a received byte (from stdin); false if the FIFO is full.
    pub fn push_rx(&mut self, b: u8) -> bool {
        if !self.rx_ready() {
            return false;
        }
        self.rx.push_back(b);
        true
    }

    fn fr(&self) -> u32 {
        let mut v = FR_TXFE;
        if self.rx.is_empty() {
            v |= FR_RXFE;
        }
        if self.rx.len() >= self.rx_capacity() {
            v |= FR_RXFF;
        }
        // The transmitter is never full: bytes leave at once.
        v & !FR_TXFF
    }

    fn ris(&self) -> u32 {
        let mut v = 0;
        if !self.rx.is_empty() {
            v |= INT_RX;
        }
        if self.ris_tx {
            v |= INT_TX;
        }
        v
    }

    /// A read of `data.len()` bytes at `offset`: registers are 32 bits wide;
    /// narrower reads see the low bytes, reads of unknown offsets return 0.
    pub fn read(&mut self, offset: u64, data: &mut [u8]) {
        let v: u32 = match offset & !3 {
            UARTDR => self.rx.pop_front().map(u32::from).unwrap_or(0),
            UARTRSR => 0,
            UARTFR => self.fr(),
            UARTILPR => self.ilpr,
            UARTIBRD => self.ibrd,
            UARTFBRD => self.fbrd,
            UARTLCR_H => self.lcr_h,
            UARTCR => self.cr,
            UARTIFLS => self.ifls,
            UARTIMSC => self.imsc,
            UARTRIS => self.ris(),
            UARTMIS => self.ris() & self.imsc,
            UARTDMACR => self.dmacr,
            o @ 0xfe0..=0xffc => u32::from(ID[((o - 0xfe0) / 4) as usize]),
            _ => 0,
        };
        let bytes = (v >> ((offset & 3) * 8)).to_le_bytes();
        for (i, d) in data.iter_mut().enumerate() {
            *d = bytes.get(i).copied().unwrap_or(0);
        }
    }

    pub fn write(&mut self, offset: u64, data: &[u8]) {
        let mut b = [0u8; 4];
        for (i, d) in data.iter().take(4).enumerate() {
            b[i] = *d;
        }
        let v = u32::from_le_bytes(b) << ((offset & 3) * 8);
        match offset & !3 {
            UARTDR => {
                // The guest's byte, exactly: no newline translation.
                let _ = self.out.write_all(&[v as u8]);
                let _ = self.out.flush();
                self.tx_count += 1;
            }
            UARTRSR => {}
            UARTILPR => self.ilpr = v & 0xff,
            UARTIBRD => self.ibrd = v & 0xffff,
            UARTFBRD => self.fbrd = v & 0x3f,
            UARTLCR_H => {
                // Turning the FIFOs off leaves room for one byte.
                self.lcr_h = v & 0xff;
                let cap = self.rx_capacity();
                self.rx.truncate(cap);
            }
            UARTCR => self.cr = v & 0xffff,
            UARTIFLS => self.ifls = v & 0x3f,
            UARTIMSC => self.imsc = v & 0x7ff,
            UARTICR if v & INT_TX != 0 => self.ris_tx = false,
            UARTDMACR => self.dmacr = v & 7,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rd(u: &mut Pl011<Vec<u8>>, off: u64) -> u32 {
        let mut d = [0u8; 4];
        u.read(off, &mut d);
        u32::from_le_bytes(d)
    }

    #[test]
    fn transmit_byte_for_byte() {
        let mut u = Pl011::new(Vec::new());
        for &b in b"hi\r\n\0\xff" {
            u.write(UARTDR, &[b, 0, 0, 0]);
        }
        assert_eq!(u.out, b"hi\r\n\0\xff");
        assert_eq!(u.tx_count, 6);
    }

    #[test]
    fn flags_and_receive() {
        let mut u = Pl011::new(Vec::new());
        // Reset: TX empty, RX empty (0x90, as the TRM's reset value of UARTFR).
        assert_eq!(rd(&mut u, UARTFR), 0x90);
        assert!(u.push_rx(b'a'));
        // Without FIFOs the receive holding register takes one byte.
        assert!(!u.push_rx(b'b'));
        assert_eq!(rd(&mut u, UARTFR), FR_TXFE | FR_RXFF);
        assert_eq!(rd(&mut u, UARTDR), u32::from(b'a'));
        assert_eq!(rd(&mut u, UARTFR), 0x90);
        u.write(UARTLCR_H, &[0x70, 0, 0, 0]);
        for i in 0..16 {
            assert!(u.push_rx(i));
        }
        assert!(!u.push_rx(99));
        assert_eq!(rd(&mut u, UARTDR), 0);
        assert_eq!(rd(&mut u, UARTDR), 1);
    }

    #[test]
    fn identification() {
        let mut u = Pl011::new(Vec::new());
        let id: Vec<u32> = (0..8).map(|i| rd(&mut u, 0xfe0 + 4 * i)).collect();
        assert_eq!(id, [0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1]);
        // byte read of FR
        let mut b = [0u8; 1];
        u.read(UARTFR, &mut b);
        assert_eq!(b[0], 0x90);
    }
}
