"""The staff screens of information submissions (in the Wagtail admin): the list, writing an
item, an item's page with the verbs this person may perform, bulletin issues, scores and the
rule table. Every change goes through `actions`."""

from __future__ import annotations

import difflib
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opencounty.core.models import Unit
from opencounty.core.storage import private_file_response
from opencounty.submissions import access, actions, exports, scoring
from opencounty.submissions.forms import (
    AdoptedTextForm,
    AdoptForm,
    FilterForm,
    IssueForm,
    MergeForm,
    PeriodForm,
    ReasonForm,
    SubmissionForm,
    UpwardForm,
)
from opencounty.submissions.models import BulletinIssue, ScoringRule, Submission

State = Submission.State
PAGE_SIZE = 200


def _staff(request: HttpRequest) -> None:
    if not (access.writable_units(request.user) or access.is_editor(request.user)):
        raise PermissionDenied


def submission_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    items = access.visible_submissions(request.user).select_related("unit", "issue")
    units = Unit.objects.filter(pk__in=items.values("unit")).order_by("kind", "order", "code")
    form = FilterForm(request.GET or None, units=units)
    if form.is_valid():
        data = form.cleaned_data
        if data["unit"]:
            items = items.filter(unit=data["unit"])
        if data["category"]:
            items = items.filter(category=data["category"])
        if data["state"]:
            items = items.filter(state=data["state"])
        if data["start"]:
            items = items.filter(created_at__date__gte=data["start"])
        if data["end"]:
            items = items.filter(created_at__date__lte=data["end"])
    items = items.order_by("-submitted_at", "-created_at")
    return TemplateResponse(
        request,
        "submissions/admin/list.html",
        {
            "items": items[:PAGE_SIZE],
            "total": items.count(),
            "form": form,
            "may_write": bool(access.writable_units(request.user)),
            "is_editor": access.is_editor(request.user),
        },
    )


def _visible(request: HttpRequest, pk: int) -> Submission:
    item = (
        access.visible_submissions(request.user)
        .filter(pk=pk)
        .select_related("unit", "author", "approved_by", "issue", "merged_into")
    )
    return get_object_or_404(item)


def _save(request: HttpRequest, item: Submission | None) -> HttpResponse:
    units = access.writable_units(request.user)
    if not units:
        raise PermissionDenied
    if item is not None and (
        item.state not in actions.EDITABLE or not access.may_write(request.user, item.unit)
    ):
        messages.error(request, _("该信息当前不能修改。"))
        return redirect("submissions_admin:detail", item.pk)
    initial = SubmissionForm.initial_for(item) if item else {}
    form = SubmissionForm(request.POST or None, request.FILES or None, units=units, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = actions.save_draft(
                    form.cleaned_data["unit"],
                    request.user,
                    form.action_data(),
                    submission=item,
                    attachment=form.cleaned_data.get("attachment"),
                )
            except (actions.SubmissionRefused, PermissionDenied) as exc:
                messages.error(request, str(exc) or _("您无权执行此操作。"))
            else:
                if request.POST.get("verb") != "send":
                    messages.success(request, _("信息已保存为草稿。"))
                    return redirect("submissions_admin:detail", saved.pk)
                try:
                    actions.request_approval(saved, request.user)
                except actions.SubmissionRefused as exc:
                    # Saved, not sent: the officer corrects the saved draft, not a new one.
                    messages.warning(request, _("信息已保存为草稿，但未能送审签。"))
                    messages.error(request, str(exc))
                    return redirect("submissions_admin:edit", saved.pk)
                messages.success(request, _("信息已保存并送本单位领导审签。"))
                return redirect("submissions_admin:detail", saved.pk)
        else:
            messages.error(request, _("保存未成功，请按提示修改。"))
    return TemplateResponse(request, "submissions/admin/form.html", {"form": form, "item": item})


def submission_new(request: HttpRequest) -> HttpResponse:
    return _save(request, None)


def submission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save(request, _visible(request, pk))


def _diff(item: Submission) -> list[tuple[str, str]]:
    """The unit's original against the adopted text, line by line: (kind, text)."""
    if not item.adopted_body and not item.adopted_title:
        return []
    before = [item.title, *item.body.splitlines()]
    after = [item.shown_title, *item.shown_body.splitlines()]
    lines = []
    for line in difflib.ndiff(before, after):
        kind = {"- ": "removed", "+ ": "added", "  ": "same"}.get(line[:2])
        if kind:
            lines.append((kind, line[2:]))
    return lines


def _verbs(request: HttpRequest, item: Submission) -> list[dict]:
    """The forms this person may use on the item now (the actions still decide)."""
    user, offered = request.user, []
    may_write = access.may_write(user, item.unit)
    editor = access.is_editor(user)
    if item.state in actions.EDITABLE and may_write:
        offered.append({"verb": "request_approval", "label": _("送本单位领导审签"), "form": None})
    if item.state == State.AWAITING_APPROVAL and access.may_approve(user, item):
        offered.append({"verb": "approve", "label": _("审签并报送"), "form": None})
        offered.append(
            {"verb": "send_back", "label": _("退回修改"), "form": ReasonForm(prefix="send_back")}
        )
    if editor and item.state == State.SUBMITTED:
        offered.append({"verb": "adopt", "label": _("采用"), "form": AdoptForm(prefix="adopt")})
        offered.append({"verb": "return", "label": _("退回"), "form": ReasonForm(prefix="return")})
        merge = MergeForm(prefix="merge", lead=item)
        if merge.fields["others"].queryset:
            offered.append({"verb": "merge", "label": _("合并"), "form": merge})
    signed = item.issue_id and item.issue.state == BulletinIssue.State.SIGNED
    if editor and item.state in (State.SUBMITTED, State.ADOPTED) and not signed:
        text = AdoptedTextForm(
            prefix="text", initial={"title": item.shown_title, "body": item.shown_body}
        )
        offered.append({"verb": "edit_text", "label": _("保存采用稿"), "form": text})
    if editor and item.state == State.ADOPTED:
        offered.append(
            {
                "verb": "record_upward",
                "label": _("登记上级采用或批示"),
                "form": UpwardForm(prefix="upward"),
            }
        )
    return offered


def _perform(request: HttpRequest, item: Submission, verb: str) -> str | None:
    """Perform one verb from the POST; returns the success message, or None after errors."""
    user = request.user
    if verb == "request_approval":
        actions.request_approval(item, user)
        return _("已送本单位领导审签。")
    if verb == "approve":
        item = actions.approve(item, user)
        return _("已审签并报送，全县编号 %(number)s。") % {"number": item.reference}
    forms_by_verb = {
        "send_back": lambda: ReasonForm(request.POST, prefix="send_back"),
        "return": lambda: ReasonForm(request.POST, prefix="return"),
        "adopt": lambda: AdoptForm(request.POST, prefix="adopt"),
        "merge": lambda: MergeForm(request.POST, prefix="merge", lead=item),
        "edit_text": lambda: AdoptedTextForm(request.POST, prefix="text"),
        "record_upward": lambda: UpwardForm(request.POST, prefix="upward"),
    }
    if verb not in forms_by_verb:
        raise actions.SubmissionRefused(_("未知的操作。"))
    form = forms_by_verb[verb]()
    if not form.is_valid():
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}：{error}" if label else error)
        return None
    data = form.cleaned_data
    if verb == "send_back":
        actions.send_back(item, user, data["reason"])
        return _("已退回信息员修改。")
    if verb == "return":
        actions.return_submission(item, user, data["reason"])
        return _("已退回报送单位。")
    if verb == "adopt":
        actions.adopt(item, data["issue"], user, on=data["adopted_on"])
        return _("已采用到%(issue)s。") % {"issue": data["issue"]}
    if verb == "merge":
        actions.merge(item, list(data["others"]), user)
        return _("已合并 %(count)s 条信息。") % {"count": len(data["others"])}
    if verb == "edit_text":
        actions.edit_adopted_text(item, user, data["title"], data["body"])
        return _("采用稿已保存，原稿保留。")
    actions.record_upward(item, data["level"], user, on=data["adopted_on"], note=data["note"])
    return _("已登记。")


def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible(request, pk)
    if request.method == "POST":
        try:
            done = _perform(request, item, request.POST.get("verb", ""))
        except (actions.SubmissionRefused, PermissionDenied) as exc:
            messages.error(request, str(exc) or _("您无权执行此操作。"))
        else:
            if done:
                messages.success(request, done)
                return redirect("submissions_admin:detail", item.pk)
        item = _visible(request, pk)
    return TemplateResponse(
        request,
        "submissions/admin/detail.html",
        {
            "item": item,
            "verbs": _verbs(request, item),
            "may_edit": item.state in actions.EDITABLE
            and access.may_write(request.user, item.unit),
            "diff": _diff(item),
            "events": item.events.select_related("actor"),
            "merged_items": item.merged_items.select_related("unit"),
            "upward": item.upward_adoptions.all(),
        },
    )


def submission_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible(request, pk)
    suffix = item.attachment.name.rsplit(".", 1)[-1] if "." in item.attachment.name else "bin"
    return private_file_response(item.attachment, f"attachment-{item.pk}.{suffix}")


def issue_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    editor = access.is_editor(request.user)
    form = IssueForm(request.POST or None) if editor else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                issue = actions.create_issue(
                    form.cleaned_data["bulletin"], request.user, on=form.cleaned_data["issued_on"]
                )
            except (actions.SubmissionRefused, PermissionDenied) as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("已新建%(issue)s。") % {"issue": issue})
                return redirect("submissions_admin:issue", issue.pk)
    issues = BulletinIssue.objects.all()
    if not editor:
        issues = issues.filter(state=BulletinIssue.State.SIGNED)
    return TemplateResponse(
        request,
        "submissions/admin/issues.html",
        {
            "issues": issues.select_related("signed_by")[:PAGE_SIZE],
            "form": form,
            "is_editor": editor,
        },
    )


def _issue(request: HttpRequest, pk: int) -> BulletinIssue:
    _staff(request)
    issue = get_object_or_404(BulletinIssue, pk=pk)
    if issue.state != BulletinIssue.State.SIGNED and not access.is_editor(request.user):
        raise Http404
    return issue


def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    if request.method == "POST":
        try:
            actions.sign_issue(issue, request.user)
        except (actions.SubmissionRefused, PermissionDenied) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(issue)s已签发。") % {"issue": issue})
            return redirect("submissions_admin:issue", issue.pk)
    return TemplateResponse(
        request,
        "submissions/admin/issue.html",
        {
            "issue": issue,
            "items": issue.items.select_related("unit").order_by("pk"),
            "may_sign": access.may_sign(request.user) and issue.state == BulletinIssue.State.DRAFT,
            "editor_unit": exports.editor_unit_name(),
        },
    )


def issue_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return exports.docx_response(_issue(request, pk))


def _period(request: HttpRequest) -> tuple[PeriodForm, scoring.Period]:
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, initial={"year": today.year, "kind": "year"})
    chosen = scoring.period("year", today.year)
    if form.is_valid():
        data = form.cleaned_data
        chosen = scoring.period(data["kind"], data["year"], data["part"] or 1)
    return form, chosen


def scores(request: HttpRequest) -> HttpResponse:
    _staff(request)
    form, period = _period(request)
    units = scoring.unit_scores(period)
    editor = access.is_editor(request.user)
    own = {unit.pk for unit in access.writable_units(request.user)}
    top = max((score.points for score in units), default=Decimal(0))
    return TemplateResponse(
        request,
        "submissions/admin/scores.html",
        {
            "form": form,
            "period": period,
            "units": units,
            "own": own,
            "top": top if top > 0 else Decimal(1),
            "officers": scoring.officer_scores(period) if editor else [],
            "is_editor": editor,
            "query": request.GET.urlencode(),
        },
    )


def scores_xlsx(request: HttpRequest) -> HttpResponse:
    if not access.is_editor(request.user):
        raise PermissionDenied
    _form, period = _period(request)
    return exports.xlsx_response(
        period, scoring.unit_scores(period), scoring.officer_scores(period)
    )


def _editor_period(request: HttpRequest) -> scoring.Period:
    if not access.is_editor(request.user):
        raise PermissionDenied
    return _period(request)[1]


def notice_docx(request: HttpRequest) -> HttpResponse:
    period = _editor_period(request)
    return exports.notice_response(period, scoring.unit_scores(period))


@require_POST
def notice_article(request: HttpRequest) -> HttpResponse:
    """The 通报 as a 通知公告 article, sent into the portal's review workflow."""
    period = _editor_period(request)
    try:
        article, created = actions.draft_notice_article(
            period, scoring.unit_scores(period), request.user
        )
    except actions.SubmissionRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(f"{reverse('submissions_admin:scores')}?{request.GET.urlencode()}")
    if created:
        messages.success(request, _("已生成通报稿件并提交审核，审核通过后在“通知公告”栏目发布。"))
    else:
        messages.info(request, _("本期通报稿件已在审核中。"))
    return redirect("wagtailadmin_pages:edit", article.pk)


def upward_docx(request: HttpRequest) -> HttpResponse:
    return exports.upward_docx_response(_editor_period(request))


def upward_xlsx(request: HttpRequest) -> HttpResponse:
    return exports.upward_xlsx_response(_editor_period(request))


def chronicle(request: HttpRequest) -> HttpResponse:
    """大事记: the items the county adopted in a year, month by month."""
    _staff(request)
    form, period = _period(request)
    year = scoring.period("year", period.year)
    months: dict[int, list[Submission]] = {}
    items = exports.adopted_in(year)
    if not access.is_editor(request.user):
        items = items.filter(issue__state=BulletinIssue.State.SIGNED)
    for item in items:
        months.setdefault(item.adopted_on.month, []).append(item)
    return TemplateResponse(
        request,
        "submissions/admin/chronicle.html",
        {"year": year, "months": sorted(months.items()), "form": form},
    )


class RulesForm(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        points = scoring.rule_points()
        for key, label in ScoringRule.Key.choices:
            self.fields[key] = forms.DecimalField(
                label=label, min_value=0, max_value=1000, decimal_places=2, initial=points[key]
            )


def rules(request: HttpRequest) -> HttpResponse:
    _staff(request)
    may_change = access.may_sign(request.user)
    form = RulesForm(request.POST or None)
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.set_rule_points(request.user, form.cleaned_data)
            except (actions.SubmissionRefused, PermissionDenied) as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("计分规则已保存，得分已按新规则重新计算。"))
                return redirect("submissions_admin:rules")
        else:
            messages.error(request, _("保存未成功，请按提示修改。"))
    if not may_change:
        for field in form.fields.values():
            field.disabled = True
    return TemplateResponse(
        request, "submissions/admin/rules.html", {"form": form, "may_change": may_change}
    )
