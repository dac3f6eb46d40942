"""Shared input checks, called at the edge of every public function.

Every check raises :class:`KamValueError` (a ``ValueError``) whose message names the
field, shows the bad value and says what is allowed, so a learner can fix the input
without reading our code.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd


class KamValueError(ValueError):
    """Bad input to a kamlib function: the message names field, value and what is allowed."""


def _plain(value: Any) -> Any:
    """``value`` with numpy scalars (also inside a tuple or list) as plain Python values."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (tuple, list)):
        return type(value)(_plain(item) for item in value)
    return value


def _show(value: Any) -> str:
    """``value`` as it reads in a message: 3 rather than np.int64(3), cut to 60 characters.

    A long value keeps its start and its end, where a file path has its name.
    """
    text = repr(_plain(value))
    return text if len(text) <= 60 else text[:28] + "..." + text[-29:]


def fail_row(field: str, bad: np.ndarray, labels: Any, values: Any, allowed: str) -> KamValueError:
    """The error for the first True of the mask ``bad``: names its row label and the count.

    ``labels`` and ``values`` are aligned with ``bad`` (``values`` a Series or array).
    """
    position = int(np.flatnonzero(bad)[0])
    value = values.iloc[position] if isinstance(values, pd.Series) else values[position]
    return fail(
        f"{field} (row {_show(pd.Index(labels)[position])}, {int(np.sum(bad))} bad in all)",
        value,
        allowed,
    )


def fail(field: str, value: Any, allowed: str) -> KamValueError:
    """Build the standard error: ``field``: got ``value``; expected ``allowed``."""
    return KamValueError(f"{field}: got {_show(value)}; expected {allowed}.")


def check_choice(field: str, value: Any, allowed: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``allowed``."""
    options = list(allowed)
    if value not in options:
        raise fail(field, value, "one of " + ", ".join(repr(o) for o in options))
    return value


def check_bool(field: str, value: Any) -> bool:
    """Return ``value`` as a bool; accept only real booleans (and numpy's)."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise fail(field, value, "True or False")


def check_number(
    field: str,
    value: Any,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    integer: bool = False,
) -> float:
    """Return ``value`` if it is a finite real number within [minimum, maximum]."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        raise fail(field, value, "a number")
    try:
        finite = math.isfinite(float(value))
    except OverflowError:  # an int beyond float range, e.g. 10**400
        finite = False
    if not finite:
        raise fail(field, value, "a finite number")
    if integer and float(value) != int(value):
        raise fail(field, value, "a whole number")
    low = "-inf" if minimum is None else f"{minimum:g}"
    high = "inf" if maximum is None else f"{maximum:g}"
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise fail(field, value, f"a number from {low} to {high}")
    return int(value) if integer else value


def check_text(field: str, value: Any, *, allow_empty: bool = False) -> str:
    """Return ``value`` stripped if it is a string (non-empty unless allowed)."""
    if not isinstance(value, str):
        raise fail(field, value, "text (a str)")
    if not allow_empty and not value.strip():
        raise fail(field, value, "non-empty text")
    return value.strip()


_DATE_EXAMPLE = "a date, e.g. '2025-12-31' or pd.Timestamp('2025-12-31')"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?")


def check_date(field: str, value: Any) -> pd.Timestamp:
    """Return ``value`` as a :class:`pandas.Timestamp`.

    Accepts a date, datetime, Timestamp, ``np.datetime64`` or ISO text ("2025-12-31",
    optionally with a time); rejects numbers, missing values (NaT, None) and other text,
    such as "31/12/2025", whose day and month order is ambiguous.
    """
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value.strip()):
        raise fail(field, value, _DATE_EXAMPLE)
    if isinstance(value, (str, dt.date, np.datetime64)):
        try:
            stamp = pd.Timestamp(value.strip() if isinstance(value, str) else value)
        except ValueError:
            stamp = pd.NaT
        if not pd.isna(stamp):
            return stamp
    raise fail(field, value, _DATE_EXAMPLE)


def check_day(field: str, value: Any) -> pd.Timestamp:
    """Return ``value`` as a calendar day: :func:`check_date`, then midnight of that day."""
    return check_date(field, value).normalize()


def check_date_series(field: str, values: Any, *, labels: Any = None) -> pd.Series:
    """Return ``values`` as a datetime Series; every value must be a date (none missing).

    The error names the first bad row by its label (``labels`` if given, else the index).
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    if pd.api.types.is_datetime64_any_dtype(series.dtype) and not series.isna().any():
        return series
    dates = pd.to_datetime(series, errors="coerce")
    bad = dates.isna().to_numpy()
    if bad.any():
        raise fail_row(
            field, bad, series.index if labels is None else labels, series, _DATE_EXAMPLE
        )
    return dates


def check_frame(field: str, frame: Any, columns: Sequence[str] = ()) -> pd.DataFrame:
    """Return ``frame`` if it is a DataFrame holding every one of ``columns``."""
    if not isinstance(frame, pd.DataFrame):
        raise fail(field, type(frame).__name__, "a pandas DataFrame")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KamValueError(
            f"{field}: missing column(s) {', '.join(map(repr, missing))}; "
            f"it has {', '.join(map(repr, map(str, frame.columns)))}."
        )
    return frame


def check_numeric_series(
    field: str,
    values: Any,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    integer: bool = False,
    labels: Any = None,
) -> pd.Series:
    """Return ``values`` as a float or int Series after vectorised checks.

    Rejects missing, non-numeric, out-of-range and (if ``integer``) fractional values.
    The error names the first offending row by its label (``labels`` if given, else the index).
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    if series.dtype == bool or not (
        pd.api.types.is_numeric_dtype(series.dtype) or series.dtype == object or len(series) == 0
    ):
        raise fail(field, series.dtype, "numbers")
    if isinstance(series.dtype, np.dtype) and series.dtype.kind in "iu":
        array = series.to_numpy()  # whole numbers, none missing: only the range to check
    else:
        numeric = pd.to_numeric(series, errors="coerce") if series.dtype == object else series
        array = numeric.to_numpy(dtype=float, na_value=np.nan)
    if not _all_valid(array, minimum, maximum, integer):
        labels = series.index if labels is None else labels
        _raise_first_problem(field, array, series, labels, minimum, maximum, integer)
    kind = np.int64 if integer else float
    return pd.Series(array.astype(kind, copy=False), index=series.index, name=series.name)


def _all_valid(
    array: np.ndarray, minimum: float | None, maximum: float | None, integer: bool
) -> bool:
    """One pass over the array: whether every value passes (the fast path of clean data)."""
    if len(array) == 0:
        return True
    low, high = array.min(), array.max()  # NaN if any value is NaN
    if not (math.isfinite(low) and math.isfinite(high)):
        return False
    if (minimum is not None and low < minimum) or (maximum is not None and high > maximum):
        return False
    return not integer or array.dtype.kind in "iu" or bool((array == np.round(array)).all())


def _raise_first_problem(
    field: str,
    array: np.ndarray,
    series: pd.Series,
    labels: Any,
    minimum: float | None,
    maximum: float | None,
    integer: bool,
) -> None:
    """Raise the error of the first kind of problem found, naming its first row."""
    problems = [
        (np.isnan(array), "a number (missing or not numeric)"),
        (~np.isfinite(array) & ~np.isnan(array), "a finite number"),
    ]
    if minimum is not None:
        problems.append((array < minimum, f"a number >= {minimum:g}"))
    if maximum is not None:
        problems.append((array > maximum, f"a number <= {maximum:g}"))
    if integer:
        with np.errstate(invalid="ignore"):
            problems.append((np.isfinite(array) & (array != np.round(array)), "a whole number"))
    for mask, allowed in problems:
        if mask.any():
            raise fail_row(field, mask, labels, series, allowed)
