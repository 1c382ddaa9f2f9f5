"""The staff directory (通讯录): every unit's duty phone, fax, offices (科室) and contacts.

All handling staff read every unit's page (mobile numbers included: the directory is for staff
only and never public; the three administrators, who handle nothing, do not read it). Only a
unit's 单位管理员 edits its own unit's page; every change is audited. The Excel export passes
every typed text through `core.export_text`, so a name typed as a formula stays text.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from opencounty.core import audit, export_text
from opencounty.core.access import holds_role, is_administrator, is_unit_staff
from opencounty.core.models import Role, Unit
from opencounty.officedocs.actions import Refused
from opencounty.officedocs.staff_models import DirectoryContact, DirectoryOffice, DirectoryUnit

# A fixed-line or mobile number with an area code, extension or separators: 0851-12345678,
# (0851)12345678 转 801, 13800000000.
PHONE = re.compile(r"^[0-9()（）+\- ]{5,30}(?:(?:转|-)[0-9]{1,6})?$")
MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
MAX_ROWS = 200


def may_read(user) -> bool:
    return is_unit_staff(user) and not is_administrator(user)


def may_edit(user, unit: Unit) -> bool:
    return not is_administrator(user) and holds_role(user, unit, {Role.UNIT_ADMINISTRATOR})


def check_phone(value: str, label: str) -> str:
    value = value.strip()
    if value and not PHONE.match(value):
        raise Refused(
            _("%(label)s“%(value)s”不是有效的电话号码：只能包含数字、括号、连字符和“转”分机号。")
            % {"label": label, "value": value}
        )
    return value


def check_mobile(value: str) -> str:
    value = value.strip().replace(" ", "")
    if value and not MOBILE.match(value):
        raise Refused(_("手机号码“%(value)s”应为 11 位数字，以 1 开头。") % {"value": value})
    return value


def _fit(value: str, limit: int, label: str) -> str:
    value = value.strip()
    if len(value) > limit:
        raise Refused(
            _("%(label)s不能超过 %(limit)s 个字：%(value)s")
            % {"label": label, "limit": limit, "value": value}
        )
    return value


@dataclass
class Office:
    name: str
    phone: str = ""
    room: str = ""


@dataclass
class Contact:
    name: str
    office: str = ""
    post: str = ""
    office_phone: str = ""
    mobile: str = ""


def update_directory(
    actor,
    unit: Unit,
    *,
    duty_phone: str,
    fax: str,
    offices: list[Office],
    contacts: list[Contact],
) -> DirectoryUnit:
    """Replace the unit's page of the directory with what its administrator entered."""
    if not may_edit(actor, unit):
        message = _("只有本单位的单位管理员可以修改本单位的通讯录。")
        audit.record(
            "officedocs.directory_update",
            actor=actor,
            obj=unit,
            outcome="refused",
            details={"reason": message},
        )
        raise Refused(message)
    duty_phone = check_phone(duty_phone, _("值班电话"))
    fax = check_phone(fax, _("传真"))
    if len(offices) > MAX_ROWS or len(contacts) > MAX_ROWS:
        raise Refused(_("科室和联系人各不能超过 %(count)s 条。") % {"count": MAX_ROWS})
    clean_offices, clean_contacts = [], []
    for n, office in enumerate(offices):
        name = office.name.strip()
        if not name:
            raise Refused(_("请填写科室名称。"))
        clean_offices.append(
            DirectoryOffice(
                unit=unit,
                name=_fit(name, 60, _("科室")),
                phone=check_phone(office.phone, _("办公电话")),
                room=_fit(office.room, 60, _("办公室")),
                order=n,
            )
        )
    for n, contact in enumerate(contacts):
        name = contact.name.strip()
        if not name:
            raise Refused(_("请填写联系人姓名。"))
        clean_contacts.append(
            DirectoryContact(
                unit=unit,
                office=_fit(contact.office, 60, _("科室")),
                name=_fit(name, 40, _("姓名")),
                post=_fit(contact.post, 60, _("职务")),
                office_phone=check_phone(contact.office_phone, _("办公电话")),
                mobile=check_mobile(contact.mobile),
                order=n,
            )
        )
    with transaction.atomic():
        page, _created = DirectoryUnit.objects.select_for_update().get_or_create(unit=unit)
        page.duty_phone, page.fax, page.updated_at = duty_phone, fax, timezone.now()
        page.save()
        DirectoryOffice.objects.filter(unit=unit).delete()
        DirectoryContact.objects.filter(unit=unit).delete()
        DirectoryOffice.objects.bulk_create(clean_offices)
        DirectoryContact.objects.bulk_create(clean_contacts)
        audit.record(
            "officedocs.directory_update",
            actor=actor,
            obj=unit,
            details={"offices": len(clean_offices), "contacts": len(clean_contacts)},
        )
    return page


@dataclass
class UnitPage:
    unit: Unit
    duty_phone: str
    fax: str
    offices: list[DirectoryOffice]
    contacts: list[DirectoryContact]


def pages(units=None) -> list[UnitPage]:
    """Every unit's page, in four queries."""
    units = list(
        (units if units is not None else Unit.objects.all()).order_by("kind", "order", "code")
    )
    heads = {d.unit_id: d for d in DirectoryUnit.objects.filter(unit__in=units)}
    offices: dict[int, list] = {}
    for office in DirectoryOffice.objects.filter(unit__in=units).order_by("order", "id"):
        offices.setdefault(office.unit_id, []).append(office)
    contacts: dict[int, list] = {}
    for contact in DirectoryContact.objects.filter(unit__in=units).order_by("order", "id"):
        contacts.setdefault(contact.unit_id, []).append(contact)
    result = []
    for unit in units:
        head = heads.get(unit.pk)
        result.append(
            UnitPage(
                unit=unit,
                duty_phone=head.duty_phone if head else "",
                fax=head.fax if head else "",
                offices=offices.get(unit.pk, []),
                contacts=contacts.get(unit.pk, []),
            )
        )
    return result


def workbook(unit_pages: list[UnitPage]) -> bytes:
    """通讯录.xlsx: one sheet of units (duty phone, fax), one of offices, one of contacts."""
    book = Workbook()
    units_sheet = book.active
    units_sheet.title = _("单位")
    bold = Font(bold=True)

    def header(sheet, titles):
        for cell in export_text.append(sheet, titles):
            cell.font = bold

    header(units_sheet, [_("单位"), _("类别"), _("值班电话"), _("传真")])
    offices_sheet = book.create_sheet(_("科室"))
    header(offices_sheet, [_("单位"), _("科室"), _("办公电话"), _("办公室")])
    contacts_sheet = book.create_sheet(_("联系人"))
    header(contacts_sheet, [_("单位"), _("科室"), _("姓名"), _("职务"), _("办公电话"), _("手机")])
    for page in unit_pages:
        name = page.unit.name
        export_text.append(
            units_sheet, [name, page.unit.get_kind_display(), page.duty_phone, page.fax]
        )
        for office in page.offices:
            export_text.append(offices_sheet, [name, office.name, office.phone, office.room])
        for contact in page.contacts:
            export_text.append(
                contacts_sheet,
                [
                    name,
                    contact.office,
                    contact.name,
                    contact.post,
                    contact.office_phone,
                    contact.mobile,
                ],
            )
    for sheet, widths in (
        (units_sheet, (30, 14, 18, 18)),
        (offices_sheet, (30, 20, 18, 16)),
        (contacts_sheet, (30, 20, 12, 20, 18, 16)),
    ):
        for n, width in enumerate(widths):
            sheet.column_dimensions[chr(ord("A") + n)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
