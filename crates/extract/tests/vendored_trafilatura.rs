//! The vendored trafilatura (`vendor/trafilatura`, PATCHES.md) must read
//! pages exactly as upstream's does. Its patched `trim` runs on every
//! string trafilatura reads, so it is checked against upstream's own
//! three-pass version on text made to hit each case: soft hyphens alone
//! and inside words, every kind of whitespace, and decomposed accents
//! that NFC must compose.

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Upstream trafilatura 0.6.0's `utils::trim`, as it was.
fn upstream_trim(s: &str) -> String {
    let no_soft_hyphen: String = s.chars().filter(|&c| c != '\u{00AD}').collect();
    let joined = no_soft_hyphen
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    joined.nfc().collect()
}

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "a",
        "Zoë",
        "e",
        "\u{0301}",
        "\u{0308}",
        "u",
        "\u{00AD}",
        " ",
        "  ",
        "\t",
        "\n",
        "\u{00A0}",
        "\u{2003}",
        "\u{3000}",
        "Å",
        "A\u{030A}",
        "한",
        "\u{1100}\u{1161}",
        "ﬁ",
        "Ω",
        "\u{2126}",
        ".",
        "日本",
        "\u{0323}\u{0307}",
        "s",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]
    #[test]
    fn the_patched_trim_is_upstreams(pieces in prop::collection::vec(piece(), 0..24)) {
        let text = pieces.concat();
        prop_assert_eq!(trafilatura::utils::trim(&text), upstream_trim(&text), "{:?}", text);
    }
}

#[test]
fn regression_a_word_of_soft_hyphens_leaves_no_double_space() {
    for text in [
        "a \u{AD} b",
        "\u{AD} a",
        "a \u{AD}",
        "a\u{AD}b",
        "\u{AD}",
        " \u{AD}\u{AD} ",
    ] {
        assert_eq!(
            trafilatura::utils::trim(text),
            upstream_trim(text),
            "{text:?}"
        );
    }
}

/// `with_date_only_metadata` skips the rest of the metadata pass: the
/// date and the body text must be what the full pass gives, page by page.
#[test]
fn date_only_metadata_finds_the_same_date_and_body_on_the_readability_pages() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared/extraction/readability-pages"))
        .find(|d| d.is_dir())
        .expect("shared/extraction/readability-pages beside the repository");
    let mut pages = 0;
    for case in std::fs::read_dir(&dir).unwrap() {
        let page = case.unwrap().path().join("source.html");
        let Ok(bytes) = std::fs::read(&page) else {
            continue;
        };
        let html = storydiff_extract::decode_html(&bytes, None).text;
        let options = trafilatura::Options::default()
            .with_html_date_mode(trafilatura::HtmlDateMode::Fast)
            .with_exclude_comments(true)
            .with_fallback(false)
            .with_url("http://fakehost/test/page.html".parse().unwrap());
        let full = trafilatura::extract(&html, &options);
        let date_only = trafilatura::extract(&html, &options.with_date_only_metadata(true));
        match (full, date_only) {
            (Ok(full), Ok(date_only)) => {
                assert_eq!(
                    full.metadata.date,
                    date_only.metadata.date,
                    "{}",
                    page.display()
                );
                assert_eq!(
                    full.content_text,
                    date_only.content_text,
                    "{}",
                    page.display()
                );
            }
            (full, date_only) => assert_eq!(full.is_ok(), date_only.is_ok(), "{}", page.display()),
        }
        pages += 1;
    }
    assert!(pages >= 100, "read {pages} pages");
}
