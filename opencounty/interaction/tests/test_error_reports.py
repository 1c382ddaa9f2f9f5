import json
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from opencounty.cases.actions import IllegalTransition
from opencounty.cases.models import Case
from opencounty.core import calendar
from opencounty.core.captcha import NUMBERS
from opencounty.core.models import Unit
from opencounty.interaction.error_reports import actions
from opencounty.interaction.error_reports import kind as k
from opencounty.interaction.error_reports.routing import ForeignAddress, InvalidReport
from opencounty.interaction.models import ErrorReport
from opencounty.portal.models import ArticlePage
from opencounty.portal.tests.helpers import act, submit

DESCRIPTION = "正文第二段“城关真”应为“城关镇”。"


def article_of(unit_code: str) -> ArticlePage:
    root = Unit.objects.get(code=unit_code).root_page
    return ArticlePage.objects.live().filter(path__startswith=root.path).first()


def address_of(page) -> str:
    return f"http://localhost{page.url}"


def report_on(page=None, address: str | None = None, **extra) -> ErrorReport:
    values = {
        "page_url": address_of(page) if address is None else address,
        "error_type": ErrorReport.ErrorType.TYPO,
        "description": DESCRIPTION,
        "name": "王纠错",
        "phone": "13912345678",
    }
    values.update(extra)
    report, _code = actions.submit_report(**values)
    return report


def republish(page, author, reviewer):
    """A corrected revision: saved and submitted by its author, approved (published) by the
    unit's reviewer through the review workflow."""
    page = page.specific
    page.refresh_from_db()
    page.save_revision(user=author)
    submit(page, author)
    act(page, reviewer, "approve")
    page.refresh_from_db()
    assert page.live_revision is not None and page.live_revision.user == author
    return page.live_revision


def solve(question: str) -> str:
    a, b = re.search(r"：(\S) 加 (\S) 等于", question).groups()
    return str(NUMBERS.index(a) + NUMBERS.index(b))


# Routing and submission


@pytest.mark.django_db
def test_a_township_article_is_routed_to_that_township():
    article = article_of("T01")
    report = report_on(article)
    assert report.page_id == article.pk
    assert report.case.unit.code == "T01"
    assert report.case.state == k.SUBMITTED
    assert report.case.kind == "error_report"
    assert report.case.receipt_number.startswith("ZC")
    assert article.title[:10] in report.case.title


@pytest.mark.django_db
def test_another_township_gets_its_own_reports_and_a_percent_encoded_path_resolves():
    article = article_of("T02")
    *parents, slug, _end = article.url.split("/")
    encoded = "http://localhost" + "/".join(
        [*parents, "".join(f"%{b:02X}" for b in slug.encode()), ""]
    )
    assert slug and slug not in encoded
    report = report_on(address=encoded)
    assert report.case.unit.code == "T02" and report.page_id == article.pk


@pytest.mark.django_db
def test_an_unknown_path_goes_to_the_county_office():
    report = report_on(address="http://localhost/no-such-column/no-such-page/")
    assert report.page is None
    assert report.case.unit.kind == Unit.Kind.COUNTY_OFFICE


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    [
        "https://www.example.com/news/1/",
        "http://localhost.example.com/",
        "javascript:alert(1)",
        "ftp://localhost/file",
        "//evil.example.org/x",
        "not an address",
        "",
    ],
)
def test_addresses_outside_this_site_are_refused_and_nothing_is_stored(address):
    before = Case.objects.count()
    with pytest.raises(ForeignAddress, match="只能报告本网站的页面"):
        report_on(address=address)
    assert Case.objects.count() == before


@pytest.mark.django_db
def test_a_report_needs_a_description_a_name_and_a_phone_or_an_email():
    article = article_of("T01")
    before = Case.objects.count()
    with pytest.raises(InvalidReport, match="至少填写一项"):
        report_on(article, phone="", email="")
    with pytest.raises(InvalidReport, match="请描述"):
        report_on(article, description="  ")
    with pytest.raises(InvalidReport, match="错误类型"):
        report_on(article, error_type="spam")
    assert Case.objects.count() == before
    assert report_on(article, phone="", email="citizen@example.org").case.submitter_email


@pytest.mark.django_db
def test_the_reply_is_due_three_working_days_after_receipt_across_a_weekend():
    # Received Friday 20 Nov 2026: Mon 23, Tue 24, Wed 25 Nov.
    report = report_on(article_of("T01"), received_on=date(2026, 11, 20))
    assert report.case.clock_started_on == date(2026, 11, 20)
    assert report.case.time_limit == 3
    assert report.case.due_on == date(2026, 11, 25)


@pytest.mark.django_db
def test_a_report_in_a_year_not_entered_gets_a_provisional_deadline(chengguan_officer):
    report = report_on(article_of("T01"), received_on=date(2099, 3, 2))
    case = Case.objects.get(pk=report.case_id)
    # Mon 2 Mar 2099 + 3 working days, counted by the statutory rule, marked 暂定.
    assert case.clock_started_on == date(2099, 3, 2)
    assert case.due_on == date(2099, 3, 5) and case.due_provisional
    case = actions.accept(case, chengguan_officer)
    assert case.due_on == date(2099, 3, 5) and case.due_provisional


# Transitions and permissions


@pytest.mark.django_db
def test_the_legal_path_accept_not_an_error_close(chengguan_officer):
    case = report_on(article_of("T01")).case
    case = actions.accept(case, chengguan_officer)
    assert case.state == k.HANDLING
    case = actions.mark_not_an_error(
        case, chengguan_officer, explanation="经核实，该镇名称在文中书写正确。"
    )
    assert case.state == k.NOT_AN_ERROR and "书写正确" in case.reply
    case = actions.close(case, chengguan_officer)
    assert case.state == k.CLOSED and case.closed_at is not None
    verbs = list(case.timeline.values_list("verb", flat=True))
    assert verbs == ["submit", "accept", "mark_not_an_error", "close"]


@pytest.mark.django_db
def test_a_reply_may_answer_a_report_straight_from_submitted(chengguan_officer):
    case = report_on(article_of("T01")).case
    case = actions.reply(case, chengguan_officer, text="该内容转载自市政府网站，已联系原发布单位。")
    assert case.state == k.REPLIED and case.replied_at is not None


def _at(state: str, officer) -> Case:
    case = report_on(article_of("T01")).case
    if state == k.HANDLING:
        case = actions.accept(case, officer)
    elif state == k.NOT_AN_ERROR:
        case = actions.mark_not_an_error(case, officer, explanation="无误")
    elif state == k.REPLIED:
        case = actions.reply(case, officer, text="已答复")
    elif state == k.CLOSED:
        case = actions.close(actions.reply(case, officer, text="已答复"), officer)
    return case


ILLEGAL = [
    (k.HANDLING, "accept", {}),
    (k.SUBMITTED, "close", {}),
    (k.HANDLING, "close", {}),
    (k.NOT_AN_ERROR, "reply", {"text": "再答复"}),
    (k.NOT_AN_ERROR, "mark_not_an_error", {"explanation": "再说明"}),
    (k.REPLIED, "accept", {}),
    (k.REPLIED, "transfer", {"reason": "不属本单位"}),
    (k.CLOSED, "mark_not_an_error", {"explanation": "无误"}),
    (k.CLOSED, "close", {}),
    (k.CLOSED, "mark_fixed", {"revision": None}),
]


@pytest.mark.django_db
@pytest.mark.parametrize("state, verb, kwargs", ILLEGAL)
def test_illegal_transitions_are_refused_and_change_nothing(chengguan_officer, state, verb, kwargs):
    case = _at(state, chengguan_officer)
    if verb == "transfer":
        kwargs = {**kwargs, "to_unit": Unit.objects.get(code="T02")}
    events = case.timeline.count()
    with pytest.raises(IllegalTransition, match="不能执行此操作"):
        getattr(actions, verb)(case, chengguan_officer, **kwargs)
    case.refresh_from_db()
    assert case.state == state and case.unit.code == "T01"
    assert case.timeline.count() == events


@pytest.mark.django_db
def test_empty_explanations_and_replies_are_refused(chengguan_officer):
    case = report_on(article_of("T01")).case
    with pytest.raises(IllegalTransition, match="请说明核实情况"):
        actions.mark_not_an_error(case, chengguan_officer, explanation=" ")
    with pytest.raises(IllegalTransition, match="答复内容不能为空"):
        actions.reply(case, chengguan_officer, text="")
    case.refresh_from_db()
    assert case.state == k.SUBMITTED and case.reply == ""


@pytest.mark.django_db
def test_another_units_staff_are_refused_and_the_county_office_may_act(
    chengguan_officer, qingshi_officer, office_headline_reviewer
):
    case = report_on(article_of("T01")).case
    with pytest.raises(PermissionDenied):
        actions.accept(case, qingshi_officer)
    with pytest.raises(PermissionDenied):
        actions.reply(case, qingshi_officer, text="不是我们的")
    case.refresh_from_db()
    assert case.state == k.SUBMITTED
    case = actions.accept(case, office_headline_reviewer)
    assert case.state == k.HANDLING


@pytest.mark.django_db
def test_a_transfer_needs_a_reason_and_another_unit_and_keeps_the_deadline(
    chengguan_officer, qingshi_officer
):
    case = actions.accept(report_on(article_of("T01")).case, chengguan_officer)
    due = case.due_on
    qingshi = Unit.objects.get(code="T02")
    with pytest.raises(IllegalTransition, match="转办必须填写理由"):
        actions.transfer(case, chengguan_officer, to_unit=qingshi, reason=" ")
    with pytest.raises(IllegalTransition, match="请选择其他单位"):
        actions.transfer(case, chengguan_officer, to_unit=case.unit, reason="不属本镇")
    case = actions.transfer(case, chengguan_officer, to_unit=qingshi, reason="该内容由青石镇提供")
    assert case.unit == qingshi and case.state == k.SUBMITTED and case.due_on == due
    assert "该内容由青石镇提供" in case.timeline.last().note
    with pytest.raises(PermissionDenied):
        actions.accept(case, chengguan_officer)
    assert actions.accept(case, qingshi_officer).state == k.HANDLING


# Fixing with a revision


@pytest.mark.django_db
def test_mark_fixed_takes_only_a_later_published_revision_of_the_reported_page(
    chengguan_officer, chengguan_reviewer
):
    article = article_of("T01")
    older = republish(article, chengguan_officer, chengguan_reviewer)
    case = report_on(article).case
    township = Unit.objects.get(code="T01").root_page
    other_article = (
        ArticlePage.objects.live()
        .filter(path__startswith=township.path)
        .exclude(pk=article.pk)
        .first()
    )
    other_revision = republish(other_article, chengguan_officer, chengguan_reviewer)
    draft = article.specific.save_revision(user=chengguan_officer)

    refusals = [
        (older, "早于纠错提交时间"),
        (other_revision, "不属于出错页面"),
        (draft, "尚未发布"),
        (None, "不属于出错页面"),
    ]
    for revision, message in refusals:
        with pytest.raises(IllegalTransition, match=message):
            actions.mark_fixed(case, chengguan_officer, revision=revision)
        case.refresh_from_db()
        assert case.state == k.SUBMITTED
        assert ErrorReport.objects.get(case=case).fixed_revision is None

    fixing = republish(article, chengguan_officer, chengguan_reviewer)
    assert list(actions.fixing_revisions(case.error_report)) == [fixing]
    case = actions.mark_fixed(case, chengguan_officer, revision=fixing)
    report = ErrorReport.objects.get(case=case)
    assert case.state == k.FIXED
    assert report.fixed_revision == fixing and report.fixed_at is not None
    assert "已修正" in case.reply
    assert actions.close(case, chengguan_officer).state == k.CLOSED


@pytest.mark.django_db
def test_a_report_without_a_page_cannot_be_marked_fixed(office_headline_reviewer):
    case = report_on(address="http://localhost/no-such-page/").case
    with pytest.raises(IllegalTransition, match="没有对应到本站页面"):
        actions.mark_fixed(case, office_headline_reviewer, revision=None)


# Public form and lookup


@pytest.mark.django_db
def test_the_footer_entry_prefills_the_page_address(client):
    article = article_of("T01")
    html = client.get(article.url).content.decode()
    link = re.search(r'href="(/error-report/\?url=[^"]+)"', html).group(1)
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert f'value="http://testserver{article.url}"' in form
    assert "请计算：" in form
    foreign = client.get("/error-report/?url=https://www.example.com/").content.decode()
    assert re.search(r'<input type="text" name="page_url"[^>]*value=""', foreign) or not re.search(
        r'name="page_url"[^>]*value="[^"]+"', foreign
    )


def _form_data(client, **extra) -> dict:
    html = client.get("/error-report/").content.decode()
    question = re.search(r'<label for="id_captcha_answer">([^<]+) \*</label>', html).group(1)
    token = re.search(r'name="captcha_token" value="([^"]+)"', html).group(1)
    data = {
        "page_url": "",
        "error_type": "broken_link",
        "description": "附件链接打不开。",
        "name": "赵市民",
        "phone": "",
        "email": "zhao@example.org",
        "captcha_token": token,
        "captcha_answer": solve(question),
    }
    data.update(extra)
    return data


@pytest.mark.django_db
def test_a_citizen_reports_through_the_form_and_gets_a_receipt_once(client):
    article = article_of("T01")
    address = f"http://testserver{article.url}"
    response = client.post("/error-report/", _form_data(client, page_url=address))
    html = response.content.decode()
    assert "感谢您的纠错" in html
    receipt = re.search(r'id="receipt-number">([^<]+)<', html).group(1)
    code = re.search(r'id="query-code">([^<]+)<', html).group(1)
    report = ErrorReport.objects.get(case__receipt_number=receipt)
    assert report.page_id == article.pk and report.case.unit.code == "T01"
    assert report.page_url == address and report.error_type == "broken_link"
    lookup = client.post("/cases/lookup/", {"receipt_number": receipt, "query_code": code})
    assert "待处理" in lookup.content.decode()


@pytest.mark.django_db
def test_the_form_refuses_foreign_hosts_and_missing_contacts_in_chinese(client):
    before = Case.objects.count()
    foreign = client.post(
        "/error-report/", _form_data(client, page_url="https://www.example.com/news/")
    ).content.decode()
    assert "只能报告本网站的页面" in foreign
    no_contact = client.post(
        "/error-report/", _form_data(client, page_url="/", email="")
    ).content.decode()
    assert "联系电话和电子邮箱请至少填写一项" in no_contact
    wrong = _form_data(client, page_url="/")
    wrong["captcha_answer"] = str(int(wrong["captcha_answer"]) + 1)
    refused = client.post("/error-report/", wrong).content.decode()
    assert "验证问题回答错误" in refused
    assert f'value="{wrong["captcha_answer"]}"' not in refused, "the old answer is not shown"
    assert Case.objects.count() == before


@pytest.mark.django_db
def test_the_lookup_shows_the_fix_with_its_date(client, chengguan_officer, chengguan_reviewer):
    article = article_of("T01")
    report, code = actions.submit_report(
        page_url=address_of(article),
        error_type=ErrorReport.ErrorType.TYPO,
        description=DESCRIPTION,
        name="王纠错",
        phone="13912345678",
    )
    lookup = {"receipt_number": report.case.receipt_number, "query_code": code}
    before = client.post("/cases/lookup/", lookup).content.decode()
    assert "待处理" in before and "修正情况" not in before
    case = actions.accept(report.case, chengguan_officer)
    actions.mark_fixed(
        case, chengguan_officer, revision=republish(article, chengguan_officer, chengguan_reviewer)
    )
    html = client.post("/cases/lookup/", lookup).content.decode()
    today = f"{timezone.localdate():%Y-%m-%d}"
    assert re.search(r'<dd id="case-state">已修正</dd>', html)
    assert f'<dd id="fix-status">已修正（{today}）</dd>' in html
    assert "您反映的问题已修正" in html
    assert "错别字/病句" in html


# Admin screens


@pytest.mark.django_db
def test_each_unit_sees_its_own_inbox_with_marks_and_the_county_office_sees_all(
    client, chengguan_officer, qingshi_officer, office_headline_reviewer
):
    today = timezone.localdate()
    overdue = report_on(article_of("T01"), received_on=date(today.year, 1, 5)).case
    fresh = report_on(article_of("T01")).case
    other = report_on(article_of("T02")).case

    client.force_login(chengguan_officer)
    html = client.get("/admin/error-reports/").content.decode()
    assert overdue.receipt_number in html and fresh.receipt_number in html
    assert other.receipt_number not in html
    row = re.search(rf'<tr data-warning="(\w*)"[^>]*>\s*<td><a[^>]*>{overdue.receipt_number}', html)
    assert row.group(1) == "red" and "已超期" in html
    refused = client.get(f"/admin/error-reports/{other.pk}/")
    assert (
        refused.status_code in (302, 403) and other.receipt_number not in refused.content.decode()
    )

    client.force_login(office_headline_reviewer)
    html = client.get("/admin/error-reports/").content.decode()
    for case in (overdue, fresh, other):
        assert case.receipt_number in html


def working_days_ago(count: int) -> date:
    """The latest day with `count` working days after it up to today."""
    today = day = timezone.localdate()
    while calendar.working_days_between(day, today) < count:
        day -= timedelta(days=1)
    return day


@pytest.mark.django_db
def test_the_yellow_mark_is_shown_within_two_working_days_of_the_deadline(
    client, chengguan_officer
):
    fresh = report_on(article_of("T01")).case  # 3 working days left: not marked yet
    soon = report_on(article_of("T01"), received_on=working_days_ago(1)).case  # 2 left
    client.force_login(chengguan_officer)
    html = client.get("/admin/error-reports/").content.decode()
    for case, expected in ((fresh, ""), (soon, "yellow")):
        mark = re.search(
            rf'<tr data-warning="(\w*)"[^>]*>\s*<td><a[^>]*>{case.receipt_number}', html
        )
        assert mark.group(1) == expected, case.receipt_number
    assert "即将到期" in html
    # Answered reports carry no mark, even once their date has passed.
    actions.reply(soon, chengguan_officer, text="已答复")
    html = client.get("/admin/error-reports/").content.decode()
    mark = re.search(rf'<tr data-warning="(\w*)"[^>]*>\s*<td><a[^>]*>{soon.receipt_number}', html)
    assert mark.group(1) == ""


@pytest.mark.django_db
def test_the_handling_page_lists_the_later_revisions_and_marks_the_report_fixed(
    client, chengguan_officer, chengguan_reviewer
):
    article = article_of("T01")
    case = report_on(article).case
    client.force_login(chengguan_officer)
    url = f"/admin/error-reports/{case.pk}/"
    html = client.get(url).content.decode()
    assert "还没有发布过新版本" in html
    assert 'data-verb="accept"' in html and 'data-verb="close"' not in html

    revision = republish(article, chengguan_officer, chengguan_reviewer)
    html = client.get(url).content.decode()
    shown = f"{timezone.localtime(revision.created_at):%Y-%m-%d %H:%M} cg_officer"
    assert shown in html
    response = client.post(
        url,
        {"verb": "mark_fixed", "mark_fixed-revision": revision.pk, "mark_fixed-text": ""},
        follow=True,
    )
    assert "已完成：标记为已修正" in response.content.decode()
    report = ErrorReport.objects.get(case=case)
    assert report.fixed_revision == revision
    assert 'data-verb="close"' in response.content.decode()


@pytest.mark.django_db
def test_the_handling_page_transfers_with_a_reason(client, chengguan_officer):
    case = report_on(article_of("T01")).case
    client.force_login(chengguan_officer)
    url = f"/admin/error-reports/{case.pk}/"
    qingshi = Unit.objects.get(code="T02")
    refused = client.post(url, {"verb": "transfer", "transfer-to_unit": qingshi.pk}).content
    assert "转办必须填写理由" in refused.decode()
    response = client.post(
        url, {"verb": "transfer", "transfer-to_unit": qingshi.pk, "transfer-reason": "青石镇稿件"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.unit == qingshi


@pytest.mark.django_db
def test_the_admin_menu_offers_the_inbox_to_unit_staff(client, chengguan_officer):
    client.force_login(chengguan_officer)
    html = client.get("/admin/").content.decode()
    menu_label = json.dumps("网站纠错")[1:-1]  # the sidebar carries its labels as JSON
    assert menu_label in html and '"url": "/admin/error-reports/"' in html


def test_the_unit_is_mailed_when_a_report_arrives_and_the_reporter_when_it_is_answered(
    smtp_server, chengguan_officer, django_capture_on_commit_callbacks
):
    chengguan_officer.email = "officer@chengguan.example"
    chengguan_officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        report = report_on(article_of("T01"), email="reporter@example.com")
    arrived = smtp_server.to("officer@chengguan.example")
    assert len(arrived) == 1 and report.case.receipt_number in arrived[0]["Subject"]
    with django_capture_on_commit_callbacks(execute=True):
        actions.mark_not_an_error(report.case, chengguan_officer, explanation="经核实无误。")
    answered = smtp_server.to("reporter@example.com")
    assert len(answered) == 1 and "已答复" in answered[0]["Subject"]
