//! `storydiff blame SOURCE`: the sentences of a stored version, each with
//! the version in which it first read as it does now, and its earlier forms
//! with word diffs. It reads only what `storydiff history` stored (offline).

use serde::Serialize;
use storydiff_engine::history::sentence_history;
use storydiff_engine::{DiffSegment, Document, Tag};
use storydiff_sources::story::{self, StoryVersion};

use crate::history::VersionJson;
use crate::versions::open_store;

#[derive(clap::Args)]
pub struct BlameArgs {
    /// The article's address (its latest stored version), or a stored
    /// version's token (`version:42`) from `storydiff history`.
    source: String,
    /// How to print the sentences.
    #[arg(long, value_enum, default_value_t = crate::Format::Text)]
    format: crate::Format,
}

#[derive(Serialize)]
struct BlameJson {
    url: String,
    /// The version whose sentences are listed (a token).
    version: String,
    /// The versions the history was read from, oldest first.
    versions: Vec<VersionJson>,
    sentences: Vec<SentenceJson>,
}

#[derive(Serialize)]
struct SentenceJson {
    paragraph: usize,
    text: String,
    /// The version (token) in which the sentence took its current form.
    since: String,
    since_captured_at: String,
    earlier: Vec<EarlierJson>,
}

#[derive(Serialize)]
struct EarlierJson {
    text: String,
    since: String,
    since_captured_at: String,
    /// The version that changed it.
    until: String,
    until_captured_at: String,
    /// From this form to the one that replaced it.
    diff: Vec<DiffSegment>,
}

pub fn run(args: BlameArgs) -> Result<(), String> {
    if matches!(args.format, crate::Format::Html | crate::Format::Markdown) {
        return Err("blame prints text or json only (--format text or --format json); for a report of two versions, `storydiff compare version:A version:B --format html`".to_string());
    }
    if args.source.starts_with(story::TOKEN_PREFIX) && !story::is_token(&args.source) {
        return Err(format!(
            "{}: not a version token; a token is `version:` and a number, as `storydiff history ADDRESS` lists them",
            args.source
        ));
    }
    let store = open_store()?;
    let (story_id, wanted) = if story::is_token(&args.source) {
        let id: i64 = args.source[story::TOKEN_PREFIX.len()..]
            .parse()
            .map_err(|_| format!("{}: not a version token", args.source))?;
        let capture = store.capture(id).map_err(|e| e.to_string())?;
        (capture.story_id, Some(id))
    } else {
        let story = store
            .find_story(&args.source)
            .map_err(|e| e.to_string())?
            .ok_or_else(|| {
                format!(
                    "{}: no stored versions of this page. Run `storydiff history {}` first to read them.",
                    args.source, args.source
                )
            })?;
        (story.id, None)
    };
    let url = store
        .stories()
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|s| s.id == story_id)
        .map(|s| s.key)
        .unwrap_or_default();
    let versions = story::versions(&store, story_id, false).map_err(|e| e.to_string())?;
    if versions.is_empty() {
        return Err(format!("{url}: no stored version has an article to read."));
    }
    let at = match wanted {
        Some(id) => versions
            .iter()
            .position(|v| v.capture.id == id)
            .ok_or_else(|| format!("{}: a bad capture, with no article to read", args.source))?,
        None => versions.len() - 1,
    };
    let documents: Vec<Document> = versions
        .iter()
        .map(|v| v.document.clone().unwrap_or_default())
        .collect();
    let history = sentence_history(&documents, at);
    let token = |i: usize| versions[i].token();
    let when = |i: usize| versions[i].capture.captured_at.clone();
    let json = BlameJson {
        url: url.clone(),
        version: token(at),
        versions: versions[..=at].iter().map(VersionJson::of).collect(),
        sentences: history
            .into_iter()
            .map(|s| SentenceJson {
                paragraph: s.paragraph,
                since: token(s.since),
                since_captured_at: when(s.since),
                earlier: s
                    .earlier
                    .into_iter()
                    .map(|e| EarlierJson {
                        since: token(e.since),
                        since_captured_at: when(e.since),
                        until: token(e.until),
                        until_captured_at: when(e.until),
                        text: e.text,
                        diff: e.diff,
                    })
                    .collect(),
                text: s.text,
            })
            .collect(),
    };
    crate::write_out(&match args.format {
        crate::Format::Json => crate::json(&json)?,
        _ => crate::terminal::visible(&text(&json, &versions)).into_owned(),
    })
}

fn text(blame: &BlameJson, versions: &[StoryVersion]) -> String {
    let mut out = format!(
        "{}: {} as of {} ({} versions read)\n",
        blame.url,
        blame.version,
        versions
            .iter()
            .find(|v| v.token() == blame.version)
            .map(|v| v.capture.captured_at.as_str())
            .unwrap_or(""),
        blame.versions.len()
    );
    let mut paragraph = usize::MAX;
    for s in &blame.sentences {
        if s.paragraph != paragraph {
            out.push('\n');
            paragraph = s.paragraph;
        }
        out.push_str(&format!(
            "[since {} {}] {}\n",
            s.since_captured_at, s.since, s.text
        ));
        for e in s.earlier.iter().rev() {
            out.push_str(&format!(
                "    was, {} to {}: {}\n",
                e.since_captured_at,
                e.until_captured_at,
                word_diff(&e.diff)
            ));
        }
    }
    out
}

/// `[-old-]{+new+}` as in the compare report.
fn word_diff(diff: &[DiffSegment]) -> String {
    diff.iter()
        .map(|s| match s.tag {
            Tag::Equal => s.text.clone(),
            Tag::Delete => format!("[-{}-]", s.text),
            Tag::Insert => format!("{{+{}+}}", s.text),
        })
        .collect()
}
