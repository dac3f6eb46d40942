"""The capstone's account (the one the learner studies, never a parameter to edit) and the
rubrics of its selling tasks."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamlib import case, grid, settings
from kamlib.buying_centre import ROLES
from kamlib.exercises import judge, task_spec
from kamlib.exercises.capstone import BOOK_COLUMNS, capstone_account
from kamlib.exercises.tasks_capstone import ROLE_ROWS
from kamlib.validation import KamValueError
from kamlib.workbook import Workbook


@pytest.fixture
def book(tmp_path: Path) -> Workbook:
    return Workbook(tmp_path / "learner.json")


def _export(tmp_path: Path, header: str, *rows: str) -> Path:
    path = tmp_path / "accounts.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_the_capstone_plans_the_studied_case_account(book):
    planned = capstone_account(workbook=book)
    assert planned.account_id == case.THREAD_ACCOUNT == planned.case_account
    case.set_studied_account("AC002", workbook=book)
    planned = capstone_account(workbook=book)
    assert (planned.account_id, planned.case_account) == ("AC002", "AC002")
    assert list(planned.book.columns) == list(BOOK_COLUMNS)
    scored = case.scored_accounts().set_index("account_id").loc["AC002"]
    row = planned.account
    assert (row["current_cny"], row["x"], row["y"]) == (
        scored["revenue_cny"], scored["x"], scored["y"])
    assert planned.profile["industry"] == "home appliances"
    assert "(AC002): current purchasing CNY" in planned.describe()
    assert capstone_account("AC017", workbook=book).account_id == "AC017"  # a demonstration
    with pytest.raises(KamValueError, match="account_id: got 'AC999'"):
        capstone_account("AC999")


def test_the_capstone_plans_an_account_of_the_learners_export(book, tmp_path):
    export = _export(tmp_path, "客户编号,客户名称,总体购买能力,本年销售额,重量级客户",
                     "K1,Kunlun Packaging,\"2,000,000\",\"600,000\",是", "K2,Other,100,,否")
    case.set_studied_account("K1", accounts_file=str(export), workbook=book)
    planned = capstone_account(workbook=book)
    assert planned.case_account is None and planned.profile["name"] == "Kunlun Packaging"
    cuts = settings.current().score_cuts_cny
    assert planned.account["x"] == int(grid.score([600_000.0], cuts=cuts)[0])
    assert bool(planned.account["vip"]) and "From your own export" in planned.describe()
    assert planned.book.set_index("account_id").loc["K2", "current_cny"] == 0


def test_current_purchasing_comes_from_the_orders_when_the_export_has_none(book, tmp_path):
    export = _export(tmp_path, "account_id,name,capacity_cny", "K1,Kunlun,2000000",
                     "K2,Other,500000")
    case.set_studied_account("K1", accounts_file=str(export), workbook=book)
    with pytest.raises(KamValueError, match="current purchasing"):
        capstone_account(workbook=book)
    orders = tmp_path / "orders.csv"
    orders.write_text("date,account_id,revenue_cny\n2024-05-01,K1,900\n2025-03-01,K1,1000\n"
                      "2025-09-01,K1,500\n", encoding="utf-8")
    case.set_studied_account("K1", accounts_file=str(export), transactions_file=str(orders),
                             workbook=book)
    current = capstone_account(workbook=book).book.set_index("account_id")["current_cny"]
    assert current.to_dict() == {"K1": 1500.0, "K2": 0.0}  # the export's latest year


def _judge(task: str, answer):
    return judge(task_spec(task), answer, None)


def test_the_buying_centre_table_needs_the_decider_the_buyer_and_four_roles():
    label = {role.key: role.label for role in ROLES}
    rows = [{"row": row, "holder": "", "met": ""} for row in ROLE_ROWS]

    def named(*keys):
        return [{**row, "holder": "Someone, Manager"} if row["row"] in {label[k] for k in keys}
                else row for row in rows]

    assert "names nobody as buyer (采购者)" in _judge("4.12", named("decider", "user")).message
    assert "names 3 role holders" in _judge("4.12", named("decider", "buyer", "user")).message
    assert _judge("4.12", named("decider", "buyer", "user", "gatekeeper")).status == "correct"


def test_benefits_and_the_objection_are_complete_then_left_to_the_trainer():
    two = [{"feature": "Low VOC", "need": "Emission limit", "benefit": ""},
           {"feature": "24-hour service", "need": "No line stops", "benefit": "Your line runs"}]
    assert "fill at least 2" in _judge("4.15", two[1:]).message
    assert "a benefit in row 1" in _judge("4.15", two).message
    two[0]["benefit"] = "You meet the limit"
    assert _judge("4.15", two).status == "saved"
    steps = {"acknowledge": "I understand the budget is tight this year.",
             "explore": "Which costs matter most to you this year?",
             "answer": "Our primer lowers the cost per part through less rework.",
             "confirm": ""}
    objection = {"objection": "price", "answers": {"price": steps}, "model_shown": []}
    assert "in all four steps" in _judge("4.16", objection).message
    steps["confirm"] = "Would a one-line trial settle the question for you?"
    assert _judge("4.16", objection).status == "saved"
