"""MixPlanner: 4P actions, their 4C view, gaps and the ROI of the plan."""

from __future__ import annotations

import pytest
from helpers import saved

from kamlib.widgets.mix_planner import MixPlanner


def _add(planner, p, lever, action, cost):
    planner.levers[p].value = lever
    planner.actions[p].value = action
    planner.costs[p].value = cost
    planner.add_buttons[p].click()


def test_levers_follow_each_p(workbook_path):
    planner = MixPlanner()
    assert ("Discounts (折扣)", "discounts") in planner.levers["price"].options
    assert ("Transport (运输)", "transport") in planner.levers["place"].options
    # nothing to price yet: a friendly prompt, not "lines: got []; expected ..." (issue 11)
    assert "Add an action for at least one P" in planner.roi.value
    assert "got" not in planner.roi.value and planner.error == ""
    assert "Product (产品)" in planner.gaps.value and "Place (地点/渠道)" in planner.gaps.value


def test_actions_tables_gaps_and_roi(workbook_path):
    planner = MixPlanner()
    _add(planner, "price", "discounts", "2% off orders above 5 t", 20_000)
    _add(planner, "product", "services", "On-site colour matching", 50_000)
    assert planner.actions["price"].value == "" and planner.costs["price"].value == 0
    assert "2% off orders above 5 t" in planner.table.value
    assert "Customer cost (顾客成本)" in planner.four_c.value
    assert "Customer solution (顾客解决方案)" in planner.four_c.value
    assert "Promotion (促销)" in planner.gaps.value and "Communication (沟通)" in planner.gaps.value
    assert "Price (价格)" not in planner.gaps.value
    planner.revenue_gain.value = 800_000.0
    planner.margin_rate.value = 0.3
    assert planner.summary.total_cost == 70_000
    assert planner.summary.roi == pytest.approx((240_000 - 70_000) / 70_000)
    assert "ROI: <b>243%</b>" in planner.roi.value and "3.5 months" in planner.roi.value
    _add(planner, "promotion", "personal_selling", "Quarterly tech day at the plant", 10_000)
    _add(planner, "place", "inventory", "Two weeks of stock in Ningbo", 15_000)
    assert "Every P has an action" in planner.gaps.value
    section = saved(workbook_path, "mix_planner")
    assert len(section["actions"]) == 4
    assert section["expected_revenue_gain_cny"] == 800_000 and section["margin_rate"] == 0.3


def test_plan_is_shown_again_and_can_be_trimmed(workbook_path):
    planner = MixPlanner()
    planner.add("price", "credit", "60-day terms for AC017", 5_000)
    planner.add("place", "transport", "Direct delivery to the 2nd plant", 8_000)
    planner.revenue_gain.value = 100_000.0
    again = MixPlanner()
    assert again.value == planner.value
    assert again.summary.total_cost == 13_000
    again.remove_picker.value = 0
    again.remove_button.click()
    assert [a["lever"] for a in saved(workbook_path, "mix_planner")["actions"]] == ["transport"]
    assert again.summary.total_cost == 8_000


def test_bad_action_is_shown_not_raised(workbook_path):
    planner = MixPlanner()
    _add(planner, "product", "quality", "", 1_000)
    assert "action: got ''; expected non-empty text" in planner.error
    _add(planner, "product", "quality", "ISO audit", -10)
    assert "cost_cny: got -10.0; expected a number from 0 to 1e+15" in planner.error
    planner.add("price", "bargain", "x", 1)
    assert "lever of 'price': got 'bargain'" in planner.error
    assert planner.value["actions"] == []


def test_bad_margin_rate_is_shown(workbook_path):
    planner = MixPlanner()
    planner.add("price", "discounts", "2% off", 1_000)
    planner.margin_rate.value = 1.5
    assert "margin_rate: got 1.5; expected a number from 0 to 1" in planner.error
    assert planner.summary is None
    planner.margin_rate.value = 0.25
    assert planner.error == "" and planner.summary is not None
    planner.revenue_gain.value = -1.0
    assert "expected_revenue_gain_cny: got -1.0" in planner.error


def test_a_plan_without_costs_asks_for_them(workbook_path):
    planner = MixPlanner()
    planner.add("product", planner.levers["product"].value, "Line trials", 0)
    assert "Give your actions a cost" in planner.roi.value and "got" not in planner.roi.value
    planner.add("price", planner.levers["price"].value, "Volume rebate", 12_500)
    assert "CNY 12,500" in planner.roi.value and "CNY 12,500" in planner.table.value
