//! What the About panel shows: the app's name, version and licence, the
//! project's address, and the licences of everything the app ships.
//!
//! The third-party licences are one Markdown file that `make licenses`
//! gathers (cargo-about for the crates, Vite's `build.license` for the npm
//! packages bundled into the window) and the .deb and .rpm install as
//! `/usr/share/doc/storydiff/THIRD-PARTY-LICENSES.md`. The app looks for it
//! beside its own executable, so an installed app and a build from source
//! (`target/licenses/`) both find it; when it is missing the panel says
//! where it looked and how to make it, rather than failing.

use std::path::{Path, PathBuf};

use serde::Serialize;

/// The name of the gathered licences file, wherever it lives.
pub const LICENSES_FILE: &str = "THIRD-PARTY-LICENSES.md";

/// Larger than this is not a file `make licenses` wrote: don't read it all.
const MAX_LICENSES_BYTES: u64 = 8 * 1024 * 1024;

/// The About panel's facts.
#[derive(Debug, Serialize)]
pub struct About {
    pub name: String,
    pub version: String,
    /// The SPDX expression of storydiff's own licence.
    pub license: String,
    /// The project's address (the app's `homepage` in Cargo.toml).
    pub homepage: Option<String>,
    pub third_party: ThirdParty,
}

/// The licences of the crates and npm packages the app ships.
#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ThirdParty {
    /// The file, and its text (Markdown, shown as plain text).
    Found { path: String, text: String },
    /// Not there or not readable: why, where it was looked for, what to do.
    Missing { message: String },
}

/// Where the licences file may be, for an executable in `exe_dir`: the
/// installed layout (`/usr/bin` → `/usr/share/doc/storydiff`), then a build
/// from source (`target/release` → `target/licenses`).
pub(crate) fn candidates(exe_dir: &Path) -> Vec<PathBuf> {
    let up = exe_dir.parent().unwrap_or(exe_dir);
    vec![
        up.join("share/doc/storydiff").join(LICENSES_FILE),
        up.join("licenses").join(LICENSES_FILE),
    ]
}

/// Reads the first of `candidates` that exists.
pub(crate) fn read_third_party(candidates: &[PathBuf]) -> ThirdParty {
    let Some(path) = candidates.iter().find(|p| p.is_file()) else {
        let looked: Vec<String> = candidates.iter().map(|p| p.display().to_string()).collect();
        return ThirdParty::Missing {
            message: format!(
                "The list of third-party licences is installed with the storydiff package; this copy has none (looked for {}). In a source checkout, `make licenses` writes it.",
                looked.join(" and ")
            ),
        };
    };
    let read = std::fs::metadata(path).and_then(|meta| {
        if meta.len() > MAX_LICENSES_BYTES {
            Err(std::io::Error::other(format!(
                "it is {} bytes, more than a licences file should be",
                meta.len()
            )))
        } else {
            std::fs::read_to_string(path)
        }
    });
    match read {
        Ok(text) => ThirdParty::Found {
            path: path.display().to_string(),
            text,
        },
        Err(e) => ThirdParty::Missing {
            message: format!(
                "{}: could not read the list of third-party licences ({e}). Reinstall the storydiff package.",
                path.display()
            ),
        },
    }
}

/// The About panel's facts; reads the licences file off the UI thread.
#[tauri::command]
pub async fn about(app: tauri::AppHandle) -> About {
    let info = app.package_info();
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let third_party =
        tauri::async_runtime::spawn_blocking(move || read_third_party(&candidates(&exe_dir)))
            .await
            .unwrap_or_else(|e| ThirdParty::Missing {
                message: format!("storydiff hit an internal error reading the licences ({e})."),
            });
    About {
        name: info.name.clone(),
        version: info.version.to_string(),
        license: env!("CARGO_PKG_LICENSE").to_string(),
        // Not app.config().bundle: the bundle settings are not in the
        // config compiled into the app.
        homepage: Some(env!("CARGO_PKG_HOMEPAGE").to_string()).filter(|h| !h.is_empty()),
        third_party,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_installed_layout_is_looked_at_first() {
        let found = candidates(Path::new("/usr/bin"));
        assert_eq!(
            found[0],
            Path::new("/usr/share/doc/storydiff/THIRD-PARTY-LICENSES.md")
        );
        assert_eq!(
            candidates(Path::new("/src/storydiff/target/release"))[1],
            Path::new("/src/storydiff/target/licenses/THIRD-PARTY-LICENSES.md")
        );
    }

    #[test]
    fn the_first_file_that_exists_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.md"), dir.path().join("b.md"));
        std::fs::write(&b, "# Licences\n\nMIT").unwrap();
        assert_eq!(
            read_third_party(&[a, b.clone()]),
            ThirdParty::Found {
                path: b.display().to_string(),
                text: "# Licences\n\nMIT".into()
            }
        );
    }

    #[test]
    fn a_missing_file_says_where_it_looked_and_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone.md");
        let ThirdParty::Missing { message } = read_third_party(std::slice::from_ref(&gone)) else {
            panic!("a missing file was found");
        };
        assert!(message.contains(&gone.display().to_string()), "{message}");
        assert!(message.contains("make licenses"), "{message}");
    }

    #[test]
    fn the_panel_serialises_with_a_state_tag() {
        let json = serde_json::to_value(ThirdParty::Missing {
            message: "m".into(),
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"state": "missing", "message": "m"})
        );
    }
}
