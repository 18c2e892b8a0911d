//! An action's status from its RAG rating or progress cell: red / red-amber / amber /
//! amber-green / green / blue, complete, in progress, not started.
//!
//! **Sources, strongest first.** The RAG cell (`actions[].rag`): words ("Amber", "RAG: Green",
//! "Green – complete"), letters ("R", "A/G") and pairs of either ("Red/Amber"). Then the RAG
//! cell's shading (`actions[].rag_fill`), by hue: red, amber (orange to yellow), green, a
//! strong blue; pale, grey and dark fills are decoration. Then the opening words of the
//! progress cell (`actions[].progress`): "On track – 40 staff trained",
//! "Not yet started", "Completed March 2020". Letters count only in a RAG cell (a progress
//! note may open with "A").
//!
//! **Vocabulary.** The genre's RAG keys: green is on track, amber at risk, red off track, blue
//! complete and embedded; "Complete", "Achieved", "Done" are complete whatever colour is
//! beside them; "Red/Amber" and "Amber/Green" are the five-point keys' middle steps.
//!
//! **Rules.** Only the leading run of status words counts (a note may follow). In a progress
//! cell a bare word ("Green", "Complete") must end the cell or be followed by punctuation, so
//! "Complete the audit" is no status; phrases that cannot be an instruction ("On track",
//! "Completed") may run on. Two colours other than the five-point pairs, or statuses that
//! contradict, give none.
//!
//! **Known limits.** A key that defines its colours otherwise (blue as "not started") is not
//! read; negations ("not achieved") give no status rather than red.

use sgx_model::{Extraction, Status};

use crate::tokens::{tokenize, Kind, Token};

/// The longest status phrase in words ("not yet commenced").
const MAX_STATUS_WORDS: usize = 3;

/// Words that label a rating without being one ("RAG: Amber", "Status - Green").
const LABELS: [&str; 5] = ["rag", "rating", "status", "overall", "current"];

/// A status word or phrase (joined, lower case) and whether words may follow it in a progress
/// cell.
fn status_word(joined: &str, rating_cell: bool) -> Option<(Status, bool)> {
    use Status::*;
    let found = match joined {
        "r" | "a" | "g" | "b" | "ra" | "ag" if !rating_cell => return None,
        "red" | "r" => (Red, false),
        "amber" | "yellow" | "a" => (Amber, false),
        "green" | "g" => (Green, false),
        "blue" | "b" => (Blue, false),
        "ra" => (RedAmber, false),
        "ag" => (AmberGreen, false),
        "offtrack" => (Red, true),
        "atrisk" => (Amber, true),
        "ontrack" => (Green, true),
        "complete" | "done" | "met" => (Complete, false),
        "completed" | "achieved" | "fullyachieved" | "fullymet" | "delivered" | "finished" => {
            (Complete, true)
        }
        "inprogress" | "underway" | "ongoing" | "partiallyachieved" | "partlyachieved"
        | "partiallycomplete" | "partiallycompleted" | "partiallymet" | "progressing" => (InProgress, true),
        "notstarted" | "notyetstarted" | "notcommenced" | "notyetcommenced" | "yettostart" | "notbegun"
        | "notyetbegun" => (NotStarted, true),
        _ => return None,
    };
    Some(found)
}

/// Set every action's status from its rating's words, else its colour, else its progress.
pub fn normalise_statuses(x: &mut Extraction) {
    for action in &mut x.actions {
        action.status = action
            .rag
            .as_deref()
            .and_then(|r| status_of(r, true))
            .or_else(|| action.rag_fill.as_deref().and_then(status_of_fill))
            .or_else(|| action.progress.as_deref().and_then(|p| status_of(p, false)));
    }
}

/// Shading paler or greyer than this is a table's decoration (zebra rows), not a rating;
/// spreadsheets' pale rating fills (light red, yellow, green) are just above it.
const MIN_RATING_SATURATION: f64 = 0.15;
/// Pale blue is common decoration: a blue rating must be a strong blue.
const MIN_BLUE_SATURATION: f64 = 0.4;
/// Darker shading (navy, dark green header fills) is no rating.
const MIN_RATING_VALUE: f64 = 0.5;

/// Hue ranges in degrees, [from, to), of the rating colours; red wraps round 0.
const RED_HUES: [(f64, f64); 2] = [(0.0, 15.0), (340.0, 360.0)];
const AMBER_HUES: (f64, f64) = (15.0, 66.0);
const GREEN_HUES: (f64, f64) = (75.0, 170.0);
const BLUE_HUES: (f64, f64) = (190.0, 250.0);

/// Hue (degrees), saturation and value of `#rrggbb`.
fn hue_saturation_value(hex: &str) -> Option<(f64, f64, f64)> {
    let digits = hex.strip_prefix('#').filter(|h| h.len() == 6 && h.is_ascii())?;
    let channel = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).ok().map(|c| f64::from(c) / 255.0);
    let (r, g, b) = (channel(0)?, channel(2)?, channel(4)?);
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let chroma = max - min;
    let hue = if chroma == 0.0 {
        0.0
    } else if max == r {
        60.0 * ((g - b) / chroma).rem_euclid(6.0)
    } else if max == g {
        60.0 * ((b - r) / chroma + 2.0)
    } else {
        60.0 * ((r - g) / chroma + 4.0)
    };
    let saturation = if max == 0.0 { 0.0 } else { chroma / max };
    Some((hue, saturation, max))
}

/// The rating a cell's shading shows: red, amber (orange to yellow), green or blue.
pub fn status_of_fill(hex: &str) -> Option<Status> {
    let (hue, saturation, value) = hue_saturation_value(hex)?;
    if saturation < MIN_RATING_SATURATION || value < MIN_RATING_VALUE {
        return None;
    }
    let within = |(from, to): (f64, f64)| hue >= from && hue < to;
    if RED_HUES.iter().any(|&r| within(r)) {
        Some(Status::Red)
    } else if within(AMBER_HUES) {
        Some(Status::Amber)
    } else if within(GREEN_HUES) {
        Some(Status::Green)
    } else if within(BLUE_HUES) && saturation >= MIN_BLUE_SATURATION {
        Some(Status::Blue)
    } else {
        None
    }
}

/// The statuses of the leading run of status words, and whether the run may stand as the
/// cell's status.
fn leading_statuses(t: &[Token], rating_cell: bool) -> Vec<Status> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let x = &t[i];
        if x.kind != Kind::Word {
            // Punctuation between statuses ("R/A", "Green – complete"); a number ends the run.
            if matches!(x.kind, Kind::Number | Kind::Ordinal) {
                break;
            }
            i += 1;
            continue;
        }
        if LABELS.contains(&x.lower.as_str()) || (x.lower == "and" && !found.is_empty()) {
            i += 1;
            continue;
        }
        let Some((status, free, end)) = longest_status(t, i, rating_cell) else { break };
        let followed_by_word = t.get(end).is_some_and(|n| n.kind == Kind::Word);
        if !rating_cell && !free && followed_by_word {
            break;
        }
        found.push(status);
        i = end;
    }
    found
}

/// The longest status phrase from word `i`: its status, whether words may follow it, its end.
fn longest_status(t: &[Token], i: usize, rating_cell: bool) -> Option<(Status, bool, usize)> {
    let mut joined = String::new();
    let mut candidates = Vec::new();
    let mut j = i;
    while candidates.len() < MAX_STATUS_WORDS {
        let Some(x) = t.get(j).filter(|x| x.kind == Kind::Word) else { break };
        joined.push_str(&x.lower);
        j += 1;
        candidates.push((joined.clone(), j));
        // "on-track", "in-progress": a dash inside a phrase.
        if t.get(j).is_some_and(|x| x.kind == Kind::Dash)
            && t.get(j + 1).is_some_and(|x| x.kind == Kind::Word)
        {
            j += 1;
        }
    }
    candidates.iter().rev().find_map(|(w, end)| status_word(w, rating_cell).map(|(s, free)| (s, free, *end)))
}

fn is_colour(s: Status) -> bool {
    matches!(
        s,
        Status::Red | Status::RedAmber | Status::Amber | Status::AmberGreen | Status::Green | Status::Blue
    )
}

/// The one status the run says: complete wins, then a colour (or a five-point pair), then
/// the other statuses if they agree.
fn combine(found: &[Status]) -> Option<Status> {
    if found.contains(&Status::Complete) {
        return Some(Status::Complete);
    }
    let colours: Vec<Status> = found.iter().copied().filter(|&s| is_colour(s)).collect();
    let agreed = |v: &[Status]| v.first().copied().filter(|f| v.iter().all(|s| s == f));
    match colours.as_slice() {
        [] => agreed(found),
        [Status::Red, Status::Amber] | [Status::Amber, Status::Red] => Some(Status::RedAmber),
        [Status::Amber, Status::Green] | [Status::Green, Status::Amber] => Some(Status::AmberGreen),
        _ => agreed(&colours),
    }
}

/// The status a rating (`rating_cell`) or progress text says, if any.
pub fn status_of(text: &str, rating_cell: bool) -> Option<Status> {
    combine(&leading_statuses(&tokenize(text), rating_cell))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn rating_cells() {
        let cases: &[(&str, Option<Status>)] = &[
            ("Green", Some(Green)),
            ("GREEN", Some(Green)),
            ("RAG: Amber", Some(Amber)),
            ("Rating - Red", Some(Red)),
            ("Amber rating", Some(Amber)),
            ("R", Some(Red)),
            ("A", Some(Amber)),
            ("G", Some(Green)),
            ("B", Some(Blue)),
            ("Blue", Some(Blue)),
            ("g ", Some(Green)),
            ("A/G", Some(AmberGreen)),
            ("Amber / Green", Some(AmberGreen)),
            ("R/A", Some(RedAmber)),
            ("Red-Amber", Some(RedAmber)),
            ("AG", Some(AmberGreen)),
            ("Green – complete", Some(Complete)),
            ("Complete", Some(Complete)),
            ("Completed", Some(Complete)),
            ("Achieved", Some(Complete)),
            ("Not started", Some(NotStarted)),
            ("Not yet started", Some(NotStarted)),
            ("On track", Some(Green)),
            ("on-track", Some(Green)),
            ("Off track", Some(Red)),
            ("At risk", Some(Amber)),
            ("In progress", Some(InProgress)),
            ("Partially achieved", Some(InProgress)),
            ("Amber – in progress", Some(Amber)),
            ("G G", Some(Green)),
            // Contradictions and what is no status.
            ("R G", None),
            ("Red and Green", None),
            ("N/A", None),
            ("-", None),
            ("", None),
            ("Not yet due", None),
            ("Not achieved", None),
            ("TBC", None),
            ("Purple", None),
            ("12", None),
        ];
        for &(text, want) in cases {
            assert_eq!(status_of(text, true), want, "rating {text:?}");
        }
    }

    #[test]
    fn progress_cells_by_their_opening_words() {
        let cases: &[(&str, Option<Status>)] = &[
            ("On track – 40 practitioners trained so far", Some(Green)),
            ("Not yet started", Some(NotStarted)),
            ("Completed March 2020", Some(Complete)),
            ("Completed and signed off by the board", Some(Complete)),
            ("Complete.", Some(Complete)),
            ("Complete - report to board in June", Some(Complete)),
            ("Green: audit under way", Some(Green)),
            ("In progress; first draft shared", Some(InProgress)),
            ("Underway", Some(InProgress)),
            // A bare word followed by words is an instruction or a sentence, not a status.
            ("Complete the audit of referrals", None),
            ("Red flags raised by schools", None),
            // Letters are statuses only in a rating cell.
            ("A new panel has been set up", None),
            ("G", None),
            ("First meeting held in May", None),
            ("96 staff trained", None),
        ];
        for &(text, want) in cases {
            assert_eq!(status_of(text, false), want, "progress {text:?}");
        }
    }

    #[test]
    fn cell_colours() {
        let cases: &[(&str, Option<Status>)] = &[
            // Strong rating fills, as word processors and web pages shade them.
            ("#ff0000", Some(Red)),
            ("#c00000", Some(Red)),
            ("#ff3b3b", Some(Red)),
            ("#ffc000", Some(Amber)),
            ("#ffbf00", Some(Amber)),
            ("#f79646", Some(Amber)),
            ("#ffff00", Some(Amber)),
            ("#00b050", Some(Green)),
            ("#008000", Some(Green)),
            ("#5cb85c", Some(Green)),
            ("#92d050", Some(Green)),
            ("#0070c0", Some(Blue)),
            ("#00b0f0", Some(Blue)),
            // Spreadsheets' pale rating fills.
            ("#ffc7ce", Some(Red)),
            ("#ffeb9c", Some(Amber)),
            ("#c6efce", Some(Green)),
            // Decoration: greys, pale blues, dark header fills, purple.
            ("#d9d9d9", None),
            ("#ffffff", None),
            ("#d9e2f3", None),
            ("#c5d9f1", None),
            ("#1f3864", None),
            ("#375623", None),
            ("#4f2d7f", None),
            ("#000000", None),
            // Not a colour.
            ("red", None),
            ("#ff00", None),
            ("#gg0000", None),
        ];
        for &(hex, want) in cases {
            assert_eq!(status_of_fill(hex), want, "{hex}");
        }
    }

    #[test]
    fn the_rating_wins_over_progress_and_unknown_stays_null() {
        let mut x = Extraction::default();
        let action = |rag: Option<&str>, progress: Option<&str>| sgx_model::Action {
            progress: progress.map(Into::into),
            rag: rag.map(Into::into),
            ..sgx_model::Action::new(Default::default())
        };
        x.actions = vec![
            action(Some("Amber"), Some("Complete")),
            action(Some("see note"), Some("Not started")),
            action(None, Some("Achieved in full")),
            action(Some("Unknown"), None),
            action(None, None),
            // A rating by colour alone, and a colour beside words that say otherwise.
            sgx_model::Action { rag_fill: Some("#ff0000".into()), ..action(None, Some("Not started")) },
            sgx_model::Action { rag_fill: Some("#ff0000".into()), ..action(Some("G"), None) },
        ];
        normalise_statuses(&mut x);
        let got: Vec<Option<Status>> = x.actions.iter().map(|a| a.status).collect();
        assert_eq!(
            got,
            vec![Some(Amber), Some(NotStarted), Some(Complete), None, None, Some(Red), Some(Green)]
        );
        // The raw values stay.
        assert_eq!(x.actions[0].rag.as_deref(), Some("Amber"));
    }
}
