//! Titled paragraphs run into one block: a short title on a line of its own, then the lines
//! that describe it, then the next title ("Neglect" / "The aim is to reduce neglect …" /
//! "Voice of the child" / "The aim is …"; "Family Wellbeing (Early Help):" / a paragraph).
//! Web pages and hosting-site transcripts print priorities this way under a question or a
//! sentence that names them ("What are our priorities?", "… in four key areas:"). The titles
//! are the list; the descriptions are not part of it.
//!
//! Known limits: only within one block (titles in blocks of their own are headings or
//! lead-ins, read elsewhere); a title longer than [`COLON_TITLE_WORDS`] is read as prose.

use sgx_ir::Provenance;
use sgx_model::Evidence;

use super::around::{intro_before, last_sentences, opened_section, section_of};
use super::title::title_of;
use super::{Candidate, Form, Item};
use crate::util::{evidence, Context};

/// A title without a colon has at most this many words (a wrapped line of prose has more,
/// or ends a sentence)...
const TITLE_WORDS: usize = 6;
/// ...and one ending in a colon at most this many.
const COLON_TITLE_WORDS: usize = 14;

/// What one line of the block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Title,
    Prose,
    /// A question or a blank line: it ends a run of titled paragraphs.
    Break,
}

fn kind(line: &str) -> Line {
    let t = line.trim();
    let words = t.split_whitespace().count();
    if words == 0 || t.ends_with('?') {
        return Line::Break;
    }
    let opens = t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    let short = words <= TITLE_WORDS && !t.ends_with(['.', ',', ';']);
    let colon = words <= COLON_TITLE_WORDS && t.ends_with(':');
    if opens && (short || colon) {
        Line::Title
    } else {
        Line::Prose
    }
}

/// Candidate lists of titled paragraphs in paragraph block `i` (text `text`).
pub fn candidates(ctx: &Context, i: usize, prov: &Provenance, text: &str, out: &mut Vec<Candidate>) {
    let lines: Vec<&str> = text.split('\n').collect();
    if lines.len() < 4 {
        return;
    }
    let kinds: Vec<Line> = lines.iter().map(|l| kind(l)).collect();
    let ev = evidence(i, prov);
    let mut k = 0;
    while k < lines.len() {
        // A run: title, one or more prose lines, title, prose..., up to a break or two
        // titles in a row (a title with no description is no titled paragraph).
        let start = k;
        let mut titles = Vec::new();
        while k < lines.len() && kinds[k] == Line::Title && kinds.get(k + 1) == Some(&Line::Prose) {
            titles.push(k);
            k += 1;
            while kinds.get(k) == Some(&Line::Prose) {
                k += 1;
            }
        }
        if titles.len() < 2 {
            k = start + 1;
            continue;
        }
        let mut c = Candidate::new(Form::Titled, i);
        // The lines before the first title introduce the list ("… in four key areas:");
        // a run opening the block takes the block before.
        let before = lines[..titles[0]].iter().rev().find(|l| !l.trim().is_empty());
        c.intro = match before {
            Some(line) => last_sentences(line),
            None => intro_before(ctx, i),
        };
        c.heading = opened_section(ctx, i);
        c.section = section_of(ctx, i);
        // The last title has its description after it, so the end of the text cuts no title
        // (a count the sentence announces still tells a list cut short).
        c.items = titles
            .iter()
            .map(|&t| Item::new(None, title_of(lines[t]), line_evidence(&ev, t, lines.len())))
            .collect();
        c.items.retain(|item| !item.title.is_empty());
        if c.items.len() >= 2 {
            out.push(c);
        }
    }
}

/// The evidence of line `t` of a block of `count` lines: its own source line where the
/// block's lines are the source's lines one for one, else the block's.
fn line_evidence(block: &Evidence, t: usize, count: usize) -> Evidence {
    match block.lines {
        Some([first, last]) if (last - first) as usize + 1 == count => {
            let line = first + t as u32;
            Evidence { lines: Some([line, line]), ..block.clone() }
        }
        _ => block.clone(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_between_their_descriptions() {
        let p = super::super::tests::priorities(
            "What do we want to change?\nThe Board listened to families in the spring and summer of the year.\n\n\
             What are our priorities?\nHome Safety\nThe aim is to cut the injuries babies and toddlers suffer at home\n\
             Heard Voices\nThe aim is that what children tell us changes what agencies do\n\
             Joined-up help\nThe aim is one plan for each family, agreed by all agencies\n\
             What will we measure?\nHome Safety\n1. Fewer admissions to hospital for young children after falls at home\n",
        );
        assert_eq!(
            p,
            vec![(1, "Home Safety".into()), (2, "Heard Voices".into()), (3, "Joined-up help".into())]
        );
    }

    #[test]
    fn colon_titles_after_a_counting_sentence() {
        let p = super::super::tests::priorities(
            "Our priorities for 2024-2026 are set out in three key areas:\n\
             Fair Chances (closing gaps between groups):\nWe heard that some families meet barriers that others do not.\n\
             Early Support:\nFamilies told us help came late, so we will act sooner.\n\
             Safe at Home:\nParents under strain need support that starts before a crisis.\n",
        );
        assert_eq!(p.len(), 3, "{p:?}");
        assert_eq!(p[0].1, "Fair Chances (closing gaps between groups)");
        assert_eq!(p[2].1, "Safe at Home");
    }

    #[test]
    fn wrapped_prose_is_no_list_of_titles() {
        let p = super::super::tests::priorities(
            "Our priorities were reviewed by the Board\nin the spring after the audit of\nearly help\n\
             referrals showed that too few families\nwere seen within the agreed\ntimescales for the year.\n",
        );
        assert!(p.is_empty(), "{p:?}");
    }
}
