"""What each lecture says about the case data, as sentences in the learner's language.

A lecture notebook shows a fact about Huaxin's books (or the learner's studied account) with
one call, e.g. ``lecture1.top_accounts_share()``: the function computes the fact with the
concept modules and returns it as Markdown written through ``_()``, so the English and the
Chinese editions run the same code cell. One module per lecture: ``lecture1``, ``lecture2``,
``lecture3``. Tests recompute every fact independently.

What a lesson function returns shows itself when it is the last value of a cell:
:class:`Markdown` (a sentence or a list), :class:`kamlib.tables.Table` (through
:func:`kamlib.tables.show`) or :class:`Chart` (a figure drawn by a :mod:`kamlib.views`
function).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from kamlib.validation import check_number, check_text


class Markdown(str):
    """Text a lesson states about the data: a plain ``str`` that a notebook shows as Markdown.

    Examples
    --------
    >>> text = Markdown("**71.6%** of revenue")
    >>> text._repr_markdown_(), text.upper()
    ('**71.6%** of revenue', '**71.6%** OF REVENUE')
    """

    __slots__ = ()

    def _repr_markdown_(self) -> str:
        return str(self)


class Chart:
    """A figure a lesson draws, shown in a notebook as a PNG image.

    ``draw(ax)`` draws on fresh axes of a bare :class:`matplotlib.figure.Figure` (no pyplot:
    nothing is left open and no backend is needed), ``figsize`` in inches, ``alt`` the figure
    in words. The figure is drawn once into ``.png`` and then let go: a lecture shows several
    charts and each figure holds 2–3 MB, which a class of thirty kernels on one machine would
    keep for nothing. What the figure said stays, for tests: ``.title``, ``.xlabel``,
    ``.ylabel`` and ``.texts`` (every non-empty text drawn, in drawing order).

    Examples
    --------
    >>> chart = Chart(lambda ax: ax.set_title("A line"), figsize=(3, 2), alt="A line.")
    >>> chart.png[:4], chart.alt, chart.title, "A line" in chart.texts
    (b'\\x89PNG', 'A line.', 'A line', True)
    """

    def __init__(self, draw: Callable[[Any], Any], *, figsize: tuple[float, float],
                 alt: str) -> None:
        from matplotlib.figure import Figure
        from matplotlib.text import Text

        width, height = figsize
        check_number("figsize width", width, minimum=1, maximum=30)
        check_number("figsize height", height, minimum=1, maximum=30)
        self.alt = check_text("alt", alt)
        figure = Figure(figsize=figsize, dpi=100, layout="constrained")
        axes = figure.subplots()
        draw(axes)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        self.png = buffer.getvalue()
        self.title, self.xlabel, self.ylabel = (
            axes.get_title(), axes.get_xlabel(), axes.get_ylabel())
        self.texts = tuple(text for text in (t.get_text() for t in figure.findobj(Text)) if text)

    def _repr_png_(self) -> bytes:
        return self.png

    def __repr__(self) -> str:
        return self.alt
