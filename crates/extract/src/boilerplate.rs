//! Lines that are not the story: credits, prompts, captions.
//!
//! They are marked, never dropped: the comparison shows them dimmed and
//! leaves them out of its figures, so a reprint's "This story first
//! appeared in…" line does not count as an addition.
//!
//! Two layers. [`is_boilerplate`] reads one line's text alone (credits,
//! prompts, caption and photo-credit endings, lines that are only a date
//! or a byline), so a pasted or `.txt` copy is marked the same way as a
//! page. [`mark_by_structure`] and [`mark_by_readings`] add what only a
//! web page can tell: figures, images' alt text, labelled links,
//! link-dominated runs and the heading before them, `<time>`-only lines,
//! lines that repeat the byline or date, and lines that neither the page's
//! JSON-LD `articleBody` nor trafilatura's reading of the page contains.
//! Every rule is stated in terms of the page's structure or of patterns
//! any news page may have, never of one site's class names or wording.

use std::collections::HashSet;

use crate::blocks::Line;

/// Whether a paragraph is boilerplate rather than part of the story.
pub fn is_boilerplate(paragraph: &str) -> bool {
    let text = paragraph.trim();
    // Counting stops past 40: a story's paragraphs are mostly longer, and
    // every rule here is about short lines.
    let words = words_up_to(text, 41);
    if words == 0 || words > 40 {
        return false;
    }
    let full_lower = text.to_lowercase();
    let lower = full_lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    const EXACT: &[&str] = &[
        "advertisement",
        "advert",
        "sponsored",
        "share",
        "share this article",
        "subscribe",
        "subscribe now",
        "newsletter",
        "comments",
        "print",
        "email",
        "tweet",
        "share on facebook",
        "share on twitter",
        "related",
        "see more",
    ];
    const STARTS: &[&str] = &[
        "read more:",
        "read more ",
        "related:",
        "related post",
        "related content",
        "related coverage",
        "related stories",
        "related articles",
        "read next",
        "more on this story",
        "see also:",
        "also read:",
        "recommended:",
        "picture:",
        "pictures:",
        "photo:",
        "photograph:",
        "image:",
        "main image:",
        "top image:",
        "credit:",
        "video:",
        "sign up",
        "subscribe to",
        "follow us",
        "click here",
        "listen to this article",
        "share this",
        "copyright",
        "continue reading",
        "story continues below",
        "article continues below",
        "download the app",
        "download our app",
        "get the app",
        "most read",
        "most popular",
        "more stories",
        "you may also like",
        "you might also like",
        "trending now",
        "watch:",
        "watch now",
        "join the conversation",
        // Calls to action under a story ("Learn more about Style Editor",
        // "Join our Fan Contributor Program…", "Read the full report…"):
        // imperatives that address the reader, which prose seldom opens
        // a paragraph with.
        "learn more about",
        "learn more at",
        "find out more",
        "join our ",
        "read the full report",
        "read the full story",
        "like us on facebook",
        "follow us on",
        "published:",
        "updated:",
        "last updated",
        "first published",
        // "Reporting by Jane Doe; Editing by Tom Reid", as agencies sign off.
        "reporting by ",
        "editing by ",
        "photo by ",
        "photos by ",
        "gallery:",
        // Captions by their opening words, as agencies and papers word
        // them ("In this photo taken on …", "FILE - In this …",
        // "Clockwise from top: …", "Pictured: …", "Portrait by …").
        "in this photo",
        "in this image",
        "in this file photo",
        "file - in this",
        "file \u{2013} in this",
        "file \u{2014} in this",
        "clockwise from",
        "pictured:",
        "pictured above",
        "illustration by ",
        "illustrations by ",
        "portrait by ",
    ];
    const CONTAINS: &[&str] = &[
        "in this file photo",
        "first appeared in",
        "first appeared on",
        "originally appeared",
        "originally published",
        "reproduced with permission",
        "republished with permission",
        "republished here",
        "reproduced here",
        "republished from",
        "sign up to our",
        "sign up for our",
        "our newsletter",
        "all rights reserved",
        "delivered to your inbox",
        "straight to your inbox",
        "by clicking here",
        "click here to",
        "check it out here",
        "in your inbox",
        "follow us on",
        "follow us at",
        "follow her on",
        "follow him on",
        "follow them on",
        "click here",
        "can be reached at",
        "may be reached at",
        "subscribe to our",
        "free newsletter",
        // The credits of wire and newspaper copy ("Heba Habib contributed
        // to this report.", "A version of this article appears in print").
        "contributed to this report",
        "contributed reporting",
        "additional reporting by",
        "appears in print",
    ];
    static CONTAINS_PHRASES: Phrases = Phrases::new(CONTAINS);
    // `lower` has as many words as `text` when no leading mark was
    // trimmed: lower-casing never makes or unmakes a space.
    let lower_words = (lower.len() == full_lower.len()).then_some(words);
    // Headings over lists of other stories ("More from Politics").
    let heading_of_elsewhere = words <= 8
        && !lower.ends_with(['.', '!', '?'])
        && ["more from ", "more in ", "more on ", "latest from "]
            .iter()
            .any(|s| lower.starts_with(s));
    heading_of_elsewhere
        || EXACT.contains(&lower.trim_end_matches(|c: char| !c.is_alphanumeric()))
        || starts_with_any(lower, STARTS)
        || CONTAINS_PHRASES.in_text(lower)
        || photo_credit(&full_lower, words)
        || is_gallery_counter(lower, lower_words)
        || ends_with_picture_count(lower, words)
        || is_reading_time(lower, lower_words)
        || only_a_date(&full_lower)
        || is_only_a_byline(text)
        || is_marks_or_copyright(&full_lower)
}

/// A line of marks alone ("___", "* * *", "."), a footnote opening with
/// its "^" back-link, or a copyright notice by its sign ("© 2002, 2003
/// Jamie Zawinski", "(c) 2026 Harbour Gazette"), which the starting-word
/// test cannot see: it reads a line from its first letter or figure.
fn is_marks_or_copyright(lower: &str) -> bool {
    let lower = lower.trim_start();
    !lower.contains(char::is_alphanumeric)
        || lower.starts_with('\u{a9}')
        // A footnote's back-link: "^ Zawinski, Jamie (1996)…".
        || lower.starts_with("^ ")
        || lower
            .strip_prefix("(c)")
            .is_some_and(|rest| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// The number of words in `text` (as `split_whitespace` counts them),
/// counting no further than `limit`. Most text is ASCII, which is counted
/// by bytes: the char-by-char split was an eighth of batch time.
fn words_up_to(text: &str, limit: usize) -> usize {
    if limit == 0 {
        return 0;
    }
    if !text.is_ascii() {
        return text.split_whitespace().take(limit).count();
    }
    // The ASCII characters `char::is_whitespace` holds: \t \n \x0b \x0c
    // \r and space. A word starts where a non-space follows a space (or
    // the text starts). Eight bytes are read at once, as one number, and
    // the pass stops once `limit` is reached: most paragraphs of a story
    // are about as long as the rules' limits, and counting them a byte at
    // a time was a tenth of batch time.
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The top bit of each byte of `w` (all ASCII) set where it is a space.
    let spaces = |w: u64| -> u64 {
        let x = w ^ (ONES * u64::from(b' '));
        let blank = !(((x & !HIGH) + !HIGH) | x) & HIGH;
        // Each byte with its top bit set, less 9 (or 14), keeps its top
        // bit where the byte was at least 9 (or 14), and never borrows.
        let from_tab = (w | HIGH) - ONES * 9;
        let past_return = (w | HIGH) - ONES * 14;
        blank | (from_tab & !past_return & HIGH)
    };
    let bytes = text.as_bytes();
    let mut count = 0usize;
    // Whether the byte before the block is a space (as before the text).
    let mut after_space = 0x80;
    let mut blocks = bytes.chunks_exact(8);
    for block in &mut blocks {
        let m = spaces(u64::from_le_bytes(block.try_into().expect("eight bytes")));
        let before = (m << 8) | after_space;
        // The number of word starts: the high bits summed into the top
        // byte by a multiplication (the build targets x86-64 without
        // POPCNT, where `count_ones` is a dozen instructions).
        let starts = !m & before & HIGH;
        count += ((starts >> 7).wrapping_mul(ONES) >> 56) as usize;
        after_space = (m >> 56) & 0x80;
        if count >= limit {
            return limit;
        }
    }
    let space = |b: u8| b == b' ' || (b'\t'..=b'\r').contains(&b);
    let mut was_space = after_space != 0;
    for &b in blocks.remainder() {
        count += usize::from(was_space && !space(b));
        was_space = space(b);
    }
    count.min(limit)
}

/// Whether `text` has `n` words or more.
fn at_least_words(text: &str, n: usize) -> bool {
    words_up_to(text, n) >= n
}

/// One automaton for a list of phrases, built on first use: a line is
/// read once for all of them, not once per phrase. Batch work calls the
/// line rules for every paragraph of every pair, and the phrase searches
/// were a fifth of its time.
struct Phrases {
    list: &'static [&'static str],
    automaton: std::sync::OnceLock<aho_corasick::AhoCorasick>,
}

impl Phrases {
    const fn new(list: &'static [&'static str]) -> Phrases {
        Phrases {
            list,
            automaton: std::sync::OnceLock::new(),
        }
    }

    /// Whether `text` holds any of the phrases.
    fn in_text(&self, text: &str) -> bool {
        self.automaton
            .get_or_init(|| {
                // Leftmost-first finds a match wherever the standard kind
                // does (only which match is reported differs, and only
                // whether one exists is asked), and only the leftmost
                // kinds get the crate's SIMD prefilter: with the standard
                // kind every byte of every line went through the
                // automaton, two searches a line, a tenth of batch time.
                aho_corasick::AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                    .build(self.list)
                    .expect("a short list of phrases")
            })
            .is_match(text)
    }
}

/// Whether `text` starts with any of `prefixes`. The first byte is
/// compared before the rest: most lines share it with no prefix, and a
/// call to compare each of some fifty prefixes whole was a twentieth of
/// the line rules' time.
fn starts_with_any(text: &str, prefixes: &[&str]) -> bool {
    let Some(&first) = text.as_bytes().first() else {
        return prefixes.iter().any(|p| p.is_empty());
    };
    prefixes
        .iter()
        .any(|p| p.as_bytes().first().is_none_or(|&b| b == first) && text.starts_with(p))
}

/// Whether `token` is one of `words`, its length and first byte compared
/// before the rest (see [`starts_with_any`]).
fn one_of(token: &str, words: &[&str]) -> bool {
    let first = token.as_bytes().first();
    words
        .iter()
        .any(|w| w.len() == token.len() && w.as_bytes().first() == first && *w == token)
}

/// Whether `text` has at least `n` words, from its word count `known`
/// when the caller has it (counted to 41, and `n` no more than that).
fn has_words(text: &str, known: Option<usize>, n: usize) -> bool {
    match known {
        Some(words) if n <= 41 => words >= n,
        _ => at_least_words(text, n),
    }
}

/// "5 min read", "Reading time: 3 minutes", "Tempo de leitura: 2 minutos".
/// `words` is the line's word count where the caller knows it.
fn is_reading_time(lower: &str, words: Option<usize>) -> bool {
    if has_words(lower, words, 7) {
        return false;
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.len() <= 6
        && lower.chars().any(|c| c.is_ascii_digit())
        && words.iter().any(|w| w.starts_with("min"))
        && !lower.ends_with('.')
}

/// "Image 1 of 8", "Photo 3/10", "1 of 12".
/// `words` is the line's word count where the caller knows it.
fn is_gallery_counter(lower: &str, words: Option<usize>) -> bool {
    if has_words(lower, words, 5) {
        return false;
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    let number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    match words.as_slice() {
        [a, "of", b] | [_, a, "of", b] => number(a) && number(b),
        [a] | [_, a] => a
            .split_once('/')
            .is_some_and(|(x, y)| number(x) && number(y)),
        _ => false,
    }
}

/// A gallery's or video's label ending in how many pictures it holds:
/// "Gallery: Xbox One X | 14 Photos", "Storm in pictures (12 images)",
/// "View all 8 photos". A short line with no closing stop, so that "She
/// took 14 photos." stays story.
fn ends_with_picture_count(lower: &str, words: usize) -> bool {
    const PICTURES: &[&str] = &[
        "photo", "photos", "image", "images", "pictures", "pics", "slides",
    ];
    if !(2..=12).contains(&words) {
        return false;
    }
    let end = lower.trim_end_matches([')', ']', ' ']);
    if end.len() == lower.len() && lower.ends_with(['.', '!', '?']) {
        return false;
    }
    let mut last = end.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '[');
    let (Some(noun), Some(count)) = (last.next(), last.next()) else {
        return false;
    };
    !count.is_empty() && count.chars().all(|c| c.is_ascii_digit()) && PICTURES.contains(&noun)
}

/// Words that, with figures, make a line that only says when: "Published
/// 1 day ago | Updated 14:05 BST, 3 March 2026".
const WHEN_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "modified",
    "last",
    "first",
    "on",
    "at",
    "@",
    "ago",
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "gmt",
    "bst",
    "utc",
    "cet",
    "cest",
    "et",
    "est",
    "edt",
    "ct",
    "cdt",
    "pt",
    "pst",
    "pdt",
    "ist",
    "aest",
    "hour",
    "hours",
    "hr",
    "hrs",
    "minute",
    "minutes",
    "min",
    "mins",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "yesterday",
    "today",
    "just",
    "now",
    "date",
    "time",
    "and",
    "by",
    "originally",
    "of",
    "the",
    "th",
    "st",
    "nd",
    "rd",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// A line made only of a date or time and the words around one.
pub(crate) fn is_only_a_date(text: &str) -> bool {
    only_a_date(&text.to_lowercase())
}

/// [`is_only_a_date`] of a line already in lower case. The tokens are
/// read one at a time: a story's line fails at its first word that is no
/// part of a date, so most lines cost a word or two.
fn only_a_date(lower: &str) -> bool {
    let tokens = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '·' | '•' | '(' | ')'))
        .map(|t| t.trim_matches(|c: char| matches!(c, '.' | ':' | '-' | '–' | '—' | ';')))
        .filter(|t| !t.is_empty());
    let (mut dated, mut ago, mut count) = (false, false, 0);
    for token in tokens {
        count += 1;
        if count > 16 {
            return false;
        }
        ago |= token == "ago";
        let figures = token
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '/' | '.' | '-'));
        // An ordinal starts with a digit; a clock time with a digit, a
        // colon or a stop, or is all "pm"s and "am"s. A word starting
        // otherwise (most of a story's) skips both searches.
        let first = token.as_bytes()[0];
        let ordinal = first.is_ascii_digit()
            && ["st", "nd", "rd", "th"].iter().any(|s| {
                token
                    .strip_suffix(s)
                    .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
            });
        let clock = (first.is_ascii_digit() || matches!(first, b':' | b'.' | b'a' | b'p'))
            && token
                .trim_end_matches("am")
                .trim_end_matches("pm")
                .chars()
                .all(|c| c.is_ascii_digit() || c == ':' || c == '.');
        if figures || ordinal || clock {
            dated |= token.chars().any(|c| c.is_ascii_digit());
        } else if one_of(token, MONTHS) || one_of(token, WEEKDAYS) {
            dated = true;
        } else if !one_of(token, WHEN_WORDS) {
            return false;
        }
    }
    count > 0 && (dated || ago)
}

/// "By Maria Okafor", "By Maria Okafor and Tom Reid, Political Reporters".
pub(crate) fn is_only_a_byline(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("by "))
        .or_else(|| text.strip_prefix("BY "))
    else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    if words.is_empty() || words.len() > 10 || rest.trim_end().ends_with(['.', '!', '?']) {
        return false;
    }
    // Names: every word capitalised, but for "and", "de", "van" and the like.
    words.iter().all(|w| {
        let w = w.trim_matches(|c: char| matches!(c, ',' | '|' | '(' | ')'));
        w.is_empty()
            || w.chars().next().is_some_and(char::is_uppercase)
            || matches!(
                w,
                "and"
                    | "&"
                    | "de"
                    | "van"
                    | "von"
                    | "der"
                    | "da"
                    | "di"
                    | "la"
                    | "le"
                    | "in"
                    | "for"
                    | "of"
            )
    }) && words
        .first()
        .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// "(Photo: AFP)", "Picture: Getty Images", "… | Reuters" at the end of a short caption.
fn is_photo_credit(text: &str) -> bool {
    let words = words_up_to(text, 26);
    photo_credit(&text.to_lowercase(), words)
}

/// [`is_photo_credit`] of a line already in lower case, with its word
/// count (counted to 26 at least).
fn photo_credit(lower: &str, words: usize) -> bool {
    // Every way of matching needs a short line.
    if words > 25 {
        return false;
    }
    // "The promenade after the storm. Picture: Harbour Gazette"
    const MARKERS: &[&str] = &[
        "picture:",
        "pictures:",
        "pic:",
        "photo:",
        "photos:",
        "photograph:",
        "image:",
        "images:",
        "credit:",
        "credits:",
        "photo by",
        "photo credit",
        "image credit",
        "pictured:",
        "source:",
        "illustration:",
        "video:",
    ];
    // Most lines hold no credit mark at all: one pass says so.
    static MARKER_PHRASES: Phrases = Phrases::new(MARKERS);
    let marked = MARKER_PHRASES.in_text(lower);
    let credited = marked
        && MARKERS.iter().any(|m| {
            lower
                .rfind(m)
                .is_some_and(|at| lower[at + m.len()..].split_whitespace().count() <= 5)
        });
    if credited {
        return true;
    }
    // "… (Image: GETTY)", "… (Picture: Supplied)": a bracketed credit ends the line.
    if marked && lower.ends_with(')') {
        if let Some(open) = lower.rfind('(') {
            let inside = &lower[open + 1..lower.len() - 1];
            if MARKERS.iter().any(|m| inside.starts_with(m))
                && inside.split_whitespace().count() <= 8
            {
                return true;
            }
        }
    }
    const AGENCIES: &[&str] = &[
        "getty images",
        "getty",
        "istock",
        "istockphoto",
        "ap",
        "associated press",
        "bloomberg",
        "anadolu agency",
        "xinhua",
        "rex features",
        "rex",
        "supplied",
        "handout",
        "afp",
        "reuters",
        "ap photo",
        "pa media",
        "pa wire",
        "shutterstock",
        "alamy",
        "epa",
    ];
    // "… Picture: AFP/Getty", "… | Reuters", "… via Getty Images": an
    // agency's name after a credit mark ends the line.
    let body = lower.trim_end_matches([')', '.', ' ']);
    // The last byte is compared first: most lines end in a full stop or
    // a letter no agency's name ends in.
    let last = body.as_bytes().last();
    AGENCIES.iter().any(|a| {
        (a.as_bytes().last() == last || a.is_empty())
            && body.strip_suffix(a).is_some_and(|before| {
                let before = before.trim_end();
                before.ends_with(['/', '|', ':', '(', '©', ';'])
                    || before.ends_with(" via")
                    || before.ends_with(" and")
                        && (before.contains('/') || before.contains('(') || before.contains(':'))
            })
    })
}

/// Whether the page's JSON-LD `articleBody` is a body to check `ours`
/// (the extracted article's word count) against: long enough to be the
/// story, not a teaser of it.
pub(crate) fn comparable_body(body: &str, ours: usize) -> bool {
    // `plain_words(body).len()`, without making the words: the body is
    // folded once, by the `Reference` that checks the lines against it.
    let words = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    words >= 80 && words * 10 >= ours * 6
}

/// What else storydiff knows about a page when marking its lines.
pub(crate) struct Evidence<'a> {
    pub(crate) byline: Option<&'a str>,
    /// The headline, which a page may repeat in the body again.
    pub(crate) headline: Option<&'a str>,
    /// The page's JSON-LD `articleBody`, where it has one.
    pub(crate) json_ld_body: Option<String>,
    /// trafilatura's reading of the body.
    pub(crate) second_opinion: Option<String>,
}

/// Words as compared: lower case, letters and digits only.
pub(crate) fn plain_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A text's words and its 3-word shingles (hashed), to ask whether a line is in it.
struct Reference {
    words: usize,
    text: String,
    shingles: HashSet<u64, BuildPassThrough>,
}

/// Each of a text's [`plain_words`], hashed (FNV-1a of the lower-case
/// word), and the words joined by spaces into `joined` where it is given.
/// Words are lower-cased into one buffer, not a `String` each: a page's
/// second reading is thousands of words, checked while the reader waits.
fn word_hashes(text: &str, mut joined: Option<&mut String>) -> Vec<u64> {
    let mut buffer = String::new();
    let mut hashes = Vec::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let lower: &str = if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
            word
        } else {
            buffer.clear();
            if word.is_ascii() {
                buffer.extend(word.chars().map(|c| c.to_ascii_lowercase()));
            } else {
                buffer.push_str(&word.to_lowercase());
            }
            &buffer
        };
        let mut hash = 0xcbf2_9ce4_8422_2325u64;
        for b in lower.bytes() {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        hashes.push(hash);
        if let Some(joined) = joined.as_deref_mut() {
            joined.push(' ');
            joined.push_str(lower);
        }
    }
    hashes
}

/// The 3-word shingles of hashed words, each one hash (order kept).
fn shingle_hashes(words: &[u64]) -> impl Iterator<Item = u64> + '_ {
    words.windows(3).map(|w| {
        ((w[0].rotate_left(21) ^ w[1]).rotate_left(21) ^ w[2]).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    })
}

/// The shingles are hashes already: the set need not hash them again.
#[derive(Default, Clone, Copy)]
struct BuildPassThrough;

#[derive(Default)]
struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl std::hash::BuildHasher for BuildPassThrough {
    type Hasher = PassThrough;
    fn build_hasher(&self) -> PassThrough {
        PassThrough::default()
    }
}

impl Reference {
    fn new(text: &str) -> Reference {
        let mut joined = String::with_capacity(text.len() + 2);
        let words = word_hashes(text, Some(&mut joined));
        joined.push(' ');
        Reference {
            words: words.len(),
            shingles: shingle_hashes(&words).collect(),
            text: joined,
        }
    }

    /// The share of a line's shingles found here (short lines: whether
    /// the line's words are found together).
    fn support(&self, line: &str) -> f64 {
        let words = word_hashes(line, None);
        if words.len() < 3 {
            // The line's two words at most, joined as `text` joins them.
            let mut joined = String::new();
            word_hashes(line, Some(&mut joined));
            joined.push(' ');
            return if words.is_empty() || self.text.contains(&joined) {
                1.0
            } else {
                0.0
            };
        }
        let total = words.len() - 2;
        let found = shingle_hashes(&words)
            .filter(|h| self.shingles.contains(h))
            .count();
        found as f64 / total as f64
    }
}

/// A line a reader would take for a heading: short, no closing stop.
fn heading_like(line: &Line) -> bool {
    line.heading
        || (line.words() <= 8
            && !line
                .text
                .trim_end()
                .ends_with(['.', '!', '?', ',', ';', '"', '\u{201D}']))
}

/// A heading that names a section of sources and pointers elsewhere, as
/// reference works, essays and explainers close with: "References",
/// "Further reading", "See also", "External links" (with a wiki's
/// "[edit]" after it). "Notes" and "Sources" are left out: a page may use
/// them for a section of its own text.
fn names_apparatus(heading: &str) -> bool {
    const NAMES: &[&str] = &[
        "references",
        "reference list",
        "footnotes",
        "citations",
        "bibliography",
        "further reading",
        "external links",
        "see also",
        "works cited",
        "notes and references",
        "references and notes",
    ];
    let lower = heading.trim().to_lowercase();
    let name = lower
        .strip_suffix("[edit]")
        .unwrap_or(&lower)
        .trim_matches(|c: char| !c.is_alphanumeric());
    NAMES.contains(&name)
}

/// A line made mostly of link text: a pointer to another page.
fn link_dominated(line: &Line) -> bool {
    line.words() <= 30
        && (line.link_share() >= 0.5 || (line.list_item && line.link_share() >= 0.25))
}

/// The byline's words without a leading "By".
fn byline_name(byline: &str) -> Vec<String> {
    let mut name = plain_words(byline);
    if name.first().is_some_and(|w| w == "by") {
        name.remove(0);
    }
    name
}

/// A text as [`repeats_headline`] compares it: lower case, single spaces.
fn headline_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The headline again, whole, as a line of the body (a page that shows it
/// twice, or a second heading block under the first). `key` is the
/// headline's [`headline_key`], made once for the page.
fn repeats_headline(text: &str, headline: &str, key: &str) -> bool {
    text.len() < headline.len() + 8 && headline_key(text) == key
}

/// A line that only says who wrote the story or when, again.
fn repeats_byline_or_date(line: &[String], name: &[String]) -> bool {
    if name.is_empty() || line.len() > name.len() + 14 {
        return false;
    }
    // The line holds the whole name, and what is left only says when
    // ("By Maria Okafor, 14 March 2026 09:00").
    let Some(at) = line.windows(name.len()).position(|w| w == name) else {
        return false;
    };
    let rest: Vec<&str> = line[..at]
        .iter()
        .chain(&line[at + name.len()..])
        .map(String::as_str)
        .filter(|w| *w != "by")
        .collect();
    rest.is_empty() || is_only_a_date(&rest.join(" "))
}

/// "Maria Okafor is the Gazette's political editor.": a bio of the
/// byline's author (by first name too, in the story's last lines).
fn is_author_bio(line: &[String], name: &[String], near_end: bool) -> bool {
    if name.is_empty() || name.len() > 5 || line.len() > 80 {
        return false;
    }
    let verb = |at: usize| {
        line.get(at).is_some_and(|w| {
            matches!(
                w.as_str(),
                "is" | "was" | "writes" | "covers" | "has" | "joined" | "reports" | "edits"
            )
        })
    };
    (name.len() >= 2 && line.starts_with(name) && verb(name.len()))
        || (near_end && line.first() == name.first() && verb(1))
}

/// A pointer to another page under a label of its own ("Lire aussi : Les
/// critiques de la CNIL…", "Learn More: Video Marketing 101", "[Read: Why
/// Tunisia suffers]"): a short line wrapped whole in square brackets and
/// mostly link text, or one that opens with an unlinked label of up to
/// three words and a colon, followed by a linked title of four words or
/// more. A linked title that holds a colon itself ("Star Wars: The Last
/// Jedi"), a linked handle or file name ("Account: @harbourgazette") and a
/// lone link line without a label stay story.
fn is_labelled_link(line: &Line) -> bool {
    if line.words() > 30 || line.link_share() < 0.5 {
        return false;
    }
    let text = line.text.trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    if text.starts_with('[') && text.ends_with(']') {
        return words.len() >= 4;
    }
    let Some(colon) = words.iter().take(4).position(|w| w.ends_with(':')) else {
        return false;
    };
    let label_words = if words[colon] == ":" {
        colon
    } else {
        colon + 1
    };
    if label_words == 0 || label_words > 3 || words.len() < colon + 1 + 4 {
        return false;
    }
    let alphanumeric = |w: &&str| w.chars().filter(|c| c.is_alphanumeric()).count();
    let label: usize = words[..=colon].iter().map(alphanumeric).sum();
    let rest = line.chars.saturating_sub(label);
    line.link_chars <= rest && line.link_chars * 10 >= rest * 8
}

/// A credit standing alone: "Natalie Naccache | Bloomberg | Getty Images".
fn is_bare_credit(line: &Line) -> bool {
    // "Main image credit: Getty" names its picture; a bare one follows the caption.
    line.words() <= 8
        && is_photo_credit(&line.text)
        && !line.text.contains(':')
        && !line.text.ends_with('.')
}

/// Which of a web page's lines are not the story.
///
/// Marked (shown dimmed, left out of the figures), never dropped: every
/// rule here is a judgement of the page's structure and may be wrong.
///
/// In two parts: this one, what each line's structure and wording and the
/// byline say, needs neither second reading of the page, so it runs while
/// trafilatura still reads it; [`mark_by_readings`] does the rest.
pub(crate) fn mark_by_structure(lines: &[Line], evidence: &Evidence) -> Vec<Option<&'static str>> {
    let n = lines.len();
    // The byline's words, made once for the page, not once a line.
    let name = evidence.byline.map(byline_name);
    let headline = evidence.headline.map(|h| (h, headline_key(h)));
    let mut why: Vec<Option<&'static str>> = vec![None; n];
    for (i, line) in lines.iter().enumerate() {
        let text = line.text.as_str();
        why[i] = if is_boilerplate(text) {
            Some(crate::why::WORDING)
        } else if line.in_figure() {
            Some(crate::why::FIGURE)
        } else if line.only_time() {
            Some(crate::why::TIME)
        } else if line.image_text {
            Some(crate::why::IMAGE_TEXT)
        } else if line.styled_caption() {
            Some(crate::why::STYLED_CAPTION)
        } else if headline
            .as_ref()
            .is_some_and(|(h, key)| repeats_headline(text, h, key))
        {
            Some(crate::why::HEADLINE)
        } else if is_labelled_link(line) {
            Some(crate::why::LABELLED_LINK)
        } else if let Some(name) = name.as_deref() {
            // The line's words, made once for both rules.
            let words = plain_words(text);
            if repeats_byline_or_date(&words, name) {
                Some(crate::why::BYLINE)
            } else if is_author_bio(&words, name, i + 3 >= n) {
                Some(crate::why::AUTHOR_BIO)
            } else {
                None
            }
        } else {
            None
        };
    }
    // The first reason found stands (the wording rules', asked first, is
    // one of the line judge's features).
    let mark = |why: &mut Vec<Option<&'static str>>, i: usize, reason: &'static str| {
        why[i].get_or_insert(reason);
    };
    // The line just before a bare credit is the picture's caption.
    for i in 1..n {
        if is_bare_credit(&lines[i]) && lines[i - 1].words() <= 50 {
            mark(&mut why, i - 1, crate::why::BEFORE_CREDIT);
        }
    }
    // A section of sources and pointers elsewhere ("References", "Further
    // reading", "See also"): its heading and its lines, to the next
    // heading that opens no such section, are not the story.
    let mut i = 0;
    while i < n {
        if !(lines[i].heading && names_apparatus(&lines[i].text)) {
            i += 1;
            continue;
        }
        mark(&mut why, i, crate::why::APPARATUS);
        i += 1;
        while i < n && (!lines[i].heading || names_apparatus(&lines[i].text)) {
            mark(&mut why, i, crate::why::APPARATUS);
            i += 1;
        }
    }
    // Runs of three or more link-dominated lines are lists of other pages
    // ("Most read", "Related"), with the heading just before them.
    let mut i = 0;
    while i < n {
        if !link_dominated(&lines[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && link_dominated(&lines[i]) {
            i += 1;
        }
        if i - start >= 3 {
            for k in start..i {
                mark(&mut why, k, crate::why::LINK_LIST);
            }
            if start > 0 && heading_like(&lines[start - 1]) {
                mark(&mut why, start - 1, crate::why::LINK_LIST);
            }
        }
    }
    why
}

/// A line the page's structure sets off from the story's run of prose:
/// 15% or more of it link text, a list item, half or more of it in
/// italics or small print, or in a `<blockquote>`. Readers' comments
/// (quoted in blockquotes), picture captions thick with links, teasers
/// and lists of other stories look so; so do some of the story's own
/// lines, which is why this alone marks nothing: it decides a line that
/// trafilatura's reading lacks almost wholly (see [`mark_by_readings`]).
fn set_off(line: &Line) -> bool {
    line.link_chars * 20 >= line.chars * 3
        || line.list_item
        || line.styled_chars * 2 >= line.chars
        || line.quote_chars * 2 >= line.chars
}

/// The rest of the marking, given [`mark_by_structure`]'s marks: the
/// second readings (JSON-LD's body, trafilatura's) and the headings of
/// sections wholly marked. With how much of each line each reading holds,
/// for the line judge (`judge.rs`).
pub(crate) fn mark_by_readings(
    lines: &[Line],
    mut why: Vec<Option<&'static str>>,
    evidence: &Evidence,
) -> Readings {
    let n = lines.len();
    let mut marked: Vec<bool> = why.iter().map(Option::is_some).collect();
    // The publisher's own text of the story, or failing that trafilatura's
    // reading of the page: a line neither holds is no part of the story.
    // trafilatura is trusted only where it read a comparable body; its
    // lone doubt marks short lines only, since it drops real paragraphs
    // more often than it keeps chrome. A longer line it lacks almost
    // wholly is decided by structure (`set_off`).
    let ours: usize = lines.iter().map(Line::words).sum();
    let json_ld = evidence
        .json_ld_body
        .as_deref()
        .filter(|body| comparable_body(body, ours))
        .map(Reference::new);
    let second = evidence
        .second_opinion
        .as_deref()
        .map(Reference::new)
        .filter(|r| r.words >= 50 && r.words * 10 >= ours * 5);
    // The lines trafilatura's reading lacks (as the short-line rule reads
    // "lacks"), whatever their length.
    let mut lacking = vec![false; n];
    let json_ld_support: Option<Vec<f32>> = json_ld
        .as_ref()
        .map(|r| lines.iter().map(|l| r.support(&l.text) as f32).collect());
    let second_support: Option<Vec<f32>> = second
        .as_ref()
        .map(|r| lines.iter().map(|l| r.support(&l.text) as f32).collect());
    for (i, line) in lines.iter().enumerate() {
        if marked[i] {
            continue;
        }
        if let Some(support) = &json_ld_support {
            if support[i] < 0.2 {
                marked[i] = true;
                why[i] = Some(crate::why::JSON_LD);
            }
        } else if let Some(support) = &second_support {
            let support = f64::from(support[i]);
            if (line.words() <= 40 && support < 0.34) || (support < 0.1 && set_off(line)) {
                marked[i] = true;
                why[i] = Some(crate::why::SECOND_READING);
            }
            lacking[i] = support < 0.34;
        }
    }
    // A run of three lines or more, each marked or lacking from
    // trafilatura's reading, at least one of them set off by the
    // structure, is a block of something else (readers' comments, a box
    // of other stories with their teasers): its long plain lines go with
    // it. A lone long line trafilatura lacks stays story, as above.
    let mut i = 0;
    while i < n {
        let start = i;
        while i < n && (lacking[i] || marked[i]) {
            i += 1;
        }
        if i - start >= 3 && (start..i).any(|k| lacking[k] && set_off(&lines[k])) {
            for k in start..i {
                if !marked[k] {
                    marked[k] = true;
                    why[k] = Some(crate::why::BLOCK);
                }
            }
        }
        i = i.max(start + 1);
    }
    // A heading whose whole section is marked belongs to it. The section
    // runs to the next heading; walking backwards keeps its length and how
    // many of its lines are unmarked, so a page of many short lines costs
    // one pass (looking ahead from each line took 4.8 s on 72,000 of them).
    let (mut section, mut unmarked) = (0usize, 0usize);
    for i in (0..n).rev() {
        if !marked[i] && heading_like(&lines[i]) && section > 0 && unmarked == 0 {
            marked[i] = true;
            why[i] = Some(crate::why::SECTION_HEADING);
        }
        if lines[i].heading {
            (section, unmarked) = (0, 0);
        } else {
            section += 1;
            unmarked += usize::from(!marked[i]);
        }
    }
    Readings {
        marked,
        why,
        json_ld: json_ld_support,
        second: second_support,
    }
}

/// What [`mark_by_readings`] found: its marks, and for each line the share
/// of it that the JSON-LD body and trafilatura's reading hold, where the
/// page has a reading to check against.
pub(crate) struct Readings {
    pub(crate) marked: Vec<bool>,
    /// Why each marked line is marked (see `why.rs`).
    pub(crate) why: Vec<Option<&'static str>>,
    pub(crate) json_ld: Option<Vec<f32>>,
    pub(crate) second: Option<Vec<f32>>,
}

/// The indices of a body's boilerplate paragraphs.
pub fn find_boilerplate(paragraphs: &[String]) -> Vec<usize> {
    paragraphs
        .iter()
        .enumerate()
        .filter(|(_, p)| is_boilerplate(p))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{is_boilerplate, words_up_to};

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            " ",
            "one",
            "  two  words ",
            "tab\tand\nnewline\x0bvt\x0cff\rcr",
            "caf\u{e9} au lait",
            "no\u{a0}break\u{2003}em space",
            "x\u{85}y",
            "a b c d e f g h",
        ] {
            for limit in 0..10 {
                assert_eq!(
                    words_up_to(text, limit),
                    text.split_whitespace().take(limit).count(),
                    "{text:?} up to {limit}"
                );
            }
        }
    }

    #[test]
    fn words_are_counted_across_blocks_and_up_to_the_limit() {
        // Texts longer than one block of the byte count, with words and
        // runs of spaces on the blocks' edges.
        for text in [
            "word ".repeat(100),
            "ab  ".repeat(90),
            format!("{}x", " ".repeat(127)),
            format!("{} y z", "a".repeat(128)),
            "a\tb\nc ".repeat(70),
        ] {
            for limit in [0, 1, 2, 30, 41, 64, 65, 200, 1000] {
                assert_eq!(
                    words_up_to(&text, limit),
                    text.split_whitespace().take(limit).count(),
                    "{text:?} up to {limit}"
                );
            }
        }
    }

    #[test]
    fn regression_copyright_signs_and_lines_of_marks_are_boilerplate() {
        for line in [
            "© 2002, 2003 Jamie Zawinski",
            "(c) 2026 Harbour Gazette",
            "___",
            "* * *",
            ".",
            "^ Zawinski, Jamie (1996). \"nscp dorm\". Retrieved 2007-10-12.",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
        // A list's third item is not a copyright line.
        assert!(!is_boilerplate(
            "(c) the council must publish its plans before the vote"
        ));
    }

    #[test]
    fn regression_calls_to_action_under_a_story_are_boilerplate() {
        for line in [
            "Learn more about Style Editor",
            "Join our Fan Contributor Program and share your voice!",
            "Join our WhatsApp channel for the latest news.",
            "Find out more at the council's website.",
            "Read the full report for more insights on AI, security and more.",
            "Tech Enabled: CNET chronicles tech's role in providing new kinds of accessibility. Check it out here.",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
        // Prose that speaks of learning, joining and reports stays.
        for line in [
            "Residents will learn more about the plans at Tuesday's meeting.",
            "She asked him to join our table, he said.",
            "The full report, published on Monday, runs to 300 pages.",
            "Joining our reporters on the boat was the harbour master.",
        ] {
            assert!(!is_boilerplate(line), "{line}");
        }
    }

    #[test]
    fn regression_wire_credits_and_gallery_labels_are_boilerplate() {
        for line in [
            "(Reporting by Greg Roumeliotis; editing by Martin Howell.)",
            "Heba Habib contributed to this report.",
            "Additional reporting by Tom Reid in Harbour Town.",
            "A version of this article appears in print on Page A1 of the New York edition.",
            "Photos by cmgirl (Shutterstock), Macrovector (Shutterstock)",
            "Gallery: Xbox One X | 14 Photos",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
        assert!(!is_boilerplate(
            "Photo booths were set up along the promenade for the opening."
        ));
    }

    #[test]
    fn credits_prompts_and_captions_are_boilerplate() {
        for line in [
            "This story first appeared in The Sun and is reproduced with permission.",
            "Read more: Council backs sea wall",
            "RELATED: Storm hits coast",
            "Advertisement",
            "Sign up to our free morning newsletter",
            "Picture: AFP",
            "The harbour at dawn (Photo: Getty Images)",
            "Crowds gathered outside the court. Photograph: PA Media",
            "The promenade after the January storm. Picture: Harbour Gazette",
            "Flooded homes on Marine Parade (Image: GETTY)",
            "Residents queue for sandbags. Photograph: Tom Reid/Harbour Gazette",
            "The seafront at dawn. AFP via Getty Images",
            "Image 1 of 8",
            "3/12",
            "Published 1 day ago | Updated 14:05 BST, 3 March 2026",
            "Thursday 14 March 2026 09.00 GMT",
            "By Maria Okafor and Tom Reid",
            "By MARIA OKAFOR, Political Reporter",
            "Get the day's top headlines delivered to your inbox",
            "GET HARBOUR NEWS ON THE GO BY CLICKING HERE",
            "Continue Reading Below",
            "More from Politics",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
    }

    #[test]
    fn story_paragraphs_are_not() {
        for line in [
            "The council voted on Thursday to build a sea wall.",
            "\"We cannot ask families to keep bailing out their kitchens,\" he said.",
            "Reuters reported that the talks had stalled.",
            "Readers of the paper have written in their hundreds.",
            "By the end of the year, the wall will be finished.",
            "By Thursday the water had reached the second step.",
            "On Monday 3 March the council met again.",
            "The map (pictured) shows where the wall will run.",
            "He told AP the plan was sound.",
            "Two of the eight were rescued.",
            "More from the council's statement came later.",
        ] {
            assert!(!is_boilerplate(line), "{line}");
        }
    }

    #[test]
    fn regression_a_caption_in_a_pasted_copy_is_marked_too() {
        let doc = crate::text_article(
            "The council voted on Thursday to build a sea wall.\n\nFlooded homes on Marine Parade (Image: GETTY)\n\nPublished 1 day ago | Updated 14:05 BST\n\nWork starts in September.",
        );
        assert_eq!(doc.boilerplate, [1, 2], "{doc:#?}");
    }

    /// A story's paragraphs, as trafilatura's reading holds them.
    const STORY: [&str; 3] = [
        "The Harbour council voted on Thursday night to build a sea wall along the eastern promenade, three months after storms flooded more than two hundred homes on the seafront. Councillors from every party spoke in the debate, which ran for almost four hours and was watched from the public gallery by more than a hundred residents.",
        "The decision, passed by twenty three votes to nine, ends a year of argument over whether the town should defend the seafront or help the residents of the lower streets move away. The council's own engineers had warned that without a wall the seafront would flood in most winters within a decade, and that insurers were already refusing new policies there.",
        "Work on the wall is due to start in September and to take two years, with the first section protecting the streets behind the lifeboat station and the old fish market. The promenade will stay open while the work goes on, although the car park beside the pier will close for the first six months, the council said in a statement on Friday.",
    ];

    /// A reader's comment under the story, which trafilatura's reading lacks.
    const COMMENT: &str = "Great to see this at last. My mother lived on Marine Parade for forty years and every winter we carried her furniture upstairs when the tide came in; I only wish the council had listened to the residents sooner instead of holding meeting after meeting about it.";

    /// A plain paragraph of the story that trafilatura's reading lacks too
    /// (it drops real paragraphs at times).
    const LACKED: &str = "Engineers from the county surveyed the shore last summer and found that the old defences, built after the floods of 1953, had sunk by almost half a metre in places and could no longer be repaired at a reasonable cost to the town.";

    /// Which of `lines` are marked, trafilatura having read `STORY` alone.
    fn marked_against_story(lines: &[crate::blocks::Line]) -> Vec<usize> {
        let evidence = super::Evidence {
            byline: None,
            headline: None,
            json_ld_body: None,
            second_opinion: Some(STORY.join("\n\n")),
        };
        super::mark_by_readings(lines, vec![None; lines.len()], &evidence)
            .marked
            .iter()
            .enumerate()
            .filter(|(_, m)| **m)
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn regression_a_long_line_the_second_reading_lacks_is_marked_where_the_structure_sets_it_off() {
        // trafilatura's reading holds the story; the article's HTML also
        // holds a reader's comment quoted in a blockquote, a list item and
        // a caption thick with links that it lacks, and one plain paragraph
        // it lacks too (trafilatura drops real paragraphs at times).
        let story = STORY;
        let comment = COMMENT;
        let list_item = "Residents who want sandbags before the work begins can collect up to ten a household from the depot on Mill Lane on weekday mornings, or ask the council to deliver them if they cannot carry them, as many older residents on the seafront have done this winter.";
        let caption = "The promenade at high tide in January, when waves broke over the railings; the wall will run from the lifeboat station to the pier, as the council's plans show, and rise two metres above the beach along the whole of its length.";
        let plain = LACKED;
        let html = format!(
            "<div><p>{}</p><p>{}</p><blockquote><p>{comment}</p></blockquote><ul><li>{list_item}</li></ul><p>{}</p><p><a href=/a>The promenade at high tide in January</a>, when waves broke over the <a href=/b>railings</a>; the wall will run from the lifeboat station to the pier, as the council's plans show, and rise two metres above the beach along the whole of its length.</p><p>{plain}</p></div>",
            story[0], story[1], story[2]
        );
        let lines = crate::blocks::lines(&html);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [story[0], story[1], comment, list_item, story[2], caption, plain]
        );
        let marked = marked_against_story(&lines);
        // The comment, the list item and the linked caption are marked; the
        // plain paragraph, set off by nothing, stays story.
        assert_eq!(marked, [2, 3, 5], "{texts:#?}");
    }

    #[test]
    fn regression_a_block_of_lines_the_second_reading_lacks_goes_with_the_one_set_off() {
        // Readers' comments under the story: the first quoted in a
        // blockquote, the replies plain paragraphs; trafilatura's reading
        // holds none of them. A plain paragraph it lacks on its own stays.
        let comment = COMMENT;
        let reply = "I agree with every word of that, and I would add that the residents of the lower streets were told at three public meetings that nothing could be done, which turned out not to be true once the insurers began to refuse new policies.";
        let another = "Two years of building work on the promenade will ruin the summer trade for every café and shop along the seafront, and nobody on the council seems to have asked the traders what they think about it before the vote last week.";
        let plain = LACKED;
        let html = format!(
            "<div><p>{}</p><p>{plain}</p><p>{}</p><p>{}</p><blockquote><p>{comment}</p></blockquote><p>{reply}</p><p>{another}</p></div>",
            STORY[0], STORY[1], STORY[2]
        );
        let lines = crate::blocks::lines(&html);
        assert_eq!(lines.len(), 7);
        assert_eq!(marked_against_story(&lines), [4, 5, 6]);
    }
}
