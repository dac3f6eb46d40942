"""The domain modules' own texts reach a Chinese learner in Chinese (issue 10).

Cycle steps and their questions, causes of uncoupling with warning signs and remedies,
stage diagnoses, scan factors and prompts, SWOT write-ups, prospecting sources, segment
verdicts, the handout's claims, buying-centre roles, objective checks, the 4P/4C, social
styles, objections and the customer file: with the language set to Chinese, none of what
these modules show carries an English word. Acronyms (SWOT, KAM, CNY, VOC…), ids and
numbers may stay; a word with a lower-case letter is English prose and fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pandas as pd
import pytest

from kamlib import (
    buying_centre,
    customer_file,
    cycles,
    datasets,
    economics,
    environment,
    goals,
    i18n,
    mix,
    prospecting,
    segmentation,
    selling,
    social_style,
    stages,
    swot,
    uncoupling,
)

# A word with a lower-case letter (acronyms such as SWOT, CNY or AC060 are not prose).
_ENGLISH_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")


def english_words(texts: Iterable[object], allowed: Iterable[str] = ()) -> list[str]:
    """The English words in ``texts`` (strings; other values are skipped), except ``allowed``."""
    keep = set(allowed)
    return [word for text in texts if isinstance(text, str)
            for word in _ENGLISH_WORD.findall(text) if word not in keep]


def cells(frame: pd.DataFrame, columns: Iterable[str]) -> list[object]:
    return [value for column in columns for value in frame[column].tolist()]


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.set_language("zh")
    yield
    i18n.set_language("en")


@pytest.mark.usefixtures("chinese")
def test_cycles_show_steps_questions_and_details_in_chinese() -> None:
    shown: list[object] = []
    for key, cycle in cycles.CYCLES.items():
        frame = cycles.as_frame(key, current_key=cycle.steps[-1].key)
        shown += cells(frame, ["zh", "question", "details"])
        shown.append(cycles.describe(key, current_key=cycle.steps[0].key))
        shown.append(cycles.describe(key, current_key=cycle.steps[-1].key))
        shown.append(i18n._(cycle.note))
    assert english_words(shown) == []
    assert "当前：" in cycles.describe("visit_plan", current_key="record")


def test_cycles_in_english_keep_both_names() -> None:
    assert cycles.describe("regional_operation").startswith(
        "Regional operation cycle (区域运作):\n  Analyse (分析) → ")
    assert cycles.describe("mission_chain", current_key="action_plan").endswith(
        "now: Action plan; next: the end.")


@pytest.mark.usefixtures("chinese")
def test_uncoupling_causes_signs_remedies_and_audit_in_chinese() -> None:
    frame = uncoupling.factors_frame()
    audit = uncoupling.risk_audit({"quality_problems": 3, "staff_changes": 2})
    shown = [*cells(frame, ["zh", "warning_signs", "remedy"]), str(audit),
             *map(i18n._, uncoupling.RATING_SCALE.values())]
    assert english_words(shown) == []
    assert audit.actions[0].startswith("质量问题：")
    assert "没有评分为 2 或以上的因素" in str(uncoupling.risk_audit({}))


@pytest.mark.usefixtures("chinese")
def test_stage_diagnoses_of_every_case_account_in_chinese() -> None:
    contacts = datasets.load("contacts")
    orders = datasets.load("transactions")
    accounts = datasets.load("accounts")
    table = stages.relationship_stages(contacts, orders, accounts)
    assert set(table["stage"]) >= {2, 3, 4, 5, 6}, "the case should show most stages"
    one = stages.relationship_stage(contacts[contacts["account_id"] == "AC060"],
                                    orders[orders["account_id"] == "AC060"])
    stated = stages.stage_from_evidence(contacts[contacts["account_id"] == "AC060"],
                                        traded=True, ordered_in_last_180_days=False,
                                        revenue_halved=True)
    unknown = stages.relationship_stage(contacts[contacts["account_id"] == "AC060"])
    shown = [*cells(table, ["name", "reason"]), str(one), str(stated), str(unknown),
             *(i18n._(s.description) for s in stages.STAGES),
             *map(i18n._, stages.COOPERATION.values())]
    assert english_words(shown) == []
    assert str(one).startswith("第 ")


@pytest.mark.usefixtures("chinese")
def test_contact_functions_and_levels_have_their_chinese() -> None:
    names = [*datasets.category_values("our_function"),
             *datasets.category_values("their_function"), *datasets.category_values("level")]
    assert english_words(map(i18n._, names)) == []
    assert i18n._("key account management") == "大客户管理"


@pytest.mark.usefixtures("chinese")
def test_environment_factors_prompts_and_worked_scan_in_chinese() -> None:
    factors = environment.factors_table()
    consumers = environment.ConsumerAnalysis().to_frame()
    tables = [datasets.load(name) for name in ("accounts", "transactions", "product_lines",
                                               "contacts")]
    scan = environment.worked_scan("AC060", *tables)
    shown = [*cells(factors, ["zh", "prompt"]), *cells(consumers, ["zh", "prompts"]),
             *(entry.text for entry in scan)]
    assert english_words(shown) == []


@pytest.mark.usefixtures("chinese")
def test_swot_write_up_and_matrix_advice_in_chinese() -> None:
    board = swot.SWOT(strengths=["技术服务响应快"], threats=["新的 VOC 限值"])
    cells_shown = [*swot.OPPORTUNITY_CELLS.values(), *swot.THREAT_CELLS.values()]
    shown = [board.to_markdown(), *(q.side for q in swot.SWOT_QUADRANTS),
             *(i18n._(c.advice) for c in cells_shown), *(i18n._(c.en) for c in cells_shown)]
    assert english_words(shown, allowed=["SWOT"]) == []
    assert "（暂无）" in board.to_markdown()


@pytest.mark.usefixtures("chinese")
def test_prospecting_sources_in_chinese() -> None:
    frame = prospecting.sources_table()
    assert english_words(cells(frame, ["zh", "look_for", "example"])) == []


@pytest.mark.usefixtures("chinese")
def test_segment_verdicts_in_chinese() -> None:
    for relevant in (True, False):
        verdicts = segmentation.assess_segment(5_000_000, min_size_cny=1_000_000,
                                               similarity=0.8, relevant=relevant,
                                               reachable=not relevant).verdicts
        shown = [*(v.reason for v in verdicts), *(i18n._(v.en) for v in verdicts),
                 *(i18n._(c.question) for c in segmentation.SEGMENT_CRITERIA)]
        assert english_words(shown) == []


@pytest.mark.usefixtures("chinese")
def test_the_handouts_claims_in_chinese() -> None:
    figures = [*economics.HANDOUT, *economics.PUBLISHED]
    shown = [i18n._(text) for f in figures for text in (f.claim, f.unit)]
    assert english_words(shown) == []
    # the sources cite English titles; only their connecting words are translated
    assert "课程讲义" in i18n._(economics.HANDOUT[0].source)


@pytest.mark.usefixtures("chinese")
def test_buying_centre_roles_guesses_and_summary_in_chinese() -> None:
    people = datasets.load("people")
    mapped = buying_centre.map_buying_centre(people, account_id="AC060",
                                             assignments={"P0179": "approver"},
                                             contacts=datasets.load("contacts"))
    guesses = buying_centre.guess_roles(people[people["account_id"] == "AC060"])
    spin = buying_centre.classify_question("底漆出问题时，对你们的生产线会有什么影响？")
    shown = [*guesses["reason"], *mapped.people["reason"], spin.reason]
    assert english_words(shown) == []
    # a role's label stays bilingual: the capstone's table rows are keyed by it
    assert buying_centre.ROLES[0].label == "initiator (发起者)"
    summary = mapped.summary()
    names = set(_ENGLISH_WORD.findall(" ".join(people["name"].astype(str))))
    assert english_words([summary], allowed=names | {"AC060", "Huaxin"}) == []


@pytest.mark.usefixtures("chinese")
def test_objective_checks_in_chinese() -> None:
    objectives = [
        {"text": "Raise the price of PU adhesive by 5% in 2026", "kind": "profit",
         "priority": 1},
        {"text": "Increase the volume of PU adhesive by 10% in 2026", "kind": "revenue",
         "priority": 1},
        {"text": "Grow the business", "kind": "revenue"},
    ]
    result = goals.check_objectives(objectives)
    assert english_words(cells(result, ["label", "reason"]), allowed=["PU"]) == []
    assert not result.set_index("rule").loc["consistent", "passed"]


@pytest.mark.usefixtures("chinese")
def test_marketing_mix_names_and_customer_questions_in_chinese() -> None:
    plan = mix.MixPlan().add("price", "discounts", "年度返利 2%").add(
        "place", "inventory", "寄售库存")
    frame, view = plan.to_frame(), plan.four_c_view()
    shown = [*cells(frame, ["p_name", "lever_name"]),
             *cells(view, ["c_name", "customer_question"])]
    assert english_words(shown) == []
    assert frame.loc[0, "p_name"] == "价格"


@pytest.mark.usefixtures("chinese")
def test_social_styles_and_flex_plan_in_chinese() -> None:
    plan = social_style.flex_plan("driver")
    profile = social_style.assess_style({s.key: 3 for s in social_style.STATEMENTS})
    shown = [*cells(plan, ["name", "wants", "flex"]), profile.describe(),
             *map(i18n._, social_style.RATING_SCALE.values())]
    assert english_words(shown) == []


@pytest.mark.usefixtures("chinese")
def test_objections_and_fab_examples_in_chinese() -> None:
    shown = [o.label for o in selling.OBJECTIONS]
    shown += [i18n._(text) for example in selling.FAB_EXAMPLES
              for text in (example.feature, example.advantage, example.need, example.benefit)]
    shown.append(selling.judge_benefit("它比标准底漆耐腐蚀更久。").reason)
    assert english_words(shown, allowed=["m", "g"]) == []  # units: W/m·K, g/L


@pytest.mark.usefixtures("chinese")
def test_customer_file_groups_and_facts_in_chinese() -> None:
    from kamlib.lessons import lecture3

    assert english_words(map(i18n._, customer_file.FIELD_LABELS.values())) == []
    html = lecture3.customer_file_table("AC060").html
    assert "个人情况：家庭" in html and "工作情况：工作方式" in html
    assert not any(f"{group}:" in html for group in customer_file.FILE_FIELDS)
    # the table code reads keeps its English keys
    file = customer_file.customer_file(datasets.load("people"), account_id="AC060")
    assert file.columns[0] == ("person", "name")
    assert set(customer_file.FIELD_LABELS) == {
        "person", *customer_file.FILE_FIELDS, *customer_file.IDENTITY_FIELDS,
        *(field for fields in customer_file.FILE_FIELDS.values() for field in fields)}


def test_chinese_lists_in_prose_use_the_enumeration_comma() -> None:
    """Lists inside Chinese sentences are joined with 、, never with the English ", "."""
    from kamlib.lessons import lecture1, lecture2, lecture3

    i18n.set_language("zh")
    try:
        texts = [lecture1.cooperation("AC060"), lecture2.industry_trend("AC060"),
                 lecture3.visit_rhythm(), lecture2.plan("AC060").to_markdown()]
    finally:
        i18n.set_language("en")
    for text in texts:
        text = text.data if hasattr(text, "data") else str(text)
        assert not re.search(r"[\u4e00-\u9fff], [\u4e00-\u9fff]", text), text
    assert "、" in texts[-1]  # the plan's SWOT lists our departments
