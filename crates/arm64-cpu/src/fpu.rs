//! Floating point with Arm's semantics (FPCR rounding, FZ, DN, AHP; FPSR cumulative
//! flags; NaN propagation and the default NaN), independent of the host's FPU.
//! (Being written by its owner.)
