//! `storydiff watch`: follow articles, feeds and sitemaps as they change.
//!
//! `add` fetches each address once and watches what it is; `list` shows
//! the watches; `remove` ends them (their versions stay); `run` checks
//! what is due (`--once`, for cron or a timer) or keeps checking until
//! SIGINT or SIGTERM; `feed` prints the changes found as Atom.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde::Serialize;
use storydiff_store::{Store, Watch};
use storydiff_watch::{clock, schedule, AddOptions, Added, RunOptions, Told};

use crate::terminal;
use crate::versions::data_dir;
use crate::{json, write_out};

#[derive(clap::Args)]
pub struct WatchArgs {
    #[command(subcommand)]
    command: WatchCommand,
}

#[derive(clap::Subcommand)]
enum WatchCommand {
    /// Watch articles, RSS or Atom feeds, or sitemaps (which one is told
    /// from what the address serves). A feed's new articles are each
    /// watched for --for from when they first appear.
    Add {
        /// Addresses of articles, feeds or sitemaps.
        #[arg(required = true)]
        sources: Vec<String>,
        /// Check at this fixed interval (90s, 15m, 1h, 1d) instead of less
        /// often as the article ages.
        #[arg(long, value_name = "DURATION", value_parser = duration)]
        every: Option<i64>,
        /// Watch for this long (a feed's articles: each from when it first
        /// appears; 7d unless given).
        #[arg(long = "for", value_name = "DURATION", value_parser = duration)]
        follow_for: Option<i64>,
        /// POST each change found to this address as JSON.
        #[arg(long, value_name = "URL")]
        webhook: Option<String>,
    },
    /// List the watches.
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Stop watching (a feed with the articles it listed); what was kept stays.
    Remove {
        #[arg(required = true)]
        urls: Vec<String>,
    },
    /// Pause watches until resumed.
    Pause {
        #[arg(required = true)]
        urls: Vec<String>,
    },
    /// Resume paused watches (checked at the next run).
    Resume {
        #[arg(required = true)]
        urls: Vec<String>,
    },
    /// Check what is due and print each change found. Without --once, keep
    /// checking, waking when the next check is due, until SIGINT or SIGTERM.
    Run {
        /// Check what is due once, then exit (for cron or a systemd timer).
        #[arg(long)]
        once: bool,
        /// Check every watch now, whatever the schedule.
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// The changes found, as an Atom 1.0 feed, newest first.
    Feed {
        /// Only the changes of this story.
        #[arg(long, value_name = "URL")]
        story: Option<String>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

fn duration(text: &str) -> Result<i64, String> {
    schedule::parse_duration(text)
}

/// One watch in `watch list --format json` (a public contract: fields are
/// added, never removed).
#[derive(Serialize)]
struct WatchJson {
    url: String,
    kind: &'static str,
    feed: Option<String>,
    title: Option<String>,
    added_at: String,
    published_at: Option<String>,
    last_checked: Option<String>,
    next_check: Option<String>,
    versions: i64,
    last_change: Option<String>,
    state: &'static str,
    note: Option<String>,
    every: Option<i64>,
    webhook: bool,
    checks: storydiff_store::CheckCounts,
}

#[derive(Serialize)]
struct ListJson {
    watches: Vec<WatchJson>,
}

/// A change in `watch run --format json`.
#[derive(Serialize)]
struct ChangeJson<'a> {
    url: &'a str,
    story_title: Option<&'a str>,
    found_at: String,
    kind: &'static str,
    summary: String,
    old: String,
    new: String,
    told: bool,
}

#[derive(Serialize)]
struct RunJson<'a> {
    checked: usize,
    outcomes: &'a std::collections::BTreeMap<&'static str, usize>,
    new_articles: usize,
    put_off: usize,
    changes: Vec<ChangeJson<'a>>,
    failures: Vec<FailureJson<'a>>,
}

#[derive(Serialize)]
struct FailureJson<'a> {
    url: &'a str,
    error: &'a str,
}

pub fn run(args: WatchArgs) -> Result<(), String> {
    let dir = data_dir()?;
    let now = clock::now();
    match args.command {
        WatchCommand::Add {
            sources,
            every,
            follow_for,
            webhook,
        } => {
            let options = AddOptions {
                every,
                follow_for,
                webhook,
                fetch: Default::default(),
                host_interval: RunOptions::default().host_interval,
            };
            let mut failed = Vec::new();
            for source in &sources {
                match storydiff_watch::add(&dir, source.trim(), &options, now) {
                    Ok(Added::New { watch, first }) => write_out(&terminal::visible(&format!(
                        "watching {} ({}): {first}\n",
                        watch.url,
                        watch.kind.as_str()
                    )))?,
                    Ok(Added::Already(watch)) => write_out(&terminal::visible(&format!(
                        "already watching {} ({}, {})\n",
                        watch.url,
                        watch.kind.as_str(),
                        watch.state.as_str()
                    )))?,
                    Err(e) => failed.push(e.to_string()),
                }
            }
            match failed.is_empty() {
                true => Ok(()),
                false => Err(failed.join("\nstorydiff: ")),
            }
        }
        WatchCommand::List { format } => list(&dir, format),
        WatchCommand::Remove { urls } => {
            let store = Store::open_in(&dir).map_err(|e| e.to_string())?;
            let mut missing = Vec::new();
            for url in &urls {
                match store.remove_watch(url).map_err(|e| e.to_string())? {
                    0 => missing.push(url.as_str()),
                    n => write_out(&terminal::visible(&format!(
                        "stopped watching {url}{}\n",
                        if n > 1 {
                            format!(" and the {} articles it listed", n - 1)
                        } else {
                            String::new()
                        }
                    )))?,
                }
            }
            not_watched(&missing)
        }
        WatchCommand::Pause { urls } => pause(&dir, &urls, true, now),
        WatchCommand::Resume { urls } => pause(&dir, &urls, false, now),
        WatchCommand::Run { once, all, format } => run_checks(&dir, once, all, format),
        WatchCommand::Feed { story } => {
            let store = Store::open_in(&dir).map_err(|e| e.to_string())?;
            let feed =
                storydiff_watch::atom::feed(&store, story.as_deref()).map_err(|e| e.to_string())?;
            write_out(&feed)
        }
    }
}

fn not_watched(missing: &[&str]) -> Result<(), String> {
    if missing.is_empty() {
        return Ok(());
    }
    Err(format!(
        "not watched: {}. `storydiff watch list` shows what is.",
        missing.join(", ")
    ))
}

fn pause(dir: &std::path::Path, urls: &[String], paused: bool, now: i64) -> Result<(), String> {
    let store = Store::open_in(dir).map_err(|e| e.to_string())?;
    let mut missing = Vec::new();
    for url in urls {
        match store.watch_by_url(url).map_err(|e| e.to_string())? {
            Some(watch) => {
                store
                    .set_paused(watch.id, paused, now)
                    .map_err(|e| e.to_string())?;
                let what = if paused { "paused" } else { "resumed" };
                write_out(&terminal::visible(&format!("{what} {}\n", watch.url)))?;
            }
            None => missing.push(url.as_str()),
        }
    }
    not_watched(&missing)
}

fn watch_json(store: &Store, watch: &Watch) -> Result<WatchJson, String> {
    let versions = match watch.story_id {
        Some(id) => store.version_count(id).map_err(|e| e.to_string())?,
        None => 0,
    };
    let last_change = store
        .changes(Some(&watch.url), 1)
        .map_err(|e| e.to_string())?
        .first()
        .map(|c| clock::rfc3339(c.found_at));
    let ended = watch.state == storydiff_store::WatchState::Ended;
    Ok(WatchJson {
        url: watch.url.clone(),
        kind: watch.kind.as_str(),
        feed: watch.feed_url.clone(),
        title: watch.title.clone(),
        added_at: clock::rfc3339(watch.added_at),
        published_at: watch.published_at.map(clock::rfc3339),
        last_checked: watch.last_checked.map(clock::rfc3339),
        next_check: (!ended && watch.state != storydiff_store::WatchState::Paused)
            .then(|| clock::rfc3339(watch.next_check)),
        versions,
        last_change,
        // "paused" is listed as active with a note: the contract's states
        // are active, ended and failing.
        state: match watch.state {
            storydiff_store::WatchState::Paused => "active",
            other => other.as_str(),
        },
        note: match watch.state {
            storydiff_store::WatchState::Paused => Some("paused".to_string()),
            _ => watch.note.clone(),
        },
        every: watch.every,
        webhook: watch.webhook.is_some(),
        checks: store.check_counts(watch.id).map_err(|e| e.to_string())?,
    })
}

fn list(dir: &std::path::Path, format: ListFormat) -> Result<(), String> {
    let store = Store::open_in(dir).map_err(|e| e.to_string())?;
    let watches = store.watches().map_err(|e| e.to_string())?;
    let rows: Vec<WatchJson> = watches
        .iter()
        .map(|w| watch_json(&store, w))
        .collect::<Result<_, _>>()?;
    if format == ListFormat::Json {
        return write_out(&json(&ListJson { watches: rows })?);
    }
    if rows.is_empty() {
        return write_out("Nothing is watched. `storydiff watch add URL` watches an article, a feed or a sitemap.\n");
    }
    let mut out = String::new();
    for w in &rows {
        out.push_str(&format!(
            "{} [{}] {}\n    {} version{}, last change {}, last checked {}, next {}{}\n",
            w.url,
            w.kind,
            w.state,
            w.versions,
            if w.versions == 1 { "" } else { "s" },
            w.last_change.as_deref().unwrap_or("none"),
            w.last_checked.as_deref().unwrap_or("never"),
            w.next_check.as_deref().unwrap_or("none"),
            w.note
                .as_deref()
                .map(|n| format!("\n    {n}"))
                .unwrap_or_default()
        ));
    }
    write_out(&terminal::visible(&out))
}

fn change_line(told: &Told) -> String {
    let f = &told.found;
    let quiet = if f.notify {
        ""
    } else {
        " (a flip-flop's swing, told before)"
    };
    format!(
        "{} {}: {}{quiet}\n    storydiff compare version:{} version:{}\n",
        clock::rfc3339(f.found_at),
        f.url,
        f.summary(),
        f.old_capture,
        f.new_capture
    )
}

fn run_checks(
    dir: &std::path::Path,
    once: bool,
    all: bool,
    format: ListFormat,
) -> Result<(), String> {
    let options = RunOptions {
        all,
        ..RunOptions::default()
    };
    let stop = Arc::new(AtomicBool::new(false));
    if !once {
        listen_for_stop(stop.clone())?;
    }
    let text = format == ListFormat::Text;
    let print_found = |told: &Told| {
        if text {
            let _ = write_out(&terminal::visible(&change_line(told)));
        }
    };
    let mut first = true;
    loop {
        let now = clock::now();
        let pass = storydiff_watch::run_pass(dir, now, &options, &stop, &print_found)
            .map_err(|e| e.to_string())?;
        if text {
            for (url, error) in &pass.failures {
                eprintln!(
                    "storydiff: warning: {}",
                    terminal::visible(&format!("{url}: {error}"))
                );
            }
            if once {
                eprintln!(
                    "storydiff: {} checked: {}{}",
                    pass.checked,
                    outcomes(&pass.outcomes),
                    if pass.put_off > 0 {
                        format!("; {} put off (their site asked to wait)", pass.put_off)
                    } else {
                        String::new()
                    }
                );
            }
        } else {
            let run = RunJson {
                checked: pass.checked,
                outcomes: &pass.outcomes,
                new_articles: pass.new_articles,
                put_off: pass.put_off,
                changes: pass
                    .changes
                    .iter()
                    .map(|t| ChangeJson {
                        url: &t.found.url,
                        story_title: t.found.title.as_deref(),
                        found_at: clock::rfc3339(t.found.found_at),
                        kind: if t.found.reverted_to.is_some() {
                            "reverted"
                        } else {
                            "changed"
                        },
                        summary: t.found.summary(),
                        old: format!("version:{}", t.found.old_capture),
                        new: format!("version:{}", t.found.new_capture),
                        told: t.found.notify,
                    })
                    .collect(),
                failures: pass
                    .failures
                    .iter()
                    .map(|(url, error)| FailureJson { url, error })
                    .collect(),
            };
            // One object a pass: one line of JSON in a long run.
            let line = if once {
                json(&run)?
            } else {
                serde_json::to_string(&run).map_err(|e| e.to_string())? + "\n"
            };
            write_out(&line)?;
        }
        if once || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if first && text {
            eprintln!("storydiff: watching; stop with Ctrl-C");
        }
        first = false;
        sleep_until_due(dir, &stop);
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
    }
}

fn outcomes(outcomes: &std::collections::BTreeMap<&'static str, usize>) -> String {
    if outcomes.is_empty() {
        return "nothing was due".to_string();
    }
    outcomes
        .iter()
        .map(|(k, v)| format!("{v} {}", k.replace('_', " ")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Sleeps until the next watch is due (waking at least every minute, for
/// watches another process added), or until asked to stop.
fn sleep_until_due(dir: &std::path::Path, stop: &AtomicBool) {
    let next = Store::open_in(dir)
        .ok()
        .and_then(|s| s.next_due().ok().flatten());
    let wait = next.map_or(60, |n| (n - clock::now()).clamp(1, 60));
    for _ in 0..wait * 10 {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// Sets `stop` on SIGINT or SIGTERM: the run finishes the check in hand,
/// lets go of the rest and exits.
fn listen_for_stop(stop: Arc<AtomicBool>) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("could not start: {e}"))?;
    std::thread::spawn(move || {
        runtime.block_on(async {
            #[cfg(unix)]
            {
                use tokio::signal::unix::{signal, SignalKind};
                let (Ok(mut term), Ok(mut int)) = (
                    signal(SignalKind::terminate()),
                    signal(SignalKind::interrupt()),
                ) else {
                    return;
                };
                tokio::select! {
                    _ = term.recv() => {}
                    _ = int.recv() => {}
                }
            }
            #[cfg(not(unix))]
            {
                let _ = tokio::signal::ctrl_c().await;
            }
            stop.store(true, Ordering::Relaxed);
            eprintln!("storydiff: stopping after the check in hand");
        });
    });
    Ok(())
}
