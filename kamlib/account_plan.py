"""The key account plan (大客户计划) [L2.13, capstone]: one document gathering the course.

An :class:`AccountPlan` holds, as plain validated data, an account's profile, class,
relationship stage and uncoupling risks, SWOT, objectives, strategy, 4P actions, visit
plan, budget, expected results (预期结果) and ROI, how results are evaluated (评估方式) and
the contingency and fallback plans (应变计划和后备方案). It exports to Markdown, to a
standalone HTML page and to an Excel workbook (one sheet per section) that
:meth:`AccountPlan.from_excel` reads back without losing anything.

One table of field specifications (``SECTIONS``) drives validation, the documents and the
workbook, so the three always agree. The documents are written in one language: in English
every heading and choice carries its Chinese term, "Account ID (客户编号)", which teaches the
term; in Chinese they show the Chinese alone, "客户编号". What the learner typed stays as
typed. :meth:`AccountPlan.from_excel` reads a workbook written in either language.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kamlib import _markdown, _xlsx
from kamlib.budget import BUDGET_PS, VERDICTS, BudgetSummary, plan_roi
from kamlib.i18n import LANGUAGES, _, both, get_language
from kamlib.mix import FOUR_P
from kamlib.validation import (
    KamValueError,
    check_bool,
    check_choice,
    check_number,
    check_text,
    fail,
)

_EXCEL_CHARACTERS = 32_767
#: The most rows a sheet of a plan may have (header included); a longer sheet is refused.
MAX_SHEET_ROWS = 5_000
#: The most problems listed in an error message (then "and N more").
MAX_LISTED_PROBLEMS = 50
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_FIRST_EXCEL_DAY = dt.date(1900, 3, 1)


def _language(language: Any) -> str:
    """``language`` checked ("en" or "zh"); None: the course's current language."""
    return get_language() if language is None else check_choice("language", language, LANGUAGES)




@dataclass(frozen=True)
class PlanField:
    """One field of the plan: key, English and Chinese name, kind and allowed values.

    ``kind`` is "text", "number", "int", "date" or "choice" (``choices`` maps each key to
    its English and Chinese name; no Chinese name: the same in both). Optional fields are ""
    (text) or None (others) when empty.
    ``zh_heading`` is the Chinese heading where it says more than the term ``zh`` (a unit, a
    range); the English heading says it in ``en``.

    Examples
    --------
    >>> SECTIONS[0].fields[0].key, SECTIONS[0].fields[0].required
    ('account_id', True)
    """

    key: str
    en: str
    zh: str
    kind: str = "text"
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    choices: Mapping[str, tuple[str, str]] | None = None
    default: Any = None
    zh_heading: str = ""

    def heading(self, language: str | None = None) -> str:
        """The field's name as a document in ``language`` heads it.

        Parameters
        ----------
        language : {"en", "zh"}, optional
            Default: the course's current language (:func:`kamlib.i18n.get_language`).

        Returns
        -------
        str
            The English name with its Chinese term in English, the Chinese alone in Chinese.

        Raises
        ------
        KamValueError
            If ``language`` is neither "en" nor "zh".

        Examples
        --------
        >>> SECTIONS[0].fields[5].heading("en"), SECTIONS[0].fields[5].heading("zh")
        ('Purchasing capacity, CNY (总体购买能力)', '总体购买能力（元）')
        """
        if _language(language) == "zh":
            return self.zh_heading or self.zh
        return f"{self.en} ({self.zh})"

    @property
    def label(self) -> str:
        """The field's name in the current language, as the documents head it.

        Returns
        -------
        str

        Examples
        --------
        >>> from kamlib.i18n import set_language
        >>> set_language("en")
        >>> SECTIONS[0].fields[0].label
        'Account ID (客户编号)'
        """
        return self.heading()

    def choice(self, key: str, language: str | None = None) -> str:
        """The readable name of the choice ``key`` in ``language`` (default: the current one).

        Parameters
        ----------
        key : str
            One of ``choices``.
        language : {"en", "zh"}, optional
            Default: the course's current language.

        Returns
        -------
        str

        Raises
        ------
        KamValueError
            If ``language`` is neither "en" nor "zh".

        Examples
        --------
        >>> strategy = SECTIONS[4].fields[0]
        >>> strategy.choice("market_penetration", "en"), strategy.choice("market_penetration", "zh")
        ('Market penetration (市场渗透)', '市场渗透')
        """
        return both(*(self.choices or {})[key], language=_language(language))


@dataclass(frozen=True)
class PlanSection:
    """A section of the plan: a key–value list (``table=False``) or a table of records.

    Examples
    --------
    >>> [section.key for section in SECTIONS][:3]
    ['profile', 'risks', 'swot']
    """

    key: str
    en: str
    zh: str
    sheet: str
    fields: tuple[PlanField, ...]
    table: bool

    def heading(self, language: str | None = None) -> str:
        """The section's title as a document in ``language`` heads it.

        Parameters
        ----------
        language : {"en", "zh"}, optional
            Default: the course's current language.

        Returns
        -------
        str
            The English title with its Chinese term in English, the Chinese alone in Chinese.

        Raises
        ------
        KamValueError
            If ``language`` is neither "en" nor "zh".

        Examples
        --------
        >>> SECTIONS[0].heading("en"), SECTIONS[0].heading("zh")
        ('Account profile (客户概况)', '客户概况')
        """
        return both(self.en, self.zh, language=_language(language))

    @property
    def title(self) -> str:
        """The section's title in the current language.

        Returns
        -------
        str

        Examples
        --------
        >>> from kamlib.i18n import set_language
        >>> set_language("en")
        >>> SECTIONS[0].title
        'Account profile (客户概况)'
        """
        return self.heading()

    def sheet_name(self, language: str | None = None) -> str:
        """The name of the section's Excel sheet in ``language``: ``sheet`` in English, the
        Chinese title in Chinese (both valid sheet names of at most 31 characters).

        Parameters
        ----------
        language : {"en", "zh"}, optional
            Default: the course's current language.

        Returns
        -------
        str

        Raises
        ------
        KamValueError
            If ``language`` is neither "en" nor "zh".

        Examples
        --------
        >>> SECTIONS[5].sheet_name("en"), SECTIONS[5].sheet_name("zh")
        ('4P actions', '4P营销组合行动')
        """
        return self.zh if _language(language) == "zh" else self.sheet


def _named(*triples: tuple[str, str, str]) -> dict[str, tuple[str, str]]:
    return {key: (en, zh) for key, en, zh in triples}


ACCOUNT_CLASSES = {key: (key, "") for key in ("A", "B", "C", "VIP")}
ANSOFF_KEYS = _named(
    ("market_penetration", "Market penetration", "市场渗透"),
    ("product_development", "Product development", "产品开发"),
    ("market_development", "Market development", "市场延伸"),
    ("diversification", "Diversification", "多元化"),
)
RISK_SIDES = _named(("internal", "Internal", "内因"), ("external", "External", "外因"))
SWOT_QUADRANTS = _named(
    ("strengths", "Strengths", "优势"),
    ("weaknesses", "Weaknesses", "劣势"),
    ("opportunities", "Opportunities", "机会"),
    ("threats", "Threats", "威胁"),
)
P_NAMES = {key: (p.en, p.zh) for key, p in FOUR_P.items()}
LEVER_NAMES = {lever.key: (lever.en, lever.zh) for p in FOUR_P.values() for lever in p.levers}
BUDGET_P_NAMES = {key: P_NAMES.get(key, ("Other", "其他")) for key in BUDGET_PS}


def _money(key: str, en: str, zh: str, required: bool = False, default: Any = None) -> PlanField:
    return PlanField(key, f"{en}, CNY", zh, "number", required, minimum=0, default=default,
                     zh_heading=f"{zh}（元）")


SECTIONS: tuple[PlanSection, ...] = (
    PlanSection("profile", "Account profile", "客户概况", "Profile", (
        PlanField("account_id", "Account ID", "客户编号", required=True),
        PlanField("name", "Account name", "客户名称", required=True),
        PlanField("industry", "Industry", "行业"),
        PlanField("region", "Region", "区域"),
        PlanField("kam", "Key account manager", "大客户经理"),
        _money("capacity_cny", "Purchasing capacity", "总体购买能力"),
        _money("revenue_cny", "Our revenue", "我方销售额"),
        PlanField("account_class", "Account class", "客户级别", "choice", choices=ACCOUNT_CLASSES),
        PlanField("grid_class", "Grid class", "网格级别", "choice",
                  choices={k: (k, "") for k in ("A", "B", "C")}),
        PlanField("x", "X current purchasing 0-4", "目前的购买状况", "int", minimum=0, maximum=4,
                  zh_heading="目前的购买状况（X，0-4）"),
        PlanField("y", "Y purchasing capacity 0-4", "总体购买能力", "int", minimum=0, maximum=4,
                  zh_heading="总体购买能力（Y，0-4）"),
        PlanField("stage", "Relationship stage 1-6", "关系阶段", "int", minimum=1, maximum=6,
                  zh_heading="关系阶段（1-6）"),
        PlanField("stage_name", "Stage name", "阶段名称"),
        PlanField("prepared_on", "Prepared on", "编制日期", "date"),
    ), table=False),
    PlanSection("risks", "Uncoupling risks", "中断风险", "Uncoupling risks", (
        PlanField("factor", "Risk factor", "风险因素", required=True),
        PlanField("side", "Side", "内因/外因", "choice", required=True, choices=RISK_SIDES),
        PlanField("rating", "Rating 0-3", "评分", "int", required=True, minimum=0, maximum=3,
                  zh_heading="评分（0-3）"),
        PlanField("remedy", "Remedy", "对策"),
    ), table=True),
    PlanSection("swot", "SWOT analysis", "SWOT分析", "SWOT", (
        PlanField("quadrant", "Quadrant", "象限", "choice", required=True, choices=SWOT_QUADRANTS),
        PlanField("text", "Item", "内容", required=True),
        PlanField("weight", "Weight", "权重", "number", required=True, minimum=0, default=1.0),
    ), table=True),
    PlanSection("objectives", "Objectives", "目标", "Objectives", (
        PlanField("text", "Objective", "目标", required=True),
        PlanField("smart_score", "SMART letters met 0-5", "SMART得分", "int", minimum=0, maximum=5,
                  zh_heading="SMART得分（0-5）"),
        PlanField("priority", "Priority", "优先级", "int", minimum=1, maximum=99),
        PlanField("due", "Due", "期限", "date"),
    ), table=True),
    PlanSection("strategy", "Strategy", "策略", "Strategy", (
        PlanField("strategy_key", "Ansoff strategy", "安索夫策略", "choice", choices=ANSOFF_KEYS),
        PlanField("strategy", "Strategy in words", "策略说明"),
    ), table=False),
    PlanSection("mix_actions", "Marketing mix actions", "4P营销组合行动", "4P actions", (
        PlanField("p", "P", "4P", "choice", required=True, choices=P_NAMES),
        PlanField("lever", "Lever", "手段", "choice", required=True, choices=LEVER_NAMES),
        PlanField("action", "Action", "行动", required=True),
        _money("cost_cny", "Cost", "成本", required=True, default=0.0),
    ), table=True),
    PlanSection("visit_plan", "Visit plan", "拜访计划", "Visit plan", (
        PlanField("date", "Date", "日期", "date", required=True),
        PlanField("objective", "Visit objective", "拜访目标", required=True),
    ), table=True),
    PlanSection("budget", "Marketing budget", "营销预算", "Budget", (
        PlanField("item", "Budget item", "预算项目", required=True),
        _money("cost_cny", "Cost", "成本", required=True),
        PlanField("p", "Booked to", "所属4P", "choice", required=True, choices=BUDGET_P_NAMES,
                  default="other"),
    ), table=True),
    PlanSection("results", "Expected results and ROI", "预期结果与投资回报", "Expected results", (
        PlanField("expected_results", "Expected results", "预期结果"),
        _money("expected_revenue_gain_cny", "Expected revenue gain", "预期销售增长"),
        PlanField("margin_rate", "Margin rate 0-1", "毛利率", "number", minimum=0, maximum=1,
                  zh_heading="毛利率（0-1）"),
    ), table=False),
    PlanSection("evaluation", "How results are evaluated", "评估方式", "Evaluation", (
        PlanField("evaluation", "Evaluation method", "评估方式"),
    ), table=False),
    PlanSection("contingency", "Contingency and fallback plans", "应变计划和后备方案",
                "Contingency", (
        PlanField("trigger", "If this happens", "触发条件", required=True),
        PlanField("response", "We do this", "应对措施", required=True),
    ), table=True),
)  # fmt: skip

_ITEM = PlanField("item", "Item", "项目")
_VALUE = PlanField("value", "Value", "内容")
_COMPUTED = (
    _money("total_cost_cny", "Total budget", "预算合计"),
    _money("expected_margin_gain_cny", "Expected margin gain", "预期毛利增长"),
    PlanField("roi", "ROI", "投资回报率", "number"),
    PlanField("payback_months", "Payback, months", "回收期(月)", "number",
              zh_heading="回收期（月）"),
    PlanField("verdict", "Verdict", "结论"),
)
"""Rows computed from the budget, shown in the results section and never read back."""


def _is_missing(value: Any) -> bool:
    """None, NaN, NaT or pd.NA (as found in DataFrames); not "" (text may be empty)."""
    if value is None:
        return True
    if isinstance(value, (str, bytes, Sequence, Mapping, set)):
        return False
    try:
        return np.ndim(value) == 0 and bool(pd.isna(value))
    except (TypeError, ValueError):  # an object numpy cannot size: not a missing value
        return False


def _clean_text(name: str, value: Any, required: bool) -> str:
    text = check_text(name, value, allow_empty=not required).replace("\r\n", "\n")
    text = text.replace("\r", "\n")
    if _ILLEGAL.search(text):
        raise fail(name, value, _("text without control characters (tab and new line are fine)"))
    if len(text) > _EXCEL_CHARACTERS:
        raise fail(name, f"{len(text)} characters", _("at most 32,767 (an Excel cell's limit)"))
    return text


def _clean_date(name: str, value: Any) -> dt.date:
    day = None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, np.datetime64):
        day = value.astype("datetime64[D]").item()
    elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            day = None
    if not isinstance(day, dt.date) or day < _FIRST_EXCEL_DAY:
        raise fail(name, value, _("a date from 1900-03-01 on, e.g. '2026-01-15'"))
    return day


def _clean(spec: PlanField, value: Any, where: str = "") -> Any:
    """Return ``value`` checked and normalised for ``spec``; ``where`` prefixes the name."""
    name = f"{where}.{spec.key}" if where else spec.key
    if _is_missing(value) or (spec.kind != "text" and isinstance(value, str) and not value.strip()):
        if spec.required:
            raise fail(name, value, _("a value: {label} is required").format(label=spec.label))
        return "" if spec.kind == "text" else None
    if spec.kind == "text":
        return _clean_text(name, value, spec.required)
    if spec.kind == "choice":
        if not isinstance(value, str):  # every choice is a text key
            raise fail(name, value, "one of " + ", ".join(map(repr, spec.choices or {})))
        return check_choice(name, value, spec.choices or {})
    if spec.kind == "date":
        return _clean_date(name, value)
    number = check_number(
        name, value, minimum=spec.minimum, maximum=spec.maximum, integer=spec.kind == "int"
    )
    # Excel keeps 15 significant digits; keeping the same makes the workbook lossless.
    return number if spec.kind == "int" else float(f"{float(number):.15g}")


def _clean_records(
    name: str, specs: Sequence[PlanField], records: Any
) -> tuple[dict[str, Any], ...]:
    """A list of dicts checked field by field; unknown keys are refused."""
    if records is None:
        return ()
    if isinstance(records, (str, Mapping)) or not isinstance(records, Sequence):
        raise fail(name, records, _("a list of dicts (or an empty list)"))
    keys = [spec.key for spec in specs]
    cleaned = []
    for position, record in enumerate(records):
        where = f"{name}[{position}]"
        if not isinstance(record, Mapping):
            raise fail(where, record,
                _("a dict with the keys {value}").format(value=', '.join(keys)))
        unknown = sorted(map(str, set(record) - set(keys)))
        if unknown:
            raise fail(f"{where} keys", unknown, _("only {value}").format(value=', '.join(keys)))
        cleaned.append(
            {spec.key: _clean(spec, record.get(spec.key, spec.default), where) for spec in specs}
        )
    return tuple(cleaned)


_SWOT_ITEM_FIELDS = next(s for s in SECTIONS if s.key == "swot").fields[1:]


def _clean_swot(value: Any) -> dict[str, tuple[dict[str, Any], ...]]:
    """The four SWOT lists of {text, weight}; missing quadrants are empty."""
    if value is None:
        value = {}
    if not isinstance(value, Mapping):
        raise fail("swot", value,
            _("a dict with lists under {value}").format(value=', '.join(SWOT_QUADRANTS)))
    for quadrant in value:
        check_choice("swot key", quadrant, SWOT_QUADRANTS)
    return {
        quadrant: _clean_records(f"swot[{quadrant!r}]", _SWOT_ITEM_FIELDS, value.get(quadrant))
        for quadrant in SWOT_QUADRANTS
    }


@dataclass(frozen=True)
class AccountPlan:
    """A key account plan as plain, checked data (see the module docstring for sections).

    Lists of records are dicts with the keys of ``SECTIONS``; e.g. ``budget`` holds
    ``{"item", "cost_cny", "p"}`` and ``swot`` maps each quadrant to ``{"text", "weight"}``.

    Raises
    ------
    KamValueError
        If a field or a record holds a bad value (named by section, row and field).

    Examples
    --------
    >>> plan = AccountPlan("AC007", "Great Wall Motors", margin_rate=0.3)
    >>> plan.margin_rate, plan.budget
    (0.3, ())
    """

    account_id: str
    name: str
    industry: str = ""
    region: str = ""
    kam: str = ""
    capacity_cny: float | None = None
    revenue_cny: float | None = None
    account_class: str | None = None
    grid_class: str | None = None
    x: int | None = None
    y: int | None = None
    stage: int | None = None
    stage_name: str = ""
    prepared_on: dt.date | None = None
    risks: tuple[dict[str, Any], ...] = ()
    swot: dict[str, tuple[dict[str, Any], ...]] = field(default_factory=dict)
    objectives: tuple[dict[str, Any], ...] = ()
    strategy_key: str | None = None
    strategy: str = ""
    mix_actions: tuple[dict[str, Any], ...] = ()
    visit_plan: tuple[dict[str, Any], ...] = ()
    budget: tuple[dict[str, Any], ...] = ()
    expected_results: str = ""
    expected_revenue_gain_cny: float | None = None
    margin_rate: float | None = None
    evaluation: str = ""
    contingency: tuple[dict[str, Any], ...] = ()

    def __post_init__(self) -> None:
        for section in SECTIONS:
            if section.key == "swot":
                object.__setattr__(self, "swot", _clean_swot(self.swot))
            elif section.table:
                records = _clean_records(section.key, section.fields, getattr(self, section.key))
                object.__setattr__(self, section.key, records)
            else:
                for spec in section.fields:
                    object.__setattr__(self, spec.key, _clean(spec, getattr(self, spec.key)))
        if self.x is not None and self.y is not None and self.x > self.y:
            raise fail("x", self.x,
                _("at most y ({y}): no account buys more than it can").format(y=self.y))
        for position, action in enumerate(self.mix_actions):
            levers = FOUR_P[action["p"]].lever_keys
            check_choice(
                f"mix_actions[{position}].lever of {action['p']!r}", action["lever"], levers
            )

    # ----- plain data -------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly plain data (dates as 'YYYY-MM-DD'); ``from_dict`` reads it back.

        Returns
        -------
        dict
            One key per field of the plan.

        Examples
        --------
        >>> plan = AccountPlan("AC007", "Great Wall Motors",
        ...                    budget=[{"item": "Line trials", "cost_cny": 40_000, "p": "product"}],
        ...                    expected_revenue_gain_cny=500_000, margin_rate=0.3)
        >>> plan.to_dict()["budget"]
        [{'item': 'Line trials', 'cost_cny': 40000.0, 'p': 'product'}]
        """

        def plain(value: Any) -> Any:
            if isinstance(value, dt.date):
                return value.isoformat()
            if isinstance(value, Mapping):
                return {key: plain(item) for key, item in value.items()}
            if isinstance(value, tuple):
                return [plain(item) for item in value]
            return value

        return {spec.name: plain(getattr(self, spec.name)) for spec in fields(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AccountPlan:
        """Build a plan from plain data such as ``to_dict`` output, checking every field.

        Parameters
        ----------
        data : mapping
            Field name -> value; ``account_id`` and ``name`` at least.

        Returns
        -------
        AccountPlan

        Raises
        ------
        KamValueError
            If ``data`` is not a dict, lacks ``account_id`` or ``name``, names an unknown
            field or holds a bad value.

        Examples
        --------
        >>> plan = AccountPlan("AC007", "Great Wall Motors",
        ...                    budget=[{"item": "Line trials", "cost_cny": 40_000, "p": "product"}],
        ...                    expected_revenue_gain_cny=500_000, margin_rate=0.3)
        >>> AccountPlan.from_dict(plan.to_dict()) == plan
        True
        """
        if not isinstance(data, Mapping):
            raise fail("data", data, _("a dict of plan fields"))
        known = {spec.name for spec in fields(cls)}
        unknown = sorted(map(str, set(data) - known))
        if unknown:
            raise fail("data keys", unknown, _("only the AccountPlan fields"))
        missing = [key for key in ("account_id", "name") if key not in data]
        if missing:
            raise fail("data", f"no {missing[0]!r}", _("account_id and name at least"))
        return cls(**data)

    # ----- expected results ------------------------------------------------------------
    def roi(self) -> BudgetSummary | None:
        """The budget's ROI summary, or None until budget, revenue gain and margin are set.

        Returns
        -------
        BudgetSummary or None
            As :func:`kamlib.budget.plan_roi` computes it.

        Examples
        --------
        >>> plan = AccountPlan("AC007", "Great Wall Motors",
        ...                    budget=[{"item": "Line trials", "cost_cny": 40_000, "p": "product"}],
        ...                    expected_revenue_gain_cny=500_000, margin_rate=0.3)
        >>> plan.roi().roi, plan.roi().verdict
        (2.75, 'worthwhile')
        >>> AccountPlan("AC007", "Great Wall Motors").roi() is None
        True
        """
        if (
            not self.budget
            or self.expected_revenue_gain_cny is None
            or self.margin_rate is None
            or sum(line["cost_cny"] for line in self.budget) <= 0
        ):
            return None
        return plan_roi(
            list(self.budget),
            expected_revenue_gain_cny=self.expected_revenue_gain_cny,
            margin_rate=self.margin_rate,
        )

    # ----- one grid of cells per section, shared by every export -----------------------
    def _records(self, section: PlanSection) -> tuple[dict[str, Any], ...]:
        if section.key == "swot":
            return tuple(
                {"quadrant": quadrant, **item}
                for quadrant, items in self.swot.items()
                for item in items
            )
        return getattr(self, section.key)

    def _grid(self, section: PlanSection, language: str
              ) -> tuple[list[PlanField], list[list[tuple]]]:
        """Column specs and rows of (spec, value) cells for a section; a key–value section's
        item names are in ``language``."""
        if section.table:
            rows = [
                [(spec, record[spec.key]) for spec in section.fields]
                for record in self._records(section)
            ]
            return list(section.fields), rows
        pairs = [(spec, getattr(self, spec.key)) for spec in section.fields]
        summary = self.roi() if section.key == "results" else None
        if summary is not None:
            computed = (
                summary.total_cost,
                summary.expected_margin_gain,
                summary.roi,
                summary.payback_months,
                _(VERDICTS[summary.verdict], language),
            )
            pairs += list(zip(_COMPUTED, computed, strict=True))
        return [_ITEM, _VALUE], [[(_ITEM, spec.heading(language)), (spec, value)]
                                 for spec, value in pairs]

    def heading(self, language: str | None = None) -> str:
        """The plan's title in ``language``: the account's name and id.

        Parameters
        ----------
        language : {"en", "zh"}, optional
            Default: the course's current language.

        Returns
        -------
        str

        Raises
        ------
        KamValueError
            If ``language`` is neither "en" nor "zh".

        Examples
        --------
        >>> AccountPlan("AC007", "长城汽车").heading("zh")
        '大客户计划：长城汽车（AC007）'
        """
        if _language(language) == "zh":
            return f"大客户计划：{self.name}（{self.account_id}）"
        return f"Key account plan (大客户计划): {self.name} ({self.account_id})"

    @property
    def title(self) -> str:
        """The plan's title in the current language: the account's name and id.

        Returns
        -------
        str

        Examples
        --------
        >>> from kamlib.i18n import set_language
        >>> set_language("en")
        >>> AccountPlan("AC007", "Great Wall Motors").title
        'Key account plan (大客户计划): Great Wall Motors (AC007)'
        """
        return self.heading()

    # ----- documents -------------------------------------------------------------------
    def to_markdown(self, *, language: str | None = None) -> str:
        """A manager-readable Markdown document: a heading and a table per section.

        Every text is escaped (:func:`kamlib._markdown.escape`): rendered to HTML, it shows
        the words typed, never live HTML, scripts or ``javascript:``/``data:`` links.

        Parameters
        ----------
        language : {"en", "zh"}, optional
            The document's language (default: the course's current language): headings and
            choices in English with their Chinese terms, or in Chinese alone.

        Returns
        -------
        str

        Raises
        ------
        KamValueError
            If ``language`` is neither "en" nor "zh".

        Examples
        --------
        >>> print(AccountPlan("AC007", "Great Wall Motors").to_markdown(language="en"))
        # Key account plan (大客户计划): Great Wall Motors (AC007)
        <BLANKLINE>
        ## 1. Account profile (客户概况)
        <BLANKLINE>
        | Item (项目) | Value (内容) |
        |---|---|
        | Account ID (客户编号) | AC007 |
        ...
        """
        language = _language(language)
        lines = [f"# {_md_cell(self.heading(language))}", ""]
        for number, section in enumerate(SECTIONS, start=1):
            lines += [f"## {number}. {section.heading(language)}", ""]
            headers, rows = self._grid(section, language)
            if not rows:
                lines += [f"_{_NONE_YET[language]}_", ""]
                continue
            lines.append("| " + " | ".join(spec.heading(language) for spec in headers) + " |")
            lines.append("|" + "---|" * len(headers))
            lines += [
                "| " + " | ".join(_md_cell(_display(*cell, language)) for cell in row) + " |"
                for row in rows
            ]
            lines.append("")
        return "\n".join(lines)

    def to_html(self, *, language: str | None = None) -> str:
        """A standalone HTML page of the plan; every text is escaped.

        Parameters
        ----------
        language : {"en", "zh"}, optional
            The page's language (default: the course's current language), as for
            :meth:`to_markdown`.

        Returns
        -------
        str
            The page, from ``<!DOCTYPE html>`` to ``</html>``.

        Raises
        ------
        KamValueError
            If ``language`` is neither "en" nor "zh".

        Examples
        --------
        >>> page = AccountPlan("AC007", "<Great Wall> Motors").to_html()
        >>> "&lt;Great Wall&gt; Motors" in page, "<Great Wall>" in page
        (True, False)
        """
        language = _language(language)
        body = [f"<h1>{_html_cell(self.heading(language))}</h1>"]
        for number, section in enumerate(SECTIONS, start=1):
            body.append(f"<h2>{number}. {_html_cell(section.heading(language))}</h2>")
            headers, rows = self._grid(section, language)
            if not rows:
                body.append(f"<p><em>{_NONE_YET[language]}</em></p>")
                continue
            head = "".join(f"<th>{_html_cell(spec.heading(language))}</th>" for spec in headers)
            cells = [
                "<tr>"
                + "".join(f"<td>{_html_cell(_display(*cell, language))}</td>" for cell in row)
                + "</tr>"
                for row in rows
            ]
            body.append(
                f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
                + "\n".join(cells)
                + "\n</tbody>\n</table>"
            )
        return _HTML_PAGE.format(lang=_HTML_LANG[language],
                                 title=_html_cell(self.heading(language)), body="\n".join(body))

    # ----- Excel -----------------------------------------------------------------------
    def to_excel(self, path: str | os.PathLike[str], *, overwrite: bool = False,
                 language: str | None = None) -> Path:
        """Write the plan to an .xlsx workbook, one sheet per section; return the path.

        Text is stored as text, never as a formula (``=``, ``+``, ``-``, ``@`` included). The
        file is written whole or not at all.

        Parameters
        ----------
        path : str or os.PathLike
            A file ending in ``.xlsx``; its folder is created if needed.
        overwrite : bool
            Replace an existing file (default False: it may be someone's own).
        language : {"en", "zh"}, optional
            The workbook's language (default: the course's current language): sheet names,
            headers and choices in English with their Chinese terms, or in Chinese alone.

        Returns
        -------
        pathlib.Path

        Raises
        ------
        KamValueError
            For a bad path, an existing file without ``overwrite=True``, a bad ``language``,
            or a file that cannot be written (:class:`kamlib.workbook.WorkbookSaveError`,
            with the reason).

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     written = AccountPlan("AC007", "Great Wall Motors").to_excel(
        ...         Path(folder) / "plans" / "AC007.xlsx")
        ...     written.name, written.is_file()
        ('AC007.xlsx', True)
        """
        import io

        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill

        from kamlib.workbook import write_atomically

        target = _xlsx_path(path)
        language = _language(language)
        if os.path.lexists(target) and not check_bool("overwrite", overwrite):
            raise fail("path", target.name,
                _("a file not yet in {parent}, or overwrite=True").format(parent=target.parent))
        book = Workbook()
        book.remove(book.active)
        for section in SECTIONS:
            sheet = book.create_sheet(section.sheet_name(language))
            headers, rows = self._grid(section, language)
            sheet.append([spec.heading(language) for spec in headers])
            for cell in sheet[1]:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor="DDDDDD")
            for row_number, row in enumerate(rows, start=2):
                for column, (spec, value) in enumerate(row, start=1):
                    _write_cell(sheet.cell(row_number, column), spec, value, language)
            sheet.freeze_panes = "A2"
            for column, header in enumerate(headers, start=1):
                texts = [header.heading(language)] + [_display(*row[column - 1], language)
                                                      for row in rows]
                width = min(max(_text_width(text) for text in texts) + 2, 60)
                letter = sheet.cell(1, column).column_letter
                sheet.column_dimensions[letter].width = max(width, 10)
                if width == 60:
                    for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                        cell.alignment = Alignment(wrap_text=True, vertical="top")
        buffer = io.BytesIO()
        book.save(buffer)
        write_atomically(target, buffer.getvalue())
        return target

    @classmethod
    def from_excel(cls, path: str | os.PathLike[str]) -> AccountPlan:
        """Read a plan written by :meth:`to_excel` (and perhaps edited) in either language;
        the file is not changed.

        Parameters
        ----------
        path : str or os.PathLike
            An existing ``.xlsx`` file.

        Returns
        -------
        AccountPlan

        Raises
        ------
        PlanFileError
            Listing every problem found with its sheet, row and column: a formula or error
            cell (type the value itself), an item listed twice, a wrong header, a missing
            sheet (or a section's sheet in both languages), a bad value, a sheet longer than
            :data:`MAX_SHEET_ROWS` rows.
        KamValueError
            For a path that is not an existing ``.xlsx`` file, a file that is no Excel
            workbook, is damaged or too large (checked before it is unpacked).

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     plan = AccountPlan("AC007", "Great Wall Motors")
        ...     AccountPlan.from_excel(plan.to_excel(Path(folder) / "plan.xlsx")) == plan
        True
        """
        source = _xlsx_path(path)
        if not os.path.isfile(source):
            raise fail("path", source.name,
                _("an existing .xlsx file (looked in {parent})").format(parent=source.parent))
        problems: list[dict[str, Any]] = []
        book = _xlsx.open_workbook(source)
        try:
            data: dict[str, Any] = {}
            chinese = sum(s.sheet_name("zh") in book.sheetnames for s in SECTIONS)
            english = sum(s.sheet_name("en") in book.sheetnames for s in SECTIONS)
            expected = "zh" if chinese > english else "en"  # the workbook's language
            for section in SECTIONS:
                found = [lang for lang in LANGUAGES if section.sheet_name(lang) in book.sheetnames]
                if len(found) > 1:
                    problems.append(_problem(section.sheet_name(expected), None, None, _(
                        "the section has two sheets, {first} and {second}: keep one").format(
                        first=repr(section.sheet_name("en")),
                        second=repr(section.sheet_name("zh")))))
                    continue
                if not found:
                    problems.append(_problem(section.sheet_name(expected), None, None, _(
                        "the sheet is missing (the workbook has {sheets})").format(
                        sheets=", ".join(map(repr, book.sheetnames[:20])))))
                    continue
                data.update(_read_sheet(book[section.sheet_name(found[0])], section, found[0],
                                        problems))
        finally:
            book.close()
        if problems:
            raise PlanFileError(source.name, problems)
        try:
            return cls.from_dict(data)
        except KamValueError as error:
            raise PlanFileError(source.name, [_problem(None, None, None, str(error))]) from None


class PlanFileError(KamValueError):
    """An account plan workbook has problems; ``problems`` lists each as
    ``{"file", "sheet", "row", "column", "problem"}`` (row 1 is the header; None: the whole).

    Raised by :meth:`AccountPlan.from_excel`.

    Examples
    --------
    >>> error = PlanFileError("plan.xlsx", [{"file": "plan.xlsx", "sheet": "Budget", "row": 3,
    ...                                      "column": "cost_cny", "problem": "a formula"}])
    >>> print(error)
    plan.xlsx: 1 problem(s); fix them in the workbook and read it again:
    - sheet 'Budget', row 3, column cost_cny: a formula
    """

    def __init__(self, file: str, problems: list[dict[str, Any]]) -> None:
        self.problems = [{"file": file, **problem} for problem in problems]
        shown = [f"- {_where(p)}{p['problem']}" for p in self.problems[:MAX_LISTED_PROBLEMS]]
        hidden = len(self.problems) - len(shown)
        if hidden:
            shown.append(_("- and {n} more").format(n=hidden))
        super().__init__(
            _("{file}: {n} problem(s); fix them in the workbook and read it again:").format(
                file=file, n=len(self.problems)) + "\n" + "\n".join(shown)
        )


def _problem(sheet: str | None, row: int | str | None, column: str | None,
             problem: str) -> dict[str, Any]:
    return {"sheet": sheet, "row": row, "column": column, "problem": problem}


def _where(problem: dict[str, Any]) -> str:
    """E.g. "sheet 'Budget', row 3, column B: " (nothing for a problem of the whole file)."""
    parts = []
    if problem["sheet"] is not None:
        parts.append(_("sheet {name!r}").format(name=problem["sheet"]))
    if problem["row"] is not None:
        parts.append((_("row {row}") if isinstance(problem["row"], int)
                      else _("rows {row}")).format(row=problem["row"]))
    if problem["column"] is not None:
        parts.append(_("column {column}").format(column=problem["column"]))
    return ", ".join(parts) + ": " if parts else ""


def _read_sheet(sheet: Any, section: PlanSection, language: str,
                problems: list[dict[str, Any]]) -> dict[str, Any]:
    """Plain data of one sheet (records, or field values) written in ``language``, each
    problem added to ``problems``.

    Only the plan's columns and at most :data:`MAX_SHEET_ROWS` rows are read, so a sheet
    with a far-away cell costs no more than a short one.
    """
    from openpyxl.utils import get_column_letter

    headers = [_ITEM, _VALUE] if not section.table else list(section.fields)
    expected = [spec.heading(language) for spec in headers]
    name = section.sheet_name(language)
    declared = sheet.max_row  # from the sheet's own <dimension>; None if it has none
    if isinstance(declared, int) and declared > MAX_SHEET_ROWS:
        problems.append(_problem(name, declared, None, _(
            "the sheet reaches row {row:,}; a plan sheet has at most {limit:,} rows: delete "
            "the rows below the plan").format(row=declared, limit=MAX_SHEET_ROWS)))
        return {}
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(sheet.iter_rows(min_row=1, max_row=MAX_SHEET_ROWS + 1,
                                                   max_col=len(expected)), start=1):
        values = [cell.value for cell in cells] + [None] * (len(expected) - len(cells))
        if all(value is None for value in values):
            continue
        if number > MAX_SHEET_ROWS:
            problems.append(_problem(name, number, None, _(
                "a plan sheet has at most {limit:,} rows").format(limit=MAX_SHEET_ROWS)))
            return {}
        live = False
        for position, cell in enumerate(cells):
            kind = {"f": _("a formula ({text}): type the value itself"),
                    "e": _("an error value ({text}): type the value itself")
                    }.get(getattr(cell, "data_type", None))
            if kind is not None:
                live = True
                problems.append(_problem(name, number, f"{get_column_letter(position + 1)} "
                                         f"({headers[position].heading(language)})",
                                         kind.format(text=_short(cell.value))))
        if not live:
            rows.append((number, values))
    if not rows or rows[0][1] != expected or rows[0][0] != 1:
        header = rows[0][1] if rows and rows[0][0] == 1 else []
        problems.append(_problem(name, 1, None, _(
            "the header row is {got}; expected the columns {expected}").format(
            got=_short(header), expected=expected)))
        return {}
    if section.table:
        return _read_records(section, language, rows[1:], problems)
    return _read_items(section, language, rows[1:], problems)


def _read_records(section: PlanSection, language: str, rows: list[tuple[int, list[Any]]],
                  problems: list[dict[str, Any]]) -> dict[str, Any]:
    """The records of a table sheet, checked field by field."""
    from openpyxl.utils import get_column_letter

    records = []
    for position, (number, values) in enumerate(rows):
        record, ok = {}, True
        for column, (spec, value) in enumerate(zip(section.fields, values, strict=True), 1):
            try:
                record[spec.key] = _clean(spec, _from_cell(spec, value),
                                          f"{section.key}[{position}]")
            except KamValueError as error:
                ok = False
                problems.append(_problem(section.sheet_name(language), number,
                                         f"{get_column_letter(column)} "
                                         f"({spec.heading(language)})", str(error)))
        if ok:
            records.append(record)
    if section.key != "swot":
        return {section.key: records}
    swot: dict[str, list[dict[str, Any]]] = {quadrant: [] for quadrant in SWOT_QUADRANTS}
    for record in records:
        swot[record.pop("quadrant")].append(record)
    return {"swot": swot}


def _read_items(section: PlanSection, language: str, rows: list[tuple[int, list[Any]]],
                problems: list[dict[str, Any]]) -> dict[str, Any]:
    """The field values of a key–value sheet (items named in either language); an item
    listed twice is a problem, not a silent "the last one wins"."""
    by_label = {spec.heading(lang): spec for spec in section.fields for lang in LANGUAGES}
    computed = {spec.heading(lang) for spec in _COMPUTED for lang in LANGUAGES}
    sheet = section.sheet_name(language)
    item, shown = f"A ({_ITEM.heading(language)})", f"B ({_VALUE.heading(language)})"
    values: dict[str, Any] = {}
    first_row: dict[str, int] = {}
    for number, (label, value) in rows:
        if label in computed:
            continue
        if label not in by_label:
            problems.append(_problem(sheet, number, item, _(
                "got {got}; expected one of {allowed}").format(
                got=_short(label), allowed=[spec.heading(language) for spec in section.fields])))
            continue
        spec = by_label[label]
        if spec.key in first_row:
            rows = _("{first} and {second}").format(first=first_row[spec.key], second=number)
            problems.append(_problem(sheet, rows, item, _(
                "{label!r} is listed twice; keep one row").format(label=label)))
            continue
        first_row[spec.key] = number
        try:
            values[spec.key] = _clean(spec, _from_cell(spec, value))
        except KamValueError as error:
            problems.append(_problem(sheet, number, shown, str(error)))
    return values


def _short(value: Any) -> str:
    """``value`` as a message shows it: its repr, at most 60 characters."""
    text = repr(value)
    return text if len(text) <= 60 else text[:28] + "..." + text[-29:]


def _from_cell(spec: PlanField, value: Any) -> Any:
    """An Excel cell back to plain data: labels (in either language) to keys, empty text to
    ""."""
    if spec.kind == "choice" and spec.choices:
        by_label = {spec.choice(key, lang): key for key in spec.choices for lang in LANGUAGES}
        return by_label.get(value, value)
    if spec.kind == "text":
        if value is None:
            return ""
        return value if isinstance(value, str) else str(value)
    return value


def _write_cell(cell: Any, spec: PlanField, value: Any, language: str) -> None:
    """Store a value in a cell: text always as text (never a formula), numbers formatted,
    choices named in ``language``."""
    if spec.kind == "choice" and value is not None:
        value = spec.choice(value, language)
    elif isinstance(value, float) and not math.isfinite(value):
        value = _display(spec, value, language)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    elif spec.kind == "date":
        cell.number_format = "yyyy-mm-dd"
    elif spec.key.endswith("_cny"):
        cell.number_format = "#,##0.00"
    elif spec.key in ("margin_rate", "roi"):
        cell.number_format = "0.0%"


def _display(spec: PlanField, value: Any, language: str | None = None) -> str:
    """A value as a reader of ``language`` (default: the current one) sees it: names for
    choice keys, grouped money, percentages, '—' if empty."""
    if value is None or value == "":
        return "—"
    if spec.kind == "choice":
        return spec.choice(value, language)
    if isinstance(value, dt.date):
        return value.isoformat()
    if spec.kind == "number":
        if spec.key in ("margin_rate", "roi"):
            return f"{value:.1%}"
        if math.isinf(value):
            return both("never", "不回收", language=_language(language))
        if spec.key.endswith("_cny"):
            return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
        if spec.key == "payback_months":
            return f"{value:.1f}"
        return f"{value:g}"
    return str(value)


def _text_width(text: str) -> int:
    """Width of the longest line in Excel columns; Chinese characters take two."""
    return max(
        sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)
        for line in text.split("\n")
    )


def _md_cell(text: str) -> str:
    return _markdown.escape(text, table=True)


def _html_cell(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _xlsx_path(path: Any) -> Path:
    from kamlib.workbook import check_file_path

    return check_file_path("path", path, suffix=".xlsx")


#: "Nothing yet" under an empty section, by language.
_NONE_YET = {"en": "None yet (暂无).", "zh": "暂无。"}
_HTML_LANG = {"en": "en", "zh": "zh-CN"}

_HTML_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: system-ui, "Noto Sans CJK SC", sans-serif; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; color: #222; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }}
th, td {{ border: 1px solid #bbb; padding: 0.3rem 0.5rem; text-align: left;
          vertical-align: top; }}
th {{ background: #eee; }}
</style>
</head>
<body>
{body}
</body>
</html>
"""
