//! What Word (.docx) and OpenDocument (.odt) readers share: the ZIP
//! package read with a cap on what it unpacks to, XML events with
//! namespaces resolved by URI, and a builder that writes a document's text
//! twice at once, as it reads before its tracked changes and after them.

use std::io::Read;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use storydiff_engine::{Document, Revision, RevisionKind};

use crate::error::Error;

/// The most that the parts storydiff reads from one package may unpack to.
/// A long report's XML is a few megabytes; a zip bomb is gigabytes.
pub(crate) const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// A document read from an office file: its text after its tracked changes
/// (with the revisions listed) and before them.
#[derive(Debug)]
pub(crate) struct Office {
    pub before: Document,
    pub after: Document,
}

impl Office {
    /// Whether the file holds tracked changes at all.
    pub fn has_revisions(&self) -> bool {
        !self.after.revisions.is_empty()
    }
}

/// A ZIP package whose parts are read under one budget of unpacked bytes.
pub(crate) struct Package<'a> {
    archive: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    budget: u64,
    path: &'a Path,
    what: &'static str,
}

impl<'a> Package<'a> {
    pub fn open(path: &'a Path, bytes: &'a [u8], what: &'static str) -> Result<Package<'a>, Error> {
        let archive =
            zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| Error::Damaged {
                path: path.to_path_buf(),
                what,
                detail: format!("not a readable ZIP package: {e}"),
            })?;
        Ok(Package {
            archive,
            budget: MAX_UNPACKED,
            path,
            what,
        })
    }

    /// A part's text, `None` if the package has no such part. The declared
    /// size is not trusted: reading stops one byte past the budget.
    pub fn part(&mut self, name: &str) -> Result<Option<String>, Error> {
        let damaged = |detail: String| Error::Damaged {
            path: self.path.to_path_buf(),
            what: self.what,
            detail,
        };
        let file = match self.archive.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(damaged(format!("{name}: {e}"))),
        };
        let mut bytes = Vec::new();
        file.take(self.budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| damaged(format!("{name}: {e}")))?;
        if bytes.len() as u64 > self.budget {
            return Err(Error::UnpacksTooLarge {
                path: self.path.to_path_buf(),
                what: self.what,
                limit: MAX_UNPACKED,
            });
        }
        self.budget -= bytes.len() as u64;
        xml_text(bytes)
            .map(Some)
            .ok_or_else(|| damaged(format!("{name} is neither UTF-8 nor UTF-16 XML")))
    }
}

/// An XML part's text: UTF-8 (with or without a byte-order mark), or
/// UTF-16 in either byte order with its mark, as XML allows and some
/// programs write.
fn xml_text(bytes: Vec<u8>) -> Option<String> {
    let utf16 = |bytes: &[u8], unit: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
        String::from_utf16(&units).ok()
    };
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec()).ok(),
        _ => String::from_utf8(bytes).ok(),
    }
}

/// Which of the two texts a piece of content belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Both,
    /// Only before the revisions (deleted, moved away).
    Before,
    /// Only after them (inserted, moved here).
    After,
    /// Neither: inserted by one revision and deleted by another, it never
    /// stood in the text before them nor stands after.
    Neither,
}

impl Side {
    fn before(self) -> bool {
        matches!(self, Side::Both | Side::Before)
    }
    fn after(self) -> bool {
        matches!(self, Side::Both | Side::After)
    }

    /// The side of text inside all of `open` revisions at once: before them
    /// unless one inserted it, after them unless one deleted it.
    pub(crate) fn within(open: &[Side]) -> Side {
        let inserted = open
            .iter()
            .any(|s| *s == Side::After || *s == Side::Neither);
        let deleted = open
            .iter()
            .any(|s| *s == Side::Before || *s == Side::Neither);
        match (inserted, deleted) {
            (false, false) => Side::Both,
            (true, false) => Side::After,
            (false, true) => Side::Before,
            (true, true) => Side::Neither,
        }
    }
}

#[derive(Debug, Default)]
struct Block {
    text: String,
    heading: bool,
}

#[derive(Debug, Default)]
struct Stream {
    blocks: Vec<Block>,
    current: Block,
}

impl Stream {
    fn end(&mut self) {
        self.blocks.push(std::mem::take(&mut self.current));
    }
    /// The raw index of the paragraph being written.
    fn here(&self) -> usize {
        self.blocks.len()
    }
}

/// A revision waiting for the paragraphs to be numbered.
#[derive(Debug)]
struct Pending {
    kind: RevisionKind,
    author: Option<String>,
    date: Option<String>,
    text: String,
    old_raw: Option<usize>,
    new_raw: Option<usize>,
    in_note: bool,
}

/// Writes the before- and after-texts of a document as it is read.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    before: Stream,
    after: Stream,
    before_notes: Stream,
    after_notes: Stream,
    /// Text goes to the notes (footnotes) rather than the body.
    pub in_note: bool,
    revisions: Vec<Pending>,
    open: Vec<usize>,
}

impl Builder {
    fn streams(&mut self) -> (&mut Stream, &mut Stream) {
        if self.in_note {
            (&mut self.before_notes, &mut self.after_notes)
        } else {
            (&mut self.before, &mut self.after)
        }
    }

    /// Adds text to the paragraph being written on the given side(s), and
    /// to any revision open.
    pub fn text(&mut self, text: &str, side: Side) {
        let (before, after) = self.streams();
        if side.before() {
            before.current.text.push_str(text);
        }
        if side.after() {
            after.current.text.push_str(text);
        }
        for &i in &self.open {
            self.revisions[i].text.push_str(text);
        }
    }

    /// Ends the paragraph on the given side(s): a paragraph mark that was
    /// inserted ends it only after the revisions, a deleted one only before.
    pub fn end_paragraph(&mut self, side: Side) {
        let (before, after) = self.streams();
        if side.before() {
            before.end();
        }
        if side.after() {
            after.end();
        }
    }

    /// Marks the paragraph being written as a heading.
    pub fn heading(&mut self) {
        let (before, after) = self.streams();
        before.current.heading = true;
        after.current.heading = true;
    }

    /// Opens a revision; text added until [`Builder::close_revision`] is its text.
    pub fn open_revision(
        &mut self,
        kind: RevisionKind,
        author: Option<String>,
        date: Option<String>,
    ) {
        let in_note = self.in_note;
        let (before, after) = self.streams();
        let (old_raw, new_raw) = match kind {
            RevisionKind::Deleted | RevisionKind::MovedFrom => (Some(before.here()), None),
            RevisionKind::Inserted | RevisionKind::MovedTo => (None, Some(after.here())),
        };
        self.revisions.push(Pending {
            kind,
            author: author.filter(|a| !a.trim().is_empty()),
            date: date.filter(|d| !d.trim().is_empty()),
            text: String::new(),
            old_raw,
            new_raw,
            in_note,
        });
        self.open.push(self.revisions.len() - 1);
    }

    pub fn close_revision(&mut self) {
        self.open.pop();
    }

    /// The two documents. The first heading is the title; notes follow
    /// the body as paragraphs of their own; whitespace is collapsed and
    /// empty paragraphs dropped; revisions are numbered by the paragraphs
    /// that remain.
    pub fn finish(mut self) -> Office {
        let (before, before_map, before_notes_at) = flatten(
            std::mem::take(&mut self.before),
            std::mem::take(&mut self.before_notes),
        );
        let (mut after, after_map, after_notes_at) = flatten(
            std::mem::take(&mut self.after),
            std::mem::take(&mut self.after_notes),
        );
        let locate = |raw: Option<usize>, map: &[Option<usize>], notes_at: usize, in_note: bool| {
            let raw = raw? + if in_note { notes_at } else { 0 };
            // A revision in a paragraph that came out empty belongs to the next one.
            map.get(raw..)?.iter().find_map(|i| *i)
        };
        after.revisions = self
            .revisions
            .into_iter()
            .map(|p| Revision {
                kind: p.kind,
                author: p.author,
                date: p.date,
                text: p.text.split_whitespace().collect::<Vec<_>>().join(" "),
                old_paragraph: locate(p.old_raw, &before_map, before_notes_at, p.in_note),
                new_paragraph: locate(p.new_raw, &after_map, after_notes_at, p.in_note),
            })
            .filter(|r| !r.text.is_empty())
            .collect();
        Office { before, after }
    }
}

/// A stream's blocks as a document, with each raw block's paragraph index
/// and the raw index where the notes begin.
fn flatten(mut body: Stream, mut notes: Stream) -> (Document, Vec<Option<usize>>, usize) {
    body.end();
    notes.end();
    let notes_at = body.blocks.len();
    let mut document = Document::default();
    let mut map = Vec::new();
    for block in body.blocks.into_iter().chain(notes.blocks) {
        let text = block.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            map.push(None);
        } else if block.heading && document.title.is_none() {
            document.title = Some(text);
            map.push(None);
        } else {
            map.push(Some(document.paragraphs.len()));
            document.paragraphs.push(text);
        }
    }
    (document, map, notes_at)
}

/// An XML reader over a part, resolving element and attribute names to
/// (namespace URI, local name).
pub(crate) struct Xml<'a> {
    reader: NsReader<&'a [u8]>,
    path: &'a Path,
    what: &'static str,
    part: &'static str,
}

/// One event of a part, names resolved.
pub(crate) enum Node<'a> {
    Start(Vec<u8>, Vec<u8>, BytesStart<'a>),
    /// An element with no content (`<w:tab/>`).
    Empty(Vec<u8>, Vec<u8>, BytesStart<'a>),
    End(Vec<u8>, Vec<u8>),
    Text(String),
    Eof,
}

impl<'a> Xml<'a> {
    pub fn new(xml: &'a str, path: &'a Path, what: &'static str, part: &'static str) -> Xml<'a> {
        let mut reader = NsReader::from_str(xml);
        reader.config_mut().trim_text(false);
        Xml {
            reader,
            path,
            what,
            part,
        }
    }

    pub fn next(&mut self) -> Result<Node<'a>, Error> {
        loop {
            let (ns, event) = self
                .reader
                .read_resolved_event()
                .map_err(|e| Error::Damaged {
                    path: self.path.to_path_buf(),
                    what: self.what,
                    detail: format!("{} is not well-formed XML: {e}", self.part),
                })?;
            let uri = match ns {
                ResolveResult::Bound(ns) => ns.0.as_bytes().to_vec(),
                _ => Vec::new(),
            };
            return Ok(match event {
                Event::Start(e) => Node::Start(uri, e.local_name().as_ref().as_bytes().to_vec(), e),
                Event::Empty(e) => Node::Empty(uri, e.local_name().as_ref().as_bytes().to_vec(), e),
                Event::End(e) => Node::End(uri, e.local_name().as_ref().as_bytes().to_vec()),
                Event::Text(t) => Node::Text(t.xml10_content().into_owned()),
                Event::CData(t) => Node::Text(t.xml10_content().into_owned()),
                Event::GeneralRef(r) => {
                    let text = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => {
                            let name = r.xml10_content();
                            quick_xml::escape::resolve_predefined_entity(&name)
                                .unwrap_or("")
                                .to_string()
                        }
                    };
                    Node::Text(text)
                }
                Event::Eof => Node::Eof,
                _ => continue,
            });
        }
    }

    /// The value of an attribute given by namespace URI and local name.
    pub fn attr(&self, element: &BytesStart<'_>, uri: &[u8], local: &[u8]) -> Option<String> {
        for attr in element.attributes().flatten() {
            let (ns, name) = self.reader.resolver().resolve_attribute(attr.key);
            let bound = matches!(ns, ResolveResult::Bound(n) if n.0.as_bytes() == uri);
            if bound && name.as_ref().as_bytes() == local {
                return attr
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned());
            }
        }
        None
    }

    /// Skips to the end of the element just started.
    pub fn skip(&mut self) -> Result<(), Error> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.next()? {
                Node::Start(..) => depth += 1,
                Node::End(..) => depth -= 1,
                Node::Eof => break,
                _ => {}
            }
        }
        Ok(())
    }
}
