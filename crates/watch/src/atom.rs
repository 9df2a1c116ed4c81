//! The changes found, as an Atom 1.0 feed (RFC 4287) any feed reader can
//! subscribe to: newest first, an entry a change told, each with the
//! story's headline, the comparison's quotable line, the quotes and figures
//! that changed, and links to the two versions.
//!
//! A version's link is `storydiff:version:N`, the token `storydiff
//! compare` reopens it by; the entry links to the page itself too. Text
//! from pages is escaped, and characters XML cannot hold are dropped, so a
//! page can never break the feed.

use sha2::{Digest, Sha256};
use storydiff_store::{Change, Store};

use crate::clock;

/// Entries in the feed at most.
pub const ENTRIES: usize = 100;

/// Text made safe for XML: escaped, and without the characters XML 1.0
/// cannot hold (most C0 controls, lone surrogates cannot occur in Rust).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A stable `urn:uuid:` from a name (a version 4 layout over SHA-256 bits).
fn urn(name: &str) -> String {
    let h = Sha256::digest(name.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&h[..16]);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The feed of the changes told, of one story or of all.
pub fn feed(store: &Store, story_url: Option<&str>) -> Result<String, storydiff_store::Error> {
    let changes: Vec<Change> = store
        .changes(story_url, ENTRIES * 4)?
        .into_iter()
        .filter(|c| c.notify)
        .take(ENTRIES)
        .collect();
    let updated = changes.first().map_or_else(
        || clock::rfc3339(clock::now()),
        |c| clock::rfc3339(c.found_at),
    );
    let (title, id) = match story_url {
        Some(url) => (
            format!("storydiff: changes to {url}"),
            urn(&format!("storydiff changes of {url}")),
        ),
        None => (
            "storydiff: changes found in watched stories".to_string(),
            urn("storydiff changes"),
        ),
    };
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str(&format!("  <id>{id}</id>\n"));
    out.push_str(&format!("  <title>{}</title>\n", escape(&title)));
    out.push_str(&format!("  <updated>{updated}</updated>\n"));
    out.push_str("  <author><name>storydiff</name></author>\n");
    out.push_str(&format!(
        "  <generator version=\"{}\">storydiff</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    for change in &changes {
        entry(&mut out, change);
    }
    out.push_str("</feed>\n");
    Ok(out)
}

fn entry(out: &mut String, change: &Change) {
    let report: serde_json::Value = serde_json::from_str(&change.report).unwrap_or_default();
    let token = |side: &str| {
        report[side]["token"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let at = |side: &str| {
        report[side]["captured_at"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let (old, new) = (token("old"), token("new"));
    let title = change.title.clone().unwrap_or_else(|| change.url.clone());
    out.push_str("  <entry>\n");
    out.push_str(&format!(
        "    <id>{}</id>\n",
        urn(&format!("storydiff change {} {} {}", change.url, old, new))
    ));
    out.push_str(&format!("    <title>{}</title>\n", escape(&title)));
    out.push_str(&format!(
        "    <updated>{}</updated>\n",
        clock::rfc3339(change.found_at)
    ));
    out.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&change.url)
    ));
    for (side, token, word) in [("old", &old, "before"), ("new", &new, "after")] {
        if !token.is_empty() {
            out.push_str(&format!(
                "    <link rel=\"related\" href=\"storydiff:{}\" title=\"{}\"/>\n",
                escape(token),
                escape(&format!("{word}: {token}, captured {}", at(side)))
            ));
        }
    }
    out.push_str(&format!(
        "    <summary>{}</summary>\n",
        escape(&change.summary)
    ));
    let mut content = String::new();
    for (flag, heading) in [
        ("quote", "Quotes altered"),
        ("number", "Figures changed"),
        ("name", "Names changed"),
    ] {
        let passages: Vec<&serde_json::Value> = report["flags"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter(|p| {
                        p["flags"]
                            .as_array()
                            .is_some_and(|f| f.iter().any(|x| x == flag))
                    })
                    .collect()
            })
            .unwrap_or_default();
        if passages.is_empty() {
            continue;
        }
        content.push_str(&format!("{heading}:\n"));
        for p in passages {
            content.push_str(&format!(
                "- before: {}\n  after: {}\n",
                p["old_text"].as_str().unwrap_or_default(),
                p["new_text"].as_str().unwrap_or_default()
            ));
        }
        content.push('\n');
    }
    content.push_str(&format!(
        "Found {}. Compare the two versions: storydiff compare {old} {new}\n",
        clock::rfc3339(change.found_at)
    ));
    out.push_str(&format!(
        "    <content type=\"text\">{}</content>\n",
        escape(&content)
    ));
    out.push_str("  </entry>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_text_cannot_break_the_feed() {
        assert_eq!(
            escape("a < b & \"c\" \u{1b}[31m"),
            "a &lt; b &amp; &quot;c&quot; [31m"
        );
        assert!(urn("x").starts_with("urn:uuid:"));
        assert_eq!(urn("x"), urn("x"));
        assert_ne!(urn("x"), urn("y"));
    }
}
