use std::path::{Path, PathBuf};

use serde::Serialize;
use storydiff_engine::report::human_size;

/// Everything that can go wrong getting a document in. Each variant names
/// the file it is about, and its message says what the user can do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: no such file. Check the path and try again.", .path.display())]
    NotFound { path: PathBuf },
    #[error("{}: this is a link to {}, which does not exist.", .path.display(), .target.display())]
    BrokenLink { path: PathBuf, target: PathBuf },
    #[error("{}: this is {what}, not a file. Choose a text or web-page file.", .path.display())]
    NotAFile { path: PathBuf, what: &'static str },
    #[error("{}: permission denied. Check that you may read this file.", .path.display())]
    PermissionDenied { path: PathBuf },
    #[error(
        "{}: the file is {} and storydiff reads at most {}. {}",
        .path.display(), human_size(*.size), human_size(*.limit),
        if *.limit >= 1024 * 1024 { "An article is rarely this large: check that this is the right file." } else { "That limit is lower than most articles: raise it (--max-size MB)." }
    )]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{}: this looks like {what}, not text. Choose a .txt, .md or saved web page.", .path.display())]
    Binary { path: PathBuf, what: &'static str },
    #[error("{source_name}: no article found: this is {found}. It may be a login wall, a paywall or an index page: open the article itself, or save it from your browser and open the file.")]
    NoArticle { source_name: String, found: String },
    #[error("{url}: this address serves {}, not a web page or text. Download it and open the file, or give the address of the article's page.", if .content_type.is_empty() { "a file of unknown type" } else { .content_type.as_str() })]
    NotAPage { url: String, content_type: String },
    #[error("{}: could not keep the snapshot of the page: {source}", .path.display())]
    Store {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Document(#[from] storydiff_documents::Error),
    #[error(transparent)]
    Database(#[from] storydiff_store::Error),
    #[error("{}: could not be read: {source}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Web(#[from] storydiff_web::Error),
    #[error("{url}: no version of this story is stored, so there is nothing to export. Run `storydiff history {url}` first (or open its History in the app).")]
    NoStory { url: String },
    /// `what` says which capture was asked for and why none serves.
    #[error("{}: {what} `storydiff warc index {}` lists the captures it holds.", .path.display(), .path.display())]
    NotInWarc { path: PathBuf, what: String },
}

impl Error {
    /// A stable name for the kind of error, for the app to act on.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::NotFound { .. } | Error::BrokenLink { .. } => "not_found",
            Error::NotAFile { .. } => "not_a_file",
            Error::PermissionDenied { .. } => "permission_denied",
            Error::TooLarge { .. } => "too_large",
            Error::Binary { .. } => "binary",
            Error::NoArticle { .. } => "no_article",
            Error::NotAPage { .. } => "binary",
            Error::Store { .. } => "store",
            Error::Read { .. } => "read",
            Error::Database(e) => e.kind(),
            Error::Document(e) => e.kind(),
            Error::Web(e) => e.kind(),
            Error::NotInWarc { .. } | Error::NoStory { .. } => "not_found",
        }
    }

    pub(crate) fn database(e: storydiff_store::Error) -> Error {
        Error::Database(e)
    }

    pub(crate) fn from_io(path: &Path, source: std::io::Error) -> Error {
        let path = path.to_path_buf();
        match source.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound { path },
            std::io::ErrorKind::PermissionDenied => Error::PermissionDenied { path },
            _ => Error::Read { path, source },
        }
    }
}

/// Errors cross into the app as `{ kind, message }`.
impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Error", 2)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_kind_and_message() {
        let err = Error::TooLarge {
            path: "/tmp/big.txt".into(),
            size: 3 * 1024 * 1024 * 1024,
            limit: 50 * 1024 * 1024,
        };
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["kind"], "too_large");
        assert_eq!(
            json["message"],
            "/tmp/big.txt: the file is 3072.0 MB and storydiff reads at most 50.0 MB. \
             An article is rarely this large: check that this is the right file."
        );
    }
}
