//! `storydiff`: compare two versions of a news article from the terminal.
//!
//! Exit codes follow `diff`: 0 when the bodies do not differ, 1 when they
//! do, 2 on trouble (with the reason on stderr).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod batch;
mod ledger;
use storydiff_engine::{compare, report, Comparison, Document, Options};
use storydiff_sources::{load, load_both, LoadOptions, Loaded, SnapshotStore, Source};

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
    /// saved .html pages) or web addresses (fetched at once, side by side).
    Compare {
        /// The old version (left side): a path or an http(s) address.
        old: String,
        /// The new version (right side): a path or an http(s) address.
        new: String,
        #[command(flatten)]
        output: OutputArgs,
        #[command(flatten)]
        fetching: FetchArgs,
    },
    /// Show the article that storydiff reads from a file or web page.
    Extract {
        /// A path or an http(s) address.
        source: String,
        /// How to print the article.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        fetching: FetchArgs,
    },
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
    /// Where to keep the pages fetched from the web (default:
    /// $XDG_DATA_HOME/storydiff/snapshots or ~/.local/share/storydiff/snapshots).
    #[arg(long, value_name = "DIR")]
    snapshots: Option<PathBuf>,
    /// Keep no copy of fetched pages.
    #[arg(long, conflicts_with = "snapshots")]
    no_snapshots: bool,
    /// Refuse files and pages larger than this many megabytes.
    #[arg(long, value_name = "MB", default_value_t = 50)]
    max_size: u64,
}

impl FetchArgs {
    fn load_options(&self) -> LoadOptions {
        let dir = if self.no_snapshots {
            None
        } else {
            self.snapshots.clone().or_else(SnapshotStore::default_dir)
        };
        let mut options = LoadOptions {
            store: dir.map(SnapshotStore::new),
            ..LoadOptions::default()
        };
        let cap = self.max_size.saturating_mul(1024 * 1024);
        options.read.max_bytes = cap;
        options.fetch.max_bytes = cap;
        options
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
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
            eprintln!("storydiff: {message}");
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
            let (old, new) = runtime()?.block_on(load_both(
                &Source::parse(&old),
                &Source::parse(&new),
                &options,
            ));
            (loaded(old)?, loaded(new)?, output)
        }
        Command::Extract {
            source,
            format,
            fetching,
        } => {
            let options = fetching.load_options();
            let document = loaded(runtime()?.block_on(load(&Source::parse(&source), &options)))?;
            write_out(&match format {
                Format::Text => article_text(&document),
                Format::Json => json(&document)?,
                Format::Html | Format::Markdown => {
                    return Err("extract prints text or json only".to_string())
                }
            })?;
            return Ok(false);
        }
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
    let comparison = compare(&old, &new, &options);
    print(&comparison, output.format)?;
    Ok(comparison.has_differences())
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("could not start: {e}"))
}

fn loaded(result: Result<Loaded, storydiff_sources::Error>) -> Result<Document, String> {
    let loaded = result.map_err(|e| e.to_string())?;
    for warning in &loaded.warnings {
        eprintln!("storydiff: warning: {warning}");
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
    for (i, p) in d.paragraphs.iter().enumerate() {
        let mark = if d.boilerplate.contains(&i) {
            " [boilerplate]"
        } else {
            ""
        };
        out.push_str(&format!("¶{}{mark} {p}\n\n", i + 1));
    }
    out
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    let mut json = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    json.push('\n');
    Ok(json)
}

fn print(comparison: &Comparison, format: Format) -> Result<(), String> {
    write_out(&match format {
        Format::Text => report::text(comparison),
        Format::Json => json(comparison)?,
        Format::Html => report::html(comparison),
        Format::Markdown => report::markdown(comparison),
    })
}

fn write_out(text: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A closed pipe (`storydiff … | head`) is the reader's choice, not trouble.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("could not write the report: {e}"))
        }
        _ => Ok(()),
    }
}
