use std::path::{Path, PathBuf};

use serde::Serialize;

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
    #[error("{url}: {reason}")]
    BadUrl { url: String, reason: String },
    #[error("{url}: the site refused the request (HTTP {status}). The article may be paywalled or the site may block automated requests: save the page in your browser and open the saved file.")]
    Refused { url: String, status: u16 },
    #[error("{url}: the page was not found (HTTP 404). Check the address; the story may have been moved or taken down.")]
    PageNotFound { url: String },
    #[error("{url}: the site asks for fewer requests (HTTP 429){}. Try again later.", .retry_after.as_deref().map(|r| format!(" and to wait {r}")).unwrap_or_default())]
    RateLimited {
        url: String,
        retry_after: Option<String>,
    },
    #[error("{url}: the site had a problem of its own (HTTP {status}). Try again later.")]
    ServerError { url: String, status: u16 },
    #[error("{url}: the site answered {what}.")]
    HttpStatus {
        url: String,
        status: u16,
        /// What the answer was, in words ("HTTP 418, not a page").
        what: String,
    },
    #[error("{url}: the site sent the page compressed as \"{coding}\", which storydiff cannot undo (it asks for gzip or deflate, applied once). The server is misconfigured: open the page in your browser and save it.")]
    Encoding { url: String, coding: String },
    #[error("{url}: this address serves {}, not a web page or text. Download it and open the file, or give the address of the article's page.", if .content_type.is_empty() { "a file of unknown type" } else { .content_type.as_str() })]
    NotAPage { url: String, content_type: String },
    #[error(
        "{url}: could not find the server {host}. Check the address and your internet connection."
    )]
    Dns { url: String, host: String },
    #[error("{url}: the site did not answer in time ({what}). Try again later, or save the page in your browser and open the file.")]
    Timeout { url: String, what: String },
    #[error("{url}: the secure connection failed ({detail}). storydiff never skips certificate checks: open the page in your browser to see why.")]
    Tls { url: String, detail: String },
    #[error(
        "{url}: could not connect ({detail}). Check the address and your internet connection."
    )]
    Connect { url: String, detail: String },
    #[error("{url}: {reason}")]
    Redirect { url: String, reason: String },
    #[error("{url}: the page is larger than storydiff reads ({}). Save the article in your browser and open the file.", human_size(*.limit))]
    BodyTooLarge { url: String, limit: u64 },
    #[error("{url}: the download failed ({detail}). Try again.")]
    Network { url: String, detail: String },
    #[error("{}: could not keep the snapshot of the page: {source}", .path.display())]
    Store {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
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
    #[error("{}: this document has no tracked changes, so alone it has nothing to compare. Give a second file to compare it with.", .path.display())]
    NoRevisions { path: PathBuf },
    #[error("{url}: the archive answered with a CAPTCHA or bot-check page, not what was asked for. Open the address in your browser, or try again later.")]
    Captcha { url: String },
    #[error("{url}: {reason}")]
    ArchiveFormat { url: String, reason: String },
    #[error("{archive} asks for fewer requests (HTTP 429{}); storydiff tried {tries} times and stopped, to stay polite. Try again later, or ask for fewer captures with --limit.", .retry_after.as_deref().map(|r| format!(", wait {r}")).unwrap_or_default())]
    ArchiveRateLimited {
        archive: String,
        url: String,
        tries: usize,
        retry_after: Option<String>,
    },
    #[error(transparent)]
    Database(#[from] storydiff_store::Error),
    #[error("{}: could not be read: {source}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
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
            Error::BadUrl { .. } => "bad_url",
            Error::Refused { .. } => "refused",
            Error::PageNotFound { .. } => "page_not_found",
            Error::RateLimited { .. } => "rate_limited",
            Error::ServerError { .. } => "server_error",
            Error::HttpStatus { .. } => "http_status",
            Error::Encoding { .. } => "encoding",
            Error::NotAPage { .. } => "binary",
            Error::Dns { .. } => "dns",
            Error::Timeout { .. } => "timeout",
            Error::Tls { .. } => "tls",
            Error::Connect { .. } => "connect",
            Error::Redirect { .. } => "redirect",
            Error::BodyTooLarge { .. } => "too_large",
            Error::Network { .. } => "network",
            Error::Store { .. } => "store",
            Error::Read { .. } => "read",
            Error::NoTextLayer { .. } => "no_text_layer",
            Error::Encrypted { .. } => "encrypted",
            Error::Damaged { .. } => "damaged",
            Error::UnpacksTooLarge { .. } => "too_large",
            Error::NoRevisions { .. } => "no_revisions",
            Error::Captcha { .. } => "captcha",
            Error::Database(e) => e.kind(),
            Error::ArchiveFormat { .. } => "archive_format",
            Error::ArchiveRateLimited { .. } => "rate_limited",
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

fn human_size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else if bytes >= 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
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
