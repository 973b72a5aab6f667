//! Known, reasoned differences between QEMU (Linux user mode) and our CPU that are
//! not bugs of ours: QEMU deviations from the Arm ARM, and differences of execution
//! environment (Linux EL0 with the MMU on versus our bare EL0 with the MMU off).
//! A mismatch is filtered only if an entry's condition holds for the instruction
//! the mismatch was shrunk to.

use crate::compare::Diff;
use crate::state::{Case, End, FaultDetail, FaultKind, Outcome};
use arm64_cpu::Exception;

/// What a deviation's condition sees.
pub struct Ctx<'a> {
    /// Table name of the responsible instruction.
    pub name: &'a str,
    /// Its word.
    pub word: u32,
    /// The (shrunk) case.
    pub case: &'a Case,
    /// Our outcome.
    pub ours: &'a Outcome,
    /// QEMU's outcome.
    pub qemu: &'a Outcome,
    /// The differences.
    pub diffs: &'a [Diff],
}

/// One known deviation.
pub struct Deviation {
    /// Short identifier (counted in the summary).
    pub id: &'static str,
    /// The encodings it concerns (table names or mnemonic prefixes; empty: any).
    pub encodings: &'static [&'static str],
    /// The rule, with the Arm ARM reasoning.
    pub rule: &'static str,
    /// Does it explain this mismatch?
    pub applies: fn(&Ctx) -> bool,
}

fn ours_alignment_fault_only(c: &Ctx) -> bool {
    let ours_align = matches!(
        c.ours.end,
        End::Fault {
            kind: FaultKind::Alignment,
            detail: FaultDetail::Exception(Exception::DataAbort { fsc: 0x21, .. }),
            ..
        }
    );
    let qemu_align = matches!(
        c.qemu.end,
        End::Fault {
            kind: FaultKind::Alignment,
            ..
        }
    );
    ours_align && !qemu_align
}

/// The list.
pub static DEVIATIONS: &[Deviation] = &[Deviation {
    id: "env-mmu-off-device-alignment",
    encodings: &[],
    rule: "Environment, not QEMU: our CPU runs the case at EL0 with SCTLR_EL1.M = 0, so every \
           data access is to Device-nGnRnE memory, and an unaligned access to Device memory \
           takes an Alignment fault whatever SCTLR_EL1.A says (Arm ARM B2.5.2, 'Alignment of \
           data accesses'). Linux user mode runs with the MMU on and Normal memory, where \
           SCTLR_EL1.A = 0 permits the same access. Explained only when our side took a data \
           abort with DFSC 0b100001 (alignment) and QEMU did not fault on alignment.",
    applies: ours_alignment_fault_only,
}];

/// The first deviation that explains the mismatch.
pub fn explain(c: &Ctx) -> Option<&'static Deviation> {
    DEVIATIONS.iter().find(|d| {
        (d.encodings.is_empty() || d.encodings.iter().any(|e| c.name.starts_with(e)))
            && (d.applies)(c)
    })
}
