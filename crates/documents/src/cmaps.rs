//! The character maps (CMaps) that Chinese, Japanese and Korean PDFs name
//! instead of embedding, read as the encodings they are.
//!
//! A CJK PDF often sets its text in a font that is not embedded (STSong,
//! HeiseiMin, HYSMyeongJo…) with a *predefined* CMap, named by the
//! `Encoding` of its Type 0 font: `UniGB-UCS2-H`, `UniJIS-UTF16-H`,
//! `90ms-RKSJ-H`, `GBK-EUC-H`, `KSCms-UHC-H`, `ETen-B5-H`… pdf-extract knows
//! only `Identity-H` and `-V` and CMaps embedded as streams. The names say
//! how the text's bytes are coded, and for text that is all a reader needs:
//!
//! - the `Uni…-UCS2` and `Uni…-UTF16` maps code text in UTF-16: two bytes a
//!   character, as `Identity-H` reads them, and a map to Unicode that is
//!   the code itself;
//! - the others code it in the national encodings that `encoding_rs`
//!   decodes (Shift_JIS, EUC-JP, GBK, EUC-KR/UHC, Big5), a byte or two a
//!   character: an embedded CMap with those byte ranges, and a map to
//!   Unicode of every two-byte code the encoding decodes.
//!
//! So before the pages are read, each such font gets that CMap and, where
//! it has none of its own, that map to Unicode (a font's own `ToUnicode`
//! still wins: it is keyed by the same codes). What is lost: glyph widths
//! are looked up by code instead of by the font's CIDs, so spacing inside a
//! line may be guessed less well; characters outside the Basic
//! Multilingual Plane (surrogate pairs in UTF-16) are left out. A map named
//! here that is none of these (`UniJIS-UTF8-H`, a vendor's own) is left as
//! it is, and the caller reports it as unsupported.

use pdf_extract::{Dictionary, Document, Object, ObjectId, Stream};

/// How a predefined CMap codes text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coding {
    /// UTF-16 (UCS-2), two bytes a character; vertical writing or not.
    Utf16 { vertical: bool },
    /// A national encoding: one byte in `single`, two in `double`, each a
    /// range of codes (first code, last code).
    National {
        encoding: &'static encoding_rs::Encoding,
        single: &'static [(u32, u32)],
        double: &'static [(u32, u32)],
        /// JIS X 0208 in its seven-bit form (the `H` and `V` maps): read as
        /// EUC-JP once each byte's high bit is set.
        seven_bit: bool,
    },
}

const ASCII: &[(u32, u32)] = &[(0x00, 0x80)];

/// The coding a predefined CMap's name stands for, if it is one storydiff reads.
fn coding_of(name: &str) -> Option<Coding> {
    let (base, vertical) = match name.rsplit_once('-') {
        Some((base, "H")) => (base, false),
        Some((base, "V")) => (base, true),
        // `H` and `V` alone: JIS X 0208, seven bits a byte.
        None if name == "H" || name == "V" => ("", name == "V"),
        _ => return None,
    };
    if base.starts_with("Uni") && (base.contains("-UCS2") || base.contains("-UTF16")) {
        return Some(Coding::Utf16 { vertical });
    }
    let national = |encoding, single, double| {
        Some(Coding::National {
            encoding,
            single,
            double,
            seven_bit: false,
        })
    };
    match base {
        "" => Some(Coding::National {
            encoding: encoding_rs::EUC_JP,
            single: &[],
            double: &[(0x2121, 0x7E7E)],
            seven_bit: true,
        }),
        "90ms-RKSJ" | "90msp-RKSJ" | "90pv-RKSJ" | "83pv-RKSJ" | "Add-RKSJ" | "Ext-RKSJ" => {
            national(
                encoding_rs::SHIFT_JIS,
                &[(0x00, 0x80), (0xA0, 0xDF)],
                &[(0x8140, 0x9FFC), (0xE040, 0xFCFC)],
            )
        }
        "EUC" => national(
            encoding_rs::EUC_JP,
            ASCII,
            &[(0x8EA0, 0x8EDF), (0xA1A1, 0xFEFE)],
        ),
        "GB-EUC" | "GBpc-EUC" | "GBK-EUC" | "GBKp-EUC" | "GBT-EUC" | "GBTpc-EUC" => {
            national(encoding_rs::GBK, ASCII, &[(0x8140, 0xFEFE)])
        }
        "KSC-EUC" | "KSCpc-EUC" | "KSCms-UHC" | "KSCms-UHC-HW" => {
            national(encoding_rs::EUC_KR, ASCII, &[(0x8141, 0xFEFE)])
        }
        "B5pc" | "B5" | "ETen-B5" | "ETenms-B5" | "HKscs-B5" | "HKdla-B5" | "HKdlb-B5"
        | "HKm314-B5" | "HKm471-B5" => national(encoding_rs::BIG5, ASCII, &[(0x8140, 0xFEFE)]),
        _ => None,
    }
}

/// Gives each Type 0 font that names a predefined CMap storydiff reads an
/// embedded one in its place, and a map to Unicode where it has none.
/// Returns how many fonts were changed.
pub(crate) fn embed_predefined(doc: &mut Document) -> usize {
    let fonts: Vec<(ObjectId, Coding)> = doc
        .objects
        .iter()
        .filter_map(|(&id, object)| {
            let font = object.as_dict().ok()?;
            if font.get(b"Subtype").and_then(Object::as_name).ok()? != b"Type0" {
                return None;
            }
            let name = font.get(b"Encoding").and_then(Object::as_name).ok()?;
            Some((id, coding_of(std::str::from_utf8(name).ok()?)?))
        })
        .collect();
    // One pair of maps a coding, shared by the fonts that use it.
    let mut made: Vec<(Coding, Object, ObjectId)> = Vec::new();
    for &(id, coding) in &fonts {
        let (encoding, to_unicode) = match made.iter().find(|(c, _, _)| *c == coding) {
            Some((_, encoding, to_unicode)) => (encoding.clone(), *to_unicode),
            None => {
                let encoding = match coding {
                    Coding::Utf16 { vertical: false } => Object::Name(b"Identity-H".to_vec()),
                    Coding::Utf16 { vertical: true } => Object::Name(b"Identity-V".to_vec()),
                    Coding::National { single, double, .. } => Object::Reference(doc.add_object(
                        cmap_stream(Dictionary::new(), byte_mapping(single, double).into_bytes()),
                    )),
                };
                let to_unicode = doc.add_object(cmap_stream(
                    Dictionary::new(),
                    unicode_map(coding).into_bytes(),
                ));
                made.push((coding, encoding.clone(), to_unicode));
                (encoding, to_unicode)
            }
        };
        let descendant = descendant_of(doc, id);
        if let Some(Object::Dictionary(font)) = doc.objects.get_mut(&id) {
            font.set("Encoding", encoding);
            if !font.has(b"ToUnicode") {
                font.set("ToUnicode", Object::Reference(to_unicode));
            }
        }
        // Fonts that are not embedded are still described; a file that
        // leaves the description out is read as if it had an empty one.
        if let Some(Object::Dictionary(cid_font)) = descendant.and_then(|d| doc.objects.get_mut(&d))
        {
            if !cid_font.has(b"FontDescriptor") {
                let mut descriptor = Dictionary::new();
                descriptor.set("Type", Object::Name(b"FontDescriptor".to_vec()));
                cid_font.set("FontDescriptor", Object::Dictionary(descriptor));
            }
        }
    }
    fonts.len()
}

/// The first descendant CIDFont of a Type 0 font, where it is an object of its own.
fn descendant_of(doc: &Document, font: ObjectId) -> Option<ObjectId> {
    let font = doc.objects.get(&font)?.as_dict().ok()?;
    let list = match font.get(b"DescendantFonts").ok()? {
        Object::Reference(id) => doc.objects.get(id)?.as_array().ok()?,
        Object::Array(list) => list,
        _ => return None,
    };
    list.first()?.as_reference().ok()
}

fn cmap_stream(dict: Dictionary, content: Vec<u8>) -> Object {
    Object::Stream(Stream::new(dict, content))
}

/// An embedded CMap with the coding's byte ranges, each code its own CID.
///
/// pdf-extract's CMap reader (adobe-cmap-parser 0.4) takes a range's width
/// in bytes as half its hexadecimal string's length in bytes, so a range of
/// one-byte codes is written with two bytes (`<0000> <0080>`) and one of
/// two-byte codes with four; `tests` read such a file back, so a reader
/// that counts otherwise fails there, not in a user's hands.
fn byte_mapping(single: &[(u32, u32)], double: &[(u32, u32)]) -> String {
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /storydiff-predefined def\n/CMapType 1 def\n",
    );
    cmap.push_str(&format!(
        "{} begincodespacerange\n",
        single.len() + double.len()
    ));
    for &(lo, hi) in single {
        cmap.push_str(&format!("<{lo:04X}> <{hi:04X}>\n"));
    }
    for &(lo, hi) in double {
        cmap.push_str(&format!("<{lo:08X}> <{hi:08X}>\n"));
    }
    cmap.push_str(
        "endcodespacerange\n1 begincidrange\n<0000> <FFFF> 0\nendcidrange\nendcmap\nend\nend\n",
    );
    cmap
}

/// A `ToUnicode` CMap: from each code of the coding to its character.
fn unicode_map(coding: Coding) -> String {
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /storydiff-to-unicode def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    match coding {
        Coding::Utf16 { .. } => {
            // Each code is its character: a range a high byte, surrogates aside.
            let ranges: Vec<u32> = (0x00..=0xFF)
                .filter(|b| !(0xD8..=0xDF).contains(b))
                .collect();
            for block in ranges.chunks(100) {
                cmap.push_str(&format!("{} beginbfrange\n", block.len()));
                for b in block {
                    cmap.push_str(&format!("<{b:02X}00> <{b:02X}FF> <{b:02X}00>\n"));
                }
                cmap.push_str("endbfrange\n");
            }
        }
        Coding::National {
            encoding,
            single,
            double,
            seven_bit,
        } => {
            let mut pairs: Vec<(u32, String)> = Vec::new();
            let mut decode = |code: u32, bytes: &[u8]| {
                let mut decoder = encoding.new_decoder_without_bom_handling();
                let mut text = String::with_capacity(8);
                let (result, _) =
                    decoder.decode_to_string_without_replacement(bytes, &mut text, true);
                let one = text.chars().count() == 1;
                if matches!(result, encoding_rs::DecoderResult::InputEmpty) && one {
                    let units: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
                    pairs.push((code, units));
                }
            };
            for &(lo, hi) in single {
                for code in lo..=hi {
                    decode(code, &[code as u8]);
                }
            }
            for &(lo, hi) in double {
                for first in (lo >> 8)..=(hi >> 8) {
                    for second in (lo & 0xFF)..=(hi & 0xFF) {
                        let code = (first << 8) | second;
                        let bytes = if seven_bit {
                            [first as u8 | 0x80, second as u8 | 0x80]
                        } else {
                            [first as u8, second as u8]
                        };
                        decode(code, &bytes);
                    }
                }
            }
            for block in pairs.chunks(100) {
                cmap.push_str(&format!("{} beginbfchar\n", block.len()));
                for (code, units) in block {
                    cmap.push_str(&format!("<{code:04X}> <{units}>\n"));
                }
                cmap.push_str("endbfchar\n");
            }
        }
    }
    cmap.push_str("endcmap\nend\nend\n");
    cmap
}

#[cfg(test)]
mod tests {
    use super::{coding_of, Coding};

    #[test]
    fn the_names_of_predefined_cmaps_say_their_coding() {
        assert_eq!(
            coding_of("UniGB-UCS2-H"),
            Some(Coding::Utf16 { vertical: false })
        );
        assert_eq!(
            coding_of("UniJIS-UTF16-V"),
            Some(Coding::Utf16 { vertical: true })
        );
        assert!(matches!(
            coding_of("90ms-RKSJ-H"),
            Some(Coding::National { .. })
        ));
        assert!(matches!(
            coding_of("H"),
            Some(Coding::National {
                seven_bit: true,
                ..
            })
        ));
        assert_eq!(coding_of("Identity-H"), None);
        assert_eq!(coding_of("UniJIS-UTF8-H"), None);
        assert_eq!(coding_of("WinAnsiEncoding"), None);
    }
}
