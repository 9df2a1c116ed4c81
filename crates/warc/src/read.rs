//! Reading a WARC file record by record, in flat memory.
//!
//! A file is plain WARC, gzip with one member per record (as Heritrix,
//! wget, Browsertrix and Common Crawl write them), or one gzip stream of the
//! whole file; the first bytes say which. Each record is read whole (up to
//! [`MAX_RECORD`]), handed over, and dropped: a 1 GB file is never held.
//!
//! A damaged record (a header that is no WARC header, a length that is no
//! number or runs past the end, a gzip member that does not inflate) is
//! reported with its offset as an [`Item::Damaged`], and reading goes on at
//! the next record: the next gzip member, or the next line that starts
//! `WARC/1.`.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use crate::record::{Headers, Record};

/// The largest record read; a longer one is reported and skipped (a news
/// page is well under a megabyte, a 1 GB CC-NEWS file holds 100,000 of them).
pub const MAX_RECORD: u64 = 64 * 1024 * 1024;

/// What reading a file gives, in order.
#[derive(Debug)]
pub enum Item {
    Record(Box<Record>),
    /// A stretch of the file that is no readable record, at `offset`, and why.
    Damaged {
        offset: u64,
        why: String,
    },
}

/// How the file is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Plain,
    /// gzip, read member by member: offsets are the members'.
    Members,
}

/// Counts the bytes taken from a reader, for offsets.
struct Counting<R> {
    inner: R,
    taken: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.taken += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.taken += amt as u64;
        self.inner.consume(amt);
    }
}

type Source = Counting<BufReader<File>>;
type Member = BufReader<flate2::bufread::GzDecoder<Source>>;

/// The records of one WARC file.
pub struct Reader {
    /// The file, while no gzip member is being read (the member's decoder
    /// holds it then, and gives it back at the member's end).
    source: Option<Source>,
    layout: Layout,
    /// The gzip member being read (whole-file gzip holds every record in
    /// one), and its offset.
    member: Option<(u64, Member)>,
    /// Where the next record starts inside the member, decompressed.
    inner_offset: u64,
    done: bool,
}

impl Reader {
    pub fn open(path: &Path) -> std::io::Result<Reader> {
        let file = File::open(path)?;
        let mut source = Counting {
            inner: BufReader::with_capacity(1 << 16, file),
            taken: 0,
        };
        let head = source.fill_buf()?;
        let layout = if head.starts_with(&[0x1f, 0x8b]) {
            Layout::Members
        } else {
            Layout::Plain
        };
        Ok(Reader {
            source: Some(source),
            layout,
            member: None,
            inner_offset: 0,
            done: false,
        })
    }

    /// The next record, or damaged stretch; `None` at the end.
    pub fn next_item(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        match self.layout {
            Layout::Plain => {
                let source = self.source.as_mut().expect("plain files keep their source");
                let offset = source.taken;
                match read_record(source, offset) {
                    Next::Record(r) => Some(Item::Record(r)),
                    Next::End => {
                        self.done = true;
                        None
                    }
                    Next::Damaged(why, resync) => {
                        if !resync || !skip_to_next_record(source) {
                            self.done = true;
                        }
                        Some(Item::Damaged { offset, why })
                    }
                }
            }
            Layout::Members => self.next_in_members(),
        }
    }

    fn next_in_members(&mut self) -> Option<Item> {
        loop {
            if self.member.is_none() {
                let source = self.source.as_mut().expect("the source, between members");
                // The next member starts here, if anything does.
                let offset = source.taken;
                match source.fill_buf() {
                    Ok([]) => {
                        self.done = true;
                        return None;
                    }
                    Ok([0x1f, 0x8b, ..]) => {}
                    Ok(_) => {
                        let skipped = skip_to_gzip_member(source);
                        if !skipped {
                            self.done = true;
                        }
                        return Some(Item::Damaged {
                            offset,
                            why: match skipped {
                                true => "bytes that are no gzip member, skipped to the next one"
                                    .to_string(),
                                false => "bytes that are no gzip member, to the end of the file"
                                    .to_string(),
                            },
                        });
                    }
                    Err(e) => {
                        self.done = true;
                        return Some(Item::Damaged {
                            offset,
                            why: e.to_string(),
                        });
                    }
                }
                // One member, inflated as it is read: the decoder takes the
                // file for the member's length and gives it back after.
                let source = self.source.take().expect("the source, between members");
                let decoder = flate2::bufread::GzDecoder::new(source);
                self.member = Some((offset, BufReader::new(decoder)));
                self.inner_offset = 0;
            }
            let (member_offset, member) = self.member.as_mut().expect("a member");
            let member_offset = *member_offset;
            // A record further in a member that holds many (whole-file
            // gzip) is named by where it starts, decompressed, after the
            // member's own offset.
            let offset = member_offset + self.inner_offset;
            let mut counted = Counting {
                inner: member,
                taken: 0,
            };
            let next = match read_record(&mut counted, offset) {
                // A record is whole only if its member ends well: a member
                // cut short can inflate into the next member's bytes and
                // seem to hold a record, until its checksum fails.
                Next::Record(r) => match settle(&mut counted) {
                    Ok(()) => Next::Record(r),
                    Err(e) => Next::Damaged(format!("its gzip member is damaged ({e})"), false),
                },
                other => other,
            };
            self.inner_offset += counted.taken;
            match next {
                Next::Record(r) => return Some(Item::Record(r)),
                Next::End => {
                    // The member is over: the next one, if any.
                    self.end_member();
                    continue;
                }
                Next::Damaged(why, _) => {
                    // A damaged member is left for the next one. Its
                    // decoder may have read on into the members after it
                    // (a member cut short inflates the next one's bytes
                    // as its own), so the search starts back at the byte
                    // after the damaged member's start.
                    self.end_member();
                    let source = self.source.as_mut().expect("the source is back");
                    if !resync_after(source, member_offset) {
                        self.done = true;
                    }
                    return Some(Item::Damaged {
                        offset: member_offset,
                        why,
                    });
                }
            }
        }
    }

    /// Takes the file back from the member's decoder.
    fn end_member(&mut self) {
        if let Some((_, member)) = self.member.take() {
            self.source = Some(member.into_inner().into_inner());
        }
    }
}

impl Iterator for Reader {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        self.next_item()
    }
}

enum Next {
    Record(Box<Record>),
    End,
    /// Why, and whether reading can go on in this stream.
    Damaged(String, bool),
}

/// Reads one record from a stream positioned at its first byte (blank lines
/// between records are passed over).
fn read_record(input: &mut impl BufRead, offset: u64) -> Next {
    let mut line = Vec::new();
    let mut offset = offset;
    // The version line, after any blank lines (the record starts there).
    loop {
        line.clear();
        match input.read_until(b'\n', &mut line) {
            Ok(0) => return Next::End,
            Ok(n) if line.iter().all(|b| b.is_ascii_whitespace()) => {
                offset += n as u64;
                continue;
            }
            Ok(_) => break,
            Err(e) => return Next::Damaged(format!("could not be read ({e})"), false),
        }
    }
    let version = String::from_utf8_lossy(&line).trim().to_string();
    if !version.starts_with("WARC/1.") {
        return Next::Damaged(
            format!(
                "no WARC record starts here (it begins {:?})",
                clip(&version)
            ),
            true,
        );
    }
    let mut headers = Headers::default();
    loop {
        line.clear();
        match input.read_until(b'\n', &mut line) {
            Ok(0) => return Next::Damaged("the record ends inside its headers".to_string(), false),
            Ok(_) => {}
            Err(e) => return Next::Damaged(format!("could not be read ({e})"), false),
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        if headers.len() > 1000 {
            return Next::Damaged("more than 1,000 header lines".to_string(), true);
        }
        match text.split_once(':') {
            Some((name, value)) => headers.push(name.trim(), value.trim()),
            None if text.starts_with([' ', '\t']) => headers.continue_last(text.trim()),
            None => {
                return Next::Damaged(
                    format!("a header line that is no header ({:?})", clip(text)),
                    true,
                )
            }
        }
    }
    let Some(length) = headers.get("Content-Length").map(str::to_string) else {
        return Next::Damaged("the record has no Content-Length".to_string(), true);
    };
    let Ok(length) = length.trim().parse::<u64>() else {
        return Next::Damaged(
            format!("its Content-Length ({:?}) is no number", clip(&length)),
            true,
        );
    };
    if length > MAX_RECORD {
        // Skipped unread, in bounded steps.
        let skipped = std::io::copy(&mut input.take(length), &mut std::io::sink()).unwrap_or(0);
        if skipped < length {
            return Next::Damaged(
                "the record is cut short (its Content-Length runs past the end)".to_string(),
                false,
            );
        }
        return Next::Damaged(
            format!(
                "a record of {length} bytes, more than storydiff reads ({MAX_RECORD}); skipped"
            ),
            true,
        );
    }
    let mut block = Vec::with_capacity(length as usize);
    match input.take(length).read_to_end(&mut block) {
        Ok(n) if (n as u64) < length => {
            return Next::Damaged(
                format!("the record is cut short: {n} of its {length} bytes are there"),
                false,
            )
        }
        Ok(_) => {}
        Err(e) => return Next::Damaged(format!("its block could not be read ({e})"), false),
    }
    Next::Record(Box::new(Record {
        offset,
        version,
        headers,
        block,
    }))
}

/// Reads past the blank lines after a record: to the end of its member (an
/// error there is a damaged member), or to the next record in it (the
/// whole file in one gzip stream). Anything else after a record is a
/// member that inflated bytes that were never its own.
fn settle(input: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        let blank = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        if blank < buf.len() {
            let rest = &buf[blank..];
            let next_record = b"WARC/1."[..rest.len().min(7)] == rest[..rest.len().min(7)];
            input.consume(blank);
            return match next_record {
                true => Ok(()),
                false => Err(std::io::Error::other("bytes that are no record follow it")),
            };
        }
        input.consume(blank);
    }
}

fn clip(text: &str) -> String {
    text.chars().take(60).collect()
}

/// Skips to the next line that starts a WARC record; false at the end.
fn skip_to_next_record(input: &mut impl BufRead) -> bool {
    loop {
        let buf = match input.fill_buf() {
            Ok([]) | Err(_) => return false,
            Ok(buf) => buf,
        };
        if let Some(i) = find(buf, b"\nWARC/1.") {
            input.consume(i + 1);
            return true;
        }
        // Keep the last bytes: the marker may straddle two reads.
        let keep = buf.len().min(8);
        let n = buf.len() - keep;
        if n == 0 {
            let n = buf.len();
            input.consume(n);
        } else {
            input.consume(n);
        }
    }
}

/// Goes back to the byte after `offset` and on to the next gzip member
/// there; false at the end.
fn resync_after(source: &mut Source, offset: u64) -> bool {
    use std::io::{Seek, SeekFrom};
    let Ok(at) = source.inner.seek(SeekFrom::Start(offset + 1)) else {
        return false;
    };
    source.taken = at;
    find_gzip_member(source, false)
}

/// Skips to the next gzip member's magic; false at the end.
fn skip_to_gzip_member(input: &mut impl BufRead) -> bool {
    // Past the first byte: the damaged member's own magic is not the next.
    find_gzip_member(input, true)
}

fn find_gzip_member(input: &mut impl BufRead, skip_first: bool) -> bool {
    let mut first = skip_first;
    loop {
        let buf = match input.fill_buf() {
            Ok([]) | Err(_) => return false,
            Ok(buf) => buf,
        };
        let from = usize::from(first);
        first = false;
        if let Some(i) = find(&buf[from.min(buf.len())..], &[0x1f, 0x8b, 0x08]) {
            input.consume(i + from);
            return true;
        }
        let n = buf.len().saturating_sub(2).max(1);
        input.consume(n);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
