//! Ledger mode: one original against any number of copies.
//!
//! [`build_ledger`] loads the original and every copy (files, addresses or
//! pasted texts), at most [`AT_ONCE`] at a time, telling the window how each
//! one is doing (`ledger-progress` events), then builds the engine's
//! ledger off the UI thread. The documents are kept, so that a click on a
//! matrix cell opens that pair ([`ledger_pair`]) without loading again.
//! Cancel ([`cancel_ledger`]) stops the loads and leaves what is on screen.

use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use storydiff_engine::ledger::{self, Ledger};
use storydiff_engine::{compare, Document, Options};
use storydiff_sources::{load, Source};
use tauri::Emitter;

use crate::commands::load_options;
use crate::error::Error;
use crate::offload::off_ui_thread;
use crate::shown::{Comparisons, Opened};

/// Sources loaded at the same time: a few, so that many addresses on one
/// site do not look like an attack.
pub const AT_ONCE: usize = 3;

/// One source of a ledger: a path or address, or a text pasted in.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum LedgerInput {
    Source { value: String },
    Text { value: String, name: String },
}

impl LedgerInput {
    fn label(&self) -> &str {
        match self {
            LedgerInput::Source { value } => value,
            LedgerInput::Text { name, .. } => name,
        }
    }
}

/// How far the load of one source has come (`ledger-progress` events);
/// `index` 0 is the original, 1… the copies.
#[derive(Debug, Clone, Serialize)]
pub struct LedgerProgress {
    pub index: usize,
    /// `loading`, `loaded` or `failed`.
    pub state: &'static str,
    /// Why it failed, when it did.
    pub message: Option<String>,
}

/// A ledger ready to show, with anything the reader should be told.
#[derive(Debug, Serialize)]
pub struct LedgerOpened {
    pub ledger: Ledger,
    pub warnings: Vec<String>,
}

/// The original, its copies and the options of the ledger on screen.
type Shown = (Document, Vec<Document>, Options);

/// The documents of the ledger on screen and the running load.
#[derive(Default)]
pub struct LedgerState {
    shown: Mutex<Option<Arc<Shown>>>,
    running: Mutex<Option<tokio::task::AbortHandle>>,
}

/// Loads the original and the copies and builds their ledger. A source
/// that cannot be loaded fails the whole ledger with an error naming it
/// (the ledger on screen stays); a newer request stops this one.
#[tauri::command]
pub async fn build_ledger(
    app: tauri::AppHandle,
    state: tauri::State<'_, LedgerState>,
    original: LedgerInput,
    copies: Vec<LedgerInput>,
    options: Option<Options>,
) -> Result<LedgerOpened, Error> {
    if copies.is_empty() {
        return Err(Error::Ledger(
            "Add at least one copy to compare with the original.".to_string(),
        ));
    }
    let options = options.unwrap_or_default();
    let load_options = Arc::new(load_options(&app));
    let emitter = app.clone();
    let mut inputs = vec![original];
    inputs.extend(copies);
    let task = tauri::async_runtime::spawn(async move {
        let progress = move |index: usize, state: &'static str, message: Option<String>| {
            let _ = emitter.emit(
                "ledger-progress",
                LedgerProgress {
                    index,
                    state,
                    message,
                },
            );
        };
        load_all(inputs, load_options, progress).await
    });
    let abort = task.inner().abort_handle();
    if let Some(previous) = state.running.lock().expect("ledger lock").replace(abort) {
        previous.abort();
    }
    let (mut documents, warnings) = match task.await {
        Ok(result) => result?,
        Err(tauri::Error::JoinError(e)) if e.is_cancelled() => return Err(Error::Cancelled),
        Err(e) => return Err(Error::Internal(e.to_string())),
    };
    let original = documents.remove(0);
    let kept = Arc::new((original, documents, options));
    let for_ledger = kept.clone();
    let ledger = off_ui_thread(move || {
        let (original, copies, options) = &*for_ledger;
        Ok(ledger::ledger(original, copies, options))
    })
    .await?;
    *state.shown.lock().expect("ledger lock") = Some(kept);
    Ok(LedgerOpened { ledger, warnings })
}

/// Loads every input, [`AT_ONCE`] at a time; the first failure in the
/// given order is the error.
pub(crate) async fn load_all(
    inputs: Vec<LedgerInput>,
    load_options: Arc<storydiff_sources::LoadOptions>,
    progress: impl Fn(usize, &'static str, Option<String>) + Clone + Send + Sync + 'static,
) -> Result<(Vec<Document>, Vec<String>), Error> {
    let limit = Arc::new(tokio::sync::Semaphore::new(AT_ONCE));
    let mut tasks = tokio::task::JoinSet::new();
    for (index, input) in inputs.iter().cloned().enumerate() {
        let (limit, load_options, progress) =
            (limit.clone(), load_options.clone(), progress.clone());
        tasks.spawn(async move {
            let _permit = limit.acquire_owned().await.expect("never closed");
            progress(index, "loading", None);
            let result = match &input {
                LedgerInput::Source { value } => load(&Source::parse(value), &load_options)
                    .await
                    .map(|l| (l.document, l.warnings)),
                LedgerInput::Text { value, name } => {
                    Ok((storydiff_sources::pasted(value, name), Vec::new()))
                }
            };
            match &result {
                Ok(_) => progress(index, "loaded", None),
                Err(e) => progress(index, "failed", Some(e.to_string())),
            }
            (index, result)
        });
    }
    let mut documents: Vec<Option<Document>> = vec![None; inputs.len()];
    let mut warnings = Vec::new();
    let mut first_error: Option<(usize, storydiff_sources::Error)> = None;
    while let Some(joined) = tasks.join_next().await {
        let (index, result) = joined.map_err(|e| Error::Internal(e.to_string()))?;
        match result {
            Ok((document, w)) => {
                documents[index] = Some(document);
                warnings.extend(w);
            }
            Err(e) => {
                if first_error.as_ref().is_none_or(|(at, _)| index < *at) {
                    first_error = Some((index, e));
                }
            }
        }
    }
    if let Some((index, source)) = first_error {
        let which = if index == 0 {
            "The original".to_string()
        } else {
            format!("Copy {index} ({})", inputs[index].label())
        };
        return Err(Error::LedgerSource {
            which,
            index,
            source,
        });
    }
    Ok((
        documents
            .into_iter()
            .map(|d| d.expect("every source loaded"))
            .collect(),
        warnings,
    ))
}

/// Stops the ledger's load in progress; `build_ledger` then answers `cancelled`.
#[tauri::command]
pub fn cancel_ledger(state: tauri::State<'_, LedgerState>) {
    if let Some(load) = state.running.lock().expect("ledger lock").take() {
        load.abort();
    }
}

/// The comparison of the original with copy `copy` (0-based) of the ledger
/// on screen: what a click on a matrix cell opens.
#[tauri::command]
pub async fn ledger_pair(
    state: tauri::State<'_, LedgerState>,
    comparisons: tauri::State<'_, Comparisons>,
    copy: usize,
) -> Result<Opened, Error> {
    let ledger = state
        .shown
        .lock()
        .expect("ledger lock")
        .clone()
        .ok_or_else(|| Error::Ledger("No ledger is open.".to_string()))?;
    let comparison = off_ui_thread(move || {
        let (original, copies, options) = &*ledger;
        let copy = copies
            .get(copy)
            .ok_or_else(|| Error::Ledger(format!("The ledger has no copy {}.", copy + 1)))?;
        Ok(compare(original, copy, options))
    })
    .await?;
    Ok(comparisons.open(comparison, Vec::new()))
}

/// What an exported ledger holds.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LedgerFormat {
    Csv,
    Json,
    Html,
}

/// Saves the ledger on screen (rendered here, as the CLI renders it).
#[tauri::command]
pub async fn save_ledger(
    ledger: Ledger,
    path: std::path::PathBuf,
    format: LedgerFormat,
) -> Result<(), Error> {
    off_ui_thread(move || {
        let text = match format {
            LedgerFormat::Csv => ledger::csv(&ledger),
            LedgerFormat::Html => ledger::html(&ledger),
            LedgerFormat::Json => {
                let mut json = serde_json::to_string_pretty(&ledger).expect("a ledger serialises");
                json.push('\n');
                json
            }
        };
        std::fs::write(&path, text).map_err(|source| Error::Export { path, source })
    })
    .await
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn fixture(name: &str) -> LedgerInput {
        LedgerInput::Source {
            value: Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/fixtures")
                .join(name)
                .display()
                .to_string(),
        }
    }

    fn run(inputs: Vec<LedgerInput>) -> Result<(Vec<Document>, Vec<String>), Error> {
        let count = inputs.len();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = seen.clone();
        let result = tauri::async_runtime::block_on(load_all(
            inputs,
            Arc::new(storydiff_sources::LoadOptions::default()),
            move |i, s, _| record.lock().unwrap().push((i, s)),
        ));
        // Every source says it is loading, then that it loaded or failed.
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 2 * count);
        for index in 0..count {
            let states: Vec<&str> = seen
                .iter()
                .filter(|(i, _)| *i == index)
                .map(|(_, s)| *s)
                .collect();
            assert_eq!(states[0], "loading");
            assert!(states[1] == "loaded" || states[1] == "failed");
        }
        result
    }

    #[test]
    fn files_and_pasted_texts_load_in_the_order_given() {
        let (docs, _) = run(vec![
            fixture("council-original.txt"),
            LedgerInput::Text {
                value: "One.\n\nTwo.".into(),
                name: "pasted copy 1".into(),
            },
            fixture("council-reprint.txt"),
        ])
        .unwrap();
        assert_eq!(docs.len(), 3);
        assert!(docs[0]
            .source
            .as_deref()
            .unwrap()
            .ends_with("council-original.txt"));
        assert_eq!(docs[1].source.as_deref(), Some("pasted copy 1"));
        assert!(docs[2]
            .source
            .as_deref()
            .unwrap()
            .ends_with("council-reprint.txt"));
    }

    #[test]
    fn a_missing_copy_is_named_with_its_number() {
        let err = run(vec![
            fixture("council-original.txt"),
            fixture("council-reprint.txt"),
            LedgerInput::Source {
                value: "/no/such/copy.txt".into(),
            },
        ])
        .unwrap_err();
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["kind"], "not_found");
        let message = json["message"].as_str().unwrap();
        assert!(
            message.starts_with("Copy 2 (/no/such/copy.txt)"),
            "{message}"
        );
    }

    #[test]
    fn a_ledger_is_saved_as_csv_json_and_html() {
        let (docs, _) = run(vec![
            fixture("council-original.txt"),
            fixture("council-reprint.txt"),
        ])
        .unwrap();
        let ledger = ledger::ledger(&docs[0], &docs[1..], &Options::default());
        let dir = tempfile::tempdir().unwrap();
        for (format, name, start) in [
            (LedgerFormat::Csv, "l.csv", "source,site"),
            (LedgerFormat::Json, "l.json", "{"),
            (LedgerFormat::Html, "l.html", "<!doctype html>"),
        ] {
            let path = dir.path().join(name);
            tauri::async_runtime::block_on(save_ledger(ledger.clone(), path.clone(), format))
                .unwrap();
            assert!(std::fs::read_to_string(&path).unwrap().starts_with(start));
        }
    }
}
