//! `storydiff history SOURCE`: every version of an article over time, from
//! the web archives, pages fetched before and (with `--now`) the live page,
//! listed oldest first and kept in storydiff's database.

use serde::Serialize;
use storydiff_sources::story::{self, HistoryOptions, Progress, StoryVersion};
use storydiff_web::archive::{ArchiveOptions, DEFAULT_LIMIT, MEMENTO_TIMEMAPS, WAYBACK_BASE};

use crate::versions::open_store;

fn max_time(text: &str) -> Result<u64, String> {
    storydiff_watch::schedule::parse_duration(text).map(|s| s as u64)
}

/// Which archives `history` reads.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ArchiveChoice {
    /// The Wayback Machine (CDX listing, original-bytes replay).
    Wayback,
    /// Memento archives by their TimeMaps (archive.today, arquivo.pt, or --timemap).
    Memento,
    /// No archive: only the versions already stored (and --now).
    None,
}

#[derive(clap::Args)]
pub struct HistoryArgs {
    /// The article's address, or a Wayback address of it
    /// (https://web.archive.org/web/2023…/https://…).
    source: String,
    /// Archives to read, comma-separated.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "wayback,memento"
    )]
    archives: Vec<ArchiveChoice>,
    /// The Wayback Machine's address, for the CDX queries and the replays.
    #[arg(long, value_name = "URL", default_value = WAYBACK_BASE)]
    archive_base: String,
    /// A Memento TimeMap address prefix (the page's address is appended);
    /// repeat for several. Default: archive.today and arquivo.pt.
    #[arg(long, value_name = "PREFIX")]
    timemap: Vec<String>,
    /// Take the newest N captures of each archive.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LIMIT)]
    limit: usize,
    /// Captures from this time on (1 to 14 digits: 2023, 20230913).
    #[arg(long, value_name = "YYYYMMDD…")]
    from: Option<String>,
    /// Captures up to this time (inclusive).
    #[arg(long, value_name = "YYYYMMDD…")]
    to: Option<String>,
    /// Also fetch the live page now, as a new version.
    #[arg(long)]
    now: bool,
    /// WARC files (.warc, .warc.gz) whose captures of the page are versions
    /// too; repeat the option or give several files after it.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    warc: Vec<std::path::PathBuf>,
    /// The most the whole import may take (90s, 15m, 1h); what is left is
    /// read by the next run.
    #[arg(long, value_name = "DURATION", default_value = "15m", value_parser = max_time)]
    max_time: u64,
    /// Also list bad captures (paywall, consent, CAPTCHA or error pages, redirects).
    #[arg(long)]
    all: bool,
    /// How to print the list.
    #[arg(long, value_enum, default_value_t = crate::Format::Text)]
    format: crate::Format,
}

/// One version in `history --format json` (a public contract: fields are
/// added, never removed).
#[derive(Serialize)]
pub(crate) struct VersionJson {
    /// A token that `storydiff compare` accepts as OLD or NEW.
    source: String,
    captured_at: String,
    /// wayback | memento | fetched | file | warc
    origin: &'static str,
    /// The archive's host for wayback and memento; the file for warc.
    archive: Option<String>,
    article_changed: bool,
    /// Word similarity with the previous version, 0 to 1 (null for the first).
    similarity: Option<f64>,
    title: Option<String>,
    words: usize,
    /// Why a capture is bad, or other remarks.
    note: Option<String>,
    /// A bad capture (listed only with --all).
    bad: bool,
}

impl VersionJson {
    pub(crate) fn of(v: &StoryVersion) -> VersionJson {
        let version = v.capture.version.as_ref();
        VersionJson {
            source: v.token(),
            captured_at: v.capture.captured_at.clone(),
            origin: v.capture.origin.as_str(),
            archive: v.capture.archive.clone(),
            article_changed: v.change.article_changed,
            similarity: v.change.similarity,
            title: version.and_then(|v| v.title.clone()),
            words: version.map_or(0, |v| v.words),
            note: v.note.clone(),
            bad: v.bad,
        }
    }
}

#[derive(Serialize)]
struct HistoryJson {
    url: String,
    versions: Vec<VersionJson>,
    warnings: Vec<String>,
}

pub fn run(args: HistoryArgs) -> Result<(), String> {
    if matches!(args.format, crate::Format::Html | crate::Format::Markdown) {
        return Err("history prints text or json only (--format text or --format json); for a report of two versions, `storydiff compare version:A version:B --format html`".to_string());
    }
    let store = open_store()?;
    let none = args.archives.contains(&ArchiveChoice::None);
    let timemaps = if args.timemap.is_empty() {
        MEMENTO_TIMEMAPS.iter().map(|s| s.to_string()).collect()
    } else {
        args.timemap.clone()
    };
    let options = HistoryOptions {
        archives: ArchiveOptions {
            wayback_base: (!none && args.archives.contains(&ArchiveChoice::Wayback))
                .then(|| args.archive_base.trim_end_matches('/').to_string()),
            timemaps: if !none && args.archives.contains(&ArchiveChoice::Memento) {
                timemaps
            } else {
                Vec::new()
            },
            limit: args.limit.max(1),
            from: args.from.clone(),
            to: args.to.clone(),
            ..ArchiveOptions::default()
        },
        now: args.now,
        max_time: Some(std::time::Duration::from_secs(args.max_time)),
        warc: args.warc.clone(),
        ..HistoryOptions::default()
    };
    let runtime = crate::runtime()?;
    let mut progress = |p: Progress| match p {
        Progress::Listing { archive } => eprintln!("storydiff: asking {archive} for its captures…"),
        Progress::Fetching {
            done,
            total,
            archive,
            captured_at,
        } => eprintln!(
            "storydiff: reading capture {} of {total} ({archive}, {captured_at})",
            done + 1
        ),
        Progress::Live => eprintln!("storydiff: fetching the live page…"),
    };
    let imported = runtime
        .block_on(story::import(&store, &args.source, &options, &mut progress))
        .map_err(|e| e.to_string())?;
    for warning in &imported.warnings {
        eprintln!("storydiff: warning: {}", crate::terminal::visible(warning));
    }
    let versions =
        story::versions(&store, imported.story_id, args.all).map_err(|e| e.to_string())?;
    if versions.is_empty() {
        // Bad captures may be stored although no version is: say so, rather
        // than that nothing is.
        let bad = story::versions(&store, imported.story_id, true)
            .map_err(|e| e.to_string())?
            .len();
        let why = if bad > 0 {
            format!(" ({bad} captures are stored, all bad: a paywall, an error page or a redirect; `--all` lists them)")
        } else if imported.warnings.is_empty() {
            " (the archives asked hold no capture of it, and it was never fetched); try --now to fetch it".to_string()
        } else {
            " (see the warnings above)".to_string()
        };
        return Err(format!(
            "{}: no version of this page could be listed{why}.",
            imported.url
        ));
    }
    crate::write_out(&match args.format {
        crate::Format::Json => crate::json(&HistoryJson {
            url: imported.url.clone(),
            versions: versions.iter().map(VersionJson::of).collect(),
            warnings: imported.warnings.clone(),
        })?,
        _ => crate::terminal::visible(&text(&imported.url, &versions)).into_owned(),
    })
}

fn text(url: &str, versions: &[StoryVersion]) -> String {
    let unchanged = versions
        .iter()
        .filter(|v| !v.bad && !v.change.article_changed)
        .count();
    let mut out = format!(
        "{url}: {} version{}, {unchanged} with no change in the article\n\n",
        versions.len(),
        if versions.len() == 1 { "" } else { "s" }
    );
    for v in versions {
        let j = VersionJson::of(v);
        let what = if v.bad {
            v.note.clone().unwrap_or_else(|| "bad capture".into())
        } else if !v.change.article_changed {
            "no change in the article".to_string()
        } else {
            let title = j.title.clone().unwrap_or_else(|| "(no headline)".into());
            match v.change.similarity {
                Some(s) => format!(
                    "{title} ({} words, {:.0}% like the previous)",
                    j.words,
                    s * 100.0
                ),
                None => format!("{title} ({} words)", j.words),
            }
        };
        let origin = match &j.archive {
            Some(a) => format!("{} {a}", j.origin),
            None => j.origin.to_string(),
        };
        out.push_str(&format!(
            "{:<12} {}  {origin:<24} {what}\n",
            j.source, j.captured_at
        ));
    }
    out.push_str("\nCompare any two with `storydiff compare version:A version:B`.\n");
    out
}
