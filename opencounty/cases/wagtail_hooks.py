"""The staff screens of every kind with a handling: an inbox and a detail screen each,
at /admin/<the kind's admin_path>/, with one menu item per kind; and the report of
deadlines moved when the holiday table changed."""

from django.urls import include, path
from wagtail import hooks

from opencounty.cases import kinds, recalculation_views, staff_views
from opencounty.cases.todo import case_groups
from opencounty.core import todo
from opencounty.core.menu import StaffMenuItem


def _urlpatterns():
    patterns = []
    for kind in kinds.handled_kinds():
        prefix = kind.handling.admin_path
        patterns += [
            path(f"{prefix}/", staff_views.inbox, {"kind": kind.code}, name=f"{kind.code}_inbox"),
            path(
                f"{prefix}/<int:case_id>/",
                staff_views.detail,
                {"kind": kind.code},
                name=f"{kind.code}_detail",
            ),
        ]
    patterns.append(
        path(
            "deadline-recalculations/<int:pk>/",
            recalculation_views.report,
            name="recalculation",
        )
    )
    return patterns, "cases_admin"


@hooks.register("register_admin_urls")
def register_case_admin_urls():
    return [path("", include(_urlpatterns()))]


class KindMenuItem(StaffMenuItem):
    def __init__(self, kind) -> None:
        handling = kind.handling
        self.kind_code = kind.code
        self.also_for = handling.menu_also_for
        super().__init__(
            handling.menu_label,
            staff_views.inbox_url(kind.code),
            icon_name=handling.menu_icon,
            order=handling.menu_order,
        )

    def is_shown(self, request) -> bool:
        return super().is_shown(request) or bool(
            self.also_for and request.user.is_authenticated and self.also_for(request.user)
        )

    def render_component(self, request):
        """The label carries how many cases of this kind wait on the reader (我的待办): the
        case engine's part of it alone, not every source's."""
        component = super().render_component(request)
        count = next(
            (
                group.count
                for group in todo.for_request(request, case_groups)
                if group.key == self.kind_code
            ),
            0,
        )
        if count:
            component.label = f"{self.label}（{count}）"
        return component


for _kind in kinds.handled_kinds():
    hooks.register("register_admin_menu_item", lambda kind=_kind: KindMenuItem(kind))
