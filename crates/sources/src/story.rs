//! A story's versions over time: listed by the archives, fetched once
//! each, kept in the store, and read back in capture order.
//!
//! [`import`] lists what the Wayback Machine and the Memento archives hold
//! of an address, adds the pages fetched before (kept in the store) and, if
//! asked, the live page, then fetches each capture the store does not have
//! yet. Every capture is committed on its own, so an import that is
//! cancelled or killed keeps what it had and the next one resumes; a
//! capture is never fetched twice (captures never change). [`versions`]
//! reads a story back, each version with whether its article changed.

use storydiff_engine::history::{body_words, version_changes, VersionChange};
use storydiff_engine::Document;
use storydiff_store::{Body, Capture, NewCapture, Origin, Store, Version};

use storydiff_web::archive::{self, ArchiveKind, Archives, CaptureKind, Listed};
use storydiff_web::{check_url, fetch, now_rfc3339, FetchOptions, Fetched};

use crate::error::Error;
use crate::SiteTemplate;

/// Below this many words of body, a capture's extraction is thin: a
/// paywall, a consent wall or an error page rather than the article.
pub const THIN_BELOW_WORDS: usize = 40;

/// The prefix of a stored version's token (`version:42`), which `compare`
/// accepts as OLD or NEW.
pub const TOKEN_PREFIX: &str = "version:";

/// What to read for a story.
#[derive(Debug, Clone, Default)]
pub struct HistoryOptions {
    /// The archives (a `None` Wayback base and no TimeMaps read none).
    pub archives: archive::ArchiveOptions,
    /// Also fetch the live page now, as a new version.
    pub now: bool,
    /// Limits for fetching the live page.
    pub fetch: FetchOptions,
    /// The longest the import may take in all: past it, the captures not
    /// read yet are left for the next run, and a warning says how many.
    /// `None`: no limit of its own (each request still has its own).
    pub max_time: Option<std::time::Duration>,
    /// WARC files whose captures of the page are versions too (origin
    /// `warc`).
    pub warc: Vec<std::path::PathBuf>,
}

/// How an import is going, for a progress line or bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    /// Asking an archive for its list of captures.
    Listing { archive: String },
    /// Reading capture `done + 1` of `total`.
    Fetching {
        done: usize,
        total: usize,
        archive: String,
        captured_at: String,
    },
    /// Fetching the live page.
    Live,
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub story_id: i64,
    /// The page's address (the original, for a pasted Wayback address).
    pub url: String,
    /// Captures the archives listed.
    pub listed: usize,
    /// Captures fetched in this run (none are fetched twice).
    pub fetched: usize,
    /// What went wrong without stopping the import, each naming its archive.
    pub warnings: Vec<String>,
}

/// Lists, fetches and stores the versions of the page at `source` (an
/// address, or a Wayback replay address of it). Fails only when the address
/// is not one storydiff fetches; an archive that is down or refuses is a
/// warning. Dropping the future cancels it; what was stored stays.
pub async fn import(
    store: &Store,
    source: &str,
    options: &HistoryOptions,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<Imported, Error> {
    let base = options
        .archives
        .wayback_base
        .clone()
        .unwrap_or_else(|| archive::WAYBACK_BASE.to_string());
    // Credentials in the address are for no archive: they are dropped
    // before any request, listing or record is built from it, so that no
    // request, row, message or report can carry them.
    let source = &storydiff_store::redact_url(source.trim());
    let pasted = archive::parse_wayback_address(source, &base);
    let url = match &pasted {
        Some((_, page)) => storydiff_store::redact_url(page),
        None => source.to_string(),
    };
    check_url(&url)?;
    let story_id = store.story(&url).map_err(Error::database)?;
    let mut imported = Imported {
        story_id,
        url: url.clone(),
        ..Imported::default()
    };
    let archives = Archives::new(options.archives.clone());

    let mut to_fetch: Vec<(i64, Listed)> = Vec::new();
    let record = |listed: Vec<Listed>, to_fetch: &mut Vec<(i64, Listed)>| -> Result<(), Error> {
        for l in listed {
            let id = store
                .add_capture(story_id, &new_capture(&l))
                .map_err(Error::database)?;
            to_fetch.push((id, l));
        }
        Ok(())
    };
    if let Some((timestamp, page)) = &pasted {
        // The capture the user pasted is a version even if the listing
        // cannot be read.
        let listed = Listed {
            kind: ArchiveKind::Wayback,
            archive: archive::host_of(source),
            original: page.clone(),
            timestamp: timestamp.clone(),
            captured_at: archive::timestamp_rfc3339(timestamp).unwrap_or_default(),
            replay_url: archive::wayback_original_bytes(source, &base).unwrap_or_default(),
            status: None,
            digest: None,
            mimetype: None,
            capture: CaptureKind::Page,
        };
        record(vec![listed], &mut to_fetch)?;
    }
    if let Some(wayback) = &options.archives.wayback_base {
        let name = archive::host_of(wayback);
        progress(Progress::Listing {
            archive: name.clone(),
        });
        match archives.list_wayback(&url).await {
            Ok(listing) => {
                imported.listed += listing.captures.len();
                if listing.refused > 0 {
                    imported.warnings.push(format!(
                        "{name} (Wayback Machine): {} of its rows were refused, not taken as versions (the first: {})",
                        listing.refused,
                        listing.why.unwrap_or_default()
                    ));
                }
                record(listing.captures, &mut to_fetch)?;
            }
            Err(e) => imported
                .warnings
                .push(format!("{name} (Wayback Machine) could not be read: {e}")),
        }
    }
    for timemap in &options.archives.timemaps {
        let name = archive::host_of(timemap);
        progress(Progress::Listing {
            archive: name.clone(),
        });
        match archives.list_memento(timemap, &url).await {
            Ok(listing) => {
                imported.listed += listing.captures.len();
                if listing.refused > 0 {
                    imported.warnings.push(format!(
                        "{name} (Memento archive): {} of its rows were refused, not taken as versions (the first: {})",
                        listing.refused,
                        listing.why.unwrap_or_default()
                    ));
                }
                record(listing.captures, &mut to_fetch)?;
            }
            Err(e) => imported
                .warnings
                .push(format!("{name} (Memento archive) could not be read: {e}")),
        }
    }
    add_fetched_before(store, story_id, &url)?;
    if !options.warc.is_empty() {
        add_warc_captures(store, story_id, &url, &options.warc, &mut imported)?;
    }

    // Fetch what the store lacks, oldest first, one capture at a time.
    to_fetch.sort_by(|a, b| a.1.timestamp.cmp(&b.1.timestamp));
    to_fetch.dedup_by_key(|(id, _)| *id);
    let pending: Vec<(i64, Listed)> = {
        let stored = store.captures(story_id).map_err(Error::database)?;
        to_fetch
            .into_iter()
            .filter(|(id, _)| stored.iter().any(|c| c.id == *id && c.version.is_none()))
            .collect()
    };
    let total = pending.len();
    let mut limited: Vec<String> = Vec::new();
    let started = std::time::Instant::now();
    let remaining = |done: usize| total - done;
    for (done, (id, listed)) in pending.into_iter().enumerate() {
        let left = options
            .max_time
            .map(|max| max.saturating_sub(started.elapsed()));
        if left.is_some_and(|l| l.is_zero()) {
            imported.warnings.push(format!(
                "storydiff stopped reading captures after {} s, the most a history may take (--max-time): {} captures are left for the next run, which reads only what is missing.",
                options.max_time.unwrap_or_default().as_secs(),
                remaining(done)
            ));
            break;
        }
        progress(Progress::Fetching {
            done,
            total,
            archive: listed.archive.clone(),
            captured_at: listed.captured_at.clone(),
        });
        match listed.capture {
            CaptureKind::Redirect | CaptureKind::Error => {
                let what = if listed.capture == CaptureKind::Redirect {
                    "a redirect capture"
                } else {
                    "an error page"
                };
                let note = format!(
                    "bad capture: {what} (HTTP {}), not the article",
                    listed.status.as_deref().unwrap_or("?")
                );
                store_listed_without_body(store, id, &listed, note)?;
                continue;
            }
            CaptureKind::Revisit => {
                // The same bytes as an earlier capture: reuse them unfetched.
                let stored = store.captures(story_id).map_err(Error::database)?;
                let same = stored.iter().find(|c| {
                    c.id != id
                        && c.version.is_some()
                        && c.digest.is_some()
                        && c.digest == listed.digest
                });
                if let Some(same) = same {
                    store.reuse_version(id, same).map_err(Error::database)?;
                    continue;
                }
            }
            CaptureKind::Page => {}
        }
        if limited.contains(&listed.archive) {
            continue;
        }
        let fetched = match left {
            Some(left) => tokio::time::timeout(left, archives.fetch_capture(&listed))
                .await
                .unwrap_or_else(|_| {
                    Err(storydiff_web::Error::Timeout {
                        url: listed.replay_url.clone(),
                        what: "the time a history may take ran out during this capture".to_string(),
                    })
                }),
            None => archives.fetch_capture(&listed).await,
        };
        let page = match fetched {
            Ok(page) => page,
            // A replay that leaves its archive is no capture of the page:
            // kept as a bad capture naming where it went, never followed.
            Err(e @ storydiff_web::Error::Redirect { .. }) => {
                store_listed_without_body(store, id, &listed, format!("bad capture: {e}"))?;
                continue;
            }
            Err(e) => {
                imported.warnings.push(format!(
                    "{}: the capture of {} could not be read: {e}",
                    listed.archive, listed.captured_at
                ));
                // A 429 that outlasted the retries leaves this archive's
                // other captures for next time; the other archives' are
                // still read.
                if matches!(e, storydiff_web::Error::ArchiveRateLimited { .. }) {
                    imported.warnings.push(format!(
                        "{} asked to wait: its other captures are left for the next run; the other archives' are read now.",
                        listed.archive
                    ));
                    limited.push(listed.archive.clone());
                }
                continue;
            }
        };
        if archive::is_captcha_page(&page.body) {
            // Not the capture: kept out of the store so a later run retries.
            imported.warnings.push(format!(
                "{}: the capture of {} came back as a CAPTCHA or bot-check page, not the article; it was not kept and will be asked for again next time.",
                listed.archive, listed.captured_at
            ));
            continue;
        }
        let label = format!(
            "{} ({} capture of {})",
            url, listed.archive, listed.captured_at
        );
        store_page(store, id, &url, &page, &label)?;
        imported.fetched += 1;
    }

    if options.now {
        progress(Progress::Live);
        match fetch(&url, &options.fetch).await {
            Ok(page) => {
                let id = store
                    .add_capture(
                        story_id,
                        &NewCapture::new(Origin::Fetched, &url, &page.fetched_at),
                    )
                    .map_err(Error::database)?;
                let label = format!("{} (fetched {})", url, page.fetched_at);
                let version = live_version(&url, &page, &label);
                keep_version(store, id, &page, &version)?;
                imported.fetched += 1;
            }
            Err(e) => imported
                .warnings
                .push(format!("the live page could not be fetched: {e}")),
        }
    }
    Ok(imported)
}

/// What [`check_now`] found on the live page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    /// The article changed: a new version was stored (its capture id).
    Added { capture_id: i64, fetched_at: String },
    /// The article reads as the latest stored version: nothing was stored.
    Unchanged { fetched_at: String },
    /// The page has no article worth a version (a paywall, a consent or
    /// error page): nothing was stored, and the note says why.
    Bad { fetched_at: String, note: String },
}

/// Fetches the live page now and stores it as a new version only if its
/// article differs from the latest good version stored (the first one of
/// a story is always stored). What "Check for a new version" does.
pub async fn check_now(store: &Store, url: &str, options: &FetchOptions) -> Result<Checked, Error> {
    check_url(url)?;
    let story_id = store.story(url).map_err(Error::database)?;
    let page = fetch(url, options).await?;
    let label = format!("{} (fetched {})", url, page.fetched_at);
    let version = live_version(url, &page, &label);
    let fetched_at = page.fetched_at.clone();
    let Some(document) = version.document.as_ref().filter(|_| !version.bad) else {
        return Ok(Checked::Bad {
            fetched_at,
            note: version.note.unwrap_or_else(|| "bad capture".to_string()),
        });
    };
    let latest = versions(store, story_id, false)?.pop();
    if let Some(latest) = latest.and_then(|v| v.document) {
        if !storydiff_engine::history::article_changed(&latest, document) {
            return Ok(Checked::Unchanged { fetched_at });
        }
    }
    let capture_id = store
        .add_capture(
            story_id,
            &NewCapture::new(Origin::Fetched, url, &fetched_at),
        )
        .map_err(Error::database)?;
    keep_version(store, capture_id, &page, &version)?;
    Ok(Checked::Added {
        capture_id,
        fetched_at,
    })
}

/// One file of a story made of files, with the time it stands for.
#[derive(Debug, Clone)]
pub struct StoryFile {
    pub path: std::path::PathBuf,
    /// RFC 3339 UTC: the order of the versions.
    pub captured_at: String,
}

/// Makes a story of local files (named `name`): each file is read and
/// stored as a version (origin `file`) at its given time. Returns the
/// story's id. A file that cannot be read fails the whole story, naming it.
pub fn import_files(
    store: &Store,
    name: &str,
    files: &[StoryFile],
    read: &crate::ReadOptions,
) -> Result<i64, Error> {
    // Read every file first, so that a bad one stores nothing.
    let mut loaded = Vec::with_capacity(files.len());
    for file in files {
        let document = crate::read_file(&file.path, read)?.document;
        let bytes = std::fs::read(&file.path).map_err(|source| Error::Read {
            path: file.path.clone(),
            source,
        })?;
        loaded.push((file, bytes, document));
    }
    let story_id = store.story(name).map_err(Error::database)?;
    for (file, bytes, document) in loaded {
        let path = file.path.display().to_string();
        let id = store
            .add_capture(
                story_id,
                &NewCapture::new(Origin::File, &path, &file.captured_at),
            )
            .map_err(Error::database)?;
        let words = body_words(&document);
        store
            .store_version(
                id,
                &Body {
                    bytes: &bytes,
                    final_url: &path,
                    headers: &[],
                    fetched_at: &now_rfc3339(),
                },
                &Version {
                    title: document.title.clone(),
                    document: Some(document),
                    words,
                    // The user chose these files: none is left out.
                    bad: false,
                    note: None,
                },
            )
            .map_err(Error::database)?;
    }
    Ok(story_id)
}

/// Adds the captures of `url` in some WARC files as versions, each named
/// by its record (`FILE#OFFSET`); a record read before is not read again.
/// A record that cannot be used (damaged, its digest wrong) is a warning.
fn add_warc_captures(
    store: &Store,
    story_id: i64,
    url: &str,
    files: &[std::path::PathBuf],
    imported: &mut Imported,
) -> Result<(), Error> {
    let mut warnings = Vec::new();
    let captures = crate::warc::captures_of(files, url, &mut |w| warnings.push(w))?;
    imported.warnings.extend(warnings);
    imported.listed += captures.len();
    for capture in captures {
        let file = capture.record.rsplit_once('#').map_or("", |(f, _)| f);
        let id = store
            .add_capture(
                story_id,
                &NewCapture {
                    archive: Some(file.to_string()),
                    replay_url: format!("warc:{}", capture.record),
                    status: Some(capture.page.status.to_string()),
                    digest: capture.digest.clone(),
                    mimetype: capture.page.content_type().map(str::to_string),
                    ..NewCapture::new(Origin::Warc, url, &capture.page.fetched_at)
                },
            )
            .map_err(Error::database)?;
        if store
            .capture(id)
            .map_err(Error::database)?
            .version
            .is_some()
        {
            continue;
        }
        let label = format!(
            "{url} (captured {}, WARC record {})",
            capture.page.fetched_at, capture.record
        );
        let mut version = read_version(&capture.page, &label);
        if !(200..300).contains(&capture.page.status) {
            version.bad = true;
            version.note = Some(format!(
                "bad capture: the archived answer was HTTP {}, not the article",
                capture.page.status
            ));
        }
        keep_version(store, id, &capture.page, &version)?;
        imported.fetched += 1;
    }
    Ok(())
}

fn new_capture(listed: &Listed) -> NewCapture {
    NewCapture {
        origin: match listed.kind {
            ArchiveKind::Wayback => Origin::Wayback,
            ArchiveKind::Memento => Origin::Memento,
        },
        archive: Some(listed.archive.clone()),
        url: if listed.original.is_empty() {
            listed.replay_url.clone()
        } else {
            listed.original.clone()
        },
        replay_url: listed.replay_url.clone(),
        captured_at: listed.captured_at.clone(),
        status: listed.status.clone(),
        digest: listed.digest.clone(),
        mimetype: listed.mimetype.clone(),
    }
}

fn store_listed_without_body(
    store: &Store,
    id: i64,
    listed: &Listed,
    note: String,
) -> Result<(), Error> {
    store
        .store_version(
            id,
            &Body {
                bytes: b"",
                final_url: &listed.replay_url,
                headers: &[],
                fetched_at: &now_rfc3339(),
            },
            &Version {
                document: None,
                title: None,
                words: 0,
                bad: true,
                note: Some(note),
            },
        )
        .map_err(Error::database)
}

/// Keeps a page fetched live as a new capture of a story, with the version
/// read from it; returns the capture's id.
pub fn keep_fetched(
    store: &Store,
    story_id: i64,
    url: &str,
    page: &Fetched,
    version: &Version,
) -> Result<i64, Error> {
    // Two fetches within one second share a time: the later gets a
    // replay address of its own rather than overwriting the earlier one's
    // version (the fragment is never sent, so it still names the page).
    let mut id = 0;
    for n in 0..100 {
        let replay = match n {
            0 => url.to_string(),
            n => format!("{url}#storydiff-fetch-{n}"),
        };
        id = store
            .add_capture(
                story_id,
                &NewCapture {
                    replay_url: replay,
                    ..NewCapture::new(Origin::Fetched, url, &page.fetched_at)
                },
            )
            .map_err(Error::database)?;
        if store
            .capture(id)
            .map_err(Error::database)?
            .version
            .is_none()
        {
            break;
        }
    }
    store
        .store_version(
            id,
            &Body {
                bytes: &page.body,
                final_url: &page.final_url,
                headers: &page.headers,
                fetched_at: &page.fetched_at,
            },
            version,
        )
        .map_err(Error::database)?;
    Ok(id)
}

/// Reads the article from a page and stores both; a page with no article
/// or a thin one is kept as a bad capture, with the reason.
/// `url` is the story's address: an archive's capture is known by it, not
/// by the replay address it came from, so captures of one story are never
/// taken for different articles.
fn store_page(store: &Store, id: i64, url: &str, page: &Fetched, label: &str) -> Result<(), Error> {
    let mut version = read_version(page, label);
    mark_template(store, &mut version, url);
    keep_version(store, id, page, &version)
}

/// Marks the site's template in a version read from `url`
/// ([`crate::mark_site_template`]) and returns the template as it now
/// stands; a store that cannot be read leaves the version as the page
/// alone marks it.
pub fn mark_template(store: &Store, version: &mut Version, url: &str) -> Option<SiteTemplate> {
    // A bad capture (an error page, a paywall) is no evidence of the
    // site's template, nor read as the story.
    if version.bad {
        return None;
    }
    let document = version.document.as_mut()?;
    // Evidence only: the version is kept whether or not this works.
    crate::mark_site_template(store, document, url).ok()
}

/// Keeps a page's bytes and the version read from them as capture `id`.
fn keep_version(store: &Store, id: i64, page: &Fetched, version: &Version) -> Result<(), Error> {
    store
        .store_version(
            id,
            &Body {
                bytes: &page.body,
                final_url: &page.final_url,
                headers: &page.headers,
                fetched_at: &page.fetched_at,
            },
            version,
        )
        .map_err(Error::database)
}

/// The version a page fetched live from `url` holds ([`read_version`]),
/// and a bad capture if the fetch ended on another site (a consent wall, a
/// login page, a parked domain): never the story's version.
pub fn live_version(url: &str, page: &Fetched, label: &str) -> Version {
    let mut version = read_version(page, label);
    if storydiff_web::site_of(url) != storydiff_web::site_of(&page.final_url) {
        version.bad = true;
        version.note = Some(format!(
            "bad capture: the page redirected to another site ({}), not the article",
            storydiff_web::display_url(&page.final_url)
        ));
    }
    version
}

/// The version a fetched page holds: its article, or a bad capture with
/// the reason (no article, or one too thin to be the story).
pub fn read_version(page: &Fetched, label: &str) -> Version {
    match crate::page_document(page, None) {
        Ok(loaded) => {
            let mut document = loaded.document;
            document.source = Some(label.to_string());
            let words = body_words(&document);
            let (bad, note) = if words < THIN_BELOW_WORDS {
                (
                    true,
                    Some(format!(
                        "bad capture: only {words} words of article (a paywall, consent or error page?)"
                    )),
                )
            } else {
                (false, None)
            };
            Version {
                title: document.title.clone(),
                document: Some(document),
                words,
                bad,
                note,
            }
        }
        Err(e) => Version {
            document: None,
            title: None,
            words: 0,
            bad: true,
            note: Some(format!("bad capture: {e}")),
        },
    }
}

/// Adds the pages fetched before from this address (by `storydiff compare
/// URL …`, `extract` or the app), which the store keeps a record of, as
/// versions read offline: one version per fetch.
fn add_fetched_before(store: &Store, story_id: i64, url: &str) -> Result<(), Error> {
    let known = store.captures(story_id).map_err(Error::database)?;
    for snapshot in store.snapshots_of(url).map_err(Error::database)? {
        let replay = format!("snapshot:{}", snapshot.record);
        // Stories read before fetches had records named a fetch by its
        // body alone: the same fetch under that name is not added again.
        let old_replay = format!("snapshot:{}", snapshot.sha256);
        let stored = known.iter().any(|c| {
            c.version.is_some()
                && (c.replay_url == replay
                    || (c.replay_url == old_replay && c.captured_at == snapshot.fetched_at))
        });
        if stored {
            continue;
        }
        let (snapshot, body) = store.snapshot(&snapshot.record).map_err(Error::database)?;
        let id = store
            .add_capture(
                story_id,
                &NewCapture {
                    replay_url: replay,
                    ..NewCapture::new(Origin::Fetched, url, &snapshot.fetched_at)
                },
            )
            .map_err(Error::database)?;
        let page = Fetched {
            url: snapshot.url.clone(),
            final_url: snapshot.final_url.clone(),
            status: snapshot.status,
            headers: snapshot.headers.clone(),
            body,
            fetched_at: snapshot.fetched_at.clone(),
        };
        store_page(
            store,
            id,
            url,
            &page,
            &format!("{url} (fetched {})", snapshot.fetched_at),
        )?;
    }
    Ok(())
}

/// One version of a story as it is listed.
#[derive(Debug, Clone)]
pub struct StoryVersion {
    pub capture: Capture,
    /// The article; `None` for a bad capture with no article.
    pub document: Option<Document>,
    /// How it stands against the previous good version (bad captures: no
    /// change, similarity unknown).
    pub change: VersionChange,
    pub bad: bool,
    pub note: Option<String>,
}

impl StoryVersion {
    /// The token that `storydiff compare` accepts to reopen this version.
    pub fn token(&self) -> String {
        format!("{TOKEN_PREFIX}{}", self.capture.id)
    }
}

/// A story's versions, oldest first: every capture with a stored version.
/// `article_changed` compares each good version with the good one before
/// it; bad captures are included only when asked for.
pub fn versions(
    store: &Store,
    story_id: i64,
    include_bad: bool,
) -> Result<Vec<StoryVersion>, Error> {
    let captures = store.captures(story_id).map_err(Error::database)?;
    let mut good: Vec<(Capture, Document)> = captures
        .iter()
        .filter_map(|c| {
            let v = c.version.as_ref()?;
            match (&v.document, v.bad) {
                (Some(d), false) => Some((c.clone(), d.clone())),
                _ => None,
            }
        })
        .collect();
    // Every version is marked with its site's template as the store knows
    // it now, so a line learned after one version was kept marks it too,
    // and never reads as a change between them.
    if let Some((capture, _)) = good.first() {
        let documents: Vec<&Document> = good.iter().map(|(_, d)| d).collect();
        if let Ok(template) = crate::site_template(store, &capture.url, &documents) {
            for (_, document) in &mut good {
                template.mark(document);
            }
        }
    }
    let documents: Vec<Document> = good.iter().map(|(_, d)| d.clone()).collect();
    let changes = version_changes(&documents);
    let mut out: Vec<StoryVersion> = good
        .into_iter()
        .zip(changes)
        .map(|((capture, document), change)| StoryVersion {
            note: capture.version.as_ref().and_then(|v| v.note.clone()),
            capture,
            document: Some(document),
            change,
            bad: false,
        })
        .collect();
    if include_bad {
        for c in captures {
            let Some(v) = &c.version else { continue };
            if v.bad || v.document.is_none() {
                out.push(StoryVersion {
                    document: v.document.clone(),
                    note: v.note.clone(),
                    change: VersionChange {
                        article_changed: false,
                        similarity: None,
                    },
                    bad: true,
                    capture: c,
                });
            }
        }
        out.sort_by(|a, b| {
            (a.capture.captured_at.as_str(), a.capture.id)
                .cmp(&(b.capture.captured_at.as_str(), b.capture.id))
        });
    }
    Ok(out)
}

/// The stored version a token (`version:42`) names, read offline.
pub fn load_token(store: &Store, token: &str) -> Result<Option<Document>, Error> {
    let Some(id) = token
        .strip_prefix(TOKEN_PREFIX)
        .and_then(|n| n.parse::<i64>().ok())
    else {
        return Ok(None);
    };
    let capture = store.capture(id).map_err(Error::database)?;
    let url = capture.url.clone();
    match capture.version.and_then(|v| v.document) {
        Some(mut document) => {
            // Marked as the story's versions are listed (`versions`).
            if let Ok(template) = crate::site_template(store, &url, &[&document]) {
                template.mark(&mut document);
            }
            Ok(Some(document))
        }
        None => Err(Error::NoArticle {
            source_name: token.to_string(),
            found: "a stored capture with no article (a bad capture)".to_string(),
        }),
    }
}

/// Whether an argument is a stored version's token.
pub fn is_token(arg: &str) -> bool {
    arg.strip_prefix(TOKEN_PREFIX)
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}
