//! History mode: one story's versions over time.
//!
//! Everything here calls the crates: [`storydiff_sources::story`] lists,
//! fetches and stores the versions (Wayback CDX and `id_` replays, Memento
//! TimeMaps, pages fetched before, the live page, local files) in the
//! SQLite store ([`storydiff_store`], `storydiff.db` in the data folder the
//! app shares with the command line: [`crate::data`]);
//! [`storydiff_engine::history`] says which versions changed the
//! article and where each sentence comes from. A pair of versions becomes
//! the side-by-side view through [`crate::commands::open_documents`], as
//! every other pair does.
//!
//! The store's connection is not shared between threads, so each command
//! opens it on the blocking pool and drives any network work there on a
//! runtime of its own. An import can be cancelled ([`cancel_import`]): what
//! it had stored stays, and the next import resumes.

use std::path::PathBuf;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use storydiff_engine::history::sentence_history as engine_sentence_history;
use storydiff_engine::{DiffSegment, Document, Options};
use storydiff_sources::story::{self, Checked, HistoryOptions, Progress, StoryFile, StoryVersion};
use storydiff_store::Store;
use storydiff_web::archive::{ArchiveOptions, DEFAULT_LIMIT, MEMENTO_TIMEMAPS, WAYBACK_BASE};
use storydiff_web::FetchOptions;
use tauri::Emitter;

use crate::commands::open_documents;
use crate::error::Error;
use crate::offload::off_ui_thread;
use crate::shown::Opened;

/// Where the archives are, read once at start. `STORYDIFF_ARCHIVE_BASE`
/// replaces the Wayback Machine's address (CDX queries and replays) and
/// `STORYDIFF_TIMEMAPS` the Memento TimeMap prefixes (comma-separated, or
/// `none`), so that tests run against a local archive server.
#[derive(Debug, Clone)]
pub struct HistoryConfig {
    pub wayback_base: Option<String>,
    pub timemaps: Vec<String>,
}

impl HistoryConfig {
    pub fn from_env() -> HistoryConfig {
        HistoryConfig::from_vars(
            std::env::var("STORYDIFF_ARCHIVE_BASE").ok(),
            std::env::var("STORYDIFF_TIMEMAPS").ok(),
        )
    }

    fn from_vars(base: Option<String>, timemaps: Option<String>) -> HistoryConfig {
        let wayback_base = match base.as_deref().map(str::trim) {
            Some("none") => None,
            Some(b) if !b.is_empty() => Some(b.trim_end_matches('/').to_string()),
            _ => Some(WAYBACK_BASE.to_string()),
        };
        let timemaps = match timemaps.as_deref().map(str::trim) {
            Some("none") => Vec::new(),
            Some(list) if !list.is_empty() => list
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
            _ => MEMENTO_TIMEMAPS.iter().map(|s| s.to_string()).collect(),
        };
        HistoryConfig {
            wayback_base,
            timemaps,
        }
    }
}

/// The import in progress, so that Cancel, or a newer import, can stop it.
#[derive(Default)]
pub struct HistoryState {
    running: Mutex<Option<tokio::sync::oneshot::Sender<()>>>,
}

/// One version as the timeline shows it.
#[derive(Debug, Clone, Serialize)]
pub struct VersionView {
    /// The stored capture's id (its token is `version:<id>`).
    pub id: i64,
    pub token: String,
    pub captured_at: String,
    /// `wayback`, `memento`, `fetched` or `file`.
    pub origin: &'static str,
    /// The archive's host, for `wayback` and `memento`.
    pub archive: Option<String>,
    /// Whether the article differs from the previous good version's.
    pub article_changed: bool,
    /// Word similarity with the previous good version, 0 to 1.
    pub similarity: Option<f64>,
    pub title: Option<String>,
    pub words: usize,
    pub note: Option<String>,
    /// A bad capture (paywall, consent, CAPTCHA or error page, redirect).
    pub bad: bool,
    /// The page's address, or the file's path.
    pub url: String,
}

impl VersionView {
    fn of(v: &StoryVersion) -> VersionView {
        let version = v.capture.version.as_ref();
        VersionView {
            id: v.capture.id,
            token: v.token(),
            captured_at: v.capture.captured_at.clone(),
            origin: v.capture.origin.as_str(),
            archive: v.capture.archive.clone(),
            article_changed: v.change.article_changed,
            similarity: v.change.similarity,
            title: version.and_then(|v| v.title.clone()),
            words: version.map_or(0, |v| v.words),
            note: v.note.clone(),
            bad: v.bad,
            url: v.capture.url.clone(),
        }
    }
}

/// A story ready to show: its versions oldest first (bad captures
/// included, marked), and what went wrong without stopping the import.
#[derive(Debug, Clone, Serialize)]
pub struct StoryOpened {
    pub story_id: i64,
    /// The page's address, or the name of a story made of files.
    pub url: String,
    pub versions: Vec<VersionView>,
    pub warnings: Vec<String>,
    /// Captures the archives listed in this import, and fetched in it.
    pub listed: usize,
    pub fetched: usize,
}

/// How an import is going (`history-progress` events).
#[derive(Debug, Clone, Serialize)]
pub struct HistoryProgress {
    /// `listing` (asking an archive), `fetching` (reading a capture) or `live`.
    pub stage: &'static str,
    pub archive: Option<String>,
    /// Captures read so far, of `total`.
    pub done: usize,
    pub total: usize,
    pub captured_at: Option<String>,
}

impl HistoryProgress {
    fn of(p: Progress) -> HistoryProgress {
        match p {
            Progress::Listing { archive } => HistoryProgress {
                stage: "listing",
                archive: Some(archive),
                done: 0,
                total: 0,
                captured_at: None,
            },
            Progress::Fetching {
                done,
                total,
                archive,
                captured_at,
            } => HistoryProgress {
                stage: "fetching",
                archive: Some(archive),
                done,
                total,
                captured_at: Some(captured_at),
            },
            Progress::Live => HistoryProgress {
                stage: "live",
                archive: None,
                done: 0,
                total: 0,
                captured_at: None,
            },
        }
    }
}

/// Runs `work` with the store open, on the blocking pool.
pub(crate) async fn with_store<T: Send + 'static>(
    dir: PathBuf,
    work: impl FnOnce(&Store) -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    off_ui_thread(move || {
        let store = Store::open_in(&dir).map_err(Error::Store)?;
        work(&store)
    })
    .await
}

/// Drives network work on the blocking thread that holds the store.
fn block_on<F: std::future::Future>(future: F) -> Result<F::Output, Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Internal(format!("no runtime for the import: {e}")))?;
    Ok(runtime.block_on(future))
}

fn opened(store: &Store, story_id: i64, url: String) -> Result<StoryOpened, Error> {
    let versions = story::versions(store, story_id, true).map_err(Error::Story)?;
    Ok(StoryOpened {
        story_id,
        url,
        versions: versions.iter().map(VersionView::of).collect(),
        warnings: Vec::new(),
        listed: 0,
        fetched: 0,
    })
}

fn story_key(store: &Store, story_id: i64) -> Result<String, Error> {
    store
        .stories()
        .map_err(Error::Store)?
        .into_iter()
        .find(|s| s.id == story_id)
        .map(|s| s.key)
        .ok_or_else(|| Error::History(format!("No stored story number {story_id}.")))
}

/// Lists, fetches and stores the versions of the page at `address` (or of
/// a Wayback address of it): archives, pages fetched before, and with
/// `now` the live page. Sends `history-progress` events; Cancel or a newer
/// import stops it (answering `cancelled`), keeping what was stored.
#[tauri::command]
pub async fn import_story(
    app: tauri::AppHandle,
    config: tauri::State<'_, HistoryConfig>,
    state: tauri::State<'_, HistoryState>,
    address: String,
    limit: Option<usize>,
    now: Option<bool>,
) -> Result<StoryOpened, Error> {
    let address = address.trim().to_string();
    if address.is_empty() {
        return Err(Error::History(
            "Type the article's address (https://…) to read its history.".to_string(),
        ));
    }
    let dir = crate::data::data_dir(&app)?;
    let options = HistoryOptions {
        archives: ArchiveOptions {
            wayback_base: config.wayback_base.clone(),
            timemaps: config.timemaps.clone(),
            limit: limit.unwrap_or(DEFAULT_LIMIT).max(1),
            ..ArchiveOptions::default()
        },
        now: now.unwrap_or(false),
        // The same bound as the command line's: what is left is read by
        // the next import.
        max_time: Some(std::time::Duration::from_secs(15 * 60)),
        ..HistoryOptions::default()
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    if let Some(previous) = state.running.lock().expect("history lock").replace(stop) {
        let _ = previous.send(());
    }
    let emitter = app.clone();
    with_store(dir, move |store| {
        let mut progress = move |p: Progress| {
            // Progress is a courtesy: a window that is gone need not hear it.
            let _ = emitter.emit("history-progress", HistoryProgress::of(p));
        };
        let imported = block_on(async {
            tokio::select! {
                imported = story::import(store, &address, &options, &mut progress) => Some(imported),
                _ = stopped => None,
            }
        })?
        .ok_or(Error::Cancelled)?
        .map_err(Error::Story)?;
        let mut shown = opened(store, imported.story_id, imported.url.clone())?;
        if shown.versions.is_empty() {
            let why = if imported.warnings.is_empty() {
                "the archives asked hold no capture of it, and it was never fetched. Try \"Check for a new version\" to fetch it now.".to_string()
            } else {
                imported.warnings.join(" ")
            };
            return Err(Error::History(format!(
                "{}: no version of this page could be listed: {why}",
                imported.url
            )));
        }
        shown.warnings = imported.warnings;
        shown.listed = imported.listed;
        shown.fetched = imported.fetched;
        Ok(shown)
    })
    .await
}

/// Stops the import in progress; `import_story` then answers `cancelled`.
#[tauri::command]
pub fn cancel_import(state: tauri::State<'_, HistoryState>) {
    if let Some(stop) = state.running.lock().expect("history lock").take() {
        let _ = stop.send(());
    }
}

/// A stored story, as the list of stories shows it.
#[derive(Debug, Clone, Serialize)]
pub struct StorySummary {
    pub story_id: i64,
    pub url: String,
    pub versions: usize,
}

/// The stories this computer has stored, the newest first.
#[tauri::command]
pub async fn stored_stories(app: tauri::AppHandle) -> Result<Vec<StorySummary>, Error> {
    with_store(crate::data::data_dir(&app)?, |store| {
        let mut out = Vec::new();
        for s in store.stories().map_err(Error::Store)? {
            let versions = story::versions(store, s.id, false)
                .map_err(Error::Story)?
                .len();
            if versions > 0 {
                out.push(StorySummary {
                    story_id: s.id,
                    url: s.key,
                    versions,
                });
            }
        }
        Ok(out)
    })
    .await
}

/// A stored story's versions, read offline.
#[tauri::command]
pub async fn open_story(app: tauri::AppHandle, story_id: i64) -> Result<StoryOpened, Error> {
    with_store(crate::data::data_dir(&app)?, move |store| {
        let url = story_key(store, story_id)?;
        opened(store, story_id, url)
    })
    .await
}

/// Two stored versions compared, shown side by side as any pair is.
#[tauri::command]
pub async fn story_pair(
    app: tauri::AppHandle,
    from: i64,
    to: i64,
    options: Option<Options>,
) -> Result<Opened, Error> {
    let (old, new) = with_store(crate::data::data_dir(&app)?, move |store| {
        Ok((stored_document(store, from)?, stored_document(store, to)?))
    })
    .await?;
    open_documents(&app, old, new, options.unwrap_or_default(), Vec::new()).await
}

fn stored_document(store: &Store, id: i64) -> Result<Document, Error> {
    story::load_token(store, &format!("{}{id}", story::TOKEN_PREFIX))
        .map_err(Error::Story)?
        .ok_or_else(|| Error::History(format!("No stored version number {id}.")))
}

/// What "Check for a new version" found, and the story as it now stands.
#[derive(Debug, Clone, Serialize)]
pub struct CheckOutcome {
    /// `added`, `unchanged` or `bad`.
    pub state: &'static str,
    /// What to tell the reader.
    pub message: String,
    /// The new version's id, when one was added.
    pub added: Option<i64>,
    pub story: StoryOpened,
}

/// Fetches the story's page now and adds a version only if its article
/// changed since the latest stored version.
#[tauri::command]
pub async fn check_new_version(
    app: tauri::AppHandle,
    story_id: i64,
) -> Result<CheckOutcome, Error> {
    with_store(crate::data::data_dir(&app)?, move |store| {
        let url = story_key(store, story_id)?;
        if storydiff_web::check_url(&url).is_err() {
            return Err(Error::History(format!(
                "{url}: a story made of files has no page to fetch. Drop the newer file on the window to add it."
            )));
        }
        let checked = block_on(story::check_now(store, &url, &FetchOptions::default()))?
            .map_err(Error::Story)?;
        let (state, message, added) = match checked {
            Checked::Added {
                capture_id,
                fetched_at,
            } => (
                "added",
                format!("The article changed: a new version fetched {fetched_at} was added."),
                Some(capture_id),
            ),
            Checked::Unchanged { fetched_at } => (
                "unchanged",
                format!("No change in the article since the latest version (checked {fetched_at}). Nothing was added."),
                None,
            ),
            Checked::Bad { fetched_at, note } => (
                "bad",
                format!("The page fetched {fetched_at} holds no article ({note}). Nothing was added."),
                None,
            ),
        };
        Ok(CheckOutcome {
            state,
            message,
            added,
            story: opened(store, story_id, url)?,
        })
    })
    .await
}

/// What an evidence export wrote, for the notice.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceSaved {
    pub path: String,
    pub message: String,
}

/// Writes the story's stored versions and their comparisons as a WACZ at
/// `path` (what `storydiff warc export URL --wacz FILE` writes).
#[tauri::command]
pub async fn export_evidence(
    app: tauri::AppHandle,
    story_id: i64,
    path: PathBuf,
) -> Result<EvidenceSaved, Error> {
    with_store(crate::data::data_dir(&app)?, move |store| {
        let url = story_key(store, story_id)?;
        let done = storydiff_sources::evidence::export(
            store,
            &url,
            &path,
            storydiff_sources::evidence::Package::Wacz,
        )
        .map_err(Error::Story)?;
        Ok(EvidenceSaved {
            path: path.display().to_string(),
            message: format!(
                "Saved {}: {} captures, {} versions from archives or files, {} comparisons. ReplayWeb.page and pywb open it.",
                path.display(),
                done.responses + done.revisits,
                done.resources,
                done.comparisons
            ),
        })
    })
    .await
}

/// One sentence of a version and where its wording comes from (the
/// engine's sentence history, with versions named by id and time).
#[derive(Debug, Clone, Serialize)]
pub struct SentenceView {
    pub paragraph: usize,
    pub text: String,
    /// The version in which the sentence first read as it does now.
    pub since: i64,
    pub since_captured_at: String,
    /// Earlier wordings, oldest first.
    pub earlier: Vec<EarlierView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EarlierView {
    pub text: String,
    pub since: i64,
    pub since_captured_at: String,
    /// The version that changed it.
    pub until: i64,
    pub until_captured_at: String,
    /// From this wording to the one that replaced it (`delete` is this
    /// form's, `insert` the next one's), computed by the engine.
    pub diff: Vec<DiffSegment>,
}

/// A version's text, sentence by sentence, with each one's history.
#[derive(Debug, Clone, Serialize)]
pub struct SentencesOpened {
    pub version: i64,
    pub captured_at: String,
    /// Versions the history was read from (good ones up to this one).
    pub versions_read: usize,
    pub sentences: Vec<SentenceView>,
}

/// The sentences of version `version` of a story, each with the version in
/// which it took its current form and its earlier forms.
#[tauri::command]
pub async fn sentence_history(
    app: tauri::AppHandle,
    story_id: i64,
    version: i64,
) -> Result<SentencesOpened, Error> {
    with_store(crate::data::data_dir(&app)?, move |store| {
        let versions = story::versions(store, story_id, false).map_err(Error::Story)?;
        let at = versions
            .iter()
            .position(|v| v.capture.id == version)
            .ok_or_else(|| {
                Error::History(format!(
                    "Version {version} is a bad capture (or not of this story): it has no article to read. Choose another version."
                ))
            })?;
        let documents: Vec<Document> = versions
            .iter()
            .map(|v| v.document.clone().unwrap_or_default())
            .collect();
        let id = |i: usize| versions[i].capture.id;
        let when = |i: usize| versions[i].capture.captured_at.clone();
        let sentences = engine_sentence_history(&documents, at)
            .into_iter()
            .map(|s| SentenceView {
                paragraph: s.paragraph,
                since: id(s.since),
                since_captured_at: when(s.since),
                earlier: s
                    .earlier
                    .into_iter()
                    .map(|e| EarlierView {
                        since: id(e.since),
                        since_captured_at: when(e.since),
                        until: id(e.until),
                        until_captured_at: when(e.until),
                        text: e.text,
                        diff: e.diff,
                    })
                    .collect(),
                text: s.text,
            })
            .collect();
        Ok(SentencesOpened {
            version,
            captured_at: when(at),
            versions_read: at + 1,
            sentences,
        })
    })
    .await
}

/// How the files of a new story are ordered.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileOrder {
    /// By each file's date (its article's date, else the file's time).
    Date,
    /// By file name.
    Name,
    /// As given (the user's own order).
    Given,
}

/// A file proposed for a story, with the date it would be ordered by.
#[derive(Debug, Clone, Serialize)]
pub struct FileEntry {
    pub path: String,
    pub name: String,
    /// RFC 3339 UTC: the article's date, else the file's modification time.
    pub date: Option<String>,
}

/// The files dropped, in the order asked for, with their dates: what the
/// window lists for the user to check and reorder before making a story.
#[tauri::command]
pub async fn order_story_files(
    paths: Vec<String>,
    order: FileOrder,
) -> Result<Vec<FileEntry>, Error> {
    off_ui_thread(move || {
        let mut entries: Vec<FileEntry> = paths
            .iter()
            .map(|p| FileEntry {
                name: std::path::Path::new(p)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| p.clone()),
                date: file_date(std::path::Path::new(p)),
                path: p.clone(),
            })
            .collect();
        match order {
            FileOrder::Date => entries.sort_by(|a, b| {
                // Undated files after the dated ones, by name.
                (a.date.is_none(), &a.date, &a.name).cmp(&(b.date.is_none(), &b.date, &b.name))
            }),
            FileOrder::Name => entries.sort_by(|a, b| a.name.cmp(&b.name)),
            FileOrder::Given => {}
        }
        Ok(entries)
    })
    .await
}

/// The date a file stands for: its article's own date when it has one
/// (RFC 3339 or YYYY-MM-DD), else when the file was last modified.
fn file_date(path: &std::path::Path) -> Option<String> {
    let read = storydiff_sources::ReadOptions::default();
    if let Ok(loaded) = storydiff_sources::read_file(path, &read) {
        if let Some(published) = loaded.document.published.as_deref().and_then(normal_date) {
            return Some(published);
        }
    }
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let secs = modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Some(storydiff_engine::rfc3339_utc(secs))
}

/// `2023-09-13T09:00:00Z` as is; `2023-09-13` at midnight UTC; anything
/// else is no date.
fn normal_date(text: &str) -> Option<String> {
    let t = text.trim();
    let b = t.as_bytes();
    let ymd = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    if !ymd {
        return None;
    }
    if t.len() == 10 {
        return Some(format!("{t}T00:00:00Z"));
    }
    (t.len() == 20 && t.ends_with('Z') && b[10] == b'T').then(|| t.to_string())
}

/// Makes a story of three or more files, in the order given: each file a
/// version (origin `file`), dated by its own date when the dates agree
/// with the order, else a second after the previous version.
#[tauri::command]
pub async fn story_from_files(
    app: tauri::AppHandle,
    files: Vec<String>,
) -> Result<StoryOpened, Error> {
    if files.len() < 3 {
        return Err(Error::History(
            "Drop three or more files to make a story of them (two files are compared as a pair)."
                .to_string(),
        ));
    }
    with_store(crate::data::data_dir(&app)?, move |store| {
        let mut dated: Vec<StoryFile> = Vec::with_capacity(files.len());
        let mut previous: Option<i64> = None;
        for path in &files {
            let path = PathBuf::from(path);
            let own = file_date(&path).and_then(|d| parse_rfc3339(&d));
            let at = match (own, previous) {
                (Some(t), Some(p)) if t > p => t,
                (Some(t), None) => t,
                (_, Some(p)) => p + 1,
                (None, None) => 0,
            };
            previous = Some(at);
            dated.push(StoryFile {
                path,
                captured_at: storydiff_engine::rfc3339_utc(at.max(0) as u64),
            });
        }
        let names: Vec<String> = dated
            .iter()
            .map(|f| {
                f.path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            })
            .collect();
        // A new story each time, so that a new order never mixes with an old one.
        let name = format!(
            "{} files: {} (made {})",
            files.len(),
            names.join(", "),
            storydiff_web::now_rfc3339()
        );
        let story_id = story::import_files(
            store,
            &name,
            &dated,
            &storydiff_sources::ReadOptions::default(),
        )
        .map_err(Error::Story)?;
        opened(store, story_id, name)
    })
    .await
}

/// Seconds since 1970 of `YYYY-MM-DDTHH:MM:SSZ`.
fn parse_rfc3339(t: &str) -> Option<i64> {
    let n = |r: std::ops::Range<usize>| t.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (n(0..4)?, n(5..7)?, n(8..10)?);
    let (hh, mm, ss) = (n(11..13)?, n(14..16)?, n(17..19)?);
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_archive_base_and_timemaps_come_from_the_environment_or_default() {
        let default = HistoryConfig::from_vars(None, None);
        assert_eq!(default.wayback_base.as_deref(), Some(WAYBACK_BASE));
        assert_eq!(default.timemaps.len(), MEMENTO_TIMEMAPS.len());
        let local = HistoryConfig::from_vars(
            Some("http://127.0.0.1:9/".into()),
            Some("http://127.0.0.1:9/timemap/link/, ".into()),
        );
        assert_eq!(local.wayback_base.as_deref(), Some("http://127.0.0.1:9"));
        assert_eq!(local.timemaps, ["http://127.0.0.1:9/timemap/link/"]);
        let none = HistoryConfig::from_vars(Some("none".into()), Some("none".into()));
        assert!(none.wayback_base.is_none() && none.timemaps.is_empty());
    }

    #[test]
    fn dates_are_read_as_rfc3339_or_a_day() {
        assert_eq!(
            normal_date("2023-09-13").as_deref(),
            Some("2023-09-13T00:00:00Z")
        );
        assert_eq!(
            normal_date("2023-09-13T09:00:00Z").as_deref(),
            Some("2023-09-13T09:00:00Z")
        );
        assert_eq!(normal_date("13 September 2023"), None);
        let t = parse_rfc3339("2023-09-13T09:00:00Z").unwrap();
        assert_eq!(
            storydiff_engine::rfc3339_utc(t as u64),
            "2023-09-13T09:00:00Z"
        );
    }
}
