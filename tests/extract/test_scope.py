"""Scope: an economic release is in scope; sports, accident and weather stories are not."""

from __future__ import annotations

import pytest

from zhibiao.extract.scope import text_in_scope

INDUSTRY_RELEASE = (
    "工业和信息化部发布数据,上半年全国规模以上工业增加值同比增长6.4%,制造业增加值同比增长6.8%。"
    "软件业务收入同比增长11.2%,电子信息制造业企业实现营业收入8.5万亿元。"
)
PROFIT_RELEASE = (
    "1—5月,全国规模以上工业企业实现利润总额2.7万亿元,同比下降1.1%。"
    "其中,国有控股企业实现利润总额9000亿元,私营企业实现利润总额7000亿元。"
)
MARATHON = (
    "本届城市马拉松比赛共有3万名选手参赛。男子组冠军以2小时8分完成比赛,亚军和季军紧随其后。"
    "赛事共设置15个补给站,2000余名志愿者服务赛事,运动员在决赛中奋力冲刺。"
)
ACCIDENT = (
    "7月18日,一辆货车在高速公路上发生翻车事故,造成3人死亡、5人受伤。"
    "事故发生后,警方和救援人员赶到现场,交通事故原因正在调查中,伤亡人员已得到妥善处置。"
)
WEATHER = (
    "气象台发布天气预报:受台风影响,未来三天全省将有强降雨,局地暴雨,降水量可达150毫米,"
    "最高气温28摄氏度。请注意防范降雨带来的不利影响。"
)
EARTHQUAKE = "某地发生5.2级地震,震源深度10公里。地震造成2人受伤,余震已发生30余次,震级均在3级以下。"
MARATHON_ECONOMY = (
    "马拉松比赛带动城市消费。赛事期间,全市住宿、餐饮消费同比增长25%,零售额达到3.2亿元,"
    "旅游收入同比增长18%,带动相关产业产值增长,经济效益显著,市场消费活跃,企业营业收入增加。"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (INDUSTRY_RELEASE, True),
        (PROFIT_RELEASE, True),
        (MARATHON_ECONOMY, True),
        (MARATHON, False),
        (ACCIDENT, False),
        (WEATHER, False),
        (EARTHQUAKE, False),
        ("", False),
        ("气温上升6.4%。", False),
    ],
    ids=["industry", "profits", "marathon-economy", "marathon", "accident", "weather", "earthquake", "empty",
         "no-economic-words"],
)
def test_scope_in_scope(text: str, expected: bool) -> None:
    assert text_in_scope(text) is expected


def test_scope_in_scope_economic_words_outweighed() -> None:
    """A sports story that mentions money is still a sports story."""
    text = MARATHON + "赛事奖金总额100万元,比赛经济效益显著。"
    assert text_in_scope(text) is False
