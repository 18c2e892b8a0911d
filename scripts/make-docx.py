#!/usr/bin/env python3
"""Write the DOCX twins of corpus documents: Word files with the same facts as their text
originals, built from hand-written WordprocessingML with nothing but the standard library.

    scripts/make-docx.py            # writes corpus/*.docx and fixtures/spaces/*.docx

The files use what real Word documents use and the DOCX reader must handle: paragraph and
character styles (headings through basedOn and outline levels, Title, Subtitle), list
numbering from numbering.xml (Roman and decimal numbers, bullets at several levels, numbered
headings), tables with a repeated header row, gridSpan band rows, vMerge'd cells and shaded
RAG cells, a footnote, a content control, tracked changes, a field, a text box and an
image with alternative text, and a header and footer (which sgx does not read).
"""

import os
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

W_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'mc:Ignorable="wps"'
)

# --- runs and paragraphs -------------------------------------------------------------------


def t(text, bold=False, italic=False, underline=False, style=None):
    """A run of text."""
    props = ""
    if style:
        props += f'<w:rStyle w:val="{style}"/>'
    if bold:
        props += "<w:b/>"
    if italic:
        props += "<w:i/>"
    if underline:
        props += '<w:u w:val="single"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def br():
    return "<w:r><w:br/></w:r>"


def p(*runs, style=None, num=None, level=0, keep_next=False):
    """A paragraph; `runs` are run XML or plain strings; `num` a numbering instance id."""
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if keep_next:
        props += "<w:keepNext/>"
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    body = "".join(r if r.startswith("<") else t(r) for r in runs)
    return f"<w:p>{ppr}{body}</w:p>"


def footnote_ref(note_id):
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'


def ref_field(instruction, result):
    """A complex field: the code is hidden, the result shown."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{t(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def inserted(text):
    return f'<w:ins w:id="901" w:author="Board Manager" w:date="2009-05-14T10:00:00Z">{t(text)}</w:ins>'


def deleted(text):
    return (
        '<w:del w:id="902" w:author="Board Manager" w:date="2009-05-14T10:00:00Z">'
        f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>'
    )


def content_control(inner, tag):
    return f'<w:sdt><w:sdtPr><w:alias w:val="{tag}"/><w:tag w:val="{tag}"/></w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>'


def image(description, name="logo"):
    """An inline picture with alternative text (the reader leaves images out)."""
    return (
        '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        '<wp:extent cx="1828800" cy="914400"/>'
        f'<wp:docPr id="10" name="{name}" descr={quoteattr(description)}/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{name}.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:embed="rIdMissing"/></pic:blipFill><pic:spPr/></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def text_box(paragraphs_xml):
    """A floating text box as Word 2010+ writes it: a wps shape in mc:Choice, VML fallback."""
    content = f"<w:txbxContent>{paragraphs_xml}</w:txbxContent>"
    return (
        "<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" '
        'simplePos="0" relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:extent cx="2743200" cy="457200"/><wp:docPr id="20" name="Text Box 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape id="tb1" type="#_x0000_t202"><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>'
        "</mc:AlternateContent></w:r>"
    )


# --- tables --------------------------------------------------------------------------------


def cell(*paragraphs, span=1, vmerge=None, fill=None, width=2000):
    """A table cell; paragraphs are XML or plain strings (an empty cell gets one empty paragraph)."""
    props = f'<w:tcW w:w="{width * span}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    body = "".join(x if x.startswith("<") else p(x) for x in paragraphs) or "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def row(*cells, header=False, grid_before=0):
    # Rows are kept whole on a page (cantSplit): the tables still run over page breaks, and
    # the PDF twins printed from these files have no row whose continuation is ambiguous.
    props = "<w:cantSplit/>"
    if grid_before:
        props += f'<w:gridBefore w:val="{grid_before}"/>'
    if header:
        props += "<w:tblHeader/>"
    trpr = f"<w:trPr>{props}</w:trPr>"
    return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"


def table(n_cols, *rows, width=2000):
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(n_cols))
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


# --- package parts -------------------------------------------------------------------------

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W_NS}>
  <w:docDefaults>
    <w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>
    <w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault>
  </w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
  <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:rPr><w:b/><w:sz w:val="48"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:rPr><w:sz w:val="32"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="SectionHead"><w:name w:val="Section Head"/><w:basedOn w:val="Heading3"/>
    <w:next w:val="Normal"/><w:rPr><w:color w:val="1F3864"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="NumberedHeading"><w:name w:val="Numbered Heading"/><w:basedOn w:val="Heading1"/>
    <w:next w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/>
    <w:pPr><w:ind w:left="360"/><w:contextualSpacing/></w:pPr></w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:spacing w:after="80"/></w:pPr><w:rPr><w:sz w:val="20"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/>
    <w:rPr><w:sz w:val="18"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/></w:style>
  <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/></w:style>
  <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>
    <w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
  <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/></w:style>
  <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>
    <w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>
    <w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>
    <w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>
</w:styles>
"""


def bullet_levels():
    glyphs = [("\uf0b7", "Symbol"), ("o", "Courier New"), ("\uf0a7", "Wingdings")]
    out = ""
    for i, (glyph, font) in enumerate(glyphs):
        out += (
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{glyph}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{360 * (i + 1)}" w:hanging="260"/></w:pPr>'
            f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr></w:lvl>'
        )
    return out


def numbered_level(fmt, text, start=1):
    return (
        f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="260"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="260"/></w:pPr></w:lvl>'
    )


# numId 1: bullets; 2: numbered headings "1."; 3: Roman priorities "I."; 4: decimal priorities "1.".
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {W_NS}>
  <w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>{bullet_levels()}</w:abstractNum>
  <w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/>{numbered_level("decimal", "%1.")}</w:abstractNum>
  <w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="hybridMultilevel"/>{numbered_level("upperRoman", "%1.")}</w:abstractNum>
  <w:abstractNum w:abstractNumId="3"><w:multiLevelType w:val="hybridMultilevel"/>{numbered_level("decimal", "%1.")}</w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>
"""

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
  <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
  <Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
  <Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>
  <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
  <Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
  <Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
  <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
  <Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>
"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
  <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
  <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>
"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
  <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
  <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
  <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
  <Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
  <Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
</Relationships>
"""

SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings {W_NS}><w:trackRevisions/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/></w:settings>
"""


def footnotes(notes):
    body = "".join(
        f'<w:footnote w:id="{nid}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>{t(" " + text)}</w:p></w:footnote>'
        for nid, text in notes
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W_NS}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f"{body}</w:footnotes>\n"
    )


def header_part(text):
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {W_NS}>{p(text, style="Header")}</w:hdr>\n'


def footer_part():
    page = '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {W_NS}>{p(page, style="Footer")}</w:ftr>\n'


def core_props(title):
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <dc:title>{escape(title)}</dc:title><dc:creator>Partnership Business Unit</dc:creator>
  <dcterms:created xsi:type="dcterms:W3CDTF">2019-10-01T09:00:00Z</dcterms:created>
</cp:coreProperties>
"""

APP_PROPS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>sgx make-docx.py</Application></Properties>
"""

SECTION = (
    '<w:sectPr><w:headerReference w:type="default" r:id="rId5"/><w:footerReference w:type="default" r:id="rId6"/>'
    '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
    '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>'
)


def write_docx(path, title, running_title, body, notes):
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W_NS}><w:body>{body}{SECTION}</w:body></w:document>\n'
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/core.xml", core_props(title)),
        ("docProps/app.xml", APP_PROPS),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", STYLES),
        ("word/numbering.xml", NUMBERING),
        ("word/footnotes.xml", footnotes(notes)),
        ("word/settings.xml", SETTINGS),
        ("word/header1.xml", header_part(running_title)),
        ("word/footer1.xml", footer_part()),
    ]
    # A fixed timestamp keeps the files byte-for-byte reproducible.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2019, 10, 1, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


# --- the documents -------------------------------------------------------------------------


def northmoor():
    bullet, roman = 1, 3
    cell_bullets = lambda *items: [p(x, style="TableText", num=bullet) for x in items]
    txt = lambda x: p(x, style="TableText")

    def band(text):
        return row(cell(p(t(text, bold=True), style="TableText"), span=6, fill="D9E2F3"))

    def action(what, how, who, know, when, progress=""):
        who_paras = [txt(w) for w in who]
        know_paras = cell_bullets(*know) if len(know) > 1 else [txt(know[0])]
        return row(
            cell(txt(what)),
            cell(*cell_bullets(*how)),
            cell(*who_paras),
            cell(*know_paras),
            cell(txt(when)),
            cell(txt(progress) if progress else ""),
        )

    delivery = table(
        6,
        row(*(cell(p(t(h, bold=True), style="TableText"), fill="1F3864") for h in
              ["What we will do", "How", "Who", "How will we know", "When", "Progress"]), header=True),
        band("Priority 1: Children are protected from neglect and its long-term harm"),
        action("Practitioners recognise neglect earlier and use a shared assessment tool",
               ["Introduce the Graded Care Profile 2 across all agencies", "Train 150 practitioners as GCP2 assessors"],
               ["Neglect Subgroup"],
               ["Number of GCP2 assessments completed each quarter",
                "Audit shows that assessments lead to a change in the child's plan"],
               "March 2020", "On track \u2013 96 assessors trained by December 2019"),
        action("Families living with neglect get help before problems escalate",
               ["Review the early help offer for families where neglect is the main concern"],
               ["Head of Early Help", "Designated Nurse"],
               ["Fewer children subject to a child protection plan for neglect after a period of early help"],
               "September 2020"),
        action("The Northmoor Neglect Strategy is refreshed",
               ["Consult practitioners and parents on a draft strategy",
                "Publish the refreshed strategy with a three-year action plan"],
               ["Neglect Subgroup"], ["Strategy published"], "April 2021", "Not yet started"),
        band("Priority 2: Children and young people are safe from exploitation, in the community and online"),
        action("Exploited children are identified and protected through a single multi-agency process",
               ["Hold a monthly multi-agency meeting to review children at risk of exploitation",
                "Agree one screening tool for sexual and criminal exploitation"],
               ["Exploitation and Missing Subgroup"],
               ["Meeting held every month with police, health and education present",
                "Screening tool in use by all partners"],
               "January 2020", "First meeting held November 2019"),
        action("Children who go missing are offered a return home interview within 72 hours",
               ["Recommission the return home interview service"],
               ["Northmoor Council Commissioning Team"],
               ["80% of return interviews completed within 72 hours"], "June 2020"),
        action("Parents and carers understand the risks their children face online",
               ["Run an online safety campaign with schools and the voluntary sector"],
               ["Exploitation and Missing Subgroup", "Education Safeguarding Lead"],
               ["Campaign evaluation shows parents feel more confident"], "Spring 2021"),
        band("Priority 3: The partnership listens to children, learns from practice and gets better as a result"),
        action("Learning from reviews changes practice",
               ["Publish a seven-minute briefing after every rapid review and local review",
                "Test whether learning has been embedded through follow-up audits"],
               ["Learning and Review Subgroup"],
               ["Briefings published within one month",
                "Follow-up audit findings reported to the Partnership Business Group"], "Ongoing"),
        action("Children's views shape what the partnership does",
               ["Work with the Youth Service to set up a group of young advisers"],
               ["Partnership Manager"], ["Young advisers meet at least four times a year"], "September 2020"),
        action("The partnership knows how well agencies work together",
               ["Agree a rolling multi-agency audit programme", "Complete the section 11 audit every two years"],
               ["Quality Assurance Subgroup"],
               ["Audit findings reported to every Partnership Business Group meeting"], "2020 and 2022"),
    )

    resources = table(
        2,
        row(cell(p(t("Partner", bold=True))), cell(p(t("Contribution", bold=True))), header=True),
        *(row(cell(a), cell(b)) for a, b in [
            ("Northmoor Council", "\u00a3182,000"),
            ("Northmoor Clinical Commissioning Group", "\u00a391,000"),
            ("Northmoor and Dales Police", "\u00a360,000"),
            ("Schools Forum", "\u00a315,000"),
        ]),
        width=4000,
    )

    body = "".join([
        p("Northmoor Safeguarding Children Partnership", style="Title"),
        p("Business Plan 2019-22", style="Subtitle"),
        p(image('An image of the partnership logo: three overlapping circles in blue, teal and orange above the words "Safer together".')),
        p("Foreword", style="SectionHead"),
        p("On 29 September 2019 the Northmoor Safeguarding Children Partnership (NSCP) took over from the former Local "
          "Safeguarding Children Board.", footnote_ref(1),
          " The three safeguarding partners \u2013 Northmoor Council, Northmoor Clinical Commissioning Group and Northmoor "
          "and Dales Police \u2013 now share equal responsibility for how agencies in the area work together, and this plan "
          "sets out what we will do jointly over the next three years."),
        p("We have kept the plan short on purpose. It does not try to list everything that agencies do to keep children "
          "safe; it concentrates on the few areas where we think acting together will make the most difference, and where "
          "children, parents and practitioners have told us that things need to change."),
        p(t("Karen Whitlock, Director of Children's Services, Northmoor Council", italic=True), br(),
          t("Dr Imran Sethi, Chief Nurse, Northmoor Clinical Commissioning Group", italic=True), br(),
          t("Chief Superintendent Lee Brannigan, Northmoor and Dales Police", italic=True)),
        p("Our priorities", style="SectionHead"),
        p("Our three priorities for 2019-22 are:"),
        p("Children are protected from neglect and its long-term harm", style="ListParagraph", num=roman),
        p("Children and young people are safe from exploitation, in the community and online", style="ListParagraph", num=roman),
        p("The partnership listens to children, learns from practice and gets better as a result", style="ListParagraph", num=roman),
        p("We chose these priorities after a development day in June 2019 attended by more than sixty practitioners and "
          "managers, and after looking at what our data, our audits and the last two serious case reviews told us. Neglect "
          "remains the most common reason for a child protection plan in Northmoor; exploitation is the area where "
          "practitioners feel least confident; and the new arrangements give us a chance to build learning into everything "
          "we do."),
        p("How we will deliver the plan", style="SectionHead"),
        p("The ", t("Safeguarding Partners' Executive", style="Strong"),
          " holds overall accountability for this plan. It meets six times a year and, for 2019/20, is chaired by the "
          "Director of Children's Services."),
        p("The ", t("Partnership Business Group", bold=True),
          " is chaired by the Partnership Manager, meets monthly and reports to the Safeguarding Partners' Executive. It "
          "monitors this plan, manages the risk register and agrees the work of the subgroups."),
        p("Four subgroups report to the Partnership Business Group:"),
        p("the Neglect Subgroup, chaired by the Head of Early Help;", style="ListParagraph", num=bullet),
        p("the Exploitation and Missing Subgroup, chaired by the Detective Inspector for Public Protection;", style="ListParagraph", num=bullet),
        p("the Learning and Review Subgroup, which also carries out rapid reviews;", style="ListParagraph", num=bullet),
        p("the Quality Assurance Subgroup, which meets quarterly.", style="ListParagraph", num=bullet),
        p("Each subgroup keeps a workplan of its own that breaks the actions below into smaller tasks. Relevant agencies, "
          "including schools, the voluntary sector and the district councils, take part through the subgroups and through "
          "an annual partnership event."),
        p("Delivery plan", style="SectionHead"),
        delivery,
        p("Resources", style="SectionHead"),
        p("The partnership budget is agreed each year by the Safeguarding Partners' Executive. For 2019/20 the "
          "contributions are:"),
        resources,
        p("Monitoring the plan", style="SectionHead"),
        p("The Partnership Business Group will review progress against this plan at every meeting and will report "
          "exceptions to the Safeguarding Partners' Executive. A RAG rated summary will be published on the partnership "
          "website every six months, and the annual report will describe what difference the plan has made for children."),
        p("The plan will be refreshed each spring so that it can respond to new learning, to the findings of inspections "
          "and to anything that children and young people tell us."),
    ])
    notes = [(1, "Local Safeguarding Children Boards were replaced under the Children and Social Work Act 2017.")]
    return body, notes


def harrowfield():
    headings, priorities = 2, 4
    green, amber, red = "00B050", "FFC000", "FF0000"
    txt = lambda x: p(x, style="TableText")
    ditto = '" "'

    def first(ref, objective, action, lead, success, date, rag):
        return row(cell(txt(ref), vmerge="restart"), cell(txt(objective), vmerge="restart"),
                   cell(txt(action)), cell(txt(lead)), cell(txt(success)), cell(txt(date)), rag_cell(rag))

    def more(action, lead, success, date, rag):
        return row(cell(vmerge="continue"), cell(vmerge="continue"),
                   cell(txt(action)), cell(txt(lead)), cell(txt(success)), cell(txt(date)), rag_cell(rag))

    def rag_cell(rag):
        fill = {"G": green, "A": amber, "R": red}.get(rag)
        return cell(txt(rag) if rag else "", fill=fill)

    actions = table(
        7,
        row(*(cell(p(t(h, bold=True), style="TableText"), fill="D9D9D9") for h in
              ["Ref", "Objective", "Actions", "Lead Officer", "Success Criteria", "Target Date", "RAG"]), header=True),
        first("1", "Strengthen the leadership and accountability of the HLSCB",
              "Revise the HLSCB constitution so that membership reflects Working Together 2006", "Board Manager",
              "Revised constitution adopted by the Board", "June 2009", "G"),
        more("Agree a written protocol setting out how the HLSCB relates to the Children's Trust Board", "Independent Chair",
             "Protocol signed by both chairs", "September 2009", "G"),
        more("Introduce an annual self-assessment of each member's attendance and contribution", ditto,
             "Every statutory partner attends at least 80% of Board meetings", "March 2010", "A"),
        first("2", "Keep inter-agency procedures up to date and known to practitioners",
              "Publish the revised Harrowfield child protection procedures online and withdraw all paper copies",
              "Chair of Policy and Procedures Subgroup", "Online procedures live and paper copies recalled from all teams",
              "July 2009", "G"),
        more("Write local practice guidance for staff working with children whose parents misuse drugs or alcohol, drawing "
             "on the findings of the 2008 audit of substance misuse cases and on the views of parents who use the Harbour "
             "Street recovery service", ditto,
             "Guidance agreed by the Executive Group and circulated to all partner agencies", "December 2009", "A"),
        more("Survey practitioners on whether they can find and use the procedures", "Board Manager",
             "At least 300 responses, with results reported to the Board", "February 2010", ""),
        first("3", "Build a confident and competent multi-agency workforce",
              "Commission the 2009/10 inter-agency training programme at foundation, core and advanced levels",
              "Training and Workforce Development Manager", "Programme published by 1 April 2009", "April 2009", "G"),
        more("Make sure that places on core courses are offered first to staff in universal services such as schools, GP "
             "practices and early years settings, and monitor take-up", ditto,
             "90% of places on core courses filled, with at least half going to staff from universal services",
             "March 2010", "A"),
        more("Evaluate the effect of training on practice using follow-up questionnaires three months after each course",
             ditto, "Evaluation report considered by the Executive Group", "January 2010", "R"),
        first("4", "Understand how well children are safeguarded in Harrowfield",
              "Build a quarterly performance dataset using social care, health, police and education information",
              "Chair of Quality and Performance Subgroup", "Dataset presented at each Board meeting", "From October 2009",
              "A"),
        more("Carry out two multi-agency case file audits, one on neglect and one on domestic violence",
             "Head of Safeguarding and Quality Assurance", "Audit reports and action plans presented to the Board",
             "November 2009 and March 2010", ""),
        more("Complete the section 11 audit with every partner agency", ditto,
             "All agencies return the self-assessment and gaps are followed up", "January 2010", "G"),
        first("5", "Learn from serious case reviews and from the deaths of children",
              "Track the action plans from the two serious case reviews completed in 2008",
              "Chair of Serious Case Review Subgroup", "Every action signed off or escalated to the Board", "Quarterly",
              "A"),
        more("Hold four learning events for front-line staff on the findings of those reviews",
             "Training and Workforce Development Manager", "200 practitioners attend the events", "March 2010", ""),
        more("Publish a short practitioner briefing on every completed review", "Board Manager",
             "Briefing issued within six weeks of the Board accepting a review", "Ongoing", "A"),
    )

    body = "".join([
        p(t("HARROWFIELD LOCAL SAFEGUARDING CHILDREN BOARD", bold=True), style="Title"),
        p("Workplan 2009/10", style="Subtitle"),
        content_control(p("Agreed by the Board on ", t("14 May 2009")), "ApprovalDate"),
        p(image("An illustration of a kite flying above a row of terraced houses, drawn in the Board's green and yellow "
                "colours.", name="kite")),
        p("Introduction", style="NumberedHeading"),
        p("Harrowfield Local Safeguarding Children Board (HLSCB) is the statutory body through which the agencies working "
          "in the borough agree how they will co-operate to safeguard children and promote their welfare. This workplan "
          "describes what the HLSCB will do between April 2009 and March 2010, who is responsible for each piece of work, "
          "and how the Board will know that it has been completed."),
        p("The events of the past year, and the national review of child protection that followed them, have led every "
          "Board in the country to look again at how it holds its members to account. Harrowfield is no exception. The "
          "workplan is therefore deliberately short and concentrates on a small number of things that the Board believes "
          "will make the biggest difference to children in the borough."),
        p("How the work is organised", style="NumberedHeading"),
        p("The full Board meets every two months and is chaired by the Independent Chair, Margaret Oduya. An Executive "
          "Group, chaired by the Director of Children's Services, meets monthly and reports to the Board. It keeps this "
          "workplan under review and can ask any member agency to explain a ", deleted("hold-up"), inserted("delay"), "."),
        p("Most of the detailed work is carried out by four subgroups: the Policy and Procedures Subgroup, the Training and "
          "Workforce Development Subgroup, the Quality and Performance Subgroup and the Serious Case Review Subgroup. Each "
          "subgroup reports to the Executive Group and will give a RAG rated update against its actions at every Executive "
          "meeting."),
        p("Our priorities for 2009/10", style="NumberedHeading"),
        p("The HLSCB has agreed five priorities for the year. Each one appears as an objective in the action table in "
          "section ", ref_field("REF _Ref_action_table \\r \\h", "4"), "."),
        p("Strengthen the leadership and accountability of the HLSCB", style="ListParagraph", num=priorities),
        p("Keep inter-agency procedures up to date and known to practitioners", style="ListParagraph", num=priorities),
        p("Build a confident and competent multi-agency workforce", style="ListParagraph", num=priorities),
        p("Understand how well children are safeguarded in Harrowfield", style="ListParagraph", num=priorities),
        p("Learn from serious case reviews and from the deaths of children", style="ListParagraph", num=priorities),
        p("RAG key: R = not started or off track; A = started, with some risk to completion; G = complete or on track. A "
          "blank RAG cell means that the action was not yet due when this version was produced."),
        p("Action table", style="NumberedHeading"),
        actions,
        p("Monitoring and review", style="NumberedHeading"),
        p("The Board Manager will keep the master copy of this workplan and will update the RAG ratings after every "
          "Executive Group meeting. Any action rated red for two meetings in a row will be reported to the full Board, "
          "together with an explanation from the lead officer and a revised date."),
        p("At the end of the year each subgroup chair will write a short account of what the subgroup achieved and what it "
          "was unable to complete. These accounts will form part of the HLSCB annual report for 2009/10 and will be used to "
          "set the workplan for 2010/11."),
        p("Links to other plans", style="NumberedHeading"),
        p("This workplan sits alongside the Harrowfield Children and Young People's Plan 2009-2011 and the action plans "
          "that each agency holds for its own safeguarding responsibilities. It does not repeat the work that single "
          "agencies are already doing; instead it concentrates on the things that can only be achieved by agencies acting "
          "together."),
        p("Where an action depends on the co-operation of a body that is not a member of the Board, the lead officer will "
          "report any difficulty to the Executive Group so that the Independent Chair can raise it directly."),
        p("Contact", style="NumberedHeading"),
        p("Questions about this workplan should be sent to the Board Manager, Harrowfield Local Safeguarding Children "
          "Board, Civic Offices, Market Row.",
          text_box(p("Harrowfield LSCB", style="TableText"))),
    ])
    return body, []


def wensley():
    """A short fixture whose words are separated by the spaces word processors print: no-break
    (U+00A0), thin (U+2009), narrow no-break (U+202F) and em (U+2003) spaces."""
    nb, thin, narrow, em = "\u00a0", "\u2009", "\u202f", "\u2003"
    # Words joined by a no-break space cannot wrap, so a long joined run in a narrow cell is
    # broken mid-word when printed: table cells keep such runs short.
    w = 2400
    head = ["Ref", "Objective", "Actions", "Lead", f"Success{nb}measures", "Timescale"]
    rows = [
        ["1", f"Practitioners recognise neglect{nb}early.", f"Launch{nb}the neglect{thin}toolkit across agencies.",
         f"Neglect{nb}Lead", f"Toolkit{nb}used in 80% of cases audited.", f"March{nb}2024"],
        ["2", f"Exploitation is{nb}spotted and disrupted.", f"Train{nb}taxi drivers and hotel{nb}staff.",
         f"Exploitation Coordinator", f"300{nb}people trained.", f"December{narrow}2023"],
    ]
    body = "".join([
        p(f"Wensley{nb}Safeguarding Children{nb}Partnership", style="Title"),
        p(f"Annual{thin}Report 2023\u201324", style="Heading1"),
        p(f"This{nb}report describes how the Wensley{nb}Safeguarding{nb}Children{nb}Partnership (WSCP) "
          f"is{narrow}organised. Words here are separated by no-break spaces, thin spaces, narrow no-break "
          f"spaces and em{em}spaces, as word processors and web pages print them."),
        p(f"Our{nb}priorities", style="Heading1"),
        p(f"Priority{nb}1:{thin}Neglect is recognised early and families are helped before it escalates."),
        p(f"Priority{nb}2:{thin}Children at risk of exploitation outside the home are kept safe."),
        p("How the partnership works", style="Heading1"),
        p(f"The{nb}Quality{nb}Assurance{nb}Subgroup is chaired{nb}by the Head{nb}of{nb}Safeguarding for the ICB, "
          f"meets{nb}quarterly and reports{nb}to the Executive{em}Group."),
        p(f"The{nb}Learning{nb}and{nb}Development Subgroup meets{thin}six{nb}times{nb}a{nb}year and "
          f"reports{nb}to the Executive{nb}Group."),
        p(f"Action{nb}plan", style="Heading1"),
        table(6, row(*[cell(p(t(h, bold=True)), width=w) for h in head], header=True),
              *[row(*[cell(c, width=w) for c in r]) for r in rows], width=w),
        p("Glossary", style="Heading1"),
        table(2, row(cell(p(t("Acronym", bold=True)), width=4500), cell(p(t("Meaning", bold=True)), width=4500), header=True),
              row(cell("ICB", width=4500), cell(f"Integrated{nb}Care{nb}Board", width=4500)),
              row(cell("WSCP", width=4500), cell(f"Wensley Safeguarding{nb}Children Partnership", width=4500)),
              width=4500),
    ])
    return body, []


def main():
    out_dir = os.path.join(ROOT, "corpus")
    docs = [
        ("northmoor_scp_business_plan_2019-22.docx", "Business Plan 2019-22",
         "Northmoor Safeguarding Children Partnership \u2013 Business Plan 2019-22", northmoor),
        ("harrowfield_lscb_workplan_2009-10.docx", "Workplan 2009/10", "Harrowfield LSCB \u2013 Workplan 2009/10", harrowfield),
        ("../fixtures/spaces/wensley_scp_structure_2023-24.docx", "Annual Report 2023-24", "Wensley SCP", wensley),
    ]
    for name, title, running, build in docs:
        body, notes = build()
        path = os.path.normpath(os.path.join(out_dir, name))
        write_docx(path, title, running, body, notes)
        print(f"wrote {os.path.relpath(path, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
