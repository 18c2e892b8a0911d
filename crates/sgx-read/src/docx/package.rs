//! The zip container of a Word document, read defensively.
//!
//! Only the parts sgx needs are inflated, each checked twice against the limits: by the size
//! its zip header declares (cheap, but a header can lie) and by counting the bytes actually
//! inflated (a hard cap, so a zip bomb costs at most the cap in memory and time).

use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use crate::error::ReadError;

/// Largest single part inflated.
const PART_LIMIT: u64 = 150 * 1024 * 1024;
/// Largest total inflated across all parts of one document.
const TOTAL_LIMIT: u64 = 200 * 1024 * 1024;

pub struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    names: Vec<String>,
    /// Bytes that may still be inflated.
    budget: u64,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, ReadError> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| match e {
            ZipError::UnsupportedArchive(what) => ReadError::Unsupported(format!("zip archive: {what}")),
            e => ReadError::Corrupt(format!("not a readable zip archive ({e})")),
        })?;
        let names = archive.file_names().filter_map(Result::ok).map(|n| n.into_owned()).collect();
        Ok(Package { archive, names, budget: TOTAL_LIMIT })
    }

    /// The stored name of a part, matched without regard to case (some tools change it).
    fn find(&self, name: &str) -> Option<String> {
        let name = name.trim_start_matches('/');
        self.names
            .iter()
            .find(|n| *n == name)
            .or_else(|| self.names.iter().find(|n| n.eq_ignore_ascii_case(name)))
            .cloned()
    }

    pub fn has(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// The text of a part, or `None` if the archive has no such part.
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, ReadError> {
        Ok(self.read_bytes(name)?.map(|b| decode_xml(&b)))
    }

    fn read_bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(stored) = self.find(name) else { return Ok(None) };
        let limit = self.budget.min(PART_LIMIT);
        let file = match self.archive.by_name(&stored) {
            Ok(f) => f,
            Err(ZipError::UnsupportedArchive(what)) if what.to_ascii_lowercase().contains("password") => {
                return Err(ReadError::Unsupported(
                    "password-protected document: remove the password and save again".into(),
                ));
            }
            Err(ZipError::UnsupportedArchive(what)) => {
                return Err(ReadError::Unsupported(format!("{stored}: {what}")))
            }
            Err(e) => return Err(ReadError::Corrupt(format!("{stored}: {e}"))),
        };
        if file.encrypted() {
            return Err(ReadError::Unsupported(
                "password-protected document: remove the password and save again".into(),
            ));
        }
        if file.size() > limit {
            return Err(too_large(&stored, file.size()));
        }
        let mut out = Vec::with_capacity(file.size().min(16 * 1024 * 1024) as usize);
        file.take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|e| ReadError::Corrupt(format!("{stored}: {e}")))?;
        if out.len() as u64 > limit {
            return Err(too_large(&stored, out.len() as u64));
        }
        self.budget -= out.len() as u64;
        Ok(Some(out))
    }
}

fn too_large(part: &str, size: u64) -> ReadError {
    ReadError::TooLarge(format!(
        "{part} inflates to {} MB or more, over the {} MB limit (a damaged file or a zip bomb)",
        size / (1024 * 1024),
        TOTAL_LIMIT.min(PART_LIMIT) / (1024 * 1024)
    ))
}

/// XML parts are UTF-8 (or UTF-16 with a byte order mark).
fn decode_xml(bytes: &[u8]) -> String {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned();
    }
    String::from_utf8_lossy(bytes).into_owned()
}

/// The targets of a relationships part by relationship type (the last segment of the type
/// URI: "officeDocument", "styles"...), resolved against the folder of the part they belong to.
pub fn relationships(xml: &str, base_dir: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut cur = super::xml::Cursor::new(xml, "relationships");
    let Ok(_) = cur.root() else { return out };
    let _ = cur.each_child(|cur, el| {
        if el.local == "Relationship"
            && el.attr("TargetMode").is_none_or(|m| !m.eq_ignore_ascii_case("external"))
        {
            if let (Some(kind), Some(target)) = (el.attr("Type"), el.attr("Target")) {
                let kind = kind.rsplit('/').next().unwrap_or(kind).to_string();
                out.push((kind, resolve(base_dir, target)));
            }
        }
        cur.skip()
    });
    out
}

/// A relationship target as a part name: absolute targets from the root, relative ones from
/// `base_dir`, with `..` segments applied.
fn resolve(base_dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{base_dir}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_targets_resolve() {
        assert_eq!(resolve("word/", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve("word/", "/word/numbering.xml"), "word/numbering.xml");
        assert_eq!(resolve("word/", "../customXml/item1.xml"), "customXml/item1.xml");
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
            <Relationship Id="rId2" Type="http://x/hyperlink" Target="http://example.org" TargetMode="External"/>
        </Relationships>"#;
        assert_eq!(
            relationships(rels, ""),
            vec![("officeDocument".to_string(), "word/document.xml".to_string())]
        );
    }
}
