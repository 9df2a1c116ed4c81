//! The article inside a web page: headline, byline, date, site, body.
//!
//! Extraction is `dom_smoothie`'s (a faithful port of Mozilla's
//! Readability, about 1.4 ms a page): it chooses the article's part of the
//! page and reads the page's JSON-LD and OpenGraph metadata for title,
//! byline, date and site. storydiff walks the article HTML it chose into
//! lines ([`crate::blocks`]), keeping what the structure says about each
//! (link text, figures, headings, `<time>`), drops what no reader sees,
//! and marks the lines that are not the story ([`crate::boilerplate`]):
//! captions, lists of other stories, date and byline lines, prompts. The
//! page's JSON-LD `articleBody` and trafilatura's reading of the page (it
//! runs anyway, for the date) are second opinions on each line.
//!
//! Mark where unsure, drop where sure: a marked line is still shown,
//! dimmed, and left out of the comparison's figures.

use std::panic::AssertUnwindSafe;

use dom_smoothie::{Config, Readability, TextMode};
use storydiff_engine::Document;

use crate::blocks::{self, Line};
use crate::boilerplate::{mark_by_readings, mark_by_structure, plain_words, Evidence};
use crate::judge::{self, Judgement, Model};
use crate::NoArticle;

/// Fewer words than this is short for an article: such a page is read only
/// where it has a headline and text of its own, and with a notice.
const MIN_ARTICLE_WORDS: usize = 25;
const MIN_ARTICLE_LETTERS: usize = 80;

/// Extracts the article from a page's HTML. `url` resolves relative links
/// and helps the metadata; it may be unknown for a saved page.
pub fn extract(html: &str, url: Option<&str>) -> Result<Document, NoArticle> {
    crate::limits::extract_bounded(html, url, extract_article).map(|(document, _)| document)
}

/// [`extract`], with what the reader should know: how a hostile page's
/// shape was bounded first (depth, attributes, size: see `limits.rs`),
/// and that a page holds less text than an article usually does.
pub fn extract_with_notices(
    html: &str,
    url: Option<&str>,
) -> Result<(Document, Vec<String>), NoArticle> {
    with_notices(html, url, extract_article)
}

/// [`extract_with_notices`] for reading many pages at once, as `warc
/// index` does: the same headline, byline, site, date and lines, and marks
/// from the page's structure, wording and JSON-LD body, but trafilatura
/// reads only the date, and only where the page's own metadata has none.
/// Its reading of the body, a second opinion on short lines, is what is
/// left out, so a few lines an app comparison would mark may be left
/// unmarked: `docs/extraction.md` gives the figures of both.
pub fn extract_quick_with_notices(
    html: &str,
    url: Option<&str>,
) -> Result<(Document, Vec<String>), NoArticle> {
    with_notices(html, url, extract_article_quick)
}

fn with_notices(
    html: &str,
    url: Option<&str>,
    extract: fn(&str, Option<&str>, bool) -> Result<Document, NoArticle>,
) -> Result<(Document, Vec<String>), NoArticle> {
    let (document, mut notices) = crate::limits::extract_bounded(html, url, extract)?;
    notices.extend(short_article_notice(&document));
    Ok((document, notices))
}

/// Says so when a page's story text (lines marked boilerplate left out)
/// is shorter than an article usually is, so that a reader who compares
/// a login wall or a teaser by mistake knows why it holds so little.
fn short_article_notice(document: &Document) -> Option<String> {
    let mut marked = vec![false; document.paragraphs.len()];
    for &i in &document.boilerplate {
        if let Some(m) = marked.get_mut(i) {
            *m = true;
        }
    }
    let (mut words, mut letters) = (0, 0);
    for (paragraph, _) in document.paragraphs.iter().zip(marked).filter(|(_, m)| !m) {
        words += paragraph.split_whitespace().count();
        letters += paragraph.chars().filter(|c| c.is_alphanumeric()).count();
        // Long enough: an article's first paragraphs settle it.
        if words >= MIN_ARTICLE_WORDS || letters >= MIN_ARTICLE_LETTERS {
            return None;
        }
    }
    Some(format!(
        "the page has only {words} words of story text, fewer than an article usually has: it may be a short notice, or a login wall, a paywall, a teaser or an index page. It is shown as it is; if it is not the story, open the article itself, or save it from your browser and open the file."
    ))
}

/// `second_opinion`: let trafilatura run where it adds something (its
/// date and its reading of the body); `limits.rs` turns it off for pages
/// too large for both readers.
pub(crate) fn extract_article(
    html: &str,
    url: Option<&str>,
    second_opinion: bool,
) -> Result<Document, NoArticle> {
    judged(html, url, Second::or_off(second_opinion, Second::Reading))
}

/// [`extract_article`] for indexing many pages: trafilatura gives only its
/// date, and only where the page's own metadata has none (see [`Second`]).
pub(crate) fn extract_article_quick(
    html: &str,
    url: Option<&str>,
    second_opinion: bool,
) -> Result<Document, NoArticle> {
    judged(html, url, Second::or_off(second_opinion, Second::DateOnly))
}

/// The article, its lines judged by the shipped model.
fn judged(html: &str, url: Option<&str>, second: Second) -> Result<Document, NoArticle> {
    let model = Some(&judge::models().shipped);
    extract_article_with(html, url, second, model).map(|(document, _)| document)
}

/// The extraction with a given line judge, and what it made of each line:
/// for the extraction test's cross-validation and the judge's training
/// data. `quick` is the quick reading's (`warc index`); without a model,
/// the rules alone mark (and no line is judged). Not bounded by
/// `limits.rs`: for known pages only.
#[doc(hidden)]
pub fn judge_page(
    html: &str,
    url: Option<&str>,
    quick: bool,
    model: Option<&Model>,
) -> Result<(Document, Vec<Judgement>), NoArticle> {
    let second = if quick {
        Second::DateOnly
    } else {
        Second::Reading
    };
    extract_article_with(html, url, second, model)
}

/// How much trafilatura, the second reader, is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Second {
    /// Its date and its reading of the body, a second opinion on each line.
    Reading,
    /// Its date alone, where the page's own metadata gives none: the same
    /// headline, site, date and lines, at about half the cost, with only
    /// the structure and wording rules (and a JSON-LD body, where the page
    /// has one) to mark boilerplate. For reading many pages at once.
    DateOnly,
    /// Not at all (`limits.rs`: a page too large for both readers).
    Off,
}

impl Second {
    /// `asked`, unless `limits.rs` turned the second opinion off.
    fn or_off(second_opinion: bool, asked: Second) -> Second {
        if second_opinion {
            asked
        } else {
            Second::Off
        }
    }
}

fn extract_article_with(
    html: &str,
    url: Option<&str>,
    second_opinion: Second,
    model: Option<&Model>,
) -> Result<(Document, Vec<Judgement>), NoArticle> {
    // One lower-case copy of the page serves the three tag searches
    // (<title>, the first <h1>, JSON-LD); ASCII lower-casing keeps every
    // byte offset, so positions found in it index `html` too.
    let lower = html.to_ascii_lowercase();
    let json_ld_body = json_ld_article_body(html, &lower);
    // Without a JSON-LD body to check the lines against, trafilatura's
    // reading is needed whatever dom_smoothie finds (see `read_article`),
    // and the two readers share nothing: trafilatura reads the page on a
    // second thread meanwhile, so a page takes the longer of the two
    // instead of their sum. Where it may not be needed, it waits for
    // dom_smoothie's answer as before, so no work is thrown away. The
    // result is the same either way.
    if second_opinion != Second::Reading || json_ld_body.is_some() {
        return read_article(html, url, second_opinion, &lower, json_ld_body, None, model);
    }
    std::thread::scope(|scope| {
        let second = std::thread::Builder::new()
            .name("storydiff-extract-2".to_string())
            .stack_size(crate::limits::EXTRACTION_STACK)
            // A panic is caught there and raised here only if the reading
            // is used: a page found to have no article still says so.
            .spawn_scoped(scope, || {
                std::panic::catch_unwind(AssertUnwindSafe(|| more_metadata(html, url)))
            })
            // No thread to be had: trafilatura runs after dom_smoothie.
            .ok();
        read_article(
            html,
            url,
            second_opinion,
            &lower,
            json_ld_body,
            second,
            model,
        )
    })
}

/// dom_smoothie's reading of the page, with trafilatura's where it adds
/// something: from `second`, already reading, or run here.
fn read_article(
    html: &str,
    url: Option<&str>,
    second_opinion: Second,
    lower: &str,
    json_ld_body: Option<String>,
    second: Option<std::thread::ScopedJoinHandle<'_, std::thread::Result<MoreMetadata>>>,
    model: Option<&Model>,
) -> Result<(Document, Vec<Judgement>), NoArticle> {
    let config = Config {
        text_mode: TextMode::Formatted,
        // The line judge reads the page's class names (hashed, `judge.rs`).
        keep_classes: true,
        ..Config::default()
    };
    let page_title = page_title(html, lower);
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
    // The page's own description (Dublin Core, Open Graph, Twitter,
    // `description`), the standfirst's candidate. Not the article's
    // excerpt: where a page has no description, Readability's excerpt is
    // the first paragraph, which is story, not standfirst.
    let description = readability
        .get_article_metadata(None)
        .excerpt
        .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|d| !d.is_empty());
    // The article's lines with what the page's structure says about each
    // (link text, figures, headings); dom_smoothie's formatted text is the
    // fallback should the walk find nothing.
    let mut lines = blocks::lines(&article.content);
    if lines.is_empty() {
        lines = article
            .text_content
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| Line {
                text: l.to_string(),
                ..Line::default()
            })
            .collect();
    }
    let words: usize = lines.iter().map(Line::words).sum();
    // Scripts without spaces (Chinese, Japanese) have few "words": count letters too.
    let letters: usize = lines.iter().map(|l| l.chars).sum();
    let short = words < MIN_ARTICLE_WORDS && letters < MIN_ARTICLE_LETTERS;
    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let site = clean(article.site_name);
    let declared = clean(Some(article.title)).map(|t| strip_site(&t, site.as_deref()));
    let texts: Vec<String> = lines.iter().map(|l| l.text.clone()).collect();
    let (title, at) = headline(declared, site.as_deref(), first_h1(html, lower), &texts);
    // A short page is still read where it has a headline and text of its
    // own (a news brief, a notice, a picture story's headings): the reader
    // gets its headline and lines, with a notice that it is short
    // (`short_article_notice`). A page whose only text is links (an index,
    // a menu) or that has no text or no headline (a login form, an error
    // page) is refused, as before: there is nothing of an article to show.
    let own_text = lines
        .iter()
        .enumerate()
        .any(|(i, l)| Some(i) != at && l.chars > l.link_chars);
    if short && (title.is_none() || !own_text) {
        return Err(described(words));
    }
    if let Some(at) = at {
        lines.remove(at);
    }
    let texts: Vec<String> = lines.iter().map(|l| l.text.clone()).collect();
    let publisher = publisher_names(site.as_deref(), page_title.as_deref(), title.as_deref());
    let (byline, at) = byline(clean(article.byline), &publisher, &texts);
    if let Some(at) = at {
        lines.remove(at);
    }
    // trafilatura is the second reader: it finds far more dates (it also
    // reads them from the address and date elements) and its reading of
    // the body is a second opinion on each line. It costs more than
    // dom_smoothie's whole pass (about 60% of the time a page takes), so
    // it runs only where it has something to add: a page whose own
    // metadata gives no date, or whose JSON-LD does not carry a body to
    // check the lines against. dom_smoothie's date, from the page's own
    // metadata, wins where both have one.
    let published = clean(article.published_time);
    // What the lines' structure, wording and byline say needs neither
    // second reading: it is done while trafilatura may still be reading.
    let mut evidence = Evidence {
        byline: byline.as_deref(),
        headline: title.as_deref(),
        json_ld_body,
        second_opinion: None,
    };
    let structure = mark_by_structure(&lines, &evidence);
    let by_structure = structure.clone();
    let ours: usize = lines.iter().map(Line::words).sum();
    let checked_by_json_ld = evidence
        .json_ld_body
        .as_deref()
        .is_some_and(|body| crate::boilerplate::comparable_body(body, ours));
    // `second_opinion` is off for pages too large for both readers
    // (limits.rs): then it never runs.
    let more = if second_opinion == Second::Off
        || (published.is_some() && (checked_by_json_ld || second_opinion == Second::DateOnly))
    {
        MoreMetadata::default()
    } else if second_opinion == Second::DateOnly {
        MoreMetadata {
            date: date_only(html, url),
            text: None,
        }
    } else {
        match second {
            Some(reading) => reading
                .join()
                .and_then(|caught| caught)
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => more_metadata(html, url),
        }
    };
    let published = published.or(more.date);
    evidence.second_opinion = more.text;
    let readings = mark_by_readings(&lines, structure, &evidence);
    // The judge's verdicts where it is sure; the rules' elsewhere (and
    // everywhere without a judge, as the bench measures its cost).
    let judgements = model.map_or_else(Vec::new, |model| {
        judge::judge(&lines, &by_structure, &readings, model)
    });
    let boilerplate: Vec<usize> = (0..lines.len())
        .filter(|&i| judgements.get(i).map_or(readings.marked[i], |j| j.marked))
        .collect();
    let why_marked = boilerplate
        .iter()
        .filter_map(|&i| {
            let why = match judgements.get(i) {
                Some(j) if !j.by_rules => Some(crate::why::judge(j.score)),
                _ => readings.why[i].map(str::to_string),
            };
            // The wording rules' reason is the default: not stored.
            why.filter(|w| w != crate::why::WORDING).map(|w| (i, w))
        })
        .collect();
    let paragraphs: Vec<String> = lines.into_iter().map(|l| l.text).collect();
    // The description is the standfirst unless it only repeats the
    // story's opening.
    let standfirst = description.filter(|d| {
        let opening = paragraphs
            .iter()
            .take(3)
            .enumerate()
            .find(|(i, p)| !boilerplate.contains(i) && p.starts_with(d.trim_end_matches('…')));
        opening.is_none()
    });
    let document = Document {
        source: url.map(str::to_string),
        standfirst,
        title,
        byline,
        published,
        site,
        boilerplate,
        why_marked,
        paragraphs,
        ..Document::default()
    };
    Ok((document, judgements))
}

/// What trafilatura adds to dom_smoothie's reading of a page.
#[derive(Default)]
struct MoreMetadata {
    date: Option<String>,
    /// trafilatura's own reading of the body, a second opinion on each line.
    text: Option<String>,
}

fn more_metadata(html: &str, url: Option<&str>) -> MoreMetadata {
    // Dates from the page's metadata, its address and date elements only:
    // trafilatura's extensive search reads them from the body text too, and
    // a year the story mentions is not when it was published. Readers'
    // comments are never storydiff's text: skipping them spares trafilatura
    // a pass over the page (its body text is the same either way). Its own
    // fallbacks (a second Readability and jusText, run when its rules find
    // little) are off: dom_smoothie is already our Readability, and on the
    // 50 benchmark and 130 metadata pages the figures are the same to the
    // last digit without them, and extraction is a sixth faster.
    let options = date_options(url)
        .with_exclude_comments(true)
        .with_fallback(false);
    match trafilatura::extract(html, &options) {
        Ok(result) => MoreMetadata {
            date: result.metadata.date.map(|d| d.to_string()),
            text: Some(result.content_text).filter(|t| !t.trim().is_empty()),
        },
        Err(_) => MoreMetadata::default(),
    }
}

/// trafilatura's options for what storydiff asks of it: its date, found
/// fast. Headline, byline and site are dom_smoothie's: of trafilatura's
/// metadata only the date is read, and its pass over the page's authors,
/// categories, tags and licence was an eighth of a page's time.
fn date_options(url: Option<&str>) -> trafilatura::Options {
    let options = trafilatura::Options::default()
        .with_html_date_mode(trafilatura::HtmlDateMode::Fast)
        .with_date_only_metadata(true);
    match url.and_then(|u| url::Url::parse(u).ok()) {
        Some(url) => options.with_url(url),
        None => options,
    }
}

/// trafilatura's date for a page, without its reading of the body.
fn date_only(html: &str, url: Option<&str>) -> Option<String> {
    let page = trafilatura::dom::Document::parse(html);
    trafilatura::metadata::extract_metadata(&page, &date_options(url))
        .date
        .map(|d| d.to_string())
}

/// The names the page gives its publisher: the site's name, and the
/// parts of the `<title>` beside the headline ("Saving data | Android
/// Developers Blog"), as lists of plain words.
fn publisher_names(
    site: Option<&str>,
    page_title: Option<&str>,
    headline: Option<&str>,
) -> Vec<Vec<String>> {
    const SEPARATORS: &[&str] = &[" | ", " - ", " \u{2013} ", " \u{2014} ", " :: ", " \u{b7} "];
    let mut names: Vec<Vec<String>> = site.map(plain_words).into_iter().collect();
    if let Some(title) = page_title {
        let mut parts = vec![title];
        for sep in SEPARATORS {
            parts = parts.iter().flat_map(|p| p.split(sep)).collect();
        }
        if parts.len() > 1 {
            let headline = headline.map(plain_words);
            names.extend(
                parts
                    .into_iter()
                    .map(plain_words)
                    .filter(|w| Some(w) != headline.as_ref()),
            );
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

/// A line that only says who wrote the story, by its lead-in: "By Maria
/// Okafor", "Posted by Andrew Hayden, Software Engineer". The name after
/// the lead starts with a capital and the line is not a sentence.
fn byline_line(line: &str) -> bool {
    const LEADS: &[&str] = &["by ", "posted by ", "written by ", "words by ", "story by "];
    let line = line.trim();
    let lower = line.to_lowercase();
    let Some(lead) = LEADS.iter().find(|l| lower.starts_with(*l)) else {
        return false;
    };
    let name = line[lead.len()..].trim_start_matches(':').trim();
    let words = name.split_whitespace().count();
    (1..=10).contains(&words)
        && name.starts_with(char::is_uppercase)
        && !name.ends_with(['.', '!', '?'])
}

/// The byline, and the body without the byline line that pages repeat at
/// its top ("By Maria Okafor"): it is metadata, not story.
///
/// The page's metadata names the author, but where what it names is the
/// publisher (`publisher`: the site's name, or the name its `<title>`
/// gives beside the headline, as blog platforms set an account's name as
/// its posts' author) and the article's first lines credit someone by
/// name ("Posted by Andrew Hayden"), that person is the author: the
/// line the page shows its readers wins over the account behind it.
fn byline(
    known: Option<String>,
    publisher: &[Vec<String>],
    paragraphs: &[String],
) -> (Option<String>, Option<usize>) {
    let names_publisher = known.as_deref().and_then(clean_byline).is_some_and(|b| {
        let words = plain_words(&b);
        !words.is_empty()
            && publisher
                .iter()
                .any(|name| name.windows(words.len()).any(|w| w == words))
    });
    if names_publisher {
        if let Some(i) = paragraphs.iter().take(3).position(|p| byline_line(p)) {
            let byline = clean_byline(&paragraphs[i]);
            if byline.is_some() {
                return (byline, Some(i));
            }
        }
    }
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
    let byline = match position {
        Some(i) => known.or_else(|| Some(paragraphs[i].trim()[3..].trim().to_string())),
        None => known,
    };
    (byline.and_then(|b| clean_byline(&b)), position)
}

/// The byline as a reader names the author: without the "By" or "Posted
/// by" a site sets before it, and without a date its template runs into
/// it ("Joe Wee Monday, February 29, 2016 @ 11:10 PM UTC"). Two sites'
/// copies by the same writer then show the same byline, however each
/// dresses it, and a comparison flags a byline change only when the
/// writer changed. Roles stay ("Maria Okafor, Political Reporter"): a
/// changed role is a change a reader can see.
fn clean_byline(raw: &str) -> Option<String> {
    const LEADS: &[&[&str]] = &[
        &["posted", "by"],
        &["written", "by"],
        &["words", "by"],
        &["story", "by"],
        &["text", "by"],
        &["reporting", "by"],
        &["by"],
        // French and Spanish "by", as pages in those languages set it.
        &["par"],
        &["por"],
    ];
    // An address beside the name ("Bradley M. Kuhn (http://ebb.org/bkuhn/)")
    // is a link, not a name.
    let words: Vec<&str> = raw
        .split_whitespace()
        .filter(|w| {
            let w = w.trim_start_matches(['(', '<', '[']);
            !(w.contains("://") || w.starts_with("www."))
        })
        .collect();
    let lead = LEADS
        .iter()
        .find(|lead| {
            words.len() > lead.len()
                && lead
                    .iter()
                    .zip(&words)
                    .all(|(want, got)| got.trim_end_matches(':').eq_ignore_ascii_case(want))
        })
        .map_or(0, |lead| lead.len());
    let mut name = &words[lead..];
    // A date after the name: the first place from which the rest only
    // says when, and holds a figure (so "Theresa May" keeps her name).
    // A byline that is all date ("Last Updated: January 7, 2025") names
    // no one.
    if let Some(k) = (0..name.len()).find(|&k| {
        let rest = name[k..].join(" ");
        rest.contains(|c: char| c.is_ascii_digit()) && crate::boilerplate::is_only_a_date(&rest)
    }) {
        name = &name[..k];
    }
    // What joined the name to the date: "Jane Doe |", "Jane Doe, on".
    while let Some(last) = name.last() {
        let joiner = last.chars().all(|c| !c.is_alphanumeric())
            || ["on", "at", "updated", "published", "posted"]
                .iter()
                .any(|w| last.eq_ignore_ascii_case(w));
        if !joiner || name.len() == 1 {
            break;
        }
        name = &name[..name.len() - 1];
    }
    let name = name
        .join(" ")
        .trim_end_matches([
            ',', '|', '-', '\u{2013}', '\u{2014}', '\u{b7}', '\u{2022}', '@',
        ])
        .trim()
        .to_string();
    Some(name).filter(|n| n.chars().any(char::is_alphanumeric))
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

/// The headline, and the body without it.
///
/// The headline is the one the publisher declares: dom_smoothie follows
/// Readability here, the page's metadata first (Dublin Core, Open Graph,
/// Twitter, Parse.ly, JSON-LD), then the `<title>` cleaned of the site's
/// name, then the lone `<h1>` where the title is too short or too long
/// to be one. Two exceptions, both stated by the page's own structure:
/// a title that is only the site's name gives way to the article's `<h1>`,
/// and a page with no title at all takes its `<h1>` when that opens the
/// article.
///
/// Pages repeat the headline as the article's first block; that block is
/// dropped from the body only when it says what the headline says. A
/// visible `<h1>` that differs from the declared headline stays in the
/// body, so an edit to it shows in a comparison rather than vanishing
/// between two metadata fields.
fn headline(
    title: Option<String>,
    site: Option<&str>,
    h1: Option<String>,
    paragraphs: &[String],
) -> (Option<String>, Option<usize>) {
    let Some(first) = paragraphs.first() else {
        return (title, None);
    };
    let first_words = plain_words(first);
    // More than half of the title's words are in the first block (of a
    // two-word title, both: "My title" is not restated by any heading
    // that happens to hold "title").
    let restates = |t: &str| {
        let title_words = plain_words(t);
        let shared = title_words
            .iter()
            .filter(|w| first_words.contains(w))
            .count();
        !title_words.is_empty() && shared * 2 > title_words.len()
    };
    let is_h1 = h1.as_deref().is_some_and(|h| h == first.trim());
    let looks_like_heading = !first_words.is_empty()
        && first_words.len() <= 25
        && !first
            .trim_end()
            .ends_with(['.', '!', '?', ':', '"', '\u{201D}']);
    let Some(title) = title else {
        return if is_h1 {
            (Some(first.trim().to_string()), Some(0))
        } else {
            (None, None)
        };
    };
    if first.trim() == title.trim() || ((is_h1 || looks_like_heading) && restates(&title)) {
        // The article's own <h1> is the headline as readers see it, and
        // often the fuller form of a title shortened for the tab.
        let headline = if is_h1 {
            first.trim().to_string()
        } else {
            title
        };
        return (Some(headline), Some(0));
    }
    // "Новости" over <h1>Мэр подал в отставку</h1>: a title that names the
    // site, or is a word or two sharing nothing with the article's own
    // <h1>, is not this story's headline. An <h1> shorter than the title
    // is more likely a section name ("Politics") than the headline.
    let names_site = site.is_some_and(|s| plain_words(s) == plain_words(&title));
    let title_words = plain_words(&title);
    let unrelated_word_or_two =
        title_words.len() <= 2 && !title_words.iter().any(|w| first_words.contains(w));
    let not_shorter = first_words.len() >= title_words.len();
    if is_h1 && not_shorter && (names_site || unrelated_word_or_two) {
        return (Some(first.trim().to_string()), Some(0));
    }
    (Some(title), None)
}

/// The `articleBody` of the page's JSON-LD (schema.org `NewsArticle` and
/// kin), where it has one: the publisher's own statement of the story's
/// text, a cross-check on every line.
fn json_ld_article_body(html: &str, lower: &str) -> Option<String> {
    let mut from = 0;
    let mut best: Option<String> = None;
    while let Some(at) = lower[from..].find("application/ld+json") {
        let at = from + at;
        let open_end = at + lower[at..].find('>')? + 1;
        let close = open_end + lower[open_end..].find("</script")?;
        from = close;
        if !lower[open_end..close].contains("\"articlebody\"") {
            continue;
        }
        let Ok(value) = serde_json::from_str::<serde_json::Value>(html[open_end..close].trim())
        else {
            continue;
        };
        if let Some(body) = find_article_body(&value, 0) {
            if best.as_ref().is_none_or(|b| b.len() < body.len()) {
                best = Some(body);
            }
        }
    }
    best
}

fn find_article_body(value: &serde_json::Value, depth: usize) -> Option<String> {
    if depth > 8 {
        return None;
    }
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(body)) = map.get("articleBody") {
                return Some(body.clone());
            }
            map.values().find_map(|v| find_article_body(v, depth + 1))
        }
        serde_json::Value::Array(items) => {
            items.iter().find_map(|v| find_article_body(v, depth + 1))
        }
        _ => None,
    }
}

/// The text of the page's first `<h1>`, tags stripped, spaces collapsed.
fn first_h1(html: &str, lower: &str) -> Option<String> {
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
fn page_title(html: &str, lower: &str) -> Option<String> {
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
    fn regression_a_byline_is_the_name_without_its_lead_in_or_a_date_run_into_it() {
        for (raw, want) in [
            ("By Maria Okafor", "Maria Okafor"),
            ("BY: MARIA OKAFOR", "MARIA OKAFOR"),
            ("Posted by Android Developers", "Android Developers"),
            (
                "Joe Wee Monday, February 29, 2016 @ 11:10 PM UTC",
                "Joe Wee",
            ),
            ("Maria Okafor | 14 March 2026, 09:00", "Maria Okafor"),
            ("Par Sébastien Farcis", "Sébastien Farcis"),
            ("Bradley M. Kuhn (http://ebb.org/bkuhn/)", "Bradley M. Kuhn"),
            // Names that hold a month or a joining word stay whole.
            ("Theresa May", "Theresa May"),
            ("April Smith and June Carter", "April Smith and June Carter"),
            (
                "Maria Okafor, Harbour Affairs Reporter",
                "Maria Okafor, Harbour Affairs Reporter",
            ),
            ("By", "By"),
        ] {
            assert_eq!(clean_byline(raw).as_deref(), Some(want), "{raw}");
        }
        for nobody in [
            " | ",
            "Last Updated: January 7, 2025",
            "April 28, 2019 at 6:01 am",
        ] {
            assert_eq!(clean_byline(nobody), None, "{nobody}");
        }
    }

    #[test]
    fn regression_a_byline_that_names_the_publisher_gives_way_to_the_author_the_page_shows() {
        // A blog platform sets the blog's account as every post's author;
        // the post itself says who wrote it (Readability's links-in-tables).
        let page = |author: &str, first: &str| {
            story_with("")
                .replace(
                    "<title>Sea wall approved | Harbour Gazette</title>",
                    &format!(
                        "<title>Sea wall approved | Harbour Gazette Blog</title><meta name=\"author\" content=\"{author}\">"
                    ),
                )
                .replace("<meta property=\"og:site_name\" content=\"Harbour Gazette\">", "")
                .replace("</h1>", &format!("</h1><p><em>{first}</em></p>"))
        };
        let doc = extract(
            &page(
                "Harbour Gazette",
                "Posted by Maria Okafor, Local Democracy Reporter",
            ),
            None,
        )
        .unwrap();
        assert_eq!(
            doc.byline.as_deref(),
            Some("Maria Okafor, Local Democracy Reporter"),
            "{doc:#?}"
        );
        // The line it was read from is metadata, not story.
        assert!(
            !doc.paragraphs.iter().any(|p| p.contains("Posted by")),
            "{doc:#?}"
        );
        assert_story_intact(&doc);
        // A person the metadata names is the author, whoever the first
        // line credits; and the publisher stays where the page names no one.
        let doc = extract(&page("Tom Reid", "Posted by Maria Okafor"), None).unwrap();
        assert_eq!(doc.byline.as_deref(), Some("Tom Reid"), "{doc:#?}");
        let doc = extract(&page("Harbour Gazette", "Waves broke over the wall."), None).unwrap();
        assert_eq!(doc.byline.as_deref(), Some("Harbour Gazette"), "{doc:#?}");
    }

    #[test]
    fn a_login_wall_is_no_article_and_says_what_was_found() {
        let html = "<html><head><title>Sign in</title></head><body><form><input name=u><input name=p type=password><button>Log in</button></form></body></html>";
        let err = extract(html, None).unwrap_err();
        assert!(err.found.contains("Sign in"), "{err:?}");
    }

    #[test]
    fn regression_a_short_page_with_a_headline_is_read_with_a_notice_not_refused() {
        // A news brief: its headline and one sentence. Refused before as
        // "no article", which lost its headline too.
        let brief = "<html><head><title>Ferry services cancelled</title></head><body><main><h1>Ferry services cancelled</h1><div>All crossings are off until Monday after the storm.</div></main></body></html>";
        let (doc, notices) = extract_with_notices(brief, None).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Ferry services cancelled"));
        assert_eq!(
            doc.paragraphs,
            ["All crossings are off until Monday after the storm."]
        );
        assert!(
            notices
                .iter()
                .any(|n| n.contains("only 9 words of story text")),
            "{notices:?}"
        );
        // A long article has no such notice.
        let (_, notices) = extract_with_notices(PAGE, None).unwrap();
        assert!(notices.is_empty(), "{notices:?}");
        // Still refused: a page whose only text is links (an index), and
        // one with text but no headline anywhere.
        let index = "<html><head><title>Latest news</title></head><body><ul><li><a href=a>Ferry services cancelled</a></li><li><a href=b>Sea wall approved</a></li></ul></body></html>";
        assert!(extract(index, None).is_err());
        let untitled = "<html><body><div>All crossings are off until Monday.</div></body></html>";
        assert!(extract(untitled, None).is_err());
    }

    #[test]
    fn regression_the_declared_headline_wins_over_an_h1_that_does_not_restate_it() {
        // Open Graph's title is the publisher's headline; a different <h1>
        // is kept in the body, where an edit to it shows.
        let page = story_with("").replace(
            "<meta property=\"og:site_name\"",
            "<meta property=\"og:title\" content=\"Town to build flood wall after winter storms\"><meta property=\"og:site_name\"",
        ).replace("Harbour council approves £12m sea wall", "Live: the council decides");
        let doc = extract(&page, None).unwrap();
        assert_eq!(
            doc.title.as_deref(),
            Some("Town to build flood wall after winter storms")
        );
        assert_eq!(doc.paragraphs[0], "Live: the council decides", "{doc:#?}");
    }

    #[test]
    fn regression_a_title_that_only_names_the_site_gives_way_to_the_h1() {
        let page = story_with("").replace(
            "<title>Sea wall approved | Harbour Gazette</title>",
            "<title>Harbour Gazette</title>",
        );
        let doc = extract(&page, None).unwrap();
        assert_eq!(
            doc.title.as_deref(),
            Some("Harbour council approves £12m sea wall")
        );
        assert!(doc.paragraphs[0].starts_with("The Harbour council voted"));
    }

    /// A story page with `extra` inside its article, after the second paragraph.
    fn story_with(extra: &str) -> String {
        format!(
            r#"<!doctype html><html><head><title>Sea wall approved | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette"></head><body>
<article><h1>Harbour council approves £12m sea wall</h1>
<p>The Harbour council voted on Thursday night to build a £12 million sea wall along the eastern promenade, three months after storms flooded more than 200 homes.</p>
<p>The decision, passed by 23 votes to 9, ends a year of argument over whether the town should defend the seafront or help residents move away.</p>
{extra}
<p>“We cannot ask families to keep bailing out their kitchens every January,” said council leader Alan Briggs, who proposed the plan to the full council.</p>
<p>Work on the wall is due to start in September and to take two years, with the first section protecting the streets behind the lifeboat station.</p>
</article></body></html>"#
        )
    }

    /// Whether the paragraph holding `needle` is marked (`Some(true)`),
    /// kept as story (`Some(false)`) or gone (`None`).
    fn marked(doc: &Document, needle: &str) -> Option<bool> {
        doc.paragraphs
            .iter()
            .position(|p| p.contains(needle))
            .map(|i| doc.boilerplate.contains(&i))
    }

    fn assert_story_intact(doc: &Document) {
        for needle in [
            "The Harbour council voted",
            "The decision, passed",
            "We cannot ask",
            "Work on the wall",
        ] {
            assert_eq!(marked(doc, needle), Some(false), "{needle}: {doc:#?}");
        }
    }

    fn assert_not_story(doc: &Document, needles: &[&str]) {
        for needle in needles {
            assert_ne!(
                marked(doc, needle),
                Some(false),
                "{needle} counted as story: {doc:#?}"
            );
        }
    }

    #[test]
    fn regression_a_labelled_link_to_another_story_is_not_story() {
        let doc = extract(
            &story_with(
                r#"<p>Lire aussi : <a href="/a">Les critiques de la CNIL contre le projet de loi</a></p>
<p>[<a href="/b">Read: Why the harbour wall took a decade to approve</a>]</p>
<p>Note: the council's <a href="/c">full report</a> runs to 400 pages and was published on Friday.</p>
<p>Account: <a href="/d">@harbourgazette</a></p>
<p><a href="/e">Star Wars: The Last Jedi and the harbour town</a></p>"#,
            ),
            None,
        )
        .unwrap();
        assert_story_intact(&doc);
        assert_not_story(&doc, &["Lire aussi", "[Read: Why"]);
        for story in ["Note:", "Account:", "Star Wars:"] {
            let at = doc
                .paragraphs
                .iter()
                .position(|p| p.starts_with(story))
                .expect("kept");
            assert!(!doc.boilerplate.contains(&at), "{story} {doc:#?}");
        }
    }

    #[test]
    fn regression_captions_credits_and_gallery_counters_are_not_story() {
        let doc = extract(
            &story_with(
                r#"<figure><img src="wall.jpg" alt=""><figcaption>Waves break over the promenade in January</figcaption></figure>
<p>Flooded homes on Marine Parade (Image: GETTY)</p>
<p>Image 1 of 8</p>
<p>Residents queue for sandbags on Sunday morning. Photograph: Tom Reid/Harbour Gazette</p>
<p>Storm on the seafront | 14 Photos</p>
<p>The night the sea came in (12 images)</p>
<p>By morning the lifeboat crew had taken 14 photos.</p>"#,
            ),
            None,
        )
        .unwrap();
        assert_story_intact(&doc);
        assert_not_story(
            &doc,
            &[
                "Waves break over",
                "Flooded homes on",
                "Image 1 of 8",
                "Residents queue",
                "14 Photos",
                "12 images",
            ],
        );
        // A sentence that counts pictures is story.
        assert_eq!(marked(&doc, "had taken 14 photos"), Some(false), "{doc:#?}");
    }

    #[test]
    fn regression_captions_worded_as_agencies_word_them_are_not_story() {
        // Captions set as plain paragraphs, outside any <figure>: only
        // their opening words say what they are.
        let doc = extract(
            &story_with(
                r#"<p>In this photo taken on Sunday, residents fill sandbags on Marine Parade.</p>
<p>FILE - In this March 2, 2026 file photo, waves break over the eastern promenade.</p>
<p>Clockwise from top: the lifeboat station; the flooded car park; sandbags at the town hall.</p>
<p>Pictured: council leader Alan Briggs at the vote</p>
<p>Illustration by Tom Reid</p>"#,
            ),
            None,
        )
        .unwrap();
        assert_story_intact(&doc);
        assert_not_story(
            &doc,
            &[
                "In this photo taken",
                "file photo, waves",
                "Clockwise from top",
                "Pictured: council",
                "Illustration by",
            ],
        );
    }

    #[test]
    fn regression_a_caption_does_not_run_into_the_paragraph_beside_it() {
        let doc = extract(
            &story_with(
                r#"<p>Engineers surveyed the shore <figure><img src="a.jpg"><figcaption>The shore at low tide</figcaption></figure> before the vote.</p>"#,
            ),
            None,
        )
        .unwrap();
        assert_story_intact(&doc);
        assert_not_story(&doc, &["The shore at low tide"]);
        assert!(
            !doc.paragraphs.iter().any(|p| p.contains("shore The shore")),
            "{doc:#?}"
        );
    }

    #[test]
    fn regression_related_headline_lists_and_their_heading_are_not_story() {
        let doc = extract(
            &story_with(
                r#"<h3>More from Harbour</h3><ul>
<li><a href="/a">Lifeboat crew rescue two from cliff ledge</a></li>
<li><a href="/b">School roof repairs to cost £400,000</a></li>
<li><a href="/c">Ferry timetable cut for the winter months</a></li>
<li><a href="/d">New mayor sworn in at the town hall</a></li></ul>
<h2>Most read</h2><p><a href="/e">Storm damage bill rises to £3m</a></p>
<p><a href="/f">Seafront café closes after 60 years</a></p><p><a href="/g">Harbour named best beach</a></p>"#,
            ),
            None,
        )
        .unwrap();
        assert_story_intact(&doc);
        assert_not_story(
            &doc,
            &[
                "More from Harbour",
                "Lifeboat crew",
                "Ferry timetable",
                "Most read",
                "Storm damage bill",
                "best beach",
            ],
        );
    }

    #[test]
    fn regression_reference_and_see_also_sections_are_not_story() {
        let doc = extract(
            &story_with(
                r#"<h2>See also</h2><p>Flood defences along the county's coast</p>
<h2>References[edit]</h2><ol><li>Smith, Jane (2024). Coastal Walls. Harbour Press. p. 12.</li>
<li>"Sea wall vote". Harbour Gazette. Retrieved 14 March 2026.</li></ol>
<h2>What happens next</h2>"#,
            ),
            None,
        )
        .unwrap();
        assert_story_intact(&doc);
        assert_not_story(
            &doc,
            &[
                "See also",
                "county's coast",
                "References",
                "Coastal Walls",
                "Retrieved",
            ],
        );
        // The next section's heading and lines are the story again.
        assert_eq!(marked(&doc, "What happens next"), Some(false), "{doc:#?}");
    }

    #[test]
    fn regression_lines_that_only_give_the_date_or_byline_are_not_story() {
        let doc = extract(
            &story_with(
                r#"<p>Published 1 day ago | Updated 14:05 BST, 3 March 2026</p>
<p><time datetime="2026-03-14T09:00">14 March 2026, 09:00</time></p>
<p>By Maria Okafor and Tom Reid</p>"#,
            ),
            None,
        )
        .unwrap();
        assert_story_intact(&doc);
        assert_not_story(
            &doc,
            &[
                "Published 1 day ago",
                "14 March 2026, 09:00",
                "By Maria Okafor",
            ],
        );
    }

    #[test]
    fn regression_newsletter_app_and_inline_promotions_are_not_story() {
        let doc = extract(
            &story_with(
                r#"<p>Get the day's top headlines delivered to your inbox every morning</p>
<p>READ MORE: Storm damage bill rises to £3m</p>
<p>Continue Reading Below</p>
<p>GET HARBOUR NEWS ON THE GO BY CLICKING HERE</p>
<p>Download the app for breaking news alerts</p>"#,
            ),
            None,
        )
        .unwrap();
        assert_story_intact(&doc);
        assert_not_story(
            &doc,
            &[
                "top headlines",
                "READ MORE",
                "Continue Reading",
                "ON THE GO",
                "Download the app",
            ],
        );
    }

    #[test]
    fn regression_author_bios_follow_lines_and_footers_are_not_story() {
        let page = story_with("").replace(
            "</article>",
            r#"<p>Maria Okafor is the Gazette's local democracy reporter and has covered the council since 2019.</p>
<p>Follow us on Facebook and X for the latest news</p>
<p>© Harbour Gazette 2026. All rights reserved.</p></article>"#,
        ).replace("<h1>", r#"<p class="byline">By Maria Okafor</p><h1>"#);
        let doc = extract(&page, None).unwrap();
        assert!(
            doc.byline
                .as_deref()
                .is_some_and(|b| b.ends_with("Maria Okafor")),
            "{doc:#?}"
        );
        assert_story_intact(&doc);
        assert_not_story(
            &doc,
            &["Maria Okafor is", "Follow us", "All rights reserved"],
        );
    }

    #[test]
    fn regression_hidden_and_tooltip_text_is_dropped() {
        let doc = extract(
            &story_with(
                r#"<p>The wall will be built by <a href="/firm">Coastline Ltd<span role="tooltip">Coastline Ltd is a civil engineering firm based in Hull. Read our profile.</span></a>, which built the Whitby defences.</p>
<p hidden>Subscribe for £1 a week to keep reading this story</p>
<div aria-hidden="true"><p>Share this on WhatsApp Facebook Email</p></div>"#,
            ),
            None,
        )
        .unwrap();
        assert_story_intact(&doc);
        assert_eq!(
            marked(&doc, "The wall will be built by Coastline Ltd, which"),
            Some(false),
            "{doc:#?}"
        );
        for gone in ["civil engineering firm", "Subscribe for", "WhatsApp"] {
            assert_eq!(marked(&doc, gone), None, "{gone}: {doc:#?}");
        }
    }

    #[test]
    fn regression_lines_the_json_ld_article_body_lacks_are_not_story() {
        let body = "The Harbour council voted on Thursday night to build a £12 million sea wall along the eastern promenade, three months after storms flooded more than 200 homes. The decision, passed by 23 votes to 9, ends a year of argument over whether the town should defend the seafront or help residents move away. “We cannot ask families to keep bailing out their kitchens every January,” said council leader Alan Briggs, who proposed the plan to the full council. Work on the wall is due to start in September and to take two years, with the first section protecting the streets behind the lifeboat station.";
        let page = story_with(
            "<p>Our journalists work around the clock to bring you the news that matters to the town, and we rely on readers like you.</p>",
        )
        .replace(
            "</head>",
            &format!(
                r#"<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour council approves £12m sea wall","articleBody":"{body} {body}"}}</script></head>"#
            ),
        );
        let doc = extract(&page, None).unwrap();
        assert_story_intact(&doc);
        assert_not_story(&doc, &["Our journalists work"]);
    }
}
