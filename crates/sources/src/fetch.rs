//! Fetching a page: http and https only, bounded in time and size, with a
//! distinct message for each way it can fail. Never retries, never skips
//! certificate checks.

use std::time::Duration;

use futures_util::StreamExt;
use reqwest::redirect::{Attempt, Policy};
use reqwest::Url;

use crate::error::Error;

/// Limits for fetching one page.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Bodies larger than this (after decompression) are refused.
    pub max_bytes: u64,
    /// Time to establish a connection.
    pub connect_timeout: Duration,
    /// Longest wait for the next bytes of the response.
    pub read_timeout: Duration,
    /// Time for the whole request, redirects and body included.
    pub total_timeout: Duration,
    /// Redirects followed at most.
    pub max_redirects: usize,
}

impl Default for FetchOptions {
    fn default() -> FetchOptions {
        FetchOptions {
            max_bytes: 50 * 1024 * 1024,
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(20),
            total_timeout: Duration::from_secs(60),
            max_redirects: 10,
        }
    }
}

/// The user agent storydiff sends: it names itself, as a polite client does.
pub const USER_AGENT: &str = concat!(
    "storydiff/",
    env!("CARGO_PKG_VERSION"),
    " (compares versions of news articles)"
);

/// A page as the server sent it.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The address the user gave.
    pub url: String,
    /// The address after redirects.
    pub final_url: String,
    pub status: u16,
    /// Response headers, in order, lower-case names.
    pub headers: Vec<(String, String)>,
    /// The body, decompressed.
    pub body: Vec<u8>,
    /// When the response arrived, RFC 3339 in UTC.
    pub fetched_at: String,
}

impl Fetched {
    /// The `charset` parameter of the `Content-Type` header, if any.
    pub fn charset(&self) -> Option<&str> {
        let content_type = self
            .headers
            .iter()
            .find(|(k, _)| k == "content-type")?
            .1
            .as_str();
        content_type.split(';').find_map(|part| {
            let (key, value) = part.split_once('=')?;
            (key.trim().eq_ignore_ascii_case("charset")).then(|| value.trim().trim_matches('"'))
        })
    }
}

/// Checks that an address is one storydiff may fetch, before any request.
pub fn check_url(url: &str) -> Result<Url, Error> {
    let bad = |reason: &str| Error::BadUrl {
        url: url.to_string(),
        reason: reason.to_string(),
    };
    let parsed = Url::parse(url.trim()).map_err(|e| bad(&format!("not a web address ({e})")))?;
    match parsed.scheme() {
        "http" | "https" => {}
        other => {
            return Err(bad(&format!(
                "storydiff only fetches http and https addresses, not {other}: addresses. To compare a file on this computer, give its path."
            )))
        }
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(bad("the address has no host name"));
    }
    Ok(parsed)
}

/// Why a redirect was refused; carried through reqwest's error chain.
#[derive(Debug)]
struct RedirectRefused(String);

impl std::fmt::Display for RedirectRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RedirectRefused {}

fn redirect_policy(max: usize) -> Policy {
    Policy::custom(move |attempt: Attempt| {
        let scheme = attempt.url().scheme().to_string();
        if !matches!(scheme.as_str(), "http" | "https") {
            let to = attempt.url().to_string();
            return attempt.error(RedirectRefused(format!(
                "the site redirected to {to}, which is not a web address; storydiff refuses to follow it"
            )));
        }
        if attempt.previous().len() > max {
            return attempt.error(RedirectRefused(format!(
                "the site redirected more than {max} times (a redirect loop?); storydiff stopped"
            )));
        }
        attempt.follow()
    })
}

/// Fetches one page. Dropping the future cancels the request.
pub async fn fetch(url: &str, options: &FetchOptions) -> Result<Fetched, Error> {
    let parsed = check_url(url)?;
    let client = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(options.connect_timeout)
        .read_timeout(options.read_timeout)
        .timeout(options.total_timeout)
        .redirect(redirect_policy(options.max_redirects))
        .build()
        .map_err(|e| Error::Network {
            url: url.to_string(),
            detail: e.to_string(),
        })?;
    let response = client
        .get(parsed.clone())
        .send()
        .await
        .map_err(|e| classify(url, &parsed, options, e))?;

    let status = response.status().as_u16();
    let final_url = response.url().to_string();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    match status {
        200..=299 => {}
        401 | 402 | 403 => {
            return Err(Error::Refused {
                url: url.to_string(),
                status,
            })
        }
        404 | 410 => {
            return Err(Error::PageNotFound {
                url: url.to_string(),
            })
        }
        429 => {
            let retry_after = header("retry-after").map(|v| describe_retry_after(&v));
            return Err(Error::RateLimited {
                url: url.to_string(),
                retry_after,
            });
        }
        500..=599 => {
            return Err(Error::ServerError {
                url: url.to_string(),
                status,
            })
        }
        // reqwest hands back, unfollowed, a redirect to an address it cannot fetch.
        300..=399 => {
            let to = header("location").unwrap_or_else(|| "nowhere".to_string());
            return Err(Error::Redirect {
                url: url.to_string(),
                reason: format!("the site redirected to {to}, which is not a web address; storydiff refuses to follow it"),
            });
        }
        _ => {
            return Err(Error::HttpStatus {
                url: url.to_string(),
                status,
            })
        }
    }

    let too_large = || Error::BodyTooLarge {
        url: url.to_string(),
        limit: options.max_bytes,
    };
    // A declared length over the cap is refused at once; a false or absent
    // one is caught while streaming, after decompression.
    if response
        .content_length()
        .is_some_and(|n| n > options.max_bytes)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    let mut stream = response.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| classify(url, &parsed, options, e))?;
        if body.len() as u64 + chunk.len() as u64 > options.max_bytes {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Fetched {
        url: url.to_string(),
        final_url,
        status,
        headers,
        body,
        fetched_at: now_rfc3339(),
    })
}

/// "120 seconds" for `Retry-After: 120`; the date as given otherwise.
fn describe_retry_after(value: &str) -> String {
    match value.trim().parse::<u64>() {
        Ok(1) => "1 second".to_string(),
        Ok(n) => format!("{n} seconds"),
        Err(_) => format!("until {}", value.trim()),
    }
}

/// Turns reqwest's error into the one the user can act on.
fn classify(url: &str, parsed: &Url, options: &FetchOptions, error: reqwest::Error) -> Error {
    let url_s = url.to_string();
    let chain = error_chain(&error);
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&error);
    while let Some(e) = source {
        if let Some(refused) = e.downcast_ref::<RedirectRefused>() {
            return Error::Redirect {
                url: url_s,
                reason: refused.0.clone(),
            };
        }
        source = e.source();
    }
    if error.is_timeout() {
        let what = if chain.contains("connect") {
            format!(
                "no connection within {} s",
                options.connect_timeout.as_secs()
            )
        } else {
            format!(
                "nothing for {} s, or more than {} s in all",
                options.read_timeout.as_secs(),
                options.total_timeout.as_secs()
            )
        };
        return Error::Timeout { url: url_s, what };
    }
    let lower = chain.to_lowercase();
    if lower.contains("dns error")
        || lower.contains("failed to lookup address")
        || lower.contains("name or service not known")
    {
        return Error::Dns {
            url: url_s,
            host: parsed.host_str().unwrap_or_default().to_string(),
        };
    }
    if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake") {
        return Error::Tls {
            url: url_s,
            detail: tls_reason(&last_cause(&error)),
        };
    }
    if error.is_redirect() {
        return Error::Redirect {
            url: url_s,
            reason: last_cause(&error),
        };
    }
    if error.is_connect() {
        return Error::Connect {
            url: url_s,
            detail: last_cause(&error),
        };
    }
    Error::Network {
        url: url_s,
        detail: last_cause(&error),
    }
}

/// The certificate problems people meet, in their words; others as rustls says them.
fn tls_reason(detail: &str) -> String {
    let lower = detail.to_lowercase();
    let said = if lower.contains("expired") {
        "the site's certificate has expired"
    } else if lower.contains("unknownissuer") || lower.contains("unknown issuer") {
        "the site's certificate is not signed by an authority this computer trusts (self-signed?)"
    } else if lower.contains("notvalidforname") || lower.contains("not valid for name") {
        "the site's certificate is for another address"
    } else if lower.contains("notvalidyet") {
        "the site's certificate is not valid yet"
    } else {
        return detail.to_string();
    };
    said.to_string()
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = error.source();
    while let Some(e) = source {
        parts.push(e.to_string());
        source = e.source();
    }
    parts.join(": ")
}

fn last_cause(error: &dyn std::error::Error) -> String {
    let mut last = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        last = e.to_string();
        source = e.source();
    }
    last
}

/// The current time as RFC 3339 in UTC, e.g. "2026-11-28T08:15:02Z".
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(secs)
}

fn rfc3339(secs: u64) -> String {
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Days to civil date (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_are_fetched() {
        for url in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:text/html,<p>x</p>",
            "ftp://example.org/a",
        ] {
            let err = check_url(url).unwrap_err();
            assert_eq!(err.kind(), "bad_url", "{url}");
            assert!(
                err.to_string().contains("only fetches http and https"),
                "{err}"
            );
        }
        assert!(check_url("https://example.org/news/1").is_ok());
    }

    #[test]
    fn dates_are_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_850_102), "2026-11-28T07:15:02Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn retry_after_reads_as_a_wait() {
        assert_eq!(describe_retry_after("120"), "120 seconds");
        assert_eq!(
            describe_retry_after("Wed, 21 Oct 2026 07:28:00 GMT"),
            "until Wed, 21 Oct 2026 07:28:00 GMT"
        );
    }
}
