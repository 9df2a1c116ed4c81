//! From an alignment to the list of changes and the figures.

use std::borrow::Cow;
use std::ops::Range;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::align::{align, Block, Numbering, PairKind, PARALLEL_FROM_BYTES};
use crate::comparison::Flag;
use crate::comparison::{
    Change, ChangeKind, Comparison, DiffSegment, Fallback, MetadataChange, Options, Stats, Tag,
};
use crate::document::Document;
use crate::flags::flags;
use crate::normalize::Fold;
use crate::words::{count_words, diff_words, MAX_PASSAGE};

/// How the paragraphs of a split or merged passage are joined in its text.
pub(crate) const PARAGRAPH_BREAK: &str = "\n\n";

/// Compares two versions of an article.
///
/// Never fails and always finishes: past `options.deadline_ms` the remaining
/// passages get a coarser diff and `fallback` says so.
pub fn compare(old: &Document, new: &Document, options: &Options) -> Comparison {
    let body = compare_bodies(old, new, options);
    body.into_comparison(old.clone(), new.clone())
}

/// [`compare`], taking the documents by value: they move into the
/// [`Comparison`] instead of being copied, which saves holding both
/// versions twice (for a 10 MB pair, 20 MB) when the caller has no further
/// use for them.
pub fn compare_owned(old: Document, new: Document, options: &Options) -> Comparison {
    let body = compare_bodies(&old, &new, options);
    body.into_comparison(old, new)
}

/// Everything in a comparison but the two documents.
struct Body {
    metadata: Vec<MetadataChange>,
    stats: Stats,
    changes: Vec<Change>,
    fallback: Option<Fallback>,
    options: Options,
}

impl Body {
    fn into_comparison(self, old: Document, new: Document) -> Comparison {
        Comparison {
            old,
            new,
            metadata: self.metadata,
            stats: self.stats,
            changes: self.changes,
            fallback: self.fallback,
            options: self.options,
        }
    }
}

/// Passages of the comparison, before their texts and edits are filled
/// in. Runs of unchanged, removed or added paragraphs are held as one
/// entry each: a page of millions of short lines held one entry a line
/// (40 bytes each) beside the changes being built.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Passage {
    /// `len` paragraphs kept in place, from `old` and `new` on.
    Unchanged {
        old: usize,
        new: usize,
        len: usize,
    },
    /// `len` old paragraphs from `old` on, each removed.
    Removed {
        old: usize,
        len: usize,
    },
    /// `len` new paragraphs from `new` on, each added.
    Added {
        new: usize,
        len: usize,
    },
    Paired(Range<usize>, Range<usize>, ChangeKind),
}

impl Passage {
    /// How many changes the entry stands for.
    fn len(&self) -> usize {
        match *self {
            Passage::Unchanged { len, .. }
            | Passage::Removed { len, .. }
            | Passage::Added { len, .. } => len,
            Passage::Paired(..) => 1,
        }
    }
}

/// The passages in reading order, runs merged (see [`Passage`]).
#[derive(Default)]
struct Passages {
    entries: Vec<Passage>,
    /// The index of each entry's first change.
    starts: Vec<usize>,
    total: usize,
}

impl Passages {
    fn push(&mut self, passage: Passage) {
        let merged = match (self.entries.last_mut(), &passage) {
            (
                Some(Passage::Unchanged { old, new, len }),
                &Passage::Unchanged {
                    old: o,
                    new: n,
                    len: l,
                },
            ) if *old + *len == o && *new + *len == n && *len < RUN_MAX => {
                *len += l;
                true
            }
            (Some(Passage::Removed { old, len }), &Passage::Removed { old: o, len: l })
                if *old + *len == o && *len < RUN_MAX =>
            {
                *len += l;
                true
            }
            (Some(Passage::Added { new, len }), &Passage::Added { new: n, len: l })
                if *new + *len == n && *len < RUN_MAX =>
            {
                *len += l;
                true
            }
            _ => false,
        };
        let len = passage.len();
        if !merged {
            self.starts.push(self.total);
            self.entries.push(passage);
        }
        self.total += len;
    }

    /// The entry holding change `k`, and `k`'s place in it.
    fn locate(&self, k: usize) -> (&Passage, usize) {
        let at = self.starts.partition_point(|&s| s <= k) - 1;
        (&self.entries[at], k - self.starts[at])
    }
}

/// Paragraphs in one run of [`Passages`] at most: runs stay small enough
/// to share out between threads, and few enough to cost nothing.
const RUN_MAX: usize = 1024;

fn compare_bodies(old: &Document, new: &Document, options: &Options) -> Body {
    let started = Instant::now();
    let deadline = started.checked_add(Duration::from_millis(options.deadline_ms));
    let fold = Fold {
        strict: options.strict,
        ignore_case: options.ignore_case,
        ignore_punctuation: options.ignore_punctuation,
    };
    // Keys are borrowed from the paragraphs where folding changes nothing,
    // and numbered once: the paragraph diff compares numbers.
    let size: usize = old
        .paragraphs
        .iter()
        .chain(&new.paragraphs)
        .map(String::len)
        .sum();
    let parallel = size >= PARALLEL_FROM_BYTES;
    fn keys<'p>(paragraphs: &'p [String], fold: &Fold, parallel: bool) -> Vec<Cow<'p, str>> {
        if parallel {
            paragraphs.par_iter().map(|p| fold.key_cow(p)).collect()
        } else {
            paragraphs.iter().map(|p| fold.key_cow(p)).collect()
        }
    }
    let old_keys = keys(&old.paragraphs, &fold, parallel);
    let new_keys = keys(&new.paragraphs, &fold, parallel);
    let mut numbering = Numbering::with_capacity(old_keys.len() + new_keys.len());
    let old_ids: Vec<u32> = old_keys
        .iter()
        .map(|k| numbering.number(Cow::Borrowed(k.as_ref())))
        .collect();
    let new_ids: Vec<u32> = new_keys
        .iter()
        .map(|k| numbering.number(Cow::Borrowed(k.as_ref())))
        .collect();
    drop(numbering);
    // Paragraph alignment is cheap (numbers of whole paragraphs) and has no
    // deadline: a deadline there would turn the whole document into one
    // replacement. Deadlines bound the word diffs, pair by pair.
    let alignment = align(&old_keys, &new_keys, &old_ids, &new_ids);
    drop((old_keys, new_keys));

    let passages = passages(&alignment);
    drop(alignment);
    let builder = Builder {
        old,
        new,
        fold,
        deadline,
        old_ids: &old_ids,
        new_ids: &new_ids,
    };
    // Passages are independent: on two cores, half each. The results come
    // back in reading order either way, written straight into their
    // places (collecting them first and splitting them after held every
    // change twice: 2.4 GB of a 90 MB pair of pages of short lines).
    let mut changes: Vec<Change> = Vec::with_capacity(passages.total);
    let mut words: Vec<WordCounts> = Vec::with_capacity(passages.total);
    let build = |k: usize| {
        let (passage, at) = passages.locate(k);
        let built = builder.build(passage, at);
        (built.change, built.counts)
    };
    if parallel {
        (0..passages.total)
            .into_par_iter()
            .map(build)
            .unzip_into_vecs(&mut changes, &mut words);
    } else {
        (changes, words) = (0..passages.total).map(build).unzip();
    }
    drop(passages);
    let coarse_passages = words.iter().filter(|w| w.coarse).count();

    let fallback = (coarse_passages > 0).then(|| Fallback {
        reason: format!(
            "The comparison reached its {:.1} s time limit: {} passage{} show{} whole paragraphs \
             instead of word-level edits.",
            options.deadline_ms as f64 / 1000.0,
            coarse_passages,
            plural(coarse_passages),
            if coarse_passages == 1 { "s" } else { "" },
        ),
    });
    mark_boilerplate(&mut changes, old, new);
    let stats = stats(&changes, &words);
    Body {
        metadata: metadata(old, new, &fold),
        stats,
        changes,
        fallback,
        options: *options,
    }
}

/// The passages in reading order: the alignment's blocks, with each hunk's
/// removals before its additions, as a reader compares old with new.
fn passages(alignment: &crate::align::Alignment) -> Passages {
    let mut out = Passages::default();
    for block in &alignment.blocks {
        match block {
            Block::Same {
                old: o,
                new: n,
                len,
            } => {
                out.push(Passage::Unchanged {
                    old: *o,
                    new: *n,
                    len: *len,
                });
            }
            Block::Hunk { old: o, new: n } => {
                let mut next_old = o.start;
                let emit_removed_until = |out: &mut Passages, end: usize, next_old: &mut usize| {
                    while *next_old < end {
                        if !alignment.old_paired[*next_old] {
                            out.push(Passage::Removed {
                                old: *next_old,
                                len: 1,
                            });
                        }
                        *next_old += 1;
                    }
                };
                // Before an added paragraph, emit what was removed up to the
                // next edit in place.
                let in_place: Vec<usize> = n
                    .clone()
                    .filter_map(|j| alignment.pairs.get(&j))
                    .filter(|p| p.kind == PairKind::InPlace)
                    .map(|p| p.old.start)
                    .collect();
                let mut next_in_place = in_place.iter().copied().peekable();
                for j in n.clone() {
                    if alignment.new_absorbed[j] {
                        continue;
                    }
                    match alignment.pairs.get(&j) {
                        Some(pair) if pair.kind == PairKind::InPlace => {
                            next_in_place.next();
                            emit_removed_until(&mut out, pair.old.start, &mut next_old);
                            out.push(Passage::Paired(
                                pair.old.clone(),
                                pair.new.clone(),
                                ChangeKind::Reworded,
                            ));
                        }
                        Some(pair) => out.push(Passage::Paired(
                            pair.old.clone(),
                            pair.new.clone(),
                            ChangeKind::Moved,
                        )),
                        None => {
                            let until = next_in_place.peek().copied().unwrap_or(o.end);
                            emit_removed_until(&mut out, until, &mut next_old);
                            out.push(Passage::Added { new: j, len: 1 });
                        }
                    }
                }
                emit_removed_until(&mut out, o.end, &mut next_old);
            }
        }
    }
    out
}

/// Builds passages into changes; shared by the threads that build them.
struct Builder<'a> {
    old: &'a Document,
    new: &'a Document,
    fold: Fold,
    deadline: Option<Instant>,
    /// Numbers of the paragraphs' keys: equal numbers, equal keys.
    old_ids: &'a [u32],
    new_ids: &'a [u32],
}

/// A change, and the words it keeps, removes and adds.
struct Built {
    change: Change,
    counts: WordCounts,
}

/// The words a change keeps, removes and adds, and whether the deadline
/// made it coarse.
#[derive(Debug, Clone, Copy, Default)]
struct WordCounts {
    kept: usize,
    removed: usize,
    added: usize,
    coarse: bool,
}

impl Builder<'_> {
    /// The change at place `at` of `passage` (0 but in a run).
    fn build(&self, passage: &Passage, at: usize) -> Built {
        let (change, counts) = match *passage {
            Passage::Unchanged { old, new, .. } => self.unchanged(old + at, new + at),
            Passage::Removed { old, .. } => self.removed(old + at),
            Passage::Added { new, .. } => self.added(new + at),
            Passage::Paired(ref old, ref new, kind) => {
                return self.paired(old.clone(), new.clone(), kind)
            }
        };
        Built { change, counts }
    }

    fn unchanged(&self, i: usize, j: usize) -> (Change, WordCounts) {
        let (old_text, new_text) = (&self.old.paragraphs[i], &self.new.paragraphs[j]);
        let change = Change {
            typographic: old_text != new_text,
            ..passage(
                ChangeKind::Unchanged,
                old_text.clone(),
                new_text.clone(),
                Some(i..i + 1),
                Some(j..j + 1),
            )
        };
        let kept = count_words(old_text);
        (
            change,
            WordCounts {
                kept,
                ..WordCounts::default()
            },
        )
    }

    fn removed(&self, i: usize) -> (Change, WordCounts) {
        let text = self.old.paragraphs[i].clone();
        let removed = count_words(&text);
        let change = passage(
            ChangeKind::Removed,
            text,
            String::new(),
            Some(i..i + 1),
            None,
        );
        (
            change,
            WordCounts {
                removed,
                ..WordCounts::default()
            },
        )
    }

    fn added(&self, j: usize) -> (Change, WordCounts) {
        let text = self.new.paragraphs[j].clone();
        let added = count_words(&text);
        let change = passage(ChangeKind::Added, String::new(), text, None, Some(j..j + 1));
        (
            change,
            WordCounts {
                added,
                ..WordCounts::default()
            },
        )
    }

    fn paired(&self, old: Range<usize>, new: Range<usize>, kind: ChangeKind) -> Built {
        // Paragraphs split or merged by a reprint are read as one passage.
        // A passage of one paragraph is borrowed until the change is made:
        // copied first, a passage of millions of words was held twice
        // beside its tokens, the peak of a pair of one-paragraph pages.
        fn joined(paragraphs: &[String]) -> Cow<'_, str> {
            match paragraphs {
                [one] => Cow::Borrowed(one.as_str()),
                _ => Cow::Owned(paragraphs.join(PARAGRAPH_BREAK)),
            }
        }
        let old_text = joined(&self.old.paragraphs[old.clone()]);
        let new_text = joined(&self.new.paragraphs[new.clone()]);
        let out_of_time = self.deadline.is_some_and(|d| Instant::now() > d)
            // Tokens keep 32-bit offsets; a passage of 4 GiB is shown whole.
            || old_text.len() >= MAX_PASSAGE
            || new_text.len() >= MAX_PASSAGE;
        let same_key = if old.len() == 1 && new.len() == 1 {
            self.old_ids[old.start] == self.new_ids[new.start]
        } else {
            self.fold.key(&old_text) == self.fold.key(&new_text)
        };
        let mut coarse = false;
        let (diff, similarity, counts) = if kind == ChangeKind::Reworded && same_key {
            // The same text in place (perhaps re-broken, perhaps retyped)
            // needs no word diff, and stays unchanged even past the deadline.
            let kept = count_words(&old_text);
            (
                Vec::new(),
                1.0,
                WordCounts {
                    kept,
                    ..WordCounts::default()
                },
            )
        } else if out_of_time && self.fold.key(&old_text) == self.fold.key(&new_text) {
            // Past the deadline a passage moved whole is still matched
            // whole, before any coarse step: a shuffle must never read as
            // "everything replaced" (regression_shuffle_past_the_time_limit).
            let kept = count_words(&old_text);
            let old_form = (old_text != new_text).then(|| old_text.to_string());
            let diff = vec![DiffSegment {
                old: old_form,
                ..DiffSegment::new(Tag::Equal, new_text.to_string())
            }];
            (
                diff,
                1.0,
                WordCounts {
                    kept,
                    ..WordCounts::default()
                },
            )
        } else if out_of_time {
            coarse = true;
            let counts = WordCounts {
                kept: 0,
                removed: count_words(&old_text),
                added: count_words(&new_text),
                coarse: false,
            };
            let diff = vec![
                DiffSegment::new(Tag::Delete, old_text.to_string()),
                DiffSegment::new(Tag::Insert, new_text.to_string()),
            ];
            (diff, 0.0, counts)
        } else {
            let words = diff_words(&old_text, &new_text, &self.fold, self.deadline);
            coarse = words.hit_deadline;
            let counts = WordCounts {
                kept: words.equal_words,
                removed: words.deleted_words,
                added: words.inserted_words,
                coarse: false,
            };
            let similarity = words.similarity();
            (words.segments, similarity, counts)
        };
        let edited = diff.iter().any(|s| s.tag != Tag::Equal);
        // Only the breaks or the typography differ: the same text, in place.
        let kind = if kind == ChangeKind::Reworded && !edited {
            ChangeKind::Unchanged
        } else {
            kind
        };
        let typographic = !edited
            && if old_text.contains(PARAGRAPH_BREAK) || new_text.contains(PARAGRAPH_BREAK) {
                old_text.replace(PARAGRAPH_BREAK, " ") != new_text.replace(PARAGRAPH_BREAK, " ")
            } else {
                old_text != new_text
            };
        let (flags, diff) = match kind {
            ChangeKind::Unchanged => (Vec::new(), Vec::new()),
            _ => (flags(&diff), diff),
        };
        let change = Change {
            similarity,
            diff,
            flags,
            typographic,
            ..passage(
                kind,
                old_text.into_owned(),
                new_text.into_owned(),
                Some(old),
                Some(new),
            )
        };
        Built {
            change,
            counts: WordCounts { coarse, ..counts },
        }
    }
}

/// A change over the given paragraphs, with nothing yet known of its edits.
fn passage(
    kind: ChangeKind,
    old_text: String,
    new_text: String,
    old: Option<Range<usize>>,
    new: Option<Range<usize>>,
) -> Change {
    let count = |r: &Option<Range<usize>>| r.as_ref().map_or(0, Range::len);
    let (old_count, new_count) = (count(&old), count(&new));
    Change {
        kind,
        old_text,
        new_text,
        similarity: if matches!(kind, ChangeKind::Added | ChangeKind::Removed) {
            0.0
        } else {
            1.0
        },
        diff: Vec::new(),
        old_index: old.map(|r| r.start),
        new_index: new.map(|r| r.start),
        old_count,
        new_count,
        rebroken: old_count > 1 || new_count > 1,
        boilerplate: false,
        why_boilerplate: None,
        flags: Vec::new(),
        typographic: false,
    }
}

fn mark_boilerplate(changes: &mut [Change], old: &Document, new: &Document) {
    if old.boilerplate.is_empty() && new.boilerplate.is_empty() {
        return;
    }
    // As flags by paragraph: a list searched once a change was quadratic.
    let as_flags = |set: &[usize], len: usize| {
        let mut flags = vec![false; len];
        for &k in set.iter().filter(|&&k| k < len) {
            flags[k] = true;
        }
        flags
    };
    let old_marks = as_flags(&old.boilerplate, old.paragraphs.len());
    let new_marks = as_flags(&new.boilerplate, new.paragraphs.len());
    let marked = |marks: &[bool], first: Option<usize>, count: usize| {
        first.is_some_and(|i| (i..i + count).any(|k| marks.get(k) == Some(&true)))
    };
    let why = |doc: &Document, marks: &[bool], first: Option<usize>, count: usize| {
        let i = first.and_then(|i| (i..i + count).find(|&k| marks.get(k) == Some(&true)))?;
        Some(doc.reason_of_marked(i).to_string())
    };
    for c in changes {
        c.boilerplate = marked(&old_marks, c.old_index, c.old_count)
            || marked(&new_marks, c.new_index, c.new_count);
        if c.boilerplate {
            c.why_boilerplate = why(old, &old_marks, c.old_index, c.old_count)
                .or_else(|| why(new, &new_marks, c.new_index, c.new_count));
        }
    }
}

fn metadata(old: &Document, new: &Document, fold: &Fold) -> Vec<MetadataChange> {
    let fields = [
        ("title", &old.title, &new.title),
        ("standfirst", &old.standfirst, &new.standfirst),
        ("byline", &old.byline, &new.byline),
        ("published", &old.published, &new.published),
    ];
    fields
        .into_iter()
        .map(|(field, a, b)| {
            let changed = match (a, b) {
                (Some(a), Some(b)) => fold.key(a) != fold.key(b),
                (a, b) => a.is_some() != b.is_some(),
            };
            let diff = match (a, b) {
                (Some(a), Some(b)) if changed => diff_words(a, b, fold, None).segments,
                _ => Vec::new(),
            };
            MetadataChange {
                field: field.to_string(),
                old: a.clone(),
                new: b.clone(),
                changed,
                diff,
            }
        })
        .collect()
}

fn stats(changes: &[Change], words: &[WordCounts]) -> Stats {
    // Every paragraph is in exactly one change, and each change's counts
    // cover all its words: the totals need no second pass over the text.
    let story = || {
        changes
            .iter()
            .zip(words)
            .filter(|(c, _)| !c.boilerplate)
            .map(|(_, w)| w)
    };
    let old_words: usize = story().map(|w| w.kept + w.removed).sum();
    let new_words: usize = story().map(|w| w.kept + w.added).sum();
    let mut s = Stats {
        similarity: 1.0,
        words_added: 0,
        words_removed: 0,
        words_unchanged: 0,
        old_words,
        new_words,
        kept_verbatim: 0.0,
        kept_edited: 0.0,
        paragraphs_unchanged: 0,
        paragraphs_added: 0,
        paragraphs_removed: 0,
        paragraphs_reworded: 0,
        paragraphs_moved: 0,
        typographic_changes: 0,
        rebroken_passages: 0,
        boilerplate_passages: 0,
        numbers_changed: 0,
        names_changed: 0,
        quotes_altered: 0,
        summary: String::new(),
    };
    let (mut verbatim, mut edited) = (0, 0);
    for (change, counts) in changes.iter().zip(words) {
        if change.boilerplate {
            s.boilerplate_passages += 1;
            continue;
        }
        s.typographic_changes += usize::from(change.typographic);
        s.rebroken_passages += usize::from(change.rebroken);
        for flag in &change.flags {
            match flag {
                Flag::Number => s.numbers_changed += 1,
                Flag::Name => s.names_changed += 1,
                Flag::Quote => s.quotes_altered += 1,
            }
        }
        s.words_unchanged += counts.kept;
        s.words_removed += counts.removed;
        s.words_added += counts.added;
        let counter = match change.kind {
            ChangeKind::Unchanged => &mut s.paragraphs_unchanged,
            ChangeKind::Added => &mut s.paragraphs_added,
            ChangeKind::Removed => &mut s.paragraphs_removed,
            ChangeKind::Reworded => &mut s.paragraphs_reworded,
            ChangeKind::Moved => &mut s.paragraphs_moved,
        };
        *counter += 1;
        if change.old_index.is_some() && change.new_index.is_some() {
            if counts.removed == 0 && counts.added == 0 {
                verbatim += counts.kept;
            } else {
                edited += counts.kept + counts.removed;
            }
        }
    }
    let total = old_words + new_words;
    if total > 0 {
        s.similarity = (2 * s.words_unchanged) as f64 / total as f64;
    }
    if old_words > 0 {
        s.kept_verbatim = verbatim as f64 / old_words as f64;
        s.kept_edited = edited as f64 / old_words as f64;
    }
    s.summary = summary(&s);
    s
}

fn summary(s: &Stats) -> String {
    let changed =
        s.paragraphs_added + s.paragraphs_removed + s.paragraphs_reworded + s.paragraphs_moved;
    let mut line = if changed == 0 {
        "No differences in the body".to_string()
    } else if s.old_words == 0 {
        format!(
            "The original is empty; {} paragraph{} added",
            s.paragraphs_added,
            plural(s.paragraphs_added)
        )
    } else {
        let mut parts = vec![format!(
            "{} of the original kept verbatim",
            percent(s.kept_verbatim)
        )];
        if s.paragraphs_reworded > 0 || s.kept_edited > 0.0 {
            parts[0].push_str(&format!(", {} reworded", percent(s.kept_edited)));
        }
        // "2 paragraphs cut, 1 added, 1 moved": the noun once, on the first.
        let mut counts = Vec::new();
        for (n, verb) in [
            (s.paragraphs_removed, "cut"),
            (s.paragraphs_added, "added"),
            (s.paragraphs_moved, "moved"),
        ] {
            if n > 0 {
                let noun = if counts.is_empty() {
                    format!(" paragraph{}", plural(n))
                } else {
                    String::new()
                };
                counts.push(format!("{n}{noun} {verb}"));
            }
        }
        if !counts.is_empty() {
            parts.push(counts.join(", "));
        }
        parts.join("; ")
    };
    let mut facts = Vec::new();
    if s.quotes_altered > 0 {
        facts.push(format!(
            "{} quote{} altered",
            s.quotes_altered,
            plural(s.quotes_altered)
        ));
    }
    if s.numbers_changed > 0 {
        let n = s.numbers_changed;
        facts.push(format!(
            "figures or dates changed in {n} passage{}",
            plural(n)
        ));
    }
    if s.names_changed > 0 {
        let n = s.names_changed;
        facts.push(if s.numbers_changed > 0 {
            format!("names in {n}")
        } else {
            format!("names changed in {n} passage{}", plural(n))
        });
    }
    if !facts.is_empty() {
        line.push_str("; ");
        line.push_str(&facts.join(", "));
    }
    let ignored: Vec<String> = [
        (
            s.typographic_changes,
            "typographic-only difference",
            "typographic-only differences",
        ),
        (
            s.rebroken_passages,
            "passage split or merged into other paragraphs",
            "passages split or merged into other paragraphs",
        ),
        (
            s.boilerplate_passages,
            "credit or boilerplate line",
            "credit or boilerplate lines",
        ),
    ]
    .into_iter()
    .filter(|&(n, _, _)| n > 0)
    .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
    .collect();
    if !ignored.is_empty() {
        line.push_str(&format!(" ({} ignored)", ignored.join(", ")));
    }
    line
}

/// Percentages a reader can quote: whole numbers, never "100%" for "almost all".
fn percent(share: f64) -> String {
    let p = (share * 100.0).round();
    let p = if p >= 100.0 && share < 1.0 {
        99.0
    } else if p <= 0.0 && share > 0.0 {
        1.0
    } else {
        p
    };
    format!("{p:.0}%")
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
