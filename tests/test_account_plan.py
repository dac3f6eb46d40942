"""The key account plan: validation, documents and a lossless Excel round trip [L2.13]."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from dataclasses import fields as dataclass_fields
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from helpers import live_html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamlib import datasets
from kamlib import settings as course_settings
from kamlib.account_plan import (
    ANSOFF_KEYS,
    BUDGET_P_NAMES,
    RISK_SIDES,
    SECTIONS,
    SWOT_QUADRANTS,
    AccountPlan,
    PlanFileError,
)
from kamlib.mix import FOUR_P
from kamlib.validation import KamValueError


def full_plan() -> AccountPlan:
    return AccountPlan(
        account_id="AC007",
        name="长城汽车 Great Wall Motors",
        industry="automotive 汽车",
        region="North 华北",
        kam="Li Wei",
        capacity_cny=12_500_000.5,
        revenue_cny=3_000_000,
        account_class="A",
        grid_class="B",
        x=2,
        y=4,
        stage=3,
        stage_name="Mid KAM (中级阶段)",
        prepared_on="2025-12-31",
        risks=[
            {"factor": "Staff changes 人员的调整", "side": "internal", "rating": 2,
             "remedy": "Meet the new buyer in January"},
            {"factor": "Financial problems 财务问题", "side": "external", "rating": 0},
        ],
        swot={
            "strengths": [{"text": "48-hour delivery | 交货快", "weight": 3}],
            "threats": [{"text": "=A rival's price cut", "weight": 2.5}],
        },
        objectives=[
            {"text": "Raise our share of their coatings to 40% by 2026-12-31", "smart_score": 5,
             "priority": 1, "due": dt.date(2026, 12, 31)},
            {"text": "Open a joint team with their paint shop"},
        ],
        strategy_key="market_penetration",
        strategy="Sell more of the same lines: 深耕现有产品",
        mix_actions=[
            {"p": "price", "lever": "discounts", "action": "3% rebate above 500 t",
             "cost_cny": 90_000},
            {"p": "product", "lever": "services", "action": "On-site colour matching"},
        ],
        visit_plan=[
            {"date": dt.datetime(2026, 1, 15), "objective": "Meet purchasing\nand finance 财务"},
        ],
        budget=[
            {"item": "Rebate 返点", "cost_cny": 90_000, "p": "price"},
            {"item": "Travel", "cost_cny": 10_000},
        ],
        expected_results="+2 million CNY revenue in 2026",
        expected_revenue_gain_cny=2_000_000,
        margin_rate=0.25,
        evaluation="Monthly review of share and visits 每月评价",
        contingency=[{"trigger": "Rival cuts price by 10%", "response": "<b>Value</b> selling"}],
    )  # fmt: skip


def test_plan_normalises_its_data() -> None:
    plan = full_plan()
    assert plan.prepared_on == dt.date(2025, 12, 31)
    assert plan.visit_plan[0]["date"] == dt.date(2026, 1, 15)
    assert plan.revenue_cny == 3_000_000.0 and isinstance(plan.revenue_cny, float)
    assert plan.budget[1]["p"] == "other"
    assert plan.mix_actions[1]["cost_cny"] == 0.0
    assert plan.objectives[1] == {
        "text": "Open a joint team with their paint shop",
        "smart_score": None,
        "priority": None,
        "due": None,
    }
    assert plan.swot["weaknesses"] == () and plan.swot["opportunities"] == ()
    assert plan.risks[1]["remedy"] == ""


def test_dict_round_trip_is_json_friendly() -> None:
    plan = full_plan()
    data = plan.to_dict()
    assert data["prepared_on"] == "2025-12-31"
    assert data["visit_plan"][0]["date"] == "2026-01-15"
    assert data["swot"]["opportunities"] == []
    assert AccountPlan.from_dict(data) == plan


def test_roi_comes_from_budget_and_expected_results() -> None:
    summary = full_plan().roi()
    assert summary.total_cost == 100_000
    assert summary.roi == pytest.approx((2_000_000 * 0.25 - 100_000) / 100_000)
    assert AccountPlan("AC1", "Only a name").roi() is None


def test_markdown_has_a_heading_and_table_per_section() -> None:
    text = full_plan().to_markdown()
    assert text.startswith("# Key account plan (大客户计划): 长城汽车 Great Wall Motors (AC007)")
    for number, section in enumerate(SECTIONS, start=1):
        assert f"## {number}. {section.title}" in text
    assert "| Purchasing capacity, CNY (总体购买能力) | 12,500,000.50 |" in text
    assert "| Margin rate 0-1 (毛利率) | 25.0% |" in text
    assert "| ROI (投资回报率) | 400.0% |" in text
    assert "48-hour delivery \\| 交货快" in text  # a pipe does not break the table
    assert "Meet purchasing<br>and finance 财务" in text
    assert "| Price (价格) | Discounts (折扣) | 3% rebate above 500 t | 90,000 |" in text


def test_markdown_of_empty_sections_says_so() -> None:
    text = AccountPlan("AC1", "Empty").to_markdown()
    assert text.count("_None yet (暂无)._") == sum(section.table for section in SECTIONS)
    assert "Total budget" not in text


def test_html_is_a_standalone_escaped_page() -> None:
    page = full_plan().to_html()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert '<meta charset="utf-8">' in page
    assert "&lt;b&gt;Value&lt;/b&gt; selling" in page and "<b>Value</b>" not in page
    assert page.count("<table>") == len(SECTIONS)
    assert "<th>Visit objective (拜访目标)</th>" in page


def test_excel_round_trip_loses_nothing(tmp_path: Path) -> None:
    plan = full_plan()
    path = plan.to_excel(tmp_path / "plan.xlsx")
    assert AccountPlan.from_excel(path) == plan


def test_excel_round_trip_of_an_empty_plan(tmp_path: Path) -> None:
    plan = AccountPlan("AC1", "Empty 空")
    assert AccountPlan.from_excel(plan.to_excel(tmp_path / "empty.xlsx")) == plan


def test_excel_is_readable_for_a_manager(tmp_path: Path) -> None:
    path = full_plan().to_excel(str(tmp_path / "plan.xlsx"))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [section.sheet for section in SECTIONS]
    budget = book["Budget"]
    assert [c.value for c in budget[1]] == [
        "Budget item (预算项目)",
        "Cost, CNY (成本)",
        "Booked to (所属4P)",
    ]
    assert budget["C2"].value == "Price (价格)" and budget["B2"].number_format == "#,##0.00"
    assert budget.column_dimensions["A"].width >= 10
    threat = book["SWOT"]["B3"]
    assert threat.value == "=A rival's price cut" and threat.data_type == "s"  # not a formula
    results = [row[0].value for row in book["Expected results"].iter_rows()]
    assert "ROI (投资回报率)" in results


def test_excel_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"keep me")
    with pytest.raises(
        KamValueError, match=r"path: got 'plan.xlsx'; expected a file not yet in .*overwrite=True"
    ):
        full_plan().to_excel(path)
    assert path.read_bytes() == b"keep me"
    full_plan().to_excel(path, overwrite=True)
    assert AccountPlan.from_excel(path) == full_plan()


def test_reading_does_not_modify_the_file(tmp_path: Path) -> None:
    path = full_plan().to_excel(tmp_path / "plan.xlsx")
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    AccountPlan.from_excel(path)
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_edited_workbook_is_read(tmp_path: Path) -> None:
    path = full_plan().to_excel(tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(path)
    book["Budget"].append(["Samples 样品", 5000, "product"])  # a key works as well as a label
    book["Visit plan"].append([None, None])  # blank rows are skipped
    book.save(path)
    plan = AccountPlan.from_excel(path)
    assert plan.budget[-1] == {"item": "Samples 样品", "cost_cny": 5000.0, "p": "product"}
    assert len(plan.visit_plan) == 1


def test_bad_value_in_workbook_names_file_and_field(tmp_path: Path) -> None:
    path = full_plan().to_excel(tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(path)
    book["Budget"]["B3"] = -10
    book.save(path)
    with pytest.raises(KamValueError, match=r"plan.xlsx: 1 problem\(s\).*\n- sheet 'Budget', "
                                            r"row 3, column B \(Cost, CNY \(成本\)\): "
                                            r"budget\[1\].cost_cny: got -10"):
        AccountPlan.from_excel(path)


def test_workbook_with_missing_sheet_or_wrong_header_is_refused(tmp_path: Path) -> None:
    path = full_plan().to_excel(tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(path)
    book["Budget"]["A1"] = "What"
    book.save(path)
    with pytest.raises(KamValueError, match=r"sheet 'Budget', row 1: the header row is \['What'"):
        AccountPlan.from_excel(path)
    del book["SWOT"]
    book.save(path)
    with pytest.raises(KamValueError, match=r"sheet 'SWOT': the sheet is missing \(the workbook "
                                            r"has 'Profile', "):
        AccountPlan.from_excel(path)


def test_unknown_item_in_a_key_value_sheet_is_refused(tmp_path: Path) -> None:
    path = full_plan().to_excel(tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(path)
    book["Strategy"].append(["Mood", "good"])
    book.save(path)
    with pytest.raises(KamValueError, match=r"sheet 'Strategy', row 4, column A \(Item \(项目\)\): "
                                            r"got 'Mood'; expected one of"):
        AccountPlan.from_excel(path)


@pytest.mark.parametrize("path", ["plan.csv", 42, "plan"])
def test_excel_path_must_end_in_xlsx(path: object) -> None:
    with pytest.raises(KamValueError, match=r"path: got .*; expected the path of a .xlsx file"):
        full_plan().to_excel(path)


def test_reading_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(
        KamValueError,
        match=r"path: got 'nothing.xlsx'; expected an existing .xlsx file \(looked in",
    ):
        AccountPlan.from_excel(tmp_path / "nothing.xlsx")


def test_overwrite_must_be_a_bool(tmp_path: Path) -> None:
    path = full_plan().to_excel(tmp_path / "plan.xlsx")
    with pytest.raises(KamValueError, match=r"overwrite: got 'yes'; expected True or False"):
        full_plan().to_excel(path, overwrite="yes")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"account_id": " "}, r"account_id: got ' '; expected non-empty text"),
        ({"account_class": "D"}, r"account_class: got 'D'; expected one of 'A', 'B', 'C', 'VIP'"),
        ({"x": 5}, r"x: got 5; expected a number from 0 to 4"),
        ({"x": 4, "y": 3}, r"x: got 4; expected at most y \(3\): no account buys more"),
        ({"stage": 2.5}, r"stage: got 2.5; expected a whole number"),
        ({"capacity_cny": -1}, r"capacity_cny: got -1; expected a number from 0"),
        ({"margin_rate": 25}, r"margin_rate: got 25; expected a number from 0 to 1"),
        ({"prepared_on": "31/12/2025"}, r"prepared_on: got '31/12/2025'; expected a date"),
        ({"prepared_on": dt.date(1899, 1, 1)}, r"prepared_on: got .*; expected a date from 1900"),
        ({"strategy_key": "growth"}, r"strategy_key: got 'growth'; expected one of"),
        ({"name": "bell\x07"}, r"name: got 'bell\\x07'; expected text without control"),
        ({"evaluation": 12}, r"evaluation: got 12; expected text"),
        ({"risks": "none"}, r"risks: got 'none'; expected a list of dicts"),
        ({"risks": [["x"]]}, r"risks\[0\]: got \['x'\]; expected a dict with the keys factor"),
        ({"risks": [{"factor": "x", "side": "inside", "rating": 1}]},
         r"risks\[0\].side: got 'inside'; expected one of 'internal', 'external'"),
        ({"objectives": [{"text": "x", "owner": "me"}]},
         r"objectives\[0\] keys: got \['owner'\]; expected only text, smart_score"),
        ({"visit_plan": [{"objective": "x"}]}, r"visit_plan\[0\].date: got None; expected a value"),
        ({"mix_actions": [{"p": "place", "lever": "discounts", "action": "x"}]},
         r"mix_actions\[0\].lever of 'place': got 'discounts'; expected one of 'channels'"),
        ({"budget": [{"item": "x", "cost_cny": float("nan")}]},
         r"budget\[0\].cost_cny: got nan; expected a value"),
        ({"swot": {"strength": []}}, r"swot key: got 'strength'; expected one of 'strengths'"),
        ({"swot": ["x"]}, r"swot: got \['x'\]; expected a dict with lists under strengths"),
        ({"swot": {"threats": [{"text": "x", "weight": -1}]}},
         r"swot\['threats'\]\[0\].weight: got -1; expected a number from 0"),
        ({"contingency": [{"trigger": "x"}]}, r"contingency\[0\].response: got None"),
    ],
)  # fmt: skip
def test_bad_fields_are_refused_with_a_clear_message(changes: dict, message: str) -> None:
    data = {**full_plan().to_dict(), **changes}
    with pytest.raises(KamValueError, match=message):
        AccountPlan.from_dict(data)


def test_from_dict_refuses_unknown_and_missing_keys() -> None:
    with pytest.raises(KamValueError, match=r"data keys: got \['colour'\]; expected only"):
        AccountPlan.from_dict({"account_id": "AC1", "name": "x", "colour": "red"})
    with pytest.raises(
        KamValueError, match=r"data: got \"no 'name'\"; expected account_id and name"
    ):
        AccountPlan.from_dict({"account_id": "AC1"})
    with pytest.raises(KamValueError, match=r"data: got \['AC1'\]; expected a dict"):
        AccountPlan.from_dict(["AC1"])


def test_too_long_text_is_refused() -> None:
    with pytest.raises(KamValueError, match=r"strategy: got '32768 characters'; expected at most"):
        AccountPlan("AC1", "x", strategy="長" * 32_768)


# ----- property: any valid plan survives the Excel round trip -------------------------------
_ALPHABET = st.sampled_from(
    list("abcXYZ 019.,;:%|=+-<>&'\"\n\t") + list("大客户管理华信涂料优势机会威胁目标预算")
)
_TEXT = st.text(_ALPHABET, min_size=1, max_size=30).filter(lambda s: s.strip() != "")
_OPTIONAL_TEXT = st.text(_ALPHABET, max_size=30)
_MONEY = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)
_DATES = st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 12, 31))
_LEVERS = [(p, lever) for p in FOUR_P for lever in FOUR_P[p].lever_keys]


def _records(**fields: st.SearchStrategy) -> st.SearchStrategy:
    return st.lists(st.fixed_dictionaries(fields), max_size=3)


_PLANS = st.builds(
    AccountPlan,
    account_id=_TEXT,
    name=_TEXT,
    industry=_OPTIONAL_TEXT,
    kam=_OPTIONAL_TEXT,
    capacity_cny=st.none() | _MONEY,
    revenue_cny=st.none() | _MONEY,
    account_class=st.none() | st.sampled_from(["A", "B", "C", "VIP"]),
    x=st.none() | st.integers(0, 4),
    stage=st.none() | st.integers(1, 6),
    prepared_on=st.none() | _DATES,
    risks=_records(
        factor=_TEXT, side=st.sampled_from(list(RISK_SIDES)), rating=st.integers(0, 3),
        remedy=_OPTIONAL_TEXT,
    ),
    swot=st.dictionaries(
        st.sampled_from(list(SWOT_QUADRANTS)),
        _records(text=_TEXT, weight=st.floats(0, 100, allow_nan=False)),
    ),
    objectives=_records(
        text=_TEXT, smart_score=st.none() | st.integers(0, 5),
        priority=st.none() | st.integers(1, 9), due=st.none() | _DATES,
    ),
    strategy_key=st.none() | st.sampled_from(list(ANSOFF_KEYS)),
    strategy=_OPTIONAL_TEXT,
    mix_actions=st.lists(
        st.tuples(st.sampled_from(_LEVERS), _TEXT, _MONEY).map(
            lambda t: {"p": t[0][0], "lever": t[0][1], "action": t[1], "cost_cny": t[2]}
        ),
        max_size=3,
    ),
    visit_plan=_records(date=_DATES, objective=_TEXT),
    budget=_records(item=_TEXT, cost_cny=_MONEY, p=st.sampled_from(list(BUDGET_P_NAMES))),
    expected_revenue_gain_cny=st.none() | _MONEY,
    margin_rate=st.none() | st.floats(0, 1, allow_nan=False),
    evaluation=_OPTIONAL_TEXT,
    contingency=_records(trigger=_TEXT, response=_TEXT),
)  # fmt: skip


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=_PLANS)
def test_any_plan_survives_excel_and_dict_round_trips(plan: AccountPlan) -> None:
    assert AccountPlan.from_dict(plan.to_dict()) == plan
    with tempfile.TemporaryDirectory() as folder:
        path = plan.to_excel(Path(folder) / "plan.xlsx")
        assert AccountPlan.from_excel(path) == plan
    assert plan.to_markdown().count("\n## ") == len(SECTIONS)


def test_plan_from_the_case_data(tmp_path: Path) -> None:
    accounts = datasets.load("accounts")
    visits = datasets.load("visits")
    transactions = datasets.load("transactions")
    account = accounts.iloc[0]
    revenue = transactions.loc[
        (transactions["account_id"] == account["account_id"])
        & (transactions["date"].dt.year == course_settings.load().today.year),
        "revenue_cny",
    ].sum()
    planned = visits[
        (visits["account_id"] == account["account_id"]) & (visits["status"] == "planned")
    ]
    plan = AccountPlan(
        account_id=account["account_id"],
        name=f"{account['name']} {account['name_zh']}",
        industry=str(account["industry"]),
        region=str(account["region"]),
        kam=account["kam"],
        capacity_cny=account["capacity_cny"],
        revenue_cny=revenue,
        account_class="VIP" if account["vip"] else "B",
        visit_plan=planned[["date", "objective"]].to_dict("records"),
    )
    assert plan.visit_plan == tuple(
        {"date": day.date(), "objective": text}
        for day, text in zip(planned["date"], planned["objective"], strict=True)
    )
    assert AccountPlan.from_excel(plan.to_excel(tmp_path / "case.xlsx")) == plan


def test_markdown_shows_payback_with_one_decimal() -> None:
    """A manager reads "3.7" months, not "3.73489" (bug seen in lecture 2's plan)."""
    from kamlib.account_plan import _COMPUTED, _display

    spec = next(f for f in _COMPUTED if f.key == "payback_months")
    assert _display(spec, 3.734891) == "3.7"


# ----- hostile text and hostile files ------------------------------------------------------
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    "![logo](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    "[x]( JavaScript:alert(1) )",
    "&#106;avascript:alert(1) and &lt;b&gt;",
    "[ref][1]\n[1]: javascript:alert(1)",
    "<a href='vbscript:msgbox(1)'>x</a> | *bold* _it_ `code`",
    "<svg/onload=alert(1)>\n# heading?",
]


def hostile_plan() -> AccountPlan:
    return AccountPlan(
        account_id="AC007", name=HOSTILE[0] + " Great Wall", strategy=HOSTILE[2],
        swot={"strengths": [{"text": text, "weight": 1} for text in HOSTILE]},
        contingency=[{"trigger": text, "response": text} for text in HOSTILE],
    )


def _visible_text(markup: str) -> str:
    from html.parser import HTMLParser

    parts: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            parts.append(data)

    Text(convert_charrefs=True).feed(markup)
    return "".join(parts)


def test_markdown_rendered_to_html_has_nothing_live() -> None:
    """The Markdown export, rendered by the `markdown` package, shows the words typed:
    no script, no event handler, no javascript:/data: link, no raw HTML."""
    import markdown

    text = hostile_plan().to_markdown()
    assert live_html(text) == []
    visible = _visible_text(markdown.markdown(text, extensions=["tables"]))
    for hostile in HOSTILE:
        for line in hostile.split("\n"):  # each line shows as typed (line breaks become <br>)
            assert line in visible, line
    assert text.count("\n## ") == len(SECTIONS)  # no section heading smuggled in


def test_html_export_has_nothing_live() -> None:
    page = hostile_plan().to_html()
    assert live_html(page, from_markdown=False) == []
    assert "<script>alert(1)</script>" in _visible_text(page)


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@"])
def test_excel_keeps_formula_like_text_as_text(tmp_path: Path, prefix: str) -> None:
    text = f"{prefix}SUM(A1:A9) {prefix}cmd|' /C calc'!A0"
    plan = AccountPlan("AC1", "x", strategy=text, swot={"threats": [{"text": text}]})
    path = plan.to_excel(tmp_path / "plan.xlsx")
    cell = openpyxl.load_workbook(path)["SWOT"]["B2"]
    assert cell.value == text and cell.data_type == "s"
    assert AccountPlan.from_excel(path) == plan


def _edited(tmp_path: Path, edit) -> Path:
    path = full_plan().to_excel(tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(path)
    edit(book)
    book.save(path)
    return path


def test_formula_and_error_cells_are_reported_with_their_place(tmp_path: Path) -> None:
    def edit(book) -> None:
        book["Budget"]["B2"] = "=SUM(B3:B4)"  # openpyxl stores it as a formula
        book["Profile"]["B3"] = "=A2&\" Motors\""
        book["SWOT"]["C2"].value = "#DIV/0!"
        book["SWOT"]["C2"].data_type = "e"

    with pytest.raises(PlanFileError) as caught:
        AccountPlan.from_excel(_edited(tmp_path, edit))
    places = {(p["sheet"], p["row"], p["column"]) for p in caught.value.problems}
    assert places == {("Profile", 3, "B (Value (内容))"),
                      ("SWOT", 2, "C (Weight (权重))"),
                      ("Budget", 2, "B (Cost, CNY (成本))")}
    message = str(caught.value)
    assert "plan.xlsx: 3 problem(s)" in message
    assert "sheet 'Budget', row 2, column B (Cost, CNY (成本)): a formula ('=SUM(B3:B4)'): " \
           "type the value itself" in message
    assert "an error value ('#DIV/0!')" in message


def test_an_item_listed_twice_is_reported_not_last_row_wins(tmp_path: Path) -> None:
    def edit(book) -> None:
        book["Profile"].append(["Account name (客户名称)", "Someone else"])

    path = _edited(tmp_path, edit)
    rows = openpyxl.load_workbook(path)["Profile"].max_row
    with pytest.raises(PlanFileError, match=rf"sheet 'Profile', rows 3 and {rows}, column A "
                                            r"\(Item \(项目\)\): 'Account name \(客户名称\)' is "
                                            r"listed twice; keep one row"):
        AccountPlan.from_excel(path)


def test_every_problem_is_listed_and_the_message_stays_short(tmp_path: Path) -> None:
    def edit(book) -> None:
        for row in range(60):
            book["Budget"].append([f"Line {row}", f"=B2*{row}", "price"])

    with pytest.raises(PlanFileError) as caught:
        AccountPlan.from_excel(_edited(tmp_path, edit))
    assert len(caught.value.problems) == 60
    message = str(caught.value)
    assert message.count("\n- sheet 'Budget'") == 50 and message.endswith("- and 10 more")


def test_a_sparse_sheet_is_refused_without_reading_a_million_rows(tmp_path: Path) -> None:
    """One far cell makes a sheet of 1,048,576 rows: refused from its declared size."""
    def edit(book) -> None:
        book["Objectives"]["C1048576"] = 1

    path = _edited(tmp_path, edit)
    started = time.perf_counter()
    with pytest.raises(PlanFileError, match=r"sheet 'Objectives', row 1048576: the sheet "
                                            r"reaches row 1,048,576; a plan sheet has at most"):
        AccountPlan.from_excel(path)
    print(f"sparse sheet refused in {time.perf_counter() - started:.2f} s")


def _with_dimension(path: Path, sheet: str, dimension: str) -> Path:
    """Rewrite the <dimension> a sheet declares (as a careless exporter might)."""
    import re
    import zipfile

    book = openpyxl.load_workbook(path)
    part = f"xl/worksheets/sheet{book.sheetnames.index(sheet) + 1}.xml"
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[part] = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(),
                         parts[part])
    return _zip(path, parts)


def test_too_many_rows_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kamlib import account_plan

    monkeypatch.setattr(account_plan, "MAX_SHEET_ROWS", 20)

    def edit(book) -> None:
        for row in range(25):
            book["Visit plan"].append([dt.date(2026, 2, 1), f"Visit {row}"])

    path = _edited(tmp_path, edit)
    with pytest.raises(PlanFileError, match=r"sheet 'Visit plan', row 27: the sheet reaches row "
                                            r"27; a plan sheet has at most 20 rows"):
        AccountPlan.from_excel(path)
    _with_dimension(path, "Visit plan", "A1:B2")  # it says 2 rows: the rows are counted
    with pytest.raises(PlanFileError, match=r"sheet 'Visit plan', row 21: a plan sheet has at "
                                            r"most 20 rows"):
        AccountPlan.from_excel(path)


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("account_id,name\nAC1,x\n", encoding="utf-8"),
         "not an Excel workbook"),
        (lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 100), "not an Excel workbook"),
        (lambda p: _zip(p, {"readme.txt": b"hello"}), "zip file is not an Excel workbook"),
        (lambda p: _zip(p, {"xl/workbook.xml": b"<not xml", "[Content_Types].xml": b"<"}),
         "damaged"),
        (lambda p: _zip(p, {"xl/workbook.xml": b" " * (41 * 1024 * 1024)}),
         r"unpacks to 42,991,616 bytes in 1 parts; at most"),
    ],
    ids=["csv", "truncated zip", "other zip", "damaged xml", "zip bomb"],
)
def test_a_file_that_is_no_plan_workbook_is_refused(tmp_path: Path, make, message: str) -> None:
    path = tmp_path / "plan.xlsx"
    make(path)
    before = path.read_bytes()
    with pytest.raises(KamValueError, match=rf"plan.xlsx: .*{message}"):
        AccountPlan.from_excel(path)
    assert path.read_bytes() == before


def test_a_truncated_workbook_is_refused(tmp_path: Path) -> None:
    path = full_plan().to_excel(tmp_path / "plan.xlsx")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(KamValueError, match=r"plan.xlsx: (this is not an Excel workbook|the "
                                            r"(file|workbook) is damaged)"):
        AccountPlan.from_excel(path)


def test_an_oversized_file_is_refused_before_unpacking(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from kamlib import _xlsx

    path = full_plan().to_excel(tmp_path / "plan.xlsx")
    monkeypatch.setattr(_xlsx, "MAX_FILE_BYTES", 1_000)
    with pytest.raises(KamValueError, match=r"plan.xlsx: the file has [\d,]+ bytes; at most "
                                            r"1,000 are read"):
        AccountPlan.from_excel(path)


def test_a_failed_excel_export_says_why_and_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "exports").write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(KamValueError, match=r"could not be saved .*: part of the path is a "
                                            r"file, not a folder"):
        full_plan().to_excel(tmp_path / "exports" / "plan.xlsx")
    old = full_plan().to_excel(tmp_path / "plan.xlsx")
    before = old.read_bytes()
    (tmp_path / "link.xlsx").symlink_to(old)
    AccountPlan("AC1", "New").to_excel(tmp_path / "link.xlsx", overwrite=True)
    assert (tmp_path / "link.xlsx").is_symlink() and old.read_bytes() != before
    assert AccountPlan.from_excel(old).name == "New"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5)
    | st.complex_numbers() | st.just(10**400) | st.just(np.array([1, 2])) | st.just(pd.NaT)
    | st.just(dt.timedelta(days=1)) | st.just(pd.Timestamp("2026-01-15", tz="Asia/Shanghai"))
    | st.sampled_from(["A", "price", "discounts", "strengths", "internal", "2026-01-15"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["text", "weight", "p", "lever", "action", "cost_cny", "date",
                         "objective", "item", "factor", "side", "rating", "strengths", "x"]),
        inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.dictionaries(
    st.sampled_from([f.name for f in dataclass_fields(AccountPlan)] + ["bogus"]), _JSON,
    max_size=6))
def test_from_dict_gives_a_plan_or_a_clear_error(data: dict) -> None:
    """Fuzz: any plain data either makes a plan (that exports) or a KamValueError."""
    data = {"account_id": "AC1", "name": "x", **data}
    try:
        plan = AccountPlan.from_dict(data)
    except KamValueError as error:
        assert len(str(error)) < 600
        return
    assert plan.to_markdown() and plan.to_html()


# --- the documents in the learner's language (issue 10) ------------------------------------


def chinese_plan(revenue_gain: float = 2_000_000) -> AccountPlan:
    """A plan a Chinese learner typed: every choice and section filled, every text Chinese."""
    return AccountPlan(
        account_id="AC007", name="长城汽车", industry="汽车零部件", region="华北", kam="李伟",
        capacity_cny=12_500_000, revenue_cny=3_000_000, account_class="VIP", grid_class="A",
        x=2, y=4, stage=3, stage_name="中级阶段", prepared_on="2025-12-31",
        risks=[{"factor": "采购经理调岗", "side": "internal", "rating": 2,
                "remedy": "一月拜访新经理"},
               {"factor": "原材料涨价", "side": "external", "rating": 1}],
        swot={quadrant: [{"text": f"第{n}条", "weight": n}]
              for n, quadrant in enumerate(SWOT_QUADRANTS, start=1)},
        objectives=[{"text": "2026年12月31日前把钱包份额从24%提高到30%", "smart_score": 5,
                     "priority": 1, "due": dt.date(2026, 12, 31)}],
        strategy_key="market_development", strategy="把现有产品卖给新的行业客户",
        mix_actions=[{"p": p, "lever": FOUR_P[p].levers[0].key, "action": "行动", "cost_cny": 1}
                     for p in FOUR_P],
        visit_plan=[{"date": "2026-01-15", "objective": "与采购部确认年度目标"}],
        budget=[{"item": "样品", "cost_cny": 50_000, "p": "product"},
                {"item": "差旅", "cost_cny": 20_000}],
        expected_results="销售额增长200万元", expected_revenue_gain_cny=revenue_gain,
        margin_rate=0.25, evaluation="每月回顾份额和拜访",
        contingency=[{"trigger": "竞争对手降价10%", "response": "强调服务价值"}],
    )  # fmt: skip


def _words(texts: list[object]) -> list[str]:
    """The English words of ``texts`` (HTML tags and style aside)."""
    import re

    words = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")
    plain = [re.sub(r"<style>.*?</style>|<[^>]+>", " ", str(t), flags=re.S) for t in texts]
    return [word for text in plain for word in words.findall(text)]


@pytest.mark.parametrize("revenue_gain", [2_000_000, 0])  # 0: the payback is "never"
def test_the_chinese_documents_carry_no_english(tmp_path: Path, revenue_gain: float) -> None:
    plan = chinese_plan(revenue_gain)
    markdown, page = plan.to_markdown(language="zh"), plan.to_html(language="zh")
    book = openpyxl.load_workbook(plan.to_excel(tmp_path / "计划.xlsx", language="zh"))
    cells = [cell.value for sheet in book for row in sheet.iter_rows() for cell in row
             if cell.value is not None]
    assert _words([markdown]) == []
    assert _words([page]) == []
    assert _words([*book.sheetnames, *cells]) == []
    assert markdown.startswith("# 大客户计划：长城汽车（AC007）")
    assert "| 总体购买能力（元） | 12,500,000 |" in markdown
    assert "| 安索夫策略 | 市场延伸 |" in markdown and "| 客户级别 | VIP |" in markdown
    assert "<th>拜访目标</th>" in page and '<html lang="zh-CN">' in page
    assert book.sheetnames == [section.zh for section in SECTIONS]
    assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in book.sheetnames)
    assert ("不回收" in markdown) == (revenue_gain == 0)
    empty = AccountPlan("AC1", "空白计划").to_markdown(language="zh")
    assert empty.count("_暂无。_") == sum(section.table for section in SECTIONS)
    assert _words([empty]) == []


def test_the_english_documents_keep_the_chinese_terms_whatever_the_current_language(
    tmp_path: Path,
) -> None:
    from kamlib import i18n

    plan = full_plan()
    english = plan.to_markdown(language="en"), plan.to_html(language="en")
    i18n.set_language("zh")
    try:
        assert (plan.to_markdown(language="en"), plan.to_html(language="en")) == english
        assert plan.to_markdown() == plan.to_markdown(language="zh") != english[0]
        book = openpyxl.load_workbook(plan.to_excel(tmp_path / "plan.xlsx", language="en"))
    finally:
        i18n.set_language("en")
    assert plan.to_markdown() == english[0]
    assert "| Account class (客户级别) | A |" in english[0]  # a class has no term to teach
    assert book.sheetnames == [section.sheet for section in SECTIONS]
    assert book["Budget"]["C2"].value == "Price (价格)"


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("make", [full_plan, chinese_plan])
def test_excel_round_trip_in_either_language(tmp_path: Path, language: str, make) -> None:
    from kamlib import i18n

    plan = make()
    path = plan.to_excel(tmp_path / "plan.xlsx", language=language)
    for reader in ("en", "zh"):  # read back whatever language the course shows now
        i18n.set_language(reader)
        try:
            assert AccountPlan.from_excel(path) == plan
        finally:
            i18n.set_language("en")


def test_a_chinese_workbook_reports_problems_in_its_own_names(tmp_path: Path) -> None:
    path = chinese_plan().to_excel(tmp_path / "plan.xlsx", language="zh")
    book = openpyxl.load_workbook(path)
    book["营销预算"]["B2"] = -5
    book["客户概况"].append(["客户编号", "AC008"])
    del book["中断风险"]
    book.save(path)
    with pytest.raises(PlanFileError) as caught:
        AccountPlan.from_excel(path)
    where = {(p["sheet"], p["row"], p["column"]) for p in caught.value.problems}
    assert where == {("营销预算", 2, "B (成本（元）)"), ("客户概况", "2 and 16", "A (项目)"),
                     ("中断风险", None, None)}


def test_a_section_in_both_languages_is_a_problem_not_a_guess(tmp_path: Path) -> None:
    path = full_plan().to_excel(tmp_path / "plan.xlsx", language="en")
    book = openpyxl.load_workbook(path)
    book.copy_worksheet(book["Budget"]).title = "营销预算"
    book.save(path)
    with pytest.raises(PlanFileError, match="'Budget' and '营销预算': keep one"):
        AccountPlan.from_excel(path)


@pytest.mark.parametrize("method", ["to_markdown", "to_html"])
@pytest.mark.parametrize("language", ["fr", 1, "zh-CN "])
def test_a_bad_language_is_refused_naming_the_field(method: str, language: object) -> None:
    with pytest.raises(KamValueError, match=r"^language: got .*; expected one of 'en', 'zh'"):
        getattr(full_plan(), method)(language=language)


def test_a_bad_language_writes_no_workbook(tmp_path: Path) -> None:
    with pytest.raises(KamValueError, match=r"^language: "):
        full_plan().to_excel(tmp_path / "plan.xlsx", language="de")
    assert not (tmp_path / "plan.xlsx").exists()
