//! List numbers as letters and Roman numerals. HTML and Word count letters differently past
//! "z", so the two schemes are kept apart: HTML's `<ol type="a">` (CSS `lower-alpha`) counts
//! like spreadsheet columns (y, z, aa, ab ... az, ba), Word's `lowerLetter` repeats the letter
//! (y, z, aa, bb ... zz, aaa).

/// HTML's letters (`type="a"` / `type="A"`): bijective base 26, so 27 is "aa" and 28 "ab".
/// 0 has no letter and is written as a number, as browsers do.
pub fn html_letters(n: u32, upper: bool) -> String {
    if n == 0 {
        return n.to_string();
    }
    let base = if upper { b'A' } else { b'a' };
    let mut letters = Vec::new();
    let mut rest = n;
    while rest > 0 {
        rest -= 1;
        letters.push(base + (rest % 26) as u8);
        rest /= 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// Word's letters (`w:numFmt` `lowerLetter` / `upperLetter`): a..z, then the letter
/// repeated, so 27 is "aa" and 28 "bb" (at most 100 letters).
pub fn word_letters(n: u32, upper: bool) -> String {
    if n == 0 {
        return n.to_string();
    }
    let letter = (b'a' + ((n - 1) % 26) as u8) as char;
    let repeat = ((n - 1) / 26 + 1).min(100) as usize;
    let s: String = std::iter::repeat_n(letter, repeat).collect();
    if upper {
        s.to_uppercase()
    } else {
        s
    }
}

/// Roman numerals, the same in HTML and Word (0 and numbers past 3999 fall back to decimal).
pub fn roman(n: u32, upper: bool) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    let mut rest = n;
    for (value, digits) in TABLE {
        while rest >= value {
            out.push_str(digits);
            rest -= value;
        }
    }
    if upper {
        out.to_uppercase()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_letters_count_like_spreadsheet_columns() {
        let lower: Vec<String> = [1, 26, 27, 28, 52, 53, 702, 703].map(|n| html_letters(n, false)).into();
        assert_eq!(lower, ["a", "z", "aa", "ab", "az", "ba", "zz", "aaa"]);
        assert_eq!(html_letters(28, true), "AB");
        assert_eq!(html_letters(0, false), "0");
        assert_eq!(html_letters(u32::MAX, false).len(), 7);
    }

    #[test]
    fn word_letters_repeat() {
        let lower: Vec<String> = [1, 26, 27, 28, 52, 53].map(|n| word_letters(n, false)).into();
        assert_eq!(lower, ["a", "z", "aa", "bb", "zz", "aaa"]);
        assert_eq!(word_letters(28, true), "BB");
        assert_eq!(word_letters(0, true), "0");
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(14, true), "XIV");
        assert_eq!(roman(4, false), "iv");
        assert_eq!(roman(1994, true), "MCMXCIV");
        assert_eq!(roman(4000, false), "4000");
    }
}
