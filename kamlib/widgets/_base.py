"""The foundation every course widget is built on: workbook saving, labels, messages, plots.

A widget is a plain Python class that *has* an ipywidgets box (``.widget``) rather than being
one, so that its public surface stays small. To write a new one:

1. subclass :class:`KamWidget` and set the class attribute ``section`` (the workbook key);
2. if it takes data, give it an ``__init__(self, data=None, **options)`` that checks the data,
   keeps it on ``self`` and ends with ``super().__init__(**options)`` (the options are
   :class:`WidgetOptions`: ``section``, ``workbook``, ``language``, keyword-only; annotate
   them ``**options: Unpack[WidgetOptions]``, importing ``Unpack`` from ``typing_extensions``
   under ``TYPE_CHECKING``);
3. implement ``_build()`` (the child widgets and the starting state; put the box in
   ``self.widget``), ``_restore(saved)`` (apply the saved work; observers are quiet) and
   ``_refresh()`` (show the state; never save): :class:`KamWidget` calls them in this order;
4. implement the ``value`` property: the learner's state as plain JSON data;
5. in every observer, return at once while ``self._syncing`` (code, not the learner, is
   setting the controls: see :meth:`KamWidget._quietly`), else update the model and call
   ``self.save()`` (:meth:`KamWidget._on_learner_change` does it for controls whose change
   needs only ``_refresh()``); show bad input with ``self.show_error(error)`` (a
   :class:`~kamlib.KamValueError`) instead of raising.

Only the learner's changes are saved: creating a widget writes nothing, so data fixed later
(e.g. the case company's figures) reaches every learner who has not edited it. Labels come
from :mod:`kamlib.i18n` through :meth:`KamWidget.label`; plots go through :class:`PlotOutput`.
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypedDict

import ipywidgets as widgets
import pandas as pd

from kamlib.i18n import LANGUAGES, register, t
from kamlib.validation import KamValueError, check_choice, check_text, fail
from kamlib.workbook import Workbook, default_workbook

if TYPE_CHECKING:
    from typing_extensions import Unpack

register(
    {
        "widget.problem": {"en": "Please check your input", "zh": "请检查输入"},
        "widget.plot_alt": {"en": "Plot", "zh": "图表"},
    }
)


class WidgetOptions(TypedDict, total=False):
    """The keyword options every widget takes (see :class:`KamWidget`)."""

    section: str | None
    workbook: Workbook | None
    language: str | None


class KamWidget:
    """Base class of the course widgets: a section of the learner's workbook plus an ipywidget.

    ``section``: the workbook key the state is saved under (a class default, overridable so
    that a notebook can have, e.g., one SWOT board per account). ``workbook``: the store to
    use (default: :func:`kamlib.workbook.default_workbook`). ``language``: ``"en"`` or
    ``"zh"`` for this widget's labels (default: the current language of :mod:`kamlib.i18n`).
    The constructor then builds the controls, restores the saved work and shows it.
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
        self._saved_problem: KamValueError | None = None
        self._build()
        with self._quietly():
            self._restore(self.saved())
        self._refresh()
        if self._saved_problem is not None:  # shown last: the first refresh may clear messages
            self.show_error(self._saved_problem)

    def _build(self) -> None:
        """Create the child widgets and the starting state; set ``self.widget`` (here: the
        message alone)."""
        self.widget = widgets.VBox([self.message])

    def _restore(self, saved: Any) -> None:
        """Apply the saved work (``None`` when there is none); report bad parts, never raise."""

    def _refresh(self) -> None:
        """Show the current state (recompute, redraw); never save."""

    def _on_learner_change(self, _change: Any = None) -> None:
        """An observer for controls whose change needs only a refresh and a save."""
        if self._syncing:
            return
        self._refresh()
        self.save()

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
        self._report_saved_problem(
            KamValueError(f"saved {what} in section {self.section!r} ignored: {error}")
        )

    def _report_saved_problem(self, problem: KamValueError) -> None:
        """Show ``problem`` with the saved work once the widget is built (the last one wins)."""
        self._saved_problem = problem

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


class CaseAccountWidget(KamWidget):
    """A widget that may be about one account of the case company.

    ``account_id``: the account (checked against the case data), or None. Given one, the
    work is saved under ``<section>/<account_id>`` unless ``section`` is given, so each
    account keeps its own answers.
    """

    def __init__(self, account_id: str | None = None, **options: Unpack[WidgetOptions]) -> None:
        self.account_id = None if account_id is None else _case_account(account_id)
        if options.get("section") is None and self.account_id is not None:
            options["section"] = f"{type(self).section}/{self.account_id}"
        super().__init__(**options)


def _case_account(account_id: Any) -> str:
    from kamlib import datasets

    account_id = check_text("account_id", account_id)
    accounts = datasets.load("accounts")["account_id"]
    if account_id not in set(accounts):
        raise fail("account_id", account_id,
                   f"an account id of the case data, e.g. {accounts.iloc[0]!r}")
    return account_id


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
