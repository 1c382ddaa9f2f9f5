"""The common everyday terms of Chinese government services, seeded by a migration so search
understands them from the first day; the office edits the table afterwards (同义词与简称)."""

from __future__ import annotations

# (what people type, the terms documents use, whether a full term also finds the short one, note)
COMMON = [
    ("医保", "医疗保障、医疗保险", True, "医疗保障、医疗保险的通称"),
    ("居民医保", "城乡居民医疗保险、城乡居民基本医疗保险", True, ""),
    ("职工医保", "职工基本医疗保险", True, ""),
    ("社保", "社会保险、社会保障", True, "社会保险、社会保障的通称"),
    ("社保卡", "社会保障卡", True, ""),
    ("低保", "最低生活保障", True, ""),
    ("公积金", "住房公积金", True, ""),
    ("新农合", "新型农村合作医疗", True, "已整合为城乡居民基本医疗保险"),
    ("农保", "农村社会养老保险、城乡居民养老保险", True, "已整合为城乡居民基本养老保险"),
    ("新农保", "新型农村社会养老保险", True, ""),
    ("退休金", "养老金、基本养老金", False, ""),
    ("五保", "五保供养、特困人员救助供养", True, "已并入特困人员救助供养"),
    ("五保户", "特困供养人员", True, ""),
    ("特困", "特困人员救助供养、特困供养", True, ""),
    ("残联", "残疾人联合会", True, ""),
    ("残疾证", "残疾人证", True, ""),
    ("一件事", "一件事一次办", True, "“高效办成一件事”集成服务"),
    ("营业执照", "企业设立登记、个体工商户注册登记、市场主体登记", False, "办理营业执照的事项"),
    ("开公司", "企业开办、企业设立登记", False, ""),
    ("个体户", "个体工商户", True, ""),
    ("身份证", "居民身份证", True, ""),
    ("户口", "户籍", True, ""),
    ("上户口", "出生登记、户口登记", False, ""),
    ("迁户口", "户口迁移、户口迁入登记", False, ""),
    ("准生证", "生育登记、生育服务证", True, "现为生育登记"),
    ("出生证", "出生医学证明", True, ""),
    ("结婚证", "结婚登记", True, ""),
    ("离婚证", "离婚登记", True, ""),
    ("房产证", "不动产权证书、不动产登记", True, ""),
    ("驾照", "机动车驾驶证", True, ""),
    ("失业金", "失业保险金", True, ""),
    ("生育险", "生育保险", True, ""),
    ("个税", "个人所得税", True, ""),
    ("公租房", "公共租赁住房", True, ""),
    ("老年证", "老年人优待证", True, ""),
    ("高龄补贴", "高龄津贴", True, ""),
    ("慢性病", "门诊慢特病、门诊慢性病", True, ""),
    ("12345", "政务服务便民热线", True, "12345政务服务便民热线"),
]


def add_common_synonyms(model=None) -> int:
    """Add the entries the table lacks (an edited or deleted-and-re-added entry is left as the
    office made it). `model` is the historical model inside a migration. Returns how many
    were added."""
    if model is None:
        from opencounty.search.models import Synonym as model
    added = 0
    for term, expansions, bidirectional, note in COMMON:
        _entry, created = model.objects.get_or_create(
            term=term,
            defaults={"expansions": expansions, "bidirectional": bidirectional, "note": note},
        )
        added += created
    return added
