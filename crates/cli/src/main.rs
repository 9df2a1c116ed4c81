//! `storydiff`: compare two versions of a news article from the terminal.
//!
//! Exit codes follow `diff`: 0 when the bodies do not differ, 1 when they
//! do, 2 on trouble (with the reason on stderr).

mod terminal;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

mod blame;
mod history;
mod versions;

use clap::{Parser, Subcommand, ValueEnum};
use storydiff_engine::{compare_owned, report, Comparison, Document, Options};
use storydiff_sources::{load, load_both, LoadOptions, Loaded, Source};

mod batch;
mod ledger;
mod tracked;

#[derive(Parser)]
#[command(
    name = "storydiff",
    version,
    about = "Shows how two versions of a news article differ."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compare an old and a new version of an article: files (.txt, .md,
    /// saved .html pages, .pdf, .docx, .odt) or web addresses (fetched at
    /// once, side by side). With one Word or OpenDocument file, compare its
    /// text before its tracked changes with its text after them.
    Compare {
        /// The old version (left side): a path or an http(s) address.
        old: OsString,
        /// The new version (right side): a path or an http(s) address.
        /// Leave it out to compare a draft with its own tracked changes.
        new: Option<OsString>,
        #[command(flatten)]
        output: OutputArgs,
        #[command(flatten)]
        fetching: FetchArgs,
    },
    /// Show the article that storydiff reads from a file or web page.
    Extract {
        /// A path or an http(s) address.
        source: OsString,
        /// How to print the article.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        fetching: FetchArgs,
    },
    /// List every version of an article over time (web archives, pages
    /// fetched before, the live page with --now) and keep them.
    History(history::HistoryArgs),
    /// Each sentence of an article's latest stored version (or of a version
    /// token) with the version where it took its current form.
    Blame(blame::BlameArgs),
    /// Compare the built-in sample story with its reprint.
    Sample {
        #[command(flatten)]
        output: OutputArgs,
    },
    /// One original against many copies: what each kept, changed, credited
    /// and whose edits it follows.
    Ledger(ledger::LedgerArgs),
    /// Compare many pairs: JSON lines in, one JSON line out per line, in order.
    Batch(batch::BatchArgs),
}

#[derive(clap::Args)]
struct OutputArgs {
    /// How to print the comparison.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Also count differences of typography (quotes, dashes, spaces) as changes.
    #[arg(long)]
    strict: bool,
    /// Treat upper and lower case as the same.
    #[arg(long)]
    ignore_case: bool,
    /// Ignore punctuation: a changed comma or quote mark is not an edit.
    #[arg(long)]
    ignore_punctuation: bool,
}

#[derive(clap::Args)]
struct FetchArgs {
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
    fn load_options(&self) -> LoadOptions {
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
    /// The comparison as JSON (the contract documented in the README).
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

/// Returns whether the two versions differ.
fn run(cli: Cli) -> Result<bool, String> {
    let (old, new, output) = match cli.command {
        Command::Compare {
            old,
            new,
            output,
            fetching,
        } => {
            let options = fetching.load_options();
            match new {
                None => {
                    let (old, new) = tracked::load(&old, &options)?;
                    (old, new, output)
                }
                Some(new) => {
                    // A stored version's token (`version:42`) is read offline.
                    let old_stored = old.to_str().and_then(versions::load_token);
                    let new_stored = new.to_str().and_then(versions::load_token);
                    let (old_loaded, new_loaded) = runtime()?.block_on(load_both(
                        &Source::parse_os(&old),
                        &Source::parse_os(&new),
                        &options,
                    ));
                    let old = match old_stored {
                        Some(stored) => stored?,
                        None => loaded(old_loaded)?,
                    };
                    let new = match new_stored {
                        Some(stored) => stored?,
                        None => loaded(new_loaded)?,
                    };
                    (old, new, output)
                }
            }
        }
        Command::Extract {
            source,
            format,
            fetching,
        } => {
            let options = fetching.load_options();
            let document = loaded(runtime()?.block_on(load(&Source::parse_os(&source), &options)))?;
            write_out(&match format {
                Format::Text => terminal::visible(&article_text(&document)).into_owned(),
                Format::Json => json(&document)?,
                Format::Html | Format::Markdown => {
                    return Err("extract prints text or json only".to_string())
                }
            })?;
            return Ok(false);
        }
        Command::History(args) => return history::run(args).map(|()| false),
        Command::Blame(args) => return blame::run(args).map(|()| false),
        Command::Sample { output } => {
            let (old, new) = storydiff_sources::sample();
            (old, new, output)
        }
        Command::Ledger(args) => return ledger::run(args),
        Command::Batch(args) => return batch::run(args),
    };
    let options = Options {
        strict: output.strict,
        ignore_case: output.ignore_case,
        ignore_punctuation: output.ignore_punctuation,
        ..Options::default()
    };
    // The documents move into the comparison: holding them twice was a
    // fifth of a 10 MB comparison's memory.
    let comparison = compare_owned(old, new, &options);
    print(&comparison, output.format)?;
    if matches!(output.format, Format::Text) {
        write_out(&storydiff_engine::revisions::text_report(&comparison))?;
    }
    let differs = comparison.has_differences();
    // The process ends here: freeing a large comparison piece by piece (a
    // 10 MB pair's 60,000 strings and their word diffs) is work the
    // system does at once when it takes the process's memory back.
    std::mem::forget(comparison);
    Ok(differs)
}

pub(crate) fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("could not start: {e}"))
}

fn loaded(result: Result<Loaded, storydiff_sources::Error>) -> Result<Document, String> {
    let loaded = result.map_err(|e| e.to_string())?;
    for warning in &loaded.warnings {
        eprintln!("storydiff: warning: {}", terminal::visible(warning));
    }
    Ok(loaded.document)
}

/// The article as storydiff reads it; boilerplate lines are marked.
fn article_text(d: &Document) -> String {
    let mut out = String::new();
    let field = |out: &mut String, label: &str, value: &Option<String>| {
        if let Some(v) = value {
            out.push_str(&format!("{label}: {v}\n"));
        }
    };
    field(&mut out, "Source", &d.source);
    field(&mut out, "Site", &d.site);
    field(&mut out, "Headline", &d.title);
    field(&mut out, "Standfirst", &d.standfirst);
    field(&mut out, "Byline", &d.byline);
    field(&mut out, "Published", &d.published);
    out.push('\n');
    // As flags by paragraph: searching the list for every paragraph was
    // quadratic on a page of many marked lines.
    let mut marked = vec![false; d.paragraphs.len()];
    for &i in &d.boilerplate {
        if let Some(m) = marked.get_mut(i) {
            *m = true;
        }
    }
    for (i, p) in d.paragraphs.iter().enumerate() {
        let mark = if marked[i] { " [boilerplate]" } else { "" };
        out.push_str(&format!("¶{}{mark} {p}\n\n", i + 1));
    }
    out
}

pub(crate) fn json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    let mut json = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    json.push('\n');
    Ok(json)
}

fn print(comparison: &Comparison, format: Format) -> Result<(), String> {
    write_out(&match format {
        Format::Text => terminal::visible(&report::text(comparison)).into_owned(),
        Format::Json => return stream_json(comparison),
        Format::Html => report::html(comparison),
        Format::Markdown => terminal::visible(&report::markdown(comparison)).into_owned(),
    })
}

/// Writes the comparison's JSON straight to stdout as it is serialised:
/// a 10 MB pair's JSON is some 50 MB, and building it as one string first
/// doubled the memory and delayed the first byte.
fn stream_json(comparison: &Comparison) -> Result<(), String> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = serde_json::to_writer_pretty(&mut out, comparison)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    written_or_closed(written)
}

pub(crate) fn write_out(text: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    written_or_closed(
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush()),
    )
}

fn written_or_closed(written: std::io::Result<()>) -> Result<(), String> {
    match written {
        // A closed pipe (`storydiff … | head`) is the reader's choice, not trouble.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("could not write the report: {e}"))
        }
        _ => Ok(()),
    }
}
