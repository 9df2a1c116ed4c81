//! `storydiff compare DRAFT.docx`: one Word or OpenDocument file compared
//! with itself, its text before its tracked changes against its text after.

use storydiff_engine::Document;
use storydiff_sources::{read_tracked_changes, LoadOptions, Source};

/// The draft's two versions, before and after its revisions.
pub(crate) fn load(
    arg: &std::ffi::OsStr,
    options: &LoadOptions,
) -> Result<(Document, Document), String> {
    let Source::File(path) = Source::parse_os(arg) else {
        return Err(format!(
            "{}: a web page has no tracked changes; give two versions to compare",
            arg.to_string_lossy()
        ));
    };
    let (before, after) = read_tracked_changes(&path, &options.read).map_err(|e| e.to_string())?;
    Ok((before.document, after.document))
}
