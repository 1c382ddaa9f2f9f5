"""The statutory outcomes of a disclosure request (条例 Art. 36-39), as the annual report counts them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    DISCLOSED = "disclosed", _("予以公开")
    PARTLY_DISCLOSED = "partly", _("部分公开")
    NOT_DISCLOSED = "not_disclosed", _("不予公开")
    CANNOT_PROVIDE = "cannot_provide", _("无法提供")
    NOT_HANDLED = "not_handled", _("不予处理")
    OTHER = "other", _("其他处理")


# Sub-reasons, each its own row of the annual report's third table.
SUB_REASONS: dict[str, list[tuple[str, str]]] = {
    Outcome.NOT_DISCLOSED: [
        ("state_secret", _("属于国家秘密")),
        ("prohibited_by_law", _("其他法律行政法规禁止公开")),
        ("endangers_security", _("危及“三安全一稳定”")),
        ("third_party_rights", _("保护第三方合法权益")),
        ("internal_affairs", _("属于三类内部事务信息")),
        ("process_information", _("属于四类过程性信息")),
        ("enforcement_files", _("属于行政执法案卷")),
        ("query_matters", _("属于行政查询事项")),
    ],
    Outcome.CANNOT_PROVIDE: [
        ("not_held", _("本机关不掌握相关政府信息")),
        ("needs_new_processing", _("没有现成信息需要另行制作")),
        ("unclear_after_correction", _("补正后申请内容仍不明确")),
    ],
    Outcome.NOT_HANDLED: [
        ("petition", _("信访举报投诉类申请")),
        ("repeat", _("重复申请")),
        ("publication", _("要求提供公开出版物")),
        ("excessive", _("无正当理由大量反复申请")),
        ("confirmation", _("要求行政机关确认或重新出具已获取信息")),
    ],
    Outcome.OTHER: [
        ("correction_overdue", _("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")),
        (
            "fee_overdue",
            _("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ),
        ("other", _("其他")),
    ],
}


def sub_reason_label(outcome: str, code: str) -> str:
    return str(dict(SUB_REASONS.get(outcome, [])).get(code, ""))


def outcome_needs_sub_reason(outcome: str) -> bool:
    return outcome in SUB_REASONS
