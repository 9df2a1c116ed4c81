//! Facts that changed: the edits an editor checks first.
//!
//! A reworded or moved passage is flagged when its edits touch a number or
//! date (`number`), a proper name (`name`), or words inside quotation marks
//! (`quote`). The flags read the word diff; they never change it.

use crate::comparison::{DiffSegment, Flag, Tag};
use crate::segment::word_bounds;
use crate::sentences::is_abbreviation;
use crate::words::is_word;

const NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
    "dozens",
    "half",
    "third",
    "quarter",
    "first",
    "second",
    "fourth",
    "fifth",
    "tenth",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "yesterday",
    "today",
    "tomorrow",
];

/// Weekdays and months count only capitalised: "may", "march" and
/// "august" are also everyday words.
const CALENDAR_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
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
];

/// The flags of one passage's word diff, sorted and without repeats.
pub(crate) fn flags(diff: &[DiffSegment]) -> Vec<Flag> {
    let mut found = Vec::new();
    // Each side is read in order, so that a changed word knows whether it
    // starts a sentence and whether it sits inside quotation marks.
    for side in [Tag::Delete, Tag::Insert] {
        let mut reader = SideReader::default();
        for seg in diff.iter().filter(|s| s.tag == Tag::Equal || s.tag == side) {
            let text = match (seg.tag, &seg.old) {
                (Tag::Equal, Some(old)) if side == Tag::Delete => old.as_str(),
                _ => seg.text.as_str(),
            };
            reader.read(text, seg.tag != Tag::Equal, &mut found);
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

#[derive(Default)]
struct SideReader {
    in_quote: bool,
    /// The last word read, to tell "Mr." from the end of a sentence.
    last_word: String,
    /// The next word starts a sentence (or the passage).
    sentence_start: bool,
    started: bool,
}

impl SideReader {
    fn read(&mut self, text: &str, changed: bool, found: &mut Vec<Flag>) {
        if !self.started {
            self.sentence_start = true;
            self.started = true;
        }
        for (_, token) in word_bounds(text) {
            if is_word(token) {
                if changed {
                    let lower = token.to_lowercase();
                    let capitalised = token.chars().next().is_some_and(char::is_uppercase);
                    if token.chars().any(|c| c.is_ascii_digit())
                        || NUMBER_WORDS.contains(&lower.as_str())
                        || (capitalised && CALENDAR_WORDS.contains(&lower.as_str()))
                    {
                        found.push(Flag::Number);
                    } else if !self.sentence_start
                        && token.chars().next().is_some_and(char::is_uppercase)
                    {
                        found.push(Flag::Name);
                    }
                    if self.in_quote {
                        found.push(Flag::Quote);
                    }
                }
                self.sentence_start = false;
                self.last_word.clear();
                self.last_word.push_str(token);
                continue;
            }
            for c in token.chars() {
                match c {
                    '"' => self.in_quote = !self.in_quote,
                    '\u{201C}' | '\u{201E}' | '\u{00AB}' => self.in_quote = true,
                    '\u{201D}' | '\u{00BB}' => self.in_quote = false,
                    '.' if is_abbreviation(&self.last_word) => {}
                    '.' | '!' | '?' | ':' => self.sentence_start = true,
                    _ => {}
                }
                // A quotation opens a new sentence: "He said: “Never.”"
                if matches!(c, '"' | '\u{201C}' | '\u{201E}') && self.in_quote {
                    self.sentence_start = true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Fold;
    use crate::words::diff_words;

    fn flags_of(old: &str, new: &str) -> Vec<Flag> {
        flags(&diff_words(old, new, &Fold::default(), None).segments)
    }

    #[test]
    fn a_changed_figure_is_a_number() {
        assert_eq!(
            flags_of("Forty people fled.", "Sixty people fled."),
            [Flag::Number]
        );
        assert_eq!(
            flags_of("It cost £40m last year.", "It cost £45m last year."),
            [Flag::Number]
        );
        assert_eq!(
            flags_of("The vote is on Tuesday.", "The vote is on Friday."),
            [Flag::Number]
        );
    }

    #[test]
    fn a_changed_capitalised_word_inside_a_sentence_is_a_name() {
        assert_eq!(
            flags_of(
                "Station manager Tom Reilly said so.",
                "Station manager Tom O'Reilly said so."
            ),
            [Flag::Name]
        );
    }

    #[test]
    fn a_capital_at_the_start_of_a_sentence_is_not_a_name() {
        assert_eq!(
            flags_of(
                "The council met. Officials agreed.",
                "The council met. Members agreed."
            ),
            Vec::<Flag>::new()
        );
    }

    #[test]
    fn a_name_after_a_title_is_still_a_name() {
        assert_eq!(
            flags_of(
                "It was Mr. Reilly who called.",
                "It was Mr. O'Reilly who called."
            ),
            [Flag::Name]
        );
        assert_eq!(
            flags_of("The U.S. Senate voted.", "The U.S. Congress voted."),
            [Flag::Name]
        );
    }

    #[test]
    fn edits_inside_quotation_marks_are_quotes() {
        assert_eq!(
            flags_of(
                "\u{201C}We are keeping an open mind,\u{201D} he said.",
                "\u{201C}We are not ruling anything out,\u{201D} he said."
            ),
            [Flag::Quote]
        );
        assert_eq!(
            flags_of(
                "He said \"no\" twice and left.",
                "He said \"never\" twice and left."
            ),
            [Flag::Quote]
        );
    }

    #[test]
    fn edits_outside_quotes_are_not_quotes() {
        assert_eq!(
            flags_of(
                "\"Yes,\" the mayor said quietly.",
                "\"Yes,\" the mayor said loudly."
            ),
            Vec::<Flag>::new()
        );
    }
}
