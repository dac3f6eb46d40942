"""What the start-here notebook states about the thread account and the learner's workbook,
each fact recomputed here from the case data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kamlib import case, datasets, i18n, settings
from kamlib.lessons import start_here


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(i18n._state, "language", "zh")


def _thread_facts() -> dict:
    """The facts about the thread account, straight from the six tables."""
    today = settings.current().today
    year = today.year
    orders = datasets.load("transactions")
    mine = orders[orders["account_id"] == case.THREAD_ACCOUNT]
    this_year = mine[mine["date"].dt.year == year]
    account = datasets.load("accounts").set_index("account_id").loc[case.THREAD_ACCOUNT]
    recent = mine[(mine["date"] > today - pd.DateOffset(months=12)) & (mine["date"] <= today)]
    before = mine[(mine["date"] > today - pd.DateOffset(months=24))
                  & (mine["date"] <= today - pd.DateOffset(months=12))]
    visits = datasets.load("visits")
    done = visits[(visits["account_id"] == case.THREAD_ACCOUNT)
                  & (visits["date"].dt.year == year) & (visits["status"] == "done")]
    return {
        "year": year,
        "lines": this_year["line_id"].nunique(),
        "share": round(100 * this_year["revenue_cny"].sum() / account["capacity_cny"]),
        "change": round(100 * (recent["revenue_cny"].sum() / before["revenue_cny"].sum() - 1)),
        "visits": len(done),
        "name": account["name"],
        "name_zh": account["name_zh"],
    }


def test_the_thread_account_sentence_states_the_data() -> None:
    facts = _thread_facts()
    text = start_here.thread_account()
    assert f"**AC060 {facts['name']} ({facts['name_zh']})**" in text
    assert "a class A account" in text  # lecture 3's grid, as every widget computes it
    assert f"it buys {facts['lines']} of our 10 product lines" in text
    assert f"we supply only about {facts['share']}% of what it spends" in text
    trend = f"down {-facts['change']}%" if facts["change"] < 0 else f"up {facts['change']}%"
    assert f"its orders of the last 12 months are {trend} on the 12 months before" in text
    assert f"visited it {facts['visits']} times in {facts['year']}" in text


def test_the_thread_account_sentence_in_chinese(chinese: None) -> None:
    facts = _thread_facts()
    text = start_here.thread_account()
    assert f"**AC060 {facts['name_zh']}**" in text and facts["name"] not in text
    assert f"它买了其中 {facts['lines']} 条" in text and f"我们只占大约 {facts['share']}%" in text
    assert "A 级客户" in text and f"拜访了它 {facts['visits']} 次" in text


def test_the_saved_work_names_the_learners_own_file(workbook_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert f"`{workbook_path}`" in start_here.saved_work()
    assert "your trainer may ask for it" in start_here.saved_work()
    monkeypatch.setitem(i18n._state, "language", "zh")
    assert f"`{workbook_path}`" in start_here.saved_work()
    assert "作业本" in start_here.saved_work()
