//! The review page read back as a browser would (scraper): on corpus PDFs every fact with a
//! bbox has exactly one box, where the bbox × scale puts it, linked to its fact and back, over
//! page images that are PNGs of the page's size × scale; on text, markdown, HTML and DOCX
//! every fact has its highlight; document text is escaped; bad input is an error.

use std::path::{Path, PathBuf};

use base64::Engine;
use scraper::{ElementRef, Html, Selector};
use sgx_model::{Evidence, Extraction};
use sgx_review::{review_html, Options};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus").join(name)
}

fn corpus_files(ext: &[&str]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| ext.contains(&e.to_str().unwrap())))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "corpus has {ext:?} files");
    files
}

/// The model and page of a file, made as `sgx review` makes them.
fn review(path: &Path, opts: &Options) -> (Extraction, Vec<u8>, Html) {
    let bytes = std::fs::read(path).unwrap();
    let x = sgx_pipeline::extract(&bytes, &path.display().to_string(), &mut |_| {}).unwrap();
    let html = review_html(&bytes, &x, opts).unwrap();
    (x, bytes, Html::parse_document(&html))
}

fn numbered<'a>(kind: &str, evs: Vec<&'a Evidence>) -> Vec<(String, &'a Evidence)> {
    evs.into_iter().enumerate().map(|(i, e)| (format!("{kind}-{}", i + 1), e)).collect()
}

/// Every fact's page id and evidence, listed from the model independently of the crate.
fn facts(x: &Extraction) -> Vec<(String, &Evidence)> {
    let mut out = Vec::new();
    out.extend(x.partnership.evidence.iter().map(|e| ("partnership".to_string(), e)));
    out.extend(x.document.evidence.iter().map(|e| ("document".to_string(), e)));
    out.extend(numbered("priority", x.priorities.iter().map(|p| &p.evidence).collect()));
    out.extend(numbered("action", x.actions.iter().map(|a| &a.evidence).collect()));
    out.extend(numbered("body", x.governance.bodies.iter().map(|b| &b.evidence).collect()));
    out.extend(numbered("glossary", x.glossary.iter().map(|g| &g.evidence).collect()));
    out
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

fn by_id<'a>(page: &'a Html, id: &str) -> Vec<ElementRef<'a>> {
    page.select(&sel(&format!("[id=\"{id}\"]"))).collect()
}

/// The fact's list item exists once and links to `#box-<id>`.
fn assert_fact_links_to_its_box(page: &Html, id: &str) {
    let items = by_id(page, &format!("fact-{id}"));
    assert_eq!(items.len(), 1, "one list item for {id}");
    let links: Vec<_> = items[0].select(&sel(&format!("a[href=\"#box-{id}\"]"))).collect();
    assert_eq!(links.len(), 1, "{id}'s list item links to its box");
}

/// A style's `name:NUMBER%` value.
fn percent(style: &str, name: &str) -> f64 {
    let start =
        style.find(&format!("{name}:")).unwrap_or_else(|| panic!("{name} in {style}")) + name.len() + 1;
    style[start..].split('%').next().unwrap().parse().unwrap()
}

#[test]
fn every_fact_with_a_bbox_on_a_corpus_pdf_has_one_box_in_place_linked_both_ways() {
    for path in corpus_files(&["pdf"]) {
        let opts = Options::default();
        let (x, _, page) = review(&path, &opts);
        let ir = sgx_pipeline::read_file(&path, &mut |_| {}).unwrap();
        let boxed: Vec<_> = facts(&x).into_iter().filter(|(_, e)| e.bbox.is_some()).collect();
        assert!(!boxed.is_empty(), "{}: facts with boxes", path.display());
        assert_eq!(page.select(&sel("a.box")).count(), boxed.len(), "{}: one box per fact", path.display());

        for (id, ev) in &boxed {
            let boxes = by_id(&page, &format!("box-{id}"));
            assert_eq!(boxes.len(), 1, "{}: one box for {id}", path.display());
            let b = boxes[0];
            assert_eq!(
                b.value().attr("href"),
                Some(format!("#fact-{id}").as_str()),
                "{id}'s box links to it"
            );
            assert_fact_links_to_its_box(&page, id);

            // On its page, where bbox × scale puts it (the style is in % of the image).
            let section = ElementRef::wrap(b.parent().unwrap()).unwrap();
            assert_eq!(section.value().attr("id"), Some(format!("page-{}", ev.page.unwrap()).as_str()));
            let scale: f64 = section.value().attr("data-scale").unwrap().parse().unwrap();
            let img = section.select(&sel("img")).next().unwrap();
            let w: f64 = img.value().attr("width").unwrap().parse().unwrap();
            let h: f64 = img.value().attr("height").unwrap().parse().unwrap();
            let style = b.value().attr("style").unwrap();
            let [x0, y0, x1, y1] = ev.bbox.unwrap().map(f64::from);
            let expect = [
                ("left", x0 * scale, w),
                ("top", y0 * scale, h),
                ("width", (x1 - x0) * scale, w),
                ("height", (y1 - y0) * scale, h),
            ];
            for (name, px, size) in expect {
                let got = percent(style, name) * size / 100.0;
                assert!((got - px).abs() < 0.05, "{id} {name}: {got} px, expected {px} (bbox × {scale})");
            }
        }

        // Each page an image: a PNG data URI of the page's size × scale, as its attributes say.
        let sections: Vec<_> = page.select(&sel("section.page")).collect();
        assert_eq!(sections.len(), ir.source.page_sizes.len().min(opts.max_pages));
        for (section, [pw, ph]) in sections.iter().zip(&ir.source.page_sizes) {
            let scale: f32 = section.value().attr("data-scale").unwrap().parse().unwrap();
            assert_eq!(scale, opts.scale, "an A4 page keeps the asked-for scale");
            let img = section.select(&sel("img")).next().expect("a page image");
            let src = img.value().attr("src").unwrap();
            let data = src.strip_prefix("data:image/png;base64,").expect("a PNG data URI");
            let png = base64::engine::general_purpose::STANDARD.decode(data).unwrap();
            let info = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap().info().clone();
            let expect = ((pw * scale) as u32, (ph * scale) as u32);
            assert_eq!((info.width, info.height), expect, "page image of {pw}×{ph} pt at {scale}");
            let attrs = (img.value().attr("width").unwrap(), img.value().attr("height").unwrap());
            assert_eq!(attrs, (expect.0.to_string().as_str(), expect.1.to_string().as_str()));
        }
    }
}

#[test]
fn pages_past_max_pages_are_left_out_with_a_note_and_their_facts_listed_without_a_box() {
    let path = corpus("harrowfield_lscb_workplan_2009-10.pdf");
    let (x, _, page) = review(&path, &Options { max_pages: 2, ..Options::default() });
    assert_eq!(page.select(&sel("section.page")).count(), 2);
    let note: String = page.select(&sel(".note")).flat_map(|n| n.text()).collect();
    assert!(note.contains("not drawn (at most 2 pages)"), "{note}");
    let later: Vec<_> = facts(&x).into_iter().filter(|(_, e)| e.page.is_some_and(|p| p > 2)).collect();
    assert!(!later.is_empty(), "the workplan has facts after page 2");
    for (id, _) in later {
        assert!(by_id(&page, &format!("box-{id}")).is_empty(), "{id} has no box");
        let item = by_id(&page, &format!("fact-{id}"));
        assert!(item[0].text().collect::<String>().contains("(not shown)"), "{id} says it is not shown");
    }
}

#[test]
fn every_fact_with_lines_in_a_text_or_markdown_file_is_highlighted_on_its_lines() {
    for path in corpus_files(&["txt", "md"]) {
        let (x, bytes, page) = review(&path, &Options::default());
        let lines = sgx_read::decode_text(&bytes).0.lines().count();
        assert_eq!(page.select(&sel(".text > .u")).count(), lines, "{}: every line shown", path.display());
        let with_lines: Vec<_> = facts(&x).into_iter().filter(|(_, e)| e.lines.is_some()).collect();
        assert!(!with_lines.is_empty());
        for (id, ev) in with_lines {
            let [a, b] = ev.lines.unwrap();
            let anchor = by_id(&page, &format!("box-{id}"));
            assert_eq!(anchor.len(), 1, "{}: one anchor for {id}", path.display());
            assert_eq!(anchor[0].value().attr("href"), Some(format!("#fact-{id}").as_str()));
            assert_fact_links_to_its_box(&page, &id);
            for n in a..=b {
                let line = by_id(&page, &format!("L{n}"));
                assert_eq!(line.len(), 1, "line {n}");
                assert!(line[0].value().classes().any(|c| c == "hl"), "{id}: line {n} highlighted");
                let marks = line[0].select(&sel(&format!("a.mark[href=\"#fact-{id}\"]"))).count();
                assert_eq!(marks, 1, "{id}: line {n} marked");
            }
            let first = by_id(&page, &format!("L{a}"))[0];
            assert_eq!(
                first.select(&sel(&format!("[id=\"box-{id}\"]"))).count(),
                1,
                "{id}'s anchor on line {a}"
            );
        }
    }
}

#[test]
fn every_fact_in_an_html_or_docx_file_is_highlighted_on_its_block() {
    for path in corpus_files(&["html", "docx"]) {
        let (x, _, page) = review(&path, &Options::default());
        for (id, ev) in facts(&x) {
            let block = by_id(&page, &format!("B{}", ev.block));
            assert_eq!(block.len(), 1, "{}: block {} of {id}", path.display(), ev.block);
            assert_eq!(block[0].select(&sel(&format!("[id=\"box-{id}\"]"))).count(), 1, "{id} anchored");
            assert_fact_links_to_its_box(&page, &id);
        }
    }
}

#[test]
fn document_text_is_escaped() {
    let text = "# Greyford Safeguarding Children Partnership <script>alert(1)</script>\n\n\
                Our priorities are:\n\n1. Keep <img src=x onerror=alert(2)> children safe\n2. Listen & act\n";
    let path = "plan<script>.md";
    let x = sgx_pipeline::extract(text.as_bytes(), path, &mut |_| {}).unwrap();
    let html = review_html(text.as_bytes(), &x, &Options::default()).unwrap();
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the text's script is shown as text");
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
    let page = Html::parse_document(&html);
    assert_eq!(page.select(&sel("script")).count(), 0, "no script element");
    assert_eq!(page.select(&sel("img")).count(), 0, "no image element from the text");
    let title: String = page.select(&sel("title")).flat_map(|t| t.text()).collect();
    assert_eq!(title, "sgx review: plan<script>.md");
}

#[test]
fn bytes_that_are_not_a_pdf_under_a_pdf_model_are_an_error() {
    let x =
        sgx_pipeline::extract_file(&corpus("northmoor_scp_business_plan_2019-22.pdf"), &mut |_| {}).unwrap();
    let err = review_html(b"%PDF-1.7\nnot really", &x, &Options::default()).unwrap_err();
    assert_eq!(err.to_string(), "cannot render the PDF: cannot parse the PDF structure");
}
