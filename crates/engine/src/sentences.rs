//! Sentences: Unicode's sentence boundaries (UAX #29), with care for the
//! abbreviations that news copy is full of ("Mr.", "U.S.", "Sept.", "J.").

use unicode_segmentation::UnicodeSegmentation;

/// Words that end in a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "prof", "rev", "gen", "sen", "rep", "gov", "lt", "col", "capt",
    "sgt", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr",
    "aug", "sept", "sep", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "mt", "ft",
];

/// A full stop after this word does not end a sentence: "Mr.", "U.S.", "J.".
pub(crate) fn is_abbreviation(word: &str) -> bool {
    if word.is_ascii() {
        // Without lowercasing a copy: this runs at every full stop.
        return ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
            || (word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase());
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

/// Splits a passage into sentences, each with its trailing spaces, so that
/// the pieces join back into the passage exactly.
pub(crate) fn split(text: &str) -> Vec<&str> {
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    let pieces: Box<dyn Iterator<Item = (usize, &str)>> = if text.is_ascii() {
        Box::new(ascii::sentence_bound_indices(text))
    } else {
        Box::new(text.split_sentence_bound_indices())
    };
    for (at, piece) in pieces {
        let end = at + piece.len();
        match ranges.last_mut() {
            // The previous piece ended in an abbreviation: same sentence.
            Some(last) if ends_in_abbreviation(&text[last.clone()]) => last.end = end,
            _ => ranges.push(at..end),
        }
    }
    ranges.into_iter().map(|r| &text[r]).collect()
}

fn ends_in_abbreviation(sentence: &str) -> bool {
    let trimmed = sentence.trim_end();
    let Some(before_stop) = trimmed.strip_suffix('.') else {
        return false;
    };
    let last_word = before_stop
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '\u{201C}')
        .next()
        .unwrap_or("");
    is_abbreviation(last_word)
}

/// UAX #29 sentence boundaries of ASCII text, found as
/// `unicode-segmentation` finds them (its state machine, ported rule for
/// rule) but with the sentence-break class of each byte from a table of
/// the 128 ASCII characters, not a search of the Unicode tables: sentence
/// splitting was a sixth of a comparison's time. A property test checks
/// that the two agree.
mod ascii {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Cat {
        Cr,
        Lf,
        Sp,
        Lower,
        Upper,
        Numeric,
        ATerm,
        STerm,
        Close,
        SContinue,
        Other,
    }

    /// The Sentence_Break property of an ASCII byte, read from a table: as
    /// a `match` of ranges it compiled (at the release build's size
    /// level, see `normalize::is_own_key_plain`) to a chain of compares a
    /// byte. Bytes past ASCII never reach it (the text is checked first).
    #[inline]
    fn cat(b: u8) -> Cat {
        CATS[usize::from(b & 0x7F)]
    }

    const CATS: [Cat; 128] = {
        let mut table = [Cat::Other; 128];
        let mut b = 0;
        while b < 128 {
            table[b] = cat_of(b as u8);
            b += 1;
        }
        table
    };

    /// The Sentence_Break property of an ASCII byte (Unicode 16).
    const fn cat_of(b: u8) -> Cat {
        match b {
            b'\r' => Cat::Cr,
            b'\n' => Cat::Lf,
            b'\t' | 0x0B | 0x0C | b' ' => Cat::Sp,
            b'a'..=b'z' => Cat::Lower,
            b'A'..=b'Z' => Cat::Upper,
            b'0'..=b'9' => Cat::Numeric,
            b'.' => Cat::ATerm,
            b'!' | b'?' => Cat::STerm,
            b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Cat::Close,
            b',' | b'-' | b':' | b';' => Cat::SContinue,
            _ => Cat::Other,
        }
    }

    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Part {
        Sot,
        Eot,
        Other,
        Cr,
        Lf,
        ATerm,
        UpperLower,
        ClosePlus,
        SpPlus,
        STerm,
    }

    #[derive(Clone, Copy)]
    struct State([Part; 4]);

    impl State {
        fn next(self, cat: Cat) -> State {
            let p = self.0;
            match (p[3], cat) {
                (Part::ClosePlus, Cat::Close) | (Part::SpPlus, Cat::Sp) => self,
                _ => State([
                    p[1],
                    p[2],
                    p[3],
                    match cat {
                        Cat::Cr => Part::Cr,
                        Cat::Lf => Part::Lf,
                        Cat::ATerm => Part::ATerm,
                        Cat::Upper | Cat::Lower => Part::UpperLower,
                        Cat::Close => Part::ClosePlus,
                        Cat::Sp => Part::SpPlus,
                        Cat::STerm => Part::STerm,
                        _ => Part::Other,
                    },
                ]),
            }
        }

        fn end(self) -> State {
            let p = self.0;
            State([p[1], p[2], p[3], Part::Eot])
        }

        /// No part of the state can make a rule break: the start, a line
        /// break or a terminator.
        fn is_quiet(self) -> bool {
            !self.0.iter().any(|p| {
                matches!(
                    p,
                    Part::Sot | Part::Cr | Part::Lf | Part::ATerm | Part::STerm
                )
            })
        }

        fn is(self, part: Part) -> bool {
            self.0[3] == part
        }
    }

    /// SB8: ATerm Close* Sp* × ( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower
    fn sb8(state: State, ahead: &[u8]) -> bool {
        let p = state.0;
        let mut idx = if p[3] == Part::SpPlus { 2 } else { 3 };
        if p[idx] == Part::ClosePlus {
            idx -= 1;
        }
        if p[idx] == Part::ATerm {
            for &b in ahead {
                match cat(b) {
                    Cat::Lower => return true,
                    Cat::Upper | Cat::Cr | Cat::Lf | Cat::STerm | Cat::ATerm => return false,
                    _ => continue,
                }
            }
        }
        false
    }

    /// SB8a's left side: SATerm Close* Sp*
    fn sb8a(state: State) -> bool {
        let p = state.0;
        let mut idx = if p[3] == Part::SpPlus { 2 } else { 3 };
        if p[idx] == Part::ClosePlus {
            idx -= 1;
        }
        p[idx] == Part::STerm || p[idx] == Part::ATerm
    }

    /// SB9's left side: SATerm Close*
    fn sb9(state: State) -> bool {
        let p = state.0;
        let idx = if p[3] == Part::ClosePlus { 2 } else { 3 };
        p[idx] == Part::STerm || p[idx] == Part::ATerm
    }

    /// SB11's left side: SATerm Close* Sp* ParaSep?
    fn sb11(state: State) -> bool {
        let p = state.0;
        let mut idx = match p[3] {
            Part::Cr | Part::Lf => 2,
            _ => 3,
        };
        if p[idx] == Part::SpPlus {
            idx -= 1;
        }
        if p[idx] == Part::ClosePlus {
            idx -= 1;
        }
        p[idx] == Part::STerm || p[idx] == Part::ATerm
    }

    /// The byte offsets of the boundaries: the start, each break, the end.
    struct Breaks<'a> {
        text: &'a [u8],
        pos: usize,
        state: State,
    }

    impl Iterator for Breaks<'_> {
        type Item = usize;

        fn next(&mut self) -> Option<usize> {
            while self.pos < self.text.len() {
                if self.state.is_quiet() {
                    self.skip_quiet();
                    if self.pos == self.text.len() {
                        break;
                    }
                }
                let before = self.pos;
                let state = self.state;
                let next = cat(self.text[before]);
                self.pos += 1;
                self.state = state.next(next);
                // Only SB1, SB4 and SB11 break, and each needs the start, a
                // line break or a terminator in the state: without one, and
                // with no terminator or line break coming, nothing can
                // break here. Most bytes are this case.
                if state.is_quiet() && !matches!(next, Cat::ATerm | Cat::STerm | Cat::Cr | Cat::Lf)
                {
                    continue;
                }
                // The rules in order (SB5, Extend and Format, has no ASCII
                // characters; nor have Sep and OLetter). Each rule either
                // breaks before this byte (return) or does not (continue).
                match next {
                    _ if state.is(Part::Sot) => return Some(before), // SB1
                    Cat::Lf if state.is(Part::Cr) => {}              // SB3
                    _ if state.is(Part::Cr) || state.is(Part::Lf) => return Some(before), // SB4
                    Cat::Numeric if state.is(Part::ATerm) => {}      // SB6
                    Cat::Upper if state.0[2] == Part::UpperLower && state.0[3] == Part::ATerm => {} // SB7
                    _ if sb8(state, &self.text[before..]) => {} // SB8
                    Cat::SContinue | Cat::STerm | Cat::ATerm if sb8a(state) => {} // SB8a
                    Cat::Close | Cat::Sp | Cat::Cr | Cat::Lf if sb9(state) => {} // SB9
                    Cat::Sp | Cat::Cr | Cat::Lf if sb8a(state) => {} // SB10
                    _ if sb11(state) => return Some(before),    // SB11
                    _ => {}                                     // SB998
                }
            }
            // SB2
            if self.state.is(Part::Sot) || self.state.is(Part::Eot) {
                None
            } else {
                self.state = self.state.end();
                Some(self.pos)
            }
        }
    }

    impl Breaks<'_> {
        /// From a quiet state, steps over the bytes up to the next
        /// terminator or line break: none of them can break (see `next`),
        /// so only the state needs them, and a run of letters leaves it
        /// at most four `UpperLower` parts more however long it is. The
        /// byte-by-byte loop with every rule's test was 40 instructions a
        /// byte (a fifteenth of batch time).
        fn skip_quiet(&mut self) {
            let text = self.text;
            while let Some(&b) = text.get(self.pos) {
                if b.is_ascii_alphabetic() {
                    let run = text[self.pos..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphabetic())
                        .count();
                    for _ in 0..run.min(4) {
                        self.state = self.state.next(Cat::Lower);
                    }
                    self.pos += run;
                    continue;
                }
                let cat = cat(b);
                if matches!(cat, Cat::ATerm | Cat::STerm | Cat::Cr | Cat::Lf) {
                    return;
                }
                self.state = self.state.next(cat);
                self.pos += 1;
            }
        }
    }

    /// The sentences of an ASCII text with their byte offsets, as
    /// `split_sentence_bound_indices` gives them.
    pub(super) fn sentence_bound_indices(text: &str) -> impl Iterator<Item = (usize, &str)> {
        debug_assert!(text.is_ascii());
        let mut breaks = Breaks {
            text: text.as_bytes(),
            pos: 0,
            state: State([Part::Sot; 4]),
        };
        let mut start = breaks.next();
        std::iter::from_fn(move || {
            let from = start?;
            let to = breaks.next()?;
            start = Some(to);
            Some((from, &text[from..to]))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::split;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    type Bounds<'a> = Vec<(usize, &'a str)>;

    fn both(text: &str) -> (Bounds<'_>, Bounds<'_>) {
        (
            super::ascii::sentence_bound_indices(text).collect(),
            text.split_sentence_bound_indices().collect(),
        )
    }

    #[test]
    fn ascii_sentences_match_unicode_on_news_copy() {
        for text in [
            "",
            "a",
            "Mr. Smith met U.S. officials on Sept. 4 in Washington. They agreed. J. Doe did not.",
            "\"Quoted,\" he said. (Then: another!) And a question? Yes... no.\r\nNew line.\n\nPara.",
            "e.g. the cost. 3.5 per cent. It is.  Two spaces.\tTab. end",
            "Wait!? \"Really?!\" she asked.) ok",
        ] {
            let (fast, reference) = both(text);
            assert_eq!(fast, reference, "{text:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn ascii_sentences_match_unicode(
            text in proptest::collection::vec(
                prop::sample::select(&[
                    "a", "B", "7", ".", "!", "?", ",", "-", ":", ";", "'", "\"", "(", ")", "]",
                    "{", " ", "  ", "\t", "\r", "\n", "\r\n", "x", "Mr", "e.g", "#", "\u{b}",
                ][..]),
                0..30,
            ).prop_map(|c| c.concat())
        ) {
            let (fast, reference) = both(&text);
            prop_assert_eq!(fast, reference);
        }

        /// Prose-like text: runs of letters of every length (the quiet
        /// stretches stepped over whole) between every kind of byte.
        #[test]
        fn ascii_sentences_match_unicode_on_prose(
            text in proptest::collection::vec(
                prop::sample::select(&[
                    "a", "Bc", "word", "Longer", "abcdefghij", "7", "2026", ".", "!", "?", ",",
                    ";", "'", "\"", ")", "(", " ", "  ", "\t", "\r\n", "\n", "Mr", "U.S", "-",
                ][..]),
                0..60,
            ).prop_map(|c| c.concat())
        ) {
            let (fast, reference) = both(&text);
            prop_assert_eq!(fast, reference);
        }

        #[test]
        fn ascii_sentences_match_unicode_on_any_ascii(text in "[\x00-\x7f]{0,60}") {
            let (fast, reference) = both(&text);
            prop_assert_eq!(fast, reference);
        }
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text =
            "Mr. Smith met U.S. officials on Sept. 4 in Washington. They agreed. J. Doe did not.";
        assert_eq!(
            split(text),
            [
                "Mr. Smith met U.S. officials on Sept. 4 in Washington. ",
                "They agreed. ",
                "J. Doe did not."
            ]
        );
    }

    #[test]
    fn sentences_join_back_into_the_passage() {
        for text in [
            "",
            "One.",
            "“Quoted,” he said. Then: another! And a question? Yes.",
            "no stop at all",
        ] {
            assert_eq!(split(text).concat(), text);
        }
    }
}
