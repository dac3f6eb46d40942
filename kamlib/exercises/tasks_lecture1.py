"""Exercise 1, "Overview of KAM" (大客户管理的概述与发展): tasks 1.1 to 1.9.

What each task asks and which widget takes the answer; no expected answer is computed here
(the grader's :mod:`kamlib.grading.expected` does that). :func:`ratings_problem` is also the
rubric of the capstone's task 4.3.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from kamlib import case, stages, uncoupling
from kamlib.exercises.tasks import TaskSpec, register
from kamlib.formatting import company_name, money
from kamlib.i18n import N_, _
from kamlib.tables import Table, show
from kamlib.validation import KamValueError

#: Tasks 1.1 and 1.2: the year and the top share of accounts measured.
PARETO_YEAR = 2024
PARETO_TOP = 0.10
#: Task 1.3: retention over two years: the 2023 buyers still buying in 2025.
RETENTION_FROM, RETENTION_TO = 2023, 2025
#: Task 1.4: the handout's upper keep-cost ratio and the fall in retention to price.
KEEP_COST_RATIO = 0.5
RETENTION_FALL = 0.05
#: Task 1.5: the accounts to sort into uncoupling (stage 6) or not.
STAGE_CANDIDATES = ("AC011", "AC022", "AC055", "AC060", "AC077", "AC103", "AC140", "AC150")
#: Task 1.6: the account whose relationship stage is asked.
STAGE_ACCOUNT = "AC045"
#: Task 1.7: the account whose uncoupling risks are rated; a useful audit rates 3+ causes.
AUDIT_ACCOUNT = "AC005"
MIN_RATED_FACTORS = 3
#: Task 1.9: the shortest written advice worth reading.
MIN_ADVICE_CHARACTERS = 150


def stage_candidates_table() -> Table:
    """Task 1.5's accounts with what their orders say: revenue of the last 12 months and of
    the 12 before, and the days since the last order, in the course's language.

    Returns
    -------
    kamlib.tables.Table

    Examples
    --------
    >>> "AC060" in stage_candidates_table().html
    True
    """
    from kamlib import datasets

    accounts = datasets.load("accounts").set_index("account_id")
    trend = case.revenue_trends().loc[list(STAGE_CANDIDATES)]
    recent, previous = _("revenue, last 12 months"), _("revenue, the 12 months before")
    table = pd.DataFrame({
        _("name"): [company_name(accounts.loc[account]) for account in STAGE_CANDIDATES],
        recent: trend["recent"].to_numpy(),
        previous: trend["previous"].to_numpy(),
        _("days since the last order"): trend["days_since_last_order"].to_numpy(),
    }, index=pd.Index(STAGE_CANDIDATES, name=_("account")))
    return show(table, money=[recent, previous])


def audit_brief() -> str:
    """Task 1.7's account in one line of Markdown: VIP or not, its revenue of the last 12
    months against the 12 before, and its revenue signal, in the course's language.

    Returns
    -------
    str

    Examples
    --------
    >>> print(audit_brief())  # doctest: +ELLIPSIS
    **AC005**, a VIP heavyweight: revenue of the last 12 months CNY 1.1 m against CNY 6.4 m ...
    """
    from kamlib import datasets

    vip = bool(datasets.load("accounts").set_index("account_id").loc[AUDIT_ACCOUNT, "vip"])
    trend = case.revenue_trends().loc[AUDIT_ACCOUNT]
    template = (_("**{account}**, a VIP heavyweight: revenue of the last 12 months {recent} "
                  "against {previous} in the 12 before; signal: {signal}.") if vip else
                _("**{account}**, not a VIP: revenue of the last 12 months {recent} against "
                  "{previous} in the 12 before; signal: {signal}."))
    return template.format(account=AUDIT_ACCOUNT, recent=money(trend["recent"], short=True),
                           previous=money(trend["previous"], short=True),
                           signal=_(uncoupling.TREND_SIGNAL_NAMES[trend["signal"]]))


ADVICE_OPTIONS = (
    ("hunt", N_("Hunt new accounts first")),
    ("protect", N_("Protect and grow the top accounts first")),
    ("alike", N_("Treat all accounts alike")),
)


def ratings_problem(answer: Any, _workbook: Mapping[str, Any] | None = None) -> str | None:
    """Rubric: uncoupling ratings {factor key: 0–3} with at least three causes above 0."""
    if not isinstance(answer, Mapping):
        return _("should be the audit's ratings (rate the causes in the audit above).")
    try:
        uncoupling.risk_audit(dict(answer))
    except KamValueError as error:
        return _("has a problem: {error}").format(error=error)
    rated = sum(1 for value in answer.values() if value > 0)
    if rated < MIN_RATED_FACTORS:
        return _("rates {rated} cause(s) above 0; rate at least {n}: look at the warning signs "
                 "of each cause.").format(rated=rated, n=MIN_RATED_FACTORS)
    return None


def _candidates() -> list[tuple[str, str]]:
    from kamlib import datasets

    names = datasets.load("accounts").set_index("account_id")["name"]
    return [(account, f"{account} {names[account]}") for account in STAGE_CANDIDATES]


register(TaskSpec(
    "1.1",
    N_("What share of {year} revenue did the top {top:.0%} of accounts bring? (in %)"),
    "number", unit="%", tolerance=0.5, facts={"year": PARETO_YEAR, "top": PARETO_TOP},
    why=N_("A few accounts carry the business: that is why they get their own managers."),
    hint=N_("In the 80/20 explorer, pick the year and move the slider to the top share asked."),
))
register(TaskSpec(
    "1.2",
    N_("How many accounts together brought 80% of {year} revenue?"),
    "number", unit=N_("accounts"), facts={"year": PARETO_YEAR},
    why=N_("Compare it with the number of accounts that bought: far fewer than 80% of them."),
    hint=N_("The explorer's sentence counts them for the year you pick."),
))
register(TaskSpec(
    "1.3",
    N_("What share of the accounts that bought in {start} still bought in {end}? (in %)"),
    "number", unit="%", tolerance=0.1, facts={"start": RETENTION_FROM, "end": RETENTION_TO},
    why=N_("Retention is the base of the keep-vs-win economics."),
    hint=N_("Divide the accounts that bought in both years by those that bought in the first."),
))
register(TaskSpec(
    "1.4",
    N_("By how many % would yearly profit change if retention fell by 5 points? "
       "(a negative number, in %)"),
    "number", unit="%", tolerance=1.0,
    why=N_("A small fall in retention costs a large share of profit: keeping pays."),
    hint=N_("In the calculator: retention = your answer to 1.3 rounded to whole %, "
            "improved retention 5 points lower, keeping cost 50% of winning."),
))
register(TaskSpec(
    "1.5",
    N_("Tick the accounts whose relationship is in stage 6, uncoupling (中断大客户管理)."),
    "tick", options=_candidates,
    why=N_("These relationships are breaking: each needs a rescue plan or a conscious exit."),
    hint=N_("Uncoupling shows in the orders: revenue halved, or no order for 180 days."),
))
register(TaskSpec(
    "1.6",
    N_("Which stage is the relationship with {account} in?"),
    "choice", facts={"account": STAGE_ACCOUNT},
    options=tuple((str(s.number), f"{s.number} {s.en} ({s.zh})") for s in stages.STAGES),
    why=N_("The stage says who must talk to whom to deepen the relationship."),
    hint=N_("Who is in contact with whom, and is there a joint team?"),
))
register(TaskSpec(
    "1.7",
    N_("Rate the causes of uncoupling for {account} in the audit: at least three above 0."),
    "widget", facts={"account": AUDIT_ACCOUNT}, section=f"exercise1/uncoupling/{AUDIT_ACCOUNT}",
    field="ratings",
    compare=None, rubric=ratings_problem,
    why=N_("Naming the causes turns a falling account into a list of actions."),
))
register(TaskSpec(
    "1.8",
    N_("Which advice sums up your results for the sales director?"),
    "choice", options=ADVICE_OPTIONS,
    why=N_("Where the hours go decides what the year brings: spend them where it pays most."),
    hint=N_("Look again at your answers to 1.1, 1.2 and 1.4."),
))
register(TaskSpec(
    "1.9",
    N_("Write three or four sentences to the sales director: what do your results mean for "
       "where account managers spend their time, and why is key account management more than "
       "key account selling?"),
    "text", compare=None, manual=True, min_length=MIN_ADVICE_CHARACTERS,
))
