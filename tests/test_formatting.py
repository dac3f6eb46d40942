"""Money, numbers and dates as a trainer writes them, in both languages."""

from __future__ import annotations

import pandas as pd
import pytest

from kamlib import formatting
from kamlib.validation import KamValueError


@pytest.mark.parametrize(
    ("amount", "language", "short", "expected"),
    [
        (24_088_200, "en", False, "CNY 24,088,200"),
        (24_088_200, "en", True, "CNY 24.1 m"),
        (2_500_000_000, "en", True, "CNY 2.5 bn"),
        (-1_500, "en", False, "-CNY 1,500"),
        (24_088_200, "zh", True, "2,408.8 万元"),
        (123_456_789, "zh", True, "1.2 亿元"),
        (9_999, "zh", True, "9,999 元"),
        (24_088_200, "zh", False, "24,088,200 元"),
    ],
)
def test_money_reads_as_a_trainer_says_it(amount, language, short, expected) -> None:
    assert formatting.money(amount, language=language, short=short) == expected


def test_days_in_prose() -> None:
    assert formatting.day(pd.Timestamp("2026-03-01"), language="en") == "1 March 2026"
    assert formatting.day("2026-03-01", language="zh") == "2026年3月1日"


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "12", True, 10**400, 1j])
def test_bad_amounts_are_refused_with_the_field_named(bad) -> None:
    with pytest.raises(KamValueError, match="amount: got"):
        formatting.money(bad)


def test_money_column_keeps_missing_amounts_empty() -> None:
    column = formatting.money_column(pd.Series([1e6, None]), language="zh", short=True)
    assert column.tolist() == ["100.0 万元", ""]


def test_company_name_in_each_edition_and_short() -> None:
    company_name = formatting.company_name
    row = pd.Series({"name": "Xiangyang Jiexin Appliances Co., Ltd.",
                     "name_zh": "襄阳捷鑫电器有限公司"})
    assert company_name(row, language="en") == "Xiangyang Jiexin Appliances Co., Ltd."
    assert company_name(row, short=True, language="en") == "Xiangyang Jiexin Appliances"
    assert company_name(row, short=True, language="zh") == "襄阳捷鑫电器"
    with pytest.raises(KamValueError, match=r"account: got .*an accounts row with 'name_zh'"):
        company_name({"name": "Alpha"}, language="zh")
    with pytest.raises(KamValueError, match="account.name"):
        company_name({"name": float("nan")}, language="en")
