//! Documents people receive (PDF, Word, OpenDocument) through the front
//! door: `storydiff-documents` reads them, and here they get what every
//! input gets, the name of their file and the boilerplate marks of their
//! wording, beside the running headers the PDF reader marked itself.

use std::path::Path;

use storydiff_documents::Format;
use storydiff_engine::Document;
use storydiff_extract::find_boilerplate;

use crate::error::Error;
use crate::loaded::Loaded;

fn finish(mut document: Document, path: &Path, warnings: Vec<String>) -> Loaded {
    document.source = Some(path.display().to_string());
    let mut boilerplate = find_boilerplate(&document.paragraphs);
    boilerplate.extend(document.boilerplate.iter().copied());
    boilerplate.sort_unstable();
    boilerplate.dedup();
    document.boilerplate = boilerplate;
    Loaded {
        document,
        warnings,
        snapshot: None,
    }
}

/// Reads a PDF, Word or OpenDocument file's bytes as the article it holds
/// (after its tracked changes); `None` when the bytes are none of these.
/// `path` names the file in messages and gives its format by its extension.
pub fn read_document(path: &Path, bytes: &[u8]) -> Option<Result<Loaded, Error>> {
    storydiff_documents::format_of(path, bytes).map(|format| read(path, bytes, format))
}

/// Reads a document file as the article it holds (after its tracked changes).
pub(crate) fn read(path: &Path, bytes: &[u8], format: Format) -> Result<Loaded, Error> {
    let read = storydiff_documents::read(path, bytes, format)?;
    Ok(finish(read.document, path, read.warnings))
}

/// [`read_tracked_changes`](crate::read_tracked_changes) on bytes already read; `path` names the file
/// in messages and gives its format by its extension.
pub fn tracked_changes_from(path: &Path, bytes: &[u8]) -> Result<(Loaded, Loaded), Error> {
    let (before, after) = storydiff_documents::tracked_changes(path, bytes)?;
    let mut before = finish(before, path, Vec::new());
    let mut after = finish(after, path, Vec::new());
    before.document.source = Some(format!("{} (before its tracked changes)", path.display()));
    after.document.source = Some(format!("{} (after its tracked changes)", path.display()));
    Ok((before, after))
}
