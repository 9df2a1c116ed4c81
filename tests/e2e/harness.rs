//! Drives the real, built storydiff app through WebDriver: `tauri-driver`
//! (from crates.io) in front of Debian's `WebKitWebDriver`, under Xvfb.
//!
//! The app is built once (`make build`, with the UI bundled) and every test
//! starts it afresh; nothing here stands in for the app or the engine.

use std::future::Future;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

/// The repository's top folder.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A file under `tests/fixtures/`.
pub fn fixture(name: &str) -> String {
    repo()
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"))
}

/// Appends a measured figure to `target/e2e-figures.txt`, which `make test`
/// prints after the run (test output is hidden unless a test fails).
pub fn report_figure(line: &str) {
    use std::io::Write;
    eprintln!("{line}");
    let path = target_dir().join("e2e-figures.txt");
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = writeln!(file, "{line}");
    }
}

/// The app binary that `make build` leaves behind, or `$STORYDIFF_APP`
/// (e.g. a release build, for the paint-times figures).
pub fn app_binary() -> PathBuf {
    let bin = std::env::var_os("STORYDIFF_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug/storydiff-app"));
    assert!(
        bin.is_file(),
        "{} is missing: build the app first with `make build` (the E2E tests never build it themselves)",
        bin.display()
    );
    bin
}

fn tauri_driver() -> PathBuf {
    let in_cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"));
    if let Some(path) = in_cargo_home.filter(|p| p.is_file()) {
        return path;
    }
    PathBuf::from("tauri-driver")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running tauri-driver, stopped with SIGTERM when dropped (SIGKILL would
/// orphan WebKitWebDriver and the app).
pub struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    /// Starts tauri-driver; `env` reaches the app it launches.
    pub fn start(env: &[(&str, &str)]) -> Driver {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "no DISPLAY: run the E2E tests under Xvfb (`make test` does: xvfb-run -a cargo test -p storydiff-e2e)"
        );
        let (port, native_port) = (free_port(), free_port());
        let child = Command::new(tauri_driver())
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            .envs(env.iter().copied())
            // The app keeps fetched pages in its data folder: not the user's.
            .env("XDG_DATA_HOME", std::env::temp_dir().join(format!("storydiff-e2e-{}", std::process::id())))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("could not start tauri-driver ({e}): `make test` installs it with `cargo install tauri-driver --locked`")
            });
        let driver = Driver { child, port };
        let started = Instant::now();
        // tauri-driver listens at once but WebKitWebDriver behind it may
        // take seconds on a loaded machine; a session asked for before it
        // listens is cut short. Wait for both.
        for (what, p) in [("tauri-driver", port), ("WebKitWebDriver", native_port)] {
            while TcpStream::connect(("127.0.0.1", p)).is_err() {
                assert!(
                    started.elapsed() < Duration::from_secs(30),
                    "{what} did not listen on port {p} within 30 s"
                );
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the app with `args`, runs `body` against it, and always closes the
/// session (also when `body` panics), then re-raises the panic.
pub async fn with_app<F, Fut>(args: &[&str], body: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    with_app_env(args, &[], body).await
}

/// [`with_app`], with variables added to the app's environment.
pub async fn with_app_env<F, Fut>(args: &[&str], env: &[(&str, &str)], body: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let (driver, client) = session(args, env).await;
    let outcome = tokio::spawn(body(client.clone())).await;
    let _ = client.close().await;
    drop(driver);
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// A driver and a WebDriver session on the app. The driver's own ports are
/// picked free just before it starts, and one may be taken again by the
/// time WebKitWebDriver binds it (seen as a session cut short): then a new
/// driver on new ports is tried, up to three times.
async fn session(args: &[&str], env: &[(&str, &str)]) -> (Driver, Client) {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": app_binary(), "args": args }),
    );
    let mut last_error = None;
    for _ in 0..3 {
        let driver = Driver::start(env);
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
        {
            Ok(client) => return (driver, client),
            Err(e) => {
                eprintln!("no WebDriver session ({e}); trying a new driver");
                last_error = Some(e);
                drop(driver);
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        }
    }
    panic!("no WebDriver session with the app after 3 tries: {last_error:?}");
}

/// Checks that the window shows the bundled UI, not a dev-server URL that
/// nothing serves (what a build without `custom-protocol` would load).
pub async fn assert_bundled_ui(client: &Client) {
    let url = client.current_url().await.expect("the page URL");
    assert!(
        url.scheme() == "tauri" || url.host_str() == Some("tauri.localhost"),
        "the app loaded {url}, not its bundled UI: build it with `make build` (feature custom-protocol)"
    );
}

/// Waits up to 15 s for an element to appear.
pub async fn wait_for(client: &Client, css: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element matches {css} after 15 s: {e}"))
}

/// Waits up to 15 s for an element matching an XPath; `what` says what the
/// test was waiting for when it fails.
pub async fn wait_for_xpath(
    client: &Client,
    xpath: &str,
    what: &str,
) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("{what}: nothing matches {xpath} after 15 s: {e}"))
}

/// Clicks the element matching `css`.
pub async fn click(client: &Client, css: &str) {
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("nothing to click at {css}: {e}"))
        .click()
        .await
        .unwrap();
}

/// Waits up to 15 s for the window's own `comparison-shown` measure (from
/// asking for a comparison to the frame after its rows render; the caller
/// clears earlier ones with `performance.clearMeasures()`) and returns its
/// duration in milliseconds.
pub async fn comparison_shown_ms(client: &Client) -> f64 {
    let asked = Instant::now();
    loop {
        assert!(
            asked.elapsed() < Duration::from_secs(15),
            "the window never measured the comparison on screen"
        );
        let value = client
            .execute(
                "const m = performance.getEntriesByName('comparison-shown'); return m.length ? m[m.length - 1].duration : null;",
                vec![],
            )
            .await
            .unwrap();
        if let Some(ms) = value.as_f64() {
            return ms;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The `data-kind` of each rendered change row, top to bottom, read in one
/// script so that a re-render between two WebDriver calls cannot mix two
/// states of the list.
pub async fn row_kinds(client: &Client) -> Vec<String> {
    let value = client
        .execute(
            "return Array.from(document.querySelectorAll('[data-testid=row]'), r => r.getAttribute('data-kind') || '');",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(value).expect("row kinds as strings")
}

/// Waits up to 15 s for the rendered rows to satisfy `done`, and returns
/// them. A click's effect on the list lands in a later frame (the side by
/// side view renders in `requestAnimationFrame`), so reading the rows right
/// after a click can see the list before it.
pub async fn rows_become(
    client: &Client,
    what: &str,
    done: impl Fn(&[String]) -> bool,
) -> Vec<String> {
    let asked = Instant::now();
    loop {
        let kinds = row_kinds(client).await;
        if done(&kinds) {
            return kinds;
        }
        assert!(
            asked.elapsed() < Duration::from_secs(15),
            "{what}: the rows are still {kinds:?} after 15 s"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits (up to 5 s) until the page stops scrolling: a smooth scroll moves
/// the elements under a WebDriver click that comes while it runs, so the
/// click can land beside its target.
pub async fn scrolling_stops(client: &Client) {
    let asked = Instant::now();
    let mut last = None;
    while asked.elapsed() < Duration::from_secs(5) {
        let y = client
            .execute("return window.scrollY;", vec![])
            .await
            .unwrap()
            .as_f64();
        if y.is_some() && y == last {
            return;
        }
        last = y;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The text of every element `css` matches, in page order.
pub async fn texts(client: &Client, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in client.find_all(Locator::Css(css)).await.unwrap() {
        out.push(e.text().await.unwrap());
    }
    out
}

/// With `STORYDIFF_SCREENSHOTS=DIR`, saves the screen (the Xvfb display the
/// test runs on) as `DIR/NAME.png` with ImageMagick's `import`, as a
/// person would see it.
pub fn screenshot(name: &str) {
    let Ok(dir) = std::env::var("STORYDIFF_SCREENSHOTS") else {
        return;
    };
    let path = Path::new(&dir).join(format!("{name}.png"));
    let status = Command::new("import")
        .args(["-window", "root"])
        .arg(&path)
        .status()
        .expect("ImageMagick's import runs");
    assert!(
        status.success(),
        "import could not write {}",
        path.display()
    );
}

/// A web server on 127.0.0.1 that serves `tests/fixtures/` (for the app to
/// fetch pages from), until the test process ends; `/never-answers` keeps
/// the request waiting. Returns its base address.
pub fn serve_fixtures() -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    return;
                }
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let name = request
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or("/")
                    .trim_start_matches('/');
                if name == "never-answers" {
                    std::thread::sleep(std::time::Duration::from_secs(120));
                    return;
                }
                let path = repo().join("tests/fixtures").join(name);
                let mut stream = &stream;
                let response = match (name.contains(".."), std::fs::read(&path)) {
                    (false, Ok(body)) => {
                        let mut out = format!(
                            "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                            body.len()
                        )
                        .into_bytes();
                        out.extend(body);
                        out
                    }
                    _ => {
                        b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                            .to_vec()
                    }
                };
                let _ = stream.write_all(&response);
            });
        }
    });
    base
}

/// Types a source for each side into the toolbar and presses Compare.
pub async fn compare_typed(client: &Client, old: &str, new: &str) {
    for (side, text) in [("old", old), ("new", new)] {
        let input = client
            .find(Locator::Css(&format!("[data-testid=source-{side}]")))
            .await
            .unwrap();
        input.clear().await.unwrap();
        input.send_keys(text).await.unwrap();
    }
    click(client, "[data-testid=compare]").await;
}

/// The article of a story served by [`serve_archive`] as it read at version
/// `v`: 1 says "Thursday night" for "Thursday", 2 changes the vote and adds
/// a sentence, 3 rewords the quote, 4 (the live page) adds a paragraph.
/// `advert` changes the page around the article, not the article.
pub fn archived_article(v: usize, advert: bool) -> String {
    let when = if v >= 1 { "Thursday night" } else { "Thursday" };
    let votes = if v >= 2 {
        "23 votes to 9, ends a year of argument over whether the town should defend the seafront or help residents move away. Work is due to start in the spring."
    } else {
        "22 votes to 10, ends a year of argument over whether the town should defend the seafront or help residents move away."
    };
    let quote = if v >= 3 {
        "“We cannot ask families to keep bailing out their kitchens every winter,” said council leader Alan Briggs, who has championed the wall since the floods."
    } else {
        "“We cannot ask families to keep bailing out their kitchens every January,” said council leader Alan Briggs."
    };
    let extra = if v >= 4 {
        "<p>Opponents said they would ask for a judicial review of the decision before the end of the year.</p>"
    } else {
        ""
    };
    let aside = if advert {
        "<aside>Advert: subscribe today</aside>"
    } else {
        ""
    };
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Sea wall approved | Harbour Gazette</title></head><body>{aside}\n<article><h1>Harbour council approves £12m sea wall</h1>\n<p>The Harbour council voted on {when} to build a £12 million sea wall along the eastern promenade, three months after storms flooded more than 200 homes.</p>\n<p>The decision, passed by {votes}</p>\n<p>{quote}</p>\n{extra}</article></body></html>"
    )
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// (timestamp, status, digest, article version and advert; `None` for no article).
type ArchivedCapture = (String, &'static str, String, Option<(usize, bool)>);

/// The captures [`serve_archive`] lists for a story at `/news/NAME`:
/// (timestamp, status, digest, version of the article or `None` for no
/// article, with an advert). `/news/slow…` has thirty captures, so that
/// reading them takes half a minute at one request a second.
fn archived_captures(name: &str) -> Vec<ArchivedCapture> {
    if name.starts_with("slow") {
        return (0..30)
            .map(|k| {
                (
                    format!("202309{:02}060000", k + 1),
                    "200",
                    format!("S{k}"),
                    Some((k % 3, k % 2 == 0)),
                )
            })
            .collect();
    }
    vec![
        ("20230911060000".into(), "200", "A".into(), Some((0, false))),
        ("20230912060000".into(), "200", "B".into(), Some((1, false))),
        // The same article in new markup: "no change in the article".
        ("20230913060000".into(), "200", "C".into(), Some((1, true))),
        // A redirect capture and a paywall page: bad captures.
        ("20230914060000".into(), "301", "R".into(), None),
        ("20230915060000".into(), "200", "P".into(), None),
        ("20230916060000".into(), "200", "D".into(), Some((2, false))),
    ]
}

/// A web archive on 127.0.0.1 that speaks the Wayback Machine's protocol
/// (`/cdx/search/cdx?url=…&output=json`, `/web/<ts>id_/<url>` replays) and
/// Memento's (`/timemap/link/<url>`, one memento replayed at
/// `/memento/<ts>id_/<url>`), and serves the live pages `/news/NAME`
/// themselves (the latest version, 4). Point the app at it with
/// `STORYDIFF_ARCHIVE_BASE=BASE` and `STORYDIFF_TIMEMAPS=BASE/timemap/link/`.
/// Runs until the test process ends; returns BASE.
pub fn serve_archive() -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let me = base.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let me = me.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    return;
                }
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let target = request.split_whitespace().nth(1).unwrap_or("/").to_string();
                let (status, content_type, body) = archive_answer(&me, &target);
                let mut out = format!(
                    "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                )
                .into_bytes();
                out.extend(body.into_bytes());
                let _ = (&stream).write_all(&out);
            });
        }
    });
    base
}

const PAYWALL: &str = "<!doctype html><html><head><title>Subscribe</title></head><body><article><p>Subscribe to keep reading.</p></article></body></html>";

fn archive_answer(me: &str, target: &str) -> (&'static str, &'static str, String) {
    let not_found = (
        "404 Not Found",
        "text/plain",
        "not in the archive".to_string(),
    );
    let page = |v: Option<(usize, bool)>| match v {
        Some((v, advert)) => (
            "200 OK",
            "text/html; charset=utf-8",
            archived_article(v, advert),
        ),
        None => ("200 OK", "text/html; charset=utf-8", PAYWALL.to_string()),
    };
    if let Some(name) = target.strip_prefix("/news/") {
        let _ = name;
        return page(Some((4, false)));
    }
    if let Some(query) = target.strip_prefix("/cdx/search/cdx?") {
        let url = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("url="))
            .map(percent_decode)
            .unwrap_or_default();
        let Some(name) = url.strip_prefix(&format!("{me}/news/")) else {
            return ("200 OK", "application/json", "[]".into());
        };
        let mut rows = vec![
            r#"["timestamp","original","mimetype","statuscode","digest","length"]"#.to_string(),
        ];
        for (ts, status, digest, _) in archived_captures(name) {
            rows.push(format!(
                r#"["{ts}","{url}","text/html","{status}","{digest}","2000"]"#
            ));
        }
        return (
            "200 OK",
            "application/json",
            format!("[{}]", rows.join(",\n")),
        );
    }
    if let Some(rest) = target.strip_prefix("/web/") {
        let Some((ts, url)) = rest.split_once("id_/") else {
            return not_found;
        };
        let Some(name) = url.strip_prefix(&format!("{me}/news/")) else {
            return not_found;
        };
        return match archived_captures(name).into_iter().find(|c| c.0 == ts) {
            Some((_, _, _, v)) => page(v),
            None => not_found,
        };
    }
    if let Some(url) = target.strip_prefix("/timemap/link/") {
        if url.starts_with(&format!("{me}/news/slow")) || !url.starts_with(&format!("{me}/news/")) {
            return not_found;
        }
        let body = format!(
            "<{url}>; rel=\"original\",\n<{me}/timemap/link/{url}>; rel=\"self\"; type=\"application/link-format\",\n<{me}/memento/20231001120000/{url}>; rel=\"first last memento\"; datetime=\"Sun, 01 Oct 2023 12:00:00 GMT\""
        );
        return ("200 OK", "application/link-format", body);
    }
    if let Some(rest) = target.strip_prefix("/memento/20231001120000id_/") {
        if rest.starts_with(&format!("{me}/news/")) {
            return page(Some((3, false)));
        }
    }
    not_found
}

/// When a process started, in seconds since the Unix epoch (from
/// `/proc/PID/stat`, to the clock tick).
pub fn process_started(pid: u32) -> f64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name, which is in parentheses.
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let ticks: f64 = after.split_whitespace().nth(19).unwrap().parse().unwrap();
    // SAFETY: sysconf only reads a constant of the system.
    let tck = match unsafe { libc::sysconf(libc::_SC_CLK_TCK) } {
        t if t > 0 => t as f64,
        _ => 100.0,
    };
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    now - uptime + ticks / tck
}

/// The newest running process whose executable is `exe`.
pub fn newest_process_of(exe: &Path) -> u32 {
    let mut found: Vec<(f64, u32)> = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|e| e == exe))
        .map(|pid| (process_started(pid), pid))
        .collect();
    found.sort_by(|a, b| a.0.total_cmp(&b.0));
    found
        .last()
        .unwrap_or_else(|| panic!("{} is not running", exe.display()))
        .1
}

/// How long the window took to start, in seconds after its process began.
#[derive(Debug, Clone, Copy)]
pub struct StartTimes {
    /// The web page's document began (`performance.timeOrigin`).
    pub document: f64,
    /// The first paint with content (`first-contentful-paint`), if taken.
    pub paint: Option<f64>,
    /// The first comparison's rows on screen (App.svelte's
    /// `comparison-shown` measure, a frame after they render), if taken.
    pub rows: Option<f64>,
}

impl std::fmt::Display for StartTimes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at =
            |t: Option<f64>| t.map_or_else(|| "not taken".to_string(), |t| format!("{t:.3} s"));
        write!(
            f,
            "document began {:.3} s after the process, first paint {}, rows {}",
            self.document,
            at(self.paint),
            at(self.rows)
        )
    }
}

/// Waits for the first rows, then reads the window's own clock for when its
/// document began, first painted and showed its rows, against the start of
/// the newest process running `exe` (the app WebDriver launched).
pub async fn start_times(client: &Client, exe: &Path) -> StartTimes {
    wait_for(client, "[data-testid=row]").await;
    let started = process_started(newest_process_of(exe));
    for _ in 0..100 {
        let taken = client
            .execute(
                "return performance.getEntriesByName('comparison-shown').length > 0",
                vec![],
            )
            .await
            .unwrap();
        if taken.as_bool() == Some(true) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let times = client
        .execute(
            "const m = performance.getEntriesByName('comparison-shown')[0];
             const p = performance.getEntriesByName('first-contentful-paint')[0];
             return [performance.timeOrigin, m ? m.startTime + m.duration : null, p ? p.startTime : null];",
            vec![],
        )
        .await
        .unwrap();
    let origin = times[0].as_f64().unwrap();
    let at = |v: &serde_json::Value| v.as_f64().map(|t| (origin + t) / 1000.0 - started);
    StartTimes {
        document: origin / 1000.0 - started,
        rows: at(&times[1]),
        paint: at(&times[2]),
    }
}

/// The middle value (the upper one of an even count).
pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
