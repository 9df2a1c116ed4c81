//! The built-in sample: a short story written for storydiff, and a reprint
//! of it that rewords, cuts, adds and moves passages, the way syndicated
//! copies do.

use storydiff_engine::Document;

const ORIGINAL: &str = include_str!("../sample/original.md");
const REPRINT: &str = include_str!("../sample/reprint.md");

/// The sample pair: (original, reprint).
pub fn sample() -> (Document, Document) {
    let original = Document {
        source: Some("Sample: The Harbour Gazette (original)".into()),
        byline: Some("By Maria Okafor, Harbour Affairs Reporter".into()),
        published: Some("2026-03-14".into()),
        ..headed(ORIGINAL)
    };
    let reprint = Document {
        source: Some("Sample: Coastal Daily News (reprint)".into()),
        byline: Some("By Maria Okafor".into()),
        published: Some("2026-03-15".into()),
        ..headed(REPRINT)
    };
    (original, reprint)
}

fn headed(text: &str) -> Document {
    let doc = crate::file::markdown_document(text);
    Document {
        boilerplate: storydiff_extract::find_boilerplate(&doc.paragraphs),
        ..doc
    }
}

#[cfg(test)]
mod tests {
    use storydiff_engine::{compare, ChangeKind, Options};

    #[test]
    fn sample_shows_every_kind_of_change() {
        let (old, new) = super::sample();
        let comparison = compare(&old, &new, &Options::default());
        for kind in [
            ChangeKind::Unchanged,
            ChangeKind::Added,
            ChangeKind::Removed,
            ChangeKind::Reworded,
            ChangeKind::Moved,
        ] {
            assert!(
                comparison.changes.iter().any(|c| c.kind == kind),
                "the sample has no {kind:?} passage: {:#?}",
                comparison.changes
            );
        }
    }
}
