"""Error reports (我为政府网站找错) for the demo county, in every state.

They go through the real actions, handled by the demo accounts; the fixed one is
linked to a real revision of the article, saved by the township's officer and
published by its reviewer through the review workflow. Overdue and nearly due
reports are received on earlier days.
"""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from opencounty.cases.models import Case
from opencounty.core.models import Unit
from opencounty.demo.dates import working_days_ago
from opencounty.interaction.error_reports import actions
from opencounty.interaction.models import ErrorReport
from opencounty.portal.models import ArticlePage

T = ErrorReport.ErrorType
HANDLERS = ("chengguan_officer", "chengguan_reviewer", "qingshi_officer", "office_headline")


def _articles(unit_code: str) -> list[ArticlePage]:
    unit = Unit.objects.filter(code=unit_code).first()
    if unit is None or unit.root_page is None:
        return []
    root = unit.root_page
    return list(ArticlePage.objects.live().filter(path__startswith=root.path).order_by("path")[:8])


def _report(page, error_type: str, description: str, n: int, *, address: str = "", on=None):
    report, _code = actions.submit_report(
        page_url=address or f"http://localhost{page.url}",
        error_type=error_type,
        description=description,
        name="网民" + "甲乙丙丁戊己庚辛壬癸"[n % 10],
        phone=f"1370000{n:04d}" if n % 2 == 0 else "",
        email="" if n % 2 == 0 else f"reporter{n}@example.org",
        received_on=on,
    )
    if on is not None:
        at = timezone.make_aware(datetime.combine(on, datetime.min.time()).replace(hour=10))
        Case.objects.filter(pk=report.case_id).update(submitted_at=at)
    return report.case


def _corrected_revision(article: ArticlePage, officer, reviewer, today: date):
    """The officer corrects the article and submits it; the reviewer approves (publishes) it."""
    article = article.specific
    article.body = f"{article.body}<p>（本文已于{today:%Y年%m月%d日}更正。）</p>"
    article.save_revision(user=officer)
    article.get_workflow().start(article, officer)
    article.refresh_from_db()
    task_state = article.current_workflow_task_state
    task_state.task.specific.on_action(task_state.specific, reviewer, "approve")
    article.refresh_from_db()
    return article.live_revision


def build_error_reports(today: date) -> int:
    if ErrorReport.objects.exists():
        return 0
    users = {u.username: u for u in get_user_model().objects.filter(username__in=HANDLERS)}
    townships, qingshi = _articles("T01"), _articles("T02")
    if len(users) < len(HANDLERS) or not townships or not qingshi:
        return 0

    def chengguan(n: int) -> ArticlePage:
        return townships[n % len(townships)]

    officer, reviewer = users["chengguan_officer"], users["chengguan_reviewer"]
    office = users["office_headline"]

    _report(chengguan(0), T.TYPO, "正文第一段有错别字（演示）。", 0)  # 待处理
    _report(
        chengguan(1), T.OUTDATED, "文中联系电话已停用（演示）。", 1, on=working_days_ago(today, 1)
    )
    _report(
        chengguan(2), T.BROKEN_LINK, "文末链接无法打开（演示）。", 2, on=working_days_ago(today, 6)
    )
    actions.accept(_report(chengguan(3), T.BROKEN_FILE, "附件下载后无法打开（演示）。", 3), officer)
    actions.transfer(
        _report(chengguan(4), T.OUTDATED, "文中青石镇的办公地址有误（演示）。", 4),
        officer,
        to_unit=Unit.objects.get(code="T02"),
        reason="该内容由青石镇提供，请青石镇核实（演示）",
    )
    fixed = actions.accept(
        _report(chengguan(5), T.TYPO, "正文日期与发布时间不一致（演示）。", 5), officer
    )
    actions.mark_fixed(
        fixed,
        officer,
        revision=_corrected_revision(chengguan(5), officer, reviewer, today),
        text="经核实，正文日期有误，已更正。感谢您的支持！（演示）",
    )
    actions.mark_not_an_error(
        _report(qingshi[0], T.OUTDATED, "政策文件似乎已过期（演示）。", 6),
        users["qingshi_officer"],
        explanation="经核实，该文件现行有效，有效期至明年年底（演示）。",
    )
    replied = actions.reply(
        _report(chengguan(0), T.OTHER, "希望增加英文版页面（演示）。", 7),
        officer,
        text="感谢建议，我们将在网站改版时统筹考虑（演示）。",
    )
    actions.close(replied, officer)
    actions.reply(
        _report(chengguan(1), T.BROKEN_FILE, "图片在手机上显示不全（演示）。", 10),
        officer,
        text="该图片为转载内容，已联系原发布单位提供清晰版本（演示）。",
    )
    _report(
        None,
        T.UNREACHABLE,
        "该地址打开显示页面不存在（演示）。",
        8,
        address="http://localhost/zhuanti/old-page/",
    )
    lost = _report(None, T.OTHER, "首页某栏目长期未更新（演示）。", 9, address="http://localhost/")
    actions.accept(lost, office)
    return ErrorReport.objects.count()
