//! One check of one watch: ask, read, decide, keep.
//!
//! An article is asked for conditionally (its last `ETag` and
//! `Last-Modified`): a `304` is a check that costs no body and makes no
//! version. Bytes identical to the last version's are the same article,
//! unread. Otherwise the page is read as everywhere else in storydiff
//! (the front door's `page_document`) and set against the last good
//! version with the engine ([`storydiff_engine::history::version_kind`]):
//!
//! - **same**: the extracted article is the same (the page's chrome
//!   changed): no version, one row of `checks`;
//! - **boring**: only typography, spacing, a date line or the date changed:
//!   kept as a version, noted "boring", and no one is told;
//! - **bad**: no article, a CAPTCHA, a page that left the site, or an
//!   article under half the last version's length or under 40 words (a
//!   paywall, a consent wall, an error page answered 200): kept as a bad
//!   capture, never a version, so it can never hide the real one;
//! - **reverted**: the article of an earlier version again: kept, "reverted
//!   to the version of TIME", and told once; a page that keeps swinging
//!   between two versions (A/B tests, CDN edges) lists each at most twice
//!   and tells no more (**flip_flop**);
//! - **changed**: a real change: kept, compared, and told.
//!
//! A feed or sitemap check reads the list and adds a watch for each
//! article not seen before, due at once.

use sha2::{Digest, Sha256};
use storydiff_engine::history::{article_changed, body_words, version_kind, VersionKind};
use storydiff_engine::{compare, Comparison, Document, Options};
use storydiff_sources::story::{self, StoryVersion};
use storydiff_store::{NewWatch, Store, Version, Watch, WatchKind};
use storydiff_web::{archive, feed, Answer, Client, Fetched, Validators};

use crate::clock;
use crate::schedule::{self, FOLLOW_FOR};

/// New articles a feed or sitemap adds to the watch list at most per
/// check: the newest first.
pub const MAX_NEW_PER_CHECK: usize = 200;

/// Child sitemaps of a sitemap index read per check at most.
pub const MAX_CHILD_SITEMAPS: usize = 10;

/// What one check came to.
#[derive(Debug)]
pub enum Outcome {
    /// `304 Not Modified`.
    NotModified,
    /// The same article (the page's chrome may have changed).
    Same,
    /// A version that differs only in what is not news.
    Boring { capture_id: i64 },
    /// A bad capture (kept, never a version), and why.
    Bad {
        capture_id: Option<i64>,
        why: String,
    },
    /// The page's first version.
    First { capture_id: i64 },
    /// A real change, or a revert.
    Changed(Box<Found>),
    /// A swing of a page that flips between versions already listed twice.
    FlipFlop,
    /// A feed or sitemap read: how many new articles it listed.
    Listed { new: usize, kind: WatchKind },
    /// The check failed: the site did not answer with a page.
    Failed { error: storydiff_web::Error },
}

impl Outcome {
    /// The name kept in `checks.outcome`.
    pub fn name(&self) -> &'static str {
        match self {
            Outcome::NotModified => "not_modified",
            Outcome::Same => "same",
            Outcome::Boring { .. } => "boring",
            Outcome::Bad { .. } => "bad",
            Outcome::First { .. } => "first",
            Outcome::Changed(found) if found.reverted_to.is_some() => "reverted",
            Outcome::Changed(_) => "changed",
            Outcome::FlipFlop => "flip_flop",
            Outcome::Listed { .. } => "listed",
            Outcome::Failed { .. } => "failed",
        }
    }
}

/// A change found, with what a reader is told of it.
#[derive(Debug, Clone)]
pub struct Found {
    pub watch_id: i64,
    pub story_id: i64,
    pub url: String,
    pub title: Option<String>,
    pub found_at: i64,
    pub old_capture: i64,
    pub old_captured_at: String,
    pub new_capture: i64,
    pub new_captured_at: String,
    /// For a revert: when the version it went back to was captured.
    pub reverted_to: Option<String>,
    /// Whether anyone is told (a flip-flop's later swings are not).
    pub notify: bool,
    pub comparison: Comparison,
}

impl Found {
    /// The comparison's quotable line, with what kind of change it is.
    pub fn summary(&self) -> String {
        match &self.reverted_to {
            Some(at) => format!(
                "reverted to the version of {at}: {}",
                self.comparison.stats.summary
            ),
            None => self.comparison.stats.summary.clone(),
        }
    }
}

/// What a check answered, beside its outcome: for the watch's row.
#[derive(Debug, Clone, Default)]
pub struct Answered {
    pub status: Option<u16>,
    pub validators: Validators,
    pub story_id: Option<i64>,
    pub title: Option<String>,
    pub published_at: Option<i64>,
    pub note: Option<String>,
}

/// The host that politeness counts by: `www.` and the port aside.
pub fn host_key(url: &str) -> String {
    let host = archive::host_of(url);
    let host = host
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    host.strip_prefix("www.").unwrap_or(&host).to_string()
}

/// Checks an article: see the module's guide.
pub async fn check_article(
    store: &Store,
    client: &Client,
    watch: &Watch,
    now: i64,
) -> (Outcome, Answered) {
    let mut answered = Answered::default();
    // Validators only beside a version to fall back on: a 304 to a watch
    // with no version would leave it with nothing. (Counted, not read: a
    // check that ends in a 304 reads no document.)
    let has_version = watch
        .story_id
        .is_some_and(|id| store.version_count(id).unwrap_or(0) > 0);
    let validators = if has_version {
        Validators {
            etag: watch.etag.clone(),
            last_modified: watch.last_modified.clone(),
        }
    } else {
        Validators::default()
    };
    match client.get(&watch.url, &validators).await {
        Ok(Answer::Page(page)) => keep_article(store, watch, page, now),
        Ok(Answer::NotModified { .. }) => {
            answered.status = Some(304);
            (Outcome::NotModified, answered)
        }
        Err(error) => (Outcome::Failed { error }, answered),
    }
}

/// What a fetched page of a watched article comes to (the part of a check
/// after the request; `watch add` hands it the page it fetched).
pub fn keep_article(
    store: &Store,
    watch: &Watch,
    mut page: Fetched,
    now: i64,
) -> (Outcome, Answered) {
    let mut answered = Answered {
        status: Some(page.status),
        validators: page.validators(),
        ..Answered::default()
    };
    let story_id = match watch.story_id {
        Some(id) => id,
        None => match store.story(&watch.url) {
            Ok(id) => id,
            Err(e) => return failed_locally(e.to_string(), answered),
        },
    };
    answered.story_id = Some(story_id);
    // The same bytes as the last version: the same article, unread.
    if store.latest_good_body(story_id).ok().flatten().as_deref()
        == Some(sha256(&page.body).as_str())
    {
        return (Outcome::Same, answered);
    }
    let versions = match story::versions(store, story_id, false) {
        Ok(v) => v,
        Err(e) => return failed_locally(e.to_string(), answered),
    };
    // Captures are dated on the watcher's clock, which a test may set.
    page.fetched_at = clock::rfc3339(now);
    let outcome = read_and_keep(store, watch, story_id, &versions, &page, now, &mut answered);
    (outcome, answered)
}

fn failed_locally(why: String, answered: Answered) -> (Outcome, Answered) {
    (
        Outcome::Bad {
            capture_id: None,
            why,
        },
        answered,
    )
}

/// The body's SHA-256, as the store names it.
fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn read_and_keep(
    store: &Store,
    watch: &Watch,
    story_id: i64,
    versions: &[StoryVersion],
    page: &Fetched,
    now: i64,
    answered: &mut Answered,
) -> Outcome {
    let latest = versions.last();
    let label = format!("{} (fetched {})", watch.url, page.fetched_at);
    let mut version = story::live_version(&watch.url, page, &label);
    // A feed's articles are many pages of one site: what they share is
    // its template, marked before the version is compared or kept, and in
    // the versions before it too (a line learned from this page marks them
    // as it marks this one, so it never reads as a change).
    let template = story::mark_template(store, &mut version, &watch.url).filter(|t| !t.is_empty());
    let remarked: Vec<StoryVersion>;
    let versions = match &template {
        Some(template) => {
            remarked = versions
                .iter()
                .cloned()
                .map(|mut v| {
                    if let Some(d) = v.document.as_mut() {
                        template.mark(d);
                    }
                    v
                })
                .collect();
            &remarked[..]
        }
        None => versions,
    };
    if !version.bad && archive::is_captcha_page(&page.body) {
        version = bad(
            version,
            "bad capture: a CAPTCHA or bot-check page, not the article".to_string(),
        );
    }
    if let (Some(latest), Some(document)) =
        (latest.and_then(|v| v.document.as_ref()), &version.document)
    {
        let (words, last_words) = (body_words(document), body_words(latest));
        if !version.bad && words * 2 < last_words {
            version = bad(
                version,
                format!(
                    "bad capture: only {words} words of article against {last_words} in the last version (a paywall, consent or error page?)"
                ),
            );
        }
    }
    answered.title = version.title.clone();
    answered.published_at = version
        .document
        .as_ref()
        .and_then(|d| d.published.as_deref())
        .and_then(clock::parse);
    if version.bad || version.document.is_none() {
        let why = version
            .note
            .clone()
            .unwrap_or_else(|| "bad capture".to_string());
        // Kept as evidence of what the site served, never as a version.
        let capture_id = story::keep_fetched(store, story_id, &watch.url, page, &version).ok();
        return Outcome::Bad { capture_id, why };
    }
    let document = version
        .document
        .clone()
        .expect("a good version has its article");
    let Some(latest) = latest else {
        return match story::keep_fetched(store, story_id, &watch.url, page, &version) {
            Ok(capture_id) => Outcome::First { capture_id },
            Err(e) => Outcome::Bad {
                capture_id: None,
                why: format!("could not be kept: {e}"),
            },
        };
    };
    let latest_document = latest
        .document
        .as_ref()
        .expect("good versions have their article");
    match version_kind(latest_document, &document) {
        VersionKind::Same => Outcome::Same,
        VersionKind::Boring => {
            version.note = Some(
                "boring: only typography, spacing, a date line or the date changed".to_string(),
            );
            match story::keep_fetched(store, story_id, &watch.url, page, &version) {
                Ok(capture_id) => Outcome::Boring { capture_id },
                Err(e) => Outcome::Bad {
                    capture_id: None,
                    why: format!("could not be kept: {e}"),
                },
            }
        }
        VersionKind::Changed => changed(
            store, watch, story_id, versions, page, version, document, now,
        ),
    }
}

#[allow(clippy::too_many_arguments)]
fn changed(
    store: &Store,
    watch: &Watch,
    story_id: i64,
    versions: &[StoryVersion],
    page: &Fetched,
    mut version: Version,
    document: Document,
    now: i64,
) -> Outcome {
    let latest = versions.last().expect("a change has a version before it");
    let latest_document = latest
        .document
        .as_ref()
        .expect("good versions have their article");
    let same_article = |v: &&StoryVersion| {
        v.document
            .as_ref()
            .is_some_and(|d| !article_changed(d, &document))
    };
    // The times this article was listed: each version that brought it back
    // after another article (a boring version after it is no new listing).
    let listed: Vec<&StoryVersion> = versions
        .iter()
        .filter(same_article)
        .filter(|v| v.change.article_changed)
        .collect();
    let reverted_to = listed.first().map(|v| v.capture.captured_at.clone());
    if listed.len() >= 2 {
        // Listed twice already: a swing of a flip-flop, a check and no more.
        return Outcome::FlipFlop;
    }
    let mut notify = true;
    if let Some(at) = &reverted_to {
        version.note = Some(format!("reverted to the version of {at}"));
        // Told once: a change between these two articles told before (in
        // either swing's direction) is not told again.
        let ids = |keyed: &Document| -> Vec<i64> {
            versions
                .iter()
                .filter(|v| {
                    v.document
                        .as_ref()
                        .is_some_and(|d| !article_changed(d, keyed))
                })
                .map(|v| v.capture.id)
                .collect()
        };
        let (from, to) = (ids(latest_document), ids(&document));
        notify = !store.change_told(story_id, &from, &to).unwrap_or(false);
    }
    let new_capture = match story::keep_fetched(store, story_id, &watch.url, page, &version) {
        Ok(id) => id,
        Err(e) => {
            return Outcome::Bad {
                capture_id: None,
                why: format!("could not be kept: {e}"),
            }
        }
    };
    let comparison = compare(latest_document, &document, &Options::default());
    Outcome::Changed(Box::new(Found {
        watch_id: watch.id,
        story_id,
        url: watch.url.clone(),
        title: document
            .title
            .clone()
            .or_else(|| latest_document.title.clone()),
        found_at: now,
        old_capture: latest.capture.id,
        old_captured_at: latest.capture.captured_at.clone(),
        new_capture,
        new_captured_at: page.fetched_at.clone(),
        reverted_to,
        notify,
        comparison,
    }))
}

fn bad(mut version: Version, why: String) -> Version {
    version.bad = true;
    version.note = Some(why);
    version
}

/// Checks a feed or sitemap: reads its list (and a sitemap index's first
/// child sitemaps) and adds a watch for each article it has not listed
/// before.
pub async fn check_listing(
    store: &Store,
    client: &Client,
    watch: &Watch,
    now: i64,
    wait_for_host: &dyn Fn(&str),
) -> (Outcome, Answered) {
    let mut answered = Answered::default();
    let validators = Validators {
        etag: watch.etag.clone(),
        last_modified: watch.last_modified.clone(),
    };
    match client.get(&watch.url, &validators).await {
        Ok(Answer::Page(page)) => {
            keep_listing(store, client, watch, &page, now, wait_for_host).await
        }
        Ok(Answer::NotModified { .. }) => {
            answered.status = Some(304);
            (Outcome::NotModified, answered)
        }
        Err(error) => (Outcome::Failed { error }, answered),
    }
}

/// What a fetched feed or sitemap comes to (the part of a check after the
/// request; `watch add` hands it the page it fetched).
pub async fn keep_listing(
    store: &Store,
    client: &Client,
    watch: &Watch,
    page: &Fetched,
    now: i64,
    wait_for_host: &dyn Fn(&str),
) -> (Outcome, Answered) {
    let mut answered = Answered {
        status: Some(page.status),
        validators: page.validators(),
        ..Answered::default()
    };
    let listing = match feed::read(page) {
        Some(Ok(listing)) => listing,
        Some(Err(why)) => {
            return (
                Outcome::Bad {
                    capture_id: None,
                    why,
                },
                answered,
            )
        }
        None => {
            return (
                Outcome::Bad {
                    capture_id: None,
                    why: "this address no longer serves a feed or sitemap".to_string(),
                },
                answered,
            )
        }
    };
    answered.title = listing.title.clone();
    let mut entries = listing.entries;
    for child in listing.sitemaps.iter().take(MAX_CHILD_SITEMAPS) {
        wait_for_host(child);
        if let Ok(child) = client.fetch(child).await {
            if let Some(Ok(more)) = feed::read(&child) {
                entries.extend(more.entries);
            }
        }
    }
    let kind = match listing.kind {
        feed::Kind::Sitemap => WatchKind::Sitemap,
        _ => WatchKind::Feed,
    };
    let new = add_articles(store, watch, &entries, now);
    answered.note = Some(format!("{} articles listed, {new} new", entries.len()));
    (Outcome::Listed { new, kind }, answered)
}

/// Adds the articles of a listing that are not watched yet, newest first,
/// at most [`MAX_NEW_PER_CHECK`]; returns how many.
fn add_articles(store: &Store, feed: &Watch, entries: &[feed::Entry], now: i64) -> usize {
    let follow_for = feed.follow_for.unwrap_or(FOLLOW_FOR);
    let mut new = 0;
    for entry in entries {
        if new == MAX_NEW_PER_CHECK {
            break;
        }
        if store.watch_by_url(&entry.link).ok().flatten().is_some() {
            continue;
        }
        let added = store.add_watch(&NewWatch {
            url: &entry.link,
            kind: WatchKind::Article,
            feed_id: Some(feed.id),
            title: entry.title.as_deref(),
            added_at: now,
            published_at: entry.published,
            every: feed.every,
            ends_at: Some(now + follow_for),
            follow_for: None,
            webhook: feed.webhook.as_deref(),
            next_check: now,
        });
        if matches!(added, Ok((_, true))) {
            new += 1;
        }
    }
    new
}

/// The next check and state of a watch after an outcome.
pub fn reschedule(
    watch: &Watch,
    outcome: &Outcome,
    now: i64,
) -> (storydiff_store::WatchState, i64, i64) {
    use storydiff_store::WatchState;
    match outcome {
        Outcome::Failed { error } => {
            let failures = watch.failures + 1;
            let asked = error
                .retry_after()
                .map(|d| d.as_secs().min(i64::MAX as u64) as i64);
            match schedule::next_after_failure(watch, now, failures, asked) {
                Some(next) => {
                    let state = if failures >= schedule::FAILING_AFTER {
                        WatchState::Failing
                    } else {
                        watch.state
                    };
                    (state, next, failures)
                }
                None => (WatchState::Ended, now, failures),
            }
        }
        _ => match schedule::next_after_answer(watch, now) {
            Some(next) => (WatchState::Active, next, 0),
            None => (WatchState::Ended, now, 0),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_count_without_www_and_port() {
        assert_eq!(host_key("https://www.news.example:8443/a"), "news.example");
        assert_eq!(host_key("http://News.Example/b"), "news.example");
    }
}
