"""The review step of the publishing workflow (who audits), with the text check built in.

A unit's reviewers approve what their own unit publishes; the county e-government
office approves headline items. While the text check has hits, the only way
forward is to override with a reason, which is recorded.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import CharField, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Task, TaskState

from opencounty.core import audit
from opencounty.core.models import Role, Unit, UnitGroup
from opencounty.core.textcheck import Hit, find_hits
from opencounty.portal.units import pages_owned_by, unit_for_page


def publication_blockers(page) -> list[str]:
    """Reasons a page may not be published yet (page types define `publication_blockers`)."""
    check = getattr(page, "publication_blockers", None)
    return list(check()) if check else []


class OverrideForm(forms.Form):
    comment = forms.CharField(
        label=_("放行理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("文字检查仍有命中，必须说明放行理由，理由将被记录。"),
    )


class UnitReviewTask(Task):
    """Approval by the reviewers of the page's own unit, or by the county office's headline reviewers."""

    role = models.CharField(
        _("审核角色"),
        max_length=32,
        choices=[
            (Role.REVIEWER, Role.REVIEWER.label),
            (Role.HEADLINE_REVIEWER, Role.HEADLINE_REVIEWER.label),
        ],
        default=Role.REVIEWER,
    )

    admin_form_fields = Task.admin_form_fields + ["role"]

    class Meta:
        verbose_name = _("单位审核")
        verbose_name_plural = _("单位审核")

    @classmethod
    def get_description(cls):
        return _("由稿件所属单位的审核人（或县电子政务办审核人）审核，并执行文字检查。")

    def reviewing_unit(self, page: Page) -> Unit | None:
        if self.role == Role.HEADLINE_REVIEWER:
            return Unit.objects.filter(kind=Unit.Kind.COUNTY_OFFICE).first()
        return unit_for_page(page)

    def user_can_review(self, page: Page, user) -> bool:
        if user.is_superuser:
            return True
        unit = self.reviewing_unit(page)
        return (
            unit is not None
            and UnitGroup.objects.filter(unit=unit, role=self.role, group__user=user).exists()
        )

    def user_can_access_editor(self, obj, user) -> bool:
        return self.user_can_review(obj, user)

    def locked_for_user(self, obj, user) -> bool:
        return not self.user_can_review(obj, user)

    def user_can_lock(self, obj, user) -> bool:
        return self.user_can_review(obj, user)

    def get_actions(self, obj, user):
        if not self.user_can_review(obj, user):
            return []
        reject = ("reject", _("退回修改"), True)
        if self.blockers_for(obj):
            return [reject]
        if self.hits_for(obj):
            return [reject, ("override", _("忽略文字检查并通过"), True)]
        return [reject, ("approve", _("审核通过"), False), ("approve", _("审核通过并留言"), True)]

    def get_form_for_action(self, action):
        if action == "override":
            return OverrideForm
        return super().get_form_for_action(action)

    @staticmethod
    def blockers_for(obj) -> list[str]:
        """What keeps the latest revision from publication whatever the reviewer says
        (for example a service guide missing a key element)."""
        latest = obj.specific.get_latest_revision_as_object()
        return publication_blockers(latest)

    @staticmethod
    def hits_for(obj) -> list[Hit]:
        """Hits in the latest revision of the page under review."""
        return find_hits(obj.specific.get_latest_revision_as_object().text_for_check())

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        page = task_state.workflow_state.content_object
        if not self.user_can_review(page, user):
            raise PermissionDenied
        if action_name in ("approve", "override"):
            blockers = publication_blockers(task_state.revision.as_object())
            if blockers:
                audit.record(
                    "review.blocked",
                    actor=user,
                    obj=page,
                    outcome="failure",
                    details={"blockers": blockers},
                )
                raise PermissionDenied("；".join(blockers))
            hits = find_hits(task_state.revision.as_object().text_for_check())
            if hits and action_name != "override":
                audit.record(
                    "review.blocked_by_text_check",
                    actor=user,
                    obj=page,
                    outcome="failure",
                    details={"hits": [h.phrase for h in hits]},
                )
                raise PermissionDenied("文字检查仍有命中，需填写理由放行")
            if action_name == "override":
                reason = (kwargs.get("comment") or "").strip()
                if not reason:
                    raise PermissionDenied("放行必须填写理由")
                from opencounty.portal.models import TextCheckOverride

                TextCheckOverride.objects.create(
                    page=page,
                    revision=task_state.revision,
                    reviewer=user,
                    reason=reason,
                    hits=[h.phrase for h in hits],
                )
                audit.record(
                    "review.override_text_check",
                    actor=user,
                    obj=page,
                    details={"reason": reason, "hits": [h.phrase for h in hits]},
                )
            task_state.approve(user=user, comment=kwargs.get("comment", ""))
            audit.record("review.approve", actor=user, obj=page, details={"task": self.name})
        elif action_name == "reject":
            task_state.reject(user=user, comment=kwargs.get("comment", ""))
            audit.record(
                "review.reject",
                actor=user,
                obj=page,
                details={"task": self.name, "comment": kwargs.get("comment", "")},
            )

    def get_task_states_user_can_moderate(self, user, **kwargs):
        in_progress = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return in_progress
        units = Unit.objects.filter(role_groups__role=self.role, role_groups__group__user=user)
        if self.role == Role.HEADLINE_REVIEWER:
            return in_progress if units.exists() else TaskState.objects.none()
        query = models.Q(pk__in=[])
        for unit in units:
            query |= pages_owned_by(unit)
        page_ids = (
            Page.objects.filter(query).annotate(str_id=Cast("id", CharField())).values("str_id")
        )
        return in_progress.filter(workflow_state__object_id__in=Subquery(page_ids))
