//! The article inside a page: storydiff's extraction.
//!
//! Give it a page's text (HTML, decoded) and, if known, its address;
//! [`extract`] returns the article as a [`Document`](storydiff_engine::Document):
//! headline, byline, date, site, standfirst and body paragraphs, with the
//! paragraphs that are not the story (credits, captions, prompts, lists
//! of other stories) marked in `boilerplate`. Marked lines are still shown,
//! dimmed, and left out of the comparison's figures: mark where unsure,
//! drop only what no reader sees.
//!
//! ```
//! let page = "<html><head><title>Sea wall approved</title></head><body><article>\
//!     <h1>Sea wall approved</h1>\
//!     <p>The council approved the sea wall on Monday after a long debate about its cost to the town.</p>\
//!     <p>Work is due to start in the spring, and the wall should be finished within two years.</p>\
//!     <p>This story first appeared in The Sun.</p>\
//!     </article></body></html>";
//! let article = storydiff_extract::extract(page, None).unwrap();
//! assert_eq!(article.title.as_deref(), Some("Sea wall approved"));
//! assert!(article.boilerplate.contains(&(article.paragraphs.len() - 1)));
//! ```
//!
//! # What is here
//! - [`decode`], [`decode_html`]: bytes to text (byte-order mark, UTF-8,
//!   the declared charset, then a `chardetng` guess), and [`sniff_binary`]
//!   for bytes that are not text at all;
//! - [`mhtml`]: the page inside a browser's single-file save;
//! - [`html`]: the extraction itself, `dom_smoothie` (Mozilla's
//!   Readability) choosing the article, storydiff walking it into lines
//!   (`blocks`), trafilatura's reading and the page's JSON-LD
//!   `articleBody` as second opinions, and the page's shape bounded first
//!   (`limits`) so that no page can exhaust the stack, the memory or the
//!   clock;
//! - `judge` (hidden): the learned line judge, which overrules the rules
//!   where it is sure;
//! - [`template`]: a site's template, the lines that recur on its other
//!   articles, marked once the store has seen them;
//! - [`find_boilerplate`], [`is_boilerplate`]: the wording rules, which also
//!   mark pasted text and `.txt` copies the way a page is marked.
//!
//! # What is never here
//! No files, no network, no store: this crate is given text and returns a
//! document. Reading files and fetching pages belong to `storydiff-sources`
//! and `storydiff-web`; web-archive files to the network side too.

mod blocks;
mod boilerplate;
mod decode;
pub mod html;
#[doc(hidden)]
pub mod judge;
mod limits;
pub mod mhtml;
pub mod template;
mod why;

pub use boilerplate::{find_boilerplate, is_boilerplate};
pub use decode::{decode, decode_html, decode_owned, sniff_binary, Decoded};
pub use html::{extract, extract_quick_with_notices, extract_with_notices};

/// Why a page gave no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoArticle {
    /// What the page did have, for the message ("a page titled …, 40 words").
    pub found: String,
}

/// The text of an HTML fragment as paragraphs (block elements and `<br>`
/// break lines; scripts, styles and the `<head>` are skipped), for HTML
/// found inside other formats, such as a Markdown file's HTML blocks.
pub fn html_paragraphs(html: &str) -> Vec<String> {
    limits::plain_text(html).1
}

/// Plain text as an article: paragraphs split at blank lines
/// ([`Document::from_text`](storydiff_engine::Document::from_text)), the
/// lines that are not the story marked by their wording alone.
pub fn text_article(text: &str) -> storydiff_engine::Document {
    let mut document = storydiff_engine::Document::from_text(text);
    document.boilerplate = find_boilerplate(&document.paragraphs);
    document
}
