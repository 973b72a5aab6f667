//! A64 system instructions and exception generation: hints, barriers, MSR/MRS,
//! SVC/HVC/SMC/BRK/HLT, ERET (Arm ARM C4.1, "Branches, Exception Generating and
//! System instructions").

use crate::cpu::{Cpu, Stop};
use crate::decode::{Enc, Insn};

/// This group's lines of the decode table.
pub static ENCODINGS: &[Enc] = &[
    // HVC #imm16: a call to the hypervisor; the layer above handles it (PSCI).
    Enc::new("HVC", "11010100 000 imm16:16 000 10", hvc),
];

fn hvc(c: &mut Cpu, i: &Insn) -> Result<(), Stop> {
    // HVC is UNDEFINED at EL0.
    if c.s.pstate.el == 0 {
        return Err(Stop::Exception(crate::Exception::Undefined));
    }
    Err(Stop::Hvc(i.f[0] as u16))
}
