//! `storydiff ledger ORIGINAL COPY...`: one original against many copies.
//!
//! Every source is loaded at once (at most [`AT_ONCE`] fetched together, so
//! a long list of addresses does not hammer a site), then the engine's
//! ledger compares the original with each copy.

use std::sync::Arc;

use clap::ValueEnum;
use storydiff_engine::{ledger, Document, Options};
use storydiff_sources::{load, LoadOptions, Source};

use super::{json, loaded, runtime, write_out, FetchArgs};

/// How many sources are loaded at the same time.
pub(crate) const AT_ONCE: usize = 4;

#[derive(clap::Args)]
pub(crate) struct LedgerArgs {
    /// The original: a path or an http(s) address.
    original: String,
    /// The copies: paths or http(s) addresses.
    #[arg(required = true)]
    copies: Vec<String>,
    /// How to print the ledger.
    #[arg(long, value_enum, default_value_t = LedgerFormat::Text)]
    format: LedgerFormat,
    /// Also count differences of typography (quotes, dashes, spaces) as changes.
    #[arg(long)]
    strict: bool,
    /// Treat upper and lower case as the same.
    #[arg(long)]
    ignore_case: bool,
    /// Ignore punctuation: a changed comma or quote mark is not an edit.
    #[arg(long)]
    ignore_punctuation: bool,
    #[command(flatten)]
    fetching: FetchArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum LedgerFormat {
    /// A readable report: a block per copy, then the matrix.
    Text,
    /// `{ original, copies: [ { source, title, site, published, stats, credit, follows, … } ] }`.
    Json,
    /// One row per copy.
    Csv,
    /// A self-contained HTML report.
    Html,
}

/// Loads the sources, builds the ledger and prints it.
pub(crate) fn run(args: LedgerArgs) -> Result<bool, String> {
    let options = Arc::new(args.fetching.load_options());
    let mut sources = vec![args.original.clone()];
    sources.extend(args.copies.iter().cloned());
    let documents = runtime()?.block_on(load_all(&sources, options))?;
    let (original, copies) = documents.split_first().expect("the original is first");
    let compare_options = Options {
        strict: args.strict,
        ignore_case: args.ignore_case,
        ignore_punctuation: args.ignore_punctuation,
        ..Options::default()
    };
    let ledger = ledger::ledger(original, copies, &compare_options);
    write_out(&match args.format {
        LedgerFormat::Text => crate::terminal::visible(&ledger::text(&ledger)).into_owned(),
        LedgerFormat::Json => json(&ledger)?,
        LedgerFormat::Csv => ledger::csv(&ledger),
        LedgerFormat::Html => ledger::html(&ledger),
    })?;
    Ok(false)
}

/// Loads every source, [`AT_ONCE`] at a time, in the order given. The first
/// failure is the error, naming its source.
async fn load_all(sources: &[String], options: Arc<LoadOptions>) -> Result<Vec<Document>, String> {
    let limit = Arc::new(tokio::sync::Semaphore::new(AT_ONCE));
    let mut tasks = tokio::task::JoinSet::new();
    for (k, arg) in sources.iter().enumerate() {
        let (limit, options, arg) = (limit.clone(), options.clone(), arg.clone());
        tasks.spawn(async move {
            let _permit = limit.acquire_owned().await.expect("never closed");
            (k, load(&Source::parse(&arg), &options).await)
        });
    }
    let mut documents: Vec<Option<Document>> = vec![None; sources.len()];
    let mut first_error: Option<(usize, String)> = None;
    while let Some(joined) = tasks.join_next().await {
        let (k, result) = joined.map_err(|e| format!("internal error while loading: {e}"))?;
        match loaded(result) {
            Ok(document) => documents[k] = Some(document),
            Err(message) => {
                if first_error.as_ref().is_none_or(|(at, _)| k < *at) {
                    first_error = Some((k, message));
                }
            }
        }
    }
    if let Some((_, message)) = first_error {
        return Err(message);
    }
    Ok(documents.into_iter().map(|d| d.expect("loaded")).collect())
}
