//! Web-archive files (WARC) through the front door: a record as a source
//! (`FILE.warc.gz#URL`, `FILE.warc.gz#URL@TIMESTAMP`), a page's captures
//! in some files (for `history --warc`), and an index of a whole file, a
//! line per HTML response with its article's figures (`warc index`).
//!
//! `storydiff-warc` reads the records; here they are read as every other
//! page is ([`crate::page_document`]). A record is used as the real tools
//! use it: `warcinfo`, `request` and `metadata` records are passed over; a
//! `revisit` is the record it refers to (`WARC-Refers-To`, else the same
//! `WARC-Payload-Digest` earlier in the same files); a payload whose digest
//! does not match `WARC-Payload-Digest` is reported and never used; the
//! HTTP body's chunking and gzip or deflate coding are undone.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use storydiff_warc::{digest, HttpResponse, Item, Reader, Record};
use storydiff_web::Fetched;

use crate::error::Error;

/// One line of `storydiff warc index` (a public contract: fields are added,
/// never removed).
#[derive(Debug, Clone, Serialize)]
pub struct IndexLine {
    pub uri: String,
    /// RFC 3339.
    pub date: String,
    /// `WARC-Payload-Digest` as the record states it.
    pub digest: Option<String>,
    pub status: Option<u16>,
    pub title: Option<String>,
    /// Words of the article's body (boilerplate left out).
    pub words: usize,
    pub published: Option<String>,
    pub site: Option<String>,
    /// `FILE#OFFSET`: where the record starts (its gzip member's offset).
    pub record: String,
    /// `response`, or `revisit` (read as the record it refers to).
    pub kind: String,
    pub mime: String,
    /// Whether an article was read from it.
    pub article: bool,
    /// Why not, when `article` is false.
    pub reason: Option<String>,
    /// The article's paragraphs, a blank line between them (boilerplate
    /// such as credit lines kept, for the ledger to judge): only when asked
    /// for (`warc index --text`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// What indexing found, beside the lines.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexCounts {
    pub records: usize,
    pub responses: usize,
    pub articles: usize,
    pub skipped: usize,
    pub damaged: usize,
}

/// A capture of a page in a WARC file, read as a fetched page.
#[derive(Debug, Clone)]
pub struct WarcCapture {
    /// `FILE#OFFSET`.
    pub record: String,
    /// `WARC-Payload-Digest`, as stated (and checked).
    pub digest: Option<String>,
    pub page: Fetched,
}

/// `WARC-Date` (WARC 1.1 allows fractions of a second) as storydiff writes
/// times, RFC 3339 to the second.
fn date_of(record: &Record) -> String {
    let date = record.date().unwrap_or_default().trim();
    match date.find('.') {
        Some(dot) if date.ends_with('Z') => format!("{}Z", &date[..dot]),
        _ => date.to_string(),
    }
}

/// 14 digits of a WARC date, as CDX indexes and `@TIMESTAMP` name it.
pub fn timestamp14(rfc3339: &str) -> String {
    rfc3339
        .chars()
        .filter(char::is_ascii_digit)
        .take(14)
        .collect()
}

/// The page a `response` record holds, its body decoded; `Err` says why a
/// record is no page storydiff reads (and the HTTP answer, when there was one).
fn page_of(record: &Record) -> Result<(HttpResponse, Fetched), (Option<HttpResponse>, String)> {
    let uri = record.target_uri().unwrap_or_default().to_string();
    let http = match record.http() {
        Some(Ok(http)) => http,
        Some(Err(why)) => return Err((None, format!("its HTTP answer cannot be read ({why})"))),
        None => return Err((None, "it holds no HTTP answer".to_string())),
    };
    if let Some(stated) = record.payload_digest() {
        if let digest::Check::Mismatch { stated, found } = digest::check(stated, &http.payload) {
            return Err((
                Some(http),
                format!("its WARC-Payload-Digest ({stated}) does not match its payload ({found}): the record was altered or damaged, and is not used"),
            ));
        }
    }
    let body = match http.body() {
        Ok(body) => body,
        Err(why) => return Err((Some(http), why)),
    };
    let mut headers: Vec<(String, String)> = http
        .headers
        .iter()
        .filter(|(k, _)| {
            !matches!(
                k.as_str(),
                "content-encoding" | "transfer-encoding" | "content-length"
            )
        })
        .cloned()
        .collect();
    headers.push(("content-length".to_string(), body.len().to_string()));
    let page = Fetched {
        url: uri.clone(),
        final_url: uri,
        status: http.status,
        headers,
        body,
        fetched_at: date_of(record),
    };
    Ok((http, page))
}

fn reference(file: &Path, offset: u64) -> String {
    format!("{}#{offset}", file.display())
}

/// How [`index`] reads.
#[derive(Debug, Clone, Default)]
pub struct IndexOptions {
    /// Records read at once.
    pub jobs: usize,
    /// Keep each article's text in its line.
    pub with_text: bool,
    /// Read each page as a comparison does, trafilatura's reading of the
    /// body included, rather than the quick reading
    /// ([`crate::page_document_quick`]): the same text, headline, site
    /// and date, at about half the speed, with `words` counted after the
    /// same marks as the app's.
    pub thorough: bool,
}

/// Indexes WARC files, a line per HTML `response` record (and per revisit
/// of one), in the files' order; non-HTML responses are listed as such;
/// damaged records are told to `warn` with their offsets. `out` returns
/// false to stop (its reader went away).
///
/// One thread reads the file while `jobs` threads read pages, each taking
/// the next record as it is free, so that no core waits for another's
/// long page; this thread puts the answers back in the file's order and
/// resolves revisits, which need the responses before them. At most
/// [`IN_FLIGHT`] records a job are read and not yet written, so memory
/// stays flat whatever the file's size.
pub fn index(
    files: &[PathBuf],
    options: &IndexOptions,
    out: &mut dyn FnMut(&IndexLine) -> bool,
    warn: &mut dyn FnMut(String),
) -> Result<IndexCounts, Error> {
    let mut counts = IndexCounts::default();
    // The lines of the responses read so far, by record id and by payload
    // digest, for the revisits that refer to them.
    let mut by_id: HashMap<String, IndexLine> = HashMap::new();
    let mut by_digest: HashMap<String, IndexLine> = HashMap::new();
    let jobs = options.jobs.max(1);
    for file in files {
        let reader = Reader::open(file).map_err(|e| Error::from_io(file, e))?;
        let window = IN_FLIGHT * jobs;
        // Never full: no more records than its room are out at once (the
        // tokens below), so the file's reader never waits on it.
        let (work_tx, work_rx) = std::sync::mpsc::sync_channel::<(usize, Item)>(window);
        let work_rx = std::sync::Mutex::new(work_rx);
        let go_on = std::thread::scope(|scope| {
            // A token a record: the file's reader takes one before each
            // record, and one is given back as each is written.
            let (tokens_back, tokens) = std::sync::mpsc::sync_channel::<()>(window);
            for _ in 0..window {
                let _ = tokens_back.send(());
            }
            let (done_tx, done_rx) = std::sync::mpsc::channel::<(usize, Read)>();
            scope.spawn(move || {
                for (seq, item) in reader.into_iter().enumerate() {
                    if tokens.recv().is_err() || work_tx.send((seq, item)).is_err() {
                        return;
                    }
                }
            });
            let work_rx = &work_rx;
            for _ in 0..jobs {
                let done_tx = done_tx.clone();
                scope.spawn(move || loop {
                    // The lock is held only to take the next record.
                    let next = work_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((seq, item))) = next else { return };
                    if done_tx.send((seq, read_item(file, item, options))).is_err() {
                        return;
                    }
                });
            }
            drop(done_tx);
            let mut waiting: std::collections::BTreeMap<usize, Read> = Default::default();
            let mut next = 0;
            for (seq, read) in done_rx {
                waiting.insert(seq, read);
                while let Some(read) = waiting.remove(&next) {
                    next += 1;
                    let _ = tokens_back.send(());
                    let line = match read {
                        Read::Damaged { offset, why } => {
                            counts.damaged += 1;
                            warn(format!(
                                "{}: a damaged record: {why}; reading goes on at the next one",
                                reference(file, offset)
                            ));
                            continue;
                        }
                        Read::Skipped => {
                            counts.records += 1;
                            counts.skipped += 1;
                            continue;
                        }
                        Read::Response { id, line } => {
                            counts.records += 1;
                            counts.responses += 1;
                            if let Some(id) = id {
                                by_id.insert(id, (*line).clone());
                            }
                            if let Some(d) = line.digest.clone() {
                                by_digest.entry(d).or_insert_with(|| (*line).clone());
                            }
                            *line
                        }
                        Read::Revisit(record) => {
                            counts.records += 1;
                            revisit_line(file, &record, &by_id, &by_digest)
                        }
                    };
                    counts.articles += usize::from(line.article);
                    if !out(&line) {
                        return false;
                    }
                }
            }
            true
        });
        if !go_on {
            break;
        }
    }
    Ok(counts)
}

/// Records read ahead of the one being written, a job.
const IN_FLIGHT: usize = 16;

/// What a record of a file being indexed gave, before it is put back in order.
enum Read {
    Damaged {
        offset: u64,
        why: String,
    },
    Skipped,
    Response {
        id: Option<String>,
        line: Box<IndexLine>,
    },
    /// Resolved in order, once the responses before it are known.
    Revisit(Box<Record>),
}

fn read_item(file: &Path, item: Item, options: &IndexOptions) -> Read {
    let record = match item {
        Item::Damaged { offset, why } => return Read::Damaged { offset, why },
        Item::Record(record) => record,
    };
    match record.kind() {
        "response" => {
            let id = record.record_id().map(str::to_string);
            // A page that breaks the extraction is that record's problem
            // alone: the rest of the file is still indexed.
            let line = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                response_line(file, &record, options)
            }))
            .unwrap_or_else(|_| {
                let mut line = response_line_head(file, &record);
                line.reason = Some(
                    "storydiff could not read this page (an internal error); the rest of the file is indexed"
                        .to_string(),
                );
                line
            });
            Read::Response {
                id,
                line: Box::new(line),
            }
        }
        "revisit" => Read::Revisit(record),
        _ => Read::Skipped,
    }
}

/// A response's line before its page is read.
fn response_line_head(file: &Path, record: &Record) -> IndexLine {
    IndexLine {
        uri: record.target_uri().unwrap_or_default().to_string(),
        date: date_of(record),
        digest: record.payload_digest().map(str::to_string),
        status: None,
        title: None,
        words: 0,
        published: None,
        site: None,
        record: reference(file, record.offset),
        kind: "response".to_string(),
        mime: String::new(),
        article: false,
        reason: None,
        text: None,
    }
}

fn response_line(file: &Path, record: &Record, options: &IndexOptions) -> IndexLine {
    let mut line = response_line_head(file, record);
    let page = match page_of(record) {
        Ok((http, page)) => {
            line.status = Some(http.status);
            line.mime = http.mime();
            page
        }
        Err((http, why)) => {
            if let Some(http) = http {
                line.status = Some(http.status);
                line.mime = http.mime();
            }
            line.reason = Some(why);
            return line;
        }
    };
    if !(200..300).contains(&page.status) {
        line.reason = Some(format!("HTTP {}, not a page", page.status));
        return line;
    }
    if !matches!(
        line.mime.as_str(),
        "" | "text/html" | "application/xhtml+xml"
    ) {
        line.reason = Some(format!("not HTML ({})", line.mime));
        return line;
    }
    let read = if !options.thorough {
        crate::page_document_quick(&page)
    } else {
        crate::page_document(&page, None)
    };
    match read {
        Ok(loaded) => {
            let d = loaded.document;
            line.words = storydiff_engine::history::body_words(&d);
            if options.with_text {
                line.text = Some(d.paragraphs.join("\n\n"));
            }
            line.title = d.title;
            line.published = d.published;
            line.site = d.site;
            line.article = true;
        }
        Err(e) => line.reason = Some(e.to_string()),
    }
    line
}

/// A revisit's line: the record it refers to, under the revisit's own
/// address, date and place.
fn revisit_line(
    file: &Path,
    record: &Record,
    by_id: &HashMap<String, IndexLine>,
    by_digest: &HashMap<String, IndexLine>,
) -> IndexLine {
    let original = record
        .headers
        .get("WARC-Refers-To")
        .and_then(|id| by_id.get(id))
        .or_else(|| record.payload_digest().and_then(|d| by_digest.get(d)));
    let mut line = match original {
        Some(original) => original.clone(),
        None => IndexLine {
            uri: String::new(),
            date: String::new(),
            digest: None,
            status: None,
            title: None,
            words: 0,
            published: None,
            site: None,
            record: String::new(),
            kind: String::new(),
            mime: String::new(),
            article: false,
            reason: Some("a revisit of a record that is not in these files".to_string()),
            text: None,
        },
    };
    line.uri = record.target_uri().unwrap_or_default().to_string();
    line.date = date_of(record);
    line.digest = record.payload_digest().map(str::to_string).or(line.digest);
    line.record = reference(file, record.offset);
    line.kind = "revisit".to_string();
    line
}

/// Every capture of `url` in some WARC files (responses and the revisits
/// that repeat them), oldest first; records that cannot be used are told
/// to `warn`, naming their place and why.
///
/// Memory stays flat on a large file: only this page's captures are kept.
/// A revisit whose original is another address's response (the same bytes
/// served under two addresses) is resolved by a second pass that looks for
/// just those records.
pub fn captures_of(
    files: &[PathBuf],
    url: &str,
    warn: &mut dyn FnMut(String),
) -> Result<Vec<WarcCapture>, Error> {
    let mut out = Vec::new();
    // This page's responses, by record id and payload digest (indexes in `out`).
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut by_digest: HashMap<String, usize> = HashMap::new();
    // Revisits of this page, their record kept until their original is found.
    let mut revisits: Vec<(String, Record)> = Vec::new();
    for file in files {
        let reader = Reader::open(file).map_err(|e| Error::from_io(file, e))?;
        for item in reader {
            let record = match item {
                Item::Record(record) => record,
                Item::Damaged { offset, why } => {
                    warn(format!(
                        "{}: a damaged record: {why}",
                        reference(file, offset)
                    ));
                    continue;
                }
            };
            let same = record
                .target_uri()
                .is_some_and(|u| storydiff_web::same_page(u, url));
            if !same {
                continue;
            }
            match record.kind() {
                "response" => match page_of(&record) {
                    Ok((_, page)) => {
                        if let Some(id) = record.record_id() {
                            by_id.insert(id.to_string(), out.len());
                        }
                        if let Some(d) = record.payload_digest() {
                            by_digest.entry(d.to_string()).or_insert(out.len());
                        }
                        out.push(WarcCapture {
                            record: reference(file, record.offset),
                            digest: record.payload_digest().map(str::to_string),
                            page,
                        });
                    }
                    Err((_, why)) => warn(format!("{}: {why}", reference(file, record.offset))),
                },
                "revisit" => revisits.push((reference(file, record.offset), *record)),
                _ => {}
            }
        }
    }
    let original_of = |record: &Record, out: &[WarcCapture]| -> Option<Fetched> {
        record
            .headers
            .get("WARC-Refers-To")
            .and_then(|id| by_id.get(id))
            .or_else(|| record.payload_digest().and_then(|d| by_digest.get(d)))
            .map(|&i| out[i].page.clone())
    };
    let mut unresolved = Vec::new();
    let mut resolved = Vec::new();
    for (place, record) in revisits {
        match original_of(&record, &out) {
            Some(page) => resolved.push((place, record, page)),
            None => unresolved.push((place, record)),
        }
    }
    if !unresolved.is_empty() {
        let found = originals_elsewhere(files, &unresolved, warn)?;
        for (place, record) in unresolved {
            let page = record
                .headers
                .get("WARC-Refers-To")
                .and_then(|id| found.0.get(id))
                .or_else(|| record.payload_digest().and_then(|d| found.1.get(d)));
            match page {
                Some(page) => resolved.push((place, record, page.clone())),
                None => warn(format!(
                    "{place}: a revisit of a record that is not in these files, left out"
                )),
            }
        }
    }
    for (place, record, original) in resolved {
        let mut page = original;
        page.url = url.to_string();
        page.final_url = record.target_uri().unwrap_or(url).to_string();
        page.fetched_at = date_of(&record);
        out.push(WarcCapture {
            record: place,
            digest: record.payload_digest().map(str::to_string),
            page,
        });
    }
    out.sort_by(|a, b| a.page.fetched_at.cmp(&b.page.fetched_at));
    Ok(out)
}

/// Originals of other addresses that some revisits name, by record id and
/// by payload digest: a second pass over the files.
#[allow(clippy::type_complexity)]
fn originals_elsewhere(
    files: &[PathBuf],
    revisits: &[(String, Record)],
    warn: &mut dyn FnMut(String),
) -> Result<(HashMap<String, Fetched>, HashMap<String, Fetched>), Error> {
    let ids: std::collections::HashSet<&str> = revisits
        .iter()
        .filter_map(|(_, r)| r.headers.get("WARC-Refers-To"))
        .collect();
    let digests: std::collections::HashSet<&str> = revisits
        .iter()
        .filter_map(|(_, r)| r.payload_digest())
        .collect();
    let (mut by_id, mut by_digest) = (HashMap::new(), HashMap::new());
    for file in files {
        let reader = Reader::open(file).map_err(|e| Error::from_io(file, e))?;
        for item in reader {
            let Item::Record(record) = item else { continue };
            if record.kind() != "response" {
                continue;
            }
            let id = record.record_id().filter(|id| ids.contains(id));
            let digest = record.payload_digest().filter(|d| digests.contains(d));
            if id.is_none() && digest.is_none() {
                continue;
            }
            match page_of(&record) {
                Ok((_, page)) => {
                    if let Some(id) = id {
                        by_id.insert(id.to_string(), page.clone());
                    }
                    if let Some(d) = digest {
                        by_digest.entry(d.to_string()).or_insert(page);
                    }
                }
                Err((_, why)) => warn(format!("{}: {why}", reference(file, record.offset))),
            }
        }
    }
    Ok((by_id, by_digest))
}

/// The capture a `FILE#URL[@TIMESTAMP]` source names: at that time (14
/// digits, or a prefix of them), else the newest.
pub fn find(file: &Path, url: &str, at: Option<&str>) -> Result<WarcCapture, Error> {
    let mut warnings = Vec::new();
    let captures = captures_of(&[file.to_path_buf()], url, &mut |w| warnings.push(w))?;
    let chosen = match at {
        Some(at) => {
            let at = timestamp14(at);
            captures
                .into_iter()
                .rfind(|c| timestamp14(&c.page.fetched_at).starts_with(&at))
        }
        None => captures.into_iter().last(),
    };
    chosen.ok_or_else(|| Error::NotInWarc {
        path: file.to_path_buf(),
        what: format!(
            "no usable capture of {url}{} in this WARC file{}.",
            match at {
                Some(at) => format!(" at {at}"),
                None => String::new(),
            },
            // Why a capture of this page was not used, before damage
            // that may be any page's.
            match warnings
                .iter()
                .find(|w| !w.contains(": a damaged record"))
                .or(warnings.first())
            {
                Some(why) => format!(" ({why})"),
                None => String::new(),
            }
        ),
    })
}

/// A source argument that names a record of a WARC file:
/// `FILE.warc[.gz]#URL` or `FILE.warc[.gz]#URL@TIMESTAMP`.
pub fn parse_source(arg: &str) -> Option<(PathBuf, String, Option<String>)> {
    let lower = arg.to_ascii_lowercase();
    let split = [".warc.gz#", ".warc#"]
        .iter()
        .filter_map(|m| lower.find(m).map(|i| i + m.len()))
        .min()?;
    let (file, rest) = (&arg[..split - 1], &arg[split..]);
    // A time after the last '@', if it is one (an address may hold '@').
    let (url, at) = match rest.rsplit_once('@') {
        Some((url, at))
            if !at.is_empty()
                && at.chars().all(|c| c.is_ascii_digit() || "-:TZ".contains(c))
                && at.chars().filter(char::is_ascii_digit).count() >= 4 =>
        {
            (url, Some(at.to_string()))
        }
        _ => (rest, None),
    };
    Some((PathBuf::from(file), url.to_string(), at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warc_source_names_a_file_an_address_and_perhaps_a_time() {
        assert_eq!(
            parse_source("news.warc.gz#https://news.example/a@20230901060000"),
            Some((
                PathBuf::from("news.warc.gz"),
                "https://news.example/a".into(),
                Some("20230901060000".into())
            ))
        );
        assert_eq!(
            parse_source("x/y.warc#https://user@news.example/a"),
            Some((
                PathBuf::from("x/y.warc"),
                "https://user@news.example/a".into(),
                None
            ))
        );
        assert_eq!(parse_source("story.html"), None);
        assert_eq!(timestamp14("2023-09-01T06:00:00Z"), "20230901060000");
    }
}
