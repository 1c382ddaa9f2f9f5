"""Bad input on the staff side gets a clear Chinese error and changes nothing."""

import pytest

from opencounty.powers import actions
from opencounty.powers.models import Power
from opencounty.powers.tests.people import draft_power, officer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("data", "bases", "message"),
    [
        ({"code": "", "name": "某权力", "category": "penalty"}, [{"law": "某法"}], "权力编码"),
        (
            {"code": "=1+1", "name": "某权力", "category": "penalty"},
            [{"law": "某法"}],
            "权力编码只能",
        ),
        ({"code": "QL-B-1", "name": "", "category": "penalty"}, [{"law": "某法"}], "权力名称"),
        ({"code": "QL-B-1", "name": "某权力", "category": "bogus"}, [{"law": "某法"}], "权力类别"),
        ({"code": "QL-B-1", "name": "某权力", "category": "penalty"}, [], "设定依据"),
        (
            {"code": "QL-B-1", "name": "某\x00权力", "category": "penalty"},
            [{"law": "某法"}],
            "不允许",
        ),
        (
            {"code": "QL-B-1", "name": "长" * 201, "category": "penalty"},
            [{"law": "某法"}],
            "不能超过",
        ),
    ],
)
def test_a_bad_power_is_refused_in_chinese(data, bases, message):
    writer = officer("T01")
    from opencounty.core.models import Unit

    with pytest.raises(actions.PowerRefused, match=message):
        actions.save_power(
            writer, unit=Unit.objects.get(code="T01"), data=data, bases=bases, steps=[]
        )
    assert not Power.objects.filter(code="QL-B-1").exists()


def test_a_duplicate_code_is_refused():
    writer = officer("T01")
    draft_power(writer, "T01", code="QL-B-2")
    with pytest.raises(actions.PowerRefused, match="已被使用"):
        draft_power(writer, "T01", code="QL-B-2")


def test_a_non_licence_cannot_link_a_service_item():
    from opencounty.services.models import ServiceItemPage

    item = ServiceItemPage.objects.first()
    writer = officer("T01")
    with pytest.raises(actions.PowerRefused, match="只有行政许可"):
        draft_power(writer, "T01", code="QL-B-3", service_item=item)


def test_the_staff_form_shows_errors_and_saves_nothing(client):
    writer = officer("T01")
    client.force_login(writer)
    from opencounty.core.models import Unit

    response = client.post(
        "/admin/powers/new/",
        {
            "unit": Unit.objects.get(code="T01").pk,
            "code": "QL-B-4",
            "name": "某权力",
            "category": "penalty",
            "bases-TOTAL_FORMS": "1",
            "bases-INITIAL_FORMS": "0",
            "steps-TOTAL_FORMS": "1",
            "steps-INITIAL_FORMS": "0",
            "steps-0-days": "abc",
        },
    )
    assert response.status_code == 200
    assert "保存未成功" in response.content.decode()
    response = client.post(
        "/admin/powers/new/",
        {
            "unit": Unit.objects.get(code="T01").pk,
            "code": "QL-B-4",
            "name": "某权力",
            "category": "penalty",
            "bases-TOTAL_FORMS": "1",
            "bases-INITIAL_FORMS": "0",
            "steps-TOTAL_FORMS": "0",
            "steps-INITIAL_FORMS": "0",
        },
    )
    assert "请至少填写一项设定依据" in response.content.decode()
    assert not Power.objects.filter(code="QL-B-4").exists()
    garbage = client.post("/admin/powers/new/", {"bases-TOTAL_FORMS": "x"})
    assert garbage.status_code == 200
