//! Regression tests, each named after what went wrong.

use storydiff_engine::{compare, ChangeKind, Document, Options};

fn kinds(old: &str, new: &str) -> Vec<ChangeKind> {
    let c = compare(
        &Document::from_text(old),
        &Document::from_text(new),
        &Options::default(),
    );
    c.changes.iter().map(|c| c.kind).collect()
}

/// A syndication credit that takes the place of a cut last paragraph is a
/// removal and an addition, not a "rewording" of one into the other (tried
/// and rejected: pairing every one-for-one gap as reworded).
#[test]
fn regression_credit_line_in_place_of_a_cut_paragraph_is_not_a_rewording() {
    let old = "The mayor opened the bridge.\n\nShe has written six books.";
    let new = "The mayor opened the bridge.\n\nThis story first appeared in The Sun.";
    assert_eq!(
        kinds(old, new),
        [
            ChangeKind::Unchanged,
            ChangeKind::Removed,
            ChangeKind::Added
        ]
    );
}

/// "--" in one version and "—" in the other made a typography-only
/// paragraph look reworded (found on the benchmark corpus).
#[test]
fn regression_double_hyphen_matches_em_dash() {
    assert_eq!(
        kinds("War--and peace.", "War\u{2014}and peace."),
        [ChangeKind::Unchanged]
    );
}

/// A paragraph break ("\n\n") inside a merged passage showed as a deleted
/// line break, because UAX #29 cuts "\n\n" into two tokens.
#[test]
fn regression_merged_paragraphs_without_edits_are_unchanged() {
    let c = compare(
        &Document::from_text("One two three.\n\nFour five six."),
        &Document::from_text("One two three. Four five six."),
        &Options::default(),
    );
    assert_eq!(c.changes.len(), 1);
    assert_eq!(c.changes[0].kind, ChangeKind::Unchanged);
    assert!(c.changes[0].rebroken);
    assert!(!c.has_differences());
}

/// A text that is one word repeated is the worst case of a word diff: it
/// must finish within its deadline and still rebuild both sides.
#[test]
fn repetitive_text_finishes_within_the_deadline_and_stays_complete() {
    let old = "a ".repeat(200_000);
    let new = format!("{}b {}", "a ".repeat(150_000), "a ".repeat(50_000));
    let options = Options {
        deadline_ms: 200,
        ..Options::default()
    };
    let started = std::time::Instant::now();
    let c = compare(
        &Document::from_text(&old),
        &Document::from_text(&new),
        &options,
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(c.changes.len(), 1);
    let change = &c.changes[0];
    let rebuilt_old: String = change
        .diff
        .iter()
        .filter(|s| s.tag != storydiff_engine::Tag::Insert)
        .map(|s| s.old.clone().unwrap_or_else(|| s.text.clone()))
        .collect();
    assert_eq!(rebuilt_old, change.old_text);
    assert_eq!(c.stats.words_added + c.stats.words_unchanged, 200_001);
}

/// Two unrelated long texts share nothing: every paragraph is cut or added,
/// nothing is paired by accident, and the figures say so.
#[test]
fn unrelated_long_texts_are_all_cut_and_added() {
    let para = |seed: usize, n: usize| -> String {
        (0..n)
            .map(|k| format!("w{}x{}", seed, k % 97))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let old: String = (0..400)
        .map(|i| para(i, 60))
        .collect::<Vec<_>>()
        .join("\n\n");
    let new: String = (1000..1400)
        .map(|i| para(i, 60))
        .collect::<Vec<_>>()
        .join("\n\n");
    let c = compare(
        &Document::from_text(&old),
        &Document::from_text(&new),
        &Options::default(),
    );
    assert_eq!(c.stats.paragraphs_removed, 400);
    assert_eq!(c.stats.paragraphs_added, 400);
    assert_eq!(c.stats.similarity, 0.0);
}
