"""The marketing mix: 4P levers, the 4C view and the mix plan [L2.12]."""

from __future__ import annotations

import pandas as pd
import pytest

from kamlib.mix import FOUR_C, FOUR_P, MixAction, MixPlan
from kamlib.validation import KamValueError


def sample_plan() -> MixPlan:
    return (
        MixPlan()
        .add(
            "price",
            "discounts",
            "3% rebate above 500 t a year 年采购超500吨返点3%",
            cost_cny=90_000,
        )
        .add("product", "services", "On-site colour matching 现场调色", cost_cny=40_000)
        .add("price", "payment_terms", "60-day terms for the new line", cost_cny=0)
    )


def test_four_p_holds_the_handouts_levers() -> None:
    assert list(FOUR_P) == ["product", "price", "promotion", "place"]
    assert [len(p.levers) for p in FOUR_P.values()] == [7, 5, 5, 6]
    assert FOUR_P["price"].zh == "价格"
    assert FOUR_P["place"].zh == "地点/渠道"
    assert "personal_selling" in FOUR_P["promotion"].lever_keys
    zh = {lever.zh for p in FOUR_P.values() for lever in p.levers}
    assert {"种类", "让利", "公共关系", "存货", "运输"} <= zh


def test_four_c_pairs_each_p_with_its_c() -> None:
    pairs = {c.key: c.p for c in FOUR_C.values()}
    assert pairs == {
        "customer_solution": "product",
        "customer_cost": "price",
        "convenience": "place",
        "communication": "promotion",
    }
    assert all(FOUR_C[p.c].p == key for key, p in FOUR_P.items())


def test_to_frame_names_ps_and_levers() -> None:
    frame = sample_plan().to_frame()
    assert list(frame.columns) == ["p", "p_name", "lever", "lever_name", "action", "cost_cny"]
    assert frame.loc[0, "p_name"] == "Price (价格)"
    assert frame.loc[0, "lever_name"] == "Discounts (折扣)"
    assert frame["cost_cny"].sum() == 130_000


def test_empty_plan_frame_has_the_columns() -> None:
    frame = MixPlan().to_frame()
    assert frame.empty and "lever_name" in frame.columns


def test_four_c_view_orders_by_the_customers_side() -> None:
    view = sample_plan().four_c_view()
    assert list(view["c"]) == ["customer_solution", "customer_cost", "customer_cost"]
    assert view.loc[0, "c_name"] == "Customer solution (顾客解决方案)"
    assert view.loc[1, "action"].startswith("3% rebate")
    assert view["customer_question"].str.len().gt(0).all()


def test_gaps_lists_ps_without_action() -> None:
    assert sample_plan().gaps() == ["promotion", "place"]
    assert MixPlan().gaps() == list(FOUR_P)


def test_add_and_remove_return_new_plans() -> None:
    plan = sample_plan()
    shorter = plan.remove(0)
    assert len(plan.actions) == 3 and len(shorter.actions) == 2
    assert shorter.actions[0].lever == "services"
    assert plan.total_cost() == 130_000 and shorter.total_cost() == 40_000


def test_dict_and_frame_round_trip() -> None:
    plan = sample_plan()
    assert MixPlan.from_dict(plan.to_dict()) == plan
    assert MixPlan.from_frame(plan.to_frame()) == plan


def test_unknown_p_is_refused() -> None:
    with pytest.raises(KamValueError, match=r"p: got 'pricing'; expected one of 'product'"):
        MixAction("pricing", "discounts", "x")


def test_lever_must_belong_to_its_p() -> None:
    with pytest.raises(KamValueError, match=r"lever of 'product': got 'discounts'.*'variety'"):
        MixPlan().add("product", "discounts", "x")


def test_empty_action_text_is_refused() -> None:
    with pytest.raises(KamValueError, match=r"action: got '  '; expected non-empty text"):
        MixAction("price", "credit", "  ")


def test_negative_cost_is_refused() -> None:
    with pytest.raises(KamValueError, match=r"cost_cny: got -5; expected a number from 0"):
        MixAction("price", "credit", "longer credit", -5)


def test_remove_out_of_range_is_refused() -> None:
    with pytest.raises(KamValueError, match=r"index: got 3; expected a number from 0 to 2"):
        sample_plan().remove(3)


def test_actions_must_be_a_list() -> None:
    with pytest.raises(KamValueError, match=r"actions: got 'price'; expected a list"):
        MixPlan("price")


def test_action_of_wrong_type_is_refused() -> None:
    with pytest.raises(
        KamValueError, match=r"actions\[0\]: got 42; expected a MixAction or a dict"
    ):
        MixPlan([42])


def test_action_with_unknown_key_is_refused() -> None:
    bad = {"p": "price", "lever": "credit", "action": "x", "owner": "Li"}
    with pytest.raises(KamValueError, match=r"actions\[0\] keys: got \['owner'\]"):
        MixPlan([bad])


def test_action_missing_a_key_is_refused() -> None:
    with pytest.raises(
        KamValueError, match=r"actions\[0\]: got .*expected keys p, lever and action"
    ):
        MixPlan([{"p": "price", "lever": "credit"}])


def test_from_dict_needs_actions() -> None:
    with pytest.raises(KamValueError, match=r"data: got \{'items': \[\]\}; expected a dict"):
        MixPlan.from_dict({"items": []})


def test_from_frame_needs_the_columns() -> None:
    with pytest.raises(KamValueError, match=r"frame: missing column\(s\) 'lever'"):
        MixPlan.from_frame(pd.DataFrame({"p": [], "action": [], "cost_cny": []}))
