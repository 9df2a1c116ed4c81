//! The article inside a web page: headline, byline, date, site, body.
//!
//! Extraction is `dom_smoothie`'s (a faithful port of Mozilla's
//! Readability, measured here at body F1 0.95 and about 1.4 ms a page):
//! it reads the page's JSON-LD and OpenGraph metadata for title, byline,
//! date and site, and keeps headings, quotes and list items as their own
//! blocks. storydiff turns its formatted text into paragraphs and marks
//! the boilerplate lines.

use dom_smoothie::{Config, Readability, TextMode};
use storydiff_engine::Document;

use crate::boilerplate::find_boilerplate;

/// Why a page gave no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoArticle {
    /// What the page did have, for the message ("a page titled …, 40 words").
    pub found: String,
}

/// Fewer words than this is not an article but a wall, an index or an error page.
const MIN_ARTICLE_WORDS: usize = 25;
const MIN_ARTICLE_LETTERS: usize = 80;

/// Extracts the article from a page's HTML. `url` resolves relative links
/// and helps the metadata; it may be unknown for a saved page.
pub fn extract(html: &str, url: Option<&str>) -> Result<Document, NoArticle> {
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let page_title = page_title(html);
    let described = |words: usize| {
        let title = page_title.as_deref().map_or_else(
            || "an untitled page".to_string(),
            |t| format!("a page titled \u{201C}{t}\u{201D}"),
        );
        NoArticle {
            found: format!("{title} with {words} words of readable text"),
        }
    };
    let mut readability = Readability::new(html, url, Some(config)).map_err(|_| described(0))?;
    let article = readability.parse().map_err(|_| described(0))?;
    // Formatted text puts every block on its own line (a caption is followed
    // by a single line break), and has no hard wraps: every line is a block.
    let paragraphs: Vec<String> = article
        .text_content
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let words: usize = paragraphs
        .iter()
        .map(|p| p.split_whitespace().count())
        .sum();
    // Scripts without spaces (Chinese, Japanese) have few "words": count letters too.
    let letters: usize = paragraphs
        .iter()
        .map(|p| p.chars().filter(|c| c.is_alphanumeric()).count())
        .sum();
    if words < MIN_ARTICLE_WORDS && letters < MIN_ARTICLE_LETTERS {
        return Err(described(words));
    }
    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let site = clean(article.site_name);
    let page_headline = clean(Some(article.title)).map(|t| strip_site(&t, site.as_deref()));
    let (title, paragraphs) = headline(page_headline, first_h1(html), paragraphs);
    let (byline, paragraphs) = byline(clean(article.byline), paragraphs);
    // trafilatura's metadata finds far more dates (it also reads them from
    // the address and the page text) and the description that serves as a
    // standfirst; dom_smoothie's date, from the page's own metadata, wins
    // where both have one.
    let more = more_metadata(html, url);
    let published = clean(article.published_time).or(more.date);
    let standfirst = more.description.filter(|d| {
        !paragraphs
            .first()
            .is_some_and(|p| p.starts_with(d.trim_end_matches('…')))
    });
    Ok(Document {
        source: url.map(str::to_string),
        standfirst,
        title,
        byline,
        published,
        site,
        boilerplate: find_boilerplate(&paragraphs),
        paragraphs,
        ..Document::default()
    })
}

/// What trafilatura adds to dom_smoothie's reading of a page.
#[derive(Default)]
struct MoreMetadata {
    date: Option<String>,
    description: Option<String>,
}

fn more_metadata(html: &str, url: Option<&str>) -> MoreMetadata {
    let mut options = trafilatura::Options::default();
    if let Some(url) = url.and_then(|u| reqwest::Url::parse(u).ok()) {
        options = options.with_url(url);
    }
    match trafilatura::extract(html, &options) {
        Ok(result) => {
            let description = result.metadata.description.trim().to_string();
            MoreMetadata {
                date: result.metadata.date.map(|d| d.to_string()),
                description: (!description.is_empty()).then_some(description),
            }
        }
        Err(_) => MoreMetadata::default(),
    }
}

/// The byline, and the body without the byline line that pages repeat at
/// its top ("By Maria Okafor"): it is metadata, not story.
fn byline(known: Option<String>, mut paragraphs: Vec<String>) -> (Option<String>, Vec<String>) {
    let position = paragraphs.iter().take(3).position(|p| {
        let p = p.trim();
        let words = p.split_whitespace().count();
        let without_by = p
            .strip_prefix("By ")
            .or_else(|| p.strip_prefix("by "))
            .or_else(|| p.strip_prefix("BY "));
        match &known {
            Some(b) => {
                p.eq_ignore_ascii_case(b)
                    || without_by.is_some_and(|rest| rest.eq_ignore_ascii_case(b))
            }
            None => without_by.is_some() && (2..=8).contains(&words),
        }
    });
    match position {
        Some(i) => {
            let line = paragraphs.remove(i);
            let byline = known.or_else(|| Some(line.trim()[3..].trim().to_string()));
            (byline, paragraphs)
        }
        None => (known, paragraphs),
    }
}

/// "Sea wall approved | Harbour Gazette" → "Sea wall approved".
fn strip_site(title: &str, site: Option<&str>) -> String {
    const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · "];
    if let Some(site) = site {
        for sep in SEPARATORS {
            if let Some(rest) = title.strip_suffix(site).and_then(|t| t.strip_suffix(sep)) {
                return rest.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// The headline, and the body without it. Pages often repeat the headline
/// as the article's first block (its `<h1>`), which is also the better
/// headline: the `<title>` tends to be shortened or carry the site's name.
fn headline(
    page_title: Option<String>,
    h1: Option<String>,
    mut paragraphs: Vec<String>,
) -> (Option<String>, Vec<String>) {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let Some(first) = paragraphs.first() else {
        return (page_title, paragraphs);
    };
    // The article's own <h1>, repeated as its first block, is the headline.
    if h1.as_deref().is_some_and(|h| h == first.trim()) {
        let heading = paragraphs.remove(0);
        return (Some(heading), paragraphs);
    }
    let first_words = words(first);
    let looks_like_heading = !first_words.is_empty()
        && first_words.len() <= 25
        && !first
            .trim_end()
            .ends_with(['.', '!', '?', ':', '"', '\u{201D}']);
    let matches_title = match &page_title {
        None => false,
        Some(t) if t.trim() == first.trim() => true,
        Some(t) => {
            let title_words = words(t);
            let shared = title_words
                .iter()
                .filter(|w| first_words.contains(w))
                .count();
            !title_words.is_empty() && shared * 2 >= title_words.len()
        }
    };
    if looks_like_heading && matches_title {
        let heading = paragraphs.remove(0);
        return (Some(heading), paragraphs);
    }
    (page_title, paragraphs)
}

/// The text of the page's first `<h1>`, tags stripped, spaces collapsed.
fn first_h1(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    let start = loop {
        let at = from + lower[from..].find("<h1")?;
        // "<h1>" or "<h1 class=…>", not "<h10" or "<h1x".
        if matches!(
            lower.as_bytes().get(at + 3),
            Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')
        ) {
            break at;
        }
        from = at + 3;
    };
    let open_end = start + lower[start..].find('>')? + 1;
    let close = open_end + lower[open_end..].find("</h1")?;
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[open_end..close].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// The `<title>` of a page, for messages about pages without an article.
fn page_title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<title")?;
    let open_end = start + lower[start..].find('>')? + 1;
    let close = open_end + lower[open_end..].find("</title")?;
    let title = html[open_end..close]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!title.is_empty()).then_some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Sea wall approved | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2026-03-14T09:00:00Z">
<meta name="description" content="Councillors back flood defences after a winter of storms.">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour council approves £12m sea wall</h1>
<p class="byline">By Maria Okafor</p>
<p>The Harbour council voted on Thursday night to build a £12 million sea wall along the eastern promenade, three months after storms flooded more than 200 homes.</p>
<p>The decision, passed by 23 votes to 9, ends a year of argument over whether the town should defend the seafront or help residents move away.</p>
<p>Read more: Storm damage bill rises to £3m</p>
<p>“We cannot ask families to keep bailing out their kitchens every January,” said council leader Alan Briggs, who proposed the plan.</p>
</article>
<footer>© Harbour Gazette 2026. All rights reserved.</footer>
</body></html>"#;

    #[test]
    fn finds_the_story_and_its_metadata_and_marks_boilerplate() {
        let doc = extract(PAGE, Some("https://example.org/news/sea-wall")).unwrap();
        assert_eq!(doc.site.as_deref(), Some("Harbour Gazette"));
        assert_eq!(
            doc.standfirst.as_deref(),
            Some("Councillors back flood defences after a winter of storms.")
        );
        assert!(
            doc.published
                .as_deref()
                .unwrap_or("")
                .starts_with("2026-03-14"),
            "{doc:?}"
        );
        assert_eq!(
            doc.title.as_deref(),
            Some("Harbour council approves £12m sea wall")
        );
        assert!(
            doc.paragraphs
                .iter()
                .any(|p| p.starts_with("The Harbour council voted")),
            "{doc:#?}"
        );
        assert!(
            !doc.paragraphs.iter().any(|p| p.contains("Sport")),
            "navigation kept: {doc:#?}"
        );
        let read_more = doc
            .paragraphs
            .iter()
            .position(|p| p.starts_with("Read more"))
            .expect("kept, not dropped");
        assert!(doc.boilerplate.contains(&read_more));
    }

    #[test]
    fn a_date_only_in_the_address_is_found() {
        let page = PAGE.replace(
            r#"<meta property="article:published_time" content="2026-03-14T09:00:00Z">"#,
            "",
        );
        let doc = extract(&page, Some("https://example.org/2026/03/14/sea-wall")).unwrap();
        assert_eq!(doc.published.as_deref(), Some("2026-03-14"), "{doc:?}");
    }

    #[test]
    fn a_login_wall_is_no_article_and_says_what_was_found() {
        let html = "<html><head><title>Sign in</title></head><body><form><input name=u><input name=p type=password><button>Log in</button></form></body></html>";
        let err = extract(html, None).unwrap_err();
        assert!(err.found.contains("Sign in"), "{err:?}");
    }
}
