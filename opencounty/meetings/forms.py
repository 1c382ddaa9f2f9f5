"""Forms of the meetings screens. They only read input; the actions decide and explain."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opencounty.core.models import Unit
from opencounty.meetings import access
from opencounty.meetings.actions import TEXT_MAX, TITLE_MAX
from opencounty.meetings.models import Checklist, Conference, Room
from opencounty.meetings.schedule import FIRST_YEAR, LAST_YEAR

LOCAL_MINUTE = "%Y-%m-%dT%H:%M"
INPUT_FORMATS = [LOCAL_MINUTE, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


class MomentField(forms.DateTimeField):
    """A Beijing time to the minute, in a sensible range (a year 1 or 9999 would overflow
    when turned into UTC)."""

    def to_python(self, value):
        result = super().to_python(value)
        if result is not None and not FIRST_YEAR <= result.year <= LAST_YEAR:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return result


def moment_field(label, *, required: bool = True, help_text="") -> forms.DateTimeField:
    return MomentField(
        label=label,
        required=required,
        input_formats=INPUT_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MINUTE),
        help_text=help_text,
        error_messages={"invalid": _("请按“年-月-日 时:分”填写正确的时间。")},
    )


class BookingForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("申请单位"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("会议名称"), max_length=TITLE_MAX)
    start = moment_field(_("开始时间"), help_text=_("北京时间"))
    end = moment_field(_("结束时间"), help_text=_("北京时间"))
    rooms = forms.ModelMultipleChoiceField(
        label=_("会场"),
        queryset=Room.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("主会场和需接入的分会场。"),
    )
    participants = forms.CharField(
        label=_("参会人员"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("各会场参会领导和人员。"),
    )
    technical_needs = forms.CharField(
        label=_("技术需求"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("如双流演示、录像、字幕、无线话筒数量。"),
    )

    def __init__(self, *args, units: list[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk
        self.fields["rooms"].queryset = Room.objects.filter(active=True)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("结束时间必须晚于开始时间。"))
        return data

    def action_data(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "start": data["start"],
            "end": data["end"],
            "rooms": list(data["rooms"]),
            "participants": data["participants"],
            "technical_needs": data["technical_needs"],
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("不予批准理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ApproveForm(forms.Form):
    technician = forms.ModelChoiceField(
        label=_("技术保障人员"), queryset=None, required=False, empty_label=_("暂不指派")
    )
    test_call_at = moment_field(
        _("调试时间"), required=False, help_text=_("须早于会议开始；不填则默认会前一小时。")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["technician"].queryset = access.technicians()
        self.fields["technician"].label_from_instance = lambda u: u.get_full_name() or u.username


class ChecklistForm(forms.Form):
    test_call_done = forms.BooleanField(label=_("已完成联调测试"), required=False)
    cameras_ok = forms.BooleanField(label=_("摄像头正常"), required=False)
    sound_ok = forms.BooleanField(label=_("音响话筒正常"), required=False)
    recording_ok = forms.BooleanField(label=_("录像已开启"), required=False)
    note = forms.CharField(
        label=_("保障情况说明"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    @classmethod
    def initial_for(cls, checklist: Checklist) -> dict:
        return {name: getattr(checklist, name) for name in (*Checklist.ITEMS, "note")}


class OutcomeForm(forms.Form):
    minutes = forms.CharField(
        label=_("会议纪要"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    recording_location = forms.CharField(
        label=_("录像存档位置"),
        required=False,
        max_length=200,
        help_text=_("如存储设备、目录或档案号。"),
    )

    def __init__(self, *args, conference: Conference, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rooms = list(conference.rooms.all())
        recorded = {row.room_id: row for row in conference.attendance.all()}
        for room in self.rooms:
            row = recorded.get(room.pk)
            self.fields[f"joined_{room.pk}"] = forms.BooleanField(
                label=_("%(room)s 已接入") % {"room": room.name},
                required=False,
                initial=row.joined if row else True,
            )
            self.fields[f"attendees_{room.pk}"] = forms.IntegerField(
                label=_("%(room)s 参会人数") % {"room": room.name},
                required=False,
                min_value=0,
                max_value=10_000,
                initial=row.attendees if row else None,
            )

    def attendance(self) -> dict[int, tuple[bool, int]]:
        data = self.cleaned_data
        return {
            room.pk: (data[f"joined_{room.pk}"], data[f"attendees_{room.pk}"] or 0)
            for room in self.rooms
        }


class RoomForm(forms.Form):
    name = forms.CharField(label=_("会场名称"), max_length=60)
    kind = forms.ChoiceField(label=_("会场类别"), choices=Room.Kind.choices)
    unit = forms.ModelChoiceField(
        label=_("所属单位"),
        queryset=Unit.objects.order_by("kind", "order", "code"),
        required=False,
        empty_label=_("（无）"),
    )
    location = forms.CharField(label=_("地点"), max_length=100, required=False)
    capacity = forms.IntegerField(label=_("容纳人数"), min_value=0, max_value=10_000, initial=0)
    order = forms.IntegerField(label=_("排序"), min_value=0, max_value=100_000, initial=0)
    active = forms.BooleanField(label=_("可预约"), required=False, initial=True)

    @classmethod
    def initial_for(cls, room: Room) -> dict:
        return {
            "name": room.name,
            "kind": room.kind,
            "unit": room.unit_id,
            "location": room.location,
            "capacity": room.capacity,
            "order": room.order,
            "active": room.active,
        }
