"""Nothing public before review, for uploaded documents: a document is served to the public
only while a live page uses it (an article's or consultation's attachment, a service guide's
blank form or sample, a link in a published page's text). Until then only staff who may use
the document's collection can open it; anyone else gets "not found".

Apps register how their pages use documents (`register_public_use`) in AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable

from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

PublicUse = Callable[[object], bool]
_uses: list[PublicUse] = []


def register_public_use(func: PublicUse) -> PublicUse:
    if func not in _uses:
        _uses.append(func)
    return func


def used_by_live_pages(page_ids) -> bool:
    """Whether any of these pages (ids or a values queryset) is live and public."""
    return Page.objects.live().public().filter(pk__in=page_ids).exists()


def _linked_from_a_live_page(document) -> bool:
    """A link in a page's text (Wagtail's reference index records the page's own content)."""
    references = ReferenceIndex.get_references_to(document).filter(
        base_content_type__app_label="wagtailcore", base_content_type__model="page"
    )
    return used_by_live_pages([int(pk) for pk in references.values_list("object_id", flat=True)])


def is_public(document) -> bool:
    return any(use(document) for use in _uses) or _linked_from_a_live_page(document)


def may_preview(user, document) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and policy_registry.get_by_type(get_document_model()).user_has_permission_for_instance(
            user, "choose", document
        )
    )


def may_serve(request, document) -> bool:
    return is_public(document) or may_preview(request.user, document)
