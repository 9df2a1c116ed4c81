//! Word documents (.docx): `word/document.xml` read with `quick-xml`,
//! WordprocessingML elements known by their namespace URI whatever the
//! prefix.
//!
//! Read: paragraphs, headings (the first is the title), list items and
//! table cells in document order; text inside hyperlinks, simple and
//! complex fields (their results, not their codes), smart tags and content
//! controls; footnotes as paragraphs of their own after the body, each
//! starting with its number ("[1] …"), and its number where it is cited.
//! Left out: comments, headers and footers, field codes, deleted
//! instruction text, the fallback copy of alternate content.
//!
//! Tracked changes (`w:ins`, `w:del` with `w:delText`, `w:moveFrom`,
//! `w:moveTo`, inserted or deleted paragraph marks in `w:pPr/w:rPr`) are
//! applied both ways: the document before its revisions and after them,
//! each revision listed with its author and date.

use std::collections::HashMap;
use std::path::Path;

use storydiff_engine::RevisionKind;

use crate::error::Error;
use crate::office::{Builder, Node, Office, Package, Side, Xml};

const W: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Strict Open XML uses another URI for the same vocabulary.
const W_STRICT: &[u8] = b"http://purl.oclc.org/ooxml/wordprocessingml/main";
const MC: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";
const WHAT: &str = "Word document";

fn is_w(uri: &[u8]) -> bool {
    uri == W || uri == W_STRICT
}

/// Reads a .docx file's bytes.
pub(crate) fn read(path: &Path, bytes: &[u8]) -> Result<Office, Error> {
    let mut package = Package::open(path, bytes, WHAT)?;
    let document = package
        .part("word/document.xml")?
        .ok_or_else(|| Error::Damaged {
            path: path.to_path_buf(),
            what: WHAT,
            detail: "it has no word/document.xml, so it is not a Word document".to_string(),
        })?;
    let headings = match package.part("word/styles.xml")? {
        Some(styles) => heading_styles(&styles, path)?,
        None => HashMap::new(),
    };
    let footnotes = package.part("word/footnotes.xml")?;
    let mut reader = Reader {
        builder: Builder::default(),
        headings,
        footnote_order: Vec::new(),
    };
    reader.part(&document, path, "word/document.xml", None)?;
    if let Some(notes) = footnotes {
        if !reader.footnote_order.is_empty() {
            reader.builder.in_note = true;
            let order = reader.footnote_order.clone();
            reader.part(&notes, path, "word/footnotes.xml", Some(&order))?;
            reader.builder.in_note = false;
        }
    }
    Ok(reader.builder.finish())
}

/// Style ids whose paragraphs are headings: "Title", "Heading 1" … by
/// name (ids are translated in some languages, names are not), or any
/// style with an outline level.
fn heading_styles(xml: &str, path: &Path) -> Result<HashMap<String, bool>, Error> {
    let mut xml = Xml::new(xml, path, WHAT, "word/styles.xml");
    let mut styles = HashMap::new();
    let mut current: Option<String> = None;
    loop {
        match xml.next()? {
            Node::Start(uri, local, e) | Node::Empty(uri, local, e) if is_w(&uri) => {
                match local.as_slice() {
                    b"style" => current = xml.attr(&e, &uri, b"styleId"),
                    b"name" | b"outlineLvl" => {
                        if let Some(id) = &current {
                            let value = xml.attr(&e, &uri, b"val").unwrap_or_default();
                            let heading = local == b"outlineLvl" || is_heading_name(&value);
                            if heading {
                                styles.insert(id.clone(), true);
                            }
                        }
                    }
                    _ => {}
                }
            }
            Node::Eof => break,
            _ => {}
        }
    }
    Ok(styles)
}

fn is_heading_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase().replace(' ', "");
    name == "title"
        || name
            .strip_prefix("heading")
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

struct Reader {
    builder: Builder,
    headings: HashMap<String, bool>,
    /// Footnote ids in the order the body cites them.
    footnote_order: Vec<String>,
}

/// What the element being read is inside of, as far as text goes.
#[derive(Default)]
struct State {
    /// Open `w:ins`/`w:moveTo` (after only) and `w:del`/`w:moveFrom`
    /// (before only), innermost last.
    sides: Vec<Side>,
    /// Inside `w:pPr`: paragraph properties, not text.
    in_ppr: bool,
    /// Inside `w:rPr` of a paragraph's properties: the paragraph mark.
    in_mark: bool,
    /// How the paragraph mark was revised.
    mark: Option<Side>,
    /// Open fields (`w:fldChar` begin … separate … end), innermost last:
    /// `true` once past `separate`, in the result. Text is shown only where
    /// every open field is in its result: a field nested in another's code
    /// is part of that code.
    fields: Vec<bool>,
}

impl State {
    /// The side the text read now stands on, or `None` inside a field's code.
    fn text_side(&self) -> Option<Side> {
        if self.fields.iter().any(|in_result| !in_result) {
            return None;
        }
        Some(Side::within(&self.sides))
    }
}

impl Reader {
    fn part(
        &mut self,
        text: &str,
        path: &Path,
        name: &'static str,
        notes: Option<&[String]>,
    ) -> Result<(), Error> {
        let mut xml = Xml::new(text, path, WHAT, name);
        let mut state = State::default();
        // In the notes part: only the notes the body cites are read.
        loop {
            match xml.next()? {
                Node::Start(uri, local, e) => {
                    if uri == MC && local == b"Fallback" {
                        xml.skip()?;
                        continue;
                    }
                    if !is_w(&uri) {
                        continue;
                    }
                    match local.as_slice() {
                        b"footnote" if notes.is_some() => {
                            let id = xml.attr(&e, &uri, b"id").unwrap_or_default();
                            if !notes.is_some_and(|n| n.contains(&id)) {
                                xml.skip()?;
                                continue;
                            }
                            let number = notes
                                .and_then(|n| n.iter().position(|x| *x == id))
                                .map_or(0, |i| i + 1);
                            self.builder.text(&format!("[{number}] "), Side::Both);
                        }
                        // Property changes hold the old properties: not the paragraph's.
                        b"pPrChange" | b"rPrChange" | b"sectPrChange" | b"tblPrChange"
                        | b"trPrChange" | b"tcPrChange" | b"numberingChange" => xml.skip()?,
                        // Not body text.
                        b"instrText" | b"delInstrText" => xml.skip()?,
                        b"pPr" => state.in_ppr = true,
                        b"rPr" if state.in_ppr => state.in_mark = true,
                        b"ins" | b"del" | b"moveFrom" | b"moveTo" => {
                            let (side, kind) = revision(&local);
                            if state.in_mark {
                                state.mark = Some(side);
                            } else {
                                state.sides.push(side);
                                let author = xml.attr(&e, &uri, b"author");
                                let date = xml.attr(&e, &uri, b"date");
                                self.builder.open_revision(kind, author, date);
                            }
                        }
                        b"t" | b"delText" => {
                            let side = state.text_side();
                            loop {
                                match xml.next()? {
                                    Node::Text(t) => {
                                        if let Some(side) = side {
                                            self.builder.text(&t, side)
                                        }
                                    }
                                    Node::End(..) | Node::Eof => break,
                                    Node::Start(..) => xml.skip()?,
                                    Node::Empty(..) => {}
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Node::Empty(uri, local, e) => {
                    if !is_w(&uri) {
                        continue;
                    }
                    let side = state.text_side();
                    match local.as_slice() {
                        b"fldChar" => match xml.attr(&e, &uri, b"fldCharType").as_deref() {
                            Some("begin") => state.fields.push(false),
                            Some("separate") => {
                                if let Some(top) = state.fields.last_mut() {
                                    *top = true;
                                }
                            }
                            Some("end") => {
                                state.fields.pop();
                            }
                            _ => {}
                        },
                        b"tab" | b"br" | b"cr" | b"ptab" if !state.in_ppr => {
                            if let Some(side) = side {
                                self.builder.text(" ", side)
                            }
                        }
                        b"noBreakHyphen" => {
                            if let Some(side) = side {
                                self.builder.text("-", side)
                            }
                        }
                        b"ins" | b"del" | b"moveFrom" | b"moveTo" if state.in_mark => {
                            state.mark = Some(revision(&local).0);
                        }
                        b"pStyle" if state.in_ppr => {
                            let style = xml.attr(&e, &uri, b"val").unwrap_or_default();
                            if self.headings.contains_key(&style) || is_heading_name(&style) {
                                self.builder.heading();
                            }
                        }
                        b"outlineLvl"
                            // Level 9 is "body text".
                            if state.in_ppr
                                && xml.attr(&e, &uri, b"val").as_deref() != Some("9") =>
                        {
                            self.builder.heading();
                        }
                        b"footnoteReference" if notes.is_none() => {
                            if let Some(id) = xml.attr(&e, &uri, b"id") {
                                if !self.footnote_order.contains(&id) {
                                    self.footnote_order.push(id.clone());
                                }
                                let n = self.footnote_order.iter().position(|x| *x == id);
                                let n = n.map_or(0, |i| i + 1);
                                self.builder.text(&format!("[{n}]"), side.unwrap_or(Side::Both));
                            }
                        }
                        _ => {}
                    }
                }
                Node::End(uri, local) => {
                    if !is_w(&uri) {
                        continue;
                    }
                    match local.as_slice() {
                        b"pPr" => {
                            state.in_ppr = false;
                            state.in_mark = false;
                        }
                        b"rPr" if state.in_ppr => state.in_mark = false,
                        b"ins" | b"del" | b"moveFrom" | b"moveTo" if !state.in_mark => {
                            state.sides.pop();
                            self.builder.close_revision();
                        }
                        b"p" => {
                            // A paragraph mark exists on the side its revision
                            // gives it: a deleted mark joins the paragraph to the
                            // next one after the revisions, an inserted one before.
                            let side = state.mark.take().unwrap_or(Side::Both);
                            self.builder.end_paragraph(side);
                        }
                        b"tc" => self.builder.end_paragraph(Side::Both),
                        _ => {}
                    }
                }
                Node::Text(_) => {}
                Node::Eof => break,
            }
        }
        Ok(())
    }
}

/// Which text a revision element's content belongs to, and its kind.
fn revision(local: &[u8]) -> (Side, RevisionKind) {
    match local {
        b"ins" => (Side::After, RevisionKind::Inserted),
        b"moveTo" => (Side::After, RevisionKind::MovedTo),
        b"moveFrom" => (Side::Before, RevisionKind::MovedFrom),
        _ => (Side::Before, RevisionKind::Deleted),
    }
}

#[cfg(test)]
mod tests {
    use super::is_heading_name;

    #[test]
    fn heading_style_names() {
        assert!(is_heading_name("heading 1"));
        assert!(is_heading_name("Heading2"));
        assert!(is_heading_name("Title"));
        assert!(!is_heading_name("Heading"));
        assert!(!is_heading_name("Subtitle"));
    }
}
