//! WARC digests: `sha1:` and a base32 SHA-1, as Heritrix and wget write
//! them (and `sha256:` in base32 or hex, as some newer tools do).

use sha1::Digest as _;

/// The `sha1:BASE32` digest of some bytes, as storydiff writes it.
pub fn sha1(bytes: &[u8]) -> String {
    format!(
        "sha1:{}",
        data_encoding::BASE32.encode(&sha1::Sha1::digest(bytes))
    )
}

/// How a record's stated digest stands against its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    Matches,
    /// The digest says another content: the record was altered or damaged.
    Mismatch {
        stated: String,
        found: String,
    },
    /// An algorithm storydiff does not check (md5, say), named.
    Unknown(String),
}

/// Checks `stated` (`sha1:…`, `sha256:…`) against `bytes`.
pub fn check(stated: &str, bytes: &[u8]) -> Check {
    let (algorithm, value) = stated.split_once(':').unwrap_or(("", stated));
    let value = value.trim();
    let (raw, found): (Vec<u8>, String) = match algorithm.trim().to_ascii_lowercase().as_str() {
        "sha1" => {
            let raw = sha1::Sha1::digest(bytes).to_vec();
            let found = format!("sha1:{}", data_encoding::BASE32.encode(&raw));
            (raw, found)
        }
        "sha256" => {
            use sha2::Digest as _;
            let raw = sha2::Sha256::digest(bytes).to_vec();
            let found = format!("sha256:{}", data_encoding::BASE32.encode(&raw));
            (raw, found)
        }
        other => return Check::Unknown(other.to_string()),
    };
    let upper = value.to_ascii_uppercase();
    let decoded = data_encoding::BASE32
        .decode(upper.as_bytes())
        .or_else(|_| data_encoding::BASE32_NOPAD.decode(upper.as_bytes()))
        .or_else(|_| data_encoding::HEXLOWER_PERMISSIVE.decode(value.as_bytes()));
    match decoded {
        Ok(d) if d == raw => Check::Matches,
        _ => Check::Mismatch {
            stated: stated.to_string(),
            found,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_are_checked_in_base32_or_hex() {
        let d = sha1(b"hello");
        assert_eq!(d, "sha1:VL2MMHO4YXUKFWV63YHTWSBM3GXKSQ2N");
        assert_eq!(check(&d, b"hello"), Check::Matches);
        assert!(matches!(check(&d, b"hullo"), Check::Mismatch { .. }));
        assert_eq!(
            check("sha1:aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d", b"hello"),
            Check::Matches
        );
        assert_eq!(check("md5:abc", b"hello"), Check::Unknown("md5".into()));
    }
}
