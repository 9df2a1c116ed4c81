//! The comparisons the window shows, kept here under an id.
//!
//! The window is sent a [`View`]: each passage with the text it displays
//! once, the figures, the flags, the summary and the notices, and no copy
//! of either document's paragraphs. The comparison itself stays in
//! [`Comparisons`], so that saving a report, saving the JSON and copying the
//! summary are rendered here from the id the window names, exactly as the
//! command line renders them. Every command that opens a comparison goes
//! through [`Comparisons::open`].
//!
//! A long comparison's texts come on demand. The view holds every
//! passage's outline (its kind, place, flags and how long its text is on
//! each side, which is what the rows, the change map, the filters and the
//! keys need), but the texts of only the first [`FIRST_TEXTS`] passages; the
//! window asks [`passage_texts`] for the others as the reader scrolls to
//! them. For the 10 MB benchmark pair the whole `Comparison` is 47 MB of
//! JSON (both documents' paragraphs, then every passage's texts again, then
//! the reworded ones a third time in their word diffs); a view with every
//! text was 11 MB, which took the window longer to receive, parse and
//! turn into rows than the engine took to compare; the outline is about
//! 2 MB. An article's comparison, a few dozen passages, comes whole.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};
use storydiff_engine::{
    Change, ChangeKind, Comparison, DiffSegment, Document, Fallback, Flag, MetadataChange, Options,
    Revision, Stats, Tag,
};

use crate::error::Error;

/// Comparisons kept at most. The window shows one, but the one on screen
/// need not be the newest: a comparison asked for and then replaced by a
/// later request (or a ledger pair opened and left) is kept too, and a save
/// may come for the one on screen while another loads. A few cover that;
/// more would keep a 10 MB pair's 40 MB each for nothing. Least recently
/// used goes first.
pub const KEPT: usize = 4;

/// Passages whose texts come with the view. The window renders a long
/// comparison in blocks of 25 rows and puts a few blocks beyond each edge of
/// the screen (ui/src/lib/window.ts), so the first screen needs about a
/// hundred passages; an article has fewer than this and never waits.
pub const FIRST_TEXTS: usize = 400;

/// Passages one [`passage_texts`] call returns at most: a few blocks.
pub const TEXTS_AT_MOST: usize = 1_000;

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
            .ok_or(Error::NotShown { id, kept: KEPT })?;
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

/// The texts of passages `from..to` of the comparison kept under `id`, in
/// order, as [`View`] sends the first ones: for the rows the reader
/// scrolls to. A range past the end is cut at the end.
#[tauri::command]
pub fn passage_texts(
    comparisons: tauri::State<'_, Comparisons>,
    id: Id,
    from: usize,
    to: usize,
) -> Result<PassageTexts, Error> {
    let comparison = comparisons.get(id)?;
    Ok(PassageTexts::of(comparison, from, to))
}

/// Passages' texts, borrowed from the kept comparison while they are
/// written out.
pub struct PassageTexts {
    comparison: Arc<Comparison>,
    from: usize,
    to: usize,
}

impl PassageTexts {
    fn of(comparison: Arc<Comparison>, from: usize, to: usize) -> PassageTexts {
        let end = comparison.changes.len();
        let to = to.min(end).min(from.saturating_add(TEXTS_AT_MOST));
        PassageTexts {
            comparison,
            from: from.min(to),
            to,
        }
    }
}

impl Serialize for PassageTexts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let changes = &self.comparison.changes[self.from..self.to];
        let mut seq = serializer.serialize_seq(Some(changes.len()))?;
        for change in changes {
            seq.serialize_element(&Texts::of(change))?;
        }
        seq.end()
    }
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
        for (k, change) in self.0.iter().enumerate() {
            seq.serialize_element(&Passage::of(change, k < FIRST_TEXTS))?;
        }
        seq.end()
    }
}

/// One passage: its outline (not its similarity, which the window does
/// not show), and (for the first [`FIRST_TEXTS`]) the text it displays; the others carry `chars`, how long that text is on each
/// side and in the unified column, for the window to size their rows
/// until it has them. Fields at their default are left out: a 10 MB pair
/// has 20,000 passages, and their names would cost megabytes.
#[derive(Serialize)]
struct Passage<'a> {
    kind: ChangeKind,
    #[serde(flatten)]
    texts: Option<Texts<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    chars: Option<[usize; 3]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    old_index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new_index: Option<usize>,
    /// Left out when 1, as for nearly every passage.
    #[serde(skip_serializing_if = "is_one")]
    old_count: usize,
    #[serde(skip_serializing_if = "is_one")]
    new_count: usize,
    #[serde(skip_serializing_if = "is_false")]
    rebroken: bool,
    #[serde(skip_serializing_if = "is_false")]
    boilerplate: bool,
    /// What marked it: the window's "why is this line dimmed?".
    #[serde(skip_serializing_if = "Option::is_none")]
    why_boilerplate: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    flags: &'a [Flag],
    #[serde(skip_serializing_if = "is_false")]
    typographic: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

impl<'a> Passage<'a> {
    fn of(change: &'a Change, with_texts: bool) -> Passage<'a> {
        let texts = Texts::of(change);
        let (texts, chars) = if with_texts {
            (Some(texts), None)
        } else {
            (None, Some(texts.chars()))
        };
        Passage {
            kind: change.kind,
            texts,
            chars,
            old_index: change.old_index,
            new_index: change.new_index,
            old_count: change.old_count,
            new_count: change.new_count,
            rebroken: change.rebroken,
            boilerplate: change.boilerplate,
            why_boilerplate: change.why_boilerplate.as_deref(),
            flags: &change.flags,
            typographic: change.typographic,
        }
    }
}

/// The text a passage displays, once: an unchanged passage its new text
/// (and its old one only where typography differs), an added or removed
/// one its one side, a reworded or moved one its word diff (which holds
/// both sides).
#[derive(Serialize)]
struct Texts<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    old_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new_text: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    diff: &'a [DiffSegment],
    /// For [`Texts::chars`]: an unchanged passage sends its old text only
    /// where it differs.
    #[serde(skip)]
    kind: ChangeKind,
}

impl<'a> Texts<'a> {
    fn of(change: &'a Change) -> Texts<'a> {
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
        Texts {
            old_text,
            new_text,
            diff: &change.diff,
            kind: change.kind,
        }
    }

    /// Characters (UTF-16 units, as the window counts them) shown on the
    /// old side, on the new side, and in the one column of the unified
    /// view (ui/src/lib/rows.ts, `sides` and `unifiedPieces`).
    fn chars(&self) -> [usize; 3] {
        let units = |s: &str| s.encode_utf16().count();
        if !self.diff.is_empty() {
            let (mut old, mut new, mut both) = (0, 0, 0);
            for seg in self.diff {
                let n = units(&seg.text);
                both += n;
                match seg.tag {
                    Tag::Equal => {
                        old += seg.old.as_deref().map_or(n, units);
                        new += n;
                    }
                    Tag::Delete => old += n,
                    Tag::Insert => new += n,
                }
            }
            return [old, new, both];
        }
        let new = self.new_text.map_or(0, units);
        let old = match (self.old_text, self.kind) {
            (Some(old), _) => units(old),
            (None, ChangeKind::Unchanged) => new,
            (None, _) => 0,
        };
        let both = if self.kind == ChangeKind::Removed {
            old
        } else {
            new
        };
        [old, new, both]
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

    /// A document of `n` paragraphs, every third one edited in the new
    /// version, one with a word outside the Basic Multilingual Plane.
    fn long_pair(n: usize) -> Comparison {
        let para = |k: usize, edited: bool| {
            let word = if edited { "revised" } else { "first" };
            format!("Paragraph {k} says the council met for the {word} time on the 🌊 front.")
        };
        let old: Vec<String> = (0..n).map(|k| para(k, false)).collect();
        let new: Vec<String> = (0..n).map(|k| para(k, k % 3 == 0)).collect();
        comparison(&old.join("\n\n"), &new.join("\n\n"))
    }

    #[test]
    fn a_long_comparison_sends_the_texts_of_its_first_passages_and_the_size_of_the_rest() {
        let c = long_pair(FIRST_TEXTS + 100);
        assert!(c.changes.len() > FIRST_TEXTS);
        let view = serde_json::to_value(View::of(&c)).unwrap();
        let passages = view["changes"].as_array().unwrap();
        assert_eq!(passages.len(), c.changes.len());
        for (k, p) in passages.iter().enumerate() {
            let has_text = ["old_text", "new_text", "diff"]
                .iter()
                .any(|f| p.get(f).is_some());
            assert_eq!(has_text, k < FIRST_TEXTS, "passage {k}: {p}");
            assert_eq!(p.get("chars").is_some(), k >= FIRST_TEXTS, "passage {k}");
            // The outline is there either way.
            assert_eq!(p["kind"], serde_json::to_value(c.changes[k].kind).unwrap());
            assert_eq!(
                p["new_count"].as_u64().unwrap_or(1) as usize,
                c.changes[k].new_count
            );
        }
    }

    #[test]
    fn the_texts_asked_for_are_those_the_view_would_have_sent() {
        let c = Arc::new(long_pair(FIRST_TEXTS + 100));
        let sent = serde_json::to_value(PassageTexts::of(c.clone(), 0, FIRST_TEXTS)).unwrap();
        let view = serde_json::to_value(View::of(&c)).unwrap();
        for (k, texts) in sent.as_array().unwrap().iter().enumerate() {
            for field in ["old_text", "new_text", "diff"] {
                assert_eq!(
                    texts.get(field),
                    view["changes"][k].get(field),
                    "{k} {field}"
                );
            }
        }
        // Past the first ones: the texts, and the sizes the view gave match them.
        let rest =
            serde_json::to_value(PassageTexts::of(c.clone(), FIRST_TEXTS, usize::MAX)).unwrap();
        let rest = rest.as_array().unwrap();
        assert_eq!(rest.len(), c.changes.len() - FIRST_TEXTS);
        let units = |v: &serde_json::Value| v.as_str().map_or(0, |s| s.encode_utf16().count());
        for (k, texts) in rest.iter().enumerate() {
            let at = FIRST_TEXTS + k;
            let (mut old, mut new) = (units(&texts["old_text"]), units(&texts["new_text"]));
            let mut both = new;
            if let Some(diff) = texts["diff"].as_array() {
                both = 0;
                for seg in diff {
                    let n = units(&seg["text"]);
                    both += n;
                    match seg["tag"].as_str().unwrap() {
                        "equal" => {
                            old += n;
                            new += n;
                        }
                        "delete" => old += n,
                        _ => new += n,
                    }
                }
            } else if c.changes[at].kind == ChangeKind::Unchanged && texts.get("old_text").is_none()
            {
                old = new;
            }
            assert_eq!(
                view["changes"][at]["chars"],
                serde_json::json!([old, new, both]),
                "{at}"
            );
            assert!(old > 0 && new > 0, "{at}: {texts}");
        }
    }

    #[test]
    fn a_range_past_the_end_is_cut_and_a_long_one_is_capped() {
        let c = Arc::new(long_pair(20));
        let n = c.changes.len();
        let texts = |from, to| {
            serde_json::to_value(PassageTexts::of(c.clone(), from, to))
                .unwrap()
                .as_array()
                .unwrap()
                .len()
        };
        assert_eq!(texts(n - 2, n + 10), 2);
        assert_eq!(texts(n + 5, n + 10), 0);
        assert_eq!(texts(5, 3), 0);
        let long = Arc::new(long_pair(TEXTS_AT_MOST + 50));
        let sent = serde_json::to_value(PassageTexts::of(long, 10, usize::MAX)).unwrap();
        assert_eq!(sent.as_array().unwrap().len(), TEXTS_AT_MOST);
    }
}
