//! A site's template, learned from its other articles: each article read
//! with a store at hand adds its short lines to what the store knows of
//! its site, and the lines found, at the same place, on another article of
//! the site too are marked (`storydiff_extract::template`). One page alone
//! gets the extraction's marks only; a second article of the site adds
//! evidence. The article is known by its address, so the versions of one
//! story, which share it, never count as two articles.

use storydiff_engine::Document;
use storydiff_store::Store;

use crate::Error;

/// Learns from `document` (the article at `article_url`) and marks its
/// site's template in it; returns how many lines were newly marked.
pub fn mark_site_template(
    store: &Store,
    document: &mut Document,
    article_url: &str,
) -> Result<usize, Error> {
    let site = storydiff_web::site_of(article_url);
    if site.is_empty() {
        return Ok(0);
    }
    let article = article_key(article_url);
    let lines: Vec<(i64, i64)> = storydiff_extract::template::lines(document)
        .into_iter()
        .map(|(_, key, place)| (key, place.as_i64()))
        .collect();
    let template = store
        .learn_site_lines(&site, &article, &lines)
        .map_err(Error::database)?;
    Ok(storydiff_extract::template::mark(
        document,
        &site,
        |key, place| template.contains(&(key, place.as_i64())),
    ))
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
