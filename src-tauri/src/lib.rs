//! The storydiff desktop app: a thin Tauri shell. Commands read documents
//! with `storydiff-sources`, compare them with `storydiff-engine`, and hand
//! the UI a view of one `Comparison` to render (the comparison itself is kept
//! here under an id: see `shown`); the UI never recomputes a diff.
//!
//! `storydiff-app OLD NEW` opens with those two files or pages compared;
//! `storydiff-app DRAFT.docx` opens a draft's tracked changes as its before
//! and after; with no arguments the window shows the built-in sample.

mod about;
mod commands;
mod data;
mod documents;
mod error;
mod history;
mod ledger;
mod offload;
mod recent;
#[cfg(target_os = "linux")]
mod render;
#[cfg(test)]
mod security_tests;
mod shown;
mod watch;

pub use commands::Startup;

/// Starts the app with the process's command-line arguments.
pub fn run() {
    #[cfg(target_os = "linux")]
    render::choose();
    let startup = Startup::from_args(std::env::args().skip(1));
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        // Used from Rust only (a change found by watching); the window is
        // granted none of its commands.
        .plugin(tauri_plugin_notification::init());
    // Used from Rust only (copy_summary), and on Linux GTK's clipboard is
    // used instead; the window is granted none of its commands.
    #[cfg(not(target_os = "linux"))]
    let builder = builder.plugin(tauri_plugin_clipboard_manager::init());
    builder
        .manage(startup)
        .manage(commands::CurrentLoad::default())
        .manage(ledger::LedgerState::default())
        .manage(shown::Comparisons::default())
        .manage(history::HistoryConfig::from_env())
        .manage(history::HistoryState::default())
        .manage(watch::Watcher::default())
        .setup(|app| {
            watch::start(app.handle());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::initial_comparison,
            commands::sample_comparison,
            commands::compare_sources,
            commands::cancel_load,
            commands::save_report,
            commands::recent_comparisons,
            commands::open_recent,
            commands::compare_texts,
            commands::copy_summary,
            shown::passage_texts,
            documents::compare_tracked_changes,
            ledger::build_ledger,
            ledger::cancel_ledger,
            ledger::ledger_pair,
            ledger::save_ledger,
            history::import_story,
            history::cancel_import,
            history::stored_stories,
            history::open_story,
            history::story_pair,
            history::check_new_version,
            history::export_evidence,
            history::sentence_history,
            history::order_story_files,
            history::story_from_files,
            watch::watch_board,
            watch::watch_add,
            watch::watch_remove,
            watch::watch_pause,
            watch::watch_seen,
            watch::watch_check_all,
            about::about
        ])
        .run(tauri::generate_context!())
        .expect("storydiff could not start its window");
}
