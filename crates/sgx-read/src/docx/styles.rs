//! Styles (styles.xml): heading levels and inherited emphasis.
//!
//! A paragraph style is a heading when it, or a style it is based on, sets an outline level
//! or is a built-in "heading N" / "Title" / "Subtitle" style. Bold, italic, underline and
//! hidden come from the run, then its character style, then the paragraph style, then the
//! document defaults — each through its `w:basedOn` chain.

use std::collections::BTreeMap;

use super::xml::{Cursor, El};
use crate::error::ReadError;

/// Longest `w:basedOn` chain followed (chains can be cyclic in damaged files).
const MAX_CHAIN: usize = 16;

/// Run properties; `None` = not set at this level.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RunProps {
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub underline: Option<bool>,
    pub hidden: Option<bool>,
}

impl RunProps {
    /// Fill what is unset here from `fallback`.
    pub fn or(self, fallback: RunProps) -> RunProps {
        RunProps {
            bold: self.bold.or(fallback.bold),
            italic: self.italic.or(fallback.italic),
            underline: self.underline.or(fallback.underline),
            hidden: self.hidden.or(fallback.hidden),
        }
    }

    /// Read one child of a `w:rPr`; true when it was a property this type keeps.
    pub fn set(&mut self, el: &El) -> bool {
        match el.local.as_str() {
            "b" if el.is("b") => self.bold = Some(el.on()),
            "i" if el.is("i") => self.italic = Some(el.on()),
            "u" if el.is("u") => self.underline = Some(el.on()),
            "vanish" if el.is("vanish") => self.hidden = Some(el.on()),
            _ => return false,
        }
        true
    }
}

/// A list reference (`w:numPr`), from a paragraph or its style.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NumRef {
    pub num_id: Option<String>,
    pub level: Option<u8>,
}

#[derive(Debug, Default)]
struct StyleDef {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<NumRef>,
    run: RunProps,
}

#[derive(Debug, Default)]
pub struct Styles {
    styles: BTreeMap<String, StyleDef>,
    default_paragraph: Option<String>,
    defaults: RunProps,
}

impl Styles {
    pub fn parse(xml: &str) -> Result<Styles, ReadError> {
        let mut cur = Cursor::new(xml, "word/styles.xml");
        let mut styles = Styles::default();
        cur.root()?;
        cur.each_child(|cur, el| {
            if el.is("style") {
                let id = el.attr("styleId").unwrap_or_default().to_string();
                if el.attr("type") == Some("paragraph")
                    && el.attr("default").is_some_and(|d| matches!(d, "1" | "true" | "on"))
                {
                    styles.default_paragraph = Some(id.clone());
                }
                let def = parse_style(cur)?;
                styles.styles.insert(id, def);
                Ok(())
            } else if el.is("docDefaults") {
                styles.defaults = parse_defaults(cur)?;
                Ok(())
            } else {
                cur.skip()
            }
        })?;
        Ok(styles)
    }

    /// The style a paragraph without `w:pStyle` has.
    pub fn default_paragraph(&self) -> Option<&str> {
        self.default_paragraph.as_deref()
    }

    /// The style and the styles it is based on, nearest first.
    fn chain<'s>(&'s self, id: &'s str) -> impl Iterator<Item = (&'s str, Option<&'s StyleDef>)> + 's {
        let mut next = Some(id);
        std::iter::from_fn(move || {
            let id = next?;
            let def = self.styles.get(id);
            next = def.and_then(|d| d.based_on.as_deref());
            Some((id, def))
        })
        .take(MAX_CHAIN)
    }

    /// Heading level (1-based) of a paragraph style.
    pub fn heading_level(&self, id: &str) -> Option<u8> {
        for (style_id, def) in self.chain(id) {
            if let Some(outline) = def.and_then(|d| d.outline) {
                return (outline < 9).then_some(outline + 1);
            }
            // Built-in names; the id stands in when styles.xml is missing or the name is empty.
            let name = def.map(|d| d.name.as_str()).filter(|n| !n.is_empty()).unwrap_or(style_id);
            if let Some(level) = heading_name_level(name) {
                return Some(level);
            }
        }
        None
    }

    /// Emphasis a paragraph style (and its bases) gives its runs.
    pub fn run_props(&self, id: Option<&str>) -> RunProps {
        let mut props = RunProps::default();
        if let Some(id) = id {
            for (_, def) in self.chain(id) {
                if let Some(def) = def {
                    props = props.or(def.run);
                }
            }
        }
        props
    }

    pub fn defaults(&self) -> RunProps {
        self.defaults
    }

    /// The list a paragraph style puts its paragraphs in (numbered heading styles, "List
    /// Bullet"...).
    pub fn num_ref(&self, id: &str) -> Option<NumRef> {
        let mut found = NumRef::default();
        for (_, def) in self.chain(id) {
            if let Some(n) = def.and_then(|d| d.num.as_ref()) {
                found.num_id = found.num_id.or_else(|| n.num_id.clone());
                found.level = found.level.or(n.level);
            }
        }
        found.num_id.is_some().then_some(found)
    }

    /// The list instance a numbering style stands for (`w:numStyleLink` targets).
    pub fn numbering_of(&self, id: &str) -> Option<String> {
        self.num_ref(id).and_then(|n| n.num_id)
    }
}

/// "heading 2" → 2, "Title" → 1, "Subtitle" → 2 (names or ids, any case and spacing).
pub fn heading_name_level(name: &str) -> Option<u8> {
    let n: String = name.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    match n.as_str() {
        "title" => return Some(1),
        "subtitle" => return Some(2),
        _ => {}
    }
    let digits = n.strip_prefix("heading")?;
    let level: u8 = digits.parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

fn parse_style(cur: &mut Cursor) -> Result<StyleDef, ReadError> {
    let mut def = StyleDef::default();
    cur.each_child(|cur, el| {
        match el.local.as_str() {
            "name" if el.is("name") => def.name = el.val().unwrap_or_default().to_string(),
            "basedOn" if el.is("basedOn") => def.based_on = el.val().map(str::to_string),
            "pPr" if el.is("pPr") => {
                let (outline, num) = parse_style_ppr(cur)?;
                def.outline = outline;
                def.num = num;
                return Ok(());
            }
            "rPr" if el.is("rPr") => {
                def.run = parse_rpr(cur)?;
                return Ok(());
            }
            _ => {}
        }
        cur.skip()
    })?;
    Ok(def)
}

fn parse_style_ppr(cur: &mut Cursor) -> Result<(Option<u8>, Option<NumRef>), ReadError> {
    let (mut outline, mut num) = (None, None);
    cur.each_child(|cur, el| {
        if el.is("outlineLvl") {
            outline = el.val().and_then(|v| v.parse::<u8>().ok());
        } else if el.is("numPr") {
            num = Some(parse_num_pr(cur)?);
            return Ok(());
        }
        cur.skip()
    })?;
    Ok((outline, num))
}

/// `w:numPr`: `w:numId` and `w:ilvl`.
pub fn parse_num_pr(cur: &mut Cursor) -> Result<NumRef, ReadError> {
    let mut num = NumRef::default();
    cur.each_child(|cur, el| {
        if el.is("numId") {
            num.num_id = el.val().map(str::to_string);
        } else if el.is("ilvl") {
            num.level = el.val().and_then(|v| v.parse::<u8>().ok());
        }
        cur.skip()
    })?;
    Ok(num)
}

/// `w:rPr`: the emphasis properties, everything else skipped.
pub fn parse_rpr(cur: &mut Cursor) -> Result<RunProps, ReadError> {
    let mut props = RunProps::default();
    cur.each_child(|cur, el| {
        props.set(&el);
        cur.skip()
    })?;
    Ok(props)
}

fn parse_defaults(cur: &mut Cursor) -> Result<RunProps, ReadError> {
    let mut props = RunProps::default();
    cur.each_child(|cur, el| {
        if el.is("rPrDefault") {
            return cur.each_child(|cur, el| {
                if el.is("rPr") {
                    props = parse_rpr(cur)?;
                    return Ok(());
                }
                cur.skip()
            });
        }
        cur.skip()
    })?;
    Ok(props)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:docDefaults><w:rPrDefault><w:rPr><w:i w:val="0"/></w:rPr></w:rPrDefault></w:docDefaults>
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Sect"><w:name w:val="Section Head"/><w:basedOn w:val="Custom"/></w:style>
      <w:style w:type="paragraph" w:styleId="Custom"><w:name w:val="Custom"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
      <w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>
    </w:styles>"#;

    #[test]
    fn heading_levels_through_based_on_and_names() {
        let s = Styles::parse(STYLES).unwrap();
        assert_eq!(s.heading_level("Heading1"), Some(1));
        assert_eq!(s.heading_level("Sect"), Some(3), "outline level inherited through basedOn");
        assert_eq!(s.heading_level("Normal"), None);
        assert_eq!(s.heading_level("Loop"), None, "a cyclic chain ends");
        assert_eq!(s.heading_level("Heading2"), Some(2), "unknown id read as a built-in name");
        assert_eq!(s.default_paragraph(), Some("Normal"));
    }

    #[test]
    fn run_props_and_list_styles() {
        let s = Styles::parse(STYLES).unwrap();
        assert_eq!(s.run_props(Some("Heading1")).bold, Some(true));
        assert_eq!(s.defaults().italic, Some(false));
        assert_eq!(s.num_ref("ListBullet").and_then(|n| n.num_id).as_deref(), Some("4"));
    }
}
