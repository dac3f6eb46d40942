"""Course tables: every word shown, money as money (issue 11, item 4)."""

from __future__ import annotations

import pandas as pd
import pytest

from kamlib import stages, tables, uncoupling
from kamlib.validation import KamValueError


def test_stage_definitions_show_in_full() -> None:
    """pandas cut them at 50 characters with "…"."""
    frame = pd.DataFrame([vars(s) for s in stages.STAGES]).set_index("number")
    shown = tables.show(frame)
    assert all(s.description in shown.html for s in stages.STAGES)
    assert "…" not in shown.html and "<style>" in shown._repr_html_()


def test_warning_signs_and_remedies_show_in_full() -> None:
    shown = tables.show(uncoupling.factors_frame(), index=False).html
    for factor in uncoupling.RISK_FACTORS:
        assert "; ".join(factor.warning_signs) in shown


def test_money_has_thousands_separators_not_e_notation() -> None:
    frame = pd.DataFrame({"industry": ["automotive"], "revenue": [240_882_000.0]})
    english = tables.to_html(frame, money=["revenue"], language="en")
    assert "CNY 240,882,000" in english and "e+08" not in english
    assert "240,882,000 元" in tables.to_html(frame, money=["revenue"], language="zh")
    assert "<td class='kam-num'>CNY" in english  # right-aligned under a right-aligned header
    assert "<th class='kam-num'>revenue</th>" in english


def test_a_missing_money_column_is_named() -> None:
    with pytest.raises(KamValueError, match="money: got .*'turnover'.*column names"):
        tables.to_html(pd.DataFrame({"revenue": [1.0]}), money=["turnover"])


def test_a_table_reads_as_plain_text_too() -> None:
    """No memory address in the text form: a pinned output must not change from run to run."""
    frame = pd.DataFrame({"account": ["AC001", "R&D <lab>"], "revenue": [1234567.0, 5.0]})
    table = tables.show(frame, money=["revenue"], index=False, language="en")
    assert repr(table) == "account | revenue\nAC001 | CNY 1,234,567\nR&D <lab> | CNY 5"
