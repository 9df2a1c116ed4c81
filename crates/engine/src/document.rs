//! The document model: one version of an article, as the engine sees it.

use serde::{Deserialize, Serialize};

/// What the reason of a paragraph marked without one says: the wording
/// rules (credits, prompts, notices) are what marks text that has no
/// structure to read.
pub const MARKED_BY_WORDING: &str =
    "its wording reads as a credit, a prompt or a notice (storydiff's wording rules)";

impl Document {
    /// Why paragraph `i` is marked, if it is.
    pub fn marked_because(&self, i: usize) -> Option<&str> {
        if !self.boilerplate.contains(&i) {
            return None;
        }
        Some(self.reason_of_marked(i))
    }

    /// Why paragraph `i`, known to be marked, is marked.
    pub fn reason_of_marked(&self, i: usize) -> &str {
        self.why_marked
            .get(&i)
            .map_or(MARKED_BY_WORDING, String::as_str)
    }
}

/// One version of an article: its metadata and its body as paragraphs.
///
/// Fields that a source could not find are `None` (`null` in JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Where the text came from: a path, a URL, or a name such as "sample".
    pub source: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The byline: who wrote it ("Jane Smith"; pages' bylines come without
    /// their "By" and any date run into them, text files' as written).
    pub byline: Option<String>,
    /// The publication date as the source gave it.
    pub published: Option<String>,
    /// The site or publication that the page belongs to.
    #[serde(default)]
    pub site: Option<String>,
    /// The standfirst: the summary line under the headline, where the page
    /// has one.
    #[serde(default)]
    pub standfirst: Option<String>,
    /// The body, one entry a paragraph, each trimmed and never empty.
    pub paragraphs: Vec<String>,
    /// Indices of paragraphs that are not the story (syndication credits,
    /// "Read more" lines, captions): compared and shown, but left out of
    /// the figures.
    #[serde(default)]
    pub boilerplate: Vec<usize>,
    /// Why a marked paragraph was marked, by its index, where the reader
    /// that marked it said ("it sits in a figure: a picture's caption").
    /// A marked paragraph without an entry was marked by the wording rules.
    /// Absent from the JSON when empty.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub why_marked: std::collections::BTreeMap<usize, String>,
    /// Tracked changes, when this version and the other are one file's
    /// text after and before its revisions (a Word draft opened alone):
    /// each revision with its author, date and paragraphs. Absent from the
    /// JSON otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<Revision>,
}

/// What a tracked revision did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevisionKind {
    /// Text inserted.
    Inserted,
    /// Text deleted.
    Deleted,
    /// Text moved away from here (its old place).
    MovedFrom,
    /// Text moved to here (its new place).
    MovedTo,
}

/// One tracked revision: who changed what, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub kind: RevisionKind,
    /// The author as the file names them; `None` where it does not.
    pub author: Option<String>,
    /// The date as the file gives it (usually ISO 8601).
    pub date: Option<String>,
    /// The text inserted, deleted or moved ("" for a paragraph mark alone).
    pub text: String,
    /// The paragraph of the old version (before the revisions) that holds
    /// the deleted or moved-away text; `None` for insertions.
    #[serde(default)]
    pub old_paragraph: Option<usize>,
    /// The paragraph of the new version (after the revisions) that holds
    /// the inserted or moved-in text; `None` for deletions.
    #[serde(default)]
    pub new_paragraph: Option<usize>,
}

impl Document {
    /// A document whose body is plain text, split into paragraphs by
    /// [`split_paragraphs`].
    pub fn from_text(text: &str) -> Document {
        Document {
            paragraphs: split_paragraphs(text),
            ..Document::default()
        }
    }

    /// The same document, naming where it came from.
    pub fn with_source(mut self, source: impl Into<String>) -> Document {
        self.source = Some(source.into());
        self
    }
}

/// Splits plain text into paragraphs.
///
/// Paragraphs are separated by blank lines; inside a paragraph, line breaks
/// are hard wraps and become spaces. A text with no blank line at all is
/// split at every line break instead, because scraped copies of articles
/// often put one paragraph on each line.
pub fn split_paragraphs(text: &str) -> Vec<String> {
    // Most texts have no carriage return: they are read in place, not
    // copied twice first.
    let text: std::borrow::Cow<str> = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    };
    let blank = |l: &str| l.trim().is_empty();
    // A blank line only separates paragraphs if there is text on both
    // sides. Read line by line, stopping at the first such line (the
    // second line of most texts), rather than collecting every line first.
    let has_blank_line = {
        let (mut text_before, mut blank_after_text) = (false, false);
        text.split('\n').any(|l| {
            if blank(l) {
                blank_after_text |= text_before;
                false
            } else {
                text_before = true;
                blank_after_text
            }
        })
    };
    // Room for a paragraph in every 128 bytes, enough for an article's
    // (grown from empty, the list was copied five times over), at most
    // `ROOM` before it grows. Counting the lines first to know cost more
    // than the copies it saved.
    const ROOM: usize = 4096;
    let mut paragraphs = Vec::with_capacity((text.len() / 128 + 1).min(ROOM));
    let mut current = String::new();
    for line in text.split('\n') {
        let line = line.trim();
        if line.is_empty() || !has_blank_line {
            if !line.is_empty() {
                current.push_str(line);
            }
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

/// Seconds since the Unix epoch as an RFC 3339 UTC time
/// (`2026-11-28T07:15:02Z`): the one form every stored and reported time
/// takes, computed here once for the fetcher and the store.
pub fn rfc3339_utc(secs: u64) -> String {
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Days to civil date (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::split_paragraphs;

    #[test]
    fn blank_lines_separate_paragraphs_and_hard_wraps_join() {
        let text = "First line\nwrapped here.\n\nSecond paragraph.\n\n\n  Third.  \n";
        assert_eq!(
            split_paragraphs(text),
            ["First line wrapped here.", "Second paragraph.", "Third."]
        );
    }

    #[test]
    fn text_without_blank_lines_splits_on_every_line() {
        let text = "One.\r\nTwo.\rThree.\n";
        assert_eq!(split_paragraphs(text), ["One.", "Two.", "Three."]);
    }

    #[test]
    fn whitespace_only_lines_count_as_blank() {
        assert_eq!(split_paragraphs("a\n \t \nb"), ["a", "b"]);
    }

    /// The splitting as it was written first (every line collected, then
    /// scanned for a blank between two lines of text): the reference the
    /// streaming one must match.
    fn split_paragraphs_reference(text: &str) -> Vec<String> {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let lines: Vec<&str> = text.split('\n').collect();
        let first = lines.iter().position(|l| !l.trim().is_empty());
        let last = lines.iter().rposition(|l| !l.trim().is_empty());
        let has_blank_line = match (first, last) {
            (Some(a), Some(b)) => lines[a..=b].iter().any(|l| l.trim().is_empty()),
            _ => false,
        };
        let mut paragraphs = Vec::new();
        let mut current = String::new();
        for line in lines {
            let line = line.trim();
            if line.is_empty() || !has_blank_line {
                if !line.is_empty() {
                    current.push_str(line);
                }
                if !current.is_empty() {
                    paragraphs.push(std::mem::take(&mut current));
                }
                continue;
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
        }
        if !current.is_empty() {
            paragraphs.push(current);
        }
        paragraphs
    }

    proptest::proptest! {
        #[test]
        fn splitting_line_by_line_matches_the_reference(
            text in "[ab \t\r\n\u{a0}\u{2028}.]{0,40}"
        ) {
            proptest::prop_assert_eq!(split_paragraphs(&text), split_paragraphs_reference(&text));
        }
    }

    #[test]
    fn empty_text_has_no_paragraphs() {
        assert!(split_paragraphs("").is_empty());
        assert!(split_paragraphs("\n\n  \n").is_empty());
    }
}
