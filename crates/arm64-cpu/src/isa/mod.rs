//! Instruction semantics, one module per Arm encoding group, each with its table.
//!
//! [`TABLES`] is the whole decode table in priority order (see [`crate::decode`]).

use crate::decode::Enc;

pub mod base;
pub mod dis_util;
pub mod fp;
pub mod ldst;
pub mod simd;
pub mod simd_fp;
pub mod sve;
pub mod system;

/// The complete decode table, group by group.
pub static TABLES: &[&[Enc]] = &[
    base::ENCODINGS,
    system::ENCODINGS,
    ldst::ENCODINGS,
    fp::ENCODINGS,
    simd::ENCODINGS,
    simd_fp::ENCODINGS,
    sve::ENCODINGS,
];
