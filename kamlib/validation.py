"""Shared input checks, called at the edge of every public function: one policy for all.

Every check raises :class:`KamValueError` (a ``ValueError``) whose message names the
field, shows a short excerpt of the bad value and says what is allowed, so a learner can
fix the input without reading our code. The policy, the same in every module:

Numbers
    Finite real numbers only: ``int``, ``float``, numpy's, ``Decimal`` and ``Fraction``.
    Refused: ``True``/``False`` (not numbers), complex numbers, timedeltas, text (even
    "12": convert text first), NaN and infinities, and any number larger in size than
    :data:`MAX_MAGNITUDE` (1e15: more than a thousand times the yearly revenue of the
    largest companies, in CNY), so that sums, shares and products of checked numbers can
    never overflow. Checked numbers come back as plain Python ``int`` or ``float``.
Tables
    A :class:`pandas.DataFrame` with single-level, unique column names and the columns the
    function needs; a column name given as a parameter is text. Number columns hold
    numbers (an integer, float, nullable or numeric categorical column; an ``object``
    column only of numbers); a boolean column is not a number column. True/False columns
    hold only booleans (nullable or categorical ones included, none missing). Text and id
    columns hold text (ids: text or whole numbers). A missing or wrong value is named by
    its row.
Dates
    A ``datetime.date``/``datetime``, :class:`pandas.Timestamp`, ``numpy.datetime64`` or
    ISO text ("2025-12-31", optionally with a time and an offset). Day/month text such as
    "03/04/2025" is ambiguous and refused, as are relative words ("now", "today"), bare
    years ("2025"), a time of day alone, Excel serial numbers and other numbers. A
    timezone-aware date is read as the wall-clock time where it was recorded (its zone
    dropped: 2025-12-31 23:30+08:00 is 31 December, as the learner's CRM shows it).
    Dates lie between :data:`FIRST_DATE` and :data:`LAST_DATE`.
Messages
    At most a few hundred characters: a long value is cut (its start and its end kept), a
    list of problems shows at most :data:`MAX_LISTED` of them and says how many more.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import reprlib
import threading
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

#: The largest size of a number any kamlib function takes (1e15, e.g. CNY).
MAX_MAGNITUDE = 1e15
#: The earliest and the latest date any kamlib function takes.
FIRST_DATE = pd.Timestamp("1900-01-01")
LAST_DATE = pd.Timestamp("2199-12-31 23:59:59.999999")
#: The most items a message lists (the rest are counted: "and 12 more").
MAX_LISTED = 50
_MAX_FIELD = 300
_MAX_ALLOWED = 1200
_MAX_VALUE = 60


_translating = threading.local()


def _(message: str) -> str:
    """Translate ``message`` (kamlib.i18n imports this module, so it is imported late).

    English while a translation is under way (a bad ``KAMLIB_LANGUAGE`` raises an error
    whose own message must not need the language again).
    """
    if getattr(_translating, "busy", False):
        return message
    from kamlib.i18n import gettext

    _translating.busy = True
    try:
        return gettext(message)
    except KamValueError:
        return message
    finally:
        _translating.busy = False


class KamValueError(ValueError):
    """Bad input to a kamlib function: the message names field, value and what is allowed.

    Raised by every public kamlib function for input it cannot use; a ``ValueError``, so
    ``except ValueError`` catches it too.

    Examples
    --------
    >>> try:
    ...     check_number("share", "a lot")
    ... except KamValueError as error:
    ...     print(error)
    share: got 'a lot'; expected a number.
    """


# --- messages ----------------------------------------------------------------------------

_REPR = reprlib.Repr()
_REPR.maxstring = 200
_REPR.maxother = 200
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxdict = 8


def _plain(value: Any) -> Any:
    """``value`` with numpy scalars (also inside a short tuple or list) as plain values."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (tuple, list)) and len(value) <= 10:
        return type(value)(_plain(item) for item in value)
    return value


def _cut(text: str, size: int) -> str:
    """``text`` within ``size`` characters: its start and its end, joined by '...'."""
    if len(text) <= size:
        return text
    head = (size - 3) // 2
    return text[:head] + "..." + text[len(text) - (size - 3 - head) :]


def _show(value: Any) -> str:
    """``value`` as it reads in a message: 3 rather than np.int64(3), on one line, cut to
    60 characters. A long value keeps its start and its end, where a file path has its
    name. Costs little whatever the size of ``value`` (tables and arrays are described).
    """
    value = _plain(value)
    if isinstance(value, pd.DataFrame):
        text = f"a DataFrame of {len(value)} rows and {value.shape[1]} columns"
    elif isinstance(value, (pd.Series, pd.Index, np.ndarray)):
        text = f"{type(value).__name__} of shape {value.shape}, dtype {value.dtype}"
    elif isinstance(value, str):
        return _cut(repr(_cut(value, 2 * _MAX_VALUE)), _MAX_VALUE)
    else:
        text = _REPR.repr(value)
    return _cut(" ".join(text.split()), _MAX_VALUE)


def listing(items: Iterable[Any], *, limit: int = MAX_LISTED, quote: bool = True) -> str:
    """``items`` shown one by one, comma-separated: at most ``limit``, then "and N more".

    Parameters
    ----------
    items : iterable
        The values to list (each shown as in messages, cut to 60 characters).
    limit : int
        How many to show at most.
    quote : bool
        Whether to show each item as in messages (``repr``-like); False joins text as it is.

    Returns
    -------
    str

    Examples
    --------
    >>> listing(["a", "b", "c"], limit=2)
    "'a', 'b' and 1 more"
    """
    values = list(items)
    shown = ", ".join(_show(item) if quote else str(item) for item in values[:limit])
    rest = len(values) - limit
    return shown if rest <= 0 else _("{shown} and {rest} more").format(shown=shown, rest=rest)


def fail(field: str, value: Any, allowed: str) -> KamValueError:
    """Build the standard error: ``field``: got ``value``; expected ``allowed``.

    The field and the allowed values are cut to a few hundred characters and the value to
    60, so that a message stays short whatever it quotes.

    Parameters
    ----------
    field : str
        The parameter's name (or a column's), as the error message names it.
    value : object
        The value that was given (shown short).
    allowed : str
        What is allowed, in words (translated by the caller).

    Returns
    -------
    KamValueError
        The error, to ``raise``.

    Examples
    --------
    >>> raise fail("top", 1.5, "a fraction from 0 to 1, e.g. 0.2")
    Traceback (most recent call last):
    ...
    kamlib.validation.KamValueError: top: got 1.5; expected a fraction from 0 to 1, e.g. 0.2.
    """
    return KamValueError(
        _("{field}: got {value}; expected {allowed}.").format(
            field=_cut(str(field), _MAX_FIELD),
            value=_show(value),
            allowed=_cut(str(allowed), _MAX_ALLOWED),
        )
    )


def fail_row(field: str, bad: np.ndarray, labels: Any, values: Any, allowed: str) -> KamValueError:
    """The error for the first True of the mask ``bad``: names its row label and the count.

    ``labels`` and ``values`` are aligned with ``bad`` (``values`` a Series or array).

    Parameters
    ----------
    field : str
        The parameter's name (or a column's), as the error message names it.
    bad : numpy.ndarray of bool
        True for each bad row (at least one).
    labels : array-like
        The rows' labels, e.g. the account ids.
    values : Series or array
        The column's values.
    allowed : str
        What is allowed, in words.

    Returns
    -------
    KamValueError
        The error, to ``raise``.

    Examples
    --------
    >>> import numpy as np
    >>> error = fail_row("revenue_cny", np.array([False, True]), ["AC001", "AC002"],
    ...                  [100.0, -5.0], "0 or more")
    >>> print(error)
    revenue_cny (row 'AC002', 1 bad in all): got -5.0; expected 0 or more.
    """
    position = int(np.flatnonzero(bad)[0])
    value = values.iloc[position] if isinstance(values, pd.Series) else values[position]
    row = _("{field} (row {row}, {count} bad in all)").format(
        field=_cut(str(field), _MAX_FIELD),
        row=_show(pd.Index(labels)[position]),
        count=int(np.sum(bad)),
    )
    return fail(row, value, allowed)


# --- single values -----------------------------------------------------------------------


def _matches(value: Any, option: Any) -> bool:
    """Whether ``value`` is ``option``: text only equals text, a bool only a bool."""
    if isinstance(option, str) or isinstance(value, str):
        return isinstance(value, str) and isinstance(option, str) and value == option
    if isinstance(option, (bool, np.bool_)) or isinstance(value, (bool, np.bool_)):
        both = isinstance(value, (bool, np.bool_)) and isinstance(option, (bool, np.bool_))
        return both and bool(value) == bool(option)
    try:
        return bool(value == option)
    except (TypeError, ValueError):
        return False


def check_choice(field: str, value: Any, allowed: Iterable[Any]) -> Any:
    """Return the option of ``allowed`` that ``value`` is (text equals text only).

    Parameters
    ----------
    field : str
        The name of the parameter, shown in the message.
    value : Any
        The value given.
    allowed : iterable
        The options (a dict gives its keys).

    Returns
    -------
    Any
        The matching option itself (plain ``str`` for a numpy string).

    Raises
    ------
    KamValueError
        If ``value`` is none of the options; the message lists them (at most 50).

    Examples
    --------
    >>> check_choice("side", "internal", ("internal", "external"))
    'internal'
    """
    options = list(allowed)
    try:
        hash(value)
    except TypeError:
        pass
    else:
        for option in options:
            if _matches(value, option):
                return option
    raise fail(field, value, _("one of {options}").format(options=listing(options)))


def check_bool(field: str, value: Any) -> bool:
    """Return ``value`` as a bool; accept only real booleans (and numpy's).

    Parameters
    ----------
    field : str
        The parameter's name (or a column's), as the error message names it.
    value : object
        The value to check.

    Returns
    -------
    bool
        ``value``.

    Raises
    ------
    KamValueError
        If ``value`` is no boolean (1, 0 and "yes" are refused).

    Examples
    --------
    >>> check_bool("overwrite", True)
    True
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise fail(field, value, _("True or False"))


def _range_text(minimum: float | None, maximum: float | None) -> str:
    low = -MAX_MAGNITUDE if minimum is None else max(minimum, -MAX_MAGNITUDE)
    high = MAX_MAGNITUDE if maximum is None else min(maximum, MAX_MAGNITUDE)
    return _("a number from {low} to {high}").format(low=f"{low:g}", high=f"{high:g}")


def _real(field: str, value: Any) -> int | float:
    """``value`` as a plain int or float if it is a real number (finite or not)."""
    if isinstance(value, (bool, np.bool_)):
        raise fail(field, value, _("a number (True and False are not numbers)"))
    if isinstance(value, (int, np.integer)) and not isinstance(value, np.timedelta64):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, (Decimal, Fraction)):
        try:
            return float(value)
        except (ValueError, InvalidOperation, OverflowError):  # a signalling NaN, 1e999
            raise fail(field, value, _("a finite number")) from None
    raise fail(field, value, _("a number"))


def check_number(
    field: str,
    value: Any,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    integer: bool = False,
) -> int | float:
    """Return ``value`` as a plain int or float if it is a finite real number in range.

    Parameters
    ----------
    field : str
        The name of the parameter, shown in the message.
    value : Any
        The value given.
    minimum, maximum : float, optional
        Inclusive bounds; without them the bound is ±:data:`MAX_MAGNITUDE`.
    integer : bool
        Whether only whole numbers are allowed (then an ``int`` is returned).

    Returns
    -------
    int or float
        ``int`` for whole numbers given as integers (or when ``integer``), else ``float``.

    Raises
    ------
    KamValueError
        For booleans, complex numbers, timedeltas, text, NaN, infinities, numbers out of
        range (or beyond :data:`MAX_MAGNITUDE` in size) and, if ``integer``, fractions.

    Examples
    --------
    >>> check_number("weight", 3, minimum=1, maximum=5)
    3
    >>> check_number("share", np.float64(0.25))
    0.25
    """
    number = _real(field, value)
    try:
        finite = math.isfinite(number)
    except OverflowError:  # an int beyond float range, e.g. 10**400
        finite = False
    if not finite:
        raise fail(field, value, _("a finite number"))
    low = -MAX_MAGNITUDE if minimum is None else max(minimum, -MAX_MAGNITUDE)
    high = MAX_MAGNITUDE if maximum is None else min(maximum, MAX_MAGNITUDE)
    if not low <= number <= high:
        raise fail(field, value, _range_text(minimum, maximum))
    if integer:
        if number != int(number):
            raise fail(field, value, _("a whole number"))
        return int(number)
    return number


def check_text(field: str, value: Any, *, allow_empty: bool = False) -> str:
    """Return ``value`` stripped if it is a string (non-empty unless allowed).

    Parameters
    ----------
    field : str
        The parameter's name (or a column's), as the error message names it.
    value : object
        The value to check.
    allow_empty : bool, default False
        Accept empty or blank text.

    Returns
    -------
    str
        ``value`` without leading and trailing spaces.

    Raises
    ------
    KamValueError
        If ``value`` is no str, or blank when that is not allowed.

    Examples
    --------
    >>> check_text("name", "  Li Wei ")
    'Li Wei'
    """
    if not isinstance(value, str):
        raise fail(field, value, _("text (a str)"))
    if not allow_empty and not value.strip():
        raise fail(field, value, _("non-empty text"))
    return str(value).strip()


def check_column_name(field: str, value: Any) -> str:
    """Return ``value`` if it can name a column: non-empty text.

    Parameters
    ----------
    field : str
        The parameter's name (or a column's), as the error message names it.
    value : object
        The value to check.

    Returns
    -------
    str
        ``value``.

    Raises
    ------
    KamValueError
        If ``value`` is no text or blank.

    Examples
    --------
    >>> check_column_name("revenue", "revenue_cny")
    'revenue_cny'
    """
    if not isinstance(value, str) or not value.strip():
        raise fail(field, value, _("a column name (non-empty text)"))
    return str(value)


# --- dates -------------------------------------------------------------------------------

_ISO_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?"
)
#: ISO text with a time and an offset: group 1 is the wall-clock date and time.
_WITH_OFFSET = (
    r"^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?:Z|[+-]\d{2}(?::?\d{2})?)$"
)


def _date_allowed() -> str:
    return _(
        "a date, e.g. '2025-12-31' or pd.Timestamp('2025-12-31') (text as YYYY-MM-DD; "
        "not '03/04/2025', 'today', '2025' or a number)"
    )


def _stamp(value: Any) -> pd.Timestamp | None:
    """``value`` as a naive Timestamp (zone dropped, wall time kept), or None if no date."""
    if isinstance(value, str):
        text = value.strip()
        if not _ISO_DATE.fullmatch(text):
            return None
        value = re.sub(_WITH_OFFSET, r"\1", text)
    elif not isinstance(value, (dt.date, np.datetime64)):
        return None
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, OverflowError):
        return None
    if pd.isna(stamp):
        return None
    if stamp.tz is not None:
        stamp = stamp.tz_localize(None)
    return stamp if FIRST_DATE <= stamp <= LAST_DATE else None


def check_date(field: str, value: Any) -> pd.Timestamp:
    """Return ``value`` as a naive :class:`pandas.Timestamp`.

    Parameters
    ----------
    field : str
        The name of the parameter, shown in the message.
    value : Any
        A date, datetime, Timestamp, ``np.datetime64`` or ISO text ("2025-12-31",
        optionally with a time and an offset). A timezone-aware value keeps its wall-clock
        time and loses its zone.

    Returns
    -------
    pandas.Timestamp
        Without a time zone, between :data:`FIRST_DATE` and :data:`LAST_DATE`.

    Raises
    ------
    KamValueError
        For numbers (Excel serials too), missing values (NaT, None), day/month or other
        text ("31/12/2025", "today", "2025", "15:30") and dates out of range.

    Examples
    --------
    >>> check_date("as_of", "2025-12-31")
    Timestamp('2025-12-31 00:00:00')
    >>> check_date("at", pd.Timestamp("2025-12-31 23:30", tz="Asia/Shanghai"))
    Timestamp('2025-12-31 23:30:00')
    """
    stamp = _stamp(value)
    if stamp is None:
        raise fail(field, value, _date_allowed())
    return stamp


def check_day(field: str, value: Any) -> pd.Timestamp:
    """Return ``value`` as a calendar day: :func:`check_date`, then midnight of that day.

    Parameters
    ----------
    field : str
        The parameter's name (or a column's), as the error message names it.
    value : date-like
        A date ("2025-06-30", a Timestamp, a datetime.date or datetime).

    Returns
    -------
    pandas.Timestamp
        Midnight of that day.

    Raises
    ------
    KamValueError
        If ``value`` is no date in the supported range.

    Examples
    --------
    >>> check_day("as_of", "2025-06-30 15:45")
    Timestamp('2025-06-30 00:00:00')
    """
    return check_date(field, value).normalize()


def check_year(field: str, value: Any) -> int:
    """Return ``value`` if it is a whole number of a year in the date range (1900–2199).

    Parameters
    ----------
    field : str
        The parameter's name (or a column's), as the error message names it.
    value : int
        The year.

    Returns
    -------
    int
        ``value``.

    Raises
    ------
    KamValueError
        If ``value`` is not a whole number from 1900 to 2199.

    Examples
    --------
    >>> check_year("year", 2025)
    2025
    """
    return int(
        check_number(field, value, minimum=FIRST_DATE.year, maximum=LAST_DATE.year, integer=True)
    )


def _as_series(field: str, values: Any) -> pd.Series:
    """``values`` as a Series: a Series as it is, a 1-d list, tuple, array or Index wrapped."""
    if isinstance(values, pd.Series):
        return values
    if isinstance(values, (pd.Index, np.ndarray, pd.api.extensions.ExtensionArray, list, tuple)):
        try:
            if np.ndim(values) == 1:
                return pd.Series(values) if len(values) else pd.Series([], dtype=float)
        except (TypeError, ValueError):  # ragged nesting
            pass
    raise fail(field, values, _("a column of values (a Series or a list)"))


def check_date_series(field: str, values: Any, *, labels: Any = None) -> pd.Series:
    """Return ``values`` as a naive datetime Series; every value a date (none missing).

    The rule of :func:`check_date`, vectorised: typed datetime columns are checked for
    missing and out-of-range values at numpy speed, timezone-aware ones keep their wall
    time, ISO text is parsed; anything else names the first bad row by its label
    (``labels`` if given, else the index) and counts the bad rows.

    Parameters
    ----------
    field : str
        The parameter's name (or a column's), as the error message names it.
    values : array-like
        A column: a Series, or a list, tuple, array or Index.
    labels : array-like, optional
        The rows' labels in error messages (default: the index), e.g. the account ids.

    Returns
    -------
    pandas.Series
        The dates (``datetime64[ns]``), on the same index.

    Raises
    ------
    KamValueError
        If a value is missing or no date in the supported range (the first such row named).

    Examples
    --------
    >>> check_date_series("date", ["2025-01-31", "2025-02-28"]).dt.month.tolist()
    [1, 2]
    """
    original = series = _as_series(field, values)
    labels = series.index if labels is None else labels
    dtype = series.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_localize(None)
    elif isinstance(dtype, pd.CategoricalDtype):
        categories = _date_values(pd.Series(dtype.categories, dtype=object))
        stamps = np.append(categories, np.datetime64("NaT"))[series.cat.codes.to_numpy()]
        series = pd.Series(stamps, index=series.index, name=series.name)
    elif not pd.api.types.is_datetime64_dtype(dtype):
        if pd.api.types.is_string_dtype(dtype) and infer_dtype(series, skipna=True) in (
            "string",
            "empty",
        ):
            stamps = _text_dates(series)
        else:
            stamps = _date_values(series)
        series = pd.Series(stamps, index=series.index, name=series.name)
    stamps = series.to_numpy()
    if len(stamps) == 0 or (not series.isna().any() and _within_date_range(stamps)):
        return series
    first, last = (np.datetime64(bound.to_datetime64(), np.datetime_data(stamps.dtype)[0])
                   for bound in (FIRST_DATE, LAST_DATE))
    bad = np.isnat(stamps) | (stamps < first) | (stamps > last)
    raise fail_row(field, bad, labels, original, _date_allowed())


def _within_date_range(stamps: np.ndarray) -> bool:
    """Whether datetimes without NaT all lie in the date range (two passes over int64)."""
    unit = np.datetime_data(stamps.dtype)[0]
    ticks = stamps.view("i8")
    first, last = (np.datetime64(bound.to_datetime64(), unit).view("i8")
                   for bound in (FIRST_DATE, LAST_DATE))
    return bool(first <= ticks.min() and ticks.max() <= last)


def _text_dates(series: pd.Series) -> pd.Series:
    """Parse a column of text: ISO text becomes a date, anything else NaT."""
    text = series.str.strip()
    iso = text.str.fullmatch(_ISO_DATE.pattern).fillna(False).to_numpy(dtype=bool)
    if text.str.contains(r"\d:\d\d(?:[.\d]*)(?:Z|[+-]\d\d)", regex=True).fillna(False).any():
        text = text.str.replace(_WITH_OFFSET, r"\1", regex=True)
    parsed = pd.to_datetime(text.where(iso), format="ISO8601", errors="coerce")
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):  # pragma: no cover - offsets removed
        parsed = parsed.dt.tz_localize(None)
    return parsed


def _date_values(series: pd.Series) -> np.ndarray:
    """One date per value by :func:`check_date`'s rule (NaT where it is none): the slow
    path, for object columns that mix dates, text and other values."""
    stamps = [_stamp(value) for value in series.astype(object)]
    return pd.DatetimeIndex([pd.NaT if s is None else s for s in stamps]).to_numpy()


# --- tables ------------------------------------------------------------------------------


def check_frame(
    field: str, frame: Any, columns: Sequence[str] | Mapping[str, Any] = ()
) -> pd.DataFrame:
    """Return ``frame`` if it is a DataFrame with plain, unique column names and ``columns``.

    Parameters
    ----------
    field : str
        The name of the table parameter, shown in the message.
    frame : Any
        The table given.
    columns : sequence of str, or mapping
        The columns it must hold: fixed names, or a mapping of parameter name → column name
        for columns named by the caller's parameters (each checked with
        :func:`check_column_name` under its parameter's name).

    Returns
    -------
    pandas.DataFrame
        ``frame`` itself.

    Raises
    ------
    KamValueError
        If ``frame`` is no DataFrame, has multi-level or repeated column names, or lacks a
        column (the message lists at most 50 of those it has).

    Examples
    --------
    >>> check_frame("accounts", pd.DataFrame({"account_id": ["AC001"]}), ["account_id"]).shape
    (1, 1)
    """
    if isinstance(columns, Mapping):
        needed = {check_column_name(name, column): name for name, column in columns.items()}
    else:
        needed = dict.fromkeys(columns, "")
    if not isinstance(frame, pd.DataFrame):
        raise fail(field, type(frame).__name__, _("a pandas DataFrame"))
    if isinstance(frame.columns, pd.MultiIndex):
        raise fail(
            field,
            frame,
            _("a table with one row of column names (not a MultiIndex: flatten it first)"),
        )
    if frame.columns.has_duplicates:
        repeated = frame.columns[frame.columns.duplicated()].unique()
        raise KamValueError(
            _("{field}: the column name(s) {names} appear more than once; expected each "
              "column once (rename or drop the copies).").format(
                field=_cut(field, _MAX_FIELD), names=listing(repeated)
            )
        )
    missing = [
        _show(column) + (f" ({name})" if name else "")
        for column, name in needed.items()
        if column not in frame.columns
    ]
    if missing:
        raise KamValueError(
            _("{field}: missing column(s) {missing}; it has {present}.").format(
                field=_cut(field, _MAX_FIELD),
                missing=listing(missing, quote=False),
                present=listing(map(str, frame.columns)),
            )
        )
    return frame


def _text_is_no_number() -> str:
    return _("a number (text is not read as a number: convert the column first)")


def _type_problem(value: Any) -> str | None:
    """Why ``value`` is no number for a number column (None if it is one, or missing)."""
    if isinstance(value, (bool, np.bool_)):
        return _("a number (True and False are not numbers)")
    if isinstance(value, (int, float, np.integer, np.floating, Decimal, Fraction)) and not (
        isinstance(value, np.timedelta64)
    ):
        return None
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        return _text_is_no_number()
    return _("a number")


def _element_number(value: Any) -> float:
    """A number-column value as a float (NaN when missing or not a number)."""
    if _type_problem(value) is not None or value is None or value is pd.NA:
        return math.nan
    try:
        return float(value)
    except (OverflowError, ValueError, InvalidOperation):
        return math.inf  # an int beyond float range: flagged as not finite


def _numbers(field: str, series: pd.Series, labels: Any) -> np.ndarray:
    """The values of a number column as an int or float array (NaN where missing).

    Refuses non-number values (booleans, text, complex, dates, timedeltas) naming the
    first such row; typed numeric columns cost one conversion at most.
    """
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        categories = dtype.categories
        if pd.api.types.is_numeric_dtype(categories.dtype) and categories.dtype != bool:
            array = np.append(categories.to_numpy(dtype=float), np.nan)
            return array[series.cat.codes.to_numpy()]
        series = series.astype(object)
        dtype = series.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "iuf":
        return series.to_numpy()
    is_object = pd.api.types.is_object_dtype(dtype)
    if pd.api.types.is_bool_dtype(dtype) or dtype.kind in "cmMb" or (
        not pd.api.types.is_numeric_dtype(dtype) and not is_object
    ):
        if pd.api.types.is_bool_dtype(dtype):
            problem = _("a number (True and False are not numbers)")
        elif dtype.kind == "c":
            problem = _("a real number (not complex)")
        elif pd.api.types.is_string_dtype(dtype):
            problem = _text_is_no_number()
        else:
            problem = _("a number")
        present = series.notna().to_numpy(dtype=bool)
        bad = present if present.any() else np.ones(len(series), dtype=bool)
        raise fail_row(field, bad, labels, series, problem)
    if not is_object:  # nullable Int64, Float64 ...
        return series.to_numpy(dtype=float, na_value=np.nan)
    kind = infer_dtype(series, skipna=True)
    if kind in ("floating", "integer", "mixed-integer-float", "empty"):
        try:
            return series.to_numpy(dtype=float, na_value=np.nan)
        except (OverflowError, TypeError, ValueError):
            pass
    problems = [_type_problem(value) for value in series]
    bad = np.array([problem is not None for problem in problems], dtype=bool)
    if bad.any():
        raise fail_row(field, bad, labels, series, problems[int(np.flatnonzero(bad)[0])])
    return np.array([_element_number(value) for value in series], dtype=float)


def check_numeric_series(
    field: str,
    values: Any,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    integer: bool = False,
    labels: Any = None,
    allow_missing: bool = False,
) -> pd.Series:
    """Return ``values`` as a float (or, if ``integer``, int64) Series after vectorised checks.

    Parameters
    ----------
    field : str
        The name shown in the message (e.g. ``"revenue column 'revenue_cny'"``).
    values : Series, list, tuple or 1-d array
        The numbers.
    minimum, maximum : float, optional
        Inclusive bounds; without them the bound is ±:data:`MAX_MAGNITUDE`.
    integer : bool
        Whether only whole numbers are allowed.
    labels : sequence, optional
        Row labels for the message (default: the index).
    allow_missing : bool
        Whether missing values (None, NaN, NA) are allowed: they come back as NaN (and the
        Series as floats).

    Returns
    -------
    pandas.Series
        With the index and name of ``values``.

    Raises
    ------
    KamValueError
        Naming the first offending row and the count: booleans, text, complex numbers,
        dates or timedeltas; missing values; infinities; values out of range; fractions
        (if ``integer``). Clean typed columns take one pass (the min and the max).

    Examples
    --------
    >>> check_numeric_series("x", [0, 4, 2], minimum=0, maximum=4, integer=True).tolist()
    [0, 4, 2]
    """
    series = _as_series(field, values)
    labels = series.index if labels is None else labels
    array = _numbers(field, series, labels)
    low = -MAX_MAGNITUDE if minimum is None else max(minimum, -MAX_MAGNITUDE)
    high = MAX_MAGNITUDE if maximum is None else min(maximum, MAX_MAGNITUDE)
    checked = array
    if allow_missing and array.dtype.kind == "f":
        checked = array[~np.isnan(array)]
    if not _all_valid(checked, low, high, integer):
        _raise_first_problem(field, array, series, labels, minimum, maximum, integer,
                             allow_missing)
    kind = np.dtype(np.int64 if integer and len(checked) == len(array) else float)
    if series.dtype == kind:
        return series  # clean and typed already: no copy
    return pd.Series(array.astype(kind, copy=False), index=series.index, name=series.name,
                     copy=False)


def _all_valid(array: np.ndarray, low: float, high: float, integer: bool) -> bool:
    """One pass over the array: whether every value passes (the fast path of clean data)."""
    if len(array) == 0:
        return True
    smallest, largest = array.min(), array.max()  # NaN if any value is NaN
    if not (math.isfinite(smallest) and math.isfinite(largest)):
        return False
    if smallest < low or largest > high:
        return False
    if integer and array.dtype.kind not in "iu":
        return bool((array == np.round(array)).all())
    return True


def _raise_first_problem(
    field: str,
    array: np.ndarray,
    series: pd.Series,
    labels: Any,
    minimum: float | None,
    maximum: float | None,
    integer: bool,
    allow_missing: bool,
) -> None:
    """Raise the error of the first kind of problem found, naming its first row."""
    numbers = array.astype(float)
    with np.errstate(invalid="ignore"):
        problems = [] if allow_missing else [
            (np.isnan(numbers), _("a number (missing or not numeric)"))
        ]
        problems.append((np.isinf(numbers), _("a finite number")))
        if minimum is not None:
            problems.append((numbers < minimum, _("a number >= {minimum}").format(
                minimum=f"{minimum:g}")))
        if maximum is not None:
            problems.append((numbers > maximum, _("a number <= {maximum}").format(
                maximum=f"{maximum:g}")))
        problems.append((np.abs(numbers) > MAX_MAGNITUDE, _range_text(minimum, maximum)))
        if integer:
            problems.append((np.isfinite(numbers) & (numbers != np.round(numbers)),
                             _("a whole number")))
    for mask, allowed in problems:
        if mask.any():
            raise fail_row(field, mask, labels, series, allowed)


def check_flag_series(field: str, values: Any, *, labels: Any = None) -> np.ndarray:
    """Return a column of True/False as a bool array; anything else names the first bad row.

    Accepts bool columns, nullable ``boolean`` and categorical columns without missing
    values, and ``object`` columns holding only booleans (numpy's too). 1/0, text and
    missing values are refused.

    Parameters
    ----------
    field : str
        The parameter's name (or a column's), as the error message names it.
    values : array-like
        A column: a Series, or a list, tuple, array or Index.
    labels : array-like, optional
        The rows' labels in error messages (default: the index), e.g. the account ids.

    Returns
    -------
    numpy.ndarray of bool
        The flags.

    Raises
    ------
    KamValueError
        If a value is no boolean (the first such row named).

    Examples
    --------
    >>> check_flag_series("vip", [True, False]).tolist()
    [True, False]
    """
    series = _as_series(field, values)
    labels = series.index if labels is None else labels
    if series.dtype == bool or len(series) == 0:
        return series.to_numpy(dtype=bool)
    if isinstance(series.dtype, pd.CategoricalDtype):
        series = series.astype(object)
    if pd.api.types.is_bool_dtype(series.dtype) or infer_dtype(series, skipna=False) == "boolean":
        if not series.isna().any():
            return series.to_numpy(dtype=bool)
    is_flag = np.array([isinstance(v, (bool, np.bool_)) for v in series], dtype=bool)
    raise fail_row(field, ~is_flag, labels, series, _("True or False"))


def check_text_series(
    field: str,
    values: Any,
    *,
    labels: Any = None,
    allow_empty: bool = False,
    allow_missing: bool = False,
) -> pd.Series:
    """Return a column of text as an ``object`` Series, none missing (nor blank unless allowed).

    Accepts string, categorical and ``object`` columns whose values are all ``str``;
    numbers, booleans, lists, missing values (unless ``allow_missing``: they stay missing)
    and blank values (unless ``allow_empty``) name the first bad row.

    Parameters
    ----------
    field : str
        The parameter's name (or a column's), as the error message names it.
    values : array-like
        A column: a Series, or a list, tuple, array or Index.
    labels : array-like, optional
        The rows' labels in error messages (default: the index), e.g. the account ids.
    allow_empty : bool, default False
        Accept blank text.
    allow_missing : bool, default False
        Accept missing values (they stay missing).

    Returns
    -------
    pandas.Series
        The texts (``object``), on the same index.

    Raises
    ------
    KamValueError
        If a value is no text, missing or blank when that is not allowed (the first such row
        named).

    Examples
    --------
    >>> check_text_series("function", ["purchasing", "finance"]).tolist()
    ['purchasing', 'finance']
    """
    series = _as_series(field, values)
    labels = series.index if labels is None else labels
    text = series.astype(object)
    present = (
        text.notna().to_numpy(dtype=bool) if allow_missing else np.ones(len(text), dtype=bool)
    )
    if len(text) and infer_dtype(text[present], skipna=False) not in ("string", "empty"):
        is_text = np.array([isinstance(v, str) for v in text], dtype=bool)
        allowed = _("text") if allow_missing else _("text (not missing)")
        raise fail_row(field, present & ~is_text, labels, series, allowed)
    if not allow_empty and present.any():
        blank = np.zeros(len(text), dtype=bool)
        blank[present] = (text[present].str.strip() == "").to_numpy(dtype=bool)
        if blank.any():
            raise fail_row(field, blank, labels, series, _("non-empty text"))
    return text


def check_choice_series(
    field: str, values: Any, allowed: Iterable[str], *, labels: Any = None
) -> pd.Series:
    """Return a column of text (as ``object``) whose every value is one of ``allowed``.

    The column is checked by :func:`check_text_series` first (text, none missing); the
    first value that is none of the options names its row, and the options are listed.

    Parameters
    ----------
    field : str
        The parameter's name (or a column's), as the error message names it.
    values : array-like
        A column: a Series, or a list, tuple, array or Index.
    allowed : iterable of str
        The options.
    labels : array-like, optional
        The rows' labels in error messages (default: the index), e.g. the account ids.

    Returns
    -------
    pandas.Series
        The values (``object``), on the same index.

    Raises
    ------
    KamValueError
        If a value is no text, missing or none of ``allowed`` (the first such row named, the
        options listed).

    Examples
    --------
    >>> check_choice_series("status", ["done", "planned"], ("planned", "done")).tolist()
    ['done', 'planned']
    """
    options = list(allowed)
    series = _as_series(field, values)
    labels = series.index if labels is None else labels
    text = check_text_series(field, series, labels=labels)
    bad = ~text.isin(options).to_numpy(dtype=bool)
    if bad.any():
        raise fail_row(
            field, bad, labels, series, _("one of {options}").format(options=listing(options))
        )
    return text


def check_key_series(
    field: str, values: Any, *, labels: Any = None, unique: bool = False, kind: str = ""
) -> pd.Series:
    """Return a column of ids as it is: all text or all whole numbers, none missing.

    Typed columns (integers, strings, categoricals) cost one missing-value check; ``object``
    columns are checked value by value. With ``unique``, an id given twice is refused.
    ``kind`` names the ids in the message (default "an id"), e.g. "an account id".

    Parameters
    ----------
    field : str
        The parameter's name (or a column's), as the error message names it.
    values : array-like
        A column: a Series, or a list, tuple, array or Index.
    labels : array-like, optional
        The rows' labels in error messages (default: the index), e.g. the account ids.
    unique : bool, default False
        Refuse an id given twice.
    kind : str, optional
        What the ids are, for the message (default "an id"), e.g. "an account id".

    Returns
    -------
    pandas.Series
        ``values`` as they are.

    Raises
    ------
    KamValueError
        If an id is missing, mixes text and numbers, is no whole number, or repeats when
        ``unique`` (the first such row named).

    Examples
    --------
    >>> check_key_series("account_id", ["AC001", "AC002"], unique=True).tolist()
    ['AC001', 'AC002']
    """
    series = _as_series(field, values)
    labels = series.index if labels is None else labels
    if not _typed_keys(series):
        _raise_bad_key(field, series, labels, kind or _("an id"))
    if unique:
        repeated = series.duplicated().to_numpy(dtype=bool)
        if repeated.any():
            raise fail_row(field, repeated, labels, series, _("each id once (this one repeats)"))
    return series


def _typed_keys(series: pd.Series) -> bool:
    """Whether ``series`` holds ids of one kind and none missing (from its dtype mostly)."""
    dtype = series.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "iu":
        return True
    if isinstance(dtype, pd.CategoricalDtype):
        kind = infer_dtype(dtype.categories, skipna=False)
        return kind in ("string", "integer", "empty") and not (series.cat.codes < 0).any()
    is_object = pd.api.types.is_object_dtype(dtype)
    if pd.api.types.is_integer_dtype(dtype) or (
        pd.api.types.is_string_dtype(dtype) and not is_object
    ):
        return not series.isna().any()
    if is_object:
        return infer_dtype(series, skipna=False) in ("string", "integer", "empty")
    return False


def _raise_bad_key(field: str, series: pd.Series, labels: Any, kind: str) -> None:
    values = series.astype(object)
    is_text = np.array([isinstance(v, str) for v in values], dtype=bool)
    is_number = np.array(
        [isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))
         for v in values],
        dtype=bool,
    )
    bad = ~(is_text | is_number)
    if bad.any():
        allowed = _("{kind} (not missing), text or a whole number").format(kind=kind)
        raise fail_row(field, bad, labels, series, allowed)
    minority = is_number if is_text.sum() >= is_number.sum() else is_text
    raise fail_row(field, minority, labels, series,
                   _("ids of one kind: all text or all whole numbers"))
