//! `storydiff warc`: web-archive files in and out.
//!
//! `index` reads WARC files record by record and writes a line per HTML
//! response with its article's figures (the step before `ledger`, `batch`
//! or Spark); `export` writes a story's stored versions and comparisons as
//! a WARC, or a WACZ that ReplayWeb.page and pywb open.

use std::io::Write;
use std::path::PathBuf;

use storydiff_sources::evidence::{self, Package};
use storydiff_sources::warc::{IndexLine, IndexOptions};

use crate::terminal::visible;
use crate::versions::open_store;

#[derive(clap::Args)]
pub struct WarcArgs {
    #[command(subcommand)]
    command: WarcCommand,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum IndexFormat {
    /// A line per record: place, date, words, address, headline or why not.
    Text,
    /// JSON lines, one object per record (the contract in docs/json.md).
    Json,
}

#[derive(clap::Subcommand)]
enum WarcCommand {
    /// A line per HTML response record (and per revisit of one) of WARC
    /// files, .warc or .warc.gz: its address, date, digest, status, and its
    /// article's headline, words, publication date and site. A record with
    /// no article says why.
    Index {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = IndexFormat::Text)]
        format: IndexFormat,
        /// Records read at once (default: one per core).
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
        /// Also write each article's text (JSON: a `text` field), for
        /// `ledger`, `batch` or the Spark job.
        #[arg(long)]
        text: bool,
        /// Read each page as `compare` does, trafilatura's reading of the
        /// body included, so that `words` leaves out every line the app
        /// would mark. About half the speed; the text, headline, site and
        /// date are the same either way.
        #[arg(long)]
        thorough: bool,
    },
    /// Write the stored versions of a story (see `storydiff history`) and
    /// its comparisons as a WARC file (-o story.warc.gz) or a WACZ
    /// (--wacz story.wacz).
    Export {
        /// The story's address.
        url: String,
        /// The WARC file to write (one gzip member per record).
        #[arg(short, long, value_name = "FILE", required_unless_present = "wacz")]
        output: Option<PathBuf>,
        /// The WACZ to write (WACZ 1.1.1: the WARC, its index, its pages).
        #[arg(long, value_name = "FILE")]
        wacz: Option<PathBuf>,
    },
}

pub fn run(args: WarcArgs) -> Result<(), String> {
    match args.command {
        WarcCommand::Index {
            files,
            format,
            jobs,
            text,
            thorough,
        } => {
            let jobs =
                jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            let options = IndexOptions {
                jobs,
                with_text: text,
                thorough,
            };
            index(&files, format, &options)
        }
        WarcCommand::Export { url, output, wacz } => {
            let store = open_store()?;
            for (target, package) in [(output, Package::Warc), (wacz, Package::Wacz)] {
                let Some(target) = target else { continue };
                let done =
                    evidence::export(&store, &url, &target, package).map_err(|e| e.to_string())?;
                eprintln!(
                    "storydiff: wrote {} ({} responses, {} revisits, {} versions from archives or files, {} comparisons{}).",
                    target.display(),
                    done.responses,
                    done.revisits,
                    done.resources,
                    done.comparisons,
                    match done.left_out {
                        0 => String::new(),
                        n => format!("; {n} captures with no bytes kept left out"),
                    }
                );
            }
            Ok(())
        }
    }
}

fn index(files: &[PathBuf], format: IndexFormat, options: &IndexOptions) -> Result<(), String> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed: Option<std::io::Error> = None;
    let mut write = |line: &IndexLine| -> bool {
        let written = match format {
            IndexFormat::Json => serde_json::to_writer(&mut out, line)
                .map_err(std::io::Error::other)
                .and_then(|()| out.write_all(b"\n")),
            IndexFormat::Text => writeln!(out, "{}", visible(&text_line(line))),
        };
        match written {
            Ok(()) => true,
            Err(e) => {
                failed = Some(e);
                false
            }
        }
    };
    let counts = storydiff_sources::warc::index(files, options, &mut write, &mut |warning| {
        eprintln!("storydiff: warning: {}", visible(&warning));
    })
    .map_err(|e| e.to_string())?;
    let flushed = out.flush();
    drop(out);
    if let Some(e) = failed {
        return crate::written_or_closed(Err(e));
    }
    crate::written_or_closed(flushed)?;
    eprintln!(
        "storydiff: {} records read, {} responses, {} articles{}.",
        counts.records,
        counts.responses,
        counts.articles,
        match counts.damaged {
            0 => String::new(),
            n => format!(", {n} damaged records passed over (named above)"),
        }
    );
    Ok(())
}

fn text_line(line: &IndexLine) -> String {
    let what = if line.article {
        format!(
            "{} words  {}",
            line.words,
            line.title.as_deref().unwrap_or("(no headline)")
        )
    } else {
        format!(
            "no article: {}",
            line.reason.as_deref().unwrap_or("unknown")
        )
    };
    format!("{}  {}  {}  {what}", line.record, line.date, line.uri)
}
