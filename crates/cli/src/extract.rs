//! `storydiff extract SOURCE`: the article storydiff reads from a file or
//! a web page, its metadata and each paragraph, boilerplate marked.

use std::ffi::OsString;

use storydiff_engine::Document;
use storydiff_sources::{load, Source};

use crate::{json, loaded, runtime, terminal, write_out, FetchArgs, Format};

#[derive(clap::Args)]
pub(crate) struct ExtractArgs {
    /// A path or an http(s) address.
    source: OsString,
    /// How to print the article.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Say, under each line marked as not the story, what marked it: the
    /// rule, the line judge's score or the site's template (the JSON has it
    /// always, in `why_marked`).
    #[arg(long)]
    explain: bool,
    #[command(flatten)]
    fetching: FetchArgs,
}

pub(crate) fn run(args: ExtractArgs) -> Result<(), String> {
    let options = args.fetching.load_options();
    let document = loaded(runtime()?.block_on(load(&Source::parse_os(&args.source), &options)))?;
    write_out(&match args.format {
        Format::Text => terminal::visible(&article_text(&document, args.explain)).into_owned(),
        Format::Json => json(&document)?,
        Format::Html | Format::Markdown => {
            return Err("extract prints text or json only".to_string())
        }
    })
}

/// The article as storydiff reads it; boilerplate lines are marked, and
/// with `explain` each says why.
fn article_text(d: &Document, explain: bool) -> String {
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
        out.push_str(&format!("¶{}{mark} {p}\n", i + 1));
        if explain && marked[i] {
            out.push_str(&format!("   why: {}\n", d.reason_of_marked(i)));
        }
        out.push('\n');
    }
    out
}
