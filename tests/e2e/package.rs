//! The .deb as a user gets it: installed with dpkg on this machine, its
//! command line and its app run from where the package put them, then
//! removed, leaving the machine as it was.
//!
//! It needs the package (`make package`) and root, and changes the system,
//! so it is ignored in `make test`; `make test-package` builds the package
//! and runs it:
//!
//! ```sh
//! make test-package
//! # or, with a package already built:
//! xvfb-run -a cargo test -p storydiff-e2e --test package -- --ignored --test-threads=1
//! ```

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use fantoccini::Locator;
use storydiff_e2e::{
    click, fixture, median, repo, report_figure, row_kinds, start_times, wait_for, with_app,
};

const PACKAGE: &str = "storydiff";
const INSTALLED_APP: &str = "/usr/bin/storydiff-app";
const INSTALLED_CLI: &str = "/usr/bin/storydiff";
const DESKTOP_ENTRY: &str = "/usr/share/applications/storydiff.desktop";
const LICENSES: &str = "/usr/share/doc/storydiff/THIRD-PARTY-LICENSES.md";

/// The files a reader opens, as MIME types the desktop entry must claim.
const MIME_TYPES: [&str; 7] = [
    "text/html",
    "application/x-mimearchive",
    "text/markdown",
    "text/plain",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
];

fn run(program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("could not run {program}: {e}"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The version dpkg has installed, or None.
fn installed_version() -> Option<String> {
    let out = run("dpkg-query", &["-W", "-f=${Status} ${Version}", PACKAGE]);
    let text = stdout(&out);
    text.strip_prefix("install ok installed ")
        .map(|v| v.trim().to_string())
}

/// The .deb that `make package` built (or `$STORYDIFF_DEB`).
fn deb() -> PathBuf {
    if let Some(path) = std::env::var_os("STORYDIFF_DEB") {
        return PathBuf::from(path);
    }
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"))
        .join("release/bundle/deb");
    let mut debs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e}: build the package first with `make package`",
                dir.display()
            )
        })
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .collect();
    debs.sort();
    debs.pop()
        .unwrap_or_else(|| panic!("no .deb in {}: run `make package`", dir.display()))
}

/// Purges the package when dropped, also when an assertion failed.
struct Installed;

impl Drop for Installed {
    fn drop(&mut self) {
        let out = run("dpkg", &["--purge", PACKAGE]);
        if !out.status.success() {
            eprintln!(
                "dpkg --purge {PACKAGE} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

/// The packages that provide the shared libraries `binary` links directly
/// (its ELF NEEDED entries), as dpkg-shlibdeps would list them.
fn linked_packages(binary: &str) -> BTreeSet<String> {
    let needed: Vec<String> = stdout(&run("readelf", &["-d", binary]))
        .lines()
        .filter(|l| l.contains("(NEEDED)"))
        .filter_map(|l| l.split('[').nth(1)?.split(']').next().map(str::to_string))
        // The dynamic loader is part of libc6, which is declared.
        .filter(|soname| !soname.starts_with("ld-linux"))
        .collect();
    assert!(
        !needed.is_empty(),
        "readelf found no NEEDED entry in {binary}"
    );
    let ldd = stdout(&run("ldd", &[binary]));
    needed
        .iter()
        .map(|soname| {
            let path = ldd
                .lines()
                .find_map(|l| {
                    let (name, rest) = l.trim().split_once(" => ")?;
                    (name == soname)
                        .then(|| rest.split_whitespace().next().unwrap_or("").to_string())
                })
                .unwrap_or_else(|| {
                    panic!("{binary} needs {soname}, which ldd cannot find:\n{ldd}")
                });
            // A library may be found through /lib, which dpkg knows as /usr/lib.
            let real = std::fs::canonicalize(&path).unwrap_or_else(|_| PathBuf::from(&path));
            let mut owner = None;
            for candidate in [path.clone(), real.display().to_string()] {
                let out = run("dpkg", &["-S", &candidate]);
                if out.status.success() {
                    owner = stdout(&out).split(':').next().map(str::to_string);
                    break;
                }
            }
            owner.unwrap_or_else(|| panic!("no package owns {path} ({soname}, needed by {binary})"))
        })
        .collect()
}

/// The package names in the installed package's Depends.
fn declared_depends() -> BTreeSet<String> {
    stdout(&run("dpkg-query", &["-W", "-f=${Depends}", PACKAGE]))
        .split(',')
        .map(|d| d.split(['(', '|']).next().unwrap_or("").trim().to_string())
        .filter(|d| !d.is_empty())
        .collect()
}

#[tokio::test]
#[ignore = "installs the .deb (needs root and `make package`): run by `make test-package`"]
async fn the_deb_installs_runs_and_removes_cleanly() {
    assert_eq!(
        stdout(&run("id", &["-u"])).trim(),
        "0",
        "dpkg -i needs root: run `sudo make test-package`"
    );
    assert_eq!(
        installed_version(),
        None,
        "{PACKAGE} is already installed: remove it (dpkg --purge {PACKAGE}) so that this test leaves the machine as it found it"
    );
    for path in [INSTALLED_APP, INSTALLED_CLI, DESKTOP_ENTRY] {
        assert!(
            !Path::new(path).exists(),
            "{path} exists before the install"
        );
    }
    let deb = deb();
    let out = run("dpkg", &["-i", &deb.display().to_string()]);
    let _installed = Installed;
    assert!(
        out.status.success(),
        "dpkg -i {} failed (a missing dependency? `apt-get install -f` installs it):\n{}",
        deb.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let version = installed_version().expect("dpkg says the package is installed");

    // The command line, from /usr/bin.
    let out = run(INSTALLED_CLI, &["--version"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out).trim(), format!("storydiff {version}"));
    let out = run(
        INSTALLED_CLI,
        &[
            "compare",
            &fixture("council-original.txt"),
            &fixture("council-reprint.txt"),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "the pair differs: exit code 1");
    let report = stdout(&out);
    assert!(report.contains("Wednesday"), "{report}");

    // The desktop entry: the app, the files it opens, the icons.
    let entry = std::fs::read_to_string(DESKTOP_ENTRY).unwrap();
    assert!(entry.contains("Exec=storydiff-app %F"), "{entry}");
    assert!(entry.contains("Name=storydiff"), "{entry}");
    assert!(entry.contains("Comment="), "{entry}");
    assert!(entry.contains("Categories="), "{entry}");
    let mime_line = entry
        .lines()
        .find_map(|l| l.strip_prefix("MimeType="))
        .unwrap_or_else(|| panic!("no MimeType in\n{entry}"));
    let claimed: BTreeSet<&str> = mime_line.split(';').filter(|m| !m.is_empty()).collect();
    for mime in MIME_TYPES {
        assert!(
            claimed.contains(mime),
            "{mime} missing from MimeType={mime_line}"
        );
    }
    for size in [
        "16x16", "24x24", "32x32", "48x48", "64x64", "128x128", "256x256", "512x512",
    ] {
        let icon = format!("/usr/share/icons/hicolor/{size}/apps/storydiff-app.png");
        assert!(Path::new(&icon).is_file(), "no {icon}");
    }

    // The man pages, the shell completions and the copyright file.
    for file in [
        "/usr/share/man/man1/storydiff.1",
        "/usr/share/man/man1/storydiff-watch-add.1",
        "/usr/share/bash-completion/completions/storydiff",
        "/usr/share/zsh/vendor-completions/_storydiff",
        "/usr/share/fish/vendor_completions.d/storydiff.fish",
    ] {
        assert!(Path::new(file).is_file(), "no {file}");
    }
    let copyright = std::fs::read_to_string("/usr/share/doc/storydiff/copyright").unwrap();
    assert!(copyright
        .starts_with("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"));

    // The watcher's systemd user units, which systemd itself accepts.
    for unit in ["storydiff-watch.service", "storydiff-watch.timer"] {
        let path = format!("/usr/lib/systemd/user/{unit}");
        assert!(Path::new(&path).is_file(), "no {path}");
        // Checked as system units (a user manager needs a login session):
        // the syntax, the sections and that ExecStart runs are the same.
        let out = Command::new("systemd-analyze")
            .args(["verify", &path])
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && said.trim().is_empty(),
            "{unit}: {said}"
        );
    }
    let service = std::fs::read_to_string("/usr/lib/systemd/user/storydiff-watch.service").unwrap();
    assert!(
        service.contains("ExecStart=/usr/bin/storydiff watch run --once"),
        "{service}"
    );

    // Every library the binaries link is declared, so apt can install them.
    let depends = declared_depends();
    for binary in [INSTALLED_APP, INSTALLED_CLI] {
        let missing: Vec<String> = linked_packages(binary)
            .into_iter()
            .filter(|p| !depends.contains(p.split(':').next().unwrap_or(p)))
            .collect();
        assert!(
            missing.is_empty(),
            "{binary} links libraries from {missing:?}, which the package's Depends ({depends:?}) does not name"
        );
    }

    // The licences of what it ships.
    let licenses = std::fs::read_to_string(LICENSES).unwrap();
    for shipped in [
        "tauri ",
        "similar ",
        "reqwest ",
        "svelte",
        "@tauri-apps/api",
    ] {
        assert!(
            licenses.contains(shipped),
            "{LICENSES} does not mention {shipped}"
        );
    }

    // The installed app opens on the sample; measured three times from the
    // process's start to the sample's rows on screen.
    std::env::set_var("STORYDIFF_APP", INSTALLED_APP);
    let mut shown = Vec::new();
    let mut painted = Vec::new();
    for attempt in 0..3 {
        let times = {
            let (tx, rx) = std::sync::mpsc::channel();
            with_app(&[], move |client| async move {
                let times = start_times(&client, Path::new(INSTALLED_APP)).await;
                let kinds = row_kinds(&client).await;
                for kind in ["reworded", "removed", "added", "moved"] {
                    assert!(
                        kinds.iter().any(|k| k == kind),
                        "no {kind} row in the sample: {kinds:?}"
                    );
                }
                if attempt == 0 {
                    // About: version, licence, and the licences file.
                    click(&client, "[data-testid=open-about]").await;
                    let version = wait_for(&client, "[data-testid=about-version]").await;
                    assert_eq!(version.text().await.unwrap(), env!("CARGO_PKG_VERSION"));
                    let third = wait_for(&client, "[data-testid=about-third-party]").await;
                    assert!(third.text().await.unwrap().contains(LICENSES));
                    click(&client, "[data-testid=about-show-licences]").await;
                    let text = wait_for(&client, "[data-testid=about-licences]").await;
                    assert!(text.text().await.unwrap().contains("Apache License"));
                    if let Some(dir) = std::env::var_os("PACKAGE_SCREENSHOTS") {
                        let png = client.screenshot().await.unwrap();
                        std::fs::write(Path::new(&dir).join("about.png"), png).unwrap();
                    }
                    client
                        .find(Locator::Css("[data-testid=about-close]"))
                        .await
                        .unwrap()
                        .click()
                        .await
                        .unwrap();
                }
                tx.send(times).unwrap();
            })
            .await;
            rx.recv_timeout(Duration::from_secs(1)).unwrap()
        };
        eprintln!("start {attempt}: {times}");
        shown.extend(times.rows);
        painted.extend(times.paint);
    }
    assert!(
        !shown.is_empty(),
        "the window never measured its first rows"
    );
    let summary = format!(
        "installed app: sample's rows on screen {:.2} s after the process started (median of {}; {})",
        median(shown.clone()),
        shown.len(),
        shown.iter().map(|s| format!("{s:.2}")).collect::<Vec<_>>().join(", ")
    );
    report_figure(&summary);
    if !painted.is_empty() {
        report_figure(&format!(
            "installed app: first contentful paint {:.2} s after the process started (median of {})",
            median(painted.clone()),
            painted.len()
        ));
    }

    drop(_installed);
    assert_eq!(installed_version(), None, "the package is still installed");
    for path in [INSTALLED_APP, INSTALLED_CLI, DESKTOP_ENTRY, LICENSES] {
        assert!(
            !Path::new(path).exists(),
            "{path} is left after the removal"
        );
    }
}
