//! storydiff's store: the one place anything is kept between runs, in one
//! embedded SQLite database (`storydiff.db` in the data folder,
//! `$XDG_DATA_HOME/storydiff` by default), shared by the app and the
//! command line.
//!
//! - [`stories`](Store::story): a **story** is one article followed over
//!   time; its **captures** are the times the page was seen (listed by a
//!   web archive, fetched live, added as a file), each with the **version**
//!   read from its bytes;
//! - [`pages`](Store::keep_page): every page fetched from the web, a record
//!   per fetch, its bytes kept once by SHA-256 (shared with captures);
//! - [`recent`](Store::recent): the app's recent comparisons;
//! - [`watches`](Store::add_watch): articles, feeds and sitemaps checked on
//!   a schedule, a row per check, the changes found, and each host's
//!   politeness, shared by every process that watches;
//! - [`site lines`](Store::learn_site_lines): the short lines of each
//!   site's articles, so that its template (lines on two different
//!   articles at the same place) is marked on any page of it;
//! - [`legacy`](Store::import_snapshot_folder): what older storydiffs kept
//!   elsewhere (a folder of snapshot files, the app's own database), moved
//!   in once.
//!
//! Every write is its own transaction, so a process killed in the middle of
//! an import loses nothing it had stored, and the next run sees which
//! captures still lack a body and resumes there. The database runs in WAL
//! mode (readers never wait for the writer; a crash never corrupts it), so
//! the app and any number of command-line runs can use it at once; its
//! schema is versioned (`PRAGMA user_version`) with forward-only
//! migrations, each applied inside the write transaction that checks the
//! version. The database is created readable by its owner only and never
//! opened through a link. Addresses are stored without any
//! `user:password@` part and headers without cookies or authorisation, so
//! no credential is ever written.
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
//!
//! # What is never here
//! No network and no reading of pages: the store is handed bytes, records
//! and documents, and gives them back exactly.

mod error;
mod files;
mod legacy;
mod pages;
mod recent;
mod schema;
mod site_lines;
mod stories;
mod watches;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use error::{Error, Result};
pub use legacy::Moved;
pub use pages::{Page, Snapshot};
pub use stories::{Body, Capture, NewCapture, Origin, Story, Version};
pub use watches::{
    Change, CheckCounts, CheckDone, NewChange, NewWatch, Watch, WatchKind, WatchState,
};

use schema::MIGRATIONS;

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

/// The folder of snapshot files that older storydiffs kept inside the data
/// folder; [`Store::open_in`] moves it into the database once.
pub const OLD_SNAPSHOT_FOLDER: &str = "snapshots";

/// How long a writer waits for another to finish: long enough for a first
/// run's schema, or another process's import step, to commit.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// Headers never stored: they can carry credentials.
pub(crate) const SECRET_HEADERS: &[&str] = &[
    "set-cookie",
    "set-cookie2",
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
    /// Opens (creating if need be) `storydiff.db` in a data folder, and
    /// moves in, once, the pages older storydiffs kept as files in the
    /// folder itself or in its `snapshots` folder.
    pub fn open_in(dir: &Path) -> Result<Store> {
        if dir.exists() && !dir.is_dir() {
            return Err(Error::NotAFolder {
                path: dir.to_path_buf(),
            });
        }
        files::create_private_dir(dir).map_err(|e| Error::Open {
            path: dir.to_path_buf(),
            source: Box::new(e),
        })?;
        let store = Store::open(&dir.join(FILE_NAME))?;
        store.import_snapshot_folder(&dir.join(OLD_SNAPSHOT_FOLDER))?;
        store.import_snapshot_folder(dir)?;
        Ok(store)
    }

    /// Opens (creating if need be) a database file and brings its schema
    /// up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let open_err = |source: Box<dyn std::error::Error + Send + Sync>| Error::Open {
            path: path.to_path_buf(),
            source,
        };
        if let Some(link) = files::planted_link(path) {
            return Err(Error::Link { path: link });
        }
        // Create the file first, owner-only; SQLite gives its -wal and -shm
        // files the database file's permissions.
        files::create_private_file(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                Error::ReadOnly {
                    path: path.to_path_buf(),
                    detail: e.to_string(),
                }
            }
            _ => open_err(Box::new(e)),
        })?;
        let conn = Connection::open(path).map_err(|e| open_err(Box::new(e)))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store
            .conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| store.sql(e))?;
        // Turning WAL on needs the file to itself, and SQLite does not wait
        // for that (the busy timeout does not apply): several first runs
        // at once take turns here.
        let started = std::time::Instant::now();
        let mode: String = loop {
            match store
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            {
                Ok(mode) => break mode,
                Err(e)
                    if matches!(
                        e.sqlite_error_code(),
                        Some(
                            rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                        )
                    ) && started.elapsed() < BUSY_TIMEOUT =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(e) => return Err(store.sql(e)),
            }
        };
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

    pub(crate) fn sql(&self, source: rusqlite::Error) -> Error {
        use rusqlite::ErrorCode;
        match source.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Error::Damaged {
                path: self.path.clone(),
                detail: source.to_string(),
            },
            Some(ErrorCode::ReadOnly) => Error::ReadOnly {
                path: self.path.clone(),
                detail: source.to_string(),
            },
            _ => Error::Sqlite {
                path: self.path.clone(),
                source,
            },
        }
    }

    /// The schema version of the database (the number of migrations applied).
    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.sql(e))
    }

    /// Applies the steps the database lacks. The version is read inside the
    /// write transaction (`BEGIN IMMEDIATE` waits for any other writer), so
    /// a process that opened the database while another was creating it
    /// sees the steps that one applied and never runs a step twice.
    fn migrate(&self) -> Result<()> {
        let known = MIGRATIONS.len() as i64;
        if self.schema_version()? == known {
            return Ok(());
        }
        let step = || -> Result<bool> {
            self.conn
                .execute_batch("BEGIN IMMEDIATE")
                .map_err(|e| self.sql(e))?;
            let applied = (|| {
                let found = self.schema_version()?;
                if found > known {
                    return Err(Error::TooNew {
                        path: self.path.clone(),
                        found,
                        known,
                    });
                }
                for (step, migration) in MIGRATIONS.iter().enumerate().skip(found as usize) {
                    self.conn
                        .execute_batch(&format!("{migration}; PRAGMA user_version = {};", step + 1))
                        .map_err(|e| self.sql(e))?;
                }
                Ok(found < known)
            })();
            match applied {
                Ok(changed) => {
                    self.conn.execute_batch("COMMIT").map_err(|e| self.sql(e))?;
                    Ok(changed)
                }
                Err(e) => {
                    let _ = self.conn.execute_batch("ROLLBACK");
                    Err(e)
                }
            }
        };
        step().map(drop)
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

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The current time as RFC 3339 in UTC.
pub(crate) fn now_rfc3339() -> String {
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
}
