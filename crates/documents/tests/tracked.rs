//! Tracked changes the readers got wrong, each test named after the kind
//! of markup: revisions inside revisions, fields inside fields, and an
//! OpenDocument change whose id the file does not list. The packages are
//! built here, as a word processor writes them.

use std::io::Write;
use std::path::Path;

use storydiff_documents::tracked_changes;

fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in parts {
        zip.start_file(*name, stored).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn docx(body: &str) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    package(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
        ),
        ("word/document.xml", &document),
    ])
}

/// Text inserted by one reviewer and deleted by another
/// (`<w:ins><w:del>…</w:del></w:ins>`) never stood in the text before the
/// revisions, yet appeared in the "before" text.
#[test]
fn regression_text_inserted_then_deleted_was_in_the_text_before() {
    let bytes = docx(
        r#"<w:p><w:r><w:t xml:space="preserve">The council voted </w:t></w:r>
<w:ins w:id="1" w:author="Ann" w:date="2026-12-01T09:00:00Z"><w:del w:id="2" w:author="Ben" w:date="2026-12-02T09:00:00Z"><w:r><w:delText xml:space="preserve">narrowly </w:delText></w:r></w:del></w:ins>
<w:ins w:id="3" w:author="Ann"><w:r><w:t xml:space="preserve">on Thursday </w:t></w:r></w:ins>
<w:r><w:t>to build the wall.</w:t></w:r></w:p>"#,
    );
    let (before, after) = tracked_changes(Path::new("draft.docx"), &bytes).unwrap();
    assert_eq!(before.paragraphs, ["The council voted to build the wall."]);
    assert_eq!(
        after.paragraphs,
        ["The council voted on Thursday to build the wall."]
    );
}

/// A field nested in another field's code (an IF whose condition holds a
/// MERGEFIELD) showed the inner field's result inside the text.
#[test]
fn regression_a_field_inside_another_fields_code_showed_its_result() {
    let bytes = docx(
        r#"<w:p><w:r><w:t xml:space="preserve">Work starts in </w:t></w:r>
<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>
<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD Month </w:instrText></w:r>
<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>INNERRESULT</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
<w:r><w:instrText xml:space="preserve"> = "May" "May" "June" </w:instrText></w:r>
<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>May</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
<w:ins w:id="1" w:author="Ann"><w:r><w:t xml:space="preserve"> next year</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r></w:p>"#,
    );
    let (before, after) = tracked_changes(Path::new("draft.docx"), &bytes).unwrap();
    assert_eq!(before.paragraphs, ["Work starts in May."]);
    assert_eq!(after.paragraphs, ["Work starts in May next year."]);
}

/// An OpenDocument `text:change-start` whose id the file's tracked
/// changes do not list dropped the rest of its paragraph from the text
/// before the revisions.
#[test]
fn regression_an_unknown_change_id_dropped_the_rest_of_the_paragraph() {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<office:body><office:text>
<text:tracked-changes><text:changed-region text:id="ct1"><text:insertion><office:change-info><dc:creator>Ann</dc:creator><dc:date>2026-12-01T09:00:00</dc:date></office:change-info></text:insertion></text:changed-region></text:tracked-changes>
<text:p>The council voted <text:change-start text:change-id="ct1"/>on Thursday <text:change-end text:change-id="ct1"/>to build the wall.</text:p>
<text:p>Work starts <text:change-start text:change-id="missing"/>in May, the council said.</text:p>
</office:text></office:body></office:document-content>"#;
    let bytes = package(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", content),
    ]);
    let (before, after) = tracked_changes(Path::new("draft.odt"), &bytes).unwrap();
    assert_eq!(
        before.paragraphs,
        [
            "The council voted to build the wall.",
            "Work starts in May, the council said."
        ]
    );
    assert_eq!(
        after.paragraphs,
        [
            "The council voted on Thursday to build the wall.",
            "Work starts in May, the council said."
        ]
    );
}

/// A `document.xml` in UTF-16 (as XML allows, and some programs write) was
/// refused as damaged.
#[test]
fn regression_a_utf16_document_xml_is_refused_as_damaged() {
    let xml = r#"<?xml version="1.0" encoding="UTF-16"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>The council voted </w:t></w:r><w:ins w:id="1" w:author="Ann"><w:r><w:t>on Thursday</w:t></w:r></w:ins></w:p></w:body></w:document>"#;
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in xml.encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/document.xml", stored).unwrap();
    zip.write_all(&utf16).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let (before, after) = tracked_changes(Path::new("draft.docx"), &bytes).unwrap();
    assert_eq!(before.paragraphs, ["The council voted"]);
    assert_eq!(after.paragraphs, ["The council voted on Thursday"]);
}
