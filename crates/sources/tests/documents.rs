//! PDF, Word and OpenDocument files as storydiff reads them, on the
//! fixtures that `scripts/make-doc-fixtures.py` wrote from invented stories.

use std::path::PathBuf;

use storydiff_engine::{compare, ChangeKind, Comparison, Document, Flag, Options, RevisionKind};
use storydiff_sources::{read_file, read_tracked_changes, ReadOptions};

const TITLE: &str = "Fenwick Bridge to close for eighteen months";

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/documents")
        .join(name)
}

fn read(name: &str) -> Document {
    match read_file(&fixture(name), &ReadOptions::default()) {
        Ok(loaded) => loaded.document,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn error(name: &str) -> (String, String) {
    match read_file(&fixture(name), &ReadOptions::default()) {
        Ok(loaded) => panic!("{name} was read: {:?}", loaded.document.paragraphs),
        Err(e) => (e.kind().to_string(), e.to_string()),
    }
}

/// Only boilerplate (running headers, page numbers) may differ.
fn assert_same_story(name: &str) {
    let text = read("story.txt");
    let other = read(name);
    let comparison = compare(&text, &other, &Options::default());
    let changed: Vec<_> = comparison
        .changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Unchanged && !c.boilerplate)
        .collect();
    assert!(
        changed.is_empty(),
        "{name} differs from story.txt: {changed:#?}\n{:#?}",
        other.paragraphs
    );
    assert!(
        comparison
            .stats
            .summary
            .starts_with("No differences in the body"),
        "{name}: {}",
        comparison.stats.summary
    );
    assert_eq!(other.title.as_deref(), Some(TITLE), "{name}");
}

#[test]
fn the_same_story_as_text_docx_odt_and_pdf_has_no_differences() {
    for name in [
        "story.docx",
        "story.odt",
        "story-1col.pdf",
        "story-2col.pdf",
        "story-3col.pdf",
    ] {
        assert_same_story(name);
    }
}

#[test]
fn pdf_running_header_and_page_numbers_are_boilerplate() {
    let doc = read("story-1col.pdf");
    let marked: Vec<&str> = doc
        .boilerplate
        .iter()
        .map(|&i| doc.paragraphs[i].as_str())
        .collect();
    assert!(
        marked.iter().any(|p| p.contains("Lune Valley Courier")),
        "{marked:?}"
    );
    assert!(
        marked.iter().any(|p| p.starts_with("Page 1 of")),
        "{marked:?}"
    );
    // Each running line once, never inside the story's paragraphs.
    assert_eq!(marked.len(), 2, "{marked:?}");
    assert!(doc.paragraphs.iter().all(|p| !p.contains("Page 2 of")));
}

#[test]
fn pdf_hyphenation_and_ligatures_are_undone() {
    let doc = read("story-1col.pdf");
    let body = doc.paragraphs.join("\n");
    assert!(!body.contains('\u{FB01}') && !body.contains('\u{FB02}'));
    assert!(body.contains("fifteen-minute service"), "{body}");
    assert!(body.contains("flagged the hangers"), "{body}");
}

#[test]
fn docx_headings_lists_tables_and_footnotes() {
    let doc = read("structure.docx");
    assert_eq!(
        doc.title.as_deref(),
        Some("Council budget: what changes in April")
    );
    assert_eq!(
        doc.paragraphs,
        [
            "The council has published its budget for the coming year.[1]",
            "Where the money goes",
            "Roads and bridges",
            "Libraries",
            "Adult social care",
            "Service",
            "2025",
            "2026",
            "Roads",
            "£12m",
            "£16m",
            "Libraries",
            "£3m",
            "£2.5m",
            "The budget goes to a vote on 4 March.",
            "[1] Figures are from the draft budget of 9 January.",
        ]
    );
}

#[test]
fn docx_keeps_fields_links_smart_tags_and_content_controls_and_drops_comments() {
    let doc = read("story.docx");
    let body = doc.paragraphs.join("\n");
    for kept in [
        "river Lune",
        "on Tuesday",
        "Ruth Abernethy",
        "£1.1m",
        "fifteen-minute service",
    ] {
        assert!(body.contains(kept), "{kept} missing: {body}");
    }
    assert!(!body.contains("DATE"), "a field code leaked: {body}");
    assert!(
        !body.contains("Check this quote"),
        "a comment leaked: {body}"
    );
}

#[test]
fn a_docx_with_tracked_changes_is_read_after_them_beside_another_file() {
    let doc = read("draft-tracked.docx");
    assert!(doc.revisions.is_empty());
    let body = doc.paragraphs.join("\n");
    assert!(body.contains("£3.1m") && !body.contains("£2.4m"), "{body}");
    assert!(!body.contains("Fishermen"), "{body}");
}

fn tracked(name: &str) -> Comparison {
    let (before, after) = read_tracked_changes(&fixture(name), &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    compare(&before.document, &after.document, &Options::default())
}

#[test]
fn tracked_changes_open_as_before_and_after_with_their_authors() {
    let comparison = tracked("draft-tracked.docx");
    let find = |kind: ChangeKind, needle: &str| {
        comparison
            .changes
            .iter()
            .find(|c| {
                c.kind == kind && (c.old_text.contains(needle) || c.new_text.contains(needle))
            })
            .unwrap_or_else(|| {
                panic!(
                    "no {kind:?} change with {needle}: {:#?}",
                    comparison.changes
                )
            })
    };
    let figure = find(ChangeKind::Reworded, "£3.1m");
    assert!(figure.old_text.contains("£2.4m"));
    assert!(figure.flags.contains(&Flag::Number), "{:?}", figure.flags);
    let quote = find(ChangeKind::Reworded, "showing its age");
    assert!(quote.old_text.contains("in a shocking state"));
    assert!(quote.flags.contains(&Flag::Quote), "{:?}", quote.flags);
    let removed = find(ChangeKind::Removed, "Fishermen have complained");
    let added = find(ChangeKind::Added, "Boats will use the west quay");
    let moved = find(ChangeKind::Moved, "contractor’s report");

    let new = &comparison.new;
    let credit = |change| {
        storydiff_engine::revisions::revisions_of(new, change)
            .iter()
            .map(|r| (r.author.clone().unwrap_or_default(), r.kind))
            .collect::<Vec<_>>()
    };
    let priya = "Priya Natarajan".to_string();
    let tom = "Tom Whitcombe".to_string();
    assert_eq!(
        credit(figure),
        [
            (priya.clone(), RevisionKind::Deleted),
            (priya.clone(), RevisionKind::Inserted)
        ]
    );
    assert_eq!(
        credit(quote),
        [
            (tom.clone(), RevisionKind::Deleted),
            (tom.clone(), RevisionKind::Inserted)
        ]
    );
    assert_eq!(credit(removed), [(tom.clone(), RevisionKind::Deleted)]);
    assert_eq!(credit(added), [(priya.clone(), RevisionKind::Inserted)]);
    assert!(credit(moved).contains(&(priya.clone(), RevisionKind::MovedTo)));
    let dates: Vec<_> = new
        .revisions
        .iter()
        .filter_map(|r| r.date.as_deref())
        .collect();
    assert!(dates.contains(&"2026-11-18T09:12:00Z") && dates.contains(&"2026-11-19T16:40:00Z"));
    assert_eq!(
        storydiff_engine::revisions::authors(&comparison),
        ["Priya Natarajan", "Tom Whitcombe"]
    );
    // The JSON carries the revisions on the new side only.
    let json = serde_json::to_value(&comparison).unwrap();
    assert!(json["old"].get("revisions").is_none());
    assert_eq!(json["new"]["revisions"][0]["author"], "Priya Natarajan");
    assert_eq!(json["new"]["revisions"][0]["kind"], "deleted");
}

#[test]
fn odt_tracked_changes_open_as_before_and_after() {
    let comparison = tracked("draft-tracked.odt");
    let reworded = comparison
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::Reworded)
        .expect("a reworded passage");
    assert!(reworded.old_text.contains("£2.4m") && reworded.new_text.contains("£3.1m"));
    assert!(reworded.flags.contains(&Flag::Number));
    let added = comparison
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::Added)
        .expect("an added passage");
    assert!(added.new_text.contains("west quay"));
    let authors = storydiff_engine::revisions::authors(&comparison);
    assert_eq!(authors, ["Priya Natarajan", "Tom Whitcombe"]);
}

#[test]
fn a_file_without_tracked_changes_cannot_be_compared_alone() {
    for name in ["story.docx", "story.odt", "story-1col.pdf", "story.txt"] {
        let err = read_tracked_changes(&fixture(name), &ReadOptions::default())
            .err()
            .unwrap_or_else(|| panic!("{name} opened alone"));
        assert_eq!(err.kind(), "no_revisions", "{name}");
        assert!(err.to_string().contains(name), "{err}");
        assert!(err.to_string().contains("Give a second file"), "{err}");
    }
}

#[test]
fn every_bad_document_gets_its_own_message_naming_the_file() {
    let cases = [
        (
            "scanned.pdf",
            "no_text_layer",
            "this PDF has no text layer (it looks like a scan); run it through OCR first",
        ),
        ("encrypted.pdf", "encrypted", "protected by a password"),
        ("damaged.pdf", "damaged", "this PDF is damaged"),
        ("no-media-box.pdf", "damaged", "this PDF is damaged"),
        ("damaged.docx", "damaged", "this Word document is damaged"),
        ("bomb.docx", "too_large", "zip bomb"),
    ];
    for (name, kind, message) in cases {
        let (k, m) = error(name);
        assert_eq!(k, kind, "{name}: {m}");
        assert!(m.contains(message), "{name}: {m}");
        assert!(m.contains(name), "{name}: the message names no file: {m}");
    }
}

#[test]
fn regression_parser_panic_is_that_files_error() {
    // pdf-extract unwraps a page's MediaBox; the panic must stay inside.
    let (kind, message) = error("no-media-box.pdf");
    assert_eq!(kind, "damaged");
    assert!(message.contains("reader failed"), "{message}");
}
