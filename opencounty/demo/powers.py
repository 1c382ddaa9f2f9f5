"""Demo powers data (权力清单与双公示): every department's and township's list of powers (from the
service items of the catalogue and a vocabulary of enforcement matters), the law-enforcement bases
of 30 enforcement departments, penalty cases of 县应急管理局 in every step (one late to decide, one
late to publish) and 双公示 entries (one already withdrawn).

The lists are demo data written in bulk (hundreds of rows, the phase stays fast); the penalty
cases and their 双公示 go through the real actions."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from opencounty.core.models import Role, Unit

CATEGORY_OF_ITEM_TYPE = {
    "licensing": "licensing",
    "confirmation": "confirmation",
    "payment": "payment",
    "levy": "levy",
    "reward": "reward",
    "adjudication": "ruling",
    "other_power": "other",
}

# Enforcement departments: (department, law, [acts punished], what is inspected)
ENFORCEMENT = [
    (
        "市场监督管理局",
        "《中华人民共和国食品安全法》",
        ["未取得食品经营许可从事食品经营", "经营超过保质期的食品", "虚假宣传"],
        "食品生产经营者",
    ),
    (
        "应急管理局",
        "《中华人民共和国安全生产法》",
        [
            "未按规定对从业人员进行安全生产教育培训",
            "未如实记录安全生产教育和培训情况",
            "生产经营单位未建立事故隐患排查治理制度",
        ],
        "生产经营单位安全生产",
    ),
    (
        "生态环境分局",
        "《中华人民共和国大气污染防治法》",
        ["超标排放大气污染物", "未依法取得排污许可证排放污染物", "拒绝环境保护主管部门现场检查"],
        "排污单位",
    ),
    (
        "自然资源局",
        "《中华人民共和国土地管理法》",
        ["非法占用土地", "非法转让土地", "未经批准擅自采矿"],
        "土地利用和矿产开发",
    ),
    (
        "住房和城乡建设局",
        "《建设工程质量管理条例》",
        ["未取得施工许可证擅自施工", "违反工程建设强制性标准", "未组织竣工验收擅自交付使用"],
        "建设工程质量安全",
    ),
    (
        "交通运输局",
        "《中华人民共和国道路运输条例》",
        [
            "未取得道路运输经营许可擅自从事道路运输经营",
            "客运经营者不按批准的客运站点停靠",
            "货运车辆超限运输",
        ],
        "道路运输经营者",
    ),
    (
        "水利局",
        "《中华人民共和国水法》",
        ["未经批准擅自取水", "在河道管理范围内建设妨碍行洪的建筑物", "非法采砂"],
        "水资源开发利用",
    ),
    (
        "农业农村局",
        "《农药管理条例》",
        ["经营假农药", "未取得农药经营许可证经营农药", "违规使用禁用农药"],
        "农资经营主体",
    ),
    (
        "文化和旅游局",
        "《旅行社条例》",
        [
            "未取得旅行社业务经营许可经营旅行社业务",
            "娱乐场所违规接纳未成年人",
            "擅自从事互联网上网服务经营活动",
        ],
        "文化旅游市场",
    ),
    (
        "卫生健康局",
        "《公共场所卫生管理条例》",
        ["公共场所未取得卫生许可证经营", "医疗机构使用非卫生技术人员", "非法行医"],
        "公共场所和医疗机构",
    ),
    (
        "教育局",
        "《中华人民共和国民办教育促进法》",
        ["擅自举办民办学校", "民办学校违规招生", "校外培训机构超范围培训"],
        "学校和培训机构",
    ),
    (
        "公安局",
        "《中华人民共和国治安管理处罚法》",
        ["扰乱公共秩序", "违反危险物品管理规定", "旅馆业未按规定登记住宿人员"],
        "特种行业和公共场所",
    ),
    (
        "民政局",
        "《社会团体登记管理条例》",
        ["社会团体未按规定办理变更登记", "殡葬服务单位违规收费", "养老机构未按规定开展服务"],
        "社会组织和养老机构",
    ),
    (
        "司法局",
        "《中华人民共和国律师法》",
        ["律师私自接受委托收取费用", "基层法律服务工作者违规执业", "司法鉴定机构超范围鉴定"],
        "法律服务机构",
    ),
    (
        "人力资源和社会保障局",
        "《劳动保障监察条例》",
        ["用人单位拖欠劳动者工资", "未依法缴纳社会保险费", "违法使用童工"],
        "用人单位劳动用工",
    ),
    (
        "商务局",
        "《单用途商业预付卡管理办法》",
        ["发卡企业未按规定备案", "未按规定办理成品油零售经营", "拍卖企业违规拍卖"],
        "商贸流通企业",
    ),
    (
        "林业局",
        "《中华人民共和国森林法》",
        ["盗伐林木", "滥伐林木", "非法占用林地"],
        "林木采伐和林地使用",
    ),
    (
        "城市管理局",
        "《城市市容和环境卫生管理条例》",
        ["随意倾倒建筑垃圾", "擅自设置户外广告", "占道经营"],
        "市容环境卫生",
    ),
    (
        "统计局",
        "《中华人民共和国统计法》",
        ["拒绝提供统计资料", "提供虚假统计资料", "迟报统计资料"],
        "统计调查对象",
    ),
    (
        "审计局",
        "《中华人民共和国审计法》",
        ["拒绝或者拖延提供审计资料", "转移隐匿违法取得的资产", "阻挠审计检查"],
        "被审计单位",
    ),
    (
        "医疗保障局",
        "《医疗保障基金使用监督管理条例》",
        ["定点医药机构分解住院", "串换药品耗材诊疗项目", "伪造医疗文书骗取医保基金"],
        "定点医药机构",
    ),
    (
        "税务局",
        "《中华人民共和国税收征收管理法》",
        ["未按期办理纳税申报", "未按规定设置保管账簿", "逃避缴纳税款"],
        "纳税人",
    ),
    (
        "消防救援大队",
        "《中华人民共和国消防法》",
        [
            "消防设施未保持完好有效",
            "占用堵塞封闭疏散通道",
            "公众聚集场所未经消防安全检查擅自投入使用",
        ],
        "消防安全重点单位",
    ),
    (
        "气象局",
        "《气象灾害防御条例》",
        ["未按规定安装雷电防护装置", "擅自施放无人驾驶自由气球", "违规发布气象预报"],
        "防雷和升放气球活动",
    ),
    (
        "粮食和物资储备局",
        "《粮食流通管理条例》",
        ["粮食收购者未按规定备案", "违规倒卖陈化粮", "未执行粮食质量安全检验制度"],
        "粮食经营者",
    ),
    (
        "发展和改革局",
        "《中华人民共和国价格法》",
        ["不执行政府指导价", "价格欺诈", "未明码标价"],
        "经营者价格行为",
    ),
    (
        "工业和信息化局",
        "《民用爆炸物品安全管理条例》",
        ["违规购买民用爆炸物品", "未按规定储存民用爆炸物品", "违规销售民用爆炸物品"],
        "民用爆炸物品企业",
    ),
    (
        "财政局",
        "《中华人民共和国会计法》",
        ["不依法设置会计账簿", "伪造变造会计凭证", "政府采购当事人违法"],
        "会计信息质量",
    ),
    (
        "退役军人事务局",
        "《烈士褒扬条例》",
        ["侵占破坏烈士纪念设施", "冒领抚恤优待金", "违规使用优抚资金"],
        "优抚对象和纪念设施",
    ),
    (
        "民族宗教事务局",
        "《宗教事务条例》",
        ["擅自设立宗教活动场所", "宗教活动场所违规接受捐赠", "违规组织宗教活动"],
        "宗教活动场所",
    ),
]
TOWNSHIP_POWERS = [
    (
        "对农村村民未经批准占用土地建设住宅的处罚",
        "penalty",
        "《中华人民共和国土地管理法》",
        "第七十八条",
    ),
    ("农村村民宅基地审批", "licensing", "《中华人民共和国土地管理法》", "第六十二条"),
    (
        "对辖区生产经营单位安全生产的监督检查",
        "inspection",
        "《中华人民共和国安全生产法》",
        "第九条",
    ),
    ("最低生活保障初审", "payment", "《社会救助暂行办法》", "第十一条"),
    ("对乱倒垃圾行为的处罚", "penalty", "《城市市容和环境卫生管理条例》", "第三十四条"),
]
PENALTY_STEPS = [
    {"name": "立案", "description": "发现违法线索，经负责人批准立案", "days": 0},
    {"name": "调查取证", "description": "两名以上执法人员出示证件，调查取证", "days": 0},
    {"name": "告知", "description": "告知拟处罚的事实、理由、依据和陈述申辩、听证权利", "days": 0},
    {"name": "决定", "description": "立案之日起九十日内作出决定", "days": 0},
    {"name": "送达", "description": "七日内送达处罚决定书", "days": 0},
    {"name": "执行", "description": "当事人履行或依法强制执行", "days": 0},
]
LICENCE_STEPS = [
    {"name": "申请受理", "description": "", "days": 1},
    {"name": "审查", "description": "", "days": 10},
    {"name": "决定", "description": "", "days": 3},
    {"name": "送达", "description": "", "days": 1},
]
RESPONSIBILITIES = {
    "penalty": "1.立案责任；2.调查责任；3.审查责任；4.告知责任；5.决定责任；6.送达责任；7.执行责任；8.其他法律法规规章文件规定应履行的责任。",
    "licensing": "1.受理责任；2.审查责任；3.决定责任；4.送达责任；5.事后监管责任。",
}
ACCOUNTABILITY = (
    "因不履行或不正确履行行政职责，有下列情形之一的，行政机关及其工作人员应承担相应责任："
    "1.没有法律和事实依据实施的；2.擅自改变标准的；3.违反法定程序的；4.玩忽职守造成损失的；"
    "5.索取或者收受他人财物、谋取其他利益的。"
)
PARTIES = [
    ("person", "赵德明"),
    ("organisation", "示范县兴旺建材有限公司"),
    ("person", "钱小红"),
    ("organisation", "示范县安泰化工有限公司"),
    ("person", "孙国强"),
    ("organisation", "示范县顺达物流有限公司"),
    ("person", "李春生"),
    ("organisation", "示范县鑫源矿业有限公司"),
    ("person", "周海燕"),
    ("organisation", "示范县宏发机械厂"),
]
ID_NUMBERS = [
    "110101198805120012",
    "110101199107230024",
    "110101197611300037",
    "110101198302140046",
]


def is_built() -> bool:
    """The phase has left its data (a half-built county completes what is missing)."""
    from opencounty.powers.models import Power

    return Power.objects.exists()


def _unit_named(units: dict[str, Unit], name: str) -> Unit | None:
    return units.get(name)


def _version_rows(power, bases, steps, on: date, number: int, reason: str, current: bool):
    from opencounty.powers.models import PowerVersion

    return PowerVersion(
        power=power,
        number=number,
        is_current=current,
        unit=power.unit,
        code=power.code,
        name=power.name if current else power.name.replace("的处罚", "的行政处罚"),
        category=power.category,
        section=power.section,
        responsibilities=power.responsibilities,
        accountability=power.accountability,
        time_limit=power.time_limit,
        fees=power.fees,
        fee_basis=power.fee_basis,
        service_item=power.service_item,
        bases=bases,
        steps=steps,
        adjusted_on=on,
        reason=reason,
        approved_at=timezone.make_aware(datetime.combine(on, time(10))),
    )


def _power_specs(units_by_name: dict[str, Unit], townships: list[Unit], rng: random.Random):
    """(unit, name, category, bases, steps, service item, section, time limit) of every power."""
    from opencounty.services.models import ServiceItemPage

    specs = []
    items = ServiceItemPage.objects.filter(
        item_type__in=list(CATEGORY_OF_ITEM_TYPE)
    ).select_related("department")
    for item in items.order_by("code"):
        category = CATEGORY_OF_ITEM_TYPE[item.item_type]
        basis = item.basis or "《示范省行政权力事项管理办法》"
        law, _sep, article = basis.partition("》")
        specs.append(
            (
                item.department,
                item.title,
                category,
                [
                    {
                        "law": f"{law}》" if _sep else law,
                        "article": article.strip("；;")[:100],
                        "text": "",
                    }
                ],
                LICENCE_STEPS if category == "licensing" and rng.random() < 0.2 else [],
                item if category == "licensing" else None,
                item.handling_office or "",
                f"{item.promised_days or item.statutory_days or 0}个工作日",
            )
        )
    for name, law, acts, inspected in ENFORCEMENT:
        unit = units_by_name.get(name)
        if unit is None:
            continue
        for index, act in enumerate(acts):
            article = f"第{rng.randint(30, 130)}条"
            specs.append(
                (
                    unit,
                    f"对{act}的处罚",
                    "penalty",
                    [
                        {
                            "law": law,
                            "article": article,
                            "text": f"违反本法规定，{act}的，由县级以上人民政府有关部门责令改正，依法给予处罚。",
                        }
                    ],
                    PENALTY_STEPS if index == 0 else [],
                    None,
                    "综合行政执法大队",
                    "立案之日起九十日内",
                )
            )
        specs.append(
            (
                unit,
                f"对{inspected}的监督检查",
                "inspection",
                [{"law": law, "article": f"第{rng.randint(5, 30)}条", "text": ""}],
                [],
                None,
                "执法监督股",
                "按年度检查计划",
            )
        )
        specs.append(
            (
                unit,
                f"查封、扣押与{acts[0]}有关的场所、设施或者财物",
                "compulsion",
                [
                    {"law": law, "article": f"第{rng.randint(30, 130)}条", "text": ""},
                    {"law": "《中华人民共和国行政强制法》", "article": "第二十二条", "text": ""},
                ],
                [],
                None,
                "综合行政执法大队",
                "三十日，情况复杂的经批准可延长三十日",
            )
        )
    for unit in townships:
        for name, category, law, article in TOWNSHIP_POWERS:
            specs.append(
                (
                    unit,
                    name,
                    category,
                    [{"law": law, "article": article, "text": ""}],
                    [],
                    None,
                    "综合行政执法办公室",
                    "依法定时限",
                )
            )
    return specs


def _build_lists(rng: random.Random, today: date) -> int:
    from opencounty.powers.models import FlowStep, LegalBasis, Power, PowerVersion

    units = list(
        Unit.objects.exclude(kind__in=[Unit.Kind.COUNTY_GOVERNMENT, Unit.Kind.COUNTY_OFFICE])
    )
    by_name = {u.name.removeprefix("示范县"): u for u in units}
    townships = [u for u in units if u.kind == Unit.Kind.TOWNSHIP]
    specs = _power_specs(by_name, townships, rng)
    powers, extras = [], []
    counters: dict[int, int] = {}
    for unit, name, category, bases, steps, item, section, limit in specs:
        counters[unit.pk] = counters.get(unit.pk, 0) + 1
        n = counters[unit.pk]
        state = Power.State.APPROVED
        if n == 4 and unit.kind == Unit.Kind.DEPARTMENT:
            state = Power.State.PENDING  # a change waiting for the reviewer
        powers.append(
            Power(
                unit=unit,
                code=f"QL{unit.code}{dict(CATEGORY_CODES)[category]}{n:03d}",
                name=name[:200],
                category=category,
                section=section[:100],
                responsibilities=RESPONSIBILITIES.get(category, RESPONSIBILITIES["licensing"]),
                accountability=ACCOUNTABILITY,
                time_limit=limit[:100],
                fees="不收费",
                service_item=item,
                state=state,
                change_reason="依据法律修订调整" if state == Power.State.PENDING else "",
            )
        )
        extras.append((bases, steps))
    Power.objects.bulk_create(powers, batch_size=500)  # sets the keys (SQLite and PostgreSQL)
    bases_rows, step_rows, versions = [], [], []
    first_published = today - timedelta(days=700)
    for power_obj, (bases, steps) in zip(powers, extras, strict=True):
        bases_rows += [LegalBasis(power=power_obj, order=i, **b) for i, b in enumerate(bases)]
        step_rows += [FlowStep(power=power_obj, order=i, **s) for i, s in enumerate(steps)]
        adjusted = rng.random() < 0.15
        versions.append(
            _version_rows(
                power_obj, bases, steps, first_published, 1, "依法梳理，首次公布", not adjusted
            )
        )
        if adjusted:
            versions.append(
                _version_rows(
                    power_obj,
                    bases,
                    steps,
                    today - timedelta(days=rng.randint(30, 300)),
                    2,
                    rng.choice(
                        [
                            "法律法规修订，调整设定依据",
                            "机构改革，调整实施主体承办机构",
                            "规范权力名称",
                        ]
                    ),
                    True,
                )
            )
    LegalBasis.objects.bulk_create(bases_rows, batch_size=1000)
    FlowStep.objects.bulk_create(step_rows, batch_size=1000)
    PowerVersion.objects.bulk_create(versions, batch_size=500)
    return len(powers)


CATEGORY_CODES = [
    ("licensing", "XK"),
    ("penalty", "CF"),
    ("compulsion", "QZ"),
    ("levy", "ZS"),
    ("payment", "JF"),
    ("inspection", "JC"),
    ("confirmation", "QR"),
    ("reward", "JL"),
    ("ruling", "CJ"),
    ("other", "QT"),
]


def _staff(unit: Unit, role: str):
    return (
        get_user_model()
        .objects.filter(groups__unit_role__unit=unit, groups__unit_role__role=role)
        .order_by("pk")
        .first()
    )


def _build_cases(today: date) -> tuple[int, int]:
    """Penalty cases of the unit with demo accounts for enforcement (县应急管理局)."""
    from opencounty.powers import penalty_actions as actions
    from opencounty.powers.models import Power

    unit = Unit.objects.filter(name__endswith="应急管理局").first()
    officer = unit and _staff(unit, Role.INFORMATION_OFFICER)
    head = unit and _staff(unit, Role.REVIEWER)
    if unit is None or officer is None or head is None:
        return 0, 0
    powers = list(Power.objects.filter(unit=unit, category="penalty").order_by("code"))
    # (days since 立案, how far it went, days after 立案 of the decision, published?)
    plan = [
        (3, "registered", None, False),
        (12, "investigated", None, False),
        (25, "notified", None, False),
        (110, "registered", None, False),  # late: no decision after 90 days
        (50, "decided", 25, False),  # decided 25 days ago, not published: late (red)
        (12, "decided", 10, False),  # decided 2 days ago: still within 7 working days
        (60, "delivered", 40, True),
        (80, "executed", 50, True),
        (150, "closed", 60, True),
        (1200, "closed", 70, True),  # published long ago: withdrawn after its period
    ]
    made = published = 0
    # Nobody looks these cases up: one hashed code for all (hashing is deliberately slow).
    from opencounty.cases.actions import new_hashed_query_code

    shared_code = new_hashed_query_code()
    order = ["registered", "investigated", "notified", "decided", "delivered", "executed", "closed"]
    for index, (ago, reach, decided_after, publish) in enumerate(plan):
        start = today - timedelta(days=ago)
        kind, party = PARTIES[index % len(PARTIES)]
        penalty = actions.register(
            officer,
            unit=unit,
            power=powers[index % len(powers)] if powers else None,
            party_kind=kind,
            party_name=party,
            id_number=ID_NUMBERS[index % len(ID_NUMBERS)] if kind == "person" else "",
            phone=f"1390000{index:04d}",
            facts=f"经检查，{party}存在{(powers[index % len(powers)].name if powers else '违法行为').removeprefix('对').removesuffix('的处罚')}的违法行为。",
            registered_on=start,
            query_code=shared_code,
        )
        case = penalty.case
        made += 1
        target = order.index(reach)
        if index == 3:
            case = actions.extend(case, head, days=10, reason="案情复杂，经负责人批准延长")
        if target >= 1:
            case = actions.investigate(
                case, officer, evidence="现场检查笔录、询问笔录各一份，现场照片若干。"
            )
        if target >= 2:
            case = actions.notify_party(
                case,
                officer,
                notice="拟作出罚款处罚，当事人可在三日内陈述申辩，五日内要求听证。",
                on=min(today, start + timedelta(days=10)),
            )
        if target >= 3:
            decided_on = start + timedelta(days=decided_after)
            actions.record_defence(
                case, officer, defence="当事人未提出陈述申辩。", hearing_requested=False
            )
            case = actions.decide(
                case,
                officer,
                decision_number=f"示应急罚〔{decided_on.year}〕{index + 1}号",
                decision=f"{party}：责令限期改正，罚款人民币{(index + 1) * 1000}元。",
                basis=penalty.power.bases.first().law + penalty.power.bases.first().article
                if penalty.power and penalty.power.bases.exists()
                else "《中华人民共和国安全生产法》",
                fine=Decimal((index + 1) * 1000),
                on=decided_on,
            )
            if publish:
                actions.publish(case, officer, on=decided_on + timedelta(days=2))
                published += 1
        if target >= 4:
            case = actions.deliver(case, officer, on=start + timedelta(days=decided_after + 3))
        if target >= 5:
            case = actions.execute(
                case,
                officer,
                execution="罚款已缴入国库。",
                on=start + timedelta(days=decided_after + 10),
            )
        if target >= 6:
            actions.close(case, officer)
    return made, published


def _publish_licences(today: date) -> int:
    """Granted licences of the demo's online applications in 双公示 (the newest two left for
    the units to publish)."""
    from opencounty.powers.licence_publicity import granted_unpublished, publish_licence

    office = Unit.objects.filter(kind=Unit.Kind.COUNTY_OFFICE).first()
    actor = office and _staff(office, Role.HEADLINE_REVIEWER)
    if actor is None:
        return 0
    granted = list(granted_unpublished(actor))
    for application in granted[:-2]:
        publish_licence(
            application, actor, on=min(today, application.completed_on + timedelta(days=3))
        )
    return max(0, len(granted) - 2)


def build(rng: random.Random, today: date) -> str:
    """Build this part of the demo county; returns the line the build prints (in Chinese)."""
    from opencounty.powers.models import ENFORCEMENT_CATEGORIES, PowerVersion, Publication

    if is_built():  # a county completed by a later build keeps what it has
        return "权力清单与双公示：已有数据，未重复生成"
    count = _build_lists(rng, today)
    cases, published = _build_cases(today)
    licences = _publish_licences(today)
    departments = (
        PowerVersion.objects.filter(
            is_current=True,
            category__in=ENFORCEMENT_CATEGORIES,
            unit__kind=Unit.Kind.DEPARTMENT,
        )
        .values("unit")
        .distinct()
        .count()
    )
    shown = Publication.objects.filter(published_on__lte=today, expires_on__gt=today).count()
    return (
        f"权力清单与双公示：{count} 项权力，{departments} 个执法部门的执法依据，"
        f"{cases} 件行政处罚案件，{published + licences} 条双公示（在公示期内 {shown} 条）"
    )
