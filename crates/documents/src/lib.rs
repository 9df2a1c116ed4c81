//! The documents people receive: PDF, Word (.docx) and OpenDocument (.odt),
//! read as the article they hold.
//!
//! [`format_of`] tells these formats by their first bytes (`%PDF-`) or, for
//! the ZIP-based ones, by their extension or main part; [`read`] gives the
//! article (a Word or OpenDocument file's text after its tracked changes)
//! and [`tracked_changes`] a draft's text before its revisions and after
//! them, each revision listed with its author and date, so that one draft
//! can be compared with itself.
//!
//! - `pdf`: glyphs and their positions from `pdf-extract` laid out into
//!   reading order, columns, paragraphs and running headers; `cmaps`: the
//!   character maps Chinese, Japanese and Korean PDFs name instead of
//!   embedding, read as the encodings they are;
//! - `office`: what the two office formats share (the ZIP package with a
//!   cap on what it unpacks to, namespaced XML, a builder that writes the
//!   text before and after the revisions at once); `docx` and `odt` read
//!   each format's markup.
//!
//! Parsers of these formats are large and their inputs hostile: a panic
//! inside one is caught here and becomes that file's [`Error::Damaged`],
//! so a bad file never takes the app down (this needs `panic = "unwind"`,
//! the default, in every profile).
//!
//! # What is never here
//! No file reading (the caller hands over the bytes; `path` only names the
//! file in messages and gives its extension), no web pages, and no marking
//! of boilerplate by wording: the front door, `storydiff-sources`, does
//! that for every kind of input alike.

mod cmaps;
mod docx;
mod error;
mod odt;
mod office;
mod pdf;

use std::path::Path;

use storydiff_engine::Document;

pub use error::Error;

use office::Office;

/// A format read here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
    Odt,
}

impl Format {
    /// The format in words, as messages name it.
    pub fn what(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Docx => "Word document",
            Format::Odt => "OpenDocument text",
        }
    }
}

/// A document read: the article, and what the reader should know about it.
#[derive(Debug)]
pub struct Read {
    pub document: Document,
    pub warnings: Vec<String>,
}

/// Which document format the file is, if it is one of these.
pub fn format_of(path: &Path, bytes: &[u8]) -> Option<Format> {
    // A PDF may have junk before its header; readers look in the first KB.
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(Format::Pdf);
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "pdf" => Some(Format::Pdf),
        "docx" | "docm" | "dotx" => Some(Format::Docx),
        "odt" | "ott" => Some(Format::Odt),
        // An office file saved under another name: a ZIP with its main part.
        _ if bytes.starts_with(b"PK\x03\x04") => {
            let names = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
            if names(b"word/document.xml") {
                Some(Format::Docx)
            } else if names(b"application/vnd.oasis.opendocument.text") {
                Some(Format::Odt)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Runs a parser, turning a panic inside it into the file's error. The
/// panic's own message is never printed: it is the file's error now, said
/// in words, and a reader's internals mean nothing to the user.
fn contained<T>(
    path: &Path,
    format: Format,
    parse: impl FnOnce() -> Result<T, Error>,
) -> Result<T, Error> {
    quiet::install();
    let result = quiet::within(|| std::panic::catch_unwind(std::panic::AssertUnwindSafe(parse)));
    match result {
        Ok(result) => result,
        Err(panic) => {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".to_string());
            let lower = reason.to_lowercase();
            // pdf-extract gives up on the character maps (CMaps) that
            // Chinese, Japanese and Korean PDFs name: say that, not "damaged".
            if format == Format::Pdf
                && [
                    "cmap",
                    "encoding",
                    "unigb",
                    "unijis",
                    "uniks",
                    "unicns",
                    "identity-",
                ]
                .iter()
                .any(|m| lower.contains(m))
            {
                return Err(Error::Unsupported {
                    path: path.to_path_buf(),
                    what: format.what(),
                    detail: format!(
                        "its text is in a character map (CMap) the PDF reader does not know, as Chinese, Japanese and Korean PDFs often are ({})",
                        reason.lines().next().unwrap_or_default()
                    ),
                });
            }
            Err(Error::Damaged {
                path: path.to_path_buf(),
                what: format.what(),
                detail: format!(
                    "the {} reader failed on it: {}",
                    format.what(),
                    reason.lines().next().unwrap_or_default()
                ),
            })
        }
    }
}

/// A panic hook that stays silent while a reader runs on this thread, and
/// is the hook it replaced everywhere else.
mod quiet {
    use std::cell::Cell;
    use std::sync::Once;

    thread_local! {
        static QUIET: Cell<bool> = const { Cell::new(false) };
    }

    pub(crate) fn install() {
        static ONCE: Once = Once::new();
        ONCE.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if !QUIET.with(Cell::get) {
                    previous(info);
                }
            }));
        });
    }

    pub(crate) fn within<T>(work: impl FnOnce() -> T) -> T {
        let before = QUIET.with(|q| q.replace(true));
        let out = work();
        QUIET.with(|q| q.set(before));
        out
    }
}

fn office(path: &Path, bytes: &[u8], format: Format) -> Result<Office, Error> {
    contained(path, format, || match format {
        Format::Docx => docx::read(path, bytes),
        _ => odt::read(path, bytes),
    })
}

/// Reads a document's bytes as the article it holds (after its tracked
/// changes). `path` names the file in messages.
pub fn read(path: &Path, bytes: &[u8], format: Format) -> Result<Read, Error> {
    match format {
        Format::Pdf => {
            let (document, warnings) = contained(path, format, || pdf::read(path, bytes))?;
            Ok(Read { document, warnings })
        }
        Format::Docx | Format::Odt => {
            let mut office = office(path, bytes, format)?;
            // Beside another file, the revisions belong to no comparison.
            office.after.revisions.clear();
            Ok(Read {
                document: office.after,
                warnings: Vec::new(),
            })
        }
    }
}

/// A Word or OpenDocument file with tracked changes as two versions: its
/// text before its revisions (old) and after them (new, listing each
/// revision with its author and date). A file without tracked changes, or
/// of another format, is [`Error::NoRevisions`].
pub fn tracked_changes(path: &Path, bytes: &[u8]) -> Result<(Document, Document), Error> {
    let format = format_of(path, bytes)
        .filter(|f| *f != Format::Pdf)
        .ok_or_else(|| Error::NoRevisions {
            path: path.to_path_buf(),
        })?;
    let office = office(path, bytes, format)?;
    if !office.has_revisions() {
        return Err(Error::NoRevisions {
            path: path.to_path_buf(),
        });
    }
    Ok((office.before, office.after))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A panic inside a reader printed `thread '…' panicked at …pdf-extract…`
    /// to stderr beside storydiff's own message, and a CJK PDF's CMap a
    /// reader did not know was called "damaged".
    #[test]
    fn regression_a_readers_panic_is_the_files_error_and_prints_nothing() {
        let path = Path::new("cjk.pdf");
        let err = contained(path, Format::Pdf, || -> Result<(), Error> {
            panic!("unsupported encoding UniGB-UCS2-H")
        })
        .unwrap_err();
        assert_eq!(err.kind(), "unsupported");
        assert!(err.to_string().contains("character map"), "{err}");
        let err = contained(path, Format::Docx, || -> Result<(), Error> {
            panic!("index out of bounds")
        })
        .unwrap_err();
        assert_eq!(err.kind(), "damaged");
    }
}
