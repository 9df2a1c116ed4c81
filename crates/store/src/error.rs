use std::path::PathBuf;

use serde::Serialize;

/// Everything that can go wrong with the store; each names the database
/// (or the file of it) that it is about, and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: could not open storydiff's database: {source}", .path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("{}: this is a file, not a folder; storydiff keeps its data in a folder (it is created if it does not exist)", .path.display())]
    NotAFolder { path: PathBuf },
    #[error("{}: this is a link, and storydiff never writes its database through a link (someone may have put it there). Move the link aside, or keep the data in another folder.", .path.display())]
    Link { path: PathBuf },
    #[error("{}: this database was made by a newer storydiff (schema {found}, this one knows up to {known}). Update storydiff, or move the file aside to start afresh.", .path.display())]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{}: storydiff's database failed: {source}", .path.display())]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{}: this database is damaged and cannot be read ({detail}). storydiff never deletes it: move it aside (for instance, rename it storydiff.db.damaged) and storydiff starts a new one beside it.", .path.display())]
    Damaged { path: PathBuf, detail: String },
    #[error("{}: is read-only: {detail}. storydiff keeps its data there: make the folder and the file writable, or keep the data in another folder.", .path.display())]
    ReadOnly { path: PathBuf, detail: String },
    #[error("no stored version number {id}. `storydiff history ADDRESS` lists the versions this computer has.")]
    NoVersion { id: i64 },
    /// A kept page asked for by a name that is none, or whose bytes no
    /// longer match their SHA-256.
    #[error("{}: {reason}", .path.display())]
    Snapshot { path: PathBuf, reason: String },
}

impl Error {
    /// A stable name for the kind of error, for the app to act on.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::NoVersion { .. } => "not_found",
            _ => "store",
        }
    }
}

/// Errors cross into the app as `{ kind, message }`.
impl Serialize for Error {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Error", 2)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

pub type Result<T> = std::result::Result<T, Error>;
