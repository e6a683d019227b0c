"""Hosts: the place a page's url stands for (rules/hosts.toml)."""

from __future__ import annotations

import pytest

from zhibiao.errors import RulesError
from zhibiao.extract.hosts import build_host_table, government_place, host_labels, host_place
from zhibiao.extract.regions import MUNICIPALITIES, province_of
from zhibiao.rules import load


@pytest.mark.parametrize(
    ("url", "labels"),
    [
        ("http://www.hunan.gov.cn/hnszf/zfsj/index.html", ("www", "hunan", "gov", "cn")),
        ("https://tjj.hebei.gov.cn:8443/hetj/", ("tjj", "hebei", "gov", "cn")),
        ("HTTP://WWW.GD.GOV.CN./x", ("www", "gd", "gov", "cn")),
        ("http://user:pw@stats.tj.gov.cn/", ("stats", "tj", "gov", "cn")),
        ("tjj.hebei.gov.cn/hetj/tjsj/", ("tjj", "hebei", "gov", "cn")),  # no scheme
        ("tjj.hebei.gov.cn:8080/x", ("tjj", "hebei", "gov", "cn")),
        ("//hebei.chinagdp.org/jjfz/", ("hebei", "chinagdp", "org")),
        ("  http://hunan.gov.cn  ", ("hunan", "gov", "cn")),
        (None, ()),
        ("", ()),
        ("   ", ()),
        ("http://", ()),
        ("http://[::1", ()),  # unbalanced bracket: urlsplit raises
        ("file:///data/hunan/page.html", ()),
    ],
)
def test_hosts_host_labels(url, labels) -> None:
    assert host_labels(url) == labels


@pytest.mark.parametrize(
    ("url", "place"),
    [
        # full pinyin labels, under .gov.cn and elsewhere
        ("http://www.hunan.gov.cn/hnszf/zfsj/sjfb/t1.html", "湖南省"),
        ("http://tjj.hebei.gov.cn/hetj/tjsj/", "河北省"),
        ("http://hebei.chinagdp.org/jjfz/201801/474.html", "河北省"),
        ("http://tjj.shanxi.gov.cn/", "山西省"),
        ("http://tjj.shaanxi.gov.cn/", "陕西省"),
        ("http://tjj.hubei.gov.cn/", "湖北省"),
        ("https://tjj.henan.gov.cn/2025/06-17/1.html", "河南省"),
        ("http://wap.qinghai.gov.cn/zfsj/", "青海省"),
        ("http://www.beijing.gov.cn/", "北京市"),
        ("http://tjj.wuhan.gov.cn/", "武汉市"),
        ("http://news.chengdu.cn/2016/0821/1.shtml", "成都市"),
        ("http://neimenggu.example.com/", "内蒙古自治区"),
        # official short labels, right before .gov.cn
        ("http://stats.gd.gov.cn/", "广东省"),
        ("http://tjj.sc.gov.cn/scstjj/c105855/", "四川省"),
        ("http://www.js.gov.cn/art/2023/1/28/x.html", "江苏省"),
        ("http://tjj.zj.gov.cn/", "浙江省"),
        ("http://www.sd.gov.cn/", "山东省"),
        ("https://tj.nmg.gov.cn/", "内蒙古自治区"),
        ("http://tjj.gxzf.gov.cn/", "广西壮族自治区"),
        ("https://nxtj.nx.gov.cn/", "宁夏回族自治区"),
        ("https://stats.tj.gov.cn/", "天津市"),
        ("https://tjj.sh.gov.cn/sjxx/x.html", "上海市"),
        ("https://tjj.cq.gov.cn/", "重庆市"),
        ("http://www.sz.gov.cn/", "深圳市"),
        ("http://tjj.gz.gov.cn/", "广州市"),
        ("http://tjj.xa.gov.cn/", "西安市"),
        # any prefecture-level city by its full pinyin, only right before .gov.cn
        ("https://tjj.changzhou.gov.cn/html/tjj/2013/x.html", "常州市"),
        ("http://sztj.shuozhou.gov.cn/tjsj/tjxx/x.html", "朔州市"),
        ("https://www.chaoyang.gov.cn/html/CYSZF/202504/x.html", "朝阳市"),  # 辽宁's: Beijing's district is bjchy
        ("http://tjj.changzhi.gov.cn/", "长治市"),
        ("http://www.changzhou.example.com/", None),  # elsewhere a city's pinyin is a word of a name
        ("http://tjj.suzhou.gov.cn/", None),  # 苏州 and 宿州
        ("http://tjj.taizhou.gov.cn/", None),  # 台州 and 泰州
        ("http://changzhou.customs.gov.cn/", None),  # a national agency's branch
        # a county or a district by its full pinyin, only right before .gov.cn
        ("http://liulin.gov.cn/zjll/tjsjj/x.shtml", "柳林县"),
        ("http://tjj.haidian.gov.cn/", "海淀区"),
        ("http://liulin.example.com/", None),
        # ports, case, a trailing dot, no scheme
        ("http://tjj.hunan.gov.cn:8080/x", "湖南省"),
        ("HTTPS://WWW.HUNAN.GOV.CN./", "湖南省"),
        ("tjj.hebei.gov.cn/hetj/", "河北省"),
        # a national portal's provincial edition, by a province's label
        ("http://ah.sina.com.cn/news/2019-04-20/detail-x.shtml", "安徽省"),
        ("http://sc.news.cn/", "四川省"),
        ("http://zj.people.com.cn/n2/x.html", "浙江省"),
        ("http://hubei.sina.com.cn/news/", "湖北省"),
        # a provincial newspaper's or news portal's own label, in any label of the host
        ("http://zjrb.zjol.com.cn/html/2014-01/02/content_2485325.htm", "浙江省"),
        ("https://szb.nxrb.cn/nxrb/pc/con/202203/17/content_9927.html", "宁夏回族自治区"),
        ("http://www.dzwww.com/shandong/sdnews/x.htm", "山东省"),
        ("http://zjol.gov.cn/", None),  # under .gov.cn only the governments' labels count
        # a city with its own province agrees; two provinces do not
        ("http://wuhan.hubei.example.com/", "武汉市"),
        ("http://hunan.hubei.example.com/", None),
    ],
)
def test_hosts_host_place(url, place) -> None:
    assert host_place(url) == place


@pytest.mark.parametrize(
    "url",
    [
        # a whole label only, never part of one
        "http://www.shanghaidaily.com/",
        "http://shanghai-daily.com/",
        "http://www.hunanwang.com/",
        "http://hubeidaily.net/",
        # short labels only under .gov.cn
        "http://sh.example.com/",
        "http://nb.sanhaostreet.com/it/",
        "http://szb.sxworker.com/content/",
        # a portal's other sections, and editions whose label is a city's or ambiguous
        "https://news.sina.com.cn/c/x.shtml",
        "https://finance.sina.com.cn/jjxw/x.shtml",
        "http://gz.people.com.cn/",  # 贵州 there, 广州 under .gov.cn
        "http://hb.xinhuanet.com/",  # 湖北 or 河北
        "http://ah.example.sina.com.cn.evil.com/",
        # under .gov.cn only the label before it: a national agency's branch covers a province
        "https://nanjing.customs.gov.cn/",
        "http://wuhan.pbc.gov.cn/",
        "http://hunan.example.gov.cn/",
        # short labels that are ambiguous or belong to another place
        "http://hb.gov.cn/",
        "http://hn.gov.cn/",
        "http://tjj.sx.gov.cn/",   # 绍兴, not 山西
        "http://tjj.xz.gov.cn/",   # 徐州, not 西藏
        # national hosts
        "http://www.gov.cn/xinwen/",
        "https://www.stats.gov.cn/sj/zxfb/",
        "https://data.stats.gov.cn/",
        "https://www.miit.gov.cn/",
        "http://www.mofcom.gov.cn/",
        "http://www.customs.gov.cn/",
        "http://gov.cn/",
        # a place in the path is no host
        "http://10.0.0.1/hunan/page.html",
        "https://www.example.com/hubei/",
        # missing or garbage
        None,
        "",
        "not a url",
        "http://[::1",
        "javascript:void(0)",
    ],
)
def test_hosts_host_place_gives_nothing(url) -> None:
    assert host_place(url) is None


@pytest.mark.parametrize(
    ("url", "place"),
    [
        ("http://tj.jiangsu.gov.cn/art/2020/4/27/1.html", "江苏省"),
        ("http://tjj.wuhan.gov.cn/1.html", "武汉市"),
        ("http://chongqing.chinagdp.org/jjfz/1.html", None),  # names a place, but no government's site
        ("http://ah.sina.com.cn/news/1.shtml", None),
        ("https://www.stats.gov.cn/sj/zxfb/1.html", None),  # the nation's
        (None, None),
    ],
)
def test_hosts_government_place(url, place) -> None:
    assert government_place(url) == place


def test_hosts_table_names_every_province() -> None:
    names = set(load("hosts")["names"])
    provinces = {p for p in load("regions")["provinces"] if province_of(p) == p}
    assert provinces - names == {"台湾省", "香港特别行政区", "澳门特别行政区"}
    assert set(MUNICIPALITIES) <= names


def _tables(names=None, gov_cn=None, media=None, **extra) -> dict:
    """A hosts table with every section, empty unless given."""
    return {"names": names or {}, "gov_cn": gov_cn or {}, "media": media or {}, "portals": {"domains": []}, **extra}


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"names": {}}, "sections"),
        (_tables(other={}), "sections"),
        (_tables(names={"湖北": ["hubei"]}), "no canonical place"),
        (_tables(names={"东部地区": ["dongbu"]}), "no canonical place"),
        (_tables(names={"湖北省": "hubei"}), "must be a list"),
        (_tables(names={"湖北省": ["Hubei"]}), "no lower-case host label"),
        (_tables(names={"湖北省": ["hubei.gov"]}), "no lower-case host label"),
        (_tables(names={"湖北省": ["-hubei"]}), "no lower-case host label"),
        (_tables(names={"湖北省": ["hb"]}, gov_cn={"河北省": ["hb"]}), "given to"),
        (_tables(names={"湖北省": ["hubei"], "湖南省": ["hubei"]}), "given to"),
        (_tables(names={"湖北省": ["hubei"]}, media={"湖南省": ["hubei"]}), "given to"),
    ],
)
def test_hosts_bad_tables_are_rejected(table, message) -> None:
    with pytest.raises(RulesError, match=message):
        build_host_table(table)


def test_hosts_a_place_may_have_a_name_and_a_short_label() -> None:
    table = build_host_table({"names": {"广东省": ["guangdong"]}, "gov_cn": {"广东省": ["gd"]},
                              "media": {}, "portals": {"domains": []}})
    assert table.names == {"guangdong": "广东省"}
    assert table.gov_cn == {"guangdong": "广东省", "gd": "广东省"}
