//! Getting articles into storydiff.
//!
//! A [`Source`] is a local file or a web address. [`load`] turns it into a
//! [`Document`](storydiff_engine::Document):
//! - files ([`read_file`]): plain text, Markdown, saved web pages; folders,
//!   pipes, devices, binary content and files over the size cap are refused
//!   with an [`Error`] that names the path and says what to do;
//! - web addresses ([`fetch`]): http and https only, bounded in time and
//!   size, every page kept in a [`SnapshotStore`] so the comparison can be
//!   reopened offline and cited;
//! - decoding ([`decode`], [`decode_html`]): byte-order mark, UTF-8, the
//!   declared charset, then a `chardetng` guess;
//! - extraction ([`html::extract`]): the article, its headline, byline,
//!   date and site from the page, with boilerplate lines marked.
//!
//! [`sample`] gives the built-in sample pair that the app opens with.

pub mod archive;
mod boilerplate;
mod decode;
mod error;
mod fetch;
mod file;
pub mod html;
pub mod mhtml;
mod sample;
mod store;
pub mod story;

use std::path::PathBuf;

pub use boilerplate::{find_boilerplate, is_boilerplate};
pub use decode::{decode, decode_html, sniff_binary, Decoded};
pub use error::Error;
pub use fetch::{check_url, fetch, now_rfc3339, FetchOptions, Fetched, USER_AGENT};
pub use file::{read_file, Loaded, ReadOptions};
pub use sample::sample;
pub use store::{Snapshot, SnapshotStore};

/// Where a version of an article comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Url(String),
    /// A page fetched before, read back from the snapshot store (offline),
    /// by the SHA-256 of its body.
    Snapshot(String),
}

impl Source {
    /// A command-line argument: an address if it has a scheme
    /// (`https://…`, and also `file:`, `javascript:` or `data:`, which are
    /// then refused with a clear message), a path otherwise.
    pub fn parse(arg: &str) -> Source {
        let lower = arg.trim().to_ascii_lowercase();
        let has_scheme = lower.contains("://")
            || ["javascript:", "data:", "file:", "mailto:", "about:"]
                .iter()
                .any(|s| lower.starts_with(s));
        if has_scheme {
            Source::Url(arg.trim().to_string())
        } else {
            Source::File(PathBuf::from(arg))
        }
    }
}

/// A document from text the user pasted: paragraphs as in a text file,
/// boilerplate marked, the source named as given ("pasted (old)").
pub fn pasted(text: &str, name: &str) -> storydiff_engine::Document {
    let mut document = storydiff_engine::Document::from_text(text).with_source(name);
    document.boilerplate = find_boilerplate(&document.paragraphs);
    document
}

/// How to load sources.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub read: ReadOptions,
    pub fetch: FetchOptions,
    /// Where fetched pages are kept; `None` keeps nothing.
    pub store: Option<SnapshotStore>,
}

/// Loads a document from a file or a web address.
pub async fn load(source: &Source, options: &LoadOptions) -> Result<Loaded, Error> {
    match source {
        Source::File(path) => {
            let (path, read) = (path.clone(), options.read.clone());
            // File reads block; keep them off the async workers.
            tokio::task::spawn_blocking(move || read_file(&path, &read))
                .await
                .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))
        }
        Source::Url(url) => {
            // A pasted Wayback address is read as the capture's original
            // bytes (`id_`), so the archive's toolbar never enters the text.
            let original = archive::wayback_original_bytes(url, archive::WAYBACK_BASE);
            let page = fetch(original.as_deref().unwrap_or(url), &options.fetch).await?;
            let snapshot = match &options.store {
                Some(store) => Some(store.save(&page)?),
                None => None,
            };
            let mut loaded = page_document(&page, snapshot.as_ref())?;
            loaded.snapshot = snapshot;
            Ok(loaded)
        }
        Source::Snapshot(sha256) => {
            let store = options.store.as_ref().ok_or_else(|| Error::BadUrl {
                url: format!("snapshot {sha256}"),
                reason: "no snapshot store is set".to_string(),
            })?;
            let (snapshot, body) = store.load(sha256)?;
            let page = Fetched {
                url: snapshot.url.clone(),
                final_url: snapshot.final_url.clone(),
                status: snapshot.status,
                headers: snapshot.headers.clone(),
                body,
                fetched_at: snapshot.fetched_at.clone(),
            };
            let mut loaded = page_document(&page, Some(&snapshot))?;
            loaded.snapshot = Some(snapshot);
            Ok(loaded)
        }
    }
}

/// The article of a fetched page, its source naming the address, the fetch
/// time and the snapshot.
pub fn page_document(page: &Fetched, snapshot: Option<&Snapshot>) -> Result<Loaded, Error> {
    if let Some(what) = sniff_binary(&page.body) {
        return Err(Error::NoArticle {
            source_name: page.url.clone(),
            found: what.to_string(),
        });
    }
    let decoded = decode_html(&page.body, page.charset());
    let mut document =
        html::extract(&decoded.text, Some(&page.final_url)).map_err(|e| Error::NoArticle {
            source_name: page.url.clone(),
            found: e.found,
        })?;
    let mut source = format!("{} (fetched {}", page.final_url, page.fetched_at);
    if let Some(snapshot) = snapshot {
        source.push_str(&format!(", snapshot sha256:{}", snapshot.sha256));
    }
    source.push(')');
    document.source = Some(source);
    let mut warnings = Vec::new();
    if decoded.had_errors {
        warnings.push(format!(
            "{}: some bytes are not valid {} and are shown as \u{FFFD}.",
            page.url, decoded.encoding
        ));
    }
    Ok(Loaded {
        document,
        warnings,
        snapshot: None,
    })
}

/// Loads both versions at once (two fetches run side by side).
pub async fn load_both(
    old: &Source,
    new: &Source,
    options: &LoadOptions,
) -> (Result<Loaded, Error>, Result<Loaded, Error>) {
    tokio::join!(load(old, options), load(new, options))
}

#[cfg(test)]
mod tests {
    use super::Source;

    #[test]
    fn arguments_with_a_scheme_are_addresses() {
        assert_eq!(
            Source::parse("https://example.org/a"),
            Source::Url("https://example.org/a".into())
        );
        assert_eq!(
            Source::parse("javascript:alert(1)"),
            Source::Url("javascript:alert(1)".into())
        );
        assert_eq!(
            Source::parse("stories/old.html"),
            Source::File("stories/old.html".into())
        );
    }
}
