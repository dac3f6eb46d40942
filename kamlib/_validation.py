"""Shared input checks, called at the edge of every public function.

Every check raises :class:`KamValueError` (a ``ValueError``) whose message names the
field, shows the bad value and says what is allowed, so a learner can fix the input
without reading our code.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd


class KamValueError(ValueError):
    """Bad input to a kamlib function: the message names field, value and what is allowed."""


def _show(value: Any) -> str:
    if isinstance(value, np.generic):
        value = value.item()
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


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
    if not math.isfinite(float(value)):
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
    if labels is None:
        labels = series.index
    labels = pd.Index(labels)
    if series.dtype == bool or not (
        pd.api.types.is_numeric_dtype(series.dtype) or series.dtype == object or len(series) == 0
    ):
        raise fail(field, series.dtype, "numbers")
    numeric = pd.to_numeric(series, errors="coerce") if series.dtype == object else series
    array = numeric.to_numpy(dtype=float, na_value=np.nan)
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
            position = int(np.flatnonzero(mask)[0])
            raise fail(
                f"{field} (row {labels[position]!r}, {int(mask.sum())} bad in all)",
                series.iloc[position],
                allowed,
            )
    if integer:
        return pd.Series(array.astype(np.int64), index=series.index, name=series.name)
    return pd.Series(array, index=series.index, name=series.name)
