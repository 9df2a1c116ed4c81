//! What older storydiffs kept elsewhere, moved into the one database once.
//!
//! - **A folder of snapshot files**: `<sha256>.body` (a page's bytes) and a
//!   JSON record per fetch, `<sha256>.<time>.<unique>.json` (or, older
//!   still, `<sha256>.json`). Each record becomes a row of `fetches`
//!   under the same record name, so a comparison remembered by it reopens
//!   as before; each body is checked against its SHA-256 and read without
//!   following links, as the folder always was. The files stay where they
//!   are: nothing is deleted, and a record that cannot be read is counted
//!   and left.
//! - **Another database**: the app kept its own `storydiff.db` in its own
//!   data folder before it shared the command line's. Its stories,
//!   captures, versions, bodies and recent comparisons are copied in; what
//!   both hold is kept once.
//!
//! Each move is recorded in `meta`, so it runs once however often the store
//! opens, and two processes doing it at once store nothing twice.

use std::path::Path;

use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::files::read_no_follow;
use crate::pages::{compact_time, Snapshot};
use crate::{hex, now_rfc3339, Result, Store};

/// What a move of old files found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Moved {
    /// Records now in the database.
    pub moved: usize,
    /// Records that could not be read (damaged, a link, a body that does
    /// not match its SHA-256), left where they are.
    pub skipped: usize,
}

impl Store {
    fn done(&self, key: &str) -> Result<bool> {
        let done: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.sql(e))?;
        Ok(done.is_some())
    }

    fn mark_done(&self, key: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
                params![key, now_rfc3339()],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Moves the pages of an old snapshot folder into the database, once:
    /// later calls do nothing, even if the folder is still there. A folder
    /// that does not exist moves nothing.
    pub fn import_snapshot_folder(&self, dir: &Path) -> Result<Moved> {
        let key = format!("snapshot_folder_imported:{}", dir.display());
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Ok(Moved::default());
        };
        if self.done(&key)? {
            return Ok(Moved::default());
        }
        let mut moved = Moved::default();
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".json")) else {
                continue;
            };
            let is_record = stem.len() >= 64 && stem[..64].bytes().all(|b| b.is_ascii_hexdigit());
            if !is_record {
                continue;
            }
            match read_record(dir, stem) {
                Some((snapshot, body)) => {
                    self.insert_fetch(&snapshot, &body)?;
                    moved.moved += 1;
                }
                None => moved.skipped += 1,
            }
        }
        self.mark_done(&key)?;
        Ok(moved)
    }

    /// Copies what another storydiff database holds into this one, once.
    /// A database that cannot be read, or one from a newer storydiff, is
    /// left as it is and moves nothing.
    pub fn absorb(&self, other: &Path) -> Result<Moved> {
        let key = format!("database_absorbed:{}", other.display());
        if !other.is_file() || other == self.path || self.done(&key)? {
            return Ok(Moved::default());
        }
        let Ok(old) = Store::open(other) else {
            return Ok(Moved::default());
        };
        drop(old); // brought up to date, so its tables are this schema's
        let copy = || -> rusqlite::Result<usize> {
            self.conn
                .execute("ATTACH DATABASE ?1 AS old", [other.to_string_lossy()])?;
            let result = (|| {
                let tx = self.conn.unchecked_transaction()?;
                tx.execute_batch(
                    "INSERT INTO snapshots (sha256, body) SELECT sha256, body FROM old.snapshots WHERE true
                         ON CONFLICT DO NOTHING;
                     INSERT INTO stories (key, name, created_at) SELECT key, name, created_at FROM old.stories WHERE true
                         ON CONFLICT (key) DO NOTHING;
                     INSERT INTO captures (story_id, origin, archive, url, replay_url, captured_at, status, digest,
                             mimetype, final_url, headers, body_sha256, fetched_at)
                         SELECT ns.id, c.origin, c.archive, c.url, c.replay_url, c.captured_at, c.status, c.digest,
                             c.mimetype, c.final_url, c.headers, c.body_sha256, c.fetched_at
                         FROM old.captures c JOIN old.stories os ON os.id = c.story_id
                         JOIN main.stories ns ON ns.key = os.key WHERE true
                         ON CONFLICT (story_id, replay_url, captured_at) DO NOTHING;
                     INSERT INTO versions (capture_id, document, title, words, bad, note)
                         SELECT nc.id, v.document, v.title, v.words, v.bad, v.note
                         FROM old.versions v JOIN old.captures c ON c.id = v.capture_id
                         JOIN old.stories os ON os.id = c.story_id
                         JOIN main.stories ns ON ns.key = os.key
                         JOIN main.captures nc ON nc.story_id = ns.id AND nc.replay_url = c.replay_url
                             AND nc.captured_at = c.captured_at WHERE true
                         ON CONFLICT (capture_id) DO NOTHING;
                     INSERT INTO fetches (record, url, final_url, fetched_at, status, headers, body_sha256, bytes)
                         SELECT record, url, final_url, fetched_at, status, headers, body_sha256, bytes
                         FROM old.fetches WHERE true ON CONFLICT (record) DO NOTHING;
                     INSERT INTO recent (entry, opened_at) SELECT entry, opened_at FROM old.recent ORDER BY id;",
                )?;
                let stories: usize =
                    tx.query_row("SELECT count(*) FROM old.stories", [], |r| r.get(0))?;
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING",
                    params![key, now_rfc3339()],
                )?;
                tx.commit()?;
                Ok(stories)
            })();
            self.conn.execute("DETACH DATABASE old", [])?;
            result
        };
        let stories = copy().map_err(|e| self.sql(e))?;
        Ok(Moved {
            moved: stories,
            skipped: 0,
        })
    }
}

/// One record of an old snapshot folder and its body, if both read and the
/// body matches its SHA-256.
fn read_record(dir: &Path, stem: &str) -> Option<(Snapshot, Vec<u8>)> {
    let text = read_no_follow(&dir.join(format!("{stem}.json"))).ok()?;
    let mut snapshot: Snapshot = serde_json::from_slice(&text).ok()?;
    if !stem.starts_with(&snapshot.sha256) || snapshot.sha256.len() != 64 {
        return None;
    }
    let body = read_no_follow(&dir.join(format!("{}.body", snapshot.sha256))).ok()?;
    if hex(&Sha256::digest(&body)) != snapshot.sha256 {
        return None;
    }
    if snapshot.record.is_empty() {
        // A record from before records were per fetch: named after its body
        // alone, which now means "the latest fetch of these bytes".
        snapshot.record = format!(
            "{}.{}.moved",
            snapshot.sha256,
            compact_time(&snapshot.fetched_at)
        );
    }
    // What the old folder kept is kept the same way here: no credentials.
    snapshot.url = crate::redact_url(&snapshot.url);
    snapshot.final_url = crate::redact_url(&snapshot.final_url);
    snapshot.bytes = body.len() as u64;
    Some((snapshot, body))
}
