//! Watches: articles, feeds and sitemaps that storydiff checks on a
//! schedule, a row for every check, the changes found, and how polite
//! each host asks storydiff to be.
//!
//! The app and any number of command-line runs may watch at once. A run
//! **claims** the watches it will check ([`Store::claim_due`]): in one
//! write transaction it takes those due and not held by another run, and
//! holds them until it has checked them or its lease runs out (a run that
//! was killed). So two runs never check one page at once, and nothing is
//! checked twice. Each host's next free moment is kept here too
//! ([`Store::host_slot`]), so that "at most one request a second to a
//! host" holds across every process that watches.
//!
//! Schedule times (`next_check`, `added_at`, …) are seconds since 1970 on
//! the watcher's clock, which tests may set; leases and host slots are on
//! the real clock, because they are about real requests.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::{redact_url, Result, Store};

/// What a watch follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WatchKind {
    Article,
    Feed,
    Sitemap,
}

impl WatchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            WatchKind::Article => "article",
            WatchKind::Feed => "feed",
            WatchKind::Sitemap => "sitemap",
        }
    }

    fn parse(s: &str) -> WatchKind {
        match s {
            "feed" => WatchKind::Feed,
            "sitemap" => WatchKind::Sitemap,
            _ => WatchKind::Article,
        }
    }
}

/// Where a watch stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WatchState {
    Active,
    /// Not checked until resumed.
    Paused,
    /// Checks keep failing; still checked, less often.
    Failing,
    /// Its time is over: no more checks.
    Ended,
}

impl WatchState {
    pub fn as_str(self) -> &'static str {
        match self {
            WatchState::Active => "active",
            WatchState::Paused => "paused",
            WatchState::Failing => "failing",
            WatchState::Ended => "ended",
        }
    }

    fn parse(s: &str) -> WatchState {
        match s {
            "paused" => WatchState::Paused,
            "failing" => WatchState::Failing,
            "ended" => WatchState::Ended,
            _ => WatchState::Active,
        }
    }
}

/// A watch to add.
#[derive(Debug, Clone)]
pub struct NewWatch<'a> {
    pub url: &'a str,
    pub kind: WatchKind,
    pub feed_id: Option<i64>,
    pub title: Option<&'a str>,
    pub added_at: i64,
    pub published_at: Option<i64>,
    pub every: Option<i64>,
    pub ends_at: Option<i64>,
    pub follow_for: Option<i64>,
    pub webhook: Option<&'a str>,
    pub next_check: i64,
}

/// A stored watch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watch {
    pub id: i64,
    pub url: String,
    pub kind: WatchKind,
    pub feed_id: Option<i64>,
    /// The address of the feed or sitemap that listed it.
    pub feed_url: Option<String>,
    pub story_id: Option<i64>,
    pub title: Option<String>,
    pub added_at: i64,
    pub published_at: Option<i64>,
    pub every: Option<i64>,
    pub ends_at: Option<i64>,
    pub follow_for: Option<i64>,
    pub webhook: Option<String>,
    pub state: WatchState,
    pub next_check: i64,
    pub last_checked: Option<i64>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub failures: i64,
    pub note: Option<String>,
}

/// What one check found, as the store keeps it.
#[derive(Debug, Clone)]
pub struct CheckDone<'a> {
    pub watch_id: i64,
    pub at: i64,
    /// `not_modified`, `same`, `boring`, `changed`, `reverted`, `flip_flop`,
    /// `bad`, `failed`, `listed` (a feed read) or `first` (a first version).
    pub outcome: &'a str,
    pub status: Option<u16>,
    pub capture_id: Option<i64>,
    pub note: Option<&'a str>,
    /// What the watch becomes.
    pub state: WatchState,
    pub next_check: i64,
    pub failures: i64,
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
    pub story_id: Option<i64>,
    pub title: Option<&'a str>,
    pub published_at: Option<i64>,
}

/// A change found by watching, to keep.
#[derive(Debug, Clone)]
pub struct NewChange<'a> {
    pub watch_id: i64,
    pub story_id: i64,
    pub url: &'a str,
    pub title: Option<&'a str>,
    pub found_at: i64,
    pub old_capture: i64,
    pub new_capture: i64,
    /// `changed`, or `reverted` (back to an earlier version).
    pub kind: &'a str,
    pub summary: &'a str,
    /// The JSON a webhook is sent for it.
    pub report: &'a str,
    /// Whether anyone is told: a swing of a flip-flop told before is not.
    pub notify: bool,
}

/// A change found by watching.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub id: i64,
    pub watch_id: Option<i64>,
    pub story_id: i64,
    pub url: String,
    pub title: Option<String>,
    pub found_at: i64,
    pub old_capture: i64,
    pub new_capture: i64,
    pub kind: String,
    pub summary: String,
    pub report: String,
    pub notify: bool,
    pub seen: bool,
    pub delivered: Option<String>,
}

/// What a watch's checks came to, for a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CheckCounts {
    pub checks: i64,
    pub not_modified: i64,
    pub same: i64,
    pub boring: i64,
    pub bad: i64,
    pub failed: i64,
    pub flip_flop: i64,
}

const WATCH_SELECT: &str = "SELECT w.id, w.url, w.kind, w.feed_id, f.url, w.story_id, w.title, w.added_at,
    w.published_at, w.every, w.ends_at, w.follow_for, w.webhook, w.state, w.next_check, w.last_checked,
    w.etag, w.last_modified, w.failures, w.note
    FROM watches w LEFT JOIN watches f ON f.id = w.feed_id";

fn watch_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Watch> {
    Ok(Watch {
        id: r.get(0)?,
        url: r.get(1)?,
        kind: WatchKind::parse(&r.get::<_, String>(2)?),
        feed_id: r.get(3)?,
        feed_url: r.get(4)?,
        story_id: r.get(5)?,
        title: r.get(6)?,
        added_at: r.get(7)?,
        published_at: r.get(8)?,
        every: r.get(9)?,
        ends_at: r.get(10)?,
        follow_for: r.get(11)?,
        webhook: r.get(12)?,
        state: WatchState::parse(&r.get::<_, String>(13)?),
        next_check: r.get(14)?,
        last_checked: r.get(15)?,
        etag: r.get(16)?,
        last_modified: r.get(17)?,
        failures: r.get(18)?,
        note: r.get(19)?,
    })
}

const CHANGE_SELECT: &str =
    "SELECT id, watch_id, story_id, url, title, found_at, old_capture, new_capture,
    kind, summary, report, notify, seen, delivered FROM changes";

fn change_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Change> {
    Ok(Change {
        id: r.get(0)?,
        watch_id: r.get(1)?,
        story_id: r.get(2)?,
        url: r.get(3)?,
        title: r.get(4)?,
        found_at: r.get(5)?,
        old_capture: r.get(6)?,
        new_capture: r.get(7)?,
        kind: r.get(8)?,
        summary: r.get(9)?,
        report: r.get(10)?,
        notify: r.get(11)?,
        seen: r.get(12)?,
        delivered: r.get(13)?,
    })
}

/// Real time in milliseconds, for leases and host slots.
fn real_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

impl Store {
    /// Adds a watch; one of the same address is kept as it is (and
    /// returned, with `false`).
    pub fn add_watch(&self, watch: &NewWatch<'_>) -> Result<(Watch, bool)> {
        let url = redact_url(watch.url.trim());
        let added = self
            .conn
            .execute(
                "INSERT INTO watches (url, kind, feed_id, title, added_at, published_at, every, ends_at,
                    follow_for, webhook, state, next_check)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'active', ?11)
                 ON CONFLICT (url) DO NOTHING",
                params![
                    url,
                    watch.kind.as_str(),
                    watch.feed_id,
                    watch.title,
                    watch.added_at,
                    watch.published_at,
                    watch.every,
                    watch.ends_at,
                    watch.follow_for,
                    watch.webhook.map(redact_url),
                    watch.next_check
                ],
            )
            .map_err(|e| self.sql(e))?
            == 1;
        let stored = self
            .watch_by_url(&url)?
            .expect("a watch just added or already there");
        Ok((stored, added))
    }

    pub fn watch(&self, id: i64) -> Result<Option<Watch>> {
        self.conn
            .query_row(&format!("{WATCH_SELECT} WHERE w.id = ?1"), [id], watch_row)
            .optional()
            .map_err(|e| self.sql(e))
    }

    pub fn watch_by_url(&self, url: &str) -> Result<Option<Watch>> {
        self.conn
            .query_row(
                &format!("{WATCH_SELECT} WHERE w.url = ?1"),
                [redact_url(url.trim())],
                watch_row,
            )
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// Every watch: feeds and sitemaps first, then articles, each in the
    /// order added.
    pub fn watches(&self) -> Result<Vec<Watch>> {
        let mut statement = self
            .conn
            .prepare(&format!("{WATCH_SELECT} ORDER BY w.kind = 'article', w.id"))
            .map_err(|e| self.sql(e))?;
        let rows = statement
            .query_map([], watch_row)
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }

    /// Removes a watch (a feed's with the articles it listed); their stories
    /// and versions stay. Returns how many watches went.
    pub fn remove_watch(&self, url: &str) -> Result<usize> {
        let Some(watch) = self.watch_by_url(url)? else {
            return Ok(0);
        };
        let write = || -> rusqlite::Result<usize> {
            let tx = self.conn.unchecked_transaction()?;
            let articles = tx.execute("DELETE FROM watches WHERE feed_id = ?1", [watch.id])?;
            let itself = tx.execute("DELETE FROM watches WHERE id = ?1", [watch.id])?;
            tx.commit()?;
            Ok(articles + itself)
        };
        write().map_err(|e| self.sql(e))
    }

    /// Pauses a watch, or resumes it (due at `next_check`).
    pub fn set_paused(&self, id: i64, paused: bool, next_check: i64) -> Result<()> {
        let sql = if paused {
            "UPDATE watches SET state = 'paused' WHERE id = ?1 AND state != 'ended'"
        } else {
            "UPDATE watches SET state = 'active', next_check = ?2 WHERE id = ?1 AND state = 'paused'"
        };
        self.conn
            .execute(sql, params![id, next_check])
            .map(drop)
            .map_err(|e| self.sql(e))
    }

    /// Claims the watches due at `now` (every one that is not paused or
    /// ended, with `all`) that no other run holds, for `lease_secs` of real
    /// time, in one write transaction; returns them, feeds first, then the
    /// earliest due.
    pub fn claim_due(
        &self,
        now: i64,
        all: bool,
        owner: &str,
        lease_secs: i64,
    ) -> Result<Vec<Watch>> {
        let real = real_ms() / 1000;
        let claim = || -> rusqlite::Result<Vec<Watch>> {
            let watches: Vec<Watch> = {
                let mut statement = self.conn.prepare(&format!(
                    "{WATCH_SELECT} WHERE w.state IN ('active', 'failing')
                     AND (?1 OR w.next_check <= ?2)
                     AND (w.lease_until IS NULL OR w.lease_until < ?3)
                     ORDER BY w.kind = 'article', w.next_check, w.id"
                ))?;
                let rows = statement.query_map(params![all, now, real], watch_row)?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for w in &watches {
                self.conn.execute(
                    "UPDATE watches SET lease_until = ?2, lease_owner = ?3 WHERE id = ?1",
                    params![w.id, real + lease_secs, owner],
                )?;
            }
            Ok(watches)
        };
        self.immediate(claim).map_err(|e| self.sql(e))
    }

    /// Runs `work` in a `BEGIN IMMEDIATE` transaction: it holds the write
    /// lock from its first read, so two runs cannot both read a watch as
    /// free and both claim it.
    fn immediate<T>(&self, work: impl FnOnce() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match work() {
            Ok(value) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(value)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Lets go of a watch claimed but not checked (a run stopping).
    pub fn release(&self, watch_id: i64, owner: &str) -> Result<()> {
        self.conn
            .execute(
                "UPDATE watches SET lease_until = NULL, lease_owner = NULL WHERE id = ?1 AND lease_owner = ?2",
                params![watch_id, owner],
            )
            .map(drop)
            .map_err(|e| self.sql(e))
    }

    /// Keeps what a check found: a row in `checks`, and the watch's new
    /// state, in one transaction; the claim is let go.
    pub fn finish_check(&self, done: &CheckDone<'_>) -> Result<()> {
        let write = || -> rusqlite::Result<()> {
            let tx = self.conn.unchecked_transaction()?;
            tx.execute(
                "INSERT INTO checks (watch_id, at, outcome, status, capture_id, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    done.watch_id,
                    done.at,
                    done.outcome,
                    done.status,
                    done.capture_id,
                    done.note
                ],
            )?;
            tx.execute(
                "UPDATE watches SET last_checked = ?2, next_check = ?3, state = ?4, failures = ?5,
                    etag = coalesce(?6, etag), last_modified = coalesce(?7, last_modified),
                    story_id = coalesce(?8, story_id), title = coalesce(?9, title),
                    published_at = coalesce(published_at, ?10), note = ?11,
                    lease_until = NULL, lease_owner = NULL
                 WHERE id = ?1",
                params![
                    done.watch_id,
                    done.at,
                    done.next_check,
                    done.state.as_str(),
                    done.failures,
                    done.etag,
                    done.last_modified,
                    done.story_id,
                    done.title,
                    done.published_at,
                    done.note
                ],
            )?;
            tx.commit()
        };
        write().map_err(|e| self.sql(e))
    }

    /// How a watch's checks came out, counted.
    pub fn check_counts(&self, watch_id: i64) -> Result<CheckCounts> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT outcome, count(*) FROM checks WHERE watch_id = ?1 GROUP BY outcome",
            )
            .map_err(|e| self.sql(e))?;
        let rows = statement
            .query_map([watch_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })
            .map_err(|e| self.sql(e))?;
        let mut counts = CheckCounts::default();
        for row in rows {
            let (outcome, n) = row.map_err(|e| self.sql(e))?;
            counts.checks += n;
            match outcome.as_str() {
                "not_modified" => counts.not_modified += n,
                "same" => counts.same += n,
                "boring" => counts.boring += n,
                "bad" => counts.bad += n,
                "failed" => counts.failed += n,
                "flip_flop" => counts.flip_flop += n,
                _ => {}
            }
        }
        Ok(counts)
    }

    /// Keeps a change found by watching; returns its id.
    pub fn add_change(&self, change: &NewChange<'_>) -> Result<i64> {
        self.conn
            .execute(
                "INSERT INTO changes (watch_id, story_id, url, title, found_at, old_capture, new_capture,
                    kind, summary, report, notify)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    change.watch_id,
                    change.story_id,
                    redact_url(change.url),
                    change.title,
                    change.found_at,
                    change.old_capture,
                    change.new_capture,
                    change.kind,
                    change.summary,
                    change.report,
                    change.notify
                ],
            )
            .map_err(|e| self.sql(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The changes found, newest first: of one story (by its address) or
    /// of all, at most `limit`.
    pub fn changes(&self, story_url: Option<&str>, limit: usize) -> Result<Vec<Change>> {
        let (condition, key) = match story_url {
            Some(url) => ("WHERE url = ?1", redact_url(url.trim())),
            None => ("WHERE ?1 = ?1", String::new()),
        };
        let mut statement = self
            .conn
            .prepare(&format!(
                "{CHANGE_SELECT} {condition} ORDER BY found_at DESC, id DESC LIMIT ?2"
            ))
            .map_err(|e| self.sql(e))?;
        let rows = statement
            .query_map(params![key, limit as i64], change_row)
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }

    /// Whether a change between these two articles (by the captures of
    /// their first versions) was told before: a flip-flop's later swings
    /// are not told again.
    pub fn change_told(&self, story_id: i64, from: &[i64], to: &[i64]) -> Result<bool> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT old_capture, new_capture FROM changes WHERE story_id = ?1 AND notify = 1",
            )
            .map_err(|e| self.sql(e))?;
        let rows = statement
            .query_map([story_id], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })
            .map_err(|e| self.sql(e))?;
        for row in rows {
            let (old, new) = row.map_err(|e| self.sql(e))?;
            if from.contains(&old) && to.contains(&new) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Marks changes as seen (the app's badge counts the others).
    pub fn mark_seen(&self, ids: &[i64]) -> Result<()> {
        for id in ids {
            self.conn
                .execute("UPDATE changes SET seen = 1 WHERE id = ?1", [id])
                .map_err(|e| self.sql(e))?;
        }
        Ok(())
    }

    /// Notes how a change's webhook went.
    pub fn set_delivered(&self, id: i64, outcome: &str) -> Result<()> {
        self.conn
            .execute(
                "UPDATE changes SET delivered = ?2 WHERE id = ?1",
                params![id, outcome],
            )
            .map(drop)
            .map_err(|e| self.sql(e))
    }

    /// Books the next request to `host`, at least `interval_ms` after the
    /// last one booked by any process; returns how many milliseconds to
    /// wait before sending it.
    pub fn host_slot(&self, host: &str, interval_ms: i64) -> Result<i64> {
        let now = real_ms();
        let book = || -> rusqlite::Result<i64> {
            let next: Option<i64> = self
                .conn
                .query_row(
                    "SELECT next_slot_ms FROM hosts WHERE host = ?1",
                    [host],
                    |r| r.get(0),
                )
                .optional()?;
            let slot = next.unwrap_or(now).max(now);
            self.conn.execute(
                "INSERT INTO hosts (host, next_slot_ms) VALUES (?1, ?2)
                 ON CONFLICT (host) DO UPDATE SET next_slot_ms = ?2",
                params![host, slot + interval_ms],
            )?;
            Ok(slot - now)
        };
        self.immediate(book).map_err(|e| self.sql(e))
    }

    /// A host's backoff: until when (schedule clock) it is left alone, how
    /// many failures in a row, and why.
    pub fn host_backoff(&self, host: &str) -> Result<Option<(i64, i64, Option<String>)>> {
        self.conn
            .query_row(
                "SELECT backoff_until, failures, reason FROM hosts WHERE host = ?1 AND backoff_until IS NOT NULL",
                [host],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// Sets a host's backoff (after a failure), or clears it (`None`, after
    /// an answer).
    pub fn set_host_backoff(&self, host: &str, backoff: Option<(i64, i64, &str)>) -> Result<()> {
        let now = real_ms();
        let result = match backoff {
            Some((until, failures, reason)) => self.conn.execute(
                "INSERT INTO hosts (host, next_slot_ms, failures, backoff_until, reason) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (host) DO UPDATE SET failures = ?3, backoff_until = ?4, reason = ?5",
                params![host, now, failures, until, reason],
            ),
            None => self.conn.execute(
                "UPDATE hosts SET failures = 0, backoff_until = NULL, reason = NULL WHERE host = ?1",
                [host],
            ),
        };
        result.map(drop).map_err(|e| self.sql(e))
    }

    /// How many good versions a story has (for a watch list).
    pub fn version_count(&self, story_id: i64) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT count(*) FROM captures c JOIN versions v ON v.capture_id = c.id
                 WHERE c.story_id = ?1 AND v.bad = 0 AND v.document IS NOT NULL",
                [story_id],
                |r| r.get(0),
            )
            .map_err(|e| self.sql(e))
    }

    /// The SHA-256 of a story's latest good version's bytes: a check whose
    /// page has the same bytes is the same article, and reads nothing.
    pub fn latest_good_body(&self, story_id: i64) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT c.body_sha256 FROM captures c JOIN versions v ON v.capture_id = c.id
                 WHERE c.story_id = ?1 AND v.bad = 0 AND v.document IS NOT NULL
                 ORDER BY c.captured_at DESC, c.id DESC LIMIT 1",
                [story_id],
                |r| r.get(0),
            )
            .optional()
            .map(Option::flatten)
            .map_err(|e| self.sql(e))
    }

    /// Puts off a claimed watch without checking it (its host asked to be
    /// left alone until `until`), and lets go of it.
    pub fn postpone(&self, watch_id: i64, until: i64, note: &str) -> Result<()> {
        self.conn
            .execute(
                "UPDATE watches SET next_check = max(next_check, ?2), note = ?3,
                    lease_until = NULL, lease_owner = NULL WHERE id = ?1",
                params![watch_id, until, note],
            )
            .map(drop)
            .map_err(|e| self.sql(e))
    }

    /// When the next watch is due, if any is active.
    pub fn next_due(&self) -> Result<Option<i64>> {
        self.conn
            .query_row(
                "SELECT min(next_check) FROM watches WHERE state IN ('active', 'failing')",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.sql(e))
    }
}
