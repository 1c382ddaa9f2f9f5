"""The page of a letter to an applicant (答复书), laid out after GB/T 9704-2012
《党政机关公文格式》. Only layout lives here; what the letter says is in `letters.py`.

What the standard asks, and how the .docx carries it:

| GB/T 9704-2012 | here |
| --- | --- |
| A4, 210 × 297 mm | the section's page size |
| type area (版心) 156 × 225 mm; top margin (天头) 37 mm, left (订口) 28 mm | margins 37 / 35 / 28 / 26 mm (top, bottom, left, right) |
| body 3号仿宋 (16 pt) | style Normal (正文): 仿宋 16 pt; Latin letters and digits in Times New Roman |
| title 2号小标宋 (22 pt), centred | style Title (标题): 方正小标宋简体 22 pt, centred, not bold |
| 22 lines of 28 characters | a document grid of lines and characters: line pitch 28.95 pt, character pitch 15.79 pt (charSpace -848 against 16 pt), and every line exactly 28.95 pt high |
| 主送机关 flush left; paragraphs indented two characters | style Salutation (称呼) flush left; Normal first line indented 2 characters |
| 成文日期 four characters from the right, 署名 above it | style Signature (签名): right-aligned, 4 characters from the right |
| page number "— 1 —" in 4号 宋体, 7 mm below the type area, odd pages right and even pages left, one character in | odd and even footers |

Approximations (what python-docx or the file format cannot say exactly):
- 225 mm / 22 lines is 28.99 pt, but Word stores line heights in twentieths of a point and
  29 pt lines overrun the type area by 0.07 mm (the 22nd line would go to the next page), so
  28.95 pt, the value offices use: 22 lines fill 224.7 mm.
- 28 characters of 16 pt are 158 mm, wider than 156 mm: Word's character grid narrows the
  pitch to 15.79 pt; programs that ignore the grid still fit 28 thanks to -0.25 pt character
  spacing in the body style (15.75 pt a character).
- The fonts are named, not embedded: 仿宋 is on every Chinese Windows; 方正小标宋简体 is on
  government computers, elsewhere Word substitutes a similar font.
- The title does not snap to the character grid (22 pt characters would otherwise take two
  cells each); the signature is right-aligned rather than centred over the date, and no seal
  (印章) is drawn: the office stamps the printed letter.
- The page number sits in a footer 23 mm above the page's bottom edge, which puts its dashes
  about 7 mm below the type area for a 4号 line.
"""

from __future__ import annotations

from copy import deepcopy

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from opencounty.core import export_text

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
TOP_MM, BOTTOM_MM, LEFT_MM, RIGHT_MM = 37, 35, 28, 26
TYPE_AREA_MM = (PAGE_WIDTH_MM - LEFT_MM - RIGHT_MM, PAGE_HEIGHT_MM - TOP_MM - BOTTOM_MM)
LINES_PER_PAGE, CHARACTERS_PER_LINE = 22, 28

BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
PAGE_NUMBER_PT = 14  # 四号
LINE_PITCH_PT = 28.95
MM_PER_PT = 25.4 / 72
CHARACTER_PITCH_PT = TYPE_AREA_MM[0] / MM_PER_PT / CHARACTERS_PER_LINE  # 15.79
# docGrid charSpace: the pitch's difference from the default font size, in 1/4096 pt.
GRID_CHAR_SPACE = round((CHARACTER_PITCH_PT - BODY_PT) * 4096)
CHARACTER_SPACING_TWIPS = -5  # -0.25 pt, for programs without the character grid

BODY_FONT = "仿宋"
TITLE_FONT = "方正小标宋简体"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
FOOTER_DISTANCE_MM = 23

MASTHEAD_RED = RGBColor(0xE6, 0x00, 0x12)  # the red of Chinese official mastheads and rules

BODY = "Normal"
TITLE = "Title"
SALUTATION = "Salutation"
SIGNATURE = "Signature"


# The schema fixes the order of properties: these come after the ones inserted here.
_AFTER_CHARACTER_SPACING = (
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)
_AFTER_SNAP_TO_GRID = (
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def new_document() -> DocxDocument:
    """An empty document with the page, styles and page numbers of GB/T 9704-2012."""
    document = Document()
    _page(document)
    _defaults(document)
    _body_style(document)
    _title_style(document)
    _salutation_style(document)
    _signature_style(document)
    _page_numbers(document)
    return document


def blank_line(document: DocxDocument) -> None:
    """One empty body line (the standard's 空一行)."""
    document.add_paragraph(style=SALUTATION)


def _page(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
    section.gutter = 0
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))
    grid.set(qn("w:charSpace"), str(GRID_CHAR_SPACE))


def _defaults(document: DocxDocument) -> None:
    """The grid's character pitch counts from the default font size: make it 16 pt, Chinese."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for name in ("w:sz", "w:szCs"):
        run_defaults.find(qn(name)).set(qn("w:val"), str(BODY_PT * 2))
    run_defaults.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    paragraph_defaults = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(paragraph_defaults):
        paragraph_defaults.remove(child)


def _no_grid(paragraph_properties) -> None:
    """Characters larger than the body's keep their own width (no snapping to the grid)."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    paragraph_properties.insert_element_before(snap, *_AFTER_SNAP_TO_GRID)


def _fonts(style, chinese: str, size_pt: float) -> None:
    style.font.size = Pt(size_pt)
    style.font.name = LATIN_FONT
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:eastAsia"), chinese)


def _exact_lines(paragraph_format) -> None:
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = Pt(LINE_PITCH_PT)
    paragraph_format.space_before = paragraph_format.space_after = Pt(0)


def _indent_characters(style, *, first_line: int = 0, right: int = 0) -> None:
    """Indents in characters (hundredths), as Chinese Word counts them, with the same
    distance in points for programs that read only those. A value in characters overrides
    the one in points, so the first line is always given (0 cancels the body's 2)."""
    style.paragraph_format.first_line_indent = Pt(BODY_PT * first_line)
    indent = style.element.get_or_add_pPr().find(qn("w:ind"))
    indent.set(qn("w:firstLineChars"), str(first_line * 100))
    if right:
        style.paragraph_format.right_indent = Pt(BODY_PT * right)
        indent.set(qn("w:rightChars"), str(right * 100))


def _body_style(document: DocxDocument) -> None:
    style = document.styles[BODY]
    _fonts(style, BODY_FONT, BODY_PT)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CHARACTER_SPACING_TWIPS))
    style.element.get_or_add_rPr().insert_element_before(spacing, *_AFTER_CHARACTER_SPACING)
    _exact_lines(style.paragraph_format)
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    style.paragraph_format.widow_control = False  # keep to the grid of 22 lines
    _indent_characters(style, first_line=2)


def _title_style(document: DocxDocument) -> None:
    style = document.styles[TITLE]
    for part in (style.element.pPr, style.element.rPr):
        if part is not None:
            style.element.remove(part)
    _fonts(style, TITLE_FONT, TITLE_PT)
    style.font.bold = False
    _exact_lines(style.paragraph_format)
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _indent_characters(style)
    _no_grid(style.element.get_or_add_pPr())


def _added(document: DocxDocument, name: str):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles[BODY]
    style.next_paragraph_style = document.styles[BODY]
    return style


def _salutation_style(document: DocxDocument) -> None:
    _indent_characters(_added(document, SALUTATION))


def _signature_style(document: DocxDocument) -> None:
    style = _added(document, SIGNATURE)
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _indent_characters(style, right=4)


def _page_number(paragraph, *, align, left: int = 0, right: int = 0) -> None:
    paragraph.alignment = align
    paragraph.paragraph_format.left_indent = Pt(PAGE_NUMBER_PT * left)
    paragraph.paragraph_format.right_indent = Pt(PAGE_NUMBER_PT * right)
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
    properties = paragraph._p.get_or_add_pPr()
    indent = properties.find(qn("w:ind"))
    indent.set(qn("w:firstLineChars"), "0")
    indent.set(qn("w:leftChars"), str(left * 100))
    indent.set(qn("w:rightChars"), str(right * 100))
    _no_grid(properties)
    before = paragraph.add_run("— ")
    before.font.size = Pt(PAGE_NUMBER_PT)
    before.font.name = PAGE_NUMBER_FONT
    before._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), PAGE_NUMBER_FONT)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number = OxmlElement("w:r")
    number.append(deepcopy(before._r.rPr))
    text = OxmlElement("w:t")
    text.text = "1"
    number.append(text)
    field.append(number)
    before._r.addnext(field)
    after = paragraph.add_run(" —")
    after._r.insert(0, deepcopy(before._r.rPr))


def _page_numbers(document: DocxDocument) -> None:
    """Odd pages: right, one character in; even pages: left, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    _page_number(section.footer.paragraphs[0], align=WD_ALIGN_PARAGRAPH.RIGHT, right=1)
    _page_number(section.even_page_footer.paragraphs[0], align=WD_ALIGN_PARAGRAPH.LEFT, left=1)


# The schema's order of paragraph properties after w:pBdr, and of the borders inside it.
_AFTER_BORDERS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_BORDER_ORDER = ("top", "left", "bottom", "right", "between", "bar")


def rule(paragraph, *, colour: str, size_eighths: int, where: str = "bottom") -> None:
    """A line across the type area, drawn as the paragraph's top or bottom border (the red
    separator under a masthead, the black rules of the 抄送/印发 block); `colour` as hex."""
    properties = paragraph._p.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        properties.insert_element_before(borders, *_AFTER_BORDERS)
    line = OxmlElement(f"w:{where}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), colour)
    later = [qn(f"w:{name}") for name in _BORDER_ORDER[_BORDER_ORDER.index(where) + 1 :]]
    following = next((child for child in borders if child.tag in later), None)
    if following is None:
        borders.append(line)
    else:
        following.addprevious(line)


def centred(document, text: str, *, size: float | None = None, red: bool = False):
    """A centred line (a masthead in red at `size` points, an issue number below it)."""
    paragraph = document.add_paragraph(style=SALUTATION)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(export_text.xml_text(text or ""))
    if size:
        run.font.size = Pt(size)
        paragraph.paragraph_format.line_spacing = Pt(size * 1.3)
    if red:
        run.font.color.rgb = MASTHEAD_RED
    return paragraph
