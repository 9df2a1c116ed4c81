//! Text bound for a terminal: control characters made visible.
//!
//! Page text and file names are untrusted, and a terminal obeys the
//! escape sequences in what it prints: cursor moves that hide a line,
//! window-title changes, OSC 52 clipboard writes. Everything the command
//! prints as text (reports, Markdown, articles, messages and warnings)
//! goes through [`visible`], which writes each control character as an
//! escape a person can read (`\x1b`, `\r`, `\u{202e}`). JSON (serde
//! escapes controls) and HTML (a browser ignores them) are already safe.

use std::borrow::Cow;

/// Whether a character may reach the terminal as it is.
fn is_safe(c: char) -> bool {
    match c {
        '\n' | '\t' => true,
        // C0 controls, DEL, C1 controls (U+009B is a CSI of its own).
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => false,
        // Bidirectional overrides and isolates reorder what the reader
        // sees ("Trojan Source"); line and paragraph separators break lines.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' => false,
        _ => true,
    }
}

/// `text` with every control character written as a visible escape.
pub(crate) fn visible(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_safe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            c if is_safe(c) => out.push(c),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn regression_terminal_escape_sequences_are_made_visible() {
        // A cursor move, an OSC 52 clipboard write, a title change, a C1 CSI.
        let hostile = "Mayor \x1b[2Aresigns\x1b]52;c;ZWNobyBwd25lZA==\x07 \x1b]0;title\x07\u{9b}31m \u{202e}cba";
        let shown = visible(hostile);
        assert!(
            !shown
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{shown}"
        );
        assert!(!shown.contains('\u{202e}'));
        assert_eq!(
            shown,
            "Mayor \\x1b[2Aresigns\\x1b]52;c;ZWNobyBwd25lZA==\\x07 \\x1b]0;title\\x07\\x9b31m \\u{202e}cba"
        );
        assert_eq!(visible("plain\ttext\n"), "plain\ttext\n");
    }
}
