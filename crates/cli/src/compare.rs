//! `storydiff compare OLD NEW` and `storydiff sample`: two versions of an
//! article (files, web addresses, stored versions, or one draft's tracked
//! changes), compared and printed as text, JSON, HTML or Markdown.

use std::ffi::OsString;
use std::io::Write;

use storydiff_engine::{compare_owned, report, Comparison, Document, Options};
use storydiff_sources::{load_both, Source};

use crate::{loaded, runtime, terminal, tracked, versions, write_out, written_or_closed};
use crate::{FetchArgs, Format, OutputArgs};

#[derive(clap::Args)]
pub(crate) struct CompareArgs {
    /// The old version (left side): a path or an http(s) address.
    old: OsString,
    /// The new version (right side): a path or an http(s) address.
    /// Leave it out to compare a draft with its own tracked changes.
    new: Option<OsString>,
    #[command(flatten)]
    output: OutputArgs,
    #[command(flatten)]
    fetching: FetchArgs,
}

#[derive(clap::Args)]
pub(crate) struct SampleArgs {
    #[command(flatten)]
    output: OutputArgs,
}

/// Returns whether the two versions differ.
pub(crate) fn run(args: CompareArgs) -> Result<bool, String> {
    let CompareArgs {
        old,
        new,
        output,
        fetching,
    } = args;
    let options = fetching.load_options();
    let (old, new) = match new {
        None => tracked::load(&old, &options)?,
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
            (old, new)
        }
    };
    compare_and_print(old, new, &output)
}

/// The built-in sample story against its reprint.
pub(crate) fn sample(args: SampleArgs) -> Result<bool, String> {
    let (old, new) = storydiff_sources::sample();
    compare_and_print(old, new, &args.output)
}

fn compare_and_print(old: Document, new: Document, output: &OutputArgs) -> Result<bool, String> {
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
