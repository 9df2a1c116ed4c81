//! The front door: a [`Source`] in, a [`Document`](storydiff_engine::Document) out.
//!
//! A source is a local file, a web address, or a page fetched before. [`load`]
//! chooses among the crates that do each job and gives them the same finish
//! (the source's name, the boilerplate marks of its wording, warnings):
//! - files ([`read_file`]): plain text, Markdown and saved web pages here,
//!   PDF, Word and OpenDocument files by `storydiff-documents` (a draft's
//!   tracked changes as two versions with [`read_tracked_changes`]);
//!   folders, pipes, devices, binary content and files over the size cap
//!   are refused with an [`Error`] that names the path and says what to do;
//! - web addresses: fetched by `storydiff-web` (http and https only, bounded
//!   in time and size), read by `storydiff-extract` as their
//!   `Content-Type` says ([`page_document`]), and kept in the store
//!   (`storydiff-store`) so the comparison can be reopened offline and
//!   cited;
//! - pages fetched before ([`Source::Snapshot`]): read back from the store.
//!
//! [`story`] follows one article over time (archives, fetches, files) into
//! the store, and [`sample`] gives the built-in pair the app opens with.
//!
//! # What is never here
//! No rules about what a page says (extraction), no format parsers
//! (documents), no network code (web) and no SQL (store): only the choice
//! among them.

mod documents;
mod error;
pub mod evidence;
mod file;
mod loaded;
mod sample;
mod site_template;
pub mod story;
pub mod warc;

use std::path::PathBuf;

use storydiff_store::Store;
use storydiff_web::{archive, display_url, fetch, FetchOptions, Fetched};

pub use documents::{read_document, tracked_changes_from};
pub use error::Error;
pub use file::{read_file, read_tracked_changes};
pub use loaded::{Loaded, ReadOptions};
pub use sample::sample;
pub use site_template::{mark_site_template, site_template, SiteTemplate};
pub use storydiff_store::Snapshot;

/// Where a version of an article comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Url(String),
    /// A page fetched before, read back from the store (offline): by the
    /// name of its fetch's record, or by the SHA-256 of its body (its
    /// latest fetch).
    Snapshot(String),
    /// A capture in a WARC file (`FILE.warc.gz#URL`): the newest of that
    /// address, or the one at a time (`#URL@TIMESTAMP`, 14 digits or fewer).
    Warc {
        file: PathBuf,
        url: String,
        at: Option<String>,
    },
}

impl Source {
    /// A command-line argument: an address if it has a scheme
    /// (`https://…`, and also `file:`, `javascript:` or `data:`, which are
    /// then refused with a clear message), a path otherwise. A file that
    /// exists under that name wins: `data:/x.txt` and `a://b/c.txt` are
    /// legal file names.
    pub fn parse(arg: &str) -> Source {
        if !std::path::Path::new(arg).exists() {
            if let Some((file, url, at)) = warc::parse_source(arg) {
                return Source::Warc { file, url, at };
            }
        }
        let lower = arg.trim().to_ascii_lowercase();
        let has_scheme = lower.contains("://")
            || ["javascript:", "data:", "file:", "mailto:", "about:"]
                .iter()
                .any(|s| lower.starts_with(s));
        if has_scheme && !std::path::Path::new(arg).exists() {
            Source::Url(arg.trim().to_string())
        } else {
            Source::File(PathBuf::from(arg))
        }
    }

    /// [`Source::parse`] for an argument as the system gave it: a name that
    /// is not valid UTF-8 can only be a file.
    pub fn parse_os(arg: &std::ffi::OsStr) -> Source {
        match arg.to_str() {
            Some(arg) => Source::parse(arg),
            None => Source::File(PathBuf::from(arg)),
        }
    }
}

/// A document from text the user pasted: paragraphs as in a text file,
/// boilerplate marked, the source named as given ("pasted (old)").
pub fn pasted(text: &str, name: &str) -> storydiff_engine::Document {
    storydiff_extract::text_article(text).with_source(name)
}

/// How to load sources.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub read: ReadOptions,
    pub fetch: FetchOptions,
    /// The data folder of the store where fetched pages are kept
    /// (`storydiff_store::default_dir()` for a user who did not choose
    /// one); `None` keeps nothing.
    pub store: Option<PathBuf>,
}

/// Loads a document from a file or a web address.
///
/// Reading, extracting and keeping snapshots are CPU and disk work: they
/// run on the blocking pool, so a slow page never stalls the other side's
/// download (nor makes its timeout fire and name the wrong side).
pub async fn load(source: &Source, options: &LoadOptions) -> Result<Loaded, Error> {
    match source {
        Source::File(path) => {
            let (path, read) = (path.clone(), options.read.clone());
            blocking(move || read_file(&path, &read)).await
        }
        Source::Url(url) => {
            // A pasted Wayback address is read as the capture's original
            // bytes (`id_`), so the archive's toolbar never enters the text.
            let original = archive::wayback_original_bytes(url, archive::WAYBACK_BASE);
            let page = fetch(original.as_deref().unwrap_or(url), &options.fetch).await?;
            let store = options.store.clone();
            blocking(move || {
                // The snapshot is evidence, but a store that cannot be
                // written must not cost the user the comparison.
                let (kept, store_warning) = match &store {
                    Some(dir) => match keep_page(dir, &page) {
                        Ok(kept) => (Some(kept), None),
                        Err(e) => (
                            None,
                            Some(format!(
                                "{e}. The comparison goes on without a snapshot (on the command line, --snapshots DIR names another folder and --no-snapshots keeps none)."
                            )),
                        ),
                    },
                    None => (None, None),
                };
                let (store, snapshot) = kept.unzip();
                let mut loaded = page_document(&page, snapshot.as_ref())?;
                loaded.warnings.extend(store_warning);
                // The site's template, from the other articles of the site
                // this store has seen; a store that cannot be read only
                // costs the page those marks. A pasted archive address is
                // another site's page: it is not known by the address it
                // was fetched from.
                if let (Some(store), None) = (&store, &original) {
                    if let Err(e) = mark_site_template(store, &mut loaded.document, &page.url) {
                        loaded.warnings.push(format!(
                            "{}: the site's template could not be read ({e}); its lines are marked by the page alone",
                            display_url(&page.url)
                        ));
                    }
                }
                loaded.snapshot = snapshot;
                Ok(loaded)
            })
            .await
        }
        Source::Warc { file, url, at } => {
            let (file, url, at) = (file.clone(), url.clone(), at.clone());
            blocking(move || {
                let capture = warc::find(&file, &url, at.as_deref())?;
                let mut loaded = page_document(&capture.page, None)?;
                // The source names the record, so the comparison can be
                // cited and the record found again.
                loaded.document.source = Some(format!(
                    "{} (captured {}, WARC record {})",
                    display_url(&capture.page.url),
                    capture.page.fetched_at,
                    capture.record
                ));
                Ok(loaded)
            })
            .await
        }
        Source::Snapshot(id) => {
            let dir = options
                .store
                .clone()
                .ok_or_else(|| storydiff_web::Error::BadUrl {
                    url: format!("snapshot {id}"),
                    reason: "no store is set to read it from".to_string(),
                })?;
            let id = id.clone();
            blocking(move || {
                let (snapshot, body) = Store::open_in(&dir)?.snapshot(&id)?;
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
            })
            .await
        }
    }
}

/// Keeps a fetched page in the store of a data folder; the store stays
/// open for what the page teaches of its site.
fn keep_page(
    dir: &std::path::Path,
    page: &Fetched,
) -> Result<(Store, Snapshot), storydiff_store::Error> {
    let store = Store::open_in(dir)?;
    let snapshot = store.keep_page(&storydiff_store::Page {
        url: &page.url,
        final_url: &page.final_url,
        status: page.status,
        headers: &page.headers,
        body: &page.body,
        fetched_at: &page.fetched_at,
    })?;
    Ok((store, snapshot))
}

/// Runs `work` on the blocking pool; a panic there is the caller's panic.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))
}

/// What a page's `Content-Type` says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PageKind {
    Html,
    Text,
    Markdown,
    /// Anything else: an image, a PDF, a download.
    Other,
}

fn page_kind(page: &Fetched) -> PageKind {
    let Some(content_type) = page.content_type() else {
        return PageKind::Html; // undeclared: read it as a page (the binary sniff runs first)
    };
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match mime.as_str() {
        "" | "text/html" | "application/xhtml+xml" | "application/xml" | "text/xml" => {
            PageKind::Html
        }
        "text/plain" => PageKind::Text,
        "text/markdown" | "text/x-markdown" => PageKind::Markdown,
        _ => PageKind::Other,
    }
}

/// The article of a fetched page, its source naming the address, the fetch
/// time and the snapshot. The page is read as its `Content-Type` says:
/// HTML is extracted, plain text and Markdown are read as such, and
/// anything else is refused rather than read as mojibake.
pub fn page_document(page: &Fetched, snapshot: Option<&Snapshot>) -> Result<Loaded, Error> {
    read_page(page, snapshot, storydiff_extract::extract_with_notices)
}

/// [`page_document`] with the extraction for reading many pages at once
/// ([`storydiff_extract::extract_quick_with_notices`]), as `warc index` does.
pub fn page_document_quick(page: &Fetched) -> Result<Loaded, Error> {
    read_page(page, None, storydiff_extract::extract_quick_with_notices)
}

type Extraction =
    fn(
        &str,
        Option<&str>,
    ) -> Result<(storydiff_engine::Document, Vec<String>), storydiff_extract::NoArticle>;

fn read_page(
    page: &Fetched,
    snapshot: Option<&Snapshot>,
    extract: Extraction,
) -> Result<Loaded, Error> {
    let shown = display_url(&page.url);
    let kind = page_kind(page);
    if kind == PageKind::Other {
        return Err(Error::NotAPage {
            url: shown,
            content_type: page.content_type().unwrap_or_default().to_string(),
        });
    }
    if let Some(what) = storydiff_extract::sniff_binary(&page.body) {
        return Err(Error::NoArticle {
            source_name: shown,
            found: what.to_string(),
        });
    }
    let mut warnings = Vec::new();
    let (mut document, decoded) = match kind {
        PageKind::Html => {
            let decoded = storydiff_extract::decode_html(&page.body, page.charset());
            let (document, notices) =
                extract(&decoded.text, Some(&page.final_url)).map_err(|e| Error::NoArticle {
                    source_name: shown.clone(),
                    found: e.found,
                })?;
            warnings.extend(notices.into_iter().map(|n| format!("{shown}: {n}")));
            (document, decoded)
        }
        _ => {
            let decoded = storydiff_extract::decode_html(&page.body, page.charset());
            let mut document = if kind == PageKind::Markdown {
                file::markdown_document(&decoded.text)
            } else {
                storydiff_engine::Document::from_text(&decoded.text)
            };
            // A page's marks come from its extraction, which also reads its
            // structure; text and Markdown have only their lines' wording.
            document.boilerplate = storydiff_extract::find_boilerplate(&document.paragraphs);
            (document, decoded)
        }
    };
    let mut source = format!(
        "{} (fetched {}",
        display_url(&page.final_url),
        page.fetched_at
    );
    if let Some(snapshot) = snapshot {
        source.push_str(&format!(", snapshot sha256:{}", snapshot.sha256));
    }
    source.push(')');
    document.source = Some(source);
    if decoded.had_errors {
        warnings.push(format!(
            "{shown}: some bytes are not valid {} and are shown as \u{FFFD}.",
            decoded.encoding
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

    /// A fetched page (an address, an archive's capture, a WARC record)
    /// had its extraction's marks replaced by the wording rules' alone, so
    /// a caption its `<figure>` sets apart read as story text in every
    /// comparison of addresses, though not of the same page saved as a file.
    #[test]
    fn regression_a_fetched_page_keeps_the_marks_its_structure_gives() {
        let html = "<html><head><title>Sea wall approved</title></head><body><article>\
            <h1>Sea wall approved</h1>\
            <p>The council approved the sea wall on Monday after a long debate about its cost to the town and its look.</p>\
            <figure><img src=wall.jpg><figcaption>The promenade in January</figcaption></figure>\
            <p>Work is due to start in the spring, and the wall should be finished within two years of the vote.</p>\
            <p>The harbour master said the wall would protect two hundred homes from the winter storms.</p>\
            </article></body></html>";
        let page = super::Fetched {
            url: "https://news.example/wall".into(),
            final_url: "https://news.example/wall".into(),
            status: 200,
            headers: vec![("content-type".into(), "text/html; charset=utf-8".into())],
            body: html.as_bytes().to_vec(),
            fetched_at: "2026-12-07T10:00:00Z".into(),
        };
        let extracted =
            storydiff_extract::extract(html, Some("https://news.example/wall")).unwrap();
        let caption = extracted
            .paragraphs
            .iter()
            .position(|p| p == "The promenade in January")
            .expect("the caption is a line");
        assert!(extracted.boilerplate.contains(&caption));
        for read in [
            super::page_document(&page, None),
            super::page_document_quick(&page),
        ] {
            let document = read.unwrap().document;
            assert_eq!(document.paragraphs, extracted.paragraphs);
            assert_eq!(document.boilerplate, extracted.boilerplate);
        }
    }
}
