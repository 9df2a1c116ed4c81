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
        let plain = |c: char| {
            c.is_ascii_alphanumeric() && !(self.ignore_case && c.is_ascii_uppercase())
                || !self.ignore_punctuation
                    && matches!(
                        c,
                        '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '"' | '\''
                    )
        };
        if text == " " || text.chars().all(plain) {
            std::borrow::Cow::Borrowed(text)
        } else {
            std::borrow::Cow::Owned(self.key(text))
        }
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
    fn ignore_case_lowercases() {
        let fold = Fold {
            ignore_case: true,
            ..Fold::default()
        };
        assert_eq!(fold.key("Mayor SMITH"), "mayor smith");
    }
}
