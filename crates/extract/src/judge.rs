//! The line judge: a small learned model that says how likely a line of
//! the article is to be something other than the story.
//!
//! The hand-written rules ([`crate::boilerplate`]) mark what they are sure
//! of; what they leave is a long tail (captions without a `<figure>`,
//! contact lines, "About X" paragraphs, share labels) that no one rule
//! covers without fitting the pages it was chosen on. The judge weighs
//! features any page has (a line's length, link text, capitals and
//! punctuation, its place in the page, its markup and the page's own class
//! and id names hashed into buckets, how it differs from its neighbours,
//! whether the JSON-LD body and trafilatura's reading hold it, and the
//! rules' own verdicts) with a logistic regression.
//!
//! The model is trained offline by `scripts/train-line-judge.py` from the
//! feature table `crates/extract/judge/lines.csv.gz`, which the extraction
//! test writes from the labelled pages in `../shared/extraction` and
//! checks is up to date; `make test` retrains it and checks that the
//! shipped `judge/model.json` is what the training gives. Inference is a
//! dot product: no Python and no download at run time.
//!
//! Where the model is sure a line is not the story, the line is marked;
//! where it is sure a line the rules marked is story, the mark is lifted;
//! in between the rules' verdict stands. Recall matters more than one more
//! marked line, so both thresholds are chosen, by cross-validation over
//! sites, to be sure.

use std::sync::OnceLock;

use crate::blocks::{Line, TOKEN_BUCKETS};
use crate::boilerplate::Readings;

/// The features, in the model's order, by name (the model file names them
/// too, so a model trained on another set is refused, not misread).
pub const FEATURES: &[&str] = &[
    "log_words",
    "log_chars",
    "link_share",
    "figure_share",
    "time_share",
    "quote_share",
    "styled_share",
    "heading",
    "list_item",
    "after_image",
    "image_text",
    "capitals_share",
    "punctuation_share",
    "digit_share",
    "ends_a_sentence",
    "position",
    "first_lines",
    "last_lines",
    "depth",
    "in_table",
    "in_aside",
    "address_or_handle",
    "words_vs_previous",
    "words_vs_next",
    "previous_link_share",
    "next_link_share",
    "rules_structure",
    "rules_wording",
    "previous_rules_structure",
    "next_rules_structure",
    "has_json_ld_body",
    "json_ld_support",
    "has_second_reading",
    "second_support",
    "rules_final",
    "tokens_00",
    "tokens_01",
    "tokens_02",
    "tokens_03",
    "tokens_04",
    "tokens_05",
    "tokens_06",
    "tokens_07",
    "tokens_08",
    "tokens_09",
    "tokens_10",
    "tokens_11",
    "tokens_12",
    "tokens_13",
    "tokens_14",
    "tokens_15",
    "tokens_16",
    "tokens_17",
    "tokens_18",
    "tokens_19",
    "tokens_20",
    "tokens_21",
    "tokens_22",
    "tokens_23",
    "tokens_24",
    "tokens_25",
    "tokens_26",
    "tokens_27",
    "tokens_28",
    "tokens_29",
    "tokens_30",
    "tokens_31",
];

/// How many features a line has.
pub const N: usize = 35 + TOKEN_BUCKETS;

/// One line's features.
pub type Features = [f32; N];

fn share(part: usize, whole: usize) -> f32 {
    part as f32 / whole.max(1) as f32
}

/// Each line's features, given the rules' reasons by structure and wording
/// (`structure`: a reason where they marked the line) and their marks
/// after the readings (`readings`).
pub(crate) fn features(
    lines: &[Line],
    structure: &[Option<&'static str>],
    readings: &Readings,
) -> Vec<Features> {
    let n = lines.len();
    let log_words: Vec<f32> = lines.iter().map(|l| (l.words() as f32).ln_1p()).collect();
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let mut f = [0f32; N];
            let text = line.text.as_str();
            let (mut letters, mut capitals, mut digits, mut punctuation, mut all) =
                (0usize, 0usize, 0usize, 0usize, 0usize);
            for c in text.chars() {
                if c.is_whitespace() {
                    continue;
                }
                all += 1;
                if c.is_alphabetic() {
                    letters += 1;
                    capitals += usize::from(c.is_uppercase());
                } else if c.is_numeric() {
                    digits += 1;
                } else {
                    punctuation += 1;
                }
            }
            let previous = i.checked_sub(1);
            let next = (i + 1 < n).then_some(i + 1);
            f[0] = log_words[i];
            f[1] = (line.chars as f32).ln_1p();
            f[2] = share(line.link_chars, line.chars);
            f[3] = share(line.figure_chars, line.chars);
            f[4] = share(line.time_chars, line.chars);
            f[5] = share(line.quote_chars, line.chars);
            f[6] = share(line.styled_chars, line.chars);
            f[7] = f32::from(u8::from(line.heading));
            f[8] = f32::from(u8::from(line.list_item));
            f[9] = f32::from(u8::from(line.after_image));
            f[10] = f32::from(u8::from(line.image_text));
            f[11] = share(capitals, letters);
            f[12] = share(punctuation, all);
            f[13] = share(digits, all);
            f[14] = f32::from(u8::from(
                text.trim_end()
                    .ends_with(['.', '!', '?', '"', '\u{201D}', '\u{3002}']),
            ));
            f[15] = if n > 1 {
                i as f32 / (n - 1) as f32
            } else {
                0.0
            };
            f[16] = f32::from(u8::from(i < 2));
            f[17] = f32::from(u8::from(i + 2 >= n));
            f[18] = (line.depth.min(40) as f32) / 10.0;
            f[19] = f32::from(u8::from(line.in_table));
            f[20] = f32::from(u8::from(line.in_aside));
            f[21] = f32::from(u8::from(text.split_whitespace().any(|w| {
                w.contains("://") || w.starts_with("www.") || (w.contains('@') && w.len() > 1)
            })));
            f[22] = previous.map_or(0.0, |p| log_words[i] - log_words[p]);
            f[23] = next.map_or(0.0, |q| log_words[i] - log_words[q]);
            f[24] = previous.map_or(0.0, |p| lines[p].link_share() as f32);
            f[25] = next.map_or(0.0, |q| lines[q].link_share() as f32);
            f[26] = f32::from(u8::from(structure[i].is_some()));
            // The wording rules are asked first and their reason is never
            // replaced (`mark_by_structure`): it says they hold the line.
            f[27] = f32::from(u8::from(structure[i] == Some(crate::why::WORDING)));
            f[28] = previous.map_or(0.0, |p| f32::from(u8::from(structure[p].is_some())));
            f[29] = next.map_or(0.0, |q| f32::from(u8::from(structure[q].is_some())));
            if let Some(support) = &readings.json_ld {
                f[30] = 1.0;
                f[31] = support[i];
            }
            if let Some(support) = &readings.second {
                f[32] = 1.0;
                f[33] = support[i];
            }
            f[34] = f32::from(u8::from(readings.marked[i]));
            for bucket in 0..TOKEN_BUCKETS {
                f[35 + bucket] = f32::from(u8::from(line.tokens & (1 << bucket) != 0));
            }
            f
        })
        .collect()
}

/// A trained logistic regression over [`FEATURES`], standardised.
#[derive(Debug, Clone)]
pub struct Model {
    mean: Features,
    scale: Features,
    coef: Features,
    intercept: f32,
    /// At or above this probability of not being story, a line is marked.
    mark_at: f32,
    /// At or below it, a line the rules marked is story after all.
    keep_at: f32,
}

impl Model {
    /// The probability that a line with these features is not the story.
    pub fn score(&self, f: &Features) -> f32 {
        let mut z = self.intercept;
        for (((x, mean), scale), coef) in f.iter().zip(&self.mean).zip(&self.scale).zip(&self.coef)
        {
            z += coef * (x - mean) / scale;
        }
        1.0 / (1.0 + (-z).exp())
    }

    /// The line's verdict: the rules' (`marked`), unless the model is sure.
    pub fn decide(&self, score: f32, marked: bool) -> bool {
        if score >= self.mark_at {
            true
        } else if score <= self.keep_at {
            false
        } else {
            marked
        }
    }
}

/// The shipped model file: the model trained on every labelled page, and
/// one trained with each group of sites held out, for the extraction
/// test's cross-validation.
#[derive(Debug)]
pub struct Models {
    pub shipped: Model,
    /// `(sites held out, model trained without them)`.
    pub folds: Vec<(Vec<String>, Model)>,
}

const MODEL_JSON: &str = include_str!("../judge/model.json");

fn floats(value: &serde_json::Value, key: &str) -> Result<Features, String> {
    let list = value[key]
        .as_array()
        .ok_or_else(|| format!("`{key}` is missing"))?;
    if list.len() != N {
        return Err(format!("`{key}` has {} values, not {N}", list.len()));
    }
    let mut out = [0f32; N];
    for (o, v) in out.iter_mut().zip(list) {
        *o = v
            .as_f64()
            .ok_or_else(|| format!("`{key}` holds a non-number"))? as f32;
    }
    Ok(out)
}

fn model(value: &serde_json::Value, mark_at: f32, keep_at: f32) -> Result<Model, String> {
    let mut scale = floats(value, "scale")?;
    // A feature constant in training has no spread: it must not divide.
    for s in &mut scale {
        if s.is_nan() || *s <= 0.0 {
            *s = 1.0;
        }
    }
    Ok(Model {
        mean: floats(value, "mean")?,
        scale,
        coef: floats(value, "coef")?,
        intercept: value["intercept"]
            .as_f64()
            .ok_or("`intercept` is missing")? as f32,
        mark_at,
        keep_at,
    })
}

/// Reads a model file as `scripts/train-line-judge.py` writes it.
pub fn parse(json: &str) -> Result<Models, String> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let names: Vec<&str> = value["features"]
        .as_array()
        .ok_or("`features` is missing")?
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    if names != FEATURES {
        return Err("the model was trained on other features than these".to_string());
    }
    let mark_at = value["mark_at"].as_f64().ok_or("`mark_at` is missing")? as f32;
    let keep_at = value["keep_at"].as_f64().ok_or("`keep_at` is missing")? as f32;
    let shipped = model(&value, mark_at, keep_at)?;
    let mut folds = Vec::new();
    for fold in value["folds"].as_array().into_iter().flatten() {
        let sites = fold["sites"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect();
        folds.push((sites, model(fold, mark_at, keep_at)?));
    }
    Ok(Models { shipped, folds })
}

/// The shipped models, read once.
pub fn models() -> &'static Models {
    static MODELS: OnceLock<Models> = OnceLock::new();
    // The file is part of the build and checked by the tests: a broken
    // one is a bug of the build, not of the page.
    MODELS.get_or_init(|| parse(MODEL_JSON).expect("crates/extract/judge/model.json is readable"))
}

/// What the judge made of one line (the document's paragraph of the same
/// index).
#[derive(Debug, Clone)]
pub struct Judgement {
    pub features: Features,
    /// The rules' verdict (not the story), before the judge.
    pub by_rules: bool,
    /// The model's probability that the line is not the story.
    pub score: f32,
    /// The verdict.
    pub marked: bool,
}

/// The judge's verdicts on a page's lines: `readings.marked` overruled
/// where `model` is sure.
pub(crate) fn judge(
    lines: &[Line],
    structure: &[Option<&'static str>],
    readings: &Readings,
    model: &Model,
) -> Vec<Judgement> {
    features(lines, structure, readings)
        .into_iter()
        .zip(&readings.marked)
        .map(|(features, &by_rules)| {
            let score = model.score(&features);
            Judgement {
                features,
                by_rules,
                score,
                marked: model.decide(score, by_rules),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_reads_and_names_every_feature() {
        assert_eq!(FEATURES.len(), N);
        let models = models();
        assert!(models.shipped.mark_at > models.shipped.keep_at);
        assert!(!models.folds.is_empty());
    }
}
