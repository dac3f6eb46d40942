"""SMART goal checking and the five rules of objective setting (kamlib.goals)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kamlib.goals import (
    HINTS,
    LETTERS,
    LetterVerdict,
    SmartReport,
    check_objectives,
    check_smart,
    plausible_change_pct,
)
from kamlib.validation import KamValueError

TABLE = Path(__file__).parent / "data" / "smart_statements.csv"


def _table() -> pd.DataFrame:
    return pd.read_csv(TABLE, keep_default_na=False, dtype=str)


def test_statement_table_is_large_bilingual_and_complete():
    table = _table()
    assert list(table.columns) == ["text", "lang", "strategy", "baseline", *LETTERS]
    assert len(table) >= 40
    assert (table["lang"] == "zh").sum() >= len(table) * 0.45
    assert set(table[list(LETTERS)].to_numpy().ravel()) == {"0", "1"}
    # both verdicts occur for every letter, so a checker that always says yes cannot pass
    assert all(table[letter].nunique() == 2 for letter in LETTERS)


def test_checker_agrees_with_the_table_on_at_least_90_percent_of_letters():
    table = _table()
    mismatches = []
    for row in table.itertuples(index=False):
        report = check_smart(
            row.text,
            strategy=row.strategy or None,
            baseline=float(row.baseline) if row.baseline else None,
        )
        for letter in LETTERS:
            expected = getattr(row, letter) == "1"
            verdict = report.letters[letter]
            if verdict.passed != expected:
                mismatches.append(f"{letter} expected {expected}: {row.text!r} — {verdict.reason}")
    agreement = 1 - len(mismatches) / (len(table) * len(LETTERS))
    print(f"agreement {agreement:.1%}; mismatches:", *mismatches, sep="\n  ")
    assert agreement >= 0.9


def test_report_of_a_good_english_goal():
    report = check_smart("Increase revenue from Geely Auto by 15% by Q3 2027")
    assert isinstance(report, SmartReport)
    assert report.passed and report.score == 5
    assert set(report.letters) == set(LETTERS)
    assert all(isinstance(v, LetterVerdict) and v.hint == "" for v in report.letters.values())
    assert "Geely Auto" in report.letters["S"].reason
    assert "Q3" in report.letters["T"].reason
    assert "could not" not in report.letters["A"].reason
    assert "no baseline" in report.letters["A"].reason


def test_vague_goal_fails_with_concrete_hints():
    report = check_smart("Improve relationship with customers")
    assert not report.passed and report.score == 1
    for letter in "SMRT":
        verdict = report.letters[letter]
        assert not verdict.passed and verdict.hint == HINTS[letter]
    assert "vague wording" in report.letters["S"].reason
    assert "+15% revenue" in report.letters["M"].hint
    assert report.letters["A"].passed
    assert "could not check without a baseline" in report.letters["A"].reason


def test_to_frame_and_str():
    report = check_smart("加强与客户的关系")
    frame = report.to_frame()
    assert list(frame.columns) == ["letter", "name", "name_zh", "passed", "reason", "hint"]
    assert frame["letter"].tolist() == list(LETTERS)
    assert frame.loc[frame["letter"] == "M", "name_zh"].item() == "可度量的"
    text = str(report)
    assert text.startswith("SMART check of '加强与客户的关系': 1/5")
    assert "✗ S Specific (具体的)" in text and "✓ A Achievable (可达到的)" in text
    assert "→ Add a number" in text


@pytest.mark.parametrize(
    ("text", "letter"),
    [
        ("在2027年6月底前把AC003的销售额提高百分之十", "M"),
        ("两倍", "M"),
        ("三家新客户", "M"),
        ("Win two new accounts", "M"),
        ("RMB 2 million", "M"),
        ("by Q3 2027", "T"),
        ("within six months", "T"),
        ("before 30 June 2027", "T"),
        ("by end of 2026", "T"),
        ("2027年6月底前", "T"),
        ("明年第三季度", "T"),
        ("六个月内", "T"),
        ("每月", "T"),
        ("grow sales at 'Jiangnan Yard'", "S"),
        ("提高格力电器公司的销售额", "S"),
        ("Launch our powder coatings at AC017", "S"),
    ],
)
def test_single_letters_are_recognised(text, letter):
    assert check_smart(text).letters[letter].passed, check_smart(text).letters[letter].reason


@pytest.mark.parametrize(
    ("text", "letter"),
    [
        ("Deliver on 12 June 2026", "M"),  # the only numbers are a date
        ("Increase sales at AC017 soon", "T"),
        ("尽快提升关系", "S"),
        ("Do better with Midea", "S"),
        ("Increase revenue in the north", "S"),  # no account, customer or product
    ],
)
def test_single_letters_fail(text, letter):
    assert not check_smart(text).letters[letter].passed


def test_achievable_against_a_baseline():
    text = "Reach RMB {} million revenue with Foxconn by end of 2026"
    assert check_smart(text.format(5), baseline=4_000_000).letters["A"].passed
    too_high = check_smart(text.format(12), baseline=4_000_000).letters["A"]
    assert not too_high.passed and "+200%" in too_high.reason
    below = check_smart(text.format(3), baseline=4_000_000).letters["A"]
    assert not below.passed and "no improvement" in below.reason
    # Chinese amounts: 两百万元 = 2,000,000 yuan; 1.5亿元 = 150,000,000 yuan
    assert check_smart("订单达到两百万元", baseline=1_500_000).letters["A"].passed
    assert not check_smart("订单达到两百万元", baseline=900_000).letters["A"].passed
    assert "150,000,000" in check_smart("销售额达到1.5亿元", baseline=1e8).letters["A"].reason


@pytest.mark.parametrize(
    "text",
    [
        "Raise AC002 revenue from RMB 4 million to RMB 5 million by Q4 2026",
        "在2026年第四季度前把AC002的销售额从400万元提高到500万元",
        "raise AC002 revenue from 4,000,000 to 5,000,000 yuan by Q4 2026",
    ],
)
def test_of_two_amounts_the_last_is_the_target(text):
    verdict = check_smart(text, baseline=4_000_000).letters["A"]
    assert verdict.passed
    assert verdict.reason == (
        "target 5,000,000 against baseline 4,000,000: +25% is within reach"
    )


def test_achievable_boundaries_doubling_passes_no_change_fails():
    text = "Reach RMB {} million revenue with Foxconn by end of 2026"
    doubled = check_smart(text.format(8), baseline=4_000_000).letters["A"]
    assert doubled.passed and "+100% is within reach" in doubled.reason
    above = check_smart(text.format(8.04), baseline=4_000_000).letters["A"]
    assert not above.passed and "+101% is above the plausible +100%" in above.reason
    same = check_smart(text.format(4), baseline=4_000_000).letters["A"]
    assert not same.passed and "+0% is no improvement" in same.reason
    assert check_smart("Grow sales to Gree by 100% this year").letters["A"].passed
    assert not check_smart("Grow sales to Gree by 101% this year").letters["A"].passed


@pytest.mark.parametrize(
    ("text", "passed", "reason"),
    [
        (
            "Grow revenue at AC002 by 10% in H1 and by 30% by Q4 2026",
            True,
            "a stated change of 30%: +30% is within reach",
        ),
        (
            "Grow revenue at AC002 by 50% in 2026 and by 150% by 2027",
            False,
            "a stated change of 150%: +150% is above the plausible +100%",
        ),
    ],
)
def test_of_two_stated_changes_the_last_counts(text, passed, reason):
    """The documented choice: the last stated change is the target (as the last amount is)."""
    verdict = check_smart(text).letters["A"]
    assert verdict.passed is passed
    assert verdict.reason.startswith(reason)


def test_reduction_goal_counts_a_fall_as_the_improvement():
    cut = check_smart("Cut the cost of coatings at AC005 to RMB 0.8 million", baseline=1_000_000)
    assert cut.letters["A"].passed and "+20%" in cut.letters["A"].reason
    wrong_way = check_smart("Cut the cost at AC005 to RMB 1.2 million", baseline=1_000_000)
    assert not wrong_way.letters["A"].passed


def test_share_level_against_baseline_in_percent():
    goal = "Raise our share at Haier from 20% to {}% by December 2026"
    assert check_smart(goal.format(35), baseline=20).letters["A"].passed
    assert not check_smart(goal.format(45), baseline=20).letters["A"].passed  # +125%


@pytest.mark.parametrize(
    "text",
    [
        "Win 100% market share at AC017",
        "Serve all customers within 24 hours",
        "今年所有客户零投诉",
        "Double revenue every month at Chery",
        "海尔集团的销售额每月翻一番",
        "Grow sales to Gree by 300% this year",
        "美的集团销售额翻两番",
        "格力的订单增长五倍",
    ],
)
def test_absolutes_and_implausible_changes_fail_without_baseline(text):
    verdict = check_smart(text).letters["A"]
    assert not verdict.passed
    assert verdict.hint == HINTS["A"].format(limit=plausible_change_pct())
    assert f"+{plausible_change_pct():g}%" in verdict.hint


def test_relevance_against_a_strategy_uses_synonyms_across_languages():
    relevant = check_smart("将华东区的渗透率提高到30%", strategy="Market penetration in East China")
    assert relevant.letters["R"].passed
    assert "penetration" in relevant.letters["R"].reason
    unrelated = check_smart(
        "Increase revenue at AC031 by 10% by June 2027",
        strategy="Diversification: enter the wind-energy market with new blade coatings",
    )
    assert not unrelated.letters["R"].passed
    assert unrelated.letters["R"].reason == "shares no term with the strategy"


def test_relevance_without_strategy_needs_a_business_outcome():
    assert check_smart("提高毛利率").letters["R"].passed
    assert not check_smart("Visit AC044 twelve times a year").letters["R"].passed


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": 42}, r"text: got 42; expected text \(a str\)"),
        ({"text": "   "}, r"text: got '   '; expected non-empty text"),
        ({"text": "Grow", "strategy": ""}, r"strategy: got ''; expected non-empty text"),
        ({"text": "Grow", "baseline": "1m"}, r"baseline: got '1m'; expected a number"),
        ({"text": "Grow", "baseline": 0}, r"baseline: got 0; expected a number above 0"),
        ({"text": "Grow", "baseline": float("nan")}, r"baseline: got nan; expected a finite"),
    ],
)
def test_check_smart_rejects_bad_input(kwargs, message):
    with pytest.raises(KamValueError, match=message):
        check_smart(**kwargs)


# ----------------------------------------------------------------------------- objectives

GOOD_OBJECTIVES = [
    {"text": "Raise gross margin at AC002 to 28% by Q4 2026", "kind": "profit", "priority": 1},
    {
        "text": "Grow share of wallet at AC005 from 30% to 40% in 2026",
        "kind": "market share",
        "priority": 2,
        "target": 40,
        "baseline": 30,
    },
    {"text": "Launch one low-VOC primer in 2026", "kind": "innovation", "priority": 3},
]


def _verdicts(objectives) -> dict[str, bool]:
    result = check_objectives(objectives)
    assert list(result.columns) == ["rule", "label", "passed", "reason"]
    return dict(zip(result["rule"], result["passed"], strict=True))


def test_a_good_set_of_objectives_passes_every_rule():
    result = check_objectives(GOOD_OBJECTIVES)
    assert result["rule"].tolist() == [
        "several",
        "ranked",
        "quantifiable",
        "realistic",
        "consistent",
    ]
    assert result["passed"].all()
    assert "(可量化)" in result.loc[2, "label"]
    assert check_objectives(pd.DataFrame(GOOD_OBJECTIVES))["passed"].all()


def test_one_objective_is_not_several_and_not_ranked():
    verdicts = _verdicts(GOOD_OBJECTIVES[:1])
    assert verdicts["several"] is False and verdicts["ranked"] is False
    same_kind = [dict(o, kind="profit") for o in GOOD_OBJECTIVES]
    assert _verdicts(same_kind)["several"] is False


def test_ranked_needs_every_priority_and_two_levels():
    no_priority = [{k: v for k, v in o.items() if k != "priority"} for o in GOOD_OBJECTIVES]
    assert _verdicts(no_priority)["ranked"] is False
    flat = [dict(o, priority=1) for o in GOOD_OBJECTIVES]
    assert _verdicts(flat)["ranked"] is False


def test_quantifiable_and_realistic_name_the_objective():
    objectives = [*GOOD_OBJECTIVES, {"text": "Be the best supplier", "kind": "brand"}]
    result = check_objectives(objectives).set_index("rule")
    assert not result.loc["quantifiable", "passed"]
    assert result.loc["quantifiable", "reason"] == "no target or number in objective(s) 4"
    objectives = [
        *GOOD_OBJECTIVES,
        {"text": "Win share", "kind": "market share", "target": 90, "baseline": 30},
    ]
    result = check_objectives(objectives).set_index("rule")
    assert not result.loc["realistic", "passed"]
    assert "4 (target 90 against baseline 30: +200%" in result.loc["realistic", "reason"]


def test_contradicting_objectives_are_found():
    objectives = [
        {"text": "Raise price of PL02 by 10% in 2026", "kind": "profit", "priority": 1},
        {
            "text": "Grow volume 30% in a price-sensitive segment",
            "kind": "market share",
            "priority": 2,
        },
    ]
    result = check_objectives(objectives).set_index("rule")
    assert not result.loc["consistent", "passed"]
    assert result.loc["consistent", "reason"].startswith("objectives 1 and 2: a higher price")
    opposite = [
        {"text": "降低PL03价格5%", "kind": "market share", "priority": 1},
        {"text": "Raise prices of PL03 by 3%", "kind": "profit", "priority": 2},
    ]
    reason = check_objectives(opposite).set_index("rule").loc["consistent", "reason"]
    assert reason == "objectives 1 and 2: price goes down in one and up in the other"


@pytest.mark.parametrize(
    ("objectives", "message"),
    [
        ("grow", r"objectives: got 'grow'; expected a list of records"),
        ([], r"objectives: got \[\]; expected at least one objective record"),
        ([{"kind": "profit"}], r"objectives: got \['kind'\]; expected records with a 'text'"),
        ([{"text": "x", "kind": "fun"}], r"objectives\[0\]\.kind: got 'fun'; expected one of"),
        ([{"text": "", "kind": "risk"}], r"objectives\[0\]\.text: got ''; expected non-empty"),
        ([{"text": "x", "kind": "risk", "priority": 0}], r"objectives\[0\]\.priority: got 0"),
        ([{"text": "x", "kind": "risk", "priority": 1.5}], r"priority: got 1\.5; expected a whole"),
        ([{"text": "x", "kind": "risk", "target": -1}], r"objectives\[0\]\.target: got -1"),
        ([{"text": "x", "kind": "risk", "baseline": 0}], r"baseline: got 0; expected a number abo"),
        ([{"text": "x", "kind": "risk", "owner": "me"}], r"got \['owner'\]; expected only the"),
    ],
)
def test_check_objectives_rejects_bad_input(objectives, message):
    with pytest.raises(KamValueError, match=message):
        check_objectives(objectives)
