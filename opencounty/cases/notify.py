"""E-mail notifications about cases: to the unit when a case arrives or turns yellow/red,
and to the submitter when it is answered (only if they gave an address).

Mail goes out through a task after the transaction commits, so a refused action never
mails anyone and a slow mail server never slows a submission.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from opencounty.cases import clock
from opencounty.cases.models import Case, WarningNotice
from opencounty.core import calendar
from opencounty.core.models import Role

UNIT_ROLES = (Role.INFORMATION_OFFICER, Role.REVIEWER, Role.UNIT_ADMINISTRATOR)


@task()
def send_notification(recipients: list[str], subject: str, body: str) -> int:
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def _later(recipients: list[str], subject: str, body: str) -> None:
    if recipients:
        transaction.on_commit(lambda: send_notification.enqueue(recipients, subject, body))


def unit_recipients(unit) -> list[str]:
    from django.contrib.auth import get_user_model

    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__unit_role__unit=unit,
            groups__unit_role__role__in=UNIT_ROLES,
        )
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def _admin_link() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"


def due_text(case: Case) -> str:
    """The due date as people read it: 暂定 while it rests on a year not entered yet."""
    if case.due_on is None:
        return _("未起算")
    if case.due_provisional:
        return _("%(day)s（暂定，以国务院公布的节假日安排为准）") % {"day": case.due_on.isoformat()}
    return case.due_on.isoformat()


def case_arrived(case: Case) -> None:
    due = due_text(case)
    _later(
        unit_recipients(case.unit),
        _("【新办件】%(number)s %(title)s") % {"number": case.receipt_number, "title": case.title},
        _(
            "%(unit)s：\n收到新的%(kind)s“%(title)s”（受理编号 %(number)s），办理期限 %(due)s。\n请登录 %(link)s 办理。"
        )
        % {
            "unit": case.unit.name,
            "kind": case.case_kind.label,
            "title": case.title,
            "number": case.receipt_number,
            "due": due,
            "link": _admin_link(),
        },
    )


def submitter_answered(case: Case) -> None:
    if not case.submitter_email:
        return
    _later(
        [case.submitter_email],
        _("您的%(kind)s已答复（%(number)s）")
        % {"kind": case.case_kind.label, "number": case.receipt_number},
        _(
            "您好：\n您提交的“%(title)s”（受理编号 %(number)s）已由%(unit)s答复。\n请凭受理编号和查询码在网站“办件查询”中查看答复并评价。"
        )
        % {"title": case.title, "number": case.receipt_number, "unit": case.unit.name},
    )


def deadline_warnings(today: date) -> int:
    """Mail each unit once per case when the case turns yellow and once when it turns red.
    Returns how many notices were sent."""
    sent = 0
    open_cases = Case.objects.filter(closed_at__isnull=True, due_on__isnull=False).select_related(
        "unit"
    )
    work_calendar = calendar.load()
    for case in open_cases.iterator():
        level = clock.warning_level(case, today, work_calendar)
        if level is None:
            continue
        with transaction.atomic():
            notice, created = WarningNotice.objects.get_or_create(case=case, level=level)
            if not created:
                continue
            words = _("已超期") if level == "red" else _("即将到期")
            _later(
                unit_recipients(case.unit),
                _("【%(words)s】%(number)s %(title)s")
                % {"words": words, "number": case.receipt_number, "title": case.title},
                _(
                    "%(unit)s：\n%(kind)s“%(title)s”（受理编号 %(number)s）的办理期限为 %(due)s，%(words)s。\n请登录 %(link)s 办理。"
                )
                % {
                    "unit": case.unit.name,
                    "kind": case.case_kind.label,
                    "title": case.title,
                    "number": case.receipt_number,
                    "due": due_text(case),
                    "words": words,
                    "link": _admin_link(),
                },
            )
            sent += 1
    return sent


def deadlines_moved_earlier(moves: list) -> None:
    """After the holiday table changed: tell each unit which of its cases are now due earlier."""
    by_unit: dict = {}
    for move in moves:
        by_unit.setdefault(move.case.unit, []).append(move)
    for unit, unit_moves in by_unit.items():
        lines = "\n".join(
            _("%(number)s %(title)s：%(old)s → %(new)s")
            % {
                "number": move.case.receipt_number,
                "title": move.case.title,
                "old": move.old_due_on.isoformat(),
                "new": due_text(move.case),
            }
            for move in unit_moves
        )
        _later(
            unit_recipients(unit),
            _("【期限提前】%(count)s 件办件的办理期限因节假日安排调整而提前")
            % {"count": len(unit_moves)},
            _(
                "%(unit)s：\n工作日历已按国务院办公厅公布的节假日安排更新，以下办件的办理期限提前：\n%(lines)s\n请登录 %(link)s 办理。"
            )
            % {"unit": unit.name, "lines": lines, "link": _admin_link()},
        )
