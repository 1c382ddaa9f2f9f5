"""Every date staff type for something that happened refuses the future: a future 登记 or
答复 date would move a statutory clock. The forms of every kind's staff verbs are walked, so a
new verb with a plain date field fails here."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django import forms
from django.core.exceptions import ValidationError

from opencounty.cases import kinds
from opencounty.cases.forms import EventDateField
from opencounty.cases.models import Case

TODAY = date(2026, 11, 20)
TOMORROW = date(2026, 11, 21)
ON_TODAY = datetime(2026, 11, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def staff_date_fields():
    """(kind, verb, field name, field) for every date field of every staff verb's form."""
    for kind in kinds.handled_kinds():
        for verb, staff_verb in kind.handling.verbs.items():
            for name, field in staff_verb.form.base_fields.items():
                if isinstance(field, forms.DateField | forms.DateTimeField):
                    yield kind.code, verb, name, field


def test_every_staff_date_field_is_an_event_date_field():
    found = list(staff_date_fields())
    plain = [
        (kind, verb, name)
        for kind, verb, name, field in found
        if not isinstance(field, EventDateField)
    ]
    assert plain == []
    dated = {(kind, verb) for kind, verb, _name, _field in found}
    assert {
        ("disclosure", verb)
        for verb in (
            "receive",
            "request_correction",
            "receive_correction",
            "withdraw",
            "pause",
            "resume",
            "notify_fee",
            "record_payment",
            "reply",
        )
    } <= dated


@pytest.mark.parametrize(
    ("kind", "verb", "name"),
    [(kind, verb, name) for kind, verb, name, _field in staff_date_fields()],
)
def test_each_staff_date_field_refuses_tomorrow_and_takes_today(kind, verb, name):
    field = dict(kinds.get(kind).handling.verbs[verb].form.base_fields)[name]
    with time_machine.travel(ON_TODAY, tick=False):
        with pytest.raises(ValidationError, match="日期不能晚于今天"):
            field.clean(TOMORROW.isoformat())
        assert field.clean(TODAY.isoformat()) == TODAY


@pytest.mark.django_db
def test_a_future_registration_date_is_refused_on_the_screen_and_moves_no_clock(
    client, chengguan_officer
):
    from opencounty.disclosure.tests.test_disclosure_requests import apply

    with time_machine.travel(ON_TODAY, tick=False):
        request, _code = apply()
        client.force_login(chengguan_officer)
        page = client.post(
            f"/admin/disclosure-requests/{request.case.pk}/",
            {"verb": "receive", "receive-on": TOMORROW.isoformat()},
        ).content.decode()
        assert "日期不能晚于今天" in page
        case = Case.objects.get(pk=request.case.pk)
        assert case.state == "submitted" and case.clock_started_on is None
        page = client.post(
            f"/admin/disclosure-requests/{request.case.pk}/",
            {"verb": "receive", "receive-on": TODAY.isoformat()},
            follow=True,
        ).content.decode()
        assert "已完成：登记受理" in page


@pytest.mark.django_db
def test_a_future_reply_date_is_refused_in_the_reply_and_in_the_draft_letter(
    client, chengguan_officer
):
    from opencounty.disclosure import actions
    from opencounty.disclosure.tests.test_disclosure_requests import apply

    with time_machine.travel(ON_TODAY, tick=False):
        request, _code = apply()
        case = actions.register(request.case, chengguan_officer, on=TODAY)
        client.force_login(chengguan_officer)
        reply = {
            "reply-on": TOMORROW.isoformat(),
            "reply-outcome": "disclosed",
            "reply-sub_reason": "",
            "reply-responsible_body": "",
            "reply-text": "予以公开。",
        }
        page = client.post(
            f"/admin/disclosure-requests/{case.pk}/", {"verb": "reply", **reply}
        ).content.decode()
        assert "日期不能晚于今天" in page
        assert Case.objects.get(pk=case.pk).replied_at is None
        draft = client.post(f"/admin/disclosure-requests/{case.pk}/letter-draft.docx", reply)
        assert not draft.content.startswith(b"PK"), "no draft letter dated tomorrow"


@pytest.mark.django_db
def test_a_catalogue_entry_cannot_be_made_or_changed_after_today():
    from opencounty.disclosure import catalogue
    from opencounty.disclosure.models import CatalogueRecord

    with time_machine.travel(ON_TODAY, tick=False):
        record = CatalogueRecord(
            subject=catalogue.Subject.choices[0][0],
            statutory_category=catalogue.ALL_CATEGORIES[0][0],
            genre=catalogue.Genre.choices[0][0],
            made_on=TOMORROW,
            changed_on=TOMORROW,
        )
        with pytest.raises(ValidationError) as refused:
            record.clean()
        assert set(refused.value.message_dict) == {"made_on", "changed_on"}
        assert "日期不能晚于今天。" in refused.value.message_dict["made_on"]
        record.made_on = record.changed_on = TODAY
        record.clean()
