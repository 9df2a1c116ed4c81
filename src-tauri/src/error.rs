//! The one error type the app's commands return. It crosses into the UI as
//! `{ kind, message, side }`: the UI shows `message` beside the side it is
//! about, and may act on `kind`.

use serde::ser::SerializeStruct;
use serde::Serialize;

/// Which version an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Old,
    New,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", .source)]
    Source {
        side: Side,
        #[source]
        source: storydiff_sources::Error,
    },
    #[error("{}: could not save the report: {source}. Choose another folder.", .path.display())]
    Export {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("Could not copy to the clipboard ({0}). Save the report instead.")]
    Clipboard(String),
    /// A source of a ledger could not be loaded: which one, and why.
    #[error("{which}: {source}")]
    LedgerSource {
        which: String,
        index: usize,
        #[source]
        source: storydiff_sources::Error,
    },
    /// A ledger request that cannot be met (no copies, no ledger open).
    #[error("{0}")]
    Ledger(String),
    /// The window named a comparison that is not kept (any more): only the
    /// last few are (`shown::KEPT`).
    #[error("This comparison is no longer kept (storydiff keeps the last {kept} it opened; this was number {id}). Compare the two versions again, then save or copy it.")]
    NotShown { id: u64, kept: usize },
    /// A story's versions could not be listed, fetched or read.
    #[error("{0}")]
    Story(storydiff_sources::Error),
    /// storydiff's database (stories, versions) failed.
    #[error("{0}")]
    Store(storydiff_store::Error),
    /// A history request that cannot be met (no address, a bad capture).
    #[error("{0}")]
    History(String),
    /// The user pressed Cancel, or started another comparison.
    #[error("Stopped. The comparison on screen is unchanged.")]
    Cancelled,
    /// A bug in storydiff (a panic in a command). The app keeps working.
    #[error("storydiff hit an internal error ({0}). Your comparison is unchanged; please try again, and report this if it happens again.")]
    Internal(String),
}

impl Error {
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Source { source, .. } => source.kind(),
            Error::Export { .. } => "export",
            Error::Clipboard(_) => "clipboard",
            Error::Cancelled => "cancelled",
            Error::Internal(_) => "internal",
            Error::LedgerSource { source, .. } => source.kind(),
            Error::Ledger(_) => "ledger",
            Error::NotShown { .. } => "not_shown",
            Error::Story(source) => source.kind(),
            Error::Store(source) => source.kind(),
            Error::History(_) => "history",
        }
    }

    fn side(&self) -> Option<Side> {
        match self {
            Error::Source { side, .. } => Some(*side),
            Error::Export { .. }
            | Error::Clipboard(_)
            | Error::Cancelled
            | Error::Internal(_)
            | Error::LedgerSource { .. }
            | Error::Ledger(_)
            | Error::NotShown { .. }
            | Error::Story(_)
            | Error::Store(_)
            | Error::History(_) => None,
        }
    }
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Error", 3)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.serialize_field("side", &self.side())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_error_serialises_with_kind_message_and_side() {
        let err = Error::Source {
            side: Side::New,
            source: storydiff_sources::Error::NotFound {
                path: "/tmp/gone.txt".into(),
            },
        };
        assert_eq!(
            serde_json::to_value(&err).unwrap(),
            serde_json::json!({
                "kind": "not_found",
                "message": "/tmp/gone.txt: no such file. Check the path and try again.",
                "side": "new",
            })
        );
    }

    #[test]
    fn an_internal_error_has_no_side() {
        let json = serde_json::to_value(Error::Internal("boom".into())).unwrap();
        assert_eq!(json["kind"], "internal");
        assert_eq!(json["side"], serde_json::Value::Null);
    }
}
