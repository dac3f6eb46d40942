"""Exercise 2, "Market environment and the annual plan" (市场环境分析与制定年度计划).

Tasks 2.1 to 2.11: what each asks and which widget takes the answer; no expected answer is
computed here. :func:`swot_problem` and :func:`smart_problem` are also capstone rubrics.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import pandas as pd

from kamlib import ansoff, bcg, datasets, goals, settings, swot
from kamlib.exercises.tasks import Field, TaskSpec, register
from kamlib.formatting import company_name, money
from kamlib.i18n import N_, _, get_language

#: Tasks 2.1–2.3 and 2.10: the course's own 2026 scenario for Huaxin's product lines (an
#: assumption for the exercise, not a forecast from a source): what changes, line by line.
SCENARIO_2026 = {
    "PL05": {"market_growth_pct": 8.0},  # PU adhesives: the market slows
    "PL06": {"market_growth_pct": 11.0},  # silicone sealants: new building standards
    "PL07": {"largest_rival_share_pct": 21.0},  # potting compounds: two rivals merge
    "PL10": {"market_growth_pct": 10.5},  # hot-melt adhesives: e-commerce packaging
}
#: Task 2.1: the line whose relative share changes; 2.2 and 2.10: the line placed and advised on.
SHARE_LINE = "PL07"
ADVICE_LINE = "PL06"
#: Task 2.4: each SWOT quadrant needs at least this many items.
MIN_SWOT_ITEMS = 2
SWOT_ACCOUNT = "AC002"
#: Task 2.5: TOWS strategies asked, and the shortest useful strategy text.
TOWS_KEYS = ("SO", "ST", "WO", "WT")
MIN_TOWS_STRATEGIES = 2
MIN_TEXT_CHARACTERS = 20
#: Task 2.8: the strategy the goal serves; its baseline is the account's revenue this year.
SMART_ACCOUNT = "AC002"
SMART_STRATEGY = N_("market penetration of waterborne coatings at Xiangyang Jiexin ({account})")
#: Task 2.9: the plan to price (the notebook states the same figures).
ROI_BUDGET = (
    ("line trial of the waterborne primer", 60_000, "product"),
    ("technical seminar for the customer's engineers", 30_000, "promotion"),
    ("60-day payment terms (financing cost)", 30_000, "price"),
)
ROI_REVENUE_GAIN_CNY = 900_000
ROI_MARGIN_RATE = 0.25
MIN_WRITTEN_CHARACTERS = 120

QUADRANT_OPTIONS = tuple((q.key, f"{q.en.capitalize()} ({q.zh})") for q in bcg.QUADRANTS)
STRATEGY_OPTIONS = tuple((q.strategy, q.strategy) for q in bcg.QUADRANTS)
ANSOFF_OPTIONS = tuple((s.key, f"{s.en.capitalize()} ({s.zh})") for s in ansoff.ANSOFF)


@functools.cache
def smart_baseline() -> int:
    """AC002's revenue this year (CNY, to 0.1 million): the SMART coach's baseline in 2.8."""
    from kamlib import case

    revenue = case.scored_accounts().set_index("account_id").at[SMART_ACCOUNT, "revenue_cny"]
    return int(round(revenue, -5))


def smart_strategy() -> str:
    """Task 2.8's strategy, which the learner's goal must serve, in the course's language.

    Returns
    -------
    str

    Examples
    --------
    >>> smart_strategy()
    'market penetration of waterborne coatings at Xiangyang Jiexin (AC002)'
    """
    return _(SMART_STRATEGY).format(account=SMART_ACCOUNT)


def smart_brief() -> str:
    """What the SMART coach of task 2.8 compares the goal with: the strategy, the baseline
    and the plausible change a year (the course settings), as one line of Markdown.

    Returns
    -------
    str

    Examples
    --------
    >>> print(smart_brief())  # doctest: +ELLIPSIS
    **Strategy:** market penetration ... (AC002) · **baseline:** CNY ... · **plausible ...
    """
    return _("**Strategy:** {strategy} · **baseline:** {baseline} · **plausible change a "
             "year:** up to +{change:g}%").format(
        strategy=smart_strategy(), baseline=money(smart_baseline()),
        change=settings.current().plausible_change_pct)


def industries_served() -> str:
    """The industries of Huaxin's accounts (task 2.7 asks about a new one), as one line of
    Markdown in the course's language.

    Returns
    -------
    str

    Examples
    --------
    >>> print(industries_served())  # doctest: +ELLIPSIS
    **Industries Huaxin serves:** automotive parts, construction machinery, electronics, ...
    """
    served = sorted(datasets.load("accounts")["industry"].astype(str).unique())
    return _("**Industries Huaxin serves:** {industries}").format(
        industries=_(", ").join(_(industry) for industry in served))


def swot_title() -> str:
    """The title of task 2.4's SWOT board: the account's short name and ID, in the course's
    language.

    Returns
    -------
    str

    Examples
    --------
    >>> swot_title()
    'SWOT of Xiangyang Jiexin Appliances (AC002)'
    """
    account = datasets.load("accounts").set_index("account_id").loc[SWOT_ACCOUNT]
    return _("SWOT of {name} ({account})").format(name=company_name(account, short=True),
                                                  account=SWOT_ACCOUNT)


def scenario_table() -> pd.DataFrame:
    """Tasks 2.1–2.3: Huaxin's product lines today beside the 2026 scenario's changes.

    Returns
    -------
    pandas.DataFrame
        One row per line (index ``line_id``): its name in the course's language, today's
        market growth, own share and largest rival's share (per cent), then each changed
        figure "… in 2026" (empty where the scenario keeps today's).

    Examples
    --------
    >>> scenario_table().loc["PL06", "market_growth_pct in 2026"]
    11.0
    """
    lines = datasets.load("product_lines").set_index("line_id")
    shown = lines[["name", "market_growth_pct", "own_share_pct", "largest_rival_share_pct"]]
    shown = shown.assign(name=lines["name_zh" if get_language() == "zh" else "name"])
    scenario = pd.DataFrame(SCENARIO_2026).T.add_suffix(" in 2026")
    changed = shown.join(scenario)
    return changed.astype({column: object for column in scenario.columns}).where(
        changed.notna(), "")


def _lines() -> list[tuple[str, str]]:
    from kamlib import datasets

    lines = datasets.load("product_lines")
    return [(row.line_id, f"{row.line_id} {row.name}") for row in lines.itertuples()]


def swot_problem(answer: Any, _workbook: Mapping[str, Any] | None = None) -> str | None:
    """Rubric: a SWOT (the board's saved ``swot``) with at least two items in every quadrant."""
    try:
        board = swot.SWOT.from_dict(answer) if isinstance(answer, Mapping) else None
    except (ValueError, TypeError, KeyError):
        board = None
    if board is None:
        return _("should be the SWOT board's items (fill the board above).")
    short = [_(q.en) for q in swot.SWOT_QUADRANTS if len(board.items(q.key)) < MIN_SWOT_ITEMS]
    if short:
        return _("has fewer than {n} items in: {quadrants}.").format(
            n=MIN_SWOT_ITEMS, quadrants=_(", ").join(short))
    return None


def tows_problem(answer: Any, _workbook: Mapping[str, Any] | None = None) -> str | None:
    """Rubric: rows of the TOWS table, at least two strategies written as sentences."""
    written = [row for row in answer if str(row.get("strategy", "")).strip()]
    short = [row["row"] for row in written if len(row["strategy"]) < MIN_TEXT_CHARACTERS]
    if short:
        return _("needs a strategy in words (a sentence) under {keys}.").format(
            keys=_(", ").join(short))
    if len(written) < MIN_TOWS_STRATEGIES:
        return _("gives {n} strategy; give at least {low}.").format(
            n=len(written), low=MIN_TOWS_STRATEGIES)
    return None


def smart_problem(answer: Any, _workbook: Mapping[str, Any] | None = None, *,
                  strategy: str | None = None, baseline: float | None = None) -> str | None:
    """Rubric: a goal that meets all five SMART letters (with ``strategy``/``baseline``)."""
    if not isinstance(answer, str) or not answer.strip():
        return _("should be the goal as text.")
    report = goals.check_smart(answer, strategy=strategy, baseline=baseline)
    if report.passed:
        return None
    failed = [letter for letter, verdict in report.letters.items() if not verdict.passed]
    return _("meets {score}/5 letters; still failing: {letters}.").format(
        score=report.score, letters=_(", ").join(failed))


def _coached_goal(answer: Any, workbook: Mapping[str, Any]) -> str | None:
    return smart_problem(answer, workbook, strategy=smart_strategy(), baseline=smart_baseline())


register(TaskSpec(
    "2.1",
    N_("In the 2026 scenario, what is the relative market share of {line}? (e.g. 1.25)"),
    "number", unit="x", tolerance=0.01, facts={"line": SHARE_LINE},
    why=N_("Relative share compares us with the strongest rival: the matrix's horizontal split."),
    hint=N_("Our share divided by the largest rival's share, with the scenario's figures."),
))
register(TaskSpec(
    "2.2",
    N_("In the 2026 scenario, which quadrant of the BCG matrix is {line} in?"),
    "choice", options=QUADRANT_OPTIONS, facts={"line": ADVICE_LINE},
    why=N_("The quadrant says whether a line earns cash or needs it."),
    hint=N_("Growth splits at 10%, relative share at 1.0."),
))
register(TaskSpec(
    "2.3",
    N_("In the 2026 scenario, tick every product line that is a cash cow (现金牛类)."),
    "tick", options=_lines,
    why=N_("Cash cows fund the stars and question marks."),
    hint=N_("Enter the scenario's changes in the BCG table and read the chart again."),
))
register(TaskSpec(
    "2.4",
    N_("Fill the SWOT board of {account}: at least two items in each quadrant."),
    "widget", section=f"exercise2/swot/{SWOT_ACCOUNT}", field="swot", compare=None,
    rubric=swot_problem, facts={"account": SWOT_ACCOUNT},
    why=N_("Strengths and weaknesses are ours to change; opportunities and threats are not."),
))
register(TaskSpec(
    "2.5",
    N_("Write at least two TOWS strategies, each a full sentence."),
    "table", rows=TOWS_KEYS, fields=(Field("strategy", N_("Strategy")),), min_rows=0,
    max_rows=len(TOWS_KEYS), compare=None, rubric=tows_problem,
    why=N_("TOWS turns the SWOT list into strategies: an inside item paired with an outside one."),
))
register(TaskSpec(
    "2.6",
    N_("Which of your TOWS strategies would you start with, and why?"),
    "text", compare=None, manual=True, min_length=MIN_WRITTEN_CHARACTERS,
))
register(TaskSpec(
    "2.7",
    N_("Huaxin plans to sell its existing PU adhesives to makers of medical devices. Which "
       "growth strategy is that?"),
    "choice", options=ANSOFF_OPTIONS,
    why=N_("Naming the strategy names its risk and what has to be learned first."),
    hint=N_("Are the products new to Huaxin? Is the market?"),
))
register(TaskSpec(
    "2.8",
    N_("Coach a goal for {account} in the SMART coach until all five letters pass."),
    "widget", section=f"exercise2/smart/{SMART_ACCOUNT}", field="draft", compare=None,
    rubric=_coached_goal, facts={"account": SMART_ACCOUNT},
    why=N_("A SMART goal can be checked at the end of the year, and everyone reads it alike."),
))
register(TaskSpec(
    "2.9",
    N_("What is the plan's return on investment (ROI)? (in %)"),
    "number", unit="%", tolerance=0.1,
    why=N_("ROI compares the margin a plan brings with what it costs."),
    hint=N_("Margin gained = revenue gain × margin rate; ROI = (margin gained − cost) / cost."),
))
register(TaskSpec(
    "2.10",
    N_("Which typical BCG strategy fits {line} in the 2026 scenario?"),
    "choice", options=STRATEGY_OPTIONS, facts={"line": ADVICE_LINE},
    why=N_("Each quadrant has its typical strategy; a key account may still need the line."),
))
register(TaskSpec(
    "2.11",
    N_("Advise the product director in three sentences: what to do with {line} in 2026, and "
       "where the money for it comes from."),
    "text", compare=None, manual=True, min_length=MIN_WRITTEN_CHARACTERS,
    facts={"line": ADVICE_LINE},
))
