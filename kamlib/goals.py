"""SMART goal checking (L2.13), call objectives as advances, and the rules for a set of
objectives (L2.11).

A plan states its goals in words. :func:`check_smart` reads one goal or visit objective, in
English or Chinese, and says for each letter of SMART whether it passes, why, and how to fix
it. The letters are the handout's: Specific (具体的), Measurable (可度量的), Achievable
(可达到的), Relevant (与策略相关) and Time-bound (有时间限制的). Doran (1981, "There's a
S.M.A.R.T. way to write management's goals and objectives", *Management Review*), who
coined the acronym, read A as Assignable (someone is named to do it) and R as Realistic;
the handout, like most later textbooks, reads them as Achievable and Relevant
(:mod:`kamlib.sources` records both).

How the coach judges, letter by letter (the course's rubric, written down so that a trainer
can disagree with a precise rule rather than a feeling):

- **S**: names *who or what* (an account id, a company, a customer group such as A级客户, a
  person at the customer, or a product) and *an action*. Vague wording ("strengthen the
  relationship", 加强, 沟通) is no action, and a visit on its own is the means, not the
  objective.
- **M**: a quantity (dates and ids do not count) or, for a call objective, a commitment
  that can be checked afterwards: a trial, a test order, an approval, a signed document, a
  meeting booked with a named person.
- **A**: no absolute ("100% share", 所有客户, "the whole tender at the first meeting"); a
  stated change, or the target against the ``baseline``, above the course settings'
  ``plausible_change_pct`` (:mod:`kamlib.settings`) in a year is not plausible, and a target
  that is no improvement is too easy.
- **R**: with a ``strategy``, goal and strategy share meaningful terms (synonyms across the
  two languages count; Chinese is cut into words by :mod:`kamlib.zh_segment`, never into
  character pairs). Without one, the goal names a business result, or it is an **advance**:
  an action the customer commits to that moves the sale forward (Rackham 1988, *SPIN
  Selling*). A **continuation** (keep in touch, present our company) fails.
- **T**: a date, a deadline, a period or rhythm, or the visit at which it is to happen.

Numbers are read with their separators ("1,200,000", "1.200.000", "1.200,50"), in full-width
digits (１２０万元) and in Chinese numerals and units (两百万元, 1.5亿). Every pattern runs in
time proportional to the length of the text. It is rule-based, so every verdict can be
explained; it is a coach, not a judge.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kamlib import settings
from kamlib.i18n import N_, _, both, get_language, join_list
from kamlib.validation import check_choice, check_frame, check_number, check_text, fail
from kamlib.zh_segment import content_words

LETTERS = ("S", "M", "A", "R", "T")
LETTER_NAMES = {
    "S": (N_("Specific"), "具体的"),
    "M": (N_("Measurable"), "可度量的"),
    "A": (N_("Achievable"), "可达到的"),
    "R": (N_("Relevant"), "与策略相关"),
    "T": (N_("Time-bound"), "有时间限制的"),
}


# --------------------------------------------------------------------------- reading text

#: Full-width digits, letters and signs (１２０％) read as their ASCII forms; Chinese
#: punctuation (，。：) is kept.
_FULL_WIDTH = str.maketrans(
    {chr(code): chr(code - 0xFEE0) for code in range(0xFF10, 0xFF1A)}  # ０-９
    | {chr(code): chr(code - 0xFEE0) for code in range(0xFF21, 0xFF3B)}  # Ａ-Ｚ
    | {chr(code): chr(code - 0xFEE0) for code in range(0xFF41, 0xFF5B)}  # ａ-ｚ
    | {"％": "%", "．": ".", "＋": "+", "－": "-", "\u3000": " "}
)
#: A full-width comma between digits groups thousands: １，２００，０００.
_FULL_WIDTH_GROUPING = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")


def _normalise(text: str) -> str:
    return _FULL_WIDTH_GROUPING.sub(",", text.translate(_FULL_WIDTH))


# Building blocks. ASCII tokens get their own boundaries because ``\b`` sees no boundary
# between a digit and a Chinese character ("2026年"). Every number starts where no digit
# (or numeral) stands before it, so that no pattern retries inside a long run of digits:
# the time to read a text grows in proportion to its length.
_B = r"(?<![A-Za-z0-9])"
_E = r"(?![A-Za-z0-9])"
_NUM = r"(?<![\d.,])\d+(?:[.,]\d+)*"
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_CN_NUM = f"(?<![{_CN_DIGITS}])[{_CN_DIGITS}]+"
_EN_COUNT = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"eighteen|twenty-four|\d+)"
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
_CN_HOLIDAYS = "春节|国庆|元旦|中秋|五一|端午"

#: Dates, deadlines, periods, rhythms and the visit itself: what makes a goal time-bound (T).
TIME_PATTERN = re.compile(
    "|".join(
        [
            # 30 June 2027, June 2027, June 30, 2027, December (case-sensitive month names)
            rf"{_B}(?:{_ORDINAL}\s+)?{_MONTHS}\.?(?:\s+{_ORDINAL})?(?:,?\s+\d{{4}})?{_E}",
            rf"{_B}(?:Q[1-4]|H[12]|FY\s?\d{{2,4}}){_E}",  # Q3, H1, FY2026
            rf"{_B}\d{{4}}-\d{{2}}-\d{{2}}{_E}|{_B}\d{{1,2}}/\d{{1,2}}/\d{{2,4}}{_E}",
            r"(?<!\d)(?:19|20)\d{2}(?!\d)",  # a year, also in 2026年
            rf"(?i:{_B}(?:within|in|over|during|for)\s+(?:the\s+(?:next|coming|first)\s+)?"
            rf"{_EN_COUNT}\s+(?:days?|weeks?|months?|quarters?|years?){_E})",
            r"(?i:\b(?:this|next|coming)\s+(?:year|quarter|month|week|season)\b)",
            r"(?i:\b(?:every|each|per|a)\s+(?:day|week|month|quarter|year)\b)",
            r"(?i:\b(?:daily|weekly|monthly|quarterly|yearly|annually)\b)",
            r"(?i:\bend\s+of\s+(?:the\s+)?(?:year|quarter|month)\b|\byear[- ]end\b)",
            r"(?i:\bin\s+week\s+\d{1,2}\b|\bnext\s+week'?s?\s+(?:visit|meeting|call)\b)",
            r"(?i:\bat\s+(?:the|our|this|next|the\s+next)\s+(?:first\s+)?"
            r"(?:visit|meeting|call|contact)\b|\bat\s+first\s+contact\b)",
            r"(?i:\bbefore\s+(?:the\s+)?(?:Chinese\s+New\s+Year|Spring\s+Festival)\b)",
            # Chinese: 2027年6月底前 (year handled above), 6月底, 六个月内, 明年第三季度, 每月
            r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?(?:\s*\d{1,2}\s*[日号])?",
            rf"(?:(?<!\d)\d+|{_CN_NUM})\s*(?:个\s*)?(?:月|季度|星期|周|年|天|日|工作日)\s*"
            r"(?:内|之内|以内)",
            r"(?:今|明|后)年|(?:本|下|这)个?(?:月|季度|年度|周)|(?:上|下)半年",
            r"第?[一二三四1-4]季度|年底|年末|年内|月底|季末|季度末",
            r"每(?:天|日|周|星期|个?月|个?季度|季|年)",
            rf"(?:下次|本次|这次|首次|第一次)拜访时?|(?:{_CN_HOLIDAYS})(?:前|后|之前)|节前",
        ]
    )
)

#: Account ids and product-line ids: names, not quantities (removed before looking for numbers).
IDENTIFIER_PATTERN = re.compile(rf"{_B}(?:AC|PL)\d+{_E}")

#: Quantities: what makes a goal measurable (M), once dates and ids are taken out.
MEASURE_PATTERN = re.compile(
    "|".join(
        [
            rf"{_NUM}\s*(?:%)?",
            r"(?i:\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            r"twenty|thirty|fifty|hundred|thousand|million|double|triple|half|dozen)\b)",
            rf"百分之|{_CN_NUM}\s*(?:个|家|倍|成|吨|次|项|款|位|名|件|元|万|亿|条|%)",
            r"翻(?:一|两)?番|翻倍|零(?:投诉|缺陷|事故|退货|差错)",
        ]
    )
)

#: Money amounts: ("RMB 2 million", "CNY 500k", "200万元", "两百万元", "1.5亿").
MONEY_PATTERN = re.compile(
    rf"(?i:(?:RMB|CNY|¥|yuan)\s*(?P<en1>{_NUM})\s*(?P<s1>million|mn|m|k|thousand|billion|bn)?{_E})"
    rf"|(?i:(?P<en2>{_NUM})\s*(?:(?P<s2>million|mn|m|k|thousand|billion|bn)\s*)?(?:RMB|CNY|yuan){_E})"
    rf"|(?P<zh>{_NUM}|{_CN_NUM})\s*(?:(?P<zs>百万|千万|万|亿)\s*)?元"
    rf"|(?P<zh2>{_NUM}|{_CN_NUM})\s*(?P<zs2>百万|千万|万|亿)"
)
_SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
    "万": 1e4,
    "百万": 1e6,
    "千万": 1e7,
    "亿": 1e8,
}
#: Amounts above this are read as a typing slip, not a target (a trillion yuan).
_LARGEST_AMOUNT = 1e12

#: Percentages ("15%", "15 percent", "百分之十"); percentage points are not matched here.
PERCENT_PATTERN = re.compile(
    rf"(?P<num>{_NUM})\s*(?:%|(?i:percent|per\s+cent)(?![a-z]))"
    rf"|百分之\s*(?P<cn>{_NUM}|{_CN_NUM})"
)
#: Words just before a percentage that make it a level ("to 35%") or a start ("from 20%").
LEVEL_MARKER = re.compile(r"(?i:\b(?:to|at|reach|reaching)\s*$)|(?:到|至|达到|为)\s*$")
START_MARKER = re.compile(r"(?i:\bfrom\s*$)|从\s*$")

#: Multipliers stated without a percentage: change in per cent.
MULTIPLIERS = {
    r"(?i:\bdouble)|翻一番|翻番|翻倍": 100.0,
    r"(?i:\btriple)": 200.0,
    r"翻两番": 300.0,
}
_TIMES_PATTERN = re.compile(rf"(?P<n>{_NUM}|(?<![{_CN_DIGITS}])[{_CN_DIGITS}]{{1,3}})\s*倍")

#: Absolutes that are (almost) never achievable, checked with or without a baseline (A).
ABSOLUTE_PATTERN = re.compile(
    "|".join(
        [
            r"(?i:\b100\s*%\s*(?:of\s+(?:the\s+)?)?(?:market\s+)?share\b)",
            r"100\s*%\s*(?:的\s*)?(?:市场)?份额|百分之百",
            r"(?i:\b(?:all|every)\s+(?:our\s+)?(?:customers?|accounts?|clients?)\b)",
            r"所有客户|全部客户|每个客户|每一个客户",
            r"(?i:\bzero\s+(?:complaints?|defects?|claims?)\b|\bto\s+zero\b)",
            r"零(?:投诉|缺陷|事故|退货|差错)",
            r"(?i:\b(?:double|triple)\w*\s+(?:\S+\s+){0,3}(?:every|each|per)\s+(?:month|week)\b)",
            r"每个?月(?:都)?(?:翻一?番|翻倍)",
        ]
    )
)
#: A first meeting that is to end in the whole business: a leap, not a step (A).
FIRST_MEETING_PATTERN = re.compile(
    r"(?i:\b(?:first|initial|one|next|this)\s+(?:meeting|contact|visit|call)\b)"
    r"|首次拜访|第一次拜访|一次拜访|下次拜访|本次拜访|初次见面|第一次见面"
)
LEAP_PATTERN = re.compile(
    r"(?i:\b(?:sign\w*|contract\w*|exclusive\w*|whole|entire|all\s+(?:of\s+)?"
    r"(?:its\s+|their\s+)?(?:lines|business|spend|purchases|coatings|orders))\b)"
    r"|签订|签署|合同|独家|全部|拿下"
)

#: Goals that reduce something: the target must be below the baseline.
REDUCE_PATTERN = re.compile(
    r"(?i:\b(?:reduce|cut|lower|decrease|shorten|bring\s+down)\w*\b)"
    r"|降低|减少|缩短|压缩|下降|降到|降至"
)

# ------------------------------------------------------------------- S: who or what, action

#: Named targets for Specific (S): account ids, quoted names, companies, groups, people,
#: products.
ACCOUNT_ID_PATTERN = re.compile(rf"{_B}AC\d{{3}}{_E}")
QUOTED_PATTERN = re.compile(r"['\"“‘「『《]([^'\"”’」』》]{2,60})['\"”’」』》]")
#: Characters that end or start a clause, never part of a company's name.
_NOT_IN_NAME = (
    "在把将与和对向从到为让请给了及或是于以并被其该每各本下上内前后里年月日提高增加拿争取我们"
)
CN_COMPANY_PATTERN = re.compile(
    rf"(?<![^\W\d_的{_NOT_IN_NAME}])[^\W\d_A-Za-z的{_NOT_IN_NAME}]"
    rf"[^\W\d_A-Za-z{_NOT_IN_NAME}]{{1,5}}?"
    r"(?:有限公司|股份公司|公司|集团|厂|电子|化工|机械|电器|重工|汽车|科技|船舶|家具|风电)"
    r"(?!行业|零部件|客户|市场|领域|产品)"
)
CUSTOMER_GROUP_PATTERN = re.compile(
    r"(?i:\bclass\s+[ABC]\s+(?:accounts?|customers?)\b|\b[ABC]-class\s+\w+|"
    r"\bkey\s+accounts?\b|\bVIP\s+(?:accounts?|customers?)\b)"
    r"|[ABC]\s*级客户|VIP\s*客户|重点客户|重量级客户|核心客户"
)
CUSTOMER_PERSON_PATTERN = re.compile(
    r"(?i:(?<!our\s)\b(?:(?:plant|purchasing|quality|production|R&D|maintenance|finance|"
    r"general|technical|procurement)\s+(?:manager|director|engineer|team)|decision[- ]maker|"
    r"decider|paint\s+shop|buyer)\b)"
    r"|(?<!我方)(?<!我们的)(?:采购|质量|生产|研发|维修|财务|技术)(?:经理|总监|工程师|主管)"
    r"|决策者|厂长|总经理"
)
PRODUCT_PATTERN = re.compile(
    r"(?i:\b(?:coatings?|paints?|adhesives?|sealants?|primers?|resins?|glues?|varnish)\b)"
    r"|涂料|油漆|胶粘剂|粘合剂|密封胶|底漆|树脂|胶水|清漆|灌封胶|热熔胶|结构胶|涂层"
)
CAPITALISED_PATTERN = re.compile(
    r"(?<![.!?:]\s)(?<!^)\b[A-Z][A-Za-z0-9&-]*(?:\s[A-Z][A-Za-z0-9&-]*)*\b"
)
#: Capitalised words that name no account: currencies, periods, abbreviations of the trade.
COMMON_CAPITALS = frozenset(
    "I RMB CNY FY KAM KA Q1 Q2 Q3 Q4 H1 H2 PU ROI CRM SWOT SMART OEM B2B VIP VOC".split()
)

#: Action verbs that say what will be done (S); the advance verbs are among them.
ACTION_PATTERN = re.compile(
    r"(?i:\b(?:increase|grow|raise|win|sign|launch|secure|reduce|cut|expand|introduce|reach|"
    r"double|triple|achieve|deliver|close|convert|qualify|gain|lift|boost|add|shorten|lower|"
    r"replace|renew|visit|sponsor|complete|agree|trial|test|meet|obtain|get|arrange|book|run|"
    r"approve|present|demonstrate|confirm|identify|install|pass|schedule|invite|find\s+out|"
    r"ask|request|persuade|convince|update|inform|show|explain)"
    r"\w*\b)"
    r"|提高|增加|增长|拿下|签订|签署|签字|推出|导入|降低|减少|缩短|扩大|赢得|实现|完成|获得|"
    r"达到|翻[一两]?番|翻倍|提升|开发|拜访|约定|试用|通过|确认|确定|安排|同意|列入|纳入|邀请|"
    r"请|让|参观|会面|见面|认证|下单|介绍|展示|演示"
)
#: Verbs that describe the visit itself: the means of an objective, not its result (S).
MEANS_PATTERN = re.compile(r"(?i:\b(?:visit|meet|call\s+on|see)\w*\b)|拜访|走访|见面")
#: Vague wording that sounds like action but commits to nothing (S).
VAGUE_PATTERN = re.compile(
    r"(?i:\b(?:improve|strengthen|build|deepen|maintain)\s+(?:the\s+|our\s+|a\s+)?(?:good\s+)?"
    r"(?:relationships?|cooperation|communication|contact)\b|\bdo\s+better\b"
    r"|\bwork\s+harder\b|\bbe\s+the\s+best\b|\bmake\s+sure\b|\btry\s+to\b"
    r"|\bas\s+soon\s+as\s+possible\b|\b(?:keep|stay)\s+in\s+touch\b|\bdiscuss\b"
    r"|\btalk\s+(?:to|with|about)\b|\bcommunicate\b|\bfollow\s+up\b|\bget\s+to\s+know\b"
    r"|\bbuild\s+rapport\b|\bcatch\s+up\b|\bhave\s+(?:lunch|dinner|a\s+coffee)\b|\bintroduce\s+ourselves\b"
    r"|\bpresent\s+(?:our|the)\s+company\b)"
    r"|加强|提升关系|改善关系|搞好|做好|做得更好|维护好|尽量|尽力|争取|尽快|保持.{0,8}?联系|"
    r"联络感情|沟通|交流(?!会)|讨论|跟进|了解|展示公司|吃饭|喝茶|聊天|拉近关系"
)

# --------------------------------------------------------- advances (Rackham 1988) for M, R

#: Verbs by which a customer commits to a next step.
ADVANCE_VERB_PATTERN = re.compile(
    r"(?i:\b(?:agree\w*|sign\w*|obtain\w*|get|gets|getting|got|arrange\w*|book\w*|approv\w*|"
    r"secur\w*|schedul\w*|invit\w*|run|confirm\w*|accept\w*|place\w*|ask\w*|request\w*)\b)"
    r"|约定|同意|确认|签订|签署|签字|签|安排|获得|取得|拿到|请|让|邀请|通过|完成|列入|纳入"
)
_CAUSATIVES = frozenset({"让", "请"})
#: What the customer commits to: a trial, an order, an approval, a meeting, a document.
COMMITMENT_PATTERN = re.compile(
    r"(?i:\b(?:(?:line|plant|field|product)\s+)?trials?\b|\btests?\b(?!\s+results?)"
    r"|\btesting\b|\bsamples?\b|\b(?:purchase|test|trial)\s+orders?\b|\border\s+of\b"
    r"|\bcontracts?\b|\bagreements?\b|\bapprov\w+|\bsign(?:ed)?[- ]off\b|\bmeetings?\b"
    r"|\bvisit\s+(?:our|to\s+our)\b|\b(?:joint|plant|site|lab)\s+visits?\b|\binspections?\b"
    r"|\baudits?\b|\bqualif\w+|\blist(?:ed|ing)\b|\bspecif\w+|\bpayment\s+plan\b"
    r"|\bframework\b|\bpilot\b|\bcopy\s+of\b|\bforecasts?\b|\bdrawings?\b)"
    r"|试用|试验|测试|试样|样品|样板线|订单|合同|协议|认证|审核|会面|会议|现场会|参观|检查|"
    r"名录|招标|还款计划|付款计划|签字|交流会|研讨会|座谈会|诊断|到现场|订单量"
)
#: Steps that are commitments in themselves (a qualification, a trial, a signature).
SELF_ADVANCE_PATTERN = re.compile(
    r"(?i:\bqualif\w+|\b(?:line|plant|field)\s+trials?\b|\btest\s+orders?\b)"
    r"|试用|试验|试样|签订|签署|签字|认证"
)
#: Objectives that find out a fact: checkable, but no commitment from the customer.
INFORMATION_PATTERN = re.compile(
    r"(?i:\b(?:find\s+out|identify|establish|learn|confirm)\b.{0,40}?"
    r"\b(?:who|which|whether|how\s+(?:much|many)|when|what)\b)"
    r"|(?:确定|弄清|查明|搞清).{0,20}?(?:谁|哪|是否|多少|什么)"
)

# --------------------------------------------------------------------------- R: relevance

#: Business outcomes that make a goal relevant when no strategy is given (R).
OUTCOME_PATTERN = re.compile(
    r"(?i:\b(?:revenue|sales|turnover|share|margin|profit|orders?|volume|tonnes|contracts?|"
    r"agreement|costs?|prices?|complaints?|satisf\w*|deliver(?:y|ies)|lead\s+time|payment|"
    r"receivables|spend|business|(?:preferred|sole|main)\s+supplier|move\b.{0,40}?\bto\s+us|"
    r"penetration|tenders?|bids?|buy|purchases?|new\s+(?:accounts?|customers?))\b)"
    r"|销售额|销量|营业额|份额|利润|毛利|订单|合同|协议|成本|价格|投诉|满意度|回款|付款|账期|"
    r"交货|交期|渗透率|新客户|招标|采购(?!经理|总监|主管|部|员)"
)

#: Concepts folded to one label before goal and strategy are compared (R); the labels are
#: shown to the learner.
CONCEPT_SYNONYMS = {
    N_("penetration"): r"(?i:penetrat\w*)|渗透",
    N_("share"): r"(?i:\bshare\b|share\s+of\s+wallet)|份额|占有率",
    N_("new product"): r"(?i:new\s+products?|\blaunch\w*|\bintroduc\w*)|新产品|新型|推出|导入",
    N_("new market"): (
        r"(?i:new\s+(?:markets?|segments?|industr\w+)|\benter\w*)|新市场|市场延伸|进入"
    ),
    N_("product development"): r"(?i:product\s+development)|产品开发",
    N_("diversification"): r"(?i:diversif\w*)|多元化",
    N_("revenue"): r"(?i:\brevenue|\bsales\b|turnover)|销售额|营业额|收入",
    N_("volume"): r"(?i:\bvolume|\btonnes?\b|\bquantit\w+)|销量|用量|吨",
    N_("margin"): r"(?i:\bmargin|\bprofit\w*)|毛利|利润",
    N_("price"): r"(?i:\bpric\w*)|价格|售价",
    N_("cost"): r"(?i:\bcosts?\b)|成本",
    N_("service"): r"(?i:\bservice|\bdelivery|lead\s+time)|服务|交货|交期",
    N_("coatings"): r"(?i:\bcoating|\bpaint|\bprimer|\bvarnish)|涂料|底漆|面漆|油漆|清漆",
    N_("adhesives"): r"(?i:\badhesive|\bglue)|胶粘剂|粘合剂|胶水|热熔胶|结构胶",
    N_("sealants"): r"(?i:\bsealant)|密封胶",
    N_("trial"): r"(?i:\btrial|\bqualif\w*)|试用|试验|认证",
    N_("automotive"): r"(?i:\bauto\w*|\bcars?\b|\bvehicles?\b)|汽车|整车",
    N_("electronics"): r"(?i:\belectronic\w*)|电子",
    N_("battery"): r"(?i:\bbattery|\bbatteries)|电池",
    N_("wind energy"): r"(?i:\bwind\b)|风电|风能|叶片",
    N_("shipbuilding"): r"(?i:\bship\w*|\bmarine\b|\bshipyards?)|船舶|造船|船厂",
    N_("home appliances"): r"(?i:\bappliances?)|家电|电器",
    N_("East China"): r"(?i:\beast\s+china\b)|华东",
}
#: Kinds of product: when goal and strategy both name kinds, they must share one (a powder
#: coating goal does not serve a waterborne coating strategy, though both are coatings).
PRODUCT_KINDS = {
    N_("powder coatings"): r"(?i:\bpowder)|粉末",
    N_("waterborne coatings"): r"(?i:\bwaterborne|\bwater-based)|水性",
    N_("antifouling coatings"): r"(?i:\bantifouling|\banti-fouling)|防污",
    N_("anticorrosion coatings"): r"(?i:\banti-?corrosion)|防腐",
    N_("wood coatings"): r"(?i:\bwood)|木器",
    N_("automotive primer"): r"(?i:\bautomotive\s+primer)|汽车底漆",
    N_("PU adhesives"): r"(?i:\bPU\b|\bpolyurethane)|聚氨酯",
    N_("silicone sealants"): r"(?i:\bsilicone)|有机硅",
    N_("potting compounds"): r"(?i:\bpotting)|灌封",
    N_("hot-melt adhesives"): r"(?i:\bhot-?melt)|热熔",
}
#: The product families a kind belongs to: shared only when no kind decides.
PRODUCT_FAMILIES = (N_("coatings"), N_("adhesives"), N_("sealants"))
_CONCEPTS = {key: re.compile(pattern) for key, pattern in CONCEPT_SYNONYMS.items()}
_KINDS = {key: re.compile(pattern) for key, pattern in PRODUCT_KINDS.items()}
#: Words too common in goals and strategies to show that they are related.
EN_STOPWORDS = frozenset(
    """a an and are as at be by for from in into of on our the their to with we will more
    new existing key account accounts customer customers market markets all each every per
    increase raise grow win get make sell reach this next year month quarter its it than
    before after within during until end""".split()
)
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z-]{2,}")
_COMPANY_SUFFIX = re.compile(r"(?:有限公司|股份公司|公司|集团|厂)$")

# --------------------------------------------------------------------------- hints

#: The default hint of each letter, shown when no more precise one applies.
HINTS = {
    "S": N_(
        "Name who or what and say what will happen, e.g. 'increase coatings revenue at "
        "AC017' or 'agree a line trial with AC060's plant manager'."
    ),
    "M": N_(
        "Add a number (how much, how many), e.g. +15% revenue, RMB 2 million, 3 plants; for "
        "a visit, name the commitment you will ask for (a trial on one line, a test order of "
        "2 t, a signed sample approval), so that afterwards you can say yes or no."
    ),
    "A": N_(
        "Set a stretch that can be reached: above today's level but at most +{limit:g}% in a "
        "year, and no absolutes such as 100% share."
    ),
    "R": N_(
        "Tie the goal to your strategy or to a business result, e.g. revenue, share, margin, "
        "orders; for a visit, make it an advance: an action the customer commits to."
    ),
    "T": N_(
        "Add a deadline or rhythm, e.g. 'by 31 March 2026', 'within six months', "
        "'2026年第三季度末前', or the visit at which it happens ('at the visit on 12 January')."
    ),
}


@dataclass(frozen=True)
class LetterVerdict:
    """The verdict on one SMART letter: passed or not, why, and how to fix it ("" if passed)."""

    letter: str
    passed: bool
    reason: str
    hint: str = ""


@dataclass(frozen=True)
class SmartReport:
    """The SMART check of one goal: a :class:`LetterVerdict` per letter S, M, A, R, T.

    ``advance``: the words that make the goal an advance (a step the customer commits to),
    "" when it is none.
    """

    text: str
    letters: Mapping[str, LetterVerdict]
    advance: str = ""

    @property
    def passed(self) -> bool:
        """True when every letter passes."""
        return all(verdict.passed for verdict in self.letters.values())

    @property
    def score(self) -> int:
        """How many letters pass, 0 to 5."""
        return sum(verdict.passed for verdict in self.letters.values())

    def to_frame(self) -> pd.DataFrame:
        """One row per letter: letter, name, name_zh, passed, reason, hint."""
        return pd.DataFrame(
            {
                "letter": list(self.letters),
                "name": [LETTER_NAMES[k][0] for k in self.letters],
                "name_zh": [LETTER_NAMES[k][1] for k in self.letters],
                "passed": [v.passed for v in self.letters.values()],
                "reason": [v.reason for v in self.letters.values()],
                "hint": [v.hint for v in self.letters.values()],
            }
        )

    def __str__(self) -> str:
        lines = [_("SMART check of {text!r}: {score}/5").format(text=self.text, score=self.score)]
        for key, verdict in self.letters.items():
            en, zh = LETTER_NAMES[key]
            name = both(en, zh)
            mark = "✓" if verdict.passed else "✗"
            lines.append(f"  {mark} {key} {name}: {verdict.reason}")
            if verdict.hint:
                lines.append(f"      → {verdict.hint}")
        return "\n".join(lines)


def _passed(letter: str, reason: str) -> LetterVerdict:
    return LetterVerdict(letter, True, reason, "")


def _failed(letter: str, reason: str, hint: str | None = None) -> LetterVerdict:
    """A failed letter; its hint says how to fix it (the letter's default hint if not given)."""
    if hint is None:
        hint = _(HINTS[letter]).format(limit=settings.current().plausible_change_pct)
    return LetterVerdict(letter, False, reason, hint)


# --------------------------------------------------------------------------- numbers


def _chinese_number(text: str) -> float:
    """Read a Chinese numeral such as 十, 二十五, 两百, 三千五百, 两百万."""
    digits = {c: float(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0.0, "两": 2.0}
    units = {"十": 10.0, "百": 100.0, "千": 1000.0}
    total, section, number = 0.0, 0.0, 0.0
    for char in text:
        if char in digits:
            number = digits[char]
        elif char in units:
            section += (number or 1.0) * units[char]
            number = 0.0
        elif char in ("万", "亿"):
            total += (section + number) * (1e4 if char == "万" else 1e8)
            section, number = 0.0, 0.0
    return total + section + number


def _grouped(head: str, groups: list[str]) -> bool:
    """Whether ``head`` and ``groups`` are thousands groups: 1–3 digits, then 3 each."""
    return 1 <= len(head) <= 3 and all(len(group) == 3 for group in groups)


def _western_number(token: str) -> float | None:
    """Read digits with separators: 1,200,000 / 1.200.000 / 1.200,50 / 1,5; None if unclear."""
    if "." in token and "," in token:
        decimal = "." if token.rfind(".") > token.rfind(",") else ","
        whole, fraction = token.rsplit(decimal, 1)
        head, *groups = whole.split("," if decimal == "." else ".")
        if not _grouped(head, groups):
            return None
        return float(f"{''.join([head, *groups])}.{fraction}")
    for separator in (",", "."):
        if separator in token:
            head, *groups = token.split(separator)
            if _grouped(head, groups) and (separator == "," or len(groups) > 1):
                return float("".join([head, *groups]))
            if len(groups) == 1:  # 1,5 or 1.5: a decimal mark
                return float(f"{head}.{groups[0]}")
            return None
    return float(token)


def _number(token: str) -> float | None:
    """A number token as a float; None when it cannot be read or is beyond any plan."""
    value = (
        _western_number(token) if token[:1].isdigit() else _chinese_number(token)
    )
    if value is None or not math.isfinite(value) or value > _LARGEST_AMOUNT:
        return None
    return value


def _money_amounts(text: str) -> list[float]:
    """Money amounts stated in ``text``, in yuan, in order of appearance."""
    amounts = []
    for match in MONEY_PATTERN.finditer(text):
        groups = match.groupdict()
        token = groups["en1"] or groups["en2"] or groups["zh"] or groups["zh2"]
        scale = groups["s1"] or groups["s2"] or groups["zs"] or groups["zs2"] or ""
        value = _number(token)
        if value is not None and value * _SCALES.get(scale.lower(), 1.0) <= _LARGEST_AMOUNT:
            amounts.append(value * _SCALES.get(scale.lower(), 1.0))
    return amounts


def _percentages(text: str) -> list[tuple[str, float]]:
    """Each percentage as (role, value): role 'start', 'level' or 'change' from the words before."""
    found = []
    for match in PERCENT_PATTERN.finditer(text):
        value = _number(match.group("num") or match.group("cn"))
        if value is None:
            continue
        before = text[max(0, match.start() - 12) : match.start()]
        role = (
            "start"
            if START_MARKER.search(before)
            else "level"
            if LEVEL_MARKER.search(before)
            else "change"
        )
        found.append((role, value))
    return found


def _multiplier_change(text: str) -> float | None:
    for times in _TIMES_PATTERN.finditer(text):
        value = _number(times.group("n"))
        if value is not None:
            return (value - 1.0) * 100.0
    for pattern, change in MULTIPLIERS.items():
        if re.search(pattern, text):
            return change
    return None


# --------------------------------------------------------------------------- advances


def _advance(text: str) -> str:
    """The words that make ``text`` an advance (a commitment of the customer), "" if none."""
    step = SELF_ADVANCE_PATTERN.search(text)
    if step:
        return step.group(0)
    verbs = list(ADVANCE_VERB_PATTERN.finditer(text))
    # a verb of its own (通过, agree) says more than a causative (让, 请: "have them …")
    verb = next((v for v in verbs if v.group(0) not in _CAUSATIVES), verbs[0] if verbs else None)
    commitment = COMMITMENT_PATTERN.search(text)
    if verb and commitment:
        first, second = sorted((verb, commitment), key=lambda m: m.start())
        return f"{first.group(0)} … {second.group(0)}"
    return ""


@dataclass(frozen=True)
class AdvanceVerdict:
    """Whether a call objective is an advance (Rackham 1988) and what to do if it is not.

    ``kind``: "advance" (the customer commits to a step that moves the sale), "information"
    (a fact to find out: useful, but no commitment) or "continuation" (the sale goes on, but
    nothing moves). ``words``: what decided it ("" if nothing was found).
    """

    text: str
    kind: str
    words: str
    reason: str
    hint: str

    @property
    def is_advance(self) -> bool:
        """True when the objective is an advance."""
        return self.kind == "advance"


ADVANCE_KINDS = ("advance", "information", "continuation")
#: The course's model visit objective: an advance that meets all five SMART letters.
MODEL_VISIT_OBJECTIVE = N_("Agree a line trial of our waterborne primer on one paint line by "
                           "31 March 2026")


def judge_advance(text: str) -> AdvanceVerdict:
    """Judge a call (visit) objective: an advance, a fact to find out, or a continuation.

    Rackham (1988, *SPIN Selling*) found that in large sales a call succeeds when it ends
    in an **advance**: an action the customer agrees to that moves the sale forward (a line
    trial, a test order, a meeting with the decider, a signed approval). A friendly call
    that ends with "come back next month" is a **continuation**. The rule looks for a
    commitment verb (agree, sign, get … to, 约定, 同意, 通过) with what is committed to
    (a trial, an order, an approval, 试用, 订单, 认证).

    Parameters
    ----------
    text : str
        The objective, English or Chinese.

    Returns
    -------
    AdvanceVerdict

    Raises
    ------
    KamValueError
        If ``text`` is not a non-empty str.

    Examples
    --------
    >>> judge_advance("Agree a line trial of our waterborne primer by 31 March 2026").kind
    'advance'
    >>> judge_advance("保持与采购经理的联系").kind
    'continuation'
    """
    text = check_text("text", text)
    reading = _normalise(text)
    words = _advance(reading)
    if words:
        return AdvanceVerdict(
            text,
            "advance",
            words,
            _("an advance ({words}): the customer commits to a step that moves the sale").format(
                words=words
            ),
            "",
        )
    information = INFORMATION_PATTERN.search(reading)
    if information:
        return AdvanceVerdict(
            text,
            "information",
            information.group(0),
            _("finds out a fact ({words}); the customer commits to nothing").format(
                words=information.group(0)
            ),
            _(
                "Keep the question for the call, and aim the objective at a step the customer "
                "takes: e.g. 'get the decider to agree to a meeting on the trial results'."
            ),
        )
    vague = VAGUE_PATTERN.search(reading)
    why = (
        _("a continuation: {words!r} commits the customer to nothing").format(
            words=vague.group(0)
        )
        if vague
        else _("a continuation: no step the customer commits to (a trial, an order, an approval)")
    )
    return AdvanceVerdict(
        text,
        "continuation",
        vague.group(0) if vague else "",
        why,
        _(
            "Write the action the customer should agree to at this call: a line trial, a test "
            "order, a meeting with the decider, a signed sample approval (试用, 试订单, 会面, "
            "签字确认)."
        ),
    )


# --------------------------------------------------------------------------- the letters


def _targets(text: str) -> list[str]:
    """Who or what the goal names: accounts, quoted names, companies, groups, people, products."""
    capitalised = [
        word
        for word in CAPITALISED_PATTERN.findall(TIME_PATTERN.sub(" ", text))
        if word not in COMMON_CAPITALS
    ]
    found = (
        ACCOUNT_ID_PATTERN.findall(text)
        + QUOTED_PATTERN.findall(text)
        + CN_COMPANY_PATTERN.findall(text)
        + CUSTOMER_GROUP_PATTERN.findall(text)
        + [m.group(0) for m in CUSTOMER_PERSON_PATTERN.finditer(text)]
        + capitalised
        + PRODUCT_PATTERN.findall(text)
    )
    return list(dict.fromkeys(found))


def _specific(text: str, advance: str) -> LetterVerdict:
    vague = VAGUE_PATTERN.findall(text)
    cleaned = VAGUE_PATTERN.sub(" ", text)
    actions = [m.group(0) for m in ACTION_PATTERN.finditer(cleaned)]
    targets = _targets(text)
    only_visits = bool(actions) and all(MEANS_PATTERN.fullmatch(a) for a in actions)
    if targets and actions and not (only_visits and not advance):
        action = next((a for a in actions if not MEANS_PATTERN.fullmatch(a)), actions[0])
        return _passed(
            "S", _("names {targets}; action '{action}'").format(
                targets=_(", ").join(targets), action=action
            ),
        )
    if targets and only_visits:
        return _failed(
            "S",
            _("a visit ('{action}') is the means, not the objective").format(action=actions[0]),
            _(
                "Say what should come out of the visit: what the customer will agree to or "
                "what will change, e.g. 'agree a line trial at {target}'."
            ).format(target=targets[0]),
        )
    problems, fixes = [], []
    if not targets:
        problems.append(_("names no account, customer, person or product"))
        fixes.append(
            _("name who or what: an account (AC060), a company, a person there (their plant "
              "manager) or a product (waterborne primer)")
        )
    if not actions:
        problems.append(
            _("vague wording {words} instead of an action").format(
                words=_(", ").join(repr(v) for v in vague)
            )
            if vague
            else _("states no action verb")
        )
        fixes.append(
            _("replace {words} with what will happen, e.g. 'agree a line trial', 'increase "
              "revenue by 10%'").format(words=_(", ").join(repr(v) for v in vague))
            if vague
            else _("say what will happen with a verb: increase, sign, agree, 提高, 签订, 约定")
        )
    fix = join_list(fixes)
    return _failed("S", join_list(problems), fix[:1].upper() + fix[1:] + ".")


def _measurable(text: str, advance: str = "") -> LetterVerdict:
    cleaned = IDENTIFIER_PATTERN.sub(" ", TIME_PATTERN.sub(" ", text))
    quantities = [q.strip() for q in MEASURE_PATTERN.findall(cleaned)]
    if quantities:
        return _passed(
            "M",
            _("states a quantity ({quantities})").format(
                quantities=_(", ").join(dict.fromkeys(quantities))
            ),
        )
    if advance:
        return _passed(
            "M",
            _("a commitment that can be checked afterwards ({words})").format(words=advance),
        )
    information = INFORMATION_PATTERN.search(text)
    if information:
        return _passed(
            "M",
            _("a question with a checkable answer ({words})").format(words=information.group(0)),
        )
    return _failed("M", _("no number, amount, percentage or commitment besides dates"))


def _improvement(
    text: str, baseline: float | None, target: float | None = None
) -> tuple[float, str] | None:
    """The improvement the goal claims, in per cent, and how it was read; None if not stated.

    With a baseline, the target (given, or the last amount or "to X%" level in the text) is
    compared with it; a reduction goal (reduce, cut, 降低…) counts a fall as the improvement.
    Of several stated changes ("by 10% in H1 and by 30% by Q4") the last counts: like an
    amount, the target is usually stated last, after the steps towards it.
    """
    sign = -1.0 if REDUCE_PATTERN.search(text) else 1.0
    percents = _percentages(text)
    if baseline is not None:
        targets = (
            [target]
            if target is not None
            else (_money_amounts(text) or [v for role, v in percents if role == "level"])
        )
        if targets:
            change = (targets[-1] / baseline - 1.0) * 100.0
            return sign * change, _("target {target:,.0f} against baseline {baseline:,.0f}").format(
                target=targets[-1], baseline=baseline
            )
    changes = [v for role, v in percents if role == "change"]
    if changes:
        return changes[-1], _("a stated change of {change:g}%").format(change=changes[-1])
    multiplier = _multiplier_change(text)
    if multiplier is not None:
        return multiplier, _("a stated multiple")
    return None


def _achievable(
    text: str, baseline: float | None, target: float | None = None, advance: str = ""
) -> LetterVerdict:
    absolute = ABSOLUTE_PATTERN.search(text)
    if absolute:
        return _failed(
            "A",
            _("{words!r} is an absolute, hardly ever reached").format(words=absolute.group(0)),
            _("Replace {words!r} with a level you can reach and check, e.g. a share of 40% or "
              "complaints halved.").format(words=absolute.group(0)),
        )
    first, leap = FIRST_MEETING_PATTERN.search(text), LEAP_PATTERN.search(text)
    if first and leap:
        return _failed(
            "A",
            _("{leap!r} at {first!r} is a leap, not a step: a first meeting rarely ends in "
              "the whole business").format(leap=leap.group(0), first=first.group(0)),
            _("Aim for the next step the customer can take now: a meeting with the decider, a "
              "sample test or a line trial; the contract comes later."),
        )
    claimed = _improvement(text, baseline, target)
    limit = settings.current().plausible_change_pct
    if claimed is None:
        if advance:
            note = _("an advance: one step the customer can take (check it fits the stage of "
                     "the relationship)")
        elif baseline is None:
            note = _("could not check without a baseline (no absolute found)")
        else:
            note = _("no target in money or per cent to compare with the baseline")
        return _passed("A", note)
    change, source = claimed
    if change > limit:
        fix = (
            _("Aim at most +{limit:g}%: from {baseline:,.0f} that is a target of at most "
              "{ceiling:,.0f}, or give the plan more than a year.").format(
                limit=limit, baseline=baseline, ceiling=baseline * (1 + limit / 100)
            )
            if baseline is not None
            else _("Aim at most +{limit:g}% in a year, or give the plan more time.").format(
                limit=limit
            )
        )
        return _failed(
            "A",
            _("{source}: {change:+.0f}% is above the plausible {limit:+.0f}%").format(
                source=source, change=change, limit=limit
            ),
            fix,
        )
    if change <= 0:
        return _failed(
            "A",
            _("{source}: {change:+.0f}% is no improvement (too easy)").format(
                source=source, change=change
            ),
            _("Set the target beyond today's level (below it for a reduction goal), by up to "
              "+{limit:g}% in a year.").format(limit=limit),
        )
    note = "" if baseline is not None else _(" (no baseline: only the stated change was checked)")
    return _passed(
        "A", _("{source}: {change:+.0f}% is within reach").format(source=source, change=change)
        + note
    )


def _check_baseline(field: str, value: Any) -> float:
    check_number(field, value)
    if value <= 0:
        raise fail(field, value, _("a number above 0 (today's value of the measure)"))
    return float(value)


def _terms(text: str) -> set[str]:
    """Concepts, English content words, Chinese words and company names of ``text`` (for R)."""
    text = IDENTIFIER_PATTERN.sub(" ", TIME_PATTERN.sub(" ", text))
    concepts = {key for key, pattern in (_CONCEPTS | _KINDS).items() if pattern.search(text)}
    stop = {w.rstrip("s") for w in EN_STOPWORDS}
    covered = [pattern for key, pattern in (_CONCEPTS | _KINDS).items() if key in concepts]
    words = {
        w.lower().rstrip("s")
        for w in _EN_WORD.findall(text)
        if not any(pattern.search(w) for pattern in covered)  # shown by its concept instead
    } - stop
    companies = {_COMPANY_SUFFIX.sub("", name) for name in CN_COMPANY_PATTERN.findall(text)}
    return concepts | words | content_words(text) | companies


def _family_words(text: str) -> set[str]:
    """The words of ``text`` that only name a product family (coating, 涂料)."""
    families = "|".join(CONCEPT_SYNONYMS[family] for family in PRODUCT_FAMILIES)
    return {
        word.lower().rstrip("s") if word.isascii() else word
        for word in re.findall(families, text)
    } | {"coating", "paint", "adhesive", "sealant"}


def _relevant(text: str, strategy: str | None, advance: str) -> LetterVerdict:
    if strategy is None:
        if advance:
            return _passed(
                "R",
                _("an advance ({words}): the customer commits to a step that moves the "
                  "sale").format(words=advance),
            )
        information = INFORMATION_PATTERN.search(text)
        outcome = None if information else OUTCOME_PATTERN.search(text)
        if outcome:
            return _passed(
                "R",
                _("names a business outcome ({outcome}); no strategy given to compare "
                  "with").format(outcome=outcome.group(0)),
            )
        verdict = judge_advance(text)
        return _failed(
            "R",
            _("names no business outcome and is no advance: {why}").format(why=verdict.reason),
            _("Tie it to a business result (revenue, share, margin, orders) or, for a visit, "
              "make it an advance: an action the customer commits to, e.g. a line trial."),
        )
    strategy_terms, goal_terms = _terms(strategy), _terms(text)
    shared_terms = goal_terms & strategy_terms
    if strategy_terms & set(PRODUCT_KINDS) and goal_terms & set(PRODUCT_KINDS):
        shared_terms -= set(PRODUCT_FAMILIES) | _family_words(text) | _family_words(strategy)
    shared = sorted(shared_terms)
    if shared:
        return _passed(
            "R",
            _("shares with the strategy: {terms}").format(
                terms=_(", ").join(_(term) if term in _CONCEPTS | _KINDS else term
                                   for term in shared)
            ),
        )
    offered = sorted(strategy_terms)[:4]
    return _failed(
        "R",
        _("shares no term with the strategy"),
        _("Use the strategy's own terms to show the goal serves it, e.g. {terms}.").format(
            terms=_(", ").join(_(t) if t in _CONCEPTS | _KINDS else t for t in offered)
        )
        if offered
        else None,
    )


def _time_bound(text: str) -> LetterVerdict:
    found = [m.group(0).strip() for m in TIME_PATTERN.finditer(text)]
    if found:
        return _passed(
            "T", _("deadline or rhythm: {found}").format(found=_(", ").join(dict.fromkeys(found)))
        )
    return _failed("T", _("no date, deadline or period"))


def check_smart(
    text: str, strategy: str | None = None, baseline: float | None = None
) -> SmartReport:
    """Check one goal or visit objective against SMART: a verdict, reason and hint per letter.

    Parameters
    ----------
    text : str
        The goal, English or Chinese (full-width digits and Chinese numerals are read).
    strategy : str, optional
        The strategy the goal should serve; R then asks for shared terms.
    baseline : float, optional
        Today's value of the goal's measure, in the goal's unit (yuan for money, per cent for
        a share). A then compares the target with it: it fails a target at or below it (above
        it for a reduction goal) or above the course's ``plausible_change_pct`` in a year.

    Returns
    -------
    SmartReport
        ``.letters`` holds a :class:`LetterVerdict` per letter; a failed letter always has a
        hint that says how to fix it. ``.advance`` names the commitment of a visit objective.

    Raises
    ------
    KamValueError
        If ``text`` or ``strategy`` is not non-empty text, or ``baseline`` is not a number
        above 0.

    Examples
    --------
    >>> report = check_smart("Agree a line trial of our waterborne primer on one paint line "
    ...                      "by 31 March 2026")
    >>> report.score
    5
    >>> check_smart("加强与客户的关系").score
    1
    """
    text = check_text("text", text)
    if strategy is not None:
        strategy = _normalise(check_text("strategy", strategy))
    if baseline is not None:
        baseline = _check_baseline("baseline", baseline)
    reading = _normalise(text)
    advance = _advance(reading)
    verdicts = (
        _specific(reading, advance),
        _measurable(reading, advance),
        _achievable(reading, baseline, advance=advance),
        _relevant(reading, strategy, advance),
        _time_bound(reading),
    )
    return SmartReport(text, {v.letter: v for v in verdicts}, advance)


#: The columns of a table of statements with a trainer's verdicts (see :func:`coach_agreement`).
STATEMENT_COLUMNS = ("text", "strategy", "baseline", *LETTERS)


def coach_agreement(statements: pd.DataFrame) -> pd.DataFrame:
    """Compare the coach with a trainer's own verdicts, letter by letter.

    An instructor who doubts the coach writes goals and visit objectives with the verdict
    they would give per letter, and sees where the coach agrees.

    Parameters
    ----------
    statements : pandas.DataFrame
        One row per statement: ``text``, ``strategy`` ("" or missing for none), ``baseline``
        ("" or missing for none) and a column per letter S, M, A, R, T holding 1 (passes) or
        0 (fails). Other columns (e.g. ``lang``, ``kind``) are carried into the result.

    Returns
    -------
    pandas.DataFrame
        One row per statement and letter: the carried columns, ``letter``, ``expected``,
        ``verdict`` (the coach's), ``agrees`` and the coach's ``reason``.

    Raises
    ------
    KamValueError
        If a column is missing, a verdict is not 0 or 1, or a statement is not valid input
        of :func:`check_smart`.

    Examples
    --------
    >>> table = pd.DataFrame({"text": ["Improve relationship with customers"], "strategy": [""],
    ...                       "baseline": [""], "S": [0], "M": [0], "A": [1], "R": [0], "T": [0]})
    >>> bool(coach_agreement(table)["agrees"].all())
    True
    """
    check_frame("statements", statements, list(STATEMENT_COLUMNS))
    carried = [c for c in statements.columns if c not in STATEMENT_COLUMNS]
    rows = []
    for number, row in enumerate(statements.to_dict("records")):
        strategy = row["strategy"]
        baseline = row["baseline"]
        report = check_smart(
            row["text"],
            strategy=None if pd.isna(strategy) or strategy == "" else strategy,
            baseline=None if pd.isna(baseline) or baseline == "" else float(baseline),
        )
        for letter in LETTERS:
            expected = check_choice(
                f"statements[{number}].{letter}", str(row[letter]).strip(), ("0", "1")
            )
            verdict = report.letters[letter]
            rows.append(
                {key: row[key] for key in carried}
                | {
                    "text": row["text"],
                    "letter": letter,
                    "expected": expected == "1",
                    "verdict": verdict.passed,
                    "agrees": verdict.passed == (expected == "1"),
                    "reason": verdict.reason,
                }
            )
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- objectives

#: Kinds of objective the handout lists (L2.11), with the Chinese term.
OBJECTIVE_KINDS = {
    "profit": "利润率",
    "market share": "市场份额",
    "revenue": "销售额",
    "risk": "风险",
    "innovation": "创新",
    "brand": "品牌与声誉",
}
OBJECTIVE_RULES = {
    "several": N_("several, not one (多个目标)"),
    "ranked": N_("ranked and layered (分轻重缓急、分层次)"),
    "quantifiable": N_("quantifiable (可量化)"),
    "realistic": N_("realistic (现实性)"),
    "consistent": N_("consistent with each other (目标之间协调一致)"),
}
#: Measures whose direction the consistency rule compares.
MEASURE_TERMS = {
    "price": r"(?i:\bpric(?:e|es|ing)\b(?!-sensitive))|价格(?!敏感)|售价|单价",
    "volume": r"(?i:\bvolume|\btonnes?\b|\bquantit\w+)|销量|用量|产量",
    "cost": r"(?i:\bcosts?\b)|成本|费用",
    "market share": r"(?i:\bshare\b)|份额|占有率",
    "margin": r"(?i:\bmargins?\b)|毛利|利润率",
    "revenue": r"(?i:\brevenue|\bsales\b)|销售额",
    "inventory": r"(?i:\binventor\w+|\bstock\b)|库存",
}
#: The measures' names as shown (the keys above stay English).
MEASURE_NAMES = {"price": N_("price"), "volume": N_("volume"), "cost": N_("cost"),
                 "market share": N_("market share"), "margin": N_("margin"),
                 "revenue": N_("revenue"), "inventory": N_("inventory")}
UP_PATTERN = re.compile(
    r"(?i:\b(?:increase|raise|grow|lift|boost|expand|double|gain)\w*\b)"
    r"|提高|增加|增长|提升|扩大|上调|翻"
)
#: Pairs of moves that pull against each other, with the reason shown to the learner.
TRADE_OFFS = {
    frozenset({("price", "up"), ("volume", "up")}): N_("a higher price usually costs volume, "
    "above all in a price-sensitive segment"),
    frozenset({("price", "down"), ("margin", "up")}): N_("a lower price squeezes the margin"),
}
_OBJECTIVE_COLUMNS = ("text", "kind", "priority", "target", "baseline")


def _objectives_frame(objectives: Any) -> pd.DataFrame:
    """Validate objective records and return them as a DataFrame."""
    if isinstance(objectives, pd.DataFrame):
        frame = objectives.copy()
    elif (
        isinstance(objectives, Sequence)
        and not isinstance(objectives, str)
        and all(isinstance(record, Mapping) for record in objectives)
    ):
        frame = pd.DataFrame(list(objectives))
    else:
        raise fail("objectives", objectives, _("a list of records (dicts) or a DataFrame"))
    if frame.empty:
        raise fail("objectives", objectives, _("at least one objective record"))
    for column in ("text", "kind"):
        if column not in frame.columns:
            raise fail("objectives", list(frame.columns),
                _("records with a {column!r} field").format(column=column))
    unknown = sorted(set(frame.columns) - set(_OBJECTIVE_COLUMNS))
    if unknown:
        raise fail("objectives", unknown,
            _("only the fields {value}").format(value=', '.join(_OBJECTIVE_COLUMNS)))
    frame = frame.reindex(columns=list(_OBJECTIVE_COLUMNS))
    for row, record in enumerate(frame.itertuples(index=False)):
        check_text(f"objectives[{row}].text", record.text)
        check_choice(f"objectives[{row}].kind", record.kind, OBJECTIVE_KINDS)
        if not pd.isna(record.priority):
            check_number(f"objectives[{row}].priority", record.priority, minimum=1, integer=True)
        if not pd.isna(record.target):
            check_number(f"objectives[{row}].target", record.target, minimum=0)
        if not pd.isna(record.baseline):
            _check_baseline(f"objectives[{row}].baseline", record.baseline)
    return frame


def _moves(texts: pd.Series) -> pd.DataFrame:
    """(objective, measure, direction) for each measure an objective names."""
    falling, rising = texts.str.contains(REDUCE_PATTERN), texts.str.contains(UP_PATTERN)
    direction = pd.Series(np.select([falling, rising], ["down", "up"], ""), index=texts.index)
    named = pd.DataFrame({m: texts.str.contains(p) for m, p in MEASURE_TERMS.items()})
    moves = named.stack().loc[lambda s: s].reset_index()
    moves.columns = ["objective", "measure", "named"]
    moves["direction"] = direction.loc[moves["objective"]].to_numpy()
    return moves.loc[moves["direction"] != "", ["objective", "measure", "direction"]]


def _conflicts(texts: pd.Series) -> list[str]:
    moves = _moves(texts)
    pairs = moves.merge(moves, how="cross", suffixes=("_1", "_2"))
    pairs = pairs[pairs["objective_1"] < pairs["objective_2"]]
    found = []
    for pair in pairs.itertuples(index=False):
        first, second = (pair.measure_1, pair.direction_1), (pair.measure_2, pair.direction_2)
        if pair.measure_1 == pair.measure_2 and pair.direction_1 != pair.direction_2:
            why = (_("{measure} goes up in one and down in the other")
                   if pair.direction_1 == "up"
                   else _("{measure} goes down in one and up in the other")).format(
                measure=_(MEASURE_NAMES.get(pair.measure_1, pair.measure_1)))
        else:
            trade_off = TRADE_OFFS.get(frozenset({first, second}))
            why = _(trade_off) if trade_off else ""
        if why:
            found.append(_("objectives {first} and {second}: {why}").format(
                first=pair.objective_1 + 1, second=pair.objective_2 + 1, why=why))
    return list(dict.fromkeys(found))


def check_objectives(objectives: Any) -> pd.DataFrame:
    """Check a set of objectives against the five rules of objective setting (L2.11).

    ``objectives``: records (dicts or DataFrame rows) with ``text``, ``kind`` (one of
    :data:`OBJECTIVE_KINDS`), and optionally ``priority`` (1 = first), ``target`` and
    ``baseline`` (same unit). Returns one row per rule: rule, label, passed, reason.
    """
    frame = _objectives_frame(objectives).reset_index(drop=True)
    texts = frame["text"].astype(str)
    numbers = [f"{i + 1}" for i in frame.index]
    kinds = frame["kind"].unique()
    priorities = frame["priority"].dropna()

    known = frame[["target", "baseline"]].astype(float)
    targets = [None if pd.isna(v) else v for v in known["target"]]
    baselines = [None if pd.isna(v) else v for v in known["baseline"]]
    vague = [
        n
        for n, text, target in zip(numbers, texts, targets, strict=True)
        if target is None and not _measurable(text).passed
    ]
    achievable = [
        _achievable(text, baseline, target)
        for text, baseline, target in zip(texts, baselines, targets, strict=True)
    ]
    unrealistic = [
        f"{n} ({verdict.reason})"
        for n, verdict in zip(numbers, achievable, strict=True)
        if not verdict.passed
    ]
    conflicts = _conflicts(texts)

    results = [
        (
            "several",
            len(frame) >= 2 and len(kinds) >= 2,
            _("{n} objective(s) of {kinds} kind(s): {names}").format(
                n=len(frame), kinds=len(kinds), names=_(", ").join(
                    OBJECTIVE_KINDS.get(k, str(k)) if get_language() == "zh" else str(k)
                    for k in kinds)),
        ),
        (
            "ranked",
            len(priorities) == len(frame) and priorities.nunique() >= 2,
            _("{ranked} of {n} have a priority; {levels} distinct level(s)").format(
                ranked=len(priorities), n=len(frame), levels=priorities.nunique()),
        ),
        (
            "quantifiable",
            not vague,
            _("every objective has a target or a number")
            if not vague
            else _("no target or number in objective(s) {numbers}").format(
                numbers=_(", ").join(vague)),
        ),
        (
            "realistic",
            not unrealistic,
            _("no absolute, no change above {limit}%, no target below its baseline").format(
                limit=f"{settings.current().plausible_change_pct:+.0f}")
            if not unrealistic
            else _("not realistic: {objectives}").format(objectives=join_list(unrealistic)),
        ),
        (
            "consistent",
            not conflicts,
            _("no two objectives pull a measure in opposite directions")
            if not conflicts
            else join_list(conflicts),
        ),
    ]
    return pd.DataFrame(
        {
            "rule": [r[0] for r in results],
            "label": [_(OBJECTIVE_RULES[r[0]]) for r in results],
            "passed": [bool(r[1]) for r in results],
            "reason": [r[2] for r in results],
        }
    )
