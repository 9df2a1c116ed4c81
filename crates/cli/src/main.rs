//! `storydiff`: compare two versions of a news article from the terminal.
//!
//! Exit codes follow `diff`: 0 when the bodies do not differ, 1 when they
//! do, 2 on trouble (with the reason on stderr).

mod batch;
mod blame;
mod compare;
mod extract;
mod history;
mod ledger;
mod manual;
mod terminal;
mod tracked;
mod versions;
mod warc;
mod watch;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use storydiff_engine::Document;
use storydiff_sources::{LoadOptions, Loaded};

#[derive(Parser)]
#[command(
    long_about = "Shows how two versions of a news article differ: what was added, removed, reworded and moved, with flags on changed figures, names and quotes. Reads files (text, Markdown, saved pages, PDF, Word, OpenDocument) and web addresses; follows a story through the web archives and watches articles and feeds as they change.",
    name = "storydiff",
    version,
    about = "Shows how two versions of a news article differ."
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compare an old and a new version of an article: files (.txt, .md,
    /// saved .html pages, .pdf, .docx, .odt) or web addresses (fetched at
    /// once, side by side). With one Word or OpenDocument file, compare its
    /// text before its tracked changes with its text after them.
    Compare(compare::CompareArgs),
    /// Show the article that storydiff reads from a file or web page.
    Extract(extract::ExtractArgs),
    /// List every version of an article over time (web archives, pages
    /// fetched before, the live page with --now) and keep them.
    History(history::HistoryArgs),
    /// Each sentence of an article's latest stored version (or of a version
    /// token) with the version where it took its current form.
    Blame(blame::BlameArgs),
    /// Compare the built-in sample story with its reprint.
    Sample(compare::SampleArgs),
    /// One original against many copies: what each kept, changed, credited
    /// and whose edits it follows.
    Ledger(ledger::LedgerArgs),
    /// Compare many pairs: JSON lines in, one JSON line out per line, in order.
    Batch(batch::BatchArgs),
    /// Watch articles, feeds and sitemaps as they change: add, list,
    /// remove, run (once, or until stopped), and an Atom feed of the changes.
    Watch(watch::WatchArgs),
    /// Web-archive files: index WARC files (an article per HTML response)
    /// and export a story's evidence as WARC or WACZ.
    Warc(warc::WarcArgs),
    /// Print the completion script for bash, zsh or fish.
    Completions(manual::CompletionsArgs),
    /// Write the man pages into a folder (the packages install them).
    #[command(hide = true)]
    Manpages(manual::ManpagesArgs),
}

#[derive(clap::Args)]
pub(crate) struct OutputArgs {
    /// How to print the comparison.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
    /// Also count differences of typography (quotes, dashes, spaces) as changes.
    #[arg(long)]
    pub(crate) strict: bool,
    /// Treat upper and lower case as the same.
    #[arg(long)]
    pub(crate) ignore_case: bool,
    /// Ignore punctuation: a changed comma or quote mark is not an edit.
    #[arg(long)]
    pub(crate) ignore_punctuation: bool,
}

#[derive(clap::Args)]
pub(crate) struct FetchArgs {
    /// The folder of the store that keeps the pages fetched from the web
    /// (default: $XDG_DATA_HOME/storydiff or ~/.local/share/storydiff). Old
    /// snapshot files found in it are moved into the store once.
    #[arg(long, value_name = "DIR")]
    snapshots: Option<PathBuf>,
    /// Keep no copy of fetched pages.
    #[arg(long, conflicts_with = "snapshots")]
    no_snapshots: bool,
    /// Refuse files and pages larger than this many megabytes.
    #[arg(long, value_name = "MB", default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..))]
    max_size: u64,
}

impl FetchArgs {
    pub(crate) fn load_options(&self) -> LoadOptions {
        let dir = if self.no_snapshots {
            None
        } else {
            self.snapshots.clone().or_else(storydiff_store::default_dir)
        };
        let mut options = LoadOptions {
            store: dir,
            ..LoadOptions::default()
        };
        let cap = self.max_size.saturating_mul(1024 * 1024);
        options.read.max_bytes = cap;
        options.fetch.max_bytes = cap;
        options
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    /// A readable report; edits inside passages as [-old-]{+new+}.
    Text,
    /// The comparison as JSON (the contract in docs/json.md).
    Json,
    /// A self-contained HTML report, for a browser or for print.
    Html,
    /// A short summary to paste into a chat or a note: the quotable line
    /// and the changes worth checking first (what the app's Copy gives).
    Markdown,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(differs) => ExitCode::from(u8::from(differs)),
        Err(message) => {
            eprintln!("storydiff: {}", terminal::visible(&message));
            ExitCode::from(2)
        }
    }
}

/// Runs a subcommand; returns whether what it compared differs.
fn run(cli: Cli) -> Result<bool, String> {
    match cli.command {
        Command::Compare(args) => compare::run(args),
        Command::Extract(args) => extract::run(args).map(|()| false),
        Command::History(args) => history::run(args).map(|()| false),
        Command::Blame(args) => blame::run(args).map(|()| false),
        Command::Sample(args) => compare::sample(args),
        Command::Ledger(args) => ledger::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Watch(args) => watch::run(args).map(|()| false),
        Command::Warc(args) => warc::run(args).map(|()| false),
        Command::Completions(args) => manual::completions(args).map(|()| false),
        Command::Manpages(args) => manual::manpages(args).map(|()| false),
    }
}

pub(crate) fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("could not start: {e}"))
}

pub(crate) fn loaded(result: Result<Loaded, storydiff_sources::Error>) -> Result<Document, String> {
    let loaded = result.map_err(|e| e.to_string())?;
    for warning in &loaded.warnings {
        eprintln!("storydiff: warning: {}", terminal::visible(warning));
    }
    Ok(loaded.document)
}

pub(crate) fn json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    let mut json = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    json.push('\n');
    Ok(json)
}

pub(crate) fn write_out(text: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    written_or_closed(
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush()),
    )
}

pub(crate) fn written_or_closed(written: std::io::Result<()>) -> Result<(), String> {
    match written {
        // A closed pipe (`storydiff … | head`) is the reader's choice, not trouble.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("could not write the report: {e}"))
        }
        _ => Ok(()),
    }
}
