"""SMART goal checking, advances and the five rules of objective setting (kamlib.goals)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamlib import settings as course_settings
from kamlib import zh_segment
from kamlib.goals import (
    ADVANCE_KINDS,
    CONCEPT_SYNONYMS,
    LETTERS,
    PRODUCT_KINDS,
    LetterVerdict,
    SmartReport,
    check_objectives,
    check_smart,
    coach_agreement,
    judge_advance,
)
from kamlib.validation import KamValueError

TABLE = Path(__file__).parent / "data" / "smart_statements.csv"
#: The course's own model visit objective (lecture 3, section 6.4).
MODEL_VISIT_OBJECTIVE = (
    "Agree a line trial of our waterborne primer on one paint line by 31 March 2026"
)


def _table() -> pd.DataFrame:
    return pd.read_csv(TABLE, keep_default_na=False, dtype=str)


def test_trainer_table_is_large_bilingual_half_visit_objectives_and_complete():
    table = _table()
    assert list(table.columns) == [
        "text", "lang", "kind", "set", "strategy", "baseline", *LETTERS
    ]
    assert len(table) >= 60 and not table["text"].duplicated().any()
    assert set(table["lang"]) == {"en", "zh"} and (table["lang"] == "zh").mean() >= 0.45
    assert (table["kind"] == "visit").mean() >= 0.48
    assert set(table["set"]) == {"dev", "holdout"}
    assert set(table[list(LETTERS)].to_numpy().ravel()) == {"0", "1"}
    # both verdicts occur for every letter in each kind, so a coach that always says yes fails
    for kind, rows in table.groupby("kind"):
        assert all(rows[letter].nunique() == 2 for letter in LETTERS), kind


def test_coach_agrees_with_the_trainer_on_the_tuned_and_the_holdout_statements():
    result = coach_agreement(_table())
    by_set = result.groupby("set")["agrees"].mean()
    by_language = result.groupby("lang")["agrees"].mean()
    misses = result.loc[~result["agrees"], ["letter", "expected", "text", "reason"]]
    print(by_set, by_language, misses.to_string(), sep="\n")
    assert by_set["dev"] >= 0.97
    assert by_set["holdout"] >= 0.88  # written after the rules, never tuned on
    assert by_language.min() >= 0.93


def test_coach_agreement_rejects_a_bad_table():
    with pytest.raises(KamValueError, match="statements"):
        coach_agreement(pd.DataFrame({"text": ["x"]}))
    bad = _table().head(1).assign(S="yes")
    with pytest.raises(KamValueError, match=r"statements\[0\]\.S: got 'yes'"):
        coach_agreement(bad)


def test_every_failed_letter_says_how_to_fix_it():
    for row in _table().itertuples(index=False):
        report = check_smart(
            row.text, strategy=row.strategy or None,
            baseline=float(row.baseline) if row.baseline else None,
        )
        for verdict in report.letters.values():
            assert (verdict.hint == "") is verdict.passed, (row.text, verdict)
            if not verdict.passed:
                assert len(verdict.hint) > 30 and verdict.hint != verdict.reason


@pytest.mark.parametrize(
    "text",
    [
        MODEL_VISIT_OBJECTIVE,
        "Agree a line trial of our waterborne primer on one paint line at AC060 by 31 March 2026",
        "2026年3月31日前与AC060约定在一条涂装线上试用我们的水性底漆",
        "下次拜访时让美的集团的质量经理通过我们的样品测试",
    ],
)
def test_the_model_visit_objective_scores_five_as_an_advance(text):
    report = check_smart(text)
    assert report.score == 5, str(report)
    assert report.advance
    assert "advance" in report.letters["R"].reason


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Agree a line trial at AC017 by May 2026", "trial"),
        ("Sign the framework contract with Haier on 12 January 2026", "Sign"),
        ("Arrange a meeting with the decider at AC093", "meeting"),
        ("Get the plant manager of AC017 to visit our lab", "visit our"),
        ("月底前与AC093的决策者约定一次会面", "约定"),
        ("让质量经理通过我们的样品测试", "通过"),
        ("在两条线上试用密封胶", "试用"),
    ],
)
def test_advance_verbs_and_commitments_make_an_advance(text, words):
    verdict = judge_advance(text)
    assert verdict.kind == "advance" and verdict.is_advance and verdict.hint == ""
    assert words in verdict.words


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Keep in touch with the buyer at Midea", "continuation"),
        ("Present our company to the customer", "continuation"),
        ("保持与采购经理的联系", "continuation"),
        ("Find out who decides on coatings at AC152", "information"),
        ("下次拜访时确定AC152的涂料采购由谁决策", "information"),
    ],
)
def test_continuations_and_fact_finding_are_no_advance(text, kind):
    verdict = judge_advance(text)
    assert verdict.kind == kind and kind in ADVANCE_KINDS and not verdict.is_advance
    assert verdict.hint  # says what to ask for instead
    assert not check_smart(text).letters["R"].passed


def test_judge_advance_rejects_bad_input():
    with pytest.raises(KamValueError, match="text: got 3"):
        judge_advance(3)


def test_a_bare_visit_is_the_means_not_the_objective():
    verdict = check_smart("Visit AC044").letters["S"]
    assert not verdict.passed and "means, not the objective" in verdict.reason
    assert "AC044" in verdict.hint


def test_report_of_a_good_english_goal():
    report = check_smart("Increase revenue from Geely Auto by 15% by Q3 2027")
    assert isinstance(report, SmartReport)
    assert report.passed and report.score == 5 and report.advance == ""
    assert set(report.letters) == set(LETTERS)
    assert all(isinstance(v, LetterVerdict) and v.hint == "" for v in report.letters.values())
    assert "Geely Auto" in report.letters["S"].reason
    assert "Q3" in report.letters["T"].reason
    assert "no baseline" in report.letters["A"].reason


def test_vague_goal_fails_with_hints_that_name_the_fix():
    report = check_smart("Improve relationship with customers")
    assert not report.passed and report.score == 1
    s = report.letters["S"]
    assert "vague wording 'Improve relationship'" in s.reason
    assert s.hint.startswith("Name who or what: an account (AC060)")
    assert "replace 'Improve relationship' with what will happen" in s.hint
    assert "+15% revenue" in report.letters["M"].hint
    assert "advance" in report.letters["R"].hint
    assert "31 March 2026" in report.letters["T"].hint
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
        ("提高１２０万元", "M"),
        ("by Q3 2027", "T"),
        ("within six months", "T"),
        ("before 30 June 2027", "T"),
        ("by end of 2026", "T"),
        ("2027年6月底前", "T"),
        ("明年第三季度", "T"),
        ("第三季度末前", "T"),
        ("年底前", "T"),
        ("12月31日前", "T"),
        ("春节前", "T"),
        ("下次拜访时", "T"),
        ("六个月内", "T"),
        ("每月", "T"),
        ("grow sales at 'Jiangnan Yard'", "S"),
        ("提高格力电器公司的销售额", "S"),
        ("提高江苏恒泰化工的销售额", "S"),
        ("提高深圳华强电子的订单", "S"),
        ("提高徐工机械的订单", "S"),
        ("提高长沙盛瑞家具有限公司的份额", "S"),
        ("提高A级客户的份额", "S"),
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
        ("争取在汽车行业做得更好", "S"),  # 汽车行业 is an industry, not a company
    ],
)
def test_single_letters_fail(text, letter):
    assert not check_smart(text).letters[letter].passed


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Raise revenue at AC017 to CNY 1.200.000 by 30 June 2026", "1,200,000"),
        ("Raise revenue at AC017 to CNY 1,200,000 by 30 June 2026", "1,200,000"),
        ("Raise revenue at AC017 to CNY 1.200.000,50 by 30 June 2026", "1,200,000"),
        ("Raise revenue at AC017 to 1,2 million yuan by 30 June 2026", "1,200,000"),
        ("2026年底前将AC017的销售额提高到１２０万元", "1,200,000"),
        ("2026年底前将AC017的销售额提高到１，２００，０００元", "1,200,000"),
        ("2026年底前将AC017的销售额提高到一百二十万元", "1,200,000"),
        ("2026年底前将AC017的销售额提高到0.012亿元", "1,200,000"),
    ],
)
def test_amounts_in_every_notation_are_read(text, amount):
    verdict = check_smart(text, baseline=1_000_000).letters["A"]
    assert verdict.passed and f"target {amount} against baseline 1,000,000" in verdict.reason


@pytest.mark.parametrize(
    "text",
    [
        "Grow revenue at AC017 by " + "9" * 8000 + "% by Q3 2026",
        "提高" + "一" * 5000 + "万元",
        "Reach CNY 1.2.3 at AC017",
        "Reach CNY 1e400 at AC017",
        "“" * 3000,
        "1" + " " * 5000 + "x",
    ],
)
def test_hostile_numbers_give_a_report_not_an_error(text):
    report = check_smart(text, baseline=1_000_000)
    assert set(report.letters) == set(LETTERS)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789.,，％%万亿元一二百千 ACRMBNYtoby年月日前提高", min_size=1,
               max_size=60).filter(str.strip))
def test_any_text_of_numbers_and_separators_gets_a_report(text):
    report = check_smart(text, baseline=500_000)
    assert 0 <= report.score <= 5


def test_achievable_against_a_baseline():
    text = "Reach RMB {} million revenue with Foxconn by end of 2026"
    assert check_smart(text.format(5), baseline=4_000_000).letters["A"].passed
    too_high = check_smart(text.format(12), baseline=4_000_000).letters["A"]
    assert not too_high.passed and "+200%" in too_high.reason
    assert "at most 6,000,000" in too_high.hint  # the ceiling under the +50% default
    below = check_smart(text.format(3), baseline=4_000_000).letters["A"]
    assert not below.passed and "no improvement" in below.reason
    assert "beyond today's level" in below.hint
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


def test_default_plausible_change_is_tighter_than_doubling():
    assert course_settings.current().plausible_change_pct == 50
    text = "Reach RMB {} million revenue with Foxconn by end of 2026"
    limit = check_smart(text.format(6), baseline=4_000_000).letters["A"]
    assert limit.passed and "+50% is within reach" in limit.reason
    above = check_smart(text.format(6.04), baseline=4_000_000).letters["A"]
    assert not above.passed and "+51% is above the plausible +50%" in above.reason
    same = check_smart(text.format(4), baseline=4_000_000).letters["A"]
    assert not same.passed and "+0% is no improvement" in same.reason
    assert check_smart("Grow sales to Gree by 50% this year").letters["A"].passed
    doubling = check_smart("Grow sales to Gree by 100% this year").letters["A"]
    assert not doubling.passed and "at most +50% in a year" in doubling.hint
    assert not check_smart("Grow sales to Gree by 95% in a year").letters["A"].passed


@pytest.mark.parametrize(
    ("text", "passed", "reason"),
    [
        (
            "Grow revenue at AC002 by 10% in H1 and by 30% by Q4 2026",
            True,
            "a stated change of 30%: +30% is within reach",
        ),
        (
            "Grow revenue at AC002 by 20% in 2026 and by 80% by 2027",
            False,
            "a stated change of 80%: +80% is above the plausible +50%",
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
    assert check_smart(goal.format(28), baseline=20).letters["A"].passed
    assert not check_smart(goal.format(35), baseline=20).letters["A"].passed  # +75%


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
        "Sign an exclusive five-year contract for all lines with AC063 at our first meeting",
        "在首次拜访时与新客户签订三年独家供货合同",
    ],
)
def test_absolutes_leaps_and_implausible_changes_fail_without_baseline(text):
    verdict = check_smart(text).letters["A"]
    assert not verdict.passed
    assert verdict.hint and verdict.hint != verdict.reason


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
    assert "Use the strategy's own terms" in unrelated.letters["R"].hint


def test_chinese_overlap_is_words_never_character_pairs():
    """售额 (in 销售额 and 零售额) and 的涂 (in 我们的涂料 and 客户的涂装线) are no words."""
    retail = check_smart(
        "年底前将AC017的销售额提高10%", strategy="多元化：进入零售市场，提高零售额"
    )
    assert not retail.letters["R"].passed
    paint = check_smart("年底前把我们的涂料订单提高10%", strategy="在客户的涂装线上推广密封胶")
    assert not paint.letters["R"].passed
    shared = check_smart(
        "2026年底前将AC017的粉末涂料销售额提高10%",
        strategy="市场渗透：提高现有家电客户的粉末涂料份额",
    ).letters["R"]
    assert shared.passed and "粉末涂料" in shared.reason
    terms = re.sub(r"^shares with the strategy: ", "", shared.reason).split(", ")
    known = set(zh_segment.LEXICON) | set(CONCEPT_SYNONYMS) | set(PRODUCT_KINDS)
    assert all(term in known or term.isascii() for term in terms), terms


def test_product_kinds_must_match_when_both_name_one():
    powder_vs_waterborne = check_smart(
        "明年将AC017的水性涂料销售额提高20%", strategy="市场渗透：提高现有家电客户的粉末涂料份额"
    )
    assert not powder_vs_waterborne.letters["R"].passed
    pu = check_smart(
        "Win PU adhesive orders worth RMB 3 million at AC110 by Q3 2026",
        strategy="Market penetration: sell more polyurethane adhesives to existing "
        "automotive accounts",
    )
    assert pu.letters["R"].passed and "PU adhesives" in pu.letters["R"].reason


def test_relevance_without_strategy_needs_a_business_outcome_or_an_advance():
    assert check_smart("提高毛利率").letters["R"].passed
    assert not check_smart("Visit AC044 twelve times a year").letters["R"].passed
    assert check_smart(MODEL_VISIT_OBJECTIVE).letters["R"].passed


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


def test_chinese_amounts_in_millions_are_read_with_their_scale() -> None:
    """'8.4 百万元' is 8,400,000 (found when lecture 2's worked goal scored 4/5 in Chinese)."""
    report = check_smart("在2026年12月31日前把AC060的涂料销售额提高到8.4 百万元",
                         baseline=7_000_000)
    assert report.letters["A"].passed, report.letters["A"].reason
    assert "8,400,000" in report.letters["A"].reason or "8400000" in report.letters["A"].reason
