//! Commands for documents that hold two versions at once: a Word or
//! OpenDocument draft with tracked changes, opened alone, compares its
//! text before its revisions with its text after them.

use storydiff_engine::{compare_owned, Options};

use crate::error::{Error, Side};
use crate::offload::off_ui_thread;
use crate::shown::{Compared, Comparisons, Opened};

/// Compares a draft's text before its tracked changes (old) with its text
/// after them (new, listing each revision with its author and date). A
/// file without tracked changes answers `no_revisions`, so the window can
/// put it on one side instead.
#[tauri::command]
pub async fn compare_tracked_changes(
    comparisons: tauri::State<'_, Comparisons>,
    path: std::path::PathBuf,
    options: Option<Options>,
) -> Result<Opened, Error> {
    let (comparison, warnings) = tracked_changes(path, options.unwrap_or_default()).await?;
    Ok(comparisons.open(comparison, warnings))
}

/// The comparison [`compare_tracked_changes`] opens.
pub(crate) async fn tracked_changes(
    path: std::path::PathBuf,
    options: Options,
) -> Result<Compared, Error> {
    off_ui_thread(move || {
        let read = storydiff_sources::ReadOptions::default();
        let (before, after) =
            storydiff_sources::read_tracked_changes(&path, &read).map_err(|source| {
                Error::Source {
                    side: Side::New,
                    source,
                }
            })?;
        let mut warnings = before.warnings;
        warnings.extend(after.warnings);
        Ok((
            compare_owned(before.document, after.document, &options),
            warnings,
        ))
    })
    .await
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    fn fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/documents")
            .join(name)
    }

    #[tokio::test]
    async fn a_draft_opens_as_its_before_and_after() {
        let (comparison, _) =
            super::tracked_changes(fixture("draft-tracked.docx"), Default::default())
                .await
                .unwrap();
        assert!(!comparison.new.revisions.is_empty());
        assert!(comparison.has_differences());
    }

    #[tokio::test]
    async fn a_file_without_revisions_says_so() {
        let err = super::tracked_changes(fixture("story.docx"), Default::default())
            .await
            .unwrap_err();
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["kind"], "no_revisions");
    }
}
