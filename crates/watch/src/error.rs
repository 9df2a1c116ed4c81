use serde::Serialize;

/// Everything that can stop a watch command; each message names what it
/// is about and says what to do. A check that fails is not an error: it
/// is an outcome, kept and shown (see `check::Outcome::Failed`).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Web(#[from] storydiff_web::Error),
    #[error(transparent)]
    Store(#[from] storydiff_store::Error),
    #[error(transparent)]
    Source(#[from] storydiff_sources::Error),
    #[error("{url}: {reason}")]
    NotWatchable { url: String, reason: String },
    #[error("could not start the watcher: {0}")]
    Start(String),
}

impl Error {
    /// A stable name for the kind of error, for the app to act on.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Web(e) => e.kind(),
            Error::Store(e) => e.kind(),
            Error::Source(e) => e.kind(),
            Error::NotWatchable { .. } => "not_watchable",
            Error::Start(_) => "internal",
        }
    }
}

/// Errors cross into the app as `{ kind, message }`.
impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Error", 2)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}
