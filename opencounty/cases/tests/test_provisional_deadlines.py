"""A deadline in a year the office has not entered is provisional, marked wherever it is
shown, and derived again when the office pastes the State Council's notice.

Today is moved to Sun 20 Dec 2026 (time-machine): 2027 is not entered, as it is not in the
seeded table."""

from datetime import date, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook

from conftest import PASSWORD, persona
from opencounty.cases.models import Case, DeadlineMove, Recalculation
from opencounty.core.models import AuditEntry, CalendarDay, CalendarYear, Role
from opencounty.disclosure import actions
from opencounty.disclosure.tests.test_disclosure_requests import apply

# A made-up notice for 2027 in the State Council's wording (the real one is not out here).
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。2月20日（周六）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
五、端午节：6月9日（周三）放假，共1天。
六、中秋节：9月15日（周三）放假，共1天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
（测试用虚构通知）
国务院办公厅
2026年12月1日
"""


@pytest.fixture
def on_20_december_2026():
    with time_machine.travel(datetime(2026, 12, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))):
        CalendarYear.objects.filter(year__gte=2027).delete()
        CalendarDay.objects.filter(date__year__gte=2027).delete()
        yield date(2026, 12, 20)


@pytest.fixture
def office_sysadmin(db):
    """The county office's system administrator, who keeps the holiday table."""
    return persona("office_sysadmin", "001", Role.SYSTEM_ADMINISTRATOR)


def extended_request(officer, reviewer):
    request, code = apply()
    case = actions.register(request.case, officer, on=date(2026, 12, 20))
    case = actions.extend(case, reviewer, days=20, reason="涉及多个部门")
    return case, code


@pytest.mark.django_db
def test_an_extended_request_reaching_into_2027_is_provisional_and_says_so_everywhere(
    client, on_20_december_2026, chengguan_officer, chengguan_reviewer
):
    case, code = extended_request(chengguan_officer, chengguan_reviewer)
    # 40 working days after Sun 20 Dec 2026, by the statutory rule: 元旦 Fri 1 Jan; 春节 除夕
    # Fri 5 Feb to 初三 Mon 8 Feb with Tue 9 and Wed 10 Feb in lieu of the weekend.
    assert case.due_on == date(2027, 2, 19) and case.due_provisional

    client.login(username="cg_reviewer", password=PASSWORD)
    page = client.get(f"/admin/disclosure-requests/{case.pk}/").content.decode()
    assert 'class="case-provisional"' in page and "暂定" in page
    inbox = client.get("/admin/disclosure-requests/").content.decode()
    assert 'data-provisional="true"' in inbox

    client.logout()
    lookup = client.post(
        "/cases/lookup/", {"receipt_number": case.receipt_number, "query_code": code}
    ).content.decode()
    assert "2027-02-19" in lookup and "暂定，以国务院公布的节假日安排为准" in lookup

    office = persona("office_watch", "001", Role.INFORMATION_OFFICER)
    client.force_login(office)
    board = client.get("/admin/supervision/").content.decode()
    row = board[board.index(f'data-receipt="{case.receipt_number}"') :]
    assert row[: row.index("</tr>")].count("暂定") >= 1
    sheet = load_workbook(BytesIO(client.get("/admin/supervision/export.xlsx").content)).active
    line = next(x for x in sheet.iter_rows(values_only=True) if x[1] == case.receipt_number)
    assert line[7] == "暂定，以国务院公布的节假日安排为准"


@pytest.mark.django_db
def test_pasting_the_notice_previews_then_enters_2027_and_reports_each_moved_deadline(
    client,
    smtp_server,
    django_capture_on_commit_callbacks,
    on_20_december_2026,
    chengguan_officer,
    chengguan_reviewer,
    office_sysadmin,
):
    chengguan_officer.email = "cg@example.org"
    chengguan_officer.save()
    later, _ = extended_request(chengguan_officer, chengguan_reviewer)
    request, _ = apply(id_number="110101199003071234", description="五一前后的申请")
    earlier = actions.register(request.case, chengguan_officer, on=date(2027, 4, 20))
    # Provisional: 1-2 May are a weekend, so 3 and 4 May in lieu; due Thu 20 May.
    assert earlier.due_on == date(2027, 5, 20) and earlier.due_provisional
    request, _ = apply(id_number="110101199003075678", description="已答复的申请")
    answered = actions.register(request.case, chengguan_officer, on=date(2026, 12, 20))
    answered = actions.reply(
        answered, chengguan_officer, outcome="disclosed", text="予以公开。", on=date(2026, 12, 20)
    )
    before = Case.objects.get(pk=answered.pk).due_on

    client.force_login(office_sysadmin)
    preview = client.post("/admin/calendar/notice/", {"text": NOTICE_2027}).content.decode()
    assert 'id="notice-preview"' in preview and "2027-02-05" in preview
    assert not CalendarYear.objects.filter(year=2027).exists(), "a preview saves nothing"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/calendar/notice/", {"text": NOTICE_2027, "confirm": "2027"}, follow=True
        )
    report = response.content.decode()
    assert (
        CalendarYear.objects.get(year=2027).source == "国务院办公厅关于2027年部分节假日安排的通知"
    )
    assert CalendarDay.objects.get(date=date(2027, 2, 20)).kind == CalendarDay.Kind.MAKEUP_WORKDAY
    assert "已录入2027年节假日安排" in report

    later.refresh_from_db()
    earlier.refresh_from_db()
    # The notice keeps 8-12 Feb off and makes Sat 20 Feb a working day: Mon 22 Feb.
    assert later.due_on == date(2027, 2, 22) and not later.due_provisional
    # Sun 25 Apr and Sat 8 May are working days, 1-5 May off: Wed 19 May, one day earlier.
    assert earlier.due_on == date(2027, 5, 19) and not earlier.due_provisional
    assert Case.objects.get(pk=answered.pk).due_on == before, "answered cases never change"

    recalculation = Recalculation.objects.latest("pk")
    moves = {m.case_id: m for m in DeadlineMove.objects.filter(recalculation=recalculation)}
    assert set(moves) == {later.pk, earlier.pk}
    assert moves[earlier.pk].earlier and not moves[later.pk].earlier
    for move in moves.values():
        assert move.case.receipt_number in report
    assert "2027-02-19" in report and "2027-02-22" in report and "提前" in report
    assert "五一前后的申请" not in report, "the administrator reads no case content"
    office = persona("office_reader", "001", Role.INFORMATION_OFFICER)
    client.force_login(office)
    report = client.get(f"/admin/deadline-recalculations/{recalculation.pk}/").content.decode()
    assert "五一前后的申请" in report
    assert later.timeline.filter(verb="recalculate").exists()
    assert AuditEntry.objects.filter(action="calendar.enter_year").exists()
    assert AuditEntry.objects.filter(action="case.recalculate").exists()
    told = smtp_server.to("cg@example.org")
    assert any(
        "期限提前" in m["Subject"] and earlier.receipt_number in m.get_content() for m in told
    )
    assert not any(
        later.receipt_number in m.get_content() for m in told if "期限提前" in m["Subject"]
    )


@pytest.mark.django_db
def test_a_partial_notice_is_refused_in_chinese_and_nothing_is_saved(
    client, on_20_december_2026, office_sysadmin
):
    client.force_login(office_sysadmin)
    partial = NOTICE_2027.replace("三、清明节：4月3日（周六）至5日（周一）放假，共3天。\n", "")
    html = client.post(
        "/admin/calendar/notice/", {"text": partial, "confirm": "2027"}
    ).content.decode()
    assert 'id="notice-problems"' in html and "清明节" in html and "未作任何保存" in html
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    html = client.post("/admin/calendar/notice/", {"text": "随便写的一段话"}).content.decode()
    assert 'id="notice-problems"' in html


@pytest.mark.django_db
def test_only_those_who_keep_the_table_may_paste_a_notice(
    client, on_20_december_2026, chengguan_reviewer, office_sysadmin
):
    client.force_login(chengguan_reviewer)
    assert client.get("/admin/calendar/notice/").status_code in (302, 403)
    home = client.get("/admin/").content.decode()
    assert "data-calendar-coverage" in home and "/admin/calendar/notice/" not in home
    client.force_login(office_sysadmin)
    home = client.get("/admin/").content.decode()
    assert "/admin/calendar/notice/" in home and "暂定" in home


@pytest.mark.django_db
def test_a_hand_edit_of_the_table_is_audited_and_moves_the_deadlines(
    client, on_20_december_2026, chengguan_officer, chengguan_reviewer, office_sysadmin
):
    request, _ = apply()
    case = actions.register(request.case, chengguan_officer, on=date(2026, 12, 1))
    assert case.due_on == date(2026, 12, 29) and not case.due_provisional
    client.force_login(office_sysadmin)
    response = client.post(
        "/admin/snippets/core/calendarday/add/",
        {"date": "2026-12-24", "kind": "holiday", "name": "测试假日"},
        follow=True,
    )
    assert response.status_code == 200 and "查看期限变化" in response.content.decode()
    case.refresh_from_db()
    assert case.due_on == date(2026, 12, 30), "one more day off moves the end by a working day"
    assert AuditEntry.objects.filter(action="calendar.save_day").exists()
    day = CalendarDay.objects.get(date=date(2026, 12, 24))
    client.post(f"/admin/snippets/core/calendarday/delete/{day.pk}/")
    case.refresh_from_db()
    assert case.due_on == date(2026, 12, 29)
    assert AuditEntry.objects.filter(action="calendar.delete_day").exists()
    # A day in a year not entered yet changes nothing until the year is entered.
    client.post(
        "/admin/snippets/core/calendarday/add/",
        {"date": "2027-02-11", "kind": "holiday", "name": "春节"},
    )
    provisional, _ = extended_request(chengguan_officer, chengguan_reviewer)
    assert provisional.due_on == date(2027, 2, 19) and provisional.due_provisional


@pytest.mark.django_db
def test_the_applicants_fee_period_is_counted_again_when_2027_is_entered(
    on_20_december_2026, chengguan_officer, office_sysadmin
):
    from opencounty.core.actions import enter_holiday_schedule
    from opencounty.core.holiday_notice import parse_notice
    from opencounty.disclosure.models import DisclosureRequest

    request, _ = apply()
    case = actions.register(request.case, chengguan_officer, on=date(2026, 12, 18))
    actions.notify_fee(case, chengguan_officer, on=date(2027, 1, 28), method="pages", pages=150)
    # 20 working days from Thu 28 Jan 2027, provisionally (5 and 8-10 Feb off): Wed 3 Mar.
    assert DisclosureRequest.objects.get(pk=request.pk).fee_due_on == date(2027, 3, 3)
    enter_holiday_schedule(parse_notice(NOTICE_2027), source="测试", actor=office_sysadmin)
    # The notice keeps 11-12 Feb off too but makes Sat 20 Feb a working day: Thu 4 Mar.
    assert DisclosureRequest.objects.get(pk=request.pk).fee_due_on == date(2027, 3, 4)
    assert AuditEntry.objects.filter(action="disclosure.rederive_waiting_periods").exists()
