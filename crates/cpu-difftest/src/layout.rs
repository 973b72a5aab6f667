//! Fixed guest addresses, shared with the oracle (oracle/layout.h must agree).

/// Start of the code region (the oracle's prologue lives here).
pub const CODE_BASE: u64 = 0x1000_0000;
/// Size of the code region.
pub const CODE_SIZE: u64 = 0x1_0000;
/// Address of the first test instruction.
pub const TEST_PC: u64 = 0x1000_1000;
/// Scratch memory block that loads and stores aim at.
pub const SCRATCH: u64 = 0x2000_0000;
/// Its size; the 64 KiB after it are unmapped on both sides.
pub const SCRATCH_SIZE: u64 = 0x1_0000;
/// Longest test sequence (words), fixups included.
pub const MAX_CODE: usize = 1024;

/// X26 holds 0 and X27 holds [`SCRATCH`] throughout a test: the fixup
/// instructions build addresses and index values from them, so the generator never
/// lets a test instruction name X25..X27 (X25 because register pairs write Rn+1).
pub const XZERO: u32 = 26;
/// See [`XZERO`].
pub const XBASE: u32 = 27;

/// The scratch block's initial contents, word `i`: SplitMix64 of `seed + i`
/// (the oracle computes the same).
pub fn mem_word(seed: u64, i: u64) -> u64 {
    let mut x = seed.wrapping_add(i).wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Fills `buf` with the initial scratch contents for `seed`.
pub fn fill_scratch(seed: u64, buf: &mut [u8]) {
    for (i, ch) in buf.chunks_exact_mut(8).enumerate() {
        ch.copy_from_slice(&mem_word(seed, i as u64).to_le_bytes());
    }
}
