//! Measures the real app on pairs of growing size: the time from asking
//! WebDriver for a window on the pair to the first rendered row (start,
//! read, compare and paint together), the memory of the app and of its
//! web process once the rows are up, and the frame times while scrolling
//! through the middle of the document half a screen a frame. Inside the
//! window, from its own marks: from asking for the comparison to the answer
//! arriving (the IPC response's last byte, from the browser's resource
//! timing, then JSON.parse and Tauri's handling) and to the rows on screen
//! (`comparison-shown`). With
//! `PAINT_SCREENSHOTS=DIR`, a screenshot of each document's middle goes there.
//!
//! ```sh
//! make build   # the app, with the UI bundled
//! xvfb-run -a cargo run -p storydiff-e2e --example paint-times -- DIR...
//! ```
//! where each DIR holds `a.txt` and `b.txt` (e.g. the benchmark corpus's
//! `s5k`, `s1m` and `s10m`).

use std::time::Instant;

use storydiff_e2e::{comparison_shown_ms, wait_for, with_app};

/// `(pid, parent pid, name, RSS in MB)` of one process.
type Process = (u32, u32, String, f64);

fn processes() -> Vec<Process> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let status = std::fs::read_to_string(entry.path().join("status")).unwrap_or_default();
        let field = |key: &str| {
            status
                .lines()
                .find(|l| l.starts_with(key))
                .map(|l| l[key.len()..].trim().to_string())
                .unwrap_or_default()
        };
        let kb: f64 = field("VmRSS:")
            .split_whitespace()
            .next()
            .and_then(|k| k.parse().ok())
            .unwrap_or(0.0);
        let ppid = field("PPid:").parse().unwrap_or(0);
        all.push((pid, ppid, field("Name:"), kb / 1024.0));
    }
    all
}

/// RSS of the app this run started (the binary `app` runs from) and of the
/// web processes it started: other sessions' apps on the machine are not
/// counted.
fn rss_mb(app: &std::path::Path) -> (f64, f64) {
    let all = processes();
    let apps: Vec<u32> = all
        .iter()
        .filter(|(pid, ..)| {
            std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == app)
        })
        .map(|(pid, ..)| *pid)
        .collect();
    let sum =
        |keep: &dyn Fn(&Process) -> bool| all.iter().filter(|p| keep(p)).map(|p| p.3).sum::<f64>();
    (
        sum(&|p| apps.contains(&p.0)),
        // Started by the app, or by a sandbox (bwrap) it started.
        sum(&|p| {
            let parent = all.iter().find(|q| q.0 == p.1).map_or(0, |q| q.1);
            p.2.starts_with("WebKitWebProces") && (apps.contains(&p.1) || apps.contains(&parent))
        }),
    )
}

#[tokio::main]
async fn main() {
    println!("| pair | size | first rows after | in the window: IPC answer in / parsed / rows on screen | answer size | app RSS | web process RSS | frame while scrolling (median / worst) | rows in the page |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for dir in std::env::args().skip(1) {
        let (a, b) = (format!("{dir}/a.txt"), format!("{dir}/b.txt"));
        let bytes = std::fs::metadata(&b).map(|m| m.len()).unwrap_or(0);
        let name = std::path::Path::new(&dir)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let started = Instant::now();
        with_app(&[&a, &b], move |client| async move {
            wait_for(&client, "[data-testid=row]").await;
            let elapsed = started.elapsed();
            let shown = comparison_shown_ms(&client).await;
            let inside = client
                .execute(
                    r#"const m = (n) => { const e = performance.getEntriesByName(n); return e.length ? e[e.length - 1].duration : null; };
                       const asked = performance.getEntriesByName('load-1')[0].startTime;
                       const ipc = performance.getEntriesByType('resource').filter((e) => e.name.includes('initial_comparison')).pop();
                       return [ipc ? ipc.responseEnd - asked : null, m('comparison-received'), ipc ? (ipc.decodedBodySize || ipc.encodedBodySize || null) : null];"#,
                    vec![],
                )
                .await
                .unwrap();
            if std::env::var_os("PAINT_DEBUG").is_some() {
                let entries = client
                    .execute("return performance.getEntries().map((e) => `${e.name} ${e.entryType} ${e.duration}`)", vec![])
                    .await;
                eprintln!("{inside:?} {entries:?}");
            }
            let ms = |v: &serde_json::Value| v.as_f64().map_or("?".to_string(), |x| format!("{x:.0}"));
            let size = inside[2].as_f64().map_or("?".to_string(), |b| format!("{:.1} MB", b / 1e6));
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            let (app, web) = rss_mb(&storydiff_e2e::app_binary().canonicalize().unwrap());
            // Scroll through the middle of the document a screen at a time,
            // one step a frame, and time the frames.
            let frames = client
                .execute_async(
                    r#"const done = arguments[0];
                       window.scrollTo(0, document.documentElement.scrollHeight / 2);
                       const times = []; let last = performance.now(); let n = 0;
                       const step = () => {
                         const now = performance.now(); times.push(now - last); last = now;
                         if (++n > 120) {
                           times.sort((a, b) => a - b);
                           done([times[60], times[times.length - 1], document.querySelectorAll('[data-testid=row]').length]);
                           return;
                         }
                         window.scrollBy(0, window.innerHeight / 2);
                         requestAnimationFrame(step);
                       };
                       requestAnimationFrame(step);"#,
                    vec![],
                )
                .await
                .unwrap();
            println!(
                "| {name} | {:.1} MB | {:.2} s | {} / {} / {shown:.0} ms | {size} | {:.0} MB | {:.0} MB | {:.0} / {:.0} ms | {} |",
                bytes as f64 / 1e6,
                elapsed.as_secs_f64(),
                ms(&inside[0]),
                ms(&inside[1]),
                app,
                web,
                frames[0].as_f64().unwrap_or(f64::NAN),
                frames[1].as_f64().unwrap_or(f64::NAN),
                frames[2],
            );
            if let Some(dir) = std::env::var_os("PAINT_SCREENSHOTS") {
                // The middle of the document, as a reader scrolled there sees it.
                client
                    .execute("window.scrollTo(0, document.documentElement.scrollHeight / 2)", vec![])
                    .await
                    .unwrap();
                tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                let png = client.screenshot().await.unwrap();
                std::fs::write(std::path::Path::new(&dir).join(format!("{name}-middle.png")), png).unwrap();
            }
        })
        .await;
    }
}
