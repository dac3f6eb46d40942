"""OpportunityRanking [L3.1] driven as a learner would, and its view plot_opportunities."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
import pytest
from helpers import figure_texts, saved

from kamlib import case, datasets, priority, settings, stages
from kamlib.validation import KamValueError
from kamlib.views import plot_opportunities
from kamlib.widgets import OpportunityRanking

SECTION = "opportunity_ranking"


@pytest.fixture(scope="module")
def case_data() -> dict:
    """The rankings recomputed here, independently of the widget."""
    accounts, orders = datasets.load("accounts"), datasets.load("transactions")
    found = stages.relationship_stages(datasets.load("contacts"), orders, accounts,
                                       as_of=settings.current().today)
    people = datasets.load("people")
    known = accounts.loc[~accounts["account_id"].isin(orders["account_id"]), "account_id"]
    known = known[known.isin(people["account_id"])]
    return {"accounts": accounts, "orders": orders, "stages": found, "known": set(known)}


@pytest.fixture
def course_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "course_settings.toml"
    path.write_bytes(settings.DEFAULTS_FILE.read_bytes())
    monkeypatch.setenv(settings.SETTINGS_VARIABLE, str(path))
    return path


def test_it_opens_on_the_course_chances_and_saves_nothing(workbook_path: Path) -> None:
    w = OpportunityRanking(account_id="AC060")
    course = settings.current()
    assert w.by_stage == dict(course.win_probability_by_stage)
    assert w.prospect == dict(course.prospect_win_probability)
    assert w.value == {"by_stage": None, "prospect": None, "ratings": {}}
    assert "The course's chances" in html.unescape(w.whose.value)
    assert w.account_text.value.count("AC060 ranks") == 1
    assert w.prospect_picker.value == w.wishes["account_id"].iloc[0]  # the top of the wish file
    assert w.account_chart.png and w.wish_chart.png
    assert not workbook_path.exists()


def test_a_stage_chance_reranks_the_accounts_and_is_saved(workbook_path: Path,
                                                          case_data: dict) -> None:
    w = OpportunityRanking(account_id="AC060")
    w.stage_sliders["uncoupling"].value = 0.6
    chances = {**settings.current().win_probability_by_stage, "uncoupling": 0.6}
    book = case.scored_accounts()
    size = (book["capacity_cny"] - book["revenue_cny"]).clip(lower=0)
    stage = book["account_id"].map(case_data["stages"].set_index("account_id")["key"])
    value = (size * stage.map(chances)).where(stage != "pre_kam").dropna()
    best = book.loc[value.sort_values(ascending=False, kind="stable").index[0], "account_id"]
    assert w.ranked["account_id"].iloc[0] == best
    assert w.ranked.set_index("account_id").loc["AC005", "probability"] == 0.6
    mine = w.ranked.set_index("account_id").loc["AC060"]
    assert f"AC060 ranks {mine['rank']} of {len(w.ranked)}" in w.account_text.value
    assert saved(workbook_path, SECTION)["by_stage"]["uncoupling"] == 0.6
    assert "Your what-if chances" in html.unescape(w.whose.value)
    assert settings.current().win_probability_by_stage["uncoupling"] == 0.1  # course unchanged


def test_a_prospect_rated_by_the_learner_moves_in_the_wish_file(workbook_path: Path,
                                                                 case_data: dict) -> None:
    w = OpportunityRanking()
    w.prospect_picker.value = "AC100"
    w.own_slider.value = 0.3
    capacity = case_data["accounts"].set_index("account_id")["capacity_cny"]
    wishes = w.wishes.set_index("account_id")
    assert wishes.loc["AC100", "expected_value_cny"] == pytest.approx(capacity["AC100"] * 0.3)
    expected = {a: (0.25 if a in case_data["known"] else 0.1) for a in wishes.index}
    others = pd.Series({a: capacity[a] * expected[a] for a in wishes.index if a != "AC100"})
    assert wishes.loc["AC100", "rank"] == 1 + int((others > capacity["AC100"] * 0.3).sum())
    assert "AC100 ranks" in w.wish_text.value and "× 30%" in w.wish_text.value
    assert saved(workbook_path, SECTION)["ratings"] == {"AC100": 0.3}
    w.forget_button.click()
    assert saved(workbook_path, SECTION)["ratings"] == {}
    assert w.own_slider.value == pytest.approx(expected["AC100"])


def test_saved_chances_and_ratings_come_back_and_the_course_button_resets(
        workbook_path: Path) -> None:
    first = OpportunityRanking()
    first.prospect_sliders["cold"].value = 0.2
    first.rate("AC063", 0.35)
    again = OpportunityRanking()
    assert again.prospect["cold"] == 0.2 and again.ratings == {"AC063": 0.35}
    again.course_button.click()
    assert again.prospect == dict(settings.current().prospect_win_probability)
    assert saved(workbook_path, SECTION) == {"by_stage": None, "prospect": None,
                                             "ratings": {"AC063": 0.35}}


def test_the_instructor_makes_the_chances_the_courses(workbook_path: Path,
                                                      course_settings: Path) -> None:
    w = OpportunityRanking()
    w.stage_sliders["early"].value = 0.15
    w.publish_button.click()
    assert settings.current().win_probability_by_stage["early"] == 0.15
    assert "early = 0.15" in course_settings.read_text()
    assert "course settings" in w.error
    assert saved(workbook_path, SECTION)["by_stage"] is None  # no what-if left
    ranked = priority.account_opportunities(case.scored_accounts(), w._data.stages)
    assert ranked["probability"].tolist() == w.ranked["probability"].tolist()


def test_bad_ratings_and_saved_work_are_shown_not_raised(workbook_path: Path) -> None:
    w = OpportunityRanking()
    w.rate("AC060", 0.5)  # buys from us: not a prospect
    assert "prospect: got 'AC060'" in w.error and w.ratings == {}
    w.rate("AC063", 1.5)
    assert "chance: got 1.5" in w.error
    from kamlib.workbook import Workbook

    Workbook(workbook_path).set(SECTION, {"by_stage": {"early": 3}, "ratings": {}})
    damaged = OpportunityRanking()
    assert "ignored" in damaged.error and damaged.by_stage["early"] == 0.2


def test_a_prospect_as_the_followed_account(workbook_path: Path) -> None:
    w = OpportunityRanking(account_id="AC063")
    assert "AC063 does not buy from us yet" in w.account_text.value
    assert w.prospect_picker.value == "AC063" and "AC063 ranks 1 of" in w.wish_text.value
    with pytest.raises(KamValueError, match="account_id: got 'AC999'"):
        OpportunityRanking(account_id="AC999")


def test_chinese_labels(workbook_path: Path) -> None:
    w = OpportunityRanking(language="zh", account_id="AC060")
    assert w.stage_sliders["partnership"].description == "伙伴式管理阶段"
    name = datasets.load("accounts").set_index("account_id").loc["AC063", "name_zh"]
    assert (f"AC063 · {name}", "AC063") in w.prospect_picker.options
    assert "万元" in w.account_text.value


def test_plot_opportunities_adds_the_highlighted_account_below_the_top() -> None:
    ranked = priority.rank_opportunities(pd.DataFrame({
        "account_id": ["A1", "A2", "A3"], "name": ["Alpha Co., Ltd.", "Beta", "Gamma"],
        "name_zh": ["甲有限公司", "乙", "丙"],
        "size_cny": [10e6, 3e6, 1e6], "probability": [0.2, 0.6, 0.5]}))
    ax = plot_opportunities(ranked, top=1, highlight="A3", language="en")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["3. A3 Gamma", "1. A1 Alpha"]  # legal form left out
    assert "A3" in figure_texts(ax) and "CNY 2.0 m (20%)" in figure_texts(ax)
    zh = plot_opportunities(ranked, top=3, language="zh")
    assert "1. A1 甲" in [t.get_text() for t in zh.get_yticklabels()]
    with pytest.raises(KamValueError, match="top: got 0"):
        plot_opportunities(ranked, top=0)
    with pytest.raises(KamValueError, match="missing column"):
        plot_opportunities(ranked.drop(columns="expected_value_cny"))
