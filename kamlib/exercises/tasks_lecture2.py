"""Checks of exercise 2, "Market environment and the annual plan" (市场环境分析与制定年度计划).

Tasks 2.1 to 2.9. Expected answers come from the case data at check time or from salted
hashes. :func:`swot_problem` and :func:`smart_problem` are also used by the capstone.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

import pandas as pd

from kamlib import bcg, case, datasets, goals, swot
from kamlib.budget import BudgetLine, plan_roi
from kamlib.exercises.feedback import (
    Task,
    choice_problem,
    hash_answer,
    ids_problem,
    number_problem,
    register,
)

#: Task 2.1: the product line whose relative market share is asked.
SHARE_LINE = "PL05"
#: Tasks 2.2 and 2.9: the product line to place on the BCG matrix and advise on.
BCG_LINE = "PL09"
#: Task 2.4: each SWOT quadrant needs at least this many items.
MIN_SWOT_ITEMS = 2
#: Task 2.5: TOWS strategies asked, and the shortest useful strategy text.
TOWS_KEYS = ("SO", "ST", "WO", "WT")
MIN_TOWS_STRATEGIES = 2
MIN_TEXT_CHARACTERS = 20
#: Task 2.7: the strategy the goal serves and AC002's revenue this year (CNY, to 0.1 million),
#: computed from the case data so that the baseline never drifts from it.
SMART_ACCOUNT = "AC002"
SMART_STRATEGY = f"market penetration of waterborne coatings at Xiangyang Jiexin ({SMART_ACCOUNT})"
SMART_BASELINE_CNY = int(
    round(case.scored_accounts().set_index("account_id").at[SMART_ACCOUNT, "revenue_cny"], -5)
)
#: Task 2.8: the plan to price (the notebook states the same figures).
ROI_BUDGET = (
    BudgetLine("line trial of the waterborne primer", 60_000, "product"),
    BudgetLine("technical seminar for the customer's engineers", 30_000, "promotion"),
    BudgetLine("60-day payment terms (financing cost)", 30_000, "price"),
)
ROI_REVENUE_GAIN_CNY = 900_000
ROI_MARGIN_RATE = 0.25

QUADRANT_KEYS = tuple(quadrant.key for quadrant in bcg.QUADRANTS)
STRATEGIES = tuple(quadrant.strategy for quadrant in bcg.QUADRANTS)
ANSOFF_KEYS = ("market_penetration", "product_development", "market_development",
               "diversification")  # fmt: skip
_WIND_BLADES_DIGEST = "af781b24054f0b9a40421d9453b12f2d314abaf6786c69e17d00fd21ba29e2e6"


def _lines() -> pd.DataFrame:
    return bcg.bcg_table(datasets.load("product_lines")).set_index("line_id")


def swot_problem(answer: Any, _expected: Any = None) -> str | None:
    """Judge a :class:`kamlib.swot.SWOT` with at least two items in every quadrant."""
    if not isinstance(answer, swot.SWOT):
        return f"should be a kamlib.swot.SWOT (the board's .swot); it is {type(answer).__name__}."
    short = [
        quadrant.key
        for quadrant in swot.SWOT_QUADRANTS
        if len(answer.items(quadrant.key)) < MIN_SWOT_ITEMS
    ]
    if short:
        return f"has fewer than {MIN_SWOT_ITEMS} items in: {', '.join(short)}."
    return None


def tows_problem(answer: Any, _expected: Any = None) -> str | None:
    """Judge TOWS strategies in words: {"SO": text, "WT": text, ...}, at least two."""
    if not isinstance(answer, Mapping):
        return f"should be a dict like {{'SO': '...', 'WT': '...'}}; it is {type(answer).__name__}."
    unknown = sorted(str(key) for key in answer if key not in TOWS_KEYS)
    if unknown:
        return f"has key(s) {', '.join(unknown)}; use {', '.join(TOWS_KEYS)}."
    short = [key for key, text in answer.items()
             if not isinstance(text, str) or len(text.strip()) < MIN_TEXT_CHARACTERS]
    if short:
        return f"needs a strategy in words (a sentence) under {', '.join(short)}."
    if len(answer) < MIN_TOWS_STRATEGIES:
        return f"gives {len(answer)} strategy; give at least {MIN_TOWS_STRATEGIES}."
    return None


def smart_problem(
    answer: Any, _expected: Any = None, *, strategy: str | None = None,
    baseline: float | None = None,
) -> str | None:
    """Judge a goal that must meet all five SMART letters (with ``strategy``/``baseline``)."""
    if not isinstance(answer, str) or not answer.strip():
        return f"should be the goal as text (a str); it is {type(answer).__name__}."
    report = goals.check_smart(answer, strategy=strategy, baseline=baseline)
    if report.passed:
        return None
    failed = [letter for letter, verdict in report.letters.items() if not verdict.passed]
    return f"meets {report.score}/5 letters; still failing: {', '.join(failed)}."


register(
    Task(
        "2.1",
        "answer_2_1",
        asks=f"the relative market share of {SHARE_LINE} (our share / largest rival's share)",
        why="Above 1X we lead the market: the horizontal split of the BCG matrix.",
        judge=number_problem,
        expected=lambda: float(_lines().loc[SHARE_LINE, "relative_share"]),
        hint="bcg.relative_market_share(own_share_pct, largest_rival_share_pct).",
    )
)
register(
    Task(
        "2.2",
        "answer_2_2",
        asks=f"the BCG quadrant key of {BCG_LINE}, one of {', '.join(QUADRANT_KEYS)}",
        why="The quadrant says whether a line earns cash or needs it.",
        judge=partial(choice_problem, options=QUADRANT_KEYS),
        expected=lambda: hash_answer(str(_lines().loc[BCG_LINE, "quadrant"])),
        hint="growth splits at 10%, relative share at 1X.",
    )
)
register(
    Task(
        "2.3",
        "answer_2_3",
        asks="the list of line ids that are cash cows (现金牛类)",
        why="Cash cows fund the stars and question marks.",
        judge=partial(ids_problem, what="product line"),
        expected=lambda: _lines().index[_lines()["quadrant"] == "cash_cow"].tolist(),
    )
)
register(
    Task(
        "2.4",
        "answer_2_4",
        asks=f"the SWOT of AC002 with at least {MIN_SWOT_ITEMS} items in each quadrant",
        why="Strengths and weaknesses are ours to change; opportunities and threats are not.",
        judge=swot_problem,
    )
)
register(
    Task(
        "2.5",
        "answer_2_5",
        asks="a dict of at least two TOWS strategies in words, e.g. {'SO': ..., 'WT': ...}",
        why="TOWS turns the SWOT list into strategies: pair an inside item with an outside one.",
        judge=tows_problem,
    )
)
register(
    Task(
        "2.6",
        "answer_2_6",
        asks=f"the Ansoff strategy key, one of {', '.join(ANSOFF_KEYS)}",
        why="Known products in an unknown market: medium risk, plan the learning.",
        judge=partial(choice_problem, options=ANSOFF_KEYS),
        expected=lambda: _WIND_BLADES_DIGEST,
        hint="are the products new? is the market new?",
    )
)
register(
    Task(
        "2.7",
        "answer_2_7",
        asks="a goal for AC002 that the SmartCoach scores 5/5 (with the task's strategy and "
        "baseline)",
        why="A SMART goal can be checked at the end of the year, and everyone reads it alike.",
        judge=partial(smart_problem, strategy=SMART_STRATEGY, baseline=SMART_BASELINE_CNY),
    )
)
register(
    Task(
        "2.8",
        "answer_2_8",
        asks="the ROI of the plan as a fraction (0.5 = 50%)",
        why="ROI compares the margin a plan brings with what it costs.",
        judge=number_problem,
        expected=lambda: plan_roi(list(ROI_BUDGET), ROI_REVENUE_GAIN_CNY, ROI_MARGIN_RATE).roi,
        hint="budget.plan_roi(lines, expected_revenue_gain_cny, margin_rate).roi",
    )
)
register(
    Task(
        "2.9",
        "answer_2_9",
        asks=f"the BCG strategy for {BCG_LINE}, one of {', '.join(STRATEGIES)}",
        why="Each quadrant has its typical strategy; the key account may still need the line.",
        judge=partial(choice_problem, options=STRATEGIES),
        expected=lambda: hash_answer(
            next(q.strategy for q in bcg.QUADRANTS if q.key == _lines().loc[BCG_LINE, "quadrant"])
        ),
    )
)
