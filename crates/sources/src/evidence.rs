//! A story's evidence as a web-archive file: every stored capture of it, and
//! each comparison between its versions, in one WARC (or a WACZ that
//! ReplayWeb.page and pywb open), for an editor, a court or an archive.
//!
//! What each version becomes says where its bytes came from, and never
//! more:
//! - a page storydiff fetched (or read from a WARC file): a `response`
//!   record, the HTTP status line, the headers and the body as kept. The
//!   store keeps bodies decoded, so `Content-Encoding` and
//!   `Transfer-Encoding` are dropped and `Content-Length` is the body's own
//!   (otherwise replay tools undo an encoding that is no longer there);
//! - a later capture with the same body: a `revisit` (identical payload
//!   digest) of the first, which is in the same file;
//! - a Wayback or Memento version: a `resource` record whose
//!   `WARC-Target-URI` is the memento's address, never a capture of the
//!   original passed off as storydiff's own (the original address and the
//!   archive's capture time are named in fields of their own);
//! - a file the user added: a `resource` record of its bytes;
//! - each comparison of a version with the one before it that changed the
//!   article: a `metadata` record of its JSON (the contract of `storydiff
//!   compare --format json`), concurrent to both versions' records.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use storydiff_engine::Document;
use storydiff_store::{Capture, Origin, Store};
use storydiff_warc::{digest, record_id, wacz, Writer};

use crate::error::Error;

/// What an export wrote.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Exported {
    pub url: String,
    pub responses: usize,
    pub revisits: usize,
    /// Versions from archives and files.
    pub resources: usize,
    pub comparisons: usize,
    /// Captures with no bytes kept (a redirect or an error listed by an
    /// archive), left out.
    pub left_out: usize,
    pub bytes: u64,
}

/// The WARC or WACZ to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Package {
    Warc,
    Wacz,
}

/// Writes the evidence of the story of `url` to `target`, whole or not at
/// all (a temporary file beside it is renamed into place).
pub fn export(
    store: &Store,
    url: &str,
    target: &Path,
    package: Package,
) -> Result<Exported, Error> {
    let story = store
        .find_story(url)
        .map_err(Error::database)?
        .ok_or_else(|| Error::NoStory {
            url: url.to_string(),
        })?;
    let created = storydiff_web::now_rfc3339();
    let Evidence {
        warc,
        mut exported,
        entries,
        pages,
    } = warc_of(store, story.id, &story.key, &created)?;
    if exported.responses + exported.revisits + exported.resources == 0 {
        return Err(Error::NoStory {
            url: url.to_string(),
        });
    }
    let bytes = match package {
        Package::Warc => warc,
        Package::Wacz => wacz::package(
            &warc,
            &entries,
            &pages,
            &format!("storydiff evidence: {}", story.key),
            &created,
        )
        .map_err(|source| Error::Store {
            path: target.to_path_buf(),
            source,
        })?,
    };
    exported.bytes = bytes.len() as u64;
    write_whole(target, &bytes)?;
    Ok(exported)
}

fn write_whole(target: &Path, bytes: &[u8]) -> Result<(), Error> {
    let error = |source| Error::Store {
        path: target.to_path_buf(),
        source,
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "evidence".to_string());
    let temporary = target.with_file_name(format!(".{name}.part"));
    std::fs::write(&temporary, bytes).map_err(error)?;
    std::fs::rename(&temporary, target).map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        error(e)
    })
}

/// A version written, for the comparisons and revisits that follow.
struct Written {
    record_id: String,
    target: String,
    date: String,
    payload_digest: String,
}

/// The WARC of a story, its index entries and its pages.
struct Evidence {
    warc: Vec<u8>,
    exported: Exported,
    entries: Vec<wacz::IndexEntry>,
    pages: Vec<wacz::Page>,
}

fn warc_of(store: &Store, story_id: i64, key: &str, created: &str) -> Result<Evidence, Error> {
    let io = |source| Error::Store {
        path: Path::new(key).to_path_buf(),
        source,
    };
    let mut exported = Exported {
        url: key.to_string(),
        ..Exported::default()
    };
    let mut writer = Writer::new(Vec::new());
    let mut entries = Vec::new();
    let mut pages = Vec::new();
    let info = format!(
        "software: storydiff {}\r\nformat: WARC File Format 1.1\r\nconformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\nisPartOf: {}\r\ndescription: every version of this story that storydiff keeps, and its comparisons of them\r\n",
        env!("CARGO_PKG_VERSION"),
        one_line(key)
    );
    let info_id = record_id(&format!("warcinfo {key} {created}"));
    writer
        .record(
            "warcinfo",
            &[
                ("WARC-Date", created.to_string()),
                ("WARC-Record-ID", info_id.clone()),
                ("WARC-Filename", "data.warc.gz".to_string()),
                ("Content-Type", "application/warc-fields".to_string()),
            ],
            info.as_bytes(),
        )
        .map_err(io)?;

    // The first response written of each body, for revisits.
    let mut by_body: HashMap<String, usize> = HashMap::new();
    let mut written: Vec<Written> = Vec::new();
    // The last good version's record and article, for the comparisons.
    let mut previous: Option<(usize, Document)> = None;
    for capture in store.captures(story_id).map_err(Error::database)? {
        let (Some(sha), Some(version)) = (&capture.body_sha256, &capture.version) else {
            continue;
        };
        let Some(body) = store
            .body(sha)
            .map_err(Error::database)?
            .filter(|b| !b.is_empty())
        else {
            exported.left_out += 1;
            continue;
        };
        let headers = store.capture_headers(capture.id).map_err(Error::database)?;
        let date = warc_date(
            capture
                .fetched_at
                .as_deref()
                .unwrap_or(&capture.captured_at),
        );
        let id = record_id(&format!(
            "{key} capture {} {}",
            capture.id, capture.captured_at
        ));
        let payload_digest = digest::sha1(&body);
        let (kind, target, fields, block) = match capture.origin {
            Origin::Fetched | Origin::Warc => {
                let target = capture
                    .final_url
                    .clone()
                    .unwrap_or_else(|| capture.url.clone());
                let date = warc_date(&capture.captured_at);
                let status = capture
                    .status
                    .as_deref()
                    .and_then(|s| s.parse::<u16>().ok())
                    .unwrap_or(200);
                let head = http_head(status, &headers, body.len());
                let mut fields = vec![
                    ("WARC-Date", date.clone()),
                    ("WARC-Record-ID", id.clone()),
                    ("WARC-Target-URI", target.clone()),
                    ("WARC-Warcinfo-ID", info_id.clone()),
                    ("WARC-Payload-Digest", payload_digest.clone()),
                    (
                        "Content-Type",
                        "application/http; msgtype=response".to_string(),
                    ),
                ];
                if capture.origin == Origin::Warc {
                    // Read from someone else's WARC: where it was read.
                    fields.push((
                        "Storydiff-Read-From",
                        capture.replay_url.trim_start_matches("warc:").to_string(),
                    ));
                }
                match by_body.get(sha).map(|&i| &written[i]) {
                    Some(first) => {
                        fields.extend([
                            (
                                "WARC-Profile",
                                "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
                                    .to_string(),
                            ),
                            ("WARC-Refers-To", first.record_id.clone()),
                            ("WARC-Refers-To-Target-URI", first.target.clone()),
                            ("WARC-Refers-To-Date", first.date.clone()),
                        ]);
                        exported.revisits += 1;
                        ("revisit", target, fields, head.into_bytes())
                    }
                    None => {
                        by_body.insert(sha.clone(), written.len());
                        exported.responses += 1;
                        let mut block = head.into_bytes();
                        block.extend_from_slice(&body);
                        ("response", target, fields, block)
                    }
                }
            }
            Origin::Wayback | Origin::Memento | Origin::File => {
                let (target, mut fields) = if capture.origin == Origin::File {
                    (file_uri(&capture.url), Vec::new())
                } else {
                    // The memento, named as the archive serves it; the
                    // original address and the archive's time beside it.
                    (
                        capture.replay_url.clone(),
                        vec![
                            ("Storydiff-Original-URI", capture.url.clone()),
                            (
                                "Storydiff-Memento-Datetime",
                                warc_date(&capture.captured_at),
                            ),
                            (
                                "Storydiff-Archive",
                                capture.archive.clone().unwrap_or_default(),
                            ),
                        ],
                    )
                };
                let mime = headers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
                    .map(|(_, v)| v.clone())
                    .or_else(|| capture.mimetype.clone())
                    .unwrap_or_else(|| "text/html".to_string());
                fields.splice(
                    0..0,
                    [
                        ("WARC-Date", date.clone()),
                        ("WARC-Record-ID", id.clone()),
                        ("WARC-Target-URI", target.clone()),
                        ("WARC-Warcinfo-ID", info_id.clone()),
                        ("WARC-Payload-Digest", payload_digest.clone()),
                        ("Content-Type", mime),
                    ],
                );
                exported.resources += 1;
                ("resource", target, fields, body.clone())
            }
        };
        let at = writer.record(kind, &fields, &block).map_err(io)?;
        let timestamp = crate::warc::timestamp14(&fields[0].1);
        entries.push(wacz::IndexEntry {
            url: target.clone(),
            timestamp: timestamp.clone(),
            mime: mime_of(&capture, &headers),
            status: (kind != "resource").then(|| {
                capture
                    .status
                    .as_deref()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(200)
            }),
            digest: payload_digest.trim_start_matches("sha1:").to_string(),
            offset: at.offset,
            length: at.length,
            kind: kind.to_string(),
        });
        pages.push(wacz::Page {
            id: format!("version-{}", capture.id),
            url: target.clone(),
            ts: fields[0].1.clone(),
            title: version.title.clone(),
        });
        written.push(Written {
            record_id: id,
            target,
            date: fields[0].1.clone(),
            payload_digest,
        });
        let index = written.len() - 1;
        if let (Some(document), false) = (&version.document, version.bad) {
            if let Some((before, old)) = &previous {
                if storydiff_engine::history::version_changes(&[old.clone(), document.clone()])
                    .get(1)
                    .is_some_and(|c| c.article_changed)
                {
                    comparison_record(
                        &mut writer,
                        key,
                        &info_id,
                        (&written[*before], &written[index]),
                        old,
                        document,
                        created,
                    )
                    .map_err(io)?;
                    exported.comparisons += 1;
                }
            }
            previous = Some((index, document.clone()));
        }
    }
    let warc = writer.finish().map_err(io)?;
    Ok(Evidence {
        warc,
        exported,
        entries,
        pages,
    })
}

fn comparison_record(
    writer: &mut Writer<Vec<u8>>,
    key: &str,
    info_id: &str,
    (old, new): (&Written, &Written),
    old_document: &Document,
    new_document: &Document,
    created: &str,
) -> std::io::Result<()> {
    let comparison = storydiff_engine::compare(old_document, new_document, &Default::default());
    let json = serde_json::to_vec_pretty(&comparison).map_err(std::io::Error::other)?;
    let id = record_id(&format!(
        "{key} comparison {} {}",
        old.record_id, new.record_id
    ));
    writer.record(
        "metadata",
        &[
            ("WARC-Date", created.to_string()),
            ("WARC-Record-ID", id.clone()),
            (
                "WARC-Target-URI",
                format!(
                    "urn:storydiff:comparison:{}",
                    id.trim_matches(['<', '>']).trim_start_matches("urn:uuid:")
                ),
            ),
            ("WARC-Warcinfo-ID", info_id.to_string()),
            ("WARC-Refers-To", new.record_id.clone()),
            ("WARC-Concurrent-To", old.record_id.clone()),
            ("WARC-Concurrent-To", new.record_id.clone()),
            ("Storydiff-Old-Digest", old.payload_digest.clone()),
            ("Storydiff-New-Digest", new.payload_digest.clone()),
            ("Content-Type", "application/json".to_string()),
        ],
        &json,
    )?;
    Ok(())
}

/// An HTTP response head for a body kept decoded: the codings it no longer
/// has dropped, its length its own.
fn http_head(status: u16, headers: &[(String, String)], length: usize) -> String {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        let lower = name.to_ascii_lowercase();
        if matches!(
            lower.as_str(),
            "content-encoding" | "transfer-encoding" | "content-length"
        ) {
            continue;
        }
        head.push_str(&format!("{}: {}\r\n", one_line(name), one_line(value)));
    }
    head.push_str(&format!("Content-Length: {length}\r\n\r\n"));
    head
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        203 => "Non-Authoritative Information",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        410 => "Gone",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        _ => "",
    }
}

fn mime_of(capture: &Capture, headers: &[(String, String)]) -> String {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.as_str())
        .or(capture.mimetype.as_deref())
        .unwrap_or("text/html")
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// A value on one line, as a header needs it.
fn one_line(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

/// `2023-09-01T06:00:00Z` from an RFC 3339 UTC time storydiff keeps
/// (fractions of a second dropped, as WARC 1.0 readers expect).
fn warc_date(time: &str) -> String {
    let time = time.trim();
    match time.get(..19) {
        Some(second) if time.ends_with('Z') && time.as_bytes().get(10) == Some(&b'T') => {
            format!("{second}Z")
        }
        _ => time.to_string(),
    }
}

/// A file's path as a `file:` address (its bytes are the resource).
fn file_uri(path: &str) -> String {
    let mut out = String::from("file://");
    if !path.starts_with('/') {
        out.push('/');
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
