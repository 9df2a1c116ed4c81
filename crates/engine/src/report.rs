//! Reports rendered from a [`Comparison`]: the same result the app shows.

use std::fmt::Write;

use crate::comparison::{Change, ChangeKind, Comparison, Tag};
use crate::document::Document;

/// Unchanged runs longer than this are folded into one line.
const FOLD_UNCHANGED_OVER: usize = 2;

/// A plain-text report for a terminal or an email: the summary, the
/// metadata, then each change; unchanged runs are folded.
///
/// Inside reworded and moved passages, deletions read `[-like this-]` and
/// insertions `{+like this+}`, as in `git diff --word-diff`.
pub fn text(comparison: &Comparison) -> String {
    let mut out = String::new();
    let (old, new) = (&comparison.old, &comparison.new);
    let _ = writeln!(out, "storydiff: {} → {}", source(old), source(new));
    for m in &comparison.metadata {
        let label = match m.field.as_str() {
            "title" => "Headline",
            "byline" => "Byline",
            "published" => "Published",
            other => other,
        };
        match (&m.old, &m.new) {
            (None, None) => {}
            (Some(a), _) if !m.changed => {
                let _ = writeln!(out, "{label}: {a}");
            }
            (Some(_), Some(_)) => {
                let _ = writeln!(out, "{label} changed: {}", markup(&m.diff));
            }
            (a, b) => {
                let none = || "(none)".to_string();
                let (a, b) = (
                    a.clone().unwrap_or_else(none),
                    b.clone().unwrap_or_else(none),
                );
                let _ = writeln!(out, "{label} changed: {a} → {b}");
            }
        }
    }
    let s = &comparison.stats;
    let _ = writeln!(out, "\n{}.", s.summary);
    let _ = writeln!(
        out,
        "Similarity {:.0}% · {} words kept · {} removed · {} added",
        s.similarity * 100.0,
        s.words_unchanged,
        s.words_removed,
        s.words_added
    );
    if let Some(fallback) = &comparison.fallback {
        let _ = writeln!(out, "Note: {}", fallback.reason);
    }
    out.push('\n');

    let changes = &comparison.changes;
    let mut k = 0;
    while k < changes.len() {
        if changes[k].kind == ChangeKind::Unchanged {
            let run = changes[k..]
                .iter()
                .take_while(|c| c.kind == ChangeKind::Unchanged)
                .count();
            if run > FOLD_UNCHANGED_OVER {
                let _ = writeln!(out, "  … {run} unchanged paragraphs …\n");
                k += run;
                continue;
            }
        }
        change(&mut out, &changes[k]);
        k += 1;
    }
    out
}

fn change(out: &mut String, c: &Change) {
    if c.boilerplate {
        let (sign, text) = match c.kind {
            ChangeKind::Removed => ("-", &c.old_text),
            ChangeKind::Added => ("+", &c.new_text),
            _ => (" ", &c.new_text),
        };
        let _ = writeln!(out, "{sign} (boilerplate, not counted) {text}\n");
        return;
    }
    let para = |i: Option<usize>, count: usize| match i {
        None => String::from("?"),
        Some(i) if count > 1 => format!("¶{}–{}", i + 1, i + count),
        Some(i) => format!("¶{}", i + 1),
    };
    match c.kind {
        ChangeKind::Unchanged => {
            let _ = writeln!(out, "  {}\n", c.new_text);
        }
        ChangeKind::Removed => {
            let _ = writeln!(
                out,
                "- REMOVED {}: {}\n",
                para(c.old_index, c.old_count),
                c.old_text
            );
        }
        ChangeKind::Added => {
            let _ = writeln!(
                out,
                "+ ADDED {}: {}\n",
                para(c.new_index, c.new_count),
                c.new_text
            );
        }
        ChangeKind::Reworded | ChangeKind::Moved => {
            let label = if c.kind == ChangeKind::Moved {
                "MOVED"
            } else {
                "REWORDED"
            };
            let arrow = if c.kind == ChangeKind::Moved {
                " from "
            } else {
                " "
            };
            let flags = if c.flags.is_empty() {
                String::new()
            } else {
                let names: Vec<String> = c
                    .flags
                    .iter()
                    .map(|f| format!("{f:?}").to_lowercase())
                    .collect();
                format!(" [{}]", names.join(", "))
            };
            let _ = writeln!(
                out,
                "~ {label}{arrow}{} to {}{flags}: {}\n",
                para(c.old_index, c.old_count),
                para(c.new_index, c.new_count),
                inline_diff(c)
            );
        }
    }
}

/// `[-deleted-]{+inserted+}` markup of a change's word diff.
pub fn inline_diff(c: &Change) -> String {
    if c.diff.is_empty() {
        return c.new_text.clone();
    }
    markup(&c.diff)
}

fn markup(diff: &[crate::comparison::DiffSegment]) -> String {
    diff.iter()
        .map(|seg| match seg.tag {
            Tag::Equal => seg.text.clone(),
            Tag::Delete => format!("[-{}-]", seg.text),
            Tag::Insert => format!("{{+{}+}}", seg.text),
        })
        .collect()
}

fn source(d: &Document) -> &str {
    d.source.as_deref().unwrap_or("(unnamed)")
}
