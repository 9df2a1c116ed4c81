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
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "tauri-driver did not listen on port {port} within 20 s"
            );
            std::thread::sleep(Duration::from_millis(50));
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

/// The `data-kind` of each rendered change row, top to bottom.
pub async fn row_kinds(client: &Client) -> Vec<String> {
    let mut kinds = Vec::new();
    for row in client
        .find_all(Locator::Css("[data-testid=row]"))
        .await
        .unwrap()
    {
        kinds.push(row.attr("data-kind").await.unwrap().unwrap_or_default());
    }
    kinds
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
