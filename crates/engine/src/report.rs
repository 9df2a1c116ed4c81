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
            "standfirst" => "Standfirst",
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

/// A self-contained HTML report: opens in any browser, prints well, and
/// carries its own styles. Every piece of article text is escaped.
pub fn html(comparison: &Comparison) -> String {
    let (old, new) = (&comparison.old, &comparison.new);
    let s = &comparison.stats;
    let mut out = String::with_capacity(16 * 1024);
    let title = new
        .title
        .as_deref()
        .or(old.title.as_deref())
        .unwrap_or("Comparison");
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"generator\" content=\"storydiff\">\
         <title>storydiff: {}</title><style>{}</style></head><body>\n",
        escape(title),
        HTML_STYLE
    );
    let _ = writeln!(out, "<header><h1>How the two versions differ</h1>");
    let _ = writeln!(out, "<p class=\"summary\">{}</p>", escape(&s.summary));
    let _ = writeln!(
        out,
        "<p class=\"figures\">Similarity {:.0}% · {} words kept · {} removed · {} added</p>",
        s.similarity * 100.0,
        s.words_unchanged,
        s.words_removed,
        s.words_added
    );
    if let Some(fallback) = &comparison.fallback {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(&fallback.reason));
    }
    out.push_str("<table class=\"meta\"><tr><th></th><th>Old</th><th>New</th></tr>\n");
    let row = |out: &mut String, label: &str, a: &Option<String>, b: &Option<String>| {
        let cell = |v: &Option<String>| v.as_deref().map(escape).unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr><th>{label}</th><td>{}</td><td>{}</td></tr>",
            cell(a),
            cell(b)
        );
    };
    row(&mut out, "Source", &old.source, &new.source);
    row(&mut out, "Site", &old.site, &new.site);
    row(&mut out, "Headline", &old.title, &new.title);
    row(&mut out, "Standfirst", &old.standfirst, &new.standfirst);
    row(&mut out, "Byline", &old.byline, &new.byline);
    row(&mut out, "Published", &old.published, &new.published);
    out.push_str("</table></header>\n<table class=\"diff\"><thead><tr><th></th><th>Old</th><th>New</th></tr></thead><tbody>\n");
    for c in &comparison.changes {
        let (sym, kind) = match c.kind {
            ChangeKind::Unchanged => ("", "unchanged"),
            ChangeKind::Added => ("+", "added"),
            ChangeKind::Removed => ("−", "removed"),
            ChangeKind::Reworded => ("~", "reworded"),
            ChangeKind::Moved => ("↕", "moved"),
        };
        let class = if c.boilerplate {
            format!("{kind} boilerplate")
        } else {
            kind.to_string()
        };
        let (left, right) = if c.diff.is_empty() {
            (escape(&c.old_text), escape(&c.new_text))
        } else {
            let (mut l, mut r) = (String::new(), String::new());
            for seg in &c.diff {
                match seg.tag {
                    Tag::Equal => {
                        l.push_str(&escape(seg.old.as_deref().unwrap_or(&seg.text)));
                        r.push_str(&escape(&seg.text));
                    }
                    Tag::Delete => {
                        let _ = write!(l, "<del>{}</del>", escape(&seg.text));
                    }
                    Tag::Insert => {
                        let _ = write!(r, "<ins>{}</ins>", escape(&seg.text));
                    }
                }
            }
            (l, r)
        };
        let mut notes = String::new();
        if c.kind == ChangeKind::Moved {
            if let Some(i) = c.old_index {
                let _ = write!(notes, "<span class=\"tag\">moved from ¶{}</span> ", i + 1);
            }
        }
        for flag in &c.flags {
            let _ = write!(
                notes,
                "<span class=\"tag\">{}</span> ",
                format!("{flag:?}").to_lowercase()
            );
        }
        if c.boilerplate {
            notes.push_str("<span class=\"tag\">not the story</span> ");
        }
        let _ = writeln!(
            out,
            "<tr class=\"{class}\"><td class=\"sym\">{sym}</td><td>{left}</td><td>{notes}{right}</td></tr>"
        );
    }
    out.push_str("</tbody></table>\n<footer>Made with storydiff.</footer>\n</body></html>\n");
    out
}

/// Escapes text for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

const HTML_STYLE: &str = "\
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI','Noto Sans',sans-serif;color:#1f2328;margin:2rem auto;max-width:1200px;padding:0 1rem}\
h1{font-size:1.3rem}.summary{font-size:1.1rem}.figures,.note,footer{color:#5b636e}\
table{border-collapse:collapse;width:100%}th,td{vertical-align:top;text-align:left;padding:.45rem .6rem;border-top:1px solid #d8dee4}\
table.meta th{width:7rem;color:#5b636e;font-weight:600}table.diff{margin-top:1.5rem}table.diff td{width:48%}\
table.diff td.sym{width:1.5rem;text-align:center;font-weight:700;color:#5b636e}\
tr.removed td:nth-child(2){background:#fbe3d6;text-decoration:line-through}tr.added td:nth-child(3){background:#dbeaf7;text-decoration:underline}\
tr.reworded td.sym{color:#b07800}tr.moved td.sym{color:#a8447f}tr.boilerplate td{opacity:.55;text-decoration:none}\
del{background:#f2b59a;text-decoration:line-through}ins{background:#9cc6ea;text-decoration:underline}\
.tag{font-size:.75em;border:1px solid #999;border-radius:4px;padding:0 .3rem;text-transform:uppercase}\
@media print{body{margin:0;max-width:none}tr{break-inside:avoid}}\
";

#[cfg(test)]
mod tests {
    use crate::{compare, Document, Options};

    #[test]
    fn html_report_escapes_article_text() {
        let old = Document::from_text("Safe text.\n\n<script>alert(1)</script> & more");
        let new = Document::from_text("Safe text.\n\n<img src=x onerror=alert(1)> & more");
        let html = super::html(&compare(&old, &new, &Options::default()));
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(!html.contains("<img src=x"), "{html}");
        // The markup shows as text: escaped, wherever the diff cuts it.
        assert!(
            html.contains("script&gt;") && html.contains("img src=x onerror="),
            "{html}"
        );
        assert!(html.starts_with("<!doctype html>"));
    }
}
