from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks

from opencounty.core.textcheck import find_hits


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_text_check_hits(request, page) -> None:
    specific = page.specific.get_latest_revision_as_object()
    if not hasattr(specific, "text_for_check"):
        return
    hits = find_hits(specific.text_for_check())
    if hits:
        listed = "、".join(
            f"“{hit.phrase}”" + (f"→“{hit.suggestion}”" if hit.suggestion else "") for hit in hits
        )
        messages.warning(
            request, _("文字检查发现：%(hits)s。请修改后再提交审核。") % {"hits": listed}
        )
