//! Being told: what a change found says, sent to a webhook and read back
//! as an Atom feed.
//!
//! Only changes are told. A story's first version, a check that found the
//! same article, a boring version, a bad capture and a flip-flop's later
//! swings tell no one.
//!
//! The webhook gets a `POST` of JSON ([`report`], documented in
//! `docs/json.md`) with a 10-second timeout, three retries with a growing
//! wait (1, 2 and 4 s), and no redirect followed. How it went is kept with
//! the change.

use std::time::Duration;

use serde::Serialize;
use storydiff_engine::{Change, ChangeKind, Flag, Stats};
use storydiff_store::Store;

use crate::check::Found;
use crate::clock;

/// The changes a webhook is sent at most (the first, in reading order).
pub const CHANGES_SENT: usize = 20;

/// How long a webhook may take to answer.
pub const WEBHOOK_TIMEOUT: Duration = Duration::from_secs(10);

/// Waits before each retry of a webhook that failed.
pub const RETRY_WAITS: [Duration; 3] = [
    Duration::from_secs(1),
    Duration::from_secs(2),
    Duration::from_secs(4),
];

/// One version as a report names it.
#[derive(Debug, Clone, Serialize)]
pub struct VersionRef {
    pub captured_at: String,
    /// What `storydiff compare` accepts to reopen it (`version:42`).
    pub token: String,
}

/// A passage whose edits touch a figure, a name or a quote.
#[derive(Debug, Clone, Serialize)]
pub struct Flagged {
    pub flags: Vec<Flag>,
    pub old_text: String,
    pub new_text: String,
}

/// What is told of a change: the webhook's body, kept with the change.
#[derive(Debug, Clone, Serialize)]
pub struct Report<'a> {
    pub url: &'a str,
    pub story_title: Option<&'a str>,
    pub found_at: String,
    /// `changed`, or `reverted` (back to an earlier version's article).
    pub kind: &'static str,
    /// For a revert: when the version it went back to was captured.
    pub reverted_to: Option<&'a str>,
    pub old: VersionRef,
    pub new: VersionRef,
    /// The comparison's quotable line.
    pub summary: String,
    pub stats: &'a Stats,
    /// The passages whose edits touch a figure, a name or a quote.
    pub flags: Vec<Flagged>,
    /// The first changes, as in the comparison's JSON.
    pub changes: Vec<&'a Change>,
}

/// The report of a change found.
pub fn report(found: &Found) -> Report<'_> {
    let changes: Vec<&Change> = found
        .comparison
        .changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Unchanged && !c.boilerplate)
        .collect();
    Report {
        url: &found.url,
        story_title: found.title.as_deref(),
        found_at: clock::rfc3339(found.found_at),
        kind: if found.reverted_to.is_some() {
            "reverted"
        } else {
            "changed"
        },
        reverted_to: found.reverted_to.as_deref(),
        old: VersionRef {
            captured_at: found.old_captured_at.clone(),
            token: format!(
                "{}{}",
                storydiff_sources::story::TOKEN_PREFIX,
                found.old_capture
            ),
        },
        new: VersionRef {
            captured_at: found.new_captured_at.clone(),
            token: format!(
                "{}{}",
                storydiff_sources::story::TOKEN_PREFIX,
                found.new_capture
            ),
        },
        summary: found.summary(),
        stats: &found.comparison.stats,
        flags: changes
            .iter()
            .filter(|c| !c.flags.is_empty())
            .map(|c| Flagged {
                flags: c.flags.clone(),
                old_text: c.old_text.clone(),
                new_text: c.new_text.clone(),
            })
            .collect(),
        changes: changes.into_iter().take(CHANGES_SENT).collect(),
    }
}

/// Posts a change's report to a webhook, retrying as the module says;
/// returns how it went, in words for the store and the user.
pub async fn deliver(webhook: &str, body: &[u8]) -> Result<String, String> {
    let mut last = String::new();
    for attempt in 0..=RETRY_WAITS.len() {
        if attempt > 0 {
            tokio::time::sleep(RETRY_WAITS[attempt - 1]).await;
        }
        match storydiff_web::post_json(webhook, body, WEBHOOK_TIMEOUT).await {
            Ok(()) => return Ok(format!("delivered (attempt {})", attempt + 1)),
            // An address that is no webhook, or one that moved, stays so.
            Err(e) if matches!(e.kind(), "bad_url" | "redirect") => {
                return Err(format!("not delivered: {e}"))
            }
            Err(e) => last = e.to_string(),
        }
    }
    Err(format!(
        "not delivered after {} tries: {last}",
        RETRY_WAITS.len() + 1
    ))
}

/// Keeps a change found and tells its webhook, if it has one and the change
/// is to be told; returns the change's id in the store.
pub async fn keep_and_tell(store: &Store, found: &Found, webhook: Option<&str>) -> Option<i64> {
    let report = report(found);
    let body = serde_json::to_vec(&report).expect("a report serialises");
    let summary = found.summary();
    let id = store
        .add_change(&storydiff_store::NewChange {
            watch_id: found.watch_id,
            story_id: found.story_id,
            url: &found.url,
            title: found.title.as_deref(),
            found_at: found.found_at,
            old_capture: found.old_capture,
            new_capture: found.new_capture,
            kind: report.kind,
            summary: &summary,
            report: std::str::from_utf8(&body).expect("JSON is UTF-8"),
            notify: found.notify,
        })
        .ok()?;
    if let (true, Some(webhook)) = (found.notify, webhook) {
        let outcome = match deliver(webhook, &body).await {
            Ok(ok) => ok,
            Err(failed) => failed,
        };
        let _ = store.set_delivered(id, &outcome);
    }
    Some(id)
}
