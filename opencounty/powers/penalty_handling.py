"""How staff handle a penalty case: the engine's inbox and detail screens read this."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from opencounty.cases import kinds
from opencounty.cases.kinds import Handling, StaffVerb
from opencounty.powers import penalty_actions as actions
from opencounty.powers import penalty_forms as forms
from opencounty.powers.models import Publication
from opencounty.powers.penalty_kind import PENALTY


def _not_published(case, user) -> bool:
    return not Publication.objects.filter(case=case).exists()


def _detail(case, user, today, work_calendar) -> dict:
    penalty = case.penalty
    due = actions.publish_due(penalty.decided_on) if penalty.decided_on else None
    publication = Publication.objects.filter(case=case).first()
    return {
        "penalty": penalty,
        "publication": publication,
        "publish_due": due,
        "publish_late": bool(due and not publication and today > due),
    }


VERBS = {
    "investigate": StaffVerb(
        _("调查取证完毕"),
        forms.InvestigateForm,
        lambda case, user, d: actions.investigate(case, user, evidence=d["evidence"]),
    ),
    "notify_party": StaffVerb(
        _("告知当事人"),
        forms.NotifyForm,
        lambda case, user, d: actions.notify_party(case, user, notice=d["notice"], on=d["on"]),
    ),
    "record_defence": StaffVerb(
        _("记录陈述申辩或听证"),
        forms.DefenceForm,
        lambda case, user, d: actions.record_defence(
            case, user, defence=d["defence"], hearing_requested=d["hearing_requested"]
        ),
        optional=True,
    ),
    "decide": StaffVerb(
        _("作出处罚决定"),
        forms.DecideForm,
        lambda case, user, d: actions.decide(
            case,
            user,
            decision_number=d["decision_number"],
            decision=d["decision"],
            basis=d["basis"],
            fine=d["fine"],
            on=d["on"],
        ),
    ),
    "deliver": StaffVerb(
        _("送达决定书"),
        forms.DeliverForm,
        lambda case, user, d: actions.deliver(case, user, on=d["on"]),
    ),
    "execute": StaffVerb(
        _("执行完毕"),
        forms.ExecuteForm,
        lambda case, user, d: actions.execute(case, user, execution=d["execution"], on=d["on"]),
    ),
    "close": StaffVerb(
        _("结案"),
        forms.CloseForm,
        lambda case, user, d: actions.close(case, user, note=d["note"]),
    ),
    "extend": StaffVerb(
        _("延长办案期限"),
        forms.ExtendForm,
        lambda case, user, d: actions.extend(case, user, days=d["days"], reason=d["reason"]),
        optional=True,
    ),
    "publish": StaffVerb(
        _("双公示"),
        forms.PublishForm,
        lambda case, user, d: actions.publish(case, user),
        shown=_not_published,
        optional=True,
    ),
}


def register() -> None:
    kinds.register_handling(
        PENALTY.code,
        Handling(
            admin_path="penalty-cases",
            menu_label=_("行政处罚案件"),
            menu_icon="warning",
            menu_order=264,
            verbs=VERBS,
            related=("penalty", "penalty__power"),
            title_heading=_("案件名称"),
            detail_template="powers/admin/penalty_detail.html",
            detail_context=_detail,
        ),
    )
