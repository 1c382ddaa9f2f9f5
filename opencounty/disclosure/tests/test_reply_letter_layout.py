"""The 答复书 on A4 in the page layout of GB/T 9704-2012, read back with python-docx."""

import io
from datetime import date

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from opencounty.disclosure import actions, letters
from opencounty.disclosure.outcomes import Outcome
from opencounty.disclosure.tests.test_disclosure_requests import apply

pytestmark = pytest.mark.django_db

TOLERANCE = Mm(0.1)  # Word stores lengths in twentieths of a point: 0.0176 mm steps


@pytest.fixture
def letter(chengguan_officer):
    request, _ = apply(document_number="城政发〔2026〕3号")
    case = actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    actions.reply(
        case,
        chengguan_officer,
        outcome=Outcome.DISCLOSED,
        text="予以公开，见附件。",
        on=date(2026, 9, 25),
    )
    request.refresh_from_db()
    return Document(io.BytesIO(letters.reply_letter(request)))


def close_to(length, millimetres: float) -> bool:
    return abs(length - Mm(millimetres)) <= TOLERANCE


def east_asian_font(style) -> str:
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def test_the_page_is_a4_and_not_us_letter(letter):
    section = letter.sections[0]
    assert close_to(section.page_width, 210) and close_to(section.page_height, 297)


def test_the_margins_leave_the_156_by_225_mm_type_area(letter):
    section = letter.sections[0]
    assert close_to(section.top_margin, 37) and close_to(section.left_margin, 28)
    assert close_to(section.right_margin, 26) and close_to(section.bottom_margin, 35)
    width = section.page_width - section.left_margin - section.right_margin
    height = section.page_height - section.top_margin - section.bottom_margin
    assert close_to(width, 156) and close_to(height, 225)


def test_the_body_is_3hao_fangsong_and_the_title_2hao_xiaobiaosong(letter):
    body, title = letter.styles["Normal"], letter.styles["Title"]
    assert body.font.size == Pt(16) and east_asian_font(body) == "仿宋"
    assert title.font.size == Pt(22) and east_asian_font(title) == "方正小标宋简体"
    assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert not title.font.bold
    paragraphs = letter.paragraphs
    assert [p.style.name for p in paragraphs[:2]] == ["Title", "Title"]
    assert paragraphs[1].text == "政府信息公开申请答复书"
    sizes = {run.font.size for p in paragraphs for run in p.runs}
    assert sizes == {None}, "every size comes from the styles, none is set by hand"


def test_22_lines_of_28_characters_fit_the_type_area(letter):
    section, body = letter.sections[0], letter.styles["Normal"]
    assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert body.paragraph_format.line_spacing == Pt(28.95)
    type_height = section.page_height - section.top_margin - section.bottom_margin
    assert 22 * Pt(28.95) <= type_height < 23 * Pt(28.95)

    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars" and grid.get(qn("w:linePitch")) == "579"
    default_size = letter.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:sz"))
    pitch = Pt(int(default_size.get(qn("w:val"))) / 2 + int(grid.get(qn("w:charSpace"))) / 4096)
    type_width = section.page_width - section.left_margin - section.right_margin
    assert 28 * pitch <= type_width < 29 * pitch
    # Without the grid, 16 pt characters narrowed by the body's character spacing still fit 28.
    spacing = body.element.rPr.find(qn("w:spacing"))
    narrowed = Pt(16 + int(spacing.get(qn("w:val"))) / 20)
    assert 28 * narrowed <= type_width < 29 * narrowed


def test_the_salutation_is_flush_left_the_body_indented_and_the_date_right(letter):
    paragraphs = {p.text: p for p in letter.paragraphs if p.text}
    salutation = paragraphs["林示范："]
    assert salutation.style.name == "Salutation"
    assert salutation.style.paragraph_format.first_line_indent == 0
    body = next(p for text, p in paragraphs.items() if text.startswith("本机关于"))
    assert body.style.name == "Normal"
    assert body.style.paragraph_format.first_line_indent == Pt(32)  # two characters
    signature = [p for p in letter.paragraphs if p.style.name == "Signature"]
    assert [p.text for p in signature] == ["示范县城关镇", "2026年9月25日"]
    assert signature[0].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert signature[0].style.paragraph_format.right_indent == Pt(64)  # four characters


def test_pages_are_numbered_in_the_footers_odd_right_and_even_left(letter):
    section = letter.sections[0]
    assert letter.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    for footer in (odd, even):
        assert footer._p.find(qn("w:fldSimple")).get(qn("w:instr")) == "PAGE"
        assert footer.text.startswith("— ") and footer.text.endswith(" —")
