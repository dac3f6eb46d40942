"""The course's colours, hatches and markers: Okabe–Ito colour-blind-safe, never colour alone.

Classes A/B/C run from dark to light (blue, sky blue, yellow) so their order survives
greyscale printing and colour-blindness; each also has its own hatch and marker. The BCG
quadrants use four other Okabe–Ito colours, each with a hatch. Widgets use the same colours
for their buttons, so a plot and a widget tell the same story.

The font helpers make every view bilingual without tofu (empty boxes for missing glyphs):
:func:`label` gives ``"English (中文)"`` when matplotlib has a font with Chinese glyphs and
plain English otherwise; :func:`plot_label` does the same for a registered
:mod:`kamlib.i18n` label; :func:`fit_fonts` gives a finished plot's texts the Chinese font.
matplotlib is imported only when a helper first needs it.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from typing import Any

from kamlib.i18n import _, get_language, t
from kamlib.validation import check_number, check_text, fail

# Okabe & Ito (2008), "Color Universal Design": eight colours distinguishable by most viewers.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
IMPOSSIBLE_COLOR = "#E4E4E4"
IMPOSSIBLE_HATCH = "xx"
TEXT_DARK = "#1A1A1A"
TEXT_LIGHT = "#FFFFFF"


# Font family names that usually carry Chinese glyphs; each candidate is then checked for
# the glyphs themselves, so a wrong guess costs nothing.
_CJK_NAME = re.compile(
    r"CJK|Han ?Sans|Han ?Serif|WenQuanYi|Hei|YaHei|PingFang|Ming|Kai|Song|Fang|Fallback|"
    r"\bSC\b|\bCN\b|\bTC\b|Sarasa|Zen",
    re.IGNORECASE,
)
_CJK_PROBE = "大客户管理阶段"


@functools.cache
def cjk_font() -> str | None:
    """Return the family name of an installed font with Chinese glyphs, or None.

    Returns
    -------
    str or None
        The font family matplotlib can draw Chinese with, or None if no installed font has
        the glyphs (plots then show English only).

    Examples
    --------
    >>> family = cjk_font()
    >>> family is None or isinstance(family, str)
    True
    """
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    for entry in font_manager.fontManager.ttflist:
        if not _CJK_NAME.search(entry.name):
            continue
        try:
            charmap = FT2Font(entry.fname).get_charmap()
        except (OSError, RuntimeError):
            continue
        if all(ord(glyph) in charmap for glyph in _CJK_PROBE):
            return entry.name
    return None


def cjk_font_available() -> bool:
    """Whether plots can show Chinese text (a font with Chinese glyphs is installed).

    Returns
    -------
    bool
        True if :func:`cjk_font` found a font.

    Examples
    --------
    >>> cjk_font_available() == (cjk_font() is not None)
    True
    """
    return cjk_font() is not None


def label(en: str, zh: str) -> str:
    """Return ``"en (zh)"`` if Chinese can be drawn (``zh`` alone in the Chinese edition),
    else ``en`` alone (never tofu boxes).

    Parameters
    ----------
    en : str
        The English text.
    zh : str
        The Chinese term; may be empty.

    Returns
    -------
    str
        Where a Chinese font is installed: ``zh`` if the current language is Chinese, else
        ``"en (zh)"``. Elsewhere, or if ``zh`` is empty: ``en``.

    Raises
    ------
    KamValueError
        If ``en`` is empty or either is no text.

    Examples
    --------
    >>> from kamlib.i18n import set_language
    >>> set_language("en")
    >>> label("Key account", "大客户") in ("Key account (大客户)", "Key account")
    True
    >>> label("Key account", "")
    'Key account'
    """
    en = check_text("en", en)
    zh = check_text("zh", zh, allow_empty=True)
    if not zh or not cjk_font_available():
        return en
    return zh if get_language() == "zh" else f"{en} ({zh})"


def stacked(en: str, zh: str) -> str:
    """Return ``"en\nzh"`` (English over Chinese) if Chinese can be drawn, ``zh`` alone in the
    Chinese edition, else ``en`` alone: the two-line names of boxes, steps and cells.

    Parameters
    ----------
    en : str
        The English name.
    zh : str
        The Chinese name (may be empty: then the English name alone).

    Returns
    -------
    str

    Raises
    ------
    KamValueError
        If ``en`` is not a non-empty text or ``zh`` not a text.

    Examples
    --------
    >>> stacked("Growth", "")
    'Growth'
    """
    en = check_text("en", en)
    zh = check_text("zh", zh, allow_empty=True)
    if not zh or not cjk_font_available():
        return en
    return zh if get_language() == "zh" else f"{en}\n{zh}"


# A Chinese aside in parentheses, e.g. " (客户分类系统)" or "（客户分类系统）".
_CHINESE_ASIDE = re.compile(r"\s*[(（][^()（）]*[\u3400-\u9fff][^()（）]*[)）]")


def plot_label(key: str, *, language: str | None = None) -> str:
    """The :mod:`kamlib.i18n` label ``key`` as a plot can draw it.

    Where Chinese can be drawn: the label in ``language``. Elsewhere: the English label
    without its Chinese asides ("XY grid (客户分类系统)" becomes "XY grid").

    Parameters
    ----------
    key : str
        A label registered with :func:`kamlib.i18n.register`, e.g. "view.xy.x".
    language : {"en", "zh"}, optional
        The language of the label (default: the current one).

    Returns
    -------
    str
        The label as the plot can draw it.

    Raises
    ------
    KamValueError
        If ``key`` is no registered label or ``language`` is unknown.

    Examples
    --------
    >>> from kamlib.i18n import N_, register
    >>> register({"doc.class_a": N_("Class A")})
    >>> plot_label("doc.class_a", language="en")
    'Class A'
    """
    text = t(key, language=language)  # checks the key and the language
    if cjk_font_available():
        return text
    return _CHINESE_ASIDE.sub("", t(key, language="en"))


def fit_fonts(ax: Any) -> Any:
    """Give every text of ``ax``'s figure the Chinese font as a fallback; return ``ax``.

    Latin text keeps its font; Chinese glyphs come from the fallback. Applied to the texts
    themselves (tick labels included), so it works on axes made before this module loaded.

    Parameters
    ----------
    ax : matplotlib Axes
        The finished plot.

    Returns
    -------
    matplotlib Axes
        ``ax`` itself.

    Raises
    ------
    KamValueError
        If ``ax`` is no Axes.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = plt.figure().add_subplot()
    >>> _ = ax.set_title("大客户管理")
    >>> fit_fonts(ax) is ax
    True
    """
    if check_axes(ax) is None:
        raise fail("ax", ax, _("a matplotlib Axes"))
    family = cjk_font()
    if family is None:
        return ax
    from matplotlib.text import Text

    for text in ax.figure.findobj(Text):
        families = list(text.get_fontfamily())
        if family not in families:
            text.set_fontfamily([*families, family])
    return ax


def new_axes(ax: Any, *, figsize: tuple[float, float]) -> Any:
    """Return ``ax``, or the axes of a new pyplot figure when ``ax`` is None.

    A pyplot figure is what a notebook shows on its own after the cell, as seaborn's plots
    are; widgets pass their own axes and leave no pyplot state behind.

    Parameters
    ----------
    ax : matplotlib Axes or None
        The axes a caller gave a view (None: make a new figure).
    figsize : (float, float)
        The new figure's width and height in inches, each 1–50.

    Returns
    -------
    matplotlib Axes
        ``ax``, or the new figure's axes.

    Raises
    ------
    KamValueError
        If ``ax`` is no Axes or ``figsize`` is not two sizes 1–50.

    Examples
    --------
    >>> ax = new_axes(None, figsize=(6, 4))
    >>> [float(size) for size in ax.figure.get_size_inches()]
    [6.0, 4.0]
    """
    if ax is None:
        import matplotlib.pyplot as plt

        figsize = _figsize(figsize)
        return plt.subplots(figsize=figsize, layout="constrained")[1]
    return check_axes(ax)


def _figsize(figsize: Any) -> tuple[float, float]:
    if not isinstance(figsize, (tuple, list)) or len(figsize) != 2:
        raise fail("figsize", figsize, _("(width, height) in inches, e.g. (8, 6)"))
    width, height = (check_number("figsize", size, minimum=1, maximum=50) for size in figsize)
    return width, height


def check_axes(ax: Any) -> Any:
    """Return ``ax`` if it is a matplotlib Axes or None (the ``ax=`` argument of every view).

    Parameters
    ----------
    ax : matplotlib Axes or None
        The axes a caller gave a view.

    Returns
    -------
    matplotlib Axes or None
        ``ax`` itself.

    Raises
    ------
    KamValueError
        If ``ax`` is anything else.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = plt.figure().add_subplot()
    >>> check_axes(ax) is ax
    True
    """
    from matplotlib.axes import Axes

    if ax is not None and not isinstance(ax, Axes):
        raise fail("ax", ax, _("a matplotlib Axes or None"))
    return ax


@dataclass(frozen=True)
class Mark:
    """How one category is drawn: fill colour, text colour on it, hatch and marker.

    Parameters
    ----------
    color : str
        The fill colour, e.g. "#0072B2".
    text_color : str
        The colour of text written on the fill (dark or light, whichever reads).
    hatch : str
        The matplotlib hatch ("" for none), so the category reads without colour.
    marker : str
        The matplotlib marker of a point of this category.

    Examples
    --------
    >>> CLASS_MARKS["A"].marker
    'o'
    """

    color: str
    text_color: str
    hatch: str
    marker: str


CLASS_MARKS = {
    "A": Mark(OKABE_ITO["blue"], TEXT_LIGHT, "", "o"),
    "B": Mark(OKABE_ITO["sky_blue"], TEXT_DARK, "//", "s"),
    "C": Mark(OKABE_ITO["yellow"], TEXT_DARK, "..", "^"),
    "VIP": Mark(OKABE_ITO["reddish_purple"], TEXT_DARK, "**", "*"),
}

QUADRANT_MARKS = {
    "star": Mark(OKABE_ITO["orange"], TEXT_DARK, "", "o"),
    "question_mark": Mark(OKABE_ITO["sky_blue"], TEXT_DARK, "..", "o"),
    "cash_cow": Mark(OKABE_ITO["bluish_green"], TEXT_LIGHT, "//", "o"),
    "dog": Mark(OKABE_ITO["vermillion"], TEXT_LIGHT, "xx", "o"),
}


class _SingleWeightFontFilter(logging.Filter):
    """Drop matplotlib's "Failed to find font weight bold" notice.

    Chinese fallback fonts such as WenQuanYi Micro Hei come in one weight; matplotlib then
    draws bold Chinese text in the regular weight, which is fine, but logs a warning on each
    plot that would show up as red text under every notebook cell.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("findfont: Failed to find font weight")


logging.getLogger("matplotlib.font_manager").addFilter(_SingleWeightFontFilter())
