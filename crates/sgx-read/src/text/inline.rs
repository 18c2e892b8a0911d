//! Inline markup of converter output: markdown emphasis, links and escapes, and the inline
//! HTML tags converters leave behind (`<b>`, `<u>`, `<p>`, `<ul><li>`, `<br>`, `<sup>`).

use sgx_ir::{is_bullet_glyph, CellPara, Style, Text};

use crate::common::text_builder::{append, trim_text};

#[derive(Debug)]
enum Token<'a> {
    Text(&'a str),
    /// Tag name (lower case), closing?, self-closing?
    Tag(String, bool),
}

/// Split into text and HTML tags. Only things that look like real tags are tags: `a < b` stays text.
fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        let after = &rest[lt + 1..];
        let closing = after.starts_with('/');
        let name_start = if closing { &after[1..] } else { after };
        let name_len = name_start.chars().take_while(|c| c.is_ascii_alphanumeric()).count();
        let gt = after.find('>');
        match gt {
            Some(gt)
                if name_len > 0
                    && name_start.as_bytes()[0].is_ascii_alphabetic()
                    && !after[..gt].contains('<') =>
            {
                if lt > 0 {
                    out.push(Token::Text(&rest[..lt]));
                }
                out.push(Token::Tag(name_start[..name_len].to_ascii_lowercase(), closing));
                rest = &after[gt + 1..];
            }
            _ => {
                out.push(Token::Text(&rest[..lt + 1]));
                rest = after;
            }
        }
    }
    if !rest.is_empty() {
        out.push(Token::Text(rest));
    }
    out
}

/// Decode the character references converters leave in text.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| {
            let name = &after[..i];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "rsquo" => Some('’'),
                "lsquo" => Some('‘'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "bull" => Some('•'),
                "pound" => Some('£'),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16).ok().and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            ch.map(|c| (c, i))
        });
        match decoded {
            Some((c, i)) => {
                out.push(c);
                rest = &after[i + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Builds [`Text`] from markdown emphasis runs inside one piece of text.
struct Emphasis {
    bold: bool,
    italic: bool,
}

/// Append `s` to `text`, interpreting markdown emphasis (`**`, `__`, `*`, `_`), links,
/// images (dropped) and backslash escapes. `outer` styles come from enclosing HTML tags.
fn push_markdown(text: &mut Text, s: &str, outer: &[Style], em: &mut Emphasis) {
    let s = decode_entities(s);
    let chars: Vec<char> = s.chars().collect();
    let mut buf = String::new();
    let flush = |text: &mut Text, buf: &mut String, em: &Emphasis| {
        if buf.is_empty() {
            return;
        }
        let mut styles: Vec<Style> = outer.to_vec();
        if em.bold {
            styles.push(Style::Bold);
        }
        if em.italic {
            styles.push(Style::Italic);
        }
        text.push(buf, &styles);
        buf.clear();
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                buf.push(chars[i + 1]);
                i += 2;
            }
            '*' | '_' => {
                let run = chars[i..].iter().take_while(|&&x| x == c).count();
                let prev = if i == 0 { ' ' } else { chars[i - 1] };
                let next = chars.get(i + run).copied().unwrap_or(' ');
                // `_` inside a word (snake_case, URLs) is not emphasis.
                let intraword = c == '_' && prev.is_alphanumeric() && next.is_alphanumeric();
                let can_toggle = !intraword && (!prev.is_whitespace() || !next.is_whitespace());
                if !can_toggle {
                    buf.extend(std::iter::repeat_n(c, run));
                } else {
                    flush(text, &mut buf, em);
                    match run {
                        1 => em.italic = !em.italic,
                        2 => em.bold = !em.bold,
                        _ => {
                            em.bold = !em.bold;
                            em.italic = !em.italic;
                        }
                    }
                }
                i += run;
            }
            '!' if chars.get(i + 1) == Some(&'[') => {
                // Image: drop it whole.
                match link_end(&chars, i + 1) {
                    Some((_, end)) => i = end,
                    None => {
                        buf.push(c);
                        i += 1;
                    }
                }
            }
            '[' => match link_end(&chars, i) {
                Some((label_end, end)) => {
                    let label: String = chars[i + 1..label_end].iter().collect();
                    flush(text, &mut buf, em);
                    push_markdown(text, &label, outer, em);
                    i = end;
                }
                None => {
                    buf.push(c);
                    i += 1;
                }
            },
            _ => {
                buf.push(c);
                i += 1;
            }
        }
    }
    flush(text, &mut buf, em);
}

/// For `[label](target)` starting at `open`, the index of `]` and one past `)`.
fn link_end(chars: &[char], open: usize) -> Option<(usize, usize)> {
    let mut depth = 0;
    let mut close = None;
    for (k, &ch) in chars.iter().enumerate().skip(open) {
        match ch {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(k);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let mut depth = 0;
    for (k, &ch) in chars.iter().enumerate().skip(close + 1) {
        match ch {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some((close, k + 1));
                }
            }
            _ => {}
        }
    }
    None
}

/// Ordinal suffixes kept from `<sup>`; any other superscript is a footnote marker and dropped.
fn keep_superscript(s: &str) -> bool {
    matches!(s.trim(), "st" | "nd" | "rd" | "th")
}

/// Parse inline content into paragraphs: block tags (`<p>`, `<li>`, `<br>`) and bullet glyphs
/// start a new paragraph; `<li>` and glyph-led paragraphs are bullet items.
pub fn parse_paras(s: &str) -> Vec<CellPara> {
    let mut paras: Vec<CellPara> = Vec::new();
    let mut cur = Text::default();
    let mut cur_bullet: Option<u8> = None;
    let mut styles: Vec<Style> = Vec::new();
    let mut list_depth: u8 = 0;
    let mut in_sup = false;
    let mut em = Emphasis { bold: false, italic: false };

    fn finish(paras: &mut Vec<CellPara>, cur: &mut Text, bullet: &mut Option<u8>) {
        let t = std::mem::take(cur);
        let trimmed = trim_text(t);
        if !trimmed.is_empty() {
            paras.push(CellPara { text: trimmed, bullet: *bullet });
        }
        *bullet = None;
    }

    for tok in tokenize(s) {
        match tok {
            Token::Tag(name, closing) => match (name.as_str(), closing) {
                ("p" | "div" | "br" | "tr" | "td" | "th" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6", _) => {
                    finish(&mut paras, &mut cur, &mut cur_bullet);
                }
                ("ul" | "ol", false) => {
                    finish(&mut paras, &mut cur, &mut cur_bullet);
                    list_depth = list_depth.saturating_add(1);
                }
                ("ul" | "ol", true) => {
                    finish(&mut paras, &mut cur, &mut cur_bullet);
                    list_depth = list_depth.saturating_sub(1);
                }
                ("li", false) => {
                    finish(&mut paras, &mut cur, &mut cur_bullet);
                    cur_bullet = Some(list_depth.saturating_sub(1));
                }
                ("li", true) => finish(&mut paras, &mut cur, &mut cur_bullet),
                ("b" | "strong", c) => toggle(&mut styles, Style::Bold, !c),
                ("i" | "em", c) => toggle(&mut styles, Style::Italic, !c),
                ("u", c) => toggle(&mut styles, Style::Underline, !c),
                ("sup", c) => in_sup = !c,
                _ => {}
            },
            Token::Text(t) => {
                if in_sup {
                    if keep_superscript(t) {
                        push_markdown(&mut cur, t, &styles, &mut em);
                    }
                    continue;
                }
                // Bullet glyphs inside text separate items ("▪ one ▪ two").
                for (k, piece) in split_on_glyphs(t).into_iter().enumerate() {
                    let (glyph_led, piece) = piece;
                    if glyph_led {
                        let level = if cur_bullet.is_some() && cur.is_empty() { cur_bullet } else { None };
                        if !cur.is_empty() || k > 0 {
                            finish(&mut paras, &mut cur, &mut cur_bullet);
                        }
                        cur_bullet = Some(level.unwrap_or(list_depth.saturating_sub(1)));
                    } else if cur.is_empty()
                        && cur_bullet.is_none()
                        && list_depth > 0
                        && !piece.trim().is_empty()
                    {
                        // Text directly inside <ul> without <li>: still a list item.
                        cur_bullet = Some(list_depth - 1);
                    }
                    push_markdown(&mut cur, piece, &styles, &mut em);
                }
            }
        }
    }
    finish(&mut paras, &mut cur, &mut cur_bullet);
    paras
}

fn toggle(styles: &mut Vec<Style>, s: Style, on: bool) {
    if on {
        styles.push(s);
    } else if let Some(k) = styles.iter().rposition(|&x| x == s) {
        styles.remove(k);
    }
}

/// Split text at bullet glyphs that start an item (at the start or after whitespace).
/// Returns (led by a glyph?, text) pieces.
fn split_on_glyphs(t: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut led = false;
    let mut prev_ws = true;
    for (i, c) in t.char_indices() {
        if is_bullet_glyph(c) && prev_ws {
            let after = t[i + c.len_utf8()..].chars().next();
            if after.is_none_or(char::is_whitespace) {
                if i > start || led {
                    out.push((led, &t[start..i]));
                }
                led = true;
                start = i + c.len_utf8();
            }
        }
        prev_ws = c.is_whitespace();
    }
    if start < t.len() || led {
        out.push((led, &t[start..]));
    }
    out
}

/// Parse a single line of inline content into one [`Text`]; block tags become line breaks.
pub fn parse_line(s: &str) -> Text {
    let paras = parse_paras(s);
    let mut out = Text::default();
    for (k, p) in paras.into_iter().enumerate() {
        if k > 0 {
            out.push("\n", &[]);
        }
        append(&mut out, p.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(paras: &[CellPara]) -> Vec<(&str, Option<u8>)> {
        paras.iter().map(|p| (p.text.text.as_str(), p.bullet)).collect()
    }

    #[test]
    fn html_paragraphs_and_underline() {
        let p = parse_paras("<p><u>Keep children safe</u></p> <p>1. Run the board well</p>");
        assert_eq!(texts(&p), vec![("Keep children safe", None), ("1. Run the board well", None)]);
        assert!(p[0].text.is_all(Style::Underline));
    }

    #[test]
    fn nested_lists_keep_levels_and_drop_glyphs() {
        let p = parse_paras(
            "Intro: <ul> <li>• Rates on: <ul> <li>○ Neglect</li> </ul> </li> <li>• Other</li> </ul> tail",
        );
        assert_eq!(
            texts(&p),
            vec![
                ("Intro:", None),
                ("Rates on:", Some(0)),
                ("Neglect", Some(1)),
                ("Other", Some(0)),
                ("tail", None)
            ]
        );
    }

    #[test]
    fn glyphs_split_items_without_li() {
        let p = parse_paras("<ul style=\"x\"> ▪ Self-assessment done ▪ Standards revised</ul>");
        assert_eq!(texts(&p), vec![("Self-assessment done", Some(0)), ("Standards revised", Some(0))]);
    }

    #[test]
    fn markdown_emphasis_links_and_footnotes() {
        let t = parse_line("**Priority One: Safety.** See [the plan](http://x/y_z) and statute<sup>iv</sup> on 1<sup>st</sup> May");
        assert_eq!(t.text, "Priority One: Safety. See the plan and statute on 1st May");
        assert_eq!(t.leading(Style::Bold), Some("Priority One: Safety."));
    }

    #[test]
    fn stray_angle_brackets_and_entities_are_text() {
        let t = parse_line("a < b &amp; c > d");
        assert_eq!(t.text, "a < b & c > d");
    }

    #[test]
    fn intraword_underscore_is_not_emphasis() {
        let t = parse_line("file_name_here and _this_");
        assert_eq!(t.text, "file_name_here and this");
        assert_eq!(t.marks.len(), 1);
    }
}
