"""Visit plan: which accounts are due, and the monthly review [L3.5]."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kamlib import datasets, settings
from kamlib.validation import KamValueError
from kamlib.visits import (
    TOTAL_LABEL,
    monthly_review,
    visits_due,
)

AS_OF = pd.Timestamp("2025-12-31")


def accounts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account_id": ["AC1", "AC2", "AC3", "AC4", "AC5", "AC6"],
            "name": ["Overdue", "Planned", "Soon", "Fine", "New 新客户", "New, planned"],
            "kam": ["Li", "Li", "Wang", "Wang", "Li", "Wang"],
            "account_class": ["A", "B", "C", "VIP", "A", "B"],
        }
    )


def visit_log() -> pd.DataFrame:
    rows = [
        ("V01", "AC1", "Li", "2025-10-01", "done", True),  # A: due 10-31, overdue 61 days
        ("V02", "AC1", "Li", "2025-12-10", "cancelled", pd.NA),
        ("V03", "AC2", "Li", "2025-12-01", "done", False),  # B: due 2026-01-30
        ("V04", "AC2", "Li", "2026-01-20", "planned", pd.NA),  # before the due date
        ("V05", "AC3", "Wang", "2025-09-10", "done", True),  # C: due 2026-01-08, no plan
        ("V06", "AC4", "Wang", "2025-12-20", "done", True),  # VIP: due 2026-02-03
        ("V07", "AC6", "Wang", "2026-01-05", "planned", pd.NA),
        ("V08", "AC9", "Wang", "2025-12-05", "done", True),  # not in accounts: ignored
        ("V09", "AC4", "Wang", "2025-11-02", "done", False),
        ("V10", "AC3", "Wang", "2025-11-28", "planned", pd.NA),  # past and never done
    ]
    frame = pd.DataFrame(
        rows, columns=["visit_id", "account_id", "kam", "date", "status", "objective_met"]
    )
    return frame.assign(
        date=pd.to_datetime(frame["date"]),
        objective_met=frame["objective_met"].astype("boolean"),
        objective="agree the 2026 volume",
    )


def test_visits_due_gives_each_status() -> None:
    due = visits_due(accounts(), visit_log(), as_of=AS_OF).set_index("account_id")
    assert due["status"].astype(str).to_dict() == {
        "AC1": "overdue",
        "AC5": "never visited",
        "AC3": "due this month",
        "AC2": "planned",
        "AC6": "planned",
        "AC4": "ok",
    }
    assert due.loc["AC1", "last_done"] == pd.Timestamp("2025-10-01")
    assert due.loc["AC1", "due_date"] == pd.Timestamp("2025-10-31")
    assert due.loc["AC1", "days_overdue"] == 61
    assert due.loc["AC2", "next_planned"] == pd.Timestamp("2026-01-20")
    assert due.loc["AC4", "last_done"] == pd.Timestamp("2025-12-20")
    assert due.loc["AC4", "visit_every_days"] == settings.load().visit_days["VIP"]
    assert due.loc["AC4", "days_overdue"] == 0  # not yet due: 0, not a negative count
    assert pd.isna(due.loc["AC5", "due_date"]) and pd.isna(due.loc["AC5", "days_overdue"])
    assert pd.isna(due.loc["AC3", "next_planned"])  # a stale plan in the past does not count
    assert "AC9" not in due.index


def edge_case_status(
    class_and_visits: dict[str, tuple[str, list[tuple[str, str]]]],
) -> pd.DataFrame:
    """visits_due as of AS_OF for accounts given as {id: (class, [(date, status), ...])}."""
    ids = list(class_and_visits)
    frame = pd.DataFrame(
        {"account_id": ids, "account_class": [class_and_visits[a][0] for a in ids]}
    )
    rows = [
        (f"V{account}{n}", account, date, status)
        for account, (_, visits) in class_and_visits.items()
        for n, (date, status) in enumerate(visits)
    ]
    log = pd.DataFrame(rows, columns=["visit_id", "account_id", "date", "status"])
    return visits_due(frame, log, as_of=AS_OF).set_index("account_id")


def test_visits_due_boundaries_of_the_status_rules() -> None:
    due = edge_case_status(
        {
            # A, due 2025-12-15 (16 days ago); the plan falls after the due date: still overdue
            "LATE_PLAN": ("A", [("2025-11-15", "done"), ("2026-01-10", "planned")]),
            # A, due exactly today: due this month, not yet overdue
            "DUE_TODAY": ("A", [("2025-12-01", "done")]),
            # B, due 2026-01-30, exactly due_soon_days ahead (and done on as_of itself)
            "DUE_IN_30": ("B", [("2025-12-01", "done")]),
            "DONE_TODAY": ("A", [("2025-12-31", "done")]),  # A, due 2026-01-30: 30 days ahead
            "DUE_IN_31": ("B", [("2025-12-02", "done")]),  # B, due 2026-01-31: 31 days ahead
            # A, due 2026-01-09, a plan exactly on the due date
            "PLAN_ON_DUE": ("A", [("2025-12-10", "done"), ("2026-01-09", "planned")]),
            # never visited, a visit planned for today (as_of)
            "PLAN_TODAY": ("A", [("2025-12-31", "planned")]),
            # a visit marked done after as_of (a typing error or a later state): ignored
            "DONE_LATER": ("A", [("2025-11-01", "done"), ("2026-01-15", "done")]),
            # two future plans: the earlier is the next; it falls before the due date
            "TWO_PLANS": (
                "A",
                [("2025-12-20", "done"), ("2026-03-01", "planned"), ("2026-01-05", "planned")],
            ),
        }
    )
    assert settings.load().due_soon_days == 30
    status = due["status"].astype(str)
    assert status["LATE_PLAN"] == "overdue"
    assert due.loc["LATE_PLAN", "next_planned"] == pd.Timestamp("2026-01-10")
    assert due.loc["LATE_PLAN", "days_overdue"] == 16
    assert status["DUE_TODAY"] == "due this month"
    assert due.loc["DUE_TODAY", "due_date"] == AS_OF
    assert due.loc["DUE_TODAY", "days_overdue"] == 0
    assert status["DUE_IN_30"] == "due this month"
    soon = pd.Timedelta(days=settings.load().due_soon_days)
    assert due.loc["DUE_IN_30", "due_date"] == AS_OF + soon
    assert status["DONE_TODAY"] == "due this month"
    assert due.loc["DONE_TODAY", "last_done"] == AS_OF
    assert status["DUE_IN_31"] == "ok"
    assert due.loc["DUE_IN_31", "days_overdue"] == 0
    assert status["PLAN_ON_DUE"] == "planned"
    assert due.loc["PLAN_ON_DUE", "next_planned"] == due.loc["PLAN_ON_DUE", "due_date"]
    assert status["PLAN_TODAY"] == "planned"
    assert due.loc["PLAN_TODAY", "next_planned"] == AS_OF
    assert due.loc["DONE_LATER", "last_done"] == pd.Timestamp("2025-11-01")
    assert status["DONE_LATER"] == "overdue"  # due 2025-12-01
    assert due.loc["DONE_LATER", "days_overdue"] == 30
    assert due.loc["TWO_PLANS", "next_planned"] == pd.Timestamp("2026-01-05")
    assert status["TWO_PLANS"] == "planned"


def test_visits_due_sorts_most_urgent_first_and_keeps_names() -> None:
    due = visits_due(accounts(), visit_log(), as_of="2025-12-31")
    assert list(due["account_id"][:3]) == ["AC1", "AC5", "AC3"]
    assert list(due.columns[:4]) == ["account_id", "name", "kam", "account_class"]


def test_days_override_changes_the_rhythm() -> None:
    due = visits_due(accounts(), visit_log(), as_of=AS_OF, days={"A": 120}).set_index("account_id")
    assert due.loc["AC1", "status"] == "due this month"  # 2025-10-01 + 120 = 2026-01-29
    assert due.loc["AC2", "visit_every_days"] == 60


def test_visits_due_works_with_only_id_and_class() -> None:
    due = visits_due(accounts()[["account_id", "account_class"]], visit_log(), as_of=AS_OF)
    assert len(due) == 6 and "name" not in due.columns


def test_unknown_account_class_names_the_account() -> None:
    frame = accounts()
    frame.loc[3, "account_class"] = "D"
    with pytest.raises(
        KamValueError, match=r"account_class \(row 'AC4', 1 bad in all\): got 'D'; expected one of"
    ):
        visits_due(frame, visit_log(), as_of=AS_OF)


@pytest.mark.parametrize("as_of", [42, "tomorrow", "31/12/2025", pd.NaT, None])
def test_as_of_must_be_a_date(as_of: object) -> None:
    with pytest.raises(KamValueError, match=r"as_of: got .*; expected a date"):
        visits_due(accounts(), visit_log(), as_of=as_of)


def test_days_must_be_known_classes_and_whole_days() -> None:
    with pytest.raises(KamValueError, match=r"days key: got 'D'; expected one of 'A'"):
        visits_due(accounts(), visit_log(), as_of=AS_OF, days={"D": 10})
    with pytest.raises(KamValueError, match=r"days\['A'\]: got 0; expected a number from 1"):
        visits_due(accounts(), visit_log(), as_of=AS_OF, days={"A": 0})
    with pytest.raises(KamValueError, match=r"days\['B'\]: got 7.5; expected a whole number"):
        visits_due(accounts(), visit_log(), as_of=AS_OF, days={"B": 7.5})
    with pytest.raises(KamValueError, match=r"days: got 30; expected a dict"):
        visits_due(accounts(), visit_log(), as_of=AS_OF, days=30)


def test_unknown_status_names_the_visit() -> None:
    log = visit_log()
    log.loc[4, "status"] = "postponed"
    with pytest.raises(KamValueError, match=r"status \(row 'V05', 1 bad in all\): got 'postponed'"):
        visits_due(accounts(), log, as_of=AS_OF)


def test_unreadable_date_names_the_visit() -> None:
    log = visit_log().assign(date=lambda f: f["date"].dt.strftime("%Y-%m-%d").astype(object))
    log.loc[2, "date"] = "soon"
    with pytest.raises(
        KamValueError, match=r"date \(row 'V03', 1 bad in all\): got 'soon'; expected a date"
    ):
        visits_due(accounts(), log, as_of=AS_OF)


def test_visits_need_their_columns() -> None:
    with pytest.raises(KamValueError, match=r"visits: missing column\(s\) 'status'"):
        visits_due(accounts(), visit_log().drop(columns="status"), as_of=AS_OF)
    with pytest.raises(KamValueError, match=r"accounts: missing column\(s\) 'account_class'"):
        visits_due(accounts().drop(columns="account_class"), visit_log(), as_of=AS_OF)


def test_monthly_review_counts_per_kam_with_total() -> None:
    review = monthly_review(visit_log(), month="2025-12").set_index("kam")
    assert list(review.index) == ["Li", "Wang", TOTAL_LABEL]
    li, wang, total = review.loc["Li"], review.loc["Wang"], review.loc[TOTAL_LABEL]
    assert (li["planned"], li["done"], li["cancelled"], li["objectives_met"]) == (2, 1, 1, 0)
    assert (wang["planned"], wang["done"], wang["objectives_met"]) == (2, 2, 2)
    assert li["completion_rate"] == 0.5 and li["objective_hit_rate"] == 0.0
    assert total["planned"] == 4 and total["done"] == 3
    assert total["objective_hit_rate"] == pytest.approx(2 / 3)


def test_monthly_review_of_a_period_and_of_open_visits() -> None:
    review = monthly_review(visit_log(), month=pd.Period("2026-01", freq="M")).set_index("kam")
    assert review.loc["Li", "still_planned"] == 1
    assert review.loc["Li", "completion_rate"] == 0.0
    assert np.isnan(review.loc["Li", "objective_hit_rate"])


def test_monthly_review_of_an_empty_month_has_a_zero_total() -> None:
    review = monthly_review(visit_log(), month="2024-03")
    assert list(review["kam"]) == [TOTAL_LABEL]
    assert review.loc[0, "planned"] == 0 and np.isnan(review.loc[0, "completion_rate"])


@pytest.mark.parametrize(
    "month", ["Dec 2025", "2025-13", "2025-12-01", 202512, pd.Period("2025-12-01", freq="D")]
)
def test_month_must_be_a_month(month: object) -> None:
    with pytest.raises(KamValueError, match=r"month: got .*; expected a month as 'YYYY-MM'"):
        monthly_review(visit_log(), month=month)


def test_monthly_review_refuses_unknown_status_and_missing_kam() -> None:
    log = visit_log()
    log.loc[0, "status"] = "Done"
    with pytest.raises(KamValueError, match=r"status \(row 'V01', 1 bad in all\): got 'Done'"):
        monthly_review(log, month="2025-12")
    log = visit_log()
    log.loc[1, "kam"] = None
    with pytest.raises(
        KamValueError, match=r"kam \(row 'V02', 1 bad in all\): got .*; expected text \(not missing"
    ):
        monthly_review(log, month="2025-12")
    with pytest.raises(KamValueError, match=r"visits: missing column\(s\) 'objective_met'"):
        monthly_review(visit_log().drop(columns="objective_met"), month="2025-12")


def test_on_the_case_data() -> None:
    frame = datasets.load("accounts")
    frame = frame.assign(account_class=np.where(frame["vip"], "VIP", "B"))
    log = datasets.load("visits")
    due = visits_due(frame, log, as_of=settings.load().today)
    assert len(due) == len(frame) and due["account_id"].is_unique
    assert set(due["status"].astype(str)) <= {
        "overdue",
        "never visited",
        "due this month",
        "planned",
        "ok",
    }
    review = monthly_review(log, month="2025-11")
    total = review.iloc[-1]
    in_month = log["date"].dt.to_period("M") == pd.Period("2025-11", freq="M")
    assert total["kam"] == TOTAL_LABEL and total["planned"] == in_month.sum()
    assert total["done"] == review["done"].iloc[:-1].sum()
