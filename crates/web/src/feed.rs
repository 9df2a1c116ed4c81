//! Feeds and sitemaps: the lists of articles a site publishes.
//!
//! [`read`] tells from a fetched answer whether it is a list of articles
//! and reads it: RSS 0.9 to 2.0, Atom and JSON Feed through `feed-rs`, and
//! sitemaps (`<urlset>`, with Google News' `<news:publication_date>` and
//! `<news:title>`, and `<sitemapindex>`, whose child sitemaps are listed
//! to be fetched) with `quick-xml`. Anything else is an article.
//!
//! Entries are keyed by their **canonical link**, never by their id: feed-rs
//! makes an id of link and title where a feed has none, so an edited
//! headline would look like a new article. [`canonical_link`] resolves the
//! link against the feed, drops the fragment and the tracking parameters
//! (`utm_*`, `fbclid` and the like) that make one article many addresses.

use quick_xml::events::Event;
use reqwest::Url;

use crate::fetch::{days_from_civil, Fetched};

/// What an answer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Article,
    /// RSS, Atom or JSON Feed.
    Feed,
    /// A sitemap or a sitemap index.
    Sitemap,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Feed => "feed",
            Kind::Sitemap => "sitemap",
        }
    }
}

/// One article a feed or sitemap lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The canonical link (see [`canonical_link`]).
    pub link: String,
    pub title: Option<String>,
    /// When it was published, as seconds since 1970 (the feed's
    /// `published`, else `updated`; a sitemap's `news:publication_date`,
    /// else `lastmod`).
    pub published: Option<i64>,
}

/// A list of articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub kind: Kind,
    pub title: Option<String>,
    /// Newest first where the list gives dates, in the list's order otherwise.
    pub entries: Vec<Entry>,
    /// A sitemap index's child sitemaps, to fetch in turn.
    pub sitemaps: Vec<String>,
}

/// Entries read from one list at most: a sitemap may list 50,000
/// addresses, and a watch list is a list of what changes now.
pub const MAX_ENTRIES: usize = 1_000;

/// Query parameters that track a reader rather than name a page.
const TRACKING: &[&str] = &[
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "msclkid",
    "yclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "ocid",
    "cmpid",
    "ref_src",
    "at_medium",
    "at_campaign",
    "twclid",
    "wt.mc_id",
    "ito",
    "smid",
];

/// A link as one article's key: resolved against `base`, http or https
/// only, without fragment or tracking parameters. `None` for a link that
/// is no web address.
pub fn canonical_link(link: &str, base: &str) -> Option<String> {
    let base = Url::parse(base).ok();
    let mut url = match &base {
        Some(base) => base.join(link.trim()).ok()?,
        None => Url::parse(link.trim()).ok()?,
    };
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    url.set_fragment(None);
    let _ = url.set_username("");
    let _ = url.set_password(None);
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            !k.starts_with("utm_") && !TRACKING.contains(&k.as_str())
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else if url.query_pairs().count() != kept.len() {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    Some(url.to_string())
}

/// What a fetched answer is, from its `Content-Type` and its first bytes.
pub fn kind_of(page: &Fetched) -> Kind {
    let mime = page
        .content_type()
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if mime == "text/html" || mime == "application/xhtml+xml" {
        return Kind::Article;
    }
    let head = String::from_utf8_lossy(&page.body[..page.body.len().min(4096)]).to_string();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('{') {
        return if head.contains("jsonfeed.org/version") {
            Kind::Feed
        } else {
            Kind::Article
        };
    }
    match root_element(head).as_deref() {
        Some("rss" | "rdf:RDF" | "RDF" | "feed") => Kind::Feed,
        Some("urlset" | "sitemapindex") => Kind::Sitemap,
        _ => Kind::Article,
    }
}

/// The name of the first element of an XML text (after its declaration,
/// comments and processing instructions).
fn root_element(head: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(head);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => return Some(e.name().as_ref().to_string()),
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// The articles listed by a feed or sitemap; `None` for an article (or a
/// list that cannot be read, with the reason).
pub fn read(page: &Fetched) -> Option<Result<Listing, String>> {
    let base = page.final_url.as_str();
    match kind_of(page) {
        Kind::Article => None,
        Kind::Feed => Some(read_feed(&page.body, base)),
        Kind::Sitemap => Some(read_sitemap(&page.body, base)),
    }
}

fn read_feed(body: &[u8], base: &str) -> Result<Listing, String> {
    let feed = feed_rs::parser::Builder::new()
        .base_uri(Some(base))
        .build()
        .parse(body)
        .map_err(|e| format!("the feed could not be read ({e})"))?;
    let mut entries = Vec::new();
    for entry in feed.entries.iter().take(MAX_ENTRIES) {
        // The article's page: the alternate link, else the first one.
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or_else(|| entry.links.first())
            .map(|l| l.href.as_str());
        let Some(link) = link.and_then(|l| canonical_link(l, base)) else {
            continue;
        };
        if entries.iter().any(|e: &Entry| e.link == link) {
            continue;
        }
        entries.push(Entry {
            link,
            title: entry.title.as_ref().map(|t| t.content.trim().to_string()),
            published: entry.published.or(entry.updated).map(|d| d.timestamp()),
        });
    }
    newest_first(&mut entries);
    Ok(Listing {
        kind: Kind::Feed,
        title: feed.title.map(|t| t.content.trim().to_string()),
        entries,
        sitemaps: Vec::new(),
    })
}

fn read_sitemap(body: &[u8], base: &str) -> Result<Listing, String> {
    let mut reader = quick_xml::Reader::from_reader(body);
    let mut entries: Vec<Entry> = Vec::new();
    let mut sitemaps = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let (mut loc, mut lastmod, mut published, mut title) = (None, None, None, None);
    let mut buf = Vec::new();
    // Names as written (`loc`, `news:publication_date`): a sitemap's own
    // elements are in the default namespace, Google News' under a prefix.
    // An element's text arrives in pieces (entity references apart).
    let mut text = String::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => {
                path.push(e.name().as_ref().to_string());
                text.clear();
            }
            Ok(Event::Text(t)) => text.push_str(&t.xml10_content()),
            Ok(Event::CData(t)) => text.push_str(&t.into_inner()),
            Ok(Event::GeneralRef(r)) => {
                let name = r.xml10_content();
                match quick_xml::escape::resolve_predefined_entity(&name) {
                    Some(c) => text.push_str(c),
                    None => {
                        if let Ok(Some(c)) = r.resolve_char_ref() {
                            text.push(c);
                        }
                    }
                }
            }
            Ok(Event::End(_)) => {
                let closed = path.pop().unwrap_or_default();
                let value = std::mem::take(&mut text);
                match closed.as_str() {
                    "loc" => loc = Some(value.trim().to_string()),
                    "lastmod" => lastmod = w3c_datetime(&value),
                    p if p.ends_with(":publication_date") => published = w3c_datetime(&value),
                    p if p.ends_with(":title") && path.iter().any(|p| p.ends_with(":news")) => {
                        title = Some(value.trim().to_string())
                    }
                    "url" => {
                        if let Some(link) = loc.take().and_then(|l| canonical_link(&l, base)) {
                            if entries.len() < MAX_ENTRIES
                                && !entries.iter().any(|e| e.link == link)
                            {
                                entries.push(Entry {
                                    link,
                                    title: title.take(),
                                    published: published.take().or(lastmod.take()),
                                });
                            }
                        }
                        (lastmod, published, title) = (None, None, None);
                    }
                    "sitemap" => {
                        if let Some(link) = loc.take().and_then(|l| canonical_link(&l, base)) {
                            if sitemaps.len() < MAX_ENTRIES {
                                sitemaps.push(link);
                            }
                        }
                    }
                    _ => {}
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("the sitemap could not be read ({e})")),
            Ok(_) => {}
        }
        buf.clear();
    }
    newest_first(&mut entries);
    Ok(Listing {
        kind: Kind::Sitemap,
        title: None,
        entries,
        sitemaps,
    })
}

/// Newest first where dates are known; the list's order is kept among
/// entries without one, after those with one.
fn newest_first(entries: &mut [Entry]) {
    entries.sort_by_key(|e| std::cmp::Reverse(e.published.unwrap_or(i64::MIN)));
}

/// A W3C datetime as sitemaps give it (`2026-12-07`, `2026-12-07T09:30Z`,
/// `2026-12-07T09:30:15+01:00`, fractions of a second allowed): seconds
/// since 1970.
pub fn w3c_datetime(text: &str) -> Option<i64> {
    let text = text.trim();
    let num = |s: &str| s.parse::<i64>().ok();
    let (date, time) = match text.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let mut ymd = date.splitn(3, '-');
    let year = num(ymd.next()?)?;
    let month = ymd.next().map_or(Some(1), num)?;
    let day = ymd.next().map_or(Some(1), num)?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut secs = days_from_civil(year, month, day) * 86_400;
    if let Some(time) = time {
        let (clock, offset) = match time.find(['Z', 'z', '+', '-']) {
            Some(i) => time.split_at(i),
            None => (time, ""),
        };
        let mut hms = clock.split(':');
        let h = num(hms.next()?)?;
        let m = hms.next().map_or(Some(0), num)?;
        let s = hms
            .next()
            .map_or(Some(0), |s| num(s.split('.').next().unwrap_or("0")))?;
        if h > 23 || m > 59 || s > 60 {
            return None;
        }
        secs += h * 3600 + m * 60 + s;
        if let Some(sign @ ('+' | '-')) = offset.chars().next() {
            let (oh, om) = offset[1..].split_once(':').unwrap_or((&offset[1..], "0"));
            let shift = num(oh)? * 3600 + num(om)? * 60;
            secs -= if sign == '+' { shift } else { -shift };
        }
    }
    Some(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(content_type: &str, body: &str) -> Fetched {
        Fetched {
            url: "https://news.example/feed".into(),
            final_url: "https://news.example/feed".into(),
            status: 200,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.as_bytes().to_vec(),
            fetched_at: "2026-12-07T09:00:00Z".into(),
        }
    }

    #[test]
    fn tracking_parameters_and_fragments_are_not_part_of_an_article() {
        assert_eq!(
            canonical_link(
                "/news/sea-wall?utm_source=rss&id=7&fbclid=abc#comments",
                "https://news.example/feed"
            )
            .as_deref(),
            Some("https://news.example/news/sea-wall?id=7")
        );
        assert_eq!(
            canonical_link("https://news.example/a?UTM_Medium=x", "").as_deref(),
            Some("https://news.example/a")
        );
        assert_eq!(
            canonical_link("mailto:desk@news.example", "https://news.example/"),
            None
        );
        assert_eq!(
            canonical_link("javascript:alert(1)", "https://news.example/"),
            None
        );
    }

    #[test]
    fn feeds_and_sitemaps_are_told_from_articles_by_what_they_are() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>News</title></channel></rss>"#;
        assert_eq!(kind_of(&page("application/xml", rss)), Kind::Feed);
        assert_eq!(kind_of(&page("text/plain", rss)), Kind::Feed);
        let atom = r#"<?xml version="1.0" encoding="utf-8"?><!-- c --><feed xmlns="http://www.w3.org/2005/Atom"><title>N</title></feed>"#;
        assert_eq!(kind_of(&page("application/atom+xml", atom)), Kind::Feed);
        let sitemap = r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>"#;
        assert_eq!(kind_of(&page("text/xml", sitemap)), Kind::Sitemap);
        let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "N", "items": []}"#;
        assert_eq!(kind_of(&page("application/feed+json", json)), Kind::Feed);
        assert_eq!(kind_of(&page("text/html", rss)), Kind::Article);
        assert_eq!(
            kind_of(&page("", "<html><body>hi</body></html>")),
            Kind::Article
        );
    }

    #[test]
    fn an_rss_feed_lists_its_articles_by_canonical_link_newest_first() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title>
            <item><title>Old story</title><link>https://news.example/old?utm_source=rss</link><pubDate>Mon, 07 Dec 2026 08:00:00 GMT</pubDate></item>
            <item><title>New story</title><link>https://news.example/new</link><pubDate>Mon, 07 Dec 2026 09:00:00 GMT</pubDate></item>
            <item><title>Same story, new headline</title><link>https://news.example/old#top</link></item>
        </channel></rss>"#;
        let listing = read(&page("application/rss+xml", rss)).unwrap().unwrap();
        assert_eq!(listing.title.as_deref(), Some("Harbour Gazette"));
        let links: Vec<_> = listing.entries.iter().map(|e| e.link.as_str()).collect();
        assert_eq!(
            links,
            ["https://news.example/new", "https://news.example/old"]
        );
        assert_eq!(listing.entries[0].published, Some(1_796_634_000));
    }

    #[test]
    fn a_news_sitemap_gives_publication_dates_and_an_index_its_sitemaps() {
        let sitemap = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://news.example/a</loc>
    <news:news><news:publication><news:name>Gazette</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2026-12-07T09:30:00+01:00</news:publication_date><news:title>Sea wall &amp; more</news:title></news:news></url>
  <url><loc>https://news.example/b</loc><lastmod>2026-12-06</lastmod></url>
</urlset>"#;
        let listing = read(&page("application/xml", sitemap)).unwrap().unwrap();
        assert_eq!(listing.kind, Kind::Sitemap);
        assert_eq!(listing.entries.len(), 2);
        assert_eq!(listing.entries[0].link, "https://news.example/a");
        assert_eq!(listing.entries[0].title.as_deref(), Some("Sea wall & more"));
        assert_eq!(
            listing.entries[0].published,
            w3c_datetime("2026-12-07T08:30:00Z")
        );
        assert_eq!(
            listing.entries[1].published,
            w3c_datetime("2026-12-06T00:00:00Z")
        );
        let index = r#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://news.example/s1.xml</loc></sitemap></sitemapindex>"#;
        let listing = read(&page("application/xml", index)).unwrap().unwrap();
        assert_eq!(listing.sitemaps, ["https://news.example/s1.xml"]);
    }

    #[test]
    fn w3c_datetimes_of_every_precision() {
        assert_eq!(w3c_datetime("1970-01-01"), Some(0));
        assert_eq!(w3c_datetime("1970-01-01T01:00Z"), Some(3600));
        assert_eq!(w3c_datetime("1970-01-01T01:00:00.5+01:00"), Some(0));
        assert_eq!(w3c_datetime("1970-01-01T00:00:00-00:30"), Some(1800));
        assert_eq!(w3c_datetime("2026-13-01"), None);
        assert_eq!(w3c_datetime("yesterday"), None);
    }
}
