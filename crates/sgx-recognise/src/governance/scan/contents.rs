//! A table of contents: its entries one by one. An entry that is a body's name names a body
//! ("Child Death Overview Panel", "Update from the Online Safety Sub-group"); inside a
//! structure entry even a bare label does ("Sub-group reports: a) Case Reviews b) …"); other
//! entries only show what they mention ("LSCB members").

use std::sync::LazyLock;

use regex_lite::Regex;
use sgx_ir::{Block, BlockKind, ListItem};
use sgx_model::Evidence;

use super::Scan;
use crate::governance::contents::{entries, in_structure, Entry, CONTENTS_CUE, ENTRY_WORDS};
use crate::governance::fact::{Fact, FactKind, Fallback};
use crate::governance::mention::{Kind, Source};
use crate::governance::names::{cell_spans, prose_spans, Span};
use crate::governance::unit::Unit;
use crate::governance::vocab::lower_in;
use crate::util::evidence;

/// A sentence's end inside a block: running text, where the contents have ended.
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"[a-z]{2}[.!?]["”’]?(?:\s+[A-Z]|\s*$)"#).unwrap());

/// "Update from the X", "Report of the X", "X annual report": the entry is about body X.
static ABOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:(?:update|report|reports|annual\s+report)\s+(?:from|of|by)\s+(?:the\s+)?)",
        r"|\s+(?:annual\s+)?(?:report|reports|update)$",
    ))
    .unwrap()
});

/// Labels inside a structure that are roles or functions, not bodies ("Independent
/// Scrutiny", "Independent Scrutineer").
static FUNCTION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^independent\b").unwrap());

/// Words inside a title that make it a phrase about a body rather than its name.
const DETERMINERS: &[&str] = &["the", "a", "an", "our", "its", "their", "this"];

/// A piece of the contents: its text and where it was printed.
struct Piece {
    text: String,
    ev: Evidence,
    block: usize,
}

impl Scan<'_> {
    /// Contents from a "Contents" cue in block `start` on, over the blocks that go on listing
    /// entries. Returns the index after the last block read as contents.
    pub(super) fn contents(&mut self, blocks: &[Block], start: usize) -> Option<usize> {
        let block = &blocks[start];
        let text = match &block.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => text.text.as_str(),
            _ => return None,
        };
        let cue = CONTENTS_CUE.find(text)?;
        let ev = evidence(start, &block.prov);
        if !text[..cue.start()].trim().is_empty() {
            self.prose(&text[..cue.start()], ev.clone(), start);
        }
        let mut pieces = vec![Piece { text: text[cue.end()..].to_string(), ev, block: start }];
        let mut k = start + 1;
        let mut rest: Vec<&ListItem> = Vec::new();
        while k < blocks.len() {
            let ev = evidence(k, &blocks[k].prov);
            match &blocks[k].kind {
                BlockKind::Paragraph { text } if !is_running_text(&text.text) => {
                    pieces.push(Piece { text: text.text.clone(), ev, block: k });
                }
                BlockKind::List { items } => {
                    let items = flatten(items);
                    let listed = items.iter().take_while(|item| !is_running_text(&item.text.text)).count();
                    for item in &items[..listed] {
                        let ev = evidence(k, &item.prov);
                        // "7." or "a)" as the list printed it numbers the entry.
                        let numbered = item.marker.chars().any(char::is_alphanumeric);
                        let text = if numbered {
                            format!("{} {}", item.marker, item.text.text)
                        } else {
                            item.text.text.clone()
                        };
                        pieces.push(Piece { text, ev, block: k });
                    }
                    rest = items[listed..].to_vec();
                }
                _ => break,
            }
            k += 1;
            if !rest.is_empty() {
                break;
            }
        }
        self.entries(&pieces);
        // The items after the contents in the same list are running text.
        for item in rest {
            self.prose(&item.text.text, evidence(k - 1, &item.prov), k - 1);
        }
        Some(k)
    }

    fn entries(&mut self, pieces: &[Piece]) {
        let read: Vec<(Entry, &Piece)> =
            pieces.iter().flat_map(|p| entries(&p.text).into_iter().map(move |e| (e, p))).collect();
        let all: Vec<Entry> = read.iter().map(|(e, _)| e.clone()).collect();
        let inside = in_structure(&all);
        for ((entry, piece), inside) in read.iter().zip(inside) {
            self.entry(&entry.title, inside, piece.ev.clone(), piece.block);
        }
    }

    /// One entry: a body when its title is a body's name, else what it mentions, founding
    /// nothing.
    fn entry(&mut self, title: &str, inside: bool, ev: Evidence, block: usize) {
        // "Developing policies – Policies Subgroup": a work area and the body that does it.
        if let Some((_, body)) = title.rsplit_once(" – ").or_else(|| title.rsplit_once(" - ")) {
            let mut unit = Unit::new(body, true);
            if let Some(span) = whole_name(&unit, false) {
                self.register(&mut unit, &span, Source::Column, ev, (block, 0));
                return;
            }
        }
        let about = ABOUT.replace_all(title, "");
        let mut unit = Unit::new(&about, true);
        if let Some(span) = whole_name(&unit, inside) {
            if let Some(id) = self.register(&mut unit, &span, Source::Column, ev, (block, 0)) {
                // A place in the structure presents the partnership as a body.
                if inside && self.mentions[id].kind == Kind::Partnership {
                    self.facts.push(Fact::about(FactKind::Presented, String::new(), id, None));
                }
            }
            return;
        }
        let mut unit = Unit::new(title, true);
        for span in prose_spans(&unit) {
            if let Some(id) = self.register(&mut unit, &span, Source::Prose, ev.clone(), (block, 0)) {
                self.mentions[id].creates = false;
            }
        }
        self.facts_of(&unit, &Fallback::None, false);
    }
}

/// The one name an entry's title is, from its first word to its last: a name ending in a
/// head word anywhere, and inside a structure also a label or an acronym.
fn whole_name(unit: &Unit, inside: bool) -> Option<Span> {
    let n = unit.toks.len();
    let spans = cell_spans(unit, inside);
    let [span] = spans.as_slice() else { return None };
    // "Structure of the Board" is a section about a body, not its name.
    let determiner = (span.first + 1..span.last).any(|k| lower_in(unit.tok(k), DETERMINERS));
    let whole = span.first == 0 && span.last + 1 == n && !span.plural && !span.role && !determiner;
    let headless = span.head.is_none();
    let allowed = !headless || (inside && !FUNCTION.is_match(&span.name));
    (whole && allowed).then(|| span.clone())
}

/// A paragraph or item of running text: an entry longer than any title, in a text with a
/// sentence's end.
fn is_running_text(text: &str) -> bool {
    let long = entries(text).iter().any(|e| e.title.split_whitespace().count() > ENTRY_WORDS);
    long && SENTENCE_END.is_match(text)
}

fn flatten(items: &[ListItem]) -> Vec<&ListItem> {
    items.iter().flat_map(|item| std::iter::once(item).chain(flatten(&item.children))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_that_are_one_name() {
        let name = |t: &str, inside: bool| whole_name(&Unit::new(t, true), inside).map(|s| s.name);
        assert_eq!(name("Safe from Harm Sub-group", false).as_deref(), Some("Safe from Harm Sub-group"));
        assert_eq!(name("Case Review", false), None, "a label needs a structure around it");
        assert_eq!(name("Case Review", true).as_deref(), Some("Case Review"));
        assert_eq!(name("Independent Scrutiny", true), None);
        assert_eq!(name("Sub Groups", true), None);
        assert_eq!(name("Structure of the Board", false), None);
        assert_eq!(name("Partnership Structure, Subgroups and Governance", true), None);
    }

    #[test]
    fn running_text_ends_the_contents() {
        assert!(!is_running_text("Foreword 4\nStatutory Framework10"));
        assert!(is_running_text(
            "Foreword\nI started chairing the board in May and I want to thank everyone for being so welcoming."
        ));
        assert!(!is_running_text(
            "6. Agencies Page 20 6.1 Role of schools and colleges and nurseries and \
             other settings in the partnership including the Network 7. The architecture Pages 23-35"
        ));
    }

    #[test]
    fn about_a_body() {
        assert_eq!(ABOUT.replace_all("Update from the Heron Sub-group", ""), "Heron Sub-group");
        assert_eq!(ABOUT.replace_all("Heron Panel annual report", ""), "Heron Panel");
    }
}
