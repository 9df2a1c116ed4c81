//! Word boundaries (Unicode's UAX #29), quickly for plain ASCII text.
//!
//! `unicode-segmentation` finds word boundaries with the full Unicode
//! tables, which costs a table lookup and a state step per character. Most
//! news copy is ASCII, and for ASCII the rules reduce to a few byte tests
//! (the same reduction `unicode-segmentation` uses in its own
//! `unicode_word_indices` fast path): this module cuts ASCII text that way
//! and anything else with the full algorithm. The two agree on every ASCII
//! text (a property test below checks it), so which one ran never shows.

use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

/// The text's pieces at every word boundary, with their byte offsets, as
/// `split_word_bound_indices` gives them.
pub(crate) fn word_bounds(text: &str) -> WordBounds<'_> {
    if text.is_ascii() {
        WordBounds::Ascii(AsciiWordBounds { text, at: 0 })
    } else {
        WordBounds::Unicode(text.split_word_bound_indices())
    }
}

/// Counts the words of a text the way the whole engine counts them: pieces
/// between word boundaries that hold a letter, digit or ideograph.
pub(crate) fn count_words(text: &str) -> usize {
    if text.is_ascii() {
        count_ascii_words(text.as_bytes())
    } else {
        text.split_word_bounds()
            .filter(|t| t.chars().any(char::is_alphanumeric))
            .count()
    }
}

/// [`count_words`] of an ASCII text, eight bytes at a time where it has no
/// `_` (a run of only `_` is no word, and finding those needs the runs).
/// Every unchanged paragraph is counted, and the byte-at-a-time scanner
/// was a twentieth of batch time.
///
/// A word starts at a letter or digit that neither follows one nor follows
/// a joiner standing between two letters or two digits ("U.S.", "1,000",
/// "don't" are one word each): that is where [`AsciiWordBounds`] starts a
/// run, so counting starts counts its runs.
fn count_ascii_words(bytes: &[u8]) -> usize {
    if bytes.len() < 16 || bytes.contains(&b'_') {
        return count_ascii_words_bytewise(bytes);
    }
    use crate::swar::{count_high, equal, load, within};
    let classes = |x: u64| {
        let digit = within(x, b'0', b'9');
        let letter = within(x, b'A', b'Z') | within(x, b'a', b'z');
        (letter, digit)
    };
    // The first two bytes have fewer than two before them: count them as
    // the scanner does, then every start from byte 2 on by words.
    let mut count = count_starts_bytewise(bytes, 0..2);
    let mut at = 2;
    while at + 8 <= bytes.len() {
        let (this, before, two_before) =
            (load(bytes, at), load(bytes, at - 1), load(bytes, at - 2));
        let (letter, digit) = classes(this);
        let (letter_1, digit_1) = classes(before);
        let (letter_2, digit_2) = classes(two_before);
        let letters = letter & letter_2;
        let digits = digit & digit_2;
        let joined = ((equal(before, b'.') | equal(before, b'\'')) & (letters | digits))
            | (equal(before, b':') & letters)
            | ((equal(before, b',') | equal(before, b';')) & digits);
        let starts = (letter | digit) & !(letter_1 | digit_1) & !joined;
        count += count_high(starts) as usize;
        at += 8;
    }
    count + count_starts_bytewise(bytes, at..bytes.len())
}

/// Word starts (see [`count_ascii_words`]) at the positions in `range`
/// of a text without `_`.
fn count_starts_bytewise(bytes: &[u8], range: std::ops::Range<usize>) -> usize {
    range
        .filter(|&i| {
            bytes[i].is_ascii_alphanumeric()
                && !(i >= 1 && bytes[i - 1].is_ascii_alphanumeric())
                && !(i >= 2 && joins(bytes[i - 1], bytes[i - 2], bytes[i]))
        })
        .count()
}

/// [`count_words`] of an ASCII text, a byte at a time: the runs that
/// `AsciiWordBounds` gives as words, counted without cutting the text
/// into pieces (only a run of letters, digits and `_`, with its joiners,
/// can hold a letter or digit).
fn count_ascii_words_bytewise(bytes: &[u8]) -> usize {
    let (mut i, mut count) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if !is_core(b) {
            continue;
        }
        let mut has_alphanumeric = b != b'_';
        while let Some(&c) = bytes.get(i) {
            if is_core(c) {
                has_alphanumeric |= c != b'_';
            } else if !bytes
                .get(i + 1)
                .is_some_and(|&next| joins(c, bytes[i - 1], next))
            {
                break;
            }
            i += 1;
        }
        count += usize::from(has_alphanumeric);
    }
    count
}

pub(crate) enum WordBounds<'a> {
    Ascii(AsciiWordBounds<'a>),
    Unicode(UWordBoundIndices<'a>),
}

impl<'a> Iterator for WordBounds<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'a str)> {
        match self {
            WordBounds::Ascii(it) => it.next(),
            WordBounds::Unicode(it) => it.next(),
        }
    }
}

/// UAX #29 word boundaries of an ASCII text. For ASCII the word-break
/// classes are: letters (ALetter), digits (Numeric), `_` (ExtendNumLet),
/// `:` (MidLetter), `.` and `'` (MidNumLetQ), `,` and `;` (MidNum), the
/// space (WSegSpace), CR, LF, and everything else on its own.
pub(crate) struct AsciiWordBounds<'a> {
    text: &'a str,
    at: usize,
}

#[inline]
fn is_core(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A joiner between two letters (WB6, WB7) or two digits (WB11, WB12).
#[inline]
fn joins(b: u8, prev: u8, next: u8) -> bool {
    match b {
        b'.' | b'\'' => {
            (prev.is_ascii_alphabetic() && next.is_ascii_alphabetic())
                || (prev.is_ascii_digit() && next.is_ascii_digit())
        }
        b':' => prev.is_ascii_alphabetic() && next.is_ascii_alphabetic(),
        b',' | b';' => prev.is_ascii_digit() && next.is_ascii_digit(),
        _ => false,
    }
}

impl<'a> Iterator for AsciiWordBounds<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'a str)> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let first = *bytes.get(start)?;
        let mut end = start + 1;
        if first == b' ' {
            // WB3d: spaces stay together.
            while bytes.get(end) == Some(&b' ') {
                end += 1;
            }
        } else if is_core(first) {
            // WB5–WB13b: letters, digits and `_` run on, across a joiner
            // that stands between two letters or two digits.
            while let Some(&b) = bytes.get(end) {
                if is_core(b)
                    || bytes
                        .get(end + 1)
                        .is_some_and(|&next| joins(b, bytes[end - 1], next))
                {
                    end += 1;
                } else {
                    break;
                }
            }
        } else if first == b'\r' && bytes.get(end) == Some(&b'\n') {
            // WB3: CR × LF.
            end += 1;
        }
        self.at = end;
        Some((start, &self.text[start..end]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Words as Unicode's word bounds give them: the pieces with a letter or digit.
    fn unicode_words(text: &str) -> usize {
        text.split_word_bounds()
            .filter(|t| t.chars().any(char::is_alphanumeric))
            .count()
    }

    fn unicode(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices().collect()
    }

    #[test]
    fn ascii_bounds_match_unicode_on_news_copy() {
        for text in [
            "",
            "Mr. Smith met U.S. officials on Sept. 4, 2026 at 10:30.",
            "It cost $1,000.50; that's 3.5% (e.g. a lot) -- said \"no\".",
            "a_b __ _a a_ 1_2 a.1 1.a a:1 1:2 a'b 1'2 a.'b a..b\r\n\r\r\n\n\t x",
            "   leading and trailing   ",
            "http://example.org/a-b?c=d&e=f#g",
        ] {
            let fast: Vec<_> = word_bounds(text).collect();
            assert_eq!(fast, unicode(text), "{text:?}");
        }
    }

    #[test]
    fn words_are_counted_on_both_paths() {
        for text in [
            "",
            "_",
            "a_ _b __ 1,2 a.b.c 1.a a..b",
            "The U.S. said 1,000 don't -- ok.",
        ] {
            assert_eq!(count_words(text), unicode_words(text), "{text:?}");
        }
        assert_eq!(count_words("The U.S. said 1,000 don't -- ok."), 6);
        assert_eq!(count_words("Caf\u{e9} \u{201C}ouvert\u{201D} 24h"), 3);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Counting by words of eight bytes agrees with the scanner on
        /// texts long enough to take that path, joiners on every edge.
        #[test]
        fn words_counted_by_words_agree_with_the_scanner(
            text in proptest::collection::vec(
                prop::sample::select(&[
                    "a", "Bc", "z", "0", "7", "42", ".", "'", ":", ",", ";", " ", "  ", "\r\n",
                    "\n", "\t", "\"", "-", "!", "(", "_", "U.S.", "1,000", "don't", "a:b",
                ][..]),
                0..80,
            ).prop_map(|c| c.concat())
        ) {
            let bytes = text.as_bytes();
            prop_assert_eq!(count_ascii_words(bytes), count_ascii_words_bytewise(bytes));
            prop_assert_eq!(count_words(&text), unicode_words(&text));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn ascii_bounds_match_unicode(
            text in proptest::collection::vec(
                prop::sample::select(&[
                    'a', 'B', 'z', '0', '7', '_', '.', '\'', ':', ',', ';', ' ', '\r', '\n',
                    '\t', '"', '-', '!', '(', '\u{b}', '\u{c}',
                ][..]),
                0..40,
            ).prop_map(|c| c.into_iter().collect::<String>())
        ) {
            let fast: Vec<_> = word_bounds(&text).collect();
            prop_assert_eq!(fast, unicode(&text));
        }

        #[test]
        fn ascii_bounds_match_unicode_on_any_ascii(text in "[\\x00-\\x7f]{0,60}") {
            let fast: Vec<_> = word_bounds(&text).collect();
            prop_assert_eq!(fast, unicode(&text));
            prop_assert_eq!(count_words(&text), unicode_words(&text));
        }
    }
}
