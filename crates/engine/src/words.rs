//! Word-level diffs inside one pair of passages.
//!
//! Text is cut into whole words, punctuation and whitespace (Unicode word
//! boundaries), so a highlight never splits a word and "said," matches
//! "said". Tokens are compared by their folded key; the diff is then
//! cleaned up so that a lone shared word between two edits does not break
//! a replacement into confetti.

use std::borrow::Cow;
use std::ops::Range;
use std::time::Instant;

use similar::{capture_diff, capture_diff_deadline, Algorithm, DiffOp};

use crate::align::ROOM_MAX;
use crate::comparison::{DiffSegment, Tag};
use crate::normalize::Fold;
use crate::segment::word_bounds;
use crate::sentences;

/// The pieces of one passage (words, runs of whitespace, punctuation) as
/// byte spans into its text, each with the number of its folded key.
///
/// Eight bytes a token: a passage of 5 MB of one short word repeated has
/// five million tokens a side, and a struct with the token's text, its key
/// and its offset (56 bytes) made that 0.9 GB.
pub(crate) struct Tokens<'a> {
    text: &'a str,
    /// Where each token starts, then one entry more: the text's length.
    starts: Vec<u32>,
    /// The number of each token's key in the pair's [`Keys`].
    pub ids: Vec<u32>,
}

impl<'a> Tokens<'a> {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Byte offset of token `k` (or the text's length, for `k == len`).
    pub fn start(&self, k: usize) -> usize {
        self.starts[k] as usize
    }

    /// The text of the tokens in `range`, which is one slice of the passage.
    pub fn span(&self, range: Range<usize>) -> &'a str {
        &self.text[self.start(range.start)..self.start(range.end)]
    }
}

/// The longest passage whose tokens fit the 32-bit offsets of [`Tokens`].
pub(crate) const MAX_PASSAGE: usize = u32::MAX as usize;

/// The folded keys of one pair of passages, numbered: tokens are compared
/// by number, so that the diff compares and hashes integers, not strings.
#[derive(Default)]
pub(crate) struct Keys<'a> {
    numbers: foldhash::HashMap<Cow<'a, str>, u32>,
    /// Per key: it holds a letter, digit or ideograph (a word).
    is_word: Vec<bool>,
    /// Per key: it is empty or whitespace.
    blank: Vec<bool>,
    /// The number of the key `" "`, once it has one: every other token of
    /// prose is a single space, and hashing it each time to find the same
    /// number was a tenth of the tokens' time.
    space: Option<u32>,
}

impl<'a> Keys<'a> {
    /// Keys with room for `keys` keys (at most [`ROOM_MAX`]) before they grow.
    fn with_capacity(keys: usize) -> Keys<'a> {
        let keys = keys.min(ROOM_MAX);
        let mut numbers = foldhash::HashMap::default();
        numbers.reserve(keys);
        Keys {
            numbers,
            is_word: Vec::with_capacity(keys),
            blank: Vec::with_capacity(keys),
            space: None,
        }
    }

    fn number(&mut self, key: Cow<'a, str>) -> u32 {
        if key == " " {
            if let Some(n) = self.space {
                return n;
            }
            let n = self.number_slow(key);
            self.space = Some(n);
            return n;
        }
        self.number_slow(key)
    }

    /// [`Keys::number`] by the table.
    fn number_slow(&mut self, key: Cow<'a, str>) -> u32 {
        // One lookup for a new key as for a known one (see
        // `Numbering::number`).
        match self.numbers.entry(key) {
            std::collections::hash_map::Entry::Occupied(known) => *known.get(),
            std::collections::hash_map::Entry::Vacant(new) => {
                let n = u32::try_from(self.is_word.len()).expect("fewer keys than bytes");
                // The key of a word is a word: folding maps only
                // punctuation, spaces and invisible marks, and case keeps
                // letters letters.
                self.is_word.push(is_word(new.key()));
                self.blank.push(new.key().trim().is_empty());
                *new.insert(n)
            }
        }
    }

    pub fn is_word(&self, id: u32) -> bool {
        self.is_word[id as usize]
    }
}

/// Cuts a passage into tokens (at Unicode word boundaries, with runs of
/// dashes and runs of whitespace each one token) and numbers their keys.
/// The passage must be shorter than [`MAX_PASSAGE`].
pub(crate) fn tokenize<'a>(text: &'a str, fold: &Fold, keys: &mut Keys<'a>) -> Tokens<'a> {
    assert!(
        text.len() < MAX_PASSAGE,
        "passage too long for 32-bit offsets"
    );
    let mut tokens = Tokens {
        text,
        starts: Vec::with_capacity(text.len() / 3 + 1),
        ids: Vec::with_capacity(text.len() / 3 + 1),
    };
    let mut finish = |tokens: &mut Tokens<'a>, start: usize, end: usize| {
        tokens.starts.push(start as u32);
        tokens.ids.push(keys.number(fold.key_of(&text[start..end])));
    };
    // The token being read: where it starts and whether it may join the next.
    let mut open: Option<(usize, Joins)> = None;
    for (start, t) in word_bounds(text) {
        // A run of dashes ("--") is one token, so that it can match "—";
        // a run of spaces and line breaks is one token, so that a paragraph
        // break ("\n\n") matches a space. Its key is taken once the run
        // ends (taking it at every step was quadratic in the run's length).
        let kind = if is_dash(t) {
            Joins::Dash
        } else if t.chars().all(char::is_whitespace) {
            Joins::Space
        } else {
            Joins::No
        };
        if let Some((open_start, open_kind)) = open {
            if kind != Joins::No && kind == open_kind {
                continue;
            }
            finish(&mut tokens, open_start, start);
        }
        open = Some((start, kind));
    }
    if let Some((open_start, _)) = open {
        finish(&mut tokens, open_start, text.len());
    }
    tokens.starts.push(text.len() as u32);
    // Prose runs past the estimate (a word and its space are two tokens in
    // five or six bytes), and growing doubled the room: give back what is
    // not used, which for a passage of millions of words is most of a
    // doubling (the allocator shrinks large blocks in place). Only where
    // the room is large: a reallocation for every short passage would
    // cost the common case for nothing.
    const ROOM: usize = 16 * 1024;
    if tokens.starts.capacity() - tokens.starts.len() > ROOM {
        tokens.starts.shrink_to_fit();
    }
    if tokens.ids.capacity() - tokens.ids.len() > ROOM {
        tokens.ids.shrink_to_fit();
    }
    tokens
}

/// Tokens that join with their like into one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Joins {
    Dash,
    Space,
    No,
}

fn is_dash(token: &str) -> bool {
    !token.is_empty()
        && token
            .chars()
            .all(|c| matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}'))
}

/// A token counts as a word if it holds a letter, digit or ideograph.
pub(crate) fn is_word(token: &str) -> bool {
    if token.is_ascii() {
        token.bytes().any(|b| b.is_ascii_alphanumeric())
    } else {
        token.chars().any(char::is_alphanumeric)
    }
}

/// Counts the words of a text the way the whole engine counts them.
pub(crate) use crate::segment::count_words;

/// The outcome of diffing one pair of passages.
#[derive(Debug)]
pub(crate) struct WordDiff {
    pub segments: Vec<DiffSegment>,
    /// Words kept: the longest common run of words, whatever the display
    /// merged for readability.
    pub equal_words: usize,
    pub deleted_words: usize,
    pub inserted_words: usize,
    /// The diff ran out of time and is coarser than it could be.
    pub hit_deadline: bool,
}

impl WordDiff {
    /// `2 * kept / (old + new)`: 1 for identical passages, 0 for unrelated ones.
    pub fn similarity(&self) -> f64 {
        let total = 2 * self.equal_words + self.deleted_words + self.inserted_words;
        if total == 0 {
            1.0
        } else {
            (2 * self.equal_words) as f64 / total as f64
        }
    }
}

/// Below this similarity a pair is shown as before/after, not word by word:
/// when most of a passage changed, scattered highlights are harder to read.
const WHOLE_REPLACEMENT_BELOW: f64 = 0.5;

/// Passages of at most this many tokens, both sides together, are diffed
/// without a deadline: Myers' worst case there, `(n + m)²` steps, is a few
/// milliseconds.
const UNTIMED_TOKENS: usize = 4096;

fn word_ids(tokens: &Tokens, keys: &Keys) -> Vec<u32> {
    tokens
        .ids
        .iter()
        .copied()
        .filter(|&id| keys.is_word(id))
        .collect()
}

/// Both passages must be shorter than [`MAX_PASSAGE`].
pub(crate) fn diff_words(old: &str, new: &str, fold: &Fold, deadline: Option<Instant>) -> WordDiff {
    // Room for about one distinct key in eight bytes, so that the table
    // does not rehash as it fills (a tenth of tokenising a paragraph).
    let mut keys = Keys::with_capacity((old.len() + new.len()) / 8);
    let old_tokens = tokenize(old, fold, &mut keys);
    let new_tokens = tokenize(new, fold, &mut keys);
    // A small diff cannot overrun the deadline by much, and asking the
    // clock at every step of Myers was a twentieth of a rewritten 10 MB
    // pair's time (`perf`); the caller still looks at the clock before
    // each passage.
    let deadline = deadline.filter(|_| old_tokens.len() + new_tokens.len() > UNTIMED_TOKENS);

    // The figures come from the longest common run of words alone, so that
    // they do not depend on how spaces and punctuation happened to align
    // (and comparing B with A gives the mirror of A with B).
    let (old_words, new_words) = (word_ids(&old_tokens, &keys), word_ids(&new_tokens, &keys));
    let equal_words = kept(&old_words, &new_words, deadline);
    let mut diff = WordDiff {
        segments: Vec::new(),
        equal_words,
        deleted_words: old_words.len() - equal_words,
        inserted_words: new_words.len() - equal_words,
        hit_deadline: false,
    };
    drop((old_words, new_words));
    // A passage shown whole needs no token edits: finding them first was
    // the dearest Myers of a rewritten pair, and thrown away.
    if diff.similarity() < WHOLE_REPLACEMENT_BELOW {
        diff.hit_deadline = deadline.is_some_and(|d| Instant::now() > d);
        push_segment(&mut diff.segments, Tag::Delete, old.to_string(), None);
        push_segment(&mut diff.segments, Tag::Insert, new.to_string(), None);
        return diff;
    }
    let ops = sentence_first_ops(&old_tokens, &new_tokens, fold, deadline);
    diff.hit_deadline = deadline.is_some_and(|d| Instant::now() > d);
    for run in merge_small_equalities(to_runs(&ops), &old_tokens, &new_tokens, &keys) {
        let o = old_tokens.span(run.old.clone());
        let n = new_tokens.span(run.new.clone());
        // With punctuation ignored, a run that changes only punctuation
        // (keys that are empty or spaces) is not an edit.
        let ignorable = fold.ignore_punctuation
            && old_tokens.ids[run.old.clone()]
                .iter()
                .chain(&new_tokens.ids[run.new.clone()])
                .all(|&id| !keys.is_word(id) && keys.blank[id as usize]);
        if run.equal || ignorable {
            push_segment(
                &mut diff.segments,
                Tag::Equal,
                n.to_string(),
                Some(o.to_string()),
            );
        } else {
            push_segment(&mut diff.segments, Tag::Delete, o.to_string(), None);
            push_segment(&mut diff.segments, Tag::Insert, n.to_string(), None);
        }
    }
    // Equal runs grow by appending, which doubles their room: in a passage
    // of millions of words that unused room was as large as the text.
    for segment in &mut diff.segments {
        if segment.text.capacity() - segment.text.len() > 64 * 1024 {
            segment.text.shrink_to_fit();
        }
    }
    diff
}

/// Passages whose bit-parallel LCS takes at most this many 64-bit steps
/// (shorter side's words / 64, rounded up, times the longer side's words)
/// have their kept words counted that way: a million steps is a few
/// milliseconds, and covers a passage of 8,000 words against one as long.
const BIT_PARALLEL_STEPS: usize = 1 << 20;

/// How many items of `old` are kept in `new`: the length of their longest
/// common subsequence. The count alone, with none of the edits that only a
/// display needs (building, compacting and collecting them was a twentieth
/// of a rewritten pair's time).
///
/// A paragraph-sized pair is counted exactly with a bit-parallel LCS, 64
/// items a step; Myers over a whole rewritten paragraph, whose edits run
/// through every sentence, was a sixth of a rewritten 1 MB pair's
/// instructions (callgrind). Longer pairs keep Myers and its deadline.
fn kept(old: &[u32], new: &[u32], deadline: Option<Instant>) -> usize {
    let (short, long) = if old.len() <= new.len() {
        (old, new)
    } else {
        (new, old)
    };
    if short.len().div_ceil(64).saturating_mul(long.len()) <= BIT_PARALLEL_STEPS {
        return lcs_len(short, long);
    }
    struct Kept(usize);
    impl similar::algorithms::DiffHook for Kept {
        type Error = std::convert::Infallible;
        fn equal(&mut self, _: usize, _: usize, len: usize) -> Result<(), Self::Error> {
            self.0 += len;
            Ok(())
        }
    }
    let mut kept = Kept(0);
    let Ok(()) = similar::algorithms::diff_deadline(
        Algorithm::Myers,
        &mut kept,
        old,
        0..old.len(),
        new,
        0..new.len(),
        deadline,
    );
    kept.0
}

/// The length of the longest common subsequence of `a` and `b`, by the
/// bit-vector recurrence of Allison and Dix (as refined by Hyyrö, 2004):
/// bit `i` of `row` is cleared where the LCS of `a[..=i]` and the `b` read
/// so far grows, and the count of cleared bits is the LCS.
fn lcs_len(a: &[u32], b: &[u32]) -> usize {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let blocks = a.len().div_ceil(64);
    // Each distinct item of `a` gets a slot and a mask of where it stands
    // in `a`; ids are small numbers, so a table finds the slot.
    let top = a.iter().copied().max().map_or(0, |m| m as usize + 1);
    let mut slot = vec![u32::MAX; top];
    let mut masks: Vec<u64> = Vec::new();
    for (i, &item) in a.iter().enumerate() {
        let s = &mut slot[item as usize];
        if *s == u32::MAX {
            *s = (masks.len() / blocks) as u32;
            masks.resize(masks.len() + blocks, 0);
        }
        masks[*s as usize * blocks + i / 64] |= 1 << (i % 64);
    }
    let mut row = vec![!0u64; blocks];
    for &item in b {
        let Some(&s) = slot.get(item as usize).filter(|&&s| s != u32::MAX) else {
            continue; // an item `a` lacks leaves the row as it is
        };
        let mask = &masks[s as usize * blocks..][..blocks];
        let mut carry = false;
        for (v, &m) in row.iter_mut().zip(mask) {
            let u = *v & m;
            let (sum, c1) = v.overflowing_add(u);
            let (sum, c2) = sum.overflowing_add(u64::from(carry));
            carry = c1 | c2;
            *v = sum | (*v & !m);
        }
    }
    // Bits past the end of `a` in the last block are never cleared.
    let set: usize = row.iter().map(|v| v.count_ones() as usize).sum();
    a.len() - (set - (blocks * 64 - a.len()))
}

/// Token-level edits, found sentence by sentence: sentences that are the
/// same on both sides anchor the diff, and words are matched only within
/// the sentences that changed. Without this, a rewritten sentence borrows
/// "the" and "of" from its neighbours and reads as confetti.
fn sentence_first_ops(
    old: &Tokens,
    new: &Tokens,
    fold: &Fold,
    deadline: Option<Instant>,
) -> Vec<DiffOp> {
    let words = |old_range: Range<usize>, new_range: Range<usize>| {
        capture_diff_deadline(
            Algorithm::Myers,
            &old.ids,
            old_range,
            &new.ids,
            new_range,
            deadline,
        )
    };
    let (old_sentences, new_sentences) = (sentences::split(old.text), sentences::split(new.text));
    if old_sentences.len() < 2 && new_sentences.len() < 2 {
        return words(0..old.len(), 0..new.len());
    }
    // The token where each sentence starts, and one past the last.
    let starts = |sentences: &[&str], tokens: &Tokens| {
        let mut offset = 0;
        let mut starts: Vec<usize> = sentences
            .iter()
            .map(|s| {
                let at = tokens.starts[..tokens.len()].partition_point(|&t| (t as usize) < offset);
                offset += s.len();
                at
            })
            .collect();
        starts.push(tokens.len());
        starts
    };
    let (old_starts, new_starts) = (starts(&old_sentences, old), starts(&new_sentences, new));
    fn sentence_keys<'s>(fold: &Fold, sentences: &[&'s str]) -> Vec<Cow<'s, str>> {
        sentences.iter().map(|s| fold.key_cow(s.trim())).collect()
    }
    let (old_keys, new_keys) = (
        sentence_keys(fold, &old_sentences),
        sentence_keys(fold, &new_sentences),
    );
    let mut ops = Vec::new();
    for run in to_runs(&capture_diff(
        Algorithm::Patience,
        &old_keys,
        0..old_keys.len(),
        &new_keys,
        0..new_keys.len(),
    )) {
        let old_tokens = old_starts[run.old.start]..old_starts[run.old.end];
        let new_tokens = new_starts[run.new.start]..new_starts[run.new.end];
        // Sentence keys are trimmed, so equal sentences may still differ in
        // the space after them (a no-break space, seen in strict mode).
        if run.equal && old.ids[old_tokens.clone()] == new.ids[new_tokens.clone()] {
            if !old_tokens.is_empty() {
                ops.push(DiffOp::Equal {
                    old_index: old_tokens.start,
                    new_index: new_tokens.start,
                    len: old_tokens.len(),
                });
            }
        } else {
            ops.extend(words(old_tokens, new_tokens));
        }
    }
    ops
}

fn push_segment(segments: &mut Vec<DiffSegment>, tag: Tag, text: String, old: Option<String>) {
    if text.is_empty() && old.as_deref().is_none_or(str::is_empty) {
        return;
    }
    // Equal text that differs only in typography keeps its old form too, so
    // that both sides can be rebuilt exactly from the diff.
    let old = old.filter(|o| *o != text);
    if let Some(last) = segments.last_mut() {
        if last.tag == tag && last.old.is_none() && old.is_none() {
            last.text.push_str(&text);
            return;
        }
    }
    segments.push(DiffSegment { tag, text, old });
}

/// A stretch of tokens that is either equal on both sides or changed.
#[derive(Debug, Clone)]
struct Run {
    equal: bool,
    old: Range<usize>,
    new: Range<usize>,
}

fn to_runs(ops: &[DiffOp]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for op in ops {
        let (equal, old, new) = match *op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => (true, old_index..old_index + len, new_index..new_index + len),
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (false, old_index..old_index + old_len, new_index..new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (false, old_index..old_index, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                false,
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        match runs.last_mut() {
            Some(last) if last.equal == equal => {
                last.old.end = old.end;
                last.new.end = new.end;
            }
            _ => runs.push(Run { equal, old, new }),
        }
    }
    runs
}

/// Folds short equal stretches between two changes into one replacement,
/// in the spirit of diff-match-patch's semantic clean-up: "the [old→new]
/// [cat→dog] sat" reads better as "the [old cat→new dog] sat".
fn merge_small_equalities(runs: Vec<Run>, old: &Tokens, new: &Tokens, keys: &Keys) -> Vec<Run> {
    // Whether the tokens in `range` hold at least `len` characters: counted
    // only as far as needed, since a run that absorbed many merges can be
    // very long.
    let reaches = |tokens: &Tokens, range: Range<usize>, len: usize| {
        len == 0 || tokens.span(range).chars().nth(len - 1).is_some()
    };
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    let mut i = 0;
    while i < runs.len() {
        let run = runs[i].clone();
        let between_changes = run.equal
            && i > 0
            && i + 1 < runs.len()
            && out.last().is_some_and(|r| !r.equal)
            && !runs[i + 1].equal;
        if between_changes {
            let words = old.ids[run.old.clone()]
                .iter()
                .filter(|&&id| keys.is_word(id))
                .count();
            let short = |len: usize| {
                let prev = out.last().expect("checked above");
                let next = &runs[i + 1];
                (reaches(old, prev.old.clone(), len) || reaches(new, prev.new.clone(), len))
                    && (reaches(old, next.old.clone(), len) || reaches(new, next.new.clone(), len))
            };
            let merge = words == 0
                || words == 1 && {
                    let len = old.span(run.old.clone()).chars().count();
                    short(len)
                };
            if merge {
                let next = &runs[i + 1];
                let prev = out.last_mut().expect("checked above");
                prev.old.end = next.old.end;
                prev.new.end = next.new.end;
                i += 2;
                continue;
            }
        }
        match out.last_mut() {
            Some(last) if !last.equal && !run.equal => {
                last.old.end = run.old.end;
                last.new.end = run.new.end;
            }
            _ => out.push(run),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(diff: &WordDiff) -> String {
        diff.segments
            .iter()
            .map(|s| match s.tag {
                Tag::Equal => s.text.clone(),
                Tag::Delete => format!("[-{}-]", s.text),
                Tag::Insert => format!("{{+{}+}}", s.text),
            })
            .collect()
    }

    fn diff(old: &str, new: &str) -> WordDiff {
        diff_words(old, new, &Fold::default(), None)
    }

    /// The items `algorithm`'s captured, compacted edits keep: how the
    /// figures were counted before [`kept`].
    fn captured_equal(algorithm: Algorithm, old: &[u32], new: &[u32]) -> usize {
        capture_diff_deadline(algorithm, old, 0..old.len(), new, 0..new.len(), None)
            .iter()
            .map(|op| match *op {
                DiffOp::Equal { len, .. } => len,
                _ => 0,
            })
            .sum()
    }

    proptest::proptest! {
        /// The count alone is the count of the captured, compacted edits
        /// it replaced, which the figures were computed from before.
        #[test]
        fn kept_counts_what_the_captured_diff_keeps(
            old in proptest::collection::vec(0u32..6, 0..120),
            new in proptest::collection::vec(0u32..6, 0..120),
        ) {
            let captured = captured_equal(Algorithm::Myers, &old, &new);
            proptest::prop_assert_eq!(kept(&old, &new, None), captured);
        }

        /// The bit-parallel count is the exact LCS: the one `similar`'s
        /// Myers without heuristics finds, across block boundaries too.
        #[test]
        fn the_bit_parallel_lcs_is_the_longest_common_subsequence(
            old in proptest::collection::vec(0u32..5, 0..300),
            new in proptest::collection::vec(0u32..5, 0..300),
        ) {
            let exact = captured_equal(Algorithm::RawMyers, &old, &new);
            proptest::prop_assert_eq!(lcs_len(&old, &new), exact);
            proptest::prop_assert_eq!(lcs_len(&new, &old), exact);
        }
    }

    #[test]
    fn the_space_shortcut_gives_the_numbers_of_the_table() {
        // Every token's number is the one its key has in the table, with
        // the single space found by the shortcut, first seen anywhere.
        for text in [
            "a b  c d",
            " lead",
            "one\n\ntwo three",
            "no spaces",
            "\u{201C}Q\u{201D} \u{00A0} x y",
        ] {
            for fold in [
                Fold::default(),
                Fold {
                    strict: true,
                    ..Fold::default()
                },
            ] {
                let mut keys = Keys::default();
                let other = tokenize("x y z", &fold, &mut keys);
                let tokens = tokenize(text, &fold, &mut keys);
                for (k, &id) in other.ids.iter().chain(&tokens.ids).enumerate() {
                    let span = if k < other.len() {
                        other.span(k..k + 1)
                    } else {
                        tokens.span(k - other.len()..k - other.len() + 1)
                    };
                    assert_eq!(
                        keys.numbers[fold.key_of(span).as_ref()],
                        id,
                        "{text:?} {span:?}"
                    );
                }
                assert_eq!(keys.numbers.len(), keys.is_word.len());
            }
        }
    }

    #[test]
    fn changes_whole_words_never_fragments() {
        let d = diff("The test was long.", "The tent was long.");
        assert_eq!(render(&d), "The [-test-]{+tent+} was long.");
    }

    #[test]
    fn punctuation_is_not_glued_to_words() {
        let d = diff("Police said the man fled.", "Police said, the man fled.");
        assert_eq!(render(&d), "Police said{+,+} the man fled.");
        assert_eq!(d.equal_words, 5);
    }

    #[test]
    fn a_lone_shared_word_between_edits_joins_the_replacement() {
        let d = diff(
            "Officials confirmed on Tuesday that twelve people were hurt.",
            "Officials said late on Monday that twelve people were hurt.",
        );
        assert_eq!(
            render(&d),
            "Officials [-confirmed on Tuesday-]{+said late on Monday+} that twelve people were hurt."
        );
    }

    #[test]
    fn typography_only_differences_are_equal_but_keep_the_old_form() {
        let d = diff("\u{201C}No,\u{201D} she said.", "\"No,\" she said.");
        assert_eq!(d.segments.len(), 1);
        assert_eq!(d.segments[0].tag, Tag::Equal);
        assert_eq!(
            d.segments[0].old.as_deref(),
            Some("\u{201C}No,\u{201D} she said.")
        );
        assert_eq!(d.similarity(), 1.0);
    }

    #[test]
    fn mostly_rewritten_passages_are_shown_before_and_after() {
        let d = diff(
            "The council met on Monday to discuss the budget.",
            "Nobody expected the storm to hit the coast so hard.",
        );
        assert_eq!(d.segments.len(), 2);
        assert_eq!(d.segments[0].tag, Tag::Delete);
        assert_eq!(d.segments[1].tag, Tag::Insert);
    }

    #[test]
    fn words_are_matched_within_changed_sentences_only() {
        let d = diff(
            "The mayor spoke. The council of the town voted for the plan. Work starts soon.",
            "The mayor spoke. A majority rejected it in a vote of the full chamber. Work starts soon.",
        );
        // The rewritten sentence is one replacement, not "the" and "of"
        // kept between scattered edits; the sentences around it are equal.
        assert_eq!(
            render(&d),
            "The mayor spoke. [-The council of the town voted for the plan-]{+A majority rejected it in a vote of the full chamber+}. Work starts soon."
        );
    }

    #[test]
    fn segments_rebuild_both_sides() {
        let old = "A  quick\u{00A0}brown fox, it \u{2018}jumped\u{2019}.";
        let new = "A slow brown fox, it 'leapt' — twice.";
        let d = diff(old, new);
        let old_side: String = d
            .segments
            .iter()
            .filter(|s| s.tag != Tag::Insert)
            .map(|s| s.old.clone().unwrap_or_else(|| s.text.clone()))
            .collect();
        let new_side: String = d
            .segments
            .iter()
            .filter(|s| s.tag != Tag::Delete)
            .map(|s| s.text.clone())
            .collect();
        assert_eq!(old_side, old);
        assert_eq!(new_side, new);
    }
}
