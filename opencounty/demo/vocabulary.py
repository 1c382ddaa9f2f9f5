"""Names and phrases for the fictional 示范县. Every person and place here is invented."""

COUNTY = "示范县"

TOWNSHIPS = [
    "城关镇",
    "青石镇",
    "云溪镇",
    "柳塘镇",
    "白鹭镇",
    "松岗镇",
    "桃源乡",
    "梅岭乡",
    "石桥乡",
    "清水乡",
    "凤鸣乡",
    "金沙乡",
    "东湖街道",
    "西林街道",
    "南屏街道",
    "北苑街道",
]

DEPARTMENTS = [
    "发展和改革局",
    "教育局",
    "科学技术局",
    "工业和信息化局",
    "公安局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境分局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化和旅游局",
    "卫生健康局",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "林业局",
    "乡村振兴局",
    "信访局",
    "行政审批服务局",
    "机关事务服务中心",
    "数据资源局",
    "城市管理局",
    "供销合作社",
    "气象局",
    "税务局",
    "消防救援大队",
    "残疾人联合会",
    "档案馆",
    "融媒体中心",
    "公共资源交易中心",
    "住房公积金管理部",
    "粮食和物资储备局",
    "民族宗教事务局",
    "投资促进局",
]

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = [
    "示远",
    "范清",
    "示明",
    "范华",
    "示文",
    "范平",
    "示安",
    "范和",
    "示宁",
    "范春",
    "示林",
    "范雨",
]

POSITIONS = ["县长", "常务副县长", "副县长", "副县长", "副县长", "副县长"]

TOPICS = [
    "城乡低保",
    "最低生活保障",
    "医疗保障",
    "乡村振兴",
    "安全生产",
    "防汛抗旱",
    "优化营商环境",
    "义务教育",
    "农村人居环境整治",
    "耕地保护",
    "社会救助",
    "就业创业",
    "养老服务",
    "森林防火",
    "食品安全",
    "政务服务",
    "河长制",
    "人口普查",
    "征兵",
    "疫苗接种",
    "高标准农田建设",
    "老旧小区改造",
    "困难群众救助",
    "消防安全",
    "生态环境保护",
]

NEWS_TITLES = [
    "{unit}召开{topic}工作推进会",
    "{unit}部署{topic}重点工作",
    "{unit}扎实推进{topic}工作",
    "{unit}{topic}工作取得阶段性成效",
    "{unit}开展{topic}专项检查",
    "{unit}组织{topic}业务培训",
]
NOTICE_TITLES = [
    "关于做好{year}年{topic}工作的通知",
    "关于{topic}资金发放情况的公示",
    "关于开展{topic}宣传月活动的通知",
    "{unit}关于{topic}有关事项的公告",
]
POLICY_TITLES = [
    "{county}{topic}实施办法",
    "{county}关于进一步加强{topic}工作的意见",
    "{county}{topic}工作方案（{year}—{next_year}年）",
]
INTERPRETATION_TITLES = [
    "《{county}{topic}实施办法》政策解读",
    "一图读懂《{county}关于进一步加强{topic}工作的意见》",
]

SENTENCES = [
    "会议强调，要深入贯彻落实上级关于{topic}工作的决策部署，切实增强责任感和紧迫感。",
    "各乡镇（街道）、各有关部门要加强协调配合，形成工作合力，确保{topic}各项任务落到实处。",
    "{unit}坚持以人民为中心的发展思想，把{topic}作为重要民生工程来抓。",
    "今年以来，{unit}围绕{topic}目标任务，细化工作措施，压实工作责任。",
    "下一步，{unit}将继续完善{topic}长效机制，持续提升群众的获得感、幸福感、安全感。",
    "符合条件的群众可持有效身份证件到户籍所在地乡镇（街道）便民服务中心申请办理。",
    "对工作中发现的问题，要建立台账、限时整改，做到件件有落实、事事有回音。",
    "{year}年全县共投入{topic}相关资金{amount}万元，惠及群众{people}人。",
    "详细情况可咨询{unit}，联系电话：0000-{phone}（演示号码）。",
]

ATTACHMENT_TITLES = [
    "{topic}申请表",
    "{topic}资金发放明细表",
    "{topic}办事指南",
    "{topic}政策问答",
    "{topic}工作台账模板",
]

WORD_RULES = [
    ("sensitive", "示例敏感词", "", "演示用敏感词，请勿发布"),
    ("wrong", "示范县人民政府办公厅", "示范县人民政府办公室", "县级政府设办公室，不设办公厅"),
    ("wrong", "县计划生育局", "县卫生健康局", "机构改革后名称已变更"),
    ("wrong", "县国土资源局", "县自然资源局", "机构改革后名称已变更"),
    ("typo", "按装", "安装", "错别字"),
    ("typo", "既使", "即使", "错别字"),
]

# Service items per department: (name, item type, scope, life events, enterprise topics).
# Scope: i individuals, o organisations, b both. Themes are LifeEvent / EnterpriseTopic codes.
SERVICE_ITEMS = {
    "发展和改革局": [
        ("企业投资项目核准", "licensing", "o", "", "construction"),
        ("企业投资项目备案", "other_power", "o", "", "construction"),
        ("节能审查意见", "other_power", "o", "", "construction"),
        ("价格认定", "confirmation", "b", "", "trade"),
    ],
    "教育局": [
        ("义务教育阶段入学登记", "public_service", "i", "schooling", ""),
        ("教师资格认定", "licensing", "i", "employment", ""),
        ("民办学校设立审批", "licensing", "o", "", "opening licences"),
        ("学生资助申请", "payment", "i", "schooling", ""),
        ("学籍转学办理", "public_service", "i", "schooling", ""),
    ],
    "科学技术局": [
        ("科技型中小企业评价入库", "confirmation", "o", "", "opening"),
        ("科技成果登记", "confirmation", "b", "", "trade"),
        ("县级科学技术奖评审", "reward", "b", "", ""),
    ],
    "工业和信息化局": [
        ("技术改造项目备案", "other_power", "o", "", "construction"),
        ("专精特新中小企业认定初审", "confirmation", "o", "", "licences"),
        ("民用爆炸物品购买许可初审", "licensing", "o", "", "licences"),
    ],
    "公安局": [
        ("居民身份证换领", "public_service", "i", "travel", ""),
        ("户口迁入登记", "confirmation", "i", "housing schooling", ""),
        ("出生登记", "confirmation", "i", "birth", ""),
        ("死亡注销户口", "confirmation", "i", "death", ""),
        ("居住证申领", "public_service", "i", "housing employment", ""),
        ("旅馆业特种行业许可", "licensing", "o", "", "licences"),
    ],
    "民政局": [
        ("结婚登记", "confirmation", "i", "marriage", ""),
        ("离婚登记", "confirmation", "i", "marriage", ""),
        ("最低生活保障申请", "payment", "i", "social_security", ""),
        ("高龄津贴申领", "payment", "i", "retirement", ""),
        ("养老机构备案", "other_power", "o", "retirement", "opening"),
        ("社会团体成立登记", "licensing", "o", "", "opening"),
        ("收养登记", "confirmation", "i", "birth", ""),
    ],
    "司法局": [
        ("法律援助申请", "public_service", "i", "social_security", ""),
        ("人民调解申请", "public_service", "b", "", ""),
        ("律师执业证初审", "licensing", "i", "employment", ""),
    ],
    "财政局": [
        ("政府采购供应商投诉处理", "adjudication", "o", "", "trade"),
        ("会计代理记账机构审批", "licensing", "o", "", "licences tax"),
        ("惠民惠农补贴查询", "public_service", "i", "social_security", ""),
    ],
    "人力资源和社会保障局": [
        ("失业登记", "public_service", "i", "employment", ""),
        ("失业保险金申领", "payment", "i", "employment social_security", ""),
        ("城乡居民养老保险参保登记", "public_service", "i", "social_security retirement", ""),
        ("职工退休申请", "confirmation", "i", "retirement", ""),
        ("工伤认定", "confirmation", "b", "social_security", "labour"),
        ("创业担保贷款申请", "payment", "b", "employment", "opening"),
        ("劳务派遣经营许可", "licensing", "o", "", "labour licences"),
        ("丧葬补助金和抚恤金申领", "payment", "i", "death", ""),
    ],
    "自然资源局": [
        ("不动产首次登记", "confirmation", "b", "housing", "construction"),
        ("不动产转移登记", "confirmation", "b", "housing", ""),
        ("建设用地规划许可", "licensing", "o", "", "construction"),
        ("临时用地审批", "licensing", "o", "", "construction"),
    ],
    "生态环境分局": [
        ("建设项目环境影响报告表审批", "licensing", "o", "", "construction"),
        ("排污许可登记", "other_power", "o", "", "licences"),
        ("危险废物经营许可初审", "licensing", "o", "", "licences"),
    ],
    "住房和城乡建设局": [
        ("建筑工程施工许可", "licensing", "o", "", "construction"),
        ("公共租赁住房申请", "payment", "i", "housing", ""),
        ("商品房预售许可", "licensing", "o", "housing", "construction"),
        ("建设工程竣工验收备案", "other_power", "o", "", "construction"),
        ("建筑业企业资质核准", "licensing", "o", "", "licences"),
    ],
    "交通运输局": [
        ("道路货物运输经营许可", "licensing", "o", "", "licences"),
        ("出租汽车驾驶员从业资格注册", "licensing", "i", "employment travel", ""),
        ("公路超限运输许可", "licensing", "b", "travel", "trade"),
        ("农村客运班线经营许可", "licensing", "o", "travel", "licences"),
    ],
    "水利局": [
        ("取水许可", "licensing", "o", "", "construction licences"),
        ("河道管理范围内建设项目审批", "licensing", "o", "", "construction"),
        ("生产建设项目水土保持方案审批", "licensing", "o", "", "construction"),
    ],
    "农业农村局": [
        ("农药经营许可", "licensing", "o", "", "licences"),
        ("农村宅基地审批", "licensing", "i", "housing", ""),
        ("耕地地力保护补贴申领", "payment", "i", "social_security", ""),
        ("兽药经营许可", "licensing", "o", "", "licences"),
        ("农机购置补贴申请", "payment", "b", "", "trade"),
    ],
    "商务局": [
        ("对外贸易经营者备案", "other_power", "o", "", "trade"),
        ("单用途商业预付卡备案", "other_power", "o", "", "trade"),
        ("再生资源回收经营者备案", "other_power", "o", "", "opening trade"),
    ],
    "文化和旅游局": [
        ("营业性演出审批", "licensing", "o", "", "licences"),
        ("娱乐场所经营许可", "licensing", "o", "", "licences"),
        ("旅行社设立许可", "licensing", "o", "", "opening licences"),
        ("公共文化场馆免费开放预约", "public_service", "i", "", ""),
    ],
    "卫生健康局": [
        ("出生医学证明办理", "public_service", "i", "birth", ""),
        ("医疗机构执业登记", "licensing", "o", "medical", "licences"),
        ("公共场所卫生许可", "licensing", "o", "", "licences"),
        ("生育登记服务", "public_service", "i", "birth", ""),
        ("医师执业注册", "licensing", "i", "employment medical", ""),
        ("计划生育家庭特别扶助金申领", "payment", "i", "birth retirement", ""),
    ],
    "退役军人事务局": [
        ("退役士兵自主就业一次性经济补助", "payment", "i", "employment", ""),
        ("烈士褒扬金发放", "payment", "i", "death", ""),
        ("优待证申领", "public_service", "i", "travel", ""),
    ],
    "应急管理局": [
        ("危险化学品经营许可", "licensing", "o", "", "licences"),
        ("烟花爆竹经营（零售）许可", "licensing", "o", "", "licences trade"),
        ("生产安全事故应急预案备案", "other_power", "o", "", "licences"),
    ],
    "审计局": [
        ("政府投资项目审计咨询", "public_service", "o", "", "construction"),
        ("审计结果公告查询", "public_service", "b", "", ""),
    ],
    "市场监督管理局": [
        ("企业设立登记", "licensing", "o", "", "opening"),
        ("个体工商户注册登记", "licensing", "i", "employment", "opening"),
        ("食品经营许可", "licensing", "o", "", "licences"),
        ("企业注销登记", "licensing", "o", "", "closing"),
        ("特种设备使用登记", "other_power", "o", "", "licences"),
        ("企业变更登记", "licensing", "o", "", "opening"),
        ("药品零售企业许可", "licensing", "o", "medical", "licences"),
    ],
    "统计局": [
        ("统计调查项目审批", "licensing", "o", "", ""),
        ("统计数据查询", "public_service", "b", "", ""),
    ],
    "医疗保障局": [
        ("城乡居民医疗保险参保登记", "public_service", "i", "medical social_security", ""),
        ("异地就医备案", "public_service", "i", "medical travel", ""),
        ("生育保险待遇申领", "payment", "i", "birth medical", ""),
        ("门诊慢特病待遇认定", "confirmation", "i", "medical", ""),
        ("医疗费用手工报销", "payment", "i", "medical", ""),
    ],
    "林业局": [
        ("林木采伐许可", "licensing", "b", "", "licences"),
        ("使用林地审核", "licensing", "o", "", "construction"),
        ("林木种子生产经营许可", "licensing", "o", "", "licences"),
    ],
    "乡村振兴局": [
        ("脱贫人口小额信贷申请", "payment", "i", "employment", ""),
        ("雨露计划职业教育补助", "payment", "i", "schooling", ""),
    ],
    "信访局": [
        ("信访事项受理", "public_service", "b", "", ""),
        ("信访事项复查申请", "public_service", "b", "", ""),
    ],
    "行政审批服务局": [
        ("一件事一次办：开办企业", "public_service", "o", "", "opening tax"),
        ("一件事一次办：新生儿出生", "public_service", "i", "birth", ""),
        ("一件事一次办：企业注销", "public_service", "o", "", "closing"),
        ("一件事一次办：身后事", "public_service", "i", "death", ""),
        ("一件事一次办：工程建设项目联合验收", "public_service", "o", "", "construction"),
    ],
    "机关事务服务中心": [
        ("公务用车使用申请", "public_service", "o", "", ""),
        ("公共机构节能咨询", "public_service", "o", "", ""),
    ],
    "数据资源局": [
        ("公共数据开放申请", "public_service", "b", "", "trade"),
        ("电子证照调用申请", "public_service", "o", "", "licences"),
    ],
    "城市管理局": [
        ("城市建筑垃圾处置核准", "licensing", "o", "", "construction"),
        ("设置大型户外广告审批", "licensing", "o", "", "trade"),
        ("临时占用城市道路审批", "licensing", "b", "", "construction"),
        ("燃气经营许可", "licensing", "o", "", "licences"),
    ],
    "供销合作社": [
        ("农资供应信息查询", "public_service", "b", "", "trade"),
        ("基层社备案", "other_power", "o", "", "opening"),
    ],
    "气象局": [
        ("雷电防护装置设计审核", "licensing", "o", "", "construction"),
        ("施放气球活动许可", "licensing", "o", "", "licences"),
        ("气象资料查询", "public_service", "b", "", ""),
    ],
    "税务局": [
        ("新办纳税人涉税事项", "other_power", "o", "", "opening tax"),
        ("发票领用", "other_power", "o", "", "tax"),
        ("个人所得税综合所得汇算清缴", "levy", "i", "employment", ""),
        ("清税证明开具", "other_power", "o", "", "closing tax"),
        ("契税申报", "levy", "b", "housing", "tax"),
    ],
    "消防救援大队": [
        ("公众聚集场所投入使用营业前消防安全检查", "licensing", "o", "", "licences"),
        ("建设工程消防验收", "confirmation", "o", "", "construction"),
    ],
    "残疾人联合会": [
        ("残疾人证办理", "confirmation", "i", "social_security medical", ""),
        ("困难残疾人生活补贴申领", "payment", "i", "social_security", ""),
        ("残疾人就业创业补贴", "payment", "b", "employment", "labour"),
    ],
    "档案馆": [
        ("档案查阅利用", "public_service", "b", "", ""),
        ("婚姻档案查询", "public_service", "i", "marriage", ""),
    ],
    "融媒体中心": [
        ("公益广告刊播申请", "public_service", "o", "", ""),
        ("新闻线索报送", "public_service", "b", "", ""),
    ],
    "公共资源交易中心": [
        ("工程建设项目招标登记", "public_service", "o", "", "construction"),
        ("投标保证金退还", "public_service", "o", "", "trade"),
        ("交易主体信息登记", "public_service", "o", "", "trade"),
    ],
    "住房公积金管理部": [
        ("住房公积金缴存登记", "public_service", "o", "", "labour"),
        ("住房公积金提取", "public_service", "i", "housing retirement", ""),
        ("住房公积金个人贷款", "public_service", "i", "housing", ""),
        ("住房公积金转移接续", "public_service", "i", "employment", ""),
    ],
    "粮食和物资储备局": [
        ("粮食收购企业备案", "other_power", "o", "", "licences"),
        ("地方储备粮承储资格认定", "confirmation", "o", "", "trade"),
    ],
    "民族宗教事务局": [
        ("宗教活动场所登记", "licensing", "o", "", ""),
        ("少数民族学生加分确认", "confirmation", "i", "schooling", ""),
    ],
    "投资促进局": [
        ("招商引资项目咨询", "public_service", "o", "", "opening"),
        ("外商投资企业服务", "public_service", "o", "", "opening trade"),
    ],
}
SERVICE_ITEM_VARIANTS = ["（变更）", "（延续）", "（注销）", "（补办）"]
SERVICE_WINDOW_NAMES = [
    "综合受理",
    "企业开办",
    "工程建设",
    "不动产登记",
    "社会保障",
    "医疗保障",
    "公积金",
    "户籍证件",
    "婚姻收养",
    "税务办理",
    "市场准营",
    "交通运输",
    "农业农村",
    "卫生健康",
    "教育服务",
    "民政救助",
    "文化旅游",
    "自然资源",
    "生态环境",
    "水利林业",
    "应急安全",
    "退役军人",
    "残疾人服务",
    "公共资源交易",
    "帮办代办",
    "出件窗口",
]
# Which departments sit at which window; the others at 综合受理. 帮办代办 and 出件 serve everyone.
WINDOW_DEPARTMENTS = {
    "企业开办": ["市场监督管理局", "行政审批服务局", "商务局", "投资促进局"],
    "工程建设": ["住房和城乡建设局", "城市管理局"],
    "不动产登记": ["自然资源局"],
    "社会保障": ["人力资源和社会保障局"],
    "医疗保障": ["医疗保障局"],
    "公积金": ["住房公积金管理部"],
    "户籍证件": ["公安局"],
    "婚姻收养": ["民政局"],
    "税务办理": ["税务局"],
    "市场准营": ["市场监督管理局"],
    "交通运输": ["交通运输局"],
    "农业农村": ["农业农村局", "乡村振兴局"],
    "卫生健康": ["卫生健康局"],
    "教育服务": ["教育局"],
    "民政救助": ["民政局"],
    "文化旅游": ["文化和旅游局"],
    "自然资源": ["自然资源局"],
    "生态环境": ["生态环境分局"],
    "水利林业": ["水利局", "林业局"],
    "应急安全": ["应急管理局", "消防救援大队"],
    "退役军人": ["退役军人事务局"],
    "残疾人服务": ["残疾人联合会"],
    "公共资源交易": ["公共资源交易中心"],
}
EVERYONE_WINDOWS = ("帮办代办", "出件窗口")
GENERAL_WINDOW = "综合受理"
# Materials only organisations have, never asked of a person applying for themself.
ORGANISATION_MATERIALS = ("营业执照或统一社会信用代码证明", "场所使用证明", "相关资质证明")
SERVICE_MATERIALS = [
    "申请表",
    "申请人身份证明",
    "营业执照或统一社会信用代码证明",
    "授权委托书",
    "相关资质证明",
    "场所使用证明",
    "承诺书",
    "现场照片",
]
SERVICE_BASES = [
    "《中华人民共和国行政许可法》第十二条；《示范省{name}管理办法》第{n}条",
    "《示范省{name}管理办法》第{n}条",
    "《示范市{name}实施细则》第{n}条（演示）",
    "《国务院办公厅关于做好{name}工作的通知》",
]
SERVICE_FAQS = [
    ("可以委托他人办理吗？", "可以。受托人须携带授权委托书和本人身份证件。"),
    ("办理进度在哪里查询？", "凭受理回执上的受理编号和查询码，在本网站“办件查询”中查询。"),
    ("材料不齐全怎么办？", "窗口将一次性告知需要补正的全部材料，补齐后即可受理。"),
    ("可以网上申请吗？", "标注“可网上申请”的事项可在本网站在线申请，其余事项请到窗口办理。"),
    ("办理结果如何领取？", "可选择窗口领取或免费邮寄送达。"),
]
