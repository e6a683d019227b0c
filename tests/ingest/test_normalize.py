import pytest

from zhibiao.ingest.clean import clean, is_boilerplate
from zhibiao.ingest.normalize import normalize
from zhibiao.ingest.segment import articles, clauses, is_headline, sentences
from zhibiao.ingest.textmap import MappedText


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("規模以上工業增加值同比增長６．４％", "规模以上工业增加值同比增长6.4%"),
        # 著 as the Taiwan standard writes 着 (衣著, 隨著): opencc's Taiwan table, not plain t2s
        ("衣著價格下降0.1%,隨著需求回升", "衣着价格下降0.1%,随着需求回升"),
        ("國家統(tǒng)計局發(fā)布", "国家统计局发布"),
        ("人均?jīng)營(yíng)凈收入", "人均?营净收入"),  # the character and its ( lost to a ?
        ("居民消费价格指数(CPI)上涨", "居民消费价格指数(CPI)上涨"),
        ("增长10.2%,高于全省?!?/p>", "增长10.2%,高于全省?"),
        ("收入&nbsp;增长<span class='x'>5%</span>", "收入增长5%"),
        # tags escaped as JSON writes them
        ('\\u003cp style=\\"color: rgb(0, 0, 0)\\"\\u003e同比下降0.3%\\u003c/p\\u003e\\u003c!--MID_AD_0--\\u003e',
         "同比下降0.3%"),
        ("采矿业3949亿元﹔制造业", "采矿业3949亿元;制造业"),
        ("上半年，增长３．８％；", "上半年,增长3.8%;"),
        # a page that pads every number with spaces in running text loses them there
        ("分别增长 11.9% 、 8.8% 和 8.8% ,分别快于规模以上工业 5.4 、 2.3 和 2.3 个百分点。",
         "分别增长11.9%、8.8%和8.8%,分别快于规模以上工业5.4、2.3和2.3个百分点。"),
        ("同比增长 6.1% ,增速比上月加快 0.1 个百分点", "同比增长 6.1% ,增速比上月加快 0.1 个百分点"),  # two: kept
        ("工业 6.4 钢铁 5.9 有色 3.2 化工 1.1", "工业 6.4 钢铁 5.9 有色 3.2 化工 1.1"),  # a table row: kept
        ("三次产业比重为21.5∶36.1∶42.4", "三次产业比重为21.5:36.1:42.4"),  # the ratio sign
        # a footnote mark after a figure
        ("环比增长5.55%[1]、同比增长1.79%", "环比增长5.55%、同比增长1.79%"),
        ("见附表[1]", "见附表[1]"),
        ("谷物[1]播种面积", "谷物播种面积"),  # a footnote mark inside a name
        # a comma doubled, or before another mark, by a damaged conversion
        ("廣東,、江蘇、山東總量領先,,其中廣東", "广东、江苏、山东总量领先,其中广东"),
        ("紧随其后,。", "紧随其后。"),
        ("产值1,234亿元,增长5%", "产值1,234亿元,增长5%"),
        # a summary's points: their cited sources go, the dash between them ends a sentence
        ("环比0.2% [1][4] - 12月PPI同比-1.9% [1][4]", "环比0.2%  。 12月PPI同比-1.9% "),
        ("2023 - 2025年", "2023 - 2025年"),  # a dash between figures is no point
        # a lone surrogate (a JSON source's escape) is no character opencc can read: U+FFFD, one for one
        ("規模\udcc7以上工業增長", "规模\ufffd以上工业增长"),
    ],
)
def test_normalize_cleans_characters(raw, expected):
    assert normalize(raw).text == expected


def test_normalize_maps_offsets_back_to_the_original():
    raw = "國家統(tǒng)計局:利潤增長(zhǎng)12.5%"
    mapped = normalize(raw)
    pos = mapped.text.index("12.5")
    assert raw[mapped.to_original(pos):mapped.to_original(pos) + 4] == "12.5"


def test_mapped_text_delete_composes():
    m = MappedText.of("abcdefghij").delete([(1, 3)]).delete([(0, 1), (4, 5)])
    assert m.text == "defhij"
    assert [m.to_original(i) for i in range(len(m.text))] == [3, 4, 5, 7, 8, 9]


@pytest.mark.parametrize(
    "line",
    [
        "当前位置: 首页 ? 资讯 ? 新科技 ? 正文",
        "- 2025-01-02世贸三十载,重温初心当其时",  # a related-articles list, each item's date glued to its title
        "- 2025-01-022024年电影票房超425亿元 国产影片票房占比近八成",
        "该文观点仅代表作者,本站仅提供信息存储空间服务。",
        "(0)",
        "20210810090609605.jpg",
        "图片来源?视觉中国",
        "影视站_国产剧_热播视频_在线网站_综合导航_精选一区_免费观看",
        "2021-08-10 16:07来源:新华社 编辑:吕可意",
        "举报/反馈",
        "浏览:次|评论:0条 [收藏] [评论]",
        "综合久久久久久综合久 ,国第一产在线无码精品区,91尤物国产尤物福利在线,五月婷婷丁香综合",
        "龚长浩摄 重庆垫江:农机助秋收 立秋后,重庆市垫江县45万亩水稻相继成熟",  # a photo's caption
        # a site's reprint terms, which name the province of its papers
        "某省日报、某省晚报所有自采新闻(含图片)独家授权某省新闻网发布,未经允许不得转载或镜像。",
        "本站原创内容,未经书面授权不得转载。",
        # a comment box's counters
        "评论 0人参与,0条评论",
        "已有0人参与,点击查看更多精彩评论",
        # a page's counters and font-size switch (AM02: the switch read as a section marker split the page)
        "- 浏览量:482",
        "3291211次浏览",
        "【字体: 大 中 小】",
        "字号:[ 大 中 小 ]",
    ],
)
def test_clean_recognizes_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    ["上半年,规模以上工业增加值同比增长3.8%。", "工业生产稳步恢复", "3月份,制造业采购经理指数(PMI)为50.5%。",
     # spam glued into a line that holds a figure: the line stays
     "出口交货值同比增长3.3%,增速较1—5月免费影视软件|欧美剧精品|一区二区在线|国产精品",
     "全市1200人参与技能培训,培训合格率95%。", "字体设计企业营业收入增长8%。",
     "全年旅游景区接待游客1200万人次,网站浏览量增长12%。"],
)
def test_clean_keeps_article_lines(line):
    assert not is_boilerplate(line)


def test_clean_rejoins_a_word_broken_by_the_layout_but_not_headings():
    raw = ("工业大省作用突出,31个省份规上工业增加值保持增长,并全部实现同比增长,规上工业增加\n\n"
           "值保持增长。\n\n科技创新加速融合\n\n上半年,工业机器人产量增长35.6%。")
    text = clean(normalize(raw)).text
    assert "规上工业增加值保持增长。" in text
    assert "\n\n科技创新加速融合\n\n" in text


@pytest.mark.parametrize(
    ("raw", "joined"),
    [
        ("2013年3月份,规模以上工业增加值同比实际增长8.9\n%(以下均为实际增长率),比1-2月份回落1个百分点。",
         "实际增长8.9%(以下"),
        ("分轻重工业看,3月份,重工业增加值同比增长9.1\n%,轻工业增长8.2%。", "增长9.1%,轻工业"),
        # however short its line
        ("3月份,工业企业产品销售率为96.8\n%,比上年同期下降0.5个百分点。", "销售率为96.8%,比上年"),
    ],
)
def test_clean_rejoins_a_figure_broken_before_its_percent_sign(raw, joined):
    assert joined in clean(normalize(raw)).text


def test_clean_does_not_run_a_line_into_the_title_below_it():
    raw = "热门游戏推荐,精品小说免费阅读,综合导航频道精选内容\n\n2024年软件和信息技术服务业主要指标\n\n指标名称"
    assert "\n\n2024年软件和信息技术服务业主要指标\n" in clean(normalize(raw)).text


def test_clean_keeps_a_percent_sign_line_apart_after_a_heading():
    assert "\n" in clean(normalize("第一部分 主要指标\n%表示增速")).text


def test_clean_keeps_apart_table_rows_whose_values_are_set_apart_by_several_spaces():
    raw = "其中:1、软件产品收入 亿元 7441.9  13.6 \n      2、信息技术服务收入 亿元 15420.8  16.4 \n"
    lines = [line.strip() for line in clean(normalize(raw)).text.split("\n")]
    assert "2、信息技术服务收入 亿元 15420.8  16.4" in lines


@pytest.mark.parametrize(
    ("raw", "kept", "dropped"),
    [
        # a table laid out one cell per line: its integers are cells
        ("绝对额(亿元)\n\n比上年同期增长(%)\n\nGDP\n\n296299\n\n5.3\n\n工业\n\n96426\n\n6", ["296299", "96426"], []),
        # a counter between two paragraphs is page furniture
        ("上半年利润增长5%。\n\n12\n\n下半年利润增长6%。", [], ["12"]),
    ],
)
def test_clean_keeps_the_integers_of_a_table_but_drops_counters(raw, kept, dropped):
    lines = clean(normalize(raw)).text.split("\n")
    assert all(k in lines for k in kept) and not any(d in lines for d in dropped)


def test_clean_keeps_a_tables_header_above_its_rule_however_its_rows_are_laid_out():
    # AN06: a header of short cells reads like a menu; the rule under it says it is a table's
    header = "主要会计数据 | 2018年 | 2017年 | 本期比上年同期增减(%) | 2016年 |"
    raw = f"{header}\n---|---|---|---|---|\n营业收入 |\n13,689,875,849.6 |\n14,146,121,886.24 |\n-3.23 |\n"
    assert header in clean(normalize(raw)).text.split("\n")
    menu = "首页 | 新闻 | 政务 | 服务 | 互动 |"
    assert menu not in clean(normalize(f"{menu}\n一季度工业增长5%。\n")).text


@pytest.mark.parametrize("heading", ["相关推荐", "相关链接:", "相关阅读：", "延伸阅读"])
def test_clean_cuts_the_related_articles_tail(heading):
    raw = f"上半年利润增长5%。\n\n{heading}\n\n某学者:中国提高人均GDP\n\n2024年6月24日"
    assert clean(normalize(raw)).text.strip() == "上半年利润增长5%。"


def test_segment_splits_a_newspaper_page_into_articles():
    text = ("工信部:上半年工业平稳\n上半年,规上工业增加值同比增长6.4%。\n(来源:新华社)\n"
            "平台融资突破1.2万亿元\n新华社北京7月18日电 平台累计助企融资规模突破1.2万亿元。\n"
            "【招商引资】\n湖北举办培训会\n今年1—6月,全省签约项目4918个。")
    arts = articles(text)
    assert len(arts) == 3
    assert arts[2].paragraphs[0].text == "【招商引资】"


def test_segment_sentences_and_clauses():
    sents = sentences("增长3.8%。加快0.8个百分点!收入1,234亿元,增长5%")
    assert [s.text for s in sents] == ["增长3.8%。", "加快0.8个百分点!", "收入1,234亿元,增长5%"]
    s = sents[2].text
    assert [s[a:b] for a, b in clauses(s)] == ["收入1,234亿元", "增长5%"]


@pytest.mark.parametrize(("line", "headline"), [
    ("工业生产稳步恢复", True), ("上半年,增长3.8%。", False),
    ("382个项目,总投资额5066.7亿元!", True),  # a headline may exclaim
    ("加快0.8个百分点!收入增长", False),  # an exclamation inside a line ends a sentence
])
def test_segment_is_headline(line, headline):
    assert is_headline(line) is headline


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("业务总量完成1 981.3亿元", "业务总量完成1981.3亿元"),
        ("总量完成14 529.3亿元,净增2 672.4万户", "总量完成14529.3亿元,净增2672.4万户"),
        ("用户超4 100万户", "用户超4100万户"),
        ("收入1 234 567元", "收入1234567元"),
        ("净增超过2 600 万", "净增超过2600 万"),  # a space before the multiplier stays
        ("| 2024 | 123 456 |", "| 2024 | 123 456 |"),  # table columns: no unit after them
        ("增长 11.9% 、 8.8%", "增长 11.9% 、 8.8%"),
        ("2015 年 8 月", "2015年8月"),  # the date spaces are another rule's
        ("第1 000名", "第1 000名"),  # no multiplier or unit word after it
        ("12.5 300万", "12.5 300万"),  # a decimal is no group of thousands
    ],
)
def test_normalize_joins_digits_grouped_by_spaces_before_a_unit(raw, expected):
    assert normalize(raw).text == expected


def test_normalize_joined_digits_map_back_to_the_original():
    raw = "总量完成1 981.3亿元"
    mapped = normalize(raw)
    start = mapped.text.index("1981.3")
    assert raw[mapped.to_original(start):mapped.to_original(start + len("1981.3亿元"))] == "1 981.3亿元"


def test_taiwan_terms_keep_their_length():
    from zhibiao.rules import load

    assert all(len(tw) == len(mainland) for tw, mainland in load("script")["taiwan_terms"].items())
    assert all(len(v) == len(c) == 1 for v, c in load("script")["variant_characters"].items())


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        # a traditional page in Taiwan's words reads as the mainland names things
        ("我國軟體和信息技術服務業實現軟體業務收入6189億元", "我国软件和信息技术服务业实现软件业务收入6189亿元"),
        ("積體電路產量增長", "集成电路产量增长"),
        # a simplified page keeps its words, and common words are never rewritten
        ("软体动物养殖,资讯服务", "软体动物养殖,资讯服务"),
        ("新增核心企業", "新增核心企业"),
        # a variant character opencc leaves is read on any page
        ("前三季度陜西經濟運行", "前三季度陕西经济运行"),
        ("陜西省规上工业", "陕西省规上工业"),
        # a year in Chinese digits reads in ASCII digits, four for four; other runs of digits stay
        ("二零一六年年度業績公告", "2016年年度业绩公告"),
        ("二〇二四年全省工业", "2024年全省工业"),
        ("一九九八年", "1998年"),
        ("一二三四年", "一二三四年"),
        ("二零一六", "二零一六"),
    ],
)
def test_normalize_reads_taiwan_terms_only_on_traditional_pages(raw, text):
    assert normalize(raw).text == text


INFOGRAPHIC = ("一图读懂前三季度船舶工业\n今年1至9月\n全国造船完工量3034万载重吨\n同比增长6.2%\n海船为\n"
               "859.6万修正总吨\n新承接船舶订单量\n5415.6万载重吨\n截至9月底\n手持船舶订单量\n9243.9万载重吨\n同比增长32.3%\n")
FLAT_TABLE = ("指标\n绝对量\n同比增长\n社会消费品零售总额(亿元)\n1543.42\n-4.3\n批发零售业\n1464.41\n-1.6\n"
              "住宿餐饮业\n79.01\n-37.1\n吃的商品\n280.57\n-11.0\n")


def test_clean_reads_an_infographic_flattened_to_one_phrase_per_line_as_one_sentence():
    text = clean(normalize(INFOGRAPHIC)).text
    assert "今年1至9月,全国造船完工量3034万载重吨,同比增长6.2%,海船为,859.6万修正总吨" in text
    assert len(text) == len(normalize(INFOGRAPHIC).text)


def test_clean_leaves_a_table_flattened_to_one_cell_per_line_as_it_is():
    assert clean(normalize(FLAT_TABLE)).text == normalize(FLAT_TABLE).text


PIPE_CELLS = ("主要指标月度环比表 |\n工业增加值环比增速(%) |\n投资环比增速(%) |\n2024年3月份 |\n0.52 |\n1.10 |\n"
              "4月份 |\n0.61 |\n1.24 |\n5月份 |\n0.49 |\n0.98 |\n6月份 |\n0.55 |\n1.02 |\n")


def test_clean_leaves_a_pipe_table_flattened_to_one_cell_per_line_as_it_is():
    assert clean(normalize(PIPE_CELLS)).text == normalize(PIPE_CELLS).text


def test_clean_keeps_an_article_glued_after_its_original_title_label():
    body = "全省规模以上工业增加值同比增长8%,增速较3月份回落1.1个百分点。" * 4
    raw = "原标题:前4月工业增长 记者5月20日从省统计局获悉," + body + "\n"
    text = clean(normalize(raw)).text
    assert "同比增长8%" in text and "原标题" not in text
    assert clean(normalize("原标题:前4月工业增长\n正文。\n")).text.strip() == "正文。"


def test_clean_cuts_the_recommended_news_after_an_article():
    raw = "我区共培育9家制造业单项冠军。\n推荐资讯\n征集安徽省全省各市旅游服务质量提升典型案例\n"
    assert "安徽省" not in clean(normalize(raw)).text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # pinyin without tone marks after Han characters, where a page holds several
        ("規(mo)模(mo)以(yi)上工業(ye)企業數量11426家", "规模以上工业企业数量11426家"),
        ("水產(chan) 品平均批發價(jia) 格下降0.2%,蔬菜(cai)價格", "水产品平均批发价格下降0.2%,蔬菜价格"),
        # a lone bracket of letters is no annotation
        ("項目(a)與(b)", "项目(a)与(b)"),
        # an annotation doubled
        ("工(gong)(gong)業增加值,規(gui)模(mo)以上", "工业增加值,规模以上"),
    ],
)
def test_normalize_removes_bare_pinyin_annotations(raw, expected):
    assert normalize(raw).text == expected
