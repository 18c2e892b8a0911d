//! Mutated documents: the corpus HTML pages and Word files (and the inscriptis pages, when
//! ../shared is present: the HTML test says when it runs without them, and fails without them
//! under SGX_REQUIRE_SHARED=1), cut, duplicated and spliced with awkward markup, must never make
//! a reader panic, and whatever IR comes out must be well-formed (marks inside their text
//! on character boundaries, bounded table grids). Deterministic: a fixed-seed generator.

use std::io::{Read, Write};
use std::path::Path;

use sgx_ir::{BlockKind, Document, ListItem, Text};

const ROUNDS: usize = 400;

/// A small linear congruential generator, so every run tries the same inputs.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        if n == 0 {
            0
        } else {
            ((self.0 >> 33) as usize) % n
        }
    }
}

/// Delete a range, duplicate a range or splice in a snippet, a few times.
fn mutate(src: &str, snippets: &[&str], rng: &mut Lcg) -> String {
    let mut s: Vec<char> = src.chars().collect();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(s.len().max(1)).min(s.len());
        let end = (at + rng.below(300)).min(s.len());
        let insert: Vec<char> = match rng.below(4) {
            0 => {
                s.drain(at..end);
                continue;
            }
            1 => s[at..end].to_vec(),
            _ => snippets[rng.below(snippets.len())].chars().collect(),
        };
        let to = rng.below(s.len().max(1)).min(s.len());
        s.splice(to..to, insert);
    }
    s.into_iter().collect()
}

fn check_text(t: &Text) {
    for m in &t.marks {
        assert!(m.start < m.end && m.end <= t.text.len(), "mark {m:?} outside {:?}", t.text);
        assert!(t.text.is_char_boundary(m.start) && t.text.is_char_boundary(m.end));
    }
}

fn check_items(items: &[ListItem]) {
    for i in items {
        check_text(&i.text);
        check_items(&i.children);
    }
}

fn check(doc: &Document) {
    for b in &doc.blocks {
        match &b.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => check_text(text),
            BlockKind::List { items } => check_items(items),
            BlockKind::Table(t) => {
                assert!(t.n_cols() <= 1000 && t.n_cols() * t.rows.len() <= 4_000_000);
                for c in t.rows.iter().flat_map(|r| &r.cells) {
                    assert!(c.colspan >= 1 && c.rowspan >= 1);
                    c.paras.iter().for_each(|p| check_text(&p.text));
                }
                t.text_grid();
            }
        }
    }
}

fn files(dir: &Path, ext: &str) -> Vec<Vec<u8>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

const HTML_SNIPPETS: &[&str] = &[
    "<td rowspan=0>",
    "<td colspan=0 rowspan=65535>",
    "</table>",
    "<table>",
    "<tr>",
    "<template><td>x</template>",
    "<svg><foreignObject><p>",
    "<math><mi>",
    "<select><option>",
    "<frameset>",
    "<!--",
    "<![CDATA[x]]>",
    "&#x0;",
    "&#xD800;",
    "<plaintext>",
    "<li value=-99999999999>",
    "<ol start=-9223372036854775808 reversed>",
    "<ol type=a start=0><li>x",
    "<ol type=I start=4000><li>y",
    "<dl><dt>",
    "<dd>",
    "<br>",
    "<sup>",
    "<b>",
    "</b>",
    "<p style='font-size:99999999999999999999pt;font-weight:900'>",
    "<div class='title'>",
    "<div role=heading aria-level=999>",
    "<main>",
    "<header>",
    "<caption>",
    "<pre>",
    "\u{feff}",
    "<meta charset=utf-16>",
    "<meta charset=x-user-defined>",
    "<td bgcolor='rgb(999,-1,a)'>",
    "<th>",
    "<thead>",
    "<tfoot>",
    "<li>",
    "<ul>",
    "\n\n\t",
    "é€😀",
    "<nobr><nobr>",
    "<a><a><a>",
    "<table><td><table><td>",
];

#[test]
fn mutated_html_pages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds = files(&root.join("../../corpus"), "html");
    if let Some(inscriptis) = sgx_testkit::shared("external/html/inscriptis") {
        seeds.extend(files(&inscriptis, "html"));
    }
    assert!(!seeds.is_empty());
    let seeds: Vec<String> = seeds.iter().map(|b| String::from_utf8_lossy(b).into_owned()).collect();
    let mut rng = Lcg(42);
    for round in 0..ROUNDS {
        let page = mutate(&seeds[round % seeds.len()], HTML_SNIPPETS, &mut rng);
        if let Ok(doc) = sgx_read::read(page.as_bytes(), "mutated.html") {
            check(&doc);
        }
    }
}

const DOCX_SNIPPETS: &[&str] = &[
    "<w:vMerge/>",
    r#"<w:vMerge w:val="restart"/>"#,
    r#"<w:gridSpan w:val="-5"/>"#,
    r#"<w:gridSpan w:val="99999999999"/>"#,
    r#"<w:gridBefore w:val="4000000000"/>"#,
    "<w:hMerge/>",
    r#"<w:numPr><w:ilvl w:val="255"/><w:numId w:val="4"/></w:numPr>"#,
    r#"<w:numPr><w:numId w:val="999"/></w:numPr>"#,
    r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
    r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
    r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r>"#,
    "<w:tbl>",
    "</w:tbl>",
    "<w:tr>",
    "<w:tc>",
    "<w:p>",
    "</w:p>",
    "<w:r><w:t>x</w:t></w:r>",
    r#"<w:r><w:sym w:char="D800"/></w:r>"#,
    r#"<w:r><w:sym w:char="FFFFFFFF"/></w:r>"#,
    r#"<w:lvlText w:val="%9%0%%"/>"#,
    r#"<w:start w:val="4294967295"/>"#,
    r#"<w:numFmt w:val="upperRoman"/>"#,
    r#"<w:basedOn w:val="Heading1"/>"#,
    r#"<w:outlineLvl w:val="200"/>"#,
    "<mc:AlternateContent>",
    "<w:txbxContent>",
    "&amp;",
    "&bogus;",
    "&#0;",
    "<![CDATA[x]]>",
    r#"<!DOCTYPE x [<!ENTITY a "aaaa">]>"#,
    r#"<w:shd w:fill="GGGGGG"/>"#,
    "<w:trPr><w:del/></w:trPr>",
    "<w:sdt><w:sdtContent>",
];

/// The parts of a zip as (name, text).
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a corpus docx is a zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("entry");
            let mut s = String::new();
            f.read_to_string(&mut s).expect("text part");
            (f.name().expect("name").to_string(), s)
        })
        .collect()
}

#[test]
fn mutated_word_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds: Vec<_> = files(&root.join("../../corpus"), "docx").iter().map(|b| unzip(b)).collect();
    assert!(!seeds.is_empty());
    let targets =
        ["word/document.xml", "word/styles.xml", "word/numbering.xml", "word/footnotes.xml", "_rels/.rels"];
    let mut rng = Lcg(7);
    for round in 0..ROUNDS {
        let target = targets[rng.below(targets.len())];
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, text) in &seeds[round % seeds.len()] {
            w.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
            let text = if name == target { mutate(text, DOCX_SNIPPETS, &mut rng) } else { text.clone() };
            w.write_all(text.as_bytes()).unwrap();
        }
        let mut bytes = w.finish().unwrap().into_inner();
        if let Ok(doc) = sgx_read::read(&bytes, "mutated.docx") {
            check(&doc);
        }
        // The container itself damaged: cut short, or a byte flipped.
        if round % 2 == 0 {
            bytes.truncate(rng.below(bytes.len()).max(4));
        } else {
            let i = rng.below(bytes.len());
            bytes[i] ^= 0x55;
        }
        if let Ok(doc) = sgx_read::read(&bytes, "damaged.docx") {
            check(&doc);
        }
    }
}
