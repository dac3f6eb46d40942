"""Tables as a learner reads them: full text (never cut at 50 characters) and money as money.

pandas shows a long text cut with "…" and a large amount as ``2.4e+08``; a course table shows
every word, wraps it, right-aligns numbers and writes amounts with thousands separators
("CNY 240,882,000"; "24,088.2 万元" in Chinese when short) through :mod:`kamlib.formatting`.
:func:`show` is for notebooks (it displays itself); :func:`to_html` gives the same table as
HTML, for widgets.
"""

from __future__ import annotations

import html
import inspect
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd

from kamlib.i18n import _, language_or_current
from kamlib.validation import (
    _show,
    check_bool,
    check_column_name,
    check_frame,
    check_numeric_series,
    check_text,
    fail,
    listing,
)

#: The table style (also part of the widgets' stylesheet, :mod:`kamlib.widgets.layout`).
#: JupyterLab right-aligns every cell of an HTML output with a selector of specificity
#: (0,2,1) (":not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td"); the cell rules here are
#: written "table.kam-table.kam-table" (0,2,2 and more) so that text stays left-aligned.
TABLE_CSS = """
.kam-table { border-collapse: collapse; font-size: 13px; line-height: 1.4; }
table.kam-table.kam-table th { text-align: left; vertical-align: bottom; background: #f2f2f2;
  border-bottom: 1px solid #bbb; padding: 4px 6px; white-space: normal; font-weight: 600; }
table.kam-table.kam-table td { text-align: left; vertical-align: top; padding: 3px 6px;
  border-bottom: 1px solid #eee; white-space: normal; overflow-wrap: break-word;
  max-width: 36em; }
table.kam-table.kam-table tbody th { vertical-align: top; }
table.kam-table.kam-table .kam-nowrap { white-space: nowrap; }
table.kam-table.kam-table .kam-num { text-align: right; white-space: nowrap;
  font-variant-numeric: tabular-nums; }
"""

_NUM, _NOWRAP = " class='kam-num'", " class='kam-nowrap'"
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _columns(frame: pd.DataFrame, field: str, columns: Sequence[str]) -> list[str]:
    if isinstance(columns, str):
        columns = [columns]
    if not isinstance(columns, (list, tuple)):
        raise fail(field, columns, _("a list of column names"))
    columns = [check_column_name(f"{field}[{i}]", c) for i, c in enumerate(columns)]
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise fail(field, missing, _("column names of frame: {names}").format(
            names=listing(map(str, frame.columns), quote=False)))
    return list(columns)


def _formatted(field: str, function: Callable[[Any], Any], value: Any) -> str:
    """``function(value)``: a caller's formatting function, whose failure is named."""
    try:
        text = function(value)
    except Exception as error:  # noqa: BLE001 (the caller's function: any error is named)
        raise fail(field, function, _("a function that turns {value} into text (it raised "
                                      "{error})").format(value=_show(value),
                                                         error=type(error).__name__)) from None
    if not isinstance(text, str):
        raise fail(field, function, _("a function that returns text"))
    return text


def to_html(
    frame: pd.DataFrame,
    *,
    index: bool = True,
    money: Sequence[str] = (),
    nowrap: Sequence[str] = (),
    formatters: Mapping[str, Callable[[Any], str]] | None = None,
    float_format: Callable[[float], str] | None = None,
    na_rep: str = "",
    language: str | None = None,
) -> str:
    """``frame`` as the course's HTML table (class ``kam-table``): full text, wrapped.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    index : bool
        Show the row labels as the first column.
    money : list of str
        Columns of CNY amounts, written with :func:`kamlib.formatting.money` in ``language``
        (thousands separators; 元 in Chinese).
    nowrap : list of str
        Columns kept on one line (dates).
    formatters : dict, optional
        A function per column, value -> text, for the other columns.
    float_format : callable, optional
        Text of the other floats.
    na_rep : str
        Text of a missing value.
    language : {"en", "zh"}, optional
        Default: the current language.

    Returns
    -------
    str
        An HTML ``<table>``; numbers right-aligned under right-aligned headers.

    Raises
    ------
    KamValueError
        ``frame`` is not a DataFrame, or ``money``/``nowrap`` name a column it lacks.

    Examples
    --------
    >>> "CNY 1,234,567" in to_html(pd.DataFrame({"revenue": [1234567.0]}), money=["revenue"],
    ...                             language="en")
    True
    """
    from kamlib import formatting

    check_frame("frame", frame, [])
    check_bool("index", index)
    money = _columns(frame, "money", money)
    nowrap = _columns(frame, "nowrap", nowrap)
    lang = language_or_current(language)
    na_rep = check_text("na_rep", na_rep, allow_empty=True)
    if float_format is not None and not callable(float_format):
        raise fail("float_format", float_format, _("a function number -> text, or None"))
    if formatters is not None and (
        not isinstance(formatters, Mapping) or not all(map(callable, formatters.values()))
    ):
        raise fail("formatters", formatters, _("a dict of column -> function value -> text"))
    functions: dict[Any, Callable[[Any], str]] = dict(formatters or {})
    for column in money:
        check_numeric_series(f"frame[{column!r}]", frame[column], allow_missing=True)
        functions[column] = lambda value: formatting.money(value, language=lang)
    numeric = {c for c in frame.columns
               if c in money or (pd.api.types.is_numeric_dtype(frame[c])
                                 and not pd.api.types.is_bool_dtype(frame[c]))}

    def cell(column: Any, value: Any) -> str:
        if value is None or (pd.api.types.is_scalar(value) and not isinstance(value, str)
                             and pd.isna(value)):
            text = na_rep
        elif column in functions:
            text = _formatted(f"formatters[{column!r}]", functions[column], value)
        elif isinstance(value, (list, tuple)):  # e.g. the warning signs of a risk factor
            text = "; ".join(map(str, value))
        elif float_format is not None and isinstance(value, float):
            text = _formatted("float_format", float_format, value)
        else:
            text = str(value)
        kind = _NUM if column in numeric else _NOWRAP if column in nowrap else ""
        return f"<td{kind}>{html.escape(text)}</td>"

    corner = f"<th>{html.escape(str(frame.index.name or ''))}</th>" if index else ""
    head = corner + "".join(f"<th{_NUM if c in numeric else ''}>{html.escape(str(c))}</th>"
                            for c in frame.columns)
    rows = []
    for label, row in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
        first = f"<th>{html.escape(str(label))}</th>" if index else ""
        rows.append("<tr>" + first + "".join(
            cell(c, v) for c, v in zip(frame.columns, row, strict=True)) + "</tr>")
    return (f"<table class='kam-table'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


class Table:
    """A table that shows itself in a notebook with its full text and money formatted.

    Its plain-text form (``repr``, what a text-only view of a notebook shows, and what nbval
    compares in a pinned output) is one line per row, the cells joined by " | ".
    """

    def __init__(self, html_text: str) -> None:
        self.html = html_text

    def _repr_html_(self) -> str:
        return f"<style>{TABLE_CSS}</style>{self.html}"

    def __repr__(self) -> str:
        return "\n".join(
            " | ".join(html.unescape(_TAG.sub("", cell)) for cell in _CELL.findall(row))
            for row in _ROW.findall(self.html))


def show(frame: pd.DataFrame, **options: Any) -> Table:
    """``frame`` for a notebook: every word shown, amounts as money (see :func:`to_html`).

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    **options
        The options of :func:`to_html` (``money=[...]``, ``index=False``, ...).

    Returns
    -------
    Table
        Shows itself when it is the last value of a cell.

    Examples
    --------
    >>> table = show(pd.DataFrame({"stage": ["A long definition " * 5]}), index=False)
    >>> "…" in table.html
    False
    """
    known = set(inspect.signature(to_html).parameters) - {"frame"}
    unknown = sorted(set(options) - known)
    if unknown:
        raise fail("options", unknown[0], _("an option of to_html: {names}").format(
            names=", ".join(sorted(known))))
    return Table(to_html(frame, **options))
