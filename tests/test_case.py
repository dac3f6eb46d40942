"""The case company's scored accounts: the one source every widget and exercise uses."""

from __future__ import annotations

from kamlib import case, datasets, grid, pareto, settings


def test_scores_follow_from_this_years_revenue_and_capacity() -> None:
    scored = case.scored_accounts().set_index("account_id")
    revenue = pareto.revenue_by_account(
        datasets.load("transactions"), start="2025-01-01", end="2025-12-31"
    )
    assert settings.current().case_year == 2025
    assert len(scored) == len(datasets.load("accounts"))
    buyer = revenue.index[0]
    assert scored.loc[buyer, "revenue_cny"] == revenue.iloc[0]
    cuts = settings.current().score_cuts_cny
    expected_x = sum(revenue.iloc[0] >= c for c in cuts)
    assert scored.loc[buyer, "x"] == expected_x
    prospects = scored["revenue_cny"] == 0
    assert prospects.any() and (scored.loc[prospects, "x"] == 0).all()
    assert (scored["x"] <= scored["y"]).all()


def test_classes_use_the_rules_given() -> None:
    default = case.classified_accounts()
    strict = case.classified_accounts(grid.ClassificationRules(a_min_x=4, a_min_y=4))
    assert set(default["account_class"].astype(str)) == {"A", "B", "C", "VIP"}
    assert (strict["account_class"] == "A").sum() < (default["account_class"] == "A").sum()
