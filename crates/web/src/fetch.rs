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
    /// The `Content-Type` header, if any.
    pub fn content_type(&self) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == "content-type")
            .map(|(_, v)| v.as_str())
    }

    /// The `charset` parameter of the `Content-Type` header, if any.
    pub fn charset(&self) -> Option<&str> {
        let content_type = self.content_type()?;
        content_type.split(';').find_map(|part| {
            let (key, value) = part.split_once('=')?;
            (key.trim().eq_ignore_ascii_case("charset")).then(|| value.trim().trim_matches('"'))
        })
    }
}

/// The site an address belongs to, as storydiff tells sites apart: the host
/// in lower case, without `www.` and the port.
pub fn site_of(url: &str) -> String {
    let host = Url::parse(url.trim())
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .unwrap_or_default();
    host.strip_prefix("www.").unwrap_or(&host).to_string()
}

/// Whether two addresses name the same page: scheme, `www.`, a default
/// port, the fragment and a trailing slash aside.
pub fn same_page(a: &str, b: &str) -> bool {
    let key = |url: &str| -> Option<String> {
        let parsed = Url::parse(url.trim()).ok()?;
        let port = match (parsed.port(), parsed.scheme()) {
            (Some(80), "http") | (Some(443), "https") | (None, _) => String::new(),
            (Some(p), _) => format!(":{p}"),
        };
        let path = parsed.path().trim_end_matches('/');
        let query = parsed.query().map(|q| format!("?{q}")).unwrap_or_default();
        Some(format!("{}{port}{path}{query}", site_of(url)))
    };
    matches!((key(a), key(b)), (Some(x), Some(y)) if x == y)
}

/// Checks that an address is one storydiff may fetch, before any request.
pub fn check_url(url: &str) -> Result<Url, Error> {
    let bad = |reason: &str| Error::BadUrl {
        url: display_url(url),
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

/// Headers never kept nor passed on: they carry the user's session.
const SECRET_HEADERS: &[&str] = &["set-cookie", "set-cookie2"];

/// Whether a response header is a secret (a cookie the site set).
pub(crate) fn is_secret_header(name: &str) -> bool {
    SECRET_HEADERS.iter().any(|h| name.eq_ignore_ascii_case(h))
}

/// An address without the user name and password it may carry
/// (`https://user:pass@host/…`): what is kept and cited.
pub(crate) fn without_credentials(url: &str) -> String {
    match Url::parse(url) {
        Ok(mut parsed) if !parsed.username().is_empty() || parsed.password().is_some() => {
            let _ = parsed.set_username("");
            let _ = parsed.set_password(None);
            parsed.to_string()
        }
        _ => url.to_string(),
    }
}

/// Longest address shown in full in a message; longer ones are clipped.
const SHOWN_URL_CHARS: usize = 200;

/// An address as a person should read it in a message or a citation:
/// without credentials, an international host in its own letters
/// (`bücher.example`, not only `xn--bcher-kva.example`), and clipped when
/// it is absurdly long.
pub fn display_url(url: &str) -> String {
    let mut shown = without_credentials(url.trim());
    if let Ok(parsed) = Url::parse(&shown) {
        if let Some(host) = parsed.host_str().filter(|h| h.contains("xn--")) {
            let (unicode, result) = idna::domain_to_unicode(host);
            if result.is_ok() && unicode != host {
                let prefix = format!("{}://", parsed.scheme());
                if let Some(rest) = shown.strip_prefix(&prefix) {
                    if let Some(after) = rest.strip_prefix(host) {
                        shown = format!("{prefix}{unicode}{after} ({host})");
                    }
                }
            }
        }
    }
    let chars = shown.chars().count();
    if chars > SHOWN_URL_CHARS {
        let head: String = shown.chars().take(SHOWN_URL_CHARS).collect();
        shown = format!("{head}… (an address of {chars} characters)");
    }
    shown
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

fn redirect_policy(max: usize, stay_on_site: bool) -> Policy {
    Policy::custom(move |attempt: Attempt| {
        let scheme = attempt.url().scheme().to_string();
        if stay_on_site {
            let first = attempt.previous().first().map(|u| site_of(u.as_str()));
            if first.is_some_and(|first| first != site_of(attempt.url().as_str())) {
                let to = display_url(attempt.url().as_str());
                return attempt.error(RedirectRefused(format!(
                    "the archive redirected to {to}, another site; a capture is read only from its archive, so storydiff did not follow it"
                )));
            }
        }
        if !matches!(scheme.as_str(), "http" | "https") {
            let to = display_url(attempt.url().as_str());
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

/// What the validators of an earlier answer were: sent back as
/// `If-None-Match` and `If-Modified-Since`, so that a page that did not
/// change costs the server no body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// A conditional request's answer.
#[derive(Debug, Clone)]
pub enum Answer {
    /// The page, changed or asked for unconditionally.
    Page(Fetched),
    /// `304 Not Modified`: the page is as it was when the validators were
    /// given; no body was sent.
    NotModified {
        final_url: String,
        headers: Vec<(String, String)>,
        fetched_at: String,
    },
}

impl Fetched {
    /// The validators to send next time (`ETag`, `Last-Modified`).
    pub fn validators(&self) -> Validators {
        let header = |name: &str| {
            self.headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        }
    }
}

/// A client that keeps its connections and settings between requests: the
/// watcher asks many pages of few hosts, and a client built once per
/// request paid its setup and a new connection every time.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    options: FetchOptions,
}

impl Client {
    pub fn new(options: &FetchOptions) -> Result<Client, Error> {
        Client::build(options, false)
    }

    /// A client for an archive's answers: a redirect to another site is
    /// refused, never followed, so that nothing an archive answers can send
    /// storydiff to an address the user did not give (another site, or
    /// one on this machine or its network).
    pub fn for_archive(options: &FetchOptions) -> Result<Client, Error> {
        Client::build(options, true)
    }

    fn build(options: &FetchOptions, stay_on_site: bool) -> Result<Client, Error> {
        let http = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(options.connect_timeout)
            .read_timeout(options.read_timeout)
            .timeout(options.total_timeout)
            .redirect(redirect_policy(options.max_redirects, stay_on_site))
            .build()
            .map_err(|e| Error::Network {
                url: "(no address yet)".to_string(),
                detail: format!("the HTTP client could not start: {e}"),
            })?;
        Ok(Client {
            http,
            options: options.clone(),
        })
    }

    /// Fetches one page. Dropping the future cancels the request.
    pub async fn fetch(&self, url: &str) -> Result<Fetched, Error> {
        match self.get(url, &Validators::default()).await? {
            Answer::Page(page) => Ok(page),
            Answer::NotModified { .. } => unreachable!("a 304 answers only a conditional request"),
        }
    }

    /// Fetches one page, conditionally when `validators` are given.
    pub async fn get(&self, url: &str, validators: &Validators) -> Result<Answer, Error> {
        let options = &self.options;
        let parsed = check_url(url)?;
        // Messages name the address as the user reads it; the request uses it whole.
        let given = without_credentials(url.trim());
        let shown = display_url(url);
        let url = shown.as_str();
        let mut request = self.http.get(parsed.clone());
        if let Some(etag) = &validators.etag {
            request = request.header(reqwest::header::IF_NONE_MATCH, etag);
        }
        if let Some(date) = &validators.last_modified {
            request = request.header(reqwest::header::IF_MODIFIED_SINCE, date);
        }
        let response = match request.send().await {
            Ok(response) => response,
            Err(e) => {
                let error = classify(url, &parsed, options, e);
                return Err(explain_silent_handshake(error, &parsed, options).await);
            }
        };
        let status = response.status().as_u16();
        let final_url = without_credentials(response.url().as_str());
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .filter(|(k, _)| !is_secret_header(k.as_str()))
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        if status == 304 && !validators.is_empty() {
            return Ok(Answer::NotModified {
                final_url,
                headers,
                fetched_at: now_rfc3339(),
            });
        }
        check_status(url, status, &headers)?;
        let page = read_body(url, &parsed, options, response, &headers).await?;
        Ok(Answer::Page(Fetched {
            url: given,
            final_url,
            status,
            headers,
            body: page,
            fetched_at: now_rfc3339(),
        }))
    }
}

/// Fetches one page. Dropping the future cancels the request.
pub async fn fetch(url: &str, options: &FetchOptions) -> Result<Fetched, Error> {
    Client::new(options)?.fetch(url).await
}

/// The status of an answer as the user can act on it: `Ok` for a page.
fn check_status(url: &str, status: u16, headers: &[(String, String)]) -> Result<(), Error> {
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let wait = || header("retry-after").and_then(|v| retry_after_seconds(&v));
    match status {
        // storydiff never asks for a range: a part of a page is not the page.
        206 => Err(Error::HttpStatus {
            url: url.to_string(),
            status,
            what: "only part of the page (206 Partial Content), which storydiff did not ask for; comparing a part as the whole would be wrong. Open the page in your browser and save it".to_string(),
        }),
        200..=299 => Ok(()),
        401..=403 => Err(Error::Refused {
            url: url.to_string(),
            status,
        }),
        404 | 410 => Err(Error::PageNotFound {
            url: url.to_string(),
        }),
        429 => Err(Error::RateLimited {
            url: url.to_string(),
            retry_after: header("retry-after").map(|v| describe_retry_after(&v)),
            wait: wait(),
        }),
        500..=599 => Err(Error::ServerError {
            url: url.to_string(),
            status,
            wait: if status == 503 { wait() } else { None },
        }),
        // reqwest hands back unfollowed a 304, a redirect without a
        // Location, and a redirect to an address it cannot fetch.
        304 => Err(Error::HttpStatus {
            url: url.to_string(),
            status,
            what: "304 Not Modified, as if storydiff held a cached copy, which it never claims to have; the server is misbehaving. Open the page in your browser and save it".to_string(),
        }),
        300..=399 => {
            let reason = match header("location") {
                None => format!("the site answered HTTP {status} (a redirect) without saying where to (no Location header), so there is no page to follow to"),
                Some(to) => format!("the site redirected to {}, which is not a web address; storydiff refuses to follow it", display_url(&to)),
            };
            Err(Error::Redirect {
                url: url.to_string(),
                reason,
            })
        }
        _ => Err(Error::HttpStatus {
            url: url.to_string(),
            status,
            what: format!("HTTP {status}, not a page"),
        }),
    }
}

/// Reads a body within the cap, after checking that its coding was undone.
async fn read_body(
    url: &str,
    parsed: &Url,
    options: &FetchOptions,
    response: reqwest::Response,
    headers: &[(String, String)],
) -> Result<Vec<u8>, Error> {
    // reqwest removes the Content-Encoding header of a body it decompressed
    // (gzip or deflate, once): one still there is a coding it could not
    // undo, stacked ("gzip, gzip") or one it never asked for (br, zstd).
    if let Some(coding) = headers
        .iter()
        .find(|(k, _)| k == "content-encoding")
        .map(|(_, v)| v.clone())
        .filter(|c| !c.trim().eq_ignore_ascii_case("identity"))
    {
        return Err(Error::Encoding {
            url: url.to_string(),
            coding,
        });
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
        let chunk = chunk.map_err(|e| classify(url, parsed, options, e))?;
        if body.len() as u64 + chunk.len() as u64 > options.max_bytes {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Posts a JSON body to a webhook: once, within `timeout`, following no
/// redirect (a webhook that moves is refused rather than followed to
/// wherever it points). `Ok` is a 2xx answer.
pub async fn post_json(url: &str, body: &[u8], timeout: Duration) -> Result<(), Error> {
    let parsed = check_url(url)?;
    let shown = display_url(url);
    let options = FetchOptions {
        total_timeout: timeout,
        read_timeout: timeout,
        connect_timeout: timeout.min(Duration::from_secs(10)),
        ..FetchOptions::default()
    };
    let client = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(options.connect_timeout)
        .timeout(timeout)
        .redirect(Policy::none())
        .build()
        .map_err(|e| Error::Network {
            url: shown.clone(),
            detail: e.to_string(),
        })?;
    let response = client
        .post(parsed.clone())
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body.to_vec())
        .send()
        .await
        .map_err(|e| classify(&shown, &parsed, &options, e))?;
    let status = response.status().as_u16();
    if (300..400).contains(&status) {
        return Err(Error::Redirect {
            url: shown,
            reason: format!("the webhook answered HTTP {status}, a redirect; storydiff never follows a webhook's redirects, so that what it sends goes only where it was told"),
        });
    }
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
    check_status(&shown, status, &headers)
}

/// An https address that timed out although its server accepts
/// connections: the server never answered the secure handshake, which is
/// what a plain-http port does (it waits for a request line that never
/// comes). Said so, rather than "nothing for 20 s".
async fn explain_silent_handshake(error: Error, parsed: &Url, options: &FetchOptions) -> Error {
    let Error::Timeout { url, .. } = &error else {
        return error;
    };
    let (Some(host), Some(port)) = (parsed.host_str(), parsed.port_or_known_default()) else {
        return error;
    };
    if parsed.scheme() != "https" {
        return error;
    }
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let probe = tokio::time::timeout(
        options.connect_timeout,
        tokio::net::TcpStream::connect((host, port)),
    )
    .await;
    if !matches!(probe, Ok(Ok(_))) {
        return error;
    }
    let mut plain = parsed.clone();
    let _ = plain.set_scheme("http");
    Error::Tls {
        url: url.clone(),
        detail: format!(
            "the server at {host}:{port} accepts connections but never answered the secure (TLS) handshake; it may speak plain http on this port: try {}",
            display_url(plain.as_str())
        ),
    }
}

/// The wait a `Retry-After` value asks for, in seconds: a number of
/// seconds, or an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`) from now.
/// A date in the past asks for no wait; an unreadable value for none known.
pub fn retry_after_seconds(value: &str) -> Option<u64> {
    let value = value.trim();
    if let Ok(n) = value.parse::<u64>() {
        return Some(n);
    }
    // A number too large for u64 is still a number of seconds: as long as
    // can be said.
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(u64::MAX);
    }
    let at = http_date(value)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    Some(at.saturating_sub(now).max(0) as u64)
}

/// An IMF-fixdate (RFC 9110), the form servers send: seconds since 1970.
fn http_date(value: &str) -> Option<i64> {
    // "Sun, 06 Nov 1994 08:49:37 GMT"
    let rest = value.split_once(", ")?.1;
    let mut parts = rest.split_whitespace();
    let day: i64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    if parts.next()? != "GMT" || !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + s)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// algorithm).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// "120 seconds" for `Retry-After: 120`; the date as given otherwise; "more
/// than a day" for a number too large to wait for.
fn describe_retry_after(value: &str) -> String {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return match retry_after_seconds(value) {
            Some(1) => "1 second".to_string(),
            Some(n) if n > 86_400 => "more than a day".to_string(),
            Some(n) => format!("{n} seconds"),
            None => "a while".to_string(),
        };
    }
    format!("until {value}")
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
    } else if lower.contains("invalidcontenttype")
        || lower.contains("corrupt message")
        || lower.contains("wrong version")
    {
        "the server answered without TLS: it speaks plain http on this port (try the address with http://)"
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
    storydiff_engine::rfc3339_utc(secs)
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

    #[test]
    fn retry_after_is_seconds_or_a_date_from_now() {
        assert_eq!(retry_after_seconds("120"), Some(120));
        assert_eq!(retry_after_seconds(" 1 "), Some(1));
        assert_eq!(
            retry_after_seconds("99999999999999999999999999"),
            Some(u64::MAX)
        );
        assert_eq!(
            retry_after_seconds("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(0)
        );
        let far = retry_after_seconds("Fri, 31 Dec 2100 23:59:59 GMT").unwrap();
        assert!(far > 60 * 86_400 * 365, "{far}");
        assert_eq!(retry_after_seconds("soon"), None);
        assert_eq!(retry_after_seconds("Sun, 36 Nov 1994 08:49:37 GMT"), None);
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
    }
}
