"""The input contract on the domain functions: the bugs of issue 14, each with the test that
would have caught it, and property tests per family of inputs (numbers, tables, dates, text).

Every public function returns a right answer or raises a KamValueError naming the field;
never a raw error, never a silently wrong value (a NaN, an inf, a bool counted as 1, a date
read month-first, a row dropped without a word).
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamlib import (
    ansoff,
    bcg,
    buying_centre,
    cycles,
    economics,
    grid,
    pareto,
    priority,
    segmentation,
    stages,
    uncoupling,
    visits,
)
from kamlib.validation import MAX_MAGNITUDE, KamValueError

AS_OF = pd.Timestamp("2025-12-31")


def accounts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account_id": ["A1", "A2", "A3", "A4"],
            "name": ["Alpha", "Beta", "Gamma", "Delta"],
            "industry": ["furniture", "furniture", "furniture", "packaging"],
            "capacity_cny": [1e6, 2e6, 3e6, 4e6],
        }
    )


def transactions() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01",
                                    "2025-06-01"]),
            "account_id": ["A1", "A2", "A2", "A3", "A4"],
            "line_id": ["PL01", "PL01", "PL02", "PL02", "PL01"],
            "revenue_cny": [1e5, 2e5, 3e5, 4e5, 5e5],
        }
    )


def spoil(frame: pd.DataFrame, column: str, value: object, row: int = 1) -> pd.DataFrame:
    spoiled = frame.copy()
    spoiled[column] = spoiled[column].astype(object)
    spoiled.loc[row, column] = value
    return spoiled


# --- numbers: NaN, inf, negative, huge, complex, bool, timedelta -------------------------------

#: The functions that read revenue and capacity from the order book (issue 14 found them
#: taking NaN, inf and negative values).
SALES_CALLS = {
    "single_line_accounts": lambda a, t: ansoff.single_line_accounts(a, t, year=2025),
    "cross_sell_candidates": lambda a, t: ansoff.cross_sell_candidates(
        a, t, account_id="A1", year=2025
    ),
    "industry_segments": lambda a, t: segmentation.industry_segments(a, t, year=2025),
}


@pytest.mark.parametrize("bad", [np.nan, np.inf, -1.0, 1e307, True, complex(1, 1)])
@pytest.mark.parametrize("call", SALES_CALLS.values(), ids=SALES_CALLS.keys())
def test_bad_revenue_is_refused_with_its_row_not_taken(call, bad):
    """Issue 14: NaN, inf and negative revenue were taken silently."""
    with pytest.raises(KamValueError, match=r"transactions\['revenue_cny'\] \(row 1, 1 bad in"):
        call(accounts(), spoil(transactions(), "revenue_cny", bad))


@pytest.mark.parametrize("bad", [np.nan, np.inf, -1.0, 1e307, True, "3e6"])
@pytest.mark.parametrize("call", SALES_CALLS.values(), ids=SALES_CALLS.keys())
def test_bad_capacity_is_refused_with_its_account(call, bad):
    """Issue 14: NaN, inf and negative capacity were taken silently."""
    with pytest.raises(KamValueError, match=r"accounts\['capacity_cny'\] \(row 'A2', 1 bad in"):
        call(spoil(accounts(), "capacity_cny", bad), transactions())


def test_segment_sizes_and_shares_stay_right_on_clean_data():
    segments = segmentation.industry_segments(accounts(), transactions(), year=2025)
    assert segments.loc["furniture", "size_cny"] == 6e6
    single = ansoff.single_line_accounts(accounts(), transactions(), year=2025)
    assert single.set_index("account_id")["share_of_wallet"].to_dict() == {
        "A1": 0.1, "A3": 4e5 / 3e6, "A4": 0.125}


def test_a_duplicated_account_is_refused_not_resolved_by_taking_the_first():
    twice = pd.concat([accounts(), accounts().iloc[[0]].assign(industry="packaging")])
    with pytest.raises(KamValueError, match=r"accounts\['account_id'\] \(row 4, 1 bad in all\)"):
        segmentation.industry_segments(twice.reset_index(drop=True), transactions(), year=2025)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: economics.replacement_cost(np.timedelta64(3, "D"), 10.0),
         r"lost_customers: got .*; expected a number"),
        (lambda: economics.replacement_cost(pd.Timedelta(days=3), 10.0),
         r"lost_customers: got .*; expected a number"),
        (lambda: economics.keep_vs_win(rates=[0.5, 10**400]),
         r"rates \(row 1, 1 bad in all\): got 1000.*; expected a finite number"),
        (lambda: bcg.relative_market_share(complex(20, 5), 30.0), r"own: got \(20\+5j\)"),
        (lambda: priority.expected_value(complex(1e6, 1), 0.5), r"size: got \(1000000\+1j\)"),
        (lambda: pareto.concentration(pd.Series([True, 2.0, 3.0])),
         r"revenue_by_account \(row 0, 1 bad in all\): got True; expected a number \(True"),
        (lambda: pareto.revenue_by_group(pd.DataFrame(
            {"industry": ["a", "b"], "revenue_cny": [1e307, 1e307]})),
         r"revenue column 'revenue_cny' \(row 0, 2 bad in all\): got 1e\+307"),
        (lambda: grid.score(pd.Series([1.0, 2.0], dtype=complex)),
         r"amounts \(row 0, 2 bad in all\): got \(1\+0j\); expected a real number"),
    ],
)
def test_numbers_that_are_no_finite_reals_are_named(call, match):
    """Issue 14: timedeltas raised raw TypeErrors, 10**400 raw OverflowErrors, complex
    numbers were taken as their real part, booleans counted as 1, 1e307 gave inf shares."""
    with pytest.raises(KamValueError, match=match):
        call()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.floats(min_value=0, max_value=1e9),
            st.floats(allow_nan=True, allow_infinity=True),
            st.booleans(),
            st.integers(min_value=-(10**30), max_value=10**30),
            st.text(max_size=5),
            st.none(),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_property_amount_columns_give_a_finite_answer_or_name_the_column(values):
    """Numbers family: any column of amounts gives finite shares or a named refusal."""
    frame = pd.DataFrame({"account_id": [f"A{i}" for i in range(len(values))],
                          "industry": ["x", "y"] * (len(values) // 2) + ["x"] * (len(values) % 2),
                          "revenue_cny": pd.Series(values, dtype=object)})
    calls = [
        lambda: pareto.concentration_from_transactions(frame).curve["revenue_share"],
        lambda: pareto.revenue_by_group(frame)["share_pct"],
        lambda: pareto.concentration(frame.set_index("account_id")["revenue_cny"]).curve[
            "revenue_share"],
    ]
    for function in calls:
        try:
            shares = function()
        except KamValueError as error:
            assert "revenue" in str(error) and len(str(error)) < 2000
        else:
            clean = [v for v in values if v is not None]
            assert all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in clean)
            assert np.isfinite(shares.to_numpy(dtype=float)).all()
            assert all(abs(v) <= MAX_MAGNITUDE for v in clean)


# --- tables: repeated and multi-level columns, categorical and text columns -------------------

TABLE_CALLS = {
    "classify_accounts": lambda f: grid.classify_accounts(f),
    "revenue_by_account": lambda f: pareto.revenue_by_account(f),
    "yearly_revenue": lambda f: pareto.yearly_revenue(f),
    "retention": lambda f: economics.retention(f, year=2025),
    "revenue_trend": lambda f: uncoupling.revenue_trend(f, as_of=AS_OF),
    "rank_opportunities": lambda f: priority.rank_opportunities(f),
    "assess_segments": lambda f: segmentation.assess_segments(f, min_size_cny=1e6),
}


def table_for(name: str) -> pd.DataFrame:
    if name == "classify_accounts":
        return pd.DataFrame({"account_id": ["A", "B"], "x": [1, 2], "y": [3, 2],
                             "vip": [False, True]})
    if name == "rank_opportunities":
        return pd.DataFrame({"account_id": ["A", "B"], "size_cny": [1.0, 2.0],
                             "probability": [0.5, 0.2]})
    if name == "assess_segments":
        return pd.DataFrame({"size_cny": [5e6], "similarity": [0.8], "relevant": [True],
                             "reachable": [True]})
    return pd.DataFrame({"account_id": ["A", "B", "A"],
                         "date": pd.to_datetime(["2024-03-01", "2025-03-01", "2025-04-01"]),
                         "revenue_cny": [1.0, 2.0, 3.0]})


@pytest.mark.parametrize("name", sorted(TABLE_CALLS))
def test_repeated_and_multilevel_columns_are_named(name):
    """Issue 14: a duplicated column or MultiIndex columns gave raw errors in ~20 functions."""
    frame = table_for(name)
    TABLE_CALLS[name](frame)  # the clean table works
    first = frame.columns[0]
    with pytest.raises(KamValueError, match=rf"the column name\(s\) '{first}' appear more than"):
        TABLE_CALLS[name](pd.concat([frame, frame[[first]]], axis=1))
    levels = frame.set_axis(pd.MultiIndex.from_product([["data"], frame.columns]), axis=1)
    with pytest.raises(KamValueError, match=r"expected a table with one row of column names"):
        TABLE_CALLS[name](levels)


def test_a_categorical_vip_column_is_read_not_crashed_on():
    """Issue 14: a categorical vip column raised an IndexError inside the check."""
    frame = table_for("classify_accounts").assign(vip=lambda f: f["vip"].astype("category"))
    assert grid.classify_accounts(frame)["account_class"].tolist() == ["B", "VIP"]
    frame["vip"] = pd.Categorical([True, None])
    with pytest.raises(KamValueError, match=r"vip column 'vip' \(row 'B', 1 bad in all\)"):
        grid.classify_accounts(frame)


def contacts(**changes: object) -> pd.DataFrame:
    frame = pd.DataFrame({
        "account_id": ["A", "A"],
        "our_function": ["key account management", "finance"],
        "their_function": ["purchasing", "finance"],
        "our_level": ["manager", "manager"],
        "their_level": ["manager", "manager"],
        "since": pd.to_datetime(["2024-01-01", "2024-06-01"]),
        "joint_team": [False, False],
    })
    return frame.assign(**changes)


@pytest.mark.parametrize("missing", [None, np.nan, pd.NA, "  "])
def test_a_contact_without_function_gives_no_stage(missing):
    """Issue 14: a missing our_function was read as the text "nan" and gave a stage."""
    bad = contacts(our_function=["key account management", missing])
    with pytest.raises(KamValueError, match=r"contacts\.our_function \(row 1, 1 bad in all\)"):
        stages.relationship_stage(bad, None, as_of=AS_OF)
    assert stages.relationship_stage(contacts(), None, as_of=AS_OF).stage == 3


def visit_log(objective_met: list) -> pd.DataFrame:
    return pd.DataFrame({
        "visit_id": ["V1", "V2", "V3"],
        "kam": ["Li", "Li", "Wang"],
        "date": pd.to_datetime(["2025-12-02", "2025-12-09", "2025-12-10"]),
        "status": ["done", "done", "planned"],
        "objective_met": pd.Series(objective_met, dtype=object),
    })


@pytest.mark.parametrize("text", ["yes", "True", "1"])
def test_monthly_review_refuses_an_objective_met_given_as_text(text):
    """Issue 14: objective_met as text was counted as not met (a hit rate of 0.0)."""
    with pytest.raises(KamValueError, match=r"objective_met \(of a visit done\) \(row 'V1', 1"):
        visits.monthly_review(visit_log([text, True, None]), month="2025-12")
    review = visits.monthly_review(visit_log([True, False, None]), month="2025-12")
    assert review.set_index("kam").loc["Li", "objective_hit_rate"] == 0.5


def test_undated_rows_are_named_when_a_period_is_asked_for():
    """Issue 14: revenue_by_account(start=...) dropped undated rows without a word."""
    frame = table_for("revenue_by_account")
    frame.loc[1, "date"] = pd.NaT
    assert pareto.revenue_by_account(frame).sum() == 6.0  # no period: every row counts
    with pytest.raises(KamValueError, match=r"date column 'date' \(row 1, 1 bad in all\): got NaT"):
        pareto.revenue_by_account(frame, start="2025-01-01")


# --- dates -----------------------------------------------------------------------------------


def test_timezone_aware_dates_are_read_at_their_wall_time():
    """Issue 14: timezone-aware dates raised raw TypeErrors when compared with naive ones."""
    frame = table_for("revenue_by_account")
    frame["date"] = (frame["date"] + pd.Timedelta(hours=23, minutes=30)).dt.tz_localize(
        "Asia/Shanghai")
    in_2025 = pareto.revenue_by_account(frame, start="2025-01-01", end="2025-12-31")
    assert in_2025.to_dict() == {"A": 3.0, "B": 2.0}
    assert pareto.yearly_revenue(frame)["revenue_cny"].to_dict() == {2024: 1.0, 2025: 5.0}
    trend = uncoupling.revenue_trend(frame, as_of=pd.Timestamp("2025-12-31", tz="Asia/Shanghai"))
    assert trend["last_order"].dt.tz is None
    cut = pareto.revenue_by_account(frame, end=pd.Timestamp("2025-03-01 23:00", tz="UTC"))
    assert cut.to_dict() == {"A": 1.0}  # 23:30 Shanghai is after 23:00 on the wall clock


@pytest.mark.parametrize("text", ["03/04/2025", "now", "today", "2025", "15:30", "45000"])
def test_text_dates_other_than_iso_are_refused_in_columns_too(text):
    """Issue 14: text dates were read month-first in one place and refused in another;
    "now", a bare year or a time of day became a date without a word."""
    frame = table_for("yearly_revenue").astype({"date": object})
    frame.loc[2, "date"] = text
    with pytest.raises(KamValueError, match=r"date column 'date' \(row 2, 1 bad in all\): got"):
        pareto.yearly_revenue(frame)


@pytest.mark.parametrize("serial", [45_000, 45_000.0])
def test_excel_serial_numbers_are_no_dates(serial):
    frame = table_for("yearly_revenue").assign(date=serial)
    with pytest.raises(KamValueError, match=r"date column 'date' \(row 0, 3 bad in all\)"):
        pareto.yearly_revenue(frame)
    with pytest.raises(KamValueError, match=r"as_of: got 45000"):
        uncoupling.revenue_trend(table_for("revenue_trend"), as_of=serial)


@settings(max_examples=60, deadline=None)
@given(st.one_of(
    st.text(max_size=20),
    st.dates().map(lambda d: d.strftime(str(np.random.default_rng(d.toordinal()).choice(
        ["%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%Y%m%d", "%d.%m.%Y", "%Y"])))),
    st.integers(min_value=-10**6, max_value=10**6),
    st.datetimes(timezones=st.sampled_from([None, dt.timezone.utc])),
))
def test_property_a_period_bound_is_a_date_or_a_named_refusal(bound):
    """Dates family: whatever a learner types as start, an answer or a refusal naming it."""
    frame = table_for("revenue_by_account")
    try:
        totals = pareto.revenue_by_account(frame, start=bound)
    except KamValueError as error:
        assert str(error).startswith(("start:", "start/end:")), str(error)
    else:
        assert isinstance(bound, (str, dt.datetime)) and totals.sum() > 0


# --- text --------------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(st.one_of(st.text(max_size=60), st.none(), st.integers(), st.lists(st.text(max_size=3))))
def test_property_text_inputs_give_an_answer_or_a_named_refusal(text):
    """Text family: questions, step keys and account ids of any content."""
    calls = {
        "text": lambda: buying_centre.classify_question(text),
        "step_key": lambda: cycles.position("visit_plan", step_key=text),
        "account_id": lambda: ansoff.cross_sell_candidates(
            accounts(), transactions(), account_id=text, year=2025
        ),
    }
    for field, call in calls.items():
        try:
            call()
        except KamValueError as error:
            message = str(error)
            assert message.startswith(field) and len(message) < 2000
        else:
            assert isinstance(text, str)


def test_answers_are_unchanged_on_the_case_data():
    """The checks refuse bad input only: the case data gives the answers it gave before."""
    from kamlib import case, datasets

    book = datasets.load("transactions")
    share = pareto.concentration_from_transactions(book).top_share
    assert math.isclose(share, pareto.concentration(pareto.revenue_by_account(book)).top_share)
    classes = case.classified_accounts()["account_class"].value_counts()
    assert classes.sum() == len(datasets.load("accounts"))


# --- widget constructors ---------------------------------------------------------------------


def _case(name: str) -> pd.DataFrame:
    from kamlib import datasets

    return datasets.load(name)


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda w: w.ParetoExplorer(_case("transactions").assign(date=lambda f: f["date"].dt
                                                                  .strftime("%d/%m/%Y"))),
         r"transactions\['date'\] \(row 0, \d+ bad in all\)"),
        (lambda w: w.ParetoExplorer(spoil(_case("transactions").head(20), "account_id", None)),
         r"account column 'account_id' \(row 1, 1 bad in all\)"),
        (lambda w: w.VisitPlanner(visits=spoil(_case("visits").head(20), "kam", None)),
         r"kam \(row 'V0002', 1 bad in all\)"),
        (lambda w: w.VisitPlanner(visits=_case("visits").head(0)), r"visits: got 'an empty"),
        (lambda w: w.VisitPlanner(visits=spoil(_case("visits").head(20), "date", "now")),
         r"date \(row 'V0002', 1 bad in all\): got 'now'"),
        (lambda w: w.XYGrid(spoil(_scored().head(8), "account_id", None)),
         r"accounts\['account_id'\] \(row 1, 1 bad in all\)"),
        (lambda w: w.BCGPlot(spoil(_units(), "name", None)), r"units\['name'\] \(row 1, 1 bad"),
        (lambda w: w.BCGPlot(pd.concat([_units(), _units()[["name"]]], axis=1)),
         r"the column name\(s\) 'name' appear more than once"),
    ],
)
def test_widget_constructors_refuse_bad_data_with_a_named_message(workbook_path, make, match):
    """A widget given bad data says so when it is made, instead of failing in a dropdown."""
    from kamlib import widgets

    with pytest.raises(KamValueError, match=match):
        make(widgets)


def _scored() -> pd.DataFrame:
    from kamlib import case

    return case.scored_accounts()


def _units() -> pd.DataFrame:
    from kamlib.widgets.bcg_plot import COLUMNS

    return _case("product_lines")[COLUMNS].head(4)
