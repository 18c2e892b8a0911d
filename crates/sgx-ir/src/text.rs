use serde::{Deserialize, Serialize};

/// Text with inline emphasis. `text` may hold `\n` where the source broke a line inside the
/// block; recognisers use those breaks (a structure chart's boxes, a run of labels) and
/// writers normalise them away. Its only whitespace is ' ' and `\n`: readers turn no-break,
/// thin, em and other spaces into ' ' (tests/fixtures.rs checks every format), so recognisers
/// can match ASCII whitespace.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Text {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<Mark>,
}

/// An emphasised byte range of [`Text::text`].
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub style: Style,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    Bold,
    Italic,
    Underline,
}

impl Text {
    pub fn plain(s: impl Into<String>) -> Self {
        Text { text: s.into(), marks: Vec::new() }
    }

    /// Append text, optionally emphasised.
    pub fn push(&mut self, s: &str, styles: &[Style]) {
        let start = self.text.len();
        self.text.push_str(s);
        let end = self.text.len();
        if start == end {
            return;
        }
        for &style in styles {
            // Extend an adjacent mark of the same style instead of adding a new one. Only the
            // previous push can have left a mark ending here, and it added at most one mark
            // per style, so looking at the last three keeps long texts linear.
            if let Some(m) = self.marks.iter_mut().rev().take(3).find(|m| m.style == style && m.end == start)
            {
                m.end = end;
            } else {
                self.marks.push(Mark { start, end, style });
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// True when every non-space character is covered by a mark of `style`.
    pub fn is_all(&self, style: Style) -> bool {
        if self.is_empty() {
            return false;
        }
        self.text.char_indices().all(|(i, ch)| {
            ch.is_whitespace() || self.marks.iter().any(|m| m.style == style && m.start <= i && i < m.end)
        })
    }

    /// The text of the leading run in `style` (after leading whitespace), if the text starts so.
    pub fn leading(&self, style: Style) -> Option<&str> {
        let first = self.text.len() - self.text.trim_start().len();
        let mut end = None;
        for m in self.marks.iter().filter(|m| m.style == style) {
            let covers_start = m.start <= first && first < m.end;
            let continues = end.is_some_and(|e| m.start <= e);
            if covers_start || continues {
                end = Some(end.map_or(m.end, |e: usize| e.max(m.end)));
            }
        }
        end.map(|e| &self.text[first..e])
    }

    /// Whitespace-normalised text: runs of spaces, tabs and newlines become one space.
    pub fn normalized(&self) -> String {
        normalize_ws(&self.text)
    }

    /// The source lines of the text (split at `\n`), trimmed, empty ones dropped.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.text.split('\n').map(str::trim).filter(|l| !l.is_empty())
    }
}

/// Glyphs used as bullets in the genre. With [`is_bullet_glyph`], the one list the readers
/// (list markers) and the recognisers (text trimmed of stray bullets) share.
pub const BULLET_GLYPHS: &[char] = &[
    '•', '▪', '❖', '➤', '○', '◦', '■', '□', '●', '♦', '➢', '✓', '✔', '→', '·', '‣', '⁃', '▫', '►', '▶', '◆',
    '◇',
];

/// A bullet glyph: one of [`BULLET_GLYPHS`], or a Private Use Area glyph (U+F000–U+F0FF),
/// which is what Symbol / Wingdings bullets become when a PDF is converted to text.
pub fn is_bullet_glyph(c: char) -> bool {
    !c.is_ascii() && (BULLET_GLYPHS.contains(&c) || ('\u{F000}'..='\u{F0FF}').contains(&c))
}

/// Collapse every run of whitespace into one space and trim.
pub fn normalize_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_bold_run() {
        let mut t = Text::default();
        t.push("Priority One: Tackle it.", &[Style::Bold]);
        t.push(" More words.", &[]);
        assert_eq!(t.leading(Style::Bold), Some("Priority One: Tackle it."));
        assert!(!t.is_all(Style::Bold));
        assert_eq!(t.leading(Style::Italic), None);
    }

    #[test]
    fn bullet_glyphs() {
        assert!(is_bullet_glyph('•') && is_bullet_glyph('◇') && is_bullet_glyph('\u{F0B7}'));
        assert!(!is_bullet_glyph('-') && !is_bullet_glyph('*') && !is_bullet_glyph('a'));
    }

    #[test]
    fn adjacent_marks_merge() {
        let mut t = Text::default();
        t.push("a", &[Style::Bold]);
        t.push("b", &[Style::Bold]);
        assert_eq!(t.marks.len(), 1);
        assert!(t.is_all(Style::Bold));
    }
}
