"""The sentence grammar's passes: their order and what each resolves."""

from __future__ import annotations

from datetime import date

import pytest

from zhibiao.extract.context import ArticleState, ParagraphState
from zhibiao.extract.sentence import GROUP_PASSES, SUBJECT_RESOLVERS, read_sentence, sentence_facts
from zhibiao.ingest.segment import Sentence
from zhibiao.models import Document

PUB = date(2024, 9, 1)


def test_sentence_passes_run_topics_first_and_attributes_last():
    names = [p.__name__ for p in GROUP_PASSES]
    assert names[0] == "read_topics" and names[-1] == "emit_facts"
    assert names.index("choose_subject") < names.index("distribute") < names.index("emit_facts")


def test_sentence_subject_resolvers_in_the_order_they_apply():
    assert [name for name, _, _ in SUBJECT_RESOLVERS] == [
        "bracketed_rate", "ranked_by", "object_after", "driven_by", "list_member", "count_after", "set_noun"]


def _facts(text: str, ps: ParagraphState | None = None):
    from zhibiao.extract.periods import find_times

    art = ArticleState(PUB, "全国", None, None, True, {0: find_times(text, PUB)})
    ps = ps or ParagraphState()
    return sentence_facts(Document("d", text, "d.txt", PUB), Sentence(0, len(text), text), ps, art,
                          _Identity()), ps


class _Identity:
    def to_original(self, i: int) -> int:
        return i


def test_sentence_read_once():
    text = "上半年,全国规模以上工业增加值同比增长6.4%(见图1)。"
    st = read_sentence(Document("d", text, "d.txt", PUB), Sentence(0, len(text), text), ParagraphState(),
                       ArticleState(PUB, "全国", None, None, True, {}), _Identity())
    assert [str(m.value) for m in st.mentions] == ["6.4"]  # the bracketed 1 names a figure, no fact


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("上半年,全国规模以上工业增加值同比增长6.4%。", [("规模以上工业增加值", "growth", 6.4, "2024-H1", "yoy")]),
        # 分别: one subject per figure
        ("工业机器人、服务机器人的产量同比分别增长35.6%和25.5%。",
         [("工业机器人产量", "growth", 35.6, None, "yoy"), ("服务机器人产量", "growth", 25.5, None, "yoy")]),
    ],
)
def test_sentence_facts(text, facts):
    found, _ = _facts(text)
    assert [(f.subject, f.measure, f.value, f.period, f.basis) for f in found] == facts


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        # a total after a change is the total of the thing, not of the change
        ("移动电话用户净增1006.4万户,仅为上年同期增量的26.6%,总数达到12.96亿户。",
         [("移动电话用户净增", "level", 10064000), ("移动电话用户", "share", 26.6),
          ("移动电话用户", "level", 1296000000)]),
        ("全省高新技术企业新增1200家,总数达到9800家。",
         [("高新技术企业新增", "level", 1200), ("高新技术企业", "level", 9800)]),
        # a negative figure after 和 keeps its sign in a 分别 list
        ("纺织和烟草利润同比分别增长11.2%和-6.8%。", [("纺织利润", "growth", 11.2), ("烟草利润", "growth", -6.8)]),
        # the noun a 分别 list of partners measures, after the 分别
        ("我国对东盟、欧盟、美国分别进出口7862亿元、7790.4亿元和7163.7亿元。",
         [("对东盟进出口", "level", 786200000000), ("对欧盟进出口", "level", 779040000000),
          ("对美国进出口", "level", 716370000000)]),
        # two partners listed take the two figures of 进出口 (not 进口 and 出口)
        ("一季度,广西对美国和欧盟(27国,不含英国)分别进出口36.2亿元和31.1亿元,分别下降31.7%和28.2%。",
         [("对美国进出口", "level", 3620000000), ("对欧盟进出口", "level", 3110000000),
          ("对美国进出口", "growth", -31.7), ("对欧盟进出口", "growth", -28.2)]),
        ("一季度,全国汽车产销分别完成100万辆和98万辆。", [("汽车产量", "level", 1e6), ("汽车销量", "level", 980000)]),
        # places listed share what follows the last one; types share the head after the last 型
        ("东部地区、中部地区和东北地区软件业务收入分别同比增长9.8%、10.9%和10%。",
         [("软件业务收入", "growth", 9.8), ("软件业务收入", "growth", 10.9), ("软件业务收入", "growth", 10.0)]),
        ("消费型、动力型锂电池产量分别为80GWh、675GWh。",
         [("消费型锂电池产量", "level", 80000000), ("动力型锂电池产量", "level", 675000000)]),
        # a segment named as the topic before a measured noun alone
        ("硅片环节,全国产量超过253.4GW。", [("硅片产量", "level", 253.4)]),
        # no preposition, period word or footnote left in a subject
        ("新材料产业产值从2012年约1万亿元增加到2021年的5.9万亿元。",
         [("新材料产业产值", "level", 1e12), ("新材料产业产值", "level", 5.9e12)]),
        ("高新技术企业数量从2015年的1000家增加到2020年的3000家。",
         [("高新技术企业", "level", 1000), ("高新技术企业", "level", 3000)]),
        ("当季社会消费品零售总额3317.9亿元。", [("社会消费品零售总额", "level", 331790000000)]),
        # a structure changed from one ratio to another: both, the second at the sentence's time
        ("三次产业结构由上年的10.3:37.4:52.3调整为10.3:37.3:52.4。",
         [("第一产业增加值", "share", 10.3), ("第二产业增加值", "share", 37.4), ("第三产业增加值", "share", 52.3),
          ("第一产业增加值", "share", 10.3), ("第二产业增加值", "share", 37.3), ("第三产业增加值", "share", 52.4)]),
        # a clause that says how the figure before turned names no topic; 盈亏相抵 is how profits are counted
        ("1-11月份规模以上工业企业盈亏相抵实现利润同比增长3%,扭转了前8个月负增长的局面,其中10、11月份分别增长20.5%和22.8%。",
         [("规模以上工业企业利润", "growth", 3.0), ("规模以上工业企业利润", "growth", 20.5),
          ("规模以上工业企业利润", "growth", 22.8)]),
        # a frame of the year (以…全年计) names nothing; a level reached after a growth is the subject's
        ("以2025年全年计,规模以上工业企业利润按年增长0.6%至7.4万亿元。",
         [("规模以上工业企业利润", "growth", 0.6), ("规模以上工业企业利润", "level", 7.4e12)]),
        # what sets the counted apart, said before the name, is no part of it
        ("目前已培育形成以材料为特色的单项冠军企业196家。", [("单项冠军企业", "level", 196)]),
        # a measured noun alone after a branch named with no measure of its own is the branch's
        ("新材料产业加快发展,产值从2012年约1万亿元增加到2021年的5.9万亿元。",
         [("新材料产业产值", "level", 1e12), ("新材料产业产值", "level", 5.9e12)]),
        # a percentage said of an amount, no rate or part spoken of, is its growth
        ("矿产加工业和电子信息增加值增幅最大,分别为22.5%和21.6%。",
         [("矿产加工业增加值", "growth", 22.5), ("电子信息增加值", "growth", 21.6)]),
        ("软件业规模继续保持较快增长,上半年收入同比增长13.2%。", [("软件业收入", "growth", 13.2)]),
        # the account alone after a branch named with no measure (a topic) is the branch's
        ("上半年,全省规模以上民营工业继续保持良好发展态势,累计完成增加值6832.13亿元,同比增长13.8%。",
         [("规模以上民营工业增加值", "level", 683213000000), ("规模以上民营工业增加值", "growth", 13.8)]),
        ("石油和天然气开采业占比36.3%,增加值同比增长6.4%。",
         [("石油和天然气开采业", "share", 36.3), ("石油和天然气开采业增加值", "growth", 6.4)]),
        ("跨境电商蓬勃发展,进出口6358万元。", [("跨境电商进出口", "level", 63580000)]),
        # a topic that says how the figures are split names nothing: 增加值 is still the one named before
        ("广东规模以上工业完成增加值14222.70亿元。从上半年分月增速来看,增长基本平稳,其中6月当月实现增加值2914.83亿元。",
         [("规模以上工业增加值", "level", 1422270000000), ("规模以上工业增加值", "level", 291483000000)]),
        # a partner named alone after a partner with what is traded takes that
        ("我国与欧盟双边贸易增长3.2%,与日本下降8.2%。",
         [("与欧盟双边贸易", "growth", 3.2), ("与日本双边贸易", "growth", -8.2)]),
        ("对美国出口增长5%,对日本下降2%。", [("对美国出口", "growth", 5), ("对日本出口", "growth", -2)]),
        # a multiple of another's level is the subject named before
        ("全市人均GDP为12万元,是全国平均水平的1.5倍,相当于全省的2倍。",
         [("人均GDP", "level", 120000), ("人均GDP", "level", 1.5), ("人均GDP", "level", 2)]),
        # a share changed from the year before points back
        ("固定通信收入同比下降1.0%,所占比重从上年同期的31.59%下降到27.88%。",
         [("固定通信收入", "growth", -1.0), ("固定通信收入", "share", 31.59), ("固定通信收入", "share", 27.88)]),
        # another account of the holder is named after the first, and the gap after it is its own
        ("汽车制造业产值增长43%,增加值增速40.5%,高于全省规上工业35.8个百分点。",
         [("汽车制造业产值", "growth", 43), ("汽车制造业增加值", "growth", 40.5),
          ("汽车制造业增加值", "growth_change", 35.8)]),
        # after 分别, figures of other units each measure one of the things listed
        ("截至去年底,落地项目和落地金额分别为77个和261亿元,落地率为55%。",
         [("落地项目", "level", 77), ("落地金额", "level", 26100000000), ("落地率", "level", 55)]),
        # what is left of 从3月份起 opens no subject: 增速 points back
        ("规模以上工业增加值增长10%,从3月份起增速连续七个月低于10%。",
         [("规模以上工业增加值", "growth", 10.0), ("规模以上工业增加值", "growth", 10.0)]),
        # months listed with their count (4、5两个月) are a list of months; 增幅 ends a subject
        ("4、5两个月规模以上工业企业利润增幅分别为2.6%和0.6%。",
         [("规模以上工业企业利润", "growth", 2.6), ("规模以上工业企业利润", "growth", 0.6)]),
        # a conversion at an exchange rate names no subject and no period
        ("按常住人口计算人均地区生产总值39102元,按2017年平均汇率计算为5791美元。",
         [("人均地区生产总值", "level", 39102), ("人均地区生产总值", "level", 5791)]),
        # a holder named in a clause of its own (a circumstance after it) holds the figures after it,
        # and its 分别 list is its own, not the list before
        ("电子行业实现主营业务收入467.49亿元、利润35.20亿元,同比分别增长19.3%和57.1%;建材行业在水泥行业快速复苏"
         "拉动下,实现主营业务收入307.59亿元、利润23.35亿元,同比分别增长17.1%和12.6%。",
         [("电子行业主营业务收入", "level", 46749000000), ("电子行业利润", "level", 3520000000),
          ("电子行业主营业务收入", "growth", 19.3), ("电子行业利润", "growth", 57.1),
          ("建材行业主营业务收入", "level", 30759000000), ("建材行业利润", "level", 2335000000),
          ("建材行业主营业务收入", "growth", 17.1), ("建材行业利润", "growth", 12.6)]),
        # a range of months after January, one figure a month (累计: each from January); 累计降幅 ends a subject
        ("2-4月,烟草制品业增加值累计降幅分别为7.5%,7.8%,8.6%。",
         [("烟草制品业增加值", "growth", -7.5), ("烟草制品业增加值", "growth", -7.8),
          ("烟草制品业增加值", "growth", -8.6)]),
        # a member of the set just counted has the figure named before the set, not the set's
        ("规模以上工业增加值同比增长2.7%,在10个州(市)中,昆明市同比增长2.0%。",
         [("规模以上工业增加值", "growth", 2.7), ("州(市)", "level", 10), ("规模以上工业增加值", "growth", 2.0)]),
        # areas are places: the subject without them; a head noun with nothing before it stands for itself
        ("分地区看,东部地区增加值同比增长7.8%,中部地区增长7.6%。",
         [("增加值", "growth", 7.8), ("增加值", "growth", 7.6)]),
        # the clause before 分别 lists the members, each with the head of the figure they are part of;
        # a partner's name in a bracket is no place (不含英国); 进出口 is no holder 进 with 出口
        ("规模以上工业增加值增长6.0%,医药制造业、农副食品加工业居后两位,分别下降9.6%、17.7%。",
         [("规模以上工业增加值", "growth", 6.0), ("医药制造业增加值", "growth", -9.6),
          ("农副食品加工业增加值", "growth", -17.7)]),
        ("3月当月进出口412.5亿元,其中进口增长11.3%。", [("进出口", "level", 41250000000), ("进口", "growth", 11.3)]),
        # a clause that says how the figures go (呈现五增五减态势) names no topic
        ("从十大重点行业看,呈现五增五减态势,其中黑色金属冶炼和压延加工业、电气机械和器材制造业分别增长15.4%、6.5%。",
         [("黑色金属冶炼和压延加工业", "growth", 15.4), ("电气机械和器材制造业", "growth", 6.5)]),
        # amounts before the things they measure, joined by 和; an amount driven (带动) is of what it drove
        ("2012年新增2亿元技改扶持资金和5000万元技术创新扶持资金,支持了137个技术改造项目,带动企业投资162.8亿元。",
         [("技改扶持资金", "level", 2e8), ("技术创新扶持资金", "level", 5e7), ("技术改造项目", "level", 137),
          ("企业投资", "level", 16280000000)]),
        # what is left of 到2022年底 once its time is taken out opens no subject (到位资金 stays whole)
        ("到2022年底,全国工业企业关键工序数控化率、数字化研发工具普及率分别达到58.6%和77%。",
         [("工业企业关键工序数控化率", "level", 58.6), ("数字化研发工具普及率", "level", 77)]),
        ("上半年,全州完成招商引资到位资金11.26亿元,同比增长5%。",
         [("招商引资到位资金", "level", 1126000000), ("招商引资到位资金", "growth", 5)]),
        # members listed one per clause; a name that opens like a predicate (居民, 居 a rank) is a name
        ("2018年,居民服务、修理和其他服务业,教育,卫生和社会工作,文化、体育和娱乐业营业收入分别同比增长10.3%、11.2%、"
         "11.9%和9.1%。",
         [("居民服务、修理和其他服务业营业收入", "growth", 10.3), ("教育营业收入", "growth", 11.2),
          ("卫生和社会工作营业收入", "growth", 11.9), ("文化、体育和娱乐业营业收入", "growth", 9.1)]),
        # a measured noun in a clause after a holder's clause is the holder's
        ("此外,民营企业加大自主创新力度,进出口持续增长,占外贸总值的比重进一步提升至46.4%。",
         [("民营企业进出口", "share", 46.4)]),
        # a rate of the users named before, its population out of the name
        ("2014年,移动宽带用户累计净增1.3亿户,总数达到7.13亿户,对移动电话用户的渗透率达55.0%。",
         [("移动宽带用户净增", "level", 1.3e8), ("移动宽带用户", "level", 7.13e8),
          ("移动宽带用户渗透率", "level", 55.0)]),
        # a share named in brackets as the rate it is: the rate, a level, and its change after it (AE09, AH07)
        ("2022年末,城镇常住人口161.29万人,占总人口比重(常住人口城镇化率)为60.84%,比上年末提高0.84个百分点。",
         [("城镇常住人口", "level", 1612900), ("常住人口城镇化率", "level", 60.84),
          ("常住人口城镇化率", "growth_change", 0.84)]),
        # a count of things said to be spread over places is its own fact, not part of a name
        ("入选名录的300家专精特新企业分布在26个省。", [("专精特新企业", "level", 300), ("省", "level", 26)]),
        # ... and the places ranked after it hold the counted things (AD04), 其次 no part of a name
        ("入选名录的300家专精特新企业分布在26个省,其中广东省最多,有97个,其次浙江省32个,山东省30个。",
         [("专精特新企业", "level", 300), ("省", "level", 26), ("专精特新企业", "level", 97),
          ("专精特新企业", "level", 32), ("专精特新企业", "level", 30)]),
        # a port's parts listed in brackets gloss its name; 逆势 says how it grew; 箱次 counts containers
        ("一季度北部湾港(钦州、北海、防城港)进出口集装箱6.9万箱次,逆势增长6.5%。",
         [("北部湾港进出口集装箱", "level", 69000), ("北部湾港进出口集装箱", "growth", 6.5)]),
        # the rank of a partner is no part of its name
        ("一季度,广西对第一大贸易伙伴东盟进出口2029.9亿元,增长21.3%。",
         [("对东盟进出口", "level", 202990000000), ("对东盟进出口", "growth", 21.3)]),
        # a small count of holders named right before their account is a fact of its own
        ("1—2月份,全市484家规上工业企业增加值同比增长8.1%。",
         [("规上工业企业", "level", 484), ("规上工业企业增加值", "growth", 8.1)]),
        # a topic that looks at how things went names no subject
        ("前两个月,软件业务收入增长10%。从地区运行情况来看,东部地区、中部地区分别同比增长9.8%、10.9%。",
         [("软件业务收入", "growth", 10), ("软件业务收入", "growth", 9.8), ("软件业务收入", "growth", 10.9)]),
        # members one per clause, each ending as the last does: 和 inside the last is part of its name
        ("其中,信息传输、软件和信息技术服务业,租赁和商务服务业同比分别增长38.8%和9.8%。",
         [("信息传输、软件和信息技术服务业", "growth", 38.8), ("租赁和商务服务业", "growth", 9.8)]),
        # the member ranked first or last, with the account of the figure before
        ("1-6月,医药工业规模以上企业实现主营业务收入12355.61亿元。各子行业中,增长最快的是医疗仪器设备及器械制造,"
         "增速为12.05%;增长最慢的是中成药生产,增速为5.2%。",
         [("医药工业规模以上企业主营业务收入", "level", 1235561000000),
          ("医疗仪器设备及器械制造主营业务收入", "growth", 12.05), ("中成药生产主营业务收入", "growth", 5.2)]),
        ("上半年,规模以上工业增加值增长6%,其中增长最快的是汽车制造业,增长15%。",
         [("规模以上工业增加值", "growth", 6), ("汽车制造业增加值", "growth", 15)]),
        # the head of a planned amount after a verb of outcome names the outcome; 收录 carries out
        ("全市工业重点项目库动态收录5000万元以上项目158个;2018年计划投资271亿元,同比增长53%;1-5月完成投资55.07亿元,同比增长7.2%。",
         [("5000万元以上项目", "level", 158), ("计划投资", "level", 27100000000), ("计划投资", "growth", 53),
          ("完成投资", "level", 5507000000), ("完成投资", "growth", 7.2)]),
        # how a part fared said before its figure ends its name; the policy it is under is no part of it
        ("新开工项目支撑有力,完成投资增长22.1%。", [("新开工项目投资", "growth", 22.1)]),
        ("服务业稳定发展,增加值增长4.7%。", [("服务业增加值", "growth", 4.7)]),
        # places counted, then the thing their figures measure: the places listed after take it
        ("1-2月份,其中17个省份全社会用电量增速超过全国平均水平,依次为:宁夏(16.4%)、青海(12.5%)和山东(2.7%)。",
         [("省份", "level", 17), ("全社会用电量", "growth", 16.4), ("全社会用电量", "growth", 12.5),
          ("全社会用电量", "growth", 2.7)]),
        # a line drawn is no figure: the members counted against it are, named by it
        ("分行业看,纺织业、医药制造业等14个行业高于50%;金属制品业等7个行业低于50%。",
         [("高于50%的行业", "level", 14), ("低于50%的行业", "level", 7)]),
        ("PMI高于50%时,反映制造业经济扩张。", []),
        ("低于50%,则反映制造业经济收缩。", []),
        # a rate kept or achieved is the figure's own, not a reference
        ("前三季度,规模以上工业增加值保持了10%的增长速度。", [("规模以上工业增加值", "growth", 10)]),
        ("制造业PMI重回50%荣枯线以上,报50.2%。", [("制造业PMI", "level", 50.2)]),
        # spending joins a holder to its account
        ("规模以上互联网企业共投入研发经费702.8亿元,同比增长0.3%。",
         [("规模以上互联网企业研发经费", "level", 7.028e10), ("规模以上互联网企业研发经费", "growth", 0.3)]),
        # a fall said as growth below zero; the newswire's 报; 累计 says the period, not the thing
        ("辽宁工业增加值负增长5.5%。", [("工业增加值", "growth", -5.5)]),
        # growth as Taiwan's press writes it; 成长为 is still a name's part (AL01, AM04)
        ("互联网收入成长 40%,电信业务总量成长 69%。", [("互联网收入", "growth", 40), ("电信业务总量", "growth", 69)]),
        ("规模以上工业增加值年增约6.5%。", [("规模以上工业增加值", "growth", 6.5)]),
        ("全省3804家规模以下成长为规模以上的工业企业产值增长65.2%。",
         [("规模以下成长为规模以上的工业企业", "level", 3804),
          ("规模以下成长为规模以上的工业企业产值", "growth", 65.2)]),
        # a spoken enumeration's point is no name; 年内 is a time (AN05); an average stays with its head (AN09)
        ("一是销售钢材坯604.64万吨;二是钢材坯平均售价3611元/吨。年内主营业务收入225.79亿元。",
         [("钢材坯销量", "level", 6.0464e6), ("钢材坯平均售价", "level", 3611), ("主营业务收入", "level", 2.2579e10)]),
        ("6月份粗钢、生铁和钢材日均产量分别为244.1万吨、205.6万吨和325.23万吨。",
         [("粗钢日均产量", "level", 2.441e6), ("生铁日均产量", "level", 2.056e6), ("钢材日均产量", "level", 3.2523e6)]),
        # places counted name nothing the places' figures after them measure (AJ10)
        ("前三季度,西部地区房地产开发投资增长6.3%。4个省份增速提高,广西、青海分别提高17.9和10.4个百分点。",
         [("房地产开发投资", "growth", 6.3), ("省份", "level", 4), ("房地产开发投资", "growth_change", 17.9),
          ("房地产开发投资", "growth_change", 10.4)]),
        # where a figure lies, said before a threshold, is no part of the name (AN15, U06)
        ("企业研发投入在1000万元以上,营业收入增长5%。", [("企业研发投入", "level", 1e7), ("营业收入", "growth", 5)]),
        # how a product's output is counted is no part of its name (AN07, AJ05, W09)
        ("8月份,规上工业原煤产量3.9亿吨,规模以上工业企业发电量4206.3亿千瓦时。",
         [("原煤产量", "level", 3.9e8), ("发电量", "level", 4.2063e11)]),
        # a GDP's 总量 says nothing more than GDP (AM06, AA13)
        ("上半年,山东省GDP总量达到4.18万亿元。", [("GDP", "level", 4.18e12)]),
        # members counted into a bare class word stay in the name (AM09)
        ("一季度,工程机械、汽车及零部件、电子信息三大产业实现工业总产值463亿元。",
         [("工程机械、汽车及零部件、电子信息三大产业工业总产值", "level", 4.63e10)]),
        # a basis said before the thing; a compound's part named bare is its holder's (AN12); a bare part
        # after the compound alone stays as it is (T08)
        ("8月,全行业完成摩托车产销155.78万辆和151.26万辆,环比产量增长3.04%,销量下降0.2%。",
         [("摩托车产量", "level", 1.5578e6), ("摩托车销量", "level", 1.5126e6), ("摩托车产量", "growth", 3.04),
          ("摩托车销量", "growth", -0.2)]),
        ("3月当月进出口412.5亿元,其中进口增长11.3%。", [("进出口", "level", 4.125e10), ("进口", "growth", 11.3)]),
        # members listed after a copula and a colon, then 分别 and a verb of selling: each one's sales (AN12)
        ("8月,销量前三名企业为:大长江、浙江绿源和隆鑫,分别销售15.82万辆、9.98万辆和9.49万辆。",
         [("大长江销量", "level", 158200), ("浙江绿源销量", "level", 99800), ("隆鑫销量", "level", 94900)]),
        # members counted, pointed back to with their number, are named as they were (AL02, AG05)
        ("在41个工业大类行业中,有18个行业的增速同比加快,这18个行业的增加值占规模以上工业的比重达到了52.8%。",
         [("工业大类行业", "level", 41), ("增速同比加快的行业", "level", 18),
          ("增速同比加快的行业增加值", "share", 52.8)]),
        # a forecast's word and the threshold's 的 are no part of the name (AL02, AL06)
        ("全年工业增加值有望增长6%左右。", [("工业增加值", "growth", 6)]),
        ("2017年,规模以上的工业增加值增长6.6%。", [("规模以上工业增加值", "growth", 6.6)]),
        # the whole a share is of, said before its word, is no part of the name (AL13, Z10)
        ("光伏产业链主要环节产量全球占比均超过70%。", [("光伏产业链主要环节产量", "share", 70)]),
        # the whole sector is its scope, not part of its name (AN12)
        ("1-8月,全行业摩托车产销率为99.24%。", [("摩托车产销率", "level", 99.24)]),
        # 高达 and 多达 say how much, and a fall turned into growth is no name (AM08, AM07)
        ("全省城乡居民生活用电量高达54.1亿千瓦时。", [("城乡居民生活用电量", "level", 5.41e9)]),
        ("固定资产投资实现转正,同比增长1.5%。", [("固定资产投资", "growth", 1.5)]),
        ("新订单指数报50.4%,比上月上升0.6个百分点。",
         [("新订单指数", "level", 50.4), ("新订单指数", "growth_change", 0.6)]),
        ("储能电池累计出口630万千瓦时。", [("储能电池出口", "level", 6.3e6)]),
        ("重点培育的医药制造业稳中向好,1—10月产值同比增长16.3%。", [("医药制造业产值", "growth", 16.3)]),
        # a holder named with one of its accounts holds the accounts named bare after it; a list of
        # accounts holds none
        ("其中,规模以上水泥工业营业收入同比增长13.2%,利润总额同比下降7.2%。",
         [("规模以上水泥工业营业收入", "growth", 13.2), ("规模以上水泥工业利润总额", "growth", -7.2)]),
        # an industry's name may hold 及 (AL05)
        ("电子元件及电子专用材料制造业营业收入同比下降0.4%,利润同比下降15.6%。",
         [("电子元件及电子专用材料制造业营业收入", "growth", -0.4),
          ("电子元件及电子专用材料制造业利润", "growth", -15.6)]),
        ("资产总额、营业收入分别达到28.83万亿元、26.47万亿元;出口交货值达到2.55万亿元。",
         [("资产总额", "level", 2.883e13), ("营业收入", "level", 2.647e13), ("出口交货值", "level", 2.55e12)]),
        # ... and a figure inside what it turned round goes on with it
        ("从行业来看,装备制造业恢复态势明显,上半年增加值同比增长0.4%,扭转一季度大幅下降14%的负增长局面。",
         [("装备制造业增加值", "growth", 0.4), ("装备制造业增加值", "growth", -14)]),
        # a clause that sets the figure level with another's names no topic
        ("地区生产总值同比增长6.2%,高于上海1.2个百分点,与重庆持平,高于杭州1.1个百分点。",
         [("地区生产总值", "growth", 6.2), ("地区生产总值", "growth_change", 1.2),
          ("地区生产总值", "growth_change", 1.1)]),
        # a slip for 个百分点 that pages print
        ("电信业务收入同比增长4.6%,比上月提高4.4个百分比。",
         [("电信业务收入", "growth", 4.6), ("电信业务收入", "growth_change", 4.4)]),
    ],
)
def test_sentence_subjects_found_on_blind_pages(text, facts):
    found, _ = _facts(text)
    assert [(f.subject, f.measure, pytest.approx(f.value)) for f in found] == facts


def test_sentence_leaves_its_period_and_subjects_to_the_next():
    _, ps = _facts("上半年,全国规模以上工业增加值同比增长6.4%。")
    assert ps.period == "2024-H1" and ps.subjects == ["规模以上工业增加值"] and ps.basis == "yoy"


def test_sentence_one_gap_against_places_listed_is_a_fact_against_each():
    from zhibiao.api import extract_text

    text = "一季度全市地区生产总值同比增长6.2%,高于武汉、宁波0.6个百分点,高于天津0.6个百分点。"
    gaps = [(f.value, f.basis) for f in extract_text(text, date=date(2024, 4, 21)) if f.measure == "growth_change"]
    assert gaps == [(0.6, "vs:武汉"), (0.6, "vs:宁波"), (0.6, "vs:天津")]


def test_sentence_a_percentage_beside_a_rate_is_no_growth_of_the_amount():
    from zhibiao.api import extract_text

    text = "高新技术产业增加值增长13.3%,对全部规模以上工业增长贡献率由去年同期的52.5%提高到58.1%。"
    measures = {f.value: f.measure for f in extract_text(text, date=date(2019, 4, 20))}
    assert measures[13.3] == "growth" and measures[58.1] != "growth"


@pytest.mark.parametrize(
    ("text", "pub", "modality"),
    [
        # an estimate of a year all but over at publication is its outcome; of a year ahead, a forecast
        ("预计2016年全年,全国规模以上工业增加值增长6%。", date(2016, 12, 27), "actual"),
        ("预计全年全国规模以上工业增加值增长6%左右。", date(2016, 7, 20), "target"),
        ("中汽协对2013年的汽车市场做出了预测,2013年汽车市场全年总需求量约2080万辆。", date(2013, 1, 11), "target"),
        # a goal the outcome ran around is no goal stated here
        ("全年经济运行基本上都在年初确定的预期目标上下运行,全年居民消费价格上涨2.8%。", date(2014, 1, 20), "actual"),
    ],
)
def test_sentence_an_estimate_is_an_outcome_only_for_a_period_all_but_over(text, pub, modality):
    from zhibiao.api import extract_text

    assert [f.modality for f in extract_text(text, date=pub)] == [modality]


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        # a figure restated inside what it names is no fact; the parts of a price change are pulls
        ("1月份,工业生产者出厂价格同比下降4.3%。据测算,在1月份的-4.3%的全国工业生产者出厂价格总水平同比降幅中,"
         "去年价格变动的翘尾因素约为-3.2个百分点,新涨价因素约为-1.1个百分点。",
         [("工业生产者出厂价格", "growth", -4.3, "exact", "actual"),
          ("价格变动的翘尾因素", "pull", -3.2, "approx", "actual"), ("新涨价因素", "pull", -1.1, "approx", "actual")]),
        # a goal named after its figure is the goal (of growth after 增长目标), the outcome's subject
        ("2025年,国内生产总值比上年增长5.0%,圆满完成年初5%左右的增长目标。",
         [("国内生产总值", "growth", 5.0, "exact", "actual"), ("国内生产总值", "growth", 5.0, "approx", "target")]),
        ("上半年全国规模以上工业增加值同比增长9.3%,与年初工信部确定全年10%的预定增长目标差距较大。",
         [("规模以上工业增加值", "growth", 9.3, "exact", "actual"),
          ("规模以上工业增加值", "growth", 10.0, "exact", "target")]),
        ("2025年,地区生产总值同比增长5.3%,今年以来持续高于年初政府工作报告提出的5%左右的增速目标。",
         [("地区生产总值", "growth", 5.3, "exact", "actual"), ("地区生产总值", "growth", 5.0, "approx", "target")]),
        ("全年完成投资120亿元,超额完成100亿元的年度目标。",
         [("投资", "level", 1.2e10, "exact", "actual"), ("投资", "level", 1e10, "exact", "target")]),
        # tenths of a contribution; a share moved to its level, 了 between; 超过了 is still at least
        ("2025年,最终消费支出对经济增长贡献率超过了5成。",
         [("最终消费支出", "contribution", 50.0, "at_least", "actual")]),
        ("2025年,高技术制造业增加值占规模以上工业增加值比重升到了17.1%。",
         [("高技术制造业增加值", "share", 17.1, "exact", "actual")]),
    ],
)
def test_sentence_goals_after_their_figure_and_measures_said_with_particles(text, facts):
    from zhibiao.api import extract_text

    found = extract_text(text, date=date(2026, 1, 20))
    assert [(f.subject, f.measure, pytest.approx(f.value), f.qualifier, f.modality) for f in found] == facts


@pytest.mark.parametrize(
    ("text", "qualifiers"),
    [
        # a list qualified once, before its first figure or after its last, is qualified throughout
        ("2017年,电信业、互联网行业、软件和信息技术服务业收入分别增长4%、26%和14%左右。", ["approx"] * 3),
        ("2017年单位工业增加值能耗、水耗分别同比下降约4.3%和6%。", ["approx"] * 2),
        ("2013年,出口、进口分别增长12%和10%以上。", ["at_least"] * 2),
        ("2013年,出口、进口分别增长12%和10%。", ["exact"] * 2),
        ("2013年,出口、进口分别增长约12%和10%以上。", ["approx", "at_least"]),
    ],
)
def test_sentence_a_list_qualified_once_is_qualified_throughout(text, qualifiers):
    from zhibiao.api import extract_text

    assert [f.qualifier for f in extract_text(text, date=date(2017, 12, 27))] == qualifiers


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        ("1-6月,医药工业增加值同比增长9.9%,较一季度环比下降1.2个百分点。", "vs:2015-Q1"),  # named, then 环比
        ("上半年,电子信息制造业增加值同比增长12%,比同期工业增加值增速高6.2个百分点。", "vs:工业增加值"),
    ],
)
def test_sentence_what_a_change_in_points_is_compared_with(text, basis):
    from zhibiao.api import extract_text

    assert [f.basis for f in extract_text(text, date=date(2015, 7, 20)) if f.measure == "growth_change"] == [basis]


def test_sentence_a_flow_counted_up_to_a_day_spans_from_january_a_stock_stands_at_the_day():
    from zhibiao.api import extract_text

    text = "至2021年底,装备工业营业收入、利润总额分别达到26.47万亿元和1.57万亿元,5G基站总数达到142.5万个。"
    got = {f.value: f.period for f in extract_text(text, date=date(2022, 6, 20))}
    assert got == {26470000000000.0: "2021", 1570000000000.0: "2021", 1425000.0: "2021-12-31"}
    text = "截至6月底,全市工业投资280亿元,计划总投资7809亿元的项目已全部开工。"
    got = {f.value: f.period for f in extract_text(text, date=date(2022, 7, 20))}
    assert got == {28000000000.0: "2022-01/2022-06", 780900000000.0: "2022-06-30"}  # a plan's amount: at the day


def test_sentence_month_on_month_does_not_carry_into_a_sentence_opening_with_its_own_period():
    from zhibiao.api import extract_text

    text = "3月份进出口3.2万箱次,环比增长86.6%。3月份,广西铁路运输进出口2.4亿元,增长1.8倍。"
    assert [f.basis for f in extract_text(text, date=date(2020, 4, 23)) if f.measure == "growth"] == ["mom", "yoy"]


def test_sentence_what_has_been_built_so_far_is_a_stock_at_the_period_s_end():
    from zhibiao.api import extract_text

    text = ("一季度,新能源汽车产销分别完成了129.3万辆和125.7万辆。"
            "我们累计建成各类充电桩49.2万台,同比增长3.6倍;新能源汽车产量10万辆。")
    got = [(f.value, f.period) for f in extract_text(text, date=date(2022, 5, 3))]
    assert got == [(1293000.0, "2022-Q1"), (1257000.0, "2022-Q1"), (492000.0, "2022-03-31"), (360.0, "2022-03-31"),
                   (100000.0, "2022-Q1")]


def test_sentence_a_figure_right_after_its_period_and_的_is_that_periods_value():
    from zhibiao.api import extract_text

    text = "3月份工业生产者出厂价格同比下降4.3%,降幅低于1-2月份的5.1%和去年四季度的5.9%。"
    got = [(f.value, f.measure, f.period) for f in extract_text(text, date=date(2016, 4, 11))]
    assert got == [(-4.3, "growth", "2016-03"), (-5.1, "growth", "2016-01/2016-02"), (-5.9, "growth", "2015-Q4")]


def test_sentence_a_since_phrase_qualifying_a_trend_sets_no_period_and_an_account_names_its_holder():
    from zhibiao.api import extract_text

    text = ("2013年一季度,我国软件和信息技术服务业实现软件业务收入6189亿元。"
            "一季度,软件业出口延续2011年下半年以来的低增长态势,实现出口87亿美元。")
    got = [(f.subject, f.period) for f in extract_text(text, date=date(2013, 4, 20))]
    assert got == [("软件业务收入", "2013-Q1"), ("软件业出口", "2013-Q1")]


def test_sentence_a_from_to_pair_under_a_span_of_years_is_dated_at_its_ends():
    from zhibiao.api import extract_text

    text = ("数据显示,2020年至2024年期间,我国全部工业增加值由31.3万亿元攀升至40.5万亿元,"
            "其中制造业增加值更是从26.6万亿元增长至33.6万亿元。")
    got = [(f.subject, f.value, f.period) for f in extract_text(text, date=date(2025, 3, 20))]
    assert got == [("全部工业增加值", 3.13e13, "2020"), ("全部工业增加值", 4.05e13, "2024"),
                   ("制造业增加值", 2.66e13, "2020"), ("制造业增加值", 3.36e13, "2024")]


def test_sentence_a_period_in_a_bracketed_aside_is_only_its_own():
    from zhibiao.api import extract_text

    text = ("2017年,生产微型计算机设备30678万台,比上年增长6.8%(2016年为下降9.6%),"
            "其中笔记本电脑17244万台,比上年增长7.0%。")
    got = [(f.value, f.period) for f in extract_text(text, date=date(2018, 2, 20))]
    assert got == [(306780000.0, "2017"), (6.8, "2017"), (-9.6, "2016"), (172440000.0, "2017"), (7.0, "2017")]


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        # another period's reading restated in its own clause dates that clause only
        ("1-5月份,社会领域投资增长3.6%,1-4月份为下降3.1%;其中教育、卫生投资分别增长10.4%、9.5%。",
         ["2020-01/2020-05", "2020-01/2020-04", "2020-01/2020-05", "2020-01/2020-05"]),
        # ... after a flat reading too
        ("1-5月份,第一产业投资同比持平,1-4月份为下降5.4%;第二产业投资下降11.8%。",
         ["2020-01/2020-04", "2020-01/2020-05"]),
        # a since-phrase dates nothing after its clause group
        ("5月,原煤产量3.1亿吨,今年3月以来,原煤产量已经连续3个月增长;日均生产1028万吨。",
         ["2020-05", "2020-05"]),
        # a clause opening with a comparator compares the restated reading
        ("1-5月份,工业增加值增长6.3%,1-4月份为6.1%,比一季度加快0.2个百分点。",
         ["2020-01/2020-05", "2020-01/2020-04", "2020-01/2020-04"]),
    ],
)
def test_sentence_a_restated_reading_of_another_period_dates_its_clause_only(text, periods):
    from zhibiao.api import extract_text

    assert [f.period for f in extract_text(text, date=date(2020, 6, 15))] == periods


@pytest.mark.parametrize(
    ("text", "measures"),
    [
        # a place and 为 after a growth rate: another place's growth
        ("前三季度,金昌市规上工业同比增长31.1%,白银市为19.1%,酒泉市为12.6%。", ["growth", "growth", "growth"]),
        # a name that is no place keeps its own reading
        ("前三季度,规上工业同比增长12.1%,增加值率为31.1%。", ["growth", "level"]),
    ],
)
def test_sentence_a_place_and_wei_after_a_rate_lists_another_member(text, measures):
    from zhibiao.api import extract_text

    assert [f.measure for f in extract_text(text, date=date(2024, 11, 6))] == measures


def test_sentence_a_company_report_dates_its_summary_lines():
    from zhibiao.api import extract_text

    text = ("本公司对本公告的内容概不负责。截至2016年12月31日,公司总资产1000亿元。\n"
            "二零一六年年度业绩公告\n"
            "境内电厂发电量: 3,136.90亿千瓦时\n"
            "合并营业收入: 人民币1,138.14亿元\n"
            "建议股息: 每股普通股人民币0.29元\n")
    got = [(f.subject, f.period, f.modality) for f in extract_text(text, date=date(2017, 3, 21))]
    assert got[1:] == [("境内电厂发电量", "2016", "actual"), ("合并营业收入", "2016", "actual"),
                       ("每股普通股", "2016", "target")]


def test_sentence_a_release_of_property_investment_names_domestic_loans_and_its_index():
    from zhibiao.api import extract_text

    text = ("1—2月份,房地产开发企业到位资金25143亿元。其中,国内贷款4105亿元,同比下降21.1%。"
            "2月份,房地产开发景气指数(简称“国房景气指数”)为96.93。")
    got = [(f.subject, f.value) for f in extract_text(text, date=date(2022, 3, 15))]
    assert got == [("房地产开发企业到位资金", 2514300000000.0), ("国内贷款", 410500000000.0), ("国内贷款", -21.1),
                   ("房地产开发景气指数", 96.93)]


@pytest.mark.parametrize(
    ("text", "got"),
    [
        # the reading of the same span a year back
        ("一季度全国原油产量5131.7万吨,同比增长2.4%,去年同期为下降1.5%;天然气产量增长6.1%。",
         [(51317000.0, "2022-Q1"), (2.4, "2022-Q1"), (-1.5, "2021-Q1"), (6.1, "2022-Q1")]),
        # index levels listed after their cue, each its month's
        ("一季度,水泥产量下降12%。1月、2月建筑材料工业景气指数(MPI)分别为72.8、76.5。",
         [(-12.0, "2022-Q1"), (72.8, "2022-01"), (76.5, "2022-02")]),
        # a month inside the quarter dates its own clause group only
        ("一季度水泥产量3.87亿吨,3月份水泥产量1.87亿吨;平板玻璃产量2.53亿重量箱,3月份平板玻璃产量8722万重量箱。",
         [(387000000.0, "2022-Q1"), (187000000.0, "2022-03"), (253000000.0, "2022-Q1"), (87220000.0, "2022-03")]),
        # the basis an output is converted to is no figure
        ("一季度合成氨产量1381.5万吨;农药原药产量(折100%)80.6万吨,下降5.1%。",
         [(13815000.0, "2022-Q1"), (806000.0, "2022-Q1"), (-5.1, "2022-Q1")]),
    ],
)
def test_sentence_a_chemical_industry_quarter(text, got):
    from zhibiao.api import extract_text

    assert [(f.value, f.period) for f in extract_text(text, date=date(2022, 4, 20))] == got


def test_sentence_products_listed_before_how_much_they_grew_keep_their_output():
    from zhibiao.api import extract_text

    text = ("11月份,规模以上工业增加值同比增长7.5%。"
            "工业控制计算机及系统、传感器、集成电路等主要产品产量实现两位数增长,增速分别为52.5%、69.1%、10.5%。")
    got = [f.subject for f in extract_text(text, date=date(2024, 12, 25))]
    assert got == ["规模以上工业增加值", "工业控制计算机及系统产量", "传感器产量", "集成电路产量"]


def test_sentence_a_stock_in_a_ten_day_report_stands_at_its_last_day():
    from zhibiao.api import extract_text

    text = "2021年3月上旬,重点统计钢铁企业钢材库存量为1788.39万吨,比上一旬增长8.98%,比年初增长53.89%。"
    got = [(f.measure, f.period, f.basis) for f in extract_text(text, date=date(2021, 3, 23))]
    assert got == [("level", "2021-03-10", None), ("growth", "2021-03-10", "mom"),
                   ("growth", "2021-03-10", "vs:2020-12-31")]


def test_sentence_a_provincial_monthly_item_s_gap_rank_and_rate():
    from zhibiao.api import extract_text

    text = ("1-8月份,全区规上工业增加值同比增长7.5%。累计增速高于全国(3.9%)3.6个百分点,居全国第5位,较上月提升2位。"
            "8月当月全区规上工业增速9.7%,环比7月提高0.8个百分点。")
    got = [(f.subject, f.measure, f.value, f.period, f.basis, f.region)
           for f in extract_text(text, date=date(2023, 9, 20))]
    assert got == [
        ("规上工业增加值", "growth", 7.5, "2023-01/2023-08", "yoy", None),
        # the value of the place compared with, read from the gap after it; a move in a ranking is no fact
        ("规上工业增加值", "growth_change", 3.6, "2023-01/2023-08", "vs:全国", None),
        ("规上工业增加值", "growth", 3.9, "2023-01/2023-08", "yoy", "全国"),
        # a holder named with a rate noun is the account named before; a month named after 环比
        ("规上工业增加值", "growth", 9.7, "2023-08", "yoy", None),
        ("规上工业增加值", "growth_change", 0.8, "2023-08", "vs:2023-07", None)]


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        # a multiple of another's level is compared with it, and the standard is not the figure's place
        ("2022年工业增加值增长3.6%。5G用户达5.61亿户,是全球平均水平的2.75倍。",
         [("工业增加值", 3.6, None), ("5G用户", 5.61e8, None), ("5G用户", 2.75, "vs:全球平均水平")]),
        ("2015年,工业增加值增长6%,全社会用电量相当于美国全年用电量的2倍。",
         [("工业增加值", 6.0, None), ("全社会用电量", 2.0, "vs:美国")]),
        # the set a figure is first among is not its place
        ("2022年工业增加值增长3.6%。我国成为全球主要经济体中首个实现“物超人”的国家;5G用户达5.61亿户。",
         [("工业增加值", 3.6, None), ("5G用户", 5.61e8, None)]),
    ],
)
def test_sentence_multiples_of_another_and_the_world_as_a_standard(text, facts):
    from zhibiao.api import extract_text

    found = extract_text(text, date=date(2023, 1, 19))
    assert [(f.subject, pytest.approx(f.value), f.basis if f.unit == "times" else None) for f in found] == facts
    assert {f.region for f in found} == {"全国"}


@pytest.mark.parametrize(
    ("text", "subjects"),
    [
        # counted things named with 5G; a verb of making new; how a branch fared before its count
        ("2023年,工业增加值增长4.6%,累计培育421家国家级智能制造示范工厂、700家高水平5G工厂,"
         "新培育国家级绿色工厂1383家。国家高新区提质增效成效明显,总数达到178家。",
         ["工业增加值", "国家级智能制造示范工厂", "高水平5G工厂", "国家级绿色工厂", "国家高新区"]),
        # members of a list closed by 等 and a category with no measure take the branch word, once
        ("2025年,农业、消费品工业、新材料等产业分别签约项目137个、56个、31个。"
         "全省装备制造、电子信息、新材料等主导产业增速分别为18.2%、13.7%、13.7%。",
         ["农业", "消费品工业", "新材料产业", "装备制造业", "电子信息产业", "新材料产业"]),
    ],
)
def test_sentence_the_ministry_s_counted_programmes_and_branch_lists(text, subjects):
    from zhibiao.api import extract_text

    assert [f.subject for f in extract_text(text, date=date(2026, 2, 9))] == subjects


def test_sentence_places_listed_once_serve_the_lists_of_as_many_figures_after_them():
    from zhibiao.api import extract_text

    text = ("1-7月,电信业务收入增长5%。截至7月末,东、中、西部和东北地区千兆用户渗透率分别为33.5%、33.5%、34.3%和26.8%;"
            "5G移动电话用户分别达4.92亿、2.7亿、2.97亿、0.78亿户。")
    got = [(f.value, f.region) for f in extract_text(text, date=date(2025, 8, 20)) if f.unit == "count"]
    assert got == [(4.92e8, "东部地区"), (2.7e8, "中部地区"), (2.97e8, "西部地区"), (7.8e7, "东北地区")]


def test_sentence_loss_ratios_are_shares_and_a_change_since_last_year_end_is_against_it():
    from zhibiao.api import extract_text

    text = ("2014年上半年工业增长8.8%。前5个月有色金属行业的亏损面22.1%。"
            "铁矿石价格比去年年底下降了30%,贷款余额比年末增长5%。")
    got = [(f.subject, f.measure, f.value, f.basis) for f in extract_text(text, date=date(2014, 7, 20))]
    assert got[1:] == [("有色金属行业亏损面", "share", 22.1, None), ("铁矿石价格", "growth", -30.0, "vs:2013-12-31"),
                       ("贷款余额", "growth", 5.0, "yoy")]


def test_sentence_a_level_reached_after_a_change_is_the_thing_s_total():
    from zhibiao.api import extract_text

    text = "2022年工业增加值增长3.6%。去年5G基站新增88.7万个,目前已达到231.2万个。"
    got = [(f.subject, f.value) for f in extract_text(text, date=date(2023, 1, 19)) if f.unit == "count"]
    assert got == [("5G基站新增", 887000.0), ("5G基站", 2312000.0)]


def test_sentence_what_is_still_to_be_built_is_a_goal_for_the_thing_counted_before():
    from zhibiao.api import extract_text

    text = "2024年工业增加值增长5.8%。目前已经有200个中小企业产业集群,今年还要建设100个。"
    got = [(f.subject, f.value, f.modality) for f in extract_text(text, date=date(2024, 3, 8)) if f.unit == "count"]
    assert got == [("中小企业产业集群", 200.0, "actual"), ("中小企业产业集群", 100.0, "target")]


def test_sentence_hong_kong_usage_previous_reading_and_first_months():
    from zhibiao.api import extract_text

    text = "内地去年12月份规模以上工业企业利润按年增长5.3%,前值为跌13.1%;去年首11个月则按年升0.1%。"
    got = [(f.value, f.period) for f in extract_text(text, date=date(2026, 1, 28))]
    assert got == [(5.3, "2025-12"), (-13.1, "2025-11"), (0.1, "2025-01/2025-11")]


def test_sentence_the_figure_right_after_a_goal_noun_is_the_goal():
    from zhibiao.api import extract_text

    text = "上半年,全州完成招商引资到位资金11.26亿元,完成目标任务20亿元的56.3%。"
    modality = {f.value: f.modality for f in extract_text(text, date=date(2013, 7, 30))}
    assert modality == {1126000000.0: "actual", 2000000000.0: "target", 56.3: "actual"}


@pytest.mark.parametrize(
    ("text", "subjects"),
    [
        # passing a mark (跨过, 迈过, 逼近) ends the name, as reaching one (迈上) does
        ("2024年,三个省份GDP总量均跨过5万亿元。", ["GDP"]),
        ("2024年,全国规模以上工业增加值增长5.8%。目前,我国制造业在全球的比重已逼近30%。",
         ["规模以上工业增加值", "制造业在全球的比重"]),
        # 率先 says who was first, not what
        ("2024年,全市工业增加值率先实现增长5%。", ["工业增加值"]),
    ],
)
def test_sentence_a_mark_passed_and_who_was_first_end_no_name(text, subjects):
    from zhibiao.api import extract_text

    assert [f.subject for f in extract_text(text, date=date(2025, 1, 20))] == subjects


def test_sentence_analysts_previous_reading_is_measured_as_the_reading_just_given():
    from zhibiao.api import extract_text

    text = "1-2月,规模以上工业增加值同比7.5%、前值4.3%。12月PPI同比-1.9%,前值-2.2%。"
    got = [(f.measure, f.value, f.period, f.basis) for f in extract_text(text, date=date(2022, 3, 16))]
    assert got == [("growth", 7.5, "2022-01/2022-02", "yoy"), ("growth", 4.3, "2021-12", "yoy"),
                   ("growth", -1.9, "2021-12", "yoy"), ("growth", -2.2, "2021-11", "yoy")]


def test_sentence_the_market_s_forecast_is_a_target_of_the_reading_and_of_nothing_after():
    from zhibiao.api import extract_text

    text = "12月CPI同比0.8%,前值0.7%,预期0.8%,环比0.2%。"
    got = [(f.subject, f.value, f.period, f.basis, f.modality) for f in extract_text(text, date=date(2026, 1, 10))]
    assert got == [("CPI", 0.8, "2025-12", "yoy", "actual"), ("CPI", 0.7, "2025-11", "yoy", "actual"),
                   ("CPI", 0.8, "2025-12", "yoy", "target"), ("CPI", 0.2, "2025-12", "mom", "actual")]


@pytest.mark.parametrize(
    ("text", "got"),
    [
        # a figure's own minus, after its basis, a move or a previous reading
        ("1-2月,商品房销售同比-9.6%,商品房销售额同比下降19.3%。", [("growth", -9.6, "yoy"), ("growth", -19.3, "yoy")]),
        ("12月PPI同比降至-2.2%,CPI同比上涨0.8%。", [("growth", -2.2, "yoy"), ("growth", 0.8, "yoy")]),
        # the level a rate named by its basis reached after a change in points
        ("12月食品CPI同比上行0.9个百分点至1.1%。", [("growth_change", 0.9, "vs:2024-12"), ("growth", 1.1, "yoy")]),
        ("12月猪肉CPI同比仅上行0.4个百分点至-14.6%。", [("growth_change", 0.4, None), ("growth", -14.6, "yoy")]),
        # a rate compared in points and moved to a level: its basis is the level's
        ("12月生产资料、生活资料PPI同比较前月分别回升0.3、0.2个百分点至-2.1%、-1.3%。",
         [("growth_change", 0.3, "vs:2025-11"), ("growth_change", 0.2, "vs:2025-11"),
          ("growth", -2.1, "yoy"), ("growth", -1.3, "yoy")]),
        # a contribution moved to a new level; a range after a percent sign keeps its sign
        ("一季度高新技术产业对全部规模以上工业增长贡献率由去年同期的52.5%提高到58.1%。",
         [("contribution", 52.5, None), ("contribution", 58.1, None)]),
    ],
)
def test_sentence_signed_figures_and_rates_moved_to_a_level(text, got):
    from zhibiao.api import extract_text

    assert [(f.measure, f.value, f.basis) for f in extract_text(text, date=date(2026, 1, 10))] == got


def test_sentence_compound_rates_are_averages_of_the_subject_and_the_forecast_compared_with_a_target():
    from zhibiao.api import extract_text

    text = "1-2月,工业增加值同比7.5%、超过市场预期的3.2%,三年复合7.9%、高于去年两年复合5.8%。"
    got = [(f.subject, f.value, f.basis, f.modality) for f in extract_text(text, date=date(2022, 3, 16))]
    assert got == [("工业增加值", 7.5, "yoy", "actual"), ("工业增加值", 3.2, "yoy", "target"),
                   ("工业增加值", 7.9, "avg", "actual"), ("工业增加值", 5.8, "avg2y", "actual")]


def test_sentence_an_amount_that_sizes_a_class_of_projects_is_no_figure():
    from zhibiao.api import extract_text

    text = ("全市引进1亿元及以上项目3个,其中5-10亿元(不含10亿元)项目1个,10亿元及以上项目2个;"
            "引进10亿元项目5个,总投资80亿元。")
    got = [(f.subject, f.value, f.unit) for f in extract_text(text, date=date(2016, 1, 20))]
    assert got == [("1亿元及以上项目", 3.0, "count"), ("5-10亿元项目", 1.0, "count"),
                   ("10亿元及以上项目", 2.0, "count"), ("10亿元项目", 5.0, "count"), ("10亿元项目总投资", 8e9, "CNY")]
