//! A run of text read as a whole: tokens, sentences and acronym parentheses.

use super::phrases::ACRONYM_PAREN;

/// Word tokens as byte ranges: a letter or digit, then letters, digits and the joiners inside
/// names and abbreviations ("Children's", "CAMHS/CYPS", "Co-ordination").
pub(super) fn token_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '&' | '.' | '/' | '-')) {
                end = i;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

/// A sentence with no full stop, colon or semicolon in this many words is run-on text, ended at
/// the next line break or comma (the genre's longest real sentences run to about 80 words).
const RUN_ON_TOKENS: usize = 120;

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub(super) start: usize,
    pub(super) end: usize,
}

/// A mention placed in a unit: its id and token range (inclusive).
#[derive(Debug, Clone, Copy)]
pub(super) struct Placed {
    pub(super) id: usize,
    pub(super) first: usize,
    pub(super) last: usize,
}

/// One run of text read as a whole: a paragraph, heading, list item, cell paragraph or chart
/// line. `work` is the text with acronym parentheses blanked out, so a name reads across
/// "(PBG)" while byte offsets still match `text`.
pub(super) struct Unit {
    pub(super) text: String,
    pub(super) work: String,
    pub(super) parens: Vec<(usize, usize, String)>,
    pub(super) toks: Vec<Tok>,
    /// Sentence number of each token.
    pub(super) sent: Vec<usize>,
    /// Byte offset where each sentence starts.
    pub(super) sent_start: Vec<usize>,
    pub(super) found: Vec<Placed>,
}

impl Unit {
    /// `hard_lines`: a line break ends a sentence (cells, chart lines), else it is a space.
    pub(super) fn new(text: &str, hard_lines: bool) -> Unit {
        let mut work = text.to_string();
        let mut parens = Vec::new();
        for c in ACRONYM_PAREN.captures_iter(text) {
            let m = c.get(0).unwrap();
            parens.push((m.start(), m.end(), c[1].to_string()));
            work.replace_range(m.range(), &" ".repeat(m.len()));
        }
        let toks: Vec<Tok> = token_spans(&work)
            .filter_map(|(start, end)| {
                let s = work[start..end].trim_end_matches(['.', '\'', '’', '/', '-', '&']);
                (!s.is_empty()).then(|| Tok { start, end: start + s.len() })
            })
            .collect();
        let mut unit = Unit {
            text: text.to_string(),
            work,
            parens,
            toks,
            sent: Vec::new(),
            sent_start: Vec::new(),
            found: Vec::new(),
        };
        unit.split_sentences(hard_lines);
        unit
    }

    pub(super) fn split_sentences(&mut self, hard_lines: bool) {
        let mut n = 0;
        let mut first = 0;
        for k in 0..self.toks.len() {
            if k == 0 {
                self.sent_start.push(self.toks[0].start);
            } else if self.run_on(k, first) {
                n += 1;
                first = k;
                self.sent_start.push(self.toks[k].start);
            } else {
                let gap = self.gap(k);
                // The full stop of an initialism of three letters or more ("S.H.I.E.L.D.") ends no
                // sentence.
                let initialism = gap.trim() == "." && self.tok(k - 1).matches('.').count() >= 2;
                let ends = gap.contains(['.', '!', '?', ';', ':', '•']) && !initialism;
                if ends || (hard_lines && gap.contains('\n')) {
                    n += 1;
                    first = k;
                    self.sent_start.push(self.toks[k].start);
                }
            }
            self.sent.push(n);
        }
    }

    /// A run-on "sentence" (text flattened without full stops: a table or a page run into one
    /// paragraph) that started at token `first` ends before token `k`: at a line break or comma
    /// once it is long, at any word once it is twice as long. Every phrase is read within its
    /// sentence, so this bounds the work per mention and keeps a whole flattened document from
    /// costing quadratic time.
    fn run_on(&self, k: usize, first: usize) -> bool {
        let len = k - first;
        len >= 2 * RUN_ON_TOKENS || (len >= RUN_ON_TOKENS && self.gap(k).contains(['\n', ',']))
    }

    pub(super) fn tok(&self, k: usize) -> &str {
        &self.work[self.toks[k].start..self.toks[k].end]
    }

    /// The text between token `k - 1` and token `k`.
    pub(super) fn gap(&self, k: usize) -> &str {
        let from = if k == 0 { 0 } else { self.toks[k - 1].end };
        &self.work[from..self.toks[k].start]
    }

    pub(super) fn sentence_initial(&self, k: usize) -> bool {
        k == 0 || self.sent[k] != self.sent[k - 1]
    }

    /// Token `k + 1` follows `k` in the same sentence, separated only by spaces.
    pub(super) fn adjacent_next(&self, k: usize) -> bool {
        k + 1 < self.toks.len() && self.sent[k + 1] == self.sent[k] && self.gap(k + 1).trim().is_empty()
    }

    pub(super) fn sentence_of(&self, offset: usize) -> usize {
        // `sent_start` ascends: the last sentence starting at or before `offset`.
        self.sent_start.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    pub(super) fn sentence_text(&self, s: usize) -> &str {
        let from = self.sent_start.get(s).copied().unwrap_or(0);
        let to = self.sent_start.get(s + 1).copied().unwrap_or(self.work.len());
        &self.work[from..to]
    }

    /// The acronym in parentheses right after byte `end`, or inside `start..end`.
    pub(super) fn acronym_near(&self, start: usize, end: usize) -> Option<String> {
        self.parens
            .iter()
            .find(|(s, _, _)| *s >= end && self.work[end..*s].trim().is_empty())
            .or_else(|| self.parens.iter().find(|(s, _, _)| *s > start && *s < end))
            .map(|(_, _, a)| a.clone())
    }

    /// The name printed over tokens `first..=last`, acronym parentheses removed.
    pub(super) fn name(&self, first: usize, last: usize) -> String {
        let s = sgx_ir::normalize_ws(&self.work[self.toks[first].start..self.toks[last].end]);
        let s = s.strip_suffix("'s").or_else(|| s.strip_suffix("’s")).unwrap_or(&s);
        s.trim_matches(|c: char| c == '\'' || c == '‘' || c == '’' || c == '"').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_tokens_and_acronym_parentheses() {
        let unit = Unit::new("The Lantern Review Group (LRG) meets. It reports to the Board.", false);
        assert_eq!(unit.parens.len(), 1);
        assert_eq!(unit.parens[0].2, "LRG");
        // The parenthesis is blanked in the work text, so the name reads across it.
        assert!(!unit.work.contains("LRG"));
        assert_eq!(unit.sent_start.len(), 2);
        assert_eq!(unit.tok(0), "The");
        assert_eq!(unit.name(1, 3), "Lantern Review Group");
        assert_eq!(unit.acronym_near(unit.toks[1].start, unit.toks[3].end).as_deref(), Some("LRG"));
    }

    #[test]
    fn an_initialism_ends_no_sentence() {
        assert_eq!(Unit::new("The F.O.X. Executive met. It agreed.", false).sent_start.len(), 2);
    }

    #[test]
    fn a_line_break_ends_a_sentence_only_in_hard_units() {
        assert_eq!(Unit::new("Otter Panel\nMeets monthly", true).sent_start.len(), 2);
        assert_eq!(Unit::new("Otter Panel\nMeets monthly", false).sent_start.len(), 1);
    }

    #[test]
    fn run_on_text_is_cut_into_bounded_sentences() {
        // A flattened page: no full stop in 1,000 words, a comma now and then.
        let words: Vec<String> =
            (0..1000).map(|i| if i % 50 == 49 { "group,".to_string() } else { "word".to_string() }).collect();
        let unit = Unit::new(&words.join(" "), false);
        let mut lengths = vec![0usize; unit.sent_start.len()];
        unit.sent.iter().for_each(|&s| lengths[s] += 1);
        assert!(lengths.len() > 1);
        assert!(lengths.iter().all(|&n| n <= RUN_ON_TOKENS + 50), "{lengths:?}");
        // Without commas or line breaks, at twice the length.
        let unit = Unit::new(&"word ".repeat(1000), false);
        assert_eq!(unit.sent_start.len(), 1000usize.div_ceil(2 * RUN_ON_TOKENS));
        // A long sentence of the genre's kind stays whole.
        assert_eq!(Unit::new(&"a sentence of words, ".repeat(20), false).sent_start.len(), 1);
    }
}
