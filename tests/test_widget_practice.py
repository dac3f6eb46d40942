"""The practice widgets of "analyse your account" and "selling skills", driven from Python."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import saved

from kamlib import case, selling, social_style
from kamlib.widgets import (
    AccountChooser,
    BenefitBuilder,
    BuyingCentreMap,
    CallObjective,
    CostToServe,
    ObjectionPractice,
    SpinPractice,
    StyleSelfAssessment,
)


def test_practice_widgets_follow_the_studied_account(workbook_path: Path):
    assert SpinPractice().account_id == case.THREAD_ACCOUNT
    chooser = AccountChooser()
    chooser.case_list.value = "AC017"
    chooser.use_case.click()
    assert "You study AC017" in chooser.status.value
    assert saved(workbook_path, case.STUDIED_SECTION)["account_id"] == "AC017"
    assert SpinPractice().account_id == "AC017"
    assert SpinPractice("AC021").section == "spin_practice/AC021"


def test_account_chooser_reports_a_bad_export_and_keeps_the_choice(workbook_path: Path,
                                                                  tmp_path: Path):
    chooser = AccountChooser()
    chooser.own_id.value = "K1"
    chooser.accounts_file.value = str(tmp_path / "missing.csv")
    chooser.use_own.click()
    assert "file not found" in chooser.error
    assert chooser.choice.account_id == case.THREAD_ACCOUNT
    export = tmp_path / "mine.csv"
    export.write_text("account_id,name,industry,capacity_cny\nK1,Kunlun,packaging,100000\n",
                      encoding="utf-8")
    chooser.accounts_file.value = str(export)
    chooser.use_own.click()
    assert chooser.error == "" and "K1 from your export" in chooser.status.value
    assert AccountChooser().choice.source == "crm"  # read back from the workbook


def test_spin_practice_reads_each_question_and_saves(workbook_path: Path):
    widget = SpinPractice()
    assert not widget.complete and "not written yet" in widget.table.value
    for kind in ("situation", "problem", "implication", "need_payoff"):
        widget.boxes[kind].value = next(k.example for k in selling_kinds() if k.key == kind)
    assert widget.complete
    widget.boxes["implication"].value = "Which lines run solvent coatings?"
    assert not widget.complete
    assert "Implication questions ask for" in widget.table.value
    widget.boxes["problem"].value = "Where do you lose parts"
    assert "ending with" in widget.table.value
    again = SpinPractice()
    assert again.boxes["implication"].value == "Which lines run solvent coatings?"


def selling_kinds():
    from kamlib.buying_centre import SPIN_KINDS

    return SPIN_KINDS


def test_call_objective_judges_advance_and_smart(workbook_path: Path):
    widget = CallObjective()
    assert "Last visit on" in widget.context.value
    widget.objective.value = "Keep in touch with the new purchasing director"
    assert widget.advance.kind == "continuation" and "not yet" in widget.table.value
    widget.objective.value = ("Agree a line trial of our waterborne primer on one paint line "
                              "by 31 March 2026")
    assert widget.advance.is_advance and widget.report.score == 5
    assert saved(workbook_path, "call_objective/AC060")["objective"].startswith("Agree")


def test_buying_centre_map_saves_only_changed_roles(workbook_path: Path):
    widget = BuyingCentreMap()
    first_gaps = {role.key for role in widget.map.gaps}
    widget.pickers["P0178"].value = "gatekeeper"
    assert widget.value == {"assignments": {"P0178": "gatekeeper"}}
    assert "gatekeeper" not in {role.key for role in widget.map.gaps}
    assert {role.key for role in widget.map.gaps} != first_gaps
    assert saved(workbook_path, "buying_centre_map/AC060") == {
        "assignments": {"P0178": "gatekeeper"}}
    assert BuyingCentreMap().pickers["P0178"].value == "gatekeeper"


def test_buying_centre_map_table_reads_as_words(workbook_path: Path):
    """Its table showed snake_case headers (met_by_us) and role keys."""
    widget = BuyingCentreMap()
    widget.pickers["P0178"].value = "gatekeeper"
    assert "met_by_us" not in widget.table.value and "met by us" in widget.table.value
    assert "gatekeeper (把关者)" in widget.table.value and "yours" in widget.table.value


def test_benefit_builder_starts_on_a_line_the_account_buys(workbook_path: Path):
    widget = BenefitBuilder()
    assert widget.line.value == "PL04"  # AC060's largest line
    example = widget.example
    widget.advantage.value = example.advantage
    widget.benefit.value = "Our lacquer is waterborne."
    assert "not yet" in widget.table.value
    widget.benefit.value = example.benefit
    assert widget.table.value.count("\u2714") == 2
    assert widget.model.value == ""
    widget.show_model.click()
    assert example.benefit in widget.model.value
    assert saved(workbook_path, "benefit_builder/AC060")["model_shown"] is True


def test_objection_practice_keeps_answers_per_objection(workbook_path: Path):
    widget = ObjectionPractice()
    model = selling.OBJECTIONS[0].model
    for step, text in zip(selling.STEPS, model, strict=True):
        widget.boxes[step].value = text
    assert widget.review.score == 4
    widget.objection.value = "happy"
    assert all(box.value == "" for box in widget.boxes.values())
    widget.boxes["acknowledge"].value = "I understand, but we are cheaper."
    assert widget.review.score == 0
    widget.objection.value = "price"
    assert widget.boxes["confirm"].value == model[3]
    widget.show_model.click()
    assert model[2] in widget.model.value
    answers = saved(workbook_path, "objection_practice/AC060")["answers"]
    assert answers["happy"]["acknowledge"].startswith("I understand, but")


def test_style_self_assessment_gives_a_style_and_a_flex_plan(workbook_path: Path):
    widget = StyleSelfAssessment()
    assert widget.profile is None and "8 statement(s) still to rate" in widget.result.value
    for statement in social_style.STATEMENTS:
        telling = statement.dimension == "assertiveness"
        agree = telling if statement.direction > 0 else not telling
        widget.ratings[statement.key].value = 4 if agree else 1
    assert widget.profile.style.key == "driver"
    assert "How to flex towards the styles in AC060" in widget.plan.value
    assert StyleSelfAssessment().profile.style.key == "driver"


def test_cost_to_serve_follows_the_rates(workbook_path: Path):
    widget = CostToServe()
    losing = widget.compared.table.loc["margin after cost to serve", "accounts_losing"]
    assert "AC060:" in widget.account_line.value and "PL09" in widget.wallet.value
    widget.rates["product_line"].value = 0
    widget.rates["visit"].value = 0
    widget.rates["order"].value = 0
    assert widget.compared.table.loc["margin after cost to serve", "accounts_losing"] < losing
    assert widget.plot.png.startswith(b"\x89PNG")
    assert saved(workbook_path, "cost_to_serve/AC060")["rates"]["visit"] == 0


def test_cost_to_serve_shows_money_shares_and_counts(workbook_path: Path):
    """Its tables showed "13.2" (CNY m), "37.0" (%) and "0.72", "49.00" accounts."""
    from kamlib import account_analysis, datasets
    from kamlib.formatting import money

    widget = CostToServe()
    wallet = account_analysis.wallet_by_line(datasets.load("accounts"),
                                             datasets.load("transactions"), "AC060")
    assert money(wallet.loc["PL04", "estimated_spend_cny"], language="en") in widget.wallet.value
    assert f"<td class='kam-num'>{wallet.loc['PL04', 'share_of_wallet']:.0%}</td>" in (
        widget.wallet.value)
    figures = widget.compared.table
    assert f"<td>{figures.loc['revenue', 'top_share']:.0%}</td>" in widget.book.value
    losing = int(figures.loc["margin after cost to serve", "accounts_losing"])
    assert f"<td>{losing}</td>" in widget.book.value and ".00" not in widget.book.value


def test_practice_widgets_refuse_an_unknown_account(workbook_path: Path):
    from kamlib.validation import KamValueError

    with pytest.raises(KamValueError, match="account_id: got 'AC999'"):
        SpinPractice("AC999")
    with pytest.raises(KamValueError, match="people in the customer file"):
        BuyingCentreMap("AC200" if not has_people("AC200") else "AC999")


def has_people(account_id: str) -> bool:
    from kamlib import datasets

    return bool((datasets.load("people")["account_id"] == account_id).any())


def test_the_selling_widgets_practise_on_the_learners_own_account(workbook_path: Path,
                                                                   tmp_path: Path):
    export = tmp_path / "mine.csv"
    export.write_text("account_id,name,industry,capacity_cny\nK1,Kunlun,packaging,100000\n",
                      encoding="utf-8")
    case.set_studied_account("K1", accounts_file=str(export))
    for widget_class in (SpinPractice, CallObjective, BenefitBuilder, ObjectionPractice):
        widget = widget_class()
        assert (widget.account_id, widget.own_account) == ("K1", True), widget_class
        assert widget.section.endswith("/K1")
    assert "K1</b>: no visit yet" in CallObjective().context.value
    assert CallObjective(section="capstone/call_objective").section == "capstone/call_objective"
    for needs_people in (BuyingCentreMap, CostToServe):  # they read the case data
        assert needs_people().account_id == case.THREAD_ACCOUNT


def test_practice_widgets_wear_the_course_card(workbook_path: Path):
    for widget_class in (AccountChooser, BuyingCentreMap, SpinPractice, CallObjective,
                         BenefitBuilder, ObjectionPractice, StyleSelfAssessment, CostToServe):
        classes = set(widget_class().widget._dom_classes)
        assert {"kam-widget", f"kam-{widget_class.__name__}"} <= classes, widget_class
