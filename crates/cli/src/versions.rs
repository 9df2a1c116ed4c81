//! Stored versions on the command line: the database, and the tokens
//! (`version:42`) that `compare` accepts as OLD or NEW.

use storydiff_engine::Document;
use storydiff_sources::story;
use storydiff_store::Store;

/// The data folder (`$XDG_DATA_HOME/storydiff`, or `~/.local/share/storydiff`).
pub fn data_dir() -> Result<std::path::PathBuf, String> {
    storydiff_store::default_dir().ok_or_else(|| {
        "cannot tell where to keep storydiff's database: set HOME or XDG_DATA_HOME".to_string()
    })
}

/// Opens storydiff's database in the data folder.
pub fn open_store() -> Result<Store, String> {
    Store::open_in(&data_dir()?).map_err(|e| e.to_string())
}

/// The stored version a `compare` argument names, if it is a token and no
/// file of that name exists.
pub fn load_token(arg: &str) -> Option<Result<Document, String>> {
    if !story::is_token(arg) || std::path::Path::new(arg).exists() {
        return None;
    }
    Some(open_store().and_then(|store| {
        story::load_token(&store, arg)
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("{arg}: not a stored version"))
    }))
}
