//! The result of a comparison: the one type that the app, the CLI's JSON and
//! the reports all render. Its JSON form is a public contract (docs/json.md):
//! fields may be added, never removed or renamed.

use serde::{Deserialize, Serialize};

use crate::document::Document;

/// Everything known about how two versions of an article differ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The old version (left side).
    pub old: Document,
    /// The new version (right side).
    pub new: Document,
    /// Headline, byline and date, compared apart from the body.
    pub metadata: Vec<MetadataChange>,
    /// Figures for the whole body.
    pub stats: Stats,
    /// The body's passages in reading order; each old and each new paragraph
    /// appears in exactly one change.
    pub changes: Vec<Change>,
    /// Set when the engine had to settle for a coarser result, and why.
    pub fallback: Option<Fallback>,
    /// The options the comparison was made with.
    pub options: Options,
}

/// How two texts are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Show differences of typography (quotes, dashes, spaces, invisible
    /// characters) as changes instead of ignoring them.
    pub strict: bool,
    /// Treat upper and lower case as the same.
    pub ignore_case: bool,
    /// Ignore punctuation: "said," matches "said" and a changed comma is no edit.
    pub ignore_punctuation: bool,
    /// Time budget for the whole comparison in milliseconds; past it the
    /// engine falls back to coarser diffs and says so in `fallback`.
    pub deadline_ms: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            strict: false,
            ignore_case: false,
            ignore_punctuation: false,
            deadline_ms: 5_000,
        }
    }
}

/// What happened to one passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// The same on both sides (perhaps with typographic differences).
    Unchanged,
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// Edited in place: the old passage and its new version, paired.
    Reworded,
    /// Found at another position in the new version, edited or not.
    Moved,
}

/// One passage of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// The passage in the old version, "" where there is none.
    pub old_text: String,
    /// The passage in the new version, "" where there is none.
    pub new_text: String,
    /// 1 for identical passages, 0 for unrelated ones (word-level).
    pub similarity: f64,
    /// Word-level edits for reworded and moved passages; empty otherwise.
    pub diff: Vec<DiffSegment>,
    /// Index of the paragraph in `old.paragraphs`, if the passage has an old side.
    pub old_index: Option<usize>,
    /// Index of the paragraph in `new.paragraphs`, if the passage has a new side.
    pub new_index: Option<usize>,
    /// How many consecutive old paragraphs, from `old_index`, the passage
    /// spans: 0 where it has no old side, more than 1 where the new version
    /// merged them.
    #[serde(default)]
    pub old_count: usize,
    /// The same for new paragraphs: more than 1 where the new version split
    /// an old paragraph.
    #[serde(default)]
    pub new_count: usize,
    /// The passage's paragraph breaks differ between the versions (split or
    /// merged paragraphs); its texts join the paragraphs with a blank line.
    #[serde(default)]
    pub rebroken: bool,
    /// The passage is boilerplate on either side (a credit line, a caption):
    /// shown dimmed and left out of the figures.
    #[serde(default)]
    pub boilerplate: bool,
    /// Why the passage is boilerplate: what marked its first marked line
    /// (the extraction's rule, the line judge's score, the site's template).
    /// Absent from the JSON when the passage is not boilerplate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why_boilerplate: Option<String>,
    /// What kinds of fact the edits touch (reworded and moved passages).
    #[serde(default)]
    pub flags: Vec<Flag>,
    /// An unchanged passage whose two versions differ only in typography
    /// (in strict mode such passages are `reworded` instead).
    #[serde(default)]
    pub typographic: bool,
}

/// Whether a stretch of a word-level diff is kept, deleted or inserted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tag {
    Equal,
    Delete,
    Insert,
}

/// A stretch of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffSegment {
    pub tag: Tag,
    /// The text; for `equal`, as it reads in the new version.
    pub text: String,
    /// For `equal` stretches whose old text differs only in typography: the
    /// old text, so that both versions can be rebuilt exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
}

impl DiffSegment {
    pub(crate) fn new(tag: Tag, text: String) -> DiffSegment {
        DiffSegment {
            tag,
            text,
            old: None,
        }
    }
}

/// One field of the article's metadata on both sides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetadataChange {
    /// `title`, `standfirst`, `byline` or `published`.
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// The field differs (beyond typography, unless strict).
    pub changed: bool,
    /// Word-level edits when both sides have the field and it changed.
    pub diff: Vec<DiffSegment>,
}

/// Why a comparison is coarser than usual.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fallback {
    /// A sentence for the reader, e.g. "Word-level detail was skipped for 3 passages …".
    pub reason: String,
}

/// Figures for the whole body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// `2 * words_unchanged / (old_words + new_words)`; 1 for identical texts.
    pub similarity: f64,
    /// Words only in the new version.
    pub words_added: usize,
    /// Words only in the old version.
    pub words_removed: usize,
    /// Words of the old version found unchanged in the new one.
    pub words_unchanged: usize,
    /// Words in the old body.
    pub old_words: usize,
    /// Words in the new body.
    pub new_words: usize,
    /// Share of the old body's words in passages kept word for word.
    pub kept_verbatim: f64,
    /// Share of the old body's words in passages kept but edited.
    pub kept_edited: f64,
    pub paragraphs_unchanged: usize,
    pub paragraphs_added: usize,
    pub paragraphs_removed: usize,
    pub paragraphs_reworded: usize,
    pub paragraphs_moved: usize,
    /// Passages that differ only in typography (not shown unless strict).
    pub typographic_changes: usize,
    /// Boilerplate passages (credits, captions, prompts), not counted.
    pub boilerplate_passages: usize,
    /// Passages whose paragraph breaks changed (split or merged), not counted as changes.
    pub rebroken_passages: usize,
    /// Reworded or moved passages whose edits change a number or date.
    pub numbers_changed: usize,
    /// … change a proper name.
    pub names_changed: usize,
    /// … change words inside quotation marks.
    pub quotes_altered: usize,
    /// One line a journalist can quote.
    pub summary: String,
}

impl Comparison {
    /// True when the bodies differ in anything the options make visible.
    /// Boilerplate (running headers, page numbers, credits) is shown but is
    /// not the body: like the figures and the summary, it is left out, so
    /// the command line's exit code never contradicts "No differences in
    /// the body".
    pub fn has_differences(&self) -> bool {
        self.changes
            .iter()
            .any(|c| c.kind != ChangeKind::Unchanged && !c.boilerplate)
    }
}

/// What kind of fact an edit touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Flag {
    /// A figure, a number word, a weekday or a month changed.
    Number,
    /// A capitalised word inside a sentence (a person, a place, a body) changed.
    Name,
    /// Words inside quotation marks changed.
    Quote,
}
