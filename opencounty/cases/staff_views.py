"""What every staff handling page shares: one form per verb legal in the case's state,
the bound one performed through the domain's action, refusals shown in Chinese."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import HttpRequest
from django.utils.translation import gettext as _

from opencounty.cases.actions import IllegalTransition
from opencounty.cases.models import Case

Verbs = dict[str, tuple[str, type[Form]]]


def verb_forms(
    request: HttpRequest,
    case: Case,
    verbs: Verbs,
    perform: Callable[[str, Case, object, dict], Case],
    *,
    shown: Callable[[str], bool] = lambda verb: True,
    form_kwargs: Callable[[str], dict] = lambda verb: {},
    refusals: tuple[type[Exception], ...] = (IllegalTransition, PermissionDenied),
) -> tuple[list[tuple[str, str, Form]], bool]:
    """(verb, label, form) for each verb legal now, and whether the posted one was done."""
    bound_verb = request.POST.get("verb") if request.method == "POST" else None
    forms = []
    for verb, (label, form_class) in verbs.items():
        if not case.case_kind.allows(verb, case.state) or not shown(verb):
            continue
        data = request.POST if verb == bound_verb else None
        form = form_class(data, prefix=verb, **form_kwargs(verb))
        forms.append((verb, label, form))
        if verb == bound_verb and form.is_valid():
            try:
                perform(verb, case, request.user, form.cleaned_data)
            except refusals as exc:
                messages.error(request, str(exc) or _("您无权执行此操作。"))
            else:
                messages.success(request, _("已完成：%(action)s") % {"action": label})
                return forms, True
    return forms, False
