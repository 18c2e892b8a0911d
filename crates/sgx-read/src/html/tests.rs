//! The HTML reader on whole pages.

use sgx_ir::{BlockKind, Document, LineRange, Style};

use super::{read, sniff};

fn doc(html: &str) -> Document {
    read(html.as_bytes(), "t.html")
}

fn kinds(d: &Document) -> Vec<String> {
    d.blocks
        .iter()
        .map(|b| match &b.kind {
            BlockKind::Heading { level, text } => format!("h{level}:{}", text.text),
            BlockKind::Paragraph { text } => format!("p:{}", text.text),
            BlockKind::List { items } => format!(
                "list:{}",
                items.iter().map(|i| format!("{} {}", i.marker, i.text.text)).collect::<Vec<_>>().join("|")
            ),
            BlockKind::Table(t) => format!("table:{}x{}", t.rows.len(), t.n_cols()),
        })
        .collect()
}

#[test]
fn headings_paragraphs_lists_and_breaks() {
    let d = doc("<h1>Plan</h1><p>One<br>two</p><div>loose <b>text</b></div><ol start=3><li>a</li><li>b<ul><li>c</li></ul></li></ol>");
    assert_eq!(kinds(&d), vec!["h1:Plan", "p:One\ntwo", "p:loose text", "list:3. a|4. b"]);
    let items = d.blocks[3].as_list().unwrap();
    assert_eq!(items[1].children[0].marker, "•");
    assert_eq!(items[1].children[0].text.text, "c");
}

#[test]
fn letter_lists_count_past_z_as_browsers_do() {
    // <ol type="a">: y, z, aa, ab (Word's letters would go aa, bb).
    let items = "<li>x</li>".repeat(28);
    for (kind, last) in [("a", ["z.", "aa.", "ab."]), ("A", ["Z.", "AA.", "AB."])] {
        let d = doc(&format!("<ol type={kind}>{items}</ol>"));
        let markers: Vec<&str> = d.blocks[0].as_list().unwrap().iter().map(|i| i.marker.as_str()).collect();
        assert_eq!(markers[25..], last, "type={kind}");
    }
}

#[test]
fn content_straight_inside_a_list_is_kept() {
    let d = doc("<ul>loose words<li>item</li><p>para</p></ul>");
    assert_eq!(kinds(&d), vec!["list:• loose words|• item|• para"]);
}

#[test]
fn ordered_list_types_values_and_reversal() {
    let d = doc("<ol type=I><li>x</li><li>y</li></ol><ol type=a reversed><li>p</li><li>q</li></ol><ol><li value=7>z</li><li>w</li></ol>");
    assert_eq!(kinds(&d), vec!["list:I. x|II. y", "list:b. p|a. q", "list:7. z|8. w"]);
}

#[test]
fn furniture_is_left_out_and_main_content_kept() {
    let d = doc(
        "<body><div class='cookie-banner'>We use cookies</div><header><nav><a href=/>Home</a></nav><p>Site name</p></header>\
         <main><article><header><h1>The plan</h1></header><p>Body text.</p><script>var x = 1;</script>\
         <nav>On this page</nav></article></main><aside>Related</aside><footer>Copyright</footer></body>",
    );
    assert_eq!(kinds(&d), vec!["h1:The plan", "p:Body text."]);
    // Without <main>, page-level header and footer go, the rest stays.
    let d = doc("<body><header>Site</header><div id='menu'><a href=/a>A</a></div><p>Content</p><footer>Foot</footer></body>");
    assert_eq!(kinds(&d), vec!["p:Content"]);
}

#[test]
fn a_page_wrapped_in_a_header_div_is_still_read() {
    let long = "Words of the plan. ".repeat(300);
    let d = doc(&format!("<body><div id='header'><p>{long}</p></div></body>"));
    assert_eq!(d.blocks.len(), 1);
}

#[test]
fn bold_from_tags_and_css_reaches_the_marks() {
    let d = doc("<p><strong>Priority One:</strong> Tackle neglect</p><p><span style='font-weight: 700'>Band</span></p><p><u>Under</u> <span style='font-weight:bold'>x</span></p>");
    let t = d.blocks[0].as_paragraph().unwrap();
    assert_eq!(t.leading(Style::Bold), Some("Priority One:"));
    assert!(d.blocks[1].as_paragraph().unwrap().is_all(Style::Bold));
    let t = d.blocks[2].as_paragraph().unwrap();
    assert_eq!(t.leading(Style::Underline), Some("Under"));
}

#[test]
fn classed_and_styled_headings() {
    let d =
        doc("<div class='title'>Annual Report</div><p role='heading' aria-level='3'>Section</p><p>Text</p>");
    assert_eq!(kinds(&d), vec!["h1:Annual Report", "h3:Section", "p:Text"]);
    // Large type counts only on pages without h-tags.
    let d = doc("<p style='font-size:22pt'>Big title</p><p style='font-size:12pt'>Body</p>");
    assert_eq!(kinds(&d), vec!["h1:Big title", "p:Body"]);
    let d = doc("<h2>Real</h2><p style='font-size:22pt'>Big</p>");
    assert_eq!(kinds(&d), vec!["h2:Real", "p:Big"]);
}

#[test]
fn definition_lists_become_term_tables() {
    let d = doc("<dl><dt>LSCB</dt><dd>Local Safeguarding Children Board</dd><dt>CSE</dt><dt>CCE</dt><dd>Exploitation</dd></dl>");
    let t = d.blocks[0].as_table().unwrap();
    assert_eq!(
        t.text_grid(),
        vec![vec!["LSCB", "Local Safeguarding Children Board"], vec!["CSE\nCCE", "Exploitation"]]
    );
}

#[test]
fn cells_keep_breaks_and_items_apart_and_nested_tables_follow() {
    let d = doc(
        "<table><tr><th>Lead</th><th>Tasks</th></tr><tr><td bgcolor='#f00'>A<br>B</td><td><ul><li>one</li><li>two<ol><li>deep</li></ol></li></ul>\
         <table><tr><td>inner</td></tr></table></td></tr></table>",
    );
    assert_eq!(kinds(&d), vec!["table:2x2", "table:1x1"]);
    let t = d.blocks[0].as_table().unwrap();
    assert!(t.rows[0].header);
    let lead = &t.rows[1].cells[0];
    assert_eq!(lead.paras.iter().map(|p| p.text.text.as_str()).collect::<Vec<_>>(), vec!["A", "B"]);
    assert_eq!(lead.fill.as_deref(), Some("#ff0000"));
    let tasks: Vec<(&str, Option<u8>)> =
        t.rows[1].cells[1].paras.iter().map(|p| (p.text.text.as_str(), p.bullet)).collect();
    assert_eq!(tasks, vec![("one", Some(0)), ("two", Some(0)), ("deep", Some(1))]);
    let inner_path = d.blocks[1].prov.path.as_deref().unwrap();
    assert!(
        inner_path.starts_with(t.rows[1].cells[1].prov.as_ref().unwrap().path.as_deref().unwrap()),
        "{inner_path}"
    );
}

#[test]
fn layout_tables_are_read_as_the_page_they_lay_out() {
    let prose =
        "The Board agreed this plan after its development day and will review it each quarter. ".repeat(3);
    let d = doc(&format!(
        "<table border=0><tr><td width=160><a href='a.htm'>Annual Report 2007-08</a><br><a href='b.htm'>Constitution</a></td>\
         <td><p><b>WORKPLAN 2008-09</b></p><p>{prose}</p>\
         <table border=1><tr><th>Task</th><th>Lead</th></tr><tr><td>Audit</td><td>Manager</td></tr></table>\
         <p>Contact the Board Manager.</p></td></tr></table>"
    ));
    assert_eq!(
        kinds(&d),
        vec![
            "p:WORKPLAN 2008-09".to_string(),
            format!("p:{}", prose.trim()),
            "table:2x2".into(),
            "p:Contact the Board Manager.".into()
        ]
    );
    // The same shape with column headers, or a cell holding only a table, is data.
    let data = doc("<table><tr><td><table><tr><td>a</td><td>b</td></tr></table></td><td>Tom</td></tr><tr><td>last</td><td>line</td></tr></table>");
    assert_eq!(kinds(&data), vec!["table:2x2", "table:1x2"]);
}

#[test]
fn provenance_has_element_paths_and_source_lines() {
    let d =
        doc("<html>\n<body>\n<h1>Title</h1>\n<p>First\nsecond</p>\n<ul>\n<li>x</li>\n</ul>\n</body></html>");
    assert_eq!(d.blocks[0].prov.path.as_deref(), Some("/html[1]/body[1]/h1[1]"));
    assert_eq!(d.blocks[0].prov.lines, Some(LineRange { start: 3, end: 3 }));
    assert_eq!(d.blocks[1].prov.lines, Some(LineRange { start: 4, end: 5 }));
    assert_eq!(d.blocks[2].prov.path.as_deref(), Some("/html[1]/body[1]/ul[1]"));
    let item = &d.blocks[2].as_list().unwrap()[0];
    assert_eq!(item.prov.path.as_deref(), Some("/html[1]/body[1]/ul[1]/li[1]"));
}

#[test]
fn character_references_and_footnote_markers() {
    let d = doc("<p>Children&rsquo;s &amp; families &#8211; 1<sup>st</sup> plan<sup>[4]</sup>&nbsp;here</p>");
    assert_eq!(d.blocks[0].as_paragraph().unwrap().text, "Children’s & families – 1st plan here");
}

#[test]
fn deep_nesting_is_read_flat_with_a_warning() {
    let html = format!("{}deep text{}", "<div>".repeat(5000), "</div>".repeat(5000));
    let d = doc(&html);
    assert_eq!(kinds(&d), vec!["p:deep text"]);
    assert!(d.warnings.iter().any(|w| w.message.contains("nested deeper")));
}

#[test]
fn sniffing_without_a_doctype() {
    assert!(sniff(b"<!-- saved page --> <head><title>x</title>", "a.txt"));
    assert!(sniff(b"<table><tr><td>x", "a.html"));
    assert!(!sniff(b"<table><tr><td>x", "a.md"));
    assert!(!sniff(b"Plan text <b>x</b>", "a.html"));
}
