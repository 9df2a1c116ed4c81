//! Stories, their captures and the versions read from them.
//!
//! A **story** is one article followed over time, named by its address
//! (or by the user, for a set of files). A **capture** is one time the
//! page was seen: listed by a web archive, fetched live, or added as a
//! file. Captures never change, so each is fetched once: its body is kept
//! in `snapshots` (by SHA-256, once however many captures share it) and the
//! article extracted from it in `versions`.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use storydiff_engine::Document;

use crate::{hex, now_rfc3339, redact_url, Error, Result, Store, SECRET_HEADERS};

/// Where a capture comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The Wayback Machine (CDX listing, `id_` replay).
    Wayback,
    /// Another web archive, listed by its Memento TimeMap.
    Memento,
    /// Fetched live by storydiff.
    Fetched,
    /// A file the user added.
    File,
    /// A record of a web-archive file (WARC) the user gave.
    Warc,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Wayback => "wayback",
            Origin::Memento => "memento",
            Origin::Fetched => "fetched",
            Origin::File => "file",
            Origin::Warc => "warc",
        }
    }

    fn parse(s: &str) -> Origin {
        match s {
            "wayback" => Origin::Wayback,
            "memento" => Origin::Memento,
            "file" => Origin::File,
            "warc" => Origin::Warc,
            _ => Origin::Fetched,
        }
    }
}

/// A capture as an archive lists it, before its bytes are fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCapture {
    pub origin: Origin,
    pub archive: Option<String>,
    pub url: String,
    pub replay_url: String,
    pub captured_at: String,
    pub status: Option<String>,
    pub digest: Option<String>,
    pub mimetype: Option<String>,
}

impl NewCapture {
    /// A capture whose bytes come from its own address.
    pub fn new(origin: Origin, url: &str, captured_at: &str) -> NewCapture {
        NewCapture {
            origin,
            archive: None,
            url: url.to_string(),
            replay_url: url.to_string(),
            captured_at: captured_at.to_string(),
            status: None,
            digest: None,
            mimetype: None,
        }
    }
}

/// A stored capture, with its version when its bytes have been read.
#[derive(Debug, Clone, PartialEq)]
pub struct Capture {
    pub id: i64,
    pub story_id: i64,
    pub origin: Origin,
    pub archive: Option<String>,
    pub url: String,
    pub replay_url: String,
    pub captured_at: String,
    pub status: Option<String>,
    pub digest: Option<String>,
    pub mimetype: Option<String>,
    pub final_url: Option<String>,
    /// `None` until the bytes are fetched.
    pub body_sha256: Option<String>,
    pub fetched_at: Option<String>,
    /// The article read from the bytes, once they are stored.
    pub version: Option<Version>,
}

/// The article read from a capture's bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    /// `None` when no article could be read (the note says why).
    pub document: Option<Document>,
    pub title: Option<String>,
    pub words: usize,
    /// A bad capture (paywall, consent, CAPTCHA or error page): kept, but
    /// left out of the timeline by default.
    pub bad: bool,
    pub note: Option<String>,
}

/// What was fetched for a capture.
#[derive(Debug, Clone)]
pub struct Body<'a> {
    pub bytes: &'a [u8],
    pub final_url: &'a str,
    pub headers: &'a [(String, String)],
    pub fetched_at: &'a str,
}

/// A story: one article followed over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Story {
    pub id: i64,
    pub key: String,
    pub name: Option<String>,
    pub created_at: String,
}

impl Store {
    /// The story named by an address (or a name), created if new.
    pub fn story(&self, key: &str) -> Result<i64> {
        let key = redact_url(key.trim());
        self.conn
            .execute(
                "INSERT INTO stories (key, created_at) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
                params![key, now_rfc3339()],
            )
            .map_err(|e| self.sql(e))?;
        self.conn
            .query_row("SELECT id FROM stories WHERE key = ?1", [&key], |r| {
                r.get(0)
            })
            .map_err(|e| self.sql(e))
    }

    /// The story named by an address, if one is stored.
    pub fn find_story(&self, key: &str) -> Result<Option<Story>> {
        self.conn
            .query_row(
                "SELECT id, key, name, created_at FROM stories WHERE key = ?1",
                [redact_url(key.trim())],
                story_row,
            )
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// Every story, the most recently created first.
    pub fn stories(&self) -> Result<Vec<Story>> {
        let mut statement = self
            .conn
            .prepare("SELECT id, key, name, created_at FROM stories ORDER BY id DESC")
            .map_err(|e| self.sql(e))?;
        let rows = statement
            .query_map([], story_row)
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }

    /// Records a capture of a story; one already known (same replay
    /// address and time) is left as it is. Returns the capture's id.
    pub fn add_capture(&self, story_id: i64, capture: &NewCapture) -> Result<i64> {
        let replay = redact_url(&capture.replay_url);
        self.conn
            .execute(
                "INSERT INTO captures (story_id, origin, archive, url, replay_url, captured_at, status, digest, mimetype)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (story_id, replay_url, captured_at) DO NOTHING",
                params![
                    story_id,
                    capture.origin.as_str(),
                    capture.archive,
                    redact_url(&capture.url),
                    replay,
                    capture.captured_at,
                    capture.status,
                    capture.digest,
                    capture.mimetype
                ],
            )
            .map_err(|e| self.sql(e))?;
        self.conn
            .query_row(
                "SELECT id FROM captures WHERE story_id = ?1 AND replay_url = ?2 AND captured_at = ?3",
                params![story_id, replay, capture.captured_at],
                |r| r.get(0),
            )
            .map_err(|e| self.sql(e))
    }

    /// Keeps a capture's bytes and the article read from them, in one
    /// transaction: after a crash, either both are stored or neither.
    pub fn store_version(&self, capture_id: i64, body: &Body<'_>, version: &Version) -> Result<()> {
        let sha256 = hex(&Sha256::digest(body.bytes));
        let headers: Vec<&(String, String)> = body
            .headers
            .iter()
            .filter(|(k, _)| !SECRET_HEADERS.contains(&k.to_ascii_lowercase().as_str()))
            .collect();
        let document = version
            .document
            .as_ref()
            .map(|d| serde_json::to_string(d).expect("a document serialises"));
        let write = || -> rusqlite::Result<()> {
            let tx = self.conn.unchecked_transaction()?;
            tx.execute(
                "INSERT INTO snapshots (sha256, body) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                params![sha256, body.bytes],
            )?;
            tx.execute(
                "UPDATE captures SET body_sha256 = ?2, final_url = ?3, headers = ?4, fetched_at = ?5 WHERE id = ?1",
                params![
                    capture_id,
                    sha256,
                    redact_url(body.final_url),
                    serde_json::to_string(&headers).expect("headers serialise"),
                    body.fetched_at
                ],
            )?;
            tx.execute(
                "INSERT OR REPLACE INTO versions (capture_id, document, title, words, bad, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    capture_id,
                    document,
                    version.title,
                    version.words as i64,
                    version.bad,
                    version.note
                ],
            )?;
            tx.commit()
        };
        write().map_err(|e| self.sql(e))
    }

    /// Copies the stored bytes and version of one capture to another with
    /// the same bytes (an archive's revisit record), without fetching.
    pub fn reuse_version(&self, capture_id: i64, from: &Capture) -> Result<()> {
        let (Some(sha), Some(version)) = (&from.body_sha256, &from.version) else {
            return Ok(());
        };
        let write = || -> rusqlite::Result<()> {
            let tx = self.conn.unchecked_transaction()?;
            tx.execute(
                "UPDATE captures SET body_sha256 = ?2, final_url = ?3, fetched_at = ?4 WHERE id = ?1",
                params![capture_id, sha, from.final_url, from.fetched_at],
            )?;
            tx.execute(
                "INSERT OR REPLACE INTO versions (capture_id, document, title, words, bad, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    capture_id,
                    version.document.as_ref().map(|d| serde_json::to_string(d).expect("a document serialises")),
                    version.title,
                    version.words as i64,
                    version.bad,
                    version.note
                ],
            )?;
            tx.commit()
        };
        write().map_err(|e| self.sql(e))
    }

    /// Every capture of a story, oldest first.
    pub fn captures(&self, story_id: i64) -> Result<Vec<Capture>> {
        let mut statement = self
            .conn
            .prepare(&format!(
                "{CAPTURE_SELECT} WHERE c.story_id = ?1 ORDER BY c.captured_at, c.id"
            ))
            .map_err(|e| self.sql(e))?;
        let rows = statement
            .query_map([story_id], capture_row)
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }

    /// One capture by id.
    pub fn capture(&self, id: i64) -> Result<Capture> {
        self.conn
            .query_row(
                &format!("{CAPTURE_SELECT} WHERE c.id = ?1"),
                [id],
                capture_row,
            )
            .optional()
            .map_err(|e| self.sql(e))?
            .ok_or(Error::NoVersion { id })
    }

    /// The response headers kept with a capture (cookies and credentials
    /// were never kept), in order.
    pub fn capture_headers(&self, id: i64) -> Result<Vec<(String, String)>> {
        let headers: Option<String> = self
            .conn
            .query_row("SELECT headers FROM captures WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.sql(e))?
            .flatten();
        Ok(headers
            .and_then(|h| serde_json::from_str(&h).ok())
            .unwrap_or_default())
    }

    /// A stored body by its SHA-256.
    pub fn body(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        self.conn
            .query_row(
                "SELECT body FROM snapshots WHERE sha256 = ?1",
                [sha256],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql(e))
    }
}

const CAPTURE_SELECT: &str =
    "SELECT c.id, c.story_id, c.origin, c.archive, c.url, c.replay_url, c.captured_at,
    c.status, c.digest, c.mimetype, c.final_url, c.body_sha256, c.fetched_at,
    v.capture_id, v.document, v.title, v.words, v.bad, v.note
    FROM captures c LEFT JOIN versions v ON v.capture_id = c.id";

fn capture_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Capture> {
    let origin: String = r.get(2)?;
    let has_version: Option<i64> = r.get(13)?;
    let version = match has_version {
        None => None,
        Some(_) => {
            let document: Option<String> = r.get(14)?;
            Some(Version {
                // A document that no longer parses (a future field removed?)
                // reads as none rather than failing the whole list.
                document: document.and_then(|d| serde_json::from_str(&d).ok()),
                title: r.get(15)?,
                words: r.get::<_, i64>(16)? as usize,
                bad: r.get(17)?,
                note: r.get(18)?,
            })
        }
    };
    Ok(Capture {
        id: r.get(0)?,
        story_id: r.get(1)?,
        origin: Origin::parse(&origin),
        archive: r.get(3)?,
        url: r.get(4)?,
        replay_url: r.get(5)?,
        captured_at: r.get(6)?,
        status: r.get(7)?,
        digest: r.get(8)?,
        mimetype: r.get(9)?,
        final_url: r.get(10)?,
        body_sha256: r.get(11)?,
        fetched_at: r.get(12)?,
        version,
    })
}

fn story_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Story> {
    Ok(Story {
        id: r.get(0)?,
        key: r.get(1)?,
        name: r.get(2)?,
        created_at: r.get(3)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capture_is_stored_once_with_its_body_and_no_cookies() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        let story = store.story("https://ann:pw@example.org/a").unwrap();
        assert_eq!(store.stories().unwrap()[0].key, "https://example.org/a");
        let listed = NewCapture::new(
            Origin::Wayback,
            "https://example.org/a",
            "2023-09-13T06:00:00Z",
        );
        let id = store.add_capture(story, &listed).unwrap();
        assert_eq!(store.add_capture(story, &listed).unwrap(), id);
        assert_eq!(store.captures(story).unwrap().len(), 1);
        let headers = vec![
            ("content-type".to_string(), "text/html".to_string()),
            ("set-cookie".to_string(), "session=secret".to_string()),
        ];
        let document = Document::from_text("One paragraph.");
        store
            .store_version(
                id,
                &Body {
                    bytes: b"<p>One paragraph.</p>",
                    final_url: "https://example.org/a",
                    headers: &headers,
                    fetched_at: "2026-01-01T00:00:00Z",
                },
                &Version {
                    document: Some(document.clone()),
                    title: None,
                    words: 2,
                    bad: false,
                    note: None,
                },
            )
            .unwrap();
        let capture = store.capture(id).unwrap();
        assert_eq!(capture.version.unwrap().document, Some(document));
        let stored = store.body(capture.body_sha256.as_deref().unwrap()).unwrap();
        assert_eq!(stored.as_deref(), Some(&b"<p>One paragraph.</p>"[..]));
        let headers: String = store
            .conn
            .query_row("SELECT headers FROM captures WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(!headers.contains("secret"), "{headers}");
    }
}
