//! Byte tests on eight bytes at once ("SIMD within a register"), for the scans that
//! skip long runs of ordinary text: each test sets the top bit of every byte that may
//! match. A flagged byte may be a false alarm (a borrow from a matching byte below it),
//! never a miss, so callers confirm a flagged chunk byte by byte.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes from `i` as one word, if there are eight.
pub(crate) fn chunk(bytes: &[u8], i: usize) -> Option<u64> {
    let eight: [u8; 8] = bytes.get(i..i.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(eight))
}

/// Bytes below `n` (at most 0x80).
pub(crate) fn below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(u64::from(n) * ONES) & !x & HIGH
}

/// Bytes equal to `b`.
pub(crate) fn equal(x: u64, b: u8) -> u64 {
    let zeroed = x ^ (u64::from(b) * ONES);
    zeroed.wrapping_sub(ONES) & !zeroed & HIGH
}

/// Bytes outside ASCII.
pub(crate) fn non_ascii(x: u64) -> u64 {
    x & HIGH
}

/// ASCII bytes from `low` to `high` (both at most 0x7F), exactly.
pub(crate) fn ascii_between(x: u64, low: u8, high: u8) -> u64 {
    // Each byte's low seven bits plus a constant never carries into the next byte.
    let seven = x & !HIGH;
    let from_low = (seven + u64::from(0x80 - low) * ONES) & HIGH;
    let past_high = (seven + u64::from(0x80 - high - 1) * ONES) & HIGH;
    from_low & !past_high & !x
}

/// First bytes of multi-byte UTF-8 characters (`0b11xx_xxxx`), exactly.
pub(crate) fn utf8_leads(x: u64) -> u64 {
    x & (x << 1) & HIGH
}

/// Whether a flagged byte is directly followed by another flagged byte.
pub(crate) fn two_in_a_row(flags: u64) -> bool {
    flags & (flags >> 8) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Every test flags every byte it should (and the exact ones nothing else).
        #[test]
        fn flags_every_matching_byte(bytes in proptest::array::uniform8(proptest::num::u8::ANY)) {
            let x = u64::from_le_bytes(bytes);
            let flagged = |flags: u64, k: usize| flags & (0x80 << (8 * k)) != 0;
            for (k, &b) in bytes.iter().enumerate() {
                if b < 0x20 { proptest::prop_assert!(flagged(below(x, 0x20), k)); }
                if b == b'"' { proptest::prop_assert!(flagged(equal(x, b'"'), k)); }
                proptest::prop_assert_eq!(flagged(non_ascii(x), k), b >= 0x80);
                proptest::prop_assert_eq!(flagged(ascii_between(x, b'A', b'Z'), k), b.is_ascii_uppercase());
                proptest::prop_assert_eq!(flagged(utf8_leads(x), k), b >= 0xC0);
            }
        }
    }

    #[test]
    fn chunks_are_whole_words_or_none() {
        assert_eq!(
            chunk(b"abcdefgh", 0),
            Some(u64::from_le_bytes(*b"abcdefgh"))
        );
        assert_eq!(chunk(b"abcdefgh", 1), None);
        assert_eq!(chunk(b"abc", usize::MAX), None);
    }
}
