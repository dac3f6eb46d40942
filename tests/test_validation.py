"""The shared input checks of kamlib.validation: dates, row errors, numbers, messages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from kamlib import settings
from kamlib.settings import resolve_as_of
from kamlib.validation import (
    FIRST_DATE,
    LAST_DATE,
    MAX_LISTED,
    MAX_MAGNITUDE,
    KamValueError,
    check_choice,
    check_choice_series,
    check_date,
    check_date_series,
    check_day,
    check_flag_series,
    check_frame,
    check_key_series,
    check_number,
    check_numeric_series,
    check_text_series,
    check_year,
    fail,
    fail_row,
    listing,
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


# --- the policy: numbers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "allowed"),
    [
        (True, r"a number \(True and False are not numbers\)"),
        (np.bool_(False), r"a number \(True and False are not numbers\)"),
        (complex(1, 2), r"a number\."),
        (np.complex128(3), r"a number\."),
        (pd.Timedelta(days=1), r"a number\."),
        (np.timedelta64(1, "D"), r"a number\."),
        (dt.timedelta(days=1), r"a number\."),
        ("12", r"a number\."),
        (Decimal("NaN"), r"a finite number"),
        (Decimal("sNaN"), r"a finite number"),
        (10**400, r"a finite number"),
        (float("inf"), r"a finite number"),
        (1e307, r"a number from -1e\+15 to 1e\+15"),
        (-(10**16), r"a number from -1e\+15 to 1e\+15"),
        (None, r"a number\."),
    ],
)
def test_check_number_refuses_what_is_not_a_finite_real(value, allowed):
    with pytest.raises(KamValueError, match=rf"amount: got .*; expected {allowed}"):
        check_number("amount", value)


def test_check_number_reads_decimals_fractions_and_numpy_as_plain_numbers():
    decimal = check_number("v", Decimal("1.5"))
    assert decimal == 1.5 and type(decimal) is float
    assert check_number("v", Fraction(1, 4)) == 0.25
    assert type(check_number("v", np.int64(7))) is int
    assert type(check_number("v", np.float32(0.5))) is float
    whole = check_number("v", 3.0, integer=True)
    assert whole == 3 and type(whole) is int


@examples(max_examples=200, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_property_check_number_takes_exactly_the_finite_floats_in_range(value):
    inside = np.isfinite(value) and abs(value) <= MAX_MAGNITUDE
    if inside:
        assert check_number("v", value) == value
    else:
        with pytest.raises(KamValueError, match=r"^v: got .*; expected a "):
            check_number("v", value)


@examples(max_examples=100, deadline=None)
@given(st.integers(min_value=-(10**500), max_value=10**500))
def test_property_whole_numbers_of_any_size_are_checked_not_crashed(value):
    if abs(value) <= MAX_MAGNITUDE:
        assert check_number("n", value, integer=True) == value
    else:
        with pytest.raises(KamValueError) as error:
            check_number("n", value, integer=True)
        assert len(str(error.value)) < 300


@examples(max_examples=100, deadline=None)
@given(
    hnp.arrays(np.float64, st.integers(1, 40), elements=st.floats(allow_nan=True,
                                                                   allow_infinity=True)),
)
def test_property_numeric_series_names_the_first_bad_row_or_keeps_the_values(array):
    labels = [f"r{i}" for i in range(len(array))]
    bad = ~np.isfinite(array) | (np.abs(np.nan_to_num(array)) > MAX_MAGNITUDE) | (array < 0)
    if not bad.any():
        assert check_numeric_series("s", array, minimum=0, labels=labels).tolist() == array.tolist()
        return
    with pytest.raises(KamValueError) as error:
        check_numeric_series("s", array, minimum=0, labels=labels)
    message = str(error.value)
    assert message.startswith("s (row 'r") and "bad in all" in message


@pytest.mark.parametrize(
    ("values", "match"),
    [
        (pd.Series([1.0, True]), r"row 1, 1 bad in all\): got True; expected a number \(True"),
        (pd.Series([True, False]), r"row 0, 2 bad in all\): got True; expected a number \(True"),
        (pd.array([True, None], dtype="boolean"), r"expected a number \(True"),
        (pd.Series([1 + 2j, 3]), r"row 0, 2 bad in all\): got \(1\+2j\); expected a real number"),
        (pd.Series([pd.Timedelta(days=1)]), r"row 0, 1 bad in all\): got Timedelta"),
        (pd.Series([1, 10**400], dtype=object), r"row 1, 1 bad in all\): got 1000.*a finite"),
        (pd.Series([1.0, 1e307]), r"row 1, 1 bad in all\): got 1e\+307; expected a number from"),
        (pd.Series(["1,200", "3"]), r"row 0, 2 bad in all\): got '1,200'; expected a num.*\(text"),
        (pd.Series([1.0, [2.0]], dtype=object), r"row 1, 1 bad in all\): got \[2\.0\]"),
        (np.ones((2, 2)), r"s: got ndarray of shape \(2, 2\).*expected a column of values"),
    ],
)
def test_numeric_series_refuses_what_is_no_number(values, match):
    with pytest.raises(KamValueError, match=match):
        check_numeric_series("s", values)


def test_numeric_series_reads_categorical_nullable_decimal_and_missing_when_allowed():
    assert check_numeric_series("s", pd.Series([1.5, 2.5], dtype="category")).tolist() == [1.5, 2.5]
    assert check_numeric_series("s", pd.array([1, 2], dtype="Int64")).tolist() == [1.0, 2.0]
    assert check_numeric_series("s", [Decimal("1.5"), Fraction(1, 2)]).tolist() == [1.5, 0.5]
    kept = check_numeric_series("s", [1.0, None, np.nan], allow_missing=True)
    assert kept.iloc[0] == 1.0 and kept.iloc[1:].isna().all()
    with pytest.raises(KamValueError, match=r"s \(row 1, 1 bad in all\): got inf"):
        check_numeric_series("s", [1.0, np.inf, None], allow_missing=True)


# --- the policy: dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["now", "today", "yesterday", "2025", "15:30", "03/04/2025", "2025/12/31", "31.12.2025",
     45_000, 45_000.5, np.int64(45_000), pd.Timedelta(days=1), np.timedelta64(1, "D"),
     pd.Period("2025-12", "M"), dt.date(1, 1, 1), "1850-01-01", "2262-04-12", np.datetime64("NaT")],
)
def test_check_date_refuses_relative_words_years_times_numbers_and_far_dates(value):
    with pytest.raises(KamValueError, match=r"day: got .*; expected a date, e\.g\. '2025-12-31'"):
        check_date("day", value)


@pytest.mark.parametrize(
    ("value", "wall_time"),
    [
        (pd.Timestamp("2025-12-31 23:30", tz="Asia/Shanghai"), "2025-12-31 23:30"),
        (dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))),
         "2025-12-31 23:30"),
        ("2025-12-31T23:30:00+08:00", "2025-12-31 23:30"),
        ("2025-12-31 01:00Z", "2025-12-31 01:00"),
    ],
)
def test_timezone_aware_dates_keep_their_wall_time_and_lose_the_zone(value, wall_time):
    stamp = check_date("at", value)
    assert stamp == pd.Timestamp(wall_time) and stamp.tz is None
    assert check_day("at", value) == pd.Timestamp(wall_time[:10])  # the day the learner sees


def test_date_series_keep_wall_time_of_aware_and_mixed_offset_columns():
    aware = pd.Series(pd.to_datetime(["2025-01-01 23:30", "2025-06-30 00:15"]))
    shanghai = aware.dt.tz_localize("Asia/Shanghai")
    assert check_date_series("d", shanghai).tolist() == aware.tolist()
    mixed = pd.Series([pd.Timestamp("2025-01-01 23:30", tz="Asia/Shanghai"),
                       pd.Timestamp("2025-06-30 00:15", tz="UTC")], dtype=object)
    assert check_date_series("d", mixed).tolist() == aware.tolist()
    text = pd.Series(["2025-01-01T23:30+08:00", "2025-06-30 00:15:00Z"])
    assert check_date_series("d", text).tolist() == aware.tolist()


@pytest.mark.parametrize(
    ("values", "match"),
    [
        (["2025-01-31", "03/04/2025"], r"d \(row 1, 1 bad in all\): got '03/04/2025'"),
        (["2025-01-31", "now"], r"d \(row 1, 1 bad in all\): got 'now'"),
        (["2025", "2025-01-01"], r"d \(row 0, 1 bad in all\): got '2025'"),
        (pd.Series([45_000.0, 45_001.0]), r"d \(row 0, 2 bad in all\): got 45000\.0"),
        (pd.Series([True, False]), r"d \(row 0, 2 bad in all\): got True"),
        (pd.Series([pd.Timedelta(days=1)]), r"d \(row 0, 1 bad in all\): got Timedelta"),
        (pd.Series(pd.to_datetime(["2025-01-01", None])), r"d \(row 1, 1 bad in all\): got NaT"),
        (pd.Series([dt.date(1850, 1, 1), dt.date(2025, 1, 1)]), r"d \(row 0, 1 bad in all\)"),
    ],
)
def test_date_series_refuse_ambiguous_relative_and_numeric_values(values, match):
    with pytest.raises(KamValueError, match=match):
        check_date_series("d", values)


def test_date_series_read_categorical_and_object_dates():
    dates = pd.Series(["2025-02-01", "2025-01-01", "2025-02-01"], dtype="category")
    assert check_date_series("d", dates).dt.month.tolist() == [2, 1, 2]
    mixed = pd.Series([dt.date(2025, 1, 1), "2025-01-02", pd.Timestamp("2025-01-03")])
    assert check_date_series("d", mixed).dt.day.tolist() == [1, 2, 3]


@examples(max_examples=100, deadline=None)
@given(st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2199, 12, 31),
                    timezones=st.sampled_from([None, dt.timezone.utc,
                                               dt.timezone(dt.timedelta(hours=8)),
                                               dt.timezone(dt.timedelta(hours=-5))])))
def test_property_any_date_in_range_reads_as_its_wall_time(moment):
    wall = pd.Timestamp(moment.replace(tzinfo=None))
    assert check_date("d", moment) == wall
    assert check_date("d", moment.isoformat()) == wall
    assert check_date_series("d", [moment.isoformat()]).iloc[0] == wall


@examples(max_examples=50, deadline=None)
@given(st.dates(min_value=dt.date(2000, 1, 13), max_value=dt.date(2030, 12, 31)))
def test_property_day_month_text_is_never_read(day):
    for text in (f"{day:%d/%m/%Y}", f"{day:%m/%d/%Y}", f"{day:%d.%m.%Y}", f"{day:%Y}"):
        with pytest.raises(KamValueError):
            check_date("d", text)
        with pytest.raises(KamValueError):
            check_date_series("d", [text])


def test_check_year_is_a_whole_year_of_the_date_range():
    assert check_year("year", 2025) == 2025 and check_year("year", np.int64(1900)) == 1900
    for bad in (1899, 2200, 2025.5, "2025", True, 10**400):
        with pytest.raises(KamValueError, match=r"year: got"):
            check_year("year", bad)
    assert (FIRST_DATE.year, LAST_DATE.year) == (1900, 2199)


# --- the policy: tables ---------------------------------------------------------------------


def test_check_frame_refuses_repeated_and_multilevel_column_names():
    frame = pd.DataFrame([[1, 2, 3]], columns=["a", "b", "a"])
    with pytest.raises(KamValueError, match=r"t: the column name\(s\) 'a' appear more than once"):
        check_frame("t", frame, ["b"])
    levels = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("a", "x"), ("b", "y")]))
    with pytest.raises(KamValueError, match=r"t: got .*; expected a table with one row of column"):
        check_frame("t", levels, ["a"])


def test_check_frame_names_the_parameter_of_a_missing_or_unusable_column():
    frame = pd.DataFrame({"revenue_cny": [1.0]})
    with pytest.raises(KamValueError, match=r"missing column\(s\) 'sales' \(revenue\); it has"):
        check_frame("t", frame, {"revenue": "sales"})
    for name in (["a"], None, 3, "", np.array(["a"])):
        with pytest.raises(KamValueError, match=r"revenue: got .*; expected a column name"):
            check_frame("t", frame, {"revenue": name})


def test_messages_stay_short_whatever_they_quote():
    wide = pd.DataFrame(np.zeros((1, 5000)), columns=[f"column_{i}" for i in range(5000)])
    with pytest.raises(KamValueError) as error:
        check_frame("t", wide, ["missing"])
    message = str(error.value)
    assert f"and {5000 - MAX_LISTED} more" in message and len(message) < 2000
    assert listing(range(60), limit=3) == "0, 1, 2 and 57 more"
    huge = fail("x" * 10_000, "y" * 1_000_000, "z" * 10_000)
    assert len(str(huge)) < 2000
    row = fail_row("f" * 5000, np.array([True] * 1000), range(1000), list(range(1000)), "ok")
    assert len(str(row)) < 2000 and "1000 bad in all" in str(row)
    assert "\n" not in str(fail("v", pd.DataFrame({"a": range(100)}), "a number"))


@pytest.mark.parametrize(
    "values",
    [pd.Series([True, False]), pd.Series([True, False], dtype="category"),
     pd.array([True, False], dtype="boolean"), pd.Series([np.bool_(True), False], dtype=object)],
)
def test_flag_series_take_every_kind_of_boolean_column(values):
    assert check_flag_series("vip", values).tolist() == [True, False]


@pytest.mark.parametrize(
    ("values", "match"),
    [
        (pd.Series([True, np.nan], dtype="category"), r"vip \(row 1, 1 bad in all\): got nan"),
        (pd.array([True, None], dtype="boolean"), r"vip \(row 1, 1 bad in all\): got <NA>"),
        (pd.Series([1, 0]), r"vip \(row 0, 2 bad in all\): got 1; expected True or False"),
        (pd.Series(["yes", True]), r"vip \(row 0, 1 bad in all\): got 'yes'"),
    ],
)
def test_flag_series_refuse_numbers_text_and_missing_values(values, match):
    with pytest.raises(KamValueError, match=match):
        check_flag_series("vip", values)


def test_text_key_and_choice_columns():
    assert check_text_series("f", pd.Series(["a", None]), allow_missing=True).iloc[1] is not None
    with pytest.raises(KamValueError, match=r"f \(row 1, 1 bad in all\): got nan; expected text"):
        check_text_series("f", pd.Series(["a", None]))
    with pytest.raises(KamValueError, match=r"f \(row 0, 1 bad in all\): got 3; expected text"):
        check_text_series("f", pd.Series([3, "a"], dtype=object))
    with pytest.raises(KamValueError, match=r"k \(row 1, 1 bad in all\): got 3; expected ids of"):
        check_key_series("k", pd.Series(["a", 3], dtype=object))
    with pytest.raises(KamValueError, match=r"k \(row 1, 1 bad in all\): got \[1\]"):
        check_key_series("k", pd.Series(["a", [1]], dtype=object))
    with pytest.raises(KamValueError, match=r"k \(row 2, 1 bad in all\): got 'a'; expected each"):
        check_key_series("k", ["a", "b", "a"], unique=True)
    assert check_key_series("k", pd.Series([3, 1])).tolist() == [3, 1]
    with pytest.raises(KamValueError, match=r"s \(row 1, 1 bad in all\): got 'Done'; expected one"):
        check_choice_series("s", ["done", "Done"], ("done", "planned"))


@pytest.mark.parametrize(
    "value", [np.array(["a"]), pd.Series(["a"]), ["a"], {"a"}, pd.NA, 1, True, b"a"]
)
def test_check_choice_takes_only_the_options_themselves(value):
    with pytest.raises(KamValueError, match=r"side: got .*; expected one of 'a', 'b'"):
        check_choice("side", value, ("a", "b"))
    assert check_choice("side", np.str_("a"), ("a", "b")) == "a"
    with pytest.raises(KamValueError):
        check_choice("flag", 1, (True, False))  # 1 == True, but 1 is no flag
