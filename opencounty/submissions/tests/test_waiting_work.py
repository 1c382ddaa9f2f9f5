"""我的待办: each person sees the items waiting on them, and only those."""

import threading
from datetime import date

import pytest
from django.db import connection

from opencounty.core import todo
from opencounty.core.models import Unit
from opencounty.submissions import actions
from opencounty.submissions.models import Submission
from opencounty.submissions.tests.people import at, item_data, sent_item


def waiting_for(user) -> dict:
    return {group.key: group for group in todo.groups_for(user, date(2026, 3, 6))}


@pytest.mark.django_db
def test_each_person_sees_what_waits_on_them(
    client,
    chengguan_officer,
    chengguan_reviewer,
    qingshi_reviewer,
    dispatcher,
    office_headline_reviewer,
):
    chengguan = Unit.objects.get(code="T01")
    awaiting = actions.save_draft(chengguan, chengguan_officer, item_data(title="待审签的信息"))
    actions.request_approval(awaiting, chengguan_officer)
    returned = sent_item(chengguan_officer, chengguan_reviewer, title="被退回的信息")
    actions.return_submission(returned, dispatcher, "请补充数据。")
    sent_item(chengguan_officer, chengguan_reviewer, title="已报送的信息")
    issue = actions.create_issue("affairs", dispatcher)
    actions.adopt(
        sent_item(chengguan_officer, chengguan_reviewer, title="已采用"), issue, dispatcher
    )

    leader = waiting_for(chengguan_reviewer)["submissions"]
    assert [(i.title, str(i.next_step)) for i in leader.items] == [
        ("待审签的信息", "审签"),
        ("被退回的信息", "修改后重新送审签"),
    ]
    assert "submissions" not in waiting_for(qingshi_reviewer)  # another township's work
    editor = waiting_for(dispatcher)
    assert [i.title for i in editor["submissions"].items] == ["已报送的信息"]
    assert "bulletin_issues" not in editor  # the dispatcher does not sign issues off
    signer = waiting_for(office_headline_reviewer)["bulletin_issues"]
    assert [i.title for i in signer.items] == [str(issue)]
    client.force_login(chengguan_reviewer)
    assert "待审签的信息" in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_an_unsent_special_report_past_its_hour_is_red(chengguan_officer, chengguan_reviewer):
    chengguan = Unit.objects.get(code="T01")
    item = actions.save_draft(
        chengguan,
        chengguan_officer,
        item_data(category="special", source_note="照片", event_at=at("2026-03-06 07:00")),
    )
    actions.request_approval(item, chengguan_officer)
    (shown,) = waiting_for(chengguan_reviewer)["submissions"].items
    assert shown.level == "red"


@pytest.mark.django_db(transaction=True)
def test_leaders_approving_at_once_never_share_a_county_number():
    from conftest import build_small_county, persona
    from opencounty.core.models import Role

    build_small_county()
    writers = {code: persona(f"w{code}", code, Role.INFORMATION_OFFICER) for code in ("T01", "T02")}
    leaders = {code: persona(f"l{code}", code, Role.REVIEWER) for code in ("T01", "T02")}
    items = []
    for code, writer in writers.items():
        for n in range(6):
            item = actions.save_draft(
                Unit.objects.get(code=code), writer, item_data(title=f"{code}-{n}")
            )
            items.append((code, actions.request_approval(item, writer)))
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def approve_all(code: str) -> None:
        try:
            barrier.wait()
            for item_code, item in items:
                if item_code == code:
                    actions.approve(item, leaders[code])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve_all, args=(code,)) for code in leaders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Submission.objects.values_list("number", flat=True))
    assert numbers == list(range(numbers[0], numbers[0] + 12))
