//! Typographic folding: the differences that are not news.
//!
//! Reprints change quote styles, dashes and spaces without changing a word
//! of the story. Matching uses folded text, so those differences never show
//! as edits unless the user asks for strict comparison; they are counted.

/// How text is folded before two passages are matched.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Fold {
    /// Compare the text exactly as written (quotes, dashes, every space).
    pub strict: bool,
    /// Treat upper and lower case as the same.
    pub ignore_case: bool,
    /// Drop punctuation from keys.
    pub ignore_punctuation: bool,
}

impl Fold {
    /// The key of a piece of text, borrowed when folding would not change
    /// it (most words), so that long texts do not allocate once a token.
    pub fn key_of<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        // By bytes: a plain char is ASCII, and a byte of a longer char
        // (0x80 and up) is no plain char either, so this is
        // `chars().all(plain)` without decoding; from a table, since it
        // runs on every byte of every token of a word diff.
        let table =
            &PLAIN_BYTES[usize::from(self.ignore_punctuation) * 2 + usize::from(self.ignore_case)];
        if text == " " || text.bytes().all(|b| table[usize::from(b)]) {
            std::borrow::Cow::Borrowed(text)
        } else {
            std::borrow::Cow::Owned(self.key(text))
        }
    }

    /// The key of a whole paragraph or passage, borrowed when the text is
    /// already its own key: most paragraphs of a long document are plain
    /// words and single spaces, and copying 10 MB of them only to hash the
    /// copy was a fifth of a comparison's time.
    pub fn key_cow<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        if self.is_own_key(text) {
            std::borrow::Cow::Borrowed(text)
        } else {
            std::borrow::Cow::Owned(self.key(text))
        }
    }

    /// Whether `key(text) == text`. It may say no where the key happens to
    /// equal the text (then the key is computed); it never says yes wrongly.
    fn is_own_key(&self, text: &str) -> bool {
        let unchanged_by_case = |c: char| {
            if c.is_ascii() {
                !c.is_ascii_uppercase()
            } else {
                let mut lower = c.to_lowercase();
                lower.next() == Some(c) && lower.next().is_none()
            }
        };
        if self.strict {
            return !self.ignore_case || text.chars().all(unchanged_by_case);
        }
        if let Some(own) = self.is_own_key_ascii(text.as_bytes()) {
            return own;
        }
        let mut prev: Option<char> = None;
        for c in text.chars() {
            if c == ' ' {
                // A leading space or a second space would be dropped.
                if prev.is_none_or(|p| p == ' ') {
                    return false;
                }
            } else if c.is_whitespace()
                || fold_char(c) != Some(c)
                || (self.ignore_punctuation && !c.is_alphanumeric())
                || (c == '-' && prev == Some('-'))
                || (self.ignore_case && !unchanged_by_case(c))
            {
                return false;
            }
            prev = Some(c);
        }
        // A trailing space would be dropped.
        prev != Some(' ')
    }

    /// [`Fold::is_own_key`] for ASCII text, a table lookup a byte: `None`
    /// when the text is not ASCII.
    fn is_own_key_ascii(&self, bytes: &[u8]) -> Option<bool> {
        if !self.ignore_punctuation && !self.ignore_case {
            if let Some(own) = is_own_key_plain(bytes) {
                return Some(own);
            }
        }
        self.is_own_key_table(bytes)
    }

    /// [`Fold::is_own_key_ascii`] by the table of byte classes.
    fn is_own_key_table(&self, bytes: &[u8]) -> Option<bool> {
        let table =
            &BYTE_CLASSES[usize::from(self.ignore_punctuation) * 2 + usize::from(self.ignore_case)];
        for (i, &b) in bytes.iter().enumerate() {
            match table[b as usize] {
                PLAIN => {}
                // A leading or a second space would be dropped, and so
                // would the second of two dashes.
                SPACE if i > 0 && bytes[i - 1] != b' ' => {}
                DASH if i == 0 || bytes[i - 1] != b'-' => {}
                NOT_ASCII => return None,
                _ => return Some(false),
            }
        }
        // A trailing space would be dropped.
        Some(bytes.last() != Some(&b' '))
    }

    /// The matching key of a piece of text. Runs of whitespace become one
    /// space, so the key of a token that is only whitespace is `" "`.
    pub fn key(&self, text: &str) -> String {
        if self.strict {
            return if self.ignore_case {
                text.to_lowercase()
            } else {
                text.to_string()
            };
        }
        let mut out = String::with_capacity(text.len());
        let mut pending_space = false;
        for c in text.chars() {
            let Some(c) = fold_char(c) else { continue };
            if self.ignore_punctuation && !c.is_alphanumeric() && !c.is_whitespace() {
                continue;
            }
            if c.is_whitespace() {
                pending_space = true;
                continue;
            }
            if pending_space {
                if !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
            }
            // "--" and "—" are the same dash.
            if c == '-' && out.ends_with('-') {
                continue;
            }
            if self.ignore_case {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
        if pending_space && out.is_empty() && !text.is_empty() {
            out.push(' ');
        }
        out
    }
}

/// [`Fold::is_own_key_ascii`] with the default options, eight bytes at a
/// time: the text is its own key when it has no byte that folds (other
/// ASCII whitespace, '`'), no two spaces or two dashes in a row, and no
/// space at either end. `None` when it is not all ASCII: the table then
/// says where it stops.
///
/// Written out as word arithmetic ([`crate::swar`]): the byte-wise passes
/// this replaced ran a byte at a time (a tenth of batch time).
fn is_own_key_plain(bytes: &[u8]) -> Option<bool> {
    use crate::swar::{equal, load, within, zero};
    // Checked once, ahead (a word at a time in the standard library),
    // rather than in every step below.
    if !bytes.is_ascii() {
        return None;
    }
    let (mut folds, mut doubled) = (0u64, 0u64);
    let mut at = 0;
    // Each step reads bytes `at..at + 8` and their right neighbours
    // `at + 1..at + 9` (the word shifted down a byte, and the byte after
    // it: one load a step, not two), so the pairs starting in the word are
    // all seen.
    while at + 9 <= bytes.len() {
        let word = load(bytes, at);
        let next = (word >> 8) | (u64::from(bytes[at + 8]) << 56);
        folds |= within(word, b'\t', b'\r') | equal(word, b'`');
        let space_or_dash = equal(word, b' ') | equal(word, b'-');
        doubled |= zero(word ^ next) & space_or_dash;
        at += 8;
    }
    let (mut folds, mut doubled) = (folds != 0, doubled != 0);
    for (k, &b) in bytes.iter().enumerate().skip(at) {
        if b >= 0x80 {
            return None;
        }
        folds |= b.wrapping_sub(b'\t') < 5 || b == b'`';
        doubled |= bytes
            .get(k + 1)
            .is_some_and(|&n| n == b && (b == b' ' || b == b'-'));
    }
    Some(!folds && !doubled && bytes.first() != Some(&b' ') && bytes.last() != Some(&b' '))
}

// What a byte asks of [`Fold::is_own_key_ascii`]: nothing, a look at its
// neighbour (a space or a dash), or the key (it folds: other whitespace,
// '`', and what the options drop or lowercase).
const PLAIN: u8 = 0;
const SPACE: u8 = 1;
const DASH: u8 = 2;
const FOLDS: u8 = 3;
const NOT_ASCII: u8 = 4;

/// Byte classes without and with ignore_case, then the same with
/// ignore_punctuation.
const BYTE_CLASSES: [[u8; 256]; 4] = [
    byte_classes(false, false),
    byte_classes(false, true),
    byte_classes(true, false),
    byte_classes(true, true),
];

const fn byte_classes(ignore_punctuation: bool, ignore_case: bool) -> [u8; 256] {
    let mut table = [PLAIN; 256];
    let mut b = 0usize;
    while b < 256 {
        let byte = b as u8;
        table[b] = match byte {
            0x80.. => NOT_ASCII,
            b' ' => SPACE,
            // The other ASCII whitespace (`char::is_whitespace`), and '`'.
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b'`' => FOLDS,
            _ if ignore_punctuation && !byte.is_ascii_alphanumeric() => FOLDS,
            _ if ignore_case && byte.is_ascii_uppercase() => FOLDS,
            b'-' => DASH,
            _ => PLAIN,
        };
        b += 1;
    }
    table
}

/// Whether a char is its own key in a token (see [`Fold::key_of`]), with
/// the options as in [`BYTE_CLASSES`].
const fn plain_char(c: u8, ignore_punctuation: bool, ignore_case: bool) -> bool {
    c.is_ascii_alphanumeric() && !(ignore_case && c.is_ascii_uppercase())
        || !ignore_punctuation
            && matches!(
                c,
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b'(' | b')' | b'"' | b'\''
            )
}

/// [`plain_char`] of every byte, without and with ignore_case, then the
/// same with ignore_punctuation.
const PLAIN_BYTES: [[bool; 256]; 4] = {
    let mut tables = [[false; 256]; 4];
    let mut k = 0;
    while k < 4 {
        let mut b = 0;
        while b < 256 {
            tables[k][b] = plain_char(b as u8, k >= 2, k % 2 == 1);
            b += 1;
        }
        k += 1;
    }
    tables
};

/// Maps a character to its plain form, or drops it if it is invisible.
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
        // Soft hyphen, zero-width space/joiners, word joiner, byte-order mark.
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => return None,
        c => c,
    })
}

#[cfg(test)]
mod tests {
    use super::Fold;

    #[test]
    fn curly_quotes_dashes_and_odd_spaces_fold_to_plain() {
        let fold = Fold::default();
        assert_eq!(
            fold.key("\u{201C}It\u{2019}s\u{00A0}over\u{201D} \u{2014}  she   said"),
            fold.key("\"It's over\" - she said")
        );
    }

    #[test]
    fn a_double_hyphen_is_an_em_dash() {
        let fold = Fold::default();
        assert_eq!(fold.key("war--and peace"), fold.key("war\u{2014}and peace"));
    }

    #[test]
    fn invisible_marks_are_dropped() {
        let fold = Fold::default();
        assert_eq!(fold.key("co\u{00AD}op\u{200B}erate"), "cooperate");
    }

    #[test]
    fn strict_keeps_the_text_exactly() {
        let fold = Fold {
            strict: true,
            ..Fold::default()
        };
        assert_ne!(fold.key("\u{201C}a\u{201D}"), fold.key("\"a\""));
        assert_ne!(fold.key("a\u{00A0}b"), fold.key("a b"));
        assert_eq!(fold.key("a  b"), "a  b");
    }

    #[test]
    fn whitespace_token_keys_to_one_space() {
        assert_eq!(Fold::default().key(" \t\u{00A0}"), " ");
    }

    #[test]
    fn ignore_punctuation_drops_it_from_keys() {
        let fold = Fold {
            ignore_punctuation: true,
            ..Fold::default()
        };
        assert_eq!(fold.key("said, \"no\"."), fold.key("said no"));
    }

    #[test]
    fn borrowed_keys_equal_folded_keys() {
        for fold in [
            Fold::default(),
            Fold {
                strict: true,
                ..Fold::default()
            },
            Fold {
                ignore_case: true,
                ..Fold::default()
            },
            Fold {
                ignore_punctuation: true,
                ..Fold::default()
            },
        ] {
            for text in [
                "word", "Word", "U.S", " ", "  ", "\u{201C}", "--", "said,", "\n\n", "l'", "42",
            ] {
                assert_eq!(fold.key_of(text), fold.key(text), "{text:?} with {fold:?}");
            }
        }
    }

    #[test]
    fn borrowed_paragraph_keys_equal_folded_keys() {
        let texts = [
            "",
            " ",
            "a b",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a--b",
            "a- -b",
            "a\u{2014}b",
            "It's \u{201C}so\u{201D}",
            "Mayor SMITH said, \"no\".",
            "\u{00C9}cole \u{00E9}t\u{00E9}",
            "ARV\u{0130}D \u{03A3}",
            "x\u{00AD}y",
            "a`b",
            "a\u{00A0}b",
        ];
        for fold in [
            Fold::default(),
            Fold {
                strict: true,
                ..Fold::default()
            },
            Fold {
                strict: true,
                ignore_case: true,
                ..Fold::default()
            },
            Fold {
                ignore_case: true,
                ..Fold::default()
            },
            Fold {
                ignore_punctuation: true,
                ..Fold::default()
            },
        ] {
            for text in texts {
                assert_eq!(fold.key_cow(text), fold.key(text), "{text:?} with {fold:?}");
            }
        }
        assert!(matches!(
            Fold::default().key_cow("Plain words, one space."),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn plain_ascii_check_agrees_with_the_table() {
        // Every text of up to three bytes from the ones that matter.
        let alphabet = [b'a', b' ', b'-', b'\t', b'\n', b'`', b'.', b'A', 0x01, 0x7F];
        let mut texts: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..3 {
            let longer: Vec<Vec<u8>> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |&b| [t.as_slice(), &[b]].concat()))
                .collect();
            texts.extend(longer);
        }
        texts.sort();
        texts.dedup();
        let fold = Fold::default();
        for t in &texts {
            let text = std::str::from_utf8(t).unwrap();
            let plain = super::is_own_key_plain(t);
            assert_eq!(plain, fold.is_own_key_table(t), "{text:?}");
            if plain == Some(true) {
                assert_eq!(fold.key(text), text);
            }
        }
        assert_eq!(super::is_own_key_plain("caf\u{e9}".as_bytes()), None);
    }

    /// The byte-wise passes [`super::is_own_key_plain`] replaced.
    fn is_own_key_plain_bytewise(bytes: &[u8]) -> Option<bool> {
        let (not_ascii, folds) = bytes.iter().fold((false, false), |(n, f), &b| {
            (
                n | (b >= 0x80),
                f | (b.wrapping_sub(b'\t') < 5) | (b == b'`'),
            )
        });
        if not_ascii {
            return None;
        }
        let doubled = bytes
            .iter()
            .zip(bytes.iter().skip(1))
            .any(|(&a, &b)| a == b && (a == b' ' || a == b'-'));
        Some(!folds && !doubled && bytes.first() != Some(&b' ') && bytes.last() != Some(&b' '))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        /// Eight bytes at a time gives the byte-wise answer, wherever the
        /// telling byte falls in or across the words.
        #[test]
        fn plain_check_by_words_agrees_with_bytewise(
            text in proptest::collection::vec(
                proptest::sample::select(&[
                    b'a', b'Z', b' ', b'-', b'\t', b'\n', b'\r', 0x0B, 0x0C, 0x08, 0x0E,
                    b'`', b'_', b'.', 0x00, 0x7F, 0x80, 0xC3, 0xFF,
                ][..]),
                0..40,
            ),
            fill in 0usize..30,
        ) {
            // Mostly plain letters, as in prose, with the odd bytes among them.
            let mut bytes = vec![b'x'; fill];
            for (k, b) in text.into_iter().enumerate() {
                bytes.insert((k * 7) % (bytes.len() + 1), b);
            }
            proptest::prop_assert_eq!(
                super::is_own_key_plain(&bytes),
                is_own_key_plain_bytewise(&bytes),
                "{:?}", bytes
            );
        }
    }

    #[test]
    fn the_plain_byte_tables_say_what_the_rule_says() {
        for (k, (ignore_punctuation, ignore_case)) in
            [(false, false), (false, true), (true, false), (true, true)]
                .into_iter()
                .enumerate()
        {
            let fold = Fold {
                ignore_punctuation,
                ignore_case,
                ..Fold::default()
            };
            for b in 0..=255u8 {
                // The rule as key_of stated it, on the char of the byte.
                let c = char::from(b);
                let plain = c.is_ascii_alphanumeric() && !(ignore_case && c.is_ascii_uppercase())
                    || !ignore_punctuation
                        && matches!(
                            c,
                            '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '"' | '\''
                        );
                assert_eq!(
                    super::PLAIN_BYTES[k][usize::from(b)],
                    plain,
                    "{b:#x} {fold:?}"
                );
                if plain {
                    let text = c.to_string();
                    assert!(matches!(fold.key_of(&text), std::borrow::Cow::Borrowed(_)));
                }
            }
        }
    }

    #[test]
    fn ignore_case_lowercases() {
        let fold = Fold {
            ignore_case: true,
            ..Fold::default()
        };
        assert_eq!(fold.key("Mayor SMITH"), "mayor smith");
    }
}
