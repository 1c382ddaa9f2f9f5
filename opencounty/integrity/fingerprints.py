"""What a page's approved content is, and its fingerprint.

The fingerprint covers the page's own content fields, as Wagtail stores them in a revision
(title, slug, SEO fields, body, every field of the page type and its inline children such as
attachments), not the rendered response: a rendered page also carries CSRF tokens, today's
date, the newest articles of other pages and the visitor's own state, which change without
anyone touching the page (docs/decisions/0009). Bookkeeping that legitimately changes
without a publication (tree position, lock, latest draft, publication times) is left out.
"""

from __future__ import annotations

import hashlib
import hmac
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from wagtail.models import Page

BOOKKEEPING = frozenset(
    {
        "pk",
        "id",
        "page_ptr",
        "path",
        "depth",
        "numchild",
        "url_path",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "owner",
        "content_type",
        "translation_key",
        "locale",
        "expired",
        "go_live_at",
        "expire_at",
        "alias_of",
        "comments",
        "wagtail_admin_comments",
    }
)


def content_of(page: Page) -> dict:
    """The page's own content, as a JSON-ready dict (same shape as a revision's)."""
    data = page.serializable_data()
    return json.loads(
        json.dumps(
            {name: value for name, value in data.items() if name not in BOOKKEEPING},
            cls=DjangoJSONEncoder,
            ensure_ascii=False,
            sort_keys=True,
        )
    )


def fingerprint(page_id: int, content: dict) -> str:
    """HMAC-SHA256 with the audit key: a database writer cannot forge an approved fingerprint."""
    message = json.dumps(
        {"page": page_id, "content": content}, ensure_ascii=False, sort_keys=True
    ).encode("utf-8")
    key = settings.AUDIT_HMAC_KEY.encode("utf-8")
    return hmac.new(key, b"page-content:" + message, hashlib.sha256).hexdigest()


def fingerprint_of(page: Page) -> str:
    return fingerprint(page.pk, content_of(page))


def changed_fields(approved: dict, found: dict) -> list[str]:
    return sorted(
        name for name in approved.keys() | found.keys() if approved.get(name) != found.get(name)
    )
