//! Lists run into one paragraph, as text extraction leaves them:
//! - bullets flattened into one line ("… are: o Neglect; o Exploitation; o Abuse");
//! - a numbered list run inline ("summarised as: 1. Neglect 2. Exploitation 3. Abuse. We …");
//! - items separated after a cue in one sentence ("our three priorities: A; B; and C",
//!   "the three priorities; A, B and C").

use std::sync::LazyLock;

use regex_lite::Regex;
use sgx_ir::Provenance;

use super::around::{ends_document, intro_before, last_sentences, opened_section, section_of, sentences};
use super::title::{title_of, trim_joiners};
use super::vocab::announced_count;
use super::{Candidate, Form, Item};
use crate::util::{evidence, Context, Cued};

/// A number opening an inline item: "1. ", "2) " after a space or at the start.
static INLINE_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|\s)(\d{1,2})[.)]\s+").unwrap());

/// A cue noun followed, within a few words, by the colon or semicolon that opens the items.
static CUE_THEN_ITEMS: Cued =
    Cued::new(&["priorit", "focus", "aims", "objectives", "goals", "themes"], || {
        Regex::new(concat!(
            r"(?i)\b(?:priorit(?:y|ies)|areas\s+of\s+focus|focus\s+areas|aims|objectives|goals|themes)",
            r"(?:\s+(?:are|were|will\s+be|include|included|for\s+\S+)){0,3}\s*[:;]\s+",
        ))
        .unwrap()
    });

/// An item separated after a cue has at most this many words.
const SEPARATED_ITEM_WORDS: usize = 15;
/// An inline item (between two numbers) has at most this many words.
const INLINE_ITEM_WORDS: usize = 40;

/// A bullet in running text: a bullet glyph (middle dots included), a bullet operator or a
/// lone "o" (a Wingdings circle converted to text), between spaces.
fn is_inline_bullet(word: &str) -> bool {
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c == 'o' || c == '∙' || sgx_ir::is_bullet_glyph(c),
        _ => false,
    }
}

/// The pieces of a text with flattened bullets: the text before the first bullet, then one
/// piece per bullet. A text without inline bullets is one piece.
pub fn split_bullets(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let bare = word.trim_end();
        let next = &text[pos + word.len()..];
        let bullet = is_inline_bullet(bare)
            && (pos == 0 || text[..pos].ends_with(char::is_whitespace))
            && next.trim_start().starts_with(|c: char| c.is_uppercase());
        if bullet {
            pieces.push(text[start..pos].trim());
            start = pos + word.len();
        }
        pos += word.len();
    }
    pieces.push(text[start..].trim());
    if pieces.len() > 1 && pieces[0].is_empty() {
        pieces.remove(0);
    }
    pieces
}

/// Candidate lists run into the paragraph `text` of block `i`.
pub fn candidates(ctx: &Context, i: usize, prov: &Provenance, text: &str, out: &mut Vec<Candidate>) {
    let ev = evidence(i, prov);
    let line_lists = text
        .split('\n')
        .filter_map(|line| numbered(line).or_else(|| flattened(line)).or_else(|| separated_after_cue(line)));
    let found: Vec<Run> = separated_numbers(text).into_iter().chain(line_lists).collect();
    for found in found {
        let mut c = Candidate::new(Form::Inline, i);
        c.intro =
            if found.before.trim().is_empty() { intro_before(ctx, i) } else { last_sentences(found.before) };
        c.heading = opened_section(ctx, i);
        c.section = section_of(ctx, i);
        c.at_end = found.runs_to_end && text.trim_end().ends_with(found.last) && ends_document(ctx, i);
        c.printed_numbers = found.numbers.clone();
        c.items = found.items.iter().map(|t| Item::new(None, title_of(t), ev.clone())).collect();
        if let Some(ns) = &found.numbers {
            for (item, n) in c.items.iter_mut().zip(ns) {
                item.number = Some(*n);
            }
        }
        c.items.retain(|i| !i.title.is_empty());
        if c.items.len() >= 2 {
            out.push(c);
        }
    }
}

/// A list found in one line of a paragraph.
struct Run<'a> {
    /// The text before the first item (holds the introduction).
    before: &'a str,
    items: Vec<&'a str>,
    numbers: Option<Vec<u32>>,
    /// The last item runs to the end of the line (nothing after it was cut away).
    runs_to_end: bool,
    last: &'a str,
}

/// "… summarised as: 1. A 2. B 3. C. Prose …": numbers from 1 up, each followed by its item;
/// the last item ends at the first full stop.
fn numbered(line: &str) -> Option<Run<'_>> {
    let marks: Vec<(usize, usize, u32)> = INLINE_NUMBER
        .captures_iter(line)
        .filter_map(|c| Some((c.get(0)?.start(), c.get(0)?.end(), c[1].parse().ok()?)))
        .collect();
    let first = marks.iter().position(|m| m.2 == 1)?;
    let mut run = vec![marks[first]];
    for m in &marks[first + 1..] {
        if m.2 == run.last()?.2 + 1 {
            run.push(*m);
        }
    }
    if run.len() < 2 {
        return None;
    }
    let mut items = Vec::new();
    for (k, m) in run.iter().enumerate() {
        let end = run.get(k + 1).map_or(line.len(), |n| n.0);
        items.push(line[m.1..end].trim());
    }
    let last = items.pop()?;
    let cut = sentences(last).first().copied().unwrap_or(last);
    items.push(cut);
    // Bare numbers ("1. 2. 3. Title Title Title") or items that are whole paragraphs: not an
    // inline list this can pair.
    if items.iter().any(|t| t.is_empty() || t.split_whitespace().count() > INLINE_ITEM_WORDS) {
        return None;
    }
    Some(Run {
        before: &line[..run[0].0],
        numbers: Some(run.iter().map(|m| m.2).collect()),
        runs_to_end: cut.len() == last.len(),
        last: cut,
        items,
    })
}

/// Bare numbers, one a line or all on one line ("1.", "2.", "3." or "1. 2. 3."), then as
/// many lines of titles: the columns of a table extracted one after the other.
fn separated_numbers(text: &str) -> Option<Run<'_>> {
    let mut offset = 0;
    let lines: Vec<(usize, &str)> = text
        .split('\n')
        .map(|l| {
            let at = offset;
            offset += l.len() + 1;
            (at, l)
        })
        .collect();
    let bare = |l: &str| -> Option<Vec<u32>> {
        let words: Vec<&str> = l.split_whitespace().collect();
        let numbers: Option<Vec<u32>> =
            words.iter().map(|w| w.strip_suffix(['.', ')']).and_then(|n| n.parse().ok())).collect();
        numbers.filter(|n| !n.is_empty())
    };
    for start in 0..lines.len() {
        // The numbers: this line's, and those of the bare-number lines right after it.
        let mut numbers = Vec::new();
        let mut end = start;
        while let Some(ns) = lines.get(end).and_then(|(_, l)| bare(l)) {
            numbers.extend(ns);
            end += 1;
        }
        let in_order = numbers.iter().enumerate().all(|(k, &n)| n == k as u32 + 1);
        if numbers.len() < 2 || !in_order {
            continue;
        }
        let titles: Vec<&str> = lines[end..]
            .iter()
            .map(|(_, l)| l.trim())
            .filter(|l| !l.is_empty())
            .take(numbers.len())
            .collect();
        if titles.len() < numbers.len() || titles.iter().any(|t| bare(t).is_some()) {
            return None;
        }
        let last = *titles.last()?;
        return Some(Run {
            before: &text[..lines[start].0],
            runs_to_end: text.trim_end().ends_with(last),
            numbers: Some(numbers),
            items: titles,
            last,
        });
    }
    None
}

/// "… for 2016/17 are: o A; o B; o C": bullets flattened into the line.
fn flattened(line: &str) -> Option<Run<'_>> {
    let pieces = split_bullets(line);
    let starts_with_bullet = line.split_whitespace().next().is_some_and(is_inline_bullet);
    let (before, items) = if starts_with_bullet { ("", &pieces[..]) } else { (pieces[0], &pieces[1..]) };
    if items.len() < 2 {
        return None;
    }
    let last = *items.last()?;
    Some(Run { before, items: items.to_vec(), numbers: None, runs_to_end: true, last })
}

/// "… our three priorities: A; B; and C." / "the three priorities; A, B and C": items after
/// a cue, split at semicolons, or at commas and the last "and" when the sentence announces
/// as many.
fn separated_after_cue(line: &str) -> Option<Run<'_>> {
    for sentence in sentences(line) {
        let Some(m) = CUE_THEN_ITEMS.find(sentence) else { continue };
        let rest = sentence[m.end()..].trim_end_matches(['.', '”', '"', '’']).trim();
        let mut items: Vec<&str> = if rest.contains(';') {
            rest.split(';').map(trim_joiners).collect()
        } else {
            let count = announced_count(&sentence[..m.end()])?;
            let mut parts: Vec<&str> = rest.split(',').map(str::trim).collect();
            if parts.len() < count as usize {
                let last = parts.pop()?;
                match last.rfind(" and ") {
                    Some(at) => parts.extend([&last[..at], &last[at + 5..]]),
                    None => parts.push(last),
                }
            }
            if parts.len() != count as usize {
                continue;
            }
            parts.into_iter().map(trim_joiners).collect()
        };
        items.retain(|t| !t.is_empty());
        let fits =
            items.len() >= 2 && items.iter().all(|t| t.split_whitespace().count() <= SEPARATED_ITEM_WORDS);
        if !fits {
            continue;
        }
        let start = sentence.as_ptr() as usize - line.as_ptr() as usize;
        let last = *items.last()?;
        return Some(Run {
            before: &line[..start + m.end()],
            items,
            numbers: None,
            runs_to_end: line.trim_end().ends_with(last),
            last,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattened_bullets() {
        assert_eq!(
            split_bullets("Our aims: o Neglect; o Abuse and harm; o Voice"),
            vec!["Our aims:", "Neglect;", "Abuse and harm;", "Voice"]
        );
        assert_eq!(split_bullets("• One • Two"), vec!["One", "Two"]);
        assert_eq!(split_bullets("Plain text o no bullet"), vec!["Plain text o no bullet"]);
    }

    #[test]
    fn inline_numbers_end_at_the_first_full_stop() {
        let r = numbered("Our objectives are: 1. Be effective 2. Learn 3. Hear children. I am sure we will.")
            .unwrap();
        assert_eq!(r.before, "Our objectives are:");
        assert_eq!(r.items, vec!["Be effective", "Learn", "Hear children."]);
        assert_eq!(r.numbers, Some(vec![1, 2, 3]));
        assert!(!r.runs_to_end);
        assert!(numbered("Themes 1. 2. 3. Leadership Voice Learning").is_none());
    }

    #[test]
    fn numbers_printed_apart_from_their_titles() {
        let r =
            separated_numbers("Our themes are:\n1.\n2.\n3.\nNeglect\nExploitation\nEarly help\nMore text.")
                .unwrap();
        assert_eq!(r.before.trim(), "Our themes are:");
        assert_eq!(r.items, vec!["Neglect", "Exploitation", "Early help"]);
        assert_eq!(r.numbers, Some(vec![1, 2, 3]));
        let r = separated_numbers("1. 2.\nNeglect\nAbuse").unwrap();
        assert_eq!(r.items, vec!["Neglect", "Abuse"]);
        assert!(r.runs_to_end);
        assert!(separated_numbers("1.\n2.\nNeglect").is_none());
    }

    #[test]
    fn items_after_a_cue() {
        let r = separated_after_cue(
            "This gave our three priorities: Strong leaders; Better practice; and Early help.",
        )
        .unwrap();
        assert_eq!(r.items, vec!["Strong leaders", "Better practice", "Early help"]);
        let r = separated_after_cue(
            "We kept to the three priorities; Neglect, Older children and Disabled children”.",
        )
        .unwrap();
        assert_eq!(r.items, vec!["Neglect", "Older children", "Disabled children"]);
        // Commas without an announced count are a sentence, not a list.
        assert!(
            separated_after_cue("Our priorities: we will work with schools, police and health.").is_none()
        );
    }
}
