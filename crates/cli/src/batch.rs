//! `storydiff batch [FILE|-]`: many comparisons, one JSON line each.
//!
//! Input is JSON lines `{ "id", "old", "new" }` (optionally `old_title`,
//! `new_title`, `old_source`, `new_source`); output is one JSON line per
//! input line, in input order: `{ "id", "stats", "changes", "credit" }`, or
//! `{ "id", "line", "error": { "kind", "message" } }` for a line that
//! cannot be read or compared. A bad line never stops the run. A line with
//! `{ "id", "original", "copies": [ { "text", "source", "title", "site",
//! "published" } ] }` gets a ledger instead: `{ "id", "ledger" }`.
//!
//! `--jobs` workers each read the next line, compare it and write the
//! answers that are then next in input order. At most
//! [`IN_FLIGHT_PER_JOB`] lines a worker are read and not yet written (room
//! is taken per line read and given back per line written), so memory
//! stays flat however long the input is, and one slow pair holds back
//! only that window.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::{json, Value};
use storydiff_engine::{compare_owned, ledger, Document, Options};

/// Lines read ahead of the writer, per worker.
pub(crate) const IN_FLIGHT_PER_JOB: usize = 16;

#[derive(clap::Args)]
pub(crate) struct BatchArgs {
    /// JSON lines to read; `-` or nothing reads standard input.
    input: Option<PathBuf>,
    /// Comparisons run at once (default: one per core).
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// Leave out each comparison's `changes`: only `id`, `stats` and `credit`.
    #[arg(long)]
    summary_only: bool,
    /// Also count differences of typography (quotes, dashes, spaces) as changes.
    #[arg(long)]
    strict: bool,
    /// Treat upper and lower case as the same.
    #[arg(long)]
    ignore_case: bool,
    /// Ignore punctuation: a changed comma or quote mark is not an edit.
    #[arg(long)]
    ignore_punctuation: bool,
}

/// One input line.
#[derive(Deserialize)]
struct Pair {
    #[serde(default)]
    id: Value,
    old: String,
    new: String,
    #[serde(default)]
    old_title: Option<String>,
    #[serde(default)]
    new_title: Option<String>,
    #[serde(default)]
    old_source: Option<String>,
    #[serde(default)]
    new_source: Option<String>,
}

/// One input line of a ledger: an original and its copies.
#[derive(Deserialize)]
struct LedgerLine {
    #[serde(default)]
    id: Value,
    original: String,
    #[serde(default)]
    original_title: Option<String>,
    #[serde(default)]
    original_source: Option<String>,
    copies: Vec<CopyText>,
}

#[derive(Deserialize)]
struct CopyText {
    text: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    site: Option<String>,
    #[serde(default)]
    published: Option<String>,
}

/// A document from a line's text: paragraphs as in a text file, credit
/// lines and captions marked as boilerplate, as for files.
fn document(text: &str, title: Option<String>, source: Option<String>) -> Document {
    let mut d = Document::from_text(text);
    d.boilerplate = storydiff_extract::find_boilerplate(&d.paragraphs);
    d.title = title;
    d.source = source;
    d
}

/// The two documents of a pair. The new text's paragraphs that the old
/// text has word for word take the old one's verdict: the line rules read
/// each paragraph alone, and a copy repeats most of its original, so
/// reading them again was most of the rules' time (a quarter of a batch).
fn documents(pair: &mut Pair) -> (Document, Document) {
    let old = document(&pair.old, pair.old_title.take(), pair.old_source.take());
    let mut new = Document::from_text(&pair.new);
    let mut verdicts: foldhash::HashMap<&str, bool> = foldhash::HashMap::default();
    verdicts.reserve(old.paragraphs.len());
    let mut marked = old.boilerplate.iter().copied().peekable();
    for (i, p) in old.paragraphs.iter().enumerate() {
        let is = marked.next_if_eq(&i).is_some();
        verdicts.insert(p.as_str(), is);
    }
    new.boilerplate = new
        .paragraphs
        .iter()
        .enumerate()
        .filter(|(_, p)| match verdicts.get(p.as_str()) {
            Some(&is) => is,
            None => storydiff_extract::is_boilerplate(p),
        })
        .map(|(i, _)| i)
        .collect();
    drop(verdicts);
    new.title = pair.new_title.take();
    new.source = pair.new_source.take();
    (old, new)
}

/// One answer, its fields in the order a reader looks for them.
#[derive(serde::Serialize)]
struct Answer<'a> {
    id: &'a Value,
    stats: &'a storydiff_engine::Stats,
    #[serde(skip_serializing_if = "Option::is_none")]
    changes: Option<&'a Vec<storydiff_engine::Change>>,
    /// The new text's credit line ("This story first appeared in …"), or null.
    credit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fallback: Option<&'a storydiff_engine::Fallback>,
}

/// Runs the batch; `Err` is an IO failure (exit 2).
pub(crate) fn run(args: BatchArgs) -> Result<bool, String> {
    let (input, name): (Box<dyn Read + Send>, String) = match &args.input {
        None => (Box::new(std::io::stdin()), "standard input".to_string()),
        Some(p) if p.as_os_str() == "-" => {
            (Box::new(std::io::stdin()), "standard input".to_string())
        }
        Some(p) => (
            Box::new(std::fs::File::open(p).map_err(|e| {
                format!(
                    "could not open {}: {e} (give a file of JSON lines, or - for standard input)",
                    p.display()
                )
            })?),
            p.display().to_string(),
        ),
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let options = Options {
        strict: args.strict,
        ignore_case: args.ignore_case,
        ignore_punctuation: args.ignore_punctuation,
        ..Options::default()
    };
    let progress = std::io::stderr().is_terminal();
    process(
        input,
        &name,
        std::io::stdout(),
        jobs,
        options,
        args.summary_only,
        progress,
    )?;
    Ok(false)
}

/// Reads, compares and writes; returns the number of lines answered.
///
/// Each worker takes the next line itself, compares it and writes every
/// answer that is now next in order: no line or answer is handed from one
/// thread to another. With a reader thread and a writer thread, waking
/// them for each line was an eighth of a batch's time (`perf`: the
/// kernel's futex wake-ups), on a machine whose every core compares.
fn process<R: Read + Send, W: Write + Send>(
    input: R,
    name: &str,
    output: W,
    jobs: usize,
    options: Options,
    summary_only: bool,
    progress: bool,
) -> Result<u64, String> {
    let window = Window::new(jobs * IN_FLIGHT_PER_JOB);
    let input = Mutex::new(Input {
        reader: BufReader::with_capacity(1 << 16, input),
        number: 0,
        done: false,
        failed: None,
    });
    let output = Mutex::new(Output {
        out: std::io::BufWriter::with_capacity(1 << 16, output),
        pending: BTreeMap::new(),
        next: 1,
        stopped: false,
        failed: None,
        progress,
        last_report: Instant::now(),
    });
    // Whether the input has nothing more buffered: the answers written
    // so far are flushed then, so that a program that sends a line and
    // waits for its answer gets it at once, while a file is still
    // written in large blocks.
    let input_idle = AtomicBool::new(false);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| loop {
                if !window.take() {
                    return;
                }
                let Some((number, line)) = next_line(&input, name, &input_idle) else {
                    window.stop();
                    return;
                };
                let answer = answer(number, &line, &options, summary_only);
                drop(line);
                let mut out = output.lock().expect("no worker panics holding it");
                let written = out.put(number, answer, input_idle.load(Ordering::Relaxed));
                let stopped = out.stopped;
                drop(out);
                if stopped {
                    window.stop();
                    return;
                }
                window.give(written);
            });
        }
    });
    let mut output = output.into_inner().expect("no worker panics holding it");
    let input = input.into_inner().expect("no worker panics holding it");
    if !output.stopped {
        output.flush();
    }
    if let Some(failed) = output.failed {
        return Err(failed);
    }
    let written = output.next - 1;
    if let Some(failed) = input.failed {
        return Err(failed);
    }
    if progress {
        eprintln!("\rstorydiff batch: {written} lines answered");
    }
    Ok(written)
}

/// The input, shared by the workers.
struct Input<R> {
    reader: BufReader<R>,
    /// The number of the last line read (lines count from 1).
    number: u64,
    /// The input ended or could not be read: no more lines.
    done: bool,
    failed: Option<String>,
}

/// The next line and its number, or `None` at the end of the input (or
/// at a read failure, kept in `input` for the run's result).
fn next_line<R: Read>(
    input: &Mutex<Input<R>>,
    name: &str,
    idle: &AtomicBool,
) -> Option<(u64, Vec<u8>)> {
    let mut input = input.lock().expect("no worker panics holding it");
    if input.done {
        return None;
    }
    let mut line = Vec::new();
    match input.reader.read_until(b'\n', &mut line) {
        Ok(0) => {
            input.done = true;
            return None;
        }
        Ok(_) => {}
        Err(e) => {
            input.done = true;
            input.failed = Some(format!("could not read {name}: {e}"));
            return None;
        }
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
    }
    input.number += 1;
    idle.store(input.reader.buffer().is_empty(), Ordering::Relaxed);
    Some((input.number, line))
}

/// The output, shared by the workers: answers wait in `pending` until
/// every line before theirs is written.
struct Output<W: Write> {
    out: std::io::BufWriter<W>,
    pending: BTreeMap<u64, String>,
    /// The number of the next line to write.
    next: u64,
    /// The reader closed the pipe, or writing failed: nothing more is written.
    stopped: bool,
    failed: Option<String>,
    progress: bool,
    last_report: Instant,
}

impl<W: Write> Output<W> {
    /// Takes line `number`'s answer and writes every answer now in order;
    /// returns how many it wrote.
    fn put(&mut self, number: u64, answer: String, input_idle: bool) -> usize {
        if self.stopped {
            return 0;
        }
        self.pending.insert(number, answer);
        let mut written = 0;
        while let Some(answer) = self.pending.remove(&self.next) {
            let result = self
                .out
                .write_all(answer.as_bytes())
                .and_then(|()| self.out.write_all(b"\n"));
            if let Err(e) = result {
                self.failed_with(e);
                return written;
            }
            self.next += 1;
            written += 1;
        }
        if written > 0 && self.pending.is_empty() && input_idle {
            self.flush();
        }
        if self.progress && self.last_report.elapsed() > Duration::from_millis(250) {
            eprint!("\rstorydiff batch: {} lines answered", self.next - 1);
            self.last_report = Instant::now();
        }
        written
    }

    fn flush(&mut self) {
        if let Err(e) = self.out.flush() {
            self.failed_with(e);
        }
    }

    fn failed_with(&mut self, e: std::io::Error) {
        self.stopped = true;
        // `storydiff batch … | head` closed the pipe: the reader's choice.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            self.failed = Some(format!("could not write the results: {e}"));
        }
    }
}

/// Room for lines read but not yet written (a counting semaphore): the
/// bound that keeps memory flat however long the input, while one slow
/// pair holds back only this window. Taking and giving back are a lock
/// nobody else holds, almost always: a thread waits only when the window
/// is full.
struct Window {
    state: Mutex<WindowState>,
    freed: Condvar,
}

struct WindowState {
    room: usize,
    waiting: usize,
    stopped: bool,
}

impl Window {
    fn new(room: usize) -> Window {
        Window {
            state: Mutex::new(WindowState {
                room,
                waiting: 0,
                stopped: false,
            }),
            freed: Condvar::new(),
        }
    }

    /// Takes room for one line; `false` once the run is stopping.
    fn take(&self) -> bool {
        let mut state = self.state.lock().expect("no worker panics holding it");
        while state.room == 0 && !state.stopped {
            state.waiting += 1;
            state = self.freed.wait(state).expect("no worker panics holding it");
            state.waiting -= 1;
        }
        if state.stopped {
            return false;
        }
        state.room -= 1;
        true
    }

    /// Gives back the room of `lines` lines written.
    fn give(&self, lines: usize) {
        if lines == 0 {
            return;
        }
        let mut state = self.state.lock().expect("no worker panics holding it");
        state.room += lines;
        // Waking costs a system call even with nobody waiting.
        if state.waiting > 0 {
            self.freed.notify_all();
        }
    }

    /// The input ended or the output closed: no thread takes more room.
    fn stop(&self) {
        let mut state = self.state.lock().expect("no worker panics holding it");
        state.stopped = true;
        if state.waiting > 0 {
            self.freed.notify_all();
        }
    }
}

/// The error record for input line `number`: `id` first, as in an answer
/// (serde_json's maps sort their keys).
fn error_line(number: u64, id: &Value, kind: &str, message: String) -> String {
    format!(
        "{{\"id\":{},\"line\":{number},\"error\":{}}}",
        id,
        json!({ "kind": kind, "message": message })
    )
}

/// The JSON line that answers one input line.
fn answer(number: u64, line: &[u8], options: &Options, summary_only: bool) -> String {
    let error = |id: &Value, kind: &str, message: String| error_line(number, id, kind, message);
    let Ok(text) = std::str::from_utf8(line) else {
        return error(
            &Value::Null,
            "bad_utf8",
            format!("line {number} is not UTF-8 text; convert the file to UTF-8"),
        );
    };
    if text.trim().is_empty() {
        return error(
            &Value::Null,
            "empty_line",
            format!("line {number} is empty; each line should be {{\"id\", \"old\", \"new\"}}"),
        );
    }
    // Most lines are plain pairs: read them straight into a `Pair`. Any
    // line the quick reading does not take whole (a ledger, a duplicate
    // key, an error) goes the general way below, which words the errors.
    if let Ok(Quick(Some(pair))) = serde_json::from_str::<Quick>(text) {
        return pair_answer(number, pair, options, summary_only);
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return error(
                &Value::Null,
                "bad_json",
                format!("line {number} is not JSON: {e}"),
            )
        }
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    if value.get("copies").is_some() {
        return ledger_answer(number, value, options, summary_only)
            .unwrap_or_else(|(kind, message)| error(&id, kind, message));
    }
    let pair: Pair = match serde_json::from_value(value) {
        Ok(p) => p,
        Err(e) => {
            return error(
                &id,
                "bad_record",
                format!("line {number} is not a pair {{\"id\", \"old\", \"new\"}} of texts: {e}"),
            )
        }
    };
    pair_answer(number, pair, options, summary_only)
}

/// The answer to a line read as a pair.
fn pair_answer(number: u64, mut pair: Pair, options: &Options, summary_only: bool) -> String {
    let (old, new) = documents(&mut pair);
    // A panic in the engine is a bug, but it must cost one line, not the run.
    // The documents move into the comparison: copying them was a copy of
    // both texts a line.
    let compared = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        let comparison = compare_owned(old, new, options);
        let credit = ledger::credit(&comparison);
        (comparison, credit)
    }));
    match compared {
        Ok((comparison, credit)) => serde_json::to_string(&Answer {
            id: &pair.id,
            stats: &comparison.stats,
            changes: (!summary_only).then_some(&comparison.changes),
            credit,
            fallback: comparison.fallback.as_ref(),
        })
        .expect("an answer serialises"),
        Err(_) => error_line(
            number,
            &pair.id,
            "internal",
            format!("line {number}: the comparison failed (a bug in storydiff; please report it)"),
        ),
    }
}

/// A line read straight into a [`Pair`], without a [`Value`] of the whole
/// line first (which built a map and moved both texts through it), or
/// `None` when the line is not simply a pair: it names `copies` (a
/// ledger), repeats a key, or lacks `old` or `new`. Unknown keys are read
/// as values, as the general reading does, so that the same lines are
/// refused (nesting too deep).
struct Quick(Option<Pair>);

impl<'de> serde::Deserialize<'de> for Quick {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Quick, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Quick;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Quick, A::Error> {
                let (mut id, mut old, mut new) = (None, None, None);
                let mut texts: [Option<Option<String>>; 4] = [None, None, None, None];
                let mut simple = true;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    let slot = match key.as_ref() {
                        "id" if id.is_none() => {
                            id = Some(map.next_value::<Value>()?);
                            continue;
                        }
                        "old" if old.is_none() => &mut old,
                        "new" if new.is_none() => &mut new,
                        name @ ("old_title" | "new_title" | "old_source" | "new_source") => {
                            let k = match name {
                                "old_title" => 0,
                                "new_title" => 1,
                                "old_source" => 2,
                                _ => 3,
                            };
                            if texts[k].is_some() {
                                simple = false;
                            }
                            texts[k] = Some(map.next_value::<Option<String>>()?);
                            continue;
                        }
                        "id" | "old" | "new" | "copies" => {
                            simple = false;
                            map.next_value::<Value>()?;
                            continue;
                        }
                        _ => {
                            map.next_value::<Value>()?;
                            continue;
                        }
                    };
                    *slot = Some(map.next_value::<String>()?);
                }
                let (Some(old), Some(new), true) = (old, new, simple) else {
                    return Ok(Quick(None));
                };
                let [old_title, new_title, old_source, new_source] = texts.map(Option::flatten);
                Ok(Quick(Some(Pair {
                    id: id.unwrap_or(Value::Null),
                    old,
                    new,
                    old_title,
                    new_title,
                    old_source,
                    new_source,
                })))
            }
        }
        deserializer.deserialize_map(Visit)
    }
}

/// The answer to a ledger line: `{ "id", "ledger" }`; with `--summary-only`
/// the original's paragraphs and the matrix's cells are left out.
fn ledger_answer(
    number: u64,
    value: Value,
    options: &Options,
    summary_only: bool,
) -> Result<String, (&'static str, String)> {
    let line: LedgerLine = serde_json::from_value(value).map_err(|e| {
        (
            "bad_record",
            format!(
                "line {number} is not a ledger {{\"id\", \"original\", \"copies\": [{{\"text\"}}]}}: {e}"
            ),
        )
    })?;
    let original = document(&line.original, line.original_title, line.original_source);
    let copies: Vec<Document> = line
        .copies
        .into_iter()
        .enumerate()
        .map(|(k, c)| Document {
            site: c.site,
            published: c.published,
            ..document(
                &c.text,
                c.title,
                Some(c.source.unwrap_or_else(|| format!("copy {}", k + 1))),
            )
        })
        .collect();
    let mut ledger = std::panic::catch_unwind(|| ledger::ledger(&original, &copies, options))
        .map_err(|_| {
            (
                "internal",
                format!("line {number}: the ledger failed (a bug in storydiff; please report it)"),
            )
        })?;
    if summary_only {
        ledger.original.paragraphs.clear();
        ledger.original.boilerplate.clear();
        for row in &mut ledger.copies {
            row.cells.clear();
        }
    }
    #[derive(serde::Serialize)]
    struct LedgerAnswer<'a> {
        id: &'a Value,
        ledger: &'a ledger::Ledger,
    }
    Ok(serde_json::to_string(&LedgerAnswer {
        id: &line.id,
        ledger: &ledger,
    })
    .expect("a ledger serialises"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on(input: &str, jobs: usize) -> Vec<Value> {
        let mut out = Vec::new();
        process(
            input.as_bytes(),
            "test",
            &mut out,
            jobs,
            Options::default(),
            true,
            false,
        )
        .unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn answers_keep_input_order_with_many_workers() {
        let mut input = String::new();
        for k in 0..500 {
            // Uneven sizes, so workers finish out of order.
            let old = "The mayor resigned on Monday. ".repeat(1 + (k * 37) % 50);
            let new = format!("{old} She gave no reason.");
            input.push_str(&json!({ "id": k, "old": old, "new": new }).to_string());
            input.push('\n');
        }
        let out = run_on(&input, 4);
        assert_eq!(out.len(), 500);
        for (k, v) in out.iter().enumerate() {
            assert_eq!(v["id"], k);
        }
    }

    #[test]
    fn a_ledger_line_gets_a_ledger_with_follows() {
        let original = "The mayor resigned on Monday after ten years.\n\nShe gave no reason to the council.\n\nHer deputy takes over.";
        let a = original
            .replace("ten years", "a decade")
            .replace("no reason", "no explanation");
        let b = format!("{a}\n\nThis story first appeared in The Sun.")
            .replace("takes over", "will take over");
        let line = json!({ "id": 7, "original": original, "copies": [
            { "text": a, "source": "a" }, { "text": b, "source": "b", "site": "City Post" } ] });
        let out = run_on(&format!("{line}\n"), 1);
        let ledger = &out[0]["ledger"];
        assert_eq!(out[0]["id"], 7);
        assert_eq!(ledger["copies"][1]["follows"], "a");
        assert_eq!(ledger["copies"][1]["site"], "City Post");
        assert_eq!(
            ledger["copies"][1]["credit"],
            "This story first appeared in The Sun."
        );
        assert_eq!(ledger["copies"][0]["follows"], Value::Null);
        let bad = run_on("{\"id\": 1, \"original\": \"x\", \"copies\": [{}]}\n", 1);
        assert_eq!(bad[0]["error"]["kind"], "bad_record");
    }

    #[test]
    fn a_last_line_without_newline_is_answered() {
        let out = run_on(r#"{"id":"a","old":"x","new":"y"}"#, 2);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0]["id"], "a");
    }

    /// A program that sends one line and waits for its answer before the
    /// next (a pipe to a service) must get each answer without waiting for
    /// more input: the workers flush when the input has nothing buffered.
    #[test]
    fn regression_a_program_waiting_for_each_answer_gets_it() {
        use std::sync::mpsc::{channel, Receiver, Sender};
        /// Sends a line, then waits for its answer before the next one.
        struct Asking {
            lines: Vec<Vec<u8>>,
            answers: Receiver<()>,
            sent: usize,
        }
        impl Read for Asking {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.sent == self.lines.len() {
                    return Ok(0);
                }
                if self.sent > 0 {
                    self.answers
                        .recv_timeout(Duration::from_secs(20))
                        .map_err(|_| std::io::Error::other("no answer to the last line"))?;
                }
                let line = &self.lines[self.sent];
                buf[..line.len()].copy_from_slice(line);
                self.sent += 1;
                Ok(line.len())
            }
        }
        /// Tells the asker of each line flushed.
        struct Answers(Sender<()>, Vec<u8>);
        impl Write for Answers {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.1.extend_from_slice(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                for _ in self.1.iter().filter(|&&b| b == b'\n') {
                    let _ = self.0.send(());
                }
                self.1.clear();
                Ok(())
            }
        }
        let (tx, rx) = channel();
        let lines = (0..5)
            .map(|k| format!("{}\n", json!({ "id": k, "old": "a b", "new": "a c" })).into_bytes())
            .collect();
        let asking = Asking {
            lines,
            answers: rx,
            sent: 0,
        };
        let written = process(
            asking,
            "test",
            Answers(tx, Vec::new()),
            2,
            Options::default(),
            true,
            false,
        );
        assert_eq!(written, Ok(5));
    }

    #[test]
    fn a_closed_pipe_is_no_failure() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
        }
        let input = r#"{"id":1,"old":"a","new":"b"}"#.to_string() + "\n";
        let input = input.repeat(100_000 / 30);
        let written = process(
            input.as_bytes(),
            "test",
            Closed,
            2,
            Options::default(),
            true,
            false,
        );
        assert!(written.is_ok());
    }
}
