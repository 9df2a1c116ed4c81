//! `storydiff`: compare two versions of a news article from the terminal.
//!
//! Exit codes follow `diff`: 0 when the bodies do not differ, 1 when they
//! do, 2 on trouble (with the reason on stderr).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use storydiff_engine::{compare, report, Comparison, Options};
use storydiff_sources::{read_file, ReadOptions};

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
    /// Compare an old and a new version of an article (.txt or .md files).
    Compare {
        /// The old version (left side).
        old: PathBuf,
        /// The new version (right side).
        new: PathBuf,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Compare the built-in sample story with its reprint.
    Sample {
        #[command(flatten)]
        output: OutputArgs,
    },
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

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// A readable report; edits inside passages as [-old-]{+new+}.
    Text,
    /// The comparison as JSON (the contract documented in the README).
    Json,
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
        Command::Compare { old, new, output } => {
            let read = |path: &PathBuf| {
                let loaded = read_file(path, &ReadOptions::default()).map_err(|e| e.to_string())?;
                for warning in &loaded.warnings {
                    eprintln!("storydiff: warning: {warning}");
                }
                Ok::<_, String>(loaded.document)
            };
            (read(&old)?, read(&new)?, output)
        }
        Command::Sample { output } => {
            let (old, new) = storydiff_sources::sample();
            (old, new, output)
        }
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

fn print(comparison: &Comparison, format: Format) -> Result<(), String> {
    let text = match format {
        Format::Text => report::text(comparison),
        Format::Json => {
            let mut json = serde_json::to_string_pretty(comparison).map_err(|e| e.to_string())?;
            json.push('\n');
            json
        }
    };
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
