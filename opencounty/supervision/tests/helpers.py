"""Cases made through the real actions, with their dates placed where a test needs the past."""

from __future__ import annotations

from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.utils import timezone

from opencounty.cases.models import Case
from opencounty.core.models import Role, Unit
from opencounty.disclosure import actions as disclosure_actions
from opencounty.disclosure.models import DisclosureRequest
from opencounty.interaction.letters import actions as letter_actions
from opencounty.interaction.models import Letter
from opencounty.supervision.assessment import Month

OCTOBER = Month(2026, 10)
TODAY = date(2026, 11, 10)  # the day the October assessment is made in the tests

_serial = [0]


def _next() -> int:
    _serial[0] += 1
    return _serial[0]


def staff(unit_code: str, role: str = Role.INFORMATION_OFFICER):
    """A staff member of the unit with the role (made once per test)."""
    from conftest import persona

    username = f"sv_{unit_code}_{role}".lower()
    existing = get_user_model().objects.filter(username=username).first()
    return existing or persona(username, unit_code, role)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def place(case: Case, **dates) -> Case:
    """Put a case's dates in the past (date values become aware datetimes at 10:00)."""
    values = {
        name: at(value) if name.endswith("_at") and isinstance(value, date) else value
        for name, value in dates.items()
    }
    Case.objects.filter(pk=case.pk).update(**values)
    return Case.objects.select_related("unit").get(pk=case.pk)


def disclosure_request(unit_code: str = "T01", *, received_on: date | None = None) -> Case:
    """A request for disclosure, registered (its clock started) when `received_on` is given."""
    n = _next()
    request, _code = disclosure_actions.submit_request(
        unit=Unit.objects.get(code=unit_code),
        applicant_type=DisclosureRequest.ApplicantType.NATURAL_PERSON,
        name="林示范",
        id_type=DisclosureRequest.IdType.ID_CARD,
        id_number=f"1101011990010{n:05d}",
        phone="13812345678",
        description=f"监察测试第{n}项信息",
        form_wanted=DisclosureRequest.FormWanted.ELECTRONIC,
        delivery=DisclosureRequest.Delivery.EMAIL,
    )
    case = request.case
    if received_on is not None:
        case = disclosure_actions.register(case, staff(unit_code), on=received_on)
    return case


def answered_request(unit_code: str, received_on: date) -> Case:
    case = disclosure_request(unit_code, received_on=received_on)
    officer = staff(unit_code)
    case = disclosure_actions.reply(
        case, officer, outcome="disclosed", text="予以公开。", on=received_on
    )
    return disclosure_actions.close(case, officer)


def letter(unit_code: str = "T01") -> Case:
    """A complaint letter routed by the county office to the unit."""
    n = _next()
    written, _code = letter_actions.submit_letter(
        letter_kind=Letter.Kind.COMPLAINT,
        addressed_to=Unit.objects.get(code=unit_code),
        title=f"监察测试来信{n}",
        content=f"第{n}封来信的内容。",
        name="王示范",
        phone=f"1390000{n:04d}",
        client_ip=f"203.0.113.{n % 250}",
    )
    dispatcher = staff("001")
    return letter_actions.route(written.case, dispatcher, to_unit=Unit.objects.get(code=unit_code))


def rated_letter(unit_code: str, rating: str) -> Case:
    case = letter(unit_code)
    case = letter_actions.draft_reply(case, staff(unit_code), text="已处理。")
    case = letter_actions.approve_reply(case, staff(unit_code, Role.REVIEWER))
    return letter_actions.rate(case, rating=rating)


def figures_of(result, code: str):
    return next(row for row in result.rows if row.unit.code == code)
