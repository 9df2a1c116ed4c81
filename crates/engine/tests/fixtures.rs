//! The engine's output on invented stories in the style of news reprints:
//! each `fixtures/<name>/` holds `old.txt` and `new.txt`, and the snapshot
//! holds the text report, which says every change the engine found.

use std::path::Path;

use storydiff_engine::{compare, report, Document, Options};

fn run(name: &str) -> String {
    report::text(&comparison(name))
}

fn comparison(name: &str) -> storydiff_engine::Comparison {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let read = |side: &str| {
        let text = std::fs::read_to_string(dir.join(format!("{side}.txt"))).unwrap();
        Document::from_text(&text).with_source(format!("{name}/{side}.txt"))
    };
    compare(&read("old"), &read("new"), &Options::default())
}

#[test]
fn silent_edit() {
    insta::assert_snapshot!(run("silent-edit"));
}

#[test]
fn syndicated_reprint() {
    insta::assert_snapshot!(run("syndicated-reprint"));
}

/// The summary a journalist copies from the app, on the same pair.
#[test]
fn syndicated_reprint_markdown() {
    insta::assert_snapshot!(report::markdown(&comparison("syndicated-reprint")));
}

#[test]
fn typography_only() {
    insta::assert_snapshot!(run("typography-only"));
}

#[test]
fn reordered_wire_copy() {
    insta::assert_snapshot!(run("reordered-wire-copy"));
}

/// A reprint that merges two paragraphs and splits another: the breaks are
/// not news, so nothing is added or removed, and the one real edit shows.
#[test]
fn rebroken_reprint() {
    insta::assert_snapshot!(run("rebroken-reprint"));
}
