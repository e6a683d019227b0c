"""Subjects: read from the window before a number, split over lists, named after a measure word."""

from __future__ import annotations

import pytest

from zhibiao.extract import subjects
from zhibiao.extract.subjects import (
    contributor,
    coordinated_object,
    counts_a_change,
    daily_average_subject,
    driven_amount,
    is_anaphor,
    resolve_anaphor,
    sibling_predicate,
    split_list,
    subject_after,
    subject_from_window,
    usable_topic,
)


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ("软件业务收入", "软件业务收入"),
        ("其中,国有控股企业实现利润总额", "国有控股企业利润总额"),
        ("数据显示,全国规模以上工业企业实现利润总额", "规模以上工业企业利润总额"),
        ("规模以上工业增加值同比增长", "规模以上工业增加值"),
        ("全省规上工业增加值", "规上工业增加值"),
        ("社会消费品零售总额达到", "社会消费品零售总额"),
        ("其中,制造业投资增长", "制造业投资"),
        ("从环比看,CPI", "CPI"),
        ("扣除价格因素,全国居民人均可支配收入实际增长", "居民人均可支配收入"),
        ("出口额达", "出口额"),
        ("我国软件业务收入", "软件业务收入"),
        ("此外,民间投资同比下降", "民间投资"),
        ("高技术制造业增加值(下同)同比增长", "高技术制造业增加值"),
        ("全市金融机构本外币存款余额", "金融机构本外币存款余额"),
        ("营业收入约为", "营业收入"),
        ("净利润超过", "净利润"),
        ("鲜菜价格则", "鲜菜价格"),
        ("猪肉价格与相比上涨", "猪肉价格"),  # AJ06: 与7月相比 once its month is taken out
        ("全区规模以上工业企业生产原煤", "原煤产量"),  # AJ05: the firms that produce are the scope
        ("新增省级绿色制造单位", "省级绿色制造单位"),  # AK03: what was added names the count
        ("城镇新增就业", "城镇新增就业"),  # ... but an indicator named by what was added keeps it
        ("新增人民币贷款", "新增人民币贷款"),
        ("其中包括国家级绿色工厂", "国家级绿色工厂"),  # AK02
        ("新建成项目", "新建成项目"),  # AH12: not 新建 + 成项目
        ("且原煤产量增长", "原煤产量"),  # AJ05: 且 goes on to another figure
        ("规模工业增加值当月增长", "规模工业增加值"),  # AK10
        ("规模以上工业企业销售产值", "规模以上工业企业销售产值"),  # a name of its own
        ("同比去年最高负荷增加", "最高负荷"),
        ("连续6个月保持", ""),  # a streak said first names nothing
        ("这两年下降了", ""),
        ("进出口总额力争增长", "进出口总额"),
        ("力争全省工业增加值占地区生产总值比重达到", "工业增加值"),  # AH05: the goal's verb said first
        ("GDP预期增长", "GDP"),  # AH02
        ("本年累计完成发电量", "发电量"),  # AI07: a company's year so far
        ("农副产品加工业实现工业增加值", "农副产品加工业增加值"),  # AJ04: 工业 written twice
        ("规模以上工业企业工业增加值", "规模以上工业企业工业增加值"),  # ... but not after 企业
        ("5、农副食品加工业实现增加值", "农副食品加工业增加值"),  # AJ12: an item's number
        ("三、工业和建筑 全年工业总产值", "工业总产值"),  # AH08: a heading run into its first sentence
        ("按当年价格计算比上年下降", ""),
        ("新能源汽车市场占有率达", "新能源汽车市场占有率"),
        ("但与2015、2016年1月份相比,仍高出", ""),
        ("略", ""),
        ("最终消费支出对经济增长的贡献率为", "最终消费支出"),
        ("文化娱乐产品进口值也", "文化娱乐产品进口值"),
        ("零售业总销货价值的临时估计", "零售业总销货价值的临时估计"),
        # a word that opens with a lead word keeps it (有色金属 is not 有 + 色金属)
        ("其中,有色金属冶炼和压延加工业增加值", "有色金属冶炼和压延加工业增加值"),
        ("共享单车投放量", "共享单车投放量"),
        ("并购金额", "并购金额"),
        ("并快于年初确定的预期目标", ""),
        ("折合", ""),
        ("年均", ""),
        # 以 before 同比 does not hide the stop word (以为 / 作为 only guard 为)
        ("江西省以同比增速", ""),
        ("同口径增长", ""),
        ("与上年同期比降", ""),
        ("煤炭开采和洗选业利润总额同比增长", "煤炭开采和洗选业利润总额"),
        ("增长面为", "增长面"),
        ("紧随其后的是上海", ""),
        # Windows that name no subject
        ("比上年同期回落", ""),
        ("同比增长", ""),
        ("增速较一季度加快", ""),
        ("对全市规上工业增长的贡献率为", ""),
        ("拉动", ""),
        ("我国", ""),
        ("", ""),
        (",", ""),
    ],
)
def test_subjects_subject_from_window(window: str, expected: str) -> None:
    assert subject_from_window(window) == expected


@pytest.mark.parametrize(
    ("subject", "n", "expected"),
    [
        ("工业机器人、服务机器人的产量", 2, ["工业机器人产量", "服务机器人产量"]),
        ("中、小型企业PMI", 2, ["中型企业PMI", "小型企业PMI"]),
        ("大、中、小型企业PMI", 3, ["大型企业PMI", "中型企业PMI", "小型企业PMI"]),
        # one-character products among longer ones are whole names of their own
        ("鞋、表、房间空气调节器、家用燃气热水器产量", 4,
         ["鞋产量", "表产量", "房间空气调节器产量", "家用燃气热水器产量"]),
        ("汽车产销", 2, ["汽车产量", "汽车销量"]),
        ("新能源汽车产销", 2, ["新能源汽车产量", "新能源汽车销量"]),
        ("货物贸易进出口", 2, ["货物贸易进口", "货物贸易出口"]),
        ("淡水鱼、鸡蛋和食用植物油价格", 3, ["淡水鱼价格", "鸡蛋价格", "食用植物油价格"]),
        ("出口和进口", 2, ["出口", "进口"]),
        ("“新三样”、集成电路", 2, ["新三样", "集成电路"]),
        ("新能源汽车产销量", 2, ["新能源汽车产量", "新能源汽车销量"]),
        ("第一、二、三产业和居民生活用电量", 4,
         ["第一产业用电量", "第二产业用电量", "第三产业用电量", "居民生活用电量"]),
        ("第二、三产业投资", 2, ["第二产业投资", "第三产业投资"]),
        ("地区生产总值、规上工业增加值", 2, ["地区生产总值", "规上工业增加值"]),
        # a member naming no branch before one that does takes the branch word
        ("高技术、战略性新兴、高新技术产业和装备制造业增加值", 4,
         ["高技术产业增加值", "战略性新兴产业增加值", "高新技术产业增加值", "装备制造业增加值"]),
        ("装备制造、高新技术产业增加值", 2, ["装备制造业增加值", "高新技术产业增加值"]),
        # a member naming only the owners takes the enterprises the last names
        ("规模以上民营和中小工业企业增加值", 2, ["规模以上民营工业企业增加值", "中小工业企业增加值"]),
        # members of one length that open or end as the last member's first word does share what follows it
        ("新开工、新竣工亿元以上工业项目", 2, ["新开工亿元以上工业项目", "新竣工亿元以上工业项目"]),
        ("省级、市级专精特新企业", 2, ["省级专精特新企业", "市级专精特新企业"]),
        ("钢铁、有色金属产量", 2, ["钢铁产量", "有色金属产量"]),
    ],
)
def test_subjects_split_list(subject: str, n: int, expected: list[str]) -> None:
    assert split_list(subject, n) == expected


@pytest.mark.parametrize(
    ("subject", "n"),
    [
        ("汽车产销", 3),
        ("工业机器人、服务机器人的产量", 3),
        ("规模以上工业增加值", 2),
        ("、服务机器人", 2),
    ],
)
def test_subjects_split_list_count_mismatch(subject: str, n: int) -> None:
    assert split_list(subject, n) is None


@pytest.mark.parametrize(
    ("subject", "n", "expected"),
    [
        # members whose names hold 及/和, listed by 、 alone
        ("衣着、生活用品及服务、居住价格", 3, ["衣着价格", "生活用品及服务价格", "居住价格"]),
        ("重点领域关键工序数控化率、数字化研发设计工具普及率", 2,
         ["重点领域关键工序数控化率", "数字化研发设计工具普及率"]),
        ("其他用品和服务、医疗保健、教育文化和娱乐价格", 3,
         ["其他用品和服务价格", "医疗保健价格", "教育文化和娱乐价格"]),
    ],
)
def test_subjects_split_list_at_the_separator_alone(subject: str, n: int, expected: list[str]) -> None:
    assert split_list(subject, n) != expected
    assert split_list(subject, n, inner=False) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国家先进制造业集群,", "国家先进制造业集群"),
        ("重点项目中,", "重点项目"),
        ("工业互联网平台当中", "工业互联网平台"),
        ("上市公司里,", "上市公司"),
        ("国家级专精特新“小巨人”企业", "国家级专精特新“小巨人”企业"),
        ("“专精特新”企业。", "“专精特新”企业"),
        # counted holders, whatever their account did; products named by what their output did
        ("规上工业企业增加值同比增长", "规上工业企业"),
        ("产品产量实现增长", "产量实现增长的产品"),
        ("金融和投资机构", "金融和投资机构"),
        ("重大产业项目将在大会上签约", "重大产业项目"),  # what is happening to them
        ("项目正在加速建设", "项目"),
        ("国家级经开区总体上呈现总量扩大", "国家级经开区"),
        ("专精特新企业分布在26个省", "专精特新企业"),  # where they are
        # a name may open with a digit of a technology's name (300家5G工厂)
        ("5G工厂分布在26个省", "5G工厂"),
        ("5G基站", "5G基站"),
        # projects counted, then the stage they reached: the kind named, else named by the stage
        ("续建项目复工,", "续建项目"),
        ("扩能技改项目全部实施", "扩能技改项目"),
        ("项目竣工投产(试生产),", "竣工投产项目"),
        ("项目已竣工投产。", "竣工投产项目"),
        ("项目实质性开工建设", "实质性开工建设项目"),
        # the word joining the next figure is no part of the thing; a word ending like one is
        ("技术改造项目和", "技术改造项目"),
        ("技改扶持资金、", "技改扶持资金"),
        ("夏粮、早稻和秋粮产量的总和", "夏粮、早稻和秋粮产量的总和"),
        # Nothing counted is named
        ("以上", ""),
        ("左右,", ""),
        ("同比增长", ""),
        ("中的", ""),
        ("", ""),
    ],
)
def test_subjects_subject_after(text: str, expected: str) -> None:
    assert subject_after(text) == expected


@pytest.mark.parametrize(
    ("window", "prior", "after", "expected"),
    [
        # another object of the same verb, after the thing the figure before measured and a joiner
        ("技改扶持资金和", "技改扶持资金", "技术创新扶持资金,支持了", "技术创新扶持资金"),
        ("技改扶持资金和", "技改扶持资金", "的技术创新扶持资金", "技术创新扶持资金"),
        ("技改扶持资金", "技改扶持资金", "技术创新扶持资金", ""),  # no joiner
        ("出口和", "进口", "技术创新扶持资金", ""),  # the one before is not what the window names
        ("技改扶持资金和", "", "技术创新扶持资金", ""),
    ],
)
def test_subjects_coordinated_object(window: str, prior: str, after: str, expected: str) -> None:
    assert coordinated_object(window, prior, after) == expected


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ("带动企业投资", "企业投资"),
        (",拉动社会投资", "社会投资"),
        ("在医药制造业高位增长的带动下实现产值", ""),  # the frame 在…带动下: the holder's own
        ("完成投资", ""),
    ],
)
def test_subjects_driven_amount(window: str, expected: str) -> None:
    assert driven_amount(window) == expected


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("增速", True),
        ("比重", True),
        ("当月同比增速", True),
        ("同比增速", True),
        ("累计增速", True),
        ("其增速", True),
        ("降幅", True),
        ("", True),
        ("规模以上工业增加值", False),
        ("工业品价格", False),
        ("出口额", False),
        ("软件业务收入", False),
    ],
)
def test_subjects_is_anaphor(subject: str, expected: bool) -> None:
    assert is_anaphor(subject) is expected


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("规模以上工业增加值", "规模以上工业增加值"),
        ("为今年以来单月最高增速", ""),
        ("居全国第3位", ""),
        ("数据显示", ""),
        ("规模创历史同期新高", ""),
        ("从地方公共财政收入总额来看", "地方公共财政收入总额"),
        ("在出口方面", "出口"),  # AA13: 在GDP同比增速方面,云南以9.2%领跑
        ("在进出口总额方面", "进出口总额"),
        ("在GDP同比增速方面", "GDP"),
        ("重工业方面", "重工业"),  # AJ04: 方面 without 在
        ("10省份中", ""),
    ],
)
def test_subjects_a_clause_without_numbers_names_a_topic_unless_it_speaks_of_the_figure_before(clause, expected):
    assert usable_topic(clause) == expected


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        # verbs of doing or framing before the name
        ("各地建设数字化车间和智能工厂", "数字化车间和智能工厂"),
        ("全国共登记技术合同", "技术合同"),
        ("主要预期目标是规模以上工业增加值增长", "规模以上工业增加值"),  # the goal announced first
        ("促成交易订单金额", "交易订单金额"),
        # making, assessing, announcing and having what is counted
        ("研制出首台、首批、首版产品", "首台、首批、首版产品"),
        ("拥有企业技术中心", "企业技术中心"),
        ("开发省级重点新产品", "省级重点新产品"),
        ("评价创新型中小企业", "创新型中小企业"),
        ("公布了单项冠军产品", "单项冠军产品"),
        # a scope note in brackets, the group reporting, and a link verb opening the window
        ("规模以上有色金属工业企业(包括独立黄金企业)营业收入", "规模以上有色金属工业企业营业收入"),
        ("本集团基建设计业务新签合同额", "基建设计业务新签合同额"),
        ("发生营业成本", "营业成本"),
        ("开发区固定资产投资", "固定资产投资"),  # a zone (where), not 开发 + 区
        ("累计建成开通5G基站", "5G基站"),
        ("新建标准厂房面积", "标准厂房面积"),
        # ... but names that open with such a verb stay whole
        ("建设用地供应面积", "建设用地供应面积"),
        ("建设项目投资", "建设项目投资"),
        # what the subject does after it
        ("我国装备制造业延续较好增势,占比", "装备制造业"),
        ("制造业采购经理指数(PMI)总体延续扩张态势", "制造业采购经理指数(PMI)"),  # an adverb before the verb
        ("服务业稳定发展", "服务业"),
        ("境外15座矿山均平稳运行", "境外15座矿山"),
        # scope words that select
        ("国家层面绿色工厂产值", "绿色工厂产值"),
        ("规上高技术制造业增加值同比增长", "高技术制造业增加值"),
        ("规模以上装备制造业增加值增长", "装备制造业增加值"),
        ("规模以上工业增加值增长", "规模以上工业增加值"),
        ("规模以上服务业企业营业收入", "规模以上服务业企业营业收入"),
        # a stop word inside a word that goes on naming the thing
        ("全省招商引资亿元以上签约项目", "招商引资亿元以上签约项目"),
        ("节约用水量", "节约用水量"),
        # words that only frame a count
        ("5G基站总数达到", "5G基站"),
        ("“5G+工业互联网”项目建设超过", "“5G+工业互联网”项目"),
        ("每万人拥有5G基站数的目标为", "每万人拥有5G基站数"),
        # a title's separator bounds the name: the part nearest the figure
        ("工业效益|制造业采购经理指数为", "制造业采购经理指数"),
        # a bullet, who published it, the whole a share is of, the preposition before a channel
        ("■ 工业龙头企业产值同比增长", "工业龙头企业产值"),
        ("国家统计局服务业调查中心发布的制造业采购经理指数为", "制造业采购经理指数"),
        ("话音业务收入在电信业务收入中的占比下降至", "话音业务收入"),
        ("通过市场采购方式出口", "市场采购方式出口"),
        # a streak or a record said of the figure
        ("全社会用电量连续两个月超过", "全社会用电量"),
        ("全社会用电量历史性突破", "全社会用电量"),
        # spoken style: a pronoun and 各类 before, 已经/有/接近 after, 了 after a link verb
        ("我们累计建成各类充电桩", "充电桩"),
        ("其中公共桩有", "公共桩"),
        ("现在的市场渗透率已经达到了", "现在的市场渗透率"),
        ("换电模式的车型产量接近", "换电模式的车型产量"),
        ("新能源汽车产销分别完成了", "新能源汽车产销"),
        ("全省国有", "国有"),
        # the verb of a phrase inside a name stays (通过…实现, 实现的); 市辖区 is a place
        ("限额以上单位通过公共网络实现的零售额增长", "限额以上单位通过公共网络实现的零售额"),
        ("限额以上单位通过公共网络实现零售额增长", "限额以上单位通过公共网络实现零售额"),
        ("市辖区金融机构本外币各项存贷款余额", "金融机构本外币各项存贷款余额"),
        # members listed and counted before their class: the class names the figure; places stay for 分别
        ("纺织品、服装、箱包、鞋类、玩具、家具、塑料制品7大类传统劳动密集型产品出口", "传统劳动密集型产品出口"),
        ("钢铁、有色、汽车、化工8个重点产业技改投资", "重点产业技改投资"),
        ("香洲、金湾、斗门三个行政区地区生产总值", "香洲、金湾、斗门三个行政区地区生产总值"),
        # the operators whose figures the ministry reports are its scope, not the thing; 截至 left by its time
        ("三家基础电信企业及中国广电的移动电话用户", "移动电话用户"),
        ("截至三家基础电信企业移动通信业务收入", "移动通信业务收入"),
        # the set a member is picked from, said before it without 在
        ("增长较快工业产品中汽车增长", "汽车"),
        # 累计 inside a name says the period, not the thing
        ("燃料电池汽车累计销量", "燃料电池汽车销量"),
        # an average annual rate: 年均 is no part of the name
        ("全市GDP年均增长", "GDP"),
        ("工业增加值平均每年增长", "工业增加值"),
        # a production verb before its product names its output; names opening with it stay
        ("累计生产新能源汽车", "新能源汽车产量"),
        ("生产指数为", "生产指数"),
        ("销售收入增长", "销售收入"),
        # names, not a place and a name
        ("国内生产总值增长", "国内生产总值"),
        # an average over years points back whole
        ("两年平均增长", "两年平均"),
        # what is carried out, whoever carries it out
        ("市、县及开发区开展招商活动", "招商活动"),
        ("实施500万元以上技改项目", "500万元以上技改项目"),
        ("实施新建、续建招商引资项目", "新建、续建招商引资项目"),
        # what is said or expected, whoever says it; 预计 after the name says its modality
        ("中汽协认为中国汽车市场总需求量将达", "中国汽车市场总需求量"),
        ("全市工业实际利用外资预计增长", "工业实际利用外资"),
        # a company's report speaks of itself: 本公司 and 公司 are no part of the name
        ("本公司实现营业收入", "营业收入"),
        ("公司股利支付率", "股利支付率"),
        ("公司债发行规模", "公司债发行规模"),
        # an account said with 的, a gloss in brackets before it: as a table labels it; fixed names kept
        ("交通和通信的价格同比下降", "交通和通信价格"),
        ("轿车(基本型乘用车)的销量", "轿车销量"),
        ("归属于上市公司股东的净利润", "归属于上市公司股东的净利润"),
        ("属于工业基础领域的利润", "属于工业基础领域的利润"),
        # a verb of adding opening the window: the thing added; a verb of change going on to its result: none
        ("增加科技创新和技术改造再贷款额度", "科技创新和技术改造再贷款额度"),
        ("增加到", ""),
        # how the figure was computed is no part of it; a name cut short by its place is given in full
        ("最终计算全县生产总值现价总量为", "地区生产总值"),
        # how the figure was computed is no part of it
        ("按照上年不变价计算的电信业务总量同比增长", "电信业务总量"),
        # 签约 is a word, not 签 and an approximation
        ("签约", "签约"),
        ("我州共集中签约招商引资项目", "招商引资项目"),
        ("累计创建绿色工厂", "绿色工厂"),
        # how often is no part of the name
        ("每年完成工业投资", "工业投资"),
        # a set of places counted or grouped before the name is where, not what; a level (省级) is no place
        ("四个地区软件业务收入", "软件业务收入"),
        ("副省级中心城市软件业务收入", "软件业务收入"),
        ("五省(市)软件业务收入", "软件业务收入"),
        ("五个省级园区工业增加值", "五个省级园区工业增加值"),
        ("城市居民人均可支配收入", "城市居民人均可支配收入"),
        # a zone reporting its own figures is where, not what; a list of zones stays
        ("海关关区进出口", "进出口"),
        ("开发区固定资产投资", "固定资产投资"),
        ("开发区和高新园区", "开发区和高新园区"),
        ("园区规模工业增加值", "园区规模工业增加值"),
    ],
)
def test_subjects_window_subjects_are_canonical_noun_phrases(window: str, expected: str) -> None:
    assert subject_from_window(window) == expected


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("中试平台纳入储备库", "中试平台"),
        ("首批重点培育中试平台", "重点培育中试平台"),
        # a title's separator bounds the name: the part nearest the figure
        ("国家级制造业中试平台|亚洲码欧美码一区二区三区", "国家级制造业中试平台"),
        ("金融和投资机构聚焦制造业企业急需", "金融和投资机构"),
        ("专精特新“小巨人”企业高质量发展", "专精特新“小巨人”企业"),
        # a counted set and what its members did
        ("行业利润总额同比增加", "利润总额同比增加的行业"),
        # an aside in brackets and how much each member moved name no more of the set
        ("行业增加值增速较上月有不同程度回升(或降幅收窄),回升面55%", "增加值增速较上月回升的行业"),
        # enterprises picked out by what they did; not holders whose account's figure follows
        ("企业产值同比增长或持平,占全部规上企业的49.4%", "产值同比增长或持平的企业"),
        ("企业主要指标实现同比增长", "主要指标实现同比增长的企业"),
        ("规上工业企业增加值同比增长7.6%", "规上工业企业"),
        ("行业由亏转盈", "由亏转盈的行业"),
        # the basis said inside has a field of its own
        ("行业主营活动利润比去年同期增长", "主营活动利润增长的行业"),
        ("行业由去年同期亏损转为盈利", "由亏损转为盈利的行业"),
        ("省份规上工业增加值保持增长", "省份"),
        ("工业大省利润增速高于全国平均水平", "工业大省"),
        ("省份揭晓了三季度的经济数据", "省份"),
        # the class selected into names the thing counted
        ("轻工产品获评工信部升级和创新消费品", "升级和创新消费品"),
        ("企业开展节能监察和诊断服务", "节能监察和诊断服务"),
        # the level the members reached names them
        ("达到了智能制造能力成熟度2级以上水平", "智能制造能力成熟度2级以上"),
        # a set alone is what it is
        ("行业", "行业"),
        ("省份中", "省份"),
    ],
)
def test_subjects_counted_things_are_canonical_noun_phrases(after: str, expected: str) -> None:
    assert subject_after(after) == expected


@pytest.mark.parametrize(
    ("subject", "expected"),
    [("高技术制造业增加值", "高技术制造业"), ("第一产业增加值", "第一产业"), ("最终消费支出", "最终消费支出"),
     ("增加值", "增加值")],
)
def test_subjects_a_contributor_is_the_branch(subject: str, expected: str) -> None:
    assert contributor(subject) == expected


@pytest.mark.parametrize(
    ("subject", "n", "expected"),
    [
        ("对俄罗斯和南非出口", 2, ["对俄罗斯出口", "对南非出口"]),
        ("与美国、东盟双边贸易", 2, ["与美国双边贸易", "与东盟双边贸易"]),
    ],
)
def test_subjects_a_partner_preposition_is_every_members(subject: str, n: int, expected: list[str]) -> None:
    assert split_list(subject, n) == expected


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ("中新社北京10月23日电 中国规模以上工业增加值同比增长", "规模以上工业增加值"),
        ("全社会最高用电负荷", "全社会最高用电负荷"),
        ("预计全年工业增加值同比增长", "工业增加值"),
        ("目前国家层面累计培育绿色工厂", "绿色工厂"),
    ],
)
def test_subjects_datelines_forecasts_and_scopes_open_no_name(window: str, expected: str) -> None:
    assert subject_from_window(window) == expected


@pytest.mark.parametrize(
    ("subject", "n", "expected"),
    [("国家级、省级制造业创新中心", 2, ["国家级制造业创新中心", "省级制造业创新中心"])],
)
def test_subjects_tiers_share_the_head_of_the_last(subject: str, n: int, expected: list[str]) -> None:
    assert split_list(subject, n) == expected


@pytest.mark.parametrize(
    ("subject", "n", "expected"),
    [
        ("工业机器人、集成电路等新兴产品产量", 2, ["工业机器人产量", "集成电路产量"]),
        ("电子、汽车等行业增加值", 2, ["电子行业增加值", "汽车行业增加值"]),
        ("纺织、服装等", 2, ["纺织", "服装等"]),
    ],
)
def test_subjects_a_list_closed_by_etc_shares_the_head_after_its_category(subject, n, expected) -> None:
    assert split_list(subject, n) == expected


@pytest.mark.parametrize(
    ("anaphor", "prior", "expected"),
    [("总量", "搭载开源鸿蒙操作系统的品种类", "搭载开源鸿蒙操作系统的总量"),
     ("总量", "规模以上工业增加值", "规模以上工业增加值"),
     ("增速", "搭载开源鸿蒙操作系统的品种类", "搭载开源鸿蒙操作系统的品种类"),
     # another account of the same holder replaces the account named before
     ("增加值", "汽车制造业产值", "汽车制造业增加值"),
     ("增加值", "制造业增加值", "制造业增加值"),
     ("增加值", "制造业", "制造业")],
)
def test_subjects_a_total_after_x_of_y_is_x_of_the_total(anaphor: str, prior: str, expected: str) -> None:
    assert resolve_anaphor(anaphor, prior) == expected


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("省份规上工业增", True),  # ends in a bare verb: raised TypeError (found by the property test)
        ("省份工业降", True),
        ("省份规上工业", False),
        ("行业利润总额同比增加", True),
        ("行业利润同比下降", True),
        ("家企业", False),
    ],
)
def test_counts_a_change_reads_any_text_after_a_count(after, expected):
    assert counts_a_change(after) is expected


# ---- the named steps a window and a list are read by ---------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("国有控股企业实现利润总额同比增长", ("国有控股企业利润总额", "国有控股企业", "实现")),
    ("实现利润总额", ("利润总额", "", "实现")),         # opens with the verb: the holder was named before
    ("利润总额", ("利润总额", "", "")),
    ("签约总金额已完成", ("签约总金额", "签约总金额", "完成")),  # an adverb between holder and verb
])
def test_subjects_fold_link(text: str, expected: tuple[str, str, str]) -> None:
    assert subjects._fold_link(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("其中,出口", "出口"),
    ("从行业看,制造业增加值", "制造业增加值"),
    ("1.固定电话用户", "固定电话用户"),
    ("全省规上工业", "规上工业"),
    ("有色金属", "有色金属"),     # a kept word that opens with a lead word
])
def test_subjects_drop_leads(text: str, expected: str) -> None:
    assert subjects._drop_leads(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("社会消费品零售总额同比增长", "社会消费品零售总额"),
    ("对全市规上工业增长的贡献率", ""),    # points back
    ("拉动全省工业增长", ""),               # opens with a cue of measures.toml [pull]
    ("同比增长", ""),                       # opens with its stop
    ("两年平均", "两年平均"),               # an anaphor whole
    ("进出口总额约", "进出口总额"),          # a qualifier at its end
    ("下降", ""),                           # a verb of change alone
])
def test_subjects_subject_before_stop(text: str, expected: str) -> None:
    assert subjects._subject_before_stop(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("扣除价格因素,社会消费品零售总额", ",社会消费品零售总额"),
    ("按可比价格计算,地区生产总值", ",地区生产总值"),
    ("电信业务收入完成7733.4亿元,按可比口径测算", "电信业务收入完成7733.4亿元,"),
    ("实现工业总产值1980.09亿元,可比增长", "实现工业总产值1980.09亿元,增长"),  # at comparable prices
    ("社会消费品零售总额", "社会消费品零售总额"),   # no method phrase: the text itself
])
def test_subjects_clean_window(text: str, expected: str) -> None:
    assert subjects.clean_window(text) == expected


@pytest.mark.parametrize(("items", "expected"), [
    (["工业机器人", "集成电路等新兴产品产量"], ("产量", "集成电路")),     # after 等 and its category
    (["工业机器人", "服务机器人的产量"], ("产量", "服务机器人")),          # after 的
    (["中部", "东部", "西部", "东北地区网络零售额"], ("地区网络零售额", "东北")),  # after a short stem
    (["国家级", "省级制造业创新中心"], ("制造业创新中心", "省级")),        # after a tier
    (["淡水鱼", "鸡蛋", "食用植物油价格"], ("价格", "食用植物油")),         # a known head noun
    (["钢铁", "有色"], ("", "有色")),                                         # none
])
def test_subjects_shared_head(items: list[str], expected: tuple[str, str]) -> None:
    assert subjects._shared_head(items) == expected


@pytest.mark.parametrize(("items", "head", "expected"), [
    (["淡水鱼", "鸡蛋", "食用植物油"], "价格", ["淡水鱼价格", "鸡蛋价格", "食用植物油价格"]),
    (["中", "小型企业"], "PMI", ["中型企业PMI", "小型企业PMI"]),
    (["地区生产总值", "规上工业"], "增加值", ["地区生产总值", "规上工业增加值"]),   # already complete
])
def test_subjects_with_head(items: list[str], head: str, expected: list[str]) -> None:
    assert subjects._with_head(items, head) == expected


@pytest.mark.parametrize(("members", "expected"), [
    (["对俄罗斯出口", "南非出口"], ["对俄罗斯出口", "对南非出口"]),
    (["对俄罗斯出口", "对南非出口"], ["对俄罗斯出口", "对南非出口"]),
    (["钢材出口", "汽车出口"], ["钢材出口", "汽车出口"]),
])
def test_subjects_share_preposition(members: list[str], expected: list[str]) -> None:
    assert subjects._share_preposition(members) == expected


@pytest.mark.parametrize(("subject", "n", "expected"), [
    ("汽车产销", 2, ["汽车产量", "汽车销量"]),
    ("东、中、西部和东北地区", 4, ["东部地区", "中部地区", "西部地区", "东北地区"]),  # the longest compound first
    ("汽车产销", 3, None),
    ("钢材出口", 2, None),
])
def test_subjects_distribute_compound(subject: str, n: int, expected: list[str] | None) -> None:
    assert subjects._distribute_compound(subject, n) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("钢材、汽车和船舶", ["钢材", "汽车", "船舶"]),
    ("“专精特新”和“小巨人”", ["“专精特新”", "“小巨人”"]),
    ("“产学研、用”项目", ["“产学研、用”项目"]),       # not inside quotes
    ("和平区", ["和平区"]),                             # 和 at an end separates nothing
])
def test_subjects_split_top(text: str, expected: list[str]) -> None:
    assert subjects._split_top(text) == expected


@pytest.mark.parametrize(("item", "expected"), [
    ("批发业", True), ("", False), ("数据显示", False), ("同比增长", False), ("3大行业", False),
])
def test_subjects_bare_name(item: str, expected: bool) -> None:
    assert subjects._bare_name(item) is expected


def test_subjects_anaphor_predicates_pair_every_anaphor_with_every_opener() -> None:
    by_first = subjects._anaphor_predicates()
    pairs = [pair for filed in by_first.values() for pair in filed]
    assert "规模创" in pairs and "增速为" in pairs and all(pair[0] == first for first, filed in by_first.items()
                                                          for pair in filed)
    assert len(pairs) == len(set(subjects._anaphora()[0])) * len(subjects._predicate_openers())


@pytest.mark.parametrize(
    ("prior", "subject", "expected"),
    [
        # a set named by a bare change after a sibling named by an account and its change
        ("利润总额同比增加的行业", "减少的行业", "利润总额减少的行业"),
        ("产量增长的产品", "下降的产品", "产量下降的产品"),
        ("利润总额同比增加的行业", "由亏转盈的行业", ""),  # no bare change
        ("利润总额同比增加的行业", "减少的企业", ""),  # another set
        ("增加的行业", "减少的行业", ""),  # no account before
    ],
)
def test_subjects_sibling_predicate(prior: str, subject: str, expected: str) -> None:
    assert sibling_predicate(prior, subject) == expected


@pytest.mark.parametrize(
    ("subject", "earlier", "expected"),
    [
        ("日均生产", ["原煤产量"], "原煤日均产量"),
        ("日均加工量", ["原油加工量"], "原油日均加工量"),
        ("日均产量", ["原油产量", "原油产量"], "原油日均产量"),
        ("日均生产", [], ""),  # nothing named before
        ("日均生产", ["利润总额"], ""),  # no total it averages
        ("产量", ["原煤产量"], ""),  # no daily average
    ],
)
def test_subjects_daily_average_subject(subject: str, earlier: list[str], expected: str) -> None:
    assert daily_average_subject(subject, earlier) == expected
