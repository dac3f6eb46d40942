"""The self-check questions of each lecture (自测题), as data.

Each lecture's questions live in their own module (:mod:`kamlib.quizzes.lecture1`, …) as
:class:`Question` records: a recall question asks what a concept is, a scenario question
asks for a judgement in a situation a key account manager meets. Every option carries an
explanation of why it is right or wrong. A fact about the case data in a question is not
typed: the text holds a placeholder such as ``{cash_cow_share:.0%}`` that
:func:`questions` fills from :func:`case_facts`, computed from the data and the course
settings. :func:`questions` returns the dicts that :func:`kamlib.widgets.quiz.quiz_set`
takes, in the current language.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from kamlib.i18n import _
from kamlib.validation import fail

QUESTION_KINDS = ("recall", "scenario")
LECTURES = (1, 2, 3, 4)


@dataclass(frozen=True)
class Question:
    """One self-check question.

    ``key``: stable name (the learner's answer is saved under it); ``kind``: "recall" or
    "scenario"; ``syllabus``: the syllabus ID it checks; ``question``, ``options`` and
    ``explanations`` (one per option): English texts marked for translation, possibly with
    ``{fact}`` placeholders; ``answer``: the index of the right option, or a tuple of indices
    when several are right.
    """

    key: str
    kind: str
    syllabus: str
    question: str
    options: tuple[str, ...]
    answer: int | tuple[int, ...]
    explanations: tuple[str, ...]

    @property
    def right(self) -> tuple[int, ...]:
        """The indices of the right options."""
        return self.answer if isinstance(self.answer, tuple) else (self.answer,)


def records(lecture: int) -> tuple[Question, ...]:
    """The :class:`Question` records of ``lecture`` (1 to 4), untranslated.

    Parameters
    ----------
    lecture : int

    Returns
    -------
    tuple of Question

    Raises
    ------
    KamValueError
        If ``lecture`` is not 1, 2, 3 or 4.

    Examples
    --------
    >>> records(1)[0].key
    'definition'
    """
    if isinstance(lecture, bool) or lecture not in LECTURES:
        raise fail("lecture", lecture, "1, 2, 3 or 4")
    return importlib.import_module(f"kamlib.quizzes.lecture{lecture}").QUESTIONS


def case_facts() -> dict[str, Any]:
    """The facts of the case data that the questions quote, computed now.

    Returns
    -------
    dict
        ``year`` (the course's year), ``top_share`` (revenue share of the top 20% of
        accounts that year), ``cash_cow_share`` (revenue share of the BCG cash cows),
        ``pl03_revenue_m`` (PL03 marine antifouling revenue, million CNY),
        ``wind_accounts`` and ``wind_revenue_m`` (wind-energy accounts buying that year and
        their purchases), ``ac017_target_m`` (AC017's revenue + 15%, million CNY),
        ``keep_win_effect`` (the keep-vs-win model's profit change for 5 more points of
        retention under the handout's cost ratio), ``limit`` (the plausible-change limit, %),
        ``cts_losing`` (accounts that lose money that year once the course's cost to serve
        is counted).

    Examples
    --------
    >>> facts = case_facts()
    >>> facts["wind_accounts"], round(facts["wind_revenue_m"], 1)
    (10, 16.1)
    """
    from kamlib import account_analysis, bcg, case, datasets, economics, pareto, settings
    from kamlib.segmentation import industry_sales

    course = settings.current()
    accounts, transactions = datasets.load("accounts"), datasets.load("transactions")
    lines = bcg.bcg_table(datasets.load("product_lines"))
    sales = industry_sales(accounts, transactions)
    wind = sales[sales["industry"] == "wind energy"]
    book = case.scored_accounts().set_index("account_id")
    revenue = book["revenue_cny"][book["revenue_cny"] > 0]
    return {
        "year": course.case_year,
        "top_share": pareto.concentration(revenue).top_share,
        "cash_cow_share": float(lines.loc[lines["quadrant"] == "cash_cow", "revenue_share"].sum()),
        "pl03_revenue_m": float(sales.loc[sales["line_id"] == "PL03", "revenue_cny"].sum() / 1e6),
        "wind_accounts": int(wind["account_id"].nunique()),
        "wind_revenue_m": float(wind["revenue_cny"].sum() / 1e6),
        "ac017_target_m": float(book.loc["AC017", "revenue_cny"] * 1.15 / 1e6),
        "keep_win_effect": economics.check_handout_claim().effect_pct,
        "limit": course.plausible_change_pct,
        "cts_losing": int((account_analysis.profitability(
            transactions, datasets.load("visits"))["margin_after_cts_cny"] < 0).sum()),
    }


def questions(lecture: int, facts: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The questions of ``lecture`` as :func:`kamlib.widgets.quiz.quiz_set` takes them.

    Parameters
    ----------
    lecture : int
        1, 2, 3 or 4.
    facts : dict, optional
        The values of the placeholders (default: :func:`case_facts`).

    Returns
    -------
    list of dict
        Each with ``key``, ``question``, ``options``, ``answer`` (the right option's text, or
        a list of them) and ``explanations``, translated into the current language.

    Raises
    ------
    KamValueError
        If ``lecture`` is not 1, 2, 3 or 4.

    Examples
    --------
    >>> first = questions(1)[0]
    >>> first["answer"] in first["options"]
    True
    """
    chosen = records(lecture)
    values = case_facts() if facts is None else facts
    result = []
    for record in chosen:
        options = [_(option).format(**values) for option in record.options]
        right = [options[i] for i in record.right]
        result.append(
            {
                "key": record.key,
                "question": _(record.question).format(**values),
                "options": options,
                "answer": right if isinstance(record.answer, tuple) else right[0],
                "explanations": [_(text).format(**values) for text in record.explanations],
            }
        )
    return result
