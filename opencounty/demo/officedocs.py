"""Official documents (公文交换) for the demo county, through the real actions.

Every document is drafted by `county_officer`, checked (核稿) by `county_reviewer` and signed
off (签发) by `county_admin`. The county government sends three: one to every unit a week ago
(the units with demo accounts signed for it, the rest are late: red in the tracking table),
one to the townships (青石镇 returned it with a reason), and an urgent one two working days ago
whose sign-for day is today (yellow). Inside 城关镇 the three stand at each step of the flow:
the first finished (签收 → 拟办 → 批办 → 办结), the second with its 承办人 `chengguan_reviewer`
(批办 by `chengguan_admin`), the third waiting for `chengguan_admin`'s 批办. Two drafts wait:
one for 核稿, one for 签发. The receivers' clerks have mobile numbers, so reminders of late
units (`manage.py send_sign_for_reminders`) are texted too. Dates are counted in working days
from today, so the colours hold on any date.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from opencounty.accounts.models import StaffProfile
from opencounty.core.models import Unit
from opencounty.demo.dates import working_days_ago
from opencounty.officedocs import actions
from opencounty.officedocs.models import OfficialDocument

# The recipients' clerks among the demo accounts (a small county lacks some of their units).
RECEIVERS = (
    ("T01", "chengguan_officer"),
    ("T02", "qingshi_officer"),
    ("D02", "jiaoyu_officer"),
    ("D01", "fagai_officer"),
    ("D20", "yingji_officer"),
    ("D41", "liangchu_officer"),
)
LEADER, STAFF = "chengguan_admin", "chengguan_reviewer"
ACCOUNTS = (
    "county_officer",
    "county_reviewer",
    "county_admin",
    LEADER,
    STAFF,
    *(name for _code, name in RECEIVERS),
)
# A one-page PDF, so the attachment opens in any reader.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _moment(day: date, hour: int) -> datetime:
    """`hour` o'clock on `day`, never later than now."""
    return min(timezone.make_aware(datetime.combine(day, time(hour))), timezone.now())


def _draft(clerk, county: Unit, title: str, body: str, on: date, **fields) -> OfficialDocument:
    attachment = ContentFile(PDF, name=f"{title[:20]}（附件）.pdf")
    return actions.draft_document(
        clerk,
        county,
        prefix=fields.pop("prefix", "示政办发"),
        title=title,
        body=body,
        copied_to="县委办公室，县人大常委会办公室，县政协办公室",
        files=[attachment],
        at=_moment(on, 9),
        **fields,
    )


def build_documents(today: date) -> int:
    build_notices_and_directory(today)
    if OfficialDocument.objects.exists():
        return 0
    users = {u.username: u for u in get_user_model().objects.filter(username__in=ACCOUNTS)}
    county = Unit.objects.filter(code="000").first()
    if county is None or not {"county_officer", "county_reviewer", "county_admin"} <= set(users):
        return 0
    clerk, checker, signer = (
        users["county_officer"],
        users["county_reviewer"],
        users["county_admin"],
    )
    others = list(Unit.objects.exclude(pk=county.pk))
    townships = [unit for unit in others if unit.kind == Unit.Kind.TOWNSHIP]
    receivers = {code: users[name] for code, name in RECEIVERS if name in users}
    for number, user in enumerate(receivers.values(), start=1):
        StaffProfile.objects.get_or_create(user=user, defaults={"mobile": f"1380000{number:04d}"})
    leader, staff = users.get(LEADER), users.get(STAFF)

    def check(document: OfficialDocument, on: date) -> OfficialDocument:
        actions.submit_for_check(clerk, document, at=_moment(on, 9))
        return actions.check(checker, document, opinion="文字已核。", at=_moment(on, 9))

    def send(document: OfficialDocument, units: list[Unit], on: date) -> OfficialDocument:
        check(document, on)
        return actions.send_document(signer, document, units=units, at=_moment(on, 10))

    def handle(found, signed_on: date, *, upto: str, reply: str = "") -> None:
        """城关镇 takes a signed document through 拟办, 批办 and 办结, as far as `upto`."""
        if found is None or "T01" not in receivers:
            return
        found = actions.propose(
            receivers["T01"],
            found,
            proposal="拟请分管领导阅示，由党政办承办。",
            at=_moment(signed_on, 14),
        )
        if upto == "propose" or leader is None or staff is None:
            return
        found = actions.instruct(
            leader,
            found,
            instruction="同意，请党政办抓紧落实。",
            assignee=staff,
            at=_moment(signed_on, 16),
        )
        if upto == "finish":
            actions.finish(staff, found, reply=reply, at=_moment(working_days_ago(today, 3), 16))

    def delivery(document: OfficialDocument, code: str):
        return document.deliveries.filter(unit__code=code).first()

    # 1. To every unit, a week ago: the units with demo accounts signed; the others are late.
    week_ago = working_days_ago(today, 6)
    fire = send(
        _draft(
            clerk,
            county,
            "关于做好今冬明春森林防火工作的通知",
            "各乡镇人民政府，县直各部门：\n今冬明春是森林火灾易发期。为切实做好森林防火工作，"
            "现将有关事项通知如下：\n一、压实防火责任。\n二、加强火源管控。\n三、做好应急值守。",
            week_ago,
            main_recipients="各乡镇人民政府，县直各部门",
            handle_days=10,
        ),
        others,
        week_ago,
    )
    signed_on = working_days_ago(today, 5)
    for code, user in receivers.items():
        found = delivery(fire, code)
        if found is not None:
            actions.sign_for(user, found, at=_moment(signed_on, 11))
    handle(
        delivery(fire, "T01"),
        signed_on,
        upto="finish",
        reply="已召开全镇森林防火工作会议，落实网格化巡护，设立检查站 3 处。",
    )

    # 2. To the townships: 城关镇 is handling it, 青石镇 returned it.
    four_ago = working_days_ago(today, 4)
    review = send(
        _draft(
            clerk,
            county,
            "关于开展政务公开第三方评估工作的通知",
            "各乡镇人民政府：\n为提升政务公开质量，县政府将委托第三方机构开展评估，请各乡镇做好自查。",
            four_ago,
            main_recipients="各乡镇人民政府",
            handle_days=15,
        ),
        townships,
        four_ago,
    )
    signed = delivery(review, "T01")
    if signed is not None and "T01" in receivers:
        three_ago = working_days_ago(today, 3)
        signed = actions.sign_for(receivers["T01"], signed, at=_moment(three_ago, 9))
        handle(signed, three_ago, upto="instruct")
    returned = delivery(review, "T02")
    if returned is not None and "T02" in receivers:
        actions.return_document(
            receivers["T02"],
            returned,
            reason="附件缺少评估指标表，请补充后重新发送。",
            at=_moment(working_days_ago(today, 3), 10),
        )

    # 3. Urgent, to every unit two working days ago: the sign-for day is today (yellow).
    two_ago = working_days_ago(today, 2)
    meeting = send(
        _draft(
            clerk,
            county,
            "关于召开全县安全生产工作会议的通知",
            "各乡镇人民政府，县直各部门：\n县政府定于近期召开全县安全生产工作会议，请主要负责同志参加。",
            two_ago,
            main_recipients="各乡镇人民政府，县直各部门",
            urgency=OfficialDocument.Urgency.EXTRA_URGENT,
        ),
        others,
        two_ago,
    )
    yesterday = working_days_ago(today, 1)
    for code in ("T01", "D02"):
        found = delivery(meeting, code)
        if found is not None and code in receivers:
            found = actions.sign_for(receivers[code], found, at=_moment(yesterday, 9))
            if code == "T01":
                handle(found, yesterday, upto="propose")

    # 4. Two drafts: one waiting for 核稿, one checked and waiting for 签发.
    check(
        _draft(
            clerk,
            county,
            "关于做好机关档案年度归档工作的通知",
            "县直各部门：\n请按照档案管理有关规定，做好本年度文书档案的整理归档工作。",
            today,
            main_recipients="县直各部门",
        ),
        today,
    )
    waiting = _draft(
        clerk,
        county,
        "关于进一步规范公文处理工作的通知",
        "县直各部门：\n为进一步规范公文处理工作，提高办文质量和效率，现就有关事项通知如下。",
        today,
        main_recipients="县直各部门",
    )
    actions.submit_for_check(clerk, waiting, at=_moment(today, 9))
    return OfficialDocument.objects.count()


# Staff notices and the staff directory (issue 14) ------------------------------------------

NOTICE_READERS = ("chengguan_officer", "jiaoyu_officer", "fagai_officer", "qingshi_reviewer")
OFFICES = {
    Unit.Kind.TOWNSHIP: ("党政综合办公室", "经济发展办公室", "社会事务办公室", "综合行政执法队"),
    Unit.Kind.DEPARTMENT: ("办公室", "政策法规股", "业务股", "财务股"),
}
POSTS = ("主任", "副主任", "股长", "工作人员")


def build_notices_and_directory(today: date) -> None:
    """Every unit's page of the 通讯录, and two notices of the county government: one to every
    unit a few working days ago (some staff have read it), one to the townships today (unread:
    in the township staff's 我的待办)."""
    from opencounty.demo.vocabulary import GIVEN, SURNAMES
    from opencounty.officedocs import notices
    from opencounty.officedocs.staff_models import (
        DirectoryContact,
        DirectoryOffice,
        DirectoryUnit,
        StaffNotice,
    )

    units = list(Unit.objects.order_by("kind", "order", "code"))
    if not DirectoryUnit.objects.exists():
        heads, offices, contacts = [], [], []
        for n, unit in enumerate(units):
            base = 86100000 + n * 100
            heads.append(
                DirectoryUnit(
                    unit=unit,
                    duty_phone=f"0851-{base}",
                    fax=f"0851-{base + 9}",
                    updated_at=_moment(today, 8),
                )
            )
            names = OFFICES.get(unit.kind, ("办公室", "综合科", "业务科"))
            for m, office in enumerate(names[:3]):
                offices.append(
                    DirectoryOffice(
                        unit=unit,
                        name=office,
                        phone=f"0851-{base + 10 + m}",
                        room=f"{2 + m}0{m + 1} 室",
                        order=m,
                    )
                )
                surname = SURNAMES[(n * 3 + m) % len(SURNAMES)]
                given = GIVEN[(n * 7 + m) % len(GIVEN)]
                contacts.append(
                    DirectoryContact(
                        unit=unit,
                        office=office,
                        name=f"{surname}{given}",
                        post=POSTS[m % len(POSTS)],
                        office_phone=f"0851-{base + 10 + m}",
                        mobile=f"139{(n * 10 + m):08d}",
                        order=m,
                    )
                )
        DirectoryUnit.objects.bulk_create(heads)
        DirectoryOffice.objects.bulk_create(offices)
        DirectoryContact.objects.bulk_create(contacts)

    if StaffNotice.objects.exists():
        return
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=("county_reviewer", *NOTICE_READERS))
    }
    county = Unit.objects.filter(code="000").first()
    if "county_reviewer" not in users or county is None:
        return
    sent_on = working_days_ago(today, 3)
    duty = notices.send_notice(
        users["county_reviewer"],
        county,
        title="关于做好元旦、春节期间值班工作的通知",
        body="各乡镇人民政府，县直各部门：\n请各单位于节前报送值班表，严格落实领导带班和24小时值班制度，"
        "遇有重大情况及时报告。",
        units=units,
        files=[ContentFile(PDF, name="节日值班表（样表）.pdf")],
        at=_moment(sent_on, 9),
    )
    for name in NOTICE_READERS:
        if name in users:
            notices.mark_read(users[name], duty, at=_moment(working_days_ago(today, 2), 10))
    notices.send_notice(
        users["county_reviewer"],
        county,
        title="关于开展网络安全自查工作的通知",
        body="各乡镇人民政府：\n请对本单位门户子站账号、弱口令和终端病毒防护开展一次自查，本周内完成。",
        units=[unit for unit in units if unit.kind == Unit.Kind.TOWNSHIP],
        at=_moment(today, 8),
    )
