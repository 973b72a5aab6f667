//! Hand-worked unit tests (expected values from the Arm ARM pseudocode, worked out
//! by hand in the comments; instruction words from llvm-mc 14).
