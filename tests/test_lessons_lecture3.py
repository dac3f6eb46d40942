"""Lecture 3's facts about the case data: each recomputed here from the raw tables.

The sentences of :mod:`kamlib.lessons.lecture3` are checked against figures computed with plain
pandas (scores, classes, opportunities, files, leads, visits), and each practice question is
answered right and wrong through its widget. Relationship stages come from
:func:`kamlib.stages.relationship_stages` (tested in test_stages.py).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from kamlib import datasets, settings, stages
from kamlib.formatting import money
from kamlib.i18n import get_language, set_language
from kamlib.lessons import lecture3
from kamlib.validation import KamValueError
from kamlib.widgets.answers import AnswerWidget

ACCOUNT = "AC060"
STRANGER = "AC063"  # a VIP prospect: no trade, nobody on file


@pytest.fixture(scope="module")
def raw() -> dict:
    tables = {name: datasets.load(name) for name in
              ("accounts", "transactions", "people", "visits", "contacts")}
    course = settings.current()
    year = course.case_year
    orders = tables["transactions"]
    revenue = orders[orders["date"].dt.year == year].groupby("account_id")["revenue_cny"].sum()
    book = tables["accounts"].set_index("account_id")
    book["revenue"] = revenue.reindex(book.index).fillna(0.0)
    cuts = np.asarray(course.score_cuts_cny)
    book["x"] = np.searchsorted(cuts, book["revenue"].to_numpy(), side="right")
    book["y"] = np.searchsorted(cuts, book["capacity_cny"].to_numpy(), side="right")
    grid_class = np.where((book["x"] >= course.a_min_x) & (book["y"] >= course.a_min_y), "A",
                          np.where(book["y"] <= course.c_max_y, "C", "B"))
    book["grid_class"] = grid_class
    book["cls"] = np.where(book["vip"], "VIP", grid_class)
    book["traded"] = book.index.isin(orders["account_id"])
    tables["book"] = book
    tables["stage"] = stages.relationship_stages(
        tables["contacts"], orders, tables["accounts"], as_of=course.today).set_index("account_id")
    return tables


@pytest.fixture(autouse=True)
def _english():
    before = get_language()
    set_language("en")
    yield
    set_language(before)


def _number(text: str, pattern: str) -> str:
    found = re.search(pattern, text)
    assert found, (pattern, text)
    return found.group(1)


# --- the studied account -----------------------------------------------------------------------

def test_the_studied_account_is_the_learners_choice_or_the_thread(workbook_path) -> None:
    from kamlib import case

    assert lecture3.case_account() == case.THREAD_ACCOUNT
    case.set_studied_account("AC017")
    assert lecture3.case_account() == "AC017"
    assert lecture3.case_account("AC005") == "AC005"
    with pytest.raises(KamValueError, match="account_id: got 'AC999'"):
        lecture3.case_account("AC999")
    text = lecture3.studied(ACCOUNT).data
    assert "**AC060**, Changsha Shengrui Furniture Co., Ltd. (长沙盛瑞家具有限公司)" in text
    assert "in the furniture industry, in Changsha (Central China)" in text


# --- section 2: the XY grid --------------------------------------------------------------------

def test_class_counts_and_light_vips(raw) -> None:
    book = raw["book"]
    text = lecture3.class_counts().data
    counts = book["cls"].value_counts()
    for cls in ("A", "B", "C", "VIP"):
        assert f"class {cls} {counts.get(cls, 0)}" in text
    light = book[book["vip"] & (book["x"] <= 1)]
    assert f"{int(book['vip'].sum())} of them are VIP heavyweights; {len(light)} of those" in text
    for account, row in light.iterrows():
        assert f"{account} (X = {row['x']}, Y = {row['y']})" in text
    assert f"Of Huaxin's {len(book)} accounts" in text


def test_the_studied_accounts_class(raw) -> None:
    row = raw["book"].loc[ACCOUNT]
    text = lecture3.account_class(ACCOUNT).data
    assert f"bought {money(row['revenue'], short=True)} from us" in text
    assert f"(X = {row['x']}) of a capacity of {money(row['capacity_cny'], short=True)} " \
           f"(Y = {row['y']})" in text
    assert f"class {row['grid_class']} cell and is class {row['cls']}." in text
    vip = raw["book"].loc["AC005"]
    assert "as a VIP heavyweight it is class VIP" in lecture3.account_class("AC005").data
    assert vip["cls"] == "VIP"


def test_the_rule_table_follows_the_course_settings() -> None:
    text = lecture3.class_rules().data
    course = settings.current()
    assert f"class A where X ≥ {course.a_min_x} and Y ≥ {course.a_min_y}" in text
    rows = [line for line in text.splitlines() if line.startswith("| **")]
    assert rows[0] == "| **4** | B | B | B | A | A |"
    assert rows[-1] == "| **0** | C | impossible | impossible | impossible | impossible |"
    assert "500,000" in lecture3.score_table().html


# --- section 3: expected value -----------------------------------------------------------------

def _opportunities(raw, chances=None) -> pd.DataFrame:
    chances = chances or settings.current().win_probability_by_stage
    book = raw["book"]
    stage = raw["stage"]["key"].reindex(book.index)
    trading = book[stage != "pre_kam"].copy()
    trading["size"] = (trading["capacity_cny"] - trading["revenue"]).clip(lower=0)
    trading["chance"] = stage[trading.index].map(chances)
    trading["value"] = trading["size"] * trading["chance"]
    return trading.sort_values(["value", "size"], ascending=False)


def test_the_companys_opportunities_and_the_studied_accounts_rank(raw) -> None:
    ranked = _opportunities(raw)
    text = lecture3.opportunities(ACCOUNT).data
    assert text.startswith(f"{len(ranked)} accounts that buy from us give rivals "
                           f"{money(ranked['size'].sum(), short=True)} a year")
    assert f"that is {money(ranked['value'].sum(), short=True)}" in text
    share = ranked["value"].cumsum() / ranked["value"].sum()
    assert f"the first {int((share < 0.8).sum()) + 1} accounts hold 80%" in text
    rank = int((ranked["value"] > ranked.loc[ACCOUNT, "value"]).sum()) + 1
    assert f"{ACCOUNT} ranks {rank} of {len(ranked)}" in text
    assert f"{STRANGER} does not buy from us yet" in lecture3.opportunities(STRANGER).data


def test_the_chances_come_from_the_course_settings() -> None:
    text = lecture3.chances().data
    course = settings.current()
    assert f"Partnership KAM {course.win_probability_by_stage['partnership']:.0%}" in text
    assert f"a cold one {course.prospect_win_probability['cold']:.0%}" in text


def _wishes(raw, ratings=None) -> pd.DataFrame:
    book, people = raw["book"], raw["people"]
    chances = settings.current().prospect_win_probability
    wishes = book[~book["traded"] & (book["capacity_cny"] > 0)].copy()
    wishes["known"] = wishes.index.isin(people["account_id"])
    wishes["chance"] = np.where(wishes["known"], chances["known"], chances["cold"])
    for account, chance in (ratings or {}).items():
        wishes.loc[account, "chance"] = chance
    wishes["value"] = wishes["capacity_cny"] * wishes["chance"]
    return wishes.sort_values(["value", "capacity_cny"], ascending=False)


def test_the_wish_file_summary(raw) -> None:
    wishes = _wishes(raw)
    text = lecture3.wish_file_summary().data
    assert text.startswith(f"Huaxin's wish file holds {len(wishes)} prospects with "
                           f"{money(wishes['capacity_cny'].sum(), short=True)} of capacity")
    assert f"we know someone at {int(wishes['known'].sum())} of them" in text
    top3 = wishes["value"].iloc[:3].sum() / wishes["value"].sum()
    assert f"the first three hold {top3:.0%} of it" in text
    vip = wishes[wishes["vip"]].iloc[0]
    rank = int((wishes["value"] > vip["value"]).sum()) + 1
    assert f"The VIP prospect {vip.name}" in text and f"ranks {rank}." in text


# --- section 4: the customer file ------------------------------------------------------------

FIELDS = ["family", "hobbies", "social_style", "habits", "colleagues", "friends", "suppliers",
          "responsibilities", "performance", "objectives", "working_style", "potential"]


def _blanks(raw, account: str) -> pd.DataFrame:
    team = raw["people"][raw["people"]["account_id"] == account].set_index("person_id")
    return team[FIELDS].astype("string").fillna("").apply(lambda c: c.str.strip()).eq("")


def test_the_studied_accounts_file(raw) -> None:
    blank = _blanks(raw, ACCOUNT)
    filled = int((~blank).to_numpy().sum())
    assert lecture3.file_facts(ACCOUNT).data == (
        f"{ACCOUNT}'s file covers {len(blank)} people; {filled} of their {blank.size} facts "
        f"are filled in ({filled / blank.size:.0%}).")
    table = lecture3.customer_file_table(ACCOUNT).html
    team = raw["people"][raw["people"]["account_id"] == ACCOUNT]
    assert all(name in table for name in team["name"])
    assert "personal: social style" in table and "work: way of working" in table
    assert "Nobody at AC063" in lecture3.customer_file_table(STRANGER).data
    assert lecture3.file_facts(STRANGER).data == ""


def test_the_companys_file_gaps(raw) -> None:
    people = raw["people"]
    filled = ~people[FIELDS].astype("string").fillna("").apply(lambda c: c.str.strip()).eq("")
    filled["account_id"] = people["account_id"]
    share = filled.groupby("account_id").mean()
    groups = {"personal": FIELDS[:4], "interpersonal": FIELDS[4:7], "work": FIELDS[7:]}
    missing = pd.Series({g: int((share[f].mean(axis=1) < 0.5).sum()) for g, f in groups.items()})
    first = missing.sort_values(ascending=False, kind="stable")
    text = lecture3.file_gaps().data
    assert f"missing (under half of it filled in) is {first.index[0]} ({first.iloc[0]} accounts)" \
        in text
    assert f"Across the {people['account_id'].nunique()} accounts with a file" in text
    assert f"of {len(people)} people" in text


# --- section 5: the sources --------------------------------------------------------------------

def test_the_leads_in_huaxins_data(raw) -> None:
    book, people = raw["book"], raw["people"]
    share = book["revenue"] / book["capacity_cny"]
    giants = book[book["traded"] & (book["capacity_cny"] >= 3e6) & (share < 0.1)]
    year = settings.current().case_year
    won = book[book["first_order_date"].dt.year == year]
    rivals = people[people["suppliers"].astype("string").str.contains(
        "also buys|dual-sources|tender|竞争对手|招标", case=False).fillna(False)]
    bodies = people[people["friends"].astype("string").str.contains(
        "association|协会|学会", case=False).fillna(False)]
    text = lecture3.lead_counts().data
    assert f"{len(giants)} customers buy from us under 10%" in text
    assert f"the largest is {giants['capacity_cny'].idxmax()}" in text
    assert f"at {rivals['account_id'].nunique()} accounts our files name a rival" in text
    assert f"{len(won)} accounts placed their first order in {year}" in text
    assert f"{len(bodies)} people at {bodies['account_id'].nunique()} accounts" in text
    mine = lecture3.account_leads(ACCOUNT).data
    assert f"{(rivals['account_id'] == ACCOUNT).sum()} people name a rival" in mine
    assert "Dongjiang Coatings" in mine
    assert "It is itself a sleeping giant" in lecture3.account_leads("AC005").data
    leads = lecture3.industry_leads(ACCOUNT).html
    furniture = giants[giants["industry"] == "furniture"].index
    assert all(account in leads for account in furniture)


# --- section 6: the visits ---------------------------------------------------------------------

def _due(raw) -> pd.DataFrame:
    course = settings.current()
    log, book = raw["visits"], raw["book"]
    today = course.today
    done = log[(log["status"] == "done") & (log["date"] <= today)].groupby("account_id")["date"]
    planned = log[(log["status"] == "planned") & (log["date"] >= today)].groupby(
        "account_id")["date"].min()
    due = pd.DataFrame({"cls": book["cls"], "kam": book["kam"], "last": done.max()})
    due["due"] = due["last"] + pd.to_timedelta(due["cls"].map(course.visit_days), unit="D")
    due["planned"] = planned
    covered = due["planned"].notna() & (due["planned"] <= due["due"])
    due["overdue"] = ~covered & (due["due"] < today)
    due["late_by"] = (today - due["due"]).dt.days
    return due


def test_overdue_visits_on_the_course_today(raw) -> None:
    due = _due(raw)
    late_a = due[due["overdue"] & (due["cls"] == "A")]
    worst = late_a.sort_values("late_by", ascending=False).iloc[0]
    text = lecture3.overdue().data
    assert f"{len(late_a)} class A accounts are overdue for a visit ({int(due['overdue'].sum())} " \
           "accounts of all classes)" in text
    assert f"the longest wait is {int(worst['late_by'])} days, at {worst.name}" in text
    assert f"{int(late_a['planned'].isna().sum())} of the {len(late_a)} have no visit" in text


def test_the_studied_accounts_visits_and_the_monthly_review(raw) -> None:
    log = raw["visits"]
    mine = log[(log["account_id"] == ACCOUNT)].sort_values("date")
    today = settings.current().today
    last = mine[(mine["status"] == "done") & (mine["date"] <= today)].iloc[-1]
    coming = mine[(mine["status"] == "planned") & (mine["date"] >= today)].iloc[0]
    text = lecture3.account_visits(ACCOUNT).data
    assert f"\"{last['objective']}\"" in text and f"\"{last['next_step']}\"" in text
    assert f"Next visit planned: {coming['date'].day} " in text
    repeats = coming["objective"] == last["objective"] and bool(last["objective_met"])
    assert ("It repeats the objective just met" in text) == repeats
    month = log[log["date"].dt.strftime("%Y-%m") == f"{today:%Y-%m}"]
    done = (month["status"] == "done").sum()
    text = lecture3.review().data
    assert f"{done} of {len(month)} planned visits took place ({done / len(month):.0%})" in text
    met = month.loc[month["status"] == "done", "objective_met"].astype(bool).mean()
    assert f"and {met:.0%} of them met their objective" in text
    assert "A visit counts as due this month within 30 days" in lecture3.visit_rhythm().data


# --- the practice questions --------------------------------------------------------------------

def _right_and_wrong(widget: AnswerWidget, right, wrong) -> None:
    enter = {"number": lambda w, v: w.enter(str(v)), "ids": lambda w, v: w.pick(v),
             "tick": lambda w, v: w.tick(v)}[widget.spec.kind]
    enter(widget, wrong)
    assert widget.check().status == "wrong"
    enter(widget, right)
    assert widget.check().status == "correct", widget.feedback


def test_each_question_accepts_the_answer_computed_from_the_data(raw, workbook_path) -> None:
    book = raw["book"]
    leaving = int(((book["cls"] == "A") & (book["y"] < 4)).sum())
    _right_and_wrong(lecture3.your_turn("rule_leaving_a", account_id=ACCOUNT), leaving,
                     leaving + 1)

    ranked = _opportunities(raw)
    kam = ranked[ranked["kam"] == book.loc[ACCOUNT, "kam"]]
    offered = pd.concat([kam.loc[[ACCOUNT]], kam.drop(ACCOUNT).nlargest(3, "size")])
    order = offered.sort_values("value", ascending=False).index.tolist()
    assert order != offered.sort_values("size", ascending=False).index.tolist()  # a real task
    _right_and_wrong(lecture3.your_turn("rank", account_id=ACCOUNT), order, order[::-1])

    wishes = _wishes(raw)
    cold = wishes[~wishes["known"] & ~wishes["vip"]]["capacity_cny"].idxmax()
    rated = _wishes(raw, {cold: lecture3.RATED_CHANCE})
    rank = int((rated["value"] > rated.loc[cold, "value"]).sum()) + 1
    question = lecture3.your_turn("rate_prospect", account_id=ACCOUNT)
    assert cold in question.question.value and "30%" in question.question.value
    _right_and_wrong(question, rank, rank + 3)

    blank = _blanks(raw, ACCOUNT).sum()
    most = blank[blank == blank.max()].index.tolist()
    _right_and_wrong(lecture3.your_turn("most_blank", account_id=ACCOUNT), most,
                     [blank.idxmin()])

    log = raw["visits"]
    month = f"{settings.current().today:%Y-%m}"
    theirs = log[(log["kam"] == book.loc[ACCOUNT, "kam"]) & (log["status"] == "done")
                 & (log["date"].dt.strftime("%Y-%m") == month)]
    rate = 100 * theirs["objective_met"].astype(bool).mean()
    _right_and_wrong(lecture3.your_turn("hit_rate", account_id=ACCOUNT), f"{rate:.0f}%",
                     f"{rate - 10:.0f}%")


def test_the_open_questions_are_judged_by_their_rubric(workbook_path) -> None:
    question = lecture3.your_turn("blank_facts", account_id=ACCOUNT)
    keys = [key for key, _label in question.spec.choices()]
    question.tick(keys[:1])
    assert question.check().status == "wrong"
    question.tick(keys[:2])
    assert question.check().status == "correct"
    assert question.section == f"lecture3/blank_facts/{ACCOUNT}"
    plan = lecture3.your_turn("lead_plan", account_id=ACCOUNT)
    plan.fill([{"lead": "AC128", "source": "colleagues_systems",
                "first_step": "Ask our CRM owner for the quote history"}])
    assert plan.check().status == "wrong"
    plan.fill([{"lead": "AC128", "source": "colleagues_systems",
                "first_step": "Ask our CRM owner for the quote history"},
               {"lead": "AC168", "source": "industry_bodies",
                "first_step": "Meet its buyer at the association seminar"}])
    assert plan.check().status == "correct"


def test_questions_about_a_file_need_people_on_file(workbook_path) -> None:
    note = lecture3.your_turn("most_blank", account_id=STRANGER)
    assert "needs an account with people" in note.data
    assert isinstance(lecture3.your_turn("rank", account_id=STRANGER), AnswerWidget)
    with pytest.raises(KamValueError, match="name: got 'guess'"):
        lecture3.your_turn("guess", account_id=ACCOUNT)


def test_every_text_follows_the_language(workbook_path) -> None:
    """Each function calls _() with the current language: Chinese must not break it, and
    amounts turn into 万元 (the sentences themselves are translated in the catalog)."""
    set_language("zh")
    texts = [lecture3.studied(ACCOUNT).data, lecture3.class_rules().data,
             lecture3.class_counts().data, lecture3.account_class(ACCOUNT).data,
             lecture3.chances().data, lecture3.opportunities(ACCOUNT).data,
             lecture3.wish_file_summary().data, lecture3.file_facts(ACCOUNT).data,
             lecture3.file_gaps().data, lecture3.lead_counts().data,
             lecture3.account_leads(ACCOUNT).data, lecture3.visit_rhythm().data,
             lecture3.overdue().data, lecture3.account_visits(ACCOUNT).data,
             lecture3.review().data]
    assert all(texts)
    assert "万元" in lecture3.opportunities(ACCOUNT).data
    assert "2025年12月31日" in lecture3.overdue().data
    assert "伙伴式管理阶段" in lecture3.chances().data
    for table in (lecture3.score_table(), lecture3.customer_file_table(ACCOUNT),
                  lecture3.sources_table(), lecture3.industry_leads(ACCOUNT)):
        assert "<table" in table.html
    for name in lecture3.QUESTIONS:
        assert lecture3.your_turn(name, account_id=ACCOUNT).question.value
