//! Speed, memory and accuracy of the engine on the generated benchmark
//! corpus (`../shared/bench/README.md` says how to make it):
//!
//! ```sh
//! cargo run --release -p storydiff-engine --example corpus -- target/bench-corpus
//! ```
//!
//! For each size it prints the time of one comparison (median of a few
//! runs), the peak memory of a process that read and compared that pair
//! (one process per size), the recall of the planted
//! deleted, inserted, reworded, moved, typographic and heavily rewritten
//! paragraphs, and the precision of the moves the engine reports.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::Value;
use storydiff_engine::{compare, ChangeKind, Comparison, Document, Options};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench-corpus".into());
    // One size: measure it in this process.
    if Path::new(&dir).join("truth.json").is_file() {
        let name = Path::new(&dir)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        run(&name, Path::new(&dir));
        return;
    }
    // All sizes: one fresh process each, so that peak memory is per size.
    println!("| pair | size | time (median) | peak RSS | deleted | inserted | reworded | moved | typo | heavy | move precision |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    let me = std::env::current_exe().unwrap();
    for size in ["s5k", "s100k", "s1m", "s10m", "h100k", "h1m", "h10m"] {
        let path = Path::new(&dir).join(size);
        if !path.is_dir() {
            eprintln!("skipping {size}: {} not found", path.display());
            continue;
        }
        let status = std::process::Command::new(&me).arg(&path).status().unwrap();
        assert!(status.success(), "{size} failed");
    }
}

fn paragraphs(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    text.trim_end_matches('\n')
        .split("\n\n")
        .map(str::to_string)
        .collect()
}

fn run(name: &str, dir: &Path) {
    let old = Document {
        paragraphs: paragraphs(&dir.join("a.txt")),
        ..Document::default()
    };
    let new = Document {
        paragraphs: paragraphs(&dir.join("b.txt")),
        ..Document::default()
    };
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("truth.json")).unwrap()).unwrap();
    let bytes = std::fs::metadata(dir.join("b.txt")).unwrap().len();
    // Deadlines would make accuracy depend on the machine's load: measure
    // the engine's full answer.
    let options = Options {
        deadline_ms: 600_000,
        ..Options::default()
    };

    let runs = if bytes > 2_000_000 { 3 } else { 7 };
    let mut times = Vec::new();
    let mut comparison = None;
    for _ in 0..runs {
        let started = Instant::now();
        let c = compare(&old, &new, &options);
        times.push(started.elapsed());
        comparison = Some(c);
    }
    times.sort();
    let median = times[times.len() / 2];
    let c = comparison.unwrap();
    let spanned =
        |count: fn(&storydiff_engine::Change) -> usize| c.changes.iter().map(count).sum::<usize>();
    assert_eq!(
        spanned(|ch| ch.old_count),
        old.paragraphs.len(),
        "every old paragraph in one change"
    );
    assert_eq!(
        spanned(|ch| ch.new_count),
        new.paragraphs.len(),
        "every new paragraph in one change"
    );

    let acc = accuracy(&c, &truth);
    println!(
        "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
        human_bytes(bytes),
        human_time(median),
        peak_rss(),
        acc.get("deleted"),
        acc.get("inserted"),
        acc.get("reworded"),
        acc.get("moved"),
        acc.get("typo"),
        acc.get("heavy"),
        acc.move_precision(),
    );
}

#[derive(Default)]
struct Accuracy {
    found: HashMap<&'static str, (usize, usize)>,
    moves_reported: usize,
    moves_true: usize,
}

impl Accuracy {
    fn hit(&mut self, kind: &'static str, ok: bool) {
        let e = self.found.entry(kind).or_default();
        e.0 += usize::from(ok);
        e.1 += 1;
    }

    fn get(&self, kind: &str) -> String {
        match self.found.get(kind) {
            Some(&(ok, all)) if all > 0 => format!("{:.3} ({ok}/{all})", ok as f64 / all as f64),
            _ => "–".into(),
        }
    }

    fn move_precision(&self) -> String {
        if self.moves_reported == 0 {
            return "–".into();
        }
        format!(
            "{:.3} ({}/{})",
            self.moves_true as f64 / self.moves_reported as f64,
            self.moves_true,
            self.moves_reported
        )
    }
}

fn accuracy(c: &Comparison, truth: &Value) -> Accuracy {
    let mut by_pair: HashMap<(Option<usize>, Option<usize>), ChangeKind> = HashMap::new();
    let mut old_kind: HashMap<usize, (ChangeKind, Option<usize>)> = HashMap::new();
    for ch in &c.changes {
        by_pair.insert((ch.old_index, ch.new_index), ch.kind);
        if let Some(i) = ch.old_index {
            old_kind.insert(i, (ch.kind, ch.new_index));
        }
    }
    let idx = |v: &Value| v.as_u64().unwrap() as usize;
    let mut acc = Accuracy::default();
    for i in truth["deleted"].as_array().unwrap() {
        acc.hit(
            "deleted",
            by_pair.get(&(Some(idx(i)), None)) == Some(&ChangeKind::Removed),
        );
    }
    for j in truth["inserted"].as_array().unwrap() {
        acc.hit(
            "inserted",
            by_pair.get(&(None, Some(idx(j)))) == Some(&ChangeKind::Added),
        );
    }
    let mut true_moves = std::collections::HashSet::new();
    for pair in truth["pairs"].as_array().unwrap() {
        let (o, n) = (idx(&pair["old"]), idx(&pair["new"]));
        let kinds: Vec<&str> = pair["kinds"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap())
            .collect();
        let got = by_pair.get(&(Some(o), Some(n))).copied();
        let moved = kinds.contains(&"moved");
        if moved {
            true_moves.insert((o, n));
        }
        for kind in kinds {
            let ok = match kind {
                "moved" => got == Some(ChangeKind::Moved),
                "reworded" | "heavy" if moved => got == Some(ChangeKind::Moved),
                "reworded" | "heavy" => got == Some(ChangeKind::Reworded),
                "typo" if moved => got == Some(ChangeKind::Moved),
                // The generator may also have reworded a sentence of a
                // "typo" paragraph; then `reworded` is the right answer.
                "typo" => matches!(got, Some(ChangeKind::Unchanged | ChangeKind::Reworded)),
                _ => continue,
            };
            let kind: &'static str = match kind {
                "moved" => "moved",
                "reworded" => "reworded",
                "heavy" => "heavy",
                _ => "typo",
            };
            if !ok && std::env::var_os("SHOW_MISSES").is_some() {
                let o_kind = old_kind.get(&o);
                eprintln!(
                    "MISS {kind} {o}->{n}: got {got:?}; old ¶ is in {o_kind:?}\n  old: {}\n  new: {}",
                    c.old.paragraphs[o].chars().take(300).collect::<String>(),
                    c.new.paragraphs[n].chars().take(300).collect::<String>()
                );
            }
            acc.hit(kind, ok);
        }
    }
    for ch in c.changes.iter().filter(|ch| ch.kind == ChangeKind::Moved) {
        acc.moves_reported += 1;
        acc.moves_true +=
            usize::from(true_moves.contains(&(ch.old_index.unwrap(), ch.new_index.unwrap())));
    }
    acc
}

fn human_bytes(b: u64) -> String {
    if b >= 1_000_000 {
        format!("{:.0} MB", b as f64 / 1e6)
    } else {
        format!("{:.0} KB", b as f64 / 1e3)
    }
}

fn human_time(d: Duration) -> String {
    if d >= Duration::from_secs(1) {
        format!("{:.2} s", d.as_secs_f64())
    } else {
        format!("{:.1} ms", d.as_secs_f64() * 1e3)
    }
}

/// The process's peak resident memory (Linux: VmHWM), e.g. "31 MB".
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_string)
        })
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or("?".into(), |kb| format!("{} MB", kb / 1024))
}
