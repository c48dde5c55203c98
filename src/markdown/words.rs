//! Words as the source checks compare them: letters and digits, apostrophes straight
//! or curly alike, footnote markers (`[3]`) dropped, everything else a separator; each
//! word's case-folded hash, runs of them hashed as they roll by, and a bit filter
//! that rules most runs out before a table lookup.

use std::hash::{BuildHasherDefault, Hasher};

/// One word of a text, and where it is (byte offsets in the text it came from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub(crate) text: String,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Splits `text` into words. `[digits]` footnote markers are skipped; brackets,
/// quotation marks and every other mark are separators.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    scan_words(text, |start, end| {
        out.push(Word {
            text: normalised(&text[start..end]),
            start,
            end,
        });
    });
    out
}

/// A word with curly apostrophes made straight.
fn normalised(word: &str) -> String {
    if word.is_ascii() {
        word.to_string()
    } else {
        word.replace(['’', 'ʼ'], "'")
    }
}

/// Calls `each` with the byte range of every word of `text`, in order.
pub(crate) fn scan_words(text: &str, mut each: impl FnMut(usize, usize)) {
    scan_hashed(text, |start, end, _| each(start, end));
}

/// Calls `each` with the byte range and the `word_hash` of every word of `text`, in
/// one pass. Most text is ASCII letters and spaces, which are read a byte at a time.
pub(crate) fn scan_hashed(text: &str, mut each: impl FnMut(usize, usize, u64)) {
    let bytes = text.as_bytes();
    let mut word = WordState::default();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if ASCII_WORD[usize::from(b)] != 0 {
            word.begin(i);
            // The rest of an ASCII word, without the checks below.
            while let Some(&folded) = bytes.get(i).map(|&b| &ASCII_WORD[usize::from(b)]) {
                if folded == 0 {
                    break;
                }
                word.h = fnv(word.h, folded);
                i += 1;
            }
            continue;
        }
        if b == b'[' && is_marker(&text[i..]) {
            word.end(i, &mut each);
            i += text[i..].find(']').map_or(text.len() - i, |k| k + 1);
            continue;
        }
        i += word.other(text, i, &mut each);
    }
    word.end(text.len(), &mut each);
}

/// The word being read by `scan_hashed`: where it started, and its hash so far.
struct WordState {
    start: Option<usize>,
    h: u64,
}

impl Default for WordState {
    fn default() -> Self {
        WordState {
            start: None,
            h: FNV_START,
        }
    }
}

impl WordState {
    fn begin(&mut self, i: usize) {
        if self.start.is_none() {
            self.start = Some(i);
            self.h = FNV_START;
        }
    }

    fn end(&mut self, i: usize, each: &mut impl FnMut(usize, usize, u64)) {
        if let Some(start) = self.start.take() {
            each(start, i, self.h);
        }
    }

    /// Reads the character at `i` that is not an ASCII letter or digit: a letter
    /// outside ASCII, an apostrophe inside a word (`Agency's`), or a separator.
    /// Returns its width.
    fn other(&mut self, text: &str, i: usize, each: &mut impl FnMut(usize, usize, u64)) -> usize {
        let c = text[i..].chars().next().unwrap_or(' ');
        let width = c.len_utf8();
        if c.is_alphanumeric() {
            self.begin(i);
            self.h = fold(self.h, c);
        } else if self.start.is_some() {
            let apostrophe = matches!(c, '\'' | '’' | 'ʼ');
            let letter_next = || {
                text[i + width..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            };
            if apostrophe && letter_next() {
                self.h = fnv(self.h, b'\'');
            } else {
                self.end(i, each);
            }
        }
        width
    }
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// For each byte, its lower-case form if it is an ASCII letter or digit, else 0.
const ASCII_WORD: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

fn fnv(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

/// One character into a word's hash: lower-cased, curly apostrophes made straight.
fn fold(mut h: u64, c: char) -> u64 {
    for c in c.to_lowercase() {
        let c = if matches!(c, '’' | 'ʼ') { '\'' } else { c };
        let mut buf = [0; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h = fnv(h, b);
        }
    }
    h
}

/// Whether `text` starts with a footnote marker: `[`, digits, `]`.
fn is_marker(text: &str) -> bool {
    let digits = text[1..].bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && text.as_bytes().get(1 + digits) == Some(&b']')
}

/// A Bloom filter of `u64` hashes with two probes: 2^24 bits (2 MB), so the 600,000
/// runs of a 10,000-paragraph pack leave fewer than one lookup in a hundred to a
/// false alarm.
#[derive(Debug)]
pub(crate) struct BitFilter {
    bits: Vec<u64>,
}

impl Default for BitFilter {
    fn default() -> Self {
        BitFilter {
            bits: vec![0; (1 << FILTER_BITS) / 64],
        }
    }
}

impl BitFilter {
    /// The two bits of a hash, from two stretches of it mixed once more.
    fn bits(hash: u64) -> [usize; 2] {
        let mixed = hash.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mask = (1usize << FILTER_BITS) - 1;
        [
            (mixed >> (64 - FILTER_BITS)) as usize,
            (mixed >> 8) as usize & mask,
        ]
    }

    pub(crate) fn insert(&mut self, hash: u64) {
        for bit in Self::bits(hash) {
            self.bits[bit / 64] |= 1 << (bit % 64);
        }
    }

    pub(crate) fn may_hold(&self, hash: u64) -> bool {
        (Self::bits(hash).iter()).all(|&bit| self.bits[bit / 64] & (1 << (bit % 64)) != 0)
    }
}

/// The filter holds 2^FILTER_BITS bits.
const FILTER_BITS: u32 = 24;

/// Keys that are hashes already are used as they are: hashing them again is most of
/// the cost of a lookup.
pub(crate) type Prehashed = BuildHasherDefault<AsIs>;

/// A hasher that passes a `u64` key through.
#[derive(Default)]
pub(crate) struct AsIs(u64);

impl Hasher for AsIs {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn write_usize(&mut self, n: usize) {
        // Spread small indices over the table's buckets.
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A word's hash, case folded: copying is copying whatever the capitals. FNV-1a:
/// fast, and fixed, so two builds hash alike. The same as `scan_hashed` gives.
pub(crate) fn word_hash(word: &str) -> u64 {
    if word.is_ascii() {
        return word
            .bytes()
            .fold(FNV_START, |h, b| fnv(h, b.to_ascii_lowercase()));
    }
    word.chars().fold(FNV_START, fold)
}

/// The hash of every run of `n` consecutive word hashes, in order (a polynomial
/// rolling hash, so each run costs the same whatever `n`).
pub(crate) fn rolling(hashes: &[u64], n: usize) -> impl Iterator<Item = u64> + '_ {
    let mut window = Rolling::new(n);
    (0..hashes.len()).filter_map(move |i| window.push(hashes, i))
}

/// A rolling hash over the last `n` word hashes of a list.
pub(crate) struct Rolling {
    n: usize,
    /// `BASE` to the power `n - 1`: the weight of the word leaving the window.
    top: u64,
    h: u64,
}

impl Rolling {
    const BASE: u64 = 0x100_0000_01b3;

    pub(crate) fn new(n: usize) -> Rolling {
        let top = (1..n).fold(1u64, |p, _| p.wrapping_mul(Self::BASE));
        Rolling { n, top, h: 0 }
    }

    /// Takes in word `i` of `hashes` (words come in order); the hash of the `n`
    /// words ending there, once there are `n`.
    pub(crate) fn push(&mut self, hashes: &[u64], i: usize) -> Option<u64> {
        if self.n == 0 {
            return None;
        }
        if i >= self.n {
            self.h = self
                .h
                .wrapping_sub(hashes[i - self.n].wrapping_mul(self.top));
        }
        self.h = self.h.wrapping_mul(Self::BASE).wrapping_add(hashes[i]);
        (i + 1 >= self.n).then_some(self.h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn words_fold_apostrophes_and_drop_footnote_markers() {
        assert_eq!(
            texts("the Agency’s[3] business, 12% of\n“it”.[It] offers"),
            [
                "the", "Agency's", "business", "12", "of", "it", "It", "offers"
            ]
        );
        assert_eq!(texts("'Don't close'"), ["Don't", "close"]);
    }

    #[test]
    fn a_rolling_hash_equals_the_hash_of_the_run() {
        let hashes: Vec<u64> = ["a", "b", "c", "d"].iter().map(|w| word_hash(w)).collect();
        let runs: Vec<u64> = rolling(&hashes, 2).collect();
        assert_eq!(runs.len(), 3);
        assert_eq!(runs[2], rolling(&hashes[2..], 2).next().unwrap_or_default());
        assert_ne!(runs[0], runs[1]);
        assert_eq!(word_hash("Agency"), word_hash("agency"));
        let mut scanned = Vec::new();
        scan_hashed("Agency’s Été", |_, _, h| scanned.push(h));
        assert_eq!(scanned, [word_hash("agency's"), word_hash("été")]);
    }
}
