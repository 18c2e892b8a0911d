//! Messages for the terminal. A file name or a reason can hold control characters (an
//! escape sequence in a file name would recolour, move or retitle the user's terminal);
//! they are written out as `\u{1b}` and the like, so every message is one plain line.

use std::io::Write;

/// `text` with line breaks as spaces and every other control character escaped.
pub fn terminal_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

/// Writes one message line to stderr. A stderr that cannot be written to (closed, or a full
/// disk) loses the message but never stops the program.
pub fn stderr_line(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{}", terminal_safe(text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_cannot_reach_the_terminal() {
        let name = "plan\u{1b}]0;owned\u{7}\u{1b}[2J.pdf";
        let safe = terminal_safe(&format!("sgx: {name}: not a document\nsecond line"));
        assert!(!safe.chars().any(char::is_control), "{safe:?}");
        assert_eq!(safe, "sgx: plan\\u{1b}]0;owned\\u{7}\\u{1b}[2J.pdf: not a document second line");
        assert_eq!(terminal_safe("Café – plan.pdf"), "Café – plan.pdf");
    }
}
