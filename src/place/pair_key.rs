// Shared by build.rs (which lays out the table) and src/place/tables.rs (which
// reads it), so both place a name's first two characters in the same slot.

/// Slots in the table of first-character pairs (a power of two, about twice the pairs).
pub const PAIR_SLOTS: usize = 1 << 13;

/// A name's first two characters as one key.
#[inline]
pub fn pair_key(a: char, b: char) -> u64 {
    (u64::from(u32::from(a)) << 32) | u64::from(u32::from(b))
}

/// The slot a key's search starts at (Fibonacci hashing).
#[inline]
pub fn pair_slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - PAIR_SLOTS.trailing_zeros())) as usize
}
