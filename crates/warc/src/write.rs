//! Writing WARC 1.1, one gzip member per record, as replay tools expect:
//! each record can be read alone from its offset, which the index gives.

use std::io::Write;

use sha2::Digest as _;

/// Where a record went: its member's offset and compressed length (what a
/// CDXJ index names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub offset: u64,
    pub length: u64,
}

/// A WARC file being written.
pub struct Writer<W: Write> {
    out: W,
    at: u64,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W) -> Writer<W> {
        Writer { out, at: 0 }
    }

    /// Writes one record: its type, the named fields (`WARC-Type`,
    /// `Content-Length` and `WARC-Block-Digest` are added), and its block.
    pub fn record(
        &mut self,
        kind: &str,
        fields: &[(&str, String)],
        block: &[u8],
    ) -> std::io::Result<Written> {
        let mut head = format!("WARC/1.1\r\nWARC-Type: {kind}\r\n");
        for (name, value) in fields {
            // A field's value is one line: a page's address with a line
            // break in it must not start a field of its own.
            let value: String = value.chars().filter(|c| !c.is_control()).collect();
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "WARC-Block-Digest: {}\r\n",
            crate::digest::sha1(block)
        ));
        head.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(head.as_bytes())?;
        gz.write_all(block)?;
        gz.write_all(b"\r\n\r\n")?;
        let member = gz.finish()?;
        self.out.write_all(&member)?;
        let written = Written {
            offset: self.at,
            length: member.len() as u64,
        };
        self.at += member.len() as u64;
        Ok(written)
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A record id (`<urn:uuid:…>`) made from a name, so that the same export
/// gives the same ids.
pub fn record_id(name: &str) -> String {
    let h = sha2::Sha256::digest(name.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&h[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "<urn:uuid:{}-{}-{}-{}-{}>",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}
