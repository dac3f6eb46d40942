"""Environment scan (kamlib.environment)."""

from __future__ import annotations

import pytest

from kamlib import swot
from kamlib.environment import (
    CONSUMER_PROMPTS,
    INTERNAL_FACTORS,
    MACRO_FACTORS,
    MICRO_FACTORS,
    ConsumerAnalysis,
    ScanEntry,
    factors_table,
    scan_to_swot,
)
from kamlib.validation import KamValueError


def test_factor_lists_follow_the_handout():
    assert [f.zh for f in MICRO_FACTORS] == [
        "消费者的特性",
        "竞争对手状况",
        "中间商状况",
        "供应商状况",
        "部门状况",
    ]
    assert [f.zh for f in MACRO_FACTORS] == [
        "人文",
        "经济",
        "政治",
        "技术",
        "地理",
        "宗教",
        "社会文化",
    ]
    assert len(INTERNAL_FACTORS) >= 6 and {
        "products",
        "cost_position",
        "people",
        "finance",
        "service",
        "brand",
    } <= {f.key for f in INTERNAL_FACTORS}
    table = factors_table()
    assert table["key"].is_unique
    assert table["scope"].value_counts().to_dict() == {
        "internal": len(INTERNAL_FACTORS),
        "macro": 7,
        "micro": 5,
    }


def test_scan_entries_are_filed_into_the_right_quadrants():
    entries = [
        ScanEntry("competitors", "A rival cut sealant prices by 8%", "threat", 4),
        ScanEntry("political", "New VOC limits favour waterborne coatings", "opportunity", 5),
        ScanEntry("service", "48-hour on-site technical service", "strength"),
        ScanEntry("cost_position", "Small plants, higher unit cost", "weakness", 2),
    ]
    result = scan_to_swot(entries)
    assert isinstance(result, swot.SWOT)
    assert [i.text for i in result.threats] == [
        "Competitors (竞争对手状况): A rival cut sealant prices by 8%"
    ]
    assert result.opportunities[0].weight == 5
    assert result.strengths[0].text.startswith("Service and delivery (服务与交付)")
    assert result.strengths[0].weight == 3
    assert result.weaknesses[0].weight == 2


def test_scan_adds_to_an_existing_swot():
    start = swot.SWOT(strengths=[swot.SWOTItem("Strong brand", 4)])
    result = scan_to_swot([ScanEntry("products", "Widest low-VOC range", "strength")], swot=start)
    assert [i.text for i in result.strengths] == [
        "Strong brand",
        "Products and technology (产品与技术): Widest low-VOC range",
    ]
    assert scan_to_swot([], swot=start) == start


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("competitors", "Rival is weak", "strength"),
            r"effect of micro factor 'competitors': got "
            r"'strength'; expected one of 'opportunity', 'threat'",
        ),
        (
            ("economic", "Growth slows", "weakness"),
            r"effect of macro factor 'economic': got "
            r"'weakness'",
        ),
        (
            ("brand", "Known name", "opportunity"),
            r"effect of internal factor 'brand': got "
            r"'opportunity'; expected one of 'strength', 'weakness'",
        ),
        (("weather", "Rain", "threat"), r"factor: got 'weather'; expected one of 'consumers'"),
        (("brand", "  ", "strength"), r"note: got '  '; expected non-empty text"),
        (("brand", "Known", "strength", 6), r"weight: got 6; expected a number from 1 to 5"),
        (("brand", "Known", "strength", 2.5), r"weight: got 2\.5; expected a whole number"),
    ],
)
def test_scan_entry_rejects_bad_input(args, message):
    with pytest.raises(KamValueError, match=message):
        ScanEntry(*args)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("threat",), r"entries: got 'threat'; expected a list of ScanEntry"),
        ((["a note"],), r"entries\[0\]: got 'a note'; expected a ScanEntry"),
        (
            ([], {"strengths": []}),
            r"swot: got \{'strengths': \[\]\}; expected a kamlib\.swot\.SWOT",
        ),
    ],
)
def test_scan_to_swot_rejects_bad_input(args, message):
    with pytest.raises(KamValueError, match=message):
        scan_to_swot(args[0], swot=args[1] if len(args) > 1 else None)


def test_consumer_analysis():
    analysis = ConsumerAnalysis(who="Plant engineers of appliance makers", why="Fewer rejects")
    assert analysis.missing == ("what",)
    frame = analysis.to_frame()
    assert frame["question"].tolist() == ["who", "what", "why"]
    assert frame["zh"].tolist() == ["谁购买", "购买什么", "为什么购买"]
    assert "brand loyalty" in frame.loc[1, "prompts"] and "usage habits" in frame.loc[1, "prompts"]
    assert "personality and lifestyle" in "; ".join(CONSUMER_PROMPTS["who"][1])
    assert frame.loc[2, "answer"] == "Fewer rejects"
    with pytest.raises(KamValueError, match=r"what: got 3; expected text \(a str\)"):
        ConsumerAnalysis(what=3)


# ------------------------------------------------------ our own departments, the worked scan


def test_departments_are_our_own_and_controllable():
    """部门状况 is the company's own departments (Kotler's micro environment), not the
    customer's: an entry about it is a strength or a weakness."""
    from kamlib.environment import FACTORS

    departments = FACTORS["departments"]
    assert departments.zh == "部门状况" and departments.scope == "micro"
    assert "our own departments" in departments.prompt.lower()
    assert "customer's departments" not in departments.prompt
    assert departments.effects == ("strength", "weakness")
    assert FACTORS["competitors"].effects == ("opportunity", "threat")
    assert ScanEntry("departments", "R&D backs the trial", "strength").effect == "strength"
    with pytest.raises(KamValueError, match="effect of micro factor 'departments'"):
        ScanEntry("departments", "R&D backs the trial", "opportunity")


@pytest.fixture(scope="module")
def case_tables():
    from kamlib import datasets

    return [datasets.load(n) for n in ("accounts", "transactions", "product_lines", "contacts")]


@pytest.mark.parametrize("account_id", ["AC060", "AC017", "AC103"])
def test_worked_scan_keeps_the_swot_rules(case_tables, account_id):
    from kamlib.environment import FACTORS, worked_scan

    entries = worked_scan(account_id, *case_tables)
    assert len(entries) == 9
    for entry in entries:
        assert entry.effect in FACTORS[entry.factor].effects
    notes = " ".join(entry.note for entry in entries)
    # our own sales result is no opportunity; a cost position is not judged on our average
    assert "bought" not in notes and "from us" not in notes
    assert "our average" not in notes
    cost = next(e for e in entries if e.factor == "cost_position")
    assert "relative market share" in cost.note and "rival" in cost.note


def test_worked_scan_of_the_thread_account_computes_its_facts(case_tables):
    from kamlib.bcg import bcg_table
    from kamlib.environment import GROWING_MARKET_PCT, worked_scan
    from kamlib.segmentation import industry_sales

    accounts, transactions, product_lines, _ = case_tables
    entries = {e.factor: e for e in worked_scan("AC060", *case_tables)}
    own = industry_sales(accounts, transactions).query("account_id == 'AC060'")
    bought = own.groupby("line_id")["revenue_cny"].sum()
    lines = bcg_table(product_lines).set_index("line_id").loc[bought.index]
    growth = (lines["market_growth_pct"] * bought).sum() / bought.sum()
    assert f"{growth:.1f}%" in entries["consumers"].note
    assert entries["consumers"].effect == ("opportunity" if growth >= GROWING_MARKET_PCT
                                           else "threat")
    largest = bought.idxmax()
    assert lines.loc[largest, "name"] in entries["cost_position"].note
    assert entries["cost_position"].effect == (
        "strength" if lines.loc[largest, "relative_share"] >= 1 else "weakness"
    )


def test_worked_scan_rejects_an_account_without_orders(case_tables):
    from kamlib.environment import worked_scan

    with pytest.raises(KamValueError, match="account_id: got 'AC003'"):
        worked_scan("AC003", *case_tables)
