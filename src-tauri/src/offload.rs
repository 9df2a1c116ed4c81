//! Where the commands' heavy work runs: reading, extracting and comparing
//! are CPU work, kept off the thread that serves the window.

use crate::error::Error;

/// Runs heavy work on the blocking pool; a panic there becomes an internal
/// error for the UI instead of taking the app down.
pub(crate) async fn off_ui_thread<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| Error::Internal(e.to_string()))?
}
