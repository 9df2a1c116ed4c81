//! Paragraph alignment: which old paragraph became which new one.
//!
//! 1. Paragraphs are keyed by their folded text and diffed with Patience,
//!    which anchors on paragraphs that occur once on each side: the
//!    skeleton of the story that did not change.
//! 2. Between two anchors lies a hunk of old and new paragraphs. The
//!    paragraphs of all hunks are paired by word overlap, wherever they
//!    stand (every pair is scored in articles; in long documents a shingle
//!    index proposes the candidates).
//! 3. Pairs in their own hunk and in order are `reworded`; the others are
//!    `moved`. Whatever is left is `removed` or `added`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use similar::{capture_diff, Algorithm, DiffOp};

/// A stretch of the paragraph diff.
#[derive(Debug, Clone)]
pub(crate) enum Block {
    /// Paragraphs that are the same on both sides.
    Same { old: usize, new: usize, len: usize },
    /// Paragraphs that differ; they may pair with each other or elsewhere.
    Hunk {
        old: Range<usize>,
        new: Range<usize>,
    },
}

/// How an old paragraph and a new one are related.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PairKind {
    InPlace,
    Moved,
}

#[derive(Debug, Default)]
pub(crate) struct Alignment {
    pub blocks: Vec<Block>,
    /// For the first new paragraph of each pair, the pair.
    pub pairs: HashMap<usize, Pair>,
    /// Old paragraphs that belong to some pair.
    pub old_paired: Vec<bool>,
    /// New paragraphs that belong to a pair but do not start it.
    pub new_absorbed: Vec<bool>,
}

/// Old paragraphs and the new paragraphs they became: usually one each;
/// more where a reprint split a paragraph or merged several.
#[derive(Debug, Clone)]
pub(crate) struct Pair {
    pub old: Range<usize>,
    pub new: Range<usize>,
    pub kind: PairKind,
}

/// Word overlap (Dice) needed to pair two paragraphs. The same bar holds
/// wherever the two stand, so that which paragraphs pair never depends on
/// which equal paragraphs the diff chose as anchors.
const PAIR_MIN: f64 = 0.5;
/// Up to this many old×new leftover paragraphs, every pair is scored; past
/// it, only the candidates that the shingle index proposes.
const ALL_PAIRS_MAX: usize = 10_000;
/// Share of a neighbouring paragraph's words that must be found in what
/// its pair's other side has left over, for it to join the pair (a split
/// or a merge), and the fewest words it must have.
const ABSORB_MIN: f64 = 0.8;
const ABSORB_MIN_WORDS: usize = 2;
/// Shingles shared by more paragraphs than this are boilerplate, not evidence.
const SHINGLE_BUCKET_MAX: usize = 32;
/// How many shingle-index candidates are scored per paragraph.
const CANDIDATES: usize = 8;

/// Numbers for strings: equal strings get the same number, so that
/// paragraphs and words are compared, hashed and sorted as integers.
pub(crate) struct Numbering<'a> {
    numbers: foldhash::HashMap<Cow<'a, str>, u32>,
}

impl<'a> Numbering<'a> {
    /// A numbering with room for `strings` strings before it grows: each
    /// growth rehashes every string so far (a twentieth of an article's
    /// alignment when the table started empty).
    pub fn with_capacity(strings: usize) -> Numbering<'a> {
        let mut numbers = foldhash::HashMap::default();
        numbers.reserve(strings.min(ROOM_MAX));
        Numbering { numbers }
    }

    pub fn number(&mut self, text: Cow<'a, str>) -> u32 {
        // One lookup: a lookup and then an insert hashed and probed each
        // new string twice, and half the strings numbered are new (the
        // old side's words, before the new side repeats them).
        let next = self.numbers.len();
        *self
            .numbers
            .entry(text)
            .or_insert_with(|| u32::try_from(next).expect("fewer than 4 billion strings"))
    }
}

/// The most room a numbering takes before it sees its strings: enough for
/// an article's words; a long document grows past it as before, rather
/// than reserving room for a guess that one repeated word makes absurd.
pub(crate) const ROOM_MAX: usize = 4096;

/// Not in a hunk (the paragraph is part of an equal block).
const NO_HUNK: u32 = u32::MAX;

/// Aligns two documents' paragraphs, given their folded keys and the
/// numbers of those keys (equal keys, equal numbers).
pub(crate) fn align(
    old_keys: &[Cow<'_, str>],
    new_keys: &[Cow<'_, str>],
    old_ids: &[u32],
    new_ids: &[u32],
) -> Alignment {
    let ops = capture_diff(
        Algorithm::Patience,
        old_ids,
        0..old_ids.len(),
        new_ids,
        0..new_ids.len(),
    );
    let blocks = to_blocks(&ops, old_keys.len(), new_keys.len());

    // Which hunk each unmatched paragraph sits in, and the unmatched
    // paragraphs in order.
    let mut old_hunk = vec![NO_HUNK; old_keys.len()];
    let mut new_hunk = vec![NO_HUNK; new_keys.len()];
    let (mut old_left, mut new_left) = (Vec::new(), Vec::new());
    for (h, block) in blocks.iter().enumerate() {
        if let Block::Hunk { old, new } = block {
            for i in old.clone() {
                old_hunk[i] = h as u32;
                old_left.push(i);
            }
            for j in new.clone() {
                new_hunk[j] = h as u32;
                new_left.push(j);
            }
        }
    }

    // The words of each unmatched paragraph as a sorted multiset of word
    // numbers (empty for the others, which never pair), and their
    // lowercased numbers in reading order for the shingles.
    // About one new word in six bytes of the leftover paragraphs.
    let leftover_bytes: usize = old_left
        .iter()
        .map(|&i| old_keys[i].len())
        .chain(new_left.iter().map(|&j| new_keys[j].len()))
        .sum();
    // When every pair is scored, the shingles would only propose pairs
    // already scored: they (and the lowercased words they are made of)
    // are built only for long documents. A word's number is only ever
    // compared for equality, so numbering the lowercased forms or not
    // changes no score.
    let all_pairs = old_left.len() * new_left.len() <= ALL_PAIRS_MAX;
    let mut words = Words::with_capacity(leftover_bytes / 6, !all_pairs);
    let mut old_words: Vec<Vec<u32>> = vec![Vec::new(); old_keys.len()];
    let mut new_words: Vec<Vec<u32>> = vec![Vec::new(); new_keys.len()];
    let mut old_shingles: Vec<Vec<u64>> = vec![Vec::new(); old_keys.len()];
    let mut new_shingles: Vec<Vec<u64>> = vec![Vec::new(); new_keys.len()];
    for &i in &old_left {
        (old_words[i], old_shingles[i]) = words.of(&old_keys[i]);
    }
    for &j in &new_left {
        (new_words[j], new_shingles[j]) = words.of(&new_keys[j]);
    }

    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    let dice_of = |i: usize, j: usize| {
        if old_ids[i] == new_ids[j] {
            1.0
        } else {
            dice(&old_words[i], &new_words[j])
        }
    };
    if all_pairs {
        for &i in &old_left {
            for &j in &new_left {
                let dice = dice_of(i, j);
                if dice >= PAIR_MIN {
                    candidates.push((dice, i, j));
                }
            }
        }
    } else {
        shingle_candidates(
            &old_left,
            &new_left,
            &old_shingles,
            &new_shingles,
            old_keys.len(),
            dice_of,
            &mut candidates,
        );
    }
    drop((old_shingles, new_shingles));

    // Greedy: the best pairs first, ties to the nearest positions, then to
    // the earliest (an order that does not depend on which side is old).
    candidates.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.1.abs_diff(a.2).cmp(&b.1.abs_diff(b.2)))
            .then_with(|| (a.1 + a.2).cmp(&(b.1 + b.2)))
            .then_with(|| a.1.min(a.2).cmp(&b.1.min(b.2)))
    });
    let mut old_paired = vec![false; old_keys.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut new_taken = vec![false; new_keys.len()];
    for (_, i, j) in candidates {
        if !old_paired[i] && !new_taken[j] {
            old_paired[i] = true;
            new_taken[j] = true;
            pairs.push((i, j));
        }
    }

    // Splits and merges: a neighbour of a pair that is itself unpaired joins
    // the pair when its words are what the other side has left over.
    let mut new_paired = new_taken;
    let mut groups = Vec::with_capacity(pairs.len());
    for &(i, j) in &pairs {
        let mut old_range = i..i + 1;
        let mut new_range = j..j + 1;
        let mut old_bag = old_words[i].clone();
        let mut new_bag = new_words[j].clone();
        loop {
            let grew = absorb(
                &mut old_range,
                &mut old_bag,
                &new_bag,
                &old_words,
                &mut old_paired,
            ) || absorb(
                &mut new_range,
                &mut new_bag,
                &old_bag,
                &new_words,
                &mut new_paired,
            );
            if !grew {
                break;
            }
        }
        groups.push((old_range, new_range));
    }

    // In place: same hunk and in order with the other pairs of that hunk
    // (the longest increasing run of old positions in new order).
    type Group = (Range<usize>, Range<usize>);
    let mut by_hunk: HashMap<u32, Vec<Group>> = HashMap::new();
    let mut alignment_pairs = HashMap::new();
    let mut new_absorbed = vec![false; new_keys.len()];
    for (old, new) in groups {
        new_absorbed[new.start + 1..new.end]
            .iter_mut()
            .for_each(|a| *a = true);
        if old_hunk[old.start] == new_hunk[new.start] {
            by_hunk
                .entry(new_hunk[new.start])
                .or_default()
                .push((old, new));
        } else {
            let kind = PairKind::Moved;
            alignment_pairs.insert(new.start, Pair { old, new, kind });
        }
    }
    for (_, mut hunk_pairs) in by_hunk {
        hunk_pairs.sort_unstable_by_key(|(_, new)| new.start);
        let olds: Vec<usize> = hunk_pairs.iter().map(|(old, _)| old.start).collect();
        let keep = longest_increasing(&olds);
        for (k, (old, new)) in hunk_pairs.into_iter().enumerate() {
            let kind = if keep[k] {
                PairKind::InPlace
            } else {
                PairKind::Moved
            };
            alignment_pairs.insert(new.start, Pair { old, new, kind });
        }
    }

    Alignment {
        blocks,
        pairs: alignment_pairs,
        old_paired,
        new_absorbed,
    }
}

/// In long documents, candidates come from shared runs of two words: for
/// each new paragraph, the old ones sharing the most shingles with it.
fn shingle_candidates(
    old_left: &[usize],
    new_left: &[usize],
    old_shingles: &[Vec<u64>],
    new_shingles: &[Vec<u64>],
    old_len: usize,
    dice_of: impl Fn(usize, usize) -> f64,
    candidates: &mut Vec<(f64, usize, usize)>,
) {
    let mut index: foldhash::HashMap<u64, Vec<u32>> = foldhash::HashMap::default();
    for &i in old_left {
        for &s in &old_shingles[i] {
            index.entry(s).or_default().push(i as u32);
        }
    }
    let mut scored: foldhash::HashSet<(usize, usize)> = foldhash::HashSet::default();
    // Shingles shared with each old paragraph, counted in place: `touched`
    // lists the paragraphs counted for the current new one.
    let mut shared_count = vec![0u32; old_len];
    let mut touched: Vec<u32> = Vec::new();
    for &j in new_left {
        for s in &new_shingles[j] {
            if let Some(bucket) = index.get(s) {
                if bucket.len() <= SHINGLE_BUCKET_MAX {
                    for &i in bucket {
                        if shared_count[i as usize] == 0 {
                            touched.push(i);
                        }
                        shared_count[i as usize] += 1;
                    }
                }
            }
        }
        let mut best: Vec<(usize, u32)> = touched
            .drain(..)
            .map(|i| (i as usize, std::mem::take(&mut shared_count[i as usize])))
            .collect();
        best.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for (i, _) in best.into_iter().take(CANDIDATES) {
            if scored.insert((i, j)) {
                let dice = dice_of(i, j);
                if dice >= PAIR_MIN {
                    candidates.push((dice, i, j));
                }
            }
        }
    }
}

/// Numbers the words of paragraph keys (runs of letters and digits), and
/// their lowercased forms.
struct Words<'k> {
    numbering: Numbering<'k>,
    /// For each word number, the number of its lowercased form (kept only
    /// with `shingles`).
    lower: Vec<u32>,
    /// Whether [`Words::of`] makes shingles.
    shingles: bool,
}

impl<'k> Words<'k> {
    #[cfg(test)]
    fn new() -> Words<'k> {
        Words::with_capacity(0, true)
    }

    /// Room for `words` words; `shingles` says whether [`Words::of`]
    /// makes shingles (else it gives none).
    fn with_capacity(words: usize, shingles: bool) -> Words<'k> {
        Words {
            numbering: Numbering::with_capacity(words),
            lower: Vec::with_capacity(if shingles { words.min(ROOM_MAX) } else { 0 }),
            shingles,
        }
    }

    fn number(&mut self, word: &'k str) -> u32 {
        let n = self.numbering.number(Cow::Borrowed(word));
        if self.shingles && n as usize == self.lower.len() {
            // A new word: number its lowercased form too (the same word
            // when it has no capitals).
            self.lower.push(n);
            let has_upper = if word.is_ascii() {
                word.bytes().any(|b| b.is_ascii_uppercase())
            } else {
                word.chars()
                    .any(|c| c.to_lowercase().ne(std::iter::once(c)))
            };
            if has_upper {
                let lower = self.numbering.number(Cow::Owned(word.to_lowercase()));
                if lower as usize == self.lower.len() {
                    self.lower.push(lower);
                }
                self.lower[n as usize] = lower;
            }
        }
        n
    }

    /// The key's words as a sorted multiset of numbers, and its shingles:
    /// the distinct runs of two lowercased words, robust to a substitution
    /// every few words yet specific enough to find a paragraph among
    /// thousands. A paragraph of fewer than two words has one shingle of
    /// what it has.
    fn of(&mut self, key: &'k str) -> (Vec<u32>, Vec<u64>) {
        let mut numbers: Vec<u32> = if key.is_ascii() {
            // Cut by bytes: the same words as splitting by chars, which
            // decoded every char to test it (a twentieth of batch time).
            let bytes = key.as_bytes();
            // A word and its space are six bytes or more.
            let mut numbers = Vec::with_capacity(key.len() / 6 + 1);
            let mut start = None;
            for (at, b) in bytes.iter().enumerate() {
                match (b.is_ascii_alphanumeric(), start) {
                    (true, None) => start = Some(at),
                    (false, Some(from)) => {
                        numbers.push(self.number(&key[from..at]));
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(from) = start {
                numbers.push(self.number(&key[from..]));
            }
            numbers
        } else {
            key.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| self.number(w))
                .collect()
        };
        if !self.shingles {
            numbers.sort_unstable();
            return (numbers, Vec::new());
        }
        let lower: Vec<u64> = numbers
            .iter()
            .map(|&n| u64::from(self.lower[n as usize]) + 1)
            .collect();
        let mut shingles: Vec<u64> = match lower.len() {
            0 => vec![0],
            1 => vec![lower[0]],
            _ => lower.windows(2).map(|w| (w[0] << 32) | w[1]).collect(),
        };
        shingles.sort_unstable();
        shingles.dedup();
        numbers.sort_unstable();
        (numbers, shingles)
    }
}

/// Grows `range` by one unpaired neighbour whose words are mostly among
/// those that `other` has and `bag` lacks. Returns whether it grew.
fn absorb(
    range: &mut Range<usize>,
    bag: &mut Vec<u32>,
    other: &[u32],
    words: &[Vec<u32>],
    paired: &mut [bool],
) -> bool {
    let left_over = difference(other, bag);
    if left_over.is_empty() {
        return false;
    }
    let neighbours = [range.start.checked_sub(1), Some(range.end)];
    for k in neighbours.into_iter().flatten() {
        // Paragraphs outside the hunks have no words here and never join.
        let Some(candidate) = words.get(k) else {
            continue;
        };
        if paired[k] || candidate.len() < ABSORB_MIN_WORDS {
            continue;
        }
        let found = shared(candidate, &left_over);
        if found as f64 >= ABSORB_MIN * candidate.len() as f64 {
            paired[k] = true;
            if k < range.start {
                range.start = k;
            } else {
                range.end = k + 1;
            }
            bag.extend(candidate.iter().copied());
            bag.sort_unstable();
            return true;
        }
    }
    false
}

/// The multiset `a` less `b` (both sorted).
fn difference(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut x, mut y) = (0, 0);
    let mut out = Vec::new();
    while x < a.len() {
        if y < b.len() {
            match a[x].cmp(&b[y]) {
                std::cmp::Ordering::Less => {
                    out.push(a[x]);
                    x += 1;
                }
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    x += 1;
                    y += 1;
                }
            }
        } else {
            out.push(a[x]);
            x += 1;
        }
    }
    out
}

/// How many words two sorted multisets share.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut x, mut y, mut n) = (0, 0, 0);
    while x < a.len() && y < b.len() {
        match a[x].cmp(&b[y]) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                x += 1;
                y += 1;
            }
        }
    }
    n
}

fn to_blocks(ops: &[DiffOp], old_len: usize, new_len: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let (mut o, mut n) = (0, 0);
    for op in ops {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = *op
        {
            if old_index > o || new_index > n {
                blocks.push(Block::Hunk {
                    old: o..old_index,
                    new: n..new_index,
                });
            }
            blocks.push(Block::Same {
                old: old_index,
                new: new_index,
                len,
            });
            o = old_index + len;
            n = new_index + len;
        }
    }
    if o < old_len || n < new_len {
        blocks.push(Block::Hunk {
            old: o..old_len,
            new: n..new_len,
        });
    }
    blocks
}

/// Dice coefficient of two sorted word multisets (case-sensitive; keys are
/// already lowercased when the user ignores case).
fn dice(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * shared(a, b) as f64 / (a.len() + b.len()) as f64
}

/// Marks the members of one longest strictly increasing subsequence.
fn longest_increasing(values: &[usize]) -> Vec<bool> {
    // Patience sorting with back-pointers: O(n log n).
    let mut tails: Vec<usize> = Vec::new(); // indices into values
    let mut prev = vec![usize::MAX; values.len()];
    for (k, &v) in values.iter().enumerate() {
        let pos = tails.partition_point(|&t| values[t] < v);
        if pos > 0 {
            prev[k] = tails[pos - 1];
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut keep = vec![false; values.len()];
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        keep[k] = true;
        k = prev[k];
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_increasing_keeps_the_ordered_majority() {
        assert_eq!(
            longest_increasing(&[0, 4, 1, 2, 3]),
            [true, false, true, true, true]
        );
        assert!(longest_increasing(&[]).is_empty());
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// Without shingles the words are numbered differently (no
        /// lowercased forms in between) but every score is the same.
        #[test]
        fn scores_do_not_depend_on_the_shingles(
            paragraphs in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(&[
                        "the", "The", "THE", "cat", "Cat", "sat", "on", "mat", "1", "\u{c9}t\u{e9}",
                        "\u{e9}t\u{e9}", "U", "u", "dog",
                    ][..]),
                    0..12,
                ).prop_map(|w| w.join(" ")),
                1..8,
            )
        ) {
            let mut with = Words::with_capacity(0, true);
            let mut without = Words::with_capacity(64, false);
            let a: Vec<Vec<u32>> = paragraphs.iter().map(|p| with.of(p).0).collect();
            let b: Vec<Vec<u32>> = paragraphs.iter().map(|p| without.of(p).0).collect();
            proptest::prop_assert!(without.of("a b c").1.is_empty());
            for x in 0..paragraphs.len() {
                for y in 0..paragraphs.len() {
                    proptest::prop_assert_eq!(dice(&a[x], &a[y]), dice(&b[x], &b[y]));
                    proptest::prop_assert_eq!(shared(&a[x], &a[y]), shared(&b[x], &b[y]));
                    proptest::prop_assert_eq!(
                        difference(&a[x], &a[y]).len(),
                        difference(&b[x], &b[y]).len()
                    );
                }
            }
        }
    }

    #[test]
    fn dice_counts_shared_words_as_multisets() {
        let mut words = Words::new();
        let (a, _) = words.of("the cat saw the dog");
        let (b, _) = words.of("the dog saw a cat");
        assert!((dice(&a, &b) - 0.8).abs() < 1e-9);
    }
}
