//! PDF files: glyphs and their positions from `pdf-extract` (on `lopdf`),
//! laid out here into the article a reader sees.
//!
//! pdf-extract gives each glyph in content-stream order with its position
//! and size; its own text output keeps that order, which is not reading
//! order on a page of columns. So this module:
//! 1. groups glyphs into line fragments (same baseline, no wide gap), with
//!    a space wherever the gap between glyphs is one;
//! 2. marks running headers, footers and page numbers: the top and bottom
//!    lines of pages that repeat on most pages (digits aside), or read as a
//!    page number ("Page 3 of 7", "– 3 –");
//! 3. finds column gutters (vertical strips no column line crosses, with
//!    lines on both sides and few crossing it) and reads each band between
//!    full-width lines column by column;
//! 4. joins lines into paragraphs: a new paragraph at a wider gap between
//!    lines, an indented first line, a change of type size, or after a
//!    short line that ends a sentence; a line that continues across a
//!    column or page break stays in its paragraph; a word hyphenated at a
//!    line end is joined again; ligatures (ﬁ, ﬂ …) are folded;
//! 5. takes the title from the metadata, or else from a first line set
//!    larger than the body.
//!
//! Running lines are kept once each, after the body, as boilerplate. An
//! encrypted file that opens without a password is read; one that needs a
//! password, a file with no text (a scan) and a damaged file are refused
//! with their own errors. pdf-extract and lopdf can panic on malformed
//! files (`unwrap`s on missing objects): the caller contains that.

use std::path::Path;

use storydiff_engine::Document;

use crate::error::Error;

const WHAT: &str = "PDF";

/// One glyph, in page space with y growing downwards.
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    end: f64,
    y: f64,
    size: f64,
    text: String,
}

/// A run of glyphs on one baseline with no wide gap: a line, or a line of
/// one column.
#[derive(Debug, Clone)]
struct Fragment {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
}

#[derive(Default)]
struct Collector {
    pages: Vec<Vec<Glyph>>,
    height: f64,
    /// A space character came before the next glyph.
    space: bool,
}

impl pdf_extract::OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.pages.push(Vec::new());
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        // The glyph's size on the page, as pdf-extract's own text output computes it.
        let vx = font_size * trm.m11 + font_size * trm.m21;
        let vy = font_size * trm.m12 + font_size * trm.m22;
        let size = (vx * vy).abs().sqrt();
        if !size.is_finite() || size <= 0.0 {
            return Ok(());
        }
        if text.chars().all(char::is_whitespace) {
            self.space = true;
            return Ok(());
        }
        let x = trm.m31;
        let mut text = fold_ligatures(text);
        if self.space {
            text.insert(0, ' ');
            self.space = false;
        }
        if let Some(page) = self.pages.last_mut() {
            page.push(Glyph {
                x,
                end: x + width * size,
                y: self.height - trm.m32,
                size,
                text,
            });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

/// Ligature glyphs as the letters they stand for.
pub(crate) fn fold_ligatures(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            _ => out.push(c),
        }
    }
    out
}

/// Reads a PDF's bytes as a document, with warnings for pages that could
/// not be read.
pub(crate) fn read(path: &Path, bytes: &[u8]) -> Result<(Document, Vec<String>), Error> {
    let encrypted = || Error::Encrypted {
        path: path.to_path_buf(),
        what: WHAT,
    };
    let damaged = |detail: String| Error::Damaged {
        path: path.to_path_buf(),
        what: WHAT,
        detail,
    };
    let mut doc = match pdf_extract::Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(pdf_extract::Error::Decryption(_) | pdf_extract::Error::InvalidPassword) => {
            return Err(encrypted())
        }
        Err(e) => return Err(damaged(e.to_string())),
    };
    // Files encrypted only against editing open with the empty password.
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(encrypted());
    }
    check_expansion(path, &doc)?;
    // Chinese, Japanese and Korean text in a character map the PDF names
    // rather than embeds: embedded here, so that the pages can be read.
    crate::cmaps::embed_predefined(&mut doc);
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(damaged("it has no pages".to_string()));
    }
    let mut collector = Collector::default();
    let mut warnings = Vec::new();
    let mut failed = Vec::new();
    for &number in pages.keys() {
        let before = collector.pages.len();
        if let Err(e) = pdf_extract::output_doc_page(&doc, &mut collector, number) {
            failed.push(format!("{number} ({e})"));
            collector.pages.truncate(before);
        }
    }
    if failed.len() == pages.len() {
        return Err(damaged(format!(
            "no page could be read: {}",
            failed.join(", ")
        )));
    }
    if !failed.is_empty() {
        warnings.push(format!(
            "{}: some pages could not be read and are left out: page {}.",
            path.display(),
            failed.join(", page ")
        ));
    }
    let chars: usize = collector
        .pages
        .iter()
        .flatten()
        .map(|g| g.text.trim().chars().count())
        .sum();
    if chars < 5 * collector.pages.len().max(1) {
        return Err(Error::NoTextLayer {
            path: path.to_path_buf(),
        });
    }
    let title = metadata_title(&doc);
    Ok((layout(collector.pages, title), warnings))
}

/// The most one stream may inflate to when read (page contents, forms,
/// fonts): the PDF reader holds about 90 bytes of memory for each byte of a
/// content stream it reads, so this bounds a page's memory near 750 MB.
pub(crate) const MAX_STREAM_INFLATED: u64 = 8 * 1024 * 1024;

/// The most all the streams read may inflate to together, as for DOCX and
/// ODT: a real document's text and fonts are far below it.
pub(crate) const MAX_INFLATED: u64 = 64 * 1024 * 1024;

/// Refuses a PDF whose compressed streams inflate past the bounds, before
/// any of them is read: each is inflated into a counter, never into
/// memory, and no further than the bound. Images are not read for text and
/// are left out.
fn check_expansion(path: &Path, doc: &pdf_extract::Document) -> Result<(), Error> {
    use std::io::Read;
    let refuse = |limit: u64| Error::ExpandsTooLarge {
        path: path.to_path_buf(),
        what: WHAT,
        limit,
    };
    let mut total: u64 = 0;
    for object in doc.objects.values() {
        let pdf_extract::Object::Stream(stream) = object else {
            continue;
        };
        let is = |key: &[u8], value: &[u8]| {
            stream
                .dict
                .get(key)
                .ok()
                .and_then(|v| v.as_name().ok())
                .is_some_and(|n| n == value)
        };
        if is(b"Subtype", b"Image") {
            continue;
        }
        let filters: Vec<Vec<u8>> = match stream.dict.get(b"Filter") {
            Ok(pdf_extract::Object::Name(name)) => vec![name.clone()],
            Ok(pdf_extract::Object::Array(list)) => list
                .iter()
                .filter_map(|f| f.as_name().ok().map(<[u8]>::to_vec))
                .collect(),
            _ => Vec::new(),
        };
        let inflated = if filters
            .first()
            .is_some_and(|f| f == b"FlateDecode" || f == b"Fl")
        {
            // Counted through a decoder that stops one byte past the bound.
            let mut decoder =
                flate2::read::ZlibDecoder::new(&stream.content[..]).take(MAX_STREAM_INFLATED + 1);
            std::io::copy(&mut decoder, &mut std::io::sink()).unwrap_or(0)
        } else {
            stream.content.len() as u64
        };
        if inflated > MAX_STREAM_INFLATED {
            return Err(refuse(MAX_STREAM_INFLATED));
        }
        total += inflated;
        if total > MAX_INFLATED {
            return Err(refuse(MAX_INFLATED));
        }
    }
    Ok(())
}

/// The Info dictionary's title, unless it is empty or a file name that a
/// program put there ("Microsoft Word - draft.docx").
fn metadata_title(doc: &pdf_extract::Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let info = match info {
        pdf_extract::Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        pdf_extract::Object::Dictionary(d) => d,
        _ => return None,
    };
    let bytes = match info.get(b"Title").ok()? {
        pdf_extract::Object::String(bytes, _) => bytes.clone(),
        pdf_extract::Object::Reference(id) => match doc.get_object(*id).ok()? {
            pdf_extract::Object::String(bytes, _) => bytes.clone(),
            _ => return None,
        },
        _ => return None,
    };
    let title = decode_pdf_string(&bytes);
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = title.to_lowercase();
    let junk = title.is_empty()
        || lower == "untitled"
        || lower.starts_with("microsoft word")
        || [".doc", ".docx", ".pdf", ".odt", ".indd", ".rtf"]
            .iter()
            .any(|ext| lower.ends_with(ext));
    (!junk).then_some(title)
}

/// A PDF text string: UTF-16 with a byte-order mark, UTF-8 with one, or
/// PDFDocEncoding (PDF 1.7, annex D: Latin-1 but for the accents at 0x18 to
/// 0x1F and the typographer's marks at 0x80 to 0xA0, where a title's curly
/// quotes and dashes are).
fn decode_pdf_string(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(&bytes[3..]).into_owned()
    } else {
        bytes.iter().map(|&b| pdf_doc_char(b)).collect()
    }
}

/// One byte of PDFDocEncoding.
fn pdf_doc_char(b: u8) -> char {
    const ACCENTS: [char; 8] = [
        '\u{2d8}', '\u{2c7}', '\u{2c6}', '\u{2d9}', '\u{2dd}', '\u{2db}', '\u{2da}', '\u{2dc}',
    ];
    const MARKS: [char; 33] = [
        '\u{2022}', '\u{2020}', '\u{2021}', '\u{2026}', '\u{2014}', '\u{2013}', '\u{192}',
        '\u{2044}', '\u{2039}', '\u{203a}', '\u{2212}', '\u{2030}', '\u{201e}', '\u{201c}',
        '\u{201d}', '\u{2018}', '\u{2019}', '\u{201a}', '\u{2122}', '\u{fb01}', '\u{fb02}',
        '\u{141}', '\u{152}', '\u{160}', '\u{178}', '\u{17d}', '\u{131}', '\u{142}', '\u{153}',
        '\u{161}', '\u{17e}', '\u{fffd}', '\u{20ac}',
    ];
    match b {
        0x18..=0x1f => ACCENTS[usize::from(b - 0x18)],
        0x80..=0xa0 => MARKS[usize::from(b - 0x80)],
        0xad => '\u{fffd}',
        b => char::from(b),
    }
}

/// Glyphs of one page as line fragments, top to bottom, left to right.
fn fragments(mut glyphs: Vec<Glyph>) -> Vec<Fragment> {
    glyphs.retain(|g| g.x.is_finite() && g.y.is_finite() && g.end.is_finite());
    // Baselines first: glyphs within a third of their size share a line.
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(line) if (g.y - line[0].y).abs() <= 0.35 * g.size.max(line[0].size) => {
                line.push(g)
            }
            _ => lines.push(vec![g]),
        }
    }
    let mut out = Vec::new();
    for mut line in lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut current: Option<Fragment> = None;
        for g in line {
            if let Some(f) = &mut current {
                let gap = g.x - f.x1;
                if gap > 1.2 * g.size.max(f.size) {
                    out.push(current.take().expect("a fragment"));
                } else {
                    let explicit = g.text.starts_with(' ');
                    let text = g.text.trim_start();
                    if (explicit || gap > 0.15 * g.size) && !f.text.ends_with(' ') {
                        f.text.push(' ');
                    }
                    f.text.push_str(text);
                    f.x1 = f.x1.max(g.end);
                    f.size = f.size.max(g.size);
                    continue;
                }
            }
            current = Some(Fragment {
                x0: g.x,
                x1: g.end,
                y: g.y,
                size: g.size,
                text: g.text.trim_start().to_string(),
            });
        }
        out.extend(current);
    }
    out
}

/// The key by which running lines are recognised: digits aside, case and
/// spacing aside.
fn running_key(text: &str) -> String {
    // Numbers of any width, arabic or roman, are one mark: a footer reads
    // the same on page 9 and page 150, and on page iv of the preface.
    let mut key = String::new();
    for token in text.split_whitespace() {
        let bare = token.trim_matches(|c: char| !c.is_alphanumeric());
        let roman = !bare.is_empty()
            && bare.len() <= 8
            && bare.chars().all(|c| "ivxlcdmIVXLCDM".contains(c))
            && (bare.chars().all(|c| c.is_lowercase()) || bare.chars().all(|c| c.is_uppercase()));
        if roman
            && bare.len() < token.len() + 1
            && token.chars().count() <= bare.chars().count() + 2
        {
            key.push('#');
            continue;
        }
        let mut in_number = false;
        for c in token.chars() {
            if c.is_ascii_digit() || (in_number && matches!(c, ',' | '.')) {
                if !in_number {
                    key.push('#');
                }
                in_number = c.is_ascii_digit() || in_number;
            } else {
                in_number = false;
                key.extend(c.to_lowercase());
            }
        }
    }
    key
}

/// "3", "Page 3", "Page 3 of 7", "3 / 7", "- 3 -", "p. 3".
fn is_page_number(text: &str) -> bool {
    let key = running_key(text);
    let rest = key
        .trim_start_matches("page")
        .trim_start_matches("p.")
        .trim_matches(|c| matches!(c, '-' | '–' | '—' | '|' | '·'));
    let mut parts = rest.splitn(2, ['/']);
    let first = parts.next().unwrap_or("");
    let first = first.split("of").collect::<Vec<_>>();
    let numeric = |s: &str| !s.is_empty() && s.chars().all(|c| c == '#');
    let head_ok = match first.as_slice() {
        [n] => numeric(n),
        [n, m] => numeric(n) && numeric(m),
        _ => false,
    };
    head_ok && parts.next().is_none_or(numeric)
}

/// Lays pages of glyphs out as a document.
fn layout(pages: Vec<Vec<Glyph>>, metadata_title: Option<String>) -> Document {
    let mut pages: Vec<Vec<Fragment>> = pages.into_iter().map(fragments).collect();
    let running = take_running_lines(&mut pages);
    let mut lines: Vec<Line> = Vec::new();
    for (page, fragments) in pages.into_iter().enumerate() {
        read_in_order(page, fragments, &mut lines);
    }
    let mut document = paragraphs(&lines);
    let first_heading = document.title.take();
    match (metadata_title, first_heading) {
        (Some(title), Some(heading)) => {
            // The printed headline repeats the metadata's: one title.
            if running_key(&title) != running_key(&heading) {
                document.paragraphs.insert(0, heading);
            }
            document.title = Some(title);
        }
        (Some(title), None) => document.title = Some(title),
        (None, heading) => document.title = heading,
    }
    // A first line of body type that repeats the title is the headline
    // printed, not a paragraph of the story (as on a web page).
    if let (Some(title), Some(first)) = (&document.title, document.paragraphs.first()) {
        if running_key(title) == running_key(first) {
            document.paragraphs.remove(0);
            document.boilerplate.retain(|&i| i != 0);
            for i in &mut document.boilerplate {
                *i -= 1;
            }
        }
    }
    for text in running {
        document.boilerplate.push(document.paragraphs.len());
        document.why_marked.insert(
            document.paragraphs.len(),
            "a running header, footer or page number: it repeats on the document's pages"
                .to_string(),
        );
        document.paragraphs.push(text);
    }
    document
}

/// Removes the running headers, footers and page numbers from the pages,
/// and returns each distinct one once, in order of first appearance.
/// The most words a running header or footer has.
const MAX_RUNNING_WORDS: usize = 10;

fn take_running_lines(pages: &mut [Vec<Fragment>]) -> Vec<String> {
    // The candidates: up to two lines at the top and at the bottom of each page.
    // Each candidate with where it stands: a running line recurs at the
    // same place (the top or the bottom of the page), not anywhere.
    let edge_lines = |page: &[Fragment]| -> Vec<(usize, char)> {
        let mut ys: Vec<f64> = page.iter().map(|f| f.y).collect();
        ys.sort_by(f64::total_cmp);
        ys.dedup_by(|a, b| (*a - *b).abs() < 1.0);
        let top: Vec<f64> = ys.iter().take(2).copied().collect();
        let bottom: Vec<f64> = ys.iter().rev().take(2).copied().collect();
        (0..page.len())
            .filter_map(|i| {
                let at = |edge: &[f64]| edge.iter().any(|y| (page[i].y - y).abs() < 1.0);
                if at(&top) {
                    Some((i, 't'))
                } else if at(&bottom) {
                    Some((i, 'b'))
                } else {
                    None
                }
            })
            .collect()
    };
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for page in pages.iter() {
        let mut seen = std::collections::HashSet::new();
        for (i, place) in edge_lines(page) {
            let key = format!("{place}{}", running_key(&page[i].text));
            if seen.insert(key.clone()) {
                *counts.entry(key).or_default() += 1;
            }
        }
    }
    let n = pages.len();
    let mut kept: Vec<String> = Vec::new();
    let mut kept_keys: Vec<String> = Vec::new();
    for page in pages.iter_mut() {
        let edges = edge_lines(page);
        let mut remove = Vec::new();
        for (i, place) in edges {
            let key = format!("{place}{}", running_key(&page[i].text));
            // Furniture is short: a line of the story that differs from
            // page to page only in its numbers is still the story.
            let short = page[i].text.split_whitespace().count() <= MAX_RUNNING_WORDS;
            let repeated = short && n >= 2 && counts.get(&key).copied().unwrap_or(0) * 2 > n.max(2);
            if repeated || is_page_number(&page[i].text) {
                remove.push(i);
                let group = if is_page_number(&page[i].text) {
                    "#page".to_string()
                } else {
                    key
                };
                if !kept_keys.contains(&group) {
                    kept_keys.push(group);
                    kept.push(page[i].text.clone());
                }
            }
        }
        remove.sort_unstable();
        for i in remove.into_iter().rev() {
            page.remove(i);
        }
    }
    kept
}

/// A line in reading order, with where it stands.
#[derive(Debug, Clone)]
struct Line {
    page: usize,
    /// The column (and band) it is read in; a change means a column break.
    column: (usize, usize),
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    /// The left and right edges of its column.
    left: f64,
    right: f64,
    text: String,
}

/// Orders one page's fragments: bands between full-width lines, and in
/// each band the columns from left to right.
fn read_in_order(page: usize, fragments: Vec<Fragment>, out: &mut Vec<Line>) {
    if fragments.is_empty() {
        return;
    }
    let gutters = gutters(&fragments);
    let crosses = |f: &Fragment| gutters.iter().any(|&(g0, g1)| f.x0 < g0 && f.x1 > g1);
    let column_of = |f: &Fragment| gutters.iter().filter(|&&(_, g1)| f.x0 >= g1).count();
    let mut band = 0;
    let mut pending: Vec<Fragment> = Vec::new();
    let flush = |pending: &mut Vec<Fragment>, band: usize, out: &mut Vec<Line>| {
        let columns = gutters.len() + 1;
        for c in 0..columns {
            let mut col: Vec<&Fragment> = pending.iter().filter(|f| column_of(f) == c).collect();
            col.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
            let left = col.iter().map(|f| f.x0).fold(f64::INFINITY, f64::min);
            let right = col.iter().map(|f| f.x1).fold(f64::NEG_INFINITY, f64::max);
            for f in col {
                out.push(Line {
                    page,
                    column: (band, c),
                    x0: f.x0,
                    x1: f.x1,
                    y: f.y,
                    size: f.size,
                    left,
                    right,
                    text: f.text.clone(),
                });
            }
        }
        pending.clear();
    };
    let mut fragments = fragments;
    fragments.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    for f in fragments {
        if !gutters.is_empty() && crosses(&f) {
            flush(&mut pending, band, out);
            band += 1;
            out.push(Line {
                page,
                column: (band, usize::MAX),
                x0: f.x0,
                x1: f.x1,
                y: f.y,
                size: f.size,
                left: f.x0,
                right: f.x1,
                text: f.text,
            });
            band += 1;
        } else {
            pending.push(f);
        }
    }
    flush(&mut pending, band, out);
}

/// Column gutters of a page: strips that no narrow line covers, with at
/// least three lines wholly on each side and few lines crossing them.
fn gutters(fragments: &[Fragment]) -> Vec<(f64, f64)> {
    let left = fragments.iter().map(|f| f.x0).fold(f64::INFINITY, f64::min);
    let right = fragments
        .iter()
        .map(|f| f.x1)
        .fold(f64::NEG_INFINITY, f64::max);
    let width = right - left;
    if !(width.is_finite() && width > 0.0) || width > 10_000.0 {
        return Vec::new();
    }
    let mut sizes: Vec<f64> = fragments.iter().map(|f| f.size).collect();
    sizes.sort_by(f64::total_cmp);
    let size = sizes[sizes.len() / 2];
    // One bin a point: covered where a line of less than half the width lies.
    let bins = width.ceil() as usize + 1;
    let mut covered = vec![false; bins];
    for f in fragments.iter().filter(|f| f.x1 - f.x0 < 0.55 * width) {
        let a = ((f.x0 - left).max(0.0) as usize).min(bins - 1);
        let b = ((f.x1 - left).max(0.0) as usize).min(bins - 1);
        covered[a..=b].iter_mut().for_each(|c| *c = true);
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < bins {
        if covered[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < bins && !covered[i] {
            i += 1;
        }
        let (g0, g1) = (left + start as f64, left + i as f64);
        if start == 0 || i >= bins || g1 - g0 < 0.6 * size {
            continue;
        }
        let on_left = fragments.iter().filter(|f| f.x1 <= g0 + 0.5).count();
        let on_right = fragments.iter().filter(|f| f.x0 >= g1 - 0.5).count();
        let crossing = fragments.iter().filter(|f| f.x0 < g0 && f.x1 > g1).count();
        if on_left >= 3 && on_right >= 3 && crossing * 5 <= (on_left + on_right).max(10) {
            out.push((g0, g1));
        }
    }
    out
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\u{201D}', '\u{2019}', '\'', ')'])
        .ends_with(['.', '?', '!', ':'])
}

/// Joins lines into paragraphs; a first line set larger than the body is
/// returned as the title (the caller decides whether it is one).
fn paragraphs(lines: &[Line]) -> Document {
    let mut document = Document::default();
    if lines.is_empty() {
        return document;
    }
    // The body's type size: the size most of the text is set in.
    let mut by_size: Vec<(i64, usize)> = Vec::new();
    for l in lines {
        let key = (l.size * 4.0).round() as i64;
        match by_size.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += l.text.len(),
            None => by_size.push((key, l.text.len())),
        }
    }
    let body = by_size
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(10.0, |(k, _)| *k as f64 / 4.0);
    // The usual distance between lines of a paragraph.
    let mut steps: Vec<f64> = lines
        .windows(2)
        .filter(|w| w[0].page == w[1].page && w[0].column == w[1].column)
        .map(|w| w[1].y - w[0].y)
        .filter(|d| *d > 0.0 && *d < 3.0 * body)
        .collect();
    steps.sort_by(f64::total_cmp);
    let step = steps.get(steps.len() / 3).copied().unwrap_or(1.2 * body);

    let heading = |l: &Line| l.size > 1.15 * body;
    let mut current = String::new();
    let mut current_heading = false;
    let mut first = true;
    let push = |text: &mut String, is_heading: bool, first: &mut bool, doc: &mut Document| {
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        text.clear();
        if t.is_empty() {
            return;
        }
        if *first && is_heading && doc.paragraphs.is_empty() && doc.title.is_none() {
            doc.title = Some(t);
        } else {
            doc.paragraphs.push(t);
        }
        *first = false;
    };
    for (i, line) in lines.iter().enumerate() {
        let new_paragraph = match i.checked_sub(1).map(|j| &lines[j]) {
            None => true,
            Some(prev) => {
                let room = prev.right - prev.x1;
                let width = prev.right - prev.left;
                // Short enough to end a paragraph at a column break, and
                // inside a column so short that no ragged margin explains it.
                let short = room > (0.12 * width).max(2.0 * body);
                let very_short = room > (0.3 * width).max(5.0 * body);
                if heading(line) != heading(prev) || (line.size - prev.size).abs() > 0.1 * body {
                    // A heading of several lines stays one.
                    !(heading(line) && heading(prev) && (line.size - prev.size).abs() < 0.5)
                } else if heading(line) && prev.page == line.page {
                    // Lines of a heading are set at its own leading.
                    line.y - prev.y > 1.6 * line.size || line.y < prev.y
                } else if prev.page == line.page && prev.column == line.column {
                    let gap = line.y - prev.y;
                    let indented =
                        line.x0 > line.left + 0.8 * body && prev.x0 < prev.left + 0.3 * body;
                    gap > 1.3 * step
                        || gap < 0.0
                        || indented
                        || (very_short && ends_sentence(&prev.text))
                } else {
                    // A column or page break: the paragraph goes on unless
                    // its last line looked like the end of one.
                    ((short || line.x0 > line.left + 0.8 * body) && ends_sentence(&prev.text))
                        || column_head_break(prev, line)
                }
            }
        };
        if new_paragraph {
            push(&mut current, current_heading, &mut first, &mut document);
            current_heading = heading(line);
            current.push_str(&line.text);
            continue;
        }
        join_line(&mut current, &line.text);
    }
    push(&mut current, current_heading, &mut first, &mut document);
    document
}

/// At a column break, a line that starts with a capital after one that
/// ends a sentence starts a paragraph.
fn column_head_break(prev: &Line, line: &Line) -> bool {
    ends_sentence(&prev.text)
        && line
            .text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '"' || c == '\u{201C}')
        && prev.x1 < prev.right - 0.5 * prev.size
}

/// Appends a line to a paragraph: a word hyphenated at the line end is
/// joined again ("corro-" + "sion"), other lines join with a space.
fn join_line(paragraph: &mut String, line: &str) {
    let line = line.trim();
    let trimmed = paragraph.trim_end().len();
    paragraph.truncate(trimmed);
    if paragraph.ends_with('\u{AD}') {
        paragraph.pop();
        paragraph.push_str(line);
        return;
    }
    let hyphenated = paragraph.ends_with('-')
        && paragraph[..paragraph.len() - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
        && line.chars().next().is_some_and(char::is_lowercase);
    if hyphenated {
        paragraph.pop();
    } else if !paragraph.is_empty() {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A title in PDFDocEncoding read as Latin-1 showed as boxes
    /// ("\x8dSea wall\x8e approved \x84 council\x90s vote") and made a
    /// comparison report a headline change.
    #[test]
    fn regression_pdf_doc_encoding_titles() {
        assert_eq!(
            decode_pdf_string(b"\x8dSea wall\x8e approved \x84 council\x90s vote"),
            "\u{201c}Sea wall\u{201d} approved \u{2014} council\u{2019}s vote"
        );
        assert_eq!(
            decode_pdf_string(b"caf\xe9 \x80 \xa0"),
            "caf\u{e9} \u{2022} \u{20ac}"
        );
        assert_eq!(decode_pdf_string(b"\xfe\xff\x00A"), "A");
    }

    /// A line of words at `y`, one glyph a word, 6 points a character.
    fn line(y: f64, text: &str) -> Vec<Glyph> {
        let mut x = 72.0;
        text.split(' ')
            .map(|word| {
                let g = Glyph {
                    x,
                    end: x + 6.0 * word.len() as f64,
                    y,
                    size: 12.0,
                    text: format!("{word} "),
                };
                x = g.end + 6.0;
                g
            })
            .collect()
    }

    /// A PDF whose first line of body type repeats its title gave that line
    /// as an added paragraph against the same story from Word.
    #[test]
    fn regression_a_first_line_that_repeats_the_title_is_the_headline() {
        let mut page = line(72.0, "Sea wall approved");
        page.extend(line(
            130.0,
            "The council voted on Thursday to build the wall.",
        ));
        let document = layout(vec![page], Some("Sea wall approved".to_string()));
        assert_eq!(document.title.as_deref(), Some("Sea wall approved"));
        assert_eq!(
            document.paragraphs,
            ["The council voted on Thursday to build the wall."]
        );
    }

    /// Running footers were recognised by how many digits their page number
    /// had: on a 150-page report, "Report page N" stayed in the body on pages
    /// 1-9 and 100-150.
    #[test]
    fn regression_page_furniture_by_the_width_of_its_number() {
        let pages: Vec<Vec<Glyph>> = (1..=150)
            .map(|n| {
                let mut page = line(60.0, "Harbour Council annual report");
                page.extend(line(
                    130.0,
                    &format!("Paragraph {n} of the report says what the council did in month {n}."),
                ));
                page.extend(line(760.0, &format!("Report page {n}")));
                page
            })
            .collect();
        let document = layout(pages, None);
        let body: Vec<&String> = document
            .paragraphs
            .iter()
            .enumerate()
            .filter(|(i, _)| !document.boilerplate.contains(i))
            .map(|(_, p)| p)
            .collect();
        assert!(body.iter().all(|p| !p.contains("Report page")), "{body:?}");
        let text = body
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        for n in 1..=150 {
            assert!(
                text.contains(&format!("in month {n}.")),
                "page {n}'s own text stays"
            );
        }
        assert_eq!(
            running_key("Report page 9"),
            running_key("Report page 1,001")
        );
        assert_eq!(running_key("Preface xiv"), running_key("Preface 3"));
        assert_ne!(
            running_key("Report page 9"),
            running_key("Report page nine")
        );
    }

    #[test]
    fn page_numbers_are_recognised() {
        for text in ["3", "Page 3", "Page 3 of 7", "3 / 7", "- 3 -", "– 12 –"] {
            assert!(is_page_number(text), "{text}");
        }
        for text in ["3 March", "Page three", "The 1990s", ""] {
            assert!(!is_page_number(text), "{text}");
        }
    }

    #[test]
    fn hyphenated_words_join_and_compounds_stay() {
        let mut p = "the corro-".to_string();
        join_line(&mut p, "sion was found");
        assert_eq!(p, "the corrosion was found");
        let mut p = "a forty-".to_string();
        join_line(&mut p, "Eight hangers");
        assert_eq!(p, "a forty- Eight hangers");
        let mut p = "in 2019-".to_string();
        join_line(&mut p, "and later");
        assert_eq!(p, "in 2019- and later");
    }

    #[test]
    fn ligatures_fold() {
        assert_eq!(
            fold_ligatures("\u{FB01}fteen \u{FB02}agged o\u{FB03}ce"),
            "fifteen flagged office"
        );
    }
}
