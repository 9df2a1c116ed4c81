//! storydiff's comparison engine: how two versions of a news article differ.
//!
//! Give it two [`Document`]s (metadata and body paragraphs) and [`Options`];
//! [`compare`] returns one [`Comparison`]: every passage of both versions in
//! reading order, each `unchanged`, `added`, `removed`, `reworded` (old and
//! new paired, with a word-level diff) or `moved`, plus [`Stats`] with a
//! summary line a journalist can quote.
//!
//! ```
//! use storydiff_engine::{compare, ChangeKind, Document, Options};
//!
//! let old = Document::from_text("The mayor resigned on Monday.\n\nShe gave no reason.");
//! let new = Document::from_text("The mayor resigned on Tuesday.\n\nShe gave no reason.");
//! let comparison = compare(&old, &new, &Options::default());
//! assert_eq!(comparison.changes[0].kind, ChangeKind::Reworded);
//! assert_eq!(comparison.changes[1].kind, ChangeKind::Unchanged);
//! ```
//!
//! # How it works
//! Paragraphs are matched first (Patience diff on typographically folded
//! text, then pairing of the leftovers by word overlap, which finds edits
//! in place and moves), then each pair gets a word-level diff with
//! [`similar`]. Tokens are whole words, punctuation and spaces, so a
//! highlight never cuts a word in two. Quote styles, dashes, odd spaces and
//! invisible characters are not news: they are ignored unless
//! [`Options::strict`] is set, and counted in `stats.typographic_changes`.
//!
//! # Deadlines
//! Like `similar`, the engine has no error type: expensive inputs are bounded
//! by [`Options::deadline_ms`]. Past it, remaining pairs are shown as whole
//! paragraphs, which is coarser but still correct, and
//! [`Comparison::fallback`] says why.
//!
//! # Invariants
//! Every old paragraph is the `old_text` of exactly one change and every new
//! paragraph the `new_text` of exactly one; comparing a text with itself
//! gives only `unchanged`; swapping the sides swaps `added` and `removed`.
//!
//! # Tracked changes
//! A Word draft's revisions are two versions in one file. Sources read it
//! as its text before and after them and list each [`Revision`] (author,
//! date, paragraph on each side) on the after-version;
//! [`revisions::revisions_of`] credits them to the changes of a comparison.
//!
//! The engine does no IO: reading files and fetching pages is the job of
//! `storydiff-sources`.

mod align;
mod compare;
mod comparison;
mod document;
mod flags;
pub mod history;
pub mod ledger;
mod normalize;
pub mod report;
pub mod revisions;
mod segment;
mod sentences;
mod swar;
mod words;

pub use compare::{compare, compare_owned};
pub use comparison::Flag;
pub use comparison::{
    Change, ChangeKind, Comparison, DiffSegment, Fallback, MetadataChange, Options, Stats, Tag,
};
pub use document::{rfc3339_utc, split_paragraphs, Document, MARKED_BY_WORDING};
pub use document::{Revision, RevisionKind};
