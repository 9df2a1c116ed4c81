use serde::Serialize;
use storydiff_engine::report::human_size;

/// Everything that can go wrong on the network: fetching a page, asking an
/// archive. Each variant names the address, and its message says what the
/// user can do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
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
        /// The wait asked for, in seconds, when `Retry-After` gave one
        /// (seconds, or a date from now).
        wait: Option<u64>,
    },
    #[error("{url}: the site had a problem of its own (HTTP {status}). Try again later.")]
    ServerError {
        url: String,
        status: u16,
        /// The wait a `503` asked for (`Retry-After`), in seconds.
        wait: Option<u64>,
    },
    #[error("{url}: the site answered {what}.")]
    HttpStatus {
        url: String,
        status: u16,
        /// What the answer was, in words ("HTTP 418, not a page").
        what: String,
    },
    #[error("{url}: the site sent the page compressed as \"{coding}\", which storydiff cannot undo (it asks for gzip or deflate, applied once). The server is misconfigured: open the page in your browser and save it.")]
    Encoding { url: String, coding: String },
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
}

impl Error {
    /// A stable name for the kind of error, for the app to act on.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::BadUrl { .. } => "bad_url",
            Error::Refused { .. } => "refused",
            Error::PageNotFound { .. } => "page_not_found",
            Error::RateLimited { .. } => "rate_limited",
            Error::ServerError { .. } => "server_error",
            Error::HttpStatus { .. } => "http_status",
            Error::Encoding { .. } => "encoding",
            Error::Dns { .. } => "dns",
            Error::Timeout { .. } => "timeout",
            Error::Tls { .. } => "tls",
            Error::Connect { .. } => "connect",
            Error::Redirect { .. } => "redirect",
            Error::BodyTooLarge { .. } => "too_large",
            Error::Network { .. } => "network",
            Error::Captcha { .. } => "captcha",
            Error::ArchiveFormat { .. } => "archive_format",
            Error::ArchiveRateLimited { .. } => "rate_limited",
        }
    }
}

impl Error {
    /// How long the site asked storydiff to wait before asking again (a
    /// `429` or `503` with `Retry-After`), as it said it.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        match self {
            Error::RateLimited { wait, .. } | Error::ServerError { wait, .. } => {
                wait.map(std::time::Duration::from_secs)
            }
            _ => None,
        }
    }

    /// Whether the site itself is unwell or asks for fewer requests (a
    /// `429` or a `5xx`), rather than the request being wrong: a reason to
    /// wait longer before the next one.
    pub fn is_overload(&self) -> bool {
        matches!(
            self,
            Error::RateLimited { .. } | Error::ServerError { .. } | Error::Timeout { .. }
        )
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
