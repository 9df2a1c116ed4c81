//! Why a line was marked, in the words `storydiff extract --explain` and the
//! app's tooltip give a reader who asks "why is this line dimmed?". One
//! sentence a rule, saying what the page showed, not how the code works.

pub(crate) const WORDING: &str = storydiff_engine::MARKED_BY_WORDING;
pub(crate) const FIGURE: &str = "it sits in the page's figure: a picture's caption or credit";
pub(crate) const TIME: &str = "it is only a date or a time";
pub(crate) const IMAGE_TEXT: &str = "it repeats what a picture's description says: its caption";
pub(crate) const STYLED_CAPTION: &str =
    "a short line in italics or small print under a picture: its caption";
pub(crate) const HEADLINE: &str = "it repeats the headline";
pub(crate) const LABELLED_LINK: &str =
    "a labelled link to another page (\u{201C}Read more: \u{2026}\u{201D})";
pub(crate) const BYLINE: &str = "it repeats the byline or the date";
pub(crate) const AUTHOR_BIO: &str = "a note about the author";
pub(crate) const BEFORE_CREDIT: &str = "a picture's caption, just before its credit";
pub(crate) const APPARATUS: &str =
    "part of a section of references or links elsewhere (\u{201C}See also\u{201D}, \u{201C}Further reading\u{201D})";
pub(crate) const LINK_LIST: &str = "part of a list of links to other pages";
pub(crate) const JSON_LD: &str =
    "the page's own text of the story (its JSON-LD articleBody) does not hold it";
pub(crate) const SECOND_READING: &str =
    "a second reading of the page (trafilatura's) does not hold it, and it is short or set apart";
pub(crate) const BLOCK: &str =
    "part of a block the second reading does not hold, set apart by the page (comments, other stories)";
pub(crate) const SECTION_HEADING: &str = "the heading of a section that is marked whole";

/// The line judge overruled the rules (`judge.rs`), with its score.
pub(crate) fn judge(score: f32) -> String {
    format!(
        "the line judge, a model trained on labelled pages, is sure it is not the story (score {score:.2})"
    )
}

/// A site's template (`template.rs`).
pub(crate) fn template(site: &str) -> String {
    format!(
        "the site's template: the same line, at the same place, is on another article of {site}"
    )
}
