//! How long extraction takes, in process, on the 50 benchmark pages
//! (`../shared/extraction/aeb-dev`): each page decoded once, then
//! extracted `ROUNDS` times; the median, mean and slowest per page.
//!
//! `cargo bench -p storydiff-sources --bench extraction`

use std::io::Read;
use std::path::PathBuf;
use std::time::Instant;

use storydiff_extract::{decode_html, html};

const ROUNDS: usize = 5;

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared/extraction/aeb-dev"))
        .find(|d| d.is_dir())
        .expect("shared/extraction/aeb-dev beside the repository");
    let truth: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join("ground-truth.json")).expect("ground truth"),
    )
    .expect("ground truth is JSON");
    let mut pages = Vec::new();
    for (id, answer) in truth.as_object().expect("an object") {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(
            std::fs::File::open(dir.join("html").join(format!("{id}.html.gz"))).expect("page"),
        )
        .read_to_end(&mut bytes)
        .expect("gzip");
        pages.push((
            decode_html(&bytes, None).text,
            answer["url"].as_str().map(str::to_string),
        ));
    }
    let mut per_page = Vec::new();
    for (text, url) in &pages {
        let mut best = f64::INFINITY;
        for _ in 0..ROUNDS {
            let started = Instant::now();
            let doc = html::extract(text, url.as_deref());
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            std::hint::black_box(doc.ok());
            best = best.min(ms);
        }
        per_page.push(best);
    }
    // What the line judge costs: the same extraction without it (the
    // rules alone), best of the same rounds, and the model's scoring alone.
    let model = &storydiff_extract::judge::models().shipped;
    let (mut judge_ms, mut score_us) = (Vec::new(), Vec::new());
    for (text, url) in &pages {
        let best = |judged: bool| {
            let mut best = f64::INFINITY;
            for _ in 0..ROUNDS {
                let started = Instant::now();
                let got = html::judge_page(text, url.as_deref(), false, judged.then_some(model));
                best = best.min(started.elapsed().as_secs_f64() * 1000.0);
                std::hint::black_box(got.ok());
            }
            best
        };
        judge_ms.push(best(true) - best(false));
        if let Ok((_, judged)) = html::judge_page(text, url.as_deref(), false, Some(model)) {
            let started = Instant::now();
            for line in &judged {
                std::hint::black_box(model.score(&line.features));
            }
            score_us.push(started.elapsed().as_secs_f64() * 1e6);
        }
    }
    judge_ms.sort_by(f64::total_cmp);
    score_us.sort_by(f64::total_cmp);
    per_page.sort_by(f64::total_cmp);
    let median = per_page[per_page.len() / 2];
    let mean = per_page.iter().sum::<f64>() / per_page.len() as f64;
    let bytes: usize = pages.iter().map(|(t, _)| t.len()).sum();
    println!(
        "extraction of {} pages ({:.0} KB mean): median {median:.2} ms, mean {mean:.2} ms, slowest {:.2} ms a page (best of {ROUNDS})",
        pages.len(),
        bytes as f64 / 1024.0 / pages.len() as f64,
        per_page[per_page.len() - 1],
    );
    println!(
        "the line judge (features and scores) adds a median of {:.3} ms a page (with it against without, best of {ROUNDS}); the model's scoring alone {:.1} µs a page",
        judge_ms[judge_ms.len() / 2],
        score_us[score_us.len() / 2],
    );
}
