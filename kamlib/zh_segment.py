"""Chinese words of the course's domain, found by longest match (分词) [L2.13].

Chinese is written without spaces, so "the words two texts share" needs a segmentation
first. Cutting a text into every pair of characters (bigrams) finds "售额" in both 销售额
(sales) and 零售额 (retail sales), or "的涂" in 我们的涂料 and 客户的涂装线: pairs that mean
nothing. This module instead keeps a curated lexicon of the words a key account plan uses
(products, measures, industries, strategies, people) and cuts a text by forward maximum
matching: at each position it takes the longest lexicon word that starts there; characters
that start no word are skipped. Only real words come out, and a learner can read why two
texts were found to share one.

A general-purpose segmenter (for instance the ``jieba`` package) knows more words but not
the trade's (粉末涂料, 钱包份额, 灌封胶) and would need its dictionary loaded at run time; for
the short goals and strategies of this course a lexicon of the domain is both enough and
explainable. Add a word to :data:`LEXICON` when a learner's goal uses one it lacks.
"""

from __future__ import annotations

import re

from kamlib.validation import check_text

#: The domain's words, by group (the groups only help the reader; matching uses them all).
LEXICON_GROUPS: dict[str, tuple[str, ...]] = {
    "products": (
        "涂料", "油漆", "底漆", "面漆", "清漆", "涂层", "树脂", "胶水", "胶粘剂", "粘合剂",
        "密封胶", "结构胶", "热熔胶", "灌封胶", "电子灌封胶", "有机硅", "有机硅密封胶",
        "聚氨酯", "聚氨酯胶粘剂", "粉末涂料", "水性涂料", "水性工业涂料", "水性底漆",
        "溶剂型涂料", "防腐涂料", "重防腐涂料", "防腐底漆", "防污涂料", "船舶防污涂料",
        "木器涂料", "汽车底漆", "低VOC", "低排放", "环保涂料", "新产品", "产品线",
    ),
    "measures": (
        "销售额", "营业额", "收入", "零售额", "销量", "用量", "订单", "订单额", "份额",
        "市场份额", "钱包份额", "占有率", "渗透率", "毛利", "毛利率", "利润", "利润率",
        "成本", "价格", "售价", "单价", "投诉", "满意度", "回款", "付款", "账期", "交货",
        "交期", "交付", "库存", "返工", "报废", "良率", "合格率", "缺陷", "不良率",
    ),
    "commitments": (
        "合同", "框架协议", "协议", "试用", "试验", "测试", "样品", "样板线", "认证",
        "审核", "招标", "投标", "报价", "合格供应商", "供应商名录", "还款计划", "付款计划",
        "现场会", "实验室", "生产线", "涂装线", "产线", "工厂",
    ),
    "markets": (
        "家电", "电器", "汽车", "整车", "汽车零部件", "零部件", "电子", "电池", "新能源",
        "风电", "风能", "叶片", "船舶", "造船", "船厂", "轨道交通", "工程机械", "机械",
        "家具", "包装", "零售", "零售市场", "光伏", "储能", "出口", "海外", "华东", "华南",
        "华北", "华中", "西部", "行业",
    ),
    "strategy": (
        "市场渗透", "渗透", "产品开发", "市场开发", "市场延伸", "多元化", "交叉销售",
        "新市场", "新客户", "现有客户", "大客户", "重点客户", "服务", "售后服务", "技术服务",
        "质量", "研发", "采购", "物流", "环保", "排放", "升级", "替代", "国产化",
    ),
    "people": (
        "采购经理", "采购总监", "质量经理", "生产经理", "研发经理", "维修经理", "财务经理",
        "技术总监", "总经理", "厂长", "决策者", "工程师",
    ),
    "general": (
        "客户", "提高", "增加", "提升", "实现", "完成", "我们", "公司", "市场", "年度",
        "进行", "通过", "明年", "今年", "重点", "现有", "争取", "推出", "进入", "带入",
    ),
}
LEXICON: frozenset[str] = frozenset(word for words in LEXICON_GROUPS.values() for word in words)
#: Lexicon words too common in goals and strategies to show that two texts are related.
COMMON_WORDS: frozenset[str] = frozenset(LEXICON_GROUPS["general"]) | {"行业", "大客户"}
_LONGEST = max(map(len, LEXICON))
_CJK_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z]+")


def segment(text: str) -> list[str]:
    """Cut ``text`` into the lexicon's words by forward maximum matching (longest first).

    Parameters
    ----------
    text : str
        Any text; Chinese runs (with embedded Latin letters such as "VOC") are segmented,
        everything else is skipped.

    Returns
    -------
    list of str
        The lexicon words in order of appearance; characters that start no word are left out.

    Raises
    ------
    KamValueError
        If ``text`` is not a str.

    Examples
    --------
    >>> segment("提高零售额")
    ['提高', '零售额']
    >>> segment("我们的涂料进入客户的涂装线")
    ['我们', '涂料', '进入', '客户', '涂装线']
    """
    text = check_text("text", text, allow_empty=True)
    found: list[str] = []
    for run in _CJK_RUN.findall(text):
        position = 0
        while position < len(run):
            for size in range(min(_LONGEST, len(run) - position), 0, -1):
                if run[position : position + size] in LEXICON:
                    found.append(run[position : position + size])
                    position += size
                    break
            else:
                position += 1
    return found


def content_words(text: str) -> set[str]:
    """The meaningful lexicon words of ``text``: :func:`segment` without :data:`COMMON_WORDS`.

    Parameters
    ----------
    text : str
        A goal, a strategy or any short text.

    Returns
    -------
    set of str

    Examples
    --------
    >>> sorted(content_words("市场渗透：提高现有家电客户的粉末涂料份额"))
    ['份额', '家电', '市场渗透', '粉末涂料']
    """
    return set(segment(text)) - COMMON_WORDS
