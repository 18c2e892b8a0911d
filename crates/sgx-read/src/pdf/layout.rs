//! Page layout: glyphs → text lines (words spaced by the gaps between glyphs) → blocks in
//! reading order (XY-cut for columns), with headings from font size and weight, list items
//! from bullets and numbers, and paragraphs from line spacing and alignment.

use std::collections::BTreeSet;

use sgx_ir::{is_bullet_glyph, BBox, Style, Text};
use unicode_segmentation::UnicodeSegmentation;

use super::device::Glyph;
use crate::common::text_builder::{append, trim_text};

/// A run of text on one baseline, with no gap wider than a column gutter inside it.
#[derive(Debug, Clone)]
pub struct Line {
    pub text: Text,
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    pub baseline: f32,
    pub size: f32,
    /// Each word's byte range in `text` and its horizontal extent, for splitting a line
    /// where a table column boundary runs through it.
    pub words: Vec<WordSpan>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordSpan {
    pub start: usize,
    pub end: usize,
    pub x0: f32,
    pub x1: f32,
}

impl Line {
    /// Split the line at the word gap at `x` (within a couple of points, as a column edge
    /// is where the next word starts); None if no gap is there.
    pub fn split_at_gap(&self, x: f32) -> Option<(Line, Line)> {
        let k = self.words.windows(2).position(|w| w[0].x1 <= x + 2.0 && x - 2.0 <= w[1].x0)?;
        let (left_words, right_words) = self.words.split_at(k + 1);
        let cut = right_words[0].start;
        let slice = |from: usize, to: usize| -> Text {
            let mut t = Text::plain(&self.text.text[from..to]);
            t.marks = self
                .text
                .marks
                .iter()
                .filter(|m| m.end > from && m.start < to)
                .map(|m| sgx_ir::Mark {
                    start: m.start.max(from) - from,
                    end: m.end.min(to) - from,
                    style: m.style,
                })
                .collect();
            trim_text(t)
        };
        let shift = |ws: &[WordSpan], by: usize| {
            ws.iter().map(|w| WordSpan { start: w.start - by, end: w.end - by, ..*w }).collect()
        };
        let left_end = left_words.last().map_or(cut, |w| w.end);
        let left = Line {
            text: slice(0, left_end),
            x1: left_words.last().map_or(self.x0, |w| w.x1),
            words: left_words.to_vec(),
            ..self.clone()
        };
        let right = Line {
            text: slice(cut, self.text.text.len()),
            x0: right_words[0].x0,
            words: shift(right_words, cut),
            ..self.clone()
        };
        Some((left, right))
    }

    pub fn bbox(&self) -> BBox {
        BBox { x0: self.x0, y0: self.top, x1: self.x1, y1: self.bottom }
    }
    pub fn plain(&self) -> &str {
        self.text.text.trim()
    }
    pub fn is_bold(&self) -> bool {
        self.text.is_all(Style::Bold)
    }
}

/// Ligatures and look-alike characters that text layers carry, written out.
pub fn normalise_glyph_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            '\u{00AD}' | '\u{200B}' | '\u{FEFF}' => {}
            '\u{00A0}' | '\u{2002}'..='\u{200A}' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Group glyphs into rows sharing a baseline, each sorted left to right.
pub fn rows(glyphs: &[&Glyph]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    order.sort_by(|&a, &b| {
        glyphs[a].baseline.total_cmp(&glyphs[b].baseline).then(glyphs[a].x0.total_cmp(&glyphs[b].x0))
    });
    let mut rows: Vec<(f32, f32, Vec<usize>)> = Vec::new(); // (baseline, size, members)
    for i in order {
        let g = glyphs[i];
        match rows.last_mut() {
            Some((base, size, members)) if (g.baseline - *base).abs() <= 0.3 * size.min(g.size).max(1.0) => {
                members.push(i)
            }
            _ => rows.push((g.baseline, g.size, vec![i])),
        }
    }
    rows.into_iter()
        .map(|(_, _, mut m)| {
            m.sort_by(|&a, &b| glyphs[a].x0.total_cmp(&glyphs[b].x0));
            m
        })
        .collect()
}

/// Turn one row of glyphs into lines, splitting where the gap is wider than `split_gap` em
/// (None: never split, as inside a table cell).
pub fn row_lines(glyphs: &[&Glyph], row: &[usize], split_gap: Option<f32>) -> Vec<Line> {
    let mut out = Vec::new();
    let mut cur: Vec<&Glyph> = Vec::new();
    for &i in row {
        let g = glyphs[i];
        if let Some(prev) = cur.last() {
            // The same glyph drawn twice at (almost) the same place — a fake-bold technique —
            // is one glyph; a double letter ("ll") sits a whole advance further on.
            if prev.text == g.text
                && (prev.x0 - g.x0).abs() < 0.1 * g.size
                && (prev.baseline - g.baseline).abs() < 0.1 * g.size
            {
                continue;
            }
            let gap = g.x0 - prev.x1;
            // A number or bullet tabbed away from its text ("5.⇥Monitoring", "•⇥Audit") stays
            // with it.
            let marker_so_far = cur.len() <= 4 && {
                let t: String = cur.iter().map(|g| g.text.as_str()).collect::<String>();
                let t = t.trim();
                let numbered = t.len() >= 2
                    && t.ends_with(['.', ')'])
                    && t[..t.len() - 1].chars().all(|c| c.is_ascii_digit() || c == '.');
                numbered || (!t.is_empty() && t.chars().all(is_bullet_glyph))
            };
            if !marker_so_far && split_gap.is_some_and(|s| gap > s * g.size.max(prev.size)) {
                if let Some(l) = line_of(&cur) {
                    out.push(l);
                }
                cur.clear();
            }
        }
        cur.push(g);
    }
    if let Some(l) = line_of(&cur) {
        out.push(l);
    }
    out
}

fn line_of(glyphs: &[&Glyph]) -> Option<Line> {
    let visible: Vec<&&Glyph> = glyphs.iter().filter(|g| !g.is_space()).collect();
    let first = visible.first()?;
    let last = visible.last()?;
    let mut text = Text::default();
    let mut prev: Option<&Glyph> = None;
    let mut pending_space = false;
    let mut words: Vec<WordSpan> = Vec::new();
    // Where the text layer spells out its spaces, only a wide gap is an unwritten space
    // (justified and kerned text leaves small gaps inside words); where it has none, any
    // gap wider than a thin space is one.
    let spelled = glyphs.iter().any(|g| g.is_space());
    let gap_em = if spelled { 0.3 } else { 0.12 };
    for g in glyphs {
        if g.is_space() {
            pending_space = prev.is_some();
            continue;
        }
        let mut new_word = prev.is_none();
        // A combining mark drawn as its own glyph (an accent placed over the letter before
        // it) belongs to that letter's grapheme: never a space between them.
        let combines = prev.is_some_and(|p| format!("{}{}", p.text, g.text).graphemes(true).count() == 1);
        if let (Some(p), false) = (prev, combines) {
            let gap = g.x0 - p.x1;
            if pending_space || gap > gap_em * g.size.max(p.size) {
                let both_bold = p.bold && g.bold;
                text.push(" ", if both_bold { &[Style::Bold] } else { &[] });
                new_word = true;
            }
        }
        if new_word {
            words.push(WordSpan { start: text.text.len(), end: text.text.len(), x0: g.x0, x1: g.x1 });
        }
        let mut styles = Vec::new();
        if g.bold {
            styles.push(Style::Bold);
        }
        if g.italic {
            styles.push(Style::Italic);
        }
        text.push(&normalise_glyph_text(&g.text), &styles);
        if let Some(w) = words.last_mut() {
            w.end = text.text.len();
            w.x1 = w.x1.max(g.x1);
        }
        prev = Some(g);
        pending_space = false;
    }
    // Words were recorded on the untrimmed text; it only ever starts with a glyph, and
    // trimming collapses no inner runs (one space is pushed per gap), so offsets hold.
    if text.is_empty() || text.text.trim().is_empty() {
        return None;
    }
    let mut sizes: Vec<f32> = visible.iter().map(|g| g.size).collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes[sizes.len() / 2];
    Some(Line {
        text,
        x0: first.x0,
        x1: visible.iter().map(|g| g.x1).fold(last.x1, f32::max),
        top: visible.iter().map(|g| g.top()).fold(f32::MAX, f32::min),
        bottom: visible.iter().map(|g| g.bottom()).fold(f32::MIN, f32::max),
        baseline: first.baseline,
        size,
        words,
    })
}

/// A list marker at the start of a line: a bullet glyph, a dash, or a number like "1." / "a)".
pub fn list_marker(s: &str) -> Option<(String, &str)> {
    let t = s.trim_start();
    let mut chars = t.chars();
    let c = chars.next()?;
    let rest = chars.as_str();
    if is_bullet_glyph(c) || ((c == '-' || c == '–' || c == '*') && rest.starts_with(' ')) {
        let rest = rest.trim_start();
        // A dash leads an item only when words follow ("- Audit", not "- - - -").
        let worded = rest.starts_with(|ch: char| ch.is_alphanumeric() || matches!(ch, '"' | '“' | '‘' | '('));
        return (worded || is_bullet_glyph(c)).then(|| (c.to_string(), rest)).filter(|(_, r)| !r.is_empty());
    }
    if c == 'o' && rest.starts_with(' ') && rest.trim_start().starts_with(char::is_uppercase) {
        return Some(("o".into(), rest.trim_start()));
    }
    let end = t.find(' ')?;
    let head = &t[..end];
    let body = head.trim_end_matches(['.', ')']);
    let numbered = head.len() > body.len()
        && body.len() <= 3
        && (body.chars().all(|c| c.is_ascii_digit())
            || (body.len() == 1 && body.chars().all(|c| c.is_ascii_lowercase())));
    let bracketed = head.starts_with('(') && head.ends_with(')') && head.len() <= 6;
    ((numbered || bracketed) && t.len() > end + 1).then(|| (head.to_string(), t[end..].trim_start()))
}

/// Words of the document, to decide whether a line-end hyphen is part of the word.
#[derive(Default)]
pub struct Vocabulary(BTreeSet<String>);

impl Vocabulary {
    pub fn add(&mut self, text: &str) {
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            if w.len() > 2 {
                self.0.insert(w.to_lowercase());
            }
        }
    }

    /// Join a line to the text before it: a hyphen at the line end joins without a space and
    /// is dropped only where the unhyphenated word occurs elsewhere in the document.
    pub fn join(&self, dst: &mut Text, next: Text) {
        let t = dst.text.trim_end();
        let hyphenated = t.ends_with('-') && t[..t.len() - 1].chars().last().is_some_and(char::is_alphabetic);
        let next_lower = next.text.chars().next().is_some_and(char::is_lowercase);
        if hyphenated && next_lower {
            let head = t[..t.len() - 1].rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            let tail = next.text.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            let whole = format!("{head}{tail}").to_lowercase();
            dst.text.truncate(t.len());
            if self.0.contains(&whole) {
                dst.text.pop();
                for m in &mut dst.marks {
                    m.end = m.end.min(dst.text.len());
                }
            }
        } else if !dst.text.is_empty() {
            dst.push(" ", &[]);
        }
        append(dst, next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(text: &str, x0: f32, baseline: f32) -> Glyph {
        Glyph { text: text.into(), x0, x1: x0 + 5.0, baseline, size: 10.0, bold: false, italic: false }
    }

    #[test]
    fn a_line_splits_at_a_word_gap() {
        let glyphs = [g("a", 0.0, 100.0), g("b", 5.0, 100.0), g("c", 14.0, 100.0)];
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        let line = &row_lines(&refs, &rows(&refs)[0], None)[0];
        let (l, r) = line.split_at_gap(12.0).unwrap();
        assert_eq!((l.plain(), r.plain()), ("ab", "c"));
        assert_eq!(r.x0, 14.0);
        assert!(line.split_at_gap(30.0).is_none());
    }

    #[test]
    fn gaps_make_spaces_and_gutters_split_lines() {
        let glyphs = [g("a", 0.0, 100.0), g("b", 5.0, 100.0), g("c", 12.0, 100.0), g("d", 60.0, 100.0)];
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        let rs = rows(&refs);
        assert_eq!(rs.len(), 1);
        let lines = row_lines(&refs, &rs[0], Some(1.0));
        let texts: Vec<&str> = lines.iter().map(|l| l.plain()).collect();
        assert_eq!(texts, vec!["ab c", "d"]);
        let whole = row_lines(&refs, &rs[0], None);
        assert_eq!(whole[0].plain(), "ab c d");
    }

    #[test]
    fn markers() {
        assert_eq!(list_marker("• Audit files").map(|m| m.1), Some("Audit files"));
        assert_eq!(list_marker("2. Train staff").map(|m| m.0), Some("2.".to_string()));
        assert_eq!(list_marker("2019 was busy"), None);
        assert_eq!(list_marker("o Nested item").map(|m| m.1), Some("Nested item"));
    }

    #[test]
    fn hyphen_dropped_only_for_known_words() {
        let mut v = Vocabulary::default();
        v.add("a subgroup met");
        let mut t = Text::plain("the sub-");
        v.join(&mut t, Text::plain("group met"));
        assert_eq!(t.text, "the subgroup met");
        let mut t = Text::plain("a multi-");
        v.join(&mut t, Text::plain("agency plan"));
        assert_eq!(t.text, "a multi-agency plan");
    }

    #[test]
    fn a_combining_accent_joins_its_letter() {
        let glyphs = [g("e", 0.0, 100.0), g("\u{301}", 3.0, 100.0), g("t", 6.0, 100.0)];
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        let line = &row_lines(&refs, &rows(&refs)[0], None)[0];
        assert_eq!(line.plain(), "e\u{301}t");
    }

    #[test]
    fn ligatures_are_written_out() {
        assert_eq!(normalise_glyph_text("ﬁnal oﬃce\u{00AD}"), "final office");
    }
}
