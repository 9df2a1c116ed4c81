//! The article's text as lines, each with what the page's structure says
//! about it: how much of it is link text, whether it sits in a figure, a
//! heading, a list item or a `<time>`.
//!
//! dom_smoothie's own formatted text loses that structure (and runs a
//! `<figcaption>` into the paragraph beside it, since it breaks lines only
//! at a few block elements), so storydiff walks the article HTML that
//! dom_smoothie chose and builds the lines itself. Content a reader never
//! sees (`hidden`, `aria-hidden="true"`, `display:none`, tooltips that
//! sites inline into link text) is dropped here: that is sure.

use dom_query::{Document, NodeRef};

/// One line of the article: a block of text as a reader sees it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Line {
    pub(crate) text: String,
    /// Letters and digits in the line, and how many of them are link text,
    /// in a figure or caption, or inside a `<time>`.
    pub(crate) chars: usize,
    pub(crate) link_chars: usize,
    pub(crate) figure_chars: usize,
    pub(crate) time_chars: usize,
    /// Letters and digits inside a `<blockquote>`: a quotation, a reader's
    /// comment, an embedded post.
    pub(crate) quote_chars: usize,
    /// Letters and digits set in italics or small print (`<i>`, `<em>`,
    /// `<small>`), as captions under pictures are.
    pub(crate) styled_chars: usize,
    /// The line comes straight after an image that stood alone: no text
    /// between them but spaces and line breaks.
    pub(crate) after_image: bool,
    /// The line is (part of) a heading `<h1>`…`<h6>`.
    pub(crate) heading: bool,
    /// The line is a list item.
    pub(crate) list_item: bool,
    /// The line says what an image of the article says in its `alt` or
    /// `title` text: a caption set apart from its `<figure>`, or none.
    pub(crate) image_text: bool,
    /// How deep in the article's HTML the line's text begins.
    pub(crate) depth: usize,
    /// The line is (part of) a table cell.
    pub(crate) in_table: bool,
    /// The line is inside an `<aside>`, `<nav>`, `<header>`, `<footer>`,
    /// `<form>` or `<address>`: set apart from the story by its markup.
    pub(crate) in_aside: bool,
    /// The class and id names of the elements around the line's text,
    /// as a set of [`TOKEN_BUCKETS`] hashed buckets: what the line judge
    /// reads of the page's own naming, without a list of names in code.
    pub(crate) tokens: u32,
}

/// How many buckets class and id names are hashed into ([`Line::tokens`]).
pub(crate) const TOKEN_BUCKETS: usize = 32;

/// The bucket set of an element's class and id names: each name split at
/// anything but letters and digits ("article-body__caption" gives
/// "article", "body", "caption"), lower-cased, hashed (FNV-1a).
fn name_tokens(node: &NodeRef) -> u32 {
    let mut set = 0u32;
    for attr in ["class", "id"] {
        let Some(value) = node.attr(attr) else {
            continue;
        };
        for token in value
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|t| t.len() >= 2)
        {
            let hash = token.bytes().fold(0x811c_9dc5u32, |h, b| {
                (h ^ u32::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0193)
            });
            set |= 1 << (hash as usize % TOKEN_BUCKETS);
        }
    }
    set
}

impl Line {
    /// A picture's caption by its place and its print: a short line set
    /// whole in italics or small print, straight after an image that
    /// stood alone ("<img><br><i>The promenade in January</i>").
    pub(crate) fn styled_caption(&self) -> bool {
        self.after_image
            && self.chars > 0
            && self.styled_chars * 10 >= self.chars * 9
            && self.words() <= 40
    }
    pub(crate) fn words(&self) -> usize {
        count_words(&self.text)
    }
    pub(crate) fn link_share(&self) -> f64 {
        self.link_chars as f64 / self.chars.max(1) as f64
    }
    pub(crate) fn in_figure(&self) -> bool {
        self.chars > 0 && self.figure_chars * 2 > self.chars
    }
    pub(crate) fn only_time(&self) -> bool {
        self.chars > 0 && self.time_chars * 10 >= self.chars * 9
    }
}

#[derive(Clone, Copy, Default)]
struct Context {
    link: bool,
    figure: bool,
    time: bool,
    quote: bool,
    heading: bool,
    list_item: bool,
    styled: bool,
    table: bool,
    aside: bool,
    tokens: u32,
}

struct Builder {
    lines: Vec<Line>,
    current: Line,
    /// The `alt` and `title` texts of the article's images, as [`image_key`]s.
    image_texts: Vec<String>,
    /// An image is in the line being built.
    image_in_line: bool,
    /// The last line ended held an image and no text, and no line with
    /// text has come since.
    after_image: bool,
}

/// Text as compared with an image's: lower case, single spaces, no
/// closing stop.
/// `text.split_whitespace().count()`, reading bytes: a line's words are
/// counted many times a page, and decoding every character to find the
/// spaces was a twentieth of the time a page took. Only bytes outside
/// ASCII are decoded, since Unicode's spaces are all outside it but six.
pub(crate) fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        let (space, len) = match bytes[i] {
            b @ 0..=0x7F => (matches!(b, b'\t'..=b'\r' | b' '), 1),
            _ => {
                let c = text[i..].chars().next().unwrap_or(' ');
                (c.is_whitespace(), c.len_utf8())
            }
        };
        if space {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
        }
        i += len;
    }
    words
}

fn image_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', '\u{3002}'])
        .to_lowercase()
}

impl Builder {
    fn push_text(&mut self, text: &str, at: Context, depth: usize) {
        let line = &mut self.current;
        if line.text.is_empty() && !text.trim().is_empty() {
            line.depth = depth;
        }
        if text.starts_with(char::is_whitespace)
            && !line.text.is_empty()
            && !line.text.ends_with(' ')
        {
            line.text.push(' ');
        }
        let mut words = text.split_whitespace().peekable();
        while let Some(word) = words.next() {
            line.text.push_str(word);
            if words.peek().is_some() {
                line.text.push(' ');
            }
            let n = word.chars().filter(|c| c.is_alphanumeric()).count();
            line.chars += n;
            if at.link {
                line.link_chars += n;
            }
            if at.figure {
                line.figure_chars += n;
            }
            if at.time {
                line.time_chars += n;
            }
            if at.quote {
                line.quote_chars += n;
            }
            if at.styled {
                line.styled_chars += n;
            }
            line.heading |= at.heading;
            line.list_item |= at.list_item;
            line.in_table |= at.table;
            line.in_aside |= at.aside;
            line.tokens |= at.tokens;
        }
        if text.ends_with(char::is_whitespace) && !line.text.is_empty() && !line.text.ends_with(' ')
        {
            line.text.push(' ');
        }
    }

    fn space(&mut self) {
        if !self.current.text.is_empty() && !self.current.text.ends_with(' ') {
            self.current.text.push(' ');
        }
    }

    fn end_line(&mut self) {
        let mut line = std::mem::take(&mut self.current);
        line.text = line.text.trim().to_string();
        let image = std::mem::take(&mut self.image_in_line);
        if line.text.is_empty() {
            self.after_image |= image;
        } else {
            line.after_image = std::mem::take(&mut self.after_image) && !image;
            self.lines.push(line);
        }
    }
}

/// Elements that start and end a line.
fn breaks_line(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "br"
            | "caption"
            | "dd"
            | "details"
            | "div"
            | "dl"
            | "dt"
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
            | "hr"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "picture"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tr"
            | "ul"
    )
}

/// Content no reader sees: dropped.
fn is_unseen(node: &NodeRef, name: &str) -> bool {
    if matches!(
        name,
        "script" | "style" | "noscript" | "template" | "svg" | "button" | "select" | "input"
    ) {
        return true;
    }
    if node.has_attr("hidden") {
        return true;
    }
    if node
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if node
        .attr("role")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("tooltip"))
    {
        return true;
    }
    node.attr("style").is_some_and(|style| {
        let style: String = style
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// A bound on nesting, so a hostile page cannot exhaust the stack.
const MAX_DEPTH: usize = 256;

fn walk(node: &NodeRef, at: Context, depth: usize, out: &mut Builder) {
    if depth > MAX_DEPTH {
        return;
    }
    for child in node.children() {
        if child.is_text() {
            out.push_text(&child.text(), at, depth);
            continue;
        }
        if !child.is_element() {
            continue;
        }
        let name = child
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        if is_unseen(&child, &name) {
            continue;
        }
        if name == "img" {
            out.image_in_line = true;
            for text in ["alt", "title"].iter().filter_map(|a| child.attr(a)) {
                let key = image_key(&text);
                if key.split_whitespace().count() >= 3 {
                    out.image_texts.push(key);
                }
            }
        }
        let mut inner = at;
        inner.tokens |= name_tokens(&child);
        match name.as_str() {
            "a" => inner.link = true,
            "figure" | "figcaption" | "picture" => inner.figure = true,
            "time" => inner.time = true,
            "blockquote" => inner.quote = true,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => inner.heading = true,
            "li" => inner.list_item = true,
            "i" | "em" | "small" => inner.styled = true,
            "td" | "th" => inner.table = true,
            "aside" | "nav" | "header" | "footer" | "form" | "address" => inner.aside = true,
            _ => {}
        }
        let breaks = breaks_line(&name);
        if breaks {
            out.end_line();
        }
        walk(&child, inner, depth + 1, out);
        if breaks {
            out.end_line();
        } else if matches!(name.as_str(), "td" | "th") {
            out.space();
        }
    }
}

/// The lines of an article's HTML (dom_smoothie's `content`).
pub(crate) fn lines(article_html: &str) -> Vec<Line> {
    let doc = Document::from(article_html);
    let mut out = Builder {
        lines: Vec::new(),
        current: Line::default(),
        image_texts: Vec::new(),
        image_in_line: false,
        after_image: false,
    };
    walk(&doc.root(), Context::default(), 0, &mut out);
    out.end_line();
    // A line that is, whole, what an image's description says is that
    // image's caption (many sites set the caption as the `alt` text too).
    // Whole lines only: a story's subheading may be part of an image's text.
    if !out.image_texts.is_empty() {
        for line in &mut out.lines {
            if line.words() <= 50 {
                let key = image_key(&line.text);
                line.image_text = out.image_texts.contains(&key);
            }
        }
    }
    out.lines
}

#[cfg(test)]
mod tests {
    use super::{count_words, lines};

    proptest::proptest! {
        /// The byte count agrees with the standard library's on any text:
        /// every kind of space, Unicode's included, and letters of every width.
        #[test]
        fn words_are_counted_as_split_whitespace_counts_them(
            text in "([a-z\u{e9}\u{4e2d}\u{1f600}]{0,4}[ \t\n\u{b}\u{c}\r\u{85}\u{a0}\u{1680}\u{2003}\u{2028}\u{202f}\u{3000}\u{200b}]{0,2}){0,12}"
        ) {
            proptest::prop_assert_eq!(count_words(&text), text.split_whitespace().count());
        }
    }

    #[test]
    fn a_caption_is_its_own_line_and_hidden_text_is_gone() {
        let got = lines(
            "<div><p>The wall will rise <a href=/x>two metres</a> above the beach.</p>\
             <figure><img src=a.jpg><figcaption>The promenade in January (Image: Harbour Gazette)</figcaption></figure>\
             <p>Work starts <time datetime=2026-09-01>in September</time>.<span aria-hidden=true>Share</span></p>\
             <p hidden>Subscribe now</p></div>",
        );
        let texts: Vec<&str> = got.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "The wall will rise two metres above the beach.",
                "The promenade in January (Image: Harbour Gazette)",
                "Work starts in September.",
            ]
        );
        assert!(got[1].in_figure() && !got[0].in_figure());
        assert!(got[0].link_share() > 0.1 && got[0].link_share() < 0.5);
        assert!(!got[2].only_time());
    }

    #[test]
    fn regression_an_italic_line_under_a_lone_image_is_its_caption() {
        let got = lines(
            "<div><p><img src=a.jpg><br><i>PvP islands!</i></p>\
             <p><em>The harbour wall</em> will rise two metres.</p>\
             <p><img src=b.jpg></p><p>Work starts in September, the council said.</p>\
             <p>Before the storm <img src=c.jpg></p><p><i>An aside in italics.</i></p></div>",
        );
        let flags: Vec<(&str, bool)> = got
            .iter()
            .map(|l| (l.text.as_str(), l.styled_caption()))
            .collect();
        assert_eq!(
            flags,
            [
                ("PvP islands!", true),
                ("The harbour wall will rise two metres.", false),
                // Roman type under a lone image: a story's paragraph.
                ("Work starts in September, the council said.", false),
                ("Before the storm", false),
                // The image shared its line with text: not alone.
                ("An aside in italics.", false),
            ]
        );
    }

    #[test]
    fn regression_a_caption_outside_its_figure_is_known_by_the_images_alt_text() {
        let got = lines(
            "<div><p><img src=a.jpg alt=\"Hori Parata at his farm, where he was born\"></p>\
             <ul><li>Hori Parata at his farm, where he was born.</li></ul>\
             <p>Hori Parata has buried more than 500 whales.</p>\
             <p>Where he was born</p></div>",
        );
        let flags: Vec<(&str, bool)> = got
            .iter()
            .map(|l| (l.text.as_str(), l.image_text))
            .collect();
        assert_eq!(
            flags,
            [
                ("Hori Parata at his farm, where he was born.", true),
                ("Hori Parata has buried more than 500 whales.", false),
                // Part of an image's text is not its caption.
                ("Where he was born", false),
            ]
        );
    }
}
