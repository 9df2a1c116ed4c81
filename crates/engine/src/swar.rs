//! Eight ASCII bytes at a time, as one `u64` (SWAR): per-byte answers as
//! the high bit of each byte of a mask. Written out as word arithmetic
//! rather than left to the vectoriser, because the release build's fat LTO
//! optimises the whole program at the binary's size level, which does not
//! vectorise (see `is_own_key_plain` and `count_ascii_words`).
//!
//! Every function expects a word of ASCII bytes (no high bit set): then no
//! subtraction borrows across bytes, so each byte's answer is exact.

pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bytes `at..at + 8`, the first in the lowest byte.
#[inline]
pub(crate) fn load(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
}

/// The high bit of each byte of `x` that is at least `n`.
#[inline]
pub(crate) fn at_least(x: u64, n: u8) -> u64 {
    ((x | HIGH) - ONES * u64::from(n)) & HIGH
}

/// The high bit of each byte of `x` in `lo..=hi`.
#[inline]
pub(crate) fn within(x: u64, lo: u8, hi: u8) -> u64 {
    at_least(x, lo) & !at_least(x, hi + 1)
}

/// The high bit of each byte of `x` that is zero.
#[inline]
pub(crate) fn zero(x: u64) -> u64 {
    !((x | HIGH) - ONES) & HIGH
}

/// The high bit of each byte of `x` that is `c`.
#[inline]
pub(crate) fn equal(x: u64, c: u8) -> u64 {
    zero(x ^ (ONES * u64::from(c)))
}

/// How many bytes of `mask` have their high bit set, where no other bit
/// is set. By a multiplication that sums the bytes into the top one: the
/// release build targets x86-64 without the POPCNT instruction, and
/// `count_ones` became a dozen instructions of bit twiddling.
#[inline]
pub(crate) fn count_high(mask: u64) -> u32 {
    ((mask >> 7).wrapping_mul(ONES) >> 56) as u32
}

#[cfg(test)]
mod tests {
    #[test]
    fn count_high_counts_as_count_ones_on_every_mask_of_high_bits() {
        for bits in 0u32..256 {
            let mask = (0..8)
                .filter(|k| bits & (1 << k) != 0)
                .fold(0u64, |m, k| m | 0x80 << (8 * k));
            assert_eq!(super::count_high(mask), mask.count_ones(), "{mask:#x}");
        }
    }
}
