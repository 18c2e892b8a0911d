//! A hayro `Device` that records what layout needs from a page: every glyph with its Unicode
//! text, position, size and font style, and every straight ruling or filled rectangle.

use std::collections::BTreeMap;

use hayro_interpret::font::GlyphRun;
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect, Shape};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, Paint, SoftMask,
};

/// What one page holds once interpreted.
pub struct RawPage {
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub content: PageCollector,
}

/// One glyph in page coordinates (points, origin top-left, y down).
#[derive(Debug, Clone)]
pub struct Glyph {
    pub text: String,
    /// Left edge and baseline of the glyph.
    pub x0: f32,
    pub x1: f32,
    pub baseline: f32,
    /// Font size in points (the height of the em square on the page).
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
}

impl Glyph {
    pub fn top(&self) -> f32 {
        self.baseline - self.size * 0.8
    }
    pub fn bottom(&self) -> f32 {
        self.baseline + self.size * 0.2
    }
    pub fn is_space(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }
}

/// A horizontal or vertical ruling line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ruling {
    pub horizontal: bool,
    /// y for horizontal rulings, x for vertical ones.
    pub pos: f32,
    pub start: f32,
    pub end: f32,
}

/// A filled rectangle that is not a ruling (a shaded cell or a panel background).
#[derive(Debug, Clone, Copy)]
pub struct Fill {
    pub rect: Rect,
    pub rgb: [u8; 3],
}

#[derive(Default)]
pub struct PageCollector {
    pub glyphs: Vec<Glyph>,
    pub rulings: Vec<Ruling>,
    pub fills: Vec<Fill>,
    /// Glyphs set on a slant: counted, not laid out.
    pub rotated: usize,
    /// Glyphs running up / down the page, already turned upright (see [`Turn`]); a page
    /// whose text mostly runs so (a table set sideways) is laid out turned.
    turned: [Vec<Glyph>; 2],
    /// Page width and height, for turning.
    pub page_size: (f32, f32),
    /// Style of each font seen, by font data cache key: (bold, italic).
    font_styles: BTreeMap<u128, (bool, bool)>,
    /// Hard caps keep a hostile page from exhausting memory.
    pub truncated: bool,
    /// (glyph count, first x, first baseline) of the last filled run, to recognise the same
    /// run stroked again (fill-and-stroke text, a way of faking bold).
    last_fill: Option<(usize, f32, f32)>,
}

const MAX_GLYPHS: usize = 2_000_000;
const MAX_SHAPES: usize = 500_000;
/// Rectangles thinner than this are drawn rules, not areas.
const RULE_THICKNESS: f64 = 2.5;

fn style_from_name(name: &str) -> (bool, bool) {
    let n = name.to_ascii_lowercase();
    let bold = ["bold", "black", "heavy", "semibold", "demi", "extrabold", "ultrabold"]
        .iter()
        .any(|w| n.contains(w));
    let italic = n.contains("italic") || n.contains("oblique");
    (bold, italic)
}

impl PageCollector {
    fn style_of(&mut self, glyph: &hayro_interpret::font::Glyph<'_>, mode: &DrawMode) -> (bool, bool) {
        let mut style = (false, false);
        if let hayro_interpret::font::Glyph::Outline(outline) = glyph {
            if let Some(data) = outline.font_data() {
                style = *self.font_styles.entry(data.cache_key).or_insert_with(|| {
                    let (name_bold, name_italic) =
                        data.postscript_name.as_deref().map(style_from_name).unwrap_or_default();
                    (name_bold || data.weight.is_some_and(|w| w >= 600), name_italic || data.is_italic)
                });
            }
        }
        // Text filled and stroked is a common way of faking bold.
        if matches!(mode, DrawMode::FillAndStroke(..)) {
            style.0 = true;
        }
        style
    }

    fn add_rect(&mut self, r: Rect, fill: Option<[u8; 3]>) {
        let (w, h) = (r.width().abs(), r.height().abs());
        if w < RULE_THICKNESS && h < RULE_THICKNESS {
            return;
        }
        if h < RULE_THICKNESS {
            let y = ((r.y0 + r.y1) / 2.0) as f32;
            self.rulings.push(Ruling {
                horizontal: true,
                pos: y,
                start: r.x0.min(r.x1) as f32,
                end: r.x0.max(r.x1) as f32,
            });
        } else if w < RULE_THICKNESS {
            let x = ((r.x0 + r.x1) / 2.0) as f32;
            self.rulings.push(Ruling {
                horizontal: false,
                pos: x,
                start: r.y0.min(r.y1) as f32,
                end: r.y0.max(r.y1) as f32,
            });
        } else if let Some(rgb) = fill {
            self.fills.push(Fill { rect: r, rgb });
        }
    }

    fn add_segment(&mut self, a: Point, b: Point) {
        let (dx, dy) = ((b.x - a.x).abs(), (b.y - a.y).abs());
        if dy < 1.0 && dx >= 1.0 {
            self.rulings.push(Ruling {
                horizontal: true,
                pos: ((a.y + b.y) / 2.0) as f32,
                start: a.x.min(b.x) as f32,
                end: a.x.max(b.x) as f32,
            });
        } else if dx < 1.0 && dy >= 1.0 {
            self.rulings.push(Ruling {
                horizontal: false,
                pos: ((a.x + b.x) / 2.0) as f32,
                start: a.y.min(b.y) as f32,
                end: a.y.max(b.y) as f32,
            });
        }
    }
}

/// A quarter turn that makes sideways text run left to right.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Turn {
    /// Text running bottom to top: (x, y) → (H − y, x).
    Up,
    /// Text running top to bottom: (x, y) → (y, W − x).
    Down,
}

impl Turn {
    pub fn apply(self, (x, y): (f32, f32), (w, h): (f32, f32)) -> (f32, f32) {
        match self {
            Turn::Up => (h - y, x),
            Turn::Down => (y, w - x),
        }
    }
}

impl PageCollector {
    pub fn new(page_size: (f32, f32)) -> Self {
        PageCollector { page_size, ..Default::default() }
    }

    /// Where most text runs sideways, turn the whole page (text, rules, fills) upright.
    pub fn turn_upright(&mut self) {
        let (up, down) = (self.turned[0].len(), self.turned[1].len());
        let turn = if up > self.glyphs.len() && up >= down {
            Turn::Up
        } else if down > self.glyphs.len() {
            Turn::Down
        } else {
            return;
        };
        let size = self.page_size;
        self.glyphs = std::mem::take(&mut self.turned[if turn == Turn::Up { 0 } else { 1 }]);
        for r in &mut self.rulings {
            let (a, b) = if r.horizontal {
                ((r.start, r.pos), (r.end, r.pos))
            } else {
                ((r.pos, r.start), (r.pos, r.end))
            };
            let (a, b) = (turn.apply(a, size), turn.apply(b, size));
            *r = if (a.1 - b.1).abs() < 0.5 {
                Ruling { horizontal: true, pos: a.1, start: a.0.min(b.0), end: a.0.max(b.0) }
            } else {
                Ruling { horizontal: false, pos: a.0, start: a.1.min(b.1), end: a.1.max(b.1) }
            };
        }
        for f in &mut self.fills {
            let (a, b) = (
                turn.apply((f.rect.x0 as f32, f.rect.y0 as f32), size),
                turn.apply((f.rect.x1 as f32, f.rect.y1 as f32), size),
            );
            f.rect = Rect::from_points((a.0 as f64, a.1 as f64), (b.0 as f64, b.1 as f64));
        }
        self.page_size = match turn {
            Turn::Up | Turn::Down => (size.1, size.0),
        };
    }
}

/// The axis-aligned rectangle a closed subpath draws, if it is one.
fn as_rect(points: &[Point]) -> Option<Rect> {
    let pts: Vec<Point> = if points.len() == 5 && points[0].distance(points[4]) < 0.5 {
        points[..4].to_vec()
    } else {
        points.to_vec()
    };
    if pts.len() != 4 {
        return None;
    }
    let aligned = (0..4).all(|i| {
        let (a, b) = (pts[i], pts[(i + 1) % 4]);
        (a.x - b.x).abs() < 0.5 || (a.y - b.y).abs() < 0.5
    });
    aligned.then(|| Rect::from_points(pts[0], pts[2]))
}

fn rgb_of(paint: &Paint<'_>) -> Option<[u8; 3]> {
    match paint {
        Paint::Color(c) => {
            let [r, g, b, a] = c.to_rgba().to_rgba8();
            (a > 0).then_some([r, g, b])
        }
        Paint::Pattern(_) => None,
    }
}

impl<'a> Device<'a> for PageCollector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, draw_mode: &DrawMode) {
        if self.rulings.len() + self.fills.len() > MAX_SHAPES {
            self.truncated = true;
            return;
        }
        let path = props.transform * path.clone();
        let fill = match draw_mode {
            DrawMode::Fill(_) | DrawMode::FillAndStroke(..) => rgb_of(&props.paint),
            _ => None,
        };
        let stroked = matches!(draw_mode, DrawMode::Stroke(_) | DrawMode::FillAndStroke(..));
        // Walk subpaths: rectangles become rules or fills, straight strokes become rules.
        let mut sub: Vec<Point> = Vec::new();
        let mut straight = true;
        let flush = |sub: &mut Vec<Point>, straight: bool, this: &mut Self| {
            if sub.len() >= 2 && straight {
                if let (Some(r), true) = (as_rect(sub), fill.is_some() || stroked) {
                    if fill.is_some() {
                        this.add_rect(r, fill);
                    }
                    if stroked {
                        for w in sub.windows(2) {
                            this.add_segment(w[0], w[1]);
                        }
                        this.add_segment(sub[sub.len() - 1], sub[0]);
                    }
                } else if stroked {
                    for w in sub.windows(2) {
                        this.add_segment(w[0], w[1]);
                    }
                }
            }
            sub.clear();
        };
        for el in path.elements() {
            match *el {
                PathEl::MoveTo(p) => {
                    flush(&mut sub, straight, self);
                    straight = true;
                    sub.push(p);
                }
                PathEl::LineTo(p) => sub.push(p),
                PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => {
                    straight = false;
                    sub.push(p);
                }
                PathEl::ClosePath => {
                    if let Some(&first) = sub.first() {
                        sub.push(first);
                    }
                }
            }
        }
        flush(&mut sub, straight, self);
    }

    fn draw_rect(&mut self, rect: &Rect, props: DrawProps<'a>, draw_mode: &DrawMode) {
        self.draw_path(&rect.to_path(0.1), props, draw_mode);
    }

    fn push_clip_path(&mut self, _: &ClipPath) {}

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, draw_mode: &DrawMode) {
        if self.glyphs.len() > MAX_GLYPHS {
            self.truncated = true;
            return;
        }
        let Some(first) = run.glyphs().first() else { return };
        let first_origin = props.transform * first.transform() * Point::ZERO;
        let key = (run.glyphs().len(), first_origin.x as f32, first_origin.y as f32);
        // A run filled and then stroked arrives twice: the stroke makes the fill bold.
        if matches!(draw_mode, DrawMode::Stroke(_)) && self.last_fill == Some(key) {
            let n = run.glyphs().iter().filter(|g| g.as_unicode().is_some()).count();
            let start = self.glyphs.len().saturating_sub(n);
            for g in &mut self.glyphs[start..] {
                g.bold = true;
            }
            return;
        }
        self.last_fill = matches!(draw_mode, DrawMode::Fill(_) | DrawMode::Invisible).then_some(key);
        let (bold, italic) = self.style_of(first, draw_mode);
        for g in run.glyphs() {
            let Some(uni) = g.as_unicode() else { continue };
            let text = match uni {
                BfString::Char(c) => c.to_string(),
                BfString::String(s) => s,
            };
            let full: Affine = props.transform * g.transform();
            let origin = full * Point::ZERO;
            let up = full * Point::new(0.0, 1000.0);
            let advance = match &**g {
                hayro_interpret::font::Glyph::Outline(o) => o.advance_width(),
                hayro_interpret::font::Glyph::Type3(t) => t.advance_width(),
            }
            .filter(|w| w.is_finite() && *w > 0.0)
            .unwrap_or(500.0);
            let right = full * Point::new(advance as f64, 0.0);
            let (dx, dy) = (right.x - origin.x, right.y - origin.y);
            let size = origin.distance(up) as f32;
            if !(size.is_finite() && origin.x.is_finite() && origin.y.is_finite()) || size < 0.5 {
                continue;
            }
            // Sideways text is kept turned upright; text on a slant is not laid out.
            if dy.abs() > dx.abs() * 5.0 {
                let turn = if dy < 0.0 { Turn::Up } else { Turn::Down };
                let (x, y) = turn.apply((origin.x as f32, origin.y as f32), self.page_size);
                let slot = if turn == Turn::Up { 0 } else { 1 };
                self.turned[slot].push(Glyph {
                    text,
                    x0: x,
                    x1: x + dy.abs() as f32,
                    baseline: y,
                    size,
                    bold,
                    italic,
                });
                continue;
            }
            if dy.abs() > dx.abs() * 0.2 || dx < 0.0 && dx.abs() > 0.01 {
                self.rotated += 1;
                continue;
            }
            self.glyphs.push(Glyph {
                text,
                x0: origin.x as f32,
                x1: (origin.x + dx.max(0.0)) as f32,
                baseline: origin.y as f32,
                size,
                bold,
                italic,
            });
        }
    }

    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_names_give_style() {
        assert_eq!(style_from_name("ABCDEF+LiberationSans-Bold"), (true, false));
        assert_eq!(style_from_name("Arial-BoldItalicMT"), (true, true));
        assert_eq!(style_from_name("TimesNewRomanPSMT"), (false, false));
    }

    #[test]
    fn turning_makes_sideways_text_run_left_to_right() {
        // Text running up a 600 x 800 page: a glyph higher up comes later in the line.
        let size = (600.0, 800.0);
        let (a, b) = (Turn::Up.apply((100.0, 700.0), size), Turn::Up.apply((100.0, 650.0), size));
        assert!(b.0 > a.0 && (a.1 - b.1).abs() < 1e-3);
        let (a, b) = (Turn::Down.apply((500.0, 100.0), size), Turn::Down.apply((500.0, 150.0), size));
        assert!(b.0 > a.0 && (a.1 - b.1).abs() < 1e-3);
    }

    #[test]
    fn thin_rectangles_are_rules() {
        let mut c = PageCollector::default();
        c.add_rect(Rect::new(10.0, 100.0, 300.0, 100.8), Some([0, 0, 0]));
        c.add_rect(Rect::new(10.0, 100.0, 10.5, 300.0), Some([0, 0, 0]));
        c.add_rect(Rect::new(10.0, 100.0, 60.0, 120.0), Some([255, 0, 0]));
        assert_eq!(c.rulings.len(), 2);
        assert!(c.rulings[0].horizontal && !c.rulings[1].horizontal);
        assert_eq!(c.fills.len(), 1);
    }
}
