"""The shared input checks of kamlib.validation: dates, row errors, numbers, messages."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from kamlib import settings
from kamlib.settings import resolve_as_of
from kamlib.validation import (
    KamValueError,
    check_date,
    check_date_series,
    check_day,
    check_numeric_series,
    fail,
    fail_row,
)


@pytest.mark.parametrize(
    "value",
    ["2025-12-31", " 2025-12-31 ", dt.date(2025, 12, 31), dt.datetime(2025, 12, 31),
     pd.Timestamp("2025-12-31"), np.datetime64("2025-12-31")],
)
def test_check_date_reads_every_kind_of_date(value):
    assert check_date("day", value) == pd.Timestamp("2025-12-31")


def test_check_date_keeps_the_time_of_day():
    assert check_date("at", "2025-12-31 15:30") == pd.Timestamp("2025-12-31 15:30")


@pytest.mark.parametrize(
    ("value", "shown"),
    [("31/12/2025", "'31/12/2025'"), ("soon", "'soon'"), ("2025-13-01", "'2025-13-01'"),
     (20251231, "20251231"), (None, "None"), (pd.NaT, "NaT"), (True, "True")],
)
def test_check_date_rejects_other_values(value, shown):
    with pytest.raises(KamValueError, match=rf"day: got {shown}; expected a date, e\.g\."):
        check_date("day", value)


def test_check_date_series_parses_text_and_keeps_datetimes():
    dates = check_date_series("d", ["2025-01-01", pd.Timestamp("2025-02-01")])
    assert dates.dt.month.tolist() == [1, 2]
    typed = pd.Series(pd.to_datetime(["2025-03-01"]))
    assert check_date_series("d", typed) is typed  # already clean: returned as it is


def test_check_date_series_names_the_first_bad_row():
    values = pd.Series(["2025-01-01", "soon", None], index=["a", "b", "c"])
    with pytest.raises(KamValueError, match=r"d \(row 'b', 2 bad in all\): got 'soon'"):
        check_date_series("d", values)
    with pytest.raises(KamValueError, match=r"d \(row 'V2', 2 bad in all\)"):
        check_date_series("d", values, labels=["V1", "V2", "V3"])


def test_resolve_as_of_defaults_to_the_course_today():
    assert resolve_as_of(None) == settings.load().today
    assert resolve_as_of("2025-06-30") == pd.Timestamp("2025-06-30")
    with pytest.raises(KamValueError, match=r"as_of: got NaT; expected a date"):
        resolve_as_of(pd.NaT)
    with pytest.raises(KamValueError, match=r"today: got 'x'; expected a date"):
        resolve_as_of("x", field="today")


def test_numpy_values_read_as_plain_numbers_in_messages():
    assert str(fail("v", np.int64(3), "less")) == "v: got 3; expected less."
    assert str(fail("cell", (np.int64(7), np.float64(1.5)), "0-4")) == (
        "cell: got (7, 1.5); expected 0-4."
    )
    error = fail_row("v", np.array([False, True]), pd.Index([10, 11]), np.array([1, 2]), "<2")
    assert str(error) == "v (row 11, 1 bad in all): got 2; expected <2."


def test_numeric_series_fast_path_keeps_the_answers():
    ints = pd.Series([0, 4, 2], index=list("abc"))
    checked = check_numeric_series("s", ints, minimum=0, maximum=4, integer=True)
    assert checked.dtype == np.int64 and checked.tolist() == [0, 4, 2]
    assert check_numeric_series("s", ints).dtype == float  # not integer: floats, as ever
    assert check_numeric_series("s", [1.0, 2.5], maximum=3).tolist() == [1.0, 2.5]
    assert check_numeric_series("s", pd.Series([], dtype=float), minimum=1).empty


@pytest.mark.parametrize(
    ("values", "options", "message"),
    [
        (pd.Series([0, 5], index=["a", "b"]), {"maximum": 4}, r"s \(row 'b', 1 bad.*got 5"),
        ([1, -1, -2], {"minimum": 0}, r"s \(row 1, 2 bad in all\): got -1; expected a number >= 0"),
        ([1.0, np.nan], {}, r"row 1, 1 bad in all\): got nan; expected a number \(missing"),
        ([1.0, np.inf], {}, r"got inf; expected a finite number"),
        ([1.0, 1.5], {"integer": True}, r"got 1\.5; expected a whole number"),
        (pd.array([1, None], dtype="Int64"), {}, r"row 1, 1 bad in all\): got <NA>"),
    ],
)
def test_numeric_series_slow_path_names_the_first_bad_row(values, options, message):
    with pytest.raises(KamValueError, match=message):
        check_numeric_series("s", values, **options)


def test_a_long_value_keeps_its_end_so_a_file_name_stays_readable() -> None:
    path = "/home/learner/very/long/folder/names/that/go/on/and/on/my_plan.xlsx"
    message = str(fail("path", path, "a new file"))
    assert "my_plan.xlsx'" in message and "/home/learner" in message and "..." in message


def test_check_day_reads_dates_and_rejects_others() -> None:
    as_of = pd.Timestamp("2025-12-31")
    assert check_day("as_of", "2025-12-31") == as_of
    assert check_day("as_of", pd.Timestamp("2025-12-31 15:30")) == as_of
    with pytest.raises(KamValueError, match=r"visit date: got '31/12/2025x'; expected a date"):
        check_day("visit date", "31/12/2025x")
    with pytest.raises(KamValueError, match=r"as_of: got 20251231; expected a date"):
        check_day("as_of", 20251231)
