//! storydiff's store: what is kept between runs, in one embedded SQLite
//! database (`storydiff.db`).
//!
//! - A **story** is one article followed over time, named by its address
//!   (or by the user, for a set of files).
//! - A **capture** is one time the page was seen: listed by a web archive
//!   (Wayback CDX, a Memento TimeMap), fetched live, or added as a file.
//!   Captures never change, so each is fetched once: its body is kept in
//!   `snapshots` (by SHA-256, once however many captures share it) and the
//!   article extracted from it in `versions`.
//! - **Recent comparisons** of the app are a list of opaque JSON entries.
//!
//! Every write is its own transaction, so a process killed in the middle of
//! an import loses nothing it had stored, and the next run sees which
//! captures still lack a body and resumes there. The database runs in WAL
//! mode (readers never wait for the writer; a crash never corrupts it) and
//! its schema is versioned (`PRAGMA user_version`) with forward-only
//! migrations. The database file is created readable by its owner only.
//! Addresses are stored without any `user:password@` part and headers
//! without cookies or authorisation, so no credential is ever written.
//!
//! ```
//! use storydiff_store::{NewCapture, Origin, Store};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let store = Store::open_in(dir.path()).unwrap();
//! let story = store.story("https://example.org/news/1").unwrap();
//! let capture = store
//!     .add_capture(story, &NewCapture::new(Origin::Fetched, "https://example.org/news/1", "2026-11-28T08:15:02Z"))
//!     .unwrap();
//! assert!(store.capture(capture).unwrap().body_sha256.is_none());
//! ```

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use storydiff_engine::Document;

/// Everything that can go wrong with the store; each names the database.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: could not open storydiff's database: {source}", .path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("{}: this database was made by a newer storydiff (schema {found}, this one knows up to {known}). Update storydiff, or move the file aside to start afresh.", .path.display())]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{}: storydiff's database failed: {source}", .path.display())]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("no stored version number {id}. `storydiff history ADDRESS` lists the versions this computer has.")]
    NoVersion { id: i64 },
}

impl Error {
    /// A stable name for the kind of error, for the app to act on.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::NoVersion { .. } => "not_found",
            _ => "store",
        }
    }
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Error", 2)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// The schema, one step per version; `PRAGMA user_version` says how many
/// steps a database has had. Steps are only ever added.
const MIGRATIONS: &[&str] = &[
    // 1: stories, captures, snapshots, versions, recent comparisons.
    "CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,          -- the address, or a name for a set of files
        name TEXT,
        created_at TEXT NOT NULL
    );
    CREATE TABLE snapshots (
        sha256 TEXT PRIMARY KEY,
        body BLOB NOT NULL
    );
    CREATE TABLE captures (
        id INTEGER PRIMARY KEY,
        story_id INTEGER NOT NULL REFERENCES stories(id),
        origin TEXT NOT NULL,              -- wayback | memento | fetched | file
        archive TEXT,                      -- which archive, for wayback and memento
        url TEXT NOT NULL,                 -- the page's own address
        replay_url TEXT NOT NULL,          -- where its bytes come from (id_ replay, the page, the file)
        captured_at TEXT NOT NULL,         -- RFC 3339 UTC
        status TEXT,                       -- as the archive listed it: 200, 301, '-' for a revisit
        digest TEXT,                       -- the archive's digest of the bytes
        mimetype TEXT,
        final_url TEXT,
        headers TEXT,                      -- JSON [[name, value]], cookies left out
        body_sha256 TEXT REFERENCES snapshots(sha256),
        fetched_at TEXT,
        UNIQUE (story_id, replay_url, captured_at)
    );
    CREATE INDEX captures_by_story ON captures (story_id, captured_at);
    CREATE TABLE versions (
        capture_id INTEGER PRIMARY KEY REFERENCES captures(id),
        document TEXT,                     -- the extracted article (engine Document JSON); NULL when none
        title TEXT,
        words INTEGER NOT NULL,
        bad INTEGER NOT NULL,              -- a bad capture: paywall, consent, CAPTCHA or error page
        note TEXT
    );
    CREATE TABLE recent (
        id INTEGER PRIMARY KEY,
        entry TEXT NOT NULL,               -- the app's JSON for one comparison
        opened_at TEXT NOT NULL
    );
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
];

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
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Wayback => "wayback",
            Origin::Memento => "memento",
            Origin::Fetched => "fetched",
            Origin::File => "file",
        }
    }

    fn parse(s: &str) -> Origin {
        match s {
            "wayback" => Origin::Wayback,
            "memento" => Origin::Memento,
            "file" => Origin::File,
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

/// The open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// The data folder for a user who did not choose one:
/// `$XDG_DATA_HOME/storydiff`, else `~/.local/share/storydiff`.
pub fn default_dir() -> Option<PathBuf> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(data.join("storydiff"))
}

/// The database file's name inside the data folder.
pub const FILE_NAME: &str = "storydiff.db";

/// Headers never stored: they can carry credentials.
const SECRET_HEADERS: &[&str] = &[
    "set-cookie",
    "cookie",
    "authorization",
    "proxy-authorization",
    "www-authenticate",
];

/// An address without its `user:password@` part, which is a credential.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{}{}", &url[..scheme_end + 3], &rest[at + 1..]),
        None => url.to_string(),
    }
}

impl Store {
    /// Opens (creating if need be) `storydiff.db` in a data folder.
    pub fn open_in(dir: &Path) -> Result<Store> {
        create_private_dir(dir).map_err(|e| Error::Open {
            path: dir.to_path_buf(),
            source: Box::new(e),
        })?;
        Store::open(&dir.join(FILE_NAME))
    }

    /// Opens (creating if need be) a database file and brings its schema
    /// up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let open_err = |source: Box<dyn std::error::Error + Send + Sync>| Error::Open {
            path: path.to_path_buf(),
            source,
        };
        // Create the file first, owner-only; SQLite gives its -wal and -shm
        // files the database file's permissions.
        create_private_file(path).map_err(|e| open_err(Box::new(e)))?;
        let conn = Connection::open(path).map_err(|e| open_err(Box::new(e)))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store
            .conn
            .busy_timeout(std::time::Duration::from_secs(10))
            .map_err(|e| store.sql(e))?;
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| store.sql(e))?;
        debug_assert_eq!(mode.to_ascii_lowercase(), "wal");
        store
            .conn
            .execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
            .map_err(|e| store.sql(e))?;
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn sql(&self, source: rusqlite::Error) -> Error {
        Error::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// The schema version of the database (the number of migrations applied).
    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.sql(e))
    }

    fn migrate(&self) -> Result<()> {
        let known = MIGRATIONS.len() as i64;
        let found = self.schema_version()?;
        if found > known {
            return Err(Error::TooNew {
                path: self.path.clone(),
                found,
                known,
            });
        }
        for (step, migration) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            // Each step and its version number commit together, so a crash
            // mid-migration leaves the database at the step before.
            let batch = format!(
                "BEGIN IMMEDIATE; {migration}; PRAGMA user_version = {}; COMMIT;",
                step + 1
            );
            if let Err(e) = self.conn.execute_batch(&batch) {
                let _ = self.conn.execute_batch("ROLLBACK");
                return Err(self.sql(e));
            }
        }
        Ok(())
    }

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

    /// Remembers one recent comparison (the app's JSON for it).
    pub fn add_recent(&self, entry: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO recent (entry, opened_at) VALUES (?1, ?2)",
                params![entry, now_rfc3339()],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Recent comparisons, the latest first, at most `limit`.
    pub fn recent(&self, limit: usize) -> Result<Vec<String>> {
        let mut statement = self
            .conn
            .prepare("SELECT entry FROM recent ORDER BY id DESC LIMIT ?1")
            .map_err(|e| self.sql(e))?;
        let rows = statement
            .query_map([limit as i64], |r| r.get(0))
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }

    /// Moves the app's old `recent.json` list (a JSON array, latest first)
    /// into the database, once: later calls do nothing, even if the file
    /// is still there. Returns how many entries were moved.
    pub fn migrate_recent_json(&self, path: &Path) -> Result<usize> {
        let done: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'recent_json_migrated'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        if done.is_some() {
            return Ok(0);
        }
        // An unreadable or broken old list is skipped rather than blocking
        // the app: it held only shortcuts.
        let entries: Vec<serde_json::Value> = std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let write = || -> rusqlite::Result<()> {
            let tx = self.conn.unchecked_transaction()?;
            // Oldest first, so that ids keep the list's order.
            for entry in entries.iter().rev() {
                tx.execute(
                    "INSERT INTO recent (entry, opened_at) VALUES (?1, ?2)",
                    params![entry.to_string(), now_rfc3339()],
                )?;
            }
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('recent_json_migrated', ?1)",
                [now_rfc3339()],
            )?;
            tx.commit()
        };
        write().map_err(|e| self.sql(e))?;
        Ok(entries.len())
    }

    /// SQLite's own check of the file: `true` when it reports "ok".
    pub fn integrity_ok(&self) -> Result<bool> {
        let answer: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.sql(e))?;
        Ok(answer == "ok")
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

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(unix)]
fn create_private_file(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)?;
    // A file from an older storydiff (or made by hand) becomes private too.
    let permissions = std::fs::metadata(path)?.permissions();
    if permissions.mode() & 0o077 != 0 {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn create_private_file(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map(drop)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The current time as RFC 3339 in UTC.
fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    storydiff_engine::rfc3339_utc(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_addresses_are_never_kept() {
        assert_eq!(
            redact_url("https://ann:secret@example.org/a?b=c"),
            "https://example.org/a?b=c"
        );
        assert_eq!(
            redact_url("https://example.org/a@b"),
            "https://example.org/a@b"
        );
        assert_eq!(redact_url("notes.txt"), "notes.txt");
    }

    #[test]
    fn a_fresh_database_has_the_latest_schema_and_runs_in_wal_mode() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        drop(store);
        // Reopening applies nothing twice.
        let again = Store::open_in(dir.path()).unwrap();
        assert_eq!(again.schema_version().unwrap(), MIGRATIONS.len() as i64);
    }

    #[test]
    fn a_database_from_a_newer_storydiff_is_refused_with_a_clear_message() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        Connection::open(&path)
            .unwrap()
            .execute_batch("PRAGMA user_version = 99")
            .unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(
            err.to_string().contains("made by a newer storydiff"),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_database_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("storydiff");
        let store = Store::open_in(&data).unwrap();
        let story = store.story("https://example.org/a").unwrap();
        store
            .add_capture(
                story,
                &NewCapture::new(
                    Origin::Fetched,
                    "https://example.org/a",
                    "2026-01-01T00:00:00Z",
                ),
            )
            .unwrap();
        for file in ["storydiff.db", "storydiff.db-wal"] {
            let mode = std::fs::metadata(data.join(file))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{file}");
        }
        let mode = std::fs::metadata(&data).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }

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

    #[test]
    fn the_old_recent_list_is_migrated_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).unwrap();
        let json = dir.path().join("recent.json");
        std::fs::write(&json, br#"[{"old":"b"},{"old":"a"}]"#).unwrap();
        assert_eq!(store.migrate_recent_json(&json).unwrap(), 2);
        assert_eq!(store.migrate_recent_json(&json).unwrap(), 0);
        assert_eq!(
            store.recent(10).unwrap(),
            [r#"{"old":"b"}"#, r#"{"old":"a"}"#]
        );
    }
}
