//! Text bound for a terminal: the engine's [`visible`], which writes each
//! control character of untrusted text (page text, file names) as an
//! escape a person can read. Everything the command prints as text goes
//! through it: reports, articles, histories, blames, ledgers (CSV too),
//! watch output, messages and warnings.

pub(crate) use storydiff_engine::report::visible;
