//! Web-archive clients: what the Wayback Machine and other Memento archives
//! hold of a page, and each capture's original bytes.
//!
//! - Wayback: the CDX server (`/cdx/search/cdx?url=…&output=json`, first
//!   row the field names) lists captures; each is replayed as
//!   `/web/<timestamp>id_/<url>`, which returns the bytes as captured,
//!   without the replay toolbar or rewritten links, so that nothing of the
//!   archive's own page enters the article. Revisit rows (status `-` or
//!   blank, `warc/revisit`) repeat an earlier capture's bytes; redirect
//!   captures (3xx) hold no article.
//! - Other archives: their Memento TimeMap (RFC 7089, link format).
//! - Politeness: at most one request a second to each archive, 429 answers
//!   waited out (`Retry-After`, at most 60 s) and retried at most twice,
//!   the storydiff user agent on every request.
//!
//! The base address of the Wayback Machine can be replaced (tests run a
//! local server that speaks the same protocol).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::Url;

use crate::error::Error;
use crate::fetch::{same_page, Client, FetchOptions, Fetched};

/// The Wayback Machine's address.
pub const WAYBACK_BASE: &str = "https://web.archive.org";

/// TimeMap address prefixes of the Memento archives read by default: the
/// page's address is appended.
pub const MEMENTO_TIMEMAPS: &[&str] = &[
    "https://archive.ph/timemap/",
    "https://arquivo.pt/wayback/timemap/link/",
];

/// Captures taken by default: the newest 50.
pub const DEFAULT_LIMIT: usize = 50;

/// Longest `Retry-After` storydiff waits for; a longer one stops the import.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// 429 answers retried at most this many times.
pub const MAX_RETRIES: usize = 2;

/// Which archives to read and how.
#[derive(Debug, Clone)]
pub struct ArchiveOptions {
    /// The Wayback Machine's base address; `None` skips it.
    pub wayback_base: Option<String>,
    /// TimeMap prefixes of Memento archives (the page's address is appended).
    pub timemaps: Vec<String>,
    /// The newest this many captures are taken.
    pub limit: usize,
    /// Inclusive time bounds, 1 to 14 digits (`2023`, `20230913`).
    pub from: Option<String>,
    pub to: Option<String>,
    /// Shortest time between two requests to one archive.
    pub min_interval: Duration,
    /// Limits for each request.
    pub fetch: FetchOptions,
}

impl Default for ArchiveOptions {
    fn default() -> ArchiveOptions {
        ArchiveOptions {
            wayback_base: Some(WAYBACK_BASE.to_string()),
            timemaps: MEMENTO_TIMEMAPS.iter().map(|s| s.to_string()).collect(),
            limit: DEFAULT_LIMIT,
            from: None,
            to: None,
            min_interval: Duration::from_secs(1),
            fetch: FetchOptions::default(),
        }
    }
}

/// What a listed capture is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureKind {
    /// A page as captured.
    Page,
    /// The same bytes as an earlier capture with the same digest.
    Revisit,
    /// The page redirected elsewhere when it was captured.
    Redirect,
    /// The archive captured an error page (4xx, 5xx).
    Error,
}

/// Which protocol listed a capture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveKind {
    Wayback,
    Memento,
}

/// One capture as an archive lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub kind: ArchiveKind,
    /// The archive's name (its host, e.g. `web.archive.org`).
    pub archive: String,
    /// The page's own address at capture time.
    pub original: String,
    /// `YYYYMMDDhhmmss`, UTC.
    pub timestamp: String,
    /// RFC 3339, UTC.
    pub captured_at: String,
    /// Where the original bytes are replayed.
    pub replay_url: String,
    pub status: Option<String>,
    pub digest: Option<String>,
    pub mimetype: Option<String>,
    pub capture: CaptureKind,
}

/// A client for the archives, one request a second to each.
/// What an archive listed of a page: the captures taken, and how many of
/// its rows were refused (another address, a time that is no time, a
/// memento on another host), with a reason for the first.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub captures: Vec<Listed>,
    pub refused: usize,
    pub why: Option<String>,
}

impl Listing {
    fn refuse(&mut self, why: String) {
        self.refused += 1;
        self.why.get_or_insert(why);
    }
}

/// A 14-digit capture time that is a real moment, not after now (a day's
/// slack for clocks): `00000000000000`, 31 February, second 60 and the
/// year 9999 are not.
pub fn real_capture_time(timestamp: &str) -> bool {
    if timestamp.len() != 14 || !timestamp.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let n = |r: std::ops::Range<usize>| timestamp[r].parse::<i64>().unwrap_or(-1);
    let (y, mo, d, h, mi, sec) = (n(0..4), n(4..6), n(6..8), n(8..10), n(10..12), n(12..14));
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if y < 1991 || d < 1 || d > days || h > 23 || mi > 59 || sec > 59 {
        return false;
    }
    let at = crate::fetch::days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |t| t.as_secs() as i64);
    at <= now + 86_400
}

#[derive(Debug, Clone)]
pub struct Archives {
    options: ArchiveOptions,
    gates: Arc<Mutex<HashMap<String, Instant>>>,
    requests: Arc<Mutex<Vec<(String, Instant)>>>,
}

impl Archives {
    pub fn new(options: ArchiveOptions) -> Archives {
        Archives {
            options,
            gates: Arc::default(),
            requests: Arc::default(),
        }
    }

    pub fn options(&self) -> &ArchiveOptions {
        &self.options
    }

    /// Every request sent so far: (address, when). For the app's progress
    /// and for tests of the rate.
    pub fn requests(&self) -> Vec<(String, Instant)> {
        self.requests.lock().expect("not poisoned").clone()
    }

    /// Waits until this archive may be asked again, and books the slot.
    async fn gate(&self, archive: &str) {
        let wait = {
            let mut gates = self.gates.lock().expect("not poisoned");
            let now = Instant::now();
            let slot = match gates.get(archive) {
                Some(&last) => (last + self.options.min_interval).max(now),
                None => now,
            };
            gates.insert(archive.to_string(), slot);
            slot - now
        };
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
    }

    /// One polite GET: gated, and 429 answers waited out and retried.
    pub async fn get(&self, url: &str) -> Result<Fetched, Error> {
        let archive = host_of(url);
        let mut attempt = 0;
        loop {
            self.gate(&archive).await;
            self.requests
                .lock()
                .expect("not poisoned")
                .push((url.to_string(), Instant::now()));
            match Client::for_archive(&self.options.fetch)?.fetch(url).await {
                Err(Error::RateLimited {
                    url,
                    retry_after,
                    wait,
                }) => {
                    let wait = wait.map(Duration::from_secs);
                    let too_long = wait.is_some_and(|w| w > MAX_RETRY_AFTER);
                    if attempt == MAX_RETRIES || too_long {
                        return Err(Error::ArchiveRateLimited {
                            archive,
                            url,
                            tries: attempt + 1,
                            retry_after,
                        });
                    }
                    attempt += 1;
                    // No Retry-After: wait a while anyway rather than hammer.
                    tokio::time::sleep(wait.unwrap_or(Duration::from_secs(10))).await;
                }
                other => return other,
            }
        }
    }

    /// The Wayback Machine's captures of a page, oldest first, the newest
    /// `limit` of them.
    pub async fn list_wayback(&self, url: &str) -> Result<Listing, Error> {
        let base = self
            .options
            .wayback_base
            .as_deref()
            .unwrap_or(WAYBACK_BASE)
            .trim_end_matches('/');
        let mut query =
            Url::parse(&format!("{base}/cdx/search/cdx")).map_err(|e| Error::BadUrl {
                url: base.to_string(),
                reason: format!("not an archive address ({e})"),
            })?;
        {
            let mut pairs = query.query_pairs_mut();
            pairs
                .append_pair("url", url)
                .append_pair("output", "json")
                .append_pair("fl", "timestamp,original,mimetype,statuscode,digest,length")
                .append_pair("collapse", "digest")
                .append_pair("limit", &format!("-{}", self.options.limit));
            if let Some(from) = &self.options.from {
                pairs.append_pair("from", from);
            }
            if let Some(to) = &self.options.to {
                pairs.append_pair("to", to);
            }
        }
        let page = self.get(query.as_str()).await?;
        check_not_captcha(&page)?;
        let rows = parse_cdx(&page.body, base).map_err(|reason| Error::ArchiveFormat {
            url: query.to_string(),
            reason,
        })?;
        let mut listing = Listing::default();
        for row in rows {
            if !same_page(&row.original, url) {
                listing.refuse(format!(
                    "a row for another address ({})",
                    crate::display_url(&row.original)
                ));
            } else if !real_capture_time(&row.timestamp) {
                listing.refuse(format!(
                    "a row dated {}, which is no real time",
                    row.timestamp
                ));
            } else {
                listing.captures.push(row);
            }
        }
        newest(&mut listing.captures, self.options.limit);
        Ok(listing)
    }

    /// A Memento archive's captures of a page from its TimeMap, oldest
    /// first, the newest `limit`. An archive with none answers 404: an
    /// empty list.
    pub async fn list_memento(&self, timemap_prefix: &str, url: &str) -> Result<Listing, Error> {
        let timemap = format!("{timemap_prefix}{url}");
        let page = match self.get(&timemap).await {
            Err(Error::PageNotFound { .. }) => return Ok(Listing::default()),
            other => other?,
        };
        check_not_captcha(&page)?;
        let text = String::from_utf8_lossy(&page.body);
        let archive = host_of(&timemap);
        let rows = parse_timemap(&text, &archive).map_err(|reason| Error::ArchiveFormat {
            url: timemap.clone(),
            reason,
        })?;
        let mut listing = Listing::default();
        for row in rows {
            // A memento is read only from the TimeMap's own archive: an
            // entry on any other host (this machine's, its network's) is
            // refused, never requested.
            if crate::site_of(&row.replay_url) != crate::site_of(&timemap) {
                listing.refuse(format!(
                    "a memento on another host ({})",
                    crate::display_url(&row.replay_url)
                ));
            } else if !row.original.is_empty() && !same_page(&row.original, url) {
                listing.refuse(format!(
                    "mementos of another address ({})",
                    crate::display_url(&row.original)
                ));
            } else if !real_capture_time(&row.timestamp) {
                listing.refuse(format!(
                    "a memento dated {}, which is no real time",
                    row.timestamp
                ));
            } else {
                listing.captures.push(row);
            }
        }
        newest(&mut listing.captures, self.options.limit);
        Ok(listing)
    }

    /// The bytes of one capture.
    pub async fn fetch_capture(&self, listed: &Listed) -> Result<Fetched, Error> {
        self.get(&listed.replay_url).await
    }
}

/// The newest `limit` captures, oldest first, each time once: captures at
/// one second (the same page listed twice) count as one toward the limit.
fn newest(listed: &mut Vec<Listed>, limit: usize) {
    listed.sort_by(|a, b| a.timestamp.cmp(&b.timestamp));
    listed.dedup_by(|later, earlier| later.timestamp == earlier.timestamp);
    if listed.len() > limit {
        listed.drain(..listed.len() - limit);
    }
}

/// The host of an address, which names its archive.
pub fn host_of(url: &str) -> String {
    Url::parse(url)
        .ok()
        .and_then(|u| {
            u.host_str().map(|h| match u.port() {
                Some(port) => format!("{h}:{port}"),
                None => h.to_string(),
            })
        })
        .unwrap_or_else(|| url.to_string())
}

/// A page that an archive answered 200 with but that is a CAPTCHA or a
/// bot check, not what was asked for (archive.today does this).
pub fn is_captcha_page(body: &[u8]) -> bool {
    let head = &body[..body.len().min(100_000)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    const MARKERS: &[&str] = &[
        "g-recaptcha",
        "h-captcha",
        "hcaptcha.com/1/api.js",
        "recaptcha/api.js",
        "cf-challenge",
        "challenge-platform",
        "id=\"captcha",
        "name=\"captcha",
        "class=\"captcha",
        "<title>just a moment...</title>",
        "<title>attention required! | cloudflare</title>",
        "are you a robot",
    ];
    MARKERS.iter().any(|m| text.contains(m))
}

fn check_not_captcha(page: &Fetched) -> Result<(), Error> {
    if is_captcha_page(&page.body) {
        return Err(Error::Captcha {
            url: page.url.clone(),
        });
    }
    Ok(())
}

/// Parses a CDX JSON answer: a header row naming the fields, then one row
/// per capture; an empty row ends the captures (a resume key may follow).
/// Public for the fuzz target: an archive's answer is untrusted input.
pub fn parse_cdx(body: &[u8], base: &str) -> Result<Vec<Listed>, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Vec::new());
    }
    let rows: Vec<Vec<serde_json::Value>> = serde_json::from_slice(body)
        .map_err(|e| format!("the archive's list of captures is not CDX JSON ({e})"))?;
    let mut rows = rows.into_iter();
    let Some(header) = rows.next() else {
        return Ok(Vec::new());
    };
    let header: Vec<String> = header.iter().map(cell).collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let (Some(ts), Some(original)) = (column("timestamp"), column("original")) else {
        return Err("the archive's list of captures has no timestamp or original column".into());
    };
    let (status, digest, mimetype) = (column("statuscode"), column("digest"), column("mimetype"));
    let archive = host_of(base);
    let mut out = Vec::new();
    for row in rows {
        if row.is_empty() {
            break;
        }
        let get = |i: Option<usize>| i.and_then(|i| row.get(i)).map(cell);
        let (Some(timestamp), Some(page)) = (get(Some(ts)), get(Some(original))) else {
            continue;
        };
        let Some(captured_at) = timestamp_rfc3339(&timestamp) else {
            continue;
        };
        let status = get(status);
        let mimetype = get(mimetype);
        let capture = kind_of(status.as_deref(), mimetype.as_deref());
        out.push(Listed {
            kind: ArchiveKind::Wayback,
            archive: archive.clone(),
            replay_url: format!("{base}/web/{timestamp}id_/{page}"),
            original: page,
            timestamp,
            captured_at,
            status,
            digest: get(digest),
            mimetype,
            capture,
        });
    }
    Ok(out)
}

fn cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn kind_of(status: Option<&str>, mimetype: Option<&str>) -> CaptureKind {
    let status = status.map(str::trim).unwrap_or("");
    if mimetype == Some("warc/revisit") || status.is_empty() || status == "-" {
        return CaptureKind::Revisit;
    }
    match status.as_bytes()[0] {
        b'3' => CaptureKind::Redirect,
        b'4' | b'5' => CaptureKind::Error,
        _ => CaptureKind::Page,
    }
}

/// `20230913060000` → `2023-09-13T06:00:00Z`; shorter timestamps are
/// padded as the CDX server does (to the start of the period).
pub fn timestamp_rfc3339(ts: &str) -> Option<String> {
    if ts.is_empty() || ts.len() > 14 || !ts.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let padded = format!("{ts:0<14}");
    let p = |r: std::ops::Range<usize>| padded[r].parse::<u32>().ok();
    let (y, mo, d, h, mi, s) = (
        p(0..4)?,
        p(4..6)?.max(1),
        p(6..8)?.max(1),
        p(8..10)?,
        p(10..12)?,
        p(12..14)?,
    );
    if mo > 12 || d > 31 || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    Some(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"))
}

/// A Wayback replay address the user pasted
/// (`https://web.archive.org/web/20230913060000/https://…`, with or without
/// a flag such as `id_` or `if_`): the timestamp and the page's address.
pub fn parse_wayback_address(address: &str, base: &str) -> Option<(String, String)> {
    let base_host = host_of(base);
    let parsed = Url::parse(address.trim()).ok()?;
    let host = host_of(parsed.as_str());
    if host != base_host && host != "web.archive.org" && host != "wayback.archive.org" {
        return None;
    }
    // The path is kept raw: the page's address inside it has its own query.
    let raw = address.trim();
    let after_host = &raw[raw.find(&host)? + host.len()..];
    let rest = after_host.strip_prefix("/web/")?;
    let (stamp, page) = rest.split_once('/')?;
    let digits: String = stamp.chars().take_while(char::is_ascii_digit).collect();
    let flag = &stamp[digits.len()..];
    if digits.is_empty() || !(flag.is_empty() || (flag.ends_with('_') && flag.len() <= 4)) {
        return None;
    }
    let page = if page.starts_with("http://") || page.starts_with("https://") {
        page.to_string()
    } else {
        format!("http://{page}")
    };
    Some((digits, page))
}

/// The address that replays a pasted Wayback address's original bytes
/// (`id_`), or `None` when it is not a Wayback address.
pub fn wayback_original_bytes(address: &str, base: &str) -> Option<String> {
    let (timestamp, page) = parse_wayback_address(address, base)?;
    let parsed = Url::parse(address.trim()).ok()?;
    let origin = format!("{}://{}", parsed.scheme(), host_of(parsed.as_str()));
    Some(format!("{origin}/web/{timestamp}id_/{page}"))
}

/// Archives that replay pages without an `id_` form (archive.today).
const NO_ORIGINAL_BYTES: &[&str] = &[
    "archive.ph",
    "archive.today",
    "archive.is",
    "archive.li",
    "archive.vn",
    "archive.md",
    "archive.fo",
];

/// Parses a TimeMap in link format (RFC 7089 §5.1): `<URI-M>; rel="memento";
/// datetime="…"` entries, separated by commas. Public for the fuzz target.
pub fn parse_timemap(text: &str, archive: &str) -> Result<Vec<Listed>, String> {
    let trimmed = text.trim_start();
    let lower = trimmed.get(..5).unwrap_or(trimmed).to_ascii_lowercase();
    if !trimmed.is_empty()
        && (!trimmed.starts_with('<') || lower.starts_with("<!") || lower.starts_with("<html"))
    {
        return Err("the archive's answer is not a TimeMap in link format".into());
    }
    let mut original = None;
    let mut mementos = Vec::new();
    for entry in split_links(text) {
        let Some((uri, params)) = parse_link(&entry) else {
            continue;
        };
        let rel = params
            .iter()
            .find(|(k, _)| k == "rel")
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        let rels: Vec<&str> = rel.split_whitespace().collect();
        if rels.contains(&"original") {
            original = Some(uri.clone());
        }
        if rels.contains(&"memento") {
            let Some(datetime) = params.iter().find(|(k, _)| k == "datetime") else {
                continue;
            };
            let Some((timestamp, captured_at)) = http_date(&datetime.1) else {
                continue;
            };
            mementos.push((uri, timestamp, captured_at));
        }
    }
    let original = original.unwrap_or_default();
    let original_bytes = !NO_ORIGINAL_BYTES
        .iter()
        .any(|h| archive == *h || archive.ends_with(&format!(".{h}")));
    Ok(mementos
        .into_iter()
        .map(|(uri, timestamp, captured_at)| Listed {
            kind: ArchiveKind::Memento,
            archive: archive.to_string(),
            replay_url: if original_bytes {
                with_id_flag(&uri, &timestamp)
            } else {
                uri
            },
            original: original.clone(),
            timestamp,
            captured_at,
            status: None,
            digest: None,
            mimetype: None,
            capture: CaptureKind::Page,
        })
        .collect())
}

/// `…/20230913060000/https://…` → `…/20230913060000id_/https://…`, the
/// Wayback-software form of the original bytes.
fn with_id_flag(uri: &str, timestamp: &str) -> String {
    let marker = format!("/{timestamp}/");
    match uri.find(&marker) {
        Some(at) => format!(
            "{}/{timestamp}id_/{}",
            &uri[..at],
            &uri[at + marker.len()..]
        ),
        None => uri.to_string(),
    }
}

/// Splits link-format text at the commas between entries (not those inside
/// `<…>` or quotes).
fn split_links(text: &str) -> Vec<String> {
    let (mut out, mut current) = (Vec::new(), String::new());
    let (mut in_uri, mut in_quote) = (false, false);
    for c in text.chars() {
        match c {
            '<' if !in_quote => in_uri = true,
            '>' if !in_quote => in_uri = false,
            '"' if !in_uri => in_quote = !in_quote,
            ',' if !in_uri && !in_quote => {
                out.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    out.push(current);
    out
}

fn parse_link(entry: &str) -> Option<(String, Vec<(String, String)>)> {
    let entry = entry.trim();
    let rest = entry.strip_prefix('<')?;
    let (uri, params) = rest.split_once('>')?;
    let params = params
        .split(';')
        .filter_map(|p| {
            let (k, v) = p.split_once('=')?;
            Some((
                k.trim().to_ascii_lowercase(),
                v.trim().trim_matches('"').to_string(),
            ))
        })
        .collect();
    Some((uri.trim().to_string(), params))
}

/// An HTTP date (`Wed, 13 Sep 2023 06:00:00 GMT`) as a 14-digit timestamp
/// and RFC 3339.
fn http_date(value: &str) -> Option<(String, String)> {
    let parts: Vec<&str> = value.split_whitespace().collect();
    let [_, day, month, year, time, ..] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let month = MONTHS
        .iter()
        .position(|m| month.to_ascii_lowercase().starts_with(m))?
        + 1;
    let day: u32 = day.parse().ok()?;
    let year: u32 = year.parse().ok()?;
    let hms: Vec<u32> = time
        .split(':')
        .map(|t| t.parse().ok())
        .collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else {
        return None;
    };
    let timestamp = format!("{year:04}{month:02}{day:02}{h:02}{m:02}{s:02}");
    let captured_at = timestamp_rfc3339(&timestamp)?;
    Some((timestamp, captured_at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdx_rows_become_captures_with_revisits_and_redirects_told_apart() {
        let body = br#"[["timestamp","original","mimetype","statuscode","digest","length"],
            ["20230913060000","https://example.org/a","text/html","200","AAA","1200"],
            ["20230914060000","https://example.org/a","warc/revisit","-","AAA","300"],
            ["20230915060000","https://example.org/a","text/html","","BBB","300"],
            ["20230916060000","https://example.org/a","text/html","301","CCC","300"],
            ["20230917060000","https://example.org/a","text/html","404","DDD","300"],
            [],
            ["resumekey"]]"#;
        let listed = parse_cdx(body, "http://127.0.0.1:9").unwrap();
        let kinds: Vec<_> = listed.iter().map(|l| l.capture).collect();
        assert_eq!(
            kinds,
            [
                CaptureKind::Page,
                CaptureKind::Revisit,
                CaptureKind::Revisit,
                CaptureKind::Redirect,
                CaptureKind::Error
            ]
        );
        assert_eq!(listed[0].captured_at, "2023-09-13T06:00:00Z");
        assert_eq!(
            listed[0].replay_url,
            "http://127.0.0.1:9/web/20230913060000id_/https://example.org/a"
        );
        assert_eq!(listed[0].archive, "127.0.0.1:9");
        assert!(parse_cdx(b"[]", "http://x").unwrap().is_empty());
        assert!(parse_cdx(b"", "http://x").unwrap().is_empty());
        assert!(parse_cdx(b"<html>", "http://x")
            .unwrap_err()
            .contains("not CDX JSON"));
    }

    #[test]
    fn a_timemap_lists_its_mementos() {
        let text = r#"<https://example.org/a>; rel="original",
<https://arquivo.pt/wayback/timemap/link/https://example.org/a>; rel="self"; type="application/link-format",
<https://arquivo.pt/wayback/20230913060000/https://example.org/a>; rel="first memento"; datetime="Wed, 13 Sep 2023 06:00:00 GMT",
<https://arquivo.pt/wayback/20231001120000/https://example.org/a?x=1,2>; rel="last memento"; datetime="Sun, 01 Oct 2023 12:00:00 GMT""#;
        let listed = parse_timemap(text, "arquivo.pt").unwrap();
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0].captured_at, "2023-09-13T06:00:00Z");
        assert_eq!(
            listed[0].replay_url,
            "https://arquivo.pt/wayback/20230913060000id_/https://example.org/a"
        );
        assert_eq!(
            listed[1].replay_url,
            "https://arquivo.pt/wayback/20231001120000id_/https://example.org/a?x=1,2"
        );
        assert_eq!(listed[1].original, "https://example.org/a");
        // archive.today has no original-bytes form: its addresses are kept.
        let today = parse_timemap(
            r#"<https://archive.ph/20230913060000/https://example.org/a>; rel="memento"; datetime="Wed, 13 Sep 2023 06:00:00 GMT""#,
            "archive.ph",
        )
        .unwrap();
        assert_eq!(
            today[0].replay_url,
            "https://archive.ph/20230913060000/https://example.org/a"
        );
        assert!(parse_timemap("<html><body>no</body></html>", "x").is_err());
    }

    #[test]
    fn pasted_wayback_addresses_are_read_as_original_bytes() {
        let base = WAYBACK_BASE;
        assert_eq!(
            wayback_original_bytes(
                "https://web.archive.org/web/20230913060000/https://example.org/a?b=1",
                base
            )
            .as_deref(),
            Some("https://web.archive.org/web/20230913060000id_/https://example.org/a?b=1")
        );
        assert_eq!(
            wayback_original_bytes(
                "https://web.archive.org/web/20230913060000if_/example.org/a",
                base
            )
            .as_deref(),
            Some("https://web.archive.org/web/20230913060000id_/http://example.org/a")
        );
        assert_eq!(
            wayback_original_bytes("https://example.org/web/2023/https://x", base),
            None
        );
        assert_eq!(
            wayback_original_bytes(
                "http://127.0.0.1:8/web/2023/https://x.org/",
                "http://127.0.0.1:8"
            )
            .as_deref(),
            Some("http://127.0.0.1:8/web/2023id_/https://x.org/")
        );
    }

    #[test]
    fn captcha_pages_are_recognised_and_articles_are_not() {
        assert!(is_captcha_page(br#"<html><head><title>archive.today</title></head><body><form><div class="g-recaptcha" data-sitekey="x"></div></form>"#));
        assert!(is_captcha_page(
            b"<html><head><title>Just a moment...</title></head>"
        ));
        assert!(!is_captcha_page(
            b"<article><p>The council says CAPTCHA tests frustrate residents.</p></article>"
        ));
    }

    #[test]
    fn short_timestamps_pad_to_the_start_of_their_period() {
        assert_eq!(
            timestamp_rfc3339("2023").as_deref(),
            Some("2023-01-01T00:00:00Z")
        );
        assert_eq!(
            timestamp_rfc3339("20231").as_deref(),
            Some("2023-10-01T00:00:00Z")
        );
        assert_eq!(timestamp_rfc3339("x"), None);
    }
}
