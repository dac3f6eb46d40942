"""The foundation every course widget is built on: workbook saving, labels, messages, plots.

A widget is a plain Python class that *has* an ipywidgets box (``.widget``) rather than being
one, so that its public surface stays small. To write a new one:

1. subclass :class:`KamWidget`, set the class attribute ``section`` (the workbook key);
2. in ``__init__`` check your own arguments, call ``super().__init__(section=...,
   workbook=..., language=...)``, then :meth:`KamWidget._open`: it calls your ``_build()``
   (the child widgets, put in ``self.widget``), ``_restore(saved)`` (the saved work, with
   observers quiet) and ``_refresh()`` (show the state);
3. implement the ``value`` property: the learner's state as plain JSON data;
4. in every observer, return at once while ``self._syncing`` (code, not the learner, is
   setting the controls: see :meth:`KamWidget._quietly`), else update the model and call
   ``self.save()``; show bad input with ``self.show_error(error)`` (a
   :class:`~kamlib.KamValueError`) instead of raising.

Labels come from :mod:`kamlib.i18n` through :meth:`KamWidget.label`; plots go through
:class:`PlotOutput`.
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
import re
from collections.abc import Callable, Iterator
from typing import Any

import ipywidgets as widgets
import pandas as pd

from kamlib._validation import KamValueError, check_choice, check_text, fail
from kamlib.i18n import LANGUAGES, register, t
from kamlib.workbook import Workbook, default_workbook

register(
    {
        "widget.problem": {"en": "Please check your input", "zh": "请检查输入"},
        "widget.plot_alt": {"en": "Plot", "zh": "图表"},
    }
)


class KamWidget:
    """Base class of the course widgets: a section of the learner's workbook plus an ipywidget.

    ``section``: the workbook key the state is saved under (a class default, overridable so
    that a notebook can have, e.g., one SWOT board per account). ``workbook``: the store to
    use (default: :func:`kamlib.workbook.default_workbook`). ``language``: ``"en"`` or
    ``"zh"`` for this widget's labels (default: the current language of :mod:`kamlib.i18n`).
    """

    section: str = ""
    widget: widgets.Widget

    def __init__(
        self,
        *,
        section: str | None = None,
        workbook: Workbook | None = None,
        language: str | None = None,
    ) -> None:
        self.section = check_text("section", type(self).section if section is None else section)
        if workbook is not None and not isinstance(workbook, Workbook):
            raise fail("workbook", workbook, "a kamlib.workbook.Workbook or None")
        self.workbook = default_workbook() if workbook is None else workbook
        self.language = None if language is None else check_choice("language", language, LANGUAGES)
        self.message = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        self._syncing = False

    def _open(self, *restore_args: Any) -> None:
        """Build the controls, restore the saved work quietly, show it: how widgets start.

        Calls ``self._build()``, ``self._restore(self.saved(), *restore_args)`` inside
        :meth:`_quietly`, then ``self._refresh()``.
        """
        self._build()
        with self._quietly():
            self._restore(self.saved(), *restore_args)
        self._refresh()

    @contextlib.contextmanager
    def _quietly(self) -> Iterator[None]:
        """Set ``self._syncing`` while code sets the controls, so observers ignore the change.

        Nests: an inner block leaves ``self._syncing`` as the outer block set it.
        """
        previous, self._syncing = self._syncing, True
        try:
            yield
        finally:
            self._syncing = previous

    def _ignore_saved(self, error: Exception, what: str = "work") -> None:
        """Say that the saved ``what`` could not be read and was left out (never raise)."""
        self.show_error(
            KamValueError(f"saved {what} in section {self.section!r} ignored: {error}")
        )

    @property
    def value(self) -> Any:
        """The learner's state as plain JSON data (what :meth:`save` writes)."""
        raise NotImplementedError(f"{type(self).__name__} must define the value property")

    def label(self, key: str) -> str:
        """Return the registered label ``key`` in this widget's language."""
        return t(key, self.language)

    def saved(self) -> Any:
        """Return what the workbook holds for this widget's section (``None`` if nothing)."""
        return self.workbook.get(self.section)

    def save(self) -> None:
        """Write :attr:`value` to the workbook under :attr:`section`."""
        self.workbook.set(self.section, self.value)

    def show_error(self, error: Exception) -> None:
        """Show a problem with the learner's input in the widget instead of raising it."""
        self.message.value = (
            '<div role="alert" style="color:#A63603;background:#FFF3E0;border-left:4px solid '
            f'#D55E00;padding:4px 8px"><b>{html.escape(self.label("widget.problem"))}:</b> '
            f"{html.escape(str(error))}</div>"
        )

    def clear_error(self) -> None:
        """Remove the message shown by :meth:`show_error`."""
        self.message.value = ""

    @property
    def error(self) -> str:
        """The text of the message on show ("" if none), for tests and notebooks."""
        return html.unescape(_strip_tags(self.message.value))

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def _strip_tags(markup: str) -> str:
    return re.sub(r"<[^>]+>", "", markup)


def html_table(frame: pd.DataFrame, *, index: bool = True, **options: Any) -> str:
    """``frame`` as the course's HTML table (class ``kam-table``, no border).

    ``options`` go to :meth:`pandas.DataFrame.to_html` (e.g. ``float_format``, ``na_rep``).
    """
    return frame.to_html(index=index, border=0, classes="kam-table", **options)


class PlotOutput:
    """An ``Output`` widget that shows one matplotlib figure and replaces it on each redraw.

    The figure is a bare :class:`matplotlib.figure.Figure` rendered to PNG, not a pyplot
    figure, so nothing is left open (no leaks across redraws) and no backend needs choosing:
    the same code runs in the notebook and in tests. ``png`` holds the last image and
    ``axes`` the last axes, for tests.
    """

    def __init__(
        self,
        figsize: tuple[float, float] = (7.0, 5.0),
        dpi: int = 100,
        margins: dict[str, float] | None = None,
    ) -> None:
        """``margins``: fixed subplot margins (figure fractions, as for
        ``Figure.subplots_adjust``); faster than the default constrained layout, which lays
        the figure out twice, so use them for plots redrawn on every change."""
        self.figsize, self.dpi, self.margins = figsize, dpi, margins
        self.output = widgets.Output()
        self.png = b""
        self.axes: Any = None

    def draw(self, plot: Callable[[Any], Any], alt: str = "") -> None:
        """Call ``plot(ax)`` on fresh axes and show the result; ``alt`` describes it in words."""
        from matplotlib.figure import Figure

        figure = Figure(figsize=self.figsize, dpi=self.dpi,
                        layout=None if self.margins else "constrained")
        axes = figure.subplots()
        if self.margins:
            figure.subplots_adjust(**self.margins)
        plot(axes)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
        self.png, self.axes = buffer.getvalue(), axes
        self.output.outputs = (
            {
                "output_type": "display_data",
                "data": {
                    "image/png": base64.b64encode(self.png).decode("ascii"),
                    "text/plain": alt or t("widget.plot_alt"),
                },
                "metadata": {},
            },
        )
