"""SMART goal checking (L2.13) and the five rules for a set of objectives (L2.11).

A plan states its goals in words. :func:`check_smart` reads one goal, in English or Chinese,
and says for each letter of SMART whether it passes, why, and how to fix it:
Specific (具体的), Measurable (可度量的), Achievable (可达到的), Relevant (与策略相关) and
Time-bound (有时间限制的). It is rule-based (regular expressions kept in the constants below),
so every verdict can be explained to a learner; it is a coach, not a judge.

:func:`check_objectives` checks a whole set of objectives against the handout's five rules
of objective setting (目标的制定): several, ranked and layered, quantifiable, realistic,
consistent with each other.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kamlib import settings
from kamlib.validation import check_choice, check_number, check_text, fail

LETTERS = ("S", "M", "A", "R", "T")
LETTER_NAMES = {
    "S": ("Specific", "具体的"),
    "M": ("Measurable", "可度量的"),
    "A": ("Achievable", "可达到的"),
    "R": ("Relevant", "与策略相关"),
    "T": ("Time-bound", "有时间限制的"),
}


def plausible_change_pct() -> float:
    """Achievable rule: an improvement above this (per cent, for a one-year plan) is not
    plausible; the course settings' ``plausible_change_pct`` (:mod:`kamlib.settings`)."""
    return settings.current().plausible_change_pct


# Building blocks. ASCII tokens get their own boundaries because ``\b`` sees no boundary
# between a digit and a Chinese character ("2026年").
_B = r"(?<![A-Za-z0-9])"
_E = r"(?![A-Za-z0-9])"
_NUM = r"\d+(?:[.,]\d+)*"
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_CN_NUM = f"[{_CN_DIGITS}]+"
_EN_COUNT = (
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"eighteen|twenty-four|\d+)"
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"

#: Dates, deadlines, periods and rhythms: what makes a goal time-bound (T).
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
            # Chinese: 2027年6月底前 (year handled above), 6月底, 六个月内, 明年第三季度, 每月
            r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?(?:\s*\d{1,2}\s*[日号])?",
            rf"(?:\d+|{_CN_NUM})\s*个?\s*(?:月|季度|星期|周|年|天|日|工作日)\s*(?:内|之内|以内)",
            r"(?:今|明|后)年|(?:本|下|这)个?(?:月|季度|年度|周)|(?:上|下)半年",
            r"第?[一二三四1-4]季度|年底|年末|年内|月底|季末|季度末",
            r"每(?:天|日|周|星期|个?月|个?季度|季|年)",
        ]
    )
)

#: Account ids and product-line ids: names, not quantities (removed before looking for numbers).
IDENTIFIER_PATTERN = re.compile(rf"{_B}(?:AC|PL)\d+{_E}")

#: Quantities: what makes a goal measurable (M), once dates and ids are taken out.
MEASURE_PATTERN = re.compile(
    "|".join(
        [
            rf"{_NUM}\s*(?:%|％)?",
            r"(?i:\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            r"twenty|thirty|fifty|hundred|thousand|million|double|triple|half|dozen)\b)",
            rf"百分之|{_CN_NUM}\s*(?:个|家|倍|成|吨|次|项|款|位|名|件|元|万|亿|%|％)",
            r"翻(?:一|两)?番|翻倍|零(?:投诉|缺陷|事故|退货|差错)",
        ]
    )
)

#: Money amounts: ("RMB 2 million", "CNY 500k", "200万元", "两百万元", "1.5亿").
MONEY_PATTERN = re.compile(
    rf"(?i:(?:RMB|CNY|¥|yuan)\s*(?P<en1>{_NUM})\s*(?P<s1>million|mn|m|k|thousand|billion|bn)?{_E})"
    rf"|(?i:(?P<en2>{_NUM})\s*(?P<s2>million|mn|m|k|thousand|billion|bn)?\s*(?:RMB|CNY|yuan){_E})"
    rf"|(?P<zh>{_NUM}|{_CN_NUM})\s*(?P<zs>万|亿)?\s*元"
    rf"|(?P<zh2>{_NUM}|{_CN_NUM})\s*(?P<zs2>万|亿)"
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
    "亿": 1e8,
}

#: Percentages ("15%", "15 percent", "百分之十"); percentage points are not matched here.
PERCENT_PATTERN = re.compile(
    rf"(?P<num>{_NUM})\s*(?:%|％|(?i:percent|per\s+cent)(?![a-z]))"
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
_TIMES_PATTERN = re.compile(rf"(?P<n>{_NUM}|[{_CN_DIGITS}]{{1,3}})\s*倍")

#: Absolutes that are (almost) never achievable, checked with or without a baseline (A).
ABSOLUTE_PATTERN = re.compile(
    "|".join(
        [
            r"(?i:\b100\s*%\s*(?:of\s+(?:the\s+)?)?(?:market\s+)?share\b)",
            r"100\s*[%％]\s*的?\s*(?:市场)?份额|百分之百",
            r"(?i:\b(?:all|every)\s+(?:our\s+)?(?:customers?|accounts?|clients?)\b)",
            r"所有客户|全部客户|每个客户|每一个客户",
            r"(?i:\bzero\s+(?:complaints?|defects?|claims?)\b|\bto\s+zero\b)",
            r"零(?:投诉|缺陷|事故|退货|差错)",
            r"(?i:\b(?:double|triple)\w*\s+(?:\S+\s+){0,3}(?:every|each|per)\s+(?:month|week)\b)",
            r"每个?月(?:都)?(?:翻一?番|翻倍)",
        ]
    )
)

#: Goals that reduce something: the target must be below the baseline.
REDUCE_PATTERN = re.compile(
    r"(?i:\b(?:reduce|cut|lower|decrease|shorten|bring\s+down)\w*\b)"
    r"|降低|减少|缩短|压缩|下降|降到|降至"
)

#: Named targets for Specific (S): account ids, quoted names, Chinese company names, products.
ACCOUNT_ID_PATTERN = re.compile(rf"{_B}AC\d{{3}}{_E}")
QUOTED_PATTERN = re.compile(r"['\"“‘「『《]([^'\"”’」』》]{2,})['\"”’」』》]")
CN_COMPANY_PATTERN = re.compile(r"[\u4e00-\u9fff]{2,4}(?:有限公司|公司|集团|厂)")
PRODUCT_PATTERN = re.compile(
    r"(?i:\b(?:coatings?|paints?|adhesives?|sealants?|primers?|resins?|glues?|varnish)\b)"
    r"|涂料|油漆|胶粘剂|粘合剂|密封胶|底漆|树脂|胶水|清漆"
)
CAPITALISED_PATTERN = re.compile(
    r"(?<![.!?:]\s)(?<!^)\b[A-Z][A-Za-z0-9&-]*(?:\s[A-Z][A-Za-z0-9&-]*)*\b"
)
#: Capitalised words that name no account: currencies, periods, abbreviations of the trade.
COMMON_CAPITALS = frozenset(
    "I RMB CNY FY KAM KA Q1 Q2 Q3 Q4 H1 H2 PU ROI CRM SWOT SMART OEM B2B VIP".split()
)

#: Action verbs that say what will be done (S).
ACTION_PATTERN = re.compile(
    r"(?i:\b(?:increase|grow|raise|win|sign|launch|secure|reduce|cut|expand|introduce|reach|"
    r"double|triple|achieve|deliver|close|convert|qualify|gain|lift|boost|add|shorten|lower|"
    r"replace|renew|visit|sponsor|complete)\w*\b)"
    r"|提高|增加|增长|拿下|签订|签署|推出|导入|降低|减少|缩短|扩大|赢得|实现|完成|获得|达到|"
    r"翻一番|翻番|翻倍|提升|开发|拜访"
)
#: Vague wording that sounds like action but commits to nothing (S).
VAGUE_PATTERN = re.compile(
    r"(?i:\b(?:improve|strengthen|build|deepen|maintain)\s+(?:the\s+|our\s+)?"
    r"(?:relationships?|cooperation|communication)\b|\bdo\s+better\b|\bwork\s+harder\b"
    r"|\bbe\s+the\s+best\b|\bmake\s+sure\b|\btry\s+to\b|\bas\s+soon\s+as\s+possible\b)"
    r"|加强|提升关系|改善关系|搞好|做好|做得更好|维护好|尽量|尽力|争取|尽快"
)

#: Business outcomes that make a goal relevant when no strategy is given (R).
OUTCOME_PATTERN = re.compile(
    r"(?i:\b(?:revenue|sales|turnover|share|margin|profit|orders?|volume|tonnes|contracts?|"
    r"agreement|costs?|prices?|complaints?|satisf\w*|delivery|lead\s+time|payment|receivables|"
    r"penetration|new\s+(?:accounts?|customers?))\b)"
    r"|销售额|销量|营业额|份额|利润|毛利|订单|合同|协议|成本|价格|投诉|满意度|回款|付款|账期|"
    r"交货|交期|渗透率|新客户"
)

#: Synonyms folded to one concept before goal and strategy are compared (R).
CONCEPT_SYNONYMS = {
    "penetration": r"(?i:penetrat\w*)|渗透",
    "share": r"(?i:\bshare\b|share\s+of\s+wallet)|份额|占有率",
    "new product": r"(?i:new\s+products?|\blaunch\w*|\bintroduc\w*)|新产品|新型|推出|导入",
    "new market": r"(?i:new\s+(?:markets?|segments?|industr\w+)|\benter\w*)|新市场|市场延伸|进入",
    "product development": r"(?i:product\s+development)|产品开发",
    "diversification": r"(?i:diversif\w*)|多元化",
    "revenue": r"(?i:\brevenue|\bsales\b|turnover)|销售额|营业额|收入",
    "volume": r"(?i:\bvolume|\btonnes?\b|\bquantit\w+)|销量|用量|吨",
    "margin": r"(?i:\bmargin|\bprofit\w*)|毛利|利润",
    "price": r"(?i:\bpric\w*)|价格|售价",
    "cost": r"(?i:\bcosts?\b)|成本",
    "service": r"(?i:\bservice|\bdelivery|lead\s+time)|服务|交货|交期",
    "automotive": r"(?i:\bauto\w*|\bcars?\b|\bvehicles?\b)|汽车|整车",
    "electronics": r"(?i:\belectronic\w*)|电子",
    "battery": r"(?i:\bbattery|\bbatteries)|电池",
}
_CONCEPTS = {key: re.compile(pattern) for key, pattern in CONCEPT_SYNONYMS.items()}
#: Words too common in goals and strategies to show that they are related.
EN_STOPWORDS = frozenset(
    """a an and are as at be by for from in into of on our the their to with we will more
    new existing key account accounts customer customers market markets all each every per
    increase raise grow win get make sell reach this next year month quarter""".split()
)
ZH_STOP_BIGRAMS = frozenset(
    "客户 现有 提高 增加 提升 实现 完成 我们 公司 市场 大客 年度 进行 通过 明年 今年 重点".split()
)
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z-]{2,}")
_ZH_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")

#: Hints shown when a letter fails.
HINTS = {
    "S": "Name the account, product or customer and say what you will do, "
    "e.g. 'increase coatings revenue at AC017' (写明客户/产品和具体行动).",
    "M": "Add a number: how much, e.g. +15% revenue, RMB 2 million, 3 new plants (加上数字).",
    "A": "Set a stretch that can be reached: above the baseline but at most "
    "+{limit:g}% in a year, and no absolutes such as 100% share.",
    "R": "Tie the goal to your strategy or to a business result, e.g. revenue, share, margin "
    "(与策略相关: use the strategy's own terms).",
    "T": "Add a deadline or rhythm, e.g. 'by Q3 2027', 'within six months', '2027年6月底前'.",
}


@dataclass(frozen=True)
class LetterVerdict:
    """The verdict on one SMART letter: passed or not, why, and a hint to fix it."""

    letter: str
    passed: bool
    reason: str
    hint: str = ""


@dataclass(frozen=True)
class SmartReport:
    """The SMART check of one goal: a :class:`LetterVerdict` per letter S, M, A, R, T."""

    text: str
    letters: Mapping[str, LetterVerdict]

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
        lines = [f"SMART check of {self.text!r}: {self.score}/5"]
        for key, verdict in self.letters.items():
            en, zh = LETTER_NAMES[key]
            mark = "✓" if verdict.passed else "✗"
            lines.append(f"  {mark} {key} {en} ({zh}): {verdict.reason}")
            if verdict.hint:
                lines.append(f"      → {verdict.hint}")
        return "\n".join(lines)


def _verdict(letter: str, passed: bool, reason: str) -> LetterVerdict:
    hint = "" if passed else HINTS[letter].format(limit=plausible_change_pct())
    return LetterVerdict(letter, passed, reason, hint)


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


def _number(token: str) -> float:
    if re.fullmatch(_NUM, token):
        return float(token.replace(",", ""))
    return _chinese_number(token)


def _money_amounts(text: str) -> list[float]:
    """Money amounts stated in ``text``, in yuan, in order of appearance."""
    amounts = []
    for match in MONEY_PATTERN.finditer(text):
        groups = match.groupdict()
        token = groups["en1"] or groups["en2"] or groups["zh"] or groups["zh2"]
        scale = groups["s1"] or groups["s2"] or groups["zs"] or groups["zs2"] or ""
        amounts.append(_number(token) * _SCALES.get(scale.lower(), 1.0))
    return amounts


def _percentages(text: str) -> list[tuple[str, float]]:
    """Each percentage as (role, value): role 'start', 'level' or 'change' from the words before."""
    found = []
    for match in PERCENT_PATTERN.finditer(text):
        value = _number(match.group("num") or match.group("cn"))
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
    times = _TIMES_PATTERN.search(text)
    if times:
        return (_number(times.group("n")) - 1.0) * 100.0
    for pattern, change in MULTIPLIERS.items():
        if re.search(pattern, text):
            return change
    return None


def _specific(text: str) -> LetterVerdict:
    vague = VAGUE_PATTERN.findall(text)
    cleaned = VAGUE_PATTERN.sub(" ", text)
    action = ACTION_PATTERN.search(cleaned)
    targets = (
        ACCOUNT_ID_PATTERN.findall(text)
        + QUOTED_PATTERN.findall(text)
        + CN_COMPANY_PATTERN.findall(text)
        + [
            w
            for w in CAPITALISED_PATTERN.findall(TIME_PATTERN.sub(" ", text))
            if w not in COMMON_CAPITALS
        ]
        + PRODUCT_PATTERN.findall(text)
    )
    if targets and action:
        return _verdict(
            "S", True, f"names {', '.join(dict.fromkeys(targets))}; action '{action.group(0)}'"
        )
    problems = []
    if not targets:
        problems.append("names no account, customer or product")
    if not action:
        problems.append(
            f"vague wording {', '.join(repr(v) for v in vague)} instead of an action"
            if vague
            else "states no action verb"
        )
    return _verdict("S", False, "; ".join(problems))


def _measurable(text: str) -> LetterVerdict:
    cleaned = IDENTIFIER_PATTERN.sub(" ", TIME_PATTERN.sub(" ", text))
    quantities = [q.strip() for q in MEASURE_PATTERN.findall(cleaned)]
    if quantities:
        return _verdict("M", True, f"states a quantity ({', '.join(dict.fromkeys(quantities))})")
    return _verdict("M", False, "no number, amount or percentage besides dates")


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
            return sign * change, f"target {targets[-1]:,.0f} against baseline {baseline:,.0f}"
    changes = [v for role, v in percents if role == "change"]
    if changes:
        return changes[-1], f"a stated change of {changes[-1]:g}%"
    multiplier = _multiplier_change(text)
    if multiplier is not None:
        return multiplier, "a stated multiple"
    return None


def _achievable(text: str, baseline: float | None, target: float | None = None) -> LetterVerdict:
    absolute = ABSOLUTE_PATTERN.search(text)
    if absolute:
        return _verdict("A", False, f"{absolute.group(0)!r} is an absolute, hardly ever reached")
    claimed = _improvement(text, baseline, target)
    if claimed is None:
        note = (
            "could not check without a baseline (no absolute found)"
            if baseline is None
            else "no target in money or per cent to compare with the baseline"
        )
        return _verdict("A", True, note)
    change, source = claimed
    limit = plausible_change_pct()
    if change > limit:
        return _verdict(
            "A",
            False,
            f"{source}: {change:+.0f}% is above the plausible {limit:+.0f}%",
        )
    if change <= 0:
        return _verdict("A", False, f"{source}: {change:+.0f}% is no improvement (too easy)")
    note = "" if baseline is not None else " (no baseline: only the stated change was checked)"
    return _verdict("A", True, f"{source}: {change:+.0f}% is within reach{note}")


def _check_baseline(field: str, value: Any) -> float:
    check_number(field, value)
    if value <= 0:
        raise fail(field, value, "a number above 0 (today's value of the measure)")
    return float(value)


def _terms(text: str) -> set[str]:
    """Concepts, English content words and Chinese bigrams of ``text``, for the R check."""
    concepts = {key for key, pattern in _CONCEPTS.items() if pattern.search(text)}
    words = {w.lower().rstrip("s") for w in _EN_WORD.findall(text)}
    bigrams = {run[i : i + 2] for run in _ZH_RUN.findall(text) for i in range(len(run) - 1)}
    stop = {w.rstrip("s") for w in EN_STOPWORDS}
    return concepts | (words - stop) | (bigrams - ZH_STOP_BIGRAMS)


def _relevant(text: str, strategy: str | None) -> LetterVerdict:
    if strategy is None:
        outcome = OUTCOME_PATTERN.search(text)
        if outcome:
            return _verdict(
                "R",
                True,
                f"names a business outcome ({outcome.group(0)}); no strategy given to compare with",
            )
        return _verdict("R", False, "names no business outcome (revenue, share, margin, orders…)")
    shared = sorted(_terms(text) & _terms(strategy))
    if shared:
        return _verdict("R", True, f"shares with the strategy: {', '.join(shared)}")
    return _verdict("R", False, "shares no term with the strategy")


def _time_bound(text: str) -> LetterVerdict:
    found = [m.group(0).strip() for m in TIME_PATTERN.finditer(text)]
    if found:
        return _verdict("T", True, f"deadline or rhythm: {', '.join(dict.fromkeys(found))}")
    return _verdict("T", False, "no date, deadline or period")


def check_smart(
    text: str, strategy: str | None = None, baseline: float | None = None
) -> SmartReport:
    """Check one goal against SMART and return a verdict, reason and hint per letter.

    ``strategy`` (optional) is the strategy the goal should serve; R then asks for shared
    terms. ``baseline`` (optional) is today's value of the goal's measure, in the goal's unit
    (yuan for money, per cent for a share): A then compares the target with it and fails a
    target at or below it (above it for a reduction goal) or above +100% (doubling) in a year.
    """
    text = check_text("text", text)
    if strategy is not None:
        strategy = check_text("strategy", strategy)
    if baseline is not None:
        baseline = _check_baseline("baseline", baseline)
    verdicts = (
        _specific(text),
        _measurable(text),
        _achievable(text, baseline),
        _relevant(text, strategy),
        _time_bound(text),
    )
    return SmartReport(text, {v.letter: v for v in verdicts})


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
    "several": "several, not one (多个目标)",
    "ranked": "ranked and layered (分轻重缓急、分层次)",
    "quantifiable": "quantifiable (可量化)",
    "realistic": "realistic (现实性)",
    "consistent": "consistent with each other (目标之间协调一致)",
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
UP_PATTERN = re.compile(
    r"(?i:\b(?:increase|raise|grow|lift|boost|expand|double|gain)\w*\b)"
    r"|提高|增加|增长|提升|扩大|上调|翻"
)
#: Pairs of moves that pull against each other, with the reason shown to the learner.
TRADE_OFFS = {
    frozenset({("price", "up"), ("volume", "up")}): "a higher price usually costs volume, "
    "above all in a price-sensitive segment",
    frozenset({("price", "down"), ("margin", "up")}): "a lower price squeezes the margin",
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
        raise fail("objectives", objectives, "a list of records (dicts) or a DataFrame")
    if frame.empty:
        raise fail("objectives", objectives, "at least one objective record")
    for column in ("text", "kind"):
        if column not in frame.columns:
            raise fail("objectives", list(frame.columns), f"records with a {column!r} field")
    unknown = sorted(set(frame.columns) - set(_OBJECTIVE_COLUMNS))
    if unknown:
        raise fail("objectives", unknown, f"only the fields {', '.join(_OBJECTIVE_COLUMNS)}")
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
        why = (
            f"{pair.measure_1} goes {pair.direction_1} in one and {pair.direction_2} in the other"
            if pair.measure_1 == pair.measure_2 and pair.direction_1 != pair.direction_2
            else TRADE_OFFS.get(frozenset({first, second}))
        )
        if why:
            found.append(f"objectives {pair.objective_1 + 1} and {pair.objective_2 + 1}: {why}")
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
            f"{len(frame)} objective(s) of {len(kinds)} kind(s): {', '.join(map(str, kinds))}",
        ),
        (
            "ranked",
            len(priorities) == len(frame) and priorities.nunique() >= 2,
            f"{len(priorities)} of {len(frame)} have a priority; "
            f"{priorities.nunique()} distinct level(s)",
        ),
        (
            "quantifiable",
            not vague,
            "every objective has a target or a number"
            if not vague
            else f"no target or number in objective(s) {', '.join(vague)}",
        ),
        (
            "realistic",
            not unrealistic,
            f"no absolute, no change above {plausible_change_pct():+.0f}%, no target "
            "below its baseline"
            if not unrealistic
            else "not realistic: " + "; ".join(unrealistic),
        ),
        (
            "consistent",
            not conflicts,
            "no two objectives pull a measure in opposite directions"
            if not conflicts
            else "; ".join(conflicts),
        ),
    ]
    return pd.DataFrame(
        {
            "rule": [r[0] for r in results],
            "label": [OBJECTIVE_RULES[r[0]] for r in results],
            "passed": [bool(r[1]) for r in results],
            "reason": [r[2] for r in results],
        }
    )
