//! Sets of paragraph numbers as sorted, disjoint ranges, and who claims which: the
//! coverage checks work on ranges, so their cost follows the number of ranges written,
//! never the number of paragraphs a range spans.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

type Range = RangeInclusive<u32>;

/// How many numbers `r` holds; a `u64`, as `0–4294967295` holds one more than a
/// `u32` can count.
pub(crate) fn span(r: &Range) -> u64 {
    (u64::from(*r.end()) + 1).saturating_sub(u64::from(*r.start()))
}

/// `ranges` sorted, with overlapping and touching ranges merged.
pub(crate) fn normalised(ranges: &[Range]) -> Vec<Range> {
    let mut sorted: Vec<Range> = ranges.iter().filter(|r| !r.is_empty()).cloned().collect();
    sorted.sort_by_key(|r| (*r.start(), *r.end()));
    let mut merged: Vec<Range> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match merged.last_mut() {
            Some(last)
                if last
                    .end()
                    .checked_add(1)
                    .is_none_or(|next| next >= *r.start()) =>
            {
                let end = (*last.end()).max(*r.end());
                *last = *last.start()..=end;
            }
            _ => merged.push(r),
        }
    }
    merged
}

/// The numbers of `a` that are not in `b`; both normalised, and so is the result.
pub(crate) fn minus(a: &[Range], b: &[Range]) -> Vec<Range> {
    let mut out = Vec::new();
    let mut k = 0;
    for r in a {
        let mut start = *r.start();
        let end = *r.end();
        // Ranges of `b` wholly before this one cannot touch the later ones either.
        while k < b.len() && *b[k].end() < start {
            k += 1;
        }
        let mut j = k;
        let mut open = true;
        while open && j < b.len() && *b[j].start() <= end {
            if *b[j].start() > start {
                out.push(start..=*b[j].start() - 1);
            }
            match b[j].end().checked_add(1) {
                Some(next) if next <= end => start = start.max(next),
                _ => open = false,
            }
            j += 1;
        }
        if open {
            out.push(start..=end);
        }
    }
    out
}

/// Which owner (a section) last claimed each number: disjoint ranges keyed by their
/// first number. A claim replaces the older owners of its numbers, so the map holds
/// at most three ranges per claim ever made.
#[derive(Debug, Default)]
pub(crate) struct Claims {
    by_start: BTreeMap<u32, (u32, usize)>,
}

impl Claims {
    /// Claims `r` for `owner`; returns the parts that other owners held before.
    pub(crate) fn claim(&mut self, r: &Range, owner: usize) -> Vec<(usize, Range)> {
        let (a, b) = (*r.start(), *r.end());
        let mut taken = Vec::new();
        // The range starting at or before `a` may reach into `r`; the others start inside.
        let first = self.by_start.range(..=a).next_back().map(|(&s, _)| s);
        let starts: Vec<u32> = first
            .into_iter()
            .chain(self.by_start.range(a..=b).map(|(&s, _)| s))
            .collect();
        for s in starts {
            let Some(&(e, old)) = self.by_start.get(&s) else {
                continue;
            };
            if e < a {
                continue;
            }
            self.by_start.remove(&s);
            if s < a {
                self.by_start.insert(s, (a - 1, old));
            }
            if e > b {
                self.by_start.insert(b + 1, (e, old));
            }
            if old != owner {
                taken.push((old, s.max(a)..=e.min(b)));
            }
        }
        self.by_start.insert(a, (b, owner));
        taken
    }

    /// Every claimed number, normalised.
    pub(crate) fn all(&self) -> Vec<Range> {
        let ranges: Vec<Range> = self.by_start.iter().map(|(&s, &(e, _))| s..=e).collect();
        normalised(&ranges)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_count_full_width_ranges() {
        assert_eq!(span(&(0..=u32::MAX)), 1 << 32);
        assert_eq!(span(&(7..=7)), 1);
    }

    #[test]
    fn normalising_sorts_and_merges() {
        assert_eq!(
            normalised(&[
                9..=10,
                1..=3,
                2..=5,
                6..=6,
                u32::MAX..=u32::MAX,
                20..=u32::MAX
            ]),
            [1..=6, 9..=10, 20..=u32::MAX]
        );
    }

    #[test]
    fn differences_keep_ranges() {
        assert_eq!(minus(&[1..=4_000_000_000], &[1..=4]), [5..=4_000_000_000]);
        assert_eq!(
            minus(&[1..=10], &[3..=4, 6..=6, 9..=20]),
            [1..=2, 5..=5, 7..=8]
        );
        assert_eq!(minus(&[1..=5, 8..=9], &[0..=u32::MAX]), Vec::<Range>::new());
        assert_eq!(minus(&[0..=u32::MAX], &[0..=0]), [1..=u32::MAX]);
        assert_eq!(minus(&[1..=3, 5..=7], &[2..=6]), [1..=1, 7..=7]);
    }

    #[test]
    fn claims_report_the_previous_owner_of_each_part() {
        let mut claims = Claims::default();
        assert!(claims.claim(&(1..=10), 0).is_empty());
        assert!(claims.claim(&(20..=u32::MAX), 1).is_empty());
        assert_eq!(claims.claim(&(5..=25), 2), [(0, 5..=10), (1, 20..=25)]);
        assert_eq!(claims.claim(&(8..=30), 3), [(2, 8..=25), (1, 26..=30)]);
        assert_eq!(claims.all(), [1..=u32::MAX]);
        assert_eq!(claims.claim(&(1..=2), 0), []);
    }
}
