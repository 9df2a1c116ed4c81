use std::path::PathBuf;

use storydiff_engine::report::human_size;

/// Everything that can go wrong reading a document. Each variant names the
/// file, and its message says what the user can do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: this PDF has no text layer (it looks like a scan); run it through OCR first, then open the OCR'd copy.", .path.display())]
    NoTextLayer { path: PathBuf },
    #[error("{}: this {what} is protected by a password. Open it in a reader that knows the password, save a copy without it, and open that.", .path.display())]
    Encrypted { path: PathBuf, what: &'static str },
    #[error("{}: this {what} is damaged and cannot be read ({detail}). Ask the sender for a new copy, or open it in an office program or PDF reader and save it again.", .path.display())]
    Damaged {
        path: PathBuf,
        what: &'static str,
        detail: String,
    },
    #[error("{}: this {what} unpacks to more than {} and is refused (it may be a zip bomb). Check that this is the right file.", .path.display(), human_size(*.limit))]
    UnpacksTooLarge {
        path: PathBuf,
        what: &'static str,
        limit: u64,
    },
    #[error("{}: this {what} expands to more than {} when read; it may be built to exhaust memory, and is refused. Check that this is the right file.", .path.display(), human_size(*.limit))]
    ExpandsTooLarge {
        path: PathBuf,
        what: &'static str,
        limit: u64,
    },
    #[error("{}: storydiff cannot read this {what}: {detail}. Open it in a PDF reader and copy its text into a file, or print it to a new PDF, and open that.", .path.display())]
    Unsupported {
        path: PathBuf,
        what: &'static str,
        detail: String,
    },
    #[error("{}: this document has no tracked changes, so alone it has nothing to compare. Give a second file to compare it with.", .path.display())]
    NoRevisions { path: PathBuf },
}

impl Error {
    /// A stable name for the kind of error, for the app to act on.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::NoTextLayer { .. } => "no_text_layer",
            Error::Encrypted { .. } => "encrypted",
            Error::Damaged { .. } => "damaged",
            Error::Unsupported { .. } => "unsupported",
            Error::UnpacksTooLarge { .. } | Error::ExpandsTooLarge { .. } => "too_large",
            Error::NoRevisions { .. } => "no_revisions",
        }
    }
}
