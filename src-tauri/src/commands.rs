//! The commands the UI calls. Each is thin: read with `storydiff-sources`,
//! compare with `storydiff-engine`, off the UI thread.

use std::path::{Path, PathBuf};

use serde::Serialize;
use storydiff_engine::{compare, Comparison, Document, Options};
use storydiff_sources::{read_file, ReadOptions};

use crate::error::{Error, Side};

/// A comparison ready to show, with anything the reader should be told.
#[derive(Debug, Serialize)]
pub struct Opened {
    pub comparison: Comparison,
    pub warnings: Vec<String>,
}

/// What the window shows first: the two files named on the command line
/// (`storydiff-app OLD NEW`), or else the built-in sample.
#[derive(Debug, Clone, Default)]
pub struct Startup {
    pub files: Option<(PathBuf, PathBuf)>,
}

impl Startup {
    /// Reads the command line; flags (which a WebDriver may add) are ignored.
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Startup {
        let paths: Vec<PathBuf> = args
            .into_iter()
            .filter(|a| !a.starts_with('-'))
            .map(PathBuf::from)
            .collect();
        match <[PathBuf; 2]>::try_from(paths) {
            Ok([old, new]) => Startup {
                files: Some((old, new)),
            },
            Err(_) => Startup::default(),
        }
    }
}

#[tauri::command]
pub async fn initial_comparison(
    startup: tauri::State<'_, Startup>,
    options: Option<Options>,
) -> Result<Opened, Error> {
    let files = startup.files.clone();
    let options = options.unwrap_or_default();
    off_ui_thread(move || match files {
        Some((old, new)) => compare_paths(&old, &new, &options),
        None => Ok(sample(&options)),
    })
    .await
}

/// The built-in sample: an original story and a reprint of it.
#[tauri::command]
pub async fn sample_comparison(options: Option<Options>) -> Result<Opened, Error> {
    let options = options.unwrap_or_default();
    off_ui_thread(move || Ok(sample(&options))).await
}

#[tauri::command]
pub async fn compare_files(
    old: PathBuf,
    new: PathBuf,
    options: Option<Options>,
) -> Result<Opened, Error> {
    let options = options.unwrap_or_default();
    off_ui_thread(move || compare_paths(&old, &new, &options)).await
}

pub(crate) fn sample(options: &Options) -> Opened {
    let (old, new) = storydiff_sources::sample();
    Opened {
        comparison: compare(&old, &new, options),
        warnings: Vec::new(),
    }
}

pub(crate) fn compare_paths(old: &Path, new: &Path, options: &Options) -> Result<Opened, Error> {
    let mut warnings = Vec::new();
    let mut read = |path: &Path, side: Side| -> Result<Document, Error> {
        let loaded = read_file(path, &ReadOptions::default())
            .map_err(|source| Error::Source { side, source })?;
        warnings.extend(loaded.warnings);
        Ok(loaded.document)
    };
    let old = read(old, Side::Old)?;
    let new = read(new, Side::New)?;
    Ok(Opened {
        comparison: compare(&old, &new, options),
        warnings,
    })
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
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures")
            .join(name)
    }

    #[test]
    fn two_paths_on_the_command_line_open_them_and_flags_are_ignored() {
        let startup =
            Startup::from_args(["--automation".to_string(), "a.txt".into(), "b.txt".into()]);
        assert_eq!(startup.files, Some(("a.txt".into(), "b.txt".into())));
        assert!(Startup::from_args(["only-one.txt".to_string()])
            .files
            .is_none());
    }

    #[test]
    fn comparing_fixture_files_finds_the_edits() {
        let opened = compare_paths(
            &fixture("council-original.txt"),
            &fixture("council-reprint.txt"),
            &Options::default(),
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
        let err = compare_paths(
            &fixture("council-original.txt"),
            Path::new("/nope.txt"),
            &Options::default(),
        )
        .unwrap_err();
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["side"], "new");
        assert_eq!(json["kind"], "not_found");
    }

    #[test]
    fn a_panic_in_a_command_becomes_an_internal_error() {
        let result: Result<(), Error> =
            tauri::async_runtime::block_on(off_ui_thread(|| panic!("forced by a test")));
        assert_eq!(result.unwrap_err().kind(), "internal");
    }
}
