//! List numbering (numbering.xml): which number or bullet each list paragraph shows.
//!
//! A paragraph names a list instance (`w:numId`) and a level (`w:ilvl`); the instance points
//! at an abstract definition whose level gives the start value, the number format and the
//! label pattern (`%1.%2`). Counters run per abstract definition in document order, deeper
//! levels restart when a shallower one advances, and an instance's `w:startOverride`
//! restarts its level on first use — so labels come out as Word prints them.

use std::collections::{BTreeMap, BTreeSet};

use super::styles::Styles;
use super::xml::{Cursor, El};
use crate::common::numbering::{roman, word_letters};
use crate::error::ReadError;

const LEVELS: usize = 9;

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    pattern: String,
    /// `w:isLgl`: shallower levels shown as decimal in this level's label.
    legal: bool,
    /// `w:lvlRestart w:val="0"`: never restarts.
    no_restart: bool,
}

#[derive(Debug, Default)]
struct Abstract {
    levels: Vec<Option<Level>>,
    /// `w:numStyleLink`: the definition lives in a numbering style.
    style_link: Option<String>,
}

#[derive(Debug, Default)]
struct Instance {
    abstract_id: String,
    start_overrides: Vec<(usize, u32)>,
    level_overrides: Vec<(usize, Level)>,
}

#[derive(Debug, Default)]
struct Counters {
    values: [Option<u32>; LEVELS],
}

/// The label a list paragraph shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    pub bullet: bool,
}

#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: BTreeMap<String, Abstract>,
    instances: BTreeMap<String, Instance>,
    counters: BTreeMap<String, Counters>,
    used: BTreeSet<String>,
}

impl Numbering {
    pub fn parse(xml: &str) -> Result<Numbering, ReadError> {
        let mut cur = Cursor::new(xml, "word/numbering.xml");
        let mut n = Numbering::default();
        cur.root()?;
        cur.each_child(|cur, el| {
            if el.is("abstractNum") {
                let id = el.attr("abstractNumId").unwrap_or_default().to_string();
                let abs = parse_abstract(cur)?;
                n.abstracts.insert(id, abs);
            } else if el.is("num") {
                let id = el.attr("numId").unwrap_or_default().to_string();
                let inst = parse_instance(cur)?;
                n.instances.insert(id, inst);
            } else {
                cur.skip()?;
            }
            Ok(())
        })?;
        Ok(n)
    }

    /// Advance the counters for a paragraph of list `num_id` at `level` and return its label.
    pub fn label(&mut self, num_id: &str, level: u8, styles: &Styles) -> Option<Label> {
        let level = (level as usize).min(LEVELS - 1);
        let inst = self.instances.get(num_id)?;
        let abstract_id = self.resolve_abstract(&inst.abstract_id, styles)?;
        let levels = self.levels_of(num_id, &abstract_id);
        let def = levels.get(level).cloned().flatten()?;
        let first_use = self.used.insert(num_id.to_string());
        let counters = self.counters.entry(abstract_id).or_default();
        if first_use {
            for &(l, _) in &inst.start_overrides {
                if let Some(slot) = counters.values.get_mut(l) {
                    *slot = None;
                }
            }
        }
        let start_of = |l: usize| -> u32 {
            inst.start_overrides
                .iter()
                .find(|(k, _)| *k == l)
                .map(|&(_, s)| s)
                .or_else(|| levels.get(l).cloned().flatten().map(|d| d.start))
                .unwrap_or(1)
        };
        counters.values[level] = Some(match counters.values[level] {
            Some(v) => v.saturating_add(1),
            None => start_of(level),
        });
        for (l, slot) in counters.values.iter_mut().enumerate().skip(level + 1) {
            if !levels.get(l).cloned().flatten().is_some_and(|d| d.no_restart) {
                *slot = None;
            }
        }
        if def.format == "bullet" {
            return Some(Label { text: bullet_glyph(&def.pattern), bullet: true });
        }
        let text = expand_pattern(&def.pattern, |l| {
            let value = counters.values.get(l).copied().flatten().unwrap_or_else(|| start_of(l));
            let format = if def.legal {
                "decimal".to_string()
            } else {
                levels.get(l).cloned().flatten().map(|d| d.format).unwrap_or_default()
            };
            format_number(value, &format)
        });
        Some(Label { text, bullet: false })
    }

    /// Follow `w:numStyleLink` (one hop, through the numbering style's own list).
    fn resolve_abstract(&self, id: &str, styles: &Styles) -> Option<String> {
        let abs = self.abstracts.get(id)?;
        let Some(link) = &abs.style_link else { return Some(id.to_string()) };
        let linked =
            styles.numbering_of(link).and_then(|num| self.instances.get(&num)).map(|i| i.abstract_id.clone());
        Some(linked.filter(|l| self.abstracts.contains_key(l)).unwrap_or_else(|| id.to_string()))
    }

    fn levels_of(&self, num_id: &str, abstract_id: &str) -> Vec<Option<Level>> {
        let mut levels = self.abstracts.get(abstract_id).map(|a| a.levels.clone()).unwrap_or_default();
        levels.resize(LEVELS, None);
        if let Some(inst) = self.instances.get(num_id) {
            for (l, def) in &inst.level_overrides {
                levels[*l] = Some(def.clone());
            }
        }
        levels
    }
}

fn level_index(el: &El) -> usize {
    el.attr("ilvl").and_then(|v| v.parse::<usize>().ok()).unwrap_or(0).min(LEVELS - 1)
}

fn parse_abstract(cur: &mut Cursor) -> Result<Abstract, ReadError> {
    let mut abs = Abstract { levels: vec![None; LEVELS], style_link: None };
    cur.each_child(|cur, el| {
        if el.is("lvl") {
            let l = level_index(&el);
            abs.levels[l] = Some(parse_level(cur)?);
            return Ok(());
        }
        if el.is("numStyleLink") {
            abs.style_link = el.val().map(str::to_string);
        }
        cur.skip()
    })?;
    Ok(abs)
}

fn parse_level(cur: &mut Cursor) -> Result<Level, ReadError> {
    let mut lvl = Level { start: 1, format: "decimal".into(), ..Level::default() };
    cur.each_child(|cur, el| {
        match el.local.as_str() {
            "start" if el.is("start") => lvl.start = el.val().and_then(|v| v.parse().ok()).unwrap_or(1),
            "numFmt" if el.is("numFmt") => lvl.format = el.val().unwrap_or("decimal").to_string(),
            "lvlText" if el.is("lvlText") => lvl.pattern = el.val().unwrap_or_default().to_string(),
            "isLgl" if el.is("isLgl") => lvl.legal = el.on(),
            "lvlRestart" if el.is("lvlRestart") => lvl.no_restart = el.val() == Some("0"),
            _ => {}
        }
        cur.skip()
    })?;
    Ok(lvl)
}

fn parse_instance(cur: &mut Cursor) -> Result<Instance, ReadError> {
    let mut inst = Instance::default();
    cur.each_child(|cur, el| {
        if el.is("abstractNumId") {
            inst.abstract_id = el.val().unwrap_or_default().to_string();
        } else if el.is("lvlOverride") {
            let l = level_index(&el);
            let (start, level) = parse_override(cur)?;
            if let Some(s) = start {
                inst.start_overrides.push((l, s));
            }
            if let Some(def) = level {
                inst.level_overrides.push((l, def));
            }
            return Ok(());
        }
        cur.skip()
    })?;
    Ok(inst)
}

fn parse_override(cur: &mut Cursor) -> Result<(Option<u32>, Option<Level>), ReadError> {
    let (mut start, mut level) = (None, None);
    cur.each_child(|cur, el| {
        if el.is("startOverride") {
            start = el.val().and_then(|v| v.parse().ok());
        } else if el.is("lvl") {
            level = Some(parse_level(cur)?);
            return Ok(());
        }
        cur.skip()
    })?;
    Ok((start, level))
}

/// Replace `%1`..`%9` in a label pattern with the formatted counters of those levels.
fn expand_pattern(pattern: &str, mut value: impl FnMut(usize) -> String) -> String {
    let mut out = String::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().and_then(|d| d.to_digit(10))) {
            ('%', Some(d @ 1..=9)) => {
                chars.next();
                out.push_str(&value(d as usize - 1));
            }
            _ => out.push(c),
        }
    }
    out
}

/// A counter value in a `w:numFmt` format.
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "upperRoman" => roman(n, true),
        "lowerRoman" => roman(n, false),
        "upperLetter" => word_letters(n, true),
        "lowerLetter" => word_letters(n, false),
        "decimalZero" => format!("{n:02}"),
        "ordinal" => format!("{n}{}", ordinal_suffix(n)),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

fn ordinal_suffix(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// The bullet a level shows; Symbol / Wingdings private-use glyphs become their Unicode look.
pub(super) fn bullet_glyph(pattern: &str) -> String {
    let Some(c) = pattern.chars().next() else { return "•".into() };
    let mapped = match c {
        '\u{F0B7}' | '\u{F095}' => '•',
        '\u{F0A7}' | '\u{F06E}' => '▪',
        '\u{F0D8}' => '➢',
        '\u{F076}' => '❖',
        '\u{F0FC}' => '✓',
        '\u{F0A8}' | '\u{F06F}' => '□',
        '\u{F000}'..='\u{F0FF}' => '•',
        c => c,
    };
    mapped.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1.%2)"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    #[test]
    fn counters_patterns_and_overrides() {
        let styles = Styles::default();
        let mut n = Numbering::parse(NUMBERING).unwrap();
        let mut label = |id: &str, l: u8| n.label(id, l, &styles).map(|l| l.text);
        assert_eq!(label("1", 0).as_deref(), Some("I."));
        assert_eq!(label("1", 1).as_deref(), Some("I.a)"));
        assert_eq!(label("1", 1).as_deref(), Some("I.b)"));
        assert_eq!(label("1", 0).as_deref(), Some("II."));
        assert_eq!(label("1", 1).as_deref(), Some("II.a)"), "deeper level restarts");
        assert_eq!(label("2", 0).as_deref(), Some("•"));
        assert_eq!(label("3", 0).as_deref(), Some("V."), "startOverride restarts the shared counter");
        assert_eq!(label("3", 0).as_deref(), Some("VI."));
        assert_eq!(label("9", 0), None);
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        // Word repeats the letter past z: 27 is "aa", 28 "bb" (HTML's 28 is "ab").
        assert_eq!(format_number(27, "lowerLetter"), "aa");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(3, "decimalZero"), "03");
        assert_eq!(format_number(22, "ordinal"), "22nd");
    }
}
