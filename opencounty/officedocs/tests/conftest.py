"""Personas of the document exchange, built in code, and a document sent at a known moment.

The small county of the test session has 县人民政府 (000), 县电子政务办 (001), two departments
(D01, D02) and two townships (T01 城关镇, T02 青石镇)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import persona
from opencounty.core.models import Role, Unit
from opencounty.officedocs import actions

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A Monday with no holiday near it: the sign-for period (2 working days) ends on Wednesday 4th.
SENT_AT = datetime(2026, 11, 2, 10, 0, tzinfo=SHANGHAI)
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf(name: str = "实施方案.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


@pytest.fixture
def county_clerk(db):
    """The county government's clerk (信息员), who drafts documents."""
    user = persona("county_clerk", "000", Role.INFORMATION_OFFICER)
    user.email = "county-clerk@example.org"
    user.save()
    return user


@pytest.fixture
def county_checker(db):
    """The county government's reviewer, who checks drafts (核稿)."""
    return checker()


def checker():
    found = get_user_model().objects.filter(username="county_checker").first()
    return found or persona("county_checker", "000", Role.REVIEWER)


@pytest.fixture
def county_signer(db):
    """The county government's unit administrator (the office's leader), who signs documents
    off (签发)."""
    return persona("county_signer", "000", Role.UNIT_ADMINISTRATOR)


@pytest.fixture
def chengguan_leader(db):
    """城关镇's leader (单位管理员), who writes 批办."""
    user = persona("cg_leader", "T01", Role.UNIT_ADMINISTRATOR)
    user.email = "cg-leader@example.org"
    user.save()
    return user


@pytest.fixture
def chengguan_clerk(db):
    """城关镇's 收文员."""
    user = persona("cg_clerk", "T01", Role.INFORMATION_OFFICER)
    user.email = "cg-clerk@example.org"
    user.save()
    return user


@pytest.fixture
def qingshi_clerk(db):
    """青石镇's 收文员."""
    user = persona("qs_clerk", "T02", Role.INFORMATION_OFFICER)
    user.email = "qs-clerk@example.org"
    user.save()
    return user


@pytest.fixture
def education_clerk(db):
    """县教育局's 收文员 (D02)."""
    user = persona("jy_clerk", "D02", Role.INFORMATION_OFFICER)
    user.email = "jy-clerk@example.org"
    user.save()
    return user


@pytest.fixture
def planning_clerk(db):
    """县发改局's clerk (D01): a unit the document is not sent to."""
    return persona("fg_clerk", "D01", Role.INFORMATION_OFFICER)


def draft(clerk, **changes):
    fields = {
        "prefix": "示政办发",
        "title": "关于做好今冬明春森林防火工作的通知",
        "body": "各乡镇人民政府，县直各部门：\n现就做好今冬明春森林防火工作通知如下。",
        "main_recipients": "各乡镇人民政府，县直各部门",
        "copied_to": "县委办公室",
        "files": [pdf()],
        "at": SENT_AT,
    }
    fields.update(changes)
    return actions.draft_document(clerk, unit("000"), **fields)


def checked(clerk, **changes):
    """A draft submitted by its drafter and passed by the county's checker (待签发)."""
    document = draft(clerk, **changes)
    at = changes.get("at", SENT_AT)
    actions.submit_for_check(clerk, document, at=at)
    return actions.check(checker(), document, at=at)


def sent(clerk, reviewer, codes=("T01", "T02", "D02"), **changes):
    document = checked(clerk, **changes)
    return actions.send_document(
        reviewer, document, units=[unit(code) for code in codes], at=changes.get("at", SENT_AT)
    )


def handled_up_to_finish(clerk, leader, delivery, assignee=None):
    """Sign for, 拟办 by the clerk, 批办 by the leader to `assignee` (the clerk by default)."""
    delivery = actions.sign_for(clerk, delivery)
    delivery = actions.propose(clerk, delivery, proposal="拟请分管领导阅示，由办公室承办。")
    return actions.instruct(
        leader, delivery, instruction="同意，请抓紧落实。", assignee=assignee or clerk
    )
