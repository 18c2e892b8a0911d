//! A table of contents read as entries: each with its number or letter and its title, page
//! numbers removed. Contents come printed one entry a line or a bullet, or run together on one
//! line by a hosting site ("Structure46 Sub-group reports: a)Case Reviews47 b)…",
//! "Chapter 9 - Sub-groups...29 a. Business Group...29", "7. Architecture Pages 23-35 7.1
//! Partnership Board 7.2 …"); the cuts are the same in both.
//!
//! Which entries sit inside a "structure" or "sub-groups" entry (its lettered or sub-numbered
//! entries) is [`in_structure`]: those entries are the bodies the structure lists.

use std::sync::LazyLock;

use regex_lite::Regex;

/// An entry of more words than this is running text, not a contents entry.
pub(super) const ENTRY_WORDS: usize = 14;

/// How an entry is numbered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Enumerator {
    None,
    /// "Chapter 9 -", "Part 2", "Appendix 1 –": a top-level division.
    Division,
    /// "a.", "b)".
    Letter(char),
    /// "7.", "7.1", "2.3.1".
    Number(Vec<u32>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) enumerator: Enumerator,
    pub(super) title: String,
}

/// "Contents", "Table of Contents", "2 Contents", ". Contents ." at the start of a line or
/// after a full stop: the contents start right after it.
pub(super) static CONTENTS_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)(?:^|[.·]\s)[\s\d]*(?:table\s+of\s+)?contents\b(?:\s+page(?:\s+no\b\.?)?)?[\s.:]*")
        .unwrap()
});

/// What cuts a line into entries: page numbers (after dot leaders, after "Page", glued to the
/// title's last letter) and the numbers, letters and divisions that open entries.
static CUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<leader>[.…]{2,}[\s.…]*\d{1,3}\b)",
        r"|(?P<pages>\bPages?\s+\d{1,3}(?:\s*[-–]\s*\d{1,3})?\b|\s[/|]\s*\d{1,3}\s*$)",
        r"|(?P<glued>[a-z)’']\d{1,3}\b)",
        r"|(?P<division>\b(?:Chapter|Section|Part|Appendix)\s+(?:\d+|[IVX]+)\b\s*[-–:.]?)",
        r"|(?P<letter>\b[a-z][.)])",
        r"|(?P<number>\b\d{1,3}(?:\.\d{1,2})*\.?(?:\s|$))",
    ))
    .unwrap()
});

/// The entries of a contents text, line by line.
pub(super) fn entries(text: &str) -> Vec<Entry> {
    text.lines().flat_map(line_entries).collect()
}

fn line_entries(line: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut open = Enumerator::None;
    let mut from = 0;
    let push = |open: &Enumerator, title: &str, out: &mut Vec<Entry>| {
        let title = tidy(title);
        if title.chars().any(char::is_alphabetic) {
            out.push(Entry { enumerator: open.clone(), title });
        }
    };
    for c in CUT.captures_iter(line) {
        let m = c.get(0).unwrap();
        let rest = &line[m.end()..];
        // (A host's cell separator may stand between a number and its title: "1.  / Title".)
        let next_is_title = rest
            .trim_start()
            .trim_start_matches(['/', '|'])
            .trim_start()
            .starts_with(|ch: char| ch.is_uppercase());
        if c.name("leader").is_some() || c.name("pages").is_some() {
            push(&open, &line[from..m.start()], &mut out);
            open = Enumerator::None;
        } else if c.name("glued").is_some() {
            // The letter before the page number ends the title.
            push(&open, &line[from..m.start() + 1], &mut out);
            open = Enumerator::None;
        } else if c.name("division").is_some() {
            push(&open, &line[from..m.start()], &mut out);
            open = Enumerator::Division;
        } else if let Some(letter) = c.name("letter").filter(|_| next_is_title) {
            push(&open, &line[from..m.start()], &mut out);
            open = Enumerator::Letter(letter.as_str().chars().next().unwrap());
        } else if let Some(number) = c.name("number").filter(|_| next_is_title || rest.trim().is_empty()) {
            push(&open, &line[from..m.start()], &mut out);
            let digits = number.as_str().trim();
            // "7." and "7.1" number an entry; a bare "3" is a page number or a plain count.
            open = if digits.contains('.') {
                Enumerator::Number(digits.split('.').filter_map(|d| d.parse().ok()).collect())
            } else {
                Enumerator::None
            };
        } else {
            continue;
        }
        from = m.end();
    }
    push(&open, &line[from..], &mut out);
    out
}

/// A title without the dashes, colons and bullets left around it.
fn tidy(s: &str) -> String {
    let s = sgx_ir::normalize_ws(s);
    // A table flattened by a host keeps its cell separators ("1. / Title / 8").
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '•' | '·' | '.' | ',' | '/' | '|')
    })
    .to_string()
}

/// Titles that open a structure: "Sub-group reports", "LSCB Structure", "The architecture of
/// the partnership", "Effectiveness of Sub-groups".
static STRUCTURE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:sub-?\s?(?:groups|committees|boards)|sub-?\s?group\s+reports|committees|panels",
        r"|structure|architecture)\b",
    ))
    .unwrap()
});

/// Which entries sit inside a structure entry: the lettered entries after it (a, b, c …, with
/// unlettered ones printed between two of them), or its sub-numbered entries (7.1, 7.2 under
/// 7.). The structure entry itself is not one of them.
pub(super) fn in_structure(entries: &[Entry]) -> Vec<bool> {
    let mut inside = vec![false; entries.len()];
    let mut k = 0;
    while k < entries.len() {
        if !STRUCTURE_TITLE.is_match(&entries[k].title) {
            k += 1;
            continue;
        }
        let opener = &entries[k].enumerator;
        let mut next_letter = 'a';
        let mut j = k + 1;
        while j < entries.len() {
            let sits = match &entries[j].enumerator {
                Enumerator::Letter(c) => *c == next_letter,
                Enumerator::Number(n) => match opener {
                    Enumerator::Number(o) => n.len() > o.len() && n.starts_with(o),
                    _ => false,
                },
                // Unlettered entries between two lettered ones.
                Enumerator::None => {
                    next_letter > 'a'
                        && entries[j..].iter().any(|e| e.enumerator == Enumerator::Letter(next_letter))
                }
                Enumerator::Division => false,
            };
            if !sits {
                break;
            }
            if entries[j].enumerator == Enumerator::Letter(next_letter) {
                next_letter = char::from(next_letter as u8 + 1);
            }
            inside[j] = true;
            j += 1;
        }
        k = j.max(k + 1);
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str) -> Vec<String> {
        entries(text).into_iter().map(|e| e.title).collect()
    }

    #[test]
    fn a_run_together_contents_line_is_cut_at_page_numbers_and_enumerators() {
        let line =
            "2 Contents Summary...6 Chapter 9 - Sub-groups of the Board...29 a. Quarry Group (QG)...29 \
                    b. Case Review...30 Chapter 10 Next Steps...36";
        let text = &line[CONTENTS_CUE.find(line).unwrap().end()..];
        let got = entries(text);
        let shown: Vec<(&Enumerator, &str)> = got.iter().map(|e| (&e.enumerator, e.title.as_str())).collect();
        assert_eq!(
            shown,
            vec![
                (&Enumerator::None, "Summary"),
                (&Enumerator::Division, "Sub-groups of the Board"),
                (&Enumerator::Letter('a'), "Quarry Group (QG)"),
                (&Enumerator::Letter('b'), "Case Review"),
                (&Enumerator::Division, "Next Steps"),
            ]
        );
    }

    #[test]
    fn glued_and_spaced_page_numbers_end_titles() {
        assert_eq!(
            titles(
                "Lay members report44\nSub-group reports: -\na)Case Reviews47\nb)Heron Panel51\nBudget 36"
            ),
            vec!["Lay members report", "Sub-group reports", "Case Reviews", "Heron Panel", "Budget"]
        );
        assert_eq!(
            titles("Update from the Online Safety Sub-group Page 18"),
            vec!["Update from the Online Safety Sub-group"]
        );
        // A count inside a title is no page number.
        assert_eq!(titles("3. The 3 partners in Fenwold Pages 17-18"), vec!["The 3 partners in Fenwold"]);
        // A table flattened with its cell separators.
        assert_eq!(
            titles("Structure Chart / 3\n2.  / Learning from reviews – Case Review Panel / 15"),
            vec!["Structure Chart", "Learning from reviews – Case Review Panel"]
        );
    }

    #[test]
    fn numbered_sub_entries_and_letters_sit_inside_a_structure_entry() {
        let text =
            "6. Agencies Page 20 6.1 Schools Forum 7. The architecture of the partnership Pages 23-35 \
                    7.1 Partnership Board 7.2 Learning Hub 8. Voice of children Page 36";
        let got = entries(text);
        let inside: Vec<&str> = in_structure(&got)
            .iter()
            .zip(&got)
            .filter(|(inside, _)| **inside)
            .map(|(_, e)| e.title.as_str())
            .collect();
        assert_eq!(inside, vec!["Partnership Board", "Learning Hub"]);

        let got = entries("Structure46 Sub-group reports: -\na)Case Reviews47\nb)Heron Panel51\nTraining60\nc)Health sub-group66\nFostering87");
        let inside: Vec<&str> = in_structure(&got)
            .iter()
            .zip(&got)
            .filter(|(inside, _)| **inside)
            .map(|(_, e)| e.title.as_str())
            .collect();
        assert_eq!(inside, vec!["Case Reviews", "Heron Panel", "Training", "Health sub-group"]);
    }

    #[test]
    fn unnumbered_entries_after_a_structure_entry_are_not_inside_it() {
        let got = entries("LSCB Structure Page 7\nProvision of Policies and Procedures Page 7");
        assert_eq!(in_structure(&got), vec![false, false]);
    }
}
