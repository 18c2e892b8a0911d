//! PDF pages to PNG images with hayro, the rasteriser of the interpreter the reader uses, so a
//! page is drawn in the same coordinates the reader measured its boxes in: page points, origin
//! top-left, after /Rotate and the crop box (`render_dimensions`, `initial_transform`).

use std::panic::{catch_unwind, AssertUnwindSafe};

use hayro::hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro::hayro_interpret::InterpreterSettings;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{render, PixmapSettings, RenderCache, RenderSettings};

use crate::{Options, ReviewError};

/// No side of a page image is longer than this many pixels (a poster-sized page is scaled
/// down instead; the renderer's own limit is 65,535).
pub const MAX_SIDE: u32 = 4096;

/// One page of the PDF as the page shows it.
pub struct PageImage {
    /// 1-based page number.
    pub number: u32,
    /// Pixels per point of this page: `Options::scale`, or less where the page is too large.
    pub scale: f32,
    /// The image's size in pixels: the page's size in points × `scale`, rounded down.
    pub width: u32,
    pub height: u32,
    /// The PNG, or why the page could not be drawn.
    pub png: Result<Vec<u8>, String>,
}

/// The first `opts.max_pages` pages drawn, and the number of pages in the PDF.
pub fn render_pages(bytes: &[u8], opts: &Options) -> Result<(Vec<PageImage>, usize), ReviewError> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => ReviewError::Pdf("the PDF needs a password".into()),
        LoadPdfError::Invalid => ReviewError::Pdf("cannot parse the PDF structure".into()),
    })?;
    let pages = pdf.pages();
    let cache = RenderCache::new();
    let settings = InterpreterSettings::default();
    let mut out = Vec::new();
    for (i, page) in pages.iter().enumerate().take(opts.max_pages) {
        let (w, h) = page.render_dimensions();
        let scale = page_scale(w, h, opts);
        // The renderer's own rounding (down), so a failed page keeps its place at its size.
        let (mut width, mut height) = ((w * scale) as u32, (h * scale) as u32);
        let png = if width == 0 || height == 0 {
            Err("the page has no area".to_string())
        } else {
            // A page the renderer cannot finish costs that page's image, not the review.
            let pixmap_settings = PixmapSettings { x_scale: scale, y_scale: scale, bg_color: WHITE };
            catch_unwind(AssertUnwindSafe(|| {
                let pixmap = render(page, &cache, &settings, &RenderSettings::default(), &pixmap_settings);
                let size = (u32::from(pixmap.width()), u32::from(pixmap.height()));
                pixmap.into_png().map(|png| (size, png))
            }))
            .map_err(|_| "the renderer failed on this page".to_string())
            .and_then(|png| png.map_err(|e| format!("cannot encode the page image: {e}")))
            .map(|(size, png)| {
                (width, height) = size;
                png
            })
        };
        out.push(PageImage { number: i as u32 + 1, scale, width, height, png });
    }
    Ok((out, pages.len()))
}

/// The scale of a page of `w` × `h` points: the asked-for scale, lowered until the image has
/// at most `opts.max_page_pixels` pixels and no side over `MAX_SIDE`.
fn page_scale(w: f32, h: f32, opts: &Options) -> f32 {
    let mut scale = opts.scale.clamp(0.1, 8.0);
    let area = f64::from(w) * f64::from(h);
    if area > 0.0 {
        let by_area = (opts.max_page_pixels as f64 / area).sqrt() as f32;
        scale = scale.min(by_area);
    }
    let side = w.max(h);
    if side > 0.0 {
        scale = scale.min(MAX_SIDE as f32 / side);
    }
    scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_pages_are_scaled_down_and_small_ones_keep_the_scale() {
        let opts = Options::default();
        assert_eq!(page_scale(595.0, 842.0, &opts), opts.scale);
        let poster = page_scale(2384.0, 3370.0, &opts);
        assert!(poster < opts.scale);
        assert!(
            f64::from(2384.0 * poster) * f64::from(3370.0 * poster) <= opts.max_page_pixels as f64 * 1.001
        );
        let strip = page_scale(100.0, 20000.0, &opts);
        assert!(20000.0 * strip <= MAX_SIDE as f32 + 0.5);
    }

    #[test]
    fn a_file_that_is_not_a_pdf_is_an_error_not_a_panic() {
        let err = render_pages(b"%PDF-1.4 garbage", &Options::default()).err().expect("an error");
        assert_eq!(err.to_string(), "cannot render the PDF: cannot parse the PDF structure");
    }
}
