//! System registers: storage, encodings, reset values, access rules and the ID
//! registers.
//!
//! Encodings are packed as `op0<<14 | op1<<11 | CRn<<7 | CRm<<3 | op2`, the same
//! 16 bits KVM puts in the low half of a system-register ONE_REG id, so the layer
//! above maps ids to registers without a table of its own.
//!
//! [`SYSREGS`] lists every register this CPU implements with its access rules; MRS
//! and MSR go through it, and so does the register interface of the layer above
//! ([`Cpu::sysreg_get`], [`Cpu::sysreg_set`], which bypass the guest's rules).
//!
//! What this PE is, as the ID registers tell it (and nothing more is implemented):
//! EL0 and EL1 in AArch64 only; FP and AdvSIMD without half-precision arithmetic;
//! SVE when configured; PAN, UAO, SSBS (PSTATE and the SSBS register); FlagM/FlagM2,
//! CRC32, SB, DPB as `CpuConfig` advertises them (the instructions UNDEF when the
//! configuration hides them); Armv8.0 debug with 6 breakpoints (2 context-aware) and
//! 4 watchpoints whose registers hold state but never fire; no PMU, no RAS, no
//! GIC system-register interface, no PAuth/BTI/MTE; the generic timer at 62.5 MHz.
//! Caches: none that software must maintain (CTR_EL0.IDC = DIC = 1), described as
//! a 2-level hierarchy (split 32 KiB L1, 1 MiB unified L2, 64-byte lines).

use crate::cpu::Cpu;
use crate::exception::Exception;
use std::sync::OnceLock;
use std::time::Instant;

/// Packs a system register encoding.
pub const fn enc(op0: u32, op1: u32, crn: u32, crm: u32, op2: u32) -> u16 {
    (op0 << 14 | op1 << 11 | crn << 7 | crm << 3 | op2) as u16
}

/// Number of breakpoints (ID_AA64DFR0_EL1.BRPs + 1).
pub const NUM_BRPS: usize = 6;
/// Number of context-aware breakpoints (the highest-numbered ones).
pub const NUM_CTX_CMPS: usize = 2;
/// Number of watchpoints (ID_AA64DFR0_EL1.WRPs + 1).
pub const NUM_WRPS: usize = 4;

/// CNTFRQ_EL0: the generic timer's frequency (QEMU virt's 62.5 MHz, a 16 ns tick).
pub const CNTFRQ: u64 = 62_500_000;

/// The host's counter: ticks at [`CNTFRQ`] since the first use in this process, so
/// all PEs of a VM see one system counter.
pub fn host_counter() -> u64 {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    let ns = EPOCH.get_or_init(Instant::now).elapsed().as_nanos();
    (ns / 16) as u64
}

/// Storage for the EL1/EL0 system registers that hold state.
#[derive(Clone, Debug, Default)]
pub struct SysRegs {
    pub sctlr_el1: u64,
    pub actlr_el1: u64,
    pub cpacr_el1: u64,
    pub zcr_el1: u64,
    pub ttbr0_el1: u64,
    pub ttbr1_el1: u64,
    pub tcr_el1: u64,
    /// TCR2_EL1 (FEAT_TCR2 not implemented: storage for the layer above only).
    pub tcr2_el1: u64,
    pub esr_el1: u64,
    pub afsr0_el1: u64,
    pub afsr1_el1: u64,
    pub far_el1: u64,
    pub par_el1: u64,
    pub mair_el1: u64,
    /// PIRE0_EL1, PIR_EL1 (FEAT_S1PIE not implemented: storage only).
    pub pire0_el1: u64,
    pub pir_el1: u64,
    pub amair_el1: u64,
    pub vbar_el1: u64,
    pub contextidr_el1: u64,
    pub tpidr_el1: u64,
    pub tpidr_el0: u64,
    pub tpidrro_el0: u64,
    pub elr_el1: u64,
    pub spsr_el1: u64,
    /// AArch32 banked SPSRs (abt, und, irq, fiq): storage only, for the KVM core block.
    pub spsr_aa32: [u64; 4],
    pub cntkctl_el1: u64,
    pub csselr_el1: u64,
    pub mdscr_el1: u64,
    pub mdccint_el1: u64,
    /// OSLSR_EL1.OSLK (bit 1); the rest of OSLSR_EL1 is constant.
    pub oslsr_el1: u64,
    /// OSDLR_EL1.DLK.
    pub osdlr_el1: u64,
    /// The claim tags of DBGCLAIMSET_EL1/DBGCLAIMCLR_EL1.
    pub dbgclaim: u64,
    pub dbgbvr: [u64; 16],
    pub dbgbcr: [u64; 16],
    pub dbgwvr: [u64; 16],
    pub dbgwcr: [u64; 16],
    pub cntv_ctl_el0: u64,
    pub cntv_cval_el0: u64,
    pub cntp_ctl_el0: u64,
    pub cntp_cval_el0: u64,
    /// Virtual counter offset: CNTVCT_EL0 = host counter - cntvoff.
    pub cntvoff: u64,
    /// Physical counter offset (KVM's, for a VMM that sets CNTPCT_EL0):
    /// CNTPCT_EL0 = host counter - cntpoff.
    pub cntpoff: u64,
    /// DISR_EL1 (FEAT_RAS not implemented: storage only).
    pub disr_el1: u64,
    /// AArch32 EL2 registers KVM keeps for a vCPU (storage only: EL1 is AArch64).
    pub dbgvcr32_el2: u64,
    pub dacr32_el2: u64,
    pub ifsr32_el2: u64,
    pub fpexc32_el2: u64,
}

/// What kind of register a [`SysRegDesc`] is (drives the rules of the layer above).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Ordinary read/write state.
    Normal,
    /// Identification register (read-only to the guest; its value describes the CPU).
    Id,
    /// Read-only and not an ID register (e.g. counters, CTR_EL0).
    ReadOnly,
    /// Write-only (e.g. OSLAR_EL1).
    WriteOnly,
}

/// A guest access rule: `Ok`, or the exception MRS/MSR takes (`SysRegTrap`'s ISS is
/// filled in by the instruction).
pub type Check = fn(&Cpu, bool) -> Result<(), Exception>;

/// One implemented system register.
#[derive(Clone, Copy)]
pub struct SysRegDesc {
    /// Architectural name.
    pub name: &'static str,
    /// Packed encoding ([`enc`]).
    pub enc: u16,
    /// Kind.
    pub kind: Kind,
    /// Accessible from EL0 in some configuration (subject to [`SysRegDesc::check`]).
    pub el0: bool,
    /// Reader.
    pub get: fn(&Cpu) -> u64,
    /// Writer (None: read-only).
    pub set: Option<fn(&mut Cpu, u64)>,
    /// The guest's access rule beyond [`Kind`] (EL, enables, traps), for
    /// `write` = MSR or MRS.
    pub check: Check,
    /// Bits an MSR can write; the others are written as `res1` has them.
    pub wmask: u64,
    /// RES1 bits (forced on MSR writes).
    pub res1: u64,
}

impl std::fmt::Debug for SysRegDesc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}({:#06x})", self.name, self.enc)
    }
}

const UNDEF: Result<(), Exception> = Err(Exception::Undefined);
const TRAP: Result<(), Exception> = Err(Exception::SysRegTrap(0));

/// EL1 only: UNDEFINED at EL0.
fn el1(c: &Cpu, _w: bool) -> Result<(), Exception> {
    if c.s.pstate.el == 0 {
        UNDEF
    } else {
        Ok(())
    }
}

/// EL0 and EL1.
fn el0(_: &Cpu, _w: bool) -> Result<(), Exception> {
    Ok(())
}

/// Not accessible to the guest (state KVM keeps for registers of features or
/// Exception levels this PE does not have): UNDEFINED.
fn hidden(_: &Cpu, _w: bool) -> Result<(), Exception> {
    UNDEF
}

fn raz(_: &Cpu) -> u64 {
    0
}

fn wi(_: &mut Cpu, _: u64) {}

impl SysRegDesc {
    const fn new(
        name: &'static str,
        enc: u16,
        kind: Kind,
        get: fn(&Cpu) -> u64,
        set: Option<fn(&mut Cpu, u64)>,
    ) -> SysRegDesc {
        SysRegDesc {
            name,
            enc,
            kind,
            el0: false,
            get,
            set,
            check: el1,
            wmask: u64::MAX,
            res1: 0,
        }
    }
    const fn check(mut self, check: Check, el0: bool) -> SysRegDesc {
        self.check = check;
        self.el0 = el0;
        self
    }
    const fn mask(mut self, wmask: u64, res1: u64) -> SysRegDesc {
        self.wmask = wmask;
        self.res1 = res1;
        self
    }

    /// The guest's access rule for MRS (`write` = false) or MSR at the current EL.
    pub fn guest_access(&self, c: &Cpu, write: bool) -> Result<(), Exception> {
        let allowed = match self.kind {
            Kind::Normal => true,
            Kind::Id | Kind::ReadOnly => !write,
            Kind::WriteOnly => write,
        };
        // The access the encoding does not allocate is UNDEFINED at any EL, but an
        // EL0 access to an EL1 register is UNDEFINED first either way.
        (self.check)(c, write)?;
        if !allowed || (write && self.set.is_none()) {
            return UNDEF;
        }
        Ok(())
    }
}

macro_rules! rw {
    ($name:literal, $op0:literal, $op1:literal, $crn:literal, $crm:literal, $op2:literal, $($f:tt)+) => {
        SysRegDesc::new(
            $name,
            enc($op0, $op1, $crn, $crm, $op2),
            Kind::Normal,
            |c| c.sys.$($f)+,
            Some(|c, v| c.sys.$($f)+ = v),
        )
    };
}

macro_rules! ro {
    ($name:literal, $kind:ident, $op0:literal, $op1:literal, $crn:literal, $crm:literal, $op2:literal, $get:expr) => {
        SysRegDesc::new(
            $name,
            enc($op0, $op1, $crn, $crm, $op2),
            Kind::$kind,
            $get,
            None,
        )
    };
}

/// An ID register in the op0=3, op1=0, CRn=0 space (value from [`Cpu::id_reg`]).
macro_rules! idr {
    ($name:literal, $crm:literal, $op2:literal) => {
        SysRegDesc::new(
            $name,
            enc(3, 0, 0, $crm, $op2),
            Kind::Id,
            |c| c.id_reg($crm, $op2),
            None,
        )
    };
}

/// Breakpoint/watchpoint n: value and control registers.
macro_rules! dbg {
    ($n:literal, $bvr:literal, $bcr:literal, $wvr:literal, $wcr:literal) => {
        [
            SysRegDesc::new(
                $bvr,
                enc(2, 0, 0, $n, 4),
                Kind::Normal,
                |c| c.sys.dbgbvr[$n],
                Some(|c, v| c.sys.dbgbvr[$n] = v),
            )
            .check(|c, _| dbg_exists(c, $n, NUM_BRPS), false)
            .mask(DBGBVR_MASK, 0),
            SysRegDesc::new(
                $bcr,
                enc(2, 0, 0, $n, 5),
                Kind::Normal,
                |c| c.sys.dbgbcr[$n],
                Some(|c, v| c.sys.dbgbcr[$n] = v),
            )
            .check(|c, _| dbg_exists(c, $n, NUM_BRPS), false)
            .mask(DBGBCR_MASK, 0),
            SysRegDesc::new(
                $wvr,
                enc(2, 0, 0, $n, 6),
                Kind::Normal,
                |c| c.sys.dbgwvr[$n],
                Some(|c, v| c.sys.dbgwvr[$n] = v),
            )
            .check(|c, _| dbg_exists(c, $n, NUM_WRPS), false)
            .mask(DBGWVR_MASK, 0),
            SysRegDesc::new(
                $wcr,
                enc(2, 0, 0, $n, 7),
                Kind::Normal,
                |c| c.sys.dbgwcr[$n],
                Some(|c, v| c.sys.dbgwcr[$n] = v),
            )
            .check(|c, _| dbg_exists(c, $n, NUM_WRPS), false)
            .mask(DBGWCR_MASK, 0),
        ]
    };
}

/// DBGBVR: VA[63:2] (or a context ID for a context breakpoint).
const DBGBVR_MASK: u64 = !3;
/// DBGBCR: BT, LBN, SSC, HMC, BAS, PMC, E.
const DBGBCR_MASK: u64 = 0x00FF_E1E7;
/// DBGWVR: VA[63:2].
const DBGWVR_MASK: u64 = !3;
/// DBGWCR: MASK, WT, LBN, SSC, HMC, BAS, LSC, PAC, E.
const DBGWCR_MASK: u64 = 0x1F1F_FFFF;

/// The debug registers of breakpoint/watchpoint `n` exist if `n < count`; KVM keeps
/// all 16 for the layer above regardless.
fn dbg_exists(c: &Cpu, n: usize, count: usize) -> Result<(), Exception> {
    if c.s.pstate.el == 0 || n >= count {
        UNDEF
    } else {
        Ok(())
    }
}

/// SCTLR_EL1 bits that are RES1 for this feature set: EOS, TSCXT, EIS, nTLSMD,
/// LSMAOE (FEAT_ExS, FEAT_CSV2_2 and AArch32 EL0 are not implemented).
pub const SCTLR_RES1: u64 = 1 << 11 | 1 << 20 | 1 << 22 | 1 << 28 | 1 << 29;
/// SCTLR_EL1 bits with an effect or a state here: M, A, C, SA, SA0, CP15BEN, ITD,
/// SED, UMA, I, DZE, UCT, nTWI, nTWE, WXN, SPAN, UCI, DSSBS. The rest is RES0
/// (nAA, EnRCTX, EnDB/EnDA/EnIA/EnIB, IESB, E0E/EE (little-endian only), BT, ...).
pub const SCTLR_WMASK: u64 = 0x1F
    | 1 << 5
    | 1 << 7
    | 1 << 8
    | 1 << 9
    | 1 << 12
    | 1 << 14
    | 1 << 15
    | 1 << 16
    | 1 << 18
    | 1 << 19
    | 1 << 23
    | 1 << 26
    | 1 << 44;

/// CTR_EL0: RES1 bit 31; DIC = IDC = 1 (instruction fetch is coherent with data:
/// the interpreter reads instructions from memory every time); CWG = ERG = DminLine
/// = 4 (64 bytes); L1Ip = 0b11 (PIPT); IminLine = 4 (64 bytes).
pub const CTR_EL0: u64 = 1 << 31 | 1 << 29 | 1 << 28 | 4 << 24 | 4 << 20 | 4 << 16 | 3 << 14 | 4;

/// CLIDR_EL1: L1 separate I and D (Ctype1 = 0b011), L2 unified (Ctype2 = 0b100),
/// LoC = 2, LoUU = LoUIS = 0 (no cleaning needed for instruction coherence, which
/// CTR_EL0.IDC also says).
pub const CLIDR_EL1: u64 = 0b011 | 0b100 << 3 | 2 << 24;

/// CCSIDR_EL1 for a CSSELR_EL1 value (Level in bits 3:1, InD in bit 0): 64-byte
/// lines; L1D 32 KiB 4-way, L1I 32 KiB 2-way, L2 1 MiB 16-way; 0 for a cache that
/// CLIDR_EL1 does not describe.
pub fn ccsidr(csselr: u64) -> u64 {
    // NumSets-1 in bits 27:13, Associativity-1 in 12:3, LineSize (log2(bytes)-4) 2:0.
    let f = |sets: u64, ways: u64| (sets - 1) << 13 | (ways - 1) << 3 | 2;
    match csselr & 0xF {
        0b0000 => f(128, 4),   // L1 data: 32 KiB / (64 * 4)
        0b0001 => f(256, 2),   // L1 instruction: 32 KiB / (64 * 2)
        0b0010 => f(1024, 16), // L2 unified: 1 MiB / (64 * 16)
        _ => 0,
    }
}

/// FPCR bits with a state: AHP, DN, FZ, RMode, and FZ16 with half precision.
/// The trap enables are RAZ/WI (floating-point exception traps are not supported),
/// Len/Stride are RES0 (no AArch32).
fn fpcr_mask(c: &Cpu) -> u64 {
    let fp16 = (c.id_aa64pfr0() >> 16) & 0xF == 1;
    0x07C0_0000 | if fp16 { 1 << 19 } else { 0 }
}

/// FPSR: the cumulative flags IDC, IXC, UFC, OFC, DZC, IOC and QC. NZCV (bits
/// 31:28) are AArch32-only, RES0 here.
const FPSR_MASK: u64 = 0x0800_009F;

fn fp_check(c: &Cpu, _w: bool) -> Result<(), Exception> {
    c.check_fp().map_err(|_| Exception::FpAccess)
}

/// CNTKCTL_EL1 enables at EL0; a disabled access traps to EL1 (EC 0x18).
fn cnt_el0(c: &Cpu, bits: u64) -> Result<(), Exception> {
    if c.s.pstate.el == 0 && c.sys.cntkctl_el1 & bits == 0 {
        TRAP
    } else {
        Ok(())
    }
}

/// SCTLR_EL1 enable for an EL0 access; disabled: trap to EL1 (EC 0x18).
fn sctlr_el0(c: &Cpu, bit: u32) -> Result<(), Exception> {
    if c.s.pstate.el == 0 && c.sys.sctlr_el1 & (1 << bit) == 0 {
        TRAP
    } else {
        Ok(())
    }
}

/// A timer's CTL with ISTATUS computed: set while enabled and the count has reached
/// the compare value.
fn timer_ctl(ctl: u64, count: u64, cval: u64) -> u64 {
    let enabled = ctl & 1 != 0;
    let met = enabled && count >= cval;
    (ctl & 3) | (met as u64) << 2
}

/// TVAL: (CVAL - count) as a signed 32-bit value, bits 63:32 RES0.
fn tval(count: u64, cval: u64) -> u64 {
    cval.wrapping_sub(count) & 0xFFFF_FFFF
}

/// CVAL from a TVAL write: count + SignExtend(TVAL[31:0]).
fn cval_from_tval(count: u64, v: u64) -> u64 {
    count.wrapping_add(v as u32 as i32 as i64 as u64)
}

/// Every implemented system register, in ascending encoding order.
pub static SYSREGS: &[SysRegDesc] = &{
    const D0: [SysRegDesc; 4] = dbg!(
        0,
        "DBGBVR0_EL1",
        "DBGBCR0_EL1",
        "DBGWVR0_EL1",
        "DBGWCR0_EL1"
    );
    const D1: [SysRegDesc; 4] = dbg!(
        1,
        "DBGBVR1_EL1",
        "DBGBCR1_EL1",
        "DBGWVR1_EL1",
        "DBGWCR1_EL1"
    );
    const D2: [SysRegDesc; 4] = dbg!(
        2,
        "DBGBVR2_EL1",
        "DBGBCR2_EL1",
        "DBGWVR2_EL1",
        "DBGWCR2_EL1"
    );
    const D3: [SysRegDesc; 4] = dbg!(
        3,
        "DBGBVR3_EL1",
        "DBGBCR3_EL1",
        "DBGWVR3_EL1",
        "DBGWCR3_EL1"
    );
    const D4: [SysRegDesc; 4] = dbg!(
        4,
        "DBGBVR4_EL1",
        "DBGBCR4_EL1",
        "DBGWVR4_EL1",
        "DBGWCR4_EL1"
    );
    const D5: [SysRegDesc; 4] = dbg!(
        5,
        "DBGBVR5_EL1",
        "DBGBCR5_EL1",
        "DBGWVR5_EL1",
        "DBGWCR5_EL1"
    );
    const D6: [SysRegDesc; 4] = dbg!(
        6,
        "DBGBVR6_EL1",
        "DBGBCR6_EL1",
        "DBGWVR6_EL1",
        "DBGWCR6_EL1"
    );
    const D7: [SysRegDesc; 4] = dbg!(
        7,
        "DBGBVR7_EL1",
        "DBGBCR7_EL1",
        "DBGWVR7_EL1",
        "DBGWCR7_EL1"
    );
    const D8: [SysRegDesc; 4] = dbg!(
        8,
        "DBGBVR8_EL1",
        "DBGBCR8_EL1",
        "DBGWVR8_EL1",
        "DBGWCR8_EL1"
    );
    const D9: [SysRegDesc; 4] = dbg!(
        9,
        "DBGBVR9_EL1",
        "DBGBCR9_EL1",
        "DBGWVR9_EL1",
        "DBGWCR9_EL1"
    );
    const D10: [SysRegDesc; 4] = dbg!(
        10,
        "DBGBVR10_EL1",
        "DBGBCR10_EL1",
        "DBGWVR10_EL1",
        "DBGWCR10_EL1"
    );
    const D11: [SysRegDesc; 4] = dbg!(
        11,
        "DBGBVR11_EL1",
        "DBGBCR11_EL1",
        "DBGWVR11_EL1",
        "DBGWCR11_EL1"
    );
    const D12: [SysRegDesc; 4] = dbg!(
        12,
        "DBGBVR12_EL1",
        "DBGBCR12_EL1",
        "DBGWVR12_EL1",
        "DBGWCR12_EL1"
    );
    const D13: [SysRegDesc; 4] = dbg!(
        13,
        "DBGBVR13_EL1",
        "DBGBCR13_EL1",
        "DBGWVR13_EL1",
        "DBGWCR13_EL1"
    );
    const D14: [SysRegDesc; 4] = dbg!(
        14,
        "DBGBVR14_EL1",
        "DBGBCR14_EL1",
        "DBGWVR14_EL1",
        "DBGWCR14_EL1"
    );
    const D15: [SysRegDesc; 4] = dbg!(
        15,
        "DBGBVR15_EL1",
        "DBGBCR15_EL1",
        "DBGWVR15_EL1",
        "DBGWCR15_EL1"
    );
    [
        // ---- op0 = 2: debug ----
        D0[0],
        D0[1],
        D0[2],
        D0[3],
        D1[0],
        D1[1],
        D1[2],
        D1[3],
        rw!("MDCCINT_EL1", 2, 0, 0, 2, 0, mdccint_el1).mask(0x2000_1000, 0),
        rw!("MDSCR_EL1", 2, 0, 0, 2, 2, mdscr_el1).mask(0x0000_F041 | 1 << 21 | 3 << 22, 0),
        D2[0],
        D2[1],
        D2[2],
        D2[3],
        D3[0],
        D3[1],
        D3[2],
        D3[3],
        D4[0],
        D4[1],
        D4[2],
        D4[3],
        D5[0],
        D5[1],
        D5[2],
        D5[3],
        D6[0],
        D6[1],
        D6[2],
        D6[3],
        D7[0],
        D7[1],
        D7[2],
        D7[3],
        D8[0],
        D8[1],
        D8[2],
        D8[3],
        D9[0],
        D9[1],
        D9[2],
        D9[3],
        D10[0],
        D10[1],
        D10[2],
        D10[3],
        D11[0],
        D11[1],
        D11[2],
        D11[3],
        D12[0],
        D12[1],
        D12[2],
        D12[3],
        D13[0],
        D13[1],
        D13[2],
        D13[3],
        D14[0],
        D14[1],
        D14[2],
        D14[3],
        D15[0],
        D15[1],
        D15[2],
        D15[3],
        // MDRAR_EL1: no ROM table (Valid = 0b00).
        ro!("MDRAR_EL1", ReadOnly, 2, 0, 1, 0, 0, raz),
        // OSLAR_EL1 writes OSLSR_EL1.OSLK.
        SysRegDesc::new(
            "OSLAR_EL1",
            enc(2, 0, 1, 0, 4),
            Kind::WriteOnly,
            raz,
            Some(|c, v| c.sys.oslsr_el1 = (v & 1) << 1),
        ),
        // OSLSR_EL1: OSLM = 0b10 (OS Lock implemented, bit 3), OSLK (bit 1). The
        // layer above may set OSLK (as KVM's set_user does).
        SysRegDesc::new(
            "OSLSR_EL1",
            enc(2, 0, 1, 1, 4),
            Kind::ReadOnly,
            |c| 1 << 3 | (c.sys.oslsr_el1 & 2),
            Some(|c, v| c.sys.oslsr_el1 = v & 2),
        ),
        rw!("OSDLR_EL1", 2, 0, 1, 3, 4, osdlr_el1).mask(1, 0),
        // DBGPRCR_EL1.CORENPDRQ: no powerdown to request (RAZ/WI).
        SysRegDesc::new(
            "DBGPRCR_EL1",
            enc(2, 0, 1, 4, 4),
            Kind::Normal,
            raz,
            Some(wi),
        ),
        // Eight claim tags.
        SysRegDesc::new(
            "DBGCLAIMSET_EL1",
            enc(2, 0, 7, 8, 6),
            Kind::Normal,
            |_| 0xFF,
            Some(|c, v| c.sys.dbgclaim |= v & 0xFF),
        ),
        SysRegDesc::new(
            "DBGCLAIMCLR_EL1",
            enc(2, 0, 7, 9, 6),
            Kind::Normal,
            |c| c.sys.dbgclaim,
            Some(|c, v| c.sys.dbgclaim &= !v),
        ),
        // Non-secure invasive and non-invasive debug implemented and enabled; no
        // Secure state.
        ro!("DBGAUTHSTATUS_EL1", ReadOnly, 2, 0, 7, 14, 6, |_| 0xF),
        rw!("DBGVCR32_EL2", 2, 4, 0, 7, 0, dbgvcr32_el2).check(hidden, false),
        // ---- op0 = 3 ----
        ro!("MIDR_EL1", Id, 3, 0, 0, 0, 0, |c| c.cfg.midr),
        ro!("MPIDR_EL1", Id, 3, 0, 0, 0, 5, |c| c.cfg.mpidr),
        ro!("REVIDR_EL1", Id, 3, 0, 0, 0, 6, raz),
        // AArch32 ID registers: 0, EL0/EL1 are AArch64-only.
        idr!("ID_PFR0_EL1", 1, 0),
        idr!("ID_PFR1_EL1", 1, 1),
        idr!("ID_DFR0_EL1", 1, 2),
        idr!("ID_AFR0_EL1", 1, 3),
        idr!("ID_MMFR0_EL1", 1, 4),
        idr!("ID_MMFR1_EL1", 1, 5),
        idr!("ID_MMFR2_EL1", 1, 6),
        idr!("ID_MMFR3_EL1", 1, 7),
        idr!("ID_ISAR0_EL1", 2, 0),
        idr!("ID_ISAR1_EL1", 2, 1),
        idr!("ID_ISAR2_EL1", 2, 2),
        idr!("ID_ISAR3_EL1", 2, 3),
        idr!("ID_ISAR4_EL1", 2, 4),
        idr!("ID_ISAR5_EL1", 2, 5),
        idr!("ID_MMFR4_EL1", 2, 6),
        idr!("ID_ISAR6_EL1", 2, 7),
        idr!("MVFR0_EL1", 3, 0),
        idr!("MVFR1_EL1", 3, 1),
        idr!("MVFR2_EL1", 3, 2),
        idr!("S3_0_C0_C3_3", 3, 3),
        idr!("ID_PFR2_EL1", 3, 4),
        idr!("ID_DFR1_EL1", 3, 5),
        idr!("ID_MMFR5_EL1", 3, 6),
        idr!("S3_0_C0_C3_7", 3, 7),
        idr!("ID_AA64PFR0_EL1", 4, 0),
        idr!("ID_AA64PFR1_EL1", 4, 1),
        idr!("ID_AA64PFR2_EL1", 4, 2),
        idr!("S3_0_C0_C4_3", 4, 3),
        idr!("ID_AA64ZFR0_EL1", 4, 4),
        idr!("ID_AA64SMFR0_EL1", 4, 5),
        idr!("S3_0_C0_C4_6", 4, 6),
        idr!("ID_AA64FPFR0_EL1", 4, 7),
        idr!("ID_AA64DFR0_EL1", 5, 0),
        idr!("ID_AA64DFR1_EL1", 5, 1),
        idr!("ID_AA64DFR2_EL1", 5, 2),
        idr!("S3_0_C0_C5_3", 5, 3),
        idr!("ID_AA64AFR0_EL1", 5, 4),
        idr!("ID_AA64AFR1_EL1", 5, 5),
        idr!("S3_0_C0_C5_6", 5, 6),
        idr!("S3_0_C0_C5_7", 5, 7),
        idr!("ID_AA64ISAR0_EL1", 6, 0),
        idr!("ID_AA64ISAR1_EL1", 6, 1),
        idr!("ID_AA64ISAR2_EL1", 6, 2),
        idr!("ID_AA64ISAR3_EL1", 6, 3),
        idr!("S3_0_C0_C6_4", 6, 4),
        idr!("S3_0_C0_C6_5", 6, 5),
        idr!("S3_0_C0_C6_6", 6, 6),
        idr!("S3_0_C0_C6_7", 6, 7),
        idr!("ID_AA64MMFR0_EL1", 7, 0),
        idr!("ID_AA64MMFR1_EL1", 7, 1),
        idr!("ID_AA64MMFR2_EL1", 7, 2),
        idr!("ID_AA64MMFR3_EL1", 7, 3),
        idr!("ID_AA64MMFR4_EL1", 7, 4),
        idr!("S3_0_C0_C7_5", 7, 5),
        idr!("S3_0_C0_C7_6", 7, 6),
        idr!("S3_0_C0_C7_7", 7, 7),
        // SCTLR_EL1, TCR_EL1 and MAIR_EL1 feed cached translations: writing them
        // flushes the TLB (more than the TLBI the architecture asks for).
        SysRegDesc::new(
            "SCTLR_EL1",
            enc(3, 0, 1, 0, 0),
            Kind::Normal,
            |c| c.sys.sctlr_el1,
            Some(|c, v| {
                c.sys.sctlr_el1 = v;
                c.tlb_flush();
            }),
        )
        .mask(SCTLR_WMASK, SCTLR_RES1),
        // ACTLR_EL1: IMPLEMENTATION DEFINED, nothing is controlled here.
        rw!("ACTLR_EL1", 3, 0, 1, 0, 1, actlr_el1),
        // CPACR_EL1: FPEN, and ZEN when the PE implements SVE (RES0 without), which
        // it does also when a hypervisor hides SVE from the vCPU.
        SysRegDesc::new(
            "CPACR_EL1",
            enc(3, 0, 1, 0, 2),
            Kind::Normal,
            |c| c.sys.cpacr_el1,
            Some(|c, v| {
                let m = if c.cfg.sve_vqs != 0 || c.cfg.sve_hidden {
                    0x33 << 16
                } else {
                    0x30 << 16
                };
                c.sys.cpacr_el1 = v & m
            }),
        ),
        // ZCR_EL1 exists only with SVE. A guest write keeps LEN (bits 3:0); the
        // layer above stores any value (KVM does not validate it either) and the
        // effective length only ever uses LEN.
        rw!("ZCR_EL1", 3, 0, 1, 2, 0, zcr_el1)
            .check(zcr_check, false)
            .mask(0xF, 0),
        // TTBRn_EL1: CnP (bit 0) is RES0 without FEAT_TTCNP. TLB entries are tagged
        // with the ASID, so a write only drops the fetch page cache (which is not).
        SysRegDesc::new(
            "TTBR0_EL1",
            enc(3, 0, 2, 0, 0),
            Kind::Normal,
            |c| c.sys.ttbr0_el1,
            Some(|c, v| {
                c.sys.ttbr0_el1 = v;
                c.fetch_cache_drop();
            }),
        )
        .mask(!1, 0),
        SysRegDesc::new(
            "TTBR1_EL1",
            enc(3, 0, 2, 0, 1),
            Kind::Normal,
            |c| c.sys.ttbr1_el1,
            Some(|c, v| {
                c.sys.ttbr1_el1 = v;
                c.fetch_cache_drop();
            }),
        )
        .mask(!1, 0),
        // TCR_EL1: T0SZ..IPS, AS, TBI0/1; NFD0/NFD1 exist with SVE.
        SysRegDesc::new(
            "TCR_EL1",
            enc(3, 0, 2, 0, 2),
            Kind::Normal,
            |c| c.sys.tcr_el1,
            Some(|c, v| {
                let nfd = if c.cfg.sve_vqs != 0 { 3 << 53 } else { 0 };
                c.sys.tcr_el1 = v & (TCR_WMASK | nfd);
                c.tlb_flush();
            }),
        ),
        rw!("TCR2_EL1", 3, 0, 2, 0, 3, tcr2_el1).check(hidden, false),
        rw!("SPSR_EL1", 3, 0, 4, 0, 0, spsr_el1),
        rw!("ELR_EL1", 3, 0, 4, 0, 1, elr_el1),
        // SP_EL0: at EL1 only while SP_EL1 is selected (with PSTATE.SP = 0 it is
        // the current SP and MSR/MRS of it is UNDEFINED).
        SysRegDesc::new(
            "SP_EL0",
            enc(3, 0, 4, 1, 0),
            Kind::Normal,
            |c| c.s.sp_el0,
            Some(|c, v| c.s.sp_el0 = v),
        )
        .check(
            |c, _| {
                if c.s.pstate.el == 0 || c.s.pstate.sp == 0 {
                    UNDEF
                } else {
                    Ok(())
                }
            },
            false,
        ),
        SysRegDesc::new(
            "SPSel",
            enc(3, 0, 4, 2, 0),
            Kind::Normal,
            |c| c.s.pstate.sp as u64,
            Some(|c, v| c.s.pstate.sp = (v & 1) as u8),
        ),
        ro!("CurrentEL", ReadOnly, 3, 0, 4, 2, 2, |c| (c.s.pstate.el
            as u64)
            << 2),
        SysRegDesc::new(
            "PAN",
            enc(3, 0, 4, 2, 3),
            Kind::Normal,
            |c| (c.s.pstate.pan as u64) << 22,
            Some(|c, v| c.s.pstate.pan = v & (1 << 22) != 0),
        )
        .check(|c, w| if c.has_pan() { el1(c, w) } else { UNDEF }, false),
        SysRegDesc::new(
            "UAO",
            enc(3, 0, 4, 2, 4),
            Kind::Normal,
            |c| (c.s.pstate.uao as u64) << 23,
            Some(|c, v| c.s.pstate.uao = v & (1 << 23) != 0),
        )
        .check(|c, w| if c.has_uao() { el1(c, w) } else { UNDEF }, false),
        rw!("AFSR0_EL1", 3, 0, 5, 1, 0, afsr0_el1),
        rw!("AFSR1_EL1", 3, 0, 5, 1, 1, afsr1_el1),
        // ESR_EL1: ISS2 (bits 63:32) is RES0 without the features that use it.
        rw!("ESR_EL1", 3, 0, 5, 2, 0, esr_el1).mask(0xFFFF_FFFF, 0),
        rw!("FAR_EL1", 3, 0, 6, 0, 0, far_el1),
        rw!("PAR_EL1", 3, 0, 7, 4, 0, par_el1),
        SysRegDesc::new(
            "MAIR_EL1",
            enc(3, 0, 10, 2, 0),
            Kind::Normal,
            |c| c.sys.mair_el1,
            Some(|c, v| {
                c.sys.mair_el1 = v;
                c.tlb_flush();
            }),
        ),
        rw!("PIRE0_EL1", 3, 0, 10, 2, 2, pire0_el1).check(hidden, false),
        rw!("PIR_EL1", 3, 0, 10, 2, 3, pir_el1).check(hidden, false),
        rw!("AMAIR_EL1", 3, 0, 10, 3, 0, amair_el1),
        // VBAR_EL1: bits 10:0 RES0.
        rw!("VBAR_EL1", 3, 0, 12, 0, 0, vbar_el1).mask(!0x7FF, 0),
        rw!("DISR_EL1", 3, 0, 12, 1, 1, disr_el1).check(hidden, false),
        // CONTEXTIDR_EL1: PROCID, bits 31:0.
        rw!("CONTEXTIDR_EL1", 3, 0, 13, 0, 1, contextidr_el1).mask(0xFFFF_FFFF, 0),
        rw!("TPIDR_EL1", 3, 0, 13, 0, 4, tpidr_el1),
        // CNTKCTL_EL1: EL0PTEN, EL0VTEN, EVNTI, EVNTDIR, EVNTEN, EL0VCTEN, EL0PCTEN.
        rw!("CNTKCTL_EL1", 3, 0, 14, 1, 0, cntkctl_el1).mask(0x3FF, 0),
        ro!("CCSIDR_EL1", Id, 3, 1, 0, 0, 0, |c| ccsidr(
            c.sys.csselr_el1
        )),
        ro!("CLIDR_EL1", Id, 3, 1, 0, 0, 1, |_| CLIDR_EL1),
        ro!("AIDR_EL1", Id, 3, 1, 0, 0, 7, raz),
        // CSSELR_EL1: Level (3:1), InD (0).
        rw!("CSSELR_EL1", 3, 2, 0, 0, 0, csselr_el1).mask(0xF, 0),
        ro!("CTR_EL0", ReadOnly, 3, 3, 0, 0, 1, |_| CTR_EL0).check(|c, _| sctlr_el0(c, 15), true),
        // DCZID_EL0: BS = 4 (64 bytes); DZP reads 1 at EL0 while SCTLR_EL1.DZE = 0.
        ro!("DCZID_EL0", ReadOnly, 3, 3, 0, 0, 7, |c| {
            let dzp = c.s.pstate.el == 0 && c.sys.sctlr_el1 & (1 << 14) == 0;
            (dzp as u64) << 4 | crate::isa::system::DCZID_BS as u64
        })
        .check(el0, true),
        SysRegDesc::new(
            "NZCV",
            enc(3, 3, 4, 2, 0),
            Kind::Normal,
            |c| c.s.pstate.nzcv as u64,
            Some(|c, v| c.s.pstate.nzcv = (v as u32) & 0xF000_0000),
        )
        .check(el0, true),
        // DAIF: at EL0 trapped unless SCTLR_EL1.UMA.
        SysRegDesc::new(
            "DAIF",
            enc(3, 3, 4, 2, 1),
            Kind::Normal,
            |c| c.s.pstate.daif as u64,
            Some(|c, v| c.s.pstate.daif = (v as u32) & 0x3C0),
        )
        .check(|c, _| sctlr_el0(c, 9), true),
        SysRegDesc::new(
            "SSBS",
            enc(3, 3, 4, 2, 6),
            Kind::Normal,
            |c| (c.s.pstate.ssbs as u64) << 12,
            Some(|c, v| c.s.pstate.ssbs = v & (1 << 12) != 0),
        )
        .check(|c, _| if c.has_ssbs() { Ok(()) } else { UNDEF }, true),
        SysRegDesc::new(
            "FPCR",
            enc(3, 3, 4, 4, 0),
            Kind::Normal,
            |c| c.s.fpcr as u64,
            Some(|c, v| c.s.fpcr = (v & fpcr_mask(c)) as u32),
        )
        .check(fp_check, true),
        SysRegDesc::new(
            "FPSR",
            enc(3, 3, 4, 4, 1),
            Kind::Normal,
            |c| c.s.fpsr as u64,
            Some(|c, v| c.s.fpsr = (v & FPSR_MASK) as u32),
        )
        .check(fp_check, true),
        rw!("TPIDR_EL0", 3, 3, 13, 0, 2, tpidr_el0).check(el0, true),
        // TPIDRRO_EL0: read-only at EL0.
        rw!("TPIDRRO_EL0", 3, 3, 13, 0, 3, tpidrro_el0).check(
            |c, w| {
                if c.s.pstate.el == 0 && w {
                    UNDEF
                } else {
                    Ok(())
                }
            },
            true,
        ),
        // CNTFRQ_EL0: writable only at the highest EL, which a vCPU never is.
        ro!("CNTFRQ_EL0", ReadOnly, 3, 3, 14, 0, 0, |_| CNTFRQ).check(|c, _| cnt_el0(c, 3), true),
        // The counters. The layer above may set them (KVM adjusts the offsets).
        SysRegDesc::new(
            "CNTPCT_EL0",
            enc(3, 3, 14, 0, 1),
            Kind::ReadOnly,
            |c| c.cntpct(),
            Some(|c, v| c.sys.cntpoff = host_counter().wrapping_sub(v)),
        )
        .check(|c, _| cnt_el0(c, 1), true),
        SysRegDesc::new(
            "CNTVCT_EL0",
            enc(3, 3, 14, 0, 2),
            Kind::ReadOnly,
            |c| c.cntvct(),
            Some(|c, v| c.sys.cntvoff = host_counter().wrapping_sub(v)),
        )
        .check(|c, _| cnt_el0(c, 2), true),
        SysRegDesc::new(
            "CNTP_TVAL_EL0",
            enc(3, 3, 14, 2, 0),
            Kind::Normal,
            |c| tval(c.cntpct(), c.sys.cntp_cval_el0),
            Some(|c, v| c.sys.cntp_cval_el0 = cval_from_tval(c.cntpct(), v)),
        )
        .check(|c, _| cnt_el0(c, 1 << 9), true),
        SysRegDesc::new(
            "CNTP_CTL_EL0",
            enc(3, 3, 14, 2, 1),
            Kind::Normal,
            |c| timer_ctl(c.sys.cntp_ctl_el0, c.cntpct(), c.sys.cntp_cval_el0),
            Some(|c, v| c.sys.cntp_ctl_el0 = v & 3),
        )
        .check(|c, _| cnt_el0(c, 1 << 9), true),
        rw!("CNTP_CVAL_EL0", 3, 3, 14, 2, 2, cntp_cval_el0).check(|c, _| cnt_el0(c, 1 << 9), true),
        SysRegDesc::new(
            "CNTV_TVAL_EL0",
            enc(3, 3, 14, 3, 0),
            Kind::Normal,
            |c| tval(c.cntvct(), c.sys.cntv_cval_el0),
            Some(|c, v| c.sys.cntv_cval_el0 = cval_from_tval(c.cntvct(), v)),
        )
        .check(|c, _| cnt_el0(c, 1 << 8), true),
        SysRegDesc::new(
            "CNTV_CTL_EL0",
            enc(3, 3, 14, 3, 1),
            Kind::Normal,
            |c| timer_ctl(c.sys.cntv_ctl_el0, c.cntvct(), c.sys.cntv_cval_el0),
            Some(|c, v| c.sys.cntv_ctl_el0 = v & 3),
        )
        .check(|c, _| cnt_el0(c, 1 << 8), true),
        rw!("CNTV_CVAL_EL0", 3, 3, 14, 3, 2, cntv_cval_el0).check(|c, _| cnt_el0(c, 1 << 8), true),
        // EL2 registers KVM keeps for AArch32 guests: storage for the layer above.
        rw!("DACR32_EL2", 3, 4, 3, 0, 0, dacr32_el2).check(hidden, false),
        rw!("SPSR_irq", 3, 4, 4, 3, 0, spsr_aa32[2]).check(hidden, false),
        rw!("SPSR_abt", 3, 4, 4, 3, 1, spsr_aa32[0]).check(hidden, false),
        rw!("SPSR_und", 3, 4, 4, 3, 2, spsr_aa32[1]).check(hidden, false),
        rw!("SPSR_fiq", 3, 4, 4, 3, 3, spsr_aa32[3]).check(hidden, false),
        rw!("IFSR32_EL2", 3, 4, 5, 0, 1, ifsr32_el2).check(hidden, false),
        rw!("FPEXC32_EL2", 3, 4, 5, 3, 0, fpexc32_el2).check(hidden, false),
    ]
};

/// TCR_EL1 bits with a meaning here: T0SZ, EPD0, IRGN0, ORGN0, SH0, TG0, T1SZ, A1,
/// EPD1, IRGN1, ORGN1, SH1, TG1, IPS, AS, TBI0, TBI1 (NFD0/NFD1 are added with SVE).
/// Bit 6 and bit 35 are RES0; HA/HD/HPD/HWU/TBID/E0PD/TCMA/DS belong to features
/// this PE does not implement.
const TCR_WMASK: u64 = 0x7F_FFFF_FFFF & !(1 << 6) & !(1 << 35);

/// ZCR_EL1: an EL1 register that exists with SVE; at EL1, CPACR_EL1.ZEN traps its
/// accesses (EC 0x19) — also when a hypervisor hides SVE, whose own trap comes after.
fn zcr_check(c: &Cpu, w: bool) -> Result<(), Exception> {
    if c.cfg.sve_vqs == 0 && !c.cfg.sve_hidden {
        return UNDEF;
    }
    el1(c, w)?;
    if c.zen_traps() {
        return Err(Exception::SveAccess);
    }
    if c.cfg.sve_vqs == 0 {
        return UNDEF;
    }
    Ok(())
}

/// Finds a register by packed encoding.
pub fn find(enc: u16) -> Option<&'static SysRegDesc> {
    SYSREGS
        .binary_search_by_key(&enc, |d| d.enc)
        .ok()
        .and_then(|i| SYSREGS.get(i))
}

/// Every implemented system register, in encoding order.
pub fn sysreg_list() -> impl Iterator<Item = &'static SysRegDesc> {
    SYSREGS.iter()
}

impl Cpu {
    /// The value of the ID register at op0=3, op1=0, CRn=0, `crm`, `op2`
    /// (reserved encodings and the AArch32 registers read as 0).
    pub fn id_reg(&self, crm: u32, op2: u32) -> u64 {
        match (crm, op2) {
            (4, 0) => self.id_aa64pfr0(),
            (4, 1) => self.id_aa64pfr1(),
            (4, 4) => self.id_aa64zfr0(),
            (5, 0) => self.id_aa64dfr0(),
            (6, 0) => self.id_aa64isar0(),
            (6, 1) => self.id_aa64isar1(),
            (7, 0) => self.id_aa64mmfr0(),
            (7, 1) => self.id_aa64mmfr1(),
            (7, 2) => self.id_aa64mmfr2(),
            _ => 0,
        }
    }

    /// ID_AA64PFR0_EL1: EL0 and EL1 AArch64 only, no EL2/EL3; FP and AdvSIMD
    /// implemented without half-precision arithmetic (0); no GIC system registers,
    /// RAS, AMU, MPAM, DIT; SVE (35:32) = 1 only if this vCPU has SVE; CSV2 = CSV3 = 1
    /// (an interpreter does not speculate, so nothing leaks between contexts).
    pub fn id_aa64pfr0(&self) -> u64 {
        let sve = if self.cfg.sve_vqs != 0 { 1u64 } else { 0 };
        0x1 | 0x1 << 4 // EL0, EL1: AArch64 only
            | 0x1 << 16 // FP, with half-precision arithmetic (FEAT_FP16)
            | 0x1 << 20 // AdvSIMD, with half-precision arithmetic
            | sve << 32
            | 0x1 << 56 // CSV2
            | 0x1 << 60 // CSV3
    }
    /// ID_AA64PFR1_EL1: SSBS = 2 (PSTATE.SSBS with MSR/MRS of the SSBS register).
    pub fn id_aa64pfr1(&self) -> u64 {
        0x2 << 4
    }
    /// ID_AA64ZFR0_EL1: FEAT_SVE only (no SVE2): all fields zero; 0 without SVE.
    pub fn id_aa64zfr0(&self) -> u64 {
        0
    }
    /// ID_AA64DFR0_EL1: Armv8.0 debug (DebugVer 6), BRPs/WRPs/CTX_CMPs as the
    /// constants above, DoubleLock implemented (0), no PMU, SPE or trace.
    pub fn id_aa64dfr0(&self) -> u64 {
        0x6 | ((NUM_BRPS as u64 - 1) << 12)
            | ((NUM_WRPS as u64 - 1) << 20)
            | ((NUM_CTX_CMPS as u64 - 1) << 28)
    }
    /// ID_AA64ISAR0_EL1: the base-ISA extensions this CPU implements.
    pub fn id_aa64isar0(&self) -> u64 {
        self.cfg.isar0
    }
    /// ID_AA64ISAR1_EL1.
    pub fn id_aa64isar1(&self) -> u64 {
        self.cfg.isar1
    }
    /// ID_AA64MMFR0_EL1: what [`crate::mmu`] implements: PARange = 0b0101 (48-bit
    /// PA), ASIDBits = 0b0010 (16-bit ASIDs), all three stage 1 granules (TGran4 = 0
    /// and TGran64 = 0 mean supported, TGran16 = 1 means supported; the TGranX_2
    /// fields are 0: stage 2 support as the stage 1 fields, which is what KVM's
    /// stage 2 offers), little-endian only (BigEnd = BigEndEL0 = 0), no mixed-endian,
    /// no Secure memory distinction (SNSMem = 0), no FEAT_ExS, FEAT_FGT, FEAT_ECV.
    pub fn id_aa64mmfr0(&self) -> u64 {
        0x5 | 0x2 << 4 | 0x1 << 20
    }
    /// ID_AA64MMFR1_EL1: PAN (Armv8.1) as configured; HAFDBS = 0 (no hardware
    /// Access flag or dirty state: AF = 0 faults), no HPDS, no VHE, 8-bit VMIDs.
    pub fn id_aa64mmfr1(&self) -> u64 {
        self.cfg.mmfr1
    }
    /// ID_AA64MMFR2_EL1: UAO = 1; VARange = 0 (48-bit VAs), ST = 0 (TxSZ at most
    /// 39), CnP = 0, no E0PD, TTL or BBM hints.
    pub fn id_aa64mmfr2(&self) -> u64 {
        0x1 << 4
    }

    /// FEAT_PAN advertised (ID_AA64MMFR1_EL1.PAN != 0).
    pub fn has_pan(&self) -> bool {
        (self.id_aa64mmfr1() >> 20) & 0xF != 0
    }
    /// FEAT_UAO advertised.
    pub fn has_uao(&self) -> bool {
        (self.id_aa64mmfr2() >> 4) & 0xF != 0
    }
    /// FEAT_SSBS advertised.
    pub fn has_ssbs(&self) -> bool {
        (self.id_aa64pfr1() >> 4) & 0xF != 0
    }

    /// CNTPCT_EL0 as this PE reads it.
    pub fn cntpct(&self) -> u64 {
        host_counter().wrapping_sub(self.sys.cntpoff)
    }
    /// CNTVCT_EL0 as this PE reads it.
    pub fn cntvct(&self) -> u64 {
        host_counter().wrapping_sub(self.sys.cntvoff)
    }

    /// Reads a system register by packed encoding, bypassing guest access rules
    /// (for the layer above). `None`: not implemented.
    pub fn sysreg_get(&self, enc: u16) -> Option<u64> {
        find(enc).map(|d| (d.get)(self))
    }

    /// Writes a system register by packed encoding, bypassing guest access rules.
    /// `false`: not implemented or read-only.
    pub fn sysreg_set(&mut self, enc: u16, v: u64) -> bool {
        match find(enc).and_then(|d| d.set) {
            Some(set) => {
                set(self, v);
                // The layer above restoring state owes no TLBI: start clean.
                self.tlb_flush();
                self.sysreg_changed();
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_sorted_and_unique() {
        for w in SYSREGS.windows(2) {
            assert!(w[0].enc < w[1].enc, "{:?} before {:?}", w[0], w[1]);
        }
        let mut names = std::collections::HashSet::new();
        for d in SYSREGS {
            assert!(names.insert(d.name), "duplicate name {}", d.name);
        }
    }

    #[test]
    fn encodings_match_kvm_ids() {
        // The low 16 bits of KVM's ONE_REG ids (kernel documentation, api.rst).
        assert_eq!(enc(3, 0, 1, 2, 0), 0xC090); // ZCR_EL1
        assert_eq!(enc(3, 0, 0, 4, 4), 0xC024); // ID_AA64ZFR0_EL1
        assert_eq!(enc(3, 0, 1, 0, 2), 0xC082); // CPACR_EL1
    }

    /// Every system register of the real kernel's KVM_GET_REG_LIST (Linux 6.12,
    /// /work/shared/realkvm/results-6.12.107+deb13-arm64.txt, SVE vCPU) exists here.
    /// KVM's timer ids are its own (TIMER_CNT and TIMER_CVAL have each other's
    /// encodings, 0xdf1a and 0xdf02), which maps to the same set of registers.
    #[test]
    fn covers_kvm_reg_list() {
        let kvm: &[u16] = &[
            0xdf19, 0xdf1a, 0xdf02, 0xdf11, 0xdf01, 0xdf12, 0xc000, 0xc006, 0xc807, 0x8004, 0x8005,
            0x8006, 0x8007, 0x800c, 0x800d, 0x800e, 0x800f, 0x8010, 0x8012, 0x8014, 0x8015, 0x8016,
            0x8017, 0x801c, 0x801d, 0x801e, 0x801f, 0x8024, 0x8025, 0x8026, 0x8027, 0x802c, 0x802d,
            0x802e, 0x802f, 0x8034, 0x8035, 0x8036, 0x8037, 0x803c, 0x803d, 0x803e, 0x803f, 0x8044,
            0x8045, 0x8046, 0x8047, 0x804c, 0x804d, 0x804e, 0x804f, 0x8054, 0x8055, 0x8056, 0x8057,
            0x805c, 0x805d, 0x805e, 0x805f, 0x8064, 0x8065, 0x8066, 0x8067, 0x806c, 0x806d, 0x806e,
            0x806f, 0x8074, 0x8075, 0x8076, 0x8077, 0x807c, 0x807d, 0x807e, 0x807f, 0x808c, 0xa038,
            0xc005, 0xc080, 0xc081, 0xc082, 0xc090, 0xc100, 0xc101, 0xc102, 0xc103, 0xc288, 0xc289,
            0xc290, 0xc300, 0xc3a0, 0xc510, 0xc512, 0xc513, 0xc518, 0xc600, 0xc609, 0xc681, 0xc684,
            0xc708, 0xc801, 0xd000, 0xd801, 0xde82, 0xde83, 0xe180, 0xe281, 0xe298,
        ];
        for &e in kvm {
            assert!(find(e).is_some(), "missing {e:#06x}");
        }
        for e in 0xc008..=0xc03f_u16 {
            let d = find(e).unwrap_or_else(|| panic!("missing ID reg {e:#06x}"));
            assert_eq!(d.kind, Kind::Id);
        }
    }

    #[test]
    fn cache_geometry() {
        // CCSIDR_EL1 (no CCIDX): L1D 32 KiB = 128 sets x 4 ways x 64 bytes.
        let v = ccsidr(0);
        assert_eq!(v & 7, 2);
        assert_eq!((v >> 3) & 0x3FF, 3);
        assert_eq!((v >> 13) & 0x7FFF, 127);
        assert_eq!(ccsidr(0b0100), 0);
        // CTR_EL0 fields by hand: 0xB444C004.
        assert_eq!(CTR_EL0, 0xB444_C004);
        assert_eq!(CLIDR_EL1, 0x0200_0023);
    }
}
