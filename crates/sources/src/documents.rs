//! Documents people receive: PDF, Word (.docx) and OpenDocument (.odt).
//!
//! [`read_file`](crate::read_file) hands these formats here, known by their
//! first bytes (`%PDF-`) or, for the ZIP-based formats, by their extension.
//! A Word or OpenDocument file counts as its text after its tracked
//! changes; [`read_tracked_changes`] gives its text before them as well,
//! so that one draft can be compared with itself.
//!
//! Parsers of these formats are large and their inputs hostile: a panic
//! inside one is caught here and becomes that file's [`Error::Damaged`],
//! so a bad file never takes the app down (this needs `panic = "unwind"`,
//! the default, in every profile).

use std::path::Path;

use storydiff_engine::Document;

use crate::boilerplate::find_boilerplate;
use crate::error::Error;
use crate::file::{Loaded, ReadOptions};
use crate::office::Office;

/// A format read here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Pdf,
    Docx,
    Odt,
}

impl Kind {
    fn what(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Docx => "Word document",
            Kind::Odt => "OpenDocument text",
        }
    }
}

/// Which document format the file is, if it is one of these.
pub(crate) fn kind_of(path: &Path, bytes: &[u8]) -> Option<Kind> {
    // A PDF may have junk before its header; readers look in the first KB.
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(Kind::Pdf);
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "pdf" => Some(Kind::Pdf),
        "docx" | "docm" | "dotx" => Some(Kind::Docx),
        "odt" | "ott" => Some(Kind::Odt),
        // An office file saved under another name: a ZIP with its main part.
        _ if bytes.starts_with(b"PK\x03\x04") => {
            let names = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
            if names(b"word/document.xml") {
                Some(Kind::Docx)
            } else if names(b"application/vnd.oasis.opendocument.text") {
                Some(Kind::Odt)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Runs a parser, turning a panic inside it into the file's error.
fn contained<T>(
    path: &Path,
    kind: Kind,
    parse: impl FnOnce() -> Result<T, Error>,
) -> Result<T, Error> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(parse)) {
        Ok(result) => result,
        Err(panic) => {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".to_string());
            Err(Error::Damaged {
                path: path.to_path_buf(),
                what: kind.what(),
                detail: format!("the {} reader failed on it: {reason}", kind.what()),
            })
        }
    }
}

fn office(path: &Path, bytes: &[u8], kind: Kind) -> Result<Office, Error> {
    contained(path, kind, || match kind {
        Kind::Docx => crate::docx::read(path, bytes),
        _ => crate::odt::read(path, bytes),
    })
}

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
    kind_of(path, bytes).map(|kind| read(path, bytes, kind))
}

/// Reads a document file as the article it holds (after its tracked changes).
pub(crate) fn read(path: &Path, bytes: &[u8], kind: Kind) -> Result<Loaded, Error> {
    match kind {
        Kind::Pdf => {
            let (document, warnings) = contained(path, kind, || crate::pdf::read(path, bytes))?;
            Ok(finish(document, path, warnings))
        }
        Kind::Docx | Kind::Odt => {
            let mut office = office(path, bytes, kind)?;
            // Beside another file, the revisions belong to no comparison.
            office.after.revisions.clear();
            Ok(finish(office.after, path, Vec::new()))
        }
    }
}

/// A Word or OpenDocument file with tracked changes as two versions: its
/// text before its revisions (old) and after them (new, listing each
/// revision with its author and date). A file without tracked changes, or
/// of another format, is [`Error::NoRevisions`].
pub fn read_tracked_changes(path: &Path, options: &ReadOptions) -> Result<(Loaded, Loaded), Error> {
    let bytes = crate::file::read_bytes(path, options.max_bytes)?;
    tracked_changes_from(path, &bytes)
}

/// [`read_tracked_changes`] on bytes already read; `path` names the file
/// in messages and gives its format by its extension.
pub fn tracked_changes_from(path: &Path, bytes: &[u8]) -> Result<(Loaded, Loaded), Error> {
    let kind = kind_of(path, bytes)
        .filter(|k| *k != Kind::Pdf)
        .ok_or_else(|| Error::NoRevisions {
            path: path.to_path_buf(),
        })?;
    let office = office(path, bytes, kind)?;
    if !office.has_revisions() {
        return Err(Error::NoRevisions {
            path: path.to_path_buf(),
        });
    }
    let mut before = finish(office.before, path, Vec::new());
    let mut after = finish(office.after, path, Vec::new());
    before.document.source = Some(format!("{} (before its tracked changes)", path.display()));
    after.document.source = Some(format!("{} (after its tracked changes)", path.display()));
    Ok((before, after))
}
