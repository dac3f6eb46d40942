"""Lecture 4's facts about the case data (kamlib.lessons.lecture4), recomputed from the tables.

Each test computes the fact again with plain pandas from the shipped data and the course
settings, and checks the sentence the lecture shows; then the same call in Chinese.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import kamlib
from kamlib import case, datasets, settings
from kamlib.formatting import money
from kamlib.lessons import lecture4
from kamlib.validation import KamValueError

ACCOUNT = "AC060"


@pytest.fixture(autouse=True)
def _english():
    kamlib.set_language("en")
    yield
    kamlib.set_language("en")


@pytest.fixture(scope="module")
def year() -> int:
    return settings.current().case_year


@pytest.fixture(scope="module")
def orders(year) -> pd.DataFrame:
    table = datasets.load("transactions")
    return table[table["date"].dt.year == year]


def m(amount: float) -> str:
    return money(amount, short=True, language="en")


def test_the_lecture_studies_the_learners_account_or_says_why_not(workbook_path: Path):
    assert lecture4.lesson_account() == case.THREAD_ACCOUNT
    case.set_studied_account("AC005")
    assert lecture4.lesson_account() == "AC005"
    assert lecture4.account_intro().startswith("You study **AC005**")
    case.set_studied_account("AC063")  # a prospect nobody at Huaxin has a file on
    assert lecture4.lesson_account() == case.THREAD_ACCOUNT
    intro = lecture4.account_intro()
    assert intro.startswith(f"You study **{case.THREAD_ACCOUNT}**")
    assert "AC063 has nobody in Huaxin's customer file" in intro
    case.set_studied_account("AC068")  # people on file, but no order this year
    assert "AC068 did not order in" in lecture4.account_intro()


def test_an_export_account_practises_on_the_thread_account(workbook_path: Path, tmp_path: Path):
    export = tmp_path / "mine.csv"
    export.write_text("account_id,name,industry,capacity_cny\nK1,Kunlun,packaging,100000\n",
                      encoding="utf-8")
    case.set_studied_account("K1", accounts_file=str(export))
    assert lecture4.lesson_account() == case.THREAD_ACCOUNT
    assert "K1 comes from your own CRM export" in lecture4.account_intro()


@pytest.mark.parametrize("bad", ["AC063", "AC068", "AC999", "", 60])
def test_an_account_given_that_cannot_carry_the_lecture_is_refused(bad):
    with pytest.raises(KamValueError, match="account_id"):
        lecture4.lesson_account(bad)
    with pytest.raises(KamValueError, match="account_id"):
        lecture4.wallet_summary(bad)


def test_account_position_states_revenue_share_class_and_trend(orders, year):
    account = datasets.load("accounts").set_index("account_id").loc[ACCOUNT]
    revenue = orders.loc[orders["account_id"] == ACCOUNT, "revenue_cny"].sum()
    today = settings.current().today
    mine = datasets.load("transactions")
    mine = mine[(mine["account_id"] == ACCOUNT) & (mine["date"] <= today)]
    recent = mine.loc[mine["date"] > today - pd.DateOffset(months=12), "revenue_cny"].sum()
    previous = mine.loc[(mine["date"] <= today - pd.DateOffset(months=12))
                        & (mine["date"] > today - pd.DateOffset(months=24)), "revenue_cny"].sum()
    text = lecture4.account_position(ACCOUNT)
    assert f"spends an estimated {m(account['capacity_cny'])} a year" in text
    assert (f"in {year} it bought {m(revenue)} from us, a share of wallet of "
            f"{revenue / account['capacity_cny']:.0%}") in text
    assert "a class A account (X = 3, Y = 4) at the stage Partnership KAM" in text
    assert f"brought {m(recent)} against {m(previous)}" in text
    assert text.rstrip().endswith("declining." if recent < 0.9 * previous else ".")


def test_a_vip_is_named_as_such_with_its_grid_class():
    text = lecture4.account_position("AC005")
    assert "a VIP heavyweight (grid class B, X = 2, Y = 4)" in text


def _listed(items: list[str], word: str = "and") -> str:
    """Names as an English sentence lists them: "a", "a and b", "a, b and c"."""
    return f"{', '.join(items[:-1])} {word} {items[-1]}" if len(items) > 1 else "".join(items)


def _industry_mix(orders: pd.DataFrame, account_id: str) -> pd.Series:
    accounts = datasets.load("accounts").set_index("account_id")
    peers = accounts.index[accounts["industry"] == accounts.loc[account_id, "industry"]]
    bought = orders[orders["account_id"].isin(peers)].groupby("line_id")["revenue_cny"].sum()
    return bought / bought.sum()


def test_wallet_summary_names_the_thin_line_and_the_missing_one(orders):
    capacity = datasets.load("accounts").set_index("account_id").loc[ACCOUNT, "capacity_cny"]
    spend = _industry_mix(orders, ACCOUNT) * capacity
    own = orders[orders["account_id"] == ACCOUNT].groupby("line_id")["revenue_cny"].sum()
    own = own.reindex(spend.index).fillna(0.0)
    headroom = (spend - own).clip(lower=0)
    widest = headroom[own > 0].idxmax()
    missing = own.index[own == 0]
    text = lecture4.wallet_summary(ACCOUNT)
    assert f"{ACCOUNT} spends {m(spend.sum())} a year" in text
    assert f"{own.sum() / spend.sum():.0%} of it is with us" in text
    assert (f"{widest} Wood coatings (木器涂料) leaves the most with rivals: "
            f"{m(headroom[widest])} (our share {own[widest] / spend[widest]:.0%})") in text
    assert list(missing) == ["PL09"]
    assert f"PL09 Waterborne industrial coatings (水性工业涂料) ({m(spend['PL09'])})" in text
    table = lecture4.wallet_table(ACCOUNT).html
    assert table.index("PL04") < table.index("PL10")  # largest estimated spend first
    assert money(spend["PL04"], language="en") in table and "its spend (estimated)" in table


def _cost_table(orders: pd.DataFrame, year: int) -> pd.DataFrame:
    rates = settings.current().cost_to_serve_cny
    visits = datasets.load("visits")
    done = visits[(visits["status"] == "done") & (visits["date"].dt.year == year)]
    table = orders.groupby("account_id").agg(revenue=("revenue_cny", "sum"),
                                             margin=("margin_cny", "sum"),
                                             orders=("order_id", "nunique"),
                                             lines=("line_id", "nunique"))
    table["visits"] = done.groupby("account_id").size().reindex(table.index).fillna(0)
    table["cost"] = (table["visits"] * rates["visit"] + table["orders"] * rates["order"]
                     + table["lines"] * rates["product_line"])
    table["after"] = table["margin"] - table["cost"]
    return table


def test_cost_to_serve_of_the_account_and_its_share_of_margin(orders, year):
    table = _cost_table(orders, year)
    row = table.loc[ACCOUNT]
    text = lecture4.account_cost_to_serve(ACCOUNT)
    assert f"cost to serve CNY {row['cost']:,.0f} ({int(row['visits'])} visits" in text
    assert f"margin after cost to serve CNY {row['after']:,.0f}" in text
    assert f"Serving it takes {row['cost'] / row['margin']:.0%} of its gross margin." in text
    rates = settings.current().cost_to_serve_cny
    assert f"charges {money(rates['visit'], language='en')} per visit done" in (
        lecture4.cost_model())


def test_profit_concentration_before_and_after_cost_to_serve(orders, year):
    table = _cost_table(orders, year)
    top = -(-len(table) * 2 // 10)  # the top 20%, rounded up
    by_revenue = table["revenue"].sort_values(ascending=False)
    by_after = table["after"].sort_values(ascending=False)
    text = lecture4.profit_concentration()
    assert f"In {year}, {len(table)} accounts ordered." in text
    assert f"brought {by_revenue.iloc[:top].sum() / by_revenue.sum():.0%} of the revenue" in text
    assert f"the top 20% brought {by_after.iloc[:top].sum() / by_after.sum():.0%} of that" in text
    assert f"and {int((table['after'] < 0).sum())} accounts lose money" in text
    moved = sorted(set(by_revenue.index[:top]) - set(by_after.index[:top]))
    verb = "are" if len(moved) > 1 else "is"
    assert f"Among the top 20% by revenue, {_listed(moved)} {verb} not" in text


def test_buying_centre_by_job_title_leaves_roles_empty():
    people = datasets.load("people")
    team = people[people["account_id"] == ACCOUNT]
    guessed = set()
    for person in team.itertuples():
        if person.level == "executive":
            guessed.add("approver" if person.function == "finance" else "decider")
        else:
            guessed.add({"purchasing": "buyer", "production": "user", "logistics": "user"}
                        .get(person.function, "influencer"))
    empty = [r for r in ("initiator", "user", "influencer", "decider", "approver", "buyer",
                         "gatekeeper") if r not in guessed]
    text = lecture4.buying_centre_summary(ACCOUNT)
    assert f"The file holds {len(team)} people of {ACCOUNT}." in text
    assert empty, "the thread account's file leaves roles to find"
    chinese = {"initiator": "发起者", "user": "使用者", "influencer": "影响者", "decider": "决策者",
               "approver": "批准者", "buyer": "采购者", "gatekeeper": "把关者"}
    gaps = [f"{role} ({chinese[role]})" for role in empty]
    assert f"nobody is the {_listed(gaps, 'or')}." in text
    met = set(datasets.load("contacts")["their_person_id"])
    unmet = team.loc[~team["person_id"].isin(met), "name"]
    assert text.endswith(f"People nobody at Huaxin has met: {_listed(list(unmet)) or 'none'}.")
    files = lecture4.people_on_file(ACCOUNT).html
    assert all(name in files for name in team["name"])


def test_what_we_bring_lists_history_lines_and_visits(orders, year):
    account = datasets.load("accounts").set_index("account_id").loc[ACCOUNT]
    own = orders[orders["account_id"] == ACCOUNT]
    lines = own.groupby("line_id")["revenue_cny"].sum().sort_values(ascending=False)
    visits = datasets.load("visits")
    done = visits[(visits["account_id"] == ACCOUNT) & (visits["status"] == "done")
                  & (visits["date"].dt.year == year)]
    first = account["first_order_date"]
    text = lecture4.what_we_bring(ACCOUNT)
    assert f"since {first.day} {first.strftime('%B')} {first.year}" in text
    assert f"it bought {len(lines)} of our 10 product lines: {lines.index[0]} " in text
    assert (f"We visited it {len(done)} times that year, and "
            f"{int((done['objective_met'] == True).sum())} of those") in text  # noqa: E712


def test_styles_on_file_are_counted_and_the_unknown_named():
    people = datasets.load("people")
    team = people[people["account_id"] == ACCOUNT]
    styles = team["social_style"].dropna().str.split(":").str[0].str.lower()
    text = lecture4.styles_summary(ACCOUNT)
    assert f"for {len(styles)} of its {len(team)} people" in text
    for style, n in styles.value_counts().items():
        assert f"{style} (" in text and f") {n}" in text
    for person in team[team["social_style"].isna()].itertuples():
        assert f"{person.name}, {person.title}" in text


def test_spin_hooks_are_the_objectives_and_performance_notes():
    people = datasets.load("people")
    team = people[people["account_id"] == ACCOUNT]
    hooks = team[team["objectives"].notna() | team["performance"].notna()]
    assert lecture4.spin_hooks_summary(ACCOUNT).startswith(
        f"{len(hooks)} of the {len(team)} people of {ACCOUNT}")
    table = lecture4.spin_hooks(ACCOUNT).html
    assert all(text in table for text in hooks["objectives"].dropna())
    assert table.count("<tr>") == len(hooks) + 1


def test_buy_classes_follow_the_share_of_wallet(orders):
    table = lecture4.buy_class_table(ACCOUNT).html
    own = set(orders.loc[orders["account_id"] == ACCOUNT, "line_id"])
    rows = table.split("<tr>")[2:]
    for row in rows:
        line = row.split("</th>")[0].removeprefix("<th>")
        expected = "partly from a rival" if line in own else "straight rebuy from a rival"
        assert expected in row, line


def test_visit_objectives_read_as_advances_or_not(year):
    from kamlib import goals

    visits = datasets.load("visits")
    written = visits["objective"].dropna()
    advances = sum(goals.judge_advance(text).kind == "advance" for text in written)
    mine = visits[(visits["account_id"] == ACCOUNT) & (visits["date"].dt.year == year)]
    distinct = mine["objective"].dropna().unique()
    text = lecture4.visit_objectives(ACCOUNT)
    assert f"pursued {len(distinct)} different objectives" in text
    assert (f"{advances or 'none'} of the {len(written):,} visits had an objective that does"
            in text)
    assert f'A typical one, "{distinct[0]}"' in text


def test_the_facts_follow_the_language():
    kamlib.set_language("zh")
    position = lecture4.account_position(ACCOUNT)
    assert "万元" in position and "CNY" not in position
    assert "长沙盛瑞家具有限公司" in position and "Changsha Shengrui" not in position
    assert "木器涂料" in lecture4.wallet_summary(ACCOUNT)
    assert "Wood coatings" not in lecture4.wallet_table(ACCOUNT).html
    assert "元" in lecture4.cost_model() and "元" in lecture4.account_cost_to_serve(ACCOUNT)
    assert ACCOUNT in lecture4.account_intro(ACCOUNT)
    assert "CNY" not in lecture4.profit_concentration()
    for function in (lecture4.buying_centre_summary, lecture4.what_we_bring,
                     lecture4.styles_summary, lecture4.spin_hooks_summary,
                     lecture4.visit_objectives):
        assert ACCOUNT in function(ACCOUNT)
    assert "2013年10月4日" in lecture4.what_we_bring(ACCOUNT)
    assert "发起者" in lecture4.buying_centre_summary(ACCOUNT)
    assert "initiator (" not in lecture4.buying_centre_summary(ACCOUNT)
