"""Data files pass frictionless before they are kept: a bad file is refused with its rows named
in Chinese, and nothing changes."""

import io

import openpyxl
import pytest

from opencounty.core.models import AuditEntry
from opencounty.datacatalogue import actions, validation
from opencounty.datacatalogue.models import DataFile


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_bad_csv_is_refused_with_its_rows_and_nothing_is_kept(draft, jiaoyu_officer):
    bad = (
        "学校名称,在校学生数,建校日期\n"
        "城关一小,1200,1950-09-01\n"
        "青石中学,很多,1978-03-15\n"
        "一个名字非常非常长的学校,10,1978-13-45\n"
    ).encode()
    with pytest.raises(validation.FileRefused) as refused:
        actions.upload_file(draft, jiaoyu_officer, filename="学校.csv", data=bad)
    texts = [str(p) for p in refused.value.problems]
    assert "第 3 行“在校学生数”：值不符合数据类型“整数型”" in texts
    assert "第 4 行“学校名称”：值超过数据长度 10" in texts
    assert any(t.startswith("第 4 行“建校日期”") for t in texts)
    assert "共 3 处问题" in str(refused.value)
    assert not DataFile.objects.filter(resource=draft).exists()
    entry = AuditEntry.objects.filter(action="datacatalogue.upload", outcome="failure").last()
    assert entry.details["rows"] == [3, 4, 4]


def test_a_header_that_is_not_the_data_items_is_refused(draft, jiaoyu_officer):
    with pytest.raises(validation.FileRefused) as refused:
        actions.upload_file(
            draft, jiaoyu_officer, filename="a.csv", data="名称,人数\n一小,3\n".encode()
        )
    assert any("表头" in str(p) for p in refused.value.problems)


def test_formulas_gbk_and_foreign_files_are_refused_in_chinese(draft, jiaoyu_officer):
    formula = "学校名称,在校学生数,建校日期\n=1+2,1,2000-01-01\n".encode()
    with pytest.raises(validation.FileRefused) as refused:
        actions.upload_file(draft, jiaoyu_officer, filename="a.csv", data=formula)
    assert str(refused.value.problems[0]).startswith("第 2 行：单元格以公式符号开头")
    gbk = "学校名称,在校学生数,建校日期\n一小,3,2000-01-01\n".encode("gbk")
    with pytest.raises(validation.FileRefused, match="UTF-8"):
        actions.upload_file(draft, jiaoyu_officer, filename="a.csv", data=gbk)
    with pytest.raises(validation.FileRefused, match="CSV 或 XLSX"):
        actions.upload_file(draft, jiaoyu_officer, filename="a.exe", data=b"MZ")
    with pytest.raises(validation.FileRefused, match="XLSX"):
        actions.upload_file(draft, jiaoyu_officer, filename="a.xlsx", data=b"not a workbook")
    with pytest.raises(validation.FileRefused):
        actions.upload_file(draft, jiaoyu_officer, filename="a.xlsx", data=b"PK\x03\x04broken")
    assert not DataFile.objects.filter(resource=draft).exists()


def test_a_good_workbook_is_kept_with_its_row_count(draft, jiaoyu_officer):
    data = _xlsx(
        [["学校名称", "在校学生数", "建校日期"], ["一小", 3, "2000-01-01"], ["二小", 4, None]]
    )
    kept = actions.upload_file(draft, jiaoyu_officer, filename="a.xlsx", data=data)
    assert (kept.format, kept.rows) == ("xlsx", 2)
    assert kept.file.open("rb").read() == data
    bad = _xlsx([["学校名称", "在校学生数", "建校日期"], ["一小", "三", "2000-01-01"]])
    with pytest.raises(validation.FileRefused) as refused:
        actions.upload_file(draft, jiaoyu_officer, filename="a.xlsx", data=bad)
    assert str(refused.value.problems[0]).startswith("第 2 行“在校学生数”")
    assert DataFile.objects.get(resource=draft).file.open("rb").read() == data


def test_the_upload_screen_lists_the_failing_rows(client, draft, jiaoyu_officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(jiaoyu_officer)
    bad = "学校名称,在校学生数,建校日期\n一小,x,2000-01-01\n".encode()
    page = client.post(
        f"/admin/datacatalogue/{draft.pk}/",
        {"verb": "upload", "data_file": SimpleUploadedFile("a.csv", bad, "text/csv")},
    ).content.decode()
    assert "第 2 行“在校学生数”：值不符合数据类型“整数型”" in page
    assert "数据文件未通过校验" in page
