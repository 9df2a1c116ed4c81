//! Watch mode: stories and feeds the app checks on its own while it is
//! open, and the changes it finds.
//!
//! The checking is `storydiff-watch`'s, on the store the command line
//! shares: a watch added here is checked by a `storydiff watch run` timer
//! too, and the two never check one page at once (the store's claims). A
//! Rust task on Tauri's runtime ([`start`]) runs a pass whenever a watch is
//! due, not a timer in the webview (which a hidden window throttles). Each
//! change it tells is sent to the window (`watch-change`) and shown as a
//! desktop notification with the headline and the quotable line.

use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use storydiff_store::{Store, Watch, WatchState};
use storydiff_watch::{clock, schedule, AddOptions, Added, RunOptions, Told};
use tauri::{Emitter, Manager};
use tokio::sync::Notify;

use crate::error::Error;

/// The background task's bell: rung when a watch was added, so that a
/// feed's articles are read at once.
#[derive(Default)]
pub struct Watcher {
    wake: Arc<Notify>,
}

/// The longest the background task sleeps: a watch another process added
/// is picked up within this.
const MAX_SLEEP: Duration = Duration::from_secs(60);

/// One watch as the Watch tab lists it.
#[derive(Debug, Clone, Serialize)]
pub struct WatchView {
    pub id: i64,
    pub url: String,
    /// `article`, `feed` or `sitemap`.
    pub kind: &'static str,
    pub feed: Option<String>,
    pub title: Option<String>,
    /// `active`, `paused`, `failing` or `ended`.
    pub state: &'static str,
    pub last_checked: Option<String>,
    pub next_check: Option<String>,
    pub versions: i64,
    pub last_change: Option<String>,
    /// Changes found and not yet seen in the window.
    pub unseen: usize,
    pub note: Option<String>,
    pub story_id: Option<i64>,
}

/// One change found, as the Watch tab lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    pub id: i64,
    pub url: String,
    pub title: Option<String>,
    pub found_at: String,
    pub summary: String,
    /// `changed` or `reverted`.
    pub kind: String,
    pub story_id: i64,
    pub old_capture: i64,
    pub new_capture: i64,
    pub seen: bool,
}

/// The Watch tab: the watches, and the changes found (newest first).
#[derive(Debug, Clone, Serialize)]
pub struct WatchBoard {
    pub watches: Vec<WatchView>,
    pub changes: Vec<ChangeView>,
    pub unseen: usize,
}

/// Changes the tab lists at most.
const CHANGES_SHOWN: usize = 200;

fn board(store: &Store) -> Result<WatchBoard, Error> {
    let changes: Vec<storydiff_store::Change> = store
        .changes(None, CHANGES_SHOWN)
        .map_err(Error::Store)?
        .into_iter()
        .filter(|c| c.notify)
        .collect();
    let mut watches = Vec::new();
    for w in store.watches().map_err(Error::Store)? {
        watches.push(view(store, &w, &changes)?);
    }
    Ok(WatchBoard {
        unseen: changes.iter().filter(|c| !c.seen).count(),
        changes: changes
            .into_iter()
            .map(|c| ChangeView {
                id: c.id,
                url: c.url,
                title: c.title,
                found_at: clock::rfc3339(c.found_at),
                summary: c.summary,
                kind: c.kind,
                story_id: c.story_id,
                old_capture: c.old_capture,
                new_capture: c.new_capture,
                seen: c.seen,
            })
            .collect(),
        watches,
    })
}

fn view(store: &Store, w: &Watch, changes: &[storydiff_store::Change]) -> Result<WatchView, Error> {
    let mine: Vec<&storydiff_store::Change> = changes.iter().filter(|c| c.url == w.url).collect();
    Ok(WatchView {
        id: w.id,
        url: w.url.clone(),
        kind: w.kind.as_str(),
        feed: w.feed_url.clone(),
        title: w.title.clone(),
        state: w.state.as_str(),
        last_checked: w.last_checked.map(clock::rfc3339),
        next_check: matches!(w.state, WatchState::Active | WatchState::Failing)
            .then(|| clock::rfc3339(w.next_check)),
        versions: match w.story_id {
            Some(id) => store.version_count(id).map_err(Error::Store)?,
            None => 0,
        },
        last_change: mine.first().map(|c| clock::rfc3339(c.found_at)),
        unseen: mine.iter().filter(|c| !c.seen).count(),
        note: w.note.clone(),
        story_id: w.story_id,
    })
}

/// Runs `work` with the store open on the blocking pool; `work` is also
/// given the data folder, for the watcher's own connections.
async fn with_store<T: Send + 'static>(
    app: &tauri::AppHandle,
    work: impl FnOnce(&Store, &std::path::Path) -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    let dir = crate::data::data_dir(app)?;
    let folder = dir.clone();
    crate::history::with_store(dir, move |store| work(store, &folder)).await
}

/// What the Watch tab shows.
#[tauri::command]
pub async fn watch_board(app: tauri::AppHandle) -> Result<WatchBoard, Error> {
    with_store(&app, |store, _| board(store)).await
}

/// Watches an address (an article, a feed or a sitemap: told from what it
/// serves); `every` is a duration ("15m", "1h") or none for the schedule
/// by age.
#[tauri::command]
pub async fn watch_add(
    app: tauri::AppHandle,
    state: tauri::State<'_, Watcher>,
    address: String,
    every: Option<String>,
) -> Result<WatchBoard, Error> {
    let address = address.trim().to_string();
    if address.is_empty() {
        return Err(Error::History(
            "Type the address of an article, a feed or a sitemap (https://…) to watch it."
                .to_string(),
        ));
    }
    let every = match every.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        Some(text) => Some(schedule::parse_duration(text).map_err(Error::History)?),
        None => None,
    };
    let wake = state.wake.clone();
    let result = with_store(&app, move |_, dir| {
        let options = AddOptions {
            every,
            host_interval: RunOptions::default().host_interval,
            ..AddOptions::default()
        };
        match storydiff_watch::add(dir, &address, &options, clock::now()) {
            Ok(Added::New { .. } | Added::Already(_)) => {
                let store = Store::open_in(dir).map_err(Error::Store)?;
                board(&store)
            }
            Err(e) => Err(Error::History(e.to_string())),
        }
    })
    .await;
    // A feed's articles are due at once.
    wake.notify_one();
    result
}

/// Stops watching an address (a feed with its articles); what was kept stays.
#[tauri::command]
pub async fn watch_remove(app: tauri::AppHandle, url: String) -> Result<WatchBoard, Error> {
    with_store(&app, move |store, _| {
        store.remove_watch(&url).map_err(Error::Store)?;
        board(store)
    })
    .await
}

/// Pauses a watch, or resumes it.
#[tauri::command]
pub async fn watch_pause(
    app: tauri::AppHandle,
    url: String,
    paused: bool,
) -> Result<WatchBoard, Error> {
    with_store(&app, move |store, _| {
        if let Some(w) = store.watch_by_url(&url).map_err(Error::Store)? {
            store
                .set_paused(w.id, paused, clock::now())
                .map_err(Error::Store)?;
        }
        board(store)
    })
    .await
}

/// Marks changes as seen (the badge counts the others).
#[tauri::command]
pub async fn watch_seen(app: tauri::AppHandle, ids: Vec<i64>) -> Result<WatchBoard, Error> {
    with_store(&app, move |store, _| {
        store.mark_seen(&ids).map_err(Error::Store)?;
        board(store)
    })
    .await
}

/// Checks every watch now, whatever the schedule; returns the board after.
#[tauri::command]
pub async fn watch_check_all(app: tauri::AppHandle) -> Result<WatchBoard, Error> {
    let emitter = app.clone();
    with_store(&app, move |store, dir| {
        let options = RunOptions {
            all: true,
            ..RunOptions::default()
        };
        let stop = AtomicBool::new(false);
        storydiff_watch::run_pass(dir, clock::now(), &options, &stop, &|told: &Told| {
            tell(&emitter, told)
        })
        .map_err(|e| Error::History(e.to_string()))?;
        board(store)
    })
    .await
}

/// What the window is sent when a change is told.
#[derive(Debug, Clone, Serialize)]
struct ChangeEvent {
    id: i64,
    url: String,
    title: Option<String>,
    summary: String,
}

/// Tells the window and the desktop of a change found (not of a
/// flip-flop's later swings).
fn tell(app: &tauri::AppHandle, told: &Told) {
    if !told.found.notify {
        return;
    }
    let event = ChangeEvent {
        id: told.change_id,
        url: told.found.url.clone(),
        title: told.found.title.clone(),
        summary: told.found.summary(),
    };
    let _ = app.emit("watch-change", &event);
    notify_desktop(app, &event);
}

#[cfg(not(test))]
fn notify_desktop(app: &tauri::AppHandle, event: &ChangeEvent) {
    use tauri_plugin_notification::NotificationExt;
    // A desktop without a notification service just goes without.
    let _ = app
        .notification()
        .builder()
        .title(event.title.as_deref().unwrap_or(&event.url))
        .body(&event.summary)
        .show();
}

#[cfg(test)]
fn notify_desktop(_app: &tauri::AppHandle, _event: &ChangeEvent) {}

/// Starts the background task: a pass whenever a watch is due (or when
/// woken), changes told as they are found.
pub fn start(app: &tauri::AppHandle) {
    let app = app.clone();
    let wake = app.state::<Watcher>().wake.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            let emitter = app.clone();
            let pass = with_store(&app, move |store, dir| {
                let stop = AtomicBool::new(false);
                storydiff_watch::run_pass(
                    dir,
                    clock::now(),
                    &RunOptions::default(),
                    &stop,
                    &|told: &Told| tell(&emitter, told),
                )
                .map_err(|e| Error::History(e.to_string()))?;
                store.next_due().map_err(Error::Store)
            })
            .await;
            let sleep = match pass {
                Ok(Some(next)) => Duration::from_secs((next - clock::now()).clamp(1, 60) as u64),
                _ => MAX_SLEEP,
            };
            let _ = app.emit("watch-pass", ());
            tokio::select! {
                _ = tokio::time::sleep(sleep) => {}
                _ = wake.notified() => {}
            }
        }
    });
}
