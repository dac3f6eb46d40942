"""The case company's scored accounts: the one source every widget and exercise uses."""

from __future__ import annotations

import pytest

from kamlib import case, datasets, grid, pareto, settings
from kamlib.validation import KamValueError


def test_scores_follow_from_this_years_revenue_and_capacity() -> None:
    scored = case.scored_accounts().set_index("account_id")
    revenue = pareto.revenue_by_account(
        datasets.load("transactions"), start="2025-01-01", end="2025-12-31"
    )
    assert settings.current().case_year == 2025
    assert len(scored) == len(datasets.load("accounts"))
    buyer = revenue.index[0]
    assert scored.loc[buyer, "revenue_cny"] == revenue.iloc[0]
    cuts = settings.current().score_cuts_cny
    expected_x = sum(revenue.iloc[0] >= c for c in cuts)
    assert scored.loc[buyer, "x"] == expected_x
    prospects = scored["revenue_cny"] == 0
    assert prospects.any() and (scored.loc[prospects, "x"] == 0).all()
    assert (scored["x"] <= scored["y"]).all()


def test_classes_use_the_rules_given() -> None:
    default = case.classified_accounts()
    strict = case.classified_accounts(grid.ClassificationRules(a_min_x=4, a_min_y=4))
    assert set(default["account_class"].astype(str)) == {"A", "B", "C", "VIP"}
    assert (strict["account_class"] == "A").sum() < (default["account_class"] == "A").sum()


# ------------------------------------------------------------------- the studied account


def test_the_thread_account_shows_every_lesson():
    """AC060 carries through the three lectures: the facts that justify it, from the data."""
    from kamlib.case import THREAD_ACCOUNT, thread_facts

    facts = thread_facts(THREAD_ACCOUNT)
    assert facts["account_class"] == "A"  # lecture 3: XY class
    assert facts["stage"] == 4 and facts["signal"] == "declining"  # lecture 1: stage, risk
    assert facts["trend_pct"] < -10
    assert "Meet the new purchasing director" in facts["visit_topics"]  # staff change
    assert "Check payment of overdue invoices" in facts["visit_topics"]  # financial signs
    assert facts["share_of_wallet"] < 0.3  # lecture 2: penetration headroom
    assert facts["cross_sell"]  # a line its peers buy and it does not (product development)
    assert len(facts["quadrants"]) >= 3 and facts["largest_line_quadrant"] == "dog"  # BCG
    assert facts["people"] >= 5 and facts["visits_done"] >= 10  # files and visits to read
    assert facts["visits_missed"] >= 1 and facts["visits_planned"] >= 1


def test_studied_account_defaults_to_the_thread_and_keeps_the_choice(tmp_path):
    from kamlib.case import (
        STUDIED_SECTION,
        THREAD_ACCOUNT,
        StudiedAccount,
        set_studied_account,
        studied_account,
    )
    from kamlib.workbook import Workbook

    book = Workbook(tmp_path / "learner.json")
    assert studied_account(book) == StudiedAccount(THREAD_ACCOUNT)
    chosen = set_studied_account("AC017", workbook=book)
    assert chosen == StudiedAccount("AC017") and studied_account(book) == chosen
    assert book.get(STUDIED_SECTION)["account_id"] == "AC017"
    with pytest.raises(KamValueError, match="account_id: got 'AC999'"):
        set_studied_account("AC999", workbook=book)
    assert studied_account(book).account_id == "AC017"  # a refused choice changes nothing


def test_studied_account_from_a_crm_export(tmp_path):
    from kamlib.case import set_studied_account, studied_account
    from kamlib.workbook import Workbook

    export = tmp_path / "my_accounts.csv"
    export.write_text("account_id,name,industry,capacity_cny\nK1,Kunlun Motors,automotive parts,"
                      "5000000\n", encoding="utf-8")
    book = Workbook(tmp_path / "learner.json")
    chosen = set_studied_account("K1", accounts_file=str(export), workbook=book)
    assert (chosen.source, chosen.accounts_file) == ("crm", str(export))
    assert studied_account(book) == chosen
    with pytest.raises(KamValueError, match="account_id: got 'K2'"):
        set_studied_account("K2", accounts_file=str(export), workbook=book)
    export.unlink()  # the export moved: the choice is set aside with a warning
    with pytest.warns(UserWarning, match="Studying AC060 instead"):
        assert studied_account(book).account_id == "AC060"
