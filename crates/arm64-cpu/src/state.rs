//! Architectural register state.
//!
//! Vector storage is sized for the architectural maximum (Z 256 bytes, P and FFR
//! 32 bytes) whatever the vCPU's vector length; the effective length is applied at
//! execution. `Vn` is bytes 0..16 of `Zn`, in the little-endian byte order that
//! `STR Zn` produces (byte k holds bits [8k+7:8k]); the same storage is what the
//! layer above reads and writes through its register interface.

/// Bytes in a Z register at the architectural maximum vector length (2048 bits).
pub const ZREG_BYTES: usize = 256;
/// Bytes in a P register or FFR at the architectural maximum (one bit per Z byte).
pub const PREG_BYTES: usize = 32;

/// One Z register (and, in its low 16 bytes, the V register of the same number).
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(C, align(16))]
pub struct ZReg(pub [u8; ZREG_BYTES]);

impl Default for ZReg {
    fn default() -> Self {
        ZReg([0; ZREG_BYTES])
    }
}

impl std::fmt::Debug for ZReg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Z[{:#034x}..]", self.q(0))
    }
}

impl ZReg {
    /// The low 128 bits (the V register).
    #[inline]
    pub fn q(&self, n: usize) -> u128 {
        let mut b = [0u8; 16];
        b.copy_from_slice(&self.0[16 * n..16 * n + 16]);
        u128::from_le_bytes(b)
    }
    /// 64-bit lane `n`.
    #[inline]
    pub fn d(&self, n: usize) -> u64 {
        let mut b = [0u8; 8];
        b.copy_from_slice(&self.0[8 * n..8 * n + 8]);
        u64::from_le_bytes(b)
    }
    /// Sets 64-bit lane `n`.
    #[inline]
    pub fn set_d(&mut self, n: usize, v: u64) {
        self.0[8 * n..8 * n + 8].copy_from_slice(&v.to_le_bytes());
    }
}

/// PSTATE as the A64 execution state sees it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pstate {
    /// Condition flags N, Z, C, V in bits 31..28 (the SPSR/NZCV layout).
    pub nzcv: u32,
    /// Interrupt masks D, A, I, F in bits 9..6 (the SPSR/DAIF layout).
    pub daif: u32,
    /// Current exception level: 0 or 1.
    pub el: u8,
    /// Stack pointer select: 0 = SP_EL0, 1 = SP_ELx.
    pub sp: u8,
    /// Privileged access never (FEAT_PAN), if implemented.
    pub pan: bool,
    /// User access override (FEAT_UAO), if implemented.
    pub uao: bool,
    /// Speculative store bypass safe (FEAT_SSBS), if implemented.
    pub ssbs: bool,
    /// Illegal execution state.
    pub il: bool,
    /// Software step.
    pub ss: bool,
}

impl Pstate {
    /// SPSR_ELx encoding of this PSTATE (AArch64: M[4] = 0).
    pub fn to_spsr(&self) -> u64 {
        let m = ((self.el as u64) << 2) | self.sp as u64;
        (self.nzcv as u64 & 0xF000_0000)
            | (self.daif as u64 & 0x3C0)
            | m
            | (self.pan as u64) << 22
            | (self.uao as u64) << 23
            | (self.ssbs as u64) << 12
            | (self.il as u64) << 20
            | (self.ss as u64) << 21
    }

    /// Restores PSTATE from an SPSR value. Returns `false` (and changes nothing) if
    /// the mode field is not an AArch64 EL0t/EL1t/EL1h mode.
    pub fn from_spsr(&mut self, spsr: u64) -> bool {
        let m = spsr & 0x1F;
        let (el, sp) = match m {
            0b00000 => (0, 0),
            0b00100 => (1, 0),
            0b00101 => (1, 1),
            _ => return false,
        };
        self.el = el;
        self.sp = sp;
        self.nzcv = (spsr & 0xF000_0000) as u32;
        self.daif = (spsr & 0x3C0) as u32;
        self.pan = spsr & (1 << 22) != 0;
        self.uao = spsr & (1 << 23) != 0;
        self.ssbs = spsr & (1 << 12) != 0;
        self.il = spsr & (1 << 20) != 0;
        self.ss = spsr & (1 << 21) != 0;
        true
    }

    /// N flag.
    #[inline]
    pub fn n(&self) -> bool {
        self.nzcv & (1 << 31) != 0
    }
    /// Z flag.
    #[inline]
    pub fn z(&self) -> bool {
        self.nzcv & (1 << 30) != 0
    }
    /// C flag.
    #[inline]
    pub fn c(&self) -> bool {
        self.nzcv & (1 << 29) != 0
    }
    /// V flag.
    #[inline]
    pub fn v(&self) -> bool {
        self.nzcv & (1 << 28) != 0
    }
    /// Sets all four flags.
    #[inline]
    pub fn set_nzcv(&mut self, n: bool, z: bool, c: bool, v: bool) {
        self.nzcv = (n as u32) << 31 | (z as u32) << 30 | (c as u32) << 29 | (v as u32) << 28;
    }
    /// Evaluates an A64 condition code (ConditionHolds in the Arm ARM).
    #[inline]
    pub fn cond(&self, cond: u32) -> bool {
        let r = match cond >> 1 {
            0 => self.z(),
            1 => self.c(),
            2 => self.n(),
            3 => self.v(),
            4 => self.c() && !self.z(),
            5 => self.n() == self.v(),
            6 => self.n() == self.v() && !self.z(),
            _ => true,
        };
        if cond & 1 == 1 && cond != 0b1111 {
            !r
        } else {
            r
        }
    }
}

/// General-purpose, vector and floating-point state of one PE.
#[derive(Clone)]
pub struct State {
    /// X0..X30.
    pub x: [u64; 31],
    /// SP_EL0.
    pub sp_el0: u64,
    /// SP_EL1.
    pub sp_el1: u64,
    /// Program counter.
    pub pc: u64,
    /// PSTATE.
    pub pstate: Pstate,
    /// Z0..Z31 (V0..V31 in their low 128 bits).
    pub z: [ZReg; 32],
    /// P0..P15.
    pub p: [[u8; PREG_BYTES]; 16],
    /// The first-fault register.
    pub ffr: [u8; PREG_BYTES],
    /// FPCR.
    pub fpcr: u32,
    /// FPSR.
    pub fpsr: u32,
}

impl Default for State {
    fn default() -> Self {
        State {
            x: [0; 31],
            sp_el0: 0,
            sp_el1: 0,
            pc: 0,
            pstate: Pstate::default(),
            z: [ZReg::default(); 32],
            p: [[0; PREG_BYTES]; 16],
            ffr: [0; PREG_BYTES],
            fpcr: 0,
            fpsr: 0,
        }
    }
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("pc", &format_args!("{:#x}", self.pc))
            .field("x", &self.x)
            .field("sp_el0", &self.sp_el0)
            .field("sp_el1", &self.sp_el1)
            .field("pstate", &self.pstate)
            .finish_non_exhaustive()
    }
}

impl State {
    /// Reads Xn, with n = 31 meaning XZR.
    #[inline]
    pub fn xr(&self, n: u32) -> u64 {
        if n == 31 {
            0
        } else {
            self.x[n as usize]
        }
    }
    /// Writes Xn, with n = 31 meaning XZR (discarded).
    #[inline]
    pub fn set_xr(&mut self, n: u32, v: u64) {
        if n != 31 {
            self.x[n as usize] = v;
        }
    }
    /// The stack pointer selected by PSTATE.
    #[inline]
    pub fn sp(&self) -> u64 {
        if self.pstate.sp == 0 {
            self.sp_el0
        } else {
            self.sp_el1
        }
    }
    /// Writes the stack pointer selected by PSTATE.
    #[inline]
    pub fn set_sp(&mut self, v: u64) {
        if self.pstate.sp == 0 {
            self.sp_el0 = v
        } else {
            self.sp_el1 = v
        }
    }
    /// Reads Xn, with n = 31 meaning SP.
    #[inline]
    pub fn xsp(&self, n: u32) -> u64 {
        if n == 31 {
            self.sp()
        } else {
            self.x[n as usize]
        }
    }
    /// Writes Xn, with n = 31 meaning SP.
    #[inline]
    pub fn set_xsp(&mut self, n: u32, v: u64) {
        if n == 31 {
            self.set_sp(v)
        } else {
            self.x[n as usize] = v;
        }
    }
    /// Reads the low 128 bits of Vn.
    #[inline]
    pub fn v(&self, n: u32) -> u128 {
        self.z[n as usize].q(0)
    }
    /// Writes Vn as an AdvSIMD/FP instruction does: the 128 bits are written and the
    /// rest of Zn (bits VL-1..128) is zeroed, as the architecture requires when SVE is
    /// implemented.
    #[inline]
    pub fn set_v(&mut self, n: u32, v: u128) {
        let z = &mut self.z[n as usize].0;
        z[..16].copy_from_slice(&v.to_le_bytes());
        z[16..].fill(0);
    }
}
