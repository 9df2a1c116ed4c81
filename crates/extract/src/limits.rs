//! Bounds on a page's shape, applied before any HTML parser sees it.
//!
//! A page under the size cap can still be built to break the extractors:
//! dom_smoothie and trafilatura walk the tree recursively and look at
//! ancestors, so a page nested a hundred thousand levels deep overflows the
//! stack and ten thousand levels take minutes; a tag with a million
//! attributes is quadratic in the parser's duplicate check; and every
//! element costs a few hundred bytes of tree, twice (each extractor builds
//! its own), so megabytes of `<br>` take gigabytes.
//!
//! One linear pass over the text of the page (no tree, bounded memory)
//! fixes the shape before the extractors run ([`bound`]):
//! - **depth**: a start tag more than [`MAX_DEPTH`] levels down is dropped
//!   with its end tag; its text stays, and a dropped block-level tag
//!   becomes a `<br>` so that its paragraphs stay apart;
//! - **width**: attributes past [`MAX_ATTRIBUTES`] on one tag are dropped;
//! - **size**: a page of more than [`MAX_ELEMENTS`] tags, or more than
//!   [`MAX_PARSED_BYTES`], is not parsed at all: its text is read straight
//!   from this pass, paragraph by paragraph at block tags
//!   ([`plain_text`]), and the reader is told so;
//! - **work**: extraction time follows the bytes outside scripts and
//!   styles plus [`TAG_WORK`] a tag ([`Bounded::work`]); past
//!   [`FULL_WORK`] the page is read by dom_smoothie alone (trafilatura's
//!   second opinion is two thirds of the time), past [`MAX_WORK`] as
//!   plain text, each with a notice ([`Reading`]);
//! - **lines**: a page read as plain text with more than
//!   [`MAX_PLAIN_LINES`] lines has its runs of short lines joined, where
//!   the lines' own text says ([`group_lines`]), with a notice.
//!
//! The pass models the parser's stack of open elements only as far as it
//! must: void elements, raw-text elements (`<script>`, `<style>`, …),
//! self-closing tags inside `<svg>`/`<math>`, and the end tags that HTML
//! implies (`<p>` closed by a block, `<li>` by the next `<li>`). Where the
//! model is unsure it errs towards counting a level too many, never too
//! few: the real tree is never deeper than the model says.

use std::collections::HashMap;

use storydiff_engine::Document;

use crate::boilerplate::find_boilerplate;
use crate::NoArticle;

/// Open elements kept at most; deeper start tags are dropped. Articles
/// nest 20 to 40 levels; dom_smoothie's recursion needs well under a
/// megabyte of stack at this depth even in a debug build.
pub(crate) const MAX_DEPTH: usize = 128;
/// Attributes kept on one tag (pages use a handful; 64 keeps any real one).
pub(crate) const MAX_ATTRIBUTES: usize = 64;
/// The stack of the thread that extracts: reserved address space, used
/// only as deep as the tree goes.
pub(crate) const EXTRACTION_STACK: usize = 256 * 1024 * 1024;
/// Tags in a page above which it is read as plain text, not parsed. A long
/// news page has 2,000 to 20,000; a very long one (a live blog, an
/// encyclopedia article) under 100,000.
pub(crate) const MAX_ELEMENTS: usize = 150_000;
/// Bytes of HTML above which a page is read as plain text, not parsed:
/// the two extractors' trees take about 20 times the page.
pub(crate) const MAX_PARSED_BYTES: usize = 8 * 1024 * 1024;
/// What one tag costs the extractors, in bytes of page: a tag is a node
/// in three trees (dom_smoothie's, trafilatura's and the line walk's),
/// walked several times. Measured on pages of short paragraphs, of one
/// long paragraph and of many attributes (docs/security.md, "Hostile input"):
/// extraction time follows the bytes outside scripts and styles plus
/// this many bytes a tag.
const TAG_WORK: usize = 20;
/// Work ([`Bounded::work`]) above which trafilatura's second opinion (and
/// its date and standfirst) is skipped: it is about two thirds of the
/// extraction's time, and a page of this much work took about 2.5 s with
/// both extractors. A long news page is about a tenth of it.
pub(crate) const FULL_WORK: usize = 3_000_000;
/// Work above which a page is read as plain text even within the tag and
/// byte caps: dom_smoothie alone takes about 3 s at this much.
pub(crate) const MAX_WORK: usize = 9_000_000;
/// Lines of a page read as plain text above which runs of short lines are
/// joined into one paragraph ([`group_lines`]): every paragraph costs the
/// comparison some 300 bytes beside its text, so millions of three-word
/// lines took 25 times their page.
pub(crate) const MAX_PLAIN_LINES: usize = 500_000;

/// The bounds on extraction work, as one value so that tests can cross
/// each with a small page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    /// [`FULL_WORK`].
    pub full_work: usize,
    /// [`MAX_WORK`].
    pub max_work: usize,
    /// [`MAX_PLAIN_LINES`].
    pub max_lines: usize,
}

impl Budget {
    pub(crate) const DEFAULT: Budget = Budget {
        full_work: FULL_WORK,
        max_work: MAX_WORK,
        max_lines: MAX_PLAIN_LINES,
    };
}

/// A page with its shape bounded, and what was done to it.
#[derive(Debug)]
pub(crate) struct Bounded {
    /// The HTML to parse: the page itself when nothing was capped.
    pub html: String,
    /// Start tags dropped for depth.
    pub dropped_tags: usize,
    /// Attributes dropped for width.
    pub dropped_attributes: usize,
    /// Tags in the page (start, end and void).
    pub elements: usize,
    /// Bytes of the page as given.
    pub bytes: usize,
    /// Bytes inside scripts, styles and other raw-text elements (counted
    /// only for pages under the caps).
    pub raw_bytes: usize,
}

/// How a page is read, by how much work its extraction would be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// Both extractors, with every rule.
    Full,
    /// dom_smoothie alone: trafilatura's second opinion, date and
    /// standfirst are skipped.
    Lean,
    /// Not parsed: the text read straight from the page.
    PlainText,
}

impl Bounded {
    /// Whether the page is too large to parse and must be read as plain text.
    pub fn too_large(&self) -> bool {
        self.elements > MAX_ELEMENTS || self.bytes > MAX_PARSED_BYTES
    }

    /// What extracting the page costs, in bytes: the bytes outside scripts
    /// and styles, and [`TAG_WORK`] a tag.
    pub fn work(&self) -> usize {
        self.bytes.saturating_sub(self.raw_bytes) + TAG_WORK * self.elements
    }

    /// How the page is read: the rule looks only at sizes any page has.
    pub fn reading(&self, budget: &Budget) -> Reading {
        if self.too_large() || self.work() > budget.max_work {
            Reading::PlainText
        } else if self.work() > budget.full_work {
            Reading::Lean
        } else {
            Reading::Full
        }
    }

    /// What the reader should know, in their words; empty when nothing was capped.
    #[cfg(test)]
    pub fn notices(&self) -> Vec<String> {
        self.notices_within(&Budget::DEFAULT)
    }

    /// [`Bounded::notices`] for a given budget.
    pub fn notices_within(&self, budget: &Budget) -> Vec<String> {
        let mut notices = Vec::new();
        if self.too_large() {
            notices.push(format!(
                "the page is too large to find its article in ({} tags, {:.1} MB of HTML; storydiff parses at most {} tags and {} MB): its whole text is compared, menus and all.",
                self.elements,
                self.bytes as f64 / (1024.0 * 1024.0),
                MAX_ELEMENTS,
                MAX_PARSED_BYTES / (1024 * 1024)
            ));
        } else {
            let (tags, megabytes) = (
                self.elements,
                self.bytes.saturating_sub(self.raw_bytes) as f64 / (1024.0 * 1024.0),
            );
            match self.reading(budget) {
                Reading::PlainText => notices.push(format!(
                    "the page is too large to find its article in within a few seconds ({tags} tags, {megabytes:.1} MB of text and markup outside scripts): its whole text is compared, menus and all."
                )),
                Reading::Lean => notices.push(format!(
                    "the page is large ({tags} tags, {megabytes:.1} MB of text and markup outside scripts): to keep its extraction to a few seconds its article was found by one extractor (dom_smoothie) without trafilatura's second opinion, so more menu or caption lines may remain and the date and standfirst come from the page's metadata only."
                )),
                Reading::Full => {}
            }
        }
        if !self.too_large() && self.dropped_tags > 0 {
            notices.push(format!(
                "the page nests its elements more than {MAX_DEPTH} levels deep; {} deeper tags were read as line breaks or plain text.",
                self.dropped_tags
            ));
        }
        if self.dropped_attributes > 0 {
            notices.push(format!(
                "{} attributes past the first {MAX_ATTRIBUTES} of a tag were ignored.",
                self.dropped_attributes
            ));
        }
        notices
    }
}

/// One token of a page, as the HTML tokenizer would see it (roughly).
#[derive(Debug, PartialEq, Eq)]
enum Token<'a> {
    /// Text between tags.
    Text(&'a str),
    /// `<name …>`: `kept` is the tag's text cut after its first
    /// [`MAX_ATTRIBUTES`] attributes (without the closing `>`), `attributes`
    /// how many it had.
    Start {
        name: &'a str,
        kept: &'a str,
        attributes: usize,
        self_closing: bool,
        whole: &'a str,
    },
    /// `</name …>`.
    End { name: &'a str, whole: &'a str },
    /// Comments, doctypes, processing instructions: not elements.
    Other(&'a str),
    /// The content of a raw-text element (`<script>`, `<style>`, `<title>`…).
    Raw(&'a str),
}

/// Elements without content or end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "basefont"
            | "bgsound"
            | "frame"
            | "image"
    )
}

/// Whether a script's or a style's text can be left out of what the
/// readers parse: half the bytes of a news page are code and CSS, which
/// both HTML parsers would tokenise and both readers walk past, and no
/// reader takes text from them (data blocks, which they do read, are kept
/// by the caller). A style ends at the first `</style`, as this pass
/// reads it. A script does too unless it holds `<!--`, after which the
/// parser's escaped states may let a `</script>` inside it pass: such a
/// script is kept whole, so the parser still sees where it really ends.
fn unread_raw_text(name: &str, text: &str) -> bool {
    name == "style" || !text.contains("<!--")
}

/// Elements whose content is text, not tags, up to their end tag.
fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "textarea" | "title" | "xmp" | "iframe" | "noembed" | "noframes"
    )
}

/// Elements that start a new block: a paragraph break in plain text, and a
/// `<br>` where the tag is dropped for depth.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "br"
            | "li"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "body"
            | "html"
    )
}

/// Start tags that close an open `<p>` (HTML's "close a p element").
fn closes_p(name: &str) -> bool {
    is_block(name)
        && !matches!(
            name,
            "br" | "caption" | "tbody" | "td" | "tfoot" | "th" | "thead" | "tr" | "body" | "html"
        )
}

/// Elements that stop the search for an element to close implicitly
/// (a subset of HTML's scope markers).
fn is_scope_boundary(name: &str) -> bool {
    matches!(
        name,
        "applet"
            | "caption"
            | "html"
            | "table"
            | "td"
            | "th"
            | "marquee"
            | "object"
            | "template"
            | "button"
            | "svg"
            | "math"
    )
}

/// HTML's formatting elements, which the parser reopens after a block
/// closes them (`a` is left out: a new `<a>` closes the last one).
fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "b" | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    )
}

/// HTML's "special" elements (those a new list item does not close past).
fn is_special(name: &str) -> bool {
    is_block(name)
        || is_void(name)
        || is_raw_text(name)
        || is_scope_boundary(name)
        || matches!(
            name,
            "colgroup" | "frameset" | "head" | "noscript" | "plaintext" | "search" | "select"
        )
}

/// A tokenizer over a page: linear, no allocation.
struct Tokens<'a> {
    html: &'a str,
    at: usize,
    /// Set after a raw-text start tag: its content comes next.
    raw: Option<&'a str>,
}

impl<'a> Tokens<'a> {
    fn new(html: &'a str) -> Tokens<'a> {
        Tokens {
            html,
            at: 0,
            raw: None,
        }
    }
}

/// The first `</name` (any case) at or after `from`, followed by a tag-name end.
fn find_end_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(i) = html[at..].find("</") {
        let start = at + i;
        let name_at = start + 2;
        let end = name_at + name.len();
        if end <= bytes.len()
            && bytes[name_at..end].eq_ignore_ascii_case(name.as_bytes())
            && bytes
                .get(end)
                .is_none_or(|b| matches!(b, b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
        {
            return Some(start);
        }
        at = start + 2;
    }
    None
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let html = self.html;
        let bytes = html.as_bytes();
        if self.at >= bytes.len() {
            return None;
        }
        if let Some(name) = self.raw.take() {
            let end = if name == "plaintext" {
                None
            } else {
                find_end_tag(html, self.at, name)
            }
            .unwrap_or(bytes.len());
            let content = &html[self.at..end];
            self.at = end;
            if !content.is_empty() {
                return Some(Token::Raw(content));
            }
            if self.at >= bytes.len() {
                return None;
            }
        }
        let start = self.at;
        if bytes[start] != b'<' {
            let end = html[start..].find('<').map_or(bytes.len(), |i| start + i);
            self.at = end;
            return Some(Token::Text(&html[start..end]));
        }
        let next = bytes.get(start + 1).copied();
        match next {
            Some(b'!') if html[start..].starts_with("<!--") => {
                let body = start + 4;
                let end = if html[body..].starts_with('>') {
                    body + 1
                } else if html[body..].starts_with("->") {
                    body + 2
                } else {
                    html[body..]
                        .find("-->")
                        .map_or(bytes.len(), |i| body + i + 3)
                };
                self.at = end;
                Some(Token::Other(&html[start..end]))
            }
            Some(b'!' | b'?') => {
                let end = html[start..]
                    .find('>')
                    .map_or(bytes.len(), |i| start + i + 1);
                self.at = end;
                Some(Token::Other(&html[start..end]))
            }
            Some(b'/') if bytes.get(start + 2).is_some_and(u8::is_ascii_alphabetic) => {
                let name_end = (start + 2..bytes.len())
                    .find(|&i| is_space(bytes[i]) || matches!(bytes[i], b'/' | b'>'))
                    .unwrap_or(bytes.len());
                let (end, _, _, _) = attributes(bytes, name_end);
                self.at = end;
                Some(Token::End {
                    name: &html[start + 2..name_end],
                    whole: &html[start..end],
                })
            }
            Some(b'/') => {
                // "</>" is nothing; "</ x>" a bogus comment.
                let end = html[start..]
                    .find('>')
                    .map_or(bytes.len(), |i| start + i + 1);
                self.at = end;
                Some(Token::Other(&html[start..end]))
            }
            Some(b) if b.is_ascii_alphabetic() => {
                let name_end = (start + 1..bytes.len())
                    .find(|&i| is_space(bytes[i]) || matches!(bytes[i], b'/' | b'>'))
                    .unwrap_or(bytes.len());
                let (end, count, cut, self_closing) = attributes(bytes, name_end);
                self.at = end;
                let name = &html[start + 1..name_end];
                // Known names only: the literal keeps the borrow on `html`
                // (and no lowered copy is made for every tag of the page).
                if let Some(raw) = RAW_NAMES
                    .iter()
                    .copied()
                    .find(|n| n.eq_ignore_ascii_case(name))
                {
                    self.raw = Some(raw);
                }
                Some(Token::Start {
                    name,
                    kept: &html[start..cut.unwrap_or(end)],
                    attributes: count,
                    self_closing,
                    whole: &html[start..end],
                })
            }
            _ => {
                // A "<" that starts no tag is text.
                let end = html[start + 1..]
                    .find('<')
                    .map_or(bytes.len(), |i| start + 1 + i);
                self.at = end;
                Some(Token::Text(&html[start..end]))
            }
        }
    }
}

const RAW_NAMES: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Reads a tag's attributes from `from` (just after its name) to its `>`:
/// returns the offset after the tag, the number of attributes, where the
/// tag's text is cut to keep [`MAX_ATTRIBUTES`] (if it must be), and
/// whether it ends in `/>`.
fn attributes(bytes: &[u8], from: usize) -> (usize, usize, Option<usize>, bool) {
    let mut i = from;
    let mut count = 0;
    let mut cut = None;
    let mut slash = false;
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            slash = bytes[i] == b'/';
            i += 1;
        }
        if i >= bytes.len() {
            return (bytes.len(), count, cut, false);
        }
        if bytes[i] == b'>' {
            let end_of_kept = if slash { i - 1 } else { i };
            return (i + 1, count, cut.map(|c: usize| c.min(end_of_kept)), slash);
        }
        slash = false;
        if count == MAX_ATTRIBUTES {
            cut = Some(i);
        }
        count += 1;
        // The name: up to a space, "/", ">" or "=" (a leading "=" belongs to it).
        let name_start = i;
        while i < bytes.len()
            && !is_space(bytes[i])
            && !matches!(bytes[i], b'/' | b'>')
            && (bytes[i] != b'=' || i == name_start)
        {
            i += 1;
        }
        let mut j = i;
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == b'=' {
            j += 1;
            while j < bytes.len() && is_space(bytes[j]) {
                j += 1;
            }
            match bytes.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    j += 1;
                    while j < bytes.len() && bytes[j] != q {
                        j += 1;
                    }
                    i = (j + 1).min(bytes.len());
                }
                _ => {
                    while j < bytes.len() && !is_space(bytes[j]) && bytes[j] != b'>' {
                        j += 1;
                    }
                    i = j;
                }
            }
        }
    }
}

/// Extracts a page with `extract` after bounding its shape; a page too
/// large to parse is read as plain text. Returns the notices to show.
pub(crate) fn extract_bounded(
    html: &str,
    url: Option<&str>,
    extract: fn(&str, Option<&str>, bool) -> Result<Document, NoArticle>,
) -> Result<(Document, Vec<String>), NoArticle> {
    extract_within(html, url, extract, &Budget::DEFAULT)
}

/// [`extract_bounded`] within a given budget.
pub(crate) fn extract_within(
    html: &str,
    url: Option<&str>,
    extract: fn(&str, Option<&str>, bool) -> Result<Document, NoArticle>,
    budget: &Budget,
) -> Result<(Document, Vec<String>), NoArticle> {
    let max_lines = budget.max_lines;
    let bounded = bound(html);
    let mut notices = bounded.notices_within(budget);
    let reading = bounded.reading(budget);
    if reading != Reading::PlainText {
        let second_opinion = reading == Reading::Full;
        // The extractors recurse over the tree. Its depth is bounded here,
        // but the parser may still reopen formatting elements (three of
        // each per table cell) past what this pass counts, so they run on
        // a thread whose stack holds many times the bound, whatever the
        // caller's thread (a tokio worker has 2 MiB).
        let result = std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name("storydiff-extract".to_string())
                .stack_size(EXTRACTION_STACK)
                .spawn_scoped(scope, || extract(&bounded.html, url, second_opinion))
                .map(|thread| thread.join())
        });
        return match result {
            Ok(Ok(result)) => result.map(|document| (document, notices)),
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            // No thread to be had: extract here, within the bound.
            Err(_) => {
                extract(&bounded.html, url, second_opinion).map(|document| (document, notices))
            }
        };
    }
    drop(bounded);
    let (title, lines) = plain_lines(html);
    if lines.is_empty() {
        return Err(NoArticle {
            found: "a page with no readable text".to_string(),
        });
    }
    let (paragraphs, boilerplate) = if lines.len() > max_lines {
        let paragraphs = group_lines(&lines);
        notices.push(format!(
            "the page has {} lines of text, more than the {max_lines} that storydiff compares one by one: runs of short lines were joined into {} paragraphs (a changed line shows inside its run) and no line is marked as boilerplate.",
            lines.len(),
            paragraphs.len()
        ));
        drop(lines);
        (paragraphs, Vec::new())
    } else {
        let paragraphs = lines.into_strings();
        let boilerplate = find_boilerplate(&paragraphs);
        (paragraphs, boilerplate)
    };
    let document = Document {
        source: url.map(str::to_string),
        title,
        boilerplate,
        paragraphs,
        ..Document::default()
    };
    Ok((document, notices))
}

/// The lines of a page read as plain text, in one buffer: millions of
/// lines as millions of `String`s took 56 bytes each before any was kept.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    text: String,
    /// Where each line ends in `text` (the next begins there).
    ends: Vec<usize>,
    /// Where the line being read begins.
    start: usize,
    /// Whitespace was read since the last word of the line being read.
    space: bool,
}

impl Lines {
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The lines in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(a, &b)| &self.text[a..b])
    }

    fn to_strings(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }

    /// The lines as strings, the buffer given back as they are taken (from
    /// the end, a megabyte at a time), so that the text is not held twice:
    /// two 48 MB pages read at once held 100 MB more.
    fn into_strings(mut self) -> Vec<String> {
        let mut out = Vec::with_capacity(self.ends.len());
        let mut taken = 0;
        while let Some(end) = self.ends.pop() {
            let start = self.ends.last().copied().unwrap_or(0);
            out.push(self.text[start..end].to_string());
            self.text.truncate(start);
            taken += end - start;
            if taken > 1 << 20 {
                self.text.shrink_to_fit();
                taken = 0;
            }
        }
        out.reverse();
        out
    }

    /// Adds text to the line being read, spaces collapsed to one, as
    /// `split_whitespace().join(" ")` of the line's whole text would.
    fn push(&mut self, chunk: &str) {
        for (i, piece) in chunk.split(char::is_whitespace).enumerate() {
            self.space |= i > 0;
            if piece.is_empty() {
                continue;
            }
            if self.space && self.text.len() > self.start {
                self.text.push(' ');
            }
            self.space = false;
            self.text.push_str(piece);
        }
    }

    /// Ends the line being read (nothing if it is empty).
    fn flush(&mut self) {
        if self.text.len() > self.start {
            self.ends.push(self.text.len());
            self.start = self.text.len();
        }
        self.space = false;
    }
}

/// A line at least this long (in bytes) is a paragraph of its own when
/// lines are grouped: it reads as a paragraph, not as a line of a list.
const GROUP_LONG_LINE: usize = 200;
/// Short lines in a group at least, and at most.
const GROUP_MIN: usize = 8;
const GROUP_MAX: usize = 64;

/// Joins runs of short lines into paragraphs, with a line break between
/// lines. Where a run ends depends only on the lines' own text (after a
/// line whose hash is a multiple of 8, once the run has [`GROUP_MIN`]
/// lines; at [`GROUP_MAX`] lines; before a long line), never on where
/// the line stands: an added or cut line changes its own run, and the
/// runs after it are the same on both sides, so they still match as
/// unchanged.
pub(crate) fn group_lines(lines: &Lines) -> Vec<String> {
    let mut out = Vec::new();
    let mut group = String::new();
    let mut in_group = 0usize;
    for line in lines.iter() {
        if line.len() >= GROUP_LONG_LINE {
            if in_group > 0 {
                out.push(std::mem::take(&mut group));
                in_group = 0;
            }
            out.push(line.to_string());
            continue;
        }
        if in_group > 0 {
            group.push('\n');
        }
        group.push_str(line);
        in_group += 1;
        if (in_group >= GROUP_MIN && fnv1a(line) % 8 == 0) || in_group >= GROUP_MAX {
            out.push(std::mem::take(&mut group));
            in_group = 0;
        }
    }
    if in_group > 0 {
        out.push(group);
    }
    out
}

/// FNV-1a: a fixed hash, the same on every run and machine.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The page with its depth and width bounded (see the module's guide).
pub(crate) fn bound(html: &str) -> Bounded {
    let mut too_large = html.len() > MAX_PARSED_BYTES;
    let mut out = String::with_capacity(if too_large { 0 } else { html.len() });
    let mut stack: Vec<String> = Vec::new();
    // How many of each element are open in `stack`: an end tag for an
    // element that is not open is looked for no further.
    let mut open: HashMap<String, usize> = HashMap::new();
    // Start tags dropped for depth, by name, whose end tags are still to come.
    let mut excess: HashMap<String, usize> = HashMap::new();
    let mut foreign = 0usize;
    // Whether a dropped block tag's line break stands last in `out`: a
    // run of dropped tags with no text between needs one break, not
    // thousands.
    let mut broke = false;
    let (mut dropped_tags, mut dropped_attributes, mut elements) = (0, 0, 0);
    let mut raw_bytes = 0;
    // Whether the raw text coming next is a script's or a style's that no
    // reader needs (see `unread_raw_text`).
    let mut unread = None;
    let pop_to = |stack: &mut Vec<String>,
                  open: &mut HashMap<String, usize>,
                  foreign: &mut usize,
                  at: usize| {
        for name in stack.drain(at..) {
            if let Some(n) = open.get_mut(&name) {
                *n -= 1;
            }
            if name == "svg" || name == "math" {
                *foreign -= 1;
            }
        }
    };
    for token in Tokens::new(html) {
        if too_large {
            // Only counting now: the page will be read as plain text.
            if matches!(token, Token::Start { .. } | Token::End { .. }) {
                elements += 1;
            }
            continue;
        }
        match token {
            Token::Text(t) => {
                broke &= t.trim().is_empty();
                out.push_str(t);
            }
            Token::Other(t) => out.push_str(t),
            Token::Raw(t) => {
                raw_bytes += t.len();
                if !unread.take().is_some_and(|name| unread_raw_text(name, t)) {
                    out.push_str(t);
                }
            }
            Token::Start {
                name,
                kept,
                attributes,
                self_closing,
                whole,
            } => {
                elements += 1;
                let lower = name.to_ascii_lowercase();
                let bare;
                let tag = if is_formatting(&lower) && attributes > 0 {
                    // Without attributes, the parser keeps at most three of
                    // each formatting element to reopen after a block
                    // closes them ("Noah's ark"); with distinct attributes
                    // it reopens them all, and `<div><b x=1></div>…`
                    // repeated would nest without bound behind this model.
                    bare = format!("<{name}");
                    bare.as_str()
                } else if attributes > MAX_ATTRIBUTES {
                    dropped_attributes += attributes - MAX_ATTRIBUTES;
                    kept
                } else {
                    whole
                };
                let closed = |out: &mut String| {
                    out.push_str(tag);
                    if tag.len() != whole.len() {
                        out.push_str(if self_closing { "/>" } else { ">" });
                    }
                };
                if is_void(&lower) || (self_closing && foreign > 0) {
                    closed(&mut out);
                    continue;
                }
                // The end tags HTML implies, looked for near the top only:
                // missing one errs towards counting too deep.
                // `scoped`: a scope marker stops the search; `special`: so
                // does any special element but address, div and p (HTML's
                // rule for a new `<li>`, `<dd>`, `<dt>`).
                let implied = |stack: &[String], target: &[&str], stop: &[&str], scoped: bool| {
                    let special = target.contains(&"li") || target.contains(&"dd");
                    for (i, n) in stack.iter().enumerate().rev().take(32) {
                        if target.contains(&n.as_str()) {
                            return Some(i);
                        }
                        if stop.contains(&n.as_str())
                            || (scoped && is_scope_boundary(n))
                            || (special
                                && is_special(n)
                                && !matches!(n.as_str(), "address" | "div" | "p"))
                        {
                            return None;
                        }
                    }
                    None
                };
                let close_at = if closes_p(&lower) && open.get("p").is_some_and(|&n| n > 0) {
                    implied(&stack, &["p"], &[], true)
                } else {
                    None
                };
                if let Some(i) = close_at {
                    pop_to(&mut stack, &mut open, &mut foreign, i);
                }
                let close_at = match lower.as_str() {
                    "li" => implied(&stack, &["li"], &["ul", "ol"], true),
                    "dd" | "dt" => implied(&stack, &["dd", "dt"], &["dl"], true),
                    "tr" => implied(
                        &stack,
                        &["tr"],
                        &["table", "tbody", "thead", "tfoot"],
                        false,
                    ),
                    "td" | "th" => implied(&stack, &["td", "th"], &["tr", "table"], false),
                    // Only an option that is the current node is closed.
                    "option" => (stack.last().map(String::as_str) == Some("option"))
                        .then(|| stack.len() - 1),
                    _ => None,
                };
                if let Some(i) = close_at {
                    pop_to(&mut stack, &mut open, &mut foreign, i);
                }
                if stack.len() >= MAX_DEPTH && !is_raw_text(&lower) && lower != "plaintext" {
                    dropped_tags += 1;
                    if is_block(&lower) && !broke {
                        out.push_str("<br>");
                        broke = true;
                    }
                    *excess.entry(lower).or_default() += 1;
                    continue;
                }
                closed(&mut out);
                broke = false;
                if is_raw_text(&lower) || lower == "plaintext" {
                    unread = match lower.as_str() {
                        "style" => Some("style"),
                        // JSON-LD and other data blocks: the readers take
                        // the headline, byline and date from them.
                        "script" if !whole.to_ascii_lowercase().contains("json") => Some("script"),
                        _ => None,
                    };
                    continue; // no children: its content is text
                }
                if lower == "svg" || lower == "math" {
                    foreign += 1;
                }
                match open.get_mut(lower.as_str()) {
                    Some(n) => *n += 1,
                    None => {
                        open.insert(lower.clone(), 1);
                    }
                }
                stack.push(lower);
            }
            Token::End { name, whole } => {
                elements += 1;
                let lower = name.to_ascii_lowercase();
                if let Some(n) = excess.get_mut(&lower).filter(|n| **n > 0) {
                    *n -= 1;
                    if is_block(&lower) && !broke {
                        out.push_str("<br>");
                        broke = true;
                    }
                    continue;
                }
                broke = false;
                if open.get(&lower).is_some_and(|&n| n > 0) {
                    // The parser ignores an end tag whose element is not in
                    // scope (a cell or a table stands between), so the
                    // search stops there; a table's end tags close its
                    // open cells. Stopping early only counts too deep.
                    let table_end =
                        matches!(lower.as_str(), "table" | "tbody" | "thead" | "tfoot" | "tr");
                    let mut at = None;
                    for (i, n) in stack.iter().enumerate().rev().take(64) {
                        if *n == lower {
                            at = Some(i);
                            break;
                        }
                        let passes = table_end && matches!(n.as_str(), "td" | "th" | "caption");
                        if (is_scope_boundary(n) && !passes)
                            || (lower == "li" && matches!(n.as_str(), "ul" | "ol"))
                        {
                            break;
                        }
                    }
                    if let Some(i) = at {
                        pop_to(&mut stack, &mut open, &mut foreign, i);
                    }
                }
                out.push_str(whole);
            }
        }
        if elements > MAX_ELEMENTS {
            too_large = true;
            out = String::new();
        }
    }
    Bounded {
        html: if too_large { String::new() } else { out },
        dropped_tags,
        dropped_attributes,
        elements,
        bytes: html.len(),
        raw_bytes,
    }
}

/// The text of a page read without parsing it: paragraphs at block tags
/// and `<br>`, the content of scripts, styles and the `<head>` skipped
/// (the `<title>` is returned apart), character references decoded,
/// spaces collapsed.
pub(crate) fn plain_text(html: &str) -> (Option<String>, Vec<String>) {
    let (title, lines) = plain_lines(html);
    (title, lines.to_strings())
}

/// [`plain_text`]'s lines in one buffer, read in one pass that allocates
/// only as the text grows (a tag's name is lowered into one reused buffer).
pub(crate) fn plain_lines(html: &str) -> (Option<String>, Lines) {
    let mut lines = Lines::default();
    let mut title = None;
    let mut skip: Option<&'static str> = None;
    let mut in_title = false;
    let mut lower = String::new();
    for token in Tokens::new(html) {
        match token {
            Token::Text(t) if skip.is_none() => lines.push(&decode_references(t)),
            Token::Raw(t) if in_title => {
                let t = decode_references(t);
                let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
                if title.is_none() && !t.is_empty() {
                    title = Some(t);
                }
            }
            Token::Start { name, .. } => {
                lower.clear();
                lower.push_str(name);
                lower.make_ascii_lowercase();
                in_title = lower == "title";
                if skip.is_none() {
                    skip = ["head", "template", "noscript", "svg", "math"]
                        .into_iter()
                        .find(|n| *n == lower);
                }
                if is_block(&lower) {
                    lines.flush();
                }
                if lower == "body" {
                    skip = None;
                }
            }
            Token::End { name, .. } => {
                lower.clear();
                lower.push_str(name);
                lower.make_ascii_lowercase();
                in_title = false;
                if skip == Some(lower.as_str()) {
                    skip = None;
                }
                if is_block(&lower) {
                    lines.flush();
                }
            }
            _ => {}
        }
    }
    lines.flush();
    (title, lines)
}

/// Decodes the character references that text uses (`&amp;`, `&#8217;`,
/// `&#x2019;` and the common named ones); others stay as written.
fn decode_references(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    const NAMED: &[(&str, &str)] = &[
        ("amp", "&"),
        ("lt", "<"),
        ("gt", ">"),
        ("quot", "\""),
        ("apos", "'"),
        ("nbsp", "\u{a0}"),
        ("mdash", "\u{2014}"),
        ("ndash", "\u{2013}"),
        ("lsquo", "\u{2018}"),
        ("rsquo", "\u{2019}"),
        ("ldquo", "\u{201c}"),
        ("rdquo", "\u{201d}"),
        ("hellip", "\u{2026}"),
        ("pound", "£"),
        ("euro", "€"),
        ("copy", "©"),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(';').map(|i| i + 1).filter(|&i| i <= 10);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = if let Some(num) = name.strip_prefix('#') {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                n.and_then(char::from_u32).map(String::from)
            } else {
                NAMED
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push_str(&c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The deepest nesting of `html` as this module's own model counts it,
    /// and the most attributes on one tag.
    fn shape(html: &str) -> (usize, usize) {
        let (mut depth, mut deepest, mut widest) = (0usize, 0usize, 0usize);
        for token in Tokens::new(html) {
            match token {
                Token::Start {
                    name, attributes, ..
                } => {
                    widest = widest.max(attributes);
                    let lower = name.to_ascii_lowercase();
                    if !is_void(&lower) && !is_raw_text(&lower) {
                        depth += 1;
                        deepest = deepest.max(depth);
                    }
                }
                Token::End { name, .. } if !is_void(&name.to_ascii_lowercase()) => {
                    depth = depth.saturating_sub(1);
                }
                _ => {}
            }
        }
        (deepest, widest)
    }

    #[test]
    fn regression_deep_nesting_is_capped_before_parsing() {
        for tag in [
            "span",
            "em",
            "font",
            "b",
            "div",
            "blockquote",
            "ul><li",
            "table><tr><td",
        ] {
            let (open, close): (String, String) = {
                let names: Vec<&str> = tag.split("><").collect();
                (
                    names.iter().map(|n| format!("<{n}>")).collect(),
                    names.iter().rev().map(|n| format!("</{n}>")).collect(),
                )
            };
            let html = format!(
                "<html><body>{}deep text{}</body></html>",
                open.repeat(20_000),
                close.repeat(20_000)
            );
            let bounded = bound(&html);
            if bounded.too_large() {
                continue; // read as plain text, never parsed
            }
            if tag.contains("li") || tag.contains("td") {
                // A new <li> (<tr>, <td>) closes the open one once its list
                // (table) is dropped: siblings, not depth, which the naive
                // count below cannot tell.
                let outer = format!("<{}>", tag.split("><").next().unwrap());
                assert!(
                    bounded.html.matches(outer.as_str()).count() <= MAX_DEPTH,
                    "{tag}"
                );
            } else {
                let (depth, _) = shape(&bounded.html);
                assert!(depth <= MAX_DEPTH + 2, "{tag}: depth {depth}");
            }
            assert!(bounded.html.contains("deep text"));
            assert!(bounded.dropped_tags > 0);
            assert!(!bounded.notices().is_empty());
        }
    }

    #[test]
    fn regression_huge_attribute_counts_are_cut() {
        let attrs: String = (0..300_000).map(|i| format!(" a{i}=\"{i}\"")).collect();
        let html = format!("<html><body><p{attrs}>Text of the story.</p></body></html>");
        let bounded = bound(&html);
        let (_, widest) = shape(&bounded.html);
        assert_eq!(widest, MAX_ATTRIBUTES);
        assert_eq!(bounded.dropped_attributes, 300_000 - MAX_ATTRIBUTES);
        assert!(bounded.html.contains("<p a0=\"0\""));
        assert!(bounded.html.contains(">Text of the story.</p>"));
    }

    #[test]
    fn an_ordinary_page_passes_unchanged() {
        let html = "<!doctype html><html><head><title>T</title><script>if (a<b) { x('</div>') }</script></head>\
            <body><!-- <div><div> --><svg><path d=\"M0\"/><path/></svg><ul><li>one<li>two</ul>\
            <p>a<p>b<div>c</div><table><tr><td>1<td>2<tr><td>3</table><br/><img src=x></body></html>";
        let bounded = bound(html);
        // Only the script's code is left out (no reader takes text from it).
        assert_eq!(bounded.html, html.replace("if (a<b) { x('</div>') }", ""));
        assert_eq!(bounded.dropped_tags, 0);
        assert!(bounded.notices().is_empty());
    }

    #[test]
    fn scripts_and_styles_are_not_parsed_but_data_blocks_and_escaped_scripts_are() {
        let ld = r#"<script type="application/ld+json">{"headline": "</p>"}</script>"#;
        let escaped = "<script><!-- document.write('<script></script>') --></script>";
        let html = format!(
            "<html><head><style>p {{ color: red }}</style>{ld}<SCRIPT src=a.js>var x = 1;</SCRIPT>\
             <script>if (a < b) {{}}</script></head><body>{escaped}<p>Story.</p></body></html>"
        );
        let bounded = bound(&html);
        assert!(bounded.html.contains("<style></style>"), "{}", bounded.html);
        assert!(
            bounded.html.contains("<SCRIPT src=a.js></SCRIPT>"),
            "{}",
            bounded.html
        );
        assert!(
            bounded.html.contains("<script></script></head>"),
            "{}",
            bounded.html
        );
        // The readers' metadata, and a script whose end only the parser knows.
        assert!(bounded.html.contains(ld), "{}", bounded.html);
        assert!(bounded.html.contains(escaped), "{}", bounded.html);
        assert!(bounded.html.contains("<p>Story.</p>"));
        // Their bytes still count as raw text, not as work for the readers.
        let contents = [
            "p { color: red }",
            r#"{"headline": "</p>"}"#,
            "var x = 1;",
            "if (a < b) {}",
            // This pass ends it at the first `</script`; the parser does not.
            "<!-- document.write('<script>",
        ];
        assert_eq!(
            bounded.raw_bytes,
            contents.iter().map(|c| c.len()).sum::<usize>()
        );
    }

    #[test]
    fn unclosed_paragraphs_and_items_do_not_count_as_depth() {
        let html = format!(
            "<body>{}<ul>{}</ul></body>",
            "<p>A paragraph left open.".repeat(5_000),
            "<li>An item left open.".repeat(5_000)
        );
        let bounded = bound(&html);
        assert_eq!(bounded.dropped_tags, 0, "{:?}", bounded.notices());
    }

    #[test]
    fn end_tags_out_of_scope_do_not_reduce_the_depth() {
        // "</div>" inside a cell is ignored by the parser: the tables nest.
        let html = format!(
            "<body>{}text</body>",
            "<div><table><tr><td></div>".repeat(5_000)
        );
        let bounded = bound(&html);
        assert!(bounded.dropped_tags > 0);
        // "<li>" does not close an item past a <section>: they nest too.
        let html = format!(
            "<body><ul>{}text</ul></body>",
            "<li><section>".repeat(5_000)
        );
        assert!(bound(&html).dropped_tags > 0);
    }

    #[test]
    fn self_closing_html_tags_still_nest() {
        // "<div/>" opens a div in HTML: it must count as a level.
        let html = format!("<body>{}text</body>", "<div/>".repeat(10_000));
        let bounded = bound(&html);
        let (depth, _) = shape(&bounded.html.replace("/>", ">"));
        assert!(depth <= MAX_DEPTH + 2, "depth {depth}");
    }

    #[test]
    fn regression_megabytes_of_br_lines_are_read_as_plain_text() {
        let html = format!(
            "<html><head><title>Lines</title></head><body>{}</body></html>",
            "a short line&amp;more<br>\n".repeat(200_000)
        );
        let bounded = bound(&html);
        assert!(bounded.too_large());
        assert!(bounded.html.is_empty(), "no copy kept");
        let (title, paragraphs) = plain_text(&html);
        assert_eq!(title.as_deref(), Some("Lines"));
        assert_eq!(paragraphs.len(), 200_000);
        assert_eq!(paragraphs[0], "a short line&more");
    }

    #[test]
    fn plain_text_skips_scripts_styles_and_the_head() {
        let (title, paragraphs) = plain_text(
            "<head><title>A &amp; B</title><style>p{}</style></head><body><script>var x='<p>no</p>';</script>\
             <h1>Head&#8217;line</h1><p>One <b>bold</b> word.</p><noscript>enable js</noscript><p>Two &#x2014; three</p></body>",
        );
        assert_eq!(title.as_deref(), Some("A & B"));
        assert_eq!(
            paragraphs,
            ["Head\u{2019}line", "One bold word.", "Two \u{2014} three"]
        );
    }

    /// A page whose story has no date but its address, so that only
    /// trafilatura (which reads dates from addresses) finds one.
    fn story_page(paragraphs: usize) -> String {
        let story: String = (0..paragraphs)
            .map(|i| format!("<p>The council voted on Thursday to build a sea wall along the eastern promenade, paragraph {i}.</p>"))
            .collect();
        format!("<html><head><title>Sea wall approved</title></head><body><nav><a href=/>Home</a></nav><article><h1>Sea wall approved</h1>{story}</article></body></html>")
    }

    const DATED: &str = "https://example.org/2026/03/14/sea-wall";

    /// A 7.6 MB page of 148,000 tags took 7.8 s (release) with both
    /// extractors, 45 µs a tag; a page of one 8 MB paragraph 6.6 s. Past
    /// the full budget of work the page is read by dom_smoothie alone and
    /// the reader is told; past the whole budget, as plain text. (The
    /// budgets are cut here to cross them with a small page.)
    #[test]
    fn regression_large_pages_extract_by_one_extractor_with_a_notice() {
        let html = story_page(40);
        let roomy = Budget::DEFAULT;
        let (full, notices) =
            extract_within(&html, Some(DATED), crate::html::extract_article, &roomy).unwrap();
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(full.published.as_deref(), Some("2026-03-14"));

        let work = bound(&html).work();
        let lean_budget = Budget {
            full_work: work - 1,
            ..Budget::DEFAULT
        };
        let (lean, notices) = extract_within(
            &html,
            Some(DATED),
            crate::html::extract_article,
            &lean_budget,
        )
        .unwrap();
        assert!(
            notices.len() == 1 && notices[0].contains("one extractor"),
            "{notices:?}"
        );
        assert_eq!(lean.paragraphs, full.paragraphs, "the same story");
        assert_eq!(lean.title, full.title);
        assert_eq!(lean.published, None, "trafilatura's date was skipped");

        let plain_budget = Budget {
            full_work: work / 2,
            max_work: work - 1,
            ..Budget::DEFAULT
        };
        let (plain, notices) = extract_within(
            &html,
            Some(DATED),
            crate::html::extract_article,
            &plain_budget,
        )
        .unwrap();
        assert!(
            notices.len() == 1 && notices[0].contains("within a few seconds"),
            "{notices:?}"
        );
        assert_eq!(plain.paragraphs[0], "Home", "menus and all");
        assert_eq!(&plain.paragraphs[2..], &full.paragraphs[..]);
    }

    /// What one tag and one byte cost is what decides the reading, so a
    /// page of many tags and one of many bytes both cross it.
    #[test]
    fn the_work_of_a_page_counts_its_tags_and_its_text_not_its_scripts() {
        let script = format!("<script>{}</script>", "var x = 1;".repeat(1_000));
        let page = format!("<html><head>{script}</head><body><p>One.</p></body></html>");
        let bounded = bound(&page);
        assert_eq!(bounded.raw_bytes, 10_000);
        assert_eq!(bounded.work(), page.len() - 10_000 + TAG_WORK * 10);
        let tags = format!("<body>{}</body>", "<b>xx</b>".repeat(70_000));
        assert_eq!(bound(&tags).reading(&Budget::DEFAULT), Reading::Lean);
        let text = format!("<body><p>{}</p></body>", "word ".repeat(700_000));
        assert_eq!(bound(&text).reading(&Budget::DEFAULT), Reading::Lean);
        let both = format!(
            "<body>{}</body>",
            format!("<p>{}</p>", "a few words of text here ".repeat(4)).repeat(70_000)
        );
        assert!(!bound(&both).too_large(), "within the caps");
        assert_eq!(bound(&both).reading(&Budget::DEFAULT), Reading::PlainText);
    }

    /// 4.5 M lines of `w w w<br>` (45 MB) took 17 s to extract and a pair
    /// of them 2.4 GB to compare: every line was a paragraph checked for
    /// boilerplate, and every paragraph costs some 300 bytes. Past the
    /// line bound, runs of short lines are joined (cut here to cross it),
    /// every line kept in order, and the reader is told.
    #[test]
    fn regression_millions_of_br_lines_extract_with_a_notice() {
        let lines: Vec<String> = (0..20_000).map(|i| format!("w w {}", i % 7)).collect();
        let html = format!(
            "<html><head><title>Lines</title></head><body><p>{}</body></html>",
            lines
                .iter()
                .map(|l| format!("{l}<br>\n"))
                .collect::<String>()
        );
        // No work allowed: read as plain text, as a page past the caps is.
        let budget = Budget {
            max_work: 0,
            max_lines: 10_000,
            ..Budget::DEFAULT
        };
        let (doc, notices) =
            extract_within(&html, None, crate::html::extract_article, &budget).unwrap();
        assert!(
            notices.iter().any(|n| n.contains("20000 lines of text")),
            "{notices:?}"
        );
        assert!(
            doc.paragraphs.len() <= lines.len() / GROUP_MIN,
            "{}",
            doc.paragraphs.len()
        );
        assert!(doc.boilerplate.is_empty());
        let read: Vec<&str> = doc.paragraphs.iter().flat_map(|p| p.split('\n')).collect();
        assert_eq!(read, lines, "every line, in order");
        // At the bound, nothing is joined (and the default bound is far above
        // the 300,000 lines the hostile-input tests read one by one).
        let (doc, notices) = extract_within(
            &html,
            None,
            crate::html::extract_article,
            &Budget {
                max_lines: 20_000,
                ..budget
            },
        )
        .unwrap();
        assert_eq!(doc.paragraphs, lines);
        assert!(!notices.iter().any(|n| n.contains("lines of text")));
    }

    /// Runs end where the lines' own text says, so an added, cut or changed
    /// line leaves the runs after it as they were: the comparison of two
    /// joined pages finds the edits, not a page of reworded runs.
    #[test]
    fn joined_runs_of_lines_still_match_after_an_edit() {
        let old: Vec<String> = (0..20_000)
            .map(|i| format!("line {i} of the list"))
            .collect();
        let mut new = old.clone();
        new.insert(5_000, "an added line".to_string());
        new.remove(12_000);
        new[15_000] = "a changed line".to_string();
        let joined = |lines: &[String]| {
            let mut read = Lines::default();
            for line in lines {
                read.push(line);
                read.flush();
            }
            group_lines(&read)
        };
        let (old, new) = (joined(&old), joined(&new));
        assert!(old.len() < 20_000 / GROUP_MIN);
        let comparison = storydiff_engine::compare(
            &Document {
                paragraphs: old,
                ..Document::default()
            },
            &Document {
                paragraphs: new,
                ..Document::default()
            },
            &Default::default(),
        );
        let edited = comparison
            .changes
            .iter()
            .filter(|c| c.kind != storydiff_engine::ChangeKind::Unchanged)
            .count();
        assert!((3..=6).contains(&edited), "{edited} passages changed");
        assert!(
            comparison.stats.words_added <= 3 + 3,
            "{:?}",
            comparison.stats
        );
        assert!(
            comparison.stats.words_removed <= 5 + 5,
            "{:?}",
            comparison.stats
        );
    }

    #[test]
    fn plain_lines_collapse_spaces_as_before() {
        let (_, lines) = plain_lines(
            "<body><p> a\u{a0} b <b>c</b>d&nbsp;e\n\n</p><p>\t</p><div>x<br>y</div></body>",
        );
        assert_eq!(lines.iter().collect::<Vec<_>>(), ["a b cd e", "x", "y"]);
        // Taken from the end, megabytes at a time, in order all the same.
        let html = format!(
            "<body>{}</body>",
            "<p>a line of some forty bytes of text, or so".repeat(60_000)
        );
        let (_, lines) = plain_lines(&html);
        let once = lines.to_strings();
        assert_eq!(once.len(), 60_000);
        assert_eq!(lines.into_strings(), once);
    }
}
