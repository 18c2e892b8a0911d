//! A pull cursor over one XML part: start tags (with namespace and attributes), ends and
//! text, for the recursive-descent readers of the WordprocessingML parts.
//!
//! Empty elements arrive as a start and an end, entity and character references are
//! resolved, and a malformed part is an error naming the part and the byte offset.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use crate::error::ReadError;

const W_NS: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The namespaces the readers tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// WordprocessingML (transitional or strict).
    W,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    Other,
}

/// A start tag.
#[derive(Debug)]
pub struct El {
    pub ns: Ns,
    pub local: String,
    /// Attributes by local name (`w:val` → `val`), values unescaped.
    pub attrs: Vec<(String, String)>,
}

impl El {
    pub fn is(&self, local: &str) -> bool {
        self.ns == Ns::W && self.local == local
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// `w:val`, the attribute most WordprocessingML properties carry.
    pub fn val(&self) -> Option<&str> {
        self.attr("val")
    }

    /// An on/off property (`<w:b/>`, `<w:b w:val="false"/>`).
    pub fn on(&self) -> bool {
        !matches!(self.val(), Some("0" | "false" | "off" | "none"))
    }
}

#[derive(Debug)]
pub enum Ev {
    Start(El),
    End,
    Text(String),
    Eof,
}

pub struct Cursor<'a> {
    reader: NsReader<&'a [u8]>,
    part: &'a str,
}

impl<'a> Cursor<'a> {
    pub fn new(xml: &'a str, part: &'a str) -> Self {
        let mut reader = NsReader::from_str(xml);
        reader.config_mut().expand_empty_elements = true;
        Cursor { reader, part }
    }

    pub fn corrupt(&self, what: impl std::fmt::Display) -> ReadError {
        ReadError::Corrupt(format!("{}: {what} (near byte {})", self.part, self.reader.buffer_position()))
    }

    pub fn next(&mut self) -> Result<Ev, ReadError> {
        loop {
            let (ns, event) = match self.reader.read_resolved_event() {
                Ok((ns, event)) => (classify(&ns), event),
                Err(e) => return Err(self.corrupt(format!("malformed XML: {e}"))),
            };
            return Ok(match event {
                Event::Start(start) => {
                    let local = start.local_name().as_ref().to_string();
                    let attrs = start
                        .attributes()
                        .with_checks(false)
                        .flatten()
                        .map(|a| {
                            let key = a.key.local_name().as_ref().to_string();
                            let value = a
                                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .map(|v| v.into_owned())
                                .unwrap_or_else(|_| a.value.clone().into_owned());
                            (key, value)
                        })
                        .collect();
                    Ev::Start(El { ns, local, attrs })
                }
                Event::End(_) => Ev::End,
                Event::Text(t) => Ev::Text(t.xml10_content().into_owned()),
                Event::CData(t) => Ev::Text(t.xml10_content().into_owned()),
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        _ => resolve_predefined_entity(&r.xml10_content()).map(str::to_string),
                    };
                    match resolved {
                        Some(s) => Ev::Text(s),
                        None => continue,
                    }
                }
                Event::Eof => Ev::Eof,
                Event::Empty(_) | Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {
                    continue
                }
            });
        }
    }

    /// Consume the rest of the current element (its start already read), content and end.
    pub fn skip(&mut self) -> Result<(), ReadError> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Ev::Start(_) => depth += 1,
                Ev::End if depth == 0 => return Ok(()),
                Ev::End => depth -= 1,
                Ev::Text(_) => {}
                Ev::Eof => return Err(self.corrupt("unexpected end of part")),
            }
        }
    }

    /// Call `f` on each child element of the current element until its end; `f` must consume
    /// the child (read it or [`skip`](Self::skip) it). Text between children is ignored.
    pub fn each_child(
        &mut self,
        mut f: impl FnMut(&mut Self, El) -> Result<(), ReadError>,
    ) -> Result<(), ReadError> {
        loop {
            match self.next()? {
                Ev::Start(el) => f(self, el)?,
                Ev::End => return Ok(()),
                Ev::Text(_) => {}
                Ev::Eof => return Err(self.corrupt("unexpected end of part")),
            }
        }
    }

    /// The text inside the current element (nested elements' text included), up to its end.
    pub fn text(&mut self) -> Result<String, ReadError> {
        let mut out = String::new();
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Ev::Text(t) => out.push_str(&t),
                Ev::Start(_) => depth += 1,
                Ev::End if depth == 0 => return Ok(out),
                Ev::End => depth -= 1,
                Ev::Eof => return Err(self.corrupt("unexpected end of part")),
            }
        }
    }

    /// The first start tag of the part (its root element).
    pub fn root(&mut self) -> Result<El, ReadError> {
        loop {
            match self.next()? {
                Ev::Start(el) => return Ok(el),
                Ev::Eof => return Err(self.corrupt("no root element")),
                _ => {}
            }
        }
    }
}

fn classify(ns: &ResolveResult) -> Ns {
    match ns {
        ResolveResult::Bound(n) if W_NS.contains(&n.0) => Ns::W,
        ResolveResult::Bound(n) if n.0 == MC_NS => Ns::Mc,
        _ => Ns::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn empty_elements_references_and_namespaces() {
        let xml = format!(
            r#"<w:document {W} xmlns:a="urn:other"><w:b w:val="0"/><a:t>x</a:t><w:t>A &amp; B &#8211;</w:t></w:document>"#
        );
        let mut c = Cursor::new(&xml, "word/document.xml");
        assert!(c.root().unwrap().is("document"));
        let Ev::Start(b) = c.next().unwrap() else { panic!() };
        assert!(b.is("b") && !b.on());
        assert!(matches!(c.next().unwrap(), Ev::End));
        let Ev::Start(t) = c.next().unwrap() else { panic!() };
        assert_eq!(t.ns, Ns::Other);
        c.skip().unwrap();
        let Ev::Start(t) = c.next().unwrap() else { panic!() };
        assert!(t.is("t"));
        let mut s = String::new();
        while let Ev::Text(x) = c.next().unwrap() {
            s.push_str(&x);
        }
        assert_eq!(s, "A & B –");
    }

    #[test]
    fn malformed_xml_is_an_error_not_a_panic() {
        let xml = format!(r#"<w:document {W}><w:p></w:r></w:document>"#);
        let mut c = Cursor::new(&xml, "word/document.xml");
        let err = (0..10).find_map(|_| c.next().err()).expect("an error");
        assert!(err.to_string().contains("word/document.xml"), "{err}");
    }
}
