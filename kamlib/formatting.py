"""Numbers, money and dates as a trainer writes them, in English or in Chinese.

English: "CNY 24,088,200", "CNY 24.1 m", "31 December 2025". Chinese: "2,408.8 万元",
"1.2 亿元", "2025年12月31日". Tables keep thousands separators; prose may round to millions
(English) or to 万元 / 亿元 (Chinese), as a trainer would say it. Every function takes
``language`` (default: :func:`kamlib.i18n.get_language`).
"""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

from kamlib.i18n import _, language_or_current
from kamlib.validation import (
    check_bool,
    check_date,
    check_number,
    check_numeric_series,
    check_text,
    fail,
)

_UNITS_ZH = ((1e8, "亿元"), (1e4, "万元"))
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")




def money(amount: Any, *, language: str | None = None, short: bool = False,
          decimals: int | None = None) -> str:
    """An amount in CNY (yuan) as text.

    Parameters
    ----------
    amount : number
        A finite amount in yuan.
    language : {"en", "zh"}, optional
        Default: the current language.
    short : bool
        Round as in speech: millions in English ("CNY 24.1 m"), 万元 or 亿元 in Chinese
        ("2,408.8 万元", "1.2 亿元"). Otherwise the full amount with thousands separators.
    decimals : int, optional
        Decimals to show (default: 0 in full, 1 when short).

    Returns
    -------
    str

    Examples
    --------
    >>> money(24088200, language="en")
    'CNY 24,088,200'
    >>> money(24088200, language="en", short=True)
    'CNY 24.1 m'
    >>> money(24088200, language="zh", short=True)
    '2,408.8 万元'
    >>> money(123456789, language="zh", short=True)
    '1.2 亿元'
    >>> money(5000, language="zh")
    '5,000 元'
    """
    value = float(check_number("amount", amount))
    lang = language_or_current(language)
    short = check_bool("short", short)
    places = (1 if short else 0) if decimals is None else check_number(
        "decimals", decimals, minimum=0, maximum=6, integer=True)
    sign = "-" if value < 0 else ""
    size = abs(value)
    if lang == "zh":
        if short:
            for unit_size, unit in _UNITS_ZH:
                if size >= unit_size:
                    return f"{sign}{size / unit_size:,.{places}f} {unit}"
        return f"{sign}{size:,.{0 if short and decimals is None else places}f} 元"
    if short and size >= 1e9:
        return f"{sign}CNY {size / 1e9:,.{places}f} bn"
    if short and size >= 1e6:
        return f"{sign}CNY {size / 1e6:,.{places}f} m"
    if short and size >= 1e3:
        return f"{sign}CNY {size / 1e3:,.{places}f} k"
    return f"{sign}CNY {size:,.{0 if short and decimals is None else places}f}"


def number(value: Any, *, decimals: int = 0) -> str:
    """A number with thousands separators ("1,234,567"), the same in both languages.

    Parameters
    ----------
    value : number
        The number to show.
    decimals : int, default 0
        Digits after the decimal point, 0–6.

    Returns
    -------
    str
        The number as text.

    Raises
    ------
    KamValueError
        If ``value`` is no finite number or ``decimals`` is not a whole number 0–6.

    Examples
    --------
    >>> number(1234567.891, decimals=1)
    '1,234,567.9'
    """
    checked = float(check_number("value", value))
    places = check_number("decimals", decimals, minimum=0, maximum=6, integer=True)
    return f"{checked:,.{places}f}"


def percent(fraction: Any, *, decimals: int = 1) -> str:
    """A fraction (0.153) as a percentage ("15.3%").

    Parameters
    ----------
    fraction : number
        The share as a fraction (1 is 100%).
    decimals : int, default 1
        Digits after the decimal point, 0–6.

    Returns
    -------
    str
        The percentage as text.

    Raises
    ------
    KamValueError
        If ``fraction`` is no finite number or ``decimals`` is not a whole number 0–6.

    Examples
    --------
    >>> percent(0.153)
    '15.3%'
    """
    checked = float(check_number("fraction", fraction))
    places = check_number("decimals", decimals, minimum=0, maximum=6, integer=True)
    return f"{checked * 100:.{places}f}%"


def day(value: Any, *, language: str | None = None) -> str:
    """A calendar day in prose: "31 December 2025" or "2025年12月31日".

    Parameters
    ----------
    value : date
        A date or a date text such as "2025-12-31".
    language : {"en", "zh"}, optional
        The language of the text (default: the current one).

    Returns
    -------
    str
        The day as a reader writes it.

    Raises
    ------
    KamValueError
        If ``value`` is no date or ``language`` is unknown.

    Examples
    --------
    >>> day("2025-12-31", language="en")
    '31 December 2025'
    >>> day("2025-12-31", language="zh")
    '2025年12月31日'
    """
    stamp = check_date("value", value)
    if language_or_current(language) == "zh":
        return f"{stamp.year}年{stamp.month}月{stamp.day}日"
    return f"{stamp.day} {_MONTHS_EN[stamp.month - 1]} {stamp.year}"


#: A company name's legal form, left out of short names ("…Furniture Co., Ltd.", "…有限公司").
_LEGAL_FORM = re.compile(r"(\s*Co\.,?\s*Ltd\.?|\s*Ltd\.?|有限公司|股份公司)$")


def company_name(account: Any, *, short: bool = False, language: str | None = None) -> str:
    """An account's name as the reader's edition gives it: ``name``, or ``name_zh`` in Chinese.

    Parameters
    ----------
    account : mapping
        A row of the accounts table (a pandas Series or a dict) with ``name`` and ``name_zh``.
    short : bool
        Leave out the legal form ("Co., Ltd.", "有限公司"), as labels and titles do.
    language : {"en", "zh"}, optional
        The language of the text (default: the current one).

    Returns
    -------
    str

    Raises
    ------
    KamValueError
        If ``account`` has no text ``name`` (or ``name_zh``, in Chinese) or ``language`` is
        unknown.

    Examples
    --------
    >>> row = {"name": "Changsha Shengrui Furniture Co., Ltd.", "name_zh": "长沙盛瑞家具有限公司"}
    >>> company_name(row, language="en"), company_name(row, short=True, language="zh")
    ('Changsha Shengrui Furniture Co., Ltd.', '长沙盛瑞家具')
    """
    field = "name_zh" if language_or_current(language) == "zh" else "name"
    try:
        name = account[field]
    except (KeyError, TypeError, IndexError):
        raise fail("account", account, _("an accounts row with '{field}'").format(
            field=field)) from None
    name = check_text(f"account.{field}", name)
    return _LEGAL_FORM.sub("", name) if check_bool("short", short) else name


def money_column(values: pd.Series, *, language: str | None = None,
                 short: bool = False) -> pd.Series:
    """A column of amounts as text for a table (missing amounts stay empty).

    Parameters
    ----------
    values : pandas.Series
        Amounts in CNY; missing ones are allowed.
    language : {"en", "zh"}, optional
        The language of the text (default: the current one).
    short : bool, default False
        Round to thousands, millions … ("CNY 24.1 m", "2,408.8 万元"), as :func:`money`.

    Returns
    -------
    pandas.Series
        The amounts as text, on the same index.

    Raises
    ------
    KamValueError
        If ``values`` is no Series of numbers or ``language`` is unknown.

    Examples
    --------
    >>> money_column(pd.Series([1500.0, None]), language="en").tolist()
    ['CNY 1,500', '']
    """
    lang = language_or_current(language)
    short = check_bool("short", short)
    if not isinstance(values, pd.Series):
        raise fail("values", values, _("a pandas Series of amounts"))
    amounts = check_numeric_series("values", values, allow_missing=True)
    return amounts.map(
        lambda amount: "" if math.isnan(amount) else money(amount, language=lang, short=short)
    )
