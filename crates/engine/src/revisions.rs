//! Tracked changes: the revisions recorded inside one file (a Word or
//! OpenDocument draft), credited to the passages of a comparison.
//!
//! A draft with tracked changes holds two versions at once: its text before
//! the revisions and its text after them. Sources read both as
//! [`Document`]s and list each revision, with its author and date, on the
//! after-version ([`Document::revisions`]), naming the paragraph it stands
//! in on each side. [`revisions_of`] finds the revisions behind one change.

use crate::comparison::{Change, Comparison};
use crate::document::Document;
pub use crate::document::{Revision, RevisionKind};

/// The revisions behind one change of a comparison whose new version
/// carries revisions: those whose paragraph lies in the change's old or
/// new paragraphs. Unchanged passages get none.
pub fn revisions_of<'a>(new: &'a Document, change: &Change) -> Vec<&'a Revision> {
    if change.kind == crate::comparison::ChangeKind::Unchanged {
        return Vec::new();
    }
    let within = |index: Option<usize>, start: Option<usize>, count: usize| match (index, start) {
        (Some(i), Some(s)) => i >= s && i < s + count.max(1),
        _ => false,
    };
    new.revisions
        .iter()
        .filter(|r| {
            within(r.old_paragraph, change.old_index, change.old_count)
                || within(r.new_paragraph, change.new_index, change.new_count)
        })
        .collect()
}

/// The authors of a comparison's revisions, in order of first appearance.
pub fn authors(comparison: &Comparison) -> Vec<&str> {
    let mut seen: Vec<&str> = Vec::new();
    for r in &comparison.new.revisions {
        if let Some(a) = r.author.as_deref() {
            if !seen.contains(&a) {
                seen.push(a);
            }
        }
    }
    seen
}

/// A plain-text list of the changes that tracked revisions explain, each
/// with its revisions' authors and dates, for the end of a text report.
/// Empty when the comparison has no revisions.
pub fn text_report(comparison: &Comparison) -> String {
    if comparison.new.revisions.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "Tracked changes: {} revision{} by {}\n",
        comparison.new.revisions.len(),
        if comparison.new.revisions.len() == 1 {
            ""
        } else {
            "s"
        },
        match authors(comparison).as_slice() {
            [] => "an unnamed author".to_string(),
            names => names.join(", "),
        }
    );
    for change in &comparison.changes {
        let revisions = revisions_of(&comparison.new, change);
        if revisions.is_empty() {
            continue;
        }
        let text = if change.new_text.is_empty() {
            &change.old_text
        } else {
            &change.new_text
        };
        let excerpt: String = text.chars().take(60).collect();
        let ellipsis = if text.chars().count() > 60 { "…" } else { "" };
        out.push_str(&format!("  {:?} \"{excerpt}{ellipsis}\"\n", change.kind));
        for r in revisions {
            out.push_str(&format!(
                "    {} by {}{}: \"{}\"\n",
                match r.kind {
                    RevisionKind::Inserted => "inserted",
                    RevisionKind::Deleted => "deleted",
                    RevisionKind::MovedFrom => "moved away",
                    RevisionKind::MovedTo => "moved here",
                },
                r.author.as_deref().unwrap_or("an unnamed author"),
                r.date
                    .as_deref()
                    .map(|d| format!(" on {d}"))
                    .unwrap_or_default(),
                r.text
            ));
        }
    }
    out
}
