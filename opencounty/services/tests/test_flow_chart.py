"""The flow chart is inline SVG drawn on the server: one box per step, sequential steps top to
bottom, a 联办件's department steps side by side."""

import re
import xml.etree.ElementTree as ET

import pytest

from opencounty.core.models import Unit
from opencounty.services.models import ServiceStep
from opencounty.services.tests.helpers import make_item

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def chart(client, item) -> ET.Element:
    page = client.get(item.url).content.decode()
    match = re.search(r"<svg .*?</svg>", page, re.S)
    assert match, "no inline SVG on the guide page"
    return ET.fromstring(match.group(0))


def boxes(svg: ET.Element) -> list[dict]:
    found = []
    for group in svg.iter(f"{SVG}g"):
        if "flow-step" not in group.get("class", "").split():
            continue
        rect = group.find(f"{SVG}rect")
        texts = [t.text for t in group.findall(f"{SVG}text")]
        found.append(
            {
                "x": float(rect.get("x")),
                "y": float(rect.get("y")),
                "parallel": "parallel" in group.get("class").split(),
                "texts": texts,
            }
        )
    return found


def test_a_sequential_procedure_has_one_box_per_step_top_to_bottom(client):
    item = make_item(
        "D01",
        "T-D01-200",
        "测试顺序办理事项",
        steps=[
            ServiceStep(name="受理", days=1),
            ServiceStep(name="审查", days=5),
            ServiceStep(name="决定", days=2),
        ],
    )
    found = boxes(chart(client, item))
    assert [b["texts"][0] for b in found] == ["受理", "审查", "决定"]
    ys = [b["y"] for b in found]
    assert ys == sorted(ys) and len(set(ys)) == 3
    assert len({b["x"] for b in found}) == 1
    assert not any(b["parallel"] for b in found)
    assert found[1]["texts"][1] == "5个工作日"


def test_a_joint_items_department_steps_are_parallel_boxes_side_by_side(client):
    d01, d02 = Unit.objects.get(code="D01"), Unit.objects.get(code="D02")
    item = make_item(
        "D01",
        "T-D01-201",
        "测试联办事项",
        item_kind="joint",
        steps=[
            ServiceStep(name="受理", days=1),
            ServiceStep(name="发改审查", unit=d01, days=5),
            ServiceStep(name="教育审查", unit=d02, days=4),
            ServiceStep(name="联合发证", days=1),
        ],
    )
    svg = chart(client, item)
    found = boxes(svg)
    assert len(found) == 4
    first, a, b, last = found
    assert a["parallel"] and b["parallel"] and not first["parallel"] and not last["parallel"]
    assert a["y"] == b["y"] and a["x"] < b["x"]
    assert first["y"] < a["y"] < last["y"]
    assert a["texts"][1] == f"{d01.short_name}，5个工作日"
    assert len(svg.findall(f"{SVG}line")) == 4  # fan out to both, fan in from both
    assert svg.get("role") == "img" and svg.find(f"{SVG}title").text.endswith("测试联办事项")
    page = client.get(item.url).content.decode()
    alternative = page[page.index('class="flow-steps"') :]
    assert "以下环节由各部门并联办理" in alternative
    assert (
        alternative.index("发改审查")
        < alternative.index("教育审查")
        < alternative.index("联合发证")
    )


def test_department_steps_of_an_item_that_is_not_joint_stay_sequential(client):
    d02 = Unit.objects.get(code="D02")
    item = make_item(
        "D01",
        "T-D01-202",
        "测试征求意见事项",
        steps=[ServiceStep(name="受理", days=1), ServiceStep(name="征求意见", unit=d02, days=3)],
    )
    found = boxes(chart(client, item))
    assert found[0]["y"] < found[1]["y"] and not found[1]["parallel"]
