"""Tests of the Ansoff matrix (安索夫矩阵) [L2.10]."""

from __future__ import annotations

import pytest

from kamlib._validation import KamValueError
from kamlib.ansoff import ANSOFF, ansoff_strategy


@pytest.mark.parametrize(
    ("new_product", "new_market", "key", "zh", "risk"),
    [
        (False, False, "market_penetration", "市场渗透", "low"),
        (True, False, "product_development", "产品开发", "medium"),
        (False, True, "market_development", "市场延伸", "medium"),
        (True, True, "diversification", "多元化", "high"),
    ],
)
def test_each_cell(new_product, new_market, key, zh, risk):
    strategy = ansoff_strategy(new_product, new_market)
    assert (strategy.key, strategy.zh, strategy.risk) == (key, zh, risk)
    assert (strategy.new_product, strategy.new_market) == (new_product, new_market)
    assert strategy.example and strategy.description
    assert strategy.name.endswith(f"({zh})")


def test_records_cover_the_matrix_once():
    assert len({(s.new_product, s.new_market) for s in ANSOFF}) == 4


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (("yes", False), r"new_product: got 'yes'; expected True or False"),
        ((False, 1), r"new_market: got 1; expected True or False"),
    ],
)
def test_ansoff_strategy_rejects_non_booleans(args, match):
    with pytest.raises(KamValueError, match=match):
        ansoff_strategy(*args)
