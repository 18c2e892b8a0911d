//! Names as the matcher compares them: the normal form of a place name, the place a
//! partnership's name names, and that place cut into the pieces a joint name lists.
//!
//! The normal form is exact matching made tolerant of how councils print their names: case,
//! "&" for "and", apostrophes, hyphens and other punctuation, the words "and" and "the", and
//! the council-type words around a name ("London Borough of", "Borough of", "County of";
//! "Council", "City Council", "County", "Borough", "City", "UA", ", City of"). Nothing else is
//! forgiven: a misspelt name matches nothing. `scripts/make-la-table` applies the same rules to
//! the reference table's names (a test checks every name there is in normal form).

/// Words dropped wherever they stand.
const DROPPED_WORDS: [&str; 2] = ["and", "the"];

/// Council-type words before a name, stripped until none is left.
const LEADING: [&[&str]; 5] = [
    &["london", "borough", "of"],
    &["royal", "borough", "of"],
    &["metropolitan", "borough", "of"],
    &["borough", "of"],
    &["county", "of"],
];

/// Council-type words after a name ("Derby City UA", "Bristol, City of"), stripped until none
/// is left. A leading "City of" is not here: it would make the City of London "London"; the
/// matcher tries a name without it as a second choice instead.
const TRAILING: [&[&str]; 12] = [
    &["council"],
    &["corporation"],
    &["ua"],
    &["london", "boro"],
    &["metropolitan", "borough"],
    &["metropolitan", "district"],
    &["borough"],
    &["district"],
    &["county"],
    &["city", "of"],
    &["county", "of"],
    &["city"],
];

/// Words of the genre's body names ("Local Safeguarding Children Board"): a partnership's
/// name names its place before them, or after them ("… Board for Kingston upon Thames").
const BODY_WORDS: [&str; 14] = [
    "local",
    "safeguarding",
    "children",
    "childrens",
    "child",
    "partnership",
    "partnerships",
    "board",
    "boards",
    "lscb",
    "lscp",
    "scb",
    "scp",
    "acpc",
];

/// Small words between a body name and the place printed after it.
const CONNECTIVES: [&str; 5] = ["for", "of", "in", "the", "covering"];

/// Words of the genre's documents, which end a place printed after the body name ("Local
/// Safeguarding Children Board Inspection", "… Board Kingston upon Thames Annual Report").
const DOCUMENT_WORDS: [&str; 14] = [
    "inspection",
    "review",
    "report",
    "annual",
    "business",
    "plan",
    "strategy",
    "strategic",
    "arrangements",
    "minutes",
    "newsletter",
    "update",
    "procedures",
    "workplan",
];

/// A last word of the place that belongs to the body name ("Newcastle Area Child Protection
/// Committee").
const PLACE_FILLER: [&str; 1] = ["area"];

/// Separators between the places of a joint name (besides the word "and").
const SEPARATORS: [char; 5] = [',', '&', '/', '+', ';'];

/// The normal form of a place name: lower case, words of letters and digits, "and", "the" and
/// council-type words dropped ("London Borough of Hammersmith & Fulham" → "hammersmith
/// fulham"). Council-type words are never stripped down to nothing ("Borough" stays).
pub(crate) fn normalise(name: &str) -> String {
    let lower = name.to_lowercase().replace('&', " and ");
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in lower.chars() {
        if is_apostrophe(c) {
            continue;
        }
        if c.is_alphanumeric() {
            word.push(c);
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words.retain(|w| !DROPPED_WORDS.contains(&w.as_str()));
    strip_affixes(&mut words);
    words.join(" ")
}

fn strip_affixes(words: &mut Vec<String>) {
    let mut changed = true;
    while changed {
        changed = false;
        for affix in LEADING {
            if words.len() > affix.len() && words.iter().zip(affix).all(|(w, a)| w == a) {
                words.drain(..affix.len());
                changed = true;
            }
        }
        for affix in TRAILING {
            let from = words.len().saturating_sub(affix.len());
            if words.len() > affix.len() && words[from..].iter().zip(affix).all(|(w, a)| w == a) {
                words.truncate(from);
                changed = true;
            }
        }
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{b4}')
}

/// A normal form as a key: its words joined by hyphens ("kingston-upon-thames").
pub(crate) fn slug(normal: &str) -> String {
    normal.replace(' ', "-")
}

/// The place a partnership's name names, as printed: the words before its body name
/// ("Derby and Derbyshire" in "Derby and Derbyshire Safeguarding Children Partnership"), or
/// after it when it opens the name ("Local Safeguarding Children Board Kingston upon
/// Thames"). A brand printed in capitals beside a place in ordinary case ("Bexley
/// S.H.I.E.L.D.") is not part of it. `None`: the name names no place.
pub(crate) fn place_of(partnership: &str) -> Option<String> {
    let words: Vec<&str> = partnership.split_whitespace().collect();
    let is_body = |w: &&str| BODY_WORDS.contains(&bare(w).as_str());
    let first_body = words.iter().position(is_body).unwrap_or(words.len());
    let mut place: Vec<&str> = if first_body > 0 {
        words[..first_body].to_vec()
    } else {
        let after = words.iter().position(|w| !is_body(w)).unwrap_or(words.len());
        let rest = &words[after..];
        let ends = |w: &&str| is_body(w) || DOCUMENT_WORDS.contains(&bare(w).as_str());
        let end = rest.iter().position(ends).unwrap_or(rest.len());
        let rest = &rest[..end];
        let start = rest.iter().position(|w| !CONNECTIVES.contains(&bare(w).as_str())).unwrap_or(rest.len());
        rest[start..].to_vec()
    };
    if place.first().is_some_and(|w| bare(w) == "the") {
        place.remove(0);
    }
    if place.len() > 1 && place.last().is_some_and(|w| PLACE_FILLER.contains(&bare(w).as_str())) {
        place.pop();
    }
    if place.iter().any(|w| w.chars().any(char::is_lowercase)) {
        place.retain(|w| !is_capitals_brand(w));
    }
    let place = place.join(" ");
    let place = place.trim_matches(|c: char| !c.is_alphanumeric());
    (!normalise(place).is_empty()).then(|| place.to_string())
}

/// A word as the vocabulary lists compare it: lower case, letters and digits only.
fn bare(word: &str) -> String {
    word.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase()
}

/// A word of two or more letters, all capitals ("S.H.I.E.L.D.", "LSCB").
fn is_capitals_brand(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

/// The pieces of a place between its separators ("," "&" "/" and the word "and"), each as the
/// byte range of its text in `place`: "Leicester, Leicestershire and Rutland" → three pieces.
/// A name that itself holds "and" ("Cheshire West and Chester") is two pieces the matcher
/// joins again.
pub(crate) fn pieces(place: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in place.char_indices() {
        let splits = c.is_whitespace() || SEPARATORS.contains(&c);
        match (splits, start) {
            (true, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        if SEPARATORS.contains(&c) {
            words.push((i, i + c.len_utf8()));
        }
    }
    if let Some(s) = start {
        words.push((s, place.len()));
    }
    for (s, e) in words {
        let word = &place[s..e];
        let separates = word.eq_ignore_ascii_case("and") || word.chars().all(|c| SEPARATORS.contains(&c));
        if separates {
            out.extend(current.take());
        } else {
            current = Some(current.map_or((s, e), |(cs, _)| (cs, e)));
        }
    }
    out.extend(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_forms_forgive_print_not_spelling() {
        let same = [
            ("London Borough of Hammersmith & Fulham", "hammersmith fulham"),
            ("Hammersmith and Fulham", "hammersmith fulham"),
            ("Royal Borough of Kensington and Chelsea", "kensington chelsea"),
            ("Telford and the Wrekin UA", "telford wrekin"),
            ("Derby City Council", "derby"),
            ("Bristol, City of", "bristol"),
            ("Herefordshire, County of", "herefordshire"),
            ("Borough of Poole", "poole"),
            ("Stockton-on-Tees Borough Council", "stockton on tees"),
            ("St. Helens", "st helens"),
            ("Nottingham City", "nottingham"),
            ("Dorset County Council", "dorset"),
            ("King\u{2019}s Lynn", "kings lynn"),
            ("City of York", "city of york"),
            ("City of London Corporation", "city of london"),
            ("Borough", "borough"),
        ];
        for (name, normal) in same {
            assert_eq!(normalise(name), normal, "{name}");
        }
        assert_ne!(normalise("Derbyshyre"), normalise("Derbyshire"));
    }

    #[test]
    fn the_place_is_before_the_body_name_or_after_it() {
        let cases = [
            ("Derby and Derbyshire Safeguarding Children Partnership", Some("Derby and Derbyshire")),
            ("Kirklees Local Safeguarding Children Board", Some("Kirklees")),
            ("Isle of Wight Safeguarding Children\u{2019}s Partnership", Some("Isle of Wight")),
            ("Local Safeguarding Children Board Kingston upon Thames", Some("Kingston upon Thames")),
            ("Safeguarding Children Partnership for Northbridge", Some("Northbridge")),
            ("The Rotherham Safeguarding Children Board", Some("Rotherham")),
            ("Sefton S.A.F.E. Safeguarding Partnership", Some("Sefton")),
            ("LLR Safeguarding Children Partnerships", Some("LLR")),
            ("SOLIHULL SAFEGUARDING CHILDREN BOARD", Some("SOLIHULL")),
            ("Gateshead Area Child Protection Committee", Some("Gateshead")),
            ("Southwick Children and Adults Safeguarding Partnership", Some("Southwick")),
            (
                "Local Safeguarding Children Board Kingston upon Thames Annual Report",
                Some("Kingston upon Thames"),
            ),
            ("Local Safeguarding Children Board Inspection", None),
            ("Local Safeguarding Children Board", None),
            ("Safeguarding Children Partnership", None),
        ];
        for (name, place) in cases {
            assert_eq!(place_of(name).as_deref(), place, "{name}");
        }
    }

    #[test]
    fn pieces_split_at_separators() {
        let texts = |place: &str| -> Vec<String> {
            pieces(place).into_iter().map(|(s, e)| place[s..e].to_string()).collect()
        };
        assert_eq!(
            texts("Leicester, Leicestershire and Rutland"),
            ["Leicester", "Leicestershire", "Rutland"]
        );
        assert_eq!(texts("Cambridgeshire & Peterborough"), ["Cambridgeshire", "Peterborough"]);
        assert_eq!(texts("Cheshire West and Chester"), ["Cheshire West", "Chester"]);
        assert_eq!(texts("Brent/Harrow"), ["Brent", "Harrow"]);
        assert_eq!(texts("Sandwell"), ["Sandwell"]);
        assert_eq!(texts("Bournemouth, Christchurch  AND Poole"), ["Bournemouth", "Christchurch", "Poole"]);
    }

    #[test]
    fn slugs_join_words_with_hyphens() {
        assert_eq!(slug(&normalise("Kingston upon Thames")), "kingston-upon-thames");
    }
}
