//! Encoding group: sve. (Table filled in by its owner.)

use crate::decode::Enc;

/// This group's lines of the decode table.
pub static ENCODINGS: &[Enc] = &[];
