//! A pass: every watch that is due, checked politely.
//!
//! [`run_pass`] claims the due watches in the store (no other run, the
//! app's or a timer's, can check them meanwhile), groups them by host and
//! hands them to a few worker threads, which interleave the hosts: each
//! takes the next watch of the host that may be asked soonest and that no
//! other worker is asking. Each request is also booked in the store's
//! table of hosts, so that no host gets more than one request a second
//! from all the processes that watch together. A host that asked to be left alone (`429` or `503` with
//! `Retry-After`, up to an hour) or keeps failing is left until then, its
//! watches put off without a check. A feed read in the pass adds articles
//! that are due at once: the pass claims again until nothing is due.
//!
//! What each check found is kept as it is found; a change is told (webhook,
//! then the caller's `on_found`) as soon as it is kept.

use std::collections::{BTreeMap, VecDeque};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use storydiff_store::{CheckDone, Store, Watch, WatchKind};
use storydiff_web::{Client, FetchOptions};

use crate::check::{self, Found, Outcome};
use crate::notify;
use crate::Error;

/// How long a run holds the watches it claimed: longer than any check can
/// take, so that a run that was killed lets them go in a while.
pub const LEASE_SECS: i64 = 10 * 60;

/// The variable that sets the interval between two requests to one host,
/// in milliseconds (1000 unless set; tests shorten it).
pub const HOST_INTERVAL_VAR: &str = "STORYDIFF_HOST_INTERVAL_MS";

/// How a pass runs.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Check every watch that is not paused or ended, due or not.
    pub all: bool,
    pub fetch: FetchOptions,
    /// The least time between two requests to one host.
    pub host_interval: Duration,
    /// Hosts asked at once.
    pub workers: usize,
}

impl Default for RunOptions {
    fn default() -> RunOptions {
        let interval = std::env::var(HOST_INTERVAL_VAR)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .unwrap_or(1000);
        RunOptions {
            all: false,
            fetch: FetchOptions::default(),
            host_interval: Duration::from_millis(interval),
            workers: 8,
        }
    }
}

/// A change told, as a pass reports it.
#[derive(Debug, Clone)]
pub struct Told {
    /// The change's id in the store.
    pub change_id: i64,
    pub found: Found,
}

/// What a pass did.
#[derive(Debug, Default)]
pub struct Pass {
    /// Checks made.
    pub checked: usize,
    /// How the checks came out, by outcome.
    pub outcomes: BTreeMap<&'static str, usize>,
    /// Changes found (told or not: a flip-flop's later swings are kept
    /// untold).
    pub changes: Vec<Told>,
    /// Checks that failed, and why (address, message).
    pub failures: Vec<(String, String)>,
    /// Articles that feeds and sitemaps added.
    pub new_articles: usize,
    /// Watches put off because their host asked to be left alone.
    pub put_off: usize,
}

/// Runs one pass at `now` (the watcher's clock). `stop` ends it early, at
/// the next check: what was checked stays, what was not is let go.
pub fn run_pass(
    dir: &Path,
    now: i64,
    options: &RunOptions,
    stop: &AtomicBool,
    on_found: &(dyn Fn(&Told) + Sync),
) -> Result<Pass, Error> {
    let store = Store::open_in(dir)?;
    let owner = format!("{}-{}", std::process::id(), crate::schedule::seed(0));
    let pass = Mutex::new(Pass::default());
    for round in 0..4 {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        // A feed read in this pass adds articles due now: claim again.
        let claimed = store.claim_due(now, options.all && round == 0, &owner, LEASE_SECS)?;
        if claimed.is_empty() {
            break;
        }
        let queue = Mutex::new(Hosts::new(claimed, options.host_interval));
        let workers = options.workers.clamp(1, 32);
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| worker(dir, now, options, stop, &owner, &queue, &pass, on_found));
            }
        });
    }
    Ok(pass
        .into_inner()
        .expect("no worker panicked holding the report"))
}

/// The claimed watches, by host, handed out so that the workers interleave
/// the hosts: each takes the next watch of the host that may be asked
/// soonest and no other worker is asking, so that a pass over many hosts
/// takes as long as its busiest host's share, not the sum of all.
struct Hosts {
    hosts: Vec<HostQueue>,
    interval: Duration,
}

struct HostQueue {
    host: String,
    watches: VecDeque<Watch>,
    /// When this process may next ask this host.
    ready: Instant,
    /// A worker is asking it now.
    busy: bool,
}

/// What a worker is handed.
enum Next {
    /// Check this watch of host `index`, once `ready` has come.
    Check {
        index: usize,
        watch: Box<Watch>,
        ready: Instant,
    },
    /// Every host left is being asked by another worker: wait a moment.
    Wait,
    /// Nothing is left.
    Done,
}

impl Hosts {
    /// Claimed watches by host, feeds first within each, hosts in the order
    /// their first watch came.
    fn new(claimed: Vec<Watch>, interval: Duration) -> Hosts {
        let now = Instant::now();
        let mut hosts: Vec<HostQueue> = Vec::new();
        for watch in claimed {
            let host = check::host_key(&watch.url);
            match hosts.iter_mut().find(|h| h.host == host) {
                Some(h) => h.watches.push_back(watch),
                None => hosts.push(HostQueue {
                    host,
                    watches: VecDeque::from([watch]),
                    ready: now,
                    busy: false,
                }),
            }
        }
        Hosts { hosts, interval }
    }

    fn next(&mut self) -> Next {
        let free = self
            .hosts
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.busy && !h.watches.is_empty())
            .min_by_key(|(_, h)| h.ready)
            .map(|(index, _)| index);
        match free {
            Some(index) => {
                let h = &mut self.hosts[index];
                h.busy = true;
                let watch = Box::new(h.watches.pop_front().expect("a host with watches"));
                Next::Check {
                    index,
                    watch,
                    ready: h.ready,
                }
            }
            None if self.hosts.iter().any(|h| !h.watches.is_empty()) => Next::Wait,
            None => Next::Done,
        }
    }

    /// A worker is done with host `index`; `asked` says whether it sent a
    /// request (a watch put off sends none).
    fn done(&mut self, index: usize, asked: bool) {
        let h = &mut self.hosts[index];
        h.busy = false;
        if asked {
            h.ready = Instant::now() + self.interval;
        }
    }

    /// Takes the rest of a host's watches (to put them off).
    fn drain(&mut self, index: usize) -> Vec<Watch> {
        self.hosts[index].watches.drain(..).collect()
    }

    fn host(&self, index: usize) -> &str {
        &self.hosts[index].host
    }
}

#[allow(clippy::too_many_arguments)]
fn worker(
    dir: &Path,
    now: i64,
    options: &RunOptions,
    stop: &AtomicBool,
    owner: &str,
    queue: &Mutex<Hosts>,
    pass: &Mutex<Pass>,
    on_found: &(dyn Fn(&Told) + Sync),
) {
    let started = (|| -> Result<_, String> {
        let store = Store::open_in(dir).map_err(|e| e.to_string())?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        let client = Client::new(&options.fetch).map_err(|e| e.to_string())?;
        Ok((store, runtime, client))
    })();
    let Ok((store, runtime, client)) = started else {
        // The other workers, or the next pass, take the hosts.
        return;
    };
    let interval_ms = options.host_interval.as_millis() as i64;
    // Other processes that watch book their requests in the store too.
    let wait_for_host = |url: &str| {
        if let Ok(wait) = store.host_slot(&check::host_key(url), interval_ms) {
            if wait > 0 {
                std::thread::sleep(Duration::from_millis(wait as u64));
            }
        }
    };
    loop {
        let next = queue.lock().expect("queue lock").next();
        let (index, watch, ready) = match next {
            Next::Done => return,
            Next::Wait => {
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
            Next::Check {
                index,
                watch,
                ready,
            } => (index, *watch, ready),
        };
        let host = queue.lock().expect("queue lock").host(index).to_string();
        if stop.load(Ordering::Relaxed) {
            let _ = store.release(watch.id, owner);
            for rest in queue.lock().expect("queue lock").drain(index) {
                let _ = store.release(rest.id, owner);
            }
            queue.lock().expect("queue lock").done(index, false);
            continue;
        }
        let backoff = store.host_backoff(&host).ok().flatten();
        if let Some((until, _, reason)) = backoff.as_ref().filter(|(until, _, _)| *until > now) {
            // The host asked to be left alone: this watch and the rest of
            // its host's are put off, unasked.
            let note = format!(
                "{host} is left alone until {}: {}",
                crate::clock::rfc3339(*until),
                reason.clone().unwrap_or_default()
            );
            let mut rest = queue.lock().expect("queue lock").drain(index);
            rest.push(watch);
            for w in &rest {
                let _ = store.postpone(w.id, *until, &note);
            }
            pass.lock().expect("pass lock").put_off += rest.len();
            queue.lock().expect("queue lock").done(index, false);
            continue;
        }
        let wait = ready.saturating_duration_since(Instant::now());
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
        wait_for_host(&watch.url);
        let (outcome, answered) = runtime.block_on(async {
            match watch.kind {
                WatchKind::Article => check::check_article(&store, &client, &watch, now).await,
                WatchKind::Feed | WatchKind::Sitemap => {
                    check::check_listing(&store, &client, &watch, now, &wait_for_host).await
                }
            }
        });
        let told = finish(
            &store,
            &runtime,
            &host,
            &watch,
            &outcome,
            &answered,
            backoff.is_some(),
            now,
        );
        queue.lock().expect("queue lock").done(index, true);
        let mut report = pass.lock().expect("pass lock");
        report.checked += 1;
        *report.outcomes.entry(outcome.name()).or_default() += 1;
        match &outcome {
            Outcome::Failed { error } => {
                report.failures.push((watch.url.clone(), error.to_string()))
            }
            Outcome::Listed { new, .. } => report.new_articles += new,
            _ => {}
        }
        if let Some(told) = told {
            drop(report);
            on_found(&told);
            pass.lock().expect("pass lock").changes.push(told);
        }
    }
}

/// Keeps a check's outcome: the watch's row, the host's standing, and a
/// change found (told to its webhook).
#[allow(clippy::too_many_arguments)]
fn finish(
    store: &Store,
    runtime: &tokio::runtime::Runtime,
    host: &str,
    watch: &Watch,
    outcome: &Outcome,
    answered: &check::Answered,
    host_was_failing: bool,
    now: i64,
) -> Option<Told> {
    let (state, next_check, failures) = check::reschedule(watch, outcome, now);
    let mut note = answered.note.clone();
    let mut capture_id = None;
    match outcome {
        Outcome::Failed { error } => {
            note = Some(error.to_string());
            host_failed(store, host, error, now);
        }
        Outcome::Bad {
            capture_id: id,
            why,
        } => {
            capture_id = *id;
            note = Some(why.clone());
        }
        Outcome::Boring { capture_id: id } | Outcome::First { capture_id: id } => {
            capture_id = Some(*id);
        }
        Outcome::Changed(found) => capture_id = Some(found.new_capture),
        _ => {}
    }
    if host_was_failing && !matches!(outcome, Outcome::Failed { .. }) {
        let _ = store.set_host_backoff(host, None);
    }
    let _ = store.finish_check(&CheckDone {
        watch_id: watch.id,
        at: now,
        outcome: outcome.name(),
        status: answered.status,
        capture_id,
        note: note.as_deref(),
        state,
        next_check,
        failures,
        etag: answered.validators.etag.as_deref(),
        last_modified: answered.validators.last_modified.as_deref(),
        story_id: answered.story_id,
        title: answered.title.as_deref(),
        published_at: answered.published_at,
    });
    let Outcome::Changed(found) = outcome else {
        return None;
    };
    let change_id = runtime.block_on(notify::keep_and_tell(
        store,
        found,
        watch.webhook.as_deref(),
    ))?;
    Some(Told {
        change_id,
        found: (**found).clone(),
    })
}

/// A host that failed: left alone for as long as it asked (up to an hour),
/// or, after failing again and again, for a time that doubles each time.
fn host_failed(store: &Store, host: &str, error: &storydiff_web::Error, now: i64) {
    let failures = store
        .host_backoff(host)
        .ok()
        .flatten()
        .map_or(0, |(_, f, _)| f)
        + 1;
    let asked = error
        .retry_after()
        .map(|d| (d.as_secs().min(i64::MAX as u64) as i64).min(crate::schedule::MAX_RETRY_AFTER));
    let doubling = (error.is_overload() || error.kind() == "connect" || error.kind() == "dns")
        .then(|| (60i64 << (failures - 1).clamp(0, 10)).min(crate::schedule::MAX_RETRY_AFTER));
    let wait = match (asked, doubling) {
        (Some(a), Some(d)) => a.max(d),
        (a, d) => a.or(d).unwrap_or(0),
    };
    if wait > 0 {
        let reason = match asked {
            Some(a) => format!("the site asked to wait {a} s ({error})"),
            None => format!("{failures} failures in a row ({error})"),
        };
        let _ = store.set_host_backoff(host, Some((now + wait, failures, &reason)));
    }
}
