"""Verbs of video conferences. Views, the demo and tests call these; nothing else saves a room,
a conference, a checklist or an attendance row.

Each verb checks the actor's permission (`access.py`), checks the transition is legal, writes
inside one transaction, and appends to the audit log. Refusals are explained in Chinese and
audited after the transaction has rolled back (so the record survives). Every verb takes the
moment it acts at (time is an input).

Booking rule: a room holds one conference at a time. A booking that overlaps another booking of
the same room which is pending approval or approved is refused, naming the other booking; a
refused or withdrawn booking frees its rooms. Bookings that only touch (one ends at 10:00, the
next starts at 10:00) do not overlap. Two people booking at once cannot both win: the rooms'
rows are locked (`select_for_update`) before the check, inside the writing transaction.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.core import audit
from opencounty.core.models import Unit
from opencounty.core.numbering import next_number
from opencounty.meetings import access
from opencounty.meetings.models import Attendance, Checklist, Conference, Room, new_feed_token

State = Conference.State
HOLDING = (State.PENDING, State.APPROVED)  # the states that hold a room
TITLE_MAX = 100
TEXT_MAX = 2000
LONGEST = timedelta(hours=12)


class MeetingRefused(ValueError):
    """The change cannot be made (message in Chinese for the user)."""


@dataclass(frozen=True)
class Clash:
    room: Room
    conference: Conference

    def describe(self) -> str:
        local = timezone.localtime
        return _("%(room)s 已被“%(title)s”（%(unit)s，%(state)s）占用：%(start)s 至 %(end)s") % {
            "room": self.room.name,
            "title": self.conference.title,
            "unit": self.conference.unit.short_name,
            "state": self.conference.get_state_display(),
            "start": local(self.conference.start).strftime("%Y-%m-%d %H:%M"),
            "end": local(self.conference.end).strftime("%H:%M")
            if local(self.conference.end).date() == local(self.conference.start).date()
            else local(self.conference.end).strftime("%Y-%m-%d %H:%M"),
        }


class BookingClash(MeetingRefused):
    """The rooms are taken at that time; `clashes` names the bookings in the way."""

    def __init__(self, clashes: list[Clash]) -> None:
        self.clashes = clashes
        super().__init__(
            _("会场时间冲突，不能预约：%(details)s")
            % {"details": "；".join(c.describe() for c in clashes)}
        )


def verb(name: str):
    """One transaction per verb; a refusal is audited after the rollback."""

    def wrap(fn):
        @functools.wraps(fn)
        def run(obj, actor, *args, **kwargs):
            try:
                with transaction.atomic():
                    return fn(obj, actor, *args, **kwargs)
            except (MeetingRefused, PermissionDenied) as exc:
                audit.record(
                    f"meetings.{name}",
                    actor=actor,
                    obj=obj if isinstance(obj, models.Model) and obj.pk else None,
                    outcome="failure",
                    details={"reason": str(exc) or _("无权操作")},
                )
                raise

        return run

    return wrap


def _now(at: datetime | None) -> datetime:
    return at or timezone.now()


def _text(value, name: str, limit: int, *, required: bool = True) -> str:
    if value is not None and not isinstance(value, str):
        raise MeetingRefused(_("%(name)s格式不正确。") % {"name": name})
    text = (value or "").strip()
    if "\x00" in text:
        raise MeetingRefused(_("%(name)s含有不能保存的字符。") % {"name": name})
    if required and not text:
        raise MeetingRefused(_("请填写%(name)s。") % {"name": name})
    if len(text) > limit:
        raise MeetingRefused(
            _("%(name)s不能超过 %(limit)s 字（现有 %(count)s 字）。")
            % {"name": name, "limit": limit, "count": len(text)}
        )
    return text


def _moment(value, name: str) -> datetime:
    if not isinstance(value, datetime) or not 2000 <= value.year <= 2100:
        raise MeetingRefused(_("请填写正确的%(name)s。") % {"name": name})
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _office(actor) -> None:
    if not access.is_office(actor):
        raise PermissionDenied(_("只有县电子政务办可以执行此操作。"))


def _audit(verb_name: str, actor, obj, **details) -> None:
    audit.record(f"meetings.{verb_name}", actor=actor, obj=obj, details=details)


# Rooms ---------------------------------------------------------------------------------------


@verb("save_room")
def save_room(room: Room | None, actor, data: dict) -> Room:
    """Create (room=None) or change a room; the county office only."""
    _office(actor)
    name = _text(data.get("name"), _("会场名称"), 60)
    kind = data.get("kind")
    if kind not in Room.Kind.values:
        raise MeetingRefused(_("请选择会场类别。"))
    unit = data.get("unit")
    if unit is not None and not isinstance(unit, Unit):
        raise MeetingRefused(_("所属单位不存在。"))
    clash = Room.objects.filter(name=name)
    if room is not None:
        clash = clash.exclude(pk=room.pk)
    if clash.exists():
        raise MeetingRefused(_("已有同名会场“%(name)s”。") % {"name": name})
    if room is None:
        room = Room()
    else:
        room = Room.objects.select_for_update().get(pk=room.pk)
    room.name, room.kind, room.unit = name, kind, unit
    room.location = _text(data.get("location"), _("地点"), 100, required=False)
    capacity = data.get("capacity") or 0
    if not isinstance(capacity, int) or not 0 <= capacity <= 10_000:
        raise MeetingRefused(_("容纳人数应为 0 到 10000 之间的整数。"))
    room.capacity = capacity
    room.active = bool(data.get("active", True))
    room.order = data.get("order") if isinstance(data.get("order"), int) else room.order
    created = room.pk is None
    room.save()
    _audit("add_room" if created else "change_room", actor, room, name=name, active=room.active)
    return room


@verb("rotate_feed_token")
def rotate_feed_token(room: Room, actor) -> Room:
    """A new secret for the room's calendar feed: the old address stops working at once."""
    _office(actor)
    room = Room.objects.select_for_update().get(pk=room.pk)
    room.feed_token = new_feed_token()
    room.save(update_fields=["feed_token"])
    _audit("rotate_feed_token", actor, room)
    return room


# Bookings ------------------------------------------------------------------------------------


def clashes(
    rooms: Iterable[Room], start: datetime, end: datetime, *, exclude: int | None = None
) -> list[Clash]:
    """Bookings holding one of `rooms` at some moment in [start, end)."""
    rooms = list(rooms)
    others = (
        Conference.objects.filter(state__in=HOLDING, rooms__in=rooms, start__lt=end, end__gt=start)
        .exclude(pk=exclude)
        .select_related("unit")
        .prefetch_related("rooms")
        .distinct()
        .order_by("start")
    )
    wanted = {room.pk for room in rooms}
    return [
        Clash(room, other) for other in others for room in other.rooms.all() if room.pk in wanted
    ]


def _lock_rooms(rooms: Iterable[Room]) -> list[Room]:
    # Two bookings of the same room at once: both lock the room rows (in one order, so they
    # never deadlock); the second waits until the first has committed and then sees it.
    ids = sorted({room.pk for room in rooms})
    return list(Room.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def _booking(data: dict, at: datetime) -> dict:
    unknown = set(data) - {"title", "start", "end", "rooms", "participants", "technical_needs"}
    if unknown:
        raise MeetingRefused(_("未知的字段：%(names)s") % {"names": "、".join(sorted(unknown))})
    cleaned = {
        "title": _text(data.get("title"), _("会议名称"), TITLE_MAX),
        "participants": _text(data.get("participants"), _("参会人员"), TEXT_MAX),
        "technical_needs": _text(
            data.get("technical_needs"), _("技术需求"), TEXT_MAX, required=False
        ),
        "start": _moment(data.get("start"), _("开始时间")),
        "end": _moment(data.get("end"), _("结束时间")),
    }
    if cleaned["end"] <= cleaned["start"]:
        raise MeetingRefused(_("结束时间必须晚于开始时间。"))
    if cleaned["end"] - cleaned["start"] > LONGEST:
        raise MeetingRefused(_("一次会议不能超过 12 小时。"))
    if cleaned["start"] < at:
        raise MeetingRefused(_("开始时间已过，不能申请。"))
    rooms = data.get("rooms") or []
    if not rooms or not all(isinstance(room, Room) for room in rooms):
        raise MeetingRefused(_("请至少选择一个会场。"))
    cleaned["rooms"] = rooms
    return cleaned


@verb("apply")
def apply(unit: Unit, actor, data: dict, *, at: datetime | None = None) -> Conference:
    """A unit applies to hold or join a conference (会前申请)."""
    at = _now(at)
    if not access.may_apply(actor, unit):
        raise PermissionDenied(_("您不能以该单位名义申请视频会议。"))
    cleaned = _booking(data, at)
    rooms = _lock_rooms(cleaned.pop("rooms"))
    closed = [room.name for room in rooms if not room.active]
    if closed:
        raise MeetingRefused(_("会场暂停预约：%(names)s") % {"names": "、".join(closed)})
    found = clashes(rooms, cleaned["start"], cleaned["end"])
    if found:
        raise BookingClash(found)
    year = timezone.localtime(cleaned["start"]).year
    conference = Conference.objects.create(
        unit=unit,
        applicant=actor,
        created_at=at,
        reference=_("视会〔%(year)s〕%(number)s号")
        % {"year": year, "number": next_number("meetings.conference", year)},
        **cleaned,
    )
    conference.rooms.set(rooms)
    _audit(
        "apply",
        actor,
        conference,
        state=conference.state,
        rooms=[room.name for room in rooms],
        start=conference.start.isoformat(),
        end=conference.end.isoformat(),
    )
    return conference


def _locked(conference: Conference) -> Conference:
    return Conference.objects.select_for_update().select_related("unit").get(pk=conference.pk)


def default_test_call(conference: Conference) -> datetime:
    return conference.start - timedelta(minutes=settings.MEETINGS_TEST_CALL_MINUTES)


def _test_call(value, conference: Conference) -> datetime:
    if value is None:
        return default_test_call(conference)
    value = _moment(value, _("调试时间"))
    if value >= conference.start:
        raise MeetingRefused(_("调试时间须早于会议开始时间。"))
    if conference.start - value > timedelta(days=7):
        raise MeetingRefused(_("调试时间不能早于会议开始前 7 天。"))
    return value


def _technician(user):
    if user is None:
        return None
    if not access.technicians().filter(pk=user.pk).exists():
        raise MeetingRefused(_("技术保障人员须是县电子政务办的工作人员。"))
    return user


@verb("approve")
def approve(
    conference: Conference,
    actor,
    *,
    technician=None,
    test_call_at: datetime | None = None,
    at: datetime | None = None,
) -> Conference:
    """The office approves; the conference gets its support checklist."""
    at = _now(at)
    _office(actor)
    conference = _locked(conference)
    if conference.state != State.PENDING:
        raise MeetingRefused(_("只有待审批的申请可以批准。"))
    if conference.end <= at:
        raise MeetingRefused(_("会议时间已过，不能批准。"))
    rooms = _lock_rooms(conference.rooms.all())
    found = clashes(rooms, conference.start, conference.end, exclude=conference.pk)
    if found:
        raise BookingClash(found)
    technician = _technician(technician)
    test_call_at = _test_call(test_call_at, conference)
    conference.state = State.APPROVED
    conference.decided_by, conference.decided_at = actor, at
    conference.save(update_fields=["state", "decided_by", "decided_at"])
    Checklist.objects.create(
        conference=conference, technician=technician, test_call_at=test_call_at
    )
    _audit(
        "approve",
        actor,
        conference,
        state=conference.state,
        technician=technician.get_username() if technician else "",
        test_call_at=test_call_at.isoformat(),
    )
    return conference


@verb("refuse")
def refuse(conference: Conference, actor, reason: str, *, at: datetime | None = None) -> Conference:
    at = _now(at)
    _office(actor)
    reason = _text(reason, _("不予批准理由"), 1000)
    conference = _locked(conference)
    if conference.state != State.PENDING:
        raise MeetingRefused(_("只有待审批的申请可以不予批准。"))
    conference.state = State.REFUSED
    conference.decided_by, conference.decided_at = actor, at
    conference.refusal_reason = reason
    conference.save(update_fields=["state", "decided_by", "decided_at", "refusal_reason"])
    _audit("refuse", actor, conference, state=conference.state, reason=reason[:200])
    return conference


@verb("withdraw")
def withdraw(conference: Conference, actor, *, at: datetime | None = None) -> Conference:
    """The unit (or the office) withdraws a booking before the meeting; its rooms are free."""
    at = _now(at)
    conference = _locked(conference)
    if not access.may_withdraw(actor, conference):
        raise PermissionDenied(_("您无权撤销该申请。"))
    if conference.state not in HOLDING:
        raise MeetingRefused(_("该申请当前不能撤销。"))
    if conference.start <= at:
        raise MeetingRefused(_("会议已开始，不能撤销。"))
    conference.state = State.CANCELLED
    conference.save(update_fields=["state"])
    _audit("withdraw", actor, conference, state=conference.state)
    return conference


# 会中保障 -------------------------------------------------------------------------------------


def _checklist(conference: Conference) -> Checklist:
    checklist = Checklist.objects.select_for_update().filter(conference=conference).first()
    if checklist is None or conference.state != State.APPROVED:
        raise MeetingRefused(_("只有已批准的会议有保障清单。"))
    return checklist


@verb("assign_checklist")
def assign_checklist(
    conference: Conference, actor, *, technician, test_call_at: datetime | None = None
) -> Checklist:
    _office(actor)
    conference = _locked(conference)
    checklist = _checklist(conference)
    checklist.technician = _technician(technician)
    checklist.test_call_at = _test_call(test_call_at, conference)
    checklist.save(update_fields=["technician", "test_call_at"])
    _audit(
        "assign_checklist",
        actor,
        conference,
        technician=technician.get_username() if technician else "",
        test_call_at=checklist.test_call_at.isoformat(),
    )
    return checklist


@verb("keep_checklist")
def keep_checklist(
    conference: Conference, actor, items: dict, note: str = "", *, at: datetime | None = None
) -> Checklist:
    """Technical staff tick what is ready (test call, cameras, sound, recording)."""
    at = _now(at)
    conference = _locked(conference)
    checklist = _checklist(conference)
    if not access.may_keep_checklist(actor, conference):
        raise PermissionDenied(_("只有被指派的技术保障人员或县电子政务办可以填写保障清单。"))
    unknown = set(items) - set(Checklist.ITEMS)
    if unknown:
        raise MeetingRefused(_("未知的保障项目。"))
    for name in Checklist.ITEMS:
        setattr(checklist, name, bool(items.get(name)))
    checklist.note = _text(note, _("保障情况说明"), TEXT_MAX, required=False)
    checklist.completed_at = at if checklist.complete else None
    checklist.save()
    _audit(
        "keep_checklist",
        actor,
        conference,
        **{name: getattr(checklist, name) for name in Checklist.ITEMS},
    )
    return checklist


# 会后处理 -------------------------------------------------------------------------------------


@verb("record_outcome")
def record_outcome(
    conference: Conference,
    actor,
    *,
    minutes: str,
    recording_location: str,
    attendance: dict[int, tuple[bool, int]],
    at: datetime | None = None,
) -> Conference:
    """Minutes, the recording's archive location and attendance per site (room id → (joined,
    people)), once the meeting has begun."""
    at = _now(at)
    _office(actor)
    conference = _locked(conference)
    if conference.state != State.APPROVED:
        raise MeetingRefused(_("只有已批准的会议可以登记会后情况。"))
    if conference.start > at:
        raise MeetingRefused(_("会议尚未开始，不能登记会后情况。"))
    conference.minutes = _text(minutes, _("会议纪要"), 20_000, required=False)
    conference.recording_location = _text(
        recording_location, _("录像存档位置"), 200, required=False
    )
    rooms = {room.pk: room for room in conference.rooms.all()}
    if set(attendance) - set(rooms):
        raise MeetingRefused(_("出席情况中有本次会议未预约的会场。"))
    for room_id, (joined, people) in attendance.items():
        if not isinstance(people, int) or not 0 <= people <= 10_000:
            raise MeetingRefused(_("参会人数应为 0 到 10000 之间的整数。"))
        Attendance.objects.update_or_create(
            conference=conference,
            room=rooms[room_id],
            defaults={"joined": bool(joined), "attendees": people if joined else 0},
        )
    conference.closed_at = at
    conference.save(update_fields=["minutes", "recording_location", "closed_at"])
    _audit(
        "record_outcome",
        actor,
        conference,
        recording_location=conference.recording_location,
        sites_joined=sum(1 for joined, _people in attendance.values() if joined),
    )
    return conference
