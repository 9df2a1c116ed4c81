//! Reports rendered from a [`Comparison`]: the same result the app shows.

use std::borrow::Cow;
use std::fmt::Write;

use crate::comparison::{Change, ChangeKind, Comparison, Tag};
use crate::document::Document;

/// Unchanged runs longer than this are folded into one line.
const FOLD_UNCHANGED_OVER: usize = 2;

/// A byte count as a reader says it ("3.0 MB", "12 KB", "900 bytes"),
/// for messages about sizes and limits.
pub fn human_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else if bytes >= 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

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
        let label = field_label(&m.field);
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

/// Changes listed in the Markdown summary; the rest are counted.
const MARKDOWN_CHANGES: usize = 12;
/// Words of unchanged text kept on each side of an edit in an excerpt.
const EXCERPT_CONTEXT_WORDS: usize = 6;

/// A short Markdown summary to paste into a chat, a note or a story: the
/// two sources, the quotable line, metadata that changed, and the changes
/// worth checking first (passages where quotes, figures or names changed,
/// then the rest in reading order), each as an excerpt with deletions
/// ~~struck~~ and insertions **bold**. Article text is escaped so that it
/// reads as it stands in any Markdown renderer.
pub fn markdown(comparison: &Comparison) -> String {
    let (old, new) = (&comparison.old, &comparison.new);
    let s = &comparison.stats;
    let mut out = String::new();
    let title = new.title.as_deref().or(old.title.as_deref());
    match title {
        Some(t) => {
            let _ = writeln!(out, "**storydiff: {}**\n", md_escape(t));
        }
        None => out.push_str("**storydiff**\n\n"),
    }
    for (label, d) in [("Old", old), ("New", new)] {
        let mut line = format!("- {label}: {}", md_escape(source(d)));
        if let Some(p) = &d.published {
            let _ = write!(line, " ({})", md_escape(p));
        }
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "\n{}.", md_escape(&s.summary));
    if let Some(fallback) = &comparison.fallback {
        let _ = writeln!(out, "\n_{}_", md_escape(&fallback.reason));
    }
    let changed: Vec<_> = comparison.metadata.iter().filter(|m| m.changed).collect();
    if !changed.is_empty() {
        out.push('\n');
        for m in changed {
            let label = field_label(&m.field);
            let side = |v: &Option<String>| v.as_deref().map(md_escape).unwrap_or("(none)".into());
            let _ = writeln!(
                out,
                "- {label} changed: {} → {}",
                side(&m.old),
                side(&m.new)
            );
        }
    }

    // With their place in reading order, to restore it after the cap.
    let mut listed: Vec<(usize, &Change)> = comparison
        .changes
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind != ChangeKind::Unchanged && !c.boilerplate)
        .collect();
    let total = listed.len();
    if total == 0 {
        return out;
    }
    // Flagged passages first, so that a cap never hides an altered quote.
    listed.sort_by_key(|(k, c)| (c.flags.is_empty(), *k));
    listed.truncate(MARKDOWN_CHANGES);
    listed.sort_by_key(|(k, _)| *k);
    out.push_str("\n**Changes**\n\n");
    let para = |i: Option<usize>| i.map(|i| format!("¶{}", i + 1)).unwrap_or_default();
    for (_, c) in &listed {
        let mut head = match c.kind {
            // Old numbering where only the old version has the passage.
            ChangeKind::Removed => format!("Cut old {}", para(c.old_index)),
            ChangeKind::Added => format!("Added {}", para(c.new_index)),
            ChangeKind::Reworded => format!("Reworded {}", para(c.new_index)),
            ChangeKind::Moved => format!("Moved old {} → {}", para(c.old_index), para(c.new_index)),
            ChangeKind::Unchanged => unreachable!("filtered out above"),
        };
        if !c.flags.is_empty() {
            let names: Vec<String> = c
                .flags
                .iter()
                .map(|f| format!("{f:?}").to_lowercase())
                .collect();
            let _ = write!(head, " ({})", names.join(", "));
        }
        let body = match c.kind {
            ChangeKind::Removed => format!("~~{}~~", md_escape(&one_line(&c.old_text))),
            ChangeKind::Added => format!("**{}**", md_escape(&one_line(&c.new_text))),
            _ if c.diff.is_empty() => md_escape(&one_line(&c.new_text)),
            _ => excerpt(&c.diff),
        };
        let _ = writeln!(out, "- {head}: {body}");
    }
    if total > listed.len() {
        let _ = writeln!(
            out,
            "- … and {} more (save the report for every change)",
            total - listed.len()
        );
    }
    out
}

/// A word diff in Markdown: edits in full, unchanged stretches cut to a few
/// words either side of them.
fn excerpt(diff: &[crate::comparison::DiffSegment]) -> String {
    let mut out = String::new();
    let last = diff.len().saturating_sub(1);
    for (k, seg) in diff.iter().enumerate() {
        let text = one_line(&seg.text);
        match seg.tag {
            Tag::Equal => {
                let words: Vec<&str> = text.split(' ').collect();
                let n = EXCERPT_CONTEXT_WORDS;
                // Keep the end of the first stretch, the start of the last,
                // and both ends of stretches between two edits.
                let (head, tail) = match (k == 0, k == last) {
                    (true, true) => (words.len(), 0),
                    (true, false) => (0, n),
                    (false, true) => (n, 0),
                    (false, false) => (n, n),
                };
                if words.len() <= head + tail {
                    out.push_str(&md_escape(&text));
                } else {
                    if head > 0 {
                        out.push_str(&md_escape(&words[..head].join(" ")));
                    }
                    out.push_str(if head > 0 { " … " } else { "… " });
                    if tail > 0 {
                        out.push_str(&md_escape(&words[words.len() - tail..].join(" ")));
                    }
                }
            }
            Tag::Delete => {
                let _ = write!(out, "{}", emphasis("~~", &text));
            }
            Tag::Insert => {
                let _ = write!(out, "{}", emphasis("**", &text));
            }
        }
    }
    out
}

/// Markdown emphasis cannot open or close on a space: keep the spaces of an
/// edit outside its markers.
fn emphasis(marker: &str, text: &str) -> String {
    let inner = text.trim();
    if inner.is_empty() {
        return text.to_string();
    }
    let start = &text[..text.len() - text.trim_start().len()];
    let end = &text[text.trim_end().len()..];
    format!("{start}{marker}{}{marker}{end}", md_escape(inner))
}

/// Runs of white space (paragraph breaks included) become one space: one
/// list item per change. Edge spaces stay, since they separate words from
/// the neighbouring stretch of a diff.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Escapes the characters that Markdown (CommonMark and the chat dialects)
/// would read as markup, so that article text shows as it stands.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '~' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// How a metadata field is named to a reader.
fn field_label(field: &str) -> &str {
    match field {
        "title" => "Headline",
        "standfirst" => "Standfirst",
        "byline" => "Byline",
        "published" => "Published",
        other => other,
    }
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
    fn markdown_escapes_article_text_and_lists_flagged_changes_first() {
        let mut old_text = String::from("Intro stays the same here.");
        let mut new_text = old_text.clone();
        for k in 0..20 {
            old_text.push_str(&format!(
                "\n\nParagraph {k} talks about the harbour at length."
            ));
            new_text.push_str(&format!(
                "\n\nParagraph {k} talks about the harbor at length."
            ));
        }
        old_text.push_str("\n\nShe said \"we will *never* sell\" to the board.");
        new_text.push_str("\n\nShe said \"we may sell\" to the board.");
        let md = super::markdown(&compare(
            &Document::from_text(&old_text),
            &Document::from_text(&new_text),
            &Options::default(),
        ));
        // 21 changes, 12 listed; the altered quote comes last in reading
        // order but is listed, and its asterisks are text.
        assert!(md.contains("(quote)"), "{md}");
        assert!(md.contains("\\*never\\*"), "{md}");
        assert!(md.contains("… and 9 more"), "{md}");
        assert_eq!(md.matches("\n- Reworded").count(), 12, "{md}");
    }

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

// Text bound for a terminal (or a spreadsheet): control characters made visible.
//
// Page text and file names are untrusted, and a terminal obeys the
// escape sequences in what it prints: cursor moves that hide a line,
// window-title changes, OSC 52 clipboard writes. Everything the command
// prints as text (reports, Markdown, articles, messages and warnings)
// goes through [`visible`], which writes each control character as an
// escape a person can read (`\x1b`, `\r`, `\u{202e}`). JSON (serde
// escapes controls) and HTML (a browser ignores them) are already safe.

/// Whether a character may reach the terminal as it is.
fn is_safe(c: char) -> bool {
    match c {
        '\n' | '\t' => true,
        // C0 controls, DEL, C1 controls (U+009B is a CSI of its own).
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => false,
        // Bidirectional overrides and isolates reorder what the reader
        // sees ("Trojan Source"); line and paragraph separators break lines.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' => false,
        _ => true,
    }
}

/// `text` with every control character written as a visible escape.
pub fn visible(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_safe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            c if is_safe(c) => out.push(c),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod visible_tests {
    use super::visible;

    #[test]
    fn regression_terminal_escape_sequences_are_made_visible() {
        // A cursor move, an OSC 52 clipboard write, a title change, a C1 CSI.
        let hostile = "Mayor \x1b[2Aresigns\x1b]52;c;ZWNobyBwd25lZA==\x07 \x1b]0;title\x07\u{9b}31m \u{202e}cba";
        let shown = visible(hostile);
        assert!(
            !shown
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{shown}"
        );
        assert!(!shown.contains('\u{202e}'));
        assert_eq!(
            shown,
            "Mayor \\x1b[2Aresigns\\x1b]52;c;ZWNobyBwd25lZA==\\x07 \\x1b]0;title\\x07\\x9b31m \\u{202e}cba"
        );
        assert_eq!(visible("plain\ttext\n"), "plain\ttext\n");
    }
}
