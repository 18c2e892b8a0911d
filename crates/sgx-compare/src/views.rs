//! The three views of a comparison, and their CSV and terminal forms.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use crate::{CompareError, Document};

/// How a theme stands in an area's year against the area's previous year with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// The area's first year with a document.
    First,
    /// Covered then and now.
    Persists,
    /// Covered now, not then.
    Appears,
    /// Covered then, not now.
    Drops,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::First => "first",
            Change::Persists => "persists",
            Change::Appears => "appears",
            Change::Drops => "drops",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ThemeChange {
    pub area: String,
    pub theme: String,
    pub year: i32,
    pub change: Change,
}

/// How many areas cover a theme: in their latest document with priorities.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    pub theme: String,
    pub areas: usize,
    pub of: usize,
}

impl Coverage {
    pub fn share(&self) -> f64 {
        if self.of == 0 {
            0.0
        } else {
            self.areas as f64 / self.of as f64
        }
    }
}

/// A comparison of the documents of one batch.
#[derive(Debug)]
pub struct Comparison {
    /// Documents by area, then by year (several documents of one year keep their batch order).
    pub areas: BTreeMap<String, BTreeMap<i32, Vec<Document>>>,
    pub changes: Vec<ThemeChange>,
    pub coverage: Vec<Coverage>,
    /// Documents left out for want of an area or a period.
    pub left_out: usize,
}

impl Comparison {
    pub fn new(docs: Vec<Document>, left_out: usize) -> Comparison {
        let mut areas: BTreeMap<String, BTreeMap<i32, Vec<Document>>> = BTreeMap::new();
        for d in docs {
            let year = areas.entry(d.area.clone()).or_default().entry(d.year).or_default();
            // One document published in several formats (PDF and Word, say) is compared once.
            let titles = |x: &Document| x.priorities.iter().map(|p| p.title.clone()).collect::<Vec<_>>();
            if !year.iter().any(|o| o.kind == d.kind && titles(o) == titles(&d)) {
                year.push(d);
            }
        }
        let changes = changes(&areas);
        let coverage = coverage(&areas);
        Comparison { areas, changes, coverage, left_out }
    }

    /// Writes `priorities_by_area_year.csv`, `theme_changes.csv` and `theme_coverage.csv` into
    /// `dir` (each written whole, then moved into place).
    pub fn write_csv(&self, dir: &Path) -> Result<(), CompareError> {
        std::fs::create_dir_all(dir).map_err(|e| write_err(dir, e))?;
        let mut rows = vec![vec![
            "area".to_string(),
            "partnership".into(),
            "year".into(),
            "kind".into(),
            "document_id".into(),
            "priority".into(),
            "themes".into(),
        ]];
        for (area, years) in &self.areas {
            for (year, docs) in years {
                for d in docs {
                    for p in &d.priorities {
                        rows.push(vec![
                            area.clone(),
                            d.partnership.clone(),
                            year.to_string(),
                            d.kind.clone(),
                            d.document_id.clone(),
                            p.title.clone(),
                            p.themes.join(" | "),
                        ]);
                    }
                }
            }
        }
        write_rows(&dir.join("priorities_by_area_year.csv"), &rows)?;
        let mut rows = vec![vec!["area".to_string(), "theme".into(), "year".into(), "change".into()]];
        rows.extend(self.changes.iter().map(|c| {
            vec![c.area.clone(), c.theme.clone(), c.year.to_string(), c.change.as_str().to_string()]
        }));
        write_rows(&dir.join("theme_changes.csv"), &rows)?;
        let mut rows = vec![vec!["theme".to_string(), "areas".into(), "of".into(), "share".into()]];
        rows.extend(self.coverage.iter().map(|c| {
            vec![c.theme.clone(), c.areas.to_string(), c.of.to_string(), format!("{:.2}", c.share())]
        }));
        write_rows(&dir.join("theme_coverage.csv"), &rows)
    }

    /// The comparison as text for a terminal.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (area, years) in &self.areas {
            let label =
                years.values().last().and_then(|d| d.last()).map_or(area.as_str(), |d| &d.partnership);
            let _ = writeln!(out, "{label} [{area}]");
            for (year, docs) in years {
                for d in docs {
                    let _ = writeln!(out, "  {year}  {} ({} priorities)", d.kind, d.priorities.len());
                    for p in &d.priorities {
                        let themes = if p.themes.is_empty() {
                            String::new()
                        } else {
                            format!("  [{}]", p.themes.join(", "))
                        };
                        let _ = writeln!(out, "        - {}{themes}", p.title);
                    }
                }
            }
            let changes: Vec<String> = self
                .changes
                .iter()
                .filter(|c| &c.area == area && c.change != Change::First)
                .map(|c| format!("{} {} {}", c.year, c.change.as_str(), c.theme))
                .collect();
            if !changes.is_empty() {
                let _ = writeln!(out, "  themes: {}", changes.join("; "));
            }
        }
        if !self.coverage.is_empty() {
            let _ = writeln!(out, "\nThemes across areas (latest document with priorities):");
            for c in &self.coverage {
                let _ = writeln!(
                    out,
                    "  {:<28} {:>3} of {:<3} {:>4.0}%",
                    c.theme,
                    c.areas,
                    c.of,
                    100.0 * c.share()
                );
            }
        }
        if self.left_out > 0 {
            let _ = writeln!(out, "\n{} documents left out: no partnership area or no period", self.left_out);
        }
        out
    }
}

fn themes_of(docs: &[Document]) -> BTreeSet<String> {
    docs.iter().flat_map(|d| d.priorities.iter().flat_map(|p| p.themes.iter().cloned())).collect()
}

/// Year by year, per area: each theme's first year, and then what persists, appears, drops.
fn changes(areas: &BTreeMap<String, BTreeMap<i32, Vec<Document>>>) -> Vec<ThemeChange> {
    let mut out = Vec::new();
    for (area, years) in areas {
        let mut before: Option<BTreeSet<String>> = None;
        for (year, docs) in years {
            let now = themes_of(docs);
            let change = |theme: &String, change| ThemeChange {
                area: area.clone(),
                theme: theme.clone(),
                year: *year,
                change,
            };
            match &before {
                None => out.extend(now.iter().map(|t| change(t, Change::First))),
                Some(then) => {
                    out.extend(now.iter().map(|t| {
                        change(t, if then.contains(t) { Change::Persists } else { Change::Appears })
                    }));
                    out.extend(then.difference(&now).map(|t| change(t, Change::Drops)));
                }
            }
            before = Some(now);
        }
    }
    out
}

/// Per theme, the areas whose latest document with priorities covers it.
fn coverage(areas: &BTreeMap<String, BTreeMap<i32, Vec<Document>>>) -> Vec<Coverage> {
    let latest: Vec<BTreeSet<String>> = areas
        .values()
        .filter_map(|years| years.values().rev().find(|docs| docs.iter().any(|d| !d.priorities.is_empty())))
        .map(|docs| themes_of(docs))
        .collect();
    let of = latest.len();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for themes in &latest {
        for t in themes {
            *counts.entry(t.clone()).or_default() += 1;
        }
    }
    let mut out: Vec<Coverage> =
        counts.into_iter().map(|(theme, areas)| Coverage { theme, areas, of }).collect();
    out.sort_by(|a, b| b.areas.cmp(&a.areas).then(a.theme.cmp(&b.theme)));
    out
}

fn write_err(path: &Path, e: impl std::fmt::Display) -> CompareError {
    CompareError::Write { path: path.display().to_string(), reason: e.to_string() }
}

/// One CSV written to a temporary file beside `path`, then renamed onto it.
fn write_rows(path: &Path, rows: &[Vec<String>]) -> Result<(), CompareError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| write_err(path, e))?;
    {
        let mut w = csv::Writer::from_writer(tmp.as_file());
        for r in rows {
            w.write_record(r).map_err(|e| write_err(path, e))?;
        }
        w.flush().map_err(|e| write_err(path, e))?;
    }
    tmp.persist(path).map_err(|e| write_err(path, e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Priority;

    fn doc(area: &str, year: i32, themes: &[&[&str]]) -> Document {
        Document {
            document_id: format!("{area}{year}"),
            area: area.into(),
            partnership: format!("{area} Safeguarding Children Partnership"),
            year,
            kind: "annual_report".into(),
            priorities: themes
                .iter()
                .map(|ts| Priority { title: "t".into(), themes: ts.iter().map(|t| t.to_string()).collect() })
                .collect(),
        }
    }

    #[test]
    fn themes_persist_appear_and_drop_year_on_year() {
        let c = Comparison::new(
            vec![doc("a", 2014, &[&["neglect"], &["cse"]]), doc("a", 2017, &[&["neglect"], &["online"]])],
            0,
        );
        let at = |year, theme: &str| {
            c.changes.iter().find(|x| x.year == year && x.theme == theme).map(|x| x.change)
        };
        assert_eq!(at(2014, "neglect"), Some(Change::First));
        assert_eq!(at(2017, "neglect"), Some(Change::Persists));
        assert_eq!(at(2017, "online"), Some(Change::Appears));
        assert_eq!(at(2017, "cse"), Some(Change::Drops));
    }

    #[test]
    fn coverage_counts_each_area_once_by_its_latest_document() {
        let c = Comparison::new(
            vec![
                doc("a", 2014, &[&["cse"]]),
                doc("a", 2020, &[&["neglect"]]),
                doc("b", 2021, &[&["neglect", "online"]]),
                doc("c", 2021, &[]),
            ],
            0,
        );
        assert_eq!(c.coverage[0], Coverage { theme: "neglect".into(), areas: 2, of: 2 });
        assert!(c.coverage.iter().all(|x| x.theme != "cse"), "an earlier year's theme is not counted");
    }
}
