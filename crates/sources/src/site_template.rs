//! A site's template, learned from its other articles: each article read
//! with a store at hand adds its short lines to what the store knows of
//! its site, and the lines found, at the same place, on another article of
//! the site too are marked (`storydiff_extract::template`). One page alone
//! gets the extraction's marks only; a second article of the site adds
//! evidence. The article is known by its address, so the versions of one
//! story, which share it, never count as two articles.

use std::collections::HashSet;

use storydiff_engine::Document;
use storydiff_store::Store;

use crate::Error;

/// What the store knows of a site's template for some documents: those of
/// their lines that are template, to mark.
#[derive(Debug, Clone, Default)]
pub struct SiteTemplate {
    site: String,
    lines: HashSet<(i64, i64)>,
}

impl SiteTemplate {
    /// Whether there is nothing to mark.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Marks the template's lines in `document`; returns how many were
    /// newly marked. Stored versions are marked again this way when they
    /// are compared, so that a line learned since one was kept never reads
    /// as a change.
    pub fn mark(&self, document: &mut Document) -> usize {
        if self.is_empty() {
            return 0;
        }
        storydiff_extract::template::mark(document, &self.site, |key, place| {
            self.lines.contains(&(key, place.as_i64()))
        })
    }
}

/// A document's template candidates as the store keys them.
fn candidates(document: &Document) -> impl Iterator<Item = (i64, i64)> + '_ {
    storydiff_extract::template::lines(document)
        .into_iter()
        .map(|(_, key, place)| (key, place.as_i64()))
}

/// What the store knows of the template of `url`'s site among the lines of
/// `documents` (a story's versions), learning nothing.
pub fn site_template(
    store: &Store,
    url: &str,
    documents: &[&Document],
) -> Result<SiteTemplate, Error> {
    let site = storydiff_web::site_of(url);
    if site.is_empty() {
        return Ok(SiteTemplate::default());
    }
    let lines: Vec<(i64, i64)> = documents.iter().flat_map(|d| candidates(d)).collect();
    let lines = store
        .site_template_among(&site, &lines)
        .map_err(Error::database)?;
    Ok(SiteTemplate { site, lines })
}

/// Learns from `document` (the article at `article_url`) and marks its
/// site's template in it; returns what it marked by. Those are the only
/// lines this page can have made template, so the story's earlier versions
/// (marked with the template as it stood) need only these marked again.
pub fn mark_site_template(
    store: &Store,
    document: &mut Document,
    article_url: &str,
) -> Result<SiteTemplate, Error> {
    let site = storydiff_web::site_of(article_url);
    if site.is_empty() {
        return Ok(SiteTemplate::default());
    }
    let lines: Vec<(i64, i64)> = candidates(document).collect();
    let lines = store
        .learn_site_lines(&site, &article_key(article_url), &lines)
        .map_err(Error::database)?;
    let template = SiteTemplate { site, lines };
    template.mark(document);
    Ok(template)
}

/// An article's address as its identity: without the fragment, a trailing
/// slash or `www.`, so that the same article reached two ways is one.
fn article_key(url: &str) -> String {
    match url::Url::parse(url.trim()) {
        Ok(mut parsed) => {
            parsed.set_fragment(None);
            let host = parsed.host_str().unwrap_or_default().to_ascii_lowercase();
            let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
            let path = parsed.path().trim_end_matches('/').to_string();
            let query = parsed.query().map(|q| format!("?{q}")).unwrap_or_default();
            format!("{host}{path}{query}")
        }
        Err(_) => url.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_article_reached_two_ways_is_one() {
        assert_eq!(
            article_key("https://www.example.org/news/1/#top"),
            article_key("http://example.org/news/1")
        );
        assert_ne!(
            article_key("https://example.org/news?id=1"),
            article_key("https://example.org/news?id=2")
        );
    }
}
