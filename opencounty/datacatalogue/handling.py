"""How the provider handles a sharing request: the engine's screens read this."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from opencounty.cases import kinds
from opencounty.cases.kinds import Handling, StaffVerb
from opencounty.cases.models import Case
from opencounty.core.access import sees_every_unit, staff_units
from opencounty.datacatalogue import actions
from opencounty.datacatalogue import kind as k
from opencounty.datacatalogue import staff_forms as forms


def _sharing(case, user) -> dict:
    return {"sharing": case.sharing_request}


def visible(user):
    """Requests to the user's units and from them (the requester follows its own request)."""
    cases = Case.objects.filter(kind=k.DATA_SHARING.code)
    if sees_every_unit(user):
        return cases
    units = staff_units(user)
    return cases.filter(unit__in=units) | cases.filter(sharing_request__requesting_unit__in=units)


VERBS = {
    "grant": StaffVerb(
        _("同意共享"),
        forms.GrantForm,
        lambda case, user, d: actions.grant(case, user, note=d["note"]),
        form_kwargs=_sharing,
    ),
    "refuse": StaffVerb(
        _("不予共享"),
        forms.RefuseForm,
        lambda case, user, d: actions.refuse(case, user, reason=d["reason"]),
        form_kwargs=_sharing,
    ),
}


def register() -> None:
    kinds.register_handling(
        k.DATA_SHARING.code,
        Handling(
            admin_path="data-sharing",
            menu_label=_("数据共享申请"),
            menu_icon="link",
            menu_order=266,
            verbs=VERBS,
            visible=visible,
            related=("sharing_request__resource", "sharing_request__requesting_unit"),
            title_heading=_("申请内容"),
            detail_template="datacatalogue/admin/sharing_detail.html",
            detail_context=lambda case, user, today, work_calendar: {
                "sharing": case.sharing_request
            },
        ),
    )
