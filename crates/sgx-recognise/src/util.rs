//! Helpers shared by the recognisers: block context (which heading a block sits under),
//! evidence, and text normalisation.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex_lite::{Captures, Regex};
use sgx_ir::{BBox, Block, BlockKind, Document, LineRange, Provenance, Style, Text};
use sgx_model::Evidence;

use crate::vocab::{number_word, LEAD_END_ROLES, LEAD_TAIL_ROLES};

/// A pattern with the words it cannot match without (its cues).
///
/// The recognisers use regex-lite, whose patterns compile in microseconds (the `regex` crate
/// spent ~10 ms per process compiling ours, more than reading a short PDF), but which has no
/// literal prefilter: it runs its NFA over every byte. Patterns searched over every paragraph
/// therefore carry their cues, and a text without any is skipped at memchr speed. A pattern
/// whose matches stay near their cue ([`Cued::near`]) is run only on the stretches around the
/// cues' occurrences, which matters where a cue word is common ("report" in a report). Debug
/// builds check both: a skipped text must not match, and the stretches must give exactly the
/// matches of the whole text.
pub struct Cued {
    /// Lower-case ASCII words; one of them occurs (in any case) wherever the pattern matches.
    cues: &'static [&'static str],
    re: LazyLock<Regex, fn() -> Regex>,
    /// Bytes a match may start before the start of a cue, and end after it.
    reach: Option<(usize, usize)>,
    /// For a pattern anchored at the end ("…$"): the most bytes a match spans.
    tail: Option<usize>,
}

impl Cued {
    pub const fn new(cues: &'static [&'static str], build: fn() -> Regex) -> Cued {
        Cued { cues, re: LazyLock::new(build), reach: None, tail: None }
    }

    /// A pattern whose every match starts at most `before` bytes before the start of a cue's
    /// occurrence and ends at most `after` bytes after it.
    pub const fn near(
        cues: &'static [&'static str],
        before: usize,
        after: usize,
        build: fn() -> Regex,
    ) -> Cued {
        Cued { cues, re: LazyLock::new(build), reach: Some((before, after)), tail: None }
    }

    /// A pattern anchored at the end of the text whose matches span at most `span` bytes:
    /// only the text's end is searched.
    pub const fn ending(cues: &'static [&'static str], span: usize, build: fn() -> Regex) -> Cued {
        Cued { cues, re: LazyLock::new(build), reach: None, tail: Some(span) }
    }

    /// The pattern, if `text` has one of its cues.
    fn gate(&self, text: &str) -> Option<&Regex> {
        let cued = self.cues.iter().any(|cue| contains_ignore_ascii_case(text, cue));
        debug_assert!(
            cued || !self.re.is_match(text),
            "cues {:?} miss a match of {} in {text:?}",
            self.cues,
            self.re.as_str()
        );
        cued.then(|| &*self.re)
    }

    /// The stretches of `text` a match can lie in: around each cue's occurrence, merged, each
    /// end moved past the word it falls in (so that no word is cut into a false match).
    fn stretches(&self, text: &str, (before, after): (usize, usize)) -> Vec<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut starts: Vec<usize> = Vec::new();
        for cue in self.cues {
            let Some((&first, rest)) = cue.as_bytes().split_first() else { continue };
            starts.extend(
                memchr::memchr2_iter(first, first.to_ascii_uppercase(), bytes).filter(|&i| {
                    bytes.get(i + 1..i + cue.len()).is_some_and(|w| w.eq_ignore_ascii_case(rest))
                }),
            );
        }
        starts.sort_unstable();
        let mut out: Vec<(usize, usize)> = Vec::new();
        for q in starts {
            let mut from = q.saturating_sub(before);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let mut to = (q + after).min(text.len());
            while to < text.len()
                && (!text.is_char_boundary(to) || text[to..].starts_with(char::is_alphanumeric))
            {
                to += 1;
            }
            match out.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => out.push((from, to)),
            }
        }
        out
    }

    /// Every match, in order: over the stretches around the cues where the pattern has a
    /// reach, else over the whole text.
    fn all_captures<'h>(&self, text: &'h str) -> Vec<Captures<'h>> {
        let Some(re) = self.gate(text) else { return Vec::new() };
        let Some(reach) = self.reach else { return re.captures_iter(text).collect() };
        let mut out: Vec<Captures<'h>> = Vec::new();
        let mut pos = 0;
        for (from, to) in self.stretches(text, reach) {
            let hay = &text[..to];
            let mut at = from.max(pos);
            while at <= to {
                let Some(c) = re.captures_at(hay, at) else { break };
                let m = c.get(0).expect("match");
                at = if m.end() > m.start() { m.end() } else { m.end() + 1 };
                pos = m.end();
                out.push(c);
            }
        }
        debug_assert!(
            {
                let spans = |cs: &[Captures]| -> Vec<(usize, usize)> {
                    cs.iter().filter_map(|c| c.get(0)).map(|m| (m.start(), m.end())).collect()
                };
                let whole: Vec<Captures> = re.captures_iter(text).collect();
                spans(&whole) == spans(&out)
            },
            "the reach of {} misses a match in {text:?}",
            re.as_str()
        );
        out
    }

    pub fn is_match(&self, text: &str) -> bool {
        if let Some(span) = self.tail {
            let Some(re) = self.gate(text) else { return false };
            let mut from = text.len().saturating_sub(span);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let found = re.find_at(text, from).is_some();
            debug_assert_eq!(
                found,
                re.is_match(text),
                "the span of {} misses a match in {text:?}",
                re.as_str()
            );
            return found;
        }
        self.find(text).is_some()
    }

    pub fn find<'h>(&self, text: &'h str) -> Option<regex_lite::Match<'h>> {
        match self.reach {
            Some(_) => self.all_captures(text).into_iter().next().and_then(|c| c.get(0)),
            None => self.gate(text).and_then(|re| re.find(text)),
        }
    }

    pub fn replace_all<'h>(&self, text: &'h str, with: &str) -> Cow<'h, str> {
        match self.gate(text) {
            Some(re) => re.replace_all(text, with),
            None => Cow::Borrowed(text),
        }
    }

    pub fn captures<'h>(&self, text: &'h str) -> Option<Captures<'h>> {
        match self.reach {
            Some(_) => self.all_captures(text).into_iter().next(),
            None => self.gate(text).and_then(|re| re.captures(text)),
        }
    }

    pub fn captures_iter<'r, 'h>(&'r self, text: &'h str) -> Box<dyn Iterator<Item = Captures<'h>> + 'h>
    where
        'r: 'h,
    {
        match self.reach {
            Some(_) => Box::new(self.all_captures(text).into_iter()),
            None => Box::new(self.gate(text).into_iter().flat_map(move |re| re.captures_iter(text))),
        }
    }

    pub fn find_iter<'r, 'h>(&'r self, text: &'h str) -> Box<dyn Iterator<Item = regex_lite::Match<'h>> + 'h>
    where
        'r: 'h,
    {
        match self.reach {
            Some(_) => Box::new(self.all_captures(text).into_iter().filter_map(|c| c.get(0))),
            None => Box::new(self.gate(text).into_iter().flat_map(move |re| re.find_iter(text))),
        }
    }
}

/// The words of `text` as a regex's `\b` sees them: runs of ASCII letters, digits and `_`,
/// with their byte offsets.
pub fn ascii_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() && !is_word(bytes[at]) {
            at += 1;
        }
        let start = at;
        while at < bytes.len() && is_word(bytes[at]) {
            at += 1;
        }
        (at > start).then(|| (start, &text[start..at]))
    })
}

/// `needle` (lower-case ASCII) occurs in `hay`, ignoring ASCII case.
pub fn contains_ignore_ascii_case(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else { return true };
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), hay)
        .any(|i| hay.get(i + 1..i + needle.len()).is_some_and(|w| w.eq_ignore_ascii_case(rest)))
}

/// Evidence for a fact read from block `block` at `prov`.
pub fn evidence(block: usize, prov: &Provenance) -> Evidence {
    Evidence {
        block,
        page: prov.page,
        lines: prov.lines.map(|l| [l.start, l.end]),
        bbox: prov.bbox.map(|b| [b.x0, b.y0, b.x1, b.y1]),
        path: prov.path.clone(),
    }
}

/// The source location of a fact's evidence, for a warning about that fact.
pub fn provenance_of(ev: &Evidence) -> Provenance {
    Provenance {
        page: ev.page,
        lines: ev.lines.map(|[start, end]| LineRange { start, end }),
        bbox: ev.bbox.map(|[x0, y0, x1, y1]| BBox { x0, y0, x1, y1 }),
        path: ev.path.clone(),
    }
}

/// A warning as the model prints it: kind, message and the place it is about.
pub fn model_warning(w: &sgx_ir::Warning) -> sgx_model::Warning {
    let prov = w.prov.as_ref();
    sgx_model::Warning {
        kind: w.kind,
        message: w.message.clone(),
        page: prov.and_then(|p| p.page),
        lines: prov.and_then(|p| p.lines).map(|l| [l.start, l.end]),
        path: prov.and_then(|p| p.path.clone()),
    }
}

/// A document with, for every block, the index of the heading-like block it sits under.
pub struct Context<'a> {
    pub doc: &'a Document,
    /// `section[i]`: the nearest heading-like block before block `i`.
    pub section: Vec<Option<usize>>,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let mut section = Vec::with_capacity(doc.blocks.len());
        let mut current = None;
        for (i, b) in doc.blocks.iter().enumerate() {
            section.push(current);
            if heading_text(b).is_some() {
                current = Some(i);
            }
        }
        Context { doc, section }
    }

    pub fn blocks(&self) -> impl Iterator<Item = (usize, &'a Block)> {
        self.doc.blocks.iter().enumerate()
    }

    /// The text of the heading block `i` sits under, lower-cased.
    pub fn section_title(&self, i: usize) -> Option<String> {
        self.section[i].and_then(|h| heading_text(&self.doc.blocks[h])).map(|t| t.to_lowercase())
    }
}

/// The text of a heading, or of a short paragraph that reads as one (entirely bold, or a
/// short line that ends in a colon or no punctuation at all and has few words).
pub fn heading_text(b: &Block) -> Option<String> {
    match &b.kind {
        BlockKind::Heading { text, .. } => Some(clean(&text.text)),
        BlockKind::Paragraph { text } if is_heading_like(text) => Some(clean(&text.text)),
        _ => None,
    }
}

/// A bold one-line paragraph of at most this many words reads as a heading.
const HEADING_LIKE_WORDS: usize = 12;

fn is_heading_like(t: &Text) -> bool {
    let words = t.text.split_whitespace().count();
    words > 0 && words <= HEADING_LIKE_WORDS && !t.text.contains('\n') && t.is_all(Style::Bold)
}

static MARKUP: Cued = Cued::new(&["**", "__", "<"], || Regex::new(r"\*\*|__|<[^>]{1,40}>").unwrap());

/// Normalise text for output: markup leftovers removed, whitespace collapsed, bullet glyphs
/// and stray separators trimmed from both ends.
pub fn clean(s: &str) -> String {
    let s = MARKUP.replace_all(s, " ");
    let s = sgx_ir::normalize_ws(&s);
    s.trim_matches(|c: char| c.is_whitespace() || sgx_ir::is_bullet_glyph(c) || c == '|').to_string()
}

/// Lower-case words of a text (Unicode word boundaries), for comparisons.
pub fn words(s: &str) -> Vec<String> {
    use unicode_segmentation::UnicodeSegmentation;
    s.unicode_words()
        .map(|w| w.trim_matches(|c| c == '\'' || c == '’').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Token-set overlap (Dice) of two texts, 0..1.
pub fn similarity(a: &str, b: &str) -> f32 {
    let wa = words(a);
    let wb = words(b);
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let common =
        wa.iter().filter(|w| wb.contains(w)).count().min(wb.iter().filter(|w| wa.contains(w)).count());
    2.0 * common as f32 / (wa.len() + wb.len()) as f32
}

/// Parse a Roman numeral (I..XXXIX), case-insensitive.
pub fn roman(s: &str) -> Option<u32> {
    let s = s.to_ascii_uppercase();
    if s.is_empty() || !s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) {
        return None;
    }
    let val = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        _ => 0,
    };
    let chars: Vec<u32> = s.chars().map(val).collect();
    let mut total = 0i32;
    for (i, &v) in chars.iter().enumerate() {
        if chars.get(i + 1).is_some_and(|&n| n > v) {
            total -= v as i32;
        } else {
            total += v as i32;
        }
    }
    (total > 0 && total < 90).then_some(total as u32)
}

/// A number written as digits, a Roman numeral or a word.
pub fn any_number(s: &str) -> Option<u32> {
    s.parse().ok().or_else(|| roman(s)).or_else(|| number_word(s))
}

/// Role nouns that end one lead; a capitalised word right after one starts the next lead
/// ("NSCB Manager NSCB Board Reps", "DAAT representative NSCB Chair").
static LEAD_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^({LEAD_END_ROLES})$")).unwrap());

static ROLE_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^({LEAD_TAIL_ROLES})$")).unwrap());

/// Split a run of names printed without separators (a lead cell, a subgroup column) into
/// the names it holds.
pub fn split_names(text: &str) -> Vec<String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for (k, tok) in tokens.iter().enumerate() {
        if k > 0 && !cur.is_empty() {
            let prev = tokens[k - 1];
            // "Manager, Children and Families" is one lead: a comma joins, it does not split.
            let prev_core = prev.trim_end_matches('.');
            let ends_role = LEAD_END.is_match(prev_core) || prev_core.ends_with(')') || prev.ends_with(").");
            // "Panel Chair", "Group Lead": a role word right after a body word continues it.
            let continues_role = ROLE_TAIL.is_match(tok.trim_end_matches(['.', ',']));
            let starts_name = tok.chars().next().is_some_and(|c| c.is_uppercase()) && !continues_role;
            if ends_role && starts_name {
                out.push(cur.join(" "));
                cur.clear();
            }
        }
        cur.push(tok);
    }
    if !cur.is_empty() {
        out.push(cur.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_every_style() {
        assert_eq!(any_number("4"), Some(4));
        assert_eq!(any_number("IV"), Some(4));
        assert_eq!(any_number("iii"), Some(3));
        assert_eq!(any_number("Seven"), Some(7));
        assert_eq!(any_number("Lead"), None);
    }

    #[test]
    fn clean_strips_markup_and_glyphs() {
        assert_eq!(clean("  • **Neglect**  and <u>abuse</u> "), "Neglect and abuse");
    }
}
