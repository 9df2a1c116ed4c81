//! The commands the UI calls. Each is thin: load with `storydiff-sources`
//! (files, or pages fetched side by side), compare with `storydiff-engine`
//! off the UI thread.

use serde::Serialize;
use storydiff_engine::{compare, Comparison, Options};
use storydiff_sources::{load_both, LoadOptions, Loaded, SnapshotStore, Source};
use tauri::Manager;

use crate::error::{Error, Side};

/// A comparison ready to show, with anything the reader should be told.
#[derive(Debug, Serialize)]
pub struct Opened {
    pub comparison: Comparison,
    pub warnings: Vec<String>,
}

/// What the window shows first: the two sources named on the command line
/// (`storydiff-app OLD NEW`, paths or addresses), or else the built-in sample.
#[derive(Debug, Clone, Default)]
pub struct Startup {
    pub sources: Option<(String, String)>,
}

impl Startup {
    /// Reads the command line; flags (which a WebDriver may add) are ignored.
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Startup {
        let args: Vec<String> = args.into_iter().filter(|a| !a.starts_with('-')).collect();
        match <[String; 2]>::try_from(args) {
            Ok([old, new]) => Startup {
                sources: Some((old, new)),
            },
            Err(_) => Startup::default(),
        }
    }
}

#[tauri::command]
pub async fn initial_comparison(
    app: tauri::AppHandle,
    startup: tauri::State<'_, Startup>,
    options: Option<Options>,
) -> Result<Opened, Error> {
    let options = options.unwrap_or_default();
    match startup.sources.clone() {
        Some((old, new)) => compare_sources_with(&load_options(&app), &old, &new, options).await,
        None => off_ui_thread(move || Ok(sample(&options))).await,
    }
}

/// The built-in sample: an original story and a reprint of it.
#[tauri::command]
pub async fn sample_comparison(options: Option<Options>) -> Result<Opened, Error> {
    let options = options.unwrap_or_default();
    off_ui_thread(move || Ok(sample(&options))).await
}

/// Compares two sources, each a file path or a web address; pages are
/// fetched side by side and kept in the app's snapshot store.
#[tauri::command]
pub async fn compare_sources(
    app: tauri::AppHandle,
    old: String,
    new: String,
    options: Option<Options>,
) -> Result<Opened, Error> {
    let options = options.unwrap_or_default();
    compare_sources_with(&load_options(&app), &old, &new, options).await
}

fn load_options(app: &tauri::AppHandle) -> LoadOptions {
    let store = app
        .path()
        .app_data_dir()
        .ok()
        .map(|dir| SnapshotStore::new(dir.join("snapshots")));
    LoadOptions {
        store,
        ..LoadOptions::default()
    }
}

pub(crate) fn sample(options: &Options) -> Opened {
    let (old, new) = storydiff_sources::sample();
    Opened {
        comparison: compare(&old, &new, options),
        warnings: Vec::new(),
    }
}

pub(crate) async fn compare_sources_with(
    load_options: &LoadOptions,
    old: &str,
    new: &str,
    options: Options,
) -> Result<Opened, Error> {
    let (old, new) = load_both(&Source::parse(old), &Source::parse(new), load_options).await;
    let side = |side: Side| move |source| Error::Source { side, source };
    let (old, new): (Loaded, Loaded) =
        (old.map_err(side(Side::Old))?, new.map_err(side(Side::New))?);
    let mut warnings = old.warnings;
    warnings.extend(new.warnings);
    let (old, new) = (old.document, new.document);
    off_ui_thread(move || {
        Ok(Opened {
            comparison: compare(&old, &new, &options),
            warnings,
        })
    })
    .await
}

/// Runs heavy work on the blocking pool; a panic there becomes an internal
/// error for the UI instead of taking the app down.
async fn off_ui_thread<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| Error::Internal(e.to_string()))?
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn fixture(name: &str) -> String {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures")
            .join(name)
            .display()
            .to_string()
    }

    fn run(old: &str, new: &str) -> Result<Opened, Error> {
        tauri::async_runtime::block_on(compare_sources_with(
            &LoadOptions::default(),
            old,
            new,
            Options::default(),
        ))
    }

    #[test]
    fn two_sources_on_the_command_line_open_them_and_flags_are_ignored() {
        let startup = Startup::from_args([
            "--automation".to_string(),
            "a.txt".into(),
            "https://x.org/b".into(),
        ]);
        assert_eq!(
            startup.sources,
            Some(("a.txt".into(), "https://x.org/b".into()))
        );
        assert!(Startup::from_args(["only-one.txt".to_string()])
            .sources
            .is_none());
    }

    #[test]
    fn comparing_fixture_files_finds_the_edits() {
        let opened = run(
            &fixture("council-original.txt"),
            &fixture("council-reprint.txt"),
        )
        .unwrap();
        assert!(opened.comparison.has_differences());
        assert!(opened
            .comparison
            .old
            .source
            .as_deref()
            .unwrap()
            .ends_with("council-original.txt"));
    }

    #[test]
    fn a_missing_new_file_is_reported_on_the_new_side() {
        let err = run(&fixture("council-original.txt"), "/nope.txt").unwrap_err();
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["side"], "new");
        assert_eq!(json["kind"], "not_found");
    }

    #[test]
    fn a_refused_scheme_is_reported_on_its_side() {
        let err = run("javascript:alert(1)", &fixture("council-reprint.txt")).unwrap_err();
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["side"], "old");
        assert_eq!(json["kind"], "bad_url");
    }

    #[test]
    fn a_panic_in_a_command_becomes_an_internal_error() {
        let result: Result<(), Error> =
            tauri::async_runtime::block_on(off_ui_thread(|| panic!("forced by a test")));
        assert_eq!(result.unwrap_err().kind(), "internal");
    }
}
