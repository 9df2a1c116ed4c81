//! OpenDocument text (.odt): `content.xml` read with `quick-xml`, elements
//! known by their namespace URI.
//!
//! Read: paragraphs (`text:p`), headings (`text:h`, the first is the
//! title), list items and table cells in document order, text inside links
//! and spans, spaces written as `text:s`; footnotes and endnotes as
//! paragraphs of their own after the body ("[1] …"), their number where
//! they are cited. Left out: annotations (comments), the tracked-changes
//! log itself, frames' alternative text.
//!
//! Tracked changes: `text:tracked-changes` lists each changed region with
//! its author and date. Text between `text:change-start` and
//! `text:change-end` was inserted; at `text:change` the region's deleted
//! paragraphs stood (their first paragraph's text joins the paragraph they
//! were cut from, any further ones are paragraphs of their own).

use std::collections::HashMap;
use std::path::Path;

use storydiff_engine::RevisionKind;

use crate::error::Error;
use crate::office::{Builder, Node, Office, Package, Side, Xml};

const TEXT: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const OFFICE: &[u8] = b"urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const DC: &[u8] = b"http://purl.org/dc/elements/1.1/";
const WHAT: &str = "OpenDocument text";

/// One region of the tracked-changes log.
#[derive(Debug, Default, Clone)]
struct Region {
    kind: Option<RevisionKind>,
    author: Option<String>,
    date: Option<String>,
    /// For a deletion, the deleted paragraphs' texts.
    deleted: Vec<String>,
}

/// Reads an .odt file's bytes.
pub(crate) fn read(path: &Path, bytes: &[u8]) -> Result<Office, Error> {
    let mut package = Package::open(path, bytes, WHAT)?;
    let content = package.part("content.xml")?.ok_or_else(|| Error::Damaged {
        path: path.to_path_buf(),
        what: WHAT,
        detail: "it has no content.xml, so it is not an OpenDocument file".to_string(),
    })?;
    let mut xml = Xml::new(&content, path, WHAT, "content.xml");
    let mut builder = Builder::default();
    let mut regions: HashMap<String, Region> = HashMap::new();
    // Open insertions, by region id.
    let mut inserting: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut in_body = false;
    let side = |inserting: &Vec<String>| {
        if inserting.is_empty() {
            Side::Both
        } else {
            Side::After
        }
    };
    loop {
        match xml.next()? {
            Node::Start(uri, local, e) => {
                if uri == OFFICE {
                    match local.as_slice() {
                        b"text" => in_body = true,
                        b"annotation" => xml.skip()?,
                        _ => {}
                    }
                    continue;
                }
                if uri != TEXT || !in_body {
                    continue;
                }
                match local.as_slice() {
                    b"tracked-changes" => regions = tracked_changes(&mut xml)?,
                    b"h" => builder.heading(),
                    b"note" => {
                        let id = xml.attr(&e, &uri, b"id").unwrap_or_default();
                        notes.push(id);
                        let n = notes.len();
                        builder.text(&format!("[{n}]"), side(&inserting));
                        note(&mut xml, &mut builder, n)?;
                    }
                    b"s" => {
                        let count = xml
                            .attr(&e, &uri, b"c")
                            .and_then(|c| c.parse::<usize>().ok())
                            .unwrap_or(1);
                        builder.text(&" ".repeat(count.min(100)), side(&inserting));
                    }
                    _ => {}
                }
            }
            Node::Empty(uri, local, e) => {
                if uri != TEXT || !in_body {
                    continue;
                }
                match local.as_slice() {
                    b"s" => {
                        let count = xml
                            .attr(&e, &uri, b"c")
                            .and_then(|c| c.parse::<usize>().ok())
                            .unwrap_or(1);
                        builder.text(&" ".repeat(count.min(100)), side(&inserting));
                    }
                    b"tab" | b"line-break" => builder.text(" ", side(&inserting)),
                    b"change-start" => {
                        // Only a region the file lists as an insertion
                        // makes its text "after only": a start with an id
                        // it does not list (a damaged or hand-edited
                        // file) marks nothing, rather than taking the rest
                        // of the paragraph out of the text before.
                        let id = xml.attr(&e, &uri, b"change-id").unwrap_or_default();
                        if let Some(region) = regions
                            .get(&id)
                            .filter(|r| r.kind == Some(RevisionKind::Inserted))
                            .cloned()
                        {
                            builder.open_revision(
                                RevisionKind::Inserted,
                                region.author,
                                region.date,
                            );
                            inserting.push(id);
                        }
                    }
                    b"change-end" => {
                        let id = xml.attr(&e, &uri, b"change-id").unwrap_or_default();
                        if let Some(i) = inserting.iter().rposition(|x| *x == id) {
                            inserting.remove(i);
                            builder.close_revision();
                        }
                    }
                    b"change" => {
                        let id = xml.attr(&e, &uri, b"change-id").unwrap_or_default();
                        if let Some(region) = regions.get(&id) {
                            if region.kind == Some(RevisionKind::Deleted) {
                                let region = region.clone();
                                builder.open_revision(
                                    RevisionKind::Deleted,
                                    region.author,
                                    region.date,
                                );
                                for (i, p) in region.deleted.iter().enumerate() {
                                    if i > 0 {
                                        builder.end_paragraph(Side::Before);
                                    }
                                    builder.text(p, Side::Before);
                                }
                                builder.close_revision();
                            }
                        }
                    }
                    _ => {}
                }
            }
            Node::End(uri, local) => {
                if uri == OFFICE && local == b"text" {
                    in_body = false;
                }
                if uri == TEXT && in_body && matches!(local.as_slice(), b"p" | b"h") {
                    // A paragraph that ends inside an insertion has an inserted mark.
                    builder.end_paragraph(side(&inserting));
                }
            }
            Node::Text(t) if in_body => builder.text(&t, side(&inserting)),
            Node::Text(_) => {}
            Node::Eof => break,
        }
    }
    Ok(builder.finish())
}

/// A note's body, written as notes; its citation is the number already given.
fn note(xml: &mut Xml<'_>, builder: &mut Builder, n: usize) -> Result<(), Error> {
    let mut depth = 1usize;
    let mut in_body = false;
    let mut started = false;
    while depth > 0 {
        match xml.next()? {
            Node::Start(uri, local, _) => {
                depth += 1;
                if uri == TEXT && local == b"note-citation" {
                    xml.skip()?;
                    depth -= 1;
                } else if uri == TEXT && local == b"note-body" {
                    in_body = true;
                    builder.in_note = true;
                } else if uri == OFFICE && local == b"annotation" {
                    xml.skip()?;
                    depth -= 1;
                } else if uri == TEXT && local == b"p" && in_body && !started {
                    builder.text(&format!("[{n}] "), Side::Both);
                    started = true;
                }
            }
            Node::End(uri, local) => {
                depth -= 1;
                if uri == TEXT && local == b"note-body" {
                    in_body = false;
                    builder.in_note = false;
                } else if uri == TEXT && in_body && local == b"p" {
                    builder.end_paragraph(Side::Both);
                }
            }
            Node::Empty(uri, local, _) if uri == TEXT && in_body => {
                if matches!(local.as_slice(), b"s" | b"tab" | b"line-break") {
                    builder.text(" ", Side::Both);
                }
            }
            Node::Text(t) if in_body => builder.text(&t, Side::Both),
            Node::Eof => break,
            _ => {}
        }
    }
    builder.in_note = false;
    Ok(())
}

/// The tracked-changes log: each region's kind, author, date and, for a
/// deletion, the deleted paragraphs.
fn tracked_changes(xml: &mut Xml<'_>) -> Result<HashMap<String, Region>, Error> {
    let mut regions = HashMap::new();
    let mut depth = 1usize;
    let mut id = String::new();
    let mut region = Region::default();
    let mut field: Option<&'static str> = None;
    let mut paragraph: Option<String> = None;
    while depth > 0 {
        match xml.next()? {
            Node::Start(uri, local, e) => {
                depth += 1;
                match (uri.as_slice(), local.as_slice()) {
                    (TEXT, b"changed-region") => {
                        id = xml
                            .attr(&e, TEXT, b"id")
                            .or_else(|| {
                                xml.attr(&e, b"http://www.w3.org/XML/1998/namespace", b"id")
                            })
                            .unwrap_or_default();
                        region = Region::default();
                    }
                    (TEXT, b"insertion") => region.kind = Some(RevisionKind::Inserted),
                    (TEXT, b"deletion") => region.kind = Some(RevisionKind::Deleted),
                    (TEXT, b"format-change") => region.kind = None,
                    (DC, b"creator") => field = Some("author"),
                    (DC, b"date") => field = Some("date"),
                    (TEXT, b"p") | (TEXT, b"h") => paragraph = Some(String::new()),
                    _ => {}
                }
            }
            Node::Empty(uri, local, _) => {
                if uri == TEXT && matches!(local.as_slice(), b"s" | b"tab" | b"line-break") {
                    if let Some(p) = &mut paragraph {
                        p.push(' ');
                    }
                }
            }
            Node::End(uri, local) => {
                depth -= 1;
                match (uri.as_slice(), local.as_slice()) {
                    (TEXT, b"changed-region") => {
                        regions.insert(std::mem::take(&mut id), std::mem::take(&mut region));
                    }
                    (DC, b"creator") | (DC, b"date") => field = None,
                    (TEXT, b"p") | (TEXT, b"h") => {
                        if let Some(p) = paragraph.take() {
                            region.deleted.push(p);
                        }
                    }
                    _ => {}
                }
            }
            Node::Text(t) => match field {
                Some("author") => region.author.get_or_insert_with(String::new).push_str(&t),
                Some(_) => region.date.get_or_insert_with(String::new).push_str(&t),
                None => {
                    if let Some(p) = &mut paragraph {
                        p.push_str(&t);
                    }
                }
            },
            Node::Eof => break,
        }
    }
    // A deletion that removed whole paragraphs ends with an empty one
    // (the paragraph mark it took): that is no text.
    for region in regions.values_mut() {
        while region.deleted.last().is_some_and(|p| p.trim().is_empty()) {
            region.deleted.pop();
        }
    }
    Ok(regions)
}
