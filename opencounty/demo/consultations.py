"""Two consultations in the county's 互动交流 column: one open, one closed and answered.

Comments go through the real actions, moderated by the demo accounts; the closed
consultation is run as if open, then its period is moved back and republished.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from opencounty.interaction.consultations import actions
from opencounty.interaction.models import (
    ConsultationComment,
    ConsultationPage,
    ConsultationSection,
)
from opencounty.portal.models import ColumnPage, PortalHomePage

A = ConsultationComment.Adoption
OPEN_DRAFT = {
    "slug": "parking-rules-draft",
    "title": "示范县城区机动车停放管理办法（征求意见稿）",
    "intro": "为规范城区机动车停放秩序，县住房和城乡建设局起草了本办法（演示）。"
    "现公开征求社会公众意见，欢迎对草案整体或具体章节提出意见。",
    "sections": [
        ("总则", "本办法适用于示范县城区范围内道路及公共停车场的机动车停放管理（演示）。"),
        ("停车设施规划", "县住房和城乡建设局会同有关部门编制城区停车设施专项规划（演示）。"),
        ("收费管理", "公共停车场实行政府指导价，首30分钟免费（演示）。"),
        ("附则", "本办法自发布之日起施行，有效期五年（演示）。"),
    ],
}
CLOSED_DRAFT = {
    "slug": "rural-waste-plan-draft",
    "title": "示范县农村生活垃圾治理实施方案（征求意见稿）",
    "intro": "为改善农村人居环境，县农业农村局起草了本实施方案（演示），现已结束征集。",
    "sections": [
        ("工作目标", "到2027年，行政村生活垃圾收运处置体系覆盖率达到100%（演示）。"),
        ("分类收集", "推行“户分类、村收集、镇转运、县处理”模式（演示）。"),
        ("保障措施", "将农村生活垃圾治理经费纳入县级财政预算（演示）。"),
    ],
}
OPEN_COMMENTS = [
    # section number (0 = whole draft), name, text, moderation
    (3, "王先生", "建议首30分钟免费延长至1小时，方便群众办事。", "approve"),
    (0, "", "建议增加新能源汽车充电车位的规定。", "approve"),
    (2, "李女士", "老旧小区停车难，规划应优先考虑老旧小区周边。", None),
    (3, "张先生", "夜间收费标准应适当降低。", None),
    (0, "", "与本次征集无关的广告内容（演示）。", "reject"),
]
CLOSED_COMMENTS = [
    (2, "赵先生", "建议给每户发放分类垃圾桶。", A.ADOPTED, "已纳入第二部分，由镇政府统一配发。"),
    (1, "", "目标年份可否提前到2026年？", A.NOT_ADOPTED, "需与全市规划衔接，暂不调整。"),
    (3, "陈女士", "建议设立村级保洁员补贴。", A.PARTLY, "补贴由镇级统筹，村级另行研究。"),
]
FEEDBACK = (
    "本次征集期间共收到社会公众意见3条，经认真研究，采纳1条、部分采纳1条、未采纳1条，"
    "具体情况见下表。感谢社会各界的关心和支持（演示）。"
)


def build_consultations(today: date) -> int:
    """Add the two demo consultations if missing; returns how many were made."""
    home = PortalHomePage.objects.first()
    column = ColumnPage.objects.child_of(home).filter(slug="interaction").first() if home else None
    User = get_user_model()
    moderator = User.objects.filter(username="county_reviewer").first()
    if column is None or moderator is None:
        return 0
    made = 0
    if not ConsultationPage.objects.filter(slug=OPEN_DRAFT["slug"]).exists():
        _open_consultation(column, moderator, today)
        made += 1
    if not ConsultationPage.objects.filter(slug=CLOSED_DRAFT["slug"]).exists():
        _closed_consultation(column, moderator, today)
        made += 1
    return made


def _page(column: ColumnPage, draft: dict, opens_on: date, closes_on: date) -> ConsultationPage:
    page = ConsultationPage(
        title=draft["title"],
        slug=draft["slug"],
        intro=draft["intro"],
        opens_on=opens_on,
        closes_on=closes_on,
        is_normative_document=True,
        contact="县政府办公室，0000-6000000（演示号码）",
    )
    for order, (heading, text) in enumerate(draft["sections"]):
        page.sections.add(ConsultationSection(heading=heading, text=text, sort_order=order))
    page.first_published_at = page.last_published_at = timezone.now()
    column.add_child(instance=page)
    return page


def _section(page: ConsultationPage, number: int) -> ConsultationSection | None:
    return page.sections.all()[number - 1] if number else None


def _open_consultation(column: ColumnPage, moderator, today: date) -> ConsultationPage:
    page = _page(column, OPEN_DRAFT, today - timedelta(days=10), today + timedelta(days=25))
    for n, (number, name, text, verdict) in enumerate(OPEN_COMMENTS):
        comment = actions.submit_comment(
            page,
            phone=f"1390000{n:04d}",
            text=text,
            name=name,
            section=_section(page, number),
            client=f"192.0.2.{n + 1}",
        )
        if verdict == "approve":
            actions.approve_comment(comment, moderator)
        elif verdict == "reject":
            actions.reject_comment(comment, moderator, reason="与征集内容无关。")
    return page


def _closed_consultation(column: ColumnPage, moderator, today: date) -> ConsultationPage:
    opens_on, closes_on = today - timedelta(days=50), today - timedelta(days=15)
    page = _page(column, CLOSED_DRAFT, opens_on, today)
    for n, (number, name, text, adoption, reason) in enumerate(CLOSED_COMMENTS):
        comment = actions.submit_comment(
            page,
            phone=f"1390001{n:04d}",
            text=text,
            name=name,
            section=_section(page, number),
            client=f"198.51.100.{n + 1}",
        )
        actions.approve_comment(comment, moderator)
        actions.decide_adoption(comment, moderator, adoption=adoption, reason=reason)
        ConsultationComment.objects.filter(pk=comment.pk).update(
            submitted_at=timezone.now() - timedelta(days=40 - n)
        )
    # The period is moved back to where it would have been, through a published revision.
    page.closes_on = closes_on
    page.save_revision(user=moderator).publish(user=moderator, skip_permission_checks=True)
    actions.publish_feedback(page, moderator, text=FEEDBACK)
    return page
