"""Every demo role walks its whole admin and reads no English and no Wagtail.

Each role of the demo county (builder.DEMO_ACCOUNTS, one persona per role and kind of unit)
logs in, opens the dashboard, every item of its menu and the common list, add and edit screens
of pages, snippets, documents, images, users, groups, reports and settings, then follows every
admin link it finds (one page per URL shape). Each screen's text, the attributes read aloud
and the menu labels are checked against admin_text.ENGLISH_WORDS and the strings the issue saw.
"""

from __future__ import annotations

import io
import json
import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from conftest import PASSWORD, persona, staff_login
from opencounty.core.models import Unit
from opencounty.core.tests.admin_text import english_in, read_screen
from opencounty.demo.builder import DEMO_ACCOUNTS

# Not walked: they act on GET or leave the admin, or they are files rather than screens.
SKIPPED = re.compile(
    r"/logout/|/failwhale/|/lock/|/unlock/|/jsi18n/|/sprite/|/export|[?&]export=|"
    r"/download|\.(?:xlsx|csv|docx|pdf)\b|/preview/|/usage/[a-z_]+/[a-z_]+/$"
)
MAX_SCREENS = 250


def _roles() -> list[tuple[str, str, str]]:
    """One demo account per role and kind of unit: the same screens need walking only once."""
    seen, roles = set(), []
    for username, unit_code, role in DEMO_ACCOUNTS:
        kind = {"T": "township", "D": "department"}.get(unit_code[0], unit_code)
        if (kind, role) not in seen:
            seen.add((kind, role))
            roles.append((username, unit_code, role))
    return roles


def _shape(url: str) -> str:
    return re.sub(r"\d+", "N", urlsplit(url).path)


def _common_screens(user) -> list[str]:
    """The list, add and edit screens every kind of staff member may try to open."""
    article = Page.objects.type(Page).filter(depth__gte=5).order_by("-pk").first()
    column = article.get_parent() if article else None
    document = get_document_model().objects.order_by("pk").first()
    image = get_image_model().objects.order_by("pk").first()
    unit = Unit.objects.filter(role_groups__group__user=user).first()
    screens = [
        "/admin/",
        "/admin/pages/",
        "/admin/pages/search/?q=通知",
        "/admin/documents/",
        "/admin/documents/multiple/add/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/snippets/",
        "/admin/users/",
        "/admin/users/new/",
        f"/admin/users/edit/{user.pk}/",
        "/admin/groups/",
        "/admin/groups/new/",
        "/admin/sites/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
        "/admin/reports/locked/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
        "/admin/reports/page-types-usage/",
        "/admin/settings/portal/portalsettings/",
        "/admin/redirects/",
        "/admin/account/",
        "/admin/this-screen-does-not-exist/",
    ]
    if unit and unit.root_page_id:
        screens.append(f"/admin/pages/{unit.root_page_id}/")
    if article:
        screens += [f"/admin/pages/{article.pk}/edit/", f"/admin/pages/{article.pk}/history/"]
    if column:
        screens.append(f"/admin/pages/add/portal/articlepage/{column.pk}/")
    if document:
        screens.append(f"/admin/documents/edit/{document.pk}/")
    if image:
        screens.append(f"/admin/images/{image.pk}/")
    return screens


def _html_of(response) -> str | None:
    content_type = response.get("Content-Type", "")
    if "text/html" in content_type:
        return response.content.decode()
    if "json" in content_type:  # Wagtail's modal dialogs send their HTML inside JSON
        try:
            html = json.loads(response.content).get("html")
        except (ValueError, AttributeError):
            return None
        return html if isinstance(html, str) else None
    return None


def walk(client: Client, user) -> tuple[list[str], int]:
    """Visit the screens a user can reach; return the English found and how many were read."""
    queue = deque(_common_screens(user))
    shapes: set[str] = set()
    found: list[str] = []
    read = 0
    while queue and read < MAX_SCREENS:
        url = queue.popleft()
        if SKIPPED.search(url) or _shape(url) in shapes:
            continue
        shapes.add(_shape(url))
        response = client.get(url, follow=True)
        assert response.status_code < 500, f"{url} answers {response.status_code}"
        html = _html_of(response)
        if html is None:
            continue
        read += 1
        screen = read_screen(html)
        for text in screen.texts:
            if english := english_in(text):
                found.append(f"{url}: “{english}” in “{text[:120]}”")
        for link in screen.links:
            link = link.split("#")[0]
            if link.startswith("/admin/") and _shape(link) not in shapes:
                queue.append(link)
    return found, read


@pytest.fixture
def an_image_and_a_document(db):
    """So the image and document screens have something to edit."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "#b4232a").save(buffer, "PNG")
    root = Collection.get_first_root_node()
    get_image_model().objects.create(
        title="示范县风光", file=ImageFile(buffer, name="fengguang.png"), collection=root
    )
    if not get_document_model().objects.exists():
        from django.core.files.base import ContentFile

        get_document_model().objects.create(
            title="示范县简介", file=ContentFile(b"%PDF-1.4\n", name="jianjie.pdf"), collection=root
        )


@pytest.mark.django_db
@pytest.mark.parametrize(("username", "unit_code", "role"), _roles(), ids=lambda v: str(v))
def test_every_demo_role_reads_its_whole_admin_in_chinese(
    client, an_image_and_a_document, username, unit_code, role
):
    if not Unit.objects.filter(code=unit_code).exists():
        pytest.skip(f"the small test county has no unit {unit_code}")
    user = persona(username, unit_code, role)
    client.force_login(user)
    found, read = walk(client, user)
    assert read > 10, f"{username} reached only {read} screens"
    assert not found, f"{username} ({role}) reads English on {len(found)} places:\n" + "\n".join(
        found[:60]
    )


@pytest.mark.django_db
def test_the_login_page_says_the_platform_in_chinese_and_never_wagtail(client):
    html = client.get("/admin/login/").content.decode()
    screen = read_screen(html)
    assert f"登录{settings.WAGTAIL_SITE_NAME}" in screen.texts
    assert "Wagtail" not in html.replace("wagtail", "")
    assert [text for text in screen.texts if english_in(text)] == []
    for url in ("/admin/password_reset/", "/admin/password_reset/done/"):
        texts = read_screen(client.get(url).content.decode()).texts
        assert [text for text in texts if english_in(text)] == [], url


@pytest.mark.django_db
def test_a_wrong_password_is_refused_in_chinese(client):
    persona("someone", "T01", "officer")
    response = staff_login(client, "someone", "wrong-password")
    texts = read_screen(response.content.decode()).texts
    assert any("用户名" in text or "密码" in text for text in texts)
    assert [text for text in texts if english_in(text)] == []
    assert client.login(username="someone", password=PASSWORD)


@pytest.mark.django_db
def test_the_dashboard_names_the_platform_and_carries_no_wagtail_promotion(client):
    client.force_login(persona("cg_officer", "T01", "officer"))
    html = client.get("/admin/").content.decode()
    screen = read_screen(html)
    assert settings.WAGTAIL_SITE_NAME in screen.texts
    assert f"控制面板 - {settings.WAGTAIL_SITE_NAME}" in screen.texts
    assert "guide.wagtail.org" not in html and "whats-new" not in html
    assert "Wagtail v" not in html
    assert 'class="icon-wagtail' not in html, "the sidebar and login show our own mark"


@pytest.mark.django_db
def test_the_editors_scripts_speak_chinese(client):
    """Strings the block editor and the sidebar draw in the browser ("Insert a block",
    "(2 new items in this menu)") come from the JavaScript catalogue."""
    client.force_login(persona("cg_officer", "T01", "officer"))
    script = client.get("/admin/jsi18n/").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    for english in ("Insert a block", "(%(number)s new items in this menu)", "Blocks"):
        assert english in catalogue, english
        translated = catalogue[english]
        translated = translated[0] if isinstance(translated, list) else translated
        assert not english_in(translated) and re.search(r"[\u4e00-\u9fff]", translated)
