//! The comparisons the window shows, kept here under an id (issue #12).
//!
//! The window is sent a [`View`]: each passage with the text it displays
//! once, the figures, the flags, the summary and the notices, and no copy
//! of either document's paragraphs. The comparison itself stays in
//! [`Comparisons`], so that saving a report, saving the JSON and copying the
//! summary are rendered here from the id the window names, exactly as the
//! command line renders them. Every command that opens a comparison goes
//! through [`Comparisons::open`].
//!
//! For the 10 MB benchmark pair the whole `Comparison` is 47 MB of JSON
//! (both documents' paragraphs, then every passage's texts again, then the
//! reworded ones a third time in their word diffs); the view is about 11 MB.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};
use storydiff_engine::{
    Change, ChangeKind, Comparison, DiffSegment, Document, Fallback, Flag, MetadataChange, Options,
    Revision, Stats,
};

use crate::error::Error;

/// Comparisons kept at most. The window shows one, but the one on screen
/// need not be the newest: a comparison asked for and then replaced by a
/// later request (or a ledger pair opened and left) is kept too, and a save
/// may come for the one on screen while another loads. A few cover that;
/// more would keep a 10 MB pair's 40 MB each for nothing. Least recently
/// used goes first.
pub const KEPT: usize = 4;

/// A comparison the window can name: its id in [`Comparisons`].
pub type Id = u64;

/// The comparisons kept for the window, most recently used last.
#[derive(Default)]
pub struct Comparisons {
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    next: Id,
    entries: VecDeque<(Id, Arc<Comparison>)>,
}

impl Comparisons {
    /// Keeps `comparison` under a new id and returns what the window is
    /// sent for it. The one way a comparison reaches the window.
    pub fn open(&self, comparison: Comparison, warnings: Vec<String>) -> Opened {
        let comparison = Arc::new(comparison);
        let mut kept = self.kept.lock().expect("shown lock");
        kept.next += 1;
        let id = kept.next;
        kept.entries.push_back((id, comparison.clone()));
        while kept.entries.len() > KEPT {
            kept.entries.pop_front();
        }
        Opened {
            id,
            comparison,
            warnings,
        }
    }

    /// The comparison kept under `id`; an id never given, or one evicted
    /// since, says to compare again.
    pub fn get(&self, id: Id) -> Result<Arc<Comparison>, Error> {
        let mut kept = self.kept.lock().expect("shown lock");
        let at = kept
            .entries
            .iter()
            .position(|(k, _)| *k == id)
            .ok_or(Error::NotShown { id })?;
        // Used again: it is the last to go.
        let entry = kept.entries.remove(at).expect("found above");
        let comparison = entry.1.clone();
        kept.entries.push_back(entry);
        Ok(comparison)
    }
}

/// What a command that opens a comparison returns: its id, its view and
/// anything the reader should be told. Serialises as
/// `{ id, comparison: View, warnings }`. Only [`Comparisons::open`] makes one, so
/// that every comparison the window is sent is kept.
#[derive(Debug, Clone)]
pub struct Opened {
    id: Id,
    comparison: Arc<Comparison>,
    warnings: Vec<String>,
}

/// A comparison made, with what the reader should be told about it: what
/// [`Comparisons::open`] keeps and sends.
pub type Compared = (Comparison, Vec<String>);

impl Serialize for Opened {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Opened", 3)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("comparison", &View::of(&self.comparison))?;
        s.serialize_field("warnings", &self.warnings)?;
        s.end()
    }
}

/// The comparison as the window renders it (ui/src/lib/types.ts,
/// `ComparisonView`): the engine's fields but the documents' paragraphs,
/// and each passage's text once. Borrowed: serialising it copies nothing.
#[derive(Serialize)]
pub struct View<'a> {
    old: Head<'a>,
    new: Head<'a>,
    metadata: &'a [MetadataChange],
    stats: &'a Stats,
    changes: Passages<'a>,
    fallback: &'a Option<Fallback>,
    options: &'a Options,
}

impl<'a> View<'a> {
    pub fn of(comparison: &'a Comparison) -> View<'a> {
        View {
            old: Head::of(&comparison.old),
            new: Head::of(&comparison.new),
            metadata: &comparison.metadata,
            stats: &comparison.stats,
            changes: Passages(&comparison.changes),
            fallback: &comparison.fallback,
            options: &comparison.options,
        }
    }
}

/// What the summary shows of a document: everything but its paragraphs,
/// and how many it has.
#[derive(Serialize)]
struct Head<'a> {
    source: &'a Option<String>,
    title: &'a Option<String>,
    byline: &'a Option<String>,
    published: &'a Option<String>,
    site: &'a Option<String>,
    standfirst: &'a Option<String>,
    paragraphs: usize,
    /// A draft's tracked changes, for the credit beside each passage.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    revisions: &'a [Revision],
}

impl<'a> Head<'a> {
    fn of(doc: &'a Document) -> Head<'a> {
        Head {
            source: &doc.source,
            title: &doc.title,
            byline: &doc.byline,
            published: &doc.published,
            site: &doc.site,
            standfirst: &doc.standfirst,
            paragraphs: doc.paragraphs.len(),
            revisions: &doc.revisions,
        }
    }
}

struct Passages<'a>(&'a [Change]);

impl Serialize for Passages<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for change in self.0 {
            seq.serialize_element(&Passage::of(change))?;
        }
        seq.end()
    }
}

/// One passage with the text it displays, once: an unchanged passage its
/// new text (and its old one only where typography differs), an added or
/// removed one its one side, a reworded or moved one its word diff (which
/// holds both sides). Fields at their default are left out: a 10 MB pair
/// has 20,000 passages, and their names would cost megabytes.
#[derive(Serialize)]
struct Passage<'a> {
    kind: ChangeKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    old_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new_text: Option<&'a str>,
    similarity: f64,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    diff: &'a [DiffSegment],
    #[serde(skip_serializing_if = "Option::is_none")]
    old_index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new_index: Option<usize>,
    old_count: usize,
    new_count: usize,
    #[serde(skip_serializing_if = "is_false")]
    rebroken: bool,
    #[serde(skip_serializing_if = "is_false")]
    boilerplate: bool,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    flags: &'a [Flag],
    #[serde(skip_serializing_if = "is_false")]
    typographic: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl<'a> Passage<'a> {
    fn of(change: &'a Change) -> Passage<'a> {
        let (old, new) = (change.old_text.as_str(), change.new_text.as_str());
        let (old_text, new_text) = match change.kind {
            ChangeKind::Unchanged if old == new => (None, Some(new)),
            ChangeKind::Unchanged => (Some(old), Some(new)),
            ChangeKind::Added => (None, Some(new)),
            ChangeKind::Removed => (Some(old), None),
            // The diff holds both sides; without one (a passage past the
            // time limit) the two texts are all there is.
            ChangeKind::Reworded | ChangeKind::Moved if !change.diff.is_empty() => (None, None),
            ChangeKind::Reworded | ChangeKind::Moved => (Some(old), Some(new)),
        };
        Passage {
            kind: change.kind,
            old_text,
            new_text,
            similarity: change.similarity,
            diff: &change.diff,
            old_index: change.old_index,
            new_index: change.new_index,
            old_count: change.old_count,
            new_count: change.new_count,
            rebroken: change.rebroken,
            boilerplate: change.boilerplate,
            flags: &change.flags,
            typographic: change.typographic,
        }
    }
}

#[cfg(test)]
mod tests {
    use storydiff_engine::compare;

    use super::*;

    fn comparison(old: &str, new: &str) -> Comparison {
        compare(
            &Document::from_text(old),
            &Document::from_text(new),
            &Options::default(),
        )
    }

    #[test]
    fn a_kept_comparison_is_found_by_its_id() {
        let shown = Comparisons::default();
        let opened = shown.open(comparison("One.\n\nTwo.", "One.\n\nThree."), vec![]);
        let again = shown.get(opened.id).unwrap();
        assert!(Arc::ptr_eq(&again, &opened.comparison));
    }

    #[test]
    fn only_the_last_few_are_kept_and_the_oldest_goes_first() {
        let shown = Comparisons::default();
        let ids: Vec<Id> = (0..KEPT + 2)
            .map(|k| shown.open(comparison("A.", &format!("A {k}.")), vec![]).id)
            .collect();
        for id in &ids[..2] {
            assert_eq!(shown.get(*id).unwrap_err().kind(), "not_shown");
        }
        for id in &ids[2..] {
            assert!(shown.get(*id).is_ok());
        }
    }

    #[test]
    fn a_comparison_used_again_outlives_newer_ones() {
        let shown = Comparisons::default();
        let first = shown.open(comparison("A.", "B."), vec![]).id;
        for k in 0..KEPT - 1 {
            shown.open(comparison("A.", &format!("C {k}.")), vec![]);
        }
        // A save of the first, then one more comparison: the second goes.
        shown.get(first).unwrap();
        shown.open(comparison("A.", "D."), vec![]);
        assert!(shown.get(first).is_ok());
        assert!(shown.get(first + 1).is_err());
    }

    #[test]
    fn an_unknown_id_says_to_compare_again() {
        let err = Comparisons::default().get(7).unwrap_err();
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["kind"], "not_shown");
        let message = json["message"].as_str().unwrap();
        assert!(message.contains("no longer kept"), "{message}");
        assert!(
            message.contains("Compare the two versions again"),
            "{message}"
        );
    }

    #[test]
    fn the_view_holds_each_text_once_and_no_paragraphs() {
        let old = "The council met on Monday.\n\nIt agreed the plan.\n\nA quote ends here.";
        let new = "The council met on Tuesday.\n\nIt agreed the plan.\n\nAn added line.";
        let c = comparison(old, new);
        let view = serde_json::to_value(View::of(&c)).unwrap();
        assert!(view["old"].get("paragraphs").unwrap().is_u64());
        assert_eq!(view["new"]["paragraphs"], 3);
        let passages = view["changes"].as_array().unwrap();
        assert_eq!(passages.len(), c.changes.len());
        for (p, change) in passages.iter().zip(&c.changes) {
            match change.kind {
                ChangeKind::Reworded => {
                    assert!(p.get("old_text").is_none() && p.get("new_text").is_none());
                    assert!(!p["diff"].as_array().unwrap().is_empty());
                }
                ChangeKind::Unchanged => {
                    assert!(p.get("old_text").is_none());
                    assert_eq!(p["new_text"], change.new_text.as_str());
                }
                ChangeKind::Added => assert_eq!(p["new_text"], change.new_text.as_str()),
                ChangeKind::Removed => assert_eq!(p["old_text"], change.old_text.as_str()),
                ChangeKind::Moved => {}
            }
        }
        // The figures and the summary come as the engine made them.
        assert_eq!(view["stats"], serde_json::to_value(&c.stats).unwrap());
    }

    #[test]
    fn an_unchanged_passage_that_differs_in_typography_keeps_both_texts() {
        let c = comparison(
            "He said \"yes\" today.",
            "He said \u{201c}yes\u{201d} today.",
        );
        let unchanged = c
            .changes
            .iter()
            .position(|ch| ch.kind == ChangeKind::Unchanged && ch.typographic)
            .expect("a typographic passage");
        let view = serde_json::to_value(View::of(&c)).unwrap();
        let p = &view["changes"][unchanged];
        assert_eq!(p["old_text"], c.changes[unchanged].old_text.as_str());
        assert_eq!(p["new_text"], c.changes[unchanged].new_text.as_str());
        assert_eq!(p["typographic"], true);
    }
}
