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
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

/// Splits a passage into sentences, each with its trailing spaces, so that
/// the pieces join back into the passage exactly.
pub(crate) fn split(text: &str) -> Vec<&str> {
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for (at, piece) in text.split_sentence_bound_indices() {
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

#[cfg(test)]
mod tests {
    use super::split;

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
