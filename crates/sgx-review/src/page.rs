//! The page around the document view: the header, the legend, the PDF pages with their boxes,
//! and the list of facts linking to them. Styles are inline in the page; there is no script.

use std::collections::BTreeSet;
use std::fmt::Write;

use base64::Engine;
use sgx_model::Extraction;

use crate::escape;
use crate::facts::{Fact, Kind};
use crate::pdf::PageImage;

/// Styles. Each kind sets `--c` (its colour, drawn solid only in box outlines and fact list
/// borders) and `--t` (a tint of it, for fills).
const CSS: &str = "
body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#222;background:#e4e4ea}
header{padding:8px 16px;background:#fff;border-bottom:1px solid #ccc}
header h1{font-size:18px;margin:0 0 4px}
header p{margin:2px 0}
.legend span{display:inline-block;padding:0 6px;margin-right:6px;border-radius:3px;background:var(--t)}
.note{color:#8a4b00}
.review{display:flex;align-items:flex-start;gap:16px;padding:16px}
.doc{flex:1 1 auto;min-width:0}
.page{position:relative;background:#fff;margin:0 0 16px;box-shadow:0 1px 4px #0005}
.page img{display:block;width:100%;height:auto}
.page .missing{padding:16px;color:#8a4b00}
.box{position:absolute;box-sizing:border-box;outline:2px solid var(--c);outline-offset:1px;background:var(--t)}
.box:target{outline-width:5px}
.text{background:#fff;font:13px/1.5 ui-monospace,monospace;padding:8px 0}
.u{display:flex;white-space:pre-wrap}
.u.hl{background:var(--t)}
.u:has(.mark:target){outline:2px solid #222}
.gut{flex:none;width:40px;display:flex;gap:2px;justify-content:flex-end}
.mark{display:block;width:5px;background:var(--c)}
.no{flex:none;width:48px;text-align:right;color:#888;padding-right:8px}
.tx{flex:1;overflow-wrap:anywhere}
.facts{flex:0 0 400px;position:sticky;top:0;max-height:100vh;overflow:auto;background:#fff;padding:8px 12px;box-sizing:border-box}
.facts h2{font-size:15px;margin:12px 0 4px}
.facts ol{list-style:none;margin:0;padding:0}
.fact{border-left:6px solid var(--c);padding:2px 8px;margin:4px 0;overflow-wrap:anywhere}
.fact:target{background:#fff3b0}
.fact .go{font-weight:600;white-space:nowrap}
.fact .none{color:#888;font-weight:normal}
";

/// The PDF pages (images with their facts' boxes), and the ids of the facts given a box.
pub fn pdf_pages(pages: &[PageImage], facts: &[Fact]) -> (String, BTreeSet<String>) {
    let mut html = String::new();
    let mut shown = BTreeSet::new();
    for page in pages {
        let (n, s) = (page.number, page.scale);
        let _ = write!(
            html,
            "<section class=\"page\" id=\"page-{n}\" data-scale=\"{s}\" style=\"max-width:{w}px;aspect-ratio:{w}/{h}\">",
            w = page.width,
            h = page.height
        );
        match &page.png {
            Ok(png) => {
                let data = base64::engine::general_purpose::STANDARD.encode(png);
                let _ = write!(
                    html,
                    "<img src=\"data:image/png;base64,{data}\" width=\"{}\" height=\"{}\" alt=\"page {n}\">",
                    page.width, page.height
                );
            }
            Err(why) => {
                let _ =
                    write!(html, "<p class=\"missing\">Page {n} could not be drawn: {}.</p>", escape(why));
            }
        }
        for fact in facts.iter().filter(|f| f.evidence.page == Some(n)) {
            let Some([x0, y0, x1, y1]) = fact.evidence.bbox else { continue };
            // Points to image pixels, then to percentages of the image, so the box stays on its
            // text however wide the page is shown. Corners in the other order are the same box.
            let (px_w, px_h) = (page.width.max(1) as f32 / 100.0, page.height.max(1) as f32 / 100.0);
            let (left, top) = (x0.min(x1) * s / px_w, y0.min(y1) * s / px_h);
            let (width, height) = ((x1 - x0).abs() * s / px_w, (y1 - y0).abs() * s / px_h);
            let (id, kind) = (&fact.id, fact.kind.slug());
            let _ = write!(
                html,
                "<a class=\"box k-{kind}\" id=\"box-{id}\" href=\"#fact-{id}\" title=\"{}\" \
                 style=\"left:{left:.4}%;top:{top:.4}%;width:{width:.4}%;height:{height:.4}%\"></a>",
                escape(&fact.label)
            );
            shown.insert(id.clone());
        }
        html.push_str("</section>\n");
    }
    (html, shown)
}

/// The whole page: header, the document view `body`, and the facts beside it.
pub fn document(
    x: &Extraction,
    facts: &[Fact],
    shown: &BTreeSet<String>,
    notes: &[String],
    body: &str,
) -> String {
    let mut html = String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let path = escape(&x.source.path);
    let _ = writeln!(html, "<title>sgx review: {path}</title>\n<style>{CSS}");
    for kind in Kind::ALL {
        let c = kind.colour();
        // `--t`: the colour at 12% opacity.
        let _ = writeln!(html, ".k-{}{{--c:{c};--t:{c}1f}}", kind.slug());
    }
    html.push_str("</style>\n</head>\n<body>\n<header>\n");
    let _ = writeln!(html, "<h1>sgx review: {path}</h1>");
    let boxed = facts.iter().filter(|f| shown.contains(&f.id)).count();
    let pages = x.source.pages.map(|p| format!(", {p} pages")).unwrap_or_default();
    let _ = writeln!(
        html,
        "<p>{} document{pages}; sgx {}, model {}; {} facts, {boxed} shown on the document.</p>",
        x.source.format.as_str(),
        escape(&x.sgx_version),
        escape(&x.schema_version),
        facts.len()
    );
    html.push_str("<p class=\"legend\">");
    for kind in Kind::ALL {
        let _ = write!(html, "<span class=\"k-{}\">{}</span>", kind.slug(), kind.title());
    }
    html.push_str("</p>\n");
    for note in notes {
        let _ = writeln!(html, "<p class=\"note\">{}</p>", escape(note));
    }
    html.push_str("</header>\n<div class=\"review\">\n<main class=\"doc\">\n");
    html.push_str(body);
    html.push_str("</main>\n<aside class=\"facts\">\n");
    for kind in Kind::ALL {
        let of_kind: Vec<&Fact> = facts.iter().filter(|f| f.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = writeln!(html, "<h2>{} ({})</h2>\n<ol>", kind.title(), of_kind.len());
        for (i, fact) in of_kind.iter().enumerate() {
            let id = &fact.id;
            let name = match kind {
                Kind::Partnership | Kind::Document => kind.title().to_string(),
                _ => format!("{} {}", kind.title(), i + 1),
            };
            let place = match (fact.evidence.page, fact.evidence.lines) {
                (Some(p), _) => format!(" · p. {p}"),
                (None, Some([a, b])) if a == b => format!(" · line {a}"),
                (None, Some([a, b])) => format!(" · lines {a}–{b}"),
                (None, None) => format!(" · block {}", fact.evidence.block),
            };
            let link = if shown.contains(id) {
                format!("<a class=\"go\" href=\"#box-{id}\">{name}{place}</a>")
            } else {
                format!("<span class=\"go none\">{name}{place} (not shown)</span>")
            };
            let _ = writeln!(
                html,
                "<li class=\"fact k-{}\" id=\"fact-{id}\">{link} {}</li>",
                kind.slug(),
                escape(&fact.label)
            );
        }
        html.push_str("</ol>\n");
    }
    html.push_str("</aside>\n</div>\n</body>\n</html>\n");
    html
}
