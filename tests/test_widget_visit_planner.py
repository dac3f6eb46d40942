"""VisitPlanner: visits due and overdue, the learner's plan and the monthly review."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import saved

from kamlib import KamValueError, settings
from kamlib.case import classified_accounts
from kamlib.widgets.visit_planner import VisitPlanner

AS_OF = pd.Timestamp("2025-12-31")


@pytest.fixture
def accounts():
    return pd.DataFrame({
        "account_id": ["AC001", "AC002", "AC003", "AC004"],
        "name": ["Alpha", "Beta", "Gamma", "Delta"],
        "kam": ["Li", "Li", "Wang", "Wang"],
        "account_class": ["A", "B", "C", "VIP"],
    })


@pytest.fixture
def log():
    return pd.DataFrame({
        "visit_id": ["V1", "V2", "V3", "V4", "V5"],
        "account_id": ["AC001", "AC002", "AC003", "AC004", "AC001"],
        "kam": ["Li", "Li", "Wang", "Wang", "Li"],
        "date": pd.to_datetime(
            ["2025-10-01", "2025-11-15", "2025-12-01", "2025-12-20", "2025-12-10"]
        ),
        "status": ["done", "done", "done", "done", "cancelled"],
        "objective": ["Trial", "Price", "Intro", "Dinner", "Audit"],
        "objective_met": pd.array([True, False, True, True, pd.NA], dtype="boolean"),
    })



def _status(planner, account):
    return str(planner.due.set_index("account_id").loc[account, "status"])


def _bar_widths(planner):
    return sorted(round(p.get_width()) for p in planner.due_plot.axes.patches
                  if p.get_width() > 0)


def test_defaults_and_overdue_table(workbook_path, accounts, log):
    planner = VisitPlanner(accounts, log, as_of=AS_OF)
    assert {c: b.value for c, b in planner.days.items()} == dict(settings.load().visit_days)
    assert _status(planner, "AC001") == "overdue"  # A every 30 days, last done 1 October
    assert int(planner.due.set_index("account_id").loc["AC001", "days_overdue"]) == 61
    assert "AC001" in planner.due_table.value and "AC003" not in planner.due_table.value
    assert _bar_widths(planner) == [61]


def test_frequency_change_moves_accounts(workbook_path, accounts, log):
    planner = VisitPlanner(accounts, log, as_of=AS_OF)
    assert _status(planner, "AC002") == "due this month"
    planner.days["B"].value = 30  # Beta last seen 15 November: now 16 days late
    assert _status(planner, "AC002") == "overdue"
    assert _bar_widths(planner) == [16, 61]
    assert saved(workbook_path, "visit_planner")["days"]["B"] == 30


def test_bad_frequency_is_shown_and_not_saved(workbook_path, accounts, log):
    planner = VisitPlanner(accounts, log, as_of=AS_OF)
    planner.days["C"].value = 100
    planner.days["C"].value = 0
    assert "days['C']: got 0; expected a number from 1 to 3650" in planner.error
    days = saved(workbook_path, "visit_planner")["days"]
    assert days["C"] == 100  # the refused value was not saved
    planner.days["C"].value = 90
    assert planner.error == "" and saved(workbook_path, "visit_planner")["days"]["C"] == 90


def test_filter_by_kam(workbook_path, accounts, log):
    planner = VisitPlanner(accounts, log, as_of=AS_OF)
    planner.kam.value = "Wang"
    assert set(planner.due["account_id"]) == {"AC003", "AC004"}
    assert "AC001" not in planner.due_table.value
    assert _bar_widths(planner) == []
    assert saved(workbook_path, "visit_planner")["kam"] == "Wang"


def test_plan_a_visit_is_saved_and_joins_the_log(workbook_path, accounts, log):
    planner = VisitPlanner(accounts, log, as_of=AS_OF)
    planner.account.value = "AC002"
    planner.date.value = pd.Timestamp("2026-01-08").date()
    planner.objective.value = "Agree the 2026 price"
    planner.add_button.click()
    assert saved(workbook_path, "visit_planner")["plan"] == [
        {"account_id": "AC002", "date": "2026-01-08", "objective": "Agree the 2026 price"}
    ]
    assert _status(planner, "AC002") == "planned"  # booked before its due date
    assert "2026-01" in planner.month.options
    planner.month.value = "2026-01"
    total = planner.review.set_index("kam").loc["Total (合计)"]
    assert total["planned"] == 1 and total["still_planned"] == 1
    again = VisitPlanner(accounts, log, as_of=AS_OF)
    assert again.value == planner.value
    assert _status(again, "AC002") == "planned"
    again.remove_picker.value = 0
    again.remove_button.click()
    assert saved(workbook_path, "visit_planner")["plan"] == []
    assert _status(again, "AC002") == "due this month"


def test_bad_plan_is_shown_not_raised(workbook_path, accounts, log):
    planner = VisitPlanner(accounts, log, as_of=AS_OF)
    planner.plan_visit("AC002", "2025-06-01", "Too late")
    assert "date: got '2025-06-01'; expected a day on or after today, 2025-12-31" in (
        planner.error
    )
    planner.plan_visit("AC002", None, "No date")
    assert "date: got None; expected a date" in planner.error
    planner.plan_visit("AC002", "2026-01-05", " ")
    assert "objective: got ' '; expected non-empty text" in planner.error
    planner.plan_visit("AC999", "2026-01-05", "Who?")
    assert "account: got 'AC999'; expected one of" in planner.error
    assert planner.plan == []


def test_monthly_review_table_and_bars(workbook_path, accounts, log):
    planner = VisitPlanner(accounts, log, as_of=AS_OF)
    assert planner.month.value == "2025-12"
    review = planner.review.set_index("kam")
    assert review.loc["Li", "planned"] == 1 and review.loc["Li", "cancelled"] == 1
    assert review.loc["Wang", "done"] == 2
    heights = [p.get_height() for p in planner.review_plot.axes.patches]
    assert heights == [1, 2, 0, 2, 0, 2]  # planned, done, objectives met for Li, Wang
    planner.month.value = "2025-11"
    assert planner.review.set_index("kam").loc["Total (合计)", "done"] == 1
    assert saved(workbook_path, "visit_planner")["month"] == "2025-11"
    assert VisitPlanner(accounts, log, as_of=AS_OF).month.value == "2025-11"


def test_case_data_defaults(workbook_path):
    accounts = classified_accounts()
    assert set(accounts["account_class"].astype(str)) == {"A", "B", "C", "VIP"}
    assert accounts["kam"].notna().all()
    planner = VisitPlanner()
    assert len(planner.due) == len(accounts)
    assert (planner.due["status"] == "overdue").any()
    assert planner.due_plot.png.startswith(b"\x89PNG")


def test_constructor_rejects_bad_arguments(workbook_path, accounts, log):
    with pytest.raises(KamValueError, match=r"accounts: missing column\(s\) 'account_class'"):
        VisitPlanner(accounts.drop(columns="account_class"), log, as_of=AS_OF)
    with pytest.raises(KamValueError, match=r"visits: missing column\(s\) 'objective_met'"):
        VisitPlanner(accounts, log.drop(columns="objective_met"), as_of=AS_OF)
    with pytest.raises(KamValueError, match=r"as_of: got 'soon'; expected a date"):
        VisitPlanner(accounts, log, as_of="soon")


def test_the_studied_account_is_picked_and_its_kam_shown(workbook_path, accounts, log):
    planner = VisitPlanner(accounts, log, as_of=AS_OF, account_id="AC003")
    assert planner.account.value == "AC003" and planner.kam.value == "Wang"
    assert set(planner.due["account_id"]) == {"AC003", "AC004"}
    assert not workbook_path.exists()  # showing the account saves nothing
    planner.kam.value = ""  # the learner's own choice is saved and wins next time
    again = VisitPlanner(accounts, log, as_of=AS_OF, account_id="AC003")
    assert again.kam.value == "" and len(again.due) == 4
    with pytest.raises(KamValueError, match="account_id: got 'AC999'; expected one of"):
        VisitPlanner(accounts, log, as_of=AS_OF, account_id="AC999")
