import re

import pytest

from opencounty.core.models import Unit
from opencounty.portal.models import ArticlePage, ColumnPage


def meta(html: str, name: str) -> str:
    match = re.search(rf'<meta name="{name}" content="([^"]*)"', html)
    assert match, f"meta {name} missing"
    return match.group(1)


@pytest.mark.django_db
def test_the_home_page_lists_headline_columns_and_every_sub_site(client):
    html = client.get("/").content.decode()
    assert "政务动态" in html and "通知公告" in html
    for unit in Unit.objects.filter(kind__in=["department", "township"]):
        assert unit.short_name in html
    assert "乡村振兴专题" in html


@pytest.mark.django_db
def test_a_topic_page_shows_its_own_columns(client):
    from opencounty.portal.models import TopicPage

    topic = TopicPage.objects.get(slug="rural-revitalisation")
    html = client.get(topic.url).content.decode()
    assert "<h1>乡村振兴专题</h1>" in html
    assert "工作动态" in html and "政策文件" in html


@pytest.mark.django_db
def test_every_page_carries_the_footer_identity_and_meta_tags(client):
    article = (
        ArticlePage.objects.live()
        .filter(first_published_at__isnull=False)
        .order_by("-first_published_at")
        .first()
    )
    html = client.get(article.url).content.decode()
    assert meta(html, "SiteName") == "示范县人民政府门户网站"
    assert meta(html, "SiteIDCode") == "0000000000"
    assert meta(html, "ArticleTitle") == article.title
    assert meta(html, "ColumnName") == article.get_parent().title
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", meta(html, "PubDate"))
    assert meta(html, "ContentSource")
    for text in (
        "主办单位",
        "示范县人民政府办公室",
        "网站标识码",
        "ICP备案号",
        "公安机关备案号",
        "我为政府网站找错",
    ):
        assert text in html


@pytest.mark.django_db
def test_an_article_shows_its_publication_time_to_the_minute_and_attachments(client):
    article = ArticlePage.objects.live().filter(attachments__isnull=False).first()
    assert article is not None, "policy articles of the demo carry attachments"
    html = client.get(article.url).content.decode()
    shown = re.search(r"发布时间：<time[^>]*>([^<]+)</time>", html).group(1)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", shown)
    assert article.attachments.first().display_title in html


@pytest.mark.django_db
def test_a_column_lists_newest_first_with_pagination_and_rss(client):
    column = max(ColumnPage.objects.all(), key=lambda c: ArticlePage.objects.child_of(c).count())
    html = client.get(column.url).content.decode()
    dates = re.findall(
        r'<li><a href="[^"]+">[^<]+</a> <time datetime="[^"]+">([\d-]+)</time>', html
    )
    assert dates and dates == sorted(dates, reverse=True)
    feed = client.get(f"/feeds/column/{column.pk}/")
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/rss+xml")
    newest = ArticlePage.objects.child_of(column).live().order_by("-first_published_at").first()
    assert newest.title in feed.content.decode()
    assert f'<input type="hidden" name="column" value="{column.pk}">' in html


@pytest.mark.django_db
def test_a_sub_site_shows_its_own_navigation_and_a_scoped_search(client):
    unit = Unit.objects.get(code="T01")
    html = client.get(unit.root_page.url).content.decode()
    assert unit.name in html
    assert 'name="unit" value="T01"' in html
    assert "工作动态" in html


@pytest.mark.django_db
def test_a_department_sub_site_can_also_be_served_on_its_own_host(client, settings):
    from wagtail.models import Site

    settings.ALLOWED_HOSTS = ["*"]
    unit = Unit.objects.get(code="D01")
    Site.objects.create(hostname="fgj.example.org", port=80, root_page=unit.root_page)
    html = client.get("/", HTTP_HOST="fgj.example.org").content.decode()
    assert f"<h1>{unit.name}</h1>" in html
    column = client.get("/news/", HTTP_HOST="fgj.example.org").content.decode()
    assert "工作动态" in column


@pytest.mark.django_db
def test_sitemap_robots_and_a_chinese_404(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<urlset" in sitemap and "/news/" in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert "页面不存在" in missing.content.decode()


@pytest.mark.django_db
def test_the_elderly_mode_is_toggled_remembered_and_switched_off(client):
    response = client.get("/display-mode/", {"mode": "elderly", "next": "/news/"})
    assert response.status_code == 302 and response["Location"] == "/news/"
    assert response.cookies["oc_elderly"].value == "1"
    html = client.get("/news/").content.decode()
    assert 'class="elderly"' in html and "退出适老化模式" in html
    off = client.get("/display-mode/", {"mode": "standard", "next": "https://elsewhere.example/"})
    assert off["Location"] == "/", "an outside address is never a redirect target"
    assert "适老化模式" in client.get("/").content.decode()
