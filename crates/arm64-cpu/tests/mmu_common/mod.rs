//! A small harness for the stage 1 MMU tests: guest RAM over a host buffer, page
//! tables written straight into it (the descriptor formats of the Arm ARM's VMSAv8-64
//! chapter), and a guest that turns the MMU on itself.
//!
//! Instruction words come from llvm-mc (LLVM 14), with the assembly in a comment.
#![allow(dead_code)]

use arm64_cpu::{Cpu, CpuConfig, Exit, GuestRam, Region};
use std::sync::Arc;

pub const RAM: u64 = 0x4000_0000;
pub const RAM_SIZE: u64 = 0x40_0000;
/// Code (identity-mapped by [`Vm::new`]).
pub const CODE: u64 = RAM;
/// Vector base (only the PC on entry is checked; nothing runs there).
pub const VBAR: u64 = RAM + 0x8_0000;
/// Where the table allocator starts.
pub const POOL: u64 = RAM + 0x10_0000;

// Descriptor fields (lower and upper attributes).
pub const AF: u64 = 1 << 10;
pub const SH_IS: u64 = 3 << 8;
/// AP[2:1] = 01: EL1 and EL0 read/write.
pub const AP_RW_ALL: u64 = 1 << 6;
/// AP[2:1] = 10: EL1 read-only, no EL0 access.
pub const AP_RO_EL1: u64 = 2 << 6;
/// AP[2:1] = 11: read-only at EL1 and EL0.
pub const AP_RO_ALL: u64 = 3 << 6;
pub const NG: u64 = 1 << 11;
pub const PXN: u64 = 1 << 53;
pub const UXN: u64 = 1 << 54;
/// AttrIndx 0: MAIR byte 0xFF (Normal, write-back).
pub const NORMAL: u64 = 0;
/// AttrIndx 1: MAIR byte 0x00 (Device-nGnRnE).
pub const DEVICE: u64 = 1 << 2;
/// AttrIndx 2: MAIR byte 0x44 (Normal, non-cacheable).
pub const NORMAL_NC: u64 = 2 << 2;
pub const MAIR: u64 = 0x44_00_FF;

/// Default leaf attributes: AF, Inner Shareable, Normal WB, EL1 read/write.
pub const RW_EL1: u64 = AF | SH_IS | NORMAL;

// Instruction words (llvm-mc).
pub const MSR_SCTLR_X0: u32 = 0xd5181000; // msr sctlr_el1, x0
pub const ISB: u32 = 0xd5033fdf; // isb
pub const LDR_X1_X2: u32 = 0xf9400041; // ldr x1, [x2]
pub const LDR_W1_X2: u32 = 0xb9400041; // ldr w1, [x2]
pub const STR_X3_X2: u32 = 0xf9000043; // str x3, [x2]
pub const LDTR_X1_X2: u32 = 0xf8400841; // ldtr x1, [x2]
pub const STTR_X3_X2: u32 = 0xf8000843; // sttr x3, [x2]
pub const AT_S1E1R: u32 = 0xd5087802; // at s1e1r, x2
pub const AT_S1E1W: u32 = 0xd5087822; // at s1e1w, x2
pub const AT_S1E0R: u32 = 0xd5087842; // at s1e0r, x2
pub const AT_S1E0W: u32 = 0xd5087862; // at s1e0w, x2
pub const MRS_X4_PAR: u32 = 0xd5387404; // mrs x4, par_el1
pub const TLBI_VAE1: u32 = 0xd5088725; // tlbi vae1, x5
pub const TLBI_VMALLE1: u32 = 0xd508871f; // tlbi vmalle1
pub const TLBI_ASIDE1: u32 = 0xd5088745; // tlbi aside1, x5
pub const TLBI_VAAE1: u32 = 0xd5088765; // tlbi vaae1, x5
pub const TLBI_VALE1: u32 = 0xd50887a5; // tlbi vale1, x5
pub const TLBI_VAALE1: u32 = 0xd50887e5; // tlbi vaale1, x5
pub const TLBI_VAE1IS: u32 = 0xd5088325; // tlbi vae1is, x5
pub const TLBI_VMALLE1IS: u32 = 0xd508831f; // tlbi vmalle1is
pub const DSB_ISH: u32 = 0xd5033b9f; // dsb ish
pub const BR_X6: u32 = 0xd61f00c0; // br x6
pub const MSR_TTBR0_X7: u32 = 0xd5182007; // msr ttbr0_el1, x7
pub const DC_CIVAC: u32 = 0xd50b7e22; // dc civac, x2
pub const DC_ZVA: u32 = 0xd50b7422; // dc zva, x2
pub const MSR_PAN_1: u32 = 0xd500419f; // msr pan, #1
pub const MSR_UAO_1: u32 = 0xd500417f; // msr uao, #1
pub const LDXR_X1_X2: u32 = 0xc85f7c41; // ldxr x1, [x2]
pub const STXR_W8_X3_X2: u32 = 0xc8087c43; // stxr w8, x3, [x2]
pub const NOP: u32 = 0xd503201f; // nop
pub const ADD_X9_1: u32 = 0x91000529; // add x9, x9, #1
pub const LDP_X1_X3_X2: u32 = 0xa9400c41; // ldp x1, x3, [x2]

/// ESR_EL1 of a Data Abort taken from the current EL (EC 0x25, IL = 1).
pub fn esr_da_cur(dfsc: u64, wnr: bool) -> u64 {
    0x25 << 26 | 1 << 25 | (wnr as u64) << 6 | dfsc
}
/// ... from EL0 (EC 0x24).
pub fn esr_da_low(dfsc: u64, wnr: bool) -> u64 {
    0x24 << 26 | 1 << 25 | (wnr as u64) << 6 | dfsc
}
/// Instruction Abort from the current EL (EC 0x21) / from EL0 (EC 0x20).
pub fn esr_ia(dfsc: u64, lower: bool) -> u64 {
    (if lower { 0x20 } else { 0x21 }) << 26 | 1 << 25 | dfsc
}

/// A CPU over 4 MiB of RAM with translation tables being built.
pub struct Vm {
    pub c: Cpu,
    host: *mut u8,
    next: u64,
    /// log2 of the granule (12, 14, 16).
    pub grain: u32,
    /// 64 - TxSZ.
    pub inputsize: u32,
    /// The table TTBR0_EL1 (or TTBR1_EL1) points at.
    pub root: u64,
}

impl Vm {
    /// A VM at EL1h with the MMU off, tables for `grain` and `txsz` rooted in the
    /// pool, and the code page(s) at [`CODE`] identity-mapped read-only and
    /// executable at EL1 and EL0 (AP = 11, UXN = PXN = 0) by 4 KiB...64 KiB pages.
    pub fn new(grain: u32, txsz: u32) -> Vm {
        let mem: &'static mut [u8] = Box::leak(vec![0u8; RAM_SIZE as usize].into_boxed_slice());
        let host = mem.as_mut_ptr();
        let ram = GuestRam::new(vec![Region {
            gpa: RAM,
            size: RAM_SIZE,
            host,
            readonly: false,
        }])
        .unwrap();
        let mut c = Cpu::new(CpuConfig::default(), Arc::new(ram));
        c.sys.vbar_el1 = VBAR;
        c.s.pc = CODE;
        let mut vm = Vm {
            c,
            host,
            next: POOL,
            grain,
            inputsize: 64 - txsz,
            root: 0,
        };
        vm.root = vm.alloc();
        let g = 1u64 << grain;
        for k in 0..(0x4000 / g).max(1) {
            vm.map(CODE + k * g, CODE + k * g, 3, AF | SH_IS | AP_RO_ALL);
        }
        vm.c.sys.mair_el1 = MAIR;
        vm
    }

    /// A zeroed table of one granule from the pool.
    pub fn alloc(&mut self) -> u64 {
        let g = 1u64 << self.grain;
        let a = (self.next + g - 1) & !(g - 1);
        self.next = a + g;
        assert!(self.next <= RAM + RAM_SIZE);
        a
    }

    pub fn w64(&self, pa: u64, v: u64) {
        assert!(pa >= RAM && pa + 8 <= RAM + RAM_SIZE);
        // SAFETY: inside the leaked buffer.
        unsafe { (self.host.add((pa - RAM) as usize) as *mut u64).write_unaligned(v) }
    }

    pub fn r64(&self, pa: u64) -> u64 {
        assert!(pa >= RAM && pa + 8 <= RAM + RAM_SIZE);
        // SAFETY: inside the leaked buffer.
        unsafe { (self.host.add((pa - RAM) as usize) as *const u64).read_unaligned() }
    }

    pub fn w32(&self, pa: u64, v: u32) {
        // SAFETY: inside the leaked buffer.
        unsafe { (self.host.add((pa - RAM) as usize) as *mut u32).write_unaligned(v) }
    }

    /// Writes instruction words at `pa`.
    pub fn code_at(&self, pa: u64, words: &[u32]) {
        for (k, w) in words.iter().enumerate() {
            self.w32(pa + 4 * k as u64, *w);
        }
    }

    fn start_level(&self) -> u32 {
        let stride = self.grain - 3;
        4 - (self.inputsize - 4) / stride
    }

    /// The descriptor slot for `va` at `level` of the table at `table`.
    fn slot(&self, table: u64, va: u64, level: u32) -> u64 {
        let stride = self.grain - 3;
        let lsb = self.grain + (3 - level) * stride;
        let bits = if level == self.start_level() {
            self.inputsize - lsb
        } else {
            stride
        };
        table + 8 * ((va >> lsb) & ((1 << bits) - 1))
    }

    /// The address of the descriptor that maps `va` at `level` (tables must exist).
    pub fn desc_addr(&self, root: u64, va: u64, level: u32) -> u64 {
        let mut table = root;
        for l in self.start_level()..level {
            let d = self.r64(self.slot(table, va, l));
            assert_eq!(d & 3, 3, "no table at level {l}");
            table = d & 0x0000_FFFF_FFFF_F000 & !((1 << self.grain) - 1);
        }
        self.slot(table, va, level)
    }

    /// Maps `va` to `pa` with a leaf at `level` (page at 3, block above) in the
    /// tables under `self.root`.
    pub fn map(&mut self, va: u64, pa: u64, level: u32, attrs: u64) {
        let root = self.root;
        self.map_in(root, va, pa, level, attrs, 0)
    }

    /// As [`Vm::map`] under `root`, with `table_attrs` OR-ed into table descriptors
    /// created on the way.
    pub fn map_in(
        &mut self,
        root: u64,
        va: u64,
        pa: u64,
        level: u32,
        attrs: u64,
        table_attrs: u64,
    ) {
        let mut table = root;
        for l in self.start_level()..level {
            let s = self.slot(table, va, l);
            let d = self.r64(s);
            table = if d & 3 == 3 {
                d & 0x0000_FFFF_FFFF_F000 & !((1 << self.grain) - 1)
            } else {
                let t = self.alloc();
                self.w64(s, t | table_attrs | 3);
                t
            };
        }
        let s = self.slot(table, va, level);
        self.w64(s, pa | attrs | if level == 3 { 3 } else { 1 });
    }

    /// Places `words` after "msr sctlr_el1, x0; isb" at [`CODE`], sets TCR_EL1,
    /// TTBR0_EL1 and X0 = SCTLR_EL1 | M, and runs the two enabling instructions.
    pub fn enable(&mut self, tcr: u64, words: &[u32]) {
        let mut all = vec![MSR_SCTLR_X0, ISB];
        all.extend_from_slice(words);
        self.code_at(CODE, &all);
        self.c.sys.tcr_el1 = tcr;
        self.c.sys.ttbr0_el1 = self.root;
        self.c.s.x[0] = self.c.sys.sctlr_el1 | 1;
        self.steps(2);
        assert!(self.c.mmu_on());
    }

    /// Steps `n` instructions, none of which may exit.
    pub fn steps(&mut self, n: usize) {
        for _ in 0..n {
            let pc = self.c.s.pc;
            if let Err(e) = self.c.step() {
                panic!("exit {e:?} at {pc:#x}");
            }
        }
    }

    /// Steps one instruction and returns its exit, if any.
    pub fn step(&mut self) -> Result<(), Exit> {
        self.c.step()
    }

    /// Asserts that the last step took a synchronous exception to EL1h with this
    /// ESR and FAR, from the current EL (`lower` = from EL0).
    pub fn assert_abort(&self, esr: u64, far: u64, lower: bool) {
        assert_eq!(self.c.sys.esr_el1, esr, "ESR_EL1 {:#x}", self.c.sys.esr_el1);
        assert_eq!(self.c.sys.far_el1, far, "FAR_EL1");
        let off = if lower { 0x400 } else { 0x200 };
        assert_eq!(self.c.s.pc, VBAR + off, "vector");
    }
}

/// TCR_EL1 for TTBR0 only: T0SZ, TG0 for the granule, IPS = 48 bits, EPD1 = 1.
pub fn tcr0(grain: u32, t0sz: u64) -> u64 {
    let tg0 = match grain {
        12 => 0b00,
        14 => 0b10,
        _ => 0b01,
    };
    t0sz | tg0 << 14 | 1 << 23 | 5 << 32
}
