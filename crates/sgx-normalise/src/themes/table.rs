//! The taxonomy as the README prints it (Markdown), made from the data file so the two cannot
//! drift apart: a test compares this text with the README's.

use std::fmt::Write;

use super::taxonomy::{Taxonomy, TAXONOMY};

/// The README's themes table and notes for the compiled-in taxonomy.
pub fn taxonomy_table() -> String {
    render(&TAXONOMY)
}

fn render(t: &Taxonomy) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Taxonomy version `{}` (`crates/sgx-normalise/data/themes.json`), {} themes.\n",
        t.version,
        t.themes.len()
    );
    s.push_str("| id | axis | label | vocabulary |\n|---|---|---|---|\n");
    for theme in &t.themes {
        let unless = theme.weak_unless.join(", ");
        let vocabulary: Vec<String> = theme
            .phrases
            .iter()
            .map(|p| escape(p))
            .chain(theme.weak.iter().map(|p| format!("{} (alone; not with {unless})", escape(p))))
            .chain(theme.whole_field.iter().map(|p| format!("{} (as a whole field)", escape(p))))
            .collect();
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} |",
            theme.id,
            theme.axis.as_str(),
            escape(&theme.label),
            vocabulary.join(", ")
        );
    }
    let ambiguous: Vec<String> = t
        .ambiguous_acronyms
        .iter()
        .map(|a| {
            let usually =
                if a.usually.is_empty() { String::new() } else { format!("usually `{}`; ", a.usually) };
            format!("{} ({usually}{})", a.term, escape(&a.why))
        })
        .collect();
    let _ = writeln!(s, "\nRead only through the document's own glossary: {}.", ambiguous.join("; "));
    let not_themes: Vec<String> = t.not_themes.iter().map(|p| escape(p)).collect();
    let _ = writeln!(
        s,
        "\nPhrases that assign no theme and hide the shorter phrases inside them: {}.",
        not_themes.join(", ")
    );
    s
}

/// Text safe in a Markdown table cell: `*` and `|` printed as themselves.
fn escape(text: &str) -> String {
    text.replace('*', "\\*").replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_is_one_row_with_its_vocabulary() {
        let table = taxonomy_table();
        for theme in &TAXONOMY.themes {
            let row = table.lines().find(|l| l.starts_with(&format!("| `{}` |", theme.id))).unwrap();
            for phrase in &theme.phrases {
                assert!(row.contains(&escape(phrase)), "{} lacks {phrase}", theme.id);
            }
        }
        assert!(table.contains("radicalis\\*"), "stems are escaped");
        assert!(table.contains("exploitation (alone; not with cse, cce)"));
    }
}
