//! Paragraph alignment: which old paragraph became which new one.
//!
//! 1. Paragraphs are keyed by their folded text and diffed with Patience,
//!    which anchors on paragraphs that occur once on each side: the
//!    skeleton of the story that did not change.
//! 2. Between two anchors lies a hunk of old and new paragraphs. The
//!    paragraphs of all hunks are paired by word overlap, wherever they
//!    stand (every pair is scored in articles; in long documents the
//!    paragraphs sharing the most runs of two words, found by a sorted
//!    merge of both sides' shingles, are the candidates).
//! 3. Pairs in their own hunk and in order are `reworded`; the others are
//!    `moved`. Whatever is left is `removed` or `added`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;
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

/// Below this many bytes of text on both sides together, passages are
/// built on the calling thread: an article takes well under a millisecond,
/// less than handing work to other threads costs.
pub(crate) const PARALLEL_FROM_BYTES: usize = 256 * 1024;

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
    // hashes (empty for the others, which never pair), and, in long
    // documents, its shingles.
    let leftover_bytes: usize = old_left
        .iter()
        .map(|&i| old_keys[i].len())
        .chain(new_left.iter().map(|&j| new_keys[j].len()))
        .sum();
    // When every pair is scored, the shingles would only propose pairs
    // already scored: they are built only for long documents.
    let all_pairs = old_left.len() * new_left.len() <= ALL_PAIRS_MAX;
    let parallel = leftover_bytes >= PARALLEL_FROM_BYTES;
    let read = |keys: &[Cow<'_, str>], left: &[usize]| {
        let mut words: Vec<Vec<Word>> = vec![Vec::new(); keys.len()];
        let mut shingles: Vec<Vec<u64>> = vec![Vec::new(); keys.len()];
        let of = |&p: &usize| words_of(&keys[p], !all_pairs);
        let read: Vec<(Vec<Word>, Vec<u64>)> = if parallel {
            left.par_iter().map(of).collect()
        } else {
            left.iter().map(of).collect()
        };
        for (&p, (w, s)) in left.iter().zip(read) {
            (words[p], shingles[p]) = (w, s);
        }
        (words, shingles)
    };
    let ((old_words, old_shingles), (new_words, new_shingles)) = if parallel {
        rayon::join(|| read(old_keys, &old_left), || read(new_keys, &new_left))
    } else {
        (read(old_keys, &old_left), read(new_keys, &new_left))
    };

    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    let dice_of = |i: usize, j: usize| {
        let (a, b) = (old_words[i].len(), new_words[j].len());
        if old_ids[i] == new_ids[j] {
            1.0
        } else if (2.0 * a.min(b) as f64 / (a + b) as f64) < PAIR_MIN {
            // Too unequal in length to pair, whatever words they share.
            0.0
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
            parallel,
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
/// each new paragraph, the old ones sharing the most shingles with it
/// (shingles found in more than [`SHINGLE_BUCKET_MAX`] old paragraphs left
/// out), ties to the earliest.
///
/// Both sides' (shingle, paragraph) entries are sorted and merged, and the
/// old paragraphs of each shared shingle listed by new paragraph, so that
/// memory is read in order: a hash index of the old side's shingles,
/// probed once for each new shingle, missed the cache at every probe and
/// took half the alignment of a 10 MB pair.
fn shingle_candidates(
    old_left: &[usize],
    new_left: &[usize],
    old_shingles: &[Vec<u64>],
    new_shingles: &[Vec<u64>],
    parallel: bool,
    dice_of: impl Fn(usize, usize) -> f64 + Sync,
    candidates: &mut Vec<(f64, usize, usize)>,
) {
    let (old_len, new_len) = (old_shingles.len(), new_shingles.len());
    let (old_entries, new_entries) = if parallel {
        rayon::join(
            || sorted_entries(old_left, old_shingles),
            || sorted_entries(new_left, new_shingles),
        )
    } else {
        (
            sorted_entries(old_left, old_shingles),
            sorted_entries(new_left, new_shingles),
        )
    };
    // The end of the run of entries of `entries[from]`'s shingle.
    fn run_end(entries: &[(u64, u32)], from: usize) -> usize {
        let shingle = entries[from].0;
        // Runs are short: a linear scan beats a binary search of the rest.
        from + entries[from..]
            .iter()
            .take_while(|e| e.0 == shingle)
            .count()
    }
    // The shingles the two sides share, as runs of old and new entries,
    // and how many old paragraphs each new one meets through them.
    let mut runs: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut starts = vec![0usize; new_len + 1];
    let (mut a, mut b) = (0, 0);
    while a < old_entries.len() && b < new_entries.len() {
        match old_entries[a].0.cmp(&new_entries[b].0) {
            std::cmp::Ordering::Less => a = run_end(&old_entries, a),
            std::cmp::Ordering::Greater => b = run_end(&new_entries, b),
            std::cmp::Ordering::Equal => {
                let (a_end, b_end) = (run_end(&old_entries, a), run_end(&new_entries, b));
                if a_end - a <= SHINGLE_BUCKET_MAX {
                    for &(_, j) in &new_entries[b..b_end] {
                        starts[j as usize + 1] += a_end - a;
                    }
                    runs.push((a..a_end, b..b_end));
                }
                (a, b) = (a_end, b_end);
            }
        }
    }
    for j in 0..new_len {
        starts[j + 1] += starts[j];
    }
    // The old paragraphs met by each new one, once per shared shingle.
    let mut met = vec![0u32; starts[new_len]];
    let mut next = starts.clone();
    for (olds, news) in runs {
        for &(_, j) in &new_entries[news] {
            let at = &mut next[j as usize];
            for (slot, &(_, i)) in met[*at..].iter_mut().zip(&old_entries[olds.clone()]) {
                *slot = i;
            }
            *at += olds.len();
        }
    }
    drop((old_entries, new_entries, next));

    // Each new paragraph's best candidates, in reading order, in pieces
    // of about equal work (one for each core and then some).
    let piece = met.len() / 16 + 1;
    let mut pieces: Vec<&[usize]> = Vec::new();
    let mut rest = new_left;
    while !rest.is_empty() {
        let from = starts[rest[0]];
        let cut = rest
            .iter()
            .position(|&j| starts[j + 1] - from >= piece)
            .map_or(rest.len(), |k| k + 1);
        let (head, tail) = rest.split_at(cut);
        pieces.push(head);
        rest = tail;
    }
    let order = |a: &(usize, u32), b: &(usize, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    let best_of = |counts: &mut Vec<u32>, news: &[usize]| {
        let mut found = Vec::new();
        let mut touched: Vec<u32> = Vec::new();
        for &j in news {
            for &i in &met[starts[j]..starts[j + 1]] {
                if counts[i as usize] == 0 {
                    touched.push(i);
                }
                counts[i as usize] += 1;
            }
            let mut best: Vec<(usize, u32)> = touched
                .drain(..)
                .map(|i| (i as usize, std::mem::take(&mut counts[i as usize])))
                .collect();
            if best.len() > CANDIDATES {
                best.select_nth_unstable_by(CANDIDATES - 1, order);
                best.truncate(CANDIDATES);
            }
            best.sort_unstable_by(order);
            for (i, _) in best {
                let dice = dice_of(i, j);
                if dice >= PAIR_MIN {
                    found.push((dice, i, j));
                }
            }
        }
        found
    };
    let found: Vec<Vec<(f64, usize, usize)>> = if parallel {
        pieces
            .par_iter()
            .map_init(|| vec![0u32; old_len], |counts, news| best_of(counts, news))
            .collect()
    } else {
        let mut counts = vec![0u32; old_len];
        pieces
            .iter()
            .map(|news| best_of(&mut counts, news))
            .collect()
    };
    candidates.extend(found.into_iter().flatten());
}

/// The (shingle, paragraph) entries of the paragraphs `left`, sorted.
/// Shingles are hashes, so one counting pass on their top bits spreads
/// them evenly over buckets of a few entries each, which are then sorted
/// in place.
fn sorted_entries(left: &[usize], shingles: &[Vec<u64>]) -> Vec<(u64, u32)> {
    let entries = || {
        left.iter()
            .flat_map(|&p| shingles[p].iter().map(move |&s| (s, p as u32)))
    };
    let n: usize = left.iter().map(|&p| shingles[p].len()).sum();
    // About sixteen entries a bucket: the bucket counts stay in cache.
    let bits = (usize::BITS - n.leading_zeros())
        .saturating_sub(4)
        .clamp(1, 16);
    let bucket = |s: u64| (s >> (64 - bits)) as usize;
    let mut starts = vec![0usize; (1 << bits) + 1];
    for (s, _) in entries() {
        starts[bucket(s) + 1] += 1;
    }
    for k in 0..1 << bits {
        starts[k + 1] += starts[k];
    }
    let mut out = vec![(0u64, 0u32); n];
    let mut next = starts.clone();
    for entry in entries() {
        let at = &mut next[bucket(entry.0)];
        out[*at] = entry;
        *at += 1;
    }
    for k in 0..1 << bits {
        out[starts[k]..starts[k + 1]].sort_unstable();
    }
    out
}

/// A word as a 64-bit hash of its text. Pairing compares words only for
/// equality, so a hash stands in for the word: two of an alignment's
/// hundred thousand distinct words share one with a chance of about one
/// in 10^9. Numbering the words instead (one shared table) took a tenth
/// of a 10 MB pair's time and could not run on two cores.
type Word = u64;

fn word_hash(bytes: &[u8]) -> Word {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x5709_d1ff).hash_one(bytes)
}

/// The hash of a word's lowercased form, without a copy for ASCII words
/// of up to 64 bytes.
fn lower_hash(word: &str) -> Word {
    if word.is_ascii() {
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return word_hash(word.as_bytes());
        }
        let mut buffer = [0u8; 64];
        if let Some(lower) = buffer.get_mut(..word.len()) {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            return word_hash(lower);
        }
    }
    word_hash(word.to_lowercase().as_bytes())
}

/// A key's words (runs of letters and digits) as a sorted multiset of
/// hashes, and, with `shingles`, its shingles: the distinct runs of two
/// lowercased words, robust to a substitution every few words yet specific
/// enough to find a paragraph among thousands. A paragraph of fewer than
/// two words has one shingle of what it has.
fn words_of(key: &str, shingles: bool) -> (Vec<Word>, Vec<u64>) {
    let words: Vec<&str> = if key.is_ascii() {
        // Cut by bytes: the same words as splitting by chars, which
        // decoded every char to test it (a twentieth of batch time).
        let bytes = key.as_bytes();
        // A word and its space are six bytes or more.
        let mut words = Vec::with_capacity(key.len() / 6 + 1);
        let mut start = None;
        for (at, b) in bytes.iter().enumerate() {
            match (b.is_ascii_alphanumeric(), start) {
                (true, None) => start = Some(at),
                (false, Some(from)) => {
                    words.push(&key[from..at]);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(from) = start {
            words.push(&key[from..]);
        }
        words
    } else {
        key.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect()
    };
    let mut shingled = Vec::new();
    if shingles {
        let lower: Vec<Word> = words.iter().map(|w| lower_hash(w)).collect();
        shingled = match lower.len() {
            0 => vec![0],
            1 => vec![lower[0]],
            // Ordered: "a b" and "b a" are different runs.
            _ => lower
                .windows(2)
                .map(|w| (w[0] ^ w[1].rotate_left(32)).wrapping_mul(0x9e37_79b9_7f4a_7c15))
                .collect(),
        };
        shingled.sort_unstable();
        shingled.dedup();
    }
    let mut hashes: Vec<Word> = words.iter().map(|w| word_hash(w.as_bytes())).collect();
    hashes.sort_unstable();
    (hashes, shingled)
}

/// Grows `range` by one unpaired neighbour whose words are mostly among
/// those that `other` has and `bag` lacks. Returns whether it grew.
fn absorb(
    range: &mut Range<usize>,
    bag: &mut Vec<Word>,
    other: &[Word],
    words: &[Vec<Word>],
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
fn difference(a: &[Word], b: &[Word]) -> Vec<Word> {
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
fn shared(a: &[Word], b: &[Word]) -> usize {
    // Without branches: which side steps on is as good as a coin toss, and
    // a mispredicted branch at every step made this merge most of the
    // candidates' scoring.
    let (mut x, mut y, mut n) = (0, 0, 0);
    while x < a.len() && y < b.len() {
        let (p, q) = (a[x], b[y]);
        n += usize::from(p == q);
        x += usize::from(p <= q);
        y += usize::from(p >= q);
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
fn dice(a: &[Word], b: &[Word]) -> f64 {
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

    /// The words of `text` as its own multiset, the reference for the hashes.
    fn exact(text: &str) -> HashMap<&str, usize> {
        let mut words = HashMap::new();
        for w in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            *words.entry(w).or_default() += 1;
        }
        words
    }

    proptest::proptest! {
        /// Hashes stand in for the words: every score is the one the words
        /// themselves give, with shingles or without.
        #[test]
        fn scores_are_those_of_the_words_themselves(
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
            let with: Vec<Vec<Word>> = paragraphs.iter().map(|p| words_of(p, true).0).collect();
            let without: Vec<Vec<Word>> = paragraphs.iter().map(|p| words_of(p, false).0).collect();
            proptest::prop_assert!(words_of("a b c", false).1.is_empty());
            proptest::prop_assert_eq!(&with, &without);
            for x in 0..paragraphs.len() {
                for y in 0..paragraphs.len() {
                    let (a, b) = (exact(&paragraphs[x]), exact(&paragraphs[y]));
                    let both: usize = a.iter().map(|(w, n)| (*n).min(b.get(w).copied().unwrap_or(0))).sum();
                    let only_a: usize = a.values().sum::<usize>() - both;
                    proptest::prop_assert_eq!(shared(&with[x], &with[y]), both);
                    proptest::prop_assert_eq!(difference(&with[x], &with[y]).len(), only_a);
                }
            }
        }
    }

    /// The candidates as a hash index of old shingles gives them (the
    /// design before the sorted merge): for each new paragraph in order,
    /// the old ones sharing the most shingles, ties to the earliest.
    fn candidates_by_index(
        old: &[Vec<u64>],
        new: &[Vec<u64>],
        dice_of: impl Fn(usize, usize) -> f64,
    ) -> Vec<(f64, usize, usize)> {
        let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
        for (i, shingles) in old.iter().enumerate() {
            for &s in shingles {
                index.entry(s).or_default().push(i);
            }
        }
        let mut out = Vec::new();
        for (j, shingles) in new.iter().enumerate() {
            let mut counts: HashMap<usize, u32> = HashMap::new();
            for s in shingles {
                match index.get(s) {
                    Some(bucket) if bucket.len() <= SHINGLE_BUCKET_MAX => {
                        for &i in bucket {
                            *counts.entry(i).or_default() += 1;
                        }
                    }
                    _ => {}
                }
            }
            let mut best: Vec<(usize, u32)> = counts.into_iter().collect();
            best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            for (i, _) in best.into_iter().take(CANDIDATES) {
                let dice = dice_of(i, j);
                if dice >= PAIR_MIN {
                    out.push((dice, i, j));
                }
            }
        }
        out
    }

    proptest::proptest! {
        /// The sorted merge proposes exactly the candidates a hash index
        /// does, in the same order, on one thread or two; a small
        /// vocabulary makes shingles shared by more than the bucket limit.
        #[test]
        fn merged_shingles_propose_what_an_index_proposes(
            old in proptest::collection::vec(
                proptest::collection::vec(0u8..6, 0..14), 1..80),
            new in proptest::collection::vec(
                proptest::collection::vec(0u8..6, 0..14), 1..40),
            parallel in proptest::bool::ANY,
        ) {
            let text = |words: &Vec<u8>| words.iter().map(|w| format!("w{w}")).collect::<Vec<_>>().join(" ");
            let read = |side: &Vec<Vec<u8>>| -> (Vec<Vec<Word>>, Vec<Vec<u64>>) {
                side.iter().map(|p| words_of(&text(p), true)).unzip()
            };
            let ((old_words, old_shingles), (new_words, new_shingles)) = (read(&old), read(&new));
            let dice_of = |i: usize, j: usize| dice(&old_words[i], &new_words[j]);
            let old_left: Vec<usize> = (0..old.len()).collect();
            let new_left: Vec<usize> = (0..new.len()).collect();
            let mut merged = Vec::new();
            shingle_candidates(&old_left, &new_left, &old_shingles, &new_shingles, parallel, dice_of, &mut merged);
            proptest::prop_assert_eq!(merged, candidates_by_index(&old_shingles, &new_shingles, dice_of));
        }
    }

    #[test]
    fn a_shingle_in_more_old_paragraphs_than_the_bucket_limit_proposes_none() {
        for (copies, proposed) in [(SHINGLE_BUCKET_MAX, true), (SHINGLE_BUCKET_MAX + 1, false)] {
            let old: Vec<Vec<u64>> = (0..copies)
                .map(|k| words_of(&format!("alpha beta w{k}"), true).1)
                .collect();
            let new = vec![words_of("alpha beta", true).1];
            let mut found = Vec::new();
            let left: Vec<usize> = (0..copies).collect();
            shingle_candidates(&left, &[0], &old, &new, false, |_, _| 1.0, &mut found);
            assert_eq!(!found.is_empty(), proposed, "{copies} copies");
            assert_eq!(
                !candidates_by_index(&old, &new, |_, _| 1.0).is_empty(),
                proposed
            );
        }
    }

    #[test]
    fn shingles_are_ordered_runs_of_two_lowercased_words() {
        let shingles = |text| words_of(text, true).1;
        let shares = |a: &[u64], b: &[u64]| a.iter().any(|s| b.contains(s));
        assert!(shares(&shingles("The Cat sat"), &shingles("the cat ran")));
        assert!(!shares(&shingles("the cat"), &shingles("cat the")));
        assert_eq!(
            shingles(""),
            shingles("\u{2014}"),
            "wordless paragraphs share one"
        );
        assert_eq!(shingles("Cat"), shingles("cat"));
    }

    #[test]
    fn dice_counts_shared_words_as_multisets() {
        let (a, _) = words_of("the cat saw the dog", false);
        let (b, _) = words_of("the dog saw a cat", false);
        assert!((dice(&a, &b) - 0.8).abs() < 1e-9);
    }
}
