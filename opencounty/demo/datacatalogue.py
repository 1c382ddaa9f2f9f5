"""Demo data of the government information-resource catalogue (政务信息资源目录与开放数据):
60 resources with their data items across the demo units, 10 open datasets whose CSV and XLSX
files are made here and validated by frictionless like any upload, and sharing requests in
every state (waiting, nearly due, overdue, granted for download and for the API, refused)."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, datetime, time, timedelta

import openpyxl
from django.core.files.base import ContentFile
from django.utils import timezone

from opencounty.cases.models import Case
from opencounty.core.models import Unit
from opencounty.demo.dates import start_for, working_days_ago

S = "字符型"
N = "数值型"
INT = "整数型"
D = "日期型"

# Open datasets: name, preferred department, keywords, items, row maker (rng, n) -> row.
PLACES = ["城关", "青石", "云溪", "柳塘", "河口", "桃源", "龙泉", "新华"]


def _phone(rng: random.Random) -> str:
    return f"0000-{rng.randint(6000000, 6999999)}"


def _lon(rng):
    return round(113.2 + rng.random() * 0.3, 6)


def _lat(rng):
    return round(28.1 + rng.random() * 0.3, 6)


def _month(today: date, n: int) -> str:
    year, month = today.year, today.month - 1 - n
    while month <= 0:
        month += 12
        year -= 1
    return f"{year}-{month:02d}"


OPEN_DATASETS = [
    (
        "政务服务办件统计",
        "行政审批服务局",
        "政务服务,办件",
        [("月份", S, 7), ("事项类别", S, 20), ("受理件数", INT, None), ("办结件数", INT, None)],
        lambda rng, n, today: (
            _month(today, n // 3),
            ["行政许可", "公共服务", "行政确认"][n % 3],
            (got := rng.randint(200, 900)),
            got - rng.randint(0, 20),
        ),
        24,
    ),
    (
        "学校名录",
        "教育局",
        "教育,学校",
        [
            ("学校名称", S, 40),
            ("学段", S, 10),
            ("地址", S, 60),
            ("联系电话", S, 20),
            ("在校学生数", INT, None),
        ],
        lambda rng, n, today: (
            f"示范县{PLACES[n % 8]}{['第一小学', '第二小学', '中学', '幼儿园'][n % 4]}",
            ["小学", "小学", "初中", "学前"][n % 4],
            f"示范县{PLACES[n % 8]}路{n + 1}号",
            _phone(rng),
            rng.randint(120, 2400),
        ),
        20,
    ),
    (
        "公共厕所位置",
        "城市管理局",
        "市政,公共厕所,地图",
        [
            ("名称", S, 30),
            ("地址", S, 60),
            ("经度", N, None),
            ("纬度", N, None),
            ("开放时间", S, 20),
        ],
        lambda rng, n, today: (
            f"{PLACES[n % 8]}公厕{n + 1}号",
            f"示范县{PLACES[n % 8]}街{n * 3 + 1}号旁",
            _lon(rng),
            _lat(rng),
            "全天" if n % 3 else "6:00-22:00",
        ),
        30,
    ),
    (
        "养老机构名录",
        "民政局",
        "养老,民政",
        [("机构名称", S, 40), ("地址", S, 60), ("床位数", INT, None), ("联系电话", S, 20)],
        lambda rng, n, today: (
            f"示范县{PLACES[n % 8]}敬老院",
            f"示范县{PLACES[n % 8]}镇中心街{n + 2}号",
            rng.randint(30, 200),
            _phone(rng),
        ),
        8,
    ),
    (
        "医疗机构名录",
        "卫生健康局",
        "医疗,卫生",
        [("机构名称", S, 40), ("机构类别", S, 20), ("地址", S, 60), ("联系电话", S, 20)],
        lambda rng, n, today: (
            f"示范县{PLACES[n % 8]}{['卫生院', '社区卫生服务中心', '中医院'][n % 3]}",
            ["乡镇卫生院", "社区卫生服务中心", "医院"][n % 3],
            f"示范县{PLACES[n % 8]}路{n + 8}号",
            _phone(rng),
        ),
        15,
    ),
    (
        "公共停车场",
        "交通运输局",
        "交通,停车",
        [
            ("停车场名称", S, 40),
            ("地址", S, 60),
            ("车位数", INT, None),
            ("经度", N, None),
            ("纬度", N, None),
        ],
        lambda rng, n, today: (
            f"{PLACES[n % 8]}停车场{n + 1}",
            f"示范县{PLACES[n % 8]}大道{n + 20}号",
            rng.randint(40, 600),
            _lon(rng),
            _lat(rng),
        ),
        12,
    ),
    (
        "农贸市场名录",
        "商务局",
        "商贸,市场",
        [("市场名称", S, 40), ("地址", S, 60), ("摊位数", INT, None)],
        lambda rng, n, today: (
            f"{PLACES[n % 8]}农贸市场",
            f"示范县{PLACES[n % 8]}镇{n + 1}号",
            rng.randint(50, 400),
        ),
        8,
    ),
    (
        "A级旅游景区",
        "文化和旅游局",
        "旅游,景区",
        [("景区名称", S, 40), ("等级", S, 10), ("地址", S, 60), ("咨询电话", S, 20)],
        lambda rng, n, today: (
            f"{PLACES[n % 8]}{['古镇', '湿地公园', '森林公园'][n % 3]}",
            ["AAAA", "AAA", "AA"][n % 3],
            f"示范县{PLACES[n % 8]}",
            _phone(rng),
        ),
        6,
    ),
    (
        "应急避难场所",
        "应急管理局",
        "应急,避难场所",
        [
            ("场所名称", S, 40),
            ("地址", S, 60),
            ("可容纳人数", INT, None),
            ("经度", N, None),
            ("纬度", N, None),
        ],
        lambda rng, n, today: (
            f"{PLACES[n % 8]}广场避难场所",
            f"示范县{PLACES[n % 8]}广场",
            rng.randint(500, 5000),
            _lon(rng),
            _lat(rng),
        ),
        10,
    ),
    (
        "空气质量日报",
        "生态环境分局",
        "环境,空气质量",
        [("日期", D, None), ("空气质量指数", INT, None), ("首要污染物", S, 20), ("等级", S, 10)],
        lambda rng, n, today: (
            (today - timedelta(days=n + 1)).isoformat(),
            (aqi := rng.randint(25, 130)),
            "—" if aqi <= 50 else "PM2.5",
            "优" if aqi <= 50 else ("良" if aqi <= 100 else "轻度污染"),
        ),
        30,
    ),
]

# Catalogue-only resources: name pattern, classification, sharing, opening, items.
CATALOGUE = [
    (
        "{u}行政许可办件信息",
        "3",
        "conditional",
        "none",
        [("办件编号", S, 32), ("事项名称", S, 100), ("申请人", S, 60), ("办结日期", D, None)],
    ),
    (
        "{u}行政处罚结果信息",
        "3",
        "unconditional",
        "conditional",
        [("决定书文号", S, 50), ("当事人", S, 60), ("处罚种类", S, 20), ("决定日期", D, None)],
    ),
    (
        "{u}工作人员通讯录",
        "3",
        "conditional",
        "none",
        [("姓名", S, 20), ("职务", S, 30), ("办公电话", S, 20)],
    ),
    (
        "{u}财政专项资金拨付明细",
        "2",
        "conditional",
        "none",
        [("项目名称", S, 100), ("拨付金额", N, None), ("拨付日期", D, None)],
    ),
    (
        "{u}政府信息公开申请登记",
        "3",
        "none",
        "none",
        [("受理编号", S, 20), ("申请人", S, 60), ("申请内容", S, 500)],
    ),
    (
        "{u}辖区人口基本信息",
        "1",
        "conditional",
        "none",
        [("姓名", S, 20), ("公民身份号码", S, 18), ("户籍地址", S, 100)],
    ),
    (
        "{u}法人单位基本信息",
        "1",
        "unconditional",
        "none",
        [("单位名称", S, 100), ("统一社会信用代码", S, 18), ("法定代表人", S, 20)],
    ),
    (
        "{u}重点项目建设进度",
        "2",
        "unconditional",
        "conditional",
        [("项目名称", S, 100), ("总投资", N, None), ("形象进度", S, 200)],
    ),
]
NONE_REASON = "涉及个人信息，依法不予共享（演示）"
BASIS = "《政务信息资源共享管理暂行办法》（演示）"


def is_built() -> bool:
    from opencounty.datacatalogue.models import Resource

    return Resource.objects.exists()


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _csv(header: list[str], rows: list[tuple]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _xlsx(header: list[str], rows: list[tuple]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _resource(unit, name, classification, sharing, opening, items, keywords, state, at):
    from opencounty.datacatalogue.actions import new_code
    from opencounty.datacatalogue.models import DataItem, Resource

    resource = Resource.objects.create(
        code=new_code(classification, unit),
        name=name,
        summary=f"{unit.name}掌握的{name.removeprefix(unit.short_name)}，按政务信息资源目录编制指南编目（演示）。",
        unit=unit,
        classification=classification,
        format=Resource.Format.SPREADSHEET
        if opening == "unconditional"
        else Resource.Format.DATABASE,
        update_frequency=Resource.Frequency.MONTHLY,
        sharing=sharing,
        sharing_condition=""
        if sharing == "unconditional"
        else (
            "仅用于本单位履职，不得向第三方提供（演示）"
            if sharing == "conditional"
            else NONE_REASON
        ),
        sharing_basis="" if sharing == "unconditional" else BASIS,
        opening=opening,
        keywords=keywords,
        state=state,
        return_reason="信息项不全，请补充（演示）" if state == Resource.State.RETURNED else "",
        created_at=at,
        modified_at=at,
        published_at=at if state == Resource.State.PUBLISHED else None,
    )
    DataItem.objects.bulk_create(
        DataItem(resource=resource, order=n, name=item, data_type=_type(kind), length=length)
        for n, (item, kind, length) in enumerate(items, start=1)
    )
    return resource


def _type(label: str) -> str:
    from opencounty.datacatalogue.forms import TYPE_NAMES

    return TYPE_NAMES[label]


def _files(resource, header, rows, at) -> None:
    """The files pass the same frictionless check as a unit's upload."""
    from opencounty.datacatalogue import validation
    from opencounty.datacatalogue.models import DataFile

    for file_format, data in (("csv", _csv(header, rows)), ("xlsx", _xlsx(header, rows))):
        checked = validation.check_file(resource, f"x.{file_format}", data)
        data_file = DataFile(
            resource=resource, format=file_format, size=len(data), rows=checked.rows, uploaded_at=at
        )
        data_file.file.save(f"{resource.slug}.{file_format}", ContentFile(data), save=False)
        data_file.save()


def _provider(units: list[Unit], name: str, n: int) -> Unit:
    for unit in units:
        if unit.name.endswith(name):
            return unit
    return units[n % len(units)]


def _request(resource, requester, purpose, delivery, on):
    from opencounty.cases import actions as cases
    from opencounty.datacatalogue import kind as k
    from opencounty.datacatalogue.models import SharingRequest

    case, _code = cases.submit(
        k.DATA_SHARING.code,
        unit=resource.unit,
        title=f"{requester.short_name}申请共享“{resource.name}”",
        submitter_name=requester.name,
        clock_starts_on=on,
    )
    Case.objects.filter(pk=case.pk).update(submitted_at=_at(on, 9))
    SharingRequest.objects.create(
        case=case, resource=resource, requesting_unit=requester, purpose=purpose, delivery=delivery
    )
    return case


def build(rng: random.Random, today: date) -> str:
    from opencounty.datacatalogue import actions
    from opencounty.datacatalogue.models import Resource

    if is_built():
        return "政务信息资源目录：已有数据，跳过"
    units = list(
        Unit.objects.exclude(kind=Unit.Kind.COUNTY_OFFICE).order_by("kind", "order", "code")
    )
    departments = [u for u in units if u.kind == Unit.Kind.DEPARTMENT] or units
    if not units:
        return "政务信息资源目录：没有单位，跳过"
    State = Resource.State
    open_count = 0
    for n, (name, department, keywords, items, make_row, count) in enumerate(OPEN_DATASETS):
        unit = _provider(departments, department, n)
        at = _at(today - timedelta(days=3 + n * 5))
        resource = _resource(
            unit, name, "2", "unconditional", "unconditional", items, keywords, State.PUBLISHED, at
        )
        _files(resource, [i[0] for i in items], [make_row(rng, r, today) for r in range(count)], at)
        open_count += 1
    states = [State.PUBLISHED] * 6 + [State.DRAFT, State.AWAITING_REVIEW, State.RETURNED]
    made = open_count
    n = 0
    while made < 60:
        unit = units[n % len(units)]
        pattern, classification, sharing, opening, items = CATALOGUE[n % len(CATALOGUE)]
        state = states[n % len(states)] if n >= len(CATALOGUE) else State.PUBLISHED
        keywords = "政务数据," + pattern.removeprefix("{u}")[:6]
        at = _at(today - timedelta(days=10 + n))
        _resource(
            unit,
            pattern.format(u=unit.short_name),
            classification,
            sharing,
            opening,
            items,
            keywords,
            state,
            at,
        )
        made += 1
        n += 1
    # Sharing requests, on the clock of the providers.
    # 县教育局's first, asked by 城关镇 first: the demo accounts of both can follow them.
    shareable = sorted(
        Resource.objects.filter(state=State.PUBLISHED, sharing="conditional").select_related(
            "unit"
        ),
        key=lambda r: (r.unit.code != "D02", r.code),
    )
    chengguan = next((u for u in units if u.code == "T01"), None)
    plans = [
        ("waiting", 0, "download"),
        ("nearly_due", 1, "download"),
        ("overdue", -2, "api"),
        ("granted", 3, "download"),
        ("granted", 3, "api"),
        ("refused", 3, "download"),
    ]
    made_requests = 0
    for m, (outcome, remaining, delivery) in enumerate(plans):
        if not shareable:
            break
        resource = shareable[m % len(shareable)]
        others = [u for u in units if u.pk != resource.unit_id]
        requester = others[m % len(others)]
        if chengguan is not None and chengguan.pk != resource.unit_id and m % 2 == 0:
            requester = chengguan
        on = start_for(10, remaining, today) if outcome != "waiting" else working_days_ago(today, 1)
        case = _request(
            resource, requester, f"用于{requester.short_name}核实办事群众信息（演示）", delivery, on
        )
        # The demo has no provider accounts to act as; the verbs' own steps are run directly.
        if outcome == "granted":
            actions.grant.__wrapped__(case, None, note="同意共享，请妥善使用（演示）")
        elif outcome == "refused":
            actions.refuse.__wrapped__(
                case, None, reason="所申请数据涉及个人隐私，请改为核验方式（演示）"
            )
        made_requests += 1
    return (
        f"政务信息资源目录：{made} 项资源（{open_count} 个开放数据集），共享申请 {made_requests} 件"
    )
