//! A chair, meeting frequency or reporting line, with the mentions that may be its subject.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FactKind {
    Chair,
    Meets,
    ReportsTo,
    /// The text gives the body a chair, members or meetings without saying more: enough to
    /// present a board as a body of the structure, not only as the author of the document.
    Presented,
}

/// Where to look for a fact's subject when its sentence names none.
#[derive(Debug, Clone)]
pub(super) enum Fallback {
    None,
    /// The body the enclosing heading names.
    Section(Option<usize>),
    /// The bodies of a table row: its lead cells, then its task cells.
    Row {
        leads: Vec<usize>,
        tasks: Vec<usize>,
    },
}

#[derive(Debug, Clone)]
pub(super) struct Fact {
    pub(super) kind: FactKind,
    pub(super) value: String,
    /// Mentions before the phrase in its sentence, nearest first, each with whether it is
    /// coordinated ("X and Y are chaired …") with the one before it in this list.
    pub(super) same: Vec<(usize, bool)>,
    /// Mentions of earlier sentences of the unit, nearest first (for "the group …").
    pub(super) prior: Vec<usize>,
    pub(super) anaphoric: bool,
    pub(super) fallback: Fallback,
    pub(super) target: Option<usize>,
}

impl Fact {
    /// A fact about a known subject.
    pub(super) fn about(kind: FactKind, value: String, subject: usize, target: Option<usize>) -> Fact {
        let same = vec![(subject, false)];
        Fact { kind, value, same, prior: Vec::new(), anaphoric: false, fallback: Fallback::None, target }
    }

    /// A fact about the body of a table row ("Subgroup to PBG").
    pub(super) fn about_row(kind: FactKind, target: Option<usize>, row: Fallback) -> Fact {
        Fact {
            kind,
            value: String::new(),
            same: Vec::new(),
            prior: Vec::new(),
            anaphoric: false,
            fallback: row,
            target,
        }
    }
}
