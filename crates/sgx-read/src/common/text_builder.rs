//! Building [`Text`] from pieces in linear time, and the operations on built texts the
//! readers share: appending, splitting at line breaks, trimming. Marks of one style that
//! touch are merged as they are added (so a page of alternating bold and plain words stays
//! linear).

use sgx_ir::{Mark, Style, Text};

/// A [`Text`] being built from pieces.
#[derive(Default)]
pub struct TextBuilder {
    text: String,
    marks: Vec<Mark>,
    /// Index in `marks` of the last mark of each style.
    last: [Option<usize>; 3],
}

fn slot(style: Style) -> usize {
    match style {
        Style::Bold => 0,
        Style::Italic => 1,
        Style::Underline => 2,
    }
}

impl TextBuilder {
    /// Append `s` as it is.
    pub fn push(&mut self, s: &str, styles: &[Style]) {
        let start = self.text.len();
        self.text.push_str(s);
        let end = self.text.len();
        if start == end {
            return;
        }
        for &style in styles {
            let k = slot(style);
            match self.last[k].and_then(|i| self.marks.get_mut(i)).filter(|m| m.end == start) {
                Some(m) => m.end = end,
                None => {
                    self.marks.push(Mark { start, end, style });
                    self.last[k] = Some(self.marks.len() - 1);
                }
            }
        }
    }

    /// Append `s` with runs of whitespace made one space, and no space at the start of a
    /// paragraph or line (HTML's white-space rule; Word text is read the same way).
    pub fn push_collapsed(&mut self, s: &str, styles: &[Style]) {
        let mut out = String::with_capacity(s.len());
        let mut space = false;
        let at_line_start = self.text.is_empty() || self.text.ends_with([' ', '\n']);
        for c in s.chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space && !(out.is_empty() && at_line_start) {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
        if space && !(out.is_empty() && at_line_start) {
            out.push(' ');
        }
        self.push(&out, styles);
    }

    /// A line break: trailing spaces dropped, then `\n` (never two in a row, never first).
    pub fn line_break(&mut self) {
        self.truncate(self.text.trim_end_matches(' ').len());
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.push("\n", &[]);
        }
    }

    fn truncate(&mut self, len: usize) {
        self.text.truncate(len);
        // Marks are in the order they were added, so those starting past the cut are last.
        while self.marks.last().is_some_and(|m| m.start >= len) {
            self.marks.pop();
        }
        // Only the last mark of each style can have been extended up to the old end.
        for i in self.last.into_iter().flatten() {
            if let Some(m) = self.marks.get_mut(i) {
                m.end = m.end.min(len);
            }
        }
        if let Some(m) = self.marks.last_mut() {
            m.end = m.end.min(len);
        }
        self.last = [None; 3];
    }

    /// The text trimmed at both ends, marks of one style that only whitespace separates
    /// merged.
    pub fn finish(mut self) -> Text {
        self.truncate(self.text.trim_end().len());
        let lead = self.text.len() - self.text.trim_start().len();
        let text = self.text.split_off(lead);
        let mut merged: Vec<Mark> = Vec::with_capacity(self.marks.len());
        let mut last: [Option<usize>; 3] = [None; 3];
        for m in self.marks {
            let (start, end) =
                (m.start.saturating_sub(lead), m.end.min(lead + text.len()).saturating_sub(lead));
            if start >= end {
                continue;
            }
            let k = slot(m.style);
            if let Some(prev) = last[k].and_then(|i| merged.get_mut(i)) {
                if text.get(prev.end..start).is_some_and(|gap| gap.trim().is_empty()) {
                    prev.end = prev.end.max(end);
                    continue;
                }
            }
            merged.push(Mark { start, end, style: m.style });
            last[k] = Some(merged.len() - 1);
        }
        merged.sort_by_key(|m| m.start);
        Text { text, marks: merged }
    }
}

/// Split at line breaks, each piece keeping its own marks; empty pieces dropped.
pub fn split_lines(t: Text) -> Vec<Text> {
    let starts: Vec<usize> =
        std::iter::once(0).chain(t.text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let mut pieces: Vec<Text> = starts
        .iter()
        .enumerate()
        .map(|(k, &s)| {
            let e = starts.get(k + 1).map_or(t.text.len(), |&n| n - 1);
            Text::plain(&t.text[s..e])
        })
        .collect();
    for m in &t.marks {
        // The lines the mark touches: binary search keeps this linear in practice.
        let first = starts.partition_point(|&s| s <= m.start).saturating_sub(1);
        for (k, &s) in starts.iter().enumerate().skip(first) {
            if s >= m.end {
                break;
            }
            let e = s + pieces[k].text.len();
            let (a, b) = (m.start.max(s), m.end.min(e));
            if a < b {
                pieces[k].marks.push(Mark { start: a - s, end: b - s, style: m.style });
            }
        }
    }
    for p in &mut pieces {
        p.marks.sort_by_key(|m| m.start);
    }
    pieces.into_iter().filter(|p| !p.is_empty()).collect()
}

/// Append one text to another, shifting its marks.
pub fn append(dst: &mut Text, src: Text) {
    let base = dst.text.len();
    dst.text.push_str(&src.text);
    dst.marks.extend(src.marks.into_iter().map(|mut m| {
        m.start += base;
        m.end += base;
        m
    }));
}

/// Trim whitespace (and stray glyph-only noise) from both ends, keeping marks aligned, and
/// collapse internal runs of spaces.
pub fn trim_text(t: Text) -> Text {
    let mut out = Text::default();
    // Rebuild char by char: collapse whitespace runs, track marks by source offset.
    let mut pending_space = false;
    let mut byte_map: Vec<(usize, usize)> = Vec::new(); // (src offset, dst offset)
    for (i, c) in t.text.char_indices() {
        if c.is_whitespace() && c != '\n' {
            pending_space = !out.text.is_empty();
            continue;
        }
        if c == '\n' {
            if !out.text.is_empty() && !out.text.ends_with('\n') {
                out.text.push('\n');
            }
            pending_space = false;
            continue;
        }
        if pending_space && !out.text.ends_with('\n') {
            out.text.push(' ');
        }
        pending_space = false;
        byte_map.push((i, out.text.len()));
        out.text.push(c);
    }
    while out.text.ends_with('\n') {
        out.text.pop();
    }
    for m in &t.marks {
        let first = byte_map.iter().find(|(s, _)| *s >= m.start && *s < m.end);
        let last = byte_map.iter().rev().find(|(s, _)| *s >= m.start && *s < m.end);
        if let (Some(&(_, d0)), Some(&(s1, d1))) = (first, last) {
            let ch_len = t.text[s1..].chars().next().map_or(1, char::len_utf8);
            out.marks.push(Mark { start: d0, end: d1 + ch_len, style: m.style });
        }
    }
    // Merge touching marks of one style so "**a** **b**" reads as one run.
    out.marks.sort_by_key(|m| (m.style as u8, m.start));
    let mut merged: Vec<Mark> = Vec::new();
    for m in out.marks.drain(..) {
        if let Some(last) = merged.last_mut() {
            let gap = out.text.get(last.end..m.start).unwrap_or("x");
            if last.style == m.style && m.start >= last.end && gap.trim().is_empty() {
                last.end = last.end.max(m.end);
                continue;
            }
        }
        merged.push(m);
    }
    merged.sort_by_key(|m| m.start);
    out.marks = merged;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_merges_and_splits() {
        let mut b = TextBuilder::default();
        b.push_collapsed("  Priority ", &[Style::Bold]);
        b.push_collapsed(" One:", &[Style::Bold]);
        b.push_collapsed(" tackle\n it ", &[]);
        b.line_break();
        b.push_collapsed("next", &[Style::Underline]);
        let t = b.finish();
        assert_eq!(t.text, "Priority One: tackle it\nnext");
        assert_eq!(t.leading(Style::Bold), Some("Priority One:"));
        let lines = split_lines(t);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].is_all(Style::Underline));
        assert_eq!(lines[0].marks.len(), 1);
    }

    #[test]
    fn trimming_keeps_every_mark_inside_the_text() {
        let mut b = TextBuilder::default();
        for _ in 0..10 {
            b.push("a", &[Style::Bold, Style::Italic]);
            b.push("b", &[Style::Bold]);
        }
        b.push("  ", &[Style::Bold]);
        b.line_break();
        let t = b.finish();
        assert!(t.marks.iter().all(|m| m.end <= t.text.len()), "{t:?}");
    }

    #[test]
    fn trim_text_collapses_spaces_and_keeps_marks_on_their_words() {
        let mut t = Text::default();
        t.push("  Lead:  ", &[Style::Bold]);
        t.push(" Board \n\n manager ", &[]);
        let t = trim_text(t);
        assert_eq!(t.text, "Lead: Board\nmanager");
        assert_eq!(t.leading(Style::Bold), Some("Lead:"));
        let mut dst = Text::plain("a ");
        append(&mut dst, t);
        assert_eq!(dst.leading(Style::Bold), None);
        assert_eq!(dst.marks[0].start, 2);
    }

    #[test]
    fn alternating_styles_stay_linear() {
        let mut b = TextBuilder::default();
        for _ in 0..200_000 {
            b.push("a", &[Style::Bold]);
            b.push("b", &[]);
        }
        assert_eq!(b.finish().marks.len(), 200_000);
    }
}
