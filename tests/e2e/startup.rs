//! Figures, not a test: how long the app takes from its process's start to
//! its first paint and to the sample's rows on screen, started afresh
//! through WebDriver several times. The same measure as the installed
//! package's test (`package.rs`), for any build and environment:
//!
//! ```sh
//! make build   # or a release build, given as STORYDIFF_APP
//! STORYDIFF_APP=target/release/storydiff-app \
//!   xvfb-run -a cargo run -p storydiff-e2e --example startup -- [RUNS] [NAME=VALUE...]
//! ```
//! `NAME=VALUE` pairs are added to the app's environment (e.g.
//! `WEBKIT_DISABLE_COMPOSITING_MODE=1`), to compare settings in one run.

use storydiff_e2e::{app_binary, median, start_times, with_app_env};

#[tokio::main]
async fn main() {
    let mut runs = 5;
    let mut env = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.split_once('=') {
            Some((name, value)) => env.push((name.to_string(), value.to_string())),
            None => runs = arg.parse().expect("RUNS is a number of starts"),
        }
    }
    let exe = std::fs::canonicalize(app_binary()).unwrap();
    let (mut paints, mut rows) = (Vec::new(), Vec::new());
    for run in 0..runs {
        let (tx, rx) = std::sync::mpsc::channel();
        let exe_in = exe.clone();
        let env_refs: Vec<(&str, &str)> =
            env.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        with_app_env(&[], &env_refs, move |client| async move {
            tx.send(start_times(&client, &exe_in).await).unwrap();
        })
        .await;
        let times = rx.recv().unwrap();
        eprintln!("start {run}: {times}");
        paints.extend(times.paint);
        rows.extend(times.rows);
    }
    println!(
        "{}: first paint median {:.3} s ({} starts), rows on screen median {:.3} s",
        exe.display(),
        median(paints.clone()),
        paints.len(),
        median(rows)
    );
}
