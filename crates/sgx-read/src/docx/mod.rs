//! Reader for Word documents (DOCX, WordprocessingML): the zip container, then styles,
//! numbering and the body, read with quick-xml into IR blocks.
//!
//! Headings come from paragraph styles (outline levels, "heading N", Title); list
//! paragraphs become lists with the numbers or bullets Word shows; tables keep their grid
//! (`w:gridSpan` as column spans, `w:vMerge` as row spans, `w:gridBefore` as an offset) and
//! cell shading. Footnotes and endnotes are read apart and placed after the body.
//! Provenance is an index path: `/body/p[12]`, `/body/tbl[2]/tr[3]/tc[1]`.

mod body;
mod numbering;
mod package;
mod styles;
mod xml;

use sgx_ir::{Block, BlockKind, Document, Format, ListItem, Provenance, Source, Warning, WarningKind};

use body::{with_label, BodyReader, Piece, TablePiece};
use numbering::Numbering;
use package::{relationships, Package};
use styles::Styles;
use xml::Cursor;

use crate::common::lists::nest_by_level;
use crate::error::ReadError;

/// The parts of the document sgx reads, as named by the package's relationships.
struct Parts {
    document: String,
    styles: Option<String>,
    numbering: Option<String>,
    notes: Vec<(String, &'static str)>,
}

/// Read a DOCX file.
pub fn read(bytes: &[u8], path: &str) -> Result<Document, ReadError> {
    let mut pkg = Package::open(bytes)?;
    let parts = locate_parts(&mut pkg)?;
    let mut warnings = Vec::new();
    let styles = match parts.styles.as_deref().map(|p| pkg.read_text(p)).transpose()?.flatten() {
        Some(xml) => Styles::parse(&xml).unwrap_or_else(|e| {
            warnings.push(Warning::new(WarningKind::PartUnreadable, format!("styles ignored: {e}")));
            Styles::default()
        }),
        None => Styles::default(),
    };
    let mut numbering = match parts.numbering.as_deref().map(|p| pkg.read_text(p)).transpose()?.flatten() {
        Some(xml) => Numbering::parse(&xml).unwrap_or_else(|e| {
            let message = format!("list numbering ignored: {e}");
            warnings.push(Warning::new(WarningKind::PartUnreadable, message));
            Numbering::default()
        }),
        None => Numbering::default(),
    };
    let document = pkg.read_text(&parts.document)?.ok_or_else(|| not_word(&pkg))?;
    let mut reader = BodyReader::new(&styles, &mut numbering);
    let pieces = read_story(&mut reader, &document, &parts.document, "body", "/body")?;
    let mut blocks = Vec::new();
    assemble(pieces, &mut blocks);
    for (part, kind) in &parts.notes {
        let Some(xml) = pkg.read_text(part)? else { continue };
        match read_notes(&mut reader, &xml, part, kind) {
            Ok(pieces) => assemble(pieces, &mut blocks),
            Err(e) => {
                warnings.push(Warning::new(WarningKind::PartUnreadable, format!("{kind} ignored: {e}")))
            }
        }
    }
    warnings.extend(reader.warnings);
    Ok(Document {
        source: Source { path: path.to_string(), format: Format::Docx, ..Source::default() },
        blocks,
        warnings,
    })
}

/// Find the main document part and its styles, numbering and notes through the package
/// relationships, falling back on the usual names.
fn locate_parts(pkg: &mut Package) -> Result<Parts, ReadError> {
    let root_rels = pkg.read_text("_rels/.rels")?.map(|x| relationships(&x, "")).unwrap_or_default();
    let document = root_rels
        .iter()
        .find(|(kind, target)| kind == "officeDocument" && pkg.has(target))
        .map(|(_, target)| target.clone())
        .unwrap_or_else(|| "word/document.xml".to_string());
    if !pkg.has(&document) {
        return Err(not_word(pkg));
    }
    let dir = document.rsplit_once('/').map_or(String::new(), |(d, _)| format!("{d}/"));
    let file = document.rsplit('/').next().unwrap_or("document.xml");
    let rels = pkg
        .read_text(&format!("{dir}_rels/{file}.rels"))?
        .map(|x| relationships(&x, &dir))
        .unwrap_or_default();
    let target = |kind: &str, fallback: &str| -> Option<String> {
        rels.iter()
            .find(|(k, _)| k == kind)
            .map(|(_, t)| t.clone())
            .or_else(|| Some(format!("{dir}{fallback}")))
    };
    Ok(Parts {
        styles: target("styles", "styles.xml"),
        numbering: target("numbering", "numbering.xml"),
        notes: [("footnotes", "footnotes"), ("endnotes", "endnotes")]
            .into_iter()
            .filter_map(|(kind, name)| target(kind, &format!("{name}.xml")).map(|t| (t, name)))
            .collect(),
        document,
    })
}

/// Why a zip without a Word body is not read: name what it is, if it is something known.
fn not_word(pkg: &Package) -> ReadError {
    let what = if pkg.has("content.xml") && pkg.has("mimetype") {
        "an OpenDocument file (ODT/ODS): save it as DOCX or PDF"
    } else if pkg.has("xl/workbook.xml") {
        "a spreadsheet (XLSX), not a Word document"
    } else if pkg.has("ppt/presentation.xml") {
        "a presentation (PPTX), not a Word document"
    } else {
        "a zip archive without word/document.xml, not a Word document"
    };
    ReadError::Unsupported(what.to_string())
}

/// The blocks of a story part whose root holds one `container` element (`w:body`).
fn read_story(
    reader: &mut BodyReader,
    xml: &str,
    part: &str,
    container: &str,
    prefix: &str,
) -> Result<Vec<Piece>, ReadError> {
    let mut cur = Cursor::new(xml, part);
    let root = cur.root()?;
    if !root.is("document") {
        return Err(cur.corrupt("root element is not w:document"));
    }
    let mut pieces = Vec::new();
    cur.each_child(|cur, el| {
        if el.is(container) {
            pieces = reader.blocks(cur, prefix)?;
            Ok(())
        } else {
            cur.skip()
        }
    })?;
    Ok(pieces)
}

/// Footnotes or endnotes, separators left out; each note's blocks in order.
fn read_notes(reader: &mut BodyReader, xml: &str, part: &str, kind: &str) -> Result<Vec<Piece>, ReadError> {
    let mut cur = Cursor::new(xml, part);
    cur.root()?;
    let note = kind.trim_end_matches('s');
    let mut pieces = Vec::new();
    cur.each_child(|cur, el| {
        let separator = el.attr("type").is_some_and(|t| t != "normal");
        if el.is(note) && !separator {
            let id = el.attr("id").unwrap_or("?").to_string();
            pieces.extend(reader.blocks(cur, &format!("/{kind}/{note}[{id}]"))?);
            Ok(())
        } else {
            cur.skip()
        }
    })?;
    Ok(pieces)
}

/// Pieces to IR blocks: runs of list paragraphs become one (nested) list, headings keep
/// their numbers, tables are followed by the tables nested in them.
fn assemble(pieces: Vec<Piece>, out: &mut Vec<Block>) {
    let mut list: Vec<(u8, ListItem)> = Vec::new();
    for piece in pieces {
        let para = match piece {
            Piece::Para(p) => p,
            Piece::Table(t) => {
                flush_list(&mut list, out);
                push_table(t, out);
                continue;
            }
        };
        let prov = Provenance { path: Some(para.path), ..Provenance::default() };
        match (para.heading, para.label) {
            (Some(level), label) => {
                flush_list(&mut list, out);
                let text = match label {
                    Some(l) if !l.bullet && !l.text.is_empty() => with_label(&l.text, para.text),
                    _ => para.text,
                };
                if !text.is_empty() {
                    out.push(Block::new(BlockKind::Heading { level, text }, prov));
                }
            }
            (None, Some(label)) => {
                if !para.text.is_empty() {
                    list.push((
                        para.level,
                        ListItem { marker: label.text, text: para.text, children: Vec::new(), prov },
                    ));
                }
            }
            (None, None) => {
                flush_list(&mut list, out);
                if !para.text.is_empty() {
                    out.push(Block::new(BlockKind::Paragraph { text: para.text }, prov));
                }
            }
        }
    }
    flush_list(&mut list, out);
}

/// A table block, then its nested tables (document order: each one before its own nested).
fn push_table(t: TablePiece, out: &mut Vec<Block>) {
    let prov = Provenance { path: Some(t.path), ..Provenance::default() };
    if !t.table.rows.is_empty() {
        out.push(Block::new(BlockKind::Table(t.table), prov));
    }
    for nested in t.nested {
        push_table(nested, out);
    }
}

fn flush_list(list: &mut Vec<(u8, ListItem)>, out: &mut Vec<Block>) {
    if list.is_empty() {
        return;
    }
    let prov = list[0].1.prov.clone();
    let items = nest_by_level(std::mem::take(list));
    out.push(Block::new(BlockKind::List { items }, prov));
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use sgx_ir::{BlockKind, Style};
    use zip::write::SimpleFileOptions;

    use super::*;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape""#;

    /// A zip of the given parts.
    pub fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, text) in parts {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(text.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn docx_with(body: &str, extra: &[(&str, &str)]) -> Document {
        let document =
            format!(r#"<?xml version="1.0"?><w:document {NS}><w:body>{body}</w:body></w:document>"#);
        let mut parts = vec![("word/document.xml", document.as_str())];
        parts.extend_from_slice(extra);
        read(&zip(&parts), "t.docx").unwrap()
    }

    fn docx(body: &str) -> Document {
        docx_with(body, &[])
    }

    fn texts(d: &Document) -> Vec<String> {
        d.blocks.iter().map(|b| b.plain_text()).collect()
    }

    const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="My Head"/><w:basedOn w:val="Heading2"/></w:style>
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
        <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
    </w:styles>"#;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="Priority %1:"/></w:lvl>
          <w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl></w:abstractNum>
        <w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
    </w:numbering>"#;

    fn p(style: &str, text: &str) -> String {
        format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
    }

    #[test]
    fn headings_through_styles_and_emphasis_through_character_styles() {
        let body = format!(
            r#"{}{}<w:p><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>Lead:</w:t></w:r><w:r><w:t xml:space="preserve"> rest</w:t></w:r><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t> u</w:t></w:r></w:p>{}"#,
            p("Title", "The Plan"),
            p("Mine", "Section"),
            r#"<w:p><w:pPr><w:outlineLvl w:val="3"/></w:pPr><w:r><w:t>Direct</w:t></w:r></w:p>"#
        );
        let d = docx_with(&body, &[("word/styles.xml", STYLES)]);
        let levels: Vec<Option<u8>> = d.blocks.iter().map(|b| b.as_heading().map(|h| h.0)).collect();
        assert_eq!(levels, vec![Some(1), Some(2), None, Some(4)]);
        let t = d.blocks[2].as_paragraph().unwrap();
        assert_eq!(t.text, "Lead: rest u");
        assert_eq!(t.leading(Style::Bold), Some("Lead:"));
        assert!(t.marks.iter().any(|m| m.style == Style::Underline && t.text[m.start..m.end].trim() == "u"));
    }

    #[test]
    fn numbered_and_bulleted_paragraphs_become_nested_lists() {
        let item = |lvl: u8, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let body = [item(0, "Safety"), item(1, "sub"), item(0, "Voice"), p("Normal", "after")].concat();
        let d = docx_with(&body, &[("word/numbering.xml", NUMBERING)]);
        let items = d.blocks[0].as_list().unwrap();
        assert_eq!(
            items.iter().map(|i| i.marker.as_str()).collect::<Vec<_>>(),
            vec!["Priority 1:", "Priority 2:"]
        );
        assert_eq!(items[0].children[0].marker, "o");
        assert_eq!(texts(&d)[1], "after");
    }

    #[test]
    fn tracked_changes_fields_content_controls_and_hidden_text() {
        let body = r#"<w:p><w:r><w:t xml:space="preserve">Keep </w:t></w:r><w:del><w:r><w:delText>gone </w:delText></w:r></w:del>
            <w:ins><w:r><w:t xml:space="preserve">added </w:t></w:r></w:ins>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF x </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
            <w:fldSimple w:instr=" DATE "><w:r><w:t xml:space="preserve"> today</w:t></w:r></w:fldSimple>
            <w:r><w:rPr><w:vanish/></w:rPr><w:t>secret</w:t></w:r>
            <w:sdt><w:sdtPr><w:alias w:val="Owner"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t xml:space="preserve"> by the Board</w:t></w:r></w:sdtContent></w:sdt></w:p>
            <w:moveFrom><w:p><w:r><w:t>moved away</w:t></w:r></w:p></w:moveFrom>
            <w:sdt><w:sdtContent><w:p><w:r><w:t>In a block control</w:t></w:r></w:p></w:sdtContent></w:sdt>"#;
        let d = docx(body);
        assert_eq!(texts(&d), vec!["Keep added 7 today by the Board", "In a block control"]);
    }

    #[test]
    fn text_boxes_read_once_in_place_and_footnotes_apart() {
        let body = format!(
            r#"<w:p><w:r><w:t>Anchor</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>{}</w:txbxContent></wps:txbx></w:drawing></mc:Choice>
            <mc:Fallback><w:pict><w:txbxContent>{}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>{}"#,
            p("Normal", "In the box"),
            p("Normal", "In the box"),
            p("Normal", "Next")
        );
        let notes = r#"<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
            <w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> A note.</w:t></w:r></w:p></w:footnote></w:footnotes>"#;
        let d = docx_with(&body, &[("word/footnotes.xml", notes)]);
        assert_eq!(texts(&d), vec!["Anchor", "In the box", "Next", "A note."]);
        assert_eq!(d.blocks[1].prov.path.as_deref(), Some("/body/p[1]/txbx[1]/p[1]"));
        assert_eq!(d.blocks[3].prov.path.as_deref(), Some("/footnotes/footnote[2]/p[1]"));
    }

    fn tc(props: &str, text: &str) -> String {
        format!(r#"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"#)
    }

    #[test]
    fn table_grid_spans_merges_offsets_and_shading() {
        let row = |header: bool, before: u32, cells: &[String]| {
            let mut pr = String::new();
            if before > 0 {
                pr.push_str(&format!(r#"<w:gridBefore w:val="{before}"/>"#));
            }
            if header {
                pr.push_str("<w:tblHeader/>");
            }
            format!("<w:tr><w:trPr>{pr}</w:trPr>{}</w:tr>", cells.concat())
        };
        let body = format!(
            "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>{}{}{}{}{}</w:tbl>",
            row(true, 0, &[tc("", "A"), tc("", "B"), tc("", "C")]),
            row(false, 0, &[tc(r#"<w:gridSpan w:val="3"/><w:shd w:val="clear" w:fill="D9E2F3"/>"#, "Band")]),
            row(
                false,
                0,
                &[
                    tc(r#"<w:vMerge w:val="restart"/>"#, "1"),
                    tc("", "x"),
                    tc(r#"<w:shd w:val="clear" w:fill="FF0000"/>"#, "R")
                ]
            ),
            row(false, 0, &[tc("<w:vMerge/>", ""), tc("", "y"), tc("", "G")]),
            row(false, 1, &[tc("", "late"), tc(r#"<w:shd w:val="clear" w:fill="auto"/>"#, "z")]),
        );
        let d = docx(&body);
        let t = d.blocks[0].as_table().unwrap();
        assert!(t.rows[0].header && !t.rows[1].header);
        assert_eq!(
            t.text_grid(),
            vec![
                vec!["A", "B", "C"],
                vec!["Band", "", ""],
                vec!["1", "x", "R"],
                vec!["", "y", "G"],
                vec!["", "late", "z"]
            ]
        );
        assert_eq!(t.rows[1].cells[0].fill.as_deref(), Some("#d9e2f3"));
        assert_eq!(t.rows[2].cells[0].rowspan, 2);
        assert_eq!(t.rows[2].cells[2].fill.as_deref(), Some("#ff0000"));
        assert_eq!(t.rows[4].cells[1].fill, None);
        assert_eq!(
            t.rows[4].cells[0].prov.as_ref().and_then(|p| p.path.as_deref()),
            Some("/body/tbl[1]/tr[5]/tc[1]")
        );
    }

    #[test]
    fn cells_hold_bullet_items_and_nested_tables_follow() {
        let bullets = format!(
            r#"<w:tc><w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>one</w:t></w:r></w:p>
               <w:p><w:r><w:t>two</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>three</w:t></w:r></w:p>
               <w:tbl><w:tr>{}</w:tr></w:tbl></w:tc>"#,
            tc("", "inner")
        );
        let body = format!("<w:tbl><w:tr>{bullets}</w:tr></w:tbl>");
        let d = docx_with(&body, &[("word/numbering.xml", NUMBERING)]);
        assert_eq!(d.blocks.len(), 2);
        let cell = &d.blocks[0].as_table().unwrap().rows[0].cells[0];
        let paras: Vec<(&str, Option<u8>)> =
            cell.paras.iter().map(|p| (p.text.text.as_str(), p.bullet)).collect();
        assert_eq!(paras, vec![("one", Some(1)), ("two", None), ("three", None)]);
        assert_eq!(d.blocks[1].prov.path.as_deref(), Some("/body/tbl[1]/tr[1]/tc[1]/tbl[1]"));
    }

    #[test]
    fn typed_bullets_become_list_items() {
        let d = docx(
            &[p("Normal", "\u{2022}\tFirst point"), p("Normal", "\u{F0B7} Second"), p("Normal", "•no space")]
                .concat(),
        );
        let items = d.blocks[0].as_list().unwrap();
        assert_eq!(
            items.iter().map(|i| (i.marker.as_str(), i.text.text.as_str())).collect::<Vec<_>>(),
            vec![("•", "First point"), ("•", "Second")]
        );
        assert_eq!(texts(&d)[1], "•no space");
    }

    #[test]
    fn an_unclosed_field_code_hides_only_its_paragraph() {
        let d = docx(
            r#"<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>REF x</w:instrText></w:r></w:p><w:p><w:r><w:t>Next</w:t></w:r></w:p>"#,
        );
        assert_eq!(texts(&d), vec!["See", "Next"]);
    }

    #[test]
    fn tracked_row_deletion_and_legacy_horizontal_merge() {
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr><w:trPr><w:del/></w:trPr>{}{}</w:tr></w:tbl>",
            tc(r#"<w:hMerge w:val="restart"/>"#, "wide"),
            tc(r#"<w:hMerge/>"#, ""),
            tc("", "deleted"),
            tc("", "row")
        );
        let t = docx(&body).blocks[0].as_table().cloned().unwrap();
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].cells[0].colspan, 2);
    }

    #[test]
    fn relationships_name_the_main_part() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/content/main.xml"/></Relationships>"#;
        let document = format!(
            r#"<w:document {NS}><w:body><w:p><w:r><w:t>Moved</w:t></w:r></w:p></w:body></w:document>"#
        );
        let bytes = zip(&[("_rels/.rels", rels), ("content/main.xml", &document)]);
        let d = read(&bytes, "t.docx").unwrap();
        assert_eq!(texts(&d), vec!["Moved"]);
        assert!(matches!(d.blocks[0].kind, BlockKind::Paragraph { .. }));
    }

    #[test]
    fn other_zips_are_named() {
        let err = |parts: &[(&str, &str)]| read(&zip(parts), "x.docx").unwrap_err().to_string();
        assert!(err(&[("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<x/>")])
            .contains("OpenDocument"));
        assert!(err(&[("xl/workbook.xml", "<x/>")]).contains("spreadsheet"));
        assert!(err(&[("readme.txt", "hi")]).contains("word/document.xml"));
    }
}
