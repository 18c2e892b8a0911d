//! A cap on the length of every text a fact carries. A garbled or hostile document can make
//! one "title" or "task" megabytes long (a table whose rows never end); a fact that long is
//! no fact a reader can use, and it would become one giant cell in every export. The text
//! is cut at [`MAX_FACT_CHARS`] characters (ending "…") and a `limit_reached` warning names
//! the fact and its place.

use sgx_model::{Evidence, Extraction, Warning, WarningKind};

/// The most characters one text of a fact keeps. A long action cell of a real plan runs
/// to about two thousand characters.
pub const MAX_FACT_CHARS: usize = 10_000;

/// Cuts every over-long text of `x`'s facts, with a warning for each.
pub fn cap_fact_texts(x: &mut Extraction) {
    let mut warnings = Vec::new();
    let mut check = |what: &str, text: &mut String, ev: Option<&Evidence>| {
        if let Some(chars) = cut(text) {
            warnings.push(warning(what, chars, ev));
        }
    };
    let p = &mut x.partnership;
    for (what, text) in [("partnership name", &mut p.name), ("partnership acronym", &mut p.acronym)] {
        if let Some(t) = text {
            check(what, t, p.evidence.as_ref());
        }
    }
    let d = &mut x.document;
    if let Some(t) = &mut d.title {
        check("document title", t, d.evidence.as_ref());
    }
    for pr in &mut x.priorities {
        let ev = Some(&pr.evidence);
        check("priority title", &mut pr.title, ev);
        pr.measures
            .iter_mut()
            .chain(&mut pr.subgroups)
            .for_each(|t| check("priority measure or subgroup", t, ev));
    }
    for a in &mut x.actions {
        let ev = Some(&a.evidence);
        for t in [&mut a.objective_ref, &mut a.objective, &mut a.section, &mut a.progress, &mut a.rag]
            .into_iter()
            .flatten()
        {
            check("action field", t, ev);
        }
        a.tasks
            .iter_mut()
            .chain(&mut a.leads)
            .chain(&mut a.measures)
            .for_each(|t| check("action field", t, ev));
        if let Some(ts) = &mut a.timescale {
            check("action timescale", &mut ts.raw, ev);
        }
    }
    for b in &mut x.governance.bodies {
        let ev = Some(&b.evidence);
        check("body name", &mut b.name, ev);
        for t in [&mut b.acronym, &mut b.chair, &mut b.meets, &mut b.reports_to].into_iter().flatten() {
            check("body field", t, ev);
        }
    }
    for g in &mut x.glossary {
        let ev = Some(&g.evidence);
        check("glossary term", &mut g.term, ev);
        check("glossary expansion", &mut g.expansion, ev);
    }
    x.warnings.extend(warnings);
}

/// Cuts `text` to the cap; the length it had, if it was cut.
fn cut(text: &mut String) -> Option<usize> {
    let (at, _) = text.char_indices().nth(MAX_FACT_CHARS)?;
    let chars = MAX_FACT_CHARS + text[at..].chars().count();
    text.truncate(at);
    text.push('…');
    Some(chars)
}

fn warning(what: &str, chars: usize, ev: Option<&Evidence>) -> Warning {
    Warning {
        kind: WarningKind::LimitReached,
        message: format!("{what} of {chars} characters cut to {MAX_FACT_CHARS}"),
        page: ev.and_then(|e| e.page),
        lines: ev.and_then(|e| e.lines),
        path: ev.and_then(|e| e.path.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_with_a_warning_and_short_ones_kept() {
        let text = format!(
            "# Business plan\n\n## Action plan\n\n| Objective | Action | Lead | Timescale |\n\
             |---|---|---|---|\n| 1.1 Improve neglect practice | {} | Chair | March 2020 |\n\
             | 1.2 Audit early help | Run an audit | Manager | June 2020 |\n",
            "é".repeat(MAX_FACT_CHARS + 5)
        );
        let doc = sgx_read::read(text.as_bytes(), "plan.md").unwrap();
        let x = crate::recognise(&doc);
        let long =
            x.actions.iter().find(|a| a.tasks.iter().any(|t| t.starts_with('é'))).expect("the long action");
        let task = &long.tasks[0];
        assert_eq!(task.chars().count(), MAX_FACT_CHARS + 1);
        assert!(task.ends_with('…'));
        assert!(x.actions.iter().any(|a| a.tasks == ["Run an audit"]));
        let w = x.warnings.iter().find(|w| w.kind == WarningKind::LimitReached).expect("a warning");
        assert_eq!(
            w.message,
            format!("action field of {} characters cut to {MAX_FACT_CHARS}", MAX_FACT_CHARS + 5)
        );
        assert_eq!(w.lines, long.evidence.lines);
    }
}
