//! Adding a watch: the address is fetched once, and what it serves says
//! what it is. An article becomes a watched article whose first version is
//! that fetch; a feed or sitemap becomes a watched list, and each article it
//! lists a watched article, due at once.

use std::path::Path;
use std::time::Duration;

use storydiff_store::{CheckDone, NewWatch, Store, Watch, WatchKind};
use storydiff_web::{feed, Client, FetchOptions};

use crate::check::{self, Outcome};
use crate::schedule::FOLLOW_FOR;
use crate::Error;

/// How to watch what is added.
#[derive(Debug, Clone, Default)]
pub struct AddOptions {
    /// A fixed interval (seconds) instead of the schedule by age.
    pub every: Option<i64>,
    /// How long to watch: an article from now, a feed's articles each from
    /// when it first appears (7 days unless given).
    pub follow_for: Option<i64>,
    /// Where to `POST` each change found.
    pub webhook: Option<String>,
    pub fetch: FetchOptions,
    /// The least time between two requests to one host.
    pub host_interval: Duration,
}

/// What adding did.
#[derive(Debug, Clone)]
pub enum Added {
    /// A new watch, and what its first check found.
    New { watch: Watch, first: String },
    /// Already watched: left as it is.
    Already(Watch),
}

/// Adds `source` at `now` (the watcher's clock).
pub fn add(dir: &Path, source: &str, options: &AddOptions, now: i64) -> Result<Added, Error> {
    storydiff_web::check_url(source)?;
    let url = feed::canonical_link(source, "").ok_or_else(|| Error::NotWatchable {
        url: storydiff_web::display_url(source),
        reason: "not a web address storydiff can watch".to_string(),
    })?;
    if let Some(webhook) = &options.webhook {
        storydiff_web::check_url(webhook)?;
    }
    let store = Store::open_in(dir)?;
    if let Some(watch) = store.watch_by_url(&url)? {
        return Ok(Added::Already(watch));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Start(e.to_string()))?;
    let client = Client::new(&options.fetch)?;
    let interval_ms = options.host_interval.as_millis() as i64;
    let wait_for_host = |url: &str| {
        if let Ok(wait) = store.host_slot(&check::host_key(url), interval_ms) {
            if wait > 0 {
                std::thread::sleep(Duration::from_millis(wait as u64));
            }
        }
    };
    wait_for_host(&url);
    let page = runtime.block_on(client.fetch(&url))?;
    let kind = match feed::kind_of(&page) {
        feed::Kind::Article => WatchKind::Article,
        feed::Kind::Feed => WatchKind::Feed,
        feed::Kind::Sitemap => WatchKind::Sitemap,
    };
    let (watch, _) = store.add_watch(&NewWatch {
        url: &url,
        kind,
        feed_id: None,
        title: None,
        added_at: now,
        published_at: None,
        every: options.every,
        ends_at: match kind {
            WatchKind::Article => options.follow_for.map(|f| now + f),
            _ => None,
        },
        follow_for: match kind {
            WatchKind::Article => None,
            _ => Some(options.follow_for.unwrap_or(FOLLOW_FOR)),
        },
        webhook: options.webhook.as_deref(),
        next_check: now,
    })?;
    let (outcome, answered) = match kind {
        WatchKind::Article => check::keep_article(&store, &watch, page, now),
        _ => runtime.block_on(check::keep_listing(
            &store,
            &client,
            &watch,
            &page,
            now,
            &wait_for_host,
        )),
    };
    let (state, next_check, failures) = check::reschedule(&watch, &outcome, now);
    let (first, capture_id) = match &outcome {
        Outcome::First { capture_id } => ("first version kept".to_string(), Some(*capture_id)),
        Outcome::Listed { new, kind } => (
            format!("{} read: {new} articles to watch", kind.as_str()),
            None,
        ),
        Outcome::Bad { why, capture_id } => (why.clone(), *capture_id),
        other => (other.name().to_string(), None),
    };
    store.finish_check(&CheckDone {
        watch_id: watch.id,
        at: now,
        outcome: outcome.name(),
        status: answered.status,
        capture_id,
        note: Some(&first),
        state,
        next_check,
        failures,
        etag: answered.validators.etag.as_deref(),
        last_modified: answered.validators.last_modified.as_deref(),
        story_id: answered.story_id,
        title: answered.title.as_deref(),
        published_at: answered.published_at,
    })?;
    let watch = store.watch(watch.id)?.unwrap_or(watch);
    Ok(Added::New { watch, first })
}
