//! A site's template: the lines that recur, at the same place, on two or
//! more different articles of one site ("Order Reprints | Print Article",
//! "Sharing is caring!", "Follow AP's full coverage", an "About Acme"
//! paragraph, a comment-moderation note).
//!
//! One page alone cannot tell its site's chrome from its story; several
//! pages of the site can. storydiff sees many: a feed's articles, the pages
//! of a WARC collection, every address compared. Here is only what is
//! pure: each line's [`key`] and [`Place`], and marking a document's lines
//! by a template already learned. Keeping what was learned, by site, with
//! the date it was last seen, is the store's (`storydiff-store`'s
//! `site_lines`); counting *different* articles, never two versions of one
//! story, is the front door's, which knows the article's address.
//!
//! A line is a template candidate only if it is short (at most
//! [`MAX_WORDS`] words) and, beyond [`SENTENCE_WORDS`] words, does not
//! read as a sentence (it does not end with a full stop, a question or an
//! exclamation mark, or a closing quote): a follow-up story may repeat a
//! background sentence of an earlier one word for word, and that is story
//! text, whose later edits must still count. Chrome is labels, prompts and
//! lists; a site's long "About us" paragraph is left to the line judge.

use storydiff_engine::Document;

/// Lines longer than this are never template (see the module's guide).
pub const MAX_WORDS: usize = 40;

/// Lines longer than this that end as sentences are never template.
pub const SENTENCE_WORDS: usize = 12;

/// Whether a line may be template: see the module's guide.
fn candidate(text: &str, words: usize) -> bool {
    words <= SENTENCE_WORDS
        || !text.trim_end().ends_with([
            '.', '!', '?', '"', '\u{201D}', '\u{2019}', '\u{2026}', '\u{3002}',
        ])
}

/// Where a line sits, as a site's pages are compared: before the story's
/// first long line (a "long" line: [`LONG_WORDS`] words or more, not
/// marked), after its last, or among them. Counted from the story, not
/// from the top of the page, so a long article and a short one of the same
/// site put their chrome in the same place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    Before = 0,
    Among = 1,
    After = 2,
}

/// A line of this many words or more, not marked, is story prose: it
/// bounds the story for [`Place`].
pub const LONG_WORDS: usize = 20;

impl Place {
    pub fn as_i64(self) -> i64 {
        self as i64
    }
    pub fn from_i64(n: i64) -> Option<Place> {
        match n {
            0 => Some(Place::Before),
            1 => Some(Place::Among),
            2 => Some(Place::After),
            _ => None,
        }
    }
}

/// A line's key: FNV-1a of its lower-case words (letters and digits),
/// single-spaced, as an `i64` for SQLite. `None` for a line without words
/// or longer than [`MAX_WORDS`].
pub fn key(text: &str) -> Option<i64> {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    let mut words = 0;
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if words > MAX_WORDS {
            return None;
        }
        if words > 1 {
            hash = (hash ^ u64::from(b' ')).wrapping_mul(0x0100_0000_01b3);
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            let mut buffer = [0u8; 4];
            for b in c.encode_utf8(&mut buffer).bytes() {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    (words > 0).then_some(hash as i64)
}

/// Which of a document's paragraphs are marked, as flags by index:
/// searching the list for every paragraph was quadratic on a page of many
/// marked lines.
fn marked(document: &Document) -> Vec<bool> {
    let mut flags = vec![false; document.paragraphs.len()];
    for &i in &document.boilerplate {
        if let Some(flag) = flags.get_mut(i) {
            *flag = true;
        }
    }
    flags
}

/// Each template candidate of a document: `(paragraph index, key, place)`.
pub fn lines(document: &Document) -> Vec<(usize, i64, Place)> {
    candidates(document, &marked(document))
}

fn candidates(document: &Document, marked: &[bool]) -> Vec<(usize, i64, Place)> {
    let words: Vec<usize> = document
        .paragraphs
        .iter()
        .map(|p| p.split_whitespace().count())
        .collect();
    let mut long = (0..words.len()).filter(|&i| !marked[i] && words[i] >= LONG_WORDS);
    let (first, last) = match long.next() {
        Some(first) => (first, long.next_back().unwrap_or(first)),
        // No story prose to place lines by: all of it is "among".
        None => (0, document.paragraphs.len()),
    };
    document
        .paragraphs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let place = if i < first {
                Place::Before
            } else if i > last {
                Place::After
            } else {
                Place::Among
            };
            key(p)
                .filter(|_| candidate(p, words[i]))
                .map(|k| (i, k, place))
        })
        .collect()
}

/// Marks the lines of `document` that `is_template` says are its site's
/// template (by key and place), saying so with `site`'s name; returns how
/// many were newly marked.
pub fn mark(
    document: &mut Document,
    site: &str,
    is_template: impl Fn(i64, Place) -> bool,
) -> usize {
    let already = marked(document);
    let mut marked = 0;
    for (i, k, place) in candidates(document, &already) {
        if is_template(k, place) && !already[i] {
            document.boilerplate.push(i);
            document.why_marked.insert(i, crate::why::template(site));
            marked += 1;
        }
    }
    document.boilerplate.sort_unstable();
    marked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_ignores_case_spaces_and_punctuation_and_long_lines_have_none() {
        assert_eq!(
            key("Order Reprints | Print Article"),
            key("order reprints  print article")
        );
        assert_ne!(key("Order Reprints"), key("Order Reprint"));
        assert_eq!(key("  —  "), None);
        assert_eq!(key(&"word ".repeat(MAX_WORDS + 1)), None);
        assert!(key(&"word ".repeat(MAX_WORDS)).is_some());
    }

    #[test]
    fn regression_a_background_sentence_two_stories_share_is_never_template() {
        let shared = "Work on the wall is due to start in September and to take two years, the council said.";
        let document = Document {
            paragraphs: vec![
                shared.into(),
                "Order Reprints | Print Article".into(),
                "Sharing is caring!".into(),
            ],
            ..Document::default()
        };
        let candidates: Vec<usize> = lines(&document).into_iter().map(|(i, _, _)| i).collect();
        assert_eq!(candidates, [1, 2]);
    }

    #[test]
    fn places_are_counted_from_the_story() {
        let prose = "The council approved the sea wall on Monday after a long debate about its cost to the town and its people.";
        let document = Document {
            paragraphs: vec![
                "Share this".into(),
                prose.into(),
                "Advertisement".into(),
                prose.into(),
                "Order Reprints | Print Article".into(),
            ],
            ..Document::default()
        };
        let places: Vec<Place> = lines(&document).into_iter().map(|(_, _, p)| p).collect();
        // The prose lines are sentences: never candidates themselves.
        assert_eq!(places, [Place::Before, Place::Among, Place::After]);
    }
}
