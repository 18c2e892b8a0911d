//! Inline CSS as the reader needs it: declarations of a `style` attribute, font sizes and
//! weights, and cell backgrounds as `#rrggbb`.

use std::collections::BTreeMap;

use scraper::ElementRef;

/// `property: value` pairs of a style attribute, properties lower-cased.
pub(super) fn css_declarations(style: &str) -> BTreeMap<String, String> {
    style
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .map(|(k, v)| {
            (k.trim().to_ascii_lowercase(), v.trim().trim_end_matches("!important").trim().to_string())
        })
        .collect()
}

pub(super) fn font_size_pt(v: &str) -> Option<f32> {
    let v = v.trim().to_ascii_lowercase();
    let named = match v.as_str() {
        "xx-large" | "xxx-large" => Some(24.0),
        "x-large" => Some(18.0),
        "large" => Some(13.5),
        _ => None,
    };
    if named.is_some() {
        return named;
    }
    let (num, unit) = v.split_at(v.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(v.len()));
    let n: f32 = num.parse().ok()?;
    match unit.trim() {
        "pt" => Some(n),
        "px" => Some(n * 0.75),
        "em" | "rem" => Some(n * 12.0),
        _ => None,
    }
}

pub(super) fn is_bold_weight(v: &str) -> bool {
    let v = v.trim().to_ascii_lowercase();
    v == "bold" || v == "bolder" || v.parse::<u32>().is_ok_and(|n| n >= 600)
}

/// Background of a cell from `bgcolor` or inline CSS, as `#rrggbb`.
pub(super) fn cell_fill(el: ElementRef) -> Option<String> {
    let e = el.value();
    let from_style = e.attr("style").and_then(|s| {
        let decl = css_declarations(s);
        decl.get("background-color")
            .or_else(|| decl.get("background"))
            .and_then(|v| v.split_whitespace().find_map(css_colour))
    });
    from_style.or_else(|| e.attr("bgcolor").and_then(css_colour))
}

/// `#rgb`, `#rrggbb`, `rgb(r, g, b)` or a basic colour name as `#rrggbb`.
pub(super) fn css_colour(v: &str) -> Option<String> {
    let v = v.trim().to_ascii_lowercase();
    if let Some(hex) = v.strip_prefix('#') {
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        return match hex.len() {
            3 => Some(hex.chars().flat_map(|c| [c, c]).collect::<String>()).map(|h| format!("#{h}")),
            6 => Some(format!("#{hex}")),
            _ => None,
        };
    }
    if let Some(args) =
        v.strip_prefix("rgb(").or_else(|| v.strip_prefix("rgba(")).and_then(|r| r.strip_suffix(')'))
    {
        let parts: Vec<u8> = args
            .split([',', ' '])
            .filter(|p| !p.is_empty())
            .take(3)
            .filter_map(|p| p.trim().parse().ok())
            .collect();
        return (parts.len() == 3).then(|| format!("#{:02x}{:02x}{:02x}", parts[0], parts[1], parts[2]));
    }
    let named = match v.as_str() {
        "red" => "#ff0000",
        "green" => "#008000",
        "lime" => "#00ff00",
        "yellow" => "#ffff00",
        "orange" => "#ffa500",
        "white" => "#ffffff",
        "black" => "#000000",
        "gray" | "grey" => "#808080",
        "silver" => "#c0c0c0",
        "blue" => "#0000ff",
        _ => return None,
    };
    Some(named.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours() {
        assert_eq!(css_colour("#FC0").as_deref(), Some("#ffcc00"));
        assert_eq!(css_colour("rgb(255, 0, 0)").as_deref(), Some("#ff0000"));
        assert_eq!(css_colour("green").as_deref(), Some("#008000"));
        assert_eq!(css_colour("url(x.png)"), None);
    }
}
