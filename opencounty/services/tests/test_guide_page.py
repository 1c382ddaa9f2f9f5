"""The guide page shows every element in the national order, the downloads and the way to
apply; a print version has the same guide."""

import re

import pytest

from opencounty.services.models import ServiceMaterial, ServiceWindow
from opencounty.services.tests.helpers import document, make_item

pytestmark = pytest.mark.django_db

ORDER = [
    "事项名称",
    "事项编码",
    "事项类型",
    "办件类型",
    "实施部门",
    "服务对象",
    "设定依据",
    "受理条件",
    "申请材料",
    "办理流程",
    "办理机构",
    "受理窗口",
    "办理地点",
    "办理时间",
    "法定办结时限",
    "承诺办结时限",
    "收费标准及依据",
    "到办事现场次数",
    "咨询电话",
    "监督投诉电话",
    "常见问题",
]


@pytest.fixture
def item():
    window = ServiceWindow.objects.create(number=90, name="测试窗口")
    return make_item(
        "D01",
        "T-D01-100",
        "测试食品经营许可",
        is_free=False,
        fees="工本费每证10元",
        fee_basis="《示范省收费目录清单》",
        window=window,
        online_application=True,
        materials=[
            ServiceMaterial(
                name="食品经营许可申请书",
                form="both",
                copies=2,
                blank_form=document("测试空白申请书"),
                sample=document("测试申请书示范文本"),
            ),
            ServiceMaterial(name="营业执照", form="copy", copies=1),
            ServiceMaterial(name="电子照片", form="electronic", copies=1, required=False),
        ],
    )


def guide_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_guide_shows_every_element_in_the_national_order(client, item):
    page = guide_text(client, item.url)
    main = page[page.index('class="service-guide"') :]
    positions = [
        main.index(f"<dt>{label}</dt>") if f"<dt>{label}</dt>" in main else main.index(label)
        for label in ORDER
    ]
    assert positions == sorted(positions)
    for value in [
        "T-D01-100",
        "行政许可",
        "承诺件",
        "《中华人民共和国食品安全法》第三十五条",
        "有与经营的食品品种",
        "县便民服务中心3号窗口",
        "20 个工作日",
        "10 个工作日",
        "工本费每证10元",
        "《示范省收费目录清单》",
        "1 次",
        "0000-6000101",
        "0000-12345",
        "可以委托他人办理吗？",
        "90号窗口 测试窗口",
    ]:
        assert value in main, value


def test_the_materials_table_marks_original_copy_and_electronic_and_offers_downloads(client, item):
    page = guide_text(client, item.url)
    rows = re.findall(r"<tr><td data-label=\"序号\">.*?</tr>", page, re.S)
    assert len(rows) == 3
    cells = [re.findall(r'data-label="(原件|复印件|电子件|份数)">([^<]*)<', row) for row in rows]
    assert cells[0] == [("原件", "需要"), ("复印件", "需要"), ("电子件", "—"), ("份数", "2")]
    assert cells[1] == [("原件", "—"), ("复印件", "需要"), ("电子件", "—"), ("份数", "1")]
    assert cells[2] == [("原件", "—"), ("复印件", "—"), ("电子件", "需要"), ("份数", "1")]
    assert "非必需" in rows[2]
    material = item.materials.get(name="食品经营许可申请书")
    for doc in (material.blank_form, material.sample):
        assert f'href="{doc.url}"' in page
        download = client.get(doc.url)
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_an_online_item_links_to_its_application_and_a_window_item_does_not(client, item):
    assert 'href="/services/apply/T-D01-100/">在线申请</a>' in guide_text(client, item.url)
    offline = make_item("D01", "T-D01-101", "测试窗口办理事项")
    assert "在线申请" not in guide_text(client, offline.url)


def test_the_print_version_has_the_whole_guide_without_the_site_navigation(client, item):
    page = guide_text(client, item.url + "print/")
    assert "测试食品经营许可办事指南（打印版）" in page
    assert "十一、常见问题" in page and "可以委托他人办理吗？" in page
    assert 'class="site-header"' not in page
    assert f'href="{item.url}print/"' in guide_text(client, item.url)


def test_a_draft_guide_is_not_public(client):
    draft = make_item("D01", "T-D01-102", "测试未发布事项", live=False)
    assert client.get(draft.url).status_code == 404
