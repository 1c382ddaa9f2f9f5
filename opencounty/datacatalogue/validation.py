"""Checking a data file with `frictionless` before it may be published: the file's columns are
the resource's data items (信息项), each cell of the item's type and no longer than its length.
A refused file names its failing rows in Chinese."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import openpyxl
from django.utils.translation import gettext as _
from frictionless import Resource as FrictionlessResource
from frictionless import Schema, fields

from opencounty.core.export_text import is_formula_like
from opencounty.datacatalogue.models import DataFile, DataItem, Resource

MAX_PROBLEMS_SHOWN = 20

FIELD_TYPES = {
    DataItem.Type.STRING: fields.StringField,
    DataItem.Type.NUMBER: fields.NumberField,
    DataItem.Type.INTEGER: fields.IntegerField,
    DataItem.Type.DATE: fields.DateField,
    DataItem.Type.DATETIME: fields.DatetimeField,
    DataItem.Type.BOOLEAN: fields.BooleanField,
}


@dataclass(frozen=True)
class Problem:
    row: int | None  # the row as a spreadsheet numbers it (the header is row 1)
    item: str
    text: str

    def __str__(self) -> str:
        where = _("第 %(row)d 行") % {"row": self.row} if self.row else _("文件")
        item = f"“{self.item}”" if self.item else ""
        return f"{where}{item}：{self.text}"


class FileRefused(ValueError):
    """The file cannot be published; `problems` name the failing rows."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class CheckedFile:
    format: str
    rows: int


def schema_for(resource: Resource) -> Schema:
    columns = []
    for item in resource.items.all():
        constraints: dict = {}
        if item.length and item.data_type == DataItem.Type.STRING:
            constraints["maxLength"] = item.length
        columns.append(FIELD_TYPES[item.data_type](name=item.name, constraints=constraints))
    return Schema(fields=columns)


def _problem_text(error_type: str, item: DataItem | None, note: str) -> str:
    texts = {
        "type-error": _("值不符合数据类型“%(type)s”"),
        "constraint-error": _("值超过数据长度 %(length)s"),
        "missing-cell": _("缺少该列的值"),
        "extra-cell": _("多出了表头之外的值"),
        "blank-row": _("空行"),
        "duplicate-row": _("与前面的行重复"),
        "missing-label": _("表头缺少该信息项"),
        "extra-label": _("表头多出了信息项之外的列"),
        "incorrect-label": _("表头与信息项名称不一致"),
        "blank-label": _("表头有空列名"),
        "duplicate-label": _("表头列名重复"),
    }
    text = texts.get(error_type)
    if text is None:
        return _("无法按表格读取（%(type)s）") % {"type": error_type}
    return text % {
        "type": item.get_data_type_display() if item else "",
        "length": item.length if item else "",
    }


def _formula_cells(data: bytes, file_format: str) -> list[Problem]:
    """Cells a spreadsheet program would run as a formula (=, +, @ …) are refused: a published
    file is opened by the public. Numbers with a sign are fine."""
    problems = []
    for number, row in enumerate(_rows(data, file_format), start=1):
        for value in row:
            text = "" if value is None else str(value)
            if is_formula_like(text) and not _is_signed_number(text):
                problems.append(
                    Problem(number, "", _("单元格以公式符号开头：%(v)s") % {"v": text[:20]})
                )
                break
    return problems


def _is_signed_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _rows(data: bytes, file_format: str):
    if file_format == DataFile.Format.CSV:
        yield from csv.reader(io.StringIO(data.decode("utf-8-sig")))
    else:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            yield from book.worksheets[0].iter_rows(values_only=True)
        finally:
            book.close()


def format_of(filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in DataFile.Format.values:
        raise FileRefused(_("只能上传 CSV 或 XLSX 格式的数据文件。"))
    return extension


def check_file(resource: Resource, filename: str, data: bytes) -> CheckedFile:
    """Validate `data` against the resource's data items; raise FileRefused with the rows."""
    file_format = format_of(filename)
    items = {item.name: item for item in resource.items.all()}
    if not items:
        raise FileRefused(_("请先登记该资源的信息项，数据文件按信息项校验。"))
    if not data:
        raise FileRefused(_("文件是空的。"))
    if file_format == DataFile.Format.CSV:
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise FileRefused(
                _("CSV 文件须为 UTF-8 编码，请另存为“CSV UTF-8”后重新上传。")
            ) from exc
    elif not data.startswith(b"PK"):
        raise FileRefused(_("该文件不是有效的 XLSX 工作簿。"))
    try:
        report = FrictionlessResource(
            data,
            format=file_format,
            encoding="utf-8-sig" if file_format == DataFile.Format.CSV else None,
            schema=schema_for(resource),
        ).validate()
    except Exception as exc:  # frictionless raises for sources it cannot open at all
        raise FileRefused(_("无法读取该文件，请检查文件格式。")) from exc
    problems: list[Problem] = []
    for error_type, row, item_name, note in report.flatten(
        ["type", "rowNumber", "fieldName", "note"]
    ):
        problems.append(
            Problem(row, item_name or "", _problem_text(error_type, items.get(item_name), note))
        )
    if report.valid:
        try:
            problems += _formula_cells(data, file_format)
        except Exception as exc:
            raise FileRefused(_("无法读取该文件，请检查文件格式。")) from exc
    if problems:
        raise FileRefused(
            _("数据文件未通过校验，共 %(count)d 处问题，请修改后重新上传。")
            % {"count": len(problems)},
            problems[:MAX_PROBLEMS_SHOWN],
        )
    stats = report.tasks[0].stats if report.tasks else {}
    return CheckedFile(format=file_format, rows=int(stats.get("rows") or 0))
