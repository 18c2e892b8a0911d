//! Stable document ids: from the content alone, so two copies of one file are one document and
//! a renamed file keeps its id.

use std::fmt;
use std::io::Read;

use sha2::{Digest, Sha256};

/// Hex digits in an id: the first 128 bits of the SHA-256 of the content.
const ID_HEX_LEN: usize = 32;

/// The stable id of a document: lower-case hex of the first 128 bits of its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentId(String);

impl DocumentId {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Accept `s` as an id if it has the shape of one (used to recognise store file names).
    pub fn parse(s: &str) -> Option<DocumentId> {
        let ok = s.len() == ID_HEX_LEN && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        ok.then(|| DocumentId(s.to_string()))
    }
}

impl fmt::Display for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The id of the content `reader` yields, read in chunks so memory stays small for any size.
pub fn document_id(mut reader: impl Read) -> std::io::Result<DocumentId> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    let digest = hasher.finalize();
    let hex: String = digest.iter().take(ID_HEX_LEN / 2).map(|b| format!("{b:02x}")).collect();
    Ok(DocumentId(hex))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_content_same_id() {
        let a = document_id(&b"A plan."[..]).unwrap();
        assert_eq!(a, document_id(&b"A plan."[..]).unwrap());
        assert_ne!(a, document_id(&b"A plan!"[..]).unwrap());
        assert_eq!(a.as_str().len(), ID_HEX_LEN);
        // SHA-256 of the empty string, first 128 bits: a fixed, documented value.
        assert_eq!(document_id(&b""[..]).unwrap().as_str(), "e3b0c44298fc1c149afbf4c8996fb924");
    }

    #[test]
    fn parse_accepts_only_ids() {
        assert!(DocumentId::parse("e3b0c44298fc1c149afbf4c8996fb924").is_some());
        assert!(DocumentId::parse("E3B0C44298FC1C149AFBF4C8996FB924").is_none());
        assert!(DocumentId::parse("notes").is_none());
    }
}
