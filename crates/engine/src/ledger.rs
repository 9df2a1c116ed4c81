//! One original, many copies: the reprint ledger.
//!
//! [`ledger`] compares an original with each of its copies (the pairwise
//! [`compare`], so every row's `stats` is the very object a pair comparison
//! reports) and adds what only many copies together can say:
//!
//! - the share of the original each copy kept verbatim, kept with edits and
//!   cut, and the share of the copy that is not from the original;
//! - the credit line the copy printed ("This story first appeared in …"),
//!   quoted, or none;
//! - **who copied whom**: a copy that carries another copy's edits rather
//!   than the original's text *follows* that copy (see [`Ledger`] and
//!   [`follows`] below for the exact rule);
//! - a matrix of the original's paragraphs against the copies, each cell
//!   verbatim, edited or missing.
//!
//! ```
//! use storydiff_engine::{ledger::ledger, Document, Options};
//!
//! let original = Document::from_text("The mayor resigned on Monday.\n\nShe gave no reason.");
//! let copy = Document::from_text("The mayor resigned on Monday.\n\nThis story first appeared in The Sun.")
//!     .with_source("copy.txt");
//! let ledger = ledger(&original, &[copy], &Options::default());
//! let row = &ledger.copies[0];
//! assert_eq!(row.credit.as_deref(), Some("This story first appeared in The Sun."));
//! assert_eq!(row.cells[1].state, storydiff_engine::ledger::CellState::Missing);
//! ```
//!
//! # Who follows whom
//! Each copy's *edits* are read off its comparison with the original: every
//! run of deleted and inserted words inside a reworded or moved passage
//! (keyed by the original paragraph it sits in and the words, folded to
//! lower case), and every added paragraph (keyed by its words). Cut
//! paragraphs and credit lines are not edits here: independent copies often
//! cut the same tail and print the same credit, so sharing them says
//! nothing about who copied whom.
//!
//! Copy C **follows** copy B when
//! 1. C carries at least half of the edits of B that C could carry, and at
//!    least [`MIN_SHARED_EDITS`] of them or one that touches at least
//!    [`MIN_SHARED_WORDS`] words (one shared one-word fix can be chance).
//!    C could carry B's added paragraphs and B's edits in the original's
//!    paragraphs that C kept: a copy of a copy that cut the paragraph its
//!    source had reworded still follows it;
//! 2. B comes before C in the order "the earlier publication date first
//!    (dated copies before undated ones; dates compare as given, so ISO
//!    dates sort right), then fewer edits, then the earlier place in the
//!    list": a copy cannot follow one published after it, and among copies
//!    of one date the copy that added to the other's edits is the later
//!    one. The order is total, so "follows" never runs in a circle.
//!
//! Of all the copies C follows, the row names the one whose edits it shares
//! most (so a copy of a copy of a copy names its direct parent, whose edits
//! include the grandparent's); on a tie, the one with fewer edits (so a
//! sibling that made the parent's edits and more is not taken for it). A copy made from the original, and copies
//! made independently, share no edits and follow no one.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::comparison::{ChangeKind, Comparison, Flag, Options, Stats, Tag};
use crate::document::Document;
use crate::{compare, sentences};

/// Shared edits needed before one copy is said to follow another, unless
/// one shared edit is large (see [`MIN_SHARED_WORDS`]).
pub const MIN_SHARED_EDITS: usize = 2;
/// A single shared edit that deletes or inserts at least this many words
/// is enough on its own.
pub const MIN_SHARED_WORDS: usize = 4;

/// An original and what each of its copies did with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    /// The original, as compared.
    pub original: Document,
    /// One row per copy, in the order the copies were given.
    pub copies: Vec<LedgerRow>,
}

/// What one copy did with the original.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LedgerRow {
    /// Where the copy came from (path, address, or "copy N" when unknown).
    pub source: String,
    /// The copy's headline.
    pub title: Option<String>,
    /// The outlet that ran the copy.
    pub site: Option<String>,
    /// The copy's publication date, as its source gave it.
    pub published: Option<String>,
    /// The pairwise figures, exactly as `compare(original, copy)` gives them.
    pub stats: Stats,
    /// Share of the original's words in paragraphs the copy left out.
    pub cut: f64,
    /// Share of the copy's words that are not from the original.
    pub added: f64,
    /// The copy's credit line, quoted; `None` when it credits no one.
    pub credit: Option<String>,
    /// The `source` of the copy whose edits this one carries, if any.
    pub follows: Option<String>,
    /// Index in `copies` of that copy.
    pub follows_index: Option<usize>,
    /// How many of that copy's edits this one carries, and how many it has.
    pub follows_shared: Option<SharedEdits>,
    /// How many edits this copy made to the original (see the module guide).
    pub edits: usize,
    /// One cell per paragraph of the original, in order.
    pub cells: Vec<Cell>,
}

/// The evidence for a `follows`: `shared` of the other copy's `of` edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedEdits {
    pub shared: usize,
    pub of: usize,
}

/// What a copy did with one paragraph of the original.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub state: CellState,
    /// The passage is at another place in the copy.
    #[serde(default)]
    pub moved: bool,
    /// The copy's paragraph that holds it; `None` when missing.
    pub copy_index: Option<usize>,
    /// Index of the passage in the pair's `Comparison::changes`, so a view
    /// can open the pair at this passage.
    pub change_index: usize,
    /// What kinds of fact the copy's edits to it touch.
    #[serde(default)]
    pub flags: Vec<Flag>,
}

/// Verbatim, edited or missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CellState {
    /// Word for word (typography aside).
    Verbatim,
    /// Kept, with edits.
    Edited,
    /// Not in the copy.
    Missing,
}

impl CellState {
    /// A symbol for the cell, so colour is never the only cue.
    pub fn symbol(self) -> &'static str {
        match self {
            CellState::Verbatim => "=",
            CellState::Edited => "~",
            CellState::Missing => "−",
        }
    }
}

/// Compares `original` with every copy and builds the ledger.
pub fn ledger(original: &Document, copies: &[Document], options: &Options) -> Ledger {
    let comparisons: Vec<Comparison> = copies
        .iter()
        .map(|copy| compare(original, copy, options))
        .collect();
    from_comparisons(original, &comparisons)
}

/// Builds the ledger from comparisons already made, each with the original
/// as its old side (as [`ledger`] does; the app keeps them for the pair view).
pub fn from_comparisons(original: &Document, comparisons: &[Comparison]) -> Ledger {
    let edits: Vec<HashSet<Edit>> = comparisons.iter().map(edits).collect();
    let sources: Vec<String> = comparisons
        .iter()
        .enumerate()
        .map(|(k, c)| {
            c.new
                .source
                .clone()
                .unwrap_or_else(|| format!("copy {}", k + 1))
        })
        .collect();
    let dates: Vec<Option<&str>> = comparisons
        .iter()
        .map(|c| c.new.published.as_deref())
        .collect();
    let cells: Vec<Vec<Cell>> = comparisons
        .iter()
        .map(|c| cells(c, original.paragraphs.len()))
        .collect();
    // The original's paragraphs each copy still has: an edit another copy
    // made to a paragraph this one cut cannot be carried.
    let kept: Vec<HashSet<usize>> = cells
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .filter(|(_, cell)| cell.state != CellState::Missing)
                .map(|(i, _)| i)
                .collect()
        })
        .collect();
    let parents = follows(&edits, &kept, &dates);
    let copies = comparisons
        .iter()
        .zip(cells)
        .enumerate()
        .map(|(k, (c, cells))| {
            let s = &c.stats;
            let cut = if s.old_words == 0 {
                0.0
            } else {
                (1.0 - s.kept_verbatim - s.kept_edited).clamp(0.0, 1.0)
            };
            let added = if s.new_words == 0 {
                0.0
            } else {
                s.words_added as f64 / s.new_words as f64
            };
            let parent = parents[k];
            LedgerRow {
                source: sources[k].clone(),
                title: c.new.title.clone(),
                site: c.new.site.clone(),
                published: c.new.published.clone(),
                stats: s.clone(),
                cut,
                added,
                credit: credit(c),
                follows: parent.map(|(p, _)| sources[p].clone()),
                follows_index: parent.map(|(p, _)| p),
                follows_shared: parent.map(|(p, shared)| SharedEdits {
                    shared,
                    of: edits[p].len(),
                }),
                edits: edits[k].len(),
                cells,
            }
        })
        .collect();
    Ledger {
        original: original.clone(),
        copies,
    }
}

/// One edit a copy made: where in the original, and which words went and came.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Edit {
    /// The original paragraph the edit sits in; `None` for an added paragraph.
    at: Option<usize>,
    deleted: String,
    inserted: String,
}

impl Edit {
    fn words(&self) -> usize {
        self.deleted.split(' ').filter(|w| !w.is_empty()).count()
            + self.inserted.split(' ').filter(|w| !w.is_empty()).count()
    }
}

/// Lower-case words joined by single spaces: the same edit reads the same
/// whatever its typography or spacing in either copy.
fn fold_words(text: &str) -> String {
    words_of(text)
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The edits a copy made, read off its comparison with the original.
fn edits(comparison: &Comparison) -> HashSet<Edit> {
    let mut out = HashSet::new();
    for change in &comparison.changes {
        if change.boilerplate {
            continue;
        }
        match change.kind {
            ChangeKind::Added => {
                let inserted = fold_words(&change.new_text);
                // Credit lines are not edits: independent copies print the
                // same one ("This story first appeared in The Sun.").
                if !inserted.is_empty() && !is_credit(&change.new_text) {
                    out.insert(Edit {
                        at: None,
                        deleted: String::new(),
                        inserted,
                    });
                }
            }
            ChangeKind::Reworded | ChangeKind::Moved => {
                let (mut deleted, mut inserted) = (String::new(), String::new());
                let mut flush = |deleted: &mut String, inserted: &mut String| {
                    let edit = Edit {
                        at: change.old_index,
                        deleted: fold_words(deleted),
                        inserted: fold_words(inserted),
                    };
                    if !(edit.deleted.is_empty() && edit.inserted.is_empty()) {
                        out.insert(edit);
                    }
                    deleted.clear();
                    inserted.clear();
                };
                for segment in &change.diff {
                    match segment.tag {
                        Tag::Delete => deleted.push_str(&segment.text),
                        Tag::Insert => inserted.push_str(&segment.text),
                        // A space between two edits does not part them.
                        Tag::Equal if fold_words(&segment.text).is_empty() => {}
                        Tag::Equal => flush(&mut deleted, &mut inserted),
                    }
                }
                flush(&mut deleted, &mut inserted);
            }
            ChangeKind::Unchanged | ChangeKind::Removed => {}
        }
    }
    out
}

/// For each copy, the copy it follows and how many of that copy's edits it
/// shares (the rule is in the module guide).
fn follows(
    edits: &[HashSet<Edit>],
    kept: &[HashSet<usize>],
    dates: &[Option<&str>],
) -> Vec<Option<(usize, usize)>> {
    // "Earlier date, then fewer edits, then earlier in the list": a total
    // order, so following never runs in a circle. A copy without a date
    // sorts after every dated one.
    let before = |b: usize, c: usize| {
        let key = |k: usize| (dates[k].is_none(), dates[k], edits[k].len(), k);
        key(b) < key(c)
    };
    (0..edits.len())
        .map(|c| {
            (0..edits.len())
                .filter(|&b| b != c && before(b, c) && !edits[b].is_empty())
                .filter_map(|b| {
                    let shared: Vec<&Edit> = edits[b].intersection(&edits[c]).collect();
                    let enough = shared.len() >= MIN_SHARED_EDITS
                        || shared.iter().any(|e| e.words() >= MIN_SHARED_WORDS);
                    // B's edits that C could carry: those in paragraphs C
                    // kept, and B's added paragraphs.
                    let carriable = edits[b]
                        .iter()
                        .filter(|e| e.at.is_none_or(|i| kept[c].contains(&i)))
                        .count();
                    (enough && 2 * shared.len() >= carriable).then_some((b, shared.len()))
                })
                // Most shared edits wins; on a tie, the copy with fewer edits
                // (more of its edits carried: a sibling that made the same
                // edits and more of its own is not the parent), then the
                // earlier in the list.
                .max_by_key(|&(b, shared)| {
                    (
                        shared,
                        std::cmp::Reverse(edits[b].len()),
                        std::cmp::Reverse(b),
                    )
                })
        })
        .collect()
}

/// Phrases that credit another outlet, lower case. A paragraph of the copy
/// that the original does not have and that holds one of them is the
/// credit line.
const CREDIT_PHRASES: &[&str] = &[
    "first appeared",
    "appeared first",
    "first published",
    "originally appeared",
    "originally published",
    "originally ran",
    "was published by",
    "is republished",
    "republished from",
    "republished with",
    "republished by",
    "reproduced with",
    "reprinted with",
    "reprinted from",
    "published with permission",
    "with permission from",
    "with permission of",
    "by arrangement with",
    "in partnership with",
    "courtesy of",
    "syndicated from",
    "this article is from",
    "this story is from",
];

/// A credit is short: a long paragraph that happens to say "courtesy of"
/// is story, not a credit line.
const CREDIT_MAX_WORDS: usize = 60;

/// Whether a paragraph is short and credits another outlet.
fn is_credit(paragraph: &str) -> bool {
    short_enough_for_credit(paragraph) && names_credit(&paragraph.to_lowercase())
}

fn short_enough_for_credit(paragraph: &str) -> bool {
    // Counting stops at the first word past the limit. ASCII text is read
    // by bytes (its whitespace is `char::is_whitespace`'s ASCII six), not
    // decoded char by char: every paragraph a copy changed is asked.
    if paragraph.is_ascii() {
        let (mut words, mut in_word) = (0, false);
        for &b in paragraph.as_bytes() {
            let space = b == b' ' || (b'\t'..=b'\r').contains(&b);
            if !space && !in_word {
                words += 1;
                if words > CREDIT_MAX_WORDS {
                    return false;
                }
            }
            in_word = !space;
        }
        return true;
    }
    paragraph.split_whitespace().nth(CREDIT_MAX_WORDS).is_none()
}

/// Whether lower-case `text` holds a credit phrase: one automaton for all
/// of them, so a paragraph is read once (batch work asks this of every
/// paragraph of every copy).
fn names_credit(lower: &str) -> bool {
    static PHRASES: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    PHRASES
        .get_or_init(|| {
            // Leftmost-first: whether a phrase occurs is the same as with
            // the standard kind, and only the leftmost kinds get the
            // crate's SIMD prefilter (the standard kind walked every byte
            // through the automaton).
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(CREDIT_PHRASES)
                .expect("a short list")
        })
        .is_match(lower)
}

/// The copy's credit line: its first short paragraph with a sentence that
/// credits another outlet ("This story first appeared in …"). A copy that
/// prints a credit credits, whether or not the original prints the same
/// line. Quoted is the sentence, or the paragraph when it is short.
pub fn credit(comparison: &Comparison) -> Option<String> {
    comparison
        .new
        .paragraphs
        .iter()
        .filter(|p| short_enough_for_credit(p))
        .find_map(|p| {
            // Most paragraphs hold no credit phrase at all: say so before
            // splitting them into sentences.
            if !names_credit(&p.to_lowercase()) {
                return None;
            }
            let sentence = sentences::split(p)
                .into_iter()
                .map(str::trim)
                .find(|s| names_credit(&s.to_lowercase()))?;
            Some(if p.split_whitespace().count() <= 25 {
                p.trim().to_string()
            } else {
                sentence.to_string()
            })
        })
}

/// Verbatim, edited or missing for each paragraph of the original.
fn cells(comparison: &Comparison, paragraphs: usize) -> Vec<Cell> {
    let mut cells: Vec<Cell> = (0..paragraphs)
        .map(|_| Cell {
            state: CellState::Missing,
            moved: false,
            copy_index: None,
            change_index: 0,
            flags: Vec::new(),
        })
        .collect();
    for (index, change) in comparison.changes.iter().enumerate() {
        let Some(first) = change.old_index else {
            continue;
        };
        let edited = change.diff.iter().any(|s| s.tag != Tag::Equal);
        let state = match change.kind {
            ChangeKind::Removed => CellState::Missing,
            ChangeKind::Unchanged => CellState::Verbatim,
            ChangeKind::Reworded | ChangeKind::Moved if edited => CellState::Edited,
            ChangeKind::Reworded | ChangeKind::Moved => CellState::Verbatim,
            ChangeKind::Added => continue,
        };
        for cell in cells.iter_mut().skip(first).take(change.old_count.max(1)) {
            *cell = Cell {
                state,
                moved: change.kind == ChangeKind::Moved,
                copy_index: change.new_index,
                change_index: index,
                flags: change.flags.clone(),
            };
        }
    }
    cells
}

/// The ledger as CSV: one row per copy, a header first.
pub fn csv(ledger: &Ledger) -> String {
    let mut out = String::from(
        "source,site,published,title,kept_verbatim,kept_edited,cut,added,similarity,\
         quotes_altered,numbers_changed,names_changed,paragraphs_cut,paragraphs_added,\
         credit,follows\n",
    );
    let field = |s: &str| {
        // A field a spreadsheet would run as a formula (=, +, -, @, or a
        // tab or return first) is set off with a quote, as OWASP advises;
        // control characters are written visibly, as for a terminal.
        let s = crate::report::visible(s);
        let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{s}")
        } else {
            s.into_owned()
        };
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    };
    let opt = |s: &Option<String>| field(s.as_deref().unwrap_or(""));
    for row in &ledger.copies {
        let s = &row.stats;
        out.push_str(&format!(
            "{},{},{},{},{:.4},{:.4},{:.4},{:.4},{:.4},{},{},{},{},{},{},{}\n",
            field(&row.source),
            opt(&row.site),
            opt(&row.published),
            opt(&row.title),
            s.kept_verbatim,
            s.kept_edited,
            row.cut,
            row.added,
            s.similarity,
            s.quotes_altered,
            s.numbers_changed,
            s.names_changed,
            s.paragraphs_removed,
            s.paragraphs_added,
            opt(&row.credit),
            opt(&row.follows),
        ));
    }
    out
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// The ledger as readable text: a row per copy, then the matrix.
pub fn text(ledger: &Ledger) -> String {
    let mut out = String::new();
    let name = |d: &Document| d.source.clone().unwrap_or_else(|| "original".to_string());
    out.push_str(&format!(
        "Original: {} ({} paragraphs)\n\n",
        name(&ledger.original),
        ledger.original.paragraphs.len()
    ));
    for (k, row) in ledger.copies.iter().enumerate() {
        let s = &row.stats;
        out.push_str(&format!("[{}] {}\n", k + 1, row.source));
        for (label, value) in [
            ("site", &row.site),
            ("published", &row.published),
            ("headline", &row.title),
        ] {
            if let Some(v) = value {
                out.push_str(&format!("    {label}: {v}\n"));
            }
        }
        out.push_str(&format!(
            "    kept {} verbatim, {} with edits, cut {}; {} of the copy added\n",
            percent(s.kept_verbatim),
            percent(s.kept_edited),
            percent(row.cut),
            percent(row.added)
        ));
        out.push_str(&format!(
            "    quotes altered {}, figures changed {}, names changed {}\n",
            s.quotes_altered, s.numbers_changed, s.names_changed
        ));
        out.push_str(&format!(
            "    credit: {}\n",
            row.credit
                .as_ref()
                .map_or("no credit".to_string(), |c| format!("\u{201c}{c}\u{201d}"))
        ));
        if let (Some(f), Some(n)) = (&row.follows, row.follows_shared) {
            out.push_str(&format!(
                "    follows the edits of {f} ({} of its {} edits)\n",
                n.shared, n.of
            ));
        }
        out.push('\n');
    }
    out.push_str("Matrix (= verbatim, ~ edited, − missing, ↕ moved):\n");
    out.push_str("      ");
    for k in 0..ledger.copies.len() {
        out.push_str(&format!("{:>4}", format!("[{}]", k + 1)));
    }
    out.push('\n');
    for (i, paragraph) in ledger.original.paragraphs.iter().enumerate() {
        out.push_str(&format!("¶{:<4} ", i + 1));
        for row in &ledger.copies {
            let cell = &row.cells[i];
            let mark = if cell.moved && cell.state != CellState::Missing {
                "↕"
            } else {
                cell.state.symbol()
            };
            out.push_str(&format!("{mark:>4}"));
        }
        let excerpt: String = paragraph.chars().take(50).collect();
        out.push_str(&format!("  {excerpt}\n"));
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The ledger as a self-contained HTML page: the rows, then the matrix.
pub fn html(ledger: &Ledger) -> String {
    let mut out = String::from(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>storydiff ledger</title><style>\
         body{font:15px/1.45 system-ui,sans-serif;margin:2em;color:#222}\
         table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top}\
         th{background:#f3f3f3;text-align:left}.num{text-align:right}\
         .verbatim{background:#dff3e0}.edited{background:#fff1c2}.missing{background:#f8d7d7}\
         .cell{text-align:center;font-weight:bold}.excerpt{color:#555;max-width:40em}\
         </style></head><body>\n",
    );
    let name = ledger
        .original
        .source
        .clone()
        .unwrap_or_else(|| "original".to_string());
    out.push_str(&format!(
        "<h1>Reprint ledger</h1>\n<p>Original: {}</p>\n",
        escape(&name)
    ));
    out.push_str(
        "<table><tr><th>#</th><th>Copy</th><th>Site</th><th>Published</th><th>Headline</th>\
         <th>Verbatim</th><th>Edited</th><th>Cut</th><th>Added</th><th>Quotes</th><th>Figures</th>\
         <th>Names</th><th>Credit</th><th>Follows</th></tr>\n",
    );
    for (k, row) in ledger.copies.iter().enumerate() {
        let s = &row.stats;
        let opt = |v: &Option<String>| escape(v.as_deref().unwrap_or(""));
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td class=num>{}</td><td class=num>{}</td><td class=num>{}</td><td class=num>{}</td>\
             <td class=num>{}</td><td class=num>{}</td><td class=num>{}</td><td>{}</td><td>{}</td></tr>\n",
            k + 1,
            escape(&row.source),
            opt(&row.site),
            opt(&row.published),
            opt(&row.title),
            percent(s.kept_verbatim),
            percent(s.kept_edited),
            percent(row.cut),
            percent(row.added),
            s.quotes_altered,
            s.numbers_changed,
            s.names_changed,
            row.credit
                .as_ref()
                .map_or("no credit".to_string(), |c| format!("“{}”", escape(c))),
            opt(&row.follows),
        ));
    }
    out.push_str("</table>\n<h2>Paragraphs</h2>\n<p>= verbatim, ~ edited, − missing, ↕ moved</p>\n<table><tr><th>¶</th><th>Original</th>");
    for k in 0..ledger.copies.len() {
        out.push_str(&format!("<th>{}</th>", k + 1));
    }
    out.push_str("</tr>\n");
    for (i, paragraph) in ledger.original.paragraphs.iter().enumerate() {
        let excerpt: String = paragraph.chars().take(120).collect();
        out.push_str(&format!(
            "<tr><td>{}</td><td class=excerpt>{}</td>",
            i + 1,
            escape(&excerpt)
        ));
        for row in &ledger.copies {
            let cell = &row.cells[i];
            let class = match cell.state {
                CellState::Verbatim => "verbatim",
                CellState::Edited => "edited",
                CellState::Missing => "missing",
            };
            let mark = if cell.moved && cell.state != CellState::Missing {
                "↕"
            } else {
                cell.state.symbol()
            };
            out.push_str(&format!(
                "<td class=\"cell {class}\" title=\"{class}\">{mark}</td>"
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::{short_enough_for_credit, CREDIT_MAX_WORDS};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn short_enough_for_credit_counts_as_split_whitespace(
            words in proptest::collection::vec("[a-z.]{0,3}", 0..70),
            gaps in proptest::collection::vec("[ \t\n\r\x0b\x0c]{1,2}", 70),
        ) {
            let text: String = words.iter().zip(&gaps).map(|(w, g)| format!("{w}{g}")).collect();
            prop_assert_eq!(
                short_enough_for_credit(&text),
                text.split_whitespace().count() <= CREDIT_MAX_WORDS
            );
        }
    }
}
