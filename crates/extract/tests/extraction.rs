//! Extraction measured on real pages with known answers.
//!
//! - Body (`../shared/extraction/aeb-dev`, 50 pages of the Article
//!   Extraction Benchmark): the benchmark's own metric, F1 of 4-word
//!   shingles of the extracted body (paragraphs marked boilerplate left
//!   out, as the comparison leaves them out) against the marked body,
//!   averaged over pages.
//! - What a reader sees: each page compared, through the real engine,
//!   with a clean reprint of its own marked article (a plain page holding
//!   only that text). Every `removed` passage not marked boilerplate is
//!   text the extraction let through that a reader would take for a cut:
//!   a false passage. `added` passages are story text the extraction lost.
//! - Metadata (`../shared/extraction/readability-pages`, Mozilla
//!   Readability's test pages): headline, byline and date agreement.
//!
//! The 50 body pages are split by a hash of their id into a tuning half
//! and a held-out half. Rules were chosen looking at the tuning half only;
//! both halves and the whole are printed, so a rule that only fits the
//! pages it was tuned on shows. `EXTRACTION_DETAIL=1` prints each tuning
//! page's false passages (never the held-out ones).

use std::collections::HashSet;
use std::io::Read;
use std::path::PathBuf;

use storydiff_engine::{compare, ChangeKind, Options};
use storydiff_extract::{decode_html, html, text_article, NoArticle};

/// `shared/extraction/<name>` beside the repository (or beside a folder
/// that holds the repository's worktree).
fn shared_dir(name: &str) -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = manifest
        .ancestors()
        .map(|a| a.join("shared/extraction").join(name))
        .find(|d| d.is_dir());
    dir.unwrap_or_else(|| {
        panic!(
            "shared/extraction/{name} is missing: the extraction test data lives in shared/ beside the repository ({})",
            manifest.display()
        )
    })
}

fn shingles(text: &str) -> HashSet<Vec<String>> {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    words.windows(4).map(<[String]>::to_vec).collect()
}

/// FNV-1a: a fixed hash, so the split is the same on every machine and run.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Which half a page is in: tuning (rules were chosen looking at these) or held out.
fn is_tuning(id: &str) -> bool {
    fnv(id) % 2 == 0
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A plain page holding only the marked article, one `<p>` a line.
fn reprint(body: &str) -> String {
    let mut page =
        String::from("<!doctype html><html><head><title>Reprint</title></head><body><article>\n");
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        page.push_str(&format!("<p>{}</p>\n", escape(line)));
    }
    page.push_str("</article></body></html>");
    page
}

#[derive(Default)]
struct Tally {
    pages: usize,
    precision: f64,
    recall: f64,
    f1: f64,
    below_half: usize,
    false_passages: usize,
    clean_pages: usize,
    lost_passages: usize,
}

impl Tally {
    fn line(&self, name: &str) -> String {
        let n = self.pages.max(1) as f64;
        format!(
            "{name:<9} {:>2} pages: P {:.3}  R {:.3}  F1 {:.3}  below 0.5: {}  | false passages {:.2}/page, none on {:.0}%  | lost passages {:.2}/page",
            self.pages,
            self.precision / n,
            self.recall / n,
            self.f1 / n,
            self.below_half,
            self.false_passages as f64 / n,
            100.0 * self.clean_pages as f64 / n,
            self.lost_passages as f64 / n,
        )
    }
}

struct Measured {
    tuning: Tally,
    held_out: Tally,
    whole: Tally,
}

/// An extraction to measure: [`html::extract`], or the quick reading.
type Extract = fn(&str, Option<&str>) -> Result<storydiff_engine::Document, NoArticle>;

/// An extraction that may depend on the page: its id, text and address.
type ExtractPage<'a> =
    &'a dyn Fn(&str, &str, Option<&str>) -> Result<storydiff_engine::Document, NoArticle>;

fn quick(html: &str, url: Option<&str>) -> Result<storydiff_engine::Document, NoArticle> {
    storydiff_extract::extract_quick_with_notices(html, url).map(|(document, _)| document)
}

/// trafilatura's reading alone, as the Python baseline of `warc index`'s
/// bench reads pages: its body text, lines marked by wording only.
fn trafilatura_alone(
    html: &str,
    url: Option<&str>,
) -> Result<storydiff_engine::Document, NoArticle> {
    let mut options = trafilatura::Options::default();
    if let Some(url) = url.and_then(|u| url::Url::parse(u).ok()) {
        options = options.with_url(url);
    }
    let text = trafilatura::extract(html, &options)
        .map(|r| r.content_text)
        .unwrap_or_default();
    if text.trim().is_empty() {
        return Err(NoArticle {
            found: String::new(),
        });
    }
    Ok(text_article(&text.replace('\n', "\n\n")))
}

fn measure(extract: Extract) -> Measured {
    measure_pages(&|_, text, url| extract(text, url))
}

fn measure_pages(extract: ExtractPage) -> Measured {
    measure_some(extract, &|_| true)
}

/// [`measure_pages`] on the pages whose id `only` takes.
fn measure_some(extract: ExtractPage, only: &dyn Fn(&str) -> bool) -> Measured {
    let dir = shared_dir("aeb-dev");
    let truth: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("ground-truth.json")).unwrap()).unwrap();
    let detail = std::env::var_os("EXTRACTION_DETAIL").is_some();
    let (mut tuning, mut held_out, mut whole) =
        (Tally::default(), Tally::default(), Tally::default());
    for (id, answer) in truth.as_object().unwrap() {
        if !only(id) {
            continue;
        }
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
            .read_to_end(&mut bytes)
            .unwrap();
        let text = decode_html(&bytes, None).text;
        let url = answer["url"].as_str();
        let marked = answer["articleBody"].as_str().unwrap();
        let doc = extract(id, &text, url).ok();
        let body = doc
            .as_ref()
            .map(|d| {
                d.paragraphs
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !d.boilerplate.contains(i))
                    .map(|(_, p)| p.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default();
        let (got, want) = (shingles(&body), shingles(marked));
        let shared = got.intersection(&want).count() as f64;
        let p = if got.is_empty() {
            0.0
        } else {
            shared / got.len() as f64
        };
        let r = if want.is_empty() {
            0.0
        } else {
            shared / want.len() as f64
        };
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };

        // What a reader sees: the page against a clean reprint of its article.
        let page_doc = doc.unwrap_or_default();
        let clean = html::extract(&reprint(marked), None).unwrap_or_else(|_| text_article(marked));
        let comparison = compare(&page_doc, &clean, &Options::default());
        let false_passages: Vec<&str> = comparison
            .changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Removed && !c.boilerplate)
            .map(|c| c.old_text.as_str())
            .collect();
        let lost = comparison
            .changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Added && !c.boilerplate)
            .count();

        let half = if is_tuning(id) {
            &mut tuning
        } else {
            &mut held_out
        };
        for tally in [half, &mut whole] {
            tally.pages += 1;
            tally.precision += p;
            tally.recall += r;
            tally.f1 += f1;
            tally.below_half += usize::from(f1 < 0.5);
            tally.false_passages += false_passages.len();
            tally.clean_pages += usize::from(false_passages.is_empty());
            tally.lost_passages += lost;
        }
        if let Some(page) = std::env::var("EXTRACTION_PAGE")
            .ok()
            .filter(|p| id.starts_with(p.as_str()) && is_tuning(id))
        {
            eprintln!("{page}: {}", url.unwrap_or(""));
            if let Ok(d) = html::extract(&text, url) {
                for (i, p) in d.paragraphs.iter().enumerate() {
                    eprintln!(
                        "  {}{i}: {}",
                        if d.boilerplate.contains(&i) { "B" } else { " " },
                        p.chars().take(200).collect::<String>()
                    );
                }
            }
        }
        if detail && is_tuning(id) {
            eprintln!(
                "{} P {p:.3} R {r:.3} F1 {f1:.3} {}",
                &id[..8],
                url.unwrap_or("")
            );
            if let Ok(d) = html::extract(&text, url) {
                for &i in &d.boilerplate {
                    let own = shingles(&d.paragraphs[i]);
                    let inside = own.intersection(&want).count();
                    if !own.is_empty() && inside * 2 > own.len() {
                        eprintln!(
                            "    marked story: {}",
                            d.paragraphs[i].chars().take(160).collect::<String>()
                        );
                    }
                }
            }
            for passage in &false_passages {
                eprintln!(
                    "    false: {}",
                    passage.chars().take(160).collect::<String>()
                );
            }
        }
    }
    Measured {
        tuning,
        held_out,
        whole,
    }
}

#[test]
fn body_and_what_a_reader_sees_on_the_benchmark_pages() {
    let m = measure(html::extract);
    eprintln!("extraction on ../shared/extraction/aeb-dev (boilerplate left out):");
    eprintln!("{}", m.tuning.line("tuning"));
    eprintln!("{}", m.held_out.line("held-out"));
    eprintln!("{}", m.whole.line("whole"));
    assert_eq!(m.whole.pages, 50);
    // Floors a little under today's figures, so a change that loses
    // ground shows (the goals themselves are for pages never seen).
    let n = m.whole.pages as f64;
    let f1 = m.whole.f1 / n;
    assert!(f1 >= 0.96, "mean body F1 {f1:.3} fell below 0.96");
    assert!(m.whole.recall / n >= 0.96, "recall fell below 0.96");
    assert_eq!(m.whole.below_half, 0, "a page fell below F1 0.5");
    let false_passages = m.whole.false_passages as f64 / n;
    assert!(
        false_passages <= 0.9,
        "{false_passages:.2} false passages a page (more than 0.9)"
    );
}

/// The quick reading (`warc index`): trafilatura gives only a date, so
/// its second opinion on short lines is missing. Its own floor, so that
/// the index's figures are known and kept.
#[test]
fn body_and_what_a_reader_sees_with_the_quick_reading() {
    let m = measure(quick);
    eprintln!("quick reading on ../shared/extraction/aeb-dev (boilerplate left out):");
    eprintln!("{}", m.tuning.line("tuning"));
    eprintln!("{}", m.held_out.line("held-out"));
    eprintln!("{}", m.whole.line("whole"));
    assert_eq!(m.whole.pages, 50);
    let n = m.whole.pages as f64;
    assert!(m.whole.f1 / n >= 0.95, "mean body F1 fell below 0.95");
    assert!(m.whole.recall / n >= 0.96, "recall fell below 0.96");
    assert_eq!(m.whole.below_half, 0, "a page fell below F1 0.5");
    let false_passages = m.whole.false_passages as f64 / n;
    assert!(
        false_passages <= 1.7,
        "{false_passages:.2} false passages a page (more than 1.7)"
    );
    // The job `warc index` is measured against in `scripts/bench-warc.py`:
    // the quick reading must do it at least as well.
    let baseline = measure(trafilatura_alone);
    eprintln!("trafilatura alone, for reference:");
    eprintln!("{}", baseline.held_out.line("held-out"));
    eprintln!("{}", baseline.whole.line("whole"));
    // By the benchmark's shingles: its lines break where ours do not, so
    // its passages are not counted alike and are shown, not compared.
    assert!(m.whole.precision >= baseline.whole.precision);
    assert!(m.whole.f1 >= baseline.whole.f1);
}

/// Case, spaces and quote marks aside.
fn normal(text: &str) -> String {
    text.to_lowercase()
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201C}', '\u{201D}'], "\"")
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The same headline, or the same but for the site's name after a
/// separator ("Sea wall approved | Harbour Gazette").
fn same_headline(got: &str, want: &str) -> bool {
    let (got, want) = (normal(got), normal(want));
    let (short, long) = if got.len() <= want.len() {
        (&got, &want)
    } else {
        (&want, &got)
    };
    long == short
        || [
            " | ",
            " - ",
            " \u{2013} ",
            " \u{2014} ",
            " :: ",
            " \u{b7} ",
            ": ",
        ]
        .iter()
        .any(|sep| {
            long.strip_prefix(short.as_str())
                .is_some_and(|rest| rest.starts_with(sep))
                || long
                    .strip_suffix(short.as_str())
                    .is_some_and(|rest| rest.ends_with(sep))
        })
}

/// The same name: both sides without a lead-in ("By", "Written by",
/// "Posted by", French "Par"), an address or a date run on after the name
/// ("By Nathan Willis March 25, 2015", as Readability returns the whole
/// byline element).
fn same_byline(got: &str, want: &str) -> bool {
    let strip = |s: &str| {
        // An address beside the name is a link, not part of it.
        let s: Vec<&str> = s
            .split_whitespace()
            .filter(|w| !w.contains("://"))
            .collect();
        let mut s = normal(&s.join(" "));
        for lead in ["by ", "by: ", "written by ", "posted by ", "par "] {
            if let Some(rest) = s.strip_prefix(lead) {
                s = rest.to_string();
            }
        }
        s
    };
    let (got, want) = (strip(got), strip(want));
    let (short, long) = if got.len() <= want.len() {
        (&got, &want)
    } else {
        (&want, &got)
    };
    long == short
        || long
            .strip_prefix(short.as_str())
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()) || only_a_date(rest))
}

/// A byline field that gives only a date ("Last Updated: January 7,
/// 2025") names no one: Readability returns some date lines as bylines.
fn only_a_date(text: &str) -> bool {
    const WHEN: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "last",
        "updated",
        "published",
        "posted",
        "on",
        "at",
        "am",
        "pm",
        "utc",
        "gmt",
    ];
    let lower = text.to_lowercase();
    lower.contains(|c: char| c.is_ascii_digit())
        && lower
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .all(|w| WHEN.contains(&w))
}

#[test]
fn headline_byline_and_date_on_the_readability_pages() {
    let dir = shared_dir("readability-pages");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected-metadata.json").is_file())
        .collect();
    cases.sort();
    let (mut pages, mut headline, mut byline, mut dated, mut date, mut extra_dates) =
        (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    // Headline and byline agreement on the half that `is_tuning` holds out
    // for the body rules, as (pages, headline, byline). The headline rule
    // was chosen looking at misses in both halves, so for it this half is
    // a split of the figure, not unseen data.
    let mut held_out = (0usize, 0usize, 0usize);
    for case in &cases {
        let want: serde_json::Value =
            serde_json::from_slice(&std::fs::read(case.join("expected-metadata.json")).unwrap())
                .unwrap();
        let bytes = std::fs::read(case.join("source.html")).unwrap();
        let text = decode_html(&bytes, None).text;
        let doc = html::extract(&text, Some("http://fakehost/test/page.html")).unwrap_or_default();
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        pages += 1;
        let tuning = is_tuning(&name);
        held_out.0 += usize::from(!tuning);
        let field = |k: &str| want[k].as_str().map(str::trim).filter(|s| !s.is_empty());
        let ok = match (doc.title.as_deref(), field("title")) {
            (Some(g), Some(w)) => same_headline(g, w),
            (None, None) => true,
            _ => false,
        };
        headline += usize::from(ok);
        held_out.1 += usize::from(ok && !tuning);
        if !ok {
            misses.push(format!(
                "{name}: headline {:?} want {:?}",
                doc.title,
                field("title")
            ));
        }
        let ok = match (
            doc.byline.as_deref(),
            field("byline").filter(|b| !only_a_date(b)),
        ) {
            (Some(g), Some(w)) => same_byline(g, w),
            (None, None) => true,
            _ => false,
        };
        byline += usize::from(ok);
        held_out.2 += usize::from(ok && !tuning);
        if !ok {
            misses.push(format!(
                "{name}: byline {:?} want {:?}",
                doc.byline,
                field("byline")
            ));
        }
        // A date is compared by its day; where Readability knows none, a
        // date found in the page is counted apart, not as a disagreement.
        match field("publishedTime") {
            Some(w) => {
                dated += 1;
                let ok = doc
                    .published
                    .as_deref()
                    .is_some_and(|g| g.get(..10) == w.get(..10));
                date += usize::from(ok);
                if !ok {
                    misses.push(format!("{name}: date {:?} want {w:?}", doc.published));
                }
            }
            None => extra_dates += usize::from(doc.published.is_some()),
        }
    }
    let share = |n: usize, of: usize| n as f64 / of.max(1) as f64;
    eprintln!(
        "metadata on {pages} readability pages: headline {:.3}, byline {:.3}, date {:.3} (of {dated} pages with a known date; a date on {extra_dates} more)",
        share(headline, pages),
        share(byline, pages),
        share(date, dated)
    );
    eprintln!(
        "held-out {} pages: headline {:.3}, byline {:.3}",
        held_out.0,
        share(held_out.1, held_out.0),
        share(held_out.2, held_out.0)
    );
    for miss in &misses {
        eprintln!("    {miss}");
    }
    assert!(pages >= 130, "{pages} pages");
    assert!(share(headline, pages) >= 0.98, "headline agreement fell");
    assert!(share(byline, pages) >= 0.93, "byline agreement fell");
    assert!(share(date, dated) >= 0.95, "date agreement fell");
}

/// The benchmark's pages: id, decoded text, address, marked article.
fn benchmark_pages() -> Vec<(String, String, Option<String>, String)> {
    let dir = shared_dir("aeb-dev");
    let truth: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("ground-truth.json")).unwrap()).unwrap();
    truth
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, answer)| {
            let path = dir.join("html").join(format!("{id}.html.gz"));
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
                .read_to_end(&mut bytes)
                .unwrap();
            (
                id.clone(),
                decode_html(&bytes, None).text,
                answer["url"].as_str().map(str::to_string),
                answer["articleBody"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The site a page is of (its host, without "www."): the line judge's
/// cross-validation never trains and tests on pages of one site.
fn site_of(url: Option<&str>) -> String {
    url.and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| u.host_str().map(str::to_string))
        .map(|h| h.trim_start_matches("www.").to_string())
        .unwrap_or_default()
}

/// Lower-case words of letters and digits.
fn plain(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A line's label: 1 where it is not the story, that is where fewer than
/// half its 3-word runs are in the marked article (a line of two words or
/// fewer: where its words are not found together in it).
fn not_story(line: &str, article_words: &[String], article_runs: &HashSet<Vec<String>>) -> bool {
    let words = plain(line);
    if words.is_empty() {
        return false;
    }
    if words.len() < 3 {
        return !article_words.windows(words.len()).any(|w| w == words);
    }
    let runs: Vec<&[String]> = words.windows(3).collect();
    let found = runs
        .iter()
        .filter(|r| article_runs.contains(&r.to_vec()))
        .count();
    found * 2 < runs.len()
}

const JUDGE_DATA: &str = "judge/lines.csv.gz";

/// The judge's training table: a row for each line of each benchmark page,
/// read both ways (the app's full reading and `warc index`'s quick one):
/// page, site, reading, line, label, then the features.
fn judge_table() -> String {
    use std::fmt::Write;
    let shipped = &storydiff_extract::judge::models().shipped;
    let mut pages = benchmark_pages();
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::from("page,site,reading,line,label");
    for name in storydiff_extract::judge::FEATURES {
        write!(out, ",{name}").unwrap();
    }
    out.push('\n');
    for (id, text, url, marked) in &pages {
        let article_words = plain(marked);
        let article_runs: HashSet<Vec<String>> =
            article_words.windows(3).map(<[String]>::to_vec).collect();
        for (reading, quick) in [("full", false), ("quick", true)] {
            let Ok((document, judged)) =
                html::judge_page(text, url.as_deref(), quick, Some(shipped))
            else {
                continue;
            };
            for (i, (line, text)) in judged.iter().zip(&document.paragraphs).enumerate() {
                let label = not_story(text, &article_words, &article_runs);
                write!(
                    out,
                    "{},{},{reading},{i},{}",
                    &id[..12],
                    site_of(url.as_deref()),
                    u8::from(label)
                )
                .unwrap();
                for f in &line.features {
                    write!(out, ",{f}").unwrap();
                }
                out.push('\n');
            }
        }
    }
    out
}

/// The committed training table is what the pages give today, so that a
/// retrain (`make test` runs `scripts/train-line-judge.py --check`)
/// reproduces the shipped model from what the extraction computes.
/// `STORYDIFF_WRITE_JUDGE_DATA=1` writes it afresh after a change to the
/// features or the rules.
#[test]
fn the_line_judges_training_table_is_what_the_pages_give() {
    let table = judge_table();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(JUDGE_DATA);
    if std::env::var_os("STORYDIFF_WRITE_JUDGE_DATA").is_some() {
        // A fixed header (no name, no time): the same table, the same bytes.
        let file = std::fs::File::create(&path).unwrap();
        let mut gz = flate2::GzBuilder::new()
            .mtime(0)
            .write(file, flate2::Compression::best());
        std::io::Write::write_all(&mut gz, table.as_bytes()).unwrap();
        gz.finish().unwrap();
    }
    let mut committed = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; write it with STORYDIFF_WRITE_JUDGE_DATA=1",
            path.display()
        )
    }))
    .read_to_string(&mut committed)
    .unwrap();
    if committed != table {
        let differs = committed
            .lines()
            .zip(table.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(committed.lines().count().min(table.lines().count()));
        panic!(
            "{} is not what the pages give now (first difference at line {}): write it again with STORYDIFF_WRITE_JUDGE_DATA=1 cargo test -p storydiff-extract --test extraction the_line_judge, then retrain with scripts/train-line-judge.py",
            path.display(),
            differs + 1
        );
    }
}

/// The judge's figures by cross-validation over sites: each page is read
/// with the model trained without its site's pages (the shipped file holds
/// those models too), so no page is judged by a model that saw its site.
#[test]
fn the_line_judge_cross_validated_by_site() {
    let models = storydiff_extract::judge::models();
    let urls: std::collections::HashMap<String, Option<String>> = benchmark_pages()
        .into_iter()
        .map(|(id, _, url, _)| (id, url))
        .collect();
    let fold = |id: &str| {
        let site = site_of(urls[id].as_deref());
        &models
            .folds
            .iter()
            .find(|(sites, _)| sites.contains(&site))
            .unwrap_or_else(|| panic!("no fold holds out {site}: retrain the judge"))
            .1
    };
    for (name, quick) in [("full reading", false), ("quick reading", true)] {
        let judged = measure_pages(&|id, text, url| {
            html::judge_page(text, url, quick, Some(fold(id))).map(|(d, _)| d)
        });
        let rules =
            measure_pages(&|_, text, url| html::judge_page(text, url, quick, None).map(|(d, _)| d));
        eprintln!("{name}, judged by the model that never saw the page's site:");
        eprintln!("{}", judged.tuning.line("tuning"));
        eprintln!("{}", judged.held_out.line("held-out"));
        eprintln!("{}", judged.whole.line("whole"));
        eprintln!("{name}, the rules alone:");
        eprintln!("{}", rules.held_out.line("held-out"));
        eprintln!("{}", rules.whole.line("whole"));
        let n = judged.whole.pages as f64;
        assert_eq!(judged.whole.pages, 50);
        assert!(judged.whole.f1 / n >= 0.95, "F1 fell below 0.95");
        assert!(judged.whole.recall / n >= 0.96, "recall fell below 0.96");
        // The judge earns its place: by site, it lets through no more
        // than the rules alone do.
        assert!(judged.whole.false_passages <= rules.whole.false_passages);
    }
}

/// A site's template on the benchmark's pages of sites it holds more than
/// one article of: each page is marked by what it shares, at the same
/// place, with another article of its site (as the store would have it
/// after reading both), and measured against its clean reprint.
#[test]
fn a_sites_template_on_the_benchmark_pages_of_sites_seen_twice() {
    use std::collections::HashMap;
    use storydiff_extract::template;
    let pages = benchmark_pages();
    let mut by_site: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (_, _, url, _)) in pages.iter().enumerate() {
        by_site.entry(site_of(url.as_deref())).or_default().push(i);
    }
    let documents: Vec<Option<storydiff_engine::Document>> = pages
        .iter()
        .map(|(_, text, url, _)| html::extract(text, url.as_deref()).ok())
        .collect();
    // Each page's template: the (key, place) of its lines found on another
    // article (another address) of its site.
    let mut templates: HashMap<String, HashSet<(i64, template::Place)>> = HashMap::new();
    for group in by_site.values().filter(|g| g.len() >= 2) {
        for &i in group {
            let own: HashSet<(i64, template::Place)> = documents[i]
                .as_ref()
                .map(|d| {
                    template::lines(d)
                        .into_iter()
                        .map(|(_, k, p)| (k, p))
                        .collect()
                })
                .unwrap_or_default();
            let mut shared = HashSet::new();
            for &j in group
                .iter()
                .filter(|&&j| j != i && pages[j].2 != pages[i].2)
            {
                if let Some(other) = &documents[j] {
                    for (_, k, p) in template::lines(other) {
                        if own.contains(&(k, p)) {
                            shared.insert((k, p));
                        }
                    }
                }
            }
            if std::env::var_os("TEMPLATE_DETAIL").is_some() {
                if let Some(d) = &documents[i] {
                    for (at, k, p) in template::lines(d) {
                        if shared.contains(&(k, p)) {
                            eprintln!(
                                "{} {p:?} {}",
                                site_of(pages[i].2.as_deref()),
                                d.paragraphs[at]
                            );
                        }
                    }
                }
            }
            templates.insert(pages[i].0.clone(), shared);
        }
    }
    let repeated = |id: &str| templates.contains_key(id);
    let alone = measure_some(&|_, text, url| html::extract(text, url), &repeated);
    let with_template = measure_some(
        &|id, text, url| {
            let mut document = html::extract(text, url)?;
            let shared = &templates[id];
            template::mark(&mut document, "its site", |k, p| shared.contains(&(k, p)));
            Ok(document)
        },
        &repeated,
    );
    let marked: usize = templates.values().map(HashSet::len).sum();
    eprintln!(
        "{} pages of {} sites seen more than once; {marked} template lines found:",
        templates.len(),
        by_site.values().filter(|g| g.len() >= 2).count()
    );
    eprintln!("{}", alone.whole.line("alone"));
    eprintln!("{}", with_template.whole.line("template"));
    assert!(
        templates.len() >= 4,
        "fewer repeated sites than the data holds"
    );
    assert!(with_template.whole.false_passages <= alone.whole.false_passages);
    // What it marks here is site chrome: "Sharing is caring!", a blogger's
    // sign-off, a newsletter's promotion between paragraphs. The
    // benchmark's annotators kept the last two as article text, so recall
    // by its labels falls a little; `TEMPLATE_DETAIL=1` prints the lines.
    let n = with_template.whole.pages as f64;
    assert!(with_template.whole.f1 / n >= 0.95, "F1 fell below 0.95");
}
