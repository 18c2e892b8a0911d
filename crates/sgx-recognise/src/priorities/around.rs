//! What surrounds a list: the sentences that introduce it, the heading it opens or sits
//! under, and whether the document ends after it. Every kind of candidate reads these.

use sgx_ir::BlockKind;

use crate::util::{clean, heading_text, Context};

/// Sentences that introduce a list have at most this many words (the rest of a long
/// paragraph before a list is not its introduction).
const INTRO_WORDS: usize = 60;
/// The sentences before a list read as its introduction.
const INTRO_SENTENCES: usize = 2;
/// The sentences introducing a list that starts block `i`: the end of the paragraph just
/// before it (a heading there counts as the list's heading, not as its introduction).
pub fn intro_before(ctx: &Context, i: usize) -> Vec<String> {
    let Some(prev) = i.checked_sub(1).map(|p| &ctx.doc.blocks[p]) else { return Vec::new() };
    match &prev.kind {
        BlockKind::Paragraph { text } if heading_text(prev).is_none() => last_sentences(&text.text),
        _ => Vec::new(),
    }
}

/// The last sentences of `text` (its last line), closest first, within the introduction's
/// length.
pub fn last_sentences(text: &str) -> Vec<String> {
    let Some(line) = text.split('\n').map(str::trim).rfind(|l| !l.is_empty()) else { return Vec::new() };
    let mut out = Vec::new();
    let mut words = 0;
    for sentence in sentences(line).into_iter().rev().take(INTRO_SENTENCES) {
        words += sentence.split_whitespace().count();
        if words > INTRO_WORDS && !out.is_empty() {
            break;
        }
        out.push(clean(sentence));
    }
    out
}

/// The sentences of one line: split after ".", "?" or "!" followed by a space and a capital.
pub fn sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (k, _) in line.match_indices(['.', '?', '!']) {
        let rest = &line[k + 1..];
        let next = rest.trim_start();
        if rest.len() > next.len() && next.starts_with(|c: char| c.is_uppercase() || c == '“' || c == '"') {
            out.push(line[start..=k].trim());
            start = k + 1;
        }
    }
    let tail = line[start..].trim();
    if !tail.is_empty() {
        out.push(tail);
    }
    out
}

/// The heading of the section block `i` opens: `i` follows the heading, or follows it after
/// one short introducing paragraph.
pub fn opened_section(ctx: &Context, i: usize) -> Option<String> {
    let h = ctx.section[i]?;
    let short_intro = |b: usize| {
        ctx.doc.blocks[b].as_paragraph().is_some_and(|t| t.text.split_whitespace().count() <= INTRO_WORDS)
    };
    let opens = i == h + 1 || (i == h + 2 && short_intro(h + 1));
    opens.then(|| ctx.section_title(i)).flatten()
}

/// The heading block `i` sits under, lower-cased.
pub fn section_of(ctx: &Context, i: usize) -> Option<String> {
    ctx.section_title(i)
}

/// No text follows block `i`: a list ending there may be cut off by the end of an excerpt.
pub fn ends_document(ctx: &Context, i: usize) -> bool {
    ctx.doc.blocks[i + 1..].iter().all(|b| b.plain_text().trim().is_empty() && heading_text(b).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intro_is_the_last_sentences() {
        assert_eq!(
            last_sentences("We met. The Board chose five priorities for the year.  These are:"),
            vec!["These are:", "The Board chose five priorities for the year."]
        );
        assert_eq!(sentences("One. two. Three"), vec!["One. two.", "Three"]);
    }
}
