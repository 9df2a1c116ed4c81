//! The commands the UI calls. Each is thin: load with `storydiff-sources`
//! (files, or pages fetched side by side), compare with `storydiff-engine`
//! off the UI thread, and keep the comparison in [`Comparisons`], which sends the
//! window its view; saving and copying name it by id.

use std::sync::Mutex;

use serde::Serialize;
use storydiff_engine::{compare_owned, Comparison, Options};
use storydiff_sources::{load, LoadOptions, Loaded, Source};
use tauri::{Emitter, Manager};

use crate::error::{Error, Side};
use crate::offload::off_ui_thread;
use crate::recent::{self, Recent, RecentList};
use crate::shown::{Compared, Comparisons, Id, Opened};

/// What the window shows first: the two sources named on the command line
/// (`storydiff-app OLD NEW`, paths or addresses), or else the built-in sample.
#[derive(Debug, Clone, Default)]
pub struct Startup {
    pub sources: Option<(String, String)>,
    /// One Word or OpenDocument draft: opened as its own before and after.
    pub draft: Option<String>,
}

impl Startup {
    /// Reads the command line; flags (which a WebDriver may add) are ignored.
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Startup {
        let args: Vec<String> = args.into_iter().filter(|a| !a.starts_with('-')).collect();
        match <[String; 2]>::try_from(args) {
            Ok([old, new]) => Startup {
                sources: Some((old, new)),
                draft: None,
            },
            Err(args) if args.len() == 1 => Startup {
                sources: None,
                draft: args.into_iter().next(),
            },
            Err(_) => Startup::default(),
        }
    }
}

/// The load in progress, so that Cancel, or a newer request, can stop it.
#[derive(Default)]
pub struct CurrentLoad(Mutex<Option<tokio::task::AbortHandle>>);

/// How far a load has come, sent to the window as `load-progress` events.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub side: Side,
    /// `loading` (reading or fetching), `loaded` or `failed`.
    pub state: &'static str,
}

#[tauri::command]
pub async fn initial_comparison(
    app: tauri::AppHandle,
    startup: tauri::State<'_, Startup>,
    current: tauri::State<'_, CurrentLoad>,
    comparisons: tauri::State<'_, Comparisons>,
    options: Option<Options>,
) -> Result<Opened, Error> {
    let options = options.unwrap_or_default();
    let (comparison, warnings) = if let Some(draft) = startup.draft.clone() {
        crate::documents::tracked_changes(draft.into(), options).await?
    } else {
        match startup.sources.clone() {
            Some((old, new)) => run_load(&app, &current, old, new, options).await?,
            None => off_ui_thread(move || Ok(sample(&options))).await?,
        }
    };
    Ok(comparisons.open(comparison, warnings))
}

/// The built-in sample: an original story and a reprint of it.
#[tauri::command]
pub async fn sample_comparison(
    comparisons: tauri::State<'_, Comparisons>,
    options: Option<Options>,
) -> Result<Opened, Error> {
    let options = options.unwrap_or_default();
    let (comparison, warnings) = off_ui_thread(move || Ok(sample(&options))).await?;
    Ok(comparisons.open(comparison, warnings))
}

/// Compares two sources, each a file path or a web address; pages are
/// fetched side by side and kept in the store. A newer
/// request stops this one: the later always wins.
#[tauri::command]
pub async fn compare_sources(
    app: tauri::AppHandle,
    current: tauri::State<'_, CurrentLoad>,
    comparisons: tauri::State<'_, Comparisons>,
    old: String,
    new: String,
    options: Option<Options>,
) -> Result<Opened, Error> {
    let (comparison, warnings) =
        run_load(&app, &current, old, new, options.unwrap_or_default()).await?;
    Ok(comparisons.open(comparison, warnings))
}

/// What a saved report holds.
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    /// A self-contained page for a browser or for print.
    Html,
    /// The comparison as the CLI's JSON contract.
    Json,
}

/// Saves the comparison on screen (`id`, as the window was sent it) as a
/// report, rendered here from the comparison kept, as the CLI renders it:
/// the JSON is the CLI's contract, whole.
#[tauri::command]
pub async fn save_report(
    comparisons: tauri::State<'_, Comparisons>,
    id: Id,
    path: std::path::PathBuf,
    format: ReportFormat,
) -> Result<(), Error> {
    let comparison = comparisons.get(id)?;
    off_ui_thread(move || write_report(&comparison, &path, format)).await
}

fn write_report(
    comparison: &Comparison,
    path: &std::path::Path,
    format: ReportFormat,
) -> Result<(), Error> {
    use std::io::Write;
    let export = |source| Error::Export {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::create(path).map_err(export)?;
    let mut out = std::io::BufWriter::new(file);
    match format {
        ReportFormat::Html => out.write_all(storydiff_engine::report::html(comparison).as_bytes()),
        // Streamed, as the CLI streams it: no 50 MB string for a 10 MB pair.
        ReportFormat::Json => serde_json::to_writer_pretty(&mut out, comparison)
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n")),
    }
    .and_then(|()| out.flush())
    .map_err(export)
}

/// Copies a Markdown summary of the comparison on screen (`id`) to the
/// clipboard (the engine renders it, as for the CLI's `--format markdown`).
/// Written from here, so the window needs no clipboard permission of its own.
#[tauri::command]
pub async fn copy_summary(
    app: tauri::AppHandle,
    comparisons: tauri::State<'_, Comparisons>,
    id: Id,
) -> Result<(), Error> {
    let comparison = comparisons.get(id)?;
    let text = off_ui_thread(move || Ok(storydiff_engine::report::markdown(&comparison))).await?;
    write_clipboard(&app, text)
}

/// On Linux, GTK's own clipboard, which the window already links: the
/// clipboard plugin would bring a second X11 and Wayland client (arboard),
/// about 0.4 MB of the binary, to do what GTK does. GTK serves the text
/// from the main loop while the app runs, and hands it to the desktop's
/// clipboard manager (`store`) so that it outlives the app where there is one.
#[cfg(target_os = "linux")]
fn write_clipboard(app: &tauri::AppHandle, text: String) -> Result<(), Error> {
    app.run_on_main_thread(move || {
        let clipboard = gtk::Clipboard::get(&gtk::gdk::SELECTION_CLIPBOARD);
        clipboard.set_text(&text);
        clipboard.store();
    })
    .map_err(|e| Error::Clipboard(e.to_string()))
}

#[cfg(not(target_os = "linux"))]
fn write_clipboard(app: &tauri::AppHandle, text: String) -> Result<(), Error> {
    use tauri_plugin_clipboard_manager::ClipboardExt;
    app.clipboard()
        .write_text(text)
        .map_err(|e| Error::Clipboard(e.to_string()))
}

/// Compares two texts pasted into the window.
#[tauri::command]
pub async fn compare_texts(
    comparisons: tauri::State<'_, Comparisons>,
    old: String,
    new: String,
    options: Option<Options>,
) -> Result<Opened, Error> {
    let options = options.unwrap_or_default();
    let comparison = off_ui_thread(move || {
        let old = storydiff_sources::pasted(&old, "pasted (old)");
        let new = storydiff_sources::pasted(&new, "pasted (new)");
        Ok(compare_owned(old, new, &options))
    })
    .await?;
    Ok(comparisons.open(comparison, Vec::new()))
}

/// Two documents already in hand (stored versions of a story) compared
/// for the window: the one place History mode makes an [`Opened`], so that
/// a change to how comparisons reach the window applies to it too.
pub(crate) async fn open_documents(
    app: &tauri::AppHandle,
    old: storydiff_engine::Document,
    new: storydiff_engine::Document,
    options: Options,
    warnings: Vec<String>,
) -> Result<Opened, Error> {
    let comparison = off_ui_thread(move || Ok(compare_owned(old, new, &options))).await?;
    Ok(app.state::<Comparisons>().open(comparison, warnings))
}

/// Stops the load in progress; its command then answers `cancelled`.
#[tauri::command]
pub fn cancel_load(current: tauri::State<'_, CurrentLoad>) {
    if let Some(load) = current.0.lock().expect("load lock").take() {
        load.abort();
    }
}

async fn run_load(
    app: &tauri::AppHandle,
    current: &CurrentLoad,
    old: String,
    new: String,
    options: Options,
) -> Result<Compared, Error> {
    let (old_source, new_source) = (Source::parse(&old), Source::parse(&new));
    let (compared, old_loaded, new_loaded) =
        run_sources(app, current, old_source, new_source, options).await?;
    let comparison = &compared.0;
    let recent = Recent {
        old: recent::Side::of(&old, &old_loaded),
        new: recent::Side::of(&new, &new_loaded),
        title: comparison
            .new
            .title
            .clone()
            .or_else(|| comparison.old.title.clone()),
        summary: comparison.stats.summary.clone(),
        opened_at: storydiff_web::now_rfc3339(),
    };
    // The list is a convenience: failing to write it never fails the
    // comparison, and writing it (opening the database, a transaction)
    // never delays the answer: it is done on the blocking pool meanwhile.
    if let Some(list) = recent_list(app) {
        tauri::async_runtime::spawn_blocking(move || {
            let _ = list.remember(recent);
        });
    }
    Ok(compared)
}

/// The comparisons opened lately, newest first.
#[tauri::command]
pub fn recent_comparisons(app: tauri::AppHandle) -> Vec<Recent> {
    recent_list(&app).map(|l| l.read()).unwrap_or_default()
}

/// Opens a remembered comparison again: files are read afresh, pages come
/// from their snapshots, without the network.
#[tauri::command]
pub async fn open_recent(
    app: tauri::AppHandle,
    current: tauri::State<'_, CurrentLoad>,
    comparisons: tauri::State<'_, Comparisons>,
    index: usize,
    options: Option<Options>,
) -> Result<Opened, Error> {
    let list = recent_list(&app).map(|l| l.read()).unwrap_or_default();
    let entry = list
        .get(index)
        .ok_or_else(|| Error::Internal(format!("no recent comparison number {index}")))?;
    let (old, new) = (entry.old.source(), entry.new.source());
    let ((comparison, warnings), _, _) =
        run_sources(&app, &current, old, new, options.unwrap_or_default()).await?;
    Ok(comparisons.open(comparison, warnings))
}

fn recent_list(app: &tauri::AppHandle) -> Option<RecentList> {
    let dir = crate::data::data_dir(app).ok()?;
    Some(RecentList::in_dir(dir))
}

/// Loads and compares two sources as the one running load.
async fn run_sources(
    app: &tauri::AppHandle,
    current: &CurrentLoad,
    old: Source,
    new: Source,
    options: Options,
) -> Result<(Compared, Loaded, Loaded), Error> {
    let load_options = load_options(app);
    let emitter = app.clone();
    let progress = move |side: Side, state: &'static str| {
        // Progress is a courtesy: a window that is gone need not hear it.
        let _ = emitter.emit("load-progress", Progress { side, state });
    };
    let task = tauri::async_runtime::spawn(async move {
        compare_sources_with(&load_options, &old, &new, options, progress).await
    });
    let abort = task.inner().abort_handle();
    if let Some(previous) = current.0.lock().expect("load lock").replace(abort) {
        previous.abort();
    }
    match task.await {
        Ok(result) => result,
        Err(tauri::Error::JoinError(e)) if e.is_cancelled() => Err(Error::Cancelled),
        Err(e) => Err(Error::Internal(e.to_string())),
    }
}

pub(crate) fn load_options(app: &tauri::AppHandle) -> LoadOptions {
    LoadOptions {
        store: crate::data::data_dir(app).ok(),
        ..LoadOptions::default()
    }
}

pub(crate) fn sample(options: &Options) -> Compared {
    let (old, new) = storydiff_sources::sample();
    (compare_owned(old, new, options), Vec::new())
}

pub(crate) async fn compare_sources_with(
    load_options: &LoadOptions,
    old: &Source,
    new: &Source,
    options: Options,
    progress: impl Fn(Side, &'static str) + Clone + Send,
) -> Result<(Compared, Loaded, Loaded), Error> {
    let one = |side: Side, source: &Source| {
        let progress = progress.clone();
        let source = source.clone();
        async move {
            progress(side, "loading");
            let result = load(&source, load_options).await;
            progress(side, if result.is_ok() { "loaded" } else { "failed" });
            result.map_err(|source| Error::Source { side, source })
        }
    };
    // Both sides at once: two fetches take as long as the slower one.
    let (old, new) = tokio::join!(one(Side::Old, old), one(Side::New, new));
    let (mut old, mut new): (Loaded, Loaded) = (old?, new?);
    let mut warnings = old.warnings.clone();
    warnings.extend(new.warnings.clone());
    // Moved into the comparison, not copied: what the caller keeps of a
    // load is its snapshot and its warnings.
    let old_doc = std::mem::take(&mut old.document);
    let new_doc = std::mem::take(&mut new.document);
    let comparison = off_ui_thread(move || {
        #[cfg(debug_assertions)]
        forced_panic_for_tests(&old_doc);
        Ok(compare_owned(old_doc, new_doc, &options))
    })
    .await?;
    Ok(((comparison, warnings), old, new))
}

/// Debug builds only: panics inside the comparison when the old version's
/// source contains `$STORYDIFF_TEST_PANIC_ON`, so that the E2E tests can
/// show a panic reported in the window and the app working on. Release
/// builds have no such path.
#[cfg(debug_assertions)]
fn forced_panic_for_tests(old: &storydiff_engine::Document) {
    let marker = std::env::var("STORYDIFF_TEST_PANIC_ON").unwrap_or_default();
    if !marker.is_empty() && old.source.as_deref().is_some_and(|s| s.contains(&marker)) {
        panic!("forced by STORYDIFF_TEST_PANIC_ON for a test");
    }
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

    fn run(old: &str, new: &str) -> Result<Comparison, Error> {
        tauri::async_runtime::block_on(compare_sources_with(
            &LoadOptions::default(),
            &Source::parse(old),
            &Source::parse(new),
            Options::default(),
            |_, _| {},
        ))
        .map(|((comparison, _), _, _)| comparison)
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
        let comparison = run(
            &fixture("council-original.txt"),
            &fixture("council-reprint.txt"),
        )
        .unwrap();
        assert!(comparison.has_differences());
        assert!(comparison
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
    fn a_report_is_saved_where_asked_and_a_bad_folder_is_named() {
        let (comparison, _) = sample(&Options::default());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.html");
        write_report(&comparison, &path, ReportFormat::Html).unwrap();
        assert!(std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("<!doctype html>"));
        let bad = dir.path().join("no/such/folder/report.json");
        let err = write_report(&comparison, &bad, ReportFormat::Json).unwrap_err();
        assert_eq!(err.kind(), "export");
        assert!(err.to_string().contains("no/such/folder/report.json"));
    }

    #[test]
    fn the_saved_json_is_the_whole_comparison_as_the_cli_writes_it() {
        let (comparison, _) = sample(&Options::default());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("comparison.json");
        write_report(&comparison, &path, ReportFormat::Json).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        // Byte for byte what the window's copy used to be saved as.
        let mut expected = serde_json::to_string_pretty(&comparison).unwrap();
        expected.push('\n');
        assert_eq!(text, expected);
        assert!(text.contains("\"paragraphs\": ["));
    }

    #[test]
    fn a_panic_in_a_command_becomes_an_internal_error() {
        let result: Result<(), Error> =
            tauri::async_runtime::block_on(off_ui_thread(|| panic!("forced by a test")));
        assert_eq!(result.unwrap_err().kind(), "internal");
    }
}
